// The WebSocket notification decoder: every message from the server goes through it.
#include "api/events.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // One decoder for the whole run, as in the panel (it reuses its parser and buffer between
  // messages), so state carried from one message to the next is fuzzed too.
  static api::NotificationDecoder* decoder = [] {
    auto* d = new api::NotificationDecoder;
    d->setPresenceLabels({{"pd-meal", "Lunch"}});
    return d;
  }();
  decoder->decode(fuzzText(data, size));
  return 0;
}
