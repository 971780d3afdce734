// Backend: whatever feeds the store — the embedded simulated org and the session worker
// that signs in, bootstraps, keeps the notifications stream and performs intents.
#pragma once

#include <memory>
#include <vector>

#include "app/options.h"
#include "store/intent_router.h"
#include "store/store.h"
#include "ui/ui.h"

namespace app {

class Backend {
 public:
  virtual ~Backend() = default;
  // Redacted traffic rows for the debug overlay. Called on the UI thread: must not block.
  virtual std::shared_ptr<const std::vector<ui::TrafficRow>> traffic() const = 0;
};

std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter& router);

}  // namespace app
