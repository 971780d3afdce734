// The debug overlay's Topics tab: every notification topic the panel asked for, per channel,
// with the server's answer (permitted, or refused with its reason), the topics that found
// no room, what the org does not offer, and the messages each brought: "why is this agent
// not live?" answered on one screen. It draws the control thread's table from the snapshot.
#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <map>

#include "store/agent_rows.h"
#include "ui/ui.h"

namespace ui {

namespace {

using State = store::TopicRow::State;

// Who a topic follows, by name: an agent, or a queue; empty for anything else.
std::string_view topicSubjectName(const store::Snapshot& snap, std::string_view topic) {
  if (const std::string_view id = store::topicIdAfter(topic, "v2.users."); !id.empty()) {
    const model::Agent* agent = snap.agents.find(id);
    return agent ? std::string_view(agent->name) : std::string_view{};
  }
  std::string_view id = store::topicIdAfter(topic, "v2.routing.queues.");
  if (id.empty()) id = store::topicIdAfter(topic, "v2.analytics.queues.");
  const model::Queue* queue = id.empty() ? nullptr : snap.queues.find(id);
  return queue ? std::string_view(queue->name) : std::string_view{};
}

// What needs a look comes first: refused, then without room, then asked, then permitted.
int severity(State state) {
  switch (state) {
    case State::Refused: return 0;
    case State::NoRoom: return 1;
    case State::Asked: return 2;
    case State::Permitted: break;
  }
  return 3;
}

const char* stateLabel(State state) {
  switch (state) {
    case State::Asked: return "asked";  // no answer yet
    case State::Permitted: return "permitted";
    case State::Refused: return "refused";
    case State::NoRoom: return "no room";
  }
  return "";
}

ImVec4 stateColor(State state) {
  switch (state) {
    case State::Permitted: return linkColor(store::LinkState::Live);
    case State::Refused: return linkColor(store::LinkState::Stale);
    case State::NoRoom: return linkColor(store::LinkState::Reconnecting);
    case State::Asked: break;
  }
  return ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled);
}

// Rows per state and each refusal reason once with its count: the answer to "why not live?".
void summarize(const store::TopicTable& table, OverlayUi& ui) {
  std::fill(std::begin(ui.topicStates), std::end(ui.topicStates), 0);
  std::map<std::string_view, int> reasons;
  for (const auto& row : table.rows) {
    ++ui.topicStates[static_cast<int>(row.state)];
    if (row.state == State::Refused) ++reasons[row.reason];
  }
  ui.refusalReasons.assign(reasons.begin(), reasons.end());
}

// The rows the filter passes, refusals first; recomputed with the summary only when the table
// or the filter changed.
const std::vector<int>& visibleTopics(const store::Snapshot& snap, OverlayUi& ui) {
  const store::TopicTable& table = *snap.topics;
  if (sameOwner(ui.cachedTopics, snap.topics) && ui.cachedTopicSearch == ui.topicSearch) return ui.visibleTopics;
  ui.cachedTopics = snap.topics;
  ui.cachedTopicSearch = ui.topicSearch;
  summarize(table, ui);
  ui.visibleTopics.clear();
  for (int i = 0; i < static_cast<int>(table.rows.size()); ++i)
    if (topicRowMatches(snap, table.rows[static_cast<std::size_t>(i)], ui.topicSearch)) ui.visibleTopics.push_back(i);
  std::stable_sort(ui.visibleTopics.begin(), ui.visibleTopics.end(), [&](int a, int b) {
    return severity(table.rows[static_cast<std::size_t>(a)].state) < severity(table.rows[static_cast<std::size_t>(b)].state);
  });
  return ui.visibleTopics;
}

void drawSummary(const store::TopicTable& table, const OverlayUi& ui) {
  int open = 0;
  for (const auto& channel : table.channels) open += channel.open ? 1 : 0;
  const int* counts = ui.topicStates;
  ImGui::Text("%zu channel(s), %d open · %zu topics: %d permitted, %d refused, %d asked, %d without room",
              table.channels.size(), open, table.rows.size(), counts[static_cast<int>(State::Permitted)],
              counts[static_cast<int>(State::Refused)], counts[static_cast<int>(State::Asked)],
              counts[static_cast<int>(State::NoRoom)]);
  ImGui::PushTextWrapPos(0);
  for (const auto& [reason, count] : ui.refusalReasons)
    ImGui::TextColored(stateColor(State::Refused), "%d refused: %s", count, reason.c_str());
  if (const int noRoom = counts[static_cast<int>(State::NoRoom)])
    ImGui::TextColored(stateColor(State::NoRoom), "%d without room on the channels: narrow the view to follow them", noRoom);
  for (const auto& line : table.notOffered) ImGui::TextDisabled("Not offered by this org: %s", line.c_str());
  ImGui::TextDisabled("Messages are counted while the debug overlay is open: closed, it costs ingest nothing.");
  ImGui::PopTextWrapPos();
}

std::string channelLabel(const store::TopicTable& table, int index) {
  if (index < 0 || index >= static_cast<int>(table.channels.size())) return "—";
  const auto& channel = table.channels[static_cast<std::size_t>(index)];
  return std::to_string(index + 1) + (channel.open ? "" : " (closed)");
}

std::string lastMessage(model::TimeMs at, model::TimeMs now) {
  if (at == 0) return "—";
  const long long seconds = (now - at) / 1000;
  return localTime(at, "%H:%M:%S") + (seconds > 0 ? " (" + std::to_string(seconds) + " s ago)" : "");
}

void drawRow(const Frame& f, const store::TopicTable& table, const store::TopicRow& row) {
  ImGui::TableNextRow();
  ImGui::TableSetColumnIndex(0);
  ImGui::TextUnformatted(channelLabel(table, row.channel).c_str());
  ImGui::TableSetColumnIndex(1);
  ImGui::TextUnformatted(row.topic.c_str());
  ImGui::TableSetColumnIndex(2);
  const std::string_view who = topicSubjectName(f.snap, row.topic);
  ImGui::TextUnformatted(who.data(), who.data() + who.size());
  ImGui::TableSetColumnIndex(3);
  ImGui::TextColored(stateColor(row.state), "%s", stateLabel(row.state));
  ImGui::TableSetColumnIndex(4);
  ImGui::Text("%llu", static_cast<unsigned long long>(row.messages));
  ImGui::TableSetColumnIndex(5);
  ImGui::TextUnformatted(lastMessage(row.lastMessageAt, f.now).c_str());
  ImGui::TableSetColumnIndex(6);  // one line per row (the clipper wants equal heights): the whole reason on hover
  ImGui::TextUnformatted(row.reason.c_str());
  if (!row.reason.empty() && ImGui::IsItemHovered()) ImGui::SetTooltip("%s", row.reason.c_str());
}

}  // namespace

