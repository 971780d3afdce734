#include "net/net_error.h"

namespace net {

std::string_view toString(NetError error) {
  switch (error) {
    case NetError::none: return "none";
    case NetError::invalidRequest: return "invalidRequest";
    case NetError::dns: return "dns";
    case NetError::connect: return "connect";
    case NetError::tls: return "tls";
    case NetError::timeout: return "timeout";
    case NetError::closed: return "closed";
    case NetError::tooLarge: return "tooLarge";
    case NetError::rateLimitedTooLong: return "rateLimitedTooLong";
    case NetError::cancelled: return "cancelled";
  }
  return "unknown";
}

std::string_view toString(TlsFailure failure) {
  switch (failure) {
    case TlsFailure::none: return "none";
    case TlsFailure::untrustedCertificate: return "untrustedCertificate";
    case TlsFailure::hostNameMismatch: return "hostNameMismatch";
    case TlsFailure::handshake: return "handshake";
    case TlsFailure::badCaFile: return "badCaFile";
  }
  return "unknown";
}

}  // namespace net
