#!/usr/bin/env bash
# Installs what is missing, builds the panel, and opens it on the built-in simulated org.
# Extra arguments go to the panel, e.g. tools/demo.sh --wallboard
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build --target supervisor-panel
exec build/bin/supervisor-panel --demo "$@"
