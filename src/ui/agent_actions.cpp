// Agent actions (issue 14): the menu shared by the browse row's context menu and the
// detail view's buttons — On Queue, Off Queue, a presence (secondary ones under their
// primary), a queue membership on or off, log out after a confirmation. Every item sends
// a ChangeAgents intent with what the supervisor saw; outcomes arrive as action records.
#include <imgui.h>

#include <GLFW/glfw3.h>

#include "ui/ui.h"

namespace ui {

namespace {

// The intent for `ids` as the snapshot shows them now.
store::ChangeAgents changeFor(const Frame& f, const std::vector<std::string>& ids, store::AgentChangeKind kind) {
  store::ChangeAgents change;
  change.kind = kind;
  for (const auto& id : ids)
    if (const model::Agent* a = f.snap.agents.find(id)) change.agents.push_back({id, a->presence, a->routing});
  return change;
}

void drawPresenceItems(const Frame& f, const std::vector<std::string>& ids) {
  for (const auto& option : *f.snap.presenceOptions) {
    if (option.presence == model::Presence::OnQueue || option.presence == model::Presence::Offline) continue;
    const std::string label = option.secondary
                                  ? "   " + option.label + " (" + std::string(model::toString(option.presence)) + ")"
                                  : option.label;
    if (!ImGui::MenuItem(label.c_str())) continue;
    store::ChangeAgents change = changeFor(f, ids, store::AgentChangeKind::Presence);
    change.presenceDefinitionId = option.id;
    change.presenceLabel = option.label;
    f.intents.send(std::move(change));
  }
  if (f.snap.presenceOptions->empty()) ImGui::TextDisabled("The org's presences are not loaded yet.");
}

void drawMembershipItems(const Frame& f, const std::vector<std::string>& ids) {
  for (const auto& queueId : *f.snap.queueOrder) {
    const model::Queue* q = f.snap.queues.find(queueId);
    if (!q || !ImGui::BeginMenu(q->name.c_str())) continue;
    for (const bool activate : {true, false}) {
      if (!ImGui::MenuItem(activate ? "Activate" : "Deactivate")) continue;
      store::ChangeAgents change = changeFor(f, ids, store::AgentChangeKind::QueueMembership);
      change.queueId = q->id;
      change.queueName = q->name;
      change.activate = activate;
      f.intents.send(std::move(change));
    }
    ImGui::EndMenu();
  }
}

void askLogOut(const std::vector<std::string>& ids, AgentActionsUi& ui) {
  ui.pendingLogOut = ids;
  ui.openConfirm = true;
}

}  // namespace

void drawAgentActionsMenu(const Frame& f, const std::vector<std::string>& ids, AgentActionsUi& ui) {
  if (ids.size() > 1) ImGui::TextDisabled("%zu agents selected", ids.size());
  if (ImGui::MenuItem("On Queue", "Q")) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OnQueue));
  if (ImGui::MenuItem("Off Queue", "O")) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OffQueue));
  if (ImGui::BeginMenu("Presence")) {
    drawPresenceItems(f, ids);
    ImGui::EndMenu();
  }
  if (ImGui::BeginMenu("Queue membership")) {
    drawMembershipItems(f, ids);
    ImGui::EndMenu();
  }
  ImGui::Separator();
  if (ImGui::MenuItem("Log out…", "L")) askLogOut(ids, ui);
}

void drawAgentActionButtons(const Frame& f, const std::string& agentId, AgentActionsUi& ui) {
  const std::vector<std::string> ids{agentId};
  if (ImGui::SmallButton("On Queue")) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OnQueue));
  ImGui::SameLine();
  if (ImGui::SmallButton("Off Queue")) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OffQueue));
  ImGui::SameLine();
  if (ImGui::SmallButton("Presence ▾")) ImGui::OpenPopup("detail-presence");
  if (ImGui::BeginPopup("detail-presence")) {
    drawPresenceItems(f, ids);
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Queues ▾")) ImGui::OpenPopup("detail-queues");
  if (ImGui::BeginPopup("detail-queues")) {
    drawMembershipItems(f, ids);
    ImGui::EndPopup();
  }
  ImGui::SameLine();
  if (ImGui::SmallButton("Log out…")) askLogOut(ids, ui);
  drawLogOutConfirmation(f, ui);
}

void handleAgentActionKeys(const Frame& f, const std::vector<std::string>& ids, AgentActionsUi& ui) {
  if (ids.empty() || !shortcutsAllowed()) return;
  if (ImGui::IsKeyPressed(GLFW_KEY_Q, false)) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OnQueue));
  if (ImGui::IsKeyPressed(GLFW_KEY_O, false)) f.intents.send(changeFor(f, ids, store::AgentChangeKind::OffQueue));
  if (ImGui::IsKeyPressed(GLFW_KEY_L, false)) askLogOut(ids, ui);
}

void drawLogOutConfirmation(const Frame& f, AgentActionsUi& ui) {
  constexpr const char* kTitle = "Log out?";
  if (ui.openConfirm) {
    ImGui::OpenPopup(kTitle);
    ui.openConfirm = false;
  }
  if (!ImGui::BeginPopupModal(kTitle, nullptr, ImGuiWindowFlags_AlwaysAutoResize)) return;
  std::string who;
  for (const auto& id : ui.pendingLogOut)
    if (const model::Agent* a = f.snap.agents.find(id)) who += (who.empty() ? "" : ", ") + a->name;
  ImGui::TextWrapped("Log out %s? Every Genesys Cloud session of %s ends and %s goes Offline.", who.c_str(),
                     ui.pendingLogOut.size() == 1 ? "this agent" : "these agents",
                     ui.pendingLogOut.size() == 1 ? "the agent" : "each");
  if (ImGui::Button("Log out") || ImGui::IsKeyPressed(GLFW_KEY_ENTER, false)) {
    f.intents.send(changeFor(f, ui.pendingLogOut, store::AgentChangeKind::LogOut));
    ui.pendingLogOut.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::SameLine();
  if (ImGui::Button("Cancel") || ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) {
    ui.pendingLogOut.clear();
    ImGui::CloseCurrentPopup();
  }
  ImGui::EndPopup();
}

}  // namespace ui
