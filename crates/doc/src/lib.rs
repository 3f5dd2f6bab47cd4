//! The document model: one [`Doc`] owns the text; every layer (paragraphs,
//! sentences, tokens, statements, entities, events) is a light view with
//! offsets into it.
//!
//! Invariant: all offsets stored on a `Doc` are **byte** offsets into
//! `Doc::text`, always on `char` boundaries. The output contract speaks in
//! char offsets; [`Doc::to_contract`] converts once, at the edge.

mod contract;
pub mod labels;
mod simd;

pub use contract::{ContractDoc, ContractEntity, ContractEvent, ContractRelay, ContractStatement};

use std::ops::Range;

/// A half-open byte range into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Span {
        debug_assert!(start <= end);
        Span {
            start: start as u32,
            end: end as u32,
        }
    }
    #[inline]
    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }
    pub fn is_empty(self) -> bool {
        self.start == self.end
    }
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn overlaps(self, other: Span) -> bool {
        self.start < other.end && other.start < self.end
    }
}

/// What kind of surface form a token has; set by the tokenizer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TokenShape {
    Word,
    Number,
    Punct,
    /// An opening or closing quotation mark (straight or curly).
    Quote,
    Url,
    Symbol,
}

/// One token: a byte span plus the syntax layer's annotations.
/// `upos`/`xpos`/`deprel` index the tables in [`labels`]; `head` is a token
/// index within the same sentence's token range, or `NO_HEAD` for the root
/// (or when no parser ran).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    pub shape: TokenShape,
    /// Whitespace follows the token in the text (UD's SpaceAfter).
    pub space_after: bool,
    pub upos: u8,
    pub xpos: u8,
    pub head: u32,
    pub deprel: u8,
}

pub const NO_HEAD: u32 = u32::MAX;

/// Day and month names, lower case, in calendar order (Monday first): the
/// one list that dates, time adjuncts and name rules read.
pub const DAY_NAMES: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];
pub const MONTH_NAMES: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// The non-ASCII punctuation of ordinary news text (curly quotes, dashes,
/// ellipsis, guillemets, no-break space): none decomposes or has case, so
/// text that is ASCII but for these can take ASCII fast paths.
pub const TYPOGRAPHIC_PUNCT: [char; 10] = ['’', '‘', '“', '”', '–', '—', '…', '«', '»', '\u{a0}'];

impl Token {
    pub fn new(span: Span, shape: TokenShape) -> Token {
        Token {
            span,
            shape,
            space_after: false,
            upos: 0,
            xpos: 0,
            head: NO_HEAD,
            deprel: 0,
        }
    }
}

/// A sentence: a byte span and the range of its tokens in `Doc::tokens`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub tokens: Range<u32>,
    /// Index of the paragraph the sentence starts in.
    pub paragraph: u32,
}

impl Sentence {
    pub fn token_range(&self) -> Range<usize> {
        self.tokens.start as usize..self.tokens.end as usize
    }
}

/// Stretches of text kept out of sentences: metadata headers, headlines,
/// captions, photo credits, bylines, datelines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ExcludedKind {
    Header,
    Headline,
    Caption,
    Byline,
    Dateline,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum StatementKind {
    Direct,
    Indirect,
    Mixed,
}

impl StatementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StatementKind::Direct => "direct",
            StatementKind::Indirect => "indirect",
            StatementKind::Mixed => "mixed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Stance {
    Assert,
    Deny,
    Speculate,
    Question,
}

