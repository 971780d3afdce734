#include "workers/subscription_plan.h"

#include <unordered_map>
#include <unordered_set>

#include "api/requests.h"
#include "store/snapshot.h"

namespace workers {

std::vector<std::string> wantedTopics(const TopicWishes& w) {
  std::vector<std::string> topics;
  std::unordered_set<std::string> seen;
  auto add = [&](std::string topic) {
    if (seen.insert(topic).second) topics.push_back(std::move(topic));
  };
  if (!w.supervisorId.empty() && w.names.coachingOffered)
    add(api::userCoachingTopic(w.supervisorId, w.names.coachingPlural));
  if (!w.transcriptConversationId.empty()) add(api::conversationTranscriptionTopic(w.transcriptConversationId));
  // Every interaction routed through the queues comes on one topic per queue; the agent
  // the supervisor opened also gets their own conversations topic (direct calls too).
  for (const auto& q : w.queueIds) {
    add(api::queueObservationsTopic(q));
    add(api::queueConversationsTopic(q));
  }
  auto agentStatus = [&](const std::string& id) {
    return w.names.userActivity ? api::userActivityTopic(id) : api::userPresenceAndRoutingTopic(id);
  };
  if (!w.selectedAgentId.empty()) {
    add(agentStatus(w.selectedAgentId));
    add(api::userConversationsTopic(w.selectedAgentId));
  }
  for (const auto& id : w.agentIds) add(agentStatus(id));
  return topics;
}

std::vector<std::vector<std::string>> assignTopics(const std::vector<std::vector<std::string>>& current,
                                                   const std::vector<std::string>& wanted, std::size_t perChannel,
                                                   std::size_t maxChannels, std::vector<std::string>& dropped) {
  dropped.clear();
  std::unordered_map<std::string, std::size_t> channelOf;
  for (std::size_t c = 0; c < current.size(); ++c)
    for (const auto& topic : current[c]) channelOf.emplace(topic, c);

  std::vector<std::vector<std::string>> next(current.size());
  std::vector<const std::string*> homeless;
  for (const auto& topic : wanted) {
    auto it = channelOf.find(topic);
    if (it != channelOf.end())
      next[it->second].push_back(topic);
    else
      homeless.push_back(&topic);
  }
  std::size_t channel = 0;
  for (const std::string* topic : homeless) {
    while (channel < next.size() && next[channel].size() >= perChannel) ++channel;
    if (channel == next.size()) {
      if (next.size() >= maxChannels) {
        dropped.push_back(*topic);
        continue;
      }
      next.emplace_back();
    }
    next[channel].push_back(*topic);
  }
  return next;
}

TopicSubject subjectOf(std::string_view topic) {
  std::string_view rest;
  if (auto id = store::topicIdAfter(topic, "v2.users.", &rest); !id.empty()) {
    if (rest.rfind(".wem.coaching", 0) == 0) return {TopicSubject::Kind::Coaching, std::string(id)};
    return {TopicSubject::Kind::Agent, std::string(id)};
  }
  if (auto id = store::topicIdAfter(topic, "v2.routing.queues.", &rest); !id.empty()) return {TopicSubject::Kind::Queue, std::string(id)};
  if (auto id = store::topicIdAfter(topic, "v2.analytics.queues.", &rest); !id.empty()) return {TopicSubject::Kind::Queue, std::string(id)};
  return {};
}

std::string topicFamily(std::string_view topic) {
  for (const std::string_view prefix : {"v2.users.", "v2.routing.queues.", "v2.analytics.queues.", "v2.conversations."}) {
    std::string_view rest;
    if (!store::topicIdAfter(topic, prefix, &rest).empty()) return std::string(prefix) + "{id}" + std::string(rest);
  }
  return std::string(topic);
}

}  // namespace workers
