#!/usr/bin/env python3
"""Regenerate docs/diagnostics.md from the transcript fixtures in tests/cmd/.

    cargo build && python3 scripts/gen-diagnostics-doc.py

Each example is the fixture's map and what the real binary prints for it; the test
`tests/docs.rs` runs every example of the page again and compares, so the page cannot
drift from the program.
"""
import os
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BIN = os.environ.get("ARGMAP_BIN", os.path.join(ROOT, "target", "debug", "argmap"))

CASES = [
    ("E001", "not valid YAML, or YAML a map may not use", [
        ("E001-syntax", "Close the bracket, or quote text that starts with `[`, `{`, `&`, `*`, `!`, `|`, `>`, `%`, `@` or a backquote."),
        ("E001-tab", "Indent with spaces: YAML does not allow tabs in indentation. The caret is on the tab (shown here as four spaces); most editors can show tabs and turn them into spaces."),
        ("E001-alias", "Write the value out in full. argmap refuses anchors (`&name`), aliases (`*name`) and merge keys (`<<`): a map never needs them, and they are how YAML bombs work."),
        ("E001-tag", "Remove the tag. Quote a value that must stay text (`\"12\"`)."),
        ("E001-documents", "Put each map in its own file."),
        ("E001-top-level-list", "Start the file with the fields `argmap: 1` and `title:`, not with `- `."),
        ("E001-empty", "Write a map, or delete the file."),
    ], "Also E001: a file that is not UTF-8 (UTF-16, Latin-1, NUL bytes: convert it with `iconv -t UTF-8`), a file over 64 MiB, nesting deeper than 24 levels, and a key that appears twice in one mapping."),
    ("E002", "unknown field", [("E002-unknown-field", "Fix the spelling, as the help suggests. Every unknown field is an error, so a typo never silently drops data.")], ""),
    ("E003", "missing required field", [("E003-missing-field", "Add the field. Required: `argmap` and `title` for a map; `id` and `name` for an actor; `id` and `title` for a source; `id` and `text` for every node; `rebuts` (at least one id) for a rebuttal; `source` for evidence.")], ""),
    ("E004", "wrong type", [
        ("E004-wrong-type", "Give the field the type it takes: `supports` and `rebuts` take an id or a list of ids, `tags` a list of labels, text fields a string."),
        ("E004-numeric-id", "Quote ids that YAML would read as numbers or booleans: `id: \"12\"`."),
    ], ""),
    ("E005", "unsupported format version", [("E005-version", "Write `argmap: 1`. This version of argmap reads format version 1 only.")], ""),
    ("E006", "invalid id", [("E006-invalid-id", "Use ASCII letters, digits, `_`, `-` and `.`, starting with a letter, digit or `_`, at most 100 characters: `bad-id`.")], ""),
    ("E007", "duplicate id", [("E007-duplicate-id", "Rename one of the two. Actors, sources and nodes share one namespace, so a reference is never ambiguous.")], ""),
    ("E008", "dangling reference", [
        ("E008-dangling", "Fix the typo (the help names the closest defined id), or define the missing node. argmap never invents a node for an undefined reference."),
        ("json-dangling", "The same finding as JSON, for programs: `line` and `column` point at `typo` inside the list."),
        ("github-format", "And as a GitHub Actions annotation, which shows on the pull request's diff."),
    ], ""),
    ("E009", "reference to the wrong kind", [("E009-wrong-kind", "`by` names an actor, `source` names a source, `supports` and `rebuts` name claims, rebuttals or evidence.")], ""),
    ("E010", "a node supports or rebuts itself", [("E010-self", "Remove the id of the node itself from its own list.")], ""),
    ("E011", "circular support", [("E011-cycle", "Break the cycle: remove one of the `supports` in the listed chain or, if one position argues against another, make it a `rebuts` (a cycle of rebuttals is allowed).")], ""),
    ("E012", "a node both supports and rebuts the same target", [("E012-supports-and-rebuts", "Keep one of the two relations.")], ""),
    ("E013", "empty or blank text, name or title", [("E013-blank-text", "Write the text out, or remove the item.")], ""),
    ("E014", "invalid date", [("E014-date", "Write `YYYY`, `YYYY-MM` or `YYYY-MM-DD` with a real month and day.")], ""),
    ("E015", "invalid url", [("E015-url", "Use an absolute `http://` or `https://` url. Other schemes (`javascript:`, `file:`, `data:`) are refused because exports turn urls into links.")], ""),
    ("E016", "evidence that neither supports nor rebuts anything", [("E016-evidence-bears-on-nothing", "Add `supports:` or `rebuts:` with the node the evidence bears on.")], ""),
    ("E017", "a control character in text", [("E017-control-character", "Remove the character. Only tabs and newlines are allowed in text; other control characters corrupt terminals, spreadsheets and diagrams. (The YAML escape `\\a` is a bell character.)")], ""),
    ("W101", "orphan node", [("W101-orphan", "Relate the claim to the argument (`supports:` or `rebuts:`), or have another node point at it. Only claims can be orphans: a rebuttal must rebut and evidence must bear on something.")], ""),
    ("W102", "actor or source never referenced", [("W102-unused-actor", "Name the actor in a node's `by:` (or the source in evidence's `source:`), or remove it.")], ""),
    ("W103", "map has no nodes", [("W103-no-nodes", "Add `claims:`, `rebuttals:` or `evidence:`.")], ""),
    ("W104", "the same id listed twice in one relation", [
        ("W104-listed-twice", "Remove the second one."),
        ("W104-deny-warnings", "With `--deny-warnings`, warnings fail the check (exit 1), as they should in CI."),
    ], ""),
]


def main():
    out = [
        "# Diagnostics", "",
        "Every finding of `argmap validate` has a stable code. Errors (`E…`) fail the check",
        "(exit 1); warnings (`W…`) fail it only with `--deny-warnings`. W101–W103 are only",
        "reported for a file without other errors, since an item the parser had to drop would",
        "make others look unused.", "",
        "Each example is a map, the command, and exactly what argmap prints (human output goes",
        "to stderr; `--format json` and `--format github` to stdout). `tests/docs.rs` runs every",
        "example on this page again and compares, so the page cannot drift from the program.",
        "Regenerate it with `cargo build && python3 scripts/gen-diagnostics-doc.py`.", "",
        "| code | severity | finding |", "|---|---|---|",
    ]
    for code, title, _, _ in CASES:
        severity = "warning" if code.startswith("W") else "error"
        out.append(f"| [{code}](#{code.lower()}) | {severity} | {title} |")
    out.append("")
    for code, title, examples, extra in CASES:
        out += [f"## {code}", "", f"**{title[0].upper() + title[1:]}.**", ""]
        for name, fix in examples:
            folder = os.path.join(ROOT, "tests", "cmd", f"{name}.in")
            toml = open(os.path.join(ROOT, "tests", "cmd", f"{name}.toml")).read()
            args = [a.strip().strip('"') for a in toml.split("args = [")[1].split("]")[0].split(",")]
            yaml = open(os.path.join(folder, "map.yaml")).read()
            run = subprocess.run([BIN] + args, cwd=folder, capture_output=True, text=True,
                                 env=dict(os.environ, NO_COLOR="1"))
            printed = (run.stdout + run.stderr).rstrip("\n")
            out += ["```yaml", yaml.rstrip("\n"), "```", "", "```console",
                    "$ argmap " + " ".join(args), printed, "```", "", fix, ""]
        if extra:
            out += [extra, ""]
    with open(os.path.join(ROOT, "docs", "diagnostics.md"), "w") as f:
        f.write("\n".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
