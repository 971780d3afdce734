// Transcript URL: 404 until ready (delay / speed, longer cross-region), then a document
// fetched without Authorization containing maskable personal data.
#include "test_client.h"

#include <regex>

namespace gcsim_test {
namespace {

bool luhnValid(const std::string& digits) {
    int sum = 0;
    for (size_t i = 0; i < digits.size(); ++i) {
        int digit = digits[digits.size() - 1 - i] - '0';
        if (i % 2 == 1) {
            digit *= 2;
            if (digit > 9) digit -= 9;
        }
        sum += digit;
    }
    return sum % 10 == 0;
}

class TranscriptTest : public SimFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 20;
        o.scenario = false;
        o.transcriptDelaySeconds = 20;
        startSim(o);
        control({{"action", "pause"}});  // the clock moves only through "advance"
        json::value call = firstAgentCall();
        conversationId = std::string(call.at("conversationId").as_string());
        communicationId = std::string(call.at("communicationId").as_string());
        path = "/api/v2/speechandtextanalytics/conversations/" + conversationId + "/communications/" + communicationId + "/transcripturl";
    }
    std::string conversationId, communicationId, path;
};

TEST_F(TranscriptTest, NotFoundWhileLiveAndUntilTheDelayPasses) {
    Reply live = api("GET", path);
    EXPECT_EQ(live.status, 404);
    EXPECT_EQ(live.json().at("code").as_string(), "resource.not.found");
    control({{"action", "endConversation"}, {"conversationId", conversationId}});
    EXPECT_EQ(api("GET", path).status, 404);
    control({{"action", "advance"}, {"seconds", 19}});
    EXPECT_EQ(api("GET", path).status, 404);
    control({{"action", "advance"}, {"seconds", 2}});
    Reply ready = api("GET", path);
    ASSERT_EQ(ready.status, 200) << ready.body;
    const std::string url(ready.json().at("url").as_string());
    EXPECT_EQ(url.rfind(sim->baseUrl() + "/_transcripts/", 0), 0u) << url;

    Reply document = http->request("GET", url.substr(sim->baseUrl().size()));  // no Authorization header
    ASSERT_EQ(document.status, 200);
    json::value body = document.json();
    EXPECT_EQ(body.at("conversationId").as_string(), conversationId);
    std::string text;
    for (const auto& phrase : body.at("transcripts").at(0).at("phrases").as_array()) text += std::string(phrase.at("text").as_string()) + "\n";
    std::smatch match;
    ASSERT_TRUE(std::regex_search(text, match, std::regex(R"((\d{4}) (\d{4}) (\d{4}) (\d{4}))")));
    EXPECT_TRUE(luhnValid(match[1].str() + match[2].str() + match[3].str() + match[4].str()));
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(\d{3}-\d{2}-\d{4})")));            // SSN
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(DE\d{2}( \d{4}){4} \d{2})")));      // IBAN
    EXPECT_TRUE(std::regex_search(text, std::regex(R"([a-z.]+@mail-example\.com)")));     // e-mail
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(\+1 \(415\) 555-\d{4})")));         // phone
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(ORD-\d{6})")));                    // not personal
    EXPECT_TRUE(std::regex_search(text, std::regex(R"(\$\d+\.\d{2})")));                 // not personal
}

TEST_F(TranscriptTest, UnknownCommunicationIsNotFound) {
    control({{"action", "endConversation"}, {"conversationId", conversationId}});
    control({{"action", "advance"}, {"seconds", 100}});
    EXPECT_EQ(api("GET", "/api/v2/speechandtextanalytics/conversations/" + conversationId + "/communications/nope/transcripturl").status, 404);
    EXPECT_EQ(http->request("GET", "/_transcripts/unknown-key").status, 404);
}

TEST(CrossRegionTranscriptTest, OtherRegionAgentsWaitLonger) {
    gcsim::Options o;
    o.agents = 200;
    o.scenario = false;
    o.transcriptDelaySeconds = 20;
    o.crossRegionExtraSeconds = 60;
    gcsim::Simulator sim(o);
    sim.start();
    HttpClient http(sim.baseUrl());
    http.request("POST", "/_sim/control", R"({"action":"pause"})");
    const json::value snapshot = http.request("GET", "/_sim/state").json();
    std::string remoteAgent;
    for (const auto& agent : snapshot.at("agents").as_array())
        if (agent.at("otherRegion").as_bool() && remoteAgent.empty()) remoteAgent = std::string(agent.at("id").as_string());
    ASSERT_FALSE(remoteAgent.empty()) << "about 5% of agents are in another region";
    const json::value call = http.request("POST", "/_sim/control", json::serialize(json::value{{"action", "startCall"}, {"userId", remoteAgent}})).json();
    const std::string conversationId(call.at("conversationId").as_string());
    const std::string verifier = "cross-region-verifier-cross-region-verifier";
    Reply authorize = http.request("GET", "/oauth/authorize?response_type=code&client_id=c&redirect_uri=http://127.0.0.1:1/cb&code_challenge=" +
                                              pkceChallenge(verifier) + "&code_challenge_method=S256");
    const std::string bearer(http.request("POST", "/oauth/token",
                                          "grant_type=authorization_code&code=" + queryParam(authorize.header("location"), "code") +
                                              "&code_verifier=" + verifier,
                                          {{"Content-Type", "application/x-www-form-urlencoded"}})
                                 .json().at("access_token").as_string());
    const std::string path = "/api/v2/speechandtextanalytics/conversations/" + conversationId + "/communications/" +
                             std::string(call.at("communicationId").as_string()) + "/transcripturl";
    http.request("POST", "/_sim/control", json::serialize(json::value{{"action", "endConversation"}, {"conversationId", conversationId}}));
    http.request("POST", "/_sim/control", R"({"action":"advance","seconds":30})");
    EXPECT_EQ(http.request("GET", path, "", {{"Authorization", "Bearer " + bearer}}).status, 404);
    http.request("POST", "/_sim/control", R"({"action":"advance","seconds":60})");
    EXPECT_EQ(http.request("GET", path, "", {{"Authorization", "Bearer " + bearer}}).status, 200);
    sim.stop();
}

}  // namespace
}  // namespace gcsim_test
