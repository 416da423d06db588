#!/usr/bin/env bash
# Smoke test of the Linux installers, as CI runs it:
#   1. builds the app image and the .deb (./mvnw -Ppackage, without the .rpm, gzip-compressed
#      to build fast; the content is the same as the release .deb's),
#   2. installs the .deb's declared dependencies (as root: apt-get satisfy, which also proves
#      they resolve on this distribution), unpacks the .deb into a temp folder (dpkg-deb -x),
#   3. starts the packaged launcher under Xvfb with -Dwakuchat.smokeTest=true, waits for the
#      "Waku Chat" window, then for the app to close itself with exit status 0,
#   4. checks the start printed no native-access/AOT warnings and JavaFX extracted nothing into
#      the user's home, and prints sizes and the time to the first window.
# Options: --skip-build (use packaging/target as built), --runs N (time N starts with and N
# without the AOT cache, default 1), --install (root only, for CI machines: also installs the
# .deb with apt, checks the menu entry and the wakuchat:// handler, and removes it again).
# Needs (installed here when run as root): xvfb, xdotool.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_build=false
install=false
runs=1
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --runs) runs="$2"; shift ;;
    --install) install=true ;;
    *) echo "usage: packaging/smoke-test.sh [--skip-build] [--runs N] [--install]" >&2; exit 2 ;;
  esac
  shift
done

fail() { echo "SMOKE TEST FAILED: $*" >&2; exit 1; }

apt_install() {
  if [ "$(id -u)" = 0 ]; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get install -y -q --no-install-recommends "$@" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends "$@" >/dev/null; }
  fi
}

command -v Xvfb >/dev/null && command -v xdotool >/dev/null || apt_install xvfb xdotool
command -v Xvfb >/dev/null || fail "Xvfb missing (apt-get install -y xvfb)"
command -v xdotool >/dev/null || fail "xdotool missing (apt-get install -y xdotool)"
command -v xprop >/dev/null || apt_install x11-utils
command -v xprop >/dev/null || fail "xprop missing (apt-get install -y x11-utils)"

if [ "$skip_build" = false ]; then
  ./mvnw -B -ntp -q -DskipTests -Ppackage -Drpm.skip=true -Ddeb.compressor=gzip -pl packaging -am verify
fi

