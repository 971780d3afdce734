#include "model/thresholds.h"

#include <cstdio>

namespace model {

namespace {

Severity bySeconds(long long seconds, int amber, int red) {
  if (seconds >= red) return Severity::Red;
  if (seconds >= amber) return Severity::Amber;
  return Severity::Normal;
}

long long secondsSince(TimeMs since, TimeMs now) { return since > 0 && now > since ? (now - since) / 1000 : 0; }

bool inAfterCallWork(const Agent& a) {
  for (auto n : a.media.acw)
    if (n > 0) return true;
  return false;
}

}  // namespace

AgentAlert assessAgent(const Agent& a, TimeMs now, const Thresholds& t) {
  if (a.routing == RoutingStatus::NotResponding) return {Severity::Blinking, "not responding"};
  if (a.heldSince > 0) {
    Severity s = bySeconds(secondsSince(a.heldSince, now), t.holdAmberSeconds, t.holdRedSeconds);
    if (s == Severity::Red) return {Severity::Blinking, "customer on hold too long"};
    if (s != Severity::Normal) return {s, "customer on hold"};
  }
  if (inAfterCallWork(a)) {
    Severity s = bySeconds(secondsSince(a.routingSince, now), t.acwAmberSeconds, t.acwRedSeconds);
    if (s != Severity::Normal) return {s, "long after-call work"};
  }
  switch (a.routing) {
    case RoutingStatus::Interacting:
    case RoutingStatus::Communicating: {
      TimeMs since = a.interactionSince > 0 ? a.interactionSince : a.routingSince;
      Severity s = bySeconds(secondsSince(since, now), t.interactingAmberSeconds, t.interactingRedSeconds);
      return {s, s == Severity::Normal ? "" : "long interaction"};
    }
    case RoutingStatus::Idle: {
      Severity s = bySeconds(secondsSince(a.routingSince, now), t.idleAmberSeconds, t.idleRedSeconds);
      return {s, s == Severity::Normal ? "" : "idle a long time"};
    }
    default:
      break;
  }
  switch (a.presence) {
    case Presence::Away:
    case Presence::Break:
    case Presence::Meal: {
      Severity s = bySeconds(secondsSince(a.presenceSince, now), t.awayAmberSeconds, t.awayRedSeconds);
      return {s, s == Severity::Normal ? "" : "away a long time"};
    }
    default:
      break;
  }
  return {};
}

Severity assessQueueWait(const Queue& q, TimeMs now, const Thresholds& t) {
  if (q.waiting == 0 || q.longestWaitingSince == 0) return Severity::Normal;
  Severity s = bySeconds(secondsSince(q.longestWaitingSince, now), t.queueWaitAmberSeconds, t.queueWaitRedSeconds);
  return s;
}

Severity assessServiceLevel(const Queue& q) {
  if (q.serviceLevel < 0 || q.serviceLevelTarget < 0) return Severity::Normal;
  if (q.serviceLevel >= q.serviceLevelTarget) return Severity::Normal;
  if (q.serviceLevel >= q.serviceLevelTarget - 0.1) return Severity::Amber;
  return Severity::Red;
}

std::string formatDuration(TimeMs since, TimeMs now) {
  if (since <= 0 || now < since) return "-";
  long long s = (now - since) / 1000;
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lld:%02lld:%02lld", s / 3600, (s / 60) % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%lld:%02lld", s / 60, s % 60);
  return buf;
}

}  // namespace model
