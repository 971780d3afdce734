// Directory endpoints: identity, tokens, users, queues, members, presence definitions,
// analytics observation/activity/aggregate queries and org limits.
#include "core.h"

#include <algorithm>
#include <regex>

namespace gcsim {

namespace {

struct Paging {
    int size, number;
};

Paging pagingOf(const QueryParams& params, int defaultSize, int maxSize) {
    auto number = [&](const char* key, int fallback) {
        auto value = queryValue(params, key);
        if (!value) return fallback;
        try {
            size_t used = 0;
            int parsed = std::stoi(*value, &used);
            if (used == value->size() && parsed >= 1) return parsed;
        } catch (const std::exception&) {
        }
        throw ApiError{400, "invalid.query.param.value",
                       "Value [" + *value + "] is not valid for parameter [" + key + "]. Allowable values are: positive integers"};
    };
    Paging paging{number("pageSize", defaultSize), number("pageNumber", 1)};
    if (paging.size > maxSize)
        throw ApiError{400, "invalid.query.param.value",
                       "Value [" + std::to_string(paging.size) + "] is not valid for parameter [pageSize]. Maximum is " +
                           std::to_string(maxSize)};
    return paging;
}

std::set<std::string> expandOf(const QueryParams& params) {
    auto values = queryList(params, "expand");
    return {values.begin(), values.end()};
}

// Calls `visit` with every predicate object of an analytics filter (type and/or, with
// nested clauses), at any depth.
void forEachPredicate(const json::object& query, const std::function<void(const json::object&)>& visit) {
    std::function<void(const json::value&)> walk = [&](const json::value& filter) {
        if (!filter.is_object()) return;
        if (const json::value* predicates = filter.as_object().if_contains("predicates"); predicates && predicates->is_array())
            for (const auto& predicate : predicates->as_array())
                if (predicate.is_object()) visit(predicate.as_object());
        if (const json::value* clauses = filter.as_object().if_contains("clauses"); clauses && clauses->is_array())
            for (const auto& clause : clauses->as_array()) walk(clause);
    };
    if (const json::value* filter = query.if_contains("filter")) walk(*filter);
}

// Values of `dimension` predicates in an analytics filter.
std::vector<std::string> predicateValues(const json::object& query, const std::string& dimension) {
    std::vector<std::string> values;
    forEachPredicate(query, [&](const json::object& predicate) {
        const json::value* dim = predicate.if_contains("dimension");
        const json::value* value = predicate.if_contains("value");
        if (dim && dim->is_string() && dim->as_string() == dimension && value && value->is_string())
            values.emplace_back(value->as_string());
    });
    return values;
}

// The predicate cap (Options::maxPredicatesPerQuery). Genesys documents "no more than 100
// userId predicates" for user aggregate queries (developer.genesys.cloud, analytics >
// aggregate > user-query, "Limitations"); that the same cap holds for the observation and
// activity queries is an assumption. `constraint.validation` is among the swagger's 400
// codes for these paths; the sentence is ours.
void requirePredicateCap(const json::object& query, int cap) {
    if (cap <= 0) return;
    int count = 0;
    forEachPredicate(query, [&](const json::object&) { ++count; });
    if (count > cap)
        throw ApiError{400, "constraint.validation",
                       "The query filter has " + std::to_string(count) + " predicates; at most " + std::to_string(cap) +
                           " are allowed in one query."};
}

// [SECTION] Listing limits of the real service

// genesys-api.md section 2, "Listing limits": the users listing refuses to page past its
// first 10,000 results (pageNumber x pageSize), whatever the org's size.
constexpr size_t kUsersListingWindow = 10'000;
// Swagger GET /api/v2/users, 400 `max.user.ids`: "Only 100 users can be requested at a time."
constexpr size_t kMaxUserIds = 100;
// Swagger GET /api/v2/routing/queues/{queueId}/members, pageSize: "Max value is 100".
constexpr int kMaxMembersPageSize = 100;

void requireUsersListingWindow(const Paging& paging) {
    if (static_cast<size_t>(paging.number) * static_cast<size_t>(paging.size) <= kUsersListingWindow) return;
    // `bad.request` is in the swagger's 400 codes for GET /api/v2/users; the sentence is ours.
    throw ApiError{400, "bad.request",
                   "Page " + std::to_string(paging.number) + " of size " + std::to_string(paging.size) +
                       " is past the first " + std::to_string(kUsersListingWindow) +
                       " results, which is as far as this listing pages."};
}

// Swagger GET /api/v2/users `sortOrder`: ascending (the default, spelt "ASC" there) or
// descending. Descending lists the same order backwards.
bool descendingOrder(const QueryParams& params) {
    const auto value = queryValue(params, "sortOrder");
    if (!value) return false;
    std::string lower = *value;
    std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
    if (lower == "ascending" || lower == "asc") return false;
    if (lower == "descending" || lower == "desc") return true;
    throw ApiError{400, "invalid.query.param.value",
                   "Value [" + *value + "] is not valid for parameter [sortOrder]. Allowable values are: ascending, descending"};
}

std::vector<std::string> stringArray(const json::object& object, const char* key) {
    std::vector<std::string> values;
    const json::value* array = object.if_contains(key);
    if (!array || !array->is_array()) return values;
    for (const auto& item : array->as_array()) {
        if (item.is_string()) values.emplace_back(item.as_string());
        else if (item.is_object() && item.as_object().if_contains("metric") && item.as_object().at("metric").is_string())
            values.emplace_back(item.as_object().at("metric").as_string());
    }
    return values;
}

}  // namespace

json::object parseBodyObject(const std::string& body) {
    boost::system::error_code error;
    json::value value = json::parse(body, error);
    if (error || !value.is_object()) throw ApiError{400, "bad.request", "The request body must be a JSON object."};
    return std::move(value.as_object());
}

void Core::registerDirectoryRoutes() {
    auto userOr404 = [this](const std::string& id) -> User& {
        User* user = findUser(id);
        if (!user) throw ApiError{404, "not.found", "The user " + id + " was not found."};
        return *user;
    };

    route("GET", "users/me", [this](const HttpRequest&, const std::vector<std::string>&, const Params& params, Token* token) {
        requireUserContext(token);
        const User& user = users_[static_cast<size_t>(token->user)];
        json::object body = userJson(user, expandOf(params));
        if (expandOf(params).count("organization"))
            body["organization"] = {{"id", kOrganizationId}, {"name", "gcsim Contact Center"}, {"selfUri", selfUri("organizations/" + std::string(kOrganizationId))}};
        return jsonResponse(200, body);
    });

    auto tokenInfo = [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token* token) {
        json::array scopes;
        for (const char* scope : {"coaching", "conversations", "users:readonly", "presence:readonly", "routing:readonly",
                                  "analytics:readonly", "notifications", "speech-and-text-analytics:readonly"})
            scopes.push_back(json::string(scope));
        json::object organization{{"id", kOrganizationId}, {"name", "gcsim Contact Center"}};
        json::object body{{"organization", organization},
                          {"homeOrganization", organization},
                          {"authorizedScope", std::move(scopes)},
                          {"OAuthClient",
                           {{"id", token->clientId},
                            {"name", "Supervisor Panel"},
                            {"authorizedGrantType", token->grant},
                            {"organization", organization}}}};
        if (options_.idleTimeoutSeconds > 0)
            body["dateTokenIdles"] = isoTime(token->lastUseMs + options_.idleTimeoutSeconds * 1000LL);
        return jsonResponse(200, body);
    };
    route("GET", "tokens/me", tokenInfo);
    route("HEAD", "tokens/me", [](const HttpRequest&, const std::vector<std::string>&, const Params&, Token*) {
        return HttpResponse{};
    });
    route("DELETE", "tokens/me", [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token* token) {
        token->revoked = true;
        refreshTokens_.erase(token->refreshToken);
        HttpResponse response;
        response.status = 200;
        return response;
    });

    route("GET", "users/{}/station", [userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        const User& user = userOr404(args[0]);
        json::object body;
        if (user.hasStation) {
            json::object station{{"id", user.stationId},
                                 {"name", user.stationName},
                                 {"type", "inin_webrtc_softphone"},
                                 {"associatedUser", {{"id", user.id}, {"version", 1}, {"selfUri", "/api/v2/users/" + user.id}}},
                                 {"associatedDate", isoTime(user.presenceModifiedMs)}};
            body["associatedStation"] = station;
            body["effectiveStation"] = station;
            body["defaultStation"] = station;
            body["lastAssociatedStation"] = station;
        }
        return jsonResponse(200, body);
    });

    route("GET", "stations/{}", [this](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        for (const auto& user : users_) {
            if (user.stationId != args[0]) continue;
            return jsonResponse(200, json::object{{"id", user.stationId},
                                                  {"name", user.stationName},
                                                  {"status", user.hasStation ? "ASSOCIATED" : "AVAILABLE"},
                                                  {"userId", user.id},
                                                  {"type", "inin_webrtc_softphone"},
                                                  {"webRtcCallAppearances", 100},
                                                  {"selfUri", selfUri("stations/" + user.stationId)}});
        }
        throw ApiError{404, "not.found", "The station " + args[0] + " was not found."};
    });

    // Single-agent resync after a lost event.
    route("GET", "users/{}/presences/purecloud", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        const User& user = userOr404(args[0]);
        json::object presence = presenceJson(user);
        presence["id"] = "purecloud";
        presence["name"] = "PURECLOUD";
        presence["selfUri"] = selfUri("users/" + user.id + "/presences/purecloud");
        return jsonResponse(200, presence);
    });
    route("GET", "users/{}/routingstatus", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        return jsonResponse(200, routingStatusJson(userOr404(args[0])));
    });

    route("GET", "users", [this](const HttpRequest&, const std::vector<std::string>&, const Params& params, Token*) {
        const Paging paging = pagingOf(params, 25, 500);
        const auto expand = expandOf(params);
        const auto ids = queryList(params, "id");
        if (ids.size() > kMaxUserIds) throw ApiError{400, "max.user.ids", "Only 100 users can be requested at a time."};
        requireUsersListingWindow(paging);
        std::vector<const User*> matched;
        if (ids.empty()) {
            for (const auto& user : users_) matched.push_back(&user);
        } else {
            for (const auto& id : ids)
                if (const User* user = findUser(id)) matched.push_back(user);
        }
        if (descendingOrder(params)) std::reverse(matched.begin(), matched.end());
        json::array entities;
        const size_t first = static_cast<size_t>(paging.number - 1) * static_cast<size_t>(paging.size);
        for (size_t i = first; i < matched.size() && i < first + static_cast<size_t>(paging.size); ++i)
            entities.push_back(userJson(*matched[i], expand));
        return jsonResponse(200, pageJson(std::move(entities), paging.size, paging.number, matched.size(), "users", params));
    });

    route("GET", "users/{}", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params& params, Token*) {
        return jsonResponse(200, userJson(userOr404(args[0]), expandOf(params)));
    });

    route("GET", "users/{}/directreports", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params& params, Token*) {
        const User& user = userOr404(args[0]);
        const auto expand = expandOf(params);
        json::array reports;
        for (int report : user.directReports) reports.push_back(userJson(users_[static_cast<size_t>(report)], expand));
        return jsonResponse(200, reports);
    });

    route("GET", "users/{}/queues", [this, userOr404](const HttpRequest&, const std::vector<std::string>& args, const Params& params, Token*) {
        const User& user = userOr404(args[0]);
        const Paging paging = pagingOf(params, 25, 500);
        // `joined` filters by activation; absent lists every membership.
        const auto joinedFilter = queryValue(params, "joined");
        std::vector<int> listed;
        for (int q : user.queues)
            if (!joinedFilter || (*joinedFilter == "true") == user.joinedTo(q)) listed.push_back(q);
        json::array entities;
        const size_t first = static_cast<size_t>(paging.number - 1) * static_cast<size_t>(paging.size);
        for (size_t i = first; i < listed.size() && i < first + static_cast<size_t>(paging.size); ++i) {
            json::object queue = queueJson(queues_[static_cast<size_t>(listed[i])]);
            queue.erase("autoAnswerOnly");  // not part of UserQueue
            queue["joined"] = user.joinedTo(listed[i]);
            entities.push_back(std::move(queue));
        }
        return jsonResponse(200, pageJson(std::move(entities), paging.size, paging.number, listed.size(),
                                          "users/" + user.id + "/queues", params));
    });

    route("GET", "routing/queues", [this](const HttpRequest&, const std::vector<std::string>&, const Params& params, Token*) {
        const Paging paging = pagingOf(params, 25, 500);
        std::string nameFilter = queryValue(params, "name").value_or("");
        const bool prefix = !nameFilter.empty() && nameFilter.back() == '*';
        if (prefix) nameFilter.pop_back();
        const auto ids = queryList(params, "id");
        std::vector<const Queue*> matched;
        for (const auto& queue : queues_) {
            if (!ids.empty() && std::find(ids.begin(), ids.end(), queue.id) == ids.end()) continue;
            if (!nameFilter.empty() && (prefix ? queue.name.rfind(nameFilter, 0) != 0 : queue.name != nameFilter)) continue;
            matched.push_back(&queue);
        }
        json::array entities;
        const size_t first = static_cast<size_t>(paging.number - 1) * static_cast<size_t>(paging.size);
        for (size_t i = first; i < matched.size() && i < first + static_cast<size_t>(paging.size); ++i)
            entities.push_back(queueJson(*matched[i]));
        return jsonResponse(200, pageJson(std::move(entities), paging.size, paging.number, matched.size(), "routing/queues", params));
    });

    route("GET", "routing/queues/{}", [this](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        const Queue* queue = findQueue(args[0]);
        if (!queue) throw ApiError{404, "not.found", "The queue " + args[0] + " was not found."};
        return jsonResponse(200, queueJson(*queue));
    });

    route("GET", "routing/queues/{}/members", [this](const HttpRequest&, const std::vector<std::string>& args, const Params& params, Token*) {
        const Queue* queue = findQueue(args[0]);
        if (!queue) throw ApiError{404, "not.found", "The queue " + args[0] + " was not found."};
        const Paging paging = pagingOf(params, 25, kMaxMembersPageSize);
        const auto expand = expandOf(params);
        const auto statuses = queryList(params, "routingStatus");
        const auto presences = queryList(params, "presence");
        std::vector<const User*> matched;
        for (int member : queue->members) {
            const User& user = users_[static_cast<size_t>(member)];
            if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), user.routingStatus) == statuses.end()) continue;
            if (!presences.empty() && std::find(presences.begin(), presences.end(), user.systemPresence) == presences.end()) continue;
            matched.push_back(&user);
        }
        json::array entities;
        const size_t first = static_cast<size_t>(paging.number - 1) * static_cast<size_t>(paging.size);
        for (size_t i = first; i < matched.size() && i < first + static_cast<size_t>(paging.size); ++i) {
            const User& user = *matched[i];
            json::object member{{"id", user.id},
                                {"name", user.name},
                                {"user", userJson(user, expand)},
                                {"ringNumber", 1},
                                {"joined", user.joinedTo(queue->index)},
                                {"memberBy", "user"},
                                {"selfUri", selfUri("routing/queues/" + queue->id + "/members/" + user.id)}};
            if (expand.count("routingStatus")) member["routingStatus"] = routingStatusJson(user);
            entities.push_back(std::move(member));
        }
        // QueueMemberEntityListing has no total/pageCount in the swagger; nextUri tells whether more follow.
        return jsonResponse(200, pageJson(std::move(entities), paging.size, paging.number, matched.size(),
                                          "routing/queues/" + queue->id + "/members", params, false));
    });

    route("GET", "presence/definitions", [this](const HttpRequest&, const std::vector<std::string>&, const Params&, Token*) {
        json::array entities;
        for (const auto& [presence, id] : presenceDefinitions_) {
            std::string label = presence == "OnQueue" ? "On Queue" : presence;
            entities.push_back({{"id", id},
                                {"name", label},
                                {"type", "System"},
                                {"languageLabels", {{"en_US", label}}},
                                {"systemPresence", presence},
                                {"divisionId", "*"},
                                {"deactivated", false},
                                {"selfUri", selfUri("presence/definitions/" + id)}});
        }
        for (const auto& secondary : secondaryPresences_)
            entities.push_back({{"id", secondary.id},
                                {"name", secondary.label},
                                {"type", "User"},
                                {"languageLabels", {{"en_US", secondary.label}}},
                                {"systemPresence", secondary.systemPresence},
                                {"divisionId", "*"},
                                {"deactivated", false},
                                {"selfUri", selfUri("presence/definitions/" + secondary.id)}});
        const size_t total = entities.size();
        return jsonResponse(200, json::object{{"total", total}, {"entities", std::move(entities)}, {"selfUri", selfUri("presence/definitions")}});
    });

    route("GET", "organizations/limits/namespaces/{}", [this](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        if (args[0] != "platform.api") throw ApiError{404, "not.found", "Unknown limits namespace " + args[0] + "."};
        json::array entities{
            {{"key", "token.rate.per.minute"}, {"namespace", "platform.api"}, {"value", options_.rateLimitPerMinute}},
            {{"key", "client.credentials.token.rate.per.minute"}, {"namespace", "platform.api"}, {"value", options_.rateLimitPerMinute}},
            {{"key", "user.rate.per.minute"}, {"namespace", "platform.api"}, {"value", 3000}}};
        return jsonResponse(200, json::object{{"entities", std::move(entities)}});
    });

    // Every analytics query is held to the predicate cap before it is read.
    auto analyticsQuery = [this](const HttpRequest& request) {
        json::object query = parseBodyObject(request.body);
        requirePredicateCap(query, options_.maxPredicatesPerQuery);
        return query;
    };
    route("POST", "analytics/queues/observations/query", [this, analyticsQuery](const HttpRequest& request, const std::vector<std::string>&, const Params&, Token*) {
        return jsonResponse(200, analyticsQueueObservations(analyticsQuery(request)));
    });
    route("POST", "analytics/conversations/activity/query", [this, analyticsQuery](const HttpRequest& request, const std::vector<std::string>&, const Params&, Token*) {
        return jsonResponse(200, analyticsConversationActivity(analyticsQuery(request)));
    });
    route("POST", "analytics/conversations/aggregates/query", [this, analyticsQuery](const HttpRequest& request, const std::vector<std::string>&, const Params&, Token*) {
        return jsonResponse(200, analyticsConversationAggregates(analyticsQuery(request)));
    });
    route("POST", "analytics/users/observations/query", [this, analyticsQuery](const HttpRequest& request, const std::vector<std::string>&, const Params&, Token*) {
        return jsonResponse(200, analyticsUserObservations(analyticsQuery(request)));
    });
}

