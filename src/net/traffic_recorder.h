// `--record PATH.har`: the whole session's traffic, every REST exchange and every
// WebSocket message from start to exit, written as a HAR 1.2 file (har.h) while it runs.
//
// The network threads only copy what they saw into a queue (one allocation per message);
// a thread of the recorder's own redacts (the same redaction as the debug overlay:
// traffic_log.h), formats and writes. Every flush (at most `flushEvery` apart) leaves a
// complete, valid HAR on disk: the closing brackets are written after the new entries
// and overwritten by the next batch, so a crash loses at most the last interval.
// A socket that stays open across flushes appears as one entry per flush that saw
// messages on it, all with the same URL and startedDateTime (the socket's opening); the
// debug overlay's export writes exactly one entry per socket.
// At `maxBytes` the recorder stops, closes the document with a log.comment saying so and
// calls onStopped with a sentence for people; the session goes on unrecorded.
#pragma once

#include "net/traffic_log.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

namespace net {

struct TrafficRecorderConfig {
  std::string path;                                 // the .har file, replaced if it exists
  std::uint64_t maxBytes = 1024ull * 1024 * 1024;   // size cap of the file
  std::chrono::milliseconds flushEvery{500};        // longest time anything waits in memory
  std::size_t maxBodyBytes = 64 * 1024 * 1024;      // a body is cut here (replays need them whole)
  // Called once, on the recorder's thread, when recording stops before the end (the cap,
  // a write error) with a sentence naming the file and why.
  std::function<void(const std::string& why)> onStopped;
};

class TrafficRecorder {
 public:
  using Config = TrafficRecorderConfig;

  // Creates the file and starts the writer thread. Null, with `error` set to a sentence,
  // when the file cannot be created.
  static std::shared_ptr<TrafficRecorder> open(Config config, std::string& error);
  ~TrafficRecorder();  // close()
  TrafficRecorder(const TrafficRecorder&) = delete;
  TrafficRecorder& operator=(const TrafficRecorder&) = delete;

  // Safe from any thread; each only queues a copy (nothing is redacted or written here).
  void recordExchange(const TrafficEntry& exchange);  // unredacted REST exchange
  void socketOpened(std::uint64_t socketId, std::string_view url, std::chrono::system_clock::time_point at);
  void socketMessage(std::uint64_t socketId, TrafficEntry::Direction direction,
                     std::chrono::system_clock::time_point at, std::string_view text);

  // Returns once everything recorded before the call is written and flushed (tests,
  // benchmarks); at once after close().
  void flush();
  // Writes what is queued, closes the document and the file, joins the thread. Idempotent.
  void close();

  std::uint64_t bytesWritten() const;  // size of the file so far
  std::uint64_t messagesRecorded() const;
  bool stopped() const;                // the cap (or an error) ended the recording early

 private:
  struct Item {
    enum class Kind { exchange, socketOpened, socketMessage };
    Kind kind = Kind::socketMessage;
    std::unique_ptr<TrafficEntry> exchange;  // Kind::exchange
    std::uint64_t socketId = 0;
    TrafficEntry::Direction direction = TrafficEntry::Direction::received;
    std::chrono::system_clock::time_point at;
    std::string text;                        // the message, or the socket's URL
  };
  struct Socket {
    std::string url;
    std::chrono::system_clock::time_point opened;
  };

  TrafficRecorder(Config config, std::FILE* file);
  // The next free slot, under mutex_ (held by the caller), or null when nothing is taken.
  Item* nextSlot();
  void run();
  void writeBatch(std::vector<Item>& batch, std::size_t count);
  // Appends one entry's text; false (and the recording stops) at the cap or on an error.
  bool writeEntry(const std::string& entry);
  void stop(const std::string& why);
  void finishDocument(std::string_view comment);

  Config config_;
  std::FILE* file_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;     // the writer: a flush is due or wanted
  std::condition_variable drained_;  // flush(): a batch was written
  std::uint64_t flushWanted_ = 0, flushDone_ = 0;
  bool overrun_ = false;             // the writer fell kMaxQueued messages behind
  // Two buffers trade places: the network threads fill queue_[0, queued_) while the writer
  // works through the other; slots are reused as they are, so that a message's copy goes
  // into a string that already has the room (no allocation in the steady state).
  std::vector<Item> queue_;
  std::size_t queued_ = 0;
  bool closing_ = false;
  std::thread thread_;

  // Writer thread only (and close() after the join).
  std::map<std::uint64_t, Socket> sockets_;
  std::atomic<std::uint64_t> written_{0};   // bytes before the document's tail
  std::size_t entriesWritten_ = 0;
  std::atomic<std::uint64_t> messages_{0};
  std::atomic<bool> stopped_{false};
};

}  // namespace net
