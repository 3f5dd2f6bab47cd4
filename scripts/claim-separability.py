#!/usr/bin/env python3
"""How well does sentence similarity separate the gold claims? For every
pair of predicted statements matched to gold statements with claim ids
(matched as ../shared/eval/score.py matches them), the cosine of their
contents under (a) the static vectors claimgraph links with by default
(models/minilm/static.bin, summed over WordPiece ids) and (b) the
all-MiniLM-L6-v2 transformer itself (mean pooling, as sentence-transformers
does; a plain numpy forward pass over models/minilm/model.safetensors).
Prints the ROC AUC of "same gold claim" against the cosine, over all pairs
and over pairs from the same article (where one story's claims must be
told apart), and the best pair F1 a cosine threshold alone reaches, the
threshold picked on these pairs (a ceiling for linking by similarity
alone). AUC 0.5 is chance.
Needs: numpy, scipy, tokenizers, safetensors (pip), and the files from
`claimgraph models install`.
  scripts/claim-separability.py GOLD_DIR PRED.jsonl [MODELS_DIR]"""
import sys, json, pathlib, importlib.util, itertools
import numpy as np
from scipy.special import erf
from safetensors.numpy import load_file
from tokenizers import Tokenizer

gold_dir = pathlib.Path(sys.argv[1])
models = pathlib.Path(sys.argv[3] if len(sys.argv) > 3 else pathlib.Path(__file__).resolve().parent.parent / "models" / "minilm")
score_py = gold_dir.resolve().parent.parent / "eval" / "score.py"
spec = importlib.util.spec_from_file_location("score", score_py); S = importlib.util.module_from_spec(spec); spec.loader.exec_module(S)
preds = S.load_preds(sys.argv[2])
rows = []
for gf in sorted(gold_dir.glob("*.json")):
    if gf.name == "claims.json":
        continue
    gold = json.loads(gf.read_text()); ps = preds.get(gf.stem, {"statements": []})["statements"]
    for i, j in S.match(ps, gold["statements"]):
        if gold["statements"][j].get("claims"):
            rows.append((gf.stem, ps[i]["content"], set(gold["statements"][j]["claims"])))

tok = Tokenizer.from_file(str(models / "tokenizer.json"))
tok.no_padding()  # tokenizer.json pads to 128; claimgraph neither pads nor masks pads in
b = (models / "static.bin").read_bytes()
n, dim = int.from_bytes(b[8:12], "little"), int.from_bytes(b[12:16], "little")
scales = np.frombuffer(b[16:16 + 4 * n], dtype="<f4")
table = np.frombuffer(b[16 + 4 * n:], dtype=np.int8).reshape(n, dim).astype(np.float32) * scales[:, None]
def static(t):
    v = table[tok.encode(t, add_special_tokens=False).ids].sum(0)
    return v / max(np.linalg.norm(v), 1e-9)

w = load_file(str(models / "model.safetensors"))
def ln(x, p): m = x.mean(-1, keepdims=True); v = ((x - m) ** 2).mean(-1, keepdims=True); return (x - m) / np.sqrt(v + 1e-12) * w[p + ".weight"] + w[p + ".bias"]
def lin(x, p): return x @ w[p + ".weight"].T + w[p + ".bias"]
def transformer(t):
    ids = tok.encode(t).ids[:256]; L = len(ids)
    x = ln(w["embeddings.word_embeddings.weight"][ids] + w["embeddings.position_embeddings.weight"][:L] + w["embeddings.token_type_embeddings.weight"][0], "embeddings.LayerNorm")
    for l in range(6):
        p = f"encoder.layer.{l}."
        q, k, v = (lin(x, p + "attention.self." + s).reshape(L, 12, 32).transpose(1, 0, 2) for s in ("query", "key", "value"))
        a = q @ k.transpose(0, 2, 1) / np.sqrt(32); a = np.exp(a - a.max(-1, keepdims=True)); a /= a.sum(-1, keepdims=True)
        x = ln(x + lin((a @ v).transpose(1, 0, 2).reshape(L, 384), p + "attention.output.dense"), p + "attention.output.LayerNorm")
        h = lin(x, p + "intermediate.dense"); h = 0.5 * h * (1 + erf(h / np.sqrt(2)))
        x = ln(x + lin(h, p + "output.dense"), p + "output.LayerNorm")
    v = x.mean(0); return v / np.linalg.norm(v)

# the forward pass reproduces the model card's example (sentence-transformers
# docs: 0.6660, 0.1046, 0.1411)
_e = np.array([transformer(t) for t in ("The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium.")])
assert np.allclose([_e[0] @ _e[1], _e[0] @ _e[2], _e[1] @ _e[2]], [0.6660, 0.1046, 0.1411], atol=2e-3), _e @ _e.T

def best_f1(pos, neg):
    """The best pair F1 that linking by "cosine >= t" alone reaches, t
    chosen on these very pairs (an optimistic ceiling: no transitivity,
    no claim-less statements to link by mistake)."""
    best = (0.0, 0.0)
    for t in np.unique(np.concatenate([pos, neg])):
        tp = (pos >= t).sum(); fp = (neg >= t).sum()
        if tp:
            p, r = tp / (tp + fp), tp / len(pos)
            best = max(best, (2 * p * r / (p + r), t))
    return best

def auc(pos, neg):
    v = np.concatenate([pos, neg]); r = v.argsort(kind="stable").argsort() + 1
    return (r[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2) / (len(pos) * len(neg))

print(f"{len(rows)} matched statements with gold claims")
for name, f in (("static vectors (default)", static), ("MiniLM transformer", transformer)):
    E = np.array([f(c) for _, c, _ in rows])
    for scope in ("all pairs", "same article"):
        pos, neg = [], []
        for a, b in itertools.combinations(range(len(rows)), 2):
            if scope == "same article" and rows[a][0] != rows[b][0]:
                continue
            (pos if rows[a][2] & rows[b][2] else neg).append(float(E[a] @ E[b]))
        f1, t = best_f1(np.array(pos), np.array(neg))
        print(f"{name:26s} {scope:13s} AUC {auc(np.array(pos), np.array(neg)):.3f}  best-threshold pair F1 {f1:.3f} (cos >= {t:.2f})  ({len(pos)} same-claim pairs, {len(neg)} others)")
