// Session internals shared by session.cpp (lifecycle, bootstrap, resync, timers),
// notifications.cpp (channels, WebSocket, subscriptions) and actions.cpp (supervisor
// actions, detail, transcripts). Not included outside src/workers.
#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <functional>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "api/agent_changes.h"
#include "api/codec.h"
#include "api/errors.h"
#include "api/events.h"
#include "auth/token_manager.h"
#include "model/utterance_masking.h"
#include "net/http_client.h"
#include "net/websocket_client.h"
#include "workers/session.h"
#include "workers/subscription_plan.h"
#include "workers/task_queue.h"
#include "workers/topic_counts.h"

namespace workers {

// One REST answer: the response, and the API error when it failed.
struct Reply {
  net::HttpResponse response;
  std::optional<api::ApiError> error;
  bool ok() const { return !error; }
  const std::string& body() const { return response.body; }
};

// A notification channel with its socket and the topics subscribed on it. Control thread.
struct Channel {
  std::string id;
  std::string connectUri;
  model::TimeMs expires = 0;
  model::TimeMs openedAt = 0;                         // with expires: the channel's lifetime
  std::vector<std::string> topics;
  std::vector<std::string> confirmed;   // topics the last PUT answered Permitted
  std::vector<std::string> unread;      // confirmed, but what they cover was read before: read it again
  std::unique_ptr<net::WebSocketClient> socket;
  std::shared_ptr<api::NotificationDecoder> decoder;  // used on the socket's thread only
  bool open = false;
  std::uint64_t generation = 0;                       // to ignore callbacks of a replaced socket
};

// Who is signed in. Written by the control thread at sign-in and sign-out, read by every
// worker thread, so it is guarded and handed out as a copy.
struct Account {
  std::string userId, userName, orgName;
  bool signedIn = false;
};

// Display names of agents and appointments, as the REST answers the workers decoded gave
// them, so an action can name its subject without reading a snapshot. Any thread.
class NameBook {
 public:
  void addAgents(const std::vector<model::Agent>& agents);
  void addAppointment(const model::Appointment& appointment);
  std::string agent(const std::string& id) const;             // "the agent" when unknown
  std::string appointment(const std::string& id) const;       // "the appointment" when unknown

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::string> agents_, appointments_;
};

// What the items behind some notification topics are, to read them by REST after their
// topics were confirmed (so no change between a read and a subscription is lost).
struct LateRead {
  std::vector<std::string> agentIds;
  std::vector<std::string> queueIds;
  bool appointments = false;   // the supervisor's coaching topic
  bool blocking = false;       // the link is not Live until this read is done (bootstrap, after a gap)
  bool afterGap = false;       // events were lost: also reload the open detail and say so
};

// The transcript the supervisor opened, as the action thread fetches it.
struct TranscriptJob {
  std::string conversationId, communicationId;
  int maxAttempts = 0;
  bool crossRegion = false;
};


// How one agent's change ended, in a sentence that names the agent (agent_changes.cpp).
struct AgentOutcome {
  bool ok = false;
  std::string sentence;
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

// Threads and what each owns (see the README's "Threads" section):
//  - control: sign-in, channels, subscriptions, link state and the 1-second liveness tick
//    (heartbeat watchdog, channel expiry). It makes only short REST calls, so a bulk read
//    stuck behind a 429 storm never delays the watchdog.
//  - loader: the bulk reads (bootstrap, reads after subscriptions, queue members, reports).
//  - actions: supervisor actions, the detail view, transcripts.
//  - auth: sign-in, token renewal and logout, which may wait on the login host.
//  - rechecks: re-reads of calls that may have ended during a gap (one GET each).
//  - socket threads (one per channel): decode and post to the store, nothing else.
// Workers post changes to the store and never read a snapshot back: what they need comes
// from their own REST answers, from the NameBook, or from the store's rows listener.
struct Session::Impl : std::enable_shared_from_this<Session::Impl> {
  Impl(SessionConfig config, store::Store& store);

  // [SECTION] session.cpp
  void start();
  void signIn();                                 // auth
  void signedInAs(const auth::Session& who);     // control
  void bootstrap();                              // loader
  void orgLoaded(std::vector<std::string> queues, api::PresenceLabels labels, TopicNames names);  // control
  TopicNames readTopicNames();                   // loader: GET availabletopics
  void readLate(LateRead read);                  // loader
  void lateReadDone(const LateRead& read);       // control
  void tick();                                   // control
  void updateLink();                             // control: Live only when everything is
  void publishLink(store::LinkState link, std::string message);
  void publishTraffic();
  // The topic table for the overlay: rebuilt when a channel or an answer changed it, and
  // each tick for the message counts while the overlay is open (nothing else reads them).
  void publishTopics();
  store::TopicTable topicTable();                // control
  Account account() const;
  // `idempotent` unset: the method decides (GET/PUT/DELETE retried after a 5xx, POST never).
  Reply call(std::string method, std::string pathOrUrl, std::string body, net::Priority priority,
             std::string label, bool authorized = true, std::optional<bool> idempotent = std::nullopt);
  Reply query(std::string_view path, std::string body, net::Priority priority, std::string label);
  std::string url(const std::string& pathOrUrl) const;
  model::TimeMs now() const { return store.now(); }
  void handleIntent(store::Intent intent);
  void loadQueueCounts(const std::vector<std::string>& queueIds, net::Priority priority);

