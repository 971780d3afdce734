#!/usr/bin/env bash
# Builds the test suites in sanitizer trees and runs them; any report fails the run.
#   tools/sanitize.sh            both trees, one after the other (the 2-core default)
#   tools/sanitize.sh asan|tsan  one tree
# build-asan: AddressSanitizer + UndefinedBehaviorSanitizer (+ LeakSanitizer) over every layer's suite.
# build-tsan: ThreadSanitizer over the suites whose code runs on several threads.
# Each tree is an ordinary configuration of the project with -DPANEL_SANITIZE (CMakeLists.txt),
# compiled through ccache like build/; tools/sanitizers/trees.sh says how (compiler, flags).
# Timing of each step goes to stderr.
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout in ccache's hashes: a fresh clone elsewhere reuses what an
# earlier build compiled (the compiler's answer does not depend on where the clone is).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
tools/install-deps.sh >/dev/null

JOBS=${JOBS:-2}
NICE=${NICE:-10}
supp="$PWD/tools/sanitizers"

# e2e-tests are not run here: they start the real binary, whose extra code over app-tests is
# GLFW, Mesa's software GL and X11 under Xvfb (uninstrumented system libraries that LeakSanitizer
# would report), and they would add minutes to a CI already near its budget. The panel code they
# drive runs instrumented in app-tests and workers-tests.
asan_suites=(model-tests api-tests net-tests auth-tests store-tests workers-tests ui-tests app-tests gcsim-tests)
tsan_suites=(store-tests net-tests workers-tests)

# halt_on_error for UBSan and detect_leaks for ASan make every report a failing exit status;
# ThreadSanitizer reports all races it sees and then exits 66.
export ASAN_OPTIONS="detect_leaks=1:check_initialization_order=1:strict_init_order=1:detect_stack_use_after_return=1"
export LSAN_OPTIONS="suppressions=$supp/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1:suppressions=$supp/ubsan.supp"
export TSAN_OPTIONS="second_deadlock_stack=1:suppressions=$supp/tsan.supp:print_suppressions=0"

stamp() { date +%s; }
source tools/sanitizers/trees.sh

run_tree() {
  local tree=$1; shift
  local suites=("$@") t0 t1 t2 regex
  t0=$(stamp)
  configure_tree "$tree"
  local targets=("${suites[@]}")
  if [[ " ${suites[*]} " == *" gcsim-tests "* ]]; then targets+=(gcsim); fi  # executable_test runs it
  # Explicit: `set -e` does not stop a function called from `||`, and a failed build must not
  # go on to report every suite "Not Run".
  if ! nice -n "$NICE" cmake --build "build-$tree" -j "$JOBS" --target "${targets[@]}"; then
    echo "sanitize: $tree build failed after $(($(stamp) - t0)) s" >&2
    return 1
  fi
  t1=$(stamp)
  regex="^($(IFS='|'; echo "${suites[*]}"))\$"
  local rc=0
  ctest --test-dir "build-$tree" -R "$regex" --output-on-failure --timeout 900 || rc=$?
  t2=$(stamp)
  echo "sanitize: $tree build $((t1 - t0)) s, tests $((t2 - t1)) s, exit $rc" >&2
  return $rc
}

trees=("$@")
if [ ${#trees[@]} -eq 0 ]; then trees=(asan tsan); fi
status=0
for tree in "${trees[@]}"; do
  case $tree in
    asan) run_tree asan "${asan_suites[@]}" || status=1 ;;
    tsan) run_tree tsan "${tsan_suites[@]}" || status=1 ;;
    *) echo "sanitize: unknown tree '$tree' (asan, tsan)" >&2; exit 2 ;;
  esac
done
exit $status
