#!/usr/bin/python3
"""Generate the fictional town みさき市 (Misaki-shi, code 23999) as careatlas sample data.

Python 3 standard library only.  Deterministic: one random.Random(20261123) drawn in a fixed
order, no set/hash iteration in any output, so two runs write byte-identical files.
Writes <script dir>/misaki/ (boundaries, kaigo, iryo, population, survey, support centres, address and
README.md).  Everything is invented; the layouts follow the real open-data files described in
shared/DOMAIN.md.  Planted defects are listed, with physical line numbers, in misaki/README.md.

Geometry is built as a planar graph: nodes (km in a local frame) joined by wiggled edges
(function graphs over their chords, so an edge cannot cross itself); each 日常生活圏域 is a
cycle of nodes, so neighbouring districts share their boundary vertex by vertex.  The script
checks that no two edges cross, that the district areas add up to the town area and that every
inhabited mesh centroid lies in exactly one district, before it writes anything.

山間部圏域 ends in a long valley whose villages are the town's night-time hole: night_cover() asserts
that they, and only they, are out of 16 km reach of every 24-hour clinic/hospital, yet within 16 km of
the daytime 山吹診療所.  Generic helpers (frame, distances, geometry, mesh codes, plane rectangular
coordinates, formats) live in sample_town_helpers.py next to this file.

Addresses follow the map: every 町名 is a zone of its 圏域 (ZONE_SEEDS), split into 丁目 and 字, and a facility's
address is that of its place (sample_town_address.py, which also writes the town's 位置参照情報 files, address/).
address() still makes the draws the town always made, so every name, ID, figure and point stays as it was.
"""
import json, math, os, random, sys

sys.dont_write_bytecode = True          # keep sample_data/ free of __pycache__
from sample_town_helpers import (to_ll, to_km, dist_m, wiggle, blob, in_ring, ring_area_km2, seg_dist, segments_touch,
                                 mesh_code, cell_centre, binom, code6, corp_number, csv_line, hm, fmt_hm)
from sample_town_address import AddressBook, CHOME_HEADER, GAIKU_HEADER, gaiku_row, kanji_number, quoted_cp932

SEED = 20261123
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "misaki")
PREF, CITY, CODE = "愛知県", "みさき市", "23999"
CELL_MARGIN_KM, FAC_MARGIN_KM = 0.02, 0.05                 # min distance from any boundary
DAYS = ["月", "火", "水", "木", "金", "土", "日", "祝"]

# ----------------------------------------------------------------------------- names and places
def table(text):
    return [tuple(w.split(":")) for w in text.split()]

SURNAMES = table("""山田:ヤマダ:Yamada 鈴木:スズキ:Suzuki 伊藤:イトウ:Ito 近藤:コンドウ:Kondo 大野:オオノ:Ono
小笠原:オガサワラ:Ogasawara 本多:ホンダ:Honda 夏目:ナツメ:Natsume 内藤:ナイトウ:Naito 鵜飼:ウカイ:Ukai
竹内:タケウチ:Takeuchi 松井:マツイ:Matsui 太田:オオタ:Ota 酒井:サカイ:Sakai 平松:ヒラマツ:Hiramatsu
石川:イシカワ:Ishikawa 原田:ハラダ:Harada 長坂:ナガサカ:Nagasaka 荻野:オギノ:Ogino 野口:ノグチ:Noguchi
中村:ナカムラ:Nakamura 林:ハヤシ:Hayashi 渡辺:ワタナベ:Watanabe 小林:コバヤシ:Kobayashi 清水:シミズ:Shimizu
森:モリ:Mori 市川:イチカワ:Ichikawa 宮下:ミヤシタ:Miyashita 尾崎:オザキ:Ozaki 村松:ムラマツ:Muramatsu
柴田:シバタ:Shibata 足立:アダチ:Adachi 古田:フルタ:Furuta 浅井:アサイ:Asai 藤井:フジイ:Fujii
岡田:オカダ:Okada 佐野:サノ:Sano 高橋:タカハシ:Takahashi 安藤:アンドウ:Ando 岩瀬:イワセ:Iwase
稲垣:イナガキ:Inagaki 梅村:ウメムラ:Umemura 都築:ツヅキ:Tsuzuki 鳥居:トリイ:Torii 戸田:トダ:Toda
服部:ハットリ:Hattori 三浦:ミウラ:Miura 榊原:サカキバラ:Sakakibara 彦坂:ヒコサカ:Hikosaka 白井:シライ:Shirai""")
# suffix key -> (kanji, kana, English, departments)
SUFFIX = {
    "naika_cl": ("内科クリニック", "ナイカクリニック", "Internal Medicine Clinic", ["内科"]),
    "naika": ("内科", "ナイカ", "Internal Medicine", ["内科"]),
    "iin": ("医院", "イイン", "Clinic", ["内科"]),
    "cl": ("クリニック", "クリニック", "Clinic", ["内科"]),
    "naika_shoni": ("内科小児科", "ナイカショウニカ", "Internal Medicine and Pediatrics", ["内科", "小児科"]),
    "seikei": ("整形外科", "セイケイゲカ", "Orthopedics", ["整形外科", "リハビリテーション科"]),
    "ganka": ("眼科", "ガンカ", "Eye Clinic", ["眼科"]),
    "jibika": ("耳鼻咽喉科", "ジビインコウカ", "ENT Clinic", ["耳鼻いんこう科"]),
    "hifuka": ("皮膚科", "ヒフカ", "Dermatology", ["皮膚科"]),
    "kodomo": ("こどもクリニック", "コドモクリニック", "Children's Clinic", ["小児科"]),
    "zaitaku": ("在宅クリニック", "ザイタククリニック", "Home Care Clinic", ["内科"]),
    "shoka": ("消化器内科クリニック", "ショウカキナイカクリニック", "Gastroenterology Clinic", ["消化器内科", "内科"]),
    "junkan": ("循環器内科", "ジュンカンキナイカ", "Cardiology Clinic", ["循環器内科", "内科"]),
    "kokoro": ("こころのクリニック", "ココロノクリニック", "Mental Health Clinic", ["心療内科", "精神科"]),
    "hinyo": ("泌尿器科", "ヒニョウキカ", "Urology", ["泌尿器科"]),
    "geka_naika": ("外科内科", "ゲカナイカ", "Surgery and Internal Medicine", ["外科", "内科"]),
    "family": ("ファミリークリニック", "ファミリークリニック", "Family Clinic", ["内科", "小児科"]),
    "ladies": ("レディースクリニック", "レディースクリニック", "Women's Clinic", ["産婦人科"]),
}
SUFFIX_WEIGHTS = [("naika_cl", 5), ("iin", 4), ("naika", 3), ("cl", 2), ("seikei", 2), ("ganka", 2), ("jibika", 1.5),
                  ("hifuka", 1.5), ("kodomo", 1.5), ("shoka", 1), ("junkan", 1), ("kokoro", 0.7), ("hinyo", 0.7),
                  ("geka_naika", 1), ("family", 1), ("naika_shoni", 1), ("ladies", 0.5)]
DEPT_CODE = {"内科": "01", "小児科": "09", "外科": "13", "整形外科": "18", "リハビリテーション科": "39", "眼科": "29",
             "耳鼻いんこう科": "30", "皮膚科": "24", "消化器内科": "04", "循環器内科": "03", "心療内科": "10",
             "精神科": "11", "泌尿器科": "26", "産婦人科": "27"}
AZA = ["上野", "中田", "宮前", "川原", "向山", "下郷", "東畑", "寺前"]
FW = str.maketrans("0123456789-:", "０１２３４５６７８９－：")

# ----------------------------------------------------------------------------- the town's graph
NODES = {"C0": (0.8, 6.0), "C1": (6.5, 4.3), "C2": (12.6, 4.1), "P1": (14.3, 2.7), "P2": (16.2, 1.5),
         "P3": (17.8, 2.1), "P4": (19.8, 3.9), "C3": (22.4, 5.4), "C4": (24.2, 6.6), "E1": (24.3, 12.6),
         "N0": (23.6, 19.3), "N1": (17.5, 19.6), "N2": (11.0, 19.3), "N3": (5.5, 19.6), "NW": (1.4, 19.0),
         "W1": (0.3, 13.0), "W2": (0.5, 9.5), "M1": (8.3, 13.4), "M2": (16.2, 13.9), "J1": (8.8, 9.4),
         "J2": (15.4, 9.2), "J3": (13.7, 6.1), "S1": (18.0, 6.4),
         # the 山間部 valley: north from the gap N2-N3 to its head VT, about 33 km north of the town centre
         "VE1": (12.2, 24.0), "VE2": (12.9, 29.0), "VE3": (12.2, 34.5), "VT": (9.0, 38.8), "VW3": (5.4, 35.0),
         "VW2": (4.4, 29.5), "VW1": (5.0, 24.0)}
TOWN_RING = "C0 C1 C2 P1 P2 P3 P4 C3 C4 E1 N0 N1 N2 VE1 VE2 VE3 VT VW3 VW2 VW1 N3 NW W1 W2".split()   # CCW, coast C0..C4
VALLEY_Y = 22.0     # km north of the frame origin: 山間部 north of this is the valley (villages, no facility)
# id, name, CCW node cycle, 町名 (kanji:kana:romaji), population model
# model: target population (山間部: + valley_target for its valley cells, y >= VALLEY_Y),
#        centres (x, y, weight, scale km), background, P(empty cell), min weight,
#        age (65+ rate, 75+/65+, 0-14/<65, household size, male share), 2040 factors (<65, 65-74, 75+)
DISTRICTS = [
    ("23999-01", "中央圏域", "C1 C2 J3 J2 J1", table("本町:ホンマチ:Honmachi 栄町:サカエマチ:Sakaemachi "
     "駅前町:エキマエチョウ:Ekimaecho 元町:モトマチ:Motomachi 錦町:ニシキチョウ:Nishikicho 旭町:アサヒマチ:Asahimachi"),
     dict(target=31000, centres=[(9.8, 5.4, 1.0, 1.1), (10.8, 7.3, 0.55, 0.9), (7.8, 6.0, 0.25, 1.2), (12.5, 6.5, 0.2, 1.0)],
          bg=0.04, empty=0.05, min_w=0, age=(0.24, 0.47, 0.17, 2.2, 0.49), f2040=(0.84, 0.92, 1.35))),
    ("23999-02", "東部圏域", "C3 C4 E1 M2 J2 J3 S1", table("豊岡町:トヨオカチョウ:Toyookacho 緑が丘:ミドリガオカ:Midorigaoka "
     "桜ヶ丘:サクラガオカ:Sakuragaoka 大原町:オオハラチョウ:Oharacho 東浜町:ヒガシハマチョウ:Higashihamacho"),
     dict(target=20500, centres=[(19.0, 7.8, 0.6, 1.2), (21.6, 6.6, 0.35, 0.9), (17.0, 10.8, 0.25, 1.2), (22.5, 10.5, 0.1, 1.0)],
          bg=0.03, empty=0.10, min_w=0, age=(0.27, 0.49, 0.19, 2.5, 0.49), f2040=(0.80, 0.88, 1.38))),
    ("23999-03", "西部圏域", "C0 C1 J1 M1 W1 W2", table("西浦町:ニシウラチョウ:Nishiuracho 松原町:マツバラチョウ:Matsubaracho "
     "若宮町:ワカミヤチョウ:Wakamiyacho 野田町:ノダチョウ:Nodacho 大池町:オオイケチョウ:Oikecho"),
     dict(target=17500, centres=[(4.2, 8.3, 0.55, 1.3), (2.6, 6.5, 0.3, 0.9), (6.2, 11.2, 0.2, 1.2)],
          bg=0.025, empty=0.12, min_w=0, age=(0.29, 0.50, 0.17, 2.6, 0.488), f2040=(0.76, 0.85, 1.30))),
    ("23999-04", "南部圏域", "C2 P1 P2 P3 P4 C3 S1 J3", table("岬町:ミサキチョウ:Misakicho 港町:ミナトマチ:Minatomachi "
     "汐見町:シオミチョウ:Shiomicho 浜田町:ハマダチョウ:Hamadacho"),
     dict(target=14000, centres=[(14.6, 3.6, 0.6, 0.9), (18.8, 4.4, 0.35, 0.9), (16.3, 2.2, 0.15, 0.6), (19.4, 0.8, 0.2, 0.4)],
          bg=0.03, empty=0.10, min_w=0, age=(0.31, 0.51, 0.15, 2.5, 0.485), f2040=(0.74, 0.82, 1.25))),
    ("23999-05", "北部圏域", "J1 J2 M2 M1", table("北山町:キタヤマチョウ:Kitayamacho 寺田町:テラダチョウ:Teradacho "
     "大谷町:オオタニチョウ:Otanicho 平井町:ヒライチョウ:Hiraicho 梅ヶ丘:ウメガオカ:Umegaoka"),
     dict(target=13500, centres=[(12.0, 11.2, 0.5, 1.1), (14.2, 12.4, 0.2, 0.9), (9.8, 12.6, 0.1, 0.8)],
          bg=0.02, empty=0.12, min_w=0, age=(0.28, 0.49, 0.17, 2.6, 0.488), f2040=(0.78, 0.86, 1.35))),
    ("23999-06", "山間部圏域", "W1 M1 M2 E1 N0 N1 N2 VE1 VE2 VE3 VT VW3 VW2 VW1 N3 NW", table("山吹町:ヤマブキチョウ:Yamabukicho "
     "川上町:カワカミチョウ:Kawakamicho 杉平町:スギヒラチョウ:Sugihiracho 滝見町:タキミチョウ:Takimicho"),
     dict(target=2000, valley_target=1500,
          centres=[(4.6, 15.0, 0.3, 0.6), (11.6, 15.6, 0.25, 0.6), (18.6, 15.2, 0.3, 0.7), (8.3, 18.6, 0.35, 0.6),
                   (21.5, 17.0, 0.1, 0.5),                                          # south: 山吹 (8.3, 18.6) at the valley mouth
                   (8.4, 30.4, 0.3, 0.55), (6.4, 31.8, 0.22, 0.5), (10.2, 32.2, 0.22, 0.5)],   # the valley villages
          bg=0.0, empty=0.0, min_w=0.05, age=(0.42, 0.57, 0.10, 2.3, 0.47), f2040=(0.55, 0.66, 0.85))),
]
KIDS = [d[0] for d in DISTRICTS]
DNAME = {d[0]: d[1] for d in DISTRICTS}
TOWNS = {d[0]: d[3] for d in DISTRICTS}
MODEL = {d[0]: d[4] for d in DISTRICTS}
ISLAND_KID, MOUNTAIN_KID = "23999-04", "23999-06"
# 町名 zones (sample_town_address.py): seed points (km), the first the 町's centre; a point of a 圏域 lies in the zone
# of the nearest seed of its 圏域.  駅前町 at the station (みさき臨海線 × 北山線), 大池町 round the pond 大池, 港町 and 岬町
# at the port and on the peninsula (the island 鵜島 is 岬町), 川上町 the upstream valley villages, 山吹町 the valley mouth.
ZONE_SEEDS = {
    "本町": [(10.4, 5.1)], "駅前町": [(9.4, 6.3)], "元町": [(7.7, 5.6)], "栄町": [(11.0, 7.5)], "錦町": [(13.1, 6.7)],
    "旭町": [(10.9, 9.1)],
    "大原町": [(19.0, 7.6)], "東浜町": [(22.4, 6.8)], "豊岡町": [(17.2, 10.8)], "桜ヶ丘": [(21.2, 9.4)], "緑が丘": [(20.3, 12.0)],
    "西浦町": [(1.8, 7.9)], "松原町": [(3.6, 6.2)], "若宮町": [(4.4, 8.7)], "野田町": [(6.6, 9.2)], "大池町": [(3.1, 10.9)],
    "港町": [(14.5, 3.8)], "岬町": [(16.4, 2.3), (19.4, 0.8)], "浜田町": [(16.9, 5.1)], "汐見町": [(19.2, 4.3)],
    "寺田町": [(12.0, 10.8)], "大谷町": [(10.0, 12.7)], "平井町": [(10.2, 10.2)], "北山町": [(12.6, 13.3)], "梅ヶ丘": [(14.6, 12.2)],
    "山吹町": [(8.3, 18.6)], "杉平町": [(4.6, 15.0)], "滝見町": [(11.6, 15.6), (18.6, 15.2), (21.5, 17.0)],
    "川上町": [(8.4, 30.4), (6.4, 31.8), (10.2, 32.2)],
}
AZA_KIDS = ("23999-03", "23999-05", MOUNTAIN_KID)      # 圏域 whose addresses may carry 字 (the others: 丁目 only)
URBAN_KIDS = ("23999-01", "23999-02", "23999-03", "23999-04", "23999-05")   # 都市計画区域: in the 街区 file
CHECK_M = 2000                          # careatlas warns when a published point is farther than this from its address
ZAISHI_HOSPITAL = "東浜病院"          # the one 在宅療養支援病院 (survey: 訪問診療 ○, 24時間対応 ○)


