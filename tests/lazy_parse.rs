//! The pipeline tags every sentence but parses only those whose parse the
//! attribution stage reads (`claimgraph_extract::extract_parsing`). This
//! checks that it gives exactly the document of the eager pipeline (every
//! sentence parsed first): same statements, entities and tags, and the
//! same heads and relations in every sentence it did parse. Over the
//! examples always, and the dev articles when `../shared` is present.

mod common;

use claimgraph_doc::{Doc, NO_HEAD};
use claimgraph_ingest::{collect_inputs, read_input, Options, RawDoc};
use std::path::PathBuf;

fn raw_docs(paths: &[PathBuf]) -> Vec<RawDoc> {
    let (inputs, errors) = collect_inputs(paths);
    assert!(errors.is_empty(), "{errors:?}");
    let mut docs = Vec::new();
    for input in &inputs {
        read_input(input, &Options::default(), &mut |r| {
            if let Ok(d) = r {
                docs.push(d);
            }
        });
    }
    docs
}

fn eager(raw: RawDoc) -> Doc {
    let RawDoc { meta, text, header } = raw;
    let mut doc = Doc::new(meta, text);
    claimgraph_nlp::segment(&mut doc, header);
    claimgraph_syntax::Syntax::embedded().annotate(&mut doc);
    claimgraph_entities::annotate(&mut doc);
    claimgraph_extract::extract(&mut doc);
    doc
}

/// (sentences parsed lazily, sentences in all)
fn compare(paths: &[PathBuf]) -> (usize, usize) {
    let (mut parsed, mut total) = (0, 0);
    for raw in raw_docs(paths) {
        let id = raw.meta.id.clone();
        let lazy = claimgraph::pipeline::analyze(raw.clone());
        let full = eager(raw);
        let json = |d: &Doc| serde_json::to_string(&d.to_contract(true)).expect("contract serializes");
        assert_eq!(json(&lazy), json(&full), "{id}: lazy parsing changed the output");
        for s in &full.sentences {
            let r = s.token_range();
            total += 1;
            let done = r.clone().any(|k| lazy.tokens[k].deprel != 0);
            parsed += done as usize;
            for k in r {
                let (a, b) = (&lazy.tokens[k], &full.tokens[k]);
                assert_eq!((a.upos, a.xpos), (b.upos, b.xpos), "{id}: token {k} tagged differently");
                if done {
                    assert_eq!(
                        (a.head, a.deprel),
                        (b.head, b.deprel),
                        "{id}: token {k} parsed differently"
                    );
                } else {
                    assert_eq!(
                        (a.head, a.deprel),
                        (NO_HEAD, 0),
                        "{id}: token {k} of an unparsed sentence"
                    );
                }
            }
        }
    }
    (parsed, total)
}

#[test]
fn lazy_parsing_gives_the_eager_pipelines_output_on_the_examples() {
    let (parsed, total) = compare(&[common::repo_path("examples")]);
    assert!(total > 50, "examples have sentences ({total})");
    eprintln!("examples: {parsed} of {total} sentences parsed");
}

#[test]
fn lazy_parsing_gives_the_eager_pipelines_output_on_the_dev_articles() {
    let Some(dev) = common::gold_dev_or_skip("lazy_parsing_gives_the_eager_pipelines_output_on_the_dev_articles")
    else {
        return;
    };
    let (parsed, total) = compare(&common::txt_files(&dev));
    assert!(
        parsed > 0 && parsed < total,
        "some sentences parsed, not all ({parsed} of {total})"
    );
    eprintln!("dev: {parsed} of {total} sentences parsed");
}

#[test]
fn lazy_parsing_gives_the_eager_pipelines_output_on_hostile_inputs() {
    // All quotes, mixed and unbalanced quote marks, right-to-left and
    // zero-width characters, invalid UTF-8 inside a quote, and the records
    // a lying WARC or an entity-expanding feed still yields.
    let (_, total) = compare(&[common::repo_path("tests/hostile")]);
    assert!(total > 0, "hostile inputs have sentences");
}

/// `claimgraph parse --text` reads raw text with the tokens and sentences
/// `analyze` sees: "AFP." ends a sentence and its period is a token of
/// its own (a whitespace split kept "AFP." whole and ran the sentences
/// together).
#[test]
fn parse_text_uses_the_pipeline_tokenizer() {
    let dir = std::env::temp_dir().join(format!("cg-parse-text-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.txt");
    std::fs::write(&file, "The spokesman told AFP. He didn't comment on the U.S. report.\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(["parse", "--text"])
        .arg(&file)
        .output()
        .unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let conllu = String::from_utf8(out.stdout).unwrap();
    let forms: Vec<Vec<&str>> = conllu
        .split("\n\n")
        .filter(|s| !s.trim().is_empty())
        .map(|s| {
            s.lines()
                .filter(|l| !l.starts_with('#'))
                .map(|l| l.split('\t').nth(1).unwrap())
                .collect()
        })
        .collect();
    assert_eq!(
        forms,
        vec![
            vec!["The", "spokesman", "told", "AFP", "."],
            vec!["He", "did", "n't", "comment", "on", "the", "U.S.", "report", "."],
        ]
    );
}
