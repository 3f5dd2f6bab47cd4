"""Single-thread inference throughput of a trained probe on EWT test, plus analytic MACs/token.

python speed.py runs/h128 [--batch 64]
Reports (a) model-only tokens/s: jitted predict on pre-built padded batches (featurization and
compile excluded; tensors already on device), best of 3 passes; (b) end-to-end tokens/s including the
Python featurization/batching (not representative of a compiled implementation; for reference).
"""
import argparse, json, pickle, time
import numpy as np
import jax, jax.numpy as jnp
import data as D
import model as M


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("run")
    ap.add_argument("--batch", type=int, default=64)
    a = ap.parse_args()
    ck = pickle.load(open(f"{a.run}/params.pkl", "rb"))
    params, cfg, vocab = ck["params"], ck["cfg"], ck["vocab"]
    params = jax.device_put(params)
    test = D.read_conllu(D.paths()["ewt_test"])
    ntok = sum(len(s["forms"]) for s in test)
    pred = jax.jit(lambda p, b: M.predict(p, cfg, b))

    t0 = time.perf_counter()
    D.featurize(test, vocab)
    bs = []
    for idx, T in D.batches(test, a.batch):
        b = D.make_batch([test[i] for i in idx], a.batch, T)
        bs.append({k: jnp.asarray(b[k]) for k in ("w", "a", "m")})
    t_feat = time.perf_counter() - t0
    padded = sum(int(np.prod(b["m"].shape)) for b in bs)
    for b in bs:  # compile every bucket shape
        jax.block_until_ready(pred(params, b))
    best = 1e9
    for _ in range(3):
        t0 = time.perf_counter()
        outs = [pred(params, b) for b in bs]
        jax.block_until_ready(outs)
        best = min(best, time.perf_counter() - t0)
    n_avg = ntok / len(test) + 1
    macs = M.macs_per_token(cfg, n_avg)
    res = dict(cfg=cfg, batch=a.batch, tokens=ntok, padded_positions=padded, model_seconds=round(best, 3),
               model_tok_s=round(ntok / best), end_to_end_tok_s=round(ntok / (best + t_feat)),
               featurize_seconds=round(t_feat, 3), mean_len_plus_root=round(n_avg, 2), macs_per_token=macs,
               achieved_gflops_on_real_tokens=round(2 * macs["total"] * ntok / best / 1e9, 2))
    print(json.dumps(res, indent=1))
    json.dump(res, open(f"{a.run}/speed_b{a.batch}.json", "w"), indent=1)


if __name__ == "__main__":
    main()
