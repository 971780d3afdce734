// A headless ImGui for tests and benchmarks (the example_null pattern): a real context
// and font atlas, no window and no GPU. frame() runs NewFrame..Render around a view and
// returns the text that was really drawn, read back from the glyph quads in the draw
// lists (so clipped rows do not appear), one line per screen row, left to right.
#pragma once

#include <imgui.h>
#include <imgui_internal.h>

#include <GLFW/glfw3.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "store/intents.h"
#include "ui/ui.h"

namespace uitest {

class HeadlessImGui {
 public:
  explicit HeadlessImGui(float width = 1600, float height = 900) {
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;
    io.DisplaySize = ImVec2(width, height);
    io.DeltaTime = 1.0f / 60.0f;
    ui::loadFonts(17.0f);  // the panel's own font, so the same glyphs exist
    unsigned char* pixels = nullptr;
    int w = 0, h = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
  }
  ~HeadlessImGui() { ImGui::DestroyContext(); }

  // Keys held down during the next frame only (GLFW key codes, as the GLFW backend uses).
  void pressKeys(std::set<int> keys) { pressed_ = std::move(keys); }

  // Runs the view for two frames and returns the text of the second: ImGui lays out a
  // window or table that appears for the first time before it draws its items.
  std::string frame(const std::function<void()>& draw) {
    singleFrame(draw);
    return singleFrame(draw);
  }

  int lastVertexCount() const { return lastVertexCount_; }

  // One frame, NewFrame to Render, nothing read back: what the frame-cost benchmark times.
  void render(const std::function<void()>& draw) {
    ImGuiIO& io = ImGui::GetIO();
    for (int key = 0; key < IM_ARRAYSIZE(io.KeysDown); ++key) io.KeysDown[key] = pressed_.count(key) > 0;
    pressed_.clear();
    ImGui::NewFrame();
    draw();
    ImGui::Render();
    lastVertexCount_ = ImGui::GetDrawData()->TotalVtxCount;
  }

 private:
  std::string singleFrame(const std::function<void()>& draw) {
    render(draw);
    return drawnText();
  }

  static void appendUtf8(std::string& out, unsigned c) {
    if (c < 0x80) {
      out += static_cast<char>(c);
    } else if (c < 0x800) {
      out += static_cast<char>(0xC0 | (c >> 6));
      out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (c >> 12));
      out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (c & 0x3F));
    }
  }

  // A glyph quad is four vertices whose first has the glyph's (U0,V0) and third its U1.
  static std::string drawnText() {
    const ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
    std::map<std::pair<float, float>, const ImFontGlyph*> glyphByCorner;
    for (const ImFontGlyph& g : font->Glyphs)
      if (g.Visible) glyphByCorner[{g.U0, g.V0}] = &g;
    struct Placed {
      float line, x, right;
      unsigned codepoint;
    };
    std::vector<Placed> placed;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l) {
      const ImDrawList* list = data->CmdLists[l];
      for (int i = 0; i + 2 < list->VtxBuffer.Size; ++i) {
        const ImDrawVert& v = list->VtxBuffer[i];
        auto it = glyphByCorner.find({v.uv.x, v.uv.y});
        if (it == glyphByCorner.end()) continue;
        const ImFontGlyph& g = *it->second;
        const ImDrawVert& opposite = list->VtxBuffer[i + 2];
        // A glyph cut at the bottom by a clip rect keeps its top corner and its width.
        if (opposite.uv.x != g.U1) continue;
        const float scale = (opposite.pos.x - v.pos.x) / std::max(1e-3f, g.X1 - g.X0);
        placed.push_back({std::round(v.pos.y - g.Y0 * scale), v.pos.x - g.X0 * scale,
                          v.pos.x - g.X0 * scale + g.AdvanceX * scale, g.Codepoint});
        i += 3;
      }
    }
    std::sort(placed.begin(), placed.end(),
              [](const Placed& a, const Placed& b) { return a.line != b.line ? a.line < b.line : a.x < b.x; });
    std::string text;
    const float spaceGap = ImGui::GetFontSize() * 0.2f;
    for (std::size_t i = 0; i < placed.size(); ++i) {
      if (i > 0 && placed[i].line != placed[i - 1].line)
        text += '\n';
      else if (i > 0 && placed[i].x - placed[i - 1].right > spaceGap)
        text += ' ';
      appendUtf8(text, placed[i].codepoint);
    }
    return text;
  }

  std::set<int> pressed_;
  int lastVertexCount_ = 0;
};

// An IntentSink that remembers what the UI asked for.
class RecordingSink : public store::IntentSink {
 public:
  void send(store::Intent intent) override { sent.push_back(std::move(intent)); }
  std::vector<store::Intent> sent;
};

}  // namespace uitest
