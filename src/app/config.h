// The config file: $XDG_CONFIG_HOME/supervisor-panel/config.json (else ~/.config/...), read
// with Boost.JSON. Every key is optional; the command line wins over it. It never holds a
// token: the panel never writes it, and a key that looks like a credential is refused.
//
// {
//   "region": "mypurecloud.ie", "clientId": "…",
//   "windows": ["desk@0", "wallboard@1"],
//   "thresholds": {"idleRedSeconds": 600, "queueWaitRedSeconds": 120, …},   (model::Thresholds names)
//   "savedViews": [{"name": "Sales, idle", "queue": "Sales", "routing": "IDLE", "text": "",
//                   "sort": "time", "ascending": false}],
//   "sound": {"enabled": true, "event": "bell", "minIntervalSeconds": 10}
// }
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/thresholds.h"
#include "ui/ui.h"

namespace app {

struct FileConfig {
  std::optional<std::string> region, clientId;
  std::vector<std::string> windows;    // as --window takes them
  model::Thresholds thresholds;
  std::vector<ui::SavedView> savedViews;
  std::optional<bool> soundEnabled;
  std::string soundEvent = "bell";
  double soundIntervalSeconds = 10;
};

// Where the config file is looked for; empty when neither XDG_CONFIG_HOME nor HOME is set.
std::filesystem::path defaultConfigPath();
// Reads `path`. A missing file is an empty config; unreadable JSON, an unknown key, a value
// of the wrong type or a credential-like key gives nullopt and `error` naming the key.
std::optional<FileConfig> loadConfig(const std::filesystem::path& path, std::string& error);
// The same, from text (tests).
std::optional<FileConfig> parseConfig(const std::string& text, std::string& error);

// Where the window layout of the last exit is kept (the XDG state directory, beside the log).
std::filesystem::path layoutPath();
// The windows open at the last exit ("desk@0", ...), or empty.
std::vector<std::string> loadLayout();
// Writes them for the next start; false when the file cannot be written.
bool saveLayout(const std::vector<std::string>& windows);

}  // namespace app
