#include "app/options.h"

#include <CLI/CLI.hpp>

#include "app/config.h"
#include "app/panel_window.h"

#include <cstdio>
#include <string_view>

namespace app {

namespace {

// The config file's settings as defaults, for the command line to override.
void applyConfig(const FileConfig& config, Options& o) {
  if (config.region) o.region = *config.region;
  if (config.clientId) o.clientId = *config.clientId;
  o.windows = config.windows;
  o.thresholds = config.thresholds;
  o.savedViews = config.savedViews;
  if (config.soundEnabled) o.sound = *config.soundEnabled;
  o.soundEvent = config.soundEvent;
  o.soundIntervalSeconds = config.soundIntervalSeconds;
}

}  // namespace

ParseResult parseOptions(int argc, char** argv) {
  Options o;
  // The config file first (--config names another), so that the command line wins.
  std::string configPath = defaultConfigPath().string();
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--config") configPath = argv[i + 1];
  std::string configError;
  const std::optional<FileConfig> config = loadConfig(configPath, configError);
  if (!config) {
    std::fprintf(stderr, "supervisor-panel: config %s: %s\n", configPath.c_str(), configError.c_str());
    return {std::nullopt, 2};
  }
  applyConfig(*config, o);
  CLI::App cli{
      "supervisor-panel: watch agents and queues live, join calls, book coaching and read masked transcripts on "
      "Genesys Cloud."};
  cli.get_formatter()->column_width(34);

  cli.add_option("--config", configPath,
                 "Read settings from this JSON file (default $XDG_CONFIG_HOME/supervisor-panel/config.json; see README)");
  cli.add_flag("--demo", o.demo, "Start the built-in simulated org (gcsim) on a loopback port and sign in to it");
  cli.add_option("--demo-agents", o.demoAgents, "Agents in the --demo org")->check(CLI::Range(1, 100000));
  cli.add_option("--demo-restricted-agents", o.demoRestrictedAgents,
                 "In the --demo org, this many agents are in a division the supervisor may list but not follow "
                 "(their topics are refused: the debug overlay's Topics tab shows why)")
      ->check(CLI::Range(0, 100000));
  cli.add_option("--gcsim", o.gcsimUrl, "Sign in unattended to a running gcsim at this URL");
  cli.add_option("--region", o.region, "Genesys Cloud region, e.g. mypurecloud.ie or eu-west-1");
  cli.add_option("--api-base", o.apiBase, "Explicit API base URL, e.g. https://api.mypurecloud.ie");
  cli.add_option("--login-base", o.loginBase, "Explicit login base URL, e.g. https://login.mypurecloud.ie");
  cli.add_option("--client-id", o.clientId, "OAuth client id of a PKCE (Authorization Code) client");
  cli.add_option("--ca-file", o.caFile, "Also trust this CA certificate (PEM), e.g. gcsim's")->check(CLI::ExistingFile);

  cli.add_flag("--wallboard", o.wallboard, "Full-screen wallboard: large agent tiles, queue KPIs, auto-scroll");
  cli.add_option("--monitor", o.monitor, "Monitor index for the wallboard (default: primary)");
  cli.add_option("--window", o.windows,
                 "A window: desk, wallboard or overlay (the debug overlay), optionally @MONITOR (from 0); repeat for several on one sign-in")
      ->check([](const std::string& value) {
        return parseWindowSpec(value) ? std::string() : "expected desk, wallboard or overlay, optionally @MONITOR: " + value;
      });
  cli.add_flag("--no-sound{false}", o.sound,
               "No alert sound (otherwise: an agent NOT_RESPONDING or in red, a queue's wait in red; F8 mutes a window)");
  cli.add_option("--font-scale", o.fontScale, "Scale all text (on top of the monitor's DPI scale)")
      ->check(CLI::Range(0.5f, 4.0f));
  cli.add_option("--size", o.width, "Window width in pixels (desk mode)")->check(CLI::Range(640, 10000));
  cli.add_option("--height", o.height, "Window height in pixels (desk mode)")->check(CLI::Range(400, 10000));
  cli.add_option("--max-data-fps", o.maxDataFps,
                 "Redraw for data at most this often a second (default 20 on a desk, 5 on a wallboard); input is never held back")
      ->check(CLI::Range(1.0, 240.0));

  cli.add_option("--screenshot", o.screenshotPath, "Render --frames frames, write a PNG of the window, exit 0");
  cli.add_option("--frames", o.frames, "Frames to render before --screenshot")->check(CLI::Range(1, 1000000));
  cli.add_option("--exit-after", o.exitAfterSeconds, "Exit after this many seconds")->check(CLI::Range(0.0, 1e7));
  cli.add_option("--stats-json", o.statsJsonPath, "On exit, write frame and snapshot statistics as JSON");
  cli.add_option("--dump-state", o.dumpStatePath, "On exit, write the panel's model as JSON (no tokens, masked)");
  cli.add_option("--script", o.scriptPath, "Replay intents from this file (see README)")->check(CLI::ExistingFile);
  cli.add_option("--record", o.recordPath,
                 "Record the whole session (REST and WebSocket, redacted) as a HAR 1.2 file; gcsim --replay serves it");
  cli.add_option("--record-max-mb", o.recordMaxMb, "Stop --record when the file reaches this size")
      ->check(CLI::Range(1, 1024 * 1024));

  std::string logLevel = "info";
  cli.add_option("--log-level", logLevel,
                 "Log file detail: trace, debug, info, warn, error or off (file: $XDG_STATE_HOME/supervisor-panel/panel.log)")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));

  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return {std::nullopt, cli.exit(e)};
  }
  if (!o.screenshotPath.empty() && o.frames == 0) o.frames = 30;
  o.logLevel = *parseLogLevel(logLevel);  // checked above
  return {o, 0};
}

}  // namespace app
