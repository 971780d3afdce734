// The debug overlay's Topics tab: every notification topic the panel asked for, per channel,
// with the server's answer (permitted, or refused with its reason), the topics that found
// no room, what the org does not offer, and the messages each brought: "why is this agent
// not live?" answered on one screen. It draws the control thread's table from the snapshot.
#include <imgui.h>

#include <cstdio>

#include "store/agent_rows.h"
#include "ui/ui.h"

namespace ui {

namespace {

using State = store::TopicRow::State;

// The agent a topic follows: v2.users.{id}.presence, v2.users.{id}?presence&routingStatus ...
std::string_view topicUserId(std::string_view topic) {
  constexpr std::string_view kUsers = "v2.users.";
  if (topic.substr(0, kUsers.size()) != kUsers) return {};
  topic.remove_prefix(kUsers.size());
  return topic.substr(0, topic.find_first_of(".?"));
}

const model::Agent* topicAgent(const store::Snapshot& snap, std::string_view topic) {
  const std::string_view id = topicUserId(topic);
  return id.empty() ? nullptr : snap.agents.find(id);
}

const char* stateLabel(State state) {
  switch (state) {
    case State::Asked: return "asked, no answer yet";
    case State::Permitted: return "permitted";
    case State::Refused: return "refused";
    case State::NoRoom: return "no room on any channel";
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

// The rows the filter passes, in table order; recomputed only when the table or the filter changed.
const std::vector<int>& visibleTopics(const store::Snapshot& snap, OverlayUi& ui) {
  const store::TopicTable& table = *snap.topics;
  if (ui.cachedTopics == &table && ui.cachedTopicSearch == ui.topicSearch) return ui.visibleTopics;
  ui.cachedTopics = &table;
  ui.cachedTopicSearch = ui.topicSearch;
  ui.visibleTopics.clear();
  for (int i = 0; i < static_cast<int>(table.rows.size()); ++i)
    if (topicRowMatches(snap, table.rows[static_cast<std::size_t>(i)], ui.topicSearch)) ui.visibleTopics.push_back(i);
  return ui.visibleTopics;
}

void drawSummary(const store::TopicTable& table) {
  int open = 0, counts[4] = {};
  for (const auto& channel : table.channels) open += channel.open ? 1 : 0;
  for (const auto& row : table.rows) ++counts[static_cast<int>(row.state)];
  ImGui::Text("%zu channel(s), %d open · %zu topics: %d permitted, %d refused, %d asked, %d without room",
              table.channels.size(), open, table.rows.size(), counts[static_cast<int>(State::Permitted)],
              counts[static_cast<int>(State::Refused)], counts[static_cast<int>(State::Asked)],
              counts[static_cast<int>(State::NoRoom)]);
  for (const auto& line : table.notOffered) ImGui::TextDisabled("Not offered by this org: %s", line.c_str());
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
  if (const model::Agent* agent = topicAgent(f.snap, row.topic)) ImGui::TextUnformatted(agent->name.c_str());
  ImGui::TableSetColumnIndex(3);
  if (row.reason.empty())
    ImGui::TextColored(stateColor(row.state), "%s", stateLabel(row.state));
  else
    ImGui::TextColored(stateColor(row.state), "%s: %s", stateLabel(row.state), row.reason.c_str());
  ImGui::TableSetColumnIndex(4);
  ImGui::Text("%llu", static_cast<unsigned long long>(row.messages));
  ImGui::TableSetColumnIndex(5);
  ImGui::TextUnformatted(lastMessage(row.lastMessageAt, f.now).c_str());
}

}  // namespace

bool topicRowMatches(const store::Snapshot& snap, const store::TopicRow& row, std::string_view search) {
  if (search.empty() || store::containsIgnoringCase(row.topic, search) || store::containsIgnoringCase(row.reason, search))
    return true;
  const model::Agent* agent = topicAgent(snap, row.topic);
  return agent && store::containsIgnoringCase(agent->name, search);
}

void drawOverlayTopics(const Frame& f, OverlayUi& ui) {
  const store::TopicTable& table = *f.snap.topics;
  drawSummary(table);
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
  ImGui::InputTextWithHint("##topic-search", "agent name, topic or reason", ui.topicSearch, sizeof ui.topicSearch);
  const std::vector<int>& visible = visibleTopics(f.snap, ui);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu shown", visible.size());
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("topics", 6, flags)) return;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Channel", ImGuiTableColumnFlags_WidthFixed, em * 4);
  ImGui::TableSetupColumn("Topic", ImGuiTableColumnFlags_WidthStretch, 1.0f);
  ImGui::TableSetupColumn("Agent", ImGuiTableColumnFlags_WidthFixed, em * 9);
  ImGui::TableSetupColumn("State", ImGuiTableColumnFlags_WidthStretch, 0.6f);  // reasons are sentences
  ImGui::TableSetupColumn("Messages", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn("Last message", ImGuiTableColumnFlags_WidthFixed, em * 9);
  ImGui::TableHeadersRow();
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible.size()));
  while (clipper.Step())
    for (int i = clipper.DisplayStart; i < clipper.DisplayEnd; ++i)
      drawRow(f, table, table.rows[static_cast<std::size_t>(visible[static_cast<std::size_t>(i)])]);
  ImGui::EndTable();
}

}  // namespace ui