// [SECTION] Analytics

// Swagger QueueObservationQueryResponse: results[] of {group, data[]}. User metrics are one
// group per queue ({queueId}); interaction metrics one group per queue and media type
// ({queueId, mediaType}), every media type (or those the filter names), zeros included.
json::value Core::analyticsQueueObservations(const json::object& query) {
    if (!query.if_contains("filter") || !query.if_contains("metrics"))
        throw ApiError{400, "bad.request", "filter and metrics are required."};
    const auto queueIds = predicateValues(query, "queueId");
    const auto mediaTypes = predicateValues(query, "mediaType");
    const auto metrics = stringArray(query, "metrics");
    const auto detailList = stringArray(query, "detailMetrics");
    const std::set<std::string> details(detailList.begin(), detailList.end());
    if (queueIds.empty()) throw ApiError{400, "bad.request", "The filter needs at least one queueId predicate."};
    for (const auto& metric : metrics)
        if (!isQueueUserMetric(metric) && !isQueueConversationMetric(metric))
            throw ApiError{400, "bad.request", "Unsupported queue observation metric: " + metric};
    const bool userGroup = std::any_of(metrics.begin(), metrics.end(), isQueueUserMetric);
    const bool mediaGroups = std::any_of(metrics.begin(), metrics.end(), isQueueConversationMetric);
    json::array results;
    for (const auto& id : queueIds) {
        const Queue* queue = findQueue(id);
        if (!queue) continue;
        if (userGroup) results.push_back({{"group", {{"queueId", id}}}, {"data", userMetricData(*queue, metrics)}});
        if (!mediaGroups) continue;
        const QueueConversationLists lists = listConversations(*queue);
        for (Media media : kAllMedia) {
            const std::string mediaType = mediaAnalytics(media);
            if (!mediaTypes.empty() && std::find(mediaTypes.begin(), mediaTypes.end(), mediaType) == mediaTypes.end()) continue;
            results.push_back({{"group", {{"queueId", id}, {"mediaType", mediaType}}},
                               {"data", conversationMetricData(lists, media, metrics, details)}});
        }
    }
    // Translates the organization presence ids that qualify oOffQueueUsers / oUserPresences.
    json::object mappings;
    for (const auto& [presence, definitionId] : presenceDefinitions_) mappings[presence] = json::array{json::string(definitionId)};
    for (const auto& secondary : secondaryPresences_) mappings[secondary.systemPresence].as_array().push_back(json::string(secondary.id));
    return json::object{{"systemToOrganizationMappings", std::move(mappings)}, {"results", std::move(results)}};
}

