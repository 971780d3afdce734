#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "api/codec.h"
#include "api/requests.h"
#include "api/time.h"

namespace json = boost::json;

namespace {

using model::AppointmentStatus;

constexpr const char* kAppointment = R"({
  "id": "appt-1", "name": "Call review", "description": "About the refund call",
  "dateStart": "2026-11-24T10:00:00Z", "lengthInMinutes": 30, "status": "Scheduled",
  "facilitator": {"id": "sup-1", "selfUri": "/api/v2/users/sup-1"},
  "attendees": [{"id": "u-dana", "selfUri": "/api/v2/users/u-dana"}],
  "createdBy": {"id": "sup-1"}, "dateCreated": "2026-11-24T08:05:00Z",
  "modifiedBy": {"id": "sup-1"}, "dateModified": "2026-11-24T08:06:00.250Z",
  "conversations": [{"id": "c-1", "selfUri": "/api/v2/conversations/c-1"}],
  "documents": [], "isOverdue": false,
  "externalLinks": ["https://intranet/x", "supervisor-panel://session/s-1?initiatedAt=2026-11-24T08%3A05%3A00.000Z"],
  "location": "Room 2", "shareInsightsData": true, "selfUri": "/api/v2/coaching/appointments/appt-1"
})";

TEST(DecodeAppointment, ReadsTheResponse) {
  const auto appointment = api::decodeAppointment(kAppointment);
  ASSERT_TRUE(appointment.ok()) << appointment.error();
  EXPECT_EQ(appointment->id, "appt-1");
  EXPECT_EQ(appointment->name, "Call review");
  EXPECT_EQ(appointment->description, "About the refund call");
  EXPECT_EQ(appointment->dateStart, api::parseIsoTime("2026-11-24T10:00:00Z"));
  EXPECT_EQ(appointment->lengthInMinutes, 30);
  EXPECT_EQ(appointment->status, AppointmentStatus::Scheduled);
  EXPECT_EQ(appointment->facilitatorId, "sup-1");
  EXPECT_EQ(appointment->attendeeIds, std::vector<std::string>{"u-dana"});
  EXPECT_EQ(appointment->conversationIds, std::vector<std::string>{"c-1"});
  EXPECT_EQ(appointment->externalLinks.size(), 2u);
  EXPECT_EQ(appointment->dateModified, api::parseIsoTime("2026-11-24T08:06:00.250Z"));
  EXPECT_TRUE(appointment->bookedByThisPanel);
}

TEST(DecodeAppointment, NotOursWithoutThePanelLink) {
  const auto appointment = api::decodeAppointment(
      R"({"id":"a","status":"InProgress","externalLinks":["https://x/supervisor-panel://"]})");
  ASSERT_TRUE(appointment.ok()) << appointment.error();
  EXPECT_FALSE(appointment->bookedByThisPanel);
  EXPECT_EQ(appointment->status, AppointmentStatus::InProgress);
}

TEST(DecodeAppointment, AcceptedAnswerHasOnlyAnId) {
  const auto appointment = api::decodeAppointment(R"({"id":"a-202","selfUri":"/api/v2/coaching/appointments/a-202"})");
  ASSERT_TRUE(appointment.ok()) << appointment.error();
  EXPECT_EQ(appointment->id, "a-202");
  EXPECT_EQ(appointment->status, AppointmentStatus::Unknown);
}

TEST(DecodeAppointment, WrongTypesAreErrors) {
  EXPECT_FALSE(api::decodeAppointment(R"({"id":"a","lengthInMinutes":"30"})").ok());
  EXPECT_FALSE(api::decodeAppointment(R"({"id":"a","attendees":["u-dana"]})").ok());
  EXPECT_FALSE(api::decodeAppointment(R"({"id":"a","externalLinks":"x"})").ok());
  EXPECT_FALSE(api::decodeAppointment(R"({"id":"a","dateStart":"10:00"})").ok());
  EXPECT_FALSE(api::decodeAppointment(R"({"name":"no id"})").ok());
}

TEST(DecodeAppointmentsPage, ReadsTheList) {
  const std::string body = std::string(R"({"entities":[)") + kAppointment +
                           R"(,{"id":"a2","status":"Completed"}],"pageSize":25,"pageNumber":1,"total":2,"pageCount":1})";
  const auto page = api::decodeAppointmentsPage(body);
  ASSERT_TRUE(page.ok()) << page.error();
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[1].status, AppointmentStatus::Completed);
  EXPECT_FALSE(page->hasMore());
}

