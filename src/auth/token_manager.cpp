#include "auth/token_manager.h"

#include "api/requests.h"
#include "auth/loopback_listener.h"
#include "auth/pkce.h"
#include "auth/sign_in.h"

#include <openssl/crypto.h>
#include <spawn.h>
#include <sys/wait.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <mutex>
#include <thread>
#include <vector>

extern char** environ;

namespace auth {

namespace {

constexpr model::TimeMs kRenewalLeadMs = 5 * 60 * 1000;
constexpr model::TimeMs kRetryAfterFailureMs = 30 * 1000;

model::TimeMs nowMs() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

// Overwrites a secret before letting go of it, so the heap does not keep a stale copy.
void forget(std::string& secret) {
  if (!secret.empty()) OPENSSL_cleanse(secret.data(), secret.size());
  secret.clear();
}

// Renew this long before a deadline: 5 minutes, or half the span for short spans, so a
// 300 s token is not renewed on every check.
model::TimeMs renewalLead(model::TimeMs span) { return span > 0 ? std::min(kRenewalLeadMs, span / 2) : kRenewalLeadMs; }

// xdg-open without a shell (the URL is never interpreted); reaped on a side thread because
// xdg-open may wait for the browser it starts.
bool openWithXdgOpen(const std::string& url) {
  std::string program = "xdg-open";
  std::string argument = url;
  char* argv[] = {program.data(), argument.data(), nullptr};
  pid_t pid = 0;
  if (posix_spawnp(&pid, "xdg-open", nullptr, nullptr, argv, environ) != 0) return false;
  std::thread([pid] {
    int status = 0;
    waitpid(pid, &status, 0);
  }).detach();
  return true;
}

// Blocks the calling worker thread on an asynchronous step.
template <class T>
api::Result<T> waitFor(const std::function<void(std::function<void(api::Result<T>)>)>& start) {
  auto promise = std::make_shared<std::promise<api::Result<T>>>();
  auto future = promise->get_future();
  start([promise](api::Result<T> result) { promise->set_value(std::move(result)); });
  return future.get();
}

using TokensDone = std::function<void(api::Result<api::TokenResponse>)>;

struct AuthorizedCode {
  std::string code;
  std::string redirectUri;
};

}  // namespace

struct TokenManager::Impl : std::enable_shared_from_this<TokenManager::Impl> {
  Impl(Config configIn, net::HttpClient& httpIn) : config(std::move(configIn)), http(httpIn) {
    if (!config.openBrowser) config.openBrowser = openWithXdgOpen;
  }
  ~Impl() { forgetTokensLocked(); }

  Config config;
  net::HttpClient& http;

  mutable std::mutex mutex;
  std::string accessToken;
  std::string refreshToken;
  std::optional<Session> session;   // idlesAt is filled in when read
  model::TimeMs issuedAt = 0;       // when the current access token arrived
  model::TimeMs idleTimeoutMs = 0;  // the org's idle timeout, read from dateTokenIdles; 0 = none
  std::uint64_t generation = 0;     // bumped by sign-in and logout: stale renewals are dropped
  bool renewing = false;
  std::vector<std::function<void(bool)>> renewalWaiters;
  bool lastRenewalFailed = false;
  model::TimeMs lastRenewalFailureAt = 0;
  LoopbackRedirectListener* activeListener = nullptr;  // while signIn() waits for the browser
  bool signInCancelled = false;
  mutable std::atomic<model::TimeMs> lastUsedAt{0};

  void forgetTokensLocked() {
    forget(accessToken);
    forget(refreshToken);
    session.reset();
    issuedAt = 0;
    idleTimeoutMs = 0;
  }

  // Every read counts as a use: the HttpClient reads it for each request it sends.
  std::string currentToken() const {
    std::lock_guard lock(mutex);
    if (!accessToken.empty()) lastUsedAt.store(nowMs());
    return accessToken;
  }

  model::TimeMs idleDeadlineLocked() const {
    return idleTimeoutMs > 0 && !accessToken.empty() ? lastUsedAt.load() + idleTimeoutMs : 0;
  }

