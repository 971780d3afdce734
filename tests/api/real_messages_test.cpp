// Messages shaped as a real org sends them, written by hand from the SDK models in
// contracts (notification-topics-2.json: PresenceEventUserPresence,
// UserRoutingStatusUserRoutingStatus, WemCoachingUserNotificationTopicCoachingUserNotification,
// SystemMessageSystemMessage) and genesys-api.md section 3 — not captured from gcsim, so
// a shape both of our sides got wrong fails here.
#include <gtest/gtest.h>

#include "api/events.h"
#include "api/requests.h"

namespace {

using api::NotificationDecoder;

template <class T>
T decodeAs(NotificationDecoder& decoder, std::string_view text) {
  const api::DecodedMessage message = decoder.decode(text);
  EXPECT_TRUE(message.ok()) << message.error;
  if (!message.event || !std::holds_alternative<T>(*message.event)) {
    ADD_FAILURE() << "unexpected event for " << text;
    return T{};
  }
  return std::get<T>(*message.event);
}

// A combined subscription is delivered expanded, with event casing (ON_QUEUE, not "On Queue").
TEST(RealMessages, CombinedTopicArrivesAsAPresenceMessageInUpperCase) {
  NotificationDecoder decoder;
  const auto presence = decodeAs<api::PresenceEvent>(decoder, R"({
    "topicName": "v2.users.8f1c.presence", "version": "2",
    "eventBody": {"source": "PURECLOUD", "primary": true, "message": "",
                  "presenceDefinition": {"id": "e08eaf1b", "systemPresence": "ON_QUEUE"},
                  "modifiedDate": "2026-11-30T09:15:02.120Z"},
    "metadata": {"CorrelationId": "c0ffee"}})");
  EXPECT_EQ(presence.userId, "8f1c");
  EXPECT_EQ(presence.presence, model::Presence::OnQueue);
  EXPECT_GT(presence.modifiedDate, 0);
}

TEST(RealMessages, RoutingStatusPartCarriesOnlyRoutingStatus) {
  NotificationDecoder decoder;
  const auto routing = decodeAs<api::RoutingEvent>(decoder, R"({
    "topicName": "v2.users.8f1c.routingStatus", "version": "2",
    "eventBody": {"id": "8f1c", "routingStatus": {"status": "NOT_RESPONDING", "startTime": "2026-11-30T09:16:00.000Z"}},
    "metadata": {"CorrelationId": "c0ffee"}})");
  EXPECT_EQ(routing.userId, "8f1c");
  EXPECT_EQ(routing.status, model::RoutingStatus::NotResponding);
}

// AgentActivityChangedTopicAgentActivity: the three parts in one body; a body without the
// queue list leaves the queues unknown rather than empty.
TEST(RealMessages, ActivityCarriesPresenceRoutingAndActiveQueues) {
  NotificationDecoder decoder;
  const auto activity = decodeAs<api::AgentActivityEvent>(decoder, R"({
    "topicName": "v2.users.8f1c.activity", "version": "2",
    "eventBody": {"id": "8f1c",
                  "routingStatus": {"status": "INTERACTING", "startTime": "2026-11-30T09:16:00.000Z"},
                  "presence": {"presenceDefinition": {"id": "e08eaf1b", "systemPresence": "ON_QUEUE"},
                               "presenceMessage": "", "modifiedDate": "2026-11-30T09:15:02.120Z"},
                  "outOfOffice": {"active": false},
                  "activeQueueIds": ["q-sales", "q-billing"],
                  "dateActiveQueuesChanged": "2026-11-30T09:15:02.120Z"},
    "metadata": {"CorrelationId": "c0ffee"}})");
  EXPECT_EQ(activity.userId, "8f1c");
  ASSERT_TRUE(activity.presence && activity.routing && activity.activeQueueIds);
  EXPECT_EQ(activity.presence->presence, model::Presence::OnQueue);
  EXPECT_EQ(activity.routing->status, model::RoutingStatus::Interacting);
  EXPECT_EQ(*activity.activeQueueIds, (std::vector<std::string>{"q-sales", "q-billing"}));

  const auto partial = decodeAs<api::AgentActivityEvent>(decoder, R"({
    "topicName": "v2.users.8f1c.activity",
    "eventBody": {"id": "8f1c", "routingStatus": {"status": "IDLE", "startTime": "2026-11-30T09:17:00.000Z"}}})");
  EXPECT_FALSE(partial.presence);
  EXPECT_FALSE(partial.activeQueueIds);
  ASSERT_TRUE(partial.routing);
  EXPECT_EQ(api::userActivityTopic("8f1c"), "v2.users.8f1c.activity");
}

