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
    claimgraph_syntax::Syntax::embedded().annotate(&mut doc);
    claimgraph_entities::annotate(&mut doc);
    claimgraph_extract::extract(&mut doc);
    doc
}
