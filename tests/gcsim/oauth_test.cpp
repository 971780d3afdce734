// Sign-in: PKCE, refresh on/off, revocation, bad tokens, idle timeout, client credentials.
#include "test_client.h"

namespace gcsim_test {
namespace {

const std::string kVerifier = "verifier-abcdefghijklmnopqrstuvwxyz-0123456789";
const std::string kRedirect = "http://127.0.0.1:7777/cb";

class OAuthTest : public SimFixture {
protected:
    gcsim::Options options() {
        gcsim::Options o;
        o.agents = 20;
        o.scenario = false;
        return o;
    }
    std::string authorizeCode(const std::string& state = "s1") {
        Reply reply = http->request("GET", "/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" + kRedirect +
                                               "&code_challenge=" + pkceChallenge(kVerifier) +
                                               "&code_challenge_method=S256&state=" + state);
        EXPECT_EQ(reply.status, 302);
        return queryParam(reply.header("location"), "code");
    }
    Reply exchange(const std::string& code, const std::string& verifier) {
        return http->request("POST", "/oauth/token",
                             "grant_type=authorization_code&client_id=panel&code=" + code + "&code_verifier=" + verifier +
                                 "&redirect_uri=" + kRedirect,
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
    }
    Reply refresh(const std::string& refreshToken) {
        return http->request("POST", "/oauth/token", "grant_type=refresh_token&client_id=panel&refresh_token=" + refreshToken,
                             {{"Content-Type", "application/x-www-form-urlencoded"}});
    }
};

TEST_F(OAuthTest, AuthorizeRedirectsWithCodeAndEchoesState) {
    startSim(options());
    Reply reply = http->request("GET", "/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" + kRedirect +
                                           "&code_challenge=" + pkceChallenge(kVerifier) + "&code_challenge_method=S256&state=abc123");
    ASSERT_EQ(reply.status, 302);
    const std::string location = reply.header("location");
    EXPECT_EQ(location.rfind(kRedirect + "?", 0), 0u) << location;
    EXPECT_FALSE(queryParam(location, "code").empty());
    EXPECT_EQ(queryParam(location, "state"), "abc123");
}

TEST_F(OAuthTest, PkceHappyPathGivesWorkingTokenForTheSupervisor) {
    startSim(options());
    Reply reply = exchange(authorizeCode(), kVerifier);
    ASSERT_EQ(reply.status, 200) << reply.body;
    json::value body = reply.json();
    EXPECT_EQ(body.at("token_type").as_string(), "bearer");
    EXPECT_EQ(body.at("expires_in").as_int64(), 86400);
    EXPECT_TRUE(body.as_object().contains("refresh_token"));
    Reply me = apiWith(std::string(body.at("access_token").as_string()), "GET", "/api/v2/users/me");
    ASSERT_EQ(me.status, 200);
    EXPECT_EQ(me.json().at("id").as_string(), gcsim::kSupervisorId);
    EXPECT_EQ(me.json().at("name").as_string(), "Sam Supervisor");
}

TEST_F(OAuthTest, WrongVerifierIsInvalidGrantAndBurnsTheCode) {
    startSim(options());
    const std::string code = authorizeCode();
    Reply wrong = exchange(code, "not-the-verifier-not-the-verifier-not-the-verifier");
    EXPECT_EQ(wrong.status, 400);
    EXPECT_EQ(wrong.json().at("error").as_string(), "invalid_grant");
    EXPECT_EQ(exchange(code, kVerifier).status, 400);  // single use
}

TEST_F(OAuthTest, AuthorizeWithoutPkceIsRefused) {
    startSim(options());
    Reply reply = http->request("GET", "/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" + kRedirect + "&state=q");
    ASSERT_EQ(reply.status, 302);
    EXPECT_EQ(queryParam(reply.header("location"), "error"), "invalid_request");
    EXPECT_EQ(queryParam(reply.header("location"), "state"), "q");
}

TEST_F(OAuthTest, MissingAndUnknownTokensAre401WithErrorBody) {
    startSim(options());
    Reply missing = http->request("GET", "/api/v2/users/me");
    EXPECT_EQ(missing.status, 401);
    EXPECT_EQ(missing.json().at("code").as_string(), "authentication.required");
    EXPECT_EQ(missing.json().at("status").as_int64(), 401);
    EXPECT_FALSE(missing.header("inin-correlation-id").empty());
    Reply unknown = apiWith("nonsense", "GET", "/api/v2/users/me");
    EXPECT_EQ(unknown.status, 401);
    EXPECT_EQ(unknown.json().at("code").as_string(), "bad.credentials");
}

TEST_F(OAuthTest, RefreshRotatesTheRefreshToken) {
    startSim(options());
    std::string refreshToken;
    signIn(&refreshToken);
    ASSERT_FALSE(refreshToken.empty());
    Reply first = refresh(refreshToken);
    ASSERT_EQ(first.status, 200) << first.body;
    const std::string next(first.json().at("refresh_token").as_string());
    EXPECT_NE(next, refreshToken);
    EXPECT_EQ(apiWith(std::string(first.json().at("access_token").as_string()), "GET", "/api/v2/users/me").status, 200);
    EXPECT_EQ(refresh(refreshToken).status, 400);  // the old one is spent
    EXPECT_EQ(refresh(next).status, 200);
}

TEST_F(OAuthTest, RefreshOffIssuesNoRefreshToken) {
    gcsim::Options o = options();
    o.refreshTokens = false;
    startSim(o);
    Reply reply = exchange(authorizeCode(), kVerifier);
    ASSERT_EQ(reply.status, 200);
    EXPECT_FALSE(reply.json().as_object().contains("refresh_token"));
    Reply attempt = refresh("anything");
    EXPECT_EQ(attempt.status, 400);
    EXPECT_EQ(attempt.json().at("error").as_string(), "unsupported_grant_type");
}

TEST_F(OAuthTest, DeleteTokensMeRevokes) {
    startSim(options());
    EXPECT_EQ(api("HEAD", "/api/v2/tokens/me").status, 200);
    EXPECT_EQ(api("DELETE", "/api/v2/tokens/me").status, 200);
    Reply after = api("GET", "/api/v2/users/me");
    EXPECT_EQ(after.status, 401);
    EXPECT_EQ(after.json().at("code").as_string(), "bad.credentials");
}

TEST_F(OAuthTest, ExpiresInFollowsTokenTtl) {
    gcsim::Options o = options();
    o.tokenTtlSeconds = 300;
    startSim(o);
    EXPECT_EQ(exchange(authorizeCode(), kVerifier).json().at("expires_in").as_int64(), 300);
}

TEST_F(OAuthTest, TokenInfoShowsIdleDeadlineWhenConfigured) {
    gcsim::Options o = options();
    o.idleTimeoutSeconds = 600;
    startSim(o);
    Reply info = api("GET", "/api/v2/tokens/me");
    ASSERT_EQ(info.status, 200);
    EXPECT_TRUE(info.json().as_object().contains("dateTokenIdles"));
    EXPECT_EQ(info.json().at("OAuthClient").at("authorizedGrantType").as_string(), "CODE");
}

TEST_F(OAuthTest, ClientCredentialsTokenHasNoUserContext) {
    startSim(options());
    const std::string service = clientCredentialsToken();
    Reply me = apiWith(service, "GET", "/api/v2/users/me");
    EXPECT_EQ(me.status, 400);
    EXPECT_EQ(me.json().at("code").as_string(), "not.a.user");
}

TEST_F(OAuthTest, LoginHintSignsInAnotherUser) {
    startSim(options());
    Reply reply = http->request("GET", "/oauth/authorize?response_type=code&client_id=panel&redirect_uri=" + kRedirect +
                                           "&code_challenge=" + pkceChallenge(kVerifier) + "&code_challenge_method=S256&login_hint=" +
                                           gcsim::kSecondSupervisorId);
    const std::string riley(exchange(queryParam(reply.header("location"), "code"), kVerifier).json().at("access_token").as_string());
    EXPECT_EQ(apiWith(riley, "GET", "/api/v2/users/me").json().at("name").as_string(), "Riley Lead");
}

TEST_F(OAuthTest, RevocationFaultKillsAccessTokensButRefreshStillWorks) {
    startSim(options());
    std::string refreshToken;
    const std::string access = signIn(&refreshToken);
    control({{"fault", "revoke"}});
    EXPECT_EQ(apiWith(access, "GET", "/api/v2/users/me").status, 401);
    Reply renewed = refresh(refreshToken);
    ASSERT_EQ(renewed.status, 200);
    EXPECT_EQ(apiWith(std::string(renewed.json().at("access_token").as_string()), "GET", "/api/v2/users/me").status, 200);
    control({{"fault", "revoke-all"}});
    EXPECT_EQ(refresh(std::string(renewed.json().at("refresh_token").as_string())).status, 400);
}

TEST_F(OAuthTest, LogoutAlsoRevokesTheRefreshToken) {
    startSim(options());
    std::string refreshToken;
    const std::string access = signIn(&refreshToken);
    EXPECT_EQ(apiWith(access, "DELETE", "/api/v2/tokens/me").status, 200);
    EXPECT_EQ(refresh(refreshToken).status, 400);
}

}  // namespace
}  // namespace gcsim_test
