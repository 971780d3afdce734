// Loading the org's agents within the real service's limits, and the analytics queries
// that cover them in batches (loader thread). genesys-api.md section 2, "Listing limits":
// the users listing pages only its first 10,000 results; `id=` takes at most 100 ids;
// queue members come at most 100 a page, followed by nextUri. How many predicates an
// analytics query may hold is documented only for user aggregates (100), so the batch
// size here learns from the service's refusal instead of assuming either reading.
#include <algorithm>
#include <cctype>
#include <unordered_set>

#include "api/requests.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"

namespace workers {

namespace {

// How far behind the live picture the analytics activity answer may be (an assumption:
// seconds in practice); calls younger than this are read again rather than ended.
constexpr model::TimeMs kAnalyticsLagMs = 30'000;

// A refusal that says the query held too many predicates (a 400 naming them).
bool tooManyPredicates(const Reply& reply) {
  if (!reply.error || reply.error->status != 400) return false;
  std::string message = reply.error->message;
  std::transform(message.begin(), message.end(), message.begin(), [](unsigned char c) { return std::tolower(c); });
  return message.find("predicate") != std::string::npos;
}

// The next batch size after such a refusal: the largest number the message names below
// `batch` (the service's own cap, when it says it), else half of `batch`; at least 1.
std::size_t smallerBatch(const std::string& message, std::size_t batch) {
  std::size_t best = 0;
  for (std::size_t i = 0; i < message.size();) {
    if (!std::isdigit(static_cast<unsigned char>(message[i]))) {
      ++i;
      continue;
    }
    std::size_t value = 0;
    for (; i < message.size() && std::isdigit(static_cast<unsigned char>(message[i])) && value < batch; ++i)
      value = value * 10 + static_cast<std::size_t>(message[i] - '0');
    while (i < message.size() && std::isdigit(static_cast<unsigned char>(message[i]))) ++i;
    if (value > 0 && value < batch) best = std::max(best, value);
  }
  return best > 0 ? best : std::max<std::size_t>(1, batch / 2);
}

}  // namespace

// What one users page added: the users it listed, and whether the listing goes on.
struct Session::Impl::ListedUsers {
  std::unordered_set<std::string> seen;  // every user listed so far, the supervisor included
  std::vector<std::string> agents;       // the agents among them, each once, in listing order
  std::int64_t total = -1;               // the listing's `total`, from its first page
};

// Reads one users page (a listing page or an id batch) into the store and `into`. False
// when it failed (the link is then stale with the reason); `more` says whether the
// listing continues past it.
bool Session::Impl::readUsersPage(const std::string& path, net::Priority priority, ListedUsers& into, bool* more) {
  const model::TimeMs readAt = now();
  Reply r = call("GET", path, "", priority, "users");
  if (!r.ok()) {
    publishLink(store::LinkState::Stale, api::explain(*r.error, api::Action::Load));
    return false;
  }
  auto decoded = api::decodeUsersPage(r.body(), &loaderLabels);
  if (!decoded) {
    publishLink(store::LinkState::Stale, "Agents could not be read: " + decoded.error());
    return false;
  }
  if (into.total < 0) into.total = decoded->total;
  if (more) *more = decoded->hasMore();
  const std::string me = account().userId;
  std::vector<model::Agent> fresh;
  for (auto& a : decoded->items) {
    if (!into.seen.insert(a.id).second) continue;  // the two orders overlap where they meet
    if (a.id == me) continue;                      // the supervisor is not one of the agents
    into.agents.push_back(a.id);
    fresh.push_back(std::move(a));
  }
  names.addAgents(fresh);
  // Each page goes to the store as it comes, stamped with when it was asked for.
  store.post([agents = std::move(fresh), readAt](store::State& st) mutable { mergeAgents(st, std::move(agents), readAt); });
  return true;
}

// The given agents in `id=` batches of the most the service takes. Returns the ids read,
// or nothing when a batch failed.
std::optional<std::vector<std::string>> Session::Impl::loadAgents(const std::vector<std::string>& ids,
                                                                  net::Priority priority) {
  ListedUsers listed;
  for (std::size_t offset = 0; offset < ids.size(); offset += api::kMaxUserIds) {
    const auto end = std::min(ids.size(), offset + api::kMaxUserIds);
    const std::vector<std::string> batch(ids.begin() + static_cast<long>(offset), ids.begin() + static_cast<long>(end));
    if (!readUsersPage(api::usersPath(batch, 1, static_cast<int>(api::kMaxUserIds)), priority, listed, nullptr))
      return std::nullopt;
  }
  return std::move(listed.agents);
}

// Every user of the org, in the fewest calls the limits allow:
//  - up to 10,000 users: the listing in pages of usersPageSize (500: 20 calls for 10,000);
//  - up to 20,000: the same from the other end (sortOrder=descending) for the rest, the two
//    halves deduplicated: 40 calls for 20,000, where queue members (100 a page, and an
//    agent in 1-3 queues) would take about 2 x 20,000 / 100 = 400;
//  - beyond: `id=` batches for the agents neither end of the listing reached. The first
//    time, only the members of every queue (the only other list of who exists) name them;
//    after that, the agents already known do.
// Returns the agents' ids, or nothing when a read failed (the link is then stale).
std::optional<std::vector<std::string>> Session::Impl::loadAllAgents(net::Priority priority) {
  ListedUsers listed;
  const int pageSize = std::clamp(config.usersPageSize, 1, api::kUsersListingWindow);
  const int windowPages = api::kUsersListingWindow / pageSize;
  for (const bool descending : {false, true}) {
    bool more = true;
    for (int page = 1; more && page <= windowPages; ++page) {
      if (descending && listed.total >= 0 && static_cast<std::int64_t>(listed.seen.size()) >= listed.total) break;
      if (!readUsersPage(api::usersListingPath(page, pageSize, descending), priority, listed, &more)) return std::nullopt;
    }
    if (!more) return std::move(listed.agents);  // one order reached the end: everyone is in
  }
  if (listed.total >= 0 && static_cast<std::int64_t>(listed.seen.size()) >= listed.total) return std::move(listed.agents);
  // Read again after subscribing, the agents known from the first read are the rest; only
  // the first read has to find them through the queues.
  std::optional<std::vector<std::string>> unseen = std::vector<std::string>{};
  for (const auto& id : knownAgentIds)
    if (!listed.seen.count(id)) unseen->push_back(id);
  if (knownAgentIds.empty()) unseen = membersNotListed(listed.seen, priority);
  if (!unseen) return std::nullopt;
  auto rest = loadAgents(*unseen, priority);
  if (!rest) return std::nullopt;
  for (auto& id : *rest) listed.agents.push_back(std::move(id));
  return std::move(listed.agents);
}

// Members of every queue whom `seen` lacks, each once: pages of 100, following nextUri.
std::optional<std::vector<std::string>> Session::Impl::membersNotListed(std::unordered_set<std::string> seen,
                                                                        net::Priority priority) {
  std::vector<std::string> unseen;
  for (const auto& queueId : loaderQueueIds) {
    std::string next = api::queueMembersPath(queueId, 1, api::kMaxPageSize);
    while (!next.empty()) {
      Reply r = call("GET", next, "", priority, "queue members (org past the listing's reach)");
      if (!r.ok()) {
        publishLink(store::LinkState::Stale, api::explain(*r.error, api::Action::Load));
        return std::nullopt;
      }
      auto decoded = api::decodeQueueMembersPage(r.body(), &loaderLabels);
      if (!decoded) {
        publishLink(store::LinkState::Stale, "Queue members could not be read: " + decoded.error());
        return std::nullopt;
      }
      for (const auto& m : decoded->items)
        if (seen.insert(m.agent.id).second) unseen.push_back(m.agent.id);
      next = decoded->nextUri;
    }
  }
  return unseen;
}

// What loadAllAgents costs, once the agents are known, for an org of `users`: the
// listing's pages up to twice its window, and `id=` batches for the users beyond.
std::size_t Session::Impl::listingCalls(std::size_t users) const {
  const std::size_t pageSize = static_cast<std::size_t>(std::clamp(config.usersPageSize, 1, api::kUsersListingWindow));
  const std::size_t reach = 2 * static_cast<std::size_t>(api::kUsersListingWindow);
  const std::size_t listed = std::min(users + 1, reach);  // + the supervisor
  const std::size_t beyond = users + 1 - listed;
  return std::max<std::size_t>(1, (listed + pageSize - 1) / pageSize) + (beyond + api::kMaxUserIds - 1) / api::kMaxUserIds;
}

// Posts `ids` to an analytics query in batches, calling `apply` with each batch and its
// answer; `apply` returns false to stop. A refusal for too many predicates shrinks the
// batch (to the cap the message names, else by half) and asks again; the size is kept for
// every later query, so each smaller size costs at most one refusal per session.
void Session::Impl::queryInBatches(std::string_view path, const std::vector<std::string>& ids,
                                   const std::function<std::string(const std::vector<std::string>&)>& body,
                                   const std::string& label,
                                   const BatchAnswer& apply, net::Priority priority) {
  for (std::size_t offset = 0; offset < ids.size() && !stopping;) {
    const std::size_t batch = predicateBatch.load();
    const std::vector<std::string> chunk(ids.begin() + static_cast<long>(offset),
                                         ids.begin() + static_cast<long>(std::min(ids.size(), offset + batch)));
    const model::TimeMs askedAt = now();
    Reply r = query(path, body(chunk), priority, label);
    if (tooManyPredicates(r) && batch > 1) {
      const std::size_t smaller = smallerBatch(r.error->message, batch);
      std::size_t expected = batch;
      predicateBatch.compare_exchange_strong(expected, smaller);
      continue;
    }
    if (!apply(chunk, r, askedAt)) return;
    offset += chunk.size();
  }
}

// The queues each agent is working now (the real form of the seed's "active-queues").
void Session::Impl::loadActiveQueues(const std::vector<std::string>& ids) {
  queryInBatches(api::kUserObservationsQueryPath, ids, api::userObservationsQueryBody, "active queues",
                 [this](const std::vector<std::string>&, const Reply& r, model::TimeMs) {
                   if (!r.ok()) return false;  // the Queues column stays empty; nothing else depends on it
                   auto decoded = api::decodeUserObservations(r.body());
                   if (!decoded) return false;
                   store.post([byUser = std::move(*decoded)](store::State& st) mutable {
                     for (auto& [user, queues] : byUser) setQueueMemberships(st, user, std::move(queues));
                   });
                   return true;
                 });
}

// Every live interaction of the given agents, in the same batches as the user observations.
void Session::Impl::loadLiveInteractions(const std::vector<std::string>& ids) {
  queryInBatches(api::kConversationActivityQueryPath, ids, api::conversationActivityQueryBody, "live interactions",
                 [this](const std::vector<std::string>& chunk, const Reply& r, model::TimeMs askedAt) {
                   if (!r.ok()) return false;  // the timers start with the next events instead
                   auto live = api::decodeLiveInteractions(r.body());
                   if (live) seedLiveAnswer(chunk, std::move(*live), askedAt);
                   return true;
                 });
}

// Seeds the calls an activity answer lists for `chunk`, asked at `askedAt`. The store knows
// which calls it still shows; it hands the doubtful ones back to the loader (a message,
// not a read-back) to be read again.
void Session::Impl::seedLiveAnswer(std::vector<std::string> chunk, std::vector<api::LiveInteraction> live,
                                   model::TimeMs askedAt) {
  std::weak_ptr<Impl> self = weak_from_this();
  store.post([self, chunk = std::move(chunk), askedAt, live = std::move(live)](store::State& st) {
    seedLiveInteractions(st, live);
    // A call the answer leaves out that began well before the question ended while no
    // events came; only a young one may be missing through the analytics' lag, and only
    // those are read again.
    auto suspects = activeButNotListed(st, chunk, live);
    std::erase_if(suspects, [&](const std::string& id) {
      const model::Conversation* c = st.conversations.find(id);
      if (!c || c->startTime == 0 || c->startTime > askedAt - kAnalyticsLagMs) return false;
      endConversation(st, id, askedAt);
      return true;
    });
    if (auto impl = self.lock(); impl && !suspects.empty())
      impl->rechecks.post([raw = impl.get(), suspects = std::move(suspects)] { raw->recheckConversations(suspects); });
  });
}

}  // namespace workers
