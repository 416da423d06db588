#!/usr/bin/env bash
# Smoke test of the Linux installers, as CI runs it:
#   1. builds the app image and the .deb (./mvnw -Ppackage, without the .rpm; xz-compressed as
#      the release .deb, so the size printed is the release size),
#   2. installs the .deb's declared dependencies (as root: apt-get satisfy, which also proves
#      they resolve on this distribution), unpacks the .deb into a temp folder (dpkg-deb -x),
#   3. starts the packaged launcher under Xvfb with -Dwakuchat.smokeTest=true, waits for the
#      "Waku Chat" window, then for the app to close itself with exit status 0,
#   4. checks the start printed no native-access/AOT warnings and JavaFX extracted nothing into
#      the user's home, and prints sizes and the time to the first window,
#   5. with libwaku (see below): checks the package holds it, starts a peer node (the package's
#      own `wakuchat-cli listen`, private cluster on 127.0.0.1), unlocks an account in the packaged
#      app (typed under Xvfb) configured to use that peer, and waits for its status bar to log
#      "Status: Connected to 1 peer" (wakuchat.log); "Chat engine unavailable" fails the test.
# libwaku: $WAKUCHAT_LIBWAKU, else ../shared/libwaku/linux-x86_64/libwaku.so next to the checkout,
# is copied into native-libs/linux-x86_64/ (git-ignored) before the build, the documented way in
# (native-libs/README.md); a libwaku.so already there counts too. Without any, the package builds
# without the engine, with a warning, and step 5 is skipped.
# Options: --skip-build (use packaging/target as built), --runs N (time N starts with and N
# without the AOT cache, default 1), --install (root only, for CI machines: installs the .deb with
# apt, checks the menu entry, the wakuchat:// handler and the service node's systemd unit (there,
# not enabled; systemd-analyze verify where it exists), runs steps 3-5 on the INSTALLED app in
# /opt/wakuchat, and removes the package again),
# --screenshot FILE (a PNG of the screen once the app is connected, step 5), --measure-rss (only
# step 5, then 60 s idle: prints idle_rss_mb_with_node=<MB> from the app's VmRSS).
# Needs (installed here when run as root): xvfb, xdotool, x11-utils; imagemagick for --screenshot.
set -euo pipefail
cd "$(dirname "$0")/.."

skip_build=false
install=false
runs=1
screenshot=""
measure_rss=false
while [ $# -gt 0 ]; do
  case "$1" in
    --skip-build) skip_build=true ;;
    --runs) runs="$2"; shift ;;
    --install) install=true ;;
    --screenshot) screenshot=$(realpath -m "$2"); shift ;;
    --measure-rss) measure_rss=true ;;
    *) echo "usage: packaging/smoke-test.sh [--skip-build] [--runs N] [--install] [--screenshot FILE] [--measure-rss]" >&2; exit 2 ;;
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
command -v readelf >/dev/null || apt_install binutils
command -v xprop >/dev/null || fail "xprop missing (apt-get install -y x11-utils)"
if [ -n "$screenshot" ]; then
  command -v import >/dev/null || apt_install imagemagick
  command -v import >/dev/null || fail "import missing (apt-get install -y imagemagick)"
fi

# libwaku into native-libs/linux-x86_64/, where packaging takes it from.
staged_lib=native-libs/linux-x86_64/libwaku.so
libwaku_source=""
if [ -n "${WAKUCHAT_LIBWAKU:-}" ]; then
  [ -f "$WAKUCHAT_LIBWAKU" ] || fail "WAKUCHAT_LIBWAKU=$WAKUCHAT_LIBWAKU is not a file"
  libwaku_source=$WAKUCHAT_LIBWAKU
elif [ -f ../shared/libwaku/linux-x86_64/libwaku.so ]; then
  libwaku_source=../shared/libwaku/linux-x86_64/libwaku.so
fi
if [ -n "$libwaku_source" ] && [ "$skip_build" = false ]; then
  mkdir -p "$(dirname "$staged_lib")"
  cmp -s "$libwaku_source" "$staged_lib" || cp "$libwaku_source" "$staged_lib"
  echo "libwaku: $libwaku_source -> $staged_lib"
