#!/usr/bin/env python3
"""Trims the official OFAC SDN files in ../shared/data/lists to small test fixtures.

Writes tests/Interdict.TestKit/Fixtures/ofac-sdn/2024-05-03/{sdn,alt,add,sdn_comments}.csv: the sdn.csv rows of the
ent_nums below (chosen to cover every remark pattern the parser handles), with their alt/add/comment rows from the
2025-12-24 set, plus a few alt/add rows whose ent_num is NOT in the trimmed sdn.csv (to test that orphans are skipped).
Bytes are copied unchanged (Windows-1252, CRLF, final 0x1A). Run from the repository root: python3 eng/make-fixtures.py
"""
import pathlib
import re

SHARED = pathlib.Path("../shared/data/lists/ofac-sdn")
OUT = pathlib.Path("tests/Interdict.TestKit/Fixtures/ofac-sdn/2024-05-03")

PATTERNS = {
    # name in tests -> regex over the raw sdn.csv line (first match is taken) or a fixed ent_num
    "soleimani": r"^10481,",
    "kataib_hizballah": r"^11462,",
    "irgc": r'^\d+,"ISLAMIC REVOLUTIONARY GUARD CORPS",',
    "vessel_imo_flag": r"^15037,",
    "aircraft": r"^15431,",
    "dob_range_years": r"DOB \d{4} to \d{4}",
    "dob_range_days": r"DOB \d\d [A-Z][a-z]{2} \d{4} to \d\d [A-Z][a-z]{2} \d{4}",
    "dob_circa": r"DOB circa \d{4}",
    "dob_month": r"DOB [A-Z][a-z]{2} \d{4}[;.]",
    "alt_dob": r"alt\. DOB \d\d [A-Z][a-z]{2} \d{4}",
    "national_id": r"National ID No\. \S+ \(",
    "tax_id": r"Tax ID No\. \S+ \(",
    "mmsi": r"MMSI \d{9}",
    "swift": r"SWIFT/BIC [A-Z0-9]{8}",
    "website_email": r"Website .*Email Address",
    "gender_female": r"Gender Female",
    "fka_nka": r"n\.k\.a\. '",
    "passport_expires": r"Passport [A-Z0-9]+ \([A-Za-z ]+\) expires",
    "remarks_continued": r"^27307,",
    "arabic_person": r'^\d+,"[A-Z\'-]+, (Muhammad|Mohammed|Ahmad)[^"]*","individual".*DOB',
}

def lines(path):
    return path.read_bytes().split(b"\r\n")

sdn_lines = lines(SHARED / "2024-05-03/sdn.csv")
chosen = {}
for label, pattern in PATTERNS.items():
    rx = re.compile(pattern.encode("cp1252"))
    for line in sdn_lines:
        if rx.search(line):
            chosen[label] = line
            break
    else:
        raise SystemExit(f"no sdn.csv row matches {label}: {pattern}")

ids = {line.split(b",", 1)[0] for line in chosen.values()}
OUT.mkdir(parents=True, exist_ok=True)
kept = [l for l in sdn_lines if l.split(b",", 1)[0] in ids]
(OUT / "sdn.csv").write_bytes(b"\r\n".join(kept) + b"\r\n\x1a")

partial = SHARED / "2025-12-24_partial_no-sdn"
for name in ("alt.csv", "add.csv", "sdn_comments.csv"):
    rows = [l for l in lines(partial / name) if l.split(b",", 1)[0] in ids]
    if name != "sdn_comments.csv":
        # Two rows of parties not in the trimmed sdn.csv: the reader must skip and count them.
        rows += [l for l in lines(partial / name) if l[:3] == b"36,"][:2]
    (OUT / name).write_bytes(b"\r\n".join(rows) + b"\r\n\x1a")

with open(OUT / "README.md", "w", encoding="utf-8") as f:
    f.write("# OFAC SDN fixture, trimmed\n\n")
    f.write("Trimmed by `eng/make-fixtures.py` from the official files in `../shared/data/lists/ofac-sdn/`:\n")
    f.write("`2024-05-03/sdn.csv` (https://www.treasury.gov/ofac/downloads/sdn.csv, as scraped on 2024-05-03) and the\n")
    f.write("`2025-12-24` alt.csv, add.csv and sdn_comments.csv (see `shared/data/lists/PROVENANCE.md`). Bytes are unchanged.\n\n")
    f.write("| what it covers | ent_num |\n|---|---|\n")
    for label, line in chosen.items():
        f.write(f"| {label} | {line.split(b',', 1)[0].decode()} |\n")
    f.write("\nalt.csv and add.csv also hold the rows of ent_num 36, which is not in the trimmed sdn.csv (orphans).\n")
