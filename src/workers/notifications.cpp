// Notifications: channels, their WebSockets and subscriptions. Runs on the control thread,
// except the socket callbacks, which only decode and hand over.
#include <algorithm>
#include <iterator>
#include <map>
#include <unordered_set>

#include "api/requests.h"
#include "workers/event_outcome.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"
#include "workers/subscription_plan.h"

namespace workers {

namespace {

using namespace std::chrono_literals;

std::chrono::milliseconds reconnectDelay(int attempt) {
  const int capped = std::min(attempt, 5);
  return std::chrono::milliseconds(1000 << capped);  // 1 s, 2 s, 4 s ... 32 s
}

// A whole-request refusal is isolated by halves in at most this many calls.
constexpr int kMaxIsolationCalls = 32;
// Another socket taking one of our channels this often within a minute means another
// panel of the same user is running: stop taking it back.
constexpr std::size_t kMaxTakeoversPerMinute = 3;

std::string joined(const std::vector<std::string>& items) {
  std::string key;
  for (const auto& s : items) key += s + ",";
  return key;
}

}  // namespace

// Re-plans after the view settles: many filter keystrokes make one change of subscriptions.
void Session::Impl::planSubscriptions() {
  if (planPending) return;
  planPending = true;
  control.postAfter(config.subscriptionDebounce, [this] {
    planPending = false;
    applySubscriptionPlan();
  });
}

void Session::Impl::applySubscriptionPlan() {
  if (!signedIn || !orgReady || stopping) return;
  TopicWishes wishes;
  wishes.supervisorId = account().userId;
  wishes.queueIds = queueIds;
  {
    std::lock_guard lock(openMutex);
    wishes.selectedAgentId = selectedAgentId;
    wishes.transcriptConversationId = transcriptConversationId;
  }
  wishes.agentIds = *listedAgents;
  wishes.names = topicNames;
  std::vector<std::string> wanted = wantedTopics(wishes);
  // A refused topic is not asked again with this token: no retry storm, no failed requests.
  std::erase_if(wanted, [&](const std::string& topic) { return refusedTopics.count(topic) > 0; });
  const std::string key = joined(wanted);
  if (key == lastPlannedKey && std::all_of(channels.begin(), channels.end(), [](auto& c) { return c->open; })) return;

  std::vector<std::vector<std::string>> current;
  for (const auto& c : channels) current.push_back(c->topics);
  std::vector<std::string> dropped;
  auto plan = assignTopics(current, wanted, config.maxTopicsPerChannel, config.maxChannels, dropped);

  for (std::size_t i = 0; i < plan.size(); ++i) {
    if (i >= channels.size()) channels.push_back(std::make_unique<Channel>());
    Channel& channel = *channels[i];
    const bool changed = channel.topics != plan[i];
    channel.topics = std::move(plan[i]);
    if (channel.id.empty()) {
      if (!channel.topics.empty() && openChannel(channel, net::Priority::Background))
        subscribe(channel, net::Priority::Background);
    } else if (changed) {
      subscribe(channel, net::Priority::Background);
    }
  }
  // Channels left without topics are closed.
  while (!channels.empty() && channels.back()->topics.empty()) {
    channels.back()->socket.reset();
    channels.pop_back();
  }
  lastPlannedKey = key;
  droppedTopics = dropped;
  topicsChanged = true;
  publishNotLive();
  if (!dropped.empty()) {
    const model::TimeMs at = now();
    const std::size_t count = dropped.size();
    store.post([count, at](store::State& st) {
      st.toast(store::ToastLevel::Warning,
               std::to_string(count) + " topics found no channel: narrow the filter to keep every agent live", at);
    });
  }
  requestLateReads();
  updateLink();
}

bool Session::Impl::allChannelsOpen() const {
  return std::all_of(channels.begin(), channels.end(), [](auto& c) { return c->open || c->topics.empty(); });
}

bool Session::Impl::openChannel(Channel& channel, net::Priority priority) {
  ++channelCalls;
  Reply r = call("POST", std::string(api::kChannelsPath), "", priority, "notification channel");
  if (!r.ok()) {
    publishLink(store::LinkState::Reconnecting, "No notification channel: " + api::explain(*r.error, api::Action::Subscribe));
    return false;
  }
  auto decoded = api::decodeChannel(r.body());
  if (!decoded) {
    publishLink(store::LinkState::Reconnecting, "Notification channel answer unreadable: " + decoded.error());
    return false;
  }
  channel.id = decoded->id;
  channel.connectUri = decoded->connectUri;
  channel.expires = decoded->expires;
  channel.openedAt = now();
  connectSocket(channel);
  return true;
}

// PUT replaces the channel's whole topic list, with ignoreErrors so that a refused topic is
// answered Rejected instead of failing the request. If the request still fails as a whole
// with a 4xx (a service that ignores the flag, or a topic it cannot parse), the refused
// topics are isolated by halves. Topics the answer newly confirms are marked unread: what
// they cover is read again once the socket is open (requestLateReads).
bool Session::Impl::subscribe(Channel& channel, net::Priority priority) {
  ++channelCalls;
  Reply r = call("PUT", api::subscriptionsPath(channel.id), api::subscriptionsBody(channel.topics), priority,
                 "subscriptions");
  const bool refusedWhole = !r.ok() && (r.response.status == 400 || r.response.status == 403) &&
                            r.error->code != "notification.subscription.too.many.subscriptions";
  if (refusedWhole && channel.topics.size() > 0) {
    std::vector<std::string> good;
    int budget = kMaxIsolationCalls;
    isolateRefused(channel, channel.topics, good, budget);
    channel.topics = good;
    ++channelCalls;
    r = call("PUT", api::subscriptionsPath(channel.id), api::subscriptionsBody(channel.topics), priority, "subscriptions");
  }
  if (!r.ok()) {
    const model::TimeMs at = now();
    store.post([message = api::explain(*r.error, api::Action::Subscribe), at](store::State& st) {
      st.toast(store::ToastLevel::Error, "Live updates could not be subscribed: " + message, at);
    });
    return false;
  }
  auto answers = api::decodeSubscriptions(r.body());
  noteAnswers(channel, answers ? *answers : std::vector<api::TopicSubscription>{});
  publishNotLive();
  return true;
}

// Reads a subscription answer: refused topics are remembered (never asked again with this
// token) and leave the channel's list, newly permitted ones are marked unread.
void Session::Impl::noteAnswers(Channel& channel, const std::vector<api::TopicSubscription>& answers) {
  std::vector<std::string> permitted;
  if (answers.empty()) permitted = channel.topics;  // no list in the answer: the request as a whole was accepted
  for (const auto& t : answers) {
    if (t.permitted)
      permitted.push_back(t.topic);
    else
      refusedTopics[t.topic] = t.rejectionReason.empty() ? "refused by Genesys Cloud" : t.rejectionReason;
  }
  std::sort(permitted.begin(), permitted.end());
  std::vector<std::string> before = channel.confirmed;
  std::sort(before.begin(), before.end());
  std::set_difference(permitted.begin(), permitted.end(), before.begin(), before.end(),
                      std::back_inserter(channel.unread));
  channel.confirmed = std::move(permitted);
  std::erase_if(channel.topics, [&](const std::string& topic) { return refusedTopics.count(topic) > 0; });
  topicsChanged = true;
}

store::TopicTable Session::Impl::topicTable() {
  using State = store::TopicRow::State;
  store::TopicTable table;
  std::vector<std::string> named;  // every topic in the table, for the counts kept
  std::map<std::string, std::uint64_t> families;
  auto add = [&](const std::string& topic, int channel, State state, std::string reason) {
    const TopicCounts::Count count = topicCounts.of(topic);
    table.rows.push_back({topic, channel, state, std::move(reason), count.messages, count.lastAt});
    families[topicFamily(topic)] += count.messages;
    named.push_back(topic);
  };
  for (const auto& channel : channels) {
    const int index = static_cast<int>(table.channels.size());
    table.channels.push_back({channel->id, channel->open});
    for (const auto& topic : channel->topics) {
      const bool permitted = std::binary_search(channel->confirmed.begin(), channel->confirmed.end(), topic);
      add(topic, index, permitted ? State::Permitted : State::Asked, "");
    }
  }
  std::vector<std::pair<std::string, std::string>> refused(refusedTopics.begin(), refusedTopics.end());
  std::sort(refused.begin(), refused.end());
  for (auto& [topic, reason] : refused) add(topic, -1, State::Refused, std::move(reason));
  for (const auto& topic : droppedTopics) add(topic, -1, State::NoRoom, "");
  if (!topicNames.listRead)
    table.notOffered.push_back("availabletopics could not be read: the SDK topic maps' names are used");
  if (!topicNames.userActivity)
    table.notOffered.push_back("v2.users.{id}.activity: agents follow v2.users.{id}?presence&routingStatus; "
                               "active queues are read by REST");
  if (!topicNames.coachingOffered)
    table.notOffered.push_back("v2.users.{id}.wem.coaching.notification(s): appointments are read by REST only");
  table.families.assign(families.begin(), families.end());
  if (topicCounts.size() > 2 * named.size() + 64) topicCounts.keepOnly(named);
  return table;
}

// Bisects `topics` with PUTs until each refused topic stands alone (its error is the
// reason); appends the accepted ones to `good`. At most `budget` calls: what is left
// unchecked then is treated as refused, so the retry storm a bad topic could cause
// never happens.
void Session::Impl::isolateRefused(Channel& channel, std::vector<std::string> topics, std::vector<std::string>& good,
                                   int& budget) {
  if (topics.empty()) return;
  if (budget <= 0) {
    for (const auto& t : topics) refusedTopics[t] = "not checked: too many topics were refused at once";
    return;
  }
  --budget;
  ++channelCalls;
  Reply r = call("PUT", api::subscriptionsPath(channel.id), api::subscriptionsBody(topics), net::Priority::Background,
                 "subscriptions (isolating a refused topic)");
  if (r.ok()) {
    if (auto answers = api::decodeSubscriptions(r.body()))
      for (const auto& t : *answers)
        if (!t.permitted) refusedTopics[t.topic] = t.rejectionReason.empty() ? "refused" : t.rejectionReason;
    for (auto& t : topics)
      if (!refusedTopics.count(t)) good.push_back(std::move(t));
    return;
  }
  if (topics.size() == 1 || r.response.status >= 500 || r.response.status == 0 || r.response.status == 429) {
    const std::string reason = api::explain(*r.error, api::Action::Subscribe);
    for (const auto& t : topics) refusedTopics[t] = reason;
    return;
  }
  const auto middle = topics.begin() + static_cast<long>(topics.size() / 2);
  isolateRefused(channel, {topics.begin(), middle}, good, budget);
  isolateRefused(channel, {middle, topics.end()}, good, budget);
}

// Every agent whose own topic was refused (whatever the view), and every listed agent
// whose topic found no room, is not live, with the reason; posted only when it changed.
void Session::Impl::publishNotLive() {
  std::unordered_map<std::string, std::string> notLive;
  for (const auto& [topic, reason] : refusedTopics)
    if (const TopicSubject subject = subjectOf(topic); subject.kind == TopicSubject::Kind::Agent)
      notLive.emplace(subject.id, "Live updates refused: " + reason);
  for (const auto& topic : droppedTopics)
    if (const TopicSubject subject = subjectOf(topic); subject.kind == TopicSubject::Kind::Agent)
      notLive.emplace(subject.id, "No room on the notification channels: narrow the view to follow this agent live");
  if (notLive == notLiveShown) return;
  std::vector<std::string> cleared;
  for (const auto& [id, reason] : notLiveShown)
    if (!notLive.count(id)) cleared.push_back(id);
  notLiveShown = notLive;
  store.post([notLive = std::move(notLive), cleared = std::move(cleared)](store::State& st) {
    for (const auto& id : cleared) st.agents.modify(id, [](model::Agent& a) { a.notLiveReason.clear(); });
    for (const auto& entry : notLive)  // not a structured binding: clang 14 cannot capture one
      st.agents.modify(entry.first, [&](model::Agent& a) { a.notLiveReason = entry.second; });
    st.session.edit().agentsNotLive = static_cast<int>(notLive.size());
  });
}

// Hands the items behind unread topics of open sockets to the loader, in one read.
void Session::Impl::requestLateReads() {
  // At start, one read for every channel once all are open: fewer, larger calls.
  if (callsToLive.load() < 0 && !allChannelsOpen()) return;
  LateRead read;
  std::unordered_set<std::string> agents, queues;
  for (auto& channel : channels) {
    if (!channel->open) continue;
    for (const auto& topic : channel->unread) {
      const TopicSubject subject = subjectOf(topic);
      if (subject.kind == TopicSubject::Kind::Agent && agents.insert(subject.id).second)
        read.agentIds.push_back(subject.id);
      else if (subject.kind == TopicSubject::Kind::Queue && queues.insert(subject.id).second)
        read.queueIds.push_back(subject.id);
      else if (subject.kind == TopicSubject::Kind::Coaching)
        read.appointments = true;
    }
    channel->unread.clear();
  }
  if (read.agentIds.empty() && read.queueIds.empty() && !read.appointments) return;
  read.afterGap = gap && allChannelsOpen();
  if (read.afterGap) gap = false;
  read.blocking = read.afterGap || gap || callsToLive.load() < 0;
  if (read.blocking) ++blockingReads;
  loader.post([this, read = std::move(read)]() mutable { readLate(std::move(read)); });
}

void Session::Impl::connectSocket(Channel& channel) {
  net::WebSocketConfig wsConfig;
  wsConfig.caFile = config.caFile;
  wsConfig.trafficLog = traffic;
  channel.socket = std::make_unique<net::WebSocketClient>(wsConfig);
  channel.decoder = std::make_shared<api::NotificationDecoder>();
  channel.decoder->setPresenceLabels(presenceLabels);
  channel.open = false;
  channel.generation = nextGeneration++;
  const std::uint64_t generation = channel.generation;
  const std::size_t index = static_cast<std::size_t>(
      std::find_if(channels.begin(), channels.end(), [&](auto& c) { return c.get() == &channel; }) - channels.begin());
  std::weak_ptr<Impl> self = weak_from_this();
  net::WebSocketCallbacks callbacks;
  callbacks.onOpen = [self, generation, index] {
    if (auto impl = self.lock())
      impl->control.post([impl, generation, index] {
        if (index >= impl->channels.size() || impl->channels[index]->generation != generation) return;
        impl->channels[index]->open = true;
        impl->topicsChanged = true;
        impl->requestLateReads();
        impl->updateLink();
      });
  };
  // The socket's thread decodes with its own decoder; it never touches the channel list.
  callbacks.onMessage = [self, decoder = channel.decoder](std::string text, std::uint64_t sequence) {
    if (auto impl = self.lock()) impl->onSocketMessage(*decoder, std::move(text), sequence);
  };
  callbacks.onClose = [self, generation, index](const net::WebSocketClose& close) {
    if (auto impl = self.lock())
      impl->control.post([impl, generation, index, close] { impl->onSocketClosed(generation, index, close); });
  };
  channel.socket->connect(channel.connectUri, std::move(callbacks));
}

// On the socket's own thread: decode, then hand the event to the store (or the control thread).
// A replaced channel's socket may still deliver a few events: duplicates are harmless.
void Session::Impl::onSocketMessage(api::NotificationDecoder& decoder, std::string text, std::uint64_t sequence) {
  api::DecodedMessage message = decoder.decode(text);
  // Only the overlay reads the counts and the outcomes: closed, they cost ingest nothing
  // (counting alone took ingest from 285k to 244k-255k messages/s in BM_IngestWholePath).
  const bool watching = overlayOpen();
  if (watching && !message.topicName.empty()) topicCounts.add(message.topicName, now());
  const bool describe = sequence != 0 && watching;
  if (!message.ok()) {
    ++malformedEvents;
    const model::TimeMs at = now();
    store.post([error = message.error, at, sequence, describe](store::State& st) {
      st.toast(store::ToastLevel::Warning, "Ignored a malformed event: " + error.substr(0, 160), at);
      if (sequence != 0) st.noteUndecoded(sequence);  // the overlay's Errors filter lists it
      if (describe) st.noteEventOutcome(sequence, "malformed, ignored: " + error);
    });
    return;
  }
  ++eventsReceived;
  api::Event& event = *message.event;
  if (describe && (std::holds_alternative<api::NoLongerSubscribed>(event) || std::holds_alternative<api::TokenRevoked>(event) ||
                   std::holds_alternative<api::SocketClosing>(event)))
    store.post([sequence, kind = eventKind(event)](store::State& st) {
      st.noteEventOutcome(sequence, std::string(kind) + ": the channel is handled by the session");
    });
  if (std::holds_alternative<api::NoLongerSubscribed>(event) || std::holds_alternative<api::TokenRevoked>(event)) {
    control.post([this, event = std::move(event), closing = &decoder] { onSystemMessage(event, closing); });
    return;
  }
  if (std::holds_alternative<api::SocketClosing>(event)) {
    control.post([this, closing = &decoder] {
      for (std::size_t i = 0; i < channels.size(); ++i)
        if (channels[i]->decoder.get() == closing) replaceChannel(i, "the server is closing the socket");
    });
    return;
  }
  if (const auto* coaching = std::get_if<api::CoachingEvent>(&event);
      coaching && coaching->action == api::CoachingAction::Create) {
    // The notification carries a summary; the full appointment comes by REST.
    actions.post([this, id = coaching->appointmentId] { fetchAppointment(id); });
  }
  if (auto* transcription = std::get_if<api::TranscriptionEvent>(&event)) {
    maskTranscription(*transcription);  // before anything else sees the text
    if (transcription->sessionEnded) actions.post([this, id = transcription->conversationId] { fetchTranscript(id, 1); });
  }
  if (std::holds_alternative<api::Heartbeat>(event) || std::holds_alternative<api::Pong>(event) ||
      std::holds_alternative<api::UnknownEvent>(event)) {
    if (describe) store.post([sequence, kind = eventKind(event)](store::State& st) { st.noteEventOutcome(sequence, std::string(kind)); });
    return;
  }
  if (describe)
    store.post([event = std::move(event), sequence](store::State& st) {
      st.noteEventOutcome(sequence, applyAndDescribe(st, event));
    });
  else
    store.post([event = std::move(event)](store::State& st) { applyEvent(st, event); });
}

bool Session::Impl::overlayOpen() const {
  const auto& flag = config.traffic.keepSocketBodies;
  return !flag || flag->load(std::memory_order_relaxed);
}

// Masks a transcription event's text across utterances; earlier utterances that a new one
// completes a number in come first, masked, so the store replaces what it showed.
void Session::Impl::maskTranscription(api::TranscriptionEvent& event) {
  const std::lock_guard lock(transcriptMaskingMutex);
  auto republished = redact::maskTranscriptLines(transcriptMasking, event.conversationId, event.lines);
  if (!republished.empty()) {
    republished.insert(republished.end(), std::make_move_iterator(event.lines.begin()),
                       std::make_move_iterator(event.lines.end()));
    event.lines = std::move(republished);
  }
  if (event.sessionEnded) transcriptMasking.forget(event.conversationId);
}

// v2.system.no_longer_subscribed: another socket took the channel (a second panel of the
// same user, or our own replacement racing). Take it back with a new channel and read
// again, unless it keeps happening: then another panel is open, and fighting it would
// evict each other forever.
// v2.system.token_revoked: nothing more will come; stop, forget the token, ask to sign in.
void Session::Impl::onSystemMessage(const api::Event& event, const api::NotificationDecoder* decoder) {
  const model::TimeMs at = now();
  topicsChanged = true;
  if (std::holds_alternative<api::TokenRevoked>(event)) {
    signedIn = false;
    for (auto& channel : channels) channel->socket.reset();
    channels.clear();
    auth.post([this] { tokens->logout(); });  // forgets the tokens whatever the server answers
    publishLink(store::LinkState::Stale, "Genesys Cloud revoked this sign-in: sign in again.");
    return;
  }
  std::erase_if(takeovers, [&](model::TimeMs t) { return at - t > 60'000; });
  takeovers.push_back(at);
  if (takeovers.size() > kMaxTakeoversPerMinute) {
    for (auto& channel : channels) channel->socket.reset();
    channels.clear();
    publishLink(store::LinkState::Stale,
                "The panel is open elsewhere for this user: live updates go there. Close the other panel, then sign in again.");
    return;
  }
  for (std::size_t i = 0; i < channels.size(); ++i)
    if (channels[i]->decoder.get() == decoder) {
      gap = true;
      channels[i]->open = false;
      publishLink(store::LinkState::Reconnecting, "Another connection took a notification channel: taking it back");
      replaceChannel(i, "another connection took the channel");
    }
}

void Session::Impl::onSocketClosed(std::uint64_t generation, std::size_t index, const net::WebSocketClose& close) {
  if (stopping || index >= channels.size() || channels[index]->generation != generation) return;
  Channel& channel = *channels[index];
  channel.open = false;
  topicsChanged = true;
  if (close.byClient) return;
  gap = true;  // events may be lost until the channel is back
  publishLink(store::LinkState::Reconnecting, "Live updates interrupted: " + close.reason);
  const auto delay = reconnectDelay(reconnectAttempt++);
  control.postAfter(delay, [this, index, generation] {
    if (index < channels.size() && channels[index]->generation == generation)
      replaceChannel(index, "the socket closed");
  });
}

// A new channel with the same topics first, then the old one goes: no window without updates.
void Session::Impl::replaceChannel(std::size_t index, const std::string& why) {
  if (index >= channels.size() || stopping) return;
  auto fresh = std::make_unique<Channel>();
  fresh->topics = channels[index]->topics;
  Channel* raw = fresh.get();
  std::unique_ptr<Channel> old = std::move(channels[index]);
  channels[index] = std::move(fresh);
  // Liveness work goes first in the request budget, like the supervisor's clicks.
  if (!openChannel(*raw, net::Priority::User) || !subscribe(*raw, net::Priority::User)) {
    gap = true;
    // Try again later with backoff; the old socket, if still alive, keeps delivering meanwhile.
    channels[index] = std::move(old);
    const auto delay = reconnectDelay(reconnectAttempt++);
    control.postAfter(delay, [this, index, why] { replaceChannel(index, why); });
    return;
  }
  if (old && old->socket) old->socket->close();
  topicsChanged = true;
  requestLateReads();
  updateLink();
  const model::TimeMs at = now();
  store.post([why, at](store::State& st) { st.toast(store::ToastLevel::Info, "Live updates moved to a new channel: " + why, at); });
}

// Heartbeats come about every 30 s: a socket silent for longer than the timeout is dead,
// and a channel close to its 24 h expiry is replaced before it lapses.
void Session::Impl::watchChannels() {
  const auto steadyNow = std::chrono::steady_clock::now();
  for (std::size_t i = 0; i < channels.size(); ++i) {
    Channel& channel = *channels[i];
    if (!channel.socket) continue;
    if (channel.open && steadyNow - channel.socket->lastMessageAt() > config.heartbeatTimeout) {
      gap = true;
      channel.open = false;  // not live from this moment, whatever happens to the replacement
      topicsChanged = true;
      publishLink(store::LinkState::Reconnecting, "No heartbeat for " +
                  std::to_string(std::chrono::duration_cast<std::chrono::seconds>(config.heartbeatTimeout).count()) +
                  " s: reconnecting");
      replaceChannel(i, "a silent socket");
      continue;
    }
    // Never more than half the lifetime ahead: a shorter-lived channel (gcsim --speed 60
    // gives 24 minutes) would otherwise count as expiring from birth, replaced every tick.
    const model::TimeMs renewBefore = std::min<model::TimeMs>(
        std::chrono::duration_cast<std::chrono::milliseconds>(config.channelRenewBefore).count(),
        (channel.expires - channel.openedAt) / 2);
    if (channel.expires && channel.expires - now() < renewBefore) replaceChannel(i, "the channel's 24-hour expiry");
  }
}

void Session::Impl::reconnectAll(const std::string& why) {
  gap = true;
  for (std::size_t i = 0; i < channels.size(); ++i) replaceChannel(i, why);
  if (channels.empty()) planSubscriptions();
}

}  // namespace workers
