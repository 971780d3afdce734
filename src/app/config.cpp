#include "app/config.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <utility>

#include "app/event_log.h"

namespace app {

namespace json = boost::json;

namespace {

// A config error: the sentence names the key.
struct Bad {
  std::string what;
};

std::string text(const json::value& v, const std::string& key) {
  if (!v.is_string()) throw Bad{key + ": expected a string"};
  return std::string(v.get_string());
}

double number(const json::value& v, const std::string& key) {
  if (!v.is_number()) throw Bad{key + ": expected a number"};
  return v.to_number<double>();
}

bool boolean(const json::value& v, const std::string& key) {
  if (!v.is_bool()) throw Bad{key + ": expected true or false"};
  return v.get_bool();
}

const json::object& object(const json::value& v, const std::string& key) {
  if (!v.is_object()) throw Bad{key + ": expected an object"};
  return v.get_object();
}

const json::array& array(const json::value& v, const std::string& key) {
  if (!v.is_array()) throw Bad{key + ": expected an array"};
  return v.get_array();
}

// Tokens live in memory only: a config that tries to hold one is refused, not ignored.
void refuseCredentials(const json::object& o, const std::string& where) {
  for (const auto& [key, value] : o) {
    std::string lower(key);
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    for (const char* secret : {"token", "secret", "password"})
      if (lower.find(secret) != std::string::npos)
        throw Bad{where + std::string(key) + ": the config never holds credentials (tokens stay in memory)"};
    if (value.is_object()) refuseCredentials(value.get_object(), where + std::string(key) + ".");
  }
}

void readThresholds(const json::object& o, model::Thresholds& t) {
  const std::array<std::pair<const char*, int*>, 12> fields{{
      {"idleAmberSeconds", &t.idleAmberSeconds}, {"idleRedSeconds", &t.idleRedSeconds},
      {"interactingAmberSeconds", &t.interactingAmberSeconds}, {"interactingRedSeconds", &t.interactingRedSeconds},
      {"holdAmberSeconds", &t.holdAmberSeconds}, {"holdRedSeconds", &t.holdRedSeconds},
      {"acwAmberSeconds", &t.acwAmberSeconds}, {"acwRedSeconds", &t.acwRedSeconds},
      {"awayAmberSeconds", &t.awayAmberSeconds}, {"awayRedSeconds", &t.awayRedSeconds},
      {"queueWaitAmberSeconds", &t.queueWaitAmberSeconds}, {"queueWaitRedSeconds", &t.queueWaitRedSeconds},
  }};
  for (const auto& [key, value] : o) {
    const std::string_view name = key;  // a lambda cannot capture a structured binding in clang 14
    const auto field = std::find_if(fields.begin(), fields.end(), [&](const auto& f) { return name == f.first; });
    if (field == fields.end()) throw Bad{"thresholds." + std::string(key) + ": not a threshold"};
    const double seconds = number(value, "thresholds." + std::string(key));
    if (seconds < 1 || seconds > 86400) throw Bad{"thresholds." + std::string(key) + ": 1 to 86400 seconds"};
    *field->second = static_cast<int>(seconds);
  }
}

int routingFilter(const std::string& name) {
  for (int s = 0; s <= static_cast<int>(model::RoutingStatus::Communicating); ++s)
    if (model::toString(static_cast<model::RoutingStatus>(s)) == name) return s;
  throw Bad{"savedViews.routing: " + name + " is not a routing status (IDLE, INTERACTING, OFF_QUEUE, ...)"};
}

store::SortColumn sortColumn(const std::string& name) {
  static const std::pair<const char*, store::SortColumn> columns[] = {
      {"name", store::SortColumn::Name},   {"presence", store::SortColumn::Presence},
      {"routing", store::SortColumn::Routing}, {"time", store::SortColumn::TimeInStatus},
      {"interactions", store::SortColumn::Interactions}, {"queues", store::SortColumn::Queues}};
  for (const auto& [label, column] : columns)
    if (name == label) return column;
  throw Bad{"savedViews.sort: " + name + " (name, presence, routing, time, interactions or queues)"};
}

ui::SavedView readSavedView(const json::object& o) {
  ui::SavedView saved;
  for (const auto& [key, value] : o) {
    const std::string where = "savedViews." + std::string(key);
    if (key == "name") saved.name = text(value, where);
    else if (key == "queue") saved.queueName = text(value, where);
    else if (key == "directReports") saved.view.scope = boolean(value, where) ? store::AgentScope::DirectReports : saved.view.scope;
    else if (key == "routing") saved.view.routingFilter = routingFilter(text(value, where));
    else if (key == "text") saved.view.text = text(value, where);
    else if (key == "sort") saved.view.sort = sortColumn(text(value, where));
    else if (key == "ascending") saved.view.ascending = boolean(value, where);
    else throw Bad{where + ": not a saved view key (name, queue, directReports, routing, text, sort, ascending)"};
  }
  if (saved.name.empty()) throw Bad{"savedViews: every view needs a name"};
  return saved;
}

void readSound(const json::object& o, FileConfig& config) {
  for (const auto& [key, value] : o) {
    const std::string where = "sound." + std::string(key);
    if (key == "enabled") config.soundEnabled = boolean(value, where);
    else if (key == "event") config.soundEvent = text(value, where);
    else if (key == "minIntervalSeconds") config.soundIntervalSeconds = number(value, where);
    else throw Bad{where + ": not a sound key (enabled, event, minIntervalSeconds)"};
  }
}

FileConfig read(const json::object& root) {
  refuseCredentials(root, "");
  FileConfig config;
  for (const auto& [key, value] : root) {
    const std::string where(key);
    if (key == "region") config.region = text(value, where);
    else if (key == "clientId") config.clientId = text(value, where);
    else if (key == "windows") for (const auto& w : array(value, where)) config.windows.push_back(text(w, where));
    else if (key == "thresholds") readThresholds(object(value, where), config.thresholds);
    else if (key == "savedViews") for (const auto& v : array(value, where)) config.savedViews.push_back(readSavedView(object(v, where)));
    else if (key == "sound") readSound(object(value, where), config);
    else throw Bad{where + ": not a config key (region, clientId, windows, thresholds, savedViews, sound)"};
  }
  return config;
}

std::string readFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

}  // namespace

std::filesystem::path defaultConfigPath() {
  const auto dir = xdgDirectory("XDG_CONFIG_HOME", ".config");
  return dir.empty() ? dir : dir / "config.json";
}

std::optional<FileConfig> parseConfig(const std::string& textIn, std::string& error) {
  if (textIn.find_first_not_of(" \t\r\n") == std::string::npos) return FileConfig{};  // an empty file
  boost::system::error_code ec;
  const json::value root = json::parse(textIn, ec);
  if (ec) {
    error = "not JSON: " + ec.message();
    return std::nullopt;
  }
  try {
    return read(object(root, "the file"));
  } catch (const Bad& bad) {
    error = bad.what;
    return std::nullopt;
  }
}

std::optional<FileConfig> loadConfig(const std::filesystem::path& path, std::string& error) {
  if (path.empty() || !std::filesystem::exists(path)) return FileConfig{};
  return parseConfig(readFile(path), error);
}

std::filesystem::path layoutPath() {
  const auto dir = defaultLogDirectory();  // the XDG state directory, as the log's
  return dir.empty() ? dir : dir / "layout.json";
}

std::vector<std::string> loadLayout() {
  std::vector<std::string> windows;
  const auto path = layoutPath();
  if (path.empty() || !std::filesystem::exists(path)) return windows;
  boost::system::error_code ec;
  const json::value root = json::parse(readFile(path), ec);
  if (ec || !root.is_object() || !root.get_object().contains("windows")) return windows;  // a layout is a convenience
  for (const auto& w : root.at("windows").as_array())
    if (w.is_string()) windows.emplace_back(w.get_string());
  return windows;
}

bool saveLayout(const std::vector<std::string>& windows) {
  const auto path = layoutPath();
  if (path.empty()) return false;
  std::error_code ec;
  std::filesystem::create_directories(path.parent_path(), ec);
  json::array list;
  for (const auto& w : windows) list.emplace_back(w);
  std::ofstream out(path);
  out << json::serialize(json::object{{"windows", std::move(list)}}) << "\n";
  return static_cast<bool>(out);
}

}  // namespace app
