#include "workers/reducers.h"

#include <unordered_set>

#include <algorithm>

namespace workers {

namespace {

using model::CommState;
using model::inProgress;

enum class Phase { Active, AfterCallWork, Done };

// Where the agent stands in a conversation: on it, wrapping up, or finished.
Phase phaseOf(const model::Conversation& c, std::string_view agentId, model::Media& media) {
  const model::Participant* p = model::agentParticipant(c, agentId);
  if (!p) return Phase::Done;
  for (const auto& comm : p->communications) {
    media = comm.media;
    if (p->endTime == 0 && c.endTime == 0 && inProgress(comm.state)) return Phase::Active;
  }
  if (p->wrapupRequired && !p->hasWrapup) return Phase::AfterCallWork;
  return Phase::Done;
}

void adjust(model::MediaCounts& counts, model::Media media, bool acw, int delta) {
  auto& slot = acw ? counts.acw[static_cast<int>(media)] : counts.active[static_cast<int>(media)];
  slot = static_cast<std::uint16_t>(std::max(0, slot + delta));
}

std::string supervisorName(const store::State& s, const model::Participant& p) {
  if (!p.userId.empty())
    if (const model::Agent* a = s.agents.find(p.userId)) return a->name;
  return p.name.empty() ? "a supervisor" : p.name;
}

// An agent's conversation that has ended for good stays in their index as a finished
// marker: not counted any more, so a late event that is older than the end (events can
// arrive out of order once the conversation has left the table) cannot count it again.
// A few per agent are enough to cover reordering.
bool isFinishedMarker(const store::State::AgentInteraction& entry) { return !entry.counted; }
constexpr std::size_t kFinishedMarkersPerAgent = 8;

void markFinished(store::State::AgentInteractions& index, std::vector<store::State::AgentInteraction>::iterator entry) {
  entry->counted = false;
  entry->inAfterCallWork = false;
  const auto markers = std::count_if(index.entries.begin(), index.entries.end(), isFinishedMarker);
  if (static_cast<std::size_t>(markers) > kFinishedMarkersPerAgent)
    index.entries.erase(std::find_if(index.entries.begin(), index.entries.end(), isFinishedMarker));
}

// True when an agent on `c` tracked it and the table no longer holds it: it ended and left.
bool endedAndForgotten(const store::State& s, const model::Conversation& c) {
  if (s.conversations.find(c.id)) return false;
  for (const auto& p : c.participants) {
    if (p.userId.empty()) continue;
    const auto index = s.interactionsByAgent.find(p.userId);
    if (index == s.interactionsByAgent.end()) continue;
    for (const auto& entry : index->second.entries)
      if (entry.conversationId == c.id) return true;
  }
  return false;
}

// Keeps the agent's interaction index and counts in step with one conversation.
void trackInteraction(store::State& s, const std::string& agentId, const model::Conversation& c) {
  model::Media media = model::Media::Call;
  const Phase phase = phaseOf(c, agentId, media);
  auto& index = s.interactionsByAgent[agentId];
  auto it = std::find_if(index.entries.begin(), index.entries.end(),
                         [&](const auto& e) { return e.conversationId == c.id; });
  const bool known = it != index.entries.end();
  if (!known && phase == Phase::Done) return;
  if (known && isFinishedMarker(*it)) return;

  s.agents.modify(agentId, [&](model::Agent& agent) {
    if (!known) {
      // A conversation that began before the REST counts were read is already in them.
      const bool alreadyCounted = c.startTime != 0 && c.startTime <= index.countsAt;
      index.entries.push_back({c.id, media, phase == Phase::AfterCallWork, true});
      if (!alreadyCounted) adjust(agent.media, media, phase == Phase::AfterCallWork, +1);
      return;
    }
    if (phase == Phase::Done) {
      adjust(agent.media, it->media, it->inAfterCallWork, -1);
      if (c.endTime != 0)
        markFinished(index, it);
      else
        index.entries.erase(it);  // the conversation goes on without the agent; the table keeps it
      return;
    }
    const bool acw = phase == Phase::AfterCallWork;
    if (acw != it->inAfterCallWork) {
      adjust(agent.media, it->media, it->inAfterCallWork, -1);
      adjust(agent.media, it->media, acw, +1);
    }
    it->inAfterCallWork = acw;
  });
}

bool conversationKept(const store::State& s, const model::Conversation& c) {
  if (c.endTime == 0) return true;
  const auto& ids = s.detail->conversationIds;
  return std::find(ids.begin(), ids.end(), c.id) != ids.end();
}

}  // namespace

void refreshAgentInteractions(store::State& s, std::string_view agentId) {
  const auto indexIt = s.interactionsByAgent.find(std::string(agentId));
  std::string activeId;
  model::TimeMs since = 0, heldSince = 0;
  std::vector<std::string> monitors;
  if (indexIt != s.interactionsByAgent.end()) {
    for (const auto& entry : indexIt->second.entries) {
      if (entry.inAfterCallWork || isFinishedMarker(entry)) continue;
      const model::Conversation* c = s.conversations.find(entry.conversationId);
      if (!c) continue;
      const model::Participant* p = model::agentParticipant(*c, agentId);
      if (!p) continue;
      for (const auto& comm : p->communications) {
        if (comm.state != CommState::Connected) continue;
        // The call timer follows the longest-running live interaction.
        const model::TimeMs start = comm.connectedTime ? comm.connectedTime : p->connectedTime;
        if (activeId.empty() || (start && start < since)) {
          activeId = c->id;
          since = start;
          heldSince = comm.held ? (comm.startHoldTime ? comm.startHoldTime : start) : 0;
        }
      }
      for (const auto* sup : model::supervisorsOn(*c, p->id)) monitors.push_back(supervisorName(s, *sup));
    }
  }
  s.agents.modify(agentId, [&](model::Agent& a) {
    a.activeConversationId = activeId;
    a.interactionSince = since;
    a.heldSince = heldSince;
    a.monitoredBy = monitors;
  });
}

// Presence and routing are judged on the agent as held before anything is copied: a stale
// or repeated event (most of a resync burst) leaves the agent and its shard shared with
// the published snapshot, and a combined event copies the agent once.
namespace {

Applied judge(const model::Agent& a, const api::PresenceEvent& e) {
  if (e.modifiedDate && e.modifiedDate < a.presenceSince) return Applied::Stale;
  const bool same = a.presence == e.presence && (!e.modifiedDate || e.modifiedDate == a.presenceSince) &&
                    (e.label.empty() || e.label == a.presenceLabel);
  return same ? Applied::Unchanged : Applied::Changed;
}

Applied judge(const model::Agent& a, const api::RoutingEvent& e) {
  if (e.startTime && e.startTime < a.routingSince) return Applied::Stale;
  const bool same = a.routing == e.status && (!e.startTime || e.startTime == a.routingSince);
  return same ? Applied::Unchanged : Applied::Changed;
}

void take(model::Agent& a, const api::PresenceEvent& e) {
  a.presence = e.presence;
  a.presenceRaw = e.raw;
  if (!e.label.empty()) a.presenceLabel = e.label;
  if (e.modifiedDate) a.presenceSince = e.modifiedDate;
}

void take(model::Agent& a, const api::RoutingEvent& e) {
  a.routing = e.status;
  a.routingRaw = e.raw;
  if (e.startTime) a.routingSince = e.startTime;
}

// The browse order depends on presence only when sorting by it.
void markRowsAfterPresence(store::State& s) {
  if (s.view.sort == store::SortColumn::Presence) s.rowsDirty = true;
}
// Routing always matters: the per-state totals (wallboard KPIs) are counted with the rows,
// which the store recomputes at most every 250 ms, off the publish path.
void markRowsAfterRouting(store::State& s) { s.rowsDirty = true; }

template <class Event>
Applied applyStatus(store::State& s, const std::string& userId, const Event& e) {
  const model::Agent* held = s.agents.find(userId);
  if (!held) return Applied::Unknown;
  const Applied verdict = judge(*held, e);
  if (verdict == Applied::Changed) s.agents.modify(userId, [&](model::Agent& a) { take(a, e); });
  return verdict;
}

}  // namespace

Applied apply(store::State& s, const api::PresenceEvent& e) {
  const Applied result = applyStatus(s, e.userId, e);
  if (result == Applied::Changed) markRowsAfterPresence(s);
  return result;
}

Applied apply(store::State& s, const api::RoutingEvent& e) {
  const Applied result = applyStatus(s, e.userId, e);
  if (result == Applied::Changed) markRowsAfterRouting(s);
  return result;
}

Applied apply(store::State& s, const api::PresenceAndRoutingEvent& e) {
  const model::Agent* held = s.agents.find(e.presence.userId);  // both halves name the topic's user
  if (!held) return Applied::Unknown;
  const Applied presence = judge(*held, e.presence);
  const Applied routing = judge(*held, e.routing);
  if (presence == Applied::Changed || routing == Applied::Changed) {
    s.agents.modify(e.presence.userId, [&](model::Agent& a) {
      if (presence == Applied::Changed) take(a, e.presence);
      if (routing == Applied::Changed) take(a, e.routing);
    });
    if (presence == Applied::Changed) markRowsAfterPresence(s);
    if (routing == Applied::Changed) markRowsAfterRouting(s);
    return Applied::Changed;
  }
  return presence == Applied::Stale || routing == Applied::Stale ? Applied::Stale : Applied::Unchanged;
}

Applied apply(store::State& s, const api::AgentActivityEvent& e) {
  if (!s.agents.find(e.userId)) return Applied::Unknown;
  const Applied presence = e.presence ? apply(s, *e.presence) : Applied::Unchanged;
  const Applied routing = e.routing ? apply(s, *e.routing) : Applied::Unchanged;
  Applied queues = Applied::Unchanged;
  if (e.activeQueueIds && presence != Applied::Stale) {
    std::vector<std::string> ids = *e.activeQueueIds;
    std::sort(ids.begin(), ids.end());
    if (s.agents.find(e.userId)->queueIds != ids) {
      setQueueMemberships(s, e.userId, std::move(ids));
      queues = Applied::Changed;
    }
  }
  for (Applied verdict : {Applied::Changed, Applied::Stale})
    if (presence == verdict || routing == verdict || queues == verdict) return verdict;
  return Applied::Unchanged;
}

Applied applyConversation(store::State& s, model::Conversation c) {
  const model::Conversation* held = s.conversations.find(c.id);
  if (held && c.lastChange && c.lastChange < held->lastChange) return Applied::Stale;
  if (held && *held == c) return Applied::Unchanged;
  // Once ended, a conversation never goes live again: a live picture of it is older news.
  if (!held && c.endTime == 0 && endedAndForgotten(s, c)) return Applied::Stale;

  // Agents on it (and agents who were on it) get their counts and timers updated.
  std::vector<std::string> agents;
  for (const auto& p : c.participants)
    if (!p.userId.empty() && s.agents.find(p.userId)) agents.push_back(p.userId);
  if (conversationKept(s, c))
    s.conversations.upsert(c);
  else
    s.conversations.erase(c.id);
  trackQueueWaiting(s, c);
  for (const auto& id : agents) {
    trackInteraction(s, id, c);
    refreshAgentInteractions(s, id);
  }
  // The open agent's detail lists each live interaction once.
  if (!s.detail->agentId.empty() && model::isLiveFor(c, s.detail->agentId)) {
    const auto& ids = s.detail->conversationIds;
    if (std::find(ids.begin(), ids.end(), c.id) == ids.end()) s.detail.edit().conversationIds.push_back(c.id);
  }
  if (s.view.sort == store::SortColumn::Interactions) s.rowsDirty = true;
  return Applied::Changed;
}

Applied apply(store::State& s, const api::UserConversationEvent& e) { return applyConversation(s, e.conversation); }
Applied apply(store::State& s, const api::QueueConversationEvent& e) { return applyConversation(s, e.conversation); }

Applied apply(store::State& s, const api::TranscriptionEvent& e) {
  if (s.transcript->conversationId != e.conversationId) return Applied::Unknown;  // not the open one
  auto& t = s.transcript.edit();
  for (const auto& line : e.lines) {
    // A final utterance replaces its interim versions; a repeat changes nothing.
    auto same = std::find_if(t.lines.begin(), t.lines.end(), [&](const model::TranscriptLine& l) {
      return !line.utteranceId.empty() && l.utteranceId == line.utteranceId;
    });
    if (same != t.lines.end())
      *same = line;
    else
      t.lines.push_back(line);
  }
  if (t.communicationId.empty()) t.communicationId = e.communicationId;
  if (t.state == model::TranscriptState::None || t.state == model::TranscriptState::Pending)
    t.state = model::TranscriptState::Live;
  return Applied::Changed;
}

Applied applyAppointment(store::State& s, model::Appointment a) {
  const model::Appointment* held = s.appointments.find(a.id);
  if (held && a.dateModified && a.dateModified < held->dateModified) return Applied::Stale;
  if (held && *held == a) return Applied::Unchanged;
  s.appointments.upsert(std::move(a));
  return Applied::Changed;
}

Applied apply(store::State& s, const api::CoachingEvent& e) {
  if (e.action == api::CoachingAction::Delete) return s.appointments.erase(e.appointmentId) ? Applied::Changed
                                                                                              : Applied::Unchanged;
  const model::Appointment* held = s.appointments.find(e.appointmentId);
  if (held && e.dateModified && e.dateModified < held->dateModified) return Applied::Stale;
  model::Appointment next = held ? *held : model::Appointment{};
  next.id = e.appointmentId;
  if (e.status != model::AppointmentStatus::Unknown) next.status = e.status;
  if (e.dateStart) next.dateStart = e.dateStart;
  if (e.lengthInMinutes) next.lengthInMinutes = e.lengthInMinutes;
  if (!e.name.empty()) next.name = e.name;
  if (e.dateModified) next.dateModified = e.dateModified;
  if (held && *held == next) return Applied::Unchanged;
  s.appointments.upsert(std::move(next));
  return Applied::Changed;
}

Applied applyEvent(store::State& s, const api::Event& event) {
  struct Visitor {
    store::State& s;
    Applied operator()(const api::Heartbeat&) const { return Applied::Unchanged; }
    Applied operator()(const api::Pong&) const { return Applied::Unchanged; }
    Applied operator()(const api::SocketClosing&) const { return Applied::Unchanged; }
    Applied operator()(const api::NoLongerSubscribed&) const { return Applied::Unchanged; }  // the session handles these
    Applied operator()(const api::TokenRevoked&) const { return Applied::Unchanged; }
    Applied operator()(const api::UnknownEvent&) const { return Applied::Unknown; }
    Applied operator()(const api::PresenceEvent& e) const { return apply(s, e); }
    Applied operator()(const api::RoutingEvent& e) const { return apply(s, e); }
    Applied operator()(const api::PresenceAndRoutingEvent& e) const { return apply(s, e); }
    Applied operator()(const api::AgentActivityEvent& e) const { return apply(s, e); }
    Applied operator()(const api::UserConversationEvent& e) const { return apply(s, e); }
    Applied operator()(const api::QueueConversationEvent& e) const { return apply(s, e); }
    Applied operator()(const api::TranscriptionEvent& e) const { return apply(s, e); }
    Applied operator()(const api::CoachingEvent& e) const { return apply(s, e); }
    Applied operator()(const api::QueueObservationEvent& e) const { return apply(s, e); }
  };
  return std::visit(Visitor{s}, event);
}

void mergeAgents(store::State& s, std::vector<model::Agent> agents, model::TimeMs countsAt) {
  for (auto& incoming : agents) {
    if (const model::Agent* held = s.agents.find(incoming.id)) {
      // An event newer than this response already arrived: keep its values.
      if (held->presenceSince > incoming.presenceSince) {
        incoming.presence = held->presence;
        incoming.presenceSince = held->presenceSince;
        incoming.presenceLabel = held->presenceLabel;
      }
      if (held->routingSince > incoming.routingSince) {
        incoming.routing = held->routing;
        incoming.routingSince = held->routingSince;
      }
      if (incoming.queueIds.empty()) incoming.queueIds = held->queueIds;
      incoming.directReport = incoming.directReport || held->directReport;
      incoming.activeConversationId = held->activeConversationId;
      incoming.interactionSince = held->interactionSince;
      incoming.heldSince = held->heldSince;
      incoming.monitoredBy = held->monitoredBy;
      incoming.notLiveReason = held->notLiveReason;  // the session's to set, not a REST answer's
    }
    auto& index = s.interactionsByAgent[incoming.id];
    index.countsAt = countsAt;
    // The fresh counts include the live entries; finished markers stay out of them.
    s.agents.upsert(std::move(incoming));
  }
  s.rowsDirty = s.rowsUrgent = true;
}

void mergeQueues(store::State& s, std::vector<model::Queue> queues) {
  for (auto& q : queues) {
    if (const model::Queue* held = s.queues.find(q.id)) {
      model::Queue kept = *held;
      kept.name = std::move(q.name);
      for (std::size_t i = 0; i < kept.byMedia.size(); ++i) {
        kept.byMedia[i].configuredTarget = q.byMedia[i].configuredTarget;
        kept.byMedia[i].configuredTargetMs = q.byMedia[i].configuredTargetMs;
      }
      model::recomputeQueueTotals(kept);
      q = std::move(kept);
    }
    s.queues.upsert(std::move(q));
  }
  s.queueOrderDirty = true;
}

void setQueueMemberships(store::State& s, std::string_view userId, std::vector<std::string> queueIds) {
  std::sort(queueIds.begin(), queueIds.end());
  s.agents.modify(userId, [&](model::Agent& a) { a.queueIds = std::move(queueIds); });
  if (s.view.scope == store::AgentScope::Queue) s.rowsDirty = true;
}

void seedLiveInteractions(store::State& s, const std::vector<api::LiveInteraction>& live) {
  for (const auto& item : live) {
    if (s.conversations.find(item.conversationId) || !s.agents.find(item.userId)) continue;
    model::Communication comm;
    comm.media = item.media;
    comm.state = model::CommState::Connected;
    comm.connectedTime = item.since;
    model::Participant agent;
    agent.purpose = model::Purpose::Agent;
    agent.userId = item.userId;
    agent.connectedTime = item.since;
    agent.communications.push_back(std::move(comm));
    model::Conversation c;
    c.id = item.conversationId;
    c.startTime = item.since;
    c.participants.push_back(std::move(agent));
    applyConversation(s, std::move(c));
  }
}

std::vector<std::string> activeButNotListed(const store::State& s, const std::vector<std::string>& agents,
                                            const std::vector<api::LiveInteraction>& live) {
  std::unordered_set<std::string> listed;
  for (const auto& item : live) listed.insert(item.conversationId);
  std::vector<std::string> suspects;
  for (const auto& agent : agents) {
    const auto index = s.interactionsByAgent.find(agent);
    if (index == s.interactionsByAgent.end()) continue;
    for (const auto& entry : index->second.entries)
      if (entry.counted && !entry.inAfterCallWork && !listed.count(entry.conversationId) &&
          std::find(suspects.begin(), suspects.end(), entry.conversationId) == suspects.end())
        suspects.push_back(entry.conversationId);
  }
  return suspects;
}

void endConversation(store::State& s, const std::string& conversationId, model::TimeMs at) {
  const model::Conversation* held = s.conversations.find(conversationId);
  if (!held || held->endTime != 0) return;
  model::Conversation ended = *held;
  ended.endTime = at;
  ended.lastChange = std::max(ended.lastChange, at);
  for (auto& p : ended.participants) {
    if (p.endTime == 0) p.endTime = at;
    for (auto& comm : p.communications)
      if (comm.state != model::CommState::Disconnected && comm.state != model::CommState::Terminated) {
        comm.state = model::CommState::Disconnected;
        comm.disconnectedTime = at;
      }
  }
  applyConversation(s, std::move(ended));
}

}  // namespace workers
