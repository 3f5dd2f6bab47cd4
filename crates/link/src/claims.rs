//! Online claim clustering.
//!
//! Each statement is reduced to a bag of keys: stems of its content words
//! (negation, hedges, reporting and evaluation words stripped, so "X did Y",
//! "X never did Y" and "X may have done Y" meet) and entity keys (`e:russia`;
//! demonyms and capital metonyms folded onto the country). A claim keeps how
//! many of its members carry each key, a MinHash signature of their union
//! and up to four exemplar texts.
//!
//! Linking one statement:
//! 1. A statement nested in another (`via`) whose content lies inside the
//!    outer content joins the outer statement's claim.
//! 2. A statement with little content of its own ("the allegations",
//!    "absurd", "these claims", "such conclusions …") joins the claim of its
//!    antecedent: the closest earlier statement of the document, preferring
//!    one that shares a key with it; with none, the headline stands in.
//! 3. Otherwise candidates come from an inverted index over the rarer keys,
//!    MinHash LSH and the claims this document already uses (never all
//!    pairs); each is scored by IDF-weighted cosine and coverage, the
//!    agreement of the content's subject, a same-document bonus and, where
//!    the lexical score leaves it ambiguous, sentence-embedding similarity to
//!    the claim's exemplars. The best candidate over the threshold is
//!    joined; else a new claim is created.
//! 4. A side (the country a speaker speaks for, else the speaker) never
//!    both asserts and denies one claim: what a side that denies claim C
//!    asserts goes to its counter-claim of C ("a civilian airship blown off
//!    course" against "a spy balloon"), one per side, kept in C's record;
//!    only that side's statements join a counter-claim.
//!    A document's assertions by sides that also deny something in it are
//!    linked after its other statements, so that the claims it denies are
//!    known by then.
//!
//! Everything the decisions read is part of the claims' records, so
//! restoring from records and linking more documents gives the same result
//! as linking everything at once.

use foldhash::HashMap;
use std::cell::Cell;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use claimgraph_doc::{Doc, SpeakerType, Stance};
use serde::{Deserialize, Serialize};

use crate::embed::{self, Embedder};
use crate::minhash::{self, Lsh};
use crate::text::{self, fnv64, Features};

/// Settings of a [`Linker`]. `Default` gives the tuned values.
#[derive(Clone, Debug)]
pub struct LinkerConfig {
    /// Directory with model.safetensors, config.json, tokenizer.json of
    /// all-MiniLM-L6-v2; embeddings are used iff the files are there (and
    /// the crate was built with the `embeddings` feature).
    pub embeddings_dir: Option<PathBuf>,
    /// Distilled static vectors (default) or the transformer itself.
    pub embedding_kind: embed::EmbeddingKind,
    /// Lexical score needed to join a claim without embeddings.
    pub join_lexical: f32,
    /// With embeddings, a best lexical score under `join_lexical +
    /// ambiguous_margin` is settled with them, over the candidates scoring
    /// at least `ambiguous_low` or sharing half their entities; a higher one
    /// decides alone.
    pub ambiguous_low: f32,
    pub ambiguous_margin: f32,
    /// Static embeddings add `embedding_weight * (cosine -
    /// embedding_pivot)` to the lexical score.
    pub embedding_weight: f32,
    pub embedding_pivot: f32,
    /// Cosine (static embeddings) at which a candidate sharing the
    /// entities joins whatever the lexical score.
    pub embedding_strong: f32,
    /// `embedding_weight` and `embedding_strong` for the transformer's
    /// embeddings, whose cosines run on another scale.
    pub contextual_weight: f32,
    pub contextual_strong: f32,
    /// Added to the score of claims the same document already uses.
    pub same_doc_bonus: f32,
    /// Score factor when the candidate's subjects never include this one's.
    pub subject_clash: f32,
    /// Score factor when the item names other countries than the claim
    /// does (besides subjects and the speaker's side; see `country_clash`).
    pub country_clash: f32,
    /// Score factor against another document's claim when the item names
    /// a country (besides its subject and the speaker's side) that none of
    /// the claim's members names, and `country_clash` does not apply.
    pub unnamed_country: f32,
    /// Further factor, with `subject_clash`, when the item's subject is a
    /// country that no member of the claim names.
    pub foreign_subject: f32,
    /// Content keys an item must share with a claim that shares none of
    /// its entities (with them, one is enough).
    pub min_shared_keys: usize,
    /// Score factor against another document's claim that names entities
    /// but none of the item's (or its document's, when it names none).
    pub entity_disjoint: f32,
    /// Share of the lexical score given by how much of the statement the
    /// claim covers (the rest is cosine, which penalises broad claims).
    pub cover_weight: f32,
    /// How much a key's share of general English sentences (see
    /// `background`) adds to its frequency among the claims.
    pub background_weight: f32,
    /// Weight of a verb-class key ("v:physical_conflict") against its IDF.
    pub class_weight: f32,
    /// A word is common when at least this share of general English
    /// sentences uses it (see `background`). Another document's claim that
    /// shares no entity with a statement and only common words is no
    /// match (0: the rule is off).
    pub common_share: f32,
    /// Share of the lexical score that depends on shared entities.
    pub entity_weight: f32,
    /// Entity agreement assumed for a content naming no entity.
    pub no_entity: f32,
    /// Keys kept per claim (the most frequent among its members).
    pub max_keys: usize,
    /// Candidates scored in full per statement.
    pub max_candidates: usize,
    /// Keys whose posting list is longer than this are too common to
    /// generate candidates.
    pub max_posting: usize,
}

impl Default for LinkerConfig {
    fn default() -> Self {
        LinkerConfig {
            embeddings_dir: None,
            embedding_kind: embed::EmbeddingKind::Static,
            join_lexical: 0.10,
            ambiguous_low: 0.08,
            ambiguous_margin: 0.30,
            // tuned on the mean over shuffled dev orders
            // (scripts/claim-orders.py), with `background_weight` 4: 0.15
            // gave 0.640, 0.05 0.654, 0.10 0.655, 0.25 0.615
            embedding_weight: 0.10,
            embedding_pivot: 0.45,
            embedding_strong: 0.80,
            contextual_weight: 0.3,
            contextual_strong: 0.68,
            same_doc_bonus: 0.10,
            subject_clash: 0.6,
            country_clash: 0.6,
            // 1.0 / 0.8 / 0.6 / 0.4: shuffle mean 0.655 / 0.654 / 0.658 /
            // 0.655, dev cross-story pairs 33.0 / - / 18.6 / 17.2
            unnamed_country: 0.6,
            foreign_subject: 0.5,
            min_shared_keys: 2,
            entity_disjoint: 0.5,
            cover_weight: 0.5,
            // 0 / 1 / 2 / 4 / 8 / 16: 0.627 / 0.635 / 0.639 / 0.640 / 0.633 /
            // 0.597 (embedding_weight 0.15)
            background_weight: 4.0,
            class_weight: 0.5,
            // a word in fewer than 1 in 500 general sentences is specific;
            // 0 / 0.001 / 0.002 / 0.003: dev unchanged (every cross-document
            // join there shares an actor or a rarer word); false pairs among
            // 237 unrelated GUM documents 115 / 54 / 72 / 77 (lexical only
            // 104 / 41 / 47 / 54)
            common_share: 0.002,
            entity_weight: 0.2,
            no_entity: 0.6,
            max_keys: 96,
            max_candidates: 24,
            max_posting: 4000,
        }
    }
}

/// A claim as stored: id, canonical text, member count and opaque state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: String,
    pub text: String,
    pub members: u32,
    pub state: Vec<u8>,
    /// The claim (id) this one is the counter-claim of, and the side whose
    /// version it is. Also in `state`, which [`Linker::restore`] reads;
    /// here for stores and ledgers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_of: Option<(String, String)>,
}

