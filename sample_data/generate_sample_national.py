#!/usr/bin/env python3
"""The second sample project: みさき市 as a municipality works from the NATIONAL downloads.

A real municipality does not get its own files: it downloads the national 介護サービス情報公表
CSV of each service (every office in Japan) and the N03 layer of its prefecture, and names
its area in the project file. This script makes such downloads around the fictional town of
generate_sample_town.py (run that first; this one reads its files) and writes
sample_data/misaki_national/:

  kaigo/jigyosho_430.csv, kaigo/jigyosho_130.csv
      national-style files (UTF-8 BOM, CRLF, 24 columns, quoted only when needed): the
      town's own rows, byte for byte as in misaki/kaigo/, among rows of every prefecture of
      Japan (fictional offices at fictional places inside each prefecture's box, about one
      in twenty with 0.000000000000000 coordinates as in the real files), and rows of the
      fictional neighbour しおかぜ町 (23998) just west of the town: some within 16 km of it
      (they serve みさき's residents and are kept), some beyond
  boundaries/N03-24_22-23_240101.geojson
      N03 (2024 layout) of two prefectures: the town (and its 所属未定地) from
      misaki/boundaries/, しおかぜ町 beside it, ふもと村 (23997) north of the town and
      はるかぜ市 (22999) east of it, both beyond 16 km
  project.toml
      area = ["23999"]: careatlas keeps the town's rows and the neighbours within reach,
      and counts the rest as skipped (outside the project area)

Python 3 standard library only, seed 20261207: two runs give byte-identical files.
  /usr/bin/python3 sample_data/generate_sample_national.py
"""
import json
import os
import random

from sample_town_helpers import code6, csv_line

HERE = os.path.dirname(os.path.abspath(__file__))
TOWN = os.path.join(HERE, "misaki")
OUT = os.path.join(HERE, "misaki_national")

