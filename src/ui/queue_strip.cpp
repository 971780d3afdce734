// Queue strip: one card per queue with waiting, longest wait, interacting, agents on/off
// queue and service level against its target, coloured by threshold. The figures are sums
// over media types; hovering a card shows them per media type.
#include <imgui.h>

#include "ui/ui.h"

namespace ui {

namespace {

// The card's figures per media type (the card shows their sum): only media types with
// something to say, and this half hour's service level where it is known.
void drawMediaBreakdown(const model::Queue& q) {
  ImGui::BeginTooltip();
  bool any = false;
  for (std::size_t i = 0; i < q.byMedia.size(); ++i) {
    const model::QueueMediaFigures& m = q.byMedia[i];
    if (!m.waiting && !m.interacting && !m.alerting && !m.offered) continue;
    any = true;
    const std::string_view media = model::toString(static_cast<model::Media>(i));
    ImGui::Text("%-8.*s waiting %d · interacting %d · alerting %d", static_cast<int>(media.size()), media.data(),
                m.waiting, m.interacting, m.alerting);
    if (m.offered || m.slDenominator > 0) {
      ImGui::SameLine();
      if (m.slDenominator > 0)
        ImGui::TextDisabled("  this half hour: offered %d, SL %.0f%%", m.offered, 100 * m.slNumerator / m.slDenominator);
      else
        ImGui::TextDisabled("  this half hour: offered %d", m.offered);
    }
  }
  if (!any) ImGui::TextDisabled("Nothing waiting or interacting this half hour.");
  ImGui::EndTooltip();
}

}  // namespace

void drawQueueStrip(const Frame& f, float height) {
  const auto& order = *f.snap.queueOrder;
  if (order.empty()) {
    ImGui::TextDisabled("No queues loaded yet.");
    return;
  }
  const float cardWidth = ImGui::GetFontSize() * 15.5f;
  ImGui::BeginChild("queue-strip", ImVec2(0, height), false, ImGuiWindowFlags_HorizontalScrollbar);
  for (std::size_t i = 0; i < order.size(); ++i) {
    const model::Queue* q = f.snap.queues.find(order[i]);
    if (!q) continue;
    if (i > 0) ImGui::SameLine();
    ImGui::PushID(q->id.c_str());
    ImGui::BeginChild("card", ImVec2(cardWidth, height - ImGui::GetStyle().ScrollbarSize), true,
                      ImGuiWindowFlags_NoScrollbar);
    ImGui::TextUnformatted(q->name.c_str());
    const model::Severity waitSeverity = model::assessQueueWait(*q, f.now, f.limits);
    ImGui::TextColored(severityColor(waitSeverity, f.uiTime), "waiting %d  longest %s", q->waiting,
                       q->waiting ? model::formatDuration(q->longestWaitingSince, f.now).c_str() : "-");
    ImGui::TextDisabled("interacting %d · on %d / off %d", q->interacting, q->onQueueAgents, q->offQueueAgents);
    if (q->serviceLevel >= 0)
      ImGui::TextColored(severityColor(model::assessServiceLevel(*q), f.uiTime), "SL %.0f%% / %.0f%%",
                         q->serviceLevel * 100, q->serviceLevelTarget * 100);
    else
      ImGui::TextDisabled("SL - / %.0f%%", q->serviceLevelTarget * 100);
    ImGui::EndChild();
    if (ImGui::IsItemHovered()) drawMediaBreakdown(*q);
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace ui
