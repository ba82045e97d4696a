#!/usr/bin/env bash
# Instructions per get_track request of each client in the throughput job, counted by
# callgrind: unlike req/s, the count does not move with the load of a shared machine, so it
# shows what a change to the library saves. It counts the client and the minimal server (one
# process), user space only (the kernel's TCP work is not in it).
#
#   bench/instructions.sh [BINARY]   (default: bench/target/release/spotify-bench)
#
# Each client runs twice, 1,000 and 5,000 requests; the difference over 4,000 is the cost of
# one request without the start-up. Needs valgrind; takes about a minute per client.
set -euo pipefail
bin=${1:-bench/target/release/spotify-bench}
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed" >&2; exit 2; }
[ -x "$bin" ] || { echo "instructions.sh: no $bin (cargo build --release --manifest-path bench/Cargo.toml)" >&2; exit 2; }
count() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$bin" --job throughput \
        --only "$1" --rounds 1 --requests "$2" 2>&1 |
        sed -n 's/.*Collected : \([0-9]*\).*/\1/p'
}
echo "| client | instructions per request |"
echo "| ------ | ------------------------ |"
for client in floor rspotify ours; do
    small=$(count "$client" 1000 || true)
    large=$(count "$client" 5000 || true)
    [ -n "$small" ] && [ -n "$large" ] || { echo "instructions.sh: callgrind gave no count for $client" >&2; exit 1; }
    echo "| $client | $(( (large - small) / 4000 )) |"
done
