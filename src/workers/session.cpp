#include "workers/session.h"

#include <algorithm>
#include <future>
#include <set>

#include "api/requests.h"
#include "auth/pkce.h"
#include "store/intent_router.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"

namespace workers {

namespace {

using namespace std::chrono_literals;
constexpr auto kTickInterval = 1s;
constexpr std::size_t kTrafficRowsShown = 2000;

std::string joinHeaders(const net::HeaderList& headers) {
  std::string out;
  for (const auto& [name, value] : headers) out += name + ": " + value + "\n";
  return out;
}

store::TrafficRow toRow(const net::TrafficEntry& e) {
  store::TrafficRow row;
  row.at = std::chrono::duration_cast<std::chrono::milliseconds>(e.time.time_since_epoch()).count();
  if (e.kind == net::TrafficEntry::Kind::rest) {
    row.kind = "REST";
    row.method = e.method;
    row.path = e.path;
    row.status = e.status;
    row.latencyMs = e.latency.count() / 1000.0;
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
  impl_->control.stop();
  impl_->actions.stop();
  for (auto& channel : impl_->channels)
    if (channel->socket) channel->socket.reset();
}

void Session::start() { impl_->start(); }

void Session::send(store::Intent intent) { impl_->handleIntent(std::move(intent)); }

std::string Session::exportHar() const { return impl_->traffic->exportHar(); }
int Session::restCallCount() const { return impl_->restCalls.load(); }
int Session::bootstrapCallCount() const { return impl_->bootstrapCalls.load(); }
int Session::callsToLiveCount() const { return impl_->callsToLive.load(); }

void Session::Impl::start() {
  store.post([demo = config.demo, region = config.regionLabel](store::State& st) {
    auto& session = st.session.edit();
    session.demo = demo;
    session.region = region;
  });
  control.post([this] { signIn(); });
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

void Session::Impl::signIn() {
  publishLink(store::LinkState::SigningIn, "Signing in…");
  auto result = tokens->signIn();
  if (!result) {
    signedIn = false;
    publishLink(store::LinkState::Stale, result.error());
    return;
  }
  const auth::Session& who = *result;
  userId = who.userId;
  userName = who.userName;
  orgName = who.orgName;
  signedIn = true;
  store.post([who = who](store::State& st) {
    auto& session = st.session.edit();
    session.userId = who.userId;
    session.userName = who.userName;
    session.orgName = who.orgName;
    session.signInUrl.clear();
  });
  callsAtSignIn = restCalls.load();
  if (bootstrap()) {
    bootstrapCalls = restCalls.load() - callsAtSignIn;
    planSubscriptions();
  }
}

// Every channel is open: the picture is complete and live from here on.
void Session::Impl::markLive() {
  reconnectAttempt = 0;
  if (callsToLive.load() < 0) callsToLive = restCalls.load() - callsAtSignIn;
  publishLink(store::LinkState::Live, "");
}

bool Session::Impl::bootstrap() {
  publishLink(store::LinkState::Loading, "Loading agents and queues…");

  if (auto defs = call("GET", api::presenceDefinitionsPath(), "", net::Priority::Background, "presence definitions");
      defs.ok()) {
    if (auto decoded = api::decodePresenceDefinitions(defs.body())) {
      // Every socket's decoder learns the labels when its channel opens (see openChannel).
      presenceLabels = api::labelsOf(*decoded);
    }
  }

  // Queues.
  std::vector<model::Queue> queues;
  for (int page = 1;; ++page) {
    Reply r = call("GET", api::queuesPath(page), "", net::Priority::Background, "queues page");
    if (!r.ok()) {
      publishLink(store::LinkState::Stale, api::explain(*r.error, api::Action::Load));
      return false;
    }
    auto decoded = api::decodeQueuesPage(r.body());
    if (!decoded) {
      publishLink(store::LinkState::Stale, "Queues could not be read: " + decoded.error());
      return false;
    }
    for (auto& q : decoded->items) queues.push_back(std::move(q));
    if (!decoded->hasMore()) break;
  }
  queueIds.clear();
  for (const auto& q : queues) queueIds.push_back(q.id);
  store.post([queues = std::move(queues)](store::State& st) mutable {
    for (auto& q : queues) {
      if (const model::Queue* held = st.queues.find(q.id)) q.memberCount = held->memberCount;
      st.queues.upsert(std::move(q));
    }
    st.queueOrderDirty = true;
  });

  // Agents, in pages as large as the API allows, with presence, routing status and counts.
  if (!loadAgents({}, net::Priority::Background)) return false;
  std::vector<std::string> agentIds;
  for (const auto& id : *store.current()->agentRows) agentIds.push_back(id);
  loadActiveQueues(agentIds);
  loadQueueCounts(net::Priority::Background);

  loadAppointments();
  return true;
}

// The supervisor's coaching appointments, including those this panel booked before a restart.
void Session::Impl::loadAppointments() {
  Reply appointments = call("GET", api::appointmentsPath({userId}), "", net::Priority::Background, "my appointments");
  if (appointments.ok())
    if (auto page = api::decodeAppointmentsPage(appointments.body()))
      store.post([items = std::move(page->items)](store::State& st) mutable {
        for (auto& a : items) applyAppointment(st, std::move(a));
      });
}

// All users (ids empty) or the given ones, merged into the state.
bool Session::Impl::loadAgents(const std::vector<std::string>& ids, net::Priority priority) {
  const model::TimeMs readAt = now();
  std::vector<model::Agent> agents;
  const std::size_t batch = ids.empty() ? 0 : 100;  // the API's limit on ids per bulk call
  for (std::size_t offset = 0, page = 1;; ++page) {
    std::string path;
    if (ids.empty()) {
      path = api::usersPath({}, static_cast<int>(page), config.usersPageSize);
    } else {
      if (offset >= ids.size()) break;
      const auto end = std::min(ids.size(), offset + batch);
      path = api::usersPath({ids.begin() + static_cast<long>(offset), ids.begin() + static_cast<long>(end)}, 1, 100);
      offset = end;
    }
    Reply r = call("GET", path, "", priority, "users");
    if (!r.ok()) {
      publishLink(store::LinkState::Stale, api::explain(*r.error, api::Action::Load));
      return false;
    }
    auto decoded = api::decodeUsersPage(r.body(), &presenceLabels);
    if (!decoded) {
      publishLink(store::LinkState::Stale, "Agents could not be read: " + decoded.error());
      return false;
    }
    for (auto& a : decoded->items)
      if (a.id != userId) agents.push_back(std::move(a));  // the supervisor is not one of the agents
    if (ids.empty() && !decoded->hasMore()) break;
  }
  store.post([agents = std::move(agents), readAt](store::State& st) mutable { mergeAgents(st, std::move(agents), readAt); });
  store.flush();  // the rows the planner reads must include these agents
  return true;
}

// The queues each agent is working now (the real form of the seed's "active-queues").
void Session::Impl::loadActiveQueues(const std::vector<std::string>& ids) {
  constexpr std::size_t kBatch = 500;
  for (std::size_t offset = 0; offset < ids.size(); offset += kBatch) {
    const std::vector<std::string> chunk(ids.begin() + static_cast<long>(offset),
                                         ids.begin() + static_cast<long>(std::min(ids.size(), offset + kBatch)));
    Reply r = query(api::kUserObservationsQueryPath, api::userObservationsQueryBody(chunk), net::Priority::Background,
                    "active queues");
    if (!r.ok()) return;  // the Queues column stays empty; nothing else depends on it
    auto decoded = api::decodeUserObservations(r.body());
    if (!decoded) return;
    store.post([byUser = std::move(*decoded)](store::State& st) mutable {
      for (auto& [user, queues] : byUser) setQueueMemberships(st, user, std::move(queues));
    });
  }
}

void Session::Impl::loadQueueCounts(net::Priority priority) {
  if (queueIds.empty()) return;
  Reply r = query(api::kQueueObservationsQueryPath, api::queueObservationsQueryBody(queueIds), priority,
                  "queue observations");
  if (!r.ok()) return;
  if (auto counts = api::decodeQueueObservations(r.body()))
    store.post([counts = std::move(*counts)](store::State& st) {
      for (const auto& c : counts) st.queues.modify(c.queueId, [&](model::Queue& q) { api::applyQueueCounts(c, q); });
    });
}

// A queue picked as the scope: its members, so the filter knows who belongs.
void Session::Impl::loadQueueMembers(const std::string& queueId) {
  std::vector<std::string> members;
  for (int page = 1;; ++page) {
    Reply r = call("GET", api::queueMembersPath(queueId, page), "", net::Priority::User, "queue members");
    if (!r.ok()) return;
    auto decoded = api::decodeQueueMembersPage(r.body(), &presenceLabels);
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
  Reply r = call("GET", api::directReportsPath(userId), "", net::Priority::User, "direct reports");
  if (!r.ok()) {
    const model::TimeMs at = now();
    store.post([message = api::explain(*r.error, api::Action::Load), at](store::State& st) {
      st.toast(store::ToastLevel::Error, "Direct reports could not be loaded: " + message, at);
    });
    return;
  }
  if (auto reports = api::decodeDirectReports(r.body(), &presenceLabels))
    store.post([reports = std::move(*reports)](store::State& st) {
      for (const auto& report : *&reports)
        st.agents.modify(report.id, [](model::Agent& a) { a.directReport = true; });
      st.rowsDirty = st.rowsUrgent = true;
    });
}

// After a gap in the event stream: re-read what lost events would have changed.
void Session::Impl::resync(const std::string& why) {
  if (!signedIn) return;
  std::vector<std::string> ids;
  {
    const auto snap = store.current();
    for (const auto& id : *snap->agentRows) ids.push_back(id);
  }
  // Only the agents with live updates matter; the rest are re-read when they come into view.
  const std::size_t limit = config.maxChannels * config.maxTopicsPerChannel / 2;
  if (ids.size() > limit) ids.resize(limit);
  if (!loadAgents(ids, net::Priority::Background)) return;
  loadQueueCounts(net::Priority::Background);
  loadAppointments();
  std::string agent;
  {
    std::lock_guard lock(openMutex);
    agent = selectedAgentId;
  }
  if (!agent.empty()) actions.post([this, agent] { selectAgent(agent); });
  const model::TimeMs at = now();
  store.post([why, at](store::State& st) { st.toast(store::ToastLevel::Info, "Resynchronised after " + why, at); });
}

// [SECTION] Timers

void Session::Impl::tick() {
  if (stopping) return;
  if (signedIn) {
    if (tokens->renewIfDue(now()) == auth::RenewOutcome::Failed) {
      // The data stays on screen, marked stale; the supervisor signs in again when ready.
      publishLink(store::LinkState::Stale, "The sign-in could not be renewed: sign in again.");
    }
    watchChannels();
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
  control.postAfter(kTickInterval, [this] { tick(); });
}

// Hands the newest traffic rows to the store for the debug overlay (only when new ones came).
void Session::Impl::publishTraffic() {
  const std::size_t total = traffic->totalRecorded();
  if (total == trafficSeen) return;
  trafficSeen = total;
  std::vector<store::TrafficRow> rows;
  for (const auto& entry : traffic->snapshot(kTrafficRowsShown)) rows.push_back(toRow(entry));
  store.post([rows = std::move(rows)](store::State& st) mutable { st.traffic.edit() = std::move(rows); });
}

// [SECTION] Intents

void Session::Impl::handleIntent(store::Intent intent) {
  const model::TimeMs at = now();
  std::visit(
      [&](auto&& i) {
        using T = std::decay_t<decltype(i)>;
        if constexpr (std::is_same_v<T, store::SetView>) {
          store.post([view = i.view](store::State& st) { store::applyViewIntent(st, store::Intent{store::SetView{view}}); });
          const store::ViewSpec view = i.view;
          control.post([this, view] {
            if (view.scope == store::AgentScope::Queue && !view.queueId.empty()) loadQueueMembers(view.queueId);
            if (view.scope == store::AgentScope::DirectReports) loadDirectReports();
            planSubscriptions();
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
          control.post([this] {
            signIn();
            if (signedIn) reconnectAll("signing in again");
          });
        } else if constexpr (std::is_same_v<T, store::Logout>) {
          control.post([this, at] {
            tokens->logout();
            signedIn = false;
            for (auto& channel : channels) channel->socket.reset();
            channels.clear();
            publishLink(store::LinkState::Stale, "Signed out.");
            store.post([at](store::State& st) { st.toast(store::ToastLevel::Info, "Signed out: the token was revoked.", at); });
          });
        } else if constexpr (std::is_same_v<T, store::ExportHar>) {
          actions.post([this, path = i.path] { exportHar(path); });
        }
      },
      intent);
}

}  // namespace workers
