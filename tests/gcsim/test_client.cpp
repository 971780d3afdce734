#include "test_client.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <openssl/evp.h>

#include <variant>

namespace gcsim_test {

namespace net = boost::asio;
namespace ssl = boost::asio::ssl;
namespace beast = boost::beast;
namespace http = boost::beast::http;
namespace websocket = boost::beast::websocket;
using tcp = net::ip::tcp;

namespace {

struct Endpoint {
    bool tls = false;
    std::string host, port, path;
};

Endpoint parseUrl(const std::string& url) {
    Endpoint endpoint;
    std::string rest;
    if (url.rfind("https://", 0) == 0 || url.rfind("wss://", 0) == 0) {
        endpoint.tls = true;
        rest = url.substr(url.find("://") + 3);
    } else {
        rest = url.substr(url.find("://") + 3);
    }
    const size_t slash = rest.find('/');
    const std::string authority = rest.substr(0, slash);
    endpoint.path = slash == std::string::npos ? "/" : rest.substr(slash);
    const size_t colon = authority.rfind(':');
    endpoint.host = authority.substr(0, colon);
    endpoint.port = colon == std::string::npos ? (endpoint.tls ? "443" : "80") : authority.substr(colon + 1);
    return endpoint;
}

std::unique_ptr<ssl::context> makeTlsContext(const std::string& caPem) {
    auto context = std::make_unique<ssl::context>(ssl::context::tls_client);
    context->add_certificate_authority(net::buffer(caPem));
    context->set_verify_mode(ssl::verify_peer);
    return context;
}

}  // namespace

const json::value& Reply::json() const {
    if (!parsed_) {
        boost::system::error_code error;
        json::value value = json::parse(body, error);
        parsed_ = error ? json::value(nullptr) : std::move(value);
    }
    return *parsed_;
}

std::string Reply::header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
}

// [SECTION] HTTP
struct HttpClient::Impl {
    Endpoint endpoint;
    std::string caPem;
    net::io_context io;
    std::unique_ptr<ssl::context> tls;
};

HttpClient::HttpClient(std::string baseUrl, std::string caPem) : impl_(std::make_unique<Impl>()) {
    impl_->endpoint = parseUrl(baseUrl);
    impl_->caPem = std::move(caPem);
    if (impl_->endpoint.tls) impl_->tls = makeTlsContext(impl_->caPem);
}

HttpClient::~HttpClient() = default;

Reply HttpClient::request(const std::string& method, const std::string& target, const std::string& body,
                          const std::vector<std::pair<std::string, std::string>>& headers) {
    tcp::resolver resolver(impl_->io);
    auto addresses = resolver.resolve(impl_->endpoint.host, impl_->endpoint.port);
    http::request<http::string_body> request(http::string_to_verb(method), target, 11);
    request.set(http::field::host, impl_->endpoint.host);
    for (const auto& [name, value] : headers) request.set(name, value);
    if (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH") {
        request.body() = body;
        if (request.find(http::field::content_type) == request.end()) request.set(http::field::content_type, "application/json");
    }
    request.keep_alive(false);
    request.prepare_payload();
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 << 20);
    parser.skip(method == "HEAD");
    if (impl_->endpoint.tls) {
        beast::ssl_stream<beast::tcp_stream> stream(impl_->io, *impl_->tls);
        SSL_set_tlsext_host_name(stream.native_handle(), impl_->endpoint.host.c_str());
        stream.set_verify_callback(ssl::host_name_verification(impl_->endpoint.host));
        beast::get_lowest_layer(stream).connect(addresses);
        stream.handshake(ssl::stream_base::client);
        http::write(stream, request);
        http::read(stream, buffer, parser);
        beast::error_code ignored;
        stream.shutdown(ignored);
    } else {
        beast::tcp_stream stream(impl_->io);
        stream.connect(addresses);
        http::write(stream, request);
        http::read(stream, buffer, parser);
        beast::error_code ignored;
        stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
    }
    auto response = parser.release();
    Reply reply;
    reply.status = static_cast<int>(response.result_int());
    for (const auto& field : response) {
        std::string name(field.name_string());
        for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        reply.headers[name] = std::string(field.value());
    }
    reply.body = std::move(response.body());
    return reply;
}

