// Messages received per notification topic, for the debug overlay's Topics tab, counted while
// the overlay is open. The socket threads count (one short lock per message, no allocation
// once a topic has been seen); the control thread reads when it builds the topic table.
// Thread-safe.
// Topics are kept by a 64-bit hash of their name, not the name: on the ingest path a lookup
// is one hash and one node, where a string key cost a heap string's compare per message
// (0.6 µs a message in BM_IngestWholePath). Two names sharing a hash would share a count:
// with a few thousand topics, a chance of about 1 in 10^12.
#pragma once

#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "model/model.h"

namespace workers {

class TopicCounts {
 public:
  struct Count {
    std::uint64_t messages = 0;
    model::TimeMs lastAt = 0;  // 0: none yet
  };

  // One message on `topicName` (the message's own "topicName") at `at`.
  void add(std::string_view topicName, model::TimeMs at);
  // What arrived for a subscribed topic. A combined subscription, base?part&part, is
  // delivered as one message per part on base.part (the Notifications API's combined
  // topics): its count sums those and any message under the combined name itself.
  Count of(std::string_view subscribed) const;
  // Forgets topics not in `keep`: the map stays as large as what is subscribed, however
  // many agents a day of views has followed.
  void keepOnly(const std::vector<std::string>& keep);
  std::size_t size() const;

 private:
  static std::uint64_t key(std::string_view topicName) { return std::hash<std::string_view>{}(topicName); }
  Count find(std::string_view topicName) const;  // mutex_ held

  mutable std::mutex mutex_;
  std::unordered_map<std::uint64_t, Count> counts_;
};

// The names a subscription's messages arrive on: base.a and base.b for base?a&b, else the name.
std::vector<std::string> deliveredNames(std::string_view subscribed);

}  // namespace workers
