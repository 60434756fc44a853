#!/usr/bin/env python3
"""Writes the two made-up inputs of the Osaka drive-time run (docs/osaka_drive_time/README.md)
into the current folder: box.geojson (the OSM extract's query box as one "district") and
cells.csv (every 500 m half-mesh cell whose centroid lies in the box, 65+ = 100 each: an
illustration, not census data). Python 3 standard library only.
"""
import json
import math

LAT0, LAT1, LON0, LON1 = 34.6246, 34.6502, 135.5123, 135.5502  # the extract's query box


def half_mesh(lat, lon):
    p, u = int(lat * 1.5), int(lon - 100)
    la, lo = lat - p / 1.5, lon - (u + 100)
    q, v = int(la / (5 / 60)), int(lo / (7.5 / 60))
    la, lo = la - q * 5 / 60, lo - v * 7.5 / 60
    r, w = int(la / (30 / 3600)), int(lo / (45 / 3600))
    la, lo = la - r * 30 / 3600, lo - w * 45 / 3600
    m = 1 + (lo >= 22.5 / 3600) + 2 * (la >= 15 / 3600)
    return f"{p}{u}{q}{v}{r}{w}{m}"


ring = [[LON0, LAT0], [LON1, LAT0], [LON1, LAT1], [LON0, LAT1], [LON0, LAT0]]
with open("box.geojson", "w", encoding="utf-8") as f:
    json.dump({"type": "FeatureCollection", "name": "box", "features": [{
        "type": "Feature", "properties": {"id": "box", "name": "抽出範囲（天王寺・阿倍野・生野・東住吉・平野）"},
        "geometry": {"type": "Polygon", "coordinates": [ring]}}]}, f, ensure_ascii=False)
dl, dn = 15 / 3600, 22.5 / 3600
cells = set()
la = math.floor(LAT0 / dl) * dl
while la < LAT1:
    lo = math.floor(LON0 / dn) * dn
    while lo < LON1:
        c = (la + dl / 2, lo + dn / 2)
        if LAT0 < c[0] < LAT1 and LON0 < c[1] < LON1:
            cells.add(half_mesh(*c))
        lo += dn
    la += dl
with open("cells.csv", "w", encoding="utf-8") as f:
    f.write("mesh_code,pop_total,pop_65plus,pop_75plus\n")
    for c in sorted(cells):
        f.write(f"{c},400,100,50\n")
print(f"{len(cells)} cells")
