// GET /api/v2/conversations/{id} bodies (src/api/codec_conversation.cpp), and the name masking.
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  (void)api::decodeConversation(body);
  (void)api::nameInitial(body);
  return 0;
}
