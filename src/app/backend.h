// Backend: whatever feeds the store — the embedded simulated org and the session worker
// that signs in, bootstraps, keeps the notifications stream and performs intents.
#pragma once

#include <memory>
#include <vector>

#include "app/options.h"
#include "store/intent_router.h"
#include "store/store.h"

namespace app {

class Backend {
 public:
  virtual ~Backend() = default;
};

std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter& router);

}  // namespace app
