#!/usr/bin/python3
"""Checks and tables of bench/routing_peers (Debian's numpy and scipy: /usr/bin/python3).

    routing_compare.py compare DIR NAME [CUT]      -> JSON on stdout, exit 1 on DISAGREE
    routing_compare.py record RUNS.jsonl PEER RUN PEER_JSON TIME_V_FILE
    routing_compare.py table RUNS.jsonl COMPARE_JSON...   -> Markdown on stdout

compare: the travel tables DIR/NAME_{careatlas,scipy,pgrouting}_travel.csv (source,target,
minutes; those present) against careatlas's: the same set of pairs within the cut, every
time within 1e-6 minutes. A pair only one side has is "near the cut" (reported, not a
failure) when its time is within 1e-9 of CUT. Then the gap table, per 10 km tile and hour
of week: the 65+ of cells that no open provider reaches, and that exactly one reaches,
computed here from each travel table and the sources' hours, must equal
NAME_careatlas_gaps.csv (careatlas's own, computed in C++) exactly.
record: one run of a peer (its JSON line plus /usr/bin/time -v's peak RSS and wall time)
appended to RUNS.jsonl. table: the median of the runs of each world and peer, side by side.
"""
import json
import statistics
import sys

import numpy as np
from scipy.sparse import csr_matrix

PEERS = ("careatlas", "scipy", "pgrouting")
TOL = 1e-6
NEAR = 1e-9


def read_csv(path, names, formats):
    return np.loadtxt(path, delimiter=",", skiprows=1, ndmin=1,
                      dtype={"names": names, "formats": formats})


def read_travel(path, n_targets):
    t = read_csv(path, ("s", "t", "m"), (np.int64, np.int64, np.float64))
    key = t["s"] * n_targets + t["t"]
    order = np.argsort(key, kind="stable")
    key, minutes = key[order], t["m"][order]
    dup = int(np.count_nonzero(key[1:] == key[:-1]))
    return key, minutes, dup


def gap_table(key, n_sources, n_targets, hours, pop65, tile, n_tiles):
    """(unreached, single): n_tiles × 168 sums of the 65+ of cells reached by 0 / 1 open provider."""
    s, t = key // n_targets, key % n_targets
    reach = csr_matrix((np.ones(len(key), dtype=np.int64), (t, s)), shape=(n_targets, n_sources))
    count = np.asarray(reach @ hours)  # targets × 168: open providers that reach the cell
    unreached = np.zeros((n_tiles, 168), dtype=np.int64)
    single = np.zeros((n_tiles, 168), dtype=np.int64)
    np.add.at(unreached, tile, pop65[:, None] * (count == 0))
    np.add.at(single, tile, pop65[:, None] * (count == 1))
    return unreached, single


