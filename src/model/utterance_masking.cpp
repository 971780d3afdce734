#include "model/utterance_masking.h"

#include <algorithm>

#include "model/redact.h"

namespace redact {
namespace {

// "... one one one one." then "One one ...": the full stop ends the utterance, not the number.
std::size_t joinableLength(std::string_view text) {
  const std::size_t last = text.find_last_not_of(" \t\r\n.,;:!?");
  return last == std::string_view::npos ? 0 : last + 1;
}

}  // namespace

std::vector<UtteranceWindow::Held*> UtteranceWindow::contextFor(const Utterance& utterance) {
  std::vector<Held*> context;
  for (auto it = recent_.rbegin(); it != recent_.rend() && context.size() < kWindowUtterances; ++it) {
    if (it->utterance.id == utterance.id && !utterance.id.empty()) continue;  // its own earlier version
    const bool timed = utterance.offsetMs > 0 && it->utterance.offsetMs > 0;
    if (timed && utterance.offsetMs - it->utterance.offsetMs > kWindowMs) break;
    context.push_back(&*it);
  }
  std::reverse(context.begin(), context.end());
  return context;
}

bool UtteranceWindow::addSpan(Held& held, Span span) {
  for (auto it = held.spans.begin(); it != held.spans.end();) {
    if (span.end <= it->begin || it->end <= span.begin) {
      ++it;
      continue;
    }
    if (it->begin <= span.begin && span.end <= it->end) return false;  // already covered
    // The wider finding names what it is; the union is hidden.
    if (it->end - it->begin > span.end - span.begin) span.replacement = it->replacement;
    span.begin = std::min(span.begin, it->begin);
    span.end = std::max(span.end, it->end);
    it = held.spans.erase(it);
  }
  const auto at = std::lower_bound(held.spans.begin(), held.spans.end(), span.begin,
                                   [](const Span& s, std::size_t begin) { return s.begin < begin; });
  held.spans.insert(at, std::move(span));
  return true;
}

std::string UtteranceWindow::render(const Held& held) {
  const std::string& text = held.utterance.text;
  std::string out;
  std::size_t copied = 0;
  for (const Span& span : held.spans) {
    out.append(text, copied, span.begin - copied);
    out += span.replacement;
    copied = span.end;
  }
  out.append(text, copied);
  return out;
}

std::vector<MaskedUtterance> UtteranceWindow::add(const Utterance& utterance) {
  Held current{utterance, {}, {}};
  // The same utterance again (a repeated final): what was masked stays masked, even when the
  // context that found it has left the window. A changed text starts afresh (spans are offsets).
  for (const Held& held : recent_)
    if (!utterance.id.empty() && held.utterance.id == utterance.id && held.utterance.text == utterance.text)
      current.spans = held.spans;
  std::vector<Held*> pieces = contextFor(utterance);
  std::vector<std::string> before;  // masked text of the context, to see what changed
  std::string joined;
  std::vector<std::size_t> starts;
  for (Held* held : pieces) {
    before.push_back(held->masked);
    starts.push_back(joined.size());
    joined.append(held->utterance.text, 0, joinableLength(held->utterance.text));
    joined += ' ';
  }
  pieces.push_back(&current);
  starts.push_back(joined.size());
  joined += utterance.text;

  for (const Finding& finding : findPersonalData(joined)) {
    for (std::size_t p = 0; p < pieces.size(); ++p) {
      const std::size_t start = starts[p];
      const std::size_t length = p + 1 < pieces.size() ? joinableLength(pieces[p]->utterance.text)
                                                        : utterance.text.size();
      const std::size_t begin = std::max(finding.begin, start);
      const std::size_t end = std::min(finding.end, start + length);
      if (begin >= end) continue;
      const bool endsHere = finding.end <= start + length;
      addSpan(*pieces[p], Span{begin - start, end - start, endsHere ? finding.replacement : partReplacement(finding.kind)});
    }
  }

  current.masked = render(current);
  std::vector<MaskedUtterance> out;
  out.push_back({utterance.id, current.masked, utterance.offsetMs, utterance.final});
  for (std::size_t p = 0; p + 1 < pieces.size(); ++p) {
    Held& held = *pieces[p];
    held.masked = render(held);
    if (held.masked != before[p]) out.push_back({held.utterance.id, held.masked, held.utterance.offsetMs, true});
  }
  if (utterance.final) {
    if (!utterance.id.empty()) {
      std::erase_if(recent_, [&](const Held& h) { return h.utterance.id == utterance.id; });
    }
    recent_.push_back(std::move(current));
    while (recent_.size() > kWindowUtterances) recent_.pop_front();
  }
  return out;
}

std::vector<MaskedUtterance> ConversationMasking::add(std::string_view conversationId, int channel,
                                                      const Utterance& utterance) {
  auto it = std::find_if(windows_.begin(), windows_.end(), [&](const Speaker& s) {
    return s.channel == channel && s.conversationId == conversationId;
  });
  if (it == windows_.end()) {
    windows_.push_front(Speaker{std::string(conversationId), channel, {}});
    if (windows_.size() > kMaxSpeakers) windows_.pop_back();
  } else {
    windows_.splice(windows_.begin(), windows_, it);
  }
  return windows_.front().window.add(utterance);
}

std::vector<model::TranscriptLine> maskTranscriptLines(ConversationMasking& masking, std::string_view conversationId,
                                                       std::vector<model::TranscriptLine>& lines) {
  std::vector<model::TranscriptLine> republished;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    model::TranscriptLine& line = lines[i];
    const int channel = static_cast<int>(line.speaker);
    const auto masked = masking.add(conversationId, channel, {line.utteranceId, line.text, line.offsetMs, line.final});
    line.text = masked.front().text;
    for (std::size_t m = 1; m < masked.size(); ++m) {
      const auto earlier = std::find_if(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(i),
                                        [&](const model::TranscriptLine& l) { return l.utteranceId == masked[m].id; });
      if (earlier != lines.begin() + static_cast<std::ptrdiff_t>(i)) {
        earlier->text = masked[m].text;
        continue;
      }
      std::erase_if(republished, [&](const model::TranscriptLine& l) { return l.utteranceId == masked[m].id; });
      republished.push_back({masked[m].id, line.speaker, masked[m].offsetMs, masked[m].text, true});
    }
  }
  std::sort(republished.begin(), republished.end(),
            [](const model::TranscriptLine& a, const model::TranscriptLine& b) { return a.offsetMs < b.offsetMs; });
  return republished;
}

void ConversationMasking::forget(std::string_view conversationId) {
  windows_.remove_if([&](const Speaker& s) { return s.conversationId == conversationId; });
}

}  // namespace redact
