#include "model/redact_spoken.h"

#include <algorithm>
#include <array>
#include <memory>
#include <optional>
#include <unordered_set>

namespace redact::spoken {
namespace {

// [SECTION] Limits: each bounds one look-ahead or look-back, which keeps the scan linear.

constexpr std::size_t kMaxGap = 4;            // ", - " between two words of one number
constexpr std::size_t kMaxWordLength = 10;    // the longest vocabulary word ("underscore")
constexpr int kMaxAddressWords = 3;           // "jo van smith at ..."
constexpr int kMaxAddressTokens = 24;         // spelled: "j o s m i t h at ..."
constexpr int kMaxDomainLabels = 6;
constexpr std::size_t kMaxTopLevelDomain = 24;
constexpr int kMaxNumberTokens = 48;          // an IBAN spelled out has 34; longer is not one number
constexpr int kMinSpokenTokens = 2;           // "line three, 4111" is not a spoken number

constexpr bool isDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool isUpper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool isAlpha(char c) { return isUpper(c) || (c >= 'a' && c <= 'z'); }
constexpr bool isAlnum(char c) { return isDigit(c) || isAlpha(c); }
constexpr char toLower(char c) { return isUpper(c) ? static_cast<char>(c - 'A' + 'a') : c; }

// [SECTION] Words

struct Token {
  std::size_t begin = 0;
  std::size_t end = 0;
};

// Words: letters and digits, with an apostrophe inside ("it's"). Everything else is a gap.
std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    if (!isAlnum(text[i])) {
      ++i;
      continue;
    }
    Token token{i, i};
    while (token.end < text.size() &&
           (isAlnum(text[token.end]) ||
            (text[token.end] == '\'' && token.end + 1 < text.size() && isAlpha(text[token.end + 1])))) {
      ++token.end;
    }
    tokens.push_back(token);
    i = token.end;
  }
  return tokens;
}

bool allOf(std::string_view text, bool (*predicate)(char)) {
  return !text.empty() && std::all_of(text.begin(), text.end(), predicate);
}

// Every word of a vocabulary, so that most words of a text are turned away by one hash
// lookup instead of a walk through every list. Built once per vocabulary and thread, kept for
// the run: the socket threads mask on every transcription message, so no lock is shared.
const std::unordered_set<std::string_view>& allWordsOf(const Vocabulary& vocabulary) {
  thread_local std::vector<std::pair<const Vocabulary*, std::unique_ptr<std::unordered_set<std::string_view>>>> built;
  for (const auto& [owner, words] : built)
    if (owner == &vocabulary) return *words;
  auto words = std::make_unique<std::unordered_set<std::string_view>>();
  auto addKeys = [&](const auto& table) {
    for (const auto& entry : table) words->insert(entry.first);
  };
  auto addWords = [&](std::span<const std::string_view> list) { words->insert(list.begin(), list.end()); };
  addKeys(vocabulary.numbers);
  addKeys(vocabulary.tens);
  addKeys(vocabulary.repeats);
  for (const auto list : {vocabulary.zeroInRuns, vocabulary.hundreds, vocabulary.dashes, vocabulary.dots,
                          vocabulary.underscores, vocabulary.ats, vocabulary.fillers, vocabulary.notInAddress})
    addWords(list);
  built.emplace_back(&vocabulary, std::move(words));
  return *built.back().second;
}

// Looks words up in the vocabulary; every question is about token `i` of the text.
class Words {
 public:
  Words(std::string_view text, const Vocabulary& vocabulary)
      : text_(text), vocabulary_(vocabulary), tokens_(tokenize(text)), known_(tokens_.size()) {
    const auto& all = allWordsOf(vocabulary);
    for (std::size_t i = 0; i < tokens_.size(); ++i) known_[i] = all.contains(lower(i));
  }

  std::size_t count() const { return tokens_.size(); }
  const Token& token(std::size_t i) const { return tokens_[i]; }
  std::string_view textOf(std::size_t i) const { return text_.substr(tokens_[i].begin, tokens_[i].end - tokens_[i].begin); }
  // What lies between token i and token i + 1.
  std::string_view gapAfter(std::size_t i) const {
    return text_.substr(tokens_[i].end, tokens_[i + 1].begin - tokens_[i].end);
  }

  bool in(std::size_t i, std::span<const std::string_view> list) const {
    return known_[i] && std::find(list.begin(), list.end(), lower(i)) != list.end();
  }
  template <typename Value>
  std::optional<Value> lookUp(std::size_t i, std::span<const std::pair<std::string_view, Value>> table) const {
    if (!known_[i]) return std::nullopt;
    const std::string_view word = lower(i);
    for (const auto& [key, value] : table) {
      if (key == word) return value;
    }
    return std::nullopt;
  }

