//! Averaged perceptron: a training-time weight store and a compact,
//! quantized, read-only model for inference.

use crate::util::{IdMap, Reader, Truncated, Writer};
use std::borrow::Cow;

/// Training weights: one dense row of `nclass` integer weights per feature,
/// allocated on a feature's first update. Averaging uses the usual trick:
/// `avg = w - u / t` where `u` sums `t * delta`.
pub struct Trainer {
    pub nclass: usize,
    index: IdMap<u32, u32>,
    keys: Vec<u32>,
    w: Vec<i32>,
    u: Vec<i64>,
    t: i64,
}

impl Trainer {
    pub fn new(nclass: usize) -> Trainer {
        Trainer {
            nclass,
            index: IdMap::default(),
            keys: Vec::new(),
            w: Vec::new(),
            u: Vec::new(),
            t: 1,
        }
    }

    pub fn score(&self, feats: &[u32], out: &mut [i32]) {
        let nc = self.nclass;
        out[..nc].fill(0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let row = &self.w[r as usize * nc..(r as usize + 1) * nc];
                for (o, w) in out.iter_mut().zip(row) {
                    *o += *w;
                }
            }
        }
    }

    fn row(&mut self, f: u32) -> usize {
        let nc = self.nclass;
        let next = self.keys.len() as u32;
        let r = *self.index.entry(f).or_insert(next);
        if r == next {
            self.keys.push(f);
            self.w.resize(self.w.len() + nc, 0);
            self.u.resize(self.u.len() + nc, 0);
        }
        r as usize * nc
    }

    /// Promote `good`, demote `bad` on all features.
    pub fn update(&mut self, feats: &[u32], good: usize, bad: usize) {
        if good == bad {
            return;
        }
        let t = self.t;
        for &f in feats {
            let b = self.row(f);
            self.w[b + good] += 1;
            self.u[b + good] += t;
            self.w[b + bad] -= 1;
            self.u[b + bad] -= t;
        }
    }

    /// Adds `delta` to `class` on all features (a structured update:
    /// one call per step of the gold and of the predicted sequence).
    pub fn add(&mut self, feats: &[u32], class: usize, delta: i32) {
        let t = self.t;
        for &f in feats {
            let b = self.row(f);
            self.w[b + class] += delta;
            self.u[b + class] += t * delta as i64;
        }
    }

    /// Count one training instance (advances the averaging clock).
    pub fn tick(&mut self) {
        self.t += 1;
    }

    pub fn features(&self) -> usize {
        self.keys.len()
    }

    /// Averaged, quantized, pruned model. Weights map to i16 with one
    /// global scale; cells whose quantized value is within `prune` of zero
    /// are dropped, as are rows left empty.
    pub fn finish(&self, prune: i32) -> SparseModel {
        let nc = self.nclass;
        let t = self.t as f64;
        let avg = |i: usize| self.w[i] as f64 - self.u[i] as f64 / t;
        let mut maxabs = 0f64;
        for i in 0..self.w.len() {
            maxabs = maxabs.max(avg(i).abs());
        }
        let scale = if maxabs > 0.0 { 32767.0 / maxabs } else { 1.0 };
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&r| self.keys[r]);
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for r in order {
            let start = entries.len();
            for c in 0..nc {
                let q = (avg(r * nc + c) * scale).round() as i32;
                if q.abs() > prune {
                    entries.push(Entry {
                        w: q.clamp(-32767, 32767) as i16,
                        class: c as u16,
                    });
                }
            }
            if entries.len() > start {
                rows.push((self.keys[r], start as u32, (entries.len() - start) as u32));
            }
        }
        assert!(entries.len() < 1 << 24, "model too large for the slot encoding");
        SparseModel::build(nc, rows, entries)
    }
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[repr(C)]
pub struct Entry {
    pub w: i16,
    pub class: u16,
}

#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot {
    key: u32,
    /// start << 8 | len
    pos: u32,
}

/// Slot of the dense 3-class table (the parser's move model): 8 bytes,
/// the weights next to a 16-bit check tag taken from the key bits above
/// the index bits (a false match needs a 1-in-65536 tag clash on a probed
/// slot), so a lookup touches one cache line.
#[derive(Clone, Copy, Default)]
#[repr(C)]
struct Slot3 {
    tag: u16,
    w: [i16; 3],
}

#[inline(always)]
fn tag16(key: u32) -> u16 {
    let t = (key >> 16) as u16 ^ (key as u16).rotate_left(7);
    if t == 0 {
        1
    } else {
        t
    }
}

