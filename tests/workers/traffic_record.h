// What the session really said to the org and heard back, read from its HAR export (the
// same redacted record the debug overlay shows). Tests use it to prove that a fault or
// refusal they provoke really reached the panel, not just that the panel ended up fine.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "workers/session.h"

namespace sessiontest {

// One REST attempt, in the order the panel recorded them.
struct Exchange {
  std::string method;
  std::string path;       // the URL without scheme and host, query kept
  int status = 0;         // 0 when no answer arrived
  std::string errorCode;  // the ErrorBody "code" of the answer, when it has one
};

inline std::vector<Exchange> restExchanges(const workers::Session& session) {
  namespace json = boost::json;
  std::vector<Exchange> exchanges;
  const json::value har = json::parse(session.exportHar());
  for (const json::value& entry : har.at("log").at("entries").as_array()) {
    if (entry.as_object().contains("_webSocketMessages")) continue;  // a socket's entry, not a REST attempt
    Exchange exchange;
    exchange.method = entry.at("request").at("method").as_string();
    const std::string_view url = entry.at("request").at("url").as_string();
    const std::size_t host = url.find("//");
    const std::size_t path = host == std::string_view::npos ? 0 : url.find('/', host + 2);
    exchange.path = path == std::string_view::npos ? "/" : url.substr(path);
    exchange.status = entry.at("response").at("status").to_number<int>();
    boost::system::error_code notJson;
    const json::value body = json::parse(entry.at("response").at("content").at("text").as_string(), notJson);
    if (!notJson && body.is_object())
      if (const json::value* code = body.as_object().if_contains("code"); code && code->is_string())
        exchange.errorCode = code->as_string();
    exchanges.push_back(std::move(exchange));
  }
  return exchanges;
}

// How many attempts answered `status`, on paths that contain `pathPart`, with `errorCode`
// when one is given.
inline int countAnswers(const std::vector<Exchange>& exchanges, int status, std::string_view pathPart = {},
                        std::string_view errorCode = {}) {
  int count = 0;
  for (const Exchange& e : exchanges)
    if (e.status == status && e.path.find(pathPart) != std::string::npos && (errorCode.empty() || e.errorCode == errorCode))
      ++count;
  return count;
}

// Every attempt answered `status` was later made again (same method and path) and answered
// 2xx: the panel absorbed the failure instead of giving up. False when none was answered so.
inline bool everyAnswerWasRetriedToSuccess(const std::vector<Exchange>& exchanges, int status) {
  bool any = false;
  for (std::size_t i = 0; i < exchanges.size(); ++i) {
    if (exchanges[i].status != status) continue;
    any = true;
    bool succeeded = false;
    for (std::size_t j = i + 1; j < exchanges.size() && !succeeded; ++j)
      succeeded = exchanges[j].method == exchanges[i].method && exchanges[j].path == exchanges[i].path &&
                  exchanges[j].status / 100 == 2;
    if (!succeeded) return false;
  }
  return any;
}

}  // namespace sessiontest

namespace sessiontest {
// "GET /api/v2/users/... -> 200" lines, for a failure message.
inline std::string describe(const std::vector<Exchange>& exchanges) {
  std::string text;
  for (const Exchange& e : exchanges)
    text += e.method + " " + e.path + " -> " + std::to_string(e.status) + (e.errorCode.empty() ? "" : " " + e.errorCode) + "\n";
  return text;
}
}  // namespace sessiontest
