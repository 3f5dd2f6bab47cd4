//! The text reader, via `read_input` on a `.txt` file (content is sniffed
//! first, so other readers are reached too);
//! each document is checked (header on char boundaries, an id); the analysis
//! of arbitrary text is the `analyze` target's job.

#![no_main]

#[path = "common.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = common::read_as("txt", data);
});
