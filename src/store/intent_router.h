// IntentRouter: the UI's IntentSink. With a session every intent goes to it (a view change
// also changes subscriptions); without one, view intents change the store directly and
// the rest are shown failed with the reason — never dropped silently.
#pragma once

#include <atomic>
#include <functional>
#include <memory>

#include "store/intents.h"
#include "store/shared_slot.h"
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
  SharedSlot<const Handler> handler_;
};

// Applies a view-only intent to the state; returns false if the intent is not view-only.
bool applyViewIntent(State& state, const Intent& intent);

}  // namespace store
