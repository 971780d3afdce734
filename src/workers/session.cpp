#include "workers/session.h"

#include <algorithm>
#include <future>
#include <unordered_map>
#include <unordered_set>

#include "api/requests.h"
#include "api/time.h"
#include "auth/pkce.h"
#include "store/intent_router.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"
#include "workers/subscription_plan.h"

namespace workers {

namespace {

using namespace std::chrono_literals;
constexpr auto kTickInterval = 1s;

std::string joinHeaders(const net::HeaderList& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  return out;
}

// A notification channel's id from its connectUri (genesys-api.md section 3: Channel {id,
// connectUri}; the URI ends in /channels/{id}): the last path segment.
std::string channelIdOf(std::string_view url) {
  url = url.substr(0, url.find('?'));
  return std::string(url.substr(url.rfind('/') + 1));
}

using SocketChannels = std::unordered_map<std::uint64_t, std::string>;  // socket number -> channel id

store::TrafficRow toRow(const net::TrafficEntry& e, const SocketChannels& channels) {
  store::TrafficRow row;
  row.at = std::chrono::duration_cast<std::chrono::milliseconds>(e.time.time_since_epoch()).count();
  row.sequence = e.sequence;
  if (e.kind == net::TrafficEntry::Kind::rest) {
    row.kind = "REST";
    row.method = e.method;
    row.path = e.path;
    row.url = e.url;
    row.status = e.status;
    row.latencyMs = e.latency.count() / 1000.0;
    row.queuedMs = e.queued.count() / 1000.0;
    row.connectMs = e.connect.count() / 1000.0;
    row.waitingMs = e.waiting.count() / 1000.0;
    row.readingMs = e.reading.count() / 1000.0;
    row.bytesIn = e.bytesIn;
    row.bytesOut = e.bytesOut;
    row.retries = e.retries;
    row.correlationId = e.correlationId;
    row.budgetLeft = e.budgetLeft;
    row.requestHeaders = joinHeaders(e.requestHeaders);
    row.responseHeaders = joinHeaders(e.responseHeaders);
    row.requestBody = e.requestBody;
    row.responseBody = e.errorMessage.empty() ? e.responseBody : e.errorMessage;
  } else {
    row.kind = "WS";
    row.method = e.direction == net::TrafficEntry::Direction::sent ? "out" : "in";
    row.path = e.topicName;
    row.bytesIn = e.size;
    row.responseBody = e.body;
    row.socket = e.socketId;
    if (auto channel = channels.find(e.socketId); channel != channels.end()) row.channel = channel->second;
  }
  return row;
}

}  // namespace

// [SECTION] Construction and lifecycle

Session::Impl::Impl(SessionConfig cfg, store::Store& s) : config(std::move(cfg)), store(s) {
  traffic = std::make_shared<net::TrafficLog>(config.traffic);
  net::HttpClientConfig httpConfig;
  httpConfig.caFile = config.caFile;
  httpConfig.trafficLog = traffic;
  http = std::make_unique<net::HttpClient>(httpConfig);
  auth::TokenManagerConfig authConfig;
  authConfig.loginBase = config.loginBase;
  authConfig.apiBase = config.apiBase;
  authConfig.clientId = config.clientId;
  authConfig.mode = config.unattendedSignIn ? auth::SignInMode::Unattended : auth::SignInMode::Browser;
  authConfig.showAuthorizeUrl = [this](const std::string& signInUrl) {
    store.post([signInUrl](store::State& st) { st.session.edit().signInUrl = signInUrl; });
  };
  tokens = std::make_unique<auth::TokenManager>(authConfig, *http);
  tokens->attach(*http);
  sessionId = auth::randomUrlSafe(12);
}

Session::Session(SessionConfig config, store::Store& store)
    : impl_(std::make_shared<Impl>(std::move(config), store)) {}

Session::~Session() {
  impl_->stopping = true;
  impl_->store.setOnRowsChanged(nullptr);
  impl_->control.stop();
  impl_->loader.stop();
  impl_->actions.stop();
  impl_->auth.stop();
  impl_->rechecks.stop();
  impl_->batches.stop();
  for (auto& channel : impl_->channels)
    if (channel->socket) channel->socket.reset();
}

void Session::start() { impl_->start(); }

void Session::send(store::Intent intent) { impl_->handleIntent(std::move(intent)); }

std::string Session::exportHar() const { return impl_->traffic->exportHar(); }
int Session::restCallCount() const { return impl_->restCalls.load(); }
int Session::bootstrapCallCount() const { return impl_->bootstrapCalls.load(); }
int Session::callsToLiveCount() const { return impl_->callsToLive.load(); }
Session::Bytes Session::bootstrapBytes() const { return {impl_->bootstrapWire.load(), impl_->bootstrapDecoded.load()}; }

void Session::Impl::start() {
  startedAt = std::chrono::steady_clock::now();
  store.post([demo = config.demo, region = config.regionLabel](store::State& st) {
    auto& session = st.session.edit();
    session.demo = demo;
    session.region = region;
  });
  // The view's rows reach the planner as a message from the store, never by reading back.
  std::weak_ptr<Impl> self = weak_from_this();
  store.setOnRowsChanged([self](std::shared_ptr<const std::vector<std::string>> rows) {
    if (auto impl = self.lock())
      impl->control.post([raw = impl.get(), rows = std::move(rows)] {
        raw->listedAgents = rows;
        raw->planSubscriptions();
      });
  });
  auth.post([this] { signIn(); });
  control.postAfter(kTickInterval, [this] { tick(); });
}

void Session::Impl::publishLink(store::LinkState link, std::string message) {
  const model::TimeMs at = now();
  store.post([link, message = std::move(message), at](store::State& st) {
    auto& session = st.session.edit();
    const bool wasLive = session.link == store::LinkState::Live;
    session.link = link;
    session.message = message;
    if (link == store::LinkState::Live)
      session.staleSince = 0;
    else if (wasLive || (session.staleSince == 0 && link == store::LinkState::Stale))
      session.staleSince = at;
  });
}

Account Session::Impl::account() const {
  std::lock_guard lock(accountMutex);
  return account_;
}

// [SECTION] REST

std::string Session::Impl::url(const std::string& pathOrUrl) const {
  if (pathOrUrl.rfind("http://", 0) == 0 || pathOrUrl.rfind("https://", 0) == 0) return pathOrUrl;
  return config.apiBase + pathOrUrl;
}

Reply Session::Impl::call(std::string method, std::string pathOrUrl, std::string body, net::Priority priority,
                          std::string label, bool authorized, std::optional<bool> idempotent) {
  net::HttpRequest request;
  request.method = std::move(method);
  request.url = url(pathOrUrl);
  request.priority = priority;
  request.label = std::move(label);
  request.sendAuthorization = authorized;
  request.idempotent = idempotent;
  request.acceptGzip = true;  // listings and queries shrink several times; small answers come plain
  if (!body.empty()) {
    request.headers.emplace_back("Content-Type", "application/json");
    request.body = std::move(body);
  }
  ++restCalls;
  // Waits on this worker thread, but gives up at once when the session shuts down.
  auto done = std::make_shared<std::promise<net::HttpResponse>>();
  auto answer = done->get_future();
  http->send(std::move(request), [done](net::HttpResponse r) { done->set_value(std::move(r)); });
  while (answer.wait_for(100ms) != std::future_status::ready) {
    if (stopping) {
      Reply cancelled;
      cancelled.error = api::ApiError{0, "cancelled", "The panel is closing.", ""};
      return cancelled;
    }
  }
  Reply reply{answer.get(), std::nullopt};
  bytesOnWire += reply.response.wireBytes;
  bytesDecoded += reply.response.body.size();
  if (reply.response.error != net::NetError::none)
    reply.error = api::ApiError{0, "network", reply.response.errorMessage, reply.response.correlationId};
  else if (reply.response.status >= 400)
    reply.error = api::parseErrorBody(reply.response.status, reply.response.body);
  return reply;
}

// Analytics queries are POSTed but only read: like a GET, they are retried after a 5xx.
Reply Session::Impl::query(std::string_view path, std::string body, net::Priority priority, std::string label) {
  return call("POST", std::string(path), std::move(body), priority, std::move(label), true, true);
}

// [SECTION] Sign-in and bootstrap
//
// Order (so that no change is lost between a read and a subscription): the loader reads
// the org once to learn its queues and agents; the control thread subscribes; once a
// topic is confirmed on an open socket, what it covers is read again (readLate). A change
// before the second read is in its answer; a change after the subscription arrives as an
// event; the reducers keep whichever is newer by its own timestamp.

void Session::Impl::signIn() {
  publishLink(store::LinkState::SigningIn, "Signing in…");
  auto result = tokens->signIn();
  if (!result) {
    control.post([this, error = result.error()] {
      {
        std::lock_guard lock(accountMutex);
        account_ = {};
      }
      signedIn = false;
      publishLink(store::LinkState::Stale, error);
    });
    return;
  }
  control.post([this, who = *result] { signedInAs(who); });
}

void Session::Impl::signedInAs(const auth::Session& who) {
  {
    std::lock_guard lock(accountMutex);
    account_ = {who.userId, who.userName, who.orgName, true};
  }
  signedIn = true;
  store.post([who](store::State& st) {
    auto& session = st.session.edit();
    session.userId = who.userId;
    session.userName = who.userName;
    session.orgName = who.orgName;
    session.signInUrl.clear();
  });
  callsAtSignIn = restCalls.load();
  channelCallsAtSignIn = channelCalls.load();
  wireAtSignIn = bytesOnWire.load();
  decodedAtSignIn = bytesDecoded.load();
  orgReady = false;
  refusedTopics.clear();  // a new token may be allowed what the old one was not
  topicsChanged = true;
  takeovers.clear();
  loader.post([this] { bootstrap(); });
}

void Session::Impl::bootstrap() {
  publishLink(store::LinkState::Loading, "Loading agents and queues…");

  if (auto defs = call("GET", api::presenceDefinitionsPath(), "", net::Priority::Background, "presence definitions");
      defs.ok()) {
    if (auto decoded = api::decodePresenceDefinitions(defs.body())) {
      loaderLabels = api::labelsOf(*decoded);
      rememberPresenceChoices(api::choicesOf(*decoded));
    }
  }

  std::vector<model::Queue> queues;
  for (int page = 1;; ++page) {
    Reply r = call("GET", api::queuesPath(page), "", net::Priority::Background, "queues page");
    if (!r.ok()) {
      publishLink(store::LinkState::Stale, api::explain(*r.error, api::Action::Load));
      return;
    }
    auto decoded = api::decodeQueuesPage(r.body());
    if (!decoded) {
      publishLink(store::LinkState::Stale, "Queues could not be read: " + decoded.error());
      return;
    }
    for (auto& q : decoded->items) queues.push_back(std::move(q));
    if (!decoded->hasMore()) break;
  }
  loaderQueueIds.clear();
  for (const auto& q : queues) loaderQueueIds.push_back(q.id);
  store.post([queues = std::move(queues)](store::State& st) mutable { mergeQueues(st, std::move(queues)); });

  // Agents, in pages as large as the API allows, with presence, routing status and counts.
  auto ids = loadAllAgents(net::Priority::Background);
  if (!ids) return;
  knownAgentIds = std::move(*ids);
  loaderTopicNames = readTopicNames();
  control.post([this, queues = loaderQueueIds, labels = loaderLabels, names = loaderTopicNames] {
    orgLoaded(queues, labels, names);
  });
}

// The org's own list decides the names the panel sends: a name it does not offer would
// be refused, or fail a whole subscription request. When the list cannot be read, the
// names of the official SDKs' topic maps (generated from a live org's list) are used.
TopicNames Session::Impl::readTopicNames() {
  TopicNames names;
  Reply r = call("GET", std::string(api::kAvailableTopicsPath), "", net::Priority::Background, "available topics");
  if (!r.ok()) return names;
  auto topics = api::decodeAvailableTopics(r.body());
  if (!topics) return names;
  names.listRead = true;
  auto offered = [&](std::string_view id) { return std::find(topics->begin(), topics->end(), id) != topics->end(); };
  const bool singular = offered("v2.users.{id}.wem.coaching.notification");
  const bool plural = offered("v2.users.{id}.wem.coaching.notifications");
  names.coachingOffered = singular || plural;
  names.coachingPlural = plural && !singular;
  names.userActivity = offered("v2.users.{id}.activity");
  return names;
}

void Session::Impl::orgLoaded(std::vector<std::string> queues, api::PresenceLabels labels, TopicNames names) {
  queueIds = std::move(queues);
  presenceLabels = std::move(labels);
  topicNames = names;
  topicsChanged = true;
  orgReady = true;
  serviceLevelAsked = 0;
  scheduleServiceLevel();
  planSubscriptions();
}

// Today's service level is read at sign-in, then a minute after each 30-minute boundary, when
// the interval that ended is complete in analytics; in between the observation topic's
// aggregate messages keep the current interval live. Steady state: one call per half hour.
void Session::Impl::scheduleServiceLevel() {
  constexpr model::TimeMs kInterval = 30 * 60 * 1000;
  constexpr model::TimeMs kSettle = 60 * 1000;
  const model::TimeMs at = now();
  const model::TimeMs interval = at / kInterval * kInterval;
  if (!orgReady || interval <= serviceLevelAsked || (serviceLevelAsked != 0 && at - interval < kSettle)) return;
  serviceLevelAsked = interval;
  loader.post([this, ids = queueIds] { loadServiceLevel(ids); });
}

// One aggregates query per batch of queues, held to the predicate cap like the other
// analytics queries (agent_loading.cpp).
void Session::Impl::loadServiceLevel(const std::vector<std::string>& ids) {
  constexpr model::TimeMs kInterval = 30 * 60 * 1000;
  const std::string timeZone = api::localTimeZoneName();
  const model::TimeMs askedAt = now();  // every batch asks up to, and is filed by, one moment
  auto body = [&timeZone, askedAt](const std::vector<std::string>& chunk) {
    return api::serviceLevelQueryBody(chunk, api::localDayStart(askedAt), askedAt, timeZone);
  };
  queryInBatches(api::kConversationAggregatesQueryPath, ids, body, "service level today",
                 [this, askedAt](const std::vector<std::string>& chunk, const Reply& r, model::TimeMs) {
                   if (!r.ok()) return false;  // the strip says "SL …" (unknown); the next interval asks again
                   auto buckets = api::decodeConversationAggregates(r.body());
                   if (!buckets) return false;
                   store.post([chunk, buckets = std::move(*buckets), current = askedAt / kInterval * kInterval](
                                  store::State& st) { applyServiceLevelToday(st, chunk, buckets, current); });
                   return true;
                 });
}

// The supervisor's coaching appointments, including those this panel booked before a restart.
void Session::Impl::loadAppointments() {
  Reply appointments =
      call("GET", api::appointmentsPath({account().userId}), "", net::Priority::Background, "my appointments");
  if (appointments.ok())
    if (auto page = api::decodeAppointmentsPage(appointments.body()))
      for (auto& a : page->items) applyAppointmentNamed(std::move(a));
}

// Calls the activity query no longer lists: each is read again (at most kMaxRechecks a
// gap, so a long outage cannot spend the request budget); a 404 means it is over and gone,
// anything else is applied as read. The ones left over are found again after the next gap.
void Session::Impl::recheckConversations(const std::vector<std::string>& ids) {
  constexpr std::size_t kMaxRechecks = 50;
  for (std::size_t i = 0; i < ids.size() && i < kMaxRechecks && !stopping; ++i) {
    Reply r = call("GET", api::conversationPath(ids[i]), "", net::Priority::Background, "conversation (recheck)");
    const model::TimeMs at = now();
    if (r.response.status == 404) {
      store.post([id = ids[i], at](store::State& st) { endConversation(st, id, at); });
    } else if (r.ok()) {
      if (auto c = api::decodeConversation(r.body()))
        store.post([c = std::move(*c)](store::State& st) mutable { applyConversation(st, std::move(c)); });
    }
  }
}

// Held to the analytics predicate cap like the other queries: an org of more queues than one
// query may name (100 where documented) reads them in batches instead of getting a 400.
void Session::Impl::loadQueueCounts(const std::vector<std::string>& ids, net::Priority priority) {
  queryInBatches(api::kQueueObservationsQueryPath, ids, api::queueObservationsQueryBody, "queue observations",
                 [this](const std::vector<std::string>&, const Reply& r, model::TimeMs) {
                   if (!r.ok()) return false;
                   auto groups = api::decodeQueueObservations(r.body());
                   if (!groups) return false;
                   store.post([groups = std::move(*groups)](store::State& st) { applyQueueObservationAnswer(st, groups); });
                   return true;
                 }, priority);
}

// A queue picked as the scope: its members, so the filter knows who belongs.
void Session::Impl::loadQueueMembers(const std::string& queueId) {
  std::vector<std::string> members;
  for (int page = 1;; ++page) {
    Reply r = call("GET", api::queueMembersPath(queueId, page), "", net::Priority::User, "queue members");
    if (!r.ok()) return;
    auto decoded = api::decodeQueueMembersPage(r.body(), &loaderLabels);
    if (!decoded) return;
    for (const auto& m : decoded->items) members.push_back(m.agent.id);
    if (!decoded->hasMore()) break;
  }
  store.post([queueId, members = std::move(members)](store::State& st) {
    for (const auto& id : members)
      st.agents.modify(id, [&](model::Agent& a) {
        if (std::find(a.queueIds.begin(), a.queueIds.end(), queueId) == a.queueIds.end()) a.queueIds.push_back(queueId);
      });
    st.queues.modify(queueId, [&](model::Queue& q) { q.memberCount = static_cast<int>(members.size()); });
    st.rowsDirty = st.rowsUrgent = true;
  });
}

void Session::Impl::loadDirectReports() {
  Reply r = call("GET", api::directReportsPath(account().userId), "", net::Priority::User, "direct reports");
  if (!r.ok()) {
    const model::TimeMs at = now();
    store.post([message = api::explain(*r.error, api::Action::Load), at](store::State& st) {
      st.toast(store::ToastLevel::Error, "Direct reports could not be loaded: " + message, at);
    });
    return;
  }
  if (auto reports = api::decodeDirectReports(r.body(), &loaderLabels))
    store.post([reports = std::move(*reports)](store::State& st) {
      for (const auto& report : *&reports)
        st.agents.modify(report.id, [](model::Agent& a) { a.directReport = true; });
      st.rowsDirty = st.rowsUrgent = true;
    });
}

// [SECTION] Reads after subscriptions

// On the loader: reads what newly confirmed topics cover. Agents by id in batches of 100,
// or the whole org (loadAllAgents) when that takes fewer calls. A failed read is tried again later:
// the items stay "read before subscribing" until it succeeds.
void Session::Impl::readLate(LateRead read) {
  if (stopping) return;
  bool ok = true;
  if (!read.agentIds.empty()) {
    const std::size_t byIds = (read.agentIds.size() + api::kMaxUserIds - 1) / api::kMaxUserIds;
    auto done = listingCalls(knownAgentIds.size()) <= byIds ? loadAllAgents(net::Priority::Background)
                                                             : loadAgents(read.agentIds, net::Priority::Background);
    ok = done.has_value();
  }
  if (ok) {
    // Calls already running when the picture began (start, or a gap) get their timers now,
    // not at their next event. View changes need none: queue topics carry every routed call.
    if (read.blocking) loadLiveInteractions(read.agentIds);
    loadQueueCounts(read.queueIds, net::Priority::Background);
    if (read.appointments) loadAppointments();
  }
  if (!ok) {
    loader.postAfter(5s, [this, read = std::move(read)]() mutable { readLate(std::move(read)); });
    return;
  }
  control.post([this, read = std::move(read)] { lateReadDone(read); });
}

void Session::Impl::lateReadDone(const LateRead& read) {
  if (read.blocking) --blockingReads;
  if (read.afterGap) {
    std::string agent;
    {
      std::lock_guard lock(openMutex);
      agent = selectedAgentId;
    }
    if (!agent.empty()) actions.post([this, agent] { selectAgent(agent); });
    const model::TimeMs at = now();
    store.post([at](store::State& st) {
      st.toast(store::ToastLevel::Info, "Resynchronised after a gap in live updates", at);
    });
  }
  updateLink();
}

// The link is Live only when every channel's socket is open and every read the picture
// waits for is in; otherwise it keeps the state and reason set when it stopped being live.
void Session::Impl::updateLink() {
  if (!signedIn || !orgReady || channels.empty() || !allChannelsOpen()) return;
  if (blockingReads > 0) {
    const bool first = callsToLive.load() < 0;
    publishLink(first ? store::LinkState::Loading : store::LinkState::Reconnecting,
                "Reading what changed before live updates began…");
    return;
  }
  reconnectAttempt = 0;
  if (callsToLive.load() < 0) {
    callsToLive = restCalls.load() - callsAtSignIn.load();
    bootstrapCalls = callsToLive.load() - (channelCalls.load() - channelCallsAtSignIn.load());
    bootstrapWire = bytesOnWire.load() - wireAtSignIn.load();
    bootstrapDecoded = bytesDecoded.load() - decodedAtSignIn.load();
    const auto took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - startedAt);
    store.post([took, bootstrap = bootstrapCalls.load(), toLive = callsToLive.load(), wire = bootstrapWire.load(),
                decoded = bootstrapDecoded.load()](store::State& st) {
      auto& session = st.session.edit();
      session.timeToCompleteMs = took.count();
      session.bootstrapCalls = bootstrap;
      session.callsToLive = toLive;
      session.bootstrapBytesOnWire = wire;
      session.bootstrapBytesDecoded = decoded;
    });
    // Active queues after the complete picture: the Queues column is not part of it, and at
    // 10,000 agents their queries cost as much of the request budget as everything before.
    loader.post([this] { loadActiveQueues(knownAgentIds); });
  }
  // Live only when every wanted topic is subscribed; refused agents make it partial.
  if (notLiveShown.empty()) {
    publishLink(store::LinkState::Live, "");
    return;
  }
  publishLink(store::LinkState::Partial, notLiveShown.begin()->second);
}

