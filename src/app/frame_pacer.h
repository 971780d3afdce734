// Frame pacing by what is visible: a window redraws at once on input; for data only when a
// new snapshot changes something it shows, at most `maxDataFps` times a second; for time
// when its clocks turn over (whole seconds), a blink flips, or an animation runs; otherwise
// it does not draw at all. Pure logic over the times it is given, so tests drive it.
#pragma once

namespace app {

class FramePacer {
 public:
  struct Config {
    double maxDataFps = 20;        // redraws a second for data at most (desk 20, wallboard 5)
    double settleSeconds = 0.25;   // after input, keep drawing this long: hover and popups need frames
    double settleFps = 60;         // ... at this rate
    double blinkPeriod = 0.5;      // a blinking frame flips this often (ui::severityColor)
    double animationFps = 30;      // while something moves by itself (wallboard auto-scroll)
  };

  explicit FramePacer(Config config) : config_(config) {}

  // One wake-up of the loop. `now` and `wallSeconds` in seconds (steady, and wall clock for
  // the clocks the views show); `input` = the supervisor did something since the last call;
  // `visibleChange` = the newest snapshot changes what the last frame showed. A change held
  // back by the data cap is remembered and drawn when the cap allows, never dropped.
  bool shouldDraw(double now, double wallSeconds, bool input, bool visibleChange);
  // After a frame was drawn: what it showed that needs time-driven redraws.
  void drawn(double now, double wallSeconds, bool blinking, bool animating);
  // Seconds the loop may sleep before a draw is due (input and new snapshots wake it sooner).
  double secondsUntilDue(double now, double wallSeconds) const;

 private:
  Config config_;
  bool drewOnce_ = false;
  bool dataPending_ = false;
  bool blinking_ = false;
  bool animating_ = false;
  double lastDraw_ = 0;
  double lastDrawWall_ = 0;
  double settleUntil_ = -1;
};

}  // namespace app
