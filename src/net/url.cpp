#include "net/url.h"

#include <boost/asio/ip/address.hpp>
#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

#include <charconv>

namespace net {

namespace {

// "text" in quotes (built by appending: GCC 12 warns falsely on "literal" + std::string&&).
std::string quoted(std::string_view text) {
  std::string result;
  result.reserve(text.size() + 2);
  result.append(1, '"').append(text).append(1, '"');
  return result;
}

std::optional<Url> fail(std::string* whyNot, std::string sentence) {
  if (whyNot) *whyNot = std::move(sentence);
  return std::nullopt;
}

std::uint16_t defaultPort(std::string_view scheme) {
  return (scheme == "https" || scheme == "wss") ? 443 : 80;
}

}  // namespace

std::string Url::hostHeader() const {
  const bool ipv6 = host.find(':') != std::string::npos;
  std::string text;
  if (ipv6) text.append(1, '[').append(host).append(1, ']');
  else text = host;
  if (port != defaultPort(scheme)) text.append(1, ':').append(std::to_string(port));
  return text;
}

std::string Url::originKey() const {
  return scheme + "://" + host + ":" + std::to_string(port);
}

bool isIpLiteral(std::string_view host) {
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(host), ec);
  return !ec;
}

std::optional<Url> parseUrl(std::string_view text, std::string* whyNot) {
  auto parsed = boost::urls::parse_uri(text);
  if (!parsed)
    return fail(whyNot, quoted(text) + " is not an absolute URL (" + parsed.error().message() + ").");
  const boost::urls::url_view& view = *parsed;

  Url url;
  url.scheme = std::string(view.scheme());
  for (char& c : url.scheme) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (url.scheme != "http" && url.scheme != "https" && url.scheme != "ws" && url.scheme != "wss")
    return fail(whyNot, "The URL scheme " + quoted(url.scheme) + " is not supported; use http, https, ws or wss.");

  if (view.host_type() == boost::urls::host_type::ipv6)
    url.host = view.host_ipv6_address().to_string();
  else
    url.host = view.host();
  if (url.host.empty()) return fail(whyNot, "The URL " + quoted(text) + " has no host name.");

  url.port = defaultPort(url.scheme);
  if (view.has_port()) {
    const std::string_view portText = view.port();
    unsigned value = 0;
    const auto [end, ec] = std::from_chars(portText.data(), portText.data() + portText.size(), value);
    if (portText.empty() || ec != std::errc{} || end != portText.data() + portText.size() || value == 0 ||
        value > 65535)
      return fail(whyNot, "The port " + quoted(portText) + " is not a number between 1 and 65535.");
    url.port = static_cast<std::uint16_t>(value);
  }

  url.target = std::string(view.encoded_path());
  if (url.target.empty()) url.target = "/";
  if (view.has_query()) url.target += "?" + std::string(view.encoded_query());
  return url;
}

}  // namespace net
