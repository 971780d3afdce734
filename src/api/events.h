// Notification decoding: one WebSocket text message -> one typed event. The hot path of
// the panel (target: the whole ingest >= 200,000 events/s on one core): a decoder object
// reuses one JSON parser and one monotonic buffer for every message, so parsing allocates
// nothing; only the strings the event itself carries are allocated.
//
// Topics (see requests.h for the builders) and what they decode to:
//   channel.metadata                             Heartbeat | Pong
//   v2.system.socket_closing                     SocketClosing
//   v2.system.no_longer_subscribed.{id}          NoLongerSubscribed (another socket took the channel)
//   v2.system.token_revoked.{id}                 TokenRevoked
//   v2.users.{id}.presence                       PresenceEvent
//   v2.users.{id}.routingStatus                  RoutingEvent
//   v2.users.{id}?presence&routingStatus         PresenceAndRoutingEvent when the body carries
//                                                both {presence, routingStatus}; PresenceEvent or
//                                                RoutingEvent when it carries one of the two shapes
//   v2.users.{id}.activity                       AgentActivityEvent (presence, routing status, active queues)
//   v2.users.{id}.conversations[.calls|...]      UserConversationEvent
//   v2.routing.queues.{id}.conversations[...]    QueueConversationEvent
//   v2.conversations.{id}.transcription          TranscriptionEvent
//   v2.users.{id}.wem.coaching.notification[s]  CoachingEvent (singular in the SDK topic maps; plural accepted)
//   v2.analytics.queues.{id}.observations        QueueObservationEvent
//   anything else                                UnknownEvent (not an error)
// The user/queue/conversation id comes from the topic name, never from the body.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "api/codec.h"
#include "model/model.h"

namespace api {

struct Heartbeat {
  bool operator==(const Heartbeat&) const = default;
};
struct Pong {
  bool operator==(const Pong&) const = default;
};
// The server closes the socket in about a minute: open a new channel, subscribe, drop this one.
struct SocketClosing {
  bool operator==(const SocketClosing&) const = default;
};

// SystemMessageSystemMessage on v2.system.no_longer_subscribed.{id}: this socket no longer
// receives the channel's events (reason another_channel_subscribed) [notification-topics-2.json].
struct NoLongerSubscribed {
  std::string channelId;
  std::string reason;
  bool operator==(const NoLongerSubscribed&) const = default;
};
// SystemMessageSystemMessage on v2.system.token_revoked.{id}: the token was revoked
// (reason user_tokens_revoked); nothing more will come on this socket.
struct TokenRevoked {
  std::string reason;
  bool operator==(const TokenRevoked&) const = default;
};

struct PresenceEvent {
  std::string userId;
  model::Presence presence = model::Presence::Unknown;
  std::string definitionId;            // presenceDefinition.id
  std::string label;                   // the org's label for definitionId, if the decoder knows it
  model::TimeMs modifiedDate = 0;      // 0 when the body has none
  std::string raw;                     // systemPresence as received when the panel does not know it
  bool operator==(const PresenceEvent&) const = default;
};

struct RoutingEvent {
  std::string userId;
  model::RoutingStatus status = model::RoutingStatus::Unknown;
  model::TimeMs startTime = 0;
  std::string raw{};                   // the status as received when the panel does not know it
  bool operator==(const RoutingEvent&) const = default;
};

struct PresenceAndRoutingEvent {
  PresenceEvent presence;
  RoutingEvent routing;
  bool operator==(const PresenceAndRoutingEvent&) const = default;
};

// AgentActivityChangedTopicAgentActivity on v2.users.{id}.activity [notification-topics-2.json]:
// one body with the presence, the routing status and the queues the agent is active in. Each
// part is optional so that a body missing one still updates the others.
struct AgentActivityEvent {
  std::string userId;                                       // from the topic
  std::optional<PresenceEvent> presence;
  std::optional<RoutingEvent> routing;
  std::optional<std::vector<std::string>> activeQueueIds;   // absent from the body: unknown, not empty
  bool operator==(const AgentActivityEvent&) const = default;
};

struct UserConversationEvent {
  std::string userId;
  model::Conversation conversation;    // full participant list; customers masked
  bool operator==(const UserConversationEvent&) const = default;
};

struct QueueConversationEvent {
  std::string queueId;
  model::Conversation conversation;
  bool operator==(const QueueConversationEvent&) const = default;
};

struct TranscriptionEvent {
  std::string conversationId;          // from the topic
  std::string communicationId;
  // Speaker Internal/External by channel. text is decoratedTranscript, or transcript when
  // there is none, and NOT masked: Session masks it across utterances before the store.
  std::vector<model::TranscriptLine> lines;
  bool sessionEnded = false;           // status.status == SESSION_ENDED
  bool operator==(const TranscriptionEvent&) const = default;
};

enum class CoachingAction { Unknown, Create, Update, Delete, StatusChange };

struct CoachingEvent {
  std::string userId;                  // whose notification topic it came on
  std::string appointmentId;           // appointment.id (the body's own id is the notification's)
  CoachingAction action = CoachingAction::Unknown;
  model::AppointmentStatus status = model::AppointmentStatus::Unknown;
  model::TimeMs dateStart = 0;
  int lengthInMinutes = 0;
  std::string name;
  std::string relationship;            // Attendee | Facilitator | Creator
  model::TimeMs dateModified = 0;      // when present in the body
  bool operator==(const CoachingEvent&) const = default;
};

struct QueueObservationEvent {
  QueueObservationGroup group;         // group.queueId from the topic
  bool operator==(const QueueObservationEvent&) const = default;
};

// A well-formed message on a topic (or channel.metadata message) the panel does not use.
struct UnknownEvent {
  bool operator==(const UnknownEvent&) const = default;
};

using Event = std::variant<Heartbeat, Pong, SocketClosing, NoLongerSubscribed, TokenRevoked, PresenceEvent, RoutingEvent, PresenceAndRoutingEvent, AgentActivityEvent,
                           UserConversationEvent, QueueConversationEvent, TranscriptionEvent, CoachingEvent,
                           QueueObservationEvent, UnknownEvent>;

struct DecodedMessage {
  std::string topicName;               // as received; empty if the message had none
  std::optional<Event> event;          // set when error is empty
  std::string error;                   // malformed message: what is wrong, with the field path
  bool ok() const { return error.empty(); }
};

// Not thread-safe: one decoder per worker thread. Never throws.
class NotificationDecoder {
 public:
  NotificationDecoder();
  ~NotificationDecoder();
  NotificationDecoder(const NotificationDecoder&) = delete;
  NotificationDecoder& operator=(const NotificationDecoder&) = delete;

  // Presence definition labels used to fill PresenceEvent::label (see decodePresenceDefinitions).
  void setPresenceLabels(PresenceLabels labels);

  DecodedMessage decode(std::string_view wireText);
  // Same, reusing `out`'s string capacity (the fastest form for a loop).
  void decode(std::string_view wireText, DecodedMessage& out);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace api