class Geo:
    """Town, districts, island and 所属未定地, all in rounded lon/lat, plus spatial helpers."""

    def __init__(self, rng):
        town_edges = set(zip(TOWN_RING, TOWN_RING[1:] + TOWN_RING[:1]))
        self.edges = {}
        for _, _, ring, _, _ in DISTRICTS:
            nodes = ring.split()
            for a, b in zip(nodes, nodes[1:] + nodes[:1]):
                if (a, b) in self.edges or (b, a) in self.edges:
                    continue
                if (a, b) in town_edges and TOWN_RING.index(a) < 8:
                    par = (0.15, 0.15, 1.0)      # coast: rough
                elif (a, b) in town_edges:
                    par = (0.25, 0.10, 1.2)      # land border, ridge
                else:
                    par = (0.25, 0.07, 1.4)      # district borders
                self.edges[(a, b)] = [to_ll(p) for p in wiggle(rng, NODES[a], NODES[b], *par)]
        self.island = blob(rng, 19.4, 0.8, 0.75, 0.45, 28, 0.15)
        self.unknown = blob(rng, 9.6, 2.5, 0.16, 0.10, 10, 0.10)      # 所属未定地, offshore
        self.town = self.ring(TOWN_RING)
        self.polys = {kid: [self.ring(ring.split())] + ([self.island] if kid == ISLAND_KID else [])
                      for kid, _, ring, _, _ in DISTRICTS}
        self.lines = list(self.edges.values()) + [self.island, self.unknown]
        self.buckets = {}
        for line in self.lines:
            for p, q in zip(line, line[1:]):
                s = to_km(*p) + to_km(*q)
                for key in self._keys(min(s[0], s[2]), min(s[1], s[3]), max(s[0], s[2]), max(s[1], s[3])):
                    self.buckets.setdefault(key, []).append((p, q, s))
        self.check()

    @staticmethod
    def _keys(x0, y0, x1, y1):
        return [(i, j) for i in range(math.floor(x0 * 2), math.floor(x1 * 2) + 1)
                for j in range(math.floor(y0 * 2), math.floor(y1 * 2) + 1)]

    def ring(self, nodes):
        out = [to_ll(NODES[nodes[0]])]
        for a, b in zip(nodes, nodes[1:] + nodes[:1]):
            out.extend((self.edges[(a, b)] if (a, b) in self.edges else self.edges[(b, a)][::-1])[1:])
        return out

    def district_of(self, lon, lat):
        hits = [kid for kid in KIDS if sum(in_ring(lon, lat, r) for r in self.polys[kid]) % 2]
        assert len(hits) <= 1, (lon, lat, hits)
        return hits[0] if hits else None

    def near_boundary(self, lon, lat, dist_km):
        x, y = to_km(lon, lat)
        for key in self._keys(x - dist_km, y - dist_km, x + dist_km, y + dist_km):
            for _, _, s in self.buckets.get(key, ()):
                if seg_dist(x, y, *s) < dist_km:
                    return True
        return False

    def check(self):
        """No two segments cross or touch except at a shared end point (consecutive or at a graph node)."""
        for segs in self.buckets.values():
            for i in range(len(segs)):
                for j in range(i + 1, len(segs)):
                    (a, b, _), (c, d, _) = segs[i], segs[j]
                    shared = {a, b} & {c, d}
                    if shared:
                        assert len(shared) == 1 and (len({a, b, c, d}) == 3), "degenerate segment pair"
                        continue
                    assert not segments_touch(a, b, c, d), ("crossing edges", a, b, c, d)
        for kid in KIDS:
            assert all(r[0] == r[-1] and ring_area_km2(r) > 0 for r in self.polys[kid])
        total = ring_area_km2(self.town) + ring_area_km2(self.island)
        parts = sum(ring_area_km2(r) for kid in KIDS for r in self.polys[kid])
        assert abs(total - parts) < 1e-9 * total, (total, parts)
        assert not in_ring(*self.island[0], self.town) and not in_ring(*self.unknown[0], self.town)
        assert not in_ring(*self.unknown[0], self.island)


# ----------------------------------------------------------------------------- population
def build_population(rng, geo):
    cells = []
    lons, lats = zip(*(geo.town + geo.island))
    for I in range(int(min(lats) * 240), int(max(lats) * 240) + 1):
        for J in range(int((min(lons) - 100) * 160), int((max(lons) - 100) * 160) + 1):
            lon, lat = cell_centre(I, J)
            kid = geo.district_of(lon, lat)
            if kid is None or geo.near_boundary(lon, lat, CELL_MARGIN_KM):
                continue
            x, y = to_km(lon, lat)
            m = MODEL[kid]
            w = sum(a * math.exp(-math.hypot(x - cx, y - cy) / s) for cx, cy, a, s in m["centres"]) + m["bg"]
            if kid != MOUNTAIN_KID and y > 12:
                w *= math.exp(-(y - 12))                     # foothills
            noise, draw = math.exp(rng.gauss(0, 0.45)), rng.random()
            if w >= m["min_w"] and draw >= m["empty"]:
                cells.append(dict(I=I, J=J, code=mesh_code(I, J), kid=kid, w=w * noise,
                                  valley=kid == MOUNTAIN_KID and y >= VALLEY_Y))
    assert all(c["code"].startswith("5237") for c in cells)
    for kid in KIDS:
        for valley, target in ((False, MODEL[kid]["target"]), (True, MODEL[kid].get("valley_target"))):
            mine = [c for c in cells if c["kid"] == kid and c["valley"] == valley]
            assert bool(mine) == bool(target), (kid, valley)
            for c in mine:
                c["pop"] = round(c["w"] * target / sum(c["w"] for c in mine))
    cells = [c for c in cells if c["pop"] > 0]
    for c in cells:
        r65, r75, r14, hh, male = MODEL[c["kid"]]["age"]
        n = c["pop"]
        rate = min(0.7, max(0.12, r65 + 0.04 * (1 - min(1, n / 600)) + rng.gauss(0, 0.02)))
        c["p65"] = binom(rng, n, rate)
        c["p75"] = binom(rng, c["p65"], r75)
        c["p0_14"] = binom(rng, n - c["p65"], r14)
        c["male"] = binom(rng, n, male)
        c["hh"] = min(n, max(1, round(n / hh * math.exp(rng.gauss(0, 0.08)))))
        fy, f1, f2 = MODEL[c["kid"]]["f2040"]
        y, a, b = (v * f * math.exp(rng.gauss(0, 0.08)) for v, f in
                   ((n - c["p65"], fy), (c["p65"] - c["p75"], f1), (c["p75"], f2)))
        c["ptn40"], c["ptc40"], c["ptd40"] = round(y + a + b, 3), round(a + b, 3), round(b, 3)
    # e-Stat secrecy: a few tiny cells are merged into a populous neighbour in the same district
    by_ij = {(c["I"], c["J"]): c for c in cells}
    cands = {}
    for c in cells:
        if c["pop"] < 10:
            nb = [by_ij.get((c["I"] + di, c["J"] + dj)) for di in (-1, 0, 1) for dj in (-1, 0, 1) if di or dj]
            nb = [o for o in nb if o and o["kid"] == c["kid"] and o["pop"] >= 20]
            if nb:
                cands.setdefault(max(nb, key=lambda o: (o["pop"], o["code"]))["code"], []).append(c)
    receivers = sorted(cands, key=lambda code: (-len(cands[code]), code))
    chosen = cands[receivers[0]][:2] + [cands[r][0] for r in rng.sample(receivers[1:], 3)]
    code_cell = {c["code"]: c for c in cells}
    for c in chosen:
        recv = next(r for r in receivers if c in cands[r])
        c["merged_into"] = recv
        code_cell[recv].setdefault("merged", []).append(c["code"])
    return sorted(cells, key=lambda c: c["code"])


def place(rng, geo, cells, kid, gamma, near=None):
    """A random point in a populated cell of district kid (weight pop**gamma), not on the island nor in the
    山間部 valley (it has no facility); near = (x, y) km: only cells whose centre is within 0.6 km of it."""
    mine = [c for c in cells if c["kid"] == kid and not c["valley"] and not in_ring(*cell_centre(c["I"], c["J"]), geo.island)
            and (near is None or math.dist(to_km(*cell_centre(c["I"], c["J"])), near) < 0.6)]
    assert mine, (kid, near)
    weights = [c["pop"] ** gamma for c in mine]
    while True:
        c = rng.choices(mine, weights)[0]
        lon, lat = 100.0 + (c["J"] + rng.uniform(0.05, 0.95)) / 160.0, (c["I"] + rng.uniform(0.05, 0.95)) / 240.0
        if geo.district_of(lon, lat) == kid and not geo.near_boundary(lon, lat, FAC_MARGIN_KM) and not in_ring(lon, lat, geo.island):
            return lat, lon


# ----------------------------------------------------------------------------- small helpers
def write_csv(rel, rows, encoding="utf-8", bom=True, nl="\r\n"):
    data = "".join(csv_line(r) + nl for r in rows).encode(encoding)
    write_bytes(rel, (b"\xef\xbb\xbf" if bom else b"") + data)
    return len(rows) - 1


