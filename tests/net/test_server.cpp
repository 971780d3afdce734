#include "net/test_server.h"

#include "net/test_certificate.h"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <cctype>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>

namespace nettest {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::string ReceivedRequest::header(const std::string& name) const {
  auto lower = [](std::string text) {
    for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
  };
  for (const auto& [key, value] : headers)
    if (lower(key) == lower(name)) return value;
  return {};
}

struct TestServer::Impl {
  explicit Impl(Options optionsIn) : options(std::move(optionsIn)), acceptor(io) {
    const Certificate certificate = makeSelfSignedCertificate(options.certificateNames);
    caFilePath = writeTempFile(certificate.certificatePem, ".pem");
    if (options.tls) {
      tlsContext.emplace(ssl::context::tls_server);
      tlsContext->use_certificate_chain(asio::buffer(certificate.certificatePem));
      tlsContext->use_private_key(asio::buffer(certificate.privateKeyPem), ssl::context::pem);
    }
    const tcp::endpoint loopback(asio::ip::make_address("127.0.0.1"), 0);
    acceptor.open(loopback.protocol());
    acceptor.set_option(tcp::acceptor::reuse_address(true));
    acceptor.bind(loopback);
    acceptor.listen();
    asio::co_spawn(io, acceptLoop(), asio::detached);
    thread = std::thread([this] { io.run(); });
  }

  ~Impl() {
    io.stop();  // abandons stalled exchanges; their frames go with io
    thread.join();
    std::remove(caFilePath.c_str());
  }

  asio::awaitable<void> acceptLoop() {
    for (;;) {
      error_code ec;
      tcp::socket socket = co_await acceptor.async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      int index;
      {
        std::lock_guard lock(mutex);
        index = ++connections;
      }
      asio::co_spawn(io, serve(std::move(socket), index), asio::detached);
    }
  }

  asio::awaitable<void> serve(tcp::socket socket, int index) {
    beast::tcp_stream stream(std::move(socket));
    if (!tlsContext) co_return co_await converse(stream, index);
    ssl::stream<beast::tcp_stream> tlsStream(std::move(stream), *tlsContext);
    error_code ec;
    co_await tlsStream.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
    if (!ec) co_await converse(tlsStream, index);
  }

  Reply nextReply(const ReceivedRequest& request) {
    std::lock_guard lock(mutex);
    received.push_back(request);
    if (!script.empty()) {
      Reply reply = std::move(script.front());
      script.pop_front();
      return reply;
    }
    return handler ? handler(request) : Reply{};
  }

