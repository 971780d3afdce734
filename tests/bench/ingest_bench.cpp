// Ingest: notification messages as Genesys sends them, decoded by one NotificationDecoder
// and applied to one store::State holding 10,000 agents, on one thread.
// Target: at least 200,000 events per second.
//
// The mix is that of a live org: mostly combined presence+routing bodies and routing-only
// bodies, some agent conversation events (customer, ACD and agent legs, each call shown
// connected and later ended and wrapped up), and channel heartbeats.
#include <benchmark/benchmark.h>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

#include "api/events.h"
#include "api/time.h"
#include "net/traffic_log.h"
#include "net/traffic_recorder.h"
#include "store/store.h"
#include "workers/event_outcome.h"
#include "workers/reducers.h"
#include "workers/topic_counts.h"

namespace {

constexpr int kAgents = 10'000;
constexpr int kMessagesPerPass = 20'000;
constexpr model::TimeMs kShiftStart = 1'801'000'000'000;  // after every timestamp the agents start with
constexpr const char* kQueueId = "5a1e2c4d-0000-4000-8000-00000000000a";

// Genesys ids are UUIDs; the length matters to topic parsing and hashing.
std::string uuid(const char* prefix, int n) {
  char text[40];
  std::snprintf(text, sizeof text, "%s-0000-4000-8000-%012d", prefix, n);
  return text;
}
std::string agentId(int n) { return uuid("7f3c2a10", n); }

store::State stateWithAgents() {
  std::vector<model::Agent> agents;
  agents.reserve(kAgents);
  for (int i = 0; i < kAgents; ++i) {
    model::Agent a;
    a.id = agentId(i);
    a.name = "Agent Number " + std::to_string(i);
    a.presence = model::Presence::OnQueue;
    a.routing = model::RoutingStatus::Idle;
    a.presenceSince = a.routingSince = kShiftStart - 3'600'000 + i;
    a.queueIds = {kQueueId};
    agents.push_back(std::move(a));
  }
  store::State state;
  workers::mergeAgents(state, std::move(agents), kShiftStart - 1000);
  return state;
}

std::string envelope(const std::string& topic, const std::string& body, int correlation) {
  return R"({"topicName":")" + topic + R"(","version":"2","eventBody":)" + body +
         R"(,"metadata":{"CorrelationId":")" + uuid("c0771e1a", correlation) + R"("}})";
}

struct PresenceShape {
  const char* definitionId;
  const char* systemPresence;
};
constexpr PresenceShape kPresences[] = {{"e08eaf1b-ee47-4fa9-a231-1200e284798f", "On Queue"},
                                        {"6a3af858-942f-489d-9700-5f9bcdcdae9b", "Available"},
                                        {"5e5c5c66-ea97-4e7f-ac41-6424784829f2", "Away"},
                                        {"3fd96123-badb-4f69-bc03-1b1ccc6d8014", "Break"},
                                        {"7b5e4a8c-3f0e-4d5f-9c3a-2f1e8d6b4a01", "Meal"}};
constexpr const char* kRoutingStatuses[] = {"IDLE", "INTERACTING", "NOT_RESPONDING", "OFF_QUEUE", "COMMUNICATING"};

// PresenceEventUserPresence, as the presence half of the combined topic carries it.
std::string presenceBody(const PresenceShape& shape, model::TimeMs at) {
  return R"({"source":"PURECLOUD","presenceDefinition":{"id":")" + std::string(shape.definitionId) +
         R"(","systemPresence":")" + shape.systemPresence + R"("},"primary":true,"message":"","modifiedDate":")" +
         api::formatIsoTime(at) + R"("})";
}

std::string routingStatusObject(const char* status, model::TimeMs at) {
  return R"({"status":")" + std::string(status) + R"(","startTime":")" + api::formatIsoTime(at) + R"("})";
}

