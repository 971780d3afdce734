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
// Singular, as in the official SDKs' topic maps generated from a live org's availabletopics
// [notification-topics-2.json "about"; genesys-api.md section 3]. The plural is rejected.
constexpr const char* kCoachingSuffix = ".wem.coaching.notification";
constexpr std::size_t kCombinedTopicMaxLength = 200;  // [genesys-api.md section 3]
constexpr double kChannelLifetimeSeconds = 24 * 3600;

// Events spell systemPresence in upper case with underscores (AVAILABLE, ON_QUEUE) while
// REST answers use the display casing (Available, On Queue) [genesys-api.md section 3;
// field reports of consumers parsing both]. "OnQueue" -> "ON_QUEUE".
std::string eventSystemPresence(const std::string& restName) {
    std::string out;
    for (char c : restName) {
        if (std::isupper(static_cast<unsigned char>(c)) && !out.empty()) out += '_';
        out += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    }
    return out;
}

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
    publishTo(topic, {topic}, body);
}

// One message named `topic` to every channel subscribed to any of `subscribedAs` (each
// channel once): a combined subscription v2.users.{id}?presence&routingStatus is delivered
// as the per-part messages v2.users.{id}.presence / .routingStatus, never under the
// combined name [genesys-api.md section 3; notification-topics-2.json "about"].
void Core::publishTo(const std::string& topic, std::initializer_list<std::string> subscribedAs,
                     const std::function<json::value()>& body) {
    ++eventsRaised_;
    std::vector<std::string> targets;
    for (const auto& name : subscribedAs) {
        auto it = subscribers_.find(name);
        if (it == subscribers_.end()) continue;
        for (const auto& channelId : it->second)
            if (std::find(targets.begin(), targets.end(), channelId) == targets.end()) targets.push_back(channelId);
    }
    if (targets.empty()) return;
    auto text = std::make_shared<const std::string>(frame(topic, body()));
    for (const auto& channelId : targets) {
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

// PresenceEventUserPresence [notification-topics-2.json], systemPresence in event casing.
void Core::emitPresence(const User& user) {
    const std::string base = "v2.users." + user.id;
    publishTo(base + ".presence", {base + ".presence", base + kCombinedSuffix}, [&] {
        json::object presence = presenceJson(user);
        auto& definition = presence["presenceDefinition"].as_object();
        definition.erase("selfUri");
        definition["systemPresence"] = eventSystemPresence(user.systemPresence);
        return json::value(std::move(presence));
    });
    emitActivity(user);
}

// UserRoutingStatusUserRoutingStatus {id, routingStatus{status, startTime}} [notification-topics-2.json].
void Core::emitRoutingStatus(const User& user) {
    const std::string base = "v2.users." + user.id;
    publishTo(base + ".routingStatus", {base + ".routingStatus", base + kCombinedSuffix}, [&] {
        return json::value{{"id", user.id},
                           {"routingStatus", {{"status", user.routingStatus}, {"startTime", isoTime(user.routingStartMs)}}}};
    });
    emitActivity(user);
}

// AgentActivityChangedTopicAgentActivity {id, routingStatus, presence{presenceDefinition{id,
// systemPresence}, presenceMessage, modifiedDate}, outOfOffice, activeQueueIds[],
// dateActiveQueuesChanged} [notification-topics-2.json; genesys-api.md section 3]. Sent whole
// on any change of its parts (the model has no partial form). Active queues are the joined
// ones while on queue, as the oActiveQueues user observation counts them.
void Core::emitActivity(const User& user) {
    if (options_.noActivityTopic) return;
    publish("v2.users." + user.id + ".activity", [&] {
        json::array active;
        if (user.systemPresence == "OnQueue") active = joinedQueueIds(user);
        json::object definition = presenceJson(user).at("presenceDefinition").as_object();
        definition.erase("selfUri");
        definition["systemPresence"] = eventSystemPresence(user.systemPresence);
        return json::value{
            {"id", user.id},
            {"routingStatus", {{"status", user.routingStatus}, {"startTime", isoTime(user.routingStartMs)}}},
            {"presence",
             {{"presenceDefinition", std::move(definition)},
              {"presenceMessage", ""},
              {"modifiedDate", isoTime(user.presenceModifiedMs)}}},
            {"outOfOffice", {{"active", false}}},
            {"activeQueueIds", std::move(active)},
            {"dateActiveQueuesChanged", isoTime(std::max(user.presenceModifiedMs, user.activeQueuesChangedMs))}};
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
            const auto& line = script[index];
            // words[] repeats the spoken form token by token (TranscriptionTopicTranscriptWord).
            json::array words;
            int64_t wordOffset = offset;
            for (size_t begin = 0; begin < line.spoken.size();) {
                const size_t end = std::min(line.spoken.find(' ', begin), line.spoken.size());
                words.push_back({{"confidence", 0.92}, {"offsetMs", wordOffset}, {"durationMs", 300},
                                 {"word", line.spoken.substr(begin, end - begin)}});
                wordOffset += 300;
                begin = end + 1;
            }
            json::object alternative{{"confidence", 0.92}, {"offsetMs", offset}, {"durationMs", 2400},
                                     {"transcript", line.spoken}, {"words", std::move(words)}};
            if (!line.decorated.empty()) alternative["decoratedTranscript"] = line.decorated;
            transcripts.push_back(
                {{"utteranceId", randomUuid()},
                 {"isFinal", true},
                 {"channel", line.channel},
                 {"alternatives", json::array{std::move(alternative)}},
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
    for (const auto& [user, role] : related) {
        const std::string& relationship = role;  // clang 14 cannot capture a structured binding
        publish("v2.users." + users_[static_cast<size_t>(user)].id + kCoachingSuffix, [&] {
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

std::string Core::systemMessage(const std::string& channelId, const std::string& type, const std::string& reason,
                                const std::string& message) {
    std::lock_guard lock(mutex_);
    return systemFrame(channelId, type, reason, message);
}

std::string Core::systemFrame(const std::string& channelId, const std::string& type, const std::string& reason,
                              const std::string& message) const {
    auto it = channels_.find(channelId);
    const int userIndex = it == channels_.end() ? -1 : it->second.user;
    return frame("v2.system." + type + "." + channelId,
                 json::value{{"channelId", channelId},
                             {"systemTopicType", type},
                             {"correlationId", randomUuid()},
                             {"organizationId", kOrganizationId},
                             {"userId", userIndex >= 0 ? users_[static_cast<size_t>(userIndex)].id : ""},
                             {"reason", reason},
                             {"message", message}});
}

json::array Core::channelDetails() const {
    json::array out;
    for (const auto& [id, channel] : channels_)
        out.push_back({{"id", id},
                       {"userId", channel.user >= 0 ? users_[static_cast<size_t>(channel.user)].id : ""},
                       {"connected", channel.connected},
                       {"topics", static_cast<int64_t>(channel.topics.size())}});
    return out;
}

json::object Core::refusedTopicAsks() const {
    json::object out;
    for (const auto& [topic, times] : refusedAsks_) out[topic] = times;
    return out;
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

// Codes from genesys-api.md section 3 [spec]: 400 notification.invalid.topic for a name the
// org does not offer (malformed, unknown id, the plural coaching name); 403
// notification.forbidden.topic for another user's coaching topic (requiresCurrentUser);
// 403 notification.unauthorized.divisioned.topic for a user in a division the token may
// not view (--restricted-agents). Whether an unknown id is 400 or 403 on the real service
// is not documented: gcsim says 400.
std::optional<TopicRefusal> Core::validateTopic(const std::string& topic, const Token& token) {
    static const std::regex userTopic(
        R"(^v2\.users\.([^.?]+)(\.presence|\.routingStatus|\.activity|\.conversations|\.conversations\.calls|\?presence&routingStatus|\?routingStatus&presence|\.wem\.coaching\.notification)$)");
    static const std::regex queueTopic(
        R"(^v2\.routing\.queues\.([^.]+)\.conversations(\.calls)?$)");
    static const std::regex observationTopic(R"(^v2\.analytics\.queues\.([^.]+)\.observations$)");
    static const std::regex transcriptionTopic(R"(^v2\.conversations\.([^.]+)\.transcription$)");
    const TopicRefusal invalid{400, "notification.invalid.topic", "The subscription topic is not valid."};
    if (topic.size() > 300 || (topic.find('?') != std::string::npos && topic.size() > kCombinedTopicMaxLength))
        return invalid;
    std::smatch match;
    if (std::regex_match(topic, match, userTopic)) {
        const User* user = findUser(match[1].str());
        if (!user) return TopicRefusal{400, "notification.invalid.topic", "Unknown user id " + match[1].str() + "."};
        if (match[2].str() == ".activity" && options_.noActivityTopic) return invalid;
        if (match[2].str() == kCoachingSuffix && user->index != token.user)
            return TopicRefusal{403, "notification.forbidden.topic",
                                "Not authorized for this topic: coaching notifications are only available for the current user."};
        if (user->restricted)
            return TopicRefusal{403, "notification.unauthorized.divisioned.topic",
                                "Not authorized for this topic: the user is in a division you cannot view."};
        return std::nullopt;
    }
    if (std::regex_match(topic, match, queueTopic) || std::regex_match(topic, match, observationTopic)) {
        if (findQueue(match[1].str())) return std::nullopt;
        return TopicRefusal{400, "notification.invalid.topic", "Unknown queue id " + match[1].str() + "."};
    }
    if (std::regex_match(topic, match, transcriptionTopic)) {
        if (findConversation(match[1].str())) return std::nullopt;
        return TopicRefusal{400, "notification.invalid.topic", "Unknown conversation id " + match[1].str() + "."};
    }
    return invalid;
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
    // Without ignoreErrors=true one refused topic fails the whole request with its code and
    // nothing changes; with it the answer is 200 and each refused topic is Rejected with a
    // rejectionReason [genesys-api.md section 3, "Subscriptions and their errors"].
    auto subscribe = [this, channelOf, topicListing, parseTopics](const HttpRequest& request,
                                                                  const std::vector<std::string>& args,
                                                                  const Params& params, Token* token, bool replace) {
        Channel& channel = channelOf(args[0], token);
        std::vector<std::string> requested = parseTopics(request.body);
        if (beforeNextSubscription_) {
            const json::object then = std::move(*beforeNextSubscription_);
            beforeNextSubscription_.reset();
            simAction(then);
        }
        const bool ignoreErrors = queryValue(params, "ignoreErrors").value_or("") == "true";
        std::vector<std::string> next = replace ? std::vector<std::string>{} : channel.topics;
        std::vector<std::pair<std::string, std::string>> result;
        for (const auto& topic : requested) {
            const std::optional<TopicRefusal> refusal = validateTopic(topic, *token);
            if (refusal) ++refusedAsks_[topic];
            if (refusal && !ignoreErrors) throw ApiError{refusal->status, refusal->code, refusal->reason + " (" + topic + ")"};
            if (!refusal && std::find(next.begin(), next.end(), topic) == next.end()) next.push_back(topic);
            result.emplace_back(topic, refusal ? refusal->reason : "");
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
        // The 21st evicts the oldest channel without an active connection
        // [genesys-api.md section 3]. When every one is connected the docs say nothing;
        // gcsim then evicts the oldest connected one (an assumption, see the README).
        if (static_cast<int>(mine.size()) >= options_.channelsPerUser) {
            auto older = [](const Channel* a, const Channel* b) {
                if (a->connected != b->connected) return !a->connected;
                return a->createdSeq < b->createdSeq;
            };
            closeChannel((*std::min_element(mine.begin(), mine.end(), older))->id, false);
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
          [subscribe](const HttpRequest& request, const std::vector<std::string>& args, const Params& params, Token* token) {
              return subscribe(request, args, params, token, true);
          });
    route("POST", "notifications/channels/{}/subscriptions",
          [subscribe](const HttpRequest& request, const std::vector<std::string>& args, const Params& params, Token* token) {
              return subscribe(request, args, params, token, false);
          });
    route("DELETE", "notifications/channels/{}/subscriptions",
          [this, channelOf](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token* token) {
              setSubscriptions(channelOf(args[0], token), {});
              HttpResponse response;
              response.status = 204;
              return response;
          });
    route("GET", "notifications/availabletopics", [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token*) {
        struct TopicInfo {
            const char* id;
            const char* description;
            const char* permission;
        };
        // Exactly the names validateTopic accepts; the combined user form is subscription
        // syntax over .presence and .routingStatus, not a topic of its own.
        static const TopicInfo topics[] = {
            {"v2.users.{id}.presence", "Presence changes of a user", ""},
            {"v2.users.{id}.routingStatus", "Routing status changes of a user", ""},
            {"v2.users.{id}.activity", "Presence, routing status and active queues of a user", ""},
            {"v2.users.{id}.conversations", "Conversations of a user", "conversation:communication:view"},
            {"v2.users.{id}.conversations.calls", "Calls of a user", "conversation:communication:view"},
            {"v2.routing.queues.{id}.conversations", "Conversations in a queue", "routing:queue:view"},
            {"v2.routing.queues.{id}.conversations.calls", "Calls in a queue", "routing:queue:view"},
            {"v2.conversations.{id}.transcription", "Live transcription of a conversation",
             "speechAndTextAnalytics:data:view"},
            {"v2.users.{id}.wem.coaching.notification", "Coaching appointment notifications of the current user", ""},
            {"v2.analytics.queues.{id}.observations", "Queue observation metrics", "analytics:queueObservation:view"},
        };
        json::array entities;
        for (const auto& topic : topics) {
            if (options_.noActivityTopic && std::string_view(topic.id) == "v2.users.{id}.activity") continue;
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
