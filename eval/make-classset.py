#!/usr/bin/env python3
"""Builds eval/data/classes.csv: the labelled set for the kinds of names matcher 2.0.0 added (issue #20).

Every row is a query and a listed record it should find ("same") or should NOT find ("different"), by class:
  legal-form   an OFAC SDN organisation name (bundled sdn.csv/alt.csv of 2024-05-03) with its legal form written out
               where the list abbreviates it, or abbreviated where the list writes it out, or moved to the other end
               (ISO 20275 abbreviations: LLC, OOO, OAO, ZAO, AO, JSC, PJSC, GMBH, AG, CO LTD, SA);
  number       an SDN vessel or organisation name with a number, written in another form (3 / III / THREE);
  number-diff  the same names with the number changed (3 -> 5): a different vessel ("different");
  hypocorism   an SDN person whose given name has a familiar form in published tables of English and Russian
               hypocorisms (Thomas/Tom, William/Bill, Dmitriy/Dima, Aleksandr/Sasha...), written with it;
  digits       an SDN person's name with two letters typed as digits (o 0, e 3, i 1, a 4, s 5);
  placeholder  an SDN person with a full date of birth, queried with 1 January of a year one or two years off (how
               other lists publish an uncertain year);
  role-swap    an SDN or UN person named "X bin Y ..." queried as "Y bin X ...": the father's name as the person's own
               ("different");
  han-diff / hangul-diff  everyday Chinese and Korean names (eval/names) with one character replaced by one read the
               same in Latin letters (正/政, 金/今; 은/운): screened against a watchlist of the originals ("different";
               ClassSetTests builds that watchlist).
Fields: id, class, expect (same|different), name, type, dob, target (the listed record's id). Seeded; rerun to rebuild.
"""
import csv, gzip, random, re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "eval" / "data" / "classes.csv"
rng = random.Random(20)

sdn = [r for r in csv.reader(gzip.open(ROOT / "data/lists/ofac-sdn/sdn.csv.gz", "rt", encoding="cp1252", newline="")) if len(r) == 12]
alt = [r for r in csv.reader(gzip.open(ROOT / "data/lists/ofac-sdn/alt.csv.gz", "rt", encoding="cp1252", newline="")) if len(r) >= 4]
names = {}
for r in sdn:
    names.setdefault(r[0], []).append(r[1])
for r in alt:
    if r[2].strip().lower() in ("aka", "fka"):
        names.setdefault(r[0], []).append(r[3])
kind = {r[0]: {"individual": "person", "vessel": "vessel", "aircraft": "aircraft"}.get(r[2].strip().lower(), "organization") for r in sdn}
rows = []

def add(cls, expect, name, typ, target, dob=""):
    rows.append((f"{cls}-{len([x for x in rows if x[1] == cls]) + 1}", cls, expect, name, typ, dob, f"ofac-sdn:{target}" if target and not target.startswith("w:") else target))

# --- legal forms -----------------------------------------------------------------------------------------------
WRITTEN = {
    "LIMITED LIABILITY COMPANY": ["LLC", "OOO"], "OPEN JOINT STOCK COMPANY": ["OAO", "OJSC"], "CLOSED JOINT STOCK COMPANY": ["ZAO", "CJSC"],
    "PUBLIC JOINT STOCK COMPANY": ["PAO", "PJSC"], "JOINT STOCK COMPANY": ["AO", "JSC"], "OBSHCHESTVO S OGRANICHENNOI OTVETSTVENNOSTYU": ["OOO", "LLC"],
    "AKTSIONERNOE OBSHCHESTVO": ["AO", "JSC"], "AKTIENGESELLSCHAFT": ["AG"], "COMPANY LIMITED": ["CO LTD"], "SOCIEDAD ANONIMA": ["SA"],
}
ABBREVIATED = {
    "LLC": ["LIMITED LIABILITY COMPANY", "OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU"], "OOO": ["OBSHCHESTVO S OGRANICHENNOY OTVETSTVENNOSTYU", "LIMITED LIABILITY COMPANY"],
    "OAO": ["OPEN JOINT STOCK COMPANY", "OTKRYTOE AKTSIONERNOE OBSHCHESTVO"], "ZAO": ["CLOSED JOINT STOCK COMPANY", "ZAKRYTOE AKTSIONERNOE OBSHCHESTVO"],
    "PJSC": ["PUBLIC JOINT STOCK COMPANY"], "JSC": ["JOINT STOCK COMPANY"], "AO": ["AKTSIONERNOE OBSHCHESTVO", "JOINT STOCK COMPANY"],
    "GMBH": ["GESELLSCHAFT MIT BESCHRAENKTER HAFTUNG"], "AG": ["AKTIENGESELLSCHAFT"], "LTD": ["LIMITED"], "CO LTD": ["COMPANY LIMITED"],
}
def clean(n): return re.sub(r"\s+", " ", re.sub(r"[\",.()]", " ", n)).strip().upper()
legal = []
for uid, ns in names.items():
    if kind.get(uid) != "organization":
        continue
    n = clean(ns[0])
    for w, abbrs in WRITTEN.items():
        if re.search(rf"(^| ){w}( |$)", n):
            rest = re.sub(rf"(^| ){w}( |$)", " ", n).strip()
            if len(rest.split()) >= 1 and len(rest) >= 4:
                legal.append((f"{rng.choice(abbrs)} {rest}" if rng.random() < 0.5 else f"{rest} {rng.choice(abbrs)}", uid))
            break
    else:
        m = re.match(r"^(LLC|OOO|OAO|ZAO|PJSC|JSC|AO) (.+)$", n) or re.match(r"^(.+?) (LLC|GMBH|AG|CO LTD|LTD|JSC)$", n)
        if m:
            abbr, rest = (m.group(1), m.group(2)) if m.group(1) in ABBREVIATED else (m.group(2), m.group(1))
            if len(rest) >= 4:
                legal.append((f"{rest} {rng.choice(ABBREVIATED[abbr])}", uid))
