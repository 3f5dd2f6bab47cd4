"""One-core f32 matmul rate (GFLOP/s) at the probe's shapes, numpy/OpenBLAS and XLA.

Run pinned to one core with threads=1 (source env.sh; taskset -c 1).
"""
import json, sys, time
import numpy as np
import jax, jax.numpy as jnp


def bench(f, flops, reps_min=0.5):
    f()
    n, t0 = 0, time.perf_counter()
    while True:
        f(); n += 1
        dt = time.perf_counter() - t0
        if dt > reps_min:
            return flops * n / dt / 1e9


def main():
    shapes = {
        "square 1024x1024x1024": (1024, 1024, 1024),
        "H64 input proj (2048x164 @ 164x512)": (2048, 164, 512),
        "H64 recurrent (64x64 @ 64x256)": (64, 64, 256),
        "H128 input proj (2048x164 @ 164x1024)": (2048, 164, 1024),
        "H128 layer2 proj (2048x256 @ 256x1024)": (2048, 256, 1024),
        "H128 recurrent (64x128 @ 128x512)": (64, 128, 512),
        "H128 recurrent (256x128 @ 128x512)": (256, 128, 512),
        "H200 layer2 proj (2048x400 @ 400x1600)": (2048, 400, 1600),
        "H200 recurrent (64x200 @ 200x800)": (64, 200, 800),
        "arc MLP (2048x256 @ 256x256)": (2048, 256, 256),
    }
    res = {}
    rng = np.random.RandomState(0)
    for name, (m, k, n) in shapes.items():
        a = rng.randn(m, k).astype(np.float32)
        b = rng.randn(k, n).astype(np.float32)
        fl = 2.0 * m * k * n
        r_np = bench(lambda: a @ b, fl)
        ja, jb = jnp.asarray(a), jnp.asarray(b)
        mm = jax.jit(lambda x, y: x @ y)
        r_jx = bench(lambda: mm(ja, jb).block_until_ready(), fl)
        res[name] = dict(numpy=round(r_np, 1), xla=round(r_jx, 1))
        print(f"{name:45s} numpy {r_np:7.1f} GFLOP/s   xla {r_jx:7.1f} GFLOP/s", flush=True)
    json.dump(res, open(sys.argv[1] if len(sys.argv) > 1 else "roofline.json", "w"), indent=1)


if __name__ == "__main__":
    main()
