#include "net/http_client.h"
#include "net/gzip.h"

#include "net/detail/connector.h"
#include "net/url.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <sys/socket.h>

#include <algorithm>
#include <cerrno>
#include <array>
#include <atomic>
#include <cctype>
#include <charconv>
#include <future>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <thread>

namespace net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

// [SECTION] Small helpers

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string headerIn(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (equalsIgnoreCase(key, name)) return value;
  return {};
}

std::optional<long> parseWholeNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value < 0) return std::nullopt;
  return value;
}

std::optional<int> headerNumber(const HeaderList& headers, std::string_view name) {
  const auto value = parseWholeNumber(headerIn(headers, name));
  if (!value || *value > std::numeric_limits<int>::max()) return std::nullopt;
  return static_cast<int>(*value);
}

bool isRetryableStatus(int status) { return status == 502 || status == 503 || status == 504; }

HttpResponse cancelledResponse() {
  HttpResponse response;
  response.error = NetError::cancelled;
  response.errorMessage = "The request was cancelled because the network client is shutting down.";
  return response;
}

std::chrono::microseconds since(SteadyClock::time_point start) {
  return std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - start);
}

}  // namespace

bool HttpRequest::isIdempotent() const {
  if (idempotent) return *idempotent;
  static constexpr std::array<std::string_view, 5> kIdempotentMethods = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
  return std::any_of(kIdempotentMethods.begin(), kIdempotentMethods.end(),
                     [&](std::string_view known) { return equalsIgnoreCase(method, known); });
}

std::string HttpResponse::header(std::string_view name) const { return headerIn(headers, name); }

// [SECTION] Connections and exchanges

namespace {

// One keep-alive connection to an origin; plain or TLS.
struct Connection {
  Connection(asio::io_context& io, const detail::TlsContext& tlsContext, const Url& url)
      : origin(url.originKey()), secure(url.secure()) {
    if (secure) tls.emplace(io, *tlsContext.context);
    else plain.emplace(io);
  }

  beast::tcp_stream& tcp() { return secure ? tls->next_layer() : *plain; }
  void close() {
    error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
  }
  // An idle keep-alive connection the server has closed (or wrote to unasked) would
  // fail the next request after it may have been sent; peek at the socket instead.
  bool stillUsable(SteadyClock::time_point now, std::chrono::seconds idleLifetime) {
    if (!connected || !tcp().socket().is_open() || now - idleSince > idleLifetime) return false;
    char probe;
    const auto received = ::recv(tcp().socket().native_handle(), &probe, 1, MSG_PEEK | MSG_DONTWAIT);
    return received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK);
  }

  std::string origin;
  bool secure;
  bool connected = false;
  std::optional<beast::tcp_stream> plain;
  std::optional<detail::TlsStream> tls;
  detail::TlsVerdict tlsVerdict;
  beast::flat_buffer buffer;
  SteadyClock::time_point idleSince{};
};

struct Pool {
  std::vector<std::shared_ptr<Connection>> idle;
  int open = 0;  // idle + busy + connecting
};

struct Exchange {
  Exchange(asio::io_context& io, HttpRequest request, HttpClient::Done done)
      : request(std::move(request)), done(std::move(done)), timer(io) {}

  HttpRequest request;
  HttpClient::Done done;
  Url url;
  bool idempotent = false;
  SteadyClock::time_point startedAt = SteadyClock::now();
  int retries = 0;              // every attempt after the first
  int failureRetries = 0;       // those for 5xx, timeouts and connection failures
  int rateLimitWaits = 0;       // those after a 429
  bool replayedAfter401 = false;
  bool admitted = false;
  asio::steady_timer timer;     // waiting for admission, or a retry delay
  std::shared_ptr<Connection> connection;
  detail::ConnectCancel connectCancel;
};

// The outcome of one attempt on the wire.
struct Attempt {
  HttpResponse response;
  bool mayHaveReachedServer = false;  // false: the request certainly was not sent
  std::string tokenUsed;
  std::chrono::microseconds queued{0}, connect{0}, waiting{0}, reading{0};  // TrafficEntry's phases
};

}  // namespace

