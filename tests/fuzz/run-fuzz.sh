#!/usr/bin/env bash
# run-fuzz.sh TARGET SEEDS — runs a libFuzzer target for FUZZ_SECONDS (default 20)
# on a scratch copy of its seeds, so new inputs never land in the source tree.
# A crash, leak, timeout or out-of-memory fails the test and leaves the input in
# FUZZ_ARTIFACTS (default: the scratch directory, kept on failure). The run starts
# from FUZZ_SEED (default 1), so the same build explores the same inputs each time;
# set FUZZ_SEED=0 for a random start. libFuzzer's own exit code for a crash is 77,
# which test harnesses read as "skipped": any failure exits 1 here.
set -uo pipefail
target=$1 seeds=$2
seconds=${FUZZ_SECONDS:-20}
work=$(mktemp -d)
mkdir -p "$work/corpus"
cp -r "$seeds"/. "$work/corpus/" 2>/dev/null || true
artifacts=${FUZZ_ARTIFACTS:-$work}/
"$target" -seed="${FUZZ_SEED:-1}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$artifacts" "$work/corpus" 2>&1 | tail -n 25
status=${PIPESTATUS[0]}
if [ "$status" -eq 0 ]; then
  rm -rf "$work"
else
  echo "fuzz target failed (exit $status); inputs kept in $artifacts"
  exit 1
fi