# Prefecture code → (name, a municipality of it, lon/lat box well inside it). Rough boxes
# of each prefecture's populated part; the offices are fictional.
PREFECTURES = {
    "01": ("北海道", "01100", "札幌市", (141.2, 42.9, 141.5, 43.2)), "02": ("青森県", "02201", "青森市", (140.6, 40.7, 140.9, 40.9)),
    "03": ("岩手県", "03201", "盛岡市", (141.0, 39.6, 141.3, 39.8)), "04": ("宮城県", "04100", "仙台市", (140.7, 38.2, 141.0, 38.4)),
    "05": ("秋田県", "05201", "秋田市", (140.0, 39.6, 140.3, 39.8)), "06": ("山形県", "06201", "山形市", (140.2, 38.2, 140.4, 38.3)),
    "07": ("福島県", "07201", "福島市", (140.3, 37.7, 140.5, 37.8)), "08": ("茨城県", "08201", "水戸市", (140.3, 36.3, 140.5, 36.4)),
    "09": ("栃木県", "09201", "宇都宮市", (139.8, 36.5, 140.0, 36.6)), "10": ("群馬県", "10201", "前橋市", (139.0, 36.3, 139.2, 36.4)),
    "11": ("埼玉県", "11100", "さいたま市", (139.5, 35.8, 139.7, 35.9)), "12": ("千葉県", "12100", "千葉市", (140.0, 35.5, 140.2, 35.7)),
    "13": ("東京都", "13101", "千代田区", (139.7, 35.6, 139.8, 35.7)), "14": ("神奈川県", "14100", "横浜市", (139.5, 35.4, 139.7, 35.5)),
    "15": ("新潟県", "15100", "新潟市", (138.9, 37.8, 139.1, 37.9)), "16": ("富山県", "16201", "富山市", (137.1, 36.6, 137.3, 36.7)),
    "17": ("石川県", "17201", "金沢市", (136.6, 36.5, 136.7, 36.6)), "18": ("福井県", "18201", "福井市", (136.1, 36.0, 136.3, 36.1)),
    "19": ("山梨県", "19201", "甲府市", (138.5, 35.6, 138.6, 35.7)), "20": ("長野県", "20201", "長野市", (138.1, 36.6, 138.3, 36.7)),
    "21": ("岐阜県", "21201", "岐阜市", (136.7, 35.4, 136.8, 35.5)), "22": ("静岡県", "22100", "静岡市", (138.3, 34.9, 138.5, 35.0)),
    "23": ("愛知県", "23100", "名古屋市", (136.8, 35.1, 137.0, 35.2)), "24": ("三重県", "24201", "津市", (136.4, 34.7, 136.6, 34.8)),
    "25": ("滋賀県", "25201", "大津市", (135.8, 35.0, 135.9, 35.1)), "26": ("京都府", "26100", "京都市", (135.7, 34.9, 135.8, 35.1)),
    "27": ("大阪府", "27100", "大阪市", (135.4, 34.6, 135.6, 34.7)), "28": ("兵庫県", "28100", "神戸市", (135.1, 34.6, 135.3, 34.7)),
    "29": ("奈良県", "29201", "奈良市", (135.8, 34.6, 135.9, 34.7)), "30": ("和歌山県", "30201", "和歌山市", (135.1, 34.2, 135.2, 34.3)),
    "31": ("鳥取県", "31201", "鳥取市", (134.2, 35.4, 134.3, 35.5)), "32": ("島根県", "32201", "松江市", (133.0, 35.4, 133.1, 35.5)),
    "33": ("岡山県", "33100", "岡山市", (133.8, 34.6, 134.0, 34.7)), "34": ("広島県", "34100", "広島市", (132.4, 34.3, 132.5, 34.5)),
    "35": ("山口県", "35203", "山口市", (131.4, 34.1, 131.5, 34.2)), "36": ("徳島県", "36201", "徳島市", (134.5, 34.0, 134.6, 34.1)),
    "37": ("香川県", "37201", "高松市", (134.0, 34.3, 134.1, 34.4)), "38": ("愛媛県", "38201", "松山市", (132.7, 33.8, 132.8, 33.9)),
    "39": ("高知県", "39201", "高知市", (133.5, 33.5, 133.6, 33.6)), "40": ("福岡県", "40130", "福岡市", (130.3, 33.5, 130.5, 33.7)),
    "41": ("佐賀県", "41201", "佐賀市", (130.2, 33.2, 130.3, 33.3)), "42": ("長崎県", "42201", "長崎市", (129.8, 32.7, 129.9, 32.8)),
    "43": ("熊本県", "43100", "熊本市", (130.6, 32.7, 130.8, 32.9)), "44": ("大分県", "44201", "大分市", (131.5, 33.2, 131.7, 33.3)),
    "45": ("宮崎県", "45201", "宮崎市", (131.3, 31.8, 131.5, 32.0)), "46": ("鹿児島県", "46201", "鹿児島市", (130.4, 31.5, 130.6, 31.6)),
    "47": ("沖縄県", "47201", "那覇市", (127.6, 26.1, 127.8, 26.3)),
}
NEIGHBOUR = ("23998", "しおかぜ町", (137.10, 34.80, 137.279, 35.00))   # just west of the town
NORTH = ("23997", "ふもと村", (137.30, 35.40, 137.50, 35.55))           # ~28 km north of the town
EAST = ("22999", "はるかぜ市", (137.80, 34.70, 137.95, 34.90))          # ~23 km east of it
SERVICES = {"430": ("居宅介護支援", "ケアプランセンター", "ケアプランセンター"),
            "130": ("訪問看護", "訪問看護ステーション", "ホウモンカンゴステーション")}
NAMES = [("あおぞら", "アオゾラ"), ("ひまわり", "ヒマワリ"), ("さくら", "サクラ"), ("こもれび", "コモレビ"), ("すずらん", "スズラン"),
         ("やまびこ", "ヤマビコ"), ("わかば", "ワカバ"), ("ほほえみ", "ホホエミ"), ("つばさ", "ツバサ"), ("なごみ", "ナゴミ")]
ZERO = "0.000000000000000"


def read_rows(path):
    """The data lines of a town CSV, as bytes (copied as they are), and its header line."""
    with open(path, "rb") as f:
        data = f.read()
    lines = data[3:].split(b"\r\n")
    return lines[0], [l for l in lines[1:] if l]


def office_row(rng, service, code, pref, city, box, no, far=False):
    name, kana = rng.choice(NAMES)
    label, suffix, suffix_kana = SERVICES[service]
    lon = rng.uniform(box[0], box[2])
    lat = rng.uniform(box[1], box[3])
    unlocated = far and rng.random() < 0.05
    return [code6(code), no, pref, city, f"{name}{suffix}{city}", f"{kana}{suffix_kana}", label,
            f"{pref}{city}中央{rng.randint(1, 9)}丁目{rng.randint(1, 30)}-{rng.randint(1, 20)}", "",
            ZERO if unlocated else f"{lat:.15f}", ZERO if unlocated else f"{lon:.15f}",
            f"0{rng.randint(100, 999)}-{rng.randint(10, 99)}-{rng.randint(1000, 9999)}", "", "", "",
            no, "平日,土曜日", "", "", "", "", "", "", ""]