def write_bytes(rel, data):
    path = os.path.join(OUT, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


def write_geojson(rel, name, features):
    lines = [json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features]
    write_bytes(rel, ('{"type":"FeatureCollection","name":"%s","features":[\n' % name
                      + ",\n".join(lines) + "\n]}").encode("utf-8"))


def address(rng, book, kid, lat, lon, aza=None):
    """The address of a facility at (lat, lon) of 圏域 kid, as an Address (text = the string written in the files).
    The draws are the ones the town always made (a random 町名, 字 and 丁目 and 番, then the 地番 or 号), so the stream
    of draws stays as it was; the 町名, 丁目, 字 and 番 are then those of the place (the book's zones and blocks), the 地番
    and 号 the drawn ones."""
    rng.choice(TOWNS[kid])                                  # the 町名 follows the place (book.locate)
    if aza if aza is not None else kid == MOUNTAIN_KID or (kid in ("23999-03", "23999-05") and rng.random() < 0.35):
        rng.choice(AZA)                                     # the 字 follows the place
        return book.aza_address(kid, lon, lat, rng.randint(1, 2999))
    rng.randint(1, 4), rng.randint(1, 28)                   # 丁目 and 番 (街区符号) follow the place
    return book.chome_address(kid, lon, lat, rng.randint(1, 20))


def phone(rng, used):
    while True:
        p = f"0533-{rng.randint(20, 99)}-{rng.randint(0, 9999):04d}"
        if p not in used:
            used.add(p)
            return p


# ----------------------------------------------------------------------------- writers
def write_boundaries(geo):
    poly = lambda ring: [[list(p) for p in ring]]
    n03 = lambda n4, n7, coords: {"type": "Feature", "properties": {
        "N03_001": PREF, "N03_002": None, "N03_003": None, "N03_004": n4, "N03_005": None, "N03_007": n7},
        "geometry": {"type": "MultiPolygon", "coordinates": coords}}
    write_geojson("boundaries/N03-24_23_240101_misaki.geojson", "N03-24_23_240101",
                  [n03(CITY, CODE, [poly(geo.town), poly(geo.island)]), n03(None, None, [poly(geo.unknown)])])
    feats = []
    for kid in KIDS:
        rings = geo.polys[kid]
        g = ({"type": "Polygon", "coordinates": poly(rings[0])} if len(rings) == 1 else
             {"type": "MultiPolygon", "coordinates": [poly(r) for r in rings]})
        feats.append({"type": "Feature", "properties": {"圏域ID": kid, "圏域名": DNAME[kid], "市町村コード": CODE},
                      "geometry": g})
    write_geojson("boundaries/misaki_nichijo_seikatsu_ken-iki.geojson", "misaki_nichijo_seikatsu_ken-iki", feats)


def write_population(cells):
    codes = [f"T001141{i:03d}" for i in range(1, 9)]
    labels = ["人口（総数）", "人口（総数）　男", "人口（総数）　女", "０～１４歳人口　総数", "１５～６４歳人口　総数",
              "６５歳以上人口　総数", "７５歳以上人口　総数", "世帯総数"]
    rows = [["KEY_CODE", "HTKSYORI", "HTKSAKI", "GASSAN"] + codes, ["", "", "", ""] + ["\u3000" + s for s in labels]]
    by_code = {c["code"]: c for c in cells}
    for c in cells:
        if "merged_into" in c:
            rows.append([c["code"], "1", c["merged_into"], ""] + ["*"] * 8)
            continue
        group = [c] + [by_code[m] for m in c.get("merged", [])]
        s = lambda k: sum(g[k] for g in group)
        n, p65 = s("pop"), s("p65")
        rows.append([c["code"], "2" if len(group) > 1 else "0", "", ";".join(c.get("merged", [])),
                     n, s("male"), n - s("male"), s("p0_14"), n - p65 - s("p0_14"), p65, s("p75"), s("hh")])
    write_csv("population/tblT001141H5237.txt", rows, encoding="cp932", bom=False)
    feats = []
    for c in cells:
        lon0, lat0, lon1, lat1 = 100.0 + c["J"] / 160.0, c["I"] / 240.0, 100.0 + (c["J"] + 1) / 160.0, (c["I"] + 1) / 240.0
        feats.append({"type": "Feature", "properties": {
            "MESH_ID": c["code"], "SHICODE": CODE, "PTN_2020": float(c["pop"]), "PTN_2040": c["ptn40"],
            "PTC_2020": float(c["p65"]), "PTC_2040": c["ptc40"], "PTD_2020": float(c["p75"]), "PTD_2040": c["ptd40"]},
            "geometry": {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1], [lon0, lat0]]]}})
    write_geojson("population/500m_mesh_suikei_2024_23999.geojson", "500m_mesh_suikei_2024_23999", feats)
    return rows


KAIGO_HEADER = ("都道府県コード又は市町村コード,No,都道府県名,市区町村名,事業所名,事業所名カナ,サービスの種類,住所,方書（ビル名等）,"
                "緯度,経度,電話番号,FAX番号,法人番号,法人の名称,事業所番号,利用可能曜日,利用可能曜日特記事項,定員,URL,"
                "高齢者の方と障害者の方が同時一体的に利用できるサービス,介護保険の通常の指定基準を満たしている,"
                "障害福祉の通常の指定基準を満たしている,備考").split(",")
PREFIXES = table("""ひまわり:ヒマワリ さくら:サクラ あおば:アオバ なごみ:ナゴミ ふれあい:フレアイ やすらぎ:ヤスラギ
みなと:ミナト はまかぜ:ハマカゼ つばさ:ツバサ あすなろ:アスナロ かがやき:カガヤキ すみれ:スミレ わかば:ワカバ
いこい:イコイ ほほえみ:ホホエミ しおさい:シオサイ やまびこ:ヤマビコ こもれび:コモレビ あゆみ:アユミ ぬくもり:ヌクモリ
陽だまり:ヒダマリ 絆:キズナ 結:ユイ 希望:キボウ 青空:アオゾラ 虹:ニジ 若竹:ワカタケ 松風:マツカゼ 潮風:シオカゼ 山里:ヤマザト""")
CORP_TYPES = [("社会福祉法人", "シャカイフクシホウジン", "{}福祉会", "05"), ("株式会社", "カブシキガイシャ", "ケアサポート{}", "01"),
              ("有限会社", "ユウゲンガイシャ", "{}介護サービス", "02"), ("医療法人", "イリョウホウジン", "{}会", "05"),
              ("特定非営利活動法人", "トクテイヒエイリカツドウホウジン", "{}", "05")]


# サービスの種類 -> (4th digit of the invented 事業所番号, name suffixes (kanji, kana))
SERVICES = {
    "居宅介護支援": ("1", [("居宅介護支援事業所", "キョタクカイゴシエンジギョウショ"), ("ケアプランセンター", "ケアプランセンター"),
                      ("介護相談センター", "カイゴソウダンセンター"), ("ケアマネジメントセンター", "ケアマネジメントセンター")]),
    "訪問看護": ("3", [("訪問看護ステーション", "ホウモンカンゴステーション")]),
    "定期巡回・随時対応型訪問介護看護": ("6", [("定期巡回・随時対応型訪問介護看護", "テイキジュンカイ・ズイジタイオウガタホウモンカイゴカンゴ")]),
    "訪問介護": ("0", [("ヘルパーステーション", "ヘルパーステーション"), ("訪問介護事業所", "ホウモンカイゴジギョウショ"),
                  ("ホームヘルプサービス", "ホームヘルプサービス"), ("訪問介護センター", "ホウモンカイゴセンター")]),
    "看護小規模多機能型居宅介護": ("7", [("看護小規模多機能型居宅介護", "カンゴショウキボタキノウガタキョタクカイゴ"),
                              ("看護小規模多機能ホーム", "カンゴショウキボタキノウホーム")]),
}


def kaigo_offices(rng, geo, cells, book, service, counts, seen, addr_at=None):
    """Offices of one service: counts per district -> list of dicts (not yet rows).  seen: phones, names, 事業所番号
    and 法人 already used in any file (so they are unique across files, except where a defect is planted).
    addr_at: {office index: (lat, lon)} where an office's published point will not be its place (the station
    planted in the sea): its address is made for that point."""
    code_digit, suffixes = SERVICES[service]
    offices = []
    for kid, n in counts:
        for _ in range(n):
            while True:
                pre, pre_kana = rng.choice(PREFIXES)
                suf, suf_kana = rng.choice(suffixes)
                if (pre, suf) not in seen["names"]:
                    break
            seen["names"].add((pre, suf))
            if rng.random() < 0.5:
                name, kana = f"{suf}　{pre}", f"{suf_kana}　{pre_kana}"
            else:
                name, kana = f"{pre}{suf}", f"{pre_kana}{suf_kana}"
            if seen["corps"] and rng.random() < 0.3:
                corp = rng.choice(seen["corps"])
            else:
                ctype, _, pattern, tcode = rng.choice(CORP_TYPES)
                corp = (ctype + pattern.format(pre), corp_number(f"1804{tcode}{rng.randint(0, 999999):06d}"))
                seen["corps"].append(corp)
            lat, lon = place(rng, geo, cells, kid, 1.0)
            tel = phone(rng, seen["phones"])
            adr = address(rng, book, kid, *(addr_at or {}).get(len(offices), (lat, lon)))
            addr = adr.text
            if rng.random() < 0.4:
                addr = PREF + CITY + addr[len(PREF + CITY):].translate(FW)
            while True:
                no = f"237{code_digit}{rng.randint(0, 99999):05d}{rng.randint(0, 9)}"
                if no not in seen["nos"]:
                    break
            seen["nos"].add(no)
            offices.append(dict(kid=kid, name=name, kana=kana, addr=addr, adr=adr, pt=(lat, lon), lat=f"{lat:.15f}", lon=f"{lon:.15f}",
                                tel=tel, fax=tel[:-1] + str((int(tel[-1]) + 1) % 10), corp=corp, no=no,
                                building=rng.choice(["", "", "", "", "みさきビル2階", "第二栄ビル1F"]),
                                url=rng.choice(["", "", f"https://care{rng.randint(100, 999)}.example.jp/"])))
    return offices


def kaigo_rows(service, offices, days, notes, capacity):
    rows = [KAIGO_HEADER]
    for o, d, note, cap in zip(offices, days, notes, capacity):
        rows.append([code6(CODE), o["no"], PREF, CITY, o["name"], o["kana"], service, o["addr"], o["building"],
                     o["lat"], o["lon"], o["tel"], o["fax"], o["corp"][1], o["corp"][0], o["no"], d, note,
                     cap, o["url"], "", "", "", ""])
    return rows


