#include "app/panel_window.h"

#include <glad/gl.h>
#include <GLFW/glfw3.h>
#include <imgui.h>
#include <backends/imgui_impl_glfw.h>
#include <backends/imgui_impl_opengl3.h>

#include <algorithm>
#include <regex>
#include <utility>

#include "app/clocks.h"
#include "app/options.h"
#include "app/screenshot.h"

namespace app {

namespace {

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

GLFWmonitor* monitorAt(int index) {
  int count = 0;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  if (index >= 0 && index < count) return monitors[index];
  return glfwGetPrimaryMonitor();
}

// A window for `spec`: a wallboard fills its monitor (full screen unless a screenshot is
// being taken, where a plain window of the monitor's size keeps the capture simple); a desk
// is a window of --size x --height placed on its monitor.
GLFWwindow* createWindow(const WindowSpec& spec, const Options& options, GLFWwindow* share) {
  GLFWmonitor* monitor = monitorAt(spec.monitor);
  const GLFWvidmode* mode = monitor ? glfwGetVideoMode(monitor) : nullptr;
  const bool wallboard = spec.role == WindowRole::Wallboard;
  int width = options.width, height = options.height;
  if (wallboard && mode) {
    width = mode->width;
    height = mode->height;
  }
  GLFWmonitor* fullscreen = wallboard && options.screenshotPath.empty() ? monitor : nullptr;
  const char* title = wallboard ? "Supervisor wallboard"
                      : spec.role == WindowRole::Overlay ? "Supervisor panel: debug overlay"
                                                         : "Supervisor panel";
  GLFWwindow* window = glfwCreateWindow(width, height, title, fullscreen, share);
  if (window && !fullscreen && spec.monitor >= 0 && monitor) {
    int x = 0, y = 0;
    glfwGetMonitorPos(monitor, &x, &y);
    glfwSetWindowPos(window, x + 40, y + 40);
  }
  return window;
}

}  // namespace

const char* roleName(WindowRole role) {
  switch (role) {
    case WindowRole::Wallboard: return "wallboard";
    case WindowRole::Overlay: return "overlay";
    case WindowRole::Desk: break;
  }
  return "desk";
}

std::optional<WindowSpec> parseWindowSpec(const std::string& text) {
  static const std::regex form(R"(^(desk|wallboard|overlay)(@([0-9]{1,2}))?$)");
  std::smatch match;
  if (!std::regex_match(text, match, form)) return std::nullopt;
  WindowSpec spec;
  spec.role = match[1] == "wallboard" ? WindowRole::Wallboard
              : match[1] == "overlay"  ? WindowRole::Overlay
                                       : WindowRole::Desk;
  if (match[3].matched) spec.monitor = std::stoi(match[3]);
  return spec;
}

std::vector<WindowSpec> windowSpecs(const Options& options) {
  std::vector<WindowSpec> specs;
  for (const std::string& text : options.windows)
    if (auto spec = parseWindowSpec(text)) specs.push_back(*spec);  // checked when parsed
  if (specs.empty())
    specs.push_back(WindowSpec{options.wallboard ? WindowRole::Wallboard : WindowRole::Desk, options.monitor});
  return specs;
}

std::string numberedPath(const std::string& path, int number, int count) {
  if (count <= 1) return path;
  const std::size_t slash = path.find_last_of('/');
  const std::size_t dot = path.find_last_of('.');
  const bool hasExtension = dot != std::string::npos && (slash == std::string::npos || dot > slash);
  const std::string suffix = "-" + std::to_string(number);
  return hasExtension ? path.substr(0, dot) + suffix + path.substr(dot) : path + suffix;
}

std::unique_ptr<PanelWindow> PanelWindow::open(const WindowSpec& spec, const Options& options, GLFWwindow* share,
                                               std::string name, std::string& error) {
  GLFWwindow* window = createWindow(spec, options, share);
  if (!window) {
    error = "OpenGL 3.3 core is not available.";
    return nullptr;
  }
  glfwMakeContextCurrent(window);
  if (!gladLoadGL(glfwGetProcAddress)) {
    glfwDestroyWindow(window);
    error = "could not load OpenGL functions.";
    return nullptr;
  }
  // One window waits for the display's refresh; more would each wait in turn.
  glfwSwapInterval(options.screenshotPath.empty() && !share ? 1 : 0);
  return std::unique_ptr<PanelWindow>(new PanelWindow(spec, options, window, std::move(name)));
}

namespace {

FramePacer::Config pacingFor(const WindowSpec& spec, const Options& options) {
  FramePacer::Config pacing;
  pacing.maxDataFps = options.maxDataFps > 0 ? options.maxDataFps : (spec.role == WindowRole::Wallboard ? 5 : 20);
  return pacing;
}

}  // namespace

PanelWindow::PanelWindow(const WindowSpec& spec, const Options& options, GLFWwindow* window, std::string name)
    : spec_(spec), name_(std::move(name)), window_(window), pacer_(pacingFor(spec, options)) {
  desk_.browse.savedViews = options.savedViews;
  ImGuiContext* previous = ImGui::GetCurrentContext();
  imgui_ = ImGui::CreateContext();
  ImGui::SetCurrentContext(imgui_);
  ImGui::GetIO().IniFilename = nullptr;  // nothing of the session is written to disk
  ownScale_ = options.fontScale * (spec.role == WindowRole::Wallboard ? 1.5f : 1.0f);
  float dpiScale = 1.0f, unused = 1.0f;
  glfwGetWindowContentScale(window, &dpiScale, &unused);
  applyScale(dpiScale);
  glfwSetWindowUserPointer(window, this);
  installInputCallbacks();
  ImGui_ImplGlfw_InitForOpenGL(window, false);  // our callbacks pick this context first
  ImGui_ImplOpenGL3_Init("#version 330 core");
  if (previous) ImGui::SetCurrentContext(previous);
}

PanelWindow::~PanelWindow() {
  makeCurrent();
  ImGui_ImplOpenGL3_Shutdown();
  ImGui_ImplGlfw_Shutdown();
  ImGui::DestroyContext(imgui_);
  glfwDestroyWindow(window_);
}

void PanelWindow::applyScale(float dpiScale) {
  ImGui::GetIO().Fonts->Clear();
  ui::applyTheme(dpiScale * ownScale_);
  ui::loadFonts(17.0f * dpiScale * ownScale_);
}

void PanelWindow::makeCurrent() const {
  glfwMakeContextCurrent(window_);
  ImGui::SetCurrentContext(imgui_);
}

// GLFW calls these for whichever window the event is for, while another window's ImGui
// context may be current: each sets this window's context, hands the event to ImGui's
// backend (as imgui_impl_glfw.cpp asks of callers that install their own callbacks), and
// marks input so the pacer draws at once.
template <auto Forward, typename... Args>
void PanelWindow::forwardInput(GLFWwindow* window, Args... args) {
  auto* self = static_cast<PanelWindow*>(glfwGetWindowUserPointer(window));
  ImGuiContext* previous = ImGui::GetCurrentContext();
  ImGui::SetCurrentContext(self->imgui_);
  Forward(window, args...);
  ImGui::SetCurrentContext(previous);
  self->inputSeen_ = true;
}

void PanelWindow::noteInput(GLFWwindow* window) {
  static_cast<PanelWindow*>(glfwGetWindowUserPointer(window))->inputSeen_ = true;
}

void PanelWindow::installInputCallbacks() {
  glfwSetKeyCallback(window_, &forwardInput<&ImGui_ImplGlfw_KeyCallback, int, int, int, int>);
  glfwSetCharCallback(window_, &forwardInput<&ImGui_ImplGlfw_CharCallback, unsigned>);
  glfwSetMouseButtonCallback(window_, &forwardInput<&ImGui_ImplGlfw_MouseButtonCallback, int, int, int>);
  glfwSetScrollCallback(window_, &forwardInput<&ImGui_ImplGlfw_ScrollCallback, double, double>);
  glfwSetCursorEnterCallback(window_, &forwardInput<&ImGui_ImplGlfw_CursorEnterCallback, int>);
  glfwSetWindowFocusCallback(window_, &forwardInput<&ImGui_ImplGlfw_WindowFocusCallback, int>);
  glfwSetCursorPosCallback(window_, [](GLFWwindow* w, double, double) { noteInput(w); });  // ImGui polls the position
  glfwSetFramebufferSizeCallback(window_, [](GLFWwindow* w, int, int) { noteInput(w); });
  glfwSetWindowRefreshCallback(window_, [](GLFWwindow* w) { noteInput(w); });  // uncovered: paint again
  // Told, not asked: glfwGetWindowAttrib(GLFW_ICONIFIED) is a round trip to the X server.
  glfwSetWindowIconifyCallback(window_, [](GLFWwindow* w, int iconified) {
    static_cast<PanelWindow*>(glfwGetWindowUserPointer(w))->iconified_ = iconified != 0;
    noteInput(w);
  });
  // Moved to a monitor with another DPI: the next frame rebuilds the fonts at its scale.
  glfwSetWindowContentScaleCallback(window_, [](GLFWwindow* w, float xScale, float) {
    static_cast<PanelWindow*>(glfwGetWindowUserPointer(w))->pendingDpiScale_ = xScale;
    noteInput(w);
  });
}

bool PanelWindow::frame(const Context& c, std::string& error) {
  const store::SnapshotPtr& snap = c.snap;
  if (!drawn_) drawn_ = snap;
  const bool changed = snap != drawn_ && ui::visibleChange(shown_, *drawn_, *snap);
  if (changed && snap->changesSinceNs && (visibleSinceNs_ == 0 || snap->changesSinceNs < visibleSinceNs_))
    visibleSinceNs_ = snap->changesSinceNs;
  const bool input = std::exchange(inputSeen_, false);
  if (iconified_ && !c.force) return false;  // nobody can see it
  if (!pacer_.shouldDraw(glfwGetTime(), wallMs() / 1e3, input, changed) && !c.force) return false;

  makeCurrent();
  if (pendingDpiScale_ > 0) {
    applyScale(std::exchange(pendingDpiScale_, 0.0f));
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
  }
  const double cpuStart = threadCpuMs();
  ImGui_ImplOpenGL3_NewFrame();
  ImGui_ImplGlfw_NewFrame();
  ImGui::NewFrame();
  ui::FrameReport report;
  const ui::Frame f{*snap, c.intents, wallMs(), glfwGetTime(), c.limits, &report};
  switch (spec_.role) {
    case WindowRole::Wallboard: ui::drawWallboard(f, wall_); break;
    case WindowRole::Overlay: ui::drawDebugOverlay(f, overlay_, c.stats.view(), nullptr); break;
    case WindowRole::Desk: ui::drawDesk(f, desk_, c.stats.view()); break;
  }
  ImGui::Render();
  const double cpuMs = threadCpuMs() - cpuStart;

  int fbWidth = 0, fbHeight = 0;
  glfwGetFramebufferSize(window_, &fbWidth, &fbHeight);
  paintBackground(report.flatFills, fbWidth, fbHeight, ImGui::GetIO().DisplayFramebufferScale.y);
  ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

  const double now = glfwGetTime();
  c.stats.addFrame(lastFrameAt_ > 0 ? (now - lastFrameAt_) * 1e3 : 0.0, cpuMs,
                   snap->publishedAtNs ? (steadyNs() - snap->publishedAtNs) / 1e6 : 0.0);
  lastFrameAt_ = now;
  c.stats.addWindowFrame(name_);
  report.blinking = report.blinking || ui::takeBlinkDrawn() || ImGui::GetIO().WantTextInput;  // a text cursor blinks too
  pacer_.drawn(now, wallMs() / 1e3, report.blinking, report.animating);
  drawn_ = snap;
  shown_ = std::move(report);
  pendingSinceNs_ = std::exchange(visibleSinceNs_, 0);
  if (!c.screenshotPath.empty()) writeScreenshot(c.screenshotPath, fbWidth, fbHeight, error);
  return true;
}

void PanelWindow::present(FrameStats& stats) {
  glfwMakeContextCurrent(window_);
  glfwSwapBuffers(window_);
  if (pendingSinceNs_ != 0) stats.addEventToScreen((steadyNs() - std::exchange(pendingSinceNs_, 0)) / 1e6);
}

double PanelWindow::secondsUntilDue() const { return pacer_.secondsUntilDue(glfwGetTime(), wallMs() / 1e3); }

bool PanelWindow::closeRequested() const { return glfwWindowShouldClose(window_); }

std::optional<WindowRole> PanelWindow::takeWindowRequest() {
  if (std::exchange(desk_.wallboardRequested, false)) return WindowRole::Wallboard;
  if (std::exchange(desk_.overlayWindowRequested, false)) return WindowRole::Overlay;
  return std::nullopt;
}

int PanelWindow::currentMonitor() const {
  int x = 0, y = 0, width = 0, height = 0, count = 0;
  glfwGetWindowPos(window_, &x, &y);
  glfwGetWindowSize(window_, &width, &height);
  const int centreX = x + width / 2, centreY = y + height / 2;
  GLFWmonitor** monitors = glfwGetMonitors(&count);
  for (int i = 0; i < count; ++i) {
    int mx = 0, my = 0;
    glfwGetMonitorPos(monitors[i], &mx, &my);
    const GLFWvidmode* mode = glfwGetVideoMode(monitors[i]);
    if (mode && centreX >= mx && centreX < mx + mode->width && centreY >= my && centreY < my + mode->height) return i;
  }
  return -1;
}

bool PanelWindow::driveOverlay(const script::OverlayStep& step) {
  ui::OverlayUi* overlay = spec_.role == WindowRole::Overlay ? &overlay_
                           : spec_.role == WindowRole::Desk  ? &desk_.overlay
                                                             : nullptr;
  if (!overlay) return false;
  if (spec_.role == WindowRole::Desk) desk_.showDebug = true;
  using Kind = script::OverlayStep::Kind;
  switch (step.kind) {
    case Kind::Open:
      return ui::openOverlayTab(*overlay, step.text) && (step.filter.empty() || ui::setOverlayKind(*overlay, step.filter));
    case Kind::Search: ui::typeOverlaySearch(*overlay, step.text); break;
    case Kind::SelectNewest: overlay->selectNewest = true; break;
    case Kind::CopyCurl: overlay->copyCurlNow = true; break;
  }
  return true;
}

}  // namespace app
