#!/usr/bin/env python3
"""Show where predictions and the gold set disagree, statement by statement.

Usage: scripts/dev-diff.py GOLD_DIR PRED.jsonl [NAME-SUBSTRING]

Uses the scorer's own matching (shared/eval/score.py) so what it shows is
what the figures count: missed gold statements, spurious predictions, and
matched pairs whose speaker, stance or kind differ.
"""
import json, pathlib, sys

if len(sys.argv) < 3 or sys.argv[1] in ("-h", "--help"):
    print(__doc__.strip())
    sys.exit(0 if len(sys.argv) > 1 and sys.argv[1] in ("-h", "--help") else 2)
gold_dir = pathlib.Path(sys.argv[1])
sys.path.insert(0, str(gold_dir.parent.parent / "eval"))
import score  # noqa: E402

preds = score.load_preds(sys.argv[2])
only = sys.argv[3] if len(sys.argv) > 3 else None
for gf in sorted(gold_dir.glob("*.json")):
    if gf.name == "claims.json" or (only and only not in gf.stem):
        continue
    gold = json.loads(gf.read_text(encoding="utf-8"))
    ps = preds.get(gf.stem, {}).get("statements", [])
    gs = gold["statements"]
    pairs = score.match(ps, gs)
    mp = {i for i, _ in pairs}
    mg = {j for _, j in pairs}
    print(f"===== {gf.stem}  gold {len(gs)} pred {len(ps)} matched {len(pairs)}")
    for j, g in enumerate(gs):
        if j not in mg:
            print(f"  MISS  [{g['kind'][:3]} {g['stance'][:4]}] {g['speaker']!r} cue={g.get('cue')!r} | {g['content'][:100]!r}")
    for i, p in enumerate(ps):
        if i not in mp:
            print(f"  FALSE [{p['kind'][:3]} {p['stance'][:4]}] {p['speaker']!r} cue={p.get('cue')!r} | {p['content'][:100]!r}")
    for i, j in pairs:
        p, g = ps[i], gs[j]
        bad = []
        if not score.same_speaker(p, g):
            bad.append(f"speaker {p['speaker']!r} != {g['speaker']!r}")
        if p["stance"] != g["stance"]:
            bad.append(f"stance {p['stance']} != {g['stance']}")
        if p["kind"] != g["kind"]:
            bad.append(f"kind {p['kind']} != {g['kind']}")
        if bad:
            print(f"  DIFF  {'; '.join(bad)} | {g['content'][:80]!r}")
