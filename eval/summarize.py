#!/usr/bin/env python3
"""Prints the markdown tables of docs/evaluation.md from eval/results/*.json (written by eval/run.sh)."""
import json
import pathlib

RESULTS = pathlib.Path("eval/results")
SETS = [
    ("cross-list-latin", "UN spellings (Latin) → OFAC/UK records", "recall"),
    ("original-script", "UN and OFAC original-script names of people → OFAC/UK records", "recall"),
    ("original-script-organizations", "original-script names of organisations (often translations)", "recall"),
    ("negatives", "1,000 unlisted names, no date of birth", "fp"),
    ("negatives-dob", "the same names with a date of birth", "fp"),
    ("heldout-uk-latin", "held out: UK spellings (Latin) → OFAC records", "recall"),
    ("heldout-negatives", "held out: 1,000 other unlisted names, no date of birth", "fp"),
    ("heldout-negatives-dob", "held out: the same names with a date of birth", "fp"),
    ("heldout2-negatives", "second held-out draw, made after 1.4.0: 1,000 other unlisted names", "fp"),
    ("heldout2-negatives-dob", "the same names with a date of birth", "fp"),
    ("negatives-scripts", "1,000 unlisted names in Arabic, Persian, Cyrillic, Hebrew and Hangul script", "fp"),
    ("negatives-scripts-dob", "the same names with a date of birth", "fp"),
    ("negatives-organizations", "1,000 unlisted company names", "fp"),
    ("negatives-vessels", "500 unlisted vessel names", "fp"),
]
SCRIPTS = ["arabic", "persian", "cyrillic", "hebrew", "korean"]


def pct(x):
    return f"{100 * x:.1f}%"


print("| set | queries | screener | recall | top-1 | false-positive rate | precision | hits |")
print("|---|---|---|---|---|---|---|---|")
for name, title, _ in SETS:
    d = json.loads((RESULTS / f"{name}.json").read_text())
    for s in d["screeners"]:
        a = s["at_default"]
        who = "Interdict " + s["screener"].split()[-1] if s["screener"].startswith("interdict") else "OFAC SLS baseline"
        print(f"| {name} ({title}) | {s['positives'] + s['negatives']:,} | {who} | {pct(a['recall']) if s['positives'] else '—'} | "
              f"{pct(a['top1']) if s['positives'] else '—'} | {pct(a['false_positive_rate']) if s['negatives'] else '—'} | "
              f"{pct(a['precision']) if a['hits'] else '—'} | {a['hits']:,} |")

print()
print("| set | recommended threshold for recall ≥ 97% (Interdict) | same for the baseline | index recall at the default threshold |")
print("|---|---|---|---|")
for name, _, kind in SETS:
    d = json.loads((RESULTS / f"{name}.json").read_text())
    recs = []
    for s in d["screeners"]:
        r = s["recommended"]
        recs.append(f"{r['threshold']:.2f} (recall {pct(r['recall'])}, FP {pct(r['false_positive_rate'])})" if r and s["positives"] else "—")
    ic = d.get("index_check")
    index = f"{ic['found']:,} of {ic['exhaustive']:,} ({pct(ic['recall'])})" if ic else "—"
    print(f"| {name} | {recs[0]} | {recs[1] if len(recs) > 1 else '—'} | {index} |")

print()
print("Baseline at equal false-positive rate (negatives): the highest recall the baseline reaches on each positive set")
print("at a threshold where its false-positive rate on the negatives is no higher than Interdict's at 0.83:")
neg = json.loads((RESULTS / "negatives.json").read_text())
interdict_fp = neg["screeners"][0]["at_default"]["false_positive_rate"]
base_rows = {round(r["threshold"], 2): r for r in neg["screeners"][1]["rows"]} if len(neg["screeners"]) > 1 else {}
ok = sorted(t for t, r in base_rows.items() if r["false_positive_rate"] <= interdict_fp)
if ok:
    t = ok[0]
    print(f"the baseline needs a threshold of {t:.2f} (FP {pct(base_rows[t]['false_positive_rate'])}); there:")
    for name, _, kind in SETS[:3]:
        d = json.loads((RESULTS / f"{name}.json").read_text())
        if len(d["screeners"]) > 1:
            rows = {round(r["threshold"], 2): r for r in d["screeners"][1]["rows"]}
            print(f"- {name}: baseline recall {pct(rows[t]['recall'])} (Interdict at 0.83: {pct(d['screeners'][0]['at_default']['recall'])})")

print()
print("False-positive rate by script (Interdict at the default threshold; 200 names each):")
print()
print("| set | " + " | ".join(SCRIPTS) + " |")
print("|---|" + "---|" * len(SCRIPTS))
for name in ("negatives-scripts", "negatives-scripts-dob"):
    s = json.loads((RESULTS / f"{name}.json").read_text())["screeners"][0]
    alerted = {x["query_id"] for x in s["false_alerts"]}
    print(f"| {name} | " + " | ".join(pct(sum(1 for q in alerted if f"-{script}-" in q) / 200) for script in SCRIPTS) + " |")
