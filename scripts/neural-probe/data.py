"""CoNLL-U loading and featurization for the neural tagger/parser probe.

Mirrors the repo's crates/syntax/src/train.rs::load: multiword-token lines
(x-y) and empty nodes (x.y) are skipped, GUM documents whose newdoc id starts
with one of EXCLUDED_DOC_PREFIXES are dropped, and deprels are mapped through
the repo's label table exactly like train.rs::deprel_index (full label if in
the table, else its base, else "dep").
"""
import zlib
import numpy as np

import os

# ../shared/data beside the repository (CLAIMGRAPH_DATA overrides)
DATA = os.environ.get(
    "CLAIMGRAPH_DATA",
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "data"),
)
EXCLUDED_DOC_PREFIXES = ("GUM_essay_", "GUM_letter_", "GUM_podcast_", "GUM_fiction_", "GUM_whow_")

# crates/doc/src/labels.rs
UPOS = ['_', 'ADJ', 'ADP', 'ADV', 'AUX', 'CCONJ', 'DET', 'INTJ', 'NOUN', 'NUM', 'PART', 'PRON', 'PROPN',
        'PUNCT', 'SCONJ', 'SYM', 'VERB', 'X']
DEPREL = ['_', 'punct', 'case', 'det', 'nsubj', 'root', 'advmod', 'amod', 'obj', 'obl', 'conj', 'nmod', 'cc',
          'compound', 'mark', 'aux', 'cop', 'advcl', 'nmod:poss', 'xcomp', 'acl:relcl', 'flat', 'ccomp', 'acl',
          'parataxis', 'nummod', 'aux:pass', 'appos', 'nsubj:pass', 'discourse', 'obl:unmarked', 'nmod:unmarked',
          'compound:prt', 'expl', 'fixed', 'iobj', 'list', 'reparandum', 'obl:agent', 'dep', 'csubj', 'nmod:desc',
          'nsubj:outer', 'advcl:relcl', 'det:predet', 'vocative', 'goeswith', 'cc:preconj', 'orphan', 'dislocated',
          'csubj:pass', 'csubj:outer', 'obl:tmod', 'obl:npmod', 'nmod:tmod', 'nmod:npmod', 'flat:foreign',
          'det:poss', 'expl:pv']
UPOS_I = {l: i for i, l in enumerate(UPOS)}
DEPREL_I = {l: i for i, l in enumerate(DEPREL)}


def deprel_index(label):
    if label in DEPREL_I and DEPREL_I[label] != 0:
        return DEPREL_I[label]
    base = label.split(':')[0]
    if base in DEPREL_I and DEPREL_I[base] != 0:
        return DEPREL_I[base]
    return DEPREL_I['dep']


def read_conllu(path, apply_filter=True):
    """Returns a list of sentences: dict(lines=[raw 10-col rows], forms, upos, heads, deprels)."""
    sents, doc, cur = [], "", None
    comments = []
    rows = []

    def flush():
        nonlocal rows, comments
        if rows:
            if not (apply_filter and any(doc.startswith(p) for p in EXCLUDED_DOC_PREFIXES)):
                n = len(rows)
                heads = [int(r[6]) for r in rows]
                if all(0 <= h <= n for h in heads):
                    sents.append(dict(
                        comments=comments, rows=rows, forms=[r[1] for r in rows],
                        upos=[UPOS_I.get(r[3], 0) for r in rows], heads=heads,
                        deprels=[deprel_index(r[7]) for r in rows], doc=doc))
        rows, comments = [], []

    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                flush()
                continue
            if line.startswith("#"):
                if line.startswith("# newdoc id"):
                    doc = line.split("=", 1)[1].strip()
                comments.append(line)
                continue
            cols = line.split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            rows.append(cols)
    flush()
    return sents


def norm(w):
    return "".join("0" if c.isdigit() else c for c in w.lower())


def shape(w):
    out = []
    for c in w:
        s = "X" if c.isupper() else "x" if c.islower() else "d" if c.isdigit() else c
        if not out or out[-1] != s:
            out.append(s)
    return "".join(out)[:6]


N_HASH = 1 << 16  # rows in the hashed affix/shape table (row 0 = pad/root)
N_AFF = 8         # hashed features per token


def _h(s):
    return 1 + zlib.crc32(s.encode("utf-8")) % (N_HASH - 1)