namespace {

// ISO-8601 durations of the forms gcsim buckets honestly: whole multiples of its 30-minute
// intervals (PT30M, PT1H, P1D, ...). Anything else is refused rather than answered wrongly.
int64_t granularityMs(const std::string& text) {
    static const std::regex form(R"(^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$)");
    std::smatch match;
    int64_t ms = 0;
    if (std::regex_match(text, match, form))
        ms = (match[1].matched ? std::stoll(match[1]) * 86400000 : 0) + (match[2].matched ? std::stoll(match[2]) * 3600000 : 0) +
             (match[3].matched ? std::stoll(match[3]) * 60000 : 0);
    if (ms <= 0 || ms % (30 * 60000) != 0)
        throw ApiError{400, "invalid.value", "Value [" + text + "] is not valid for field type [granularity]: gcsim buckets in multiples of PT30M."};
    return ms;
}

std::pair<int64_t, int64_t> parseQueryInterval(const json::object& query) {
    const json::value* interval = query.if_contains("interval");
    if (!interval || !interval->is_string()) throw ApiError{400, "bad.request", "interval is required."};
    const std::string text(interval->as_string());
    const size_t slash = text.find('/');
    const auto from = parseIsoTime(text.substr(0, slash));
    const auto to = slash == std::string::npos ? std::nullopt : parseIsoTime(text.substr(slash + 1));
    if (!from || !to || *to <= *from)
        throw ApiError{400, "invalid.date", "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ"};
    return {*from, *to};
}

}  // namespace

