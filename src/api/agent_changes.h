// The supervisor's changes to an agent's state (issue 14): routing status, presence, queue
// membership activation and log out. Paths, bodies and the decoders of the read-backs, as
// the Platform API swagger (contracts/genesys/platform-api-subset.json) defines them.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "api/codec.h"
#include "api/result.h"
#include "model/model.h"

namespace api {

// [SECTION] Paths (relative to https://api.{domain})

// PUT (body RoutingStatus) and GET: /api/v2/users/{userId}/routingstatus
std::string userRoutingStatusPath(std::string_view userId);
// PATCH (body UserPresence) and GET: /api/v2/users/{userId}/presences/purecloud
std::string userPresencePath(std::string_view userId);
// PATCH (body QueueMember, answers 202): /api/v2/routing/queues/{queueId}/members/{memberId};
// the member id is the user's id.
std::string queueMemberPath(std::string_view queueId, std::string_view userId);
// DELETE: every token of the user (204), which logs them out of every client.
std::string userTokensPath(std::string_view userId);

// [SECTION] Bodies

// {"status": "OFF_QUEUE"}. Only OFF_QUEUE is sent: going On Queue is a presence change to
// the org's On Queue definition (the routing status endpoint does not set it; Genesys
// developer support, community.genesys.com "How to set agent onqueue via API").
std::string offQueueBody();
// {"presenceDefinition": {"id": ...}}: the id is the only member the PATCH needs (swagger
// description of patchUserPresencesPurecloud, "Option 2").
std::string presenceBody(std::string_view definitionId);
// {"joined": true|false}: activates or deactivates the membership (patchRoutingQueueMember).
std::string queueMemberJoinedBody(bool joined);

// [SECTION] Read-backs

// GET .../presences/purecloud (UserPresence): the definition id and its system presence.
struct UserPresenceState {
  std::string definitionId;
  model::Presence presence = model::Presence::Unknown;
  bool operator==(const UserPresenceState&) const = default;
};
Result<UserPresenceState> decodeUserPresence(std::string_view body);
// GET .../routingstatus (RoutingStatus): the status; Unknown for a value the panel does not know.
Result<model::RoutingStatus> decodeUserRoutingStatus(std::string_view body);

// The org's presences a supervisor may set, from GET /api/v2/presence/definitions as
// decodePresenceDefinitions reads it (codec.h): active
// ones only, primary (type System) before secondary (type User) ones, each group by label.
// A definition whose type is absent counts as primary when it is the first of its system
// presence, as an org without secondary presences lists exactly one each.
struct PresenceChoice {
  std::string id;
  std::string label;
  model::Presence presence = model::Presence::Unknown;
  bool secondary = false;
  bool operator==(const PresenceChoice&) const = default;
};
std::vector<PresenceChoice> choicesOf(const std::vector<PresenceDefinition>& definitions);

}  // namespace api
