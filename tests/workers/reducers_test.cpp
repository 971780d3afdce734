// The reducers on a plain store::State, no threads: what each event or REST result does to
// agents, conversations, appointments, the open transcript and queues, and what an older
// or repeated one must not do.
#include "workers/reducers.h"

#include <gtest/gtest.h>

#include <optional>

namespace {

using model::CommState;
using model::Presence;
using model::RoutingStatus;
using workers::Applied;

constexpr model::TimeMs kT0 = 1'800'000'000'000;  // when the REST counts were read
constexpr model::TimeMs kSecond = 1000;

model::Agent makeAgent(std::string id, std::string name) {
  model::Agent a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.presence = Presence::OnQueue;
  a.presenceSince = kT0 - 60 * kSecond;
  a.routing = RoutingStatus::Idle;
  a.routingSince = kT0 - 60 * kSecond;
  return a;
}

// Dana and Ali are agents; Sam is a supervisor the panel also lists.
store::State orgState() {
  store::State s;
  workers::mergeAgents(s, {makeAgent("u-dana", "Dana Ruiz"), makeAgent("u-ali", "Ali Khan"),
                           makeAgent("u-sam", "Sam Lead")},
                       kT0);
  model::Queue sales;
  sales.id = "q-sales";
  sales.name = "Sales";
  s.queues.upsert(sales);
  return s;
}

const model::Agent& agentIn(const store::State& s, std::string_view id) {
  const model::Agent* a = s.agents.find(id);
  EXPECT_NE(a, nullptr) << id;
  static const model::Agent missing;
  return a ? *a : missing;
}

int activeCalls(const store::State& s, std::string_view id) {
  return agentIn(s, id).media.active[static_cast<int>(model::Media::Call)];
}
int callsInAcw(const store::State& s, std::string_view id) {
  return agentIn(s, id).media.acw[static_cast<int>(model::Media::Call)];
}

api::PresenceEvent presenceEvent(std::string userId, Presence presence, model::TimeMs at) {
  api::PresenceEvent e;
  e.userId = std::move(userId);
  e.presence = presence;
  e.modifiedDate = at;
  return e;
}

api::RoutingEvent routingEvent(std::string userId, RoutingStatus status, model::TimeMs at) {
  return api::RoutingEvent{std::move(userId), status, at};
}

// An inbound call as Genesys shows it: customer, the ACD leg, and the agent on a call.
model::Conversation inboundCall(std::string id, std::string agentId, model::TimeMs start) {
  model::Conversation c;
  c.id = std::move(id);
  c.startTime = start;
  c.lastChange = start + 20 * kSecond;

  model::Participant customer;
  customer.id = c.id + "-customer";
  customer.purpose = model::Purpose::Customer;
  customer.connectedTime = start;
  customer.communications.push_back({"call-customer", model::Media::Call, CommState::Connected, false, "inbound",
                                     start, 0, 0});

  model::Participant acd;
  acd.id = c.id + "-acd";
  acd.purpose = model::Purpose::Acd;
  acd.queueId = "q-sales";
  acd.connectedTime = start;
  acd.endTime = start + 20 * kSecond;
  acd.communications.push_back({"call-acd", model::Media::Call, CommState::Disconnected, false, "inbound", start,
                                start + 20 * kSecond, 0});

  model::Participant agent;
  agent.id = c.id + "-agent";
  agent.purpose = model::Purpose::Agent;
  agent.userId = std::move(agentId);
  agent.queueId = "q-sales";
  agent.connectedTime = start + 20 * kSecond;
  agent.wrapupRequired = true;
  agent.communications.push_back({"call-agent", model::Media::Call, CommState::Connected, false, "inbound",
                                  start + 20 * kSecond, 0, 0});

  c.participants = {customer, acd, agent};
  return c;
}

model::Participant& agentLeg(model::Conversation& c) { return c.participants[2]; }

// The agent hangs up; wrap-up is still to do unless `wrappedUp`.
model::Conversation afterAgentHangsUp(model::Conversation c, model::TimeMs at, bool wrappedUp) {
  for (auto& p : c.participants) {
    if (p.endTime == 0) p.endTime = at;
    for (auto& comm : p.communications)
      if (comm.state == CommState::Connected) {
        comm.state = CommState::Disconnected;
        comm.disconnectedTime = at;
      }
  }
  agentLeg(c).hasWrapup = wrappedUp;
  c.endTime = at;
  c.lastChange = at;
  return c;
}

// [SECTION] Presence and routing

TEST(PresenceRoutingReducer, NewerEventsChangeTheAgent) {
  store::State s = orgState();
  EXPECT_EQ(workers::apply(s, presenceEvent("u-dana", Presence::Meal, kT0 + kSecond)), Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").presence, Presence::Meal);
  EXPECT_EQ(agentIn(s, "u-dana").presenceSince, kT0 + kSecond);

  EXPECT_EQ(workers::apply(s, routingEvent("u-dana", RoutingStatus::NotResponding, kT0 + 2 * kSecond)),
            Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").routing, RoutingStatus::NotResponding);
  EXPECT_EQ(agentIn(s, "u-dana").routingSince, kT0 + 2 * kSecond);
  EXPECT_EQ(agentIn(s, "u-ali").routing, RoutingStatus::Idle) << "only the topic's user changes";
}

TEST(PresenceRoutingReducer, PresenceLabelFromTheEventIsKept) {
  store::State s = orgState();
  api::PresenceEvent lunch = presenceEvent("u-dana", Presence::Meal, kT0 + kSecond);
  lunch.label = "Lunch";
  workers::apply(s, lunch);
  EXPECT_EQ(agentIn(s, "u-dana").presenceLabel, "Lunch");
}

TEST(PresenceRoutingReducer, OlderEventIsStaleAndChangesNothing) {
  store::State s = orgState();
  workers::apply(s, presenceEvent("u-dana", Presence::Away, kT0 + 10 * kSecond));
  workers::apply(s, routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + 10 * kSecond));
  const model::Agent before = agentIn(s, "u-dana");

  EXPECT_EQ(workers::apply(s, presenceEvent("u-dana", Presence::OnQueue, kT0 + 5 * kSecond)), Applied::Stale);
  EXPECT_EQ(workers::apply(s, routingEvent("u-dana", RoutingStatus::Interacting, kT0 + 5 * kSecond)),
            Applied::Stale);
  EXPECT_EQ(agentIn(s, "u-dana"), before);
}

TEST(PresenceRoutingReducer, DuplicateIsUnchanged) {
  store::State s = orgState();
  const auto presence = presenceEvent("u-dana", Presence::Break, kT0 + kSecond);
  const auto routing = routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + kSecond);
  workers::apply(s, presence);
  workers::apply(s, routing);
  const model::Agent before = agentIn(s, "u-dana");

  EXPECT_EQ(workers::apply(s, presence), Applied::Unchanged);
  EXPECT_EQ(workers::apply(s, routing), Applied::Unchanged);
  EXPECT_EQ(agentIn(s, "u-dana"), before);
}

// A published snapshot shares the agents' shards with the state; an event that changes
// nothing must not unshare them (a resync replays many such events).
TEST(PresenceRoutingReducer, StaleOrRepeatedEventLeavesThePublishedAgentShared) {
  store::State s = orgState();
  const api::PresenceAndRoutingEvent current{presenceEvent("u-dana", Presence::Away, kT0 + 10 * kSecond),
                                             routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + 10 * kSecond)};
  workers::apply(s, current);
  const auto published = s.agents;

