#!/usr/bin/env bash
# Renders the app's main screens, light and dark, into docs/screenshots/*.png.
# Needs Xvfb and GTK 3 (Debian: apt-get install -y xvfb libgtk-3-0); uses real GTK rendering
# on a virtual display, not the headless platform the tests use.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$PWD/docs/screenshots"
mkdir -p "$out"

display=":$((90 + RANDOM % 100))"
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill "$xvfb_pid"' EXIT
sleep 1

DISPLAY="$display" ./mvnw -q -B -ntp -pl desktop-app -am -Pscreenshots test \
  -Dtest=ScreenshotTour -Dsurefire.failIfNoSpecifiedTests=false -Dscreenshots.dir="$out"
ls -1 "$out"
