// The Notifications API's REST side: channel creation and subscription answers.
#include "api/codec.h"
#include "api/decode_detail.h"

namespace api {

using namespace detail;

Result<NotificationChannel> decodeChannel(std::string_view body) {
  Errors errors("notification channel");
  const std::optional<json::value> doc = parseDocument(body, errors);
  const json::object* root = rootObject(doc, errors);
  if (!root) return errors.failure();
  const Where at;
  NotificationChannel channel;
  if (!readString(*root, "id", channel.id, at, errors) && !errors.any()) errors.invalid(at, "id", "missing");
  if (!readString(*root, "connectUri", channel.connectUri, at, errors) && !errors.any()) {
    errors.invalid(at, "connectUri", "missing");
  }
  readTime(*root, "expires", channel.expires, at, errors);
  return finish(std::move(channel), errors);
}

Result<std::vector<TopicSubscription>> decodeSubscriptions(std::string_view body) {
  Result<Page<TopicSubscription>> page = decodePage<TopicSubscription>(
      body, "subscriptions",
      [](const json::object& topic, const Where& where, Errors& errors, TopicSubscription& out) {
        readString(topic, "id", out.topic, where, errors);
        std::string_view state;
        if (readStringView(topic, "state", state, where, errors)) out.permitted = state != "Rejected";
        readString(topic, "rejectionReason", out.rejectionReason, where, errors);
        readStringArray(topic, "missingPermissions", out.missingPermissions, where, errors);
      });
  if (!page) return Failure{page.error()};
  return std::move(page.value().items);
}

Result<std::vector<std::string>> decodeAvailableTopics(std::string_view body) {
  Result<Page<std::string>> page = decodePage<std::string>(
      body, "available topics",
      [](const json::object& topic, const Where& where, Errors& errors, std::string& out) {
        readString(topic, "id", out, where, errors);
      });
  if (!page) return Failure{page.error()};
  return std::move(page.value().items);
}

}  // namespace api