  std::optional<std::string_view> number(std::size_t i) const { return lookUp(i, vocabulary_.numbers); }
  std::optional<char> tens(std::size_t i) const { return lookUp(i, vocabulary_.tens); }
  std::optional<int> repeat(std::size_t i) const { return lookUp(i, vocabulary_.repeats); }
  bool zero(std::size_t i) const { return in(i, vocabulary_.zeroInRuns); }
  bool digits(std::size_t i) const { return allOf(textOf(i), isDigit); }
  bool singleLetter(std::size_t i) const { return textOf(i).size() == 1 && isAlpha(textOf(i)[0]); }
  bool known(std::size_t i) const { return known_[i]; }
  // Only a vocabulary word, a digit or a capital (an IBAN's country) can start a number.
  bool mayStartNumber(std::size_t i) const {
    const char first = text_[tokens_[i].begin];
    return known_[i] || isDigit(first) || isUpper(first);
  }
  const Vocabulary& vocabulary() const { return vocabulary_; }

 private:
  // The token in lower case, or "" when it is too long to be a vocabulary word.
  std::string_view lower(std::size_t i) const {
    const std::string_view word = textOf(i);
    if (word.size() > kMaxWordLength) return {};
    for (std::size_t k = 0; k < word.size(); ++k) buffer_[k] = toLower(word[k]);
    return {buffer_.data(), word.size()};
  }

  std::string_view text_;
  const Vocabulary& vocabulary_;
  std::vector<Token> tokens_;
  std::vector<char> known_;  // per token: a vocabulary word
  mutable std::array<char, kMaxWordLength> buffer_{};
};

bool onlySpaces(std::string_view gap) {
  return !gap.empty() && std::all_of(gap.begin(), gap.end(), [](char c) { return c == ' ' || c == '\t'; });
}

// Between two words of one number: "four one", "four, one", "twenty-six", "one. One".
bool joinsNumber(std::string_view gap) {
  return gap.size() <= kMaxGap && std::all_of(gap.begin(), gap.end(), [](char c) {
           return c == ' ' || c == '\t' || c == ',' || c == '-' || c == '.';
         });
}

// [SECTION] Spoken numbers

// Reads one number starting at token `first`, left to right, writing it out as it goes.
class NumberReader {
 public:
  NumberReader(const Words& words, std::size_t first) : words_(words), next_(first), first_(first) {}

  // The number read from `first`, if two or more of its words were spoken digits; `after`
  // becomes the first token not used (past the whole run when it is no number, so a long run
  // of written digits is read once).
  std::optional<Rewrite> read(std::size_t& after) {
    iban_ = ibanCountryAt(first_);
    while (next_ < words_.count() && next_ - first_ < static_cast<std::size_t>(kMaxNumberTokens)) {
      if (next_ > first_) {
        const std::string_view gap = words_.gapAfter(next_ - 1);
        if (!joinsNumber(gap)) break;
        // "four one five, five five five": a pause marks a group, as a space does in writing.
        if (lastDigitToken_ == next_ - 1 && gap.find_first_of(",.") != std::string_view::npos) written_ += ' ';
      }
      if (!step()) break;
    }
    after = std::max(next_, first_ + 1);
    if (lastDigitToken_ == kNone || spokenTokens_ < kMinSpokenTokens) return std::nullopt;
    written_.resize(writtenAtLastDigit_);
    after = lastDigitToken_ + 1;
    return Rewrite{words_.token(first_).begin, words_.token(lastDigitToken_).end, std::move(written_)};
  }

 private:
  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // An IBAN's country code said letter by letter ("G B eight two ...") or written ("GB82 ..."):
  // only then do letters join the number.
  bool ibanCountryAt(std::size_t i) const {
    const std::string_view word = words_.textOf(i);
    const bool written = word.size() == 4 && isUpper(word[0]) && isUpper(word[1]) && isDigit(word[2]) && isDigit(word[3]);
    const bool spelled = i + 2 < words_.count() && words_.singleLetter(i) && words_.singleLetter(i + 1) &&
                         isUpper(word[0]) && isUpper(words_.textOf(i + 1)[0]) && onlySpaces(words_.gapAfter(i)) &&
                         startsDigits(i + 2);
    return written || spelled;
  }

  bool startsDigits(std::size_t i) const {
    return words_.number(i) || words_.tens(i) || words_.digits(i) || words_.repeat(i) || words_.zero(i);
  }

  // A letter group inside an IBAN: "W E S T", "WEST", "3M02".
  bool ibanLetters(std::size_t i) const {
    const std::string_view word = words_.textOf(i);
    return word.size() <= 4 && std::all_of(word.begin(), word.end(), [](char c) { return isUpper(c) || isDigit(c); });
  }