// Swagger ConversationAggregationQuery -> ConversationAggregateQueryResponse: results[] of
// {group{queueId, mediaType}, data[]{interval, metrics[]{metric, stats}}}, one data entry per
// granularity bucket that counted something (genesys-api.md section 2, "Service level").
// gcsim answers what the panel's service level needs: groupBy [queueId, mediaType], metrics
// nOffered, tAnswered, tAbandon and oServiceLevel; other forms are refused with a 400 that says so.
json::value Core::analyticsConversationAggregates(const json::object& query) {
    const auto [fromMs, toMs] = parseQueryInterval(query);
    const json::value* granularity = query.if_contains("granularity");
    const int64_t bucketMs = granularity && granularity->is_string() ? granularityMs(std::string(granularity->as_string()))
                                                                     : toMs - fromMs;
    const auto groupBy = stringArray(query, "groupBy");
    if (std::find(groupBy.begin(), groupBy.end(), "queueId") == groupBy.end() ||
        std::find(groupBy.begin(), groupBy.end(), "mediaType") == groupBy.end())
        throw ApiError{400, "bad.request", "gcsim answers aggregates grouped by queueId and mediaType only."};
    const auto metrics = stringArray(query, "metrics");
    for (const auto& metric : metrics)
        if (metric != "nOffered" && metric != "tAnswered" && metric != "tAbandon" && metric != "oServiceLevel")
            throw ApiError{400, "bad.request", "Unsupported aggregate metric in gcsim: " + metric};
    const auto queueIds = predicateValues(query, "queueId");
    if (queueIds.empty()) throw ApiError{400, "bad.request", "The filter needs at least one queueId predicate."};
    json::array results;
    for (const auto& id : queueIds) {
        const Queue* queue = findQueue(id);
        if (!queue) continue;
        for (Media media : kAllMedia) {
            json::array data;
            const double target = queue->targets[static_cast<size_t>(media)].percentage;
            for (const auto& [start, s] : aggregateBuckets(*queue, media, fromMs, toMs, bucketMs)) {
                json::array entries;
                for (const auto& metric : metrics) {
                    json::object stats;
                    if (metric == "nOffered") stats = {{"count", s.offered}};
                    else if (metric == "tAnswered") stats = {{"count", s.answered}, {"sum", s.answeredMsSum}};
                    else if (metric == "tAbandon") stats = {{"count", s.abandoned}, {"sum", s.abandonMsSum}};
                    else stats = serviceLevelStats(s, target);
                    entries.push_back({{"metric", metric}, {"stats", std::move(stats)}});
                }
                data.push_back({{"interval", isoTime(start) + "/" + isoTime(std::min(toMs, start + bucketMs))},
                                {"metrics", std::move(entries)}});
            }
            if (!data.empty())
                results.push_back({{"group", {{"queueId", id}, {"mediaType", mediaAnalytics(media)}}}, {"data", std::move(data)}});
        }
    }
    return json::object{{"results", std::move(results)}};
}

