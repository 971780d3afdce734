#include "net/traffic_recorder.h"

#include "net/har.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <utility>

#include <unistd.h>

namespace net {

namespace {

std::string utcClock(std::chrono::system_clock::time_point at) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%H:%M:%S", &utc);
  return text;
}

}  // namespace

std::shared_ptr<TrafficRecorder> TrafficRecorder::open(Config config, std::string& error) {
  std::FILE* file = std::fopen(config.path.c_str(), "wb");
  if (!file) {
    error = "Cannot record to " + config.path + ": " + std::strerror(errno) + ".";
    return nullptr;
  }
  std::shared_ptr<TrafficRecorder> recorder(new TrafficRecorder(std::move(config), file));
  recorder->thread_ = std::thread([raw = recorder.get()] { raw->run(); });
  return recorder;
}

TrafficRecorder::TrafficRecorder(Config config, std::FILE* file) : config_(std::move(config)), file_(file) {
  const std::string head = har::documentHead();
  std::fwrite(head.data(), 1, head.size(), file_);
  written_ = head.size();
  finishDocument({});  // valid from the start
}

TrafficRecorder::~TrafficRecorder() { close(); }

TrafficRecorder::Item* TrafficRecorder::nextSlot() {
  // About a minute of the busiest org at full speed: beyond it the disk is not keeping up,
  // and memory would grow without end.
  constexpr std::size_t kMaxQueued = 1'000'000;
  if (closing_ || overrun_) return nullptr;
  if (queued_ == kMaxQueued) {
    overrun_ = true;
    wake_.notify_all();
    return nullptr;
  }
  if (queued_ == queue_.size()) queue_.emplace_back();
  return &queue_[queued_++];
}

void TrafficRecorder::recordExchange(const TrafficEntry& exchange) {
  if (stopped_.load(std::memory_order_relaxed)) return;
  auto copy = std::make_unique<TrafficEntry>(exchange);
  std::lock_guard lock(mutex_);
  if (Item* item = nextSlot()) {
    item->kind = Item::Kind::exchange;
    item->exchange = std::move(copy);
  }
}

void TrafficRecorder::socketOpened(std::uint64_t socketId, std::string_view url,
                                   std::chrono::system_clock::time_point at) {
  std::lock_guard lock(mutex_);
  if (Item* item = nextSlot()) {
    item->kind = Item::Kind::socketOpened;
    item->socketId = socketId;
    item->at = at;
    item->text.assign(url);
  }
}

// Once per notification, on the socket's thread: a copy into a reused slot, nothing more.
void TrafficRecorder::socketMessage(std::uint64_t socketId, TrafficEntry::Direction direction,
                                    std::chrono::system_clock::time_point at, std::string_view text) {
  if (stopped_.load(std::memory_order_relaxed)) return;
  std::lock_guard lock(mutex_);
  if (Item* item = nextSlot()) {
    item->kind = Item::Kind::socketMessage;
    item->socketId = socketId;
    item->direction = direction;
    item->at = at;
    item->text.assign(text);
  }
}

void TrafficRecorder::run() {
  std::vector<Item> batch;  // the other buffer: its slots keep their strings' room
  std::unique_lock lock(mutex_);
  for (;;) {
    wake_.wait_for(lock, config_.flushEvery,
                   [this] { return closing_ || overrun_ || flushWanted_ > flushDone_; });
    batch.swap(queue_);
    const std::size_t count = std::exchange(queued_, 0);
    const bool last = closing_, overrun = overrun_;
    const std::uint64_t flushesServed = flushWanted_;
    lock.unlock();
    if (count > 0 && !stopped_) writeBatch(batch, count);
    if (overrun && !stopped_)
      stop("Recording stopped: " + config_.path + " could not be written as fast as traffic arrived (over " +
           std::to_string(count) + " messages waiting); the session after that is not in it.");
    lock.lock();
    flushDone_ = flushesServed;
    drained_.notify_all();
    if (last && queued_ == 0) return;
  }
}

