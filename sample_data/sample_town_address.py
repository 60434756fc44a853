"""Addresses of the fictional town and its 位置参照情報 (MLIT address reference points), for generate_sample_town.py.

Python 3 standard library only.  The town's generator draws from one random.Random in a fixed order; nothing here
draws from it.  Every choice made here (jitter of a representative point, a 丁目's block grid, a 地番's offset) comes
from a random.Random seeded with a string that names the thing, so it is deterministic and leaves the town's stream
of draws, and so every other figure of the town, as it was.

- 町名 zones: each 町名 of a 日常生活圏域 has one or more seed points (km in the town's local frame, the first is its
  centre); a point of the 圏域 lies in the zone of the nearest seed of that 圏域.
- 丁目: a zone of a 圏域 whose addresses carry 丁目 is split into 4 丁目 (k-means over its inhabited cells; 一丁目 is
  the part nearest the zone's centre); 字: a zone whose addresses carry 字 is split into 3 字 the same way.
- Representative points: of a 町名, an inhabited cell next to its first seed; of a 丁目, the cell next to the 丁目's
  centroid; each moved by up to 150 m (staying inside its own zone, 丁目 and 圏域, away from every boundary).
- 街区 (urban 圏域 only): every 丁目 gets a grid of blocks (spacing 85-115 m, turned by a random angle) around its
  representative point, numbered 1, 2, ... row by row as a snake, skipping grid points outside the 丁目; a
  facility's block is a grid point 30-120 m from the facility's point (an outlying one, numbered after the core
  blocks, when the facility lies outside the core grid); a facility's 字 address gets its 地番 row 35-110 m from its
  point, among a few other 地番 of the same 字.

The two files copy the layouts of 大字・町丁目レベル位置参照情報 (17.0b) and 街区レベル位置参照情報 (22.0a): CP932,
CRLF, every field double-quoted, header row first.
"""
import math
import random

from sample_town_helpers import to_km, cell_centre, dist_m, gk_forward, gk_inverse, LON0, LAT0, KM_LON, KM_LAT

CHOME_HEADER = ["都道府県コード", "都道府県名", "市区町村コード", "市区町村名", "大字町丁目コード", "大字町丁目名", "緯度", "経度",
                "原典資料コード", "大字・字・丁目区分コード"]
GAIKU_HEADER = ["都道府県名", "市区町村名", "大字・丁目名", "小字・通称名", "街区符号・地番", "座標系番号", "Ｘ座標", "Ｙ座標",
                "緯度", "経度", "住居表示フラグ", "代表フラグ", "更新前履歴フラグ", "更新後履歴フラグ"]
ZONE_NO = "7"                           # 平面直角座標系 VII (愛知県)
N_CHOME, N_AZA = 4, 3
BLOCK_MIN_M, BLOCK_MAX_M = 30, 120      # a facility's block lies this far from the facility's point
REP_MOVE_KM, EDGE_KM = 0.15, 0.05       # representative points: moved up to 150 m, kept 50 m from any boundary
GRIDS = [(4, 5), (5, 5), (4, 6), (5, 6), (4, 7)]


def kanji_number(n):
    digits = "〇一二三四五六七八九"
    assert 1 <= n <= 99
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else digits[tens]) + "十" if tens else "") + (digits[ones] if ones else "")


def ll_of(x, y):
    """km frame -> (lon, lat), rounded to the 6 decimals of the files."""
    return round(LON0 + x / KM_LON, 6), round(LAT0 + y / KM_LAT, 6)


