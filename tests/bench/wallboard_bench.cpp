// UI-thread CPU per frame, headless (NewFrame to Render, no GL): the wallboard with 5,000
// agent tiles. Targets: median < 0.5 ms, p99 < 2 ms.
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "headless.h"
#include "store/store.h"
#include "ui/ui.h"

namespace {


void BM_WallboardFrame(benchmark::State& bench) {
  const store::SnapshotPtr snap = bench::orgSnapshot(static_cast<int>(bench.range(0)));
  uitest::HeadlessImGui imgui(1920, 1080);  // a wall screen
  uitest::RecordingSink sink;
  model::Thresholds limits;
  ui::WallboardUi wall;
  const model::TimeMs now = 1'800'000'100'000;
  auto draw = [&] {
    const ui::Frame f{*snap, sink, now, ImGui::GetTime(), limits};
    ui::drawWallboard(f, wall);
  };
  bench::timeFrames(bench, imgui, draw);
}
BENCHMARK(BM_WallboardFrame)->Arg(5000)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
