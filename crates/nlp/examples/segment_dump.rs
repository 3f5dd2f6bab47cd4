//! Prints the segmentation of text files: paragraphs, exclusions, sentences
//! (tokens with `--tokens`). `cargo run -p claimgraph-nlp --example segment_dump -- FILE...`

use claimgraph_doc::{Doc, Meta};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_tokens = args.iter().any(|a| a == "--tokens");
    for path in args.iter().filter(|a| !a.starts_with("--")) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let header = leading_header(&text);
        let mut doc = Doc::new(Meta::default(), text);
        claimgraph_nlp::segment(&mut doc, header);
        println!(
            "== {path}: {} paragraphs, {} sentences, {} tokens",
            doc.paragraphs.len(),
            doc.sentences.len(),
            doc.tokens.len()
        );
        for &(span, kind) in &doc.excluded {
            println!("  excluded {kind:?}: {:?}", doc.slice(span));
        }
        for s in &doc.sentences {
            let mark = if doc.excluded_kind(s.span).is_some() { "x" } else { " " };
            println!("  {mark}[{}] {}", s.paragraph, doc.slice(s.span));
            if show_tokens {
                let toks: Vec<&str> = doc.sentence_tokens(s).iter().map(|t| doc.slice(t.span)).collect();
                println!("      {}", toks.join(" | "));
            }
        }
    }
}

/// The header shapes of the dev files: a leading " date YYYY-MM-DD " or a
/// bare year alone on the first line (the real detection lives in ingest).
fn leading_header(text: &str) -> Option<std::ops::Range<usize>> {
    let first = text.split('\n').next().unwrap_or("");
    if first.trim().len() == 4 && first.trim().bytes().all(|b| b.is_ascii_digit()) {
        return Some(0..first.len());
    }
    let rest = text.strip_prefix(" date ")?;
    let d = rest.get(..10)?;
    let ok = d.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    ok.then(|| 0..6 + 10 + usize::from(rest[10..].starts_with(' ')))
}
