// Typed failures of the network layer. Every failure also carries a sentence for people
// (HttpResponse::errorMessage); code branches on these enums, never on the text.
#pragma once

#include <string_view>

namespace net {

enum class NetError {
  none,                // a response arrived (its status may still be 4xx/5xx)
  invalidRequest,      // the URL or request could not be used (nothing was sent)
  dns,                 // the host name could not be resolved
  connect,             // no TCP connection could be opened
  tls,                 // the TLS handshake failed; see TlsFailure for why
  timeout,             // a connect, handshake, write or read deadline passed
  closed,              // the peer closed the connection before a full response
  tooLarge,            // the response body exceeded the configured limit
  rateLimitedTooLong,  // 429 with a Retry-After beyond what we are willing to wait
  cancelled,           // the client shut down before the request finished
};

enum class TlsFailure {
  none,
  untrustedCertificate,  // the chain does not lead to a trusted root (or expired, ...)
  hostNameMismatch,      // a valid certificate, but not for the host we asked for
  handshake,             // any other TLS protocol failure
  badCaFile,             // the configured extra CA file could not be loaded
};

std::string_view toString(NetError);
std::string_view toString(TlsFailure);

}  // namespace net
