"""Generic helpers for generate_sample_town.py (Python 3 standard library only, no randomness of its own).

- the local frame: x km east / y km north of (LON0, LAT0), and metre distances between lon/lat points;
- planar geometry on lon/lat or km points: wiggled edges, star-shaped blobs, point in ring, areas, crossings;
- JIS X 0410 half-mesh (500 m) codes and cell centres;
- Gauss-Krüger (transverse Mercator) on GRS80 for the JGD2011 plane rectangular zones (Ｘ northing, Ｙ easting);
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


# ----------------------------------------------------------------------------- plane rectangular coordinates
# Gauss-Krüger (transverse Mercator) on GRS80 by Krüger's series in the third flattening n (Kawase 2011, the
# formulas of the 国土地理院 survey calculation pages; good to well under a millimetre within a zone).
# Zone VII (愛知県 and neighbours, EPSG:6675): origin 36°N 137°10'E, scale 0.9999; Ｘ = northing, Ｙ = easting (m).
GRS80_A, GRS80_F = 6378137.0, 1 / 298.257222101
ZONE_VII = (36.0, 137.0 + 10 / 60, 0.9999)
_N = GRS80_F / (2 - GRS80_F)
_ALPHA = (_N / 2 - 2 * _N ** 2 / 3 + 5 * _N ** 3 / 16 + 41 * _N ** 4 / 180 - 127 * _N ** 5 / 288,
          13 * _N ** 2 / 48 - 3 * _N ** 3 / 5 + 557 * _N ** 4 / 1440 + 281 * _N ** 5 / 630,
          61 * _N ** 3 / 240 - 103 * _N ** 4 / 140 + 15061 * _N ** 5 / 26880,
          49561 * _N ** 4 / 161280 - 179 * _N ** 5 / 168,
          34729 * _N ** 5 / 80640)
_BETA = (_N / 2 - 2 * _N ** 2 / 3 + 37 * _N ** 3 / 96 - _N ** 4 / 360 - 81 * _N ** 5 / 512,
         _N ** 2 / 48 + _N ** 3 / 15 - 437 * _N ** 4 / 1440 + 46 * _N ** 5 / 105,
         17 * _N ** 3 / 480 - 37 * _N ** 4 / 840 - 209 * _N ** 5 / 4480,
         4397 * _N ** 4 / 161280 - 11 * _N ** 5 / 504,
         4583 * _N ** 5 / 161280)
_DELTA = (2 * _N - 2 * _N ** 2 / 3 - 2 * _N ** 3 + 116 * _N ** 4 / 45 + 26 * _N ** 5 / 45 - 2854 * _N ** 6 / 675,
          7 * _N ** 2 / 3 - 8 * _N ** 3 / 5 - 227 * _N ** 4 / 45 + 2704 * _N ** 5 / 315 + 2323 * _N ** 6 / 945,
          56 * _N ** 3 / 15 - 136 * _N ** 4 / 35 - 1262 * _N ** 5 / 105 + 73814 * _N ** 6 / 2835,
          4279 * _N ** 4 / 630 - 332 * _N ** 5 / 35 - 399572 * _N ** 6 / 14175,
          4174 * _N ** 5 / 315 - 144838 * _N ** 6 / 6237,
          601676 * _N ** 6 / 22275)
_A = (1 + _N ** 2 / 4 + _N ** 4 / 64,                          # meridian arc: A0 .. A5
      -3 / 2 * (_N - _N ** 3 / 8 - _N ** 5 / 64),
      15 / 16 * (_N ** 2 - _N ** 4 / 4),
      -35 / 48 * (_N ** 3 - 5 * _N ** 5 / 16),
      315 / 512 * _N ** 4,
      -693 / 1280 * _N ** 5)
_C = 2 * math.sqrt(_N) / (1 + _N)


def _gk_origin(zone):
    lat0, _, m0 = zone
    phi0 = math.radians(lat0)
    abar = m0 * GRS80_A / (1 + _N) * _A[0]
    s0 = m0 * GRS80_A / (1 + _N) * (_A[0] * phi0 + sum(a * math.sin(2 * j * phi0) for j, a in enumerate(_A[1:], 1)))
    return abar, s0


def gk_forward(lat, lon, zone=ZONE_VII):
    """lat/lon (degrees, JGD2011) -> (Ｘ northing, Ｙ easting) in metres of the plane rectangular zone."""
    abar, s0 = _gk_origin(zone)
    phi, dl = math.radians(lat), math.radians(lon - zone[1])
    t = math.sinh(math.atanh(math.sin(phi)) - _C * math.atanh(_C * math.sin(phi)))
    xi, eta = math.atan2(t, math.cos(dl)), math.atanh(math.sin(dl) / math.sqrt(1 + t * t))
    x = xi + sum(a * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    y = eta + sum(a * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a in enumerate(_ALPHA, 1))
    return abar * x - s0, abar * y


def gk_inverse(x, y, zone=ZONE_VII):
    """(Ｘ northing, Ｙ easting) in metres of the plane rectangular zone -> (lat, lon) in degrees."""
    abar, s0 = _gk_origin(zone)
    xi, eta = (x + s0) / abar, y / abar
    xi1 = xi - sum(b * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, b in enumerate(_BETA, 1))
    eta1 = eta - sum(b * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, b in enumerate(_BETA, 1))
    chi = math.asin(math.sin(xi1) / math.cosh(eta1))
    phi = chi + sum(d * math.sin(2 * j * chi) for j, d in enumerate(_DELTA, 1))
    return math.degrees(phi), zone[1] + math.degrees(math.atan2(math.sinh(eta1), math.cos(xi1)))


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
