#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) in build-asan/ (clang-14, the tree tools/sanitize.sh
# asan runs the suites in: tools/sanitizers/trees.sh) and runs them.
#   tools/fuzz.sh [SECONDS] [TARGET...]     default: 60 s each, every target (CI's smoke run)
#   NICE=19 PARALLEL=2 tools/fuzz.sh 3600    an hour each, two at a time, at low priority
# Targets: notifications codec-users codec-conversation codec-coaching codec-analytics
# codec-notifications codec-transcript errors redact utterance-masking traffic-redact url script
# har-reader.
# Each run starts from the committed seeds (tests/fuzz/corpus/<target>, read only) plus what
# earlier runs here found (build-asan/fuzz/corpus/<target>, where new inputs go). A crash leaves
# its input in build-asan/fuzz/artifacts/ and fails the script; it becomes a unit test and a fix.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh >/dev/null

SECONDS_EACH=60
if [[ ${1:-} =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
PARALLEL=${PARALLEL:-2}
NICE=${NICE:-10}
JOBS=${JOBS:-2}
all=(notifications codec-users codec-conversation codec-coaching codec-analytics codec-notifications
     codec-transcript errors redact utterance-masking traffic-redact url script har-reader)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=("${all[@]}"); fi

export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
source tools/sanitizers/trees.sh
t0=$(date +%s)
configure_tree asan
nice -n "$NICE" cmake --build build-asan -j "$JOBS" --target "${targets[@]/#/fuzz-}"
echo "fuzz: build $(( $(date +%s) - t0 )) s" >&2

out=build-asan/fuzz
mkdir -p $out/logs $out/artifacts
run_one() {
  local target=$1 log=$out/logs/$1.log
  mkdir -p "$out/corpus/$target"
  # -timeout: one input taking 10 s is a hang worth a report; -rss_limit_mb: a runaway allocation.
  if nice -n "$NICE" "build-asan/bin/fuzz-$target" "$out/corpus/$target" "tests/fuzz/corpus/$target" \
       -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="$out/artifacts/$target-" >"$log" 2>&1; then
    echo "fuzz: $target ok, $(grep -m1 -o 'number_of_executed_units: [0-9]*' "$log" | cut -d' ' -f2) execs in $SECONDS_EACH s" >&2
  else
    echo "fuzz: $target FAILED, see $log:" >&2
    grep -E "^(==[0-9]+==ERROR|SUMMARY|.*runtime error)|Test unit written" "$log" | head -5 >&2
    return 1
  fi
}

status=0
running=0
for target in "${targets[@]}"; do
  if [ "$running" -ge "$PARALLEL" ]; then wait -n || status=1; running=$((running - 1)); fi
  run_one "$target" &
  running=$((running + 1))
done
while [ "$running" -gt 0 ]; do wait -n || status=1; running=$((running - 1)); done
echo "fuzz: ${#targets[@]} targets, $SECONDS_EACH s each, total $(( $(date +%s) - t0 )) s, exit $status" >&2
exit $status
