// What a notification did to the model, as one line for the debug overlay: the decoded
// event's kind, its subject and the fields of it that changed ("agent activity · Dana Ruiz:
// routing IDLE → INTERACTING"), or why nothing did ("stale, dropped: older than what is
// shown"). Store thread (inside Store::post). It describes the subject before and after the
// reducer runs, so the session asks for it only while the overlay is open.
#pragma once

#include <string>
#include <string_view>

#include "api/events.h"
#include "store/state.h"

namespace workers {

// Applies `event` as applyEvent does and returns the line.
std::string applyAndDescribe(store::State&, const api::Event&);
// The kind of a decoded event in words: "agent activity", "queue observation", "heartbeat"...
std::string_view eventKind(const api::Event&);

}  // namespace workers
