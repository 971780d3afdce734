// Browse: the agents the supervisor may see. The store filters and sorts (off the frame
// path); this view draws only the rows the clipper says are visible, so 10,000 agents
// cost what 50 do.
#include <imgui.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cstdio>
#include <cstring>

#include "ui/ui.h"

namespace ui {

namespace {

constexpr const char* kRoutingFilterNames[] = {"Any status",  "Unknown", "Off queue", "Idle",
                                               "Interacting", "Not responding", "Communicating"};

store::SortColumn columnToSort(int column) {
  switch (column) {
    case 1: return store::SortColumn::Presence;
    case 2: return store::SortColumn::Routing;
    case 3: return store::SortColumn::TimeInStatus;
    case 4: return store::SortColumn::Interactions;
    case 5: return store::SortColumn::Queues;
    default: return store::SortColumn::Name;
  }
}

// Switches to a saved view: its queue found by name among the org's (all agents when the
// org has no such queue), its text shown in the filter box.
void applySavedView(const Frame& f, BrowseUi& ui, const SavedView& saved) {
  store::ViewSpec view = saved.view;
  if (!saved.queueName.empty())
    for (const auto& id : *f.snap.queueOrder)
      if (const model::Queue* q = f.snap.queues.find(id); q && q->name == saved.queueName) {
        view.scope = store::AgentScope::Queue;
        view.queueId = id;
      }
  std::snprintf(ui.filter, sizeof ui.filter, "%s", view.text.c_str());
  f.intents.send(store::SetView{view});
}

// The config file's saved views, numbered as their keys.
void drawSavedViewsMenu(const Frame& f, BrowseUi& ui) {
  if (ui.savedViews.empty()) return;
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 7);
  if (!ImGui::BeginCombo("##views", "Views", ImGuiComboFlags_HeightLarge)) return;
  for (std::size_t i = 0; i < ui.savedViews.size(); ++i) {
    const std::string label = (i < 9 ? std::to_string(i + 1) + "  " : "   ") + ui.savedViews[i].name;
    if (ImGui::Selectable(label.c_str())) applySavedView(f, ui, ui.savedViews[i]);
  }
  ImGui::EndCombo();
}

void drawFilters(const Frame& f, BrowseUi& ui) {
  store::ViewSpec view = f.snap.view;
  bool changed = false;

  if (ui.focusFilter) {
    ImGui::SetKeyboardFocusHere();
    ui.focusFilter = false;
  }
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 12);
  if (ImGui::InputTextWithHint("##filter", "filter (Ctrl+F)", ui.filter, sizeof ui.filter)) {
    view.text = ui.filter;
    changed = true;
  }

  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
  const auto& queues = *f.snap.queueOrder;
  std::string scopeLabel = "All agents";
  if (view.scope == store::AgentScope::DirectReports) scopeLabel = "My direct reports";
  if (view.scope == store::AgentScope::Queue)
    if (const model::Queue* q = f.snap.queues.find(view.queueId)) scopeLabel = "Queue: " + q->name;
  if (ImGui::BeginCombo("##scope", scopeLabel.c_str())) {
    if (ImGui::Selectable("All agents", view.scope == store::AgentScope::All)) {
      view.scope = store::AgentScope::All;
      changed = true;
    }
    if (ImGui::Selectable("My direct reports", view.scope == store::AgentScope::DirectReports)) {
      view.scope = store::AgentScope::DirectReports;
      changed = true;
    }
    for (const auto& id : queues) {
      const model::Queue* q = f.snap.queues.find(id);
      if (!q) continue;
      std::string label = "Queue: " + q->name;
      if (ImGui::Selectable(label.c_str(), view.scope == store::AgentScope::Queue && view.queueId == id)) {
        view.scope = store::AgentScope::Queue;
        view.queueId = id;
        changed = true;
      }
    }
    ImGui::EndCombo();
  }

  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 9);
  int filterIndex = view.routingFilter + 1;
  if (ImGui::Combo("##routing", &filterIndex, kRoutingFilterNames, IM_ARRAYSIZE(kRoutingFilterNames))) {
    view.routingFilter = filterIndex - 1;
    changed = true;
  }
  drawSavedViewsMenu(f, ui);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu agents", f.snap.agentRows->size());
  if (!ui.marked.empty()) {
    ImGui::SameLine();
    ImGui::Text("· %zu selected", ui.marked.size());
    ImGui::SameLine();
    if (ImGui::SmallButton("Actions ▾")) ImGui::OpenPopup("selection-actions");
    if (ImGui::BeginPopup("selection-actions")) {
      drawAgentActionsMenu(f, ui.marked, ui.actions);
      ImGui::EndPopup();
    }
  }
  if (changed) f.intents.send(store::SetView{view});
}

