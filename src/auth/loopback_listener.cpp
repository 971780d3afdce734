#include "auth/loopback_listener.h"

#include "auth/sign_in.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>

#include <optional>

namespace auth {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::ip::tcp;
using boost::system::error_code;

namespace {

constexpr std::string_view kCallbackPath = "/callback";
// A browser that connects and then says nothing must not hold a connection for long.
constexpr std::chrono::seconds kConnectionLimit{30};
constexpr std::size_t kMaxRequestBytes = 16 * 1024;

std::string escapeHtml(std::string_view text) {
  std::string escaped;
  escaped.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': escaped += "&amp;"; break;
      case '<': escaped += "&lt;"; break;
      case '>': escaped += "&gt;"; break;
      case '"': escaped += "&quot;"; break;
      case '\'': escaped += "&#39;"; break;
      default: escaped += c;
    }
  }
  return escaped;
}

struct Page {
  http::status status = http::status::ok;
  std::string title;
  std::string message;  // plain text, escaped when rendered
};

http::response<http::string_body> render(const Page& page) {
  http::response<http::string_body> response{page.status, 11};
  response.set(http::field::content_type, "text/html; charset=utf-8");
  response.set(http::field::cache_control, "no-store");
  response.set("Referrer-Policy", "no-referrer");  // the callback URL carries the code
  response.keep_alive(false);
  response.body() = "<!doctype html><html><head><meta charset=\"utf-8\"><title>Supervisor Panel</title></head>"
                    "<body style=\"font-family:sans-serif;margin:3em\"><h2>" +
                    escapeHtml(page.title) + "</h2><p>" + escapeHtml(page.message) + "</p></body></html>";
  response.prepare_payload();
  return response;
}

std::string describeDuration(std::chrono::milliseconds duration) {
  if (duration.count() % 1000 == 0) return std::to_string(duration.count() / 1000) + " s";
  return std::to_string(duration.count()) + " ms";
}

}  // namespace

struct LoopbackRedirectListener::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  asio::steady_timer deadline{io};
  std::uint16_t port = 0;
  bool used = false;
  std::string expectedState;
  std::optional<api::Result<std::string>> outcome;

  // The first outcome wins; nothing more is accepted after it.
  void decide(api::Result<std::string> result) {
    if (outcome) return;
    outcome.emplace(std::move(result));
    error_code ignored;
    acceptor.close(ignored);
    deadline.cancel();
  }

  void decideAndStop(api::Result<std::string> result) {
    decide(std::move(result));
    io.stop();
  }

  asio::awaitable<void> acceptLoop() {
    for (;;) {
      error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec == asio::error::connection_aborted) continue;  // the peer gave up; keep listening
      if (ec) co_return;                                    // closed (decided) or out of sockets: the deadline ends it
      asio::co_spawn(io, serve(std::move(socket)), asio::detached);
    }
  }

  // One connection, one request, one answer.
  asio::awaitable<void> serve(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    stream.expires_after(kConnectionLimit);
    beast::flat_buffer buffer;
    http::request_parser<http::string_body> parser;
    parser.header_limit(kMaxRequestBytes);
    parser.body_limit(kMaxRequestBytes);
    error_code ec;
    co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;

    const auto& request = parser.get();
    const std::string_view target(request.target().data(), request.target().size());
    const std::string_view path = target.substr(0, target.find('?'));
    bool decidedHere = false;
    Page page;
    if (outcome) {
      page = {http::status::gone, "Sign-in already finished", "You can close this tab."};
    } else if (path != kCallbackPath) {
      page = {http::status::not_found, "Not found", "This address only receives the sign-in answer."};
    } else if (request.method() != http::verb::get) {
      page = {http::status::method_not_allowed, "Not allowed", "The sign-in answer arrives as a GET request."};
    } else {
      auto code = codeFromRedirect(parseAuthorizationRedirect(target), expectedState);
      page = code ? Page{http::status::ok, "Signed in \u2014 you can close this tab",
                         "The Supervisor Panel has your sign-in and continues on its own."}
                  : Page{http::status::bad_request, "Sign-in failed", code.error()};
      decide(std::move(code));
      decidedHere = true;
    }
    auto response = render(page);
    co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
    stream.socket().shutdown(tcp::socket::shutdown_both, ec);
    if (decidedHere) io.stop();  // only after the browser has its page
  }
};

LoopbackRedirectListener::LoopbackRedirectListener(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
LoopbackRedirectListener::~LoopbackRedirectListener() = default;
LoopbackRedirectListener::LoopbackRedirectListener(LoopbackRedirectListener&&) noexcept = default;
LoopbackRedirectListener& LoopbackRedirectListener::operator=(LoopbackRedirectListener&&) noexcept = default;

api::Result<LoopbackRedirectListener> LoopbackRedirectListener::open() {
  auto impl = std::make_unique<Impl>();
  const tcp::endpoint endpoint(asio::ip::address_v4::loopback(), 0);
  error_code ec;
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) impl->acceptor.bind(endpoint, ec);
  if (!ec) impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (!ec) impl->port = impl->acceptor.local_endpoint(ec).port();
  if (ec) {
    return api::fail("The panel could not open a local port for the browser's sign-in answer (" + ec.message() +
                     ").");
  }
  return LoopbackRedirectListener(std::move(impl));
}

std::uint16_t LoopbackRedirectListener::port() const { return impl_ ? impl_->port : 0; }

std::string LoopbackRedirectListener::redirectUri() const {
  return "http://127.0.0.1:" + std::to_string(port()) + std::string(kCallbackPath);
}

api::Result<std::string> LoopbackRedirectListener::waitForCode(std::string_view expectedState,
                                                              std::chrono::milliseconds timeout) {
  if (!impl_ || impl_->used) {
    return api::fail("This sign-in listener was already used; start the sign-in again.");
  }
  Impl& impl = *impl_;
  impl.used = true;
  impl.expectedState = std::string(expectedState);
  impl.deadline.expires_after(timeout);
  impl.deadline.async_wait([&impl, timeout](error_code ec) {
    if (ec) return;  // cancelled: decided otherwise
    impl.decideAndStop(api::fail("Sign-in timed out: the browser did not come back with an answer within " +
                                 describeDuration(timeout) + ". Start the sign-in again."));
  });
  asio::co_spawn(impl.io, impl.acceptLoop(), asio::detached);
  try {
    impl.io.run();
  } catch (const std::exception& error) {
    impl.decide(api::fail(std::string("The local sign-in listener failed: ") + error.what()));
  }
  impl.decide(api::fail("The local sign-in listener stopped before an answer arrived."));  // no-op once decided
  return std::move(*impl.outcome);
}

void LoopbackRedirectListener::cancel() {
  if (!impl_) return;
  Impl* impl = impl_.get();
  // Runs on the thread in waitForCode (or as soon as it starts); post() is thread-safe.
  asio::post(impl->io, [impl] { impl->decideAndStop(api::fail("Sign-in was cancelled.")); });
}

}  // namespace auth
