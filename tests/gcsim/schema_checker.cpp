#include "schema_checker.h"

#include <regex>

namespace gcsim_test {

namespace json = boost::json;

bool isIsoDateTime(const std::string& text) {
    static const std::regex pattern(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$)");
    return std::regex_match(text, pattern);
}

// [SECTION] Swagger
SwaggerChecker::SwaggerChecker(json::value swagger) : swagger_(std::move(swagger)) {}

std::vector<std::string> SwaggerChecker::checkResponse(const std::string& method, const std::string& path, int status,
                                                       const json::value& body) const {
    std::vector<std::string> problems;
    const json::value* operation = nullptr;
    if (const json::value* paths = swagger_.as_object().if_contains("paths"))
        if (const json::value* item = paths->as_object().if_contains(path)) operation = item->as_object().if_contains(method);
    if (!operation) return {"no swagger operation " + method + " " + path};
    const json::value* response = operation->at("responses").as_object().if_contains(std::to_string(status));
    if (!response) return {"swagger lists no " + std::to_string(status) + " for " + method + " " + path};
    const json::value* schema = response->as_object().if_contains("schema");
    if (!schema) {
        if (!body.is_null()) problems.push_back(method + " " + path + ": body where the swagger has none");
        return problems;
    }
    check(body, schema->as_object(), method + " " + path + " " + std::to_string(status), problems, 0);
    return problems;
}

std::vector<std::string> SwaggerChecker::checkDefinition(const std::string& name, const json::value& body) const {
    std::vector<std::string> problems;
    json::object ref{{"$ref", "#/definitions/" + name}};
    check(body, ref, name, problems, 0);
    return problems;
}

void SwaggerChecker::check(const json::value& value, const json::object& schema, const std::string& where,
                           std::vector<std::string>& problems, int depth) const {
    if (depth > 40) return;
    if (const json::value* ref = schema.if_contains("$ref")) {
        const std::string name = std::string(ref->as_string()).substr(std::string("#/definitions/").size());
        const json::value* definition = swagger_.at("definitions").as_object().if_contains(name);
        if (!definition) {
            problems.push_back(where + ": unknown definition " + name);
            return;
        }
        check(value, definition->as_object(), where + "<" + name + ">", problems, depth + 1);
        return;
    }
    const json::value* typeValue = schema.if_contains("type");
    const std::string type = typeValue ? std::string(typeValue->as_string()) : (schema.contains("properties") ? "object" : "");
    if (type == "object") {
        if (!value.is_object()) {
            problems.push_back(where + ": expected an object");
            return;
        }
        const json::object& object = value.as_object();
        if (const json::value* required = schema.if_contains("required"))
            for (const auto& name : required->as_array())
                if (!object.contains(name.as_string())) problems.push_back(where + ": missing required " + std::string(name.as_string()));
        const json::value* properties = schema.if_contains("properties");
        const json::value* additional = schema.if_contains("additionalProperties");
        for (const auto& entry : object) {
            const std::string field(entry.key());
            const json::value* property = properties ? properties->as_object().if_contains(field) : nullptr;
            if (property) check(entry.value(), property->as_object(), where + "." + field, problems, depth + 1);
            else if (additional && additional->is_object()) check(entry.value(), additional->as_object(), where + "." + field, problems, depth + 1);
            else if (properties) problems.push_back(where + ": property not in the swagger: " + field);
        }
    } else if (type == "array") {
        if (!value.is_array()) {
            problems.push_back(where + ": expected an array");
            return;
        }
        if (const json::value* items = schema.if_contains("items"))
            for (size_t i = 0; i < value.as_array().size(); ++i)
                check(value.as_array()[i], items->as_object(), where + "[" + std::to_string(i) + "]", problems, depth + 1);
    } else if (type == "string") {
        if (!value.is_string()) {
            problems.push_back(where + ": expected a string");
            return;
        }
        const std::string text(value.as_string());
        if (const json::value* allowed = schema.if_contains("enum")) {
            bool found = false;
            for (const auto& option : allowed->as_array()) found = found || option.as_string() == text;
            if (!found) problems.push_back(where + ": '" + text + "' is not in the enum");
        }
        if (const json::value* format = schema.if_contains("format"); format && format->as_string() == "date-time" && !isIsoDateTime(text))
            problems.push_back(where + ": '" + text + "' is not an ISO-8601 date-time");
    } else if (type == "integer") {
        if (!value.is_int64() && !value.is_uint64()) problems.push_back(where + ": expected an integer");
    } else if (type == "number") {
        if (!value.is_number()) problems.push_back(where + ": expected a number");
    } else if (type == "boolean") {
        if (!value.is_bool()) problems.push_back(where + ": expected a boolean");
    }
}

// [SECTION] Notification event models
EventModelChecker::EventModelChecker(json::value topics) : topics_(std::move(topics)) {}

std::string EventModelChecker::modelForTopic(const std::string& topicName) const {
    // v2.users.<id>.presence -> v2.users.{id}.presence: ids are the segments after the prefix words.
    static const std::regex ids(R"(\.([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(\.|$))");
    const std::string pattern = std::regex_replace(topicName, ids, ".{id}$2");
    const json::value* model = topics_.at("topics").as_object().if_contains(pattern);
    return model ? std::string(model->as_string()) : "";
}

std::vector<std::string> EventModelChecker::checkModel(const std::string& model, const json::value& body) const {
    std::vector<std::string> problems;
    check(body, model, model, problems, 0);
    return problems;
}

void EventModelChecker::check(const json::value& value, const std::string& type, const std::string& where,
                              std::vector<std::string>& problems, int depth) const {
    if (depth > 40) return;
    if (type == "string") {
        if (!value.is_string()) problems.push_back(where + ": expected a string");
    } else if (type.rfind("string (", 0) == 0) {
        if (!value.is_string()) {
            problems.push_back(where + ": expected a string");
            return;
        }
        const std::string options = type.substr(8, type.size() - 9);
        if (options.find('|') != std::string::npos && ("|" + options + "|").find("|" + std::string(value.as_string()) + "|") == std::string::npos)
            problems.push_back(where + ": '" + std::string(value.as_string()) + "' not in " + options);
    } else if (type == "number") {
        if (!value.is_number()) problems.push_back(where + ": expected a number");
    } else if (type == "boolean") {
        if (!value.is_bool()) problems.push_back(where + ": expected a boolean");
    } else if (type.rfind("Array<", 0) == 0) {
        if (!value.is_array()) {
            problems.push_back(where + ": expected an array");
            return;
        }
        const std::string item = type.substr(6, type.size() - 7);
        for (size_t i = 0; i < value.as_array().size(); ++i)
            check(value.as_array()[i], item, where + "[" + std::to_string(i) + "]", problems, depth + 1);
    } else if (type.rfind("{", 0) == 0) {
        if (!value.is_object()) {
            problems.push_back(where + ": expected an object");
            return;
        }
        // "{[key]: T}": every value is a T (e.g. a queue observation's stats are numbers).
        const std::string prefix = "{[key]: ";
        if (type.rfind(prefix, 0) == 0 && type.back() == '}')
            for (const auto& entry : value.as_object())
                check(entry.value(), type.substr(prefix.size(), type.size() - prefix.size() - 1),
                      where + "." + std::string(entry.key()), problems, depth + 1);
    } else if (const json::value* model = topics_.at("models").as_object().if_contains(type)) {
        if (!value.is_object()) {
            problems.push_back(where + ": expected an object (" + type + ")");
            return;
        }
        for (const auto& entry : value.as_object()) {
            const json::value* fieldType = model->as_object().if_contains(entry.key());
            if (!fieldType) {
                problems.push_back(where + ": field not in the SDK model: " + std::string(entry.key()));
                continue;
            }
            check(entry.value(), std::string(fieldType->as_string()), where + "." + std::string(entry.key()), problems, depth + 1);
        }
    }
    // Models the file does not describe are not checked.
}

}  // namespace gcsim_test
