#!/usr/bin/env bash
# Regenerates the README's screenshots from scripted sessions on the demo org.
set -euo pipefail
cd "$(dirname "$0")/.."
for script in assets/screenshots/*.script; do
  xvfb-run -a -s "-screen 0 1920x1080x24" build/bin/supervisor-panel --demo --demo-agents 300 \
    --size 1600 --height 900 --script "$script" --exit-after 120
done
