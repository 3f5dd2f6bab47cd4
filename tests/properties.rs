//! Property tests of the analysis (proptest), in process through
//! `claimgraph::pipeline::analyze`:
//! - every span on a `Doc` (paragraphs, exclusions, sentences, tokens,
//!   statements' content, speaker mention and cue, entity mentions, events)
//!   lies inside the text and on char boundaries;
//! - the output contract's char offsets slice out exactly the strings it
//!   reports, and `via` points at an earlier-or-other statement of the doc;
//! - analysis is deterministic: the same input twice gives identical output;
//! - the readers never panic on arbitrary bytes, and what they return obeys
//!   the same rules once analysed.
//!
//! Texts are built from news-like fragments (names, reporting verbs, quote
//! marks of every kind, hedges, newlines, odd Unicode) so that statements
//! are actually found, plus arbitrary strings. Case counts keep the whole
//! file well under a minute in release.

use claimgraph_doc::{Doc, Meta, Span};
use claimgraph_ingest::RawDoc;
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "The minister said",
    " said",
    " told reporters",
    " denied that",
    " claimed",
    " according to officials",
    " Dmitry Peskov",
    " the Kremlin",
    " He",
    " she",
    " the spokesman",
    " Reuters reported",
    " allegedly",
    " may have",
    " the report was false",
    " talks had failed",
    ".",
    ",",
    " ",
    "\n",
    "\n\n",
    "\"",
    "'",
    "“",
    "”",
    "‘",
    "’",
    "«",
    "»",
    "„",
    " — ",
    "(",
    ")",
    ":",
    "?",
    "!",
    " U.S.",
    " Mr.",
    " 2025",
    " Zelenskyy",
    " Ze\u{301}lensky",
    "\u{200b}",
    "\u{200d}",
    "\u{202e}",
    "\u{feff}",
    " \u{5d0}\u{5de}\u{5e8}",
    " \u{642}\u{627}\u{644}",
    " 北京",
    " 😀",
    "\t",
    "\r\n",
    "date 2025-06-19\n",
    "By Jane Doe\n",
    "MOSCOW (Reuters) - ",
];

fn news_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::collection::vec(prop::sample::select(FRAGMENTS), 0..120).prop_map(|v| v.concat()),
        1 => "\\PC{0,400}",
        1 => "[\"“”'‘’a-zA-Z .,\n]{0,300}",
    ]
}

fn raw(text: String, header: Option<std::ops::Range<usize>>) -> RawDoc {
    RawDoc {
        meta: Meta {
            id: "prop".to_string(),
            source: "prop.txt".to_string(),
            language: "en".to_string(),
            ..Meta::default()
        },
        text,
        header,
    }
}

fn on_boundaries(doc: &Doc, s: Span, what: &str) -> Result<(), TestCaseError> {
    let t = doc.text();
    let (a, b) = (s.start as usize, s.end as usize);
    prop_assert!(
        a <= b && b <= t.len(),
        "{} {:?} outside a text of {} bytes",
        what,
        s,
        t.len()
    );
    prop_assert!(
        t.is_char_boundary(a) && t.is_char_boundary(b),
        "{} {:?} not on char boundaries",
        what,
        s
    );
    Ok(())
}