/// Read-only model: an open-addressing table from feature key to a short
/// run of (class, weight) entries (or, for 3 classes, to inline weights).
///
/// The tables are either built here (`read`, training) or mapped from an
/// image compiled into the binary (`from_image`, the embedded models: see
/// `image.rs`), which spares building them at every start.
#[derive(Clone)]
pub struct SparseModel {
    pub nclass: usize,
    mask: usize,
    slots: Cow<'static, [Slot]>,
    slots3: Cow<'static, [Slot3]>,
    entries: Cow<'static, [Entry]>,
    /// Rows with many entries, stored whole: `dense_width` weights each
    /// (classes padded to a multiple of 16), so adding one is a few SIMD
    /// instructions instead of a scatter per entry. A slot points here
    /// with a zero length and the dense row's index as start.
    dense: Cow<'static, [i16]>,
    dense_width: usize,
    /// Rows sorted by key (kept for serialization and for `average` and
    /// `pruned`); empty for a mapped model, which keeps `source` instead.
    rows: Vec<(u32, u32, u32)>,
    nrows: usize,
    /// The serialized section a mapped model was imaged from.
    source: Option<&'static [u8]>,
}

/// How many rows ahead `build` prefetches the slot a row will land in.
const PREFETCH_AHEAD: usize = 16;

/// Rows with at least this many entries are stored dense.
const DENSE_MIN: u32 = 8;

/// A zero-filled vector of `n` items whose memory is advised to be backed
/// by transparent huge pages (Linux): the tables are looked up at random,
/// and 2 MiB pages spare most TLB misses.
fn table<T: Copy + Default>(n: usize) -> Vec<T> {
    let mut v: Vec<T> = Vec::with_capacity(n);
    #[cfg(target_os = "linux")]
    {
        extern "C" {
            fn madvise(addr: *mut std::ffi::c_void, len: usize, advice: i32) -> i32;
        }
        const MADV_HUGEPAGE: i32 = 14;
        const HUGE: usize = 2 << 20;
        let bytes = n * std::mem::size_of::<T>();
        let start = v.as_mut_ptr() as usize;
        let first = (start + HUGE - 1) & !(HUGE - 1);
        let end = (start + bytes) & !(HUGE - 1);
        if end > first {
            // SAFETY: the range lies inside this vector's own allocation;
            // madvise only changes how the kernel backs it (errors ignored).
            unsafe {
                madvise(first as *mut std::ffi::c_void, end - first, MADV_HUGEPAGE);
            }
        }
    }
    v.resize(n, T::default());
    v
}

/// `out[c] += row[c]` for each dense row `rows` (indices into `dense`,
/// `dw` weights each; vectorised by the compiler).
#[inline(always)]
fn add_dense_rows(out: &mut [i32], dense: &[i16], dw: usize, rows: &[u32]) {
    for &r in rows {
        let row = &dense[r as usize * dw..][..out.len()];
        for (o, &w) in out.iter_mut().zip(row) {
            *o += w as i32;
        }
    }
}

/// From this many dense rows on, [`add_dense_rows_avx2`] beats the plain
/// loop (below, its fixed cost per block of classes does not pay: the
/// tagger's word-type scores add a row or two at a time).
const BLOCKED_MIN_ROWS: usize = 8;

/// [`add_dense_rows`] in AVX2, 32 classes at a time: a block's sums stay
/// in four registers over all the rows and reach `out` once, instead of a
/// load, add and store of `out` per row and a scalar tail for class counts
/// that are not a multiple of 8 (the compiler does that for the plain
/// loop, and does not keep a block of sums in registers by itself).
/// `dw` is a multiple of 16 whose padding columns are zero.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn add_dense_rows_avx2(out: &mut [i32], dense: &[i16], dw: usize, rows: &[u32]) {
    use std::arch::x86_64::*;
    assert!(dw.is_multiple_of(16) && out.len() <= dw);
    // Every row whole inside `dense`, so the loads below stay in bounds.
    assert!(rows.iter().all(|&r| (r as usize + 1) * dw <= dense.len()));
    let base = dense.as_ptr();
    let mut off = 0;
    while off < out.len() {
        let wide = dw - off >= 32;
        let zero = _mm256_setzero_si256();
        let mut acc = [zero; 4];
        // SAFETY (the loads): each row lies in `dense` (asserted above)
        // and `off + 32 <= dw` (or `off + 16` when not `wide`).
        let load = |p: *const i16| unsafe { _mm256_cvtepi16_epi32(_mm_loadu_si128(p as *const __m128i)) };
        if wide {
            for &r in rows {
                let p = base.wrapping_add(r as usize * dw + off);
                acc[0] = _mm256_add_epi32(acc[0], load(p));
                acc[1] = _mm256_add_epi32(acc[1], load(p.wrapping_add(8)));
                acc[2] = _mm256_add_epi32(acc[2], load(p.wrapping_add(16)));
                acc[3] = _mm256_add_epi32(acc[3], load(p.wrapping_add(24)));
            }
        } else {
            for &r in rows {
                let p = base.wrapping_add(r as usize * dw + off);
                acc[0] = _mm256_add_epi32(acc[0], load(p));
                acc[1] = _mm256_add_epi32(acc[1], load(p.wrapping_add(8)));
            }
        }
        let mut sums = [0i32; 32];
        for (k, v) in acc.iter().enumerate() {
            // SAFETY: `sums` holds 32 i32s; lane block k is at 8 * k.
            unsafe { _mm256_storeu_si256(sums.as_mut_ptr().add(8 * k) as *mut __m256i, *v) };
        }
        for (o, x) in out[off..].iter_mut().zip(&sums) {
            *o += *x;
        }
        off += 32;
    }
}

