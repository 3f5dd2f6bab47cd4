#!/usr/bin/env python3
"""Statements and entities on text claimgraph was never tuned on: GUM's
news documents.

`attribution` (the default):

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
recall here is a lower bound on what a reader would count.

`entities`: GUM's entity layer marks every mention with its type and
coreference cluster. A cluster is a named entity here when one of its
mentions is a proper name (all its words tagged PROPN, "the" aside) and its
type is person, organization, place or event; claimgraph's entities are
matched to clusters by name (the scorer's normalisation) against any of the
cluster's names:
- recall: named clusters some entity matches;
- precision: entities that match a named cluster of any type (an entity
  GUM does not treat as a name, "Twitter" as an object, counts against);
- type accuracy over the matches (PERSON = person, ORG/MEDIA =
  organization, GPE/LOC = place, EVENT = event).

Usage:

    scripts/gum-check.py [attribution|entities] [--bin target/release/claimgraph] [--genre news] [--misses]

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
import unicodedata

ROOT = pathlib.Path(__file__).resolve().parent.parent
GUM = ROOT.parent / "shared" / "data" / "ud-english-gum"


# Words a proper name may hold besides PROPN ones: "the Church of Scientology".
NAME_GLUE = {"the", "of", "for", "and", "&", "de", "'s", "’s"}


def documents(genre):
    """GumDoc per document of the genre, in corpus order."""
    for split in ("train", "dev", "test"):
        path = GUM / f"en_gum-ud-{split}.conllu"
        doc = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("# newdoc id = "):
                if doc:
                    yield finish(doc)
                name = line.split("=", 1)[1].strip()
                doc = {"id": name, "paras": []} if name.startswith(f"GUM_{genre}_") else None
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


class GumDoc:
    """Plain text (paragraphs apart by a blank line) and, over it, the EDUs
    {id: (start, end)}, the discourse relations [(label, src, tgt)] and the
    entity mentions [(cluster, type, start, end, proper)]."""

    def __init__(self, name, text, edus, rels, mentions):
        self.name, self.text, self.edus, self.rels, self.mentions = name, text, edus, rels, mentions


def finish(doc):
    text = []
    pos = 0
    edu_start = []  # (char offset, edu id)
    rels = []
    mentions = []
    open_ents = {}  # cluster id -> [(type, start, proper so far)]
    for pi, para in enumerate(doc["paras"]):
        if pi:
            text.append("\n\n")
            pos += 2
        space = False
        skip_until = 0
        cur_range = (0, 0)

        def put(form, first_word, misc):
            """Appends a surface form (a space before it where the previous
            token asked for one, or between sentences); returns its span."""
            nonlocal pos, space
            if space or (first_word and pos and text[-1] != "\n\n"):
                text.append(" ")
                pos += 1
            text.append(form)
            pos += len(form)
            space = "SpaceAfter=No" not in misc
            return (pos - len(form), pos)

        for cols in para:
            tid, form, upos, misc = cols[0], cols[1], cols[3], cols[9]
            if "-" in tid:  # a multiword token: its words share its span
                lo, hi = map(int, tid.split("-"))
                skip_until = hi
                cur_range = put(form, lo == 1, misc)
                continue
            i = int(tid)
            if skip_until and i <= skip_until:
                span = cur_range
                if i == skip_until:
                    skip_until = 0
            else:
                span = put(form, i == 1, misc)
            for m in misc.split("|"):
                if m.startswith("Discourse="):
                    rel = m[len("Discourse="):].split(";")[0]
                    parts = rel.split(":")
                    if "->" in parts[1]:
                        src, tgt = parts[1].split("->")
                        edu_start.append((span[0], int(src)))
                        rels.append((parts[0], int(src), int(tgt)))
                    else:
                        edu_start.append((span[0], int(parts[1])))
            propn = upos == "PROPN" or cols[4] in ("NNP", "NNPS")
            name_word = propn or upos == "PUNCT" or form.lower() in NAME_GLUE
            # every mention open before this word stays a name while its
            # words are names
            for stack in open_ents.values():
                for e in stack:
                    e[2] = e[2] and (name_word or e[4])
                    e[3] += propn
            ent = next((m[len("Entity="):] for m in misc.split("|") if m.startswith("Entity=")), "")
            k = 0
            while k < len(ent):
                if ent[k] == "(":
                    j = k + 1
                    while j < len(ent) and ent[j] not in "()":
                        j += 1
                    fields = ent[k + 1:j].split("-", 7)
                    cid, ty = fields[:2]
                    # (a Wikipedia identity makes a mention a name too)
                    linked = len(fields) > 7 and bool(fields[7])
                    if j < len(ent) and ent[j] == ")":  # a one-word mention
                        mentions.append((cid, ty, span[0], span[1], propn or linked))
                        j += 1
                    else:
                        open_ents.setdefault(cid, []).append([ty, span[0], name_word or linked, int(propn or linked), linked])
                    k = j
                    continue
                close = re.match(r"(\d+)\)", ent[k:])
                if close:
                    cid = close.group(1)
                    if open_ents.get(cid):
                        ty, st, proper, n_propn, _ = open_ents[cid].pop()
                        mentions.append((cid, ty, st, span[1], proper and n_propn > 0))
                    k += len(close.group(0))
                    continue
                k += 1
    full = "".join(text)
    edu_start.sort()
    edus = {}
    for k, (st, eid) in enumerate(edu_start):
        e = edu_start[k + 1][0] if k + 1 < len(edu_start) else len(full)
        edus[eid] = (st, len(full[:e].rstrip()))
    return GumDoc(doc["id"], full, edus, rels, mentions)


def overlap(a, b):
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def analyze(binary, docs):
    """claimgraph's JSON output per document name."""
    with tempfile.TemporaryDirectory() as tmp:
        for d in docs:
            pathlib.Path(tmp, d.name + ".txt").write_text(d.text, encoding="utf-8")
        out = subprocess.run(
            [binary, "analyze", "--json", *sorted(str(p) for p in pathlib.Path(tmp).glob("*.txt"))],
            capture_output=True, text=True, check=True,
        ).stdout
    preds = {}
    for line in out.splitlines():
        d = json.loads(line)
        preds[pathlib.Path(d["source"]).stem] = d
    return preds


