# Sourced by tools/install-deps.sh (installs) and tests/sdk/run.sh (checks): the pinned
# official SDK (purecloud-platform-client-v2, exact version in package.json, every package
# pinned by package-lock.json) lives in tests/sdk/node_modules. The test run never
# installs: it only asks whether the pinned version is there.
SDK_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Prints why the pinned SDK cannot be used, or nothing when it can.
pinned_sdk_problem() {
  if ! command -v node >/dev/null 2>&1; then
    echo "node is not installed (tools/install-deps.sh installs it)"
    return
  fi
  (cd "$SDK_DIR" && node -e '
    const fs = require("fs");
    const wanted = require("./package.json").dependencies["purecloud-platform-client-v2"];
    const file = "node_modules/purecloud-platform-client-v2/package.json";
    if (!fs.existsSync(file)) { console.log("node_modules has no purecloud-platform-client-v2 (run tools/install-deps.sh)"); process.exit(0); }
    const found = JSON.parse(fs.readFileSync(file, "utf8")).version;
    if (found !== wanted) console.log(`purecloud-platform-client-v2 ${found} is installed, ${wanted} is pinned (run tools/install-deps.sh)`);
  ')
}

# Installs exactly what package-lock.json pins, unless the pinned SDK is already there.
install_pinned_sdk() {
  if [ -z "$(pinned_sdk_problem)" ]; then
    echo "install-deps: purecloud-platform-client-v2 (pinned) already installed"
    return
  fi
  echo "install-deps: npm ci in tests/sdk (purecloud-platform-client-v2, pinned by package-lock.json)"
  (cd "$SDK_DIR" && npm ci --no-audit --no-fund --loglevel=error)
}