// [SECTION] Timers

void Session::Impl::tick() {
  if (stopping) return;
  if (signedIn) {
    // Renewal may wait on the login host: it runs on the auth thread, never here.
    if (!renewalPending) {
      renewalPending = true;
      auth.post([this] {
        const auto outcome = tokens->renewIfDue(now());
        control.post([this, outcome] {
          renewalPending = false;
          // The data stays on screen, marked stale; the supervisor signs in again when ready.
          if (outcome == auth::RenewOutcome::Failed)
            publishLink(store::LinkState::Stale, "The sign-in could not be renewed: sign in again.");
        });
      });
    }
    watchChannels();
    scheduleServiceLevel();
  }
  const std::uint64_t events = eventsReceived.load();
  const double perSecond = static_cast<double>(events - eventsAtLastTick) /
                           std::chrono::duration<double>(kTickInterval).count();
  eventsAtLastTick = events;
  const net::NetStats net = http->stats();
  const model::TimeMs expires = tokens->expiresAt(), idles = tokens->idlesAt();
  store.post([perSecond, net, expires, idles](store::State& st) {
    const auto& current = *st.session;
    if (current.eventsPerSecond == perSecond && current.restCallsLastMinute == net.requestsLastMinute &&
        current.tokenExpiresAt == expires && current.tokenIdlesAt == idles)
      return;
    auto& session = st.session.edit();
    session.eventsPerSecond = perSecond;
    session.restCallsLastMinute = net.requestsLastMinute;
    session.restBudgetPerMinute = net.budgetPerMinute;
    session.tokenExpiresAt = expires;
    session.tokenIdlesAt = idles;
  });
  publishTraffic();
  publishTopics();
  control.postAfter(kTickInterval, [this] { tick(); });
}

