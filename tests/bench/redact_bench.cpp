// Masking throughput: the debug overlay and the HAR export run every body through
// redact::maskPersonalData, so it must stay cheap on large, mostly clean text.
#include <benchmark/benchmark.h>

#include <string>
#include <string_view>

#include "model/redact.h"
#include "model/utterance_masking.h"

namespace {

// A transcript-like JSON body: mostly ids, times and words, some personal data.
std::string makeBody(std::size_t targetBytes) {
  constexpr std::string_view kPhrase =
      R"(    {"text": "sure, my card is 4111 1111 1111 1111 and you can call me on (415) 555-0123",)"
      "\n"
      R"(     "conversationId": "3fa85f64-5717-4562-b3fc-2c963f66afa6", "startTime": "2026-11-24T10:30:00.000Z",)"
      "\n"
      R"(     "note": "order ORD-2024-000123 for $1,234.56 shipped at 14:05, mail jane.doe@example.com"},)"
      "\n";
  std::string body = "{\"phrases\": [\n";
  while (body.size() < targetBytes) body += kPhrase;
  body += "    {}\n]}\n";
  return body;
}

void BM_MaskTranscriptBody(benchmark::State& bench) {
  const std::string body = makeBody(static_cast<std::size_t>(bench.range(0)));
  for (auto _ : bench) {
    std::string masked = redact::maskPersonalData(body);
    benchmark::DoNotOptimize(masked);
  }
  bench.SetBytesProcessed(static_cast<int64_t>(bench.iterations()) * static_cast<int64_t>(body.size()));
}
BENCHMARK(BM_MaskTranscriptBody)->Arg(16 << 10)->Arg(1 << 20)->Unit(benchmark::kMicrosecond);

void BM_ScanCleanText(benchmark::State& bench) {
  std::string text;
  while (text.size() < (1u << 20)) text += "Queue Support EU: 12 waiting, longest 00:02:15, SLA 80% at 10:30. ";
  for (auto _ : bench) benchmark::DoNotOptimize(redact::containsPersonalData(text));
  bench.SetBytesProcessed(static_cast<int64_t>(bench.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ScanCleanText)->Unit(benchmark::kMicrosecond);

// Spoken-form transcript text, as transcription events carry it: digit words, a spoken e-mail,
// and the everyday numbers that stay (amounts, times, "one moment", "line three").
constexpr std::string_view kSpokenUtterances[] = {
    "thank you for calling, one moment please while I pull that up",
    "sure the card is four one one one one one one one one one one one one one one one",
    "my email is jo smith at example dot com and my number is five five five zero one zero zero nine nine nine",
    "I can see two charges of forty nine ninety nine on order four five six seven eight nine one two",
    "you're on line three, I'll call you back at ten thirty, there are two options",
    "it's four one one one one one one one",
    "one one one one one one one one for the second charge",
};

std::string makeSpokenText(std::size_t targetBytes) {
  std::string text;
  for (std::size_t i = 0; text.size() < targetBytes; ++i) {
    text += kSpokenUtterances[i % std::size(kSpokenUtterances)];
    text += '\n';
  }
  return text;
}

// maskPersonalData on spoken-form text: the spoken reader runs on every word.
void BM_MaskSpokenText(benchmark::State& bench) {
  const std::string text = makeSpokenText(1 << 20);
  for (auto _ : bench) {
    std::string masked = redact::maskPersonalData(text);
    benchmark::DoNotOptimize(masked);
  }
  bench.SetBytesProcessed(static_cast<int64_t>(bench.iterations()) * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_MaskSpokenText)->Unit(benchmark::kMicrosecond);

// What the session does per live utterance: judge it joined to the speaker's recent finals.
void BM_MaskUtterancesAcrossTheWindow(benchmark::State& bench) {
  redact::ConversationMasking masking;
  std::int64_t bytes = 0;
  std::int64_t offsetMs = 0;
  std::size_t i = 0;
  for (auto _ : bench) {
    const std::string_view text = kSpokenUtterances[i++ % std::size(kSpokenUtterances)];
    offsetMs += 3000;
    auto masked = masking.add("conversation", 1, {std::to_string(i), std::string(text), offsetMs, true});
    benchmark::DoNotOptimize(masked);
    bytes += static_cast<std::int64_t>(text.size());
  }
  bench.SetBytesProcessed(bytes);
}
BENCHMARK(BM_MaskUtterancesAcrossTheWindow)->Unit(benchmark::kMicrosecond);

}  // namespace
