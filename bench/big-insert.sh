#!/usr/bin/env bash
# Issue #18's big write on a three-node cluster (replication factor 3, every node a separate process started with
# `bin/cairndb start` on loopback): one INSERT … SELECT of --rows rows from generate_series (default 1,000,000) in
# autocommit while other sessions read and update single rows of the same table, spread over the three nodes
# (loadBalanceHosts=true). Prints the INSERT's time and rows/s, the other sessions' latencies and how many waited
# over 2 s, and checks the table afterwards (exit status 1 if the INSERT fails or a check does not hold).
#
#   bench/big-insert.sh [bench flags...]          e.g. bench/big-insert.sh --rows 10000000 --threads 4
#   KEEP=1 bench/big-insert.sh ...                keeps the nodes' directories and logs
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
pids=()
make_work big-insert

start_cluster "$work"

echo "== CairnDB, three nodes, replication factor 3"
"$root/bin/cairndb" bench --url "$url" --workload bulk-insert "$@"