for name, uid in rng.sample(legal, min(200, len(legal))):
    add("legal-form", "same", name, "organization", uid)

# --- numbers ---------------------------------------------------------------------------------------------------
ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV", 5: "V", 6: "VI", 7: "VII", 8: "VIII", 9: "IX", 10: "X", 11: "XI", 12: "XII", 13: "XIII", 14: "XIV", 15: "XV", 16: "XVI", 17: "XVII", 18: "XVIII", 19: "XIX", 20: "XX"}
WORDS = {1: "ONE", 2: "TWO", 3: "THREE", 4: "FOUR", 5: "FIVE", 6: "SIX", 7: "SEVEN", 8: "EIGHT", 9: "NINE", 10: "TEN", 11: "ELEVEN", 12: "TWELVE", 20: "TWENTY"}
FROM_ROMAN = {v: k for k, v in ROMAN.items()}
numbered = []
for uid, ns in names.items():
    if kind.get(uid) not in ("vessel", "organization"):
        continue
    for n in ns[:3]:
        toks = clean(n).split()
        for i, t in enumerate(toks):
            v = int(t) if t.isdigit() and 1 <= int(t) <= 20 else (FROM_ROMAN.get(t) if i > 0 and len(t) > 1 else None)
            if v and len(toks) >= 2:
                numbered.append((toks, i, v, uid, kind[uid]))
                break
seen = set()
for toks, i, v, uid, typ in rng.sample(numbered, len(numbered)):
    if uid in seen or len(seen) >= 150:
        continue
    seen.add(uid)
    forms = [f for f in (str(v), ROMAN.get(v), WORDS.get(v)) if f and f != toks[i]]
    add("number", "same", " ".join(toks[:i] + [rng.choice(forms)] + toks[i + 1:]), typ, uid)
    other = v + 2
    add("number-diff", "different", " ".join(toks[:i] + [str(other) if toks[i].isdigit() else ROMAN[other]] + toks[i + 1:]), typ, uid)

# --- hypocorisms ------------------------------------------------------------------------------------------------
# Published familiar forms (English and Russian given-name dictionaries), one per formal name.
HYPO = {"THOMAS": "TOM", "WILLIAM": "BILL", "ROBERT": "BOB", "RICHARD": "RICK", "JAMES": "JIM", "JOHN": "JACK", "JOSEPH": "JOE",
        "EDWARD": "TED", "CHARLES": "CHARLIE", "MICHAEL": "MIKE", "ANTHONY": "TONY", "CHRISTOPHER": "CHRIS", "DANIEL": "DANNY",
        "DAVID": "DAVE", "SAMUEL": "SAM", "STEPHEN": "STEVE", "STEVEN": "STEVE", "NICHOLAS": "NICK", "PATRICK": "PADDY", "PETER": "PETE",
        "MATTHEW": "MATT", "ANDREW": "ANDY", "ELIZABETH": "LIZ", "MARGARET": "PEGGY", "KATHERINE": "KATE",
        "DMITRIY": "DIMA", "DMITRY": "DIMA", "DMITRI": "DIMA", "MIKHAIL": "MISHA", "VLADIMIR": "VOVA", "IVAN": "VANYA", "NIKOLAY": "KOLYA",
        "NIKOLAI": "KOLYA", "SERGEY": "SERYOZHA", "SERGEI": "SERYOZHA", "YEVGENIY": "ZHENYA", "EVGENIY": "ZHENYA", "ANATOLIY": "TOLYA",
        "KONSTANTIN": "KOSTYA", "VIKTOR": "VITYA", "PAVEL": "PASHA", "GRIGORIY": "GRISHA", "BORIS": "BORYA", "YURIY": "YURA",
        "ALEKSANDR": "SASHA", "ALEXANDER": "SASHA", "ALEKSEY": "ALYOSHA", "ALEXEY": "ALYOSHA", "VYACHESLAV": "SLAVA", "STANISLAV": "STAS",
        "VASILIY": "VASYA", "YEKATERINA": "KATYA", "EKATERINA": "KATYA", "TATIANA": "TANYA", "TATYANA": "TANYA", "NATALIA": "NATASHA",
        "NATALYA": "NATASHA", "ELENA": "LENA", "YELENA": "LENA", "MARIA": "MASHA", "OLGA": "OLYA", "SVETLANA": "SVETA", "FRANCISCO": "PACO",
        "JOSE": "PEPE", "IGNACIO": "NACHO", "MANUEL": "MANOLO", "GIUSEPPE": "BEPPE", "GIOVANNI": "GIANNI"}
