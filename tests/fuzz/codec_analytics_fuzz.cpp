// Analytics query answers (src/api/codec_analytics.cpp), and the queue observation answer
// applied to the store's state as the session applies it (workers/reducers.cpp).
#include "api/codec.h"
#include "fuzz_input.h"
#include "workers/reducers.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  if (auto groups = api::decodeQueueObservations(body); groups) {
    store::State state;
    workers::applyQueueObservationAnswer(state, *groups);
  }
  if (auto buckets = api::decodeConversationAggregates(body); buckets) {
    store::State state;
    std::vector<std::string> queueIds;
    for (const auto& b : *buckets) queueIds.push_back(b.queueId);
    workers::applyServiceLevelToday(state, queueIds, *buckets, 0);
  }
  (void)api::decodeConversationActivity(body);
  (void)api::decodeLiveInteractions(body);
  (void)api::decodeUserObservations(body);
  return 0;
}