/// `tags[i] = tag16(keys[i])` (as `u32`), 8 keys at a time in AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn tags16_avx2(keys: &[u32], tags: &mut [u32]) {
    use std::arch::x86_64::*;
    assert_eq!(keys.len(), tags.len());
    let full = keys.len() / 8 * 8;
    let lo16 = _mm256_set1_epi32(0xffff);
    let zero = _mm256_setzero_si256();
    for c in (0..full).step_by(8) {
        // SAFETY: `c + 8 <= full <= len` for both slices.
        let k = unsafe { _mm256_loadu_si256(keys.as_ptr().add(c) as *const __m256i) };
        let lo = _mm256_and_si256(k, lo16);
        let rot = _mm256_and_si256(
            _mm256_or_si256(_mm256_slli_epi32(lo, 7), _mm256_srli_epi32(lo, 9)),
            lo16,
        );
        let t = _mm256_xor_si256(_mm256_srli_epi32(k, 16), rot);
        // A zero tag marks an empty slot: it becomes 1 (t - (-1)).
        let t = _mm256_sub_epi32(t, _mm256_cmpeq_epi32(t, zero));
        // SAFETY: as for the load.
        unsafe { _mm256_storeu_si256(tags.as_mut_ptr().add(c) as *mut __m256i, t) };
    }
    for (t, &k) in tags[full..].iter_mut().zip(&keys[full..]) {
        *t = tag16(k) as u32;
    }
}

/// [`SparseModel::find`] four slots at a time: the first slot from
/// `key & mask` on that holds `key` or is empty, found without a branch
/// per slot. Returns (position, found); the position is 0 when not found.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
#[inline]
fn find_avx2(slots: &[Slot], mask: usize, key: u32) -> (u32, bool) {
    use std::arch::x86_64::*;
    let kv = _mm256_set1_epi32(key as i32);
    let zero = _mm256_setzero_si256();
    let mut i = key as usize & mask;
    while i + 4 <= slots.len() {
        // SAFETY: slots `i .. i + 4` lie in `slots`.
        let p = unsafe { slots.as_ptr().add(i) };
        let v = unsafe { _mm256_loadu_si256(p as *const __m256i) };
        // Bit 8 k: the key of slot k (its first byte; the positions'
        // lanes are masked off).
        let hit = _mm256_movemask_epi8(_mm256_cmpeq_epi32(v, kv)) as u32 & 0x0101_0101;
        let stop = hit | (_mm256_movemask_epi8(_mm256_cmpeq_epi32(v, zero)) as u32 & 0x0101_0101);
        if stop != 0 {
            let k = stop.trailing_zeros();
            let found = (hit >> k) & 1 != 0;
            // SAFETY: slot `i + k / 8` lies in `slots` (k / 8 < 4).
            let pos = unsafe { (*p.add(k as usize / 8)).pos };
            return (if found { pos } else { 0 }, found);
        }
        i = (i + 4) & mask;
    }
    // Near the table's end: one slot at a time (wrapping around).
    loop {
        let s = slots[i];
        if s.key == key {
            return (s.pos, true);
        }
        if s.key == 0 {
            return (0, false);
        }
        i = (i + 1) & mask;
    }
}