// [SECTION] Impl: everything below runs on the network thread unless it says otherwise

struct HttpClient::Impl : std::enable_shared_from_this<HttpClient::Impl> {
  explicit Impl(Config configIn)
      : config(std::move(configIn)),
        tlsContext(detail::makeTlsContext(config.caFile, config.verifyTls)),
        work(asio::make_work_guard(io)),
        budget(config.budget),
        budgetTimer(io),
        random(std::random_device{}()) {
    config.maxConnectionsPerHost = std::max(1, config.maxConnectionsPerHost);
  }

  // --- called from any thread
  void start() { thread = std::thread([this] { io.run(); }); }
  void stop();
  void submit(HttpRequest request, Done done);
  NetStats stats();

  // --- network thread
  void begin(std::shared_ptr<Exchange> exchange);
  asio::awaitable<void> run(std::shared_ptr<Exchange> exchange);
  asio::awaitable<void> waitForTurn(const std::shared_ptr<Exchange>& exchange);
  bool canRenew();
  asio::awaitable<Attempt> attemptOnce(Exchange& exchange);
  template <class Stream>
  asio::awaitable<void> writeAndRead(Stream& stream, Connection& connection,
                                     http::request<http::string_body>& request,
                                     http::response_parser<http::string_body>& parser, error_code& ec,
                                     SteadyClock::time_point& headerAt);  // set when the header is in
  asio::awaitable<bool> renewToken(const std::string& rejectedToken);
  asio::awaitable<void> sleepFor(Exchange& exchange, std::chrono::milliseconds delay);
  void finishRenewal(bool renewed);

  void pump();
  bool hasCapacity(const std::string& origin);
  std::shared_ptr<Connection> takeConnection(const Url& url);
  void release(const std::shared_ptr<Connection>& connection, bool reusable);
  void armBudgetTimer(SteadyClock::time_point when);
  std::chrono::milliseconds backoff(int failureRetries);
  void decodeContent(HttpResponse& response) const;
  void record(const Exchange& exchange, const Attempt& attempt, const http::request<http::string_body>* sent,
              std::chrono::system_clock::time_point startedAt, int budgetLeft, std::chrono::microseconds latency);
  void deliver(const std::shared_ptr<Exchange>& exchange, HttpResponse response);
  void shutdownOnNetworkThread();

  Config config;
  detail::TlsContext tlsContext;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::thread thread;
  bool shuttingDown = false;

  std::mutex budgetMutex;  // stats() reads it from other threads
  RequestBudget budget;
  asio::steady_timer budgetTimer;
  std::optional<SteadyClock::time_point> budgetTimerArmedFor;

  std::array<std::deque<std::shared_ptr<Exchange>>, 2> queues;  // [0] User, [1] Background
  std::map<std::string, Pool> pools;
  std::set<std::shared_ptr<Exchange>> live;
  std::atomic<int> active{0};
  std::atomic<int> inFlight{0};

  std::mutex tokenMutex;
  CurrentToken currentToken;
  Renew renew;
  bool renewing = false;
  std::vector<std::function<void(bool)>> renewalWaiters;

  std::mt19937 random;
};

void HttpClient::Impl::submit(HttpRequest request, Done done) {
  auto exchange = std::make_shared<Exchange>(io, std::move(request), std::move(done));
  asio::post(io, [self = shared_from_this(), exchange] { self->begin(exchange); });
}

void HttpClient::Impl::begin(std::shared_ptr<Exchange> exchange) {
  active.fetch_add(1);  // here, not in submit(): once counted, it is on this thread's queue
  if (shuttingDown) {
    return deliver(exchange, cancelledResponse());
  }
  std::string whyNot;
  auto url = parseUrl(exchange->request.url, &whyNot);
  if (url && url->scheme != "http" && url->scheme != "https") {
    url.reset();
    whyNot = "HttpClient sends only http and https requests, not \"" + exchange->request.url + "\".";
  }
  if (!url) {
    HttpResponse invalid;
    invalid.error = NetError::invalidRequest;
    invalid.errorMessage = whyNot;
    return deliver(exchange, std::move(invalid));
  }
  exchange->url = std::move(*url);
  exchange->idempotent = exchange->request.isIdempotent();
  live.insert(exchange);
  asio::co_spawn(io, run(exchange), [](std::exception_ptr) {});  // run() never lets an exception out
}

