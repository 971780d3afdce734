// Supervisor actions on the action thread: open an agent, join a call, book coaching,
// change an appointment's status, fetch a transcript, export the HAR. Each one ends
// in the store as succeeded or failed with a sentence — never silently, never twice.
#include <algorithm>
#include <fstream>

#include "api/requests.h"
#include "workers/reducers.h"
#include "workers/session_impl.h"

namespace workers {

namespace {

using namespace std::chrono_literals;

api::Action toApiAction(store::JoinMode mode) {
  switch (mode) {
    case store::JoinMode::Monitor: return api::Action::Monitor;
    case store::JoinMode::Coach: return api::Action::Coach;
    case store::JoinMode::Barge: return api::Action::Barge;
  }
  return api::Action::Monitor;
}

api::CallAction toCallAction(store::JoinMode mode) {
  switch (mode) {
    case store::JoinMode::Monitor: return api::CallAction::Monitor;
    case store::JoinMode::Coach: return api::CallAction::Coach;
    case store::JoinMode::Barge: return api::CallAction::Barge;
  }
  return api::CallAction::Monitor;
}

const char* doing(store::JoinMode mode) {
  switch (mode) {
    case store::JoinMode::Monitor: return "Listening to";
    case store::JoinMode::Coach: return "Coaching";
    case store::JoinMode::Barge: return "Barged into";
  }
  return "";
}

// The next half hour at least 15 minutes away: time to prepare, still today if possible.
model::TimeMs defaultCoachingStart(model::TimeMs now) {
  constexpr model::TimeMs kHalfHour = 30 * 60 * 1000;
  const model::TimeMs earliest = now + 15 * 60 * 1000;
  return (earliest + kHalfHour - 1) / kHalfHour * kHalfHour;
}

std::string shortWhen(model::TimeMs t) {
  const std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm local{};
  localtime_r(&secs, &local);
  char buf[32];
  std::strftime(buf, sizeof buf, "%a %H:%M", &local);
  return buf;
}

}  // namespace

TrackedAction::TrackedAction(Session::Impl& session, store::ActionKind kind, std::string label) : session_(session) {
  const model::TimeMs at = session_.now();
  id_ = store::newActionId();  // named here, so finishing it never waits for the store
  session_.store.post([id = id_, kind, label = std::move(label), at](store::State& st) {
    st.beginAction(id, label, at, kind);
  });
}

TrackedAction::~TrackedAction() {
  if (!ended_) fail("Interrupted before an answer came.");
}

void TrackedAction::succeed(std::string outcome) { end(true, std::move(outcome)); }
void TrackedAction::fail(std::string outcome) { end(false, std::move(outcome)); }

void TrackedAction::end(bool ok, std::string outcome) {
  if (ended_) return;
  ended_ = true;
  const model::TimeMs at = session_.now();
  session_.store.post([id = id_, ok, outcome = std::move(outcome), at](store::State& st) {
    st.finishAction(id, ok, outcome, at);
  });
}

// [SECTION] Detail

void Session::Impl::selectAgent(const std::string& agentId) {
  {
    std::lock_guard lock(openMutex);
    if (selectedAgentId != agentId) transcriptConversationId.clear();
    selectedAgentId = agentId;
  }
  store.post([agentId](store::State& st) {
    if (st.detail->agentId != agentId) {
      st.transcript.edit() = model::Transcript{};  // leaving an interaction purges its transcript
      // Conversations kept only for the previous detail are dropped too.
      for (const auto& id : st.detail->conversationIds)
        if (const model::Conversation* c = st.conversations.find(id); c && c->endTime != 0) st.conversations.erase(id);
    }
    store::DetailState detail;
    detail.agentId = agentId;
    detail.loading = !agentId.empty();
    st.detail.edit() = std::move(detail);
  });
  control.post([this] { planSubscriptions(); });
  if (agentId.empty() || !signedIn) {
    store.post([](store::State& st) { st.detail.edit().loading = false; });
    return;
  }

  // The agent's live interactions: one analytics call, then each conversation.
  Reply activity = query(api::kConversationActivityQueryPath, api::conversationActivityQueryBody({agentId}),
                         net::Priority::User, "agent interactions");
  std::vector<std::string> ids;
  std::string error;
  if (!activity.ok()) {
    error = api::explain(*activity.error, api::Action::Load);
  } else if (auto byUser = api::decodeConversationActivity(activity.body())) {
    if (auto it = byUser->find(agentId); it != byUser->end()) ids = it->second;
  } else {
    error = "The interactions could not be read: " + byUser.error();
  }
  std::vector<model::Conversation> conversations;
  for (const auto& id : ids) {
    Reply r = call("GET", api::conversationPath(id), "", net::Priority::User, "conversation");
    if (!r.ok()) continue;  // ended and gone between the two calls: nothing to show
    if (auto c = api::decodeConversation(r.body())) conversations.push_back(std::move(*c));
  }
  store.post([agentId, conversations = std::move(conversations), error](store::State& st) mutable {
    if (st.detail->agentId != agentId) return;  // the supervisor moved on meanwhile
    std::vector<std::string> live;
    for (auto& c : conversations) {
      live.push_back(c.id);
      auto& detail = st.detail.edit();
      if (std::find(detail.conversationIds.begin(), detail.conversationIds.end(), c.id) == detail.conversationIds.end())
        detail.conversationIds.push_back(c.id);
      applyConversation(st, std::move(c));
    }
    auto& detail = st.detail.edit();
    detail.loading = false;
    detail.error = error;
  });
}

// [SECTION] Live-call actions (monitor, coach, barge)

void Session::Impl::joinCall(const store::JoinCall& intent) {
  const std::string who = names.agent(intent.agentId);
  const std::string label = std::string(store::toString(intent.mode)) + " " + who;
  TrackedAction action(*this, store::ActionKind::JoinCall, label);

  // Pre-flight: the call must still be live, and we need the agent's participant id.
  Reply pre = call("GET", api::conversationPath(intent.conversationId), "", net::Priority::User, "pre-flight");
  if (!pre.ok()) {
    action.fail(label + " refused: " + api::explain(*pre.error, toApiAction(intent.mode)));
    return;
  }
  auto conversation = api::decodeConversation(pre.body());
  if (!conversation) {
    action.fail(label + " refused: the conversation could not be read (" + conversation.error() + ")");
    return;
  }
  store.post([c = *conversation](store::State& st) mutable { applyConversation(st, std::move(c)); });
  if (!model::isLiveFor(*conversation, intent.agentId)) {
    action.fail(label + " refused: the call has ended.");
    return;
  }
  const model::Participant* agent = model::agentParticipant(*conversation, intent.agentId);

  Reply join = call("POST", api::callActionPath(toCallAction(intent.mode), intent.conversationId, agent->id), "",
                    net::Priority::User, label);
  if (join.ok()) {
    action.succeed(std::string(doing(intent.mode)) + " " + who + "'s call.");
    return;
  }
  if (join.response.status != 0) {
    action.fail(label + " failed: " + api::explain(*join.error, toApiAction(intent.mode)));
    return;
  }
  // No answer: the request may or may not have reached Genesys. Look instead of retrying.
  Reply check = call("GET", api::conversationPath(intent.conversationId), "", net::Priority::User, "verify join");
  if (check.ok())
    if (auto after = api::decodeConversation(check.body())) {
      for (const auto* p : model::supervisorsOn(*after, agent->id))
        if (p->userId == account().userId) {
          action.succeed(std::string(doing(intent.mode)) + " " + who + "'s call (confirmed after a lost answer).");
          store.post([c = *after](store::State& st) mutable { applyConversation(st, std::move(c)); });
          return;
        }
    }
  action.fail(label + " failed: no answer from Genesys Cloud (" + join.response.errorMessage +
                    "), and the call shows no supervisor from this panel.");
}

// [SECTION] Coaching appointments

void Session::Impl::bookCoaching(const store::BookCoaching& intent) {
  const model::TimeMs started = now();
  const std::string who = names.agent(intent.agentId);
  const std::string label = "Book coaching for " + who;
  TrackedAction action(*this, store::ActionKind::BookCoaching, label);

  api::AppointmentRequest request;
  request.dateStart = intent.start ? intent.start : defaultCoachingStart(started);
  request.lengthInMinutes = intent.lengthInMinutes > 0 ? intent.lengthInMinutes : 30;
  request.name = "Coaching: " + who;
  request.description = "Review of interaction " + intent.conversationId + " booked from the supervisor panel." +
                        (intent.note.empty() ? "" : "\n" + intent.note);
  request.attendeeIds = {intent.agentId};
  request.facilitatorId = account().userId;
  if (!intent.conversationId.empty()) request.conversationIds = {intent.conversationId};
  request.externalLinks = {api::makePanelTag(sessionId, started)};
  auto body = api::appointmentCreateBody(request);
  if (!body) {  // too big or incomplete: explained before anything is sent
    action.fail(label + " not sent: " + body.error());
    return;
  }
  Reply created = call("POST", std::string(api::kAppointmentsPath), *body, net::Priority::User, label);
  if (created.ok()) {
    auto appointment = api::decodeAppointment(created.body());
    if (appointment && !appointment->name.empty())
      applyAppointmentNamed(*appointment);
    else if (appointment)
      fetchAppointment(appointment->id);  // 202: only the id came back
    action.succeed("Coaching booked for " + who + ", " + shortWhen(request.dateStart) + ".");
    return;
  }
  if (created.response.status != 0) {
    action.fail(label + " failed: " + api::explain(*created.error, api::Action::BookCoaching));
    return;
  }
  // The answer was lost: find our own tag before deciding, so nothing is booked twice.
  Reply list = call("GET", api::appointmentsPath({intent.agentId}), "", net::Priority::User, "verify booking");
  const std::string tag = request.externalLinks.front();
  if (list.ok())
    if (auto page = api::decodeAppointmentsPage(list.body()))
      for (auto& a : page->items)
        if (std::find(a.externalLinks.begin(), a.externalLinks.end(), tag) != a.externalLinks.end()) {
          applyAppointmentNamed(a);
          action.succeed("Coaching booked for " + who + ", " + shortWhen(request.dateStart) + " (confirmed after a lost answer).");
          return;
        }
  action.fail(label + " failed: no answer from Genesys Cloud (" + created.response.errorMessage +
                    "), and no booking carries this panel's tag. Nothing was booked.");
}

// Reads one appointment and applies it; returns it as Genesys Cloud has it now.
std::optional<model::Appointment> Session::Impl::fetchAppointment(const std::string& appointmentId) {
  Reply r = call("GET", api::appointmentPath(appointmentId), "", net::Priority::Background, "appointment");
  if (!r.ok()) return std::nullopt;
  auto a = api::decodeAppointment(r.body());
  if (!a) return std::nullopt;
  applyAppointmentNamed(*a);
  return *a;
}

// Into the store, and its name into the NameBook for the actions that will name it.
void Session::Impl::applyAppointmentNamed(model::Appointment appointment) {
  names.addAppointment(appointment);
  store.post([a = std::move(appointment)](store::State& st) mutable { applyAppointment(st, std::move(a)); });
}

void Session::Impl::setAppointmentStatus(const store::SetAppointmentStatus& intent) {
  const std::string name = names.appointment(intent.appointmentId);
  const std::string label = std::string(intent.status == model::AppointmentStatus::InProgress ? "Start " : "Complete ") + name;
  TrackedAction action(*this, store::ActionKind::AppointmentStatus, label);
  auto body = api::appointmentStatusBody(intent.status);
  if (!body) {
    action.fail(label + " not sent: " + body.error());
    return;
  }
  // PATCH is not idempotent in general; a status change to the same value is, so a lost
  // answer is checked by reading the appointment back.
  Reply r = call("PATCH", api::appointmentStatusPath(intent.appointmentId), *body, net::Priority::User, label);
  if (!r.ok() && r.response.status != 0) {
    action.fail(label + " failed: " + api::explain(*r.error, api::Action::UpdateAppointment));
    return;
  }
  const auto updated = fetchAppointment(intent.appointmentId);
  if (updated && updated->status == intent.status)
    action.succeed(name + ": " + std::string(model::toString(intent.status)) + ".");
  else
    action.fail(label + " failed: " + (r.ok() ? "Genesys Cloud did not apply it." : r.response.errorMessage));
}

// [SECTION] Transcripts

// Reads the conversation afresh (the detail may be minutes old): whether the call is
// still live decides between the live topic and the post-call transcript.
void Session::Impl::openTranscript(const std::string& conversationId) {
  std::string agentId;
  {
    std::lock_guard lock(openMutex);
    transcriptConversationId = conversationId;
    agentId = selectedAgentId;
  }
  TranscriptJob job;
  job.conversationId = conversationId;
  bool live = false;
  Reply r = call("GET", api::conversationPath(conversationId), "", net::Priority::User, "conversation");
  if (auto c = r.ok() ? api::decodeConversation(r.body()) : api::Result<model::Conversation>(api::fail("unread"))) {
    if (const model::Participant* p = model::agentParticipant(*c, agentId))
      for (const auto& comm : p->communications)
        if (comm.media == model::Media::Call) job.communicationId = comm.id;
    live = c->endTime == 0 && model::isLiveFor(*c, agentId);
    job.crossRegion = !c->region.empty() && !config.homeRegion.empty() && c->region != config.homeRegion;
    store.post([c = *c](store::State& st) mutable { applyConversation(st, std::move(c)); });
  }
  job.maxAttempts = transcriptAttempts(config.transcriptPatience * (job.crossRegion ? config.crossRegionPatienceFactor : 1),
                                       config.transcriptBaseDelay, config.transcriptMaxDelay);
  transcriptJob = job;
  store.post([job, live](store::State& st) {
    model::Transcript t;  // a new interaction: the previous transcript is purged
    t.conversationId = job.conversationId;
    t.communicationId = job.communicationId;
    t.state = live ? model::TranscriptState::Live : model::TranscriptState::Pending;
    t.crossRegion = job.crossRegion;
    t.maxAttempts = job.maxAttempts;
    st.transcript.edit() = std::move(t);
    st.detail.edit().openConversationId = job.conversationId;
  });
  control.post([this] { planSubscriptions(); });
  if (!live) fetchTranscript(conversationId, 1);
}

// After the call: transcripturl answers 404 until the transcript is ready. Attempt n waits
// n x the base delay (longer across regions) before the next; then "unavailable" + Retry.
void Session::Impl::fetchTranscript(std::string conversationId, int attempt) {
  {
    std::lock_guard lock(openMutex);
    if (transcriptConversationId != conversationId) return;  // the supervisor left it
  }
  const TranscriptJob job = transcriptJob;
  if (job.conversationId != conversationId) return;
  if (job.communicationId.empty()) {
    store.post([](store::State& st) {
      auto& tr = st.transcript.edit();
      tr.state = model::TranscriptState::Failed;
      tr.note = "This interaction has no call to transcribe.";
    });
    return;
  }
  store.post([attempt](store::State& st) {
    auto& tr = st.transcript.edit();
    tr.attempts = attempt;
    if (tr.state != model::TranscriptState::Ready) tr.state = model::TranscriptState::Pending;
  });

  Reply r = call("GET", api::transcriptUrlPath(conversationId, job.communicationId), "", net::Priority::Background,
                 "transcript url");
  if (r.ok()) {
    // The pre-signed URL is fetched without the Authorization header. It expires (10 min):
    // an expired or refused one is asked for again, once.
    auto lines = fetchTranscriptDocument(r.body());
    if (!lines) {
      Reply again = call("GET", api::transcriptUrlPath(conversationId, job.communicationId), "",
                         net::Priority::Background, "transcript url (again)");
      if (again.ok()) lines = fetchTranscriptDocument(again.body());
    }
    store.post([conversationId, lines = std::move(lines)](store::State& st) {
      if (st.transcript->conversationId != conversationId) return;
      auto& tr = st.transcript.edit();
      if (lines) {
        tr.lines = *lines;
        tr.state = model::TranscriptState::Ready;
        tr.note.clear();
      } else {
        tr.state = model::TranscriptState::Failed;
        tr.note = "The transcript could not be read: " + lines.error();
      }
    });
    return;
  }
  if (r.response.status == 404 && attempt < job.maxAttempts) {
    const auto delay = transcriptWait(attempt, config.transcriptBaseDelay, config.transcriptMaxDelay);
    actions.postAfter(delay, [this, conversationId, attempt] { fetchTranscript(conversationId, attempt + 1); });
    return;
  }
  const bool exhausted = r.response.status == 404;
  store.post([conversationId, exhausted, message = api::explain(*r.error, api::Action::FetchTranscript)](store::State& st) {
    if (st.transcript->conversationId != conversationId) return;
    auto& tr = st.transcript.edit();
    tr.state = exhausted ? model::TranscriptState::Unavailable : model::TranscriptState::Failed;
    tr.note = exhausted ? "Genesys Cloud has not produced the transcript yet." : message;
  });
}

// The document behind a transcripturl answer, or why it could not be had.
api::Result<std::vector<model::TranscriptLine>> Session::Impl::fetchTranscriptDocument(std::string_view urlAnswer) {
  auto link = api::decodeTranscriptUrl(urlAnswer);
  if (!link) return api::fail(link.error());
  Reply doc = call("GET", *link, "", net::Priority::Background, "transcript document", false);
  // The storage answers an expired or refused pre-signed URL with 403 (and an XML body).
  if (doc.response.status == 403) return api::fail("the transcript link has expired or was refused (HTTP 403)");
  if (!doc.ok()) return api::fail(doc.error->message.empty() ? "HTTP " + std::to_string(doc.response.status) : doc.error->message);
  return api::decodeTranscriptDocument(doc.body());
}

std::chrono::milliseconds transcriptWait(int attempt, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
  const int doublings = std::clamp(attempt - 1, 0, 20);
  return std::min(cap, std::chrono::milliseconds(base.count() << doublings));
}

int transcriptAttempts(std::chrono::milliseconds patience, std::chrono::milliseconds base, std::chrono::milliseconds cap) {
  int attempts = 1;
  for (auto waited = std::chrono::milliseconds(0); attempts < 1000; ++attempts) {
    waited += transcriptWait(attempts, base, cap);
    if (waited > patience) break;
  }
  return attempts;
}

// [SECTION] HAR export

void Session::Impl::exportHar(const std::string& path, const std::vector<std::uint64_t>& sequences) {
  const model::TimeMs at = now();
  std::ofstream out(path);
  out << traffic->exportHar(sequences);
  const bool ok = static_cast<bool>(out);
  store.post([path, ok, at](store::State& st) {
    st.toast(ok ? store::ToastLevel::Success : store::ToastLevel::Error,
             ok ? "Redacted HAR written to " + path : "Could not write " + path, at);
  });
}

}  // namespace workers
