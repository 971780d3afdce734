#!/usr/bin/env bash
# Builds the libFuzzer targets (tests/fuzz) with clang-14 in build-fuzz/ and runs them.
#   tools/fuzz.sh [SECONDS] [TARGET...]     default: 60 s each, every target (CI's smoke run)
#   NICE=19 PARALLEL=2 tools/fuzz.sh 3600    an hour each, two at a time, at low priority
# Targets: notifications codec-users codec-conversation codec-coaching codec-analytics
# codec-notifications codec-transcript errors redact utterance-masking traffic-redact url script.
# Each run starts from the committed seeds (tests/fuzz/corpus/<target>, read only) plus what
# earlier runs here found (build-fuzz/corpus/<target>, where new inputs go). A crash leaves its
# input in build-fuzz/artifacts/ and fails the script; it becomes a unit test and a fix.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh >/dev/null

SECONDS_EACH=60
if [[ ${1:-} =~ ^[0-9]+$ ]]; then SECONDS_EACH=$1; shift; fi
PARALLEL=${PARALLEL:-2}
NICE=${NICE:-10}
JOBS=${JOBS:-2}
all=(notifications codec-users codec-conversation codec-coaching codec-analytics codec-notifications
     codec-transcript errors redact utterance-masking traffic-redact url script)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then targets=("${all[@]}"); fi

t0=$(date +%s)
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 \
  -DPANEL_SANITIZE=address,undefined -DPANEL_FUZZ=ON >/dev/null
nice -n "$NICE" cmake --build build-fuzz -j "$JOBS" --target "${targets[@]/#/fuzz-}"
echo "fuzz: build $(( $(date +%s) - t0 )) s" >&2

mkdir -p build-fuzz/logs build-fuzz/artifacts
run_one() {
  local target=$1 log=build-fuzz/logs/$1.log
  mkdir -p "build-fuzz/corpus/$target"
  # -timeout: one input taking 10 s is a hang worth a report; -rss_limit_mb: a runaway allocation.
  if nice -n "$NICE" "build-fuzz/bin/fuzz-$target" "build-fuzz/corpus/$target" "tests/fuzz/corpus/$target" \
       -max_total_time="$SECONDS_EACH" -max_len=16384 -timeout=10 -rss_limit_mb=2048 \
       -print_final_stats=1 -artifact_prefix="build-fuzz/artifacts/$target-" >"$log" 2>&1; then
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
