// INTERNAL to src/net: include only from src/net/*.cpp (it pulls in Asio, Beast and
// OpenSSL; the public headers stay free of them).
// Opening a TCP (+TLS) connection the same way for REST and WebSocket: resolve with a
// deadline, connect, then a verified TLS handshake that says why verification failed.
#pragma once

#include "net/net_error.h"
#include "net/url.h"

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/stream.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace net::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
using TlsStream = asio::ssl::stream<beast::tcp_stream>;

// A client TLS context: TLS 1.2 or newer, the system's roots plus the optional extra CA
// file. When that file cannot be loaded, caFileError says why (and every TLS connection
// must then be refused with TlsFailure::badCaFile).
struct TlsContext {
  std::shared_ptr<asio::ssl::context> context;
  bool verify = true;
  std::string caFileError;
};
TlsContext makeTlsContext(const std::string& caFile, bool verify);

// What the verify callback saw during a handshake.
struct TlsVerdict {
  TlsFailure failure = TlsFailure::none;
  std::string detail;  // OpenSSL's words for an untrusted chain
};

struct ConnectOutcome {
  NetError error = NetError::none;
  TlsFailure tlsFailure = TlsFailure::none;
  std::string message;  // a sentence, when error != none
};

// Where a connection attempt can be cancelled from outside (shutdown).
struct ConnectCancel {
  std::shared_ptr<asio::ip::tcp::resolver> resolver;
};

// Resolves url.host, connects `tcp` (the lowest layer of `tls` when it is given) and,
// for TLS, performs the verified handshake. Each step has `timeout`.
asio::awaitable<ConnectOutcome> connectAndHandshake(beast::tcp_stream& tcp, TlsStream* tls, TlsVerdict& verdict,
                                                    const TlsContext& tlsContext, const Url& url,
                                                    std::chrono::milliseconds timeout, ConnectCancel& cancel);

// Maps an error from a write or read after connecting.
NetError classifyTransferError(const boost::system::error_code& error);

}  // namespace net::detail
