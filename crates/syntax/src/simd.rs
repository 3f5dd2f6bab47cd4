//! Integer kernels of the tagger's inner loops, compiled twice: for AVX2,
//! chosen at run time when the CPU has it, and for the baseline x86-64
//! (SSE2) that the build targets. Integer arithmetic: the results are the
//! same either way (a test compares them with plain loops).

/// Runs `$body` compiled for AVX2 when the CPU has it, else as built.
macro_rules! with_avx2 {
    (fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        #[inline]
        pub fn $name($($arg: $ty),*) -> $ret {
            #[inline(always)]
            fn any($($arg: $ty),*) -> $ret $body
            #[cfg(target_arch = "x86_64")]
            {
                #[target_feature(enable = "avx2")]
                unsafe fn avx2($($arg: $ty),*) -> $ret {
                    any($($arg),*)
                }
                if std::arch::is_x86_feature_detected!("avx2") {
                    // SAFETY: the CPU has AVX2 (checked just above).
                    return unsafe { avx2($($arg),*) };
                }
            }
            any($($arg),*)
        }
    };
}

with_avx2! {
    fn add_i32(dst: &mut [i32], src: &[i32]) -> () {
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
