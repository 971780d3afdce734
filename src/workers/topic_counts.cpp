#include "workers/topic_counts.h"

#include <algorithm>
#include <unordered_set>

namespace workers {

void TopicCounts::add(std::string_view topicName, model::TimeMs at) {
  const std::uint64_t k = key(topicName);  // outside the lock
  const std::lock_guard lock(mutex_);
  Count& count = counts_[k];
  ++count.messages;
  count.lastAt = std::max(count.lastAt, at);
}

TopicCounts::Count TopicCounts::find(std::string_view topicName) const {
  const auto it = counts_.find(key(topicName));
  return it == counts_.end() ? Count{} : it->second;
}

TopicCounts::Count TopicCounts::of(std::string_view subscribed) const {
  const std::lock_guard lock(mutex_);
  Count total = find(subscribed);
  if (subscribed.find('?') == std::string_view::npos) return total;
  for (const std::string& name : deliveredNames(subscribed)) {
    const Count part = find(name);
    total.messages += part.messages;
    total.lastAt = std::max(total.lastAt, part.lastAt);
  }
  return total;
}

void TopicCounts::keepOnly(const std::vector<std::string>& keep) {
  std::unordered_set<std::uint64_t> names;
  for (const std::string& topic : keep) {
    names.insert(key(topic));
    for (const std::string& name : deliveredNames(topic)) names.insert(key(name));
  }
  const std::lock_guard lock(mutex_);
  std::erase_if(counts_, [&](const auto& entry) { return !names.count(entry.first); });
}

std::size_t TopicCounts::size() const {
  const std::lock_guard lock(mutex_);
  return counts_.size();
}

std::vector<std::string> deliveredNames(std::string_view subscribed) {
  const std::size_t query = subscribed.find('?');
  if (query == std::string_view::npos) return {std::string(subscribed)};
  const std::string_view base = subscribed.substr(0, query);
  std::vector<std::string> names;
  std::string_view parts = subscribed.substr(query + 1);
  while (!parts.empty()) {
    const std::size_t amp = parts.find('&');
    const std::string_view part = parts.substr(0, amp);
    if (!part.empty()) names.push_back(std::string(base) + "." + std::string(part));
    parts = amp == std::string_view::npos ? std::string_view{} : parts.substr(amp + 1);
  }
  return names;
}

}  // namespace workers
