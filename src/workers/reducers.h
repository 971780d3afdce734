// Reducers: REST results and notification events applied to the store's State, each in
// O(1) for the entity it touches. An event older than what the state holds (by the
// entity's own timestamps) is dropped; a duplicate changes nothing.
// Run only on the store thread (inside Store::post).
#pragma once

#include <string_view>
#include <vector>

#include "api/events.h"
#include "store/state.h"

namespace workers {

enum class Applied { Changed, Unchanged, Stale, Unknown };

Applied apply(store::State&, const api::PresenceEvent&);
Applied apply(store::State&, const api::RoutingEvent&);
Applied apply(store::State&, const api::PresenceAndRoutingEvent&);
// Each part that the body carries; the active queues only when the presence part is not older
// than what is held (the body is one picture of the agent, taken at one time).
Applied apply(store::State&, const api::AgentActivityEvent&);
Applied apply(store::State&, const api::UserConversationEvent&);
Applied apply(store::State&, const api::QueueConversationEvent&);
Applied apply(store::State&, const api::TranscriptionEvent&);
Applied apply(store::State&, const api::CoachingEvent&);
Applied apply(store::State&, const api::QueueObservationEvent&);
// Dispatches any decoded event; heartbeats and the like are Unchanged.
Applied applyEvent(store::State&, const api::Event&);

// REST results. Agents merge: a fresher presence or routing status already in the state
// (from an event that overtook the response) is kept.
// `countsAt`: when the response was read, so later conversation events are counted once.
void mergeAgents(store::State&, std::vector<model::Agent> agents, model::TimeMs countsAt);
Applied applyConversation(store::State&, model::Conversation conversation);
Applied applyAppointment(store::State&, model::Appointment appointment);
// The queues listing (GET /api/v2/routing/queues) merged in: names and configured service
// level targets from it; figures already held (observations, member counts) stay.
void mergeQueues(store::State&, std::vector<model::Queue> queues);
void setQueueMemberships(store::State&, std::string_view userId, std::vector<std::string> queueIds);
// Keeps each queue's list of waiting interactions (longest-waiting) from a conversation event:
// the observation messages carry counts only. Waiting = an ACD participant still in the
// conversation and no agent alerting or connected on it. Called by applyConversation.
void trackQueueWaiting(store::State&, const model::Conversation&);
// POST .../queues/observations/query: a full picture of the queues it names — their
// interaction counts of every media type and their user counts are replaced.
void applyQueueObservationAnswer(store::State&, const std::vector<api::QueueObservationGroup>& groups);
// The aggregates query's answer for `queueIds` (one group per queue, media and 30-minute
// bucket; see api::decodeConversationAggregates): today's service level figures, the current
// interval starting at `currentInterval` (ms since epoch, a multiple of 30 minutes).
void applyServiceLevelToday(store::State&, const std::vector<std::string>& queueIds,
                            const std::vector<api::QueueObservationGroup>& buckets, model::TimeMs currentInterval);

// Recomputes an agent's derived fields (per-media counts, call timer, hold, monitors) from
// the conversations the state holds for them.
void refreshAgentInteractions(store::State&, std::string_view agentId);
// Interactions that were running before the panel (or a gap) began: each one the table
// does not hold yet becomes a minimal live conversation (the agent connected since
// `since`), so the row shows the call timer at once. Its lastChange is 0: the first real
// event about it replaces it. One the events already showed is left as they showed it.
void seedLiveInteractions(store::State&, const std::vector<api::LiveInteraction>& live);
// The conversations the state shows as active (not wrap-up) for `agents` that `live` does
// not list: they ended, or the agent left them, while no events came (a gap). The caller
// reads each again; nothing is ended on the strength of one analytics answer alone.
std::vector<std::string> activeButNotListed(const store::State&, const std::vector<std::string>& agents,
                                            const std::vector<api::LiveInteraction>& live);
// A conversation read again answered 404: it is over and gone. Ends it (every
// communication disconnected at `at`) so counts and timers drop it; unknown ids are ignored.
void endConversation(store::State&, const std::string& conversationId, model::TimeMs at);

}  // namespace workers
