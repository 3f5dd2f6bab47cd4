"""Collects runs/*/result.json, runs/*/speed_b*.json and runs/roofline.json into one markdown table.

python report.py runs/h128 runs/h128ft runs/cnn128x4 ...
"""
import json, os, sys

roof = json.load(open("runs/roofline.json"))
peak = max(max(v.values()) for v in roof.values())
print(f"one-core f32 matmul peak measured: {peak:.1f} GFLOP/s (max over shapes and numpy/XLA)\n")
print("| run | enc | dense params | all params | MACs/tok (enc) | MACs/tok (total) | train min | best ep | "
      "dev UPOS/UAS/LAS | test UPOS/UAS/LAS | GUM test UPOS/UAS/LAS | tok/s measured, best batch (all batches) | roofline tok/s total (enc only) |")
print("|" + "---|" * 13)
for run in sys.argv[1:]:
    r = json.load(open(f"{run}/result.json"))
    sp = {b: json.load(open(f"{run}/speed_b{b}.json")) for b in (16, 32, 64, 256) if os.path.exists(f"{run}/speed_b{b}.json")}
    s = next(iter(sp.values())) if sp else None
    m = s["macs_per_token"] if s else None
    f = lambda d: f"{d['upos']:.2f}/{d['uas']:.2f}/{d['las']:.2f}"
    c = r["cfg"]
    enc = f"{c.get('enc', 'lstm')} H={c['H']} L={c['layers']} Da={c['Da']} Dl={c['Dl']}"
    bb = max(sp, key=lambda b: sp[b]["model_tok_s"]) if sp else None
    meas = (f"{sp[bb]['model_tok_s']:,} @b{bb} (" + ", ".join(f"b{b}:{sp[b]['model_tok_s']:,}" for b in sp) + ")") if sp else "-"
    roofs = f"{peak * 1e9 / (2 * m['total']):,.0f} ({peak * 1e9 / (2 * m['encoder']):,.0f})" if m else "-"
    print(f"| {run} | {enc} | {r['dense_params']:,} | {r['params']:,} | {m['encoder']:,} | {m['total']:,.0f} | "
          f"{r['train_minutes']:.1f} | {r['best_epoch']}/{r['epochs_run']} | {f(r['ewt_dev'])} | {f(r['ewt_test'])} | "
          f"{f(r['gum_test'])} | {meas} | {roofs} |")
