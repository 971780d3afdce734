// Detail: the selected agent's live interactions with Monitor / Coach / Barge and Book
// coaching, the open interaction's transcript (masked), and the supervisor's coaching
// appointments. Every button sends an intent; outcomes arrive as action records.
#include <imgui.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <utility>

#include "ui/ui.h"

namespace ui {

namespace {

std::string localDateTime(model::TimeMs t) { return localTime(t, "%a %d %b %H:%M"); }

const char* speakerLabel(model::Speaker s) {
  switch (s) {
    case model::Speaker::Agent:
    case model::Speaker::Internal: return "Agent";
    case model::Speaker::Customer:
    case model::Speaker::External: return "Customer";
    case model::Speaker::Unknown: break;
  }
  return "?";
}

std::string participantLabel(const store::Snapshot& snap, const model::Participant& p) {
  if (!p.userId.empty() && p.userId == snap.session->userId) return "You";
  if (!p.userId.empty())
    if (const model::Agent* a = snap.agents.find(p.userId)) return a->name;
  return p.name.empty() ? p.purposeRaw : p.name;
}

// The agent's communication in `c`: the connected one, else the last listed; null if none.
const model::Communication* agentCommunication(const model::Conversation& c, const std::string& agentId) {
  const model::Participant* mine = model::agentParticipant(c, agentId);
  const model::Communication* comm = nullptr;
  if (mine)
    for (const auto& candidate : mine->communications)
      if (!comm || candidate.state == model::CommState::Connected) comm = &candidate;
  return comm;
}

void drawInteraction(const Frame& f, const model::Agent& agent, const model::Conversation& c, DetailUi& ui) {
  const model::Participant* mine = model::agentParticipant(c, agent.id);
  ImGui::PushID(c.id.c_str());
  ImGui::Separator();

  const model::Communication* comm = agentCommunication(c, agent.id);
  const char* media = comm ? mediaLabel(comm->media) : "Interaction";
  const std::string direction = comm ? comm->direction : "";
  std::string queueName;
  for (const auto& p : c.participants)
    if (!p.queueId.empty())
      if (const model::Queue* q = f.snap.queues.find(p.queueId)) queueName = q->name;
  ImGui::Text("%s · %s · %s · %s", media, direction.empty() ? "-" : direction.c_str(),
              queueName.empty() ? "no queue" : queueName.c_str(),
              model::formatDuration(mine && mine->connectedTime ? mine->connectedTime : c.startTime, f.now).c_str());
  if (comm && comm->held)
    ImGui::TextColored(severityColor(model::Severity::Red, f.uiTime), "on hold %s",
                       model::formatDuration(comm->startHoldTime, f.now).c_str());
  if (mine && mine->wrapupRequired && !mine->hasWrapup) ImGui::TextDisabled("wrap-up pending");

  for (const auto& p : c.participants) {
    if (p.purpose == model::Purpose::Customer || p.purpose == model::Purpose::External) {
      ImGui::Text("customer %s %s", p.name.c_str(), p.address.c_str());
      break;
    }
  }
  const auto supervisors = mine ? model::supervisorsOn(c, mine->id) : std::vector<const model::Participant*>{};
  if (supervisors.empty()) {
    ImGui::TextDisabled("no supervisor on this interaction");
  } else {
    std::string who;
    for (const auto* p : supervisors) {
      const char* how = !p->monitoredParticipantId.empty() ? "monitoring"
                        : !p->coachedParticipantId.empty() ? "coaching"
                                                           : "barged in";
      who += (who.empty() ? "" : ", ") + participantLabel(f.snap, *p) + " " + how;
    }
    ImGui::TextColored(ImVec4(0.75f, 0.6f, 1.0f, 1.0f), "%s", who.c_str());
  }

  const bool live = model::isLiveFor(c, agent.id);
  const bool isCall = comm && (comm->media == model::Media::Call);
  ImGui::BeginDisabled(!live || !isCall);
  if (ImGui::Button("Monitor")) f.intents.send(store::JoinCall{c.id, agent.id, store::JoinMode::Monitor});
  ImGui::SameLine();
  if (ImGui::Button("Coach")) f.intents.send(store::JoinCall{c.id, agent.id, store::JoinMode::Coach});
  ImGui::SameLine();
  if (ImGui::Button("Barge")) f.intents.send(store::JoinCall{c.id, agent.id, store::JoinMode::Barge});
  ImGui::EndDisabled();
  ImGui::SameLine();
  if (ImGui::Button("Book coaching"))
    f.intents.send(store::BookCoaching{agent.id, c.id, 0, ui.bookLengthMinutes, ui.bookNote});
  ImGui::SameLine();
  if (ImGui::Button("Transcript")) f.intents.send(store::OpenConversation{c.id});
  if (!live && isCall) ImGui::TextDisabled("The call is no longer connected: live actions are off.");
  ImGui::PopID();
}

void drawTranscript(const Frame& f) {
  const model::Transcript& t = *f.snap.transcript;
  switch (t.state) {
    case model::TranscriptState::None:
      ImGui::TextDisabled("Open an interaction's transcript with its Transcript button.");
      return;
    case model::TranscriptState::Live: ImGui::TextColored(linkColor(store::LinkState::Live), "● live transcription"); break;
    case model::TranscriptState::Pending:
      ImGui::TextColored(linkColor(store::LinkState::Reconnecting), "Transcript pending (attempt %d of %d)", t.attempts,
                         t.maxAttempts);
      break;
    case model::TranscriptState::Ready: ImGui::TextDisabled("Transcript"); break;
    case model::TranscriptState::Unavailable:
    case model::TranscriptState::Failed:
      ImGui::TextColored(linkColor(store::LinkState::Stale), "Transcript unavailable");
      ImGui::SameLine();
      if (ImGui::SmallButton("Retry")) f.intents.send(store::RetryTranscript{});
      break;
  }
  if (t.crossRegion) ImGui::TextDisabled("The transcript may take longer: this interaction is in another region.");
  if (!t.note.empty()) ImGui::TextWrapped("%s", t.note.c_str());
  ImGui::BeginChild("transcript-lines", ImVec2(0, 0), true);
  for (const auto& line : t.lines) {
    const bool agent = line.speaker == model::Speaker::Agent || line.speaker == model::Speaker::Internal;
    ImGui::TextColored(agent ? ImVec4(0.55f, 0.75f, 1.0f, 1.0f) : ImVec4(0.95f, 0.85f, 0.55f, 1.0f), "%s %s",
                       speakerLabel(line.speaker), model::formatDuration(1, 1 + line.offsetMs).c_str());
    ImGui::SameLine();
    ImGui::TextWrapped("%s%s", line.text.c_str(), line.final ? "" : " …");
  }
  if (ImGui::GetScrollY() >= ImGui::GetScrollMaxY() - 4) ImGui::SetScrollHereY(1.0f);
  ImGui::EndChild();
}

// The supervisor's appointments, soonest first.
std::vector<const model::Appointment*> appointmentsByDate(const store::Snapshot& snap) {
  std::vector<const model::Appointment*> list;
  snap.appointments.forEach([&](const model::Appointment& a) { list.push_back(&a); });
  std::sort(list.begin(), list.end(), [](auto* x, auto* y) { return x->dateStart < y->dateStart; });
  return list;
}

void drawAppointments(const Frame& f) {
  if (f.snap.appointments.empty()) {
    ImGui::TextDisabled("No coaching appointments.");
    return;
  }
  const std::vector<const model::Appointment*> list = appointmentsByDate(f.snap);
  if (!ImGui::BeginTable("appointments", 4, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerV)) return;
  ImGui::TableSetupColumn("When", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  ImGui::TableSetupColumn("Appointment");
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 6);
  ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, ImGui::GetFontSize() * 9);
  ImGui::TableHeadersRow();
  for (const auto* a : list) {
    ImGui::PushID(a->id.c_str());
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::Text("%s", localDateTime(a->dateStart).c_str());
    ImGui::TableSetColumnIndex(1);
    std::string attendees;
    for (const auto& id : a->attendeeIds)
      if (const model::Agent* ag = f.snap.agents.find(id)) attendees += (attendees.empty() ? "" : ", ") + ag->name;
    ImGui::Text("%s%s%s", a->name.c_str(), attendees.empty() ? "" : " · ", attendees.c_str());
    ImGui::TableSetColumnIndex(2);
    ImGui::TextUnformatted(std::string(model::toString(a->status)).c_str());
    ImGui::TableSetColumnIndex(3);
    if (a->status == model::AppointmentStatus::Scheduled) {
      if (ImGui::SmallButton("Start"))
        f.intents.send(store::SetAppointmentStatus{a->id, model::AppointmentStatus::InProgress});
      ImGui::SameLine();
    }
    if (a->status == model::AppointmentStatus::Scheduled || a->status == model::AppointmentStatus::InProgress)
      if (ImGui::SmallButton("Complete"))
        f.intents.send(store::SetAppointmentStatus{a->id, model::AppointmentStatus::Completed});
    ImGui::PopID();
  }
  ImGui::EndTable();
}

void drawActions(const Frame& f) {
  const auto& actions = *f.snap.actions;
  int shown = 0;
  for (auto it = actions.rbegin(); it != actions.rend() && shown < 4; ++it, ++shown) {
    switch (it->state) {
      case store::ActionState::Pending: ImGui::TextDisabled("… %s", it->label.c_str()); break;
      case store::ActionState::Succeeded:
        ImGui::TextColored(linkColor(store::LinkState::Live), "✓ %s", it->outcome.c_str());
        break;
      case store::ActionState::Failed:
        ImGui::TextColored(linkColor(store::LinkState::Stale), "✗ %s", it->outcome.c_str());
        break;
    }
  }
}

// S / D: the soonest appointment still open starts (Scheduled -> InProgress) or completes.
// Sorted only when a key asks for it, not every frame.
void setSoonestAppointment(const Frame& f, bool start) {
  using model::AppointmentStatus;
  for (const model::Appointment* a : appointmentsByDate(f.snap)) {
    if (start && a->status == AppointmentStatus::Scheduled) {
      f.intents.send(store::SetAppointmentStatus{a->id, AppointmentStatus::InProgress});
      return;
    }
    if (!start && (a->status == AppointmentStatus::Scheduled || a->status == AppointmentStatus::InProgress)) {
      f.intents.send(store::SetAppointmentStatus{a->id, AppointmentStatus::Completed});
      return;
    }
  }
}

// The detail's keys: Alt+1..3 bring a tab forward; M monitor, C coach, B barge the agent's
// live call; K books coaching on, and T opens the transcript of, the first interaction
// listed; S starts and D completes the soonest open appointment.
void handleDetailKeys(const Frame& f, const model::Agent& agent, const store::DetailState& d, DetailUi& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyAlt && !io.WantTextInput)
    for (int tab = 0; tab < 3; ++tab)
      if (ImGui::IsKeyPressed(GLFW_KEY_1 + tab, false)) ui.selectTab = tab;
  if (!shortcutsAllowed() || io.KeyAlt) return;
  const model::Conversation* first = nullptr;
  const model::Conversation* call = nullptr;
  for (const auto& id : d.conversationIds) {
    const model::Conversation* c = f.snap.conversations.find(id);
    if (!c) continue;
    if (!first) first = c;
    const model::Communication* comm = agentCommunication(*c, agent.id);
    if (!call && comm && comm->media == model::Media::Call && model::isLiveFor(*c, agent.id)) call = c;
  }
  const std::pair<int, store::JoinMode> joins[] = {
      {GLFW_KEY_M, store::JoinMode::Monitor}, {GLFW_KEY_C, store::JoinMode::Coach}, {GLFW_KEY_B, store::JoinMode::Barge}};
  for (const auto& [key, mode] : joins)
    if (call && ImGui::IsKeyPressed(key, false)) f.intents.send(store::JoinCall{call->id, agent.id, mode});
  if (first && ImGui::IsKeyPressed(GLFW_KEY_K, false))
    f.intents.send(store::BookCoaching{agent.id, first->id, 0, ui.bookLengthMinutes, ui.bookNote});
  if (first && ImGui::IsKeyPressed(GLFW_KEY_T, false)) f.intents.send(store::OpenConversation{first->id});
  const bool start = ImGui::IsKeyPressed(GLFW_KEY_S, false), complete = ImGui::IsKeyPressed(GLFW_KEY_D, false);
  if (start || complete) setSoonestAppointment(f, start);
}

