// Request entry point: OAuth, bearer tokens, rate limit, HTTP faults, routing table,
// and the simulator's own endpoints outside /api/v2 (/_sim/state, /_sim/control).
#include "core.h"

#include <algorithm>
#include <cmath>

namespace gcsim {

namespace {

constexpr int64_t kCodeLifetimeMs = 5 * 60 * 1000;

HttpResponse oauthError(int status, const std::string& error, const std::string& description) {
    HttpResponse response;
    response.status = status;
    response.body = json::serialize(json::object{{"error", error}, {"description", description}, {"error_description", description}});
    return response;
}

std::string stringField(const json::object& object, const char* key) {
    const json::value* value = object.if_contains(key);
    return value && value->is_string() ? std::string(value->as_string()) : std::string();
}

}  // namespace

// [SECTION] Routing table

void Core::route(const std::string& method, const std::string& pattern, Handler handler) {
    routes_.push_back(Route{method, splitPath(pattern), std::move(handler)});
}

void Core::registerRoutes() {
    registerDirectoryRoutes();
    registerConversationRoutes();
    registerCoachingRoutes();
    registerNotificationRoutes();
    registerAgentActionRoutes();
}

HttpResponse Core::handle(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    const std::string correlationId = randomUuid();
    HttpResponse response;
    try {
        response = dispatch(request);
    } catch (const ApiError& error) {
        response = errorResponse(error, correlationId);
    } catch (const std::exception& error) {
        response = errorResponse(ApiError{500, "internal.server.error", std::string("gcsim failed: ") + error.what()},
                                 correlationId);
    }
    response.headers.emplace_back("ININ-Correlation-Id", correlationId);
    compressIfAsked(request, response);
    return response;
}

// RFC 9110 section 12.5.3: a client that sends `Accept-Encoding: gzip` may get the body
// gzipped, marked `Content-Encoding: gzip`. Whether Genesys compresses, and from what size,
// is not in our facts: gcsim compresses every body of 1 KiB or more when asked (smaller
// ones barely shrink), so a client must read both forms.
void Core::compressIfAsked(const HttpRequest& request, HttpResponse& response) {
    constexpr size_t kMinCompressedBytes = 1024;
    const auto accept = request.headers.find("accept-encoding");
    if (accept == request.headers.end() || !acceptsGzip(accept->second) || response.body.size() < kMinCompressedBytes)
        return;
    response.body = gzipCompress(response.body);
    response.headers.emplace_back("Content-Encoding", "gzip");
    response.headers.emplace_back("Vary", "Accept-Encoding");
}

std::optional<HttpResponse> Core::refuseUnauthenticated(const HttpRequest& request) {
    std::lock_guard lock(mutex_);
    try {
        std::string tokenValue;
        authenticate(request, tokenValue);
        return std::nullopt;
    } catch (const ApiError& error) {
        return errorResponse(error, randomUuid());
    }
}

HttpResponse Core::dispatch(const HttpRequest& request) {
    const size_t question = request.target.find('?');
    const std::string path = request.target.substr(0, question);
    const Params params = parseQuery(question == std::string::npos ? "" : request.target.substr(question + 1));
    const std::vector<std::string> segments = splitPath(path);

    if (path == "/oauth/authorize" && request.method == "GET") return oauthAuthorize(params);
    if (path == "/oauth/token" && request.method == "POST") return oauthToken(request);
    if (path == "/_sim/state" && request.method == "GET") return simState();
    if (path == "/_sim/control" && request.method == "POST") return simControl(request);
    if (segments.size() == 2 && segments[0] == "_transcripts" && request.method == "GET") return serveTranscript(segments[1]);
    if (segments.size() < 2 || segments[0] != "api" || segments[1] != "v2")
        throw ApiError{404, "not.found", "The requested resource was not found: " + path};

    // Injected failures come before authentication, like an overloaded edge.
    if (faults_.serverErrors > 0) {
        --faults_.serverErrors;
        throw ApiError{503, "service.unavailable", "Service Unavailable - The server is currently unavailable (injected fault)."};
    }
    if (faults_.tooManyRequests > 0 && path.rfind(faults_.tooManyRequestsPath, 0) == 0) {
        --faults_.tooManyRequests;
        throw ApiError{429, "too.many.requests.retry.after",
                       "Rate limit exceeded the maximum. Retry the request in [" + std::to_string(faults_.retryAfterSeconds) + "] seconds",
                       {{"Retry-After", std::to_string(faults_.retryAfterSeconds)}}};
    }

    std::string tokenValue;
    Token& token = authenticate(request, tokenValue);
    std::vector<std::pair<std::string, std::string>> limitHeaders;
    HttpResponse response;
    try {
        applyRateLimit(token, response, limitHeaders);
        const std::vector<std::string> rest(segments.begin() + 2, segments.end());
        bool pathMatched = false;
        const Route* found = nullptr;
        std::vector<std::string> args;
        for (const auto& candidate : routes_) {
            if (candidate.pattern.size() != rest.size()) continue;
            std::vector<std::string> captured;
            bool match = true;
            for (size_t i = 0; i < rest.size() && match; ++i) {
                if (candidate.pattern[i] == "{}") captured.push_back(rest[i]);
                else match = candidate.pattern[i] == rest[i];
            }
            if (!match) continue;
            pathMatched = true;
            if (candidate.method == request.method) {
                found = &candidate;
                args = std::move(captured);
                break;
            }
        }
        if (!found) {
            if (pathMatched) throw ApiError{405, "method.not.allowed", request.method + " is not supported on " + path};
            throw ApiError{404, "not.found", "The requested resource was not found: " + path};
        }
        response = found->handler(request, args, params, &token);
    } catch (ApiError& error) {
        error.headers.insert(error.headers.end(), limitHeaders.begin(), limitHeaders.end());
        throw;
    }
    response.headers.insert(response.headers.end(), limitHeaders.begin(), limitHeaders.end());
    response.delayMs = faults_.slowMs;
    if (faults_.loseAnswer > 0 && request.method != "GET" && request.method != "HEAD") {
        --faults_.loseAnswer;  // a change that happened but whose answer the network lost
        response.loseAnswer = true;
    }
    return response;
}

// [SECTION] OAuth

HttpResponse Core::oauthAuthorize(const Params& params) {
    const auto redirectUri = queryValue(params, "redirect_uri");
    const auto clientId = queryValue(params, "client_id");
    if (!redirectUri || redirectUri->empty() || !clientId || clientId->empty())
        return oauthError(400, "invalid_request", "client_id and redirect_uri are required.");
    const std::string state = queryValue(params, "state").value_or("");
    const char* separator = redirectUri->find('?') == std::string::npos ? "?" : "&";
    auto redirect = [&](const std::string& query) {
        HttpResponse response;
        response.status = 302;
        response.contentType = "text/html";
        const std::string location = *redirectUri + separator + query + (state.empty() ? "" : "&state=" + percentEncode(state));
        response.headers.emplace_back("Location", location);
        response.body = "<html><body>Redirecting to <a href=\"" + location + "\">the application</a>.</body></html>";
        return response;
    };
    if (queryValue(params, "response_type").value_or("") != "code")
        return redirect("error=unsupported_response_type&error_description=" + percentEncode("Only response_type=code is supported."));
    const std::string challenge = queryValue(params, "code_challenge").value_or("");
    const std::string method = queryValue(params, "code_challenge_method").value_or("");
    if (challenge.empty() || method != "S256")
        return redirect("error=invalid_request&error_description=" +
                        percentEncode("PKCE is required: code_challenge with code_challenge_method=S256."));
    // Auto-approve, no login page: as the supervisor, or as the user named by login_hint
    // (a user id), so tests can sign in a second supervisor or an agent.
    int user = supervisor_;
    if (const auto hint = queryValue(params, "login_hint"); hint && !hint->empty()) {
        const User* hinted = findUser(*hint);
        if (!hinted) return redirect("error=access_denied&error_description=" + percentEncode("Unknown login_hint user."));
        user = hinted->index;
    }
    std::string code = randomToken(24);
    codes_[code] = AuthCode{challenge, *redirectUri, *clientId, user, wallNowMs() + kCodeLifetimeMs};
    return redirect("code=" + percentEncode(code));
}

std::string Core::issueToken(int user, const std::string& clientId, const std::string& grant, json::object& body) {
    const int64_t now = wallNowMs();
    std::string value = randomToken(32);
    Token token;
    token.user = user;
    token.clientId = clientId;
    token.grant = grant;
    token.issuedMs = token.lastUseMs = now;
    token.expiresMs = now + options_.tokenTtlSeconds * 1000LL;
    body = {{"access_token", value}, {"token_type", "bearer"}, {"expires_in", options_.tokenTtlSeconds}};
    if (user >= 0 && options_.refreshTokens) {
        token.refreshToken = randomToken(32);
        refreshTokens_[token.refreshToken] = user;
        body["refresh_token"] = token.refreshToken;
    }
    tokens_[value] = std::move(token);
    ++tokensIssued_;
    return value;
}

HttpResponse Core::oauthToken(const HttpRequest& request) {
    const Params form = parseQuery(request.body, true);
    const std::string grant = queryValue(form, "grant_type").value_or("");
    json::object body;
    if (grant == "authorization_code") {
        const std::string code = queryValue(form, "code").value_or("");
        auto it = codes_.find(code);
        if (it == codes_.end()) return oauthError(400, "invalid_grant", "The authorization code is unknown or was already used.");
        AuthCode issued = it->second;
        codes_.erase(it);  // single use, even when the exchange fails
        if (issued.expiresMs < wallNowMs()) return oauthError(400, "invalid_grant", "The authorization code expired.");
        const auto redirectUri = queryValue(form, "redirect_uri");
        if (redirectUri && *redirectUri != issued.redirectUri)
            return oauthError(400, "invalid_grant", "redirect_uri does not match the authorize request.");
        const std::string verifier = queryValue(form, "code_verifier").value_or("");
        if (verifier.empty() || base64Url(sha256(verifier)) != issued.challenge)
            return oauthError(400, "invalid_grant", "PKCE verification failed: code_verifier does not match code_challenge.");
        issueToken(issued.user, issued.clientId, "CODE", body);
    } else if (grant == "refresh_token") {
        if (!options_.refreshTokens) return oauthError(400, "unsupported_grant_type", "Refresh tokens are disabled for this client.");
        auto it = refreshTokens_.find(queryValue(form, "refresh_token").value_or(""));
        if (it == refreshTokens_.end()) return oauthError(400, "invalid_grant", "The refresh token is unknown, used or revoked.");
        const int user = it->second;
        refreshTokens_.erase(it);  // rotating: each refresh token works once
        issueToken(user, queryValue(form, "client_id").value_or("gcsim-client"), "CODE", body);
    } else if (grant == "client_credentials") {
        std::string clientId = queryValue(form, "client_id").value_or("");
        auto authorization = request.headers.find("authorization");
        if (clientId.empty() && authorization != request.headers.end() && authorization->second.rfind("Basic ", 0) == 0)
            clientId = "basic-client";
        if (clientId.empty()) return oauthError(401, "invalid_client", "Client authentication is required.");
        issueToken(-1, clientId, "CLIENT-CREDENTIALS", body);
    } else {
        return oauthError(400, "unsupported_grant_type", "grant_type must be authorization_code, refresh_token or client_credentials.");
    }
    return jsonResponse(200, body);
}

Token& Core::authenticate(const HttpRequest& request, std::string& tokenValue) {
    auto header = request.headers.find("authorization");
    if (header == request.headers.end() || header->second.size() <= 7 ||
        !(header->second.rfind("Bearer ", 0) == 0 || header->second.rfind("bearer ", 0) == 0))
        throw ApiError{401, "authentication.required", "No authentication bearer token specified in authorization header."};
    tokenValue = header->second.substr(7);
    auto it = tokens_.find(tokenValue);
    const int64_t now = wallNowMs();
    if (it == tokens_.end() || it->second.revoked || it->second.expiresMs <= now)
        throw ApiError{401, "bad.credentials", "Invalid login credentials."};
    Token& token = it->second;
    if (options_.idleTimeoutSeconds > 0 && now - token.lastUseMs > options_.idleTimeoutSeconds * 1000LL) {
        token.revoked = true;
        throw ApiError{401, "bad.credentials", "Invalid login credentials. The session was idle too long."};
    }
    token.lastUseMs = now;
    return token;
}

void Core::applyRateLimit(Token& token, HttpResponse&, std::vector<std::pair<std::string, std::string>>& headers) {
    if (options_.rateLimitPerMinute <= 0) return;
    const int64_t now = wallNowMs();
    if (now - token.windowStartMs >= 60000) {
        token.windowStartMs = now;
        token.windowCount = 0;
    }
    ++token.windowCount;
    const int resetSeconds = static_cast<int>(std::ceil((token.windowStartMs + 60000 - now) / 1000.0));
    headers.emplace_back("inin-ratelimit-count", std::to_string(token.windowCount));
    headers.emplace_back("inin-ratelimit-allowed", std::to_string(options_.rateLimitPerMinute));
    headers.emplace_back("inin-ratelimit-reset", std::to_string(resetSeconds));
    if (token.windowCount > options_.rateLimitPerMinute) {
        ApiError error{429, "too.many.requests.retry.after",
                       "Rate limit exceeded the maximum. Retry the request in [" + std::to_string(resetSeconds) + "] seconds"};
        error.headers.emplace_back("Retry-After", std::to_string(resetSeconds));
        throw error;
    }
}

// `refreshTokensToo` is a user's tokens revoked as a whole (an administrator's log-out,
// DELETE /api/v2/tokens/{userId}): every connected channel then gets
// v2.system.token_revoked (reason user_tokens_revoked) [genesys-api.md section 3]. Access
// tokens alone dying (the "revoke" fault) stands for expiry, which sends nothing.
void Core::revokeAllTokens(bool refreshTokensToo) {
    for (auto& [value, token] : tokens_) token.revoked = true;
    if (!refreshTokensToo) return;
    refreshTokens_.clear();
    for (auto& [id, channel] : channels_)
        deliver(channel,
                std::make_shared<const std::string>(systemFrame(id, "token_revoked", "user_tokens_revoked",
                                                                "The user's tokens were revoked.")),
                false);
}

// [SECTION] Faults

std::string Core::applyFaultSpec(const std::string& spec) {
    std::string rest = spec;
    while (!rest.empty()) {
        const size_t comma = rest.find(',');
        std::string item = rest.substr(0, comma);
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
        item.erase(0, item.find_first_not_of(' '));
        item.erase(item.find_last_not_of(' ') + 1);
        if (item.empty()) continue;
        const size_t eq = item.find('=');
        const std::string name = item.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
        double number = 1;
        if (!value.empty() && value != "on" && value != "off" && name != "429-path") {
            try {
                size_t used = 0;
                number = std::stod(value, &used);
                if (used != value.size() || number < 0) return "bad value in '" + item + "'";
            } catch (const std::exception&) {
                return "bad value in '" + item + "'";
            }
        }
        const int count = static_cast<int>(number);
        if (name == "ws-drop") {
            for (auto& [id, channel] : channels_)
                if (channel.connected) dropSocket(channel);
        } else if (name == "socket-closing") {
            // The channels' lifetime ends now: the usual v2.system.socket_closing notice goes
            // out at the next tick and the socket is closed a scenario minute later, as at the
            // end of 24 hours (soak tests cannot wait a day, even at --speed 60).
            for (auto& [id, channel] : channels_) {
                channel.expiresSim = std::min(channel.expiresSim, simNow() + kClosingNoticeSeconds);
                channel.expiresMs = wallAtSim(channel.expiresSim);
            }
        } else if (name == "ws-drop-every") {
            faults_.wsDropEverySeconds = number;
            faults_.lastDropSteadyMs = steadyMs();
        } else if (name == "ws-stall") {
            faults_.wsStall = value != "off" && !(value == "0");
        } else if (name == "5xx") {
            faults_.serverErrors = count;
        } else if (name == "429") {
            faults_.tooManyRequests = count;
        } else if (name == "429-path") {
            faults_.tooManyRequestsPath = value;
        } else if (name == "retry-after") {
            faults_.retryAfterSeconds = std::max(1, count);
        } else if (name == "slow") {
            faults_.slowMs = count;
        } else if (name == "revoke") {
            revokeAllTokens(false);  // access tokens die; refresh tokens still renew
        } else if (name == "revoke-all") {
            revokeAllTokens(true);
        } else if (name == "malformed") {
            faults_.malformed = count;
        } else if (name == "duplicate") {
            faults_.duplicate = count;
        } else if (name == "reorder") {
            faults_.reorder = count;
        } else if (name == "zombie") {
            faults_.zombie = count;
        } else if (name == "lose-answer") {
            faults_.loseAnswer = count;
        } else if (name == "clear") {
            faults_ = Faults{};
        } else {
            return "unknown fault '" + name + "'";
        }
    }
    return "";
}

// [SECTION] Simulator endpoints

HttpResponse Core::simControl(const HttpRequest& request) {
    boost::system::error_code error;
    json::value value = json::parse(request.body, error);
    if (error || !value.is_object()) throw ApiError{400, "bad.request", "/_sim/control takes a JSON object."};
    const json::object& command = value.as_object();
    json::object result{{"ok", true}};
    if (const json::value* fault = command.if_contains("fault")) {
        if (!fault->is_string()) throw ApiError{400, "bad.request", "\"fault\" must be a string spec."};
        std::string problem = applyFaultSpec(std::string(fault->as_string()));
        if (!problem.empty()) throw ApiError{400, "bad.request", problem};
    }
    if (command.if_contains("action")) {
        json::object extra = simAction(command);
        for (auto& entry : extra) result[entry.key()] = entry.value();
    }
    return jsonResponse(200, result);
}

json::object Core::simAction(const json::object& command) {
    const std::string action = stringField(command, "action");
    auto userArg = [&]() -> User& {
        User* user = findUser(stringField(command, "userId"));
        if (!user) throw ApiError{400, "bad.request", "Unknown or missing userId."};
        return *user;
    };
    auto mediaArg = [&] {  // "media": call (default), callback, chat, email, message
        const std::string name = stringField(command, "media");
        for (Media media : kAllMedia)
            if (name == mediaKey(media)) return media;
        return Media::Call;
    };
    auto conversationArg = [&]() -> Conversation& {
        Conversation* conversation = findConversation(stringField(command, "conversationId"));
        if (!conversation) throw ApiError{400, "bad.request", "Unknown or missing conversationId."};
        return *conversation;
    };
    if (action == "onNextSubscription") {
        const json::value* then = command.if_contains("then");
        if (!then || !then->is_object() || !then->as_object().if_contains("action"))
            throw ApiError{400, "bad.request", "onNextSubscription needs \"then\": {\"action\": ...}."};
        beforeNextSubscription_ = then->as_object();
        return {};
    }
    if (action == "utter") {
        // The live call speaks its next `count` scripted utterances now (tests of what is shown).
        Conversation& conversation = conversationArg();
        const json::value* count = command.if_contains("count");
        const int64_t times = count && count->is_int64() ? count->as_int64() : 1;
        if (times < 1 || times > 200) throw ApiError{400, "bad.request", "count is 1 to 200."};
        for (int64_t i = 0; i < times && conversation.phase == Phase::Connected; ++i) emitTranscription(conversation);
        return {};
    }
    if (action == "endConversation") {
        endConversation(conversationArg(), "peer");
        return {};
    }
    if (action == "queueCall") {
        // A customer arrives and waits in the queue, routed at once if a member is idle (as the
        // scenario's arrivals): tests of waiting and longest waiting.
        Queue* queue = findQueue(stringField(command, "queueId"));
        if (!queue) throw ApiError{400, "bad.request", "Unknown or missing queueId."};
        Conversation& conversation = createConversation(mediaArg(), queue->index);
        enqueue(conversation);
        return {{"conversationId", conversation.id}};
    }
    if (action == "startCall") {
        User& agent = userArg();
        if (!agent.isAgent) throw ApiError{400, "bad.request", "Only agents take calls."};
        int queueIndex = agent.queues.empty() ? 0 : agent.queues.front();
        if (const std::string queueId = stringField(command, "queueId"); !queueId.empty()) {
            Queue* queue = findQueue(queueId);
            if (!queue) throw ApiError{400, "bad.request", "Unknown queueId."};
            queueIndex = queue->index;
        }
        if (agent.systemPresence != "OnQueue") setPresence(agent, "OnQueue");
        Conversation& conversation = startCallFor(agent, queueIndex, mediaArg());
        answer(conversation.id, conversation.step);
        json::object result{{"conversationId", conversation.id}};
        for (const auto& participant : conversation.participants) {
            if (participant.purpose == "agent") {
                result["participantId"] = participant.id;
                result["communicationId"] = participant.comm.id;
            } else if (participant.purpose == "customer") {
                result["customerParticipantId"] = participant.id;
            }
        }
        return result;
    }
    if (action == "setPresence") {
        User& user = userArg();
        const std::string presence = stringField(command, "presence");
        if (std::none_of(presenceDefinitions_.begin(), presenceDefinitions_.end(),
                         [&](const auto& entry) { return entry.first == presence; }))
            throw ApiError{400, "bad.request", "Unknown systemPresence '" + presence + "'."};
        setPresence(user, presence);
        tryRouteForAgent(user.index);
        return {};
    }
    if (action == "setRoutingStatus") {
        User& user = userArg();
        const std::string status = stringField(command, "status");
        static const char* allowed[] = {"OFF_QUEUE", "IDLE", "INTERACTING", "NOT_RESPONDING", "COMMUNICATING"};
        if (std::none_of(std::begin(allowed), std::end(allowed), [&](const char* s) { return status == s; }))
            throw ApiError{400, "bad.request", "Unknown routing status '" + status + "'."};
        setRoutingStatus(user, status);
        return {};
    }
    if (action == "hold") {
        Conversation& conversation = conversationArg();
        const json::value* held = command.if_contains("held");
        holdToggle(conversation.id, conversation.step, !held || !held->is_bool() || held->as_bool());
        return {};
    }
    if (action == "setStation") {
        User& user = userArg();
        const json::value* present = command.if_contains("present");
        user.hasStation = present && present->is_bool() && present->as_bool();
        return {};
    }
    if (action == "join") {
        // Another user (e.g. the second supervisor) monitors/coaches/barges a participant.
        User& user = userArg();
        const std::string mode = stringField(command, "mode").empty() ? "monitor" : stringField(command, "mode");
        if (mode != "monitor" && mode != "coach" && mode != "barge") throw ApiError{400, "bad.request", "mode is monitor, coach or barge."};
        liveAction(stringField(command, "conversationId"), stringField(command, "participantId"), mode, user.index, false);
        return {};
    }
    if (action == "advance") {
        const json::value* seconds = command.if_contains("seconds");
        if (!seconds || !seconds->is_number() || seconds->to_number<double>() < 0)
            throw ApiError{400, "bad.request", "advance needs a non-negative number of seconds."};
        advancedSim_ += seconds->to_number<double>();
        runDueTimers();
        return {};
    }
    if (action == "pause" || action == "resume") {
        // Freeze or thaw the scenario clock without a jump: nothing moves while paused
        // except through explicit actions (and `advance`).
        const bool pause = action == "pause";
        if (pause != scenarioPaused_) {
            const double real = std::chrono::duration<double>(std::chrono::steady_clock::now() - steadyStart_).count() * options_.speed;
            if (pause) frozenSim_ = real;
            else advancedSim_ += frozenSim_ - real;
            scenarioPaused_ = pause;
        }
        return {};
    }
    if (action == "revokeTokens") {
        revokeAllTokens(true);
        return {};
    }
    throw ApiError{400, "bad.request", "Unknown action '" + action + "'."};
}

HttpResponse Core::simState() {
    json::array agents, queues, conversations, appointments;
    for (const auto& user : users_) {
        json::array queueIds, conversationIds;
        for (int q : user.queues) queueIds.push_back(json::string(queues_[static_cast<size_t>(q)].id));
        for (const auto& id : user.conversations) conversationIds.push_back(json::string(id));
        json::object agent{{"id", user.id},
                           {"name", user.name},
                           {"isAgent", user.isAgent},
                           {"presence", user.systemPresence},
                           {"presenceModifiedDate", isoTime(user.presenceModifiedMs)},
                           {"routingStatus", user.routingStatus},
                           {"routingStartTime", isoTime(user.routingStartMs)},
                           {"queueIds", std::move(queueIds)},
                           {"joinedQueueIds", joinedQueueIds(user)},
                           {"presenceDefinitionId", presenceJson(user).at("presenceDefinition").at("id")},
                           {"activeTokens", std::count_if(tokens_.begin(), tokens_.end(), [&](const auto& entry) {
                                return entry.second.user == user.index && !entry.second.revoked;
                            })},
                           {"conversationIds", std::move(conversationIds)},
                           {"otherRegion", user.otherRegion},
                           {"hasStation", user.hasStation},
                           {"restricted", user.restricted},
                           {"managerId", user.manager >= 0 ? users_[static_cast<size_t>(user.manager)].id : ""}};
        agents.push_back(std::move(agent));
    }
    for (const auto& queue : queues_) {
        json::array waiting, members;
        for (const auto& id : queue.waiting) {
            auto it = conversations_.find(id);
            if (it != conversations_.end() && it->second.phase == Phase::Waiting) waiting.push_back(json::string(id));
        }
        for (int member : queue.members) members.push_back(json::string(users_[static_cast<size_t>(member)].id));
        json::object entry = queueTruthJson(queue);  // totals and byMedia
        entry["id"] = queue.id;
        entry["name"] = queue.name;
        entry["memberIds"] = std::move(members);
        entry["waitingConversationIds"] = std::move(waiting);
        queues.push_back(std::move(entry));
    }
    static const char* phaseNames[] = {"waiting", "alerting", "connected", "wrapup", "ended"};
    for (const auto& [id, conversation] : conversations_) {
        if (conversation.phase == Phase::Ended) continue;
        json::array participants;
        for (const auto& participant : conversation.participants) {
            json::object entry{{"id", participant.id},
                               {"purpose", participant.purpose},
                               {"state", participant.comm.state},
                               {"held", participant.comm.held},
                               {"communicationId", participant.comm.id}};
            if (!participant.userId.empty()) entry["userId"] = participant.userId;
            if (!participant.queueId.empty()) entry["queueId"] = participant.queueId;
            if (!participant.monitoredPid.empty()) entry["monitoredParticipantId"] = participant.monitoredPid;
            if (!participant.coachedPid.empty()) entry["coachedParticipantId"] = participant.coachedPid;
            if (!participant.bargedPid.empty()) entry["bargedParticipantId"] = participant.bargedPid;
            if (participant.wrapupRequired) entry["wrapupRequired"] = true;
            participants.push_back(std::move(entry));
        }
        json::object entry{{"id", id},
                           {"mediaType", mediaKey(conversation.media)},
                           {"phase", phaseNames[static_cast<int>(conversation.phase)]},
                           {"queueId", queues_[static_cast<size_t>(conversation.queue)].id},
                           {"startTime", isoTime(conversation.startMs)},
                           {"endTime", conversation.endMs ? json::value(isoTime(conversation.endMs)) : json::value(nullptr)},
                           {"otherRegion", conversation.otherRegion},
                           {"participants", std::move(participants)}};
        conversations.push_back(std::move(entry));
    }
    for (const auto& [id, appointment] : appointments_) appointments.push_back(appointmentJson(appointment));
    json::object state{{"supervisorId", kSupervisorId},
                       {"secondSupervisorId", kSecondSupervisorId},
                       {"organizationId", kOrganizationId},
                       {"wallTime", isoTime(wallNowMs())},
                       {"simSeconds", simNow()},
                       {"paused", scenarioPaused_},
                       {"agents", std::move(agents)},
                       {"queues", std::move(queues)},
                       {"conversations", std::move(conversations)},
                       {"appointments", std::move(appointments)},
                       {"channels", static_cast<int64_t>(channels_.size())},
                       {"channelDetails", channelDetails()},
                       {"refusedTopicAsks", refusedTopicAsks()},
                       {"tokensIssued", tokensIssued_},
                       {"eventsRaised", eventsRaised_},
                       {"framesSent", framesSent_}};
    return jsonResponse(200, state);
}

// [SECTION] Tick

void Core::tick() {
    std::lock_guard lock(mutex_);
    const double now = simNow();
    if (!scenarioPaused_) {
        runDueTimers();
        if (options_.eventRate > 0) {
            const double realElapsed = (now - lastTickSim_) / options_.speed;
            churnCarry_ += options_.eventRate * std::max(0.0, std::min(realElapsed, 1.0));
            const int count = static_cast<int>(churnCarry_);
            churnCarry_ -= count;
            churnPresence(count);
        }
    }
    lastTickSim_ = now;
    emitQueueObservations();
    tickChannels();
    retireEnded();
}

}  // namespace gcsim
