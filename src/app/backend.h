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

// The bootstrap's response bodies for --stats-json, in bytes on the wire (gzipped when
// the server compressed) and decoded; 0 without a session or before it completes. Its
// call count and duration reach the snapshot (store::SessionInfo).
struct BootstrapFigures {
  std::uint64_t bytesOnWire = 0, bytesDecoded = 0;
};

class Backend {
 public:
  virtual ~Backend() = default;
  virtual BootstrapFigures bootstrap() const { return {}; }
};

// `socketBodiesWanted` (shared with the UI, which raises it while the debug overlay is
// open): whether the traffic record keeps WebSocket message bodies; null keeps them always.
// `recorder` (--record): where the session's traffic is also written; null = not recorded.
std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter& router,
                                      std::shared_ptr<const std::atomic<bool>> socketBodiesWanted = nullptr,
                                      std::shared_ptr<net::TrafficRecorder> recorder = nullptr);

}  // namespace app
