#include "net/detail/connector.h"

#include <boost/asio/redirect_error.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>

namespace net::detail {

namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using boost::system::error_code;

TlsContext makeTlsContext(const std::string& caFile, bool verify) {
  TlsContext result;
  result.verify = verify;
  result.context = std::make_shared<ssl::context>(ssl::context::tls_client);
  SSL_CTX_set_min_proto_version(result.context->native_handle(), TLS1_2_VERSION);
  error_code ec;
  result.context->set_default_verify_paths(ec);  // no system roots is not fatal: a caFile may suffice
  if (!caFile.empty()) {
    result.context->load_verify_file(caFile, ec);
    if (ec) result.caFileError = "The CA file \"" + caFile + "\" could not be loaded (" + ec.message() + ").";
  }
  return result;
}

namespace {

std::string endpointText(const Url& url) { return url.host + ":" + std::to_string(url.port); }

ConnectOutcome failure(NetError error, std::string message, TlsFailure tls = TlsFailure::none) {
  return {error, tls, std::move(message)};
}

void prepareTls(TlsStream& stream, const TlsContext& tlsContext, const std::string& host, TlsVerdict& verdict) {
  // SNI carries names only, never IP literals (RFC 6066).
  if (!isIpLiteral(host)) SSL_set_tlsext_host_name(stream.native_handle(), host.c_str());
  if (!tlsContext.verify) {
    stream.set_verify_mode(ssl::verify_none);
    return;
  }
  stream.set_verify_mode(ssl::verify_peer);
  stream.set_verify_callback([&verdict, host](bool preverified, ssl::verify_context& context) {
    if (!preverified) {
      verdict.failure = TlsFailure::untrustedCertificate;
      verdict.detail = X509_verify_cert_error_string(X509_STORE_CTX_get_error(context.native_handle()));
      return false;
    }
    if (!ssl::host_name_verification(host)(preverified, context)) {
      verdict.failure = TlsFailure::hostNameMismatch;
      return false;
    }
    return true;
  });
}

}  // namespace

asio::awaitable<ConnectOutcome> connectAndHandshake(beast::tcp_stream& tcp, TlsStream* tls, TlsVerdict& verdict,
                                                    const TlsContext& tlsContext, const Url& url,
                                                    std::chrono::milliseconds timeout, ConnectCancel& cancel) {
  if (tls && !tlsContext.caFileError.empty())
    co_return failure(NetError::tls, tlsContext.caFileError, TlsFailure::badCaFile);

  auto executor = co_await asio::this_coro::executor;
  error_code ec;

  // The resolver has no deadline of its own: a timer cancels it. Both live in shared
  // state because the timer's handler may run after this frame moved on.
  auto resolver = std::make_shared<tcp::resolver>(executor);
  auto expired = std::make_shared<bool>(false);
  cancel.resolver = resolver;
  asio::steady_timer deadline(executor, timeout);
  deadline.async_wait([resolver, expired](error_code waitError) {
    if (waitError) return;
    *expired = true;
    resolver->cancel();
  });
  auto endpoints = co_await resolver->async_resolve(url.host, std::to_string(url.port),
                                                    asio::redirect_error(asio::use_awaitable, ec));
  deadline.cancel();
  cancel.resolver.reset();
  if (*expired)
    co_return failure(NetError::timeout, "Looking up \"" + url.host + "\" took longer than " +
                                             std::to_string(timeout.count()) + " ms.");
  if (ec == asio::error::operation_aborted) co_return failure(NetError::cancelled, "The connection attempt was cancelled.");
  if (ec) co_return failure(NetError::dns, "Could not find the server \"" + url.host + "\" (" + ec.message() + ").");

  tcp.expires_after(timeout);
  co_await tcp.async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
  if (ec == beast::error::timeout)
    co_return failure(NetError::timeout, "Connecting to " + endpointText(url) + " took longer than " +
                                             std::to_string(timeout.count()) + " ms.");
  if (ec == asio::error::operation_aborted) co_return failure(NetError::cancelled, "The connection attempt was cancelled.");
  if (ec) co_return failure(NetError::connect, "Could not connect to " + endpointText(url) + " (" + ec.message() + ").");

  if (tls) {
    prepareTls(*tls, tlsContext, url.host, verdict);
    tcp.expires_after(timeout);
    co_await tls->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      switch (verdict.failure) {
        case TlsFailure::untrustedCertificate:
          co_return failure(NetError::tls,
                            "The certificate of " + endpointText(url) + " is not trusted (" + verdict.detail +
                                "). Check the CA file, or whether something intercepts TLS on this network.",
                            TlsFailure::untrustedCertificate);
        case TlsFailure::hostNameMismatch:
          co_return failure(NetError::tls,
                            "The certificate presented by " + endpointText(url) + " is not valid for the name \"" +
                                url.host + "\".",
                            TlsFailure::hostNameMismatch);
        default: break;
      }
      if (ec == beast::error::timeout)
        co_return failure(NetError::timeout, "The TLS handshake with " + endpointText(url) + " took longer than " +
                                                 std::to_string(timeout.count()) + " ms.");
      if (ec == asio::error::operation_aborted)
        co_return failure(NetError::cancelled, "The connection attempt was cancelled.");
      co_return failure(NetError::tls, "The secure connection to " + endpointText(url) + " failed (" + ec.message() + ").",
                        TlsFailure::handshake);
    }
  }
  co_return ConnectOutcome{};
}

NetError classifyTransferError(const error_code& error) {
  if (!error) return NetError::none;
  if (error == beast::error::timeout) return NetError::timeout;
  if (error == beast::http::error::body_limit || error == beast::http::error::buffer_overflow ||
      error == beast::http::error::header_limit || error == beast::websocket::error::message_too_big)
    return NetError::tooLarge;
  if (error == asio::error::operation_aborted) return NetError::cancelled;
  return NetError::closed;  // eof, reset, truncated TLS stream, broken pipe, bad framing
}

}  // namespace net::detail
