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
//! from GUM train+dev without its non-commercial genres, wikigold and UNER
//! EWT dev; `models/ner.bin`), [`gazetteer`] (countries, capitals,
//! demonyms, regions, IGOs, armed groups and media from PETRARCH2 data;
//! `data/gazetteer.tsv`; given names from the training data,
//! `data/given_names.txt`), and rules in `annotate.rs` (types, outlets,
//! government bodies, events, roles, affiliations, name propagation,
//! coreference, metonymy, aliases). [`collective_at`] recognises demonym
//! collectives ("Iranian media") for the attribution stage.
//!
//! Commands (run from the workspace root, `--release`):
//! - `claimgraph train ner` (or `cargo run --release -p claimgraph-entities --example train_ner`):
//!   retrains `models/ner.bin`; deterministic (seed 7: same data → same bytes); `--tune` keeps UNER dev out.
//! - `claimgraph bench ner`: exact span+type F1 on UNER EWT test and GUM test, words/s.
//! - `cargo run --release -p claimgraph-entities --example gen_gazetteer -- /work/shared/data/petrarch2-cameo-dictionaries crates/entities/data/gazetteer.tsv`
//!   and `--example gen_given_names -- crates/entities/data/given_names.txt` regenerate the data files
//!   (a unit test checks the gazetteer is current).
//! - `cargo run --release -p claimgraph-entities --example dev_entities -- /work/shared/gold/dev OUT.jsonl [-v] [--repeat N]`
//!   then `python3 /work/shared/eval/score.py /work/shared/gold/dev OUT.jsonl` (entities line).
//! - `cargo run --release -p claimgraph-entities --example gum_coref -- /work/shared/data/ud-english-gum/en_gum-ud-test.conllu`:
//!   pronoun resolution against GUM coreference.

mod annotate;
pub mod coref_eval;
pub mod corpus;
pub mod gazetteer;
pub mod lexicon;
pub mod ner;
pub mod train;

pub use annotate::{replace_in_place, translit_key};
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

/// A demonym collective that acts as a source ("Iranian media", "Israeli
/// experts", "Azerbaijani officials"): not an entity of the `entities`
/// list, but a group tied to its country.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Collective {
    /// As written, from the demonym to the group noun: "Iranian state media".
    pub name: String,
    /// The country of the demonym: "Iran".
    pub country: String,
    pub speaker_type: claimgraph_doc::SpeakerType,
}

const MEDIA_GROUPS: &[&str] = &[
    "media",
    "press",
    "outlets",
    "newspapers",
    "papers",
    "websites",
    "channels",
    "journalists",
    "reporters",
    "broadcasters",
    "television",
    "tv",
    "dailies",
];
const GOV_GROUPS: &[&str] = &[
    "officials",
    "authorities",
    "diplomats",
    "lawmakers",
    "politicians",
    "leaders",
    "ministers",
    "officers",
    "forces",
    "military",
    "army",
    "troops",
    "security",
    "intelligence",
    "sources",
];
const OTHER_GROUPS: &[&str] = &[
    "experts",
    "analysts",
    "commentators",
    "observers",
    "scholars",
    "academics",
    "researchers",
    "activists",
    "bloggers",
    "users",
    "citizens",
    "people",
    "residents",
    "critics",
    "groups",
    "circles",
    "figures",
];

/// The demonym collective a span names, if any: "Iranian media reports" →
/// Iranian media (media, Iran); "Azerbaijani officials" → government.
pub fn collective_at(doc: &claimgraph_doc::Doc, span: claimgraph_doc::Span) -> Option<Collective> {
    let toks: Vec<usize> = (0..doc.tokens.len())
        .filter(|&i| span.contains(doc.tokens[i].span))
        .collect();
    let g = gazetteer::get();
    for (k, &i) in toks.iter().enumerate() {
        let w = doc.token_text(i);
        let Some(e) = g.lookup(w).filter(|e| e.kind == gazetteer::GazKind::Demonym) else {
            continue;
        };
        // up to two modifiers ("state", "pro-government") before the group noun
        for &j in toks.iter().skip(k + 1).take(3) {
            let l = doc.token_text(j).to_lowercase();
            let st = if MEDIA_GROUPS.contains(&l.as_str()) {
                claimgraph_doc::SpeakerType::Media
            } else if GOV_GROUPS.contains(&l.as_str()) {
                claimgraph_doc::SpeakerType::Government
            } else if OTHER_GROUPS.contains(&l.as_str()) {
                claimgraph_doc::SpeakerType::Group
            } else {
                continue;
            };
            let s = claimgraph_doc::Span {
                start: doc.tokens[i].span.start,
                end: doc.tokens[j].span.end,
            };
            return Some(Collective {
                name: doc.slice(s).to_string(),
                country: e.country.clone(),
                speaker_type: st,
            });
        }
    }
    None
}
