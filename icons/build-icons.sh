#!/bin/sh
# Derives every icon file from the single source artwork icons/wakuchat.svg.
# Needs (Debian/Ubuntu): apt-get install -y librsvg2-bin imagemagick icnsutils
#   rsvg-convert (librsvg2-bin) renders the SVG, convert (imagemagick) writes the .ico,
#   png2icns (icnsutils) writes the .icns. This script installs nothing itself.
# The outputs are committed, so builds never need these tools; rerun after editing the SVG.
set -eu
cd "$(dirname "$0")"

for tool in rsvg-convert convert png2icns; do
  command -v "$tool" >/dev/null 2>&1 || {
    echo "build-icons.sh needs $tool: apt-get install -y librsvg2-bin imagemagick icnsutils" >&2
    exit 1
  }
done

source_svg=wakuchat.svg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

render() { # render SVG SIZE OUT
  rsvg-convert --width "$2" --height "$2" --keep-aspect-ratio "$1" --output "$3"
}

# App icons, every size an OS or store asks for.
mkdir -p png
for size in 16 22 24 32 48 64 128 256 512 1024; do
  render "$source_svg" "$size" "png/wakuchat-$size.png"
done
# Linux menu icon under the name jpackage looks for in its resource folder (<launcher>.png).
cp png/wakuchat-256.png wakuchat.png

# Windows: one .ico holding the sizes Explorer, the taskbar and the installer pick from.
convert png/wakuchat-16.png png/wakuchat-24.png png/wakuchat-32.png png/wakuchat-48.png \
        png/wakuchat-64.png png/wakuchat-128.png png/wakuchat-256.png \
        -define png:exclude-chunks=date,time wakuchat.ico

# macOS: .icns from the sizes png2icns knows (16, 32, 48, 128, 256, 512, 1024).
png2icns wakuchat.icns png/wakuchat-16.png png/wakuchat-32.png png/wakuchat-48.png \
         png/wakuchat-128.png png/wakuchat-256.png png/wakuchat-512.png png/wakuchat-1024.png >/dev/null

# Tray icons (the panel sizes of Windows, GNOME/KDE and macOS) and an unread variant: the same
# artwork with a red dot, drawn as vector before rendering so it stays crisp at 16 px.
sed 's#</svg>#  <circle cx="196" cy="60" r="50" fill="\#E03131" stroke="\#FFFFFF" stroke-width="14"/>\n</svg>#' \
    "$source_svg" > "$work/unread.svg"
mkdir -p tray
for size in 16 22 24 32; do
  render "$source_svg" "$size" "tray/wakuchat-tray-$size.png"
  render "$work/unread.svg" "$size" "tray/wakuchat-tray-unread-$size.png"
done

echo "Icons written to $(pwd): png/, tray/, wakuchat.ico, wakuchat.icns"
