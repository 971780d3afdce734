#include "api/json_read.h"

#include <boost/json/parse.hpp>

#include <cmath>
#include <limits>

#include "api/time.h"

namespace api::detail {

std::string Where::path() const {
  std::vector<const Where*> chain;
  for (const Where* frame = this; frame; frame = frame->parent) chain.push_back(frame);
  std::string text;
  for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
    const Where& frame = **it;
    if (frame.isElement) {
      text += '[';
      text += std::to_string(frame.index);
      text += ']';
    } else if (!frame.key.empty()) {
      if (!text.empty()) text += '.';
      text += frame.key;
    }
  }
  return text;
}

namespace {

std::string locate(const Where& object, std::string_view key) {
  std::string path = object.path();
  if (!key.empty()) {
    if (!path.empty()) path += '.';
    path += key;
  }
  return path.empty() ? std::string("the document") : path;
}

}  // namespace

void Errors::wrongType(const Where& object, std::string_view key, std::string_view expected,
                       const json::value& got) {
  if (any()) return;
  first_ = std::string(subject_) + ": " + locate(object, key) + ": expected " + std::string(expected) +
           ", got " + std::string(typeName(got));
}

void Errors::invalid(const Where& object, std::string_view key, std::string_view problem) {
  if (any()) return;
  first_ = std::string(subject_) + ": " + locate(object, key) + ": " + std::string(problem);
}

void Errors::document(std::string_view problem) {
  if (any()) return;
  first_ = std::string(subject_) + ": " + std::string(problem);
}

std::string_view typeName(const json::value& value) {
  switch (value.kind()) {
    case json::kind::null: return "null";
    case json::kind::bool_: return "a boolean";
    case json::kind::int64:
    case json::kind::uint64:
    case json::kind::double_: return "a number";
    case json::kind::string: return "a string";
    case json::kind::array: return "an array";
    case json::kind::object: return "an object";
  }
  return "an unknown value";
}

std::optional<json::value> parseDocument(std::string_view text, Errors& errors) {
  if (text.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    errors.document("empty body, expected JSON");
    return std::nullopt;
  }
  boost::system::error_code ec;
  json::value value = json::parse(text, ec);
  if (ec) {
    errors.document("not valid JSON (" + ec.message() + ")");
    return std::nullopt;
  }
  return value;
}

const json::object* rootObject(const std::optional<json::value>& doc, Errors& errors) {
  if (!doc) return nullptr;
  if (!doc->is_object()) {
    errors.wrongType(kRoot, {}, "an object", *doc);
    return nullptr;
  }
  return &doc->get_object();
}

const json::array* rootArray(const std::optional<json::value>& doc, Errors& errors) {
  if (!doc) return nullptr;
  if (!doc->is_array()) {
    errors.wrongType(kRoot, {}, "an array", *doc);
    return nullptr;
  }
  return &doc->get_array();
}

bool readString(const json::value* value, std::string_view key, std::string& out, const Where& where,
                Errors& errors) {
  std::string_view view;
  if (!readStringView(value, key, view, where, errors)) return false;
  out.assign(view);
  return true;
}

bool readStringView(const json::value* value, std::string_view key, std::string_view& out,
                    const Where& where, Errors& errors) {
  if (!value) return false;
  if (!value->is_string()) {
    errors.wrongType(where, key, "a string", *value);
    return false;
  }
  const json::string& text = value->get_string();
  out = std::string_view(text.data(), text.size());
  return true;
}

bool readBool(const json::value* value, std::string_view key, bool& out, const Where& where,
              Errors& errors) {
  if (!value) return false;
  if (!value->is_bool()) {
    errors.wrongType(where, key, "a boolean", *value);
    return false;
  }
  out = value->get_bool();
  return true;
}

bool readInt64(const json::value* value, std::string_view key, std::int64_t& out, const Where& where,
               Errors& errors) {
  if (!value) return false;
  switch (value->kind()) {
    case json::kind::int64:
      out = value->get_int64();
      return true;
    case json::kind::uint64:
      if (value->get_uint64() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
        errors.invalid(where, key, "integer out of range");
        return false;
      }
      out = static_cast<std::int64_t>(value->get_uint64());
      return true;
    case json::kind::double_: {
      const double number = value->get_double();
      // 2^63 is exactly representable; anything at or beyond it does not fit.
      if (std::trunc(number) != number || std::fabs(number) >= 9.2233720368547758e18) {
        errors.wrongType(where, key, "an integer", *value);
        return false;
      }
      out = static_cast<std::int64_t>(number);
      return true;
    }
    default:
      errors.wrongType(where, key, "an integer", *value);
      return false;
  }
}

bool readInt(const json::value* value, std::string_view key, int& out, const Where& where,
             Errors& errors) {
  std::int64_t wide = 0;
  if (!readInt64(value, key, wide, where, errors)) return false;
  if (wide < std::numeric_limits<int>::min() || wide > std::numeric_limits<int>::max()) {
    errors.invalid(where, key, "integer out of range");
    return false;
  }
  out = static_cast<int>(wide);
  return true;
}

