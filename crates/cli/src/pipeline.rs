//! One document's path through the stages: ingest (done by the caller) →
//! nlp (paragraphs, sentences, tokens) → syntax (tags, parse) → entities
//! (names, roles, coreference) → extract (statements). Data flows one way;
//! each stage adds a layer.

use claimgraph_doc::Doc;
use claimgraph_ingest::RawDoc;

/// Runs every analysis stage over one document read by `claimgraph_ingest`.
pub fn analyze(raw: RawDoc) -> Doc {
    let RawDoc { meta, text, header } = raw;
    let mut doc = Doc::new(meta, text);
    claimgraph_nlp::segment(&mut doc, header);
    let syntax = claimgraph_syntax::Syntax::embedded();
    // Tags only: attribution reads the parse of a few sentences (around
    // reporting cues), and parses just those when it first needs them.
    syntax.tag(&mut doc);
    claimgraph_entities::annotate(&mut doc);
    claimgraph_extract::extract_parsing(&mut doc, syntax);
    doc
}

/// [`analyze`], then the linker's per-document reduction
/// (`claimgraph_link::prepare`): both depend on the document alone, so the
/// analysis threads do them and the sequential linker only links.
pub fn analyze_for_linking(raw: RawDoc) -> (Doc, claimgraph_link::Prepared) {
    let doc = analyze(raw);
    let prepared = claimgraph_link::prepare(&doc);
    (doc, prepared)
}
