// Everything the panel said to Genesys and heard back, for the debug overlay (F12) and
// the HAR export. Bounded and thread-safe: the network thread records, the UI reads
// copies. Secrets never enter the log: credentials in headers, URLs and bodies are
// replaced at record time and bodies pass through redact::maskPersonalData.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace net {

class TrafficRecorder;

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct TrafficEntry {
  enum class Kind { rest, webSocket };
  enum class Direction { sent, received };

  Kind kind = Kind::rest;
  std::chrono::system_clock::time_point time;  // when the request (or message) started
  std::uint64_t sequence = 0;      // 1, 2, 3... in the order the log recorded them; set by the log

  // REST exchange (one entry per attempt, so retries are visible)
  std::string method;
  std::string url;                 // full URL, query kept (sensitive parameters redacted)
  std::string path;                // target: path + query
  std::string label;               // HttpRequest::label, e.g. "bootstrap users page 3"
  int status = 0;                  // 0 when no response arrived
  std::chrono::microseconds latency{0};
  // Where the latency went (HAR "timings"): waiting for admission (the request budget, a free
  // connection; first attempts only), TCP connect + TLS handshake (0: a kept-alive connection
  // was reused), from writing the request to the response's header, and reading the body.
  std::chrono::microseconds queued{0}, connect{0}, waiting{0}, reading{0};
  std::size_t bytesIn = 0;         // response body bytes
  std::size_t bytesOut = 0;        // request body bytes
  int retries = 0;                 // attempts before this one
  std::string correlationId;       // ININ-Correlation-Id
  int budgetLeft = 0;              // request budget left when it was sent
  HeaderList requestHeaders;
  HeaderList responseHeaders;
  std::string requestBody;         // redacted, masked, truncated
  std::string responseBody;        // redacted, masked, truncated
  std::string errorMessage;        // why no usable response, when there is none

  // WebSocket message
  std::uint64_t socketId = 0;      // which socket (WebSocketClient numbers them); 0 = unknown
  Direction direction = Direction::received;
  std::string topicName;           // notifications' "topicName", if any
  std::size_t size = 0;            // original message size in bytes
  std::string body;                // masked, truncated
};

struct TrafficLogConfig {
  std::size_t capacity = 5000;           // oldest entries are dropped beyond this
  std::size_t maxBodyBytes = 64 * 1024;  // bodies are cut here (after masking)
  // Oldest entries are also dropped while the bodies and headers held add up to more than
  // this, so that 5,000 large answers cannot hold hundreds of MB for the rest of the day.
  // 4 MB holds every notification's metadata and the last few dozen large answers (a page
  // of 500 users is cut to 64 KB); the overlay copies up to as much again into the store.
  std::size_t maxHeldBytes = 4 * 1024 * 1024;
  // Whether received and sent WebSocket messages keep their (redacted, masked) body.
  // Redacting every notification is most of the cost of recording it, and only the debug
  // overlay shows the bodies: the app points this at a flag the UI raises while the
  // overlay is open. Null: always kept (tests, tools). REST exchanges always keep theirs,
  // for the HAR export.
  std::shared_ptr<const std::atomic<bool>> keepSocketBodies = nullptr;
  // `--record`: every exchange and message is also handed, unredacted, to this recorder,
  // which redacts and writes it on its own thread (traffic_recorder.h). Null: no recording.
  std::shared_ptr<TrafficRecorder> recorder = nullptr;
};

class TrafficLog {
 public:
  using Entry = TrafficEntry;
  using Config = TrafficLogConfig;

  explicit TrafficLog(Config config = {});

  // Redacts and stores. Safe from any thread.
  void recordHttp(TrafficEntry entry);
  // `socketId` is the WebSocketClient's number for the socket (0 when unknown);
  // recordWebSocketOpen gives its URL, which the HAR entry of that socket carries.
  // Returns the message's sequence number (TrafficEntry::sequence), by which what the panel
  // made of it can be found again (the overlay's event outcomes).
  std::uint64_t recordWebSocket(TrafficEntry::Direction direction, std::string_view message, std::uint64_t socketId = 0);
  void recordWebSocketOpen(std::uint64_t socketId, std::string_view url);
  // The sockets' URLs (redacted) by socket number, the most recently used last: a
  // notification channel's connectUri ends in its id.
  std::vector<std::pair<std::uint64_t, std::string>> socketUrls() const;

