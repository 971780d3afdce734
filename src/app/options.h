// Command-line options of supervisor-panel.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/event_log.h"
#include "model/thresholds.h"
#include "ui/ui.h"

namespace app {

struct Options {
  // Where to connect.
  bool demo = false;              // start the simulated org in-process and sign in to it
  int demoAgents = 1000;
  int demoRestrictedAgents = 0;   // --demo: the last N agents in a division the supervisor may not view
  std::string gcsimUrl;           // an external gcsim: sign in to it unattended
  std::string region;             // mypurecloud.ie, eu-west-1, ...
  std::string apiBase, loginBase; // explicit hosts instead of a region
  std::string clientId;           // OAuth client id (PKCE, public client)
  std::string caFile;             // an extra CA certificate to trust (e.g. gcsim's)

  // What to show.
  bool wallboard = false;
  int monitor = -1;               // monitor index for the wallboard, -1 = primary
  std::vector<std::string> windows;  // --window: "desk", "wallboard@1" ... (panel_window.h); empty = one
  float fontScale = 1.0f;
  int width = 1600, height = 900;
  bool sound = true;              // --no-sound: no alert sound (alert_sound.h)
  std::string soundEvent = "bell";   // from the config file (config.h)
  double soundIntervalSeconds = 10;
  model::Thresholds thresholds;      // from the config file
  std::vector<ui::SavedView> savedViews;  // from the config file: the Views menu and keys 1-9
  double maxDataFps = 0;          // redraws a second for data at most; 0 = 20 on a desk, 5 on a wallboard

  // Automation, tests and measurement.
  std::string screenshotPath;
  int frames = 0;                 // with --screenshot: frames to render before the capture
  double exitAfterSeconds = 0;
  std::string statsJsonPath;
  std::string dumpStatePath;
  std::string scriptPath;
  std::string recordPath;         // --record: the whole session's traffic as a redacted HAR
  int recordMaxMb = 1024;         // --record-max-mb: the recording stops at this size

  // The log file (see event_log.h).
  LogLevel logLevel = LogLevel::Info;
};

// Parses argv. On --help or an error, prints and returns the process exit code instead.
struct ParseResult {
  std::optional<Options> options;
  int exitCode = 0;
};
ParseResult parseOptions(int argc, char** argv);

}  // namespace app
