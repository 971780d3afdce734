#include "net/har.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>

namespace net::har {

namespace {

bool sameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string isoTime(std::chrono::system_clock::time_point time) {
  const auto sinceEpoch = time.time_since_epoch();
  const auto seconds = std::chrono::duration_cast<std::chrono::seconds>(sinceEpoch);
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(sinceEpoch - seconds).count();
  const std::time_t asTimeT = static_cast<std::time_t>(seconds.count());
  std::tm utc{};
  gmtime_r(&asTimeT, &utc);
  char text[80];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(millis));
  return text;
}

std::string_view statusText(int status) {
  switch (status) {
    case 200: return "OK";
    case 201: return "Created";
    case 202: return "Accepted";
    case 204: return "No Content";
    case 304: return "Not Modified";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 403: return "Forbidden";
    case 404: return "Not Found";
    case 408: return "Request Timeout";
    case 409: return "Conflict";
    case 413: return "Payload Too Large";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 502: return "Bad Gateway";
    case 503: return "Service Unavailable";
    case 504: return "Gateway Timeout";
    default: return "";
  }
}

std::string headerValue(const HeaderList& headers, std::string_view name) {
  for (const auto& [key, value] : headers)
    if (sameName(key, name)) return value;
  return {};
}

boost::json::array harHeaders(const HeaderList& headers) {
  boost::json::array list;
  for (const auto& [name, value] : headers) list.push_back({{"name", name}, {"value", value}});
  return list;
}

boost::json::array harQuery(std::string_view url) {
  boost::json::array list;
  const std::size_t query = url.find('?');
  if (query == std::string_view::npos) return list;
  const std::string_view text = url.substr(query + 1, std::min(url.find('#', query), url.size()) - query - 1);
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find('&', start), text.size());
    const std::string_view field = text.substr(start, end - start);
    const std::size_t equals = field.find('=');
    if (!field.empty())
      list.push_back({{"name", field.substr(0, equals)},
                      {"value", equals == std::string_view::npos ? std::string_view() : field.substr(equals + 1)}});
    start = end + 1;
  }
  return list;
}

double ms(std::chrono::microseconds d) { return static_cast<double>(d.count()) / 1000.0; }

boost::json::object restObject(const TrafficEntry& entry) {
  const double millis = ms(entry.latency);
  boost::json::object request{
      {"method", entry.method},
      {"url", entry.url},
      {"httpVersion", "HTTP/1.1"},
      {"cookies", boost::json::array()},
      {"headers", harHeaders(entry.requestHeaders)},
      {"queryString", harQuery(entry.url)},
      {"headersSize", -1},
      {"bodySize", static_cast<std::int64_t>(entry.bytesOut)},
  };
  if (!entry.requestBody.empty())
    request["postData"] = {{"mimeType", headerValue(entry.requestHeaders, "Content-Type")},
                           {"text", entry.requestBody}};
  boost::json::object response{
      {"status", entry.status},
      {"statusText", statusText(entry.status)},
      {"httpVersion", "HTTP/1.1"},
      {"cookies", boost::json::array()},
      {"headers", harHeaders(entry.responseHeaders)},
      {"content",
       {{"size", static_cast<std::int64_t>(entry.bytesIn)},
        {"mimeType", headerValue(entry.responseHeaders, "Content-Type")},
        {"text", entry.responseBody}}},
      {"redirectURL", headerValue(entry.responseHeaders, "Location")},
      {"headersSize", -1},
      {"bodySize", entry.status == 0 ? -1 : static_cast<std::int64_t>(entry.bytesIn)},
  };
  boost::json::object har{
      {"startedDateTime", isoTime(entry.time)},
      {"time", millis},
      {"request", std::move(request)},
      {"response", std::move(response)},
      {"cache", boost::json::object()},
      // HAR 1.2: blocked, connect and ssl are -1 when they do not apply (a reused connection);
      // connect includes ssl. The phases the client measured (TrafficEntry).
      {"timings",
       {{"blocked", ms(entry.queued)},
        {"dns", -1},
        {"connect", entry.connect.count() ? ms(entry.connect) : -1.0},
        {"ssl", -1},
        {"send", 0},
        {"wait", ms(entry.waiting)},
        {"receive", ms(entry.reading)}}},
      {"_retries", entry.retries},
      {"_budgetLeft", entry.budgetLeft},
  };
  if (!entry.label.empty()) har["_label"] = entry.label;
  if (!entry.correlationId.empty()) har["_correlationId"] = entry.correlationId;
  if (!entry.errorMessage.empty()) har["_error"] = entry.errorMessage;
  return har;
}

double epochSeconds(std::chrono::system_clock::time_point time) {
  return std::chrono::duration<double>(time.time_since_epoch()).count();
}

}  // namespace

std::string restEntry(const TrafficEntry& exchange) { return boost::json::serialize(restObject(exchange)); }

std::string socketEntry(std::string_view url, std::chrono::system_clock::time_point opened,
                        const std::vector<SocketMessage>& messages) {
  boost::json::array frames;
  frames.reserve(messages.size());
  for (const SocketMessage& message : messages)
    frames.push_back({{"type", message.direction == TrafficEntry::Direction::sent ? "send" : "receive"},
                      {"time", epochSeconds(message.time)},
                      {"opcode", 1},  // text: the notifications service sends JSON text frames only
                      {"data", message.data}});
  const double millis =
      messages.empty() ? 0.0 : std::chrono::duration<double, std::milli>(messages.back().time - opened).count();
  const boost::json::object entry{
      {"startedDateTime", isoTime(opened)},
      {"time", std::max(0.0, millis)},
      {"request",
       {{"method", "GET"},
        {"url", url},
        {"httpVersion", "HTTP/1.1"},
        {"cookies", boost::json::array()},
        {"headers", boost::json::array()},
        {"queryString", harQuery(url)},
        {"headersSize", -1},
        {"bodySize", 0}}},
      {"response",
       {{"status", 101},
        {"statusText", "Switching Protocols"},
        {"httpVersion", "HTTP/1.1"},
        {"cookies", boost::json::array()},
        {"headers", boost::json::array()},
        {"content", {{"size", 0}, {"mimeType", "x-unknown"}}},
        {"redirectURL", ""},
        {"headersSize", -1},
        {"bodySize", 0}}},
      {"cache", boost::json::object()},
      {"timings", {{"send", 0}, {"wait", 0}, {"receive", 0}}},
      {"_resourceType", "websocket"},
      {"_webSocketMessages", std::move(frames)},
  };
  return boost::json::serialize(entry);
}

std::string documentHead() {
  return R"({"log":{"version":"1.2","creator":{"name":"supervisor-panel","version":"1.0"},"pages":[],"entries":[)";
}

std::string documentTail(std::string_view comment) {
  if (comment.empty()) return "\n]}}\n";
  return "\n],\"comment\":" + boost::json::serialize(boost::json::value(comment)) + "}}\n";
}

}  // namespace net::har
