//! The claimgraph corpus store: every analysed document with what was
//! derived from it (statements, entities, events), the cross-document
//! claims and actors, outlets and evidence flags, so analysts can ask
//! "since 2012, who claimed X, who denied it, in which outlets, with what
//! evidence?".
//!
//! Everything callers use goes through the [`Store`] trait; the only backend
//! today is SQLite ([`sqlite::SqliteStore`], opened by [`open`]). Nothing
//! SQLite-specific (FTS5, pragmas, SQL dialect) is visible outside
//! `sqlite.rs`, so a PostgreSQL backend can implement the same trait.
//!
//! One document is written by one call to [`Store::insert_document`], in one
//! transaction: the document, its statements, entities, mentions, events,
//! evidence flags, the claim and actor states the linker changed while
//! reading it, and the claim summaries. An interrupted ingest therefore
//! leaves a store where every document is either complete or absent, and
//! the linker state matches the documents stored.

pub mod evidence;
pub mod export;
pub mod sqlite;

use std::path::Path;

use anyhow::Result;
use claimgraph_doc::Doc;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

pub use evidence::{detect_evidence, EvidenceKind};
pub use sqlite::SqliteStore;

/// Opens (creating and migrating as needed) the store at `path`.
pub fn open(path: &Path) -> Result<Box<dyn Store>> {
    Ok(Box::new(SqliteStore::open(path)?))
}

/// The content hash a document is deduplicated by: SHA-256 of its text, hex.
pub fn content_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    let mut s = String::with_capacity(64);
    for b in digest {
        s.push(char::from_digit((b >> 4) as u32, 16).unwrap_or('0'));
        s.push(char::from_digit((b & 15) as u32, 16).unwrap_or('0'));
    }
    s
}

/// The outlet a document belongs to: the name the input gave, else the host
/// of its source URL (without `www.`). Returns `(name, domain)`.
pub fn outlet_of(meta: &claimgraph_doc::Meta) -> Option<(String, Option<String>)> {
    let domain = url_host(&meta.source);
    match meta.outlet.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(name) => Some((name.to_string(), domain)),
        None => domain.map(|d| (d.clone(), Some(d))),
    }
}

fn url_host(source: &str) -> Option<String> {
    let rest = source
        .strip_prefix("https://")
        .or_else(|| source.strip_prefix("http://"))?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A cross-document claim cluster as the linker persists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimState {
    pub id: String,
    /// Canonical text.
    pub text: String,
    pub members: u32,
    /// The linker's opaque state (centroid, keys…).
    pub state: Vec<u8>,
    /// The claim (id) this one is the counter-claim of, and the side whose
    /// version it is ("what China says instead").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counter_of: Option<(String, String)>,
}

/// A cross-document actor as the resolver persists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorState {
    pub id: String,
    pub name: String,
    /// Entity type (`PERSON`, `ORG`, …).
    pub etype: String,
    pub aliases: Vec<String>,
    pub speaker_type: Option<String>,
    /// The resolver's full record as JSON, so fields it adds later survive a
    /// round trip through the store.
    pub record: String,
}

/// Everything written for one document, in one transaction.
#[derive(Clone, Debug)]
pub struct DocWrite<'a> {
    pub doc: &'a Doc,
    /// [`content_hash`] of the document text.
    pub content_hash: String,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub ingested_at: String,
    /// Actor id of each `doc.entities[i]`, when resolved.
    pub entity_actor: Vec<Option<String>>,
    /// Actor id of each `doc.statements[i]`'s speaker, when resolved.
    pub speaker_actor: Vec<Option<String>>,
    /// Claims created or changed by linking this document.
    pub claims: Vec<ClaimState>,
    /// Actors created or changed by resolving this document.
    pub actors: Vec<ActorState>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inserted {
    /// Stored, with this many statements.
    New { statements: usize },
    /// A document with the same content hash was already stored: nothing written.
    Duplicate,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub documents: u64,
    pub statements: u64,
    pub claims: u64,
    pub actors: u64,
    pub entities: u64,
    pub events: u64,
    pub outlets: u64,
    pub evidence: u64,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ClaimSort {
    /// Earliest first seen first.
    First,
    /// Most recently seen first.
    #[default]
    Last,
    /// Most articles first.
    Articles,
}

#[derive(Clone, Debug, Default)]
pub struct ClaimQuery {
    /// Count only statements in documents published on or after this date
    /// (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, compared as written).
    pub since: Option<String>,
    /// At most this many rows (`None`: all).
    pub limit: Option<usize>,
    pub sort: ClaimSort,
}

/// One row of `claimgraph claims`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimRow {
    pub id: String,
    pub text: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub articles: u64,
    pub outlets: u64,
    pub statements: u64,
    /// Distinct sources (actors, else speaker names) per stance.
    pub assert: u64,
    pub deny: u64,
    pub speculate: u64,
    pub question: u64,
    /// Whether any statement cites evidence.
    pub evidence: bool,
    /// Which kinds of evidence are cited (see [`EvidenceKind`]).
    pub evidence_kinds: Vec<String>,
}

