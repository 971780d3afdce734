#include "net/traffic_log.h"

#include "model/redact.h"
#include "net/har.h"
#include "net/traffic_recorder.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>
#include <cstdio>
#include <ctime>
#include <string>

namespace net {

// [SECTION] Redaction

namespace redaction {

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

bool isOneOf(std::string_view name, std::initializer_list<std::string_view> names) {
  return std::any_of(names.begin(), names.end(), [&](std::string_view known) { return equalsIgnoreCase(name, known); });
}

// JSON members whose string values are credentials. Not "code": Genesys error bodies carry
// {"code":"bad.credentials"}, which the debug overlay must show.
bool isSecretJsonMember(std::string_view name) {
  return isOneOf(name, {"access_token", "refresh_token", "id_token", "code_verifier", "client_secret", "password",
                        "token", "assertion"});
}

// name=value parameters (forms, queries, URLs inside any text) whose values are
// credentials: the JSON ones, the OAuth authorization code, pre-signed URL signatures.
bool isSecretParameter(std::string_view name) {
  return isSecretJsonMember(name) ||
         isOneOf(name, {"code", "X-Amz-Signature", "X-Amz-Credential", "X-Amz-Security-Token", "Signature", "sig"});
}

// Index just past the JSON string that starts with the quote at `open` (or size()).
std::size_t endOfJsonString(std::string_view json, std::size_t open) {
  for (std::size_t i = open + 1; i < json.size(); ++i) {
    if (json[i] == '\\') ++i;
    else if (json[i] == '"') return i + 1;
  }
  return json.size();
}

std::size_t skipSpaces(std::string_view text, std::size_t i) {
  while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

bool looksLikeJson(std::string_view body) {
  const std::size_t first = skipSpaces(body, 0);
  return first < body.size() && (body[first] == '{' || body[first] == '[');
}

// Cuts at most maxBytes without splitting a UTF-8 sequence.
std::string_view utf8Prefix(std::string_view text, std::size_t maxBytes) {
  if (text.size() <= maxBytes) return text;
  std::size_t cut = maxBytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return text.substr(0, cut);
}

}  // namespace

HeaderList redactHeaders(HeaderList headers) {
  for (auto& [name, value] : headers) {
    if (equalsIgnoreCase(name, "Authorization") || equalsIgnoreCase(name, "Proxy-Authorization")) {
      const auto space = value.find(' ');
      value = (space == std::string::npos ? std::string() : value.substr(0, space + 1)) + std::string(kRedacted);
    } else if (equalsIgnoreCase(name, "Cookie") || equalsIgnoreCase(name, "Set-Cookie")) {
      value = std::string(kRedacted);
    } else if (equalsIgnoreCase(name, "Location") || equalsIgnoreCase(name, "Content-Location")) {
      value = redactSecretParameters(value);  // an OAuth redirect carries the authorization code
    }
  }
  return headers;
}

std::string redactSecretParameters(std::string_view text) {
  // name=value pairs anywhere in free text (a redirect URL inside an HTML page, a Location
  // header): the value of a secret name is replaced up to the next delimiter.
  auto isNameChar = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; };
  // A backslash ends a value too, so that an escaped quote inside a JSON string survives.
  auto endsValue = [](char c) { return c == '&' || c == '"' || c == '\'' || c == '<' || c == '>' || c == '#' ||
                                       c == '\\' || std::isspace(static_cast<unsigned char>(c)); };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const std::size_t equals = text.find('=', i);
    if (equals == std::string_view::npos) break;
    std::size_t nameStart = equals;
    while (nameStart > i && isNameChar(text[nameStart - 1])) --nameStart;
    out.append(text.substr(i, equals + 1 - i));
    std::size_t valueEnd = equals + 1;
    if (nameStart < equals && isSecretParameter(text.substr(nameStart, equals - nameStart))) {
      while (valueEnd < text.size() && !endsValue(text[valueEnd])) ++valueEnd;
      out.append(kRedacted);
    }
    i = valueEnd;
  }
  out.append(text.substr(std::min(i, text.size())));
  return out;
}

namespace {

// Transcription events repeat every word of an utterance in words[] and decoratedWords[]
// (docs/genesys-api.md, transcription topic): one string per word, which no masker can read
// as a number. The panel never uses them, so the record keeps them empty.
bool isWordList(std::string_view name) { return name == "words" || name == "decoratedWords"; }

// What a customer said or wrote: a transcription event's transcript and decoratedTranscript,
// a post-call transcript's phrases[].text, a message's text. A number split over two of them
// cannot be joined in a record written as it goes, so every long number in them is masked
// (redact::maskNumberFragments); the screen masks such numbers exactly.
bool isSpokenText(std::string_view name) {
  return name == "transcript" || name == "decoratedTranscript" || name == "text";
}

// Past the ']' closing the array that opens at `open` (the end of the text if it never does).
std::size_t endOfJsonArray(std::string_view json, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < json.size(); ++i) {
    if (json[i] == '"') {
      i = endOfJsonString(json, i) - 1;
    } else if (json[i] == '[' || json[i] == '{') {
      ++depth;
    } else if ((json[i] == ']' || json[i] == '}') && --depth == 0) {
      return i + 1;
    }
  }
  return json.size();
}

}  // namespace

