// Request builders: paths with percent-encoded queries (array parameters repeated, as the
// official SDKs send them: ?id=a&id=b), JSON bodies, notification topic names, and the
// panel's tag on the coaching appointments it books.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/result.h"
#include "model/model.h"

namespace api {

// [SECTION] Encoding

// RFC 3986: everything but unreserved characters (A-Z a-z 0-9 - . _ ~) becomes %XX.
std::string percentEncode(std::string_view text);

// Builds "?key=value&key=value" with every key and value percent-encoded.
class Query {
 public:
  Query& add(std::string_view key, std::string_view value);
  // Named apart from add(): a string literal would otherwise pick a bool overload.
  Query& addNumber(std::string_view key, std::int64_t value);
  Query& addFlag(std::string_view key, bool value);
  // One key=value pair per element: ?id=a&id=b (collectionFormat multi).
  Query& addEach(std::string_view key, const std::vector<std::string>& values);
  Query& addEach(std::string_view key, std::initializer_list<std::string_view> values);
  // "" when empty, else "?..." .
  const std::string& str() const { return text_; }

 private:
  std::string text_;
};

// [SECTION] Paths (REST, relative to https://api.{domain})

inline constexpr int kMaxPageSize = 100;

// Agents with what the browse row needs: presence, routingStatus, conversationSummary.
std::string usersPath(const std::vector<std::string>& userIds, int pageNumber = 1, int pageSize = kMaxPageSize);
// The whole users listing, expanded like usersPath, in ascending or descending order
// (swagger `sortOrder`). The service pages only its first kUsersListingWindow results.
std::string usersListingPath(int pageNumber, int pageSize, bool descending);
inline constexpr int kUsersListingWindow = 10'000;  // pageNumber x pageSize [genesys-api.md section 2]
inline constexpr std::size_t kMaxUserIds = 100;     // ids per bulk users call [swagger max.user.ids]
std::string directReportsPath(std::string_view userId);  // expanded like usersPath
std::string currentUserPath();                           // /api/v2/users/me
std::string tokenInfoPath();                             // /api/v2/tokens/me
std::string stationPath(std::string_view userId);        // /api/v2/users/{id}/station
std::string presenceDefinitionsPath();
std::string queuesPath(int pageNumber = 1, int pageSize = kMaxPageSize, std::string_view nameFilter = {});
std::string queueMembersPath(std::string_view queueId, int pageNumber = 1, int pageSize = kMaxPageSize);
std::string userQueuesPath(std::string_view userId, bool joinedOnly = true, int pageNumber = 1,
                           int pageSize = kMaxPageSize);
std::string conversationPath(std::string_view conversationId);

enum class CallAction { Monitor, Coach, Barge };
// POST /api/v2/conversations/calls/{cid}/participants/{pid}/monitor|coach|barge
std::string callActionPath(CallAction action, std::string_view conversationId, std::string_view participantId);
// POST /api/v2/conversations/messages/{cid}/participants/{pid}/monitor
std::string messageMonitorPath(std::string_view conversationId, std::string_view participantId);

inline constexpr std::string_view kQueueObservationsQueryPath = "/api/v2/analytics/queues/observations/query";
inline constexpr std::string_view kUserObservationsQueryPath = "/api/v2/analytics/users/observations/query";
inline constexpr std::string_view kConversationActivityQueryPath = "/api/v2/analytics/conversations/activity/query";
inline constexpr std::string_view kConversationAggregatesQueryPath = "/api/v2/analytics/conversations/aggregates/query";
inline constexpr std::string_view kAppointmentsPath = "/api/v2/coaching/appointments";
inline constexpr std::string_view kChannelsPath = "/api/v2/notifications/channels";

// GET /api/v2/coaching/appointments?userIds=..[&interval=from/to][&statuses=..]
// `from`/`to` of 0 leave the interval out.
std::string appointmentsPath(const std::vector<std::string>& userIds, model::TimeMs from = 0, model::TimeMs to = 0,
                             const std::vector<model::AppointmentStatus>& statuses = {}, int pageNumber = 1,
                             int pageSize = kMaxPageSize);
std::string appointmentPath(std::string_view appointmentId);
std::string appointmentStatusPath(std::string_view appointmentId);
std::string transcriptUrlPath(std::string_view conversationId, std::string_view communicationId);
// With ignoreErrors (the default) a refused topic is answered Rejected instead of failing
// the whole request [genesys-api.md section 3].
std::string subscriptionsPath(std::string_view channelId, bool ignoreErrors = true);
// The topic names this org offers and the permissions each needs: the authority on names.
inline constexpr std::string_view kAvailableTopicsPath = "/api/v2/notifications/availabletopics?expand=requiresPermissions";

// [SECTION] JSON bodies

// Queue counts, with oWaiting detail observations (their dates give the longest wait).
std::string queueObservationsQueryBody(const std::vector<std::string>& queueIds);
// Live interactions per user: oInteracting with details, grouped by userId.
std::string conversationActivityQueryBody(const std::vector<std::string>& userIds);
// Today's service level figures of `queueIds`: interval `from`/`to` (ms since epoch; from =
// local midnight) in 30-minute buckets in `timeZone`, grouped by queueId and mediaType, metrics
// nOffered, tAnswered, tAbandon, oServiceLevel [swagger ConversationAggregationQuery;
// genesys-api.md section 2 "Service level"]. See decodeConversationAggregates.
std::string serviceLevelQueryBody(const std::vector<std::string>& queueIds, model::TimeMs from, model::TimeMs to,
                                  std::string_view timeZone);
// The queues each user is active in (oActiveQueues); see decodeUserObservations.
std::string userObservationsQueryBody(const std::vector<std::string>& userIds);
// [{"id": topic}, ...] for PUT/POST .../subscriptions.
std::string subscriptionsBody(const std::vector<std::string>& topics);
// {"status": "InProgress"}; only Scheduled, InProgress and Completed can be set.
Result<std::string> appointmentStatusBody(model::AppointmentStatus status);

// What the panel books. There is deliberately no status: the API sets it on create.
struct AppointmentRequest {
  std::string name;
  std::string description;
  model::TimeMs dateStart = 0;               // sent rounded down to the minute
  int lengthInMinutes = 0;
  std::vector<std::string> attendeeIds;      // the agent
  std::string facilitatorId;                 // the supervisor; optional
  std::vector<std::string> conversationIds;  // the interaction it is about
  std::vector<std::string> externalLinks;    // makePanelTag(...) goes here
};

// Client-side limits, checked before sending (the API answers 400/413 past its own).
inline constexpr std::size_t kMaxAppointmentBodyBytes = 64 * 1024;   // the whole JSON body, exclusive
inline constexpr std::size_t kMaxExternalLinkBytes = 1024;           // each link, exclusive
inline constexpr std::size_t kMaxAppointmentNameChars = 200;         // code points, exclusive
inline constexpr std::size_t kMaxAppointmentDescriptionChars = 10000;

// The POST /api/v2/coaching/appointments body, or an error naming what is missing or too big.
Result<std::string> appointmentCreateBody(const AppointmentRequest& request);

// [SECTION] OAuth (login.{domain}/oauth/token), form-encoded

std::string authorizationCodeTokenForm(std::string_view code, std::string_view codeVerifier,
                                       std::string_view clientId, std::string_view redirectUri);
std::string refreshTokenForm(std::string_view refreshToken, std::string_view clientId);

// [SECTION] Notification topics

std::string userPresenceAndRoutingTopic(std::string_view userId);  // v2.users.{id}?presence&routingStatus
std::string userActivityTopic(std::string_view userId);            // v2.users.{id}.activity
std::string userConversationsTopic(std::string_view userId);       // v2.users.{id}.conversations
// v2.users.{id}.wem.coaching.notification, or the plural when the org offers only that.
std::string userCoachingTopic(std::string_view userId, bool plural = false);
std::string conversationTranscriptionTopic(std::string_view conversationId);  // v2.conversations.{id}.transcription
std::string queueConversationsTopic(std::string_view queueId);    // v2.routing.queues.{id}.conversations
std::string queueObservationsTopic(std::string_view queueId);     // v2.analytics.queues.{id}.observations

// [SECTION] The panel's tag on appointments it books

struct PanelTag {
  std::string sessionId;
  model::TimeMs initiatedAt = 0;
  bool operator==(const PanelTag&) const = default;
};

// "supervisor-panel://session/<percent-encoded id>?initiatedAt=<ISO-8601 millis Z>"
std::string makePanelTag(std::string_view sessionId, model::TimeMs initiatedAt);
// nullopt for anything that is not exactly such a tag (other links, a bad time, no id).
std::optional<PanelTag> parsePanelTag(std::string_view link);

}  // namespace api
