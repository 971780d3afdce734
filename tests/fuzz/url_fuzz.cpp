// URL parsing (src/net/url.h): connect URIs and transcript URLs come from the server.
#include "net/url.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzzText(data, size);
  std::string whyNot;
  if (auto url = net::parseUrl(text, &whyNot)) {
    (void)url->hostHeader();
    (void)url->originKey();
    (void)net::isIpLiteral(url->host);
  }
  (void)net::isIpLiteral(text);
  return 0;
}
