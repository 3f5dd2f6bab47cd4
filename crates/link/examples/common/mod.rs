//! The analysis pipeline of `claimgraph::pipeline::analyze` (which this
//! crate cannot depend on: the binary depends on it), for the examples.

use std::path::{Path, PathBuf};

use claimgraph_doc::Doc;

/// ingest → nlp → syntax and entities (when the embedded syntax models
/// load) → extract.
pub fn analyze_files(paths: &[PathBuf]) -> Vec<Doc> {
    let syntax = std::panic::catch_unwind(claimgraph_syntax::Syntax::embedded).ok();
    if syntax.is_none() {
        eprintln!("syntax models unavailable: skipping the syntax stage");
    }
    let (inputs, errors) = claimgraph_ingest::collect_inputs(paths);
    for e in errors {
        eprintln!("{e}");
    }
    let opts = claimgraph_ingest::Options::default();
    let mut docs = Vec::new();
    for input in &inputs {
        claimgraph_ingest::read_input(input, &opts, &mut |r| match r {
            Ok(raw) => {
                let claimgraph_ingest::RawDoc { meta, text, header } = raw;
                let mut doc = Doc::new(meta, text);
                claimgraph_nlp::segment(&mut doc, header);
                if let Some(s) = syntax {
                    s.annotate(&mut doc);
                    claimgraph_entities::annotate(&mut doc);
                }
                claimgraph_extract::extract(&mut doc);
                docs.push(doc);
            }
            Err(e) => eprintln!("{e}"),
        });
    }
    docs
}

/// The `.txt` articles of a gold folder, sorted.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    v.retain(|p| p.extension().is_some_and(|x| x == "txt"));
    v.sort();
    v
}