def write_kaigo(rng, geo, cells, book, defects):
    seen = dict(phones=set(), names=set(), nos=set(), corps=[])
    counts = lambda *n: list(zip(KIDS, n))
    # 430 居宅介護支援: 33 offices + one later row repeating an earlier 事業所番号
    off = kaigo_offices(rng, geo, cells, book, "居宅介護支援", counts(10, 7, 6, 4, 5, 0), seen)
    off += kaigo_offices(rng, geo, cells, book, "居宅介護支援", [(MOUNTAIN_KID, 1)], seen)
    off.sort(key=lambda o: o["no"])
    off[20].update(name="𠮷田ケアプランセンター", kana="ヨシダケアプランセンター")
    off[5].update(lat="0.000000000000000", lon="0.000000000000000")
    off[12].update(lat=off[12]["lon"], lon=off[12]["lat"])
    dup = dict(kaigo_offices(rng, geo, cells, book, "居宅介護支援", [(off[8]["kid"], 1)], seen)[0])
    dup.update(no=off[8]["no"], name=off[8]["name"] + "　サテライト", kana=off[8]["kana"] + "　サテライト", corp=off[8]["corp"])
    off.insert(27, dup)
    assert len({o["no"] for o in off}) == len(off) - 1
    f = "kaigo/jigyosho_430.csv"
    line = lambda o: off.index(o) + 2          # header = line 1
    defects += [(f, 7, "緯度/経度 both `0.000000000000000` (missing coordinates)", "keep as unlocated, warn"),
                (f, 14, "lat/lon swapped (緯度 column ≈ 137.4, 経度 ≈ 34.9)", "swap back (warn): the swapped pair lies in the town"),
                (f, 22, "事業所名 contains 𠮷 (U+20BB7, not in CP932/Shift_JIS)",
                 "keep; must survive the UTF-8 round trip; warn only when writing CP932"),
                (f, line(dup), f"事業所番号 {dup['no']} repeats line {line(off[8])} (name + 「サテライト」)",
                 "report duplicate key; keep the first row, reject the later one")]
    days = [rng.choice(["平日", "平日", "平日,土曜日", "平日,土曜日", "平日,土曜日,日曜日,祝日"]) for _ in off]
    notes = [rng.choice(["", "", "", "-", "緊急時、電話にて24時間、対応可能（改行）土曜日は午前のみ", "土曜日は9時～12時",
                         "祝日は休業（改行）年末年始12/29～1/3は休み", "営業時間外は携帯電話に転送"]) for _ in off]
    n430 = write_csv(f, kaigo_rows("居宅介護支援", off, days, notes, [rng.choice(["", "0", "0"]) for _ in off]))
    # 130 訪問看護: 12 stations, 7 with 24-hour cover, one geocoded into the sea
    sea = to_ll((14.8, -3.3))
    sea_pt = (float(f"{sea[1] + 0.0000123456:.15f}"), float(f"{sea[0] + 0.0000065432:.15f}"))
    st = kaigo_offices(rng, geo, cells, book, "訪問看護", counts(4, 3, 2, 2, 1, 0), seen, addr_at={9: sea_pt})
    st[0].update(name="みさき市医師会訪問看護ステーション", kana="ミサキシイシカイホウモンカンゴステーション",
                 corp=("一般社団法人みさき市医師会", corp_number("180405002318")))
    st[4].update(name="東浜病院訪問看護ステーション", kana="ヒガシハマビョウインホウモンカンゴステーション",
                 corp=("医療法人東浜会", corp_number("180405001127")))
    st[9].update(lat=f"{sea[1] + 0.0000123456:.15f}", lon=f"{sea[0] + 0.0000065432:.15f}", sea=True)
    h24 = [True, True, False, True, True, True, False, True, False, False, True, False]
    days = ["平日,土曜日,日曜日,祝日" if h else rng.choice(["平日", "平日,土曜日"]) for h in h24]
    notes = [rng.choice(["24時間対応体制あり", "24時間対応体制加算の届出あり（改行）緊急時は24時間訪問可能", "緊急時、電話にて24時間、対応可能",
                         "24時間365日、電話相談・緊急訪問に対応"]) if h else
             rng.choice(["", "-", "土曜日は午前のみ（改行）日曜・祝日は休み", "営業時間 8:30～17:30"]) for h in h24]
    rows = kaigo_rows("訪問看護", st, days, notes, [""] * len(st))
    n130 = write_csv("kaigo/jigyosho_130.csv", rows)
    defects.append(("kaigo/jigyosho_130.csv", 11, "coordinates ≈5 km off the coast, in the sea south of the peninsula (address says 南部圏域)",
                    "keep with warning \"outside own municipality\"; still a provider for coverage"))
    # 760 定期巡回・随時対応型訪問介護看護
    tk = kaigo_offices(rng, geo, cells, book, "定期巡回・随時対応型訪問介護看護", counts(1, 1), seen)
    tk[1].update(name="24時間ケアステーションみさき東", kana="ニジュウヨジカンケアステーションミサキヒガシ")
    n760 = write_csv("kaigo/jigyosho_760.csv", kaigo_rows("定期巡回・随時対応型訪問介護看護", tk, ["平日,土曜日,日曜日,祝日"] * 2,
                                                          ["24時間365日対応（改行）随時訪問あり", "24時間対応"], ["0", ""]))
    # 110 訪問介護: 14 offices (one in the south of 山間部, none in its valley); 5 promise round-the-clock cover
    hk = sorted(kaigo_offices(rng, geo, cells, book, "訪問介護", counts(4, 3, 2, 2, 2, 1), seen), key=lambda o: o["no"])
    h24_110 = [False] * len(hk)
    for i in rng.sample([i for i, o in enumerate(hk) if o["kid"] != MOUNTAIN_KID], 5):
        h24_110[i] = True
    notes24 = ["夜間・早朝も対応（改行）緊急時は24時間連絡可", "24時間365日対応（改行）早朝・夜間の巡回訪問あり",
               "緊急時、電話にて24時間、対応可能", "早朝6時～深夜0時まで訪問可（改行）緊急時は24時間連絡可"]
    days = ["平日,土曜日,日曜日,祝日" if h else rng.choice(["平日", "平日,土曜日", "平日,土曜日", "平日,土曜日,日曜日"])
            for h in h24_110]
    notes = [notes24[sum(h24_110[:i]) % len(notes24)] if h else
             rng.choice(["", "", "-", "土曜日は午前のみ", "年末年始（12/30～1/3）は休業", "サービス提供時間 8:00～18:00（改行）日曜・祝日は要相談"])
             for i, h in enumerate(h24_110)]
    n110 = write_csv("kaigo/jigyosho_110.csv", kaigo_rows("訪問介護", hk, days, notes, [rng.choice(["", "0"]) for _ in hk]))
    # 770 看護小規模多機能型居宅介護: 2 offices (registered capacity 29 and 25)
    km = kaigo_offices(rng, geo, cells, book, "看護小規模多機能型居宅介護", counts(1, 1), seen)
    n770 = write_csv("kaigo/jigyosho_770.csv", kaigo_rows("看護小規模多機能型居宅介護", km, ["平日,土曜日,日曜日,祝日"] * 2,
                                                          ["通い・泊まり・訪問を24時間365日提供（改行）泊まり定員9名",
                                                           "24時間365日対応（改行）医療的ケア・看取りにも対応"], ["29", "25"]))
    return dict(k430=[o["kid"] for o in off], k130=[(s["kid"], h) for s, h in zip(st, h24)], k760=[o["kid"] for o in tk],
                k110=[(o["kid"], h) for o, h in zip(hk, h24_110)], k770=[o["kid"] for o in km],
                counts=(n430, n130, n760, n110, n770),
                files={"kaigo/jigyosho_430.csv": off, "kaigo/jigyosho_130.csv": st, "kaigo/jigyosho_760.csv": tk,
                       "kaigo/jigyosho_110.csv": hk, "kaigo/jigyosho_770.csv": km},
                h24_care=[o for o, h in zip(st, h24) if h] + tk + [o for o, h in zip(hk, h24_110) if h] + km)


# ----------------------------------------------------------------------------- 医療情報ネット
def B(days, s, e, extra=None):
    """One time band: {day: (start, end)} for the given days (+ days with other times)."""
    d = {k: (s, e) for k in days}
    d.update(extra or {})
    return d


HOURS = {
    "A": [B("月火水木金土", "09:00", "12:00"), B("月火木金", "15:00", "18:00")],
    "B": [B("月火水木金土", "08:30", "12:00"), B("月火水金", "14:30", "18:30")],
    "C": [B("月火水木金", "09:00", "12:30", {"土": ("09:00", "13:00")}), B("月火木金", "16:00", "19:00")],
    "D": [B("月火水木金土", "09:00", "12:00"), B("月火木金", "17:00", "18:30")],        # afternoons: home visits
    "E": [B("月水金", "09:00", "11:30")],                                            # home-care clinic
    "F": [B("月火水金土", "09:00", "12:00"), B("月火水金", "14:00", "17:30")],
    "G": [B("月火水木金土", "08:45", "12:15"), B("月火水金", "15:30", "19:00")],
    "H": [B("月火木金土", "09:00", "12:30"), B("月火木金", "15:00", "18:00")],
    "M": [B("月火木金", "08:30", "12:00", {"水": ("08:30", "11:00"), "祝": ("09:00", "12:00")}),   # 祝: holiday surgery
          B("火金", "13:30", "16:00")],
    "M2": [B("月火水金", "09:00", "12:00", {"土": ("09:00", "11:00")}), B("月水", "14:00", "17:00")],
    "N": [B("日祝", "09:00", "12:00"), B("日祝", "13:00", "17:00"), B("月火水木金", "19:30", "22:30", {"土": ("20:00", "08:00")})],
}
SECOND_DEPT = {"小児科": [B("月火水木金", "09:00", "11:30"), B("火木", "14:00", "15:30")],
               "リハビリテーション科": [B("月火水木金土", "09:00", "12:00"), B("月火水木金", "14:00", "18:00")]}
SUFFIX["shinryojo"] = ("診療所", "シンリョウジョ", "Clinic", ["内科"])
SUFFIX["shinryojo_n"] = ("診療所", "シンリョウジョ", "Clinic", ["内科", "小児科"])
# hand-placed clinics: district, stem (kanji, kana, romaji), suffix, hours, 訪問診療, 24時間対応, 機能強化型, 医師数, 法人
#                      [, near (x, y) km: placed within about 0.6 km of that point]
SPECIAL = [
    ("23999-01", ("みさき", "ミサキ", "Misaki"), "zaitaku", "E", "○", "○", "○", 4, ("医療法人社団みさき会", "イリョウホウジンシャダンミサキカイ")),
    ("23999-01", ("杉浦", "スギウラ", "Sugiura"), "naika_cl", "D", "○", "○", "○", 3, ("医療法人杉浦会", "イリョウホウジンスギウラカイ")),
    ("23999-01", ("加藤", "カトウ", "Kato"), "iin", "A", "○", "○", "×", 1, None),
    ("23999-01", ("河合", "カワイ", "Kawai"), "junkan", "D", "○", "○", "×", 2, ("医療法人河合会", "イリョウホウジンカワイカイ")),
    ("23999-01", ("駅前", "エキマエ", "Ekimae"), "family", "C", "○", "×", "×", 2, None),
    ("23999-02", ("さくらヶ丘", "サクラガオカ", "Sakuragaoka"), "zaitaku", "E", "○", "○", "○", 3,
     ("医療法人社団さくら会", "イリョウホウジンシャダンサクラカイ")),
    ("23999-02", ("神谷", "カミヤ", "Kamiya"), "naika", "D", "○", "○", "×", 1, None),
    ("23999-02", ("水野", "ミズノ", "Mizuno"), "iin", "A", "○", "○", "×", 2, None),
    ("23999-02", ("豊岡", "トヨオカ", "Toyooka"), "cl", "B", "○", "×", "×", 1, None),
    ("23999-03", ("牧野", "マキノ", "Makino"), "iin", "A", "○", "×", "×", 1, None),
    ("23999-03", ("西浦", "ニシウラ", "Nishiura"), "naika_cl", "D", "○", "×", "×", 1, None),
    ("23999-04", ("みなと", "ミナト", "Minato"), "geka_naika", "B", "○", "○", "×", 2, ("医療法人港会", "イリョウホウジンミナトカイ")),
    ("23999-05", ("寺田", "テラダ", "Terada"), "iin", "A", "○", "○", "×", 1, None, (12.0, 11.2)),
    ("23999-06", ("みさき市国民健康保険山吹", "ミサキシコクミンケンコウホケンヤマブキ", "Misaki City NHI Yamabuki"), "shinryojo", "M",
     "○", "×", "×", 1, None, (8.3, 18.6)),                  # at the valley mouth: reaches the villages by day
    ("23999-06", ("杉平", "スギヒラ", "Sugihira"), "naika", "M2", "×", "×", "×", 1, None),
    ("23999-01", ("みさき市休日夜間急患", "ミサキシキュウジツヤカンキュウカン", "Misaki City Holiday and Night Emergency"),
     "shinryojo_n", "N", None, None, None, None, None),
]
CLINIC_COUNTS = {"23999-01": 26, "23999-02": 15, "23999-03": 12, "23999-04": 9, "23999-05": 10, "23999-06": 2}
HOSPITALS = [  # district, name, kana, English, 法人, departments, beds (一般, 療養), open Saturday, in survey
    ("23999-01", "みさき市民病院", "ミサキシミンビョウイン", "Misaki Municipal Hospital", None,
     ["内科", "循環器内科", "消化器内科", "外科", "整形外科", "小児科", "産婦人科", "眼科", "泌尿器科"], (320, ""), False, True),
    ("23999-02", "東浜病院", "ヒガシハマビョウイン", "Higashihama Hospital", ("医療法人東浜会", "イリョウホウジンヒガシハマカイ"),
     ["内科", "外科", "リハビリテーション科"], (60, 120), True, True),
    ("23999-03", "松原整形外科病院", "マツバラセイケイゲカビョウイン", "Matsubara Orthopedic Hospital", None,
     ["整形外科", "リハビリテーション科", "内科"], (48, ""), True, False),
    ("23999-04", "岬記念病院", "ミサキキネンビョウイン", "Misaki Memorial Hospital", ("医療法人岬会", "イリョウホウジンミサキカイ"),
     ["内科", "外科", "消化器内科"], (99, 50), False, False),
]


