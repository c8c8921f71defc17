#!/usr/bin/env python3
"""Builds eval/data/payment-text.csv: free text of payments (remittance information, MT fields 70/72) with and without
listed names in it, for the payment screener's text screening (issue #24).

Positives: names of the bundled OFAC SDN file (data/lists/ofac-sdn/sdn.csv.gz, 2024-05-03): individuals (written
given name first, as a payment writes them), organisations and vessels (by name or by IMO number), each inside a
realistic remittance line (invoice and contract numbers, goods, ports, Incoterms), in capitals or mixed case; one in
six with one letter dropped (a typing error). The expected entity is the SDN record whose name was embedded.
Negatives: the same kinds of lines naming parties that are not listed (people from eval/names/given.txt and
family.txt; companies built from city, line-of-business and legal-form words), goods and non-sanctioned ports.
The rules of text screening were tuned on this set (seed 24); a held-out draw (seed 25, other names and lines) is
written to payment-text-heldout.csv and was measured only after.
Usage: eval/make-paymenttext.py   (deterministic)
"""
import csv, gzip, random, re, sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = int(sys.argv[1]) if len(sys.argv) > 1 else 24
OUT = ROOT / ("eval/data/payment-text.csv" if SEED == 24 else f"eval/data/payment-text-heldout.csv")
rnd = random.Random(SEED)

sdn = [r for r in csv.reader(gzip.open(ROOT / "data/lists/ofac-sdn/sdn.csv.gz", "rt", encoding="cp1252", newline="")) if len(r) == 12]
def clean(v): return "" if v.strip() == "-0-" else v.strip()

people = [r for r in sdn if r[2] == "individual" and ", " in r[1]]
orgs = [r for r in sdn if clean(r[2]) == "" and 2 <= len(r[1].split()) <= 6]
vessels = [r for r in sdn if r[2] == "vessel" and len(r[1]) >= 4]
imo = [(r, m.group(1)) for r in vessels if (m := re.search(r"IMO (\d{7})", r[11]))]

def person_name(r):
    last, first = r[1].split(", ", 1)
    return f"{first} {last}"

def lines(f): return [l.strip() for l in open(ROOT / "eval/names" / f, encoding="utf-8") if l.strip() and not l.startswith("#")]
given, family = lines("given.txt"), lines("family.txt")

goods = ["STEEL PIPES AND FITTINGS", "FROZEN FISH FILLETS", "SPARE PARTS FOR PUMPS", "COTTON YARN", "UREA FERTILISER", "OFFICE FURNITURE",
         "PHARMACEUTICAL RAW MATERIALS", "ALUMINIUM INGOTS", "USED TYRES", "CERAMIC TILES", "SOLAR PANELS", "BASMATI RICE", "MOTOR OIL",
         "CONSULTING SERVICES", "SOFTWARE LICENCES", "FREIGHT CHARGES", "CONTAINER DEMURRAGE", "MEDICAL EQUIPMENT", "TEXTILE MACHINERY"]
ports = ["ROTTERDAM", "HAMBURG", "ANTWERP", "SINGAPORE", "JEBEL ALI", "MUMBAI", "SANTOS", "DURBAN", "PIRAEUS", "GENOA", "VALENCIA", "MERSIN",
         "PORT KLANG", "BUSAN", "SHANGHAI", "FELIXSTOWE", "LE HAVRE", "ALGECIRAS", "COLOMBO", "MOMBASA"]
terms = ["FOB", "CIF", "CFR", "DAP", "EXW"]
cities = ["ROTTERDAM", "HAMBURG", "LYON", "MILANO", "IZMIR", "DUBAI", "MUMBAI", "LAGOS", "LIMA", "OSAKA", "PERTH", "VANCOUVER", "GDANSK", "PORTO"]
trades = ["STEEL", "TRADING", "LOGISTICS", "TEXTILES", "FOODS", "MACHINERY", "SHIPPING", "CHEMICALS", "PACKAGING", "ELECTRONICS", "AGRO", "MARINE"]
forms = ["LTD", "LLC", "GMBH", "BV", "SA", "SRL", "AS", "PTE LTD", "FZE", "INC", "CO LTD", "SPA"]

