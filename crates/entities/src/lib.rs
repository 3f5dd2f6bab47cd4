//! Named entities, roles, in-document coreference, metonymy and aliases
//! (PERSON, ORG, MEDIA, GPE, LOC, EVENT).
//!
//! ```no_run
//! # let mut doc = claimgraph_doc::Doc::default();
//! // after claimgraph_nlp::segment (and optionally the syntax layer):
//! claimgraph_entities::annotate(&mut doc);
//! ```
//!
//! Layers: [`ner`] (averaged-perceptron BILOU tagger trained by [`train`]
//! from GUM, wikigold and UNER EWT dev; `models/ner.bin`), [`gazetteer`]
//! (countries, capitals, demonyms, regions, IGOs and media from PETRARCH2
//! data; `data/gazetteer.tsv`), and rules in `annotate.rs` (types, outlets,
//! government bodies, events, roles, coreference, metonymy, aliases).

mod annotate;
pub mod coref_eval;
pub mod corpus;
pub mod gazetteer;
pub mod lexicon;
pub mod ner;
pub mod train;

pub use annotate::translit_key;
use std::sync::OnceLock;

static NER_BYTES: &[u8] = include_bytes!("../../../models/ner.bin");
static NER: OnceLock<ner::Model> = OnceLock::new();

/// The NER model embedded in the binary. Panics if `models/ner.bin` is not
/// a trained model (run `claimgraph train ner`).
pub fn embedded_model() -> &'static ner::Model {
    NER.get_or_init(|| {
        ner::Model::from_bytes(NER_BYTES).unwrap_or_else(|e| panic!("models/ner.bin: {e} (run `claimgraph train ner`)"))
    })
}

/// Fills doc.entities (PERSON, ORG, MEDIA, GPE, LOC, EVENT), each with
/// canonical name (the longest proper name used), role, affiliation,
/// aliases, speaker_type, and all mentions: names, short forms, and
/// coreferent pronouns / descriptions ("he", "the expert", "the
/// newspaper", "it", "the ministry"). Needs doc.sentences/tokens.
pub fn annotate(doc: &mut claimgraph_doc::Doc) {
    annotate::annotate_with(embedded_model(), doc);
}

/// Same as [`annotate`] with a given NER model.
pub fn annotate_with_model(model: &ner::Model, doc: &mut claimgraph_doc::Doc) {
    annotate::annotate_with(model, doc);
}
