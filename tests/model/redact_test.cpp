#include "model/redact.h"

#include <gtest/gtest.h>

#include <cctype>
#include <cstddef>
#include <ostream>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Case {
  std::string_view input;
  std::string_view expected;
};

void PrintTo(const Case& c, std::ostream* os) { *os << '"' << c.input << '"'; }

// [SECTION] What gets masked, and what it looks like afterwards

class MaskedTest : public testing::TestWithParam<Case> {};

TEST_P(MaskedTest, ReplacesPersonalDataAndKeepsTheRest) {
  const Case& c = GetParam();
  EXPECT_TRUE(redact::containsPersonalData(c.input));
  EXPECT_EQ(redact::maskPersonalData(c.input), c.expected);
}

TEST_P(MaskedTest, MaskedTextIsCleanAndStable) {
  const std::string once = redact::maskPersonalData(GetParam().input);
  EXPECT_FALSE(redact::containsPersonalData(once)) << once;
  EXPECT_EQ(redact::maskPersonalData(once), once);
}

INSTANTIATE_TEST_SUITE_P(Cards, MaskedTest, testing::Values(
    Case{"4111111111111111", "[card ****1111]"},
    Case{"4111 1111 1111 1111", "[card ****1111]"},
    Case{"4111-1111-1111-1111", "[card ****1111]"},
    Case{"Card 4111 1111 1111 1111 exp 12/27", "Card [card ****1111] exp 12/27"},
    Case{"Amex 3782 822463 10005.", "Amex [card ****0005]."},
    Case{"5555 5555 5555 4444", "[card ****4444]"},
    Case{"old visa 4222222222222", "old visa [card ****2222]"},
    Case{"6222 2222 2222 2222 222", "[card ****2222]"},
    Case{"4 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1", "[card ****1111]"},
    Case{"card:4111111111111111,", "card:[card ****1111],"},
    Case{"4111111111111111/12", "[card ****1111]/12"},
    Case{"4111 1111 1111 1111 2027", "[card ****1111] 2027"},
    Case{"(4111 1111 1111 1111)", "([card ****1111])"},
    Case{"is\\n4111 1111 1111 1111", "is\\n[card ****1111]"}));

INSTANTIATE_TEST_SUITE_P(Phones, MaskedTest, testing::Values(
    Case{"+1 415 555 0123", "[phone ****0123]"},
    Case{"+14155550123", "[phone ****0123]"},
    Case{"tel:+14155550123", "tel:[phone ****0123]"},
    Case{"(415) 555-0123", "[phone ****0123]"},
    Case{"(415)555-0123", "[phone ****0123]"},
    Case{"415-555-0123", "[phone ****0123]"},
    Case{"415.555.0123", "[phone ****0123]"},
    Case{"1-800-555-0199", "[phone ****0199]"},
    Case{"+1 (415) 555-0123", "[phone ****0123]"},
    Case{"07700 900123", "[phone ****0123]"},
    Case{"020 7946 0958", "[phone ****0958]"},
    Case{"+44 7700 900123", "[phone ****0123]"},
    Case{"+44 (0)20 7946 0958", "[phone ****0958]"},
    Case{"+33 1 23 45 67 89", "[phone ****6789]"},
    Case{"01 23 45 67 89", "[phone ****6789]"},
    Case{"phone: 4155550123", "phone: [phone ****0123]"},
    Case{"\"mobilePhone\": \"07700900123\"", "\"mobilePhone\": \"[phone ****0123]\""},
    Case{"call me on 415 555 0123 at 10:30", "call me on [phone ****0123] at 10:30"},
    Case{"+1 415 555 0123 10:30", "[phone ****0123] 10:30"}));

INSTANTIATE_TEST_SUITE_P(Emails, MaskedTest, testing::Values(
    Case{"jane.doe@example.com", "[email j***@***.com]"},
    Case{"Mail JOHN_SMITH+tag@mail.example.co.uk.", "Mail [email J***@***.uk]."},
    Case{"<a@b.io>", "<[email a***@***.io]>"},
    Case{"mailto:x@y.org", "mailto:[email x***@***.org]"},
    Case{"_x@example.com", "[email ****@***.com]"},
    Case{"+14155550123@sms.example.com", "[email ****@***.com]"}));