def attribution(args, docs, preds):
    g_total = g_found = g_attr = p_total = p_ok = 0
    misses = []
    unmatched = []
    for d in docs:
        gold = [(l, s, t) for l, s, t in d.rels if l.startswith("attribution") and s in d.edus and t in d.edus]
        sts = preds.get(d.name, {}).get("statements", [])
        p_total += len(sts)
        matched_pred = set()
        for label, src, tgt in gold:
            g_total += 1
            content, source = d.edus[tgt], d.edus[src]
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
                misses.append((d.name, label, d.text[source[0]:source[1]], d.text[content[0]:content[1]]))
        p_ok += len(matched_pred)
        for k, s in enumerate(sts):
            if k not in matched_pred:
                unmatched.append((d.name, s.get("speaker"), s.get("cue"), s["content"]))
    r = g_found / g_total if g_total else 0.0
    ra = g_attr / g_total if g_total else 0.0
    p = p_ok / p_total if p_total else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    print(f"GUM {args.genre} attribution: {len(docs)} documents, {g_total} gold attribution relations, {p_total} statements")
    print(f"reported unit found  R {r:.3f}  (attributed to the source unit: {ra:.3f})")
    print(f"statements on a gold reported unit  P {p:.3f}   F1 {f:.3f}")
    if args.misses:
        for name, label, src, tgt in misses:
            print(f"- {name} {label}\n    source:  {src[:150]}\n    content: {tgt[:150]}")
        print(f"statements on no gold reported unit: {len(unmatched)}")
        for name, speaker, cue, content in unmatched:
            print(f"+ {name} {speaker!r} / {cue!r}\n    content: {content[:150]}")


def norm(s):
    """The scorer's name normalisation (../shared/eval/score.py)."""
    s = unicodedata.normalize("NFKC", s or "").lower()
    s = re.sub(r"[’'`]s\b", "", s)
    s = re.sub(r"[^\w\s]", " ", s)
    s = " ".join(s.split())
    return s[4:] if s.startswith("the ") else s


TYPES = {"PERSON": "person", "ORG": "organization", "MEDIA": "organization", "GPE": "place", "LOC": "place",
         "EVENT": "event"}


def entities(args, docs, preds):
    n_gold = n_found = n_pred = n_ok = n_typed = 0
    misses, wrong = [], []
    for d in docs:
        clusters = {}  # cluster -> (types, names, proper)
        for cid, ty, a, b, proper in d.mentions:
            c = clusters.setdefault(cid, [set(), set(), False])
            c[0].add(ty)
            c[1].add(norm(d.text[a:b]))
            c[2] = c[2] or proper
        named = {cid: c for cid, c in clusters.items() if c[2] and c[0] & set(TYPES.values())}
        by_name = {}
        for cid, ty, a, b, proper in sorted(d.mentions, key=lambda m: m[3] - m[2]):
            if proper:
                by_name.setdefault(norm(d.text[a:b]), cid)

        def cluster_of(name):
            """The cluster with this name, else with the shortest proper
            mention holding it ("donald trump" in "u s president donald
            trump")."""
            if name in by_name:
                return by_name[name]
            if len(name) < 3:
                return None
            return next((cid for m, cid in by_name.items() if f" {name} " in f" {m} "), None)
        ents = preds.get(d.name, {}).get("entities", [])
        found = set()
        for e in ents:
            n_pred += 1
            cid = cluster_of(norm(e["name"]))
            if cid is None:
                wrong.append((d.name, e["name"], e.get("type"), "no named GUM entity"))
                continue
            n_ok += 1
            if cid in named:
                found.add(cid)
            if TYPES.get(e.get("type")) in clusters[cid][0]:
                n_typed += 1
            else:
                wrong.append((d.name, e["name"], e.get("type"), "GUM: " + "/".join(sorted(clusters[cid][0]))))
        n_gold += len(named)
        n_found += len(found)
        for cid, c in named.items():
            if cid not in found:
                misses.append((d.name, "/".join(sorted(c[0])), sorted(c[1])[:4]))
    r = n_found / n_gold if n_gold else 0.0
    p = n_ok / n_pred if n_pred else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    t = n_typed / n_ok if n_ok else 0.0
    print(f"GUM {args.genre} entities: {len(docs)} documents, {n_gold} named entities, {n_pred} predicted")
    print(f"entities  P {p:.3f}  R {r:.3f}  F1 {f:.3f}   type accuracy on matches {t:.3f}")
    if args.misses:
        for name, ty, names in misses:
            print(f"- missed {name} {ty}: {names}")
        for name, e, ty, why in wrong:
            print(f"- wrong  {name} {e!r} {ty}: {why}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("what", nargs="?", default="attribution", choices=["attribution", "entities"])
    ap.add_argument("--bin", default=str(ROOT / "target" / "release" / "claimgraph"))
    ap.add_argument("--genre", default="news")
    ap.add_argument("--misses", action="store_true", help="list what was missed or wrong")
    args = ap.parse_args()
    if not GUM.is_dir():
        print(f"skipped: {GUM} is absent (it comes with ../shared)")
        return 0
    docs = list(documents(args.genre))
    preds = analyze(args.bin, docs)
    (attribution if args.what == "attribution" else entities)(args, docs, preds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
