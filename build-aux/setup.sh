#!/usr/bin/env bash
# Installs what is missing on Debian 12 and builds Parkwise into _build/.
# Usage: build-aux/setup.sh [BUILDDIR]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${1:-_build}

packages=(
  meson ninja-build pkg-config gcc libc6-dev gettext libglib2.0-bin libxml2-utils
  libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev librsvg2-dev libxml2-dev
  librsvg2-bin clang libclang-rt-14-dev
  libsoup-3.0-dev libargon2-dev libgnutls28-dev libsecret-1-dev openssl gnome-keyring
  glib-networking ca-certificates desktop-file-utils appstream flatpak-builder
  xvfb xauth dbus dbus-daemon at-spi2-core python3 python3-dogtail python3-gi
  gir1.2-atspi-2.0 sqlite3 fiu-utils libmicrohttpd-dev wrk
  fonts-wqy-microhei poppler-utils
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing: ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -q
  "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ ! -f "$builddir/build.ninja" ]; then
  meson setup "$builddir" -Dwerror=true
fi
ninja -C "$builddir"