def make_facilities(rng, geo, cells, book):
    """Clinics (hand-placed + generated) and hospitals, with IDs, addresses and coordinates."""
    clinics = [dict(kid=s[0], stem=s[1], suffix=s[2], hours=s[3], hv=s[4], h24=s[5], kyoka=s[6], doctors=s[7],
                    corp=s[8], near=s[9] if len(s) > 9 else None, special=True) for s in SPECIAL]
    names = {c["stem"][0] + SUFFIX[c["suffix"]][0] for c in clinics}
    keys, wts = zip(*SUFFIX_WEIGHTS)
    for kid in KIDS:
        for _ in range(CLINIC_COUNTS[kid] - sum(c["kid"] == kid for c in clinics)):
            while True:
                stem = rng.choice(SURNAMES) if rng.random() < 0.75 else rng.choice(TOWNS[kid])
                suffix = rng.choices(keys, wts)[0]
                if stem[0] + SUFFIX[suffix][0] not in names:
                    break
            names.add(stem[0] + SUFFIX[suffix][0])
            corp = (f"医療法人{stem[0]}会", f"イリョウホウジン{stem[1]}カイ") if stem in SURNAMES and rng.random() < 0.35 else None
            clinics.append(dict(kid=kid, stem=stem, suffix=suffix, hours=rng.choice("ABCFGH"), hv=None, h24=None,
                                kyoka=None, doctors=None, corp=corp, special=False))
    rng.shuffle(clinics)
    serials = sorted(rng.sample(range(1, 10 ** 6), len(clinics) + 1))
    orphan = f"2320999{serials.pop(len(serials) // 2):06d}"          # an ID used only in the hours table
    for c, serial in zip(clinics, serials):
        kan, kana, eng, depts = SUFFIX[c["suffix"]]
        lat, lon = place(rng, geo, cells, c["kid"], 1.0 if c["special"] else 1.3, c.get("near"))
        c.update(id=f"2320999{serial:06d}", short=c["stem"][0] + kan, short_kana=c["stem"][1] + kana,
                 english=f"{c['stem'][2]} {eng}", adr=address(rng, book, c["kid"], lat, lon), pt=(lat, lon),
                 lat=str(round(lat, 7)), lon=str(round(lon, 7)),
                 recv_early=rng.random() < 0.5, beds=rng.choice(["", "", "", "", "", "19"]),
                 depts=[(d, HOURS[c["hours"]] if i == 0 else SECOND_DEPT.get(d, HOURS[c["hours"]])) for i, d in enumerate(depts)])
    for c in clinics:
        c["addr"] = c["adr"].text
    clinics.sort(key=lambda c: c["id"])
    hospitals = []
    for (kid, name, kana, eng, corp, depts, beds, sat, survey), serial in zip(HOSPITALS, sorted(rng.sample(range(1, 10 ** 6), 4))):
        lat, lon = place(rng, geo, cells, kid, 1.3)
        hospitals.append(dict(kid=kid, id=f"2310999{serial:06d}", short=name, short_kana=kana, english=eng, corp=corp,
                              dept_names=depts, beds=beds, sat=sat, survey=survey, adr=address(rng, book, kid, lat, lon, aza=False),
                              pt=(lat, lon), lat=str(round(lat, 7)), lon=str(round(lon, 7))))
        hospitals[-1]["addr"] = hospitals[-1]["adr"].text
    return clinics, hospitals, orphan


def hours_row(fid, dept, band_no, band, early, placeholder_day=None):
    row = [fid, DEPT_CODE[dept], dept, band_no]
    for day in DAYS:
        if day == placeholder_day:
            row += ["00:00"] * 4
        elif day in band:
            s, e = band[day]
            end = hm(e) if hm(e) > hm(s) else hm(e) + 24 * 60            # overnight band
            row += [s, e, fmt_hm(hm(s) - (15 if early else 0)), fmt_hm(end - 30)]
        else:
            row += [""] * 4
    return row


def write_iryo(rng, clinics, hospitals, orphan, defects):
    fac_header = ("ID,正式名称,正式名称（フリガナ）,略称,略称（フリガナ）,英語表記（ローマ字表記）,機関区分,都道府県コード,市区町村コード,"
                  "所在地,所在地座標（緯度）,所在地座標（経度）,案内用ホームページアドレス," +
                  ",".join(f"毎週決まった曜日に休診（{d}）" for d in DAYS[:7]) +
                  ",祝日に休診,その他の休診日（gw、お盆等）,一般病床数,療養病床数").split(",")
    hrs_header = ["ID", "診療科目コード", "診療科目名", "診療時間帯"] + [
        f"{d}_{k}" for d in DAYS for k in ("診療開始時間", "診療終了時間", "外来受付開始時間", "外来受付終了時間")]
    first = lambda kid: next(c for c in clinics if c["kid"] == kid and not c["special"])
    zero_c, wed_c, ph_c = first("23999-05"), first("23999-03"), first("23999-02")
    for c in (wed_c, ph_c):                      # one department, hours "A" (水 morning, 木 afternoon)
        c["hours"], c["depts"] = "A", [(SUFFIX[c["suffix"]][3][0], HOURS["A"])]
    zero_c.update(lat="0.0", lon="0.0")

    def fac_row(f, kind, flags, holiday, other, beds):
        official, okana = (f"{f['corp'][0]}　{f['short']}", f"{f['corp'][1]}　{f['short_kana']}") if f["corp"] else (f["short"], f["short_kana"])
        url = rng.choice(["", "", f"https://{f['english'].split()[0].lower()}{rng.randint(1, 99)}.example.jp/"])
        return [f["id"], official, okana, f["short"] if f["corp"] else "", f["short_kana"] if f["corp"] else "", f["english"],
                kind, "23", CODE[2:], f["addr"], f["lat"], f["lon"], url, *flags, holiday, other, *beds]

    frows, hrows = [fac_header], [hrs_header]
    for c in clinics:
        open_days = [any(d in band for _, bands in c["depts"] for band in bands) for d in DAYS]
        flags = ["1" if o else "0" for o in open_days[:7]]
        if c is wed_c:
            flags[2] = "0"
        frows.append(fac_row(c, "2", flags, "1" if open_days[7] else "0",
                             rng.choice(["", "年末年始", "年末年始、お盆", "年末年始、GW、お盆"]), (c["beds"], "")))
        for dept, bands in c["depts"]:
            for b, band in enumerate(bands, 1):
                hrows.append(hours_row(c["id"], dept, b, band, c["recv_early"], "木" if c is ph_c and b == 2 else None))
    at = next(i for i, r in enumerate(hrows[1:], 1) if r[0] > orphan)
    hrows[at:at] = [hours_row(orphan, "内科", b, band, False) for b, band in enumerate(HOURS["A"], 1)]
    fi, fh = "iryo/02-1_clinic_facility_info_20260401.csv", "iryo/02-2_clinic_speciality_hours_20260401.csv"
    counts = [write_csv(fi, frows), write_csv(fh, hrows)]
    line_of = lambda rows, pred: next(i for i, r in enumerate(rows, 1) if pred(r))
    night = next(c for c in clinics if c["hours"] == "N")
    defects += [
        (fi, line_of(frows, lambda r: r[0] == zero_c["id"]), f"{zero_c['short']}: 所在地座標 `0.0` / `0.0`", "keep as unlocated, warn"),
        (fi, line_of(frows, lambda r: r[0] == wed_c["id"]),
         f"{wed_c['short']}: 毎週決まった曜日に休診（水） = 0 (closed) but the hours table has 水 09:00–12:00",
         "keep with warning (flag/hours contradiction)"),
        (fh, line_of(hrows, lambda r: r[0] == ph_c["id"] and r[3] == 2), f"{ph_c['short']}, band 2: 木 `00:00`–`00:00` placeholder",
         "ignore that day of the band, warn (木 morning, band 1, stays open)"),
        (fh, line_of(hrows, lambda r: r[0] == night["id"] and r[3] == 3),
         f"{night['short']}, band 3: 土 20:00–08:00 (overnight on-call band)", "keep: 土 20:00–24:00 + 日 00:00–08:00"),
        (fh, at + 1, f"ID {orphan} (lines {at + 1}–{at + 2}) is not in the clinic facility table", "report unmatched, drop the rows"),
    ]
    frows, hrows = [fac_header], [hrs_header]
    for h in hospitals:
        frows.append(fac_row(h, "1", ["1"] * 5 + ["1" if h["sat"] else "0", "0"], "0", "年末年始（12月29日～1月3日）", h["beds"]))
        for i, dept in enumerate(h["dept_names"]):
            band = B("月火水木金", "08:30", "12:00", {"土": ("08:30", "12:00")} if h["sat"] and i == 0 else None)
            hrows.append(hours_row(h["id"], dept, 1, band, False))
            if dept in ("整形外科", "リハビリテーション科", "小児科"):
                hrows.append(hours_row(h["id"], dept, 2, B("月火木金", "14:00", "16:30"), False))
    counts += [write_csv("iryo/01-1_hospital_facility_info_20260401.csv", frows),
               write_csv("iryo/01-2_hospital_speciality_hours_20260401.csv", hrows)]
    return counts


# ----------------------------------------------------------------------------- 医師会 survey, support centres
def cm_time(rng):
    days = ["月", "火", "水", "木", "金", "月・水・金", "火・木", "火～木", "平日", "月～金", "月～土", "月・木"]
    times = [("12:30", "13:30"), ("13:00", "14:00"), ("13:30", "14:30"), ("17:30", "18:00"), ("08:30", "09:00"), ("12:00", "13:00")]
    slots = []
    for _ in range(1 if rng.random() < 0.8 else 2):
        s, e = rng.choice(times)
        slot = f"{rng.choice(days)} {s}～{e}"
        if slot not in slots:
            slots.append(slot)
    v = "／".join(slots)
    return v.translate(FW) if rng.random() < 0.2 else v


def survey_row(rng, f, hv, h24, kyoka, doctors, remark):
    methods = [m for m, p in (("電話", 0.85), ("FAX", 0.6), ("訪問", 0.3), ("メール", 0.2)) if rng.random() < p] or ["電話"]
    yoyaku = rng.choice(["要", "要", "要", "不要", "不要", ""])
    kigen = str(rng.choice([1, 1, 2, 3, 7])) if yoyaku == "要" and rng.random() < 0.7 else ""
    note = rng.choice(["前日までに電話で予約してください", "FAXで日時を調整します", "", "診療の合間のため10分程度でお願いします"]) if yoyaku == "要" else ""
    conf = "○" if hv == "○" and rng.random() < 0.9 else rng.choice(["○", "×", "×", "×", ""])
    return [f["id"], f["short"], f["addr"], "" if rng.random() < 0.1 else cm_time(rng),
            rng.choice(["院長", "院長", "事務長　" + rng.choice(SURNAMES)[0], "看護師長", "受付", ""]), "・".join(methods),
            yoyaku, kigen, note, conf, hv, h24, kyoka, doctors, remark]


def write_survey(rng, clinics, hospitals, orphan, defects):
    header = "医療機関ID,医療機関名,所在地,ケアマネタイム,担当者,連絡方法,予約,予約期限（日前）,予約備考,退院前カンファレンス,訪問診療,24時間対応,機能強化型,医師数,備考".split(",")
    regular = [c for c in clinics if not c["special"] and c["kid"] != MOUNTAIN_KID]
    skipped = rng.sample(regular, 10)
    surveyed = [c for c in clinics if c not in skipped and c["hours"] != "N"]
    plain = [c for c in surveyed if not c["special"]]
    blank_id = [c for c in surveyed if c["short"] in ("牧野医院", "寺田医院")] + rng.sample(plain, 3)
    bad_cm, bad_kigen = [c for c in plain if c not in blank_id][:2]
    items = sorted([(c["kid"], c["short_kana"], c) for c in surveyed] + [(h["kid"], h["short_kana"], h) for h in hospitals if h["survey"]],
                   key=lambda t: (t[0], t[1]))
    rows = [header]
    for _, _, f in items:
        if f.get("special"):
            remark = ("" if f["hv"] != "○" else "機能強化型在支診（連携型）" if f["kyoka"] == "○" else
                      "夜間・休日は携帯電話で対応, 看取り可" if f["h24"] == "○" else
                      "夜間・休日は対応できません。急変時は救急要請をお願いします" if f["kid"] == MOUNTAIN_KID else "夜間・休日の対応は不可")
            row = survey_row(rng, f, f["hv"], f["h24"], f["kyoka"], str(f["doctors"]), remark)
        elif "dept_names" in f:                 # hospital
            hv = "○" if f["short"] == ZAISHI_HOSPITAL else "×"
            row = survey_row(rng, f, hv, hv, "×", "6" if hv == "○" else "45", "在宅療養支援病院" if hv == "○" else "地域医療連携室が窓口です")
            row[3:6] = ["平日 14:00～16:00", "地域医療連携室", "電話・FAX"]
        else:
            row = survey_row(rng, f, rng.choice(["×", "×", "×", "×", ""]), rng.choice(["×", "×", ""]), rng.choice(["×", "×", ""]),
                             rng.choice(["1", "1", "1", "2", ""]),
                             rng.choice(["", "", "", "往診は午後のみ", "休診日は水曜午後,日曜,祝日", "認知症の相談も可",
                                         "書類は事前にFAXでお送りください", "駐車場は裏手にあります, 受付でお声かけください"]))
        if f is bad_cm:
            row[3] = "要相談"
        if f is bad_kigen:
            row[6:8] = ["要", "三日前"]
        rows.append(row)
    joins = []
    variants = [lambda a: a.translate(FW), lambda a: a, lambda a: a.replace(CITY, CITY + "\u3000"),
                lambda a: a.translate(FW), lambda a: a.replace(PREF, PREF + " ")]
    for c, vary in zip(blank_id, variants):
        i = next(i for i, r in enumerate(rows) if r[0] == c["id"])
        rows[i][0], rows[i][2] = "", vary(c["addr"])
        joins.append((i + 1, c["short"], rows[i][2]))
    used = {c["id"] for c in clinics} | {orphan}
    ghost = next(f"2320999{n:06d}" for n in range(424242, 10 ** 6) if f"2320999{n:06d}" not in used)
    rows.insert(16, [ghost, "いずみ眼科クリニック", f"{PREF}{CITY}錦町3丁目8-2", "水 13:00～13:30", "院長", "電話", "要", "2", "",
                     "×", "×", "×", "×", "1", "閉院予定"])
    rows.insert(41, ["", "みさき港クリニック", f"{PREF}{CITY}港町1丁目2-3", "木 12:30～13:00", "", "電話・FAX", "不要", "", "", "×",
                     "×", "×", "", "", ""])
    # The numbers a care manager should call or fax (医療情報ネット publishes none). Drawn from
    # a generator of their own per row, so that the rest of the town stays byte for byte.
    rows[0] += ["電話番号", "FAX番号"]
    for r in rows[1:]:
        own = random.Random("tel:" + (r[0] or r[1]))
        tel = f"0533-{own.randint(20, 99)}-{own.randint(0, 9999):04d}"
        fax = tel[:-1] + str((int(tel[-1]) + 1) % 10) if own.random() < 0.85 else ""
        r += ["" if own.random() < 0.08 else tel, fax]
    write_csv("survey/ishikai_survey_2026.csv", rows, encoding="cp932", bom=False)
    f = "survey/ishikai_survey_2026.csv"
    line_of = lambda pred: next(i for i, r in enumerate(rows, 1) if pred(r))
    defects += [(f, 17, f"医療機関ID {ghost} does not exist; name/address not in the data either", "report unmatched (do not drop silently)"),
                (f, 42, "no ID; name + address (みさき港クリニック, 港町1丁目2-3) match no facility", "report unmatched"),
                (f, line_of(lambda r: r[3] == "要相談"), f"{bad_cm['short']}: ケアマネタイム 「要相談」 cannot be parsed",
                 "keep the row and the raw text for the booklet, warn; no time slots"),
                (f, line_of(lambda r: r[7] == "三日前"), f"{bad_kigen['short']}: 予約期限（日前） 「三日前」 is not a number",
                 "keep the row, warn; deadline unknown (raw text kept)")]
    joins = [(line_of(lambda r, n=n: r[1] == n and r[0] == ""), n, a) for _, n, a in joins]
    return len(rows) - 1, sorted(joins), [c["short"] for c in skipped]


