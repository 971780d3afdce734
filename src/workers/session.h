// Session: the panel's link to one Genesys Cloud org (or gcsim). It signs in, loads the
// picture with a few bulk REST calls, keeps it live through the notifications stream,
// performs the supervisor's intents, and publishes everything into the store.
//
// Threads (session_impl.h says what each owns): control (channels, subscriptions, link
// state, the liveness tick), loader (bulk reads), actions (supervisor actions, detail,
// transcripts) and auth (sign-in, renewal), so neither an action nor the heartbeat
// watchdog ever waits behind a bulk read. Network callbacks only decode and hand over.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "net/traffic_log.h"
#include "store/intents.h"
#include "store/store.h"

namespace workers {

struct SessionConfig {
  std::string apiBase;            // https://api.mypurecloud.ie, or gcsim's base URL
  std::string loginBase;          // https://login.mypurecloud.ie, or gcsim's base URL
  std::string clientId;           // PKCE public client
  std::string caFile;             // extra trusted CA (gcsim --tls)
  std::string regionLabel;        // shown in the status bar
  std::string homeRegion;         // the supervisor's region, e.g. "us-east-1": transcripts from elsewhere wait longer
  bool unattendedSignIn = false;  // gcsim approves the authorize step by itself
  bool demo = false;

  // Transcript retrieval after a call: Genesys documents it as ready "within minutes", so
  // the waits double from the base up to a cap and the panel keeps asking for the patience
  // (twice that across regions), then says "unavailable" with Retry.
  std::chrono::milliseconds transcriptBaseDelay{3000};
  std::chrono::milliseconds transcriptMaxDelay{30000};
  std::chrono::milliseconds transcriptPatience{std::chrono::minutes(10)};
  int crossRegionPatienceFactor = 2;

  std::chrono::seconds heartbeatTimeout{60};              // a silent socket is dead after this
  std::chrono::milliseconds subscriptionDebounce{400};     // view changes settle before re-subscribing
  std::chrono::minutes channelRenewBefore{30};             // replace a channel this long before it expires
  std::size_t maxTopicsPerChannel = 1000;
  std::size_t maxChannels = 18;                            // of the 20 a user may hold
  int usersPageSize = 500;
  net::TrafficLogConfig traffic;                           // the debug overlay's record (bounds, socket bodies)
};

// The wait before transcript attempt `attempt` + 1: doubling from `base`, at most `cap`.
std::chrono::milliseconds transcriptWait(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap);
// How many attempts fit in `patience` with those waits (at least 1).
int transcriptAttempts(std::chrono::milliseconds patience, std::chrono::milliseconds base, std::chrono::milliseconds cap);

class Session {
 public:
  Session(SessionConfig config, store::Store& store);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  // Signs in and bootstraps on the control thread; returns at once.
  void start();
  // Any thread; never blocks. The store shows how each intent ended.
  void send(store::Intent intent);

  // For tests and the debug overlay's export.
  std::string exportHar() const;
  int restCallCount() const;      // REST calls made so far (sign-in included)
  int bootstrapCallCount() const; // REST calls that load the complete picture after sign-in
  int callsToLiveCount() const;   // ... and with the notification channels and subscriptions
  // Response body bytes of the bootstrap's calls (those bootstrapCallCount counts, plus the
  // channel calls): as they came over the wire (gzipped when the server compressed) and
  // decoded. Both 0 until the picture is complete.
  struct Bytes {
    std::uint64_t onWire = 0, decoded = 0;
  };
  Bytes bootstrapBytes() const;

  struct Impl;  // session_impl.h; public so the worker's own helpers can name it

 private:
  std::shared_ptr<Impl> impl_;
};

}  // namespace workers
