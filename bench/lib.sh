# Shared by the bench/*.sh scripts (sourced, not run).

# A free TCP port on loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ops/s of workload $2 in the `cairndb bench` result table saved in file $1 (the 4th column of its row).
ops() { awk -F'|' -v w="$2" '$1 ~ "^ *"w" *$" { gsub(/ /, "", $4); print $4 }' "$1"; }

# TPC-C's tpmC in a `cairndb bench --workload tpcc` result saved in file $1 (its line "tpmC: N (...)").
tpmc() { awk '$1 == "tpmC:" { print $2 }' "$1"; }

# Rows/s of the TPC-C load in file $1 (its line "load: S s (R rows/s, ...)"); nothing when the load was skipped.
load_rate() { awk '$1 == "load:" && $3 == "s" { sub(/^\(/, "", $4); print $4 }' "$1"; }

# ratio_line LABEL UNIT DECIMALS NAME_A A NAME_B B: one line of print_ratios, when both values are there.
ratio_line() {
  [ -n "$5" ] && [ -n "$7" ] || return 0
  awk -v w="$1" -v u="$2" -v f="%10.$3f" -v an="$4" -v a="$5" -v bn="$6" -v b="$7" \
    'BEGIN { printf "%-18s %s " f " %s   %s " f " %s   ratio %s\n", w, an, a, u, bn, b, u,
             (b > 0 ? sprintf("%.2f", a / b) : "n/a") }'
}

# print_ratios NAME_A FILE_A NAME_B FILE_B: throughput of each workload in both runs and the ratio A / B; for
# TPC-C also tpmC and the load's rows/s.
print_ratios() {
  local w
  for w in point-select insert transfer-1-range transfer-2-ranges ycsb-read ycsb-update; do
    ratio_line "$w" "ops/s" 0 "$1" "$(ops "$2" "$w")" "$3" "$(ops "$4" "$w")"
  done
  ratio_line tpcc "tx/s" 1 "$1" "$(ops "$2" tpcc)" "$3" "$(ops "$4" tpcc)"
  ratio_line tpmC "tpmC" 1 "$1" "$(tpmc "$2")" "$3" "$(tpmc "$4")"
  ratio_line "tpcc load" "rows/s" 0 "$1" "$(load_rate "$2")" "$3" "$(load_rate "$4")"
}

# start_cluster WORKDIR [start flags...]: three `cairndb start` processes on loopback (the 2nd and 3rd join the
# 1st), each waited for until it answers SQL, then until the meta range has three replicas. Sets the arrays
# `pids`, `sql`, `raft` and the variable `url` (all three hosts, loadBalanceHosts=true). The caller kills `pids`.
start_cluster() {
  local work="$1" i join
  shift
  "$root/bin/cairndb" --version >/dev/null # builds once if needed, before three processes race to
  sql=(); raft=()
  for i in 1 2 3; do sql+=("$(free_port)"); raft+=("$(free_port)"); done
  for i in 0 1 2; do
    join=()
    [ "$i" -gt 0 ] && join=(--join "127.0.0.1:${raft[0]}")
    "$root/bin/cairndb" start --data-dir "$work/n$i" --port "${sql[$i]}" --raft-port "${raft[$i]}" --http-port 0 \
      --replication-factor 3 "${join[@]}" "$@" >"$work/n$i.log" 2>&1 &
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
}

# make_work NAME: a temporary directory in $work, and an EXIT trap that kills the processes in `pids` and deletes
# it (keeps it when KEEP is set). The caller declares `pids=()` first.
make_work() {
  work="$(mktemp -d "/tmp/cairndb-$1.XXXXXX")"
  trap cleanup_work EXIT
}

cleanup_work() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then
    echo "kept $work (node logs, recordings)"
  else
    rm -rf "$work"
  fi
}
