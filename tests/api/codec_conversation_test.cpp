#include <gtest/gtest.h>

#include "api/codec.h"
#include "api/time.h"
#include "model/redact.h"

namespace {

using model::CommState;
using model::Media;
using model::Purpose;

// GET /api/v2/conversations/{id}: an inbound call in the Sales queue, agent connected and
// held, a supervisor monitoring, plus members the panel ignores.
constexpr const char* kConversation = R"({
  "id": "c-1", "startTime": "2026-11-24T08:00:00.000Z", "address": "+14155550123",
  "recordingState": "ACTIVE", "divisions": [{"division": {"id": "d1"}, "entities": []}],
  "participants": [
    {"id": "p-cust", "purpose": "customer", "name": "Jane Doe", "address": "tel:+14155550123",
     "ani": "tel:+14155550123", "connectedTime": "2026-11-24T08:00:00.000Z",
     "calls": [{"id": "call-cust", "state": "connected", "direction": "inbound", "held": false,
                "connectedTime": "2026-11-24T08:00:00.000Z",
                "self": {"addressNormalized": "tel:+14155550123"}, "segments": []}]},
    {"id": "p-acd", "purpose": "acd", "name": "Sales", "queueId": "q-sales",
     "connectedTime": "2026-11-24T08:00:01Z", "endTime": "2026-11-24T08:00:20Z",
     "calls": [{"id": "call-acd", "state": "disconnected", "disconnectedTime": "2026-11-24T08:00:20Z"}]},
    {"id": "p-agent", "purpose": "agent", "userId": "u-dana", "name": "Dana Ruiz", "queueId": "q-sales",
     "connectedTime": "2026-11-24T08:00:20Z", "wrapupRequired": true,
     "calls": [{"id": "call-agent", "state": "connected", "held": true, "direction": "inbound",
                "connectedTime": "2026-11-24T08:00:20Z", "startHoldTime": "2026-11-24T08:03:00Z"}],
     "chats": [], "futureMediaType": [{"id": "z"}]},
    {"id": "p-sup", "purpose": "agent", "userId": "u-sam", "name": "Sam Super",
     "monitoredParticipantId": "p-agent", "connectedTime": "2026-11-24T08:04:00Z",
     "calls": [{"id": "call-sup", "state": "connected"}]}
  ],
  "selfUri": "/api/v2/conversations/c-1"
})";

TEST(DecodeConversation, ReadsParticipantsAndCommunications) {
  const auto conversation = api::decodeConversation(kConversation);
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  EXPECT_EQ(conversation->id, "c-1");
  EXPECT_EQ(conversation->startTime, api::parseIsoTime("2026-11-24T08:00:00Z"));
  EXPECT_EQ(conversation->endTime, 0);
  ASSERT_EQ(conversation->participants.size(), 4u);

  const model::Participant& agent = conversation->participants[2];
  EXPECT_EQ(agent.purpose, Purpose::Agent);
  EXPECT_EQ(agent.purposeRaw, "agent");
  EXPECT_EQ(agent.userId, "u-dana");
  EXPECT_EQ(agent.name, "Dana Ruiz");
  EXPECT_EQ(agent.queueId, "q-sales");
  EXPECT_TRUE(agent.wrapupRequired);
  EXPECT_FALSE(agent.hasWrapup);
  ASSERT_EQ(agent.communications.size(), 1u);
  const model::Communication& call = agent.communications[0];
  EXPECT_EQ(call.id, "call-agent");
  EXPECT_EQ(call.media, Media::Call);
  EXPECT_EQ(call.state, CommState::Connected);
  EXPECT_TRUE(call.held);
  EXPECT_EQ(call.direction, "inbound");
  EXPECT_EQ(call.startHoldTime, api::parseIsoTime("2026-11-24T08:03:00Z"));

  EXPECT_EQ(conversation->participants[1].purpose, Purpose::Acd);
  EXPECT_EQ(conversation->participants[1].communications[0].state, CommState::Disconnected);
  EXPECT_EQ(conversation->participants[3].monitoredParticipantId, "p-agent");
  EXPECT_EQ(conversation->lastChange, api::parseIsoTime("2026-11-24T08:04:00Z"));

  // The model's rules work on what we decoded.
  EXPECT_TRUE(model::isLiveFor(*conversation, "u-dana"));
  EXPECT_EQ(model::supervisorsOn(*conversation, "p-agent").size(), 1u);
}

TEST(DecodeConversation, MasksTheCustomer) {
  const auto conversation = api::decodeConversation(kConversation);
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  const model::Participant& customer = conversation->participants[0];
  EXPECT_EQ(customer.purpose, Purpose::Customer);
  EXPECT_EQ(customer.name, "J.");
  EXPECT_EQ(customer.address, redact::maskAddress("tel:+14155550123"));
  EXPECT_EQ(customer.address.find("4155550123"), std::string::npos);
}

