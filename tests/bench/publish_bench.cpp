// Publishing a snapshot after one agent changes: the cost must follow the change, not
// the size of the org (target: p99 under 100 µs at 10,000 agents).
#include <benchmark/benchmark.h>

#include <algorithm>

#include "bench_util.h"
#include "store/store.h"

namespace {

void BM_PublishAfterOneAgentChange(benchmark::State& bench) {
  const int agents = static_cast<int>(bench.range(0));
  store::State state;
  for (int i = 0; i < agents; ++i) state.agents.upsert(bench::makeAgent(i));
  store::SnapshotPtr current = store::buildSnapshot(state, store::Snapshot{}, true);
  std::vector<double> micros;
  micros.reserve(200000);
  int i = 0;
  for (auto _ : bench) {
    const double start = bench::threadCpuMicros();
    const std::string id = "agent-" + std::to_string((i++ * 7919) % agents);
    state.agents.modify(id, [&](model::Agent& a) {
      a.routing = a.routing == model::RoutingStatus::Idle ? model::RoutingStatus::Interacting : model::RoutingStatus::Idle;
      a.routingSince += 1000;
    });
    store::SnapshotPtr next = store::buildSnapshot(state, *current, false);
    micros.push_back(bench::threadCpuMicros() - start);
    bench::retire(std::move(current));  // as the store does, the old one is freed off the measured path
    current = std::move(next);
  }
  bench.counters["p50_us"] = bench::percentile(micros, 0.50);
  bench.counters["p99_us"] = bench::percentile(micros, 0.99);
}
BENCHMARK(BM_PublishAfterOneAgentChange)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond);

}  // namespace