INSTANTIATE_TEST_SUITE_P(NationalIds, MaskedTest, testing::Values(
    Case{"123-45-6789", "[ssn ***-**-****]"},
    Case{"ITIN 912-70-1234", "ITIN [ssn ***-**-****]"},
    Case{"SSN: 123456789", "SSN: [ssn ***-**-****]"},
    Case{"my social security number is 123 45 6789", "my social security number is [ssn ***-**-****]"},
    Case{"\"ssn\": \"123456789\"", "\"ssn\": \"[ssn ***-**-****]\""}));

INSTANTIATE_TEST_SUITE_P(Ibans, MaskedTest, testing::Values(
    Case{"GB82 WEST 1234 5698 7654 32", "[iban GB****5432]"},
    Case{"GB82WEST12345698765432", "[iban GB****5432]"},
    Case{"IBAN: DE89 3704 0044 0532 0130 00.", "IBAN: [iban DE****3000]."},
    Case{"FR14 2004 1010 0505 0001 3M02 606", "[iban FR****2606]"},
    Case{"NL91ABNA0417164300", "[iban NL****4300]"},
    Case{"NO9386011117947", "[iban NO****7947]"},
    Case{"gb82 west 1234 5698 7654 32", "[iban GB****5432]"},
    Case{"GB82 WEST 1234 5698 7654 32 is mine", "[iban GB****5432] is mine"}));

// [SECTION] What must stay readable

class UnmaskedTest : public testing::TestWithParam<std::string_view> {};

TEST_P(UnmaskedTest, IsLeftExactlyAsItWas) {
  const std::string_view text = GetParam();
  EXPECT_FALSE(redact::containsPersonalData(text));
  EXPECT_EQ(redact::maskPersonalData(text), text);
}

INSTANTIATE_TEST_SUITE_P(TimesAndDates, UnmaskedTest, testing::Values(
    "10:30", "14:05:22", "duration 00:05:12", "2026-11-24", "24/11/2026", "24.11.2026", "11/24/2026",
    "2026-11-24T10:30:00Z", "2026-11-24T10:30:00.123+01:00", "2026-11-24 10:30:00 +0100",
    "epoch 1732441800007"));

INSTANTIATE_TEST_SUITE_P(AmountsAndNumbers, UnmaskedTest, testing::Values(
    "$1,234.56", "250.00 EUR", "1 500 kr", "1,000,000", "+250.00", "+1 500", "95%", "12.5 %",
    "Queue 42 waiting 7", "Content-Length: 1234567", "HTTP/1.1 200 OK", "ISO 8601"));

INSTANTIATE_TEST_SUITE_P(Identifiers, UnmaskedTest, testing::Values(
    "order 123456", "ORD-2024-000123", "ticket 123456789012", "INC0012345", "order 4155550123",
    "v2.10.4", "1.2.3", "192.168.0.1", "3fa85f64-5717-4562-b3fc-2c963f66afa6",
    "3FA85F64-5717-4562-B3FC-2C963F66AFA6", "12345678-1234-1234-1234-123456789012",
    "conversation c0ffee00-4111-1111-1111-111111111111 ended"));

INSTANTIATE_TEST_SUITE_P(NearMisses, UnmaskedTest, testing::Values(
    "4111 1111 1111 1112", "1234567890123456", "41111111111111111111", "x4111111111111111",
    "123456789", "ref 123 45 6789", "000-12-3456", "GB82 WEST 1234 5698 7654 33", "user@localhost",
    "@handle", "a@b", "name@example.c0m", "", "-", "(", "+", "@", "[", "]"));

// [SECTION] Spoken forms, as a transcription event's `transcript` carries them (redact_spoken.h)

