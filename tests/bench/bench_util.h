// Shared helpers for panel-bench: realistic agents and percentile counters.
#pragma once

#include <benchmark/benchmark.h>

#include <algorithm>
#include <ctime>
#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "model/model.h"
#include "store/store.h"

namespace bench {

inline model::Agent makeAgent(int i) {
  model::Agent a;
  a.id = "agent-" + std::to_string(i);
  a.name = "Agent Number " + std::to_string(i);
  a.presence = model::Presence::OnQueue;
  a.routing = i % 3 ? model::RoutingStatus::Idle : model::RoutingStatus::Interacting;
  a.routingSince = 1'800'000'000'000 - i * 1000;
  a.presenceSince = a.routingSince;
  a.queueIds = {"queue-" + std::to_string(i % 6)};
  return a;
}

// CPU time of the calling thread in microseconds: what the targets are about, and steady
// on a machine where other work competes for the cores.
inline double threadCpuMicros() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

// A published snapshot of `agents` agents and six queues, as the store would make it.
inline store::SnapshotPtr orgSnapshot(int agents) {
  store::State state;
  for (int i = 0; i < agents; ++i) state.agents.upsert(makeAgent(i));
  for (int q = 0; q < 6; ++q) {
    model::Queue queue;
    queue.id = "queue-" + std::to_string(q);
    queue.name = "Queue " + std::to_string(q);
    queue.waiting = q;
    state.queues.upsert(queue);
  }
  return store::buildSnapshot(state, store::Snapshot{}, true);
}

inline double percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  const std::size_t rank = std::min(values.size() - 1, static_cast<std::size_t>(p * (values.size() - 1)));
  std::nth_element(values.begin(), values.begin() + static_cast<long>(rank), values.end());
  return values[rank];
}

// Keeps old objects alive a little, then frees them in bulk outside the timed region.
template <class T>
void retire(std::shared_ptr<T> old) {
  static std::deque<std::shared_ptr<T>> graveyard;
  graveyard.push_back(std::move(old));
  if (graveyard.size() > 64) graveyard.pop_front();
}

// The UI-thread CPU of one headless frame (`imgui.render(draw)`, uitest::HeadlessImGui) per
// iteration, after five frames of warm-up; median_ms and p99_ms become the bench's counters.
template <class HeadlessImGui, class Draw>
void timeFrames(benchmark::State& state, HeadlessImGui& imgui, const Draw& draw) {
  for (int warm = 0; warm < 5; ++warm) imgui.render(draw);
  std::vector<double> millis;
  for (auto _ : state) {
    const double start = threadCpuMicros();
    imgui.render(draw);
    millis.push_back((threadCpuMicros() - start) / 1000.0);
  }
  state.counters["median_ms"] = percentile(millis, 0.50);
  state.counters["p99_ms"] = percentile(millis, 0.99);
}

}  // namespace bench
