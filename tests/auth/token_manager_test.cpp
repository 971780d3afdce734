// TokenManager against an in-process gcsim over real loopback sockets: sign-in, refusal of
// app tokens, renewal (refresh token, re-authorize, after a 401, when due), logout, and
// that no token ever reaches the traffic log.
#include "auth/token_manager.h"
#include "deadline.h"

#include "api/requests.h"
#include "auth/loopback_listener.h"
#include "auth/pkce.h"
#include "auth/sign_in.h"
#include "gcsim/simulator.h"
#include "net/http_client.h"
#include "net/traffic_log.h"
#include "net/traffic_recorder.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <future>
#include <memory>
#include <string>
#include <vector>

namespace {

using auth::RenewOutcome;
using auth::SignInMode;

constexpr const char* kClientId = "supervisor-panel-test";
constexpr model::TimeMs kSecond = 1000;
constexpr model::TimeMs kMinute = 60 * kSecond;

int occurrences(std::string_view text, std::string_view part) {
  int count = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + part.size())) ++count;
  return count;
}

model::TimeMs nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

class TokenManagerTest : public ::testing::Test {
 protected:
  void startSim(const std::function<void(gcsim::Options&)>& adjust = {}, const std::string& caFile = {},
                std::shared_ptr<net::TrafficRecorder> recorder = nullptr) {
    gcsim::Options options;
    options.agents = 4;
    options.queues = 1;
    options.scenario = false;
    options.rateLimitPerMinute = 0;
    if (adjust) adjust(options);
    sim = std::make_unique<gcsim::Simulator>(options);
    sim->start();
    base = sim->baseUrl();
    log = std::make_shared<net::TrafficLog>(net::TrafficLogConfig{.recorder = std::move(recorder)});
    net::HttpClientConfig config;
    config.trafficLog = log;
    config.caFile = caFile;
    http = std::make_unique<net::HttpClient>(config);
  }

  auth::TokenManagerConfig configFor(SignInMode mode) const {
    auth::TokenManagerConfig config;
    config.loginBase = base;
    config.apiBase = base;
    config.clientId = kClientId;
    config.mode = mode;
    config.openBrowser = [](const std::string&) { return false; };  // never a real browser in tests
    return config;
  }

  auth::TokenManager& makeManager(SignInMode mode = SignInMode::Unattended) {
    return makeManager(configFor(mode));
  }
  auth::TokenManager& makeManager(auth::TokenManagerConfig config) {
    manager = std::make_unique<auth::TokenManager>(std::move(config), *http);
    manager->attach(*http);
    return *manager;
  }

  auth::Session signIn() {
    auto session = manager->signIn();
    EXPECT_TRUE(session) << session.error();
    return session ? session.value() : auth::Session{};
  }

  // A request through the client's token source (and its 401 renew-and-replay).
  net::HttpResponse apiGet(const std::string& path) {
    net::HttpRequest request;
    request.url = base + path;
    return http->sendAndWait(request);
  }
  net::HttpResponse getWithToken(const std::string& path, const std::string& token) {
    return http->sendAndWait(auth::makeBearerRequest("GET", base, path, token));
  }

  void control(const std::string& json) {
    net::HttpRequest request;
    request.method = "POST";
    request.url = base + "/_sim/control";
    request.headers = {{"Content-Type", "application/json"}};
    request.body = json;
    request.sendAuthorization = false;
    ASSERT_EQ(http->sendAndWait(request).status, 200);
  }

