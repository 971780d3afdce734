// `gcsim --replay PATH.har`: serves a recorded session (har_reader.h) to any client.
//
// Sign-in stays live (Core's OAuth); every other request is answered from the recording:
//  - REST: the recorded answer for the same method, path and query, and for a body the
//    same text. Requests made several times get their answers in recorded order; past the
//    last one, the last one again (a poll). Where no recorded body is the same, a body
//    equal once date-times are set aside (intervals computed from the clock), then one of
//    the same JSON shape (names, not values: a booking's random tag), is taken, and the
//    loose match is counted in /_sim/state. No recorded answer: 404 `replay.not.recorded`
//    naming the request, listed in /_sim/state.
//  - Channels: each `POST /api/v2/notifications/channels` answer gets a new channel id
//    (the recorded one is mapped to it in paths, bodies and messages) and this server's
//    connectUri. A socket opened on that channel plays the next recorded socket of the
//    recorded channel: its received messages at their recorded offsets divided by speed.
//  - Recorded hosts in answers and messages (a transcript's URL) become this server.
// Thread-safe: one mutex; the server's threads call in.
#pragma once

#include "core.h"
#include "har_reader.h"

#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace gcsim {

class Replay {
public:
    // `speed` scales the recorded timing (2 = twice as fast); at least 0.001.
    Replay(RecordedSession session, double speed);

    void setEndpoint(const std::string& scheme, uint16_t port);  // once the port is bound

    HttpResponse answer(const HttpRequest& request);
    bool channelExists(const std::string& channelId);
    void socketOpened(const std::string& channelId);
    void socketClosed(const std::string& channelId);
    void tick(ChannelTransport& transport);  // sends the messages that fell due
    HttpResponse state();                    // /_sim/state during a replay

private:
    struct Playing {
        const RecordedSocket* socket = nullptr;
        std::chrono::steady_clock::time_point openedAt;
        size_t next = 0;  // index into socket->received
    };
    struct Picked {
        const RecordedExchange* exchange = nullptr;
        bool loose = false;
    };

    Picked pick(const std::string& method, const std::string& path, const std::string& query, const std::string& body);
    std::string recordedTarget(const std::string& target) const;  // our channel ids back to recorded ones
    std::string rewrite(std::string text) const;                  // recorded ids and hosts to ours
    HttpResponse serve(const RecordedExchange& exchange, const std::string& method, const std::string& path);
    HttpResponse notRecorded(const std::string& method, const std::string& target, const std::string& body, bool pathKnown);

    std::mutex mutex_;
    RecordedSession session_;
    double speed_;
    std::string httpBase_, wsBase_;
    std::set<std::string> httpOrigins_, wsOrigins_;
    std::map<std::string, std::vector<size_t>> byTarget_;  // "METHOD path?query" -> exchanges in order
    std::vector<bool> used_;
    std::map<std::string, std::string> recordedChannel_;   // our id -> recorded id
    std::map<std::string, size_t> socketsUsed_;            // recorded channel id -> recorded sockets begun
    std::map<std::string, Playing> playing_;               // our channel id -> what its socket plays
    size_t messagesTotal_ = 0, messagesPlayed_ = 0;
    size_t answered_ = 0, answeredLoosely_ = 0;
    std::vector<std::string> missing_;                     // what had no recorded answer (first 200)
    size_t missingCount_ = 0;
};

}  // namespace gcsim
