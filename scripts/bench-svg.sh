#!/usr/bin/env bash
# Times `argmap export --format svg` (parsing, validation, layout and writing
# included) on generated maps of 1,000, 10,000 and 50,000 nodes, side by side with
# Graphviz (`dot -Tsvg`) on argmap's DOT export of the same map, and counts the edge
# crossings of both drawings at 1,000 nodes with the same geometric counter
# (scripts/svg-crossings.py).
#
#     scripts/bench-svg.sh            # dot at 1,000 and 10,000 nodes (about 2 minutes)
#     DOT_MAX=1000 scripts/bench-svg.sh   # dot at 1,000 nodes only
#
# Graphviz is capped with `timeout` (DOT_TIMEOUT seconds, default 600) and never run
# above DOT_MAX nodes (default 10000): it does not finish 50,000 nodes in 10 minutes.
# Needs: cargo, python3, hyperfine, graphviz (apt-get install hyperfine graphviz).
# Not a test.
set -euo pipefail
cd "$(dirname "$0")/.."
DOT_MAX=${DOT_MAX:-10000}
DOT_TIMEOUT=${DOT_TIMEOUT:-600}
cargo build --release --quiet
bin=target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

median() {
    python3 -c "import json;print('%.2f s' % json.load(open('$1'))['results'][0]['median'])"
}

echo "| nodes | map size | SVG size | argmap export --format svg | dot -Tsvg |"
echo "|---:|---:|---:|---:|---:|"
for n in 1000 10000 50000; do
    python3 scripts/gen-map.py "$n" > "$work/map-$n.yaml"
    size=$(numfmt --to=iec --suffix=B "$(stat -c %s "$work/map-$n.yaml")")
    runs=$(( n >= 50000 ? 3 : (n >= 10000 ? 5 : 10) ))
    hyperfine -N --style none --warmup 1 --runs "$runs" --export-json "$work/h.json" \
        "$bin export $work/map-$n.yaml --format svg -o $work/argmap-$n.svg" >/dev/null 2>&1
    ours=$(median "$work/h.json")
    svg_size=$(numfmt --to=iec --suffix=B "$(stat -c %s "$work/argmap-$n.svg")")
    "$bin" export "$work/map-$n.yaml" --format dot -o "$work/map-$n.dot"
    if (( n > DOT_MAX )); then
        theirs="not run (over ${DOT_MAX} nodes)"
    elif (( n <= 1000 )); then
        hyperfine -N --style none --runs 3 --export-json "$work/d.json" \
            "dot -Tsvg $work/map-$n.dot -o $work/dot-$n.svg" >/dev/null 2>&1
        theirs=$(median "$work/d.json")
    else
        start=$(date +%s.%N)
        if timeout "$DOT_TIMEOUT" dot -Tsvg "$work/map-$n.dot" -o "$work/dot-$n.svg"; then
            theirs=$(python3 -c "print('%.1f s (1 run)' % ($(date +%s.%N) - $start))")
        else
            theirs="over ${DOT_TIMEOUT} s (stopped)"
        fi
    fi
    echo "| $n | $size | $svg_size | $ours | $theirs |"
done

echo
echo "Edge crossings at 1,000 nodes (scripts/svg-crossings.py, same counter for both):"
echo
python3 scripts/svg-crossings.py "$work/argmap-1000.svg" "$work/dot-1000.svg" |
    sed -e "s|$work/argmap-1000.svg|argmap|" -e "s|$work/dot-1000.svg|dot|" |
    awk -F'\t' '{print "- " $1 ": " $3 " (" $2 ")"}'
