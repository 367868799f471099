#!/usr/bin/env bash
# Runs `cairndb bench` against a three-node cluster (replication factor 3, every node a separate process started
# with `bin/cairndb start` on loopback) and then against one node (started by the benchmark, replication factor
# 1), on the same machine in the same run, and prints the ratio per workload. Client connections are spread over
# the three nodes (loadBalanceHosts=true), so each node is a gateway for a third of them.
#
#   bench/cluster-vs-single.sh [bench flags...]          e.g. bench/cluster-vs-single.sh --duration 30 --threads 8
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$(mktemp -d /tmp/cairndb-cluster-bench.XXXXXX)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

"$root/bin/cairndb" --version >/dev/null # builds once if needed, before three processes race to
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
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
# ops/s is the 4th column of each workload row in the result table
ops() { awk -F'|' -v w="$2" '$1 ~ "^ *"w" *$" { gsub(/ /, "", $4); print $4 }' "$1"; }
echo "== three nodes (RF 3) / one node (RF 1) throughput"
for w in point-select insert; do
  c="$(ops "$work/cluster.txt" "$w")"; s="$(ops "$work/single.txt" "$w")"
  if [ -n "$c" ] && [ -n "$s" ]; then
    awk -v w="$w" -v c="$c" -v s="$s" 'BEGIN { printf "%-13s 3 nodes %10.0f ops/s   1 node %10.0f ops/s   ratio %.2f\n", w, c, s, c / s }'
  fi
done
