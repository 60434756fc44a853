"""Generic helpers for generate_sample_roads.py (Python 3 standard library only, no randomness of its own).

- planar geometry on km points (the town's local frame): segment intersection, projection, polylines;
- SegIndex: bucketed segments for nearest-point and crossing queries;
- node_ways: every crossing of two ways (and every way end lying on another) becomes a shared node;
- Graph: drive times over the final ways the way careatlas computes them (engine/routing/road_graph.hpp): class
  speeds capped by maxspeed, oneway, anchors joined to the nearest routable segment within 1 km by an off-road leg at
  5 km/h, pieces of fewer than 100 nodes used only when nothing else is near, ferries off unless asked;
- OSM XML 0.6: the writer (the layout of a real export) and a parse-back check.
The ways are duck-typed: kind (road | foot | construction | ferry | building), tags, pts (km), keys (rounded lon/lat),
hw, drivable.
"""
import datetime, heapq, math

from sample_town_helpers import to_ll, to_km, dist_m

# careatlas's default speeds (engine/model/src/road_network.cpp), km/h; ferries are off by default
SPEEDS = {"motorway": 80, "trunk": 50, "primary": 40, "secondary": 35, "tertiary": 30, "unclassified": 20,
          "residential": 20, "living_street": 10, "service": 15, "track": 10, "ferry": 20}
OFFROAD_KMH, SNAP_MAX_KM, SMALL_COMPONENT = 5.0, 1.0, 100     # careatlas RoadSpeeds defaults, kSmallComponentNodes


# ----------------------------------------------------------------------------- planar geometry (km)
def seg_params(a, b, c, d):
    """(t, u) with a + t (b - a) = c + u (d - c) for non-parallel segments, else None."""
    rx, ry, sx, sy = b[0] - a[0], b[1] - a[1], d[0] - c[0], d[1] - c[1]
    den = rx * sy - ry * sx
    if abs(den) < 1e-14:
        return None
    qx, qy = c[0] - a[0], c[1] - a[1]
    return (qx * sy - qy * sx) / den, (qx * ry - qy * rx) / den


def seg_hit(a, b, c, d, eps=1e-9):
    p = seg_params(a, b, c, d)
    return p is not None and -eps <= p[0] <= 1 + eps and -eps <= p[1] <= 1 + eps


