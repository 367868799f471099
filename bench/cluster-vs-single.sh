#!/usr/bin/env bash
# Runs `cairndb bench` against a three-node cluster (replication factor 3, every node a separate process started
# with `bin/cairndb start` on loopback) and then against one node (started by the benchmark, replication factor
# 1), on the same machine in the same run, and prints the ratio per workload. Client connections are spread over
# the three nodes (loadBalanceHosts=true), so each node is a gateway for a third of them.
#
#   bench/cluster-vs-single.sh [bench flags...]          e.g. bench/cluster-vs-single.sh --duration 30 --threads 8
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
pids=()
make_work cluster-bench

start_cluster "$work"

echo "== CairnDB, three nodes, replication factor 3"
"$root/bin/cairndb" bench --url "$url" "$@" | tee "$work/cluster.txt"
echo
echo "== CairnDB, one node (started by the benchmark)"
"$root/bin/cairndb" bench "$@" | tee "$work/single.txt"
echo
echo "== three nodes (RF 3) / one node (RF 1) throughput"
print_ratios "3 nodes" "$work/cluster.txt" "1 node" "$work/single.txt"