std::string redactJsonFields(std::string_view json) {
  std::string out;
  out.reserve(json.size());
  std::size_t i = 0;
  while (i < json.size()) {
    if (json[i] != '"') {
      out.push_back(json[i++]);
      continue;
    }
    const std::size_t start = i;
    const std::size_t end = endOfJsonString(json, start);
    out.append(json.substr(start, end - start));
    i = end;
    const std::size_t colon = skipSpaces(json, end);
    if (colon >= json.size() || json[colon] != ':') continue;  // a value, not a member name
    const std::string_view name = json.substr(start + 1, end - start - 2);
    const std::size_t valueStart = skipSpaces(json, colon + 1);
    if (isWordList(name) && valueStart < json.size() && json[valueStart] == '[') {
      out.append(json.substr(end, valueStart - end)).append("[]");
      i = endOfJsonArray(json, valueStart);
      continue;
    }
    if (valueStart >= json.size() || json[valueStart] != '"') continue;  // only string values hold secrets
    const std::size_t valueEnd = endOfJsonString(json, valueStart);
    if (isSecretJsonMember(name)) {
      out.append(json.substr(end, valueStart - end)).append("\"").append(kRedacted).append("\"");
      i = valueEnd;
    } else if (isSpokenText(name)) {
      out.append(json.substr(end, valueStart - end)).append(redact::maskNumberFragments(json.substr(valueStart, valueEnd - valueStart)));
      i = valueEnd;
    }
  }
  return out;
}

std::string redactUrl(std::string_view url) { return redactSecretParameters(url); }

TrafficEntry redactExchange(TrafficEntry exchange, std::size_t maxBodyBytes) {
  exchange.kind = TrafficEntry::Kind::rest;
  exchange.url = redactUrl(exchange.url);
  exchange.path = redactUrl(exchange.path);
  exchange.requestHeaders = redactHeaders(std::move(exchange.requestHeaders));
  exchange.responseHeaders = redactHeaders(std::move(exchange.responseHeaders));
  exchange.requestBody = redactBody(exchange.requestBody, maxBodyBytes);
  exchange.responseBody = redactBody(exchange.responseBody, maxBodyBytes);
  return exchange;
}

std::string redactBody(std::string_view body, std::size_t maxBytes) {
  // Mask a little more than we keep, so a card number cut at the end is still seen whole.
  constexpr std::size_t kMaskingMargin = 256;
  const std::string_view head = utf8Prefix(body, maxBytes + kMaskingMargin);
  // JSON members first, then name=value pairs anywhere (forms, and URLs inside JSON or
  // HTML, such as a pre-signed transcript URL or a redirect page carrying ?code=).
  const std::string withoutCredentials =
      redactSecretParameters(looksLikeJson(head) ? redactJsonFields(head) : std::string(head));
  std::string masked = redact::maskPersonalData(withoutCredentials);
  if (body.size() <= maxBytes && masked.size() <= maxBytes) return masked;
  std::string cut(utf8Prefix(masked, maxBytes));
  cut += "\n[truncated: " + std::to_string(body.size()) + " bytes in total]";
  return cut;
}

namespace {

// The credential after an HTTP authentication scheme written in free text, as an error
// message or a copied header would carry it: "Bearer eyJ...", "Basic dXNlcjpw...".
std::string redactSchemeCredentials(std::string_view text) {
  auto isCredentialChar = [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' ||
           c == '/' || c == '=';
  };
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t schemeEnd = std::string_view::npos;
    for (std::string_view scheme : {"bearer", "basic"}) {
      if (text.size() - i > scheme.size() && equalsIgnoreCase(text.substr(i, scheme.size()), scheme) &&
          (i == 0 || !std::isalnum(static_cast<unsigned char>(text[i - 1]))) && text[i + scheme.size()] == ' ') {
        schemeEnd = i + scheme.size();
        break;
      }
    }
    if (schemeEnd == std::string_view::npos) {
      out.push_back(text[i++]);
      continue;
    }
    const std::size_t valueStart = skipSpaces(text, schemeEnd);
    std::size_t valueEnd = valueStart;
    while (valueEnd < text.size() && isCredentialChar(text[valueEnd])) ++valueEnd;
    out.append(text.substr(i, valueStart - i));
    // "Bearer [redacted]" already, or a scheme word in a sentence ("basic rules"): a
    // credential is long; a short word is left as written.
    if (valueEnd - valueStart >= 16) out.append(kRedacted);
    else out.append(text.substr(valueStart, valueEnd - valueStart));
    i = valueEnd;
  }
  return out;
}

}  // namespace

