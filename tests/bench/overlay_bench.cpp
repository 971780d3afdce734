// UI-thread CPU per frame of the debug overlay's Traffic tab, headless: the same with 100
// rows as with 100,000 (the clipper draws only the rows in view; the filtered list is kept
// until the rows or the filters change). Target: within 20% of each other, < 0.5 ms median.
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "headless.h"
#include "store/store.h"
#include "ui/ui.h"

namespace {

std::shared_ptr<std::vector<store::TrafficRow>> trafficRows(int count, model::TimeMs now) {
  auto rows = std::make_shared<std::vector<store::TrafficRow>>();
  rows->reserve(static_cast<std::size_t>(count));
  for (int i = 0; i < count; ++i) {
    store::TrafficRow row;
    row.at = now - count + i;
    row.sequence = static_cast<std::uint64_t>(i + 1);
    row.kind = i % 4 ? "WS" : "REST";
    row.method = i % 4 ? "in" : "GET";
    row.path = i % 4 ? "v2.users.agent-" + std::to_string(i % 1000) + ".activity" : "/api/v2/users?pageNumber=" + std::to_string(i);
    row.status = i % 4 ? 0 : 200;
    row.responseBody = R"({"eventBody":{"routingStatus":{"status":"IDLE"}}})";
    rows->push_back(std::move(row));
  }
  return rows;
}

void BM_OverlayTrafficFrame(benchmark::State& bench) {
  const model::TimeMs now = 1'800'000'100'000;
  auto copy = std::make_shared<store::Snapshot>(*bench::orgSnapshot(1000));
  copy->traffic = trafficRows(static_cast<int>(bench.range(0)), now);
  uitest::HeadlessImGui imgui(1600, 900);
  uitest::RecordingSink sink;
  model::Thresholds limits;
  ui::OverlayUi overlay;
  overlay.selected = static_cast<int>(bench.range(0)) - 1;  // the newest, its detail open
  auto draw = [&] { ui::drawDebugOverlay(ui::Frame{*copy, sink, now, ImGui::GetTime(), limits}, overlay, {}, nullptr); };
  bench::timeFrames(bench, imgui, draw);
}
BENCHMARK(BM_OverlayTrafficFrame)->Arg(100)->Arg(100000)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
