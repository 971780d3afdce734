// HAR 1.2 (+ Chromium's WebSocket extension) into what --replay serves; see har_reader.h.
#include "har_reader.h"

#include "util.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

namespace gcsim {

namespace json = boost::json;

namespace {

// A problem in the file, with where it is; caught in readHar.
struct HarError {
    std::string message;
};

const json::object& objectAt(const json::object& parent, std::string_view key, const std::string& where) {
    const json::value* value = parent.if_contains(key);
    if (!value || !value->is_object()) throw HarError{where + "." + std::string(key) + " is missing or not an object"};
    return value->as_object();
}

std::string stringAt(const json::object& parent, std::string_view key, const std::string& where, bool required) {
    const json::value* value = parent.if_contains(key);
    if (value && value->is_string()) return std::string(value->as_string());
    if (required || (value && !value->is_null()))
        throw HarError{where + "." + std::string(key) + " is missing or not a string"};
    return {};
}

double numberAt(const json::object& parent, std::string_view key, const std::string& where) {
    const json::value* value = parent.if_contains(key);
    if (value && value->is_number()) {
        const double number = value->to_number<double>();
        if (std::isfinite(number)) return number;
    }
    throw HarError{where + "." + std::string(key) + " is missing or not a number"};
}

// scheme://authority, and the rest of the URL (path?query), split.
std::pair<std::string, std::string> splitUrl(const std::string& url, const std::string& where) {
    const size_t scheme = url.find("://");
    if (scheme == std::string::npos || scheme == 0) throw HarError{where + ".request.url \"" + url + "\" is not an absolute URL"};
    const size_t pathStart = url.find_first_of("/?#", scheme + 3);
    if (pathStart == std::string::npos) return {url, "/"};
    std::string rest = url.substr(pathStart);
    rest = rest.substr(0, rest.find('#'));
    if (rest.empty() || rest[0] != '/') rest = "/" + rest;
    return {url.substr(0, pathStart), rest};
}

std::string decodeBase64(std::string_view text, const std::string& where) {
    std::string out;
    unsigned buffer = 0;
    int bits = 0;
    for (const char c : text) {
        int value;
        if (c >= 'A' && c <= 'Z') value = c - 'A';
        else if (c >= 'a' && c <= 'z') value = c - 'a' + 26;
        else if (c >= '0' && c <= '9') value = c - '0' + 52;
        else if (c == '+' || c == '-') value = 62;
        else if (c == '/' || c == '_') value = 63;
        else if (c == '=' || std::isspace(static_cast<unsigned char>(c))) continue;
        else throw HarError{where + ".response.content.text is not valid base64"};
        buffer = (buffer << 6) | static_cast<unsigned>(value);
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
        }
    }
    return out;
}

std::vector<std::pair<std::string, std::string>> headersAt(const json::object& message, const std::string& where) {
    std::vector<std::pair<std::string, std::string>> headers;
    const json::value* list = message.if_contains("headers");
    if (!list || list->is_null()) return headers;
    if (!list->is_array()) throw HarError{where + ".headers is not an array"};
    for (size_t i = 0; i < list->as_array().size(); ++i) {
        const json::value& header = list->as_array()[i];
        const std::string at = where + ".headers[" + std::to_string(i) + "]";
        if (!header.is_object()) throw HarError{at + " is not an object"};
        headers.emplace_back(stringAt(header.as_object(), "name", at, true), stringAt(header.as_object(), "value", at, true));
    }
    return headers;
}

bool isWebSocket(const json::object& entry, const std::string& url) {
    const json::value* type = entry.if_contains("_resourceType");
    if (type && type->is_string() && type->as_string() == "websocket") return true;
    return url.rfind("ws://", 0) == 0 || url.rfind("wss://", 0) == 0;
}

double startedAt(const json::object& entry, const std::string& where) {
    const std::string text = stringAt(entry, "startedDateTime", where, true);
    const std::optional<int64_t> ms = parseIsoTime(text);
    if (!ms) throw HarError{where + ".startedDateTime \"" + text + "\" is not an ISO 8601 date-time"};
    return static_cast<double>(*ms) / 1000.0;
}

// One REST entry; false when it is not served (sign-in is live; no answer was recorded).
bool readExchange(const json::object& entry, const std::string& url, const std::string& where, RecordedExchange& out) {
    const json::object& request = objectAt(entry, "request", where);
    const json::value* responseValue = entry.if_contains("response");
    out.method = stringAt(request, "method", where + ".request", true);
    std::transform(out.method.begin(), out.method.end(), out.method.begin(), [](unsigned char c) { return std::toupper(c); });
    auto [origin, target] = splitUrl(url, where);
    out.origin = std::move(origin);
    const size_t question = target.find('?');
    out.path = target.substr(0, question);
    out.query = question == std::string::npos ? "" : target.substr(question + 1);
    if (out.path.rfind("/oauth/", 0) == 0) return false;
    if (const json::value* post = request.if_contains("postData"); post && post->is_object())
        out.requestBody = stringAt(post->as_object(), "text", where + ".request.postData", false);
    if (!responseValue || !responseValue->is_object()) return false;
    const json::object& response = responseValue->as_object();
    const double status = numberAt(response, "status", where + ".response");
    if (status < 100 || status > 599) return false;  // 0: no answer arrived (HAR 1.2 and Chromium write 0)
    out.status = static_cast<int>(status);
    out.headers = headersAt(response, where + ".response");
    if (const json::value* content = response.if_contains("content"); content && content->is_object()) {
        const json::object& body = content->as_object();
        out.mimeType = stringAt(body, "mimeType", where + ".response.content", false);
        out.body = stringAt(body, "text", where + ".response.content", false);
        if (stringAt(body, "encoding", where + ".response.content", false) == "base64") out.body = decodeBase64(out.body, where);
    }
    return true;
}

// One WebSocket entry's received messages, appended to the socket they belong to.
void readSocket(const json::object& entry, const std::string& url, const std::string& where, RecordedSession& session) {
    const double opened = startedAt(entry, where);
    auto found = std::find_if(session.sockets.begin(), session.sockets.end(),
                              [&](const RecordedSocket& s) { return s.url == url && s.openedAt == opened; });
    if (found == session.sockets.end()) {
        RecordedSocket socket;
        socket.url = url;
        auto [origin, target] = splitUrl(url, where);
        socket.origin = std::move(origin);
        const std::string path = target.substr(0, target.find('?'));
        socket.channelId = path.substr(path.rfind('/') + 1);
        if (socket.channelId.empty()) throw HarError{where + ".request.url \"" + url + "\" names no channel (/channels/{id})"};
        socket.openedAt = opened;
        session.sockets.push_back(std::move(socket));
        found = session.sockets.end() - 1;
    }
    const json::value* messages = entry.if_contains("_webSocketMessages");
    if (!messages || messages->is_null()) return;
    if (!messages->is_array()) throw HarError{where + "._webSocketMessages is not an array"};
    for (size_t i = 0; i < messages->as_array().size(); ++i) {
        const std::string at = where + "._webSocketMessages[" + std::to_string(i) + "]";
        const json::value& message = messages->as_array()[i];
        if (!message.is_object()) throw HarError{at + " is not an object"};
        const std::string type = stringAt(message.as_object(), "type", at, true);
        if (type == "send") {
            ++found->sent;
            continue;
        }
        if (type != "receive") throw HarError{at + ".type is \"" + type + "\", not \"send\" or \"receive\""};
        const double time = numberAt(message.as_object(), "time", at);
        found->received.push_back({std::max(0.0, time - opened), stringAt(message.as_object(), "data", at, true)});
    }
}

RecordedSession readLog(const json::value& document) {
    if (!document.is_object()) throw HarError{"the document is not a JSON object"};
    const json::object& log = objectAt(document.as_object(), "log", "the document");
    const json::value* entries = log.if_contains("entries");
    if (!entries || !entries->is_array()) throw HarError{"log.entries is missing or not an array"};
    RecordedSession session;
    for (size_t i = 0; i < entries->as_array().size(); ++i) {
        const std::string where = "log.entries[" + std::to_string(i) + "]";
        const json::value& entry = entries->as_array()[i];
        if (!entry.is_object()) throw HarError{where + " is not an object"};
        const std::string url = stringAt(objectAt(entry.as_object(), "request", where), "url", where + ".request", true);
        if (isWebSocket(entry.as_object(), url)) {
            readSocket(entry.as_object(), url, where, session);
            continue;
        }
        RecordedExchange exchange;
        if (readExchange(entry.as_object(), url, where, exchange)) session.exchanges.push_back(std::move(exchange));
        else ++session.skippedEntries;
    }
    for (RecordedSocket& socket : session.sockets)
        std::stable_sort(socket.received.begin(), socket.received.end(),
                         [](const RecordedMessage& a, const RecordedMessage& b) { return a.offsetSeconds < b.offsetSeconds; });
    std::stable_sort(session.sockets.begin(), session.sockets.end(),
                     [](const RecordedSocket& a, const RecordedSocket& b) { return a.openedAt < b.openedAt; });
    return session;
}

}  // namespace

std::variant<RecordedSession, std::string> readHar(std::string_view text) {
    boost::system::error_code error;
    json::parse_options options;
    options.max_depth = 64;
    const json::value document = json::parse(text, error, {}, options);
    if (error) return "not valid JSON (" + error.message() + ")";
    try {
        return readLog(document);
    } catch (const HarError& problem) {
        return problem.message;
    }
}

}  // namespace gcsim