  workers::apply(s, current);
  workers::apply(s, presenceEvent("u-dana", Presence::OnQueue, kT0 + kSecond));
  workers::apply(s, routingEvent("u-dana", RoutingStatus::Idle, kT0 + kSecond));
  EXPECT_TRUE(s.agents.sharesShardWith(published, "u-dana"));

  workers::apply(s, routingEvent("u-dana", RoutingStatus::Idle, kT0 + 20 * kSecond));
  EXPECT_FALSE(s.agents.sharesShardWith(published, "u-dana"));
  EXPECT_EQ(published.find("u-dana")->routing, RoutingStatus::OffQueue) << "the published one is untouched";
}

TEST(PresenceRoutingReducer, EventWithoutTimestampAndSameValueIsUnchanged) {
  store::State s = orgState();
  EXPECT_EQ(workers::apply(s, presenceEvent("u-dana", Presence::OnQueue, 0)), Applied::Unchanged);
  EXPECT_EQ(workers::apply(s, routingEvent("u-dana", RoutingStatus::Idle, 0)), Applied::Unchanged);
  EXPECT_EQ(workers::apply(s, routingEvent("u-dana", RoutingStatus::Interacting, 0)), Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").routingSince, kT0 - 60 * kSecond) << "no time in the event: the old one stays";
}

TEST(PresenceRoutingReducer, EventForAnUnknownUserIsUnknown) {
  store::State s = orgState();
  EXPECT_EQ(workers::apply(s, presenceEvent("u-nobody", Presence::Away, kT0)), Applied::Unknown);
  EXPECT_EQ(workers::apply(s, routingEvent("u-nobody", RoutingStatus::Idle, kT0)), Applied::Unknown);
  EXPECT_EQ(workers::apply(s, api::PresenceAndRoutingEvent{presenceEvent("u-nobody", Presence::Away, kT0),
                                                           routingEvent("u-nobody", RoutingStatus::Idle, kT0)}),
            Applied::Unknown);
  EXPECT_EQ(s.agents.find("u-nobody"), nullptr);
}

TEST(PresenceRoutingReducer, CombinedEventAppliesBothHalves) {
  store::State s = orgState();
  const api::PresenceAndRoutingEvent both{presenceEvent("u-dana", Presence::Available, kT0 + kSecond),
                                          routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + kSecond)};
  EXPECT_EQ(workers::apply(s, both), Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").presence, Presence::Available);
  EXPECT_EQ(agentIn(s, "u-dana").routing, RoutingStatus::OffQueue);
  EXPECT_EQ(workers::apply(s, both), Applied::Unchanged);
  EXPECT_EQ(workers::applyEvent(s, api::Event{both}), Applied::Unchanged) << "the variant dispatches the same way";
}

TEST(PresenceRoutingReducer, CombinedEventWithOneNewerHalfAppliesThatHalfOnly) {
  store::State s = orgState();
  workers::apply(s, presenceEvent("u-dana", Presence::Meal, kT0 + 10 * kSecond));
  const api::PresenceAndRoutingEvent mixed{presenceEvent("u-dana", Presence::OnQueue, kT0 + 5 * kSecond),
                                           routingEvent("u-dana", RoutingStatus::Interacting, kT0 + 5 * kSecond)};
  EXPECT_EQ(workers::apply(s, mixed), Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").presence, Presence::Meal) << "the older presence half is dropped";
  EXPECT_EQ(agentIn(s, "u-dana").routing, RoutingStatus::Interacting);

  const api::PresenceAndRoutingEvent older{presenceEvent("u-dana", Presence::Away, kT0 + kSecond),
                                           routingEvent("u-dana", RoutingStatus::Idle, kT0 + kSecond)};
  const model::Agent before = agentIn(s, "u-dana");
  EXPECT_EQ(workers::apply(s, older), Applied::Stale);
  EXPECT_EQ(agentIn(s, "u-dana"), before);
}

TEST(ActivityReducer, AppliesEachPartAndTheActiveQueues) {
  store::State s = orgState();
  api::AgentActivityEvent activity{"u-dana", presenceEvent("u-dana", Presence::Away, kT0 + kSecond),
                                   routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + kSecond),
                                   std::vector<std::string>{"q-2", "q-1"}};
  EXPECT_EQ(workers::applyEvent(s, api::Event{activity}), Applied::Changed);
  EXPECT_EQ(agentIn(s, "u-dana").presence, Presence::Away);
  EXPECT_EQ(agentIn(s, "u-dana").routing, RoutingStatus::OffQueue);
  EXPECT_EQ(agentIn(s, "u-dana").queueIds, (std::vector<std::string>{"q-1", "q-2"}));
  EXPECT_EQ(workers::apply(s, activity), Applied::Unchanged);

  api::AgentActivityEvent queuesOnly{"u-dana", std::nullopt, std::nullopt, std::vector<std::string>{}};
  EXPECT_EQ(workers::apply(s, queuesOnly), Applied::Changed);
  EXPECT_TRUE(agentIn(s, "u-dana").queueIds.empty());
  EXPECT_EQ(workers::apply(s, api::AgentActivityEvent{"u-nobody", std::nullopt, std::nullopt, std::vector<std::string>{}}),
            Applied::Unknown);
}

// An older picture of the agent must not bring back the queues of that time either.
TEST(ActivityReducer, AnOlderBodyChangesNothing) {
  store::State s = orgState();
  workers::apply(s, api::AgentActivityEvent{"u-dana", presenceEvent("u-dana", Presence::OnQueue, kT0 + 10 * kSecond),
                                            std::nullopt, std::vector<std::string>{"q-1"}});
  const model::Agent before = agentIn(s, "u-dana");
  const api::AgentActivityEvent older{"u-dana", presenceEvent("u-dana", Presence::Away, kT0 + kSecond), std::nullopt,
                                      std::vector<std::string>{}};
  EXPECT_EQ(workers::apply(s, older), Applied::Stale);
  EXPECT_EQ(agentIn(s, "u-dana"), before);
}

TEST(MergeAgents, FresherEventValueSurvivesAnOlderRestResponse) {
  store::State s = orgState();
  api::PresenceEvent meal = presenceEvent("u-dana", Presence::Meal, kT0 + 30 * kSecond);
  meal.label = "Lunch";
  workers::apply(s, meal);
  workers::apply(s, routingEvent("u-dana", RoutingStatus::OffQueue, kT0 + 30 * kSecond));

  // The response was read before those events happened.
  model::Agent fromRest = makeAgent("u-dana", "Dana Ruiz-Lopez");
  fromRest.presenceSince = fromRest.routingSince = kT0 + 10 * kSecond;
  fromRest.media.active[static_cast<int>(model::Media::Chat)] = 2;
  workers::mergeAgents(s, {fromRest}, kT0 + 10 * kSecond);

  const model::Agent& dana = agentIn(s, "u-dana");
  EXPECT_EQ(dana.presence, Presence::Meal);
  EXPECT_EQ(dana.presenceLabel, "Lunch");
  EXPECT_EQ(dana.presenceSince, kT0 + 30 * kSecond);
  EXPECT_EQ(dana.routing, RoutingStatus::OffQueue);
  EXPECT_EQ(dana.name, "Dana Ruiz-Lopez") << "what only REST knows is taken";
  EXPECT_EQ(dana.media.active[static_cast<int>(model::Media::Chat)], 2);
}

TEST(MergeAgents, NewerRestResponseReplacesOlderEventValues) {
  store::State s = orgState();
  workers::apply(s, presenceEvent("u-dana", Presence::Meal, kT0 + kSecond));
  model::Agent fromRest = makeAgent("u-dana", "Dana Ruiz");
  fromRest.presence = Presence::Training;
  fromRest.presenceSince = kT0 + 50 * kSecond;
  workers::mergeAgents(s, {fromRest}, kT0 + 50 * kSecond);
  EXPECT_EQ(agentIn(s, "u-dana").presence, Presence::Training);
}

// [SECTION] Conversations: counts, after-call work, derived fields

TEST(ConversationReducer, CallConnectingAfterTheRestCountsIsCountedOnce) {
  store::State s = orgState();
  const model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  EXPECT_EQ(workers::apply(s, api::UserConversationEvent{"u-dana", call}), Applied::Changed);
  EXPECT_EQ(activeCalls(s, "u-dana"), 1);

  EXPECT_EQ(workers::apply(s, api::UserConversationEvent{"u-dana", call}), Applied::Unchanged);
  model::Conversation held = call;
  agentLeg(held).communications[0].held = true;
  agentLeg(held).communications[0].startHoldTime = kT0 + 60 * kSecond;
  held.lastChange = kT0 + 60 * kSecond;
  EXPECT_EQ(workers::apply(s, api::QueueConversationEvent{"q-sales", held}), Applied::Changed);
  EXPECT_EQ(activeCalls(s, "u-dana"), 1) << "a later event on the same call is not a second call";
  EXPECT_EQ(activeCalls(s, "u-ali"), 0);
}

TEST(ConversationReducer, CallThatStartedBeforeTheRestCountsIsNotCountedTwice) {
  store::State s = orgState();
  model::Agent fromRest = makeAgent("u-dana", "Dana Ruiz");
  fromRest.media.active[static_cast<int>(model::Media::Call)] = 1;  // conversationSummary already has it
  workers::mergeAgents(s, {fromRest}, kT0);

  const model::Conversation call = inboundCall("c-early", "u-dana", kT0 - 90 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(activeCalls(s, "u-dana"), 1);

  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 30 * kSecond, true)});
  EXPECT_EQ(activeCalls(s, "u-dana"), 0) << "its end still takes it out of the counts";
}

