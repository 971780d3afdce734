// REST bodies decoded by src/api/codec_users.cpp: users, queues, members, presence, identity.
#include "api/codec.h"
#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const auto body = fuzzText(data, size);
  const api::PresenceLabels labels{{"pd-meal", "Lunch"}};
  (void)api::decodeUsersPage(body, &labels);
  (void)api::decodeDirectReports(body, &labels);
  (void)api::decodeQueuesPage(body);
  (void)api::decodeQueueMembersPage(body, &labels);
  (void)api::decodeUserQueuesPage(body);
  if (auto definitions = api::decodePresenceDefinitions(body); definitions) (void)api::labelsOf(*definitions);
  (void)api::decodeTokenResponse(body);
  (void)api::decodeTokenInfo(body);
  (void)api::decodeCurrentUser(body);
  (void)api::decodeStation(body);
  return 0;
}
