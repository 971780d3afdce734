#pragma once
#include "app/options.h"
namespace app {
// Opens the window(s), runs the frame loop until closed or told to exit; returns the exit code.
int run(const Options& options);
}  // namespace app