// "☎1 chat 2", only the media in use; after-call work in brackets.
std::string activeSummary(const model::MediaCounts& m) {
  static constexpr const char* kShort[] = {"☎", "cb ", "chat ", "mail ", "msg "};
  std::string out;
  for (int i = 0; i < model::kMediaCount; ++i) {
    if (m.active[i]) out += (out.empty() ? "" : " ") + std::string(kShort[i]) + std::to_string(m.active[i]);
    if (m.acw[i]) out += (out.empty() ? "" : " ") + std::string("(acw ") + std::string(kShort[i]) + std::to_string(m.acw[i]) + ")";
  }
  return out.empty() ? "-" : out;
}

bool isMarked(const BrowseUi& ui, const std::string& id) {
  return std::find(ui.marked.begin(), ui.marked.end(), id) != ui.marked.end();
}

void toggleMark(BrowseUi& ui, const std::string& id) {
  if (isMarked(ui, id))
    std::erase(ui.marked, id);
  else
    ui.marked.push_back(id);
}

// A click: Ctrl toggles the row in the selection, Shift extends it from the anchor, a plain
// click opens the agent and starts a new selection there.
void clickRow(const Frame& f, const model::Agent& a, int rowIndex, BrowseUi& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  const auto& rows = *f.snap.agentRows;
  if (io.KeyShift && ui.anchorRow >= 0) {
    const int from = std::min(ui.anchorRow, rowIndex), to = std::max(ui.anchorRow, rowIndex);
    for (int i = from; i <= to && i < static_cast<int>(rows.size()); ++i)
      if (!isMarked(ui, rows[i])) ui.marked.push_back(rows[i]);
  } else if (io.KeyCtrl) {
    toggleMark(ui, a.id);
    ui.anchorRow = rowIndex;
  } else {
    ui.marked.clear();
    ui.anchorRow = rowIndex;
    f.intents.send(store::SelectAgent{a.id});
  }
  ui.cursorRow = rowIndex;
}

// What the actions act on: the selection, else the keyboard cursor's row, else the opened agent.
std::vector<std::string> actionTargets(const Frame& f, const BrowseUi& ui) {
  if (!ui.marked.empty()) return ui.marked;
  const auto& rows = *f.snap.agentRows;
  if (ui.keyboardUsed && ui.cursorRow < static_cast<int>(rows.size())) return {rows[ui.cursorRow]};
  if (!f.snap.detail->agentId.empty()) return {f.snap.detail->agentId};
  return {};
}

