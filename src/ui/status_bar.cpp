// Status bar: who is signed in, where, whether the data is live, how long the token lasts;
// and the line of state totals under it (desk and wallboard).
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

void drawStateTotals(const Frame& f, float fontScale, bool muted) {
  const auto [free, busy, notResponding, offQueue] = f.snap.rowTotals;
  int waiting = 0;
  f.snap.queues.forEach([&](const model::Queue& q) { waiting += q.waiting; });
  ImGui::SetWindowFontScale(fontScale);
  ImGui::TextColored(ImVec4(0.4f, 0.9f, 0.5f, 1), "Free %d", free);
  ImGui::SameLine(0, 40);
  ImGui::TextColored(ImVec4(0.5f, 0.7f, 1.0f, 1), "Busy %d", busy);
  ImGui::SameLine(0, 40);
  ImGui::TextColored(severityColor(notResponding ? model::Severity::Blinking : model::Severity::Normal, f.uiTime),
                     "Not responding %d", notResponding);
  ImGui::SameLine(0, 40);
  ImGui::TextDisabled("Off queue %d", offQueue);
  ImGui::SameLine(0, 40);
  ImGui::Text("Waiting %d", waiting);
  ImGui::SetWindowFontScale(1.0f);
  if (muted) {
    ImGui::SameLine(0, 40);
    ImGui::TextColored(linkColor(store::LinkState::Reconnecting), "sound off (F8)");
  }
}

}  // namespace ui
