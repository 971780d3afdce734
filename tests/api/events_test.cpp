#include "api/events.h"

#include <gtest/gtest.h>

#include "api/time.h"

namespace {

using api::DecodedMessage;
using api::NotificationDecoder;

// A copy of the event, so callers may pass a temporary message.
template <class T>
T eventAs(const DecodedMessage& message) {
  EXPECT_TRUE(message.ok()) << message.error;
  if (!message.event || !std::holds_alternative<T>(*message.event)) {
    ADD_FAILURE() << "unexpected event alternative " << (message.event ? message.event->index() : 99);
    return T{};
  }
  return std::get<T>(*message.event);
}

TEST(NotificationDecoder, HeartbeatPongAndSocketClosing) {
  NotificationDecoder decoder;
  const DecodedMessage heartbeat =
      decoder.decode(R"({"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}})");
  EXPECT_EQ(heartbeat.topicName, "channel.metadata");
  eventAs<api::Heartbeat>(heartbeat);
  eventAs<api::Pong>(decoder.decode(R"({"topicName":"channel.metadata","eventBody":{"message":"pong"}})"));
  eventAs<api::SocketClosing>(decoder.decode(
      R"({"topicName":"v2.system.socket_closing","version":"2","eventBody":{"message":"closing","reason":"maintenance"}})"));
  eventAs<api::SocketClosing>(decoder.decode(R"({"topicName":"v2.system.socket_closing"})"));
}

TEST(NotificationDecoder, PresenceTopic) {
  NotificationDecoder decoder;
  decoder.setPresenceLabels({{"pd-meal", "Lunch"}});
  const DecodedMessage message = decoder.decode(R"({
    "topicName": "v2.users.u-dana.presence", "version": "2",
    "eventBody": {"source": "PURECLOUD", "presenceDefinition": {"id": "pd-meal", "systemPresence": "MEAL"},
                  "primary": true, "message": "", "modifiedDate": "2026-11-24T08:00:00.000Z"},
    "metadata": {"CorrelationId": "corr-1"}})");
  const auto& presence = eventAs<api::PresenceEvent>(message);
  EXPECT_EQ(presence.userId, "u-dana");
  EXPECT_EQ(presence.presence, model::Presence::Meal);
  EXPECT_EQ(presence.definitionId, "pd-meal");
  EXPECT_EQ(presence.label, "Lunch");
  EXPECT_EQ(presence.modifiedDate, api::parseIsoTime("2026-11-24T08:00:00Z"));
}

TEST(NotificationDecoder, RoutingStatusTopic) {
  NotificationDecoder decoder;
  const auto& routing = eventAs<api::RoutingEvent>(decoder.decode(R"({
    "topicName": "v2.users.u-dana.routingStatus",
    "eventBody": {"id": "someone-else", "routingStatus": {"status": "NOT_RESPONDING", "startTime": "2026-11-24T08:01:00Z"}}})"));
  EXPECT_EQ(routing.userId, "u-dana");  // from the topic, not the body
  EXPECT_EQ(routing.status, model::RoutingStatus::NotResponding);
  EXPECT_EQ(routing.startTime, api::parseIsoTime("2026-11-24T08:01:00Z"));
}

