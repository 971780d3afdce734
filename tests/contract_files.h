// The Genesys contract files the tests check against (swagger subset, notification topic
// models), vendored in contracts/genesys/ so that nothing a test reads lies outside the
// repository. PANEL_CONTRACTS_DIR comes from tests/CMakeLists.txt.
#pragma once

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace contracts {

// The file parsed, e.g. contract("notification-topics-2.json"). A missing or unreadable
// file throws with its path, so the failure names what is missing instead of a parse error.
inline boost::json::value contract(const std::string& fileName) {
  const std::string path = std::string(PANEL_CONTRACTS_DIR) + "/" + fileName;
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read the contract file " + path);
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str());
}

inline constexpr const char* kPlatformApiSwagger = "platform-api-subset.json";
inline constexpr const char* kNotificationTopics = "notification-topics-2.json";

}  // namespace contracts
