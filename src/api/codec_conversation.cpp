// Conversations: the REST body and the conversation notification bodies share this decoder.
#include <algorithm>
#include <array>

#include "api/codec.h"
#include "api/decode_detail.h"
#include "api/enums.h"
#include "model/redact.h"

namespace api {
namespace {

using namespace detail;

// The members read from a communication (calls[], chats[], ...), and from a call-only
// participant that carries its call's fields itself.
enum CommunicationField : std::size_t {
  kCommId, kCommState, kCommHeld, kCommDirection, kCommConnectedTime, kCommDisconnectedTime, kCommStartHoldTime,
  kCommWrapup, kCommFieldCount
};
constexpr Members<kCommFieldCount>::Names kCommNames{"id", "state", "held", "direction", "connectedTime",
                                                     "disconnectedTime", "startHoldTime", "wrapup"};

// The members read from a participant. The media arrays come last, in model::Media order
// of kMediaArrays below.
enum ParticipantField : std::size_t {
  kId, kPurpose, kUserId, kUser, kQueueId, kQueue, kName, kAddress, kAni, kConnectedTime, kEndTime, kStartTime,
  kWrapupRequired, kWrapup, kMonitoredParticipantId, kCoachedParticipantId, kBargedParticipantId, kAttributes,
  kState, kCalls, kCallbacks, kChats, kEmails, kMessages, kParticipantFieldCount
};
constexpr Members<kParticipantFieldCount>::Names kParticipantNames{
    "id", "purpose", "userId", "user", "queueId", "queue", "name", "address", "ani", "connectedTime", "endTime",
    "startTime", "wrapupRequired", "wrapup", "monitoredParticipantId", "coachedParticipantId",
    "bargedParticipantId", "attributes", "state", "calls", "callbacks", "chats", "emails", "messages"};

// Participant media arrays, with the model media they hold.
struct MediaArray {
  ParticipantField field;
  model::Media media;
};
constexpr std::array<MediaArray, 5> kMediaArrays{{
    {kCalls, model::Media::Call},
    {kCallbacks, model::Media::Callback},
    {kChats, model::Media::Chat},
    {kEmails, model::Media::Email},
    {kMessages, model::Media::Message},
}};

// Participants that are people of the org, whose names are shown as they are.
bool isOrgParticipant(const model::Participant& participant) {
  switch (participant.purpose) {
    case model::Purpose::Agent:
    case model::Purpose::User:
    case model::Purpose::Monitor:
    case model::Purpose::Coach:
    case model::Purpose::Barge:
    case model::Purpose::Acd:
    case model::Purpose::Ivr:
      return true;
    case model::Purpose::Customer:
    case model::Purpose::External:
      return false;
    case model::Purpose::Other:
      break;
  }
  // An unknown purpose with no user behind it may be a member of the public: mask it.
  return !participant.userId.empty();
}

void noteTime(model::TimeMs time, model::TimeMs& newest) { newest = std::max(newest, time); }

// A communication object, or a call-only participant read as its one call.
void decodeCommunication(const json::object& object, const Where& where, Errors& errors, model::Communication& out,
                         bool& hasWrapup) {
  const Members fields(object, kCommNames, where, errors);
  fields.string(kCommId, out.id);
  std::string_view state;
  if (fields.stringView(kCommState, state)) out.state = commStateFromString(state);
  fields.boolean(kCommHeld, out.held);
  fields.string(kCommDirection, out.direction);
  fields.time(kCommConnectedTime, out.connectedTime);
  fields.time(kCommDisconnectedTime, out.disconnectedTime);
  fields.time(kCommStartHoldTime, out.startHoldTime);
  if (fields.object(kCommWrapup)) hasWrapup = true;
}

// `region` gets the first participant's "region" attribute: where the interaction is anchored
// (set by the org's flows), which makes its transcript slower to appear elsewhere.
void decodeParticipant(const json::object& object, const Where& where, Errors& errors, model::Participant& out,
                       model::TimeMs& newest, model::TimeMs& earliestStart, std::string& region) {
  const Members fields(object, kParticipantNames, where, errors);
  fields.string(kId, out.id);
  if (fields.string(kPurpose, out.purposeRaw)) out.purpose = purposeFromString(out.purposeRaw);
  if (!fields.string(kUserId, out.userId)) fields.refId(kUser, out.userId);
  if (!fields.string(kQueueId, out.queueId)) fields.refId(kQueue, out.queueId);
  fields.string(kName, out.name);
  if (!fields.string(kAddress, out.address)) fields.string(kAni, out.address);
  fields.time(kConnectedTime, out.connectedTime);
  fields.time(kEndTime, out.endTime);
  fields.boolean(kWrapupRequired, out.wrapupRequired);
  if (fields.object(kWrapup)) out.hasWrapup = true;
  fields.string(kMonitoredParticipantId, out.monitoredParticipantId);
  fields.string(kCoachedParticipantId, out.coachedParticipantId);
  fields.string(kBargedParticipantId, out.bargedParticipantId);
  if (const json::object* attributes = fields.object(kAttributes)) {
    std::string anchoredIn;
    if (readString(*attributes, "region", anchoredIn, fields.where(kAttributes), errors) && region.empty())
      region = std::move(anchoredIn);
  }

  model::TimeMs startTime = 0;
  fields.time(kStartTime, startTime);

  bool hasMediaArrays = false;
  for (const MediaArray& kind : kMediaArrays) {
    const json::array* list = fields.array(kind.field);
    if (!list) continue;
    hasMediaArrays = true;
    const Where listWhere = fields.where(kind.field);
    for (std::size_t i = 0; i < list->size() && !errors.any(); ++i) {
      const json::object* entry = elementObject((*list)[i], listWhere, i, errors);
      if (!entry) break;
      model::Communication& communication = out.communications.emplace_back();
      communication.media = kind.media;
      decodeCommunication(*entry, listWhere.element(i), errors, communication, out.hasWrapup);
    }
  }
  // Call-only bodies (conversations/calls/{id}, the .calls topics) put the call's state on
  // the participant itself: read it as the participant's one call, under the participant's id.
  if (!hasMediaArrays && fields.has(kState)) {
    model::Communication& call = out.communications.emplace_back();
    decodeCommunication(object, where, errors, call, out.hasWrapup);
    call.id = out.id;
  }

  if (!isOrgParticipant(out)) {
    out.name = nameInitial(out.name);
    if (!out.address.empty()) out.address = redact::maskAddress(out.address);
  }

  for (const model::TimeMs time : {startTime, out.connectedTime}) {
    if (time > 0) earliestStart = earliestStart == 0 ? time : std::min(earliestStart, time);
  }
  noteTime(out.connectedTime, newest);
  noteTime(out.endTime, newest);
  noteTime(startTime, newest);
  for (const model::Communication& communication : out.communications) {
    noteTime(communication.connectedTime, newest);
    noteTime(communication.disconnectedTime, newest);
    noteTime(communication.startHoldTime, newest);
  }
}

}  // namespace

std::string nameInitial(std::string_view name) {
  const std::size_t start = name.find_first_not_of(" \t\r\n\"'(");
  if (start == std::string_view::npos) return {};
  const auto lead = static_cast<unsigned char>(name[start]);
  const bool asciiLetter = (lead >= 'A' && lead <= 'Z') || (lead >= 'a' && lead <= 'z');
  if (lead < 0x80) {
    if (!asciiLetter) return {};
    return std::string(1, static_cast<char>(lead >= 'a' ? lead - 'a' + 'A' : lead)) + ".";
  }
  // A multi-byte UTF-8 letter: keep the whole code point (no case mapping beyond ASCII).
  const std::size_t length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
  if (length == 1 || start + length > name.size()) return {};
  return std::string(name.substr(start, length)) + ".";
}

namespace detail {

void decodeConversation(const json::object& conversation, const Where& where, Errors& errors,
                        model::Conversation& out) {
  readString(conversation, "id", out.id, where, errors);
  const bool hasStart = readTime(conversation, "startTime", out.startTime, where, errors);
  const bool hasEnd = readTime(conversation, "endTime", out.endTime, where, errors);
  model::TimeMs newest = std::max(out.startTime, out.endTime);
  model::TimeMs earliestStart = 0;
  if (const json::array* participants = readArray(conversation, "participants", where, errors)) {
    const Where listWhere = where.member("participants");
    out.participants.reserve(participants->size());
    for (std::size_t i = 0; i < participants->size() && !errors.any(); ++i) {
      const json::object* participant = elementObject((*participants)[i], listWhere, i, errors);
      if (!participant) break;
      decodeParticipant(*participant, listWhere.element(i), errors, out.participants.emplace_back(), newest,
                        earliestStart, out.region);
    }
  }
  // Notification bodies carry no conversation times: derive them from the participants.
  if (!hasStart) out.startTime = earliestStart;
  if (!hasEnd && !out.participants.empty() &&
      std::all_of(out.participants.begin(), out.participants.end(),
                  [](const model::Participant& p) { return p.endTime > 0; })) {
    for (const model::Participant& participant : out.participants) out.endTime = std::max(out.endTime, participant.endTime);
  }
  out.lastChange = newest;
}

}  // namespace detail

Result<model::Conversation> decodeConversation(std::string_view body) {
  Errors errors("conversation");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  model::Conversation conversation;
  if (!root) return errors.failure();
  detail::decodeConversation(*root, kRoot, errors, conversation);
  if (!errors.any() && conversation.id.empty()) errors.invalid(kRoot, "id", "missing");
  return finish(std::move(conversation), errors);
}

}  // namespace api
