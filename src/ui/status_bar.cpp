// Status bar: who is signed in, where, whether the data is live, and how long the token lasts.
#include <imgui.h>

#include <cstdio>

#include "ui/ui.h"

namespace ui {

namespace {

std::string countdown(model::TimeMs until, model::TimeMs now) {
  if (until <= 0) return "-";
  long long s = (until - now) / 1000;
  if (s <= 0) return "expired";
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%lldh%02lldm", s / 3600, (s / 60) % 60);
  else
    std::snprintf(buf, sizeof buf, "%lldm%02llds", s / 60, s % 60);
  return buf;
}

std::string clockTime(model::TimeMs t) { return localTime(t, "%H:%M:%S"); }

}  // namespace

void drawStatusBar(const Frame& f) {
  const store::SessionInfo& s = *f.snap.session;
  const char* who = s.userName.empty() ? "not signed in" : s.userName.c_str();
  ImGui::TextUnformatted(who);
  if (!s.orgName.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("·");
    ImGui::SameLine();
    ImGui::TextUnformatted(s.orgName.c_str());
  }
  if (!s.region.empty()) {
    ImGui::SameLine();
    ImGui::TextDisabled("· %s", s.region.c_str());
  }
  ImGui::SameLine();
  ImGui::TextDisabled("·");
  ImGui::SameLine();

  const ImVec4 color = linkColor(s.link);
  switch (s.link) {
    case store::LinkState::Live: ImGui::TextColored(color, "● live"); break;
    case store::LinkState::Partial:
      ImGui::TextColored(color, "◑ partly live — %d agent%s not live", s.agentsNotLive, s.agentsNotLive == 1 ? "" : "s");
      break;
    case store::LinkState::Reconnecting:
      ImGui::TextColored(color, "◐ reconnecting — data since %s may be missing", clockTime(s.staleSince).c_str());
      break;
    case store::LinkState::Stale:
      ImGui::TextColored(color, "■ STALE since %s", s.staleSince ? clockTime(s.staleSince).c_str() : "start");
      break;
    default: ImGui::TextColored(color, "● %s", std::string(store::toString(s.link)).c_str()); break;
  }
  if (s.link == store::LinkState::Stale) {
    ImGui::SameLine();
    if (ImGui::SmallButton("Sign in again")) f.intents.send(store::SignInAgain{});
  }
  if (s.tokenExpiresAt) {
    ImGui::SameLine();
    ImGui::TextDisabled("· token %s", countdown(s.tokenExpiresAt, f.now).c_str());
  }
  if (s.tokenIdlesAt) {
    ImGui::SameLine();
    ImGui::TextDisabled("· idle timeout %s", countdown(s.tokenIdlesAt, f.now).c_str());
  }
  ImGui::SameLine();
  ImGui::TextDisabled("· %.0f ev/s · %d/%d req/min", s.eventsPerSecond, s.restCallsLastMinute, s.restBudgetPerMinute);
  if (s.demo) {
    ImGui::SameLine();
    ImGui::TextColored(ImVec4(0.75f, 0.6f, 1.0f, 1.0f), "· DEMO (simulated org)");
  }
  if (!s.message.empty()) {
    ImGui::SameLine();
    ImGui::TextColored(color, "· %s", s.message.c_str());
  }
  if (!s.signInUrl.empty() && s.link == store::LinkState::SigningIn) {
    ImGui::TextDisabled("Open this address in a browser to sign in:");
    ImGui::SameLine();
    ImGui::TextUnformatted(s.signInUrl.c_str());
    ImGui::SameLine();
    if (ImGui::SmallButton("Copy")) ImGui::SetClipboardText(s.signInUrl.c_str());
  }
}

}  // namespace ui
