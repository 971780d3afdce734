#include "net/websocket_client.h"

#include "net/detail/connector.h"
#include "net/url.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <atomic>
#include <deque>
#include <optional>
#include <thread>

namespace net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using boost::system::error_code;
using SteadyClock = std::chrono::steady_clock;

namespace {

// One connect() and everything that happens on that socket until it closes.
struct Session {
  Url url;
  std::string urlText;                  // as given, for the traffic record
  std::uint64_t trafficId = 0;          // the traffic record's number for this socket
  WebSocketCallbacks callbacks;
  std::optional<websocket::stream<beast::tcp_stream>> plain;
  std::optional<websocket::stream<detail::TlsStream>> tls;
  detail::TlsVerdict tlsVerdict;
  detail::ConnectCancel connectCancel;
  std::deque<std::string> outbox;       // queued text; the front one may be on the wire
  std::function<void()> startWriter;    // set once open (it knows the stream type)
  bool writing = false;
  bool open = false;
  bool closeRequested = false;          // close(): send a close frame after the outbox
  bool droppedByClient = false;         // replaced, or the client is going away
  bool finished = false;

  beast::tcp_stream& tcp() { return tls ? beast::get_lowest_layer(*tls) : beast::get_lowest_layer(*plain); }
  void drop() {
    droppedByClient = true;
    if (connectCancel.resolver) connectCancel.resolver->cancel();
    error_code ignored;
    tcp().socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
    tcp().socket().close(ignored);
  }
};

template <class Callback, class... Args>
void invokeSafely(const Callback& callback, Args&&... args) {
  if (!callback) return;
  try {
    callback(std::forward<Args>(args)...);
  } catch (...) {
    // A throwing callback must not take the network thread down with it.
  }
}

}  // namespace

struct WebSocketClient::Impl : std::enable_shared_from_this<WebSocketClient::Impl> {
  explicit Impl(WebSocketConfig configIn)
      : config(std::move(configIn)),
        tlsContext(detail::makeTlsContext(config.caFile, config.verifyTls)),
        work(asio::make_work_guard(io)) {}

  void begin(std::string urlText, WebSocketCallbacks callbacks);
  template <class Ws>
  asio::awaitable<void> converse(std::shared_ptr<Session> session, Ws& ws, detail::TlsStream* tlsLayer);
  template <class Ws>
  asio::awaitable<void> writeQueued(std::shared_ptr<Session> session, Ws& ws);
  void finish(const std::shared_ptr<Session>& session, WebSocketClose close);
  void touch() { lastMessageNanos.store(SteadyClock::now().time_since_epoch().count()); }

  WebSocketConfig config;
  detail::TlsContext tlsContext;
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  std::thread thread;
  bool shuttingDown = false;
  std::shared_ptr<Session> current;  // network thread only
  std::atomic<bool> openNow{false};
  std::atomic<SteadyClock::rep> lastMessageNanos{0};
};

void WebSocketClient::Impl::begin(std::string urlText, WebSocketCallbacks callbacks) {
  if (current) current->drop();  // its read loop ends and reports onClose
  auto session = std::make_shared<Session>();
  session->callbacks = std::move(callbacks);
  std::string whyNot;
  auto url = parseUrl(urlText, &whyNot);
  if (url && url->scheme != "ws" && url->scheme != "wss") {
    url.reset();
    whyNot = "A WebSocket URL must start with ws:// or wss://, not \"" + urlText + "\".";
  }
  if (!url) return finish(session, {NetError::invalidRequest, TlsFailure::none, 0, false, whyNot});
  session->url = std::move(*url);
  session->urlText = std::move(urlText);
  static std::atomic<std::uint64_t> nextTrafficId{1};
  session->trafficId = nextTrafficId++;
  current = session;
  if (session->url.secure()) {
    session->tls.emplace(io, *tlsContext.context);
    asio::co_spawn(io, converse(session, *session->tls, &session->tls->next_layer()), asio::detached);
  } else {
    session->plain.emplace(io);
    asio::co_spawn(io, converse(session, *session->plain, nullptr), asio::detached);
  }
}

