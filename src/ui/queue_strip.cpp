// Queue strip: one card per queue with waiting, longest wait, interacting, agents on/off
// queue and service level against its target, coloured by threshold.
#include <imgui.h>

#include "ui/ui.h"

namespace ui {

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
    ImGui::PopID();
  }
  ImGui::EndChild();
}

}  // namespace ui
