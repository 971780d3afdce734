#include "api/errors.h"

#include <boost/json/parse.hpp>

#include "api/json_read.h"

namespace api {
namespace {

using namespace detail;

// "the call"-style phrases per action, used to build the sentences.
struct ActionWords {
  std::string_view doIt;     // "monitor this call"
  std::string_view liveVerb; // for live-call actions: "monitor", "coach", "barge into"; empty otherwise
};

ActionWords wordsFor(Action action) {
  switch (action) {
    case Action::Load: return {"load this", {}};
    case Action::Monitor: return {"monitor this call", "monitor"};
    case Action::Coach: return {"coach on this call", "coach on"};
    case Action::Barge: return {"barge into this call", "barge into"};
    case Action::BookCoaching: return {"book this coaching session", {}};
    case Action::UpdateAppointment: return {"change this coaching appointment", {}};
    case Action::FetchTranscript: return {"load this transcript", {}};
    case Action::Subscribe: return {"receive live updates", {}};
    case Action::SignIn: return {"sign in", {}};
    case Action::SetRoutingStatus: return {"change this agent's routing status", {}};
    case Action::SetPresence: return {"change this agent's presence", {}};
    case Action::QueueMembership: return {"change this agent's queue membership", {}};
    case Action::LogOutAgent: return {"log this agent out", {}};
  }
  return {"do this", {}};
}

bool isLiveCallAction(Action action) {
  return action == Action::Monitor || action == Action::Coach || action == Action::Barge;
}

std::string cat(std::initializer_list<std::string_view> parts) {
  std::string text;
  for (const std::string_view part : parts) text += part;
  return text;
}

// "...missing the following permission(s): a:b:c" -> "a:b:c"; empty when there is no list.
std::string_view listedItems(std::string_view message) {
  const std::size_t colon = message.rfind(": ");
  if (colon == std::string_view::npos) return {};
  std::string_view items = message.substr(colon + 2);
  while (!items.empty() && (items.back() == '.' || items.back() == ' ')) items.remove_suffix(1);
  return items;
}

// A short, single-line excerpt of a non-JSON body, or nothing if it looks like markup/binary.
std::string plainExcerpt(std::string_view body) {
  const std::size_t start = body.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos || body[start] == '<' || body[start] == '{' || body[start] == '[') return {};
  std::string excerpt;
  for (const char c : body.substr(start, 160)) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x20) {
      if (c == '\n' || c == '\r' || c == '\t') {
        excerpt += ' ';
        continue;
      }
      return {};
    }
    excerpt += c;
  }
  while (!excerpt.empty() && excerpt.back() == ' ') excerpt.pop_back();
  return excerpt;
}

std::string explainLiveCall(const ApiError& error, Action action) {
  const std::string_view code = error.code;
  const std::string_view verb = wordsFor(action).liveVerb;
  if (code == "conversation.error.no.user.station") {
    return cat({"You need a station (phone) assigned to ", verb, " calls."});
  }
  if (code == "conversation.error.monitor.own.conversation") {
    return "You are already a participant in this conversation, so you cannot monitor it.";
  }
  if (code == "too.many.monitors") return "Someone is already monitoring this conversation, and only one monitor is allowed.";
  if (code == "conversation.error.multiple.coaches") return "Someone is already coaching on this call, and only one coach is allowed.";
  if (code == "conversation.error.multiple.barges") return "Someone has already barged into this call.";
  if (code == "conversation.error.barge.conference") return "This call is a conference, and a conference cannot be barged into.";
  if (code == "conversation.error.barge.not.consult.initiator") {
    return "In a consult transfer you can only barge into the party who started the consult.";
  }
  if (code == "conversation.error.barge.target") return "Genesys could not tell which participant to barge into.";
  if (code.ends_with(".consultation.conversation")) {
    return cat({"This is a consultation call, which you cannot ", verb, "."});
  }
  // The call ended between the pre-flight check and the request: the participant has no
  // live call any more (codes from the full swagger), or the conversation or participant is
  // gone (404) or no longer accepts a new party (409).
  if (code == "conversation.error.participant.no.active.conversations" ||
      code == "conversation.error.participant.not.found" || code == "conversation.error.call.disconnected" ||
      code == "conversation.error.conversation.disconnected" || error.status == 404 || error.status == 409) {
    return cat({"The call has ended, so you can no longer ", wordsFor(action).doIt, "."});
  }
  return {};
}

