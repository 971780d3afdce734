// Colour thresholds for time in state: what turns a row amber, red, or blinking red.
#pragma once

#include "model/model.h"

namespace model {

struct Thresholds {
  int idleAmberSeconds = 300;          // waiting for work longer than 5 min
  int idleRedSeconds = 600;
  int interactingAmberSeconds = 600;   // a long interaction
  int interactingRedSeconds = 1200;
  int holdAmberSeconds = 60;
  int holdRedSeconds = 120;            // a customer on hold > 2 min: red, blinking
  int acwAmberSeconds = 120;           // after-call work
  int acwRedSeconds = 300;
  int awayAmberSeconds = 900;          // break / meal / away over 15 min
  int awayRedSeconds = 1800;
  int queueWaitAmberSeconds = 60;      // longest waiting in a queue
  int queueWaitRedSeconds = 120;
};

enum class Severity : std::uint8_t { Normal, Amber, Red, Blinking };

struct AgentAlert {
  Severity severity = Severity::Normal;
  const char* reason = "";             // short words for a tooltip: "on hold 2:31"
};

// NOT_RESPONDING is red and blinking at once; holds over the limit blink too.
AgentAlert assessAgent(const Agent& agent, TimeMs now, const Thresholds& limits);
Severity assessQueueWait(const Queue& queue, TimeMs now, const Thresholds& limits);
Severity assessServiceLevel(const Queue& queue);

// "4:31", "1:02:03"; negative or unknown times show as "-".
std::string formatDuration(TimeMs since, TimeMs now);

}  // namespace model
