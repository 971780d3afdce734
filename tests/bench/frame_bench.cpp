// UI-thread CPU per frame, headless (NewFrame to Render, no GL): the browse view with
// 1,000 and 10,000 agents. Targets: median < 0.5 ms, p99 < 2 ms, 10k within 20% of 1k.
#include <benchmark/benchmark.h>


#include "bench_util.h"
#include "headless.h"
#include "store/store.h"
#include "ui/ui.h"

namespace {

class NullSink : public store::IntentSink {
 public:
  void send(store::Intent) override {}
};


void BM_BrowseFrame(benchmark::State& bench) {
  const store::SnapshotPtr snap = bench::orgSnapshot(static_cast<int>(bench.range(0)));
  uitest::HeadlessImGui imgui(1920, 1080);
  NullSink sink;
  model::Thresholds limits;
  ui::DeskUi desk;
  const model::TimeMs now = 1'800'000'100'000;
  auto draw = [&] {
    const ui::Frame f{*snap, sink, now, ImGui::GetTime(), limits};
    ui::drawDesk(f, desk, {});
  };
  bench::timeFrames(bench, imgui, draw);
}
BENCHMARK(BM_BrowseFrame)->Arg(1000)->Arg(10000)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
