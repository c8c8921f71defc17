#!/usr/bin/env python3
"""Measures two matcher versions on every labelled set in one run and prints a markdown table (docs/evaluation.md).

Usage: eval/compare-versions.py [OLD NEW] [--check-index] [--lists-of-2025]   (default: 2.0.0 2.1.0; builds the CLI)
The sets were drawn from the OFAC and UN lists bundled and OFSI's UK list of 2018-04-13 (eval/data/lists), which is
imported into a temporary store and screened in place of the bundled UK list of 2025; --lists-of-2025 screens the
bundled lists as shipped instead (UK 2025-04-14 and the FCDO's export). Positives (UN or UK spellings) are screened
against the lists they do not come from, as eval/run.sh does; the class set (eval/data/classes.csv) is reported by
ClassSetTests, not here.
"""
import gzip
import tempfile
import json
import pathlib
import subprocess
import sys

SETS = [
    ("cross-list-latin", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("original-script", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("original-script-organizations", "ofac-sdn,ofac-cons,uk-ofsi", "recall"),
    ("heldout-uk-latin", "ofac-sdn,ofac-cons", "recall"),
    ("negatives", "ALL", "fp"),
    ("negatives-dob", "ALL", "fp"),
    ("negatives-scripts", "ALL", "fp"),
    ("negatives-scripts-dob", "ALL", "fp"),
    ("negatives-organizations", "ALL", "fp"),
    ("negatives-vessels", "ALL", "fp"),
    ("heldout-negatives", "ALL", "fp"),
    ("heldout-negatives-dob", "ALL", "fp"),
    ("heldout2-negatives", "ALL", "fp"),
    ("heldout2-negatives-dob", "ALL", "fp"),
]


def run(cli, data, name, lists, version, check_index):
    args = [*cli, "eval", "--queries", str(data / f"{name}.queries.csv"), "--truth", str(data / f"{name}.truth.csv"),
            "--algorithm", version, "--format", "json"]
    if lists == "ALL":
        lists = None if LISTS_OF_2025 else "ofac-sdn,ofac-cons,un,uk-ofsi"
    if lists:
        args += ["--lists", lists]
    if check_index:
        args.append("--check-index")
    out = subprocess.run(args, check=True, capture_output=True, text=True).stdout
    return json.loads(out)


LISTS_OF_2025 = "--lists-of-2025" in sys.argv


def main():
    argv = [a for a in sys.argv[1:] if not a.startswith("--")]
    old, new = (argv + ["2.0.0", "2.1.0"][len(argv):])[:2]
    check_index = "--check-index" in sys.argv
    root = pathlib.Path(__file__).resolve().parent.parent
    subprocess.run(["dotnet", "build", str(root / "src/Interdict.Cli"), "-c", "Release", "-v", "quiet", "-nologo"], check=True, capture_output=True)
    cli = ["dotnet", str(root / "artifacts/bin/Interdict.Cli/release/interdict.dll")]
    data = root / "eval/data"
    store = pathlib.Path(tempfile.mkdtemp(prefix="interdict-eval-")) / "lists.db"
    cli += ["--store", str(store)]
    if not LISTS_OF_2025:
        uk = store.parent / "sanctionsconlist.csv"
        uk.write_bytes(gzip.decompress((data / "lists/uk-ofsi-2018-04-13.csv.gz").read_bytes()))
        subprocess.run([*cli, "lists", "import", str(uk), "--source", "uk-ofsi", "--switch", "--force"], check=True, capture_output=True)
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
