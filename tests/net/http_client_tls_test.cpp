#include "net/http_client.h"
#include "net/test_server.h"

#include <gtest/gtest.h>

namespace {

using namespace std::chrono_literals;
using net::HttpClient;
using net::HttpRequest;
using net::NetError;
using net::TlsFailure;
using nettest::TestServer;

TestServer::Options httpsFor(std::vector<std::string> names) { return {.tls = true, .certificateNames = std::move(names)}; }

net::HttpClientConfig trusting(const std::string& caFile) {
  net::HttpClientConfig config;
  config.caFile = caFile;
  config.connectTimeout = 5s;
  config.maxRetries = 0;
  return config;
}

HttpRequest get(const std::string& url) {
  HttpRequest request;
  request.url = url;
  return request;
}

TEST(HttpClientTls, TrustsAServerSignedByTheExtraCaFile) {
  TestServer server(httpsFor({"localhost"}));
  HttpClient client(trusting(server.caFile()));
  const auto response = client.sendAndWait(get(server.url("/api/v2/users/me", "localhost")));
  EXPECT_EQ(response.error, NetError::none) << response.errorMessage;
  EXPECT_EQ(response.status, 200);
  // and keeps the TLS connection for the next request
  EXPECT_EQ(client.sendAndWait(get(server.url("/again", "localhost"))).status, 200);
  EXPECT_EQ(server.connectionsAccepted(), 1);
}

TEST(HttpClientTls, RefusesAnUntrustedCertificate) {
  TestServer server(httpsFor({"localhost"}));
  HttpClient client(trusting(""));  // system roots only
  const auto response = client.sendAndWait(get(server.url("/x", "localhost")));
  EXPECT_EQ(response.error, NetError::tls);
  EXPECT_EQ(response.tlsFailure, TlsFailure::untrustedCertificate);
  EXPECT_NE(response.errorMessage.find("not trusted"), std::string::npos);
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpClientTls, RefusesACertificateForAnotherHostName) {
  TestServer server(httpsFor({"localhost"}));
  HttpClient client(trusting(server.caFile()));
  const auto response = client.sendAndWait(get(server.url("/x", "127.0.0.1")));  // not in the SAN
  EXPECT_EQ(response.error, NetError::tls);
  EXPECT_EQ(response.tlsFailure, TlsFailure::hostNameMismatch);
  EXPECT_NE(response.errorMessage.find("not valid for the name \"127.0.0.1\""), std::string::npos);
  EXPECT_TRUE(server.requests().empty());
}

TEST(HttpClientTls, AcceptsAnyCertificateOnlyWhenVerificationIsOff) {
  TestServer server(httpsFor({"localhost"}));
  auto config = trusting("");
  config.verifyTls = false;
  HttpClient client(config);
  EXPECT_EQ(client.sendAndWait(get(server.url("/x", "127.0.0.1"))).status, 200);
}

TEST(HttpClientTls, AMissingCaFileIsAClearTlsError) {
  TestServer server(httpsFor({"localhost"}));
  HttpClient client(trusting("/nonexistent/ca.pem"));
  const auto response = client.sendAndWait(get(server.url("/x", "localhost")));
  EXPECT_EQ(response.error, NetError::tls);
  EXPECT_EQ(response.tlsFailure, TlsFailure::badCaFile);
  EXPECT_NE(response.errorMessage.find("/nonexistent/ca.pem"), std::string::npos);
}

}  // namespace
