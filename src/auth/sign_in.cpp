#include "auth/sign_in.h"

#include "api/errors.h"

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>
#include <openssl/crypto.h>

#include <algorithm>
#include <cctype>

namespace auth {

const std::string_view kNotAUserExplanation =
    "This token belongs to an app (OAuth client credentials), not to a person. The panel acts only as the "
    "signed-in supervisor so that Genesys applies your own permissions; sign in with your Genesys Cloud account.";

namespace {

bool equalsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// Constant time, so that timing does not tell an attacker how much of a guessed state matched.
bool sameSecret(std::string_view a, std::string_view b) {
  return a.size() == b.size() && CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

// The network layer's sentence when nothing usable arrived, else the API's error explained.
std::string describeFailure(const net::HttpResponse& response) {
  if (response.error != net::NetError::none) return response.errorMessage;
  return api::explain(api::parseErrorBody(response.status, response.body), api::Action::SignIn);
}

bool isRedirect(int status) { return status == 301 || status == 302 || status == 303 || status == 307; }

}  // namespace

// [SECTION] The authorize redirect

AuthorizationRedirect parseAuthorizationRedirect(std::string_view urlOrTarget) {
  AuthorizationRedirect redirect;
  const auto parsed = boost::urls::parse_uri_reference(urlOrTarget);
  if (!parsed) return redirect;
  for (const auto& param : parsed->params()) {
    if (!param.has_value) continue;
    if (param.key == "code") redirect.code = param.value;
    else if (param.key == "state") redirect.state = param.value;
    else if (param.key == "error") redirect.error = param.value;
    else if (param.key == "error_description") redirect.errorDescription = param.value;
  }
  return redirect;
}

api::Result<std::string> codeFromRedirect(const AuthorizationRedirect& redirect, std::string_view expectedState) {
  // The state is checked first: an answer that is not ours must not even report an error.
  if (redirect.state.empty()) {
    return api::fail("Sign-in was rejected: the answer from the login page carried no state, so it cannot be "
                     "tied to this sign-in. Start the sign-in again.");
  }
  if (expectedState.empty() || !sameSecret(redirect.state, expectedState)) {
    return api::fail("Sign-in was rejected: the answer from the login page belongs to a different sign-in "
                     "attempt (state mismatch). Start the sign-in again.");
  }
  if (!redirect.error.empty()) {
    std::string sentence = "The Genesys login page did not sign you in (" + redirect.error;
    if (!redirect.errorDescription.empty()) sentence += ": " + redirect.errorDescription;
    return api::fail(sentence + ").");
  }
  if (redirect.code.empty()) {
    return api::fail("Sign-in failed: the answer from the login page carried no authorization code.");
  }
  return redirect.code;
}

// [SECTION] Unattended authorize

net::HttpRequest makeAuthorizeRequest(std::string authorizeUrl) {
  net::HttpRequest request;
  request.method = "GET";
  request.url = std::move(authorizeUrl);
  request.priority = net::Priority::User;
  request.sendAuthorization = false;
  request.label = "sign-in: authorize";
  return request;
}

api::Result<AuthorizationRedirect> readAuthorizeResponse(const net::HttpResponse& response) {
  if (response.error != net::NetError::none) return api::fail(describeFailure(response));
  if (isRedirect(response.status)) {
    const std::string location = response.header("Location");
    if (location.empty()) {
      return api::fail("Sign-in failed: the Genesys login server redirected without saying where to.");
    }
    return parseAuthorizationRedirect(location);
  }
  if (response.status == 200) {
    return api::fail("The Genesys login page is waiting for a person to sign in, so unattended sign-in is not "
                     "possible here; use browser sign-in.");
  }
  return api::fail(describeFailure(response));
}

// [SECTION] The token endpoint

net::HttpRequest makeTokenRequest(std::string_view loginBase, std::string formBody) {
  std::string base(loginBase);
  while (!base.empty() && base.back() == '/') base.pop_back();
  net::HttpRequest request;
  request.method = "POST";
  request.url = base + "/oauth/token";
  request.headers = {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "application/json"}};
  request.body = std::move(formBody);
  request.priority = net::Priority::User;
  request.sendAuthorization = false;  // the grant itself is the credential
  request.label = "sign-in: token";
  return request;
}

api::Result<api::TokenResponse> readTokenResponse(const net::HttpResponse& response) {
  if (!response.ok()) return api::fail(describeFailure(response));
  auto tokens = api::decodeTokenResponse(response.body);
  if (!tokens) return api::fail("The Genesys login server's answer could not be read (" + tokens.error() + ").");
  if (tokens->expiresInSeconds <= 0) {
    return api::fail("The Genesys login server issued a token without a lifetime; the panel cannot keep it fresh.");
  }
  return tokens;
}

// [SECTION] Identity

net::HttpRequest makeBearerRequest(std::string method, std::string_view apiBase, std::string_view path,
                                   std::string_view accessToken) {
  std::string base(apiBase);
  while (!base.empty() && base.back() == '/') base.pop_back();
  net::HttpRequest request;
  request.method = std::move(method);
  request.url = base + std::string(path);
  request.headers = {{"Authorization", "Bearer " + std::string(accessToken)}, {"Accept", "application/json"}};
  request.priority = net::Priority::User;
  request.sendAuthorization = false;
  request.label = "sign-in: " + std::string(path);
  return request;
}

api::Result<api::TokenInfo> readTokenInfoResponse(const net::HttpResponse& response) {
  if (!response.ok()) return api::fail(describeFailure(response));
  auto info = api::decodeTokenInfo(response.body);
  if (!info) return api::fail("Genesys' description of the sign-in could not be read (" + info.error() + ").");
  if (equalsIgnoreCase(info->grantType, "CLIENT-CREDENTIALS") || equalsIgnoreCase(info->grantType, "client_credentials")) {
    return api::fail(std::string(kNotAUserExplanation));
  }
  return info;
}

api::Result<api::CurrentUser> readCurrentUserResponse(const net::HttpResponse& response) {
  if (!response.ok()) {
    if (response.error == net::NetError::none &&
        api::parseErrorBody(response.status, response.body).code == "not.a.user") {
      return api::fail(std::string(kNotAUserExplanation));
    }
    return api::fail(describeFailure(response));
  }
  auto user = api::decodeCurrentUser(response.body);
  if (!user) return api::fail("Genesys' description of your user could not be read (" + user.error() + ").");
  if (user->id.empty()) return api::fail(std::string(kNotAUserExplanation));
  return user;
}

}  // namespace auth
