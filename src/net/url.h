// Splits an absolute http(s) or ws(s) URL into what a socket needs.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace net {

struct Url {
  std::string scheme;  // lower case: "http", "https", "ws" or "wss"
  std::string host;    // without brackets for IPv6 literals
  std::uint16_t port = 0;  // explicit or the scheme's default (80/443)
  std::string target;  // path + "?query" as sent on the request line; "/" when empty

  bool secure() const { return scheme == "https" || scheme == "wss"; }
  // "host:port" as a Host header value (brackets around IPv6 literals).
  std::string hostHeader() const;
  // Identifies a connection pool: scheme, host and port.
  std::string originKey() const;
};

// Parses text; on failure returns nullopt and, when whyNot is given, a sentence saying why
// (unsupported scheme, missing host, bad port, ...).
std::optional<Url> parseUrl(std::string_view text, std::string* whyNot = nullptr);

// True when host is an IPv4 or IPv6 literal (no SNI is sent for those).
bool isIpLiteral(std::string_view host);

}  // namespace net