def inv(): return f"{rnd.choice(['INV', 'INVOICE', 'INV NO', 'BILL'])} {rnd.randint(10000, 999999)}"
def ctr(): return f"{rnd.choice(['CONTRACT', 'PO', 'ORDER'])} {rnd.choice(['C', 'PO', 'SO'])}-{rnd.randint(100, 9999)}/{rnd.randint(2023, 2026)}"
def date(): return f"{rnd.randint(1, 28):02d}.{rnd.randint(1, 12):02d}.{rnd.randint(2024, 2026)}"

templates = [
    "PAYMENT FOR {inv} DD {date} {goods} {terms} {port} {party}",
    "/RFB/{inv}/BNF/{party} {goods}",
    "SETTLEMENT OF {ctr} WITH {party} FOR {goods}",
    "{goods} SHIPPED ON MV {vessel} FROM {port} TO {port2} {inv}",
    "FREIGHT {vessel} VOY {voy} {port} {terms} {inv}",
    "ON BEHALF OF {party} {ctr} BALANCE PAYMENT",
    "{inv} {goods} AGENT {party} {port}",
]

def typo(s):
    letters = [i for i, c in enumerate(s) if c.isalpha()]
    if len(letters) < 8: return s
    i = rnd.choice(letters[1:-1])
    return s[:i] + s[i + 1:]

def case(s): return s if rnd.random() < 0.7 else s.title()

def fake_party():
    if rnd.random() < 0.5:
        return f"{rnd.choice(given)} {rnd.choice(family)}".upper()
    return f"{rnd.choice(cities)} {rnd.choice(trades)} {rnd.choice(forms)}"

def fake_vessel(): return f"{rnd.choice(['OCEAN', 'SEA', 'NORDIC', 'STAR', 'GOLDEN', 'BLUE'])} {rnd.choice(['PEARL', 'WIND', 'SPIRIT', 'TRADER', 'HORIZON', 'GRACE'])}"

def line(party, vessel, kind):
    ts = [t for t in templates if ("{vessel}" in t) == (kind == "vessel")] if kind else templates
    t = rnd.choice(ts)
    p2 = rnd.choice([p for p in ports])
    return t.format(inv=inv(), date=date(), goods=rnd.choice(goods), terms=rnd.choice(terms), port=rnd.choice(ports), port2=p2, party=party, ctr=ctr(),
                    vessel=vessel, voy=f"{rnd.randint(1, 99):02d}{rnd.choice('ABCDEW')}")

rows = []
for k, r in enumerate(rnd.sample(people, 150)):
    name = person_name(r)
    name = typo(name) if k % 6 == 5 else name
    rows.append((f"person-{k}", f"ofac-sdn:{r[0]}", case(line(name, fake_vessel(), "party"))))
for k, r in enumerate(rnd.sample(orgs, 150)):
    name = r[1].rstrip(".")
    name = typo(name) if k % 6 == 5 else name
    rows.append((f"org-{k}", f"ofac-sdn:{r[0]}", case(line(name, fake_vessel(), "party"))))
for k, r in enumerate(rnd.sample(vessels, 70)):
    rows.append((f"vessel-{k}", f"ofac-sdn:{r[0]}", case(line(fake_party(), r[1], "vessel"))))
for k, (r, number) in enumerate(rnd.sample(imo, 30)):
    rows.append((f"imo-{k}", f"ofac-sdn:{r[0]}", case(line(fake_party(), f"{fake_vessel()} IMO {number}", "vessel"))))
for k in range(1200):
    rows.append((f"clean-{k}", "", case(line(fake_party(), fake_vessel(), None))))

with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "expect", "text"])
    w.writerows(rows)
print(f"{OUT.relative_to(ROOT)}: {sum(1 for r in rows if r[1])} texts with a listed name, {sum(1 for r in rows if not r[1])} without")