/// A speaker in a nesting chain ("X said that Y reported that …").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChainLink {
    pub speaker: String,
    pub cue: Option<String>,
    pub stance: String,
}

/// One statement as queries return it, with its document's context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatementRow {
    pub statement_id: i64,
    pub document: String,
    pub source: String,
    pub title: Option<String>,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub speaker: String,
    pub speaker_type: String,
    pub speaker_actor: Option<String>,
    pub kind: String,
    pub cue: Option<String>,
    pub stance: String,
    pub hedges: Vec<String>,
    pub content: String,
    pub claim_id: Option<String>,
    pub claim_text: Option<String>,
    pub evidence: Vec<String>,
    /// Who cited whom, outermost first, ending with this statement's speaker
    /// (a relay's link has the stance "relays").
    pub chain: Vec<ChainLink>,
    /// The outlet or person that passed the speaker's words on ("TASS,
    /// citing a source …").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relayed_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimTimeline {
    pub claim: ClaimRow,
    /// Oldest first (undated last).
    pub statements: Vec<StatementRow>,
    /// The claim this one is a side's counter-claim of, if it is one.
    #[serde(default)]
    pub counter_of: Option<CounterLink>,
    /// What sides that deny this claim assert instead.
    #[serde(default)]
    pub counter_claims: Vec<CounterLink>,
}