for label, line in chosen.items():
    print(label, line[:160].decode("cp1252"))

def write_subset(folder, ids, title, what, with_alt=False):
    """Writes the sdn.csv rows of `ids` (and their 2025-12-24 alt.csv rows when `with_alt`) to `folder`, bytes unchanged."""
    rows = [l for l in sdn_lines if l.split(b",", 1)[0] in ids]
    if len(rows) != len(ids):
        raise SystemExit(f"an ent_num of the {title} is missing from sdn.csv")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "sdn.csv").write_bytes(b"\r\n".join(rows) + b"\r\n\x1a")
    files = "`2024-05-03/sdn.csv` rows"
    if with_alt:
        alt_rows = [l for l in lines(partial / "alt.csv") if l.split(b",", 1)[0] in ids]
        (folder / "alt.csv").write_bytes(b"\r\n".join(alt_rows) + b"\r\n\x1a")
        files += " and the `2025-12-24` alt.csv rows"
    with open(folder / "README.md", "w", encoding="utf-8") as f:
        f.write(f"# OFAC SDN {title}\n\n")
        f.write(f"Made by `eng/make-fixtures.py`: the {files} (bytes unchanged) of ent_num ")
        f.write(", ".join(i.decode() for i in ids) + ":\n")
        f.write(what)


# Namesakes: companies sharing only a legal form or differing only by a number, people sharing only a given name and
# patronymic, and the people and spellings that must still be found (matcher 1.3.0 tests). Their sdn.csv rows only;
# read with the fixture above's alt/add/comment rows, which are all orphans to them.
write_subset(OUT.parent / "namesakes",
             [b"46644", b"47676", b"38580", b"45855", b"21329", b"36832", b"40272", b"47291", b"35096", b"45108", b"35856", b"35875", b"45965",
              b"45966", b"23160", b"23161", b"23426", b"23427", b"23778", b"26625", b"26655"],
             "namesakes fixture",
             "Russian companies that share only a legal form or differ only by a number, vessels that differ only by a number, and\n"
             "people who share only a given name and a patronymic.\n")

# Matcher 1.4.0 tests: people whose only likeness to common unlisted names is a weak a.k.a. (quoted in the remarks),
# people with a patronymic made from a common family name, one whose weak a.k.a. is also published as a strong name, and
# North Korean officials (names written in Hangul), and Israeli settlers (names written in Hebrew).
write_subset(OUT.parent / "matcher-1-4",
             [b"9595", b"8159", b"22563", b"25308", b"36003", b"10689", b"31915", b"37389", b"11277", b"20157", b"21444", b"23213", b"23215",
              b"47320", b"48243", b"48605", b"12479"],
             "matcher 1.4.0 fixture",
             "people with weak a.k.a.s (quoted in the remarks), with patronymics made from common family names (31915, 37389),\n"
             "one whose weak a.k.a. is also a strong name (11277), North Korean officials (20157, 21444, 23213, 23215) and\n"
             "Israeli settlers (47320, 48243, 48605), and FATTAH, Parviz (12479, whose name ends in a ح in Persian).\n",
             with_alt=True)

# Matcher 1.5.0 tests: people whose names are Arabic compounds with an article, written on the lists in several ways
# ('Abd al-Rahman and Abdulrhman, Nur al-Din, 'Abd al-Latif, Abdul Qadir), Ayman al-Zawahiri (Dhawahri in the UK's
# spelling) and a Somali name (Xassaan Xuseen in Somali spelling).
write_subset(OUT.parent / "matcher-1-5",
             [b"16499", b"2676", b"12824", b"18048", b"23634", b"10327"],
             "matcher 1.5.0 fixture",
             "people whose names are Arabic compounds with an article (16499, 18048, 23634, 10327), AL-ZAWAHIRI, Ayman (2676)\n"
             "and OMAR, Hassan Mahat (12824, Xassaan Xuseen Adan in Somali spelling).\n",
             with_alt=True)
