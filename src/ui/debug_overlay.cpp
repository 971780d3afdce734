// Debug overlay (F12): every REST exchange and WebSocket message, redacted, with live
// graphs. It draws copies handed over by the app shell; it never reads the network layer.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "store/agent_rows.h"
#include "ui/ui.h"

namespace ui {

namespace {

std::string clockMillis(model::TimeMs t) {
  return localTime(t, "%H:%M:%S") + "." + std::to_string(1000 + t % 1000).substr(1);
}

void drawTrafficTable(DeskUi& ui, const std::vector<TrafficRow>& traffic) {
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 14);
  ImGui::InputTextWithHint("##traffic-filter", "filter path / topic", ui.trafficFilter, sizeof ui.trafficFilter);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu entries", traffic.size());
  ImGui::SameLine();
  // Recording every notification's body costs more than decoding it: they are kept only now.
  ImGui::TextDisabled("· WebSocket bodies are kept while this overlay is open");

  std::vector<int> visible;
  for (int i = static_cast<int>(traffic.size()) - 1; i >= 0; --i)
    if (store::containsIgnoringCase(traffic[i].path, ui.trafficFilter)) visible.push_back(i);

  const float tableHeight = ImGui::GetContentRegionAvail().y * 0.55f;
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_BordersInnerV;
  if (ImGui::BeginTable("traffic", 9, flags, ImVec2(0, tableHeight))) {
    ImGui::TableSetupScrollFreeze(0, 1);
    for (const char* name : {"Time", "Kind", "Method", "Path / topic", "Status", "ms", "In/Out", "Retries", "Budget"})
      ImGui::TableSetupColumn(name);
    ImGui::TableHeadersRow();
    ImGuiListClipper clipper;
    clipper.Begin(static_cast<int>(visible.size()));
    while (clipper.Step()) {
      for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
        const int index = visible[row];
        const TrafficRow& t = traffic[index];
        ImGui::TableNextRow();
        ImGui::TableSetColumnIndex(0);
        ImGui::PushID(index);
        if (ImGui::Selectable(clockMillis(t.at).c_str(), ui.selectedTraffic == index,
                              ImGuiSelectableFlags_SpanAllColumns))
          ui.selectedTraffic = index;
        ImGui::PopID();
        ImGui::TableSetColumnIndex(1);
        ImGui::TextUnformatted(t.kind.c_str());
        ImGui::TableSetColumnIndex(2);
        ImGui::TextUnformatted(t.method.c_str());
        ImGui::TableSetColumnIndex(3);
        ImGui::TextUnformatted(t.path.c_str());
        ImGui::TableSetColumnIndex(4);
        if (t.status >= 400)
          ImGui::TextColored(linkColor(store::LinkState::Stale), "%d", t.status);
        else if (t.status)
          ImGui::Text("%d", t.status);
        ImGui::TableSetColumnIndex(5);
        ImGui::Text("%.1f", t.latencyMs);
        ImGui::TableSetColumnIndex(6);
        ImGui::Text("%zu/%zu", t.bytesIn, t.bytesOut);
        ImGui::TableSetColumnIndex(7);
        ImGui::Text("%d", t.retries);
        ImGui::TableSetColumnIndex(8);
        if (t.budgetLeft >= 0) ImGui::Text("%d", t.budgetLeft);
      }
    }
    ImGui::EndTable();
  }

  if (ui.selectedTraffic >= 0 && ui.selectedTraffic < static_cast<int>(traffic.size())) {
    const TrafficRow& t = traffic[ui.selectedTraffic];
    ImGui::BeginChild("traffic-detail", ImVec2(0, 0), true);
    ImGui::Text("%s %s  status %d  correlation %s", t.method.c_str(), t.path.c_str(), t.status,
                t.correlationId.empty() ? "-" : t.correlationId.c_str());
    if (!t.requestHeaders.empty() && ImGui::CollapsingHeader("Request headers"))
      ImGui::TextUnformatted(t.requestHeaders.c_str());
    if (!t.requestBody.empty() && ImGui::CollapsingHeader("Request body", ImGuiTreeNodeFlags_DefaultOpen))
      ImGui::TextUnformatted(t.requestBody.c_str());
    if (!t.responseHeaders.empty() && ImGui::CollapsingHeader("Response headers"))
      ImGui::TextUnformatted(t.responseHeaders.c_str());
    if (!t.responseBody.empty() && ImGui::CollapsingHeader("Response body", ImGuiTreeNodeFlags_DefaultOpen))
      ImGui::TextUnformatted(t.responseBody.c_str());
    ImGui::EndChild();
  }
}

void plot(const char* label, const std::vector<float>& values, float reference, const char* unit) {
  if (values.empty()) {
    ImGui::TextDisabled("%s: no data yet", label);
    return;
  }
  const float maxValue = std::max(reference, *std::max_element(values.begin(), values.end())) * 1.1f;
  char overlay[64];
  std::snprintf(overlay, sizeof overlay, "%s %.1f %s", label, values.back(), unit);
  ImGui::PlotLines("##plot", values.data(), static_cast<int>(values.size()), 0, overlay, 0.0f, maxValue,
                   ImVec2(-1, ImGui::GetFontSize() * 4));
}

}  // namespace

void drawDebugOverlay(const Frame& f, DeskUi& ui, const FrameStatsView& stats) {
  const std::vector<TrafficRow>& traffic = *f.snap.traffic;
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.1f, viewport->WorkPos.y + 40),
                          ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.8f, viewport->WorkSize.y * 0.8f), ImGuiCond_FirstUseEver);
  if (!ImGui::Begin("Debug overlay (F12)", &ui.showDebug)) {
    ImGui::End();
    return;
  }
  if (f.report) f.report->overlay = true;
  const store::SessionInfo& s = *f.snap.session;
  ImGui::Text("link %s · snapshot v%llu · %zu agents · %zu conversations · %zu appointments",
              std::string(store::toString(s.link)).c_str(), static_cast<unsigned long long>(f.snap.version),
              f.snap.agents.size(), f.snap.conversations.size(), f.snap.appointments.size());
  if (ImGui::BeginTabBar("debug-tabs")) {
    if (ImGui::BeginTabItem("Traffic")) {
      drawTrafficTable(ui, traffic);
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Topics")) {
      const auto& rejected = *f.snap.rejectedTopics;
      if (rejected.empty()) ImGui::TextDisabled("Every subscribed topic was permitted.");
      for (const auto& line : rejected) ImGui::TextColored(linkColor(store::LinkState::Stale), "%s", line.c_str());
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Graphs")) {
      plot("requests/min", stats.requestsPerMinute, static_cast<float>(s.restBudgetPerMinute), "");
      plot("events/s", stats.eventsPerSecond, 1.0f, "");
      plot("snapshot age at draw", stats.publishAgeMs, 16.0f, "ms");
      plot("frame time", stats.frameMs, 16.7f, "ms");
      ImGui::EndTabItem();
    }
    if (ImGui::BeginTabItem("Export")) {
      ImGui::InputText("HAR file", ui.harExportPath, sizeof ui.harExportPath);
      if (ImGui::Button("Export redacted HAR")) f.intents.send(store::ExportHar{ui.harExportPath});
      ImGui::TextDisabled("Authorization headers, tokens and personal data are redacted in the export.");
      ImGui::EndTabItem();
    }
    ImGui::EndTabBar();
  }
  ImGui::End();
}

}  // namespace ui