TEST(ConversationReducer, HangUpWithWrapupRequiredMovesToAfterCallWorkThenToZero) {
  store::State s = orgState();
  const model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});

  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, false)});
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
  EXPECT_EQ(callsInAcw(s, "u-dana"), 1);
  EXPECT_TRUE(agentIn(s, "u-dana").activeConversationId.empty()) << "no call timer in after-call work";

  model::Conversation wrapped = afterAgentHangsUp(call, kT0 + 90 * kSecond, true);
  wrapped.lastChange = kT0 + 120 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", wrapped});
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
  EXPECT_EQ(callsInAcw(s, "u-dana"), 0);
}

TEST(ConversationReducer, HangUpWithoutWrapupGoesStraightToZero) {
  store::State s = orgState();
  model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  agentLeg(call).wrapupRequired = false;
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, false)});
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
  EXPECT_EQ(callsInAcw(s, "u-dana"), 0);
}

TEST(ConversationReducer, EndedConversationLeavesTheTableUnlessTheDetailShowsIt) {
  store::State s = orgState();
  const model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  ASSERT_NE(s.conversations.find("c-1"), nullptr);
  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, true)});
  EXPECT_EQ(s.conversations.find("c-1"), nullptr);

  store::State open = orgState();
  open.detail.edit().agentId = "u-dana";
  workers::apply(open, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(open.detail->conversationIds, std::vector<std::string>{"c-1"}) << "a live call joins the open detail";
  workers::apply(open, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, true)});
  ASSERT_NE(open.conversations.find("c-1"), nullptr) << "kept while the supervisor looks at it";
  EXPECT_NE(open.conversations.find("c-1")->endTime, 0);
}

