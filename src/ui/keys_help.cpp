// The keys window (? or F1): every shortcut of the desk in one place, so a supervisor can
// work the panel without the mouse.
#include <imgui.h>

#include "ui/ui.h"

namespace ui {

namespace {

struct KeyLine {
  const char* keys;
  const char* does;
};

struct KeyGroup {
  const char* where;
  std::initializer_list<KeyLine> lines;
};

// What handleKeyboard, handleViewKeys (browse), handleAgentActionKeys, handleDetailKeys and
// drawDesk listen for.
const KeyGroup kGroups[] = {
    {"Agent list",
     {{"↑ ↓  PgUp PgDn", "move the cursor"},
      {"Enter", "open the agent under the cursor"},
      {"Space", "select or unselect the cursor's agent"},
      {"Ctrl+A / Esc", "select every listed agent / clear the selection"},
      {"Ctrl+F", "filter by name"},
      {"1 … 9", "view: 1 all agents, 2 my direct reports, 3 onwards the queues in the strip's order"}}},
    {"Agents (the selection, else the cursor's row, else the opened agent)",
     {{"Q / O", "On Queue / Off Queue"}, {"L", "log out (asks first)"}}},
    {"Opened agent",
     {{"M / C / B", "monitor / coach / barge in on their live call"},
      {"K", "book coaching on their first interaction"},
      {"T", "open that interaction's transcript"},
      {"Alt+1 / 2 / 3", "Interactions / Transcript / Coaching tab"},
      {"S / D", "start / complete the soonest open coaching appointment"},
      {"Esc", "close the agent (when nothing is selected)"}}},
    {"Windows",
     {{"F9", "open a wallboard window (another monitor when there is one)"},
      {"F12 / Shift+F12", "debug overlay / the overlay in a window of its own"},
      {"F8", "alert sound off / on for this window"},
      {"? or F1", "this list"}}},
};

}  // namespace

bool shortcutsAllowed() {
  const ImGuiIO& io = ImGui::GetIO();
  return !io.WantTextInput && !io.KeyCtrl && !ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup);
}

void drawKeysHelp(DeskUi& ui) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.5f, viewport->WorkPos.y + 60),
                          ImGuiCond_Appearing, ImVec2(0.5f, 0));
  if (!ImGui::Begin("Keys", &ui.showKeys, ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoSavedSettings)) {
    ImGui::End();
    return;
  }
  for (const KeyGroup& group : kGroups) {
    ImGui::TextDisabled("%s", group.where);
    if (ImGui::BeginTable(group.where, 2, ImGuiTableFlags_SizingFixedFit)) {
      for (const KeyLine& line : group.lines) {
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::TextUnformatted(line.keys);
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(line.does);
      }
      ImGui::EndTable();
    }
    ImGui::Spacing();
  }
  ImGui::End();
}

}  // namespace ui