/// One end of a claim / counter-claim pair.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CounterLink {
    pub id: String,
    pub text: String,
    /// The side whose version the counter-claim is.
    pub side: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoleRow {
    pub role: String,
    pub first_seen: Option<String>,
    pub last_seen: Option<String>,
    pub documents: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRow {
    pub id: String,
    pub name: String,
    pub etype: String,
    pub speaker_type: Option<String>,
    pub aliases: Vec<String>,
    pub roles: Vec<RoleRow>,
    pub statements: u64,
}

/// `claimgraph who NAME`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WhoResult {
    pub actors: Vec<ActorRow>,
    pub statements: Vec<StatementRow>,
    /// Statements this source passed on from others ("TASS, citing a
    /// source, reported …" under TASS).
    #[serde(default)]
    pub relayed: Vec<StatementRow>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    pub score: f64,
    pub snippet: String,
    #[serde(flatten)]
    pub statement: StatementRow,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentRow {
    pub id: String,
    pub content_hash: String,
    pub source: String,
    pub title: Option<String>,
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub language: String,
    pub ingested_at: String,
    pub statements: u64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

/// A statement as the export sees it: flat, with char offsets.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExportStatement {
    pub id: i64,
    pub document: String,
    pub index: u32,
    pub start: u32,
    pub end: u32,
    pub date: Option<String>,
    pub outlet: Option<String>,
    pub content: String,
    pub kind: String,
    pub speaker: String,
    pub speaker_type: String,
    pub speaker_actor: Option<String>,
    pub cue: Option<String>,
    pub stance: String,
    pub hedges: Vec<String>,
    pub about: Vec<String>,
    pub via: Option<u32>,
    pub claim_id: Option<String>,
    pub evidence: Vec<String>,
    /// Who passed the speaker's words on ("TASS, citing a source …").
    #[serde(default)]
    pub relayed_by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutletRow {
    pub name: String,
    pub domain: Option<String>,
    pub documents: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EntityRow {
    pub document: String,
    pub index: u32,
    pub name: String,
    pub etype: String,
    pub role: Option<String>,
    pub affiliation: Option<String>,
    pub speaker_type: Option<String>,
    pub actor_id: Option<String>,
    pub mentions: Vec<[u32; 2]>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventRow {
    pub document: String,
    pub actor: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub code: Option<String>,
    pub date: Option<String>,
    pub places: Vec<String>,
    pub start: u32,
    pub end: u32,
    /// The reporting statement's index in the document, if an event
    /// someone alleges.
    #[serde(default)]
    pub statement: Option<u32>,
}

/// Filters of [`Store::events`]; every one given must hold.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// Events whose actor or target names this: a word of the name starts
    /// with it (ASCII case folded: "peskov" finds "Dmitry Peskov", "US"
    /// does not find "Russia"), or the name is a name or alias of the
    /// corpus actor this names (an actor id, name or alias: "Kremlin"
    /// finds the events of every name the Russia actor goes by), or the
    /// document's entity of that name was resolved to that actor.
    pub actor: Option<String>,
    /// CAMEO code prefix ("19": fight, "190" exactly that code and its
    /// sub-codes); digits only.
    pub code: Option<String>,
    /// On or after this date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`, at that
    /// precision), by the event's date, else its document's publication
    /// date; undated events are left out when a bound is given.
    pub since: Option<String>,
    /// On or before this date, as `since`.
    pub until: Option<String>,
    /// Only this document's events (its id).
    pub document: Option<String>,
    /// At most this many events (`None`: all).
    pub limit: Option<usize>,
    /// Skip this many first.
    pub offset: usize,
}

impl EventQuery {
    /// Checks the filters' forms: dates `YYYY[-MM[-DD]]`, a code of 1 to 4
    /// digits. The message names the filter as the CLI and API call it.
    pub fn check(&self) -> Result<()> {
        for (name, v) in [("since", &self.since), ("until", &self.until)] {
            if let Some(d) = v {
                if !valid_date(d) {
                    anyhow::bail!("{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {d:?}");
                }
            }
        }
        if let Some(c) = &self.code {
            if c.is_empty() || c.len() > 4 || !c.bytes().all(|b| b.is_ascii_digit()) {
                anyhow::bail!("code must be a CAMEO code or its prefix (1 to 4 digits, e.g. 19 or 190), not {c:?}");
            }
        }
        Ok(())
    }
}

/// The statement that reports an event: the event is this speaker's word
/// (asserted, denied, speculated or questioned), not the article's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventReport {
    pub statement_id: i64,
    /// The statement's index in its document.
    pub index: u32,
    pub speaker: String,
    pub speaker_actor: Option<String>,
    pub stance: String,
    pub cue: Option<String>,
}

/// One event as [`Store::events`] returns it, with its document's context.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventHit {
    pub event_id: i64,
    pub document: String,
    pub source: String,
    pub title: Option<String>,
    /// The document's publication date.
    pub published: Option<String>,
    pub outlet: Option<String>,
    pub actor: Option<String>,
    /// The corpus actor the document's entity of that name resolved to.
    pub actor_id: Option<String>,
    pub action: String,
    pub target: Option<String>,
    pub target_id: Option<String>,
    /// CAMEO code.
    pub code: Option<String>,
    /// The event's own date (written, or relative to publication).
    pub date: Option<String>,
    pub places: Vec<String>,
    /// Char offsets of the event's words in the document text.
    pub start: u32,
    pub end: u32,
    /// The event's words.
    pub text: String,
    /// The statement reporting it; `None` when the article tells it itself.
    pub alleged_by: Option<EventReport>,
}

/// A page of [`Store::events`]: the events matching the filters (all of
/// them counted in `total`), newest first.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct EventPage {
    pub total: u64,
    pub items: Vec<EventHit>,
}

