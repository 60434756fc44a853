#!/usr/bin/env python3
"""Offline address matching on real data (issue 16): how the addresses of a real
介護サービス情報公表 file match the real 位置参照情報 大字・町丁目 files.

Runs `careatlas import --facilities FILE --addresses A --addresses B … --out WORK`, reads
the registry (WORK/registry.gpkg, an SQLite file) with sqlite3 and prints, in Markdown,
for the facilities of the given prefectures (by the first two digits of their
municipality code):

  - how many matched, and at which level (registry facilities.address_level,
    address_matched, address_distance_m, location_source);
  - the share matched at 町丁目 or 大字 level or finer;
  - the distance between the published point and the matched point: min, quartiles,
    median, max (statistics.quantiles, inclusive method), overall and per level;
  - every facility, its address and what it matched;
  - every facility that did not match or matched only at 市区町村 level, with the
    reference towns of its municipality whose name appears in the address (a hint of
    the normalisation rule that is missing).

Standard library only. The data files are read where they lie (nothing is copied).

  python3 bench/address_match_real.py --careatlas build/engine/cli/careatlas
  python3 bench/address_match_real.py --careatlas build/engine/cli/careatlas \\
      --facilities ../shared/data/real/kaigo/jigyosho_770_national.csv \\
      --addresses ../shared/data/real/address/30_2023.csv \\
      --addresses /tmp/isj/45000-17.0b/45_2023.csv --addresses /tmp/isj/47000-17.0b/47_2023.csv \\
      --prefectures 30 45 47
"""
import argparse
import csv
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
import unicodedata

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared")
DEFAULT_FACILITIES = os.path.join(SHARED, "data/real/kaigo/jigyosho_770_national.csv")
DEFAULT_ADDRESSES = [
    os.path.join(SHARED, "data/real/address/30_2023.csv"),  # 和歌山県, 17.0b
    "/tmp/isj/45000-17.0b/45_2023.csv",  # 宮崎県, 17.0b (geolonia/japanese-addresses-v2 test fixtures)
    "/tmp/isj/47000-17.0b/47_2023.csv",  # 沖縄県, 17.0b (idem)
]
LEVELS = [("block", "街区"), ("chome", "町丁目"), ("oaza", "大字"), ("municipality", "市区町村"), ("", "not matched")]


def import_registry(careatlas, facilities, addresses, work):
    if os.path.isdir(work):
        shutil.rmtree(work)
    cmd = [careatlas, "import", "-q", "--facilities", facilities]
    for a in addresses:
        cmd += ["--addresses", a]
    cmd += ["--out", work]
    t0 = time.monotonic()
    res = subprocess.run(cmd, capture_output=True, text=True)
    elapsed = time.monotonic() - t0
    if res.returncode != 0:
        sys.stderr.write(res.stdout + res.stderr)
        sys.exit(f"careatlas import failed (exit {res.returncode})")
    return os.path.join(work, "registry.gpkg"), elapsed


def facilities_of(registry, prefectures):
    con = sqlite3.connect(registry)
    con.row_factory = sqlite3.Row
    rows = con.execute(
        "SELECT source_row, municipality_code, name, address, address_building, location_source, address_level, "
        "address_matched, address_distance_m, location_suspect FROM facilities ORDER BY source_row").fetchall()
    total = len(rows)
    con.close()
    return total, [r for r in rows if (r["municipality_code"] or "")[:2] in prefectures]


def reference_towns(addresses):
    """municipality code → [(town name, key)] of the 大字・町丁目 files (CP932)."""
    towns = {}
    for path in addresses:
        with open(path, encoding="cp932", newline="") as f:
            for r in csv.DictReader(f):
                name = r.get("大字町丁目名", "")
                key = unicodedata.normalize("NFKC", name)
                for p in ("大字", "字"):
                    if key.startswith(p) and len(key) > len(p):
                        key = key[len(p):]
                        break
                towns.setdefault(r.get("市区町村コード", ""), []).append((name, key))
    return towns


