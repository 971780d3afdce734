#!/usr/bin/env bash
# Installs what is missing, builds everything, and runs the whole test suite
# (window tests inside a virtual X server).
set -euo pipefail
cd "$(dirname "$0")/.."
# Paths relative to the checkout in ccache's hashes: a fresh clone elsewhere reuses what an
# earlier build compiled (the compiler's answer does not depend on where the clone is).
export CCACHE_BASEDIR="${CCACHE_BASEDIR:-$PWD}" CCACHE_NOHASHDIR="${CCACHE_NOHASHDIR:-1}"
tools/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
cmake --build build
xvfb-run -a -s "-screen 0 1920x1080x24" ctest --test-dir build --output-on-failure --timeout 900
