#!/usr/bin/env python3
"""Input files for timing the CLI's batch mode (docs/benchmarks.md, "The CLI's batch mode").

Writes, into the folder given (default: the system's temporary folder):
  customers.csv  50,000 rows: the evaluation's realistic unlisted names (eval/data/negatives*.queries.csv), half with a
                 date of birth, and one row in a hundred a UN spelling of a listed person or organisation
                 (eval/data/cross-list-latin.queries.csv): a bank's customer base, where near-hits are rare;
  mixed.csv      20,000 rows: half UN spellings of listed parties, half unlisted names: a hit-heavy file.
Usage: python3 bench/make-batch-files.py [FOLDER]
"""
import csv
import pathlib
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
DATA = ROOT / "eval" / "data"


def read(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "type", "dob"])
        w.writerows(rows)
    print(f"{path}: {len(rows):,} rows")


def main():
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.gettempdir())
    out.mkdir(parents=True, exist_ok=True)
    plain, dated, listed = read("negatives.queries.csv"), read("negatives-dob.queries.csv"), read("cross-list-latin.queries.csv")

    customers = []
    for i in range(50_000):
        if i % 100 == 50:
            r = listed[(i // 100) % len(listed)]
            customers.append([f"c-{i}", r["name"], r.get("type", ""), ""])
        else:
            r = (plain if i % 2 == 0 else dated)[(i // 2) % len(plain)]
            customers.append([f"c-{i}", r["name"], r["type"], r.get("dob", "")])
    write(out / "customers.csv", customers)

    both = [r["name"] for r in listed] + [r["name"] for r in plain]
    write(out / "mixed.csv", [[f"c-{i}", both[i % len(both)], "", ""] for i in range(20_000)])


if __name__ == "__main__":
    main()
