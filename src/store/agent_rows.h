// Which agents the browse view lists and in what order: computed on the store thread,
// never per frame.
#pragma once

#include <string>
#include <vector>

#include "store/snapshot.h"

namespace store {

// `totals`, when given, receives the per-state counts of the selected agents.
std::vector<std::string> computeAgentRows(const decltype(Snapshot::agents)& agents, const ViewSpec& view,
                                          RowTotals* totals = nullptr);
// Queues for the strip, by name.
std::vector<std::string> computeQueueOrder(const decltype(Snapshot::queues)& queues);

bool containsIgnoringCase(std::string_view haystack, std::string_view needle);

}  // namespace store
