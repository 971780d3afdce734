#include "api/requests.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>

#include "api/enums.h"
#include "api/time.h"

namespace api {
namespace {

namespace json = boost::json;

bool isUnreserved(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
         c == '_' || c == '~';
}

int hexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Strict inverse of percentEncode: a malformed escape gives nullopt.
std::optional<std::string> percentDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) return std::nullopt;
    const int high = hexValue(text[i + 1]);
    const int low = hexValue(text[i + 2]);
    if (high < 0 || low < 0) return std::nullopt;
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

// "/api/v2/<prefix>/<encoded id><suffix>"
std::string withId(std::string_view prefix, std::string_view id, std::string_view suffix = {}) {
  std::string path(prefix);
  path += percentEncode(id);
  path += suffix;
  return path;
}

// The expansions every agent listing asks for, so one call fills a browse row.
Query& expandForAgents(Query& query) {
  return query.addEach("expand", {"presence", "routingStatus", "conversationSummary"});
}

json::array dimensionPredicates(std::string_view dimension, const std::vector<std::string>& values) {
  json::array predicates;
  predicates.reserve(values.size());
  for (const std::string& value : values) {
    predicates.push_back(json::object{{"type", "dimension"}, {"dimension", dimension}, {"operator", "matches"},
                                      {"value", value}});
  }
  return predicates;
}

json::object orFilter(std::string_view dimension, const std::vector<std::string>& values) {
  return json::object{{"type", "or"}, {"predicates", dimensionPredicates(dimension, values)}};
}

json::array stringArray(const std::vector<std::string>& values) {
  json::array array;
  array.reserve(values.size());
  for (const std::string& value : values) array.emplace_back(value);
  return array;
}

std::size_t codePoints(std::string_view text) {
  std::size_t count = 0;
  for (const char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::string topic(std::string_view prefix, std::string_view id, std::string_view suffix) {
  std::string name(prefix);
  name += id;
  name += suffix;
  return name;
}

}  // namespace

std::string percentEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    if (isUnreserved(c)) {
      out += c;
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

Query& Query::add(std::string_view key, std::string_view value) {
  text_ += text_.empty() ? '?' : '&';
  text_ += percentEncode(key);
  text_ += '=';
  text_ += percentEncode(value);
  return *this;
}

Query& Query::addNumber(std::string_view key, std::int64_t value) { return add(key, std::to_string(value)); }

Query& Query::addFlag(std::string_view key, bool value) { return add(key, value ? "true" : "false"); }

Query& Query::addEach(std::string_view key, const std::vector<std::string>& values) {
  for (const std::string& value : values) add(key, std::string_view(value));
  return *this;
}

Query& Query::addEach(std::string_view key, std::initializer_list<std::string_view> values) {
  for (const std::string_view value : values) add(key, value);
  return *this;
}

std::string usersPath(const std::vector<std::string>& userIds, int pageNumber, int pageSize) {
  Query query;
  expandForAgents(query.addEach("id", userIds));
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  return "/api/v2/users" + query.str();
}

std::string usersListingPath(int pageNumber, int pageSize, bool descending) {
  Query query;
  expandForAgents(query);
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  if (descending) query.add("sortOrder", "descending");
  return "/api/v2/users" + query.str();
}

std::string directReportsPath(std::string_view userId) {
  Query query;
  return withId("/api/v2/users/", userId, "/directreports") + expandForAgents(query).str();
}

std::string currentUserPath() { return "/api/v2/users/me"; }
std::string tokenInfoPath() { return "/api/v2/tokens/me"; }
std::string stationPath(std::string_view userId) { return withId("/api/v2/users/", userId, "/station"); }
std::string presenceDefinitionsPath() { return "/api/v2/presence/definitions"; }

std::string queuesPath(int pageNumber, int pageSize, std::string_view nameFilter) {
  Query query;
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  if (!nameFilter.empty()) query.add("name", nameFilter);
  return "/api/v2/routing/queues" + query.str();
}

std::string queueMembersPath(std::string_view queueId, int pageNumber, int pageSize) {
  Query query;
  query.addEach("expand", {"presence", "routingStatus"});
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  return withId("/api/v2/routing/queues/", queueId, "/members") + query.str();
}

std::string userQueuesPath(std::string_view userId, bool joinedOnly, int pageNumber, int pageSize) {
  Query query;
  if (joinedOnly) query.addFlag("joined", true);
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  return withId("/api/v2/users/", userId, "/queues") + query.str();
}

std::string conversationPath(std::string_view conversationId) {
  return withId("/api/v2/conversations/", conversationId);
}

std::string callActionPath(CallAction action, std::string_view conversationId, std::string_view participantId) {
  const std::string_view verb = action == CallAction::Monitor ? "/monitor"
                                : action == CallAction::Coach ? "/coach"
                                                              : "/barge";
  return withId("/api/v2/conversations/calls/", conversationId, "/participants/") + percentEncode(participantId) +
         std::string(verb);
}

std::string messageMonitorPath(std::string_view conversationId, std::string_view participantId) {
  return withId("/api/v2/conversations/messages/", conversationId, "/participants/") +
         percentEncode(participantId) + "/monitor";
}

std::string appointmentsPath(const std::vector<std::string>& userIds, model::TimeMs from, model::TimeMs to,
                             const std::vector<model::AppointmentStatus>& statuses, int pageNumber, int pageSize) {
  Query query;
  query.addEach("userIds", userIds);
  if (from != 0 && to != 0) query.add("interval", formatIsoTime(from) + "/" + formatIsoTime(to));
  for (const model::AppointmentStatus status : statuses) {
    if (const std::string_view name = appointmentStatusToApi(status); !name.empty()) query.add("statuses", name);
  }
  query.addNumber("pageSize", pageSize).addNumber("pageNumber", pageNumber);
  return std::string(kAppointmentsPath) + query.str();
}

std::string appointmentPath(std::string_view appointmentId) {
  return withId("/api/v2/coaching/appointments/", appointmentId);
}

std::string appointmentStatusPath(std::string_view appointmentId) {
  return withId("/api/v2/coaching/appointments/", appointmentId, "/status");
}

std::string transcriptUrlPath(std::string_view conversationId, std::string_view communicationId) {
  return withId("/api/v2/speechandtextanalytics/conversations/", conversationId, "/communications/") +
         percentEncode(communicationId) + "/transcripturl";
}

std::string subscriptionsPath(std::string_view channelId, bool ignoreErrors) {
  return withId("/api/v2/notifications/channels/", channelId, "/subscriptions") + (ignoreErrors ? "?ignoreErrors=true" : "");
}

std::string queueObservationsQueryBody(const std::vector<std::string>& queueIds) {
  const json::object body{
      {"filter", orFilter("queueId", queueIds)},
      {"metrics", json::array{"oWaiting", "oInteracting", "oAlerting", "oOnQueueUsers", "oOffQueueUsers",
                              "oLongestWaiting"}},
      {"detailMetrics", json::array{"oWaiting"}},
  };
  return json::serialize(body);
}

std::string conversationActivityQueryBody(const std::vector<std::string>& userIds) {
  const json::object body{
      {"metrics", json::array{json::object{{"metric", "oInteracting"}, {"details", true}}}},
      {"groupBy", json::array{"userId"}},
      {"filter", orFilter("userId", userIds)},
  };
  return json::serialize(body);
}

std::string serviceLevelQueryBody(const std::vector<std::string>& queueIds, model::TimeMs from, model::TimeMs to,
                                  std::string_view timeZone) {
  const json::object body{
      {"interval", formatIsoTime(from) + "/" + formatIsoTime(to)},
      {"granularity", "PT30M"},  // the observation topic's interval: the last bucket is the live one
      {"timeZone", timeZone},
      {"groupBy", json::array{"queueId", "mediaType"}},
      {"filter", orFilter("queueId", queueIds)},
      {"metrics", json::array{"nOffered", "tAnswered", "tAbandon", "oServiceLevel"}},
  };
  return json::serialize(body);
}

std::string userObservationsQueryBody(const std::vector<std::string>& userIds) {
  const json::object body{
      {"filter", orFilter("userId", userIds)},
      {"metrics", json::array{"oActiveQueues"}},  // one count per active queue, the queue id as qualifier
  };
  return json::serialize(body);
}

std::string subscriptionsBody(const std::vector<std::string>& topics) {
  json::array body;
  body.reserve(topics.size());
  for (const std::string& name : topics) body.push_back(json::object{{"id", name}});
  return json::serialize(body);
}

Result<std::string> appointmentStatusBody(model::AppointmentStatus status) {
  if (status != model::AppointmentStatus::Scheduled && status != model::AppointmentStatus::InProgress &&
      status != model::AppointmentStatus::Completed) {
    return fail("an appointment's status can only be set to Scheduled, InProgress or Completed");
  }
  return json::serialize(json::object{{"status", appointmentStatusToApi(status)}});
}

Result<std::string> appointmentCreateBody(const AppointmentRequest& request) {
  if (request.name.empty()) return fail("The coaching session needs a name.");
  if (const std::size_t length = codePoints(request.name); length >= kMaxAppointmentNameChars) {
    return fail("The name is too long: " + std::to_string(length) + " characters, the limit is " +
                std::to_string(kMaxAppointmentNameChars - 1) + ".");
  }
  if (const std::size_t length = codePoints(request.description); length >= kMaxAppointmentDescriptionChars) {
    return fail("The description is too long: " + std::to_string(length) + " characters, the limit is " +
                std::to_string(kMaxAppointmentDescriptionChars - 1) + ".");
  }
  for (std::size_t i = 0; i < request.externalLinks.size(); ++i) {
    if (request.externalLinks[i].size() >= kMaxExternalLinkBytes) {
      return fail("External link " + std::to_string(i + 1) + " is too long: " +
                  std::to_string(request.externalLinks[i].size()) + " bytes, the limit is " +
                  std::to_string(kMaxExternalLinkBytes - 1) + ".");
    }
  }
  if (request.attendeeIds.empty()) return fail("The coaching session needs at least one attendee.");
  if (request.lengthInMinutes <= 0) return fail("The coaching session needs a length in minutes.");
  if (request.dateStart <= 0) return fail("The coaching session needs a start time.");

  json::object body{
      {"name", request.name},
      {"description", request.description},
      {"dateStart", formatIsoMinute(request.dateStart)},
      {"lengthInMinutes", request.lengthInMinutes},
      {"attendeeIds", stringArray(request.attendeeIds)},
  };
  if (!request.facilitatorId.empty()) body["facilitatorId"] = request.facilitatorId;
  if (!request.conversationIds.empty()) body["conversationIds"] = stringArray(request.conversationIds);
  if (!request.externalLinks.empty()) body["externalLinks"] = stringArray(request.externalLinks);
  std::string text = json::serialize(body);
  if (text.size() >= kMaxAppointmentBodyBytes) {
    return fail("The coaching request is too large: " + std::to_string(text.size()) + " bytes, the limit is " +
                std::to_string(kMaxAppointmentBodyBytes - 1) + "; shorten the description or links.");
  }
  return text;
}

std::string authorizationCodeTokenForm(std::string_view code, std::string_view codeVerifier,
                                       std::string_view clientId, std::string_view redirectUri) {
  Query form;
  form.add("grant_type", "authorization_code").add("code", code).add("code_verifier", codeVerifier);
  form.add("client_id", clientId).add("redirect_uri", redirectUri);
  return form.str().substr(1);  // a form body has no leading '?'
}

std::string refreshTokenForm(std::string_view refreshToken, std::string_view clientId) {
  Query form;
  form.add("grant_type", "refresh_token").add("refresh_token", refreshToken).add("client_id", clientId);
  return form.str().substr(1);
}

std::string userPresenceAndRoutingTopic(std::string_view userId) {
  return topic("v2.users.", userId, "?presence&routingStatus");
}
std::string userActivityTopic(std::string_view userId) { return topic("v2.users.", userId, ".activity"); }
std::string userConversationsTopic(std::string_view userId) { return topic("v2.users.", userId, ".conversations"); }
std::string userCoachingTopic(std::string_view userId, bool plural) {
  return topic("v2.users.", userId, plural ? ".wem.coaching.notifications" : ".wem.coaching.notification");
}
std::string conversationTranscriptionTopic(std::string_view conversationId) {
  return topic("v2.conversations.", conversationId, ".transcription");
}
std::string queueConversationsTopic(std::string_view queueId) {
  return topic("v2.routing.queues.", queueId, ".conversations");
}
std::string queueObservationsTopic(std::string_view queueId) {
  return topic("v2.analytics.queues.", queueId, ".observations");
}

namespace {
constexpr std::string_view kTagPrefix = "supervisor-panel://session/";
constexpr std::string_view kTagTimeKey = "?initiatedAt=";
}  // namespace

std::string makePanelTag(std::string_view sessionId, model::TimeMs initiatedAt) {
  return std::string(kTagPrefix) + percentEncode(sessionId) + std::string(kTagTimeKey) +
         percentEncode(formatIsoTime(initiatedAt));
}

std::optional<PanelTag> parsePanelTag(std::string_view link) {
  if (!link.starts_with(kTagPrefix)) return std::nullopt;
  link.remove_prefix(kTagPrefix.size());
  const std::size_t query = link.find(kTagTimeKey);
  if (query == std::string_view::npos || query == 0) return std::nullopt;
  std::optional<std::string> sessionId = percentDecode(link.substr(0, query));
  std::optional<std::string> time = percentDecode(link.substr(query + kTagTimeKey.size()));
  if (!sessionId || sessionId->empty() || !time) return std::nullopt;
  const std::optional<model::TimeMs> initiatedAt = parseIsoTime(*time);
  if (!initiatedAt) return std::nullopt;
  return PanelTag{std::move(*sessionId), *initiatedAt};
}

}  // namespace api
