// Notifications: channels, their WebSockets and subscriptions. Runs on the control thread,
// except the socket callbacks, which only decode and hand over.
#include <algorithm>

#include "api/requests.h"
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
  if (!signedIn || stopping) return;
  TopicWishes wishes;
  wishes.supervisorId = userId;
  wishes.queueIds = queueIds;
  {
    std::lock_guard lock(openMutex);
    wishes.selectedAgentId = selectedAgentId;
    wishes.transcriptConversationId = transcriptConversationId;
  }
  wishes.agentIds = *store.current()->agentRows;
  const std::vector<std::string> wanted = wantedTopics(wishes);
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
      if (!channel.topics.empty() && openChannel(channel)) subscribe(channel);
    } else if (changed) {
      subscribe(channel);
    }
  }
  // Channels left without topics are closed.
  while (!channels.empty() && channels.back()->topics.empty()) {
    channels.back()->socket.reset();
    channels.pop_back();
  }
  lastPlannedKey = key;
  if (!dropped.empty()) {
    const model::TimeMs at = now();
    const std::size_t count = dropped.size();
    store.post([count, at](store::State& st) {
      st.toast(store::ToastLevel::Warning,
               std::to_string(count) + " topics found no channel: narrow the filter to keep every agent live", at);
    });
  }
  const bool allOpen = std::all_of(channels.begin(), channels.end(), [](auto& c) { return c->open || c->topics.empty(); });
  if (allOpen && !channels.empty()) markLive();
}

bool Session::Impl::openChannel(Channel& channel) {
  Reply r = call("POST", std::string(api::kChannelsPath), "", net::Priority::Background, "notification channel");
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

bool Session::Impl::subscribe(Channel& channel) {
  Reply r = call("PUT", api::subscriptionsPath(channel.id), api::subscriptionsBody(channel.topics),
                 net::Priority::Background, "subscriptions");
  if (!r.ok()) {
    const model::TimeMs at = now();
    store.post([message = api::explain(*r.error, api::Action::Subscribe), at](store::State& st) {
      st.toast(store::ToastLevel::Error, "Live updates could not be subscribed: " + message, at);
    });
    return false;
  }
  if (auto answers = api::decodeSubscriptions(r.body())) {
    std::vector<std::string> rejected;
    for (const auto& t : *answers)
      if (!t.permitted) rejected.push_back(t.topic + " — " + (t.rejectionReason.empty() ? "rejected" : t.rejectionReason));
    const std::string channelId = channel.id;
    store.post([rejected = std::move(rejected), channelId](store::State& st) {
      st.replaceRejectedTopics(channelId, rejected);  // keeps other channels' refusals, bounded
    });
  }
  return true;
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
        if (std::all_of(impl->channels.begin(), impl->channels.end(), [](auto& c) { return c->open; })) {
          impl->markLive();
          if (impl->gap) {
            impl->gap = false;
            impl->resync("a gap in live updates");
          }
        }
      });
  };
  // The socket's thread decodes with its own decoder; it never touches the channel list.
  callbacks.onMessage = [self, decoder = channel.decoder](std::string text) {
    if (auto impl = self.lock()) impl->onSocketMessage(*decoder, std::move(text));
  };
  callbacks.onClose = [self, generation, index](const net::WebSocketClose& close) {
    if (auto impl = self.lock())
      impl->control.post([impl, generation, index, close] { impl->onSocketClosed(generation, index, close); });
  };
  channel.socket->connect(channel.connectUri, std::move(callbacks));
}

// On the socket's own thread: decode, then hand the event to the store (or the control thread).
// A replaced channel's socket may still deliver a few events: duplicates are harmless.
void Session::Impl::onSocketMessage(api::NotificationDecoder& decoder, std::string text) {
  api::DecodedMessage message = decoder.decode(text);
  if (!message.ok()) {
    ++malformedEvents;
    const model::TimeMs at = now();
    store.post([error = message.error, at](store::State& st) {
      st.toast(store::ToastLevel::Warning, "Ignored a malformed event: " + error.substr(0, 160), at);
    });
    return;
  }
  ++eventsReceived;
  api::Event& event = *message.event;
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
  if (const auto* transcription = std::get_if<api::TranscriptionEvent>(&event); transcription && transcription->sessionEnded)
    actions.post([this, id = transcription->conversationId] { fetchTranscript(id, 1); });
  if (std::holds_alternative<api::Heartbeat>(event) || std::holds_alternative<api::Pong>(event) ||
      std::holds_alternative<api::UnknownEvent>(event))
    return;
  store.post([event = std::move(event)](store::State& st) { applyEvent(st, event); });
}

void Session::Impl::onSocketClosed(std::uint64_t generation, std::size_t index, const net::WebSocketClose& close) {
  if (stopping || index >= channels.size() || channels[index]->generation != generation) return;
  Channel& channel = *channels[index];
  channel.open = false;
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
  if (!openChannel(*raw) || !subscribe(*raw)) {
    gap = true;
    // Try again later with backoff; the old socket, if still alive, keeps delivering meanwhile.
    channels[index] = std::move(old);
    const auto delay = reconnectDelay(reconnectAttempt++);
    control.postAfter(delay, [this, index, why] { replaceChannel(index, why); });
    return;
  }
  if (old && old->socket) old->socket->close();
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
      publishLink(store::LinkState::Reconnecting, "No heartbeat for a minute: reconnecting");
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