fn check_doc(doc: &Doc) -> Result<(), TestCaseError> {
    for &p in &doc.paragraphs {
        on_boundaries(doc, p, "paragraph")?;
    }
    for &(e, _) in &doc.excluded {
        on_boundaries(doc, e, "excluded")?;
    }
    for s in &doc.sentences {
        on_boundaries(doc, s.span, "sentence")?;
        prop_assert!(s.token_range().end <= doc.tokens.len(), "sentence tokens in range");
    }
    for t in &doc.tokens {
        on_boundaries(doc, t.span, "token")?;
    }
    for st in &doc.statements {
        on_boundaries(doc, st.content, "statement")?;
        if let Some(m) = st.speaker_mention {
            on_boundaries(doc, m, "speaker mention")?;
        }
        if let Some(c) = st.cue {
            on_boundaries(doc, c, "cue")?;
        }
        if let Some(v) = st.via {
            prop_assert!(
                v < doc.statements.len(),
                "via {} of {} statements",
                v,
                doc.statements.len()
            );
        }
    }
    for e in &doc.entities {
        for &m in &e.mentions {
            on_boundaries(doc, m, "entity mention")?;
        }
    }
    for ev in &doc.events {
        on_boundaries(doc, ev.span, "event")?;
    }
    // The contract: char offsets slice out the reported strings.
    let c = doc.to_contract(true);
    let chars: Vec<char> = doc.text().chars().collect();
    let slice = |a: u32, b: u32| -> Option<String> {
        (a <= b && b as usize <= chars.len()).then(|| chars[a as usize..b as usize].iter().collect())
    };
    for st in &c.statements {
        prop_assert_eq!(slice(st.start, st.end), Some(st.content.clone()));
        if let (Some(m), Some(a), Some(b)) = (&st.speaker_mention, st.speaker_start, st.speaker_end) {
            prop_assert_eq!(slice(a, b), Some(m.clone()));
        }
        if let (Some(cue), Some(a), Some(b)) = (&st.cue, st.cue_start, st.cue_end) {
            prop_assert_eq!(slice(a, b), Some(cue.clone()));
        }
    }
    for e in &c.entities {
        for m in &e.mentions {
            prop_assert!(slice(m[0], m[1]).is_some(), "entity mention {:?} in the text", m);
        }
    }
    for ev in &c.events {
        prop_assert!(
            slice(ev.start, ev.end).is_some(),
            "event {}..{} in the text",
            ev.start,
            ev.end
        );
    }
    Ok(())
}

fn contract_json(doc: &Doc) -> String {
    serde_json::to_string(&doc.to_contract(true)).expect("serialise")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    #[test]
    fn spans_lie_in_the_text_on_char_boundaries(text in news_text()) {
        let doc = claimgraph::pipeline::analyze(raw(text, None));
        check_doc(&doc)?;
    }

    #[test]
    fn any_header_range_is_safe(text in news_text(), a in 0usize..600, len in 0usize..80) {
        // The header range is clamped to the text and to char boundaries.
        let doc = claimgraph::pipeline::analyze(raw(text, Some(a..a + len)));
        check_doc(&doc)?;
    }

    #[test]
    fn analysis_is_deterministic(text in news_text()) {
        let a = claimgraph::pipeline::analyze(raw(text.clone(), None));
        let b = claimgraph::pipeline::analyze(raw(text, None));
        prop_assert_eq!(contract_json(&a), contract_json(&b));
        prop_assert_eq!(a.tokens.len(), b.tokens.len());
        prop_assert!(a.tokens.iter().zip(&b.tokens).all(|(x, y)| x.span == y.span && x.head == y.head && x.deprel == y.deprel && x.upos == y.upos));
    }
}

/// Prefixes that steer the reader's sniffing towards each format.
const PREFIXES: &[(&str, &[u8])] = &[
    ("txt", b""),
    ("html", b"<html><body><article><p>"),
    (
        "rss",
        b"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><item><description>",
    ),
    (
        "atom",
        b"<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><content type=\"html\">",
    ),
    ("jsonl", b"{\"id\": \"a\", \"text\": \""),
    (
        "warc",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 40\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>",
    ),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, max_shrink_iters: 500, ..ProptestConfig::default() })]

    #[test]
    fn readers_never_panic_and_their_documents_analyse_cleanly(
        which in 0..PREFIXES.len(),
        body in prop_oneof![
            news_text().prop_map(String::into_bytes),
            prop::collection::vec(any::<u8>(), 0..600),
        ],
    ) {
        let (ext, prefix) = PREFIXES[which];
        let dir = std::env::temp_dir().join(format!("claimgraph-prop-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("input-{which}.{ext}"));
        let mut bytes = prefix.to_vec();
        bytes.extend_from_slice(&body);
        std::fs::write(&path, &bytes).unwrap();
        let mut docs = Vec::new();
        let opts = claimgraph_ingest::Options { max_doc_bytes: 1 << 20 };
        claimgraph_ingest::read_input(&claimgraph_ingest::Input::File(path), &opts, &mut |r| {
            if let Ok(d) = r {
                docs.push(d);
            }
        });
        for d in docs {
            if let Some(h) = &d.header {
                prop_assert!(h.end <= d.text.len() && d.text.is_char_boundary(h.start) && d.text.is_char_boundary(h.end));
            }
            let doc = claimgraph::pipeline::analyze(d);
            check_doc(&doc)?;
        }
    }
}
