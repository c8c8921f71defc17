#!/usr/bin/env python3
"""Measures two matcher versions on every labelled set in one run and prints a markdown table (docs/evaluation.md).

Usage: eval/compare-versions.py [OLD NEW] [--check-index]   (default: 1.5.0 2.0.0; builds the CLI first)
Positives (UN or UK spellings) are screened against the lists they do not come from, as eval/run.sh does; the class
set (eval/data/classes.csv) is reported by ClassSetTests, not here.
"""
import json
import pathlib
import subprocess
import sys

SETS = [
    ("cross-list-latin", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("original-script", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("original-script-organizations", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("heldout-uk-latin", "ofac-sdn,ofac-cons", "recall"),
    ("negatives", None, "fp"),
    ("negatives-dob", None, "fp"),
    ("negatives-scripts", None, "fp"),
    ("negatives-scripts-dob", None, "fp"),
    ("negatives-organizations", None, "fp"),
    ("negatives-vessels", None, "fp"),
    ("heldout-negatives", None, "fp"),
    ("heldout-negatives-dob", None, "fp"),
    ("heldout2-negatives", None, "fp"),
    ("heldout2-negatives-dob", None, "fp"),
]


def run(cli, data, name, lists, version, check_index):
    args = [*cli, "eval", "--queries", str(data / f"{name}.queries.csv"), "--truth", str(data / f"{name}.truth.csv"),
            "--algorithm", version, "--format", "json"]
    if lists:
        args += ["--lists", lists]
    if check_index:
        args.append("--check-index")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def main():
    argv = [a for a in sys.argv[1:] if not a.startswith("--")]
    old, new = (argv + ["1.5.0", "2.0.0"][len(argv):])[:2]
    check_index = "--check-index" in sys.argv
    root = pathlib.Path(__file__).resolve().parent.parent
    subprocess.run(["dotnet", "build", str(root / "src/Interdict.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], check=True, capture_output=True)
    cli = ["dotnet", str(root / "artifacts/bin/Interdict.Cli/release/interdict.dll")]
    data = root / "eval/data"
    print(f"| set | measure | {old} | {new} |" + (" index recall (" + new + ") |" if check_index else ""))
    print("|---|---|---|---|" + ("---|" if check_index else ""))
    for name, lists, kind in SETS:
        cells = []
        index = ""
        for version in (old, new):
            d = run(cli, data, name, lists, version, check_index and version == new)
            at = d["screeners"][0]["at_default"]
            cells.append(f"{100 * at['recall']:.1f}%" if kind == "recall" else f"{100 * at['false_positive_rate']:.1f}%")
            if check_index and version == new and d.get("index_check"):
                index = f" {100 * d['index_check']['recall']:.2f}% |"
        measure = "recall" if kind == "recall" else "false alerts"
        print(f"| {name} | {measure} | {cells[0]} | {cells[1]} |" + (index if check_index else ""), flush=True)


if __name__ == "__main__":
    main()
