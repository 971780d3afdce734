// A WebSocket client for the notifications channel (ws:// for a local gcsim, wss:// for
// Genesys), on its own network thread, with the same TLS rules as HttpClient.
// Callbacks run on that thread: keep them short and hand the work on. Writes are
// queued, one in flight at a time. Silence is the caller's business: a watchdog reads
// lastMessageAt() and reconnects when the heartbeats stop.
#pragma once

#include "net/net_error.h"
#include "net/traffic_log.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>

namespace net {

struct WebSocketConfig {
  std::string caFile;                                // extra trusted CA (PEM); "" = none
  bool verifyTls = true;
  std::chrono::milliseconds connectTimeout{10'000};  // each of resolve, connect, TLS and WebSocket handshakes
  std::size_t maxMessageBytes = 16 * 1024 * 1024;    // a larger message closes the socket (NetError::tooLarge)
  std::string userAgent = "supervisor-panel/1.0";
  std::shared_ptr<TrafficLog> trafficLog;            // where messages are recorded; may be null
};

struct WebSocketClose {
  NetError error = NetError::none;  // none: an orderly close by either side
  TlsFailure tlsFailure = TlsFailure::none;
  int code = 0;                     // the WebSocket close code, when a close frame arrived
  bool byClient = false;            // we asked for it (close())
  std::string reason;               // a sentence for people (with the server's reason, if any)
};

struct WebSocketCallbacks {
  std::function<void()> onOpen;
  // `sequence`: the message's number in the traffic log (TrafficEntry::sequence), 0 without one.
  std::function<void(std::string message, std::uint64_t sequence)> onMessage;
  std::function<void(const WebSocketClose& close)> onClose;  // exactly once per connect(), even if it never opened
};

class WebSocketClient {
 public:
  explicit WebSocketClient(WebSocketConfig config = {});
  // Drops the connection without calling onClose (the owner is going away) and joins.
  ~WebSocketClient();
  WebSocketClient(const WebSocketClient&) = delete;
  WebSocketClient& operator=(const WebSocketClient&) = delete;

  // Starts connecting. A connection still open from an earlier connect() is dropped
  // first (its onClose runs). A bad URL reports through onClose (NetError::invalidRequest).
  void connect(std::string url, WebSocketCallbacks callbacks);
  // Queues a text message; ignored unless open (returns false then).
  bool send(std::string text);
  // Sends a close frame after the queued messages; onClose follows.
  void close();

  bool isOpen() const;
  // When the last message arrived (or the socket opened); the watchdog's input.
  std::chrono::steady_clock::time_point lastMessageAt() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace net