TEST(DecodeConversation, ReadsEveryMediaAndWrapup) {
  const auto conversation = api::decodeConversation(R"({"id":"c-2","participants":[{
    "id": "p", "purpose": "agent", "userId": "u", "wrapup": {"code": "w1", "name": "Sale"},
    "callbacks": [{"id": "cb", "state": "scheduled"}], "chats": [{"id": "ch", "state": "alerting"}],
    "emails": [{"id": "em", "state": "parked"}], "messages": [{"id": "ms", "state": "connected"}],
    "cobrowsesessions": [{"id": "ignored"}]}]})");
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  const model::Participant& participant = conversation->participants[0];
  EXPECT_TRUE(participant.hasWrapup);
  ASSERT_EQ(participant.communications.size(), 4u);
  EXPECT_EQ(participant.communications[0].media, Media::Callback);
  EXPECT_EQ(participant.communications[0].state, CommState::Scheduled);
  EXPECT_EQ(participant.communications[1].media, Media::Chat);
  EXPECT_EQ(participant.communications[1].state, CommState::Alerting);
  EXPECT_EQ(participant.communications[2].media, Media::Email);
  EXPECT_EQ(participant.communications[2].state, CommState::Unknown);  // "parked" has no model state
  EXPECT_EQ(participant.communications[3].media, Media::Message);
}

TEST(DecodeConversation, EndedConversationKeepsItsEndTime) {
  const auto conversation = api::decodeConversation(R"({"id":"c-3","startTime":"2026-11-24T08:00:00Z",
    "endTime":"2026-11-24T08:10:00Z","participants":[{"id":"p","purpose":"agent","userId":"u",
    "endTime":"2026-11-24T08:10:00Z","calls":[{"id":"x","state":"terminated"}]}]})");
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  EXPECT_EQ(conversation->endTime, api::parseIsoTime("2026-11-24T08:10:00Z"));
  EXPECT_FALSE(model::isLiveFor(*conversation, "u"));
}

TEST(DecodeConversation, CallViewParticipantsCarryTheirCallDirectly) {
  // GET /api/v2/conversations/calls/{id}: CallMediaParticipant has state/held on itself.
  const auto conversation = api::decodeConversation(R"({"id":"c-4","participants":[
    {"id":"p-a","purpose":"agent","user":{"id":"u-dana"},"queue":{"id":"q"},"state":"connected","held":false,
     "muted":false,"connectedTime":"2026-11-24T08:00:00Z"},
    {"id":"p-c","purpose":"customer","name":"+1 415 555 0123","address":"tel:+14155550123","state":"connected"}]})");
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  const model::Participant& agent = conversation->participants[0];
  EXPECT_EQ(agent.userId, "u-dana");
  EXPECT_EQ(agent.queueId, "q");
  ASSERT_EQ(agent.communications.size(), 1u);
  EXPECT_EQ(agent.communications[0].id, "p-a");
  EXPECT_EQ(agent.communications[0].state, CommState::Connected);
  EXPECT_TRUE(model::isLiveFor(*conversation, "u-dana"));
  EXPECT_EQ(conversation->participants[1].name, "");  // a phone number as the name gives no initial
}

TEST(DecodeConversation, UnknownPurposeWithoutUserIsMasked) {
  const auto conversation = api::decodeConversation(
      R"({"id":"c","participants":[{"id":"p","purpose":"voicemail","name":"Zed","address":"jane@example.com"}]})");
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  EXPECT_EQ(conversation->participants[0].purpose, Purpose::Other);
  EXPECT_EQ(conversation->participants[0].purposeRaw, "voicemail");
  EXPECT_EQ(conversation->participants[0].name, "Z.");
  EXPECT_EQ(conversation->participants[0].address.find("jane"), std::string::npos);
}

TEST(DecodeConversation, WrongTypesAndMissingIdAreErrors) {
  EXPECT_EQ(api::decodeConversation(R"({"id":"c","participants":[{"id":"p","calls":[{"held":"yes"}]}]})").error(),
            "conversation: participants[0].calls[0].held: expected a boolean, got a string");
  EXPECT_FALSE(api::decodeConversation(R"({"id":"c","participants":{}})").ok());
  EXPECT_FALSE(api::decodeConversation(R"({"id":"c","startTime":12345})").ok());
  EXPECT_FALSE(api::decodeConversation(R"({"participants":[]})").ok());
  EXPECT_FALSE(api::decodeConversation("null").ok());
}

TEST(DecodeConversation, RegionComesFromTheFirstParticipantAttribute) {
  const auto conversation = api::decodeConversation(R"({"id":"c","participants":[
    {"id":"a","purpose":"customer","attributes":{"lang":"en"}},
    {"id":"b","purpose":"acd","attributes":{"region":"ap-south-1"}},
    {"id":"c","purpose":"agent","userId":"u","attributes":{"region":"us-east-1"}}]})");
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  EXPECT_EQ(conversation->region, "ap-south-1");
  EXPECT_EQ(api::decodeConversation(R"({"id":"c","participants":[]})")->region, "");
}

TEST(NameInitial, KeepsOnlyTheFirstLetter) {
  EXPECT_EQ(api::nameInitial("Jane Doe"), "J.");
  EXPECT_EQ(api::nameInitial("  jane"), "J.");
  EXPECT_EQ(api::nameInitial("Émile Zola"), "É.");
  EXPECT_EQ(api::nameInitial(""), "");
  EXPECT_EQ(api::nameInitial("+14155550123"), "");
  EXPECT_EQ(api::nameInitial("\xC3"), "");  // truncated UTF-8
}

}  // namespace
