#!/usr/bin/python3
"""Generate the road network of the fictional town みさき市 as OpenStreetMap XML 0.6: misaki/osm/misaki_roads.osm.

Python 3 standard library only.  Deterministic (its own random.Random(SEED), fixed order, no set or hash
iteration in any output: two runs give byte-identical files), and it writes only <script dir>/misaki/osm/ (the road
file and its README.md): the town's files, made by generate_sample_town.py and generate_sample_context.py, are read,
never written.  The network is invented; only the file layout is that of a real OSM export.

Drawn in the town's local frame (x km east, y km north of LON0/LAT0, see sample_town_helpers.py) over the files
those scripts wrote (district outlines, coast, rivers, pond, railways, populated 500 m cells, facilities), in order:
- named roads: 国道247号 (trunk) along the coast, a dual carriageway through 中央圏域 and a roundabout north of the
  station; 県道 (primary, secondary) between the 圏域 centres; 市道 (tertiary) to the hamlets; the 山間部 valley road
  (県道412号) over a pass in hairpins and up the river; dead-end 林道 (track); 鵜島's two streets and its ferry;
- residential grids (130-220 m) in the town centres, their loose ends run on to the next road;
- rural roads (unclassified): villages picked among the cells still far from a road, joined to each other and to
  the roads by a relative neighbourhood graph (an edge that would cross a river, the pond, the coast or the pass is
  dropped); then roads past, or lanes to, the cells and facilities still far from a road;
- what real data has: footways (a footbridge), steps, a path, a road under construction, a pond walk, buildings;
- bridges: a road is split where it crosses a river (bridge=yes, layer=1) and must cross exactly where it declares;
- noding: every crossing of two ways becomes a shared node; loose ends a few metres from a way are joined;
- a factory's private road where it saves the longest detour (found on the drive-time graph), a few grid block
  sides dropped, oneway streets; then node and way ids, versions, users and changesets like real ones.
The checks run on the rounded coordinates: crossings share a node, rivers are crossed only on bridges, the coast only
by the ferry; every populated cell centroid and facility is measured against the drivable roads.  Drive times are
computed the way careatlas does (class speeds capped by maxspeed, off-road legs at 5 km/h, ferries off) and the
stories are asserted: the rivers' detours, the valley beyond 40 minutes, the island off the network.  The figures go
into misaki/osm/README.md.
"""
import csv, json, math, os, random, re, sys, unicodedata

sys.dont_write_bytecode = True          # keep sample_data/ free of __pycache__
from sample_town_helpers import to_ll, to_km, dist_m, wiggle, in_ring, seg_dist
from sample_roads_helpers import (SPEEDS, SNAP_MAX_KM, seg_params, seg_hit, project, length, lerp, chaikin, densify,
                                  at_length, offset_line, SegIndex, crosses_line, overlap, key, node_ways, Graph, osm_xml,
                                  verify_xml, stamp)
from generate_sample_town import NODES, ZONE_SEEDS, DNAME, TOWNS
from sample_town_address import kanji_number

SEED = 20261126
HERE = os.path.dirname(os.path.abspath(__file__))
TOWN_DIR = os.path.join(HERE, "misaki")
OUT = os.path.join(TOWN_DIR, "osm")
OSM_NAME = "misaki_roads.osm"
GENERATOR = "careatlas sample_data/generate_sample_roads.py"
ATTRIBUTION = "みさき市 道路網（架空、OpenStreetMap 形式）"

