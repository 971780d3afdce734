// The network front: one port for OAuth, REST, transcripts and the notifications
// WebSocket, over HTTP or HTTPS. Beast stays inside server.cpp.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace gcsim {

class Core;
class Replay;

struct TlsMaterial {
    std::string certificatePem, privateKeyPem;
};

// Self-signed certificate for CN/SAN localhost and IP 127.0.0.1 (tls.cpp).
TlsMaterial makeSelfSignedCertificate();

class Server {
public:
    // With `replay`, every request but sign-in is answered from the recording (replay.h).
    Server(Core& core, const TlsMaterial* tls, int threads, Replay* replay = nullptr);
    ~Server();
    uint16_t start(uint16_t port);  // bind 127.0.0.1, accept, tick; returns the bound port
    void stop();

    struct Impl;  // public only so the session templates in server.cpp can name it

private:
    std::unique_ptr<Impl> impl_;
};

}  // namespace gcsim
