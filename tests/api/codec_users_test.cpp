#include <gtest/gtest.h>

#include "api/agent_changes.h"
#include "api/codec.h"
#include "api/time.h"

namespace {

using model::Media;
using model::Presence;
using model::RoutingStatus;

// A User as GET /api/v2/users?expand=presence,routingStatus,conversationSummary returns it,
// with members the panel does not read (images, version, selfUri, enterprise counts).
constexpr const char* kUsersPage = R"({
  "entities": [
    {
      "id": "u-dana", "name": "Dana Ruiz", "division": {"id": "div-1", "name": "Home", "selfUri": "/x"},
      "email": "dana@example.com", "state": "active", "version": 7, "images": [{"resolution": "x48"}],
      "presence": {
        "source": "PURECLOUD", "primary": true, "message": "",
        "presenceDefinition": {"id": "pd-onqueue", "systemPresence": "On Queue", "selfUri": "/p"},
        "modifiedDate": "2026-11-24T08:00:00.000Z"
      },
      "routingStatus": {"userId": "u-dana", "status": "INTERACTING", "startTime": "2026-11-24T08:10:00Z"},
      "conversationSummary": {
        "userId": "u-dana",
        "call": {"contactCenter": {"active": 1, "acw": 0}, "enterprise": {"active": 0, "acw": 0}},
        "chat": {"contactCenter": {"active": 2, "acw": 1}},
        "email": {"contactCenter": {"active": 0, "acw": 0}},
        "socialExpression": {"contactCenter": {"active": 9}},
        "video": {"contactCenter": {"active": 9}}
      },
      "selfUri": "/api/v2/users/u-dana"
    },
    {"id": "u-ali", "name": "Ali Khan",
     "presence": {"presenceDefinition": {"id": "pd-meal", "systemPresence": "Meal"}},
     "routingStatus": {"status": "OFF_QUEUE"}}
  ],
  "pageSize": 100, "pageNumber": 1, "total": 2, "pageCount": 1,
  "firstUri": "/api/v2/users?pageSize=100&pageNumber=1", "selfUri": "/api/v2/users"
})";

TEST(DecodeUsersPage, MapsUsersToAgents) {
  const api::PresenceLabels labels{{"pd-meal", "Lunch"}};
  const auto page = api::decodeUsersPage(kUsersPage, &labels);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->items.size(), 2u);
  const model::Agent& dana = page->items[0];
  EXPECT_EQ(dana.id, "u-dana");
  EXPECT_EQ(dana.name, "Dana Ruiz");
  EXPECT_EQ(dana.divisionId, "div-1");
  EXPECT_EQ(dana.presence, Presence::OnQueue);
  EXPECT_EQ(dana.presenceSince, api::parseIsoTime("2026-11-24T08:00:00Z"));
  EXPECT_EQ(dana.routing, RoutingStatus::Interacting);
  EXPECT_EQ(dana.routingSince, api::parseIsoTime("2026-11-24T08:10:00Z"));
  EXPECT_EQ(dana.media.active[static_cast<int>(Media::Call)], 1);
  EXPECT_EQ(dana.media.active[static_cast<int>(Media::Chat)], 2);
  EXPECT_EQ(dana.media.acw[static_cast<int>(Media::Chat)], 1);
  EXPECT_EQ(dana.media.totalActive(), 3);
  EXPECT_FALSE(dana.directReport);

  const model::Agent& ali = page->items[1];
  EXPECT_EQ(ali.presence, Presence::Meal);
  EXPECT_EQ(ali.presenceLabel, "Lunch");
  EXPECT_EQ(ali.routing, RoutingStatus::OffQueue);
  EXPECT_EQ(ali.routingSince, 0);

  EXPECT_EQ(page->pageCount, 1);
  EXPECT_EQ(page->total, 2);
  EXPECT_FALSE(page->hasMore());
}

TEST(DecodeUsersPage, AcceptsEverySpellingOfSystemPresence) {
  struct Case {
    const char* text;
    Presence expected;
  };
  for (const Case& c : {Case{"OnQueue", Presence::OnQueue}, Case{"On Queue", Presence::OnQueue},
                        Case{"ON_QUEUE", Presence::OnQueue}, Case{"AVAILABLE", Presence::Available},
                        Case{"Away", Presence::Away}, Case{"Busy", Presence::Busy}, Case{"Offline", Presence::Offline},
                        Case{"Idle", Presence::Idle}, Case{"Training", Presence::Training},
                        Case{"Meeting", Presence::Meeting}, Case{"Break", Presence::Break},
                        Case{"Something New", Presence::Unknown}}) {
    const std::string body = std::string(R"({"entities":[{"id":"u","presence":{"presenceDefinition":{"systemPresence":")") +
                             c.text + R"("}}}]})";
    const auto page = api::decodeUsersPage(body);
    ASSERT_TRUE(page.ok()) << page.error();
    EXPECT_EQ(page->items[0].presence, c.expected) << c.text;
  }
}

