// Internal to src/api: typed, path-aware reading of Boost.JSON values.
// Tolerant of what it does not ask for (unknown members are never looked at, null counts
// as absent) and strict about what it does ask for: a member of the wrong type is reported
// with its path, and the decoder returns that error instead of a silently wrong value.
#pragma once

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/result.h"
#include "model/model.h"

namespace api::detail {

namespace json = boost::json;

// Where a value sits in the document: a chain of stack frames, turned into a path string
// ("entities[2].presence") only when an error is reported, so the happy path costs nothing.
struct Where {
  const Where* parent = nullptr;
  std::string_view key;      // member name; empty for an array element or the root
  std::size_t index = 0;
  bool isElement = false;

  constexpr Where member(std::string_view name) const { return Where{this, name, 0, false}; }
  constexpr Where element(std::size_t i) const { return Where{this, {}, i, true}; }
  std::string path() const;
};

// The document root. Paths must hang off a Where that outlives them: use this, never a
// temporary Where{}, as the parent of a stored Where.
inline constexpr Where kRoot{};

// Collects the first problem found while decoding one document.
class Errors {
 public:
  explicit Errors(std::string_view subject) : subject_(subject) {}

  bool any() const { return !first_.empty(); }
  void wrongType(const Where& object, std::string_view key, std::string_view expected,
                 const json::value& got);
  void invalid(const Where& object, std::string_view key, std::string_view problem);
  void document(std::string_view problem);  // the text as a whole is unusable
  Failure failure() const { return Failure{first_}; }

 private:
  std::string_view subject_;  // "users page", "conversation", ...
  std::string first_;
};

template <class T>
Result<T> finish(T&& value, const Errors& errors) {
  if (errors.any()) return errors.failure();
  return Result<T>(std::move(value));
}

// Parses a whole REST body; reports a syntax error (with its offset) to `errors`.
std::optional<json::value> parseDocument(std::string_view text, Errors& errors);
// The root must be an object (or an array for the array variant); reports otherwise.
const json::object* rootObject(const std::optional<json::value>& doc, Errors& errors);
const json::array* rootArray(const std::optional<json::value>& doc, Errors& errors);

std::string_view typeName(const json::value& value);

// obj[key], with JSON null treated as absent.
inline const json::value* present(const json::object& obj, std::string_view key) {
  const json::value* value = obj.if_contains(key);
  return value && !value->is_null() ? value : nullptr;
}

// Each reader looks at obj[key] of the object located at `where`. Absent or null: `out`
// is left untouched and the result is false. Wrong type: reported, false. Else true.
// Every reader also exists taking the member's value (null = absent) instead of the
// object, for values found with Members; `key` then only names it in errors.
bool readString(const json::object& obj, std::string_view key, std::string& out, const Where& where,
                Errors& errors);
bool readStringView(const json::object& obj, std::string_view key, std::string_view& out,
                    const Where& where, Errors& errors);
bool readBool(const json::object& obj, std::string_view key, bool& out, const Where& where,
              Errors& errors);
// Integers; an integral double (5.0) is accepted, a fraction or out-of-range is an error.
bool readInt64(const json::object& obj, std::string_view key, std::int64_t& out, const Where& where,
               Errors& errors);
bool readInt(const json::object& obj, std::string_view key, int& out, const Where& where,
             Errors& errors);
bool readDouble(const json::object& obj, std::string_view key, double& out, const Where& where,
                Errors& errors);
// An ISO-8601 string; an unparsable string is an error.
bool readTime(const json::object& obj, std::string_view key, model::TimeMs& out, const Where& where,
              Errors& errors);
// An ISO-8601 string or a number of epoch milliseconds (transcript documents use both).
bool readTimeOrEpochMs(const json::object& obj, std::string_view key, model::TimeMs& out,
                       const Where& where, Errors& errors);
const json::object* readObject(const json::object& obj, std::string_view key, const Where& where,
                               Errors& errors);
const json::array* readArray(const json::object& obj, std::string_view key, const Where& where,
                             Errors& errors);
// An array of strings; a non-string element is an error.
bool readStringArray(const json::object& obj, std::string_view key, std::vector<std::string>& out,
                     const Where& where, Errors& errors);
// The "id" of a reference object such as {"id": "...", "selfUri": "..."}.
bool readRefId(const json::object& obj, std::string_view key, std::string& out, const Where& where,
               Errors& errors);

// The value forms (see above).
bool readString(const json::value* value, std::string_view key, std::string& out, const Where& where,
                Errors& errors);
bool readStringView(const json::value* value, std::string_view key, std::string_view& out,
                    const Where& where, Errors& errors);
bool readBool(const json::value* value, std::string_view key, bool& out, const Where& where,
              Errors& errors);
bool readInt64(const json::value* value, std::string_view key, std::int64_t& out, const Where& where,
               Errors& errors);
bool readInt(const json::value* value, std::string_view key, int& out, const Where& where,
             Errors& errors);
bool readDouble(const json::value* value, std::string_view key, double& out, const Where& where,
                Errors& errors);
bool readTime(const json::value* value, std::string_view key, model::TimeMs& out, const Where& where,
              Errors& errors);
bool readTimeOrEpochMs(const json::value* value, std::string_view key, model::TimeMs& out,
                       const Where& where, Errors& errors);
const json::object* readObject(const json::value* value, std::string_view key, const Where& where,
                               Errors& errors);
const json::array* readArray(const json::value* value, std::string_view key, const Where& where,
                             Errors& errors);
bool readStringArray(const json::value* value, std::string_view key, std::vector<std::string>& out,
                     const Where& where, Errors& errors);
bool readRefId(const json::value* value, std::string_view key, std::string& out, const Where& where,
               Errors& errors);

// The members a decoder wants from one object, found in a single pass over it instead of
// one search per member. Participants and communications carry 20-40 members and are
// decoded for every conversation event, so this is on the hot path. Slots follow `names`,
// which must outlive the Members (a constexpr array). Readers behave as the ones above.
template <std::size_t N>
class Members {
 public:
  using Names = std::array<std::string_view, N>;