asio::awaitable<void> HttpClient::Impl::run(std::shared_ptr<Exchange> exchange) {
  HttpResponse response;
  try {
    for (;;) {
      co_await waitForTurn(exchange);
      if (!exchange->admitted) {  // woken by shutdown
        response = cancelledResponse();
        break;
      }
      Attempt attempt = co_await attemptOnce(*exchange);
      response = std::move(attempt.response);
      if (shuttingDown) {
        response = cancelledResponse();
        break;
      }

      // Connection-level failures.
      if (response.error != NetError::none) {
        const bool transient = response.error == NetError::timeout || response.error == NetError::closed ||
                               response.error == NetError::connect;
        const bool safeToRepeat = !attempt.mayHaveReachedServer || exchange->idempotent;
        if (transient && safeToRepeat && exchange->failureRetries < config.maxRetries) {
          co_await sleepFor(*exchange, backoff(exchange->failureRetries));
          ++exchange->failureRetries;
          ++exchange->retries;
          continue;
        }
        break;
      }

      // 401: renew the token once and replay once.
      if (response.status == 401 && exchange->request.sendAuthorization && !exchange->replayedAfter401 && canRenew()) {
        if (co_await renewToken(attempt.tokenUsed)) {
          exchange->replayedAfter401 = true;
          ++exchange->retries;
          continue;
        }
        response.errorMessage = "The session was refused and could not be renewed; please sign in again.";
        break;
      }

      // 429: the request was not processed, so any method may be repeated after the wait.
      if (response.status == 429) {
        const auto retryAfter = headerNumber(response.headers, "Retry-After");
        if (retryAfter && std::chrono::seconds(*retryAfter) > config.maxRetryAfter) {
          response.error = NetError::rateLimitedTooLong;
          response.errorMessage = "Genesys Cloud asked to wait " + std::to_string(*retryAfter) +
                                  " s before trying again (more than " + std::to_string(config.maxRetryAfter.count()) +
                                  " s), so the request was not repeated.";
          break;
        }
        if (exchange->rateLimitWaits >= config.maxRateLimitRetries) {
          response.errorMessage = "Genesys Cloud kept refusing the request for too many requests; try again later.";
          break;
        }
        // Without a usable Retry-After, wait at least a second: the budget is spent now.
        const auto delay = retryAfter ? std::chrono::milliseconds(std::chrono::seconds(*retryAfter))
                                      : std::chrono::milliseconds(1000) + backoff(exchange->rateLimitWaits);
        {
          std::lock_guard lock(budgetMutex);
          budget.pauseUntil(SteadyClock::now() + delay);  // the whole token is throttled, not just this request
        }
        co_await sleepFor(*exchange, delay);
        ++exchange->rateLimitWaits;
        ++exchange->retries;
        continue;
      }

      if (isRetryableStatus(response.status) && exchange->idempotent &&
          exchange->failureRetries < config.maxRetries) {
        co_await sleepFor(*exchange, backoff(exchange->failureRetries));
        ++exchange->failureRetries;
        ++exchange->retries;
        continue;
      }
      break;
    }
  } catch (const std::exception& error) {
    response = HttpResponse{};
    response.error = NetError::closed;
    response.errorMessage = std::string("The request failed unexpectedly: ") + error.what();
  } catch (...) {
    response = HttpResponse{};
    response.error = NetError::closed;
    response.errorMessage = "The request failed unexpectedly.";
  }
  deliver(exchange, std::move(response));
}