  // Signs in, renews, is revoked and renews again, logs out: every token gcsim issued
  // that the test can know, returned to be looked for in what was recorded.
  std::vector<std::string> exerciseTokens() {
    auto& tokens = makeManager();
    std::vector<std::string> secrets;
    const auto byHand = tokensByHand();  // the raw pair, to look for it afterwards
    secrets.push_back(byHand.accessToken);
    EXPECT_TRUE(byHand.refreshToken);
    if (byHand.refreshToken) secrets.push_back(*byHand.refreshToken);
    EXPECT_TRUE(tokens.adoptToken(byHand));
    EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
    EXPECT_TRUE(renewNow());  // sends the refresh token, receives new ones
    secrets.push_back(tokens.accessToken());
    control(R"({"action":"revokeTokens"})");
    EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);  // 401, re-authorize, replay
    secrets.push_back(tokens.accessToken());
    tokens.logout();
    return secrets;
  }

  // The renewal's result; false (and a failure) if it has not ended by the deadline. The
  // promise is shared so that a late answer never writes into a finished test.
  bool renewNow() {
    auto renewed = std::make_shared<std::promise<bool>>();
    auto result = renewed->get_future();
    manager->renew([renewed](bool ok) { renewed->set_value(ok); });
    return awaitRenewal(std::move(result));
  }

  static bool awaitRenewal(std::future<bool> result) {
    const auto ok = deadline::valueWithin(std::move(result));
    EXPECT_TRUE(ok.has_value()) << "the renewal did not end within the deadline";
    return ok.value_or(false);
  }

  // Requests recorded whose path starts with `pathPrefix` and whose (redacted) body has `bodyPart`.
  int countRequests(std::string_view pathPrefix, std::string_view bodyPart = {}) const {
    int count = 0;
    for (const auto& entry : log->snapshot())
      if (entry.path.starts_with(pathPrefix) && entry.requestBody.find(bodyPart) != std::string::npos) ++count;
    return count;
  }

  // The steps of an unattended sign-in done by hand, for tests that need the raw tokens.
  api::TokenResponse tokensByHand() {
    const auto pkce = auth::makePkce();
    const auto state = auth::makeState();
    const std::string redirectUri = "http://127.0.0.1/callback";
    const auto redirect = auth::readAuthorizeResponse(http->sendAndWait(auth::makeAuthorizeRequest(
        auth::buildAuthorizeUrl(base, kClientId, redirectUri, pkce.challenge, state))));
    EXPECT_TRUE(redirect) << redirect.error();
    const auto code = auth::codeFromRedirect(redirect ? redirect.value() : auth::AuthorizationRedirect{}, state);
    EXPECT_TRUE(code) << code.error();
    const auto tokens = auth::readTokenResponse(http->sendAndWait(auth::makeTokenRequest(
        base, auth::buildTokenRequestBody(auth::AuthorizationCodeGrant{code ? code.value() : "", pkce.verifier,
                                                                      kClientId, redirectUri}))));
    EXPECT_TRUE(tokens) << tokens.error();
    return tokens ? tokens.value() : api::TokenResponse{};
  }

  // Declared in teardown order: the manager goes first, the simulator last.
  std::unique_ptr<gcsim::Simulator> sim;
  std::string base;
  std::shared_ptr<net::TrafficLog> log;
  std::unique_ptr<net::HttpClient> http;
  std::unique_ptr<auth::TokenManager> manager;
};

// [SECTION] Sign-in

TEST_F(TokenManagerTest, UnattendedSignInReadsTheSupervisorAndOrg) {
  startSim();
  auto& tokens = makeManager();
  const model::TimeMs before = nowMs();
  const auto session = signIn();
  EXPECT_EQ(session.userId, gcsim::kSupervisorId);
  EXPECT_EQ(session.userName, "Sam Supervisor");
  EXPECT_EQ(session.orgName, "gcsim Contact Center");
  EXPECT_TRUE(session.hasRefreshToken);
  EXPECT_GE(session.expiresAt, before + 86400 * kSecond);
  EXPECT_EQ(session.idlesAt, 0) << "gcsim has no idle timeout by default";
  EXPECT_TRUE(tokens.signedIn());
  EXPECT_FALSE(tokens.accessToken().empty());
  EXPECT_EQ(tokens.expiresAt(), session.expiresAt);

  // PKCE S256 and a state went out; the attached client now calls as the supervisor.
  const auto entries = log->snapshot();
  ASSERT_FALSE(entries.empty());
  EXPECT_NE(entries.front().url.find("code_challenge_method=S256"), std::string::npos);
  EXPECT_NE(entries.front().url.find("state="), std::string::npos);
  const auto me = apiGet(api::currentUserPath());
  EXPECT_EQ(me.status, 200);
  EXPECT_NE(me.body.find(gcsim::kSupervisorId), std::string::npos);
}

TEST_F(TokenManagerTest, SignsInOverVerifiedTls) {
  const std::string caFile = ::testing::TempDir() + "gcsim-ca-token-manager.pem";
  startSim(
      [&caFile](gcsim::Options& options) {
        options.tls = true;
        options.caOut = caFile;
      },
      caFile);
  ASSERT_EQ(base.rfind("https://", 0), 0u);
  auto& tokens = makeManager();
  EXPECT_EQ(signIn().userName, "Sam Supervisor");
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
  EXPECT_TRUE(tokens.signedIn());
}