// ConversationEventTopicConversation: customer, ACD and agent legs of one inbound call.
std::string conversationBody(int n, const std::string& agent, model::TimeMs start, bool ended) {
  const std::string id = uuid("c0a7e001", n);
  const std::string started = api::formatIsoTime(start);
  const std::string answered = api::formatIsoTime(start + 12'000);
  const std::string endedAt = api::formatIsoTime(start + 180'000);
  const std::string callState = ended ? "disconnected" : "connected";
  const std::string legEnd = ended ? R"(,"endTime":")" + endedAt + R"(")" : "";
  const std::string callEnd = ended ? R"(,"disconnectedTime":")" + endedAt + R"(","disconnectType":"peer")" : "";
  const std::string wrapup =
      ended ? R"(,"wrapup":{"code":"b2a4c1d0-0000-4000-8000-000000000001","notes":"Resolved","durationSeconds":20,)"
              R"("endTime":")" + api::formatIsoTime(start + 200'000) + R"("})"
            : "";
  return R"({"id":")" + id + R"(","maxParticipants":3,"recordingState":"active","recentTransfers":[],)"
         R"("divisions":[{"division":{"id":"d1v15100-0000-4000-8000-000000000001"},"entities":[]}],"participants":[)"
         // customer
         R"({"id":")" + uuid("9a000001", n) + R"(","purpose":"customer","name":"Jane Doe",)"
         R"("address":"tel:+14155550123","connectedTime":")" + started + R"(")" + legEnd +
         R"(,"attributes":{"ivr.language":"en-US"},"mediaRoles":["full"],"calls":[{"id":")" + uuid("ca110001", n) +
         R"(","state":")" + callState + R"(","direction":"inbound","recording":true,"muted":false,"confined":false,)"
         R"("held":false,"self":{"nameRaw":"Jane Doe","addressNormalized":"tel:+14155550123"},)"
         R"("other":{"addressNormalized":"tel:+18005550100"},"provider":"Edge","connectedTime":")" + started + R"(")" +
         callEnd + R"(}]},)"
         // ACD
         R"({"id":")" + uuid("9a000002", n) + R"(","purpose":"acd","name":"Sales","queueId":")" + kQueueId +
         R"(","address":"tel:+18005550100","connectedTime":")" + started + R"(","endTime":")" + answered +
         R"(","calls":[{"id":")" + uuid("ca110002", n) + R"(","state":"disconnected","direction":"inbound",)"
         R"("held":false,"provider":"Edge","connectedTime":")" + started + R"(","disconnectedTime":")" + answered +
         R"(","disconnectType":"transfer"}]},)"
         // agent
         R"({"id":")" + uuid("9a000003", n) + R"(","purpose":"agent","userId":")" + agent +
         R"(","name":"Agent","queueId":")" + kQueueId + R"(","address":"sip:agent@example.com","connectedTime":")" +
         answered + R"(")" + legEnd + R"(,"wrapupRequired":true,"wrapupExpected":true,"alertingTimeoutMs":8000,)"
         R"("conversationRoutingData":{"queue":{"id":")" + kQueueId + R"("},"priority":0,"skills":[]},)"
         R"("mediaRoles":["full"],"calls":[{"id":")" + uuid("ca110003", n) + R"(","state":")" + callState +
         R"(","direction":"inbound","recording":true,"muted":false,"confined":false,"held":false,)"
         R"("self":{"addressNormalized":"sip:agent@example.com"},"other":{"addressNormalized":"tel:+14155550123"},)"
         R"("provider":"Edge","connectedTime":")" + answered + R"(")" + callEnd + wrapup + R"(}]}]})";
}

