// Everything the store keeps per event has a bound: a shift of toasts, actions and
// channel refusals leaves the state the size of a few minutes' worth. And the publish
// observer (the log file's hook) sees every publish, in order.
#include "store/store.h"

#include <gtest/gtest.h>

#include <mutex>
#include <vector>

namespace {

TEST(StateBounds, ToastsKeepTheNewest) {
  store::State state;
  for (int i = 0; i < 10'000; ++i) state.toast(store::ToastLevel::Info, "toast " + std::to_string(i), i);
  ASSERT_EQ(state.toasts->size(), store::State::kMaxToasts);
  EXPECT_EQ(state.toasts->back().text, "toast 9999");
}

TEST(StateBounds, ActionRecordsKeepTheNewest) {
  store::State state;
  std::uint64_t last = 0;
  for (int i = 0; i < 10'000; ++i) {
    last = state.beginAction("Monitor " + std::to_string(i), i, store::ActionKind::JoinCall);
    state.finishAction(last, i % 2 == 0, "done", i);
  }
  ASSERT_EQ(state.actions->size(), store::State::kMaxActions);
  EXPECT_EQ(state.actions->back().id, last);
  EXPECT_EQ(state.toasts->size(), store::State::kMaxToasts);
}

TEST(StorePublishObserver, SeesEachPublishWithItsPredecessor) {
  std::mutex mutex;
  std::vector<std::pair<std::uint64_t, std::uint64_t>> seen;
  store::Store::Options options;
  options.publishInterval = std::chrono::microseconds(0);
  options.onPublished = [&](const store::Snapshot& previous, const store::Snapshot& published) {
    std::lock_guard lock(mutex);
    seen.emplace_back(previous.version, published.version);
  };
  store::Store s(options);
  for (int i = 0; i < 20; ++i) {
    s.post([i](store::State& st) { st.toast(store::ToastLevel::Info, std::to_string(i), i); });
    s.flush();
  }
  std::lock_guard lock(mutex);
  ASSERT_FALSE(seen.empty());
  for (std::size_t i = 0; i < seen.size(); ++i) {
    EXPECT_EQ(seen[i].second, seen[i].first + 1);
    if (i > 0) {
      EXPECT_EQ(seen[i].first, seen[i - 1].second);
    }
  }
  EXPECT_EQ(seen.back().second, s.current()->version);
}

}  // namespace
