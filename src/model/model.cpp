#include "model/model.h"

#include <algorithm>
#include <numeric>

namespace model {

std::string_view toString(RoutingStatus s) {
  switch (s) {
    case RoutingStatus::OffQueue: return "OFF_QUEUE";
    case RoutingStatus::Idle: return "IDLE";
    case RoutingStatus::Interacting: return "INTERACTING";
    case RoutingStatus::NotResponding: return "NOT_RESPONDING";
    case RoutingStatus::Communicating: return "COMMUNICATING";
    case RoutingStatus::Unknown: break;
  }
  return "UNKNOWN";
}

std::string_view toString(Presence p) {
  switch (p) {
    case Presence::Available: return "Available";
    case Presence::Away: return "Away";
    case Presence::Busy: return "Busy";
    case Presence::Offline: return "Offline";
    case Presence::Idle: return "Idle";
    case Presence::OnQueue: return "On Queue";
    case Presence::Meal: return "Meal";
    case Presence::Training: return "Training";
    case Presence::Meeting: return "Meeting";
    case Presence::Break: return "Break";
    case Presence::Unknown: break;
  }
  return "Unknown";
}

std::string_view toString(Media m) {
  switch (m) {
    case Media::Call: return "call";
    case Media::Callback: return "callback";
    case Media::Chat: return "chat";
    case Media::Email: return "email";
    case Media::Message: return "message";
  }
  return "?";
}

std::string_view toString(CommState s) {
  switch (s) {
    case CommState::Alerting: return "alerting";
    case CommState::Dialing: return "dialing";
    case CommState::Contacting: return "contacting";
    case CommState::Offering: return "offering";
    case CommState::Connected: return "connected";
    case CommState::Disconnected: return "disconnected";
    case CommState::Terminated: return "terminated";
    case CommState::Scheduled: return "scheduled";
    case CommState::None: return "none";
    case CommState::Unknown: break;
  }
  return "unknown";
}

std::string_view toString(AppointmentStatus s) {
  switch (s) {
    case AppointmentStatus::Scheduled: return "Scheduled";
    case AppointmentStatus::InProgress: return "InProgress";
    case AppointmentStatus::Completed: return "Completed";
    case AppointmentStatus::InvalidSchedule: return "InvalidSchedule";
    case AppointmentStatus::Unknown: break;
  }
  return "Unknown";
}

int MediaCounts::totalActive() const { return std::accumulate(active.begin(), active.end(), 0); }

ServiceLevelToday serviceLevelToday(const QueueMediaFigures& m) {
  ServiceLevelToday t{m.dayOffered, m.dayAnswered, m.dayAbandoned, m.daySlNumerator, m.daySlDenominator,
                      m.slTarget >= 0 ? m.slTarget : m.configuredTarget};
  if (m.intervalStart > 0 && m.intervalStart >= m.dayThrough) {  // not yet in the day figures
    t.offered += m.offered;
    t.answered += m.answered;
    t.abandoned += m.abandoned;
    t.numerator += m.slNumerator;
    t.denominator += m.slDenominator;
  }
  return t;
}

void recomputeQueueTotals(Queue& q) {
  q.waiting = q.interacting = q.alerting = 0;
  for (const QueueMediaFigures& m : q.byMedia) {
    q.waiting += m.waiting;
    q.interacting += m.interacting;
    q.alerting += m.alerting;
  }
  auto sum = [](const std::vector<QualifiedCount>& counts) {
    return std::accumulate(counts.begin(), counts.end(), 0, [](int total, const QualifiedCount& c) { return total + c.count; });
  };
  q.onQueueAgents = sum(q.onQueueByStatus);
  q.offQueueAgents = sum(q.offQueueByPresence);
  q.longestWaitingSince = 0;
  for (const WaitingInteraction& w : q.waitingInteractions)
    if (w.since > 0 && (q.longestWaitingSince == 0 || w.since < q.longestWaitingSince)) q.longestWaitingSince = w.since;
  if (q.waiting == 0) q.longestWaitingSince = 0;  // the counts are the authority on "nobody waits"

  double numerator = 0, denominator = 0, weightedTarget = 0, targetedDenominator = 0, fallbackTarget = -1;
  for (const QueueMediaFigures& m : q.byMedia) {
    const ServiceLevelToday t = serviceLevelToday(m);
    numerator += t.numerator;
    denominator += t.denominator;
    if (t.target < 0) continue;
    weightedTarget += t.target * t.denominator;
    targetedDenominator += t.denominator;
    if (fallbackTarget < 0) fallbackTarget = t.target;  // byMedia starts with calls
  }
  q.serviceLevel = denominator > 0 ? numerator / denominator : -1;
  q.serviceLevelTarget = targetedDenominator > 0 ? weightedTarget / targetedDenominator : fallbackTarget;
}

const Participant* agentParticipant(const Conversation& c, std::string_view userId) {
  const Participant* found = nullptr;
  for (const auto& p : c.participants) {
    if (p.userId != userId || (p.purpose != Purpose::Agent && p.purpose != Purpose::User)) continue;
    // A transferred-back agent has several participants: the one still on the call wins.
    if (!found || p.endTime == 0) found = &p;
  }
  return found;
}

bool inProgress(CommState s) {
  return s == CommState::Alerting || s == CommState::Connected || s == CommState::Dialing ||
         s == CommState::Contacting || s == CommState::Offering;
}

bool isLiveFor(const Conversation& c, std::string_view userId) {
  if (c.endTime != 0) return false;
  const Participant* agent = agentParticipant(c, userId);
  if (!agent || agent->endTime != 0) return false;
  for (const auto& comm : agent->communications)
    if (comm.media == Media::Call && comm.state == CommState::Connected) return true;
  return false;
}

std::vector<const Participant*> supervisorsOn(const Conversation& c, std::string_view participantId) {
  std::vector<const Participant*> out;
  if (participantId.empty()) return out;
  for (const auto& p : c.participants) {
    if (p.endTime != 0) continue;
    if (p.monitoredParticipantId == participantId || p.coachedParticipantId == participantId ||
        p.bargedParticipantId == participantId)
      out.push_back(&p);
  }
  return out;
}

namespace {
std::string withRaw(std::string_view known, const std::string& raw) {
  return raw.empty() ? std::string(known) : std::string(known) + " (" + raw + ")";
}
}  // namespace

std::string presenceText(const Agent& agent) {
  if (!agent.presenceLabel.empty()) return agent.presenceLabel;
  return withRaw(toString(agent.presence), agent.presence == Presence::Unknown ? agent.presenceRaw : std::string());
}

std::string routingText(const Agent& agent) {
  return withRaw(toString(agent.routing), agent.routing == RoutingStatus::Unknown ? agent.routingRaw : std::string());
}

}  // namespace model
