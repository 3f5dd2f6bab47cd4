#!/usr/bin/env bash
# Load test of `claimgraph serve` on loopback: a store of 100k statements
# (generated through the store API by `claimgraph bench store`, kept in
# target/bench-serve/ and reused), then wrk against /api/claims at 64
# connections. Prints p50/p99 latency, requests/s and errors, and the
# machine load around the run. Bar: p99 <= 50 ms, 0 errors.
#
#   scripts/bench-serve.sh                 # 20 s, 64 connections
#   DURATION=60s CONNECTIONS=128 STATEMENTS=1000000 scripts/bench-serve.sh
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
THREADS=${THREADS:-2}
STATEMENTS=${STATEMENTS:-100000}
DIR=${BENCH_DIR:-$ROOT/target/bench-serve}

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || true
  fi
fi
command -v wrk >/dev/null 2>&1 || { echo "bench-serve: wrk is not installed (apt-get install wrk)" >&2; exit 1; }

echo "== building"
cargo build --release --quiet
BIN=$TARGET/release/claimgraph

echo "== store of $STATEMENTS statements in $DIR"
mkdir -p "$DIR"
"$BIN" bench store --articles 0 --statements "$STATEMENTS" --queries 3 --dir "$DIR" | grep '^claims:' | head -2
DB=$DIR/queries.db

PORT=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$BIN" serve --db "$DB" --addr "127.0.0.1:$PORT" 2>"$DIR/serve.log" &
SERVE_PID=$!
trap 'kill $SERVE_PID 2>/dev/null || true; wait 2>/dev/null || true' EXIT
URL=http://127.0.0.1:$PORT
for _ in $(seq 1 600); do
  if python3 -c "import urllib.request; urllib.request.urlopen('$URL/api/health', timeout=2)" 2>/dev/null; then break; fi
  sleep 0.2
done
python3 - "$URL" <<'PY'
import json, sys, urllib.request
c = json.load(urllib.request.urlopen(sys.argv[1] + "/api/health"))["counts"]
print(f"serving {c['statements']} statements, {c['documents']} documents, {c['claims']} claims")
# Warm-up: the ledger for the default query is computed once.
urllib.request.urlopen(sys.argv[1] + "/api/claims").read()
PY

# A mixed workload: every sort key, both orders, pages deep into the
# ledger, text and stance filters (most requests miss the page cache at first).
cat > "$DIR/mixed.lua" <<'LUA'
local sorts = {"last", "first", "articles", "statements", "outlets", "assert", "deny", "speculate", "question", "text"}
local words = {"hacked", "evidence", "troops", "election", "hospital", "balloon"}
math.randomseed(42)
request = function()
  local q = "/api/claims?sort=" .. sorts[math.random(#sorts)] .. "&offset=" .. (50 * math.random(0, 39))
  local r = math.random(4)
  if r == 1 then q = q .. "&q=" .. words[math.random(#words)] end
  if r == 2 then q = q .. "&min_deny=" .. math.random(1, 5) end
  if r == 3 then q = q .. "&since=" .. math.random(2008, 2025) end
  return wrk.format("GET", q)
end
LUA

report() {
  local name=$1 out=$2
  local p50 p99 rps errs non2xx
  p50=$(awk '/^ +50%/ {print $2}' "$out")
  p99=$(awk '/^ +99%/ {print $2}' "$out")
  rps=$(awk '/^Requests\/sec/ {print $2}' "$out")
  errs=$(awk '/Socket errors/ {gsub(",", ""); print $4 + $6 + $8 + $10}' "$out")
  non2xx=$(awk '/Non-2xx/ {print $5}' "$out")
  echo "$name: p50 $p50, p99 $p99, $rps requests/s, errors ${errs:-0} (socket) + ${non2xx:-0} (non-2xx)"
}

echo "== load before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency $URL/api/claims"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$URL/api/claims" | tee "$DIR/wrk-claims.txt"
echo "== wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency -s mixed.lua $URL (mixed ledger queries)"
wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -s "$DIR/mixed.lua" "$URL" | tee "$DIR/wrk-mixed.txt"
echo "== load after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
report "/api/claims" "$DIR/wrk-claims.txt"
report "mixed /api/claims queries" "$DIR/wrk-mixed.txt"
