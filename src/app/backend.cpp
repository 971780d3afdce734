#include "app/backend.h"

#include <cstdio>
#include <stdexcept>

#include <gcsim/simulator.h>

#include "auth/regions.h"
#include "workers/session.h"

namespace app {

namespace {

// Nothing to connect to: the panel says so and keeps an honest empty state.
class OfflineBackend : public Backend {
 public:
  OfflineBackend(store::Store& store, std::string message) {
    store.post([message = std::move(message)](store::State& s) {
      auto& session = s.session.edit();
      session.link = store::LinkState::Offline;
      session.message = message;
    });
  }
};

// A session to Genesys Cloud or gcsim; with --demo, gcsim runs inside the process.
class SessionBackend : public Backend {
 public:
  SessionBackend(std::unique_ptr<gcsim::Simulator> simulator, workers::SessionConfig config, store::Store& store,
                 store::IntentRouter& router)
      : simulator_(std::move(simulator)), session_(std::make_shared<workers::Session>(std::move(config), store)),
        router_(router) {
    std::weak_ptr<workers::Session> session = session_;
    router_.setSessionHandler([session](store::Intent intent) {
      if (auto s = session.lock()) s->send(std::move(intent));
    });
    session_->start();
  }
  ~SessionBackend() override {
    router_.setSessionHandler(nullptr);
    session_.reset();  // before the simulator it talks to
    if (simulator_) simulator_->stop();
  }

 private:
  std::unique_ptr<gcsim::Simulator> simulator_;
  std::shared_ptr<workers::Session> session_;
  store::IntentRouter& router_;
};

constexpr const char* kDemoClientId = "supervisor-panel-demo";

}  // namespace

std::unique_ptr<Backend> startBackend(const Options& options, store::Store& store, store::IntentRouter& router,
                                      std::shared_ptr<const std::atomic<bool>> socketBodiesWanted,
                                      std::shared_ptr<net::TrafficRecorder> recorder) {
  workers::SessionConfig config;
  config.caFile = options.caFile;
  config.traffic.keepSocketBodies = std::move(socketBodiesWanted);
  config.traffic.recorder = std::move(recorder);
  std::unique_ptr<gcsim::Simulator> simulator;

  if (options.demo || !options.gcsimUrl.empty()) {
    std::string base = options.gcsimUrl;
    if (options.demo) {
      gcsim::Options sim;
      sim.agents = options.demoAgents;
      sim.restrictedAgents = options.demoRestrictedAgents;
      try {
        simulator = std::make_unique<gcsim::Simulator>(sim);
        simulator->start();
      } catch (const std::exception& e) {
        return std::make_unique<OfflineBackend>(store, std::string("The simulated org could not start: ") + e.what());
      }
      base = simulator->baseUrl();
    }
    config.apiBase = config.loginBase = base;
    config.clientId = options.clientId.empty() ? kDemoClientId : options.clientId;
    config.unattendedSignIn = true;
    config.demo = options.demo;
    config.regionLabel = options.demo ? "simulated org" : "gcsim " + base;
    config.homeRegion = "us-east-1";
  } else if (!options.region.empty() || !options.apiBase.empty()) {
    if (options.clientId.empty())
      return std::make_unique<OfflineBackend>(store, "A --client-id (an OAuth PKCE client of your org) is needed to sign in.");
    if (!options.region.empty()) {
      const auto region = auth::findRegion(options.region);
      if (!region)
        return std::make_unique<OfflineBackend>(store, "Unknown region '" + options.region + "': use e.g. mypurecloud.ie");
      config.apiBase = auth::apiBase(region->domain);
      config.loginBase = auth::loginBase(region->domain);
      config.regionLabel = std::string(region->domain);
      config.homeRegion = std::string(region->awsName);
    }
    if (!options.apiBase.empty()) config.apiBase = options.apiBase;
    if (!options.loginBase.empty()) config.loginBase = options.loginBase;
    if (config.regionLabel.empty()) config.regionLabel = config.apiBase;
    config.clientId = options.clientId;
  } else {
    return std::make_unique<OfflineBackend>(store, "Not connected: start with --demo, --gcsim URL, or --region and --client-id.");
  }
  return std::make_unique<SessionBackend>(std::move(simulator), std::move(config), store, router);
}

}  // namespace app
