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

std::vector<PresenceChoice> choicesOf(const std::vector<PresenceDefinition>& definitions) {
  std::vector<PresenceChoice> choices;
  std::vector<model::Presence> primarySeen;
  for (const PresenceDefinition& d : definitions) {
    if (d.deactivated || d.id.empty()) continue;
    PresenceChoice choice{d.id, d.label.empty() ? std::string(model::toString(d.presence)) : d.label, d.presence};
    const bool firstOfItsKind = std::find(primarySeen.begin(), primarySeen.end(), d.presence) == primarySeen.end();
    choice.secondary = d.type.empty() ? !firstOfItsKind : d.type != "System";
    if (!choice.secondary) primarySeen.push_back(d.presence);
    choices.push_back(std::move(choice));
  }
  std::stable_sort(choices.begin(), choices.end(), [](const PresenceChoice& a, const PresenceChoice& b) {
    if (a.secondary != b.secondary) return !a.secondary;
    return a.label < b.label;
  });
  return choices;
}

}  // namespace api