TEST(ConversationReducer, CallTimerAndHoldAreDerived) {
  store::State s = orgState();
  model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(agentIn(s, "u-dana").activeConversationId, "c-1");
  EXPECT_EQ(agentIn(s, "u-dana").interactionSince, kT0 + 25 * kSecond) << "the agent's connectedTime";
  EXPECT_EQ(agentIn(s, "u-dana").heldSince, 0);

  agentLeg(call).communications[0].held = true;
  agentLeg(call).communications[0].startHoldTime = kT0 + 70 * kSecond;
  call.lastChange = kT0 + 70 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(agentIn(s, "u-dana").heldSince, kT0 + 70 * kSecond);

  agentLeg(call).communications[0].held = false;
  call.lastChange = kT0 + 80 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(agentIn(s, "u-dana").heldSince, 0);
}

model::Participant supervisorLeg(const model::Conversation& c, std::string userId, std::string name,
                                 model::Purpose purpose) {
  model::Participant p;
  p.id = c.id + "-supervisor";
  p.purpose = purpose;
  p.userId = std::move(userId);
  p.name = std::move(name);
  p.monitoredParticipantId = c.participants[2].id;
  return p;
}

TEST(ConversationReducer, MonitoringSupervisorIsNamed) {
  store::State s = orgState();
  model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_TRUE(agentIn(s, "u-dana").monitoredBy.empty());

  call.participants.push_back(supervisorLeg(call, "u-sam", "S. Lead (participant name)", model::Purpose::Monitor));
  call.lastChange = kT0 + 60 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(agentIn(s, "u-dana").monitoredBy, std::vector<std::string>{"Sam Lead"}) << "the user's own name";
  EXPECT_EQ(activeCalls(s, "u-sam"), 0) << "monitoring is not the supervisor's interaction";

  call.participants.back().endTime = kT0 + 90 * kSecond;
  call.lastChange = kT0 + 90 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_TRUE(agentIn(s, "u-dana").monitoredBy.empty()) << "the supervisor left";
}

TEST(ConversationReducer, SupervisorOutsideTheListIsNamedByTheParticipant) {
  store::State s = orgState();
  model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  call.participants.push_back(supervisorLeg(call, "u-elsewhere", "Robin Other", model::Purpose::Monitor));
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  EXPECT_EQ(agentIn(s, "u-dana").monitoredBy, std::vector<std::string>{"Robin Other"});
}

