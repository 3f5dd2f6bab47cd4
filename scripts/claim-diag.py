#!/usr/bin/env python3
"""Where claim links are lost: for each predicted claim id, the gold claims of
its matched statements (statements matched exactly as ../shared/eval/score.py
matches them; only statements with gold claims count for claim_links).
  scripts/claim-diag.py GOLD_DIR PRED.jsonl"""
import sys, json, collections, importlib.util, pathlib
gold_dir = pathlib.Path(sys.argv[1])
score_py = gold_dir.resolve().parent.parent / "eval" / "score.py"
spec = importlib.util.spec_from_file_location("score", score_py); S = importlib.util.module_from_spec(spec); spec.loader.exec_module(S)
preds = S.load_preds(sys.argv[2])
rows = []
for gf in sorted(gold_dir.glob("*.json")):
    if gf.name == "claims.json": continue
    gold = json.loads(gf.read_text()); p = preds.get(gf.stem, {"statements": []})
    gs, ps = gold["statements"], p["statements"]
    for i, j in S.match(ps, gs):
        if gs[j].get("claims"):
            rows.append((gf.stem[:6], tuple(gs[j]["claims"]), ps[i].get("claim"), ps[i]["content"][:70]))
byp = collections.defaultdict(list)
for r in rows: byp[r[2]].append(r)
for c, rs in sorted(byp.items(), key=lambda x: -len(x[1])):
    print(c, collections.Counter(r[1] for r in rs).most_common())
    for r in rs: print("    ", r[0], r[1], r[3])
