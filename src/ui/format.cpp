#include <ctime>

#include "ui/ui.h"

namespace ui {

std::string localTime(model::TimeMs t, const char* strftimeFormat) {
  const std::time_t secs = static_cast<std::time_t>(t / 1000);
  std::tm local{};
  localtime_r(&secs, &local);
  char buf[48];
  if (std::strftime(buf, sizeof buf, strftimeFormat, &local) == 0) return "?";
  return buf;
}

}  // namespace ui
