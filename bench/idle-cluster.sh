#!/usr/bin/env bash
# What an idle cluster costs: three `bin/cairndb start` processes on loopback (replication factor 3), N tables
# created through SQL (one range each, plus the system ranges), then, once every range has three replicas and the
# idle ranges have gone quiet (after 10 s without reads or writes) and 30 s more have passed, the CPU the three
# processes use over the measuring window (from /proc/PID/stat), their threads and resident memory.
#
#   bench/idle-cluster.sh [TABLES] [SECONDS] [SETTLE]   default: 200 tables, measured over 30 s, after the
#                                                       ranges are quiet and SETTLE = 30 s more
#   PROFILE=1 bench/idle-cluster.sh ...                 also prints node 1's CPU over the window by thread name
#                                                       (Java Flight Recorder does not mix with jraft: its
#                                                       SIGUSR2 handler logs every group's metrics per sample)
set -euo pipefail
root="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$root/bench/lib.sh"
tables="${1:-200}"
seconds="${2:-30}"
settle="${3:-30}"
pids=()
make_work idle-cluster

start_cluster "$work"
for t in $(seq 1 "$tables"); do echo "CREATE TABLE idle_$t (id INT PRIMARY KEY, v VARCHAR(20));"; done >"$work/ddl.sql"
started=$(date +%s)
"$root/bin/cairndb" sql --url "$url" -f "$work/ddl.sql" >/dev/null
echo "created $tables tables in $(( $(date +%s) - started )) s"
want=$(( tables + 1 ))
for _ in $(seq 1 600); do
  full=$("$root/bin/cairndb" sql --url "$url" -e "SELECT COUNT(*) FROM sys.ranges WHERE replicas LIKE '%,%,%'" \
    2>/dev/null | grep -Eo '^[ |]*[0-9]+' | tr -dc '0-9' || true)
  [ -n "$full" ] && [ "$full" -ge "$want" ] && break
  sleep 2
done
ranges=$("$root/bin/cairndb" sql --url "$url" -e "SELECT COUNT(*) FROM sys.ranges" | grep -Eo '^[ |]*[0-9]+' | tr -dc '0-9')
echo "$ranges ranges, $full with three replicas; waiting until the idle ones are quiet"
# idle ranges go quiet after 10 s (the meta range never does); then SETTLE seconds more for what up-replication
# left behind (snapshot threads, garbage) to settle
for _ in $(seq 1 60); do
  quiet=$("$root/bin/cairndb" sql --url "$url" -e "SELECT COUNT(*) FROM sys.ranges WHERE is_quiet" \
    2>/dev/null | grep -Eo '^[ |]*[0-9]+' | tr -dc '0-9' || true)
  [ -n "$quiet" ] && [ "$quiet" -ge $(( ranges - 1 )) ] && break
  sleep 2
done
echo "$quiet of $ranges ranges quiet; measuring after $settle s more"
sleep "$settle"

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
hz=$(getconf CLK_TCK)
# per-thread CPU of node 1 (from /proc/PID/task/TID/stat), to see by thread name where the idle time goes
thread_ticks() {
  awk '{ split(FILENAME, p, "/"); match($0, /\(.*\)/); name = substr($0, RSTART + 1, RLENGTH - 2);
    split(substr($0, RSTART + RLENGTH + 1), f, " "); print p[5], f[12] + f[13], name }' /proc/"$1"/task/*/stat \
    2>/dev/null
}
[ -n "${PROFILE:-}" ] && thread_ticks "${pids[0]}" >"$work/threads-before"
before=(); for pid in "${pids[@]}"; do before+=("$(ticks "$pid")"); done
sleep "$seconds"
after=(); for pid in "${pids[@]}"; do after+=("$(ticks "$pid")"); done
if [ -n "${PROFILE:-}" ]; then
  thread_ticks "${pids[0]}" >"$work/threads-after"
  echo "node 1, CPU over the window by thread name (digits replaced by #; top 25):"
  awk -v hz="$(getconf CLK_TCK)" -v s="$seconds" 'NR == FNR { before[$1] = $2; next }
    { name = $0; sub(/^[0-9]+ [0-9]+ /, "", name); gsub(/[0-9]+/, "#", name);
      used[name] += $2 - ($1 in before ? before[$1] : 0) }
    END { for (n in used) if (used[n] > 0) printf "%6.2f %%  %s\n", 100 * used[n] / hz / s, n }' \
    "$work/threads-before" "$work/threads-after" | sort -rn | head -25
fi
total=0
for i in 0 1 2; do
  pid="${pids[$i]}"
  used=$(( ${after[$i]} - ${before[$i]} ))
  total=$(( total + used ))
  threads=$(awk '/^Threads:/ { print $2 }' "/proc/$pid/status")
  rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$pid/status")
  awk -v n=$((i + 1)) -v u="$used" -v hz="$hz" -v s="$seconds" -v t="$threads" -v r="$rss" \
    'BEGIN { printf "node %d: %5.1f %% of one core, %d threads, %d MB resident\n", n, 100 * u / hz / s, t, r }'
done
awk -v u="$total" -v hz="$hz" -v s="$seconds" -v r="$ranges" \
  'BEGIN { printf "idle cluster, %d ranges (replication factor 3): %.1f %% of one core\n", r, 100 * u / hz / s }'
echo "threads of node 1 by kind (digits replaced by #):"
jcmd "${pids[0]}" Thread.print 2>/dev/null | grep '^"' | sed 's/^"\([^"]*\)".*/\1/; s/[0-9][0-9]*/#/g' \
  | sort | uniq -c | sort -rn | head -25
