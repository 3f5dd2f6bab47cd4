#!/usr/bin/env python3
"""Attribution on text claimgraph was never tuned on: GUM's news documents.

GUM (../shared/data/ud-english-gum) annotates discourse relations (eRST);
`attribution-positive` / `attribution-negative` link a source unit ("the
minister said", "according to police") to the unit it reports. This script
rebuilds the plain text of GUM's Wikinews documents (CC BY 2.5), runs
`claimgraph analyze --json` on them and scores the statements against those
relations:

- recall: gold relations whose reported unit a statement's content covers
  (half of the unit, or the statement lying within it), counted again with
  the statement's cue or speaker inside the source unit ("attributed");
- precision: statements whose content meets some gold reported unit.

eRST marks reported speech and reported cognition alike ("believed that",
"found that"), and claimgraph reports only what a source states, so the
recall here is a lower bound on what a reader would count. Usage:

    scripts/gum-attribution.py [--bin target/release/claimgraph] [--genre news] [--misses]

Needs ../shared (skips with a message without it).
"""
import argparse
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
GUM = ROOT.parent / "shared" / "data" / "ud-english-gum"


def documents(genre):
    """(doc id, text, edu spans {id: (start, end)}, relations [(label, src, tgt)])."""
    for split in ("train", "dev", "test"):
        path = GUM / f"en_gum-ud-{split}.conllu"
        doc = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc id = "):
                if doc:
                    yield finish(doc)
                name = line.split("=", 1)[1].strip()
                doc = {"id": name, "paras": [], "edus": {}, "rels": []} if name.startswith(f"GUM_{genre}_") else None
                continue
            if doc is None:
                continue
            if line.startswith("# newpar"):
                if not line.startswith("# newpar_block"):
                    doc["paras"].append([])
                continue
            if not line or line.startswith("#"):
                continue
            cols = line.split("\t")
            if "." in cols[0]:
                continue
            if not doc["paras"]:
                doc["paras"].append([])
            doc["paras"][-1].append(cols)
        if doc:
            yield finish(doc)


def finish(doc):
    text = []
    pos = 0
    word_span = {}  # (para, word index in para) -> (start, end)
    edu_start = []  # (char offset, edu id)
    rels = []
    for pi, para in enumerate(doc["paras"]):
        if pi:
            text.append("\n\n")
            pos += 2
        space = False
        skip_until = 0
        sent_start = True
        for cols in para:
            tid, form, misc = cols[0], cols[1], cols[9]
            if "-" in tid:
                lo, hi = map(int, tid.split("-"))
                skip_until = hi
                if space:
                    text.append(" ")
                    pos += 1
                text.append(form)
                start, pos = pos, pos + len(form)
                space = "SpaceAfter=No" not in misc
                cur_range = (start, pos)
                continue
            i = int(tid)
            if i == 1:
                sent_start = True
            if skip_until and i <= skip_until:
                span = cur_range
                if i == skip_until:
                    skip_until = 0
            else:
                if space or (sent_start and pos and text[-1] != "\n\n"):
                    text.append(" ")
                    pos += 1
                text.append(form)
                span = (pos, pos + len(form))
                pos += len(form)
                space = "SpaceAfter=No" not in misc
            sent_start = False
            for m in misc.split("|"):
                if m.startswith("Discourse="):
                    for rel in m[len("Discourse="):].split(";"):
                        parts = rel.split(":")
                        label = parts[0]
                        ids = parts[1]
                        if "->" in ids:
                            src, tgt = ids.split("->")
                            edu_start.append((span[0], int(src)))
                            rels.append((label, int(src), int(tgt)))
                        else:
                            edu_start.append((span[0], int(ids)))
                        break
    full = "".join(text)
    edu_start.sort()
    edus = {}
    for k, (s, eid) in enumerate(edu_start):
        e = edu_start[k + 1][0] if k + 1 < len(edu_start) else len(full)
        edus[eid] = (s, len(full[:e].rstrip()))
    return doc["id"], full, edus, rels


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "claimgraph"))
    ap.add_argument("--genre", default="news")
    ap.add_argument("--misses", action="store_true", help="list the gold relations no statement found")
    args = ap.parse_args()
    if not GUM.is_dir():
        print(f"skipped: {GUM} is absent (it comes with ../shared)")
        return 0
    docs = list(documents(args.genre))
    with tempfile.TemporaryDirectory() as tmp:
        for name, text, _, _ in docs:
            pathlib.Path(tmp, name + ".txt").write_text(text, encoding="utf-8")
        out = subprocess.run(
            [args.bin, "analyze", "--json", *sorted(str(p) for p in pathlib.Path(tmp).glob("*.txt"))],
            capture_output=True, text=True, check=True,
        ).stdout
    preds = {}
    for line in out.splitlines():
        d = json.loads(line)
        preds[pathlib.Path(d["source"]).stem] = d["statements"]
    g_total = g_found = g_attr = p_total = p_ok = 0
    misses = []
    for name, text, edus, rels in docs:
        gold = [(l, s, t) for l, s, t in rels if l.startswith("attribution") and s in edus and t in edus]
        sts = preds.get(name, [])
        p_total += len(sts)
        matched_pred = set()
        for label, src, tgt in gold:
            g_total += 1
            content, source = edus[tgt], edus[src]
            hit = attributed = False
            for k, s in enumerate(sts):
                span = (s["start"], s["end"])
                o = overlap(span, content)
                if o and (o >= 0.5 * (content[1] - content[0]) or o >= 0.5 * (span[1] - span[0])):
                    hit = True
                    matched_pred.add(k)
                    marks = [(s.get("cue_start"), s.get("cue_end")), (s.get("speaker_start"), s.get("speaker_end"))]
                    if any(a is not None and overlap((a, b), source) > 0 for a, b in marks):
                        attributed = True
            g_found += hit
            g_attr += attributed
            if not hit:
                misses.append((name, label, text[source[0]:source[1]], text[content[0]:content[1]]))
        p_ok += len(matched_pred)
    r = g_found / g_total if g_total else 0.0
    ra = g_attr / g_total if g_total else 0.0
    p = p_ok / p_total if p_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"GUM {args.genre}: {len(docs)} documents, {g_total} gold attribution relations, {p_total} statements")
    print(f"reported unit found  R {r:.3f}  (attributed to the source unit: {ra:.3f})")
    print(f"statements on a gold reported unit  P {p:.3f}   F1 {f:.3f}")
    if args.misses:
        for name, label, src, tgt in misses:
            print(f"- {name} {label}\n    source:  {src[:150]}\n    content: {tgt[:150]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
