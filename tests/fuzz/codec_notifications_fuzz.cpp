// Notification channel and subscription answers (src/api/codec_notifications.cpp).
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  (void)api::decodeChannel(body);
  (void)api::decodeSubscriptions(body);
  return 0;
}
