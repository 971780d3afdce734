// The public face: wires Core (the org) to Server (the sockets).
#include "gcsim/simulator.h"

#include "core.h"
#include "har_reader.h"
#include "replay.h"
#include "server.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace gcsim {

struct Simulator::Impl {
    Options options;
    std::unique_ptr<Core> core;
    std::unique_ptr<Replay> replay;  // --replay only
    std::unique_ptr<Server> server;
    TlsMaterial tls;
    uint16_t port = 0;
};

namespace {

std::unique_ptr<Replay> loadReplay(const Options& options) {
    std::ifstream in(options.replayPath, std::ios::binary);
    if (!in) throw std::invalid_argument("cannot read the recording " + options.replayPath);
    std::stringstream text;
    text << in.rdbuf();
    auto session = readHar(text.str());
    if (auto* problem = std::get_if<std::string>(&session))
        throw std::invalid_argument(options.replayPath + " is not a usable HAR file: " + *problem);
    return std::make_unique<Replay>(std::move(std::get<RecordedSession>(session)), options.replaySpeed);
}

}  // namespace

Simulator::Simulator(Options options) : impl_(std::make_unique<Impl>()) {
    if (!options.replayPath.empty()) {
        impl_->replay = loadReplay(options);
        options.scenario = false;  // the recording is the only source of change
    }
    impl_->options = options;
    impl_->core = std::make_unique<Core>(std::move(options));
}

Simulator::~Simulator() { stop(); }

uint16_t Simulator::start() {
    if (impl_->server) return impl_->port;
    const Options& options = impl_->options;
    if (options.tls) {
        impl_->tls = makeSelfSignedCertificate();
        if (!options.caOut.empty()) {
            std::ofstream out(options.caOut, std::ios::binary | std::ios::trunc);
            out << impl_->tls.certificatePem;
            if (!out) throw std::runtime_error("cannot write the CA certificate to " + options.caOut);
        }
    }
    impl_->server =
        std::make_unique<Server>(*impl_->core, options.tls ? &impl_->tls : nullptr, options.threads, impl_->replay.get());
    impl_->port = impl_->server->start(options.port);
    impl_->core->setEndpoint(options.tls ? "https" : "http", impl_->port);
    if (impl_->replay) impl_->replay->setEndpoint(options.tls ? "https" : "http", impl_->port);
    return impl_->port;
}

void Simulator::stop() {
    if (impl_ && impl_->server) impl_->server->stop();
}

std::string Simulator::baseUrl() const {
    return std::string(impl_->options.tls ? "https" : "http") + "://127.0.0.1:" + std::to_string(impl_->port);
}

std::string Simulator::caPem() const { return impl_->tls.certificatePem; }

}  // namespace gcsim
