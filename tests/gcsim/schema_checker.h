// Minimal validators for gcsim conformance tests:
//  - SwaggerChecker: swagger 2.0 definitions ($ref, type, required, enum, items,
//    additionalProperties, date-time), reporting unknown properties too.
//  - EventModelChecker: the "field -> type" models of notification-topics-2.json.
#pragma once

#include <boost/json.hpp>

#include <string>
#include <vector>

namespace gcsim_test {

class SwaggerChecker {
public:
    explicit SwaggerChecker(boost::json::value swagger);
    // Problems found validating `body` as the response `status` of `method path` (path as in the swagger).
    std::vector<std::string> checkResponse(const std::string& method, const std::string& path, int status,
                                           const boost::json::value& body) const;
    std::vector<std::string> checkDefinition(const std::string& name, const boost::json::value& body) const;

private:
    void check(const boost::json::value& value, const boost::json::object& schema, const std::string& where,
               std::vector<std::string>& problems, int depth) const;
    boost::json::value swagger_;
};

class EventModelChecker {
public:
    explicit EventModelChecker(boost::json::value topics);
    std::string modelForTopic(const std::string& topicName) const;  // "" when the file has none
    std::vector<std::string> checkModel(const std::string& model, const boost::json::value& body) const;

private:
    void check(const boost::json::value& value, const std::string& type, const std::string& where,
               std::vector<std::string>& problems, int depth) const;
    boost::json::value topics_;
};

bool isIsoDateTime(const std::string& text);

}  // namespace gcsim_test