TEST(NotificationDecoder, CombinedTopicCarriesEitherOrBoth) {
  NotificationDecoder decoder;
  const auto& both = eventAs<api::PresenceAndRoutingEvent>(decoder.decode(R"({
    "topicName": "v2.users.u-1?presence&routingStatus",
    "eventBody": {"id": "u-1",
                  "presence": {"presenceDefinition": {"id": "pd", "systemPresence": "On Queue"},
                               "modifiedDate": "2026-11-24T08:00:00Z"},
                  "routingStatus": {"status": "IDLE", "startTime": "2026-11-24T08:02:00Z"}}})"));
  EXPECT_EQ(both.presence.userId, "u-1");
  EXPECT_EQ(both.presence.presence, model::Presence::OnQueue);
  EXPECT_EQ(both.routing.userId, "u-1");
  EXPECT_EQ(both.routing.status, model::RoutingStatus::Idle);

  const auto& presenceOnly = eventAs<api::PresenceEvent>(decoder.decode(R"({
    "topicName": "v2.users.u-1?presence&routingStatus",
    "eventBody": {"presenceDefinition": {"id": "pd", "systemPresence": "Away"}}})"));
  EXPECT_EQ(presenceOnly.presence, model::Presence::Away);

  const auto& routingOnly = eventAs<api::RoutingEvent>(decoder.decode(R"({
    "topicName": "v2.users.u-1?presence&routingStatus",
    "eventBody": {"id": "u-1", "routingStatus": {"status": "OFF_QUEUE"}}})"));
  EXPECT_EQ(routingOnly.status, model::RoutingStatus::OffQueue);

  const DecodedMessage neither =
      decoder.decode(R"({"topicName":"v2.users.u-1?presence&routingStatus","eventBody":{"id":"u-1"}})");
  EXPECT_FALSE(neither.ok());
  EXPECT_EQ(neither.topicName, "v2.users.u-1?presence&routingStatus");
}

constexpr const char* kUserConversation = R"({
  "topicName": "v2.users.u-dana.conversations", "version": "2",
  "eventBody": {
    "id": "c-1", "maxParticipants": 3, "recordingState": "active", "recentTransfers": [],
    "participants": [
      {"id": "p-cust", "purpose": "customer", "name": "Jane Doe", "address": "tel:+14155550123",
       "connectedTime": "2026-11-24T08:00:00.000Z",
       "calls": [{"id": "call-cust", "state": "connected", "direction": "inbound",
                  "self": {"addressNormalized": "tel:+14155550123"}, "other": {"addressNormalized": "sip:x"}}]},
      {"id": "p-agent", "purpose": "agent", "userId": "u-dana", "name": "Dana Ruiz", "queueId": "q-sales",
       "connectedTime": "2026-11-24T08:00:20.000Z", "wrapupRequired": true,
       "attributes": {"k": "v"}, "mediaRoles": ["full"],
       "calls": [{"id": "call-agent", "state": "connected", "held": true,
                  "startHoldTime": "2026-11-24T08:03:00.000Z", "connectedTime": "2026-11-24T08:00:20.000Z"}]}
    ]},
  "metadata": {"CorrelationId": "c0"}})";

TEST(NotificationDecoder, UserConversationsTopic) {
  NotificationDecoder decoder;
  const DecodedMessage message = decoder.decode(kUserConversation);
  const auto& event = eventAs<api::UserConversationEvent>(message);
  EXPECT_EQ(event.userId, "u-dana");
  EXPECT_EQ(event.conversation.id, "c-1");
  ASSERT_EQ(event.conversation.participants.size(), 2u);
  EXPECT_EQ(event.conversation.participants[0].name, "J.");
  EXPECT_EQ(event.conversation.participants[0].address.find("4155550123"), std::string::npos);
  EXPECT_TRUE(event.conversation.participants[1].communications[0].held);
  // No conversation times in the body: derived from the participants.
  EXPECT_EQ(event.conversation.startTime, api::parseIsoTime("2026-11-24T08:00:00Z"));
  EXPECT_EQ(event.conversation.endTime, 0);
  EXPECT_EQ(event.conversation.lastChange, api::parseIsoTime("2026-11-24T08:03:00Z"));
  EXPECT_TRUE(model::isLiveFor(event.conversation, "u-dana"));
}

TEST(NotificationDecoder, ConversationEndsWhenEveryParticipantHasEnded) {
  NotificationDecoder decoder;
  const auto& event = eventAs<api::UserConversationEvent>(decoder.decode(R"({
    "topicName": "v2.users.u.conversations.calls",
    "eventBody": {"id": "c", "participants": [
      {"id": "a", "purpose": "agent", "userId": "u", "endTime": "2026-11-24T08:10:00Z",
       "calls": [{"id": "x", "state": "disconnected"}]},
      {"id": "b", "purpose": "customer", "endTime": "2026-11-24T08:09:00Z"}]}})"));
  EXPECT_EQ(event.conversation.endTime, api::parseIsoTime("2026-11-24T08:10:00Z"));
}

