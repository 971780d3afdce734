// Agents, presence, queues, identity: the browse view's bootstrap and the session's facts.
#include <algorithm>
#include <array>

#include "api/codec.h"
#include "api/decode_detail.h"
#include "api/enums.h"

namespace api {
namespace detail {

void decodePaging(const json::object& listing, Errors& errors, int& pageNumber, int& pageSize,
                  int& pageCount, std::int64_t& total, std::string& nextUri) {
  const Where root;
  readInt(listing, "pageNumber", pageNumber, root, errors);
  readInt(listing, "pageSize", pageSize, root, errors);
  readInt(listing, "pageCount", pageCount, root, errors);
  readInt64(listing, "total", total, root, errors);
  readString(listing, "nextUri", nextUri, root, errors);
}

void decodePresence(const json::object& presence, const Where& where, Errors& errors, PresenceFields& out) {
  if (const json::object* definition = readObject(presence, "presenceDefinition", where, errors)) {
    const Where at = where.member("presenceDefinition");
    std::string_view systemPresence;
    if (readStringView(*definition, "systemPresence", systemPresence, at, errors)) {
      out.presence = presenceFromString(systemPresence);
      if (out.presence == model::Presence::Unknown) out.raw.assign(systemPresence);
    }
    readString(*definition, "id", out.definitionId, at, errors);
  }
  readTime(presence, "modifiedDate", out.modifiedDate, where, errors);
  readString(presence, "message", out.message, where, errors);
}

void decodeRoutingStatus(const json::object& routing, const Where& where, Errors& errors, RoutingFields& out) {
  std::string_view status;
  if (readStringView(routing, "status", status, where, errors)) {
    out.status = routingStatusFromString(status);
    if (out.status == model::RoutingStatus::Unknown) out.raw.assign(status);
  }
  readTime(routing, "startTime", out.startTime, where, errors);
}

namespace {

// conversationSummary members in model::Media order.
constexpr std::array<std::string_view, model::kMediaCount> kSummaryMembers{"call", "callback", "chat",
                                                                           "email", "message"};
static_assert(static_cast<int>(model::Media::Call) == 0 && static_cast<int>(model::Media::Message) == 4);

void decodeConversationSummary(const json::object& summary, const Where& where, Errors& errors,
                               model::MediaCounts& out) {
  for (std::size_t media = 0; media < kSummaryMembers.size(); ++media) {
    const json::object* perMedia = readObject(summary, kSummaryMembers[media], where, errors);
    if (!perMedia) continue;
    const Where mediaWhere = where.member(kSummaryMembers[media]);
    int active = 0;
    int acw = 0;
    // ACD (contactCenter) and direct (enterprise) interactions both occupy the agent.
    for (const std::string_view scope : {"contactCenter", "enterprise"}) {
      const json::object* detail = readObject(*perMedia, scope, mediaWhere, errors);
      if (!detail) continue;
      int scopeActive = 0;
      int scopeAcw = 0;
      readInt(*detail, "active", scopeActive, mediaWhere.member(scope), errors);
      readInt(*detail, "acw", scopeAcw, mediaWhere.member(scope), errors);
      active += scopeActive;
      acw += scopeAcw;
    }
    out.active[media] = static_cast<std::uint16_t>(std::clamp(active, 0, 0xFFFF));
    out.acw[media] = static_cast<std::uint16_t>(std::clamp(acw, 0, 0xFFFF));
  }
}

}  // namespace

void decodeAgent(const json::object& user, const Where& where, Errors& errors, const PresenceLabels* labels,
                 model::Agent& out) {
  readString(user, "id", out.id, where, errors);
  readString(user, "name", out.name, where, errors);
  readRefId(user, "division", out.divisionId, where, errors);
  if (const json::object* presence = readObject(user, "presence", where, errors)) {
    PresenceFields fields;
    decodePresence(*presence, where.member("presence"), errors, fields);
    out.presence = fields.presence;
    out.presenceRaw = fields.raw;
    out.presenceSince = fields.modifiedDate;
    if (labels) {
      if (const auto label = labels->find(fields.definitionId); label != labels->end()) {
        out.presenceLabel = label->second;
      }
    }
  }
  if (const json::object* routing = readObject(user, "routingStatus", where, errors)) {
    RoutingFields fields;
    decodeRoutingStatus(*routing, where.member("routingStatus"), errors, fields);
    out.routing = fields.status;
    out.routingRaw = fields.raw;
    out.routingSince = fields.startTime;
  }
  if (const json::object* summary = readObject(user, "conversationSummary", where, errors)) {
    decodeConversationSummary(*summary, where.member("conversationSummary"), errors, out.media);
  }
}

}  // namespace detail

using namespace detail;

Result<Page<model::Agent>> decodeUsersPage(std::string_view body, const PresenceLabels* labels) {
  return decodePage<model::Agent>(body, "users page",
                                  [labels](const json::object& user, const Where& where, Errors& errors,
                                           model::Agent& out) { decodeAgent(user, where, errors, labels, out); });
}

Result<std::vector<model::Agent>> decodeDirectReports(std::string_view body, const PresenceLabels* labels) {
  Errors errors("direct reports");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::array* users = rootArray(doc, errors);
  std::vector<model::Agent> agents;
  if (!users) return errors.failure();
  agents.reserve(users->size());
  for (std::size_t i = 0; i < users->size() && !errors.any(); ++i) {
    if (const json::object* user = elementObject((*users)[i], kRoot, i, errors)) {
      model::Agent& agent = agents.emplace_back();
      decodeAgent(*user, kRoot.element(i), errors, labels, agent);
      agent.directReport = true;
    }
  }
  return finish(std::move(agents), errors);
}

namespace {
// Queue.mediaSettings.{call|callback|chat|email|message}.serviceLevel {percentage, durationMs}
// [swagger QueueMediaSettings, MediaSettings, ServiceLevel]: what the org promises per media type.
void decodeServiceLevelTargets(const json::object& queue, const Where& where, Errors& errors, model::Queue& out) {
  static constexpr std::array<std::string_view, model::kMediaCount> kKeys{"call", "callback", "chat", "email", "message"};
  const json::object* settings = readObject(queue, "mediaSettings", where, errors);
  if (!settings) return;
  const Where settingsWhere = where.member("mediaSettings");
  for (std::size_t i = 0; i < kKeys.size(); ++i) {
    const json::object* media = readObject(*settings, kKeys[i], settingsWhere, errors);
    if (!media) continue;
    const Where mediaWhere = settingsWhere.member(kKeys[i]);
    const json::object* level = readObject(*media, "serviceLevel", mediaWhere, errors);
    if (!level) continue;
    const Where levelWhere = mediaWhere.member("serviceLevel");
    readDouble(*level, "percentage", out.byMedia[i].configuredTarget, levelWhere, errors);
    readInt64(*level, "durationMs", out.byMedia[i].configuredTargetMs, levelWhere, errors);
  }
}
}  // namespace

Result<Page<model::Queue>> decodeQueuesPage(std::string_view body) {
  return decodePage<model::Queue>(
      body, "queues page", [](const json::object& queue, const Where& where, Errors& errors, model::Queue& out) {
        readString(queue, "id", out.id, where, errors);
        readString(queue, "name", out.name, where, errors);
        readInt(queue, "memberCount", out.memberCount, where, errors);
        decodeServiceLevelTargets(queue, where, errors, out);
        model::recomputeQueueTotals(out);  // the target is known before any figure
      });
}

Result<Page<QueueMember>> decodeQueueMembersPage(std::string_view body, const PresenceLabels* labels) {
  return decodePage<QueueMember>(
      body, "queue members page",
      [labels](const json::object& member, const Where& where, Errors& errors, QueueMember& out) {
        if (const json::object* user = readObject(member, "user", where, errors)) {
          decodeAgent(*user, where.member("user"), errors, labels, out.agent);
        }
        // The member's own id and name are the user's; they win over a sparse user object.
        readString(member, "id", out.agent.id, where, errors);
        readString(member, "name", out.agent.name, where, errors);
        readBool(member, "joined", out.joined, where, errors);
        if (const json::object* routing = readObject(member, "routingStatus", where, errors)) {
          RoutingFields fields;
          decodeRoutingStatus(*routing, where.member("routingStatus"), errors, fields);
          out.agent.routing = fields.status;
          out.agent.routingRaw = fields.raw;
          out.agent.routingSince = fields.startTime;
        }
      });
}

Result<Page<UserQueue>> decodeUserQueuesPage(std::string_view body) {
  return decodePage<UserQueue>(
      body, "user queues page", [](const json::object& queue, const Where& where, Errors& errors, UserQueue& out) {
        readString(queue, "id", out.queueId, where, errors);
        readString(queue, "name", out.name, where, errors);
        readBool(queue, "joined", out.joined, where, errors);
      });
}

Result<std::vector<PresenceDefinition>> decodePresenceDefinitions(std::string_view body) {
  Result<Page<PresenceDefinition>> page = decodePage<PresenceDefinition>(
      body, "presence definitions",
      [](const json::object& definition, const Where& where, Errors& errors, PresenceDefinition& out) {
        readString(definition, "id", out.id, where, errors);
        std::string_view systemPresence;
        if (readStringView(definition, "systemPresence", systemPresence, where, errors)) {
          out.presence = presenceFromString(systemPresence);
        }
        readBool(definition, "deactivated", out.deactivated, where, errors);
        readString(definition, "type", out.type, where, errors);
        readString(definition, "name", out.label, where, errors);
        const json::object* labels = readObject(definition, "languageLabels", where, errors);
        if (!labels) return;
        const Where labelsWhere = where.member("languageLabels");
        if (readString(*labels, "en_US", out.label, labelsWhere, errors) || !out.label.empty()) return;
        for (const auto& entry : *labels) {
          if (readString(*labels, entry.key(), out.label, labelsWhere, errors)) return;
        }
      });
  if (!page) return Failure{page.error()};
  return std::move(page.value().items);
}

PresenceLabels labelsOf(const std::vector<PresenceDefinition>& definitions) {
  PresenceLabels labels;
  labels.reserve(definitions.size());
  for (const PresenceDefinition& definition : definitions) labels.emplace(definition.id, definition.label);
  return labels;
}

Result<TokenResponse> decodeTokenResponse(std::string_view body) {
  Errors errors("token response");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  const Where at;
  TokenResponse token;
  std::string oauthError;
  if (readString(*root, "error", oauthError, at, errors)) {
    std::string description;
    readString(*root, "error_description", description, at, errors);
    return fail("token response: the sign-in server refused: " + oauthError +
                (description.empty() ? std::string() : " (" + description + ")"));
  }
  if (!readString(*root, "access_token", token.accessToken, at, errors) && !errors.any()) {
    errors.invalid(at, "access_token", "missing");
  }
  readString(*root, "token_type", token.tokenType, at, errors);
  readInt64(*root, "expires_in", token.expiresInSeconds, at, errors);
  std::string refresh;
  if (readString(*root, "refresh_token", refresh, at, errors) && !refresh.empty()) {
    token.refreshToken = std::move(refresh);
  }
  return finish(std::move(token), errors);
}

Result<TokenInfo> decodeTokenInfo(std::string_view body) {
  Errors errors("token info");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  const Where at;
  TokenInfo info;
  auto readNamed = [&](std::string_view key, std::string& id, std::string& name) {
    if (const json::object* entity = readObject(*root, key, at, errors)) {
      readString(*entity, "id", id, at.member(key), errors);
      readString(*entity, "name", name, at.member(key), errors);
    }
  };
  readNamed("organization", info.organizationId, info.organizationName);
  readNamed("homeOrganization", info.homeOrganizationId, info.homeOrganizationName);
  readNamed("OAuthClient", info.clientId, info.clientName);
  if (const json::object* client = readObject(*root, "OAuthClient", at, errors)) {
    readString(*client, "authorizedGrantType", info.grantType, at.member("OAuthClient"), errors);
  }
  readStringArray(*root, "authorizedScope", info.authorizedScope, at, errors);
  readTime(*root, "dateTokenIdles", info.dateTokenIdles, at, errors);
  return finish(std::move(info), errors);
}

Result<CurrentUser> decodeCurrentUser(std::string_view body) {
  Errors errors("current user");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  const Where at;
  CurrentUser user;
  if (!readString(*root, "id", user.id, at, errors) && !errors.any()) errors.invalid(at, "id", "missing");
  readString(*root, "name", user.name, at, errors);
  readString(*root, "email", user.email, at, errors);
  if (const json::object* division = readObject(*root, "division", at, errors)) {
    readString(*division, "id", user.divisionId, at.member("division"), errors);
    readString(*division, "name", user.divisionName, at.member("division"), errors);
  }
  readRefId(*root, "organization", user.organizationId, at, errors);
  return finish(std::move(user), errors);
}

Result<StationInfo> decodeStation(std::string_view body) {
  Errors errors("station");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  const Where at;
  StationInfo station;
  if (const json::object* effective = readObject(*root, "effectiveStation", at, errors)) {
    readString(*effective, "id", station.effectiveStationId, at.member("effectiveStation"), errors);
    readString(*effective, "name", station.stationName, at.member("effectiveStation"), errors);
  }
  if (const json::object* associated = readObject(*root, "associatedStation", at, errors)) {
    readString(*associated, "id", station.associatedStationId, at.member("associatedStation"), errors);
    if (station.stationName.empty()) {
      readString(*associated, "name", station.stationName, at.member("associatedStation"), errors);
    }
  }
  return finish(std::move(station), errors);
}

}  // namespace api
