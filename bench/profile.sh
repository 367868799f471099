#!/usr/bin/env bash
# Profiles the CairnDB node of a one-node TPC-C run with async-profiler (every thread: JIT compiler, GC, RocksDB and
# Netty native frames included, which JFR leaves out) during the measured phase, and prints where its CPU went.
#
#   bench/profile.sh [--warmup S] [--duration S] [more `cairndb bench --workload tpcc` flags]
#   e.g. bench/profile.sh --warehouses 1 --terminals 4 --warmup 90 --duration 40
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler); the collapsed stacks (flame-graph input)
# and the benchmark's own report stay in the directory printed at the end.
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
version=4.1
warmup=60 duration=40 args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --warmup) warmup="$2"; shift 2 ;;
    --duration) duration="$2"; shift 2 ;;
    *) args+=("$1"); shift ;;
  esac
done
[ "$duration" -gt 5 ] || { echo "profile: --duration must be above 5 s" >&2; exit 2; }
out="$(mktemp -d /tmp/cairndb-profile.XXXXXX)"

jar="$HOME/.m2/repository/tools/profiler/async-profiler/$version/async-profiler-$version.jar"
[ -f "$jar" ] || mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$version" >/dev/null
arch=x64; [ "$(uname -m)" = aarch64 ] && arch=arm64
(cd "$out" && unzip -q -o "$jar" "linux-$arch/*")
lib="$out/linux-$arch/libasyncProfiler.so"

"$root/bin/cairndb" bench --workload tpcc --warmup "$warmup" --duration "$duration" ${args[@]+"${args[@]}"} \
  > "$out/bench.txt" 2>&1 &
bench=$!
until grep -q '^tpcc: running' "$out/bench.txt" 2>/dev/null; do
  kill -0 "$bench" 2>/dev/null || { cat "$out/bench.txt" >&2; exit 1; }
  sleep 1
done
sleep "$warmup"
node="$(pgrep -f "io.cairndb.cli.Main start --data-dir /tmp/cairndb-bench-" | head -1)"
ticks() { awk '{ print $14 + $15 }' "/proc/$node/stat"; }
t0="$(ticks)"
jcmd "$node" JVMTI.agent_load "$lib" "\"start,event=itimer,interval=2ms,file=$out/node.collapsed,collapsed\"" >/dev/null
sleep $((duration - 3))
jcmd "$node" JVMTI.agent_load "$lib" "\"stop,file=$out/node.collapsed,collapsed\"" >/dev/null
t1="$(ticks)"
wait "$bench"
cat "$out/bench.txt"
echo
echo "== node CPU while profiled: $(( (t1 - t0) / $(getconf CLK_TCK) )) s over $((duration - 3)) s"
python3 - "$out/node.collapsed" <<'PY'
import collections, sys
# the first rule a stack matches names its share; the order puts a thread's own job before the libraries it calls
rules = [('CompileBroker', 'JIT compiler'), ('GCTaskThread', 'GC'), ('G1', 'GC'), ('VMThread', 'VM thread'),
         ('RangeStateMachine.onApply', 'Raft apply (range state machine)'), ('LogManagerImpl', 'Raft log append'),
         ('ConnectionHandler', 'SQL sessions'), ('NodeRpcServer', 'node RPC requests'),
         ('Replicator', 'Raft replication'), ('io/cairndb', 'CairnDB, other threads (commit fan-out, timers)'),
         ('com/alipay', 'jraft and bolt, other'), ('io/netty', 'Netty, other')]
total, shares, seeks = 0, collections.Counter(), collections.Counter()
for line in open(sys.argv[1]):
    stack, _, n = line.rstrip().rpartition(' ')
    n = int(n); total += n
    shares[next((name for key, name in rules if key in stack), 'other')] += n
    if 'RocksIterator.seek' in stack:
        callers = [f for f in stack.split(';') if f.startswith('io/cairndb/storage/mvcc/MvccStore')]
        seeks[callers[-1].rsplit('/', 1)[-1] if callers else 'other'] += n
print('share of node CPU by thread role:')
for name, n in shares.most_common():
    print(f'  {100 * n / total:5.1f} %  {name}')
print(f'RocksDB iterator seeks, {100 * sum(seeks.values()) / total:.1f} % in all, by MvccStore method:')
for name, n in seeks.most_common():
    print(f'  {100 * n / total:5.1f} %  {name}')
PY
echo "collapsed stacks: $out/node.collapsed"
