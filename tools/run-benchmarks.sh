#!/usr/bin/env bash
# Runs panel-bench and writes the headline figures to build/bench-summary.json.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${BUILD_DIR:-build}
"$build/bin/panel-bench" --benchmark_format=console --benchmark_out="$build/bench-raw.json" \
  --benchmark_out_format=json "$@"
python3 - "$build" <<'PY'
import json, sys
build = sys.argv[1]
raw = json.load(open(f"{build}/bench-raw.json"))
by_name = {b["name"]: b for b in raw["benchmarks"]}
def counter(prefix, key):
    for name, b in by_name.items():
        if name.startswith(prefix):
            return b.get(key)
    return None
summary = {
    "ingest_events_per_s": counter("BM_IngestEvents", "events_per_s"),
    "ingest_whole_path_per_s": counter("BM_IngestWholePath/overlay_open:0/recording:0", "messages_per_s"),
    "ingest_whole_path_recording_per_s": counter("BM_IngestWholePath/overlay_open:0/recording:1", "messages_per_s"),
    "publish_p99_us_10k": counter("BM_PublishAfterOneAgentChange/10000", "p99_us"),
    "publish_p99_us_1k": counter("BM_PublishAfterOneAgentChange/1000", "p99_us"),
    "frame_median_ms_1k": counter("BM_BrowseFrame/1000", "median_ms"),
    "frame_median_ms_10k": counter("BM_BrowseFrame/10000", "median_ms"),
    "frame_p99_ms_10k": counter("BM_BrowseFrame/10000", "p99_ms"),
    "wallboard_frame_median_ms_5k": counter("BM_WallboardFrame/5000", "median_ms"),
}
json.dump(summary, open(f"{build}/bench-summary.json", "w"), indent=2)
print(json.dumps(summary, indent=2))
PY
