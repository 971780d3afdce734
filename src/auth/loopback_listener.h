// The RFC 8252 loopback redirect for browser sign-in: a tiny HTTP server on 127.0.0.1
// that receives the one redirect the login page sends back (/callback?code=..&state=..),
// checks the state, answers the browser with a short page and hands the code over.
// Single use: it stops listening once it has an outcome.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "api/result.h"

namespace auth {

class LoopbackRedirectListener {
 public:
  // Binds 127.0.0.1 on a free port (never another interface). Fails with a sentence when
  // the system refuses a socket.
  static api::Result<LoopbackRedirectListener> open();

  ~LoopbackRedirectListener();
  LoopbackRedirectListener(LoopbackRedirectListener&&) noexcept;
  LoopbackRedirectListener& operator=(LoopbackRedirectListener&&) noexcept;

  std::uint16_t port() const;
  // "http://127.0.0.1:PORT/callback", the redirect_uri to put in the authorize URL.
  std::string redirectUri() const;

  // Blocks the calling worker thread until the redirect arrives, `timeout` passes or
  // cancel() is called. Other paths (a browser's /favicon.ico) get a 404 and the wait goes
  // on; the first /callback request decides: the code when its state is `expectedState`,
  // otherwise an error (and the browser is told why). Callable once.
  api::Result<std::string> waitForCode(std::string_view expectedState, std::chrono::milliseconds timeout);

  // Ends a wait from another thread (the supervisor gave up); waitForCode then fails
  // saying so. Also works before the wait starts.
  void cancel();

 private:
  struct Impl;
  explicit LoopbackRedirectListener(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace auth
