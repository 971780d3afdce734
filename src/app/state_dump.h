#pragma once
#include <string>
#include "store/snapshot.h"
namespace app {
// The model as JSON for --dump-state: agents, queues, conversations, appointments.
// Holds no token; customer data is already masked in the model.
std::string dumpState(const store::Snapshot& snap);
}  // namespace app