template <class Ws>
asio::awaitable<void> WebSocketClient::Impl::converse(std::shared_ptr<Session> session, Ws& ws,
                                                      detail::TlsStream* tlsLayer) {
  const Url& url = session->url;
  beast::tcp_stream& tcp = beast::get_lowest_layer(ws);
  auto outcome = co_await detail::connectAndHandshake(tcp, tlsLayer, session->tlsVerdict, tlsContext, url,
                                                      config.connectTimeout, session->connectCancel);
  if (outcome.error != NetError::none)
    co_return finish(session, {outcome.error, outcome.tlsFailure, 0, session->droppedByClient, outcome.message});

  // From here Beast's WebSocket timeouts replace the TCP stream's.
  tcp.expires_never();
  auto timeouts = websocket::stream_base::timeout::suggested(beast::role_type::client);
  timeouts.handshake_timeout = config.connectTimeout;
  ws.set_option(timeouts);
  ws.set_option(websocket::stream_base::decorator(
      [userAgent = config.userAgent](websocket::request_type& request) {
        if (!userAgent.empty()) request.set(beast::http::field::user_agent, userAgent);
      }));
  ws.read_message_max(config.maxMessageBytes);
  error_code ec;
  co_await ws.async_handshake(url.hostHeader(), url.target, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) {
    const NetError error = ec == beast::error::timeout ? NetError::timeout : NetError::connect;
    co_return finish(session, {error, TlsFailure::none, 0, session->droppedByClient,
                               "The WebSocket handshake with " + url.hostHeader() + " failed (" + ec.message() + ")."});
  }

  session->open = true;
  if (session == current) openNow.store(true);
  if (config.trafficLog) config.trafficLog->recordWebSocketOpen(session->trafficId, session->urlText);
  touch();
  session->startWriter = [this, session, &ws] {
    if (session->writing) return;
    session->writing = true;
    asio::co_spawn(io, writeQueued(session, ws), asio::detached);
  };
  if (!session->outbox.empty() || session->closeRequested) session->startWriter();
  invokeSafely(session->callbacks.onOpen);

  beast::flat_buffer buffer;
  for (;;) {
    co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    std::string message = beast::buffers_to_string(buffer.data());
    buffer.consume(buffer.size());
    touch();
    const std::uint64_t sequence =
        config.trafficLog ? config.trafficLog->recordWebSocket(TrafficEntry::Direction::received, message, session->trafficId)
                          : 0;
    invokeSafely(session->callbacks.onMessage, std::move(message), sequence);
  }

  WebSocketClose close;
  close.byClient = session->closeRequested || session->droppedByClient;
  close.code = ws.reason().code;
  if (session->closeRequested) {
    // Our close frame went out; how the read ends (closed, aborted) does not matter.
    close.reason = "The panel closed the notification socket.";
  } else if (ec == websocket::error::closed) {
    const std::string serverReason(ws.reason().reason.c_str());
    close.reason = "The server closed the notification socket (code " + std::to_string(close.code) +
                   (serverReason.empty() ? "" : ": " + serverReason) + ").";
  } else if (session->droppedByClient) {
    close.reason = "The panel dropped the notification socket.";
  } else {
    close.error = detail::classifyTransferError(ec);
    if (close.error == NetError::cancelled) close.error = NetError::closed;
    close.reason = "The notification socket to " + url.hostHeader() + " broke (" + ec.message() + ").";
  }
  finish(session, std::move(close));
}

template <class Ws>
asio::awaitable<void> WebSocketClient::Impl::writeQueued(std::shared_ptr<Session> session, Ws& ws) {
  error_code ec;
  while (!session->outbox.empty() && !ec) {
    const std::string& message = session->outbox.front();  // deque: stays put while more are queued
    ws.text(true);
    co_await ws.async_write(asio::buffer(message), asio::redirect_error(asio::use_awaitable, ec));
    session->outbox.pop_front();
  }
  if (!ec && session->closeRequested && session->open)
    co_await ws.async_close(websocket::close_code::normal, asio::redirect_error(asio::use_awaitable, ec));
  // A failed write also fails the read loop, which reports the close.
  session->writing = false;
}

void WebSocketClient::Impl::finish(const std::shared_ptr<Session>& session, WebSocketClose close) {
  if (session->finished) return;
  session->finished = true;
  session->open = false;
  session->startWriter = nullptr;  // it holds the session: break the cycle
  session->outbox.clear();
  if (session == current) {
    current.reset();
    openNow.store(false);
  }
  if (!shuttingDown) invokeSafely(session->callbacks.onClose, close);
}

WebSocketClient::WebSocketClient(WebSocketConfig config) : impl_(std::make_shared<Impl>(std::move(config))) {
  impl_->thread = std::thread([impl = impl_.get()] { impl->io.run(); });
}

WebSocketClient::~WebSocketClient() {
  asio::post(impl_->io, [impl = impl_] {
    impl->shuttingDown = true;
    if (impl->current) impl->current->drop();
  });
  impl_->work.reset();
  if (impl_->thread.joinable()) impl_->thread.join();
}

void WebSocketClient::connect(std::string url, WebSocketCallbacks callbacks) {
  asio::post(impl_->io, [impl = impl_, url = std::move(url), callbacks = std::move(callbacks)]() mutable {
    impl->begin(std::move(url), std::move(callbacks));
  });
}

bool WebSocketClient::send(std::string text) {
  if (!isOpen()) return false;
  asio::post(impl_->io, [impl = impl_, text = std::move(text)]() mutable {
    auto& session = impl->current;
    if (!session || !session->open || session->closeRequested) return;
    if (impl->config.trafficLog) impl->config.trafficLog->recordWebSocket(TrafficEntry::Direction::sent, text, session->trafficId);
    session->outbox.push_back(std::move(text));
    session->startWriter();
  });
  return true;
}

void WebSocketClient::close() {
  asio::post(impl_->io, [impl = impl_] {
    auto& session = impl->current;
    if (!session || session->closeRequested) return;
    session->closeRequested = true;
    if (session->open) session->startWriter();
    else session->drop();  // still connecting: nothing to say goodbye on
  });
}

bool WebSocketClient::isOpen() const { return impl_->openNow.load(); }

SteadyClock::time_point WebSocketClient::lastMessageAt() const {
  return SteadyClock::time_point(SteadyClock::duration(impl_->lastMessageNanos.load()));
}

}  // namespace net