def project(p, a, b):
    """Nearest point to p on segment ab and its parameter."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    L2 = dx * dx + dy * dy
    t = 0.0 if L2 == 0 else max(0.0, min(1.0, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / L2))
    return (a[0] + t * dx, a[1] + t * dy), t


def length(pts):
    return sum(math.dist(p, q) for p, q in zip(pts, pts[1:]))


def lerp(p, q, t):
    return (p[0] + (q[0] - p[0]) * t, p[1] + (q[1] - p[1]) * t)


def chaikin(pts, rounds=2):
    """Corner cutting (endpoints kept): smooth curves through waypoint polylines."""
    for _ in range(rounds):
        out = [pts[0]]
        for p, q in zip(pts, pts[1:]):
            out += [lerp(p, q, 0.25), lerp(p, q, 0.75)]
        pts = out + [pts[-1]]
    return pts


def densify(pts, step):
    out = [pts[0]]
    for p, q in zip(pts, pts[1:]):
        n = max(1, math.ceil(math.dist(p, q) / step))
        out += [lerp(p, q, k / n) for k in range(1, n + 1)]
    return out


def at_length(pts, s):
    """Point at arc length s along pts, and the index of the segment it lies on."""
    for i, (p, q) in enumerate(zip(pts, pts[1:])):
        L = math.dist(p, q)
        if s <= L or i == len(pts) - 2:
            return lerp(p, q, min(1.0, s / L if L else 0.0)), i
        s -= L


def offset_line(pts, d):
    """Polyline offset by d km to the left of its direction (vertex normals)."""
    out = []
    for i, p in enumerate(pts):
        a, b = pts[max(0, i - 1)], pts[min(len(pts) - 1, i + 1)]
        L = math.dist(a, b)
        out.append((p[0] - d * (b[1] - a[1]) / L, p[1] + d * (b[0] - a[0]) / L))
    return out


class SegIndex:
    """Bucketed segments (km) for nearest-point and crossing queries."""

    def __init__(self, cell=0.25):
        self.cell, self.b, self.n = cell, {}, 0

    def _keys(self, x0, y0, x1, y1):
        c = self.cell
        return [(i, j) for i in range(math.floor(x0 / c), math.floor(x1 / c) + 1)
                for j in range(math.floor(y0 / c), math.floor(y1 / c) + 1)]

    def add(self, a, b, item):
        self.n += 1
        e = (self.n, a, b, item)
        for k in self._keys(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
            self.b.setdefault(k, []).append(e)

    def add_line(self, pts, item):
        for i, (a, b) in enumerate(zip(pts, pts[1:])):
            self.add(a, b, (item, i))

    def query(self, x0, y0, x1, y1):
        seen, out = set(), []
        for k in self._keys(x0, y0, x1, y1):
            for e in self.b.get(k, ()):
                if e[0] not in seen:
                    seen.add(e[0])
                    out.append(e)
        out.sort(key=lambda e: e[0])
        return out

    def near(self, p, r):
        return self.query(p[0] - r, p[1] - r, p[0] + r, p[1] + r)

    def dist(self, p, r=2.0, pred=None):
        best = (math.inf, None, None)
        for _, a, b, item in self.near(p, r):
            if pred is None or pred(item):
                q, _ = project(p, a, b)
                d = math.dist(p, q)
                if d < best[0]:
                    best = (d, q, item)
        return best

    def crosses(self, a, b, pred=None):
        for _, c, d, item in self.query(min(a[0], b[0]), min(a[1], b[1]), max(a[0], b[0]), max(a[1], b[1])):
            if (pred is None or pred(item)) and seg_hit(a, b, c, d):
                return item
        return None


def crosses_line(a, b, line):
    return any(seg_hit(a, b, c, d) for c, d in zip(line, line[1:]))


def overlap(a, b, c, d):
    """Parallel segments ab, cd lie on one line and share more than a point."""
    L = math.dist(a, b)
    if L == 0:
        return False
    off = lambda q: abs((b[0] - a[0]) * (q[1] - a[1]) - (b[1] - a[1]) * (q[0] - a[0])) / L
    if off(c) > 1e-9 or off(d) > 1e-9:
        return False
    t = sorted(((q[0] - a[0]) * (b[0] - a[0]) + (q[1] - a[1]) * (b[1] - a[1])) / (L * L) for q in (c, d))
    return min(1.0, t[1]) - max(0.0, t[0]) > 1e-9



# ----------------------------------------------------------------------------- nodes
def key(p):
    return to_ll(p)


def node_ways(ways, eps=1e-9):
    """Insert, into both ways, every point where two segments cross or one way's vertex lies on another's segment,
    so that every crossing is a shared node (the same float tuple, hence the same rounded coordinates)."""
    live = [w for w in ways if w.kind != "building"]
    segs, buckets = [], {}
    for wi, w in enumerate(live):
        for si, (a, b) in enumerate(zip(w.pts, w.pts[1:])):
            k = len(segs)
            segs.append((wi, si, a, b))
            for gx in range(math.floor(min(a[0], b[0]) / 0.2), math.floor(max(a[0], b[0]) / 0.2) + 1):
                for gy in range(math.floor(min(a[1], b[1]) / 0.2), math.floor(max(a[1], b[1]) / 0.2) + 1):
                    buckets.setdefault((gx, gy), []).append(k)
    ins = [[] for _ in live]
    done = set()
    for lst in buckets.values():
        for x in range(len(lst)):
            for y in range(x + 1, len(lst)):
                k1, k2 = lst[x], lst[y]
                if (k1, k2) in done:
                    continue
                done.add((k1, k2))
                wi, si, a, b = segs[k1]
                wj, sj, c, d = segs[k2]
                if wi == wj:
                    n = len(live[wi].pts) - 1
                    if abs(si - sj) <= 1 or (live[wi].pts[0] == live[wi].pts[-1] and {si, sj} == {0, n - 1}):
                        continue
                P = seg_params(a, b, c, d)
                if P is None:
                    assert not overlap(a, b, c, d), ("overlap", live[wi].tags, live[wj].tags)
                    continue
                t, u = P
                if not (-eps <= t <= 1 + eps and -eps <= u <= 1 + eps):
                    continue
                end_t, end_u = t < eps or t > 1 - eps, u < eps or u > 1 - eps
                if end_t and end_u:
                    continue
                if end_t:
                    ins[wj].append((sj, u, a if t < 0.5 else b))
                elif end_u:
                    ins[wi].append((si, t, c if u < 0.5 else d))
                else:
                    pt = (a[0] + t * (b[0] - a[0]), a[1] + t * (b[1] - a[1]))
                    ins[wi].append((si, t, pt))
                    ins[wj].append((sj, u, pt))
    for wi, w in enumerate(live):
        extra = sorted(ins[wi])
        new, j = [], 0
        for si, p in enumerate(w.pts):
            new.append(p)
            while j < len(extra) and extra[j][0] == si:
                new.append(extra[j][2])
                j += 1
        w.pts = [p for k, p in enumerate(new) if k == 0 or key(p) != key(new[k - 1])]


# ----------------------------------------------------------------------------- drive times (careatlas's model)
def way_speed(w, construction=False):
    hw = w.hw if w.hw != "construction" else (w.tags["construction"] if construction else "")
    if w.kind not in ("road", "ferry") and not (construction and w.kind == "construction"):
        return 0
    if w.tags.get("access") in ("private", "no") or hw not in SPEEDS:
        return 0
    v = SPEEDS[hw]
    if "maxspeed" in w.tags:
        v = min(v, float(w.tags["maxspeed"]))
    return v


class Graph:
    """The routable graph over the final ways: one edge per node pair of a kept way, minutes = length / speed
    (class speed capped by maxspeed), oneway respected; anchors join the nearest point of the nearest routable
    segment within 1 km by an off-road leg at 5 km/h."""

    def __init__(self, ways, ferries=False, construction=False, km=False):
        self.km = km                        # edge weights in km instead of minutes (off-road legs too)
        self.ids, self.pt, self.ll, self.adj = {}, [], [], []
        self.segs = SegIndex(0.25)
        for w in ways:
            v = way_speed(w, construction)
            if w.kind == "ferry" and not ferries:
                v = 0
            if v <= 0:
                continue
            ow = w.tags.get("oneway", "yes" if w.tags.get("junction") == "roundabout" else "no")
            fwd, bwd = ow != "-1", ow != "yes"
            ix = [self._node(k) for k in w.keys]
            for u, x in zip(ix, ix[1:]):
                m = dist_m(*self.ll[u], *self.ll[x]) / 1000 / (1 if km else v / 60)
                if fwd:
                    self.adj[u].append((x, m))
                if bwd:
                    self.adj[x].append((u, m))
                self.segs.add(self.pt[u], self.pt[x], (u, x, m, fwd, bwd, w))
        comps = self.components()
        self.small = [False] * len(self.pt)
        for comp in comps[1:]:
            if len(comp) < SMALL_COMPONENT:
                for n in comp:
                    self.small[n] = True

    def _node(self, k):
        if k not in self.ids:
            self.ids[k] = len(self.pt)
            self.pt.append(to_km(*k))
            self.ll.append(k)
            self.adj.append([])
        return self.ids[k]

    def snap(self, p):
        """(off-road km, u, x, share of the edge from u, edge minutes, fwd, bwd) or None beyond 1 km."""
        best = [None, None]                 # on the main pieces, on small pieces (used only when nothing else is near)
        for _, a, b, (u, x, m, fwd, bwd, w) in self.segs.near(p, SNAP_MAX_KM):
            q, t = project(p, a, b)
            d, k = math.dist(p, q), int(self.small[u])
            if d <= SNAP_MAX_KM and (best[k] is None or d < best[k][0]):
                best[k] = (d, u, x, t, m, fwd, bwd)
        return best[0] or best[1]

    def times(self, sources, limit=math.inf):
        """Minutes from the nearest of the source points (km) to every graph node (inf beyond limit)."""
        dist = [math.inf] * len(self.pt)
        heap = []
        for p in sources:
            s = self.snap(p)
            if s is None:
                continue
            d, u, x, t, m, fwd, bwd = s
            leg = d if self.km else d / OFFROAD_KMH * 60
            for node, cost, ok in ((x, (1 - t) * m, fwd), (u, t * m, bwd)):
                if ok and leg + cost < dist[node]:
                    dist[node] = leg + cost
                    heapq.heappush(heap, (dist[node], node))
        while heap:
            d, n = heapq.heappop(heap)
            if d > dist[n]:
                continue
            if d > limit:
                break
            for x, m in self.adj[n]:
                if d + m < dist[x]:
                    dist[x] = d + m
                    heapq.heappush(heap, (d + m, x))
        return dist

    def time_to(self, dist, p):
        s = self.snap(p)
        if s is None:
            return math.inf
        d, u, x, t, m, fwd, bwd = s
        return (d if self.km else d / OFFROAD_KMH * 60) + min(dist[u] + t * m if fwd else math.inf, dist[x] + (1 - t) * m if bwd else math.inf)

    def components(self):
        """Weakly connected pieces: list of node lists, largest first."""
        seen, comps = [False] * len(self.pt), []
        und = [[] for _ in self.pt]
        for n, lst in enumerate(self.adj):
            for x, _ in lst:
                und[n].append(x)
                und[x].append(n)
        for s0 in range(len(self.pt)):
            if seen[s0]:
                continue
            stack, comp = [s0], []
            seen[s0] = True
            while stack:
                n = stack.pop()
                comp.append(n)
                for x in und[n]:
                    if not seen[x]:
                        seen[x] = True
                        stack.append(x)
            comps.append(comp)
        return sorted(comps, key=lambda c: (-len(c), c[0]))


# ----------------------------------------------------------------------------- OSM XML 0.6
def stamp(t):
    return datetime.datetime.fromtimestamp(t, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def xml_attr(s):
    return str(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def meta(e):
    return (f'version="{e["version"]}" timestamp="{stamp(e["t"])}" changeset="{e["changeset"]}" '
            f'uid="{e["user"][1]}" user="{xml_attr(e["user"][0])}"')


def osm_xml(nodes, ways, bounds, generator):
    lines = ["<?xml version='1.0' encoding='UTF-8'?>", f'<osm version="0.6" generator="{generator}">',
             '  <bounds minlat="%.7f" minlon="%.7f" maxlat="%.7f" maxlon="%.7f"/>' % bounds]
    for n in sorted(nodes.values(), key=lambda n: n["id"]):
        head = f'  <node id="{n["id"]}" lat="{n["lat"]:.7f}" lon="{n["lon"]:.7f}" {meta(n)}'
        if n["tags"]:
            lines.append(head + ">")
            lines += [f'    <tag k="{xml_attr(k)}" v="{xml_attr(v)}"/>' for k, v in sorted(n["tags"].items())]
            lines.append("  </node>")
        else:
            lines.append(head + "/>")
    for e in sorted(ways, key=lambda e: e["id"]):
        lines.append(f'  <way id="{e["id"]}" {meta(e)}>')
        lines += [f'    <nd ref="{nodes[k]["id"]}"/>' for k in e["way"].keys]
        lines += [f'    <tag k="{xml_attr(k)}" v="{xml_attr(v)}"/>' for k, v in sorted(e["way"].tags.items())]
        lines.append("  </way>")
    lines.append("</osm>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def verify_xml(data):
    """Parse the written file back (xml.etree): element order, ids sorted, every nd ref a node, every node used."""
    import xml.etree.ElementTree as ET
    root = ET.fromstring(data)
    assert root.tag == "osm" and root.get("version") == "0.6" and root[0].tag == "bounds"
    kinds = [e.tag for e in root[1:]]
    assert kinds == sorted(kinds, key=lambda t: ("node", "way").index(t))
    nids = [int(e.get("id")) for e in root.iter("node")]
    wids = [int(e.get("id")) for e in root.iter("way")]
    assert nids == sorted(set(nids)) and wids == sorted(set(wids))
    for w in root.iter("way"):
        r = [nd.get("ref") for nd in w.iter("nd")]
        assert len(r) >= 2 and all(a != b for a, b in zip(r, r[1:])), w.get("id")       # no one-node way, no repeated node
        assert r[0] != r[-1] or len(r) >= 4, w.get("id")                                   # a closed way is a ring
    refs = [int(nd.get("ref")) for nd in root.iter("nd")]
    missing = len(set(refs) - set(nids))
    assert missing == 0 and set(nids) == set(refs)
    return dict(nodes=len(nids), ways=len(wids), refs=len(refs), missing=missing)
