// JSON views of the org, shaped like the swagger definitions (and the event models for
// notification bodies). Field names are the API's; nothing here mutates state.
#include "core.h"

namespace gcsim {

namespace {

void putTime(json::object& object, const char* key, int64_t epochMs) {
    if (epochMs > 0) object[key] = isoTime(epochMs);
}

json::object wrapupJson(const WrapupInfo& wrapup, bool forEvent) {
    json::object object{{"code", wrapup.code}, {"notes", ""}, {"tags", json::array{}},
                        {"durationSeconds", wrapup.durationSeconds}};
    if (!forEvent) object["name"] = wrapup.name;
    putTime(object, "endTime", wrapup.endMs);
    return object;
}

// Participant data the org's flows set on the customer leg: where the interaction is
// anchored. Clients use it to expect slower transcripts across regions.
json::object participantAttributes(const Conversation& conversation, const Participant& participant) {
    if (participant.purpose != "customer") return json::object{};
    return json::object{{"region", conversation.otherRegion ? "ap-south-1" : "us-east-1"}};
}

}  // namespace

json::object Core::divisionJson(bool restricted) const {
    const std::string& id = restricted ? restrictedDivisionId_ : divisionId_;
    return {{"id", id}, {"name", restricted ? "Back Office" : "Home"}, {"selfUri", selfUri("authorization/divisions/" + id)}};
}

json::object Core::userRef(int userIndex) const {
    if (userIndex < 0) return {};
    const User& user = users_[static_cast<size_t>(userIndex)];
    return {{"id", user.id}, {"selfUri", selfUri("users/" + user.id)}};
}

json::object Core::presenceJson(const User& user) const {
    const std::string definition =
        user.presenceDefinitionId.empty() ? presenceDefinitionId(user.systemPresence) : user.presenceDefinitionId;
    json::object presence{{"source", "PURECLOUD"},
                          {"primary", true},
                          {"presenceDefinition",
                           {{"id", definition},
                            {"systemPresence", user.systemPresence},
                            {"selfUri", selfUri("presencedefinitions/" + definition)}}},
                          {"message", ""},
                          {"modifiedDate", isoTime(user.presenceModifiedMs)}};
    return presence;
}

json::object Core::routingStatusJson(const User& user) const {
    return {{"userId", user.id}, {"status", user.routingStatus}, {"startTime", isoTime(user.routingStartMs)}};
}

json::object Core::conversationSummaryJson(const User& user) const {
    int active[5] = {}, acw[5] = {};
    for (const auto& id : user.conversations) {
        auto it = conversations_.find(id);
        if (it == conversations_.end()) continue;
        int slot = static_cast<int>(it->second.media);
        (it->second.phase == Phase::Wrapup ? acw : active)[slot]++;
    }
    json::object summary{{"userId", user.id}};
    for (Media media : {Media::Call, Media::Callback, Media::Chat, Media::Email, Media::Message}) {
        int slot = static_cast<int>(media);
        summary[mediaKey(media)] = {{"contactCenter", {{"active", active[slot]}, {"acw", acw[slot]}}},
                                    {"enterprise", {{"active", 0}, {"acw", 0}}}};
    }
    for (const char* other : {"socialExpression", "video"})
        summary[other] = {{"contactCenter", {{"active", 0}, {"acw", 0}}}, {"enterprise", {{"active", 0}, {"acw", 0}}}};
    return summary;
}

json::object Core::userJson(const User& user, const std::set<std::string>& expand) const {
    json::object object{{"id", user.id},
                        {"name", user.name},
                        {"division", divisionJson(user.restricted)},
                        {"chat", {{"jabberId", user.id + "@conference.example.orgspan.com"}}},
                        {"department", user.department},
                        {"email", user.email},
                        {"primaryContactInfo", json::array{{{"address", user.email},
                                                           {"mediaType", "EMAIL"},
                                                           {"type", "PRIMARY"}}}},
                        {"addresses", json::array{}},
                        {"state", "active"},
                        {"title", user.title},
                        {"username", user.email},
                        {"version", 1},
                        {"acdAutoAnswer", false},
                        {"selfUri", selfUri("users/" + user.id)}};
    if (expand.count("presence")) object["presence"] = presenceJson(user);
    if (expand.count("routingStatus")) object["routingStatus"] = routingStatusJson(user);
    if (expand.count("conversationSummary")) object["conversationSummary"] = conversationSummaryJson(user);
    if (expand.count("station")) {
        json::object station;
        if (user.hasStation) {
            json::object ref{{"id", user.stationId}, {"name", user.stationName}, {"type", "inin_webrtc_softphone"}};
            station["associatedStation"] = ref;
            station["effectiveStation"] = ref;
            station["defaultStation"] = ref;
        }
        object["station"] = station;
    }
    return object;
}

json::object Core::queueJson(const Queue& queue) const {
    int joined = static_cast<int>(queue.members.size());
    // Swagger QueueMediaSettings: the service-level target the aggregate messages measure against.
    json::object mediaSettings;
    for (Media media : kAllMedia) {
        const ServiceLevelTarget target = queue.targets[static_cast<size_t>(media)];
        mediaSettings[mediaKey(media)] = {{"serviceLevel", {{"percentage", target.percentage}, {"durationMs", target.durationMs}}}};
    }
    return {{"id", queue.id},
            {"name", queue.name},
            {"division", divisionJson()},
            {"description", queue.description},
            {"dateCreated", isoTime(queue.createdMs)},
            {"dateModified", isoTime(queue.createdMs)},
            {"memberCount", joined},
            {"userMemberCount", joined},
            {"joinedMemberCount", joined},
            {"scoringMethod", "TimestampAndPriority"},
            {"skillEvaluationMethod", "ALL"},
            {"enableTranscription", true},
            {"enableAudioMonitoring", true},
            {"enableManualAssignment", false},
            {"autoAnswerOnly", false},
            {"mediaSettings", mediaSettings},
            {"selfUri", selfUri("routing/queues/" + queue.id)}};
}

json::object Core::participantJson(const Participant& participant, const Conversation& conversation,
                                   bool forEvent) const {
    json::object object{{"id", participant.id}, {"purpose", participant.purpose}, {"name", participant.name}};
    if (!forEvent) putTime(object, "startTime", participant.startMs);
    putTime(object, "connectedTime", participant.connectedMs);
    putTime(object, "endTime", participant.endMs);
    if (!participant.userId.empty()) {
        object["userId"] = participant.userId;
        if (!forEvent) object["userUri"] = selfUri("users/" + participant.userId);
    }
    if (!participant.queueId.empty()) {
        object["queueId"] = participant.queueId;
        if (!forEvent) {
            auto queue = queueById_.find(participant.queueId);
            if (queue != queueById_.end()) object["queueName"] = queues_[static_cast<size_t>(queue->second)].name;
        }
    }
    if (!participant.address.empty()) object["address"] = participant.address;
    if (!forEvent) {
        object["participantType"] = participant.purpose == "customer" ? "External" : "Internal";
        if (participant.purpose == "customer" && conversation.media == Media::Call) {
            object["ani"] = participant.address;
            object["dnis"] = "tel:+18005550100";
        }
    }
    if (participant.purpose == "agent") {
        object["wrapupRequired"] = participant.wrapupRequired;
        if (participant.wrapupRequired) object["wrapupPrompt"] = "mandatory";
        object["alertingTimeoutMs"] = 15000;
    }
    if (participant.wrapup) object["wrapup"] = wrapupJson(*participant.wrapup, forEvent);
    putTime(object, "startAcwTime", participant.startAcwMs);
    putTime(object, "endAcwTime", participant.endAcwMs);
    if (!participant.monitoredPid.empty()) object["monitoredParticipantId"] = participant.monitoredPid;
    if (!participant.coachedPid.empty()) object["coachedParticipantId"] = participant.coachedPid;
    if (!participant.bargedPid.empty()) object["bargedParticipantId"] = participant.bargedPid;
    object["attributes"] = participantAttributes(conversation, participant);

    const Communication& comm = participant.comm;
    json::object media{{"id", comm.id}, {"state", comm.state}, {"direction", comm.direction}, {"held", comm.held}};
    putTime(media, "connectedTime", comm.connectedMs);
    putTime(media, "disconnectedTime", comm.disconnectedMs);
    putTime(media, "startHoldTime", comm.startHoldMs);
    if (!forEvent) putTime(media, "startAlertingTime", comm.startAlertingMs);
    if (!comm.disconnectType.empty()) media["disconnectType"] = comm.disconnectType;
    switch (conversation.media) {
        case Media::Call:
            media["recording"] = false;
            media["recordingState"] = "none";
            media["muted"] = false;
            media["confined"] = false;
            break;
        case Media::Message: media["type"] = "webmessaging"; break;
        case Media::Email: media["subject"] = "Question about my account"; break;
        case Media::Callback: media["callbackNumbers"] = json::array{conversation.customerAddress}; break;
        case Media::Chat: break;
    }
    if (participant.wrapup && conversation.media != Media::Email) media["afterCallWorkRequired"] = participant.wrapupRequired;
    const char* arrayKey = conversation.media == Media::Call       ? "calls"
                           : conversation.media == Media::Callback ? "callbacks"
                           : conversation.media == Media::Chat     ? "chats"
                           : conversation.media == Media::Email    ? "emails"
                                                                   : "messages";
    object[arrayKey] = json::array{media};
    return object;
}

json::object Core::conversationJson(const Conversation& conversation, bool forEvent) const {
    json::array participants;
    for (const auto& participant : conversation.participants)
        participants.push_back(participantJson(participant, conversation, forEvent));
    json::object object{{"id", conversation.id}, {"participants", std::move(participants)}};
    if (!forEvent) {
        putTime(object, "startTime", conversation.startMs);
        putTime(object, "endTime", conversation.endMs);
        object["recordingState"] = "NONE";
        object["selfUri"] = selfUri("conversations/" + conversation.id);
    } else {
        object["recordingState"] = "none";
    }
    object["divisions"] = json::array{{{"division", {{"id", divisionId_}, {"selfUri", selfUri("authorization/divisions/" + divisionId_)}}},
                                       {"entities", json::array{}}}};
    return object;
}

json::object Core::callConversationJson(const Conversation& conversation, bool forEvent) const {
    json::array participants;
    for (const auto& participant : conversation.participants) {
        const Communication& comm = participant.comm;
        json::object object{{"id", participant.id},
                            {"name", participant.name},
                            {"purpose", participant.purpose},
                            {"state", comm.state},
                            {"direction", comm.direction},
                            {"held", comm.held},
                            {"muted", false},
                            {"confined", false},
                            {"recording", false},
                            {"recordingState", "none"},
                            {"wrapupRequired", participant.wrapupRequired},
                            {"attributes", participantAttributes(conversation, participant)}};
        if (!participant.address.empty()) object["address"] = participant.address;
        putTime(object, "startTime", participant.startMs);
        if (!forEvent) putTime(object, "startAlertingTime", comm.startAlertingMs);
        putTime(object, "connectedTime", participant.connectedMs);
        putTime(object, "endTime", participant.endMs);
        putTime(object, "startHoldTime", comm.startHoldMs);
        putTime(object, "startAcwTime", participant.startAcwMs);
        putTime(object, "endAcwTime", participant.endAcwMs);
        if (!comm.disconnectType.empty()) object["disconnectType"] = comm.disconnectType;
        if (!participant.userId.empty()) {
            auto it = userById_.find(participant.userId);
            std::string name = it == userById_.end() ? "" : users_[static_cast<size_t>(it->second)].name;
            object["user"] = {{"id", participant.userId}, {"name", name}};
            if (!forEvent) object["user"].as_object()["selfUri"] = selfUri("users/" + participant.userId);
        }
        if (!participant.queueId.empty()) {
            auto it = queueById_.find(participant.queueId);
            std::string name = it == queueById_.end() ? "" : queues_[static_cast<size_t>(it->second)].name;
            object["queue"] = {{"id", participant.queueId}, {"name", name}};
            if (!forEvent) object["queue"].as_object()["selfUri"] = selfUri("routing/queues/" + participant.queueId);
        }
        if (participant.wrapup) object["wrapup"] = wrapupJson(*participant.wrapup, false);
        if (!participant.monitoredPid.empty()) object["monitoredParticipantId"] = participant.monitoredPid;
        if (!participant.coachedPid.empty()) object["coachedParticipantId"] = participant.coachedPid;
        if (!participant.bargedPid.empty()) object["bargedParticipantId"] = participant.bargedPid;
        if (participant.purpose == "customer") {
            object["ani"] = participant.address;
            object["dnis"] = "tel:+18005550100";
        }
        participants.push_back(std::move(object));
    }
    json::object call{{"id", conversation.id},
                      {"participants", std::move(participants)},
                      {"otherMediaUris", json::array{}},
                      {"recordingState", "none"},
                      {"divisions", json::array{{{"division", {{"id", divisionId_}, {"selfUri", selfUri("authorization/divisions/" + divisionId_)}}},
                                                 {"entities", json::array{}}}}}};
    if (!forEvent) call["selfUri"] = selfUri("conversations/calls/" + conversation.id);
    return call;
}

json::object Core::appointmentJson(const Appointment& appointment) const {
    json::array attendees, conversations, links;
    for (int attendee : appointment.attendees) attendees.push_back(userRef(attendee));
    for (const auto& id : appointment.conversationIds)
        conversations.push_back({{"id", id}, {"selfUri", selfUri("conversations/" + id)}});
    for (const auto& link : appointment.externalLinks) links.push_back(json::string(link));
    const bool overdue = appointment.status != "Completed" &&
                         appointment.startMs + appointment.lengthMinutes * 60000LL < wallNowMs();
    json::object object{{"id", appointment.id},
                        {"name", appointment.name},
                        {"description", appointment.description},
                        {"dateStart", isoTime(appointment.startMs)},
                        {"lengthInMinutes", appointment.lengthMinutes},
                        {"status", appointment.status},
                        {"facilitator", userRef(appointment.facilitator)},
                        {"attendees", std::move(attendees)},
                        {"createdBy", userRef(appointment.createdBy)},
                        {"dateCreated", isoTime(appointment.createdMs)},
                        {"modifiedBy", userRef(appointment.modifiedBy)},
                        {"dateModified", isoTime(appointment.modifiedMs)},
                        {"conversations", std::move(conversations)},
                        {"documents", json::array{}},
                        {"isOverdue", overdue},
                        {"externalLinks", std::move(links)},
                        {"selfUri", selfUri("coaching/appointments/" + appointment.id)}};
    if (appointment.facilitator < 0) object.erase("facilitator");
    if (!appointment.location.empty()) object["location"] = appointment.location;
    putTime(object, "dateCompleted", appointment.completedMs);
    return object;
}

json::object Core::pageJson(json::array entities, int pageSize, int pageNumber, size_t total, const std::string& path,
                            const Params& params, bool withTotals) const {
    std::string rest;
    for (const auto& [key, value] : params) {
        if (key == "pageSize" || key == "pageNumber") continue;
        rest += "&" + percentEncode(key) + "=" + percentEncode(value);
    }
    const int pageCount = static_cast<int>((total + static_cast<size_t>(pageSize) - 1) / static_cast<size_t>(pageSize));
    auto uri = [&](int page) {
        return "/api/v2/" + path + "?pageSize=" + std::to_string(pageSize) + "&pageNumber=" + std::to_string(page) + rest;
    };
    json::object page{{"entities", std::move(entities)},
                      {"pageSize", pageSize},
                      {"pageNumber", pageNumber},
                      {"firstUri", uri(1)},
                      {"selfUri", uri(pageNumber)}};
    if (withTotals) {
        page["total"] = total;
        page["pageCount"] = pageCount;
        page["lastUri"] = uri(std::max(1, pageCount));
    }
    if (pageNumber < pageCount) page["nextUri"] = uri(pageNumber + 1);
    if (pageNumber > 1) page["previousUri"] = uri(pageNumber - 1);
    return page;
}

HttpResponse Core::jsonResponse(int status, const json::value& body) {
    HttpResponse response;
    response.status = status;
    response.body = json::serialize(body);
    return response;
}

HttpResponse Core::errorResponse(const ApiError& error, const std::string& correlationId) {
    json::object body{{"message", error.message},
                      {"code", error.code},
                      {"status", error.status},
                      {"messageWithParams", error.message},
                      {"messageParams", json::object{}},
                      {"contextId", correlationId},
                      {"details", json::array{}},
                      {"errors", json::array{}}};
    HttpResponse response = jsonResponse(error.status, body);
    response.headers = error.headers;
    return response;
}

}  // namespace gcsim
