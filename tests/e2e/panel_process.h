// Running the real supervisor-panel binary from an end-to-end test.
#pragma once

#include <sys/wait.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace e2e {

// A fresh-enough folder for one test's files under the system temp directory.
inline std::filesystem::path workDir(const std::string& name) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / name;
  std::filesystem::create_directories(dir);
  return dir;
}

// A --script file for the panel, written into `dir`.
inline std::filesystem::path writeScript(const std::filesystem::path& dir, const std::string& name,
                                         const std::string& text) {
  const std::filesystem::path path = dir / name;
  std::ofstream(path) << text;
  return path;
}

inline std::string readText(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The panel's exit code. Uses the test command's display, else its own xvfb-run.
inline int panelExitCode(const std::string& args, bool needsDisplay = true) {
  const std::string display =
      needsDisplay && std::getenv("DISPLAY") == nullptr ? "xvfb-run -a -s '-screen 0 1920x1080x24' " : "";
  const int status = std::system((display + PANEL_BIN_DIR + "/supervisor-panel " + args).c_str());
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

}  // namespace e2e
