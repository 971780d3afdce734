// build/bin/panel-redact, run as users run it: input in a file, output and exit code read back.
// The corpus test gives the masking figures quoted in README.md (recall, false positives).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct ToolRun {
  int exitCode = -1;
  std::string out;
  std::string err;
};

std::string readFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream buffer;
  buffer << in.rdbuf();
  return std::move(buffer).str();
}

// Runs panel-redact with `args` on `input` (written to a file first).
ToolRun redactTool(const std::string& args, std::string_view input) {
  const fs::path dir = fs::temp_directory_path() / ("panel-redact-test-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  const fs::path in = dir / "input", out = dir / "stdout", err = dir / "stderr";
  std::ofstream(in, std::ios::binary) << input;
  const std::string command = std::string(PANEL_BIN_DIR) + "/panel-redact " + args + " '" + in.string() + "' >'" +
                              out.string() + "' 2>'" + err.string() + "'";
  const int status = std::system(command.c_str());
  ToolRun run{WIFEXITED(status) ? WEXITSTATUS(status) : -1, readFile(out), readFile(err)};
  fs::remove_all(dir);
  return run;
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> result;
  std::istringstream stream(text);
  for (std::string line; std::getline(stream, line);) result.push_back(line);
  return result;
}

// [SECTION] The labelled corpus

struct LabelledLine {
  std::string text;                      // markers removed
  std::vector<std::string> personal;     // what was inside {{ }}
  std::vector<std::string> readable;     // what was outside, which must survive
};

LabelledLine parseLabelled(const std::string& marked) {
  LabelledLine line;
  std::size_t pos = 0;
  while (true) {
    const std::size_t open = marked.find("{{", pos);
    const std::string outside = marked.substr(pos, open == std::string::npos ? std::string::npos : open - pos);
    line.text += outside;
    line.readable.push_back(outside);
    if (open == std::string::npos) break;
    const std::size_t close = marked.find("}}", open);
    const std::string inside = marked.substr(open + 2, close - open - 2);
    line.text += inside;
    line.personal.push_back(inside);
    pos = close + 2;
  }
  return line;
}

TEST(RedactToolCorpusTest, TranscriptModeMeetsRecallAndFalsePositiveBounds) {
  std::vector<LabelledLine> corpus;
  std::string input;
  for (const std::string& raw : lines(readFile(std::string(PANEL_SOURCE_DIR) + "/tests/tools/redact_corpus.txt"))) {
    if (raw.starts_with("#")) continue;
    corpus.push_back(parseLabelled(raw));
    input += corpus.back().text + "\n";
  }
  ASSERT_GT(corpus.size(), 300u);
  const ToolRun run = redactTool("--transcript", input);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  const std::vector<std::string> masked = lines(run.out);
  ASSERT_EQ(masked.size(), corpus.size());

  int personal = 0, found = 0, lineCount = 0, overMasked = 0;
  for (std::size_t i = 0; i < corpus.size(); ++i) {
    const LabelledLine& line = corpus[i];
    if (line.text.empty()) continue;
    ++lineCount;
    for (const std::string& piece : line.personal) {
      ++personal;
      if (masked[i].find(piece) == std::string::npos) {
        ++found;
      } else {
        ADD_FAILURE() << "missed: " << line.text;  // listed, but only the bound below fails the test
      }
    }
    bool keptReadable = true;
    for (const std::string& piece : line.readable) keptReadable = keptReadable && masked[i].find(piece) != std::string::npos;
    if (!keptReadable) {
      ++overMasked;
      std::cout << "over-masked: " << line.text << "\n  -> " << masked[i] << "\n";
    }
  }
  const double recall = static_cast<double>(found) / personal;
  const double falsePositives = static_cast<double>(overMasked) / lineCount;
  std::cout << "corpus: " << lineCount << " lines, " << personal << " pieces of personal data; recall "
            << recall * 100 << "%, false positives " << falsePositives * 100 << "% of lines\n";
  RecordProperty("recall_percent", std::to_string(recall * 100));
  RecordProperty("false_positive_percent", std::to_string(falsePositives * 100));
  EXPECT_GE(recall, 0.98);
  EXPECT_LE(falsePositives, 0.02);
}

// [SECTION] Modes

TEST(RedactToolTest, PlainLinesAreMaskedAndTheRestKept) {
  const ToolRun run = redactTool("", "my card is four one one one one one one one one one one one one one one one at 10:30\n"
                                 "call me on 4155552671 about ORD-2024-000123\n");
  EXPECT_EQ(run.exitCode, 0);
  EXPECT_EQ(run.out, "my card is [card ****1111] at 10:30\ncall me on [phone ****2671] about ORD-2024-000123\n");
  EXPECT_TRUE(run.err.empty());
}

TEST(RedactToolTest, TranscriptModeMasksANumberSplitOverOneSpeakersLines) {
  const ToolRun run = redactTool("--transcript",
                             "EXTERNAL\tit's 4111 1111\nINTERNAL\tone moment\nEXTERNAL\t1111 1111 thanks\n");
  EXPECT_EQ(run.exitCode, 0) << run.err;
  EXPECT_EQ(run.out, "EXTERNAL\tit's [card ...]\nINTERNAL\tone moment\nEXTERNAL\t[card ****1111] thanks\n");
}

TEST(RedactToolTest, HarBodiesMessagesHeadersAndTokensAreCleaned) {
  const std::string har = R"({"log": {"version": "1.2", "entries": [{
    "request": {"method": "GET", "url": "https://x.example/cb?code=abc123&state=1",
                "headers": [{"name": "Authorization", "value": "Bearer eyJhbGciOi.secret"},
                            {"name": "Accept", "value": "application/json"}],
                "cookies": [{"name": "session", "value": "s3cr3t"}]},
    "response": {"status": 200, "content": {"text": "{\"ani\": \"tel:+14155550123\", \"access_token\": \"tok\"}"}},
    "_webSocketMessages": [{"type": "receive", "data": "{\"transcript\": \"my email is jo smith at example dot com\", \"words\": [{\"word\": \"smith\"}], \"decoratedWords\": [{\"word\": \"jo\"}]}"}]
  }]}})";
  const ToolRun run = redactTool("--har", har);
  ASSERT_EQ(run.exitCode, 0) << run.err;
  for (const std::string_view secret : {"abc123", "eyJhbGciOi", "s3cr3t", "4155550123", "\\\"tok\\\"", "jo smith"})
    EXPECT_EQ(run.out.find(secret), std::string::npos) << secret << " in " << run.out;
  EXPECT_NE(run.out.find("Bearer [redacted]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("[email j***@***.com]"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("application/json"), std::string::npos);
  EXPECT_NE(run.out.find(R"(\"words\": [], \"decoratedWords\": [])"), std::string::npos) << run.out;
}

// [SECTION] Bad input: a clear error, exit 2, nothing written

TEST(RedactToolTest, InputThatIsNotUtf8IsRefused) {
  const ToolRun run = redactTool("", std::string("card 4111 1111 1111 1111 \xff\xfe end\n"));
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("not UTF-8"), std::string::npos) << run.err;
}

TEST(RedactToolTest, BrokenHarIsRefused) {
  for (const std::string_view broken : {R"({"log": {"entries": [)", R"({"entries": []})", "not json"}) {
    const ToolRun run = redactTool("--har", broken);
    EXPECT_EQ(run.exitCode, 2) << broken;
    EXPECT_TRUE(run.out.empty()) << broken;
    EXPECT_NE(run.err.find("not a HAR file"), std::string::npos) << run.err;
  }
}

TEST(RedactToolTest, TranscriptLineWithoutATabIsRefused) {
  const ToolRun run = redactTool("--transcript", "EXTERNAL\tfine\nno tab here\n");
  EXPECT_EQ(run.exitCode, 2);
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("line 2"), std::string::npos) << run.err;
}

}  // namespace