void drawRow(const Frame& f, const model::Agent& a, bool selected, int rowIndex, BrowseUi& ui) {
  const model::AgentAlert alert = model::assessAgent(a, f.now, f.limits);
  const ImVec4 color = severityColor(alert.severity, f.uiTime);
  ImGui::TableNextRow();
  if (rowIndex % 2 == 1) {  // zebra stripes as flat fills (see FlatFill): a textured quad per row costs more
    const ImVec2 at = ImGui::GetCursorScreenPos();
    const float height = ImGui::GetTextLineHeight() + 2 * ImGui::GetStyle().CellPadding.y;
    const ImVec4 base = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg), alt = ImGui::GetStyleColorVec4(ImGuiCol_TableRowBgAlt);
    const ImVec4 stripe(base.x + (alt.x - base.x) * alt.w, base.y + (alt.y - base.y) * alt.w, base.z + (alt.z - base.z) * alt.w, 1);
    addFlatFill(f.report, at.x - ImGui::GetStyle().CellPadding.x, at.y, at.x + ImGui::GetWindowWidth(), at.y + height, stripe);
  }
  if (alert.severity == model::Severity::Blinking) {  // only the severe ones light the whole row
    ImVec4 bg = color;
    bg.w = 0.22f;
    ImGui::TableSetBgColor(ImGuiTableBgTarget_RowBg1, ImGui::GetColorU32(bg));
  }

  ImGui::TableSetColumnIndex(0);
  ImGui::PushID(a.id.c_str());
  const bool marked = isMarked(ui, a.id);
  if (ImGui::Selectable(a.name.c_str(), selected || marked || (ui.keyboardUsed && rowIndex == ui.cursorRow),
                        ImGuiSelectableFlags_SpanAllColumns | ImGuiSelectableFlags_AllowItemOverlap))
    clickRow(f, a, rowIndex, ui);
  if (ImGui::BeginPopupContextItem("row-actions")) {
    drawAgentActionsMenu(f, marked ? ui.marked : std::vector<std::string>{a.id}, ui.actions);
    ImGui::EndPopup();
  }
  if (alert.reason[0] && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", alert.reason);
  ImGui::PopID();
  if (!a.notLiveReason.empty()) {  // this row's figures are as last read, not live
    ImGui::SameLine();
    ImGui::TextColored(linkColor(store::LinkState::Stale), "not live");
    if (ImGui::IsItemHovered()) ImGui::SetTooltip("%s", a.notLiveReason.c_str());
  }

  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(model::presenceText(a).c_str());

  ImGui::TableSetColumnIndex(2);
  ImGui::TextColored(color, "%s", model::routingText(a).c_str());

  ImGui::TableSetColumnIndex(3);
  // On a call the call timer matters more than the status timer.
  if (a.heldSince > 0)
    ImGui::TextColored(color, "hold %s", model::formatDuration(a.heldSince, f.now).c_str());
  else if (a.interactionSince > 0)
    ImGui::TextColored(color, "☎ %s", model::formatDuration(a.interactionSince, f.now).c_str());
  else
    ImGui::TextColored(color, "%s", model::formatDuration(a.routingSince, f.now).c_str());

  ImGui::TableSetColumnIndex(4);
  ImGui::TextUnformatted(activeSummary(a.media).c_str());

  ImGui::TableSetColumnIndex(5);
  ImGui::TextUnformatted(queueNames(f.snap, a).c_str());

  ImGui::TableSetColumnIndex(6);
  if (a.monitoredBy.empty()) {
    ImGui::TextDisabled("-");
  } else {
    std::string who;
    for (const auto& name : a.monitoredBy) who += (who.empty() ? "" : ", ") + name;
    ImGui::TextUnformatted(who.c_str());
  }
}

void handleKeyboard(const Frame& f, BrowseUi& ui, int rowCount) {
  if (rowCount == 0 || ImGui::GetIO().WantTextInput) return;
  int moved = 0;
  if (ImGui::IsKeyPressed(GLFW_KEY_DOWN)) moved = 1;
  if (ImGui::IsKeyPressed(GLFW_KEY_UP)) moved = -1;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_DOWN)) moved = 20;
  if (ImGui::IsKeyPressed(GLFW_KEY_PAGE_UP)) moved = -20;
  if (moved) {
    ui.cursorRow = std::clamp(ui.cursorRow + moved, 0, rowCount - 1);
    ui.keyboardUsed = true;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_ENTER) || ImGui::IsKeyPressed(GLFW_KEY_KP_ENTER))
    f.intents.send(store::SelectAgent{(*f.snap.agentRows)[ui.cursorRow]});
  if (ImGui::IsKeyPressed(GLFW_KEY_SPACE, false)) {
    toggleMark(ui, (*f.snap.agentRows)[ui.cursorRow]);
    ui.anchorRow = ui.cursorRow;
    ui.keyboardUsed = true;
  }
  if (ImGui::GetIO().KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_A, false)) ui.marked = *f.snap.agentRows;
  if (ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false)) ui.marked.clear();
}