  Members(const json::object& object, const Names& names, const Where& where, Errors& errors)
      : names_(names), where_(where), errors_(errors) {
    for (const json::key_value_pair& member : object) {
      if (member.value().is_null()) continue;  // null counts as absent
      const std::string_view key = member.key();
      for (std::size_t slot = 0; slot < N; ++slot) {
        if (names[slot].size() == key.size() && names[slot] == key) {
          values_[slot] = &member.value();
          break;
        }
      }
    }
  }

  bool has(std::size_t slot) const { return values_[slot] != nullptr; }
  bool string(std::size_t slot, std::string& out) const {
    return readString(values_[slot], names_[slot], out, where_, errors_);
  }
  bool stringView(std::size_t slot, std::string_view& out) const {
    return readStringView(values_[slot], names_[slot], out, where_, errors_);
  }
  bool boolean(std::size_t slot, bool& out) const { return readBool(values_[slot], names_[slot], out, where_, errors_); }
  bool time(std::size_t slot, model::TimeMs& out) const {
    return readTime(values_[slot], names_[slot], out, where_, errors_);
  }
  bool refId(std::size_t slot, std::string& out) const {
    return readRefId(values_[slot], names_[slot], out, where_, errors_);
  }
  const json::object* object(std::size_t slot) const {
    return readObject(values_[slot], names_[slot], where_, errors_);
  }
  const json::array* array(std::size_t slot) const { return readArray(values_[slot], names_[slot], where_, errors_); }
  // Where the member sits, for the elements of an array member.
  Where where(std::size_t slot) const { return where_.member(names_[slot]); }

 private:
  const Names& names_;
  const Where& where_;
  Errors& errors_;
  std::array<const json::value*, N> values_{};
};

// An array element that must be an object; reports and returns null otherwise.
const json::object* elementObject(const json::value& element, const Where& arrayWhere,
                                  std::size_t index, Errors& errors);

}  // namespace api::detail
