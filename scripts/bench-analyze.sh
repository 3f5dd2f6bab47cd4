#!/usr/bin/env bash
# Throughput of `claimgraph analyze` on a release build: the dev articles
# (../shared/gold/dev, else examples/text) copied with varied names until the
# corpus has at least $WORDS words; reports words/s and articles/s for 1 thread
# and for all cores, and peak memory (/usr/bin/time -v).
#   scripts/bench-analyze.sh [WORDS]       (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORDS=${1:-100000}
SRC=../shared/gold/dev
[ -d "$SRC" ] || SRC=examples/text
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/claimgraph
CORPUS=$(mktemp -d)
trap 'rm -rf "$CORPUS"' EXIT
n=0; total=0
while [ "$total" -lt "$WORDS" ]; do
  for f in "$SRC"/*.txt; do
    n=$((n + 1))
    cp "$f" "$CORPUS/$(printf '%05d' $n)-$(basename "$f")"
    total=$((total + $(wc -w < "$f")))
  done
done
echo "corpus: $n articles, $total words (whitespace-separated), copies of $SRC"
for threads in 1 "$(nproc)"; do
  "$BIN" analyze --json "$CORPUS" -j "$threads" > /dev/null 2>&1   # warm the page cache
  t0=$(date +%s%N)
  out=$( { /usr/bin/time -v "$BIN" analyze --json -j "$threads" "$CORPUS" > /dev/null; } 2>&1 )
  t1=$(date +%s%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", (b - a) / 1e9 }')
  rss=$(echo "$out" | awk -F': ' '/Maximum resident set size/ {print $2}')
  awk -v w="$total" -v a="$n" -v s="$secs" -v r="$rss" -v j="$threads" 'BEGIN {
    printf "threads %d: %.3f s, %.0f words/s, %.0f articles/s, peak RSS %.1f MB\n", j, s, w/s, a/s, r/1024 }'
done
