// A gcsim executable started by an end-to-end test: its base URL read from the first
// stdout line, stopped (SIGTERM, then waited for) when the object goes.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

namespace e2e {

class GcsimProcess {
 public:
  // Runs build/bin/gcsim with `args`; baseUrl() is empty when it did not start.
  explicit GcsimProcess(const std::vector<std::string>& args) {
    int out[2];
    if (pipe(out) != 0) return;
    pid_ = fork();
    if (pid_ == 0) {
      dup2(out[1], STDOUT_FILENO);
      close(out[0]);
      close(out[1]);
      std::vector<std::string> all{std::string(PANEL_BIN_DIR) + "/gcsim"};
      all.insert(all.end(), args.begin(), args.end());
      std::vector<char*> argv;
      for (auto& arg : all) argv.push_back(arg.data());
      argv.push_back(nullptr);
      execv(argv[0], argv.data());
      _exit(127);
    }
    close(out[1]);
    // "gcsim listening on <base url>" is the first line (it exits 1 after an error instead).
    std::FILE* lines = fdopen(out[0], "r");
    char line[256] = {};
    if (lines && std::fgets(line, sizeof line, lines)) {
      const std::string text(line);
      const std::string prefix = "gcsim listening on ";
      if (text.rfind(prefix, 0) == 0) baseUrl_ = text.substr(prefix.size(), text.find_last_not_of("\r\n") + 1 - prefix.size());
    }
    if (lines) std::fclose(lines);
  }
  ~GcsimProcess() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
  }
  GcsimProcess(const GcsimProcess&) = delete;
  GcsimProcess& operator=(const GcsimProcess&) = delete;

  const std::string& baseUrl() const { return baseUrl_; }

  // The answer's body to `method target` with a JSON `body` on this gcsim (plain HTTP on
  // loopback, e.g. /_sim/state and /_sim/control), "" on failure.
  std::string request(const std::string& method, const std::string& target, const std::string& body = "") const {
    const std::size_t colon = baseUrl_.rfind(':');
    if (colon == std::string::npos) return {};
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(std::stoi(baseUrl_.substr(colon + 1))));
    inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
    std::string reply;
    if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
      const std::string text = method + " " + target +
                               " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
                               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
      if (send(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size())) {
        char buffer[65536];
        for (ssize_t got; (got = recv(fd, buffer, sizeof buffer, 0)) > 0;) reply.append(buffer, static_cast<std::size_t>(got));
      }
    }
    close(fd);
    const std::size_t headerEnd = reply.find("\r\n\r\n");
    return headerEnd == std::string::npos ? std::string() : reply.substr(headerEnd + 4);
  }

 private:
  pid_t pid_ = -1;
  std::string baseUrl_;
};

}  // namespace e2e
