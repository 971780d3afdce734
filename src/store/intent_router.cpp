#include "store/intent_router.h"

namespace store {

namespace {

struct Describe {
  std::string operator()(const JoinCall& j) const { return std::string(toString(j.mode)) + " the call"; }
  std::string operator()(const BookCoaching&) const { return "Book coaching"; }
  std::string operator()(const SetAppointmentStatus&) const { return "Change the appointment status"; }
  std::string operator()(const OpenConversation&) const { return "Open the transcript"; }
  std::string operator()(const RetryTranscript&) const { return "Retry the transcript"; }
  std::string operator()(const ExportHar&) const { return "Export the HAR file"; }
  std::string operator()(const SignInAgain&) const { return "Sign in"; }
  std::string operator()(const Logout&) const { return "Log out"; }
  std::string operator()(const ChangeAgents&) const { return "Change the agents"; }
  template <class Other>
  std::string operator()(const Other&) const { return "Action"; }
};

std::string describe(const Intent& intent) { return std::visit(Describe{}, intent); }

}  // namespace

bool applyViewIntent(State& state, const Intent& intent) {
  if (const auto* v = std::get_if<SetView>(&intent)) {
    if (!(state.view == v->view)) {
      state.view = v->view;
      state.rowsDirty = state.rowsUrgent = true;
    }
    return true;
  }
  return false;
}

void IntentRouter::send(Intent intent) {
  if (auto handler = handler_.load()) {
    (*handler)(std::move(intent));
    return;
  }
  if (std::holds_alternative<SetView>(intent)) {
    store_.post([intent = std::move(intent)](State& s) { applyViewIntent(s, intent); });
    return;
  }
  // Selecting an agent works offline too (the detail shows what the model holds).
  if (const auto* select = std::get_if<SelectAgent>(&intent)) {
    store_.post([id = select->agentId](State& s) { DetailState detail;
      detail.agentId = id;
      s.detail.edit() = std::move(detail); });
    return;
  }
  const model::TimeMs now = store_.now();
  store_.post([label = describe(intent), now](State& s) {
    const auto id = s.beginAction(label, now);
    s.finishAction(id, false, label + " failed: not signed in to Genesys Cloud.", now);
  });
}

void IntentRouter::setSessionHandler(Handler handler) {
  handler_.exchange(handler ? std::make_shared<const Handler>(std::move(handler)) : nullptr);
}

}  // namespace store