def write_support(rng, geo, cells):
    rows = [["facility_id", "name", "kind", "lat", "lon", "home_visit", "support_24h", "hours", "doctors"]]
    for i, (kid, area) in enumerate(zip(KIDS[:5], ["中央", "東部", "西部", "南部", "北部・山間部"]), 1):
        lat, lon = place(rng, geo, cells, kid, 1.3)
        rows.append([f"SC{i:03d}", f"みさき市{area}地域包括支援センター", "community_support_center", f"{lat:.6f}", f"{lon:.6f}",
                     "0", "0", "Mon-Fri 08:30-17:15", "0"])
    return write_csv("support_centres.csv", rows, bom=False, nl="\n")


# ----------------------------------------------------------------------------- 位置参照情報 (address reference points)
CHOME_FILE, GAIKU_FILE = "address/23000-17.0b/23_2023.csv", "address/23000-22.0a/23_2023.csv"
TWO_ROW_BLOCK, DELETED_BLOCK = "みさき市民病院", "みさき在宅クリニック"    # whose blocks carry the planted rows
RENAMED_TOWN = "緑が丘"                  # 更新前履歴フラグ 2 (名称変更): renamed from 緑ヶ丘 in this edition


def address_facilities(kaigo, clinics, hospitals):
    """Every facility row with an address: file, line, name, Address, point careatlas reads (None: unlocated), the
    point it was placed at, and how the published point is special."""
    out = []
    files = list(kaigo["files"].items()) + [("iryo/02-1_clinic_facility_info_20260401.csv", clinics),
                                            ("iryo/01-1_hospital_facility_info_20260401.csv", hospitals)]
    for f, rows in files:
        for i, o in enumerate(rows):
            lat, lon = float(o["lat"]), float(o["lon"])
            how = "sea" if o.get("sea") else "unlocated" if lat == 0 else "swapped" if lat > 90 else ""
            if how == "swapped":
                lat, lon = lon, lat
            out.append(dict(file=f, line=i + 2, name=o.get("short") or o["name"], adr=o["adr"], text=o["addr"],
                            published=None if how == "unlocated" else (lon, lat), placed=(o["pt"][1], o["pt"][0]), how=how))
    return out


def write_address(book, facs):
    """The town's 大字・町丁目 and 街区 files; asserts that every published point lies within CHECK_M of the 町丁目 row
    its address reaches (the sea station: beyond) and every urban address's block within 30-120 m of the point."""
    for f in facs:
        a, pt = f["adr"], f["published"] or f["placed"]
        f["chome_pt"] = book.point_of(a)
        f["chome_m"] = dist_m(*pt, *f["chome_pt"])
        f["gaiku_pt"] = book.gaiku_of(a)
        f["gaiku_m"] = dist_m(*pt, *f["gaiku_pt"]) if f["gaiku_pt"] else None
        f["level"] = "街区" if f["gaiku_pt"] else "町丁目" if a.chome else "大字"
        if f["how"] == "sea":
            assert f["chome_m"] > CHECK_M and a.kid == ISLAND_KID and a.offshore, f
        else:
            assert f["chome_m"] <= CHECK_M, (f["file"], f["line"], f["name"], a.text, round(f["chome_m"]))
            assert f["gaiku_pt"] is None or 30 <= f["gaiku_m"] <= 120, (f["file"], f["line"], f["name"], a.text, f["gaiku_m"])
        assert f["text"].translate(str.maketrans("０１２３４５６７８９－", "0123456789-")) == a.text
        assert book.locate(*f["placed"])[0] == a.town or f["how"] == "sea"
    # 大字・町丁目: 山間部 points from the 1/25000 map (原典資料コード 3), the others その他 (0)
    crows = [CHOME_HEADER] + book.chome_rows(lambda t, n: "3" if book.kid_of[t] == MOUNTAIN_KID else "0")
    write_bytes(CHOME_FILE, quoted_cp932(crows))
    # 街区: per 町名 (serial order) its 字 rows (大字 part, 住居表示 0), then its 丁目' blocks (住居表示 1)
    by_name = {f["name"]: f for f in facs}
    two = by_name[TWO_ROW_BLOCK]["adr"]
    gone = by_name[DELETED_BLOCK]["adr"]
    assert two.chome and gone.chome and two.kid == gone.kid == "23999-01"
    aza = book.aza_rows()
    grows, marks = [GAIKU_HEADER], {}
    for t in sorted(book.kid_of, key=lambda t: book.serial[t]):
        if book.kid_of[t] not in URBAN_KIDS:
            continue
        before = "2" if t == RENAMED_TOWN else "0"
        for (tt, az, num) in sorted((k for k in aza if k[0] == t), key=lambda k: ([a for a, _ in book.aza_cents[t]].index(k[1]), k[2])):
            grows.append(gaiku_row(PREF, CITY, t, az, num, aza[(tt, az, num)]["point"], "0", before=before))
        for n in range(1, 1 + len(book.chome_cents[t])):
            name = t + kanji_number(n) + "丁目"
            for num in sorted(b["num"] for b in book.blocks.values() if b["town"] == t and b["chome"] == n):
                b = book.blocks[(t, n, num)]
                new = not b["core"] and random.Random(f"new:{t}:{n}:{num}").random() < 0.3
                if (t, n, num) == (gone.town, gone.chome, gone.block):      # the old point, 削除 but still listed
                    new = False
                    lon, lat = b["point"]
                    marks["deleted"] = len(grows) + 1
                    grows.append(gaiku_row(PREF, CITY, name, "", num, (round(lon + 0.0061, 6), round(lat - 0.0042, 6)), "1",
                                           before="3"))
                grows.append(gaiku_row(PREF, CITY, name, "", num, b["point"], "1", before="1" if new else before))
                if (t, n, num) == (two.town, two.chome, two.block):         # a block split by a road: two rows
                    lon, lat = b["point"]
                    marks["second"] = len(grows) + 1
                    grows.append(gaiku_row(PREF, CITY, name, "", num, (round(lon + 0.00058, 6), round(lat + 0.00031, 6)), "1",
                                           daihyo="0"))
    write_bytes(GAIKU_FILE, quoted_cp932(grows))
    return dict(crows=crows, grows=grows, marks=marks, facs=facs, two=two, gone=gone)


def address_notes(isj, defects):
    """The planted rows of the two address files as defects; the facility rows whose address careatlas should use."""
    marks, grows = isj["marks"], isj["grows"]
    d, v = grows[marks["deleted"] - 1], grows[marks["deleted"]]
    assert d[2:5] == v[2:5] and d[12] == "3" and v[12] == "0"
    gap = dist_m(float(d[9]), float(d[8]), float(v[9]), float(v[8]))
    defects += [
        (GAIKU_FILE, marks["deleted"], f"{d[2]} 街区 {d[4]}: 更新前履歴フラグ 3 (削除), a deleted block still listed, {gap:.0f} m from the "
         f"valid row of the same block on line {marks['deleted'] + 1} (the block of {DELETED_BLOCK})", "skip the row (count it); use line "
         f"{marks['deleted'] + 1}"),
        (GAIKU_FILE, marks["second"], f"{grows[marks['second'] - 1][2]} 街区 {grows[marks['second'] - 1][4]}: second row of the block "
         f"(代表フラグ 0; line {marks['second'] - 1} is the 代表 row; the block of {TWO_ROW_BLOCK})", "use the 代表フラグ 1 row"),
    ]
    by = {(f["file"], f["line"]): f for f in isj["facs"]}
    for i, (f, line, what, should) in enumerate(defects):
        fac = by.get((f, line))
        if fac and fac["how"] == "unlocated":
            defects[i] = (f, line, what, f"keep, warn; locate it from its address at 街区 level ({fac['gaiku_m']:.0f} m from where it "
                                         "is: see \"Address reference points\")")
        elif fac and fac["how"] == "sea":
            defects[i] = (f, line, what, should + f"; warn that it lies {fac['chome_m'] / 1000:.1f} km from its address's 町丁目 point "
                                         f"({fac['gaiku_m'] / 1000:.1f} km from its block)")


