#!/usr/bin/python3
"""Generate the context layers of the fictional town みさき市: railways, rivers and a pond.

Python 3 standard library only.  Deterministic (its own random.Random(SEED), fixed order), and it
writes only <script dir>/misaki/context/: the town's other files, made by generate_sample_town.py,
are left alone, so either script can be re-run without changing the other's output.

The lines are drawn in the town's local frame (x km east, y km north of LON0/LAT0, see
sample_town_helpers.py) over the districts of generate_sample_town.py: the coastal railway runs west to
east through 駅前町 of 中央圏域 and 岬 of 南部圏域, a branch line goes north to 北部圏域; みさき川 comes down
the 山間部 valley, past 山吹 at its mouth, through 西部/中央 to the sea, with a tributary from the north-east;
the pond 大池 lies in 大池町 of 西部圏域.  Railways and rivers carry the property layouts of 国土数値情報
N02 (鉄道, RailroadSection) and W05 (河川, Stream), so careatlas detects them and prints their 出典 lines.
"""
import json, os, random, sys

sys.dont_write_bytecode = True          # keep sample_data/ free of __pycache__
from sample_town_helpers import to_ll, wiggle, blob

SEED = 20261124
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "misaki", "context")

# N02: N02_001 鉄道区分 (11 普通鉄道JR, 12 普通鉄道), N02_002 事業者種別 (2 JR在来線, 3 公営, 4 民営),
# N02_003 路線名, N02_004 運営会社.  Waypoints in km.
RAILWAYS = [
    ({"N02_001": "12", "N02_002": "4", "N02_003": "みさき臨海線", "N02_004": "東三河臨海鉄道"},
     [(-3.0, 7.4), (2.0, 7.9), (5.5, 7.2), (9.8, 6.0), (13.2, 5.2), (16.0, 4.6), (19.2, 5.6), (22.0, 7.0), (27.0, 8.8)]),
    ({"N02_001": "12", "N02_002": "3", "N02_003": "北山線", "N02_004": "みさき市交通局"},
     [(9.8, 6.0), (10.6, 8.2), (11.6, 10.2), (12.2, 12.3)]),
]
# W05: W05_001 水系域コード, W05_002 河川コード, W05_003 区間種別 (1 一級直轄, 2 一級指定, 3 二級, 5 その他),
# W05_004 名称.
RIVERS = [
    ({"W05_001": "990001", "W05_002": "9900010001", "W05_003": "3", "W05_004": "みさき川"},
     [(9.0, 37.6), (8.7, 33.5), (8.5, 30.4), (8.4, 26.0), (8.2, 22.0), (8.0, 18.9), (8.1, 15.5), (7.6, 12.2),
      (7.2, 9.0), (7.0, 6.0), (6.9, 3.2)]),
    ({"W05_001": "990001", "W05_002": "9900010002", "W05_003": "3", "W05_004": "大谷川"},
     [(17.0, 17.2), (14.6, 14.8), (11.8, 13.6), (9.6, 12.9), (7.7, 12.6)]),
]
POND = ({"名称": "大池"}, (3.0, 11.2, 0.55, 0.35))   # centre x, y, radii (km)


def polyline(rng, waypoints, amp):
    pts = [waypoints[0]]
    for p, q in zip(waypoints, waypoints[1:]):
        pts += wiggle(rng, p, q, 0.25, amp, 1.6)[1:]
    return [list(to_ll(p)) for p in pts]


def write_geojson(rel, name, features):
    """One feature per line, LF, UTF-8, coordinates as rounded by to_ll (the town's own format)."""
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, rel), "wb") as f:
        f.write(('{"type":"FeatureCollection","name":"%s","features":[\n' % name + ",\n".join(lines) + "\n]}").encode("utf-8"))


def feature(props, geometry):
    return {"type": "Feature", "properties": props, "geometry": geometry}


README = """# みさき市 context layers (fictional)

Written by `sample_data/generate_sample_context.py` (deterministic; it writes only this folder).
Drawn on the maps through the `[[context]]` entries of `../project.toml`.

| file | content | layout | features |
|---|---|---|---|
| `N02-22_RailroadSection_misaki.geojson` | みさき臨海線 along the coast, 北山線 to 北部圏域 | 国土数値情報 N02 鉄道 (N02_001–N02_004), LineString | 2 |
| `W05-08_23_Stream_misaki.geojson` | みさき川 down the 山間部 valley to the sea, its tributary 大谷川 | 国土数値情報 W05 河川 (W05_001–W05_004), LineString | 2 |
| `misaki_water.geojson` | the pond 大池 in 大池町 (西部圏域) | generic polygon layer (名称) | 1 |

All UTF-8, LF, one feature per line, lon/lat JGD2011 rounded to 7 decimals. careatlas recognises N02 and
W05 by their fields (出典 lines 「国土数値情報（鉄道データ）」/「国土数値情報（河川データ）」（国土交通省）を加工して作成,
labels 路線名 / 名称); the pond's 出典 line is set in the project file. Everything here is invented.
"""


def main():
    rng = random.Random(SEED)
    rails = [feature(p, {"type": "LineString", "coordinates": polyline(rng, w, 0.015)}) for p, w in RAILWAYS]
    write_geojson("N02-22_RailroadSection_misaki.geojson", "N02-22_RailroadSection", rails)
    rivers = [feature(p, {"type": "LineString", "coordinates": polyline(rng, w, 0.06)}) for p, w in RIVERS]
    write_geojson("W05-08_23_Stream_misaki.geojson", "W05-08_23_Stream", rivers)
    props, (cx, cy, rx, ry) = POND
    ring = [list(p) for p in blob(rng, cx, cy, rx, ry, 24, 0.12)]
    write_geojson("misaki_water.geojson", "misaki_water", [feature(props, {"type": "Polygon", "coordinates": [ring]})])
    with open(os.path.join(OUT, "README.md"), "wb") as f:
        f.write(README.encode("utf-8"))
    print(f"wrote {OUT}: {len(rails)} railways, {len(rivers)} rivers, 1 pond")


if __name__ == "__main__":
    main()