def compare(d, name, cut):
    src = np.loadtxt(f"{d}/{name}_sources.csv", delimiter=",", skiprows=1, dtype=str, ndmin=2)
    hours = np.array([[c == "1" for c in row[2]] for row in src], dtype=np.int64)
    tgt = read_csv(f"{d}/{name}_targets.csv", ("target", "node", "pop65", "tile"), (np.int64,) * 4)
    gaps = read_csv(f"{d}/{name}_careatlas_gaps.csv", ("tile", "hour", "u", "s"), (np.int64,) * 4)
    n_s, n_t, n_tiles = len(src), len(tgt), int(gaps["tile"].max()) + 1
    ref_u = np.zeros((n_tiles, 168), dtype=np.int64)
    ref_s = np.zeros((n_tiles, 168), dtype=np.int64)
    ref_u[gaps["tile"], gaps["hour"]] = gaps["u"]
    ref_s[gaps["tile"], gaps["hour"]] = gaps["s"]
    out = {"world": name, "cut": cut, "pop65_unreached_sum": int(ref_u.sum()),
           "pop65_single_sum": int(ref_s.sum()), "peers": {}}
    ref = None
    agree = True
    for peer in PEERS:
        try:
            key, minutes, dup = read_travel(f"{d}/{name}_{peer}_travel.csv", n_t)
        except FileNotFoundError:
            continue
        r = {"pairs": int(len(key)), "duplicate_pairs": dup}
        if ref is None:
            ref = (key, minutes)
        else:
            common, ia, ib = np.intersect1d(ref[0], key, assume_unique=True, return_indices=True)
            diff = np.abs(ref[1][ia] - minutes[ib])
            only_ref = np.setdiff1d(np.arange(len(ref[0])), ia)
            only_peer = np.setdiff1d(np.arange(len(key)), ib)
            near = np.concatenate([np.abs(ref[1][only_ref] - cut) <= NEAR, np.abs(minutes[only_peer] - cut) <= NEAR])
            r.update({"common_pairs": int(len(common)),
                      "max_abs_diff_min": float(diff.max()) if len(diff) else 0.0,
                      "over_tolerance": int(np.count_nonzero(diff > TOL)),
                      "only_careatlas": int(len(only_ref)), "only_peer": int(len(only_peer)),
                      "near_cut": int(np.count_nonzero(near)),
                      "near_cut_pairs": [[int(k // n_t), int(k % n_t), float(m)] for k, m in
                                         list(zip(ref[0][only_ref], ref[1][only_ref])) +
                                         list(zip(key[only_peer], minutes[only_peer])) if abs(m - cut) <= NEAR][:20]})
        u, s = gap_table(key, n_s, n_t, hours, tgt["pop65"], tgt["tile"], n_tiles)
        r["gap_cells_differing"] = int(np.count_nonzero(u != ref_u) + np.count_nonzero(s != ref_s))
        ok = dup == 0 and r["gap_cells_differing"] == 0 and r.get("over_tolerance", 0) == 0 and \
            r.get("only_careatlas", 0) + r.get("only_peer", 0) == r.get("near_cut", 0)
        r["agree"] = ok
        agree = agree and ok
        out["peers"][peer] = r
    out["agree"] = agree and len(out["peers"]) > 1
    return out


def time_v(path):
    rss = wall = None
    for line in open(path):
        line = line.strip()
        if line.startswith("Maximum resident set size"):
            rss = int(line.rsplit(":", 1)[1]) / 1024
        elif line.startswith("Elapsed (wall clock) time"):
            v = line.split("): ", 1)[1].split(":")
            wall = sum(float(x) * 60 ** i for i, x in enumerate(reversed(v)))
    return rss, wall


def record(runs, peer, run, peer_json, tfile):
    rec = json.loads(open(peer_json).read().strip().splitlines()[-1])
    rec["peer"], rec["run"] = peer, int(run)
    rec["process_rss_mb"], rec["process_wall_s"] = time_v(tfile)
    with open(runs, "a") as f:
        f.write(json.dumps(rec) + "\n")


def table(runs_path, compare_paths):
    runs = [json.loads(x) for x in open(runs_path) if x.strip()]
    cmp = {}
    for p in compare_paths:
        c = json.load(open(p))
        cmp[c["world"]] = c

    def med(world, peer, field):
        v = [r[field] for r in runs if r["world"] == world and r["peer"] == peer and r.get(field) is not None]
        return statistics.median(v) if v else None

    def f(x, fmt="{:.2f}"):
        return "–" if x is None else fmt.format(x)

    def ratio(a, b):
        return None if a is None or b is None or a == 0 else b / a

    worlds = list(dict.fromkeys(r["world"] for r in runs))
    n_runs = {w: len([r for r in runs if r["world"] == w and r["peer"] == "careatlas"]) for w in worlds}
    rows = ["| world | nodes | edges | sources | pairs | runs | careatlas search s | careatlas total s | careatlas RSS MB "
            "| careatlas 1t search s | scipy search s | scipy RSS MB | pgRouting query s | pgRouting RSS MB "
            "| × scipy (1t) | × pgRouting (1t) | result |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|"]
    detail = ["| world | careatlas world+graph s | careatlas search CPU s | careatlas process s | scipy load s "
              "| scipy process s | pgRouting load s | pgRouting batches | pgRouting total s | pgRouting process RSS MB |",
              "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for w in worlds:
        c = cmp.get(w, {})
        ca_s, sp_s, pg_s = med(w, "careatlas", "search_s"), med(w, "scipy", "search_s"), med(w, "pgrouting", "query_s")
        ca1 = med(w, "careatlas_1t", "search_s")
        res = "–" if not c else ("AGREE" if c["agree"] else "DISAGREE")
        near = sum(p.get("near_cut", 0) for p in c.get("peers", {}).values())
        if near:
            res += f" ({near} near the cut)"
        rows.append(f"| {w} | {f(med(w, 'careatlas', 'nodes'), '{:,.0f}')} | {f(med(w, 'careatlas', 'edges'), '{:,.0f}')} "
                    f"| {f(med(w, 'careatlas', 'sources'), '{:,.0f}')} | {f(med(w, 'careatlas', 'pairs'), '{:,.0f}')} "
                    f"| {n_runs[w]} | {f(ca_s)} | {f(med(w, 'careatlas', 'total_s'))} "
                    f"| {f(med(w, 'careatlas', 'process_rss_mb'), '{:,.0f}')} | {f(ca1)} | {f(sp_s)} "
                    f"| {f(med(w, 'scipy', 'process_rss_mb'), '{:,.0f}')} | {f(pg_s)} "
                    f"| {f(med(w, 'pgrouting', 'backend_hwm_mb'), '{:,.0f}')} "
                    f"| {f(ratio(ca_s, sp_s), '{:.1f}×')} ({f(ratio(ca1, sp_s), '{:.1f}×')}) "
                    f"| {f(ratio(ca_s, pg_s), '{:.1f}×')} ({f(ratio(ca1, pg_s), '{:.1f}×')}) | {res} |")
        wg = med(w, "careatlas", "world_s")
        wg = None if wg is None else wg + med(w, "careatlas", "build_s")
        detail.append(f"| {w} | {f(wg)} | {f(med(w, 'careatlas', 'search_cpu_s'))} "
                      f"| {f(med(w, 'careatlas', 'process_wall_s'))} | {f(med(w, 'scipy', 'load_s'))} "
                      f"| {f(med(w, 'scipy', 'process_wall_s'))} | {f(med(w, 'pgrouting', 'load_s'))} "
                      f"| {f(med(w, 'pgrouting', 'batches'), '{:.0f}')} | {f(med(w, 'pgrouting', 'total_s'))} "
                      f"| {f(med(w, 'pgrouting', 'process_rss_mb'), '{:,.0f}')} |")
    agree_lines = []
    for w, c in cmp.items():
        for peer, p in c["peers"].items():
            if peer == "careatlas":
                continue
            agree_lines.append(f"- {w}, {peer} vs careatlas: {p['common_pairs']:,} common pairs, max |Δ| "
                               f"{p['max_abs_diff_min']:.3g} min, {p['over_tolerance']} over 1e-6, "
                               f"{p['only_careatlas']} only in careatlas, {p['only_peer']} only in {peer}, "
                               f"{p['near_cut']} near the cut; gap table cells differing: {p['gap_cells_differing']}")
        agree_lines.append(f"- {w}: gap table sums (tile × hour): 65+ unreached {c['pop65_unreached_sum']:,}, "
                           f"reached by exactly one {c['pop65_single_sum']:,}; careatlas's own table recomputed "
                           f"here differs in {c['peers']['careatlas']['gap_cells_differing']} cells")
    return "\n".join(rows + ["", "Medians of the runs. Details:", ""] + detail + ["", "Agreement:", ""] + agree_lines)


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "compare":
        res = compare(sys.argv[2], sys.argv[3], float(sys.argv[4]) if len(sys.argv) > 4 else 30.0)
        print(json.dumps(res, indent=1))
        sys.exit(0 if res["agree"] else 1)
    elif cmd == "record":
        record(*sys.argv[2:7])
    elif cmd == "table":
        print(table(sys.argv[2], sys.argv[3:]))
    else:
        sys.exit(__doc__)
