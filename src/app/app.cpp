// The app shell: GLFW window, OpenGL 3.3 core, ImGui, the frame loop.
// The loop loads one snapshot per frame, draws it, and never waits on a worker.
#include "app/app.h"

#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <utility>
#include <vector>

#include "app/backend.h"
#include "app/event_log.h"
#include "app/frame_pacer.h"
#include "app/frame_stats.h"
#include "app/screenshot.h"
#include "app/script.h"
#include "app/state_dump.h"
#include "store/intent_router.h"
#include "store/store.h"
#include "ui/ui.h"

namespace app {

namespace {

using Clock = std::chrono::steady_clock;

double threadCpuMs() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

std::int64_t steadyNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now().time_since_epoch()).count();
}

model::TimeMs wallMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Where the panel connects, for the first line of the log (no secret: no client id).
std::string describeConnection(const Options& options) {
  if (options.demo) return ": --demo with " + std::to_string(options.demoAgents) + " agents";
  if (!options.gcsimUrl.empty()) return ": --gcsim " + options.gcsimUrl;
  if (!options.region.empty()) return ": --region " + options.region;
  if (!options.apiBase.empty()) return ": --api-base " + options.apiBase;
  return ": not connected";
}

// Set by the window's input callbacks (which ImGui's GLFW backend chains to): the pacer
// draws at once for input. UI thread only.
bool inputSeen = false;

// Installed before ImGui's backend so that it calls these after its own handling.
void watchInput(GLFWwindow* window) {
  glfwSetKeyCallback(window, [](GLFWwindow*, int, int, int, int) { inputSeen = true; });
  glfwSetCharCallback(window, [](GLFWwindow*, unsigned) { inputSeen = true; });
  glfwSetMouseButtonCallback(window, [](GLFWwindow*, int, int, int) { inputSeen = true; });
  glfwSetCursorPosCallback(window, [](GLFWwindow*, double, double) { inputSeen = true; });
  glfwSetScrollCallback(window, [](GLFWwindow*, double, double) { inputSeen = true; });
  glfwSetCursorEnterCallback(window, [](GLFWwindow*, int) { inputSeen = true; });
  glfwSetWindowFocusCallback(window, [](GLFWwindow*, int) { inputSeen = true; });
  glfwSetFramebufferSizeCallback(window, [](GLFWwindow*, int, int) { inputSeen = true; });
  glfwSetWindowRefreshCallback(window, [](GLFWwindow*) { inputSeen = true; });  // uncovered: paint again
}

