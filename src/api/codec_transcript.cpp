// Transcripts after the call: the transcripturl answer and the document it points at.
#include "api/codec.h"
#include "api/decode_detail.h"
#include "model/utterance_masking.h"

namespace api {

using namespace detail;

namespace {

model::Speaker speakerFromPurpose(std::string_view purpose) {
  if (purpose == "internal") return model::Speaker::Internal;
  if (purpose == "external") return model::Speaker::External;
  if (purpose == "agent" || purpose == "user") return model::Speaker::Agent;
  if (purpose == "customer") return model::Speaker::Customer;
  return model::Speaker::Unknown;
}

}  // namespace

Result<std::string> decodeTranscriptUrl(std::string_view body) {
  Errors errors("transcript url");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  std::string url;
  if (!readString(*root, "url", url, kRoot, errors) && !errors.any()) errors.invalid(kRoot, "url", "missing");
  if (!errors.any() && url.empty()) errors.invalid(kRoot, "url", "empty");
  return finish(std::move(url), errors);
}

Result<std::vector<model::TranscriptLine>> decodeTranscriptDocument(std::string_view body) {
  Errors errors("transcript document");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<model::TranscriptLine> lines;
  if (!root) return errors.failure();
  const Where at;
  model::TimeMs documentStart = 0;
  readTimeOrEpochMs(*root, "startTime", documentStart, at, errors);
  const json::array* transcripts = readArray(*root, "transcripts", at, errors);
  if (!transcripts) return finish(std::move(lines), errors);
  const Where transcriptsWhere = at.member("transcripts");
  for (std::size_t t = 0; t < transcripts->size() && !errors.any(); ++t) {
    const json::object* transcript = elementObject((*transcripts)[t], transcriptsWhere, t, errors);
    if (!transcript) break;
    const Where transcriptWhere = transcriptsWhere.element(t);
    std::string transcriptId;
    readString(*transcript, "transcriptId", transcriptId, transcriptWhere, errors);
    const json::array* phrases = readArray(*transcript, "phrases", transcriptWhere, errors);
    if (!phrases) continue;
    const Where phrasesWhere = transcriptWhere.member("phrases");
    lines.reserve(lines.size() + phrases->size());
    for (std::size_t p = 0; p < phrases->size() && !errors.any(); ++p) {
      const json::object* phrase = elementObject((*phrases)[p], phrasesWhere, p, errors);
      if (!phrase) break;
      const Where phraseWhere = phrasesWhere.element(p);
      model::TranscriptLine& line = lines.emplace_back();
      // Phrases have no id of their own; this one is stable for a given document.
      line.utteranceId = (transcriptId.empty() ? std::to_string(t) : transcriptId) + ":" + std::to_string(p);
      std::string_view text;
      if (readStringView(*phrase, "text", text, phraseWhere, errors)) line.text.assign(text);
      std::string_view purpose;
      if (readStringView(*phrase, "participantPurpose", purpose, phraseWhere, errors)) {
        line.speaker = speakerFromPurpose(purpose);
      }
      std::int64_t startMs = 0;
      if (readInt64(*phrase, "startTimeMs", startMs, phraseWhere, errors)) {
        line.offsetMs = documentStart > 0 && startMs >= documentStart ? startMs - documentStart : startMs;
      } else {
        readInt64(*phrase, "offsetMs", line.offsetMs, phraseWhere, errors);
      }
    }
  }
  // Numbers split over consecutive phrases of one speaker are masked in every phrase.
  redact::ConversationMasking masking;
  redact::maskTranscriptLines(masking, "", lines);
  return finish(std::move(lines), errors);
}

}  // namespace api
