// The panel's REST client: HTTPS (or HTTP for a local gcsim) on one internal network
// thread. Callers on worker threads hand over a request and get the response in a
// callback; nothing here blocks the UI thread or touches ImGui.
//
// What it does for every request, so callers do not have to:
//  - TLS verified by default (system roots + an optional extra CA file, SNI, host name).
//  - Keep-alive connections reused, at most maxConnectionsPerHost per origin.
//  - Authorization: Bearer <token> from the token source; on a 401 the token is renewed
//    once and the request replayed once.
//  - The request budget (RequestBudget): User requests first, Background requests wait
//    when the budget is nearly spent; 429 Retry-After honoured (up to 180 s).
//  - Retries with exponential backoff and full jitter for idempotent requests on
//    502/503/504 and timeouts; a non-idempotent POST is never retried once it may have
//    reached the server.
//  - Every attempt recorded, redacted, in the TrafficLog given in the config.
#pragma once

#include "net/net_error.h"
#include "net/request_budget.h"
#include "net/traffic_log.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace net {

struct HttpClientConfig {
  std::string caFile;                                    // extra trusted CA (PEM), e.g. gcsim's; "" = none
  bool verifyTls = true;                                 // false only for explicit local experiments
  std::chrono::milliseconds connectTimeout{10'000};      // each of resolve, connect, TLS handshake
  std::chrono::milliseconds requestTimeout{30'000};      // writing the request and reading the response
  int maxConnectionsPerHost = 4;                         // keep-alive pool size per origin
  std::string userAgent = "supervisor-panel/1.0";
  std::size_t maxResponseBytes = 32 * 1024 * 1024;       // larger bodies fail with NetError::tooLarge
  int maxRetries = 3;                                    // for 5xx, timeouts and connection failures
  std::chrono::milliseconds retryBaseDelay{500};         // backoff: random(0, base * 2^attempt)
  std::chrono::milliseconds retryMaxDelay{10'000};       // backoff cap
  std::chrono::seconds maxRetryAfter{180};               // a longer 429 Retry-After gives up
  int maxRateLimitRetries = 5;                           // 429s honoured per request
  std::chrono::seconds idleConnectionLifetime{30};       // idle keep-alive connections closed after this
  RequestBudget::Config budget;                          // 300/min, 10% reserved for User requests
  std::shared_ptr<TrafficLog> trafficLog;                // where attempts are recorded; may be null
};

struct HttpRequest {
  std::string method = "GET";
  std::string url;                                       // absolute http(s) URL
  HeaderList headers;                                    // extra headers (Content-Type, Accept, ...)
  std::string body;
  Priority priority = Priority::Background;
  std::optional<bool> idempotent;                        // default: GET/HEAD/PUT/DELETE/OPTIONS yes, others no
  bool sendAuthorization = true;                         // false for the pre-signed transcript URL
  bool acceptGzip = false;                               // send Accept-Encoding: gzip; a gzipped answer is decoded
  std::string label;                                     // for people: "bootstrap users page 3"

  bool isIdempotent() const;
};

struct HttpResponse {
  int status = 0;                                        // 0 when no response arrived
  HeaderList headers;
  std::string body;                                      // decoded when it came gzipped
  std::size_t wireBytes = 0;                             // the body's size as received (before decoding)
  std::string correlationId;                             // ININ-Correlation-Id, when sent
  int retries = 0;                                       // attempts after the first (incl. 401 replay, 429 waits)
  std::chrono::microseconds latency{0};                  // from send() to completion
  NetError error = NetError::none;
  TlsFailure tlsFailure = TlsFailure::none;              // why, when error == NetError::tls
  std::string errorMessage;                              // a sentence for the UI when error != none

  bool ok() const { return error == NetError::none && status >= 200 && status < 300; }
  // Case-insensitive header lookup; empty when absent.
  std::string header(std::string_view name) const;
};

struct NetStats {
  int requestsLastMinute = 0;                            // requests this client sent in the rolling minute
  int budgetPerMinute = 0;                               // the limit (300 or what the server says)
  int budgetLeft = 0;                                    // what is left, counting the server's view
  int inFlight = 0;                                      // requests on the wire now
  int queued = 0;                                        // waiting for the budget, a connection or a retry delay
};

class HttpClient {
 public:
  using Config = HttpClientConfig;
  using Done = std::function<void(HttpResponse)>;
  // Returns the current access token (called on the network thread; keep it cheap).
  using CurrentToken = std::function<std::string()>;
  // Starts a renewal; calls the callback (from any thread) with true once a new token is
  // available from CurrentToken, or false if renewal failed.
  using Renew = std::function<void(std::function<void(bool renewed)>)>;

  explicit HttpClient(Config config = {});
  // Cancels what is still queued or in flight (their callbacks get NetError::cancelled)
  // and joins the network thread. Do not destroy the client from inside a callback.
  ~HttpClient();
  HttpClient(const HttpClient&) = delete;
  HttpClient& operator=(const HttpClient&) = delete;

  void setTokenSource(CurrentToken currentToken, Renew renew);

  // Thread-safe. `done` runs on the network thread exactly once: keep it short and hand
  // the work to your own thread; never call sendAndWait from it.
  void send(HttpRequest request, Done done);
  // Blocks the calling worker thread (never the UI thread) until the response.
  HttpResponse sendAndWait(HttpRequest request);

  NetStats stats() const;
  const Config& config() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

}  // namespace net
