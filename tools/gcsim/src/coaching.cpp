// Coaching appointments: validation, date clashes, the status state machine, linked
// conversations and annotations, with wem.coaching.notifications events.
#include "core.h"

#include <algorithm>

namespace gcsim {

namespace {

constexpr size_t kMaxBodyBytes = 64 * 1024;
constexpr size_t kMaxExternalLinkBytes = 1024;

[[noreturn]] void invalid(const std::string& message) { throw ApiError{400, "validation.error", message}; }

json::object bodyObject(const HttpRequest& request) {
    if (request.body.size() > kMaxBodyBytes)
        throw ApiError{413, "request.entity.too.large",
                       "The request is over the size limit. Maximum bytes: " + std::to_string(kMaxBodyBytes)};
    return parseBodyObject(request.body);
}

std::optional<std::string> optionalString(const json::object& body, const char* key) {
    const json::value* value = body.if_contains(key);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_string()) invalid(std::string(key) + " must be a string.");
    return std::string(value->as_string());
}

std::optional<std::vector<std::string>> optionalStrings(const json::object& body, const char* key) {
    const json::value* value = body.if_contains(key);
    if (!value || value->is_null()) return std::nullopt;
    if (!value->is_array()) invalid(std::string(key) + " must be an array of strings.");
    std::vector<std::string> items;
    for (const auto& item : value->as_array()) {
        if (!item.is_string()) invalid(std::string(key) + " must be an array of strings.");
        items.emplace_back(item.as_string());
    }
    return items;
}

int64_t parseStart(const std::string& text) {
    auto parsed = parseIsoTime(text);
    if (!parsed)
        throw ApiError{400, "invalid.date", "Dates must be specified as ISO-8601 strings. For example: yyyy-MM-ddTHH:mm:ss.SSSZ"};
    return *parsed;
}

int parseLength(const json::value& value) {
    if (!value.is_int64() && !value.is_uint64()) invalid("lengthInMinutes must be a whole number of minutes.");
    const int64_t minutes = value.is_int64() ? value.as_int64() : static_cast<int64_t>(value.as_uint64());
    if (minutes < 1 || minutes > 1440) invalid("lengthInMinutes must be between 1 and 1440.");
    return static_cast<int>(minutes);
}

void checkLinks(const std::vector<std::string>& links) {
    for (const auto& link : links)
        if (link.size() > kMaxExternalLinkBytes)
            invalid("externalLinks entries may be at most " + std::to_string(kMaxExternalLinkBytes) + " characters.");
}

bool allowedMove(const std::string& from, const std::string& to) {
    return (from == "Scheduled" && (to == "InProgress" || to == "Completed")) || (from == "InProgress" && to == "Completed");
}

}  // namespace

std::optional<std::string> Core::appointmentConflict(const Appointment& candidate, const std::string& ignoreId) const {
    const int64_t start = candidate.startMs, end = candidate.startMs + candidate.lengthMinutes * 60000LL;
    std::vector<int> people = candidate.attendees;
    if (candidate.facilitator >= 0) people.push_back(candidate.facilitator);
    for (const auto& [id, other] : appointments_) {
        if (id == ignoreId || other.status == "Completed") continue;
        const int64_t otherEnd = other.startMs + other.lengthMinutes * 60000LL;
        if (other.startMs >= end || start >= otherEnd) continue;
        for (int person : people) {
            if (std::find(other.attendees.begin(), other.attendees.end(), person) != other.attendees.end() ||
                other.facilitator == person)
                return id;
        }
    }
    return std::nullopt;
}

