// Spoken forms of personal data, as a speech engine writes them in a transcription event's
// `transcript` ("my card is four one one one ...", "jo smith at example dot com"; see the
// transcription topic in docs/genesys-api.md). This finds each spoken number or e-mail
// address and gives its written form, so redact.cpp can judge it with exactly the checks it
// applies to written text (Luhn, phone number rules, IBAN mod 97, e-mail shape).
//
// The words of a language are data (a Vocabulary); only English exists so far. Matching is
// case-insensitive on ASCII words; the scan is linear in the text, every look-back bounded.
#pragma once

#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redact::spoken {

// One language's words, all lower case. A word may appear in one list only.
struct Vocabulary {
  // A word that reads as digits on its own: "zero" -> "0", "twelve" -> "12", "twenty" -> "20".
  std::span<const std::pair<std::string_view, std::string_view>> numbers;
  // Tens that absorb a following single digit: "twenty six" -> "26" (the value is the tens digit).
  std::span<const std::pair<std::string_view, char>> tens;
  // Read as "0" only next to other digits ("four oh two"), an interjection otherwise.
  std::span<const std::string_view> zeroInRuns;
  // "double five" -> "55", "triple oh" -> "000".
  std::span<const std::pair<std::string_view, int>> repeats;
  // After a number: "eight hundred" -> "800".
  std::span<const std::string_view> hundreds;
  std::span<const std::string_view> dashes;       // "-" between digit groups, in e-mails
  std::span<const std::string_view> dots;         // "." in e-mails, a decimal point in numbers
  std::span<const std::string_view> underscores;  // "_" in e-mails
  std::span<const std::string_view> ats;          // "@"
  std::span<const std::string_view> fillers;      // hesitations skipped inside a number
  // Words that end an e-mail's local part when reading back from "at": "is", "email", "me".
  std::span<const std::string_view> notInAddress;
};

// The English vocabulary (redact_vocabulary.cpp).
const Vocabulary& english();

// A piece of text and how it is written: "four one one one" -> "4111".
struct Rewrite {
  std::size_t begin = 0;  // byte offsets into the text searched
  std::size_t end = 0;
  std::string written;
};

// Every spoken number of two or more digits (at least one of them said as a word, so written
// numbers stay to the written scanner) and every spoken e-mail address in `text`, sorted and
// non-overlapping. Numbers run across spaces, commas, hyphens and fillers; spelled letters
// join a number only after a spelled country code, as in an IBAN ("G B eight two W E S T ...").
std::vector<Rewrite> findRewrites(std::string_view text, const Vocabulary& vocabulary = english());

}  // namespace redact::spoken