/// The part of a claim that decisions read (serialised into `state`).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
struct ClaimState {
    /// Members that contributed keys (anaphoric members do not).
    lexical_members: u32,
    /// Key → number of contributing members carrying it.
    keys: BTreeMap<String, u32>,
    /// Subject key → number of members with that subject.
    subjects: BTreeMap<String, u32>,
    sig: Vec<u32>,
    exemplars: Vec<String>,
    /// Sides (see [`Item::side`]) that deny this claim.
    #[serde(default, skip_serializing_if = "BTreeSet::is_empty")]
    deny_sides: BTreeSet<String>,
    /// Counter-claims: what a side that denies this claim asserts in its
    /// place (side → claim index).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    counters: BTreeMap<String, u32>,
    /// The claim (index) and side this one is the counter-claim of.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    counter_of: Option<(u32, String)>,
}

/// A claim's (key id, count) pairs sorted by id, with a 1024-bit filter of
/// the ids: most of an item's keys are not the claim's, and the filter
/// answers those without a binary search (scoring's main cost).
#[derive(Clone, Debug, Default)]
struct ById {
    pairs: Vec<(u32, u32)>,
    bits: [u64; 16],
}

impl ById {
    fn new(mut pairs: Vec<(u32, u32)>) -> ById {
        pairs.sort_unstable();
        let mut bits = [0u64; 16];
        for &(id, _) in &pairs {
            let b = ById::bit(id);
            bits[b >> 6] |= 1 << (b & 63);
        }
        ById { pairs, bits }
    }

    #[inline]
    fn bit(id: u32) -> usize {
        (id.wrapping_mul(0x9E37_79B9) >> 22) as usize
    }

    /// The count of key `id`, if the claim has it.
    #[inline]
    fn count(&self, id: u32) -> Option<u32> {
        let b = ById::bit(id);
        if self.bits[b >> 6] >> (b & 63) & 1 == 0 {
            return None;
        }
        self.pairs
            .binary_search_by_key(&id, |&(k, _)| k)
            .ok()
            .map(|i| self.pairs[i].1)
    }
}

struct Claim {
    members: u32,
    text: String,
    st: ClaimState,
    /// `st.keys` by interned id, in the map's (name) order: what scoring
    /// reads, so that float sums run in the order they always have.
    kids: Vec<(u32, u32)>,
    /// `kids` sorted by id: an item's keys are looked up here, so scoring
    /// costs the item's length, not the claim's.
    by_id: ById,
    /// Keys of `st.exemplars[i]` and the factor of its score as canonical
    /// text (computed when first needed).
    exemplar_keys: Vec<(Vec<String>, f32)>,
    /// (`n` when computed, squared norm of the content keys' weights):
    /// recomputed when the claim changes or `n` has grown by a tenth
    /// since (IDFs drift slowly; summing every key of every candidate at
    /// every statement was most of the scoring's cost).
    norm: Cell<(u64, f32)>,
}

impl Claim {
    fn counter_of(&self) -> Option<(String, String)> {
        let (parent, side) = self.st.counter_of.as_ref()?;
        Some((claim_id(*parent as usize), side.clone()))
    }
}

const MAX_EXEMPLARS: usize = 4;
const EXEMPLAR_CHARS: usize = 400;

fn claim_id(idx: usize) -> String {
    format!("c{:06}", idx + 1)
}

fn idx_of(id: &str) -> Option<usize> {
    id.strip_prefix('c')?.parse::<usize>().ok()?.checked_sub(1)
}

/// One statement reduced for linking.
struct Item {
    keys: Vec<String>,
    /// `keys` interned (same order); set by `Linker::intern_item`.
    kids: Vec<u32>,
    /// MinHash signature of `keys`.
    sig: Vec<u32>,
    /// For a content naming no entity: the entities its document keeps
    /// returning to, which stand in for it when judging entity agreement
    /// ("this partnership goes beyond military ties" is about the story's
    /// actors, not about any claim that mentions military ties).
    context_ents: Vec<u32>,
    subject: Option<String>,
    /// `e:` key ids of `subject` and of `side` when they are countries,
    /// and of the other countries it names (set with `kids`).
    subject_country: Option<u32>,
    side_country: Option<u32>,
    countries: Vec<u32>,
    text: String,
    anaphoric: bool,
    /// A denial opening by pointing back with words of its own ("such
    /// conclusions have nothing to do with reality", "US charges against
    /// six officers as Russophobia"): it joins the claim of its antecedent
    /// like an anaphoric one when it has one (its words judge that claim
    /// and do not join its keys), else it is linked by its own words.
    refers_back: bool,
    substance: usize,
    /// `e:` key of the speaker ("the Kremlin" → `e:russia`).
    speaker_key: String,
    /// Whose side the speaker speaks for: the country its name, role or
    /// mention names in any of its statements in the document ("Kremlin
    /// spokesman Dmitry Peskov" → russia), else the speaker itself; none
    /// for unnamed sources.
    side: Option<String>,
    stance: Stance,
}

pub struct Linker {
    cfg: LinkerConfig,
    claims: Vec<Claim>,
    /// Keys interned to dense ids: scoring compares ids, not strings.
    key_ids: HashMap<String, u32>,
    key_is_entity: Vec<bool>,
    /// Verb-class keys (see `verb_classes`): weaker, and no shared word.
    key_is_class: Vec<bool>,
    /// Key id → `background_weight` × its share of background sentences
    /// (see `background`): counted into its frequency as if the claims so
    /// far were that many general sentences.
    key_prior: Vec<f32>,
    /// Key id → whether at least `common_share` of background sentences
    /// use it (a common word: alone, it links no two documents).
    key_is_common: Vec<bool>,
    /// Key id → whether it is a country's entity key (`e:russia`).
    key_is_country: Vec<bool>,
    /// Key id → key.
    key_names: Vec<String>,
    /// Key id → sum over claims of its member count (document frequency).
    df: Vec<u32>,
    /// Document frequency → (`n` + 1 when it was computed, idf): an idf
    /// depends only on the two counts, and most keys share a few small
    /// frequencies, so a decision takes a handful of logarithms rather
    /// than one per key of every candidate. Holds `n + 1` cells (no key's
    /// frequency exceeds `n`), grown where `n` grows.
    idf_by_df: Vec<Cell<(u64, f32)>>,
    /// Total contributing members.
    n: u64,
    /// Key id → claims carrying it (sorted).
    postings: Vec<Vec<u32>>,
    lsh: Lsh,
    embedder: Option<Embedder>,
}

impl Linker {
    pub fn new(cfg: LinkerConfig) -> anyhow::Result<Linker> {
        let embedder = match &cfg.embeddings_dir {
            Some(dir) if cfg!(feature = "embeddings") && embed::present(dir, cfg.embedding_kind) => {
                Some(Embedder::load(dir, cfg.embedding_kind)?)
            }
            _ => None,
        };
        Ok(Linker {
            cfg,
            claims: Vec::new(),
            key_ids: HashMap::default(),
            key_is_entity: Vec::new(),
            key_is_class: Vec::new(),
            key_prior: Vec::new(),
            key_is_common: Vec::new(),
            key_is_country: Vec::new(),
            key_names: Vec::new(),
            df: Vec::new(),
            idf_by_df: vec![Cell::new((0, 0.0))],
            n: 0,
            postings: Vec::new(),
            lsh: Lsh::default(),
            embedder,
        })
    }

