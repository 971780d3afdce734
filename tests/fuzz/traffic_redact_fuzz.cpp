// The debug overlay's and the HAR export's redaction (src/net/traffic_log.h, net::redaction).
#include "net/traffic_log.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzzText(data, size);
  (void)net::redaction::redactSecretParameters(text);
  (void)net::redaction::redactJsonFields(text);
  (void)net::redaction::redactUrl(text);
  (void)net::redaction::redactBody(text, 64);     // cut inside the text
  (void)net::redaction::redactBody(text, 1 << 20);
  // The same bytes as a header block, one "Name: value" per line.
  net::HeaderList headers;
  std::string_view rest = text;
  while (!rest.empty()) {
    const auto end = rest.find('\n');
    const auto line = rest.substr(0, end);
    const auto colon = line.find(':');
    headers.emplace_back(std::string(line.substr(0, colon)),
                         colon == std::string_view::npos ? std::string() : std::string(line.substr(colon + 1)));
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end + 1);
  }
  (void)net::redaction::redactHeaders(std::move(headers));
  return 0;
}
