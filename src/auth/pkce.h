// OAuth 2.0 Authorization Code with PKCE (RFC 7636) for a native app, as Genesys Cloud
// expects it (genesys-api.md section 4): random values, the S256 challenge, the authorize
// URL and the token request bodies. Randomness comes from OpenSSL's CSPRNG.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace auth {

// base64url without padding (RFC 4648 section 5), as PKCE and JWTs use it.
std::string base64UrlEncode(std::string_view bytes);

// `bytes` random bytes from RAND_bytes, base64url-encoded (4 characters per 3 bytes,
// rounded up). Throws std::runtime_error if the CSPRNG cannot deliver.
std::string randomUrlSafe(std::size_t bytes);

struct PkcePair {
  std::string verifier;   // 64 characters of the RFC 7636 unreserved set
  std::string challenge;  // base64url(SHA-256(verifier)), no padding
};

// A fresh verifier and its S256 challenge, one per sign-in attempt.
PkcePair makePkce();

// The S256 code challenge of a verifier: base64url(SHA-256(verifier)).
std::string s256Challenge(std::string_view verifier);

// An unguessable `state` value that ties the redirect back to this attempt.
std::string makeState();

// Percent-encodes everything but the RFC 3986 unreserved characters, so the result is safe
// as a query or form component (a space becomes "%20", which form decoders accept too).
std::string urlEncode(std::string_view text);

// https://login.{domain}/oauth/authorize?response_type=code&client_id=...&redirect_uri=...
//   &code_challenge=...&code_challenge_method=S256&state=...
// `loginBase` is "https://login.{domain}", with or without a trailing slash.
std::string buildAuthorizeUrl(std::string_view loginBase, std::string_view clientId, std::string_view redirectUri,
                              std::string_view challenge, std::string_view state);

// Form bodies (application/x-www-form-urlencoded) for POST {loginBase}/oauth/token.
// A public PKCE client sends no secret. The views only need to live for the call.
struct AuthorizationCodeGrant {
  std::string_view code;
  std::string_view codeVerifier;
  std::string_view clientId;
  std::string_view redirectUri;
};
struct RefreshTokenGrant {
  std::string_view refreshToken;
  std::string_view clientId;
};
std::string buildTokenRequestBody(const AuthorizationCodeGrant& grant);
std::string buildTokenRequestBody(const RefreshTokenGrant& grant);

}  // namespace auth
