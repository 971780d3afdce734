#include "app/backend.h"

namespace app {

namespace {

// Until a session is configured the panel says so, and keeps an honest empty state.
class OfflineBackend : public Backend {
 public:
  OfflineBackend(const Options& options, store::Store& store) {
    const bool demo = options.demo;
    store.post([demo](store::State& s) {
      auto& session = s.session.edit();
      session.link = store::LinkState::Offline;
      session.demo = demo;
      session.message = "Not connected: start with --demo, --gcsim URL, or --region and --client-id.";
    });
  }
  std::shared_ptr<const std::vector<ui::TrafficRow>> traffic() const override { return empty_; }

 private:
  std::shared_ptr<const std::vector<ui::TrafficRow>> empty_ = std::make_shared<std::vector<ui::TrafficRow>>();
};

}  // namespace

std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter&) {
  return std::make_unique<OfflineBackend>(options, store);
}

}  // namespace app
