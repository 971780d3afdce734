// The simulated org: state, scenario, REST handlers and notification fan-out.
//
// Transport-free on purpose (no Beast here): the server hands in parsed requests and
// WebSocket texts and gets back responses and outgoing frames. One mutex guards all of
// it; every public entry point takes it, every private helper assumes it is held.
#pragma once

#include "gcsim/simulator.h"
#include "util.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <queue>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace gcsim {

namespace json = boost::json;

// A channel's socket gets v2.system.socket_closing this long (scenario seconds) before it
// is closed (the 24 h expiry, or the socket-closing fault).
constexpr double kClosingNoticeSeconds = 60;

// [SECTION] Transport seams
struct HttpRequest {
    std::string method;                         // GET, POST, ...
    std::string target;                         // path?query as received
    std::map<std::string, std::string> headers; // keys lower-case
    std::string body;
};

struct HttpResponse {
    int status = 200;
    std::vector<std::pair<std::string, std::string>> headers;
    std::string body;
    std::string contentType = "application/json";
    int delayMs = 0;  // slow-response fault: the server waits this long before writing
    bool loseAnswer = false;  // lose-answer fault: the request was carried out, the connection closes unanswered
};

// Implemented by the server: deliver frames to the socket attached to a channel.
class ChannelTransport {
public:
    virtual ~ChannelTransport() = default;
    virtual void send(const std::string& channelId, std::shared_ptr<const std::string> text) = 0;
    virtual void close(const std::string& channelId, bool abrupt) = 0;
};

// [SECTION] Org model
enum class Media { Call, Callback, Chat, Email, Message };
inline constexpr std::array kAllMedia = {Media::Call, Media::Callback, Media::Chat, Media::Email, Media::Message};
enum class Phase { Waiting, Alerting, Connected, Wrapup, Ended };

struct Communication {
    std::string id;
    std::string state;              // alerting, connected, disconnected, terminated
    std::string direction = "inbound";
    bool held = false;
    int64_t startHoldMs = 0, startAlertingMs = 0, connectedMs = 0, disconnectedMs = 0;
    std::string disconnectType;
};

struct WrapupInfo {
    std::string code, name;
    int durationSeconds = 0;
    int64_t endMs = 0;
};

struct Participant {
    std::string id, purpose, userId, queueId, name, address;
    int64_t startMs = 0, connectedMs = 0, endMs = 0, startAcwMs = 0, endAcwMs = 0;
    bool wrapupRequired = false;
    std::optional<WrapupInfo> wrapup;
    std::string monitoredPid, coachedPid, bargedPid;
    Communication comm;
    bool active() const { return endMs == 0; }
};

struct Conversation {
    std::string id;
    Media media = Media::Call;
    int queue = 0;
    int64_t startMs = 0, endMs = 0;
    Phase phase = Phase::Waiting;
    std::vector<Participant> participants;
    int agent = -1;               // user index of the agent currently handling it
    int step = 0;                 // bumped on every change: timers scheduled earlier become no-ops
    bool otherRegion = false;     // agent in another region: transcript comes later
    double endedSim = 0, transcriptReadySim = 0;
    std::string transcriptKey;    // unguessable path under /_transcripts/
    uint64_t scriptSeed = 0;
    int utterancesSent = 0;
    double waitingSinceSim = 0;
    std::string customerName, customerAddress;
    int transfers = 0;
    int64_t queuedMs = 0;         // entered its current queue (wall): time to answer or abandon is measured from here
};

