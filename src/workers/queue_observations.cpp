// Queue observations: per (queue, media type) figures from the observation messages and the
// REST answer, and who waits in each queue from its conversation events (see reducers.h).
#include <algorithm>

#include "workers/reducers.h"

namespace workers {

namespace {

// Sets the qualifiers carried; a qualifier not carried keeps its count, one now zero leaves.
void mergeQualified(std::vector<model::QualifiedCount>& held, const std::vector<model::QualifiedCount>& carried) {
  for (const auto& c : carried) {
    auto it = std::find_if(held.begin(), held.end(), [&](const auto& h) { return h.qualifier == c.qualifier; });
    if (it == held.end()) {
      if (c.count != 0) held.push_back(c);
    } else if (c.count == 0) {
      held.erase(it);
    } else {
      it->count = c.count;
    }
  }
}

// A new 30-minute interval counts from zero; the one that ended joins today's figures unless
// they already hold it (the next aggregates query replaces these with the service's own).
void startInterval(model::QueueMediaFigures& m, model::TimeMs intervalStart) {
  if (m.intervalStart > 0 && m.intervalStart >= m.dayThrough) {
    m.dayOffered += m.offered;
    m.dayAnswered += m.answered;
    m.dayAbandoned += m.abandoned;
    m.daySlNumerator += m.slNumerator;
    m.daySlDenominator += m.slDenominator;
    m.dayThrough = intervalStart;
  }
  m.intervalStart = intervalStart;
  m.offered = m.answered = m.abandoned = 0;
  m.slNumerator = m.slDenominator = 0;
  m.slTarget = -1;
}

// Writes only the metrics a queue observation group carried (absent = unchanged; genesys-api.md
// section 3) into its media type's figures, or into the user counts for the group without one.
void applyObservationGroup(model::Queue& q, const api::QueueObservationGroup& g) {
  if (!g.media) {
    mergeQualified(q.onQueueByStatus, g.onQueueUsers);
    mergeQualified(q.offQueueByPresence, g.offQueueUsers);
    return;
  }
  model::QueueMediaFigures& m = q.byMedia[static_cast<std::size_t>(*g.media)];
  if (g.waiting) m.waiting = *g.waiting;
  if (g.interacting) m.interacting = *g.interacting;
  if (g.alerting) m.alerting = *g.alerting;
  auto& waiting = q.waitingInteractions;
  if (g.waitingDetail || g.waiting == 0) {  // a new list of who waits, or nobody of that media any more
    std::erase_if(waiting, [&](const model::WaitingInteraction& w) { return w.media == *g.media; });
    if (g.waitingDetail) waiting.insert(waiting.end(), g.waitingDetail->begin(), g.waitingDetail->end());
    std::stable_sort(waiting.begin(), waiting.end(), [](const auto& a, const auto& b) { return a.since < b.since; });
  }
  const bool aggregates = g.offered || g.answered || g.abandoned || g.serviceLevel;
  if (!aggregates || g.intervalStart < m.intervalStart) return;  // none, or an interval already over
  if (g.intervalStart > m.intervalStart) startInterval(m, g.intervalStart);
  if (g.offered) m.offered = *g.offered;
  if (g.answered) m.answered = *g.answered;
  if (g.abandoned) m.abandoned = *g.abandoned;
  if (g.serviceLevel) {
    m.slNumerator = g.serviceLevel->numerator;
    m.slDenominator = g.serviceLevel->denominator;
    m.slTarget = g.serviceLevel->target;
  }
}

}  // namespace

// Longest-waiting: the REST answer's oWaiting detail lists who waits; the pushes carry no
// detail, so after that the queue's conversation events keep the list, and an oWaiting count
// of zero clears a media type's entries whatever events were missed.
void trackQueueWaiting(store::State& s, const model::Conversation& c) {
  const model::Participant* acd = nullptr;
  bool agentOn = false;
  for (const auto& p : c.participants) {
    if (p.purpose == model::Purpose::Acd && p.endTime == 0) acd = &p;  // the last one: its current queue
    if ((p.purpose == model::Purpose::Agent || p.purpose == model::Purpose::User) && p.endTime == 0)
      agentOn = agentOn || std::any_of(p.communications.begin(), p.communications.end(),
                                       [](const model::Communication& comm) { return model::inProgress(comm.state); });
  }
  const bool waits = c.endTime == 0 && acd && !agentOn;
  model::WaitingInteraction entry{c.id, model::Media::Call, 0};
  if (waits) {
    entry.since = acd->connectedTime ? acd->connectedTime : c.startTime;
    for (const auto& p : c.participants)  // the media of the interaction, wherever a participant shows it
      if (!p.communications.empty()) {
        entry.media = p.communications.front().media;
        break;
      }
  }
  for (const auto& p : c.participants) {
    if (p.purpose != model::Purpose::Acd) continue;
    const bool here = waits && p.queueId == acd->queueId;
    const model::Queue* q = s.queues.find(p.queueId);
    if (!q) continue;
    const auto& list = q->waitingInteractions;
    const auto held = std::find_if(list.begin(), list.end(), [&](const auto& w) { return w.conversationId == c.id; });
    if (here ? (held != list.end() && *held == entry) : held == list.end()) continue;
    s.queues.modify(p.queueId, [&](model::Queue& queue) {
      std::erase_if(queue.waitingInteractions, [&](const auto& w) { return w.conversationId == c.id; });
      if (here) {
        auto& waiting = queue.waitingInteractions;
        waiting.insert(std::upper_bound(waiting.begin(), waiting.end(), entry,
                                        [](const auto& a, const auto& b) { return a.since < b.since; }),
                       entry);
      }
      model::recomputeQueueTotals(queue);
    });
  }
}


Applied apply(store::State& s, const api::QueueObservationEvent& e) {
  if (e.group.unknownMediaType) return Applied::Unknown;  // a media type the panel does not show
  const bool found = s.queues.modify(e.group.queueId, [&](model::Queue& q) {
    applyObservationGroup(q, e.group);
    model::recomputeQueueTotals(q);
  });
  return found ? Applied::Changed : Applied::Unknown;
}

// Today's figures from the aggregates query (local midnight to `askedAt` in 30-minute
// buckets): the buckets before the current interval become the day's figures; the current
// bucket seeds the live interval unless the topic already said as much or more (an
// interval's counts only grow).
void applyServiceLevelToday(store::State& s, const std::vector<std::string>& queueIds,
                            const std::vector<api::QueueObservationGroup>& buckets, model::TimeMs currentInterval) {
  for (const auto& queueId : queueIds) {
    if (!s.queues.find(queueId)) continue;
    s.queues.modify(queueId, [&](model::Queue& q) {
      for (model::QueueMediaFigures& m : q.byMedia) {
        m.dayOffered = m.dayAnswered = m.dayAbandoned = 0;
        m.daySlNumerator = m.daySlDenominator = 0;
        m.dayThrough = currentInterval;
      }
      for (const auto& b : buckets) {
        if (b.queueId != queueId || !b.media) continue;
        model::QueueMediaFigures& m = q.byMedia[static_cast<std::size_t>(*b.media)];
        const api::QueueObservationGroup::ServiceLevel level = b.serviceLevel.value_or(api::QueueObservationGroup::ServiceLevel{});
        if (b.intervalStart < currentInterval) {
          m.dayOffered += b.offered.value_or(0);
          m.dayAnswered += b.answered.value_or(0);
          m.dayAbandoned += b.abandoned.value_or(0);
          m.daySlNumerator += level.numerator;
          m.daySlDenominator += level.denominator;
        } else if (b.intervalStart > m.intervalStart ||
                   (b.intervalStart == m.intervalStart && level.denominator + b.offered.value_or(0) > m.slDenominator + m.offered)) {
          if (b.intervalStart > m.intervalStart) startInterval(m, b.intervalStart);
          m.offered = b.offered.value_or(0);
          m.answered = b.answered.value_or(0);
          m.abandoned = b.abandoned.value_or(0);
          m.slNumerator = level.numerator;
          m.slDenominator = level.denominator;
          if (level.target >= 0) m.slTarget = level.target;
        }
      }
      q.serviceLevelRead = true;
      model::recomputeQueueTotals(q);
    });
  }
}

void applyQueueObservationAnswer(store::State& s, const std::vector<api::QueueObservationGroup>& groups) {
  std::vector<std::string> reset;  // each queue's old picture goes once, before its first group
  for (const auto& g : groups) {
    if (g.unknownMediaType) continue;
    s.queues.modify(g.queueId, [&](model::Queue& q) {
      if (std::find(reset.begin(), reset.end(), g.queueId) == reset.end()) {
        reset.push_back(g.queueId);
        for (auto& m : q.byMedia) m.waiting = m.interacting = m.alerting = 0;  // a media type not listed has none
      }
      if (!g.media && g.hasUserCounts) {
        q.onQueueByStatus.clear();
        q.offQueueByPresence.clear();
      }
      applyObservationGroup(q, g);
      model::recomputeQueueTotals(q);
    });
  }
}

}  // namespace workers