def affix_feats(w):
    lw = w.lower()
    return [_h("p1" + lw[:1]), _h("p2" + lw[:2]), _h("p3" + lw[:3]),
            _h("s1" + lw[-1:]), _h("s2" + lw[-2:]), _h("s3" + lw[-3:]), _h("s4" + lw[-4:]),
            _h("sh" + shape(w))]


PAD, UNK, ROOT = 0, 1, 2


def build_vocab(sents, min_count=2):
    from collections import Counter
    c = Counter(norm(w) for s in sents for w in s["forms"])
    words = sorted([w for w, k in c.items() if k >= min_count], key=lambda w: (-c[w], w))
    vocab = {w: i + 3 for i, w in enumerate(words)}
    return vocab


def featurize(sents, vocab):
    """Adds numpy arrays (with a ROOT token at position 0) to each sentence."""
    for s in sents:
        n = len(s["forms"])
        w = np.zeros(n + 1, np.int32)
        a = np.zeros((n + 1, N_AFF), np.int32)
        w[0] = ROOT
        for i, f in enumerate(s["forms"]):
            w[i + 1] = vocab.get(norm(f), UNK)
            a[i + 1] = affix_feats(f)
        s["w"], s["a"] = w, a
        s["t"] = np.array([0] + s["upos"], np.int32)
        s["h"] = np.array([0] + s["heads"], np.int32)
        s["l"] = np.array([0] + s["deprels"], np.int32)
    return sents


def bucket_len(n):
    """Padded length for a sentence with n tokens (+ROOT)."""
    m = n + 1
    if m <= 64:
        return (m + 7) // 8 * 8
    if m <= 128:
        return (m + 15) // 16 * 16
    return (m + 63) // 64 * 64


def make_batch(sents, B, T):
    w = np.zeros((B, T), np.int32)
    a = np.zeros((B, T, N_AFF), np.int32)
    t = np.zeros((B, T), np.int32)
    h = np.zeros((B, T), np.int32)
    l = np.zeros((B, T), np.int32)
    m = np.zeros((B, T), np.float32)
    for i, s in enumerate(sents):
        n = len(s["w"])
        w[i, :n], a[i, :n], t[i, :n], h[i, :n], l[i, :n] = s["w"], s["a"], s["t"], s["h"], s["l"]
        m[i, :n] = 1.0
    return dict(w=w, a=a, t=t, h=h, l=l, m=m)


def batches(sents, B, rng=None, chunk=50):
    """Length-bucketed batches of B sentences (padded with empty rows).
    Yields (indices, T). With rng: shuffled; else in length order."""
    idx = np.arange(len(sents))
    if rng is not None:
        idx = rng.permutation(idx)
        out = []
        for c in range(0, len(idx), B * chunk):
            part = sorted(idx[c:c + B * chunk], key=lambda i: len(sents[i]["w"]))
            out += [part[k:k + B] for k in range(0, len(part), B)]
        order = rng.permutation(len(out))
        out = [out[o] for o in order]
    else:
        part = sorted(idx, key=lambda i: len(sents[i]["w"]))
        out = [part[k:k + B] for k in range(0, len(part), B)]
    for b in out:
        T = bucket_len(max(len(sents[i]["w"]) for i in b) - 1)
        yield b, T


def write_conllu(path, sents, pred):
    """pred: list of (upos_ids, heads, deprel_ids) per sentence (without ROOT)."""
    with open(path, "w", encoding="utf-8") as f:
        for s, (tg, hd, lb) in zip(sents, pred):
            for c in s["comments"]:
                f.write(c + "\n")
            for i, r in enumerate(s["rows"]):
                r = list(r)
                r[3] = UPOS[tg[i]]
                r[6] = str(int(hd[i]))
                r[7] = DEPREL[lb[i]]
                r[8] = "_"
                f.write("\t".join(r) + "\n")
            f.write("\n")


def paths():
    return dict(
        ewt_train=f"{DATA}/ud-english-ewt/en_ewt-ud-train.conllu",
        ewt_dev=f"{DATA}/ud-english-ewt/en_ewt-ud-dev.conllu",
        ewt_test=f"{DATA}/ud-english-ewt/en_ewt-ud-test.conllu",
        gum_train=f"{DATA}/ud-english-gum/en_gum-ud-train.conllu",
        gum_dev=f"{DATA}/ud-english-gum/en_gum-ud-dev.conllu",
        gum_test=f"{DATA}/ud-english-gum/en_gum-ud-test.conllu",
    )
