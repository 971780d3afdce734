// Rate limit and HTTP faults.
#include "test_client.h"

namespace gcsim_test {
namespace {

class LimitsTest : public SimFixture {
protected:
    void start(int perMinute) {
        gcsim::Options o;
        o.agents = 10;
        o.scenario = false;
        o.rateLimitPerMinute = perMinute;
        startSim(o);
    }
};

TEST_F(LimitsTest, RateLimitAnswers429WithRetryAfter) {
    start(5);
    for (int i = 1; i <= 5; ++i) {
        Reply ok = api("GET", "/api/v2/users/me");
        ASSERT_EQ(ok.status, 200);
        EXPECT_EQ(ok.header("inin-ratelimit-count"), std::to_string(i));
        EXPECT_EQ(ok.header("inin-ratelimit-allowed"), "5");
        EXPECT_FALSE(ok.header("inin-ratelimit-reset").empty());
        EXPECT_FALSE(ok.header("inin-correlation-id").empty());
    }
    Reply limited = api("GET", "/api/v2/users/me");
    EXPECT_EQ(limited.status, 429);
    EXPECT_EQ(limited.json().at("code").as_string(), "too.many.requests.retry.after");
    const int retryAfter = std::stoi(limited.header("retry-after"));
    EXPECT_GE(retryAfter, 1);
    EXPECT_LE(retryAfter, 60);
    EXPECT_EQ(apiWith(signIn(), "GET", "/api/v2/users/me").status, 200);  // the budget is per token
}

TEST_F(LimitsTest, ServerErrorBurstThenRecovery) {
    start(300);
    control({{"fault", "5xx=2"}});
    for (int i = 0; i < 2; ++i) {
        Reply failed = api("GET", "/api/v2/users/me");
        EXPECT_EQ(failed.status, 503);
        EXPECT_EQ(failed.json().at("code").as_string(), "service.unavailable");
    }
    EXPECT_EQ(api("GET", "/api/v2/users/me").status, 200);
}

TEST_F(LimitsTest, TooManyRequestsStorm) {
    start(300);
    control({{"fault", "429=1,retry-after=7"}});
    Reply storm = api("GET", "/api/v2/users/me");
    EXPECT_EQ(storm.status, 429);
    EXPECT_EQ(storm.header("retry-after"), "7");
    EXPECT_EQ(api("GET", "/api/v2/users/me").status, 200);
}

TEST_F(LimitsTest, SlowResponsesStillAnswer) {
    start(300);
    control({{"fault", "slow=50"}});
    EXPECT_EQ(api("GET", "/api/v2/users/me").status, 200);
    control({{"fault", "clear"}});
}

TEST_F(LimitsTest, BadControlRequestsAreExplained) {
    start(300);
    Reply unknownFault = http->request("POST", "/_sim/control", R"({"fault":"meteor=1"})");
    EXPECT_EQ(unknownFault.status, 400);
    EXPECT_NE(unknownFault.json().at("message").as_string().find("meteor"), std::string::npos);
    EXPECT_EQ(http->request("POST", "/_sim/control", "not json").status, 400);
    EXPECT_EQ(http->request("POST", "/_sim/control", R"({"action":"fly"})").status, 400);
    EXPECT_THROW(gcsim::Simulator([] { gcsim::Options o; o.faults = "nonsense"; return o; }()), std::invalid_argument);
}

TEST(TlsTest, HttpsWithSelfSignedCertificate) {
    gcsim::Options o;
    o.agents = 5;
    o.scenario = false;
    o.tls = true;
    gcsim::Simulator sim(o);
    sim.start();
    EXPECT_EQ(sim.baseUrl().rfind("https://127.0.0.1:", 0), 0u);
    ASSERT_NE(sim.caPem().find("BEGIN CERTIFICATE"), std::string::npos);
    HttpClient client(sim.baseUrl(), sim.caPem());
    EXPECT_EQ(client.request("GET", "/api/v2/users/me").status, 401);
    EXPECT_EQ(client.request("GET", "/_sim/state").status, 200);
    sim.stop();
}

}  // namespace
}  // namespace gcsim_test