void TrafficRecorder::writeBatch(std::vector<Item>& batch, std::size_t count) {
  // REST exchanges in the order they finished, then each socket's messages of this batch.
  std::map<std::uint64_t, std::vector<har::SocketMessage>> messages;
  for (std::size_t i = 0; i < count; ++i) {
    Item& item = batch[i];
    switch (item.kind) {
      case Item::Kind::exchange: {
        const auto exchange = std::move(item.exchange);
        if (!writeEntry(har::restEntry(redaction::redactExchange(std::move(*exchange), config_.maxBodyBytes))))
          return;
        break;
      }
      case Item::Kind::socketOpened:
        sockets_[item.socketId] = {item.text, item.at};
        break;
      case Item::Kind::socketMessage:
        messages[item.socketId].push_back(
            {item.direction, item.at, redaction::redactBody(item.text, config_.maxBodyBytes)});
        break;
    }
  }
  for (auto& [socketId, frames] : messages) {
    const auto socket = sockets_.find(socketId);
    const bool known = socket != sockets_.end();
    if (!writeEntry(har::socketEntry(known ? socket->second.url : "", known ? socket->second.opened : frames.front().time,
                                     frames)))
      return;
    messages_ += frames.size();
  }
  finishDocument({});
}

bool TrafficRecorder::writeEntry(const std::string& entry) {
  const std::string_view separator = entriesWritten_ == 0 ? "\n" : ",\n";
  constexpr std::size_t kTailRoom = 512;  // the closing brackets and the comment saying why it stopped
  if (written_ + separator.size() + entry.size() + kTailRoom > config_.maxBytes) {
    stop("Recording stopped: " + config_.path + " reached its size cap of " +
         std::to_string(config_.maxBytes / (1024 * 1024)) + " MB at " + utcClock(std::chrono::system_clock::now()) +
         " UTC; the session after that is not in it.");
    return false;
  }
  std::fseek(file_, static_cast<long>(written_), SEEK_SET);
  const bool ok = std::fwrite(separator.data(), 1, separator.size(), file_) == separator.size() &&
                  std::fwrite(entry.data(), 1, entry.size(), file_) == entry.size();
  if (!ok) {
    stop("Recording stopped: writing " + config_.path + " failed (" + std::strerror(errno) + ").");
    return false;
  }
  written_ += separator.size() + entry.size();
  ++entriesWritten_;
  return true;
}

void TrafficRecorder::finishDocument(std::string_view comment) {
  const std::string tail = har::documentTail(comment);
  std::fseek(file_, static_cast<long>(written_), SEEK_SET);
  std::fwrite(tail.data(), 1, tail.size(), file_);
  std::fflush(file_);
  // Whatever a failed write left beyond the tail goes, so the file stays one JSON document.
  const bool truncated = ::ftruncate(::fileno(file_), static_cast<off_t>(written_ + tail.size())) == 0;
  (void)truncated;  // nothing to do about it: the next flush writes the tail again
}

void TrafficRecorder::stop(const std::string& why) {
  stopped_ = true;
  finishDocument(why);
  if (config_.onStopped) config_.onStopped(why);
}

void TrafficRecorder::flush() {
  std::unique_lock lock(mutex_);
  if (closing_) return;
  const std::uint64_t wanted = ++flushWanted_;
  wake_.notify_all();
  drained_.wait(lock, [&] { return flushDone_ >= wanted || closing_; });
}

void TrafficRecorder::close() {
  {
    std::lock_guard lock(mutex_);
    if (closing_) return;
    closing_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();  // the last batch wrote the closing brackets
  std::fclose(file_);
}

std::uint64_t TrafficRecorder::bytesWritten() const { return written_; }
std::uint64_t TrafficRecorder::messagesRecorded() const { return messages_; }
bool TrafficRecorder::stopped() const { return stopped_; }

}  // namespace net
