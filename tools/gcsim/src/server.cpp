// Beast front end. Each connection runs on its own strand; the org lives behind Core's
// mutex. WebSocket sessions keep a write queue (one write in flight) and register in a
// hub so Core can address them by channel id.
#include "server.h"

#include "core.h"
#include "replay.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include <algorithm>
#include <atomic>
#include <deque>
#include <thread>

namespace gcsim {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;

namespace {

constexpr size_t kMaxRequestBody = 1 << 20;
constexpr size_t kMaxQueuedFrames = 50000;  // a consumer this far behind is dropped
constexpr auto kIdleKeepAlive = std::chrono::seconds(120);
constexpr auto kTickPeriod = std::chrono::milliseconds(20);

// What the hub needs from a WebSocket session, independent of the stream type.
class FrameSink {
public:
    virtual ~FrameSink() = default;
    virtual void send(std::shared_ptr<const std::string> text) = 0;
    virtual void close(bool abrupt) = 0;
};

}  // namespace

struct Server::Impl : ChannelTransport {
    Core& core;
    Replay* replay = nullptr;  // --replay: the recording answers instead of the org
    std::optional<ssl::context> tlsContext;
    int threadCount;
    net::io_context io;
    tcp::acceptor acceptor{io};
    net::steady_timer tickTimer{io};
    std::vector<std::thread> threads;
    std::atomic<bool> stopping{false};

    std::mutex hubMutex;
    std::unordered_map<std::string, std::weak_ptr<FrameSink>> hub;

    Impl(Core& coreRef, const TlsMaterial* tls, int threadsWanted) : core(coreRef), threadCount(std::max(1, threadsWanted)) {
        if (tls) {
            tlsContext.emplace(ssl::context::tls_server);
            tlsContext->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3);
            tlsContext->use_certificate_chain(net::buffer(tls->certificatePem));
            tlsContext->use_private_key(net::buffer(tls->privateKeyPem), ssl::context::pem);
        }
    }

    // ChannelTransport: called by Core under its mutex.
    void send(const std::string& channelId, std::shared_ptr<const std::string> text) override {
        std::shared_ptr<FrameSink> sink;
        {
            std::lock_guard lock(hubMutex);
            auto it = hub.find(channelId);
            if (it != hub.end()) sink = it->second.lock();
        }
        if (sink) sink->send(std::move(text));
    }
    void close(const std::string& channelId, bool abrupt) override {
        std::shared_ptr<FrameSink> sink;
        {
            std::lock_guard lock(hubMutex);
            auto it = hub.find(channelId);
            if (it != hub.end()) {
                sink = it->second.lock();
                hub.erase(it);
            }
        }
        if (sink) sink->close(abrupt);
    }

    // A newer socket on the same channel replaces the older one.
    void attach(const std::string& channelId, const std::shared_ptr<FrameSink>& sink) {
        std::shared_ptr<FrameSink> previous;
        {
            std::lock_guard lock(hubMutex);
            auto& slot = hub[channelId];
            previous = slot.lock();
            slot = sink;
        }
        if (previous) {
            // The displaced socket is told why before it closes [genesys-api.md section 3].
            previous->send(std::make_shared<const std::string>(
                core.systemMessage(channelId, "no_longer_subscribed", "another_channel_subscribed",
                                   "Another connection subscribed to this channel.")));
            previous->close(false);
        }
        if (replay) replay->socketOpened(channelId);
        else core.socketOpened(channelId);
    }
    void detach(const std::string& channelId, const FrameSink* sink) {
        {
            std::lock_guard lock(hubMutex);
            auto it = hub.find(channelId);
            if (it == hub.end()) return;  // already closed by Core (eviction, expiry, drop)
            auto current = it->second.lock();
            if (current && current.get() != sink) return;  // replaced by a newer socket
            hub.erase(it);
        }
        if (replay) replay->socketClosed(channelId);
        else core.socketClosed(channelId);
    }

    bool channelExists(const std::string& channelId) {
        return replay ? replay->channelExists(channelId) : core.channelExists(channelId);
    }

    // Sign-in stays live; /api/ requests need a token Core issued; the rest is the recording's.
    HttpResponse handle(const HttpRequest& request) {
        if (!replay) return core.handle(request);
        const std::string path = request.target.substr(0, request.target.find('?'));
        if (path == "/_sim/state") return replay->state();
        if (path.rfind("/oauth/", 0) == 0 || path.rfind("/_sim/", 0) == 0) return core.handle(request);
        if (path.rfind("/api/", 0) == 0)
            if (auto refusal = core.refuseUnauthenticated(request)) return *refusal;
        return replay->answer(request);
    }