std::string redactText(std::string_view text, std::size_t maxBytes) {
  // JSON members are looked for anywhere: a log line may quote a JSON answer mid-sentence.
  return redactBody(redactJsonFields(redactSchemeCredentials(text)), maxBytes);
}

}  // namespace redaction

// [SECTION] The ring

namespace {

std::string_view topicNameIn(std::string_view message) {
  constexpr std::string_view kKey = "\"topicName\"";
  const std::size_t key = message.find(kKey);
  if (key == std::string_view::npos) return {};
  std::size_t i = key + kKey.size();
  while (i < message.size() && (message[i] == ' ' || message[i] == ':')) ++i;
  if (i >= message.size() || message[i] != '"') return {};
  const std::size_t close = message.find('"', i + 1);
  if (close == std::string_view::npos) return {};
  return message.substr(i + 1, close - i - 1);
}

// What an entry holds beyond its fixed size: the part that can be large.
std::size_t heldBytesOf(const TrafficEntry& entry) {
  std::size_t bytes = entry.url.size() + entry.path.size() + entry.requestBody.size() + entry.responseBody.size() +
                      entry.body.size() + entry.errorMessage.size() + entry.topicName.size();
  for (const auto* headers : {&entry.requestHeaders, &entry.responseHeaders})
    for (const auto& [name, value] : *headers) bytes += name.size() + value.size();
  return bytes;
}

}  // namespace

TrafficLog::TrafficLog(Config config) : config_(config) {
  if (config_.capacity == 0) config_.capacity = 1;
}

void TrafficLog::evictOldest() {
  heldBytes_ -= ringBytes_[head_];
  ringBytes_[head_] = 0;
  ring_[head_] = TrafficEntry{};  // its memory goes now, as heldBytes_ says
  head_ = (head_ + 1) % config_.capacity;
  --count_;
}

TrafficEntry& TrafficLog::newestSlot(std::size_t bytes) {
  // The newest entry always stays, even alone over the byte bound.
  while (count_ > 0 && heldBytes_ + bytes > config_.maxHeldBytes) evictOldest();
  std::size_t index;
  if (count_ == config_.capacity) {
    // Full (the steady state): the oldest slot becomes the newest, kept as it is when it
    // held a WebSocket message so that its topic string's capacity is reused.
    index = head_;
    head_ = (head_ + 1) % config_.capacity;
    heldBytes_ -= ringBytes_[index];
    if (ring_[index].kind != TrafficEntry::Kind::webSocket) ring_[index] = TrafficEntry{};
  } else {
    index = (head_ + count_) % config_.capacity;
    if (index == ring_.size()) {
      ring_.emplace_back();
      ringBytes_.push_back(0);
    }
    ++count_;
  }
  ringBytes_[index] = bytes;
  heldBytes_ += bytes;
  ring_[index].sequence = ++totalRecorded_;
  return ring_[index];
}

void TrafficLog::push(TrafficEntry entry) {
  const std::size_t bytes = heldBytesOf(entry);
  std::lock_guard lock(mutex_);
  TrafficEntry& slot = newestSlot(bytes);
  entry.sequence = slot.sequence;
  slot = std::move(entry);
}

void TrafficLog::recordHttp(TrafficEntry entry) {
  if (config_.recorder) config_.recorder->recordExchange(entry);  // a copy, redacted on the recorder's thread
  push(redaction::redactExchange(std::move(entry), config_.maxBodyBytes));
}

void TrafficLog::recordWebSocketOpen(std::uint64_t socketId, std::string_view url) {
  const auto at = std::chrono::system_clock::now();
  const std::string redactedUrl = redaction::redactUrl(url);
  if (config_.recorder) config_.recorder->socketOpened(socketId, redactedUrl, at);
  constexpr std::size_t kSocketsRemembered = 64;  // more than the 20 channels a user may hold
  // The least recently used goes first: without its URL its HAR entry would be invalid.
  std::lock_guard lock(mutex_);
  if (sockets_.size() == kSocketsRemembered) sockets_.erase(sockets_.begin());
  sockets_.push_back({socketId, redactedUrl, at});
  lastSocketId_ = 0;  // the newest is now this one: the next message moves its socket behind it
}