TEST(NotificationDecoder, QueueConversationsTopic) {
  NotificationDecoder decoder;
  const auto& event = eventAs<api::QueueConversationEvent>(decoder.decode(
      R"({"topicName":"v2.routing.queues.q-sales.conversations","eventBody":{"id":"c-9","participants":[]}})"));
  EXPECT_EQ(event.queueId, "q-sales");
  EXPECT_EQ(event.conversation.id, "c-9");
}

TEST(NotificationDecoder, TranscriptionTopicReadsDecoratedTextUnmaskedForTheSession) {
  NotificationDecoder decoder;
  const auto& event = eventAs<api::TranscriptionEvent>(decoder.decode(R"({
    "topicName": "v2.conversations.c-1.transcription",
    "eventBody": {
      "eventTime": "2026-11-24T08:01:00Z", "organizationId": "org", "conversationId": "c-1",
      "communicationId": "call-agent", "sessionStartTimeMs": 1795507200000,
      "transcripts": [
        {"utteranceId": "utt-1", "isFinal": true, "channel": "EXTERNAL", "engineProvider": "GENESYS",
         "alternatives": [{"confidence": 0.9, "offsetMs": 1500, "durationMs": 2000,
                           "transcript": "call me on plus one four one five five five five zero one two three",
                           "decoratedTranscript": "call me on +1 415 555 0123",
                           "words": [{"word": "call"}], "decoratedWords": [{"word": "+1"}]},
                          {"transcript": "second guess"}]},
        {"utteranceId": "utt-2", "isFinal": false, "channel": "INTERNAL",
         "alternatives": [{"offsetMs": 4000, "transcript": "sure"}]},
        {"utteranceId": "utt-3", "isFinal": true, "channel": "INTERNAL", "alternatives": []}
      ],
      "status": {"offsetMs": 5000, "status": "SESSION_ONGOING"}}})"));
  EXPECT_EQ(event.conversationId, "c-1");
  EXPECT_EQ(event.communicationId, "call-agent");
  EXPECT_FALSE(event.sessionEnded);
  ASSERT_EQ(event.lines.size(), 2u);
  EXPECT_EQ(event.lines[0].utteranceId, "utt-1");
  EXPECT_EQ(event.lines[0].speaker, model::Speaker::External);
  EXPECT_EQ(event.lines[0].offsetMs, 1500);
  EXPECT_TRUE(event.lines[0].final);
  // Written form shown; masking is the session's, across utterances (utterance_masking.h).
  EXPECT_EQ(event.lines[0].text, "call me on +1 415 555 0123");
  EXPECT_EQ(event.lines[1].speaker, model::Speaker::Internal);
  EXPECT_FALSE(event.lines[1].final);
  EXPECT_EQ(event.lines[1].text, "sure");

  const auto& ended = eventAs<api::TranscriptionEvent>(decoder.decode(
      R"({"topicName":"v2.conversations.c-1.transcription","eventBody":{"status":{"status":"SESSION_ENDED"}}})"));
  EXPECT_TRUE(ended.sessionEnded);
  EXPECT_TRUE(ended.lines.empty());
}

TEST(NotificationDecoder, CoachingTopic) {
  NotificationDecoder decoder;
  const auto& event = eventAs<api::CoachingEvent>(decoder.decode(R"({
    "topicName": "v2.users.sup-1.wem.coaching.notifications",
    "eventBody": {"id": "notif-1", "name": "Call review", "markedAsRead": false, "actionType": "StatusChange",
                  "relationship": "Facilitator", "appointment": {"id": "appt-1", "extra": 1},
                  "dateStart": "2026-11-24T10:00:00Z", "lengthInMinutes": 30, "status": "InProgress"}})"));
  EXPECT_EQ(event.userId, "sup-1");
  EXPECT_EQ(event.appointmentId, "appt-1");
  EXPECT_EQ(event.action, api::CoachingAction::StatusChange);
  EXPECT_EQ(event.status, model::AppointmentStatus::InProgress);
  EXPECT_EQ(event.dateStart, api::parseIsoTime("2026-11-24T10:00:00Z"));
  EXPECT_EQ(event.lengthInMinutes, 30);
  EXPECT_EQ(event.name, "Call review");
  EXPECT_EQ(event.relationship, "Facilitator");
  EXPECT_EQ(event.dateModified, 0);
}

