// Wallboard: KPIs on top, agents as tiles coloured by state and threshold, sized so that
// every agent of the view fits the screen; below the smallest tile still legible across a
// room, pages that turn by themselves. Never a scroll bar.
#include <imgui.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "ui/ui.h"

namespace ui {

namespace {

constexpr model::TimeMs kPageMs = 12'000;  // each page stays this long: time to read it from a desk away

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

}  // namespace

TileLayout layoutTiles(int count, float width, float height, float em, int fixedColumns) {
  constexpr float kMaxScale = 1.6f;   // few agents: larger tiles, read from further away
  constexpr float kMinScale = 0.65f;  // smaller text is not legible across a room
  constexpr float kStep = 0.05f;
  TileLayout layout;
  for (float scale = kMaxScale; scale >= kMinScale - 1e-4f; scale -= kStep) {
    const float spacing = em * 0.4f * scale;
    const float tileWidth = em * 10.5f * scale, tileHeight = em * 4.2f * scale;  // a long name fits 10 em
    const int columns =
        fixedColumns > 0 ? fixedColumns : std::max(1, static_cast<int>((width + spacing) / (tileWidth + spacing)));
    const int rows = std::max(1, static_cast<int>((height + spacing) / (tileHeight + spacing)));
    layout = TileLayout{columns, rows, tileWidth, tileHeight, spacing, scale, columns * rows, 1};
    if (columns * rows >= count) break;
  }
  layout.pages = std::max(1, (count + layout.perPage - 1) / layout.perPage);
  if (layout.pages == 1) layout.rows = std::max(1, (count + layout.columns - 1) / layout.columns);
  // The columns share the whole width (no empty band at the right), the rows up to a third
  // more of the height (no empty band below, without tiles taller than they need).
  layout.tileWidth = (width - (layout.columns - 1) * layout.spacing) / layout.columns;
  const float rowsHeight = (height - (layout.rows - 1) * layout.spacing) / layout.rows;
  layout.tileHeight = std::clamp(rowsHeight, layout.tileHeight, layout.tileHeight * 1.33f);
  return layout;
}

void drawWallboard(const Frame& f, WallboardUi& ui) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  ImGui::Begin("wallboard", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings);
  const store::LinkState link = f.snap.session->link;
  const bool stale = link == store::LinkState::Stale || link == store::LinkState::Reconnecting ||
                     link == store::LinkState::Offline;
  if (ImGui::IsKeyPressed(GLFW_KEY_F8, false)) ui.muted = !ui.muted;
  drawStatusBar(f);
  drawStateTotals(f, 1.6f, ui.muted);
  drawQueueStrip(f, ImGui::GetFontSize() * 5.7f, 2);

  const auto& rows = *f.snap.agentRows;
  const float em = ImGui::GetFontSize();
  ImGui::BeginChild("tiles", ImVec2(0, 0), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse);
  const ImVec2 area = ImGui::GetContentRegionAvail();
  TileLayout layout = layoutTiles(static_cast<int>(rows.size()), area.x, area.y, em, ui.columns);
  const float labelHeight = ImGui::GetTextLineHeightWithSpacing();
  if (layout.pages > 1)  // a line below the tiles says which page is shown
    layout = layoutTiles(static_cast<int>(rows.size()), area.x, area.y - labelHeight, em, ui.columns);
  // Pages turn on the wall clock: every wallboard on one org shows the same page.
  const int page = layout.pages > 1 ? static_cast<int>(f.now / kPageMs % layout.pages) : 0;
  const std::size_t first = static_cast<std::size_t>(page) * layout.perPage;
  const std::size_t last = std::min(rows.size(), first + static_cast<std::size_t>(layout.perPage));

  ImDrawList* draw = ImGui::GetWindowDrawList();
  const ImVec2 origin = ImGui::GetCursorScreenPos();
  const float fontSize = em * layout.textScale;
  ImFont* font = ImGui::GetFont();
  for (std::size_t index = first; index < last; ++index) {
    const model::Agent* a = f.snap.agents.find(rows[index]);
    if (!a) continue;
    if (f.report) f.report->agentIds.push_back(a->id);
    const int slot = static_cast<int>(index - first);
    const ImVec2 p0(origin.x + (slot % layout.columns) * (layout.tileWidth + layout.spacing),
                    origin.y + (slot / layout.columns) * (layout.tileHeight + layout.spacing));
    const ImVec2 p1(p0.x + layout.tileWidth, p0.y + layout.tileHeight);
    const ImVec4 bg = stale ? ImVec4(0.2f, 0.2f, 0.2f, 1) : tileColor(*a);
    draw->AddRectFilled(p0, p1, ImGui::GetColorU32(bg), 6.0f);
    const model::AgentAlert alert = model::assessAgent(*a, f.now, f.limits);
    if (alert.severity != model::Severity::Normal)
      draw->AddRect(p0, p1, ImGui::GetColorU32(severityColor(alert.severity, f.uiTime)), 6.0f, 0, 4.0f);
    const std::string timer =
        model::formatDuration(a->interactionSince > 0 ? a->interactionSince : a->routingSince, f.now);
    const std::string lines[] = {a->name, model::routingText(*a), model::presenceText(*a) + "  " + timer};
    const ImVec4 clip(p0.x, p0.y, p1.x - fontSize * 0.3f, p1.y);
    const float top = p0.y + std::max(fontSize * 0.3f, (layout.tileHeight - fontSize * 3.6f) / 2);  // centred
    for (int line = 0; line < 3; ++line)
      draw->AddText(font, fontSize, ImVec2(p0.x + fontSize * 0.5f, top + fontSize * 1.2f * line),
                    line == 0 ? IM_COL32_WHITE : IM_COL32(220, 225, 235, 255), lines[line].c_str(), nullptr, 0.0f,
                    &clip);
  }
  if (layout.pages > 1) {
    char label[48];
    std::snprintf(label, sizeof label, "page %d of %d", page + 1, layout.pages);
    const ImVec2 size = ImGui::CalcTextSize(label);
    draw->AddText(ImVec2(origin.x + area.x - size.x, origin.y + area.y - labelHeight), IM_COL32(200, 200, 210, 255),
                  label);
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