/// A row visitor for the exports (streams, so exports need no memory for
/// the whole corpus).
pub type Visit<'a, T> = &'a mut dyn FnMut(T) -> Result<()>;

/// The store. Implementations must write each document atomically and keep
/// the claim summaries in step with the statements.
pub trait Store: Send {
    /// "sqlite", later "postgres".
    fn backend(&self) -> &'static str;
    /// The schema version in force (after migrations).
    fn schema_version(&self) -> Result<u32>;
    /// Whether a document with this content hash is stored.
    fn has_document(&self, content_hash: &str) -> Result<bool>;
    /// Writes one document and everything derived from it, atomically. A
    /// document whose content hash is stored already is a no-op.
    fn insert_document(&mut self, w: &DocWrite<'_>) -> Result<Inserted> {
        Ok(self.insert_documents(std::slice::from_ref(w))?[0])
    }
    /// Writes documents in order in one transaction (group commit): each
    /// document with everything derived from it and the linker state it
    /// changed; on any error nothing of the group is written. A document
    /// whose content hash is stored already (or earlier in the group) is a
    /// no-op.
    fn insert_documents(&mut self, ws: &[DocWrite<'_>]) -> Result<Vec<Inserted>>;
    /// All claim states, for restoring the linker.
    fn claim_states(&self) -> Result<Vec<ClaimState>>;
    /// All actor states, for restoring the resolver.
    fn actor_states(&self) -> Result<Vec<ActorState>>;
    fn counts(&self) -> Result<Counts>;
    /// Storage consistency check: "ok" or what is wrong.
    fn integrity_check(&self) -> Result<String>;

    fn claims(&self, q: &ClaimQuery) -> Result<Vec<ClaimRow>>;
    fn claim_timeline(&self, id: &str) -> Result<Option<ClaimTimeline>>;
    fn who(&self, name: &str, limit: Option<usize>) -> Result<WhoResult>;
    /// Full-text search over statement content and speakers, best first.
    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>>;
    /// Events with their documents' context, newest first (by the event's
    /// date, else its document's), filtered by [`EventQuery`]. Fails on a
    /// malformed date or code.
    fn events(&self, q: &EventQuery) -> Result<EventPage>;

    fn scan_documents(&self, with_text: bool, f: Visit<'_, DocumentRow>) -> Result<()>;
    fn scan_statements(&self, f: Visit<'_, ExportStatement>) -> Result<()>;
    fn scan_actors(&self, f: Visit<'_, ActorRow>) -> Result<()>;
    fn scan_outlets(&self, f: Visit<'_, OutletRow>) -> Result<()>;
    fn scan_entities(&self, f: Visit<'_, EntityRow>) -> Result<()>;
    fn scan_events(&self, f: Visit<'_, EventRow>) -> Result<()>;
}

/// Checks a `--since` value: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn valid_date(s: &str) -> bool {
    let b = s.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    match b.len() {
        4 => digits(0..4),
        7 => digits(0..4) && b[4] == b'-' && digits(5..7),
        10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
        _ => false,
    }
}

/// The current UTC time as `YYYY-MM-DDTHH:MM:SSZ` (no date crate needed).
pub fn now_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    // Civil-from-days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_and_outlets() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        let mut meta = claimgraph_doc::Meta {
            source: "https://www.Example.com:443/a/b?c".into(),
            ..Default::default()
        };
        assert_eq!(
            outlet_of(&meta),
            Some(("example.com".into(), Some("example.com".into())))
        );
        meta.outlet = Some("Example News".into());
        assert_eq!(
            outlet_of(&meta),
            Some(("Example News".into(), Some("example.com".into())))
        );
        meta.outlet = None;
        meta.source = "gold/dev/01.txt".into();
        assert_eq!(outlet_of(&meta), None);
    }

    #[test]
    fn dates() {
        assert!(valid_date("2012") && valid_date("2012-03") && valid_date("2012-03-04"));
        assert!(!valid_date("12") && !valid_date("2012-3") && !valid_date("2012/03/04"));
        let now = now_utc();
        assert!(valid_date(&now[..10]) && now.ends_with('Z'), "{now}");
    }
}