TEST(DecodeUsersPage, WrongTypesAreErrorsThatNameTheField) {
  const auto badName = api::decodeUsersPage(R"({"entities":[{"id":"a"},{"id":"b","name":42}]})");
  ASSERT_FALSE(badName.ok());
  EXPECT_EQ(badName.error(), "users page: entities[1].name: expected a string, got a number");

  const auto badTime = api::decodeUsersPage(
      R"({"entities":[{"id":"a","presence":{"modifiedDate":"yesterday"}}]})");
  ASSERT_FALSE(badTime.ok());
  EXPECT_NE(badTime.error().find("entities[0].presence.modifiedDate"), std::string::npos) << badTime.error();

  const auto badCount = api::decodeUsersPage(
      R"({"entities":[{"id":"a","conversationSummary":{"call":{"contactCenter":{"active":"1"}}}}]})");
  ASSERT_FALSE(badCount.ok());
  EXPECT_NE(badCount.error().find("conversationSummary.call.contactCenter.active"), std::string::npos);

  EXPECT_FALSE(api::decodeUsersPage(R"({"entities":{}})").ok());
  EXPECT_FALSE(api::decodeUsersPage(R"({"entities":["u-1"]})").ok());
  EXPECT_FALSE(api::decodeUsersPage(R"([])").ok());
  EXPECT_FALSE(api::decodeUsersPage("").ok());
  EXPECT_FALSE(api::decodeUsersPage(R"({"entities":[{"id":"a"}]")").ok());
}

TEST(DecodeUsersPage, NullAndMissingMembersAreAbsent) {
  const auto page = api::decodeUsersPage(R"({"entities":[{"id":"a","name":null,"presence":null}],"nextUri":"/next"})");
  ASSERT_TRUE(page.ok()) << page.error();
  EXPECT_EQ(page->items[0].name, "");
  EXPECT_EQ(page->items[0].presence, Presence::Unknown);
  EXPECT_TRUE(page->hasMore());
  EXPECT_TRUE(api::decodeUsersPage("{}").ok());
}

TEST(DecodeDirectReports, IsABareArrayMarkedAsDirectReports) {
  const auto agents = api::decodeDirectReports(
      R"([{"id":"u-1","name":"A","routingStatus":{"status":"NOT_RESPONDING"}},{"id":"u-2","name":"B"}])");
  ASSERT_TRUE(agents.ok()) << agents.error();
  ASSERT_EQ(agents->size(), 2u);
  EXPECT_TRUE((*agents)[0].directReport);
  EXPECT_EQ((*agents)[0].routing, RoutingStatus::NotResponding);
  EXPECT_FALSE(api::decodeDirectReports(R"({"entities":[]})").ok());
}

TEST(DecodeQueuesPage, ReadsIdNameAndMemberCount) {
  const auto page = api::decodeQueuesPage(R"({
    "entities": [{"id": "q-sales", "name": "Sales", "memberCount": 12, "joinedMemberCount": 9,
                  "mediaSettings": {"call": {"alertingTimeoutSeconds": 8}}, "acwSettings": {"wrapupPrompt": "OPTIONAL"}}],
    "pageSize": 100, "pageNumber": 2, "total": 250, "pageCount": 3})");
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].id, "q-sales");
  EXPECT_EQ(page->items[0].name, "Sales");
  EXPECT_EQ(page->items[0].memberCount, 12);
  EXPECT_TRUE(page->hasMore());
  EXPECT_FALSE(api::decodeQueuesPage(R"({"entities":[{"memberCount":1.5}]})").ok());
}

// Queue.mediaSettings.{media}.serviceLevel: the target the org configured, per media type.
TEST(DecodeQueuesPage, ReadsTheServiceLevelTargetOfEachMediaType) {
  const auto page = api::decodeQueuesPage(R"({"entities": [{"id": "q-1", "name": "Billing",
    "mediaSettings": {"call": {"alertingTimeoutSeconds": 8, "serviceLevel": {"percentage": 0.9, "durationMs": 15000}},
                      "chat": {"serviceLevel": {"percentage": 0.75, "durationMs": 45000}},
                      "email": {"alertingTimeoutSeconds": 300}}}]})");
  ASSERT_TRUE(page.ok()) << page.error();
  const model::Queue& q = page->items.at(0);
  EXPECT_DOUBLE_EQ(q.byMedia[static_cast<int>(model::Media::Call)].configuredTarget, 0.9);
  EXPECT_EQ(q.byMedia[static_cast<int>(model::Media::Call)].configuredTargetMs, 15000);
  EXPECT_DOUBLE_EQ(q.byMedia[static_cast<int>(model::Media::Chat)].configuredTarget, 0.75);
  EXPECT_LT(q.byMedia[static_cast<int>(model::Media::Email)].configuredTarget, 0) << "none configured";
  EXPECT_DOUBLE_EQ(q.serviceLevelTarget, 0.9) << "before anything counted, the queue shows its call target";
  EXPECT_FALSE(q.serviceLevelRead);
}

