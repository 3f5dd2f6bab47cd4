//! Shared by the fuzz targets: feed bytes to `claimgraph_ingest::read_input`
//! through a file with a given extension (the readers are private to the
//! crate; `read_input` is the public entry point, and a file exercises the
//! size checks and sniffing exactly as the CLI does), then check what comes
//! out.

#![allow(dead_code)]

use std::io::Write;
use std::path::PathBuf;

use claimgraph_ingest::{read_input, Input, Options, RawDoc};

/// A per-process scratch file in /dev/shm (tmpfs) when present.
fn scratch(ext: &str) -> PathBuf {
    let dir = if std::path::Path::new("/dev/shm").is_dir() {
        PathBuf::from("/dev/shm")
    } else {
        std::env::temp_dir()
    };
    dir.join(format!("claimgraph-fuzz-{}.{ext}", std::process::id()))
}

/// Small limit so that the size checks are reached by small inputs too.
pub const LIMIT: u64 = 64 * 1024;

/// Reads `data` as a file named `*.{ext}`; returns the documents and the
/// number of errors. Every document must satisfy the reader contract.
pub fn read_as(ext: &str, data: &[u8]) -> (Vec<RawDoc>, usize) {
    let path = scratch(ext);
    {
        let mut f = std::fs::File::create(&path).expect("scratch file");
        f.write_all(data).expect("write scratch file");
    }
    let mut docs = Vec::new();
    let mut errors = 0;
    read_input(
        &Input::File(path.clone()),
        &Options { max_doc_bytes: LIMIT },
        &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                assert!(!e.reason.is_empty(), "an error has a reason");
                errors += 1;
            }
        },
    );
    let _ = std::fs::remove_file(&path);
    for d in &docs {
        check_raw(d);
    }
    (docs, errors)
}

/// A reader's output: text within the limit, header on char boundaries.
pub fn check_raw(d: &RawDoc) {
    if let Some(h) = &d.header {
        assert!(h.start <= h.end && h.end <= d.text.len(), "header in text");
        assert!(
            d.text.is_char_boundary(h.start) && d.text.is_char_boundary(h.end),
            "header on char boundaries"
        );
    }
    assert!(!d.meta.id.is_empty(), "every document has an id");
}

/// Gzip-compresses `data` (for the WARC target's `.warc.gz` half).
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    e.write_all(data).expect("gzip into memory");
    e.finish().expect("gzip into memory")
}

/// The stages of `claimgraph::pipeline::analyze`, called directly: the
/// fuzz build then compiles the analysis crates only, not the CLI with its
/// store, server and embedding model (minutes less in CI). Keep the two in
/// step: tags everywhere, the parse only where attribution reads it.
fn analyze(raw: RawDoc) -> claimgraph_doc::Doc {
    let RawDoc { meta, text, header } = raw;
    let mut doc = claimgraph_doc::Doc::new(meta, text);
    claimgraph_nlp::segment(&mut doc, header);
    let syntax = claimgraph_syntax::Syntax::embedded();
    syntax.tag(&mut doc);
    claimgraph_entities::annotate(&mut doc);
    claimgraph_extract::extract_parsing(&mut doc, syntax);
    doc
}

/// The same stages with every sentence parsed first.
fn analyze_eager(raw: RawDoc) -> claimgraph_doc::Doc {
    let RawDoc { meta, text, header } = raw;
    let mut doc = claimgraph_doc::Doc::new(meta, text);
    claimgraph_nlp::segment(&mut doc, header);
    claimgraph_syntax::Syntax::embedded().annotate(&mut doc);
    claimgraph_entities::annotate(&mut doc);
    claimgraph_extract::extract(&mut doc);
    doc
}

/// Runs the whole analysis on one document, checks that parsing on demand
/// gives what parsing every sentence gives, and checks the offsets
/// invariants: every span lies in the text on char boundaries, and the
/// contract's char offsets are within the char count.
pub fn analyze_and_check(raw: RawDoc) {
    let eager = analyze_eager(raw.clone());
    let doc = analyze(raw);
    // Parsing on demand never changes the result.
    assert_eq!(
        format!("{:?}", doc.to_contract(true)),
        format!("{:?}", eager.to_contract(true)),
        "lazy and eager parsing disagree"
    );
    let text = doc.text();
    let ok = |s: claimgraph_doc::Span| {
        let (a, b) = (s.start as usize, s.end as usize);
        a <= b && b <= text.len() && text.is_char_boundary(a) && text.is_char_boundary(b)
    };
    for t in &doc.tokens {
        assert!(ok(t.span), "token span {:?}", t.span);
    }
    for s in &doc.sentences {
        assert!(ok(s.span), "sentence span {:?}", s.span);
    }
    for st in &doc.statements {
        assert!(ok(st.content), "statement span {:?}", st.content);
        if let Some(m) = st.speaker_mention {
            assert!(ok(m), "speaker mention {m:?}");
        }
        if let Some(c) = st.cue {
            assert!(ok(c), "cue {c:?}");
        }
    }
    for e in &doc.entities {
        for m in &e.mentions {
            assert!(ok(*m), "entity mention {m:?}");
        }
    }
    // The contract's char offsets slice out exactly the strings it reports.
    let c = doc.to_contract(false);
    let chars: Vec<char> = text.chars().collect();
    let cslice = |a: u32, b: u32| -> String {
        assert!(
            a <= b && b as usize <= chars.len(),
            "char offsets {a}..{b} within {}",
            chars.len()
        );
        chars[a as usize..b as usize].iter().collect()
    };
    for st in &c.statements {
        assert_eq!(cslice(st.start, st.end), st.content, "statement content");
        if let (Some(m), Some(a), Some(b)) = (&st.speaker_mention, st.speaker_start, st.speaker_end) {
            assert_eq!(&cslice(a, b), m, "speaker mention");
        }
        if let (Some(cue), Some(a), Some(b)) = (&st.cue, st.cue_start, st.cue_end) {
            assert_eq!(&cslice(a, b), cue, "cue");
        }
        if let Some(v) = st.via {
            assert!(v < c.statements.len(), "via points at a statement");
        }
    }
    for e in &c.entities {
        for m in &e.mentions {
            cslice(m[0], m[1]);
        }
    }
}
