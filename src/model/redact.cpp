#include "model/redact.h"

#include "model/redact_spoken.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace redact {
namespace {

// [SECTION] Limits. Each bounds how far one attempt may look, which keeps the scan linear.

constexpr std::size_t kMaxEmailLocalPart = 64;   // RFC 5321
constexpr std::size_t kMaxEmailDomain = 253;
constexpr std::size_t kMaxDomainLabel = 63;
constexpr int kMinIbanChars = 15;                // Norway
constexpr int kMaxIbanChars = 34;
constexpr int kMaxRunDigits = 20;                // one more than the longest card
constexpr int kMaxRunGroups = 24;                // a card read out digit by digit has 19
constexpr int kMaxParenthesizedDigits = 5;       // "(0)", "(415)", "(01632)"
constexpr std::size_t kKeywordWindow = 40;       // "social security number is " fits
constexpr std::size_t kKeptTail = 4;

// [SECTION] Character classes: ASCII only, so UTF-8 bytes never join a match.

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isLower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isAlpha(char c) { return isLower(c) || isUpper(c); }
constexpr bool isAlnum(char c) { return isDigit(c) || isAlpha(c); }
constexpr bool isHexDigit(char c) { return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
constexpr char toLower(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char toUpper(char c) { return isLower(c) ? static_cast<char>(c - 'a' + 'A') : c; }
constexpr bool isSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

constexpr bool isEmailLocalChar(char c) {
  return isAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
constexpr bool isDomainLabelChar(char c) { return isAlnum(c) || c == '-'; }
// Between the digit groups of a card or phone number: "4111 1111", "415-555", "415.555".
constexpr bool isGroupSeparator(char c) { return c == ' ' || c == '-' || c == '.'; }
// Glue one number to the next one inside a token: "10:30", "1,234.56", "2026-11-24".
constexpr bool isNumberJoiner(char c) { return c == '-' || c == '_' || c == '.' || c == ',' || c == ':'; }
// The letter of a JSON escape such as "\n", which must not glue the next word to it.
constexpr bool isJsonEscapeLetter(char c) { return c == 'n' || c == 'r' || c == 't' || c == 'b' || c == 'f'; }

// [SECTION] Keywords that turn a bare digit string into a phone number or an SSN

struct Keyword {
  std::string_view word;  // lower case
  bool wholeWord;         // false: a prefix is enough ("phoneNumber", "mobilePhone")
};

constexpr std::array kPhoneKeywords{
    Keyword{"phone", false}, Keyword{"telephone", false}, Keyword{"mobile", false},
    Keyword{"cell", false},  Keyword{"fax", false},       Keyword{"whatsapp", false},
    Keyword{"tel", true},    Keyword{"sms", true},        Keyword{"ani", true},
    Keyword{"dnis", true},
};
// How callers give a number in speech: "call me on ...", "my number is ...".
constexpr std::array kPhonePhrases{
    Keyword{"call me", true},         Keyword{"reach me", true},    Keyword{"text me", true},
    Keyword{"ring me", true},         Keyword{"my number", true},   Keyword{"your number", true},
    Keyword{"callback", false},       Keyword{"call back", true},   Keyword{"contact number", true},
    Keyword{"best number", true},     Keyword{"number to call", true},
};
constexpr std::array kSsnKeywords{
    Keyword{"ssn", false}, Keyword{"social", false}, Keyword{"itin", true},
};
// A number named after the cue is something else: "call me back about order 4155550123".
constexpr std::array kIdentifierWords{
    Keyword{"order", false},     Keyword{"ticket", false},   Keyword{"case", true},       Keyword{"ref", true},
    Keyword{"reference", false}, Keyword{"invoice", false},  Keyword{"tracking", false},  Keyword{"booking", false},
    Keyword{"confirmation", false}, Keyword{"incident", false}, Keyword{"claim", true},   Keyword{"policy", true},
};

// [SECTION] Scanner

struct Match {
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::Card;
};

// Digits in groups, as in "+1 (415) 555-0123" or "4111 1111 1111 1111".
struct DigitGroup {
  std::size_t begin = 0;
  std::size_t end = 0;  // past the ')' of a parenthesised group
  int digits = 0;
  int digitsSoFar = 0;  // in this group and all before it, so a prefix's length is O(1)
  char separatorBefore = 0;  // ' ', '-', '.'; 0 for the first group and right after ')'
  bool parenthesized = false;
};

struct DigitRun {
  bool plus = false;
  std::array<DigitGroup, kMaxRunGroups> groups{};
  int count = 0;

  // The first `count` groups, the candidate being judged.
  std::span<const DigitGroup> prefix(int groupCount) const {
    return {groups.data(), static_cast<std::size_t>(groupCount)};
  }
};

int totalDigits(std::span<const DigitGroup> groups) { return groups.empty() ? 0 : groups.back().digitsSoFar; }

bool anyParenthesized(std::span<const DigitGroup> groups) {
  return std::any_of(groups.begin(), groups.end(), [](const DigitGroup& g) { return g.parenthesized; });
}

// Finds personal data left to right. Every candidate is the longest valid prefix of what
// could be read from its start, and starts are only taken at the beginning of a token, so
// nothing is ever found inside a longer number, word or identifier. The same rules applied
// to a masked text find nothing, which is what makes masking idempotent.
class Scanner {
 public:
  explicit Scanner(std::string_view text) : text_(text) {}

  std::optional<Match> next() {
    while (pos_ < text_.size()) {
      const std::size_t here = pos_;
      if (!canStartAt(here)) {
        ++pos_;
        continue;
      }
      if (const auto uuidEnd = uuidEndAt(here)) {  // conversation ids stay readable
        pos_ = *uuidEnd;
        continue;
      }
      if (const auto match = matchAt(here)) {
        pos_ = lastMatchEnd_ = match->end;
        return match;
      }
      pos_ = endOfFailedStart(here);
    }
    return std::nullopt;
  }

 private:
  char at(std::size_t i) const { return i < text_.size() ? text_[i] : '\0'; }

  // "2026-11-24", "10:30", "1,234.56": a joiner with digits on both sides.
  bool joinsNumbers(std::size_t i) const {
    return i > 0 && isNumberJoiner(at(i)) && isDigit(at(i - 1)) && isDigit(at(i + 1));
  }

  // A candidate ending at `end` would cut a token in two.
  bool continuesToken(std::size_t end) const { return isAlnum(at(end)) || joinsNumbers(end); }

  bool followsWordChar(std::size_t i) const {
    if (i == 0 || !isAlnum(at(i - 1))) return false;
    const bool jsonEscape = i >= 2 && at(i - 2) == '\\' && isJsonEscapeLetter(at(i - 1));
    return !jsonEscape;
  }

  bool canStartAt(std::size_t i) const {
    const char c = at(i);
    if (!isAlnum(c) && !isEmailLocalChar(c) && c != '(') return false;
    // Right after a match counts as a token start, as it will after the match is replaced.
    return i == lastMatchEnd_ || !followsWordChar(i);
  }

  // Skips the whole token after a start that matched nothing: "ORD-2024-000123",
  // "2026-11-24T10:30:00Z", "v2.10.4" are never looked into.
  std::size_t endOfFailedStart(std::size_t i) const {
    if (!isAlnum(at(i))) return i + 1;
    if (i > 0 && at(i - 1) == '\\' && isJsonEscapeLetter(at(i))) return i + 1;  // "\n4111..."
    std::size_t p = i;
    while (true) {
      while (isAlnum(at(p))) ++p;
      if (!joinsNumbers(p)) return p;
      ++p;
    }
  }

  std::optional<Match> matchAt(std::size_t begin) const {
    const char c = at(begin);
    if (isEmailLocalChar(c)) {
      if (const auto end = emailEndAt(begin)) return Match{begin, *end, Kind::Email};
    }
    if (isAlpha(c)) {
      if (const auto end = ibanEndAt(begin)) return Match{begin, *end, Kind::Iban};
      return std::nullopt;
    }
    const bool numberStart = isDigit(c) || ((c == '+' || c == '(') && isDigit(at(begin + 1)));
    if (!numberStart) return std::nullopt;
    return matchDigitRun(begin);
  }

  // [SECTION] UUID: 8-4-4-4-12 hex digits

  std::optional<std::size_t> uuidEndAt(std::size_t begin) const {
    constexpr std::array<int, 5> kGroupLengths{8, 4, 4, 4, 12};
    if (!isHexDigit(at(begin))) return std::nullopt;
    std::size_t p = begin;
    for (std::size_t group = 0; group < kGroupLengths.size(); ++group) {
      if (group > 0 && at(p++) != '-') return std::nullopt;
      for (int i = 0; i < kGroupLengths[group]; ++i, ++p) {
        if (!isHexDigit(at(p))) return std::nullopt;
      }
    }
    if (isAlnum(at(p)) || (at(p) == '-' && isAlnum(at(p + 1)))) return std::nullopt;
    return p;
  }

  // [SECTION] E-mail: local@label.label...tld, the longest domain ending in a letters-only TLD

  std::optional<std::size_t> emailEndAt(std::size_t begin) const {
    std::size_t p = begin;
    while (p - begin < kMaxEmailLocalPart && isEmailLocalChar(at(p))) ++p;
    if (p == begin || at(p) != '@') return std::nullopt;
    const std::size_t domainBegin = p + 1;
    std::size_t q = domainBegin;
    std::optional<std::size_t> longest;
    int labels = 0;
    while (isAlnum(at(q))) {
      const std::size_t labelBegin = q;
      bool lettersOnly = true;
      while (isDomainLabelChar(at(q)) && q - labelBegin <= kMaxDomainLabel) {
        lettersOnly = lettersOnly && isAlpha(at(q));
        ++q;
      }
      const std::size_t labelLength = q - labelBegin;
      if (labelLength > kMaxDomainLabel || q - domainBegin > kMaxEmailDomain) break;
      ++labels;
      if (labels >= 2 && lettersOnly && labelLength >= 2) longest = q;
      if (at(q) != '.') break;
      ++q;
    }
    return longest;
  }

  // [SECTION] IBAN: CCkk + up to 30 alphanumerics, optionally in groups of four, mod 97 == 1

  bool passesIbanChecksum(std::size_t begin, std::size_t end) const {
    int remainder = 0;
    auto feed = [&remainder](char c) {
      if (isDigit(c)) {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (isAlpha(c)) {
        remainder = (remainder * 100 + (toUpper(c) - 'A' + 10)) % 97;
      }
    };
    // The country code and check digits move to the end before the division.
    for (std::size_t i = begin + 4; i < end; ++i) feed(at(i));
    for (std::size_t i = begin; i < begin + 4; ++i) feed(at(i));
    return remainder == 1;
  }

  std::optional<std::size_t> ibanEndAt(std::size_t begin) const {
    const bool countryAndCheckDigits =
        isAlpha(at(begin)) && isAlpha(at(begin + 1)) && isDigit(at(begin + 2)) && isDigit(at(begin + 3));
    if (!countryAndCheckDigits) return std::nullopt;
    std::optional<std::size_t> longest;
    std::size_t p = begin;
    int chars = 0;
    while (true) {
      const std::size_t groupBegin = p;
      while (isAlnum(at(p)) && chars <= kMaxIbanChars) {
        ++p;
        ++chars;
      }
      if (chars > kMaxIbanChars) break;
      if (chars >= kMinIbanChars && !continuesToken(p) && passesIbanChecksum(begin, p)) longest = p;
      // Printed IBANs come in groups of four; a shorter group is the last one.
      const bool fullGroup = p - groupBegin == 4;
      if (!fullGroup || at(p) != ' ' || !isAlnum(at(p + 1))) break;
      ++p;
    }
    return longest;
  }

  // [SECTION] Digit runs: cards, SSNs, phone numbers

  DigitRun readDigitRun(std::size_t begin) const {
    DigitRun run;
    std::size_t p = begin;
    if (at(p) == '+') {
      run.plus = true;
      ++p;
    }
    bool parenthesisUsed = false;
    int digits = 0;
    while (run.count < kMaxRunGroups && digits <= kMaxRunDigits) {
      DigitGroup group;
      if (run.count > 0) {
        const bool afterParenthesis = run.groups[run.count - 1].parenthesized;
        const bool opensParenthesis = at(p + 1) == '(' && !parenthesisUsed;
        if (afterParenthesis && isDigit(at(p))) {
          group.separatorBefore = 0;
        } else if (isGroupSeparator(at(p)) && (isDigit(at(p + 1)) || opensParenthesis)) {
          group.separatorBefore = at(p);
          ++p;
        } else {
          break;
        }
      }
      group.begin = p;
      if (at(p) == '(') {
        if (parenthesisUsed) break;
        std::size_t q = p + 1;
        while (isDigit(at(q)) && q - p <= kMaxParenthesizedDigits) ++q;
        group.digits = static_cast<int>(q - p - 1);
        if (group.digits == 0 || at(q) != ')') break;
        group.end = q + 1;
        group.parenthesized = true;
        parenthesisUsed = true;
      } else if (isDigit(at(p))) {
        std::size_t q = p;
        while (isDigit(at(q)) && digits + static_cast<int>(q - p) <= kMaxRunDigits) ++q;
        group.digits = static_cast<int>(q - p);
        group.end = q;
      } else {
        break;
      }
      digits += group.digits;
      group.digitsSoFar = digits;
      run.groups[run.count++] = group;
      p = group.end;
    }
    return run;
  }

  std::optional<Match> matchDigitRun(std::size_t begin) const {
    const DigitRun run = readDigitRun(begin);
    // Longest candidate first, kinds in a fixed order: the first hit wins.
    for (const Kind kind : {Kind::Card, Kind::Ssn, Kind::Phone}) {
      for (int count = run.count; count > 0; --count) {
        const std::size_t end = run.groups[count - 1].end;
        if (continuesToken(end)) continue;
        if (isKind(kind, run, count, begin)) return Match{begin, end, kind};
      }
    }
    return std::nullopt;
  }

  bool isKind(Kind kind, const DigitRun& run, int count, std::size_t begin) const {
    switch (kind) {
      case Kind::Card: return isCard(run, count);
      case Kind::Ssn: return isSsn(run, count, begin);
      case Kind::Phone: return isPhone(run, count, begin);
      default: return false;
    }
  }

  char firstDigitOf(const DigitGroup& group) const { return at(group.begin + (group.parenthesized ? 1 : 0)); }

  // The digits of `groups`, in order, without separators or parentheses.
  std::string digitsOf(std::span<const DigitGroup> groups) const {
    std::string digits;
    for (const DigitGroup& group : groups) {
      for (std::size_t i = group.begin; i < group.end; ++i) {
        if (isDigit(at(i))) digits += at(i);
      }
    }
    return digits;
  }

  static bool passesLuhn(std::string_view digits) {
    int sum = 0;
    bool doubled = false;
    for (auto it = digits.rbegin(); it != digits.rend(); ++it) {
      int value = *it - '0';
      if (doubled) {
        value *= 2;
        if (value > 9) value -= 9;
      }
      sum += value;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  // 13-19 digits, one separator style, issuer digit 2-6 (Amex, Visa, Mastercard, Discover,
  // JCB, UnionPay...; it also keeps 13-digit epoch milliseconds readable), Luhn-valid.
  bool isCard(const DigitRun& run, int count) const {
    const auto groups = run.prefix(count);
    const int digits = totalDigits(groups);
    if (run.plus || digits < 13 || digits > 19) return false;
    const char issuer = firstDigitOf(groups.front());
    if (issuer < '2' || issuer > '6' || anyParenthesized(groups)) return false;
    if (count > 1) {
      const char separator = groups[1].separatorBefore;
      if (separator != ' ' && separator != '-') return false;
      const bool oneSeparatorStyle = std::all_of(groups.begin() + 1, groups.end(),
                                                 [&](const DigitGroup& g) { return g.separatorBefore == separator; });
      if (!oneSeparatorStyle) return false;
      // Printed cards start with a group of 4+; a card read out loud is digit by digit.
      const bool readOutDigitByDigit =
          std::all_of(groups.begin(), groups.end(), [](const DigitGroup& g) { return g.digits == 1; });
      if (groups.front().digits < 4 && !readOutDigitByDigit) return false;
    }
    return passesLuhn(digitsOf(groups));
  }

  // 123-45-6789 anywhere; "123 45 6789" and "123456789" only after "SSN"/"social".
  bool isSsn(const DigitRun& run, int count, std::size_t begin) const {
    const auto groups = run.prefix(count);
    if (run.plus || (count != 1 && count != 3) || totalDigits(groups) != 9 || anyParenthesized(groups)) return false;
    bool needsKeyword = true;
    if (count == 3) {
      const bool shape = groups[0].digits == 3 && groups[1].digits == 2 && groups[2].digits == 4;
      const char separator = groups[1].separatorBefore;
      if (!shape || groups[2].separatorBefore != separator) return false;
      if (separator == '-') {
        needsKeyword = false;
      } else if (separator != ' ') {
        return false;
      }
    } else if (count != 1 || groups[0].digits != 9) {
      return false;
    }
    const std::string digits = digitsOf(groups);
    // Never issued, so these are placeholders rather than someone's number.
    const bool placeholder = digits.compare(0, 3, "000") == 0 || digits.compare(3, 2, "00") == 0 ||
                             digits.compare(5, 4, "0000") == 0;
    if (placeholder) return false;
    return !needsKeyword || hasKeywordBefore(begin, kSsnKeywords);
  }

  bool isPhone(const DigitRun& run, int count, std::size_t begin) const {
    const auto groups = run.prefix(count);
    if (groups.back().parenthesized) return false;
    const int digits = totalDigits(groups);
    if (run.plus) return isInternationalPhone(groups, digits);
    if (isNorthAmericanPhone(groups) || isTrunkPrefixedPhone(groups, digits)) return true;
    // A bare digit string is a phone number only when the text says so; then it may be in any
    // groups a voice pauses between ("three six eight eight, seven nine zero five, one one").
    const bool spaced = std::all_of(groups.begin() + 1, groups.end(), [](const DigitGroup& g) { return g.separatorBefore == ' '; });
    return spaced && !anyParenthesized(groups) && digits >= 7 && digits <= 15 &&
           (hasKeywordBefore(begin, kPhoneKeywords) || hasKeywordBefore(begin, kPhonePhrases));
  }

  // E.164 as people write it: "+14155550123", "+1 415 555 0123", "+44 (0)20 7946 0958".
  bool isInternationalPhone(std::span<const DigitGroup> groups, int digits) const {
    if (digits < 8 || digits > 15 || firstDigitOf(groups.front()) == '0') return false;
    // "+1234567.89" is a signed amount; dotted numbers need three groups: "+1.415.555.0123".
    const bool dotted =
        std::any_of(groups.begin(), groups.end(), [](const DigitGroup& g) { return g.separatorBefore == '.'; });
    return !dotted || groups.size() >= 3;
  }

  // "(415) 555-0123", "415-555-0123", "415.555.0123", "1-800-555-0199".
  bool isNorthAmericanPhone(std::span<const DigitGroup> groups) const {
    const bool countryCode = groups.size() == 4 && groups[0].digits == 1 && !groups[0].parenthesized &&
                             firstDigitOf(groups[0]) == '1';
    const auto local = countryCode ? groups.subspan(1) : groups;
    if (local.size() != 3) return false;
    const bool shape = local[0].digits == 3 && local[1].digits == 3 && local[2].digits == 4;
    if (!shape || local[1].parenthesized) return false;
    // Area codes and exchanges never start with 0 or 1.
    return firstDigitOf(local[0]) >= '2' && firstDigitOf(local[1]) >= '2';
  }

  // National numbers with a 0 trunk prefix: "07700 900123", "020 7946 0958", "01 23 45 67 89".
  bool isTrunkPrefixedPhone(std::span<const DigitGroup> groups, int digits) const {
    if (groups.size() < 2 || digits < 10 || digits > 11) return false;
    if (firstDigitOf(groups[0]) != '0') return false;
    if (std::any_of(groups.begin() + 1, groups.end(), [](const DigitGroup& g) { return g.parenthesized; })) {
      return false;
    }
    if (std::any_of(groups.begin(), groups.end(), [](const DigitGroup& g) { return g.digits < 2; })) return false;
    return at(groups[0].begin + (groups[0].parenthesized ? 2 : 1)) != '0';
  }

  // [SECTION] Keyword context

  bool isWordStart(std::size_t i, std::size_t windowBegin) const {
    if (i == windowBegin || !isAlnum(at(i - 1))) return true;
    return isLower(at(i - 1)) && isUpper(at(i));  // camelCase: "customerPhone"
  }

  bool keywordAt(std::size_t i, std::size_t limit, const Keyword& keyword) const {
    if (limit - i < keyword.word.size()) return false;
    for (std::size_t k = 0; k < keyword.word.size(); ++k) {
      if (toLower(at(i + k)) != keyword.word[k]) return false;
    }
    return !keyword.wholeWord || !isAlpha(at(i + keyword.word.size()));
  }

  bool anyKeywordAt(std::size_t i, std::size_t limit, std::span<const Keyword> keywords) const {
    return std::any_of(keywords.begin(), keywords.end(), [&](const Keyword& k) { return keywordAt(i, limit, k); });
  }

  // Looks back a few words, but never past the previous match or a ']': masked text ends in
  // ']', so this reads the same context before and after masking. An identifier word after
  // the last keyword ("phone ... order 4155550123") says the number is not the keyword's.
  bool hasKeywordBefore(std::size_t begin, std::span<const Keyword> keywords) const {
    std::size_t windowBegin = std::max(begin > kKeywordWindow ? begin - kKeywordWindow : 0, lastMatchEnd_);
    for (std::size_t p = begin; p > windowBegin; --p) {
      if (at(p - 1) == ']') {
        windowBegin = p;
        break;
      }
    }
    bool found = false;
    for (std::size_t p = windowBegin; p < begin; ++p) {
      if (!isAlpha(at(p)) || !isWordStart(p, windowBegin)) continue;
      if (anyKeywordAt(p, begin, keywords)) {
        found = true;
      } else if (found && anyKeywordAt(p, begin, kIdentifierWords)) {
        found = false;
      }
    }
    return found;
  }

  std::string_view text_;
  std::size_t pos_ = 0;
  std::size_t lastMatchEnd_ = 0;
};

// [SECTION] Replacements. Only characters that need no escaping inside a JSON string.

std::string lastDigits(std::string_view text, std::size_t count) {
  std::string kept;
  for (auto it = text.rbegin(); it != text.rend() && kept.size() < count; ++it) {
    if (isDigit(*it)) kept.insert(kept.begin(), *it);
  }
  return kept;
}

std::string lastAlphanumerics(std::string_view text, std::size_t count) {
  std::string kept;
  for (auto it = text.rbegin(); it != text.rend() && kept.size() < count; ++it) {
    if (isAlnum(*it)) kept.insert(kept.begin(), *it);
  }
  return kept;
}

// "jane.doe@mail.example.com" -> "j***@***.com"; nullopt if it is not local@domain.
std::optional<std::string> shortenEmail(std::string_view email) {
  const std::size_t atSign = email.find('@');
  if (atSign == std::string_view::npos || atSign == 0 || atSign + 1 == email.size()) return std::nullopt;
  const std::string_view domain = email.substr(atSign + 1);
  std::string shortened(1, isAlnum(email.front()) ? email.front() : '*');
  shortened += "***@***";
  const std::size_t dot = domain.rfind('.');
  if (dot != std::string_view::npos) {
    const std::string_view tld = domain.substr(dot + 1);
    if (tld.size() >= 2 && std::all_of(tld.begin(), tld.end(), isAlpha)) {
      shortened += '.';
      shortened += tld;
    }
  }
  return shortened;
}

std::string_view kindName(Kind kind) {
  switch (kind) {
    case Kind::Card: return "card";
    case Kind::Phone: return "phone";
    case Kind::Email: return "email";
    case Kind::Ssn: return "ssn";
    case Kind::Iban: return "iban";
  }
  return "data";
}

// `found` is the written form: for spoken data, the rewrite redact_spoken.h produced.
std::string replacementFor(std::string_view found, Kind kind) {
  std::string out = "[" + std::string(kindName(kind)) + " ";
  switch (kind) {
    case Kind::Card:
    case Kind::Phone:
      out += "****" + lastDigits(found, kKeptTail);
      break;
    case Kind::Email:
      out += shortenEmail(found).value_or("***");
      break;
    case Kind::Ssn:
      out += "***-**-****";
      break;
    case Kind::Iban:
      out += toUpper(found[0]);
      out += toUpper(found[1]);
      out += "****" + lastAlphanumerics(found, kKeptTail);
      break;
  }
  return out + "]";
}

// [SECTION] Spoken forms: the scanner reads the text with every spoken number and address
// written out, and each match is mapped back onto the words it came from.

class WrittenView {
 public:
  WrittenView(std::string_view text, const std::vector<spoken::Rewrite>& rewrites) {
    std::size_t copied = 0;
    for (const spoken::Rewrite& rewrite : rewrites) {
      add(text.substr(copied, rewrite.begin - copied), copied, rewrite.begin, false);
      add(rewrite.written, rewrite.begin, rewrite.end, true);
      copied = rewrite.end;
    }
    add(text.substr(copied), copied, text.size(), false);
  }

  std::string_view text() const { return view_; }

  // The source bytes behind view bytes [begin, end), widened to whole rewrites; nullopt when
  // no rewrite is among them (the written scan of the source finds those already).
  std::optional<std::pair<std::size_t, std::size_t>> sourceOf(std::size_t begin, std::size_t end) const {
    const std::size_t first = pieceAt(begin);
    const std::size_t last = pieceAt(end - 1);
    bool touchesRewrite = false;
    for (std::size_t p = first; p <= last; ++p) touchesRewrite = touchesRewrite || pieces_[p].rewritten;
    if (!touchesRewrite) return std::nullopt;
    const Piece& a = pieces_[first];
    const Piece& b = pieces_[last];
    const std::size_t sourceBegin = a.rewritten ? a.sourceBegin : a.sourceBegin + (begin - a.viewBegin);
    const std::size_t sourceEnd = b.rewritten ? b.sourceEnd : b.sourceBegin + (end - b.viewBegin);
    return std::pair{sourceBegin, sourceEnd};
  }

 private:
  struct Piece {
    std::size_t viewBegin = 0;
    std::size_t sourceBegin = 0;
    std::size_t sourceEnd = 0;
    bool rewritten = false;
  };

  void add(std::string_view written, std::size_t sourceBegin, std::size_t sourceEnd, bool rewritten) {
    if (written.empty()) return;
    pieces_.push_back(Piece{view_.size(), sourceBegin, sourceEnd, rewritten});
    view_ += written;
  }

  std::size_t pieceAt(std::size_t viewOffset) const {
    const auto after = std::upper_bound(pieces_.begin(), pieces_.end(), viewOffset,
                                        [](std::size_t offset, const Piece& p) { return offset < p.viewBegin; });
    return static_cast<std::size_t>(after - pieces_.begin()) - 1;
  }

  std::string view_;
  std::vector<Piece> pieces_;
};

void addWrittenFindings(std::string_view text, std::vector<Finding>& found) {
  Scanner scanner(text);
  while (const auto match = scanner.next()) {
    const std::string_view piece = text.substr(match->begin, match->end - match->begin);
    found.push_back(Finding{match->begin, match->end, match->kind, replacementFor(piece, match->kind)});
  }
}

void addSpokenFindings(std::string_view text, std::vector<Finding>& found) {
  const std::vector<spoken::Rewrite> rewrites = spoken::findRewrites(text);
  if (rewrites.empty()) return;
  const WrittenView view(text, rewrites);
  Scanner scanner(view.text());
  while (const auto match = scanner.next()) {
    const auto source = view.sourceOf(match->begin, match->end);
    if (!source) continue;
    const std::string_view written = view.text().substr(match->begin, match->end - match->begin);
    found.push_back(Finding{source->first, source->second, match->kind, replacementFor(written, match->kind)});
  }
}

// Sorted, and overlapping findings made one: the wider one's replacement over both.
void mergeOverlaps(std::vector<Finding>& found) {
  std::sort(found.begin(), found.end(), [](const Finding& a, const Finding& b) { return a.begin < b.begin; });
  std::vector<Finding> merged;
  for (Finding& f : found) {
    if (merged.empty() || f.begin >= merged.back().end) {
      merged.push_back(std::move(f));
      continue;
    }
    Finding& held = merged.back();
    if (f.end - f.begin > held.end - held.begin) {
      held.kind = f.kind;
      held.replacement = std::move(f.replacement);
    }
    held.end = std::max(held.end, f.end);
  }
  found = std::move(merged);
}

// [SECTION] JSON awareness, so a masked body is still a valid document

bool looksLikeJsonDocument(std::string_view text) {
  const auto first = std::find_if_not(text.begin(), text.end(), isSpace);
  return first != text.end() && (*first == '{' || *first == '[');
}

// Follows string boundaries through the text copied so far. Matches never contain '"' or
// '\\', so skipping over them does not lose track.
class JsonStringTracker {
 public:
  void feed(std::string_view chunk) {
    for (const char c : chunk) {
      if (!inString_) {
        inString_ = c == '"';
      } else if (escaped_) {
        escaped_ = false;
      } else if (c == '\\') {
        escaped_ = true;
      } else if (c == '"') {
        inString_ = false;
      }
    }
  }
  bool inString() const { return inString_; }

 private:
  bool inString_ = false;
  bool escaped_ = false;
};

// A match that is a whole value outside any string: `"n": 4111111111111111,`.
bool isBareJsonValue(std::string_view text, std::size_t begin, std::size_t end) {
  std::size_t before = begin;
  while (before > 0 && isSpace(text[before - 1])) --before;
  std::size_t after = end;
  while (after < text.size() && isSpace(text[after])) ++after;
  const bool valueStart = before > 0 && (text[before - 1] == ':' || text[before - 1] == '[' || text[before - 1] == ',');
  const bool valueEnd = after == text.size() || text[after] == ',' || text[after] == '}' || text[after] == ']';
  return valueStart && valueEnd;
}

// [SECTION] Addresses

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && isSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && isSpace(text.back())) text.remove_suffix(1);
  return text;
}

bool startsWithIgnoreCase(std::string_view text, std::string_view lowerPrefix) {
  if (text.size() < lowerPrefix.size()) return false;
  for (std::size_t i = 0; i < lowerPrefix.size(); ++i) {
    if (toLower(text[i]) != lowerPrefix[i]) return false;
  }
  return true;
}

std::string_view withoutScheme(std::string_view address) {
  for (const std::string_view scheme : {"tel:", "sip:", "sips:", "mailto:"}) {
    if (startsWithIgnoreCase(address, scheme)) return address.substr(scheme.size());
  }
  return address;
}

bool looksLikePhoneNumber(std::string_view text) {
  constexpr std::string_view kPhoneChars = "+0123456789 -().";
  const bool onlyPhoneChars =
      std::all_of(text.begin(), text.end(), [&](char c) { return kPhoneChars.find(c) != std::string_view::npos; });
  return onlyPhoneChars && std::count_if(text.begin(), text.end(), isDigit) >= 7;
}

}  // namespace

std::vector<Finding> findPersonalData(std::string_view text) {
  std::vector<Finding> found;
  addWrittenFindings(text, found);
  addSpokenFindings(text, found);
  mergeOverlaps(found);
  return found;
}

std::string partReplacement(Kind kind) { return "[" + std::string(kindName(kind)) + " ...]"; }

std::string maskPersonalData(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  const bool jsonDocument = looksLikeJsonDocument(text);
  JsonStringTracker strings;
  std::size_t copied = 0;
  for (const Finding& finding : findPersonalData(text)) {
    const std::string_view unchanged = text.substr(copied, finding.begin - copied);
    out += unchanged;
    if (jsonDocument) strings.feed(unchanged);
    const bool quote = jsonDocument && !strings.inString() && isBareJsonValue(text, finding.begin, finding.end);
    if (quote) out += '"';
    out += finding.replacement;
    if (quote) out += '"';
    copied = finding.end;
  }
  out += text.substr(copied);
  return out;
}

bool containsPersonalData(std::string_view text) {
  if (Scanner(text).next()) return true;
  std::vector<Finding> spokenFound;
  addSpokenFindings(text, spokenFound);
  return !spokenFound.empty();
}

namespace {

using Range = std::pair<std::size_t, std::size_t>;

// Written digit runs: digit groups joined by one separator each ("4111 1111", "415-555-0123").
// A run starts a token: digits after a letter (an id, a JSON "\\u00e9" escape) are not one.
void addWrittenNumbers(std::string_view text, int minDigits, std::vector<Range>& found) {
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isDigit(text[i]) || (i > 0 && isAlnum(text[i - 1]))) {
      ++i;
      continue;
    }
    const std::size_t begin = i;
    std::size_t end = i;
    int digits = 0;
    while (i < text.size()) {
      if (isDigit(text[i])) {
        ++digits;
        end = ++i;
      } else if (isGroupSeparator(text[i]) && i + 1 < text.size() && isDigit(text[i + 1])) {
        ++i;
      } else {
        break;
      }
    }
    if (digits >= minDigits) found.emplace_back(begin, end);
  }
}

}  // namespace

std::string maskNumberFragments(std::string_view text, int minDigits) {
  std::vector<Range> found;
  addWrittenNumbers(text, minDigits, found);
  for (const spoken::Rewrite& rewrite : spoken::findRewrites(text)) {
    const auto digits = std::count_if(rewrite.written.begin(), rewrite.written.end(), isDigit);
    if (digits >= minDigits && rewrite.written.find('@') == std::string::npos) found.emplace_back(rewrite.begin, rewrite.end);
  }
  std::sort(found.begin(), found.end());
  std::string out;
  std::size_t copied = 0;
  for (const auto& [begin, end] : found) {
    if (end <= copied) continue;  // inside the previous range
    if (begin >= copied) out.append(text.substr(copied, begin - copied)).append("[number]");
    copied = end;
  }
  return out.append(text.substr(copied));
}

std::string maskAddress(std::string_view address) {
  std::string_view bare = trimmed(address);
  if (bare.empty()) return {};
  bare = withoutScheme(bare);
  bare = bare.substr(0, bare.find(';'));  // URI parameters: ";ext=12", ";user=phone"
  const std::string_view user = bare.substr(0, bare.find('@'));
  if (looksLikePhoneNumber(user)) return "***-***-" + lastDigits(user, kKeptTail);
  if (bare.find('@') != std::string_view::npos) {
    if (const auto email = shortenEmail(bare)) return *email;
  }
  return "***";
}

}  // namespace redact