TEST_F(TokenManagerTest, SignInWithoutAClientIdSaysWhatIsMissing) {
  startSim();
  auto config = configFor(SignInMode::Unattended);
  config.clientId.clear();
  auto& tokens = makeManager(config);
  const auto session = tokens.signIn();
  ASSERT_FALSE(session);
  EXPECT_NE(session.error().find("client id"), std::string::npos) << session.error();
  EXPECT_TRUE(log->snapshot().empty()) << "nothing was sent";
}

TEST_F(TokenManagerTest, BrowserSignInCanBeCancelled) {
  startSim();
  auto config = configFor(SignInMode::Browser);
  config.openBrowser = [this](const std::string&) {
    manager->cancelSignIn();  // the supervisor clicks Cancel while the browser is open
    return true;
  };
  auto& tokens = makeManager(config);
  const auto session = tokens.signIn();
  ASSERT_FALSE(session);
  EXPECT_NE(session.error().find("cancelled"), std::string::npos) << session.error();
}

TEST_F(TokenManagerTest, BrowserSignInGoesThroughTheLoopbackRedirect) {
  startSim();
  // The "browser": follows the authorize redirect to the panel's loopback listener.
  // Declared before the browser, so it outlives any late answer the browser delivers.
  std::promise<net::HttpResponse> finalPage;
  net::HttpClient browser;
  std::string shownUrl;
  auto config = configFor(SignInMode::Browser);
  config.showAuthorizeUrl = [&shownUrl](const std::string& url) { shownUrl = url; };
  config.openBrowser = [&](const std::string& url) {
    net::HttpRequest authorize;
    authorize.url = url;
    authorize.sendAuthorization = false;
    browser.send(authorize, [&](net::HttpResponse login) {
      net::HttpRequest back;
      back.url = login.header("Location");
      back.sendAuthorization = false;
      browser.send(back, [&](net::HttpResponse page) { finalPage.set_value(std::move(page)); });
    });
    return true;
  };
  auto& tokens = makeManager(config);
  const auto session = signIn();
  EXPECT_EQ(session.userName, "Sam Supervisor");
  EXPECT_TRUE(tokens.signedIn());
  EXPECT_NE(shownUrl.find("redirect_uri=http%3A%2F%2F127.0.0.1%3A"), std::string::npos) << shownUrl;
  const auto page = deadline::valueWithin(finalPage.get_future());
  ASSERT_TRUE(page) << "the browser's final page within the deadline";
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("you can close this tab"), std::string::npos);
}

TEST_F(TokenManagerTest, BrowserSignInTimesOutWhenNobodyComesBack) {
  startSim();
  auto config = configFor(SignInMode::Browser);
  config.browserTimeout = std::chrono::milliseconds(100);
  auto& tokens = makeManager(config);
  const auto session = tokens.signIn();
  ASSERT_FALSE(session);
  EXPECT_NE(session.error().find("timed out"), std::string::npos) << session.error();
  EXPECT_FALSE(tokens.signedIn());
}

TEST_F(TokenManagerTest, AWrongVerifierIsRefusedByTheLoginServer) {
  startSim();
  const auto pkce = auth::makePkce();
  const auto state = auth::makeState();
  const std::string redirectUri = "http://127.0.0.1/callback";
  const auto redirect = auth::readAuthorizeResponse(http->sendAndWait(
      auth::makeAuthorizeRequest(auth::buildAuthorizeUrl(base, kClientId, redirectUri, pkce.challenge, state))));
  ASSERT_TRUE(redirect) << redirect.error();
  const auto code = auth::codeFromRedirect(redirect.value(), state);
  ASSERT_TRUE(code) << code.error();

  const std::string wrongVerifier = auth::makePkce().verifier;
  const auto tokens = auth::readTokenResponse(http->sendAndWait(auth::makeTokenRequest(
      base, auth::buildTokenRequestBody(auth::AuthorizationCodeGrant{code.value(), wrongVerifier, kClientId,
                                                                    redirectUri}))));
  ASSERT_FALSE(tokens);
  EXPECT_NE(tokens.error().find("invalid_grant"), std::string::npos) << tokens.error();
  EXPECT_NE(tokens.error().find("code_verifier does not match"), std::string::npos) << tokens.error();
  EXPECT_EQ(tokens.error().find(code.value()), std::string::npos) << "the code must not be echoed";
}

