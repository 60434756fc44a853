#!/usr/bin/env python3
"""National-scale inputs for `careatlas import`, and the time and peak memory of each
import (issue 6, item 5). Standard library only.

    bench/scale.py --careatlas build/engine/cli/careatlas [--world DIR] [--work DIR] [CASE ...]

Writes the inputs into --work (default /tmp/careatlas_scale), runs `careatlas import` on
each in its own process and prints a Markdown table: wall time, peak resident memory
(getrusage of the child), rows read / imported / rejected, exit status.

Cases (all by default):
  kaigo_430     介護サービス情報公表 CSV of 居宅介護支援 (service 430), one row for each
                care-management office of the world (36,364 in the nation world), in the
                published layout (UTF-8 with BOM, CRLF, 24 columns)
  nation        the whole nation world: districts.geojson (1,700 districts),
                facilities.csv (164,582) and mesh_population.csv
  long_line     a 介護 CSV whose one row carries a 10 MB 利用可能曜日特記事項
  million_rows  a careatlas facility CSV of 10^6 rows (90 MB)
  million_vertices  one district polygon of 10^6 vertices (41 MB GeoJSON)
  kaigo_430_area  the kaigo_430 file imported for a project whose area is one
                municipality of the world (project.toml with area = [...]): every office
                farther than 16 km from it is skipped
  kaigo_430_area_x5  the same with the file's rows five times over (181,820 rows): the
                same peak shows that memory does not grow with the rows skipped
  long_fields   10 MB of Japanese prose in each column in turn of the 介護, 医療情報ネット
                (施設票, 時間票) and survey layouts, one import per column; the row gives
                the slowest column and the largest peak (a quadratic parser shows here:
                the fuzzers' inputs stop at 1 MB)
"""
import argparse
import csv
import io
import json
import math
import os
import subprocess
import sys
import time

KAIGO_HEADER = [
    "都道府県コード又は市町村コード", "No", "都道府県名", "市区町村名", "事業所名", "事業所名カナ", "サービスの種類",
    "住所", "方書（ビル名等）", "緯度", "経度", "電話番号", "FAX番号", "法人番号", "法人の名称", "事業所番号",
    "利用可能曜日", "利用可能曜日特記事項", "定員", "URL", "高齢者の方と障害者の方が同時一体的に利用できるサービス",
    "介護保険の通常の指定基準を満たしている", "障害福祉の通常の指定基準を満たしている", "備考",
]


def write_csv(path, rows, bom=True):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for r in rows:
        w.writerow(r)
    with open(path, "wb") as f:
        if bom:
            f.write(b"\xef\xbb\xbf")
        f.write(buf.getvalue().encode("utf-8"))


def kaigo_row(i, name, lat, lon, note=""):
    number = f"{1370000000 + i:010d}"
    return ["131016", number, "東京都", "千代田区", name, "", "居宅介護支援", f"東京都千代田区一番町{i % 50 + 1}-{i % 9 + 1}", "",
            f"{lat:.6f}", f"{lon:.6f}", "03-0000-0000", "", "", "", number, "平日,土曜日", note, "", "", "", "", "", ""]


