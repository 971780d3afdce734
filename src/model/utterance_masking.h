// Masking across utterances. A speech engine often splits a number over consecutive
// utterances ("four one one one one one one one" ... "one one one one one one one one"; see
// the transcription topic in docs/genesys-api.md), so each utterance alone looks harmless.
// This keeps, per conversation and channel (speaker), the unmasked text of a few recent final
// utterances and judges the newest one joined to them: a card, phone, SSN or IBAN that only
// exists when joined is masked in every utterance it touches, and the ones already shown
// come back as updates to re-publish.
//
// Masking only ever grows: an utterance once masked stays masked even when later context
// would not find it again. Interim (non-final) versions are masked with the same context but
// never become context themselves. Bounded: kWindowUtterances per speaker, kMaxSpeakers
// speakers over all conversations (the least recently heard is forgotten first).
// Not thread-safe: the caller serialises.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <list>
#include <string>
#include <string_view>
#include <vector>

#include "model/model.h"

namespace redact {

// One utterance as received. `text` is NOT masked.
struct Utterance {
  std::string id;             // utteranceId; an interim and its final share it
  std::string text;
  std::int64_t offsetMs = 0;  // from the start of the conversation; 0 when unknown
  bool final = true;
};

// An utterance's text to show, masked.
struct MaskedUtterance {
  std::string id;
  std::string text;
  std::int64_t offsetMs = 0;
  bool final = true;
  bool operator==(const MaskedUtterance&) const = default;
};

// The recent final utterances of one speaker.
class UtteranceWindow {
 public:
  static constexpr std::size_t kWindowUtterances = 3;       // joined to the newest one
  static constexpr std::int64_t kWindowMs = 15'000;        // and no older than this before it

  // `utterance` masked (first), then every held utterance whose masked text changed.
  std::vector<MaskedUtterance> add(const Utterance& utterance);

 private:
  struct Span {
    std::size_t begin = 0;
    std::size_t end = 0;
    std::string replacement;
  };
  struct Held {
    Utterance utterance;
    std::vector<Span> spans;  // grows only
    std::string masked;
  };

  std::vector<Held*> contextFor(const Utterance& utterance);
  static bool addSpan(Held& held, Span span);
  static std::string render(const Held& held);

  std::deque<Held> recent_;
};

// Windows for every (conversation, channel) heard lately.
class ConversationMasking {
 public:
  static constexpr std::size_t kMaxSpeakers = 32;

  // As UtteranceWindow::add, in the window of this conversation's `channel`.
  std::vector<MaskedUtterance> add(std::string_view conversationId, int channel, const Utterance& utterance);
  // The conversation ended: its unmasked text is dropped.
  void forget(std::string_view conversationId);
  std::size_t speakers() const { return windows_.size(); }

 private:
  struct Speaker {
    std::string conversationId;
    int channel = 0;
    UtteranceWindow window;
  };
  std::list<Speaker> windows_;  // most recently heard first
};

// Masks `lines` of one conversation in order; their text is unmasked on entry and masked on
// return, each line judged with the recent lines of its speaker (its channel). A line earlier
// in `lines` that a later one completes is updated in place; lines held from earlier calls
// whose masked text changed are returned, to be re-published (final, oldest first).
std::vector<model::TranscriptLine> maskTranscriptLines(ConversationMasking& masking, std::string_view conversationId,
                                                       std::vector<model::TranscriptLine>& lines);

}  // namespace redact
