#!/usr/bin/env bash
# Times every case of the bad-input suite (tests/bad_input.rs) with the release build:
# how long `argmap validate` takes on each bad file, and each export of the valid ones.
#
#     scripts/bench-bad-input.sh            # figures for BENCHMARKS.md
#
# The suite prints one line per case; this sorts them by the validate time. Each case
# already runs under `ulimit -v 4 GiB -t 20`, so a case that needed more memory or CPU
# would have failed. Not a test: timings depend on the machine and never gate CI.
set -euo pipefail
cd "$(dirname "$0")/.."
out=$(mktemp)
trap 'rm -f "$out"' EXIT
cargo test --release --quiet --test bad_input -- --nocapture --test-threads=1 >"$out" 2>&1 || {
    cat "$out"
    exit 1
}
# The harness prints "test NAME ... " before a test's own output: keep from "case ".
lines=$(grep -o 'case [a-z0-9_]*: .*' "$out")
echo "$(echo "$lines" | wc -l) cases; slowest by validate time (release build):"
echo "$lines" | sed -E 's/.*\(validate ([0-9.]+) s.*/\1 &/' | sort -rn | head -12 | cut -d' ' -f2-
echo "cases whose validate took 1 s or more: $(echo "$lines" | sed -E 's/.*\(validate ([0-9.]+) s.*/\1/' | awk '$1 >= 1' | wc -l)"
echo "slowest cases in total (validate and every export, with the test's own checks):"
echo "$lines" | sed -E 's/^case [a-z0-9_]*: ([0-9.]+) s.*/\1 &/' | sort -rn | head -5 | cut -d' ' -f2-
