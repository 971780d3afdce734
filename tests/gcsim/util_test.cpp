// The simulator's small parsers: ISO-8601 times and query strings (both array forms).
#include "../../tools/gcsim/src/util.h"

#include <gtest/gtest.h>

namespace {

TEST(GcsimUtil, IsoTimesRoundTripWithMilliseconds) {
    const int64_t ms = 1795502400123;  // 2026-11-24T06:40:00.123Z
    EXPECT_EQ(gcsim::isoTime(ms), "2026-11-24T06:40:00.123Z");
    EXPECT_EQ(gcsim::parseIsoTime("2026-11-24T06:40:00.123Z"), ms);
    EXPECT_EQ(gcsim::parseIsoTime("2026-11-24T07:40:00.123+01:00"), ms);
    EXPECT_EQ(gcsim::parseIsoTime("2026-11-24T06:40Z"), ms - 123);
}

TEST(GcsimUtil, BadTimesAreRejected) {
    for (const char* bad : {"", "tomorrow", "2026-13-01T00:00:00Z", "2026-11-24T06:40:00", "2026-11-24 06:40:00Z",
                            "2026-11-24T06:40:00.Z", "2026-11-24T06:40:00Zjunk"})
        EXPECT_FALSE(gcsim::parseIsoTime(bad)) << bad;
}

TEST(GcsimUtil, QueryListsAcceptRepeatedAndCommaForms) {
    const auto repeated = gcsim::parseQuery("id=a&id=b&expand=presence&expand=routingStatus");
    const auto comma = gcsim::parseQuery("id=a,b&expand=presence%2CroutingStatus");
    EXPECT_EQ(gcsim::queryList(repeated, "id"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(gcsim::queryList(comma, "id"), (std::vector<std::string>{"a", "b"}));
    EXPECT_EQ(gcsim::queryList(repeated, "expand"), gcsim::queryList(comma, "expand"));
    EXPECT_TRUE(gcsim::queryList(comma, "missing").empty());
}

TEST(GcsimUtil, PercentDecodingAndFormPlus) {
    EXPECT_EQ(gcsim::percentDecode("a%20b+c", true), "a b c");
    EXPECT_EQ(gcsim::percentDecode("a%20b+c", false), "a b+c");
    EXPECT_EQ(gcsim::percentDecode("100%", false), "100%");  // a stray % is kept, not a crash
    EXPECT_EQ(gcsim::percentEncode("a b/c"), "a%20b%2Fc");
}

TEST(GcsimUtil, SeededUuidsAreStableVersion4) {
    gcsim::Rng first(7), second(7);
    const std::string id = first.uuid();
    EXPECT_EQ(id, second.uuid());
    ASSERT_EQ(id.size(), 36u);
    EXPECT_EQ(id[14], '4');
}

}  // namespace
