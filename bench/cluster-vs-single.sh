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
work="$(mktemp -d /tmp/cairndb-cluster-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/cairndb" --version >/dev/null # builds once if needed, before three processes race to
sql=() ; raft=()
for i in 1 2 3; do sql+=("$(free_port)"); raft+=("$(free_port)"); done
for i in 0 1 2; do
  join=()
  [ "$i" -gt 0 ] && join=(--join "127.0.0.1:${raft[0]}")
  "$root/bin/cairndb" start --data-dir "$work/n$i" --port "${sql[$i]}" --raft-port "${raft[$i]}" --http-port 0 \
    --replication-factor 3 "${join[@]}" >"$work/n$i.log" 2>&1 &
  pids+=("$!")
  # the next node joins through this one: wait until it answers SQL
  for _ in $(seq 1 120); do
    "$root/bin/cairndb" sql --url "jdbc:cairndb://127.0.0.1:${sql[$i]}/" -e "SELECT 1" >/dev/null 2>&1 && break
    sleep 0.5
  done
done
url="jdbc:cairndb://127.0.0.1:${sql[0]},127.0.0.1:${sql[1]},127.0.0.1:${sql[2]}/?loadBalanceHosts=true"
for _ in $(seq 1 120); do
  "$root/bin/cairndb" sql --url "$url" -e "SELECT replicas FROM sys.ranges WHERE range_id = 1" 2>/dev/null \
    | grep -q "1,2,3" && break
  sleep 0.5
done

echo "== CairnDB, three nodes, replication factor 3"
"$root/bin/cairndb" bench --url "$url" "$@" | tee "$work/cluster.txt"
echo
echo "== CairnDB, one node (started by the benchmark)"
"$root/bin/cairndb" bench "$@" | tee "$work/single.txt"
echo
echo "== three nodes (RF 3) / one node (RF 1) throughput"
print_ratios "3 nodes" "$work/cluster.txt" "1 node" "$work/single.txt"
