// Analytics query answers (src/api/codec_analytics.cpp), and applying queue counts to a queue.
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  if (auto counts = api::decodeQueueObservations(body); counts) {
    model::Queue queue;
    for (const auto& c : *counts) api::applyQueueCounts(c, queue);
  }
  (void)api::decodeConversationActivity(body);
  (void)api::decodeUserObservations(body);
  return 0;
}
