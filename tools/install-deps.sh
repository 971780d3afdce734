#!/usr/bin/env bash
# Installs every Debian package the panel, gcsim, the tests and the benchmarks need.
# Idempotent: refreshes the package lists, then installs only what is missing; then the
# SDK conformance suite's pinned npm packages, unless they are already installed.
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config
  libimgui-dev libglfw3-dev python3-glad libstb-dev
  libboost1.81-dev libboost-json1.81-dev libboost-url1.81-dev libssl-dev
  zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libspdlog-dev
  xvfb xauth x11-utils fonts-dejavu-core
  # Alert sounds: libcanberra plays the freedesktop sound theme's events (no device: silent).
  libcanberra-dev sound-theme-freedesktop
  # The fuzz tree (tools/fuzz.sh): clang's -fsanitize=fuzzer links libclang_rt.fuzzer from
  # libclang-rt-14-dev (libfuzzer-14-dev, the standalone libFuzzer.a for other compilers, is not needed).
  clang-14 libclang-rt-14-dev
)
# The JavaScript SDK conformance test needs node + npm; this image ships them, a bare
# Debian gets them from Debian.
if ! command -v npm >/dev/null 2>&1; then packages+=(nodejs npm); fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages already installed"
else
  echo "install-deps: installing ${missing[*]}"
  $SUDO apt-get update
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends "${missing[@]}"
fi

# The SDK conformance suite's pinned JavaScript SDK, installed here so that the test run
# never reaches the npm registry (tests/sdk/run.sh only checks it is there).
source "$(dirname "${BASH_SOURCE[0]}")/../tests/sdk/pinned_sdk.sh"
install_pinned_sdk
