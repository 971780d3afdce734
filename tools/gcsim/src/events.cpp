// Notifications: channels, subscriptions, event fan-out and WebSocket housekeeping.
//
// An event is serialized only when at least one channel subscribes to its topic, and
// then once for all of them: with 10,000 agents the common case is "nobody listens".
#include "core.h"

#include <algorithm>
#include <regex>

namespace gcsim {

namespace {

constexpr const char* kCombinedSuffix = "?presence&routingStatus";
constexpr double kChannelLifetimeSeconds = 24 * 3600;

std::string canonicalTopic(const std::string& topic) {
    const std::string swapped = "?routingStatus&presence";
    if (topic.size() > swapped.size() && topic.compare(topic.size() - swapped.size(), swapped.size(), swapped) == 0)
        return topic.substr(0, topic.size() - swapped.size()) + kCombinedSuffix;
    return topic;
}

}  // namespace

// [SECTION] Fan-out

std::string Core::frame(const std::string& topic, const json::value& body) const {
    json::object message{{"topicName", topic},
                         {"version", "2"},
                         {"eventBody", body},
                         {"metadata", {{"CorrelationId", randomUuid()}}}};
    return json::serialize(message);
}

bool Core::hasSubscribers(const std::string& topic) const {
    auto it = subscribers_.find(topic);
    return it != subscribers_.end() && !it->second.empty();
}

void Core::publish(const std::string& topic, const std::function<json::value()>& body) {
    ++eventsRaised_;
    auto it = subscribers_.find(topic);
    if (it == subscribers_.end() || it->second.empty()) return;
    auto text = std::make_shared<const std::string>(frame(topic, body()));
    for (const auto& channelId : it->second) {
        auto channel = channels_.find(channelId);
        if (channel != channels_.end()) deliver(channel->second, text, true);
    }
}

void Core::deliver(Channel& channel, std::shared_ptr<const std::string> text, bool scenarioEvent) {
    if (!channel.connected || faults_.wsStall || !transport_) return;  // lost while disconnected, like the real thing
    ++framesSent_;
    if (scenarioEvent && faults_.malformed > 0) {
        --faults_.malformed;
        text = std::make_shared<const std::string>(text->substr(0, text->size() / 2));
    }
    if (scenarioEvent && faults_.reorder > 0) {
        if (!channel.heldForReorder) {
            channel.heldForReorder = text;
            channel.heldSinceSteadyMs = steadyMs();
            return;
        }
        --faults_.reorder;
        transport_->send(channel.id, text);
        transport_->send(channel.id, std::move(channel.heldForReorder));
        channel.heldForReorder.reset();
        return;
    }
    transport_->send(channel.id, text);
    if (scenarioEvent && faults_.duplicate > 0) {
        --faults_.duplicate;
        transport_->send(channel.id, text);
    }
}

void Core::emitPresence(const User& user) {
    const std::string base = "v2.users." + user.id;
    publish(base + ".presence", [&] {
        json::object presence = presenceJson(user);
        presence["presenceDefinition"].as_object().erase("selfUri");
        return json::value(std::move(presence));
    });
    publish(base + kCombinedSuffix, [&] {
        json::object presence = presenceJson(user);
        presence["presenceDefinition"].as_object().erase("selfUri");
        return json::value{{"id", user.id},
                           {"presence", std::move(presence)},
                           {"routingStatus", {{"status", user.routingStatus}, {"startTime", isoTime(user.routingStartMs)}}}};
    });
}

void Core::emitRoutingStatus(const User& user) {
    const std::string base = "v2.users." + user.id;
    json::object status{{"status", user.routingStatus}, {"startTime", isoTime(user.routingStartMs)}};
    publish(base + ".routingStatus", [&] { return json::value{{"id", user.id}, {"routingStatus", status}}; });
    publish(base + kCombinedSuffix, [&] {
        json::object presence = presenceJson(user);
        presence["presenceDefinition"].as_object().erase("selfUri");
        return json::value{{"id", user.id}, {"presence", std::move(presence)}, {"routingStatus", status}};
    });
}

void Core::emitConversation(const Conversation& conversation) {
    std::optional<json::value> body;  // built at most once, shared by every topic
    auto build = [&] {
        if (!body) body = conversationJson(conversation, true);
        return *body;
    };
    std::optional<json::value> callBody;  // the .calls topics carry the call-only view
    auto buildCall = [&] {
        if (!callBody) callBody = callConversationJson(conversation, true);
        return *callBody;
    };
    const bool isCall = conversation.media == Media::Call;
    std::vector<std::string> seen;
    for (const auto& participant : conversation.participants) {
        if (!participant.userId.empty() && std::find(seen.begin(), seen.end(), participant.userId) == seen.end()) {
            seen.push_back(participant.userId);
            publish("v2.users." + participant.userId + ".conversations", build);
            if (isCall) publish("v2.users." + participant.userId + ".conversations.calls", buildCall);
        }
        if (!participant.queueId.empty() && std::find(seen.begin(), seen.end(), participant.queueId) == seen.end()) {
            seen.push_back(participant.queueId);
            publish("v2.routing.queues." + participant.queueId + ".conversations", build);
            if (isCall) publish("v2.routing.queues." + participant.queueId + ".conversations.calls", buildCall);
        }
    }
}

void Core::emitTranscription(Conversation& conversation) {
    if (conversation.media != Media::Call && conversation.media != Media::Callback) return;
    const bool ended = conversation.phase != Phase::Connected;
    const int utterance = conversation.utterancesSent;
    if (!ended) conversation.utterancesSent++;  // the call "speaks" whether or not anyone listens
    const std::string topic = "v2.conversations." + conversation.id + ".transcription";
    if (!hasSubscribers(topic)) return;
    const auto script = transcriptScript(conversation);
    const size_t index = static_cast<size_t>(utterance) % script.size();
    std::string communicationId;
    for (const auto& participant : conversation.participants)
        if (participant.purpose == "agent" && participant.monitoredPid.empty() && participant.coachedPid.empty() &&
            participant.bargedPid.empty())
            communicationId = participant.comm.id;
    const int64_t now = wallNowMs();
    const int64_t offset = now - conversation.startMs;
    publish(topic, [&] {
        json::array transcripts;
        if (!ended) {
            const auto& [channel, text] = script[index];
            transcripts.push_back(
                {{"utteranceId", randomUuid()},
                 {"isFinal", true},
                 {"channel", channel},
                 {"alternatives",
                  json::array{{{"confidence", 0.92}, {"offsetMs", offset}, {"durationMs", 2400}, {"transcript", text}}}},
                 {"engineProvider", "GENESYS"},
                 {"dialect", "en-US"}});
        }
        return json::value{{"eventTime", isoTime(now)},
                           {"organizationId", kOrganizationId},
                           {"conversationId", conversation.id},
                           {"communicationId", communicationId},
                           {"sessionStartTimeMs", conversation.startMs},
                           {"transcriptionStartTimeMs", conversation.startMs},
                           {"transcripts", std::move(transcripts)},
                           {"status", {{"offsetMs", offset}, {"status", ended ? "SESSION_ENDED" : "SESSION_ONGOING"}}}};
    });
}

void Core::emitCoaching(const Appointment& appointment, const std::string& actionType) {
    std::vector<std::pair<int, const char*>> related;
    auto add = [&](int user, const char* relationship) {
        if (user < 0) return;
        for (const auto& entry : related)
            if (entry.first == user) return;
        related.emplace_back(user, relationship);
    };
    add(appointment.facilitator, "Facilitator");
    add(appointment.createdBy, "Creator");
    for (int attendee : appointment.attendees) add(attendee, "Attendee");
    for (const auto& [user, relationship] : related) {
        publish("v2.users." + users_[static_cast<size_t>(user)].id + ".wem.coaching.notifications", [&] {
            return json::value{{"id", randomUuid()},
                               {"name", appointment.name},
                               {"markedAsRead", false},
                               {"actionType", actionType},
                               {"relationship", relationship},
                               {"appointment", {{"id", appointment.id}, {"selfUri", selfUri("coaching/appointments/" + appointment.id)}}},
                               {"dateStart", isoTime(appointment.startMs)},
                               {"lengthInMinutes", appointment.lengthMinutes},
                               {"status", appointment.status}};
        });
    }
}

void Core::emitQueueObservations() {
    static const std::vector<std::string> metrics = {"oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers",
                                                     "oOffQueueUsers", "oLongestWaiting", "oMemberUsers"};
    const int64_t now = steadyMs();
    for (auto& queue : queues_) {
        if (!queue.observationsDirty) continue;
        const std::string topic = "v2.analytics.queues." + queue.id + ".observations";
        if (!hasSubscribers(topic)) {
            queue.observationsDirty = false;
            continue;
        }
        if (now - queue.lastObservationSteadyMs < 1000) continue;
        queue.observationsDirty = false;
        queue.lastObservationSteadyMs = now;
        publish(topic, [&] {
            return json::value{{"group", {{"queueId", queue.id}}}, {"data", queueObservationData(queue, metrics, {}, "")}};
        });
    }
}

// [SECTION] Channel housekeeping

void Core::closeChannel(const std::string& channelId, bool abrupt) {
    auto it = channels_.find(channelId);
    if (it == channels_.end()) return;
    setSubscriptions(it->second, {});
    if (transport_) transport_->close(channelId, abrupt);
    channels_.erase(it);
}

void Core::dropSocket(Channel& channel) {
    // The hub forgets the socket at once, so its own close report would be ignored: mark it here.
    channel.connected = false;
    channel.heldForReorder.reset();
    if (transport_) transport_->close(channel.id, true);
}

void Core::tickChannels() {
    const int64_t steady = steadyMs();
    const double now = simNow();
    const bool dropNow = faults_.wsDropEverySeconds > 0 &&
                         steady - faults_.lastDropSteadyMs >= static_cast<int64_t>(faults_.wsDropEverySeconds * 1000);
    if (dropNow) faults_.lastDropSteadyMs = steady;
    std::vector<std::string> expired;
    for (auto& [id, channel] : channels_) {
        const bool expiring = now >= channel.expiresSim;
        if (expiring) expired.push_back(id);
        if (!channel.connected) continue;
        if (dropNow && !expiring) {
            dropSocket(channel);
            continue;
        }
        if (channel.heldForReorder && steady - channel.heldSinceSteadyMs > 2000) {
            if (transport_ && !faults_.wsStall) transport_->send(id, std::move(channel.heldForReorder));
            channel.heldForReorder.reset();
        }
        // Warn before closing, even when a coarse tick jumps straight past the notice window.
        if (!channel.closingSent && now >= channel.expiresSim - kClosingNoticeSeconds) {
            channel.closingSent = true;
            const User* user = channel.user >= 0 ? &users_[static_cast<size_t>(channel.user)] : nullptr;
            deliver(channel,
                    std::make_shared<const std::string>(frame(
                        "v2.system.socket_closing",
                        json::value{{"channelId", id},
                                    {"systemTopicType", "socket_closing"},
                                    {"correlationId", randomUuid()},
                                    {"organizationId", kOrganizationId},
                                    {"userId", user ? user->id : ""},
                                    {"reason", "channel expiring"},
                                    {"message", "This socket will be closed in about a minute; open a new channel."}})),
                    false);
        }
        if (!expiring && steady - channel.lastHeartbeatSteadyMs >= options_.heartbeatSeconds * 1000LL) {
            channel.lastHeartbeatSteadyMs = steady;
            static const auto heartbeat = std::make_shared<const std::string>(
                R"({"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}})");
            deliver(channel, heartbeat, false);
        }
    }
    for (const auto& id : expired) closeChannel(id, false);
}