struct User {
    int index = 0;
    std::string id, name, email, title, department;
    bool isAgent = true, otherRegion = false;
    int manager = -1;
    std::vector<int> queues;        // joined queue indices
    std::vector<int> directReports;
    std::string systemPresence = "Offline";
    int64_t presenceModifiedMs = 0;
    std::string routingStatus = "OFF_QUEUE";
    int64_t routingStartMs = 0;
    std::vector<std::string> conversations;  // live ones (incl. wrap-up)
    bool hasStation = true;
    bool restricted = false;        // in the "Back Office" division: listed, but its topics are refused
    std::string stationId, stationName;
    int presenceStep = 0;
    std::string presenceDefinitionId;  // the org presence set (a secondary one too); "" = the primary of systemPresence
    std::vector<int> inactiveQueues;   // memberships deactivated (joined: false), a subset of `queues`
    int64_t activeQueuesChangedMs = 0;
    bool joinedTo(int queue) const {
        return std::find(inactiveQueues.begin(), inactiveQueues.end(), queue) == inactiveQueues.end();
    }
};

// An org-defined (type User) presence under a system presence: "secondary statuses"
// (help.mypurecloud.com "Change an agent's status").
struct SecondaryPresence {
    std::string systemPresence, id, label;
};

// A queue's service-level target for a media type: answered within durationMs, for
// `percentage` of the interactions (swagger Queue.mediaSettings.{media}.serviceLevel).
struct ServiceLevelTarget {
    double percentage = 0.8;
    int64_t durationMs = 20000;
};

// One (queue, media type)'s figures for the current 30-minute interval: what the aggregate
// messages on the observations topic report (nOffered, tAnswered, tAbandon, oServiceLevel;
// genesys-api.md section 2, "Service level").
struct IntervalStats {
    int offered = 0;
    int answered = 0, answeredInTarget = 0;
    int64_t answeredMsSum = 0;
    int abandoned = 0;
    int64_t abandonMsSum = 0;
};

struct Queue {
    int index = 0;
    std::string id, name, description;
    std::vector<int> members;
    std::deque<std::string> waiting;  // conversation ids, oldest first
    bool observationsDirty = false;
    int64_t lastObservationSteadyMs = -1000000;  // observation events: at most one per real second
    int64_t createdMs = 0;
    int64_t intervalStartMs = 0;                  // the 30-minute interval `interval` counts
    std::array<IntervalStats, kAllMedia.size()> interval{};  // by Media
    // Earlier 30-minute intervals (start ms -> figures by Media), kept two days: what the
    // aggregates query and the day's service level add up.
    std::map<int64_t, std::array<IntervalStats, kAllMedia.size()>> history;
    std::array<ServiceLevelTarget, kAllMedia.size()> targets{};  // mediaSettings, by Media
    // What the observations topic last said, per message group ("users", "voice", ...,
    // "aggregate.voice", ...): "metric|qualifier" -> stats as sent. A message carries only
    // the metrics that differ from it; never sent counts as zero.
    std::map<std::string, std::map<std::string, std::string>> observationsSent;
    size_t nextObservationGroup = 0;              // round robin over groups with news
};

struct Annotation {
    std::string id, text, accessType;
    int64_t createdMs = 0;
    int createdBy = -1;
};

struct Appointment {
    std::string id, name, description, location, status = "Scheduled";
    int64_t startMs = 0;
    int lengthMinutes = 0;
    int facilitator = -1, createdBy = -1, modifiedBy = -1;
    std::vector<int> attendees;
    int64_t createdMs = 0, modifiedMs = 0, completedMs = 0;
    std::vector<std::string> conversationIds, externalLinks;
    std::vector<Annotation> annotations;
};

// [SECTION] Sign-in and notifications
struct Token {
    int user = -1;                  // -1: client-credentials token (no user context)
    std::string clientId, grant;    // grant: CODE or CLIENT-CREDENTIALS
    std::string refreshToken;       // issued alongside, revoked with it
    int64_t issuedMs = 0, expiresMs = 0, lastUseMs = 0;
    bool revoked = false;
    int64_t windowStartMs = 0;      // rate-limit window
    int windowCount = 0;
};

struct AuthCode {
    std::string challenge, redirectUri, clientId;
    int user = 0;
    int64_t expiresMs = 0;
};