TEST(DecodeAppointmentStatusResponse, ReadsTheNewStatus) {
  const auto status = api::decodeAppointmentStatusResponse(
      R"({"appointment":{"id":"a"},"createdBy":{"id":"s"},"dateCreated":"2026-11-24T08:00:00Z","status":"InProgress"})");
  ASSERT_TRUE(status.ok()) << status.error();
  EXPECT_EQ(*status, AppointmentStatus::InProgress);
  EXPECT_FALSE(api::decodeAppointmentStatusResponse(R"({"appointment":{"id":"a"}})").ok());
}

// [SECTION] Analytics

// Written from the swagger (QueueObservationQueryResponse, QueueObservationDataContainer,
// ObservationMetricData, ObservationValue): user metrics in a group without mediaType,
// interaction metrics per (queue, mediaType).
TEST(DecodeQueueObservations, OneGroupPerMediaType) {
  const auto groups = api::decodeQueueObservations(R"({
    "systemToOrganizationMappings": {"Break": ["pd-break"], "Available": ["pd-available"]},
    "results": [
      {"group": {"queueId": "q-sales"},
       "data": [
         {"metric": "oOnQueueUsers", "qualifier": "IDLE", "stats": {"count": 3}},
         {"metric": "oOnQueueUsers", "qualifier": "INTERACTING", "stats": {"count": 5}},
         {"metric": "oOffQueueUsers", "qualifier": "pd-break", "stats": {"count": 4}},
         {"metric": "oUserRoutingStatuses", "qualifier": "IDLE", "stats": {"count": 3}}
       ]},
      {"group": {"queueId": "q-sales", "mediaType": "voice"},
       "data": [
         {"metric": "oWaiting", "stats": {"count": 2},
          "observations": [{"observationDate": "2026-11-24T08:00:30Z", "conversationId": "c-2", "direction": "inbound"},
                           {"observationDate": "2026-11-24T08:01:00Z", "conversationId": "c-1"}]},
         {"metric": "oInteracting", "stats": {"count": 5}},
         {"metric": "oLongestWaiting", "stats": {"calculatedMetricValue": 95000}}
       ]},
      {"group": {"queueId": "q-sales", "mediaType": "chat"},
       "data": [{"metric": "oWaiting", "stats": {"count": 0}, "observations": []},
                {"metric": "oInteracting", "stats": {"count": 1}}]},
      {"group": {"queueId": "q-sales", "mediaType": "workitem"}, "data": [{"metric": "oWaiting", "stats": {"count": 9}}]},
      {"group": {"mediaType": "voice"}, "data": [{"metric": "oWaiting", "stats": {"count": 99}}]}
    ]})");
  ASSERT_TRUE(groups.ok()) << groups.error();
  ASSERT_EQ(groups->size(), 4u) << "the group naming no queue is not ours";
  const api::QueueObservationGroup& users = (*groups)[0];
  EXPECT_EQ(users.queueId, "q-sales");
  EXPECT_FALSE(users.media.has_value());
  EXPECT_TRUE(users.hasUserCounts);
  EXPECT_EQ(users.onQueueUsers, (std::vector<model::QualifiedCount>{{"IDLE", 3}, {"INTERACTING", 5}}));
  EXPECT_EQ(users.offQueueUsers, (std::vector<model::QualifiedCount>{{"pd-break", 4}}));
  EXPECT_FALSE(users.waiting.has_value());

  const api::QueueObservationGroup& voice = (*groups)[1];
  EXPECT_EQ(voice.media, model::Media::Call);
  EXPECT_EQ(voice.waiting, 2);
  EXPECT_EQ(voice.interacting, 5);
  EXPECT_FALSE(voice.alerting.has_value());
  EXPECT_FALSE(voice.hasUserCounts);
  ASSERT_TRUE(voice.waitingDetail.has_value());
  EXPECT_EQ(*voice.waitingDetail,
            (std::vector<model::WaitingInteraction>{{"c-2", model::Media::Call, *api::parseIsoTime("2026-11-24T08:00:30Z")},
                                                    {"c-1", model::Media::Call, *api::parseIsoTime("2026-11-24T08:01:00Z")}}));

  const api::QueueObservationGroup& chat = (*groups)[2];
  EXPECT_EQ(chat.media, model::Media::Chat);
  EXPECT_EQ(chat.waiting, 0);
  ASSERT_TRUE(chat.waitingDetail.has_value());
  EXPECT_TRUE(chat.waitingDetail->empty());

  EXPECT_TRUE((*groups)[3].unknownMediaType);
  EXPECT_FALSE((*groups)[3].media.has_value());
}

