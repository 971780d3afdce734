// Frame pacing: input is drawn at once, a burst of data never loses its last change, and a
// panel with nothing new draws only when its clocks turn over.
#include <gtest/gtest.h>

#include "app/frame_pacer.h"

namespace {

using app::FramePacer;

// Drives a pacer the way the frame loop does: wake, ask, draw; times in seconds.
struct Loop {
  FramePacer pacer{FramePacer::Config{}};
  double now = 100.0;
  double wall = 1000.25;  // a quarter past a wall-clock second
  int frames = 0;
  bool wake(bool input, bool change, bool blinking = false, bool animating = false) {
    if (!pacer.shouldDraw(now, wall, input, change)) return false;
    pacer.drawn(now, wall, blinking, animating);
    ++frames;
    return true;
  }
  void advance(double seconds) {
    now += seconds;
    wall += seconds;
  }
  // Sleeps as the loop would (until due or `limit`), then wakes with no news.
  void sleepUntilDue(double limit = 10) {
    advance(std::min(pacer.secondsUntilDue(now, wall), limit));
    wake(false, false);
  }
};

TEST(FramePacer, InputIsDrawnAtOnceEvenRightAfterAFrame) {
  Loop loop;
  ASSERT_TRUE(loop.wake(false, true));  // the first frame
  loop.advance(0.001);
  EXPECT_TRUE(loop.wake(true, false)) << "a key press one millisecond after a frame is drawn at once";
  loop.advance(0.001);
  EXPECT_TRUE(loop.wake(false, false)) << "the frames after input let hover and popups settle";
}

TEST(FramePacer, ABurstOfChangesIsCappedAndTheLastOneIsDrawnWithinOneInterval) {
  Loop loop;
  loop.wake(false, false);
  loop.advance(0.3);  // past the settle time of nothing, past the cap
  int drawnInBurst = 0;
  for (int i = 0; i < 1000; ++i) {  // one change every millisecond for a second
    loop.advance(0.001);
    drawnInBurst += loop.wake(false, true);
  }
  EXPECT_LE(drawnInBurst, 21) << "at most 20 data frames a second";
  EXPECT_GE(drawnInBurst, 19);
  // The burst ends with a change that the cap held back: it is due within one interval.
  const double due = loop.pacer.secondsUntilDue(loop.now, loop.wall);
  EXPECT_LE(due, 1.0 / 20 + 1e-9);
  const int before = loop.frames;
  loop.sleepUntilDue();
  EXPECT_EQ(loop.frames, before + 1) << "the last change is on screen";
}

TEST(FramePacer, WithNothingNewOnlyTheClocksRedrawOnceASecond) {
  Loop loop;
  loop.wake(false, false);
  const int first = loop.frames;
  for (int i = 0; i < 60; ++i) loop.sleepUntilDue();
  const double elapsed = loop.now - 100.0;
  EXPECT_NEAR(elapsed, 60.0 - 0.25, 1.0) << "woken at each wall-clock second";
  EXPECT_EQ(loop.frames - first, 60) << "one frame a second, on the second";
}

TEST(FramePacer, BlinkingAndAnimationBringTheirOwnRates) {
  Loop loop;
  loop.advance(0.3);
  loop.wake(false, false, /*blinking=*/true);
  EXPECT_LE(loop.pacer.secondsUntilDue(loop.now, loop.wall), 0.5) << "the blink flips every half second";
  loop.advance(0.3);
  loop.wake(false, false, false, /*animating=*/true);
  EXPECT_NEAR(loop.pacer.secondsUntilDue(loop.now, loop.wall), 1.0 / 30, 1e-9);
}

}  // namespace