  void digitsRead(std::string_view digits, bool spoken) {
    written_ += digits;
    if (spoken) ++spokenTokens_;
    lastDigitToken_ = next_;
    writtenAtLastDigit_ = written_.size();
    ++next_;
  }

  // Reads token next_ (and the one after, for "twenty six" and "double five"); false ends the number.
  bool step() {
    const std::size_t i = next_;
    if (const auto digits = words_.number(i)) {
      digitsRead(*digits, true);
    } else if (const auto tens = words_.tens(i)) {
      readTens(*tens);
    } else if (words_.digits(i)) {
      digitsRead(words_.textOf(i), false);
    } else if (const auto times = words_.repeat(i)) {
      return readRepeat(*times);
    } else if (words_.zero(i)) {
      const bool besideDigits = (i > first_ && lastDigitToken_ == i - 1) || (i + 1 < words_.count() && startsDigits(i + 1));
      if (!besideDigits) return false;
      digitsRead("0", true);
    } else if (words_.in(i, words_.vocabulary().hundreds)) {
      if (lastDigitToken_ != i - 1 || i == first_) return false;
      digitsRead("00", true);
    } else if (iban_ && (words_.singleLetter(i) || ibanLetters(i))) {
      digitsRead(words_.textOf(i), false);
    } else if (words_.in(i, words_.vocabulary().dashes)) {
      return separatorRead('-');
    } else if (words_.in(i, words_.vocabulary().dots)) {
      return separatorRead('.');
    } else if (words_.in(i, words_.vocabulary().fillers)) {
      ++next_;
    } else {
      return false;
    }
    return true;
  }

  // "twenty" alone is 20; "twenty six" and "twenty-six" are 26.
  void readTens(char tensDigit) {
    const std::size_t i = next_;
    std::string digits{tensDigit, '0'};
    if (i + 1 < words_.count() && joinsNumber(words_.gapAfter(i))) {
      const auto unit = words_.number(i + 1);
      if (unit && unit->size() == 1 && (*unit)[0] != '0') {
        digits[1] = (*unit)[0];
        ++next_;
      }
    }
    digitsRead(digits, true);
  }

  // "double five" -> "55": the next word's first digit, said `times` times.
  bool readRepeat(int times) {
    const std::size_t i = next_;
    if (i + 1 >= words_.count() || !joinsNumber(words_.gapAfter(i))) return false;
    std::optional<char> digit;
    if (const auto spoken = words_.number(i + 1); spoken && spoken->size() == 1) digit = (*spoken)[0];
    if (words_.zero(i + 1)) digit = '0';
    if (words_.digits(i + 1) && words_.textOf(i + 1).size() == 1) digit = words_.textOf(i + 1)[0];
    if (!digit) return false;
    ++next_;
    digitsRead(std::string(static_cast<std::size_t>(times), *digit), true);
    return true;
  }

  // "dash" and "point" only between digits: written out now, dropped if no digit follows.
  bool separatorRead(char separator) {
    if (lastDigitToken_ != next_ - 1 || next_ == first_) return false;
    written_ += separator;
    ++next_;
    return true;
  }

  const Words& words_;
  std::size_t next_;
  std::size_t first_;
  bool iban_ = false;
  std::string written_;
  int spokenTokens_ = 0;
  std::size_t lastDigitToken_ = kNone;
  std::size_t writtenAtLastDigit_ = 0;
};

// [SECTION] Spoken e-mail addresses: "jo smith at example dot com"

// "example dot com", "mail-example.co dot uk": labels after "at", the longest that ends in a
// top-level domain of letters. `last` is the last token used.
std::optional<std::string> readDomain(const Words& words, std::size_t first, std::size_t& last) {
  const Vocabulary& vocabulary = words.vocabulary();
  std::string domain(words.textOf(first));
  std::optional<std::string> longest;
  int labels = 1;
  std::size_t i = first;
  while (i + 1 < words.count() && labels <= kMaxDomainLabels) {
    const std::string_view gap = words.gapAfter(i);
    const bool spokenDash = onlySpaces(gap) && i + 2 < words.count() && words.in(i + 1, vocabulary.dashes) &&
                            onlySpaces(words.gapAfter(i + 1));
    if (gap == "-" || spokenDash) {  // the label goes on: "mail-example", "mail dash example"
      i += spokenDash ? 2 : 1;
      domain += '-';
      domain += words.textOf(i);
      continue;
    }
    std::size_t label = 0;
    if (gap == "." && words.in(i + 1, vocabulary.dots)) break;  // "home. Dot dot dot"
    if (gap == ".") {
      label = i + 1;
    } else if (onlySpaces(gap) && i + 2 < words.count() && words.in(i + 1, vocabulary.dots) &&
               onlySpaces(words.gapAfter(i + 1))) {
      label = i + 2;
    } else {
      break;
    }
    if (words.in(label, vocabulary.dots)) break;  // "at home dot dot dot": no label is a "dot"
    domain += '.';
    domain += words.textOf(label);
    i = label;
    ++labels;
    const std::string_view topLevel = words.textOf(label);
    if (topLevel.size() >= 2 && topLevel.size() <= kMaxTopLevelDomain && allOf(topLevel, isAlpha)) {
      longest = domain;
      last = i;
    }
  }
  return longest;
}

