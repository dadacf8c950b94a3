#!/usr/bin/env bash
# Runs one cargo-fuzz target for a while and keeps its log, for BENCHMARKS.md.
#
#   scripts/fuzz.sh TARGET [SECONDS]      e.g. scripts/fuzz.sh validate 1800
#
# Targets: validate, export_dot, export_csv, export_json, export_svg (fuzz/Cargo.toml).
# Needs nightly Rust and cargo-fuzz (`cargo install cargo-fuzz --locked`). The corpus
# starts from maps/ and the test fixtures and grows in fuzz/corpus/TARGET; crashes go
# to fuzz/artifacts/TARGET. argmap has no unsafe code (`unsafe_code = "forbid"`), so
# the targets are built without AddressSanitizer (`-s none`), about 3× faster.
set -euo pipefail
cd "$(dirname "$0")/../fuzz"
target=${1:?usage: scripts/fuzz.sh TARGET [SECONDS]}
seconds=${2:-1800}

corpus=corpus/$target
if [ ! -d "$corpus" ]; then
    mkdir -p "$corpus"
    cp ../maps/*.yaml ../tests/fixtures/*.yaml "$corpus"/
    if [ "$target" = validate ]; then
        find ../tests/cmd -type f \( -name '*.yaml' -o -name '*.yml' \) | sort | while read -r file; do
            cp "$file" "$corpus/cmd-$(basename "$(dirname "$file")")-$(basename "$file")"
        done
    fi
fi
mkdir -p logs
log=logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
echo "fuzzing $target for $seconds s; log in fuzz/$log"
cargo +nightly fuzz run -O -s none "$target" "$corpus" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    >"$log" 2>&1 || { tail -40 "$log"; exit 1; }
grep -E '^(Done|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$log"
echo "corpus: $(find "$corpus" -type f | wc -l) inputs, $(du -sh "$corpus" | cut -f1)"