TEST(DecodeQueueObservations, WrongTypesAreErrors) {
  EXPECT_FALSE(api::decodeQueueObservations(R"({"results":[{"group":{"queueId":"q"},"data":[{"metric":"oWaiting","stats":{"count":"2"}}]}]})").ok());
  EXPECT_FALSE(api::decodeQueueObservations(R"({"results":[{"group":{"queueId":"q","mediaType":7},"data":[]}]})").ok());
  EXPECT_FALSE(api::decodeQueueObservations(R"({"results":{}})").ok());
  EXPECT_FALSE(api::decodeQueueObservations(
                   R"({"results":[{"group":{"queueId":"q"},"data":[{"metric":"oWaiting","observations":[{"observationDate":"x"}]}]}]})")
                   .ok());
  const auto empty = api::decodeQueueObservations(R"({"results":[]})");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(DecodeConversationActivity, GroupsConversationIdsByUser) {
  const auto byUser = api::decodeConversationActivity(R"({
    "results": [
      {"group": {"userId": "u-dana"},
       "data": [{"metric": "oInteracting", "count": 2}],
       "entities": [
         {"activityDate": "2026-11-24T08:00:00Z", "metric": "oInteracting", "conversationId": "c-1", "mediaType": "voice"},
         {"activityDate": "2026-11-24T08:01:00Z", "metric": "oInteracting", "conversationId": "c-2", "mediaType": "chat"},
         {"activityDate": "2026-11-24T08:01:00Z", "metric": "oInteracting", "conversationId": "c-2", "mediaType": "chat"}
       ]},
      {"group": {"userId": "u-ali"}, "data": [{"metric": "oInteracting", "count": 0}]}
    ], "entityIdDimension": "conversationId"})");
  ASSERT_TRUE(byUser.ok()) << byUser.error();
  EXPECT_EQ(byUser->at("u-dana"), (std::vector<std::string>{"c-1", "c-2"}));
  EXPECT_TRUE(byUser->at("u-ali").empty());
  EXPECT_FALSE(api::decodeConversationActivity(R"({"results":[{"entities":[{"conversationId":7}]}]})").ok());
}

// [SECTION] Transcripts

// ConversationAggregateQueryResponse as the swagger declares it, grouped by queueId and
// mediaType in 30-minute buckets: one group per bucket; a media type we do not model is left out.
TEST(DecodeConversationAggregates, OneGroupPerQueueMediaAndBucket) {
  const auto buckets = api::decodeConversationAggregates(R"({"results": [
    {"group": {"queueId": "q-1", "mediaType": "voice"},
     "data": [{"interval": "2026-11-30T08:00:00.000Z/2026-11-30T08:30:00.000Z",
               "metrics": [{"metric": "nOffered", "stats": {"count": 12}},
                           {"metric": "tAnswered", "stats": {"count": 10, "sum": 91000}},
                           {"metric": "tAbandon", "stats": {"count": 2, "sum": 40000}},
                           {"metric": "oServiceLevel", "stats": {"ratio": 0.75, "numerator": 9, "denominator": 12, "target": 0.8}}]},
              {"interval": "2026-11-30T08:30:00.000Z/2026-11-30T09:00:00.000Z",
               "metrics": [{"metric": "nOffered", "stats": {"count": 1}}]}]},
    {"group": {"queueId": "q-1", "mediaType": "workitem"},
     "data": [{"interval": "2026-11-30T08:00:00.000Z/2026-11-30T08:30:00.000Z",
               "metrics": [{"metric": "nOffered", "stats": {"count": 3}}]}]}]})");
  ASSERT_TRUE(buckets.ok()) << buckets.error();
  ASSERT_EQ(buckets->size(), 2u);
  const api::QueueObservationGroup& first = (*buckets)[0];
  EXPECT_EQ(first.queueId, "q-1");
  EXPECT_EQ(first.media, model::Media::Call);
  EXPECT_EQ(first.intervalStart, *api::parseIsoTime("2026-11-30T08:00:00Z"));
  EXPECT_EQ(first.offered, 12);
  EXPECT_EQ(first.abandoned, 2);
  EXPECT_EQ(*first.serviceLevel, (api::QueueObservationGroup::ServiceLevel{9, 12, 0.8}));
  EXPECT_EQ((*buckets)[1].intervalStart, *api::parseIsoTime("2026-11-30T08:30:00Z"));
  EXPECT_FALSE((*buckets)[1].serviceLevel);
  EXPECT_TRUE(api::decodeConversationAggregates("{}").ok()) << "nothing counted today: no results";
  EXPECT_FALSE(api::decodeConversationAggregates(R"({"results": [{"group": {"queueId": 7}}]})").ok());
}

