// Blocking HTTP(S) and WebSocket clients for gcsim tests, plus a fixture that starts an
// in-process simulator and signs in with PKCE. Beast stays in test_client.cpp.
#pragma once

#include "gcsim/simulator.h"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gcsim_test {

namespace json = boost::json;

struct Reply {
    int status = 0;
    std::map<std::string, std::string> headers;  // lower-case names
    std::string body;
    // Parsed body (null when not JSON), kept in the reply: iterate only over a named Reply.
    const json::value& json() const;
    std::string header(const std::string& name) const;
private:
    mutable std::optional<json::value> parsed_;
};

class HttpClient {
public:
    explicit HttpClient(std::string baseUrl, std::string caPem = "");
    ~HttpClient();
    Reply request(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::vector<std::pair<std::string, std::string>>& headers = {});
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

class WsClient {
public:
    WsClient(const std::string& connectUri, const std::string& caPem = "");
    ~WsClient();
    bool connected() const;
    void send(const std::string& text);
    // Next text frame, or nullopt after `timeout` (a failure bound, not a measurement).
    std::optional<std::string> receive(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    // Next frame whose topicName equals `topic`, skipping heartbeats and others.
    std::optional<json::value> receiveTopic(const std::string& topic,
                                            std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
    bool closedByPeer(std::chrono::milliseconds timeout = std::chrono::milliseconds(5000));
private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

std::string pkceChallenge(const std::string& verifier);
std::string queryParam(const std::string& url, const std::string& key);

// Starts a simulator (no natural scenario unless asked) and signs in as the supervisor.
class SimFixture : public ::testing::Test {
protected:
    void startSim(gcsim::Options options);
    void TearDown() override;

    Reply api(const std::string& method, const std::string& target, const std::string& body = "");
    Reply apiWith(const std::string& token, const std::string& method, const std::string& target, const std::string& body = "");
    json::value control(const json::value& command);  // POST /_sim/control, expects 200
    json::value state();                              // GET /_sim/state
    std::string signIn(std::string* refreshToken = nullptr);  // full PKCE flow, returns the access token
    std::string clientCredentialsToken();
    json::value firstAgentCall(std::string* agentId = nullptr);  // starts a call for agent 0 via /_sim/control

    std::unique_ptr<gcsim::Simulator> sim;
    std::unique_ptr<HttpClient> http;
    std::string token;
};

}  // namespace gcsim_test
