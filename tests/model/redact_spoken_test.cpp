// Spoken forms, as a transcription event's `transcript` carries them (docs/genesys-api.md,
// transcription topic): the same rules as written forms once the words are written out.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <string_view>

#include "model/redact.h"
#include "model/redact_spoken.h"

namespace {

struct Case {
  std::string_view input;
  std::string_view expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.input << '"'; }

class SpokenMaskedTest : public testing::TestWithParam<Case> {};

TEST_P(SpokenMaskedTest, ReplacesTheWordsAndKeepsTheRest) {
  const Case& c = GetParam();
  EXPECT_TRUE(redact::containsPersonalData(c.input));
  EXPECT_EQ(redact::maskPersonalData(c.input), c.expected);
}

TEST_P(SpokenMaskedTest, MaskedTextIsCleanAndStable) {
  const std::string once = redact::maskPersonalData(GetParam().input);
  EXPECT_FALSE(redact::containsPersonalData(once)) << once;
  EXPECT_EQ(redact::maskPersonalData(once), once);
}

INSTANTIATE_TEST_SUITE_P(Cards, SpokenMaskedTest, testing::Values(
    Case{"the card is four one one one one one one one one one one one one one one one",
         "the card is [card ****1111]"},
    Case{"Four one one one, one one one one, one one one one, one one one one.", "[card ****1111]."},
    Case{"it's five five five five double five five five triple five five four four four four",
         "it's [card ****4444]"},
    Case{"card 4111 1111 one one one one one one one one thanks", "card [card ****1111] thanks"},
    Case{"four one one one um one one one one one one one one one one one one", "[card ****1111]"}));

INSTANTIATE_TEST_SUITE_P(Phones, SpokenMaskedTest, testing::Values(
    Case{"my number is five five five zero one zero zero nine nine nine", "my number is [phone ****0999]"},
    Case{"call me on 4155552671", "call me on [phone ****2671]"},
    Case{"four one five dash five five five dash two six seven one", "[phone ****2671]"},
    Case{"it's four one five, five five five, twenty six seventy one", "it's [phone ****2671]"},
    Case{"my mobile is oh seven seven double oh nine double oh one two three", "my mobile is [phone ****0123]"},
    Case{"you can reach me on one eight hundred five five five zero one nine nine",
         "you can reach me on [phone ****0199]"},
    Case{"my phone is four one five five five five two six seven one at home",
         "my phone is [phone ****2671] at home"}));

INSTANTIATE_TEST_SUITE_P(Emails, SpokenMaskedTest, testing::Values(
    Case{"my email is jo smith at example dot com", "my email is [email j***@***.com]"},
    Case{"john at example dot com", "[email j***@***.com]"},
    Case{"it's j o dot smith at mail dash example dot co dot uk", "it's [email j***@***.uk]"},
    Case{"send it to jane underscore doe seven seven at example.com please",
         "send it to [email j***@***.com] please"},
    Case{"email address j o s m i t h at gmail dot com", "email address [email j***@***.com]"}));

INSTANTIATE_TEST_SUITE_P(NationalIds, SpokenMaskedTest, testing::Values(
    Case{"my social is one two three four five six seven eight nine", "my social is [ssn ***-**-****]"},
    Case{"SSN one two three dash four five dash six seven eight nine", "SSN [ssn ***-**-****]"},
    Case{"G B eight two W E S T one two three four five six nine eight seven six five four three two",
         "[iban GB****5432]"},
    Case{"GB82 WEST one two three four five six nine eight seven six five four three two", "[iban GB****5432]"}));

class SpokenUnmaskedTest : public testing::TestWithParam<std::string_view> {};

TEST_P(SpokenUnmaskedTest, IsLeftExactlyAsItWas) {
  const std::string_view text = GetParam();
  EXPECT_FALSE(redact::containsPersonalData(text));
  EXPECT_EQ(redact::maskPersonalData(text), text);
}

INSTANTIATE_TEST_SUITE_P(EverydaySpeech, SpokenUnmaskedTest, testing::Values(
    "one moment please", "I have two options for you", "you're on line three", "it's ten thirty",
    "that's two hundred and fifty dollars", "the twenty fourth of november twenty twenty six",
    "oh, okay, one sec", "four one one one", "I'm at the office", "look at example dot com",
    "we're at home now", "I'll call you back at ten thirty", "press one then two then three",
    "your order number is four five six seven eight nine one two three",
    "ticket one two three four five six seven eight nine oh",
    "call me back about order four one five five five five two six seven one",
    "four one one one one one one one one one one one one one one two"));

TEST(SpokenRewriteTest, WritesOutNumbersAndAddressesWithTheirPlaceInTheText) {
  const std::string_view text = "ok four oh two and jo at example dot com";
  const auto rewrites = redact::spoken::findRewrites(text);
  ASSERT_EQ(rewrites.size(), 2u);
  EXPECT_EQ(rewrites[0].written, "402");
  EXPECT_EQ(text.substr(rewrites[0].begin, rewrites[0].end - rewrites[0].begin), "four oh two");
  EXPECT_EQ(rewrites[1].written, "jo@example.com");
  EXPECT_EQ(text.substr(rewrites[1].begin, rewrites[1].end - rewrites[1].begin), "jo at example dot com");
}

TEST(SpokenRewriteTest, LeavesSingleWordsAndWrittenNumbersAlone) {
  EXPECT_TRUE(redact::spoken::findRewrites("one moment, line three, 4111 1111").empty());
}

TEST(SpokenRewriteTest, JsonWordListsDoNotJoinIntoANumber) {
  // words[] in a transcription event: one object per word, quotes between them.
  EXPECT_TRUE(redact::spoken::findRewrites(R"({"word":"four"},{"word":"one"},{"word":"one"})").empty());
}

TEST(SpokenFindTest, FindingsCoverTheSpokenWords) {
  const std::string_view text = "card four one one one one one one one one one one one one one one one ok";
  const auto found = redact::findPersonalData(text);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].kind, redact::Kind::Card);
  EXPECT_EQ(text.substr(found[0].begin, found[0].end - found[0].begin),
            "four one one one one one one one one one one one one one one one");
  EXPECT_EQ(found[0].replacement, "[card ****1111]");
  EXPECT_EQ(redact::partReplacement(redact::Kind::Card), "[card ...]");
}

}  // namespace