  template <class Stream>
  asio::awaitable<void> converse(Stream& stream, int index) {
    beast::flat_buffer buffer;
    for (;;) {
      http::request<http::string_body> request;
      error_code ec;
      co_await http::async_read(stream, buffer, request, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      if (websocket::is_upgrade(request)) co_return co_await echo(std::move(stream), std::move(request));

      ReceivedRequest seen{std::string(request.method_string()), std::string(request.target()), {}, request.body(),
                           index};
      for (const auto& field : request) seen.headers.emplace_back(field.name_string(), field.value());
      const Reply reply = nextReply(seen);

      if (reply.fault == Reply::Fault::stall) {
        asio::steady_timer forever(io, asio::steady_timer::time_point::max());
        co_await forever.async_wait(asio::redirect_error(asio::use_awaitable, ec));
        co_return;
      }
      if (reply.fault == Reply::Fault::holdUntilReleased && !released) {
        auto gate = std::make_shared<asio::steady_timer>(io, asio::steady_timer::time_point::max());
        heldGates.push_back(gate);  // network thread only, like releaseHeld's handler
        co_await gate->async_wait(asio::redirect_error(asio::use_awaitable, ec));
      }
      if (reply.fault == Reply::Fault::closeWithoutAnswer) {
        beast::get_lowest_layer(stream).socket().close(ec);
        co_return;
      }
      http::response<http::string_body> response{static_cast<http::status>(reply.status), 11};
      response.keep_alive(request.keep_alive());
      for (const auto& [name, value] : reply.headers) response.set(name, value);  // may say Connection: close
      if (response.find(http::field::content_type) == response.end())
        response.set(http::field::content_type, "application/json");
      response.body() = reply.body;
      response.prepare_payload();
      co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
      if (reply.fault == Reply::Fault::answerThenClose) {
        beast::get_lowest_layer(stream).socket().close(ec);
        std::lock_guard lock(mutex);
        ++closedByServer;
        co_return;
      }
      if (ec || !response.keep_alive()) co_return;
    }
  }

  template <class Stream>
  asio::awaitable<void> echo(Stream&& stream, http::request<http::string_body> upgrade) {
    websocket::stream<std::decay_t<Stream>> ws(std::move(stream));
    error_code ec;
    co_await ws.async_accept(upgrade, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    beast::flat_buffer buffer;
    for (;;) {
      co_await ws.async_read(buffer, asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;  // includes the end of a close handshake
      std::string message = beast::buffers_to_string(buffer.data());
      buffer.consume(buffer.size());
      {
        std::lock_guard lock(mutex);
        webSocketMessages.push_back(message);
      }
      if (message == "close-me") {
        co_await ws.async_close(websocket::close_reason(static_cast<websocket::close_code>(4000), "bye"), asio::redirect_error(asio::use_awaitable, ec));
        continue;  // read on until the client answers the close
      }
      const std::string answer = message.rfind("push:", 0) == 0 ? message.substr(5) : message;
      ws.text(true);
      co_await ws.async_write(asio::buffer(answer), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
    }
  }

  Options options;
  std::string caFilePath;
  std::optional<ssl::context> tlsContext;
  mutable std::mutex mutex;
  std::deque<Reply> script;
  std::function<Reply(const ReceivedRequest&)> handler;
  std::vector<ReceivedRequest> received;
  std::vector<std::string> webSocketMessages;
  int connections = 0;
  int closedByServer = 0;
  bool released = false;                                         // network thread only
  std::vector<std::shared_ptr<asio::steady_timer>> heldGates;    // network thread only
  asio::io_context io;  // after what its coroutines use: destroyed before it
  tcp::acceptor acceptor;
  std::thread thread;
};

TestServer::TestServer(Options options) : impl_(std::make_unique<Impl>(std::move(options))) {}
TestServer::~TestServer() = default;

std::uint16_t TestServer::port() const { return impl_->acceptor.local_endpoint().port(); }

std::string TestServer::url(const std::string& path, const std::string& host) const {
  return std::string(impl_->options.tls ? "https://" : "http://") + host + ":" + std::to_string(port()) + path;
}

std::string TestServer::webSocketUrl(const std::string& path, const std::string& host) const {
  return std::string(impl_->options.tls ? "wss://" : "ws://") + host + ":" + std::to_string(port()) + path;
}

const std::string& TestServer::caFile() const { return impl_->caFilePath; }

void TestServer::enqueue(Reply reply) {
  std::lock_guard lock(impl_->mutex);
  impl_->script.push_back(std::move(reply));
}

void TestServer::enqueue(int status, Headers headers, std::string body) {
  enqueue(Reply{status, std::move(headers), std::move(body), Reply::Fault::none});
}

void TestServer::setHandler(std::function<Reply(const ReceivedRequest&)> handler) {
  std::lock_guard lock(impl_->mutex);
  impl_->handler = std::move(handler);
}

std::vector<ReceivedRequest> TestServer::requests() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->received;
}

int TestServer::connectionsAccepted() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->connections;
}

void TestServer::releaseHeld() {
  asio::post(impl_->io, [impl = impl_.get()] {
    impl->released = true;
    for (auto& gate : impl->heldGates) gate->cancel();
    impl->heldGates.clear();
  });
}

int TestServer::connectionsClosedByServer() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->closedByServer;
}

std::vector<std::string> TestServer::webSocketMessagesReceived() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->webSocketMessages;
}

}  // namespace nettest
