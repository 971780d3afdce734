// A supervisor's changes to an agent (issue 14): routing status, presence (secondary
// statuses too), queue membership activation and log out, with the permission checks the
// swagger declares and the events the agent's topics carry afterwards.
//
// Sources: contracts/genesys/platform-api-subset.json (paths, bodies, 200/202/204,
// x-inin-requires-permissions); help.mypurecloud.com "Change an agent's status" (On Queue ->
// Off Queue leaves the agent Available; a user status while On Queue takes them off queue;
// secondary statuses; log out needs OAuth > Token > Delete); community.genesys.com "How to
// set agent onqueue via API" (On Queue is a presence change; the routing status endpoint does
// not set it) and "CloudCX LOGOUT API" (DELETE /api/v2/tokens/{userId} logs the agent out and
// moves them to Offline); notification-topics-2.json (AgentActivityChangedTopicAgentActivity).
#include "core.h"

#include <algorithm>

namespace gcsim {

// Sam holds every permission these endpoints name except routing:queue:edit (a supervisor,
// not a queue administrator); --deny-permission takes one more away.
void Core::requirePermission(std::initializer_list<const char*> anyOf) const {
    std::string listed;
    for (const char* permission : anyOf) {
        const std::string name = permission;
        if (name != "routing:queue:edit" && name != options_.denyPermission) return;
        listed += (listed.empty() ? "" : ", ") + name;
    }
    throw ApiError{403, "missing.permissions",
                   "Unable to perform the requested action. You are missing the following permission(s): " + listed};
}

const SecondaryPresence* Core::findSecondaryPresence(const std::string& definitionId) const {
    for (const auto& secondary : secondaryPresences_)
        if (secondary.id == definitionId) return &secondary;
    return nullptr;
}

json::array Core::joinedQueueIds(const User& user) const {
    json::array ids;
    for (int q : user.queues)
        if (user.joinedTo(q)) ids.push_back(json::string(queues_[static_cast<size_t>(q)].id));
    return ids;
}

// Every token of the user is revoked (their channels are told) and they go Offline.
void Core::logOut(User& user) {
    for (auto& [value, token] : tokens_) {
        if (token.user != user.index || token.revoked) continue;
        token.revoked = true;
        refreshTokens_.erase(token.refreshToken);
    }
    for (auto& [id, channel] : channels_)
        if (channel.user == user.index)
            deliver(channel,
                    std::make_shared<const std::string>(systemFrame(id, "token_revoked", "user_tokens_revoked",
                                                                    "The user's tokens were revoked.")),
                    false);
    setPresence(user, "Offline");
}

void Core::registerAgentActionRoutes() {
    auto userOr404 = [this](const std::string& id) -> User& {
        User* user = findUser(id);
        if (!user) throw ApiError{404, "not.found", "The user " + id + " was not found."};
        return *user;
    };

    // Only OFF_QUEUE can be set here; On Queue is the On Queue presence.
    route("PUT", "users/{}/routingstatus", [this, userOr404](const HttpRequest& request, const std::vector<std::string>& args,
                                                              const Params&, Token* token) {
        requireUserContext(token);
        User& user = userOr404(args[0]);
        const json::object body = parseBodyObject(request.body);
        const json::value* status = body.if_contains("status");
        if (!status || !status->is_string() || status->as_string() != "OFF_QUEUE")
            throw ApiError{400, "bad.request",
                           "Only OFF_QUEUE can be set; to go on queue set the On Queue presence."};
        if (user.systemPresence == "OnQueue") setPresence(user, "Available");  // off queue leaves them Available
        return jsonResponse(200, routingStatusJson(user));
    });

    route("PATCH", "users/{}/presences/purecloud", [this, userOr404](const HttpRequest& request,
                                                                      const std::vector<std::string>& args, const Params&,
                                                                      Token* token) {
        requireUserContext(token);
        User& user = userOr404(args[0]);
        const json::object body = parseBodyObject(request.body);
        const json::value* definition = body.if_contains("presenceDefinition");
        const json::value* id = definition && definition->is_object() ? definition->as_object().if_contains("id") : nullptr;
        if (!id || !id->is_string()) throw ApiError{400, "bad.request", "presenceDefinition.id is required."};
        const std::string wanted(id->as_string());
        std::string systemPresence;
        for (const auto& [presence, definitionId] : presenceDefinitions_)
            if (definitionId == wanted) systemPresence = presence;
        if (const SecondaryPresence* secondary = findSecondaryPresence(wanted)) systemPresence = secondary->systemPresence;
        if (systemPresence.empty())
            throw ApiError{400, "bad.request", "The presence definition " + wanted + " does not exist in this organization."};
        setPresence(user, systemPresence, wanted);
        tryRouteForAgent(user.index);
        json::object answer = presenceJson(user);
        answer["id"] = "purecloud";
        answer["name"] = "PURECLOUD";
        answer["selfUri"] = selfUri("users/" + user.id + "/presences/purecloud");
        return jsonResponse(200, answer);
    });

    route("PATCH", "routing/queues/{}/members/{}", [this](const HttpRequest& request, const std::vector<std::string>& args,
                                                          const Params&, Token* token) {
        requireUserContext(token);
        requirePermission({"routing:queue:edit", "routing:queueMember:manage"});
        Queue* queue = findQueue(args[0]);
        if (!queue) throw ApiError{404, "not.found", "The queue " + args[0] + " was not found."};
        User* user = findUser(args[1]);
        if (!user || std::find(user->queues.begin(), user->queues.end(), queue->index) == user->queues.end())
            throw ApiError{404, "not.found", "The user " + args[1] + " is not a member of the queue " + queue->name + "."};
        const json::object body = parseBodyObject(request.body);
        const json::value* joined = body.if_contains("joined");
        if (!joined || !joined->is_bool()) throw ApiError{400, "bad.request", "joined (true or false) is required."};
        if (joined->as_bool() != user->joinedTo(queue->index)) {
            if (joined->as_bool())
                std::erase(user->inactiveQueues, queue->index);
            else
                user->inactiveQueues.push_back(queue->index);
            user->activeQueuesChangedMs = wallNowMs();
            queue->observationsDirty = true;
            emitActivity(*user);
            if (joined->as_bool()) tryRouteForAgent(user->index);
        }
        HttpResponse accepted;
        accepted.status = 202;  // "User update has been accepted": no body
        accepted.body.clear();
        return accepted;
    });

    route("DELETE", "tokens/{}", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&,
                                                   Token* token) {
        requireUserContext(token);
        requirePermission({"oauth:token:delete"});
        logOut(userOr404(args[0]));
        HttpResponse deleted;
        deleted.status = 204;
        return deleted;
    });
}

}  // namespace gcsim