def address_section(isj):
    crows, grows, facs = isj["crows"][1:], isj["grows"][1:], isj["facs"]
    line_of = {}
    for i, r in enumerate(grows, 2):
        if r[11] == "1" and r[12] != "3":
            line_of[(r[2], r[3], r[4])] = i
    for oaza, num in (("錦町三丁目", "8"), ("港町一丁目", "2")):        # the survey's unmatched addresses
        assert (oaza, "", num) in line_of
    for f in facs:
        a = f["adr"]
        f["gaiku_line"] = line_of.get((a.chome_name, "", str(a.block)) if a.chome else (a.town, a.aza, str(a.chiban)))
        f["chome_line"] = 2 + next(i for i, r in enumerate(crows) if r[5] == a.chome_name)
    files = sorted({f["file"] for f in facs}, key=lambda p: [f["file"] for f in facs].index(p))
    lv = [(f"`{p}`", sum(f["file"] == p for f in facs), *(sum(f["file"] == p and f["level"] == L for f in facs) for L in ("街区", "町丁目", "大字")))
          for p in files]
    lv.append(("**all**", len(facs), *(sum(f["level"] == L for f in facs) for L in ("街区", "町丁目", "大字"))))
    fmt_pt = lambda p: f"{p[1]:.6f}, {p[0]:.6f}"
    rural = [(f"`{f['file']}`", f["line"], f["name"], f["text"], f"{f['chome_line']} ({f['adr'].town})", f"{f['chome_m']:,.0f} m")
             for f in facs if f["level"] == "大字"]
    special = []
    for f in facs:
        if f["how"]:
            what = {"unlocated": "unlocated (no coordinates)", "swapped": "緯度/経度 swapped (read back swapped)",
                    "sea": "published point in the sea"}[f["how"]]
            special.append((f"`{f['file']}`", f["line"], f["name"], what, f["text"], f["level"],
                            f"line {f['gaiku_line']}: {fmt_pt(f['gaiku_pt'])}", f"{f['gaiku_m']:,.0f} m",
                            f"line {f['chome_line']}: {fmt_pt(f['chome_pt'])}", f"{f['chome_m']:,.0f} m"))
    n1 = sum(r[9] == "1" for r in crows)
    n3 = sum(r[9] == "3" for r in crows)
    chome_blocks = [r for r in grows if r[10] == "1"]
    aza_rows = [r for r in grows if r[10] == "0"]
    per = {}
    for r in chome_blocks:
        if r[11] == "1" and r[12] != "3":
            per[r[2]] = per.get(r[2], 0) + 1
    new_rows = sum(r[12] == "1" for r in grows)
    renamed = sum(r[12] == "2" for r in grows)
    located = [f for f in facs if f["how"] != "sea"]
    g_m = [f["gaiku_m"] for f in located if f["gaiku_m"] is not None]
    urban = [DNAME[k] for k in URBAN_KIDS]
    return f"""## Address reference points (位置参照情報)

For careatlas's offline address matching (locating the facilities the open data leaves without coordinates, checking
published points against their addresses), `address/` holds the town's rows of the two 国土交通省 位置参照情報
files, in the real layouts: **CP932 (Shift_JIS), CRLF, every field double-quoted, header row first**; 緯度/経度 with
6 decimals (JGD2011). The folder names mirror the ZIPs they come in (`23000-17.0b.zip`, `23000-22.0a.zip`).

Addresses follow the map: each 町名 is a zone of its 圏域 (the points nearest one of its seed points, see ZONE_SEEDS in
the generator), split into 4 丁目 (in the 圏域 whose addresses carry 丁目: all but 山間部) and into 3 字 (西部, 北部,
山間部: their addresses may carry 字); an address's 町名, 丁目, 字 and 番 (街区符号) are those of the facility's
place (for the two unlocated facilities: the place they would have had; for the station planted in the sea: the block
of 南部圏域 nearest to its published point), its 号 and 地番 are drawn. So two facilities of one 丁目 are neighbours,
and an address at 街区 level lies 30–120 m from its facility.

**`{CHOME_FILE}`** — 大字・町丁目レベル位置参照情報 (17.0b layout, 10 columns): {len(crows)} rows, {n1} 町名 rows
(大字・字・丁目区分コード 1, 大字町丁目コード ending `000`) and {n3} 丁目 rows (区分 3, `001`–`004`, 町丁目名 with kanji
numerals: 本町二丁目). 大字町丁目コード = `23999` + 4-digit 町名 serial (in 五十音 order of the readings, as in the real
files) + 3-digit 丁目. Representative point: an inhabited spot near the middle of the 町名 zone (its first seed) or of
the 丁目. 原典資料コード 3 (1/25000地形図) for the 山間部 町名, 0 (その他) elsewhere. Unlike most real files, a 町 with 丁目
also has a row of its own (西部 and 北部 need it for their 字 addresses); 山間部's 4 町名 have no 丁目 rows.

**`{GAIKU_FILE}`** — 街区レベル位置参照情報 (22.0a layout, 14 columns; no codes, only names): {len(grows)} rows, for the
urban 圏域 only ({'、'.join(urban)}; 山間部 is outside the 都市計画区域, as real 街区 files cover only those). Per 丁目
(大字・丁目名 like 本町二丁目, 小字・通称名 empty, 住居表示フラグ 1) {min(per.values())}–{max(per.values())} blocks: a grid
85–115 m apart around the 丁目 point, 街区符号 1, 2, … row by row as a snake, then the outlying blocks of facilities
that lie away from that grid; {len(chome_blocks)} rows in all. The 字 parts of 西部 and 北部 (大字・丁目名 = 町名, 小字・通称名
= the 字, 街区符号・地番 = the 地番 本番, 住居表示フラグ 0): {len(aza_rows)} rows, the facilities' 地番 and a few others per
字. 座標系番号 7, Ｘ座標 (northing) / Ｙ座標 (easting) in metres of plane rectangular zone VII (origin 36°N 137°10′E, scale
0.9999), computed from the row's 緯度/経度 by Gauss–Krüger on GRS80 (checked against PROJ, EPSG:6668 → EPSG:6675, to
0.1 m). Real-file traits planted: one block with two rows (the second 代表フラグ 0), one row with 更新前履歴フラグ 3 (削除)
that the edition should not contain (both in the table of planted defects below), {new_rows} outlying blocks with
更新前履歴フラグ 1 (新規作成), the {renamed} rows of {RENAMED_TOWN} with 2 (名称変更: renamed from 緑ヶ丘), names with ヶ
(桜ヶ丘, 梅ヶ丘). 更新後履歴フラグ is 0 everywhere.

**What careatlas should find.** Every facility address (the survey copies them into 所在地) matches the files; the level
it reaches, per input file (街区 = a 街区 row: 丁目 + 番 or 字 + 地番; 町丁目 = a 丁目 row only; 大字 = the 町名 row only):

""" + md_table(["file", "facilities", "街区", "町丁目", "大字"], lv) + f"""
Every published point lies within {CHECK_M:,} m of its address's 町丁目 point (its 丁目's row, for a 字 address its
町名's row; at most {max(f['chome_m'] for f in located):,.0f} m), and every 街区-level address's row within {min(g_m):.0f}–{max(g_m):.0f} m
of the facility — except the station planted in the sea (below), which careatlas should warn about. Only at 大字 level
(山間部, no 街区 data, 字 addresses):

""" + md_table(["file", "line", "name", "address", "町丁目 file line (町名)", "distance"], rural) + """
The special points (distances from where the facility really is; for the sea station, from its published point):

""" + md_table(["file", "line", "name", "published point", "address", "level", "街区 row (緯度, 経度)", "distance",
                "町丁目 row (緯度, 経度)", "distance"], special) + """
So careatlas should place the two unlocated facilities at their 街区 rows (a few tens of metres from where they are),
take the swapped pair back (its address agrees), and warn that the sea station's published point is more than 2 km
from its address. The survey's two unmatched rows (錦町3丁目8-2, 港町1丁目2-3) are valid addresses too, but of no
facility.

"""


# ----------------------------------------------------------------------------- the night-time hole, checked
HV_RADIUS_M, NURSE_RADIUS_M, MARGIN_M = 16000, 10000, 300     # default radii; margin so any sane metric agrees


def night_cover(cells, clinics, hospitals, kaigo):
    """Distances (metres, dist_m) from inhabited cell centres to providers; asserts the story the README tells:
    the 山間部 valley villages are, and are the only cells, > 16 km from every 24時間対応 ○ clinic and 在支病 (and
    from every hospital), > 10 km from every 24-hour care office, yet within 16 km of a daytime home-visit clinic."""
    pt = lambda f: (float(f["lon"]), float(f["lat"]))
    located = lambda fs: [f for f in fs if float(f["lat"]) != 0 and float(f["lon"]) != 0]
    night = located([c for c in clinics if c["h24"] == "○"] + [h for h in hospitals if h["short"] == ZAISHI_HOSPITAL])
    day = located([c for c in clinics if c["hv"] == "○" and c["h24"] != "○"])
    groups = dict(night=night, day=day, hosp=located(hospitals), care24=located(kaigo["h24_care"]))

    def nearest(c, group):
        lon, lat = cell_centre(c["I"], c["J"])
        return min((dist_m(lon, lat, *pt(f)), f["short"] if "short" in f else f["name"]) for f in groups[group])

    near = {c["code"]: {g: nearest(c, g) for g in groups} for c in cells}
    dark = [c for c in cells if near[c["code"]]["night"][0] > HV_RADIUS_M]
    valley = [c for c in cells if c["valley"]]
    assert dark == valley, "the cells out of 24-hour reach must be exactly the valley villages"
    for c in valley:
        n = near[c["code"]]
        assert n["night"][0] > HV_RADIUS_M + MARGIN_M and n["hosp"][0] > HV_RADIUS_M + MARGIN_M, (c["code"], n)
        assert n["care24"][0] > NURSE_RADIUS_M + MARGIN_M and n["day"][0] < HV_RADIUS_M - MARGIN_M, (c["code"], n)
    far = max(valley, key=lambda c: near[c["code"]]["night"][0])
    close = min(valley, key=lambda c: near[c["code"]]["night"][0])
    return dict(near=near, dark=dark, far=far, close=close, day_max=max(valley, key=lambda c: near[c["code"]]["day"][0]))


# ----------------------------------------------------------------------------- README
def md_table(header, rows):
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] +
                     ["| " + " | ".join(str(v) for v in r) + " |" for r in rows]) + "\n"