deb=$(ls packaging/target/installers/wakuchat_*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb in packaging/target/installers"

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  depends=$(dpkg-deb -f "$deb" Depends)
  export DEBIAN_FRONTEND=noninteractive
  apt-get satisfy -y -q --no-install-recommends "$depends" >/dev/null 2>&1 \
    || { apt-get update -q >/dev/null && apt-get satisfy -y -q --no-install-recommends "$depends" >/dev/null; } \
    || fail "the .deb's dependencies do not resolve here: $depends"
fi

work=$(mktemp -d)
xvfb_pid=""
cleanup() {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/root"
launcher="$work/root/opt/wakuchat/bin/wakuchat"
[ -x "$launcher" ] || fail "no launcher at /opt/wakuchat/bin/wakuchat in $deb"
grep -q '^MimeType=x-scheme-handler/wakuchat;' "$work/root/opt/wakuchat/lib/wakuchat-wakuchat.desktop" \
  || fail "the desktop entry does not register wakuchat:// links"
# Docks match a window to its menu entry by this class: it must be the one the window really has.
wm_class=$(sed -n 's/^StartupWMClass=//p' "$work/root/opt/wakuchat/lib/wakuchat-wakuchat.desktop")
[ -n "$wm_class" ] || fail "the desktop entry has no StartupWMClass"

# A display of our own; -displayfd picks a free number.
exec 3> "$work/display"
Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
exec 3>&-
for _ in $(seq 100); do [ -s "$work/display" ] && break; sleep 0.1; done
[ -s "$work/display" ] || fail "Xvfb did not start"
export DISPLAY=":$(cat "$work/display")"

now_ms() { date +%s%3N; }

# Starts the packaged app once; prints the milliseconds to its first visible window.
launch_once() { # launch_once LABEL EXTRA_JAVA_TOOL_OPTIONS
  local label=$1 extra=$2 home="$work/home-$1-$RANDOM" log="$work/app-$1.log"
  mkdir -p "$home"
  local start; start=$(now_ms)
  # Java takes user.home from the password database, not $HOME: name the data folder explicitly.
  HOME="$home" WAKUCHAT_DATA_DIR="$home/wakuchat-data" JAVA_TOOL_OPTIONS="-Dwakuchat.smokeTest=true $extra" "$launcher" >"$log" 2>&1 &
  local app=$! shown="" window=""
  for _ in $(seq 1200); do
    if window=$(xdotool search --onlyvisible --name '^Waku Chat$' 2>/dev/null); then
      shown=$(( $(now_ms) - start ))
      xprop -id "${window%%$'\n'*}" WM_CLASS | grep -qF "\"$wm_class\"" \
        || { kill "$app"; fail "($label) the window's $(xprop -id "${window%%$'\n'*}" WM_CLASS) is not the desktop entry's StartupWMClass $wm_class"; }
      break
    fi
    kill -0 "$app" 2>/dev/null || break
    sleep 0.02
  done
  if [ -z "$shown" ]; then
    kill "$app" 2>/dev/null || true
    cat "$log" >&2
    fail "($label) no \"Waku Chat\" window appeared"
  fi
  local status=0
  for _ in $(seq 600); do kill -0 "$app" 2>/dev/null || break; sleep 0.1; done
  if kill -0 "$app" 2>/dev/null; then kill "$app"; cat "$log" >&2; fail "($label) the app did not exit by itself"; fi
  wait "$app" || status=$?
  [ "$status" = 0 ] || { cat "$log" >&2; fail "($label) exit status $status"; }
  if grep -E 'WARNING: (A restricted method|Use --enable-native-access|sun\.misc\.Unsafe)|\]\[(error|warning)\]\[(aot|cds)' "$log" >&2; then
    fail "($label) the start printed the warnings above"
  fi
  [ ! -e "$home/.openjfx" ] || fail "($label) JavaFX extracted native libraries into the user's home"
  echo "$shown"
}

# A start that fails is printed in full (above) and tried once more: one rare, not yet explained
# failure inside JavaFX's start-up was seen in 1 of 10 runs here; two in a row fail the test.
launch_with_one_retry() { # launch_with_one_retry LABEL EXTRA_JAVA_TOOL_OPTIONS
  (launch_once "$1" "$2") || { echo "SMOKE TEST: ($1) first start failed (log above); trying once more" >&2; launch_once "$1" "$2"; }
}

with_aot=(); without_aot=()
for _ in $(seq "$runs"); do
  with_aot+=("$(launch_with_one_retry aot "")")
  without_aot+=("$(launch_with_one_retry noaot "-XX:AOTMode=off")")
done

# Installs and removes the .deb for real: maintainer scripts, menu entry, link handler.
install_check() {
  [ "$(id -u)" = 0 ] || fail "--install needs root"
  command -v update-desktop-database >/dev/null || apt_install desktop-file-utils
  # xdg-desktop-menu only installs menu entries where a desktop menu exists, as on any desktop.
  mkdir -p /etc/xdg/menus/applications-merged /usr/share/desktop-directories /usr/share/applications
  apt-get install -y -q --no-install-recommends "$(readlink -f "$deb")" >/dev/null 2>&1 \
    || fail "apt-get install of $deb failed"
  [ -x /opt/wakuchat/bin/wakuchat ] || fail "installed, but /opt/wakuchat/bin/wakuchat is missing"
  local entry=/usr/share/applications/wakuchat-wakuchat.desktop
  [ -f "$entry" ] || fail "installed, but the menu entry $entry is missing"
  if command -v update-desktop-database >/dev/null; then
    grep -q '^x-scheme-handler/wakuchat=.*wakuchat-wakuchat.desktop' /usr/share/applications/mimeinfo.cache \
      || fail "the desktop database does not list Waku Chat for wakuchat:// links"
  fi
  apt-get remove -y -q wakuchat >/dev/null 2>&1 || fail "apt-get remove wakuchat failed"
  [ ! -e /opt/wakuchat/bin/wakuchat ] && [ ! -e "$entry" ] || fail "apt-get remove left the app or its menu entry behind"
  echo "  install/remove:      ok (menu entry and wakuchat:// handler registered, then removed)"
}

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
size() { du -sh "$1" | cut -f1; }

echo "Smoke test passed: the packaged app showed its \"Waku Chat\" window and exited with status 0."
echo "  .deb:                $(size "$deb") ($(basename "$deb"))"
rpm_file=$(ls packaging/target/installers/wakuchat-*.rpm 2>/dev/null | head -1 || true)
[ -n "$rpm_file" ] && echo "  .rpm:                $(size "$rpm_file") ($(basename "$rpm_file"))"
echo "  installed app:       $(size "$work/root/opt/wakuchat")"
echo "  runtime image:       $(size "$work/root/opt/wakuchat/lib/runtime")"
aot_file="$work/root/opt/wakuchat/lib/app/wakuchat.aot"
[ -f "$aot_file" ] && echo "  AOT cache:           $(size "$aot_file")"
[ "$install" = false ] || install_check
echo "  start to first window, median of $runs: $(median "${with_aot[@]}") ms with the AOT cache, $(median "${without_aot[@]}") ms without (${with_aot[*]} / ${without_aot[*]})"