#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, even on a bad address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl SparseModel {
    fn build(nclass: usize, rows: Vec<(u32, u32, u32)>, entries: Vec<Entry>) -> SparseModel {
        let cap = (rows.len() + rows.len() / 3 + 1).next_power_of_two().max(16);
        let mask = cap - 1;
        let mut slots = Vec::new();
        let mut slots3 = Vec::new();
        if nclass == 3 {
            slots3 = table::<Slot3>(cap);
            for (r, &(k, start, len)) in rows.iter().enumerate() {
                // The table is far larger than the caches and rows land
                // at random: fetching a later row's slot now overlaps the
                // misses instead of waiting out each one (a third off the
                // parser's load time).
                if let Some(&(ahead, _, _)) = rows.get(r + PREFETCH_AHEAD) {
                    prefetch(slots3.as_ptr().wrapping_add(ahead as usize & mask));
                }
                let mut i = k as usize & mask;
                while slots3[i].tag != 0 {
                    i = (i + 1) & mask;
                }
                let mut w = [0i16; 3];
                for e in &entries[start as usize..(start + len) as usize] {
                    w[e.class as usize] = e.w;
                }
                slots3[i] = Slot3 { tag: tag16(k), w };
            }
            return SparseModel {
                nclass,
                mask,
                slots: Cow::Owned(slots),
                slots3: Cow::Owned(slots3),
                entries: Cow::Owned(entries),
                dense: Cow::Owned(Vec::new()),
                dense_width: 0,
                nrows: rows.len(),
                rows,
                source: None,
            };
        }
        let dense_width = nclass.div_ceil(16) * 16;
        let mut dense = Vec::new();
        slots = table::<Slot>(cap);
        for (r, &(k, start, len)) in rows.iter().enumerate() {
            if let Some(&(ahead, _, _)) = rows.get(r + PREFETCH_AHEAD) {
                prefetch(slots.as_ptr().wrapping_add(ahead as usize & mask));
            }
            let mut i = k as usize & mask;
            while slots[i].key != 0 {
                i = (i + 1) & mask;
            }
            let pos = if len >= DENSE_MIN {
                let d = dense.len() / dense_width;
                dense.resize(dense.len() + dense_width, 0i16);
                for e in &entries[start as usize..(start + len) as usize] {
                    dense[d * dense_width + e.class as usize] = e.w;
                }
                (d as u32) << 8
            } else {
                (start << 8) | len
            };
            slots[i] = Slot { key: k, pos };
        }
        SparseModel {
            nclass,
            mask,
            slots: Cow::Owned(slots),
            slots3: Cow::Owned(slots3),
            entries: Cow::Owned(entries),
            dense: Cow::Owned(dense),
            dense_width,
            nrows: rows.len(),
            rows,
            source: None,
        }
    }

    /// The slot position of `key` (`start << 8 | len`; len 0 = dense row), if stored.
    #[inline]
    fn find(slots: &[Slot], mask: usize, key: u32) -> Option<u32> {
        let mut i = key as usize & mask;
        loop {
            let s = slots[i];
            if s.key == key {
                return Some(s.pos);
            }
            if s.key == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Adds the scores of `feats` into `out` (which must be zeroed).
    #[inline]
    pub fn score(&self, feats: &[u32], out: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the CPU has AVX2 (checked just above).
            return unsafe { self.score_avx2(feats, out) };
        }
        self.score_any::<false>(feats, out)
    }

    /// [`SparseModel::score`] compiled for AVX2: the row sums widen and
    /// add 8 lanes at a time (the baseline x86-64 build has SSE2 only, with
    /// no sign-extending load). Integer sums: the same scores either way.
    /// Written out rather than through `claimgraph_doc::with_avx2!`:
    /// `build.rs` compiles this file on its own, without that crate.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, feats: &[u32], out: &mut [i32]) {
        self.score_any::<true>(feats, out)
    }

    /// The scoring loop; `AVX2`: only ever true inside `score_avx2`, where
    /// the AVX2 dense-row kernel may run.
    #[inline(always)]
    fn score_any<const AVX2: bool>(&self, feats: &[u32], out: &mut [i32]) {
        if self.nclass == 3 {
            return self.score3::<AVX2>(feats, out);
        }
        // The tables once, out of their `Cow`s; the slots sliced to their
        // length, `mask + 1`, so that probes `i & mask` need no bounds check.
        let (slots, dense, entries, mask) = (&self.slots[..=self.mask], &self.dense[..], &self.entries[..], self.mask);
        for &f in feats {
            let i = f as usize & mask;
            prefetch(slots.as_ptr().wrapping_add(i));
            if AVX2 {
                // `find_avx2` reads four slots from `i`, maybe into the next line.
                prefetch(slots.as_ptr().wrapping_add(i + 3));
            }
        }
        // Resolve rows first (prefetching their weights), then add: the
        // loads overlap instead of stalling one by one.
        let mut dense_rows = [0u32; 64];
        let mut sparse_runs = [0u32; 64];
        let dw = self.dense_width;
        let out = &mut out[..self.nclass];
        for chunk in feats.chunks(64) {
            let (mut nd, mut ns) = (0, 0);
            #[cfg(target_arch = "x86_64")]
            if AVX2 {
                for &f in chunk {
                    // SAFETY: `AVX2` is true only in `score_avx2`, which
                    // runs only on a CPU with AVX2.
                    let (pos, found) = unsafe { find_avx2(slots, mask, f) };
                    // No branch on found / dense / sparse either: both
                    // lists get the entry, the right count moves on.
                    let (start, dense_row) = ((pos >> 8) as usize, pos & 0xff == 0);
                    let p = if dense_row {
                        dense.as_ptr().wrapping_add(start * dw) as *const u8
                    } else {
                        entries.as_ptr().wrapping_add(start) as *const u8
                    };
                    prefetch(p);
                    prefetch(p.wrapping_add(64));
                    dense_rows[nd] = start as u32;
                    sparse_runs[ns] = pos;
                    nd += (found & dense_row) as usize;
                    ns += (found & !dense_row) as usize;
                }
            }
            for &f in chunk.iter().filter(|_| !AVX2) {
                if let Some(pos) = SparseModel::find(slots, mask, f) {
                    let (start, len) = ((pos >> 8) as usize, pos & 0xff);
                    if len == 0 {
                        prefetch(dense.as_ptr().wrapping_add(start * dw));
                        prefetch(dense.as_ptr().wrapping_add(start * dw + 32));
                        dense_rows[nd] = start as u32;
                        nd += 1;
                    } else {
                        prefetch(entries.as_ptr().wrapping_add(start));
                        sparse_runs[ns] = pos;
                        ns += 1;
                    }
                }
            }
            // Integer sums: adding the sparse runs before the dense rows
            // gives the same scores.
            for &pos in &sparse_runs[..ns] {
                let (start, len) = ((pos >> 8) as usize, (pos & 0xff) as usize);
                for e in &entries[start..start + len] {
                    out[e.class as usize] += e.w as i32;
                }
            }
            #[cfg(target_arch = "x86_64")]
            if AVX2 && nd >= BLOCKED_MIN_ROWS {
                // SAFETY: `AVX2` is true only in `score_avx2`, which runs
                // only on a CPU with AVX2.
                unsafe { add_dense_rows_avx2(out, dense, dw, &dense_rows[..nd]) };
                continue;
            }
            add_dense_rows(out, dense, dw, &dense_rows[..nd]);
        }
    }

    #[inline(always)]
    fn score3<const AVX2: bool>(&self, feats: &[u32], out: &mut [i32]) {
        // Sliced to `mask + 1` slots (the table's length): the compiler
        // then sees that `i & mask` is in bounds and drops the checks.
        let (slots3, mask) = (&self.slots3[..=self.mask], self.mask);
        #[cfg(target_arch = "x86_64")]
        if AVX2 {
            for &f in feats {
                // The four-slot window below may reach into the next line.
                let i = f as usize & mask;
                prefetch(slots3.as_ptr().wrapping_add(i));
                prefetch(slots3.as_ptr().wrapping_add(i + 3));
            }
        }
        if !AVX2 {
            for &f in feats {
                prefetch(slots3.as_ptr().wrapping_add(f as usize & mask));
            }
        }
        #[cfg(target_arch = "x86_64")]
        if AVX2 {
            use std::arch::x86_64::*;
            // A found slot is added whole, (tag, w0, w1, w2) widened to
            // four i32 lanes in one instruction; lane 0 is ignored.
            // SAFETY (the intrinsics): `AVX2` is true only in `score_avx2`,
            // which runs only on a CPU with AVX2; each load reads one
            // 8-byte `Slot3` of the slice.
            let mut acc = unsafe { _mm_setzero_si128() };
            // The check tags of a chunk of keys first, 8 at a time
            // (`tags16_avx2`): the probe loop then only compares.
            let mut tags = [0u32; 128];
            for chunk in feats.chunks(tags.len()) {
                let tags = &mut tags[..chunk.len()];
                // SAFETY: as above, only ever on a CPU with AVX2.
                unsafe { tags16_avx2(chunk, tags) };
                for (&f, &t) in chunk.iter().zip(tags.iter()) {
                    let mut i = f as usize & mask;
                    if i + 4 <= slots3.len() {
                        // The first of the four slots from `i` that holds
                        // the tag or is empty, found without a branch per
                        // slot (whether the first slot matches is a coin
                        // toss for the branch predictor). An empty slot is
                        // all zeros (`Slot3::default()`, in the built table
                        // and in its image), so adding it adds nothing.
                        // SAFETY: slots `i .. i + 4` lie in `slots3`.
                        let (m, p) = unsafe {
                            let p = slots3.as_ptr().add(i);
                            let v = _mm256_loadu_si256(p as *const __m256i);
                            let tv = _mm256_set1_epi16(t as i16);
                            let stop = _mm256_or_si256(
                                _mm256_cmpeq_epi16(v, tv),
                                _mm256_cmpeq_epi16(v, _mm256_setzero_si256()),
                            );
                            // Bit 8 k: the tag of slot k (its first byte).
                            ((_mm256_movemask_epi8(stop) as u32) & 0x0101_0101, p)
                        };
                        if m != 0 {
                            let k = (m.trailing_zeros() / 8) as usize;
                            // SAFETY: slot `i + k` lies in `slots3` (k < 4).
                            acc = unsafe {
                                _mm_add_epi32(acc, _mm_cvtepi16_epi32(_mm_loadl_epi64(p.add(k) as *const __m128i)))
                            };
                            continue;
                        }
                        i = (i + 4) & mask;
                    }
                    loop {
                        let s = &slots3[i];
                        if s.tag as u32 == t {
                            acc = unsafe {
                                _mm_add_epi32(
                                    acc,
                                    _mm_cvtepi16_epi32(_mm_loadl_epi64(s as *const Slot3 as *const __m128i)),
                                )
                            };
                            break;
                        }
                        if s.tag == 0 {
                            break;
                        }
                        i = (i + 1) & mask;
                    }
                }
            }
            let mut sums = [0i32; 4];
            // SAFETY: `sums` holds four i32s.
            unsafe { _mm_storeu_si128(sums.as_mut_ptr() as *mut __m128i, acc) };
            out[0] += sums[1];
            out[1] += sums[2];
            out[2] += sums[3];
            return;
        }
        let (mut a, mut b, mut c) = (0i32, 0i32, 0i32);
        for &f in feats {
            let mut i = f as usize & mask;
            let t = tag16(f);
            loop {
                let s = &slots3[i];
                if s.tag == t {
                    a += s.w[0] as i32;
                    b += s.w[1] as i32;
                    c += s.w[2] as i32;
                    break;
                }
                if s.tag == 0 {
                    break;
                }
                i = (i + 1) & mask;
            }
        }
        out[0] += a;
        out[1] += b;
        out[2] += c;
    }

    /// The weighted average `(wa * a + wb * b) / (wa + wb)` of two models
    /// over the same classes: a linear model again, so scoring with it
    /// equals averaging the two models' scores (seed bagging at no cost).
    pub fn average(a: &SparseModel, b: &SparseModel, wa: u32, wb: u32) -> SparseModel {
        assert_eq!(a.nclass, b.nclass);
        let (a, b) = (&*a.with_rows(), &*b.with_rows());
        let nc = a.nclass;
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        let (mut i, mut j) = (0, 0);
        let mut acc = vec![0i32; nc];
        while i < a.rows.len() || j < b.rows.len() {
            let ka = a.rows.get(i).map_or(u32::MAX, |r| r.0);
            let kb = b.rows.get(j).map_or(u32::MAX, |r| r.0);
            let k = ka.min(kb);
            acc.fill(0);
            for (m, r, idx, wt) in [(a, ka, &mut i, wa), (b, kb, &mut j, wb)] {
                if r == k {
                    let (_, start, len) = m.rows[*idx];
                    for e in &m.entries[start as usize..(start + len) as usize] {
                        acc[e.class as usize] += e.w as i32 * wt as i32;
                    }
                    *idx += 1;
                }
            }
            let start = entries.len();
            for (c, &w) in acc.iter().enumerate() {
                let q = (w as f64 / (wa + wb) as f64).round() as i32;
                if q != 0 {
                    entries.push(Entry {
                        w: q as i16,
                        class: c as u16,
                    });
                }
            }
            if entries.len() > start {
                rows.push((k, start as u32, (entries.len() - start) as u32));
            }
        }
        SparseModel::build(nc, rows, entries)
    }

    /// A copy without cells of magnitude `<= min` (and rows left empty).
    pub fn pruned(&self, min: i32) -> SparseModel {
        let this = self.with_rows();
        let mut rows = Vec::new();
        let mut entries = Vec::new();
        for &(k, start, len) in &this.rows {
            let s = entries.len();
            for e in &this.entries[start as usize..(start + len) as usize] {
                if (e.w as i32).abs() > min {
                    entries.push(*e);
                }
            }
            if entries.len() > s {
                rows.push((k, s as u32, (entries.len() - s) as u32));
            }
        }
        SparseModel::build(self.nclass, rows, entries)
    }

    /// This model with its row list: itself, or for a mapped model the
    /// model read back from the section it was imaged from.
    fn with_rows(&self) -> Cow<'_, SparseModel> {
        match self.source {
            Some(src) => Cow::Owned(
                SparseModel::read(&mut Reader::new(src)).expect("a mapped model's source section was read once"),
            ),
            None => Cow::Borrowed(self),
        }
    }

    pub fn rows(&self) -> usize {
        self.nrows
    }

    /// Whether the tables are mapped from a compiled-in image.
    pub fn is_mapped(&self) -> bool {
        self.source.is_some()
    }

    pub fn write(&self, w: &mut Writer) {
        if let Some(src) = self.source {
            // The format is canonical: the section is what writing gives.
            w.buf.extend_from_slice(src);
            return;
        }
        w.u32(self.nclass as u32);
        w.u32(self.rows.len() as u32);
        let mut prev = 0u32;
        for &(k, start, len) in &self.rows {
            w.var((k - prev) as u64);
            prev = k;
            w.u8(len as u8);
            for e in &self.entries[start as usize..(start + len) as usize] {
                w.u8(e.class as u8);
                w.i16(e.w);
            }
        }
    }

    pub fn read(r: &mut Reader) -> Result<SparseModel, Truncated> {
        let nclass = r.u32()? as usize;
        let n = r.u32()? as usize;
        let mut rows = Vec::with_capacity(n);
        let mut entries = Vec::with_capacity(n * 2);
        let mut k = 0u32;
        for _ in 0..n {
            k = k.checked_add(r.var()? as u32).ok_or(Truncated)?;
            let len = r.u8()? as u32;
            let start = entries.len() as u32;
            // One bounds check per row: (class u8, weight i16) triples.
            for e in r.take(3 * len as usize)?.chunks_exact(3) {
                if e[0] as usize >= nclass {
                    return Err(Truncated);
                }
                entries.push(Entry {
                    w: i16::from_le_bytes([e[1], e[2]]),
                    class: e[0] as u16,
                });
            }
            rows.push((k, start, len));
        }
        // Slots pack `start << 8 | len`.
        if entries.len() >= 1 << 24 {
            return Err(Truncated);
        }
        Ok(SparseModel::build(nclass, rows, entries))
    }
}

