#!/bin/bash
# The pgRouting peer of bench/routing_peers: pgr_drivingDistance from every source node
# over the graph careatlas_routing_peer exported, restricted to the target nodes.
#
# usage: routing_peer_pgrouting.sh DIR NAME [CUT [BATCH]]     (CUT 30 minutes, BATCH 100)
#
# Reads DIR/NAME_edges.csv, NAME_sources.csv, NAME_targets.csv; writes
# DIR/NAME_pgrouting_travel.csv (source,target,minutes) and prints one JSON line: load_s
# (COPY + primary key), query_s (the pgr_drivingDistance queries alone, all batches),
# total_s (cluster up to cluster gone), backend_hwm_mb (VmHWM of the backend that ran
# the queries, read from its /proc/self/status).
#
# A throwaway PostgreSQL 15 cluster as ../shared/bench/peer_postgis.sh makes it: initdb
# into a fresh /tmp directory as the postgres user when run as root, a unix socket only
# (no TCP) on a private port, durability off, torn down on exit. Node ids are the graph's
# plus one (pgRouting's ids are positive). The graph is directed: reverse_cost = -1.
# Sources go BATCH to a call because pgRouting builds the whole result as one C array
# (48 bytes a reached node, palloc's 1 GB limit) before it returns a row; each call reads
# the edges again through edges_sql, as every pgRouting function does.
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 DIR NAME [CUT [BATCH]]" >&2; exit 2; }
DIR=$(realpath "$1"); NAME=$2; CUT=${3:-30}; BATCH=${4:-100}
PGBIN=$(ls -d /usr/lib/postgresql/15/bin 2>/dev/null || true)
[ -x "$PGBIN/postgres" ] || { echo "PostgreSQL 15 not found (bench/install-peers)" >&2; exit 1; }
if [ "$(id -u)" = 0 ]; then RUNAS=(runuser -u postgres --); else RUNAS=(); fi
now() { date +%s.%N; }
T0=$(now)

TMPD=$(mktemp -d /tmp/peer_pgr.XXXXXX)
[ "$(id -u)" = 0 ] && chown postgres: "$TMPD"
PGPID=""
cleanup() {
  if [ -n "$PGPID" ] && kill -0 "$PGPID" 2>/dev/null; then
    "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMPD/data" stop -m fast -w >/dev/null 2>&1 || true
    wait "$PGPID" 2>/dev/null || true
  fi
  rm -rf "$TMPD"
}
trap cleanup EXIT
trap 'exit 143' TERM INT

"${RUNAS[@]}" "$PGBIN/initdb" -D "$TMPD/data" -E UTF8 --locale=C -A trust -U postgres >/dev/null
"${RUNAS[@]}" "$PGBIN/postgres" -D "$TMPD/data" -k "$TMPD" -c listen_addresses='' -c port=54817 \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c wal_level=minimal -c max_wal_senders=0 \
  -c shared_buffers=512MB -c work_mem=512MB -c maintenance_work_mem=1GB -c max_wal_size=8GB \
  -c jit=off -c autovacuum=off -c log_min_messages=warning >"$TMPD/server.log" 2>&1 &
PGPID=$!
export PGHOST=$TMPD PGPORT=54817 PGUSER=postgres PGDATABASE=postgres
for _ in $(seq 1 200); do
  "$PGBIN/pg_isready" -q && break
  kill -0 "$PGPID" 2>/dev/null || { cat "$TMPD/server.log" >&2; exit 1; }
  sleep 0.1
done
PSQL=("$PGBIN/psql" -X -q -v ON_ERROR_STOP=1)
"${PSQL[@]}" -c "SET client_min_messages = warning; CREATE EXTENSION pgrouting CASCADE"  # Debian's pgRouting needs PostGIS

# ---------------------------------------------------------------- load
T1=$(now)
"${PSQL[@]}" <<SQL
CREATE TABLE edges (id bigserial, source bigint, target bigint, cost float8, reverse_cost float8 DEFAULT -1);
CREATE TABLE sources (source int, node bigint, hours text);
CREATE TABLE targets (target int, node bigint, pop65 int, tile int);
\copy edges (source, target, cost) FROM '$DIR/${NAME}_edges.csv' WITH (FORMAT csv, HEADER true)
\copy sources FROM '$DIR/${NAME}_sources.csv' WITH (FORMAT csv, HEADER true)
\copy targets FROM '$DIR/${NAME}_targets.csv' WITH (FORMAT csv, HEADER true)
UPDATE edges SET source = source + 1, target = target + 1;
UPDATE sources SET node = node + 1 WHERE node >= 0;
UPDATE targets SET node = node + 1 WHERE node >= 0;
ALTER TABLE edges ADD PRIMARY KEY (id);
CREATE INDEX ON targets (node);
VACUUM ANALYZE edges;
ANALYZE sources; ANALYZE targets;
SQL
T2=$(now)

# ---------------------------------------------------------------- queries
# One session: a \copy per batch into its own file, \timing for each.
mapfile -t NODES < <("${PSQL[@]}" -At -c "SELECT DISTINCT node FROM sources WHERE node > 0 ORDER BY node")
SCRIPT=$TMPD/queries.sql
: >"$SCRIPT"
echo '\timing on' >>"$SCRIPT"
for ((b = 0; b < ${#NODES[@]}; b += BATCH)); do
  ids=$(IFS=,; echo "${NODES[*]:b:BATCH}")
  cat >>"$SCRIPT" <<SQL
\copy (SELECT s.source, t.target, d.agg_cost FROM pgr_drivingDistance('SELECT id, source, target, cost, reverse_cost FROM edges', ARRAY[$ids]::bigint[], $CUT, directed => true, equicost => false) d JOIN sources s ON s.node = d.from_v JOIN targets t ON t.node = d.node) TO '$TMPD/batch_$b.csv' WITH (FORMAT csv)
SQL
done
echo '\timing off' >>"$SCRIPT"
echo "SELECT substring(pg_read_file('/proc/self/status') from 'VmHWM:\s*([0-9]+)')::bigint / 1024.0;" >>"$SCRIPT"
"${PSQL[@]}" -At -f "$SCRIPT" >"$TMPD/queries.log"
T3=$(now)
QUERY_MS=$(sed -n 's/^Time: \([0-9.]*\) ms.*/\1/p' "$TMPD/queries.log" | awk '{s += $1} END {printf "%.1f", s}')
HWM=$(tail -1 "$TMPD/queries.log")
OUT=$DIR/${NAME}_pgrouting_travel.csv
echo "source,target,minutes" >"$OUT"
for ((b = 0; b < ${#NODES[@]}; b += BATCH)); do cat "$TMPD/batch_$b.csv" >>"$OUT"; done

"${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$TMPD/data" stop -m fast -w >/dev/null
wait "$PGPID" || true
PGPID=""
T4=$(now)
awk -v n="$NAME" -v t0="$T0" -v t1="$T1" -v t2="$T2" -v t3="$T3" -v t4="$T4" -v q="$QUERY_MS" -v hwm="$HWM" \
  -v batches=$(((${#NODES[@]} + BATCH - 1) / BATCH)) 'BEGIN {
  printf "{\"world\": \"%s\", \"batches\": %d, \"load_s\": %.3f, \"query_s\": %.3f, \"queries_wall_s\": %.3f, \"total_s\": %.3f, \"backend_hwm_mb\": %.1f}\n",
    n, batches, t2 - t1, q / 1000, t3 - t2, t4 - t0, hwm }'
