#!/usr/bin/env python3
"""How many hits on other records each matcher version raises when the OFAC SDN list's own names are screened against
it (eval/data/sdn-organizations, sdn-people and sdn-vessels .queries.csv, made by make-devsets.py). A name's own record
is always found; a hit on another record is a namesake: a related company or a relative (rightly), or a name that
shares little more than common words with it (a legal form; a given name and a patronymic). Prints the counts per set
and version and a sample of the hits a newer version no longer raises.
Usage, from the repository root: python3 eval/namesakes.py [VERSION ...] (default 1.3.0 1.4.0 1.5.0)
"""
import csv
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path

versions = sys.argv[1:] or ["1.3.0", "1.4.0", "1.5.0"]
subprocess.run(["dotnet", "build", "src/Interdict.Cli", "-c", "Release", "-v", "quiet", "-nologo"], check=True, stdout=subprocess.DEVNULL)
for set_name in ("sdn-organizations", "sdn-people", "sdn-vessels"):
    queries = Path(f"eval/data/{set_name}.queries.csv")
    names = {r["id"]: r["name"] for r in csv.DictReader(queries.open(encoding="utf-8"))}
    hits = {}
    with tempfile.TemporaryDirectory() as tmp:
        for v in versions:
            out = Path(tmp) / f"{v}.jsonl"
            subprocess.run(["dotnet", "artifacts/bin/Interdict.Cli/release/interdict.dll", "screen", "--input", str(queries), "--output", str(out),
                            "--lists", "ofac-sdn", "--limit", "100", "--algorithm", v], check=True, stderr=subprocess.DEVNULL)
            hits[v] = {}
            for line in out.open(encoding="utf-8"):
                row = json.loads(line)
                hits[v][row["id"]] = {h["entity_id"]: (h["score"], h["matched_name"]) for h in row["hits"]}

    print(f"{set_name}:")
    for v in versions:
        own = sum(1 for q, h in hits[v].items() if f"ofac-sdn:{q}" in h)
        other = sum(1 for q, h in hits[v].items() for e in h if e != f"ofac-sdn:{q}")
        print(f"  {v}: {len(hits[v]):,} names, own record found for {own:,}, {other:,} hits on other records")
    for older, newer in zip(versions, versions[1:]):
        gone = [(q, e, s) for q, h in hits[older].items() for e, s in h.items() if e not in hits[newer].get(q, {})]
        new = [(q, e, s) for q, h in hits[newer].items() for e, s in h.items() if e not in hits[older].get(q, {})]
        print(f"  {older} -> {newer}: {len(gone):,} hits no longer raised, {len(new):,} new; samples:")
        for label, rows in (("no longer", gone), ("new", new)):
            for q, e, (score, matched) in random.Random(2).sample(rows, min(8, len(rows))):
                print(f"    {label:9} {names[q][:50]:50} -> {matched[:50]:50} {score}")