struct Channel {
    std::string id;
    int user = -1;
    uint64_t createdSeq = 0;
    int64_t expiresMs = 0;          // wall clock, shown to clients
    double expiresSim = 0;          // the real deadline, divided by speed
    std::vector<std::string> topics;
    bool connected = false, closingSent = false;
    int64_t lastHeartbeatSteadyMs = 0;
    std::shared_ptr<const std::string> heldForReorder;  // reorder fault: sent after the next event
    int64_t heldSinceSteadyMs = 0;
};

struct Faults {
    int serverErrors = 0;       // next N API requests answer 503
    int tooManyRequests = 0;    // next N API requests answer 429
    std::string tooManyRequestsPath;  // ... only those whose path starts with this ("" = all): a per-endpoint limit
    int retryAfterSeconds = 3;
    int slowMs = 0;             // every API response waits this long
    bool wsStall = false;       // keep sockets open but send nothing
    double wsDropEverySeconds = 0;
    int64_t lastDropSteadyMs = 0;
    int malformed = 0, duplicate = 0, reorder = 0;  // next N events
    int zombie = 0;             // next N live actions find their conversation just ended
    int loseAnswer = 0;         // next N API requests other than GET/HEAD: done, but never answered
};

// Why a topic may not be subscribed: the HTTP status and code a whole request fails with
// (without ignoreErrors), and the per-topic rejectionReason (with it).
struct TopicRefusal {
    int status = 400;
    std::string code, reason;
};

// Thrown by handlers; becomes an ErrorBody response.
struct ApiError {
    int status;
    std::string code, message;
    std::vector<std::pair<std::string, std::string>> headers = {};
};

// A request body that must be a JSON object; 400 bad.request otherwise (endpoints.cpp).
json::object parseBodyObject(const std::string& body);
// Endpoints that act as the signed-in user refuse a client-credentials token: 400 not.a.user
// (conversations.cpp).
void requireUserContext(const Token* token);

class Core {
public:
    explicit Core(Options options);

    void setEndpoint(const std::string& scheme, uint16_t port);  // once the port is bound
    void setTransport(ChannelTransport* transport);

    HttpResponse handle(const HttpRequest& request);
    // The 401 `handle` would answer for this request's bearer token, or nothing when the
    // token is one Core issued and still valid (--replay checks tokens this way).
    std::optional<HttpResponse> refuseUnauthenticated(const HttpRequest& request);
    bool channelExists(const std::string& channelId);
    void socketOpened(const std::string& channelId);
    // A SystemMessageSystemMessage frame on v2.system.{type}.{channelId} [notification-topics-2.json].
    std::string systemMessage(const std::string& channelId, const std::string& type, const std::string& reason,
                              const std::string& message);
    void socketClosed(const std::string& channelId);
    void socketText(const std::string& channelId, const std::string& text);
    void tick();  // drive scenario, heartbeats, expiry; called every few tens of ms

private:
    using Params = QueryParams;
    using Handler = std::function<HttpResponse(const HttpRequest&, const std::vector<std::string>&, const Params&, Token*)>;

    // clocks
    double simNow() const;
    int64_t wallAtSim(double simTime) const;
    int64_t steadyMs() const;

    // org construction (org.cpp)
    void buildOrg();
    User* findUser(const std::string& id);
    Queue* findQueue(const std::string& id);
    Conversation* findConversation(const std::string& id);
    std::string presenceDefinitionId(const std::string& systemPresence) const;