impl Stance {
    pub fn as_str(self) -> &'static str {
        match self {
            Stance::Assert => "assert",
            Stance::Deny => "deny",
            Stance::Speculate => "speculate",
            Stance::Question => "question",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SpeakerType {
    Person,
    Organization,
    Media,
    Government,
    Country,
    Group,
    Unnamed,
}

impl SpeakerType {
    pub fn as_str(self) -> &'static str {
        match self {
            SpeakerType::Person => "person",
            SpeakerType::Organization => "organization",
            SpeakerType::Media => "media",
            SpeakerType::Government => "government",
            SpeakerType::Country => "country",
            SpeakerType::Group => "group",
            SpeakerType::Unnamed => "unnamed",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityType {
    Person,
    Org,
    Media,
    Gpe,
    Loc,
    Event,
}

impl EntityType {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Media => "MEDIA",
            EntityType::Gpe => "GPE",
            EntityType::Loc => "LOC",
            EntityType::Event => "EVENT",
        }
    }
}

/// An attributed statement (see shared/gold/GUIDE.md for the definition).
#[derive(Clone, Debug, PartialEq)]
pub struct Statement {
    pub content: Span,
    pub kind: StatementKind,
    /// Canonical speaker name (resolved through coreference where possible).
    pub speaker: String,
    pub speaker_type: SpeakerType,
    /// The text span naming or referring to the speaker here, if any.
    pub speaker_mention: Option<Span>,
    pub cue: Option<Span>,
    pub stance: Stance,
    pub hedges: Vec<String>,
    pub about: Vec<String>,
    /// Index of the statement this one is nested in.
    pub via: Option<usize>,
    pub claim: Option<String>,
    /// Who passed the speaker's words on ("TASS, citing a source …,
    /// reported": the source speaks, TASS relays), if the text says.
    pub relayed_by: Option<Relay>,
}

/// The outlet or person that passed a statement on: "Reuters, citing three
/// people briefed on the matter, said …", "Peskov, quoted by RIA Novosti,
/// said …", "Al Arabiya quoted a Hamas official as saying …".
#[derive(Clone, Debug, PartialEq)]
pub struct Relay {
    /// Canonical name, resolved as speakers are.
    pub name: String,
    pub speaker_type: SpeakerType,
    /// The text span naming it here.
    pub mention: Option<Span>,
    /// The relaying word: "citing", "quoting", "quoted", "cited".
    pub cue: Span,
}

/// An entity of one document. `mentions` are every span that refers to it:
/// names, short forms, and (after coreference) pronouns and descriptions.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Canonical name: the longest proper name used for it in the document.
    pub name: String,
    pub etype: EntityType,
    pub role: Option<String>,
    pub mentions: Vec<Span>,
    /// How the entity acts as a source ("Baku" → government), when known.
    pub speaker_type: Option<SpeakerType>,
    /// Other names of it ("IDF", "official Baku", "Ceyhun Bayramov").
    pub aliases: Vec<String>,
    /// Organisation or country it is affiliated with ("University of Alabama").
    pub affiliation: Option<String>,
}

impl Doc {
    /// The entity that a span refers to: one of its mentions overlaps it
    /// (the tightest such mention wins).
    pub fn entity_at(&self, span: Span) -> Option<usize> {
        match self.indexed_mentions(span) {
            Some(ms) => ms.min_by_key(|m| (m.1 - m.0, m.2, m.3)).map(|m| m.2 as usize),
            None => self.entity_at_scan(span),
        }
    }

    /// Every entity mention that overlaps `span`, in text order (through
    /// the same index as [`Doc::entity_at`]).
    pub fn mentions_overlapping(&self, span: Span) -> Vec<Span> {
        match self.indexed_mentions(span) {
            Some(ms) => ms.map(|m| Span { start: m.0, end: m.1 }).collect(),
            None => {
                let mut all: Vec<Span> = self
                    .entities
                    .iter()
                    .flat_map(|e| e.mentions.iter().copied())
                    .filter(|m| m.overlaps(span))
                    .collect();
                all.sort_by_key(|m| (m.start, m.end));
                all
            }
        }
    }

    /// The mentions overlapping `span` as (start, end, entity, mention),
    /// through an index of all mentions sorted by start, built at the
    /// first lookup (a scan per lookup made long documents quadratic).
    /// `None` when the entities changed since then: callers scan.
    fn indexed_mentions(&self, span: Span) -> Option<impl Iterator<Item = &(u32, u32, u32, u32)>> {
        let ix = self.mention_index.get_or_init(|| MentionIndex::build(&self.entities));
        if ix.fingerprint != MentionIndex::fingerprint(&self.entities) {
            return None;
        }
        let lo = span.start.saturating_sub(ix.max_len);
        let from = ix.spans.partition_point(|m| m.0 < lo);
        let to = ix.spans.partition_point(|m| m.0 < span.end);
        Some(
            ix.spans[from..to]
                .iter()
                .filter(move |m| Span { start: m.0, end: m.1 }.overlaps(span)),
        )
    }

