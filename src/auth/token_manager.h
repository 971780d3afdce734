// The supervisor's Genesys session: PKCE sign-in, the tokens (in memory only), their
// renewal before expiry or after a 401, and logout. The session worker owns it; the
// HttpClient reads the token through attach() from its network thread.
//
// Threads: signIn(), adoptToken(), renewIfDue() and logout() block and belong on a worker
// thread (never the UI thread, never the HttpClient's network thread). accessToken(),
// renew(), session(), expiresAt() and idlesAt() are safe from any thread.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "api/codec.h"
#include "api/result.h"
#include "model/model.h"
#include "net/http_client.h"

namespace auth {

enum class SignInMode {
  Browser,     // the system browser and a loopback redirect (a person signs in)
  Unattended,  // the panel GETs the authorize URL itself and reads the redirect (gcsim, --demo)
};

struct TokenManagerConfig {
  std::string loginBase;  // "https://login.{domain}" (or gcsim's base URL)
  std::string apiBase;    // "https://api.{domain}" (or gcsim's base URL)
  std::string clientId;   // the OAuth client (public, PKCE; no secret)
  SignInMode mode = SignInMode::Browser;

  // Browser mode: the authorize URL, so the UI can show it for copying when no browser opens.
  // Both callbacks run on the thread in signIn(), before it starts waiting.
  std::function<void(const std::string& authorizeUrl)> showAuthorizeUrl;
  // Browser mode: opens the URL. Default: xdg-open, without a shell. Returns false if it
  // could not be started (the sign-in still waits: the URL can be copied by hand).
  std::function<bool(const std::string& authorizeUrl)> openBrowser;
  std::chrono::milliseconds browserTimeout{std::chrono::minutes(5)};
  // Unattended mode: the redirect_uri sent; nothing listens there, the panel reads the
  // Location header instead of following it.
  std::string unattendedRedirectUri = "http://127.0.0.1/callback";
};

// Who is signed in, and until when. No secrets in here: it may be shown and logged.
struct Session {
  std::string userId;
  std::string userName;
  std::string orgName;
  model::TimeMs expiresAt = 0;  // when the access token expires
  model::TimeMs idlesAt = 0;    // when it would idle out unused (dateTokenIdles); 0 = no idle timeout
  bool hasRefreshToken = false;
};

enum class RenewOutcome {
  NotDue,   // nothing to do yet (or not signed in)
  Renewed,  // a fresh access token is in place
  Failed,   // renewal was due and failed: ask the supervisor to sign in again
};

class TokenManager {
 public:
  using Config = TokenManagerConfig;

  // `http` carries the sign-in traffic (and its TrafficLog records it, redacted); it must
  // outlive this manager.
  TokenManager(Config config, net::HttpClient& http);
  ~TokenManager();
  TokenManager(const TokenManager&) = delete;
  TokenManager& operator=(const TokenManager&) = delete;

  // PKCE (S256) sign-in, state checked, code exchanged, then tokens/me and users/me.
  // Refuses a token that is not a person's. Replaces any previous session on success.
  api::Result<Session> signIn();
  // Browser mode: makes a signIn() that waits for the browser return "cancelled".
  void cancelSignIn();
  // Takes over tokens obtained elsewhere (a token flag, tests), with the same identity
  // checks as signIn(): a client-credentials token is refused.
  api::Result<Session> adoptToken(api::TokenResponse tokens);

  // The current access token, "" when signed out. Cheap; used as the HttpClient's token
  // source (each call counts as a use for the idle timeout).
  std::string accessToken() const;

  // Gets a new access token: the refresh_token grant when one was issued (the rotated
  // refresh token is kept); otherwise, or when the refresh token is refused, a new
  // authorize step in Unattended mode. Browser mode without a refresh token: false.
  // Single-flight: calls during a renewal share its outcome. `done` runs once, on the
  // HttpClient's network thread (or at once on the caller's thread when no request is
  // needed: signed out, or Browser mode without a refresh token).
  void renew(std::function<void(bool renewed)> done);

  // Renews (blocking) when within 5 minutes of expiry or of the idle time; for a token
  // living less than 10 minutes, at half its life, so a short TTL does not renew in a loop.
  // After a failure it waits 30 s before trying again (and reports Failed meanwhile).
  RenewOutcome renewIfDue(model::TimeMs now);

  // Revokes the token (DELETE /api/v2/tokens/me) and forgets every token, whatever the
  // server answered. Blocking.
  void logout();

  // client.setTokenSource(accessToken, renew). The client may be the one given above or
  // another; it must not outlive this manager's use (the source reads "" once it is gone).
  void attach(net::HttpClient& client);

  bool signedIn() const;
  std::optional<Session> session() const;
  model::TimeMs expiresAt() const;
  // The idle deadline, moving with each use of the token; 0 when the org has none.
  model::TimeMs idlesAt() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;  // shared with callbacks in flight on the network thread
};

}  // namespace auth