TEST(DecodeQueueMembersPage, ReadsMemberUserAndRouting) {
  const auto page = api::decodeQueueMembersPage(R"({
    "entities": [{
      "id": "u-dana", "name": "Dana Ruiz", "ringNumber": 1, "joined": true, "memberBy": "user",
      "user": {"id": "u-dana", "name": "Dana Ruiz",
               "presence": {"presenceDefinition": {"id": "pd-1", "systemPresence": "OnQueue"},
                            "modifiedDate": "2026-11-24T08:00:00Z"}},
      "routingStatus": {"status": "IDLE", "startTime": "2026-11-24T08:05:00.000Z"}
    }, {"id": "u-ali", "joined": false}],
    "pageNumber": 1, "pageSize": 100, "nextUri": "/api/v2/routing/queues/q/members?pageNumber=2"})");
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->items.size(), 2u);
  const api::QueueMember& dana = page->items[0];
  EXPECT_EQ(dana.agent.id, "u-dana");
  EXPECT_TRUE(dana.joined);
  EXPECT_EQ(dana.agent.presence, Presence::OnQueue);
  EXPECT_EQ(dana.agent.routing, RoutingStatus::Idle);
  EXPECT_EQ(dana.agent.routingSince, api::parseIsoTime("2026-11-24T08:05:00Z"));
  EXPECT_FALSE(page->items[1].joined);
  EXPECT_EQ(page->pageCount, -1);
  EXPECT_TRUE(page->hasMore());
  EXPECT_FALSE(api::decodeQueueMembersPage(R"({"entities":[{"id":"u","joined":"yes"}]})").ok());
}

TEST(DecodeUserQueuesPage, ReadsJoined) {
  const auto page = api::decodeUserQueuesPage(
      R"({"entities":[{"id":"q1","name":"Sales","joined":true},{"id":"q2","name":"Billing","joined":false}]})");
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].queueId, "q1");
  EXPECT_TRUE(page->items[0].joined);
  EXPECT_FALSE(page->items[1].joined);
}

// What a supervisor may set: active definitions, primaries (type System, or the first of
// their system presence when type is absent) before the org's secondary ones, by label.
TEST(DecodePresenceDefinitions, ChoicesPutPrimariesFirstAndDropDeactivated) {
  const auto definitions = api::decodePresenceDefinitions(R"({"entities": [
      {"id": "pd-huddle", "type": "User", "systemPresence": "Busy", "name": "Team huddle"},
      {"id": "pd-busy", "type": "System", "systemPresence": "Busy", "name": "Busy"},
      {"id": "pd-away", "systemPresence": "Away", "name": "Away"},
      {"id": "pd-away2", "systemPresence": "Away", "name": "Away from desk"},
      {"id": "pd-old", "type": "User", "systemPresence": "Break", "name": "Smoke", "deactivated": true}]})");
  ASSERT_TRUE(definitions.ok()) << definitions.error();
  const auto choices = api::choicesOf(*definitions);
  ASSERT_EQ(choices.size(), 4u);
  EXPECT_EQ(choices[0].id, "pd-away");
  EXPECT_EQ(choices[1].id, "pd-busy");
  EXPECT_FALSE(choices[1].secondary);
  EXPECT_EQ(choices[2].id, "pd-away2") << "no type: the second Away is a secondary one";
  EXPECT_TRUE(choices[2].secondary);
  EXPECT_EQ(choices[3].id, "pd-huddle");
  EXPECT_TRUE(choices[3].secondary);
}