INSTANTIATE_TEST_SUITE_P(SpokenCards, MaskedTest, testing::Values(
    Case{"the card is four one one one one one one one one one one one one one one one",
         "the card is [card ****1111]"},
    Case{"Four one one one, one one one one, one one one one, one one one one.", "[card ****1111]."},
    Case{"it's five five five five double five five five triple five five four four four four",
         "it's [card ****4444]"},
    Case{"card 4111 1111 one one one one one one one one thanks", "card [card ****1111] thanks"},
    Case{"four one one one um one one one one one one one one one one one one", "[card ****1111]"}));

INSTANTIATE_TEST_SUITE_P(SpokenPhones, MaskedTest, testing::Values(
    Case{"my number is five five five zero one zero zero nine nine nine", "my number is [phone ****0999]"},
    Case{"call me on 4155552671", "call me on [phone ****2671]"},
    Case{"four one five dash five five five dash two six seven one", "[phone ****2671]"},
    Case{"it's four one five, five five five, twenty six seventy one", "it's [phone ****2671]"},
    Case{"my mobile is oh seven seven double oh nine double oh one two three", "my mobile is [phone ****0123]"},
    Case{"you can reach me on one eight hundred five five five zero one nine nine",
         "you can reach me on [phone ****0199]"},
    Case{"my phone is four one five five five five two six seven one at home",
         "my phone is [phone ****2671] at home"}));

INSTANTIATE_TEST_SUITE_P(SpokenEmails, MaskedTest, testing::Values(
    Case{"my email is jo smith at example dot com", "my email is [email j***@***.com]"},
    Case{"john at example dot com", "[email j***@***.com]"},
    Case{"it's j o dot smith at mail dash example dot co dot uk", "it's [email j***@***.uk]"},
    Case{"send it to jane underscore doe seven seven at example.com please",
         "send it to [email j***@***.com] please"},
    Case{"email address j o s m i t h at gmail dot com", "email address [email j***@***.com]"}));

INSTANTIATE_TEST_SUITE_P(SpokenNationalIds, MaskedTest, testing::Values(
    Case{"my social is one two three four five six seven eight nine", "my social is [ssn ***-**-****]"},
    Case{"SSN one two three dash four five dash six seven eight nine", "SSN [ssn ***-**-****]"},
    Case{"G B eight two W E S T one two three four five six nine eight seven six five four three two",
         "[iban GB****5432]"},
    Case{"GB82 WEST one two three four five six nine eight seven six five four three two", "[iban GB****5432]"}));

INSTANTIATE_TEST_SUITE_P(SpokenEverydaySpeech, UnmaskedTest, testing::Values(
    "one moment please", "I have two options for you", "you're on line three", "it's ten thirty",
    "that's two hundred and fifty dollars", "the twenty fourth of november twenty twenty six",
    "oh, okay, one sec", "four one one one", "I'm at the office", "look at example dot com",
    "we're at home now", "I'll call you back at ten thirty", "press one then two then three",
    "your order number is four five six seven eight nine one two three",
    "ticket one two three four five six seven eight nine oh",
    "call me back about order four one five five five five two six seven one",
    "four one one one one one one one one one one one one one one two"));

// [SECTION] Mixed text, as it comes from a transcript or a log line

TEST(RedactTest, MasksEveryItemInATranscriptLine) {
  const std::string_view line =
      "Sure, it's 4111 1111 1111 1111, call me back on (415) 555-0123 or mail jane@example.com "
      "before 10:30 on 2026-11-24 about order ORD-2024-000123 ($1,234.56).";
  EXPECT_EQ(redact::maskPersonalData(line),
            "Sure, it's [card ****1111], call me back on [phone ****0123] or mail [email j***@***.com] "
            "before 10:30 on 2026-11-24 about order ORD-2024-000123 ($1,234.56).");
}

TEST(RedactTest, KeepsNonAsciiTextAroundMatches) {
  EXPECT_EQ(redact::maskPersonalData("Téléphone: 07700 900123 — merci"),
            "Téléphone: [phone ****0123] — merci");
}

