"""BiLSTM + biaffine (Dozat & Manning 2017) joint UPOS tagger / dependency parser in JAX.

Input per token: word embedding (normalized form seen >= 2 times in train, random init)
concatenated with the SUM of 8 hashed embeddings (prefixes 1-3, suffixes 1-4, word shape).
Encoder: `layers` BiLSTM layers, hidden H per direction.
Heads (all read the top encoder layer; predicted tags are NOT fed to the parser):
  UPOS: linear 2H -> 18
  arc:  dep/head MLPs 2H -> Da (leaky relu), score(i<-j) = dep_i^T U head_j + head_j . u
  label: dep/head MLPs 2H -> Dl, score(l) = dep^T U_l head + W_l [dep; head] + b_l
Decoding: per-token argmax head (no tree constraint), label for the chosen head.
"""
import jax
import jax.numpy as jnp
import numpy as np
from data import N_HASH, N_AFF, UPOS, DEPREL

N_TAG = len(UPOS)
N_LAB = len(DEPREL)


def config(H, layers=2, Ew=100, Ea=64, Da=None, Dl=None, enc="lstm"):
    """enc="lstm": BiLSTM, H per direction, output 2H.
    enc="cnn": input projection to C=H channels, then `layers` residual dilated 1-D convolutions
    (kernel 3, dilation 1,2,4,8,..., relu), output H."""
    out = 2 * H if enc == "lstm" else H
    return dict(H=H, layers=layers, Ew=Ew, Ea=Ea, Da=Da or out, Dl=Dl or max(32, out // 4), enc=enc)


def out_dim(cfg):
    return 2 * cfg["H"] if cfg.get("enc", "lstm") == "lstm" else cfg["H"]


def init(cfg, n_words, seed=0):
    k = jax.random.PRNGKey(seed)
    ks = iter(jax.random.split(k, 64))
    H, Ew, Ea, Da, Dl = cfg["H"], cfg["Ew"], cfg["Ea"], cfg["Da"], cfg["Dl"]

    def g(shape, fan_in):
        return jax.random.normal(next(ks), shape, jnp.float32) * np.sqrt(1.0 / fan_in)

    p = dict(
        emb_w=g((n_words, Ew), 1.0) * 0.1,
        emb_a=(g((N_HASH, Ea), 1.0) * 0.1).at[0].set(0.0),
    )
    din = Ew + Ea
    if cfg.get("enc", "lstm") == "cnn":
        p["proj"] = dict(W=g((din, H), din), b=jnp.zeros(H))
        for l in range(cfg["layers"]):
            p[f"c{l}"] = dict(W=g((3 * H, H), 3 * H) * 0.5, b=jnp.zeros(H))
    for l in range(cfg["layers"] if cfg.get("enc", "lstm") == "lstm" else 0):
        b = jnp.zeros(8 * H).at[H:2 * H].set(1.0).at[5 * H:6 * H].set(1.0)  # forget-gate bias 1
        p[f"l{l}"] = dict(Wih=g((din, 8 * H), din), b=b,
                          Whf=jnp.linalg.qr(jax.random.normal(next(ks), (4 * H, H)))[0].T * 1.0,
                          Whb=jnp.linalg.qr(jax.random.normal(next(ks), (4 * H, H)))[0].T * 1.0)
        din = 2 * H
    H2 = out_dim(cfg)
    p["tag"] = dict(W=g((H2, N_TAG), H2), b=jnp.zeros(N_TAG))
    p["arc_d"] = dict(W=g((H2, Da), H2), b=jnp.zeros(Da))
    p["arc_h"] = dict(W=g((H2, Da), H2), b=jnp.zeros(Da))
    p["arc_U"] = jnp.zeros((Da, Da))
    p["arc_u"] = jnp.zeros(Da)
    p["lab_d"] = dict(W=g((H2, Dl), H2), b=jnp.zeros(Dl))
    p["lab_h"] = dict(W=g((H2, Dl), H2), b=jnp.zeros(Dl))
    p["lab_U"] = jnp.zeros((N_LAB, Dl, Dl))
    p["lab_W"] = g((2 * Dl, N_LAB), 2 * Dl)
    p["lab_b"] = jnp.zeros(N_LAB)
    return p


def dropout(x, rate, key):
    if key is None or rate == 0:
        return x
    keep = jax.random.bernoulli(key, 1 - rate, x.shape)
    return jnp.where(keep, x / (1 - rate), 0.0)


def bilstm_layer(lp, x, m, H):
    """x: (B,T,D), m: (B,T). Returns (B,T,2H)."""
    B, T, _ = x.shape
    G = x @ lp["Wih"] + lp["b"]            # (B,T,8H): input projections, both directions, all steps at once
    Gf = jnp.swapaxes(G[..., :4 * H], 0, 1)          # (T,B,4H)
    Gb = jnp.swapaxes(G[..., 4 * H:], 0, 1)[::-1]
    mt = jnp.swapaxes(m, 0, 1)[..., None]
    mf, mb = mt, mt[::-1]

    def cell(g, h, c, W):
        z = g + h @ W
        i, f, o, u = jnp.split(z, 4, axis=-1)
        c2 = jax.nn.sigmoid(f) * c + jax.nn.sigmoid(i) * jnp.tanh(u)
        h2 = jax.nn.sigmoid(o) * jnp.tanh(c2)
        return h2, c2

    def step(carry, inp):
        hf, cf, hb, cb = carry
        gf, gb, mf_, mb_ = inp
        hf2, cf2 = cell(gf, hf, cf, lp["Whf"])
        hb2, cb2 = cell(gb, hb, cb, lp["Whb"])
        # padding: backward direction starts at padding with zero state and keeps it until real tokens
        hf2, cf2 = mf_ * hf2 + (1 - mf_) * hf, mf_ * cf2 + (1 - mf_) * cf
        hb2, cb2 = mb_ * hb2 + (1 - mb_) * hb, mb_ * cb2 + (1 - mb_) * cb
        return (hf2, cf2, hb2, cb2), (hf2, hb2)

    z = jnp.zeros((B, H), x.dtype)
    _, (hf, hb) = jax.lax.scan(step, (z, z, z, z), (Gf, Gb, mf, mb))
    out = jnp.concatenate([hf, hb[::-1]], axis=-1)   # (T,B,2H)
    return jnp.swapaxes(out, 0, 1)


def leaky(x):
    return jnp.where(x > 0, x, 0.1 * x)


def encode(p, cfg, b, key=None, drop=0.33):
    keys = list(jax.random.split(key, 8)) if key is not None else [None] * 8
    x = jnp.concatenate([p["emb_w"][b["w"]], p["emb_a"][b["a"]].sum(-2)], axis=-1)
    x = dropout(x, drop, keys[0])
    if cfg.get("enc", "lstm") == "cnn":
        m = b["m"][..., None]
        x = jax.nn.relu(x @ p["proj"]["W"] + p["proj"]["b"]) * m
        for l in range(cfg["layers"]):
            d = 2 ** l
            xl = jnp.pad(x, ((0, 0), (d, 0), (0, 0)))[:, :-d]   # token i-d
            xr = jnp.pad(x, ((0, 0), (0, d), (0, 0)))[:, d:]    # token i+d
            y = jnp.concatenate([xl, x, xr], -1) @ p[f"c{l}"]["W"] + p[f"c{l}"]["b"]
            x = (x + dropout(jax.nn.relu(y), 0.2 if key is not None else 0.0, keys[1 + l % 5])) * m
        return x, keys[6:]
    for l in range(cfg["layers"]):
        x = bilstm_layer(p[f"l{l}"], x, b["m"], cfg["H"])
        x = dropout(x, drop, keys[1 + l])
    return x, keys[6:]


def heads_scores(p, cfg, x, m, keys, drop):
    tag = x @ p["tag"]["W"] + p["tag"]["b"]
    ad = dropout(leaky(x @ p["arc_d"]["W"] + p["arc_d"]["b"]), drop, keys[0])
    ah = dropout(leaky(x @ p["arc_h"]["W"] + p["arc_h"]["b"]), drop, keys[1])
    arc = jnp.einsum("bid,bjd->bij", ad @ p["arc_U"], ah) + (ah @ p["arc_u"])[:, None, :]
    arc = jnp.where(m[:, None, :] > 0, arc, -1e9)
    ld = leaky(x @ p["lab_d"]["W"] + p["lab_d"]["b"])
    lh = leaky(x @ p["lab_h"]["W"] + p["lab_h"]["b"])
    return tag, arc, ld, lh


def label_scores(p, ld, lh, heads):
    lhh = jnp.take_along_axis(lh, heads[..., None], axis=1)     # (B,T,Dl) rep of each token's head
    bil = jnp.einsum("bid,ldk,bik->bil", ld, p["lab_U"], lhh)
    return bil + jnp.concatenate([ld, lhh], -1) @ p["lab_W"] + p["lab_b"]


def loss_fn(p, cfg, b, key, drop=0.33):
    x, keys = encode(p, cfg, b, key, drop)
    tag, arc, ld, lh = heads_scores(p, cfg, x, b["m"], keys, drop)
    tm = b["m"].at[:, 0].set(0.0)
    n = tm.sum()
    lt = -(jax.nn.log_softmax(tag) * jax.nn.one_hot(b["t"], N_TAG)).sum(-1)
    la = -jnp.take_along_axis(jax.nn.log_softmax(arc, -1), b["h"][..., None], -1)[..., 0]
    lab = label_scores(p, ld, lh, b["h"])
    ll = -jnp.take_along_axis(jax.nn.log_softmax(lab, -1), b["l"][..., None], -1)[..., 0]
    return ((lt + la + ll) * tm).sum() / n


def predict(p, cfg, b):
    x, keys = encode(p, cfg, b, None, 0.0)
    tag, arc, ld, lh = heads_scores(p, cfg, x, b["m"], keys, 0.0)
    heads = jnp.argmax(arc, -1)
    lab = jnp.argmax(label_scores(p, ld, lh, heads), -1)
    return jnp.argmax(tag, -1), heads, lab


def macs_per_token(cfg, n_avg):
    """Analytic multiply-adds per token at inference (embedding lookups and nonlinearities excluded).
    n_avg: mean sentence length (+1 for ROOT) for the O(n) arc-scoring term."""
    H, Ew, Ea, Da, Dl = cfg["H"], cfg["Ew"], cfg["Ea"], cfg["Da"], cfg["Dl"]
    enc = 0
    din = Ew + Ea
    if cfg.get("enc", "lstm") == "cnn":
        enc = din * H + cfg["layers"] * 3 * H * H
    for _ in range(cfg["layers"] if cfg.get("enc", "lstm") == "lstm" else 0):
        enc += 2 * (din * 4 * H + H * 4 * H)   # both directions: input proj + recurrent
        din = 2 * H
    H2 = out_dim(cfg)
    tag = H2 * N_TAG
    arc_mlp = 2 * (H2 * Da)
    arc_bil = Da * Da + Da + n_avg * Da          # dep@U, head.u, then one dot per candidate head
    lab_mlp = 2 * (H2 * Dl)
    lab = N_LAB * Dl * Dl + 2 * Dl * N_LAB      # bilinear + linear, for the chosen head only
    return dict(encoder=enc, tag=tag, arc_mlp=arc_mlp, arc_biaffine=arc_bil, lab_mlp=lab_mlp, lab=lab,
                total=enc + tag + arc_mlp + arc_bil + lab_mlp + lab)