fi
if [ -n "$libwaku_source" ] || [ -f "$staged_lib" ]; then
  with_libwaku=true
else
  with_libwaku=false
  echo "SMOKE TEST WARNING: no libwaku (set WAKUCHAT_LIBWAKU or put it in $staged_lib): the package is built" \
    "WITHOUT the Waku engine and the engine check is skipped" >&2
fi
[ "$measure_rss" = false ] || [ "$with_libwaku" = true ] || fail "--measure-rss needs libwaku"

if [ "$skip_build" = false ]; then
  ./mvnw -B -ntp -q -DskipTests -Ppackage -Drpm.skip=true -pl packaging -am verify
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
app_pid=""
peer_pid=""
cleanup() {
  [ -n "$app_pid" ] && kill -9 "$app_pid" 2>/dev/null || true
  [ -n "$peer_pid" ] && kill -9 "$peer_pid" 2>/dev/null || true
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null || true
  [ "${installed:-false}" = false ] || apt-get remove -y -q wakuchat >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

dpkg-deb -x "$deb" "$work/root"
launcher="$work/root/opt/wakuchat/bin/wakuchat"
[ -x "$launcher" ] || fail "no launcher at /opt/wakuchat/bin/wakuchat in $deb"
packaged_lib="$work/root/opt/wakuchat/lib/app/libwaku.so"
if [ "$with_libwaku" = true ]; then
  [ -f "$packaged_lib" ] || fail "libwaku was given but the package has no /opt/wakuchat/lib/app/libwaku.so"
  if [ -n "$libwaku_source" ]; then
    # The build strips its copy (StageLibwaku): the same build keeps its GNU build ID.
    build_id() { readelf -n "$1" 2>/dev/null | sed -n 's/^ *Build ID: *//p'; }
    source_id=$(build_id "$libwaku_source")
    [ -n "$source_id" ] || fail "$libwaku_source has no GNU build ID to compare the package's copy with"
    [ "$(build_id "$packaged_lib")" = "$source_id" ] \
      || fail "the package's libwaku.so is not a build of $libwaku_source (build ID $(build_id "$packaged_lib") vs $source_id; stale build? run without --skip-build)"
  fi
elif [ -f "$packaged_lib" ]; then
  echo "SMOKE TEST WARNING: the package has a libwaku.so from an earlier build" >&2
fi
notices="$work/root/opt/wakuchat/lib/app/THIRD-PARTY-NOTICES.txt"
[ -f "$notices" ] || fail "the package has no /opt/wakuchat/lib/app/THIRD-PARTY-NOTICES.txt"
for component in "nwaku's libwaku" "Classpath Exception" "AtlantaFX" "SQLite JDBC"; do
  grep -qF "$component" "$notices" || fail "THIRD-PARTY-NOTICES.txt does not name $component"
done
for licence in Apache-2.0 MIT BSD-3-Clause GPL-2.0-with-Classpath-exception LGPL-3.0 GPL-3.0; do
  [ -s "$work/root/opt/wakuchat/lib/app/licenses/$licence.txt" ] || fail "the package has no licence text lib/app/licenses/$licence.txt"
done
[ -f "$work/root/opt/wakuchat/lib/runtime/legal/java.base/LICENSE" ] || fail "the runtime has no legal/ notices"
[ -f "$work/root/opt/wakuchat/lib/app/wakuchat-serve.service" ] || fail "the package has no wakuchat-serve.service"
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

# Step 5: the packaged engine on a real node. The peer is the package's own CLI; the app's data
# folder gets an account (made by that CLI) and settings pointing at the peer before it starts.
# WAKUCHAT_LIBWAKU is unset for both, so that they must find the package's own copy.
cli_launcher="$work/root/opt/wakuchat/bin/wakuchat-cli"
peer_passphrase="smoke test peer passphrase"
app_passphrase="smoke test app passphrase"

start_peer() { # sets peer_pid and peer_address
  local data="$work/peer"
  WAKUCHAT_PASSPHRASE="$peer_passphrase" env -u WAKUCHAT_LIBWAKU "$cli_launcher" init --data-dir "$data" --name Peer >/dev/null \
    || fail "wakuchat-cli init (peer) failed"
  WAKUCHAT_PASSPHRASE="$peer_passphrase" env -u WAKUCHAT_LIBWAKU "$cli_launcher" listen --data-dir "$data" --json --ignore-stdin \
    --preset private --listen-address 127.0.0.1 --tcp-port 0 >"$work/peer.out" 2>"$work/peer.err" </dev/null &
  peer_pid=$!
  peer_address=""
  local address=""
  for _ in $(seq 900); do
    address=$(sed -n 's/^{"type":"node".*"listenAddress":"\([^"]*\)".*/\1/p' "$work/peer.out" | head -1)
    [ -n "$address" ] && break
    kill -0 "$peer_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$address" ] || { cat "$work/peer.out" "$work/peer.err" >&2; fail "the peer node (wakuchat-cli listen) printed no listen address"; }
  peer_address=$address
}

