// The contract side of the notification decoder: a body holding every field that the
// official SDK declares for a topic, each with a value of the declared type, must decode.
// This catches a decoder that is stricter than the real shapes (a number read as a string).
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <gtest/gtest.h>

#include <set>

#include "api/events.h"
#include "contract_files.h"

namespace {

namespace json = boost::json;

const json::object& topicsFile() {
  static const json::value file = contracts::contract(contracts::kNotificationTopics);
  return file.as_object();
}

bool looksLikeTime(std::string_view field) {
  return field.ends_with("Time") || field.ends_with("Date") || field.starts_with("date") ||
         field == "inactivityTimeout" || field == "expires";
}

// A value of the declared type; models are expanded to `depth` levels.
json::value sample(std::string_view field, std::string_view type, int depth);

json::value sampleModel(std::string_view model, int depth) {
  json::object object;
  const json::object& models = topicsFile().at("models").as_object();
  if (depth <= 0 || !models.contains(model)) return object;
  for (const auto& member : models.at(model).as_object()) {
    object[member.key()] = sample(member.key(), member.value().as_string(), depth - 1);
  }
  return object;
}

json::value sample(std::string_view field, std::string_view type, int depth) {
  if (type.starts_with("Array<")) {
    const std::string_view element = type.substr(6, type.size() - 7);
    return json::array{sample(field, element, depth)};
  }
  if (type == "number") return 1;
  if (type == "boolean") return true;
  if (type.starts_with("string (") && type != "string (ISO-8601)") {
    // "string (A|B|C)": the first listed value.
    return json::string(type.substr(8, type.find_first_of("|)") - 8));
  }
  if (type.starts_with("string")) {
    return looksLikeTime(field) || type == "string (ISO-8601)" ? json::value("2026-11-24T08:00:00.000Z")
                                                               : json::value("x");
  }
  if (type.starts_with("{id:")) return json::object{{"id", "appt-1"}};
  if (type.starts_with("{ [key: string]: string")) return json::object{{"k", "v"}};
  if (type.starts_with("{ [key: string]:")) return json::object{{"k", json::object{}}};
  return sampleModel(type, depth);
}

// Topics in notification-topics-2.json that the panel never subscribes to, so its decoder
// passes them on as UnknownEvent (ignored). Every topic of the file is used today.
const std::set<std::string> kTopicsThePanelDoesNotUse{};

class TopicShape : public ::testing::TestWithParam<std::string> {};

TEST_P(TopicShape, EveryDeclaredFieldDecodes) {
  const std::string pattern = GetParam();
  const std::string model(topicsFile().at("topics").at(pattern).as_string());
  std::string topic = pattern;
  topic.replace(topic.find("{id}"), 4, "id-1");
  const json::object message{{"topicName", topic}, {"version", "2"}, {"eventBody", sampleModel(model, 5)},
                             {"metadata", json::object{{"CorrelationId", "c"}}}};
  api::NotificationDecoder decoder;
  const api::DecodedMessage decoded = decoder.decode(json::serialize(message));
  ASSERT_TRUE(decoded.ok()) << decoded.error;
  ASSERT_TRUE(decoded.event.has_value());
  EXPECT_EQ(std::holds_alternative<api::UnknownEvent>(*decoded.event), kTopicsThePanelDoesNotUse.count(pattern) == 1)
      << topic << ": decoded unless the panel does not use it";
  // The sample really went through the nested shapes.
  const model::Conversation* conversation = nullptr;
  if (const auto* event = std::get_if<api::UserConversationEvent>(&*decoded.event)) conversation = &event->conversation;
  if (const auto* event = std::get_if<api::QueueConversationEvent>(&*decoded.event)) conversation = &event->conversation;
  if (conversation) {
    ASSERT_EQ(conversation->participants.size(), 1u);
    EXPECT_FALSE(conversation->participants[0].communications.empty());
    EXPECT_GT(conversation->participants[0].connectedTime, 0);
  }
  if (const auto* event = std::get_if<api::TranscriptionEvent>(&*decoded.event)) {
    EXPECT_EQ(event->lines.size(), 1u);
  }
  if (const auto* event = std::get_if<api::CoachingEvent>(&*decoded.event)) {
    EXPECT_EQ(event->appointmentId, "appt-1");
  }
}

std::vector<std::string> topicPatterns() {
  std::vector<std::string> patterns;
  for (const auto& topic : topicsFile().at("topics").as_object()) {
    if (std::string_view(topic.key()).find("{id}") != std::string_view::npos) patterns.emplace_back(topic.key());
  }
  return patterns;
}

INSTANTIATE_TEST_SUITE_P(NotificationTopics, TopicShape, ::testing::ValuesIn(topicPatterns()),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name;
                           for (const char c : info.param) name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                           return name;
                         });

}  // namespace
