// Genesys enum strings -> model enums. Matching ignores case, spaces, '_' and '-', because
// the same value arrives as "OnQueue" (swagger), "On Queue" (users?expand=presence),
// "ON_QUEUE" and "AVAILABLE" (notification bodies). Unknown strings map to the Unknown
// value: a new enum value on the server must not break decoding.
#pragma once

#include <string_view>

#include "model/model.h"

namespace api {

model::Presence presenceFromString(std::string_view text);
model::RoutingStatus routingStatusFromString(std::string_view text);
model::CommState commStateFromString(std::string_view text);
model::Purpose purposeFromString(std::string_view text);
model::AppointmentStatus appointmentStatusFromString(std::string_view text);

// The strings the API expects back (appointment status PATCH, statuses= query).
std::string_view appointmentStatusToApi(model::AppointmentStatus status);

}  // namespace api
