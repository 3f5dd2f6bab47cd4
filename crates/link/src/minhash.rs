//! MinHash signatures and a banded LSH index over them: candidate claims
//! whose term sets are close in Jaccard terms, without comparing all pairs.
//! A claim's signature is the element-wise minimum over its members', i.e.
//! the signature of the union of their term sets.

use foldhash::HashMap;

pub const HASHES: usize = 48;
pub const BANDS: usize = 16;
const ROWS: usize = HASHES / BANDS;

#[inline(always)]
fn mix(mut x: u64) -> u64 {
    // splitmix64 finaliser
    x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

claimgraph_doc::with_avx2! {
    /// Signature of a set of hashed elements (empty set → all `u32::MAX`).
    /// AVX2 where the CPU has it: the hash mixing runs on 4 lanes.
    pub fn signature(elems: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; HASHES];
        for &e in elems {
            for (i, s) in sig.iter_mut().enumerate() {
                let h = (mix(e ^ (i as u64).wrapping_mul(0x2545_f491_4f6c_dd1d)) >> 32) as u32;
                if h < *s {
                    *s = h;
                }
            }
        }
        sig
    }
}

/// Union signature, in place.
pub fn merge(into: &mut [u32], other: &[u32]) {
    for (a, &b) in into.iter_mut().zip(other) {
        *a = (*a).min(b);
    }
}

/// Estimated Jaccard similarity.
pub fn jaccard(a: &[u32], b: &[u32]) -> f32 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y && **x != u32::MAX).count();
    same as f32 / HASHES as f32
}

/// Band keys of a signature; an empty signature (a claim whose members
/// carry no keys, e.g. only "the allegations") has none.
fn band_keys(sig: &[u32]) -> impl Iterator<Item = u64> + '_ {
    let bands = if sig.len() >= BANDS * ROWS { BANDS } else { 0 };
    (0..bands).filter_map(move |b| {
        let rows = &sig[b * ROWS..(b + 1) * ROWS];
        if rows.iter().all(|&r| r == u32::MAX) {
            return None;
        }
        let mut h = mix(b as u64 + 1);
        for &r in rows {
            h = mix(h ^ r as u64);
        }
        Some(h)
    })
}

/// Banded LSH: items sharing all rows of any band are candidates.
#[derive(Default)]
pub struct Lsh {
    buckets: HashMap<u64, Vec<u32>>,
}

impl Lsh {
    pub fn insert(&mut self, item: u32, sig: &[u32]) {
        for k in band_keys(sig) {
            let v = self.buckets.entry(k).or_default();
            if let Err(pos) = v.binary_search(&item) {
                v.insert(pos, item);
            }
        }
    }

    pub fn remove(&mut self, item: u32, sig: &[u32]) {
        for k in band_keys(sig) {
            if let Some(v) = self.buckets.get_mut(&k) {
                if let Ok(pos) = v.binary_search(&item) {
                    v.remove(pos);
                }
                if v.is_empty() {
                    self.buckets.remove(&k);
                }
            }
        }
    }

    /// Items sharing a band with `sig`, ascending, at most `cap` per bucket
    /// (the oldest: huge buckets hold near-empty signatures).
    pub fn query(&self, sig: &[u32], cap: usize, out: &mut Vec<u32>) {
        for k in band_keys(sig) {
            if let Some(v) = self.buckets.get(&k) {
                out.extend(v.iter().take(cap));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn empty_signature_has_no_band_keys() {
        let mut lsh = super::Lsh::default();
        lsh.insert(0, &[]);
        lsh.remove(0, &[]);
        assert_eq!(super::band_keys(&[]).count(), 0);
    }

    use super::*;

    #[test]
    fn similar_sets_collide_and_union_merges() {
        let a: Vec<u64> = (0..20).collect();
        let b: Vec<u64> = (2..22).collect();
        let c: Vec<u64> = (100..120).collect();
        let (sa, sb, sc) = (signature(&a), signature(&b), signature(&c));
        assert!(jaccard(&sa, &sb) > 0.5);
        assert!(jaccard(&sa, &sc) < 0.2);
        let mut lsh = Lsh::default();
        lsh.insert(1, &sa);
        lsh.insert(3, &sc);
        let mut out = Vec::new();
        lsh.query(&sb, 100, &mut out);
        assert!(out.contains(&1) && !out.contains(&3));
        let mut u = sa.clone();
        merge(&mut u, &sc);
        let all: Vec<u64> = a.iter().chain(&c).copied().collect();
        assert_eq!(u, signature(&all));
        lsh.remove(1, &sa);
        out.clear();
        lsh.query(&sb, 100, &mut out);
        assert!(!out.contains(&1));
    }
}
