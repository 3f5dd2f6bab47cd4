//! Run-time CPU dispatch for integer kernels. The build targets baseline
//! x86-64 (SSE2); [`with_avx2!`](crate::with_avx2) compiles a function's
//! body a second time with AVX2 and takes that build when the CPU has it.
//! Only for integer code: float sums could round differently, integer
//! ones cannot, so the results are the same on every CPU.

/// Defines `fn NAME(ARGS) -> RET { BODY }`, its body compiled for AVX2
/// (chosen at run time when the CPU has it) and as built.
#[macro_export]
macro_rules! with_avx2 {
    ($(#[$attr:meta])* $vis:vis fn $name:ident($($arg:ident: $ty:ty),*) -> $ret:ty $body:block) => {
        $(#[$attr])*
        #[inline]
        $vis fn $name($($arg: $ty),*) -> $ret {
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