// One pass of wire texts, each newer than the last; every call that connects is later
// shown ended and wrapped up, so the conversation table stays the size of a live org.
std::vector<std::string> liveOrgMessages() {
  std::mt19937 random(20261124);
  std::uniform_int_distribution<int> anyAgent(0, kAgents - 1), percent(0, 99), anyPresence(0, 4), anyRouting(0, 4);
  std::vector<std::string> messages;
  messages.reserve(kMessagesPerPass);
  struct OpenCall {
    int n;
    std::string agent;
    model::TimeMs start;
  };
  std::vector<OpenCall> open;
  int calls = 0;
  for (int i = 0; i < kMessagesPerPass; ++i) {
    const model::TimeMs at = kShiftStart + i * 5;  // 200 events/s in the org's own time
    const int roll = percent(random);
    const std::string agent = agentId(anyAgent(random));
    if (roll < 45) {
      const std::string body = R"({"id":")" + agent + R"(","presence":)" +
                               presenceBody(kPresences[anyPresence(random)], at) + R"(,"routingStatus":)" +
                               routingStatusObject(kRoutingStatuses[anyRouting(random)], at) + "}";
      messages.push_back(envelope("v2.users." + agent + "?presence&routingStatus", body, i));
    } else if (roll < 80) {
      const std::string body = R"({"id":")" + agent + R"(","routingStatus":)" +
                               routingStatusObject(kRoutingStatuses[anyRouting(random)], at) + "}";
      messages.push_back(envelope("v2.users." + agent + ".routingStatus", body, i));
    } else if (roll < 95) {
      // Half connect a new call, half end the oldest open one.
      if (open.empty() || roll < 88) {
        open.push_back({calls++, agent, at});
        messages.push_back(envelope("v2.users." + agent + ".conversations",
                                    conversationBody(open.back().n, agent, at, false), i));
      } else {
        const OpenCall call = open.front();
        open.erase(open.begin());
        messages.push_back(envelope("v2.users." + call.agent + ".conversations",
                                    conversationBody(call.n, call.agent, call.start, true), i));
      }
    } else {
      messages.push_back(R"({"topicName":"channel.metadata","eventBody":{"message":"WebSocket Heartbeat"}})");
    }
  }
  return messages;
}

