#include "auth/regions.h"

#include <algorithm>

namespace auth {
namespace {

std::string normalized(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '/')) text.remove_suffix(1);
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    return c == '_' ? '-' : c;  // SDK enums spell "eu_west_1"
  });
  return lower;
}

// What people paste: a URL or a host of the org rather than the bare domain.
std::string_view withoutHostPrefix(std::string_view host) {
  for (const std::string_view scheme : {"https://", "http://"}) {
    if (host.starts_with(scheme)) host.remove_prefix(scheme.size());
  }
  for (const std::string_view service : {"api.", "login.", "apps.", "streaming."}) {
    if (host.starts_with(service)) return host.substr(service.size());
  }
  return host;
}

}  // namespace

const std::vector<Region>& allRegions() {
  static const std::vector<Region> regions{
      {"mypurecloud.com", "us-east-1"},
      {"use2.us-gov-pure.cloud", "us-east-2"},
      {"usw2.pure.cloud", "us-west-2"},
      {"cac1.pure.cloud", "ca-central-1"},
      {"mxc1.pure.cloud", "mx-central-1"},
      {"sae1.pure.cloud", "sa-east-1"},
      {"mypurecloud.ie", "eu-west-1"},
      {"euw2.pure.cloud", "eu-west-2"},
      {"mypurecloud.de", "eu-central-1"},
      {"euc2.pure.cloud", "eu-central-2"},
      {"edee1.eusc-pure.cloud", "eusc-de-east-1"},
      {"mec1.pure.cloud", "me-central-1"},
      {"aps1.pure.cloud", "ap-south-1"},
      {"mypurecloud.jp", "ap-northeast-1"},
      {"apne2.pure.cloud", "ap-northeast-2"},
      {"apne3.pure.cloud", "ap-northeast-3"},
      {"apse1.pure.cloud", "ap-southeast-1"},
      {"mypurecloud.com.au", "ap-southeast-2"},
  };
  return regions;
}

std::optional<Region> findRegion(std::string_view nameOrDomain) {
  const std::string wanted = normalized(nameOrDomain);
  const std::string_view domain = withoutHostPrefix(wanted);
  for (const Region& region : allRegions()) {
    if (region.awsName == wanted || region.domain == domain) return region;
  }
  return std::nullopt;
}

std::string apiBase(std::string_view domain) { return "https://api." + std::string(domain); }

std::string loginBase(std::string_view domain) { return "https://login." + std::string(domain); }

}  // namespace auth
