#!/usr/bin/env python3
"""Builds Interdict's labelled development sets from the official list files in ../shared/data/lists.

Positives: the same party published by several agencies, linked WITHOUT any name matching:
  * a UN Security Council record and an OFAC SDN record that share a passport or national ID number
    (UN consolidated list of 2026-02-27, OFAC sdn.csv of 2024-05-03: the bundled publications);
  * a UN record and a UK OFSI group that cites the UN reference number ("UN Ref IRi.039", OFSI list of 2018-04-13);
  * OFAC's own Arabic, Persian and Cyrillic-script names of SDN parties, published only in its enhanced XML
    (IRGC programme subset of 2024-08-28), which the bundled CSV files do not carry.
The query is the UN's spelling (primary name and good-quality aliases, Latin script) or the original-script name; the
expected ids are the OFAC and UK records of the same party. A Latin spelling is expected to find a record only when that
record publishes at least one distinctive word of it within one or two letters (an alias the other agency never
published cannot be found by name by any matcher, so it is no test of one). Queries are screened against ofac-sdn, ofac-cons and
uk-ofsi (not against the UN list the spelling comes from).

Original-script queries of people (names are transliterated) and of organisations (names are often translated, so
they are kept apart and carry no target) are written as separate sets.

Negatives: realistic names of people not on any list, drawn with a fixed seed from names/given.txt and
names/family.txt, dropping any whose words equal a listed name's words on any bundled list; once without and once with
a date of birth.

Held-out sets (heldout-*), never looked at while choosing the matcher's rules or the default threshold: the UK's
spellings (OFSI list of 2018-04-13, another agency's transliterations) of parties that share a passport or national
ID number with an OFAC SDN record, screened against the OFAC lists only; and negatives drawn with another seed, none
of them in the development negatives.

Transliteration set (eval/data/transliteration.csv): every name the UN list (2026-02-27) and OFAC's enhanced XML
subsets (IRGC 2024-08-28, Yemen 2024-05-24) publish in a non-Latin script, with the script and the Latin names the same
record publishes: what a transliteration should bring the name close to. Read by the benchmark project's `translit`
probe, which compares transliteration methods (AnyAscii, ICU4N, Interdict's own Arabic-script keys) on it.

Listed names as queries (eval/data/sdn-organizations.queries.csv, sdn-people.queries.csv, sdn-vessels.queries.csv):
the 6,884 organisation, 6,854 individual and 851 vessel names of the bundled OFAC SDN file. Screened against that list by eval/namesakes.py,
every hit on another record is a namesake: a related company or relative, or a name that shares only common words (a
legal form; a given name and patronymic); how many a matcher version raises measures its false alerts on real names.

Writes eval/data/<set>.queries.csv (id,name,type,dob) and eval/data/<set>.truth.csv (query_id,expected_ids).
Run from the repository root: python3 eval/make-devsets.py
"""
import csv
import pathlib
import random
import re
import unicodedata
import xml.etree.ElementTree as ET

SHARED = pathlib.Path("../shared/data/lists")
OUT = pathlib.Path("eval/data")
NAMES = pathlib.Path("eval/names")
SEED = 20261125


def digits_letters(text):
    return re.sub(r"[^A-Z0-9]", "", text.upper())


def words(name):
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace("'", "")
    return frozenset(w for w in re.split(r"[^a-z0-9]+", text) if w)


def is_latin(text):
    return all(ord(c) < 0x250 or not c.isalpha() for c in text)


