// Internal to src/api: object-level decoders shared by the REST codecs (codec_*.cpp) and
// the notification decoder (events.cpp), which reach the same shapes through different
// documents. Each writes into `out` and reports problems to `errors`.
#pragma once

#include "api/codec.h"
#include "api/json_read.h"

namespace api::detail {

// UserPresence / PresenceEventUserPresence.
struct PresenceFields {
  model::Presence presence = model::Presence::Unknown;
  std::string raw;               // the systemPresence text when the panel does not know it
  std::string definitionId;
  model::TimeMs modifiedDate = 0;
  std::string message;
};
void decodePresence(const json::object& presence, const Where& where, Errors& errors, PresenceFields& out);

// RoutingStatus {status, startTime}.
struct RoutingFields {
  model::RoutingStatus status = model::RoutingStatus::Unknown;
  std::string raw;               // the status text when the panel does not know it
  model::TimeMs startTime = 0;
};
void decodeRoutingStatus(const json::object& routing, const Where& where, Errors& errors, RoutingFields& out);

// User (with presence/routingStatus/conversationSummary expanded) -> Agent.
void decodeAgent(const json::object& user, const Where& where, Errors& errors, const PresenceLabels* labels,
                 model::Agent& out);

// Conversation (REST), ConversationEventTopicConversation, QueueConversationEventTopicConversation
// and the call-only variants whose participants carry their call state directly.
void decodeConversation(const json::object& conversation, const Where& where, Errors& errors,
                        model::Conversation& out);

// CoachingAppointmentResponse.
void decodeAppointment(const json::object& appointment, const Where& where, Errors& errors,
                       model::Appointment& out);

// One queue observation group {group, data[]}: a REST QueueObservationDataContainer (data[] of
// ObservationMetricData) or a notification body (data[]{interval, metrics[]}). The queueId is
// taken from group.queueId when `out` has none.
void decodeObservationGroup(const json::object& container, const Where& where, Errors& errors,
                            QueueObservationGroup& out);

// The paging members of an entity listing.
void decodePaging(const json::object& listing, Errors& errors, int& pageNumber, int& pageSize,
                  int& pageCount, std::int64_t& total, std::string& nextUri);

// An entity listing {entities[], pageNumber, ...}: `decodeEntity(object, where, errors, T&)`
// runs on each element of entities[].
template <class T, class DecodeEntity>
Result<Page<T>> decodePage(std::string_view body, std::string_view subject, DecodeEntity decodeEntity) {
  Errors errors(subject);
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  Page<T> page;
  if (!root) return errors.failure();
  decodePaging(*root, errors, page.pageNumber, page.pageSize, page.pageCount, page.total, page.nextUri);
  if (const json::array* entities = readArray(*root, "entities", kRoot, errors)) {
    const Where list = kRoot.member("entities");
    page.items.reserve(entities->size());
    for (std::size_t i = 0; i < entities->size() && !errors.any(); ++i) {
      if (const json::object* entity = elementObject((*entities)[i], list, i, errors)) {
        decodeEntity(*entity, list.element(i), errors, page.items.emplace_back());
      }
    }
  }
  return finish(std::move(page), errors);
}

}  // namespace api::detail
