// The contract side of the REST decoders: a body holding every property the swagger
// declares for the response definition, each with a value of the declared type and
// format, must decode. Catches a decoder stricter than the real API.
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <functional>

#include "api/codec.h"
#include "contract_files.h"

namespace {

namespace json = boost::json;

const json::object& definitions() {
  static const json::value swagger = contracts::contract(contracts::kPlatformApiSwagger);
  return swagger.at("definitions").as_object();
}

json::value sampleDefinition(std::string_view name, int depth);

// A value for one swagger schema; references are expanded to `depth` levels.
json::value sampleSchema(const json::object& schema, int depth) {
  if (const json::value* ref = schema.if_contains("$ref")) {
    std::string_view target = ref->as_string();
    return sampleDefinition(target.substr(target.rfind('/') + 1), depth - 1);
  }
  const json::value* typeValue = schema.if_contains("type");
  const std::string_view type = typeValue ? std::string_view(typeValue->as_string()) : "object";
  if (type == "string") {
    if (const json::value* values = schema.if_contains("enum")) return values->as_array().front();
    const json::value* format = schema.if_contains("format");
    if (format && format->as_string() == "date-time") return "2026-11-24T08:00:00.000Z";
    return "x";
  }
  if (type == "integer") return 1;
  if (type == "number") return 1.5;
  if (type == "boolean") return true;
  if (type == "array") return json::array{sampleSchema(schema.at("items").as_object(), depth)};
  json::object object;
  if (const json::value* additional = schema.if_contains("additionalProperties");
      additional && additional->is_object() && depth > 0) {
    object["k"] = sampleSchema(additional->as_object(), depth - 1);
  }
  return object;
}

json::value sampleDefinition(std::string_view name, int depth) {
  json::object object;
  if (depth <= 0) return object;
  const json::value* properties = definitions().at(name).as_object().if_contains("properties");
  if (!properties) return object;
  for (const auto& property : properties->as_object()) {
    object[property.key()] = sampleSchema(property.value().as_object(), depth);
  }
  return object;
}

struct Case {
  const char* definition;
  std::function<std::string(std::string_view)> decode;  // returns the error, "" when ok
};

template <class Decoder>
std::function<std::string(std::string_view)> errorOf(Decoder decoder) {
  return [decoder](std::string_view body) {
    auto result = decoder(body);
    return result.ok() ? std::string() : result.error();
  };
}

TEST(SwaggerShapes, EveryDeclaredPropertyDecodes) {
  const std::vector<Case> cases{
      {"UserEntityListing", errorOf([](std::string_view b) { return api::decodeUsersPage(b); })},
      {"QueueEntityListing", errorOf(api::decodeQueuesPage)},
      {"QueueMemberEntityListing", errorOf([](std::string_view b) { return api::decodeQueueMembersPage(b); })},
      {"UserQueueEntityListing", errorOf(api::decodeUserQueuesPage)},
      {"OrganizationPresenceDefinitionEntityListing", errorOf(api::decodePresenceDefinitions)},
      {"Conversation", errorOf([](std::string_view b) { return api::decodeConversation(b); })},
      {"CoachingAppointmentResponse", errorOf([](std::string_view b) { return api::decodeAppointment(b); })},
      {"CoachingAppointmentResponseList", errorOf(api::decodeAppointmentsPage)},
      {"CoachingAppointmentStatusResponse", errorOf(api::decodeAppointmentStatusResponse)},
      {"QueueObservationQueryResponse", errorOf(api::decodeQueueObservations)},
      {"ConversationActivityResponse", errorOf(api::decodeConversationActivity)},
      {"ConversationAggregateQueryResponse", errorOf(api::decodeConversationAggregates)},
      {"UserObservationQueryResponse", errorOf(api::decodeUserObservations)},
      {"TranscriptUrl", errorOf(api::decodeTranscriptUrl)},
      {"TokenInfo", errorOf(api::decodeTokenInfo)},
      {"UserMe", errorOf(api::decodeCurrentUser)},
      {"UserStations", errorOf(api::decodeStation)},
      {"Channel", errorOf(api::decodeChannel)},
      {"ChannelTopicEntityListing", errorOf(api::decodeSubscriptions)},
  };
  for (const Case& c : cases) {
    const std::string body = json::serialize(sampleDefinition(c.definition, 5));
    EXPECT_EQ(c.decode(body), "") << c.definition;
  }
}

TEST(SwaggerShapes, SampledConversationKeepsItsCommunications) {
  const auto conversation = api::decodeConversation(json::serialize(sampleDefinition("Conversation", 5)));
  ASSERT_TRUE(conversation.ok()) << conversation.error();
  ASSERT_EQ(conversation->participants.size(), 1u);
  // calls, callbacks, chats, emails, messages: one each.
  EXPECT_EQ(conversation->participants[0].communications.size(), 5u);
}

}  // namespace