json::value Core::analyticsConversationActivity(const json::object& query) {
    const auto metrics = stringArray(query, "metrics");
    const json::value* groupByValue = query.if_contains("groupBy");
    if (metrics.empty() || !groupByValue || !groupByValue->is_array())
        throw ApiError{400, "bad.request", "metrics and groupBy are required."};
    std::vector<std::string> groupBy;
    for (const auto& item : groupByValue->as_array())
        if (item.is_string()) groupBy.emplace_back(item.as_string());
    std::map<std::string, std::vector<std::string>> wanted;  // dimension -> allowed values
    for (const char* dimension : {"userId", "queueId", "mediaType", "conversationId"}) {
        auto values = predicateValues(query, dimension);
        if (!values.empty()) wanted[dimension] = values;
    }
    bool details = false;
    if (const json::value* list = query.if_contains("metrics"); list && list->is_array())
        for (const auto& item : list->as_array())
            if (item.is_object() && item.as_object().if_contains("details") && item.as_object().at("details").is_bool() &&
                item.as_object().at("details").as_bool())
                details = true;

    struct Group {
        json::object key;
        std::map<std::string, int> counts;
        json::array entities;
    };
    std::map<std::string, Group> groups;
    for (const auto& [id, conversation] : conversations_) {
        std::string metric = conversation.phase == Phase::Waiting    ? "oWaiting"
                             : conversation.phase == Phase::Alerting ? "oAlerting"
                             : conversation.phase == Phase::Connected ? "oInteracting"
                                                                      : "";
        if (metric.empty() || std::find(metrics.begin(), metrics.end(), metric) == metrics.end()) continue;
        std::map<std::string, std::string> dims{{"queueId", queues_[static_cast<size_t>(conversation.queue)].id},
                                                {"mediaType", mediaAnalytics(conversation.media)},
                                                {"conversationId", conversation.id}};
        if (conversation.agent >= 0) dims["userId"] = users_[static_cast<size_t>(conversation.agent)].id;
        bool keep = true;
        for (const auto& [dimension, values] : wanted) {
            auto it = dims.find(dimension);
            if (it == dims.end() || std::find(values.begin(), values.end(), it->second) == values.end()) keep = false;
        }
        if (!keep) continue;
        std::string key;
        json::object groupKey;
        for (const auto& dimension : groupBy) {
            key += dims[dimension] + "|";
            if (!dims[dimension].empty()) groupKey[dimension] = dims[dimension];
        }
        Group& group = groups[key];
        group.key = groupKey;
        group.counts[metric]++;
        if (details) {
            // activityDate: when the observed state began — for oInteracting, when the agent
            // connected (an assumption: the swagger says only "the time of the activity").
            int64_t since = conversation.startMs;
            if (metric == "oInteracting")
                for (const auto& participant : conversation.participants)
                    if (participant.purpose == "agent" && participant.comm.connectedMs) since = participant.comm.connectedMs;
            json::object entity{{"activityDate", isoTime(since)},
                                {"metric", metric},
                                {"conversationId", conversation.id},
                                {"mediaType", mediaAnalytics(conversation.media)},
                                {"queueId", dims["queueId"]},
                                {"direction", "inbound"},
                                {"participantName", conversation.customerName},
                                {"sessionId", conversation.participants.front().comm.id}};
            if (!dims["userId"].empty()) entity["userId"] = dims["userId"];
            group.entities.push_back(std::move(entity));
        }
    }
    json::array results;
    for (auto& [key, group] : groups) {
        json::array data;
        for (const auto& [metric, value] : group.counts) data.push_back({{"metric", metric}, {"count", value}});
        json::object result{{"group", group.key}, {"data", std::move(data)}, {"truncated", false}};
        if (details) result["entities"] = std::move(group.entities);
        results.push_back(std::move(result));
    }
    return json::object{{"results", std::move(results)}, {"entityIdDimension", "conversationId"}};
}