// The local part, read back from the "at" at token `at`: "jo smith", "j o", "jo dot smith".
// `first` becomes its first token.
std::optional<std::string> readLocalPart(const Words& words, std::size_t at, std::size_t& first) {
  const Vocabulary& vocabulary = words.vocabulary();
  auto isConnector = [&](std::size_t i) {
    return words.in(i, vocabulary.dots) || words.in(i, vocabulary.underscores) || words.in(i, vocabulary.dashes);
  };
  int wordsUsed = 0;
  std::size_t begin = at;
  for (int tokens = 0; begin > 0 && tokens < kMaxAddressTokens; ++tokens) {
    const std::size_t i = begin - 1;
    const std::string_view gap = words.gapAfter(i);
    const bool joined = onlySpaces(gap) || gap == "." || gap == "_" || gap == "-";
    if (!joined || words.in(i, vocabulary.notInAddress) || words.textOf(i) == "I") break;
    if (words.textOf(i).size() > 1 && !isConnector(i) && !words.number(i) && ++wordsUsed > kMaxAddressWords) break;
    begin = i;
  }
  while (begin < at && isConnector(begin)) ++begin;  // "dot smith at": the sentence's, not the address's
  if (begin == at) return std::nullopt;
  std::string local;
  for (std::size_t i = begin; i < at; ++i) {
    if (words.in(i, vocabulary.dots)) {
      local += '.';
    } else if (words.in(i, vocabulary.underscores)) {
      local += '_';
    } else if (words.in(i, vocabulary.dashes)) {
      local += '-';
    } else if (const auto digits = words.number(i)) {
      local += *digits;
    } else {
      local += words.textOf(i);
    }
    const std::string_view gap = i + 1 < at ? words.gapAfter(i) : std::string_view{};
    if (gap == "." || gap == "_" || gap == "-") local += gap;
  }
  first = begin;
  return local;
}

std::optional<Rewrite> emailAt(const Words& words, std::size_t at, std::size_t notBefore) {
  if (at == 0 || at + 1 >= words.count() || !words.in(at, words.vocabulary().ats)) return std::nullopt;
  if (!onlySpaces(words.gapAfter(at - 1)) || !onlySpaces(words.gapAfter(at))) return std::nullopt;
  std::size_t last = at;
  const auto domain = readDomain(words, at + 1, last);
  if (!domain) return std::nullopt;
  std::size_t first = at;
  const auto local = readLocalPart(words, at, first);
  if (!local || first < notBefore) return std::nullopt;
  return Rewrite{words.token(first).begin, words.token(last).end, *local + "@" + *domain};
}

}  // namespace

std::vector<Rewrite> findRewrites(std::string_view text, const Vocabulary& vocabulary) {
  const Words words(text, vocabulary);
  std::vector<Rewrite> found;
  // E-mail addresses first: their local part may hold digits ("jo seven seven at ...").
  std::vector<Rewrite> emails;
  std::size_t notBefore = 0;
  for (std::size_t i = 0; i < words.count(); ++i) {
    if (!words.known(i)) continue;  // "at" is a vocabulary word
    if (auto email = emailAt(words, i, notBefore)) {
      emails.push_back(std::move(*email));
      while (i + 1 < words.count() && words.token(i + 1).begin < emails.back().end) ++i;
      notBefore = i + 1;
    }
  }
  auto nextEmail = emails.begin();
  std::size_t i = 0;
  while (i < words.count()) {
    if (nextEmail != emails.end() && words.token(i).begin >= nextEmail->begin) {
      while (i < words.count() && words.token(i).begin < nextEmail->end) ++i;
      found.push_back(std::move(*nextEmail++));
      continue;
    }
    if (!words.mayStartNumber(i)) {
      ++i;
      continue;
    }
    std::size_t after = i + 1;
    auto number = NumberReader(words, i).read(after);
    // A number never runs into the next e-mail address.
    if (number && (nextEmail == emails.end() || number->end <= nextEmail->begin)) {
      found.push_back(std::move(*number));
      i = after;
    } else {
      i = number ? i + 1 : after;
    }
  }
  return found;
}

}  // namespace redact::spoken
