// The loopback redirect listener over real sockets: the browser's side is played by a
// plain HTTP client sending what a login page's redirect would make it send.
#include "auth/loopback_listener.h"

#include "auth/sign_in.h"
#include "net/http_client.h"

#include <gtest/gtest.h>

#include <future>
#include <string>

namespace {

using namespace std::chrono_literals;

constexpr auto kGenerousWait = 20s;  // a failure bound only; the tests finish as soon as the answer arrives

class LoopbackListenerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = auth::LoopbackRedirectListener::open();
    ASSERT_TRUE(opened) << opened.error();
    listener.emplace(std::move(opened.value()));
  }

  // Starts waitForCode on a worker thread, as the session worker would.
  std::future<api::Result<std::string>> waitInBackground(std::string state,
                                                         std::chrono::milliseconds timeout = kGenerousWait) {
    return std::async(std::launch::async,
                      [this, state, timeout] { return listener->waitForCode(state, timeout); });
  }

  // What the browser does after the login page's redirect.
  net::HttpResponse browse(const std::string& pathAndQuery) {
    net::HttpRequest request;
    request.url = "http://127.0.0.1:" + std::to_string(listener->port()) + pathAndQuery;
    request.sendAuthorization = false;
    return browser.sendAndWait(request);
  }

  static net::HttpClientConfig browserConfig() {
    net::HttpClientConfig config;
    config.maxRetries = 0;  // a refused connection is an answer here
    return config;
  }

  std::optional<auth::LoopbackRedirectListener> listener;
  net::HttpClient browser{browserConfig()};
};

TEST_F(LoopbackListenerTest, RedirectUriIsTheLoopbackCallbackOnItsOwnPort) {
  EXPECT_NE(listener->port(), 0);
  EXPECT_EQ(listener->redirectUri(), "http://127.0.0.1:" + std::to_string(listener->port()) + "/callback");
}

TEST_F(LoopbackListenerTest, ReturnsTheCodeAndTellsTheBrowserItMayClose) {
  auto result = waitInBackground("state-123");
  const auto page = browse("/callback?code=the-code&state=state-123");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Signed in"), std::string::npos);
  EXPECT_NE(page.body.find("close this tab"), std::string::npos);
  EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos);
  const auto code = result.get();
  ASSERT_TRUE(code) << code.error();
  EXPECT_EQ(code.value(), "the-code");
}

TEST_F(LoopbackListenerTest, RejectsAWrongStateAndSaysSoToTheBrowser) {
  auto result = waitInBackground("expected-state");
  const auto page = browse("/callback?code=the-code&state=someone-elses-state");
  EXPECT_EQ(page.status, 400);
  EXPECT_NE(page.body.find("Sign-in failed"), std::string::npos);
  EXPECT_NE(page.body.find("state mismatch"), std::string::npos);
  const auto code = result.get();
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("different sign-in"), std::string::npos) << code.error();
  EXPECT_EQ(code.error().find("the-code"), std::string::npos) << "the code must not be echoed";
}

TEST_F(LoopbackListenerTest, RejectsAMissingState) {
  auto result = waitInBackground("expected-state");
  EXPECT_EQ(browse("/callback?code=the-code").status, 400);
  const auto code = result.get();
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("no state"), std::string::npos) << code.error();
}

TEST_F(LoopbackListenerTest, ReportsTheLoginPagesErrorWithoutReflectingMarkup) {
  auto result = waitInBackground("s1");
  const auto page = browse("/callback?error=access_denied&error_description=%3Cscript%3Ex%3C%2Fscript%3E&state=s1");
  EXPECT_EQ(page.status, 400);
  EXPECT_EQ(page.body.find("<script>"), std::string::npos);
  EXPECT_NE(page.body.find("&lt;script&gt;"), std::string::npos);
  const auto code = result.get();
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("access_denied"), std::string::npos) << code.error();
}

