// Snapshot: the immutable picture the UI draws from, published by the store.
// Everything is shared between versions unless it changed (see PersistentTable).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/model.h"
#include "store/persistent_table.h"
#include "store/traffic_rows.h"

namespace store {

enum class LinkState : std::uint8_t {
  Offline,       // not signed in, or --demo has not started yet
  SigningIn,
  Loading,       // bootstrap REST calls in flight
  Live,          // notifications flowing for everything the view wants
  Partial,       // flowing, but some agents' topics were refused or found no room: those rows are not live
  Reconnecting,  // socket lost, data kept, marked stale
  Stale,         // sign-in needed again: data on screen is old
};
std::string_view toString(LinkState);

// Who is signed in and how the link to Genesys Cloud is doing.
struct SessionInfo {
  std::string userId;
  std::string userName;
  std::string orgName;
  std::string region;           // e.g. mypurecloud.ie, or the gcsim address
  int agentsNotLive = 0;        // listed agents whose live updates are not coming (Agent::notLiveReason)
  LinkState link = LinkState::Offline;
  model::TimeMs staleSince = 0; // when data stopped being live, 0 while live
  model::TimeMs tokenExpiresAt = 0;
  model::TimeMs tokenIdlesAt = 0;
  double eventsPerSecond = 0;
  int restCallsLastMinute = 0;
  int restBudgetPerMinute = 300;
  std::string signInUrl;        // shown so the supervisor can copy it into a browser
  std::string message;          // why the link is not live, in a sentence
  bool demo = false;
  // The first complete picture (every listed agent with presence, routing status and live
  // calls, i.e. the first Live): ms from the session's start, and the REST calls it took
  // without / with the notification channels and subscriptions. -1 until then.
  std::int64_t timeToCompleteMs = -1;
  int bootstrapCalls = -1;
  int callsToLive = -1;
  // The bootstrap's response bodies in bytes, on the wire (gzipped when the server
  // compressed) and decoded; 0 until the picture is complete.
  std::uint64_t bootstrapBytesOnWire = 0, bootstrapBytesDecoded = 0;
  bool operator==(const SessionInfo&) const = default;
};

// Which agents the browse view lists, and in what order.
enum class SortColumn : std::uint8_t { Name, Presence, Routing, TimeInStatus, Interactions, Queues };
enum class AgentScope : std::uint8_t { All, DirectReports, Queue };

struct ViewSpec {
  std::string text;                 // case-insensitive name filter
  AgentScope scope = AgentScope::All;
  std::string queueId{};            // for AgentScope::Queue
  int routingFilter = -1;           // a model::RoutingStatus value, -1 = any
  SortColumn sort = SortColumn::Name;
  bool ascending = true;
  bool operator==(const ViewSpec&) const = default;
};

// What happens to a supervisor action once pressed: it ends Succeeded or Failed with a reason.
enum class ActionState : std::uint8_t { Pending, Succeeded, Failed };
enum class ActionKind : std::uint8_t { Other, JoinCall, BookCoaching, AppointmentStatus, AgentChange };
struct ActionRecord {
  std::uint64_t id = 0;
  ActionKind kind = ActionKind::Other;
  std::string label;            // "Monitor Dana Ruiz"
  ActionState state = ActionState::Pending;
  std::string outcome;          // the sentence shown when it ended
  model::TimeMs startedAt = 0;
  bool operator==(const ActionRecord&) const = default;
};

// The agent the supervisor opened, and their interactions.
struct DetailState {
  std::string agentId;
  bool loading = false;
  std::string error;
  std::vector<std::string> conversationIds;   // live interactions of the agent
  std::string openConversationId;             // the one whose transcript is shown
  bool operator==(const DetailState&) const = default;
};

enum class ToastLevel : std::uint8_t { Info, Success, Warning, Error };
struct Toast {
  std::uint64_t id = 0;
  ToastLevel level = ToastLevel::Info;
  std::string text;
  model::TimeMs at = 0;
  bool operator==(const Toast&) const = default;
};

// One notification topic as the debug overlay's Topics tab lists it: asked on a channel,
// answered Permitted or Rejected by PUT /api/v2/notifications/channels/{id}/subscriptions
// (its `state` and `rejectionReason`), or wanted and left without room on any channel.
struct TopicRow {
  enum class State : std::uint8_t { Asked, Permitted, Refused, NoRoom };
  std::string topic;
  int channel = -1;                 // index into TopicTable::channels; -1: on no channel
  State state = State::Asked;       // Asked: the answer has not come yet
  std::string reason;               // why it was refused
  std::uint64_t messages = 0;       // received while the overlay was open; a combined topic sums its parts
  model::TimeMs lastMessageAt = 0;  // 0: none yet
  bool operator==(const TopicRow&) const = default;
};

// The id a notification topic names after `prefix` (v2.users.{id}.activity with "v2.users."),
// up to the next '.' or '?'; "" when the topic does not start with `prefix`. `rest`, if given,
// gets what follows the id. Shared by the session's topic plan and the overlay's Topics tab.
inline std::string_view topicIdAfter(std::string_view topic, std::string_view prefix, std::string_view* rest = nullptr) {
  if (topic.substr(0, prefix.size()) != prefix) return {};
  topic.remove_prefix(prefix.size());
  const std::size_t end = topic.find_first_of(".?");
  if (rest) *rest = end == std::string_view::npos ? std::string_view{} : topic.substr(end);
  return topic.substr(0, end);
}

// Every topic the panel asked for or wanted, and what the org does not offer
// (GET /api/v2/notifications/availabletopics), so "why is this agent not live?" has one answer.
struct TopicTable {
  struct Channel {
    std::string id;                     // empty while the POST that creates it is under way
    bool open = false;                  // its WebSocket is connected
    bool operator==(const Channel&) const = default;
  };
  std::vector<Channel> channels;        // in the panel's order
  std::vector<TopicRow> rows;           // channel by channel, then refused, then without room
  std::vector<std::string> notOffered;  // "topic family: what the panel uses instead"
  // Messages received per topic family (the topic with its id as {id}), summed over `rows`.
  std::vector<std::pair<std::string, std::uint64_t>> families;
  bool operator==(const TopicTable&) const = default;
};

// What the panel made of one received notification (workers/event_outcome.h), kept while the
// debug overlay is open: "agent activity · Dana Ruiz: routing IDLE → INTERACTING".
struct EventOutcome {
  std::uint64_t sequence = 0;  // the message's TrafficRow::sequence
  std::string text;
  bool operator==(const EventOutcome&) const = default;
};

// A presence the supervisor may give an agent: the org's active definitions, primary ones
// first (GET /api/v2/presence/definitions), loaded with the org.
struct PresenceOption {
  std::string id;               // presence definition id
  std::string label;            // the org's label ("Lunch")
  model::Presence presence = model::Presence::Unknown;
  bool secondary = false;       // an org-defined status under a primary one
  bool operator==(const PresenceOption&) const = default;
};

// Agents of the current view per state, for the wallboard's KPI row.
struct RowTotals {
  int free = 0, busy = 0, notResponding = 0, offQueue = 0;
  bool operator==(const RowTotals&) const = default;
};

struct Snapshot {
  std::uint64_t version = 0;
  std::int64_t publishedAtNs = 0;   // steady clock, to measure snapshot age at draw
  // Steady clock (ns) when the oldest change this snapshot is the first to show was posted;
  // 0 when it shows none (event -> screen latency is measured from here).
  std::int64_t changesSinceNs = 0;

