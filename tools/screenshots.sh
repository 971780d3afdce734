#!/usr/bin/env bash
# Regenerates the README's screenshots from scripted sessions on the demo org. A script may
# name its own flags in a "# panel-flags: ..." line (e.g. a wallboard window of 60 agents).
set -euo pipefail
cd "$(dirname "$0")/.."
for script in assets/screenshots/*.script; do
  flags=$(sed -n 's/^# panel-flags: //p' "$script")
  [[ $flags == *--demo-agents* ]] || flags="--demo-agents 300 $flags"
  # shellcheck disable=SC2086  # the flags are words
  xvfb-run -a -s "-screen 0 1920x1080x24" build/bin/supervisor-panel --demo --size 1600 --height 900 \
    ${flags} --script "$script" --exit-after 120
done