  // [SECTION] agent_loading.cpp (loader thread): the org's agents within the listing
  // limits, and analytics queries in batches the service accepts.
  struct ListedUsers;
  bool readUsersPage(const std::string& path, net::Priority priority, ListedUsers& into, bool* more);
  std::optional<std::vector<std::string>> loadAgents(const std::vector<std::string>& ids, net::Priority priority);
  std::optional<std::vector<std::string>> loadAllAgents(net::Priority priority);
  std::optional<std::vector<std::string>> membersNotListed(std::unordered_set<std::string> seen, net::Priority priority);
  std::size_t listingCalls(std::size_t users) const;
  // (batch, its answer, when it was asked) -> false to stop
  using BatchAnswer = std::function<bool(const std::vector<std::string>&, const Reply&, model::TimeMs)>;
  void queryInBatches(std::string_view path, const std::vector<std::string>& ids,
                      const std::function<std::string(const std::vector<std::string>&)>& body, const std::string& label,
                      const BatchAnswer& apply, net::Priority priority = net::Priority::Background);
  void loadActiveQueues(const std::vector<std::string>& ids);
  void loadLiveInteractions(const std::vector<std::string>& ids);
  void seedLiveAnswer(std::vector<std::string> chunk, std::vector<api::LiveInteraction> live, model::TimeMs askedAt);
  void recheckConversations(const std::vector<std::string>& ids);  // loader: read again, end the gone
  void loadQueueMembers(const std::string& queueId);
  void loadDirectReports();
  void loadAppointments();
  void loadServiceLevel(const std::vector<std::string>& queueIds);  // loader: today's figures
  void scheduleServiceLevel();                   // control: at sign-in and after each interval

  // [SECTION] notifications.cpp
  void planSubscriptions();                      // debounced re-plan from the current view
  void applySubscriptionPlan();
  bool openChannel(Channel& channel, net::Priority priority);  // POST channels + connect
  bool subscribe(Channel& channel, net::Priority priority);    // PUT the channel's topic list
  void noteAnswers(Channel& channel, const std::vector<api::TopicSubscription>& answers);
  void isolateRefused(Channel& channel, std::vector<std::string> topics, std::vector<std::string>& good, int& budget);
  void publishNotLive();                         // agents whose topics are refused or found no room
  void onSystemMessage(const api::Event& event, const api::NotificationDecoder* decoder);
  void connectSocket(Channel& channel);
  void requestLateReads();                       // confirmed topics on open sockets -> loader
  // `sequence`: the message's number in the traffic log; what it did is noted under it while
  // the overlay is open (workers/event_outcome.h).
  void onSocketMessage(api::NotificationDecoder& decoder, std::string text, std::uint64_t sequence);
  bool overlayOpen() const;                      // any thread: the UI raised the flag (null: tests, always)
  void maskTranscription(api::TranscriptionEvent& event);
  void onSocketClosed(std::uint64_t generation, std::size_t index, const net::WebSocketClose& close);
  void replaceChannel(std::size_t index, const std::string& why);
  void watchChannels();
  void reconnectAll(const std::string& why);
  bool allChannelsOpen() const;

  // [SECTION] actions.cpp
  void selectAgent(const std::string& agentId);
  void joinCall(const store::JoinCall& intent);
  void bookCoaching(const store::BookCoaching& intent);
  void setAppointmentStatus(const store::SetAppointmentStatus& intent);
  void openTranscript(const std::string& conversationId);
  void fetchTranscript(std::string conversationId, int attempt);
  void exportHar(const std::string& path, const std::vector<std::uint64_t>& sequences);
  std::optional<model::Appointment> fetchAppointment(const std::string& appointmentId);
  api::Result<std::vector<model::TranscriptLine>> fetchTranscriptDocument(std::string_view urlAnswer);
  void applyAppointmentNamed(model::Appointment appointment);

  // [SECTION] agent_changes.cpp
  // One agent (actions thread, User priority) or a selection (batches thread, Background).
  void changeAgents(const store::ChangeAgents& intent, net::Priority priority);
  AgentOutcome changeOneAgent(const store::ChangeAgents& intent, const store::SeenAgent& agent,
                              net::Priority priority, const std::string& label);
  // The org's presences from GET /api/v2/presence/definitions: kept for the workers and
  // published for the menus. Any thread.
  void rememberPresenceChoices(std::vector<api::PresenceChoice> choices);
  std::optional<api::PresenceChoice> primaryPresence(model::Presence presence) const;

