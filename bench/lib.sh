# Shared by the bench/*.sh scripts (sourced, not run).

# A free TCP port on loopback.
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# ops/s of workload $2 in the `cairndb bench` result table saved in file $1 (the 4th column of its row).
ops() { awk -F'|' -v w="$2" '$1 ~ "^ *"w" *$" { gsub(/ /, "", $4); print $4 }' "$1"; }

# print_ratios NAME_A FILE_A NAME_B FILE_B: throughput of each workload in both runs and the ratio A / B.
print_ratios() {
  local w a b
  for w in point-select insert; do
    a="$(ops "$2" "$w")"; b="$(ops "$4" "$w")"
    if [ -n "$a" ] && [ -n "$b" ]; then
      awk -v w="$w" -v an="$1" -v a="$a" -v bn="$3" -v b="$b" \
        'BEGIN { printf "%-13s %s %10.0f ops/s   %s %10.0f ops/s   ratio %.2f\n", w, an, a, bn, b, a / b }'
    fi
  done
}
