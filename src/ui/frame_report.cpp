// What a frame showed (FrameReport), and the cheap test of whether a newer snapshot changes
// any of it: the shell's frame pacing redraws for data only then.
#include <imgui.h>

#include <algorithm>

#include "ui/ui.h"

namespace ui {

bool visibleChange(const FrameReport& report, const store::Snapshot& drawn, const store::Snapshot& next) {
  // Parts every desk shows (status bar, queue strip, toasts, the detail pane): shared
  // between snapshots until they change, so a pointer compare says whether they did.
  if (drawn.session != next.session || drawn.detail != next.detail || drawn.transcript != next.transcript ||
      drawn.toasts != next.toasts || drawn.actions != next.actions)
    return true;
  if (drawn.agentRows != next.agentRows || !(drawn.rowTotals == next.rowTotals) || drawn.queueOrder != next.queueOrder)
    return true;
  if (!drawn.queues.sameAs(next.queues) || !drawn.appointments.sameAs(next.appointments)) return true;
  if (report.overlay && drawn.version != next.version) return true;
  // An item changed by a reducer is a new item; one that did not is the very same object.
  const auto& opened = next.detail->conversationIds;
  if (std::any_of(opened.begin(), opened.end(),
                  [&](const std::string& id) { return drawn.conversations.find(id) != next.conversations.find(id); }))
    return true;
  return std::any_of(report.agentIds.begin(), report.agentIds.end(),
                     [&](const std::string& id) { return drawn.agents.find(id) != next.agents.find(id); });
}

void addFlatFill(FrameReport* report, float x0, float y0, float x1, float y1, const ImVec4& color) {
  if (!report) return;
  const ImVec2 clipMin = ImGui::GetWindowDrawList()->GetClipRectMin();
  const ImVec2 clipMax = ImGui::GetWindowDrawList()->GetClipRectMax();
  FlatFill fill{std::max(x0, clipMin.x), std::max(y0, clipMin.y), std::min(x1, clipMax.x), std::min(y1, clipMax.y),
                color.x, color.y, color.z};
  if (fill.x1 > fill.x0 && fill.y1 > fill.y0) report->flatFills.push_back(fill);
}

bool beginFlatChild(FrameReport* report, const char* id, float width, float height, bool border, int windowFlags) {
  if (!report) return ImGui::BeginChild(id, ImVec2(width, height), border, windowFlags);
  // Clipped to what the parent lets show: a card scrolled half out of the strip is half painted.
  ImDrawList* parent = ImGui::GetWindowDrawList();
  const bool open = ImGui::BeginChild(id, ImVec2(width, height), border, windowFlags | ImGuiWindowFlags_NoBackground);
  const ImVec2 pos = ImGui::GetWindowPos();
  const ImVec2 size = ImGui::GetWindowSize();
  parent->PushClipRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), true);
  const ImVec2 clipMin = parent->GetClipRectMin(), clipMax = parent->GetClipRectMax();
  parent->PopClipRect();
  const ImVec4 color = ImGui::GetStyleColorVec4(ImGuiCol_ChildBg);
  if (clipMax.x > clipMin.x && clipMax.y > clipMin.y)
    report->flatFills.push_back(FlatFill{clipMin.x, clipMin.y, clipMax.x, clipMax.y, color.x, color.y, color.z});
  // ImGui leaves the border out with the background: drawn here, in the parent's list.
  const ImGuiStyle& style = ImGui::GetStyle();
  if (border && style.ChildBorderSize > 0)
    parent->AddRect(pos, ImVec2(pos.x + size.x, pos.y + size.y), ImGui::GetColorU32(ImGuiCol_Border), style.ChildRounding, 0,
                    style.ChildBorderSize);
  return open;
}

}  // namespace ui
