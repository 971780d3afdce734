// Coaching appointment bodies (src/api/codec_coaching.cpp).
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  (void)api::decodeAppointment(body);
  (void)api::decodeAppointmentsPage(body);
  (void)api::decodeAppointmentStatusResponse(body);
  return 0;
}