TEST(ConversationReducer, OlderConversationEventIsDropped) {
  store::State s = orgState();
  model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  model::Conversation heldCall = call;
  agentLeg(heldCall).communications[0].held = true;
  agentLeg(heldCall).communications[0].startHoldTime = kT0 + 70 * kSecond;
  heldCall.lastChange = kT0 + 70 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", heldCall});
  const model::Agent before = agentIn(s, "u-dana");

  EXPECT_EQ(workers::apply(s, api::UserConversationEvent{"u-dana", call}), Applied::Stale);
  EXPECT_EQ(*s.conversations.find("c-1"), heldCall);
  EXPECT_EQ(agentIn(s, "u-dana"), before);
}

// Events can arrive out of order after the call ended and left the table: the older
// "connected" picture must not bring the call back into the agent's counts.
TEST(ConversationReducer, OlderEventAfterTheEndDoesNotReviveTheCall) {
  store::State s = orgState();
  const model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, true)});
  ASSERT_EQ(activeCalls(s, "u-dana"), 0);

  EXPECT_EQ(workers::apply(s, api::UserConversationEvent{"u-dana", call}), Applied::Stale);
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
  EXPECT_TRUE(agentIn(s, "u-dana").activeConversationId.empty());
  EXPECT_EQ(s.conversations.find("c-1"), nullptr);
}

TEST(ConversationReducer, OlderEventDuringAfterCallWorkDoesNotReviveTheCall) {
  store::State s = orgState();
  const model::Conversation call = inboundCall("c-1", "u-dana", kT0 + 5 * kSecond);
  workers::apply(s, api::UserConversationEvent{"u-dana", call});
  workers::apply(s, api::UserConversationEvent{"u-dana", afterAgentHangsUp(call, kT0 + 90 * kSecond, false)});

  EXPECT_EQ(workers::apply(s, api::UserConversationEvent{"u-dana", call}), Applied::Stale);
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
  EXPECT_EQ(callsInAcw(s, "u-dana"), 1);

  model::Conversation wrapped = afterAgentHangsUp(call, kT0 + 90 * kSecond, true);
  wrapped.lastChange = kT0 + 120 * kSecond;
  workers::apply(s, api::UserConversationEvent{"u-dana", wrapped});
  EXPECT_EQ(callsInAcw(s, "u-dana"), 0) << "the wrap-up after the end still counts";
  workers::apply(s, api::UserConversationEvent{"u-dana", wrapped});
  EXPECT_EQ(callsInAcw(s, "u-dana"), 0) << "a repeated end is harmless";
  EXPECT_EQ(activeCalls(s, "u-dana"), 0);
}

// [SECTION] Coaching appointments

api::CoachingEvent coachingEvent(api::CoachingAction action, model::AppointmentStatus status, model::TimeMs modified) {
  api::CoachingEvent e;
  e.userId = "u-sam";
  e.appointmentId = "appt-1";
  e.action = action;
  e.status = status;
  e.dateStart = kT0 + 3600 * kSecond;
  e.lengthInMinutes = 30;
  e.name = "Coaching: Dana Ruiz";
  e.dateModified = modified;
  return e;
}

TEST(CoachingReducer, CreateUpdateAndDelete) {
  store::State s = orgState();
  using model::AppointmentStatus;
  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::Create, AppointmentStatus::Scheduled, kT0)),
            Applied::Changed);
  ASSERT_NE(s.appointments.find("appt-1"), nullptr);
  EXPECT_EQ(s.appointments.find("appt-1")->status, AppointmentStatus::Scheduled);
  EXPECT_EQ(s.appointments.find("appt-1")->name, "Coaching: Dana Ruiz");
  EXPECT_EQ(s.appointments.find("appt-1")->lengthInMinutes, 30);

  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::Create, AppointmentStatus::Scheduled, kT0)),
            Applied::Unchanged);

  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::StatusChange, AppointmentStatus::InProgress,
                                            kT0 + kSecond)),
            Applied::Changed);
  EXPECT_EQ(s.appointments.find("appt-1")->status, AppointmentStatus::InProgress);

  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::Delete, AppointmentStatus::Unknown, kT0 + 2 * kSecond)),
            Applied::Changed);
  EXPECT_EQ(s.appointments.find("appt-1"), nullptr);
  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::Delete, AppointmentStatus::Unknown, kT0 + 2 * kSecond)),
            Applied::Unchanged);
}

TEST(CoachingReducer, UpdateKeepsWhatTheEventDoesNotCarry) {
  store::State s = orgState();
  model::Appointment booked;
  booked.id = "appt-1";
  booked.name = "Coaching: Dana Ruiz";
  booked.attendeeIds = {"u-dana"};
  booked.conversationIds = {"c-1"};
  booked.status = model::AppointmentStatus::Scheduled;
  booked.dateModified = kT0;
  EXPECT_EQ(workers::applyAppointment(s, booked), Applied::Changed);

  api::CoachingEvent update = coachingEvent(api::CoachingAction::Update, model::AppointmentStatus::Unknown, kT0 + kSecond);
  update.name.clear();
  update.lengthInMinutes = 45;
  workers::apply(s, update);
  const model::Appointment& after = *s.appointments.find("appt-1");
  EXPECT_EQ(after.lengthInMinutes, 45);
  EXPECT_EQ(after.name, "Coaching: Dana Ruiz");
  EXPECT_EQ(after.status, model::AppointmentStatus::Scheduled);
  EXPECT_EQ(after.conversationIds, std::vector<std::string>{"c-1"});
}

