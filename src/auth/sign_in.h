// The single steps of a Genesys Cloud sign-in, each as a request to build and an answer
// to read: the authorize redirect, the token endpoint, and the identity checks
// (tokens/me, users/me). TokenManager strings them together, blocking on a worker thread
// (sendAndWait) or asynchronously from the network thread (send) during a renewal; tests
// drive them one by one. Every error is a sentence for the supervisor and never contains
// a token or an authorization code.
#pragma once

#include <string>
#include <string_view>

#include "api/codec.h"
#include "api/result.h"
#include "net/http_client.h"

namespace auth {

// [SECTION] The authorize redirect (redirect_uri?code=..&state=.. or ?error=..)

struct AuthorizationRedirect {
  std::string code;
  std::string state;
  std::string error;             // OAuth error, e.g. "access_denied"; empty on success
  std::string errorDescription;
};

// Reads the query of an absolute URL ("http://127.0.0.1:1234/callback?code=..") or of a
// request target ("/callback?code=.."). Missing parameters stay empty.
AuthorizationRedirect parseAuthorizationRedirect(std::string_view urlOrTarget);

// The code, once the redirect carries no error, a code, and exactly the expected state
// (compared in constant time). Otherwise a sentence saying what was wrong.
api::Result<std::string> codeFromRedirect(const AuthorizationRedirect& redirect, std::string_view expectedState);

// [SECTION] Unattended authorize: GET the authorize URL and read the redirect ourselves

// A GET that the client does not follow; carries no Authorization header.
net::HttpRequest makeAuthorizeRequest(std::string authorizeUrl);
// The redirect in the Location header of a 302/303. A 200 (a login page waiting for a
// person) or an error status gives a sentence explaining it.
api::Result<AuthorizationRedirect> readAuthorizeResponse(const net::HttpResponse& response);

// [SECTION] The token endpoint: POST {loginBase}/oauth/token

// `formBody` from buildTokenRequestBody (pkce.h). User priority, no Authorization header.
net::HttpRequest makeTokenRequest(std::string_view loginBase, std::string formBody);
api::Result<api::TokenResponse> readTokenResponse(const net::HttpResponse& response);

// [SECTION] Identity: who the token belongs to

// A request to {apiBase}{path} carrying `accessToken` explicitly rather than through the
// client's token source, so a 401 here never starts a renewal of some other token.
net::HttpRequest makeBearerRequest(std::string method, std::string_view apiBase, std::string_view path,
                                   std::string_view accessToken);
// GET /api/v2/tokens/me. Refuses a client-credentials token: the panel acts only as a person.
api::Result<api::TokenInfo> readTokenInfoResponse(const net::HttpResponse& response);
// GET /api/v2/users/me. Refuses not.a.user (an app token) with the same explanation.
api::Result<api::CurrentUser> readCurrentUserResponse(const net::HttpResponse& response);

// The sentence shown when a token is not a person's.
extern const std::string_view kNotAUserExplanation;

}  // namespace auth