TEST_F(TokenManagerTest, ARedirectForAnotherSignInIsRejected) {
  startSim();
  const auto pkce = auth::makePkce();
  const auto redirect = auth::readAuthorizeResponse(http->sendAndWait(auth::makeAuthorizeRequest(
      auth::buildAuthorizeUrl(base, kClientId, "http://127.0.0.1/callback", pkce.challenge, "state-of-attempt-1"))));
  ASSERT_TRUE(redirect) << redirect.error();
  const auto code = auth::codeFromRedirect(redirect.value(), "state-of-attempt-2");
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("state mismatch"), std::string::npos) << code.error();
}

TEST_F(TokenManagerTest, AClientCredentialsTokenIsRefusedWithAnExplanation) {
  startSim();
  auto& tokens = makeManager();
  const auto appToken = auth::readTokenResponse(
      http->sendAndWait(auth::makeTokenRequest(base, "grant_type=client_credentials&client_id=reporting-service")));
  ASSERT_TRUE(appToken) << appToken.error();

  const auto session = tokens.adoptToken(appToken.value());
  ASSERT_FALSE(session);
  EXPECT_EQ(session.error(), auth::kNotAUserExplanation);
  EXPECT_EQ(session.error().find(appToken->accessToken), std::string::npos);
  EXPECT_FALSE(tokens.signedIn());
  EXPECT_EQ(tokens.accessToken(), "");
}

TEST_F(TokenManagerTest, AUserTokenFromElsewhereCanBeAdopted) {
  startSim();
  auto& tokens = makeManager();
  const auto session = tokens.adoptToken(tokensByHand());
  ASSERT_TRUE(session) << session.error();
  EXPECT_EQ(session->userId, gcsim::kSupervisorId);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
}

// [SECTION] Renewal

TEST_F(TokenManagerTest, RefreshTokenRenewalRotatesTokensAndCallsKeepWorking) {
  startSim();
  auto& tokens = makeManager();
  signIn();
  const std::string first = tokens.accessToken();
  ASSERT_TRUE(renewNow());
  const std::string second = tokens.accessToken();
  EXPECT_NE(second, first);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
  // A second refresh only works if the rotated refresh token was kept (gcsim's are single use).
  ASSERT_TRUE(renewNow());
  EXPECT_NE(tokens.accessToken(), second);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
  EXPECT_EQ(countRequests("/oauth/token", "grant_type=refresh_token"), 2);
  EXPECT_EQ(countRequests("/oauth/authorize"), 1) << "refreshes needed no new authorize step";
}

TEST_F(TokenManagerTest, WithoutRefreshTokensUnattendedRenewalAuthorizesAgain) {
  startSim([](gcsim::Options& options) { options.refreshTokens = false; });
  auto& tokens = makeManager();
  const auto session = signIn();
  EXPECT_FALSE(session.hasRefreshToken);
  const std::string first = tokens.accessToken();
  ASSERT_TRUE(renewNow());
  EXPECT_NE(tokens.accessToken(), first);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
  EXPECT_EQ(countRequests("/oauth/authorize"), 2);
  EXPECT_EQ(countRequests("/oauth/token", "grant_type=refresh_token"), 0);
}

TEST_F(TokenManagerTest, BrowserModeWithoutRefreshTokenCannotRenew) {
  startSim([](gcsim::Options& options) { options.refreshTokens = false; });
  auto& tokens = makeManager(SignInMode::Browser);
  ASSERT_TRUE(tokens.adoptToken(tokensByHand()));
  const std::string before = tokens.accessToken();
  EXPECT_FALSE(renewNow());
  EXPECT_EQ(tokens.accessToken(), before) << "the old token stays until it is refused";
  EXPECT_EQ(countRequests("/oauth/authorize"), 1) << "only the hand-made sign-in";
}

