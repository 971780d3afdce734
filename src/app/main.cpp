#include "app/app.h"
#include "app/options.h"

int main(int argc, char** argv) {
  const app::ParseResult parsed = app::parseOptions(argc, argv);
  if (!parsed.options) return parsed.exitCode;
  return app::run(*parsed.options);
}
