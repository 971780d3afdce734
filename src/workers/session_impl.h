// Session internals shared by session.cpp (lifecycle, bootstrap, resync, timers),
// notifications.cpp (channels, WebSocket, subscriptions) and actions.cpp (supervisor
// actions, detail, transcripts). Not included outside src/workers.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/codec.h"
#include "api/errors.h"
#include "api/events.h"
#include "auth/token_manager.h"
#include "net/http_client.h"
#include "net/websocket_client.h"
#include "workers/session.h"
#include "workers/task_queue.h"

namespace workers {

// One REST answer: the response, and the API error when it failed.
struct Reply {
  net::HttpResponse response;
  std::optional<api::ApiError> error;
  bool ok() const { return !error; }
  const std::string& body() const { return response.body; }
};

// A notification channel with its socket and the topics subscribed on it.
struct Channel {
  std::string id;
  std::string connectUri;
  model::TimeMs expires = 0;
  model::TimeMs openedAt = 0;                         // with expires: the channel's lifetime
  std::vector<std::string> topics;
  std::unique_ptr<net::WebSocketClient> socket;
  std::shared_ptr<api::NotificationDecoder> decoder;  // used on the socket's thread only
  bool open = false;
  std::uint64_t generation = 0;                       // to ignore callbacks of a replaced socket
};

// A supervisor action shown in the panel from the click to its outcome. It ends exactly
// once: succeeded or failed with a sentence (failed if the code path forgets to say).
class TrackedAction {
 public:
  TrackedAction(Session::Impl& session, store::ActionKind kind, std::string label);
  ~TrackedAction();
  TrackedAction(const TrackedAction&) = delete;
  TrackedAction& operator=(const TrackedAction&) = delete;
  void succeed(std::string outcome);
  void fail(std::string outcome);

 private:
  void end(bool ok, std::string outcome);
  Session::Impl& session_;
  std::uint64_t id_ = 0;
  bool ended_ = false;
};

struct Session::Impl : std::enable_shared_from_this<Session::Impl> {
  Impl(SessionConfig config, store::Store& store);

  // [SECTION] session.cpp
  void start();
  void signIn();
  bool bootstrap();
  void resync(const std::string& why);
  void tick();
  void publishLink(store::LinkState link, std::string message);
  void markLive();
  void publishTraffic();
  // `idempotent` unset: the method decides (GET/PUT/DELETE retried after a 5xx, POST never).
  Reply call(std::string method, std::string pathOrUrl, std::string body, net::Priority priority,
             std::string label, bool authorized = true, std::optional<bool> idempotent = std::nullopt);
  Reply query(std::string_view path, std::string body, net::Priority priority, std::string label);
  std::string url(const std::string& pathOrUrl) const;
  model::TimeMs now() const { return store.now(); }
  void handleIntent(store::Intent intent);
  void loadQueueCounts(net::Priority priority);
  bool loadAgents(const std::vector<std::string>& ids, net::Priority priority);
  void loadActiveQueues(const std::vector<std::string>& ids);
  void loadQueueMembers(const std::string& queueId);
  void loadDirectReports();
  void loadAppointments();

  // [SECTION] notifications.cpp
  void planSubscriptions();                      // debounced re-plan from the current view
  void applySubscriptionPlan();
  bool openChannel(Channel& channel);            // POST channels + connect
  bool subscribe(Channel& channel);              // PUT the channel's topic list
  void connectSocket(Channel& channel);
  void onSocketMessage(api::NotificationDecoder& decoder, std::string text);
  void onSocketClosed(std::uint64_t generation, std::size_t index, const net::WebSocketClose& close);
  void replaceChannel(std::size_t index, const std::string& why);
  void watchChannels();
  void reconnectAll(const std::string& why);

  // [SECTION] actions.cpp
  void selectAgent(const std::string& agentId);
  void joinCall(const store::JoinCall& intent);
  void bookCoaching(const store::BookCoaching& intent);
  void setAppointmentStatus(const store::SetAppointmentStatus& intent);
  void openTranscript(const std::string& conversationId);
  void fetchTranscript(std::string conversationId, int attempt);
  void exportHar(const std::string& path);
  void fetchAppointment(const std::string& appointmentId);
  std::string agentName(const std::string& agentId) const;

  SessionConfig config;
  store::Store& store;
  std::shared_ptr<net::TrafficLog> traffic;
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<auth::TokenManager> tokens;
  std::string sessionId;                         // this panel run, in the tags of its bookings

  // Control-thread state.
  std::string userId, userName, orgName;
  std::vector<std::string> queueIds;
  api::PresenceLabels presenceLabels;            // written by bootstrap, before any channel opens
  std::vector<std::unique_ptr<Channel>> channels;
  std::uint64_t nextGeneration = 1;
  bool planPending = false;
  bool signedIn = false;
  bool gap = false;                              // events may have been lost: resync when back
  int reconnectAttempt = 0;
  std::size_t trafficSeen = 0;
  std::string lastPlannedKey;                    // wishes last planned, to skip no-op re-plans

  // Any thread.
  std::atomic<bool> stopping{false};
  std::atomic<int> restCalls{0};
  std::atomic<int> bootstrapCalls{-1};
  std::atomic<int> callsToLive{-1};
  int callsAtSignIn = 0;                          // control thread
  std::atomic<std::uint64_t> eventsReceived{0};
  std::atomic<std::uint64_t> malformedEvents{0};
  std::uint64_t eventsAtLastTick = 0;
  mutable std::mutex openMutex;                  // guards the two fields below
  std::string selectedAgentId;
  std::string transcriptConversationId;

  TaskQueue control{"panel-control"};
  TaskQueue actions{"panel-actions"};
};

}  // namespace workers
