// gcsim: a local, deterministic Genesys Cloud org for tests and --demo.
//
// Speaks the real Platform API (paths, JSON shapes, status codes, the notifications
// WebSocket) on 127.0.0.1 over HTTP or HTTPS. Everything runs on the simulator's own
// threads; this header deliberately pulls in no Boost so embedding it stays cheap.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace gcsim {

struct Options {
    uint16_t port = 0;                    // 0 = pick a free loopback port
    bool tls = false;                     // HTTPS/WSS with a self-signed certificate made at start
    std::string caOut;                    // when tls: also write the certificate PEM here
    int agents = 200;                     // agents in the org (the supervisor is extra)
    int queues = 6;                       // routing queues
    uint64_t seed = 1;                    // same seed, same org (names, ids, memberships)
    double speed = 1.0;                   // divides every scenario duration; timestamps stay real
    double eventRate = 0;                 // extra presence churn in events/s; 0 = natural scenario
    int tokenTtlSeconds = 86400;          // expires_in of issued access tokens
    int idleTimeoutSeconds = 0;           // org idle timeout; 0 = none (no dateTokenIdles)
    bool refreshTokens = true;            // issue (rotating) refresh tokens
    int rateLimitPerMinute = 300;         // per access token; 0 = unlimited
    int heartbeatSeconds = 30;            // WebSocket heartbeat period (real seconds)
    double transcriptDelaySeconds = 20;   // transcript URL ready this long after a call ends
    double crossRegionExtraSeconds = 60;  // extra delay for agents in another region
    std::string faults;                   // fault spec applied at start (see README)
    bool scenario = true;                 // false: the org only changes through /_sim/control
    int threads = 2;                      // io threads
    int channelsPerUser = 20;             // notification channels kept per user (oldest evicted)
    int maxTopicsPerChannel = 1000;       // subscription limit per channel
    int monitorsPerParticipant = 2;       // too.many.monitors beyond this
    double transcriptUrlTtlSeconds = 600; // a transcript URL is pre-signed for this long (real seconds)
    double historyHours = 8;              // earlier today's queue figures (0 = the org opens at start)
    bool noActivityTopic = false;         // the org does not offer v2.users.{id}.activity
    bool denyTranscripts = false;         // the supervisor lacks the transcript permissions (403)
    std::string denyPermission;           // a permission the supervisor lacks: oauth:token:delete or
                                          // routing:queueMember:manage (their endpoints answer 403)
    int restrictedAgents = 0;             // the last N agents are in a division the supervisor may list
                                          // but not subscribe to (notification.unauthorized.divisioned.topic)
    int maxPredicatesPerQuery = 100;      // predicates an analytics query may hold (400 beyond); 0 = no cap.
                                          // An assumption: documented only for user aggregate queries
    std::string replayPath;               // a HAR file: serve that recorded session instead of the org
    double replaySpeed = 1.0;             // with replayPath: recorded WebSocket timing divided by this
};

// Well-known ids, stable across seeds (documented in tools/gcsim/README.md).
inline constexpr const char* kSupervisorId = "5a5a5a5a-0000-4000-8000-000000000001";
inline constexpr const char* kSecondSupervisorId = "5a5a5a5a-0000-4000-8000-000000000002";
inline constexpr const char* kOrganizationId = "0a0a0a0a-0000-4000-8000-00000000000a";

class Simulator {
public:
    explicit Simulator(Options options);
    ~Simulator();
    Simulator(const Simulator&) = delete;
    Simulator& operator=(const Simulator&) = delete;

    // With replayPath, reads the HAR first: an unreadable or invalid file throws
    // std::invalid_argument naming the file and what is wrong.
    // Binds 127.0.0.1, starts the io and scenario threads, returns the bound port.
    // Throws std::runtime_error when the port cannot be bound or TLS setup fails.
    uint16_t start();
    // Closes every connection and joins the threads. Safe to call twice.
    void stop();

    std::string baseUrl() const;  // http(s)://127.0.0.1:PORT
    std::string caPem() const;    // the self-signed certificate (PEM) when tls, else empty

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace gcsim