// [SECTION] WebSocket
struct WsClient::Impl {
    net::io_context io;
    std::unique_ptr<ssl::context> tls;
    std::variant<std::monostate, websocket::stream<beast::tcp_stream>, websocket::stream<beast::ssl_stream<beast::tcp_stream>>> ws;
    beast::flat_buffer buffer;
    bool readPending = false, readDone = false, closed = false;
    beast::error_code readError;

    template <class F>
    auto with(F&& f) {
        if (auto* plain = std::get_if<1>(&ws)) return f(*plain);
        return f(std::get<2>(ws));
    }
};

WsClient::WsClient(const std::string& connectUri, const std::string& caPem) : impl_(std::make_unique<Impl>()) {
    const Endpoint endpoint = parseUrl(connectUri);
    tcp::resolver resolver(impl_->io);
    auto addresses = resolver.resolve(endpoint.host, endpoint.port);
    if (endpoint.tls) {
        impl_->tls = makeTlsContext(caPem);
        auto& ws = impl_->ws.emplace<2>(impl_->io, *impl_->tls);
        SSL_set_tlsext_host_name(ws.next_layer().native_handle(), endpoint.host.c_str());
        ws.next_layer().set_verify_callback(ssl::host_name_verification(endpoint.host));
        beast::get_lowest_layer(ws).connect(addresses);
        ws.next_layer().handshake(ssl::stream_base::client);
        ws.handshake(endpoint.host + ":" + endpoint.port, endpoint.path);
    } else {
        auto& ws = impl_->ws.emplace<1>(impl_->io);
        beast::get_lowest_layer(ws).connect(addresses);
        ws.handshake(endpoint.host + ":" + endpoint.port, endpoint.path);
    }
}

WsClient::~WsClient() {
    if (!impl_->closed) {
        impl_->with([](auto& ws) {
            beast::error_code ignored;
            beast::get_lowest_layer(ws).socket().close(ignored);
            return 0;
        });
    }
}

bool WsClient::connected() const { return !impl_->closed; }

void WsClient::send(const std::string& text) {
    impl_->with([&](auto& ws) {
        ws.text(true);
        ws.write(net::buffer(text));
        return 0;
    });
}

std::optional<std::string> WsClient::receive(std::chrono::milliseconds timeout) {
    if (impl_->closed) return std::nullopt;
    if (!impl_->readPending) {
        impl_->readPending = true;
        impl_->readDone = false;
        impl_->with([&](auto& ws) {
            ws.async_read(impl_->buffer, [impl = impl_.get()](beast::error_code error, size_t) {
                impl->readDone = true;
                impl->readError = error;
            });
            return 0;
        });
    }
    impl_->io.restart();
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!impl_->readDone && std::chrono::steady_clock::now() < deadline) impl_->io.run_one_until(deadline);
    if (!impl_->readDone) return std::nullopt;  // the read stays pending for the next call
    impl_->readPending = false;
    if (impl_->readError) {
        impl_->closed = true;
        return std::nullopt;
    }
    std::string text = beast::buffers_to_string(impl_->buffer.data());
    impl_->buffer.consume(impl_->buffer.size());
    return text;
}

std::optional<json::value> WsClient::receiveTopic(const std::string& topic, std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        auto text = receive(remaining);
        if (!text) return std::nullopt;
        boost::system::error_code error;
        json::value message = json::parse(*text, error);
        if (error || !message.is_object()) continue;
        const json::value* name = message.as_object().if_contains("topicName");
        if (name && name->is_string() && name->as_string() == topic) return message;
    }
    return std::nullopt;
}