def kmeans(pts, weights, k, tag):
    """Deterministic weighted k-means (farthest-point start, 40 Lloyd steps) -> k centroids (km)."""
    assert len(pts) >= k, (tag, len(pts))
    cx = sum(w * p[0] for p, w in zip(pts, weights)) / sum(weights)
    cy = sum(w * p[1] for p, w in zip(pts, weights)) / sum(weights)
    cents = [min(pts, key=lambda p: (math.dist(p, (cx, cy)), p))]
    while len(cents) < k:
        cents.append(max(pts, key=lambda p: (min(math.dist(p, c) for c in cents), p)))
    for _ in range(40):
        groups = [[] for _ in cents]
        for p, w in zip(pts, weights):
            groups[min(range(k), key=lambda i: math.dist(p, cents[i]))].append((p, w))
        cents = [(sum(w * p[0] for p, w in g) / sum(w for _, w in g), sum(w * p[1] for p, w in g) / sum(w for _, w in g))
                 if g else c for g, c in zip(groups, cents)]
    return cents


class Address:
    """One facility's address: 町名 + (丁目, 番 = 街区符号, 号) or (字, 地番); text is the full string."""

    def __init__(self, book, kid, town, point, chome=None, block=None, go=None, aza=None, chiban=None, offshore=False):
        self.kid, self.town, self.point, self.offshore = kid, town, point, offshore   # point: (lon, lat) it was made for
        self.chome, self.block, self.go, self.aza, self.chiban = chome, block, go, aza, chiban
        tail = f"{chome}丁目{block}-{go}" if chome else f"字{aza}{chiban}番地"
        self.text = f"{book.pref}{book.city}{town}{tail}"

    @property
    def chome_name(self):
        return self.town + kanji_number(self.chome) + "丁目" if self.chome else self.town


