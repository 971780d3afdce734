// Wallboard: KPIs on top, agents as large tiles coloured by state and threshold, scrolling
// by itself (with a pause at each end) when the org does not fit the screen.
#include <imgui.h>

#include <algorithm>
#include <cmath>

#include "ui/ui.h"

namespace ui {

namespace {

constexpr double kScrollPixelsPerSecond = 40.0;
constexpr double kPauseAtEndsSeconds = 4.0;

ImVec4 tileColor(const model::Agent& a) {
  switch (a.routing) {
    case model::RoutingStatus::Idle: return ImVec4(0.12f, 0.42f, 0.22f, 1.0f);          // free
    case model::RoutingStatus::Interacting:
    case model::RoutingStatus::Communicating: return ImVec4(0.14f, 0.30f, 0.55f, 1.0f);  // busy
    case model::RoutingStatus::NotResponding: return ImVec4(0.55f, 0.10f, 0.10f, 1.0f);
    default: break;
  }
  return ImVec4(0.22f, 0.23f, 0.26f, 1.0f);  // off queue / not available
}

void drawKpis(const Frame& f) {
  const auto [free, busy, notResponding, offQueue] = f.snap.rowTotals;
  int waiting = 0;
  f.snap.queues.forEach([&](const model::Queue& q) { waiting += q.waiting; });
  ImGui::SetWindowFontScale(1.6f);
  ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.5f, 1), "Free %d", free);
  ImGui::SameLine(0, 40);
  ImGui::TextColored(ImVec4(0.5f, 0.7f, 1.0f, 1), "Busy %d", busy);
  ImGui::SameLine(0, 40);
  ImGui::TextColored(severityColor(notResponding ? model::Severity::Blinking : model::Severity::Normal, f.uiTime),
                     "Not responding %d", notResponding);
  ImGui::SameLine(0, 40);
  ImGui::TextDisabled("Off queue %d", offQueue);
  ImGui::SameLine(0, 40);
  ImGui::Text("Waiting %d", waiting);
  ImGui::SetWindowFontScale(1.0f);
}

}  // namespace

void drawWallboard(const Frame& f, WallboardUi& ui) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("wallboard", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  const store::LinkState link = f.snap.session->link;
  const bool stale = link == store::LinkState::Stale || link == store::LinkState::Reconnecting ||
                     link == store::LinkState::Offline;
  drawStatusBar(f);
  drawKpis(f);
  drawQueueStrip(f, ImGui::GetFontSize() * 5.7f, 2);

  const auto& rows = *f.snap.agentRows;
  const float em = ImGui::GetFontSize();
  const ImVec2 tile(em * 13, em * 4.2f);
  const float spacing = em * 0.4f;
  const float width = ImGui::GetContentRegionAvail().x;
  const int columns = ui.columns > 0 ? ui.columns : std::max(1, static_cast<int>(width / (tile.x + spacing)));
  const int tileRows = (static_cast<int>(rows.size()) + columns - 1) / columns;

  ImGui::BeginChild("tiles", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar);
  const float visibleHeight = ImGui::GetWindowHeight();
  const float contentHeight = tileRows * (tile.y + spacing);
  // Auto-scroll: move slowly, pause at the bottom, jump back to the top, pause again.
  const float maxScroll = std::max(0.0f, contentHeight - visibleHeight);
  if (maxScroll > 0 && f.uiTime >= ui.pauseUntil) {
    if (f.report) f.report->animating = true;
    ui.scrollY += static_cast<float>(kScrollPixelsPerSecond * ImGui::GetIO().DeltaTime);
    if (ui.scrollY >= maxScroll) {
      ui.scrollY = 0;
      ui.pauseUntil = f.uiTime + kPauseAtEndsSeconds;
    }
  }
  ImGui::SetScrollY(std::min(ui.scrollY, maxScroll));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const int firstRow = static_cast<int>(ImGui::GetScrollY() / (tile.y + spacing));
  const int lastRow = std::min(tileRows, firstRow + static_cast<int>(visibleHeight / (tile.y + spacing)) + 2);
  ImGui::Dummy(ImVec2(width, contentHeight));
  const ImVec2 origin = ImGui::GetItemRectMin();
  for (int r = firstRow; r < lastRow; ++r) {
    for (int c = 0; c < columns; ++c) {
      const std::size_t index = static_cast<std::size_t>(r) * columns + c;
      if (index >= rows.size()) break;
      const model::Agent* a = f.snap.agents.find(rows[index]);
      if (!a) continue;
      if (f.report) f.report->agentIds.push_back(a->id);
      const ImVec2 p0(origin.x + c * (tile.x + spacing), origin.y + r * (tile.y + spacing));
      const ImVec2 p1(p0.x + tile.x, p0.y + tile.y);
      ImVec4 bg = stale ? ImVec4(0.2f, 0.2f, 0.2f, 1) : tileColor(*a);
      draw->AddRectFilled(p0, p1, ImGui::GetColorU32(bg), 6.0f);
      const model::AgentAlert alert = model::assessAgent(*a, f.now, f.limits);
      if (alert.severity != model::Severity::Normal)
        draw->AddRect(p0, p1, ImGui::GetColorU32(severityColor(alert.severity, f.uiTime)), 6.0f, 0, 4.0f);
      draw->AddText(ImVec2(p0.x + em * 0.5f, p0.y + em * 0.3f), IM_COL32_WHITE, a->name.c_str());
      const std::string status = model::routingText(*a);
      const std::string timer =
          model::formatDuration(a->interactionSince > 0 ? a->interactionSince : a->routingSince, f.now);
      draw->AddText(ImVec2(p0.x + em * 0.5f, p0.y + em * 1.5f), IM_COL32(220, 225, 235, 255), status.c_str());
      const std::string presence =
          model::presenceText(*a) + "  " + timer;
      draw->AddText(ImVec2(p0.x + em * 0.5f, p0.y + em * 2.7f), IM_COL32(220, 225, 235, 255), presence.c_str());
    }
  }
  ImGui::EndChild();

  if (stale) {
    // Never old data presented as live: a thick red frame and a banner across the board.
    draw = ImGui::GetForegroundDrawList();
    const ImVec2 p0 = viewport->WorkPos;
    const ImVec2 p1(p0.x + viewport->WorkSize.x, p0.y + viewport->WorkSize.y);
    draw->AddRect(p0, p1, IM_COL32(230, 40, 40, 255), 0, 0, 14.0f);
    const char* banner = link == store::LinkState::Reconnecting ? "RECONNECTING — DATA MAY BE OLD"
                                                                : "DISCONNECTED — DATA IS STALE";
    const ImVec2 size = ImGui::CalcTextSize(banner);
    const ImVec2 at(p0.x + (viewport->WorkSize.x - size.x * 2) / 2, p0.y + viewport->WorkSize.y / 2);
    draw->AddRectFilled(ImVec2(at.x - 20, at.y - 10), ImVec2(at.x + size.x * 2 + 20, at.y + size.y * 2 + 10),
                        IM_COL32(120, 0, 0, 230), 8.0f);
    draw->AddText(ImGui::GetFont(), ImGui::GetFontSize() * 2, at, IM_COL32_WHITE, banner);
  }
  ImGui::End();
}

}  // namespace ui