def write_readme(geo, cells, est_rows, kaigo, clinics, hospitals, counts, survey, defects, night, isj):
    files = [("boundaries/N03-24_23_240101_misaki.geojson", "国土数値情報 N03 (2024 layout): the town (MultiPolygon: mainland + island) and one 所属未定地 feature", "UTF-8, LF, one feature per line", 2),
             ("boundaries/misaki_nichijo_seikatsu_ken-iki.geojson", "the 6 日常生活圏域 (properties 圏域ID, 圏域名, 市町村コード)", "UTF-8, LF", 6),
             ("kaigo/jigyosho_430.csv", "介護サービス情報公表 open data, 居宅介護支援 (24 columns)", "UTF-8 BOM, CRLF", kaigo["counts"][0]),
             ("kaigo/jigyosho_130.csv", "same layout, 訪問看護", "UTF-8 BOM, CRLF", kaigo["counts"][1]),
             ("kaigo/jigyosho_760.csv", "same layout, 定期巡回・随時対応型訪問介護看護", "UTF-8 BOM, CRLF", kaigo["counts"][2]),
             ("kaigo/jigyosho_110.csv", "same layout, 訪問介護", "UTF-8 BOM, CRLF", kaigo["counts"][3]),
             ("kaigo/jigyosho_770.csv", "same layout, 看護小規模多機能型居宅介護 (看多機)", "UTF-8 BOM, CRLF", kaigo["counts"][4]),
             ("iryo/02-1_clinic_facility_info_20260401.csv", "医療情報ネット 施設票, clinics (24 columns)", "UTF-8 BOM, CRLF", counts[0]),
             ("iryo/02-2_clinic_speciality_hours_20260401.csv", "医療情報ネット 診療科・診療時間票, clinics (36 columns)", "UTF-8 BOM, CRLF", counts[1]),
             ("iryo/01-1_hospital_facility_info_20260401.csv", "施設票, hospitals", "UTF-8 BOM, CRLF", counts[2]),
             ("iryo/01-2_hospital_speciality_hours_20260401.csv", "診療科・診療時間票, hospitals (outpatient hours)", "UTF-8 BOM, CRLF", counts[3]),
             ("population/tblT001141H5237.txt", "e-Stat 2020 census, 500 m mesh (two header rows; inhabited cells of the town only)", "CP932, CRLF", len(est_rows) - 2),
             ("population/500m_mesh_suikei_2024_23999.geojson", "国土数値情報 将来推計人口 style, 500 m cells (Polygon), 2020 and 2040", "UTF-8, LF", len(cells)),
             ("support_centres.csv", "careatlas facilities.csv layout: 5 地域包括支援センター", "UTF-8 (no BOM), LF", 5),
             ("survey/ishikai_survey_2026.csv", "医師会 survey: ケアマネタイム, 訪問診療, 24時間対応, 電話番号 … (17 columns)", "CP932, CRLF", survey[0]),
             (CHOME_FILE, "位置参照情報, 大字・町丁目レベル (17.0b layout, 10 columns; every field quoted)", "CP932, CRLF", len(isj["crows"]) - 1),
             (GAIKU_FILE, "位置参照情報, 街区レベル (22.0a layout, 14 columns; every field quoted; urban 圏域 only)", "CP932, CRLF", len(isj["grows"]) - 1)]
    ftab = [(f"`{p}`", what, enc, n, os.path.getsize(os.path.join(OUT, p))) for p, what, enc, n in files]
    est_line = {r[0]: i for i, r in enumerate(est_rows, 1)}
    for c in cells:
        if "merged_into" in c:
            defects.append(("population/tblT001141H5237.txt", est_line[c["code"]],
                            f"cell {c['code']} suppressed: HTKSYORI=1, HTKSAKI={c['merged_into']}, every figure `*`",
                            f"no figures of its own (its {c['pop']} people are in line {est_line[c['merged_into']]}); not an error"))
        if "merged" in c:
            defects.append(("population/tblT001141H5237.txt", est_line[c["code"]],
                            f"cell {c['code']}: HTKSYORI=2, GASSAN={';'.join(c['merged'])}; figures include the merged cell(s)",
                            "count once (do not add the `*` cells again)"))
    defects.append(("boundaries/N03-24_23_240101_misaki.geojson", 2, "所属未定地 feature: N03_004 and N03_007 null (small offshore polygon)",
                    "report (no municipality code); not part of the town"))
    drows = [(f"`{f}`", ln, what, exp) for f, ln, what, exp in sorted(defects, key=lambda d: (d[0], d[1]))]
    pop_rows, tot = [], [0] * 6
    for kid in KIDS:
        mine = [c for c in cells if c["kid"] == kid]
        n, p65, p75 = (sum(c[k] for c in mine) for k in ("pop", "p65", "p75"))
        n40, c40 = sum(c["ptn40"] for c in mine), sum(c["ptc40"] for c in mine)
        area = sum(ring_area_km2(r) for r in geo.polys[kid])
        tot = [a + b for a, b in zip(tot, (len(mine), area, n, p65, p75, n40))]
        pop_rows.append((f"{kid} {DNAME[kid]}", len(mine), f"{area:.1f}", f"{n:,}", f"{p65:,} ({100 * p65 / n:.1f} %)",
                         f"{p75:,} ({100 * p75 / n:.1f} %)", f"{n40:,.0f} ({100 * (n40 / n - 1):+.0f} %)", f"{100 * c40 / n40:.1f} %"))
    T65 = sum(c["p65"] for c in cells)
    pop_rows.append(("**town**", tot[0], f"{tot[1]:.1f}", f"{tot[2]:,}", f"{tot[3]:,} ({100 * tot[3] / tot[2]:.1f} %)",
                     f"{tot[4]:,} ({100 * tot[4] / tot[2]:.1f} %)", f"{tot[5]:,.0f} ({100 * (tot[5] / tot[2] - 1):+.0f} %)",
                     f"{100 * sum(c['ptc40'] for c in cells) / tot[5]:.1f} %"))
    prov_rows, hv_rows = [], []
    for kid in KIDS:
        cl = [c for c in clinics if c["kid"] == kid]
        hv = [c for c in cl if c["hv"] == "○"]
        hs = [h for h in hospitals if h["kid"] == kid]
        st = [h for k, h in kaigo["k130"] if k == kid]
        hk = [h for k, h in kaigo["k110"] if k == kid]
        prov_rows.append((DNAME[kid], len(cl), len(hv), sum(c["h24"] == "○" for c in hv), sum(c["kyoka"] == "○" for c in hv),
                          len(hs), f"{len(st)} ({sum(st)} × 24h)", kaigo["k430"].count(kid), f"{len(hk)} ({sum(hk)} × 24h)",
                          kaigo["k760"].count(kid), kaigo["k770"].count(kid),
                          {"23999-05": "1 (also serves 山間部)", MOUNTAIN_KID: "0"}.get(kid, "1")))
        hv_rows += [(DNAME[kid], c["short"], c["id"], c["h24"], c["kyoka"], c["doctors"]) for c in hv]
    hv_rows.append((DNAME["23999-02"], f"{ZAISHI_HOSPITAL} (hospital, 在支病)",
                    next(h["id"] for h in hospitals if h["short"] == ZAISHI_HOSPITAL), "○", "×", 6))
    lons, lats = zip(*(geo.town + geo.island))
    centre = to_ll(MODEL["23999-01"]["centres"][0][:2])
    head_km = max(dist_m(*centre, *p) for p in geo.town) / 1000
    valley = [c for c in cells if c["valley"]]
    v_n, v_65 = sum(c["pop"] for c in valley), sum(c["p65"] for c in valley)
    n_villages = sum(cy >= VALLEY_Y for _, cy, _, _ in MODEL[MOUNTAIN_KID]["centres"])
    near = night["near"]
    nrow = lambda what, c, g: (what, c["code"], near[c["code"]][g][1], f"{near[c['code']][g][0]:,.0f} m")
    worst = lambda g: min(valley, key=lambda c: near[c["code"]][g][0])
    night_rows = [nrow("valley cell farthest from 24-hour cover → nearest 24時間対応 ○ clinic / 在支病", night["far"], "night"),
                  nrow("the same cell → nearest daytime home-visit clinic (訪問診療 ○, 24時間対応 ×)", night["far"], "day"),
                  nrow("valley cell nearest to 24-hour cover → nearest 24時間対応 ○ clinic / 在支病", night["close"], "night"),
                  nrow("valley cell farthest from daytime cover → nearest daytime home-visit clinic", night["day_max"], "day"),
                  nrow("valley cell nearest to a hospital (any of the 4) → that hospital", worst("hosp"), "hosp"),
                  nrow("valley cell nearest to a 24-hour care office (訪問看護 24h, 定期巡回, 訪問介護 24h, 看多機)",
                       worst("care24"), "care24")]
    dark = night["dark"]
    d_n, d_65 = sum(c["pop"] for c in dark), sum(c["p65"] for c in dark)
    text = f"""# みさき市 (Misaki-shi) — fictional sample town for careatlas

Everything here is invented: the town, its people, clinics and care offices. The files copy the
layouts of the real open data described in `shared/DOMAIN.md` ("Real data formats"), including
their typical defects, which are planted on purpose and listed below. Regenerate with

    /usr/bin/python3 sample_data/generate_sample_town.py

(Python 3 standard library only, seed 20261123; two runs give byte-identical files, and this
README is written by the same script, so the line numbers below always match the files).

**The town.** 愛知県みさき市, municipality code `{CODE}` (6-digit with check digit `{code6(CODE)}`), on the coast
at about {min(lats):.2f}–{max(lats):.2f} N, {min(lons):.2f}–{max(lons):.2f} E (JGD2011; every half-mesh cell is in 1st mesh 5237). Coast and a
peninsula (岬) in the south with one small inhabited island (鵜島, no facilities), mountains in the north, and from them a long
mountain valley (山間部圏域) reaching about {head_km:.0f} km north of the town centre (中央圏域). Six 日常生活圏域 tile
the town exactly (shared borders are identical vertex by vertex; the island belongs to 南部圏域, which is
therefore a MultiPolygon). 町名 used in addresses, per 圏域 (an address's 町名 tells its 圏域, and where in it: each 町名 is a
zone of its 圏域, see "Address reference points"):
""" + "".join(f"- {kid} {DNAME[kid]}: {'、'.join(t[0] for t in TOWNS[kid])}\n" for kid in KIDS) + f"""
Attribution to print when these files stand in for the real sources: 「国土数値情報（行政区域データ）」（国土交通省）を加工して作成 /
出典：介護サービス情報公表システム（厚生労働省） / 「医療情報ネットのオープンデータ」（厚生労働省）を加工して作成 /
「国勢調査」（総務省統計局）を加工して作成 / 「位置参照情報」（国土交通省）を加工して作成 — here all of it is fictional.

## Files

Row counts exclude the header row(s). CSV files are quoted only when needed (a field is quoted iff it
contains a comma, a double quote or a line break), except the 位置参照情報 files, whose every field is quoted as in the real ones.

""" + md_table(["file", "content", "encoding, line ends", "rows", "bytes"], ftab) + f"""
Notes on the layouts:
- N03: `FeatureCollection` with a `name` member and no `crs`; properties N03_001 (愛知県), N03_002/003/005 null,
  N03_004 (みさき市), N03_007 (`23999`); coordinates rounded to 7 decimals, exterior rings counter-clockwise.
- 介護サービス情報公表: first column `{code6(CODE)}`; No = 事業所番号 (10 digits, text); 緯度/経度 as 15-decimal text;
  利用可能曜日 like `"平日,土曜日"`; 利用可能曜日特記事項 may be empty, `-`, or contain `（改行）`; 定員 empty or `0`;
  法人番号 13 digits with a valid check digit. {sum(h for _, h in kaigo["k130"])} of the {kaigo["counts"][1]} 訪問看護 stations and \
{sum(h for _, h in kaigo["k110"])} of the {kaigo["counts"][3]} 訪問介護 offices
  promise 24-hour cover in 特記事項 (with 利用可能曜日 `平日,土曜日,日曜日,祝日`); 看多機 定員 = registered capacity (29, 25).
- 医療情報ネット: ID 13 digits (clinics `2320999…`, hospitals `2310999…`); 市区町村コード `999` (3 digits, join to
  `23999`); weekday flags 毎週決まった曜日に休診（月…日） and 祝日に休診 use **1 = open, 0 = closed**; times `HH:MM`, empty when
  closed; 外来受付 ends 30 min before the band ends. Some clinics have two departments with different hours (e.g.
  小児科 or リハビリテーション科 as second department) — union them. 診療科目コード values are invented.
- e-Stat: row 1 codes `KEY_CODE,HTKSYORI,HTKSAKI,GASSAN,T001141001…T001141008`, row 2 labels (each starting with U+3000):
  人口（総数）, 男, 女, ０～１４歳, １５～６４歳, ６５歳以上, ７５歳以上, 世帯総数. KEY_CODE = 9-digit half-mesh code.
- 将来推計人口: properties MESH_ID, SHICODE, PTN/PTC/PTD_2020 (= the census figures of the cell itself, unmerged) and
  _2040 (projection, up to 3 decimals). Same {len(cells)} cells as the e-Stat file (the suppressed ones included).
- Survey (医師会): ケアマネタイム = slots `<days> <start>～<end>` joined by `／`, days like 月, 月・水・金, 火～木, 平日; some
  written with full-width digits (`１３：００`); blank = not answered. 連絡方法 tokens joined by `・`. ○ / × / blank.
  {survey[0] - 2} of the rows belong to facilities ({len(clinics) - len(survey[2]) - 1} of {len(clinics)} clinics + 2 of the 4 hospitals); not surveyed:
  the 休日夜間急患診療所 and {'、'.join(survey[2])}.

## Population (e-Stat figures, merged cells counted once)

Town total **{tot[2]:,}** people, **{T65:,}** aged 65+ ({100 * T65 / tot[2]:.1f} %), **{tot[4]:,}** aged 75+
({100 * tot[4] / tot[2]:.1f} %), in {len(cells)} inhabited half-mesh cells. Every inhabited cell centroid lies inside
exactly one 圏域 and at least {CELL_MARGIN_KM * 1000:.0f} m from every boundary; nobody lives in the sea.

""" + md_table(["圏域", "cells", "area km²", "people", "65+", "75+", "2040 people (change)", "2040 65+ share"], pop_rows) + f"""
## Providers per 圏域

Clinics/hospitals from 医療情報ネット; 訪問診療 / 24時間対応 / 機能強化型 from the survey (the only source of those flags);
訪問看護 / 訪問介護 from jigyosho_130 / jigyosho_110 (24h = promised in 特記事項); 居宅介護支援 rows of jigyosho_430 (the
duplicate row included); 定期巡回 jigyosho_760, 看多機 jigyosho_770.

""" + md_table(["圏域", "clinics", "訪問診療 ○", "24h ○ (在支診)", "機能強化型", "hospitals", "訪問看護 (24h)", "居宅介護支援",
                "訪問介護 (24h)", "定期巡回", "看多機", "包括"], prov_rows) + """
Home-visit providers (survey answers):

""" + md_table(["圏域", "name", "ID", "24時間対応", "機能強化型", "医師数"], hv_rows) + f"""
What an analysis should find: 24-hour home-visit cover is concentrated in 中央 and 東部; 西部圏域 has home-visit
clinics but none with 24時間対応 (and no 在支病) — its cells are still within 16 km of 24-hour clinics in 中央, so that gap
shows in the per-圏域 counts, not in the 16 km coverage; 山間部圏域 has two clinics, one doing home visits, neither 24h,
and a real night-time hole at the default radii (below).

## The night-time hole (山間部圏域)

山間部圏域 is the mountain band north of 北部 plus a long valley running north from it. The southern part holds all of
山間部's facilities (both clinics, one 居宅介護支援 and one 訪問介護 office; the 山吹診療所 sits at the valley mouth). The
valley north of about {to_ll((0, VALLEY_Y))[1]:.2f} N is {n_villages} villages in {len(valley)} cells with {v_n:,} people, \
{v_65:,} aged 65+ ({100 * v_65 / v_n:.1f} %),
and no facility at all. Distances: straight lines from half-mesh cell centres to facility coordinates, in metres
(equirectangular with GRS80 metres per degree at the pair's mean latitude; within a few metres of JGD2011 plane zone VII,
EPSG:6675). The generator asserts every figure below with a {MARGIN_M} m margin.

""" + md_table(["what", "cell", "nearest", "distance"], night_rows) + f"""
So at the default radii (home-visit clinics {HV_RADIUS_M // 1000} km, home nursing {NURSE_RADIUS_M // 1000} km) the villages are covered
by day — by the 山吹診療所 alone (one provider: fragile) — and by nobody at night: **{len(dark)} cells, {d_n:,} people, {d_65:,}
aged 65+** lie more than {HV_RADIUS_M // 1000} km from every 24時間対応 ○ clinic and the 在支病 (and from every hospital, and more than
{NURSE_RADIUS_M // 1000} km from every 24-hour care office). They are exactly the valley cells: every other inhabited cell of the town is within
{HV_RADIUS_M // 1000} km of a 24時間対応 ○ clinic or the 在支病.

Public holidays (祝日) have their own profile. The 山吹診療所 keeps a holiday morning surgery (祝 09:00–12:00 in the
診療時間票, 祝日に休診 = 1), so on a holiday the villages are covered from 09:00 to 12:00 and by nobody the other 21 hours,
while on a Sunday they have no cover at all and on a Monday they have it 08:30–12:00. Every other home-visit clinic and
hospital is closed on 祝日 (祝日に休診 = 0); the 24時間対応 ○ clinics and the 在支病 cover holidays around the clock.

""" + address_section(isj) + f"""## Planted defects and special cases

Line = 1-based physical line (header = line 1; in the e-Stat file the label row is line 2); for GeoJSON
files it is the feature number (1 = first feature), as careatlas reports rows of map layers.

""" + md_table(["file", "line", "what is wrong / special", "careatlas should"], drows) + """
Survey rows without 医療機関ID, to be joined by name + address (name exact; address varies in full-/half-width
digits, hyphens and spaces, so normalise before comparing):

""" + md_table(["line", "医療機関名", "所在地 as written"], survey[1])
    write_bytes("README.md", text.encode("utf-8"))


def main():
    rng = random.Random(SEED)
    geo = Geo(rng)
    cells = build_population(rng, geo)
    for c in cells:
        assert geo.district_of(*cell_centre(c["I"], c["J"])) == c["kid"]
    defects = []
    write_boundaries(geo)
    est_rows = write_population(cells)
    book = AddressBook(geo, cells, PREF, CITY, CODE, TOWNS, ZONE_SEEDS, [k for k in KIDS if k != MOUNTAIN_KID], AZA_KIDS,
                       URBAN_KIDS, AZA)
    kaigo = write_kaigo(rng, geo, cells, book, defects)
    clinics, hospitals, orphan = make_facilities(rng, geo, cells, book)
    counts = write_iryo(rng, clinics, hospitals, orphan, defects)
    survey = write_survey(rng, clinics, hospitals, orphan, defects)
    write_support(rng, geo, cells)
    night = night_cover(cells, clinics, hospitals, kaigo)
    isj = write_address(book, address_facilities(kaigo, clinics, hospitals))
    address_notes(isj, defects)
    write_readme(geo, cells, est_rows, kaigo, clinics, hospitals, counts, survey, defects, night, isj)
    print(f"wrote {OUT}: {sum(c['pop'] for c in cells)} people in {len(cells)} cells, {len(clinics)} clinics")


if __name__ == "__main__":
    main()