hyp = []
for r in sdn:
    if kind.get(r[0]) != "person" or "," not in r[1]:
        continue
    last, first = [p.strip() for p in r[1].split(",", 1)]
    given = first.split()
    if given and given[0].upper() in HYPO:
        hyp.append((f"{HYPO[given[0].upper()]} {' '.join(given[1:])} {last}".replace("  ", " "), r[0]))
for name, uid in rng.sample(hyp, min(150, len(hyp))):
    add("hypocorism", "same", name, "person", uid)

# --- digits for letters, placeholder dates, role swaps ------------------------------------------------------------------
people = [r for r in sdn if kind.get(r[0]) == "person" and "," in r[1]]
LEET = {"o": "0", "e": "3", "i": "1", "a": "4", "s": "5"}
for r in rng.sample(people, 150):
    last, first = [p.strip() for p in r[1].split(",", 1)]
    name = list(f"{first} {last.title()}")
    spots = [k for k, c in enumerate(name) if c.lower() in LEET and 0 < k]
    for k in rng.sample(spots, min(2, len(spots))):
        name[k] = LEET[name[k].lower()]
    add("digits", "same", "".join(name), "person", r[0])
MONTHS = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
dated = []
for r in people:
    m = re.search(r"DOB (\d{2}) (\w{3}) (\d{4})", r[11])
    if m and m.group(2) in MONTHS and not (m.group(1) == "01" and m.group(2) == "Jan"):
        dated.append((r, int(m.group(3))))
for r, year in rng.sample(dated, 150):
    last, first = [p.strip() for p in r[1].split(",", 1)]
    add("placeholder", "same", f"{first} {last.title()}", "person", r[0], f"{year + rng.choice([-2, -1, 1, 2])}-01-01")
swaps = []
for r in people:
    last, first = [p.strip() for p in r[1].split(",", 1)]
    t = clean(first).split()
    if len(t) >= 3 and t[1] in ("BIN", "IBN", "BEN") and t[0] != t[2] and len(t[0]) > 2 and len(t[2]) > 2:
        swaps.append((" ".join([t[2], t[1], t[0]] + t[3:] + [last.title()]), r[0]))
for name, uid in rng.sample(swaps, min(100, len(swaps))):
    add("role-swap", "different", name, "person", uid)

# --- Han and Hangul: one character read alike ---------------------------------------------------------------
HAN = {"正": "政", "金": "今", "成": "城", "明": "名", "国": "果", "华": "化", "李": "里", "王": "旺", "张": "章", "林": "琳", "平": "萍",
       "军": "君", "伟": "维", "东": "冬", "海": "亥", "龙": "隆", "永": "勇", "英": "鹰", "文": "闻", "德": "得", "强": "墙", "芳": "方",
       "静": "靜", "丽": "立", "敏": "闽", "娜": "那", "磊": "垒", "洋": "阳", "刘": "留", "陈": "晨", "杨": "羊", "黄": "皇", "赵": "照",
       "吴": "无", "周": "舟", "徐": "许", "孙": "荪"}
HANGUL = {"은": "운", "정": "종", "영": "용", "현": "헌", "민": "문", "준": "존", "서": "소", "지": "제", "수": "소", "김": "금", "이": "리",
          "박": "벅", "최": "채"}
def everyday(script):
    out = {"given": [], "family": []}
    for f in ("scripts.tsv", "global.tsv"):
        for line in open(ROOT / "eval/names" / f, encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if len(p) == 3 and not line.startswith("#") and p[0] == script:
                out[p[1]].append(p[2])
    return out
for script, table, cls in (("chinese", HAN, "han-diff"), ("korean", HANGUL, "hangul-diff")):
    parts = everyday(script)
    made = set()
    tries = 0
    while len(made) < 60 and tries < 5000:
        tries += 1
        listed = rng.choice(parts["family"]) + rng.choice(parts["given"])
        spots = [k for k, c in enumerate(listed) if c in table]
        if not spots or listed in made:
            continue
        made.add(listed)
        k = rng.choice(spots)
        add(cls, "different", listed[:k] + table[listed[k]] + listed[k + 1:], "person", f"w:{listed}")

with open(OUT, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "class", "expect", "name", "type", "dob", "target"])
    w.writerows(rows)
from collections import Counter
print(Counter(r[1] for r in rows))