// Alt+1..3 asked for this tab.
ImGuiTabItemFlags selectedBy(DetailUi& ui, int tab) {
  if (ui.selectTab != tab) return 0;
  ui.selectTab = -1;
  return ImGuiTabItemFlags_SetSelected;
}

}  // namespace

void drawDetailPanel(const Frame& f, DetailUi& ui) {
  const store::DetailState& d = *f.snap.detail;
  const model::Agent* agent = d.agentId.empty() ? nullptr : f.snap.agents.find(d.agentId);
  if (agent && f.report) f.report->agentIds.push_back(agent->id);
  if (!agent) {
    ImGui::TextDisabled("Select an agent to see their interactions.");
    ImGui::Spacing();
    if (ImGui::CollapsingHeader("My coaching appointments", ImGuiTreeNodeFlags_DefaultOpen)) drawAppointments(f);
    drawActions(f);
    return;
  }
  const model::AgentAlert alert = model::assessAgent(*agent, f.now, f.limits);
  ImGui::Text("%s", agent->name.c_str());
  ImGui::SameLine();
  ImGui::TextColored(severityColor(alert.severity, f.uiTime), "· %s · %s %s",
                     agent->presenceLabel.empty() ? std::string(model::toString(agent->presence)).c_str()
                                                  : agent->presenceLabel.c_str(),
                     std::string(model::toString(agent->routing)).c_str(),
                     model::formatDuration(agent->routingSince, f.now).c_str());
  ImGui::SameLine(ImGui::GetWindowWidth() - ImGui::GetFontSize() * 4);
  if (ImGui::SmallButton("Close")) f.intents.send(store::SelectAgent{});
  drawAgentActionButtons(f, agent->id, ui.actions);
  drawActions(f);
  handleDetailKeys(f, *agent, d, ui);

  // Follow what the supervisor just did: a transcript opened, a booking made.
  ImGuiTabItemFlags transcriptFlags = 0, coachingFlags = 0;
  if (d.openConversationId != ui.shownTranscriptFor) {
    ui.shownTranscriptFor = d.openConversationId;
    if (!d.openConversationId.empty()) transcriptFlags = ImGuiTabItemFlags_SetSelected;
  }
  for (const auto& action : *f.snap.actions)
    if (action.kind == store::ActionKind::BookCoaching && action.state == store::ActionState::Succeeded &&
        action.id > ui.lastBookingSeen) {
      ui.lastBookingSeen = action.id;
      coachingFlags = ImGuiTabItemFlags_SetSelected;
    }

  if (!ImGui::BeginTabBar("detail-tabs")) return;
  if (ImGui::BeginTabItem("Interactions", nullptr, selectedBy(ui, 0))) {
    ImGui::SetNextItemWidth(ImGui::GetFontSize() * 6);
    ImGui::SliderInt("coaching length (min)", &ui.bookLengthMinutes, 15, 120);
    ImGui::SetNextItemWidth(-1);
    ImGui::InputTextWithHint("##note", "note for the coaching appointment", ui.bookNote, sizeof ui.bookNote);
    if (d.loading) ImGui::TextDisabled("Loading interactions…");
    if (!d.error.empty()) ImGui::TextColored(linkColor(store::LinkState::Stale), "%s", d.error.c_str());
    if (!d.loading && d.conversationIds.empty() && d.error.empty()) ImGui::TextDisabled("No live interactions.");
    for (const auto& id : d.conversationIds)
      if (const model::Conversation* c = f.snap.conversations.find(id)) drawInteraction(f, *agent, *c, ui);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Transcript", nullptr, transcriptFlags | selectedBy(ui, 1))) {
    drawTranscript(f);
    ImGui::EndTabItem();
  }
  if (ImGui::BeginTabItem("Coaching", nullptr, coachingFlags | selectedBy(ui, 2))) {
    drawAppointments(f);
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace ui
