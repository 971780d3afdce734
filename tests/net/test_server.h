// A small HTTP/HTTPS/WebSocket server on loopback for the network-layer tests: canned
// responses in order (or from a handler), faults (stall, close without answering), a
// self-signed certificate, and a WebSocket echo. Port 0: the OS picks a free port.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace nettest {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct Reply {
  enum class Fault {
    none,
    stall,                 // read the request, never answer
    closeWithoutAnswer,    // read the request, close the connection
    answerThenClose,       // answer as keep-alive, then close (a server dropping an idle connection)
    holdUntilReleased,     // answer only after releaseHeld()
  };
  int status = 200;
  Headers headers;
  std::string body = "{}";
  Fault fault = Fault::none;

  static Reply withFault(Fault fault) {
    Reply reply;
    reply.fault = fault;
    return reply;
  }
};

struct ReceivedRequest {
  std::string method;
  std::string target;
  Headers headers;
  std::string body;
  int connection = 0;  // which accepted connection it came on (1, 2, ...)

  std::string header(const std::string& name) const;
};

class TestServer {
 public:
  struct Options {
    bool tls = false;
    std::vector<std::string> certificateNames = {"localhost"};
  };

  explicit TestServer(Options options);
  TestServer() : TestServer(Options{}) {}
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  std::uint16_t port() const;
  // "http(s)://host:port" + path.
  std::string url(const std::string& path, const std::string& host = "127.0.0.1") const;
  // ws(s)://host:port + path.
  std::string webSocketUrl(const std::string& path, const std::string& host = "127.0.0.1") const;
  // The PEM file of the server's certificate (for HttpClientConfig::caFile).
  const std::string& caFile() const;

  // Replies served in order, then `handler` (default: 200 "{}").
  void enqueue(Reply reply);
  void enqueue(int status, Headers headers = {}, std::string body = "{}");
  void setHandler(std::function<Reply(const ReceivedRequest&)> handler);

  std::vector<ReceivedRequest> requests() const;
  int connectionsAccepted() const;
  int connectionsClosedByServer() const;  // by answerThenClose
  // Lets every held request (and any later one) be answered.
  void releaseHeld();

  // WebSocket: every text message is echoed back, except "close-me", on which the
  // server closes with code 4000 reason "bye", and "push:<text>", answered with <text>.
  std::vector<std::string> webSocketMessagesReceived() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace nettest
