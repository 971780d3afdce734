// Routing status, presence, queue membership and log out of one agent: request builders and
// the read-backs the action worker uses to tell "already so" and "applied after a lost answer".
#include <algorithm>

#include <boost/json/serialize.hpp>

#include "api/agent_changes.h"
#include "api/decode_detail.h"
#include "api/enums.h"
#include "api/requests.h"

namespace api {

using namespace detail;

std::string userRoutingStatusPath(std::string_view userId) {
  return "/api/v2/users/" + percentEncode(userId) + "/routingstatus";
}

std::string userPresencePath(std::string_view userId) {
  return "/api/v2/users/" + percentEncode(userId) + "/presences/purecloud";
}

std::string queueMemberPath(std::string_view queueId, std::string_view userId) {
  return "/api/v2/routing/queues/" + percentEncode(queueId) + "/members/" + percentEncode(userId);
}

std::string userTokensPath(std::string_view userId) { return "/api/v2/tokens/" + percentEncode(userId); }

std::string offQueueBody() { return json::serialize(json::object{{"status", "OFF_QUEUE"}}); }

std::string presenceBody(std::string_view definitionId) {
  return json::serialize(json::object{{"presenceDefinition", json::object{{"id", definitionId}}}});
}

std::string queueMemberJoinedBody(bool joined) { return json::serialize(json::object{{"joined", joined}}); }

Result<UserPresenceState> decodeUserPresence(std::string_view body) {
  Errors errors("user presence");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  PresenceFields fields;
  decodePresence(*root, kRoot, errors, fields);
  if (!errors.any() && fields.definitionId.empty()) errors.invalid(kRoot, "presenceDefinition", "has no id");
  return finish(UserPresenceState{fields.definitionId, fields.presence}, errors);
}

Result<model::RoutingStatus> decodeUserRoutingStatus(std::string_view body) {
  Errors errors("routing status");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  RoutingFields fields;
  decodeRoutingStatus(*root, kRoot, errors, fields);
  return finish(std::move(fields.status), errors);
}

namespace {

struct DefinitionEntry {
  PresenceChoice choice;
  std::string type;  // System | User | "" (absent)
  bool deactivated = false;
};

void decodeDefinitionEntry(const json::object& definition, const Where& where, Errors& errors, DefinitionEntry& out) {
  readString(definition, "id", out.choice.id, where, errors);
  std::string_view systemPresence;
  if (readStringView(definition, "systemPresence", systemPresence, where, errors))
    out.choice.presence = presenceFromString(systemPresence);
  readString(definition, "type", out.type, where, errors);
  readBool(definition, "deactivated", out.deactivated, where, errors);
  readString(definition, "name", out.choice.label, where, errors);
  if (const json::object* labels = readObject(definition, "languageLabels", where, errors)) {
    const Where at = where.member("languageLabels");
    if (!readString(*labels, "en_US", out.choice.label, at, errors) && out.choice.label.empty())
      for (const auto& entry : *labels)
        if (readString(*labels, entry.key(), out.choice.label, at, errors)) break;
  }
  if (out.choice.label.empty()) out.choice.label = std::string(model::toString(out.choice.presence));
}

}  // namespace

Result<std::vector<PresenceChoice>> decodePresenceChoices(std::string_view body) {
  auto page = decodePage<DefinitionEntry>(body, "presence definitions", decodeDefinitionEntry);
  if (!page) return Failure{page.error()};
  std::vector<PresenceChoice> choices;
  std::vector<model::Presence> primarySeen;
  for (auto& entry : page->items) {
    if (entry.deactivated || entry.choice.id.empty()) continue;
    const bool firstOfItsKind =
        std::find(primarySeen.begin(), primarySeen.end(), entry.choice.presence) == primarySeen.end();
    entry.choice.secondary = entry.type.empty() ? !firstOfItsKind : entry.type != "System";
    if (!entry.choice.secondary) primarySeen.push_back(entry.choice.presence);
    choices.push_back(std::move(entry.choice));
  }
  std::stable_sort(choices.begin(), choices.end(), [](const PresenceChoice& a, const PresenceChoice& b) {
    if (a.secondary != b.secondary) return !a.secondary;
    return a.label < b.label;
  });
  return choices;
}

}  // namespace api