    // scenario (scenario.cpp)
    void schedule(double delaySim, std::function<void()> action);
    void runDueTimers();
    void seedInitialActivity();
    void scheduleArrival();
    void scheduleAgentBreak(int userIndex);
    Conversation& createConversation(Media media, int queueIndex);
    void enqueue(Conversation& conversation);
    bool routeToAgent(Conversation& conversation, int userIndex);
    void tryRoute(Queue& queue);
    void tryRouteForAgent(int userIndex);
    int findIdleAgent(const Queue& queue);
    void answer(const std::string& conversationId, int step);
    void alertTimeout(const std::string& conversationId, int step);
    void holdToggle(const std::string& conversationId, int step, bool hold);
    void transfer(const std::string& conversationId, int step);
    void customerHangsUp(const std::string& conversationId, int step);
    void finishWrapup(const std::string& conversationId, int step);
    void endConversation(Conversation& conversation, const std::string& disconnectType);
    void detachFromAgent(Conversation& conversation);
    // definitionId: a secondary status of that system presence; "" = the primary one.
    void setPresence(User& user, const std::string& systemPresence, const std::string& definitionId = "");
    void setRoutingStatus(User& user, const std::string& status);
    void refreshRoutingStatus(User& user);
    void churnPresence(int count);
    void emitTranscription(Conversation& conversation);
    void scheduleUtterance(const std::string& conversationId, int step);
    Conversation& startCallFor(User& agent, int queueIndex, Media media);
    // One utterance of the script: `spoken` is what a transcription event carries in
    // `transcript`, `decorated` its written form (empty: the engine gave none).
    struct ScriptLine {
        std::string channel;  // INTERNAL (agent) or EXTERNAL (customer)
        std::string spoken;
        std::string decorated;
    };
    std::vector<ScriptLine> transcriptScript(const Conversation& conversation) const;
    void retireEnded();

    // JSON views (views.cpp)
    json::object userJson(const User& user, const std::set<std::string>& expand) const;
    json::object presenceJson(const User& user) const;
    json::object routingStatusJson(const User& user) const;
    json::object conversationSummaryJson(const User& user) const;
    json::object queueJson(const Queue& queue) const;
    json::object divisionJson(bool restricted = false) const;
    json::object conversationJson(const Conversation& conversation, bool forEvent) const;
    json::object participantJson(const Participant& participant, const Conversation& conversation, bool forEvent) const;
    json::object callConversationJson(const Conversation& conversation, bool forEvent = false) const;
    json::object appointmentJson(const Appointment& appointment) const;
    json::object userRef(int userIndex) const;
    json::object pageJson(json::array entities, int pageSize, int pageNumber, size_t total, const std::string& path,
                          const Params& params, bool withTotals = true) const;
    std::string selfUri(const std::string& path) const { return "/api/v2/" + path; }

    // events (events.cpp)
    bool hasSubscribers(const std::string& topic) const;
    void publish(const std::string& topic, const std::function<json::value()>& body);
    void deliver(Channel& channel, std::shared_ptr<const std::string> text, bool scenarioEvent);
    void emitPresence(const User& user);
    void emitRoutingStatus(const User& user);
    void emitActivity(const User& user);
    void emitConversation(const Conversation& conversation);
    void emitCoaching(const Appointment& appointment, const std::string& actionType);
    void emitQueueObservations();
    void tickChannels();
    std::optional<TopicRefusal> validateTopic(const std::string& topic, const Token& token);
    void setSubscriptions(Channel& channel, const std::vector<std::string>& topics);
    json::array channelDetails() const;  // /_sim/state: each channel's id, owner, socket and topic count
    json::object refusedTopicAsks() const;  // /_sim/state: refused topic -> times asked for
    std::string systemFrame(const std::string& channelId, const std::string& type, const std::string& reason,
                            const std::string& message) const;
    void publishTo(const std::string& topic, std::initializer_list<std::string> subscribedAs,
                   const std::function<json::value()>& body);
    void closeChannel(const std::string& channelId, bool abrupt);
    void dropSocket(Channel& channel);  // ws-drop faults: TCP close, the channel survives
    std::string frame(const std::string& topic, const json::value& body) const;

