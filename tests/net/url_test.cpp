#include "net/url.h"

#include <gtest/gtest.h>

namespace {

TEST(ParseUrl, SplitsHttpsUrlWithPortAndQuery) {
  const auto url = net::parseUrl("https://api.mypurecloud.ie:8443/api/v2/users?id=a&id=b");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "api.mypurecloud.ie");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->target, "/api/v2/users?id=a&id=b");
  EXPECT_TRUE(url->secure());
  EXPECT_EQ(url->hostHeader(), "api.mypurecloud.ie:8443");
}

TEST(ParseUrl, FillsDefaultPortsAndRootTarget) {
  EXPECT_EQ(net::parseUrl("https://api.mypurecloud.com")->port, 443);
  EXPECT_EQ(net::parseUrl("https://api.mypurecloud.com")->target, "/");
  EXPECT_EQ(net::parseUrl("http://127.0.0.1/x")->port, 80);
  EXPECT_EQ(net::parseUrl("wss://streaming.mypurecloud.com/channels/abc")->port, 443);
  EXPECT_EQ(net::parseUrl("ws://localhost/channels/abc")->port, 80);
  EXPECT_EQ(net::parseUrl("https://api.mypurecloud.com/a/b")->hostHeader(), "api.mypurecloud.com");
}

TEST(ParseUrl, KeepsIpv6LiteralWithoutBrackets) {
  const auto url = net::parseUrl("http://[::1]:9000/health");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->hostHeader(), "[::1]:9000");
  EXPECT_TRUE(net::isIpLiteral(url->host));
  EXPECT_TRUE(net::isIpLiteral("127.0.0.1"));
  EXPECT_FALSE(net::isIpLiteral("localhost"));
}

TEST(ParseUrl, DropsTheFragmentAndKeepsEncodedQuery) {
  const auto url = net::parseUrl("https://h/p%20q?a=%2F#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->target, "/p%20q?a=%2F");
}

TEST(ParseUrl, LowerCasesTheScheme) { EXPECT_EQ(net::parseUrl("HTTPS://h/")->scheme, "https"); }

TEST(ParseUrl, RefusesBadInputWithAReason) {
  std::string why;
  EXPECT_FALSE(net::parseUrl("not a url", &why));
  EXPECT_NE(why.find("not an absolute URL"), std::string::npos);
  EXPECT_FALSE(net::parseUrl("ftp://h/x", &why));
  EXPECT_NE(why.find("not supported"), std::string::npos);
  EXPECT_FALSE(net::parseUrl("https:///path", &why));
  EXPECT_NE(why.find("no host"), std::string::npos);
  EXPECT_FALSE(net::parseUrl("https://h:99999/", &why));
  EXPECT_NE(why.find("port"), std::string::npos);
  EXPECT_FALSE(net::parseUrl("https://h:0/", &why));
  EXPECT_FALSE(net::parseUrl("", &why));
  EXPECT_FALSE(net::parseUrl("https://h:/x"));  // an empty port is not a port
}

}  // namespace
