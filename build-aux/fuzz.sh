#!/usr/bin/env bash
# Builds the parsers with clang, AddressSanitizer and UBSan into _build-fuzz and
# runs every libFuzzer target for FUZZ_SECONDS (default 30) each.
# Usage: build-aux/fuzz.sh [meson test arguments, e.g. a target name]
set -euo pipefail
cd "$(dirname "$0")/.."
builddir=${FUZZ_BUILDDIR:-_build-fuzz}
if [ ! -f "$builddir/build.ninja" ]; then
  CC=clang meson setup "$builddir" -Dfuzzing=true -Dwerror=true \
    -Db_sanitize=address,undefined -Db_lundef=false -Dbuildtype=debugoptimized
fi
ninja -C "$builddir"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
meson test -C "$builddir" --no-rebuild --suite fuzz --print-errorlogs "$@"