def quartiles(values):
    if not values:
        return None
    v = sorted(values)
    if len(v) == 1:
        return v[0], v[0], v[0], v[0], v[0]
    q1, q2, q3 = statistics.quantiles(v, n=4, method="inclusive")
    return v[0], q1, q2, q3, v[-1]


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--careatlas", default=os.path.join(REPO, "build/engine/cli/careatlas"))
    ap.add_argument("--facilities", default=DEFAULT_FACILITIES)
    ap.add_argument("--addresses", action="append", help="位置参照情報 file (repeatable; default: 30, 45, 47)")
    ap.add_argument("--prefectures", nargs="+", default=["30", "45", "47"], help="2-digit prefecture codes")
    ap.add_argument("--work", default="/tmp/careatlas_address_real")
    a = ap.parse_args()
    addresses = a.addresses or DEFAULT_ADDRESSES
    for p in [a.facilities] + addresses:
        if not os.path.isfile(p):
            sys.exit(f"missing input: {p}")

    registry, elapsed = import_registry(a.careatlas, a.facilities, addresses, a.work)
    total, rows = facilities_of(registry, set(a.prefectures))
    n = len(rows)
    print(f"`careatlas import` of {os.path.basename(a.facilities)} ({total} facilities) with "
          f"{len(addresses)} 位置参照情報 files: {elapsed:.2f} s. Facilities of prefectures "
          f"{', '.join(a.prefectures)}: **{n}**.\n")

    print("| level (address_level) | facilities | share |")
    print("|---|---:|---:|")
    for level, label in LEVELS:
        k = sum(1 for r in rows if (r["address_level"] or "") == level)
        print(f"| {label}{' (' + level + ')' if level else ''} | {k} | {100.0 * k / n:.1f} % |" if n else f"| {label} | 0 | — |")
    fine = sum(1 for r in rows if r["address_level"] in ("block", "chome", "oaza"))
    print(f"\nMatched at 大字 level or finer: **{fine} of {n}** ({100.0 * fine / n:.1f} %)." if n else "")
    sources = {}
    for r in rows:
        sources[r["location_source"] or "(none)"] = sources.get(r["location_source"] or "(none)", 0) + 1
    print("location_source: " + ", ".join(f"{k} {v}" for k, v in sorted(sources.items())) + ".")
    suspect = sum(1 for r in rows if r["location_suspect"])
    print(f"location_suspect (published point more than [locate] suspect_distance_m from its match): {suspect}.\n")

    print("Distance between the published point and the matched point (address_distance_m, metres):\n")
    print("| matched at | n | min | 1st quartile | median | 3rd quartile | max |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    groups = [("every level (大字 or finer)", ("block", "chome", "oaza"))] + [
        (label, (level,)) for level, label in LEVELS[:3]]
    for label, levels in groups:
        d = [r["address_distance_m"] for r in rows if r["address_level"] in levels and r["address_distance_m"] is not None]
        q = quartiles(d)
        if q:
            print(f"| {label} | {len(d)} | " + " | ".join(f"{x:,.0f}" for x in q) + " |")
        else:
            print(f"| {label} | 0 | — | — | — | — | — |")

    print("\nEvery facility:\n")
    print("| line | code | 住所 | matched (address_matched) | level | distance m | suspect |")
    print("|---:|---|---|---|---|---:|---|")
    for r in rows:
        dist = "" if r["address_distance_m"] is None else f"{r['address_distance_m']:,.0f}"
        addr = (r["address"] or "").replace("|", "\\|")
        print(f"| {r['source_row']} | {r['municipality_code']} | {addr} | {r['address_matched'] or ''} | "
              f"{r['address_level'] or '—'} | {dist} | {'yes' if r['location_suspect'] else ''} |")

    coarse = [r for r in rows if (r["address_level"] or "") in ("", "municipality")]
    print(f"\nNot matched, or matched at 市区町村 level only: {len(coarse)}.")
    if coarse:
        towns = reference_towns(addresses)
        for r in coarse:
            addr = unicodedata.normalize("NFKC", r["address"] or "")
            hits = [name for name, key in towns.get(r["municipality_code"], []) if key and key in addr]
            print(f"- line {r['source_row']}, {r['municipality_code']}: {r['address']} → "
                  f"{r['address_matched'] or 'no match'}; reference towns of {r['municipality_code']} named in the "
                  f"address: {', '.join(hits) if hits else 'none'}")


if __name__ == "__main__":
    main()
