#include "api/events.h"

#include <boost/json/monotonic_resource.hpp>
#include <boost/json/parser.hpp>

#include <array>

#include "api/decode_detail.h"
#include "api/enums.h"

namespace api {
namespace {

using namespace detail;

// [SECTION] Topic names

enum class TopicKind {
  ChannelMetadata, SocketClosing, NoLongerSubscribed, TokenRevoked, UserPresence, UserRouting, UserStatus, UserActivity, UserConversations, UserCoaching,
  QueueConversations, QueueObservations, Transcription, Unknown
};

struct Topic {
  TopicKind kind = TopicKind::Unknown;
  std::string_view id;  // the {id} part
};

// "v2.users.{id}<rest>": splits the id from what follows it ('.' or '?').
bool splitId(std::string_view name, std::string_view prefix, std::string_view& id, std::string_view& rest) {
  if (!name.starts_with(prefix)) return false;
  name.remove_prefix(prefix.size());
  const std::size_t end = name.find_first_of(".?");
  if (end == 0 || end == std::string_view::npos) return false;
  id = name.substr(0, end);
  rest = name.substr(end);
  return true;
}

// ".conversations" or ".conversations.calls" (and the other per-media variants).
bool isConversationsSuffix(std::string_view rest) {
  constexpr std::string_view kConversations = ".conversations";
  return rest == kConversations || (rest.starts_with(kConversations) && rest[kConversations.size()] == '.');
}

Topic classify(std::string_view name) {
  Topic topic;
  std::string_view rest;
  if (name == "channel.metadata") {
    topic.kind = TopicKind::ChannelMetadata;
  } else if (name == "v2.system.socket_closing") {
    topic.kind = TopicKind::SocketClosing;
  } else if (name.starts_with("v2.system.no_longer_subscribed.")) {
    topic.kind = TopicKind::NoLongerSubscribed;
  } else if (name.starts_with("v2.system.token_revoked.")) {
    topic.kind = TopicKind::TokenRevoked;
  } else if (splitId(name, "v2.users.", topic.id, rest)) {
    if (rest == ".presence") topic.kind = TopicKind::UserPresence;
    else if (rest == ".routingStatus") topic.kind = TopicKind::UserRouting;
    else if (rest.starts_with('?')) topic.kind = TopicKind::UserStatus;
    else if (rest == ".activity") topic.kind = TopicKind::UserActivity;
    else if (isConversationsSuffix(rest)) topic.kind = TopicKind::UserConversations;
    else if (rest == ".wem.coaching.notification" || rest == ".wem.coaching.notifications")
      topic.kind = TopicKind::UserCoaching;
  } else if (splitId(name, "v2.routing.queues.", topic.id, rest)) {
    if (isConversationsSuffix(rest)) topic.kind = TopicKind::QueueConversations;
  } else if (splitId(name, "v2.analytics.queues.", topic.id, rest)) {
    if (rest == ".observations") topic.kind = TopicKind::QueueObservations;
  } else if (splitId(name, "v2.conversations.", topic.id, rest)) {
    if (rest == ".transcription") topic.kind = TopicKind::Transcription;
  }
  return topic;
}

// [SECTION] Bodies

CoachingAction coachingActionFromString(std::string_view text) {
  if (text == "Create") return CoachingAction::Create;
  if (text == "Update") return CoachingAction::Update;
  if (text == "Delete") return CoachingAction::Delete;
  if (text == "StatusChange") return CoachingAction::StatusChange;
  return CoachingAction::Unknown;
}

model::Speaker speakerFromChannel(std::string_view channel) {
  if (channel == "INTERNAL" || channel == "internal") return model::Speaker::Internal;
  if (channel == "EXTERNAL" || channel == "external") return model::Speaker::External;
  return model::Speaker::Unknown;
}

constexpr Where kBody = kRoot.member("eventBody");

}  // namespace

struct NotificationDecoder::State {
  static constexpr std::size_t kArenaBytes = 64 * 1024;   // holds a large conversation event
  static constexpr std::size_t kParserStackBytes = 4096;

