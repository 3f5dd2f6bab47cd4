#!/usr/bin/env bash
# Instruction count of `claimgraph analyze --json -j 1` on a fixed small
# corpus under valgrind's callgrind: a figure that does not move with machine
# load, for comparing commits. The corpus is the first FILES (default 5)
# articles of ../shared/gold/dev (else examples/text), in name order.
# Prints total instructions (Ir), Ir per word, and the top functions
# (inclusive) from callgrind_annotate.
#   scripts/bench-callgrind.sh [FILES]
# The release profile has no debug info; function names come from symbols.
set -euo pipefail
cd "$(dirname "$0")/.."
FILES=${1:-20}
SRC=../shared/gold/dev
[ -d "$SRC" ] || SRC=examples/text
command -v valgrind > /dev/null || { echo "valgrind is not installed (apt-get install valgrind)" >&2; exit 2; }
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/claimgraph
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
mapfile -t files < <(ls "$SRC"/*.txt | sort | head -n "$FILES")
words=$(cat "${files[@]}" | wc -w)
echo "corpus: ${#files[@]} articles of $SRC, $words words (whitespace-separated)"
echo "binary: $BIN ($(git rev-parse --short HEAD 2> /dev/null || echo '?')$(git diff --quiet 2> /dev/null || echo ', with uncommitted changes'))"
valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
  "$BIN" analyze --json -j 1 "${files[@]}" > /dev/null 2> "$WORK/vg.err" ||
  { tail -n 20 "$WORK/vg.err" >&2; exit 1; }
ir=$(awk '/^summary:/ { print $2 }' "$WORK/cg.out")
awk -v ir="$ir" -v w="$words" 'BEGIN { printf "instructions (Ir): %d, %.0f per word\n", ir, ir / w }'
if command -v callgrind_annotate > /dev/null; then
  callgrind_annotate --inclusive=yes "$WORK/cg.out" 2> /dev/null > "$WORK/annotate"
  # One-time model loading (embedded models parsed at start), reported apart.
  load=$(grep -E ':(claimgraph_syntax::Syntax::from_bytes|claimgraph_entities::ner::Model::from_bytes|claimgraph_entities::gazetteer::Gazetteer::parse) \[' "$WORK/annotate" |
    awk '{ gsub(/,/, "", $1); s += $1 } END { print s + 0 }')
  awk -v ir="$ir" -v l="$load" -v w="$words" 'BEGIN {
    printf "of which model loading: %d; analysis alone: %d, %.0f per word\n", l, ir - l, (ir - l) / w }'
  echo "top pipeline functions (inclusive Ir, share of the total):"
  grep -E 'claimgraph_(ingest|nlp|syntax|entities|extract|doc)::' "$WORK/annotate" |
    sed -E 's/ \[[^]]*\]$//; s/\?\?\?://' | head -n 15
fi
