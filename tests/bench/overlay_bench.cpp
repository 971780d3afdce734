// UI-thread CPU per frame of the debug overlay's Traffic tab, headless: the same with 100
// rows as with 100,000 (the clipper draws only the rows in view; the filtered list is kept
// until the rows or the filters change). Target: within 20% of each other, < 0.5 ms median.
#include <benchmark/benchmark.h>

#include "bench_util.h"
#include "headless.h"
#include "store/store.h"
#include "ui/ui.h"

namespace {

// `count` rows numbered from `first`: a REST call for every three notifications.
std::vector<store::TrafficRow> trafficRows(int count, model::TimeMs now, int first = 0) {
  std::vector<store::TrafficRow> rows;
  rows.reserve(static_cast<std::size_t>(count));
  for (int i = first; i < first + count; ++i) {
    store::TrafficRow row;
    row.at = now - count + i - first;
    row.sequence = static_cast<std::uint64_t>(i + 1);
    row.kind = i % 4 ? "WS" : "REST";
    row.method = i % 4 ? "in" : "GET";
    row.path = i % 4 ? "v2.users.agent-" + std::to_string(i % 1000) + ".activity" : "/api/v2/users?pageNumber=" + std::to_string(i);
    row.status = i % 4 ? 0 : 200;
    row.responseBody = R"({"eventBody":{"routingStatus":{"status":"IDLE"}}})";
    rows.push_back(std::move(row));
  }
  return rows;
}

void BM_OverlayTrafficFrame(benchmark::State& bench) {
  const model::TimeMs now = 1'800'000'100'000;
  auto copy = std::make_shared<store::Snapshot>(*bench::orgSnapshot(1000));
  copy->traffic = std::make_shared<store::TrafficRows>(trafficRows(static_cast<int>(bench.range(0)), now));
  uitest::HeadlessImGui imgui(1600, 900);
  uitest::RecordingSink sink;
  model::Thresholds limits;
  ui::OverlayUi overlay;
  overlay.selected = static_cast<int>(bench.range(0)) - 1;  // the newest, its detail open
  auto draw = [&] { ui::drawDebugOverlay(ui::Frame{*copy, sink, now, ImGui::GetTime(), limits}, overlay, {}, nullptr); };
  bench::timeFrames(bench, imgui, draw);
}
BENCHMARK(BM_OverlayTrafficFrame)->Arg(100)->Arg(100000)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

// The store's side of a tick with the overlay open at a busy org: a second's 500 new rows join
// a capture of 100,000 (State::appendTraffic). Only the new rows and the last chunk are copied.
void BM_TrafficHandOver(benchmark::State& bench) {
  const model::TimeMs now = 1'800'000'100'000;
  store::State state;
  state.appendTraffic(trafficRows(100'000, now));
  int next = 100'000;
  for (auto _ : bench) {
    bench.PauseTiming();
    std::vector<store::TrafficRow> second = trafficRows(500, now, next);
    const auto published = state.traffic.share();  // a snapshot holds the capture, as the UI's does
    bench.ResumeTiming();
    state.appendTraffic(std::move(second));
    next += 500;
    benchmark::DoNotOptimize(published);
  }
  bench.counters["rowsHeld"] = static_cast<double>(state.traffic->size());
}
BENCHMARK(BM_TrafficHandOver)->Unit(benchmark::kMicrosecond);

// The UI's side: each frame the capture of 100,000 rows has grown by 500, with a search on;
// only the new rows are searched (visibleRows).
void BM_OverlayTrafficGrowingWithSearch(benchmark::State& bench) {
  const model::TimeMs now = 1'800'000'100'000;
  auto copy = std::make_shared<store::Snapshot>(*bench::orgSnapshot(1000));
  store::TrafficRows rows(trafficRows(100'000, now));
  uitest::HeadlessImGui imgui(1600, 900);
  uitest::RecordingSink sink;
  model::Thresholds limits;
  ui::OverlayUi overlay;
  ui::typeOverlaySearch(overlay, "agent-42.");
  int next = 100'000;
  auto draw = [&] {
    rows.append(trafficRows(500, now, next), store::State::kMaxTrafficRows);
    next += 500;
    copy->traffic = std::make_shared<store::TrafficRows>(rows);
    ui::drawDebugOverlay(ui::Frame{*copy, sink, now, ImGui::GetTime(), limits}, overlay, {}, nullptr);
  };
  bench::timeFrames(bench, imgui, draw);
}
BENCHMARK(BM_OverlayTrafficGrowingWithSearch)->Unit(benchmark::kMicrosecond)->MinTime(2.0);

}  // namespace