bool Core::channelExists(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    return channels_.count(channelId) > 0;
}

void Core::socketOpened(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(channelId);
    if (it == channels_.end()) return;
    it->second.connected = true;
    it->second.lastHeartbeatSteadyMs = steadyMs();
}

void Core::socketClosed(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(channelId);
    if (it != channels_.end()) it->second.connected = false;
}

void Core::socketText(const std::string& channelId, const std::string& text) {
    std::lock_guard lock(mutex_);
    auto it = channels_.find(channelId);
    if (it == channels_.end()) return;
    boost::system::error_code error;
    json::value message = json::parse(text, error);
    if (error || !message.is_object()) return;  // the real service ignores junk too
    const json::value* kind = message.as_object().if_contains("message");
    if (kind && kind->is_string() && kind->as_string() == "ping") {
        static const auto pong =
            std::make_shared<const std::string>(R"({"topicName":"channel.metadata","eventBody":{"message":"pong"}})");
        deliver(it->second, pong, false);
    }
}

// [SECTION] Subscriptions

std::string Core::validateTopic(const std::string& topic, const Token& token) {
    static const std::regex userTopic(
        R"(^v2\.users\.([^.?]+)(\.presence|\.routingStatus|\.conversations|\.conversations\.calls|\?presence&routingStatus|\?routingStatus&presence|\.wem\.coaching\.notifications)$)");
    static const std::regex queueTopic(
        R"(^v2\.routing\.queues\.([^.]+)\.conversations(\.calls)?$)");
    static const std::regex observationTopic(R"(^v2\.analytics\.queues\.([^.]+)\.observations$)");
    static const std::regex transcriptionTopic(R"(^v2\.conversations\.([^.]+)\.transcription$)");
    if (topic.size() > 300) return "The subscription topic is not valid.";
    std::smatch match;
    if (std::regex_match(topic, match, userTopic)) {
        const User* user = findUser(match[1].str());
        if (!user) return "Unknown user id " + match[1].str() + ".";
        if (match[2].str() == ".wem.coaching.notifications" && user->index != token.user)
            return "Not authorized for this topic: coaching notifications are only available for the current user.";
        return "";
    }
    if (std::regex_match(topic, match, queueTopic) || std::regex_match(topic, match, observationTopic))
        return findQueue(match[1].str()) ? "" : "Unknown queue id " + match[1].str() + ".";
    if (std::regex_match(topic, match, transcriptionTopic))
        return findConversation(match[1].str()) ? "" : "Unknown conversation id " + match[1].str() + ".";
    return "The subscription topic is not valid.";
}

