// Coaching appointments (CoachingAppointmentResponse and its list and status answers).
#include <algorithm>

#include "api/codec.h"
#include "api/decode_detail.h"
#include "api/enums.h"

namespace api {
namespace detail {
namespace {

// [{id, selfUri}, ...] -> ids.
void readRefIds(const json::object& object, std::string_view key, std::vector<std::string>& out,
                const Where& where, Errors& errors) {
  const json::array* refs = readArray(object, key, where, errors);
  if (!refs) return;
  const Where listWhere = where.member(key);
  out.reserve(refs->size());
  for (std::size_t i = 0; i < refs->size() && !errors.any(); ++i) {
    const json::object* ref = elementObject((*refs)[i], listWhere, i, errors);
    if (!ref) return;
    std::string id;
    if (readString(*ref, "id", id, listWhere.element(i), errors)) out.push_back(std::move(id));
  }
}

}  // namespace

void decodeAppointment(const json::object& appointment, const Where& where, Errors& errors,
                       model::Appointment& out) {
  readString(appointment, "id", out.id, where, errors);
  readString(appointment, "name", out.name, where, errors);
  readString(appointment, "description", out.description, where, errors);
  readTime(appointment, "dateStart", out.dateStart, where, errors);
  readInt(appointment, "lengthInMinutes", out.lengthInMinutes, where, errors);
  std::string_view status;
  if (readStringView(appointment, "status", status, where, errors)) out.status = appointmentStatusFromString(status);
  readRefId(appointment, "facilitator", out.facilitatorId, where, errors);
  readRefIds(appointment, "attendees", out.attendeeIds, where, errors);
  readRefIds(appointment, "conversations", out.conversationIds, where, errors);
  readStringArray(appointment, "externalLinks", out.externalLinks, where, errors);
  readTime(appointment, "dateModified", out.dateModified, where, errors);
  out.bookedByThisPanel = std::any_of(out.externalLinks.begin(), out.externalLinks.end(),
                                      [](const std::string& link) { return link.starts_with(kPanelLinkScheme); });
}

}  // namespace detail

using namespace detail;

Result<model::Appointment> decodeAppointment(std::string_view body) {
  Errors errors("coaching appointment");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  model::Appointment appointment;
  if (!root) return errors.failure();
  detail::decodeAppointment(*root, kRoot, errors, appointment);
  if (!errors.any() && appointment.id.empty()) errors.invalid(kRoot, "id", "missing");
  return finish(std::move(appointment), errors);
}

Result<Page<model::Appointment>> decodeAppointmentsPage(std::string_view body) {
  return decodePage<model::Appointment>(body, "coaching appointments page",
                                        [](const json::object& appointment, const Where& where, Errors& errors,
                                           model::Appointment& out) {
                                          detail::decodeAppointment(appointment, where, errors, out);
                                        });
}

Result<model::AppointmentStatus> decodeAppointmentStatusResponse(std::string_view body) {
  Errors errors("appointment status");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  std::string_view status;
  if (!readStringView(*root, "status", status, kRoot, errors)) {
    if (!errors.any()) errors.invalid(kRoot, "status", "missing");
    return errors.failure();
  }
  return appointmentStatusFromString(status);
}

}  // namespace api
