#include "app/alert_sound.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace {

constexpr model::TimeMs kNow = 1'800'000'000'000;

TEST(AlertWatch, SoundsOnceWhenSomethingEntersAlertAndHonoursTheInterval) {
  app::AlertWatch watch(10);
  EXPECT_TRUE(watch.update({"a1"}, 100, false)) << "a1 entered alert";
  EXPECT_FALSE(watch.update({"a1"}, 101, false)) << "still the same alert";
  EXPECT_FALSE(watch.update({"a1", "a2"}, 105, false)) << "a2 entered within 10 s of the last sound";
  EXPECT_FALSE(watch.update({"a1", "a2"}, 120, false)) << "a2 is not sounded late";
  EXPECT_TRUE(watch.update({"a2", "q1"}, 121, false)) << "q1 entered, the interval has passed";
  EXPECT_FALSE(watch.update({"a3"}, 140, true)) << "muted";
  EXPECT_FALSE(watch.update({"a3"}, 141, false)) << "what came while muted stays quiet";
  EXPECT_FALSE(watch.update({}, 150, false)) << "every alert cleared";
  EXPECT_TRUE(watch.update({"a3"}, 151, false)) << "a3 came back: a new alert";
}

store::SnapshotPtr snapshotWithOneNotResponding() {
  auto snap = std::make_shared<store::Snapshot>();
  model::Agent calm;
  calm.id = "calm";
  calm.routing = model::RoutingStatus::Idle;
  calm.routingSince = kNow - 10'000;
  snap->agents.upsert(calm);
  model::Agent missing;
  missing.id = "missing";
  missing.routing = model::RoutingStatus::NotResponding;
  missing.routingSince = kNow - 5'000;
  snap->agents.upsert(missing);
  return snap;
}

TEST(AlertSound, NotRespondingIsAnAlertAndAnIdleMinuteIsNot) {
  EXPECT_EQ(app::alertingNow(*snapshotWithOneNotResponding(), kNow, {}), std::vector<std::string>{"missing"});
}

// Tests run without an audio device: the alert is judged, the sound either plays or the
// reason is kept, and nothing fails.
TEST(AlertSound, WithoutAnAudioDeviceTheReasonIsKeptAndNothingFails) {
  app::AlertSound sound(app::AlertSound::Config{});
  sound.offer(snapshotWithOneNotResponding(), kNow, {}, false);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (sound.played() == 0 && sound.reason().empty() && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  EXPECT_TRUE(sound.played() == 1 || sound.reason().starts_with("no alert sound: ")) << sound.reason();
}

TEST(AlertSound, OffSaysSo) {
  app::AlertSound sound(app::AlertSound::Config{.enabled = false});
  sound.offer(snapshotWithOneNotResponding(), kNow, {}, false);
  EXPECT_EQ(sound.played(), 0);
  EXPECT_NE(sound.reason().find("--no-sound"), std::string::npos);
}

}  // namespace
