#!/usr/bin/python3
"""scipy.sparse.csgraph.dijkstra with `limit` on the graph careatlas_routing_bench exports.

    CAREATLAS_ROUTING_EXPORT=/tmp/rx build/bench/careatlas_routing_bench --benchmark_filter=Routing/prefecture
    bench/routing_peer_scipy.py /tmp/rx prefecture

Reads DIR/<size>_edges.csv (tail,head,minutes: the compressed RoadGraph, no parallel
edges, so the CSR build sums nothing), <size>_sources.csv and <size>_targets.csv (graph
node per provider / cell, -1 off the network); runs one search per distinct source node,
50 sources a batch (a dense batch × nodes matrix each), cut at 30 minutes; prints the time
of the searches alone and the number of (source, target) pairs within the cut, which must
equal the bench's `entries` when every source node is distinct. A quick check, not the
peer comparison itself (Debian's python3-scipy: run it with /usr/bin/python3).
"""
import sys
import time

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

d, name = sys.argv[1], sys.argv[2]
e = np.loadtxt(f"{d}/{name}_edges.csv", delimiter=",", skiprows=1)
src = np.loadtxt(f"{d}/{name}_sources.csv", skiprows=1, ndmin=1).astype(np.int64)
tgt = np.loadtxt(f"{d}/{name}_targets.csv", skiprows=1, ndmin=1).astype(np.int64)
n = int(max(e[:, 0].max(), e[:, 1].max())) + 1
g = csr_matrix((e[:, 2], (e[:, 0].astype(np.int64), e[:, 1].astype(np.int64))), shape=(n, n))
s = np.unique(src[src >= 0])
t = tgt[tgt >= 0]
t0 = time.time()
pairs = 0
for b in range(0, len(s), 50):
    D = dijkstra(g, directed=True, indices=s[b:b + 50], limit=30.0)
    pairs += int(np.isfinite(D[:, t]).sum())
print(f"{name}: nodes {n} edges {len(e)} sources {len(s)} scipy {time.time() - t0:.2f} s, pairs {pairs}")
