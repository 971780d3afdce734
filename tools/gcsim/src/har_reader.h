// gcsim's own reader of HAR 1.2 files for `--replay` (it shares no code with the panel,
// which writes them). Accepts any HAR 1.2 document (http://www.softwareishard.com/blog/har-12-spec/)
// plus Chromium DevTools' WebSocket extension: an entry with `_resourceType: "websocket"`
// (or a ws:// / wss:// URL) carries `_webSocketMessages: [{type: "send"|"receive",
// time (seconds since the Unix epoch), opcode, data}]`.
//
// Minimum per REST entry: request.method, request.url, response.status; optional
// request.postData.text, response.content.text, response.headers, startedDateTime.
// Minimum per WebSocket entry: request.url (ending /channels/{id}), startedDateTime and
// messages with type, time and data. Several entries with the same URL and
// startedDateTime are one socket (`--record` writes a long-lived socket in pieces).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace gcsim {

struct RecordedExchange {
    std::string method;       // upper case
    std::string origin;       // scheme://host[:port] as recorded
    std::string path;         // no query
    std::string query;        // after '?', as recorded ("" when none)
    std::string requestBody;  // request.postData.text
    int status = 0;
    std::vector<std::pair<std::string, std::string>> headers;  // response headers
    std::string mimeType;     // response.content.mimeType
    std::string body;         // response.content.text (base64 decoded when encoding says so)
};

struct RecordedMessage {
    double offsetSeconds = 0;  // after the socket opened
    std::string data;
};

struct RecordedSocket {
    std::string url;
    std::string origin;     // ws(s)://host[:port]
    std::string channelId;  // the URL's last path segment
    double openedAt = 0;    // seconds since the epoch
    std::vector<RecordedMessage> received;  // in time order ("send" ones are not replayed)
    size_t sent = 0;        // messages the client sent, for the record
};

struct RecordedSession {
    std::vector<RecordedExchange> exchanges;  // in file order (the order they were made)
    std::vector<RecordedSocket> sockets;      // in order of opening
    size_t skippedEntries = 0;                // sign-in exchanges and attempts without an answer
};

// The session in `text`, or a sentence saying what is wrong and where (entries[3].request.url ...).
std::variant<RecordedSession, std::string> readHar(std::string_view text);

}  // namespace gcsim
