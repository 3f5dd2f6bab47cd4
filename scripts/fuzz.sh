#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ and runs each for N seconds
# (default 15), seeded from examples/ (and ../shared/gold/dev when present).
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]
# Installs cargo-fuzz when missing; skips (exit 0, with a message) when it
# cannot be installed or the fuzz build cannot be made (no network, no
# sanitizer runtime), unless FUZZ_REQUIRED=1 (CI), which makes that a
# failure. A crash fails the run (exit 1) and leaves the input in
# fuzz/artifacts/TARGET/; copy it to fuzz/regressions/TARGET/ so that
# `cargo test --release --test hostile_inputs` replays it from then on.
# libFuzzer needs nightly compiler flags: RUSTC_BOOTSTRAP=1 lets the stable
# toolchain accept them.
set -uo pipefail
cd "$(dirname "$0")/.."
SECS=${1:-15}
shift || true
ALL=(read_text read_html read_feed read_warc read_jsonl analyze)
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=("${ALL[@]}")
export RUSTC_BOOTSTRAP=1
export PATH="$HOME/.cargo/bin:$PATH"
TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/fuzz"

# CI sets FUZZ_REQUIRED=1: there a fuzz pass that cannot run is a failure.
skip() {
  if [ "${FUZZ_REQUIRED:-0}" = 1 ]; then
    echo "fuzz: FAILED (FUZZ_REQUIRED=1): $*" >&2
    exit 1
  fi
  echo "fuzz: SKIPPED: $*" >&2
  exit 0
}

if ! cargo fuzz --version > /dev/null 2>&1; then
  echo "fuzz: installing cargo-fuzz (cargo install cargo-fuzz --locked)"
  cargo install cargo-fuzz --locked --quiet || skip "cargo-fuzz is not installed and could not be installed (network?)"
fi

# No sanitizer by default: the code is safe Rust (what fuzzing finds here is
# panics, hangs and memory blow-ups) and the build is much faster;
# FUZZ_SANITIZER=address adds ASan (falls back to none if it cannot build).
SAN=${FUZZ_SANITIZER:-none}
mkdir -p "$TARGET_DIR"
if ! cargo fuzz build -O --sanitizer "$SAN" --target-dir "$TARGET_DIR" 2> "$TARGET_DIR.build.log"; then
  [ "$SAN" = none ] && { tail -n 20 "$TARGET_DIR.build.log" >&2; skip "the fuzz targets could not be built (see $TARGET_DIR.build.log)"; }
  echo "fuzz: build with --sanitizer $SAN failed; retrying with --sanitizer none" >&2
  SAN=none
  cargo fuzz build -O --sanitizer none --target-dir "$TARGET_DIR" 2> "$TARGET_DIR.build.log" ||
    { tail -n 20 "$TARGET_DIR.build.log" >&2; skip "the fuzz targets could not be built (see $TARGET_DIR.build.log)"; }
fi

# Seed corpora: the project's own example inputs, by format.
seed() {
  local t=$1 dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $t in
    read_text) cp examples/text/*.txt "$dir"/ 2> /dev/null; [ -d ../shared/gold/dev ] && cp ../shared/gold/dev/0[1-3]*.txt "$dir"/ ;;
    read_html) cp examples/html/*.html "$dir"/ 2> /dev/null ;;
    read_feed) cp examples/feeds/* "$dir"/ 2> /dev/null ;;
    read_jsonl) cp examples/jsonl/*.jsonl "$dir"/ 2> /dev/null ;;
    read_warc)
      # Mode byte 0 (plain .warc) + the decompressed example archive, and mode 2 + the raw gzip.
      { printf '\x00'; gzip -dc examples/warc/*.warc.gz; } > "$dir/seed-plain" 2> /dev/null
      { printf '\x02'; cat examples/warc/*.warc.gz; } > "$dir/seed-gz" 2> /dev/null ;;
    analyze) cp examples/text/*.txt "$dir"/ 2> /dev/null; [ -d ../shared/gold/dev ] && cp ../shared/gold/dev/0[4-6]*.txt "$dir"/ ;;
  esac
  # Earlier crashers are seeds too.
  [ -d "fuzz/regressions/$t" ] && cp fuzz/regressions/"$t"/* "$dir"/ 2> /dev/null
  true
}

status=0
for t in "${TARGETS[@]}"; do
  seed "$t"
  log="$TARGET_DIR/$t.log"
  echo "== fuzz $t for ${SECS}s (sanitizer $SAN)"
  cargo fuzz run -O --sanitizer "$SAN" --target-dir "$TARGET_DIR" "$t" "fuzz/corpus/$t" -- \
    -max_total_time="$SECS" -timeout=20 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
    > "$log" 2>&1
  rc=$?
  execs=$(awk '/stat::number_of_executed_units/ {print $NF}' "$log")
  cov=$(grep -Eo 'cov: [0-9]+' "$log" | tail -n 1)
  if [ $rc -ne 0 ]; then
    status=1
    echo "fuzz $t: FAILED (exit $rc) after ${execs:-?} execs; input saved under fuzz/artifacts/$t/" >&2
    grep -E 'panicked|ERROR: libFuzzer|SUMMARY|Test unit written' "$log" | head -n 8 >&2
  else
    echo "fuzz $t: ok, ${execs:-?} execs, ${cov:-cov ?}, 0 crashes"
  fi
done
exit $status