void Core::setSubscriptions(Channel& channel, const std::vector<std::string>& topics) {
    for (const auto& topic : channel.topics) {
        auto it = subscribers_.find(canonicalTopic(topic));
        if (it == subscribers_.end()) continue;
        std::erase(it->second, channel.id);
        if (it->second.empty()) subscribers_.erase(it);
    }
    channel.topics = topics;
    for (const auto& topic : channel.topics) subscribers_[canonicalTopic(topic)].push_back(channel.id);
}

void Core::registerNotificationRoutes() {
    auto channelOf = [this](const std::string& id, const Token* token) -> Channel& {
        auto it = channels_.find(id);
        if (it == channels_.end() || it->second.user != token->user)
            throw ApiError{404, "not.found", "The channel " + id + " was not found."};
        return it->second;
    };
    auto topicListing = [this](const std::vector<std::pair<std::string, std::string>>& topics) {
        json::array entities;
        for (const auto& [topic, rejection] : topics) {
            json::object entity{{"id", topic}, {"state", rejection.empty() ? "Permitted" : "Rejected"}};
            if (!rejection.empty()) entity["rejectionReason"] = rejection;
            entities.push_back(std::move(entity));
        }
        return jsonResponse(200, json::object{{"entities", std::move(entities)}});
    };
    auto parseTopics = [](const std::string& body) {
        boost::system::error_code error;
        json::value value = json::parse(body, error);
        if (error || !value.is_array())
            throw ApiError{400, "bad.request", "The body must be a JSON array of {\"id\": topic} objects."};
        std::vector<std::string> topics;
        for (const auto& item : value.as_array()) {
            const json::value* id = item.is_object() ? item.as_object().if_contains("id") : nullptr;
            if (!id || !id->is_string())
                throw ApiError{400, "bad.request", "Every subscription needs a string \"id\" (the topic name)."};
            std::string topic(id->as_string());
            if (std::find(topics.begin(), topics.end(), topic) == topics.end()) topics.push_back(std::move(topic));
        }
        return topics;
    };
    // PUT replaces, POST adds; both answer with the resulting subscriptions plus rejections.
    auto subscribe = [this, channelOf, topicListing, parseTopics](const HttpRequest& request,
                                                                  const std::vector<std::string>& args, Token* token,
                                                                  bool replace) {
        Channel& channel = channelOf(args[0], token);
        std::vector<std::string> requested = parseTopics(request.body);
        std::vector<std::string> next = replace ? std::vector<std::string>{} : channel.topics;
        std::vector<std::pair<std::string, std::string>> result;
        for (const auto& topic : requested) {
            std::string rejection = validateTopic(topic, *token);
            if (rejection.empty() && std::find(next.begin(), next.end(), topic) == next.end()) next.push_back(topic);
            result.emplace_back(topic, rejection);
        }
        if (static_cast<int>(next.size()) > options_.maxTopicsPerChannel)
            throw ApiError{400, "notification.subscription.too.many.subscriptions",
                           "Too many subscriptions: a channel holds at most " +
                               std::to_string(options_.maxTopicsPerChannel) + " topics."};
        setSubscriptions(channel, next);
        channel.expiresSim = simNow() + kChannelLifetimeSeconds;  // re-subscribing keeps the channel alive
        channel.expiresMs = wallAtSim(channel.expiresSim);
        channel.closingSent = false;
        if (!replace) {
            for (const auto& topic : next)
                if (std::find(requested.begin(), requested.end(), topic) == requested.end()) result.emplace_back(topic, "");
        }
        return topicListing(result);
    };

    route("POST", "notifications/channels", [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token* token) {
        std::vector<const Channel*> mine;
        for (const auto& [id, channel] : channels_)
            if (channel.user == token->user) mine.push_back(&channel);
        if (static_cast<int>(mine.size()) >= options_.channelsPerUser) {
            auto oldest = std::min_element(mine.begin(), mine.end(),
                                           [](const Channel* a, const Channel* b) { return a->createdSeq < b->createdSeq; });
            closeChannel((*oldest)->id, false);
        }
        Channel channel;
        channel.id = "streaming-" + std::to_string(++channelSequence_) + "-" + randomToken(12);
        channel.user = token->user;
        channel.createdSeq = channelSequence_;
        channel.expiresSim = simNow() + kChannelLifetimeSeconds;
        channel.expiresMs = wallAtSim(channel.expiresSim);
        const std::string scheme = scheme_ == "https" ? "wss" : "ws";
        json::object body{{"connectUri", scheme + "://127.0.0.1:" + std::to_string(port_) + "/channels/" + channel.id},
                          {"id", channel.id},
                          {"expires", isoTime(channel.expiresMs)}};
        channels_.emplace(channel.id, std::move(channel));
        return jsonResponse(200, body);
    });
    route("GET", "notifications/channels", [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token* token) {
        json::array entities;
        for (const auto& [id, channel] : channels_) {
            if (channel.user != token->user) continue;
            const std::string scheme = scheme_ == "https" ? "wss" : "ws";
            entities.push_back({{"connectUri", scheme + "://127.0.0.1:" + std::to_string(port_) + "/channels/" + id},
                                {"id", id},
                                {"expires", isoTime(channel.expiresMs)}});
        }
        return jsonResponse(200, json::object{{"entities", std::move(entities)}});
    });
    route("HEAD", "notifications/channels/{}", [channelOf](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
        channelOf(args[0], token);
        HttpResponse response;
        response.body.clear();
        return response;
    });
    route("GET", "notifications/channels/{}/subscriptions",
          [channelOf, topicListing](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
              std::vector<std::pair<std::string, std::string>> topics;
              for (const auto& topic : channelOf(args[0], token).topics) topics.emplace_back(topic, "");
              return topicListing(topics);
          });
    route("PUT", "notifications/channels/{}/subscriptions",
          [subscribe](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token* token) {
              return subscribe(request, args, token, true);
          });
    route("POST", "notifications/channels/{}/subscriptions",
          [subscribe](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token* token) {
              return subscribe(request, args, token, false);
          });
    route("DELETE", "notifications/channels/{}/subscriptions",
          [this, channelOf](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
              setSubscriptions(channelOf(args[0], token), {});
              HttpResponse response;
              response.status = 204;
              return response;
          });
    route("GET", "notifications/availabletopics", [](const HttpRequest&, const std::vector<std::string>&, const Params&, Token*) {
        struct TopicInfo {
            const char* id;
            const char* description;
            const char* permission;
        };
        static const TopicInfo topics[] = {
            {"v2.users.{id}.presence", "Presence changes of a user", ""},
            {"v2.users.{id}.routingStatus", "Routing status changes of a user", ""},
            {"v2.users.{id}.conversations", "Conversations of a user", "conversation:communication:view"},
            {"v2.routing.queues.{id}.conversations", "Conversations in a queue", "routing:queue:view"},
            {"v2.conversations.{id}.transcription", "Live transcription of a conversation",
             "speechAndTextAnalytics:data:view"},
            {"v2.users.{id}.wem.coaching.notifications", "Coaching appointment notifications of the current user", ""},
            {"v2.analytics.queues.{id}.observations", "Queue observation metrics", "analytics:queueObservation:view"},
        };
        json::array entities;
        for (const auto& topic : topics) {
            json::array permissions;
            if (*topic.permission) permissions.push_back(json::string(topic.permission));
            entities.push_back({{"id", topic.id},
                                {"description", topic.description},
                                {"requiresPermissions", std::move(permissions)},
                                {"requiresCurrentUser", std::string(topic.id).find("wem.coaching") != std::string::npos},
                                {"transports", json::array{"All"}},
                                {"visibility", "Public"},
                                {"topicParameters", json::array{"id"}}});
        }
        return jsonResponse(200, json::object{{"entities", std::move(entities)}});
    });
}

}  // namespace gcsim
