#include "store/store.h"

#include <gtest/gtest.h>

#include <thread>

#include "store/intent_router.h"

namespace {

using namespace std::chrono_literals;

model::Agent agent(std::string id, std::string name, model::RoutingStatus routing = model::RoutingStatus::Idle) {
  model::Agent a;
  a.id = std::move(id);
  a.name = std::move(name);
  a.routing = routing;
  return a;
}

void addAgents(store::Store& s, int n) {
  s.post([n](store::State& st) {
    for (int i = 0; i < n; ++i) st.agents.upsert(agent("a" + std::to_string(i), "Agent " + std::to_string(i)));
    st.rowsDirty = st.rowsUrgent = true;
  });
  s.flush();
}

TEST(Store, PublishesAfterChangesWithIncreasingVersions) {
  store::Store s;
  const auto first = s.current();
  ASSERT_NE(first, nullptr);
  addAgents(s, 3);
  const auto second = s.current();
  EXPECT_GT(second->version, first->version);
  EXPECT_EQ(second->agents.size(), 3u);
  EXPECT_EQ(first->agents.size(), 0u) << "an old snapshot is immutable";
}

TEST(Store, AppliesChangesInPostOrder) {
  store::Store s;
  for (int i = 0; i < 1000; ++i)
    s.post([i](store::State& st) { st.agents.upsert(agent("x", "v" + std::to_string(i))); });
  s.flush();
  EXPECT_EQ(s.current()->agents.find("x")->name, "v999");
}

TEST(Store, BatchesManyChangesIntoFewPublishes) {
  store::Store::Options options;
  options.publishInterval = 200ms;
  store::Store s(options);
  addAgents(s, 1);
  const auto before = s.publishedCount();
  for (int i = 0; i < 5000; ++i)
    s.post([i](store::State& st) { st.agents.modify("a0", [i](model::Agent& a) { a.routingSince = i; }); });
  s.flush();
  EXPECT_EQ(s.current()->agents.find("a0")->routingSince, 4999);
  EXPECT_LE(s.publishedCount() - before, 3u) << "5,000 changes within one interval are one or two publishes";
}

TEST(Store, UnchangedPartsAreSharedBetweenVersions) {
  store::Store s;
  addAgents(s, 500);
  const auto before = s.current();
  s.post([](store::State& st) { st.agents.modify("a42", [](model::Agent& a) { a.routing = model::RoutingStatus::Interacting; }); });
  s.flush();
  const auto after = s.current();
  ASSERT_GT(after->version, before->version);
  EXPECT_EQ(before->agents.find("a42")->routing, model::RoutingStatus::Idle);
  EXPECT_EQ(after->agents.find("a42")->routing, model::RoutingStatus::Interacting);
  EXPECT_EQ(before->session, after->session) << "the session did not change: same object";
  EXPECT_EQ(before->toasts, after->toasts);
  EXPECT_FALSE(after->agents.sharesShardWith(before->agents, "a42"));
  int shared = 0;
  for (int i = 0; i < 500; ++i)
    if (after->agents.sharesShardWith(before->agents, "a" + std::to_string(i))) ++shared;
  EXPECT_GE(shared, 490);
}

TEST(Store, ViewIntentFiltersAndSortsRows) {
  store::Store s;
  s.post([](store::State& st) {
    st.agents.upsert(agent("1", "Dana Ruiz", model::RoutingStatus::Interacting));
    st.agents.upsert(agent("2", "Ali Khan", model::RoutingStatus::NotResponding));
    st.agents.upsert(agent("3", "Danielle Moss", model::RoutingStatus::Idle));
    st.rowsDirty = st.rowsUrgent = true;
  });
  s.flush();
  EXPECT_EQ(*s.current()->agentRows, (std::vector<std::string>{"2", "1", "3"})) << "by name";

  store::IntentRouter router(s);
  store::ViewSpec view;
  view.text = "dan";
  view.sort = store::SortColumn::Name;
  view.ascending = false;
  router.send(store::SetView{view});
  s.flush();
  EXPECT_EQ(*s.current()->agentRows, (std::vector<std::string>{"3", "1"}));

  view.text.clear();
  view.sort = store::SortColumn::Routing;
  view.ascending = true;
  router.send(store::SetView{view});
  s.flush();
  EXPECT_EQ(s.current()->agentRows->front(), "2") << "NOT_RESPONDING first when sorting by status";
}

TEST(Store, NetworkIntentWithoutSessionIsShownFailedNotDropped) {
  store::Store s;
  store::IntentRouter router(s);
  router.send(store::JoinCall{"c1", "a1", store::JoinMode::Monitor});
  s.flush();
  const auto& actions = *s.current()->actions;
  ASSERT_EQ(actions.size(), 1u);
  EXPECT_EQ(actions[0].state, store::ActionState::Failed);
  EXPECT_NE(actions[0].outcome.find("not signed in"), std::string::npos);
  EXPECT_FALSE(s.current()->toasts->empty());
}

TEST(Store, ASnapshotHeldByAReaderStaysValidWhileManyArePublished) {
  store::Store s;
  addAgents(s, 10);
  const auto held = s.current();
  for (int i = 0; i < 50; ++i) {
    s.post([i](store::State& st) { st.agents.upsert(agent("a1", "n" + std::to_string(i))); });
    s.flush();
  }
  EXPECT_EQ(held->agents.find("a1")->name, "Agent 1");
  EXPECT_EQ(s.current()->agents.find("a1")->name, "n49");
}

TEST(Store, ConcurrentProducersAndReaders) {
  store::Store s;
  addAgents(s, 100);
  std::atomic<bool> done{false};
  std::thread reader([&] {
    std::uint64_t lastVersion = 0;
    while (!done) {
      const auto snap = s.current();
      ASSERT_GE(snap->version, lastVersion) << "versions never go back";
      lastVersion = snap->version;
      std::size_t seen = 0;
      snap->agents.forEach([&](const model::Agent&) { ++seen; });
      ASSERT_EQ(seen, snap->agents.size());
    }
  });
  std::vector<std::thread> producers;
  for (int p = 0; p < 3; ++p)
    producers.emplace_back([&s, p] {
      for (int i = 0; i < 2000; ++i)
        s.post([p, i](store::State& st) {
          st.agents.modify("a" + std::to_string((p * 31 + i) % 100), [i](model::Agent& a) { a.routingSince = i; });
        });
    });
  for (auto& t : producers) t.join();
  s.flush();
  done = true;
  reader.join();
  EXPECT_EQ(s.current()->agents.size(), 100u);
}

}  // namespace
