#!/usr/bin/env python3
"""Where claim links are lost: for each predicted claim id, the gold claims of
its matched statements (statements matched exactly as ../shared/eval/score.py
matches them; only statements with gold claims count for claim_links).
With --pairs: the missed and the false statement pairs instead, counted by
(gold claims, predicted claims), largest first.
  scripts/claim-diag.py GOLD_DIR PRED.jsonl [--pairs]"""
import sys, json, collections, importlib.util, pathlib, itertools
gold_dir = pathlib.Path(sys.argv[1])
score_py = gold_dir.resolve().parent.parent / "eval" / "score.py"
if not score_py.exists(): score_py = pathlib.Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "score.py"
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
if "--pairs" in sys.argv[3:]:
    miss, false = collections.Counter(), collections.Counter()
    for a, b in itertools.combinations(rows, 2):
        g, p = bool(set(a[1]) & set(b[1])), a[2] is not None and a[2] == b[2]
        if g and not p:
            miss[(tuple(sorted(set(a[1]) & set(b[1]))), tuple(sorted((str(a[2]), str(b[2])))))] += 1
        elif p and not g:
            false[(a[2], tuple(sorted((a[1], b[1]))))] += 1
    print("missed pairs (gold claims shared, predicted claims):", sum(miss.values()))
    for k, v in miss.most_common(25): print(f"  {v:4d}", *k)
    print("false pairs (predicted claim, gold claims of the two):", sum(false.values()))
    for k, v in false.most_common(25): print(f"  {v:4d}", *k)
    sys.exit(0)
byp = collections.defaultdict(list)
for r in rows: byp[r[2]].append(r)
for c, rs in sorted(byp.items(), key=lambda x: -len(x[1])):
    print(c, collections.Counter(r[1] for r in rs).most_common())
    for r in rs: print("    ", r[0], r[1], r[3])
