// The time-in-state rules behind the row colours (src/model/thresholds.*): what turns an
// agent or a queue amber, red or blinking, at exactly which second, and what wins when
// several apply.
#include "model/thresholds.h"

#include <gtest/gtest.h>

namespace {

using model::Agent;
using model::Presence;
using model::RoutingStatus;
using model::Severity;

constexpr model::TimeMs kNow = 1'764'500'000'000;  // a fixed "now": the rules are pure
constexpr model::TimeMs secondsAgo(long long seconds) { return kNow - seconds * 1000; }

const model::Thresholds kDefaults{};

Agent agent(RoutingStatus routing, model::TimeMs routingSince, Presence presence = Presence::OnQueue,
            model::TimeMs presenceSince = secondsAgo(1)) {
  Agent a;
  a.id = "agent-1";
  a.routing = routing;
  a.routingSince = routingSince;
  a.presence = presence;
  a.presenceSince = presenceSince;
  return a;
}

Severity severityOf(const Agent& a, const model::Thresholds& limits = kDefaults) {
  return model::assessAgent(a, kNow, limits).severity;
}

// [SECTION] Agents

TEST(AgentThresholds, NotRespondingBlinksAtOnceWhateverElseHolds) {
  Agent a = agent(RoutingStatus::NotResponding, secondsAgo(0));
  a.heldSince = secondsAgo(1);
  const model::AgentAlert alert = model::assessAgent(a, kNow, kDefaults);
  EXPECT_EQ(alert.severity, Severity::Blinking);
  EXPECT_STREQ(alert.reason, "not responding");
}

TEST(AgentThresholds, IdleTurnsAmberThenRedAtTheirSecond) {
  EXPECT_EQ(severityOf(agent(RoutingStatus::Idle, secondsAgo(kDefaults.idleAmberSeconds - 1))), Severity::Normal);
  EXPECT_EQ(severityOf(agent(RoutingStatus::Idle, secondsAgo(kDefaults.idleAmberSeconds))), Severity::Amber);
  EXPECT_EQ(severityOf(agent(RoutingStatus::Idle, secondsAgo(kDefaults.idleRedSeconds - 1))), Severity::Amber);
  const model::AgentAlert red = model::assessAgent(agent(RoutingStatus::Idle, secondsAgo(kDefaults.idleRedSeconds)), kNow,
                                                   kDefaults);
  EXPECT_EQ(red.severity, Severity::Red);
  EXPECT_STREQ(red.reason, "idle a long time");
}

TEST(AgentThresholds, ALongInteractionCountsFromTheCallNotTheStatus) {
  // Interacting for 30 min by routing status, but the current call connected 1 min ago.
  Agent a = agent(RoutingStatus::Interacting, secondsAgo(1800));
  a.interactionSince = secondsAgo(60);
  EXPECT_EQ(severityOf(a), Severity::Normal);
  a.interactionSince = secondsAgo(kDefaults.interactingAmberSeconds);
  EXPECT_EQ(severityOf(a), Severity::Amber);
  a.interactionSince = secondsAgo(kDefaults.interactingRedSeconds);
  EXPECT_EQ(severityOf(a), Severity::Red);
  // Without a call time (not yet known), the routing status time is used.
  a.interactionSince = 0;
  EXPECT_EQ(severityOf(a), Severity::Red);
  // COMMUNICATING (a non-ACD interaction) follows the same rule.
  a.routing = RoutingStatus::Communicating;
  EXPECT_EQ(severityOf(a), Severity::Red);
}

TEST(AgentThresholds, AHoldOverTheLimitBlinksAndOutranksTheInteraction) {
  Agent a = agent(RoutingStatus::Interacting, secondsAgo(30));
  a.interactionSince = secondsAgo(30);
  a.heldSince = secondsAgo(kDefaults.holdAmberSeconds - 1);
  EXPECT_EQ(severityOf(a), Severity::Normal);
  a.heldSince = secondsAgo(kDefaults.holdAmberSeconds);
  const model::AgentAlert amber = model::assessAgent(a, kNow, kDefaults);
  EXPECT_EQ(amber.severity, Severity::Amber);
  EXPECT_STREQ(amber.reason, "customer on hold");
  a.heldSince = secondsAgo(kDefaults.holdRedSeconds);
  const model::AgentAlert blinking = model::assessAgent(a, kNow, kDefaults);
  EXPECT_EQ(blinking.severity, Severity::Blinking);
  EXPECT_STREQ(blinking.reason, "customer on hold too long");
}

TEST(AgentThresholds, AfterCallWorkCountsFromTheRoutingStatus) {
  Agent a = agent(RoutingStatus::Idle, secondsAgo(kDefaults.acwAmberSeconds));
  a.media.acw[static_cast<int>(model::Media::Call)] = 1;
  const model::AgentAlert amber = model::assessAgent(a, kNow, kDefaults);
  EXPECT_EQ(amber.severity, Severity::Amber);
  EXPECT_STREQ(amber.reason, "long after-call work");
  a.routingSince = secondsAgo(kDefaults.acwRedSeconds);
  EXPECT_EQ(severityOf(a), Severity::Red);
  // Short wrap-up on an idle agent: the idle rule still applies (not yet amber at 2 min).
  a.routingSince = secondsAgo(kDefaults.acwAmberSeconds - 1);
  EXPECT_EQ(severityOf(a), Severity::Normal);
}

TEST(AgentThresholds, AwayBreakAndMealOffQueueTurnAmberThenRed) {
  for (const Presence away : {Presence::Away, Presence::Break, Presence::Meal}) {
    EXPECT_EQ(severityOf(agent(RoutingStatus::OffQueue, secondsAgo(10), away, secondsAgo(kDefaults.awayAmberSeconds - 1))),
              Severity::Normal);
    EXPECT_EQ(severityOf(agent(RoutingStatus::OffQueue, secondsAgo(10), away, secondsAgo(kDefaults.awayAmberSeconds))),
              Severity::Amber);
    const model::AgentAlert red = model::assessAgent(
        agent(RoutingStatus::OffQueue, secondsAgo(10), away, secondsAgo(kDefaults.awayRedSeconds)), kNow, kDefaults);
    EXPECT_EQ(red.severity, Severity::Red);
    EXPECT_STREQ(red.reason, "away a long time");
  }
  // Other presences have no time limit: a long training or meeting is normal.
  for (const Presence busy : {Presence::Busy, Presence::Training, Presence::Meeting, Presence::Available})
    EXPECT_EQ(severityOf(agent(RoutingStatus::OffQueue, secondsAgo(10), busy, secondsAgo(10 * 3600))), Severity::Normal);
}

TEST(AgentThresholds, UnknownOrFutureTimesNeverAlarm) {
  EXPECT_EQ(severityOf(agent(RoutingStatus::Idle, 0)), Severity::Normal);
  EXPECT_EQ(severityOf(agent(RoutingStatus::Idle, kNow + 60'000)), Severity::Normal) << "a clock ahead of ours";
  Agent a = agent(RoutingStatus::Idle, secondsAgo(1));
  EXPECT_STREQ(model::assessAgent(a, kNow, kDefaults).reason, "");
}

TEST(AgentThresholds, TheSupervisorsLimitsAreTheOnesUsed) {
  model::Thresholds strict;
  strict.idleAmberSeconds = 10;
  strict.idleRedSeconds = 20;
  const Agent a = agent(RoutingStatus::Idle, secondsAgo(15));
  EXPECT_EQ(severityOf(a), Severity::Normal);
  EXPECT_EQ(severityOf(a, strict), Severity::Amber);
}

// [SECTION] Queues

model::Queue queueWaiting(int waiting, model::TimeMs longestWaitingSince) {
  model::Queue q;
  q.id = "queue-1";
  q.waiting = waiting;
  q.longestWaitingSince = longestWaitingSince;
  return q;
}

TEST(QueueThresholds, LongestWaitingTurnsAmberThenRed) {
  EXPECT_EQ(model::assessQueueWait(queueWaiting(2, secondsAgo(kDefaults.queueWaitAmberSeconds - 1)), kNow, kDefaults),
            Severity::Normal);
  EXPECT_EQ(model::assessQueueWait(queueWaiting(2, secondsAgo(kDefaults.queueWaitAmberSeconds)), kNow, kDefaults),
            Severity::Amber);
  EXPECT_EQ(model::assessQueueWait(queueWaiting(2, secondsAgo(kDefaults.queueWaitRedSeconds)), kNow, kDefaults),
            Severity::Red);
}

TEST(QueueThresholds, NobodyWaitingOrAnUnknownStartIsNormal) {
  EXPECT_EQ(model::assessQueueWait(queueWaiting(0, secondsAgo(3600)), kNow, kDefaults), Severity::Normal)
      << "a stale start time with nobody waiting";
  EXPECT_EQ(model::assessQueueWait(queueWaiting(3, 0), kNow, kDefaults), Severity::Normal);
}

TEST(QueueThresholds, ServiceLevelBelowTargetIsAmberWithinTenPointsThenRed) {
  model::Queue q;
  q.serviceLevelTarget = 0.8;
  q.serviceLevel = -1;
  EXPECT_EQ(model::assessServiceLevel(q), Severity::Normal) << "unknown";
  q.serviceLevel = 0.8;
  EXPECT_EQ(model::assessServiceLevel(q), Severity::Normal) << "on target";
  q.serviceLevel = 0.75;
  EXPECT_EQ(model::assessServiceLevel(q), Severity::Amber);
  q.serviceLevel = 0.65;
  EXPECT_EQ(model::assessServiceLevel(q), Severity::Red);
}

// [SECTION] Durations shown beside the colours

TEST(FormatDuration, MinutesAndSecondsThenHours) {
  EXPECT_EQ(model::formatDuration(secondsAgo(0), kNow), "0:00");
  EXPECT_EQ(model::formatDuration(secondsAgo(4 * 60 + 31), kNow), "4:31");
  EXPECT_EQ(model::formatDuration(secondsAgo(3600 + 2 * 60 + 3), kNow), "1:02:03");
  EXPECT_EQ(model::formatDuration(0, kNow), "-") << "unknown";
  EXPECT_EQ(model::formatDuration(kNow + 1000, kNow), "-") << "in the future";
}

}  // namespace
