"""Train the BiLSTM+biaffine probe; early stopping on EWT dev LAS.

python train.py --hidden 128 --out runs/h128 [--max-epochs 30 --patience 5 --max-minutes 35]
"""
import argparse, json, os, pickle, time
import numpy as np
import jax, jax.numpy as jnp
import optax
import data as D
import model as M
from score import score_arrays


def load_all():
    P = D.paths()
    train = D.read_conllu(P["ewt_train"]) + D.read_conllu(P["gum_train"])
    vocab = D.build_vocab(train, 2)
    sets = dict(train=train, ewt_dev=D.read_conllu(P["ewt_dev"]), ewt_test=D.read_conllu(P["ewt_test"]),
                gum_test=D.read_conllu(P["gum_test"]))
    for s in sets.values():
        D.featurize(s, vocab)
    return sets, vocab


def run_predict(pred_fn, params, sents, B=64):
    out = [None] * len(sents)
    for idx, T in D.batches(sents, B):
        b = D.make_batch([sents[i] for i in idx], B, T)
        tg, hd, lb = pred_fn(params, {k: jnp.asarray(v) for k, v in b.items() if k in ("w", "a", "m")})
        tg, hd, lb = np.asarray(tg), np.asarray(hd), np.asarray(lb)
        for r, i in enumerate(idx):
            n = len(sents[i]["forms"])
            out[i] = (tg[r, 1:n + 1], hd[r, 1:n + 1], lb[r, 1:n + 1])
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--enc", default="lstm", choices=["lstm", "cnn"])
    ap.add_argument("--out", required=True)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--max-epochs", type=int, default=30)
    ap.add_argument("--patience", type=int, default=5)
    ap.add_argument("--max-minutes", type=float, default=35)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--init", help="warm-start from a params.pkl (same cfg)")
    ap.add_argument("--decay", type=float, default=1.0, help="lr multiplied by this after every epoch")
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    t_start = time.time()
    sets, vocab = load_all()
    train = sets["train"]
    ntok = sum(len(s["forms"]) for s in train)
    print(f"train {len(train)} sents {ntok} tokens; vocab {len(vocab)}; ewt dev {len(sets['ewt_dev'])} "
          f"test {len(sets['ewt_test'])} gum test {len(sets['gum_test'])}", flush=True)
    cfg = M.config(a.hidden, a.layers, enc=a.enc)
    params = M.init(cfg, len(vocab) + 3, seed=a.seed)
    nparams = sum(int(np.prod(x.shape)) for x in jax.tree_util.tree_leaves(params))
    nemb = int(np.prod(params["emb_w"].shape) + np.prod(params["emb_a"].shape))
    print(f"cfg {cfg} params {nparams} (embeddings {nemb}, dense {nparams - nemb})", flush=True)
    if a.init:
        ck = pickle.load(open(a.init, "rb"))
        assert {**ck["cfg"], "enc": ck["cfg"].get("enc", "lstm")} == cfg and ck["vocab"] == vocab
        params = jax.device_put(ck["params"])
    steps_per_epoch = (len(train) + a.batch - 1) // a.batch
    lr = optax.exponential_decay(a.lr, steps_per_epoch, a.decay, staircase=True) if a.decay != 1.0 else a.lr
    opt = optax.chain(optax.clip_by_global_norm(5.0), optax.adam(lr, b1=0.9, b2=0.9))
    st = opt.init(params)

    @jax.jit
    def step(params, st, b, key):
        l, g = jax.value_and_grad(M.loss_fn)(params, cfg, b, key)
        u, st = opt.update(g, st, params)
        return optax.apply_updates(params, u), st, l

    pred_fn = jax.jit(lambda p, b: M.predict(p, cfg, b))
    rng = np.random.RandomState(a.seed)
    key = jax.random.PRNGKey(a.seed + 100)
    best, best_ep, log = -1, 0, []
    for ep in range(1, a.max_epochs + 1):
        t0 = time.time()
        tot, nb = 0.0, 0
        for idx, T in D.batches(train, a.batch, rng):
            b = D.make_batch([train[i] for i in idx], a.batch, T)
            key, sk = jax.random.split(key)
            params, st, l = step(params, st, {k: jnp.asarray(v) for k, v in b.items()}, sk)
            tot += float(l) if nb % 50 == 0 else 0
            nb += 1
        ttrain = time.time() - t0
        pred = run_predict(pred_fn, params, sets["ewt_dev"])
        sc = score_arrays(sets["ewt_dev"], pred)
        log.append(dict(epoch=ep, train_s=ttrain, **sc))
        el = (time.time() - t_start) / 60
        print(f"ep {ep} train {ttrain:.0f}s dev UPOS {sc['upos']:.2f} UAS {sc['uas']:.2f} LAS {sc['las']:.2f} "
              f"(base {sc['las_base']:.2f}) elapsed {el:.1f}min", flush=True)
        if sc["las"] > best:
            best, best_ep = sc["las"], ep
            with open(f"{a.out}/params.pkl", "wb") as f:
                pickle.dump(dict(params=jax.device_get(params), cfg=cfg, vocab=vocab), f)
        if ep - best_ep >= a.patience:
            print("early stop", flush=True)
            break
        if el + (time.time() - t0) / 60 > a.max_minutes:
            print("time budget reached", flush=True)
            break
    train_min = (time.time() - t_start) / 60
    with open(f"{a.out}/params.pkl", "rb") as f:
        params = pickle.load(f)["params"]
    res = dict(cfg=cfg, params=nparams, dense_params=nparams - nemb, best_epoch=best_ep, epochs_run=ep,
               train_minutes=train_min, log=log)
    for name in ("ewt_dev", "ewt_test", "gum_test"):
        pred = run_predict(pred_fn, params, sets[name])
        D.write_conllu(f"{a.out}/{name}.conllu", sets[name], pred)
        res[name] = score_arrays(sets[name], pred)
        print(name, res[name], flush=True)
    json.dump(res, open(f"{a.out}/result.json", "w"), indent=1)


if __name__ == "__main__":
    main()
