// Genesys error answers: ErrorBody decoding and one clear sentence for the supervisor.
#pragma once

#include <string>
#include <string_view>

namespace api {

// What the supervisor was doing, so the same code can be explained in context
// (a 404 on a monitor request means the call ended; on a transcript, that it is not ready).
enum class Action {
  Load,               // any read: users, queues, conversations...
  Monitor,            // POST .../participants/{pid}/monitor
  Coach,              // POST .../participants/{pid}/coach
  Barge,              // POST .../participants/{pid}/barge
  BookCoaching,       // POST /api/v2/coaching/appointments
  UpdateAppointment,  // PATCH .../appointments/{id}[/status], DELETE
  FetchTranscript,    // GET .../transcripturl and the document
  Subscribe,          // notification channel and subscriptions
  SignIn,             // OAuth token endpoint, tokens/me
  SetRoutingStatus,   // PUT /api/v2/users/{id}/routingstatus
  SetPresence,        // PATCH /api/v2/users/{id}/presences/purecloud
  QueueMembership,    // PATCH /api/v2/routing/queues/{qid}/members/{uid}
  LogOutAgent,        // DELETE /api/v2/tokens/{userId}
};

struct ApiError {
  int status = 0;              // HTTP status; 0 = no answer (network failure)
  std::string code;            // ErrorBody.code ("too.many.monitors"); OAuth "error"; may be empty
  std::string message;         // ErrorBody.message, or a short description of a non-JSON body
  std::string correlationId;   // ErrorBody.contextId (the net layer may set ININ-Correlation-Id)
  int retryAfterSeconds = 0;   // 429: the Retry-After header, set by the caller; 0 = not given
  bool operator==(const ApiError&) const = default;
};

// Never fails: a body that is not an ErrorBody (HTML from a proxy, empty, truncated) still
// gives the status and a short message.
ApiError parseErrorBody(int status, std::string_view body);

// One sentence for the supervisor, for every code the panel's endpoints document.
std::string explain(const ApiError& error, Action action);

}  // namespace api
