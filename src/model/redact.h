// Personal-data masking, applied before any text is drawn, logged or exported
// (transcripts, customer addresses, HTTP bodies in the debug overlay, HAR export).
//
// A hand-written, single-pass scanner (no std::regex): linear in the input, no recursion,
// every look-ahead and look-behind bounded by a small constant.
//
// What is masked, and how it reads afterwards:
//   payment card, 13-19 digits, Luhn-valid   "4111 1111 1111 1111"  -> "[card ****1111]"
//   phone number (E.164, NANP, 0-trunk)      "+1 415 555 0123"      -> "[phone ****0123]"
//   e-mail address                           "jane.doe@example.com" -> "[email j***@***.com]"
//   US SSN / ITIN                            "123-45-6789"          -> "[ssn ***-**-****]"
//   IBAN, mod-97 valid                       "GB82 WEST 1234 ..."   -> "[iban GB****5432]"
// Cards, phones and IBANs keep their last four characters so a supervisor can still tell
// two customers apart; an SSN is hidden completely (its last four are a common
// identity-check answer). Bare digit strings count as a phone or SSN only next to a word
// such as "phone", "mobile", "tel" or "SSN"/"social".
//
// Spoken forms, as a speech engine writes them, are judged by the same rules once written
// out (redact_spoken.h): "four one one one ..." (digit words, "oh", "double", "twenty six",
// "dash"), spelled IBANs ("G B eight two W E S T ..."), "jo smith at example dot com".
// Cue phrases make a bare number a phone number too: "call me on 4155552671", "my number is
// five five five ...". A word such as "order", "ticket" or "case" after the cue cancels it.
//
// Left alone: times, dates, ISO timestamps, amounts, percentages, version strings, UUIDs,
// order and ticket numbers, and digit runs that fail the checks above.
//
// Guarantees: the result contains no personal data by containsPersonalData(), so masking is
// idempotent; replacements use only characters that need no escaping in a JSON string.
// When the text is a JSON document (starts with '{' or '['), a value that is a bare
// number is replaced by a quoted string, so the document stays valid JSON.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace redact {

enum class Kind { Card, Phone, Email, Ssn, Iban };

// One piece of personal data: bytes [begin, end) of the text searched, and what replaces it.
struct Finding {
  std::size_t begin = 0;
  std::size_t end = 0;
  Kind kind = Kind::Card;
  std::string replacement;  // "[card ****1111]"
  bool operator==(const Finding&) const = default;
};

// Every piece of personal data in `text`, written or spoken, sorted and non-overlapping.
std::vector<Finding> findPersonalData(std::string_view text);

// What replaces the part of a finding that continues in a later utterance: "[card ...]".
// The part that ends it shows Finding::replacement.
std::string partReplacement(Kind kind);

// A copy of `text` with every piece of personal data replaced as described above.
std::string maskPersonalData(std::string_view text);

// True when maskPersonalData would change something (mainly for tests and assertions).
bool containsPersonalData(std::string_view text);

// For text that is written to a file once and never corrected (the traffic record, a
// --record HAR): every number of `minDigits` or more digits, written ("4111 1111") or spoken
// ("four one one one one"), becomes "[number]", whether or not it is personal data on its
// own. A number a speech engine splits over two utterances is harmless in each, and the
// first is on disk before the second arrives; the screen masks it exactly instead
// (model/utterance_masking.h). Four digits: no group of a card survives; the price is that
// four-digit times and amounts ("ten thirty") are masked in records too. Digits of a JSON
// "\uXXXX" escape are left alone.
std::string maskNumberFragments(std::string_view text, int minDigits = 4);

// A customer's address (ANI, DNIS, e-mail, chat handle) shortened for display:
//   phone ("tel:+14155550123", "sip:+14155550123@host", "(415) 555-0123") -> "***-***-0123"
//   e-mail ("mailto:jane@example.com", "jane@example.com")               -> "j***@***.com"
//   anything else (names, handles, numbers shorter than 7 digits)         -> "***"
//   empty                                                                  -> ""
std::string maskAddress(std::string_view address);

}  // namespace redact
