#include "app/event_log.h"

#include <spdlog/async.h>
#include <spdlog/async_logger.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/sink.h>

#include <algorithm>
#include <cstdlib>
#include <system_error>

#include "net/traffic_log.h"

namespace app {

namespace {

spdlog::level::level_enum toSpdlog(LogLevel level) {
  switch (level) {
    case LogLevel::Trace: return spdlog::level::trace;
    case LogLevel::Debug: return spdlog::level::debug;
    case LogLevel::Info: return spdlog::level::info;
    case LogLevel::Warn: return spdlog::level::warn;
    case LogLevel::Error: return spdlog::level::err;
    case LogLevel::Off: return spdlog::level::off;
  }
  return spdlog::level::info;
}

// Redacts each line, then hands it to the file. It sits between the logger and the file so
// that no line reaches the disk unredacted, whoever wrote it and however it was built.
// Runs on the logger's single writer thread.
class RedactingSink final : public spdlog::sinks::sink {
 public:
  explicit RedactingSink(std::shared_ptr<spdlog::sinks::sink> file) : file_(std::move(file)) {}

  void log(const spdlog::details::log_msg& message) override {
    const std::string clean = net::redaction::redactText(std::string_view(message.payload.data(), message.payload.size()));
    spdlog::details::log_msg redacted(message);
    redacted.payload = spdlog::string_view_t(clean.data(), clean.size());
    file_->log(redacted);
  }
  void flush() override { file_->flush(); }
  void set_pattern(const std::string& pattern) override { file_->set_pattern(pattern); }
  void set_formatter(std::unique_ptr<spdlog::formatter> formatter) override { file_->set_formatter(std::move(formatter)); }

 private:
  std::shared_ptr<spdlog::sinks::sink> file_;
};

spdlog::level::level_enum linkLevel(store::LinkState link) {
  switch (link) {
    case store::LinkState::Reconnecting:
    case store::LinkState::Stale: return spdlog::level::warn;
    default: return spdlog::level::info;
  }
}

spdlog::level::level_enum toastLevel(store::ToastLevel level) {
  switch (level) {
    case store::ToastLevel::Warning: return spdlog::level::warn;
    case store::ToastLevel::Error: return spdlog::level::err;
    default: return spdlog::level::info;
  }
}

}  // namespace

std::optional<LogLevel> parseLogLevel(std::string_view name) {
  if (name == "trace") return LogLevel::Trace;
  if (name == "debug") return LogLevel::Debug;
  if (name == "info") return LogLevel::Info;
  if (name == "warn") return LogLevel::Warn;
  if (name == "error") return LogLevel::Error;
  if (name == "off") return LogLevel::Off;
  return std::nullopt;
}

std::filesystem::path xdgDirectory(const char* variable, const char* fallbackUnderHome) {
  if (const char* dir = std::getenv(variable); dir && *dir == '/') return std::filesystem::path(dir) / "supervisor-panel";
  if (const char* home = std::getenv("HOME"); home && *home)
    return std::filesystem::path(home) / fallbackUnderHome / "supervisor-panel";
  return {};
}

std::filesystem::path defaultLogDirectory() {
  // XDG Base Directory: state that should persist between restarts but is not worth
  // backing up, such as logs.
  return xdgDirectory("XDG_STATE_HOME", ".local/state");
}

std::unique_ptr<EventLog> EventLog::open(const EventLogConfig& config, std::string& error) {
  error.clear();
  if (config.level == LogLevel::Off) return nullptr;
  if (config.directory.empty()) {
    error = "no log directory: neither XDG_STATE_HOME nor HOME is set";
    return nullptr;
  }
  std::error_code ec;
  std::filesystem::create_directories(config.directory, ec);
  if (ec) {
    error = "could not create " + config.directory.string() + ": " + ec.message();
    return nullptr;
  }
  // The log names supervisors and agents: for this user's eyes only.
  std::filesystem::permissions(config.directory, std::filesystem::perms::owner_all, ec);

  std::unique_ptr<EventLog> log(new EventLog());
  log->path_ = config.directory / config.fileName;
  try {
    auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
        log->path_.string(), std::max<std::size_t>(config.maxFileBytes, 1), config.maxRotatedFiles);
    file->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %-5l %v");
    log->pool_ = std::make_shared<spdlog::details::thread_pool>(std::max<std::size_t>(config.queueLines, 1), 1);
    log->logger_ = std::make_shared<spdlog::async_logger>("supervisor-panel", std::make_shared<RedactingSink>(file),
                                                          log->pool_, spdlog::async_overflow_policy::overrun_oldest);
  } catch (const spdlog::spdlog_ex& e) {
    error = "could not open " + log->path_.string() + ": " + e.what();
    return nullptr;
  }
  log->logger_->set_level(toSpdlog(config.level));
  // Lines are few (transitions, not events) and matter most just before a crash: each is
  // flushed by the writer thread as soon as it is written.
  log->logger_->flush_on(spdlog::level::trace);
  return log;
}

