// Dark theme with high-contrast status colours, readable across a room.
#include <imgui.h>

#include <cmath>
#include <filesystem>
#include <utility>

#include "ui/ui.h"

namespace ui {

void applyTheme(float scale) {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 0;
  style.FrameRounding = 3;
  style.TabRounding = 3;
  style.CellPadding = ImVec2(6, 3);
  style.ItemSpacing = ImVec2(8, 5);
  style.FramePadding = ImVec2(6, 4);
  style.ScrollbarSize = 16;
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.08f, 0.09f, 0.11f, 1.00f);
  c[ImGuiCol_ChildBg] = ImVec4(0.10f, 0.11f, 0.13f, 1.00f);
  c[ImGuiCol_TableHeaderBg] = ImVec4(0.16f, 0.18f, 0.22f, 1.00f);
  c[ImGuiCol_TableRowBgAlt] = ImVec4(1.00f, 1.00f, 1.00f, 0.03f);
  c[ImGuiCol_Header] = ImVec4(0.20f, 0.38f, 0.62f, 0.65f);
  c[ImGuiCol_HeaderHovered] = ImVec4(0.24f, 0.44f, 0.70f, 0.55f);
  c[ImGuiCol_Button] = ImVec4(0.20f, 0.32f, 0.50f, 1.00f);
  c[ImGuiCol_ButtonHovered] = ImVec4(0.26f, 0.42f, 0.64f, 1.00f);
  c[ImGuiCol_Text] = ImVec4(0.92f, 0.93f, 0.95f, 1.00f);
  c[ImGuiCol_TextDisabled] = ImVec4(0.55f, 0.58f, 0.62f, 1.00f);
  style.ScaleAllSizes(scale);
}

void loadFonts(float pixelSize) {
  ImGuiIO& io = ImGui::GetIO();
  // Latin-1 plus the symbols the views use: dashes, bullets, arrows, status shapes, phone, check marks.
  static const ImWchar ranges[] = {0x0020, 0x00FF, 0x2010, 0x2027, 0x2190, 0x2193, 0x25A0, 0x25FF,
                                   0x2600, 0x260F, 0x2713, 0x2717, 0};
  for (const char* path : {"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
                           "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf"}) {
    if (std::filesystem::exists(path) && io.Fonts->AddFontFromFileTTF(path, pixelSize, nullptr, ranges)) return;
  }
  ImFontConfig config;
  config.SizePixels = pixelSize;
  io.Fonts->AddFontDefault(&config);  // plainer, but still readable
}

namespace {
bool blinkDrawn = false;  // UI thread only, like ImGui itself
}  // namespace

bool takeBlinkDrawn() { return std::exchange(blinkDrawn, false); }

ImVec4 severityColor(model::Severity s, double uiTime) {
  switch (s) {
    case model::Severity::Amber: return ImVec4(1.00f, 0.72f, 0.20f, 1.0f);
    case model::Severity::Red: return ImVec4(1.00f, 0.30f, 0.28f, 1.0f);
    case model::Severity::Blinking: {
      // Bright and dark red, half a second each: impossible to miss, and two redraws a
      // second where a smooth pulse would need thirty.
      blinkDrawn = true;
      const bool bright = std::fmod(uiTime, 1.0) < 0.5;
      return bright ? ImVec4(1.00f, 0.55f, 0.55f, 1.0f) : ImVec4(0.75f, 0.12f, 0.12f, 1.0f);
    }
    case model::Severity::Normal: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_Text);
}

ImVec4 linkColor(store::LinkState s) {
  switch (s) {
    case store::LinkState::Live: return ImVec4(0.30f, 0.85f, 0.40f, 1.0f);
    case store::LinkState::Partial: return ImVec4(0.80f, 0.85f, 0.30f, 1.0f);
    case store::LinkState::Loading:
    case store::LinkState::SigningIn: return ImVec4(0.45f, 0.70f, 1.00f, 1.0f);
    case store::LinkState::Reconnecting: return ImVec4(1.00f, 0.72f, 0.20f, 1.0f);
    case store::LinkState::Stale:
    case store::LinkState::Offline: return ImVec4(1.00f, 0.30f, 0.28f, 1.0f);
  }
  return ImVec4(1, 1, 1, 1);
}

const char* mediaLabel(model::Media m) {
  switch (m) {
    case model::Media::Call: return "Call";
    case model::Media::Callback: return "Callback";
    case model::Media::Chat: return "Chat";
    case model::Media::Email: return "Email";
    case model::Media::Message: return "Message";
  }
  return "?";
}

std::string queueNames(const store::Snapshot& snap, const model::Agent& agent) {
  std::string names;
  for (const auto& id : agent.queueIds) {
    const model::Queue* q = snap.queues.find(id);
    if (!names.empty()) names += ", ";
    names += q ? q->name : id.substr(0, 8);
  }
  return names;
}

}  // namespace ui