stop_pid() { # stop_pid PID SECONDS: TERM, then KILL after SECONDS
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq $(( $2 * 10 ))); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

engine_check() {
  start_peer
  echo "  peer node:           $peer_address"
  local data="$work/app-data" home="$work/home-engine" log="$work/app-engine.log"
  mkdir -p "$home"
  WAKUCHAT_PASSPHRASE="$app_passphrase" env -u WAKUCHAT_LIBWAKU "$cli_launcher" init --data-dir "$data" --name "Smoke Test" >/dev/null \
    || fail "wakuchat-cli init (app account) failed"
  printf 'network=PRIVATE_CLUSTER\nclusterId=42\nbootstrapNodes=%s\nlistenOn=127.0.0.1:0\n' "$peer_address" >"$data/ui-settings.properties"
  HOME="$home" WAKUCHAT_DATA_DIR="$data" env -u WAKUCHAT_LIBWAKU "$launcher" >"$log" 2>&1 &
  app_pid=$!
  local window=""
  for _ in $(seq 600); do
    window=$(xdotool search --onlyvisible --name '^Waku Chat$' 2>/dev/null | head -1) && [ -n "$window" ] && break
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ -n "$window" ] || { cat "$log" >&2; fail "(engine) no \"Waku Chat\" window appeared"; }
  # The unlock screen puts the cursor into the passphrase field once the account store is open.
  local app_log="$data/wakuchat.log" unlocked=false
  for attempt in 1 2 3; do
    sleep 2
    xdotool windowfocus --sync "$window" 2>/dev/null || true
    xdotool type --delay 15 "$app_passphrase" && xdotool key Return
    for _ in $(seq 100); do
      grep -q 'Status: Starting' "$app_log" 2>/dev/null && { unlocked=true; break; }
      sleep 0.1
    done
    [ "$unlocked" = true ] && break
    xdotool key ctrl+a BackSpace
  done
  [ "$unlocked" = true ] || { cat "$app_log" "$log" >&2; fail "(engine) the app did not unlock (typed under Xvfb)"; }
  local connected=false
  for _ in $(seq 1200); do
    if grep -q 'Status: Chat engine unavailable' "$app_log"; then
      cat "$app_log" >&2; fail "(engine) the packaged app reports the chat engine unavailable"
    fi
    grep -q 'Status: Connected to 1 peer' "$app_log" && { connected=true; break; }
    kill -0 "$app_pid" 2>/dev/null || break
    sleep 0.1
  done
  [ "$connected" = true ] || { cat "$app_log" "$log" >&2; fail "(engine) the packaged app did not connect to the peer node"; }
  grep -q 'loaded libwaku from packaged app library folder.*/opt/wakuchat/lib/app/libwaku.so' "$app_log" \
    || { grep libwaku "$app_log" >&2; fail "(engine) the app did not load the package's own libwaku"; }
  echo "  engine:              ok (the packaged app loaded its libwaku, unlocked and logged \"$(grep -o 'Status: Connected to 1 peer' "$app_log" | head -1)\")"
  if [ -n "$screenshot" ]; then
    sleep 2 # the status bar's repaint
    import -window root "$screenshot" && echo "  screenshot:          $screenshot"
  fi
  if [ "$measure_rss" = true ]; then
    sleep 60
    grep -q 'Status: Connected to 1 peer' <(grep 'Status:' "$app_log" | tail -1) \
      || { grep 'Status:' "$app_log" >&2; fail "(rss) the app did not stay connected while idle"; }
    local rss_kb; rss_kb=$(awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status")
    echo "idle_rss_mb_with_node=$(awk -v kb="$rss_kb" 'BEGIN {printf "%.1f", kb / 1024}')"
    awk '/^Rss(Anon|File|Shmem):/ {printf "%s%s %.0f MB", sep, $1, $2 / 1024; sep = ", "} END {print ""}' \
      "/proc/$app_pid/status" | sed 's/^/  of it:               /'
    awk '/libwaku\.so/ {found = 1} found && /^Rss:/ {kb += $2; found = 0} END {printf "  libwaku.so mapped:   %.0f MB resident\n", kb / 1024}' \
      "/proc/$app_pid/smaps"
  fi
  if grep -E 'WARNING: (A restricted method|Use --enable-native-access|sun\.misc\.Unsafe)' "$log" >&2; then
    fail "(engine) the start printed the warnings above"
  fi
  stop_pid "$app_pid" 30; app_pid=""
  stop_pid "$peer_pid" 30; peer_pid=""
}