  PersistentTable<model::Agent, 512> agents;
  PersistentTable<model::Queue, 16> queues;
  PersistentTable<model::Conversation, 256> conversations;
  PersistentTable<model::Appointment, 32> appointments;

  // Browse rows: ids of the agents the view spec selects, sorted. Recomputed by the store.
  std::shared_ptr<const std::vector<std::string>> agentRows = std::make_shared<std::vector<std::string>>();
  RowTotals rowTotals;  // counted with the rows, so no view walks every agent per frame
  std::shared_ptr<const std::vector<std::string>> queueOrder = std::make_shared<std::vector<std::string>>();
  ViewSpec view;

  std::shared_ptr<const SessionInfo> session = std::make_shared<SessionInfo>();
  std::shared_ptr<const DetailState> detail = std::make_shared<DetailState>();
  std::shared_ptr<const model::Transcript> transcript = std::make_shared<model::Transcript>();
  std::shared_ptr<const std::vector<Toast>> toasts = std::make_shared<std::vector<Toast>>();
  std::shared_ptr<const std::vector<ActionRecord>> actions = std::make_shared<std::vector<ActionRecord>>();
  // The debug overlay's capture, while it is open (empty while it is closed).
  std::shared_ptr<const TrafficRows> traffic = std::make_shared<TrafficRows>();
  std::shared_ptr<const std::vector<PresenceOption>> presenceOptions = std::make_shared<std::vector<PresenceOption>>();
  // The newest event outcomes, oldest first (State::kMaxEventOutcomes).
  std::shared_ptr<const std::vector<EventOutcome>> eventOutcomes = std::make_shared<std::vector<EventOutcome>>();
  // Notification topics and their states, for the debug overlay (the control thread's table).
  std::shared_ptr<const TopicTable> topics = std::make_shared<TopicTable>();
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

}  // namespace store