    // HTTP (http.cpp)
    void registerRoutes();
    void route(const std::string& method, const std::string& pattern, Handler handler);
    HttpResponse dispatch(const HttpRequest& request);
    HttpResponse oauthAuthorize(const Params& params);
    HttpResponse oauthToken(const HttpRequest& request);
    Token& authenticate(const HttpRequest& request, std::string& tokenValue);
    void applyRateLimit(Token& token, HttpResponse& response, std::vector<std::pair<std::string, std::string>>& headers);
    HttpResponse simControl(const HttpRequest& request);
    json::object simAction(const json::object& command);
    // Armed by the control action "onNextSubscription": run once at the next PUT/POST
    // .../subscriptions, before it takes effect, so a change that falls between a client's
    // read and its subscription is reproducible.
    std::optional<json::object> beforeNextSubscription_;
    void revokeAllTokens(bool refreshTokensToo);
    std::string issueToken(int user, const std::string& clientId, const std::string& grant, json::object& body);
    HttpResponse simState();
    std::string applyFaultSpec(const std::string& spec);
    HttpResponse serveTranscript(const std::string& key);

    // endpoint groups
    void registerDirectoryRoutes();     // endpoints.cpp
    void registerConversationRoutes();  // conversations.cpp
    void registerCoachingRoutes();      // coaching.cpp
    void registerNotificationRoutes();  // events.cpp
    void registerAgentActionRoutes();   // agent_actions.cpp
    void requirePermission(std::initializer_list<const char*> anyOf) const;
    void logOut(User& user);
    json::array joinedQueueIds(const User& user) const;
    const SecondaryPresence* findSecondaryPresence(const std::string& definitionId) const;
    void liveAction(const std::string& conversationId, const std::string& participantId, const std::string& mode,
                    int userIndex, bool messaging);
    HttpResponse listAppointments(const std::vector<std::string>& userIds, const Params& params, const std::string& path);
    std::optional<std::string> appointmentConflict(const Appointment& candidate, const std::string& ignoreId) const;
    json::value analyticsQueueObservations(const json::object& query);
    json::value analyticsConversationActivity(const json::object& query);
    json::value analyticsUserObservations(const json::object& query);
    json::value analyticsConversationAggregates(const json::object& query);
    void seedHistory(Queue& queue);
    // Figures of one media type from `fromMs` (an interval start) to now, current interval included.
    IntervalStats statsSince(const Queue& queue, Media media, int64_t fromMs) const;
    std::vector<std::pair<int64_t, IntervalStats>> aggregateBuckets(const Queue& queue, Media media, int64_t fromMs,
                                                                    int64_t toMs, int64_t granularityMs) const;
    json::object serviceLevelTruth(const Queue& queue) const;  // /_sim/state: today's level, per media too

    // queue observations (observations.cpp)
    struct ObservationGroup {
        std::string key;              // "users", "voice", "aggregate.voice", ...
        json::object group;           // {queueId, mediaType?}
        std::string interval;         // ISO-8601 interval of data[0]
        std::vector<std::pair<std::string, json::object>> metrics;  // "metric|qualifier" -> {metric, qualifier?, stats}
    };
    struct QueueConversationLists {  // a queue's live interactions by phase, each by Media
        std::array<std::vector<const Conversation*>, kAllMedia.size()> waiting, alerting, interacting;
    };
    QueueConversationLists listConversations(const Queue& queue) const;  // waiting: longest first
    // ObservationMetricData[] of one (queue, media type) group / of the queue's user group.
    json::array conversationMetricData(const QueueConversationLists& lists, Media media,
                                       const std::vector<std::string>& metrics,
                                       const std::set<std::string>& detailMetrics) const;
    json::array userMetricData(const Queue& queue, const std::vector<std::string>& metrics) const;
    std::vector<ObservationGroup> observationGroups(Queue& queue);
    json::object queueTruthJson(const Queue& queue) const;  // /_sim/state: totals and byMedia
    void rollInterval(Queue& queue);
    IntervalStats& intervalStats(const Conversation& conversation);
    void offerToQueue(Conversation& conversation);      // entered conversation.queue: nOffered
    void countAnswered(const Conversation& conversation);  // tAnswered, oServiceLevel numerator
    void countAbandoned(const Conversation& conversation); // tAbandon

