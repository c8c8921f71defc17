#!/usr/bin/env python3
"""Writes a monitoring registry of N parties (and ownership links) for `interdict monitor` timings.

Usage: python3 bench/make-registry.py N OUT_DIR
Parties: people (given + family names of many cultures from eval/names, half with a date of birth and a country) and
companies (eval/names/companies.tsv parts), each with its own id; links: every tenth company owned by a person or by
another company, with shares from 1% to 100%. Deterministic (seeded), so runs compare.
"""
import csv, os, random, sys

def words(path):
    return [l.strip() for l in open(path, encoding="utf-8") if l.strip() and not l.startswith("#")]

def main():
    n, out = int(sys.argv[1]), sys.argv[2]
    os.makedirs(out, exist_ok=True)
    here = os.path.join(os.path.dirname(__file__), "..", "eval", "names")
    given, family = words(os.path.join(here, "given.txt")), words(os.path.join(here, "family.txt"))
    parts = [l.split("\t") for l in words(os.path.join(here, "companies.tsv"))]
    firsts = [p[0] for p in parts if p and p[0]]
    activities = [p[1] for p in parts if len(p) > 1 and p[1]] or ["Trading"]
    forms = [p[2] for p in parts if len(p) > 2 and p[2]] or ["LLC"]
    rnd = random.Random(20261202)
    countries = ["DE", "FR", "GB", "US", "TR", "AE", "IN", "BR", "NG", "JP", "KR", "RU", "UA", "PL", "ES", "IT"]
    companies = []
    with open(os.path.join(out, "parties.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["id", "name", "type", "dob", "country", "identifier"])
        for i in range(n):
            if i % 3 == 2:
                companies.append(i)
                w.writerow([f"p{i}", f"{rnd.choice(firsts)} {rnd.choice(activities)} {rnd.choice(forms)}", "organization", "", rnd.choice(countries), ""])
            else:
                dob = f"{rnd.randint(1940, 2004)}-{rnd.randint(1, 12):02d}-{rnd.randint(1, 28):02d}" if i % 2 == 0 else ""
                w.writerow([f"p{i}", f"{rnd.choice(given)} {rnd.choice(family)}", "person", dob, rnd.choice(countries) if dob else "", ""])
    with open(os.path.join(out, "ownership.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["owner_id", "owned_id", "percent"])
        for c in companies[::10]:
            owner = rnd.randrange(n)
            if owner != c:
                w.writerow([f"p{owner}", f"p{c}", rnd.choice([5, 10, 25, 30, 50, 51, 60, 75, 100])])

if __name__ == "__main__":
    main()
