// Analytics queries: queue observations (REST answer and notification body) and the
// conversation activity query used to bootstrap each agent's live conversations.
#include <algorithm>

#include "api/codec.h"
#include "api/decode_detail.h"

namespace api {
namespace detail {
namespace {

// Which QueueCounts member a metric name feeds.
std::optional<int> QueueCounts::*countMember(std::string_view metric) {
  if (metric == "oWaiting") return &QueueCounts::waiting;
  if (metric == "oInteracting") return &QueueCounts::interacting;
  if (metric == "oAlerting") return &QueueCounts::alerting;
  if (metric == "oOnQueueUsers") return &QueueCounts::onQueueUsers;
  if (metric == "oOffQueueUsers") return &QueueCounts::offQueueUsers;
  return nullptr;
}

// The earliest observationDate in observations[], or 0.
model::TimeMs earliestObservation(const json::object& metricData, const Where& where, Errors& errors) {
  const json::array* observations = readArray(metricData, "observations", where, errors);
  if (!observations) return 0;
  const Where listWhere = where.member("observations");
  model::TimeMs earliest = 0;
  for (std::size_t i = 0; i < observations->size() && !errors.any(); ++i) {
    const json::object* observation = elementObject((*observations)[i], listWhere, i, errors);
    if (!observation) break;
    model::TimeMs date = 0;
    if (readTime(*observation, "observationDate", date, listWhere.element(i), errors) && date > 0) {
      earliest = earliest == 0 ? date : std::min(earliest, date);
    }
  }
  return earliest;
}

void addMetric(const json::object& metricData, const Where& where, Errors& errors, QueueCounts& counts) {
  std::string_view metric;
  if (!readStringView(metricData, "metric", metric, where, errors)) return;
  const json::object* stats = readObject(metricData, "stats", where, errors);
  const Where statsWhere = where.member("stats");
  if (std::optional<int> QueueCounts::*member = countMember(metric)) {
    int count = 0;
    if (stats) readInt(*stats, "count", count, statsWhere, errors);
    std::optional<int>& total = counts.*member;
    total = total.value_or(0) + count;
  } else if (metric == "oLongestWaiting" && stats) {
    std::int64_t longest = 0;
    if (readInt64(*stats, "calculatedMetricValue", longest, statsWhere, errors)) {
      counts.longestWaitingMs = std::max(counts.longestWaitingMs.value_or(0), longest);
    }
  }
  if (metric == "oWaiting" || metric == "oLongestWaiting") {
    const model::TimeMs earliest = earliestObservation(metricData, where, errors);
    if (earliest > 0 && (counts.longestWaitingSince == 0 || earliest < counts.longestWaitingSince)) {
      counts.longestWaitingSince = earliest;
    }
  }
}

}  // namespace

void addObservations(const json::object& container, const Where& where, Errors& errors, QueueCounts& counts) {
  if (const json::object* group = readObject(container, "group", where, errors); group && counts.queueId.empty()) {
    readString(*group, "queueId", counts.queueId, where.member("group"), errors);
  }
  const json::array* data = readArray(container, "data", where, errors);
  if (!data) return;
  const Where dataWhere = where.member("data");
  for (std::size_t i = 0; i < data->size() && !errors.any(); ++i) {
    const json::object* entry = elementObject((*data)[i], dataWhere, i, errors);
    if (!entry) return;
    // Notification bodies may nest per-interval metrics: data[]{metrics[]}.
    if (const json::array* nested = readArray(*entry, "metrics", dataWhere.element(i), errors)) {
      const Where nestedWhere = dataWhere.element(i).member("metrics");
      for (std::size_t j = 0; j < nested->size() && !errors.any(); ++j) {
        if (const json::object* metric = elementObject((*nested)[j], nestedWhere, j, errors)) {
          addMetric(*metric, nestedWhere.element(j), errors, counts);
        }
      }
    } else {
      addMetric(*entry, dataWhere.element(i), errors, counts);
    }
  }
}

}  // namespace detail

using namespace detail;

Result<std::vector<QueueCounts>> decodeQueueObservations(std::string_view body) {
  Errors errors("queue observations");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<QueueCounts> queues;
  if (!root) return errors.failure();
  const json::array* results = readArray(*root, "results", kRoot, errors);
  if (!results) return finish(std::move(queues), errors);
  const Where listWhere = kRoot.member("results");
  for (std::size_t i = 0; i < results->size() && !errors.any(); ++i) {
    const json::object* container = elementObject((*results)[i], listWhere, i, errors);
    if (!container) break;
    QueueCounts counts;
    addObservations(*container, listWhere.element(i), errors, counts);
    if (counts.queueId.empty()) continue;  // an org-wide group: not a queue of ours
    // Groups split by mediaType come as separate results: merge them per queue.
    const auto same = std::find_if(queues.begin(), queues.end(),
                                   [&](const QueueCounts& known) { return known.queueId == counts.queueId; });
    if (same == queues.end()) {
      queues.push_back(std::move(counts));
      continue;
    }
    for (auto member : {&QueueCounts::waiting, &QueueCounts::interacting, &QueueCounts::alerting,
                        &QueueCounts::onQueueUsers, &QueueCounts::offQueueUsers}) {
      if ((counts.*member).has_value()) (*same).*member = ((*same).*member).value_or(0) + *(counts.*member);
    }
    if (counts.longestWaitingMs) {
      same->longestWaitingMs = std::max(same->longestWaitingMs.value_or(0), *counts.longestWaitingMs);
    }
    if (counts.longestWaitingSince > 0 &&
        (same->longestWaitingSince == 0 || counts.longestWaitingSince < same->longestWaitingSince)) {
      same->longestWaitingSince = counts.longestWaitingSince;
    }
  }
  return finish(std::move(queues), errors);
}

void applyQueueCounts(const QueueCounts& counts, model::Queue& queue) {
  if (counts.waiting) queue.waiting = *counts.waiting;
  if (counts.interacting) queue.interacting = *counts.interacting;
  if (counts.onQueueUsers) queue.onQueueAgents = *counts.onQueueUsers;
  if (counts.offQueueUsers) queue.offQueueAgents = *counts.offQueueUsers;
  // Nobody waiting clears it; a known oldest observation sets it; a bare duration
  // (longestWaitingMs) needs "now", which the store has and we do not.
  if (counts.waiting == 0) {
    queue.longestWaitingSince = 0;
  } else if (counts.longestWaitingSince > 0) {
    queue.longestWaitingSince = counts.longestWaitingSince;
  }
}

namespace {

// Walks the results[] of a user-grouped analytics answer: visit(userId, result, where) for
// each group, userId empty when the group names none.
template <class Visit>
void forEachUserResult(const json::object& root, Errors& errors, Visit&& visit) {
  const json::array* results = readArray(root, "results", kRoot, errors);
  if (!results) return;
  const Where listWhere = kRoot.member("results");
  for (std::size_t i = 0; i < results->size() && !errors.any(); ++i) {
    const json::object* result = elementObject((*results)[i], listWhere, i, errors);
    if (!result) break;
    const Where where = listWhere.element(i);
    std::string userId;
    if (const json::object* group = readObject(*result, "group", where, errors))
      readString(*group, "userId", userId, where.member("group"), errors);
    visit(std::move(userId), *result, where);
  }
}

void appendUnique(std::vector<std::string>& list, std::string value) {
  if (!value.empty() && std::find(list.begin(), list.end(), value) == list.end()) list.push_back(std::move(value));
}

}  // namespace

Result<ConversationsByUser> decodeConversationActivity(std::string_view body) {
  Errors errors("conversation activity");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  ConversationsByUser byUser;
  if (!root) return errors.failure();
  forEachUserResult(*root, errors, [&](std::string groupUserId, const json::object& result, const Where& where) {
    const json::array* entities = readArray(result, "entities", where, errors);
    if (!entities) {
      if (!groupUserId.empty()) byUser[groupUserId];  // a user with no live conversation
      return;
    }
    const Where entitiesWhere = where.member("entities");
    for (std::size_t j = 0; j < entities->size() && !errors.any(); ++j) {
      const json::object* entity = elementObject((*entities)[j], entitiesWhere, j, errors);
      if (!entity) break;
      std::string userId = groupUserId;
      readString(*entity, "userId", userId, entitiesWhere.element(j), errors);
      std::string conversationId;
      readString(*entity, "conversationId", conversationId, entitiesWhere.element(j), errors);
      if (!userId.empty()) appendUnique(byUser[userId], std::move(conversationId));
    }
  });
  return finish(std::move(byUser), errors);
}

namespace {
// Analytics media types (voice, callback, chat, email, message); unknown ones count as calls.
model::Media mediaFromAnalytics(std::string_view mediaType) {
  if (mediaType == "callback") return model::Media::Callback;
  if (mediaType == "chat") return model::Media::Chat;
  if (mediaType == "email") return model::Media::Email;
  if (mediaType == "message") return model::Media::Message;
  return model::Media::Call;
}
}  // namespace

Result<std::vector<LiveInteraction>> decodeLiveInteractions(std::string_view body) {
  Errors errors("conversation activity");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  std::vector<LiveInteraction> live;
  if (!root) return errors.failure();
  forEachUserResult(*root, errors, [&](std::string groupUserId, const json::object& result, const Where& where) {
    const json::array* entities = readArray(result, "entities", where, errors);
    if (!entities) return;
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
      if (readStringView(*entity, "mediaType", mediaType, at, errors)) item.media = mediaFromAnalytics(mediaType);
      readTime(*entity, "activityDate", item.since, at, errors);
      if (!item.userId.empty() && !item.conversationId.empty()) live.push_back(std::move(item));
    }
  });
  return finish(std::move(live), errors);
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
      const Where observationsWhere = dataWhere.element(j).member("observations");
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