    static HttpResponse jsonResponse(int status, const json::value& body);
    static void compressIfAsked(const HttpRequest& request, HttpResponse& response);
    static HttpResponse errorResponse(const ApiError& error, const std::string& correlationId);

    Options options_;
    mutable std::mutex mutex_;
    ChannelTransport* transport_ = nullptr;
    std::string scheme_ = "http";
    uint16_t port_ = 0;
    std::chrono::steady_clock::time_point steadyStart_;
    double advancedSim_ = 0;       // /_sim/control advance
    bool scenarioPaused_ = false;
    double frozenSim_ = 0;         // real-time part of the clock while paused
    std::optional<double> timerNow_;  // while a timer runs, "now" is its due time (matters for `advance`)
    Rng rng_;

    std::vector<User> users_;      // agents first, then the supervisors
    int supervisor_ = -1, secondSupervisor_ = -1;
    std::unordered_map<std::string, int> userById_;
    std::vector<Queue> queues_;
    std::unordered_map<std::string, int> queueById_;
    std::vector<std::pair<std::string, std::string>> presenceDefinitions_;  // systemPresence, id
    std::vector<SecondaryPresence> secondaryPresences_;
    std::string divisionId_;
    std::string restrictedDivisionId_;  // --restricted-agents
    std::unordered_map<std::string, Conversation> conversations_;
    std::deque<std::string> endedOrder_;  // retention of ended conversations
    struct TranscriptLink {
        std::string conversationId;
        int64_t expiresMs = 0;  // wall clock: the pre-signed URL stops working then
    };
    std::unordered_map<std::string, TranscriptLink> transcriptKeys_;  // key -> what it opens, until when
    std::map<std::string, Appointment> appointments_;

    struct Timer {
        double at;
        uint64_t sequence;
        std::function<void()> action;
        bool operator>(const Timer& other) const {
            return at != other.at ? at > other.at : sequence > other.sequence;
        }
    };
    std::priority_queue<Timer, std::vector<Timer>, std::greater<Timer>> timers_;
    uint64_t timerSequence_ = 0;
    double lastTickSim_ = 0;
    double churnCarry_ = 0;

    std::unordered_map<std::string, Token> tokens_;
    std::unordered_map<std::string, AuthCode> codes_;
    std::unordered_map<std::string, int> refreshTokens_;  // refresh token -> user
    std::unordered_map<std::string, Channel> channels_;
    std::unordered_map<std::string, std::vector<std::string>> subscribers_;  // topic -> channel ids
    uint64_t channelSequence_ = 0;
    std::map<std::string, int> refusedAsks_;  // topic -> times a refused topic was asked for (retry storms show)
    uint64_t tokensIssued_ = 0;    // access tokens issued by any grant (/_sim/state: one sign-in = 1)
    uint64_t eventsRaised_ = 0;    // every publish, listened to or not (load tests read it)
    uint64_t framesSent_ = 0;      // frames handed to sockets
    Faults faults_;

    struct Route {
        std::string method;
        std::vector<std::string> pattern;  // "{}" matches one segment
        Handler handler;
    };
    std::vector<Route> routes_;
};

// Media names as the API spells them.
const char* mediaKey(Media media);        // call, callback, chat, email, message
const char* mediaAnalytics(Media media);  // voice, callback, chat, email, message

// The target a queue is configured with for a media type; queues differ, as in real orgs.
ServiceLevelTarget queueServiceLevelTarget(int queueIndex, Media media);
json::object serviceLevelStats(const IntervalStats& stats, double target);  // oServiceLevel stats{}

// Queue observation metrics counted per member (user group, no media type) / per interaction
// (one group per media type); see observations.cpp.
bool isQueueUserMetric(const std::string& metric);
bool isQueueConversationMetric(const std::string& metric);

}  // namespace gcsim
