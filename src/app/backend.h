// Backend: whatever feeds the store — the embedded simulated org and the session worker
// that signs in, bootstraps, keeps the notifications stream and performs intents.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <vector>

#include "app/options.h"
#include "net/traffic_recorder.h"
#include "store/intent_router.h"
#include "store/store.h"

namespace app {

// What runs behind the UI (a session, and gcsim for --demo); stopped when destroyed.
class Backend {
 public:
  virtual ~Backend() = default;
};

// `socketBodiesWanted` (shared with the UI, which raises it while the debug overlay is
// open): whether the traffic record keeps WebSocket message bodies; null keeps them always.
// `recorder` (--record): where the session's traffic is also written; null = not recorded.
std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter& router,
                                      std::shared_ptr<const std::atomic<bool>> socketBodiesWanted = nullptr,
                                      std::shared_ptr<net::TrafficRecorder> recorder = nullptr);

}  // namespace app