TEST(CoachingReducer, StaleDateModifiedIsDropped) {
  store::State s = orgState();
  using model::AppointmentStatus;
  workers::apply(s, coachingEvent(api::CoachingAction::StatusChange, AppointmentStatus::Completed, kT0 + 10 * kSecond));
  const model::Appointment before = *s.appointments.find("appt-1");
  EXPECT_EQ(workers::apply(s, coachingEvent(api::CoachingAction::StatusChange, AppointmentStatus::InProgress,
                                            kT0 + 5 * kSecond)),
            Applied::Stale);
  EXPECT_EQ(*s.appointments.find("appt-1"), before);

  model::Appointment olderRest = before;
  olderRest.status = AppointmentStatus::Scheduled;
  olderRest.dateModified = kT0;
  EXPECT_EQ(workers::applyAppointment(s, olderRest), Applied::Stale);
  EXPECT_EQ(s.appointments.find("appt-1")->status, AppointmentStatus::Completed);
}

// [SECTION] Live transcription

model::TranscriptLine utterance(std::string id, std::string text, bool final) {
  model::TranscriptLine line;
  line.utteranceId = std::move(id);
  line.text = std::move(text);
  line.final = final;
  line.speaker = model::Speaker::External;
  return line;
}

TEST(TranscriptionReducer, OnlyTheOpenTranscriptGrows) {
  store::State s = orgState();
  api::TranscriptionEvent other{"c-other", "call-x", {utterance("u1", "hello", true)}, false};
  EXPECT_EQ(workers::apply(s, other), Applied::Unknown);
  EXPECT_TRUE(s.transcript->lines.empty());

  s.transcript.edit().conversationId = "c-1";
  s.transcript.edit().state = model::TranscriptState::Pending;
  EXPECT_EQ(workers::apply(s, other), Applied::Unknown);
  EXPECT_TRUE(s.transcript->lines.empty());

  api::TranscriptionEvent open{"c-1", "call-agent", {utterance("u1", "hello", true), utterance("u2", "hi", true)}, false};
  EXPECT_EQ(workers::apply(s, open), Applied::Changed);
  ASSERT_EQ(s.transcript->lines.size(), 2u);
  EXPECT_EQ(s.transcript->lines[1].text, "hi");
  EXPECT_EQ(s.transcript->communicationId, "call-agent");
  EXPECT_EQ(s.transcript->state, model::TranscriptState::Live);
}

TEST(TranscriptionReducer, FinalUtteranceReplacesItsInterimVersion) {
  store::State s = orgState();
  s.transcript.edit().conversationId = "c-1";
  workers::apply(s, api::TranscriptionEvent{"c-1", "call-agent", {utterance("u1", "I would like", false)}, false});
  workers::apply(s, api::TranscriptionEvent{"c-1", "call-agent", {utterance("u2", "one", false)}, false});
  workers::apply(s, api::TranscriptionEvent{"c-1", "call-agent", {utterance("u1", "I would like a refund", true)}, false});

  ASSERT_EQ(s.transcript->lines.size(), 2u);
  EXPECT_EQ(s.transcript->lines[0].text, "I would like a refund");
  EXPECT_TRUE(s.transcript->lines[0].final);
  EXPECT_EQ(s.transcript->lines[1].utteranceId, "u2");

  workers::apply(s, api::TranscriptionEvent{"c-1", "call-agent", {utterance("u1", "I would like a refund", true)}, false});
  EXPECT_EQ(s.transcript->lines.size(), 2u) << "a repeated final line is not added twice";
}

TEST(TranscriptionReducer, ReadyTranscriptStaysReady) {
  store::State s = orgState();
  s.transcript.edit().conversationId = "c-1";
  s.transcript.edit().state = model::TranscriptState::Ready;
  workers::apply(s, api::TranscriptionEvent{"c-1", "call-agent", {utterance("u9", "late", true)}, false});
  EXPECT_EQ(s.transcript->state, model::TranscriptState::Ready);
}

// [SECTION] Queues and the rest of the variant

// Queue observations arrive per (queue, media type) and carry only some metrics
// (genesys-api.md section 3): each group below is what one such message decodes to.
api::QueueObservationEvent mediaObservation(model::Media media, std::optional<int> waiting,
                                            std::optional<int> interacting = std::nullopt) {
  api::QueueObservationEvent e;
  e.group.queueId = "q-sales";
  e.group.media = media;
  e.group.waiting = waiting;
  e.group.interacting = interacting;
  return e;
}

const model::Queue& sales(const store::State& s) { return *s.queues.find("q-sales"); }

TEST(QueueObservationReducer, AMessageWithOnlyWaitingChangesOnlyWaiting) {
  store::State s = orgState();
  workers::apply(s, mediaObservation(model::Media::Call, 1, 4));
  api::QueueObservationEvent users;
  users.group.queueId = "q-sales";
  users.group.hasUserCounts = true;
  users.group.onQueueUsers = {{"IDLE", 3}, {"INTERACTING", 4}};
  users.group.offQueueUsers = {{"pd-break", 2}};
  workers::apply(s, users);
  ASSERT_EQ(sales(s).interacting, 4);
  ASSERT_EQ(sales(s).onQueueAgents, 7);

  EXPECT_EQ(workers::applyEvent(s, api::Event{mediaObservation(model::Media::Call, 3)}), Applied::Changed);
  EXPECT_EQ(sales(s).waiting, 3);
  EXPECT_EQ(sales(s).interacting, 4) << "absent is unchanged, not zero";
  EXPECT_EQ(sales(s).onQueueAgents, 7);
  EXPECT_EQ(sales(s).offQueueAgents, 2);
}