def national_file(rng, service, per_prefecture):
    header, town = read_rows(os.path.join(TOWN, "kaigo", f"jigyosho_{service}.csv"))
    rows = []  # (sort key, line bytes): by code, as the national files are sorted
    serial = 0
    for pc, (pref, code, city, box) in PREFECTURES.items():
        for _ in range(per_prefecture):
            serial += 1
            no = f"{pc}7{service[0]}{serial:06d}"
            rows.append((code, csv_line(office_row(rng, service, code, pref, city, box, no, far=True)).encode()))
    # しおかぜ町: three within reach (east part, ≤ 16 km from the town), two beyond (west part).
    for i, lon_box in enumerate([(137.20, 137.27)] * 3 + [(137.10, 137.105)] * 2):
        box = (lon_box[0], 34.85, lon_box[1], 34.95)
        no = f"237{service[0]}9{i:05d}"
        rows.append((NEIGHBOUR[0], csv_line(office_row(rng, service, NEIGHBOUR[0], "愛知県", NEIGHBOUR[1], box, no)).encode()))
    for line in town:
        rows.append(("23999", line))
    rows.sort(key=lambda r: r[0])
    data = b"\xef\xbb\xbf" + header + b"\r\n" + b"".join(line + b"\r\n" for _, line in rows)
    os.makedirs(os.path.join(OUT, "kaigo"), exist_ok=True)
    with open(os.path.join(OUT, "kaigo", f"jigyosho_{service}.csv"), "wb") as f:
        f.write(data)
    return len(rows)


def n03():
    with open(os.path.join(TOWN, "boundaries", "N03-24_23_240101_misaki.geojson"), encoding="utf-8") as f:
        town = json.load(f)["features"]

    def box_feature(pref, code, name, b):
        ring = [[b[0], b[1]], [b[2], b[1]], [b[2], b[3]], [b[0], b[3]], [b[0], b[1]]]
        return {"type": "Feature",
                "properties": {"N03_001": pref, "N03_002": None, "N03_003": None, "N03_004": name, "N03_005": None,
                               "N03_007": code},
                "geometry": {"type": "Polygon", "coordinates": [ring]}}

    features = [box_feature("静岡県", EAST[0], EAST[1], EAST[2])] + town + [
        box_feature("愛知県", NORTH[0], NORTH[1], NORTH[2]), box_feature("愛知県", NEIGHBOUR[0], NEIGHBOUR[1], NEIGHBOUR[2])]
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    os.makedirs(os.path.join(OUT, "boundaries"), exist_ok=True)
    with open(os.path.join(OUT, "boundaries", "N03-24_22-23_240101.geojson"), "wb") as f:
        f.write(('{"type":"FeatureCollection","name":"N03-24_22-23_240101","features":[\n' + ",\n".join(lines)
                 + "\n]}").encode("utf-8"))
    return len(features)