// While the debug overlay is open, hands the store what the traffic log recorded since the last
// tick (on opening, all it holds: the overlay shows what came before too); the store's capture
// keeps growing past the log's ring (State::appendTraffic). Closed, the capture goes and
// nothing is copied.
void Session::Impl::publishTraffic() {
  if (!overlayOpen()) {
    if (std::exchange(trafficShown, false))
      store.post([](store::State& st) { st.traffic.edit() = store::TrafficRows(); });
    trafficHandedOver = 0;
    return;
  }
  std::vector<net::TrafficEntry> entries = traffic->since(trafficHandedOver);
  if (trafficShown && entries.empty()) return;
  trafficShown = true;
  if (!entries.empty()) trafficHandedOver = entries.back().sequence;
  SocketChannels channels;
  for (const auto& [socket, url] : traffic->socketUrls()) channels[socket] = channelIdOf(url);
  std::vector<store::TrafficRow> rows;
  rows.reserve(entries.size());
  for (const auto& entry : entries) rows.push_back(toRow(entry, channels));
  store.post([rows = std::move(rows)](store::State& st) mutable { st.appendTraffic(std::move(rows)); });
}

void Session::Impl::publishTopics() {
  const std::uint64_t events = eventsReceived.load();
  const bool counted = events != eventsAtTopics && overlayOpen();
  if (!topicsChanged && !counted) return;
  topicsChanged = false;
  eventsAtTopics = events;
  auto table = std::make_shared<const store::TopicTable>(topicTable());
  store.post([table = std::move(table)](store::State& st) mutable { st.topics = std::move(table); });
}