std::string explainCoaching(const ApiError& error) {
  const std::string_view code = error.code;
  if (code == "appointment.conflict") {
    return "The coaching session clashes with another appointment at that time; pick another time.";
  }
  if (code == "appointment.state.conflict") {
    return "The appointment's current status does not allow this change; a session only moves from Scheduled to "
           "In progress to Completed.";
  }
  if (code == "appointment.not.found") return "This coaching appointment no longer exists.";
  if (code == "validation.error") {
    return error.message.empty() ? std::string("Genesys rejected the appointment details.")
                                 : cat({"Genesys rejected the appointment details: ", error.message});
  }
  if (code == "participate.permission.missing") {
    return "The agent does not have the permission to take part in coaching appointments.";
  }
  if (code == "no.permission.for.requested.users") {
    return "You do not have permission for this agent's division, so you cannot book coaching for them.";
  }
  if (code == "agent.cannot.change.status") return "Only the facilitator can change the status of this appointment.";
  if (code == "missing.permissions.not.appointment.participant" || code == "forbidden") {
    return "You are not a participant of this appointment, so you cannot change it.";
  }
  if (code == "users.query.param") return "Coaching appointments can be listed for 1 to 100 agents at a time.";
  return {};
}

}  // namespace

ApiError parseErrorBody(int status, std::string_view body) {
  ApiError error;
  error.status = status;
  boost::system::error_code ec;
  const json::value doc = json::parse(body, ec);
  if (ec || !doc.is_object()) {
    error.message = plainExcerpt(body);
    if (error.message.empty()) error.message = "HTTP " + std::to_string(status);
    return error;
  }
  // Read leniently: a wrong-typed member of an error body is ignored, not an error on top.
  const json::object& object = doc.get_object();
  Errors ignored("error body");
  const Where at;
  readString(object, "code", error.code, at, ignored);
  if (!readString(object, "message", error.message, at, ignored) || error.message.empty()) {
    readString(object, "messageWithParams", error.message, at, ignored);
  }
  readString(object, "contextId", error.correlationId, at, ignored);
  // OAuth endpoints answer {"error", "error_description"} instead.
  if (error.code.empty()) readString(object, "error", error.code, at, ignored);
  if (error.message.empty()) {
    if (!readString(object, "error_description", error.message, at, ignored)) {
      readString(object, "description", error.message, at, ignored);
    }
  }
  // Some answers wrap the real error in errors[]: take the first one's code.
  if (error.code.empty()) {
    if (const json::array* nested = present(object, "errors") ? readArray(object, "errors", at, ignored) : nullptr;
        nested && !nested->empty() && (*nested)[0].is_object()) {
      readString((*nested)[0].get_object(), "code", error.code, at, ignored);
      if (error.message.empty()) readString((*nested)[0].get_object(), "message", error.message, at, ignored);
    }
  }
  if (error.status == 0) {
    int bodyStatus = 0;
    if (readInt(object, "status", bodyStatus, at, ignored)) error.status = bodyStatus;
  }
  if (error.message.empty()) error.message = "HTTP " + std::to_string(error.status);
  return error;
}

