#!/usr/bin/env bash
# Sets up, builds with warnings as errors, and runs every test under Xvfb and a
# private D-Bus session. A skipped test counts as a failure. The last line is
# "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
builddir=${BUILDDIR:-_build}

bash build-aux/setup.sh "$builddir" || { echo "0 passed, 1 failed"; exit 1; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export XDG_CACHE_HOME=$scratch/cache XDG_CONFIG_HOME=$scratch/config \
       XDG_DATA_HOME=$scratch/data XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p "$XDG_CACHE_HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
export GSK_RENDERER=cairo NO_AT_BRIDGE=0

rm -f "$builddir/meson-logs/testlog.json"
xvfb-run -a -s "-screen 0 1400x1000x24" dbus-run-session -- \
  meson test -C "$builddir" --no-rebuild --print-errorlogs "$@"

# The parsers' libFuzzer targets, FUZZ_SECONDS (default 30) each, in a clang build.
fuzzdir=${FUZZ_BUILDDIR:-_build-fuzz}
rm -f "$fuzzdir/meson-logs/testlog.json"
if [ $# -eq 0 ]; then
  FUZZ_BUILDDIR=$fuzzdir bash build-aux/fuzz.sh || true
  [ -f "$fuzzdir/meson-logs/testlog.json" ] || echo '{"name": "fuzz build", "result": "FAIL"}' \
    > "$fuzzdir/meson-logs/testlog.json" 2>/dev/null \
    || { mkdir -p "$fuzzdir/meson-logs"; echo '{"name": "fuzz build", "result": "FAIL"}' > "$fuzzdir/meson-logs/testlog.json"; }
fi

python3 - "$builddir/meson-logs/testlog.json" "$fuzzdir/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = 0
lines = []
for i, path in enumerate(sys.argv[1:]):
    try:
        lines += open(path).read().splitlines()
    except OSError:
        if i == 0:
            failed += 1
            print("not ok: the test suite did not run")
for line in lines:
    if not line.strip():
        continue
    r = json.loads(line)
    if r.get("result") in ("OK", "EXPECTEDFAIL"):
        passed += 1
    else:
        failed += 1
        print(f"not ok: {r.get('name')} ({r.get('result')})")
if passed + failed == 0:
    failed = 1
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
