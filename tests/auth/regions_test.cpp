#include "auth/regions.h"

#include <gtest/gtest.h>

#include <set>
#include <string_view>

namespace {

TEST(RegionsTest, ListsEveryDocumentedRegionOnce) {
  const auto& regions = auth::allRegions();
  EXPECT_EQ(regions.size(), 18u);
  std::set<std::string_view> domains;
  std::set<std::string_view> awsNames;
  for (const auth::Region& region : regions) {
    domains.insert(region.domain);
    awsNames.insert(region.awsName);
  }
  EXPECT_EQ(domains.size(), regions.size());
  EXPECT_EQ(awsNames.size(), regions.size());
}

TEST(RegionsTest, FindsByDomainOrAwsName) {
  const auto byDomain = auth::findRegion("mypurecloud.ie");
  ASSERT_TRUE(byDomain);
  EXPECT_EQ(byDomain->awsName, "eu-west-1");
  const auto byAwsName = auth::findRegion("eu-west-1");
  ASSERT_TRUE(byAwsName);
  EXPECT_EQ(byAwsName->domain, "mypurecloud.ie");
  EXPECT_EQ(auth::findRegion("ap-southeast-2")->domain, "mypurecloud.com.au");
  EXPECT_EQ(auth::findRegion("edee1.eusc-pure.cloud")->awsName, "eusc-de-east-1");
}

TEST(RegionsTest, AcceptsTheWaysPeopleWriteIt) {
  for (const std::string_view spelling :
       {" EU-WEST-1 ", "eu_west_1", "MyPureCloud.ie", "api.mypurecloud.ie", "https://apps.mypurecloud.ie/"}) {
    const auto region = auth::findRegion(spelling);
    ASSERT_TRUE(region) << spelling;
    EXPECT_EQ(region->domain, "mypurecloud.ie") << spelling;
  }
}

TEST(RegionsTest, RejectsUnknownNames) {
  EXPECT_FALSE(auth::findRegion(""));
  EXPECT_FALSE(auth::findRegion("eu-west-9"));
  EXPECT_FALSE(auth::findRegion("example.com"));
  EXPECT_FALSE(auth::findRegion("purecloud.ie"));
}

TEST(RegionsTest, BuildsHostsFromTheDomain) {
  EXPECT_EQ(auth::apiBase("mypurecloud.com"), "https://api.mypurecloud.com");
  EXPECT_EQ(auth::loginBase("usw2.pure.cloud"), "https://login.usw2.pure.cloud");
}

}  // namespace
