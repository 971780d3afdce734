// TopicCounts: the Topics tab's message counts, and the bound on what it keeps.
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "workers/topic_counts.h"

TEST(TopicCounts, ACombinedSubscriptionSumsThePartsItIsDeliveredAs) {
  workers::TopicCounts counts;
  counts.add("v2.users.u1.presence", 1000);
  counts.add("v2.users.u1.routingStatus", 3000);
  counts.add("v2.users.u1.routingStatus", 2000);
  counts.add("v2.users.u2.presence", 9000);
  const auto combined = counts.of("v2.users.u1?presence&routingStatus");
  EXPECT_EQ(combined.messages, 3u);
  EXPECT_EQ(combined.lastAt, 3000) << "the newest message of any part, whatever order they came in";
  EXPECT_EQ(counts.of("v2.users.u1.presence").messages, 1u);
  EXPECT_EQ(counts.of("v2.users.u3.presence").messages, 0u);
  EXPECT_EQ(counts.of("v2.users.u3.presence").lastAt, 0);
}

TEST(TopicCounts, DeliveredNamesOfACombinedTopic) {
  EXPECT_EQ(workers::deliveredNames("v2.users.u1?presence&routingStatus"),
            (std::vector<std::string>{"v2.users.u1.presence", "v2.users.u1.routingStatus"}));
  EXPECT_EQ(workers::deliveredNames("v2.users.u1.activity"), std::vector<std::string>{"v2.users.u1.activity"});
}

TEST(TopicCounts, KeepOnlyForgetsTopicsNoLongerSubscribed) {
  workers::TopicCounts counts;
  for (int i = 0; i < 1000; ++i) counts.add("v2.users.u" + std::to_string(i) + ".presence", i);
  counts.keepOnly({"v2.users.u7?presence&routingStatus"});
  EXPECT_EQ(counts.size(), 1u);
  EXPECT_EQ(counts.of("v2.users.u7?presence&routingStatus").messages, 1u);
}

// Several sockets count at once (one thread each): no message is lost.
TEST(TopicCounts, CountsFromSeveralSocketThreads) {
  workers::TopicCounts counts;
  std::vector<std::thread> sockets;
  for (int t = 0; t < 4; ++t)
    sockets.emplace_back([&counts] {
      for (int i = 0; i < 10000; ++i) counts.add("v2.routing.queues.q1.conversations", i);
    });
  for (auto& socket : sockets) socket.join();
  EXPECT_EQ(counts.of("v2.routing.queues.q1.conversations").messages, 40000u);
}
