// --record and gcsim --replay end to end: a scripted session against gcsim is recorded,
// replayed by `gcsim --replay`, the same script runs against the replay, and the panel
// ends in the same state (agents, statuses, conversations, appointments, queues).
#include <gtest/gtest.h>

#include "gcsim_process.h"
#include "panel_process.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>

#include <filesystem>

namespace {

namespace fs = std::filesystem;
using e2e::panelExitCode;
using e2e::readText;

fs::path workDir() { return e2e::workDir("panel-e2e-record-replay"); }

// A supervisor's workflow that changes the org through the panel: a monitor (a new
// participant, told by a notification) and a coaching booking (a body with a random tag).
const char* kWorkflow =
    "wait-until live within 30\n"
    "select-agent first-interacting\n"
    "wait-until detail-loaded within 20\n"
    "monitor\n"
    "wait-until action succeeded within 20\n"
    "book-coaching 30 recorded, then replayed\n"
    "wait-until action succeeded within 20\n"
    "wait 3\n"
    "exit\n";

boost::json::value readJson(const fs::path& path) {
  boost::system::error_code error;
  boost::json::value value = boost::json::parse(readText(path), error);
  EXPECT_FALSE(error) << path << ": " << error.message();
  return value;
}

// The queues with each media type's live-interval figures taken out where the two runs were
// in different 30-minute intervals: an answer recorded at 11:59 and replayed at 12:00 puts the
// same calls in the day's figures instead of the live interval (the day's totals still agree).
boost::json::value queuesToCompare(boost::json::value queues, const boost::json::value& other) {
  auto& list = queues.as_array();
  for (std::size_t q = 0; q < list.size(); ++q)
    for (auto& [media, figures] : list[q].at("byMedia").as_object()) {
      const boost::json::value& theirs = other.as_array().at(q).at("byMedia").at(media);
      if (figures.at("dayThrough") == theirs.at("dayThrough")) continue;
      for (const char* split : {"offered", "answered", "abandoned", "slNumerator", "slDenominator", "intervalStart",
                                "dayThrough"})
        figures.as_object().erase(split);
    }
  return queues;
}

TEST(RecordReplay, ReplayingARecordedScriptReachesTheSameState) {
  const fs::path dir = workDir();
  const fs::path script = e2e::writeScript(dir, "workflow.script", kWorkflow);
  const fs::path har = dir / "session.har", first = dir / "recorded.json", second = dir / "replayed.json";
  const fs::path log = dir / "panel.log";
  for (const auto& path : {har, first, second}) fs::remove(path);

  {
    // A still org (nothing changes but what the panel does), with one agent on a call.
    e2e::GcsimProcess org({"--agents", "30", "--seed", "7", "--no-scenario"});
    ASSERT_FALSE(org.baseUrl().empty()) << "gcsim did not start";
    const boost::json::value truth = boost::json::parse(org.request("GET", "/_sim/state"));
    std::string agentId;
    for (const auto& agent : truth.at("agents").as_array())
      if (agent.at("isAgent").as_bool() && agentId.empty()) agentId = agent.at("id").as_string();
    ASSERT_NE(org.request("POST", "/_sim/control", R"({"action":"startCall","userId":")" + agentId + R"("})")
                  .find("\"ok\":true"),
              std::string::npos);
    ASSERT_EQ(panelExitCode("--gcsim " + org.baseUrl() + " --record " + har.string() + " --script " + script.string() +
                            " --dump-state " + first.string() + " --exit-after 90 2> " + log.string()),
              0)
        << readText(log);
  }
  e2e::GcsimProcess replay({"--replay", har.string()});
  ASSERT_FALSE(replay.baseUrl().empty()) << "gcsim --replay did not start";
  ASSERT_EQ(panelExitCode("--gcsim " + replay.baseUrl() + " --script " + script.string() + " --dump-state " +
                          second.string() + " --exit-after 90 2> " + log.string()),
            0)
      << readText(log);

  const boost::json::value recorded = readJson(first), replayed = readJson(second);
  for (const char* part : {"userId", "agents", "conversations", "appointments"})
    EXPECT_EQ(recorded.at(part), replayed.at(part)) << part << " differs after the replay";
  ASSERT_EQ(recorded.at("queues").as_array().size(), replayed.at("queues").as_array().size());
  EXPECT_EQ(queuesToCompare(recorded.at("queues"), replayed.at("queues")),
            queuesToCompare(replayed.at("queues"), recorded.at("queues")))
      << "queues differ after the replay";
  EXPECT_FALSE(recorded.at("appointments").as_array().empty()) << "the booking is part of the state compared";

  const boost::json::value progress = boost::json::parse(replay.request("GET", "/_sim/state")).at("replay");
  EXPECT_EQ(progress.at("notRecordedCount").to_number<int>(), 0) << boost::json::serialize(progress);
  // The last messages may be due after the second run exits: the state above is the check.
  EXPECT_GT(progress.at("messagesPlayed").to_number<int>(), 0) << boost::json::serialize(progress);
}

TEST(RecordReplay, ARecordingThatCannotBeWrittenStopsBeforeAnyWindow) {
  const fs::path log = workDir() / "unwritable.log";
  EXPECT_EQ(panelExitCode("--demo --record /nonexistent-folder/a.har 2> " + log.string(), false), 2);
  EXPECT_NE(readText(log).find("Cannot record to /nonexistent-folder/a.har"), std::string::npos) << readText(log);
}

}  // namespace