bool WsClient::closedByPeer(std::chrono::milliseconds timeout) {
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (!impl_->closed && std::chrono::steady_clock::now() < deadline) {
        auto remaining = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
        receive(remaining);
    }
    return impl_->closed;
}

// [SECTION] Fixture
std::string pkceChallenge(const std::string& verifier) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int size = 0;
    EVP_Digest(verifier.data(), verifier.size(), digest, &size, EVP_sha256(), nullptr);
    std::string encoded(64, '\0');
    int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(encoded.data()), digest, static_cast<int>(size));
    encoded.resize(static_cast<size_t>(written));
    while (!encoded.empty() && encoded.back() == '=') encoded.pop_back();
    for (char& c : encoded) c = c == '+' ? '-' : c == '/' ? '_' : c;
    return encoded;
}

std::string queryParam(const std::string& url, const std::string& key) {
    const size_t question = url.find('?');
    if (question == std::string::npos) return "";
    std::string query = url.substr(question + 1);
    size_t pos = 0;
    while (pos <= query.size()) {
        size_t amp = query.find('&', pos);
        std::string pair = query.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
        if (pair.rfind(key + "=", 0) == 0) return pair.substr(key.size() + 1);
        if (amp == std::string::npos) break;
        pos = amp + 1;
    }
    return "";
}

void SimFixture::startSim(gcsim::Options options) {
    sim = std::make_unique<gcsim::Simulator>(options);
    sim->start();
    http = std::make_unique<HttpClient>(sim->baseUrl(), sim->caPem());
    token = signIn();
}

void SimFixture::TearDown() {
    if (sim) sim->stop();
}

Reply SimFixture::apiWith(const std::string& bearer, const std::string& method, const std::string& target, const std::string& body) {
    return http->request(method, target, body, {{"Authorization", "Bearer " + bearer}});
}

Reply SimFixture::api(const std::string& method, const std::string& target, const std::string& body) {
    return apiWith(token, method, target, body);
}

json::value SimFixture::control(const json::value& command) {
    Reply reply = http->request("POST", "/_sim/control", json::serialize(command));
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.json();
}

json::value SimFixture::state() { return http->request("GET", "/_sim/state").json(); }

std::string SimFixture::signIn(std::string* refreshToken) {
    const std::string verifier = "test-verifier-0123456789-abcdefghijklmnopqrstuvwxyz";
    const std::string redirect = "http://127.0.0.1:5555/callback";
    Reply authorize = http->request("GET", "/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" + redirect +
                                               "&code_challenge=" + pkceChallenge(verifier) +
                                               "&code_challenge_method=S256&state=xyz");
    EXPECT_EQ(authorize.status, 302);
    const std::string code = queryParam(authorize.header("location"), "code");
    Reply exchange = http->request("POST", "/oauth/token",
                                   "grant_type=authorization_code&client_id=panel&code=" + code + "&code_verifier=" + verifier +
                                       "&redirect_uri=" + redirect,
                                   {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(exchange.status, 200) << exchange.body;
    json::value body = exchange.json();
    if (refreshToken && body.as_object().if_contains("refresh_token"))
        *refreshToken = std::string(body.at("refresh_token").as_string());
    return std::string(body.at("access_token").as_string());
}

std::string SimFixture::clientCredentialsToken() {
    Reply reply = http->request("POST", "/oauth/token", "grant_type=client_credentials&client_id=service&client_secret=s",
                                {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(reply.status, 200);
    return std::string(reply.json().at("access_token").as_string());
}

json::value SimFixture::firstAgentCall(std::string* agentId) {
    json::value snapshot = state();
    const std::string id(snapshot.at("agents").as_array().at(0).at("id").as_string());
    if (agentId) *agentId = id;
    return control({{"action", "startCall"}, {"userId", id}});
}

}  // namespace gcsim_test
