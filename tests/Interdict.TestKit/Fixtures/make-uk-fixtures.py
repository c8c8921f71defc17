#!/usr/bin/env python3
"""Trims the real UK files in ../shared/data/lists to small test fixtures, keeping each file's own layout and bytes
of the rows kept (issue #22):

- uk-ofsi/2025-04-14/ConList.xlsx: OFSI's workbook with its first two rows (Last Updated, header) and every row of a
  few groups (SOLEIMANI, ISLAMIC REVOLUTIONARY GUARD CORPS, the first ship, the first group with a name in non-Latin
  script), rows renumbered, shared strings reduced to those used;
- uk-fcdo/2025-11-19/FCDO_SL_summary.ods: the FCDO summary export with its header and the rows of the same people and
  ships plus the first rows designated by the UN.

Usage: python3 tests/Interdict.TestKit/Fixtures/make-uk-fixtures.py [SHARED_DIR]  (default ../shared)
"""
import pathlib
import re
import sys
import zipfile

ROOT = pathlib.Path(__file__).resolve().parent
SHARED = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else ROOT.parents[2] / ".." / "shared").resolve()


def col(ref):
    n = 0
    for ch in re.match(r"[A-Z]+", ref).group(0):
        n = n * 26 + ord(ch) - 64
    return n - 1


def trim_xlsx(src, dst):
    z = zipfile.ZipFile(src)
    strings = [m for m in re.findall(r"<si>(.*?)</si>", z.read("xl/sharedStrings.xml").decode("utf-8"), re.S)]
    text = [re.sub(r"<[^>]+>", "", s) for s in strings]
    sheet = z.read("xl/worksheets/sheet1.xml").decode("utf-8-sig")
    head, body, tail = re.match(r"(.*<sheetData>)(.*)(</sheetData>.*)", sheet, re.S).groups()
    rows = re.findall(r"<row [^>]*>.*?</row>", body, re.S)

    def cells(row):
        out = {}
        for attrs, inner in re.findall(r"<c ([^>]*?)(?:/>|>(.*?)</c>)", row, re.S):
            ref = re.search(r'r="([A-Z]+)\d+"', attrs).group(1)
            v = re.search(r"<v>(.*?)</v>", inner or "")
            out[col(ref)] = text[int(v.group(1))] if v and 't="s"' in attrs else (v.group(1) if v else "")
        return out

    header = cells(rows[1])
    index = {name: c for c, name in header.items()}
    data = [(r, cells(r)) for r in rows[2:]]
    wanted = set()
    for _, c in data:
        g = c.get(index["Group ID"], "")
        if c.get(index["Name 6"], "") in ("SOLEIMANI", "ISLAMIC REVOLUTIONARY GUARD CORPS"):
            wanted.add(g)
    wanted.add(next(c[index["Group ID"]] for _, c in data if c.get(index["Group Type"]) == "Ship"))
    wanted.add(next(c[index["Group ID"]] for _, c in data if c.get(index["Name Non-Latin Script"], "")))
    kept = rows[:2] + [r for r, c in data if c.get(index["Group ID"]) in wanted]
    used = {}

    def renumber(row, number):
        row = re.sub(r'(<row [^>]*?r=")\d+(")', lambda m: f"{m.group(1)}{number}{m.group(2)}", row, count=1)
        row = re.sub(r'(<c [^>]*?r="[A-Z]+)\d+(")', lambda m: f"{m.group(1)}{number}{m.group(2)}", row)

        def shared(m):
            i = int(m.group(2))
            used.setdefault(i, len(used))
            return f"{m.group(1)}<v>{used[i]}</v>"

        return re.sub(r'(<c [^>]*t="s"[^>]*>)<v>(\d+)</v>', shared, row)

    new_rows = [renumber(r, n + 1) for n, r in enumerate(kept)]
    last = re.search(r'<dimension ref="A1:([A-Z]+)\d+"', head).group(1)
    head = re.sub(r'<dimension ref="[^"]*"', f'<dimension ref="A1:{last}{len(new_rows)}"', head)
    order = sorted(used, key=used.get)
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes" ?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
           f'count="{len(order)}" uniqueCount="{len(order)}">' + "".join(f"<si>{strings[i]}</si>" for i in order) + "</sst>")
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            if item.filename == "xl/sharedStrings.xml":
                out.writestr(item, sst)
            elif item.filename == "xl/worksheets/sheet1.xml":
                out.writestr(item, "\ufeff" + head + "".join(new_rows) + tail)
            else:
                out.writestr(item, z.read(item.filename))
    print(f"{dst}: {len(new_rows) - 2} rows of groups {sorted(wanted)}")


def trim_ods(src, dst):
    z = zipfile.ZipFile(src)
    content = z.read("content.xml").decode("utf-8")
    start = content.index("<table:table-row")
    end = content.rindex("</table:table-row>") + len("</table:table-row>")
    rows = re.findall(r"<table:table-row[ >].*?</table:table-row>|<table:table-row[^>]*/>", content[start:end], re.S)

    def plain(row):
        return re.sub(r"<[^>]+>", "|", row)

    kept = [rows[0]]
    kept += [r for r in rows[1:] if re.search(r"SOLEIMANI|ISLAMIC REVOLUTIONARY GUARD CORPS", plain(r))]
    kept += [r for r in rows[1:] if "|Ship|" in plain(r)][:3]
    kept += [r for r in rows[1:] if re.search(r"\|UN\|", plain(r))][:3]
    seen = []
    for r in kept:
        if r not in seen:
            seen.append(r)
    dst.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as out:
        for item in z.infolist():
            if item.filename == "content.xml":
                out.writestr(item, content[:start] + "".join(seen) + content[end:])
            elif item.filename == "mimetype":
                out.writestr(item, z.read(item.filename), compress_type=zipfile.ZIP_STORED)
            else:
                out.writestr(item, z.read(item.filename))
    print(f"{dst}: {len(seen) - 1} rows")


trim_xlsx(SHARED / "data/lists/uk-ofsi-conlist/2025-04-14/ConList.xlsx", ROOT / "uk-ofsi/2025-04-14/ConList.xlsx")
trim_ods(SHARED / "data/lists/uk-fcdo-sanctions-list-summary/2025-11-19/FCDO_SL_summary.ods", ROOT / "uk-fcdo/2025-11-19/FCDO_SL_summary.ods")