TEST(RedactTest, KeywordContextEndsAtThePreviousMatch) {
  // "phone" is used up by the first number, so the masked text reads the same context as
  // the original (idempotence); a bare number after it needs its own keyword.
  EXPECT_EQ(redact::maskPersonalData("phone 415-555-0123 1234567890"), "phone [phone ****0123] 1234567890");
}

// [SECTION] JSON bodies stay valid JSON

// A strict validator, enough to prove the masked documents below still parse.
class JsonValidator {
 public:
  explicit JsonValidator(std::string_view text) : text_(text) {}

  bool valid() {
    skipSpace();
    if (!value()) return false;
    skipSpace();
    return pos_ == text_.size();
  }

 private:
  char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
  void skipSpace() {
    while (peek() == ' ' || peek() == '\n' || peek() == '\r' || peek() == '\t') ++pos_;
  }
  bool literal(std::string_view word) {
    if (text_.substr(pos_, word.size()) != word) return false;
    pos_ += word.size();
    return true;
  }
  bool string() {
    if (peek() != '"') return false;
    ++pos_;
    while (pos_ < text_.size()) {
      const char c = text_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return false;
      if (c == '\\') {
        const char escaped = peek();
        if (std::string_view("\"\\/bfnrtu").find(escaped) == std::string_view::npos) return false;
        ++pos_;
      }
    }
    return false;
  }
  bool number() {
    const std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    while (std::isdigit(static_cast<unsigned char>(peek())) || peek() == '.' || peek() == 'e' || peek() == 'E' ||
           peek() == '+' || peek() == '-') {
      ++pos_;
    }
    return pos_ > start;
  }
  bool sequence(char close, bool keyed) {
    ++pos_;
    skipSpace();
    if (peek() == close) {
      ++pos_;
      return true;
    }
    while (true) {
      skipSpace();
      if (keyed) {
        if (!string()) return false;
        skipSpace();
        if (peek() != ':') return false;
        ++pos_;
        skipSpace();
      }
      if (!value()) return false;
      skipSpace();
      if (peek() == close) {
        ++pos_;
        return true;
      }
      if (peek() != ',') return false;
      ++pos_;
    }
  }
  bool value() {
    switch (peek()) {
      case '{': return sequence('}', true);
      case '[': return sequence(']', false);
      case '"': return string();
      case 't': return literal("true");
      case 'f': return literal("false");
      case 'n': return literal("null");
      default: return number();
    }
  }

  std::string_view text_;
  std::size_t pos_ = 0;
};

constexpr std::string_view kConversationBody = R"({
  "id": "3fa85f64-5717-4562-b3fc-2c963f66afa6",
  "startTime": "2026-11-24T10:30:00.000Z",
  "participants": [
    {
      "purpose": "customer",
      "name": "Jane \"JD\" Doe",
      "ani": "tel:+14155550123",
      "email": "jane.doe@example.com",
      "cardOnFile": 4111111111111111,
      "phone": 4155550123,
      "wrapupDurationMs": 1732441800007,
      "tags": [4111111111111111, "4111 1111 1111 1111"]
    }
  ],
  "transcript": "my card is 4111 1111 1111 1111\nand my ssn is 123-45-6789"
})";

TEST(RedactJsonTest, MaskedBodyIsStillValidJson) {
  ASSERT_TRUE(JsonValidator(kConversationBody).valid());
  const std::string masked = redact::maskPersonalData(kConversationBody);
  EXPECT_TRUE(JsonValidator(masked).valid()) << masked;
  EXPECT_FALSE(redact::containsPersonalData(masked)) << masked;
}

