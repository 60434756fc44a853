"""Generic helpers for generate_sample_town.py (Python 3 standard library only, no randomness of its own).

- the local frame: x km east / y km north of (LON0, LAT0), and metre distances between lon/lat points;
- planar geometry on lon/lat or km points: wiggled edges, star-shaped blobs, point in ring, areas, crossings;
- JIS X 0410 half-mesh (500 m) codes and cell centres;
- number and text formats: 6-digit municipality code, 法人番号 check digit, minimal CSV quoting, HH:MM.
"""
import math

LON0, LAT0, KM_LON, KM_LAT = 137.28, 34.80, 91.29, 110.95   # local frame: x km east, y km north


# ----------------------------------------------------------------------------- frame and distances
def to_ll(p):
    return (round(LON0 + p[0] / KM_LON, 7), round(LAT0 + p[1] / KM_LAT, 7))


def to_km(lon, lat):
    return ((lon - LON0) * KM_LON, (lat - LAT0) * KM_LAT)


def dist_m(lon1, lat1, lon2, lat2):
    """Straight-line distance in metres: equirectangular, with the GRS80 metres per degree at the pair's mean
    latitude (for points up to ~50 km apart in central Japan it agrees with a plane-rectangular projection
    to about 0.01 %)."""
    phi = math.radians((lat1 + lat2) / 2)
    m_lat = 111132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
    m_lon = 111412.84 * math.cos(phi) - 93.5 * math.cos(3 * phi) + 0.118 * math.cos(5 * phi)
    return math.hypot((lon2 - lon1) * m_lon, (lat2 - lat1) * m_lat)


# ----------------------------------------------------------------------------- planar geometry
def wiggle(rng, p, q, seg_km, amp, beta):
    """Polyline p -> q: a smooth random offset normal to the chord (a function graph over it)."""
    L = math.dist(p, q)
    n = max(2, round(L / seg_km))
    coef = [rng.uniform(-1, 1) / k ** beta for k in range(1, max(1, min(30, n // 2)) + 1)]
    scale = amp * L / sum(abs(c) for c in coef)
    ux, uy = (q[0] - p[0]) / L, (q[1] - p[1]) / L
    pts = [p]
    for i in range(1, n):
        t = i / n
        d = scale * min(1.0, 4 * t, 4 * (1 - t)) * sum(c * math.sin(k * math.pi * t) for k, c in enumerate(coef, 1))
        pts.append((p[0] + ux * L * t - uy * d, p[1] + uy * L * t + ux * d))
    return pts + [q]


def blob(rng, cx, cy, rx, ry, n, jitter):
    """Closed star-shaped (hence simple) CCW ring around (cx, cy), in lon/lat."""
    pts = [to_ll((cx + rx * r * math.cos(t), cy + ry * r * math.sin(t)))
           for t, r in ((2 * math.pi * k / n, 1 + rng.uniform(-jitter, jitter)) for k in range(n))]
    return pts + pts[:1]


def in_ring(x, y, ring):
    inside = False
    for (x1, y1), (x2, y2) in zip(ring, ring[1:]):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def ring_area_km2(ring):
    pts = [to_km(*p) for p in ring]
    return sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in zip(pts, pts[1:])) / 2


def seg_dist(px, py, x1, y1, x2, y2):
    dx, dy = x2 - x1, y2 - y1
    t = max(0.0, min(1.0, ((px - x1) * dx + (py - y1) * dy) / (dx * dx + dy * dy)))
    return math.hypot(px - x1 - t * dx, py - y1 - t * dy)


def orient(a, b, c):
    v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
    return (v > 0) - (v < 0)


def segments_touch(a, b, c, d):
    o1, o2, o3, o4 = orient(a, b, c), orient(a, b, d), orient(c, d, a), orient(c, d, b)
    if o1 != o2 and o3 != o4:
        return True
    on = lambda p, q, r: min(p[0], q[0]) <= r[0] <= max(p[0], q[0]) and min(p[1], q[1]) <= r[1] <= max(p[1], q[1])
    return (o1 == 0 and on(a, b, c)) or (o2 == 0 and on(a, b, d)) or (o3 == 0 and on(c, d, a)) or (o4 == 0 and on(c, d, b))


# ----------------------------------------------------------------------------- JIS X 0410 half mesh
def mesh_code(I, J):
    """Half-mesh (500 m) code of row I = floor(lat * 240), column J = floor((lon - 100) * 160)."""
    p, a = divmod(I, 160); q, b = divmod(a, 20); r, m1 = divmod(b, 2)
    u, c = divmod(J, 160); v, d = divmod(c, 20); w, m2 = divmod(d, 2)
    return f"{p:02d}{u:02d}{q}{v}{r}{w}{1 + 2 * m1 + m2}"


def cell_centre(I, J):
    return 100.0 + (J + 0.5) / 160.0, (I + 0.5) / 240.0


assert mesh_code(int(35.68125 * 240), int(39.771875 * 160)) == "533946114"    # DOMAIN.md check value


# ----------------------------------------------------------------------------- numbers and text
def binom(rng, n, p):
    if n < 40:
        return sum(rng.random() < p for _ in range(n))
    return min(n, max(0, round(rng.gauss(n * p, math.sqrt(n * p * (1 - p))))))


def code6(code5):
    s = sum(int(c) * w for c, w in zip(code5, (6, 5, 4, 3, 2)))
    return code5 + str((11 - s % 11) % 10)


def corp_number(base12):
    s = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(reversed(base12)))
    return str(9 - s % 9) + base12


def csv_line(fields):
    out = []
    for f in fields:
        f = "" if f is None else str(f)
        out.append('"' + f.replace('"', '""') + '"' if any(ch in f for ch in ',"\r\n') else f)
    return ",".join(out)


def hm(t):
    return int(t[:2]) * 60 + int(t[3:])


def fmt_hm(m):
    return f"{m // 60 % 24:02d}:{m % 60:02d}"