// Keys 1-9 switch the view: the config file's saved views when there are any; else 1 all
// agents, 2 my direct reports, 3 onwards the queues in the strip's order.
void handleViewKeys(const Frame& f, BrowseUi& ui) {
  if (!shortcutsAllowed()) return;
  for (int digit = 1; digit <= 9; ++digit) {
    if (!ImGui::IsKeyPressed(GLFW_KEY_1 + digit - 1, false)) continue;
    if (!ui.savedViews.empty()) {
      if (static_cast<std::size_t>(digit) <= ui.savedViews.size()) applySavedView(f, ui, ui.savedViews[digit - 1]);
      return;
    }
    store::ViewSpec view = f.snap.view;
    const auto& queues = *f.snap.queueOrder;
    if (digit == 1) {
      view.scope = store::AgentScope::All;
    } else if (digit == 2) {
      view.scope = store::AgentScope::DirectReports;
    } else if (static_cast<std::size_t>(digit - 3) < queues.size()) {
      view.scope = store::AgentScope::Queue;
      view.queueId = queues[static_cast<std::size_t>(digit - 3)];
    } else {
      return;
    }
    f.intents.send(store::SetView{view});
  }
}

}  // namespace

void drawBrowsePanel(const Frame& f, BrowseUi& ui) {
  const ImGuiIO& io = ImGui::GetIO();
  if (io.KeyCtrl && ImGui::IsKeyPressed(GLFW_KEY_F)) ui.focusFilter = true;
  drawFilters(f, ui);

  const auto& rows = *f.snap.agentRows;
  const int rowCount = static_cast<int>(rows.size());
  ui.cursorRow = std::clamp(ui.cursorRow, 0, std::max(0, rowCount - 1));
  handleKeyboard(f, ui, rowCount);
  handleViewKeys(f, ui);
  if (!ImGui::IsPopupOpen("", ImGuiPopupFlags_AnyPopup)) handleAgentActionKeys(f, actionTargets(f, ui), ui.actions);
  drawLogOutConfirmation(f, ui.actions);

  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_Sortable |
                                ImGuiTableFlags_Resizable | ImGuiTableFlags_BordersInnerV |
                                ImGuiTableFlags_Reorderable | ImGuiTableFlags_Hideable;
  if (!ImGui::BeginTable("agents", 7, flags)) return;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Name", ImGuiTableColumnFlags_WidthStretch | ImGuiTableColumnFlags_DefaultSort, 2.0f);
  ImGui::TableSetupColumn("Presence", ImGuiTableColumnFlags_WidthFixed, em * 6);
  ImGui::TableSetupColumn("Routing", ImGuiTableColumnFlags_WidthFixed, em * 8.5f);
  ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, em * 5);
  ImGui::TableSetupColumn("Active", ImGuiTableColumnFlags_WidthFixed, em * 6);
  ImGui::TableSetupColumn("Queues", ImGuiTableColumnFlags_WidthStretch, 1.5f);
  ImGui::TableSetupColumn("Monitored by", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableHeadersRow();

  if (ImGuiTableSortSpecs* specs = ImGui::TableGetSortSpecs(); specs && specs->SpecsDirty) {
    if (specs->SpecsCount > 0) {
      store::ViewSpec view = f.snap.view;
      view.sort = columnToSort(specs->Specs[0].ColumnIndex);
      view.ascending = specs->Specs[0].SortDirection == ImGuiSortDirection_Ascending;
      if (!(view == f.snap.view)) f.intents.send(store::SetView{view});
    }
    specs->SpecsDirty = false;
  }

  const std::string& selectedId = f.snap.detail->agentId;
  ImGuiListClipper clipper;
  clipper.Begin(rowCount);
  if (rowCount > 0) clipper.ForceDisplayRangeByIndices(ui.cursorRow, ui.cursorRow + 1);
  while (clipper.Step()) {
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i) {
      const model::Agent* a = f.snap.agents.find(rows[i]);
      if (!a) continue;
      if (f.report) f.report->agentIds.push_back(a->id);
      drawRow(f, *a, a->id == selectedId, i, ui);
      if (i == ui.cursorRow && ImGui::IsKeyPressed(GLFW_KEY_DOWN, true)) ImGui::SetScrollHereY(0.8f);
      if (i == ui.cursorRow && ImGui::IsKeyPressed(GLFW_KEY_UP, true)) ImGui::SetScrollHereY(0.2f);
    }
  }
  if (rowCount == 0) {
    ImGui::TableNextRow();
    ImGui::TableSetColumnIndex(0);
    ImGui::TextDisabled(f.snap.agents.empty() ? "No agents loaded yet." : "No agent matches the filter.");
  }
  ImGui::EndTable();
}

}  // namespace ui
