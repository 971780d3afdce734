// The panel's views. Each draws one frame from an immutable Snapshot and sends intents;
// none of them performs I/O or waits on a worker. One file per panel.
#pragma once

#include <string>
#include <vector>

#include "model/thresholds.h"
#include "store/intents.h"
#include "store/snapshot.h"

struct ImVec4;

namespace ui {

using TrafficRow = store::TrafficRow;

struct FrameStatsView {
  std::vector<float> frameMs;          // recent frames, oldest first
  std::vector<float> publishAgeMs;
  std::vector<float> eventsPerSecond;
  std::vector<float> requestsPerMinute;
};

// Everything a view needs for one frame.
struct Frame {
  const store::Snapshot& snap;
  store::IntentSink& intents;
  model::TimeMs now;               // wall clock, for live timers
  double uiTime;                   // ImGui time, for blinking
  const model::Thresholds& limits;
};

// The agent actions menu's state: agents waiting for the log-out confirmation.
struct AgentActionsUi {
  std::vector<std::string> pendingLogOut;
  bool openConfirm = false;        // open the confirmation at the next draw
};

// State local to one window's UI (text being typed, what is selected, which tab).
struct BrowseUi {
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
  int bookLengthMinutes = 30;
  char bookNote[256] = "";
  std::string shownTranscriptFor;  // switches to the Transcript tab when a new one is opened
  std::uint64_t lastBookingSeen = 0;  // switches to the Coaching tab after a booking succeeds
  AgentActionsUi actions;
};

struct WallboardUi {
  float scrollY = 0;
  double pauseUntil = 0;
  int columns = 0;                 // 0 = fit
};

struct DeskUi {
  BrowseUi browse;
  DetailUi detail;
  bool showDebug = false;
  char trafficFilter[64] = "";
  int selectedTraffic = -1;
  char harExportPath[256] = "supervisor-panel.har";
};

// [SECTION] Theme
void applyTheme(float scale);
// DejaVu Sans (Debian fonts-dejavu-core) at `pixelSize`, with the symbols the views draw.
void loadFonts(float pixelSize);
ImVec4 severityColor(model::Severity, double uiTime);
ImVec4 linkColor(store::LinkState);

// [SECTION] Views
void drawDesk(const Frame&, DeskUi&, const FrameStatsView& stats);
void drawStatusBar(const Frame&);
void drawQueueStrip(const Frame&, float height);
void drawBrowsePanel(const Frame&, BrowseUi&);
void drawDetailPanel(const Frame&, DetailUi&);
void drawToasts(const Frame&);
void drawDebugOverlay(const Frame&, DeskUi&, const FrameStatsView& stats);
void drawWallboard(const Frame&, WallboardUi&);

// Agent actions (agent_actions.cpp): the menu for `ids` (a row's context menu), the detail
// view's buttons for one agent, the keys Q / O / L on `ids`, and the log-out confirmation
// (drawn once per frame by the panel that owns `ui`).
void drawAgentActionsMenu(const Frame&, const std::vector<std::string>& ids, AgentActionsUi& ui);
void drawAgentActionButtons(const Frame&, const std::string& agentId, AgentActionsUi& ui);
void handleAgentActionKeys(const Frame&, const std::vector<std::string>& ids, AgentActionsUi& ui);
void drawLogOutConfirmation(const Frame&, AgentActionsUi& ui);

// Helpers shared by the views.
std::string queueNames(const store::Snapshot&, const model::Agent&);
const char* mediaLabel(model::Media);
// Local wall-clock time of `t` in a strftime format, e.g. "%H:%M:%S".
std::string localTime(model::TimeMs t, const char* strftimeFormat);

}  // namespace ui
