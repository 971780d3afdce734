// The natural scenario: alive at start, and consistent after hours of scenario time.
#include "test_client.h"

#include <map>
#include <set>

namespace gcsim_test {
namespace {

class ScenarioTest : public SimFixture {
protected:
    void SetUp() override {
        gcsim::Options o;
        o.agents = 150;
        o.queues = 5;
        o.seed = 42;
        startSim(o);
        control({{"action", "pause"}});  // from here on only `advance` moves the clock
    }

    // Cross-checks agents, queues and conversations in /_sim/state.
    void expectConsistent(const json::value& snapshot) {
        std::map<std::string, json::value> live;
        for (const auto& conversation : snapshot.at("conversations").as_array())
            live[std::string(conversation.at("id").as_string())] = conversation;
        for (const auto& agent : snapshot.at("agents").as_array()) {
            if (!agent.at("isAgent").as_bool()) continue;
            const std::string presence(agent.at("presence").as_string());
            const std::string routing(agent.at("routingStatus").as_string());
            const auto& conversations = agent.at("conversationIds").as_array();
            for (const auto& id : conversations) {
                auto it = live.find(std::string(id.as_string()));
                ASSERT_NE(it, live.end()) << "agent holds a conversation that is not live";
                EXPECT_NE(it->second.at("phase").as_string(), "waiting");
            }
            if (presence != "OnQueue") {
                EXPECT_EQ(routing, "OFF_QUEUE") << agent.at("name").as_string() << " is " << presence;
            } else if (!conversations.empty()) {
                EXPECT_EQ(routing, "INTERACTING");
            } else {
                EXPECT_TRUE(routing == "IDLE" || routing == "NOT_RESPONDING" || routing == "COMMUNICATING") << routing;
            }
        }
        for (const auto& [id, conversation] : live) {
            const std::string phase(conversation.at("phase").as_string());
            int handlers = 0;
            for (const auto& participant : conversation.at("participants").as_array()) {
                const bool supervisor = participant.as_object().contains("monitoredParticipantId") ||
                                        participant.as_object().contains("coachedParticipantId") ||
                                        participant.as_object().contains("bargedParticipantId");
                const std::string state(participant.at("state").as_string());
                if (participant.at("purpose").as_string() == "agent" && !supervisor &&
                    (state == "alerting" || state == "connected" || participant.as_object().contains("wrapupRequired")))
                    ++handlers;
            }
            EXPECT_EQ(handlers, phase == "waiting" ? 0 : 1) << id << " in phase " << phase;
        }
    }
};

TEST_F(ScenarioTest, AliveFromTheFirstSnapshot) {
    json::value snapshot = state();
    int connected = 0, onQueue = 0;
    for (const auto& conversation : snapshot.at("conversations").as_array())
        connected += conversation.at("phase").as_string() == "connected";
    for (const auto& agent : snapshot.at("agents").as_array()) onQueue += agent.at("presence").as_string() == "OnQueue";
    EXPECT_GT(connected, 20);
    EXPECT_GT(onQueue, 60);
    expectConsistent(snapshot);
}

TEST_F(ScenarioTest, StaysConsistentThroughAShift) {
    std::set<std::string> presencesSeen, statusesSeen;
    for (int step = 0; step < 240; ++step) {  // four hours in one-minute steps
        control({{"action", "advance"}, {"seconds", 60}});
        if (step % 30 == 0 || step == 239) {
            json::value snapshot = state();
            expectConsistent(snapshot);
            for (const auto& agent : snapshot.at("agents").as_array()) {
                presencesSeen.insert(std::string(agent.at("presence").as_string()));
                statusesSeen.insert(std::string(agent.at("routingStatus").as_string()));
            }
        }
    }
    EXPECT_TRUE(presencesSeen.count("Break") || presencesSeen.count("Meal") || presencesSeen.count("Away"));
    EXPECT_TRUE(statusesSeen.count("INTERACTING"));
    EXPECT_TRUE(statusesSeen.count("IDLE"));
}

TEST_F(ScenarioTest, EndedCallsReachWrapupAndTranscripts) {
    json::value before = state();
    control({{"action", "advance"}, {"seconds", 1800}});
    // Conversations live at the start have mostly ended: their transcripts are ready.
    int ready = 0, checked = 0;
    for (const auto& conversation : before.at("conversations").as_array()) {
        if (conversation.at("mediaType").as_string() != "call" || conversation.at("phase").as_string() != "connected") continue;
        const std::string id(conversation.at("id").as_string());
        Reply view = api("GET", "/api/v2/conversations/" + id);
        if (view.status != 200 || !view.json().as_object().contains("endTime")) continue;
        std::string communication;
        for (const auto& participant : view.json().at("participants").as_array())
            if (participant.at("purpose").as_string() == "agent") communication = std::string(participant.at("calls").at(0).at("id").as_string());
        ++checked;
        ready += api("GET", "/api/v2/speechandtextanalytics/conversations/" + id + "/communications/" + communication + "/transcripturl").status == 200;
        if (checked >= 10) break;
    }
    EXPECT_GT(checked, 0);
    EXPECT_EQ(ready, checked);
}

}  // namespace
}  // namespace gcsim_test