TEST_F(LoopbackListenerTest, IgnoresOtherPathsAndKeepsWaiting) {
  auto result = waitInBackground("s2");
  EXPECT_EQ(browse("/favicon.ico").status, 404);
  EXPECT_EQ(browse("/callback?code=c2&state=s2").status, 200);
  const auto code = result.get();
  ASSERT_TRUE(code) << code.error();
  EXPECT_EQ(code.value(), "c2");
}

TEST_F(LoopbackListenerTest, TimesOutWithAClearError) {
  const auto code = listener->waitForCode("s3", 100ms);
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("timed out"), std::string::npos) << code.error();
  EXPECT_NE(code.error().find("100 ms"), std::string::npos) << code.error();
}

TEST_F(LoopbackListenerTest, IsSingleUseAndStopsListening) {
  auto result = waitInBackground("s4");
  ASSERT_EQ(browse("/callback?code=c4&state=s4").status, 200);
  ASSERT_TRUE(result.get());

  const auto again = listener->waitForCode("s4", 100ms);
  ASSERT_FALSE(again);
  EXPECT_NE(again.error().find("already used"), std::string::npos) << again.error();
  const auto late = browse("/callback?code=c5&state=s4");
  EXPECT_EQ(late.status, 0) << "nothing listens any more";
  EXPECT_NE(late.error, net::NetError::none);
}

TEST_F(LoopbackListenerTest, CancelEndsTheWait) {
  listener->cancel();  // before the wait: the supervisor gave up at once
  const auto code = listener->waitForCode("s6", kGenerousWait);
  ASSERT_FALSE(code);
  EXPECT_NE(code.error().find("cancelled"), std::string::npos) << code.error();
}

// [SECTION] The redirect reading shared by browser and unattended sign-in

TEST(AuthorizationRedirectTest, ReadsCodeStateAndErrorsFromUrlOrTarget) {
  const auto full = auth::parseAuthorizationRedirect("http://127.0.0.1:5000/callback?code=a%2Bb&state=xyz");
  EXPECT_EQ(full.code, "a+b");
  EXPECT_EQ(full.state, "xyz");
  const auto target = auth::parseAuthorizationRedirect("/callback?error=access_denied&error_description=No%20way&state=s");
  EXPECT_EQ(target.error, "access_denied");
  EXPECT_EQ(target.errorDescription, "No way");
  EXPECT_TRUE(auth::parseAuthorizationRedirect("not a url at all %%").code.empty());
}

TEST(AuthorizationRedirectTest, AcceptsOnlyTheExpectedState) {
  EXPECT_TRUE(auth::codeFromRedirect({"c", "s", "", ""}, "s"));
  EXPECT_FALSE(auth::codeFromRedirect({"c", "t", "", ""}, "s"));
  EXPECT_FALSE(auth::codeFromRedirect({"c", "", "", ""}, "s"));
  EXPECT_FALSE(auth::codeFromRedirect({"c", "s", "", ""}, "")) << "an empty expected state matches nothing";
  EXPECT_FALSE(auth::codeFromRedirect({"", "s", "", ""}, "s"));
}

TEST(IdentityAnswersTest, NotAUserIsRefusedWithTheExplanation) {
  net::HttpResponse response;
  response.status = 400;
  response.body = R"({"code":"not.a.user","message":"This request requires a user context.","status":400})";
  const auto user = auth::readCurrentUserResponse(response);
  ASSERT_FALSE(user);
  EXPECT_EQ(user.error(), auth::kNotAUserExplanation);
}

TEST(IdentityAnswersTest, AuthorizePageWaitingForAPersonIsExplained) {
  net::HttpResponse response;
  response.status = 200;
  response.body = "<html>login form</html>";
  const auto redirect = auth::readAuthorizeResponse(response);
  ASSERT_FALSE(redirect);
  EXPECT_NE(redirect.error().find("browser sign-in"), std::string::npos) << redirect.error();
}

}  // namespace
