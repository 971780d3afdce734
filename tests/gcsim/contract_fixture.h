// A gcsim fixture whose answers and events are checked against the vendored contracts: the
// swagger for REST bodies and notification-topics-2.json for event bodies (contracts/genesys/).
#pragma once

#include "contract_files.h"
#include "schema_checker.h"
#include "test_client.h"

#include <cctype>
#include <string>
#include <vector>

namespace gcsim_test {

// The checkers' findings, one indented line each, for a failure message.
inline std::string problemsText(const std::vector<std::string>& problems) {
    std::string text;
    for (const auto& problem : problems) text += "  " + problem + "\n";
    return text;
}

class ContractFixture : public SimFixture {
protected:
    static void SetUpTestSuite() {
        swagger = new SwaggerChecker(contracts::contract(contracts::kPlatformApiSwagger));
        events = new EventModelChecker(contracts::contract(contracts::kNotificationTopics));
    }
    static void TearDownTestSuite() {
        delete swagger;
        delete events;
        swagger = nullptr;
        events = nullptr;
    }
    // Sends the request (as `bearer`, else the fixture's token), checks the status and
    // validates the body, if any, against the swagger operation at `templatePath`.
    Reply conforms(const std::string& method, const std::string& target, const std::string& templatePath, int status,
                   const std::string& body = "", const std::string& bearer = "") {
        Reply reply = apiWith(bearer.empty() ? token : bearer, method, target, body);
        EXPECT_EQ(reply.status, status) << method << " " << target << ": " << reply.body;
        const json::value parsed = reply.body.empty() ? json::value(nullptr) : reply.json();
        std::string lower = method;
        for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        auto problems = swagger->checkResponse(lower, templatePath, reply.status, parsed);
        EXPECT_TRUE(problems.empty()) << method << " " << target << "\n" << problemsText(problems);
        return reply;
    }
    static inline SwaggerChecker* swagger = nullptr;
    static inline EventModelChecker* events = nullptr;
};

}  // namespace gcsim_test