/// Image of a model's tables (`write_image`, `from_image`): eight u64
/// header fields, then the slots, 3-class slots, entries and dense
/// weights, each array starting at a multiple of 64 bytes from the image
/// start, little-endian in their in-memory (`repr(C)`) layout.
const IMAGE_ALIGN: usize = 64;

fn pad(out: &mut Vec<u8>) {
    out.resize(out.len().next_multiple_of(IMAGE_ALIGN), 0);
}

/// `b` as a slice of `T`, if aligned and a whole number of them.
/// `T` must be a `repr(C)` struct of integers (every bit pattern valid).
fn cast<T>(b: &'static [u8]) -> Option<&'static [T]> {
    let size = std::mem::size_of::<T>();
    if !cfg!(target_endian = "little")
        || !(b.as_ptr() as usize).is_multiple_of(std::mem::align_of::<T>())
        || !b.len().is_multiple_of(size)
    {
        return None;
    }
    // SAFETY: alignment and length checked above; `T` is plain integers
    // in `repr(C)` (Slot, Slot3, Entry, i16), valid for any bytes, and the
    // bytes are 'static and never written.
    Some(unsafe { std::slice::from_raw_parts(b.as_ptr() as *const T, b.len() / size) })
}

impl SparseModel {
    /// Appends the image of this model's tables to `out`, whose start
    /// must be where the image will be aligned to [`IMAGE_ALIGN`].
    pub fn write_image(&self, out: &mut Vec<u8>) {
        pad(out);
        let nr = self.nrows;
        for v in [
            self.nclass,
            self.mask,
            self.dense_width,
            nr,
            self.slots.len(),
            self.slots3.len(),
            self.entries.len(),
            self.dense.len(),
        ] {
            out.extend_from_slice(&(v as u64).to_le_bytes());
        }
        pad(out);
        for s in self.slots.iter() {
            out.extend_from_slice(&s.key.to_le_bytes());
            out.extend_from_slice(&s.pos.to_le_bytes());
        }
        pad(out);
        for s in self.slots3.iter() {
            out.extend_from_slice(&s.tag.to_le_bytes());
            for w in s.w {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        pad(out);
        for e in self.entries.iter() {
            out.extend_from_slice(&e.w.to_le_bytes());
            out.extend_from_slice(&e.class.to_le_bytes());
        }
        pad(out);
        for w in self.dense.iter() {
            out.extend_from_slice(&w.to_le_bytes());
        }
    }

    /// The model imaged at `*at` in `image` (which starts 64-byte
    /// aligned), made from the serialized section `source`; advances `*at`.
    /// `None` if the image is malformed or cannot be mapped here.
    pub fn from_image(image: &'static [u8], at: &mut usize, source: &'static [u8]) -> Option<SparseModel> {
        let mut p = at.next_multiple_of(IMAGE_ALIGN);
        let mut h = [0usize; 8];
        for v in &mut h {
            *v = crate::image::u64_at(image, p)?;
            p += 8;
        }
        let [nclass, mask, dense_width, nrows, n_slots, n_slots3, n_entries, n_dense] = h;
        let mut array = |bytes: usize| -> Option<&'static [u8]> {
            let start = p.next_multiple_of(IMAGE_ALIGN);
            let b = image.get(start..start.checked_add(bytes)?)?;
            p = start + bytes;
            Some(b)
        };
        let slots: &[Slot] = cast(array(n_slots.checked_mul(8)?)?)?;
        let slots3: &[Slot3] = cast(array(n_slots3.checked_mul(8)?)?)?;
        let entries: &[Entry] = cast(array(n_entries.checked_mul(4)?)?)?;
        let dense: &[i16] = cast(array(n_dense.checked_mul(2)?)?)?;
        // The lookups index these tables without further checks beyond
        // slice bounds; a table must cover the mask.
        let table = if nclass == 3 { slots3.len() } else { slots.len() };
        if table != mask.checked_add(1)? || !table.is_power_of_two() {
            return None;
        }
        *at = p;
        Some(SparseModel {
            nclass,
            mask,
            slots: Cow::Borrowed(slots),
            slots3: Cow::Borrowed(slots3),
            entries: Cow::Borrowed(entries),
            dense: Cow::Borrowed(dense),
            dense_width,
            rows: Vec::new(),
            nrows,
            source: Some(source),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The vectorised check tags equal `tag16`, zero tags included.
    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_tags_equal_tag16() {
        if !std::arch::is_x86_feature_detected!("avx2") {
            return;
        }
        let mut rng = crate::util::Rng::new(3);
        let mut keys: Vec<u32> = (0..1000).map(|_| rng.next_u64() as u32).collect();
        // Keys whose tag is 0 before the fix-up, and edge values.
        keys.extend([0, 1, u32::MAX, 0x8000_0000, 0xffff, 0x1_0000]);
        keys.extend((0..16u32).map(|k| (((k << 7) | (k >> 9)) & 0xffff) << 16 | k));
        for n in [0, 1, 7, 8, 9, 81, keys.len()] {
            let mut tags = vec![0u32; n];
            // SAFETY: the CPU has AVX2 (checked above).
            unsafe { tags16_avx2(&keys[..n], &mut tags) };
            for (&k, &t) in keys[..n].iter().zip(&tags) {
                assert_eq!(t, tag16(k) as u32, "key {k:#x}");
            }
        }
        assert!(keys.iter().any(|&k| (k >> 16) as u16 ^ (k as u16).rotate_left(7) == 0));
    }

    /// Scores equal the plain sum over the stored rows, for rows stored
    /// sparse and dense alike, and for the 3-class table.
    #[test]
    fn score_equals_sum_over_rows() {
        // A sparse table (load 0.4) and a full one (0.73, long probe runs).
        for (nclass, nkeys) in [(3usize, 400), (59, 400), (3, 3000), (59, 3000)] {
            let mut rng = crate::util::Rng::new(7);
            // Rows of every length, 1 ..= nclass entries, random classes.
            let mut keys: Vec<u32> = (0..nkeys).map(|_| (rng.next_u64() as u32) | 1).collect();
            // Keys at the table's last index, whose runs wrap around to 0.
            keys.extend((0..20).map(|_| (rng.next_u64() as u32) | 0xfff));
            keys.sort_unstable();
            keys.dedup();
            let mut rows = Vec::new();
            let mut entries = Vec::new();
            for (r, &k) in keys.iter().enumerate() {
                let start = entries.len() as u32;
                let len = 1 + r % nclass;
                let mut classes: Vec<usize> = (0..nclass).collect();
                rng.shuffle(&mut classes);
                for &c in &classes[..len] {
                    let w = (rng.next_u64() % 60000) as i32 - 30000;
                    entries.push(Entry {
                        w: w as i16,
                        class: c as u16,
                    });
                }
                rows.push((k, start, len as u32));
            }
            let m = SparseModel::build(nclass, rows, entries);
            assert!(nclass == 3 || !m.dense.is_empty(), "some rows should be dense");
            assert!(nclass == 3 || m.rows.iter().any(|r| r.2 < DENSE_MIN), "and some sparse");
            let by_key: std::collections::HashMap<u32, (u32, u32)> =
                m.rows.iter().map(|&(k, s, l)| (k, (s, l))).collect();
            for _ in 0..200 {
                let mut feats: Vec<u32> = (0..30).map(|_| keys[rng.next_u64() as usize % keys.len()]).collect();
                feats.push(12345); // never stored
                let mut want = vec![0i32; nclass];
                for f in &feats {
                    if let Some(&(s, l)) = by_key.get(f) {
                        for e in &m.entries[s as usize..(s + l) as usize] {
                            want[e.class as usize] += e.w as i32;
                        }
                    }
                }
                // `score` takes the AVX2 build where the CPU has it;
                // `score_any` is the baseline build: both give the sums.
                let mut got = vec![0i32; nclass];
                m.score(&feats, &mut got);
                assert_eq!(got, want);
                let mut baseline = vec![0i32; nclass];
                m.score_any::<false>(&feats, &mut baseline);
                assert_eq!(baseline, want);
                // Keys not stored (a 3-class table may take one for a
                // stored key whose check tag it shares): the AVX2 build
                // and the baseline agree.
                let others: Vec<u32> = (0..40)
                    .map(|j| rng.next_u64() as u32 | if j % 4 == 0 { 0xfff } else { 0 })
                    .collect();
                let (mut a, mut b) = (vec![0i32; nclass], vec![0i32; nclass]);
                m.score(&others, &mut a);
                m.score_any::<false>(&others, &mut b);
                assert_eq!(a, b);
            }
        }
    }
}
