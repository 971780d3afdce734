#include "model/utterance_masking.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/redact.h"

namespace {

using redact::MaskedUtterance;
using redact::Utterance;

Utterance said(std::string id, std::string text, std::int64_t offsetMs, bool final = true) {
  return Utterance{std::move(id), std::move(text), offsetMs, final};
}

struct Split {
  std::string_view first, second;            // two final utterances of one speaker
  std::string_view firstMasked, secondMasked;
};

class SplitTest : public testing::TestWithParam<Split> {};

TEST_P(SplitTest, IsMaskedInBothAndTheFirstIsRepublished) {
  const Split& split = GetParam();
  redact::UtteranceWindow window;
  const auto first = window.add(said("u1", std::string(split.first), 1000));
  ASSERT_EQ(first.size(), 1u);
  EXPECT_EQ(first[0].text, split.first);  // nothing to mask yet
  const auto second = window.add(said("u2", std::string(split.second), 4000));
  ASSERT_EQ(second.size(), 2u);
  EXPECT_EQ(second[0], (MaskedUtterance{"u2", std::string(split.secondMasked), 4000, true}));
  EXPECT_EQ(second[1], (MaskedUtterance{"u1", std::string(split.firstMasked), 1000, true}));  // re-published
}

INSTANTIATE_TEST_SUITE_P(Numbers, SplitTest, testing::Values(
    Split{"it's 4111 1111", "1111 1111.", "it's [card ...]", "[card ****1111]."},
    Split{"the card is four one one one one one one one.", "One one one one one one one one.",
          "the card is [card ...].", "[card ****1111]."},
    Split{"my number is five five five", "zero one zero zero nine nine nine at 10:30",
          "my number is [phone ...]", "[phone ****0999] at 10:30"}));

TEST(UtteranceWindowTest, InterimCompletingANumberMasksItAndTheEarlierFinal) {
  redact::UtteranceWindow window;
  window.add(said("u1", "my number is five five five", 1000));
  const auto interim = window.add(said("u2", "zero one zero zero nine nine nine", 3000, false));
  ASSERT_EQ(interim.size(), 2u);
  EXPECT_EQ(interim[0].text, "[phone ****0999]");
  EXPECT_FALSE(interim[0].final);
  EXPECT_EQ(interim[1].text, "my number is [phone ...]");
  // The final version is judged again against the same context, not against its interim.
  const auto final = window.add(said("u2", "zero one zero zero nine nine nine", 3000));
  EXPECT_EQ(final[0].text, "[phone ****0999]");
}

TEST(UtteranceWindowTest, MaskingNeverShrinksWhenTheContextMovesOn) {
  redact::UtteranceWindow window;
  window.add(said("u1", "4111 1111", 1000));
  const auto joined = window.add(said("u2", "1111 1111", 2000));
  ASSERT_EQ(joined[0].text, "[card ****1111]");
  // u1 leaves the window; u2 is still held. Its text arriving again (a repeated final) is
  // judged without u1, but what was masked stays masked.
  for (int i = 0; i < 2; ++i) window.add(said("x" + std::to_string(i), "anything else", 3000 + i));
  const auto again = window.add(said("u2", "1111 1111", 2000));
  ASSERT_FALSE(again.empty());
  EXPECT_EQ(again[0].id, "u2");
  EXPECT_EQ(again[0].text.find("1111 1111"), std::string::npos) << again[0].text;
  // And something unrelated after it is not masked.
  EXPECT_EQ(window.add(said("u3", "one moment", 9000))[0].text, "one moment");
}

TEST(UtteranceWindowTest, UtterancesTooFarApartAreNotJoined) {
  redact::UtteranceWindow window;
  window.add(said("u1", "4111 1111", 1000));
  const auto late = window.add(said("u2", "1111 1111", 1000 + redact::UtteranceWindow::kWindowMs + 1));
  ASSERT_EQ(late.size(), 1u);
  EXPECT_EQ(late[0].text, "1111 1111");
}

TEST(UtteranceWindowTest, OnlyTheLastFewFinalsAreContext) {
  redact::UtteranceWindow window;
  window.add(said("u1", "4111 1111", 1000));
  for (std::size_t i = 0; i < redact::UtteranceWindow::kWindowUtterances; ++i)
    window.add(said("x" + std::to_string(i), "okay", 1100 + static_cast<std::int64_t>(i)));
  const auto later = window.add(said("u2", "1111 1111", 2000));
  EXPECT_EQ(later[0].text, "1111 1111");
}

TEST(UtteranceWindowTest, TimesAndAmountsAcrossUtterancesStayReadable) {
  redact::UtteranceWindow window;
  window.add(said("u1", "that's $1,234.56 on order ORD-2024-000123", 1000));
  const auto next = window.add(said("u2", "at 10:30 on 2026-11-24, one moment", 2000));
  ASSERT_EQ(next.size(), 1u);
  EXPECT_EQ(next[0].text, "at 10:30 on 2026-11-24, one moment");
}

TEST(ConversationMaskingTest, SpeakersAndConversationsAreSeparate) {
  redact::ConversationMasking masking;
  masking.add("c1", 1, said("a", "4111 1111", 1000));
  EXPECT_EQ(masking.add("c1", 2, said("b", "1111 1111", 2000))[0].text, "1111 1111");  // the other speaker
  EXPECT_EQ(masking.add("c2", 1, said("c", "1111 1111", 2000))[0].text, "1111 1111");  // another call
  EXPECT_EQ(masking.add("c1", 1, said("d", "1111 1111", 2000))[0].text, "[card ****1111]");
}

TEST(ConversationMaskingTest, HoldsABoundedNumberOfSpeakersAndForgets) {
  redact::ConversationMasking masking;
  for (int i = 0; i < 100; ++i) masking.add("c" + std::to_string(i), 1, said("u", "hello", 1000));
  EXPECT_EQ(masking.speakers(), redact::ConversationMasking::kMaxSpeakers);
  masking.forget("c99");
  EXPECT_EQ(masking.speakers(), redact::ConversationMasking::kMaxSpeakers - 1);
}

}  // namespace