# Installs the .deb for real (maintainer scripts, menu entry, link handler, systemd unit); the
# start-time runs and the engine check then use the installed app.
installed=false
install_package() {
  [ "$(id -u)" = 0 ] || fail "--install needs root"
  command -v update-desktop-database >/dev/null || apt_install desktop-file-utils
  # xdg-desktop-menu only installs menu entries where a desktop menu exists, as on any desktop.
  mkdir -p /etc/xdg/menus/applications-merged /usr/share/desktop-directories /usr/share/applications
  apt-get install -y -q --no-install-recommends "$(readlink -f "$deb")" >/dev/null 2>&1 \
    || fail "apt-get install of $deb failed"
  installed=true
  [ -x /opt/wakuchat/bin/wakuchat ] || fail "installed, but /opt/wakuchat/bin/wakuchat is missing"
  local entry=/usr/share/applications/wakuchat-wakuchat.desktop
  [ -f "$entry" ] || fail "installed, but the menu entry $entry is missing"
  if command -v update-desktop-database >/dev/null; then
    grep -q '^x-scheme-handler/wakuchat=.*wakuchat-wakuchat.desktop' /usr/share/applications/mimeinfo.cache \
      || fail "the desktop database does not list Waku Chat for wakuchat:// links"
  fi
  local unit=/lib/systemd/system/wakuchat-serve.service
  [ -f "$unit" ] || fail "installed, but the service node's unit $unit is missing"
  grep -q '^ExecStart=/opt/wakuchat/bin/wakuchat-cli serve ' "$unit" || fail "$unit does not start the packaged wakuchat-cli"
  [ -x /opt/wakuchat/bin/wakuchat-cli ] || fail "installed, but /opt/wakuchat/bin/wakuchat-cli is missing"
  ! ls /etc/systemd/system/*.wants/wakuchat-serve.service >/dev/null 2>&1 || fail "the package enabled wakuchat-serve.service"
  local unit_check="unit installed, not enabled"
  if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify "$unit" || fail "systemd-analyze verify $unit failed (above)"
    unit_check="$unit_check, systemd-analyze verify ok"
  else
    unit_check="$unit_check, systemd-analyze not here: not verified"
  fi
  launcher=/opt/wakuchat/bin/wakuchat
  cli_launcher=/opt/wakuchat/bin/wakuchat-cli
  echo "  install:             ok (menu entry and wakuchat:// handler registered; $unit_check)"
}

remove_package() {
  local entry=/usr/share/applications/wakuchat-wakuchat.desktop
  apt-get remove -y -q wakuchat >/dev/null 2>&1 || fail "apt-get remove wakuchat failed"
  installed=false
  [ ! -e /opt/wakuchat/bin/wakuchat ] && [ ! -e "$entry" ] || fail "apt-get remove left the app or its menu entry behind"
  [ ! -e /lib/systemd/system/wakuchat-serve.service ] || fail "apt-get remove left wakuchat-serve.service behind"
  echo "  remove:              ok (app, menu entry, link handler and systemd unit gone)"
}

# The launchers must not ask the package manager anything: jpackage's native launcher ran
# `rpm -qf` and `dpkg -S` (twice) at every start, 0.3-0.5 s before the JVM started
# (packaging/src/build/linux-launcher.sh replaces it). Stand-ins first on the PATH record any call.
launcher_check() {
  local fake="$work/fake-package-managers" calls="$work/package-manager-calls" tool
  mkdir -p "$fake"
  for tool in dpkg dpkg-query rpm; do
    printf '#!/bin/sh\necho "%s $*" >> "%s"\nexit 1\n' "$tool" "$calls" > "$fake/$tool"
    chmod +x "$fake/$tool"
  done
  PATH="$fake:$PATH" env -u WAKUCHAT_LIBWAKU "$cli_launcher" --version >"$work/cli-version.out" 2>&1 \
    || { cat "$work/cli-version.out" >&2; fail "wakuchat-cli --version failed"; }
  [ ! -s "$calls" ] || fail "the launcher queried the package manager at start: $(tr '\n' ';' < "$calls")"
  echo "  launcher:            ok (no package manager queries at start; $(head -1 "$work/cli-version.out"))"
}

[ "$install" = false ] || install_package
launcher_check

if [ "$measure_rss" = true ]; then
  engine_check
  [ "$install" = false ] || remove_package
  exit 0
fi

with_aot=(); without_aot=()
for _ in $(seq "$runs"); do
  with_aot+=("$(launch_with_one_retry aot "")")
  without_aot+=("$(launch_with_one_retry noaot "-XX:AOTMode=off")")
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [ "$with_libwaku" = true ]; then
  engine_check
  echo "Smoke test passed: the packaged app showed its \"Waku Chat\" window and exited with status 0, and its engine connected to a peer node."
else
  echo "Smoke test passed: the packaged app showed its \"Waku Chat\" window and exited with status 0."
  echo "  engine:              SKIPPED — the package has no libwaku (see the warning above)"
fi
[ "$install" = false ] || remove_package
mb() { awk -v b="$1" 'BEGIN {printf "%.1f MB", b / 1000000}'; } # decimal MB, as file managers and download pages show
bytes_of() { du -sb "$1" | cut -f1; }
deb_bytes=$(stat -c %s "$deb")
app_root="$work/root/opt/wakuchat"
app_bytes=$(bytes_of "$app_root")
echo "  .deb:                $(mb "$deb_bytes") ($deb_bytes bytes, $(basename "$deb"), data $(ar t "$deb" | sed -n 's/^data\.tar\.*//p'))"
if [ -f "$packaged_lib" ]; then
  lib_bytes=$(stat -c %s "$packaged_lib")
  # libwaku compresses on its own in the .deb's stream (nothing else resembles it): its xz size is its share.
  lib_packed=$(xz -6 -T1 -c "$packaged_lib" | wc -c)
  echo "  libwaku:             $(mb "$lib_bytes") installed, $(mb "$lib_packed") of the .deb (xz -6 of it alone)"
  echo "  with / without it:   .deb $(mb "$deb_bytes") / ≈ $(mb $(( deb_bytes - lib_packed ))), installed $(mb "$app_bytes") / $(mb $(( app_bytes - lib_bytes )))"
fi
rpm_file=$(ls packaging/target/installers/wakuchat-*.rpm 2>/dev/null | head -1 || true)
if [ -n "$rpm_file" ]; then echo "  .rpm:                $(mb "$(stat -c %s "$rpm_file")") ($(basename "$rpm_file"))"; fi
echo "  installed app:       $(mb "$app_bytes") (/opt/wakuchat)"
echo "  runtime image:       $(mb "$(bytes_of "$app_root/lib/runtime")")"
aot_file="$app_root/lib/app/wakuchat.aot"
if [ -f "$aot_file" ]; then echo "  AOT cache:           $(mb "$(stat -c %s "$aot_file")")"; fi
echo "  app jars:            $(mb "$(cat "$app_root"/lib/app/*.jar | wc -c)")"
echo "  start to first window ($([ "$install" = true ] && echo installed app || echo unpacked .deb)), median of $runs: $(median "${with_aot[@]}") ms with the AOT cache, $(median "${without_aot[@]}") ms without (${with_aot[*]} / ${without_aot[*]})"