# --- UN records -------------------------------------------------------------------------------------------------
un = ET.parse(SHARED / "un-consolidated/2026-02-27/consolidated.xml").getroot()
un_records = {}
for kind, tag in (("person", "INDIVIDUAL"), ("organization", "ENTITY")):
    for r in un.iter(tag):
        ref = r.findtext("REFERENCE_NUMBER").strip()
        parts = [(r.findtext(p) or "").strip() for p in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")]
        names = [" ".join(p for p in parts if p)]
        for alias in r.iter(tag + "_ALIAS"):
            if (alias.findtext("QUALITY") or "").strip().lower() in ("good", "a.k.a.", "f.k.a."):
                names += [a.strip() for a in (alias.findtext("ALIAS_NAME") or "").split(";") if a.strip()]
        docs = set()
        for d in r.iter("INDIVIDUAL_DOCUMENT"):
            n = digits_letters(d.findtext("NUMBER") or "")
            if len(n) >= 6 and sum(c.isdigit() for c in n) >= 5:
                docs.add(n)
        un_records[ref] = {
            "kind": kind,
            "names": names,
            "original": (r.findtext("NAME_ORIGINAL_SCRIPT") or "").strip(),
            "docs": docs,
        }

# --- OFAC SDN (bundled publication) -----------------------------------------------------------------------------
DOC = re.compile(r"(?:Diplomatic Passport|Passport|National ID No\.|Identification Number|Personal ID Card|D\.N\.I\.|Cedula No\.)\s+([A-Za-z0-9][A-Za-z0-9\-/]*)")
sdn_rows = [r for r in csv.reader(open(SHARED / "ofac-sdn/2024-05-03/sdn.csv", encoding="cp1252", newline="")) if len(r) == 12]
sdn_ids = {r[0] for r in sdn_rows}
ofac_by_doc = {}
listed_words = set()
for r in sdn_rows:
    listed_words.add(words(r[1]))
    for m in DOC.finditer(r[11]):
        n = digits_letters(m.group(1))
        if len(n) >= 6:
            ofac_by_doc.setdefault(n, set()).add(r[0])
for r in csv.reader(open(SHARED / "ofac-sdn/2025-12-24_partial_no-sdn/alt.csv", encoding="cp1252", newline="")):
    if len(r) == 5:
        listed_words.add(words(r[3]))

# --- UK OFSI groups citing UN references ------------------------------------------------------------------------
uk_rows = list(csv.reader(open(SHARED / "uk-ofsi-conlist/2018-04-13/sanctionsconlist.csv", encoding="cp1252", newline="")))[2:]
uk_by_ref = {}
for r in uk_rows:
    listed_words.add(words(" ".join(r[0:6])))
    # A group's own reference is the first one its notes cite; later ones name other, linked parties.
    uk_kind = "person" if r[23] == "Individual" else "organization"
    m = re.search(r"UN\s*Ref(?:erence)?\.?\s*(?:No\.?|#|:)?\s*([A-Z]{2}[ie]\.\d{3})\b", r[22], re.I)
    if m and m.group(1) in un_records and un_records[m.group(1)]["kind"] == uk_kind:
        uk_by_ref.setdefault(m.group(1), set()).add(r[28])
for rec in un_records.values():
    for n in rec["names"]:
        listed_words.add(words(n))

# A number published for two different parties on one list links nothing: drop it.
un_doc_count = {}
for rec in un_records.values():
    for d in rec["docs"]:
        un_doc_count[d] = un_doc_count.get(d, 0) + 1
ofac_by_doc = {d: ids for d, ids in ofac_by_doc.items() if len(ids) == 1 and un_doc_count.get(d, 0) <= 1}
uk_by_ref = {ref: groups for ref, groups in uk_by_ref.items() if len(groups) == 1}

# Names each target record publishes (for the lexical-evidence filter below).
target_names = {}
for r in sdn_rows:
    target_names.setdefault(f"ofac-sdn:{r[0]}", []).append(r[1])
for r in csv.reader(open(SHARED / "ofac-sdn/2025-12-24_partial_no-sdn/alt.csv", encoding="cp1252", newline="")):
    if len(r) == 5:
        target_names.setdefault(f"ofac-sdn:{r[0]}", []).append(r[3])
for r in uk_rows:
    target_names.setdefault(f"uk-ofsi:{r[28]}", []).append(" ".join(r[0:6]))

# Words too common to be evidence that a list publishes a given spelling.
STOP = set("al el ul bin ben ibn abu abd abdul abdel the and of for company co ltd limited corporation corp trading bank "
           "group shipping organization organisation network front army mohammad muhammad mohammed mohamed muhammed "
           "ahmad ahmed ali haji hajji sheikh shaykh mullah maulavi maulawi mawlawi".split())


def distinctive(name):
    return {w for w in words(name) if len(w) >= 3 and w not in STOP and not w.isdigit()}


def edits(a, b, limit):
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(cur[j - 1] + 1, prev[j] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def published_nearby(query, target):
    """True when the target record publishes a distinctive word of the query, give or take one or two letters
    (two for words of six or more). A spelling with no such word (an alias the other agency never published) is no
    test of name matching: no matcher can find it by name."""
    mine = distinctive(query)
    theirs = set().union(*(distinctive(n) for n in target_names.get(target, [])))
    return any(edits(w, v, 2 if len(w) >= 6 else 1) <= (2 if len(w) >= 6 else 1) for w in mine for v in theirs)


# --- positives ------------------------------------------------------------------------------------------------------
def spellings(prefix, names, kind, expected):
    """Queries from one party's distinct Latin spellings, each expecting the targets that publish a word of it."""
    rows, seen = [], set()
    for i, name in enumerate(names):
        if is_latin(name) and words(name) and words(name) not in seen:
            seen.add(words(name))
            findable = [e for e in expected if published_nearby(name, e)]
            if findable:
                rows.append((f"{prefix}/{i}", name, kind, "", findable))
    return rows


latin, original = [], []
for ref, rec in sorted(un_records.items()):
    expected = sorted({f"ofac-sdn:{e}" for d in rec["docs"] for e in ofac_by_doc.get(d, ())})
    expected += sorted(f"uk-ofsi:{g}" for g in uk_by_ref.get(ref, ()))
    if not expected:
        continue
    latin += spellings(ref, rec["names"], rec["kind"], expected)
    if rec["original"] and not is_latin(rec["original"]):
        original.append((f"{ref}/orig", rec["original"], rec["kind"], "", expected))

ns = "{https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML}"
enhanced = ET.parse(SHARED / "ofac-sdn-enhanced-xml-subsets/2024-08-28_IRGC/IRGC_sanctions.xml").getroot()
for e in enhanced.iter(ns + "entity"):
    uid = e.get("id")
    if uid not in sdn_ids:
        continue
    etype = e.find(f"{ns}generalInfo/{ns}entityType").text
    kind = {"Individual": "person", "Vessel": "vessel", "Aircraft": "aircraft"}.get(etype, "organization")
    for t in e.iter(ns + "translation"):
        script = t.findtext(ns + "script")
        full = (t.findtext(ns + "formattedFullName") or "").strip()
        if script and script != "Latin" and full:
            original.append((f"ofac-enhanced:{uid}/{t.get('id')}", full, kind, "", [f"ofac-sdn:{uid}"]))

# --- negatives ------------------------------------------------------------------------------------------------------
def read_names(path):
    return [l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def read_table(path):
    """The tab-separated fields of each line of a commented reference file (blank lines and # comments skipped)."""
    return [l.split("\t") for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")]


def read_parts(path):
    """A two-field table (part <TAB> text) as {part: [text, ...]}, in file order."""
    parts = {}
    for part, text in read_table(path):
        parts.setdefault(part, []).append(text)
    return parts


given, family = read_names(NAMES / "given.txt"), read_names(NAMES / "family.txt")
def draw_negatives(rng, exclude):
    """1,000 distinct unlisted names: a given name (a second one one time in five) and a family name, in either order."""
    drawn, seen = [], set()
    while len(drawn) < 1000:
        first = rng.choice(given)
        if rng.random() < 0.2:
            first += " " + rng.choice(given)
        name = f"{first} {rng.choice(family)}" if rng.random() < 0.7 else f"{rng.choice(family).upper()}, {first}"
        w = words(name)
        if w in seen or w in listed_words or w in exclude:
            continue
        seen.add(w)
        drawn.append(name)
    return drawn


def with_dob(rng, names, prefix):
    """The names with a date of birth: a year three times in ten, else a full date."""
    rows = []
    for i, name in enumerate(names):
        year = rng.randint(1940, 2004)
        dob = str(year) if rng.random() < 0.3 else f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        rows.append((f"{prefix}-{i + 1}", name, "person", dob, []))
    return rows


rng = random.Random(SEED)
negatives = draw_negatives(rng, set())
negatives_dob = with_dob(rng, negatives, "neg-dob")


# --- write ------------------------------------------------------------------------------------------------------------
def write(set_name, rows):
    OUT.mkdir(parents=True, exist_ok=True)
    with open(OUT / f"{set_name}.queries.csv", "w", encoding="utf-8", newline="") as q, open(OUT / f"{set_name}.truth.csv", "w", encoding="utf-8", newline="") as t:
        qw, tw = csv.writer(q, lineterminator="\n"), csv.writer(t, lineterminator="\n")
        qw.writerow(["id", "name", "type", "dob"])
        tw.writerow(["query_id", "expected_ids"])
        for qid, name, kind, dob, expected in rows:
            qw.writerow([qid, name, kind, dob])
            tw.writerow([qid, ";".join(expected)])
    print(f"{set_name}: {len(rows)} queries, {sum(1 for r in rows if r[4])} positive")


write("cross-list-latin", latin)
# Organisation names in another script are often translations ("Fars News Agency" = خبرگزاری فارس), which no name
# matcher can be asked to find: the target applies to people; organisations are reported apart.
write("original-script", [r for r in original if r[2] == "person"])
write("original-script-organizations", [r for r in original if r[2] != "person"])
write("negatives", [(f"neg-{i + 1}", n, "person", "", []) for i, n in enumerate(negatives)])
write("negatives-dob", negatives_dob)


# --- held-out sets --------------------------------------------------------------------------------------------------
# OFAC numbers linking exactly one SDN record (the UN filter above does not apply: the UK list is the other side here).
ofac_unique = {}
for r in sdn_rows:
    for m in DOC.finditer(r[11]):
        n = digits_letters(m.group(1))
        if len(n) >= 6:
            ofac_unique.setdefault(n, set()).add(r[0])
ofac_unique = {d: next(iter(ids)) for d, ids in ofac_unique.items() if len(ids) == 1}

uk_groups = {}
for r in uk_rows:
    g = uk_groups.setdefault(r[28], {"kind": "person" if r[23] == "Individual" else "organization", "names": [], "docs": set()})
    name = " ".join(p.strip() for p in r[1:6] + [r[0]] if p.strip())
    if name and name not in g["names"]:
        g["names"].append(name)
    for token in re.split(r"[\s,;:()]+", r[11] + " " + r[12]):
        n = digits_letters(token)
        if len(n) >= 6 and sum(c.isdigit() for c in n) >= 5:
            g["docs"].add(n)
uk_doc_count = {}
for g in uk_groups.values():
    for d in g["docs"]:
        uk_doc_count[d] = uk_doc_count.get(d, 0) + 1

heldout = []
for gid, g in sorted(uk_groups.items(), key=lambda kv: int(kv[0]) if kv[0].isdigit() else 0):
    expected = sorted({f"ofac-sdn:{ofac_unique[d]}" for d in g["docs"] if d in ofac_unique and uk_doc_count[d] == 1})
    if not expected:
        continue
    heldout += spellings(f"uk:{gid}", g["names"], g["kind"], expected)
write("heldout-uk-latin", heldout)

rng = random.Random(SEED + 1)
heldout_negatives = draw_negatives(rng, {words(n) for n in negatives})
write("heldout-negatives", [(f"hneg-{i + 1}", n, "person", "", []) for i, n in enumerate(heldout_negatives)])
write("heldout-negatives-dob", with_dob(rng, heldout_negatives, "hneg-dob"))
# A second held-out draw (seed + 4), made after matcher 1.4.0 was fixed, because 1.4.0's weak-alias rule was found among
# the first held-out negatives' false alerts: measured once, never looked at before.
rng = random.Random(SEED + 4)
heldout2_negatives = draw_negatives(rng, {words(n) for n in negatives} | {words(n) for n in heldout_negatives})
write("heldout2-negatives", [(f"h2neg-{i + 1}", n, "person", "", []) for i, n in enumerate(heldout2_negatives)])
write("heldout2-negatives-dob", with_dob(rng, heldout2_negatives, "h2neg-dob"))


# --- transliteration set ----------------------------------------------------------------------------------------
def script_of(text):
    """The non-Latin script most letters of the text are in (Unicode's name for it: ARABIC, CYRILLIC, CJK...)."""
    counts = {}
    for c in text:
        if c.isalpha() and ord(c) >= 0x250:
            script = unicodedata.name(c, "UNKNOWN").split()[0]
            counts[script] = counts.get(script, 0) + 1
    return max(counts, key=counts.get) if counts else None


translit = []
for ref, rec in sorted(un_records.items()):
    latin_names = [n for n in rec["names"] if n and is_latin(n)]
    if rec["original"] and script_of(rec["original"]) and latin_names:
        translit.append((f"un:{ref}", script_of(rec["original"]), rec["kind"], rec["original"], latin_names))
for subset in ("2024-08-28_IRGC/IRGC_sanctions.xml", "2024-05-24_YEMEN/yemen_sanctions.xml"):
    root = ET.parse(SHARED / "ofac-sdn-enhanced-xml-subsets" / subset).getroot()
    for e in root.iter(ns + "entity"):
        etype = e.find(f"{ns}generalInfo/{ns}entityType").text
        kind = {"Individual": "person", "Vessel": "vessel", "Aircraft": "aircraft"}.get(etype, "organization")
        latin_names, others = [], []
        for t in e.iter(ns + "translation"):
            full = (t.findtext(ns + "formattedFullName") or "").strip()
            if full:
                (latin_names if t.findtext(ns + "script") == "Latin" else others).append((t.get("id"), full))
        for tid, full in others:
            if script_of(full) and latin_names:
                translit.append((f"ofac-enhanced:{e.get('id')}/{tid}", script_of(full), kind, full, [n for _, n in latin_names]))
with open(OUT / "transliteration.csv", "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "script", "type", "name", "latin_names"])
    for row in translit:
        w.writerow([*row[:4], ";".join(row[4])])
print(f"transliteration: {len(translit)} names, " + ", ".join(f"{k} {v}" for k, v in sorted(
    {s: sum(1 for r in translit if r[1] == s) for s in {r[1] for r in translit}}.items())))

# --- listed names as queries ----------------------------------------------------------------------------------
for set_name, sdn_type, kind in (("sdn-organizations", "-0-", "organization"), ("sdn-people", "individual", "person"), ("sdn-vessels", "vessel", "vessel")):
    with open(OUT / f"{set_name}.queries.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "type"])
        chosen = [r for r in sdn_rows if r[2].strip() == sdn_type]
        for r in chosen:
            w.writerow([r[0], r[1], kind])
    print(f"{set_name}: {len(chosen)} names")

# --- negatives in other scripts ---------------------------------------------------------------------------------
# 200 unlisted names in each of five scripts (eval/names/scripts.tsv), for the false-alert rate of names written in
# another script: screened like the Latin negatives, against every list. Ids name the script (sneg-hebrew-12).
script_names = {}
for script, part, name in read_table(NAMES / "scripts.tsv"):
    script_names.setdefault(script, {"given": [], "family": []})[part].append(name)
rng = random.Random(SEED + 2)
script_negatives = []
for script, parts in script_names.items():
    drawn = set()
    while len(drawn) < 200:
        given_name, family_name = rng.choice(parts["given"]), rng.choice(parts["family"])
        drawn.add(family_name + given_name if script == "korean" else f"{given_name} {family_name}")
    script_negatives += [(f"sneg-{script}-{i + 1}", n, "person", "", []) for i, n in enumerate(sorted(drawn))]
write("negatives-scripts", script_negatives)
write("negatives-scripts-dob", [row for script in script_names
                                for row in with_dob(rng, [r[1] for r in script_negatives if r[0].startswith(f"sneg-{script}-")], f"sneg-dob-{script}")])

# --- unlisted organisations -------------------------------------------------------------------------------------
# 1,000 realistic names of unlisted companies (eval/names/companies.tsv): a distinctive word (sometimes two), an
# activity and a legal form, in the usual orders. A name is left out when its words other than legal forms equal a
# listed name's: "Atlas Trading GmbH" against a listed "ATLAS TRADING LLC" is the same name, and an alert is right.
company_parts = read_parts(NAMES / "companies.tsv")
legal_forms = {f[0] for f in read_table(pathlib.Path("src/Interdict.Core/Data/name-terms.tsv")) if len(f) >= 3 and f[2] == "legal-form"}
listed_distinctive = {w - legal_forms for w in listed_words}
rng = random.Random(SEED + 3)
companies, seen_companies = [], set()
while len(companies) < 1000:
    stem = rng.choice(company_parts["stem"])
    if rng.random() < 0.15:
        stem += " " + rng.choice(company_parts["stem"])
    activity, form = rng.choice(company_parts["activity"]), rng.choice(company_parts["form"])
    # Russian and Central Asian firms write the legal form first in English: "LLC Atlas Trading", "JSC ...".
    name = f"{form} {stem} {activity}" if form in ("LLC", "JSC") and rng.random() < 0.5 else f"{stem} {activity} {form}"
    w = words(name)
    if w in seen_companies or (w - legal_forms) in listed_distinctive:
        continue
    seen_companies.add(w)
    companies.append((f"oneg-{len(companies) + 1}", name, "organization", "", []))
write("negatives-organizations", companies)

# --- unlisted vessels -------------------------------------------------------------------------------------------------
# 500 realistic names of unlisted merchant vessels (eval/names/vessels.tsv): two words, a number one time in four. A
# name is left out when its words equal a listed name's (a listed vessel of that very name is a right alert).
vessel_parts = read_parts(NAMES / "vessels.tsv")
rng = random.Random(SEED + 5)
vessels, seen_vessels = [], set()
while len(vessels) < 500:
    name = f"{rng.choice(vessel_parts['first'])} {rng.choice(vessel_parts['second'])}"
    if rng.random() < 0.25:
        name += f" {rng.randint(1, 9)}"
    w = words(name)
    if w in seen_vessels or w in listed_words:
        continue
    seen_vessels.add(w)
    vessels.append((f"vneg-{len(vessels) + 1}", name.upper(), "vessel", "", []))
write("negatives-vessels", vessels)