    /// Resumes from stored claims (any order; ids must be `c` + number as
    /// this crate makes them).
    pub fn restore(cfg: LinkerConfig, mut records: Vec<ClaimRecord>) -> anyhow::Result<Linker> {
        let mut l = Linker::new(cfg)?;
        records.sort_by_key(|r| idx_of(&r.id).unwrap_or(usize::MAX));
        for (i, r) in records.into_iter().enumerate() {
            anyhow::ensure!(
                idx_of(&r.id) == Some(i),
                "claim ids are not c000001… in sequence: {}",
                r.id
            );
            let st: ClaimState =
                serde_json::from_slice(&r.state).map_err(|e| anyhow::anyhow!("claim {}: bad state: {e}", r.id))?;
            for (k, &c) in &st.keys {
                let id = l.intern(k) as usize;
                l.df[id] += c;
                l.postings[id].push(i as u32);
            }
            l.n += st.lexical_members as u64;
            l.idf_by_df.resize(l.n as usize + 1, Cell::new((0, 0.0)));
            l.lsh.insert(i as u32, &st.sig);
            l.claims.push(Claim {
                members: r.members,
                text: r.text,
                st,
                kids: Vec::new(),
                by_id: ById::default(),
                exemplar_keys: Vec::new(),
                norm: Cell::new((0, 0.0)),
            });
            l.refresh_kids(i);
        }
        Ok(l)
    }

    /// Whether embeddings are in use: their files were there and have not
    /// failed to load.
    pub fn uses_embeddings(&self) -> bool {
        self.embedder.as_ref().is_some_and(|e| !e.failed())
    }

    /// Sentences run through the embedding model so far (cache misses).
    pub fn embedded_count(&self) -> u64 {
        self.embedder.as_ref().map_or(0, |e| e.computed)
    }

    pub fn records(&self) -> Vec<ClaimRecord> {
        self.claims
            .iter()
            .enumerate()
            .map(|(i, c)| ClaimRecord {
                id: claim_id(i),
                text: c.text.clone(),
                members: c.members,
                state: serde_json::to_vec(&c.st).expect("claim state serialises"),
                counter_of: c.counter_of(),
            })
            .collect()
    }

    /// The records of the claims with these ids (unknown ids skipped):
    /// what a store needs after a batch, without serialising every claim.
    pub fn records_of<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<ClaimRecord> {
        let mut idx: Vec<usize> = ids
            .into_iter()
            .filter_map(idx_of)
            .filter(|&i| i < self.claims.len())
            .collect();
        idx.sort_unstable();
        idx.dedup();
        idx.into_iter()
            .map(|i| {
                let c = &self.claims[i];
                ClaimRecord {
                    id: claim_id(i),
                    text: c.text.clone(),
                    members: c.members,
                    state: serde_json::to_vec(&c.st).expect("claim state serialises"),
                    counter_of: c.counter_of(),
                }
            })
            .collect()
    }

    pub fn len(&self) -> usize {
        self.claims.len()
    }

    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// Sets `claim` on every statement of the doc; returns the ids of the
    /// claims created or changed, in order of first change.
    pub fn link(&mut self, doc: &mut Doc) -> Vec<String> {
        let prepared = prepare(doc);
        self.link_prepared(doc, prepared)
    }

    /// [`Linker::link`] with the document's statements already reduced by
    /// [`prepare`] (on another thread, say). Same result.
    ///
    /// # Panics
    /// If `prepared` was made from another document or before its
    /// statements changed (a different statement count or content).
    pub fn link_prepared(&mut self, doc: &mut Doc, prepared: Prepared) -> Vec<String> {
        assert!(
            prepared.items.len() == doc.statements.len()
                && prepared
                    .items
                    .iter()
                    .zip(&doc.statements)
                    .all(|(it, s)| it.text == doc.slice(s.content)),
            "Linker::link_prepared: prepared from another document"
        );
        let Prepared { items, mut title } = prepared;
        let items = self.intern_items(items);
        let mut assigned: Vec<Option<usize>> = vec![None; items.len()];
        let mut changed: Vec<usize> = Vec::new();
        let mut doc_claims: Vec<usize> = Vec::new();
        let mut doc_embedded = false;
        if let Some(t) = title.as_mut() {
            self.intern_item(t);
        }
        // A side that denies something here and asserts something too
        // asserts its own version of events: those assertions are linked
        // last, when the claims this document denies are known (see
        // `counter_target`).
        let deny_sides: Vec<&str> = items
            .iter()
            .filter(|it| it.stance == Stance::Deny)
            .filter_map(|it| it.side.as_deref())
            .collect();
        let deferred =
            |it: &Item| it.stance == Stance::Assert && it.side.as_deref().is_some_and(|k| deny_sides.contains(&k));
        let order: Vec<usize> = (0..items.len())
            .filter(|&i| !deferred(&items[i]))
            .chain((0..items.len()).filter(|&i| deferred(&items[i])))
            .collect();
        for i in order {
            let st = &doc.statements[i];
            // 1. nested inside an earlier statement's content
            let outer = st
                .via
                .filter(|&p| p < i && assigned[p].is_some() && doc.statements[p].content.contains(st.content));
            let target = if let Some(p) = outer {
                Some(assigned[p].unwrap())
            } else if items[i].anaphoric || items[i].refers_back {
                // 2. the antecedent in this document
                antecedent(&items, &assigned, i)
            } else {
                None
            };
            let keyless = items[i].anaphoric || (items[i].refers_back && target.is_some());
            let (it, target) = match target {
                Some(c) => (&items[i], Some(c)),
                None => {
                    let it = if items[i].anaphoric && items[i].substance == 0 {
                        // no antecedent: the headline says what is denied
                        title.as_deref().unwrap_or(&items[i])
                    } else {
                        &items[i]
                    };
                    if !doc_embedded && self.embedder.is_some() {
                        // one batch for the document's statements
                        doc_embedded = true;
                        let texts: Vec<&str> = items.iter().filter(|x| !x.anaphoric).map(|x| x.text.as_str()).collect();
                        if let Some(e) = self.embedder.as_mut() {
                            let _ = e.embed(&texts);
                        }
                    }
                    (it, self.best(it, &doc_claims))
                }
            };
            let c = match self.counter_target(&items[i], target) {
                Some(c) => {
                    self.add_member(c, it, keyless);
                    c
                }
                None => {
                    let c = self.create(it);
                    if let (Some(parent), Some(side)) = (target, &items[i].side) {
                        self.set_counter(parent, side, c, &mut changed);
                    }
                    c
                }
            };
            if items[i].stance == Stance::Deny {
                if let Some(side) = &items[i].side {
                    self.claims[c].st.deny_sides.insert(side.clone());
                }
            }
            assigned[i] = Some(c);
            if !changed.contains(&c) {
                changed.push(c);
            }
            if !doc_claims.contains(&c) {
                doc_claims.push(c);
            }
        }
        for (s, c) in doc.statements.iter_mut().zip(&assigned) {
            s.claim = c.map(claim_id);
        }
        for &c in &changed {
            self.refresh_text(c);
        }
        changed.into_iter().map(claim_id).collect()
    }

    /// Where a statement goes given the claim it would join (`None`: a
    /// new claim). A side never both asserts and denies one claim: what a
    /// side that denies claim C asserts is its counter-claim of C ("it was
    /// a civilian airship" against "it was a spy balloon"), one per side,
    /// and a denial that lands on a side's own counter-claim goes back to
    /// the claim denied. `None` with `target` set: the counter-claim is
    /// still to be created.
    fn counter_target(&self, it: &Item, target: Option<usize>) -> Option<usize> {
        let (Some(c), Some(side)) = (target, it.side.as_deref()) else {
            return target;
        };
        let st = &self.claims[c].st;
        match it.stance {
            Stance::Assert if st.deny_sides.contains(side) => st.counters.get(side).map(|&cc| cc as usize),
            Stance::Deny => match &st.counter_of {
                Some((parent, s)) if s == side => Some(*parent as usize),
                _ => Some(c),
            },
            _ => Some(c),
        }
    }

    /// Records `counter` as `side`'s counter-claim of `parent`.
    fn set_counter(&mut self, parent: usize, side: &str, counter: usize, changed: &mut Vec<usize>) {
        self.claims[parent]
            .st
            .counters
            .entry(side.to_string())
            .or_insert(counter as u32);
        self.claims[counter].st.counter_of = Some((parent as u32, side.to_string()));
        if !changed.contains(&parent) {
            changed.push(parent);
        }
    }

