// The supervisor's changes to agents (issue 14): Off Queue, On Queue, a presence (primary
// or secondary), a queue membership activated or deactivated, log out. One agent runs on
// the action thread at User priority; a multi-selection runs on its own thread at
// Background priority, so the request budget admits the supervisor's next clicks first.
//
// Each agent: read the current value (already so? changed since the supervisor looked?),
// send the change once, and after a lost answer read again before sending it a second
// time, so nothing is done twice. The panel never writes the change into the model
// itself: presence and routing arrive as events on the agent's topic; membership, which
// no subscribed topic carries, is read again from the same analytics source as at start.
#include <algorithm>

#include "api/agent_changes.h"
#include "api/requests.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"

namespace workers {

namespace {

// What a read-back says about one agent, before or after the change was sent.
enum class Found { AtTarget, NotYet, ChangedMeanwhile, Refused };
struct Reading {
  Found found = Found::NotYet;
  std::string sentence;  // for ChangedMeanwhile and Refused: why nothing is sent
};

// One agent's change as REST calls: the request, and how to read whether it holds.
struct ChangeRequest {
  std::string method, path, body;
  std::string readPath;                                 // GET of the current value; empty: none
  std::function<Reading(const std::string&)> read;      // interprets the GET's answer
  api::Action action = api::Action::Load;
  std::string done, already;                            // sentences
};

std::string presenceName(model::Presence presence) { return std::string(model::toString(presence)); }

}  // namespace

// [SECTION] Org presences

void Session::Impl::rememberPresenceChoices(std::vector<api::PresenceChoice> choices) {
  std::vector<store::PresenceOption> options;
  options.reserve(choices.size());
  for (const auto& c : choices) options.push_back({c.id, c.label, c.presence, c.secondary});
  {
    std::lock_guard lock(presenceChoicesMutex);
    presenceChoices = std::move(choices);
  }
  store.post([options = std::move(options)](store::State& st) mutable { st.presenceOptions.edit() = std::move(options); });
}

std::optional<api::PresenceChoice> Session::Impl::primaryPresence(model::Presence presence) const {
  std::lock_guard lock(presenceChoicesMutex);
  for (const auto& c : presenceChoices)
    if (c.presence == presence && !c.secondary) return c;
  return std::nullopt;
}

// [SECTION] One agent

namespace {

Reading readPresence(const std::string& body, const std::string& targetId, const store::SeenAgent& seen) {
  auto state = api::decodeUserPresence(body);
  if (!state) return {Found::Refused, "its presence could not be read (" + state.error() + ")"};
  if (state->definitionId == targetId) return {Found::AtTarget, {}};
  // The supervisor chose seeing one presence; a different one now is the agent's own move.
  if (seen.presence != model::Presence::Unknown && state->presence != seen.presence)
    return {Found::ChangedMeanwhile, "changed meanwhile to " + presenceName(state->presence)};
  return {Found::NotYet, {}};
}

Reading readRouting(const std::string& body, const store::SeenAgent& seen) {
  auto status = api::decodeUserRoutingStatus(body);
  if (!status) return {Found::Refused, "the routing status could not be read (" + status.error() + ")"};
  if (*status == model::RoutingStatus::OffQueue) return {Found::AtTarget, {}};
  // As with presence: the supervisor chose seeing one status; another now is news to them.
  if (seen.routing != model::RoutingStatus::Unknown && *status != seen.routing)
    return {Found::ChangedMeanwhile, "changed meanwhile to " + std::string(model::toString(*status))};
  return {Found::NotYet, {}};
}

Reading readMembership(const std::string& body, const std::string& queueId, bool activate, const std::string& queue) {
  auto page = api::decodeUserQueuesPage(body);
  if (!page) return {Found::Refused, "the queue memberships could not be read (" + page.error() + ")"};
  for (const auto& q : page->items)
    if (q.queueId == queueId) return {q.joined == activate ? Found::AtTarget : Found::NotYet, {}};
  return {Found::Refused, "is not a member of " + queue};
}

// Sends the change once; after a lost answer reads it back and sends it a second time
// only if it is not there.
AgentOutcome applyAgentChange(Session::Impl& session, const ChangeRequest& change, const std::string& who,
                              net::Priority priority, const std::string& label) {
  auto refused = [&](const Reply& r) { return AgentOutcome{false, who + ": " + api::explain(*r.error, change.action)}; };
  if (!change.readPath.empty()) {
    Reply before = session.call("GET", change.readPath, "", priority, "before: " + label);
    if (!before.ok()) return refused(before);
    const Reading reading = change.read(before.body());
    if (reading.found == Found::AtTarget) return {true, change.already};
    if (reading.found != Found::NotYet) return {false, who + " " + reading.sentence + "; nothing was sent."};
  }
  for (int attempt = 1;; ++attempt) {
    Reply sent = session.call(change.method, change.path, change.body, priority, label);
    if (sent.ok()) return {true, change.done};
    if (sent.response.status != 0) return refused(sent);
    std::optional<Reading> after;
    if (!change.readPath.empty())
      if (Reply check = session.call("GET", change.readPath, "", priority, "verify: " + label); check.ok())
        after = change.read(check.body());
    if (after && after->found == Found::AtTarget)
      return {true, change.done.substr(0, change.done.size() - 1) + " (confirmed after a lost answer)."};
    if (!after || after->found != Found::NotYet || attempt == 2)
      return {false, who + ": no answer from Genesys Cloud (" + sent.response.errorMessage + ")" +
                         (change.readPath.empty() ? ", so it is not known whether it was done."
                                                  : ", and reading it back does not show it done.")};
  }
}

}  // namespace

AgentOutcome Session::Impl::changeOneAgent(const store::ChangeAgents& intent, const store::SeenAgent& agent,
                                           net::Priority priority, const std::string& label) {
  const std::string who = names.agent(agent.id);
  ChangeRequest change;
  switch (intent.kind) {
    case store::AgentChangeKind::OffQueue:
      change = {"PUT", api::userRoutingStatusPath(agent.id), api::offQueueBody(), api::userRoutingStatusPath(agent.id),
                [agent](const std::string& body) { return readRouting(body, agent); }, api::Action::SetRoutingStatus,
                who + " is off queue.", who + " was already off queue."};
      break;
    case store::AgentChangeKind::OnQueue:
    case store::AgentChangeKind::Presence: {
      std::string id = intent.presenceDefinitionId, shown = intent.presenceLabel;
      if (intent.kind == store::AgentChangeKind::OnQueue) {
        const auto onQueue = primaryPresence(model::Presence::OnQueue);
        if (!onQueue) return {false, who + ": the org's On Queue presence is not known yet; nothing was sent."};
        id = onQueue->id;
        shown = "On Queue";
      }
      change = {"PATCH", api::userPresencePath(agent.id), api::presenceBody(id), api::userPresencePath(agent.id),
                [id, agent](const std::string& body) { return readPresence(body, id, agent); },
                api::Action::SetPresence, who + " is now " + shown + ".", who + " was already " + shown + "."};
      break;
    }
    case store::AgentChangeKind::QueueMembership: {
      const std::string queue = intent.queueName.empty() ? "the queue" : intent.queueName;
      const std::string state = intent.activate ? "active" : "inactive";
      change = {"PATCH", api::queueMemberPath(intent.queueId, agent.id), api::queueMemberJoinedBody(intent.activate),
                api::userQueuesPath(agent.id, false),
                [id = intent.queueId, on = intent.activate, queue](const std::string& body) {
                  return readMembership(body, id, on, queue);
                },
                api::Action::QueueMembership, who + "'s " + queue + " membership is " + state + ".",
                who + "'s " + queue + " membership was already " + state + "."};
      break;
    }
    case store::AgentChangeKind::LogOut:
      // DELETE is idempotent: the HTTP layer may send it again after a lost answer.
      change = {"DELETE", api::userTokensPath(agent.id), "", "", nullptr, api::Action::LogOutAgent,
                who + " is logged out.", ""};
      break;
  }
  return applyAgentChange(*this, change, who, priority, label);
}


// [SECTION] A selection

namespace {

std::string changeTitle(const store::ChangeAgents& intent) {
  switch (intent.kind) {
    case store::AgentChangeKind::OffQueue: return "Off Queue";
    case store::AgentChangeKind::OnQueue: return "On Queue";
    case store::AgentChangeKind::Presence: return "Presence " + intent.presenceLabel;
    case store::AgentChangeKind::QueueMembership:
      return std::string(intent.activate ? "Activate " : "Deactivate ") +
             (intent.queueName.empty() ? "queue membership" : intent.queueName);
    case store::AgentChangeKind::LogOut: return "Log out";
  }
  return "Change";
}

// "7 of 8 done, 1 failed: Dana Ruiz: ..." (the failures' sentences, in order).
std::string batchSummary(const std::vector<AgentOutcome>& outcomes) {
  const auto failed = static_cast<std::size_t>(std::count_if(outcomes.begin(), outcomes.end(),
                                                             [](const AgentOutcome& o) { return !o.ok; }));
  std::string text = std::to_string(outcomes.size() - failed) + " of " + std::to_string(outcomes.size()) + " done";
  if (failed == 0) return text + ".";
  text += ", " + std::to_string(failed) + " failed:";
  for (const auto& o : outcomes)
    if (!o.ok) text += " " + o.sentence;
  return text;
}

}  // namespace

void Session::Impl::changeAgents(const store::ChangeAgents& intent, net::Priority priority) {
  const bool single = intent.agents.size() == 1;
  const std::string title = changeTitle(intent);
  const std::string label =
      title + ": " + (single ? names.agent(intent.agents.front().id) : std::to_string(intent.agents.size()) + " agents");
  TrackedAction action(*this, store::ActionKind::AgentChange, label);
  if (intent.agents.empty()) {
    action.fail(label + ": no agent was selected.");
    return;
  }
  std::vector<AgentOutcome> outcomes;
  std::vector<std::string> membershipsChanged;
  for (const auto& agent : intent.agents) {
    if (stopping) break;
    outcomes.push_back(changeOneAgent(intent, agent, priority, label));
    if (outcomes.back().ok && intent.kind == store::AgentChangeKind::QueueMembership) membershipsChanged.push_back(agent.id);
  }
  const bool allOk = outcomes.size() == intent.agents.size() &&
                     std::all_of(outcomes.begin(), outcomes.end(), [](const AgentOutcome& o) { return o.ok; });
  const std::string sentence = single && !outcomes.empty() ? outcomes.front().sentence : batchSummary(outcomes);
  if (allOk)
    action.succeed(sentence);
  else
    action.fail(single ? sentence : label + ": " + sentence);
  // The row's Queues column: read again on the loader (a background query must not keep the
  // action pending or this thread from the supervisor's next click). Without the activity
  // topic nothing the panel follows carries membership.
  if (!membershipsChanged.empty())
    loader.post([this, ids = std::move(membershipsChanged)] { loadActiveQueues(ids); });
}

}  // namespace workers