TEST(DecodePresenceDefinitions, PrefersTheEnglishLabel) {
  const auto definitions = api::decodePresenceDefinitions(R"({
    "entities": [
      {"id": "pd-meal", "type": "System", "systemPresence": "Meal",
       "languageLabels": {"de": "Essen", "en_US": "Lunch"}, "deactivated": false},
      {"id": "pd-x", "systemPresence": "Away", "languageLabels": {"fr": "Absent"}},
      {"id": "pd-old", "name": "Coffee", "systemPresence": "Break", "deactivated": true}
    ], "total": 3})");
  ASSERT_TRUE(definitions.ok()) << definitions.error();
  ASSERT_EQ(definitions->size(), 3u);
  EXPECT_EQ((*definitions)[0].label, "Lunch");
  EXPECT_EQ((*definitions)[0].presence, Presence::Meal);
  EXPECT_EQ((*definitions)[1].label, "Absent");
  EXPECT_EQ((*definitions)[2].label, "Coffee");
  EXPECT_TRUE((*definitions)[2].deactivated);
  const api::PresenceLabels labels = api::labelsOf(*definitions);
  EXPECT_EQ(labels.at("pd-meal"), "Lunch");
}

TEST(DecodeTokenResponse, ReadsTokenAndOptionalRefresh) {
  const auto token = api::decodeTokenResponse(
      R"({"access_token":"abc","token_type":"bearer","expires_in":86399,"refresh_token":"r1","scope":"x"})");
  ASSERT_TRUE(token.ok()) << token.error();
  EXPECT_EQ(token->accessToken, "abc");
  EXPECT_EQ(token->tokenType, "bearer");
  EXPECT_EQ(token->expiresInSeconds, 86399);
  EXPECT_EQ(token->refreshToken, "r1");

  const auto noRefresh = api::decodeTokenResponse(R"({"access_token":"abc","token_type":"bearer","expires_in":300})");
  ASSERT_TRUE(noRefresh.ok());
  EXPECT_FALSE(noRefresh->refreshToken.has_value());

  const auto refused = api::decodeTokenResponse(R"({"error":"invalid_grant","error_description":"code reused"})");
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().find("invalid_grant"), std::string::npos);
  EXPECT_NE(refused.error().find("code reused"), std::string::npos);

  EXPECT_FALSE(api::decodeTokenResponse(R"({"token_type":"bearer"})").ok());
  EXPECT_FALSE(api::decodeTokenResponse(R"({"access_token":"abc","expires_in":"300"})").ok());
}

TEST(DecodeTokenInfo, ReadsOrgScopesIdleAndClient) {
  const auto info = api::decodeTokenInfo(R"({
    "organization": {"id": "org-1", "name": "Acme"},
    "homeOrganization": {"id": "org-0", "name": "Acme Parent"},
    "authorizedScope": ["users:readonly", "coaching", "notifications"],
    "dateTokenIdles": "2026-11-24T09:30:00Z",
    "OAuthClient": {"id": "client-1", "name": "Supervisor Panel", "authorizedGrantType": "CODE",
                    "organization": {"id": "org-1"}}})");
  ASSERT_TRUE(info.ok()) << info.error();
  EXPECT_EQ(info->organizationId, "org-1");
  EXPECT_EQ(info->organizationName, "Acme");
  EXPECT_EQ(info->homeOrganizationId, "org-0");
  EXPECT_EQ(info->authorizedScope.size(), 3u);
  EXPECT_EQ(info->dateTokenIdles, api::parseIsoTime("2026-11-24T09:30:00Z"));
  EXPECT_EQ(info->clientName, "Supervisor Panel");
  EXPECT_EQ(info->grantType, "CODE");
  EXPECT_FALSE(api::decodeTokenInfo(R"({"authorizedScope":"coaching"})").ok());
  EXPECT_FALSE(api::decodeTokenInfo(R"({"authorizedScope":["coaching", 3]})").ok());
}

TEST(DecodeCurrentUser, ReadsIdNameDivision) {
  const auto me = api::decodeCurrentUser(
      R"({"id":"sup-1","name":"Sam Super","email":"sam@example.com","division":{"id":"d1","name":"Home"},"version":3})");
  ASSERT_TRUE(me.ok()) << me.error();
  EXPECT_EQ(me->id, "sup-1");
  EXPECT_EQ(me->name, "Sam Super");
  EXPECT_EQ(me->divisionId, "d1");
  EXPECT_EQ(me->divisionName, "Home");
  EXPECT_FALSE(api::decodeCurrentUser(R"({"name":"no id"})").ok());
}

TEST(DecodeStation, TellsWhetherTheSupervisorHasOne) {
  const auto with = api::decodeStation(R"({
    "associatedStation": {"id": "st-1", "name": "WebRTC Sam", "type": "inin_webrtc_softphone"},
    "effectiveStation": {"id": "st-1", "name": "WebRTC Sam"}, "defaultStation": {"id": "st-1"}})");
  ASSERT_TRUE(with.ok()) << with.error();
  EXPECT_TRUE(with->hasStation());
  EXPECT_EQ(with->stationName, "WebRTC Sam");

  const auto without = api::decodeStation(R"({"lastAssociatedStation": {"id": "st-old"}})");
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->hasStation());
}

}  // namespace
