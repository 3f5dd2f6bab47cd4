//! The WARC reader, plain or gzipped: the first byte chooses whether the rest
//! is written as a `.warc` file as is, or gzip-compressed as `.warc.gz`
//! (so the fuzzer mutates the records, not the deflate stream), or as is
//! under `.warc.gz` (raw gzip bytes: truncated and corrupt streams). Each
//! document is checked; the analysis is the `analyze` target's job.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let _ = match mode % 3 {
        0 => common::read_as("warc", rest),
        1 => common::read_as("warc.gz", &common::gzip(rest)),
        _ => common::read_as("warc.gz", rest),
    };
});