PROJECT = """\
# みさき市 from the national downloads — the second sample project (made by
# sample_data/generate_sample_national.py). The 介護サービス情報公表 files are the national ones
# (every office in Japan), the N03 layer holds two prefectures; `area` keeps the town, the
# neighbours within reach_margin_m of it (they serve its residents and count in the
# analysis) and skips the rest of Japan. The town's own files (医療情報ネット, survey,
# 日常生活圏域, population, context) are those of the first sample. Run:
#   careatlas run sample_data/misaki_national/project.toml --out output_national

[project]
title = "みさき市 在宅医療・介護資源マップ（全国データから）"
municipality = "みさき市"
municipality_code = "23999"
area = ["23999"]                 # the project area (here the same as municipality_code)
reach_margin_m = 16000           # neighbours within 16 km are kept (DEFAULT: the largest layer radius)
edition = "2026-04-01"
issuer = "みさき市 在宅医療・介護連携支援センター（架空）"

[output]
dir = "../../output_national"

[[facilities]]
path = "kaigo/jigyosho_430.csv"

[[facilities]]
path = "kaigo/jigyosho_130.csv"

[[facilities]]
path = "../misaki/iryo/02-1_clinic_facility_info_20260401.csv"

[[facilities]]
path = "../misaki/iryo/02-2_clinic_speciality_hours_20260401.csv"

[[facilities]]
path = "../misaki/iryo/01-1_hospital_facility_info_20260401.csv"

[[facilities]]
path = "../misaki/iryo/01-2_hospital_speciality_hours_20260401.csv"

[[facilities]]
path = "../misaki/support_centres.csv"

[[survey]]
path = "../misaki/survey/ishikai_survey_2026.csv"

[[districts]]
path = "boundaries/N03-24_22-23_240101.geojson"

[[districts]]
path = "../misaki/boundaries/misaki_nichijo_seikatsu_ken-iki.geojson"
level = "daily_life_area"
columns = { id = "圏域ID", name = "圏域名", parent = "市町村コード" }
attribution = "みさき市 日常生活圏域（架空）"

[[population]]
path = "../misaki/population/tblT001141H5237.txt"
year = 2020

[[context]]
name = "railways"
path = "../misaki/context/N02-22_RailroadSection_misaki.geojson"

[[context]]
name = "rivers"
path = "../misaki/context/W05-08_23_Stream_misaki.geojson"

[analysis]
district_level = "daily_life_area"
base_year = 2020

[booklet]
title = "みさき市 在宅医療・介護 連絡帳（全国データから）"
neighbours = true                # add 「近隣市町村の事業所」: the neighbours within reach
"""


README = """\
# みさき市 from the national downloads — the second sample project

Made by `sample_data/generate_sample_national.py` (run after `generate_sample_town.py`; standard
library only, seed 20261207, byte-identical on every run). Everything is fictional. It shows what a
real municipality's first project looks like: the files it downloads are national, and
`[project] area = ["23999"]` cuts them to the town and the neighbours that serve it.

| file | content | rows |
|---|---|---|
| `kaigo/jigyosho_430.csv` | 介護サービス情報公表 居宅介護支援, national style (UTF-8 BOM, CRLF, 24 columns, sorted by code): the town's {town430} rows as in `../misaki/kaigo/`, {far} rows of the other prefectures ({per} each, about one in twenty with `0.000000000000000` coordinates), 5 of しおかぜ町 (23998) beside the town — 3 within 16 km of it, 2 at 16.7 km | {rows430} |
| `kaigo/jigyosho_130.csv` | the same for 訪問看護 | {rows130} |
| `boundaries/N03-24_22-23_240101.geojson` | N03 (2024 layout) of 愛知県 and 静岡県: みさき市 and its 所属未定地 (from `../misaki/`), しおかぜ町 (23998) adjoining it, ふもと村 (23997) 28 km north, はるかぜ市 (22999) 23 km east | 5 |
| `project.toml` | the project: these files and the town's own (医療情報ネット, survey, 日常生活圏域, population, context) from `../misaki/`; `[booklet] neighbours = true` | |

`careatlas run sample_data/misaki_national/project.toml --out output_national` reads, per file:

| file | read | imported | rejected | skipped |
|---|---:|---:|---:|---:|
| `jigyosho_430.csv` | {rows430} | {imp430} | 1 (the town's planted duplicate 事業所番号) | {skip430} |
| `jigyosho_130.csv` | {rows130} | {imp130} | 0 | {skip130} |
| `N03-24_22-23_240101.geojson` | 5 | 2 (みさき市, しおかぜ町) | 0 | 3 (所属未定地, ふもと村, はるかぜ市) |

Each file with rows skipped gets one `outside_project_area` note with the count; the skipped rows'
own defects (their `0.000…` coordinates) are not reported: they are not this project's.
"""


def main():
    rng = random.Random(20261207)
    counts = {s: national_file(rng, s, 12) for s in SERVICES}
    features = n03()
    with open(os.path.join(OUT, "project.toml"), "w", encoding="utf-8") as f:
        f.write(PROJECT)
    far = 12 * len(PREFECTURES)
    town = {s: counts[s] - far - 5 for s in SERVICES}
    with open(os.path.join(OUT, "README.md"), "w", encoding="utf-8") as f:
        f.write(README.format(town430=town["430"], far=far, per=12, rows430=counts["430"], rows130=counts["130"],
                              imp430=town["430"] - 1 + 3, skip430=far + 2, imp130=town["130"] + 3, skip130=far + 2))
    print(f"misaki_national: jigyosho_430.csv {counts['430']} rows, jigyosho_130.csv {counts['130']} rows, "
          f"N03 {features} features")


if __name__ == "__main__":
    main()