EventLog::~EventLog() {
  // The pool's destructor lets its thread write every queued line before it joins.
  logger_.reset();
  pool_.reset();
}

void EventLog::write(LogLevel level, std::string_view text) {
  logger_->log(toSpdlog(level), spdlog::string_view_t(text.data(), text.size()));
}

void EventLog::observe(const store::Snapshot& before, const store::Snapshot& after) {
  if (before.session != after.session) observeSession(*before.session, *after.session);
  std::vector<std::string_view> outcomes;  // said with their action: the same toast is not repeated
  if (before.actions != after.actions) observeActions(*before.actions, *after.actions, outcomes);
  if (before.toasts != after.toasts) observeToasts(*after.toasts, outcomes);
  if (before.detail->agentId != after.detail->agentId && logger_->should_log(spdlog::level::debug))
    logger_->debug("detail: {}", after.detail->agentId.empty() ? "closed" : "opened agent " + after.detail->agentId);
  if (before.topics != after.topics) observeTopics(*before.topics, *after.topics);
  if (logger_->should_log(spdlog::level::trace))
    logger_->trace("published snapshot {}: {} agents, {} listed, {} conversations", after.version, after.agents.size(),
                   after.agentRows->size(), after.conversations.size());
}

void EventLog::observeSession(const store::SessionInfo& before, const store::SessionInfo& after) {
  if (!after.userId.empty() && (after.userId != before.userId || after.orgName != before.orgName))
    logger_->info("signed in as {} ({}), organization {}, {}", after.userName, after.userId, after.orgName,
                  after.region);
  if (after.link != before.link || after.message != before.message) {
    const std::string_view from = store::toString(before.link), to = store::toString(after.link);
    if (after.message.empty())
      logger_->log(linkLevel(after.link), "link {} -> {}", from, to);
    else
      logger_->log(linkLevel(after.link), "link {} -> {}: {}", from, to, after.message);
  }
}

void EventLog::observeActions(const std::vector<store::ActionRecord>& before,
                              const std::vector<store::ActionRecord>& after, std::vector<std::string_view>& outcomes) {
  for (const store::ActionRecord& record : after) {
    const auto earlier = std::find_if(before.begin(), before.end(), [&](const auto& r) { return r.id == record.id; });
    if (earlier == before.end()) logger_->info("action #{} started: {}", record.id, record.label);
    const bool endedNow = record.state != store::ActionState::Pending &&
                          (earlier == before.end() || earlier->state == store::ActionState::Pending);
    if (!endedNow) continue;
    if (record.state == store::ActionState::Succeeded)
      logger_->info("action #{} succeeded: {}: {}", record.id, record.label, record.outcome);
    else
      logger_->error("action #{} failed: {}: {}", record.id, record.label, record.outcome);
    outcomes.push_back(record.outcome);
  }
}

void EventLog::observeToasts(const std::vector<store::Toast>& after, const std::vector<std::string_view>& outcomes) {
  for (const store::Toast& toast : after) {
    if (toast.id <= lastToastId_) continue;
    lastToastId_ = toast.id;
    if (std::find(outcomes.begin(), outcomes.end(), toast.text) != outcomes.end()) continue;
    logger_->log(toastLevel(toast.level), "{}", toast.text);
  }
}

// The topic table is republished every second while the overlay is open (message counts):
// only a change in which topics are refused is worth a line, with each topic's reason at debug.
void EventLog::observeTopics(const store::TopicTable& before, const store::TopicTable& after) {
  auto refused = [](const store::TopicTable& table) {
    std::vector<const store::TopicRow*> rows;
    for (const store::TopicRow& row : table.rows)
      if (row.state == store::TopicRow::State::Refused) rows.push_back(&row);
    return rows;
  };
  const auto was = refused(before), now = refused(after);
  if (std::equal(was.begin(), was.end(), now.begin(), now.end(),
                 [](const store::TopicRow* a, const store::TopicRow* b) { return a->topic == b->topic; }))
    return;
  logger_->warn("notification topics refused by the server: {}", now.size());
  if (!logger_->should_log(spdlog::level::debug)) return;
  for (const store::TopicRow* row : now) logger_->debug("refused topic {}: {}", row->topic, row->reason);
}

}  // namespace app