def gen_kaigo_430(world, work):
    rows = [KAIGO_HEADER]
    with open(os.path.join(world, "facilities.csv"), encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["kind"] == "care_management":
                rows.append(kaigo_row(len(rows), r["name"], float(r["lat"]), float(r["lon"])))
    path = os.path.join(work, "jigyosho_430.csv")
    write_csv(path, rows)
    return ["--facilities", path], len(rows) - 1


def gen_kaigo_430_area(world, work, copies=1):
    """kaigo_430 for a project whose area is the world's first municipality (by id); with
    copies > 1 the file holds its rows that many times (other 事業所番号, same places)."""
    args, rows = gen_kaigo_430(world, work)
    if copies > 1:
        with open(args[1], "rb") as f:
            data = f.read()
        head, body = data.split(b"\r\n", 1)
        lines = body.split(b"\r\n")[:-1]
        path = os.path.join(work, f"jigyosho_430_x{copies}.csv")
        with open(path, "wb") as f:
            f.write(head + b"\r\n")
            for c in range(copies):
                for line in lines:
                    fields = line.split(b",")
                    fields[1] = fields[15] = str(int(fields[15]) + c * 1_000_000).encode()  # No and 事業所番号
                    f.write(b",".join(fields) + b"\r\n")
        args, rows = ["--facilities", path], rows * copies
    with open(os.path.join(world, "districts.geojson"), encoding="utf-8") as f:
        ids = sorted(feat["properties"]["district_id"] for feat in json.load(f)["features"])
    code = next(i for i in ids if len(i) == 5 and i.isdigit())
    project = os.path.join(work, "area_project.toml")
    with open(project, "w", encoding="utf-8") as f:
        f.write(f'[project]\ntitle = "area {code}"\narea = ["{code}"]\n\n'
                f'[[facilities]]\npath = "{args[1]}"\n\n'
                f'[[districts]]\npath = "{os.path.join(world, "districts.geojson")}"\nlevel = "municipality"\n'
                f'columns = {{ id = "district_id", name = "name", parent = "parent_id" }}\n')
    return [project], rows


def gen_long_line(world, work):
    note = ("緊急時は二十四時間連絡可。" * 900_000)[: 10 * 1024 * 1024 // 3]
    rows = [KAIGO_HEADER, kaigo_row(1, "長い特記事項の事業所", 35.68, 139.76, note), kaigo_row(2, "ふつうの事業所", 35.69, 139.77)]
    path = os.path.join(work, "long_line_430.csv")
    write_csv(path, rows)
    return ["--facilities", path], 2


def gen_million_rows(world, work):
    path = os.path.join(work, "million.csv")
    kinds = ["clinic", "hospital", "home_nursing", "care_management", "community_support_center"]
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("facility_id,name,kind,lat,lon,home_visit,support_24h,hours,doctors\n")
        for i in range(1_000_000):
            lat = 33.7 + (i * 7919 % 100_000) / 100_000 * 5.0
            lon = 136.5 + (i * 104_729 % 100_000) / 100_000 * 6.0
            f.write(f"M{i:07d},施設{i},{kinds[i % 5]},{lat:.6f},{lon:.6f},{i % 2},{i % 3 == 0:d},Mon-Fri 09:00-17:00,{i % 4}\n")
    return ["--facilities", path], 1_000_000


def gen_million_vertices(world, work):
    n = 1_000_000
    ring = []
    for k in range(n):
        a = 2 * math.pi * k / n
        r = 0.2 * (1 + 0.05 * math.sin(a * 997))  # a star: every vertex counts
        ring.append([round(139.7 + r * math.cos(a), 7), round(35.6 + r * math.sin(a), 7)])
    ring.append(ring[0])
    doc = {"type": "FeatureCollection", "features": [{
        "type": "Feature",
        "properties": {"N03_001": "東京都", "N03_004": "百万頂点市", "N03_007": "13999"},
        "geometry": {"type": "Polygon", "coordinates": [ring]}}]}
    path = os.path.join(work, "million_vertices.geojson")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
    return ["--districts", path], 1


def gen_nation(world, work):
    return ["--districts", os.path.join(world, "districts.geojson"),
            "--facilities", os.path.join(world, "facilities.csv"),
            "--population", os.path.join(world, "mesh_population.csv")], None


FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "fixtures")
LONG_TEXT = ("月〜金 9:00～12:00・第3水曜日午後休診、緊急時24時間連絡可／年末年始（12/29～1/3）。" * 300_000)[: 10 * 1024 * 1024 // 3]


def long_field_files(work):
    """(name, [careatlas import args]) per column of each layout, the value 10 MB long."""
    iryo = os.path.join(FIXTURES, "iryo")
    facility_table = os.path.join(iryo, "02-1_clinic_facility_info_20260401.csv")
    layouts = [("kaigo", [KAIGO_HEADER, kaigo_row(1, "x", 35.68, 139.76)], "--facilities", []),
               ("iryo_facility", facility_table, "--facilities", []),
               ("iryo_hours", os.path.join(iryo, "02-2_clinic_speciality_hours_20260401.csv"), "--facilities",
                ["--facilities", facility_table]),
               ("survey", os.path.join(FIXTURES, "survey", "ishikai_survey_2026.csv"), "--survey",
                ["--facilities", facility_table])]
    for name, source, option, extra in layouts:
        if isinstance(source, str):
            raw = open(source, "rb").read()
            try:
                text = raw.decode("utf-8-sig")
            except UnicodeDecodeError:
                text = raw.decode("cp932")
            rows = list(csv.reader(io.StringIO(text)))
        else:
            rows = source
        for col, column in enumerate(rows[0]):
            row = list(rows[1])
            row[col] = LONG_TEXT
            path = os.path.join(work, f"long_{name}_{col}_430.csv" if name == "kaigo" else f"long_{name}_{col}.csv")
            write_csv(path, [rows[0], row])
            yield f"{name} {column}", [*extra, option, path]


def run_import(careatlas, args, out, stderr_path):
    """(wall seconds, peak RSS in bytes, exit code, stderr) of one `careatlas import`."""
    t0 = time.monotonic()
    with open(stderr_path, "w+") as err:
        child = subprocess.Popen([careatlas, "import", *args, "--out", out], stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own rusage
        wall = time.monotonic() - t0
        err.seek(0)
        return wall, usage.ru_maxrss * 1024, os.waitstatus_to_exitcode(status), err.read()


CASES = {"kaigo_430": gen_kaigo_430, "kaigo_430_area": gen_kaigo_430_area,
         "kaigo_430_area_x5": lambda world, work: gen_kaigo_430_area(world, work, 5), "nation": gen_nation, "long_line": gen_long_line,
         "million_rows": gen_million_rows, "million_vertices": gen_million_vertices, "long_fields": None}


def report_totals(report_csv):
    """rows_read, imported, rejected summed over import_report.csv."""
    if not os.path.exists(report_csv):
        return None
    with open(report_csv, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return tuple(sum(int(r[c]) for r in rows) for c in ("rows_read", "imported", "rejected", "skipped"))


def generate(name, world, work):
    """The inputs of one case, as JSON on stdout: [[label, args, rows], …]."""
    if name == "long_fields":
        runs = [[column, args, 1] for column, args in long_field_files(work)]
    else:
        args, rows = CASES[name](world, work)
        runs = [[name, args, rows]]
    json.dump(runs, sys.stdout, ensure_ascii=False)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--careatlas", required=True)
    ap.add_argument("--world", default="/tmp/bench_work/worlds/nation")
    ap.add_argument("--work", default="/tmp/careatlas_scale")
    ap.add_argument("--generate", help=argparse.SUPPRESS)
    ap.add_argument("cases", nargs="*", default=list(CASES))
    a = ap.parse_args()
    os.makedirs(a.work, exist_ok=True)
    if a.generate:
        return generate(a.generate, a.world, a.work)
    print("| input | rows | time | peak RSS | read / imported / rejected / skipped | exit |")
    print("|---|---:|---:|---:|---|---:|")
    for name in a.cases:
        # Inputs are made in a child process: a child's peak RSS counts the memory of the
        # process it was forked from, so this one must stay small.
        made = subprocess.run([sys.executable, os.path.abspath(__file__), "--careatlas", a.careatlas, "--world", a.world,
                               "--work", a.work, "--generate", name], check=True, capture_output=True, text=True)
        runs = json.loads(made.stdout)
        worst = None
        for label, args, rows in runs:
            out = os.path.join(a.work, "out_" + name)
            wall, peak, code, stderr = run_import(a.careatlas, args, out, os.path.join(a.work, name + ".stderr"))
            totals = report_totals(os.path.join(out, "import_report.csv")) if code == 0 else None
            counts = " / ".join(f"{v:,}" for v in totals) if totals else (stderr.strip().splitlines() or [""])[-1][:80]
            line = (wall, f"| {label} | {rows if rows is not None else '—'} | {wall:.2f} s | {peak / 2**20:.0f} MB | "
                          f"{counts} | {code} |")
            if len(runs) == 1 or code != 0:
                print(line[1], flush=True)
            worst = max(worst or line, line)
        if len(runs) > 1:
            print(f"{worst[1]} ← slowest of {len(runs)} ({name})", flush=True)


if __name__ == "__main__":
    sys.exit(main())
