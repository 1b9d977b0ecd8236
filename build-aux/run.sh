#!/usr/bin/env bash
# Starts Parkwise from the build tree, without installing it: the settings
# schema, the icons and the translations come from the build and source folders.
# Usage: build-aux/run.sh [BUILDDIR] [-- parkwise options, e.g. --db FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=_build
if [ $# -gt 0 ] && [ "$1" != "--" ] && [ "${1#-}" = "$1" ]; then
  builddir=$1
  shift
fi
[ "${1:-}" = "--" ] && shift
case $builddir in
  /*) ;;
  *) builddir=$PWD/$builddir ;;
esac

export GSETTINGS_SCHEMA_DIR="$builddir/data"
export XDG_DATA_DIRS="$PWD:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
# the compiled catalogues, po/LANG/LC_MESSAGES/parkwise.mo, as meson builds them
export PARKWISE_LOCALEDIR="$builddir/po"
exec "$builddir/src/app/parkwise" "$@"
