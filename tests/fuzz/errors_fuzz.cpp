// Error bodies (src/api/errors.cpp): anything a server or proxy may answer with, then the
// sentence the supervisor reads for it.
#include "api/errors.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  for (int status : {0, 400, 401, 403, 404, 409, 429, 500, 503}) {
    const api::ApiError error = api::parseErrorBody(status, body);
    for (int a = static_cast<int>(api::Action::Load); a <= static_cast<int>(api::Action::SignIn); ++a) {
      (void)api::explain(error, static_cast<api::Action>(a));
    }
  }
  return 0;
}
