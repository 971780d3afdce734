// Genesys Cloud regions (genesys-api.md section 4): the org's domain and the AWS region
// it runs in. Every host the panel talks to is derived from the domain.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace auth {

struct Region {
  std::string_view domain;   // "mypurecloud.ie"
  std::string_view awsName;  // "eu-west-1"
};

// Every region, in the order of genesys-api.md.
const std::vector<Region>& allRegions();

// Accepts a domain ("mypurecloud.ie"), an AWS name ("eu-west-1"), the SDK spelling
// ("eu_west_1") or a host ("api.mypurecloud.ie", "https://apps.mypurecloud.ie/"),
// ignoring case and surrounding spaces. nullopt if it names no known region.
std::optional<Region> findRegion(std::string_view nameOrDomain);

// "https://api.{domain}" and "https://login.{domain}", no trailing slash.
std::string apiBase(std::string_view domain);
std::string loginBase(std::string_view domain);

}  // namespace auth
