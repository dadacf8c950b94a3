#!/usr/bin/env bash
# Times `argmap validate` on generated maps of 1,000, 10,000 and 50,000 nodes, and on
# hostile files, with the median of several runs and the peak memory of one run.
#
#     scripts/bench-validate.sh            # figures for BENCHMARKS.md
#
# Needs: cargo, python3, hyperfine (apt-get install hyperfine), GNU time (/usr/bin/time).
# Not a test: timings depend on the machine and never gate CI.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/argmap
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for n in 1000 10000 50000; do
    python3 scripts/gen-map.py "$n" > "$work/map-$n.yaml"
done
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
def chain(n, cycle):
    lines = ["argmap: 1", "title: chain", "claims:"]
    for i in range(n):
        lines += [f"  - id: c{i}", f"    text: Claim number {i}."]
        if i + 1 < n: lines.append(f"    supports: c{i+1}")
        elif cycle: lines.append("    supports: c0")
    return "\n".join(lines) + "\n"
open(f"{work}/chain-50000.yaml", "w").write(chain(50000, False))
open(f"{work}/cycle-50000.yaml", "w").write(chain(50000, True))
d = 100000
open(f"{work}/brackets-100000.yaml", "w").write("argmap: 1\ntitle: deep\nclaims: " + "[" * d + "]" * d + "\n")
bomb = ["argmap: 1", "title: lol", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
for level in range(1, 12):
    p = level - 1
    bomb.append(f"a{level}: &a{level} [" + ", ".join([f"*a{p}"] * 9) + "]")
open(f"{work}/alias-bomb.yaml", "w").write("\n".join(bomb) + "\n")
text = "argmap: 1\ntitle: UTF-16\nclaims:\n  - id: a\n    text: A.\n"
open(f"{work}/utf16.yaml", "wb").write(b"\xff\xfe" + text.encode("utf-16-le"))
# One long section: 50,000 claims and nothing else, so the cuts fall between items.
import random
rng = random.Random(1)
words = "the letter said that its government had no hostile intentions and wanted justice for the bombing".split()
lines = ["argmap: 1", "title: claims only", "actors:", "  - id: analyst", "    name: Analyst", "claims:"]
for i in range(50000):
    text = " ".join(rng.choice(words) for _ in range(rng.randint(10, 30)))
    lines += [f"  - id: claim-{i}", f"    text: {text.capitalize()}.", "    by: analyst", "    tags: [one, two]"]
    if i:
        lines.append(f"    supports: [claim-{rng.randrange(i)}]")
open(f"{work}/claims-50000.yaml", "w").write("\n".join(lines) + "\n")
# A syntax error (a tab) near the end of the big map: the last piece reports it.
big = open(f"{work}/map-50000.yaml").read()
at = big.rfind("\n    text:")
open(f"{work}/tab-50000.yaml", "w").write(big[:at] + "\n\ttext:" + big[at + len("\n    text:"):])
PY

# CPU time the hypervisor gave to other machines ("steal"), in ticks, to report with
# the figures: on a shared host it slows every run, the two-thread ones most.
steal() { awk '/^cpu /{print $9}' /proc/stat; }
total() { awk '/^cpu /{s=0; for (i = 2; i <= 9; i++) s += $i; print s}' /proc/stat; }
steal_before=$(steal) total_before=$(total)

echo "| input | size | median | peak memory |"
echo "|---|---:|---:|---:|"
# `one-core:` runs on CPU 0 only (taskset), so the parser cuts the file into one piece.
for file in map-1000 map-10000 map-50000 one-core:map-10000 one-core:map-50000 claims-50000 \
    tab-50000 chain-50000 cycle-50000 brackets-100000 alias-bomb utf16; do
    run=""
    if [[ $file == one-core:* ]]; then run="taskset -c 0"; fi
    path="$work/${file#one-core:}.yaml"
    size=$(stat -c %s "$path")
    median=$(hyperfine -N --style none --warmup 2 --runs 15 -i --export-json "$work/h.json" \
        "$run $bin validate $path" >/dev/null 2>&1; python3 -c "import json;print('%.0f ms' % (json.load(open('$work/h.json'))['results'][0]['median']*1000))")
    /usr/bin/time -o "$work/time" -f "%M" $run "$bin" validate "$path" >/dev/null 2>&1 || true
    peak=$(tail -1 "$work/time")
    printf '| %s | %s | %s | %s |\n' "$file" \
        "$(numfmt --to=iec --suffix=B "$size")" "$median" "$(numfmt --to=iec --suffix=B $((peak * 1024)))"
done
echo
echo "steal: $(( ($(steal) - steal_before) * 100 / ($(total) - total_before) ))% of CPU time during the runs"