TEST(ServiceLevelQueryBody, AsksTodayInHalfHoursPerQueueAndMedia) {
  const std::string body = api::serviceLevelQueryBody({"q-1", "q-2"}, *api::parseIsoTime("2026-11-30T00:00:00Z"),
                                                      *api::parseIsoTime("2026-11-30T10:15:00Z"), "Europe/London");
  const json::value q = json::parse(body);
  EXPECT_EQ(q.at("interval").as_string(), "2026-11-30T00:00:00.000Z/2026-11-30T10:15:00.000Z");
  EXPECT_EQ(q.at("granularity").as_string(), "PT30M");
  EXPECT_EQ(q.at("timeZone").as_string(), "Europe/London");
  EXPECT_EQ(q.at("groupBy"), (json::array{"queueId", "mediaType"}));
  EXPECT_EQ(q.at("filter").at("predicates").as_array().size(), 2u);
}

TEST(DecodeTranscriptUrl, ReadsTheUrl) {
  const auto url = api::decodeTranscriptUrl(R"({"url":"https://s3.example.com/t.json?sig=abc"})");
  ASSERT_TRUE(url.ok()) << url.error();
  EXPECT_EQ(*url, "https://s3.example.com/t.json?sig=abc");
  EXPECT_FALSE(api::decodeTranscriptUrl(R"({})").ok());
  EXPECT_FALSE(api::decodeTranscriptUrl(R"({"url":""})").ok());
  EXPECT_FALSE(api::decodeTranscriptUrl(R"({"url":5})").ok());
}

TEST(DecodeTranscriptDocument, ReadsPhrasesMasked) {
  const auto lines = api::decodeTranscriptDocument(R"({
    "conversationId": "c-1", "communicationId": "call-agent", "mediaType": "call",
    "startTime": 1795507200000, "duration": {"milliseconds": 60000},
    "transcripts": [{"transcriptId": "t-1", "language": "en-US", "phrases": [
      {"text": "Thanks for calling, how can I help?", "participantPurpose": "internal",
       "startTimeMs": 1795507201000, "duration": {"milliseconds": 2000}, "confidence": 0.93, "words": []},
      {"text": "My card is 4111 1111 1111 1111 and my email is jane.doe@example.com",
       "participantPurpose": "external", "startTimeMs": 1795507204500, "confidence": 0.88}
    ]}],
    "participants": [{"participantPurpose": "internal", "userId": "u-dana"}]})");
  ASSERT_TRUE(lines.ok()) << lines.error();
  ASSERT_EQ(lines->size(), 2u);
  EXPECT_EQ((*lines)[0].speaker, model::Speaker::Internal);
  EXPECT_EQ((*lines)[0].offsetMs, 1000);
  EXPECT_EQ((*lines)[0].text, "Thanks for calling, how can I help?");
  EXPECT_EQ((*lines)[0].utteranceId, "t-1:0");
  EXPECT_EQ((*lines)[1].speaker, model::Speaker::External);
  EXPECT_EQ((*lines)[1].offsetMs, 4500);
  EXPECT_EQ((*lines)[1].text.find("4111 1111 1111 1111"), std::string::npos) << (*lines)[1].text;
  EXPECT_EQ((*lines)[1].text.find("jane.doe@example.com"), std::string::npos) << (*lines)[1].text;
  EXPECT_NE((*lines)[1].text.find("1111"), std::string::npos);  // last four kept to tell cards apart
}

