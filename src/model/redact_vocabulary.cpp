// The English words for spoken personal data. Another language is another table like this
// one (and a Vocabulary pointing at it); redact_spoken.cpp holds no words of its own.
#include <array>

#include "model/redact_spoken.h"

namespace redact::spoken {
namespace {

using Digits = std::pair<std::string_view, std::string_view>;

constexpr std::array kNumbers{
    Digits{"zero", "0"},      Digits{"nought", "0"},    Digits{"one", "1"},        Digits{"two", "2"},
    Digits{"three", "3"},     Digits{"four", "4"},      Digits{"five", "5"},       Digits{"six", "6"},
    Digits{"seven", "7"},     Digits{"eight", "8"},     Digits{"nine", "9"},       Digits{"ten", "10"},
    Digits{"eleven", "11"},   Digits{"twelve", "12"},   Digits{"thirteen", "13"},  Digits{"fourteen", "14"},
    Digits{"fifteen", "15"},  Digits{"sixteen", "16"},  Digits{"seventeen", "17"}, Digits{"eighteen", "18"},
    Digits{"nineteen", "19"},
};

using Tens = std::pair<std::string_view, char>;
constexpr std::array kTens{
    Tens{"twenty", '2'}, Tens{"thirty", '3'}, Tens{"forty", '4'},  Tens{"fifty", '5'},
    Tens{"sixty", '6'},  Tens{"seventy", '7'}, Tens{"eighty", '8'}, Tens{"ninety", '9'},
};

constexpr std::array<std::string_view, 2> kZeroInRuns{"oh", "o"};
using Repeat = std::pair<std::string_view, int>;
constexpr std::array kRepeats{Repeat{"double", 2}, Repeat{"triple", 3}};
constexpr std::array<std::string_view, 1> kHundreds{"hundred"};
constexpr std::array<std::string_view, 2> kDashes{"dash", "hyphen"};
constexpr std::array<std::string_view, 2> kDots{"dot", "point"};
constexpr std::array<std::string_view, 1> kUnderscores{"underscore"};
constexpr std::array<std::string_view, 1> kAts{"at"};
constexpr std::array<std::string_view, 5> kFillers{"uh", "um", "er", "erm", "hmm"};

// Read back from "at", these end the address: what comes before them is the sentence.
// Single letters never end it: an address may be spelled ("j o s m i t h at ...").
constexpr std::array<std::string_view, 66> kNotInAddress{
    "is",     "it's",   "its",    "it",     "was",    "be",     "email",   "e-mail", "mail",   "address",
    "my",     "me",     "to",     "the",    "an",     "at",     "on",      "of",     "send",   "use",
    "and",    "or",     "that",   "this",   "so",     "yes",    "yeah",    "sure",   "ok",     "okay",
    "please", "i'm",    "you",    "your",   "our",    "reach",  "contact", "hi",
    "hello",  "name",   "call",   "with",   "from",   "under",  "by",      "for",    "should", "just",
    "we",     "are",    "am",     "here",   "there",  "home",   "work",    "now",    "meet",   "look",
    "we're",  "they're", "you're", "he's",  "she's",  "i'll",   "we'll",   "i've",
};

constexpr Vocabulary kEnglish{kNumbers, kTens,  kZeroInRuns,  kRepeats, kHundreds,   kDashes,
                              kDots,    kUnderscores, kAts, kFillers, kNotInAddress};

}  // namespace

const Vocabulary& english() { return kEnglish; }

}  // namespace redact::spoken
