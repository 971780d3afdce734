// The panel's data model: what a supervisor sees, normalized by id.
// Pure data and rules: no I/O, no JSON, no ImGui. Every string that can carry personal
// data (customer names and addresses, transcript text) is stored already masked.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace model {

// Milliseconds since the Unix epoch, UTC. 0 means "unknown".
using TimeMs = std::int64_t;

// [SECTION] Enumerations (Genesys enum strings are mapped in src/api)

enum class RoutingStatus : std::uint8_t { Unknown, OffQueue, Idle, Interacting, NotResponding, Communicating };
enum class Presence : std::uint8_t {
  Unknown, Available, Away, Busy, Offline, Idle, OnQueue, Meal, Training, Meeting, Break
};
enum class Media : std::uint8_t { Call, Callback, Chat, Email, Message };
inline constexpr int kMediaCount = 5;

enum class CommState : std::uint8_t {
  Unknown, Alerting, Dialing, Contacting, Offering, Connected, Disconnected, Terminated, Scheduled, None
};
enum class Purpose : std::uint8_t { Other, Agent, Customer, External, Acd, Ivr, User, Monitor, Coach, Barge };
enum class AppointmentStatus : std::uint8_t { Unknown, Scheduled, InProgress, Completed, InvalidSchedule };

std::string_view toString(RoutingStatus);
std::string_view toString(Presence);
std::string_view toString(Media);
std::string_view toString(CommState);
std::string_view toString(AppointmentStatus);

// [SECTION] Agents and queues

struct MediaCounts {
  std::array<std::uint16_t, kMediaCount> active{};  // by Media
  std::array<std::uint16_t, kMediaCount> acw{};     // in after-call work, by Media
  int totalActive() const;
  bool operator==(const MediaCounts&) const = default;
};

struct Agent {
  std::string id;
  std::string name;
  std::string divisionId;
  bool directReport = false;                 // reports to the signed-in supervisor

  Presence presence = Presence::Unknown;
  std::string presenceRaw;                   // the text received when presence is Unknown (a new value)
  std::string presenceLabel;                 // org label, e.g. "Lunch" for Meal
  TimeMs presenceSince = 0;                  // presence.modifiedDate

  RoutingStatus routing = RoutingStatus::Unknown;
  std::string routingRaw;                    // the text received when routing is Unknown
  TimeMs routingSince = 0;                   // routingStatus.startTime

  MediaCounts media;                         // conversationSummary, kept live by conversation events
  std::vector<std::string> queueIds;         // queues the agent has joined

  // Derived from conversation events, so the browse row can show the call timer.
  std::string activeConversationId;
  TimeMs interactionSince = 0;               // connectedTime of the agent's live communication
  TimeMs heldSince = 0;                      // 0 when not on hold
  std::vector<std::string> monitoredBy;      // names of supervisors monitoring/coaching/barging

  // Why this agent's live updates are not coming (their topic was refused, or found no room
  // on the channels); empty while they are followed. Set by the session, never by events.
  std::string notLiveReason;

  bool operator==(const Agent&) const = default;
};

// What to show for the agent's presence: the org's label, else the system presence, and
// for a value the panel does not know "Unknown (OUTAGE)" — never a blank or another state.
std::string presenceText(const Agent& agent);
// The routing status, "Unknown (NEW_STATUS)" for a value the panel does not know.
std::string routingText(const Agent& agent);

// One media type's share of a queue. Queue observations come per (queue, media type), so
// each media type is kept apart and the queue shows their sum (genesys-api.md section 3).
struct QueueMediaFigures {
  int waiting = 0;              // oWaiting
  int interacting = 0;          // oInteracting
  int alerting = 0;             // oAlerting
  // The current 30-minute interval's aggregates, from the same topic.
  TimeMs intervalStart = 0;     // the interval they count; 0 = none seen
  int offered = 0;              // nOffered
  int answered = 0;             // tAnswered count
  int abandoned = 0;            // tAbandon count
  double slNumerator = 0;       // oServiceLevel: answered within target ...
  double slDenominator = 0;     // ... over answered + abandoned
  double slTarget = -1;         // 0..1, < 0 unknown
  // Today before the current interval (local midnight up to dayThrough): the aggregates
  // query's earlier buckets, plus intervals that ended while the panel watched until the
  // next query replaces them. The current interval counts on top when it starts at or
  // after dayThrough.
  TimeMs dayThrough = 0;        // end of the last interval in the day figures; 0 = none yet
  int dayOffered = 0;
  int dayAnswered = 0;
  int dayAbandoned = 0;
  double daySlNumerator = 0;
  double daySlDenominator = 0;
  // What the org configured: Queue.mediaSettings.{media}.serviceLevel [swagger].
  double configuredTarget = -1;   // percentage, 0..1; < 0 not configured
  TimeMs configuredTargetMs = 0;  // durationMs: answered within this counts as in target
  bool operator==(const QueueMediaFigures&) const = default;
};

// One media type's figures for today: the day's earlier intervals plus the current one.
struct ServiceLevelToday {
  int offered = 0, answered = 0, abandoned = 0;
  double numerator = 0;         // answered within target
  double denominator = 0;       // answered + abandoned
  double target = -1;           // 0..1: the topic's target, else the configured one; < 0 unknown
  double level() const { return denominator > 0 ? numerator / denominator : -1; }
};
ServiceLevelToday serviceLevelToday(const QueueMediaFigures&);

// A user count split by qualifier (routing status for oOnQueueUsers, organization presence
// id for oOffQueueUsers): observations may carry only the qualifiers that changed.
struct QualifiedCount {
  std::string qualifier;
  int count = 0;
  bool operator==(const QualifiedCount&) const = default;
};

