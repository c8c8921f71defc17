#!/usr/bin/env python3
"""Trims the official UN, UK OFSI, OFAC consolidated and OFAC XML files in ../shared/data/lists to small test fixtures.

Each fixture keeps the file's own header and a handful of whole records, chosen to cover every pattern the readers
handle; the bytes of every kept record are unchanged. Run from the repository root: python3 eng/make-list-fixtures.py
"""
import pathlib
import re

SHARED = pathlib.Path("../shared/data/lists")
OUT = pathlib.Path("tests/Interdict.TestKit/Fixtures")
readme = ["# List fixtures, trimmed\n", "Made by `eng/make-list-fixtures.py` from `../shared/data/lists` (see its PROVENANCE.md); kept records are byte-for-byte.\n"]


def write(rel, data, note):
    path = OUT / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    readme.append(f"- `{rel}`: {note}\n")


def xml_records(text, tag):
    return [m for m in re.finditer(rb"[ \t]*<" + tag + rb"[ >].*?</" + tag + rb">\r?\n", text, re.S)]


def pick(records, tests):
    """For each (label, predicate), the first record it accepts; returns the records in file order, with labels."""
    chosen = {}
    for label, test in tests:
        for i, r in enumerate(records):
            if test(r.group(0)):
                chosen.setdefault(i, []).append(label)
                break
        else:
            raise SystemExit(f"no record for {label}")
    return [(records[i], chosen[i]) for i in sorted(chosen)]


# UN consolidated list, 2026-02-27
un = (SHARED / "un-consolidated/2026-02-27/consolidated.xml").read_bytes()
ind = xml_records(un, b"INDIVIDUAL")
ent = xml_records(un, b"ENTITY")
has = lambda s: (lambda r: s in r)
ind_pick = pick(ind, [
    ("Soleimani", has(b"<REFERENCE_NUMBER>IRi.039<")), ("Ghasem Soleymani", has(b"<REFERENCE_NUMBER>IRi.040<")),
    ("dob between", has(b"<TYPE_OF_DATE>BETWEEN<")), ("dob approximately", has(b"<TYPE_OF_DATE>APPROXIMATELY<")),
    ("original script", has(b"<NAME_ORIGINAL_SCRIPT>")), ("national id", has(b"<TYPE_OF_DOCUMENT>National Identification Number<")),
    ("two dates of birth", lambda r: r.count(b"<INDIVIDUAL_DATE_OF_BIRTH>") >= 2),
])
ent_pick = pick(ent, [("entity original script", has(b"<NAME_ORIGINAL_SCRIPT>")), ("entity f.k.a.", has(b"<QUALITY>f.k.a.<")),
                      ("entity street", has(b"<STREET>"))])
head = un[: un.index(b"<INDIVIDUALS>") + len(b"<INDIVIDUALS>")] + b"\n"
out = head + b"".join(r.group(0) for r, _ in ind_pick) + b"  </INDIVIDUALS>\n  <ENTITIES>\n" + b"".join(r.group(0) for r, _ in ent_pick) + b"  </ENTITIES>\n</CONSOLIDATED_LIST>\n"
refs = [(re.search(rb"<REFERENCE_NUMBER>(.*?)<", r.group(0)).group(1).decode(), ", ".join(l)) for r, l in ind_pick + ent_pick]
write("un/2026-02-27/consolidated.xml", out, "UN list of 2026-02-27: " + "; ".join(f"{a} ({b})" for a, b in refs))

# UK OFSI consolidated list, 2018-04-13 (Windows-1252, LF)
uk = (SHARED / "uk-ofsi-conlist/2018-04-13/sanctionsconlist.csv").read_bytes().split(b"\n")
groups = {b"9062": "Soleimani, three regimes", b"13349": "year-only dates of birth, Sheikh", b"13556": "vessel with IMO",
          b"12274": "numbered passports, two spellings", b"13188": "entity, AKA only"}
rows = [l for l in uk[2:] if l.rstrip(b"\r").rsplit(b",", 1)[-1] in groups]
write("uk-ofsi/2018-04-13/sanctionsconlist.csv", b"\n".join(uk[:2] + rows) + b"\n",
      "OFSI list of 2018-04-13, Group IDs " + ", ".join(f"{k.decode()} ({v})" for k, v in groups.items()))

# OFAC consolidated (non-SDN) CSV, 2025-12-19
cons = SHARED / "ofac-consolidated/2025-12-19"
prim = (cons / "cons_prim.csv").read_bytes().split(b"\r\n")
comments = (cons / "cons_comments.csv").read_bytes().split(b"\r\n")
alt = (cons / "cons_alt.csv").read_bytes().split(b"\r\n")
ids = [l.split(b",", 1)[0] for l in prim[:4]] + [comments[0].split(b",", 1)[0]] + [alt[0].split(b",", 1)[0]]
for name in ("cons_prim.csv", "cons_alt.csv", "cons_add.csv", "cons_comments.csv"):
    lines = (cons / name).read_bytes().split(b"\r\n")
    kept = [l for l in lines if l.split(b",", 1)[0] in ids]
    write(f"ofac-cons/2025-12-19/{name}", b"\r\n".join(kept) + b"\r\n\x1a", "ent_num " + ", ".join(sorted({i.decode() for i in ids})))

# OFAC legacy XML (sdnList layout), consolidated.xml of 2025-06-30
x = (SHARED / "ofac-consolidated/2025-06-30/consolidated.xml").read_bytes()
entries = xml_records(x, b"sdnEntry")
xp = pick(entries, [("first", lambda r: True), ("ids", has(b"<idList>")), ("address", has(b"<addressList>")), ("remarks", has(b"<remarks>"))])
head = x[: entries[0].start()]
write("ofac-xml/2025-06-30/consolidated.xml", head + b"".join(r.group(0) for r, _ in xp) + b"</sdnList>",
      "OFAC consolidated.xml of 2025-06-30 (legacy sdnList layout), uids " + ", ".join(re.search(rb"<uid>(\d+)<", r.group(0)).group(1).decode() for r, _ in xp))

# OFAC enhanced XML (sanctionsData layout), IRGC subset of 2024-08-28
e = (SHARED / "ofac-sdn-enhanced-xml-subsets/2024-08-28_IRGC/IRGC_sanctions.xml").read_bytes()
ents = xml_records(e, b"entity")
ep = pick(ents, [("Soleimani", has(b'<entity id="10481">')), ("Arabic script name", has(b">Arabic</script>")),
                 ("aircraft", has(b">Aircraft</entityType>"))])
start = e.index(b"<entities>") + len(b"<entities>\r\n" if b"<entities>\r\n" in e else b"<entities>\n")
end = e.index(b"</entities>")
write("ofac-xml/2024-08-28/IRGC_sanctions.xml", e[:start] + b"".join(r.group(0) for r, _ in ep) + b"  " + e[end:],
      "OFAC enhanced XML, IRGC programme subset of 2024-08-28, entity ids " + ", ".join(re.search(rb'<entity id="(\d+)"', r.group(0)).group(1).decode() for r, _ in ep))

(OUT / "LISTS.md").write_text("".join(readme), encoding="utf-8")
print("".join(readme))
