// Transcript URL answers and transcript documents (src/api/codec_transcript.cpp).
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  (void)api::decodeTranscriptUrl(body);
  (void)api::decodeTranscriptDocument(body);
  return 0;
}