class AddressBook:
    """The town's 町名 zones, 丁目, 字 and blocks; hands out the facilities' addresses (in the order the town draws
    them, so block numbers are deterministic) and writes the rows of the two 位置参照情報 files."""

    def __init__(self, geo, cells, pref, city, code, towns, seeds, chome_kids, aza_kids, urban_kids, aza_names):
        """towns: 圏域 id -> [(町名, kana, ...)]; seeds: 町名 -> [(x, y) km, ...]; chome_kids / aza_kids: 圏域 whose
        addresses carry 丁目 / 字; urban_kids: 圏域 inside the 都市計画区域 (the 街区 file covers them)."""
        self.geo, self.pref, self.city, self.code = geo, pref, city, code
        self.towns = {kid: [t[0] for t in ts] for kid, ts in towns.items()}
        self.kana = {t[0]: t[1] for ts in towns.values() for t in ts}
        self.kid_of = {t: kid for kid, ts in self.towns.items() for t in ts}
        self.seeds, self.urban = seeds, set(urban_kids)
        assert sorted(seeds) == sorted(self.kid_of), "every 町名 needs its seeds"
        for t, pts in seeds.items():
            for p in pts:
                assert geo.district_of(*to_ll_raw(p)) == self.kid_of[t], (t, p)
        # 町名 serials in 五十音 order of the readings, as the real files number them
        self.serial = {t: i for i, t in enumerate(sorted(self.kid_of, key=lambda t: (self.kana[t], t)), 1)}
        zone_cells = {t: [] for t in self.kid_of}
        for c in cells:
            x, y = to_km(*cell_centre(c["I"], c["J"]))
            zone_cells[self.zone(c["kid"], x, y)].append(c)
        self.chome_cents, self.aza_cents = {}, {}
        for t, mine in zone_cells.items():
            assert mine, f"{t}: zone without inhabited cells"
            pts = [to_km(*cell_centre(c["I"], c["J"])) for c in mine]
            wts = [math.sqrt(c["pop"]) for c in mine]
            home = seeds[t][0]
            if self.kid_of[t] in chome_kids:
                cents = kmeans(pts, wts, N_CHOME, t)
                self.chome_cents[t] = sorted(cents, key=lambda c: (math.dist(c, home), c))
            if self.kid_of[t] in aza_kids:
                cents = sorted(kmeans(pts, wts, N_AZA, t + "字"), key=lambda c: (math.dist(c, home), c))
                start = (3 * (self.serial[t] - 1)) % len(aza_names)
                names = [aza_names[(start + i) % len(aza_names)] for i in range(N_AZA)]
                self.aza_cents[t] = list(zip(names, cents))
        # representative points: (lon, lat) rounded to 6 decimals
        self.rep = {}
        for t, mine in zone_cells.items():
            self.rep[(t, None)] = self._rep_point(t, None, seeds[t][0], mine)
            for n, cent in enumerate(self.chome_cents.get(t, []), 1):
                own = [c for c in mine if self.locate_km(*to_km(*cell_centre(c["I"], c["J"])), kid=self.kid_of[t])[1] == n]
                assert own, (t, n)
                self.rep[(t, n)] = self._rep_point(t, n, cent, own)
        # 街区: the core grid of every 丁目 of the urban 圏域
        self.grid, self.blocks, self.chiban = {}, {}, {}      # (town, n) -> grid; (town, n, 番) -> Block; (town, 字, 地番)
        for t in self.kid_of:
            if self.kid_of[t] in self.urban:
                for n in range(1, len(self.chome_cents.get(t, [])) + 1):
                    self._core_grid(t, n)

    # ------------------------------------------------------------------ where a point lies
    def zone(self, kid, x, y):
        return min(((math.dist((x, y), p), t) for t in self.towns[kid] for p in self.seeds[t]))[1]

    def locate_km(self, x, y, kid=None):
        """(町名, 丁目 number or None, 字 name or None) of a point of 圏域 kid (default: the 圏域 it lies in)."""
        if kid is None:
            kid = self.geo.district_of(*to_ll_raw((x, y)))
            if kid is None:
                return None, None, None
        t = self.zone(kid, x, y)
        cents = self.chome_cents.get(t)
        n = min(range(len(cents)), key=lambda i: math.dist((x, y), cents[i])) + 1 if cents else None
        azas = self.aza_cents.get(t)
        aza = min(azas, key=lambda a: math.dist((x, y), a[1]))[0] if azas else None
        return t, n, aza

    def locate(self, lon, lat):
        return self.locate_km(*to_km(lon, lat))

    def _inside(self, lon, lat, kid, t, n=None, aza=None):
        if self.geo.district_of(lon, lat) != kid or self.geo.near_boundary(lon, lat, EDGE_KM):
            return False
        lt, ln, la = self.locate(lon, lat)
        return lt == t and (n is None or ln == n) and (aza is None or la == aza)

    def _rep_point(self, t, n, target, own):
        kid = self.kid_of[t]
        cell = min(own, key=lambda c: (math.dist(to_km(*cell_centre(c["I"], c["J"])), target), c["code"]))
        x0, y0 = to_km(*cell_centre(cell["I"], cell["J"]))
        r = random.Random(f"isj:{t}:{n}")
        for _ in range(100):
            a, d = r.uniform(0, 2 * math.pi), REP_MOVE_KM * math.sqrt(r.random())
            lon, lat = ll_of(x0 + d * math.cos(a), y0 + d * math.sin(a))
            if self._inside(lon, lat, kid, t, n):
                return lon, lat
        return ll_of(x0, y0)

    # ------------------------------------------------------------------ 街区
    def _node(self, t, n, i, j):
        """Grid point (i, j) of 丁目 (t, n): (lon, lat) of the 6-decimal files; i rows (north to south), j columns."""
        g = self.grid[(t, n)]
        jr = random.Random(f"node:{t}:{n}:{i}:{j}")
        di, dj = i - (g["rows"] - 1) / 2, j - (g["cols"] - 1) / 2
        ca, sa = math.cos(g["angle"]), math.sin(g["angle"])
        east = g["Y"] + g["s"] * (dj * ca + di * sa) + jr.uniform(-12, 12)
        north = g["X"] + g["s"] * (dj * sa - di * ca) + jr.uniform(-12, 12)
        lat, lon = gk_inverse(north, east)
        return round(lon, 6), round(lat, 6)

    def _grid_coords(self, t, n, lon, lat):
        g = self.grid[(t, n)]
        north, east = gk_forward(lat, lon)
        de, dn = (east - g["Y"]) / g["s"], (north - g["X"]) / g["s"]
        ca, sa = math.cos(g["angle"]), math.sin(g["angle"])
        return (de * sa - dn * ca) + (g["rows"] - 1) / 2, (de * ca + dn * sa) + (g["cols"] - 1) / 2

    def _core_grid(self, t, n):
        r = random.Random(f"gaiku:{t}:{n}")
        rows, cols = r.choice(GRIDS)
        lon, lat = self.rep[(t, n)]
        X, Y = gk_forward(lat, lon)
        self.grid[(t, n)] = g = dict(rows=rows, cols=cols, s=r.uniform(85, 115), angle=math.radians(r.uniform(0, 90)),
                                     X=X, Y=Y, nums={}, next=1)
        for i in range(rows):
            for j in (range(cols) if i % 2 == 0 else range(cols - 1, -1, -1)):
                p = self._node(t, n, i, j)
                if self._inside(*p, self.kid_of[t], t, n):
                    self._add_block(t, n, (i, j), p, core=True)
        assert g["next"] > 10, (t, n, "too few blocks inside the 丁目")

    def _add_block(self, t, n, node, p, core):
        g = self.grid[(t, n)]
        num = g["next"]
        g["next"] += 1
        g["nums"][node] = num
        self.blocks[(t, n, num)] = dict(town=t, chome=n, num=num, point=p, core=core, node=node, facilities=[])
        return num

    def _block_for(self, t, n, lon, lat):
        """The block of a facility at (lon, lat) in 丁目 (t, n): a grid point BLOCK_MIN_M-BLOCK_MAX_M away."""
        fi, fj = self._grid_coords(t, n, lon, lat)
        cands = []
        for i in range(math.floor(fi) - 1, math.floor(fi) + 3):
            for j in range(math.floor(fj) - 1, math.floor(fj) + 3):
                p = self._node(t, n, i, j)
                d = dist_m(lon, lat, *p)
                if BLOCK_MIN_M <= d <= BLOCK_MAX_M:
                    good = (i, j) in self.grid[(t, n)]["nums"] or self._inside(*p, self.kid_of[t], t, n)
                    cands.append((not good, d, (i, j), p))
        assert cands, (t, n, lon, lat)
        _, _, node, p = min(cands)
        num = self.grid[(t, n)]["nums"].get(node)
        return num if num is not None else self._add_block(t, n, node, p, core=False)

    # ------------------------------------------------------------------ addresses
    def chome_address(self, kid, lon, lat, go):
        """A 丁目 address for a facility at (lon, lat) of 圏域 kid.  A point outside its 圏域 (the station planted in
        the sea) gets the block of the 圏域 nearest to it (on the nearest land), and that block's 町名 and 丁目."""
        x, y = to_km(lon, lat)
        offshore = self.geo.district_of(lon, lat) != kid
        t, n, _ = self.locate_km(x, y, kid=kid)
        assert kid in self.urban, "丁目 addresses are urban"
        if offshore:
            b = min((b for b in self.blocks.values() if self.kid_of[b["town"]] == kid and b["core"]),
                    key=lambda b: (dist_m(lon, lat, *b["point"]), b["town"], b["chome"], b["num"]))
            t, n, num = b["town"], b["chome"], b["num"]
        else:
            num = self._block_for(t, n, lon, lat)
        a = Address(self, kid, t, (lon, lat), chome=n, block=num, go=go, offshore=offshore)
        self.blocks[(t, n, num)]["facilities"].append(a)
        return a

    def aza_address(self, kid, lon, lat, chiban):
        x, y = to_km(lon, lat)
        t, _, aza = self.locate_km(x, y, kid=kid)
        a = Address(self, kid, t, (lon, lat), aza=aza, chiban=chiban)
        if kid in self.urban:
            key = (t, aza, chiban)
            assert key not in self.chiban and all(k[0] != t or k[2] != chiban for k in self.chiban), key
            r = random.Random(f"chiban:{t}:{aza}:{chiban}")
            for _ in range(200):
                ang, d = r.uniform(0, 2 * math.pi), r.uniform(35, 110)
                p = (round(lon + d * math.cos(ang) / (KM_LON * 1000), 6), round(lat + d * math.sin(ang) / (KM_LAT * 1000), 6))
                if BLOCK_MIN_M <= dist_m(lon, lat, *p) <= BLOCK_MAX_M and self._inside(*p, kid, t, aza=aza):
                    break
            else:
                raise AssertionError(("no place for the 地番 row", key))
            self.chiban[key] = dict(point=p, facilities=[a])
        return a

    def point_of(self, a):
        """(lon, lat) of the 町丁目 row an address reaches (its 丁目, else its 町名)."""
        return self.rep[(a.town, a.chome)]

    def gaiku_of(self, a):
        """(lon, lat) of the 街区 row an address reaches, or None (山間部: no 街区 data)."""
        if a.kid not in self.urban:
            return None
        return self.blocks[(a.town, a.chome, a.block)]["point"] if a.chome else self.chiban[(a.town, a.aza, a.chiban)]["point"]

    # ------------------------------------------------------------------ the two files
    def chome_rows(self, source_of):
        rows = []
        for t in sorted(self.kid_of, key=lambda t: self.serial[t]):
            for n in [None] + list(range(1, len(self.chome_cents.get(t, [])) + 1)):
                lon, lat = self.rep[(t, n)]
                name = t + kanji_number(n) + "丁目" if n else t
                rows.append([self.code[:2], self.pref, self.code, self.city, f"{self.code}{self.serial[t]:04d}{n or 0:03d}", name,
                             f"{lat:.6f}", f"{lon:.6f}", source_of(t, n), "3" if n else "1"])
        return rows

    def aza_rows(self):
        """Every 地番 row of the 字 of the urban zones: the facilities' and a few others per 字."""
        out = {}
        for t, azas in self.aza_cents.items():
            if self.kid_of[t] not in self.urban:
                continue
            used = {k[2] for k in self.chiban if k[0] == t}
            for aza, (cx, cy) in azas:
                r = random.Random(f"aza:{t}:{aza}")
                nums, v = [], r.randint(1, 2400)
                for _ in range(r.randint(6, 10)):
                    v += r.randint(1, 40)
                    if v not in used:                   # a 地番 is unique within its 大字 (町名)
                        nums.append(v)
                        used.add(v)
                for num in nums:
                    for _ in range(300):
                        ang, d = r.uniform(0, 2 * math.pi), 0.5 * math.sqrt(r.random())
                        p = ll_of(cx + d * math.cos(ang), cy + d * math.sin(ang))
                        if self._inside(*p, self.kid_of[t], t, aza=aza):
                            out[(t, aza, num)] = dict(point=p, facilities=[])
                            break
        out.update(self.chiban)
        return out


def to_ll_raw(p):
    return LON0 + p[0] / KM_LON, LAT0 + p[1] / KM_LAT


def gaiku_row(pref, city, oaza, koaza, num, point, jukyo, daihyo="1", before="0", after="0"):
    lon, lat = point
    X, Y = gk_forward(lat, lon)
    return [pref, city, oaza, koaza, str(num), ZONE_NO, f"{X:.1f}", f"{Y:.1f}", f"{lat:.6f}", f"{lon:.6f}", jukyo, daihyo,
            before, after]


def quoted_cp932(rows):
    """The real files' form: every field double-quoted, CRLF, Shift_JIS (CP932)."""
    return "".join(",".join('"' + str(f).replace('"', '""') + '"' for f in r) + "\r\n" for r in rows).encode("cp932")