  // The newest maxEntries entries, oldest first: a copy the caller owns.
  std::vector<Entry> snapshot(std::size_t maxEntries = SIZE_MAX) const;
  // The entries recorded after the one numbered `sequence` that the ring still holds, oldest
  // first (0: all held): what is new since the last look.
  std::vector<Entry> since(std::uint64_t sequence) const;
  std::size_t size() const;
  std::size_t totalRecorded() const;  // including those dropped from the ring
  std::size_t heldBytes() const;      // bodies and headers held now, bounded by maxHeldBytes
  void clear();

  // A HAR 1.2 document of what is held now (already redacted): the REST exchanges, then
  // one entry per WebSocket with its messages (har.h says how). `only`: just the entries with
  // these sequence numbers (ascending; the overlay's filtered view); empty: all.
  std::string exportHar(const std::vector<std::uint64_t>& only = {}) const;

 private:
  void push(TrafficEntry entry);
  // Evicts for an entry of `bytes` and returns the new newest entry. A WebSocket entry's
  // slot is handed back as it was (the caller overwrites every WebSocket field, reusing the
  // topic's capacity); any other comes back default-valued. mutex_ must be held.
  TrafficEntry& newestSlot(std::size_t bytes);
  void evictOldest();
  std::vector<Entry> newestLocked(std::size_t maxEntries) const;  // snapshot(); mutex_ held

  Config config_;
  mutable std::mutex mutex_;
  // A ring of slots, oldest at head_: a slot is reused in place, so that recording a
  // notification allocates nothing (a deque of entries this size allocated one node per
  // entry). Slots beyond count_ are empty.
  std::vector<TrafficEntry> ring_;
  // Each entry's share of heldBytes_, beside it rather than recomputed when it goes: the
  // oldest entry is cold in the cache by then, and this runs once per notification.
  std::vector<std::size_t> ringBytes_;
  std::size_t head_ = 0, count_ = 0;
  std::size_t totalRecorded_ = 0;
  std::size_t heldBytes_ = 0;
  // The URL and opening time of the most recent sockets, for their HAR entries.
  struct SocketOpened {
    std::uint64_t id = 0;
    std::string url;
    std::chrono::system_clock::time_point at;
  };
  // The sockets' URLs for the HAR, least recently used first (a long-lived channel is not
  // forgotten behind many short reconnects); `lastSocketId_` skips the reorder in the steady state.
  std::vector<SocketOpened> sockets_;
  std::uint64_t lastSocketId_ = 0;
};

// [SECTION] Redaction helpers (public so that other layers and tests can use them)
namespace redaction {

inline constexpr std::string_view kRedacted = "[redacted]";

// Authorization -> "Bearer [redacted]" (keeps the scheme); Cookie, Set-Cookie and
// Proxy-Authorization -> "[redacted]"; other headers unchanged.
HeaderList redactHeaders(HeaderList headers);
// Secret name=value pairs anywhere in text (forms, queries, Location headers, URLs inside
// HTML or JSON): access_token, refresh_token, id_token, code, code_verifier, client_secret,
// password, token, assertion and pre-signed URL signatures get the value [redacted].
std::string redactSecretParameters(std::string_view text);
// The same credentials as JSON members with string values: "access_token":"[redacted]"
// ("code" excluded: in JSON it is a Genesys error code, not a credential). A transcription
// event's words[] and decoratedWords[] become [] (a number spread one word per string).
std::string redactJsonFields(std::string_view json);
// A REST exchange as the traffic record keeps it: URL, headers and bodies redacted as
// above, bodies cut at maxBodyBytes. The overlay's ring and --record both use it.
TrafficEntry redactExchange(TrafficEntry exchange, std::size_t maxBodyBytes);
// A URL with its secret query parameters redacted.
std::string redactUrl(std::string_view url);
// Credentials removed, personal data masked, cut at maxBytes with a marker.
std::string redactBody(std::string_view body, std::size_t maxBytes);
// A line of free text (the panel's log file): what redactBody removes, JSON credential
// members even mid-sentence, and credentials written the way headers carry them
// ("Bearer <token>", "Basic <credentials>"). A bare token with nothing naming it cannot
// be recognised: the panel never writes one into a message.
std::string redactText(std::string_view text, std::size_t maxBytes = 16 * 1024);

}  // namespace redaction

}  // namespace net
