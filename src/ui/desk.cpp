// Desk mode: status bar, queue strip, browse table beside the detail pane, toasts below.
#include <imgui.h>

#include <GLFW/glfw3.h>

#include <algorithm>

#include "ui/ui.h"

namespace ui {

namespace {

// Whether `c` was typed this frame (a character, so "?" whatever the keyboard layout).
bool typed(ImWchar c) {
  const ImVector<ImWchar>& queue = ImGui::GetIO().InputQueueCharacters;
  return std::find(queue.begin(), queue.end(), c) != queue.end();
}

}  // namespace

void drawDesk(const Frame& f, DeskUi& ui, const FrameStatsView& stats) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(viewport->WorkPos);
  ImGui::SetNextWindowSize(viewport->WorkSize);
  const ImGuiWindowFlags flags = ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                 ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus |
                                 ImGuiWindowFlags_NoBackground;  // the frame's clear paints it, at memset cost
  ImGui::Begin("desk", nullptr, flags);
  if (ImGui::IsKeyPressed(GLFW_KEY_F12, false)) {
    if (ImGui::GetIO().KeyShift)
      ui.overlayWindowRequested = true;
    else
      ui.showDebug = !ui.showDebug;
  }
  if (ImGui::IsKeyPressed(GLFW_KEY_F9, false)) ui.wallboardRequested = true;
  if (ImGui::IsKeyPressed(GLFW_KEY_F8, false)) ui.muted = !ui.muted;
  if (ImGui::IsKeyPressed(GLFW_KEY_F1, false) || (shortcutsAllowed() && typed('?'))) ui.showKeys = !ui.showKeys;
  // Esc clears a selection first; with none, it closes the opened agent.
  if (shortcutsAllowed() && ui.browse.marked.empty() && ImGui::IsKeyPressed(GLFW_KEY_ESCAPE, false) &&
      !f.snap.detail->agentId.empty())
    f.intents.send(store::SelectAgent{});

  // A disconnected panel must look disconnected: a red frame around everything.
  if (f.snap.session->link == store::LinkState::Stale || f.snap.session->link == store::LinkState::Reconnecting) {
    ImGui::GetForegroundDrawList()->AddRect(viewport->WorkPos,
                                            ImVec2(viewport->WorkPos.x + viewport->WorkSize.x,
                                                   viewport->WorkPos.y + viewport->WorkSize.y),
                                            ImGui::GetColorU32(linkColor(f.snap.session->link)), 0, 0, 6.0f);
  }

  drawStatusBar(f);
  drawStateTotals(f, 1.0f, ui.muted);
  const float em = ImGui::GetFontSize();
  drawQueueStrip(f, em * 5.7f, 2);

  const float toastHeight = em * 1.9f;
  const float bodyHeight = ImGui::GetContentRegionAvail().y - toastHeight;
  const float browseWidth = ImGui::GetContentRegionAvail().x * 0.58f;
  beginFlatChild(f.report, "browse", browseWidth, bodyHeight, false);
  drawBrowsePanel(f, ui.browse);
  ImGui::EndChild();
  ImGui::SameLine();
  beginFlatChild(f.report, "detail", 0, bodyHeight, true);
  drawDetailPanel(f, ui.detail);
  ImGui::EndChild();
  drawToasts(f);
  ImGui::End();

  if (ui.showDebug) drawDebugOverlay(f, ui.overlay, stats, &ui.showDebug);
  if (ui.showKeys) drawKeysHelp(ui);
}

void drawToasts(const Frame& f) {
  const auto& toasts = *f.snap.toasts;
  constexpr model::TimeMs kShownForMs = 10'000;
  bool any = false;
  for (auto it = toasts.rbegin(); it != toasts.rend(); ++it) {
    if (f.now - it->at > kShownForMs) break;
    if (any) {
      ImGui::SameLine();
      ImGui::TextDisabled(" · ");
      ImGui::SameLine();
    }
    ImVec4 color = ImGui::GetStyleColorVec4(ImGuiCol_Text);
    if (it->level == store::ToastLevel::Success) color = linkColor(store::LinkState::Live);
    if (it->level == store::ToastLevel::Warning) color = linkColor(store::LinkState::Reconnecting);
    if (it->level == store::ToastLevel::Error) color = linkColor(store::LinkState::Stale);
    ImGui::TextColored(color, "%s", it->text.c_str());
    any = true;
  }
  if (!any) ImGui::TextDisabled("↑↓ select · Enter open · Ctrl+F filter · 1-9 views · F9 wallboard window · F12 debug · ? keys");

}

}  // namespace ui