TEST(RedactJsonTest, MasksInsideStringsAndQuotesBareNumbers) {
  const std::string masked = redact::maskPersonalData(kConversationBody);
  EXPECT_NE(masked.find(R"("id": "3fa85f64-5717-4562-b3fc-2c963f66afa6")"), std::string::npos);
  EXPECT_NE(masked.find(R"("startTime": "2026-11-24T10:30:00.000Z")"), std::string::npos);
  EXPECT_NE(masked.find(R"("ani": "tel:[phone ****0123]")"), std::string::npos);
  EXPECT_NE(masked.find(R"("email": "[email j***@***.com]")"), std::string::npos);
  EXPECT_NE(masked.find(R"("cardOnFile": "[card ****1111]")"), std::string::npos);
  EXPECT_NE(masked.find(R"("phone": "[phone ****0123]")"), std::string::npos);
  EXPECT_NE(masked.find(R"("wrapupDurationMs": 1732441800007)"), std::string::npos);
  EXPECT_NE(masked.find(R"("tags": ["[card ****1111]", "[card ****1111]"])"), std::string::npos);
  EXPECT_NE(masked.find(R"(is [card ****1111]\nand my ssn is [ssn ***-**-****]")"), std::string::npos);
}

TEST(RedactJsonTest, PlainTextIsNeverQuoted) {
  EXPECT_EQ(redact::maskPersonalData("x: 4111111111111111, y"), "x: [card ****1111], y");
}

// [SECTION] Customer addresses for display

TEST(MaskAddressTest, PhoneKeepsLastFourDigits) {
  EXPECT_EQ(redact::maskAddress("tel:+14155550123"), "***-***-0123");
  EXPECT_EQ(redact::maskAddress("TEL:+1-415-555-0123;ext=12"), "***-***-0123");
  EXPECT_EQ(redact::maskAddress("sip:+14155550123@10.0.0.1;user=phone"), "***-***-0123");
  EXPECT_EQ(redact::maskAddress(" (415) 555-0123 "), "***-***-0123");
  EXPECT_EQ(redact::maskAddress("+44 7700 900123"), "***-***-0123");
}

TEST(MaskAddressTest, EmailKeepsFirstLetterAndTopLevelDomain) {
  EXPECT_EQ(redact::maskAddress("jane.doe@example.com"), "j***@***.com");
  EXPECT_EQ(redact::maskAddress("mailto:Jane@mail.example.co.uk"), "J***@***.uk");
  EXPECT_EQ(redact::maskAddress("sip:alice@pbx.example.org"), "a***@***.org");
  EXPECT_EQ(redact::maskAddress("bob@intranet"), "b***@***");
}

TEST(MaskAddressTest, AnythingElseIsHiddenCompletely) {
  EXPECT_EQ(redact::maskAddress(""), "");
  EXPECT_EQ(redact::maskAddress("   "), "");
  EXPECT_EQ(redact::maskAddress("Jane Doe"), "***");
  EXPECT_EQ(redact::maskAddress("@handle"), "***");
  EXPECT_EQ(redact::maskAddress("1234"), "***");
  EXPECT_EQ(redact::maskAddress("customer-9f1c"), "***");
}

TEST(MaskAddressTest, ResultContainsNoPersonalData) {
  for (const std::string_view address : {"tel:+14155550123", "jane.doe@example.com", "sip:bob@example.com"}) {
    EXPECT_FALSE(redact::containsPersonalData(redact::maskAddress(address))) << address;
  }
}

// [SECTION] Robustness: random mixtures, adversarial adjacency, large inputs

// Pieces that sit next to each other in every possible way: personal data, near misses,
// separators, brackets and quotes.
const std::vector<std::string_view>& fragments() {
  static const std::vector<std::string_view> pieces{
      "4111 1111 1111 1111", "4111111111111111", "5555-5555-5555-4444", "4 1 1 1", "+1 415 555 0123",
      "(415) 555-0123", "415-555-0123", "07700 900123", "123-45-6789", "123456789", "SSN", "phone",
      "jane@example.com", "a.b", "GB82 WEST 1234 5698 7654 32", "GB82", "WEST", "2026-11-24", "10:30",
      "3fa85f64-5717-4562-b3fc-2c963f66afa6", "$1,234.56", "0", "1", "12", "123", "4111", "0123", "9",
      " ", " ", "  ", "-", ".", ",", ":", "@", "(", ")", "+", "[", "]", "\"", "\\n", "*", "x", "ab", "\n"};
  return pieces;
}

std::string randomText(std::mt19937& random, int pieces) {
  std::uniform_int_distribution<std::size_t> pick(0, fragments().size() - 1);
  std::string text;
  for (int i = 0; i < pieces; ++i) text += fragments()[pick(random)];
  return text;
}

TEST(RedactRobustnessTest, RandomMixturesMaskToACleanFixedPoint) {
  std::mt19937 random(20261124);  // fixed seed: the same inputs on every run
  for (int round = 0; round < 20000; ++round) {
    const std::string text = randomText(random, 1 + round % 12);
    const std::string once = redact::maskPersonalData(text);
    ASSERT_FALSE(redact::containsPersonalData(once)) << "input: " << text << "\nmasked: " << once;
    ASSERT_EQ(redact::maskPersonalData(once), once) << "input: " << text;
    ASSERT_EQ(redact::containsPersonalData(text), once != text) << "input: " << text;
  }
}

TEST(RedactRobustnessTest, OneMegabyteOfRandomMixturesLeavesNothingBehind) {
  std::mt19937 random(7);
  std::string text;
  while (text.size() < (1u << 20)) text += randomText(random, 64);
  EXPECT_FALSE(redact::containsPersonalData(redact::maskPersonalData(text)));
}

TEST(RedactRobustnessTest, OneMegabyteLogMasksEveryLine) {
  const std::string_view line =
      "10:30:00 GET /api/v2/conversations/3fa85f64-5717-4562-b3fc-2c963f66afa6 200 "
      "customer jane@example.com +1 415 555 0123 card 4111 1111 1111 1111\n";
  std::string text;
  int lines = 0;
  for (; text.size() < (1u << 20); ++lines) text += line;
  const std::string masked = redact::maskPersonalData(text);
  const std::string_view maskedLine =
      "10:30:00 GET /api/v2/conversations/3fa85f64-5717-4562-b3fc-2c963f66afa6 200 "
      "customer [email j***@***.com] [phone ****0123] card [card ****1111]\n";
  std::string expected;
  for (int i = 0; i < lines; ++i) expected += maskedLine;
  EXPECT_EQ(masked, expected);
}

TEST(RedactRobustnessTest, DegenerateMegabyteInputsDoNotOverflow) {
  const std::size_t size = 1u << 20;
  for (const std::string_view unit : {"1", "1 ", "1-", "a", "a@", "a.", "@a.", "(", "(1)", "+1 ", "GB82 ", "\\n"}) {
    std::string text;
    text.reserve(size + unit.size());
    while (text.size() < size) text += unit;
    const std::string masked = redact::maskPersonalData(text);
    EXPECT_FALSE(redact::containsPersonalData(masked)) << "unit: " << unit;
  }
}

TEST(RedactRobustnessTest, LongRunOfCardsIsMaskedOneByOne) {
  std::string text;
  for (int i = 0; i < 10000; ++i) text += "4111 1111 1111 1111 ";
  const std::string masked = redact::maskPersonalData(text);
  std::string expected;
  for (int i = 0; i < 10000; ++i) expected += "[card ****1111] ";
  EXPECT_EQ(masked, expected);
}

}  // namespace

// Records written as they go mask every long number in what was said, personal or not.
TEST(MaskNumberFragments, LongNumbersWrittenOrSpokenBecomeNumberAndShortOnesStay) {
  EXPECT_EQ(redact::maskNumberFragments("my card is four one one one one one one one"), "my card is [number]");
  EXPECT_EQ(redact::maskNumberFragments("1111 1111 and 415-555 then 42"), "[number] and [number] then 42");
  EXPECT_EQ(redact::maskNumberFragments("three pm, order 123, room 7"), "three pm, order 123, room 7");
  EXPECT_EQ(redact::maskNumberFragments("caf\\u00e9 id a1234"), "caf\\u00e9 id a1234") << "escapes and ids stay";
  EXPECT_EQ(redact::maskNumberFragments("double five five five"), "[number]");
}
