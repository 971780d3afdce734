// Debug overlay (F12, or a window of its own): every REST exchange and WebSocket message,
// redacted, filtered by kind and searched through bodies, with a detail pane (request line,
// headers, pretty-printed body, copy as cURL) and live graphs. It draws copies the session
// handed to the store; it never reads the network layer.
#include <imgui.h>

#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "store/agent_rows.h"
#include "ui/ui.h"

namespace ui {

namespace {

std::string clockMillis(model::TimeMs t) {
  return localTime(t, "%H:%M:%S") + "." + std::to_string(1000 + t % 1000).substr(1);
}

ImVec4 statusColor(int status) {
  if (status >= 500 || status == 0) return linkColor(store::LinkState::Stale);
  if (status >= 400) return linkColor(store::LinkState::Reconnecting);
  if (status >= 300) return ImVec4(0.6f, 0.75f, 1.0f, 1.0f);
  return linkColor(store::LinkState::Live);
}

void prettyPrint(const boost::json::value& v, std::string& out, int depth) {
  const std::string pad(static_cast<std::size_t>(depth) * 2, ' ');
  if (const auto* o = v.if_object(); o && !o->empty()) {
    out += "{\n";
    std::size_t i = 0;
    for (const auto& [key, value] : *o) {
      out += pad + "  " + boost::json::serialize(boost::json::string(key)) + ": ";
      prettyPrint(value, out, depth + 1);
      out += ++i < o->size() ? ",\n" : "\n";
    }
    out += pad + "}";
  } else if (const auto* a = v.if_array(); a && !a->empty()) {
    out += "[\n";
    for (std::size_t i = 0; i < a->size(); ++i) {
      out += pad + "  ";
      prettyPrint((*a)[i], out, depth + 1);
      out += i + 1 < a->size() ? ",\n" : "\n";
    }
    out += pad + "]";
  } else {
    out += boost::json::serialize(v);
  }
}

// Wrapped text of any length. ImGui draws every glyph of a wrapped text that is partly in view,
// those scrolled above it included, so a 50 KB body would pass one draw list's 65,536
// vertices. Cut into pieces of about 1 KB at line ends; a piece out of view only takes its room.
void drawLongWrappedText(std::string_view text, bool disabled = false) {
  constexpr std::size_t kPiece = 1024;
  const float width = ImGui::GetContentRegionAvail().x;
  if (disabled) ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
  ImGui::PushTextWrapPos(0);
  for (std::size_t start = 0; start < text.size();) {
    std::size_t end = std::min(text.size(), start + kPiece);
    if (end < text.size()) {
      // At a line end, else after a comma or a space: the piece's own line break falls where
      // wrapping could have put one.
      if (const std::size_t cut = text.find_last_of("\n, ", end - 1); cut != std::string_view::npos && cut > start)
        end = cut + 1;
      while (end > start + 1 && end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
    }
    const char* begin = text.data() + start;
    const ImVec2 size = ImGui::CalcTextSize(begin, text.data() + end, false, width);
    if (ImGui::IsRectVisible(size))
      ImGui::TextUnformatted(begin, text.data() + end);
    else
      ImGui::Dummy(size);
    start = end;
  }
  ImGui::PopTextWrapPos();
  if (disabled) ImGui::PopStyleColor();
}

void addNodes(const boost::json::value& v, int depth, std::string key, std::vector<JsonNode>& out) {
  const std::size_t index = out.size();
  out.push_back({depth, std::move(key), "", false, 0, 0});
  if (const auto* o = v.if_object()) {
    out[index].container = true;
    out[index].children = static_cast<int>(o->size());
    out[index].value = "{" + std::to_string(o->size()) + "}";
    for (const auto& [name, member] : *o) addNodes(member, depth + 1, std::string(name), out);
  } else if (const auto* a = v.if_array()) {
    out[index].container = true;
    out[index].children = static_cast<int>(a->size());
    out[index].value = "[" + std::to_string(a->size()) + "]";
    for (std::size_t i = 0; i < a->size(); ++i) addNodes((*a)[i], depth + 1, "[" + std::to_string(i) + "]", out);
  } else {
    out[index].value = boost::json::serialize(v);
  }
  out[index].end = static_cast<int>(out.size());
}

// The first two levels start open, except long lists (a page of 500 users), which the
// developer opens when needed. Leaves wrap: a transcript's text stays in the pane.
void drawJsonTree(const std::vector<JsonNode>& nodes) {
  std::vector<int> ends;  // the ends of the open containers, innermost last
  const float leafIndent = ImGui::GetTreeNodeToLabelSpacing();
  for (int i = 0; i < static_cast<int>(nodes.size());) {
    for (; !ends.empty() && i >= ends.back(); ends.pop_back()) ImGui::TreePop();
    const JsonNode& n = nodes[static_cast<std::size_t>(i)];
    const std::string label = n.key.empty() ? n.value : n.key + ": " + n.value;
    if (!n.container) {
      ImGui::Indent(leafIndent);
      drawLongWrappedText(label);
      ImGui::Unindent(leafIndent);
      ++i;
      continue;
    }
    ImGui::SetNextItemOpen(n.depth < 2 && n.children <= 50, ImGuiCond_Once);
    if (ImGui::TreeNodeEx(reinterpret_cast<void*>(static_cast<std::intptr_t>(i)), ImGuiTreeNodeFlags_SpanAvailWidth, "%s",
                          label.c_str())) {
      ends.push_back(n.end);
      ++i;
    } else {
      i = n.end;
    }
  }
  for (; !ends.empty(); ends.pop_back()) ImGui::TreePop();
}

// The rows the table lists, newest first: the capture (or what it was when paused), after
// Clear, through the kind filter and the search. A capture that only grew and lost old rows
// since the last frame has just its new rows filtered; anything else is filtered anew.
const std::vector<std::size_t>& visibleRows(const store::Snapshot& snap, OverlayUi& ui,
                                            const std::shared_ptr<const store::TrafficRows>& captured) {
  const store::TrafficRows& rows = *captured;
  // Compared field by field: nothing is built on a frame where nothing changed.
  const bool sameFilters = ui.cachedKind == ui.kind && ui.cachedClearedBefore == ui.clearedBefore && ui.cachedSearch == ui.search;
  const bool grew = sameFilters && ui.cachedLineage == rows.lineage() && ui.cachedRevision == rows.revision() &&
                    ui.filteredEnd <= rows.endIndex();
  ui.cachedRows = captured;
  if (grew && ui.filteredEnd == rows.endIndex() && (ui.visible.empty() || rows.holds(ui.visible.back())))
    return ui.visible;
  if (!grew) {
    ui.visible.clear();
    ui.filteredEnd = rows.firstIndex();
  }
  ui.cachedKind = ui.kind;
  ui.cachedClearedBefore = ui.clearedBefore;
  ui.cachedSearch = ui.search;
  ui.cachedLineage = rows.lineage();
  ui.cachedRevision = rows.revision();
  if (ui.agentsSearched != ui.search) {  // names are looked up per search, not per capture
    ui.agentsSearched = ui.search;
    ui.searchedAgentIds = agentIdsNamed(snap, ui.search);
  }
  while (!ui.visible.empty() && !rows.holds(ui.visible.back())) ui.visible.pop_back();  // gone from the capture
  std::vector<std::size_t> added;
  for (std::size_t i = rows.endIndex(); i-- > std::max(ui.filteredEnd, rows.firstIndex());) {
    const TrafficRow& row = rows.at(i);
    if (row.at >= ui.clearedBefore && trafficRowMatches(row, ui.kind, ui.search, ui.searchedAgentIds)) added.push_back(i);
  }
  ui.visible.insert(ui.visible.begin(), added.begin(), added.end());
  ui.filteredEnd = rows.endIndex();
  return ui.visible;
}

void drawToolbar(OverlayUi& ui, const std::shared_ptr<const store::TrafficRows>& live, std::size_t shown) {
  constexpr const char* kKinds[] = {"All", "REST", "WebSocket", "Errors"};
  for (int k = 0; k < 4; ++k) {
    if (k) ImGui::SameLine();
    if (ImGui::RadioButton(kKinds[k], ui.kind == static_cast<OverlayUi::Kind>(k))) ui.kind = static_cast<OverlayUi::Kind>(k);
  }
  ImGui::SameLine();
  ImGui::SetNextItemWidth(ImGui::GetFontSize() * 16);
  ImGui::InputTextWithHint("##traffic-search", "agent name, path, topic, bodies", ui.search, sizeof ui.search);
  ImGui::SameLine();
  if (ImGui::Button(ui.paused ? "Resume" : "Pause")) {
    ui.paused = !ui.paused;
    ui.frozen = ui.paused ? live : nullptr;
  }
  ImGui::SameLine();
  if (ImGui::Button("Clear") && !live->empty()) {
    ui.clearedBefore = live->back().at + 1;
    ui.selected = -1;
  }
  ImGui::SameLine();
  ImGui::Checkbox("Follow newest", &ui.follow);
  ImGui::SameLine();
  ImGui::TextDisabled("%zu shown%s · WebSocket bodies are kept while the overlay is open", shown,
                      ui.paused ? " (paused)" : "");
}

void drawTable(OverlayUi& ui, const store::TrafficRows& rows, const std::vector<std::size_t>& visible, float height) {
  const ImGuiTableFlags flags = ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_Resizable |
                                ImGuiTableFlags_BordersInnerV | ImGuiTableFlags_SizingFixedFit;
  if (!ImGui::BeginTable("traffic", 8, flags, ImVec2(0, height))) return;
  const float em = ImGui::GetFontSize();
  ImGui::TableSetupScrollFreeze(0, 1);
  ImGui::TableSetupColumn("Time", ImGuiTableColumnFlags_WidthFixed, em * 6.5f);
  ImGui::TableSetupColumn("Kind", ImGuiTableColumnFlags_WidthFixed, em * 2.5f);
  ImGui::TableSetupColumn("Method", ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
  ImGui::TableSetupColumn("Path / topic", ImGuiTableColumnFlags_WidthStretch);
  ImGui::TableSetupColumn("Status", ImGuiTableColumnFlags_WidthFixed, em * 3);
  ImGui::TableSetupColumn("ms", ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
  ImGui::TableSetupColumn("Bytes", ImGuiTableColumnFlags_WidthFixed, em * 4.5f);
  ImGui::TableSetupColumn("Retries", ImGuiTableColumnFlags_WidthFixed, em * 3.5f);
  ImGui::TableHeadersRow();
  if (ui.follow) ImGui::SetScrollY(0);  // newest first: the top is the newest
  ImGuiListClipper clipper;
  clipper.Begin(static_cast<int>(visible.size()));
  while (clipper.Step()) {
    for (int row = clipper.DisplayStart; row < clipper.DisplayEnd; ++row) {
      const std::size_t index = visible[static_cast<std::size_t>(row)];
      const TrafficRow& t = rows.at(index);
      const auto selectedIndex = static_cast<std::int64_t>(index);
      const bool rest = t.kind == "REST";
      ImGui::TableNextRow();
      ImGui::TableSetColumnIndex(0);
      ImGui::PushID(static_cast<int>(index));
      if (ImGui::Selectable(clockMillis(t.at).c_str(), ui.selected == selectedIndex, ImGuiSelectableFlags_SpanAllColumns)) {
        ui.selected = selectedIndex;
        ui.follow = false;  // reading one: the table stops moving under the pointer
      }
      ImGui::PopID();
      ImGui::TableSetColumnIndex(1);
      ImGui::TextUnformatted(rest ? "REST" : "WS");
      ImGui::TableSetColumnIndex(2);
      ImGui::TextUnformatted(t.method.c_str());
      ImGui::TableSetColumnIndex(3);
      ImGui::TextUnformatted(t.path.c_str());
      ImGui::TableSetColumnIndex(4);
      if (rest) ImGui::TextColored(statusColor(t.status), "%s", t.status ? std::to_string(t.status).c_str() : "—");
      if (t.undecoded) ImGui::TextColored(statusColor(0), "bad");  // a message the panel could not decode
      ImGui::TableSetColumnIndex(5);
      if (rest) ImGui::Text("%.1f", t.latencyMs);
      ImGui::TableSetColumnIndex(6);
      ImGui::Text("%zu", rest ? t.bytesIn + t.bytesOut : t.bytesIn);
      ImGui::TableSetColumnIndex(7);
      if (rest && t.retries) ImGui::Text("%d", t.retries);
    }
  }
  ImGui::EndTable();
}

void drawBody(OverlayUi& ui, const char* label, const std::string& body, const std::string& pretty,
              const std::vector<JsonNode>& tree) {
  if (body.empty() || !ImGui::CollapsingHeader(label, ImGuiTreeNodeFlags_DefaultOpen)) return;
  ImGui::PushID(label);
  if (ImGui::SmallButton("Copy body")) ImGui::SetClipboardText(body.c_str());
  if (!tree.empty()) {
    ImGui::SameLine();
    ImGui::Checkbox("as text", &ui.bodiesAsText);
  }
  if (tree.empty() || ui.bodiesAsText) {
    drawLongWrappedText(pretty);
  } else {
    ImGui::PushID(ui.prettyKey.c_str());  // a new selection starts with its own open nodes
    drawJsonTree(tree);
    ImGui::PopID();
  }
  ImGui::PopID();
}

// The earlier attempts of the REST request at `index` (the log keeps one row per attempt, each
// counting the attempts before it), oldest first, with the wait before each next one.
void drawAttempts(const store::TrafficRows& rows, std::size_t index) {
  const TrafficRow& t = rows.at(index);
  if (t.retries == 0) return;
  std::vector<const TrafficRow*> attempts{&t};
  // Retries follow within seconds: a bounded look back, not a walk through the whole capture.
  constexpr std::size_t kLookBack = 5000;
  const std::size_t oldest = std::max(rows.firstIndex(), index > kLookBack ? index - kLookBack : 0);
  for (std::size_t i = index; i-- > oldest && attempts.back()->retries > 0;) {
    const TrafficRow& r = rows.at(i);
    if (r.kind == "REST" && r.method == t.method && r.url == t.url && r.retries == attempts.back()->retries - 1)
      attempts.push_back(&r);
  }
  if (!ImGui::CollapsingHeader("Attempts", ImGuiTreeNodeFlags_DefaultOpen)) return;
  for (auto it = attempts.rbegin(); it != attempts.rend(); ++it) {
    const TrafficRow& a = **it;
    ImGui::TextColored(statusColor(a.status), "attempt %d: %s", a.retries + 1,
                       a.status ? std::to_string(a.status).c_str() : "no response");
    ImGui::SameLine();
    ImGui::TextDisabled("%.1f ms at %s", a.latencyMs, clockMillis(a.at).c_str());
    if (it + 1 != attempts.rend()) {
      const double waitMs = static_cast<double>((*(it + 1))->at - a.at) - a.latencyMs;
      ImGui::SameLine();
      ImGui::TextDisabled("· then waited %.0f ms", std::max(0.0, waitMs));
    }
  }
  if (attempts.back()->retries > 0) ImGui::TextDisabled("(earlier attempts are no longer in the capture)");
}

// What the panel made of a received notification, noted while the overlay was open.
void drawOutcome(const store::Snapshot& snap, const TrafficRow& t) {
  if (t.method != "in") return;
  const auto& outcomes = *snap.eventOutcomes;
  const auto found = std::find_if(outcomes.rbegin(), outcomes.rend(),
                                  [&](const store::EventOutcome& o) { return o.sequence == t.sequence; });
  ImGui::PushTextWrapPos(0);
  if (found != outcomes.rend())
    ImGui::Text("What it did: %s", found->text.c_str());
  else
    ImGui::TextDisabled("What it did: not kept (it came while the overlay was closed, or before the newest 2,000 events)");
  ImGui::PopTextWrapPos();
}

void drawDetail(const Frame& f, OverlayUi& ui, const store::TrafficRows& rows, std::size_t index) {
  const TrafficRow& t = rows.at(index);
  // Bodies are pretty-printed once per selection, not per frame (a listing is 100 KB).
  // Keyed by what the row is, not where: each new capture is a new vector.
  std::string key = std::to_string(t.at) + t.method + t.path + std::to_string(t.responseBody.size());
  if (ui.prettyKey != key) {
    ui.prettyKey = std::move(key);
    ui.prettyRequest = prettyJson(t.requestBody);
    ui.prettyResponse = prettyJson(t.responseBody);
    ui.treeRequest = jsonTree(t.requestBody);
    ui.treeResponse = jsonTree(t.responseBody);
    ui.copied.clear();  // it was another row's command
  }
  ImGui::BeginChild("traffic-detail", ImVec2(0, 0), true);
  const bool rest = t.kind == "REST";
  if (rest) {
    ImGui::TextColored(statusColor(t.status), "%d", t.status);
    ImGui::SameLine();
    ImGui::Text("%s %s", t.method.c_str(), t.url.empty() ? t.path.c_str() : t.url.c_str());
    ImGui::TextDisabled("%.1f ms · %d retries · budget left %s · correlation %s", t.latencyMs, t.retries,
                        t.budgetLeft >= 0 ? std::to_string(t.budgetLeft).c_str() : "-",
                        t.correlationId.empty() ? "-" : t.correlationId.c_str());
    char connect[32] = "reused connection";
    if (t.connectMs > 0) std::snprintf(connect, sizeof connect, "%.1f ms", t.connectMs);
    ImGui::TextDisabled("queued %.1f ms · connect + TLS %s · request to response header %.1f ms · reading %.1f ms",
                        t.queuedMs, connect, t.waitingMs, t.readingMs);
    if (ImGui::SmallButton("Copy as cURL") || std::exchange(ui.copyCurlNow, false)) {
      ui.copied = curlCommand(t);
      ImGui::SetClipboardText(ui.copied.c_str());
    }
    if (!ui.copied.empty()) {
      ImGui::SameLine();
      ImGui::TextDisabled("copied: the token is $GENESYS_TOKEN, the body masked");
      drawLongWrappedText(ui.copied, true);
    }
    drawAttempts(rows, index);
  } else {
    ImGui::Text("WebSocket %s · %s · %zu bytes", t.method == "out" ? "sent" : "received",
                t.path.empty() ? "(no topic)" : t.path.c_str(), t.bytesIn);
    ImGui::TextDisabled("channel %s · socket #%llu", t.channel.empty() ? "(unknown)" : t.channel.c_str(),
                        static_cast<unsigned long long>(t.socket));
    if (t.undecoded) ImGui::TextColored(statusColor(0), "The panel could not decode this message.");
    drawOutcome(f.snap, t);
  }
  if (!t.requestHeaders.empty() && ImGui::CollapsingHeader("Request headers"))
    ImGui::TextUnformatted(t.requestHeaders.c_str());
  drawBody(ui, "Request body", t.requestBody, ui.prettyRequest, ui.treeRequest);
  if (!t.responseHeaders.empty() && ImGui::CollapsingHeader("Response headers"))
    ImGui::TextUnformatted(t.responseHeaders.c_str());
  drawBody(ui, rest ? "Response body" : "Message", t.responseBody, ui.prettyResponse, ui.treeResponse);
  ImGui::EndChild();
}

void drawTraffic(const Frame& f, OverlayUi& ui) {
  const std::shared_ptr<const store::TrafficRows>& live = f.snap.traffic;
  const std::shared_ptr<const store::TrafficRows>& captured = ui.paused && ui.frozen ? ui.frozen : live;
  const store::TrafficRows& rows = *captured;
  const std::vector<std::size_t>& visible = visibleRows(f.snap, ui, captured);
  if (ui.selectNewest && !visible.empty()) {  // asked before the first rows came: kept until they do
    ui.selectNewest = false;
    ui.selected = static_cast<std::int64_t>(visible.front());
    ui.follow = false;
  }
  drawToolbar(ui, live, visible.size());
  if (live->empty())
    ImGui::TextDisabled("Collecting: the capture is handed to the overlay each second while it is open.");
  const bool detail = ui.selected >= 0 && rows.holds(static_cast<std::size_t>(ui.selected));
  drawTable(ui, rows, visible, detail ? ImGui::GetContentRegionAvail().y * 0.5f : 0.0f);  // 0: the whole height
  if (detail) drawDetail(f, ui, rows, static_cast<std::size_t>(ui.selected));
}

// One graph of the last ten minutes, its current value (and `reference`, a budget or a frame's
// time, which the scale always includes) written over it.
void plot(const char* label, const std::vector<float>& values, float reference, const char* unit, float heightEm = 3.5f) {
  if (values.empty()) {
    ImGui::TextDisabled("%s: no data yet", label);
    return;
  }
  const float maxValue = std::max(reference, *std::max_element(values.begin(), values.end())) * 1.1f;
  char overlay[160];
  std::snprintf(overlay, sizeof overlay, "%s: %.1f %s now, %.1f at most (last %zu s)", label, values.back(), unit,
                *std::max_element(values.begin(), values.end()), values.size());
  ImGui::PushID(label);
  ImGui::PlotLines("##plot", values.data(), static_cast<int>(values.size()), 0, overlay, 0.0f, maxValue,
                   ImVec2(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * heightEm));  // 1.86: no -1 here
  ImGui::PopID();
}

void drawGraphs(const FrameStatsView& stats) {
  ImGui::TextDisabled("One point a second, the last ten minutes.");
  char budget[64];
  std::snprintf(budget, sizeof budget, "per min (budget %.0f)", stats.requestBudgetPerMinute);
  plot("requests", stats.requestsPerMinute, stats.requestBudgetPerMinute, budget);
  plot("events", stats.eventsPerSecond, 1.0f, "/s");
  for (const auto& family : stats.eventsByFamily) plot(family.name.c_str(), family.perSecond, 1.0f, "/s", 2.0f);
  if (stats.eventsByFamily.empty()) ImGui::TextDisabled("Events per topic family: counted while the overlay is open.");
  plot("snapshot age at draw (publish -> frame)", stats.publishAgeMs, 16.0f, "ms");
  plot("slowest frame", stats.frameMs, 16.7f, "ms");
  plot("event -> screen", stats.eventToScreenMs, 16.7f, "ms");
}

void drawTabs(const Frame& f, OverlayUi& ui, const FrameStatsView& stats) {
  const store::SessionInfo& s = *f.snap.session;
  ImGui::Text("link %s · snapshot v%llu · %zu agents · %zu conversations · %zu appointments",
              std::string(store::toString(s.link)).c_str(), static_cast<unsigned long long>(f.snap.version),
              f.snap.agents.size(), f.snap.conversations.size(), f.snap.appointments.size());
  if (!ImGui::BeginTabBar("debug-tabs")) return;
  // A tab asked for by name (tests, scripts) comes forward once.
  auto tab = [&ui](const char* name) {
    const bool asked = ui.selectTab && std::string_view(ui.selectTab) == name;
    if (asked) ui.selectTab = nullptr;
    const bool open = ImGui::BeginTabItem(name, nullptr, asked ? ImGuiTabItemFlags_SetSelected : 0);
    if (open) ui.currentTab = name;
    return open;
  };
  if (tab("Traffic")) {
    drawTraffic(f, ui);
    ImGui::EndTabItem();
  }
  if (tab("Topics")) {
    drawOverlayTopics(f, ui);
    ImGui::EndTabItem();
  }
  if (tab("Graphs")) {
    drawGraphs(stats);
    ImGui::EndTabItem();
  }
  if (tab("Export")) {
    ImGui::InputText("HAR file", ui.harExportPath, sizeof ui.harExportPath);
    if (ImGui::Button("Export everything held")) f.intents.send(store::ExportHar{ui.harExportPath});
    ImGui::SameLine();
    const std::string shown = "Export the " + std::to_string(ui.visible.size()) + " rows the Traffic tab shows";
    ImGui::BeginDisabled(ui.visible.empty());
    if (ImGui::Button(shown.c_str())) f.intents.send(store::ExportHar{ui.harExportPath, shownSequences(ui)});
    ImGui::EndDisabled();
    ImGui::TextDisabled("Authorization headers, tokens and personal data are redacted in the export.");
    ImGui::EndTabItem();
  }
  ImGui::EndTabBar();
}

}  // namespace

bool trafficRowMatches(const TrafficRow& row, OverlayUi::Kind kind, std::string_view search,
                       const std::vector<std::string>& searchedAgentIds) {
  const bool rest = row.kind == "REST";
  if (kind == OverlayUi::Kind::Rest && !rest) return false;
  if (kind == OverlayUi::Kind::WebSocket && rest) return false;
  if (kind == OverlayUi::Kind::Errors && !(rest ? row.status >= 400 || row.status == 0 : row.undecoded)) return false;
  if (search.empty()) return true;
  for (const std::string* field :
       {&row.path, &row.responseBody, &row.requestBody, &row.requestHeaders, &row.responseHeaders, &row.channel})
    if (store::containsIgnoringCase(*field, search)) return true;
  for (const std::string& id : searchedAgentIds)
    for (const std::string* field : {&row.path, &row.responseBody, &row.requestBody})
      if (field->find(id) != std::string::npos) return true;
  return false;
}

std::vector<std::string> agentIdsNamed(const store::Snapshot& snap, std::string_view search, std::size_t limit) {
  std::vector<std::string> ids;
  if (search.size() < 2) return ids;  // one letter names half the org
  bool tooMany = false;
  snap.agents.forEach([&](const model::Agent& agent) {
    if (tooMany || !store::containsIgnoringCase(agent.name, search)) return;
    tooMany = ids.size() == limit;
    ids.push_back(agent.id);
  });
  if (tooMany) ids.clear();
  return ids;
}

std::string curlCommand(const TrafficRow& row) {
  if (row.kind != "REST") return {};
  auto quoted = [](std::string_view text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
  };
  std::string command = "curl -X " + row.method + " " + quoted(row.url.empty() ? row.path : row.url) +
                        " -H 'Authorization: Bearer '\"$GENESYS_TOKEN\"";
  if (!row.requestBody.empty()) command += " -H 'Content-Type: application/json' --data " + quoted(row.requestBody);
  return command;
}

std::string prettyJson(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  if (ec) return std::string(text);
  std::string out;
  prettyPrint(v, out, 0);
  return out;
}

std::vector<std::uint64_t> shownSequences(const OverlayUi& ui) {
  std::vector<std::uint64_t> sequences;
  const auto rows = ui.cachedRows.lock();
  if (!rows) return sequences;
  for (const std::size_t i : ui.visible)
    if (rows->holds(i)) sequences.push_back(rows->at(i).sequence);
  std::sort(sequences.begin(), sequences.end());
  return sequences;
}

bool openOverlayTab(OverlayUi& ui, std::string_view tab) {
  static constexpr const char* kTabs[] = {"Traffic", "Topics", "Graphs", "Export"};
  for (const char* name : kTabs)
    if (store::containsIgnoringCase(name, tab) && tab.size() == std::string_view(name).size()) {
      ui.selectTab = name;
      return true;
    }
  return false;
}

bool setOverlayKind(OverlayUi& ui, std::string_view kind) {
  static constexpr std::pair<const char*, OverlayUi::Kind> kKinds[] = {
      {"all", OverlayUi::Kind::All}, {"rest", OverlayUi::Kind::Rest},
      {"websocket", OverlayUi::Kind::WebSocket}, {"errors", OverlayUi::Kind::Errors}};
  for (const auto& [name, value] : kKinds)
    if (kind.size() == std::string_view(name).size() && store::containsIgnoringCase(name, kind)) {
      ui.kind = value;
      return true;
    }
  return false;
}

void typeOverlaySearch(OverlayUi& ui, std::string_view search) {
  const std::string_view tab = ui.selectTab ? ui.selectTab : ui.currentTab;
  char* field = tab == "Topics" ? ui.topicSearch : ui.search;
  const std::size_t size = tab == "Topics" ? sizeof ui.topicSearch : sizeof ui.search;
  std::snprintf(field, size, "%.*s", static_cast<int>(search.size()), search.data());
}

std::vector<JsonNode> jsonTree(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value v = boost::json::parse(text, ec);
  std::vector<JsonNode> nodes;
  if (!ec) addNodes(v, 0, "", nodes);
  return nodes;
}

void drawDebugOverlay(const Frame& f, OverlayUi& ui, const FrameStatsView& stats, bool* open) {
  const ImGuiViewport* viewport = ImGui::GetMainViewport();
  if (open) {
    ImGui::SetNextWindowPos(ImVec2(viewport->WorkPos.x + viewport->WorkSize.x * 0.1f, viewport->WorkPos.y + 40),
                            ImGuiCond_FirstUseEver);
    ImGui::SetNextWindowSize(ImVec2(viewport->WorkSize.x * 0.8f, viewport->WorkSize.y * 0.8f), ImGuiCond_FirstUseEver);
  } else {
    ImGui::SetNextWindowPos(viewport->WorkPos);
    ImGui::SetNextWindowSize(viewport->WorkSize);
  }
  const ImGuiWindowFlags flags = open ? 0 : ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings;
  if (ImGui::Begin("Debug overlay (F12)", open, flags)) {
    if (f.report) f.report->overlay = true;
    drawTabs(f, ui, stats);
  }
  ImGui::End();
}

}  // namespace ui
