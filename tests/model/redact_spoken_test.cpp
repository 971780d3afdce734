// Spoken forms, as a transcription event's `transcript` carries them (docs/genesys-api.md,
// transcription topic): the same rules as written forms once the words are written out.
#include <gtest/gtest.h>

#include <string>
#include <string_view>

#include "model/redact.h"
#include "model/redact_spoken.h"

namespace {

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