    fn intern(&mut self, k: &str) -> u32 {
        if let Some(&id) = self.key_ids.get(k) {
            return id;
        }
        let id = self.df.len() as u32;
        self.key_ids.insert(k.to_string(), id);
        self.key_is_entity.push(k.starts_with("e:"));
        self.key_is_class.push(k.starts_with("v:"));
        let share = crate::background::share(k);
        self.key_prior.push(self.cfg.background_weight * share);
        self.key_is_common.push(share >= self.cfg.common_share);
        self.key_is_country
            .push(k.strip_prefix("e:").is_some_and(text::is_country_key));
        self.key_names.push(k.to_string());
        self.df.push(0);
        self.postings.push(Vec::new());
        id
    }

    /// The document's statements reduced for linking, with keys interned
    /// and the document's recurring entities given to those naming none.
    fn intern_items(&mut self, mut items: Vec<Item>) -> Vec<Item> {
        for it in &mut items {
            self.intern_item(it);
        }
        let ctx = self.context_entities(&items);
        for it in &mut items {
            if !it.kids.iter().any(|&k| self.key_is_entity[k as usize]) {
                it.context_ents = ctx.clone();
            }
        }
        items
    }

    /// Entity keys named by at least two of the document's statements, in
    /// name order (not id order: ids depend on history, and the order of a
    /// float sum must not).
    fn context_entities(&self, items: &[Item]) -> Vec<u32> {
        let mut count: BTreeMap<&str, usize> = BTreeMap::new();
        for it in items {
            for (k, &id) in it.keys.iter().zip(&it.kids) {
                if self.key_is_entity[id as usize] {
                    *count.entry(k.as_str()).or_default() += 1;
                }
            }
        }
        count
            .into_iter()
            .filter(|&(_, n)| n >= 2)
            .map(|(k, _)| self.key_ids[k])
            .collect()
    }

    fn intern_item(&mut self, it: &mut Item) {
        it.kids = it.keys.iter().map(|k| self.intern(k)).collect();
        let mut country = |name: Option<&str>| {
            name.filter(|s| text::is_country_key(s))
                .map(|s| self.intern(&format!("e:{s}")))
        };
        it.subject_country = country(it.subject.as_deref());
        it.side_country = country(it.side.as_deref());
        it.countries = it
            .kids
            .iter()
            .copied()
            .filter(|&id| {
                self.key_is_country[id as usize] && Some(id) != it.subject_country && Some(id) != it.side_country
            })
            .collect();
    }

    #[inline]
    fn idf(&self, id: u32) -> f32 {
        let prior = self.key_prior[id as usize];
        if prior > 0.0 {
            // depends on the key, so the per-frequency memo does not apply;
            // callers compute it once per statement (`item_weights`) or per
            // claim change (the cached norm)
            let n = self.n as f32 + 20.0;
            return (n / (self.df[id as usize] as f32 + 1.0 + prior * n)).ln().max(0.1);
        }
        let df = self.df[id as usize] as usize;
        let memo = &self.idf_by_df[df];
        let (at, v) = memo.get();
        if at == self.n + 1 {
            return v;
        }
        let v = ((self.n as f32 + 20.0) / (df as f32 + 1.0)).ln().max(0.1);
        memo.set((self.n + 1, v));
        v
    }

    /// A key's weight: its IDF, less for a verb class.
    #[inline]
    fn weight(&self, id: u32) -> f32 {
        let w = self.idf(id);
        if self.key_is_class[id as usize] {
            w * self.cfg.class_weight
        } else {
            w
        }
    }

    /// Rebuilds a claim's id-keyed copy of its key counts.
    fn refresh_kids(&mut self, c: usize) {
        let kids: Vec<(u32, u32)> = self.claims[c]
            .st
            .keys
            .iter()
            .map(|(k, &n)| (self.key_ids[k.as_str()], n))
            .collect();
        let by_id = ById::new(kids.clone());
        self.claims[c].kids = kids;
        self.claims[c].by_id = by_id;
        self.claims[c].norm.set((0, 0.0));
    }