void BM_IngestEvents(benchmark::State& bench) {
  const std::vector<std::string> messages = liveOrgMessages();
  const store::State loaded = stateWithAgents();
  api::NotificationDecoder decoder;
  api::DecodedMessage decoded;
  std::optional<store::State> state;
  std::int64_t events = 0, failures = 0, changed = 0;
  for (auto _ : bench) {
    bench.PauseTiming();
    state.emplace(loaded);  // each pass starts from the same org, so its events are news again
    bench.ResumeTiming();
    for (const std::string& text : messages) {
      decoder.decode(text, decoded);
      if (!decoded.ok()) {
        ++failures;
        continue;
      }
      changed += workers::applyEvent(*state, *decoded.event) == workers::Applied::Changed;
    }
    events += static_cast<std::int64_t>(messages.size());
    bench.PauseTiming();
    state.reset();
    bench.ResumeTiming();
  }
  if (failures > 0) bench.SkipWithError(("messages that did not decode: " + decoded.error).c_str());
  bench.SetItemsProcessed(events);
  bench.counters["events_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
  bench.counters["changed_share"] = events ? static_cast<double>(changed) / static_cast<double>(events) : 0;
}
BENCHMARK(BM_IngestEvents)->Unit(benchmark::kMillisecond)->MinTime(2.0);

// The whole path one notification takes, as Session::Impl::onSocketMessage and
// WebSocketClient do it (read there, reproduced here on one thread so that the figure is
// the CPU of one core): the frame copied out of Beast's buffer, recorded in the traffic
// log, decoded into a fresh DecodedMessage, wrapped in a store change and queued under the
// store's mutex (with its condition-variable notify); then the store thread's side, the batch
// swapped out and applied. While the overlay is open the message is also counted on its topic
// (the Topics tab) and what each event did is described and kept. What it leaves out: Beast's own read and TLS, and the
// publish every 16 ms (BM_PublishAfterOneAgentChange).
// Arguments: overlay_open 1 = the debug overlay is open (message bodies redacted and kept),
// 0 = closed; recording 1 = `--record` is on: each message is also copied to the
// recorder, whose own thread redacts and writes it (to /dev/null here, so that the disk
// is not measured), 0 = off. The figure is this thread's: what recording adds to ingest.
void BM_IngestWholePath(benchmark::State& bench) {
  const std::vector<std::string> messages = liveOrgMessages();
  const store::State loaded = stateWithAgents();
  net::TrafficLogConfig trafficConfig;
  trafficConfig.keepSocketBodies = std::make_shared<const std::atomic<bool>>(bench.range(0) != 0);
  if (bench.range(1) != 0) {
    std::string error;
    net::TrafficRecorderConfig recording;
    recording.path = "/dev/null";
    recording.maxBytes = UINT64_MAX;
    trafficConfig.recorder = net::TrafficRecorder::open(recording, error);
    if (!trafficConfig.recorder) bench.SkipWithError(error.c_str());
  }
  net::TrafficLog traffic(trafficConfig);
  api::NotificationDecoder decoder;
  workers::TopicCounts topicCounts;
  const bool describe = bench.range(0) != 0;
  std::optional<store::State> state;
  std::mutex queueMutex;  // Store::post's lock and queue, emptied as the store thread does
  std::condition_variable wake;
  std::deque<store::Store::Change> queue;
  constexpr std::size_t kBatch = 256;  // changes the store thread finds per wake-up under load
  std::int64_t events = 0, failures = 0;
  auto applyQueued = [&] {
    std::deque<store::Store::Change> batch;
    {
      std::lock_guard lock(queueMutex);
      batch.swap(queue);
    }
    for (auto& change : batch) change(*state);
  };
  for (auto _ : bench) {
    bench.PauseTiming();
    state.emplace(loaded);
    bench.ResumeTiming();
    std::size_t sinceApply = 0;
    for (const std::string& wire : messages) {
      std::string text(wire);  // beast::buffers_to_string
      const std::uint64_t sequence = traffic.recordWebSocket(net::TrafficEntry::Direction::received, text);
      api::DecodedMessage message = decoder.decode(text);
      if (describe && !message.topicName.empty())  // counted only while the overlay is open
        topicCounts.add(message.topicName, std::chrono::duration_cast<std::chrono::milliseconds>(
                                               std::chrono::system_clock::now().time_since_epoch()).count());
      if (!message.ok()) {
        ++failures;
        continue;
      }
      api::Event& event = *message.event;
      if (std::holds_alternative<api::Heartbeat>(event) || std::holds_alternative<api::Pong>(event) ||
          std::holds_alternative<api::UnknownEvent>(event))
        continue;
      {
        std::lock_guard lock(queueMutex);
        if (describe)
          queue.push_back([event = std::move(event), sequence](store::State& st) {
            st.noteEventOutcome(sequence, workers::applyAndDescribe(st, event));
          });
        else
          queue.push_back([event = std::move(event)](store::State& st) { workers::applyEvent(st, event); });
      }
      wake.notify_one();
      if (++sinceApply == kBatch) {
        applyQueued();
        sinceApply = 0;
      }
    }
    applyQueued();
    events += static_cast<std::int64_t>(messages.size());
    bench.PauseTiming();
    state.reset();
    // The recorder writes the pass before the next begins, as it keeps up with a live
    // org (a few thousand messages a second); its thread's work is not this figure.
    if (trafficConfig.recorder) trafficConfig.recorder->flush();
    bench.ResumeTiming();
  }
  if (failures > 0) bench.SkipWithError("messages that did not decode");
  bench.SetItemsProcessed(events);
  bench.counters["messages_per_s"] = benchmark::Counter(static_cast<double>(events), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestWholePath)
    ->ArgNames({"overlay_open", "recording"})
    ->Args({0, 0})
    ->Args({1, 0})
    ->Args({0, 1})
    ->Unit(benchmark::kMillisecond)
    ->MinTime(2.0);

}  // namespace
