// IntentRouter: the UI's IntentSink. View intents (filter, sort, select) change the store
// directly; everything that needs Genesys Cloud goes to the session worker. With no
// session, such an intent is shown failed with the reason — never dropped silently.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "store/intents.h"
#include "store/store.h"

namespace store {

class IntentRouter : public IntentSink {
 public:
  using Handler = std::function<void(Intent)>;
  explicit IntentRouter(Store& store) : store_(store) {}

  void send(Intent intent) override;
  // The session worker that performs network intents (on its own thread).
  void setSessionHandler(Handler handler);

 private:
  Store& store_;
  std::atomic<std::shared_ptr<const Handler>> handler_;  // lock-free for the UI thread
};

// Applies a view-only intent to the state; returns false if the intent is not view-only.
bool applyViewIntent(State& state, const Intent& intent);

}  // namespace store
