// Queue strip: one card per queue with waiting, longest wait, interacting, agents on/off
// queue and service level against its target, coloured by threshold. The figures are sums
// over media types; hovering a card shows them per media type.
#include <imgui.h>

#include <algorithm>
#include <cstdio>

#include "ui/ui.h"

namespace ui {

namespace {

constexpr int kQueuePageSeconds = 10;  // how long a page of queue cards stays when they do not all fit

// The card's figures per media type (the card shows their sum): only media types with
// something to say, with today's service level against that media type's target.
void drawMediaBreakdown(const model::Queue& q) {
  ImGui::BeginTooltip();
  bool any = false;
  for (std::size_t i = 0; i < q.byMedia.size(); ++i) {
    const model::QueueMediaFigures& m = q.byMedia[i];
    const model::ServiceLevelToday today = model::serviceLevelToday(m);
    if (!m.waiting && !m.interacting && !m.alerting && !today.offered && today.denominator <= 0) continue;
    any = true;
    const std::string_view media = model::toString(static_cast<model::Media>(i));
    ImGui::Text("%-8.*s waiting %d · interacting %d · alerting %d", static_cast<int>(media.size()), media.data(),
                m.waiting, m.interacting, m.alerting);
    ImGui::SameLine();
    if (today.denominator > 0)
      ImGui::TextDisabled("  today: offered %d, SL %.0f%% of %.0f%% in %.0f s", today.offered, 100 * today.level(),
                          100 * today.target, static_cast<double>(m.configuredTargetMs) / 1000);
    else
      ImGui::TextDisabled("  today: offered %d", today.offered);
  }
  if (!any) ImGui::TextDisabled("Nothing offered today yet.");
  ImGui::EndTooltip();
}

// "SL 87% / 80%" coloured by distance to target; unknown until today's figures are read.
void drawServiceLevel(const Frame& f, const model::Queue& q) {
  char target[16] = "";
  if (q.serviceLevelTarget >= 0) std::snprintf(target, sizeof target, " / %.0f%%", q.serviceLevelTarget * 100);
  if (!q.serviceLevelRead)
    ImGui::TextDisabled("SL …%s", target);
  else if (q.serviceLevel < 0)
    ImGui::TextDisabled("SL: no calls yet today");
  else
    ImGui::TextColored(severityColor(model::assessServiceLevel(q), f.uiTime), "SL %.0f%%%s today", q.serviceLevel * 100,
                       target);
}

}  // namespace

void drawQueueStrip(const Frame& f, float cardHeight, int maxRows) {
  const auto& order = *f.snap.queueOrder;
  if (order.empty()) {
    ImGui::TextDisabled("No queues loaded yet.");
    return;
  }
  // Cards fill the width, as many a row as stay readable; more queues than the rows hold
  // turn into pages that rotate (never a scroll bar: useless on a wall).
  const ImGuiStyle& style = ImGui::GetStyle();
  const float minWidth = ImGui::GetFontSize() * 15.5f;
  const float available = ImGui::GetContentRegionAvail().x;
  const int fitting = std::max(1, static_cast<int>((available + style.ItemSpacing.x) / (minWidth + style.ItemSpacing.x)));
  const int count = static_cast<int>(order.size());
  // Rows as even as can be: six queues where five fit make two rows of three, not five and one.
  const int rowsNeeded = std::min(std::max(1, maxRows), (count + fitting - 1) / fitting);
  const int perRow = std::min(fitting, (count + rowsNeeded - 1) / rowsNeeded);
  const float cardWidth = (available - style.ItemSpacing.x * static_cast<float>(perRow - 1)) / static_cast<float>(perRow);
  const int perPage = perRow * std::max(1, maxRows);
  const int pages = (count + perPage - 1) / perPage;
  const int page = pages > 1 ? static_cast<int>(f.uiTime / kQueuePageSeconds) % pages : 0;
  const int first = page * perPage, last = std::min(count, first + perPage);
  const int rows = (last - first + perRow - 1) / perRow;
  const float height = static_cast<float>(rows) * cardHeight + static_cast<float>(rows - 1) * style.ItemSpacing.y;

  ImGui::BeginChild("queue-strip", ImVec2(0, height), false, ImGuiWindowFlags_NoScrollbar);
  for (int i = first; i < last; ++i) {
    const model::Queue* q = f.snap.queues.find(order[static_cast<std::size_t>(i)]);
    if (!q) continue;
    if ((i - first) % perRow != 0) ImGui::SameLine();
    ImGui::PushID(q->id.c_str());
    beginFlatChild(f.report, "card", cardWidth, cardHeight, true, ImGuiWindowFlags_NoScrollbar);
    ImGui::TextUnformatted(q->name.c_str());
    const model::Severity waitSeverity = model::assessQueueWait(*q, f.now, f.limits);
    ImGui::TextColored(severityColor(waitSeverity, f.uiTime), "waiting %d  longest %s", q->waiting,
                       q->waiting ? model::formatDuration(q->longestWaitingSince, f.now).c_str() : "-");
    ImGui::TextDisabled("interacting %d · on %d / off %d", q->interacting, q->onQueueAgents, q->offQueueAgents);
    drawServiceLevel(f, *q);
    ImGui::EndChild();
    if (ImGui::IsItemHovered()) drawMediaBreakdown(*q);
    ImGui::PopID();
  }
  ImGui::EndChild();
  if (pages > 1) ImGui::TextDisabled("queues page %d of %d (next in %d s)", page + 1, pages,
                                     kQueuePageSeconds - static_cast<int>(f.uiTime) % kQueuePageSeconds);
}

}  // namespace ui
