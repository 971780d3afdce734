// The panel's views. Each draws one frame from an immutable Snapshot and sends intents;
// none of them performs I/O or waits on a worker. One file per panel.
#pragma once

#include <memory>
#include <utility>
#include <string>
#include <string_view>
#include <vector>

#include "model/thresholds.h"
#include "store/intents.h"
#include "store/snapshot.h"

struct ImVec4;

namespace ui {

using TrafficRow = store::TrafficRow;

// The overlay's graphs: one point a second for the last ten minutes, oldest first.
struct FrameStatsView {
  std::vector<float> frameMs;          // the slowest frame of each second (0: none drawn)
  std::vector<float> publishAgeMs;     // the oldest snapshot a frame drew, publish -> frame
  std::vector<float> eventToScreenMs;  // the slowest event -> screen of each second
  std::vector<float> eventsPerSecond;
  std::vector<float> requestsPerMinute;
  float requestBudgetPerMinute = 0;
  struct Family {
    std::string name;                  // "v2.users.{id}.activity"
    std::vector<float> perSecond;
  };
  std::vector<Family> eventsByFamily;  // from the topic table's counts (kept while the overlay is open)
};

// An opaque rectangle in display coordinates that the shell paints before ImGui's draw data
// with a scissored clear: in a software rasterizer a clear is a memset, while a window
// background is a textured, blended quad over every pixel of it.
struct FlatFill {
  float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  float r = 0, g = 0, b = 0;
};

// What a drawn frame showed, filled in by the views. The shell redraws for data only when
// something listed here changed (visibleChange) and for time when a blink needs it.
struct FrameReport {
  std::vector<std::string> agentIds;   // agents whose rows, tiles or detail were drawn
  bool overlay = false;                // the debug overlay was drawn: every snapshot is news
  bool blinking = false;               // something blinks: redraw at the blink rate
  bool animating = false;              // something moves by itself (wallboard auto-scroll)
  std::vector<FlatFill> flatFills;     // panel backgrounds, in the order they were begun
};

// Whether `next` differs from `drawn` in anything the frame `report` describes showed.
// Cheap: pointer compares of the parts snapshots share (O(agents shown + 512 shards)).
bool visibleChange(const FrameReport& report, const store::Snapshot& drawn, const store::Snapshot& next);

// Everything a view needs for one frame.
struct Frame {
  const store::Snapshot& snap;
  store::IntentSink& intents;
  model::TimeMs now;               // wall clock, for live timers
  double uiTime;                   // ImGui time, for blinking
  const model::Thresholds& limits;
  FrameReport* report = nullptr;   // what this frame shows, for the shell's pacing; may be null
};

// The agent actions menu's state: agents waiting for the log-out confirmation.
struct AgentActionsUi {
  std::vector<std::string> pendingLogOut;
  bool openConfirm = false;        // open the confirmation at the next draw
};

// A view the supervisor saved in the config file, switched to from the Views menu or with its
// number key (1-9).
struct SavedView {
  std::string name;
  store::ViewSpec view{};          // its scope is All when queueName is set
  std::string queueName;           // a queue by its name, found among the org's queues when applied
};

// State local to one window's UI (text being typed, what is selected, which tab).
struct BrowseUi {
  std::vector<SavedView> savedViews;
  char filter[128] = "";
  int routingFilter = -1;
  int scopeIndex = 0;              // 0 all, 1 direct reports, 2.. queues
  int cursorRow = 0;               // keyboard cursor in the visible rows
  bool keyboardUsed = false;       // the cursor is shown once the arrows are used
  bool focusFilter = false;
  std::vector<std::string> marked; // the multi-selection (Ctrl+click, Shift+click, Space), agent ids
  int anchorRow = -1;              // where a Shift+click range starts
  AgentActionsUi actions;
};

struct DetailUi {
  int selectTab = -1;              // Alt+1..3: the tab to bring forward at the next draw
  int bookLengthMinutes = 30;
  char bookNote[256] = "";
  std::string shownTranscriptFor;  // switches to the Transcript tab when a new one is opened
  std::uint64_t lastBookingSeen = 0;  // switches to the Coaching tab after a booking succeeds
  AgentActionsUi actions;
};

struct WallboardUi {
  int columns = 0;                 // 0 = as many as fit
  bool muted = false;              // F8: no alert sound for this window
};

// How the wallboard lays out `count` agent tiles in `width` x `height` (display units) with
// font size `em`: the largest tiles (text scale 0.65 to 1.6 of `em`) with which all fit; when
// even the smallest do not, as many as fit per page and several pages. Tiles share the
// whole width. `fixedColumns` > 0 forces the column count.
struct TileLayout {
  int columns = 1, rows = 1;
  float tileWidth = 0, tileHeight = 0, spacing = 0;
  float textScale = 1;             // of the window's font size
  int perPage = 1, pages = 1;
};
TileLayout layoutTiles(int count, float width, float height, float em, int fixedColumns = 0);

// A JSON body as the overlay's detail pane shows it, a collapsible tree: one node per member
// or element in document order. A container's `end` is the index after its last descendant,
// so a closed node skips its children in one step and no frame walks a parsed document.
struct JsonNode {
  int depth = 0;
  std::string key;         // the member's name, or "[i]" for an array element; empty at the root
  std::string value;       // a scalar as JSON text; a container's summary, "{3}" or "[12]"
  bool container = false;
  int children = 0;
  int end = 0;
};
// Empty when `text` is not JSON.
std::vector<JsonNode> jsonTree(std::string_view text);

// The debug overlay's state: its filters, a paused capture, what is selected.
struct OverlayUi {
  enum class Kind { All, Rest, WebSocket, Errors };
  Kind kind = Kind::All;
  char search[128] = "";           // over path, topic and bodies, case-insensitive
  bool paused = false;             // the table keeps the rows it showed when paused
  std::shared_ptr<const store::TrafficRows> frozen;
  model::TimeMs clearedBefore = 0; // Clear hides what came before this
  bool follow = true;              // the newest row stays in view
  std::int64_t selected = -1;      // the selected row's index in the capture (TrafficRows::at)
  char harExportPath[256] = "supervisor-panel.har";
  std::string copied;              // what the last Copy put on the clipboard (for the status line)
  std::string prettyKey;           // the row whose bodies are pretty-printed below
  std::string prettyRequest, prettyResponse;
  std::vector<JsonNode> treeRequest, treeResponse;
  bool bodiesAsText = false;       // the pretty-printed text instead of the tree
  // The filtered rows, kept while the filters stay the same: a capture that grew (same
  // lineage) has only its new rows filtered, so 100,000 rows cost one pass per filter change,
  // not per second. A new capture (another lineage, or rows changed in place) is filtered anew.
  std::weak_ptr<const store::TrafficRows> cachedRows;
  std::uint64_t cachedLineage = 0, cachedRevision = 0;
  std::size_t filteredEnd = 0;     // the capture's endIndex() when it was last filtered
  Kind cachedKind = Kind::All;     // the filters the list was made with
  model::TimeMs cachedClearedBefore = 0;
  std::string cachedSearch;
  std::vector<std::size_t> visible;  // capture indexes of the rows shown, newest first
  std::string agentsSearched;      // the search the ids below were found for
  std::vector<std::string> searchedAgentIds;
  // Topics tab: its filter, the rows that pass it and the table's summary, recomputed when
  // the table or the filter changes, never per frame.
  char topicSearch[128] = "";
  std::weak_ptr<const store::TopicTable> cachedTopics;
  std::string cachedTopicSearch;
  std::vector<int> visibleTopics;
  int topicStates[4] = {};         // rows per store::TopicRow::State
  std::vector<std::pair<std::string, int>> refusalReasons;  // each reason once, with its count
  const char* selectTab = nullptr;  // a tab to bring forward at the next draw ("Topics"), then null
  const char* currentTab = "Traffic";  // the tab drawn last
  bool selectNewest = false;       // select the newest row the filters show at the next draw
  bool copyCurlNow = false;        // press Copy as cURL on the selected row at the next draw
};

// Whether `cached` still names the very object `current` holds (same owner, still alive).
template <class T>
bool sameOwner(const std::weak_ptr<const T>& cached, const std::shared_ptr<const T>& current) {
  return !cached.expired() && !cached.owner_before(current) && !current.owner_before(cached);
}

// The sequence numbers of the rows the Traffic tab's filters show, ascending (the Export tab's
// "rows shown"); empty before the tab was drawn or after its capture was replaced.
std::vector<std::uint64_t> shownSequences(const OverlayUi&);

// Drives the overlay as a developer would (the script's overlay steps): opens `tab` ("traffic",
// "topics", "graphs", "export"; false if there is no such tab), types `search` into the current
// tab's search, selects the newest row, presses Copy as cURL.
bool openOverlayTab(OverlayUi&, std::string_view tab);
// "all", "rest", "websocket", "errors" (any case); false for anything else.
bool setOverlayKind(OverlayUi&, std::string_view kind);
void typeOverlaySearch(OverlayUi&, std::string_view search);

// True when `row` passes the overlay's kind filter and its search (path, topic, bodies,
// headers), or names one of `searchedAgentIds` (the agents whose name the search matched:
// their events carry ids, not names) in its path or bodies.
bool trafficRowMatches(const TrafficRow& row, OverlayUi::Kind kind, std::string_view search,
                       const std::vector<std::string>& searchedAgentIds = {});
// The ids of the agents whose name contains `search` (case-insensitive), at most `limit`:
// beyond that the search is too broad to be one agent's events.
std::vector<std::string> agentIdsNamed(const store::Snapshot&, std::string_view search, std::size_t limit = 20);
// A REST exchange as a cURL command to run it again: the token is $GENESYS_TOKEN, the body
// as recorded (personal data already masked). Empty for WebSocket rows.
std::string curlCommand(const TrafficRow& row);
// True when a topic row matches the Topics tab's filter: its topic, its refusal reason or the
// name of the agent or queue its topic follows (v2.users.{id}..., v2.routing.queues.{id}...),
// case-insensitive.
bool topicRowMatches(const store::Snapshot&, const store::TopicRow& row, std::string_view search);
// The overlay's Topics tab.
void drawOverlayTopics(const Frame&, OverlayUi&);
// A JSON text indented two spaces a level (for the detail pane); the text itself if it is not JSON.
std::string prettyJson(std::string_view text);

struct DeskUi {
  BrowseUi browse;
  DetailUi detail;
  bool showDebug = false;
  OverlayUi overlay;
  bool wallboardRequested = false;  // F9: the shell opens a wallboard window
  bool overlayWindowRequested = false;  // Shift+F12: the debug overlay in a window of its own
  bool showKeys = false;            // ? or F1: the keys, listed
  bool muted = false;               // F8: no alert sound for this window
};

// [SECTION] Theme
void applyTheme(float scale);
// DejaVu Sans (Debian fonts-dejavu-core) at `pixelSize`, with the symbols the views draw.
void loadFonts(float pixelSize);
// Blinking (Severity::Blinking) is on/off twice a second and marks the frame as blinking.
ImVec4 severityColor(model::Severity, double uiTime);
// Whether severityColor drew something blinking since the last call (UI thread).
bool takeBlinkDrawn();
// BeginChild whose background (ImGuiCol_ChildBg, clipped to the parent) is a FlatFill in
// `report` rather than an ImGui quad; without a report, an ordinary child. EndChild as usual.
bool beginFlatChild(FrameReport* report, const char* id, float width, float height, bool border, int windowFlags = 0);
// A FlatFill of `color` over (x0, y0)-(x1, y1), clipped to the current window's clip rect.
void addFlatFill(FrameReport* report, float x0, float y0, float x1, float y1, const ImVec4& color);
ImVec4 linkColor(store::LinkState);

// [SECTION] Views
void drawDesk(const Frame&, DeskUi&, const FrameStatsView& stats);
void drawStatusBar(const Frame&);
// Agents free / busy / not responding / off queue and calls waiting, at `fontScale` of the
// window's font (the wallboard's is larger); says so when the window's alert sound is off.
void drawStateTotals(const Frame&, float fontScale, bool muted);
// Queue cards filling the width in up to `maxRows` rows of `cardHeight`; more become rotating pages.
void drawQueueStrip(const Frame&, float cardHeight, int maxRows);
void drawBrowsePanel(const Frame&, BrowseUi&);
void drawDetailPanel(const Frame&, DetailUi&);
void drawToasts(const Frame&);
// The debug overlay: as a window over the desk (`open` closes it), or filling a window of its
// own (`open` null: the overlay role of panel_window.h).
void drawDebugOverlay(const Frame&, OverlayUi&, const FrameStatsView& stats, bool* open);
void drawWallboard(const Frame&, WallboardUi&);

// Agent actions (agent_actions.cpp): the menu for `ids` (a row's context menu), the detail
// view's buttons for one agent, the keys Q / O / L on `ids`, and the log-out confirmation
// (drawn once per frame by the panel that owns `ui`).
void drawAgentActionsMenu(const Frame&, const std::vector<std::string>& ids, AgentActionsUi& ui);
void drawAgentActionButtons(const Frame&, const std::string& agentId, AgentActionsUi& ui);
void handleAgentActionKeys(const Frame&, const std::vector<std::string>& ids, AgentActionsUi& ui);
void drawLogOutConfirmation(const Frame&, AgentActionsUi& ui);

// Whether a single-key shortcut may act now: no text field has the keyboard, no popup is
// open, Ctrl is not held (Ctrl+letter belongs to the text fields and Ctrl+A / Ctrl+F).
bool shortcutsAllowed();
// The keys window (? or F1): every shortcut of the desk, grouped by where it acts.
void drawKeysHelp(DeskUi&);

// Helpers shared by the views.
std::string queueNames(const store::Snapshot&, const model::Agent&);
const char* mediaLabel(model::Media);
// Local wall-clock time of `t` in a strftime format, e.g. "%H:%M:%S".
std::string localTime(model::TimeMs t, const char* strftimeFormat);

}  // namespace ui