// [SECTION] Queue observations
// Bodies written by hand from StatEventQueueTopicStatsNotification (notification-topics-2.json)
// and genesys-api.md section 3: one message per (queue, media type) with only some metrics,
// a group without mediaType for user counts, the current 30-minute interval's aggregates.

api::QueueObservationGroup observation(NotificationDecoder& decoder, std::string_view body) {
  const std::string text = std::string(R"({"topicName":"v2.analytics.queues.q-sales.observations","version":"2",)") +
                           R"("metadata":{"CorrelationId":"k-1"},"eventBody":)" + std::string(body) + "}";
  return eventAs<api::QueueObservationEvent>(decoder.decode(text)).group;
}

TEST(NotificationDecoder, QueueObservationCarriesOnlySomeMetrics) {
  NotificationDecoder decoder;
  const api::QueueObservationGroup voice = observation(decoder, R"({
    "group": {"queueId": "q-sales", "mediaType": "voice"},
    "data": [{"interval": "2026-11-24T08:10:00.000Z/2026-11-24T08:10:00.000Z",
              "metrics": [{"metric": "oWaiting", "stats": {"count": 3}}]}]})");
  EXPECT_EQ(voice.queueId, "q-sales");
  EXPECT_EQ(voice.media, model::Media::Call);
  EXPECT_EQ(voice.waiting, 3);
  EXPECT_FALSE(voice.interacting.has_value()) << "absent is unchanged, not zero";
  EXPECT_FALSE(voice.alerting.has_value());
  EXPECT_FALSE(voice.waitingDetail.has_value()) << "the push lists no observations";
  EXPECT_FALSE(voice.hasUserCounts);
  EXPECT_FALSE(voice.serviceLevel.has_value());
}

TEST(NotificationDecoder, QueueObservationsOfTwoMediaTypesForOneQueue) {
  NotificationDecoder decoder;
  const api::QueueObservationGroup voice = observation(decoder, R"({
    "group": {"queueId": "q-sales", "mediaType": "voice"},
    "data": [{"interval": "2026-11-24T08:10:00.000Z/2026-11-24T08:10:00.000Z",
              "metrics": [{"metric": "oInteracting", "stats": {"count": 4}}, {"metric": "oAlerting", "stats": {"count": 1}}]}]})");
  const api::QueueObservationGroup chat = observation(decoder, R"({
    "group": {"queueId": "q-sales", "mediaType": "chat"},
    "data": [{"interval": "2026-11-24T08:10:01.000Z/2026-11-24T08:10:01.000Z",
              "metrics": [{"metric": "oInteracting", "stats": {"count": 2}}]}]})");
  EXPECT_EQ(voice.media, model::Media::Call);
  EXPECT_EQ(voice.interacting, 4);
  EXPECT_EQ(voice.alerting, 1);
  EXPECT_EQ(chat.media, model::Media::Chat);
  EXPECT_EQ(chat.interacting, 2);
  EXPECT_FALSE(chat.alerting.has_value());
}

