// Analytics queries: queue observations (REST answer and notification body) and the
// conversation activity query used to bootstrap each agent's live conversations.
#include <algorithm>
#include <array>

#include "api/codec.h"
#include "api/decode_detail.h"
#include "api/time.h"

namespace api {

namespace {
// Analytics spells a call "voice" (swagger analytics mediaType enums); the rest as the
// conversation media arrays do. In model::Media order.
constexpr std::array<std::string_view, model::kMediaCount> kAnalyticsMediaTypes{"voice", "callback", "chat", "email",
                                                                                "message"};
}  // namespace

std::optional<model::Media> mediaFromAnalytics(std::string_view mediaType) {
  for (std::size_t i = 0; i < kAnalyticsMediaTypes.size(); ++i)
    if (kAnalyticsMediaTypes[i] == mediaType) return static_cast<model::Media>(i);
  return std::nullopt;
}

std::string_view mediaToAnalytics(model::Media media) { return kAnalyticsMediaTypes[static_cast<std::size_t>(media)]; }

namespace detail {
namespace {

// The oWaiting observations[] (ObservationValue): conversation and when it started waiting.
std::vector<model::WaitingInteraction> waitingObservations(const json::array& observations, model::Media media,
                                                           const Where& where, Errors& errors) {
  std::vector<model::WaitingInteraction> waiting;
  for (std::size_t i = 0; i < observations.size() && !errors.any(); ++i) {
    const json::object* observation = elementObject(observations[i], where, i, errors);
    if (!observation) break;
    model::WaitingInteraction& entry = waiting.emplace_back();
    entry.media = media;
    readString(*observation, "conversationId", entry.conversationId, where.element(i), errors);
    readTime(*observation, "observationDate", entry.since, where.element(i), errors);
  }
  return waiting;
}

// One ObservationMetricData / StatEventQueueTopicMetricStats {metric, qualifier, stats}.
void decodeMetric(const json::object& metricData, const Where& where, Errors& errors, QueueObservationGroup& out) {
  std::string_view metric;
  if (!readStringView(metricData, "metric", metric, where, errors)) return;
  const json::object* stats = readObject(metricData, "stats", where, errors);
  const Where statsWhere = where.member("stats");
  auto count = [&](std::optional<int>& into) {
    int value = 0;
    if (stats && readInt(*stats, "count", value, statsWhere, errors)) into = value;
  };
  if (metric == "oWaiting") {
    count(out.waiting);
    if (const json::array* observations = readArray(metricData, "observations", where, errors))
      out.waitingDetail = waitingObservations(*observations, out.media.value_or(model::Media::Call),
                                              where.member("observations"), errors);
  } else if (metric == "oInteracting") {
    count(out.interacting);
  } else if (metric == "oAlerting") {
    count(out.alerting);
  } else if (metric == "oOnQueueUsers" || metric == "oOffQueueUsers") {
    // Qualifier: routing status (on queue) or organization presence id (off queue); none = all.
    model::QualifiedCount qualified;
    readString(metricData, "qualifier", qualified.qualifier, where, errors);
    if (stats) readInt(*stats, "count", qualified.count, statsWhere, errors);
    (metric == "oOnQueueUsers" ? out.onQueueUsers : out.offQueueUsers).push_back(std::move(qualified));
    out.hasUserCounts = true;
  } else if (metric == "nOffered") {
    count(out.offered);
  } else if (metric == "tAnswered") {
    count(out.answered);
  } else if (metric == "tAbandon") {
    count(out.abandoned);
  } else if (metric == "oServiceLevel" && stats) {
    QueueObservationGroup::ServiceLevel level;
    readDouble(*stats, "numerator", level.numerator, statsWhere, errors);
    readDouble(*stats, "denominator", level.denominator, statsWhere, errors);
    readDouble(*stats, "target", level.target, statsWhere, errors);
    out.serviceLevel = level;
  }
  // Other metrics (oLongestWaiting, oUserRoutingStatuses, ...) are not shown.
}

// Calls visit(result, where) for each results[] element of an analytics answer (every
// analytics response nests its groups so); stops at the first malformed element.
template <class Visit>
void forEachResult(const json::object& root, Errors& errors, Visit&& visit) {
  const json::array* results = readArray(root, "results", kRoot, errors);
  if (!results) return;
  const Where listWhere = kRoot.member("results");
  for (std::size_t i = 0; i < results->size() && !errors.any(); ++i) {
    const json::object* result = elementObject((*results)[i], listWhere, i, errors);
    if (!result) break;
    visit(*result, listWhere.element(i));
  }
}

// data[].interval "start/end" (ISO-8601): its start.
void readIntervalStart(const json::object& entry, const Where& where, Errors& errors, model::TimeMs& out) {
  std::string_view interval;
  if (!readStringView(entry, "interval", interval, where, errors)) return;
  // An interval the panel cannot read leaves the start unknown (0) rather than losing the
  // message: its counts are still good, and only aggregates need an interval.
  if (const auto start = parseIsoTime(interval.substr(0, interval.find('/')))) out = *start;
}

void decodeGroupHeader(const json::object& container, const Where& where, Errors& errors, QueueObservationGroup& out) {
  if (const json::object* group = readObject(container, "group", where, errors)) {
    const Where groupWhere = where.member("group");
    if (out.queueId.empty()) readString(*group, "queueId", out.queueId, groupWhere, errors);
    std::string_view mediaType;
    if (readStringView(*group, "mediaType", mediaType, groupWhere, errors)) {
      out.media = mediaFromAnalytics(mediaType);
      out.unknownMediaType = !out.media;
    }
  }
}

// One data[] entry: {interval, metrics[]} (notifications, aggregates) or a bare metric (REST observations).
void decodeDataEntry(const json::object& entry, const Where& entryWhere, Errors& errors, QueueObservationGroup& out) {
  if (const json::array* metrics = readArray(entry, "metrics", entryWhere, errors)) {
    readIntervalStart(entry, entryWhere, errors, out.intervalStart);
    const Where metricsWhere = entryWhere.member("metrics");
    for (std::size_t j = 0; j < metrics->size() && !errors.any(); ++j)
      if (const json::object* metric = elementObject((*metrics)[j], metricsWhere, j, errors))
        decodeMetric(*metric, metricsWhere.element(j), errors, out);
  } else {
    decodeMetric(entry, entryWhere, errors, out);
  }
}

}  // namespace

void decodeObservationGroup(const json::object& container, const Where& where, Errors& errors,
                            QueueObservationGroup& out) {
  decodeGroupHeader(container, where, errors, out);
  const json::array* data = readArray(container, "data", where, errors);
  if (!data) return;
  const Where dataWhere = where.member("data");
  for (std::size_t i = 0; i < data->size() && !errors.any(); ++i) {
    const json::object* entry = elementObject((*data)[i], dataWhere, i, errors);
    if (!entry) return;
    decodeDataEntry(*entry, dataWhere.element(i), errors, out);
  }
}

}  // namespace detail

using namespace detail;

Result<std::vector<QueueObservationGroup>> decodeQueueObservations(std::string_view body) {
  Errors errors("queue observations");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<QueueObservationGroup> groups;
  if (!root) return errors.failure();
  forEachResult(*root, errors, [&](const json::object& container, const Where& where) {
    QueueObservationGroup group;
    decodeObservationGroup(container, where, errors, group);
    if (!group.queueId.empty()) groups.push_back(std::move(group));  // an org-wide group: not a queue of ours
  });
  return finish(std::move(groups), errors);
}

Result<std::vector<QueueObservationGroup>> decodeConversationAggregates(std::string_view body) {
  Errors errors("conversation aggregates");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<QueueObservationGroup> buckets;
  if (!root) return errors.failure();
  forEachResult(*root, errors, [&](const json::object& container, const Where& where) {  // none: nothing counted
    QueueObservationGroup header;
    decodeGroupHeader(container, where, errors, header);
    const json::array* data = readArray(container, "data", where, errors);
    if (!data || header.queueId.empty() || !header.media) return;  // a media type the panel does not model
    const Where dataWhere = where.member("data");
    for (std::size_t j = 0; j < data->size() && !errors.any(); ++j) {
      const json::object* entry = elementObject((*data)[j], dataWhere, j, errors);
      if (!entry) break;
      QueueObservationGroup& bucket = buckets.emplace_back(header);
      decodeDataEntry(*entry, dataWhere.element(j), errors, bucket);
    }
  });
  return finish(std::move(buckets), errors);
}

namespace {

// Walks the results[] of a user-grouped analytics answer: visit(userId, result, where) for
// each group, userId empty when the group names none.
template <class Visit>
void forEachUserResult(const json::object& root, Errors& errors, Visit&& visit) {
  forEachResult(root, errors, [&](const json::object& result, const Where& where) {
    std::string userId;
    if (const json::object* group = readObject(result, "group", where, errors))
      readString(*group, "userId", userId, where.member("group"), errors);
    visit(std::move(userId), result, where);
  });
}

void appendUnique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

}  // namespace

namespace {
// Both activity decoders: every entity as a LiveInteraction; `quiet` (if given) gets the
// users whose group lists no live conversation.
Result<std::vector<LiveInteraction>> walkActivity(std::string_view body, std::vector<std::string>* quiet) {
  Errors errors("conversation activity");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<LiveInteraction> live;
  if (!root) return errors.failure();
  forEachUserResult(*root, errors, [&](std::string groupUserId, const json::object& result, const Where& where) {
    const json::array* entities = readArray(result, "entities", where, errors);
    if (!entities) {
      if (quiet && !groupUserId.empty()) quiet->push_back(groupUserId);
      return;
    }
    const Where entitiesWhere = where.member("entities");
    for (std::size_t j = 0; j < entities->size() && !errors.any(); ++j) {
      const json::object* entity = elementObject((*entities)[j], entitiesWhere, j, errors);
      if (!entity) break;
      const Where at = entitiesWhere.element(j);
      LiveInteraction item;
      item.userId = groupUserId;
      readString(*entity, "userId", item.userId, at, errors);
      readString(*entity, "conversationId", item.conversationId, at, errors);
      std::string_view mediaType;
      if (readStringView(*entity, "mediaType", mediaType, at, errors))
        item.media = mediaFromAnalytics(mediaType).value_or(model::Media::Call);  // an unknown one counts as a call
      readTime(*entity, "activityDate", item.since, at, errors);
      if (!item.userId.empty() && !item.conversationId.empty()) live.push_back(std::move(item));
    }
  });
  return finish(std::move(live), errors);
}
}  // namespace

Result<std::vector<LiveInteraction>> decodeLiveInteractions(std::string_view body) { return walkActivity(body, nullptr); }

// The same answer grouped by user: each user's live conversation ids, in order, once; a
// user whose group lists none has an empty list.
Result<ConversationsByUser> decodeConversationActivity(std::string_view body) {
  std::vector<std::string> quiet;
  auto live = walkActivity(body, &quiet);
  if (!live) return Failure{live.error()};
  ConversationsByUser byUser;
  for (const auto& user : quiet) byUser[user];
  for (auto& item : *live) appendUnique(byUser[item.userId], std::move(item.conversationId));
  return byUser;
}

Result<QueuesByUser> decodeUserObservations(std::string_view body) {
  Errors errors("user observations");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  QueuesByUser byUser;
  if (!root) return errors.failure();
  forEachUserResult(*root, errors, [&](std::string userId, const json::object& result, const Where& where) {
    if (userId.empty()) return;
    std::vector<std::string>& queueIds = byUser[userId];
    const json::array* data = readArray(result, "data", where, errors);
    if (!data) return;
    const Where dataWhere = where.member("data");
    for (std::size_t j = 0; j < data->size() && !errors.any(); ++j) {
      const json::object* metric = elementObject((*data)[j], dataWhere, j, errors);
      if (!metric) break;
      std::string_view name;
      readStringView(*metric, "metric", name, dataWhere.element(j), errors);
      if (name != "oActiveQueues") continue;
      // The queue id is the observation's qualifier, or listed per observation.
      std::string qualifier;
      if (readString(*metric, "qualifier", qualifier, dataWhere.element(j), errors))
        appendUnique(queueIds, std::move(qualifier));
      const json::array* observations = readArray(*metric, "observations", dataWhere.element(j), errors);
      if (!observations) continue;
      const Where metricWhere = dataWhere.element(j);  // a stored path's parent must outlive it
      const Where observationsWhere = metricWhere.member("observations");
      for (std::size_t k = 0; k < observations->size() && !errors.any(); ++k) {
        const json::object* observation = elementObject((*observations)[k], observationsWhere, k, errors);
        if (!observation) break;
        std::string queueId;
        if (readString(*observation, "queueId", queueId, observationsWhere.element(k), errors))
          appendUnique(queueIds, std::move(queueId));
      }
    }
  });
  return finish(std::move(byUser), errors);
}

}  // namespace api
