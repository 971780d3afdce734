#include "store/agent_rows.h"

#include <algorithm>
#include <cctype>
#include <tuple>

namespace store {

bool containsIgnoringCase(std::string_view haystack, std::string_view needle) {
  if (needle.empty()) return true;
  auto lower = [](unsigned char c) { return std::tolower(c); };
  auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end(),
                        [&](char a, char b) { return lower(a) == lower(b); });
  return it != haystack.end();
}

namespace {

bool selectedBy(const model::Agent& agent, const ViewSpec& view) {
  switch (view.scope) {
    case AgentScope::DirectReports:
      if (!agent.directReport) return false;
      break;
    case AgentScope::Queue:
      if (std::find(agent.queueIds.begin(), agent.queueIds.end(), view.queueId) == agent.queueIds.end()) return false;
      break;
    case AgentScope::All:
      break;
  }
  if (view.routingFilter >= 0 && static_cast<int>(agent.routing) != view.routingFilter) return false;
  return containsIgnoringCase(agent.name, view.text);
}

// Most urgent first when ascending: a supervisor sorts by status to find trouble.
int routingUrgency(model::RoutingStatus s) {
  switch (s) {
    case model::RoutingStatus::NotResponding: return 0;
    case model::RoutingStatus::Interacting: return 1;
    case model::RoutingStatus::Communicating: return 2;
    case model::RoutingStatus::Idle: return 3;
    case model::RoutingStatus::OffQueue: return 4;
    case model::RoutingStatus::Unknown: break;
  }
  return 5;
}

struct Row {
  const model::Agent* agent;
  std::string nameKey;
};

}  // namespace

std::vector<std::string> computeAgentRows(const decltype(Snapshot::agents)& agents, const ViewSpec& view,
                                          RowTotals* totals) {
  std::vector<Row> rows;
  rows.reserve(agents.size());
  RowTotals counted;
  agents.forEach([&](const model::Agent& a) {
    if (!selectedBy(a, view)) return;
    switch (a.routing) {
      case model::RoutingStatus::Idle: ++counted.free; break;
      case model::RoutingStatus::Interacting:
      case model::RoutingStatus::Communicating: ++counted.busy; break;
      case model::RoutingStatus::NotResponding: ++counted.notResponding; break;
      default: ++counted.offQueue; break;
    }
    std::string key = a.name;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    rows.push_back({&a, std::move(key)});
  });

  auto keyOf = [&](const Row& r) {
    const model::Agent& a = *r.agent;
    switch (view.sort) {
      case SortColumn::Presence: return std::make_tuple(static_cast<long long>(a.presence), 0LL);
      case SortColumn::Routing: return std::make_tuple(static_cast<long long>(routingUrgency(a.routing)), 0LL);
      case SortColumn::TimeInStatus: return std::make_tuple(static_cast<long long>(a.routingSince), 0LL);
      case SortColumn::Interactions: return std::make_tuple(-static_cast<long long>(a.media.totalActive()), 0LL);
      case SortColumn::Queues: return std::make_tuple(static_cast<long long>(a.queueIds.size()), 0LL);
      case SortColumn::Name: break;
    }
    return std::make_tuple(0LL, 0LL);
  };
  std::sort(rows.begin(), rows.end(), [&](const Row& x, const Row& y) {
    auto kx = keyOf(x), ky = keyOf(y);
    if (kx != ky) return view.ascending ? kx < ky : ky < kx;
    if (x.nameKey != y.nameKey) return view.ascending || view.sort != SortColumn::Name ? x.nameKey < y.nameKey
                                                                                      : y.nameKey < x.nameKey;
    return x.agent->id < y.agent->id;  // a stable, total order
  });

  if (totals) *totals = counted;
  std::vector<std::string> ids;
  ids.reserve(rows.size());
  for (const auto& r : rows) ids.push_back(r.agent->id);
  return ids;
}

std::vector<std::string> computeQueueOrder(const decltype(Snapshot::queues)& queues) {
  std::vector<std::pair<std::string, std::string>> byName;
  queues.forEach([&](const model::Queue& q) { byName.emplace_back(q.name, q.id); });
  std::sort(byName.begin(), byName.end());
  std::vector<std::string> ids;
  for (auto& [name, id] : byName) ids.push_back(std::move(id));
  return ids;
}

}  // namespace store