TEST(RealMessages, CoachingArrivesOnTheSingularTopicAndThePluralStillDecodes) {
  NotificationDecoder decoder;
  for (const char* suffix : {"notification", "notifications"}) {
    const std::string text = std::string(R"({"topicName": "v2.users.sup.wem.coaching.)") + suffix + R"(",
      "eventBody": {"id": "n-1", "name": "Review", "actionType": "Create", "relationship": "Facilitator",
                    "appointment": {"id": "ap-9"}, "dateStart": "2026-12-01T10:00:00Z", "lengthInMinutes": 30,
                    "status": "Scheduled"}})";
    const auto coaching = decodeAs<api::CoachingEvent>(decoder, text);
    EXPECT_EQ(coaching.appointmentId, "ap-9") << suffix;
    EXPECT_EQ(coaching.action, api::CoachingAction::Create);
  }
  EXPECT_EQ(api::userCoachingTopic("sup"), "v2.users.sup.wem.coaching.notification");
  EXPECT_EQ(api::userCoachingTopic("sup", true), "v2.users.sup.wem.coaching.notifications");
}

TEST(RealMessages, SystemMessagesForATakenChannelAndARevokedToken) {
  NotificationDecoder decoder;
  const auto taken = decodeAs<api::NoLongerSubscribed>(decoder, R"({
    "topicName": "v2.system.no_longer_subscribed.streaming-7", "version": "2",
    "eventBody": {"channelId": "streaming-7", "systemTopicType": "no_longer_subscribed",
                  "reason": "another_channel_subscribed", "message": "..."}})");
  EXPECT_EQ(taken.channelId, "streaming-7");
  EXPECT_EQ(taken.reason, "another_channel_subscribed");
  const auto revoked = decodeAs<api::TokenRevoked>(decoder, R"({
    "topicName": "v2.system.token_revoked.streaming-7",
    "eventBody": {"channelId": "streaming-7", "systemTopicType": "token_revoked", "reason": "user_tokens_revoked"}})");
  EXPECT_EQ(revoked.reason, "user_tokens_revoked");
}

// A value added to the API after this panel was built keeps its text, end to end.
TEST(RealMessages, UnknownEnumValuesKeepTheirRawText) {
  NotificationDecoder decoder;
  const auto presence = decodeAs<api::PresenceEvent>(decoder, R"({"topicName": "v2.users.u1.presence",
    "eventBody": {"presenceDefinition": {"id": "x", "systemPresence": "OUTAGE"}, "modifiedDate": "2026-11-30T09:00:00Z"}})");
  EXPECT_EQ(presence.presence, model::Presence::Unknown);
  EXPECT_EQ(presence.raw, "OUTAGE");
  const auto routing = decodeAs<api::RoutingEvent>(decoder, R"({"topicName": "v2.users.u1.routingStatus",
    "eventBody": {"id": "u1", "routingStatus": {"status": "PAUSED", "startTime": "2026-11-30T09:00:00Z"}}})");
  EXPECT_EQ(routing.raw, "PAUSED");
  model::Agent agent;
  agent.presenceRaw = presence.raw;
  agent.routingRaw = routing.raw;
  EXPECT_EQ(model::presenceText(agent), "Unknown (OUTAGE)");
  EXPECT_NE(model::routingText(agent).find("(PAUSED)"), std::string::npos);
  agent.presence = model::Presence::Break;  // a known value shows as itself, the old raw text ignored
  EXPECT_EQ(model::presenceText(agent), "Break");
}

TEST(RealMessages, SubscriptionsAreSentWithIgnoreErrors) {
  EXPECT_EQ(api::subscriptionsPath("ch"), "/api/v2/notifications/channels/ch/subscriptions?ignoreErrors=true");
  EXPECT_EQ(api::subscriptionsPath("ch", false), "/api/v2/notifications/channels/ch/subscriptions");
}

}  // namespace