    /// `entity_at` by scanning every mention.
    fn entity_at_scan(&self, span: Span) -> Option<usize> {
        let mut best: Option<(usize, u32)> = None;
        for (i, e) in self.entities.iter().enumerate() {
            for m in &e.mentions {
                if m.overlaps(span) && best.is_none_or(|(_, l)| (m.len() as u32) < l) {
                    best = Some((i, m.len() as u32));
                }
            }
        }
        best.map(|(i, _)| i)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub code: Option<String>,
    pub date: Option<String>,
    pub places: Vec<String>,
    pub span: Span,
    /// The statement whose content reports the event (index into
    /// `Doc::statements`): an event someone alleges, not one the article
    /// tells in its own voice.
    pub statement: Option<usize>,
}

/// Metadata a reader found for a document, before any analysis.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// Stable id: the one the input gave, else a content hash.
    pub id: String,
    /// Path or URL the document came from.
    pub source: String,
    pub title: Option<String>,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    pub published: Option<String>,
    /// The outlet (publisher) if the input names it.
    pub outlet: Option<String>,
    pub language: String,
}

/// Every entity mention of a document, sorted by start: (start, end,
/// entity index, mention index).
#[derive(Clone, Debug, Default)]
struct MentionIndex {
    spans: Vec<(u32, u32, u32, u32)>,
    max_len: u32,
    fingerprint: (usize, usize),
}

impl MentionIndex {
    fn fingerprint(entities: &[Entity]) -> (usize, usize) {
        (entities.len(), entities.iter().map(|e| e.mentions.len()).sum())
    }

