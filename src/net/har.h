// HAR 1.2 text for the traffic record: the F12 export and `--record` write the same
// entries. REST exchanges follow the HAR 1.2 spec (http://www.softwareishard.com/blog/har-12-spec/);
// a WebSocket is one entry the way Chromium's DevTools exports it: `_resourceType:
// "websocket"`, the upgrade request, a 101 answer and `_webSocketMessages: [{type:
// "send"|"receive", time (seconds since the Unix epoch), opcode (1 = text), data}]`.
// Everything here formats what it is given: callers pass entries already redacted.
#pragma once

#include "net/traffic_log.h"

#include <chrono>
#include <string>
#include <string_view>
#include <vector>

namespace net::har {

// One WebSocket frame as a HAR message.
struct SocketMessage {
  TrafficEntry::Direction direction = TrafficEntry::Direction::received;
  std::chrono::system_clock::time_point time;
  std::string data;  // redacted, masked text
};

// The JSON text of the HAR entry for one REST exchange.
std::string restEntry(const TrafficEntry& exchange);
// The JSON text of the HAR entry for one WebSocket (`url` as connected, `opened` when the
// handshake finished) carrying `messages` in the order given.
std::string socketEntry(std::string_view url, std::chrono::system_clock::time_point opened,
                        const std::vector<SocketMessage>& messages);

// A HAR document is documentHead() + entries joined by "," + documentTail(comment).
// `comment`, when not empty, becomes log.comment (e.g. why a recording stopped early).
std::string documentHead();
std::string documentTail(std::string_view comment = {});

}  // namespace net::har