HttpResponse Core::listAppointments(const std::vector<std::string>& userIds, const Params& params, const std::string& path) {
    if (userIds.empty() || userIds.size() > 100)
        throw ApiError{400, "users.query.param", "User list cannot be empty or greater than 100 when querying for appointments"};
    int64_t from = INT64_MIN, to = INT64_MAX;
    if (auto interval = queryValue(params, "interval")) {
        const size_t slash = interval->find('/');
        if (slash == std::string::npos) throw ApiError{400, "invalid.date", "interval must be <start>/<end> in ISO-8601."};
        from = parseStart(interval->substr(0, slash));
        to = parseStart(interval->substr(slash + 1));
        if (from > to) throw ApiError{400, "interval.query.param", "Start date of the interval cannot be greater than the end date"};
    }
    const auto statuses = queryList(params, "statuses");
    for (const auto& status : statuses)
        if (status != "Scheduled" && status != "InProgress" && status != "Completed" && status != "InvalidSchedule")
            throw ApiError{400, "invalid.query.param.value",
                           "Value [" + status + "] is not valid for parameter [statuses]. Allowable values are: Scheduled, InProgress, Completed, InvalidSchedule"};
    const auto facilitatorIds = queryList(params, "facilitatorIds");
    std::vector<int> users;
    for (const auto& id : userIds)
        if (const User* user = findUser(id)) users.push_back(user->index);
    std::vector<const Appointment*> matched;
    for (const auto& entry : appointments_) {
        const Appointment& appointment = entry.second;  // not a structured binding: clang 14 cannot capture one
        const bool related = std::any_of(users.begin(), users.end(), [&](int user) {
            return appointment.facilitator == user || appointment.createdBy == user ||
                   std::find(appointment.attendees.begin(), appointment.attendees.end(), user) != appointment.attendees.end();
        });
        if (!related) continue;
        const int64_t end = appointment.startMs + appointment.lengthMinutes * 60000LL;
        if (end <= from || appointment.startMs >= to) continue;
        if (!statuses.empty() && std::find(statuses.begin(), statuses.end(), appointment.status) == statuses.end()) continue;
        if (!facilitatorIds.empty() &&
            (appointment.facilitator < 0 ||
             std::find(facilitatorIds.begin(), facilitatorIds.end(), users_[static_cast<size_t>(appointment.facilitator)].id) ==
                 facilitatorIds.end()))
            continue;
        matched.push_back(&appointment);
    }
    const bool descending = queryValue(params, "sortOrder").value_or("Asc") == "Desc";
    std::sort(matched.begin(), matched.end(), [&](const Appointment* a, const Appointment* b) {
        return descending ? a->startMs > b->startMs : a->startMs < b->startMs;
    });
    int pageSize = 25, pageNumber = 1;
    try {
        if (auto size = queryValue(params, "pageSize")) pageSize = std::stoi(*size);
        if (auto number = queryValue(params, "pageNumber")) pageNumber = std::stoi(*number);
    } catch (const std::exception&) {
        throw ApiError{400, "invalid.query.param.value", "pageSize and pageNumber must be positive integers."};
    }
    if (pageSize < 1 || pageSize > 100 || pageNumber < 1)
        throw ApiError{400, "invalid.query.param.value", "pageSize must be 1..100 and pageNumber at least 1."};
    json::array entities;
    const size_t first = static_cast<size_t>(pageNumber - 1) * static_cast<size_t>(pageSize);
    for (size_t i = first; i < matched.size() && i < first + static_cast<size_t>(pageSize); ++i)
        entities.push_back(appointmentJson(*matched[i]));
    return jsonResponse(200, pageJson(std::move(entities), pageSize, pageNumber, matched.size(), path, params));
}