    /// The best claim for an item, if one scores over the threshold.
    fn best(&mut self, it: &Item, doc_claims: &[usize]) -> Option<usize> {
        if it.keys.is_empty() {
            return None;
        }
        let mut cands = self.candidates(it, doc_claims);
        // A counter-claim is one side's version: others reach it only
        // through the claim it counters (a thin new claim would otherwise
        // draw in whatever shares a word with it).
        cands.retain(|&c| match &self.claims[c].st.counter_of {
            Some((_, side)) => it.side.as_deref() == Some(side.as_str()),
            None => true,
        });
        // the item's key weights, the same against every candidate
        let weights = self.item_weights(it);
        let mut scored: Vec<(f32, f32, usize)> = cands
            .iter()
            .map(|&c| {
                let (s, ent) = self.lexical(it, &weights, c, doc_claims);
                (s, ent, c)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)));
        let &(top, _, top_c) = scored.first()?;
        // entity agreement counts only if the statement or its document
        // names someone (else it is the `no_entity` default)
        let named = it.kids.iter().any(|&k| self.key_is_entity[k as usize]) || !it.context_ents.is_empty();
        let cfg = &self.cfg;
        let lexical_choice = (top >= cfg.join_lexical).then_some(top_c);
        if self.embedder.is_none() || top >= cfg.join_lexical + cfg.ambiguous_margin {
            return lexical_choice;
        }
        // ambiguous: close lexical candidates, or ones naming the same
        // entities in other words, are settled with embeddings
        let close: Vec<(f32, f32, usize)> = scored
            .into_iter()
            .filter(|&(s, ent, _)| s >= cfg.ambiguous_low || (named && ent >= 0.5))
            .take(8)
            .collect();
        if close.is_empty() {
            return lexical_choice;
        }
        let mut texts: Vec<String> = vec![it.text.clone()];
        for &(_, _, c) in &close {
            texts.extend(self.claims[c].st.exemplars.iter().cloned());
        }
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let vecs = match self.embedder.as_mut().map(|e| e.embed(&refs)) {
            Some(Ok(v)) => v,
            _ => return lexical_choice,
        };
        let cfg = &self.cfg;
        let mut at = 1;
        let mut best: Option<(f32, usize)> = None;
        for &(lex, ent, c) in &close {
            let n = self.claims[c].st.exemplars.len();
            let emb = vecs[at..at + n]
                .iter()
                .map(|v| embed::dot(&vecs[0], v))
                .fold(-1.0f32, f32::max);
            at += n;
            // embeddings move the lexical score up or down around the pivot;
            // a close paraphrase naming the same entities joins outright
            let (weight, strong) = match cfg.embedding_kind {
                embed::EmbeddingKind::Static => (cfg.embedding_weight, cfg.embedding_strong),
                embed::EmbeddingKind::Contextual => (cfg.contextual_weight, cfg.contextual_strong),
            };
            let mut s = lex + weight * (emb - cfg.embedding_pivot);
            if emb >= strong && named && ent >= 0.5 {
                s = s.max(cfg.join_lexical);
            }
            if s >= cfg.join_lexical && best.is_none_or(|(b, _)| s > b) {
                best = Some((s, c));
            }
        }
        best.map(|(_, c)| c)
    }

    /// Candidate claims: rarer shared keys, LSH, and this document's claims.
    fn candidates(&self, it: &Item, doc_claims: &[usize]) -> Vec<usize> {
        let mut acc: HashMap<u32, f32> = HashMap::with_capacity_and_hasher(64, Default::default());
        for &k in &it.kids {
            let p = &self.postings[k as usize];
            if p.len() <= self.cfg.max_posting {
                let w = self.idf(k);
                for &c in p {
                    *acc.entry(c).or_default() += w;
                }
            }
        }
        let mut lsh_hits = Vec::new();
        self.lsh.query(&it.sig, 64, &mut lsh_hits);
        for c in lsh_hits {
            acc.entry(c).or_default();
        }
        let mut v: Vec<(f32, u32)> = acc.into_iter().map(|(c, s)| (s, c)).collect();
        v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut out: Vec<usize> = v
            .into_iter()
            .take(self.cfg.max_candidates)
            .map(|(_, c)| c as usize)
            .collect();
        for &c in doc_claims {
            if !out.contains(&c) {
                out.push(c);
            }
        }
        out
    }

    /// The weights of an item's keys (`kids`, then `context_ents`), for
    /// [`Linker::lexical`].
    fn item_weights(&self, it: &Item) -> Vec<f32> {
        it.kids
            .iter()
            .map(|&k| self.weight(k))
            .chain(it.context_ents.iter().map(|&k| self.idf(k)))
            .collect()
    }

    /// Lexical-structural score of an item against a claim: IDF-weighted
    /// cosine and coverage over content stems, scaled by how many of the
    /// item's entities the claim shares (entities alone never make a match:
    /// one story's claims all name the same countries), by subject
    /// agreement and a same-document bonus. `weights`: [`Linker::item_weights`].
    fn lexical(&self, it: &Item, weights: &[f32], c: usize, doc_claims: &[usize]) -> (f32, f32) {
        let (kid_w, ctx_w) = weights.split_at(it.kids.len());
        let claim = &self.claims[c];
        let st = &claim.st;
        let m = st.lexical_members.max(1) as f32;
        // the share of the claim's members carrying each of the item's keys
        let share = |k: u32| claim.by_id.count(k).map_or(0.0, |n| n as f32 / m);
        let (mut dot, mut sn, mut cover, mut total) = (0f32, 0f32, 0f32, 0f32);
        let mut shared = 0usize;
        // whether a shared content word is specific (rarer than `common_share`)
        let mut specific = self.cfg.common_share == 0.0;
        let (mut ent_shared, mut ent_total) = (0f32, 0f32);
        for (&k, &w) in it.kids.iter().zip(kid_w) {
            let f = share(k);
            if self.key_is_entity[k as usize] {
                ent_total += w;
                ent_shared += w * f.min(1.0).max(if f > 0.0 { 0.5 } else { 0.0 });
                continue;
            }
            sn += w * w;
            total += w;
            dot += w * w * f;
            cover += w * f;
            shared += (f > 0.0 && !self.key_is_class[k as usize]) as usize;
            specific |= f > 0.0 && !self.key_is_class[k as usize] && !self.key_is_common[k as usize];
        }
        if ent_total == 0.0 {
            for (&k, &w) in it.context_ents.iter().zip(ctx_w) {
                let f = share(k);
                ent_total += w;
                ent_shared += w * f.min(1.0).max(if f > 0.0 { 0.5 } else { 0.0 });
            }
        }
        let ent = if ent_total > 0.0 {
            ent_shared / ent_total
        } else {
            self.cfg.no_entity
        };
        // No content key shared: the score below would be zero, so the
        // claim's norm (a sum over all its keys) is not needed.
        if sn == 0.0 || dot == 0.0 {
            return (0.0, ent);
        }
        // the claim's norm, summed in `kids` (name) order
        let (at, cached) = claim.norm.get();
        let cn = if at > 0 && self.n * 10 <= at * 11 {
            cached
        } else {
            let mut cn = 0f32;
            for &(k, cnt) in &claim.kids {
                if !self.key_is_entity[k as usize] {
                    let w = self.weight(k) * cnt as f32 / m;
                    cn += w * w;
                }
            }
            claim.norm.set((self.n.max(1), cn));
            cn
        };
        if cn == 0.0 {
            return (0.0, ent);
        }
        let cos = dot / (sn.sqrt() * cn.sqrt());
        // One shared word and no shared actor is no evidence ("taken away"
        // and "go away" in unrelated stories); nor, from another document,
        // are common words alone ("take her to the Emergency Room" and
        // "you take it out on the super").
        if ent_shared == 0.0 && (shared < self.cfg.min_shared_keys || (!specific && !doc_claims.contains(&c))) {
            return (0.0, ent);
        }
        let cw = self.cfg.cover_weight;
        let mut s = (1.0 - cw) * cos + cw * cover / total;
        s *= 1.0 - self.cfg.entity_weight + self.cfg.entity_weight * ent;
        // Another document's claim naming none of the actors this statement
        // (or, naming none, its document) names: the same words about
        // other people ("election interference" by Beijing and by Moscow).
        if ent == 0.0
            && ent_total > 0.0
            && !doc_claims.contains(&c)
            && claim.kids.iter().any(|&(k, _)| self.key_is_entity[k as usize])
        {
            s *= self.cfg.entity_disjoint;
        }
        if self.country_clash(it, c) {
            s *= self.cfg.country_clash;
        } else if !doc_claims.contains(&c) {
            // Another document's claim that never names a country this
            // statement names: "Israel used Azerbaijani territory for the
            // attack" against "Israeli attacks killed 13 people" in Gaza.
            let named = |id: u32| claim.by_id.count(id).is_some();
            if it.countries.iter().any(|&id| !named(id)) {
                s *= self.cfg.unnamed_country;
            }
        }
        if let Some(subj) = &it.subject {
            let total: u32 = st.subjects.values().sum();
            if total > 0 && !st.subjects.contains_key(subj) {
                s *= self.cfg.subject_clash;
                // A country as subject that none of the claim's members
                // names: "Beijing is interfering in Taiwan's election" and
                // "Russia never interfered in other countries' elections"
                // share every content word but no actor.
                let named = |id: u32| claim.by_id.count(id).is_some();
                if it.subject_country.is_some_and(|id| !named(id)) {
                    s *= self.cfg.foreign_subject;
                }
            }
        }
        // the bonus tips a close call; it never makes a match on its own
        if doc_claims.contains(&c) && s >= 0.5 * self.cfg.join_lexical {
            s += self.cfg.same_doc_bonus;
        }
        (s, ent)
    }

    /// Whether the item and the claim are about different countries besides
    /// their subjects and the speaker's side: "Russia interfered in the US
    /// election" and "… in the UK election" are two claims. The claim's
    /// countries are those at least half its members name.
    fn country_clash(&self, it: &Item, c: usize) -> bool {
        if it.countries.is_empty() {
            return false;
        }
        let claim = &self.claims[c];
        let st = &claim.st;
        let m = st.lexical_members.max(1);
        let not_subject = |id: u32| !st.subjects.contains_key(&self.key_names[id as usize]["e:".len()..]);
        let mut item_countries = it.countries.iter().copied().filter(|&id| not_subject(id)).peekable();
        if item_countries.peek().is_none() {
            return false;
        }
        let claim_names_one = claim.by_id.pairs.iter().any(|&(id, n)| {
            2 * n >= m
                && self.key_is_country[id as usize]
                && Some(id) != it.subject_country
                && Some(id) != it.side_country
                && not_subject(id)
        });
        claim_names_one && item_countries.all(|id| claim.by_id.count(id).is_none())
    }

    fn create(&mut self, it: &Item) -> usize {
        let idx = self.claims.len();
        self.claims.push(Claim {
            members: 0,
            text: String::new(),
            st: ClaimState::default(),
            kids: Vec::new(),
            by_id: ById::default(),
            exemplar_keys: Vec::new(),
            norm: Cell::new((0, 0.0)),
        });
        self.add_member(idx, it, it.anaphoric);
        idx
    }

    /// Adds `it` to claim `c`; a `keyless` member (one that refers to the
    /// claim rather than stating it) adds no keys.
    fn add_member(&mut self, c: usize, it: &Item, keyless: bool) {
        self.claims[c].members += 1;
        if keyless || it.keys.is_empty() {
            if self.claims[c].text.is_empty() {
                self.claims[c].text = text::short_text(&it.text);
            }
            return;
        }
        let old_sig = std::mem::take(&mut self.claims[c].st.sig);
        if !old_sig.is_empty() {
            self.lsh.remove(c as u32, &old_sig);
        }
        let mut sig = it.sig.clone();
        if !old_sig.is_empty() {
            minhash::merge(&mut sig, &old_sig);
        }
        self.lsh.insert(c as u32, &sig);
        self.n += 1;
        self.idf_by_df.resize(self.n as usize + 1, Cell::new((0, 0.0)));
        let max_keys = self.cfg.max_keys;
        let claim = &mut self.claims[c];
        claim.st.sig = sig;
        claim.st.lexical_members += 1;
        for (k, &id) in it.keys.iter().zip(&it.kids) {
            // (a key the claim has needs no owned copy to be counted)
            let e = match claim.st.keys.get_mut(k) {
                Some(e) => e,
                None => claim.st.keys.entry(k.clone()).or_insert(0),
            };
            if *e == 0 {
                let p = &mut self.postings[id as usize];
                if let Err(pos) = p.binary_search(&(c as u32)) {
                    p.insert(pos, c as u32);
                }
            }
            *e += 1;
            self.df[id as usize] += 1;
        }
        if let Some(s) = &it.subject {
            *claim.st.subjects.entry(s.clone()).or_default() += 1;
        }
        if claim.st.exemplars.len() < MAX_EXEMPLARS {
            claim.st.exemplars.push(it.text.chars().take(EXEMPLAR_CHARS).collect());
        }
        // keep the most frequent keys
        if claim.st.keys.len() > max_keys {
            // The keys after the first `max_keys` by (count desc, name):
            // a partial selection over borrowed keys (this runs on every
            // addition to a full claim), not a sort of cloned ones.
            let mut v: Vec<(&String, u32)> = claim.st.keys.iter().map(|(k, &n)| (k, n)).collect();
            v.select_nth_unstable_by(max_keys, |a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
            let dropped: Vec<(String, u32)> = v[max_keys..].iter().map(|&(k, n)| (k.clone(), n)).collect();
            for (k, n) in dropped {
                claim.st.keys.remove(&k);
                let id = self.key_ids[k.as_str()] as usize;
                self.df[id] -= n;
                let p = &mut self.postings[id];
                if let Ok(pos) = p.binary_search(&(c as u32)) {
                    p.remove(pos);
                }
            }
        }
        self.refresh_kids(c);
    }

    /// Canonical text: the exemplar closest to the claim's key profile,
    /// preferring one that reads on its own (not "it sent a balloon …",
    /// "although the balloon possessed …").
    fn refresh_text(&mut self, c: usize) {
        let claim = &mut self.claims[c];
        if claim.st.exemplars.is_empty() {
            return;
        }
        // exemplars are only ever appended: key the new ones; one that
        // does not read on its own ("it sent …", "although …") scores half
        for ex in &claim.st.exemplars[claim.exemplar_keys.len()..] {
            let factor = if text::opens_dependent(ex) { 0.5 } else { 1.0 };
            claim.exemplar_keys.push((keys_of(&text::features(ex, &[])), factor));
        }
        let st = &claim.st;
        let m = st.lexical_members.max(1) as f32;
        let mut best: Option<(f32, usize)> = None;
        for (i, (keys, factor)) in claim.exemplar_keys.iter().enumerate() {
            if keys.is_empty() {
                continue;
            }
            let s: f32 = keys
                .iter()
                .map(|k| st.keys.get(k).map_or(0.0, |&n| n as f32 / m))
                .sum::<f32>()
                / (keys.len() as f32).sqrt()
                * factor;
            if best.is_none_or(|(b, _)| s > b) {
                best = Some((s, i));
            }
        }
        let i = best.map_or(0, |(_, i)| i);
        self.claims[c].text = text::short_text(&st.exemplars[i]);
    }
}

