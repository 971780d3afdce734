// Decoders: Genesys Cloud REST response bodies (JSON text) -> the panel's model.
// Every decoder is tolerant of members it does not know, treats null as absent, and is
// strict about types: a member of the wrong type gives a Result error naming the field,
// never a crash or a silently wrong value. Unknown enum strings map to Unknown/Other.
// Personal data is masked here, on the way in: customer/external participant names are
// reduced to an initial ("J."), their addresses go through redact::maskAddress, and
// transcript documents through redact::maskTranscriptLines (numbers split over phrases too).
// Live transcription events are the exception: their text is masked by the session, which
// holds the recent utterances (events.h).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "api/result.h"
#include "model/model.h"

namespace api {

// [SECTION] Paging

// One page of an entity listing. `total`/`pageCount` are -1 when the listing omits them
// (queue members do); hasMore() then relies on nextUri.
template <class T>
struct Page {
  std::vector<T> items;
  int pageNumber = 1;
  int pageSize = 0;
  int pageCount = -1;
  std::int64_t total = -1;
  std::string nextUri;
  bool hasMore() const { return !nextUri.empty() || (pageCount > 0 && pageNumber < pageCount); }
};

// [SECTION] Agents, presence, queues

// Presence definition id -> the org's label for it ("Lunch"), from decodePresenceDefinitions.
// Optional everywhere: without it Agent::presenceLabel stays empty.
using PresenceLabels = std::unordered_map<std::string, std::string>;

struct PresenceDefinition {
  std::string id;
  model::Presence presence = model::Presence::Unknown;
  std::string label;          // languageLabels.en_US, else name, else the first label
  std::string type;           // System | User (an org's secondary status) | "" when absent
  bool deactivated = false;
};

struct QueueMember {
  model::Agent agent;         // id, name, presence, routing (member-level routingStatus wins)
  bool joined = false;
};

struct UserQueue {
  std::string queueId;
  std::string name;
  bool joined = false;
};

// GET /api/v2/users?id=..&expand=presence,routingStatus,conversationSummary (UserEntityListing).
Result<Page<model::Agent>> decodeUsersPage(std::string_view body, const PresenceLabels* labels = nullptr);
// GET /api/v2/users/{id}/directreports: a bare array of User; each gets directReport = true.
Result<std::vector<model::Agent>> decodeDirectReports(std::string_view body,
                                                      const PresenceLabels* labels = nullptr);
// GET /api/v2/routing/queues (QueueEntityListing).
Result<Page<model::Queue>> decodeQueuesPage(std::string_view body);
// GET /api/v2/routing/queues/{id}/members?expand=presence,routingStatus (QueueMemberEntityListing).
Result<Page<QueueMember>> decodeQueueMembersPage(std::string_view body,
                                                 const PresenceLabels* labels = nullptr);
// GET /api/v2/users/{id}/queues (UserQueueEntityListing).
Result<Page<UserQueue>> decodeUserQueuesPage(std::string_view body);
// GET /api/v2/presence/definitions (OrganizationPresenceDefinitionEntityListing).
Result<std::vector<PresenceDefinition>> decodePresenceDefinitions(std::string_view body);
PresenceLabels labelsOf(const std::vector<PresenceDefinition>& definitions);

// [SECTION] Identity and session

struct TokenResponse {
  std::string accessToken;
  std::string tokenType;                 // "bearer"
  std::int64_t expiresInSeconds = 0;
  std::optional<std::string> refreshToken;
};

struct TokenInfo {
  std::string organizationId;
  std::string organizationName;
  std::string homeOrganizationId;        // empty unless the token is from a trusted org
  std::string homeOrganizationName;
  std::vector<std::string> authorizedScope;
  model::TimeMs dateTokenIdles = 0;      // 0: the org has no idle timeout
  std::string clientId;
  std::string clientName;
  std::string grantType;                 // OAuthClient.authorizedGrantType, e.g. "CODE"
};

struct CurrentUser {
  std::string id;
  std::string name;
  std::string email;
  std::string divisionId;
  std::string divisionName;
  std::string organizationId;            // only when users/me was expanded with organization
};

struct StationInfo {
  std::string effectiveStationId;        // the station calls use; empty: none
  std::string associatedStationId;
  std::string stationName;
  bool hasStation() const { return !effectiveStationId.empty() || !associatedStationId.empty(); }
};

// POST login.{domain}/oauth/token. An OAuth error body ({"error","error_description"})
// is returned as an error carrying both.
Result<TokenResponse> decodeTokenResponse(std::string_view body);
// GET /api/v2/tokens/me (TokenInfo).
Result<TokenInfo> decodeTokenInfo(std::string_view body);
// GET /api/v2/users/me (UserMe).
Result<CurrentUser> decodeCurrentUser(std::string_view body);
// GET /api/v2/users/{id}/station (UserStations).
Result<StationInfo> decodeStation(std::string_view body);

// [SECTION] Conversations

// GET /api/v2/conversations/{id} and /api/v2/conversations/calls/{id}. lastChange is the
// newest timestamp found anywhere in it.
Result<model::Conversation> decodeConversation(std::string_view body);

// Reduces a customer's name to its first letter and a dot ("Jane Doe" -> "J."); names that
// start with no letter (a phone number as the name) give "".
std::string nameInitial(std::string_view name);

// [SECTION] Coaching appointments

// A link is the panel's own when it starts with this.
inline constexpr std::string_view kPanelLinkScheme = "supervisor-panel://";

// POST/GET/PATCH /api/v2/coaching/appointments[/{id}] (CoachingAppointmentResponse).
// A 202 answer ({id, selfUri} only) decodes to an appointment with just the id.
Result<model::Appointment> decodeAppointment(std::string_view body);
// GET /api/v2/coaching/appointments?userIds=.. (CoachingAppointmentResponseList).
Result<Page<model::Appointment>> decodeAppointmentsPage(std::string_view body);
// PATCH .../{id}/status (CoachingAppointmentStatusResponse): the new status.
Result<model::AppointmentStatus> decodeAppointmentStatusResponse(std::string_view body);

// [SECTION] Analytics

// One group of queue observations: an element of QueueObservationQueryResponse.results[]
// (swagger) or one StatEventQueueTopicStatsNotification (notification-topics-2.json). A metric
// the group did not carry stays unset: an observation message carries only some metrics, and
// absent is "unchanged", not zero (genesys-api.md section 3).
struct QueueObservationGroup {
  std::string queueId;                   // group.queueId (the topic's id for notifications)
  // group.mediaType: interaction metrics of that media type. Unset: the queue's user group
  // (oOnQueueUsers, oOffQueueUsers), which has no media type.
  std::optional<model::Media> media;
  bool unknownMediaType = false;         // a media type the panel does not model (e.g. "workitem")
  std::optional<int> waiting;            // oWaiting
  std::optional<int> interacting;        // oInteracting
  std::optional<int> alerting;           // oAlerting
  // oWaiting observations[] (REST detailMetrics): who waits since when. Unset when not listed.
  std::optional<std::vector<model::WaitingInteraction>> waitingDetail;
  std::vector<model::QualifiedCount> onQueueUsers;   // oOnQueueUsers, the qualifiers carried
  std::vector<model::QualifiedCount> offQueueUsers;  // oOffQueueUsers, the qualifiers carried
  bool hasUserCounts = false;            // either user metric was carried
  // The current interval's aggregates (data[].interval = that interval).
  model::TimeMs intervalStart = 0;       // start of data[].interval, 0 when absent
  std::optional<int> offered;            // nOffered stats.count
  std::optional<int> answered;           // tAnswered stats.count
  std::optional<int> abandoned;          // tAbandon stats.count
  struct ServiceLevel {
    double numerator = 0, denominator = 0, target = -1;
    bool operator==(const ServiceLevel&) const = default;
  };
  std::optional<ServiceLevel> serviceLevel;  // oServiceLevel stats{numerator, denominator, target}
  bool operator==(const QueueObservationGroup&) const = default;
};

// POST /api/v2/analytics/queues/observations/query: one group per results[] element, in order.
Result<std::vector<QueueObservationGroup>> decodeQueueObservations(std::string_view body);

// POST /api/v2/analytics/conversations/aggregates/query grouped by queueId and mediaType
// (ConversationAggregateQueryResponse): one group per (result, data[] bucket), intervalStart =
// the bucket's start, carrying offered/answered/abandoned/serviceLevel as that bucket counted.
// Results of media types the panel does not model are left out. See serviceLevelQueryBody.
Result<std::vector<QueueObservationGroup>> decodeConversationAggregates(std::string_view body);

// analytics mediaType ("voice", "chat", ...) -> model media; nullopt for one the panel does not model.
std::optional<model::Media> mediaFromAnalytics(std::string_view mediaType);
std::string_view mediaToAnalytics(model::Media media);

// POST /api/v2/analytics/conversations/activity/query: userId -> ids of that user's live
// conversations (entities[].conversationId, de-duplicated, in order of appearance).
using ConversationsByUser = std::map<std::string, std::vector<std::string>, std::less<>>;
Result<ConversationsByUser> decodeConversationActivity(std::string_view body);

// One agent's live interaction as the same query lists it (ConversationActivityEntityData):
// `since` is activityDate, when the observed state (oInteracting) began for the agent —
// the call timer's start until a conversation event gives the exact connectedTime.
struct LiveInteraction {
  std::string userId, conversationId;
  model::Media media = model::Media::Call;
  model::TimeMs since = 0;
};
Result<std::vector<LiveInteraction>> decodeLiveInteractions(std::string_view body);

// POST /api/v2/analytics/users/observations/query (UserObservationQueryResponse): userId ->
// ids of the queues the user is active in (oActiveQueues detail observations).
using QueuesByUser = std::map<std::string, std::vector<std::string>, std::less<>>;
Result<QueuesByUser> decodeUserObservations(std::string_view body);

// [SECTION] Transcripts

// GET .../transcripturl -> {url}
Result<std::string> decodeTranscriptUrl(std::string_view body);
// The document at that url: every phrase of every transcript, text masked, offsets
// relative to the document's startTime when it has one.
Result<std::vector<model::TranscriptLine>> decodeTranscriptDocument(std::string_view body);

// [SECTION] Notifications API

struct NotificationChannel {
  std::string id;
  std::string connectUri;
  model::TimeMs expires = 0;
};

struct TopicSubscription {
  std::string topic;
  bool permitted = true;                 // state Permitted, or no state given
  std::string rejectionReason;
  std::vector<std::string> missingPermissions;
};

// POST /api/v2/notifications/channels (Channel).
Result<NotificationChannel> decodeChannel(std::string_view body);
// PUT/POST/GET .../channels/{id}/subscriptions (ChannelTopicEntityListing).
Result<std::vector<TopicSubscription>> decodeSubscriptions(std::string_view body);
// GET /api/v2/notifications/availabletopics (AvailableTopicEntityListing): the topic ids,
// with {id} placeholders, e.g. "v2.users.{id}.presence".
Result<std::vector<std::string>> decodeAvailableTopics(std::string_view body);

}  // namespace api
