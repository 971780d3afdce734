// gcsim: run the simulated Genesys Cloud org standalone.
#include "gcsim/simulator.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <iostream>
#include <map>
#include <string>

namespace {

constexpr const char* kUsage = R"(gcsim - a local, deterministic Genesys Cloud org

Usage: gcsim [flags]
  --port N                 listen port on 127.0.0.1 (default 0 = any free port)
  --tls                    serve HTTPS/WSS with a self-signed certificate
  --ca-out PATH            with --tls: write the certificate (PEM) to PATH
  --agents N               agents in the org (default 200)
  --queues M               queues (default 6)
  --seed S                 org seed (default 1)
  --speed X                scenario time acceleration (default 1)
  --event-rate R           extra presence churn, events/s (default 0 = natural)
  --token-ttl SECONDS      access token lifetime (default 86400)
  --idle-timeout SECONDS   org idle timeout (default 0 = none)
  --refresh-tokens on|off  issue rotating refresh tokens (default on)
  --rate-limit N           requests per minute per token (default 300, 0 = off)
  --heartbeat SECONDS      WebSocket heartbeat period (default 30)
  --transcript-url-ttl S   transcript URLs expire S real seconds after issue (default 600)
  --deny-transcripts       the supervisor lacks recording:recording:view and
                           speechAndTextAnalytics:data:view: transcripturl answers 403
  --no-activity-topic      the org does not offer v2.users.{id}.activity (older orgs)
  --history-hours H        queues carry figures for the last H hours of today (default 8, 0 = none)
  --deny-permission NAME   the supervisor lacks NAME (oauth:token:delete or
                           routing:queueMember:manage): log out / membership answer 403
  --restricted-agents N    the last N agents are in a division the supervisor may list
                           but not subscribe to (their topics are refused with 403)
  --max-predicates N       predicates per analytics query before 400 constraint.validation
                           (default 100, an assumption; 0 = no cap)
  --transcript-delay S     transcript ready S scenario seconds after the call (default 20)
  --cross-region-extra S   extra transcript delay for other-region agents (default 60)
  --faults SPEC            faults at start, e.g. "5xx=3,slow=200" (see README)
  --no-scenario            no natural traffic: the org changes only via /_sim/control
  --threads N              io threads (default 2)
  --replay PATH.har        serve a recorded session (supervisor-panel --record) instead
                           of the simulated org; sign-in stays live (see README)
  --replay-speed X         with --replay: recorded WebSocket timing divided by X (default 1)
  --help                   this text
The first line on stdout is "gcsim listening on <base url>".
)";

[[noreturn]] void fail(const std::string& message) {
    std::cerr << "gcsim: " << message << "\n(see gcsim --help)\n";
    std::exit(2);
}

double number(const std::string& flag, const std::string& text, double min, double max) {
    try {
        size_t used = 0;
        double value = std::stod(text, &used);
        if (used == text.size() && value >= min && value <= max) return value;
    } catch (const std::exception&) {
    }
    fail(flag + " expects a number between " + std::to_string(min) + " and " + std::to_string(max) + ", got '" + text + "'");
}

}  // namespace

