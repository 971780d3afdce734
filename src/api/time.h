// ISO-8601 timestamps as Genesys sends them ("2026-11-24T06:31:34.123Z"), to and from
// model::TimeMs. Hand-written, allocation-free parsing: it runs several times per event.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "model/model.h"

namespace api {

// Accepts "YYYY-MM-DDTHH:MM[:SS[.fraction]]" followed by "Z" or a "+HH:MM"/"-HH:MM" offset
// (also "+HHMM"/"+HH"). The fraction may have any number of digits; it is truncated to
// milliseconds. A lowercase 't'/'z' and a space instead of 'T' are tolerated. Anything
// else — no zone designator, out-of-range fields, trailing text — gives nullopt.
std::optional<model::TimeMs> parseIsoTime(std::string_view text);

// "2026-11-24T06:31:34.123Z": always milliseconds and 'Z'.
std::string formatIsoTime(model::TimeMs time);

// "2026-11-24T06:31:00Z": rounded down to the minute, as coaching appointments want their
// dateStart (the API rounds down anyway; sending it rounded keeps what we show and store equal).
std::string formatIsoMinute(model::TimeMs time);

// The start of `time`'s day in this machine's time zone (what a supervisor calls "today").
model::TimeMs localDayStart(model::TimeMs time);

// This machine's IANA time zone name for analytics `timeZone` ("Europe/London"): $TZ when it
// names one, else the /etc/localtime link's target under zoneinfo, else "UTC".
std::string localTimeZoneName();

}  // namespace api
