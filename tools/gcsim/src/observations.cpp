// Queue observations: the groups of POST /api/v2/analytics/queues/observations/query, the
// messages of the v2.analytics.queues.{id}.observations topic, and the 30-minute interval
// figures behind that topic's aggregate messages.
//
// Sources: swagger QueueObservationQuery / QueueObservationQueryResponse (REST groups and
// metric names); notification-topics-2.json StatEventQueueTopicStatsNotification
// {group, data[]{interval, metrics[]{metric, qualifier, stats}}} and genesys-api.md section 3
// (one message per queue and media type carrying only some metrics, a group without media
// type for user metrics, the current interval's aggregates, at most one message a second per
// queue); genesys-api.md section 2 "Service level" (nOffered, tAnswered, tAbandon, oServiceLevel).
#include "core.h"

#include <algorithm>
#include <random>

namespace gcsim {

namespace {

// Aggregates on the topic count the current 30-minute interval (genesys-api.md section 2).
constexpr int64_t kIntervalMs = 30 * 60 * 1000;
constexpr int64_t kHistoryKeptMs = 48LL * 3600 * 1000;  // yesterday's figures are asked for at most

const char* const kOnQueueStatuses[] = {"IDLE", "INTERACTING", "NOT_RESPONDING", "COMMUNICATING"};

std::string isoInterval(int64_t startMs, int64_t endMs) { return isoTime(startMs) + "/" + isoTime(endMs); }

json::object metricEntry(const std::string& metric, json::object stats, const std::string& qualifier = "") {
    json::object entry{{"metric", metric}};
    if (!qualifier.empty()) entry["qualifier"] = qualifier;
    entry["stats"] = std::move(stats);
    return entry;
}

// A metric a group never sent counts as zero, so only figures (not the target, a setting) matter.
bool isZero(const json::object& stats) {
    return std::all_of(stats.begin(), stats.end(), [](const json::key_value_pair& stat) {
        return stat.key() == "target" || !stat.value().is_number() || stat.value().to_number<double>() == 0;
    });
}

}  // namespace

// Queues differ in what they promise, as real orgs configure them per queue and media type
// (swagger Queue.mediaSettings.{media}.serviceLevel): a base per media type (answer a call
// within 20 s, an e-mail within an hour), then the percentage and the time vary by queue.
ServiceLevelTarget queueServiceLevelTarget(int queueIndex, Media media) {
    static constexpr double kPercentages[] = {0.8, 0.9, 0.7, 0.85};
    static constexpr double kTimeFactors[] = {1.0, 1.5, 0.5};
    int64_t baseMs = 20000;
    switch (media) {
        case Media::Call: baseMs = 20000; break;
        case Media::Callback: baseMs = 60000; break;
        case Media::Chat: baseMs = 30000; break;
        case Media::Email: baseMs = 3600000; break;
        case Media::Message: baseMs = 60000; break;
    }
    const auto q = static_cast<size_t>(queueIndex);
    return {kPercentages[q % 4], static_cast<int64_t>(static_cast<double>(baseMs) * kTimeFactors[q % 3])};
}

// Swagger QueueObservationQuery.metrics: these are counted per member, whatever the media type;
// the rest per interaction, so per media type.
bool isQueueUserMetric(const std::string& metric) {
    return metric == "oOnQueueUsers" || metric == "oOffQueueUsers" || metric == "oMemberUsers" ||
           metric == "oActiveUsers" || metric == "oUserPresences" || metric == "oUserRoutingStatuses";
}

bool isQueueConversationMetric(const std::string& metric) {
    return metric == "oWaiting" || metric == "oInteracting" || metric == "oAlerting" || metric == "oLongestWaiting" ||
           metric == "oLongestInteracting";
}

// [SECTION] Counting

Core::QueueConversationLists Core::listConversations(const Queue& queue) const {
    QueueConversationLists lists;
    for (const auto& [id, conversation] : conversations_) {
        if (conversation.queue != queue.index) continue;
        const auto media = static_cast<size_t>(conversation.media);
        if (conversation.phase == Phase::Waiting) lists.waiting[media].push_back(&conversation);
        else if (conversation.phase == Phase::Alerting) lists.alerting[media].push_back(&conversation);
        else if (conversation.phase == Phase::Connected) lists.interacting[media].push_back(&conversation);
    }
    for (auto& waiting : lists.waiting)
        std::sort(waiting.begin(), waiting.end(), [](auto* a, auto* b) { return a->queuedMs < b->queuedMs; });
    return lists;
}

json::array Core::conversationMetricData(const QueueConversationLists& lists, Media media,
                                         const std::vector<std::string>& metrics,
                                         const std::set<std::string>& detailMetrics) const {
    const auto index = static_cast<size_t>(media);
    const auto& waiting = lists.waiting[index];
    const auto& interacting = lists.interacting[index];
    const auto& alerting = lists.alerting[index];
    // A waiting interaction is observed from the moment it entered this queue.
    auto since = [](const Conversation* c) { return c->phase == Phase::Waiting ? c->queuedMs : c->startMs; };
    auto observations = [&](const std::vector<const Conversation*>& list) {
        json::array array;
        for (const Conversation* conversation : list) {
            json::object observation{{"observationDate", isoTime(since(conversation))},
                                     {"conversationId", conversation->id},
                                     {"sessionId", conversation->participants.front().comm.id},
                                     {"direction", "inbound"},
                                     {"participantName", conversation->customerName},
                                     {"addressFrom", conversation->customerAddress},
                                     {"routingPriority", 0}};
            if (conversation->agent >= 0) observation["userId"] = users_[static_cast<size_t>(conversation->agent)].id;
            array.push_back(std::move(observation));
        }
        return array;
    };
    json::array data;
    for (const auto& metric : metrics) {
        if (metric == "oWaiting" || metric == "oInteracting" || metric == "oAlerting") {
            const auto& list = metric == "oWaiting" ? waiting : metric == "oInteracting" ? interacting : alerting;
            json::object entry = metricEntry(metric, {{"count", list.size()}});
            if (detailMetrics.count(metric)) entry["observations"] = observations(list);
            data.push_back(std::move(entry));
        } else if (metric == "oLongestWaiting" || metric == "oLongestInteracting") {
            const auto& list = metric == "oLongestWaiting" ? waiting : interacting;
            json::object entry{{"metric", metric}};
            if (!list.empty()) {
                const Conversation* longest =
                    *std::min_element(list.begin(), list.end(), [&](auto* a, auto* b) { return since(a) < since(b); });
                entry["stats"] = {{"calculatedMetricValue", wallNowMs() - since(longest)}};
                entry["observations"] = observations({longest});
            } else {
                entry["stats"] = json::object{};
            }
            data.push_back(std::move(entry));
        }
    }
    return data;
}

json::array Core::userMetricData(const Queue& queue, const std::vector<std::string>& metrics) const {
    std::map<std::string, int> onQueueByStatus, offQueueByPresence, byPresence, byStatus;
    int members = 0, active = 0;
    for (int member : queue.members) {
        const User& user = users_[static_cast<size_t>(member)];
        const std::string presence = presenceDefinitionId(user.systemPresence);
        ++members;
        if (user.systemPresence != "Offline") ++active;
        byPresence[presence]++;
        byStatus[user.routingStatus]++;
        if (user.systemPresence == "OnQueue") onQueueByStatus[user.routingStatus]++;
        else offQueueByPresence[presence]++;
    }
    json::array data;
    auto count = [](int value) { return json::object{{"count", value}}; };
    for (const auto& metric : metrics) {
        if (metric == "oOnQueueUsers") {
            // Qualifier: the routing status of the on-queue members, every status listed.
            for (const char* status : kOnQueueStatuses) data.push_back(metricEntry(metric, count(onQueueByStatus[status]), status));
        } else if (metric == "oOffQueueUsers") {
            // Qualifier: the organization presence id of the off-queue members (what the answer's
            // systemToOrganizationMappings translates) [assume: read in public consumers' answers].
            for (const auto& [presence, value] : offQueueByPresence) data.push_back(metricEntry(metric, count(value), presence));
        } else if (metric == "oMemberUsers") {
            data.push_back(metricEntry(metric, count(members)));
        } else if (metric == "oActiveUsers") {
            data.push_back(metricEntry(metric, count(active)));
        } else if (metric == "oUserPresences") {
            for (const auto& [presence, value] : byPresence) data.push_back(metricEntry(metric, count(value), presence));
        } else if (metric == "oUserRoutingStatuses") {
            for (const auto& [status, value] : byStatus) data.push_back(metricEntry(metric, count(value), status));
        }
    }
    return data;
}

// [SECTION] The current interval's figures

void Core::rollInterval(Queue& queue) {
    const int64_t start = wallNowMs() / kIntervalMs * kIntervalMs;
    if (start == queue.intervalStartMs) return;
    const bool hadFigures = std::any_of(queue.interval.begin(), queue.interval.end(), [](const IntervalStats& s) {
        return s.offered || s.answered || s.abandoned;
    });
    if (hadFigures) queue.history[queue.intervalStartMs] = queue.interval;
    std::erase_if(queue.history, [&](const auto& entry) { return entry.first < start - kHistoryKeptMs; });
    queue.interval = {};
    queue.intervalStartMs = start;
    if (hadFigures) queue.observationsDirty = true;  // subscribers see the new interval's zeros
}

IntervalStats& Core::intervalStats(const Conversation& conversation) {
    Queue& queue = queues_[static_cast<size_t>(conversation.queue)];
    rollInterval(queue);
    queue.observationsDirty = true;
    return queue.interval[static_cast<size_t>(conversation.media)];
}

void Core::offerToQueue(Conversation& conversation) {
    conversation.queuedMs = wallNowMs();
    intervalStats(conversation).offered++;
}

void Core::countAnswered(const Conversation& conversation) {
    const int64_t waited = wallNowMs() - conversation.queuedMs;
    IntervalStats& stats = intervalStats(conversation);
    stats.answered++;
    stats.answeredMsSum += waited;
    const Queue& queue = queues_[static_cast<size_t>(conversation.queue)];
    if (waited <= queue.targets[static_cast<size_t>(conversation.media)].durationMs) stats.answeredInTarget++;
}

void Core::countAbandoned(const Conversation& conversation) {
    IntervalStats& stats = intervalStats(conversation);
    stats.abandoned++;
    stats.abandonMsSum += wallNowMs() - conversation.queuedMs;
}

// [SECTION] Topic messages

std::vector<Core::ObservationGroup> Core::observationGroups(Queue& queue) {
    static const std::vector<std::string> userMetrics = {"oOnQueueUsers", "oOffQueueUsers"};
    static const std::vector<std::string> conversationMetrics = {"oWaiting", "oInteracting", "oAlerting"};
    rollInterval(queue);
    const int64_t now = wallNowMs();
    std::vector<ObservationGroup> groups;
    auto add = [&](std::string key, json::object group, std::string interval, json::array data) {
        ObservationGroup& g = groups.emplace_back(ObservationGroup{std::move(key), std::move(group), std::move(interval), {}});
        for (auto& entry : data) {
            const json::object& metric = entry.as_object();
            std::string metricKey(metric.at("metric").as_string());
            if (const json::value* qualifier = metric.if_contains("qualifier")) metricKey += "|" + std::string(qualifier->as_string());
            g.metrics.emplace_back(std::move(metricKey), std::move(entry.as_object()));
        }
    };
    // Observations are a picture of now: a zero-length interval at this instant [assume].
    const std::string instant = isoInterval(now, now);
    add("users", {{"queueId", queue.id}}, instant, userMetricData(queue, userMetrics));
    const QueueConversationLists lists = listConversations(queue);
    for (Media media : kAllMedia)
        add(mediaAnalytics(media), {{"queueId", queue.id}, {"mediaType", mediaAnalytics(media)}}, instant,
            conversationMetricData(lists, media, conversationMetrics, {}));
    const std::string interval = isoInterval(queue.intervalStartMs, queue.intervalStartMs + kIntervalMs);
    for (Media media : kAllMedia) {
        const IntervalStats& s = queue.interval[static_cast<size_t>(media)];
        const ServiceLevelTarget target = queue.targets[static_cast<size_t>(media)];
        add(std::string("aggregate.") + mediaAnalytics(media), {{"queueId", queue.id}, {"mediaType", mediaAnalytics(media)}},
            interval,
            {metricEntry("nOffered", {{"count", s.offered}}),
             metricEntry("tAnswered", {{"count", s.answered}, {"sum", s.answeredMsSum}}),
             metricEntry("tAbandon", {{"count", s.abandoned}, {"sum", s.abandonMsSum}}),
             metricEntry("oServiceLevel", serviceLevelStats(s, target.percentage))});
    }
    return groups;
}

void Core::emitQueueObservations() {
    const int64_t now = steadyMs();
    for (auto& queue : queues_) {
        rollInterval(queue);
        if (!queue.observationsDirty) continue;
        const std::string topic = "v2.analytics.queues." + queue.id + ".observations";
        if (!hasSubscribers(topic)) {
            queue.observationsDirty = false;
            continue;
        }
        // At most one message a second per queue (genesys-api.md section 3): the groups with
        // news take turns, each sending its latest figures when its turn comes.
        if (now - queue.lastObservationSteadyMs < 1000) continue;
        std::vector<ObservationGroup> groups = observationGroups(queue);
        const size_t first = queue.nextObservationGroup;
        bool sent = false, more = false;
        for (size_t i = 0; i < groups.size() && !more; ++i) {
            const size_t at = (first + i) % groups.size();
            const ObservationGroup& g = groups[at];
            std::map<std::string, std::string>& last = queue.observationsSent[g.key];
            std::map<std::string, std::string> next = last;
            json::array changed;
            for (const auto& [key, entry] : g.metrics) {
                std::string stats = json::serialize(entry.at("stats"));
                const auto before = last.find(key);
                if (before == last.end() ? isZero(entry.at("stats").as_object()) : before->second == stats) continue;
                changed.push_back(entry);
                next[key] = std::move(stats);
            }
            // A qualifier no longer listed (nobody in that presence any more) is now zero.
            for (const auto& [key, stats] : last) {
                const std::string& name = key;  // clang 14 cannot capture a structured binding
                if (std::any_of(g.metrics.begin(), g.metrics.end(), [&](const auto& m) { return m.first == name; })) continue;
                const size_t bar = key.find('|');
                changed.push_back(metricEntry(key.substr(0, bar), {{"count", 0}},
                                              bar == std::string::npos ? "" : key.substr(bar + 1)));
                next.erase(key);
            }
            if (changed.empty()) continue;
            if (sent) {
                more = true;
                break;
            }
            publish(topic, [&] {
                return json::value{{"group", g.group},
                                   {"data", json::array{json::object{{"interval", g.interval}, {"metrics", changed}}}}};
            });
            last = std::move(next);
            queue.nextObservationGroup = at + 1;
            sent = true;
        }
        queue.observationsDirty = more;
        if (sent) queue.lastObservationSteadyMs = now;
    }
}

// [SECTION] Earlier today

// The org did not open when gcsim started: the intervals of the last --history-hours (from
// local midnight at the earliest) get figures drawn from a generator of the queue's own, so
// ids drawn from the org's generator stay where they were. Honest in shape: answered within
// target never exceeds answered, and the level scatters around the queue's target.
void Core::seedHistory(Queue& queue) {
    if (options_.historyHours <= 0) return;
    const int64_t now = wallNowMs();
    const int64_t current = now / kIntervalMs * kIntervalMs;
    const int64_t first = std::max(localMidnightMs(now), now - static_cast<int64_t>(options_.historyHours * 3600000));
    std::mt19937 draw(static_cast<uint32_t>(options_.seed * 7919 + static_cast<uint64_t>(queue.index)));
    const int scale = std::max<int>(1, static_cast<int>(queue.members.size()) / 10);
    for (int64_t start = (first + kIntervalMs - 1) / kIntervalMs * kIntervalMs; start < current; start += kIntervalMs) {
        auto& figures = queue.history[start];
        for (Media media : {Media::Call, Media::Chat}) {
            IntervalStats& s = figures[static_cast<size_t>(media)];
            const ServiceLevelTarget target = queue.targets[static_cast<size_t>(media)];
            s.offered = static_cast<int>(draw() % 6 + 1) * scale / (media == Media::Chat ? 2 : 1);
            s.abandoned = s.offered > 0 ? static_cast<int>(draw() % static_cast<uint32_t>(s.offered / 5 + 1)) : 0;
            s.answered = s.offered - s.abandoned;
            const double level = std::clamp(target.percentage + (static_cast<double>(draw() % 21) - 12) / 100.0, 0.0, 1.0);
            s.answeredInTarget = std::min(s.answered, static_cast<int>(level * (s.answered + s.abandoned) + 0.5));
            s.answeredMsSum = static_cast<int64_t>(s.answered) * target.durationMs * 3 / 4;
            s.abandonMsSum = static_cast<int64_t>(s.abandoned) * target.durationMs * 2;
        }
    }
}

IntervalStats Core::statsSince(const Queue& queue, Media media, int64_t fromMs) const {
    IntervalStats total;
    auto add = [&](const IntervalStats& s) {
        total.offered += s.offered;
        total.answered += s.answered;
        total.answeredInTarget += s.answeredInTarget;
        total.answeredMsSum += s.answeredMsSum;
        total.abandoned += s.abandoned;
        total.abandonMsSum += s.abandonMsSum;
    };
    const auto index = static_cast<size_t>(media);
    for (auto it = queue.history.lower_bound(fromMs); it != queue.history.end(); ++it) add(it->second[index]);
    if (queue.intervalStartMs >= fromMs) add(queue.interval[index]);
    return total;
}

// Buckets of `granularityMs` from `fromMs` to `toMs` (the aggregates query's interval and
// granularity); an interval counts in the bucket its start falls in. Empty buckets are left out.
std::vector<std::pair<int64_t, IntervalStats>> Core::aggregateBuckets(const Queue& queue, Media media, int64_t fromMs,
                                                                       int64_t toMs, int64_t granularityMs) const {
    std::vector<std::pair<int64_t, IntervalStats>> buckets;
    for (int64_t start = fromMs; start < toMs; start += granularityMs) {
        const int64_t end = std::min(toMs, start + granularityMs);
        IntervalStats all = statsSince(queue, media, start);
        const IntervalStats later = statsSince(queue, media, end);
        all.offered -= later.offered;
        all.answered -= later.answered;
        all.answeredInTarget -= later.answeredInTarget;
        all.answeredMsSum -= later.answeredMsSum;
        all.abandoned -= later.abandoned;
        all.abandonMsSum -= later.abandonMsSum;
        if (all.offered || all.answered || all.abandoned) buckets.emplace_back(start, all);
    }
    return buckets;
}

// oServiceLevel as the aggregates and the topic give it: answered within target over answered
// + abandoned (genesys-api.md section 2), ratio only when there is a denominator.
json::object serviceLevelStats(const IntervalStats& s, double target) {
    const int denominator = s.answered + s.abandoned;
    json::object stats{{"numerator", s.answeredInTarget}, {"denominator", denominator}, {"target", target}};
    if (denominator > 0) stats["ratio"] = static_cast<double>(s.answeredInTarget) / denominator;
    return stats;
}

// [SECTION] Ground truth

// Today (local midnight to now) per media type and for the queue: the ratio (null before
// anything was answered or abandoned) and the target; the queue's target is the media
// types' weighted by what each counted, the call target while nothing counted.
json::object Core::serviceLevelTruth(const Queue& queue) const {
    const int64_t midnight = localMidnightMs(wallNowMs());
    json::object byMedia;
    double numerator = 0, denominator = 0, weightedTarget = 0;
    for (Media media : kAllMedia) {
        const IntervalStats s = statsSince(queue, media, midnight);
        const double target = queue.targets[static_cast<size_t>(media)].percentage;
        const int counted = s.answered + s.abandoned;
        json::value level = nullptr;
        if (counted > 0) level = static_cast<double>(s.answeredInTarget) / counted;
        byMedia[mediaAnalytics(media)] = {{"serviceLevel", level}, {"serviceLevelTarget", target},
                                          {"offeredToday", s.offered}, {"answeredToday", s.answered},
                                          {"answeredInTargetToday", s.answeredInTarget}, {"abandonedToday", s.abandoned}};
        numerator += s.answeredInTarget;
        denominator += counted;
        weightedTarget += target * counted;
    }
    json::value level = nullptr;
    if (denominator > 0) level = numerator / denominator;
    const double target = denominator > 0 ? weightedTarget / denominator
                                          : queue.targets[static_cast<size_t>(Media::Call)].percentage;
    return {{"serviceLevel", level}, {"serviceLevelTarget", target}, {"byMedia", std::move(byMedia)}};
}

json::object Core::queueTruthJson(const Queue& queue) const {
    const QueueConversationLists lists = listConversations(queue);
    json::object byMedia;
    size_t waiting = 0, alerting = 0, interacting = 0;
    for (Media media : kAllMedia) {
        const auto index = static_cast<size_t>(media);
        const IntervalStats& s = queue.interval[index];
        waiting += lists.waiting[index].size();
        alerting += lists.alerting[index].size();
        interacting += lists.interacting[index].size();
        byMedia[mediaAnalytics(media)] = {{"waiting", lists.waiting[index].size()},
                                          {"alerting", lists.alerting[index].size()},
                                          {"interacting", lists.interacting[index].size()},
                                          {"offered", s.offered},
                                          {"answered", s.answered},
                                          {"answeredInTarget", s.answeredInTarget},
                                          {"abandoned", s.abandoned}};
    }
    int onQueue = 0, offQueue = 0;
    for (int member : queue.members)
        (users_[static_cast<size_t>(member)].systemPresence == "OnQueue" ? onQueue : offQueue)++;
    json::object serviceLevel = serviceLevelTruth(queue);
    for (auto& [media, figures] : serviceLevel.at("byMedia").as_object())
        for (auto& [key, value] : figures.as_object()) byMedia[media].as_object()[key] = value;
    return {{"waiting", waiting},
            {"alerting", alerting},
            {"interacting", interacting},
            {"onQueueUsers", onQueue},
            {"offQueueUsers", offQueue},
            {"serviceLevel", serviceLevel.at("serviceLevel")},
            {"serviceLevelTarget", serviceLevel.at("serviceLevelTarget")},
            {"byMedia", std::move(byMedia)}};
}

}  // namespace gcsim