    void accept();
    void scheduleTick() {
        tickTimer.expires_after(kTickPeriod);
        tickTimer.async_wait([this](beast::error_code error) {
            if (error || stopping) return;
            core.tick();
            if (replay) replay->tick(*this);
            scheduleTick();
        });
    }
};

namespace {

template <class Stream>
void closeLowest(Stream& stream) {
    beast::error_code ignored;
    beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
    beast::get_lowest_layer(stream).socket().close(ignored);
}

// [SECTION] WebSocket session
template <class Stream>
class WebSocketSession : public FrameSink, public std::enable_shared_from_this<WebSocketSession<Stream>> {
public:
    WebSocketSession(Stream&& stream, Server::Impl& server, std::string channelId)
        : ws_(std::move(stream)), server_(server), channelId_(std::move(channelId)) {}

    void accept(http::request<http::string_body> request) {
        beast::get_lowest_layer(ws_).expires_never();
        ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
        // Attach before the handshake completes: once the client sees 101, events reach it.
        server_.attach(channelId_, this->shared_from_this());
        ws_.async_accept(request, [self = this->shared_from_this()](beast::error_code error) {
            if (error) {
                self->closed_ = true;
                self->server_.detach(self->channelId_, self.get());
                return;
            }
            self->accepted_ = true;
            if (!self->queue_.empty()) self->write();
            self->read();
        });
    }

    void send(std::shared_ptr<const std::string> text) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), text = std::move(text)]() mutable {
            if (self->closed_) return;
            if (self->queue_.size() >= kMaxQueuedFrames) {
                self->closed_ = true;
                closeLowest(self->ws_.next_layer());
                return;
            }
            self->queue_.push_back(std::move(text));
            if (self->queue_.size() == 1 && self->accepted_) self->write();
        });
    }

    void close(bool abrupt) override {
        net::post(ws_.get_executor(), [self = this->shared_from_this(), abrupt] {
            if (self->closed_) return;
            self->closed_ = true;
            if (abrupt || !self->accepted_) {
                closeLowest(self->ws_.next_layer());
                return;
            }
            self->ws_.async_close(websocket::close_code::going_away, [self](beast::error_code) {});
        });
    }

private:
    void read() {
        ws_.async_read(buffer_, [self = this->shared_from_this()](beast::error_code error, size_t) {
            if (error) {
                self->closed_ = true;
                self->server_.detach(self->channelId_, self.get());
                return;
            }
            std::string text = beast::buffers_to_string(self->buffer_.data());
            self->buffer_.consume(self->buffer_.size());
            self->server_.core.socketText(self->channelId_, text);
            self->read();
        });
    }

    void write() {
        ws_.text(true);
        ws_.async_write(net::buffer(*queue_.front()), [self = this->shared_from_this()](beast::error_code error, size_t) {
            if (error) {
                self->closed_ = true;
                self->queue_.clear();
                return;
            }
            self->queue_.pop_front();
            if (!self->queue_.empty() && !self->closed_) self->write();
        });
    }

    websocket::stream<Stream> ws_;
    Server::Impl& server_;
    std::string channelId_;
    beast::flat_buffer buffer_;
    std::deque<std::shared_ptr<const std::string>> queue_;
    bool closed_ = false;
    bool accepted_ = false;  // frames queue up until the handshake is done
};

// [SECTION] HTTP session
template <class Stream>
class HttpSession : public std::enable_shared_from_this<HttpSession<Stream>> {
public:
    HttpSession(Stream&& stream, Server::Impl& server)
        : stream_(std::move(stream)), server_(server), delay_(stream_.get_executor()) {}

    void run() {
        if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(30));
            stream_.async_handshake(ssl::stream_base::server, [self = this->shared_from_this()](beast::error_code error) {
                if (!error) self->read();
            });
        } else {
            read();
        }
    }

