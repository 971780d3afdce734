#!/usr/bin/env bash
# SDK conformance: install the pinned official Genesys JS SDK and drive gcsim with it.
# usage: tests/sdk/run.sh path/to/gcsim
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
if [[ -f package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error >/dev/null
else
  npm install --no-audit --no-fund --loglevel=error >/dev/null
fi
exec node gcsim_sdk_check.mjs "${1:-}"