DRIVABLE = ("trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "service", "track")
VALLEY_LAT = 35.0                       # 山間部 north of this is the valley (generate_sample_town.VALLEY_Y)


# ----------------------------------------------------------------------------- drawing
def route(rng, waypoints, seg=0.2, amp=0.02, smooth=2):
    """A road through waypoints (km): corner-cut, then each stretch wiggled a little."""
    pts = chaikin(list(waypoints), smooth) if smooth else list(waypoints)
    pts = densify(pts, 0.6)
    out = [pts[0]]
    for p, q in zip(pts, pts[1:]):
        out += wiggle(rng, p, q, seg, amp, 1.5)[1:] if math.dist(p, q) > 2 * seg else [q]
    return out


# ----------------------------------------------------------------------------- the town's files
def load_json(rel):
    with open(os.path.join(TOWN_DIR, rel), encoding="utf-8") as f:
        return json.load(f)


class Town:
    """Everything the roads are drawn against, in km."""

    def __init__(self):
        n03 = load_json("boundaries/N03-24_23_240101_misaki.geojson")["features"][0]["geometry"]["coordinates"]
        ll = n03[0][0]
        i4 = ll.index(list(to_ll(NODES["C4"])))              # the ring runs C0 … C4 along the coast first
        self.main = [to_km(*p) for p in ll]
        self.island = [to_km(*p) for p in n03[1][0]]
        self.coast, self.border = self.main[:i4 + 1], self.main[i4:]
        self.districts = {}
        for f in load_json("boundaries/misaki_nichijo_seikatsu_ken-iki.geojson")["features"]:
            g = f["geometry"]
            polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
            self.districts[f["properties"]["圏域ID"]] = [[to_km(*p) for p in poly[0]] for poly in polys]
        self.rivers = {f["properties"]["W05_004"]: [to_km(*p) for p in f["geometry"]["coordinates"]]
                       for f in load_json("context/W05-08_23_Stream_misaki.geojson")["features"]}
        self.pond = [to_km(*p) for p in load_json("context/misaki_water.geojson")["features"][0]["geometry"]["coordinates"][0]]
        self.rails = [[to_km(*p) for p in f["geometry"]["coordinates"]]
                      for f in load_json("context/N02-22_RailroadSection_misaki.geojson")["features"]]
        self.shore = SegIndex(0.5)                            # town boundary: coast, land border, island shore
        self.shore.add_line(self.coast, "coast")
        self.shore.add_line(self.border, "border")
        self.shore.add_line(self.island, "island")
        self.water = SegIndex(0.5)                            # rivers and the pond
        for name, pts in self.rivers.items():
            self.water.add_line(pts, name)
        self.water.add_line(self.pond, "大池")
        self.railidx = SegIndex(0.5)
        for pts in self.rails:
            self.railidx.add_line(pts, "rail")
        self.cells = self._cells()
        self.facilities = self._facilities()

    def district_of(self, p):
        for kid, rings in self.districts.items():
            if sum(in_ring(p[0], p[1], r) for r in rings) % 2:
                return kid
        return None

    def on_island(self, p):
        return in_ring(p[0], p[1], self.island)

    def in_town(self, p):
        return in_ring(p[0], p[1], self.main) or self.on_island(p)

    def land_ok(self, p, margin=0.05, water=0.05):
        """Inside the town, at least margin km from its boundary and water km from rivers and the pond."""
        return (self.in_town(p) and self.shore.dist(p, margin + 0.01)[0] >= margin
                and self.water.dist(p, water + 0.01)[0] >= water and not in_ring(p[0], p[1], self.pond))

    def clear(self, pts, bridges=0):
        """A new road: on land, crossing neither the town boundary nor the pond, and a river only `bridges` times."""
        if not all(self.in_town(p) and not in_ring(p[0], p[1], self.pond) for p in pts):
            return False
        hits = 0
        for a, b in zip(pts, pts[1:]):
            if self.shore.crosses(a, b):
                return False
            for _, c, d, (name, _) in self.water.query(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
                if seg_hit(a, b, c, d):
                    if name == "大池":
                        return False
                    hits += 1
        return hits == bridges

    def _cells(self):
        cells = []
        for f in load_json("population/500m_mesh_suikei_2024_23999.geojson")["features"]:
            ring = f["geometry"]["coordinates"][0]
            lon, lat = (ring[0][0] + ring[2][0]) / 2, (ring[0][1] + ring[2][1]) / 2
            p = to_km(lon, lat)
            kid = self.district_of(p)
            cells.append(dict(code=f["properties"]["MESH_ID"], lon=lon, lat=lat, p=p, kid=kid,
                              pop=f["properties"]["PTN_2020"], p65=f["properties"]["PTC_2020"],
                              island=self.on_island(p), valley=kid == "23999-06" and lat >= VALLEY_LAT))
        return cells

    def _facilities(self):
        """Every facility row with a usable point: the published one (swapped pairs swapped back), else, for a
        missing point or one outside the town, its 街区 row in the 位置参照情報 file (note says which)."""
        with open(os.path.join(TOWN_DIR, "address/23000-22.0a/23_2023.csv"), encoding="cp932", newline="") as f:
            rows = list(csv.reader(f))[1:]
        blocks = {(r[2], r[4]): (float(r[9]), float(r[8])) for r in rows if r[11] == "1" and r[12] != "3"}
        out = []
        specs = [("kaigo/jigyosho_110.csv", "事業所名", "住所", "緯度", "経度"),
                 ("kaigo/jigyosho_130.csv", "事業所名", "住所", "緯度", "経度"),
                 ("kaigo/jigyosho_430.csv", "事業所名", "住所", "緯度", "経度"),
                 ("kaigo/jigyosho_760.csv", "事業所名", "住所", "緯度", "経度"),
                 ("kaigo/jigyosho_770.csv", "事業所名", "住所", "緯度", "経度"),
                 ("iryo/01-1_hospital_facility_info_20260401.csv", "正式名称", "所在地", "所在地座標（緯度）", "所在地座標（経度）"),
                 ("iryo/02-1_clinic_facility_info_20260401.csv", "正式名称", "所在地", "所在地座標（緯度）", "所在地座標（経度）"),
                 ("support_centres.csv", "name", None, "lat", "lon")]
        for rel, kname, kaddr, klat, klon in specs:
            with open(os.path.join(TOWN_DIR, rel), encoding="utf-8-sig", newline="") as f:
                for line, r in enumerate(csv.DictReader(f), 2):
                    lat, lon, note = float(r[klat]), float(r[klon]), ""
                    if lat > 90:
                        lat, lon, note = lon, lat, "緯度/経度 swapped back"
                    p = to_km(lon, lat)
                    if lat == 0 or not self.in_town(p):
                        m = re.search(r"みさき市(\D+?)(\d+)丁目(\d+)", unicodedata.normalize("NFKC", r[kaddr]).replace(" ", ""))
                        lon, lat = blocks[(m.group(1) + kanji_number(int(m.group(2))) + "丁目", m.group(3))]
                        note = ("no coordinates" if note == "" and (lat == 0 or float(r[klat]) == 0) else
                                "published point outside the town") + ": placed at its 街区 row"
                        p = to_km(lon, lat)
                    kind = ("clinic" if "02-1" in rel else "hospital" if "01-1" in rel else "support" if rel.startswith("support")
                            else "kaigo")
                    out.append(dict(file=rel, line=line, name=r[kname], p=p, lon=lon, lat=lat, note=note, kind=kind,
                                    kid=self.district_of(p)))
        return out


# ----------------------------------------------------------------------------- the network being drawn
class Way:
    """A way being drawn: OSM tags and a polyline in km.  kind: road | foot | construction | ferry | building."""

    def __init__(self, kind, tags, pts, bridges=(), anchor=True, noxing=False, group=""):
        self.kind, self.tags, self.pts = kind, dict(tags), list(pts)
        self.bridges = list(bridges)        # (bridge:name, half length km) per river crossing, in order along the way
        self.anchor = anchor                # rural roads may join it
        self.noxing = noxing                # new rural roads may not cross it (the pass: no shortcut over the hairpins)
        self.group = group

    @property
    def hw(self):
        return self.tags.get("highway") or ("ferry" if self.tags.get("route") == "ferry" else "")

    @property
    def drivable(self):
        return self.kind == "road" and self.hw in DRIVABLE and self.tags.get("access") not in ("private", "no")


class Net:
    def __init__(self, town):
        self.town, self.ways = town, []
        self.idx = SegIndex(0.25)           # every way but buildings

    def add(self, kind, tags, pts, **kw):
        w = Way(kind, tags, pts, **kw)
        assert len(w.pts) >= 2
        self.ways.append(w)
        if kind != "building":
            self.idx.add_line(w.pts, w)
        return w

    def road(self, hw, pts, name=None, ref=None, **kw):
        tags = {"highway": hw}
        if name:
            tags["name"] = name
        if ref:
            tags["ref"] = ref
        tags.update(kw.pop("tags", {}))
        return self.add("road", tags, pts, **kw)

    def dist(self, p, r=2.0):
        """Distance (km) from p to the nearest drivable road."""
        return self.idx.dist(p, r, lambda it: it[0].drivable)[0]

    def nearest_attach(self, p, r, ok):
        """Points on drivable anchorable roads within r of p, nearest first, for which ok(point) holds."""
        cands = []
        for _, a, b, (w, i) in self.idx.near(p, r):
            if w.drivable and w.anchor and w.kind == "road":
                q, t = project(p, a, b)
                if math.dist(p, q) <= r:
                    cands.append((math.dist(p, q), q, w))
        cands.sort(key=lambda c: c[0])
        return [c for c in cands if ok(c[1])]

    def crosses_protected(self, pts):
        for a, b in zip(pts, pts[1:]):
            if self.idx.crosses(a, b, lambda it: it[0].noxing):
                return True
        return False

    def near_fraction(self, pts, d, skip_end):
        """Share of the points every 50 m along pts (away from its ends) lying within d of another road."""
        L = length(pts)
        n = max(1, int(L / 0.05))
        near = total = 0
        for k in range(n + 1):
            s = L * k / n
            if s < skip_end or s > L - skip_end:
                continue
            total += 1
            if self.idx.dist(at_length(pts, s)[0], d, lambda it: it[0].kind == "road")[0] < d:
                near += 1
        return near / total if total else 0.0


# ----------------------------------------------------------------------------- named roads
def vtx(way, p):
    """The vertex of way nearest to p (an exact tuple, so a road started there shares the node)."""
    return min(way.pts, key=lambda q: math.dist(p, q))


def arc(c, r, a0, a1, step=30):
    n = max(1, round(abs(a1 - a0) / step))
    return [(c[0] + r * math.cos(math.radians(a0 + (a1 - a0) * k / n)),
             c[1] + r * math.sin(math.radians(a0 + (a1 - a0) * k / n))) for k in range(n + 1)]


def hairpins(rng, p0, p1, n, x_lo, x_hi, east_first):
    """A road climbing from p0 to p1 in n hairpin bends alternating between x_hi and x_lo."""
    pts, east = [p0], east_first
    for k in range(1, n + 1):
        y = p0[1] + (p1[1] - p0[1]) * k / (n + 1) + rng.uniform(-0.07, 0.07)
        x, r = (x_hi if east else x_lo) + rng.uniform(-0.3, 0.2) * (1 if east else -1), rng.uniform(0.04, 0.07)
        pts += wiggle(rng, pts[-1], (x, y - r), 0.14, 0.025, 1.5)[1:]
        pts += arc((x, y), r, -90, 90 if east else -270, 45)[1:]
        east = not east
    return pts + wiggle(rng, pts[-1], p1, 0.14, 0.025, 1.5)[1:]


def riverside(rng, river, y0, y1, d0, d1):
    """A road up the east bank of a river flowing south: the river's vertices between y0 and y1 (north), offset
    east by a distance slowly varying between d0 and d1 km."""
    src = [p for p in river[::-1] if y0 <= p[1] <= y1]
    phase, out = rng.uniform(0, 6.3), []
    for i, p in enumerate(src):
        a, b = src[max(0, i - 1)], src[min(len(src) - 1, i + 1)]
        L = math.dist(a, b)
        d = d0 + (d1 - d0) * (0.5 + 0.5 * math.sin(phase + i / 2.3))
        out.append((p[0] + d * (b[1] - a[1]) / L, p[1] - d * (b[0] - a[0]) / L))
    return out


def named_roads(rng, net, town):
    R = {}
    J = lambda key, p: vtx(R[key], p)
    trunk = {"name": "国道247号", "name:en": "National Route 247", "ref": "247"}
    T = route(rng, [(-1.8, 7.05), (0.6, 6.8), (1.8, 6.6), (3.6, 6.15), (5.4, 5.5), (7.0, 5.05), (8.2, 5.1), (10.0, 4.95),
                    (11.5, 4.85), (12.8, 4.6), (14.0, 4.35), (15.5, 4.15), (17.0, 4.2), (18.5, 4.45), (20.0, 4.9),
                    (21.5, 5.6), (23.0, 6.4), (24.3, 7.1), (26.0, 7.6)], amp=0.012)
    i0 = min(range(len(T)), key=lambda i: abs(T[i][0] - 8.5))
    i1 = min(range(len(T)), key=lambda i: abs(T[i][0] - 12.1))
    R["trunk_w"] = net.road("trunk", T[:i0 + 1], tags=dict(trunk, maxspeed="60", lanes="2"), bridges=[("みさき大橋", 0.12)],
                            group="leaves_town")
    C = T[i0:i1 + 1]
    north, south = offset_line(C, 0.012), offset_line(C, -0.012)
    R["trunk_eb"] = net.road("trunk", [C[0]] + north[1:-1] + [C[-1]], tags=dict(trunk, maxspeed="50", lanes="2", oneway="yes"),
                             anchor=False, group="dual")
    R["trunk_wb"] = net.road("trunk", ([C[0]] + south[1:-1] + [C[-1]])[::-1],
                             tags=dict(trunk, maxspeed="50", lanes="2", oneway="yes"), anchor=False, group="dual")
    R["trunk_e"] = net.road("trunk", T[i1:], tags=dict(trunk, maxspeed="60", lanes="2"), group="leaves_town")

    # the roundabout north of the station (駅前町): clockwise (left-hand traffic), arms N, E, S, W
    rc, rr = (9.35, 6.5), 0.025
    ring = [(rc[0] + rr * math.cos(math.radians(90 - 30 * k)), rc[1] + rr * math.sin(math.radians(90 - 30 * k)))
            for k in range(12)]
    R["roundabout"] = net.road("primary", ring + ring[:1], tags={"junction": "roundabout"}, anchor=False, group="roundabout")
    arm_n, arm_e, arm_s, arm_w = ring[0], ring[3], ring[6], ring[9]
    p31 = dict(name="県道31号みさき北山線", ref="31")
    R["p31s"] = net.road("primary", route(rng, [J("trunk_wb", (9.6, 4.9)), (9.48, 5.6), (9.37, 6.2), arm_s], amp=0.01),
                         tags=dict(maxspeed="40"), **p31)
    R["p31"] = net.road("primary", route(rng, [arm_n, (9.4, 6.8), (9.75, 7.35), (10.3, 8.4), (10.9, 9.2), (11.3, 10.1),
                                               (11.45, 11.0), (11.8, 12.1), (12.5, 13.2)]), **p31)
    R["p32"] = net.road("primary", route(rng, [arm_e, (9.8, 6.55), (10.4, 7.1), (11.0, 7.5), (12.0, 7.3), (13.1, 6.9),
                                               (14.3, 7.5), (15.3, 8.6), (16.2, 9.6), (17.2, 10.6), (18.8, 11.4), (20.3, 12.0)]),
                        name="県道32号みさき豊岡線", ref="32")
    R["ekinishi"] = net.road("tertiary", route(rng, [arm_w, (9.0, 6.45), (8.4, 6.2), (7.75, 5.95)], amp=0.01), name="駅西通り")
    R["s301"] = net.road("secondary", route(rng, [J("trunk_w", (3.6, 6.15)), (3.9, 7.2), (4.4, 8.7), (4.35, 10.3), (4.4, 12.4)]),
                         name="県道301号西浦若宮線", ref="301")
    R["p33"] = net.road("primary", route(rng, [J("s301", (4.4, 8.7)), (5.3, 9.5), (6.3, 10.5), (7.0, 11.0), (8.3, 11.2),
                                               (9.2, 10.9), (10.1, 10.75), (10.9, 10.8), J("p31", (11.45, 10.95))]),
                        name="県道33号若宮平井線", ref="33", bridges=[("平井橋", 0.07)])
    # the valley road: 北部 → 山吹 → over 川上峠 in hairpins (the river runs through a gorge) → up the east bank → 川上
    s412 = dict(name="県道412号山吹川上線", ref="412")
    R["s412a"] = net.road("secondary", route(rng, [J("p33", (10.1, 10.75)), (9.95, 11.7), (9.85, 12.45), (9.3, 13.3),
                                                   (9.1, 14.6), (9.0, 16.0), (8.75, 17.4), (8.55, 18.5), (8.65, 19.3),
                                                   (8.85, 19.9)]), bridges=[("大谷橋", 0.05)], **s412)
    top, foot = (10.45, 22.7), (9.15, 25.1)
    up = hairpins(rng, R["s412a"].pts[-1], top, 6, 9.05, 10.3, True)
    down = hairpins(rng, top, foot, 3, 9.2, 10.3, False)
    R["pass"] = net.road("secondary", up + down[1:], tags=dict(maxspeed="30"), anchor=False, noxing=True, **s412)
    R["pass_top"] = top
    kawakami = riverside(rng, town.rivers["みさき川"], 25.3, 30.45, 0.28, 0.5)
    R["s412b"] = net.road("secondary", route(rng, [foot] + kawakami, seg=0.12, amp=0.03, smooth=1), **s412)
    jk = R["s412b"].pts[-1]
    R["kawakami_w"] = net.road("tertiary", route(rng, [jk, (8.1, 30.6), (7.5, 30.95), (6.9, 31.45), (6.4, 31.85), (6.0, 32.25)]),
                               name="市道川上西線", bridges=[("川上橋", 0.04)])
    R["kawakami_e"] = net.road("tertiary", route(rng, [jk, (9.35, 31.0), (9.8, 31.6), (10.2, 32.2), (10.4, 32.7)]),
                               name="市道川上東線")
    R["sugihira"] = net.road("tertiary", route(rng, [R["s301"].pts[-1], (4.5, 13.8), (4.6, 15.0), (5.4, 16.3), (6.4, 17.3),
                                                      (7.2, 18.6), (7.65, 19.2), J("s412a", (8.62, 19.0))]),
                             name="市道杉平線", bridges=[("山吹橋", 0.05)])
    R["takimi"] = net.road("tertiary", route(rng, [J("s412a", (9.1, 14.6)), (10.0, 15.1), (10.9, 15.45), (11.6, 15.6)]),
                           name="市道滝見線")
    R["midori"] = net.road("tertiary", route(rng, [J("p32", (17.2, 10.6)), (17.7, 12.2), (18.2, 13.6), (18.6, 15.2), (19.9, 16.2),
                                                    (21.5, 17.0)]), name="市道緑が丘線")
    R["nishiura"] = net.road("tertiary", route(rng, [J("trunk_w", (1.8, 6.6)), (1.9, 7.9), (1.6, 9.6), (1.45, 11.2), (1.6, 12.5)]),
                             name="市道西浦線")
    R["oike"] = net.road("tertiary", route(rng, [J("s301", (4.35, 10.3)), (3.6, 10.55), (2.6, 10.5), J("nishiura", (1.6, 9.9))]),
                         name="市道大池線")
    R["oike_n"] = net.road("tertiary", route(rng, [J("nishiura", (1.45, 11.3)), (2.3, 11.75), (3.2, 11.8), (3.9, 11.55),
                                                    J("s301", (4.38, 11.4))]), name="市道大池北線")
    R["umegaoka"] = net.road("tertiary", route(rng, [J("p31", (11.8, 12.1)), (12.9, 12.25), (13.9, 12.3), (14.8, 12.1),
                                                      (15.7, 11.3), (16.3, 10.2), J("p32", (16.4, 9.8))]), name="市道梅ヶ丘線")
    R["s302"] = net.road("secondary", route(rng, [J("trunk_e", (13.9, 4.38)), (14.4, 3.7), (15.3, 2.85), (16.4, 2.3), (17.6, 2.7),
                                                  (18.5, 3.6), (19.2, 4.25), J("trunk_e", (19.7, 4.8))]),
                         name="県道302号岬線", ref="302")
    R["s303"] = net.road("secondary", route(rng, [J("trunk_e", (18.2, 4.4)), (18.6, 5.6), (19.0, 7.0), (19.6, 8.3), (20.6, 9.0),
                                                  (21.2, 9.5), (20.9, 10.6), R["p32"].pts[-1]]), name="県道303号大原線", ref="303")
    R["s304"] = net.road("secondary", route(rng, [J("trunk_e", (22.5, 6.05)), (22.6, 7.2), (22.4, 8.5), (21.6, 9.3),
                                                  J("s303", (21.2, 9.5))]), name="県道304号東浜線", ref="304")
    # dead-end forest roads (林道) into the mountains
    track = lambda key, pts, name: net.road("track", route(rng, pts, amp=0.04), name=name,
                                            tags={"tracktype": "grade3", "surface": "gravel"}, anchor=False, group="林道")
    R["t1"] = track("t1", [R["kawakami_e"].pts[-1], (10.2, 34.0), (9.7, 35.3), (9.5, 36.2)], "林道奥川上線")
    R["t2"] = track("t2", [R["kawakami_w"].pts[-1], (5.7, 33.3), (5.3, 34.2)], "林道西谷線")
    R["t3"] = track("t3", [top, (10.9, 23.0), (11.25, 23.6)], "林道峠線")
    R["t4"] = track("t4", [J("sugihira", (4.6, 15.0)), (3.9, 16.2), (3.4, 17.4)], "林道杉平線")
    R["t5"] = track("t5", [R["takimi"].pts[-1], (12.3, 16.6), (12.6, 17.6)], "林道滝見線")
    R["t6"] = track("t6", [R["midori"].pts[-1], (22.3, 18.0), (22.5, 18.6)], "林道緑が丘線")
    # 鵜島: the island, two residential roads; the ferry 鵜島航路 from 港町
    isl = town.island
    c = (19.4, 0.8)
    v = lambda k, f: lerp(c, isl[k % 28], f)
    pier_i = v(14, 0.85)
    R["island1"] = net.road("residential", route(rng, [pier_i, v(13, 0.5), c, v(1, 0.45), v(0, 0.75)], amp=0.01, smooth=0),
                            group="island")
    R["island2"] = net.road("residential", route(rng, [v(7, 0.65), c, v(20, 0.45), v(21, 0.65)], amp=0.01, smooth=0),
                            group="island")
    cv = min(town.coast, key=lambda p: math.dist(p, (13.75, 3.05)))
    seed = ZONE_SEEDS["港町"][0]
    L = math.dist(cv, seed)
    pier_m = lerp(cv, seed, 0.06 / L)
    sea = lerp(cv, seed, -0.15 / L)
    R["port"] = net.road("tertiary", route(rng, [J("s302", (14.3, 3.75)), pier_m], amp=0.01, smooth=0), name="港通り")
    R["ferry"] = net.add("ferry", {"route": "ferry", "motor_vehicle": "yes", "name": "鵜島航路", "foot": "yes"},
                         [pier_m, sea] + chaikin([sea, (14.2, 1.8), (15.2, 0.9), (16.6, 0.55), (17.9, 0.7), lerp(c, isl[14], 1.35)], 2)[1:]
                         + [pier_i], anchor=False)
    return R


# ----------------------------------------------------------------------------- residential grids
GRIDS = [  # name, angle (degrees), ellipses (cx, cy, ax, ay km, in the grid's axes), street spacing (km)
    ("中央", -6, [(9.8, 5.2, 1.9, 0.85), (10.9, 7.35, 1.1, 0.95), (12.8, 6.5, 0.7, 0.5), (7.9, 5.6, 0.6, 0.55), (9.8, 6.3, 0.7, 0.4)],
     (0.13, 0.21)),
    ("西部", -15, [(4.2, 8.2, 1.05, 0.85), (3.0, 6.6, 0.8, 0.45)], (0.15, 0.22)),
    ("大原", 12, [(19.0, 7.7, 1.1, 0.85)], (0.15, 0.22)),
    ("東浜", 28, [(22.0, 6.7, 0.8, 0.5)], (0.15, 0.22)),
    ("豊岡", 35, [(17.1, 10.8, 0.75, 0.6)], (0.15, 0.22)),
    ("港町", -35, [(14.6, 3.7, 0.75, 0.6)], (0.15, 0.22)),
    ("汐見", 20, [(18.9, 4.35, 0.6, 0.4)], (0.15, 0.22)),
    ("寺田", 22, [(12.0, 10.9, 0.95, 0.75)], (0.15, 0.22)),
]
EXCLUDE = [((9.35, 6.5), 0.07), ((9.8, 6.04), 0.06)]   # no grid street within this of: the roundabout, the station


def grids(rng, net, town):
    made = []
    for name, ang, ells, (smin, smax) in GRIDS:
        ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
        org = ells[0][:2]
        to_w = lambda u, v: (org[0] + u * ca - v * sa, org[1] + u * sa + v * ca)
        loc = [((cx - org[0]) * ca + (cy - org[1]) * sa, -(cx - org[0]) * sa + (cy - org[1]) * ca, ax, ay)
               for cx, cy, ax, ay in ells]
        u0, u1 = min(e[0] - e[2] for e in loc), max(e[0] + e[2] for e in loc)
        v0, v1 = min(e[1] - e[3] for e in loc), max(e[1] + e[3] for e in loc)
        for along_u in (True, False):
            off = (v0 if along_u else u0) + rng.uniform(0, smin)
            while off < (v1 if along_u else u1):
                f = rng.uniform(0.85, 1.1)
                lo, hi = (u0, u1) if along_u else (v0, v1)
                dirv = (ca, sa) if along_u else (-sa, ca)
                run = []
                n = int((hi - lo) / 0.01) + 1
                for k in range(n + 1):
                    s = lo + (hi - lo) * k / n
                    u, v = (s, off) if along_u else (off, s)
                    p = to_w(u, v)
                    ok = (any(((u - eu) / ax) ** 2 + ((v - ev) / ay) ** 2 <= f * f for eu, ev, ax, ay in loc)
                          and town.land_ok(p, 0.06, 0.05) and all(math.dist(p, c) > r for c, r in EXCLUDE)
                          and not parallel_near(net, town, p, dirv))
                    if ok:
                        run.append(p)
                    if (not ok or k == n) and run:
                        if length([run[0], run[-1]]) >= 0.1:
                            made.append(net.road("residential", [run[0], run[-1]], group="grid:" + name))
                        run = []
                off += rng.uniform(smin, smax)
    return made


def extend_dangles(net, town, ways, reach=0.3):
    """Extend each street end straight on to the first road it meets within reach, if the way there is clear."""
    for w in ways:
        for end in (0, -1):                         # an end just past a crossing street: cut it back to the crossing
            p, q = w.pts[end], w.pts[1 if end == 0 else -2]
            back = lerp(p, q, min(1.0, 0.015 / math.dist(p, q)))
            hits = sorted((seg_params(p, back, a, b)[0], lerp(a, b, seg_params(p, back, a, b)[1]))
                          for _, a, b, (o, _) in net.idx.query(min(p[0], back[0]), min(p[1], back[1]), max(p[0], back[0]), max(p[1], back[1]))
                          if o is not w and o.kind == "road" and seg_params(p, back, a, b)
                          and 1e-9 < seg_params(p, back, a, b)[0] < 1 and 0 <= seg_params(p, back, a, b)[1] <= 1)
            if hits:
                w.pts[end] = hits[0][1]
    for w in ways:
        for end in (0, -1):
            p, q = w.pts[end], w.pts[1 if end == 0 else -2]
            if any(o is not w and seg_dist(*p, *a, *b) < 1e-9 for _, a, b, (o, _) in net.idx.near(p, 1e-6)):
                continue                                    # already ends on a road
            L = math.dist(p, q)
            far = (p[0] + (p[0] - q[0]) / L * reach, p[1] + (p[1] - q[1]) / L * reach)
            best = None
            for _, a, b, (o, _) in net.idx.query(min(p[0], far[0]), min(p[1], far[1]), max(p[0], far[0]), max(p[1], far[1])):
                if o is w or o.kind != "road" or not o.anchor:
                    continue
                P = seg_params(p, far, a, b)
                if P is None and overlap(p, far, a, b):      # the same grid line further on: join it
                    for e in (a, b):
                        t = ((e[0] - p[0]) * (far[0] - p[0]) + (e[1] - p[1]) * (far[1] - p[1])) / reach ** 2
                        if 1e-6 < t <= 1 and (best is None or t < best[0]):
                            best = (t, e)
                elif P and 1e-6 < P[0] <= 1 and 0 <= P[1] <= 1 and (best is None or P[0] < best[0]):
                    best = (P[0], lerp(a, b, P[1]))
            if best and town.clear([p, best[1]]) and all(seg_dist(*c, *p, *best[1]) > r for c, r in EXCLUDE):
                if end == 0:
                    w.pts.insert(0, best[1])
                else:
                    w.pts.append(best[1])
                net.idx.add(p, best[1], (w, -1))


def parallel_near(net, town, p, dirv):
    """p lies within 45 m of a road (30 m of a railway) running within about 35 degrees of direction dirv."""
    for _, a, b, (w, _) in net.idx.near(p, 0.045):
        if w.kind == "road" and not w.group.startswith("grid"):
            L = math.dist(a, b)
            if L and abs((b[0] - a[0]) * dirv[0] + (b[1] - a[1]) * dirv[1]) / L > 0.82 and math.dist(p, project(p, a, b)[0]) < 0.045:
                return True
    for _, a, b, _ in town.railidx.near(p, 0.03):
        L = math.dist(a, b)
        if L and abs((b[0] - a[0]) * dirv[0] + (b[1] - a[1]) * dirv[1]) / L > 0.82 and math.dist(p, project(p, a, b)[0]) < 0.03:
            return True
    return False


# ----------------------------------------------------------------------------- rural roads and spurs
def rural_roads(rng, net, town):
    """Villages among the cells still far from a road, joined to each other and to the roads by the edges of a
    relative neighbourhood graph (no third point closer to both ends than they are to each other)."""
    far = sorted((c for c in town.cells if not c["island"] and net.dist(c["p"], 0.4) > 0.25),
                 key=lambda c: (-c["pop"], c["code"]))
    villages = []
    for c in far:
        if all(math.dist(c["p"], v) > 0.75 for v in villages):
            for _ in range(12):
                q = (c["p"][0] + rng.uniform(-0.15, 0.15), c["p"][1] + rng.uniform(-0.15, 0.15))
                if town.land_ok(q, 0.08, 0.12) and town.district_of(q) == c["kid"]:
                    villages.append(q)
                    break
    anchors = []
    for w in net.ways:
        if not (w.drivable and w.anchor):
            continue
        if w.group.startswith("grid"):
            cand = [w.pts[0], w.pts[-1]]
        else:
            cand, s_last, s = [], -1.0, 0.0
            for p, q in zip(w.pts, w.pts[1:]):
                if s - s_last >= 0.3:
                    cand.append(p)
                    s_last = s
                s += math.dist(p, q)
        anchors += [p for p in cand if town.water.dist(p, 0.2)[0] > 0.15 and any(math.dist(p, v) < 1.3 for v in villages)]
    pts = villages + anchors
    nv = len(villages)
    grid = {}
    for i, p in enumerate(pts):
        grid.setdefault((math.floor(p[0] / 0.5), math.floor(p[1] / 0.5)), []).append(i)

    def around(p, r):
        out = []
        for gx in range(math.floor((p[0] - r) / 0.5), math.floor((p[0] + r) / 0.5) + 1):
            for gy in range(math.floor((p[1] - r) / 0.5), math.floor((p[1] + r) / 0.5) + 1):
                out += grid.get((gx, gy), [])
        return sorted(out)

    edges = []
    for i in range(nv):
        for j in around(pts[i], 1.6):
            if j == i or (j < nv and j < i):
                continue
            d = math.dist(pts[i], pts[j])
            if d > (1.6 if j < nv else 1.3) or d < 0.05:
                continue
            mid = lerp(pts[i], pts[j], 0.5)
            if any(k not in (i, j) and math.dist(pts[k], pts[i]) < d and math.dist(pts[k], pts[j]) < d
                   for k in around(mid, d)):
                continue
            edges.append((d, i, j))
    edges.sort()
    made = []
    for d, i, j in edges:
        p, q = pts[i], pts[j]
        line = wiggle(rng, p, q, 0.45, 0.05, 1.5) if d > 0.6 else [p, q]
        if not town.clear(line):
            line = [p, q]
            if not town.clear(line):
                continue
        if net.crosses_protected(line) or net.near_fraction(line, 0.07, 0.15) > 0.25:
            continue
        made.append(net.road("unclassified", line, group="rural"))
    return villages, made


def spur_to(rng, net, town, target, end_km, hw, group, reach=1.3):
    """A short road from the nearest point of a drivable road (not near a river) to end_km short of target."""
    for dq, q, w in net.nearest_attach(target, reach, lambda q: town.water.dist(q, 0.2)[0] > 0.12):
        if dq < end_km + 0.02:
            continue
        end = lerp(target, q, end_km / dq)
        line = wiggle(rng, q, end, 0.25, 0.04, 1.5) if dq > 0.5 else [q, end]
        if town.clear(line + [target]) and not net.crosses_protected(line):
            return net.road(hw, line, group=group)
    return None


def through_road(rng, net, town, target):
    """A road from one road to another passing near target (from two sides of it), if one fits."""
    ok = lambda q: town.water.dist(q, 0.2)[0] > 0.12
    cands = net.nearest_attach(target, 0.9, ok)
    for d1, q1, w1 in cands[:6]:
        for d2, q2, w2 in cands:
            if w2 is w1 or d2 < 0.05 or d1 < 0.05:
                continue
            cos = ((q1[0] - target[0]) * (q2[0] - target[0]) + (q1[1] - target[1]) * (q2[1] - target[1])) / (d1 * d2)
            if cos > -0.35:
                continue
            m = (target[0] + rng.uniform(-0.05, 0.05), target[1] + rng.uniform(-0.05, 0.05))
            line = [q1] + wiggle(rng, q1, m, 0.25, 0.04, 1.5)[1:-1] + [m] + wiggle(rng, m, q2, 0.25, 0.04, 1.5)[1:]
            if (town.clear(line) and town.land_ok(m, 0.05, 0.08) and not net.crosses_protected(line)
                    and net.near_fraction(line, 0.07, 0.12) < 0.3):
                return net.road("unclassified", line, group="rural")
    return None


def spurs(rng, net, town):
    """Facilities more than 250 m from a road get a lane; cells more than 450 m from a road get a road past them
    (from a road on one side to one on the other) or, failing that, a dead-end lane.  A cell or facility whose
    nearest road lies across the water gets a lane on its own side, ending nearer."""
    made = []
    for f in town.facilities:
        if net.dist(f["p"], 1.5) > 0.25 or across_water(net, town, f["p"]):
            w = spur_to(rng, net, town, f["p"], 0.03 if not across_water(net, town, f["p"]) else 0.02, "residential", "spur:facility")
            made += [w] if w else []
    for c in sorted(town.cells, key=lambda c: (-c["pop"], c["code"])):
        w = spur_to(rng, net, town, c["p"], 0.02, "unclassified", "spur:cell") if across_water(net, town, c["p"]) else None
        if w is None and net.dist(c["p"], 1.5) > 0.45:
            w = (through_road(rng, net, town, c["p"]) if not c["island"] else None) or \
                spur_to(rng, net, town, c["p"], 0.06, "unclassified", "spur:cell")
        made += [w] if w else []
    return made


def across_water(net, town, p):
    """The nearest drivable road lies across a river (careatlas would attach p to the wrong bank)."""
    d, q, _ = net.idx.dist(p, 1.5, lambda it: it[0].drivable)
    return q is not None and any(seg_hit(p, q, a, b) for _, a, b, _ in town.water.query(
        min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))


# ----------------------------------------------------------------------------- what real data has
def attach_clear(net, town, target, reach, bridges=0, avoid=()):
    """The nearest point of a drivable road from which a straight line to target is clear (of water, the shore,
    other roads and the rings in avoid)."""
    for d, q, w in net.nearest_attach(target, reach, lambda q: True):
        if d > 1e-6 and town.clear([q, target], bridges) and not net.idx.crosses(
                lerp(q, target, 1e-4), target, lambda it: it[0].kind == "road") and \
                not any(crosses_line(q, lerp(q, target, 0.999), ring) for ring in avoid):
            return q
    raise AssertionError(("no road to attach to", target))


def rect(c, w, h, ang):
    ca, sa = math.cos(math.radians(ang)), math.sin(math.radians(ang))
    pts = [(c[0] + u * ca - v * sa, c[1] + u * sa + v * ca) for u, v in ((-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2))]
    return pts + pts[:1]


def place_building(rng, net, town, c, w, h, ang, tags, clearance=0.008):
    """A closed building way near c (km) that touches no road, river or shore; tried on a spiral around c."""
    for k in range(200):
        r, a = 0.004 * k, 2.4 * k
        q = (c[0] + r * math.cos(a), c[1] + r * math.sin(a))
        ring = rect(q, w, h, ang)
        if not all(town.land_ok(p, 0.01, 0.01) for p in ring):
            continue
        if any(net.idx.dist(p, clearance + 0.02, lambda it: it[0].kind != "building")[0] < clearance for p in ring + [q]):
            continue
        if any(net.idx.crosses(a_, b_, lambda it: it[0].kind != "building") for a_, b_ in zip(ring, ring[1:])):
            continue
        return net.add("building", tags, ring)
    raise AssertionError(("no room for a building", tags, c))


def planted(rng, net, town, R):
    """Footways, steps, a path, a road under construction, a pond walk and buildings (the factory comes later)."""
    P = {}
    river = town.rivers["みさき川"]
    # 元町人道橋: a footbridge over みさき川 between 西部 and 中央 (a shortcut for walkers only)
    w0, e0 = (6.8, 6.45), (7.32, 6.47)
    P["footbridge"] = net.add("foot", {"highway": "footway", "name": "元町人道橋"},
                              [attach_clear(net, town, w0, 0.8), w0, e0, attach_clear(net, town, e0, 0.8)],
                              bridges=[("元町人道橋", 0.06)], anchor=False)
    # the station building (みさき駅) and the footway from the station square to 県道32号
    st = (9.8, 6.04)
    P["station"] = net.add("building", {"building": "yes", "name": "みさき駅"}, rect(st, 0.07, 0.018, -14))
    door = (st[0] - 0.004, st[1] + 0.012)
    P["station_path"] = net.add("foot", {"highway": "footway"}, [door, attach_clear(net, town, door, 0.6, avoid=[P["station"].pts])],
                                anchor=False)
    # 天神坂: steps between two streets of the 寺田 grid
    grid = [w for w in net.ways if w.group == "grid:寺田"]
    for w in sorted(grid, key=lambda w: math.dist(lerp(w.pts[0], w.pts[-1], 0.5), (12.2, 11.1))):
        m = lerp(w.pts[0], w.pts[-1], 0.5)
        L = math.dist(w.pts[0], w.pts[-1])
        nrm = (-(w.pts[-1][1] - w.pts[0][1]) / L, (w.pts[-1][0] - w.pts[0][0]) / L)
        far = (m[0] + 0.25 * nrm[0], m[1] + 0.25 * nrm[1])
        hits = sorted((seg_params(m, far, a, b)[0], lerp(a, b, seg_params(m, far, a, b)[1]))
                      for _, a, b, (o, _) in net.idx.query(min(m[0], far[0]), min(m[1], far[1]), max(m[0], far[0]), max(m[1], far[1]))
                      if o is not w and o.kind == "road" and seg_params(m, far, a, b)
                      and 1e-6 < seg_params(m, far, a, b)[0] <= 1 and 0 <= seg_params(m, far, a, b)[1] <= 1)
        if hits and 0.08 < hits[0][0] * 0.25 < 0.2 and town.clear([m, hits[0][1]]):
            P["steps"] = net.add("foot", {"highway": "steps", "name": "天神坂"}, [m, hits[0][1]], anchor=False)
            break
    assert "steps" in P
    # みさき川渓谷遊歩道: a hiking path through the gorge the valley road avoids (over 川上峠)
    gorge = riverside(rng, river, 20.1, 24.9, 0.07, 0.12)
    south = next(v for v in R["s412a"].pts[::-1] if not net.idx.crosses(gorge[0], v, lambda it: it[0].kind == "road" and v not in it[0].pts))
    north = next(v for v in R["s412b"].pts if not net.idx.crosses(gorge[-1], v, lambda it: it[0].kind == "road" and v not in it[0].pts))
    P["path"] = net.add("foot", {"highway": "path", "name": "みさき川渓谷遊歩道", "sac_scale": "hiking"},
                        [south] + gorge + [north], anchor=False)
    assert town.clear(P["path"].pts)
    # 大池周遊路: a footway round the pond, with a footway down to 市道大池線
    c = (sum(p[0] for p in town.pond[:-1]) / (len(town.pond) - 1), sum(p[1] for p in town.pond[:-1]) / (len(town.pond) - 1))
    loop = [(c[0] + (p[0] - c[0]) * (1 + 0.06 / math.dist(p, c)), c[1] + (p[1] - c[1]) * (1 + 0.06 / math.dist(p, c)))
            for p in town.pond[:-1]]
    loop = loop + loop[:1]
    P["pond"] = net.add("foot", {"highway": "footway", "name": "大池周遊路"}, loop, anchor=False)
    low = min(loop[:-1], key=lambda p: p[1])
    P["pond_link"] = net.add("foot", {"highway": "footway"}, [low, attach_clear(net, town, low, 0.6)], anchor=False)
    # 県道305号 (under construction): a new bridge 野田新橋 between 野田町 and 中央, the one that will cut the detour
    qa, qb = attach_clear(net, town, (6.5, 8.7), 0.6), attach_clear(net, town, (8.0, 8.5), 0.6)
    line = route(rng, [qa, (7.25, 8.6), qb], amp=0.005, smooth=1)
    P["construction"] = net.add("construction", {"highway": "construction", "construction": "secondary", "name": "県道305号",
                                                 "ref": "305"}, line, bridges=[("野田新橋", 0.07)], anchor=False)
    assert town.clear(line, 1)
    # buildings: みさき市民病院, two houses on 鵜島
    hosp = next(f for f in town.facilities if f["name"] == "みさき市民病院")
    P["hospital"] = place_building(rng, net, town, hosp["p"], 0.06, 0.035, -6, {"building": "yes", "name": "みさき市民病院"})
    for k, q in enumerate(((19.25, 0.86), (19.6, 0.72))):
        P[f"house{k}"] = place_building(rng, net, town, q, 0.014, 0.011, 10 + 20 * k, {"building": "yes"})
    return P


# ----------------------------------------------------------------------------- bridges and nodes
def piece(pts, s0, s1):
    """The part of polyline pts between arc lengths s0 and s1."""
    a, i = at_length(pts, s0)
    b, j = at_length(pts, s1)
    return [a] + pts[i + 1:j + 1] + [b]


def split_bridges(net, town):
    """Split every way where it crosses a river: the crossing (± the bridge's half length) becomes a bridge way.
    A way must cross rivers exactly as often as it declares bridges."""
    out = []
    for w in net.ways:
        if w.kind == "building":
            out.append(w)
            continue
        hits, s = [], 0.0
        for a, b in zip(w.pts, w.pts[1:]):
            for _, c, d, (name, _) in town.water.query(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
                P = seg_params(a, b, c, d)
                if P and 0 <= P[0] <= 1 and 0 <= P[1] <= 1:
                    hits.append((s + P[0] * math.dist(a, b), name))
            s += math.dist(a, b)
        hits.sort()
        assert w.kind == "ferry" or len(hits) == len(w.bridges), (w.tags, w.group, hits)
        if w.kind == "ferry" or not hits:
            out.append(w)
            continue
        L, cuts = length(w.pts), [0.0]
        for (sh, river), (bname, half) in zip(hits, w.bridges):
            assert cuts[-1] + 0.02 < sh - half and sh + half < L - 0.02, (w.tags, sh, half)
            cuts += [sh - half, sh + half]
        cuts.append(L)
        parts = [piece(w.pts, s0, s1) for s0, s1 in zip(cuts, cuts[1:])]
        for k in range(1, len(parts)):
            parts[k][0] = parts[k - 1][-1]
        for k, part in enumerate(parts):
            nw = Way(w.kind, w.tags, part, anchor=w.anchor, noxing=w.noxing, group=w.group)
            if k % 2:
                bname, _ = w.bridges[k // 2]
                nw.tags.update({"bridge": "yes", "layer": "1", "bridge:name": bname})
                nw.river = hits[k // 2][1]
                nw.anchor = False
            out.append(nw)
    net.ways = out
    net.idx = SegIndex(0.25)
    for w in net.ways:
        if w.kind != "building":
            net.idx.add_line(w.pts, w)


def fix_dangles(net, tol=0.005):
    """After noding: a dead end a few metres from another way (drawing noise: a street stopping just short of, or
    just past, another) is joined to it (a stub past a junction is dropped).  Returns how many were changed."""
    set_keys(net)
    occ = degrees(net.ways)
    idx = SegIndex(0.25)
    for w in net.ways:
        if w.kind != "building":
            idx.add_line(w.pts, w)
    changed, touched = 0, set()
    for w in net.ways:
        if w.kind not in ("road", "foot") or id(w) in touched:
            continue
        for end in (0, -1):
            if occ[key(w.pts[end])] != 1:
                continue
            p = w.pts[end]
            best = None
            for _, a, b, (o, i) in idx.near(p, tol):
                if o.kind == "building" or (o is w and i in (0, len(w.pts) - 2)):
                    continue
                q, t = project(p, a, b)
                q = a if t == 0 else b if t == 1 else q     # another way's end: the same node
                if math.dist(p, q) < tol and (best is None or math.dist(p, q) < best[0]):
                    best = (math.dist(p, q), q, o)
            if best is None:
                continue
            nxt = w.pts[1 if end == 0 else -2]
            if math.dist(p, nxt) < 2 * tol and len(w.pts) > 2 and occ[key(nxt)] >= 2:
                w.pts.pop(end)                              # a stub past a junction
            else:
                w.pts[end] = best[1]
            touched.add(id(best[2]))
            changed += 1
    return changed


# ----------------------------------------------------------------------------- the factory and its private road
FACTORY_ZONES = [(1.0, 4.5, 6.8, 6.8), (19.5, 4.8, 24.2, 8.0), (12.6, 3.6, 16.5, 5.2)]    # coastal industrial strips (km box)


def factory(rng, net, town):
    """みさき化成工業's works: a private service road between two public roads 300-800 m apart in a coastal strip,
    where it saves the longest detour (found with the drive-time graph), gates at both ends, three buildings."""
    g = Graph(net.ways)
    owner = {}
    for w in net.ways:
        if w.drivable and w.anchor:
            for k in w.keys:
                owner.setdefault(k, []).append(w)
    inzone = lambda p: any(x0 <= p[0] <= x1 and y0 <= p[1] <= y1 for x0, y0, x1, y1 in FACTORY_ZONES)
    cands = [n for k, n in g.ids.items() if k in owner and inzone(g.pt[n]) and town.land_ok(g.pt[n], 0.08, 0.1)]
    best = None
    for u in cands:
        dist = g.times([g.pt[u]], limit=30)
        for x in cands:
            L = math.dist(g.pt[u], g.pt[x])
            if x <= u or not 0.3 <= L <= 0.8 or set(map(id, owner[g.ll[u]])) & set(map(id, owner[g.ll[x]])):
                continue
            a, b = lerp(g.pt[u], g.pt[x], 0.02), lerp(g.pt[u], g.pt[x], 0.98)
            if not town.clear([g.pt[u], g.pt[x]]) or net.idx.crosses(a, b, lambda it: it[0].kind != "building"):
                continue
            if any(net.idx.dist(lerp(a, b, t / 4), 0.05, lambda it: it[0].kind == "road")[0] < 0.04 for t in (1, 2, 3)):
                continue
            saving = dist[x] - L / SPEEDS["service"] * 60
            if best is None or saving > best[0] + 1e-9:
                best = (saving, u, x)
    assert best and best[0] > 4, best
    _, u, x = best
    p, q = g.pt[u], g.pt[x]
    L = math.dist(p, q)
    nrm = (-(q[1] - p[1]) / L, (q[0] - p[0]) / L)
    mid = lerp(p, q, 0.5)
    mid = (mid[0] + 0.02 * nrm[0], mid[1] + 0.02 * nrm[1])
    gates = [lerp(p, mid, 0.015 / math.dist(p, mid)), lerp(q, mid, 0.015 / math.dist(q, mid))]
    road = net.add("road", {"highway": "service", "access": "private", "name": "みさき化成工業 構内道路"},
                   [p, gates[0], mid, gates[1], q], anchor=False, group="factory")
    ang = math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))
    blds = []
    for t, side, w_, h_, name in ((0.3, 1, 0.09, 0.045, "みさき化成工業 第1工場"), (0.7, 1, 0.07, 0.04, "みさき化成工業 第2工場"),
                                  (0.5, -1, 0.05, 0.03, "みさき化成工業 事務所")):
        c = lerp(p, q, t)
        c = (c[0] + side * 0.06 * nrm[0], c[1] + side * 0.06 * nrm[1])
        blds.append(place_building(rng, net, town, c, w_, h_, ang, {"building": "yes", "name": name}))
    return dict(road=road, gates=gates, saving=best[0], straight_km=L, buildings=blds)


# ----------------------------------------------------------------------------- final touches on the noded ways
def degrees(ways):
    occ = {}
    for w in ways:
        if w.kind != "building":
            for k in dict.fromkeys(w.keys):
                occ[k] = occ.get(k, 0) + 1
    return occ


def undirected(ways):
    adj = {}
    for w in ways:
        if w.drivable:
            for a, b in zip(w.keys, w.keys[1:]):
                adj.setdefault(a, []).append(b)
                adj.setdefault(b, []).append(a)
    return adj


def reachable(adj, a, b, banned):
    seen, stack = {a}, [a]
    while stack:
        n = stack.pop()
        if n == b:
            return True
        for x in adj.get(n, ()):
            if x not in seen and (n, x) not in banned and (x, n) not in banned:
                seen.add(x)
                stack.append(x)
    return False


def thin_grids(rng, net, share=0.07):
    """Drop a few grid blocks' sides (never one that would cut the network), so the grids are not perfect and their
    streets become several ways, as in real data."""
    occ = degrees(net.ways)
    adj = undirected(net.ways)
    out, dropped = [], 0
    for w in net.ways:
        if not w.group.startswith("grid"):
            out.append(w)
            continue
        cut = [i for i, k in enumerate(w.keys) if occ[k] >= 2 or i in (0, len(w.keys) - 1)]
        runs, cur = [], [cut[0]]
        for i, j in zip(cut, cut[1:]):
            seg = set(zip(w.keys[i:j], w.keys[i + 1:j + 1]))
            interior = occ[w.keys[i]] >= 2 and occ[w.keys[j]] >= 2 and length(w.pts[i:j + 1]) > 0.06
            if interior and rng.random() < share and reachable(adj, w.keys[i], w.keys[j], seg):
                for a, b in seg:
                    adj[a].remove(b)
                    adj[b].remove(a)
                dropped += 1
                if len(cur) >= 2:
                    runs.append(cur)
                cur = [j]
            else:
                cur += list(range(i + 1, j + 1))
        if len(cur) >= 2:
            runs.append(cur)
        for r in runs:
            nw = Way(w.kind, w.tags, [w.pts[i] for i in r], anchor=w.anchor, group=w.group)
            nw.keys = [w.keys[i] for i in r]
            out.append(nw)
    net.ways = out
    return dropped


def strongly_connected(ways):
    """Every node of the largest drivable piece reaches every other (oneway streets and roundabouts included)."""
    fw, bw = {}, {}
    for w in ways:
        if not w.drivable:
            continue
        ow = w.tags.get("oneway", "yes" if w.tags.get("junction") == "roundabout" else "no")
        for a, b in zip(w.keys, w.keys[1:]):
            if ow != "-1":
                fw.setdefault(a, []).append(b)
                bw.setdefault(b, []).append(a)
            if ow != "yes":
                fw.setdefault(b, []).append(a)
                bw.setdefault(a, []).append(b)
    und = undirected(ways)
    start = max(und, key=lambda k: (len(und[k]), k))
    def reach(adj):
        seen, stack = {start}, [start]
        while stack:
            for x in adj.get(stack.pop(), ()):
                if x not in seen:
                    seen.add(x)
                    stack.append(x)
        return seen
    comp = reach(und)
    return reach(fw) >= comp and reach(bw) >= comp


def oneways(net):
    """Two oneway=yes streets and one oneway=-1 in the 中央 grid (keeping every node reachable from every other)."""
    occ = degrees(net.ways)
    cands = sorted((w for w in net.ways if w.group == "grid:中央" and occ[w.keys[0]] >= 2 and occ[w.keys[-1]] >= 2
                    and 0.25 <= length(w.pts) <= 0.9), key=lambda w: math.dist(lerp(w.pts[0], w.pts[-1], 0.5), (10.1, 5.5)))
    done = []
    for w in cands:
        w.tags["oneway"] = "-1" if len(done) == 2 else "yes"
        if strongly_connected(net.ways):
            done.append(w)
            if len(done) == 3:
                break
        else:
            del w.tags["oneway"]
    assert len(done) == 3
    zone30 = [w for w in cands if w not in done][:4]
    for w in zone30:
        w.tags["maxspeed"] = "30"
    return done, zone30


# ----------------------------------------------------------------------------- checks
def final_segments(ways):
    out = []
    for wi, w in enumerate(ways):
        pts = [to_km(*k) for k in w.keys]
        out += [(wi, si, pts[si], pts[si + 1], w.keys[si], w.keys[si + 1]) for si in range(len(pts) - 1)]
    return out


def check_network(net, town):
    """On the rounded coordinates: crossings share a node, rivers are crossed only by bridges, the coast only by the
    ferry, buildings touch nothing, no street ends a few metres short of another.  Returns the figures."""
    ways = net.ways
    segs = final_segments(ways)
    buckets = {}
    for n, (wi, si, a, b, ka, kb) in enumerate(segs):
        for gx in range(math.floor(min(a[0], b[0]) / 0.2), math.floor(max(a[0], b[0]) / 0.2) + 1):
            for gy in range(math.floor(min(a[1], b[1]) / 0.2), math.floor(max(a[1], b[1]) / 0.2) + 1):
                buckets.setdefault((gx, gy), []).append(n)
    unnoded, building_hits, done = [], [], set()
    for lst in buckets.values():
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                n1, n2 = lst[x], lst[y]
                if (n1, n2) in done:
                    continue
                done.add((n1, n2))
                w1, _, a, b, ka, kb = segs[n1]
                w2, _, c, d, kc, kd = segs[n2]
                if {ka, kb} & {kc, kd} or not seg_hit(a, b, c, d, 0.0):
                    continue
                if "building" in (ways[w1].kind, ways[w2].kind):
                    if ways[w1].kind != ways[w2].kind:
                        building_hits.append((ways[w1].tags, ways[w2].tags))
                else:
                    unnoded.append((ways[w1].tags, ways[w2].tags, a))
    assert not unnoded, unnoded[:5]
    assert not building_hits, building_hits[:5]
    river_hits, bridges, coast, border = [], [], [], []
    for wi, si, a, b, ka, kb in segs:
        w = ways[wi]
        if w.kind == "building":
            continue
        for _, c, d, (name, _) in town.water.query(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
            if seg_hit(a, b, c, d, 0.0):
                if w.tags.get("bridge") == "yes":
                    bridges.append((wi, name))
                elif w.kind != "ferry":
                    river_hits.append((w.tags, name))
        for _, c, d, (part, _) in town.shore.query(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
            if seg_hit(a, b, c, d, 0.0):
                (border if part == "border" else coast).append(w)
    assert not river_hits, river_hits
    assert all(w.kind == "ferry" for w in coast), [w.tags for w in coast]
    assert all(w.group == "leaves_town" for w in border), [w.tags for w in border]
    occ = degrees(ways)
    idx = SegIndex(0.25)
    for wi, si, a, b, ka, kb in segs:
        if ways[wi].kind != "building":
            idx.add(a, b, (wi, ka, kb))
    near_miss = []
    for w in ways:
        if w.kind == "building":
            continue
        for k in (w.keys[0], w.keys[-1]):
            if occ[k] == 1:
                p = to_km(*k)
                for _, a, b, (wi, ka, kb) in idx.near(p, 0.005):
                    if k not in (ka, kb) and math.dist(p, project(p, a, b)[0]) < 0.003:
                        near_miss.append((w.tags, w.group, p, ways[wi].tags, ways[wi].group, math.dist(p, project(p, a, b)[0])))
    assert not near_miss, near_miss
    seen = {}
    for wi, name in bridges:
        seen.setdefault(wi, name)
    return dict(bridges=[(ways[wi], name) for wi, name in seen.items()], border=list({id(w): w for w in border}.values()))


def coverage(net, town):
    """Distances (m) from every populated cell centroid and every facility to the nearest drivable road."""
    idx = SegIndex(0.25)
    for w in net.ways:
        if w.drivable:
            pts = [to_km(*k) for k in w.keys]
            idx.add_line(pts, w)
    far = lambda p: idx.dist(p, 1.2)[0] * 1000
    cells = [(far(c["p"]), c) for c in town.cells]
    facs = [(far(f["p"]), f) for f in town.facilities]
    main_idx = SegIndex(0.25)
    for w in net.ways:
        if w.drivable and w.group != "island":
            main_idx.add_line([to_km(*k) for k in w.keys], w)
    island_gap = min(main_idx.dist(c["p"], 3.0)[0] for c in town.cells if c["island"]) * 1000
    assert island_gap > SNAP_MAX_KM * 1000, island_gap         # island cells cannot snap to a mainland road

    def wrong_bank(p):
        d, q, _ = idx.dist(p, 1.2)
        return q is not None and any(seg_hit(p, q, a, b) for _, a, b, _ in town.water.query(
            min(p[0], q[0]), min(p[1], q[1]), max(p[0], q[0]), max(p[1], q[1])))
    in_pond = [c for c in town.cells if in_ring(*c["p"], town.pond)]
    across = (sum(wrong_bank(c["p"]) for c in town.cells if c not in in_pond), sum(wrong_bank(f["p"]) for f in town.facilities),
              in_pond)
    return cells, facs, island_gap, across


# ----------------------------------------------------------------------------- the stories, measured
def ll_length(pts):
    ll = [to_ll(p) for p in pts]
    return sum(dist_m(*a, *b) for a, b in zip(ll, ll[1:]))


def valley_road(R, town):
    """Lengths (m) of 県道412号 (drawn before any split): the whole road, and from 山吹 (its point nearest the
    山吹診療所) over 川上峠 to 川上, each against the straight line between its ends."""
    pts = R["s412a"].pts + R["pass"].pts[1:] + R["s412b"].pts[1:]
    y = next(f for f in town.facilities if f["name"] == "みさき市国民健康保険山吹診療所")
    i = min(range(len(pts)), key=lambda k: math.dist(pts[k], y["p"]))
    sl = lambda a, b: dist_m(*to_ll(a), *to_ll(b))
    return dict(vertices=len(pts), total=ll_length(pts), total_straight=sl(pts[0], pts[-1]),
                upper=ll_length(pts[i:]), upper_straight=sl(pts[i], pts[-1]), upper_vertices=len(pts) - i,
                pass_len=ll_length(R["pass"].pts), pass_straight=sl(R["pass"].pts[0], R["pass"].pts[-1]), hairpins=9)


def analyse(net, town):
    g = Graph(net.ways)
    gk = Graph(net.ways, km=True)
    clinics = [f for f in town.facilities if f["kind"] in ("clinic", "hospital")]
    d_all = g.times([f["p"] for f in clinics])
    A = {}
    valley = [c for c in town.cells if c["valley"]]
    A["valley"] = sorted(((g.time_to(d_all, c["p"]), c) for c in valley), key=lambda t: (t[0], t[1]["code"]))
    yam = next(f for f in town.facilities if f["name"] == "みさき市国民健康保険山吹診療所")
    d_y = g.times([yam["p"]])
    A["yamabuki"] = yam
    A["disc"] = [(dist_m(yam["lon"], yam["lat"], c["lon"], c["lat"]), g.time_to(d_y, c["p"]), c) for c in valley]
    hokubu = [f for f in clinics if f["kid"] == "23999-05"]
    kit = min(hokubu, key=lambda f: (min(dist_m(f["lon"], f["lat"], c["lon"], c["lat"]) for c in valley), f["name"]))
    d_k = g.times([kit["p"]])
    A["hokubu"] = (kit, [(dist_m(kit["lon"], kit["lat"], c["lon"], c["lat"]), g.time_to(d_k, c["p"]), c) for c in valley])
    # みさき川: places close across the river, far by road (neighbouring cells, and facilities)
    river = [p for p in town.rivers["みさき川"] if p[1] < 13.5]
    gc = Graph(net.ways, construction=True, km=True)
    side = [c for c in town.cells if c["p"][1] < 13 and town.water.dist(c["p"], 1.2, lambda it: it[0] == "みさき川")[0] < 1.0]
    cell_pairs = []
    for a in side:
        dka = gk.times([a["p"]])
        for b in side:
            L = dist_m(a["lon"], a["lat"], b["lon"], b["lat"])
            if a["code"] < b["code"] and L <= 1100 and crosses_line(a["p"], b["p"], river):
                cell_pairs.append((gk.time_to(dka, b["p"]) * 1000, L, a, b))
    cell_pairs.sort(key=lambda t: (-t[0] / t[1], t[2]["code"], t[3]["code"]))
    worst = cell_pairs[0]
    A["cell_pairs"] = cell_pairs
    A["worst_new_bridge"] = gc.time_to(gc.times([worst[2]["p"]]), worst[3]["p"]) * 1000
    A["worst_minutes"] = g.time_to(g.times([worst[2]["p"]]), worst[3]["p"])
    near = [f for f in town.facilities if town.water.dist(f["p"], 2.1, lambda it: it[0] == "みさき川")[0] < 2.0 and f["p"][1] < 13]
    pairs = []
    for a in near:
        da, dka, dca = g.times([a["p"]]), gk.times([a["p"]]), gc.times([a["p"]])
        for b in near:
            L = dist_m(a["lon"], a["lat"], b["lon"], b["lat"])
            if b is a or L > 2000 or a["name"] >= b["name"] or not crosses_line(a["p"], b["p"], river):
                continue
            pairs.append((gk.time_to(dka, b["p"]) * 1000 / L, L, gk.time_to(dka, b["p"]) * 1000, g.time_to(da, b["p"]),
                          gc.time_to(dca, b["p"]) * 1000, a, b))
    pairs.sort(key=lambda t: (-t[0], t[5]["name"], t[6]["name"]))
    A["river_pairs"] = pairs
    # 鵜島: off the network by road; with ferries
    isl = [c for c in town.cells if c["island"]]
    gf = Graph(net.ways, ferries=True)
    d_f = gf.times([f["p"] for f in clinics])
    A["island"] = [(g.time_to(d_all, c["p"]), gf.time_to(d_f, c["p"]), c) for c in isl]
    ferry = next(w for w in net.ways if w.kind == "ferry")
    A["ferry_m"] = ll_length([to_km(*k) for k in ferry.keys])
    return A


# ----------------------------------------------------------------------------- OSM ids, metadata and XML
USERS = [("misaki_mapper", 3817204), ("tanuki-osm", 1187342), ("hamakaze", 7023419), ("yamabuki_t", 2290118),
         ("kaido_fix", 9902311), ("kawakami_s", 12044871), ("minato-survey", 15551203), ("sakura_map", 650114)]
# (Unix time, changeset id, node id, way id): roughly the real OSM counters at those dates, interpolated
COUNTERS = [(1293840000, 6_800_000, 1_060_000_000, 96_000_000),        # 2011-01-01
            (1356998400, 14_500_000, 2_080_000_000, 196_000_000),      # 2013-01-01
            (1451606400, 36_300_000, 3_930_000_000, 389_000_000),      # 2016-01-01
            (1577836800, 79_600_000, 7_090_000_000, 760_000_000),      # 2020-01-01
            (1704067200, 146_300_000, 11_500_000_000, 1_240_000_000),  # 2024-01-01
            (1775001600, 182_000_000, 13_600_000_000, 1_460_000_000)]  # 2026-04-01
NEWEST = 1773532800                     # 2026-03-15: nothing is newer (the project's edition is 2026-04-01)


def counter(t, col):
    for a, b in zip(COUNTERS, COUNTERS[1:]):
        if t <= b[0]:
            return round(a[col] + (b[col] - a[col]) * (t - a[0]) / (b[0] - a[0]))
    return COUNTERS[-1][col]


ERA = {"trunk": (2009.5, 2012), "primary": (2010, 2013), "secondary": (2010.5, 2014), "tertiary": (2011, 2016),
       "residential": (2012, 2019), "unclassified": (2013, 2022), "service": (2015, 2023), "track": (2014, 2022),
       "footway": (2016, 2023), "steps": (2017, 2023), "path": (2016, 2022), "construction": (2024.6, 2025.4),
       "ferry": (2012, 2014), "building": (2015, 2024)}


def year_t(y):
    return round(1262304000 + (y - 2010) * 365.25 * 86400)     # 2010-01-01 + years


def assign_ids(rng, ways):
    """Creation and last-edit times, versions, users and changesets; node and way ids increase with creation
    time, as real ones do.  Returns (nodes in id order, ways in id order) as dicts."""
    for w in ways:
        lo, hi = ERA[w.hw or ("building" if w.kind == "building" else "construction")]
        w.created = year_t(rng.uniform(lo, hi))
        w.version = 1 + min(14, int(rng.expovariate(0.45) * (2026 - (lo + hi) / 2) / 6))
        w.edited = w.created if w.version == 1 else rng.randint(w.created, NEWEST)
        w.user = rng.choice(USERS)
    order = sorted(range(len(ways)), key=lambda i: (ways[i].created, i))
    nodes, way_out, last_n, last_w = {}, [], 0, 0
    for i in order:
        w = ways[i]
        new = [k for k in dict.fromkeys(w.keys) if k not in nodes]
        base = counter(w.created, 2)
        last_n = max(last_n + 1, base + rng.randint(0, 5000))
        for k in new:
            v = 1 + (rng.random() < 0.3) + (rng.random() < 0.1)
            t = w.created if v == 1 else rng.randint(w.created, NEWEST)
            u = rng.choice(USERS) if v > 1 else w.user
            nodes[k] = dict(id=last_n, lat=k[1], lon=k[0], version=v, t=t, user=u,
                            changeset=counter(t, 1) + rng.randint(0, 900), tags={})
            last_n += 1 + (rng.random() < 0.2) * rng.randint(1, 40)
        last_w = max(last_w + 1, counter(w.created, 3) + rng.randint(0, 400))
        way_out.append(dict(id=last_w, way=w, version=w.version, t=w.edited, user=w.user,
                            changeset=counter(w.edited, 1) + rng.randint(0, 900)))
        last_w += 1 + rng.randint(0, 60)
    return nodes, way_out


# ----------------------------------------------------------------------------- README
def md_table(header, rows):
    return "\n".join(["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
                     + ["| " + " | ".join(str(c) for c in r) + " |" for r in rows])


def zone_of(c):
    """The 町名 whose zone holds the cell (nearest seed of its 圏域, as in the town's addresses)."""
    names = [t[0] for t in TOWNS[c["kid"]]]
    return min(names, key=lambda n: min(math.dist(c["p"], s) for s in ZONE_SEEDS[n]))


def fmt(n):
    return f"{n:,.0f}"


def write_readme(net, town, V, A, F, chk, cells, facs, ids, nodes, ways, size, extra):
    wid = lambda w: ids[id(w)]
    byclass = {}
    for w in net.ways:
        k = "building" if w.kind == "building" else w.hw
        n, km = byclass.get(k, (0, 0.0))
        byclass[k] = (n + 1, km + (0 if w.kind == "building" else ll_length([to_km(*q) for q in w.keys]) / 1000))
    order = ["trunk", "primary", "secondary", "tertiary", "unclassified", "residential", "service", "track", "ferry",
             "footway", "steps", "path", "construction", "building"]
    notes = {"trunk": "国道247号 (ref 247) along the coast through 西部, 中央 (dual carriageway), 南部's neck and 東部; leaves the town at both ends",
             "primary": "県道31号 (中央 → 北部), 32号 (中央 → 東部), 33号 (西部 → 北部); the roundabout",
             "secondary": "県道301–304号, 412号 (the valley road)",
             "tertiary": "市道 to the hamlets, the 川上 villages, the port (港通り), 駅西通り",
             "unclassified": "rural roads between villages, lanes to outlying cells",
             "residential": "the grids of the town centres, lanes to facilities, 鵜島",
             "service": "the private road through the factory (access=private)",
             "track": "dead-end 林道 (tracktype=grade3)", "ferry": "route=ferry 鵜島航路 (not a highway)",
             "footway": "元町人道橋, station, 大池周遊路", "steps": "天神坂", "path": "みさき川渓谷遊歩道",
             "construction": "県道305号 and its 野田新橋 (highway=construction, construction=secondary)",
             "building": "closed ways, building=yes"}
    rows = []
    for k in order:
        n, km = byclass.get(k, (0, 0))
        sp = SPEEDS.get(k, "–") if k not in ("footway", "steps", "path", "construction", "building") else "not routed"
        rows.append((f"`{k}`", n, f"{km:.1f}" if k != "building" else "–", sp, notes[k]))
    drive_km = sum(ll_length([to_km(*q) for q in w.keys]) for w in net.ways if w.drivable) / 1000
    bridges = []
    for w, river in chk["bridges"]:
        road = w.tags.get("name") or w.tags.get("highway")
        bridges.append((w.tags["bridge:name"], river, f"`{w.hw}`" + (f" (`construction={w.tags['construction']}`)" if w.hw == "construction" else ""),
                        road, fmt(ll_length([to_km(*q) for q in w.keys])), wid(w)))
    road_bridges = [b for b, (w, r) in zip(bridges, chk["bridges"]) if w.drivable]
    vt = A["valley"]
    kawakami = {"川上 (at the river)": ZONE_SEEDS["川上町"][0], "川上 west (西谷)": ZONE_SEEDS["川上町"][1],
                "川上 north-east (奥川上)": ZONE_SEEDS["川上町"][2]}
    vrows = []
    for name, seed in kawakami.items():
        mine = [(t, c) for t, c in vt if min(kawakami.values(), key=lambda s_: math.dist(c["p"], s_)) == seed]
        vrows.append((name, len(mine), fmt(sum(c["pop"] for _, c in mine)), f"{min(t for t, _ in mine):.1f}", f"{max(t for t, _ in mine):.1f}",
                      sum(t > 40 for t, _ in mine)))
    disc = A["disc"]
    yam = A["yamabuki"]
    kit, klist = A["hokubu"]
    cp = A["cell_pairs"]
    worst = cp[0]
    fp = A["river_pairs"][0]
    isl = A["island"]
    far_cells = [(d, c) for d, c in cells if d > 300]
    far1k = [(d, c) for d, c in cells if d > 1000]
    fac300 = [(d, f) for d, f in facs if d > 300]
    moved = [f for f in town.facilities if "街区" in f["note"]]
    swapped = [f for f in town.facilities if "swapped" in f["note"]]
    lines = [f"""# みさき市 road network (fictional, OpenStreetMap XML 0.6)

`misaki_roads.osm` is an invented road network for the fictional sample town みさき市, written in the layout of a real
OpenStreetMap XML export so that careatlas's OSM importer and drive-time analysis can run on the sample project. It is
**not OpenStreetMap data** (nothing in it comes from OSM; only the format does). Attribution to print when it is used:
「{ATTRIBUTION}」 (careatlas would otherwise print the OSM default, © OpenStreetMap contributors).

Written, with this README, by `sample_data/generate_sample_roads.py` (Python 3 standard library only, seed {SEED};
two runs give byte-identical files). It reads the town's files (district outlines, coast, rivers `W05`, pond, railways
`N02`, populated cells, facilities) and writes only this folder. Every figure below is computed by the script on the
file it writes.

## The file

- `<?xml version='1.0' encoding='UTF-8'?>`, `<osm version="0.6" generator="{GENERATOR}">`, one `<bounds>` (the town's
  extent, island included), then every `<node id lat lon version timestamp changeset uid user>` in id order, then every
  `<way>` in id order with its `<nd ref>` and `<tag k v>` (tags sorted by key); coordinates with 7 decimals (JGD2011 /
  WGS 84 lon/lat); UTF-8, LF, two-space indentation. No relations.
- **{len(nodes):,} nodes, {len(ways)} ways, {size:,} bytes.** Every `nd ref` resolves to a node of the file; every node is used by a way.
- Ids, versions, users and changesets imitate real data: node and way ids grow with the (invented) creation time, as
  the OSM counters did; {len(USERS)} invented users; timestamps from {stamp(min(e['t'] for e in list(nodes.values()) + ways))[:10]}
  to {stamp(max(e['t'] for e in list(nodes.values()) + ways))} (the newest object, i.e. the edition careatlas reads; the project's
  edition is 2026-04-01).
- Like a real municipal extract, 国道247号 runs on beyond the town's land border at both ends (its nodes outside `<bounds>`).

## Ways by class

Default speeds are careatlas's (km/h, `engine/model/src/road_network.cpp`); footways, steps, paths, ways under
construction and `access=private` ways are not routed, ferries only when the project turns them on. Lengths from the
rounded coordinates (GRS80 metres per degree at each segment's latitude).

{md_table(["class", "ways", "km", "speed", "what"], rows)}

Drivable (the road classes with a speed, the private road excepted; no ferry): {drive_km:.1f} km. Named roads: 国道247号 (`ref=247`,
`name:en`), 県道31/32/33号 (primary) and 301–304号, 412号 (secondary), with `ref` and `name` like `県道31号みさき北山線`;
the 市道 carry names like `市道杉平線`; grid streets and rural roads are unnamed, as most are in Japan.

## Rivers and bridges

Roads cross the rivers of `context/W05-08_23_Stream_misaki.geojson` only at bridge ways (`bridge=yes`, `layer=1`,
`bridge:name`; the road's own tags otherwise): the script splits a road where it crosses a river and checks, on the
rounded coordinates, that no other way crosses one. The bridges:

{md_table(["bridge:name", "river", "class", "road", "length m", "way id"], bridges)}

So the roads have {len(road_bridges)} bridges: みさき川 {sum(1 for b in road_bridges if b[1] == "みさき川")} ({", ".join(b[0] for b in road_bridges if b[1] == "みさき川")}) and 大谷川
{sum(1 for b in road_bridges if b[1] == "大谷川")} ({", ".join(b[0] for b in road_bridges if b[1] == "大谷川")}); in the town (south of 山吹) only みさき大橋 on the coast and 平井橋
{fmt(dist_m(*to_ll(town_point(chk, "みさき大橋")), *to_ll(town_point(chk, "平井橋"))))} m further north cross みさき川. Places close across the river are far by road:

- Neighbouring cells across みさき川: {len(cp)} pairs of populated cells ≤ 1.1 km apart whose centres lie on opposite
  banks (south of 大谷川); by road (the off-road legs included) their median distance is
  {sorted(r[0] / r[1] for r in cp)[len(cp) // 2]:.1f} × the straight line, the worst {worst[0] / worst[1]:.1f} ×: cells
  `{worst[2]["code"]}` ({zone_of(worst[2])}, {DNAME[worst[2]["kid"]]}) and `{worst[3]["code"]}` ({zone_of(worst[3])},
  {DNAME[worst[3]["kid"]]}), {fmt(worst[1])} m apart, are {fmt(worst[0])} m apart by road ({A["worst_minutes"]:.1f} min).
- Facilities: {fp[5]["name"]} ({DNAME[fp[5]["kid"]]}) and {fp[6]["name"]} ({DNAME[fp[6]["kid"]]}), {fmt(fp[1])} m
  apart, are {fmt(fp[2])} m ({fp[3]:.1f} min) apart by road; over the 野田新橋 now under construction (県道305号) it would be {fmt(fp[4])} m.
- 元町人道橋 is a footbridge (`highway=footway`): a shortcut for walkers only — if an importer kept footways, the detour would vanish.

## The mountain valley (山間部圏域)

県道412号山吹川上線 (secondary) is the only road up the valley: from 県道33号 at 平井 (北部) over 大谷橋 to 山吹 at the
valley mouth, then — みさき川 runs through a gorge there — over 川上峠 (node `natural=saddle`) in {V["hairpins"]} hairpin
bends with `maxspeed=30`, and up the east bank to 川上. Two 市道 continue to the other villages (one over 川上橋), and
dead-end 林道 (`highway=track`) reach into the mountains; the mountains themselves have no roads.

| stretch | vertices | road m | straight m | ratio |
|---|---|---|---|---|
| whole road, 平井 → 川上 | {V["vertices"]} | {fmt(V["total"])} | {fmt(V["total_straight"])} | {V["total"] / V["total_straight"]:.2f} |
| 山吹 (nearest the 山吹診療所) → 川上 | {V["upper_vertices"]} | {fmt(V["upper"])} | {fmt(V["upper_straight"])} | {V["upper"] / V["upper_straight"]:.2f} |
| the pass (川上峠, {V["hairpins"]} hairpins) | – | {fmt(V["pass_len"])} | {fmt(V["pass_straight"])} | {V["pass_len"] / V["pass_straight"]:.2f} |

Drive times to the {len(vt)} valley cells (north of {VALLEY_LAT:.2f} N; {fmt(sum(c["pop"] for _, c in vt))} people) from the nearest clinic or
hospital, computed as careatlas does (default class speeds, capped by `maxspeed`; each point joins the nearest routable
segment within 1 km by an off-road leg at 5 km/h; ferries off):

{md_table(["village", "cells", "people", "min", "max", "cells > 40 min"], vrows)}

The nearest clinics are the two at the valley mouth (山吹診療所, 杉平内科 over 山吹橋). The straight-line picture
misleads: **the 16 km disc of the {yam["name"]}** (careatlas's default radius for home-visit clinics) covers all
{sum(d <= 16000 for d, _, _ in disc)} valley cells ({fmt(min(d for d, _, _ in disc))}–{fmt(max(d for d, _, _ in disc))} m away), yet
by road they are {min(t for _, t, _ in disc):.1f}–{max(t for _, t, _ in disc):.1f} min from it; every cell north of 川上
(the 市道 junction) is more than 40 minutes from the nearest clinic. No 北部 clinic's 16 km disc reaches the valley:
the nearest, {kit["name"]}, is {fmt(min(d for d, _, _ in klist))} m from the nearest valley cell and
{min(t for _, t, _ in klist):.1f}–{max(t for _, t, _ in klist):.1f} min from the valley cells by road. みさき川渓谷遊歩道 (`highway=path`)
runs through the gorge beside the pass: a path, not a road (it must not be routed).

## 鵜島 and the ferry

No bridge: `route=ferry`, `motor_vehicle=yes`, `foot=yes`, `name=鵜島航路` (way {wid(A["ferry"])}, {fmt(A["ferry_m"])} m, {A["ferry_m"] / 1000 / SPEEDS["ferry"] * 60:.0f} min at careatlas's
20 km/h) runs from the pier at the end of 港通り (港町, 南部圏域) round the peninsula to the island, whose two residential
roads it joins. With ferries off (careatlas's default) the island's road piece has no facility and no link:
{"its populated cell" if len(isl) == 1 else f"its {len(isl)} populated cells"} ({fmt(sum(c["pop"] for _, _, c in isl))} people)
{"attaches" if len(isl) == 1 else "attach"} to the island's roads (the nearest mainland road is {fmt(extra["island_gap"])} m away, beyond the 1 km limit) and
cannot be reached from any facility; with ferries on, the nearest clinic is {min(t for _, t, _ in isl):.1f} min away.

## Planted for the importer

| what | way ids | tags | careatlas should |
|---|---|---|---|
| dual carriageway: 国道247号 through 中央 | {wid(extra["dual"][0])}, {wid(extra["dual"][1])} | `oneway=yes`, `maxspeed=50`, 24 m apart, north way eastbound (left-hand traffic) | route each way one direction; cross streets join both |
| roundabout north of みさき駅 (駅前町) | {wid(extra["roundabout"])} | `highway=primary`, `junction=roundabout`, closed, clockwise; 県道31号, 32号 and 駅西通り meet it | treat as oneway (implied) |
| oneway streets in 中央 | {", ".join(str(wid(w)) for w in extra["oneways"])} | `oneway=yes`, `oneway=yes`, `oneway=-1` | route against the node order for `-1` |
| maxspeed | {", ".join(f"{v}: {n}" for v, n in extra["maxspeeds"])} ways | `maxspeed=30` (川上峠, 4 streets of 中央), `40` (県道31号 south), `50` (dual carriageway), `60` (国道247号) | cap the class speed (30 on the pass is below secondary's 35) |
| private shortcut through みさき化成工業 | {wid(F["road"])} | `highway=service`, `access=private`; gate nodes {", ".join(str(extra["gate_ids"][k]) for k in range(2))} (`barrier=gate`, `access=private`) | skip it: it would save {F["saving"]:.1f} min between two public roads {fmt(F["straight_km"] * 1000)} m apart |
| road under construction | {", ".join(str(wid(w)) for w in extra["construction"])} | `highway=construction`, `construction=secondary`, `name=県道305号`, with 野田新橋 (`bridge=yes`) | skip (count as skipped) |
| footways, steps, path | {", ".join(str(wid(w)) for w in extra["foot"])} | `footway` (元町人道橋 with `bridge=yes`, the station, 大池周遊路 closed, its link), `steps` 天神坂, `path` みさき川渓谷遊歩道 | skip |
| ferry | {wid(A["ferry"])} | `route=ferry`, `motor_vehicle=yes` | class ferry, used only with ferries on |
| buildings | {", ".join(str(wid(w)) for w in extra["buildings"])} | `building=yes`, closed ways (みさき駅, みさき市民病院, 3 of みさき化成工業, 2 houses on 鵜島) | not roads: skip |
| tagged nodes | – | {extra["signals"]} × `highway=traffic_signals` (国道247号 and 県道 junctions), 2 gates, `natural=saddle` 川上峠 | ignore node tags |
| way leaving the town | {", ".join(str(wid(w)) for w in extra["leaves"])} | 国道247号 runs on into the neighbouring towns | keep (nodes outside `<bounds>` are normal) |

The grids lose a few block sides (at random, never one that would cut the network), so their streets are several ways
each and have T-junctions, as real grids do. Every crossing of two ways is a shared node (at grade; the only
`layer=1` ways are the bridges, and nothing crosses them).

## Checks (made by the script on the written coordinates)

| check | result |
|---|---|
| populated cell centroids farther than 1 km from a drivable road (careatlas's snap limit) | {len(far1k)} of {len(cells)} |
| … farther than 300 m | {len(far_cells)} of {len(cells)} ({fmt(sum(c["pop"] for _, c in far_cells))} people); farthest {fmt(max(d for d, _ in cells))} m |
| facilities farther than 300 m from a drivable road | {len(fac300)} of {len(facs)} (farthest {fmt(max(d for d, _ in facs))} m) |
| cells and facilities whose nearest road lies across a river or the pond | {extra["across"][0]} cells, {extra["across"][1]} facilities (and the {len(extra["across"][2])} cells whose centre lies in the pond 大池) |
| segments crossing a river outside a bridge way | 0 |
| crossings of two ways without a shared node; way ends within 3 m of another way but not joined | 0; 0 |
| ways crossing the coast (the ferry excepted) / the land border (国道247号 excepted) | 0 / 0 |
| buildings touching a way | 0 |
| drivable network: pieces; every node reaches every other (oneways included) | {extra["pieces"]} (the mainland and 鵜島); yes |
| `nd ref` without a node (the file parsed back); nodes used by no way | {extra["xml"]["missing"]} of {extra["xml"]["refs"]:,}; 0 |

Facilities are taken at their published points (`kaigo/*.csv`, `iryo/*facility_info*.csv`, `support_centres.csv`;
{", ".join(f["name"] for f in swapped)} with 緯度/経度 swapped back); the {len(moved)} without a usable point are taken at their
街区 row, as careatlas locates them: {"; ".join(f"{f['name']} ({f['note'].split(':')[0]})" for f in moved)}.
The pond 大池 (`context/misaki_water.geojson`) covers the centres of {len(extra["across"][2])} populated cells
({", ".join(f"`{c['code']}`" for c in extra["across"][2])}): careatlas attaches them to the nearest road across the water.
To check with osmium-tool: `osmium fileinfo -e misaki_roads.osm` (XML, objects ordered by type and id, no relations)
and `osmium check-refs misaki_roads.osm` (no missing nodes).
"""]
    with open(os.path.join(OUT, "README.md"), "wb") as f:
        f.write("".join(lines).encode("utf-8"))


def town_point(chk, bname):
    w = next(w for w, _ in chk["bridges"] if w.tags.get("bridge:name") == bname)
    return to_km(*w.keys[len(w.keys) // 2])


def set_keys(net):
    for w in net.ways:
        w.keys = [key(p) for p in w.pts]


def node_tags(nodes, net, R, F):
    """Traffic signals where 国道247号 meets a 県道 or 市道 and where two 県道 meet; the factory gates; 川上峠."""
    owners = {}
    for w in net.ways:
        if w.kind == "road" and w.group != "roundabout":
            for k in dict.fromkeys(w.keys):
                owners.setdefault(k, []).append((w.hw, w.tags.get("name", "")))
    signals = 0
    for k, through in owners.items():
        hws = [h for h, _ in through]
        kenpo = {n for h, n in through if h in ("primary", "secondary")}
        if ("trunk" in hws and any(h in ("primary", "secondary", "tertiary") for h in hws)) or len(kenpo) >= 2:
            nodes[k]["tags"]["highway"] = "traffic_signals"
            signals += 1
    for gte in F["gates"]:
        nodes[key(gte)]["tags"].update({"barrier": "gate", "access": "private"})
    nodes[key(R["pass_top"])]["tags"].update({"natural": "saddle", "name": "川上峠"})
    return signals


def main():
    rng = random.Random(SEED)
    town = Town()
    net = Net(town)
    R = named_roads(rng, net, town)
    V = valley_road(R, town)
    extend_dangles(net, town, grids(rng, net, town))
    rural_roads(rng, net, town)
    spurs(rng, net, town)
    planted(rng, net, town, R)
    split_bridges(net, town)
    node_ways(net.ways)
    while fix_dangles(net):
        node_ways(net.ways)
    set_keys(net)
    F = factory(rng, net, town)
    node_ways(net.ways)
    set_keys(net)
    thin_grids(rng, net)
    ow, z30 = oneways(net)
    assert strongly_connected(net.ways)
    chk = check_network(net, town)
    cells, facs, island_gap, across = coverage(net, town)
    A = analyse(net, town)
    A["ferry"] = next(w for w in net.ways if w.kind == "ferry")
    pieces = len(Graph(net.ways).components())
    # the stories hold
    vt = A["valley"]
    jk_lat = to_ll(R["s412b"].pts[-1])[1]
    assert all(t > 35 for t, _ in vt) and all(t > 40 for t, c in vt if c["lat"] > jk_lat), [(round(t, 1), c["code"]) for t, c in vt]
    assert all(d <= 16000 and t > 35 for d, t, _ in A["disc"])
    assert A["cell_pairs"][0][0] / A["cell_pairs"][0][1] > 5
    assert all(t0 == math.inf and t1 < 60 for t0, t1, _ in A["island"])
    assert sum(d > 1000 for d, _ in cells) == 0 and sum(d > 300 for d, _ in facs) == 0 and across[:2] == (0, 0)
    assert sum(d > 300 for d, _ in cells) < 0.15 * len(cells)
    assert pieces == 2
    nodes, ways = assign_ids(rng, net.ways)
    signals = node_tags(nodes, net, R, F)
    lons, lats = zip(*(to_ll(p) for p in town.main + town.island))
    bounds = (min(lats), min(lons), max(lats), max(lons))
    data = osm_xml(nodes, ways, bounds, GENERATOR)
    os.makedirs(OUT, exist_ok=True)
    with open(os.path.join(OUT, OSM_NAME), "wb") as f:
        f.write(data)
    X = verify_xml(data)
    ids = {id(e["way"]): e["id"] for e in ways}
    ms = {}
    for w in net.ways:
        if "maxspeed" in w.tags:
            ms[w.tags["maxspeed"]] = ms.get(w.tags["maxspeed"], 0) + 1
    extra = dict(xml=X, island_gap=island_gap, across=across, pieces=pieces, signals=signals,
                 dual=[w for w in net.ways if w.group == "dual"], roundabout=next(w for w in net.ways if w.group == "roundabout"),
                 oneways=ow, maxspeeds=sorted(ms.items(), key=lambda kv: int(kv[0])),
                 gate_ids=[nodes[key(g)]["id"] for g in F["gates"]],
                 construction=[w for w in net.ways if w.kind == "construction"],
                 foot=[w for w in net.ways if w.kind == "foot"], buildings=[w for w in net.ways if w.kind == "building"],
                 leaves=chk["border"])
    write_readme(net, town, V, A, F, chk, cells, facs, ids, nodes, ways, len(data), extra)
    far = sum(d > 300 for d, _ in cells)
    print(f"wrote {OUT}: {OSM_NAME} ({len(nodes)} nodes, {len(ways)} ways, {len(data)} bytes) and README.md")
    print(f"checks: cells beyond 1 km {sum(d > 1000 for d, _ in cells)}, beyond 300 m {far} of {len(cells)}; "
          f"facilities beyond 300 m {sum(d > 300 for d, _ in facs)} of {len(facs)}; river crossings outside bridges 0; "
          f"bridges {len(chk['bridges'])}")
    print(f"valley road {V['total'] / 1000:.1f} km for {V['total_straight'] / 1000:.1f} km straight; 山吹 → 川上 "
          f"{V['upper'] / 1000:.1f} km for {V['upper_straight'] / 1000:.1f} km; valley cells {min(t for t, _ in vt):.1f}–"
          f"{max(t for t, _ in vt):.1f} min from the nearest clinic")


if __name__ == "__main__":
    main()
