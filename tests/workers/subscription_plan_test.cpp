#include "workers/subscription_plan.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace {

std::vector<std::string> topics(const std::string& prefix, int n) {
  std::vector<std::string> out;
  for (int i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

TEST(SubscriptionPlan, WhatTheSupervisorLooksAtComesFirst) {
  workers::TopicWishes w;
  w.supervisorId = "sup";
  w.queueIds = {"q1"};
  w.transcriptConversationId = "c1";
  w.selectedAgentId = "a2";
  w.agentIds = {"a1", "a2", "a3"};
  const auto wanted = workers::wantedTopics(w);
  const std::vector<std::string> expected = {
      "v2.users.sup.wem.coaching.notification",  "v2.conversations.c1.transcription",
      "v2.analytics.queues.q1.observations",     "v2.routing.queues.q1.conversations",
      "v2.users.a2?presence&routingStatus",      "v2.users.a2.conversations",
      "v2.users.a1?presence&routingStatus",      "v2.users.a3?presence&routingStatus"};
  EXPECT_EQ(wanted, expected) << "the opened agent once, with their own conversations; no duplicates";
}

// The org's availabletopics decides the coaching name; a name it does not offer is never sent.
TEST(SubscriptionPlan, CoachingTopicFollowsWhatTheOrgOffers) {
  workers::TopicWishes w;
  w.supervisorId = "sup";
  w.names.coachingPlural = true;
  EXPECT_EQ(workers::wantedTopics(w), std::vector<std::string>{"v2.users.sup.wem.coaching.notifications"});
  w.names.coachingOffered = false;
  EXPECT_TRUE(workers::wantedTopics(w).empty());
}

// An org offering v2.users.{id}.activity gets one activity topic per agent instead of the
// combined presence + routing status topic (it keeps the active queues live too).
TEST(SubscriptionPlan, AgentsUseTheActivityTopicWhenTheOrgOffersIt) {
  workers::TopicWishes w;
  w.names.coachingOffered = false;
  w.names.userActivity = true;
  w.selectedAgentId = "a2";
  w.agentIds = {"a1", "a2"};
  const std::vector<std::string> expected{"v2.users.a2.activity", "v2.users.a2.conversations", "v2.users.a1.activity"};
  EXPECT_EQ(workers::wantedTopics(w), expected);
  EXPECT_EQ(workers::subjectOf("v2.users.a1.activity").id, "a1");
}

TEST(SubscriptionPlan, TopicsNameWhatTheyCover) {
  using Kind = workers::TopicSubject::Kind;
  EXPECT_EQ(workers::subjectOf("v2.users.a1?presence&routingStatus").kind, Kind::Agent);
  EXPECT_EQ(workers::subjectOf("v2.users.a1?presence&routingStatus").id, "a1");
  EXPECT_EQ(workers::subjectOf("v2.users.sup.wem.coaching.notification").kind, Kind::Coaching);
  EXPECT_EQ(workers::subjectOf("v2.routing.queues.q1.conversations").id, "q1");
  EXPECT_EQ(workers::subjectOf("v2.analytics.queues.q2.observations").kind, Kind::Queue);
  EXPECT_EQ(workers::subjectOf("v2.conversations.c1.transcription").kind, Kind::Other);
}

// The overlay's graphs count events per family: the topic with its id written {id}.
TEST(SubscriptionPlan, TopicFamiliesHideTheId) {
  EXPECT_EQ(workers::topicFamily("v2.users.a1?presence&routingStatus"), "v2.users.{id}?presence&routingStatus");
  EXPECT_EQ(workers::topicFamily("v2.users.a1.activity"), "v2.users.{id}.activity");
  EXPECT_EQ(workers::topicFamily("v2.routing.queues.q1.conversations"), "v2.routing.queues.{id}.conversations");
  EXPECT_EQ(workers::topicFamily("v2.analytics.queues.q2.observations"), "v2.analytics.queues.{id}.observations");
  EXPECT_EQ(workers::topicFamily("v2.conversations.c1.transcription"), "v2.conversations.{id}.transcription");
  EXPECT_EQ(workers::topicFamily("channel.metadata"), "channel.metadata");
}

TEST(SubscriptionPlan, ShardsOverChannelsOfAThousand) {
  std::vector<std::string> dropped;
  const auto plan = workers::assignTopics({}, topics("t", 2500), 1000, 18, dropped);
  ASSERT_EQ(plan.size(), 3u);
  EXPECT_EQ(plan[0].size(), 1000u);
  EXPECT_EQ(plan[1].size(), 1000u);
  EXPECT_EQ(plan[2].size(), 500u);
  EXPECT_TRUE(dropped.empty());
}

TEST(SubscriptionPlan, TopicsStayOnTheirChannelAndFreedRoomIsReused) {
  std::vector<std::string> dropped;
  const std::vector<std::vector<std::string>> current = {{"a", "b", "c"}, {"d", "e"}};
  // "b" and "d" go away, "f" and "g" come.
  const auto plan = workers::assignTopics(current, {"a", "c", "e", "f", "g"}, 3, 18, dropped);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(plan[0], (std::vector<std::string>{"a", "c", "f"}));
  EXPECT_EQ(plan[1], (std::vector<std::string>{"e", "g"}));
}

TEST(SubscriptionPlan, BeyondTheChannelBudgetTheTailIsDroppedAndReported) {
  std::vector<std::string> dropped;
  const auto plan = workers::assignTopics({}, topics("t", 25), 10, 2, dropped);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_EQ(dropped.size(), 5u);
  EXPECT_EQ(dropped.front(), "t20") << "the far end of the list goes without updates";
}

TEST(SubscriptionPlan, AnEmptyWishEmptiesEveryChannel) {
  std::vector<std::string> dropped;
  const auto plan = workers::assignTopics({{"a"}, {"b"}}, {}, 10, 18, dropped);
  ASSERT_EQ(plan.size(), 2u);
  EXPECT_TRUE(std::all_of(plan.begin(), plan.end(), [](const auto& c) { return c.empty(); }));
}

}  // namespace