int main(int argc, char** argv) {
    gcsim::Options options;
    using Setter = std::function<void(const std::string&, const std::string&)>;
    const std::map<std::string, Setter> withValue = {
        {"--port", [&](auto& f, auto& v) { options.port = static_cast<uint16_t>(number(f, v, 0, 65535)); }},
        {"--ca-out", [&](auto&, auto& v) { options.caOut = v; }},
        {"--agents", [&](auto& f, auto& v) { options.agents = static_cast<int>(number(f, v, 1, 200000)); }},
        {"--queues", [&](auto& f, auto& v) { options.queues = static_cast<int>(number(f, v, 1, 1000)); }},
        {"--seed", [&](auto& f, auto& v) { options.seed = static_cast<uint64_t>(number(f, v, 0, 9.0e15)); }},
        {"--speed", [&](auto& f, auto& v) { options.speed = number(f, v, 0.001, 100000); }},
        {"--event-rate", [&](auto& f, auto& v) { options.eventRate = number(f, v, 0, 1e6); }},
        {"--token-ttl", [&](auto& f, auto& v) { options.tokenTtlSeconds = static_cast<int>(number(f, v, 1, 1e9)); }},
        {"--idle-timeout", [&](auto& f, auto& v) { options.idleTimeoutSeconds = static_cast<int>(number(f, v, 0, 1e9)); }},
        {"--refresh-tokens", [&](auto& f, auto& v) {
             if (v != "on" && v != "off") fail(f + " expects on or off");
             options.refreshTokens = v == "on";
         }},
        {"--rate-limit", [&](auto& f, auto& v) { options.rateLimitPerMinute = static_cast<int>(number(f, v, 0, 1e9)); }},
        {"--heartbeat", [&](auto& f, auto& v) { options.heartbeatSeconds = static_cast<int>(number(f, v, 1, 86400)); }},
        {"--transcript-delay", [&](auto& f, auto& v) { options.transcriptDelaySeconds = number(f, v, 0, 1e7); }},
        {"--cross-region-extra", [&](auto& f, auto& v) { options.crossRegionExtraSeconds = number(f, v, 0, 1e7); }},
        {"--faults", [&](auto&, auto& v) { options.faults = v; }},
        {"--replay", [&](auto&, auto& v) { options.replayPath = v; }},
        {"--replay-speed", [&](auto& f, auto& v) { options.replaySpeed = number(f, v, 0.001, 100000); }},
        {"--threads", [&](auto& f, auto& v) { options.threads = static_cast<int>(number(f, v, 1, 64)); }},
        {"--transcript-url-ttl", [&](auto& f, auto& v) { options.transcriptUrlTtlSeconds = number(f, v, 0, 1e7); }},
        {"--history-hours", [&](auto& f, auto& v) { options.historyHours = number(f, v, 0, 24); }},
        {"--restricted-agents", [&](auto& f, auto& v) { options.restrictedAgents = static_cast<int>(number(f, v, 0, 200000)); }},
        {"--max-predicates", [&](auto& f, auto& v) { options.maxPredicatesPerQuery = static_cast<int>(number(f, v, 0, 1e6)); }},
        {"--deny-permission", [&](auto&, auto& v) { options.denyPermission = v; }},
    };
    for (int i = 1; i < argc; ++i) {
        std::string flag = argv[i], value;
        bool inlineValue = false;
        if (auto eq = flag.find('='); eq != std::string::npos && flag.rfind("--", 0) == 0) {
            value = flag.substr(eq + 1);
            flag = flag.substr(0, eq);
            inlineValue = true;
        }
        if (flag == "--help" || flag == "-h") {
            std::cout << kUsage;
            return 0;
        }
        if (flag == "--tls") { options.tls = true; continue; }
        if (flag == "--no-scenario") { options.scenario = false; continue; }
        if (flag == "--deny-transcripts") { options.denyTranscripts = true; continue; }
        if (flag == "--no-activity-topic") { options.noActivityTopic = true; continue; }
        auto setter = withValue.find(flag);
        if (setter == withValue.end()) fail("unknown flag " + flag);
        if (!inlineValue) {
            if (i + 1 >= argc) fail(flag + " needs a value");
            value = argv[++i];
        }
        setter->second(flag, value);
    }

    // Block the stop signals before any thread starts, then wait for one.
    sigset_t stopSignals;
    sigemptyset(&stopSignals);
    sigaddset(&stopSignals, SIGINT);
    sigaddset(&stopSignals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stopSignals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    try {
        gcsim::Simulator simulator(options);
        simulator.start();
        std::cout << "gcsim listening on " << simulator.baseUrl() << std::endl;
        if (options.replayPath.empty())
            std::cerr << "gcsim: " << options.agents << " agents, " << options.queues << " queues, seed " << options.seed
                      << ", speed " << options.speed << "; supervisor " << gcsim::kSupervisorId << "\n";
        else
            std::cerr << "gcsim: replaying " << options.replayPath << " at speed " << options.replaySpeed
                      << " (progress in /_sim/state)\n";
        int received = 0;
        sigwait(&stopSignals, &received);
        simulator.stop();
    } catch (const std::exception& error) {
        std::cerr << "gcsim: " << error.what() << "\n";
        return 1;
    }
    return 0;
}