TEST(QueueObservationReducer, VoiceAndChatDoNotHideEachOther) {
  store::State s = orgState();
  workers::apply(s, mediaObservation(model::Media::Call, 2, 5));
  workers::apply(s, mediaObservation(model::Media::Chat, 1, 2));
  EXPECT_EQ(sales(s).waiting, 3);
  EXPECT_EQ(sales(s).interacting, 7);
  workers::apply(s, mediaObservation(model::Media::Call, 0));
  EXPECT_EQ(sales(s).waiting, 1) << "chat still waits";
  EXPECT_EQ(sales(s).interacting, 7);
  EXPECT_EQ(sales(s).byMedia[static_cast<int>(model::Media::Chat)].interacting, 2);

  api::QueueObservationEvent other = mediaObservation(model::Media::Call, 9);
  other.group.media.reset();
  other.group.unknownMediaType = true;  // e.g. "workitem"
  EXPECT_EQ(workers::apply(s, other), Applied::Unknown);
  EXPECT_EQ(sales(s).waiting, 1);
  other = mediaObservation(model::Media::Call, 1);
  other.group.queueId = "q-unknown";
  EXPECT_EQ(workers::apply(s, other), Applied::Unknown);
}

TEST(QueueObservationReducer, UserCountsKeepTheQualifiersNotCarried) {
  store::State s = orgState();
  api::QueueObservationEvent users;
  users.group.queueId = "q-sales";
  users.group.hasUserCounts = true;
  users.group.onQueueUsers = {{"IDLE", 3}, {"INTERACTING", 5}, {"NOT_RESPONDING", 1}};
  workers::apply(s, users);
  EXPECT_EQ(sales(s).onQueueAgents, 9);
  users.group.onQueueUsers = {{"INTERACTING", 4}, {"NOT_RESPONDING", 0}};
  workers::apply(s, users);
  EXPECT_EQ(sales(s).onQueueAgents, 7) << "IDLE 3 kept, INTERACTING 4, NOT_RESPONDING gone";
}

api::QueueObservationGroup aggregateGroup(model::Media media, model::TimeMs interval, double numerator,
                                          double denominator, double target = 0.8) {
  api::QueueObservationGroup g;
  g.queueId = "q-sales";
  g.media = media;
  g.intervalStart = interval;
  g.offered = static_cast<int>(denominator);
  g.answered = static_cast<int>(numerator);
  g.abandoned = static_cast<int>(denominator - numerator);
  g.serviceLevel = api::QueueObservationGroup::ServiceLevel{numerator, denominator, target};
  return g;
}

api::QueueObservationEvent aggregatePush(model::Media media, model::TimeMs interval, double numerator, double denominator,
                                         double target = 0.8) {
  return api::QueueObservationEvent{aggregateGroup(media, interval, numerator, denominator, target)};
}

constexpr model::TimeMs kHalfHour = 1800 * kSecond;

// Today's level sums every media type and every interval since the day began: an interval
// that ends stays counted, and a late message for a media type's current interval counts.
TEST(QueueObservationReducer, ServiceLevelIsTodaySummedOverMediaAndIntervals) {
  store::State s = orgState();
  workers::apply(s, mediaObservation(model::Media::Call, 2));
  workers::apply(s, aggregatePush(model::Media::Call, kT0, 7, 10, 0.8));
  workers::apply(s, aggregatePush(model::Media::Chat, kT0, 3, 5, 0.9));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 10.0 / 15);
  EXPECT_DOUBLE_EQ(sales(s).serviceLevelTarget, (0.8 * 10 + 0.9 * 5) / 15);
  EXPECT_EQ(sales(s).waiting, 2) << "aggregates leave the counts alone";

  workers::apply(s, aggregatePush(model::Media::Call, kT0 + kHalfHour, 1, 1, 0.8));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 11.0 / 16) << "the call interval that ended still counts today";
  workers::apply(s, aggregatePush(model::Media::Call, kT0, 9, 12, 0.8));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 11.0 / 16) << "a message of an interval already over changes nothing";
  workers::apply(s, aggregatePush(model::Media::Chat, kT0, 4, 6, 0.9));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 12.0 / 17) << "chat's current interval is still the first one";
  EXPECT_EQ(sales(s).waiting, 2);
}

// The aggregates query replaces the day's figures (what ended while the panel watched
// included) and seeds the live interval; the topic's later messages add on top.
TEST(QueueObservationReducer, TheAggregatesQueryIsTheDayAndTheTopicKeepsItLive) {
  store::State s = orgState();
  EXPECT_FALSE(sales(s).serviceLevelRead);
  const model::TimeMs current = kT0 + 2 * kHalfHour;
  workers::applyServiceLevelToday(s, {"q-sales"},
                                  {aggregateGroup(model::Media::Call, kT0, 8, 10), aggregateGroup(model::Media::Call, kT0 + kHalfHour, 5, 10),
                                   aggregateGroup(model::Media::Call, current, 1, 2), aggregateGroup(model::Media::Chat, kT0, 2, 2, 0.9)},
                                  current);
  EXPECT_TRUE(sales(s).serviceLevelRead);
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 16.0 / 24);
  EXPECT_EQ(model::serviceLevelToday(sales(s).byMedia[0]).offered, 22);

  workers::apply(s, aggregatePush(model::Media::Call, current, 3, 4));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 18.0 / 26) << "the push replaces the live interval's seed";
  workers::apply(s, aggregatePush(model::Media::Call, current + kHalfHour, 1, 1));
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 19.0 / 27) << "the interval that ended joins the day";

  // The next query (after the boundary) says what the service counted: it wins.
  workers::applyServiceLevelToday(s, {"q-sales"},
                                  {aggregateGroup(model::Media::Call, kT0, 8, 10), aggregateGroup(model::Media::Call, current, 4, 5)},
                                  current + kHalfHour);
  EXPECT_DOUBLE_EQ(sales(s).serviceLevel, 13.0 / 16) << "day 12/15 plus the live 1/1";
}