  SessionConfig config;
  store::Store& store;
  std::shared_ptr<net::TrafficLog> traffic;
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<auth::TokenManager> tokens;
  std::string sessionId;                         // this panel run, in the tags of its bookings
  NameBook names;

  mutable std::mutex accountMutex;
  Account account_;                              // guarded by accountMutex; read with account()
  std::atomic<bool> signedIn{false};

  // Control-thread state.
  std::vector<std::string> queueIds;             // copies the loader handed over
  api::PresenceLabels presenceLabels;
  std::shared_ptr<const std::vector<std::string>> listedAgents = std::make_shared<std::vector<std::string>>();
  std::vector<std::unique_ptr<Channel>> channels;
  std::uint64_t nextGeneration = 1;
  bool planPending = false;
  bool orgReady = false;                         // the loader's first read is in
  model::TimeMs serviceLevelAsked = 0;           // the 30-minute interval today's figures were last read in
  int blockingReads = 0;                         // reads the link waits for before it is Live
  bool gap = false;                              // events may have been lost: read again when back
  bool renewalPending = false;                   // a renewal check is queued on the auth thread
  int reconnectAttempt = 0;
  std::uint64_t trafficHandedOver = 0;           // the newest traffic entry handed to the store
  bool trafficShown = false;                     // the store holds a capture (the overlay is open)
  std::string lastPlannedKey;                    // wishes last planned, to skip no-op re-plans
  TopicNames topicNames;                         // from availabletopics
  std::unordered_map<std::string, std::string> refusedTopics;  // topic -> reason, until the token changes
  std::vector<std::string> droppedTopics;        // wanted, but no room on any channel
  bool topicsChanged = true;                     // the topic table must be rebuilt
  std::uint64_t eventsAtTopics = 0;              // eventsReceived when it was last built
  std::unordered_map<std::string, std::string> notLiveShown;   // agent -> reason, as last posted
  std::vector<model::TimeMs> takeovers;          // when another socket took one of our channels

  // Loader-thread state.
  std::vector<std::string> knownAgentIds;        // every agent the users listing returned
  std::vector<std::string> loaderQueueIds;
  api::PresenceLabels loaderLabels;
  TopicNames loaderTopicNames;

  // Action-thread state.
  TranscriptJob transcriptJob;

  mutable std::mutex presenceChoicesMutex;       // guards presenceChoices
  std::vector<api::PresenceChoice> presenceChoices;

  // Any thread.
  std::atomic<bool> stopping{false};
  std::atomic<int> restCalls{0};
  std::atomic<int> bootstrapCalls{-1};
  std::atomic<int> callsToLive{-1};
  std::chrono::steady_clock::time_point startedAt = std::chrono::steady_clock::now();  // set by start()
  // Ids per analytics query: 500 until the service refuses that many predicates, then
  // what it accepts (agent_loading.cpp).
  std::atomic<std::size_t> predicateBatch{500};
  std::atomic<int> channelCalls{0};               // POST channels and PUT subscriptions
  std::atomic<int> callsAtSignIn{0};
  std::atomic<int> channelCallsAtSignIn{0};
  std::atomic<std::uint64_t> bytesOnWire{0}, bytesDecoded{0};          // response bodies of every REST call
  std::atomic<std::uint64_t> wireAtSignIn{0}, decodedAtSignIn{0};
  std::atomic<std::uint64_t> bootstrapWire{0}, bootstrapDecoded{0};    // set with bootstrapCalls
  std::atomic<std::uint64_t> eventsReceived{0};
  std::atomic<std::uint64_t> malformedEvents{0};
  TopicCounts topicCounts;                        // socket threads count, control reads
  std::uint64_t eventsAtLastTick = 0;             // control
  // The unmasked text of each speaker's last few utterances, so a number split over them is
  // masked in all (socket threads: several channels may deliver transcription events).
  std::mutex transcriptMaskingMutex;
  redact::ConversationMasking transcriptMasking;  // guarded by transcriptMaskingMutex
  mutable std::mutex openMutex;                  // guards the two fields below
  std::string selectedAgentId;
  std::string transcriptConversationId;

  TaskQueue control{"panel-control"};
  TaskQueue loader{"panel-loader"};
  TaskQueue actions{"panel-actions"};
  TaskQueue auth{"panel-auth"};
  // Re-reads of calls the activity query no longer lists: slow (one GET each), so they run
  // apart and never hold up the reads the link waits for.
  TaskQueue rechecks{"panel-recheck"};
  // Changes to a multi-selection of agents: long, so they never hold up the next click.
  TaskQueue batches{"panel-batch"};
};

}  // namespace workers
