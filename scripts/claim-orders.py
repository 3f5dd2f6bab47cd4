#!/usr/bin/env python3
"""Claim linking over shuffled document orders.

The linker is online: each statement joins the best claim among those made
so far, so its result depends on the order documents arrive in. The dev
figure the scorer prints is one order (file names); a corpus arrives in any
other. This script links the dev documents in that order and in N seeded
shuffles (`link_dev` with LINK_ORDERS), with and without the embedding
model, and prints for each:

- claim-link F1 in file order, and its mean / min / max over the shuffles;
- cross-story pairs: pairs of statements in one predicted claim whose
  documents belong to different stories. Stories are the groups of dev
  documents joined by a shared gold claim id (a document with none is a
  story of its own). The scorer does not see these errors, because it
  counts only statements that carry a gold claim; a user reading the
  ledger does.

With `--unrelated` it also links every GUM document (../shared/data/
ud-english-gum, rebuilt as text by scripts/gum-check.py): each is a
different text on its own topic, so every pair of statements from two
documents in one claim is a false link.

    cargo build --release -p claimgraph-link --example link_dev
    python3 scripts/claim-orders.py [--orders N] [--gold DIR] [--models DIR] [--unrelated]

Needs ../shared (the dev set and the scorer).
"""
import argparse
import itertools
import json
import os
import pathlib
import statistics
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent


def stories(gold):
    """Document stem -> story id (union of documents sharing a gold claim)."""
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            x = parent[x]
        return x

    owner = {}
    for f in sorted(gold.glob("*.json")):
        if f.name == "claims.json":
            continue
        find(f.stem)
        for s in json.loads(f.read_text(encoding="utf-8")).get("statements", []):
            for c in s.get("claims") or []:
                if c in owner:
                    parent[find(f.stem)] = find(owner[c])
                else:
                    owner[c] = f.stem
    return {d: find(d) for d in parent}


def cross_story_pairs(pred, story):
    members = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        stem = pathlib.Path(d["source"]).stem
        for s in d["statements"]:
            if s.get("claim"):
                members.setdefault(s["claim"], []).append(story.get(stem, stem))
    return sum(a != b for ms in members.values() for a, b in itertools.combinations(ms, 2))


def cross_document_pairs(pred):
    members = {}
    for line in pred.read_text(encoding="utf-8").splitlines():
        d = json.loads(line)
        for s in d["statements"]:
            if s.get("claim"):
                members.setdefault(s["claim"], []).append(d["source"])
    statements = sum(len(m) for m in members.values())
    pairs = sum(a != b for ms in members.values() for a, b in itertools.combinations(ms, 2))
    return statements, len(members), sum(len(set(m)) > 1 for m in members.values()), pairs


def unrelated(a):
    import importlib.util

    spec = importlib.util.spec_from_file_location("gum_check", ROOT / "scripts" / "gum-check.py")
    gum = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(gum)
    genres = ["academic", "bio", "conversation", "court", "essay", "fiction", "interview", "letter",
              "news", "podcast", "speech", "textbook", "vlog", "voyage", "whow"]
    with tempfile.TemporaryDirectory() as tmp:
        t = pathlib.Path(tmp)
        n = 0
        for g in genres:
            for d in gum.documents(g):
                (t / f"{d.name}.txt").write_text(d.text, encoding="utf-8")
                n += 1
        for label, extra in (("embeddings", ["--models", a.models]), ("lexical", [])):
            with open(t / "out.jsonl", "w") as out:
                subprocess.run([a.bin, *extra, str(t)], stdout=out, stderr=subprocess.DEVNULL, check=True)
            st, claims, multi, pairs = cross_document_pairs(t / "out.jsonl")
            print(f"{label:10}  {n} unrelated GUM documents: {st} statements, {claims} claims, "
                  f"{multi} spanning documents, {pairs} cross-document pairs (all false)")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--orders", type=int, default=40)
    ap.add_argument("--gold", default=str(ROOT / "../shared/gold/dev"))
    ap.add_argument("--models", default=str(ROOT / "models/minilm"))
    ap.add_argument("--bin", default=str(ROOT / "target/release/examples/link_dev"))
    ap.add_argument("--unrelated", action="store_true", help="also link all GUM documents (see above)")
    a = ap.parse_args()
    gold = pathlib.Path(a.gold)
    if not gold.is_dir():
        print(f"skipped: no gold set at {gold} (needs ../shared)")
        return
    sys.path.insert(0, str(gold.parent.parent / "eval"))
    import score

    story = stories(gold)
    for label, extra in (("embeddings", ["--models", a.models]), ("lexical", [])):
        with tempfile.TemporaryDirectory() as tmp:
            t = pathlib.Path(tmp)
            env = dict(os.environ, LINK_ORDERS=f"{a.orders} {t / 'orders'}")
            with open(t / "file.jsonl", "w") as out:
                subprocess.run([a.bin, *extra, str(gold)], stdout=out, stderr=subprocess.DEVNULL, env=env, check=True)
            runs = [t / "file.jsonl"] + sorted((t / "orders").glob("order-*.jsonl"))
            f1 = [score.score(str(gold), str(r))["claim_links"]["f1"] for r in runs]
            cross = [cross_story_pairs(r, story) for r in runs]
        print(
            f"{label:10}  file order F1 {f1[0]:.3f}, cross-story pairs {cross[0]}  |  "
            f"{a.orders} shuffles: F1 mean {statistics.mean(f1[1:]):.3f} (min {min(f1[1:]):.3f}, "
            f"max {max(f1[1:]):.3f}), cross-story pairs mean {statistics.mean(cross[1:]):.1f}"
        )
    if a.unrelated:
        unrelated(a)


if __name__ == "__main__":
    main()