  bool renewalDueLocked(model::TimeMs now) const {
    if (!session) return false;
    const model::TimeMs expiresAt = session->expiresAt;
    if (expiresAt > 0 && now >= expiresAt - renewalLead(expiresAt - issuedAt)) return true;
    const model::TimeMs idlesAt = idleDeadlineLocked();
    return idlesAt > 0 && now >= idlesAt - renewalLead(idleTimeoutMs);
  }

  // [SECTION] Steps, asynchronous so that renewals can run from the network thread

  void exchangeCode(const std::string& code, const std::string& verifier, const std::string& redirectUri,
                    TokensDone done) {
    std::string form = buildTokenRequestBody(AuthorizationCodeGrant{code, verifier, config.clientId, redirectUri});
    http.send(makeTokenRequest(config.loginBase, std::move(form)),
              [done = std::move(done)](net::HttpResponse response) { done(readTokenResponse(response)); });
  }

  // `refused`: the login server answered and said no (worth a fresh authorize), as opposed
  // to no answer at all.
  void refresh(const std::string& token, std::function<void(api::Result<api::TokenResponse>, bool refused)> done) {
    std::string form = buildTokenRequestBody(RefreshTokenGrant{token, config.clientId});
    http.send(makeTokenRequest(config.loginBase, std::move(form)),
              [done = std::move(done)](net::HttpResponse response) {
                const bool refused = response.error == net::NetError::none && response.status >= 400 &&
                                     response.status < 500;
                done(readTokenResponse(response), refused);
              });
  }

  // Authorize without a browser, then exchange the code: fresh PKCE pair and state each time.
  void authorizeUnattended(TokensDone done) {
    const PkcePair pkce = makePkce();
    const std::string state = makeState();
    const std::string redirectUri = config.unattendedRedirectUri;
    const std::string url = buildAuthorizeUrl(config.loginBase, config.clientId, redirectUri, pkce.challenge, state);
    http.send(makeAuthorizeRequest(url), [self = shared_from_this(), verifier = pkce.verifier, state, redirectUri,
                                          done = std::move(done)](net::HttpResponse response) mutable {
      auto redirect = readAuthorizeResponse(response);
      if (!redirect) return done(api::fail(redirect.error()));
      auto code = codeFromRedirect(*redirect, state);
      if (!code) return done(api::fail(code.error()));
      self->exchangeCode(*code, verifier, redirectUri, std::move(done));
    });
  }

  // [SECTION] Sign-in (blocking, worker thread)

  api::Result<AuthorizedCode> authorizeInBrowser(const PkcePair& pkce, const std::string& state) {
    auto listener = LoopbackRedirectListener::open();
    if (!listener) return api::fail(listener.error());
    AuthorizedCode authorized;
    authorized.redirectUri = listener->redirectUri();
    const std::string url =
        buildAuthorizeUrl(config.loginBase, config.clientId, authorized.redirectUri, pkce.challenge, state);
    {
      std::lock_guard lock(mutex);
      activeListener = &listener.value();
      if (signInCancelled) listener->cancel();
    }
    if (config.showAuthorizeUrl) config.showAuthorizeUrl(url);
    config.openBrowser(url);  // if no browser opens, the URL shown above can be copied
    auto code = listener->waitForCode(state, config.browserTimeout);
    {
      std::lock_guard lock(mutex);
      activeListener = nullptr;
    }
    if (!code) return api::fail(code.error());
    authorized.code = std::move(code.value());
    return authorized;
  }

  // A sentence naming what is missing, or "" when sign-in can start.
  std::string missingSetting() const {
    if (config.clientId.empty()) return "Sign-in is not set up: no OAuth client id was given (--client-id or the config file).";
    if (config.loginBase.empty() || config.apiBase.empty()) return "Sign-in is not set up: no Genesys region was chosen.";
    return {};
  }