// The window colour, then the views' opaque panel backgrounds, each as a scissored clear:
// in a software rasterizer a clear is a memset, where the same area drawn as ImGui quads is
// textured and blended per pixel. `scale`: framebuffer pixels per display unit.
void paintBackground(const std::vector<ui::FlatFill>& fills, int fbWidth, int fbHeight, float scale) {
  glViewport(0, 0, fbWidth, fbHeight);
  glDisable(GL_SCISSOR_TEST);
  const ImVec4 window = ImGui::GetStyleColorVec4(ImGuiCol_WindowBg);
  glClearColor(window.x, window.y, window.z, 1.0f);
  glClear(GL_COLOR_BUFFER_BIT);
  glEnable(GL_SCISSOR_TEST);
  for (const ui::FlatFill& fill : fills) {
    const int x0 = static_cast<int>(fill.x0 * scale), x1 = static_cast<int>(fill.x1 * scale);
    const int y0 = static_cast<int>(fill.y0 * scale), y1 = static_cast<int>(fill.y1 * scale);
    glScissor(x0, fbHeight - y1, x1 - x0, y1 - y0);  // GL counts rows from the bottom
    glClearColor(fill.r, fill.g, fill.b, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
  }
  glDisable(GL_SCISSOR_TEST);
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

GLFWmonitor* pickMonitor(int index) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (index >= 0 && index < count) return monitors[index];
  return glfwGetPrimaryMonitor();
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

  int width = options.width, height = options.height;
  GLFWmonitor* fullscreen = nullptr;
  if (options.wallboard && options.screenshotPath.empty()) {
    fullscreen = pickMonitor(options.monitor);
    if (const GLFWvidmode* mode = fullscreen ? glfwGetVideoMode(fullscreen) : nullptr) {
      width = mode->width;
      height = mode->height;
    }
  }
  GLFWwindow* window = glfwCreateWindow(width, height, options.wallboard ? "Supervisor wallboard" : "Supervisor panel",
                                        fullscreen, nullptr);
  if (!window) {
    glfwTerminate();
    std::fprintf(stderr, "supervisor-panel: OpenGL 3.3 core is not available.\n");
    return 2;
  }
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) {
    std::fprintf(stderr, "supervisor-panel: could not load OpenGL functions.\n");
    return 2;
  }
  glfwSwapInterval(options.screenshotPath.empty() ? 1 : 0);

  IMGUI_CHECKVERSION();
  ImGui::CreateContext();
  ImGui::GetIO().IniFilename = nullptr;  // nothing of the session is written to disk
  float dpiScale = 1.0f, unused = 1.0f;
  glfwGetWindowContentScale(window, &dpiScale, &unused);
  const float scale = dpiScale * options.fontScale * (options.wallboard ? 1.5f : 1.0f);
  ui::applyTheme(scale);
  ui::loadFonts(17.0f * scale);
  watchInput(window);
  ImGui_ImplGlfw_InitForOpenGL(window, true);
  ImGui_ImplOpenGL3_Init("#version 330 core");

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

  model::Thresholds limits;
  ui::DeskUi desk;
  ui::WallboardUi wall;
  FrameStats stats;
  const auto started = Clock::now();
  auto lastFrame = started;
  int frame = 0;
  int exitCode = 0;
  bool scriptExited = false;

  FramePacer::Config pacing;
  pacing.maxDataFps = options.maxDataFps > 0 ? options.maxDataFps : (options.wallboard ? 5 : 20);
  FramePacer pacer(pacing);
  const bool fixedFrames = !options.screenshotPath.empty();  // --screenshot: every frame, no pacing
  store::SnapshotPtr drawn = store.current();  // what the last frame drew
  ui::FrameReport shown;                        // ... and what of it was visible
  std::int64_t visibleSinceNs = 0;              // oldest visible change not yet on screen

  while (!glfwWindowShouldClose(window)) {
    if (options.exitAfterSeconds > 0 &&
        std::chrono::duration<double>(Clock::now() - started).count() >= options.exitAfterSeconds)
      break;
    // Sleep until input, a new snapshot (the store wakes us) or the next draw that time needs.
    const double sleep = fixedFrames ? 0 : std::min(pacer.secondsUntilDue(glfwGetTime(), wallMs() / 1e3), 1.0);
    if (sleep > 0)
      glfwWaitEventsTimeout(sleep);
    else
      glfwPollEvents();

    script::Requests scriptRequests;  // stepped outside the UI-cost figure
    if (scripted) {
      scriptRequests =
          scripted->step(*store.current(), router, std::chrono::duration<double>(Clock::now() - started).count());
      for (const auto& message : scriptRequests.messages) std::fprintf(stderr, "%s\n", message.c_str());
    }

    store::SnapshotPtr snap = store.current();
    const bool changed = snap != drawn && ui::visibleChange(shown, *drawn, *snap);
    if (changed && snap->changesSinceNs && (visibleSinceNs == 0 || snap->changesSinceNs < visibleSinceNs))
      visibleSinceNs = snap->changesSinceNs;
    const bool input = std::exchange(inputSeen, false);
    const bool scriptNeedsFrame = !scriptRequests.screenshotPath.empty() || scriptRequests.exitCode.has_value();
    if (!pacer.shouldDraw(glfwGetTime(), wallMs() / 1e3, input, changed) && !fixedFrames && !scriptNeedsFrame) continue;

    const double cpuStart = threadCpuMs();
    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplGlfw_NewFrame();
    ImGui::NewFrame();
    ui::FrameReport report;
    const ui::Frame f{*snap, router, wallMs(), glfwGetTime(), limits, &report};
    if (options.wallboard)
      ui::drawWallboard(f, wall);
    else
      ui::drawDesk(f, desk, stats.view());
    socketBodiesWanted->store(!options.wallboard && desk.showDebug, std::memory_order_relaxed);
    ImGui::Render();
    const double cpuMs = threadCpuMs() - cpuStart;

    int fbWidth = 0, fbHeight = 0;
    glfwGetFramebufferSize(window, &fbWidth, &fbHeight);
    paintBackground(report.flatFills, fbWidth, fbHeight, ImGui::GetIO().DisplayFramebufferScale.y);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    const auto now = Clock::now();
    const double frameMs = std::chrono::duration<double, std::milli>(now - lastFrame).count();
    lastFrame = now;
    stats.addFrame(frameMs, cpuMs, snap->publishedAtNs ? (steadyNs() - snap->publishedAtNs) / 1e6 : 0.0);
    stats.addRates(static_cast<float>(snap->session->eventsPerSecond),
                   static_cast<float>(snap->session->restCallsLastMinute));
    ++frame;
    report.blinking = report.blinking || ui::takeBlinkDrawn() || ImGui::GetIO().WantTextInput;  // a text cursor blinks too
    pacer.drawn(glfwGetTime(), wallMs() / 1e3, report.blinking, report.animating);
    drawn = snap;
    shown = std::move(report);

    if (!scriptRequests.screenshotPath.empty()) {
      std::string error;
      if (!writeScreenshot(scriptRequests.screenshotPath, fbWidth, fbHeight, error)) {
        std::fprintf(stderr, "supervisor-panel: script screenshot: %s\n", error.c_str());
        scripted->noteFailure(error);
      }
    }
    if (scriptRequests.exitCode) {
      exitCode = *scriptRequests.exitCode;
      scriptExited = true;
      break;
    }
    if (fixedFrames && frame >= options.frames) {
      std::string error;
      if (!writeScreenshot(options.screenshotPath, fbWidth, fbHeight, error)) {
        std::fprintf(stderr, "supervisor-panel: %s\n", error.c_str());
        exitCode = 1;
      }
      break;
    }
    glfwSwapBuffers(window);
    if (visibleSinceNs != 0) {
      stats.addEventToScreen((steadyNs() - visibleSinceNs) / 1e6);
      visibleSinceNs = 0;
    }
  }

  if (scripted && !scriptExited && exitCode == 0) exitCode = scripted->exitCodeAtShutdown();
  stats.setSnapshotsPublished(store.publishedCount());
  {
    const auto last = store.current();  // freed here, after the last frame: nothing more to draw
    stats.setStartup(last->session->timeToCompleteMs, last->session->bootstrapCalls, last->session->callsToLive);
  }
  const BootstrapFigures boot = backend->bootstrap();
  stats.setBootstrapBytes(boot.bytesOnWire, boot.bytesDecoded);
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
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext();
  glfwDestroyWindow(window);
  glfwTerminate();
  return exitCode;
}

}  // namespace app
