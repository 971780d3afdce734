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

// Participant media arrays, with the model media they hold.
struct MediaArray {
  std::string_view member;
  model::Media media;
};
constexpr std::array<MediaArray, 5> kMediaArrays{{
    {"calls", model::Media::Call},
    {"callbacks", model::Media::Callback},
    {"chats", model::Media::Chat},
    {"emails", model::Media::Email},
    {"messages", model::Media::Message},
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

// Fields common to a communication object and to a call-only participant.
void decodeCommunicationFields(const json::object& object, const Where& where, Errors& errors,
                               model::Communication& out, bool& hasWrapup) {
  std::string_view state;
  if (readStringView(object, "state", state, where, errors)) out.state = commStateFromString(state);
  readBool(object, "held", out.held, where, errors);
  readString(object, "direction", out.direction, where, errors);
  readTime(object, "connectedTime", out.connectedTime, where, errors);
  readTime(object, "disconnectedTime", out.disconnectedTime, where, errors);
  readTime(object, "startHoldTime", out.startHoldTime, where, errors);
  if (readObject(object, "wrapup", where, errors)) hasWrapup = true;
}

// `region` gets the first participant's "region" attribute: where the interaction is anchored
// (set by the org's flows), which makes its transcript slower to appear elsewhere.
void decodeParticipant(const json::object& object, const Where& where, Errors& errors, model::Participant& out,
                       model::TimeMs& newest, model::TimeMs& earliestStart, std::string& region) {
  readString(object, "id", out.id, where, errors);
  if (readString(object, "purpose", out.purposeRaw, where, errors)) out.purpose = purposeFromString(out.purposeRaw);
  if (!readString(object, "userId", out.userId, where, errors)) readRefId(object, "user", out.userId, where, errors);
  if (!readString(object, "queueId", out.queueId, where, errors)) readRefId(object, "queue", out.queueId, where, errors);
  readString(object, "name", out.name, where, errors);
  if (!readString(object, "address", out.address, where, errors)) readString(object, "ani", out.address, where, errors);
  readTime(object, "connectedTime", out.connectedTime, where, errors);
  readTime(object, "endTime", out.endTime, where, errors);
  readBool(object, "wrapupRequired", out.wrapupRequired, where, errors);
  if (readObject(object, "wrapup", where, errors)) out.hasWrapup = true;
  readString(object, "monitoredParticipantId", out.monitoredParticipantId, where, errors);
  readString(object, "coachedParticipantId", out.coachedParticipantId, where, errors);
  readString(object, "bargedParticipantId", out.bargedParticipantId, where, errors);
  if (const json::object* attributes = readObject(object, "attributes", where, errors)) {
    std::string anchoredIn;
    if (readString(*attributes, "region", anchoredIn, where.member("attributes"), errors) && region.empty())
      region = std::move(anchoredIn);
  }

  model::TimeMs startTime = 0;
  readTime(object, "startTime", startTime, where, errors);

  bool hasMediaArrays = false;
  for (const MediaArray& kind : kMediaArrays) {
    const json::array* list = readArray(object, kind.member, where, errors);
    if (!list) continue;
    hasMediaArrays = true;
    const Where listWhere = where.member(kind.member);
    for (std::size_t i = 0; i < list->size() && !errors.any(); ++i) {
      const json::object* entry = elementObject((*list)[i], listWhere, i, errors);
      if (!entry) break;
      model::Communication& communication = out.communications.emplace_back();
      communication.media = kind.media;
      readString(*entry, "id", communication.id, listWhere.element(i), errors);
      decodeCommunicationFields(*entry, listWhere.element(i), errors, communication, out.hasWrapup);
    }
  }
  // Call-only bodies (conversations/calls/{id}, the .calls topics) put the call's state on
  // the participant itself: read it as the participant's one call.
  if (!hasMediaArrays && present(object, "state")) {
    model::Communication& call = out.communications.emplace_back();
    call.id = out.id;
    decodeCommunicationFields(object, where, errors, call, out.hasWrapup);
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