  std::unique_ptr<unsigned char[]> arena{new unsigned char[kArenaBytes]};
  // Rebuilt for every message rather than release()d: release() keeps the grown block
  // size, so each message larger than the arena would double the next allocation.
  std::optional<boost::json::monotonic_resource> memory;
  std::array<unsigned char, kParserStackBytes> parserStack{};
  boost::json::parser parser{boost::json::storage_ptr(), boost::json::parse_options(), parserStack.data(),
                             parserStack.size()};
  PresenceLabels labels;

  void decode(std::string_view wireText, DecodedMessage& out);
  Event decodeBody(const Topic& topic, const json::object& body, Errors& errors) const;
  Event userStatus(const Topic& topic, const json::object& body, Errors& errors) const;
  void statusParts(const Topic& topic, const json::object& body, Errors& errors, std::optional<PresenceEvent>& presence,
                   std::optional<RoutingEvent>& routing) const;
  Event agentActivity(const Topic& topic, const json::object& body, Errors& errors) const;
  void fillPresence(std::string_view userId, const json::object& presence, const Where& where, Errors& errors,
                    PresenceEvent& out) const;
};

void NotificationDecoder::State::fillPresence(std::string_view userId, const json::object& presence,
                                              const Where& where, Errors& errors, PresenceEvent& out) const {
  PresenceFields fields;
  decodePresence(presence, where, errors, fields);
  out.userId.assign(userId);
  out.presence = fields.presence;
  out.raw = std::move(fields.raw);
  out.modifiedDate = fields.modifiedDate;
  if (const auto label = labels.find(fields.definitionId); label != labels.end()) out.label = label->second;
  out.definitionId = std::move(fields.definitionId);
}

// Presence: the body itself (PresenceEventUserPresence) or a "presence" member (combined
// topic, activity). Routing: {id, routingStatus{status, startTime}}, or a bare {status, startTime}.
void NotificationDecoder::State::statusParts(const Topic& topic, const json::object& body, Errors& errors,
                                             std::optional<PresenceEvent>& presence,
                                             std::optional<RoutingEvent>& routing) const {
  if (present(body, "presenceDefinition")) {
    fillPresence(topic.id, body, kBody, errors, presence.emplace());
  } else if (const json::object* nested = readObject(body, "presence", kBody, errors)) {
    fillPresence(topic.id, *nested, kBody.member("presence"), errors, presence.emplace());
  }
  auto fillRouting = [&](const json::object& object, const Where& where) {
    RoutingFields fields;
    decodeRoutingStatus(object, where, errors, fields);
    routing.emplace(RoutingEvent{std::string(topic.id), fields.status, fields.startTime, std::move(fields.raw)});
  };
  if (const json::object* nested = readObject(body, "routingStatus", kBody, errors)) {
    fillRouting(*nested, kBody.member("routingStatus"));
  } else if (present(body, "status")) {
    fillRouting(body, kBody);
  }
}

Event NotificationDecoder::State::userStatus(const Topic& topic, const json::object& body, Errors& errors) const {
  std::optional<PresenceEvent> presence;
  std::optional<RoutingEvent> routing;
  statusParts(topic, body, errors, presence, routing);
  if (presence && routing) return PresenceAndRoutingEvent{std::move(*presence), std::move(*routing)};
  if (presence && topic.kind != TopicKind::UserRouting) return std::move(*presence);
  if (routing && topic.kind != TopicKind::UserPresence) return std::move(*routing);
  errors.invalid(kBody, {}, topic.kind == TopicKind::UserRouting ? "no routingStatus in the body"
                            : topic.kind == TopicKind::UserPresence ? "no presenceDefinition in the body"
                                                                    : "neither presence nor routingStatus in the body");
  return UnknownEvent{};
}

Event NotificationDecoder::State::agentActivity(const Topic& topic, const json::object& body, Errors& errors) const {
  AgentActivityEvent event;
  event.userId.assign(topic.id);
  statusParts(topic, body, errors, event.presence, event.routing);
  if (present(body, "activeQueueIds"))
    readStringArray(body, "activeQueueIds", event.activeQueueIds.emplace(), kBody, errors);
  if (!event.presence && !event.routing && !event.activeQueueIds)
    errors.invalid(kBody, {}, "none of presence, routingStatus, activeQueueIds in the body");
  return event;
}

Event NotificationDecoder::State::decodeBody(const Topic& topic, const json::object& body, Errors& errors) const {
  switch (topic.kind) {
    case TopicKind::ChannelMetadata: {
      std::string_view message;
      readStringView(body, "message", message, kBody, errors);
      if (message == "WebSocket Heartbeat") return Heartbeat{};
      if (message == "pong") return Pong{};
      return UnknownEvent{};
    }
    case TopicKind::SocketClosing:
      return SocketClosing{};
    case TopicKind::NoLongerSubscribed: {
      NoLongerSubscribed event;
      readString(body, "channelId", event.channelId, kBody, errors);
      readString(body, "reason", event.reason, kBody, errors);
      return event;
    }
    case TopicKind::TokenRevoked: {
      TokenRevoked event;
      readString(body, "reason", event.reason, kBody, errors);
      return event;
    }
    case TopicKind::UserPresence:
    case TopicKind::UserRouting:
    case TopicKind::UserStatus:
      return userStatus(topic, body, errors);
    case TopicKind::UserActivity:
      return agentActivity(topic, body, errors);
    case TopicKind::UserConversations: {
      UserConversationEvent event{std::string(topic.id), {}};
      decodeConversation(body, kBody, errors, event.conversation);
      return event;
    }
    case TopicKind::QueueConversations: {
      QueueConversationEvent event{std::string(topic.id), {}};
      decodeConversation(body, kBody, errors, event.conversation);
      return event;
    }
    case TopicKind::Transcription: {
      TranscriptionEvent event;
      event.conversationId.assign(topic.id);
      readString(body, "communicationId", event.communicationId, kBody, errors);
      if (const json::object* status = readObject(body, "status", kBody, errors)) {
        std::string_view state;
        readStringView(*status, "status", state, kBody.member("status"), errors);
        event.sessionEnded = state == "SESSION_ENDED";
      }
      const json::array* transcripts = readArray(body, "transcripts", kBody, errors);
      if (!transcripts) return event;
      const Where listWhere = kBody.member("transcripts");
      event.lines.reserve(transcripts->size());
      for (std::size_t i = 0; i < transcripts->size() && !errors.any(); ++i) {
        const json::object* result = elementObject((*transcripts)[i], listWhere, i, errors);
        if (!result) break;
        const Where at = listWhere.element(i);
        // The first alternative is the engine's best guess; a result without one says nothing.
        const json::array* alternatives = readArray(*result, "alternatives", at, errors);
        if (!alternatives || alternatives->empty()) continue;
        const Where alternativesWhere = at.member("alternatives");
        const json::object* best = elementObject(alternatives->front(), alternativesWhere, 0, errors);
        if (!best) break;
        const Where bestWhere = alternativesWhere.element(0);
        model::TranscriptLine& line = event.lines.emplace_back();
        readString(*result, "utteranceId", line.utteranceId, at, errors);
        readBool(*result, "isFinal", line.final, at, errors);
        std::string_view channel;
        if (readStringView(*result, "channel", channel, at, errors)) line.speaker = speakerFromChannel(channel);
        // decoratedTranscript is the written form ("4111", "jo@example.com"): readable, and what
        // is shown; transcript is the spoken form. words[] and decoratedWords[] repeat every
        // token and are never read. The text stays unmasked here: the session masks it across
        // utterances (model/utterance_masking.h) before it reaches the store.
        std::string_view text;
        if (readStringView(*best, "decoratedTranscript", text, bestWhere, errors) && !text.empty()) {
          line.text.assign(text);
        } else if (readStringView(*best, "transcript", text, bestWhere, errors)) {
          line.text.assign(text);
        }
        readInt64(*best, "offsetMs", line.offsetMs, bestWhere, errors);
      }
      return event;
    }
    case TopicKind::UserCoaching: {
      CoachingEvent event;
      event.userId.assign(topic.id);
      if (!readRefId(body, "appointment", event.appointmentId, kBody, errors)) {
        readString(body, "id", event.appointmentId, kBody, errors);
      }
      std::string_view text;
      if (readStringView(body, "actionType", text, kBody, errors)) event.action = coachingActionFromString(text);
      if (readStringView(body, "status", text, kBody, errors)) event.status = appointmentStatusFromString(text);
      readTime(body, "dateStart", event.dateStart, kBody, errors);
      readInt(body, "lengthInMinutes", event.lengthInMinutes, kBody, errors);
      readString(body, "name", event.name, kBody, errors);
      readString(body, "relationship", event.relationship, kBody, errors);
      readTime(body, "dateModified", event.dateModified, kBody, errors);
      return event;
    }
    case TopicKind::QueueObservations: {
      // StatEventQueueTopicStatsNotification: one group per message.
      QueueObservationEvent event;
      event.group.queueId.assign(topic.id);
      decodeObservationGroup(body, kBody, errors, event.group);
      return event;
    }
    case TopicKind::Unknown:
      break;
  }
  return UnknownEvent{};
}

void NotificationDecoder::State::decode(std::string_view wireText, DecodedMessage& out) {
  out.topicName.clear();
  out.event.reset();
  out.error.clear();

  // The previous message's document died with the previous call: recycle its arena.
  memory.emplace(arena.get(), kArenaBytes);
  parser.reset(boost::json::storage_ptr(&*memory));
  boost::system::error_code ec;
  parser.write(wireText.data(), wireText.size(), ec);
  if (ec) {
    out.error = "notification: not valid JSON (" + ec.message() + ")";
    return;
  }
  // Move-constructed, so it stays in the arena (assigning to a value with other storage
  // would deep-copy it into the heap).
  const boost::json::value document = parser.release();

  Errors errors("notification");
  if (!document.is_object()) {
    errors.wrongType(kRoot, {}, "an object", document);
    out.error = errors.failure().message;
    return;
  }
  const json::object& envelope = document.get_object();
  std::string_view topicName;
  if (!readStringView(envelope, "topicName", topicName, kRoot, errors)) {
    if (!errors.any()) errors.invalid(kRoot, "topicName", "missing");
    out.error = errors.failure().message;
    return;
  }
  out.topicName.assign(topicName);
  const Topic topic = classify(topicName);

  const json::object* body = readObject(envelope, "eventBody", kRoot, errors);
  if (!body) {
    // socket_closing needs no body; every other known topic does.
    if (!errors.any() && topic.kind == TopicKind::SocketClosing) {
      out.event = SocketClosing{};
      return;
    }
    if (!errors.any() && topic.kind == TopicKind::Unknown) {
      out.event = UnknownEvent{};
      return;
    }
    if (!errors.any()) errors.invalid(kRoot, "eventBody", "missing");
    out.error = errors.failure().message;
    return;
  }
  Event event = decodeBody(topic, *body, errors);
  if (errors.any()) {
    out.error = errors.failure().message;
    return;
  }
  out.event = std::move(event);
}

NotificationDecoder::NotificationDecoder() : state_(std::make_unique<State>()) {}
NotificationDecoder::~NotificationDecoder() = default;

void NotificationDecoder::setPresenceLabels(PresenceLabels labels) { state_->labels = std::move(labels); }

DecodedMessage NotificationDecoder::decode(std::string_view wireText) {
  DecodedMessage message;
  decode(wireText, message);
  return message;
}

void NotificationDecoder::decode(std::string_view wireText, DecodedMessage& out) {
  try {
    state_->decode(wireText, out);
  } catch (const std::exception& failure) {  // out of memory, in practice: report, never throw
    out.event.reset();
    out.error = std::string("notification: could not be decoded (") + failure.what() + ")";
  }
}

}  // namespace api