TEST(DecodeTranscriptDocument, WrongTypesAreErrors) {
  EXPECT_FALSE(api::decodeTranscriptDocument(R"({"transcripts":[{"phrases":[{"text":5}]}]})").ok());
  EXPECT_FALSE(api::decodeTranscriptDocument(R"({"transcripts":[{"phrases":[{"startTimeMs":"0"}]}]})").ok());
  EXPECT_TRUE(api::decodeTranscriptDocument(R"({"transcripts":[]})").ok());
}

// [SECTION] Notifications API

TEST(DecodeChannel, ReadsIdUriExpiry) {
  const auto channel = api::decodeChannel(
      R"({"connectUri":"wss://streaming.mypurecloud.com/channels/ch-1","id":"ch-1","expires":"2026-11-25T08:00:00Z"})");
  ASSERT_TRUE(channel.ok()) << channel.error();
  EXPECT_EQ(channel->id, "ch-1");
  EXPECT_EQ(channel->connectUri, "wss://streaming.mypurecloud.com/channels/ch-1");
  EXPECT_EQ(channel->expires, api::parseIsoTime("2026-11-25T08:00:00Z"));
  EXPECT_FALSE(api::decodeChannel(R"({"id":"ch-1"})").ok());
}

TEST(DecodeSubscriptions, ReadsPermittedAndRejected) {
  const auto topics = api::decodeSubscriptions(R"({"entities":[
    {"id":"v2.users.u-1?presence&routingStatus","state":"Permitted","selfUri":"/x"},
    {"id":"v2.users.u-2.conversations","state":"Rejected","rejectionReason":"Not authorized for this topic.",
     "missingPermissions":["conversation:communication:view"]},
    {"id":"v2.users.u-3.conversations"}]})");
  ASSERT_TRUE(topics.ok()) << topics.error();
  ASSERT_EQ(topics->size(), 3u);
  EXPECT_TRUE((*topics)[0].permitted);
  EXPECT_FALSE((*topics)[1].permitted);
  EXPECT_EQ((*topics)[1].rejectionReason, "Not authorized for this topic.");
  EXPECT_EQ((*topics)[1].missingPermissions.size(), 1u);
  EXPECT_TRUE((*topics)[2].permitted);
  EXPECT_FALSE(api::decodeSubscriptions(R"({"entities":[{"id":"t","state":1}]})").ok());
}

}  // namespace

namespace {

TEST(DecodeUserObservations, ReadsActiveQueuesPerUser) {
  const auto byUser = api::decodeUserObservations(R"({"results":[
    {"group":{"userId":"u-1"},"data":[
      {"metric":"oActiveQueues","qualifier":"q-sales","stats":{"count":1}},
      {"metric":"oActiveQueues","qualifier":"q-billing","stats":{"count":1}},
      {"metric":"oUserRoutingStatuses","qualifier":"IDLE","stats":{"count":1}}]},
    {"group":{"userId":"u-2"},"data":[
      {"metric":"oActiveQueues","stats":{"count":2},"observations":[{"queueId":"q-x"},{"queueId":"q-y"},{"queueId":"q-x"}]}]},
    {"group":{"userId":"u-3"},"data":[]}]})");
  ASSERT_TRUE(byUser.ok()) << byUser.error();
  EXPECT_EQ(byUser->at("u-1"), (std::vector<std::string>{"q-sales", "q-billing"}));
  EXPECT_EQ(byUser->at("u-2"), (std::vector<std::string>{"q-x", "q-y"}));
  EXPECT_TRUE(byUser->at("u-3").empty());
  EXPECT_FALSE(api::decodeUserObservations(R"({"results":[{"group":{"userId":"u"},"data":[{"metric":"oActiveQueues","qualifier":1}]}]})").ok());
}

}  // namespace
