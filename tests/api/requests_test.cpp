#include "api/requests.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include "api/time.h"

namespace {

namespace json = boost::json;

TEST(PercentEncode, KeepsOnlyUnreserved) {
  EXPECT_EQ(api::percentEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(api::percentEncode("a b&c=d/e?f"), "a%20b%26c%3Dd%2Fe%3Ff");
  EXPECT_EQ(api::percentEncode("é"), "%C3%A9");
}

TEST(Paths, UsersRepeatArrayParameters) {
  EXPECT_EQ(api::usersPath({"a", "b"}),
            "/api/v2/users?id=a&id=b&expand=presence&expand=routingStatus&expand=conversationSummary"
            "&pageSize=100&pageNumber=1");
}

TEST(Paths, UsersListingInEitherOrder) {
  EXPECT_EQ(api::usersListingPath(20, 500, false),
            "/api/v2/users?expand=presence&expand=routingStatus&expand=conversationSummary&pageSize=500&pageNumber=20");
  EXPECT_EQ(api::usersListingPath(1, 500, true),
            "/api/v2/users?expand=presence&expand=routingStatus&expand=conversationSummary&pageSize=500&pageNumber=1"
            "&sortOrder=descending");
}

TEST(Paths, EncodeIdsAndQueryValues) {
  EXPECT_EQ(api::conversationPath("c 1/x"), "/api/v2/conversations/c%201%2Fx");
  EXPECT_EQ(api::queuesPath(2, 50, "Sales & Support"),
            "/api/v2/routing/queues?pageSize=50&pageNumber=2&name=Sales%20%26%20Support");
  EXPECT_EQ(api::queueMembersPath("q-1"),
            "/api/v2/routing/queues/q-1/members?expand=presence&expand=routingStatus&pageSize=100&pageNumber=1");
  EXPECT_EQ(api::userQueuesPath("u-1"), "/api/v2/users/u-1/queues?joined=true&pageSize=100&pageNumber=1");
  EXPECT_EQ(api::directReportsPath("sup"),
            "/api/v2/users/sup/directreports?expand=presence&expand=routingStatus&expand=conversationSummary");
  EXPECT_EQ(api::stationPath("sup"), "/api/v2/users/sup/station");
  EXPECT_EQ(api::callActionPath(api::CallAction::Monitor, "c", "p"),
            "/api/v2/conversations/calls/c/participants/p/monitor");
  EXPECT_EQ(api::callActionPath(api::CallAction::Coach, "c", "p"), "/api/v2/conversations/calls/c/participants/p/coach");
  EXPECT_EQ(api::callActionPath(api::CallAction::Barge, "c", "p"), "/api/v2/conversations/calls/c/participants/p/barge");
  EXPECT_EQ(api::messageMonitorPath("c", "p"), "/api/v2/conversations/messages/c/participants/p/monitor");
  EXPECT_EQ(api::transcriptUrlPath("c", "m"),
            "/api/v2/speechandtextanalytics/conversations/c/communications/m/transcripturl");
  EXPECT_EQ(api::subscriptionsPath("ch", false), "/api/v2/notifications/channels/ch/subscriptions");
  EXPECT_EQ(api::appointmentStatusPath("a"), "/api/v2/coaching/appointments/a/status");
}

TEST(Paths, AppointmentsWithIntervalAndStatuses) {
  const model::TimeMs from = *api::parseIsoTime("2026-11-24T00:00:00Z");
  const model::TimeMs to = *api::parseIsoTime("2026-11-25T00:00:00Z");
  EXPECT_EQ(api::appointmentsPath({"u-1", "u-2"}, from, to,
                                  {model::AppointmentStatus::Scheduled, model::AppointmentStatus::InProgress}),
            "/api/v2/coaching/appointments?userIds=u-1&userIds=u-2"
            "&interval=2026-11-24T00%3A00%3A00.000Z%2F2026-11-25T00%3A00%3A00.000Z"
            "&statuses=Scheduled&statuses=InProgress&pageSize=100&pageNumber=1");
  EXPECT_EQ(api::appointmentsPath({"u"}), "/api/v2/coaching/appointments?userIds=u&pageSize=100&pageNumber=1");
}

TEST(Bodies, QueueObservationsQuery) {
  const json::value body = json::parse(api::queueObservationsQueryBody({"q1", "q2"}));
  EXPECT_EQ(body.at("filter").at("type"), "or");
  const json::array& predicates = body.at("filter").at("predicates").as_array();
  ASSERT_EQ(predicates.size(), 2u);
  EXPECT_EQ(predicates[1].at("dimension"), "queueId");
  EXPECT_EQ(predicates[1].at("value"), "q2");
  const json::array& metrics = body.at("metrics").as_array();
  for (const char* metric : {"oWaiting", "oInteracting", "oOnQueueUsers", "oOffQueueUsers", "oLongestWaiting"}) {
    EXPECT_NE(std::find(metrics.begin(), metrics.end(), json::value(metric)), metrics.end()) << metric;
  }
}

TEST(Bodies, ConversationActivityQuery) {
  const json::value body = json::parse(api::conversationActivityQueryBody({"u1"}));
  EXPECT_EQ(body.at("metrics").at(0).at("metric"), "oInteracting");
  EXPECT_EQ(body.at("metrics").at(0).at("details"), true);
  EXPECT_EQ(body.at("groupBy").at(0), "userId");
  EXPECT_EQ(body.at("filter").at("predicates").at(0).at("dimension"), "userId");
  EXPECT_EQ(body.at("filter").at("predicates").at(0).at("value"), "u1");
}

TEST(Bodies, UserObservationsQueryAndSubscriptions) {
  const json::value users = json::parse(api::userObservationsQueryBody({"u1"}));
  EXPECT_EQ(users.at("metrics").at(0), "oActiveQueues");
  EXPECT_EQ(api::subscriptionsBody({"v2.users.a?presence&routingStatus", "v2.users.a.conversations"}),
            R"([{"id":"v2.users.a?presence&routingStatus"},{"id":"v2.users.a.conversations"}])");
  EXPECT_EQ(api::subscriptionsBody({}), "[]");
}

TEST(Bodies, AppointmentStatusOnlyForSettableStatuses) {
  EXPECT_EQ(api::appointmentStatusBody(model::AppointmentStatus::InProgress).value(), R"({"status":"InProgress"})");
  EXPECT_EQ(api::appointmentStatusBody(model::AppointmentStatus::Completed).value(), R"({"status":"Completed"})");
  EXPECT_FALSE(api::appointmentStatusBody(model::AppointmentStatus::InvalidSchedule).ok());
  EXPECT_FALSE(api::appointmentStatusBody(model::AppointmentStatus::Unknown).ok());
}

api::AppointmentRequest validRequest() {
  api::AppointmentRequest request;
  request.name = "Call review";
  request.description = "About the refund call";
  request.dateStart = *api::parseIsoTime("2026-11-24T10:00:42.500Z");
  request.lengthInMinutes = 30;
  request.attendeeIds = {"u-dana"};
  request.facilitatorId = "sup-1";
  request.conversationIds = {"c-1"};
  request.externalLinks = {api::makePanelTag("s-1", *api::parseIsoTime("2026-11-24T08:05:00Z"))};
  return request;
}

TEST(AppointmentCreateBody, CarriesTheFieldsAndNeverAStatus) {
  const auto text = api::appointmentCreateBody(validRequest());
  ASSERT_TRUE(text.ok()) << text.error();
  const json::object body = json::parse(*text).as_object();
  EXPECT_EQ(body.at("name"), "Call review");
  EXPECT_EQ(body.at("description"), "About the refund call");
  EXPECT_EQ(body.at("dateStart"), "2026-11-24T10:00:00Z");
  EXPECT_EQ(body.at("lengthInMinutes"), 30);
  EXPECT_EQ(body.at("attendeeIds").at(0), "u-dana");
  EXPECT_EQ(body.at("facilitatorId"), "sup-1");
  EXPECT_EQ(body.at("conversationIds").at(0), "c-1");
  EXPECT_TRUE(body.at("externalLinks").at(0).as_string().starts_with("supervisor-panel://session/s-1"));
  EXPECT_FALSE(body.contains("status"));
}

TEST(AppointmentCreateBody, RejectsOversizeFieldsNamingThem) {
  api::AppointmentRequest longName = validRequest();
  longName.name = std::string(200, 'n');
  EXPECT_NE(api::appointmentCreateBody(longName).error().find("name"), std::string::npos);
  longName.name = std::string(199, 'n');
  EXPECT_TRUE(api::appointmentCreateBody(longName).ok());

  api::AppointmentRequest longDescription = validRequest();
  longDescription.description = std::string(10000, 'd');
  EXPECT_NE(api::appointmentCreateBody(longDescription).error().find("description"), std::string::npos);

  api::AppointmentRequest longLink = validRequest();
  longLink.externalLinks.push_back(std::string(1024, 'l'));
  EXPECT_NE(api::appointmentCreateBody(longLink).error().find("External link 2"), std::string::npos);

  api::AppointmentRequest hugeBody = validRequest();
  hugeBody.externalLinks.assign(70, std::string(1000, 'l'));
  const auto huge = api::appointmentCreateBody(hugeBody);
  ASSERT_FALSE(huge.ok());
  EXPECT_NE(huge.error().find("too large"), std::string::npos);
}

TEST(AppointmentCreateBody, RejectsMissingRequiredFields) {
  api::AppointmentRequest request = validRequest();
  request.attendeeIds.clear();
  EXPECT_FALSE(api::appointmentCreateBody(request).ok());
  request = validRequest();
  request.name.clear();
  EXPECT_FALSE(api::appointmentCreateBody(request).ok());
  request = validRequest();
  request.lengthInMinutes = 0;
  EXPECT_FALSE(api::appointmentCreateBody(request).ok());
}

TEST(AppointmentCreateBody, CountsCharactersNotBytes) {
  api::AppointmentRequest request = validRequest();
  request.name.clear();
  for (int i = 0; i < 199; ++i) request.name += "é";  // 398 bytes, 199 characters
  EXPECT_TRUE(api::appointmentCreateBody(request).ok());
}

TEST(PanelTag, RoundTrips) {
  const model::TimeMs at = *api::parseIsoTime("2026-11-24T08:05:00.123Z");
  const std::string tag = api::makePanelTag("sess-xyz/987", at);
  EXPECT_EQ(tag, "supervisor-panel://session/sess-xyz%2F987?initiatedAt=2026-11-24T08%3A05%3A00.123Z");
  const auto parsed = api::parsePanelTag(tag);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(parsed->sessionId, "sess-xyz/987");
  EXPECT_EQ(parsed->initiatedAt, at);
}

TEST(PanelTag, AcceptsUnencodedTimeAndRejectsOthers) {
  const auto plain = api::parsePanelTag("supervisor-panel://session/s1?initiatedAt=2026-11-24T08:05:00Z");
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->sessionId, "s1");
  for (const char* bad : {"https://example.com", "supervisor-panel://session/?initiatedAt=2026-11-24T08:05:00Z",
                          "supervisor-panel://session/s1", "supervisor-panel://session/s1?initiatedAt=soon",
                          "supervisor-panel://session/s%ZZ?initiatedAt=2026-11-24T08:05:00Z",
                          "supervisor-panel://session/s%2?initiatedAt=2026-11-24T08:05:00Z"}) {
    EXPECT_FALSE(api::parsePanelTag(bad).has_value()) << bad;
  }
}

TEST(Topics, Names) {
  EXPECT_EQ(api::userPresenceAndRoutingTopic("u"), "v2.users.u?presence&routingStatus");
  EXPECT_EQ(api::userConversationsTopic("u"), "v2.users.u.conversations");
  EXPECT_EQ(api::userCoachingTopic("u"), "v2.users.u.wem.coaching.notification");
  EXPECT_EQ(api::conversationTranscriptionTopic("c"), "v2.conversations.c.transcription");
  EXPECT_EQ(api::queueConversationsTopic("q"), "v2.routing.queues.q.conversations");
  EXPECT_EQ(api::queueObservationsTopic("q"), "v2.analytics.queues.q.observations");
}

TEST(OAuthForms, AreFormEncoded) {
  EXPECT_EQ(api::authorizationCodeTokenForm("c/1", "v", "id", "http://127.0.0.1:8080/cb"),
            "grant_type=authorization_code&code=c%2F1&code_verifier=v&client_id=id"
            "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8080%2Fcb");
  EXPECT_EQ(api::refreshTokenForm("r", "id"), "grant_type=refresh_token&refresh_token=r&client_id=id");
}

}  // namespace