  api::Result<Session> signIn() {
    if (std::string missing = missingSetting(); !missing.empty()) return api::fail(std::move(missing));
    {
      std::lock_guard lock(mutex);
      signInCancelled = false;
    }
    api::Result<api::TokenResponse> tokens = api::fail("Sign-in did not start.");
    if (config.mode == SignInMode::Unattended) {
      tokens = waitFor<api::TokenResponse>([this](TokensDone done) { authorizeUnattended(std::move(done)); });
    } else {
      const PkcePair pkce = makePkce();
      auto authorized = authorizeInBrowser(pkce, makeState());
      if (!authorized) return api::fail(authorized.error());
      tokens = waitFor<api::TokenResponse>([&](TokensDone done) {
        exchangeCode(authorized->code, pkce.verifier, authorized->redirectUri, std::move(done));
      });
    }
    if (!tokens) return api::fail(tokens.error());
    return adopt(std::move(tokens.value()));
  }

  // Identity checks, then the tokens become the session's.
  api::Result<Session> adopt(api::TokenResponse tokens) {
    const model::TimeMs obtainedAt = nowMs();
    if (tokens.accessToken.empty()) return api::fail("There is no access token to sign in with.");
    auto info = readTokenInfoResponse(
        http.sendAndWait(makeBearerRequest("GET", config.apiBase, api::tokenInfoPath(), tokens.accessToken)));
    if (!info) return api::fail(info.error());
    const model::TimeMs userAskedAt = nowMs();
    auto user = readCurrentUserResponse(
        http.sendAndWait(makeBearerRequest("GET", config.apiBase, api::currentUserPath(), tokens.accessToken)));
    if (!user) return api::fail(user.error());

    Session fresh;
    fresh.userId = user->id;
    fresh.userName = user->name;
    fresh.orgName = info->organizationName;
    fresh.expiresAt = tokens.expiresInSeconds > 0 ? obtainedAt + tokens.expiresInSeconds * 1000 : 0;
    fresh.hasRefreshToken = tokens.refreshToken.has_value();

    std::lock_guard lock(mutex);
    forgetTokensLocked();
    ++generation;
    accessToken = std::move(tokens.accessToken);
    if (tokens.refreshToken) refreshToken = std::move(*tokens.refreshToken);
    issuedAt = obtainedAt;
    // dateTokenIdles was computed from the tokens/me call, the token's last use then.
    idleTimeoutMs = info->dateTokenIdles > 0 ? std::max<model::TimeMs>(0, info->dateTokenIdles - obtainedAt) : 0;
    lastUsedAt.store(userAskedAt);
    lastRenewalFailed = false;
    session = fresh;
    fresh.idlesAt = idleDeadlineLocked();
    return fresh;
  }

  // [SECTION] Renewal

  void renew(std::function<void(bool)> done) {
    std::uint64_t flight = 0;
    std::string currentRefreshToken;
    {
      std::unique_lock lock(mutex);
      if (accessToken.empty()) {
        lock.unlock();
        done(false);
        return;
      }
      renewalWaiters.push_back(std::move(done));
      if (renewing) return;  // joins the renewal in flight
      renewing = true;
      flight = generation;
      currentRefreshToken = refreshToken;
    }
    auto self = shared_from_this();
    TokensDone finish = [self, flight](api::Result<api::TokenResponse> tokens) {
      self->finishRenewal(flight, std::move(tokens));
    };
    const bool unattended = config.mode == SignInMode::Unattended;
    if (!currentRefreshToken.empty()) {
      refresh(currentRefreshToken, [self, finish, unattended](api::Result<api::TokenResponse> tokens, bool refused) {
        if (!tokens && refused && unattended) return self->authorizeUnattended(finish);
        finish(std::move(tokens));
      });
      forget(currentRefreshToken);
    } else if (unattended) {
      authorizeUnattended(finish);
    } else {
      finish(api::fail("The session ended and no refresh token was issued; sign in again."));
    }
  }

