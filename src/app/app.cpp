// The app shell: GLFW, its windows (panel_window.h) and the frame loop. The loop loads one
// snapshot per wake-up, lets each window draw it if it needs to, and never waits on a worker.
#include "app/app.h"

#include <GLFW/glfw3.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <memory>
#include <fstream>
#include <utility>
#include <vector>

#include "app/alert_sound.h"
#include "app/backend.h"
#include "app/clocks.h"
#include "app/config.h"
#include "app/event_log.h"
#include "app/frame_stats.h"
#include "app/panel_window.h"
#include "app/script.h"
#include "app/state_dump.h"
#include "store/intent_router.h"
#include "store/store.h"

namespace app {

namespace {

using Clock = std::chrono::steady_clock;

// Where the panel connects, for the first line of the log (no secret: no client id).
std::string describeConnection(const Options& options) {
  if (options.demo) return ": --demo with " + std::to_string(options.demoAgents) + " agents";
  if (!options.gcsimUrl.empty()) return ": --gcsim " + options.gcsimUrl;
  if (!options.region.empty()) return ": --region " + options.region;
  if (!options.apiBase.empty()) return ": --api-base " + options.apiBase;
  return ": not connected";
}

// --record's settings. When the recording stops early (its size cap), the reason goes to
// stderr and, while the store lives, to a toast.
net::TrafficRecorderConfig recorderConfig(const Options& options,
                                          std::shared_ptr<std::atomic<store::Store*>> noticeStore) {
  net::TrafficRecorderConfig config;
  config.path = options.recordPath;
  config.maxBytes = static_cast<std::uint64_t>(options.recordMaxMb) * 1024 * 1024;
  config.onStopped = [noticeStore](const std::string& why) {
    std::fprintf(stderr, "supervisor-panel: %s\n", why.c_str());
    if (store::Store* store = noticeStore->load())
      store->post([why, at = wallMs()](store::State& st) { st.toast(store::ToastLevel::Error, why, at); });
  };
  return config;
}

// "2 wallboard": how --stats-json names a window's figures (numbered in the order opened).
std::string windowName(WindowRole role, std::size_t number) { return std::to_string(number) + " " + roleName(role); }

// The layout of the last exit, when it is one the panel can open; else `fallback`.
std::vector<WindowSpec> restoredLayout(std::vector<WindowSpec> fallback) {
  std::vector<WindowSpec> specs;
  for (const std::string& text : loadLayout()) {
    const auto spec = parseWindowSpec(text);
    if (!spec) return fallback;
    specs.push_back(*spec);
  }
  return specs.empty() ? fallback : specs;
}

// The open windows as --window takes them: "desk@0", "wallboard@1".
std::vector<std::string> describeLayout(const std::vector<std::unique_ptr<PanelWindow>>& windows) {
  std::vector<std::string> layout;
  for (const auto& w : windows) {
    std::string text = roleName(w->role());
    if (const int monitor = w->currentMonitor(); monitor >= 0) text += "@" + std::to_string(monitor);
    layout.push_back(std::move(text));
  }
  return layout;
}

// After a frame: windows the supervisor closed go (the last one ends the panel), and a window
// a desk asked for (F9 wallboard, Shift+F12 overlay) opens on a monitor other than the
// desk's when there is one.
void arrangeWindows(std::vector<std::unique_ptr<PanelWindow>>& windows, const Options& options,
                    std::size_t& windowsOpened) {
  std::erase_if(windows, [](const auto& w) { return w->closeRequested(); });
  for (std::size_t i = 0; i < windows.size(); ++i) {
    const std::optional<WindowRole> role = windows[i]->takeWindowRequest();
    if (!role) continue;
    int count = 0;
    glfwGetMonitors(&count);
    const int own = windows[i]->currentMonitor();
    const int other = count > 1 ? (own == 0 ? 1 : 0) : -1;
    std::string error;
    auto opened = PanelWindow::open(WindowSpec{*role, other}, options, windows.front()->glfw(),
                                    windowName(*role, ++windowsOpened), error);
    if (opened) windows.push_back(std::move(opened));
    else std::fprintf(stderr, "supervisor-panel: no new window: %s\n", error.c_str());
  }
}

}  // namespace

int run(const Options& options) {
  // A bad script stops here, before any window opens.
  std::optional<script::Runner> scripted;
  if (!options.scriptPath.empty()) {
    script::ParseResult parsed = script::load(options.scriptPath);
    if (!parsed.script) {
      std::fprintf(stderr, "supervisor-panel: %s: %s\n", options.scriptPath.c_str(), parsed.error.c_str());
      return 2;
    }
    scripted.emplace(std::move(*parsed.script));
  }
  // --record: opened before any window, so that a path that cannot be written stops here.
  const auto noticeStore = std::make_shared<std::atomic<store::Store*>>(nullptr);
  std::shared_ptr<net::TrafficRecorder> recorder;
  if (!options.recordPath.empty()) {
    std::string error;
    recorder = net::TrafficRecorder::open(recorderConfig(options, noticeStore), error);
    if (!recorder) {
      std::fprintf(stderr, "supervisor-panel: %s\n", error.c_str());
      return 2;
    }
  }

  glfwSetErrorCallback([](int code, const char* text) { std::fprintf(stderr, "glfw error %d: %s\n", code, text); });
  if (!glfwInit()) {
    std::fprintf(stderr, "supervisor-panel: cannot open a window (no display?). Under CI use xvfb-run.\n");
    return 2;
  }
  glfwWindowHint(GLFW_CONTEXT_VERSION_MAJOR, 3);
  glfwWindowHint(GLFW_CONTEXT_VERSION_MINOR, 3);
  glfwWindowHint(GLFW_OPENGL_PROFILE, GLFW_OPENGL_CORE_PROFILE);
  glfwWindowHint(GLFW_OPENGL_FORWARD_COMPAT, GLFW_TRUE);
  glfwWindowHint(GLFW_SCALE_TO_MONITOR, GLFW_TRUE);
  // A run driven by a script, a screenshot or a timer is reproducible: it neither restores
  // nor saves the window layout.
  const bool interactive = !scripted && options.screenshotPath.empty() && options.exitAfterSeconds <= 0;
  std::vector<WindowSpec> specs = windowSpecs(options);
  if (options.windows.empty() && interactive) specs = restoredLayout(specs);
  std::vector<std::string> layout;  // the windows open, as --window takes them, for the next start
  std::vector<std::unique_ptr<PanelWindow>> windows;
  std::size_t windowsOpened = 0;
  for (const WindowSpec& spec : specs) {
    std::string error;
    windows.push_back(PanelWindow::open(spec, options, windows.empty() ? nullptr : windows.front()->glfw(),
                                        windowName(spec.role, ++windowsOpened), error));
    if (!windows.back()) {
      windows.clear();
      glfwTerminate();
      std::fprintf(stderr, "supervisor-panel: %s\n", error.c_str());
      return 2;
    }
  }

  // The log file watches what the store publishes; it outlives the store (declared first).
  EventLogConfig logConfig;
  logConfig.directory = defaultLogDirectory();
  logConfig.level = options.logLevel;
  std::string logError;
  const std::unique_ptr<EventLog> eventLog = EventLog::open(logConfig, logError);
  if (!logError.empty()) std::fprintf(stderr, "supervisor-panel: no log file: %s\n", logError.c_str());
  if (eventLog) eventLog->write(LogLevel::Info, "supervisor-panel started" + describeConnection(options));

  store::Store::Options storeOptions;
  if (eventLog)
    storeOptions.onPublished = [log = eventLog.get()](const store::Snapshot& previous, const store::Snapshot& next) {
      log->observe(previous, next);
    };
  store::Store store(std::move(storeOptions));
  store.setOnPublish([] { glfwPostEmptyEvent(); });
  store::IntentRouter router(store);
  // Raised by the UI while the debug overlay is open: only then are socket bodies recorded.
  const auto socketBodiesWanted = std::make_shared<std::atomic<bool>>(false);
  noticeStore->store(&store);
  std::unique_ptr<Backend> backend = startBackend(options, store, router, socketBodiesWanted, recorder);

  const model::Thresholds limits = options.thresholds;
  // Sound only for a supervisor: never while rendering --screenshot frames.
  AlertSound alerts(AlertSound::Config{.enabled = options.sound && options.screenshotPath.empty(),
                                       .eventId = options.soundEvent,
                                       .minIntervalSeconds = options.soundIntervalSeconds});
  model::TimeMs alertSecond = 0;
  bool soundReasonLogged = false;
  FrameStats stats;
  const auto started = Clock::now();
  int frame = 0;
  int exitCode = 0;
  bool scriptExited = false;
  const bool fixedFrames = !options.screenshotPath.empty();  // --screenshot: every frame, no pacing

  while (!windows.empty()) {
    if (options.exitAfterSeconds > 0 &&
        std::chrono::duration<double>(Clock::now() - started).count() >= options.exitAfterSeconds)
      break;
    // Sleep until input, a new snapshot (the store wakes us) or the next draw that time needs.
    double sleep = 1.0;
    for (const auto& w : windows) sleep = std::min(sleep, w->secondsUntilDue());
    if (sleep > 0 && !fixedFrames)
      glfwWaitEventsTimeout(sleep);
    else
      glfwPollEvents();

    script::Requests scriptRequests;  // stepped outside the UI-cost figure
    if (scripted) {
      scriptRequests =
          scripted->step(*store.current(), router, std::chrono::duration<double>(Clock::now() - started).count());
      for (const auto& message : scriptRequests.messages) std::fprintf(stderr, "%s\n", message.c_str());
      for (const auto& step : scriptRequests.overlay)
        if (std::none_of(windows.begin(), windows.end(), [&](const auto& w) { return w->driveOverlay(step); }))
          scripted->noteFailure("no window shows the debug overlay for '" + step.text + "'");
    }
    const bool lastFixedFrame = fixedFrames && frame + 1 >= options.frames;
    const std::string shot = lastFixedFrame ? options.screenshotPath : scriptRequests.screenshotPath;

    const store::SnapshotPtr snap = store.current();
    bool anyDrawn = false;
    for (std::size_t i = 0; i < windows.size(); ++i) {
      PanelWindow::Context context{snap, router, limits, stats};
      context.force = fixedFrames || !shot.empty() || scriptRequests.exitCode.has_value();
      if (!shot.empty()) context.screenshotPath = numberedPath(shot, static_cast<int>(i) + 1, static_cast<int>(windows.size()));
      std::string error;
      anyDrawn = windows[i]->frame(context, error) || anyDrawn;
      if (error.empty()) continue;
      std::fprintf(stderr, "supervisor-panel: screenshot: %s\n", error.c_str());
      if (scripted && !lastFixedFrame) scripted->noteFailure(error);
      if (lastFixedFrame) exitCode = 1;
    }
    stats.tick(wallMs(), *snap);
    bool bodiesWanted = false;
    for (const auto& w : windows) bodiesWanted = bodiesWanted || w->overlayOpen();
    socketBodiesWanted->store(bodiesWanted, std::memory_order_relaxed);
    if (anyDrawn) ++frame;
    // Once a wall-clock second, the sound thread judges the newest snapshot for new alerts.
    if (const model::TimeMs now = wallMs(); now / 1000 != alertSecond) {
      alertSecond = now / 1000;
      const bool allMuted = std::all_of(windows.begin(), windows.end(), [](const auto& w) { return w->muted(); });
      alerts.offer(snap, now, limits, allMuted);
      layout = describeLayout(windows);
      if (const std::string why = alerts.reason(); !why.empty() && !soundReasonLogged && eventLog) {
        eventLog->write(LogLevel::Info, why);
        soundReasonLogged = true;
      }
    }

    if (scriptRequests.exitCode) {
      exitCode = *scriptRequests.exitCode;
      scriptExited = true;
      break;
    }
    if (lastFixedFrame) break;
    for (const auto& w : windows) w->present(stats);
    arrangeWindows(windows, options, windowsOpened);
  }

  if (scripted && !scriptExited && exitCode == 0) exitCode = scripted->exitCodeAtShutdown();
  stats.setSnapshotsPublished(store.publishedCount());
  stats.setStartup(*store.current()->session);  // the last snapshot is freed here, after the last frame
  if (!options.statsJsonPath.empty() && !stats.writeJson(options.statsJsonPath)) {
    std::fprintf(stderr, "supervisor-panel: could not write %s\n", options.statsJsonPath.c_str());
    exitCode = 1;
  }
  if (!options.dumpStatePath.empty()) {
    store.flush();  // at exit only: the UI no longer draws
    std::ofstream out(options.dumpStatePath);
    out << dumpState(*store.current()) << "\n";
    if (!out) {
      std::fprintf(stderr, "supervisor-panel: could not write %s\n", options.dumpStatePath.c_str());
      exitCode = 1;
    }
  }

  backend.reset();
  noticeStore->store(nullptr);
  if (recorder) recorder->close();  // the whole session, up to this exit, is on disk
  if (eventLog) eventLog->write(LogLevel::Info, "supervisor-panel exiting with code " + std::to_string(exitCode));
  if (interactive && !layout.empty() && !saveLayout(layout) && eventLog)
    eventLog->write(LogLevel::Warn, "could not save the window layout to " + layoutPath().string());
  windows.clear();
  glfwTerminate();
  return exitCode;
}

}  // namespace app