private:
    void read() {
        parser_.emplace();
        parser_->body_limit(kMaxRequestBody);
        beast::get_lowest_layer(stream_).expires_after(kIdleKeepAlive);
        http::async_read(stream_, buffer_, *parser_, [self = this->shared_from_this()](beast::error_code error, size_t) {
            self->onRead(error);
        });
    }

    void onRead(beast::error_code error) {
        if (error == http::error::body_limit) {
            HttpResponse tooLarge;
            tooLarge.status = 413;
            tooLarge.body = R"({"message":"The request is over the size limit.","code":"request.entity.too.large","status":413})";
            respond(tooLarge, false, 11, false);
            return;
        }
        if (error) {
            closeLowest(stream_);
            return;
        }
        http::request<http::string_body> request = parser_->release();
        if (websocket::is_upgrade(request)) {
            std::string target(request.target());
            const std::string prefix = "/channels/";
            std::string channelId = target.rfind(prefix, 0) == 0 ? target.substr(prefix.size()) : "";
            channelId = channelId.substr(0, channelId.find('?'));
            if (!channelId.empty() && server_.channelExists(channelId)) {
                std::make_shared<WebSocketSession<Stream>>(std::move(stream_), server_, channelId)->accept(std::move(request));
                return;
            }
            HttpResponse missing;
            missing.status = 404;
            missing.body = R"({"message":"Unknown notification channel.","code":"not.found","status":404})";
            respond(missing, false, request.version(), false);
            return;
        }
        HttpRequest converted;
        converted.method = std::string(request.method_string());
        converted.target = std::string(request.target());
        for (const auto& field : request) {
            std::string name(field.name_string());
            std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
            converted.headers[name] = std::string(field.value());
        }
        converted.body = std::move(request.body());
        HttpResponse response = server_.handle(converted);
        if (response.loseAnswer) {
            closeLowest(stream_);  // the change is made; the client hears nothing
            return;
        }
        const bool head = request.method() == http::verb::head;
        respond(response, request.keep_alive(), request.version(), head);
    }

    void respond(const HttpResponse& response, bool keepAlive, unsigned version, bool head) {
        auto message = std::make_shared<http::response<http::string_body>>(static_cast<http::status>(response.status), version);
        message->set(http::field::server, "gcsim");
        if (!response.body.empty() || response.status < 300) message->set(http::field::content_type, response.contentType);
        for (const auto& [name, value] : response.headers) message->set(name, value);
        message->keep_alive(keepAlive);
        message->body() = head ? std::string() : response.body;
        message->prepare_payload();
        if (response.delayMs > 0) {
            delay_.expires_after(std::chrono::milliseconds(response.delayMs));
            delay_.async_wait([self = this->shared_from_this(), message](beast::error_code) { self->write(message); });
        } else {
            write(message);
        }
    }

    void write(const std::shared_ptr<http::response<http::string_body>>& message) {
        http::async_write(stream_, *message, [self = this->shared_from_this(), message](beast::error_code error, size_t) {
            if (error || !message->keep_alive()) {
                self->shutdown();
                return;
            }
            self->read();
        });
    }

    void shutdown() {
        if constexpr (std::is_same_v<Stream, beast::ssl_stream<beast::tcp_stream>>) {
            beast::get_lowest_layer(stream_).expires_after(std::chrono::seconds(5));
            stream_.async_shutdown([self = this->shared_from_this()](beast::error_code) { closeLowest(self->stream_); });
        } else {
            beast::error_code ignored;
            stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
        }
    }

    Stream stream_;
    Server::Impl& server_;
    net::steady_timer delay_;
    beast::flat_buffer buffer_;
    std::optional<http::request_parser<http::string_body>> parser_;
};

}  // namespace

void Server::Impl::accept() {
    acceptor.async_accept(net::make_strand(io), [this](beast::error_code error, tcp::socket socket) {
        if (stopping) return;
        if (!error) {
            socket.set_option(tcp::no_delay(true), error);
            if (tlsContext) {
                std::make_shared<HttpSession<beast::ssl_stream<beast::tcp_stream>>>(
                    beast::ssl_stream<beast::tcp_stream>(beast::tcp_stream(std::move(socket)), *tlsContext), *this)
                    ->run();
            } else {
                std::make_shared<HttpSession<beast::tcp_stream>>(beast::tcp_stream(std::move(socket)), *this)->run();
            }
        }
        accept();
    });
}

Server::Server(Core& core, const TlsMaterial* tls, int threads, Replay* replay)
    : impl_(std::make_unique<Impl>(core, tls, threads)) {
    impl_->replay = replay;
}

Server::~Server() { stop(); }

uint16_t Server::start(uint16_t port) {
    tcp::endpoint endpoint(net::ip::make_address("127.0.0.1"), port);
    impl_->acceptor.open(endpoint.protocol());
    impl_->acceptor.set_option(net::socket_base::reuse_address(true));
    impl_->acceptor.bind(endpoint);
    impl_->acceptor.listen(net::socket_base::max_listen_connections);
    const uint16_t bound = impl_->acceptor.local_endpoint().port();
    impl_->core.setTransport(impl_.get());
    impl_->accept();
    impl_->scheduleTick();
    for (int i = 0; i < impl_->threadCount; ++i) impl_->threads.emplace_back([this] { impl_->io.run(); });
    return bound;
}

void Server::stop() {
    if (!impl_ || impl_->stopping.exchange(true)) return;
    impl_->core.setTransport(nullptr);
    net::post(impl_->io, [this] {
        beast::error_code ignored;
        impl_->acceptor.close(ignored);
        impl_->tickTimer.cancel();
    });
    impl_->io.stop();
    for (auto& thread : impl_->threads)
        if (thread.joinable()) thread.join();
    impl_->threads.clear();
}

}  // namespace gcsim
