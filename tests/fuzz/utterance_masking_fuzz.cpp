// Masking across utterances (src/model/utterance_masking.h) and the spoken-form reader under it:
// each input line is one utterance; its first byte picks the conversation, the speaker and
// whether it is final, so windows fill, slide, get evicted and re-mask earlier lines.
#include <string>
#include <string_view>

#include "fuzz_input.h"
#include "model/redact.h"
#include "model/redact_spoken.h"
#include "model/utterance_masking.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view text = fuzzText(data, size);
  (void)redact::spoken::findRewrites(text);
  redact::ConversationMasking masking;
  std::int64_t offsetMs = 0;
  for (int id = 0; !text.empty(); ++id) {
    const std::size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    const unsigned char control = line.empty() ? 0 : static_cast<unsigned char>(line.front());
    offsetMs += (control & 0x0F) * 1000;
    const std::string conversation(1, static_cast<char>('a' + (control >> 6)));
    const redact::Utterance utterance{std::to_string(id % 7), std::string(line), offsetMs, (control & 0x10) != 0};
    for (const auto& masked : masking.add(conversation, (control >> 5) & 1, utterance)) (void)masked;
    if ((control & 0x2F) == 0x2F) masking.forget(conversation);
  }
  return 0;
}