json::value Core::analyticsUserObservations(const json::object& query) {
    if (!query.if_contains("filter") || !query.if_contains("metrics"))
        throw ApiError{400, "bad.request", "filter and metrics are required."};
    const auto userIds = predicateValues(query, "userId");
    const auto metrics = stringArray(query, "metrics");
    json::array results;
    for (const auto& id : userIds) {
        const User* user = findUser(id);
        if (!user) continue;
        json::array data;
        for (const auto& metric : metrics) {
            if (metric == "oActiveQueues") {
                // One entry per active (joined, on-queue) queue, the queue id as qualifier.
                for (int q : user->queues)
                    if (user->systemPresence == "OnQueue" && user->joinedTo(q))
                        data.push_back({{"metric", metric}, {"qualifier", queues_[static_cast<size_t>(q)].id}, {"stats", {{"count", 1}}}});
            } else if (metric == "oUserPresences") {
                data.push_back({{"metric", metric}, {"qualifier", presenceDefinitionId(user->systemPresence)}, {"stats", {{"count", 1}}}});
            } else if (metric == "oUserRoutingStatuses") {
                data.push_back({{"metric", metric}, {"qualifier", user->routingStatus}, {"stats", {{"count", 1}}}});
            } else {
                throw ApiError{400, "bad.request", "Unsupported user observation metric: " + metric};
            }
        }
        results.push_back({{"group", {{"userId", id}}}, {"data", std::move(data)}});
    }
    return json::object{{"results", std::move(results)}};
}

}  // namespace gcsim
