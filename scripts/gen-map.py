#!/usr/bin/env python3
"""Generate a realistic, valid argument map of N nodes, for benchmarks.

    python3 scripts/gen-map.py 10000 > /tmp/map-10000.yaml

The map looks like an analyst's: a few actors and sources, claims arranged in trees of
`supports`, about 20% rebuttals (some rebutting each other, so rebuttal cycles occur),
about 30% evidence with quotes, texts of 60-200 characters. The same N and --seed give
the same file, byte for byte.
"""
import argparse
import random

WORDS = (
    "the government said that its letter was a clear sign of good faith and that "
    "evidence of involvement in the bombing remains credible while officials in both "
    "capitals doubted whether the reply reflected the views of the whole leadership "
    "or only those of hardliners who wanted to prevent any rapprochement between "
    "the two countries after years of mistrust sanctions and covert hostility"
).split()


def sentence(rng, low, high):
    target = rng.randint(low, high)
    words = []
    while len(" ".join(words)) < target:
        words.append(rng.choice(WORDS))
    text = " ".join(words)
    return text[0].upper() + text[1:] + "."


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("nodes", type=int)
    parser.add_argument("--seed", type=int, default=1999)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    n = args.nodes
    n_claims = max(1, n // 2)
    n_rebuttals = n // 5
    n_evidence = n - n_claims - n_rebuttals

    out = ["argmap: 1", f"title: Generated map of {n} nodes", "description: |",
           "  A synthetic map for benchmarks, made by scripts/gen-map.py.", "actors:"]
    actors = [f"actor-{i}" for i in range(8)]
    for actor in actors:
        out += [f"  - id: {actor}", f"    name: {sentence(rng, 10, 30)}"]
    sources = [f"source-{i}" for i in range(min(200, max(1, n_evidence)))]
    out.append("sources:")
    for i, source in enumerate(sources):
        out += [f"  - id: {source}", f"    title: {sentence(rng, 20, 60)}",
                f"    date: {1990 + i % 30}-{1 + i % 12:02d}",
                f"    url: https://example.org/documents/{i}"]

    claims = [f"claim-{i}" for i in range(n_claims)]
    out.append("claims:")
    for i, claim in enumerate(claims):
        out += [f"  - id: {claim}", f"    text: {sentence(rng, 40, 140)}",
                f"    by: {rng.choice(actors)}"]
        # Each claim but the roots supports an earlier claim, so supports never cycle.
        if i > 0:
            targets = sorted({claims[rng.randrange(max(0, i - 50), i)] for _ in range(rng.choice([1, 1, 1, 2]))})
            out.append(f"    supports: [{', '.join(targets)}]")
        if rng.random() < 0.3:
            out.append("    tags: [khobar, rapprochement]")

    rebuttals = [f"rebuttal-{i}" for i in range(n_rebuttals)]
    if rebuttals:
        out.append("rebuttals:")
    for i, rebuttal in enumerate(rebuttals):
        targets = {rng.choice(claims)}
        # Some rebuttals answer each other, in both directions.
        if i > 0 and rng.random() < 0.2:
            targets.add(rebuttals[rng.randrange(max(0, i - 20), i)])
        if i + 1 < len(rebuttals) and rng.random() < 0.05:
            targets.add(rebuttals[i + 1])
        out += [f"  - id: {rebuttal}", f"    text: {sentence(rng, 40, 140)}",
                f"    by: {rng.choice(actors)}", f"    rebuts: [{', '.join(sorted(targets))}]"]

    if n_evidence:
        out.append("evidence:")
    for i in range(n_evidence):
        relation = "supports" if rng.random() < 0.8 else "rebuts"
        target = rng.choice(claims) if rng.random() < 0.8 or not rebuttals else rng.choice(rebuttals)
        out += [f"  - id: evidence-{i}", f"    text: {sentence(rng, 40, 120)}",
                f"    by: {rng.choice(actors)}", f"    source: {sources[i % len(sources)]}",
                f"    quote: \"{sentence(rng, 20, 60)}\"", f"    locator: para. {1 + i % 40}",
                f"    {relation}: [{target}]"]
    print("\n".join(out))


if __name__ == "__main__":
    main()