// Someone waiting in a queue: listed by the REST answer's oWaiting observations, then kept by
// the queue's conversation events (the observation messages carry counts only).
struct WaitingInteraction {
  std::string conversationId;
  Media media = Media::Call;
  TimeMs since = 0;             // entered the queue
  bool operator==(const WaitingInteraction&) const = default;
};

struct Queue {
  std::string id;
  std::string name;
  // Totals over media types and qualifiers: recomputeQueueTotals() after any change below.
  int waiting = 0;              // oWaiting
  int interacting = 0;          // oInteracting
  int alerting = 0;             // oAlerting
  int onQueueAgents = 0;        // oOnQueueUsers
  int offQueueAgents = 0;       // oOffQueueUsers
  TimeMs longestWaitingSince = 0;  // start of the oldest waiting interaction, 0 = none or unknown
  // Today (local midnight to now), all media types: answered within target over answered +
  // abandoned; < 0 while nothing was answered or abandoned today.
  double serviceLevel = -1;
  double serviceLevelTarget = -1;  // 0..1, the media types' targets weighted by what each counted; < 0 unknown
  bool serviceLevelRead = false;   // today's figures were read (before: unknown, not "no calls")
  int memberCount = 0;

  std::array<QueueMediaFigures, kMediaCount> byMedia{};  // by Media
  std::vector<QualifiedCount> onQueueByStatus;           // oOnQueueUsers
  std::vector<QualifiedCount> offQueueByPresence;        // oOffQueueUsers
  std::vector<WaitingInteraction> waitingInteractions;   // oldest first
  bool operator==(const Queue&) const = default;
};

// Sets the totals from byMedia, the qualified counts and the waiting interactions. Service
// level: today's figures of every media type summed, the target weighted by each one's
// denominator (while nothing counted: the call target, else the first one known).
void recomputeQueueTotals(Queue&);

// [SECTION] Conversations

struct Communication {
  std::string id;
  Media media = Media::Call;
  CommState state = CommState::Unknown;
  bool held = false;
  std::string direction;        // inbound / outbound
  TimeMs connectedTime = 0;
  TimeMs disconnectedTime = 0;
  TimeMs startHoldTime = 0;
  bool operator==(const Communication&) const = default;
};

struct Participant {
  std::string id;
  Purpose purpose = Purpose::Other;
  std::string purposeRaw;       // the API's own string, for display of unknown purposes
  std::string userId;
  std::string queueId;
  std::string name;             // masked when the participant is a customer
  std::string address;          // masked (ANI / e-mail of the customer)
  TimeMs connectedTime = 0;
  TimeMs endTime = 0;
  bool wrapupRequired = false;
  bool hasWrapup = false;
  std::string monitoredParticipantId;
  std::string coachedParticipantId;
  std::string bargedParticipantId;
  std::vector<Communication> communications;
  bool operator==(const Participant&) const = default;
};

struct Conversation {
  std::string id;
  TimeMs startTime = 0;
  TimeMs endTime = 0;           // 0 while live
  std::vector<Participant> participants;
  std::string region;           // where it is anchored, from a participant's "region" attribute; "" = unknown
  TimeMs lastChange = 0;        // newest timestamp seen in its events, to drop older ones
  bool operator==(const Conversation&) const = default;
};

// [SECTION] Coaching appointments

struct Appointment {
  std::string id;
  std::string name;
  std::string description;
  TimeMs dateStart = 0;
  int lengthInMinutes = 0;
  AppointmentStatus status = AppointmentStatus::Unknown;
  std::string facilitatorId;
  std::vector<std::string> attendeeIds;
  std::vector<std::string> conversationIds;
  std::vector<std::string> externalLinks;
  TimeMs dateModified = 0;
  bool bookedByThisPanel = false;   // carries our supervisor-panel:// tag
  bool operator==(const Appointment&) const = default;
};

// [SECTION] Transcripts (only the open interaction's, purged when it is left)

enum class Speaker : std::uint8_t { Unknown, Agent, Customer, Internal, External };

struct TranscriptLine {
  std::string utteranceId;
  Speaker speaker = Speaker::Unknown;
  std::int64_t offsetMs = 0;
  std::string text;             // already masked
  bool final = true;
  bool operator==(const TranscriptLine&) const = default;
};

enum class TranscriptState : std::uint8_t {
  None,         // no interaction open
  Live,         // call running, lines arrive by notification
  Pending,      // call ended, transcripturl answered 404, retrying
  Ready,        // document fetched
  Unavailable,  // retries exhausted: Retry button
  Failed        // a hard error (403 ...), reason in `note`
};

struct Transcript {
  std::string conversationId;
  std::string communicationId;
  TranscriptState state = TranscriptState::None;
  int attempts = 0;
  int maxAttempts = 10;
  bool crossRegion = false;     // the interaction is anchored in another region
  std::string note;             // what to tell the supervisor
  std::vector<TranscriptLine> lines;
  bool operator==(const Transcript&) const = default;
};

// [SECTION] Rules over the model

// A communication still going on: alerting, dialing, contacting, offering or connected.
bool inProgress(CommState);
// The agent's own participant in a conversation (purpose agent/user with that userId), or null.
const Participant* agentParticipant(const Conversation&, std::string_view userId);
// A live call: no endTime, and the agent's call is connected. This is the pre-flight rule.
bool isLiveFor(const Conversation&, std::string_view userId);
// Participants that monitor, coach or barge into `participantId`.
std::vector<const Participant*> supervisorsOn(const Conversation&, std::string_view participantId);

}  // namespace model
