// Personal data masking (src/model/redact.h): transcript text, addresses.
#include "model/redact.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto text = fuzzText(data, size);
  (void)redact::containsPersonalData(text);
  (void)redact::maskPersonalData(text);
  (void)redact::maskAddress(text);
  return 0;
}