// [SECTION] Intents

void Session::Impl::handleIntent(store::Intent intent) {
  const model::TimeMs at = now();
  std::visit(
      [&](auto&& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, store::SetView>) {
          // The store re-lists the rows; its rows listener re-plans the subscriptions.
          store.post([view = i.view](store::State& st) { store::applyViewIntent(st, store::Intent{store::SetView{view}}); });
          const store::ViewSpec view = i.view;
          loader.post([this, view] {
            if (view.scope == store::AgentScope::Queue && !view.queueId.empty()) loadQueueMembers(view.queueId);
            if (view.scope == store::AgentScope::DirectReports) loadDirectReports();
          });
        } else if constexpr (std::is_same_v<T, store::SelectAgent>) {
          actions.post([this, id = i.agentId] { selectAgent(id); });
        } else if constexpr (std::is_same_v<T, store::OpenConversation>) {
          actions.post([this, id = i.conversationId] { openTranscript(id); });
        } else if constexpr (std::is_same_v<T, store::JoinCall>) {
          actions.post([this, i] { joinCall(i); });
        } else if constexpr (std::is_same_v<T, store::BookCoaching>) {
          actions.post([this, i] { bookCoaching(i); });
        } else if constexpr (std::is_same_v<T, store::SetAppointmentStatus>) {
          actions.post([this, i] { setAppointmentStatus(i); });
        } else if constexpr (std::is_same_v<T, store::RetryTranscript>) {
          std::string id;
          {
            std::lock_guard lock(openMutex);
            id = transcriptConversationId;
          }
          if (!id.empty()) actions.post([this, id] { fetchTranscript(id, 1); });
        } else if constexpr (std::is_same_v<T, store::SignInAgain>) {
          auth.post([this] {
            signIn();
            control.post([this] {
              if (signedIn) reconnectAll("signing in again");
            });
          });
        } else if constexpr (std::is_same_v<T, store::Logout>) {
          auth.post([this, at] {
            tokens->logout();
            control.post([this, at] {
              {
                std::lock_guard lock(accountMutex);
                account_.signedIn = false;
              }
              signedIn = false;
              for (auto& channel : channels) channel->socket.reset();
              channels.clear();
              publishLink(store::LinkState::Stale, "Signed out.");
              store.post([at](store::State& st) { st.toast(store::ToastLevel::Info, "Signed out: the token was revoked.", at); });
            });
          });
        } else if constexpr (std::is_same_v<T, store::ChangeAgents>) {
          if (i.agents.size() == 1)
            actions.post([this, i] { changeAgents(i, net::Priority::User); });
          else
            batches.post([this, i] { changeAgents(i, net::Priority::Background); });
        } else if constexpr (std::is_same_v<T, store::ExportHar>) {
          actions.post([this, path = i.path, sequences = i.sequences] { exportHar(path, sequences); });
        }
      },
      intent);
}

// [SECTION] Names

void NameBook::addAgents(const std::vector<model::Agent>& agents) {
  std::lock_guard lock(mutex_);
  for (const auto& a : agents) agents_[a.id] = a.name;
}

void NameBook::addAppointment(const model::Appointment& appointment) {
  std::lock_guard lock(mutex_);
  appointments_[appointment.id] = appointment.name;
}

std::string NameBook::agent(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = agents_.find(id);
  return it == agents_.end() || it->second.empty() ? "the agent" : it->second;
}

std::string NameBook::appointment(const std::string& id) const {
  std::lock_guard lock(mutex_);
  const auto it = appointments_.find(id);
  return it == appointments_.end() || it->second.empty() ? "the appointment" : it->second;
}

}  // namespace workers
