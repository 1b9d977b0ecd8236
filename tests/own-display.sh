#!/usr/bin/env bash
# own-display.sh — runs one GUI test on an X server and a D-Bus session of its own.
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Usage: own-display.sh PROGRAM [ARGS…]
#
# The in-process GTK tests and the dogtail stories each get a private Xvfb (the
# server picks a free display itself with -displayfd, so tests started at the same
# moment never race for a number) and a private session bus, which also gives each
# story its own accessibility bus. With nothing shared, meson may run them side by
# side with the rest of the suite: no window takes another test's keyboard focus
# and no story reads another story's accessible tree.
set -u

scratch=$(mktemp -d "${TMPDIR:-/tmp}/pw-display-XXXXXX")
xvfb_pid=
cleanup () {
  [ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null && wait "$xvfb_pid" 2>/dev/null
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

# A private authority file: only this test's clients may connect.
cookie=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
export XAUTHORITY=$scratch/Xauthority
: > "$XAUTHORITY"
# The server reads its authority file once, at start, and takes every cookie in it
# whatever display the entry names.
: > "$scratch/server-auth"
xauth -q -f "$scratch/server-auth" add :0 . "$cookie"

Xvfb -displayfd 3 -screen 0 1400x1000x24 -nolisten tcp -auth "$scratch/server-auth" \
  3> "$scratch/display" 2> "$scratch/xvfb.log" &
xvfb_pid=$!

# Xvfb writes its display number once it accepts connections.
for _ in $(seq 1 200); do
  [ -s "$scratch/display" ] && break
  if ! kill -0 "$xvfb_pid" 2>/dev/null; then
    echo "own-display.sh: Xvfb did not start:" >&2
    cat "$scratch/xvfb.log" >&2
    exit 1
  fi
  sleep 0.05
done
if [ ! -s "$scratch/display" ]; then
  echo "own-display.sh: Xvfb gave no display number within 10 s" >&2
  exit 1
fi
display=:$(head -n1 "$scratch/display")
xauth -q -f "$XAUTHORITY" add "$display" . "$cookie"
export DISPLAY=$display

# The tests' own runtime directory, so two sessions never share a socket path.
export XDG_RUNTIME_DIR=$scratch/runtime
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"

dbus-run-session -- "$@"