asio::awaitable<void> HttpClient::Impl::waitForTurn(const std::shared_ptr<Exchange>& exchange) {
  exchange->admitted = false;
  if (shuttingDown) co_return;
  const std::size_t queueIndex = exchange->request.priority == Priority::User ? 0 : 1;
  queues[queueIndex].push_back(exchange);
  pump();
  if (exchange->admitted) co_return;
  // pump() cancels this wait when it admits the exchange; so does shutdown.
  exchange->timer.expires_at(SteadyClock::time_point::max());
  error_code ignored;
  co_await exchange->timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

bool HttpClient::Impl::canRenew() {
  std::lock_guard lock(tokenMutex);
  return static_cast<bool>(renew);
}

bool HttpClient::Impl::hasCapacity(const std::string& origin) {
  Pool& pool = pools[origin];
  return !pool.idle.empty() || pool.open < config.maxConnectionsPerHost;
}

void HttpClient::Impl::pump() {
  if (shuttingDown) return;
  const std::array<Priority, 2> order = {Priority::User, Priority::Background};
  for (std::size_t index = 0; index < order.size(); ++index) {
    auto& queue = queues[index];
    for (auto it = queue.begin(); it != queue.end();) {
      const std::shared_ptr<Exchange> exchange = *it;
      if (!hasCapacity(exchange->url.originKey())) {  // that host is busy; others may not be
        ++it;
        continue;
      }
      bool admitted;
      {
        std::lock_guard lock(budgetMutex);
        admitted = budget.tryAcquire(order[index]);
        if (!admitted) armBudgetTimer(budget.nextAdmission(order[index]));
      }
      if (!admitted) break;  // this priority waits; the next one is checked on its own
      exchange->connection = takeConnection(exchange->url);
      exchange->admitted = true;
      it = queue.erase(it);
      exchange->timer.cancel();
    }
  }
}

void HttpClient::Impl::armBudgetTimer(SteadyClock::time_point when) {
  if (budgetTimerArmedFor && *budgetTimerArmedFor <= when) return;
  budgetTimerArmedFor = when;
  budgetTimer.expires_at(when);
  budgetTimer.async_wait([this](error_code ec) {
    if (ec) return;  // re-armed earlier, or shutting down
    budgetTimerArmedFor.reset();
    pump();
  });
}

std::shared_ptr<Connection> HttpClient::Impl::takeConnection(const Url& url) {
  Pool& pool = pools[url.originKey()];
  const auto now = SteadyClock::now();
  while (!pool.idle.empty()) {
    auto connection = std::move(pool.idle.back());  // the most recently used is the likeliest alive
    pool.idle.pop_back();
    if (connection->stillUsable(now, config.idleConnectionLifetime)) return connection;
    connection->close();
    --pool.open;
  }
  ++pool.open;
  return std::make_shared<Connection>(io, tlsContext, url);
}

void HttpClient::Impl::release(const std::shared_ptr<Connection>& connection, bool reusable) {
  Pool& pool = pools[connection->origin];
  if (reusable && !shuttingDown) {
    connection->idleSince = SteadyClock::now();
    pool.idle.push_back(connection);
  } else {
    connection->close();
    --pool.open;
  }
  pump();
}

std::chrono::milliseconds HttpClient::Impl::backoff(int previousRetries) {
  // Full jitter: uniform in [0, min(cap, base * 2^n)].
  const auto base = config.retryBaseDelay.count();
  const auto ceiling = std::min<long long>(config.retryMaxDelay.count(), base << std::min(previousRetries, 20));
  std::uniform_int_distribution<long long> pick(0, std::max<long long>(0, ceiling));
  return std::chrono::milliseconds(pick(random));
}

asio::awaitable<void> HttpClient::Impl::sleepFor(Exchange& exchange, std::chrono::milliseconds delay) {
  if (shuttingDown) co_return;
  exchange.timer.expires_after(delay);
  error_code ignored;
  co_await exchange.timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
}

template <class Stream>
asio::awaitable<void> HttpClient::Impl::writeAndRead(Stream& stream, Connection& connection,
                                                     http::request<http::string_body>& request,
                                                     http::response_parser<http::string_body>& parser,
                                                     error_code& ec, SteadyClock::time_point& headerAt) {
  // One deadline for writing the request and reading the whole response.
  connection.tcp().expires_after(config.requestTimeout);
  co_await http::async_write(stream, request, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  // The header first, then the body with the same parser: the time between is "reading".
  co_await http::async_read_header(stream, connection.buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
  headerAt = SteadyClock::now();
  if (ec || parser.is_done()) co_return;
  co_await http::async_read(stream, connection.buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
}

asio::awaitable<Attempt> HttpClient::Impl::attemptOnce(Exchange& exchange) {
  Attempt attempt;
  HttpResponse& response = attempt.response;
  const auto wallStart = std::chrono::system_clock::now();
  const auto start = SteadyClock::now();
  int budgetLeft;
  {
    std::lock_guard lock(budgetMutex);
    budgetLeft = budget.left();
  }
  inFlight.fetch_add(1);
  // The exchange keeps a reference too, so that shutdown can close it mid-request.
  std::shared_ptr<Connection> connection = exchange.connection;
  if (exchange.retries == 0) attempt.queued = std::chrono::duration_cast<std::chrono::microseconds>(start - exchange.startedAt);

  if (!connection->connected) {
    beast::tcp_stream& tcp = connection->tcp();
    auto outcome = co_await detail::connectAndHandshake(tcp, connection->tls ? &*connection->tls : nullptr,
                                                        connection->tlsVerdict, tlsContext, exchange.url,
                                                        config.connectTimeout, exchange.connectCancel);
    if (outcome.error != NetError::none) {
      response.error = outcome.error;
      response.tlsFailure = outcome.tlsFailure;
      response.errorMessage = std::move(outcome.message);
      inFlight.fetch_sub(1);
      exchange.connection.reset();
      release(connection, false);
      record(exchange, attempt, nullptr, wallStart, budgetLeft, since(start));
      co_return attempt;
    }
    connection->connected = true;
    attempt.connect = since(start);  // the attempt began with it
  }

  http::request<http::string_body> request;
  const http::verb verb = http::string_to_verb(exchange.request.method);
  if (verb == http::verb::unknown) request.method_string(exchange.request.method);
  else request.method(verb);
  request.target(exchange.url.target);
  request.version(11);
  request.set(http::field::host, exchange.url.hostHeader());
  if (!config.userAgent.empty()) request.set(http::field::user_agent, config.userAgent);
  for (const auto& [name, value] : exchange.request.headers) request.insert(name, value);
  if (exchange.request.acceptGzip) request.set(http::field::accept_encoding, "gzip");
  if (exchange.request.sendAuthorization) {
    CurrentToken tokenSource;
    {
      std::lock_guard lock(tokenMutex);
      tokenSource = currentToken;
    }
    if (tokenSource) attempt.tokenUsed = tokenSource();
    if (!attempt.tokenUsed.empty()) request.set(http::field::authorization, "Bearer " + attempt.tokenUsed);
  }
  request.body() = exchange.request.body;
  request.keep_alive(true);
  request.prepare_payload();

  http::response_parser<http::string_body> parser;
  parser.body_limit(config.maxResponseBytes);
  if (verb == http::verb::head) parser.skip(true);  // a HEAD response has headers only

  error_code ec;
  attempt.mayHaveReachedServer = true;
  const auto writeAt = SteadyClock::now();
  SteadyClock::time_point headerAt = writeAt;
  if (connection->secure) co_await writeAndRead(*connection->tls, *connection, request, parser, ec, headerAt);
  else co_await writeAndRead(*connection->plain, *connection, request, parser, ec, headerAt);
  attempt.waiting = std::chrono::duration_cast<std::chrono::microseconds>(headerAt - writeAt);
  attempt.reading = std::chrono::duration_cast<std::chrono::microseconds>(SteadyClock::now() - headerAt);
  inFlight.fetch_sub(1);
  exchange.connection.reset();

  if (ec) {
    response.error = detail::classifyTransferError(ec);
    switch (response.error) {
      case NetError::timeout:
        response.errorMessage = "The server at " + exchange.url.hostHeader() + " did not answer within " +
                                std::to_string(config.requestTimeout.count()) + " ms.";
        break;
      case NetError::tooLarge:
        response.errorMessage = "The response from " + exchange.url.hostHeader() + " was larger than " +
                                std::to_string(config.maxResponseBytes) + " bytes and was dropped.";
        break;
      case NetError::cancelled:
        response = cancelledResponse();
        break;
      default:
        response.errorMessage = "The connection to " + exchange.url.hostHeader() +
                                " was closed before a complete answer arrived (" + ec.message() + ").";
    }
    release(connection, false);
  } else {
    auto& message = parser.get();
    response.status = static_cast<int>(message.result_int());
    for (const auto& field : message) response.headers.emplace_back(field.name_string(), field.value());
    response.body = std::move(message.body());
    response.wireBytes = response.body.size();
    decodeContent(response);
    response.correlationId = response.header("ININ-Correlation-Id");
    {
      std::lock_guard lock(budgetMutex);
      budget.updateFromServer(headerNumber(response.headers, "inin-ratelimit-allowed"),
                              headerNumber(response.headers, "inin-ratelimit-count"),
                              headerNumber(response.headers, "inin-ratelimit-reset"));
    }
    release(connection, message.keep_alive());
  }
  record(exchange, attempt, &request, wallStart, budgetLeft, since(start));
  co_return attempt;
}

// A gzipped body (Content-Encoding: gzip, RFC 9110 section 8.4) is handed on decoded; one
// that does not decode is a failed transfer, never shown as garbage.
void HttpClient::Impl::decodeContent(HttpResponse& response) const {
  std::string coding = response.header("Content-Encoding");
  std::transform(coding.begin(), coding.end(), coding.begin(), [](unsigned char c) { return std::tolower(c); });
  if (coding != "gzip" && coding != "x-gzip") return;
  if (auto decoded = gunzip(response.body, config.maxResponseBytes)) {
    response.body = std::move(*decoded);
    return;
  }
  response.error = NetError::closed;
  response.errorMessage = "The answer was marked gzip but could not be decoded (or was larger than " +
                          std::to_string(config.maxResponseBytes) + " bytes decoded).";
}

void HttpClient::Impl::record(const Exchange& exchange, const Attempt& attempt,
                              const http::request<http::string_body>* sent,
                              std::chrono::system_clock::time_point startedAt, int budgetLeft,
                              std::chrono::microseconds latency) {
  if (!config.trafficLog) return;
  TrafficEntry entry;
  entry.time = startedAt;
  entry.method = exchange.request.method;
  entry.url = exchange.request.url;
  entry.path = exchange.url.target;
  entry.status = attempt.response.status;
  entry.latency = latency;
  entry.queued = attempt.queued;
  entry.connect = attempt.connect;
  entry.waiting = attempt.waiting;
  entry.reading = attempt.reading;
  entry.bytesIn = attempt.response.body.size();
  entry.bytesOut = exchange.request.body.size();
  entry.label = exchange.request.label;
  entry.retries = exchange.retries;
  entry.correlationId = attempt.response.correlationId;
  entry.budgetLeft = budgetLeft;
  if (sent)
    for (const auto& field : *sent) entry.requestHeaders.emplace_back(field.name_string(), field.value());
  else
    entry.requestHeaders = exchange.request.headers;
  entry.responseHeaders = attempt.response.headers;
  entry.requestBody = exchange.request.body;
  entry.responseBody = attempt.response.body;
  entry.errorMessage = attempt.response.errorMessage;
  config.trafficLog->recordHttp(std::move(entry));  // redacts
}

asio::awaitable<bool> HttpClient::Impl::renewToken(const std::string& rejectedToken) {
  CurrentToken tokenSource;
  Renew renewer;
  {
    std::lock_guard lock(tokenMutex);
    tokenSource = currentToken;
    renewer = renew;
  }
  // Another request already renewed since this one was sent: just replay.
  if (tokenSource && tokenSource() != rejectedToken) co_return true;
  if (!renewer || shuttingDown) co_return false;

  asio::steady_timer wakeUp(io, SteadyClock::time_point::max());
  auto result = std::make_shared<std::optional<bool>>();
  renewalWaiters.push_back([result, &wakeUp](bool renewed) {
    *result = renewed;
    wakeUp.cancel();
  });
  if (!renewing) {  // one renewal for every request that met the same 401
    renewing = true;
    std::weak_ptr<Impl> weakSelf = weak_from_this();
    auto report = [weakSelf](bool renewed) {
      if (auto self = weakSelf.lock()) asio::post(self->io, [self, renewed] { self->finishRenewal(renewed); });
    };
    try {
      renewer(report);
    } catch (...) {
      report(false);  // a throwing renewer is a failed renewal, not a stuck one
    }
  }
  error_code ignored;
  co_await wakeUp.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
  co_return result->value_or(false);
}

void HttpClient::Impl::finishRenewal(bool renewed) {
  renewing = false;
  auto waiters = std::move(renewalWaiters);
  renewalWaiters.clear();
  for (auto& waiter : waiters) waiter(renewed);
}

void HttpClient::Impl::deliver(const std::shared_ptr<Exchange>& exchange, HttpResponse response) {
  response.retries = exchange->retries;
  response.latency = since(exchange->startedAt);
  live.erase(exchange);
  active.fetch_sub(1);
  if (!exchange->done) return;
  try {
    exchange->done(std::move(response));
  } catch (...) {
    // A throwing callback must not take the network thread down with it.
  }
}

void HttpClient::Impl::shutdownOnNetworkThread() {
  shuttingDown = true;
  budgetTimer.cancel();
  for (auto& queue : queues) queue.clear();
  for (const auto& exchange : live) {
    exchange->timer.cancel();
    if (exchange->connectCancel.resolver) exchange->connectCancel.resolver->cancel();
    if (exchange->connection) exchange->connection->close();
  }
  for (auto& [origin, pool] : pools) {
    for (auto& connection : pool.idle) connection->close();
    pool.idle.clear();
  }
  finishRenewal(false);
}

void HttpClient::Impl::stop() {
  asio::post(io, [self = shared_from_this()] { self->shutdownOnNetworkThread(); });
  work.reset();
  if (thread.joinable()) thread.join();
}

NetStats HttpClient::Impl::stats() {
  NetStats stats;
  {
    std::lock_guard lock(budgetMutex);
    stats.requestsLastMinute = budget.requestsLastMinute();
    stats.budgetPerMinute = budget.limit();
    stats.budgetLeft = budget.left();
  }
  stats.inFlight = inFlight.load();
  stats.queued = std::max(0, active.load() - stats.inFlight);
  return stats;
}

// [SECTION] HttpClient

HttpClient::HttpClient(Config config) : impl_(std::make_shared<Impl>(std::move(config))) { impl_->start(); }

HttpClient::~HttpClient() { impl_->stop(); }

void HttpClient::setTokenSource(CurrentToken currentToken, Renew renew) {
  std::lock_guard lock(impl_->tokenMutex);
  impl_->currentToken = std::move(currentToken);
  impl_->renew = std::move(renew);
}

void HttpClient::send(HttpRequest request, Done done) { impl_->submit(std::move(request), std::move(done)); }

HttpResponse HttpClient::sendAndWait(HttpRequest request) {
  if (std::this_thread::get_id() == impl_->thread.get_id()) {
    HttpResponse refused;
    refused.error = NetError::invalidRequest;
    refused.errorMessage = "sendAndWait was called on the network thread, where it would wait forever.";
    return refused;
  }
  auto promise = std::make_shared<std::promise<HttpResponse>>();
  auto future = promise->get_future();
  send(std::move(request), [promise](HttpResponse response) { promise->set_value(std::move(response)); });
  return future.get();
}

NetStats HttpClient::stats() const { return impl_->stats(); }

const HttpClient::Config& HttpClient::config() const { return impl_->config; }

}  // namespace net
