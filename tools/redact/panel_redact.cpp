// panel-redact: masks personal data and credentials in text a user is about to attach to a
// bug report, with the masker the panel itself uses (model/redact.h, net/traffic_log.h).
//
//   panel-redact [FILE]                plain text, line by line
//   panel-redact --transcript [FILE]   SPEAKER<TAB>TEXT lines, consecutive utterances: a
//                                      number split over a speaker's lines is masked in all;
//                                      a blank line starts a new conversation
//   panel-redact --har [FILE]          a HAR file: every string (bodies, WebSocket messages,
//                                      URLs, header values) masked, credentials redacted
//
// Reads FILE or stdin whole, writes the masked text to stdout, exit 0. Bad input (not UTF-8,
// a line without a TAB in --transcript, a HAR that does not parse): a message on stderr,
// exit 2, and nothing on stdout, so no half-masked file is ever written.
#include <boost/json.hpp>

#include <fstream>
#include <iostream>
#include <iterator>
#include <limits>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "model/utterance_masking.h"
#include "net/traffic_log.h"

namespace {

namespace json = boost::json;

constexpr int kBadInput = 2;

struct BadInput {
  std::string reason;
};

// The byte offset of the first invalid UTF-8 sequence, if any (overlongs and surrogates too).
std::optional<std::size_t> invalidUtf8At(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto byte = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    unsigned char low = 0x80, high = 0xBF;  // bounds of the second byte
    if (byte < 0x80) {
      ++i;
      continue;
    } else if (byte >= 0xC2 && byte <= 0xDF) {
      length = 2;
    } else if (byte >= 0xE0 && byte <= 0xEF) {
      length = 3;
      if (byte == 0xE0) low = 0xA0;
      if (byte == 0xED) high = 0x9F;
    } else if (byte >= 0xF0 && byte <= 0xF4) {
      length = 4;
      if (byte == 0xF0) low = 0x90;
      if (byte == 0xF4) high = 0x8F;
    } else {
      return i;
    }
    if (i + length > text.size()) return i;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if (next < (k == 1 ? low : 0x80) || next > (k == 1 ? high : 0xBF)) return i;
    }
    i += length;
  }
  return std::nullopt;
}

// Credentials and personal data out of one piece of text, never cut.
std::string clean(std::string_view text) {
  constexpr std::size_t kNeverCut = std::numeric_limits<std::size_t>::max() / 4;  // masks may be longer than the text
  return net::redaction::redactText(text, kNeverCut);
}

std::string redactPlain(std::string_view text) { return clean(text); }

// [SECTION] --transcript

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  while (!text.empty()) {
    const std::size_t end = text.find('\n');
    lines.push_back(text.substr(0, end));
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
  }
  return lines;
}

std::string redactTranscript(std::string_view text) {
  const std::vector<std::string_view> lines = splitLines(text);
  std::vector<std::string> masked(lines.size());
  std::vector<std::string_view> speakers(lines.size());
  std::map<std::string, int, std::less<>> channels;
  redact::ConversationMasking masking;
  int conversation = 0;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    std::string_view line = lines[i];
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) {
      ++conversation;  // a blank line: what follows is another call
      continue;
    }
    const std::size_t tab = line.find('\t');
    if (tab == std::string_view::npos)
      throw BadInput{"line " + std::to_string(i + 1) + ": expected SPEAKER<TAB>TEXT, found no TAB"};
    speakers[i] = line.substr(0, tab);
    const int channel = channels.try_emplace(std::string(speakers[i]), static_cast<int>(channels.size())).first->second;
    const redact::Utterance utterance{std::to_string(i), std::string(line.substr(tab + 1)), 0, true};
    for (const redact::MaskedUtterance& update : masking.add(std::to_string(conversation), channel, utterance))
      masked[std::stoul(update.id)] = update.text;
  }
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (!speakers[i].empty() || lines[i].find('\t') != std::string_view::npos) {
      out += clean(speakers[i]);
      out += '\t';
      out += clean(masked[i]);  // credentials too; personal data is already masked
    }
    if (i + 1 < lines.size() || text.ends_with('\n')) out += '\n';
  }
  return out;
}

// [SECTION] --har

bool isSecretHeader(std::string_view name) {
  const net::HeaderList redacted = net::redaction::redactHeaders({{std::string(name), "x"}});
  return redacted.front().second != "x";
}

void cleanValue(json::value& value, std::string_view key);

// {name, value} pairs: HAR headers, cookies, query strings and form fields.
void cleanObject(json::object& object, std::string_view key) {
  const json::string* name = object.if_contains("name") ? object.at("name").if_string() : nullptr;
  json::value* value = object.if_contains("value") ? &object.at("value") : nullptr;
  if (name && value && value->is_string()) {
    const net::HeaderList pair =
        net::redaction::redactHeaders({{std::string(*name), std::string(value->get_string())}});
    if (key == "cookies" || isSecretHeader(*name)) {
      *value = pair.front().second == value->get_string() ? json::string(net::redaction::kRedacted)
                                                          : json::string(pair.front().second);
    }
  }
  for (auto& member : object) cleanValue(member.value(), member.key());
}

void cleanValue(json::value& value, std::string_view key) {
  if (json::string* text = value.if_string()) {
    *text = clean(*text);
  } else if (json::object* object = value.if_object()) {
    cleanObject(*object, key);
  } else if (json::array* array = value.if_array()) {
    for (json::value& element : *array) cleanValue(element, key);
  }
}

std::string redactHar(std::string_view text) {
  boost::system::error_code error;
  json::value har = json::parse(text, error);
  if (error) throw BadInput{"not a HAR file: the JSON does not parse (" + error.message() + ")"};
  const json::object* root = har.if_object();
  if (!root || !root->if_contains("log") || !root->at("log").is_object())
    throw BadInput{"not a HAR file: no \"log\" object at the top"};
  cleanValue(har, "");
  return json::serialize(har) + "\n";
}

// [SECTION] Command line

struct Options {
  enum class Mode { Plain, Transcript, Har } mode = Mode::Plain;
  std::string file;  // empty: stdin
};

Options parseOptions(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--transcript") {
      options.mode = Options::Mode::Transcript;
    } else if (arg == "--har") {
      options.mode = Options::Mode::Har;
    } else if (arg.starts_with("--") || !options.file.empty()) {
      throw BadInput{"usage: panel-redact [--transcript | --har] [FILE]"};
    } else {
      options.file = arg;
    }
  }
  return options;
}

std::string readInput(const std::string& file) {
  std::ostringstream buffer;
  if (file.empty()) {
    buffer << std::cin.rdbuf();
  } else {
    std::ifstream in(file, std::ios::binary);
    if (!in) throw BadInput{"cannot open " + file};
    buffer << in.rdbuf();
  }
  return std::move(buffer).str();
}

}  // namespace

int main(int argc, char** argv) {
  try {
    const Options options = parseOptions(argc, argv);
    const std::string input = readInput(options.file);
    if (const auto at = invalidUtf8At(input))
      throw BadInput{"input is not UTF-8: invalid byte sequence at byte offset " + std::to_string(*at)};
    std::string output;
    switch (options.mode) {
      case Options::Mode::Plain: output = redactPlain(input); break;
      case Options::Mode::Transcript: output = redactTranscript(input); break;
      case Options::Mode::Har: output = redactHar(input); break;
    }
    std::cout << output;  // only once everything is masked
    std::cout.flush();
    return std::cout ? 0 : 1;
  } catch (const BadInput& bad) {
    std::cerr << "panel-redact: " << bad.reason << "\n";
    return kBadInput;
  }
}
