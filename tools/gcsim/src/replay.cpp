// --replay: a recorded session served back (see replay.h for the rules).
#include "replay.h"

#include <algorithm>
#include <cctype>
#include <functional>

namespace gcsim {

namespace {

bool isDigit(char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; }

// The text with every ISO 8601 date-time (also percent-encoded, as in a query) replaced by
// "<time>": an interval the client computed from its clock is the same request tomorrow.
std::string withoutTimes(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    size_t i = 0;
    while (i < text.size()) {
        const bool date = i + 11 <= text.size() && isDigit(text[i]) && isDigit(text[i + 1]) && isDigit(text[i + 2]) &&
                          isDigit(text[i + 3]) && text[i + 4] == '-' && isDigit(text[i + 5]) && isDigit(text[i + 6]) &&
                          text[i + 7] == '-' && isDigit(text[i + 8]) && isDigit(text[i + 9]) && text[i + 10] == 'T';
        if (!date) {
            out.push_back(text[i++]);
            continue;
        }
        i += 11;
        // hh:mm[:ss[.fff]][Z|+hh:mm], ':' possibly written %3A
        while (i < text.size() && (isDigit(text[i]) || std::string_view(":.Z+-%Aa").find(text[i]) != std::string_view::npos))
            ++i;
        out += "<time>";
    }
    return out;
}

void describeShape(const json::value& value, std::string& out) {
    switch (value.kind()) {
        case json::kind::object: {
            std::vector<std::pair<std::string_view, const json::value*>> members;
            for (const auto& member : value.as_object()) members.emplace_back(member.key(), &member.value());
            std::sort(members.begin(), members.end(), [](auto& a, auto& b) { return a.first < b.first; });
            out += '{';
            for (const auto& [key, member] : members) {
                out.append(key).push_back(':');
                describeShape(*member, out);
                out += ',';
            }
            out += '}';
            break;
        }
        case json::kind::array:
            out += '[';
            if (!value.as_array().empty()) describeShape(value.as_array().front(), out);
            out += ']';
            break;
        case json::kind::string: out += 's'; break;
        case json::kind::bool_: out += 'b'; break;
        case json::kind::null: out += 'n'; break;
        default: out += '0'; break;
    }
}

// Member names and value kinds, without the values: the body of the same request made by
// another run (a random tag, a different start time). Not JSON: the text without times.
std::string shapeOf(std::string_view body) {
    boost::system::error_code error;
    const json::value parsed = json::parse(body, error);
    if (error) return withoutTimes(body);
    std::string shape;
    describeShape(parsed, shape);
    return shape;
}

// Every occurrence of each `from` replaced by its `to`, in one left-to-right pass (so a
// replacement is never matched again).
std::string replaceAll(std::string_view text, const std::vector<std::pair<std::string, std::string>>& swaps) {
    std::string out;
    size_t i = 0;
    while (i < text.size()) {
        size_t best = std::string_view::npos;
        const std::pair<std::string, std::string>* chosen = nullptr;
        for (const auto& swap : swaps) {
            if (swap.first.empty()) continue;
            const size_t at = text.find(swap.first, i);
            if (at < best || (at == best && chosen && swap.first.size() > chosen->first.size())) {
                best = at;
                chosen = &swap;
            }
        }
        if (!chosen || best == std::string_view::npos) break;
        out.append(text.substr(i, best - i)).append(chosen->second);
        i = best + chosen->first.size();
    }
    out.append(text.substr(std::min(i, text.size())));
    return out;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

// Headers that describe the recorded connection, not the answer: the server writes its own.
bool isConnectionHeader(const std::string& name) {
    const std::string key = lower(name);
    return key == "content-length" || key == "transfer-encoding" || key == "connection" || key == "keep-alive" ||
           key == "content-encoding" || key == "content-type" || key == "server" || key == "set-cookie";
}

std::string targetKey(const std::string& method, const std::string& path, const std::string& query) {
    return method + " " + path + "?" + query;
}

}  // namespace

Replay::Replay(RecordedSession session, double speed) : session_(std::move(session)), speed_(std::max(0.001, speed)) {
    used_.assign(session_.exchanges.size(), false);
    for (size_t i = 0; i < session_.exchanges.size(); ++i) {
        const RecordedExchange& exchange = session_.exchanges[i];
        byTarget_[targetKey(exchange.method, exchange.path, exchange.query)].push_back(i);
        httpOrigins_.insert(exchange.origin);
    }
    for (const RecordedSocket& socket : session_.sockets) {
        wsOrigins_.insert(socket.origin);
        messagesTotal_ += socket.received.size();
    }
}

void Replay::setEndpoint(const std::string& scheme, uint16_t port) {
    std::lock_guard lock(mutex_);
    const std::string authority = "://127.0.0.1:" + std::to_string(port);
    httpBase_ = scheme + authority;
    wsBase_ = (scheme == "https" ? "wss" : "ws") + authority;
}

Replay::Picked Replay::pick(const std::string& method, const std::string& path, const std::string& query,
                            const std::string& body) {
    std::vector<size_t> candidates;
    bool looseTarget = false;
    if (auto exact = byTarget_.find(targetKey(method, path, query)); exact != byTarget_.end()) {
        candidates = exact->second;
    } else {
        // The query differs: perhaps only by the times in it (an interval).
        const std::string timeless = withoutTimes(query);
        for (const auto& [key, list] : byTarget_) {
            const RecordedExchange& first = session_.exchanges[list.front()];
            if (first.method == method && first.path == path && withoutTimes(first.query) == timeless)
                candidates.insert(candidates.end(), list.begin(), list.end());
        }
        std::sort(candidates.begin(), candidates.end());
        looseTarget = true;
    }
    using Same = std::function<bool(const RecordedExchange&)>;
    const std::string bodyTimeless = withoutTimes(body), bodyShape = shapeOf(body);
    const std::vector<Same> tiers = {
        [&](const RecordedExchange& e) { return e.requestBody == body; },
        [&](const RecordedExchange& e) { return withoutTimes(e.requestBody) == bodyTimeless; },
        [&](const RecordedExchange& e) { return shapeOf(e.requestBody) == bodyShape; },
    };
    for (size_t tier = 0; tier < tiers.size(); ++tier)
        for (const size_t index : candidates)
            if (!used_[index] && tiers[tier](session_.exchanges[index])) {
                used_[index] = true;
                return {&session_.exchanges[index], looseTarget || tier > 0};
            }
    // Asked more often than recorded: the last recorded answer again.
    for (size_t tier = 0; tier < tiers.size(); ++tier)
        for (auto index = candidates.rbegin(); index != candidates.rend(); ++index)
            if (tiers[tier](session_.exchanges[*index])) return {&session_.exchanges[*index], looseTarget || tier > 0};
    return {};
}

std::string Replay::recordedTarget(const std::string& target) const {
    std::vector<std::pair<std::string, std::string>> swaps;
    for (const auto& [ours, recorded] : recordedChannel_) swaps.emplace_back(ours, recorded);
    return replaceAll(target, swaps);
}

std::string Replay::rewrite(std::string text) const {
    std::vector<std::pair<std::string, std::string>> swaps;
    for (const auto& [ours, recorded] : recordedChannel_) swaps.emplace_back(recorded, ours);
    for (const std::string& origin : httpOrigins_) swaps.emplace_back(origin, httpBase_);
    for (const std::string& origin : wsOrigins_)
        swaps.emplace_back(origin, origin.rfind("ws", 0) == 0 ? wsBase_ : httpBase_);
    return replaceAll(text, swaps);
}

HttpResponse Replay::answer(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    const std::string target = recordedTarget(request.target);
    const size_t question = target.find('?');
    const std::string path = target.substr(0, question);
    const std::string query = question == std::string::npos ? "" : target.substr(question + 1);
    const Picked picked = pick(request.method, path, query, request.body);
    if (!picked.exchange) {
        const bool pathKnown = std::any_of(session_.exchanges.begin(), session_.exchanges.end(), [&](const RecordedExchange& e) {
            return e.method == request.method && e.path == path;
        });
        return notRecorded(request.method, target, request.body, pathKnown);
    }
    ++answered_;
    if (picked.loose) ++answeredLoosely_;
    return serve(*picked.exchange, request.method, path);
}

HttpResponse Replay::serve(const RecordedExchange& exchange, const std::string& method, const std::string& path) {
    HttpResponse response;
    response.status = exchange.status;
    for (const auto& header : exchange.headers)
        if (!isConnectionHeader(header.first)) response.headers.push_back(header);
    response.contentType = exchange.mimeType.empty() ? "application/json" : exchange.mimeType;
    const bool newChannel = method == "POST" && path.size() >= 23 &&
                            path.compare(path.size() - 23, 23, "/notifications/channels") == 0 && exchange.status < 300;
    if (newChannel) {
        // A channel of our own, mapped to the recorded one [genesys-api.md section 3: Channel {id, connectUri, expires}].
        boost::system::error_code error;
        json::value channel = json::parse(exchange.body, error);
        if (!error && channel.is_object() && channel.as_object().contains("id") && channel.at("id").is_string()) {
            const std::string ours = randomUuid();
            recordedChannel_[ours] = std::string(channel.at("id").as_string());
            channel.as_object()["id"] = ours;
            channel.as_object()["connectUri"] = wsBase_ + "/channels/" + ours;
            response.body = json::serialize(channel);
            return response;
        }
    }
    response.body = rewrite(exchange.body);
    return response;
}

HttpResponse Replay::notRecorded(const std::string& method, const std::string& target, const std::string& body,
                                 bool pathKnown) {
    std::string what = method + " " + target;
    if (!body.empty()) what += " with a body of " + std::to_string(body.size()) + " bytes";
    const std::string message =
        "gcsim --replay: the recording has no answer for " + what +
        (pathKnown ? " (it has answers for that path, with another query or body)." : ".");
    ++missingCount_;
    constexpr size_t kMissingListed = 200;
    if (missing_.size() < kMissingListed && std::find(missing_.begin(), missing_.end(), what) == missing_.end())
        missing_.push_back(what);
    HttpResponse response;
    response.status = 404;
    response.body = json::serialize(json::object{{"message", message},
                                                 {"code", "replay.not.recorded"},
                                                 {"status", 404},
                                                 {"messageParams", json::object{{"request", what}}},
                                                 {"contextId", randomUuid()},
                                                 {"details", json::array()},
                                                 {"errors", json::array()}});
    return response;
}

bool Replay::channelExists(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    return recordedChannel_.contains(channelId);
}

void Replay::socketOpened(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    const auto recorded = recordedChannel_.find(channelId);
    if (recorded == recordedChannel_.end()) return;
    // The n-th socket opened on a channel plays the n-th socket recorded on it.
    size_t wanted = socketsUsed_[recorded->second]++;
    Playing playing;
    playing.openedAt = std::chrono::steady_clock::now();
    for (const RecordedSocket& socket : session_.sockets)
        if (socket.channelId == recorded->second && wanted-- == 0) {
            playing.socket = &socket;
            break;
        }
    playing_[channelId] = playing;
}

void Replay::socketClosed(const std::string& channelId) {
    std::lock_guard lock(mutex_);
    playing_.erase(channelId);
}

void Replay::tick(ChannelTransport& transport) {
    std::lock_guard lock(mutex_);
    const auto now = std::chrono::steady_clock::now();
    for (auto& [channelId, playing] : playing_) {
        if (!playing.socket) continue;
        const auto& received = playing.socket->received;
        while (playing.next < received.size()) {
            const RecordedMessage& message = received[playing.next];
            const auto due = playing.openedAt + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                                    std::chrono::duration<double>(message.offsetSeconds / speed_));
            if (due > now) break;
            transport.send(channelId, std::make_shared<const std::string>(rewrite(message.data)));
            ++playing.next;
            ++messagesPlayed_;
        }
    }
}

HttpResponse Replay::state() {
    std::lock_guard lock(mutex_);
    json::array channels;
    for (const auto& [ours, recorded] : recordedChannel_) {
        const auto playing = playing_.find(ours);
        const bool connected = playing != playing_.end();
        const RecordedSocket* socket = connected ? playing->second.socket : nullptr;
        channels.push_back({{"id", ours},
                            {"recordedId", recorded},
                            {"connected", connected},
                            {"played", socket ? playing->second.next : 0},
                            {"recorded", socket ? socket->received.size() : 0}});
    }
    json::array missing;
    for (const std::string& what : missing_) missing.push_back(json::string(what));
    const json::object replay{{"speed", speed_},
                              {"messagesPlayed", messagesPlayed_},
                              {"messagesTotal", messagesTotal_},
                              {"requestsAnswered", answered_},
                              {"answeredLoosely", answeredLoosely_},
                              {"exchangesRecorded", session_.exchanges.size()},
                              {"socketsRecorded", session_.sockets.size()},
                              {"notRecordedCount", missingCount_},
                              {"notRecorded", std::move(missing)},
                              {"channels", std::move(channels)}};
    HttpResponse response;
    response.body = json::serialize(json::object{{"wallTime", isoTime(wallNowMs())}, {"replay", replay}});
    return response;
}

}  // namespace gcsim