bool topicRowMatches(const store::Snapshot& snap, const store::TopicRow& row, std::string_view search) {
  if (search.empty() || store::containsIgnoringCase(row.topic, search) || store::containsIgnoringCase(row.reason, search))
    return true;
  return store::containsIgnoringCase(topicSubjectName(snap, row.topic), search);
}

void drawOverlayTopics(const Frame& f, OverlayUi& ui) {
  const store::TopicTable& table = *f.snap.topics;
  const std::vector<int>& visible = visibleTopics(f.snap, ui);
  drawSummary(table, ui);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
  ImGui::InputTextWithHint("##topic-search", "agent name, topic or reason", ui.topicSearch, sizeof ui.topicSearch);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu shown", visible.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("topics", 7, flags)) return;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Channel", ImGuiTableColumnFlags_WidthFixed, em * 4);
  ImGui::TableSetupColumn("Topic", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Agent / queue", ImGuiTableColumnFlags_WidthFixed, em * 9);
  ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn("Messages", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn("Last message", ImGuiTableColumnFlags_WidthFixed, em * 9);
  ImGui::TableSetupColumn("Reason", ImGuiTableColumnFlags_WidthStretch, 0.4f);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      drawRow(f, table, table.rows[static_cast<std::size_t>(visible[static_cast<std::size_t>(i)])]);
  ImGui::EndTable();
}

}  // namespace ui