fn signature(keys: &[String]) -> Vec<u32> {
    let hs: Vec<u64> = keys.iter().map(|k| fnv64(k.as_bytes())).collect();
    minhash::signature(&hs)
}

fn keys_of(f: &Features) -> Vec<String> {
    let mut keys: Vec<String> = f.terms.clone();
    keys.extend(f.ents.iter().map(|e| format!("e:{e}")));
    keys
}

const PRONOUNS: &[&str] = &[
    "it", "we", "they", "he", "she", "i", "our", "its", "their", "his", "her",
];

/// A document's statements (and headline) reduced for linking: what
/// [`Linker::link_prepared`] needs from the text. It depends on the
/// document alone, not on the linker's state, so analysis threads can make
/// it while the linker, which is sequential, works on earlier documents.
pub struct Prepared {
    items: Vec<Item>,
    /// Boxed: an `Item` inline would make every `Prepared` as large.
    title: Option<Box<Item>>,
}

/// Reduces a document's statements for linking (see [`Prepared`]).
pub fn prepare(doc: &Doc) -> Prepared {
    // A speaker's country, named in any of its statements here ("Beijing's
    // Wu" once, "spokesperson Wu Qian" elsewhere), is its side in all of them.
    let mut countries: HashMap<&str, &'static str> = HashMap::default();
    for s in &doc.statements {
        if let Some(c) = country_side(doc, s) {
            countries.entry(s.speaker.as_str()).or_insert(c);
        }
    }
    let side = |s: &claimgraph_doc::Statement| {
        if s.speaker.is_empty() || s.speaker_type == SpeakerType::Unnamed {
            return None;
        }
        match countries.get(s.speaker.as_str()) {
            Some(c) => Some(c.to_string()),
            None => Some(text::entity_key(&s.speaker)).filter(|k| !k.is_empty()),
        }
    };
    Prepared {
        items: doc.statements.iter().map(|s| item(doc, s, side(s))).collect(),
        title: doc_title(doc).map(Box::new),
    }
}

fn item(doc: &Doc, s: &claimgraph_doc::Statement, side: Option<String>) -> Item {
    let content = doc.slice(s.content);
    let ws = text::words(content);
    let f = text::features_of(&ws, &s.about);
    let keys = keys_of(&f);
    let first = &ws[..ws.len().min(8)];
    // the content's subject: a leading pronoun stands for the speaker; else
    // the first entity named in its first words
    let subject = if first.first().is_some_and(|w| PRONOUNS.contains(&w.as_str())) {
        Some(text::entity_key(&s.speaker)).filter(|k| !k.is_empty())
    } else {
        first.iter().find_map(|w| {
            text::place_key(w).map(str::to_string).or_else(|| {
                s.about
                    .iter()
                    .map(|a| text::entity_key(a))
                    .find(|k| k.split(' ').next() == Some(w.as_str()))
            })
        })
    };
    let anaphoric = f.substance <= 1 || (f.points_back && f.substance <= 4);
    let refers_back = !anaphoric && f.points_back && s.stance == Stance::Deny;
    let speaker_key = format!("e:{}", text::entity_key(&s.speaker));
    Item {
        kids: Vec::new(),
        sig: signature(&keys),
        context_ents: Vec::new(),
        subject_country: None,
        side_country: None,
        countries: Vec::new(),
        keys,
        subject,
        text: content.to_string(),
        anaphoric,
        refers_back,
        substance: f.substance,
        speaker_key,
        side,
        stance: s.stance,
    }
}

/// The first country named by the speaker's name, its role or affiliation,
/// or the words that refer to it here (see [`Item::side`]).
fn country_side(doc: &Doc, s: &claimgraph_doc::Statement) -> Option<&'static str> {
    let entity = s
        .speaker_mention
        .and_then(|m| doc.entity_at(m))
        .map(|e| &doc.entities[e]);
    let described = entity
        .into_iter()
        .flat_map(|e| [e.role.as_deref(), e.affiliation.as_deref()])
        .flatten()
        .chain(s.speaker_mention.map(|m| doc.slice(m)));
    std::iter::once(s.speaker.as_str())
        .chain(described)
        .find_map(text::place_in)
}

