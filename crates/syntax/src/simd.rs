//! Integer kernels of the tagger's inner loops, compiled for AVX2 and for
//! the baseline x86-64 ([`claimgraph_doc::with_avx2`]); a test compares
//! them with plain loops.

claimgraph_doc::with_avx2! {
    pub fn add_i32(dst: &mut [i32], src: &[i32]) -> () {
        for (d, s) in dst.iter_mut().zip(src) {
            *d += *s;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kernels_agree_with_plain_loops() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (state >> 33) as i32 - (1 << 30)
        };
        for n in [0usize, 1, 3, 7, 8, 9, 17, 50, 51, 64, 100] {
            for _ in 0..20 {
                let a: Vec<i32> = (0..n).map(|_| next() % 1000).collect();
                let b: Vec<i32> = (0..n).map(|_| next() % 1000).collect();
                let mut got = a.clone();
                add_i32(&mut got, &b);
                let want: Vec<i32> = a.iter().zip(&b).map(|(x, y)| x + y).collect();
                assert_eq!(got, want);
            }
        }
    }
}
