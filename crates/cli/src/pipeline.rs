//! One document's path through the stages: ingest (done by the caller) →
//! nlp (paragraphs, sentences, tokens) → syntax (tags, parse) → entities
//! (names, roles, coreference) → extract (statements). Data flows one way;
//! each stage adds a layer.

use claimgraph_doc::Doc;
use claimgraph_ingest::{IngestError, RawDoc};

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

/// [`analyze_for_linking`], with a panic in the analysis reported as that
/// document's error: a bug met on one document must not end the batch (the
/// others are analysed and stored, and the user learns which input to
/// report). The panic message has already gone to stderr by the hook.
pub fn analyze_isolated(raw: RawDoc) -> Result<(Doc, claimgraph_link::Prepared), IngestError> {
    let path = raw.meta.source.clone();
    isolate(path, || analyze_for_linking(raw))
}

/// Runs `work`; a panic in it becomes an error naming `path`.
fn isolate<T>(path: String, work: impl FnOnce() -> T) -> Result<T, IngestError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|payload| {
        let msg = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".to_string());
        IngestError {
            path,
            reason: format!(
                "internal error while analysing this document (a claimgraph bug: please report it with the file): {msg}"
            ),
        }
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_panic_in_one_document_is_that_documents_error() {
        let ok = super::isolate("a.txt".to_string(), || 7);
        assert_eq!(ok.unwrap(), 7);
        let err = super::isolate("b.txt".to_string(), || -> u32 { panic!("index out of bounds") }).unwrap_err();
        assert_eq!(err.path, "b.txt");
        assert!(err.reason.contains("index out of bounds"), "{}", err.reason);
    }
}
