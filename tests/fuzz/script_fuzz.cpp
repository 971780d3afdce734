// The --script parser (src/app/script.h): a whole file is checked before the window opens.
#include "app/script.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  (void)app::script::parse(fuzzText(data, size));
  return 0;
}