  void finishRenewal(std::uint64_t flight, api::Result<api::TokenResponse> tokens) {
    std::vector<std::function<void(bool)>> waiters;
    bool renewed = false;
    {
      std::lock_guard lock(mutex);
      renewing = false;
      waiters.swap(renewalWaiters);
      if (flight != generation) {
        renewed = !accessToken.empty();  // signed in anew (or out) meanwhile: that token stands
      } else if (tokens) {
        const model::TimeMs now = nowMs();
        forget(accessToken);
        accessToken = std::move(tokens->accessToken);
        if (tokens->refreshToken) {  // rotated; without a new one the old one stays valid (RFC 6749 6)
          forget(refreshToken);
          refreshToken = std::move(*tokens->refreshToken);
        }
        issuedAt = now;
        lastUsedAt.store(now);
        session->expiresAt = now + tokens->expiresInSeconds * 1000;
        session->hasRefreshToken = !refreshToken.empty();
        renewed = true;
      }
    }
    for (auto& waiter : waiters) waiter(renewed);
  }

  RenewOutcome renewIfDue(model::TimeMs now) {
    {
      std::lock_guard lock(mutex);
      if (accessToken.empty()) return RenewOutcome::NotDue;
      if (lastRenewalFailed && now - lastRenewalFailureAt < kRetryAfterFailureMs) return RenewOutcome::Failed;
      if (!renewalDueLocked(now)) return RenewOutcome::NotDue;
    }
    auto promise = std::make_shared<std::promise<bool>>();
    auto future = promise->get_future();
    renew([promise](bool renewed) { promise->set_value(renewed); });
    const bool renewed = future.get();
    std::lock_guard lock(mutex);
    lastRenewalFailed = !renewed;
    lastRenewalFailureAt = renewed ? 0 : now;
    return renewed ? RenewOutcome::Renewed : RenewOutcome::Failed;
  }

  void logout() {
    std::string token;
    {
      std::lock_guard lock(mutex);
      token = accessToken;
      forgetTokensLocked();
      ++generation;
    }
    if (token.empty()) return;
    // Revoked with an explicit header: a 401 here must not start a renewal.
    http.sendAndWait(makeBearerRequest("DELETE", config.apiBase, api::tokenInfoPath(), token));
    forget(token);
  }
};

// [SECTION] TokenManager

TokenManager::TokenManager(Config config, net::HttpClient& http)
    : impl_(std::make_shared<Impl>(std::move(config), http)) {}

TokenManager::~TokenManager() = default;

api::Result<Session> TokenManager::signIn() { return impl_->signIn(); }

void TokenManager::cancelSignIn() {
  std::lock_guard lock(impl_->mutex);
  impl_->signInCancelled = true;
  if (impl_->activeListener) impl_->activeListener->cancel();
}

api::Result<Session> TokenManager::adoptToken(api::TokenResponse tokens) { return impl_->adopt(std::move(tokens)); }

std::string TokenManager::accessToken() const { return impl_->currentToken(); }

void TokenManager::renew(std::function<void(bool)> done) { impl_->renew(std::move(done)); }

RenewOutcome TokenManager::renewIfDue(model::TimeMs now) { return impl_->renewIfDue(now); }

void TokenManager::logout() { impl_->logout(); }

void TokenManager::attach(net::HttpClient& client) {
  std::weak_ptr<Impl> weak = impl_;
  client.setTokenSource(
      [weak]() -> std::string {
        auto impl = weak.lock();
        return impl ? impl->currentToken() : std::string();
      },
      [weak](std::function<void(bool)> done) {
        if (auto impl = weak.lock()) return impl->renew(std::move(done));
        done(false);
      });
}

bool TokenManager::signedIn() const {
  std::lock_guard lock(impl_->mutex);
  return !impl_->accessToken.empty();
}

std::optional<Session> TokenManager::session() const {
  std::lock_guard lock(impl_->mutex);
  std::optional<Session> current = impl_->session;
  if (current) current->idlesAt = impl_->idleDeadlineLocked();
  return current;
}

model::TimeMs TokenManager::expiresAt() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->session ? impl_->session->expiresAt : 0;
}

model::TimeMs TokenManager::idlesAt() const {
  std::lock_guard lock(impl_->mutex);
  return impl_->idleDeadlineLocked();
}

}  // namespace auth