TEST(NotificationDecoder, QueueObservationUserGroupHasNoMediaType) {
  NotificationDecoder decoder;
  const api::QueueObservationGroup users = observation(decoder, R"({
    "group": {"queueId": "q-sales"},
    "data": [{"interval": "2026-11-24T08:10:00.000Z/2026-11-24T08:10:00.000Z",
              "metrics": [{"metric": "oOnQueueUsers", "qualifier": "INTERACTING", "stats": {"count": 6}},
                          {"metric": "oOnQueueUsers", "qualifier": "NOT_RESPONDING", "stats": {"count": 0}},
                          {"metric": "oOffQueueUsers", "qualifier": "pd-meal", "stats": {"count": 2}}]}]})");
  EXPECT_FALSE(users.media.has_value());
  EXPECT_FALSE(users.unknownMediaType);
  EXPECT_TRUE(users.hasUserCounts);
  EXPECT_EQ(users.onQueueUsers, (std::vector<model::QualifiedCount>{{"INTERACTING", 6}, {"NOT_RESPONDING", 0}}));
  EXPECT_EQ(users.offQueueUsers, (std::vector<model::QualifiedCount>{{"pd-meal", 2}}));
  EXPECT_FALSE(users.waiting.has_value());
}

TEST(NotificationDecoder, QueueObservationAggregatesOfTheInterval) {
  NotificationDecoder decoder;
  const api::QueueObservationGroup aggregate = observation(decoder, R"({
    "group": {"queueId": "q-sales", "mediaType": "voice"},
    "data": [{"interval": "2026-11-24T08:00:00.000Z/2026-11-24T08:30:00.000Z",
              "metrics": [{"metric": "nOffered", "stats": {"count": 12}},
                          {"metric": "tAnswered", "stats": {"count": 9, "sum": 123400, "min": 2000, "max": 41000}},
                          {"metric": "tAbandon", "stats": {"count": 1, "sum": 65000}},
                          {"metric": "oServiceLevel",
                           "stats": {"ratio": 0.7, "numerator": 7, "denominator": 10, "target": 0.8}}]}]})");
  EXPECT_EQ(aggregate.intervalStart, api::parseIsoTime("2026-11-24T08:00:00Z"));
  EXPECT_EQ(aggregate.offered, 12);
  EXPECT_EQ(aggregate.answered, 9);
  EXPECT_EQ(aggregate.abandoned, 1);
  ASSERT_TRUE(aggregate.serviceLevel.has_value());
  EXPECT_EQ(*aggregate.serviceLevel, (api::QueueObservationGroup::ServiceLevel{7, 10, 0.8}));
  EXPECT_FALSE(aggregate.waiting.has_value());
  EXPECT_FALSE(aggregate.interacting.has_value());
}

TEST(NotificationDecoder, QueueObservationProblems) {
  NotificationDecoder decoder;
  const api::QueueObservationGroup other = observation(decoder, R"({
    "group": {"queueId": "q-sales", "mediaType": "workitem"},
    "data": [{"interval": "2026-11-24T08:10:00.000Z/2026-11-24T08:10:00.000Z",
              "metrics": [{"metric": "oWaiting", "stats": {"count": 1}}]}]})");
  EXPECT_TRUE(other.unknownMediaType) << "a media type the panel does not model is flagged, not an error";
  auto fails = [&](std::string_view body) {
    const std::string text =
        std::string(R"({"topicName":"v2.analytics.queues.q-sales.observations","eventBody":)") + std::string(body) + "}";
    return !decoder.decode(text).ok();
  };
  // An unreadable interval leaves the start unknown; the counts are still taken.
  EXPECT_FALSE(fails(R"({"group":{"queueId":"q"},"data":[{"interval":"x","metrics":[]}]})"));
  EXPECT_TRUE(fails(R"({"group":{"queueId":"q"},"data":[{"metrics":[{"metric":"oWaiting","stats":{"count":"2"}}]}]})"));
  EXPECT_TRUE(fails(R"({"group":{"queueId":"q"},"data":{}})"));
}

TEST(NotificationDecoder, UnknownTopicsAreNotErrors) {
  NotificationDecoder decoder;
  for (const char* text : {R"({"topicName":"v2.users.u.geolocation","eventBody":{}})",
                           R"({"topicName":"v2.something.else","eventBody":{"x":1}})",
                           R"({"topicName":"v2.something.else"})",
                           R"({"topicName":"channel.metadata","eventBody":{"message":"hello"}})"}) {
    const DecodedMessage message = decoder.decode(text);
    EXPECT_TRUE(message.ok()) << text << ": " << message.error;
    ASSERT_TRUE(message.event.has_value());
    EXPECT_TRUE(std::holds_alternative<api::UnknownEvent>(*message.event)) << text;
  }
}

