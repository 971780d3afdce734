// What the overlay says a notification did: its kind, its subject, the fields that changed,
// or why nothing did.
#include "workers/event_outcome.h"

#include <gtest/gtest.h>

#include "workers/reducers.h"

namespace {

constexpr model::TimeMs kT0 = 1'800'000'000'000;

store::State withDana() {
  store::State s;
  model::Agent dana;
  dana.id = "u-dana";
  dana.name = "Dana Ruiz";
  dana.presence = model::Presence::OnQueue;
  dana.presenceSince = kT0;
  dana.routing = model::RoutingStatus::Idle;
  dana.routingSince = kT0;
  workers::mergeAgents(s, {dana}, kT0);
  return s;
}

api::Event routing(model::RoutingStatus status, model::TimeMs at) {
  return api::RoutingEvent{"u-dana", status, at};
}

TEST(EventOutcome, SaysWhatChangedInTheAgentsRow) {
  store::State s = withDana();
  EXPECT_EQ(workers::applyAndDescribe(s, routing(model::RoutingStatus::Interacting, kT0 + 1000)),
            "routing status · Dana Ruiz: routing IDLE → INTERACTING");
  EXPECT_EQ(s.agents.find("u-dana")->routing, model::RoutingStatus::Interacting) << "applied as applyEvent does";
}

TEST(EventOutcome, SaysWhyNothingChanged) {
  store::State s = withDana();
  EXPECT_EQ(workers::applyAndDescribe(s, routing(model::RoutingStatus::Interacting, kT0 - 1000)),
            "routing status · Dana Ruiz: stale, dropped (older than what is shown)");
  EXPECT_EQ(workers::applyAndDescribe(s, routing(model::RoutingStatus::Idle, kT0)),
            "routing status · Dana Ruiz: no change (already shown)");
  EXPECT_EQ(workers::applyAndDescribe(s, api::UnknownEvent{}), "not used by the panel: ignored");
  EXPECT_EQ(workers::eventKind(api::Heartbeat{}), "heartbeat");
}

TEST(EventOutcome, QueueObservationsNameTheQueueAndItsFigures) {
  store::State s;
  model::Queue sales;
  sales.id = "q-sales";
  sales.name = "Sales";
  s.queues.upsert(sales);
  api::QueueObservationEvent e;
  e.group.queueId = "q-sales";
  e.group.media = model::Media::Call;
  e.group.waiting = 3;
  const std::string line = workers::applyAndDescribe(s, e);
  EXPECT_EQ(line.rfind("queue observation · queue Sales: ", 0), 0u) << line;
  EXPECT_NE(line.find("waiting 0 → 3"), std::string::npos) << line;
}

}  // namespace
