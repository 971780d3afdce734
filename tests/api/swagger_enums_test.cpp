// The contract side of the enum mapping: every value the swagger lists must map to a
// model value (not Unknown), except the few the model deliberately has no state for.
#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <set>

#include "api/enums.h"
#include "contract_files.h"

namespace {

namespace json = boost::json;

const json::object& definitions() {
  static const json::value swagger = contracts::contract(contracts::kPlatformApiSwagger);
  return swagger.at("definitions").as_object();
}

std::vector<std::string> enumOf(std::string_view definition, std::string_view property) {
  std::vector<std::string> values;
  for (const json::value& value : definitions().at(definition).at("properties").at(property).at("enum").as_array()) {
    values.emplace_back(value.as_string());
  }
  return values;
}

TEST(SwaggerEnums, EverySystemPresenceIsKnown) {
  const auto values = enumOf("OrganizationPresenceDefinition", "systemPresence");
  ASSERT_GE(values.size(), 10u);
  for (const std::string& value : values) {
    EXPECT_NE(api::presenceFromString(value), model::Presence::Unknown) << value;
  }
}

TEST(SwaggerEnums, EveryRoutingStatusIsKnown) {
  for (const std::string& value : enumOf("RoutingStatus", "status")) {
    EXPECT_NE(api::routingStatusFromString(value), model::RoutingStatus::Unknown) << value;
  }
}

TEST(SwaggerEnums, EveryAppointmentStatusIsKnownAndRoundTrips) {
  for (const std::string& value : enumOf("CoachingAppointmentResponse", "status")) {
    const model::AppointmentStatus status = api::appointmentStatusFromString(value);
    EXPECT_NE(status, model::AppointmentStatus::Unknown) << value;
    EXPECT_EQ(api::appointmentStatusToApi(status), value);
  }
}

TEST(SwaggerEnums, CommunicationStatesMapExceptTransientOnes) {
  // Media-processing states with no meaning for a supervisor stay Unknown on purpose.
  const std::set<std::string> unmapped{"converting", "uploading", "transmitting", "parked"};
  for (const char* definition : {"Call", "Callback", "ConversationChat", "Email", "Message"}) {
    for (const std::string& value : enumOf(definition, "state")) {
      EXPECT_EQ(api::commStateFromString(value) == model::CommState::Unknown, unmapped.count(value) == 1)
          << definition << "." << value;
    }
  }
}

}  // namespace