// Once per notification: built in place in the ring, nothing redacted unless the body is
// wanted, nothing allocated in the steady state when it is not.
std::uint64_t TrafficLog::recordWebSocket(TrafficEntry::Direction direction, std::string_view message,
                                          std::uint64_t socketId) {
  const auto time = std::chrono::system_clock::now();
  if (config_.recorder) config_.recorder->socketMessage(socketId, direction, time, message);
  const std::string_view topic = topicNameIn(message);
  std::string body;
  if (!config_.keepSocketBodies || config_.keepSocketBodies->load(std::memory_order_relaxed))
    body = redaction::redactBody(message, config_.maxBodyBytes);
  std::lock_guard lock(mutex_);
  if (socketId != lastSocketId_) {  // rare: another socket than the last message's
    lastSocketId_ = socketId;
    const auto used = std::find_if(sockets_.begin(), sockets_.end(), [&](const auto& s) { return s.id == socketId; });
    if (used != sockets_.end()) std::rotate(used, used + 1, sockets_.end());
  }
  // Every WebSocket field is set: the slot may hold an older message (see newestSlot).
  TrafficEntry& entry = newestSlot(topic.size() + body.size());
  entry.kind = TrafficEntry::Kind::webSocket;
  entry.time = time;
  entry.socketId = socketId;
  entry.direction = direction;
  entry.topicName.assign(topic);
  entry.size = message.size();
  entry.body = std::move(body);
  return entry.sequence;
}

std::vector<std::pair<std::uint64_t, std::string>> TrafficLog::socketUrls() const {
  std::lock_guard lock(mutex_);
  std::vector<std::pair<std::uint64_t, std::string>> urls;
  for (const SocketOpened& socket : sockets_) urls.emplace_back(socket.id, socket.url);
  return urls;
}

std::vector<TrafficLog::Entry> TrafficLog::since(std::uint64_t sequence) const {
  std::lock_guard lock(mutex_);
  // Sequence numbers are consecutive in ring order, the newest being totalRecorded_.
  return newestLocked(sequence >= totalRecorded_ ? 0 : totalRecorded_ - sequence);
}

std::vector<TrafficLog::Entry> TrafficLog::snapshot(std::size_t maxEntries) const {
  std::lock_guard lock(mutex_);
  return newestLocked(maxEntries);
}

std::vector<TrafficLog::Entry> TrafficLog::newestLocked(std::size_t maxEntries) const {
  const std::size_t count = std::min(maxEntries, count_);
  std::vector<Entry> newest;
  newest.reserve(count);
  for (std::size_t i = count_ - count; i < count_; ++i) newest.push_back(ring_[(head_ + i) % config_.capacity]);
  return newest;
}

std::size_t TrafficLog::size() const {
  std::lock_guard lock(mutex_);
  return count_;
}

std::size_t TrafficLog::totalRecorded() const {
  std::lock_guard lock(mutex_);
  return totalRecorded_;
}

std::size_t TrafficLog::heldBytes() const {
  std::lock_guard lock(mutex_);
  return heldBytes_;
}

void TrafficLog::clear() {
  std::lock_guard lock(mutex_);
  ring_.clear();
  ringBytes_.clear();
  head_ = count_ = 0;
  heldBytes_ = 0;
}

// [SECTION] HAR 1.2 export

std::string TrafficLog::exportHar(const std::vector<std::uint64_t>& only) const {
  std::vector<Entry> entries = snapshot();
  if (!only.empty())
    std::erase_if(entries, [&](const Entry& e) { return !std::binary_search(only.begin(), only.end(), e.sequence); });
  std::vector<SocketOpened> sockets;
  {
    std::lock_guard lock(mutex_);
    sockets = sockets_;
  }
  std::string document = har::documentHead();
  auto append = [&document, first = true](const std::string& entry) mutable {
    if (!first) document += ',';
    first = false;
    document += entry;
  };
  // Sockets in the order their first message was kept, each with its messages in order.
  std::vector<std::uint64_t> socketOrder;
  std::vector<std::vector<har::SocketMessage>> messages;
  for (const Entry& entry : entries) {
    if (entry.kind == TrafficEntry::Kind::rest) {
      append(har::restEntry(entry));
      continue;
    }
    const auto known = std::find(socketOrder.begin(), socketOrder.end(), entry.socketId);
    const std::size_t index = static_cast<std::size_t>(known - socketOrder.begin());
    if (known == socketOrder.end()) {
      socketOrder.push_back(entry.socketId);
      messages.emplace_back();
    }
    messages[index].push_back({entry.direction, entry.time, entry.body});
  }
  for (std::size_t i = 0; i < socketOrder.size(); ++i) {
    const auto opened = std::find_if(sockets.begin(), sockets.end(), [&](auto& s) { return s.id == socketOrder[i]; });
    if (opened != sockets.end()) append(har::socketEntry(opened->url, opened->at, messages[i]));
    else append(har::socketEntry("", messages[i].front().time, messages[i]));
  }
  return document + har::documentTail();
}

}  // namespace net
