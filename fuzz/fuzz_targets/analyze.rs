//! The whole analysis (the stages of `claimgraph::pipeline::analyze`) on arbitrary UTF-8,
//! with and without a plain-text header, checking the offsets invariants.

#![no_main]

#[path = "common.rs"]
mod common;

use claimgraph_doc::Meta;
use claimgraph_ingest::RawDoc;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // A header range from the first line, as the text reader would give one
    // (clamped by segment(); here it may be anything inside the text).
    let header = text.find('\n').map(|i| 0..i);
    let meta = Meta {
        id: "fuzz".to_string(),
        language: "en".to_string(),
        ..Meta::default()
    };
    common::analyze_and_check(RawDoc {
        meta: meta.clone(),
        text: text.to_string(),
        header,
    });
    common::analyze_and_check(RawDoc {
        meta,
        text: text.to_string(),
        header: None,
    });
});
