// Conversations: read views, live monitor/coach/barge, and transcript URLs.
#include "core.h"

#include <algorithm>

namespace gcsim {

void requireUserContext(const Token* token) {
    if (token->user < 0)
        throw ApiError{400, "not.a.user",
                       "This request requires a user context. Client credentials cannot be used for requests to this resource."};
}

namespace {

HttpResponse created() {
    HttpResponse response;
    response.status = 201;
    return response;
}

}  // namespace

void Core::liveAction(const std::string& conversationId, const std::string& participantId, const std::string& mode,
                      int userIndex, bool messaging) {
    Conversation* conversation = findConversation(conversationId);
    if (!conversation) throw ApiError{404, "not.found", "The conversation " + conversationId + " was not found."};
    User& caller = users_[static_cast<size_t>(userIndex)];
    // Zombie race: the call ends just after the client's pre-flight check.
    if (faults_.zombie > 0 && conversation->phase != Phase::Ended && conversation->endMs == 0) {
        --faults_.zombie;
        endConversation(*conversation, "peer");
    }
    const bool callLike = conversation->media == Media::Call || conversation->media == Media::Callback;
    if (messaging ? conversation->media != Media::Message : !callLike)
        throw ApiError{400, "bad.request",
                       std::string("The conversation is not a ") + (messaging ? "message" : "call") + " conversation."};
    auto target = std::find_if(conversation->participants.begin(), conversation->participants.end(),
                               [&](const Participant& p) { return p.id == participantId; });
    if (target == conversation->participants.end())
        throw ApiError{404, "not.found", "The participant " + participantId + " was not found in the conversation."};
    if (!messaging && !caller.hasStation)
        throw ApiError{400, "conversation.error.no.user.station", "A station is required to place a call."};
    if (conversation->endMs != 0 || !target->active() || target->comm.state != "connected")
        throw ApiError{400, "conversation.error.participant.no.active.conversations",
                       "The participant has no active conversation."};
    if (target->purpose != "agent" || !target->monitoredPid.empty() || !target->coachedPid.empty() || !target->bargedPid.empty())
        throw ApiError{400, "bad.request", "Only an agent participant can be " + mode + "ed."};
    Participant* existing = nullptr;
    for (auto& participant : conversation->participants) {
        if (!participant.active() || participant.userId != caller.id) continue;
        if (participant.monitoredPid.empty() && participant.coachedPid.empty() && participant.bargedPid.empty())
            throw ApiError{400, "conversation.error.monitor.own.conversation",
                           "A user cannot monitor a conversation where they are an active participant."};
        existing = &participant;
    }
    int monitors = 0, coaches = 0, barges = 0;
    for (const auto& participant : conversation->participants) {
        if (!participant.active() || &participant == existing) continue;
        if (messaging ? !participant.monitoredPid.empty() : participant.monitoredPid == participantId) ++monitors;
        if (participant.coachedPid == participantId) ++coaches;
        if (participant.bargedPid == participantId) ++barges;
    }
    if (mode == "monitor" && monitors >= (messaging ? 1 : options_.monitorsPerParticipant))
        throw ApiError{400, "too.many.monitors",
                       messaging ? "Only one monitor is allowed per conversation."
                                 : "Only " + std::to_string(options_.monitorsPerParticipant) + " monitors are allowed per participant."};
    if (mode == "coach" && coaches > 0)
        throw ApiError{400, "conversation.error.multiple.coaches", "Multiple coaches on the conversation."};
    if (mode == "barge" && barges > 0)
        throw ApiError{400, "conversation.error.multiple.barges", "A user cannot barge a participant that is already being barged."};

    const int64_t now = wallNowMs();
    Participant* joined = existing;
    if (!joined) {
        Participant participant;
        participant.id = rng_.uuid();
        participant.purpose = "agent";
        participant.userId = caller.id;
        participant.name = caller.name;
        participant.startMs = participant.connectedMs = now;
        participant.comm.id = rng_.uuid();
        participant.comm.state = "connected";
        participant.comm.direction = "outbound";
        participant.comm.connectedMs = now;
        conversation->participants.push_back(std::move(participant));
        joined = &conversation->participants.back();
    }
    // A supervisor already on the call switches mode (listen -> whisper -> barge).
    joined->monitoredPid = mode == "monitor" ? participantId : "";
    joined->coachedPid = mode == "coach" ? participantId : "";
    joined->bargedPid = mode == "barge" ? participantId : "";
    emitConversation(*conversation);
}

void Core::registerConversationRoutes() {
    auto conversationOr404 = [this](const std::string& id) -> Conversation& {
        Conversation* conversation = findConversation(id);
        if (!conversation) throw ApiError{404, "not.found", "The conversation " + id + " was not found."};
        return *conversation;
    };
    route("GET", "conversations/{}", [this, conversationOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        return jsonResponse(200, conversationJson(conversationOr404(args[0]), false));
    });
    route("GET", "conversations/calls/{}", [this, conversationOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        const Conversation& conversation = conversationOr404(args[0]);
        if (conversation.media != Media::Call)
            throw ApiError{404, "not.found", "The conversation " + args[0] + " is not a call."};
        return jsonResponse(200, callConversationJson(conversation));
    });
    for (const char* mode : {"monitor", "coach", "barge"}) {
        route("POST", std::string("conversations/calls/{}/participants/{}/") + mode,
              [this, mode](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
                  requireUserContext(token);
                  liveAction(args[0], args[1], mode, token->user, false);
                  return created();
              });
    }
    route("POST", "conversations/messages/{}/participants/{}/monitor",
          [this](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
              requireUserContext(token);
              liveAction(args[0], args[1], "monitor", token->user, true);
              return created();
          });

    route("GET", "speechandtextanalytics/conversations/{}/communications/{}/transcripturl",
          [this](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
              // Both permissions are needed [genesys-api.md section 2, transcripts].
              if (options_.denyTranscripts)
                  throw ApiError{403, "missing.permissions",
                                 "Unable to perform the requested action. You are missing the following permission(s): "
                                 "recording:recording:view, speechAndTextAnalytics:data:view"};
              const ApiError notReady{404, "resource.not.found", "URL is not available."};
              Conversation* conversation = findConversation(args[0]);
              if (!conversation || (conversation->media != Media::Call && conversation->media != Media::Callback)) throw notReady;
              const bool known = std::any_of(conversation->participants.begin(), conversation->participants.end(),
                                             [&](const Participant& p) { return p.comm.id == args[1]; });
              if (!known || conversation->endMs == 0) throw notReady;
              const double ready = conversation->endedSim + options_.transcriptDelaySeconds +
                                   (conversation->otherRegion ? options_.crossRegionExtraSeconds : 0);
              if (simNow() < ready) throw notReady;
              // Each answer is a new pre-signed URL, valid for --transcript-url-ttl.
              if (!conversation->transcriptKey.empty()) transcriptKeys_.erase(conversation->transcriptKey);
              conversation->transcriptKey = randomToken(24);
              transcriptKeys_[conversation->transcriptKey] = {
                  conversation->id, wallNowMs() + static_cast<int64_t>(options_.transcriptUrlTtlSeconds * 1000)};
              return jsonResponse(200, json::object{{"url", scheme_ + "://127.0.0.1:" + std::to_string(port_) +
                                                                "/_transcripts/" + conversation->transcriptKey}});
          });
}

}  // namespace gcsim