bool readDouble(const json::value* value, std::string_view key, double& out, const Where& where,
                Errors& errors) {
  if (!value) return false;
  if (!value->is_number()) {
    errors.wrongType(where, key, "a number", *value);
    return false;
  }
  out = value->to_number<double>();
  return true;
}

bool readTime(const json::value* value, std::string_view key, model::TimeMs& out, const Where& where,
              Errors& errors) {
  std::string_view text;
  if (!readStringView(value, key, text, where, errors)) return false;
  const std::optional<model::TimeMs> time = parseIsoTime(text);
  if (!time) {
    errors.invalid(where, key, "expected an ISO-8601 time, got \"" + std::string(text.substr(0, 40)) + "\"");
    return false;
  }
  out = *time;
  return true;
}

bool readTimeOrEpochMs(const json::value* value, std::string_view key, model::TimeMs& out,
                       const Where& where, Errors& errors) {
  if (!value) return false;
  if (value->is_string()) return readTime(value, key, out, where, errors);
  return readInt64(value, key, out, where, errors);
}

const json::object* readObject(const json::value* value, std::string_view key, const Where& where,
                               Errors& errors) {
  if (!value) return nullptr;
  if (!value->is_object()) {
    errors.wrongType(where, key, "an object", *value);
    return nullptr;
  }
  return &value->get_object();
}

const json::array* readArray(const json::value* value, std::string_view key, const Where& where,
                             Errors& errors) {
  if (!value) return nullptr;
  if (!value->is_array()) {
    errors.wrongType(where, key, "an array", *value);
    return nullptr;
  }
  return &value->get_array();
}

bool readStringArray(const json::value* value, std::string_view key, std::vector<std::string>& out,
                     const Where& where, Errors& errors) {
  const json::array* array = readArray(value, key, where, errors);
  if (!array) return false;
  const Where arrayWhere = where.member(key);
  out.clear();
  out.reserve(array->size());
  for (std::size_t i = 0; i < array->size(); ++i) {
    const json::value& element = (*array)[i];
    if (!element.is_string()) {
      errors.wrongType(arrayWhere.element(i), {}, "a string", element);
      return false;
    }
    out.emplace_back(element.get_string().data(), element.get_string().size());
  }
  return true;
}

bool readRefId(const json::value* value, std::string_view key, std::string& out, const Where& where,
               Errors& errors) {
  const json::object* ref = readObject(value, key, where, errors);
  return ref && readString(*ref, "id", out, where.member(key), errors);
}

// [SECTION] The same readers, looking the member up by name.

bool readString(const json::object& obj, std::string_view key, std::string& out,
    const Where& where, Errors& errors) {
  return readString(present(obj, key), key, out, where, errors);
}

bool readStringView(const json::object& obj, std::string_view key, std::string_view& out,
    const Where& where, Errors& errors) {
  return readStringView(present(obj, key), key, out, where, errors);
}

bool readBool(const json::object& obj, std::string_view key, bool& out, const Where& where, Errors& errors) {
  return readBool(present(obj, key), key, out, where, errors);
}

bool readInt64(const json::object& obj, std::string_view key, std::int64_t& out,
    const Where& where, Errors& errors) {
  return readInt64(present(obj, key), key, out, where, errors);
}

bool readInt(const json::object& obj, std::string_view key, int& out, const Where& where, Errors& errors) {
  return readInt(present(obj, key), key, out, where, errors);
}

bool readDouble(const json::object& obj, std::string_view key, double& out,
    const Where& where, Errors& errors) {
  return readDouble(present(obj, key), key, out, where, errors);
}

bool readTime(const json::object& obj, std::string_view key, model::TimeMs& out,
    const Where& where, Errors& errors) {
  return readTime(present(obj, key), key, out, where, errors);
}

bool readTimeOrEpochMs(const json::object& obj, std::string_view key, model::TimeMs& out,
    const Where& where, Errors& errors) {
  return readTimeOrEpochMs(present(obj, key), key, out, where, errors);
}

const json::object* readObject(const json::object& obj, std::string_view key,
    const Where& where, Errors& errors) {
  return readObject(present(obj, key), key, where, errors);
}

const json::array* readArray(const json::object& obj, std::string_view key,
    const Where& where, Errors& errors) {
  return readArray(present(obj, key), key, where, errors);
}

bool readStringArray(const json::object& obj, std::string_view key, std::vector<std::string>& out,
    const Where& where, Errors& errors) {
  return readStringArray(present(obj, key), key, out, where, errors);
}

bool readRefId(const json::object& obj, std::string_view key, std::string& out,
    const Where& where, Errors& errors) {
  return readRefId(present(obj, key), key, out, where, errors);
}

const json::object* elementObject(const json::value& element, const Where& arrayWhere,
                                  std::size_t index, Errors& errors) {
  if (!element.is_object()) {
    errors.wrongType(arrayWhere.element(index), {}, "an object", element);
    return nullptr;
  }
  return &element.get_object();
}

}  // namespace api::detail
