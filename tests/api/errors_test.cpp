#include "api/errors.h"

#include <gtest/gtest.h>

namespace {

using api::Action;
using api::ApiError;
using api::explain;
using api::parseErrorBody;

TEST(ParseErrorBody, ReadsTheErrorBodyMembers) {
  const ApiError error = parseErrorBody(400, R"({
    "message": "A station is required to place a call.", "code": "conversation.error.no.user.station",
    "status": 400, "messageParams": {}, "contextId": "b2c1-77", "details": [], "errors": [],
    "somethingNew": {"nested": true}})");
  EXPECT_EQ(error.status, 400);
  EXPECT_EQ(error.code, "conversation.error.no.user.station");
  EXPECT_EQ(error.message, "A station is required to place a call.");
  EXPECT_EQ(error.correlationId, "b2c1-77");
}

TEST(ParseErrorBody, NonJsonBodyStillGivesAUsableError) {
  const ApiError html = parseErrorBody(502, "<html><body>Bad Gateway</body></html>");
  EXPECT_EQ(html.status, 502);
  EXPECT_TRUE(html.code.empty());
  EXPECT_EQ(html.message, "HTTP 502");

  const ApiError text = parseErrorBody(503, "upstream connect error\r\n");
  EXPECT_EQ(text.message, "upstream connect error");

  EXPECT_EQ(parseErrorBody(500, "").message, "HTTP 500");
  EXPECT_EQ(parseErrorBody(500, R"({"code": "internal.ser)").message, "HTTP 500");
  EXPECT_EQ(parseErrorBody(500, "[1,2]").message, "HTTP 500");
}

TEST(ParseErrorBody, WrongTypedMembersAreIgnoredNotFatal) {
  const ApiError error = parseErrorBody(409, R"({"code": 409, "message": "Appointment dates clashes with another"})");
  EXPECT_TRUE(error.code.empty());
  EXPECT_EQ(error.message, "Appointment dates clashes with another");
}

TEST(ParseErrorBody, ReadsOAuthErrorsAndNestedErrors) {
  const ApiError oauth = parseErrorBody(400, R"({"error": "invalid_grant", "error_description": "code expired"})");
  EXPECT_EQ(oauth.code, "invalid_grant");
  EXPECT_EQ(oauth.message, "code expired");

  const ApiError nested = parseErrorBody(400, R"({"errors": [{"code": "invalid.value", "message": "bad"}]})");
  EXPECT_EQ(nested.code, "invalid.value");
  EXPECT_EQ(nested.message, "bad");
}

ApiError withCode(int status, std::string code, std::string message = {}) {
  ApiError error;
  error.status = status;
  error.code = std::move(code);
  error.message = std::move(message);
  return error;
}

TEST(Explain, LiveCallCodes) {
  EXPECT_EQ(explain(withCode(400, "conversation.error.no.user.station"), Action::Monitor),
            "You need a station (phone) assigned to monitor calls.");
  EXPECT_NE(explain(withCode(400, "conversation.error.no.user.station"), Action::Barge).find("barge into calls"),
            std::string::npos);
  EXPECT_NE(explain(withCode(400, "not.a.user"), Action::Monitor).find("not a user"), std::string::npos);
  EXPECT_NE(explain(withCode(400, "conversation.error.monitor.own.conversation"), Action::Monitor)
                .find("already a participant"),
            std::string::npos);
  EXPECT_NE(explain(withCode(400, "too.many.monitors"), Action::Monitor).find("only one monitor"), std::string::npos);
  EXPECT_NE(explain(withCode(400, "conversation.error.barge.conference"), Action::Barge).find("conference"),
            std::string::npos);
  EXPECT_NE(explain(withCode(400, "conversation.error.barge.consultation.conversation"), Action::Barge)
                .find("consultation call"),
            std::string::npos);
  EXPECT_NE(explain(withCode(400, "conversation.error.multiple.coaches"), Action::Coach).find("already coaching"),
            std::string::npos);
}

TEST(Explain, AnEndedCallIsSaidSoForEveryLiveAction) {
  for (const Action action : {Action::Monitor, Action::Coach, Action::Barge}) {
    for (const ApiError& error : {withCode(404, "not.found"), withCode(409, "request.conflict"),
                                  withCode(400, "conversation.error.conversation.disconnected"),
                                  withCode(400, "conversation.error.participant.no.active.conversations")}) {
      EXPECT_NE(explain(error, action).find("The call has ended"), std::string::npos) << error.code;
    }
  }
  // The same 404 elsewhere is not about a call.
  EXPECT_EQ(explain(withCode(404, "not.found"), Action::Load).find("call has ended"), std::string::npos);
}

TEST(Explain, CoachingCodes) {
  EXPECT_NE(explain(withCode(409, "appointment.conflict"), Action::BookCoaching).find("clashes"), std::string::npos);
  EXPECT_NE(explain(withCode(409, "appointment.state.conflict"), Action::UpdateAppointment).find("status"),
            std::string::npos);
  EXPECT_EQ(explain(withCode(400, "validation.error", "attendeeIds must not be empty"), Action::BookCoaching),
            "Genesys rejected the appointment details: attendeeIds must not be empty.");
  EXPECT_NE(explain(withCode(400, "invalid.date"), Action::BookCoaching).find("ISO-8601"), std::string::npos);
  EXPECT_NE(explain(withCode(413, "request.entity.too.large"), Action::BookCoaching).find("too large"),
            std::string::npos);
}

TEST(Explain, GenericStatuses) {
  EXPECT_EQ(explain(withCode(401, "authentication.required"), Action::Load), "Your session has expired; sign in again.");
  EXPECT_EQ(explain(withCode(403, "missing.permissions",
                             "Unable to perform the requested action. You are missing the following permission(s): "
                             "conversation:call:monitor"),
                    Action::Monitor),
            "You are missing the Genesys permission needed to monitor this call (conversation:call:monitor).");
  EXPECT_NE(explain(withCode(404, "resource.not.found"), Action::FetchTranscript).find("not ready yet"),
            std::string::npos);
  EXPECT_NE(explain(withCode(429, "too.many.requests.retry.after"), Action::Load).find("slow down"),
            std::string::npos);
  ApiError limited = withCode(429, "too.many.requests.retry.after");
  limited.retryAfterSeconds = 12;
  EXPECT_NE(explain(limited, Action::Load).find("retry in 12 s"), std::string::npos);
  EXPECT_EQ(explain(withCode(503, "service.unavailable"), Action::Load),
            "Genesys Cloud is having trouble (HTTP 503); try again in a moment.");
  EXPECT_NE(explain(withCode(504, "request.timeout"), Action::Load).find("too long"), std::string::npos);
  EXPECT_NE(explain(ApiError{}, Action::Load).find("could not be reached"), std::string::npos);
}

TEST(Explain, EveryDocumentedCodeGetsASentence) {
  for (const char* code :
       {"conversation.error.no.user.station", "not.a.user", "conversation.error.monitor.own.conversation",
        "too.many.monitors", "conversation.error.barge.conference", "conversation.error.barge.target",
        "conversation.error.barge.not.consult.initiator", "conversation.error.multiple.barges",
        "appointment.conflict", "appointment.state.conflict", "validation.error", "invalid.date",
        "missing.permissions", "resource.not.found", "too.many.requests.retry.after"}) {
    for (const int status : {400, 403, 404, 409, 429}) {
      const std::string sentence = explain(withCode(status, code, "m"), Action::Barge);
      EXPECT_FALSE(sentence.empty()) << code;
      EXPECT_TRUE(sentence.ends_with(".")) << sentence;
    }
  }
}

}  // namespace