TEST_F(TokenManagerTest, ConcurrentRenewalsShareOneFlight) {
  startSim();
  auto& tokens = makeManager();
  signIn();
  // Hold the network thread inside a callback so that no renewal can finish before all
  // three have asked; the renewals themselves only queue work there.
  std::promise<void> holding, release;
  auto released = release.get_future().share();
  net::HttpRequest anything;
  anything.url = base + "/_sim/state";
  anything.sendAuthorization = false;
  http->send(anything, [&holding, released](net::HttpResponse) {
    holding.set_value();
    released.wait_for(deadline::kWait);  // the test releases it at once, or fails
  });
  const bool held = holding.get_future().wait_for(deadline::kWait) == std::future_status::ready;
  if (!held) release.set_value();
  ASSERT_TRUE(held) << "the network thread took the held callback";
  std::vector<std::future<bool>> renewals;
  for (int i = 0; i < 3; ++i) {
    auto renewed = std::make_shared<std::promise<bool>>();
    renewals.push_back(renewed->get_future());
    tokens.renew([renewed](bool ok) { renewed->set_value(ok); });
  }
  release.set_value();
  for (auto& renewal : renewals) EXPECT_TRUE(awaitRenewal(std::move(renewal)));
  EXPECT_EQ(countRequests("/oauth/token", "grant_type=refresh_token"), 1);
}

TEST_F(TokenManagerTest, A401AfterRevocationRenewsAndReplays) {
  startSim();
  auto& tokens = makeManager();
  signIn();
  const std::string revoked = tokens.accessToken();
  control(R"({"action":"revokeTokens"})");  // also drops gcsim's refresh tokens
  ASSERT_EQ(getWithToken(api::currentUserPath(), revoked).status, 401);

  // Several calls meet the 401 at once; one renewal serves them all.
  std::vector<std::future<net::HttpResponse>> calls;
  for (int i = 0; i < 4; ++i)
    calls.push_back(std::async(std::launch::async, [this] { return apiGet(api::currentUserPath()); }));
  for (auto& call : calls) {
    const auto response = call.get();
    EXPECT_EQ(response.status, 200) << response.errorMessage;
  }
  EXPECT_NE(tokens.accessToken(), revoked);
  // The refused refresh token led to a fresh authorize step (unattended mode).
  EXPECT_EQ(countRequests("/oauth/token", "grant_type=refresh_token"), 1);
  EXPECT_EQ(countRequests("/oauth/authorize"), 2);
}

TEST_F(TokenManagerTest, RenewIfDueRenewsFiveMinutesBeforeExpiry) {
  startSim();
  auto& tokens = makeManager();
  const auto session = signIn();
  const std::string first = tokens.accessToken();
  EXPECT_EQ(tokens.renewIfDue(session.expiresAt - 6 * kMinute), RenewOutcome::NotDue);
  EXPECT_EQ(tokens.accessToken(), first);
  EXPECT_EQ(tokens.renewIfDue(session.expiresAt - 4 * kMinute), RenewOutcome::Renewed);
  EXPECT_NE(tokens.accessToken(), first);
  EXPECT_GT(tokens.expiresAt(), session.expiresAt - 4 * kMinute);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
}

TEST_F(TokenManagerTest, RenewIfDueWithAShortTtlRenewsAtHalfLife) {
  startSim([](gcsim::Options& options) { options.tokenTtlSeconds = 400; });
  auto& tokens = makeManager();
  const auto session = signIn();
  const model::TimeMs issued = session.expiresAt - 400 * kSecond;
  const std::string first = tokens.accessToken();
  // 5 minutes before expiry would be 100 s after issue; for short lives, half-life (200 s) wins.
  EXPECT_EQ(tokens.renewIfDue(issued + 150 * kSecond), RenewOutcome::NotDue);
  EXPECT_EQ(tokens.renewIfDue(issued + 201 * kSecond), RenewOutcome::Renewed);
  EXPECT_NE(tokens.accessToken(), first);
  EXPECT_EQ(apiGet(api::currentUserPath()).status, 200);
}

TEST_F(TokenManagerTest, RenewIfDueRenewsBeforeTheIdleTimeout) {
  startSim([](gcsim::Options& options) { options.idleTimeoutSeconds = 600; });
  auto& tokens = makeManager();
  const model::TimeMs before = nowMs();
  const auto session = signIn();
  ASSERT_GT(session.idlesAt, 0);
  EXPECT_GE(session.idlesAt, before + 599 * kSecond);
  EXPECT_LE(session.idlesAt, nowMs() + 601 * kSecond);
  const std::string first = tokens.accessToken();
  const model::TimeMs idlesAt = tokens.idlesAt();
  EXPECT_EQ(tokens.renewIfDue(idlesAt - 6 * kMinute), RenewOutcome::NotDue);
  EXPECT_EQ(tokens.renewIfDue(idlesAt - 4 * kMinute), RenewOutcome::Renewed);
  EXPECT_NE(tokens.accessToken(), first);
}