void Core::registerCoachingRoutes() {
    auto appointmentOr404 = [this](const std::string& id) -> Appointment& {
        auto it = appointments_.find(id);
        if (it == appointments_.end()) throw ApiError{404, "appointment.not.found", "Appointment not found"};
        return it->second;
    };
    auto userIndexOf = [this](const std::string& id, const char* field) {
        const User* user = findUser(id);
        if (!user) invalid(std::string(field) + " contains an unknown user id: " + id);
        return user->index;
    };
    // Conversations linked to an appointment must exist; the zombie fault ends them first.
    auto linkConversations = [this](const std::vector<std::string>& ids) {
        for (const auto& id : ids) {
            Conversation* conversation = findConversation(id);
            if (!conversation) invalid("conversationIds contains an unknown conversation: " + id);
            if (faults_.zombie > 0 && conversation->phase != Phase::Ended && conversation->endMs == 0) {
                --faults_.zombie;
                endConversation(*conversation, "peer");
            }
        }
    };
    auto clashCheck = [this](const Appointment& appointment, const std::string& ignoreId) {
        if (auto clash = appointmentConflict(appointment, ignoreId))
            throw ApiError{409, "appointment.conflict", "Appointment dates clashes with another (" + *clash + ")."};
    };

    route("POST", "coaching/appointments",
          [=, this](const HttpRequest& request, const std::vector<std::string>&, const Params&, Token* token) {
              requireUserContext(token);
              const json::object body = bodyObject(request);
              if (body.if_contains("status"))
                  invalid("status cannot be set when creating an appointment; change it with PATCH .../status.");
              Appointment appointment;
              const auto name = optionalString(body, "name");
              const auto description = optionalString(body, "description");
              const auto dateStart = optionalString(body, "dateStart");
              const json::value* length = body.if_contains("lengthInMinutes");
              const auto attendees = optionalStrings(body, "attendeeIds");
              if (!name || name->empty()) invalid("name is required.");
              if (!description) invalid("description is required.");
              if (!dateStart) invalid("dateStart is required.");
              if (!length) invalid("lengthInMinutes is required.");
              if (!attendees || attendees->empty()) invalid("attendeeIds is required and may not be empty.");
              appointment.name = *name;
              appointment.description = *description;
              appointment.startMs = parseStart(*dateStart);
              appointment.lengthMinutes = parseLength(*length);
              for (const auto& id : *attendees) appointment.attendees.push_back(userIndexOf(id, "attendeeIds"));
              if (auto facilitator = optionalString(body, "facilitatorId"))
                  appointment.facilitator = userIndexOf(*facilitator, "facilitatorId");
              if (auto links = optionalStrings(body, "externalLinks")) {
                  checkLinks(*links);
                  appointment.externalLinks = *links;
              }
              if (auto location = optionalString(body, "location")) appointment.location = *location;
              if (auto conversations = optionalStrings(body, "conversationIds")) {
                  linkConversations(*conversations);
                  appointment.conversationIds = *conversations;
              }
              clashCheck(appointment, "");
              appointment.id = rng_.uuid();
              appointment.createdBy = appointment.modifiedBy = token->user;
              appointment.createdMs = appointment.modifiedMs = wallNowMs();
              const Appointment& stored = appointments_.emplace(appointment.id, std::move(appointment)).first->second;
              emitCoaching(stored, "Create");
              return jsonResponse(201, appointmentJson(stored));
          });

    route("GET", "coaching/appointments", [this](const HttpRequest&, const std::vector<std::string>&, const Params& params, Token*) {
        return listAppointments(queryList(params, "userIds"), params, "coaching/appointments");
    });
    route("GET", "coaching/appointments/me", [this](const HttpRequest&, const std::vector<std::string>&, const Params& params, Token* token) {
        requireUserContext(token);
        return listAppointments({users_[static_cast<size_t>(token->user)].id}, params, "coaching/appointments/me");
    });

    route("GET", "coaching/appointments/{}", [this, appointmentOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        return jsonResponse(200, appointmentJson(appointmentOr404(args[0])));
    });

    route("PATCH", "coaching/appointments/{}",
          [=, this](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token* token) {
              Appointment& current = appointmentOr404(args[0]);
              const json::object body = bodyObject(request);
              if (current.status == "Completed")
                  throw ApiError{409, "appointment.state.conflict", "The state of the appointment prevents the changes you are requesting."};
              Appointment next = current;
              if (auto name = optionalString(body, "name")) {
                  if (name->empty()) invalid("name may not be empty.");
                  next.name = *name;
              }
              if (auto description = optionalString(body, "description")) next.description = *description;
              if (auto dateStart = optionalString(body, "dateStart")) next.startMs = parseStart(*dateStart);
              if (const json::value* length = body.if_contains("lengthInMinutes")) next.lengthMinutes = parseLength(*length);
              if (auto links = optionalStrings(body, "externalLinks")) {
                  checkLinks(*links);
                  next.externalLinks = *links;
              }
              if (auto location = optionalString(body, "location")) next.location = *location;
              if (auto conversations = optionalStrings(body, "conversationIds")) {
                  linkConversations(*conversations);
                  next.conversationIds = *conversations;
              }
              if (auto status = optionalString(body, "status"); status && *status != current.status) {
                  if (!allowedMove(current.status, *status))
                      throw ApiError{409, "appointment.state.conflict",
                                     "The state of the appointment prevents the changes you are requesting (" + current.status + " -> " + *status + ")."};
                  next.status = *status;
                  if (*status == "Completed") next.completedMs = wallNowMs();
              }
              clashCheck(next, current.id);
              next.modifiedBy = token->user;
              next.modifiedMs = wallNowMs();
              current = std::move(next);
              emitCoaching(current, "Update");
              return jsonResponse(200, appointmentJson(current));
          });

    route("DELETE", "coaching/appointments/{}", [this, appointmentOr404](const HttpRequest&, const std::vector<std::string>& args, const Params&, Token*) {
        Appointment& appointment = appointmentOr404(args[0]);
        if (appointment.status == "Completed")
            throw ApiError{409, "appointment.conflict", "There was a conflict deleting the appointment: it is already completed."};
        Appointment removed = std::move(appointment);
        appointments_.erase(args[0]);
        emitCoaching(removed, "Delete");
        HttpResponse response;
        response.status = 204;
        return response;
    });

    route("PATCH", "coaching/appointments/{}/status",
          [this, appointmentOr404](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token* token) {
              Appointment& appointment = appointmentOr404(args[0]);
              const json::object body = bodyObject(request);
              const json::value* status = body.if_contains("status");
              if (!status || !status->is_string() ||
                  (status->as_string() != "Scheduled" && status->as_string() != "InProgress" && status->as_string() != "Completed"))
                  throw ApiError{400, "validation.failure", "Failed to validate the appointment status: status must be Scheduled, InProgress or Completed."};
              const std::string next(status->as_string());
              if (!allowedMove(appointment.status, next))
                  throw ApiError{409, "appointment.state.conflict",
                                 "The state of the appointment prevents the changes you are requesting (" + appointment.status + " -> " + next + ")."};
              const int64_t now = wallNowMs();
              appointment.status = next;
              appointment.modifiedMs = now;
              appointment.modifiedBy = token->user;
              if (next == "Completed") appointment.completedMs = now;
              emitCoaching(appointment, "StatusChange");
              return jsonResponse(200, json::object{{"appointment", {{"id", appointment.id}, {"selfUri", selfUri("coaching/appointments/" + appointment.id)}}},
                                                    {"createdBy", userRef(token->user >= 0 ? token->user : appointment.createdBy)},
                                                    {"dateCreated", isoTime(now)},
                                                    {"status", next}});
          });

    route("POST", "coaching/appointments/{}/conversations",
          [=, this](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token*) {
              Appointment& appointment = appointmentOr404(args[0]);
              const json::object body = bodyObject(request);
              const auto conversationId = optionalString(body, "conversationId");
              if (!conversationId || conversationId->empty()) invalid("conversationId is required.");
              if (appointment.status == "Completed")
                  throw ApiError{409, "appointment.state.conflict", "The state of the appointment prevents the changes you are requesting."};
              linkConversations({*conversationId});
              if (std::find(appointment.conversationIds.begin(), appointment.conversationIds.end(), *conversationId) ==
                  appointment.conversationIds.end())
                  appointment.conversationIds.push_back(*conversationId);
              appointment.modifiedMs = wallNowMs();
              emitCoaching(appointment, "Update");
              return jsonResponse(200, json::object{{"conversation", {{"id", *conversationId}, {"selfUri", selfUri("conversations/" + *conversationId)}}},
                                                    {"appointment", {{"id", appointment.id}, {"selfUri", selfUri("coaching/appointments/" + appointment.id)}}}});
          });

    auto annotationJson = [this](const Appointment& appointment, const Annotation& annotation) {
        return json::object{{"id", annotation.id},
                            {"createdBy", userRef(annotation.createdBy)},
                            {"dateCreated", isoTime(annotation.createdMs)},
                            {"modifiedBy", userRef(annotation.createdBy)},
                            {"dateModified", isoTime(annotation.createdMs)},
                            {"text", annotation.text},
                            {"isDeleted", false},
                            {"accessType", annotation.accessType},
                            {"selfUri", selfUri("coaching/appointments/" + appointment.id + "/annotations/" + annotation.id)}};
    };
    route("POST", "coaching/appointments/{}/annotations",
          [this, appointmentOr404, annotationJson](const HttpRequest& request, const std::vector<std::string>& args, const Params&, Token* token) {
              Appointment& appointment = appointmentOr404(args[0]);
              const json::object body = bodyObject(request);
              const json::value* text = body.if_contains("text");
              const json::value* access = body.if_contains("accessType");
              if (!text || !text->is_string() || text->as_string().empty() || !access || !access->is_string() ||
                  (access->as_string() != "Public" && access->as_string() != "Private"))
                  throw ApiError{400, "validation.failure", "The submitted data was not valid: text and accessType (Public|Private) are required."};
              Annotation annotation{rng_.uuid(), std::string(text->as_string()), std::string(access->as_string()), wallNowMs(), token->user};
              appointment.annotations.push_back(annotation);
              return jsonResponse(201, annotationJson(appointment, annotation));
          });
    route("GET", "coaching/appointments/{}/annotations",
          [this, appointmentOr404, annotationJson](const HttpRequest&, const std::vector<std::string>& args, const Params& params, Token*) {
              const Appointment& appointment = appointmentOr404(args[0]);
              json::array entities;
              for (const auto& annotation : appointment.annotations) entities.push_back(annotationJson(appointment, annotation));
              const size_t total = entities.size();
              return jsonResponse(200, pageJson(std::move(entities), 25, 1, total, "coaching/appointments/" + appointment.id + "/annotations", params));
          });
}

}  // namespace gcsim
