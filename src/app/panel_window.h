// One window of the panel. Several can be open on one sign-in and one store (a desk on one
// monitor, a wallboard on another): each is its own GLFW window with its own OpenGL context
// and its own ImGui context — ImGui 1.86 has no viewports, and its backends keep their state
// per context, so a window is a context — plus its role's UI state and its frame pacing.
// Every window draws from the same snapshot. UI thread only.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/frame_pacer.h"
#include "app/frame_stats.h"
#include "app/script.h"
#include "model/thresholds.h"
#include "store/snapshot.h"
#include "ui/ui.h"

struct GLFWwindow;
struct ImGuiContext;

namespace store {
class IntentSink;
}

namespace app {

struct Options;

enum class WindowRole { Desk, Wallboard, Overlay };

// What one window shows and where: "desk", "wallboard", "overlay" (the debug overlay in a
// window of its own), each with an optional "@1" (monitor index, from 0).
struct WindowSpec {
  WindowRole role = WindowRole::Desk;
  int monitor = -1;  // -1: the primary monitor
};
// "desk", "wallboard" or "overlay", as --window spells them.
const char* roleName(WindowRole role);
// Parses a --window value; nullopt when it is neither role (with an optional @N).
std::optional<WindowSpec> parseWindowSpec(const std::string& text);
// The windows --window asks for, or the single one --wallboard / --monitor describe.
std::vector<WindowSpec> windowSpecs(const Options& options);
// "shot.png" for window 1 of 1; "shot-1.png", "shot-2.png" ... when there are several.
std::string numberedPath(const std::string& path, int number, int count);

class PanelWindow {
 public:
  // Opens the window, its GL context (sharing `share`'s objects when given) and its ImGui
  // context with the panel's theme and fonts. Null with `error` set when it cannot.
  // `name` labels its figures in --stats-json ("1 desk").
  static std::unique_ptr<PanelWindow> open(const WindowSpec& spec, const Options& options, GLFWwindow* share,
                                           std::string name, std::string& error);
  ~PanelWindow();
  PanelWindow(const PanelWindow&) = delete;
  PanelWindow& operator=(const PanelWindow&) = delete;

  // Everything the shell hands a window for one wake-up of the loop.
  struct Context {
    const store::SnapshotPtr& snap;
    store::IntentSink& intents;
    const model::Thresholds& limits;
    FrameStats& stats;
    bool force = false;             // draw whatever the pacing says (--screenshot, a script's request)
    std::string screenshotPath{};   // after drawing, write this PNG of the window ("" = none)
  };
  // Draws a frame when input, a visible change or time asks for one (or `force`), leaving it
  // unswapped. False when nothing was drawn. A failed screenshot sets `error`.
  bool frame(const Context& context, std::string& error);
  // Shows the frame drawn last and records its event -> screen latency in `stats`.
  void present(FrameStats& stats);
  // Seconds the loop may sleep before this window needs a frame.
  double secondsUntilDue() const;

  bool closeRequested() const;
  GLFWwindow* glfw() const { return window_; }
  WindowRole role() const { return spec_.role; }
  const std::string& name() const { return name_; }
  int monitor() const { return spec_.monitor; }
  // A window the desk asked for since the last call: a wallboard (F9) or the debug overlay
  // in a window of its own (Shift+F12).
  std::optional<WindowRole> takeWindowRequest();
  // The debug overlay is open in this window (socket bodies are then worth keeping).
  bool overlayOpen() const {
    return spec_.role == WindowRole::Overlay || (spec_.role == WindowRole::Desk && desk_.showDebug);
  }
  // Does a script's overlay step to this window's debug overlay (a desk opens it first).
  // False when the window has none (a wallboard) or the step names no tab.
  bool driveOverlay(const script::OverlayStep& step);
  // F8 turned this window's alert sound off.
  bool muted() const {
    return spec_.role == WindowRole::Desk ? desk_.muted : spec_.role == WindowRole::Wallboard ? wall_.muted : true;
  }
  // The index of the monitor most of this window is on, -1 when unknown.
  int currentMonitor() const;

 private:
  PanelWindow(const WindowSpec& spec, const Options& options, GLFWwindow* window, std::string name);
  void makeCurrent() const;
  void installInputCallbacks();
  template <auto Forward, typename... Args>
  static void forwardInput(GLFWwindow* window, Args... args);
  static void noteInput(GLFWwindow* window);
  // The theme and fonts at `dpiScale` (the monitor's content scale) times the window's own.
  void applyScale(float dpiScale);

  WindowSpec spec_;
  std::string name_;
  GLFWwindow* window_ = nullptr;
  ImGuiContext* imgui_ = nullptr;
  FramePacer pacer_;
  bool inputSeen_ = false;
  bool iconified_ = false;            // minimised (the iconify callback says so)
  float ownScale_ = 1.0f;             // --font-scale, times 1.5 on a wallboard
  float pendingDpiScale_ = 0;         // moved to a monitor of another content scale (0 = no)
  ui::DeskUi desk_;
  ui::WallboardUi wall_;
  ui::OverlayUi overlay_;
  store::SnapshotPtr drawn_;          // what the last frame drew
  ui::FrameReport shown_;             // ... and what of it was visible
  std::int64_t visibleSinceNs_ = 0;   // oldest visible change not yet on screen
  std::int64_t pendingSinceNs_ = 0;   // of the frame drawn and not yet presented
  double lastFrameAt_ = 0;            // glfwGetTime of the last frame
};

}  // namespace app
