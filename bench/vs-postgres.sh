#!/usr/bin/env bash
# Runs `cairndb bench` against a CairnDB node and then against a fresh local PostgreSQL, on the same machine in
# the same run, and prints the ratio per workload. PostgreSQL runs with its durable defaults (fsync on,
# synchronous_commit on), so single-row INSERTs are compared at equal durability.
#
#   bench/vs-postgres.sh [bench flags...]          e.g. bench/vs-postgres.sh --duration 30 --threads 8
#   bench/vs-postgres.sh --workload ycsb --rows 100000
#   bench/vs-postgres.sh --workload tpcc --warehouses 1 --terminals 4 [--tpcc-scale small]
#
# With --workload tpcc each system loads its own TPC-C database (in schema tpcc), runs the same terminals and
# checks the consistency conditions; the summary compares tx/s, tpmC and the load's rows/s.
#
# Needs PostgreSQL's server binaries (Debian: apt-get install postgresql); they are looked up on PATH and in
# /usr/lib/postgresql/*/bin. Run as root, the cluster is created and started as the 'postgres' user.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"

pgbin=""
if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
  pgbin="$(dirname "$(command -v pg_ctl)")"
else
  for d in /usr/lib/postgresql/*/bin; do [ -x "$d/initdb" ] && pgbin="$d"; done
fi
[ -n "$pgbin" ] || { echo "vs-postgres: PostgreSQL server binaries not found (apt-get install postgresql)" >&2; exit 1; }

work="$(mktemp -d /tmp/cairndb-vs-postgres.XXXXXX)"
as_pg=()
if [ "$(id -u)" = 0 ]; then
  chown postgres "$work"
  as_pg=(runuser -u postgres --)
fi
port="$(free_port)"
cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

"${as_pg[@]}" "$pgbin/initdb" -D "$work/pg" -A trust -U bench >/dev/null
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$work/pg" -l "$work/pg.log" -w \
  -o "-p $port -k $work -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=256MB" start >/dev/null

echo "== CairnDB (one node started by the benchmark)"
"$root/bin/cairndb" bench "$@" | tee "$work/cairndb.txt"
echo
echo "== PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (fsync on, synchronous_commit on)"
"$root/bin/cairndb" bench --url "jdbc:postgresql://127.0.0.1:$port/postgres" --user bench "$@" | tee "$work/postgres.txt"

echo
echo "== CairnDB / PostgreSQL throughput"
print_ratios CairnDB "$work/cairndb.txt" PostgreSQL "$work/postgres.txt"