TEST_F(TokenManagerTest, RenewIfDueReportsAFailureAndDoesNotRetryAtOnce) {
  startSim([](gcsim::Options& options) { options.refreshTokens = false; });
  auto& tokens = makeManager(SignInMode::Browser);
  ASSERT_TRUE(tokens.adoptToken(tokensByHand()));
  const model::TimeMs due = tokens.expiresAt() - kMinute;
  EXPECT_EQ(tokens.renewIfDue(due), RenewOutcome::Failed);
  EXPECT_EQ(tokens.renewIfDue(due + kSecond), RenewOutcome::Failed);
  EXPECT_TRUE(tokens.signedIn()) << "the token still works until it expires";
}

// [SECTION] Logout

TEST_F(TokenManagerTest, LogoutRevokesTheToken) {
  startSim();
  auto& tokens = makeManager();
  signIn();
  const std::string token = tokens.accessToken();
  ASSERT_EQ(getWithToken(api::currentUserPath(), token).status, 200);
  tokens.logout();
  EXPECT_FALSE(tokens.signedIn());
  EXPECT_EQ(tokens.accessToken(), "");
  EXPECT_FALSE(tokens.session().has_value());
  EXPECT_EQ(getWithToken(api::currentUserPath(), token).status, 401);
  EXPECT_FALSE(renewNow()) << "nothing to renew after logout";
}

// [SECTION] Secrets stay out of the record

TEST_F(TokenManagerTest, TokensNeverAppearInTheTrafficLogOrHar) {
  startSim();
  const std::vector<std::string> secrets = exerciseTokens();

  const auto entries = log->snapshot();
  ASSERT_GE(entries.size(), 8u);
  for (const auto& entry : entries) {
    std::string everything = entry.url + "\n" + entry.path + "\n" + entry.requestBody + "\n" + entry.responseBody +
                             "\n" + entry.errorMessage;
    for (const auto& [name, value] : entry.requestHeaders) everything += "\n" + name + ": " + value;
    for (const auto& [name, value] : entry.responseHeaders) everything += "\n" + name + ": " + value;
    for (const auto& secret : secrets) {
      ASSERT_FALSE(secret.empty());
      EXPECT_EQ(everything.find(secret), std::string::npos) << entry.method << " " << entry.path;
    }
    // Tokens we never saw (the rotated refresh tokens) are caught by their field names.
    for (const std::string field : {"\"access_token\":\"", "\"refresh_token\":\"", "refresh_token="}) {
      EXPECT_EQ(occurrences(everything, field), occurrences(everything, field + "[redacted]"))
          << field << " in " << entry.method << " " << entry.path;
    }
  }
  const std::string har = log->exportHar();
  for (const auto& secret : secrets) EXPECT_EQ(har.find(secret), std::string::npos);
}

// --record: the file a supervisor attaches to a bug report holds none of those tokens,
// no authorization code and no refresh token, only their [redacted] marks.
TEST_F(TokenManagerTest, TokensNeverAppearInARecording) {
  const auto path = std::filesystem::temp_directory_path() / "token-manager-recording.har";
  net::TrafficRecorderConfig recording;
  recording.path = path.string();
  std::string error;
  auto recorder = net::TrafficRecorder::open(recording, error);
  ASSERT_TRUE(recorder) << error;
  startSim({}, {}, recorder);
  const std::vector<std::string> secrets = exerciseTokens();
  recorder->close();
  std::ifstream in(path);
  const std::string har((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  ASSERT_NE(har.find("/oauth/token"), std::string::npos) << "the sign-in was recorded";
  for (const auto& secret : secrets) {
    ASSERT_FALSE(secret.empty());
    EXPECT_EQ(har.find(secret), std::string::npos);
  }
  for (const std::string field : {"\\\"access_token\\\":\\\"", "\\\"refresh_token\\\":\\\"", "refresh_token=", "code="})
    EXPECT_EQ(occurrences(har, field), occurrences(har, field + "[redacted]")) << field;
  EXPECT_EQ(occurrences(har, "Bearer "), occurrences(har, "Bearer [redacted]"));
}

}  // namespace
