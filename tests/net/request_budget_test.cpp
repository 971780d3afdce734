#include "net/request_budget.h"

#include <gtest/gtest.h>

namespace {

using net::Priority;
using net::RequestBudget;
using namespace std::chrono_literals;

// A clock the test moves by hand.
struct FakeClock {
  RequestBudget::Clock::time_point now{std::chrono::hours(1000)};
  RequestBudget::Now function() {
    return [this] { return now; };
  }
};

TEST(RequestBudget, AllowsThreeHundredPerRollingMinute) {
  FakeClock clock;
  RequestBudget budget({}, clock.function());
  for (int i = 0; i < 300; ++i) ASSERT_TRUE(budget.tryAcquire(Priority::User)) << i;
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
  EXPECT_EQ(budget.requestsLastMinute(), 300);
  EXPECT_EQ(budget.left(), 0);
  EXPECT_EQ(budget.nextAdmission(Priority::User), clock.now + 60s);

  clock.now += 59s;
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
  clock.now += 1s;  // the first requests leave the window
  EXPECT_TRUE(budget.tryAcquire(Priority::User));
  EXPECT_EQ(budget.requestsLastMinute(), 1);
}

TEST(RequestBudget, RollingWindowFreesSlotsOneByOne) {
  FakeClock clock;
  RequestBudget budget({.requestsPerMinute = 3}, clock.function());
  ASSERT_TRUE(budget.tryAcquire(Priority::User));
  clock.now += 10s;
  ASSERT_TRUE(budget.tryAcquire(Priority::User));
  ASSERT_TRUE(budget.tryAcquire(Priority::User));
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
  EXPECT_EQ(budget.nextAdmission(Priority::User), clock.now + 50s);  // when the first one leaves
  clock.now += 50s;
  EXPECT_TRUE(budget.tryAcquire(Priority::User));
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
}

TEST(RequestBudget, BackgroundStopsAtTheReserveWhileUserGoesOn) {
  FakeClock clock;
  RequestBudget budget({}, clock.function());
  EXPECT_EQ(budget.backgroundCeiling(), 270);
  int background = 0;
  while (budget.tryAcquire(Priority::Background)) ++background;
  EXPECT_EQ(background, 270);
  EXPECT_GT(budget.nextAdmission(Priority::Background), clock.now);
  // The supervisor's click still goes through: the last 10% are theirs.
  EXPECT_EQ(budget.nextAdmission(Priority::User), clock.now);
  for (int i = 0; i < 30; ++i) EXPECT_TRUE(budget.tryAcquire(Priority::User));
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
}

TEST(RequestBudget, ServerCountOverridesOursUntilItsWindowResets) {
  FakeClock clock;
  RequestBudget budget({}, clock.function());
  ASSERT_TRUE(budget.tryAcquire(Priority::Background));
  // The supervisor's web UI shares the token: the server has counted 280 already.
  budget.updateFromServer(300, 280, 20);
  EXPECT_EQ(budget.used(), 280);
  EXPECT_EQ(budget.left(), 20);
  EXPECT_FALSE(budget.tryAcquire(Priority::Background));
  EXPECT_EQ(budget.nextAdmission(Priority::Background), clock.now + 20s);
  EXPECT_TRUE(budget.tryAcquire(Priority::User));
  EXPECT_EQ(budget.used(), 281);  // our request counts on top of the server's figure

  clock.now += 20s;  // the server's window reset: back to our own count
  EXPECT_EQ(budget.used(), 2);
  EXPECT_TRUE(budget.tryAcquire(Priority::Background));
}

TEST(RequestBudget, ServerLimitReplacesTheDefault) {
  FakeClock clock;
  RequestBudget budget({}, clock.function());
  budget.updateFromServer(100, std::nullopt, std::nullopt);
  EXPECT_EQ(budget.limit(), 100);
  EXPECT_EQ(budget.backgroundCeiling(), 90);
  budget.updateFromServer(0, std::nullopt, std::nullopt);  // nonsense is ignored
  EXPECT_EQ(budget.limit(), 100);
}

TEST(RequestBudget, PauseAfterA429HoldsEveryone) {
  FakeClock clock;
  RequestBudget budget({}, clock.function());
  budget.pauseUntil(clock.now + 5s);
  EXPECT_FALSE(budget.tryAcquire(Priority::User));
  EXPECT_EQ(budget.nextAdmission(Priority::Background), clock.now + 5s);
  clock.now += 5s;
  EXPECT_TRUE(budget.tryAcquire(Priority::Background));
}

}  // namespace
