#!/usr/bin/env bash
# Times `argmap export --format dot` and `--format csv` (parsing and validation
# included) on generated maps of 10,000 and 50,000 nodes: median of 7 runs.
#
#     scripts/bench-export.sh
#
# Needs: cargo, python3, hyperfine (apt-get install hyperfine). Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "| nodes | size | format | median |"
echo "|---:|---:|---|---:|"
for n in 10000 50000; do
    python3 scripts/gen-map.py "$n" > "$work/map.yaml"
    size=$(numfmt --to=iec --suffix=B "$(stat -c %s "$work/map.yaml")")
    for format in dot csv; do
        hyperfine --style none --warmup 1 --runs 7 --export-json "$work/h.json" \
            "$bin export $work/map.yaml --format $format -o $work/out" >/dev/null 2>&1
        median=$(python3 -c "import json;print('%.0f ms' % (json.load(open('$work/h.json'))['results'][0]['median']*1000))")
        echo "| $n | $size | $format | $median |"
    done
done