TEST(QueueObservationReducer, NothingAnsweredTodayIsNoServiceLevelButTheTargetIsKnown) {
  store::State s = orgState();
  std::vector<model::Queue> listing{sales(s)};
  listing[0].byMedia[0].configuredTarget = 0.9;
  listing[0].byMedia[0].configuredTargetMs = 15000;
  workers::mergeQueues(s, listing);
  workers::applyServiceLevelToday(s, {"q-sales"}, {}, kT0);
  EXPECT_TRUE(sales(s).serviceLevelRead);
  EXPECT_LT(sales(s).serviceLevel, 0) << "no calls yet today";
  EXPECT_DOUBLE_EQ(sales(s).serviceLevelTarget, 0.9) << "the configured call target";
}

TEST(QueueObservationReducer, TheRestAnswerIsTheWholePicture) {
  store::State s = orgState();
  workers::apply(s, mediaObservation(model::Media::Email, 4, 1));
  api::QueueObservationGroup users;
  users.queueId = "q-sales";
  users.hasUserCounts = true;
  users.onQueueUsers = {{"IDLE", 2}};
  api::QueueObservationGroup voice = mediaObservation(model::Media::Call, 1, 3).group;
  voice.waitingDetail = std::vector<model::WaitingInteraction>{{"c-old", model::Media::Call, kT0 - 90 * kSecond}};
  api::QueueObservationGroup chat = mediaObservation(model::Media::Chat, 0, 2).group;
  workers::applyQueueObservationAnswer(s, {users, voice, chat});
  EXPECT_EQ(sales(s).waiting, 1) << "e-mail, not in the answer, has nobody waiting";
  EXPECT_EQ(sales(s).interacting, 5);
  EXPECT_EQ(sales(s).onQueueAgents, 2);
  EXPECT_EQ(sales(s).longestWaitingSince, kT0 - 90 * kSecond);
}

// An inbound call waiting in Sales: the customer and the ACD leg, no agent yet.
model::Conversation waitingCall(std::string id, model::TimeMs since) {
  model::Conversation c = inboundCall(std::move(id), "u-dana", since);
  c.participants.pop_back();
  c.participants[1].endTime = 0;
  c.participants[1].communications[0].state = CommState::Connected;
  c.lastChange = since;
  return c;
}

TEST(QueueObservationReducer, LongestWaitingFollowsTheQueueConversationsWithoutObservationDetail) {
  store::State s = orgState();
  // The REST answer lists who waits; then the pushes carry counts only.
  api::QueueObservationGroup voice = mediaObservation(model::Media::Call, 1).group;
  voice.waitingDetail = std::vector<model::WaitingInteraction>{{"c-1", model::Media::Call, kT0 - 120 * kSecond}};
  workers::applyQueueObservationAnswer(s, {voice});
  EXPECT_EQ(sales(s).longestWaitingSince, kT0 - 120 * kSecond);

  // A second caller joins the queue (queue conversation event), then the count goes up.
  workers::apply(s, api::QueueConversationEvent{"q-sales", waitingCall("c-2", kT0 - 30 * kSecond)});
  workers::apply(s, mediaObservation(model::Media::Call, 2));
  EXPECT_EQ(sales(s).longestWaitingSince, kT0 - 120 * kSecond) << "the oldest still waits";

  // The oldest is answered: its conversation event takes it off the list, the count follows.
  workers::apply(s, api::QueueConversationEvent{"q-sales", inboundCall("c-1", "u-dana", kT0 - 120 * kSecond)});
  workers::apply(s, mediaObservation(model::Media::Call, 1));
  EXPECT_EQ(sales(s).waiting, 1);
  EXPECT_EQ(sales(s).longestWaitingSince, kT0 - 30 * kSecond);

  // Nobody waits any more: the count is the authority, whatever events were missed.
  workers::apply(s, mediaObservation(model::Media::Call, 0));
  EXPECT_EQ(sales(s).longestWaitingSince, 0);
  EXPECT_TRUE(sales(s).waitingInteractions.empty());
}

TEST(ApplyEvent, ChannelMessagesChangeNothing) {
  store::State s = orgState();
  EXPECT_EQ(workers::applyEvent(s, api::Event{api::Heartbeat{}}), Applied::Unchanged);
  EXPECT_EQ(workers::applyEvent(s, api::Event{api::Pong{}}), Applied::Unchanged);
  EXPECT_EQ(workers::applyEvent(s, api::Event{api::SocketClosing{}}), Applied::Unchanged);
  EXPECT_EQ(workers::applyEvent(s, api::Event{api::UnknownEvent{}}), Applied::Unknown);
}

}  // namespace
