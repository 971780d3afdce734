// --script end to end: the real binary on the --demo org replays a supervisor's workflow
// through its own intents, writes the HAR and a screenshot, and ends with the exit code
// the script's expectations decide.
#include <gtest/gtest.h>

#include "panel_process.h"

#include <stb_image.h>
#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace {

namespace fs = std::filesystem;

fs::path workDir() { return e2e::workDir("panel-e2e-script"); }

fs::path writeScript(const std::string& name, const std::string& text) { return e2e::writeScript(workDir(), name, text); }

using e2e::panelExitCode;
using e2e::readText;

TEST(ScriptEndToEnd, DemoWorkflowPassesAndWritesTheHarAndScreenshot) {
  const fs::path har = workDir() / "workflow.har";
  const fs::path png = workDir() / "workflow.png";
  const fs::path log = workDir() / "workflow.log";
  fs::remove(har);
  fs::remove(png);
  const fs::path script = writeScript("workflow.script",
                                      "wait-until live within 30\n"
                                      "select-agent first-interacting\n"
                                      "wait-until detail-loaded within 20\n"
                                      "monitor\n"
                                      "wait-until action succeeded within 20\n"
                                      "expect action succeeded\n"
                                      "open-transcript\n"
                                      "wait-until transcript live within 20\n"
                                      "book-coaching 30 booked by the end-to-end test\n"
                                      "wait-until action succeeded within 20\n"
                                      "expect toast-contains Coaching booked\n"
                                      "export-har " + har.string() + "\n"
                                      "wait-until toast-contains HAR written within 10\n"
                                      "screenshot " + png.string() + "\n"
                                      "exit\n");
  EXPECT_EQ(panelExitCode("--demo --demo-agents 200 --script " + script.string() + " --exit-after 60 2> " +
                          log.string()),
            0)
      << readText(log);

  const std::string harText = readText(har);
  EXPECT_NE(harText.find("\"log\""), std::string::npos) << "a HAR document";
  EXPECT_NE(harText.find("/monitor"), std::string::npos) << "the monitor request the script made";
  int width = 0, height = 0, channels = 0;
  unsigned char* pixels = stbi_load(png.c_str(), &width, &height, &channels, 4);
  ASSERT_NE(pixels, nullptr) << "the screenshot is a readable PNG";
  EXPECT_GT(width, 0);
  EXPECT_GT(height, 0);
  stbi_image_free(pixels);
}

TEST(ScriptEndToEnd, FailedExpectationEndsWithCode3) {
  const fs::path script = writeScript("failing.script",
                                      "wait-until live within 30\n"
                                      "expect transcript ready   # nothing is open\n"
                                      "exit\n");
  EXPECT_EQ(panelExitCode("--demo --demo-agents 50 --script " + script.string() + " --exit-after 60"), 3);
}

TEST(ScriptEndToEnd, BadScriptEndsWithCode2BeforeAnyWindow) {
  const fs::path script = writeScript("bad.script", "wait-until live\nmoniter\n");
  const fs::path log = workDir() / "bad.log";
  EXPECT_EQ(panelExitCode("--demo --script " + script.string() + " 2> " + log.string(), false), 2);
  EXPECT_NE(readText(log).find("line 2: unknown command 'moniter'"), std::string::npos) << readText(log);
}

}  // namespace
