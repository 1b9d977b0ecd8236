#!/usr/bin/env bash
# Starts Parkwise from the build tree, without installing it: the settings
# schema and the icons come from the build and source folders.
# Usage: build-aux/run.sh [BUILDDIR] [-- parkwise options, e.g. --db FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=_build
if [ $# -gt 0 ] && [ "$1" != "--" ] && [ "${1#-}" = "$1" ]; then
  builddir=$1
  shift
fi
[ "${1:-}" = "--" ] && shift

export GSETTINGS_SCHEMA_DIR="$PWD/$builddir/data"
export XDG_DATA_DIRS="$PWD:${XDG_DATA_DIRS:-/usr/local/share:/usr/share}"
exec "$builddir/src/app/parkwise" "$@"