TEST(NotificationDecoder, MalformedMessagesGiveClearErrors) {
  NotificationDecoder decoder;
  struct Case {
    const char* text;
    const char* expected;
  };
  for (const Case& c : {
           Case{"", "not valid JSON"},
           Case{"{", "not valid JSON"},
           Case{R"({"topicName":"x"} trailing)", "not valid JSON"},
           Case{"[1,2]", "expected an object"},
           Case{R"({"eventBody":{}})", "topicName: missing"},
           Case{R"({"topicName":5})", "topicName: expected a string"},
           Case{R"({"topicName":"v2.users.u.presence","eventBody":"x"})", "eventBody: expected an object"},
           Case{R"({"topicName":"v2.users.u.presence"})", "eventBody: missing"},
           Case{R"({"topicName":"v2.users.u.presence","eventBody":{"presenceDefinition":{"systemPresence":7}}})",
                "eventBody.presenceDefinition.systemPresence: expected a string, got a number"},
           Case{R"({"topicName":"v2.users.u.presence","eventBody":{"presenceDefinition":{},"modifiedDate":"now"}})",
                "eventBody.modifiedDate: expected an ISO-8601 time"},
           Case{R"({"topicName":"v2.users.u.conversations","eventBody":{"participants":[{"calls":[{"held":1}]}]}})",
                "eventBody.participants[0].calls[0].held: expected a boolean"},
           Case{R"({"topicName":"v2.conversations.c.transcription","eventBody":{"transcripts":[{"alternatives":[{"offsetMs":"1"}]}]}})",
                "eventBody.transcripts[0].alternatives[0].offsetMs"},
           Case{R"({"topicName":"v2.users.u.wem.coaching.notifications","eventBody":{"lengthInMinutes":"30"}})",
                "eventBody.lengthInMinutes: expected an integer"},
       }) {
    const DecodedMessage message = decoder.decode(c.text);
    EXPECT_FALSE(message.ok()) << c.text;
    EXPECT_FALSE(message.event.has_value()) << c.text;
    EXPECT_NE(message.error.find(c.expected), std::string::npos) << c.text << " -> " << message.error;
  }
}

TEST(NotificationDecoder, ReusesItselfAcrossManyMessages) {
  NotificationDecoder decoder;
  DecodedMessage message;
  for (int i = 0; i < 2000; ++i) {
    decoder.decode(i % 3 == 0 ? std::string_view(kUserConversation)
                   : i % 3 == 1 ? std::string_view("{broken")
                                : std::string_view(R"({"topicName":"v2.users.u.routingStatus","eventBody":{"routingStatus":{"status":"IDLE"}}})"),
                   message);
    ASSERT_EQ(message.ok(), i % 3 != 1) << i;
  }
  // A message larger than the decoder's arena still decodes.
  std::string large = R"({"topicName":"v2.routing.queues.q.conversations","eventBody":{"id":"c","participants":[)";
  for (int i = 0; i < 700; ++i) {
    large += std::string(i ? "," : "") + R"({"id":"p)" + std::to_string(i) +
             R"(","purpose":"agent","userId":"u","calls":[{"id":"x","state":"connected","direction":"inbound"}]})";
  }
  large += "]}}";
  ASSERT_GT(large.size(), 64u * 1024);
  // Many of them in a row: the arena must not grow with each one (it once doubled).
  for (int i = 0; i < 48; ++i) {
    decoder.decode(large, message);
    ASSERT_TRUE(message.ok()) << i << ": " << message.error;
  }
  const auto& event = eventAs<api::QueueConversationEvent>(decoder.decode(large));
  EXPECT_EQ(event.conversation.participants.size(), 700u);
  eventAs<api::UserConversationEvent>(decoder.decode(kUserConversation));
}

}  // namespace
