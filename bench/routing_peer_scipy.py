#!/usr/bin/python3
"""The scipy peer of bench/routing_peers: scipy.sparse.csgraph.dijkstra over the graph
careatlas_routing_peer exports.

    build/bench/careatlas_routing_peer prefecture /tmp/rp
    bench/routing_peer_scipy.py /tmp/rp prefecture [CUT]

Reads DIR/<name>_edges.csv (tail,head,minutes: the compressed RoadGraph, no parallel
edges, so the CSR build sums nothing), <name>_sources.csv and <name>_targets.csv (the
graph node of each provider / cell in column `node`, -1 off the network; the files of
careatlas_routing_bench's CAREATLAS_ROUTING_EXPORT have that column too). Runs
dijkstra(directed=True, indices=batch, limit=CUT) per batch of distinct source nodes
(scipy returns a dense batch × nodes matrix: the batch is sized to keep it near 512 MB,
at most 50), keeps the target columns, writes DIR/<name>_scipy_travel.csv
(source,target,minutes, %.17g; source / target are the row numbers in the two files) and
prints one JSON line: load_s (reading the CSVs, building the CSR), search_s (the dijkstra
calls and the extraction of the target columns), pairs, batch.
Debian's python3-scipy: run it with /usr/bin/python3.
"""
import json
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra


def column(path, name, dtype=np.int64):
    with open(path) as f:
        header = f.readline().strip().split(",")
    return np.loadtxt(path, delimiter=",", skiprows=1, usecols=(header.index(name),), dtype=dtype, ndmin=1)


def main():
    d, name = sys.argv[1], sys.argv[2]
    cut = float(sys.argv[3]) if len(sys.argv) > 3 else 30.0
    t0 = time.perf_counter()
    e = np.loadtxt(f"{d}/{name}_edges.csv", delimiter=",", skiprows=1,
                   dtype={"names": ("t", "h", "m"), "formats": (np.int64, np.int64, np.float64)})
    src = column(f"{d}/{name}_sources.csv", "node")
    tgt = column(f"{d}/{name}_targets.csv", "node")
    n = int(max(e["t"].max(), e["h"].max())) + 1
    g = csr_matrix((e["m"], (e["t"], e["h"])), shape=(n, n))
    del e
    nodes = np.unique(src[src >= 0])
    on = np.flatnonzero(tgt >= 0)  # target indices on the network
    load_s = time.perf_counter() - t0

    batch = int(max(1, min(50, 512e6 // (8 * n))))
    t0 = time.perf_counter()
    parts = []  # (source node, target index, minutes)
    for b in range(0, len(nodes), batch):
        dist = dijkstra(g, directed=True, indices=nodes[b:b + batch], limit=cut)[:, tgt[on]]
        r, c = np.nonzero(np.isfinite(dist))
        parts.append((nodes[b + r], on[c], dist[r, c]))
        del dist
    search_s = time.perf_counter() - t0

    s_node = np.concatenate([p[0] for p in parts])
    t_idx = np.concatenate([p[1] for p in parts])
    minutes = np.concatenate([p[2] for p in parts])
    # Every source (provider) of a node gets that node's row.
    rows = []
    order = np.argsort(s_node, kind="stable")
    s_node, t_idx, minutes = s_node[order], t_idx[order], minutes[order]
    for s in np.flatnonzero(src >= 0):
        lo, hi = np.searchsorted(s_node, src[s]), np.searchsorted(s_node, src[s], side="right")
        rows.append((np.full(hi - lo, s), t_idx[lo:hi], minutes[lo:hi]))
    with open(f"{d}/{name}_scipy_travel.csv", "w") as f:
        f.write("source,target,minutes\n")
        for s, t, m in rows:
            for a, b_, c in zip(s.tolist(), t.tolist(), m.tolist()):
                f.write(f"{a},{b_},{c!r}\n")
    print(json.dumps({"world": name, "nodes": n, "edges": int(g.nnz), "searches": int(len(nodes)),
                      "pairs": int(sum(len(r[0]) for r in rows)), "batch": batch,
                      "load_s": round(load_s, 3), "search_s": round(search_s, 3)}))


if __name__ == "__main__":
    main()
