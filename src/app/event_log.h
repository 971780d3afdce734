// The panel's log file: what happened during the day, for whoever has to explain it later.
//
// A rotating file in the XDG state directory ($XDG_STATE_HOME, else ~/.local/state,
// subfolder supervisor-panel/) written through an spdlog asynchronous logger. Everything
// it records already flows into the store, so EventLog::observe() compares consecutive
// published snapshots on the store thread and logs the transitions: sign-in, link state
// with its reason, supervisor actions (start and outcome), toasts (errors, resyncs,
// channel moves). Nothing in src/workers logs by itself.
//
// Never blocking: lines go into a bounded queue that overwrites the oldest line when the
// disk is slow; a thread of the logger's own formats, redacts and writes them. Every line
// passes through net::redaction::redactText (tokens, Authorization values, authorization
// codes, refresh tokens, personal data) on that thread, whoever logged it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "store/snapshot.h"

namespace spdlog {
class logger;
namespace details {
class thread_pool;
}
}  // namespace spdlog

namespace app {

enum class LogLevel { Trace, Debug, Info, Warn, Error, Off };

// "trace", "debug", "info", "warn", "error", "off"; nullopt for anything else.
std::optional<LogLevel> parseLogLevel(std::string_view name);

// The panel's folder under an XDG base directory: $VARIABLE/supervisor-panel when that is an
// absolute path, else $HOME/<fallbackUnderHome>/supervisor-panel; empty when neither is known.
std::filesystem::path xdgDirectory(const char* variable, const char* fallbackUnderHome);
// $XDG_STATE_HOME/supervisor-panel when that is an absolute path, else
// $HOME/.local/state/supervisor-panel; empty when neither is known.
std::filesystem::path defaultLogDirectory();

struct EventLogConfig {
  std::filesystem::path directory;      // created (owner-only) when missing
  std::string fileName = "panel.log";   // rotated files: panel.1.log, panel.2.log, ...
  std::size_t maxFileBytes = 5 * 1024 * 1024;
  std::size_t maxRotatedFiles = 3;      // kept besides the current file
  LogLevel level = LogLevel::Info;
  // Lines waiting for the writer, allocated up front (about 350 bytes each); beyond it the
  // oldest is overwritten. Transitions come a few a second at most, bursts of tens.
  std::size_t queueLines = 1024;
};

class EventLog {
 public:
  // Opens (creates) the file. Returns null with `error` set when the directory or the
  // file cannot be made; the panel then runs without a log. Level Off: null, no error,
  // no file.
  static std::unique_ptr<EventLog> open(const EventLogConfig& config, std::string& error);
  // Writes every line still queued, then closes the file.
  ~EventLog();
  EventLog(const EventLog&) = delete;
  EventLog& operator=(const EventLog&) = delete;

  // Logs what changed from `before` to `after`: call with consecutive published snapshots,
  // from one thread at a time (the store thread). Cheap when nothing logged changed: the
  // parts compared are shared pointers, equal when untouched.
  void observe(const store::Snapshot& before, const store::Snapshot& after);

  // A line of the app's own (start, exit). Any thread; never blocks.
  void write(LogLevel level, std::string_view text);

  std::filesystem::path path() const { return path_; }

 private:
  EventLog() = default;
  void observeSession(const store::SessionInfo& before, const store::SessionInfo& after);
  void observeActions(const std::vector<store::ActionRecord>& before, const std::vector<store::ActionRecord>& after,
                      std::vector<std::string_view>& outcomes);
  void observeToasts(const std::vector<store::Toast>& after, const std::vector<std::string_view>& outcomes);
  void observeTopics(const store::TopicTable& before, const store::TopicTable& after);

  std::shared_ptr<spdlog::details::thread_pool> pool_;  // the writer thread; outlives logger_'s lines
  std::shared_ptr<spdlog::logger> logger_;
  std::filesystem::path path_;
  std::uint64_t lastToastId_ = 0;  // store thread: toasts up to this one are logged
};

}  // namespace app
