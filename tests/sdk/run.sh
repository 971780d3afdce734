#!/usr/bin/env bash
# SDK conformance: drive gcsim with the pinned official Genesys JS SDK.
# usage: tests/sdk/run.sh path/to/gcsim
# The SDK is installed by tools/install-deps.sh, never here: a test run does not reach the
# npm registry. Without it the suite cannot run and says so with exit code 77, which ctest
# reports as skipped (SKIP_RETURN_CODE in tests/CMakeLists.txt), never as passed.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/pinned_sdk.sh"
problem="$(pinned_sdk_problem)"
if [[ -n "$problem" ]]; then
  echo "SKIPPED: the SDK conformance suite cannot run: $problem"
  exit 77
fi
cd "$SDK_DIR"
exec node gcsim_sdk_check.mjs "${1:-}"