/// The headline (title or headline exclusion) as an item, for anaphoric
/// statements with nothing before them.
fn doc_title(doc: &Doc) -> Option<Item> {
    let t = doc.meta.title.clone().or_else(|| {
        doc.excluded
            .iter()
            .find(|(_, k)| *k == claimgraph_doc::ExcludedKind::Headline)
            .map(|&(sp, _)| doc.slice(sp).to_string())
    })?;
    let f = text::features(&t, &[]);
    let keys = keys_of(&f);
    (!keys.is_empty()).then(|| Item {
        kids: Vec::new(),
        sig: signature(&keys),
        context_ents: Vec::new(),
        subject_country: None,
        side_country: None,
        countries: Vec::new(),
        keys,
        subject: None,
        text: t,
        anaphoric: false,
        refers_back: false,
        substance: f.substance,
        speaker_key: String::new(),
        side: None,
        stance: Stance::Assert,
    })
}

/// The claim of the closest earlier statement this one refers to: the
/// closest non-anaphoric one sharing a key with it or naming its speaker
/// (a denial usually answers what was said about the denier), else the
/// closest non-anaphoric one.
fn antecedent(items: &[Item], assigned: &[Option<usize>], i: usize) -> Option<usize> {
    let earlier = (0..i).rev().filter(|&j| !items[j].anaphoric && assigned[j].is_some());
    let it = &items[i];
    let related = earlier
        .clone()
        .find(|&j| it.keys.iter().any(|k| items[j].keys.contains(k)) || items[j].keys.contains(&it.speaker_key));
    related.or_else(|| earlier.clone().next()).and_then(|j| assigned[j])
}

#[cfg(test)]
mod context_tests {
    use super::*;
    use claimgraph_doc::{Meta, Span, SpeakerType, Stance, Statement, StatementKind};

    fn doc(lines: &[(&str, &[&str])]) -> Doc {
        let mut text = String::new();
        let mut st = Vec::new();
        for (content, about) in lines {
            let start = text.len();
            text.push_str(content);
            st.push((
                Span::new(start, text.len()),
                about.iter().map(|a| a.to_string()).collect(),
            ));
            text.push_str(".\n");
        }
        let mut d = Doc::new(Meta::default(), text);
        for (span, about) in st {
            d.statements.push(Statement {
                content: span,
                kind: StatementKind::Indirect,
                speaker: "an official".into(),
                speaker_type: SpeakerType::Person,
                speaker_mention: None,
                cue: None,
                stance: Stance::Assert,
                hedges: vec![],
                about,
                via: None,
                relayed_by: None,
                claim: None,
            });
        }
        d
    }

    /// Entity agreement of the last statement of `d` with claim 0, as the
    /// linker judges it just before linking that statement.
    fn entity_agreement(l: &mut Linker, d: &Doc) -> f32 {
        let items = l.intern_items(prepare(d).items);
        let it = items.last().unwrap();
        l.lexical(it, &l.item_weights(it), 0, &[]).1
    }

    /// Whether the last statement of `d` names other countries than claim 0.
    fn clashes(l: &mut Linker, d: &Doc) -> bool {
        let items = l.intern_items(prepare(d).items);
        l.country_clash(items.last().unwrap(), 0)
    }

    /// "…in France" and "…in Germany" are about different countries; the
    /// subject (Russia) and a country the claim's members rarely name do
    /// not count.
    #[test]
    fn other_countries_than_the_claims_clash() {
        let mut l = Linker::new(LinkerConfig::default()).unwrap();
        let mut a = doc(&[(
            "Russia meddled in the presidential election in France",
            &["Russia", "France"],
        )]);
        l.link(&mut a);
        let germany = doc(&[(
            "Russia meddled in the presidential election in Germany",
            &["Russia", "Germany"],
        )]);
        assert!(clashes(&mut l, &germany));
        let french = doc(&[("Russia meddled in the French presidential election", &["Russia"])]);
        assert!(!clashes(&mut l, &french));
        let nowhere = doc(&[("Russia meddled in elections abroad", &["Russia"])]);
        assert!(!clashes(&mut l, &nowhere));
        // a claim naming France in one member of three names no country
        let mut more = doc(&[
            ("Russia meddled in elections abroad", &["Russia"]),
            ("Russia meddled in many elections abroad", &["Russia"]),
        ]);
        l.link(&mut more);
        assert!(!clashes(&mut l, &germany));
    }

    /// The lexical score, under `cfg`, of statement `(content, about)`
    /// against the claim made by linking `claim` first.
    fn score_against(cfg: LinkerConfig, claim: (&str, &[&str]), statement: (&str, &[&str])) -> f32 {
        let mut l = Linker::new(cfg).unwrap();
        l.link(&mut doc(&[claim]));
        let items = l.intern_items(prepare(&doc(&[statement])).items);
        let it = items.last().unwrap();
        l.lexical(it, &l.item_weights(it), 0, &[]).0
    }

    /// Another document's claim that never names the statement's country
    /// scores `unnamed_country` times as much.
    #[test]
    fn a_country_the_claim_never_names_scores_lower() {
        let claim: (&str, &[&str]) = ("Israeli attacks across the territory killed 13 people", &["Israel"]);
        let statement: (&str, &[&str]) = (
            "Israel may have used Azerbaijani territory to carry out the attack",
            &["Israel", "Azerbaijan"],
        );
        let score = |unnamed_country: f32, statement: (&str, &[&str])| {
            score_against(
                LinkerConfig {
                    unnamed_country,
                    ..Default::default()
                },
                claim,
                statement,
            )
        };
        let (with, without) = (score(0.6, statement), score(1.0, statement));
        assert!(without > 0.0 && (with - 0.6 * without).abs() < 1e-6, "{with} {without}");
        // naming the claim's own country only: no factor
        let same: (&str, &[&str]) = (
            "Israel may have used the territory to carry out the attack",
            &["Israel"],
        );
        assert!(score(1.0, same) > 0.0 && (score(0.6, same) - score(1.0, same)).abs() < 1e-6);
    }

    /// Another document's claim sharing no actor and only common words
    /// ("take", "going") is no match; a specific shared word ("airship")
    /// is one.
    #[test]
    fn common_words_alone_do_not_link_documents() {
        let claim: (&str, &[&str]) = ("I'm going to have to take her to the Emergency Room", &[]);
        let common: (&str, &[&str]) = ("I'm going to take it out on the super", &[]);
        let score = |common_share: f32, claim, statement| {
            score_against(
                LinkerConfig {
                    common_share,
                    ..Default::default()
                },
                claim,
                statement,
            )
        };
        assert!(score(0.0, claim, common) > 0.0);
        assert_eq!(score(0.002, claim, common), 0.0);
        let airship: (&str, &[&str]) = ("the airship was going off course", &[]);
        let specific: (&str, &[&str]) = ("the airship is going to take a new course", &[]);
        assert!(score(0.002, airship, specific) > 0.0);
    }

    /// "struck" shares no stem with "attacked", only their verb class.
    #[test]
    fn verbs_of_one_class_score_without_sharing_a_stem() {
        let claim: (&str, &[&str]) = ("Israel attacked military facilities in Iran", &["Israel", "Iran"]);
        let statement: (&str, &[&str]) = ("Israel struck military facilities in Iran", &["Israel", "Iran"]);
        let score = |class_weight: f32| {
            score_against(
                LinkerConfig {
                    class_weight,
                    ..Default::default()
                },
                claim,
                statement,
            )
        };
        assert!(score(0.5) > score(0.0) + 0.01, "{} {}", score(0.5), score(0.0));
    }

