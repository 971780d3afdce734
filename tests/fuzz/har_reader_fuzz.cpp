// gcsim's HAR reader (tools/gcsim/src/har_reader.h): --replay reads files people write by
// hand or edit, so any text must end in a session or a sentence, never a crash.
#include "../../tools/gcsim/src/har_reader.h"
#include "fuzz_input.h"

#include <variant>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto result = gcsim::readHar(fuzzText(data, size));
  if (const auto* session = std::get_if<gcsim::RecordedSession>(&result)) {
    for (const auto& socket : session->sockets)
      for (const auto& message : socket.received)
        if (message.offsetSeconds < 0) __builtin_trap();  // offsets are clamped at the opening
  }
  return 0;
}
