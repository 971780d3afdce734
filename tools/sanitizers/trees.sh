# Sourced by tools/sanitize.sh and tools/fuzz.sh: how each sanitizer tree is configured.
# build-asan: clang-14, AddressSanitizer + UndefinedBehaviorSanitizer, and libFuzzer's coverage
#   hooks (PANEL_FUZZ), so one compile serves both the suites and the fuzz targets.
# build-tsan: GCC, ThreadSanitizer.
# Both at -O1 (the sanitizers' recommended level) with line tables only: every frame of a report
# is named, and a cold build takes about half the time of -O2 -g (websocket_client.cpp: 99 s
# with clang -O1 line tables, 206 s with GCC -O2 -g, one core).
asan_configure=(-DCMAKE_C_COMPILER=clang-14 -DCMAKE_CXX_COMPILER=clang++-14 -DPANEL_SANITIZE=address,undefined
                -DPANEL_FUZZ=ON "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG")
tsan_configure=(-DPANEL_SANITIZE=thread "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG")

# configure_tree asan|tsan: configures build-<tree>. A tree configured otherwise before (another
# compiler cannot be changed in place) is started afresh.
configure_tree() {
  local tree=$1 dir=build-$1 options
  local -n opts="${tree}_configure"
  options="${opts[*]}"
  if [ -f "$dir/CMakeCache.txt" ] && [ "$(cat "$dir/.panel-configure" 2>/dev/null)" != "$options" ]; then
    echo "sanitize: $dir was configured otherwise; starting it afresh" >&2
    rm -rf "$dir"
  fi
  cmake -S . -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${opts[@]}" >/dev/null
  echo "$options" >"$dir/.panel-configure"
}