namespace {

std::string explainWithoutFinalStop(const ApiError& error, Action action) {
  const ActionWords words = wordsFor(action);
  const std::string_view code = error.code;

  if (error.status == 0) return "Genesys Cloud could not be reached; check the network connection.";

  if (isLiveCallAction(action)) {
    if (std::string sentence = explainLiveCall(error, action); !sentence.empty()) return sentence;
  }
  if (std::string sentence = explainCoaching(error); !sentence.empty()) return sentence;

  if (code == "not.a.user") {
    return cat({"This sign-in is an app (client credentials), not a user; sign in as yourself to ", words.doIt, "."});
  }
  if (code == "invalid.date") return "Genesys rejected a date in the request; it must be a valid ISO-8601 time.";
  if (code.starts_with("notification.")) {
    if (code == "notification.subscription.too.many.subscriptions") {
      return "Too many live-update subscriptions on one channel; the panel will spread them over more channels.";
    }
    if (error.status == 403) return "You are not allowed to receive live updates for some of these agents or queues.";
    return cat({"Live updates could not be set up (", code, ")."});
  }
  if (code == "resource.not.found" && action == Action::FetchTranscript) {
    return "The transcript is not ready yet; it usually appears a little while after the call.";
  }

  switch (error.status) {
    case 400:
      if (code == "constraint.validation" || code == "invalid.value" || code == "invalid.property" ||
          code == "bad.request") {
        return cat({"Genesys rejected the request to ", words.doIt,
                    error.message.empty() ? std::string_view(".") : std::string_view(": "), error.message});
      }
      break;
    case 401:
      if (action == Action::SignIn) return "Sign-in was refused; check the account and try again.";
      return "Your session has expired; sign in again.";
    case 403:
      if (code == "missing.permissions" || code == "missing.any.permissions") {
        const std::string_view permissions = listedItems(error.message);
        if (action == Action::FetchTranscript && permissions.empty())
          return "Reading transcripts needs both recording:recording:view and speechAndTextAnalytics:data:view; "
                 "ask an administrator to grant them.";
        return permissions.empty()
                   ? cat({"You are missing a Genesys permission needed to ", words.doIt, "."})
                   : cat({"You are missing the Genesys permission needed to ", words.doIt, " (", permissions, ")."});
      }
      if (code == "missing.division.permission" || code == "missing.any.division.permissions") {
        return cat({"You lack permission in this agent's division to ", words.doIt, "."});
      }
      if (code == "app.not.authorized.for.scope") {
        return cat({"The panel's OAuth client was not granted the scope needed to ", words.doIt, "."});
      }
      return cat({"You are not allowed to ", words.doIt, "."});
    case 404:
      return cat({"Genesys could not find what was needed to ", words.doIt, "; it may have ended or been deleted."});
    case 408:
    case 504:
      return cat({"Genesys took too long to answer the request to ", words.doIt, "; try again."});
    case 409:
      return cat({"The request to ", words.doIt, " conflicts with a change made meanwhile; refresh and try again."});
    case 413:
      return cat({"The request to ", words.doIt, " was too large for Genesys; shorten the text or links."});
    case 415:
      return cat({"Genesys did not accept the request format to ", words.doIt, " (a panel bug; please report it)."});
    case 429:
      if (error.retryAfterSeconds > 0) {
        return cat({"Genesys asked the panel to slow down (too many requests); it will retry in ",
                    std::to_string(error.retryAfterSeconds), " s."});
      }
      return "Genesys asked the panel to slow down (too many requests); it will retry shortly.";
    default:
      break;
  }
  if (error.status >= 500) {
    return cat({"Genesys Cloud is having trouble (HTTP ", std::to_string(error.status),
                "); try again in a moment."});
  }
  return cat({"Could not ", words.doIt, " (HTTP ", std::to_string(error.status),
              code.empty() ? std::string_view() : std::string_view(", "), code, ")",
              error.message.empty() ? std::string_view(".") : std::string_view(": "), error.message});
}

}  // namespace

std::string explain(const ApiError& error, Action action) {
  std::string sentence = explainWithoutFinalStop(error, action);
  // Server messages quoted at the end may lack the closing full stop.
  if (!sentence.empty() && sentence.back() != '.' && sentence.back() != '!' && sentence.back() != '?') sentence += '.';
  return sentence;
}

}  // namespace api