    fn build(entities: &[Entity]) -> MentionIndex {
        let mut spans = Vec::new();
        for (i, e) in entities.iter().enumerate() {
            for (k, m) in e.mentions.iter().enumerate() {
                spans.push((m.start, m.end, i as u32, k as u32));
            }
        }
        spans.sort_unstable();
        let max_len = spans.iter().map(|m| m.1 - m.0).max().unwrap_or(0);
        MentionIndex {
            spans,
            max_len,
            fingerprint: MentionIndex::fingerprint(entities),
        }
    }
}

/// A dependency parser that parses one sentence of a tagged [`Doc`] when a
/// later stage first needs it (the attribution stage reads the parse of a
/// few sentences only: around reporting cues whose subject the words alone
/// do not give).
pub trait SentenceParser: Sync {
    /// `(head, deprel)` for each token of sentence `sentence`, in order:
    /// `head` a document token index within the sentence, or [`NO_HEAD`]
    /// for the root; `deprel` an index into `labels::DEPREL`. The same
    /// result as parsing the whole document.
    fn parse_sentence(&self, doc: &Doc, sentence: usize) -> Vec<(u32, u8)>;
}

/// One document and all the layers the pipeline adds to it.
#[derive(Clone, Debug, Default)]
pub struct Doc {
    pub meta: Meta,
    text: String,
    pub paragraphs: Vec<Span>,
    /// Stretches that are not body text; sorted by start, non-overlapping.
    pub excluded: Vec<(Span, ExcludedKind)>,
    pub sentences: Vec<Sentence>,
    pub tokens: Vec<Token>,
    pub statements: Vec<Statement>,
    pub entities: Vec<Entity>,
    pub events: Vec<Event>,
    /// Built at the first `entity_at`.
    mention_index: std::sync::OnceLock<MentionIndex>,
}

impl Doc {
    pub fn new(meta: Meta, text: String) -> Doc {
        Doc {
            meta,
            text,
            ..Default::default()
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    /// The text of a span. Panics if the span is out of bounds, which would
    /// break the offsets invariant above.
    #[inline]
    pub fn slice(&self, span: Span) -> &str {
        &self.text[span.range()]
    }

    /// (Inline: the rule stages ask this millions of times per 100k words.)
    #[inline]
    pub fn token_text(&self, i: usize) -> &str {
        self.slice(self.tokens[i].span)
    }

    /// Token `i` is an acronym written like a function word ("the WHO's
    /// director", not a shouted "WHO"), which word rules must not read as
    /// the relative pronoun.
    pub fn is_acronym_not_word(&self, i: usize) -> bool {
        let shouting = |k: usize| {
            let x = self.token_text(k);
            x.len() >= 2 && x.bytes().all(|c| c.is_ascii_uppercase())
        };
        self.token_text(i) == "WHO" && !(i > 0 && shouting(i - 1)) && !(i + 1 < self.tokens.len() && shouting(i + 1))
    }

    pub fn sentence_tokens(&self, s: &Sentence) -> &[Token] {
        &self.tokens[s.token_range()]
    }

    /// Whether a span lies in a stretch kept out of sentences.
    pub fn excluded_kind(&self, span: Span) -> Option<ExcludedKind> {
        // `excluded` is sorted by start and its stretches do not overlap
        // (`claimgraph_nlp::segment`), so only stretches starting before
        // `span` ends, scanned back while they reach into it, can overlap:
        // O(log n) instead of a scan per query on long documents.
        self.excluded_overlapping(span).next().map(|&(_, k)| k)
    }

    /// The excluded stretches that overlap `span` (binary search over the
    /// sorted, non-overlapping `excluded`), last first.
    pub fn excluded_overlapping(&self, span: Span) -> impl Iterator<Item = &(Span, ExcludedKind)> {
        let idx = self.excluded.partition_point(|(e, _)| e.start < span.end);
        self.excluded[..idx]
            .iter()
            .rev()
            .take_while(move |(e, _)| e.end > span.start || e.start == e.end)
            .filter(move |(e, _)| e.overlaps(span))
    }

    /// Converts to the stable output contract (char offsets).
    pub fn to_contract(&self, with_text: bool) -> ContractDoc {
        contract::to_contract(self, with_text)
    }
}

/// Converts byte offsets of one text to char offsets, in O(log n) per lookup
/// after an O(n) build (only non-ASCII chars are recorded).
pub struct CharIndex {
    /// Byte offset of every non-ASCII char and the extra bytes seen before it.
    multibyte: Vec<(u32, u32)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut multibyte = Vec::new();
        let mut extra = 0u32;
        for (b, c) in text.char_indices() {
            let l = c.len_utf8() as u32;
            if l > 1 {
                extra += l - 1;
                multibyte.push((b as u32, extra));
            }
        }
        CharIndex { multibyte }
    }

    /// Char offset of a byte offset that lies on a char boundary.
    pub fn char_offset(&self, byte: u32) -> u32 {
        // Extra bytes contributed by multibyte chars that start before `byte`.
        let n = self.multibyte.partition_point(|&(b, _)| b < byte);
        let extra = if n == 0 { 0 } else { self.multibyte[n - 1].1 };
        byte - extra
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_index_matches_char_count() {
        let text = "a “b” é — ж x😀y";
        let idx = CharIndex::new(text);
        for (b, _) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            assert_eq!(
                idx.char_offset(b as u32) as usize,
                text[..b].chars().count(),
                "byte {b}"
            );
        }
    }

    #[test]
    fn entity_at_prefers_the_tightest_mention() {
        let mut doc = Doc::new(Meta::default(), "Hikmet Hajiyev said he agreed.".into());
        let ent = |name: &str, mentions: Vec<Span>| Entity {
            name: name.into(),
            etype: EntityType::Person,
            role: None,
            mentions,
            speaker_type: None,
            aliases: vec![],
            affiliation: None,
        };
        doc.entities.push(ent("A", vec![Span::new(0, 30)]));
        doc.entities
            .push(ent("Hikmet Hajiyev", vec![Span::new(0, 14), Span::new(20, 22)]));
        assert_eq!(doc.entity_at(Span::new(20, 22)), Some(1));
        assert_eq!(doc.entity_at(Span::new(7, 14)), Some(1));
        assert_eq!(doc.entity_at(Span::new(29, 30)), Some(0));
        // The index agrees with the scan everywhere, ties included, and
        // entities changed after the first lookup are still seen.
        for a in 0..doc.text().len() {
            for b in a..=doc.text().len().min(a + 12) {
                let sp = Span::new(a, b);
                assert_eq!(doc.entity_at(sp), doc.entity_at_scan(sp), "{sp:?}");
            }
        }
        // every overlapping mention, in text order, through the index
        assert_eq!(
            doc.mentions_overlapping(Span::new(12, 21)),
            [Span::new(0, 14), Span::new(0, 30), Span::new(20, 22)]
        );
        assert_eq!(doc.mentions_overlapping(Span::new(15, 19)), [Span::new(0, 30)]);
        doc.entities[0].mentions.push(Span::new(20, 22));
        assert_eq!(doc.entity_at(Span::new(20, 22)), doc.entity_at_scan(Span::new(20, 22)));
        assert_eq!(doc.entity_at(Span::new(20, 22)), Some(0));
        // entities changed since the index was built: the scan answers
        assert_eq!(
            doc.mentions_overlapping(Span::new(19, 21)),
            [Span::new(0, 30), Span::new(20, 22), Span::new(20, 22)]
        );
    }

    #[test]
    fn span_relations() {
        let a = Span::new(0, 10);
        let b = Span::new(3, 5);
        assert!(a.contains(b) && !b.contains(a));
        assert!(a.overlaps(b));
        assert!(!Span::new(0, 3).overlaps(Span::new(3, 4)));
    }
}
