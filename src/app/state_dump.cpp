#include "app/state_dump.h"

#include <algorithm>
#include <unordered_set>

#include <boost/json.hpp>

#include "api/codec.h"

namespace app {

namespace {

namespace json = boost::json;

// Presence as the API spells it, without the display space ("On Queue" -> "OnQueue").
std::string presenceName(model::Presence p) {
  std::string name(model::toString(p));
  name.erase(std::remove(name.begin(), name.end(), ' '), name.end());
  return name;
}

json::array stringArray(const std::vector<std::string>& values) {
  json::array out;
  for (const auto& v : values) out.emplace_back(v);
  return out;
}

template <class Table, class Encode>
json::array sortedById(const Table& table, Encode encode) {
  std::vector<json::object> items;
  table.forEach([&](const auto& item) { items.push_back(encode(item)); });
  std::sort(items.begin(), items.end(),
            [](const json::object& a, const json::object& b) { return a.at("id").as_string() < b.at("id").as_string(); });
  json::array out;
  for (auto& item : items) out.emplace_back(std::move(item));
  return out;
}

}  // namespace

std::string dumpState(const store::Snapshot& snap) {
  json::object root;
  root["version"] = snap.version;
  root["link"] = std::string(store::toString(snap.session->link));
  root["userId"] = snap.session->userId;
  const bool linkUp = snap.session->link == store::LinkState::Live || snap.session->link == store::LinkState::Partial;
  root["agentsNotLive"] = snap.session->agentsNotLive;
  // Only the agents the view lists are followed live; the others are as last read.
  const std::unordered_set<std::string> listed(snap.agentRows->begin(), snap.agentRows->end());
  root["agents"] = sortedById(snap.agents, [linkUp, &listed](const model::Agent& a) {
    json::object o;
    o["id"] = a.id;
    o["name"] = a.name;
    o["presence"] = presenceName(a.presence);
    o["presenceSince"] = a.presenceSince;
    o["routingStatus"] = std::string(model::toString(a.routing));
    o["routingSince"] = a.routingSince;
    o["queueIds"] = stringArray(a.queueIds);
    o["activeInteractions"] = a.media.totalActive();
    o["activeConversationId"] = a.activeConversationId;
    o["interactionSince"] = a.interactionSince;
    std::string reason = a.notLiveReason;
    if (reason.empty() && !listed.count(a.id)) reason = "Not in the current view: not followed live";
    o["live"] = linkUp && reason.empty();
    o["notLiveReason"] = reason;
    return o;
  });
  root["queues"] = sortedById(snap.queues, [](const model::Queue& q) {
    json::object o;
    o["id"] = q.id;
    o["name"] = q.name;
    o["waiting"] = q.waiting;
    o["interacting"] = q.interacting;
    o["alerting"] = q.alerting;
    o["onQueueAgents"] = q.onQueueAgents;
    o["offQueueAgents"] = q.offQueueAgents;
    o["longestWaitingSince"] = q.longestWaitingSince;
    // Today's level 0..1, null while nothing was answered or abandoned (or nothing read yet).
    auto ratio = [](double value) { return value >= 0 ? json::value(value) : json::value(nullptr); };
    o["serviceLevel"] = ratio(q.serviceLevel);
    o["serviceLevelTarget"] = ratio(q.serviceLevelTarget);
    o["serviceLevelRead"] = q.serviceLevelRead;
    // Per media type, keyed as analytics spells it ("voice", "chat", ...) like gcsim's /_sim/state.
    json::object byMedia;
    for (std::size_t i = 0; i < q.byMedia.size(); ++i) {
      const model::QueueMediaFigures& m = q.byMedia[i];
      const model::ServiceLevelToday today = model::serviceLevelToday(m);
      byMedia[api::mediaToAnalytics(static_cast<model::Media>(i))] = {
          {"waiting", m.waiting},   {"interacting", m.interacting}, {"alerting", m.alerting},
          {"offered", m.offered},   {"answered", m.answered},       {"abandoned", m.abandoned},
          {"slNumerator", m.slNumerator}, {"slDenominator", m.slDenominator},
          {"offeredToday", today.offered}, {"answeredToday", today.answered}, {"abandonedToday", today.abandoned},
          {"serviceLevel", ratio(today.level())}, {"serviceLevelTarget", ratio(today.target)},
          // Where the day's figures end and the live interval begins (ms since the epoch, 0 =
          // not read): the same day splits otherwise across a 30-minute boundary.
          {"intervalStart", m.intervalStart}, {"dayThrough", m.dayThrough}};
    }
    o["byMedia"] = std::move(byMedia);
    return o;
  });
  root["conversations"] = sortedById(snap.conversations, [](const model::Conversation& c) {
    json::object o;
    o["id"] = c.id;
    o["startTime"] = c.startTime;
    o["endTime"] = c.endTime;
    json::array participants;
    for (const auto& p : c.participants) {
      json::object po;
      po["id"] = p.id;
      po["purpose"] = p.purposeRaw;
      po["userId"] = p.userId;
      po["endTime"] = p.endTime;
      if (!p.monitoredParticipantId.empty()) po["monitoredParticipantId"] = p.monitoredParticipantId;
      if (!p.coachedParticipantId.empty()) po["coachedParticipantId"] = p.coachedParticipantId;
      if (!p.bargedParticipantId.empty()) po["bargedParticipantId"] = p.bargedParticipantId;
      participants.emplace_back(std::move(po));
    }
    o["participants"] = std::move(participants);
    return o;
  });
  root["appointments"] = sortedById(snap.appointments, [](const model::Appointment& a) {
    json::object o;
    o["id"] = a.id;
    o["name"] = a.name;
    o["status"] = std::string(model::toString(a.status));
    o["dateStart"] = a.dateStart;
    o["attendeeIds"] = stringArray(a.attendeeIds);
    o["conversationIds"] = stringArray(a.conversationIds);
    o["bookedByThisPanel"] = a.bookedByThisPanel;
    return o;
  });
  return json::serialize(root);
}

}  // namespace app