    /// A word common in general English weighs less than a rare one before
    /// the corpus has shown either to be common.
    #[test]
    fn common_words_weigh_less_from_the_first_statement() {
        let weights = |background_weight: f32| {
            let mut l = Linker::new(LinkerConfig {
                background_weight,
                ..Default::default()
            })
            .unwrap();
            let (people, airspace) = (l.intern(&text::stem("people")), l.intern(&text::stem("airspace")));
            (l.idf(people), l.idf(airspace))
        };
        let (people, airspace) = weights(4.0);
        assert!(people < 0.7 * airspace, "{people} {airspace}");
        let (people, airspace) = weights(0.0);
        assert_eq!(people, airspace);
    }

    /// A country as subject that the claim's members never name halves
    /// the score on top of the subject clash; one they name elsewhere
    /// ("…accused Russia") only takes the subject clash.
    #[test]
    fn a_foreign_country_as_subject_scores_lower() {
        let claim: (&str, &[&str]) = (
            "China is interfering in the presidential election of Taiwan",
            &["China", "Taiwan"],
        );
        let score = |foreign_subject: f32, content: &str, about: &[&str]| {
            let cfg = LinkerConfig {
                foreign_subject,
                ..Default::default()
            };
            score_against(cfg, claim, (content, about))
        };
        let russia = "Russia is interfering in the presidential election of Taiwan";
        let (with, without) = (
            score(0.5, russia, &["Russia", "Taiwan"]),
            score(1.0, russia, &["Russia", "Taiwan"]),
        );
        assert!(without > 0.0 && (with - 0.5 * without).abs() < 1e-6, "{with} {without}");
        let taiwan = "Taiwan is interfering in the presidential election of China";
        let (with, without) = (
            score(0.5, taiwan, &["Taiwan", "China"]),
            score(1.0, taiwan, &["Taiwan", "China"]),
        );
        assert!(without > 0.0 && (with - without).abs() < 1e-6, "{with} {without}");
    }

    /// Another document's claim that names none of the statement's actors
    /// scores half; one sharing an actor does not.
    #[test]
    fn a_claim_about_other_actors_scores_half() {
        let claim: (&str, &[&str]) = (
            "Moscow meddled in the presidential election campaign of Ukraine",
            &["Moscow", "Ukraine"],
        );
        let score = |entity_disjoint: f32, content: &str, about: &[&str]| {
            let cfg = LinkerConfig {
                entity_disjoint,
                ..Default::default()
            };
            score_against(cfg, claim, (content, about))
        };
        let other = "Beijing meddled in the presidential election campaign of Taiwan";
        let (with, without) = (
            score(0.5, other, &["Beijing", "Taiwan"]),
            score(1.0, other, &["Beijing", "Taiwan"]),
        );
        assert!(without > 0.0 && (with - 0.5 * without).abs() < 1e-6, "{with} {without}");
        let shared = "Moscow meddled in the presidential election campaign of Taiwan";
        let (with, without) = (
            score(0.5, shared, &["Moscow", "Taiwan"]),
            score(1.0, shared, &["Moscow", "Taiwan"]),
        );
        assert!(without > 0.0 && (with - without).abs() < 1e-6, "{with} {without}");
    }

    /// A reduction made from one document is refused for another: the
    /// claim ids would silently belong to other statements.
    #[test]
    #[should_panic(expected = "prepared from another document")]
    fn prepared_from_another_document_is_refused() {
        let mut l = Linker::new(LinkerConfig::default()).unwrap();
        let a = doc(&[("Russia attacked Ukraine's power grid", &["Ukraine"])]);
        let mut b = doc(&[("the pact between Brazil and Chile was signed", &["Brazil", "Chile"])]);
        let p = prepare(&a);
        l.link_prepared(&mut b, p);
    }

    /// A speaker's country, named in one of its statements, is its side in
    /// all of them; unnamed sources have none; without a country the
    /// speaker is its own side.
    #[test]
    fn a_speakers_side_is_its_country_anywhere_in_the_document() {
        let text = "Wu Qian said the DPP was hyping up interference.\n\
                    Beijing's Wu said the island is part of its territory.\n\
                    Sources said the report is wrong.\n\
                    Lai Ching-te said turnout will be high.\n";
        let at = |needle: &str| {
            let i = text.find(needle).unwrap();
            Span::new(i, i + needle.len())
        };
        let mut d = Doc::new(Meta::default(), text.to_string());
        for (speaker, mention, content, ty) in [
            (
                "Wu Qian",
                "Wu Qian",
                "the DPP was hyping up interference",
                SpeakerType::Person,
            ),
            (
                "Wu Qian",
                "Beijing's Wu",
                "the island is part of its territory",
                SpeakerType::Person,
            ),
            ("sources", "Sources", "the report is wrong", SpeakerType::Unnamed),
            (
                "Lai Ching-te",
                "Lai Ching-te",
                "turnout will be high",
                SpeakerType::Person,
            ),
        ] {
            d.statements.push(Statement {
                content: at(content),
                kind: StatementKind::Indirect,
                speaker: speaker.into(),
                speaker_type: ty,
                speaker_mention: Some(at(mention)),
                cue: None,
                stance: Stance::Assert,
                hedges: vec![],
                about: vec![],
                via: None,
                relayed_by: None,
                claim: None,
            });
        }
        let sides: Vec<Option<String>> = prepare(&d).items.into_iter().map(|it| it.side).collect();
        assert_eq!(
            sides[0].as_deref(),
            Some("china"),
            "the country named in the second statement"
        );
        assert_eq!(sides[1].as_deref(), Some("china"));
        assert_eq!(sides[2], None, "an unnamed source has no side");
        assert_eq!(sides[3].as_deref(), Some("lai ching-te"));
    }

    /// A content naming no entity is judged by the entities its document
    /// keeps returning to ("the partnership extends to intelligence" in a
    /// story about Brazil and Chile is not about a Russian operation).
    #[test]
    fn an_entityless_content_takes_its_documents_actors() {
        let mut l = Linker::new(LinkerConfig::default()).unwrap();
        let mut russia = doc(&[(
            "Russian military intelligence attacked Ukraine's power grid",
            &["Ukraine"],
        )]);
        l.link(&mut russia);
        let story = doc(&[
            ("the pact between Brazil and Chile was signed", &["Brazil", "Chile"]),
            ("Chile will export copper to Brazil", &["Chile", "Brazil"]),
            ("the partnership extends to military intelligence", &[]),
        ]);
        assert_eq!(entity_agreement(&mut l, &story), 0.0);
        // a document with no recurring actor leaves the neutral prior
        let alone = doc(&[("the partnership extends to military intelligence", &[])]);
        assert_eq!(entity_agreement(&mut l, &alone), LinkerConfig::default().no_entity);
        // shared actors agree
        let same = doc(&[
            ("Ukraine's grid was attacked by Russia", &["Ukraine"]),
            ("Russia denies attacking Ukraine", &["Ukraine"]),
            ("the operation involved military intelligence", &[]),
        ]);
        assert!(entity_agreement(&mut l, &same) > 0.9);
    }
}

#[cfg(test)]
mod by_id_tests {
    use super::ById;

    /// The filtered lookup answers as a binary search of the pairs does.
    #[test]
    fn by_id_count_agrees_with_a_binary_search() {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: u32| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as u32) % n
        };
        for size in [0usize, 1, 5, 40, 300, 2000] {
            let mut pairs: Vec<(u32, u32)> = Vec::new();
            while pairs.len() < size {
                let id = next(5000);
                if !pairs.iter().any(|&(k, _)| k == id) {
                    pairs.push((id, 1 + next(9)));
                }
            }
            let b = ById::new(pairs.clone());
            pairs.sort_unstable();
            for id in 0..5000 {
                let want = pairs.binary_search_by_key(&id, |&(k, _)| k).ok().map(|i| pairs[i].1);
                assert_eq!(b.count(id), want, "size {size}, id {id}");
            }
        }
        assert_eq!(ById::default().count(7), None);
    }
}
