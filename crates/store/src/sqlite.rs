//! The SQLite backend: WAL, foreign keys, prepared (cached) statements,
//! numbered migrations applied in transactions, FTS5 for search. Everything
//! SQLite-specific lives in this file.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::OnceLock;

use anyhow::{bail, Context, Result};
use claimgraph_doc::{CharIndex, Doc, Span};
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction};

use crate::evidence::{detect_evidence, EvidenceKind};
use crate::{
    outlet_of, valid_date, ActorRow, ActorState, ChainLink, ClaimQuery, ClaimRow, ClaimSort, ClaimState, ClaimTimeline,
    CounterLink, Counts, DocWrite, DocumentRow, EntityRow, EventHit, EventPage, EventQuery, EventReport, EventRow,
    ExportStatement, Inserted, OutletRow, RoleRow, SearchHit, StatementRow, Store, Visit, WhoResult,
};

/// A numbered schema migration: SQL, then an optional backfill in Rust.
struct Migration {
    version: u32,
    sql: &'static str,
    backfill: Option<fn(&Transaction<'_>) -> Result<()>>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        sql: V1,
        backfill: None,
    },
    Migration {
        version: 2,
        sql: V2,
        backfill: Some(backfill_v2),
    },
    Migration {
        version: 3,
        sql: V3,
        backfill: None,
    },
    Migration {
        version: 4,
        sql: V4,
        backfill: None,
    },
    Migration {
        version: 5,
        sql: V5,
        backfill: None,
    },
    Migration {
        version: 6,
        sql: V6,
        backfill: None,
    },
];

/// v6: who relayed a statement ("TASS, citing a source …": TASS), its type
/// and the relaying word. Statements stored before v6 have none.
const V6: &str = r#"
ALTER TABLE statements ADD COLUMN relayed_by TEXT;
ALTER TABLE statements ADD COLUMN relayed_by_type TEXT;
ALTER TABLE statements ADD COLUMN relay_cue TEXT;
CREATE INDEX statements_relayed_by ON statements(relayed_by COLLATE NOCASE) WHERE relayed_by IS NOT NULL;
"#;

/// v5: the statement that reports an event (its `idx` in the document),
/// null for events the article tells itself. Events stored before v5 have
/// none.
const V5: &str = r#"
ALTER TABLE events ADD COLUMN statement_idx INTEGER;
"#;

/// v4: counter-claims: what a side that denies a claim asserts instead.
/// Claims linked before v4 have none.
const V4: &str = r#"
ALTER TABLE claims ADD COLUMN counter_of TEXT;
ALTER TABLE claims ADD COLUMN counter_side TEXT;
CREATE INDEX claims_counter_of ON claims(counter_of) WHERE counter_of IS NOT NULL;
"#;

/// v3: statements by date, for `claims --since D --sort articles` on a
/// recent date (one range scan counts every claim's articles since D).
/// New statements enter the full-text index once per document
/// (`write_doc`) instead of by a trigger per row: FTS5 flushes its pending
/// terms at every statement that fires it, so the trigger made one index
/// segment, and merge work, per statement.
const V3: &str = r#"
CREATE INDEX statements_published ON statements(published, claim_id, document_id);
DROP TRIGGER statements_fts_insert;
"#;

/// v1: documents, outlets, actors (+ aliases, dated roles), entities,
/// mentions, claims, statements, events.
const V1: &str = r#"
CREATE TABLE outlets (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    domain TEXT
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY,
    doc_id TEXT NOT NULL,
    content_hash TEXT NOT NULL UNIQUE,
    source TEXT NOT NULL,
    title TEXT,
    published TEXT,
    outlet_id INTEGER REFERENCES outlets(id),
    language TEXT NOT NULL,
    text TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX documents_doc_id ON documents(doc_id);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_outlet ON documents(outlet_id);
CREATE TABLE actors (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    etype TEXT NOT NULL,
    speaker_type TEXT,
    record TEXT NOT NULL
);
CREATE INDEX actors_name ON actors(name COLLATE NOCASE);
CREATE TABLE actor_aliases (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    alias TEXT NOT NULL,
    ord INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, alias)
) WITHOUT ROWID;
CREATE INDEX actor_aliases_alias ON actor_aliases(alias COLLATE NOCASE);
CREATE TABLE actor_roles (
    actor_id TEXT NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    first_seen TEXT,
    last_seen TEXT,
    documents INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (actor_id, role)
) WITHOUT ROWID;
CREATE TABLE entities (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    name TEXT NOT NULL,
    etype TEXT NOT NULL,
    role TEXT,
    affiliation TEXT,
    speaker_type TEXT,
    actor_id TEXT REFERENCES actors(id),
    UNIQUE (document_id, idx)
);
CREATE INDEX entities_actor ON entities(actor_id);
CREATE TABLE mentions (
    entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE INDEX mentions_entity ON mentions(entity_id);
CREATE TABLE claims (
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    members INTEGER NOT NULL,
    state BLOB NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE statements (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    content TEXT NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT NOT NULL,
    speaker_type TEXT NOT NULL,
    speaker_actor TEXT REFERENCES actors(id),
    speaker_mention TEXT,
    cue TEXT,
    stance TEXT NOT NULL,
    hedges TEXT NOT NULL,
    about TEXT NOT NULL,
    via INTEGER,
    via_id INTEGER REFERENCES statements(id),
    claim_id TEXT REFERENCES claims(id),
    published TEXT,
    outlet_id INTEGER REFERENCES outlets(id),
    UNIQUE (document_id, idx)
);
CREATE INDEX statements_claim ON statements(claim_id, published);
CREATE INDEX statements_actor ON statements(speaker_actor);
CREATE INDEX statements_speaker ON statements(speaker COLLATE NOCASE);
CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    actor TEXT,
    action TEXT NOT NULL,
    target TEXT,
    code TEXT,
    date TEXT,
    places TEXT NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL
);
CREATE INDEX events_document ON events(document_id);
"#;

/// v2: evidence flags, claim summaries (kept in step at write time so
/// `claims` does not aggregate a million statements per call), and the FTS5
/// index over statement content and speaker. Backfilled from v1 data.
const V2: &str = r#"
ALTER TABLE statements ADD COLUMN evidence INTEGER NOT NULL DEFAULT 0;
-- Covers what `claims --since` recomputes for a claim over a date range.
DROP INDEX statements_claim;
CREATE INDEX statements_claim ON statements(claim_id, published, document_id, outlet_id, stance, speaker_actor, speaker, evidence);
CREATE TABLE evidence (
    statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    PRIMARY KEY (statement_id, kind)
) WITHOUT ROWID;
CREATE INDEX evidence_kind ON evidence(kind);
CREATE TABLE claim_stats (
    claim_id TEXT PRIMARY KEY REFERENCES claims(id) ON DELETE CASCADE,
    first_seen TEXT,
    last_seen TEXT,
    articles INTEGER NOT NULL DEFAULT 0,
    outlets INTEGER NOT NULL DEFAULT 0,
    statements INTEGER NOT NULL DEFAULT 0,
    n_assert INTEGER NOT NULL DEFAULT 0,
    n_deny INTEGER NOT NULL DEFAULT 0,
    n_speculate INTEGER NOT NULL DEFAULT 0,
    n_question INTEGER NOT NULL DEFAULT 0,
    evidence INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX claim_stats_first ON claim_stats(first_seen, claim_id);
CREATE INDEX claim_stats_last ON claim_stats(last_seen DESC, claim_id);
CREATE INDEX claim_stats_articles ON claim_stats(articles DESC, last_seen DESC, claim_id);
CREATE TABLE claim_outlets (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    outlet_id INTEGER NOT NULL REFERENCES outlets(id),
    PRIMARY KEY (claim_id, outlet_id)
) WITHOUT ROWID;
CREATE TABLE claim_sources (
    claim_id TEXT NOT NULL REFERENCES claims(id) ON DELETE CASCADE,
    stance TEXT NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (claim_id, stance, source)
) WITHOUT ROWID;
CREATE VIRTUAL TABLE statements_fts USING fts5(
    content, speaker,
    content='statements', content_rowid='id',
    tokenize='porter unicode61 remove_diacritics 2'
);
CREATE TRIGGER statements_fts_insert AFTER INSERT ON statements BEGIN
    INSERT INTO statements_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker);
END;
CREATE TRIGGER statements_fts_delete AFTER DELETE ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content, speaker)
        VALUES ('delete', old.id, old.content, old.speaker);
END;
CREATE TRIGGER statements_fts_update AFTER UPDATE OF content, speaker ON statements BEGIN
    INSERT INTO statements_fts(statements_fts, rowid, content, speaker)
        VALUES ('delete', old.id, old.content, old.speaker);
    INSERT INTO statements_fts(rowid, content, speaker) VALUES (new.id, new.content, new.speaker);
END;
INSERT INTO statements_fts(statements_fts) VALUES ('rebuild');
"#;

/// The chain link stance of a relay (it passes words on, it takes no side).
const RELAYS: &str = "relays";

/// The source key distinct sources are counted by: the actor, else the name.
const SOURCE_KEY: &str = "coalesce('a:' || speaker_actor, 'n:' || lower(speaker))";

fn backfill_v2(tx: &Transaction<'_>) -> Result<()> {
    {
        let mut read = tx.prepare("SELECT id, content, speaker FROM statements")?;
        let mut set = tx.prepare("UPDATE statements SET evidence = ?2 WHERE id = ?1")?;
        let mut ev = tx.prepare("INSERT OR IGNORE INTO evidence(statement_id, kind) VALUES (?1, ?2)")?;
        let rows: Vec<(i64, String, String)> = read
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (id, content, speaker) in rows {
            let mask = detect_evidence(&format!("{speaker}: {content}"));
            if mask != 0 {
                set.execute(params![id, mask])?;
                for k in EvidenceKind::from_mask(mask) {
                    ev.execute(params![id, k.as_str()])?;
                }
            }
        }
    }
    let evidence_sub = format!(
        "(SELECT {} FROM statements WHERE claim_id = c.id)",
        evidence_or("evidence")
    );
    tx.execute_batch(&format!(
        "INSERT INTO claim_outlets(claim_id, outlet_id)
             SELECT DISTINCT claim_id, outlet_id FROM statements
             WHERE claim_id IS NOT NULL AND outlet_id IS NOT NULL;
         INSERT INTO claim_sources(claim_id, stance, source)
             SELECT DISTINCT claim_id, stance, {SOURCE_KEY} FROM statements WHERE claim_id IS NOT NULL;
         INSERT INTO claim_stats(claim_id, first_seen, last_seen, articles, outlets, statements,
                                 n_assert, n_deny, n_speculate, n_question, evidence)
             SELECT c.id,
                    (SELECT min(published) FROM statements WHERE claim_id = c.id),
                    (SELECT max(published) FROM statements WHERE claim_id = c.id),
                    (SELECT count(DISTINCT document_id) FROM statements WHERE claim_id = c.id),
                    (SELECT count(*) FROM claim_outlets WHERE claim_id = c.id),
                    (SELECT count(*) FROM statements WHERE claim_id = c.id),
                    (SELECT count(*) FROM claim_sources WHERE claim_id = c.id AND stance = 'assert'),
                    (SELECT count(*) FROM claim_sources WHERE claim_id = c.id AND stance = 'deny'),
                    (SELECT count(*) FROM claim_sources WHERE claim_id = c.id AND stance = 'speculate'),
                    (SELECT count(*) FROM claim_sources WHERE claim_id = c.id AND stance = 'question'),
                    {evidence_sub}
             FROM claims c;"
    ))?;
    Ok(())
}

/// SQL for the bitwise OR of an evidence mask column over a group (SQLite
/// has no bit_or aggregate): one max() per bit.
fn evidence_or(col: &str) -> String {
    EvidenceKind::ALL
        .iter()
        .map(|k| format!("coalesce(max({col} & {}), 0)", k.bit()))
        .collect::<Vec<_>>()
        .join(" | ")
}

pub struct SqliteStore {
    conn: Connection,
    /// Claim and actor ids known to be stored (committed), so writes skip
    /// the existence checks for them.
    known: Known,
}

#[derive(Default)]
struct Known {
    claims: HashSet<String>,
    actors: HashSet<String>,
}

impl Known {
    fn has_claim(&self, added: &Known, id: &str) -> bool {
        self.claims.contains(id) || added.claims.contains(id)
    }
    fn has_actor(&self, added: &Known, id: &str) -> bool {
        self.actors.contains(id) || added.actors.contains(id)
    }
}

impl SqliteStore {
    /// Opens or creates the database and applies pending migrations.
    pub fn open(path: &Path) -> Result<SqliteStore> {
        SqliteStore::open_to(path, None)
    }

    /// Opens and migrates up to `version` (all when `None`); tests use it to
    /// build an old schema.
    pub fn open_to(path: &Path, version: Option<u32>) -> Result<SqliteStore> {
        let conn = Connection::open(path).with_context(|| format!("opening {}", path.display()))?;
        conn.busy_timeout(std::time::Duration::from_secs(30))?;
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.pragma_update(None, "cache_size", -65_536)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
        conn.set_prepared_statement_cache_capacity(64);
        let mut store = SqliteStore {
            conn,
            known: Known::default(),
        };
        store.migrate(version.unwrap_or(u32::MAX))?;
        Ok(store)
    }

    fn migrate(&mut self, upto: u32) -> Result<()> {
        self.conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
        )?;
        let current = self.current_version()?;
        let latest = MIGRATIONS.last().map_or(0, |m| m.version);
        if current > latest {
            bail!("the store's schema version {current} is newer than this claimgraph knows ({latest}): upgrade claimgraph");
        }
        for m in MIGRATIONS.iter().filter(|m| m.version > current && m.version <= upto) {
            // IMMEDIATE: a second process opening the same file waits instead
            // of applying the same migration twice.
            let tx = rusqlite::Transaction::new(&mut self.conn, rusqlite::TransactionBehavior::Immediate)?;
            let now: u32 = tx.query_row("SELECT coalesce(max(version), 0) FROM schema_version", [], |r| r.get(0))?;
            if now >= m.version {
                continue;
            }
            tx.execute_batch(m.sql)
                .with_context(|| format!("schema migration {}", m.version))?;
            if let Some(f) = m.backfill {
                f(&tx).with_context(|| format!("schema migration {} backfill", m.version))?;
            }
            tx.execute(
                "INSERT INTO schema_version(version, applied_at) VALUES (?1, ?2)",
                params![m.version, crate::now_utc()],
            )?;
            tx.commit()?;
        }
        Ok(())
    }

    fn current_version(&self) -> Result<u32> {
        Ok(self
            .conn
            .query_row("SELECT coalesce(max(version), 0) FROM schema_version", [], |r| r.get(0))?)
    }

    /// Direct access for tests and tools in this crate.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn outlet_id(tx: &Transaction<'_>, name: &str, domain: Option<&str>) -> Result<i64> {
        let mut find = tx.prepare_cached("SELECT id FROM outlets WHERE name = ?1")?;
        if let Some(id) = find.query_row([name], |r| r.get(0)).optional()? {
            return Ok(id);
        }
        tx.prepare_cached("INSERT INTO outlets(name, domain) VALUES (?1, ?2)")?
            .execute(params![name, domain])?;
        Ok(tx.last_insert_rowid())
    }

    fn upsert_claim(tx: &Transaction<'_>, c: &ClaimState, now: &str) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO claims(id, text, members, state, updated_at, counter_of, counter_side)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
             ON CONFLICT(id) DO UPDATE SET text = excluded.text, members = excluded.members,
                 state = excluded.state, updated_at = excluded.updated_at,
                 counter_of = excluded.counter_of, counter_side = excluded.counter_side",
        )?
        .execute(params![
            c.id,
            c.text,
            c.members,
            c.state,
            now,
            c.counter_of.as_ref().map(|x| &x.0),
            c.counter_of.as_ref().map(|x| &x.1)
        ])?;
        Ok(())
    }

    fn upsert_actor(tx: &Transaction<'_>, a: &ActorState) -> Result<()> {
        tx.prepare_cached(
            "INSERT INTO actors(id, name, etype, speaker_type, record) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(id) DO UPDATE SET name = excluded.name, etype = excluded.etype,
                 speaker_type = excluded.speaker_type, record = excluded.record",
        )?
        .execute(params![a.id, a.name, a.etype, a.speaker_type, a.record])?;
        tx.prepare_cached("DELETE FROM actor_aliases WHERE actor_id = ?1")?
            .execute([&a.id])?;
        let mut alias =
            tx.prepare_cached("INSERT OR IGNORE INTO actor_aliases(actor_id, alias, ord) VALUES (?1, ?2, ?3)")?;
        for (i, al) in a.aliases.iter().enumerate() {
            alias.execute(params![a.id, al, i as i64])?;
        }
        Ok(())
    }

    /// A placeholder actor for an id the resolver used without a record (so
    /// foreign keys hold); the resolver's record replaces it when it comes.
    fn ensure_actor(
        tx: &Transaction<'_>,
        (known, added): (&Known, &mut Known),
        id: &str,
        name: &str,
        etype: &str,
    ) -> Result<()> {
        if known.has_actor(added, id) {
            return Ok(());
        }
        added.actors.insert(id.to_string());
        tx.prepare_cached(
            "INSERT OR IGNORE INTO actors(id, name, etype, speaker_type, record) VALUES (?1, ?2, ?3, NULL, '{}')",
        )?
        .execute(params![id, name, etype])?;
        Ok(())
    }

    /// Writes one document; widens `fts` (first, last) to the rowids of its
    /// statements, which the caller adds to the full-text index, and adds
    /// its claims' summary changes to `stats`, which the caller writes.
    fn write_doc(
        tx: &Transaction<'_>,
        known: &Known,
        added: &mut Known,
        w: &DocWrite<'_>,
        fts: &mut (i64, i64),
        stats: &mut BatchStats,
    ) -> Result<usize> {
        let doc = w.doc;
        let meta = &doc.meta;
        let now = &w.ingested_at;
        for c in &w.claims {
            Self::upsert_claim(tx, c, now)?;
            added.claims.insert(c.id.clone());
        }
        for a in &w.actors {
            Self::upsert_actor(tx, a)?;
            added.actors.insert(a.id.clone());
        }
        let outlet = match outlet_of(meta) {
            Some((name, domain)) => Some(Self::outlet_id(tx, &name, domain.as_deref())?),
            None => None,
        };
        let language = if meta.language.is_empty() {
            "en"
        } else {
            meta.language.as_str()
        };
        tx.prepare_cached(
            "INSERT INTO documents(doc_id, content_hash, source, title, published, outlet_id, language, text, ingested_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        )?
        .execute(params![
            meta.id,
            w.content_hash,
            meta.source,
            meta.title,
            meta.published,
            outlet,
            language,
            doc.text(),
            now
        ])?;
        let doc_row = tx.last_insert_rowid();
        let idx = CharIndex::new(doc.text());
        let ch = |b: u32| idx.char_offset(b);

        // Entities, mentions, dated roles.
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO entities(document_id, idx, name, etype, role, affiliation, speaker_type, actor_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )?;
            let mut mention_rows: Vec<[i64; 3]> = Vec::new();
            let mut role = tx.prepare_cached(
                "INSERT INTO actor_roles(actor_id, role, first_seen, last_seen, documents) VALUES (?1, ?2, ?3, ?3, 1)
                 ON CONFLICT(actor_id, role) DO UPDATE SET
                   first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen
                                     WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen
                                     ELSE first_seen END,
                   last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen
                                    WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen
                                    ELSE last_seen END,
                   documents = documents + 1",
            )?;
            for (i, e) in doc.entities.iter().enumerate() {
                let actor = w
                    .entity_actor
                    .get(i)
                    .and_then(|a| a.as_deref())
                    .filter(|a| !a.is_empty());
                if let Some(a) = actor {
                    Self::ensure_actor(tx, (known, &mut *added), a, &e.name, e.etype.as_str())?;
                }
                ins.execute(params![
                    doc_row,
                    i as i64,
                    e.name,
                    e.etype.as_str(),
                    e.role,
                    e.affiliation,
                    e.speaker_type.map(|s| s.as_str()),
                    actor
                ])?;
                let ent_row = tx.last_insert_rowid();
                mention_rows.extend(
                    e.mentions
                        .iter()
                        .map(|m| [ent_row, i64::from(ch(m.start)), i64::from(ch(m.end))]),
                );
                if let (Some(a), Some(r)) = (actor, e.role.as_deref().filter(|r| !r.is_empty())) {
                    role.execute(params![a, r, meta.published])?;
                }
            }
            Self::insert_mentions(tx, &mention_rows)?;
        }

        // Statements, evidence, claim summaries.
        let mut ids = Vec::with_capacity(doc.statements.len());
        let mut per_claim: HashMap<&str, ClaimDelta> = HashMap::new();
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO statements(document_id, idx, start_char, end_char, content, kind, speaker, speaker_type,
                     speaker_actor, speaker_mention, cue, stance, hedges, about, via, claim_id, published, outlet_id, evidence,
                     relayed_by, relayed_by_type, relay_cue)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
            )?;
            let mut ev = tx.prepare_cached("INSERT OR IGNORE INTO evidence(statement_id, kind) VALUES (?1, ?2)")?;
            let mut claim_exists = tx.prepare_cached("SELECT 1 FROM claims WHERE id = ?1")?;
            let mut placeholder = tx.prepare_cached(
                "INSERT INTO claims(id, text, members, state, updated_at) VALUES (?1, ?2, 1, X'', ?3)",
            )?;
            for (i, s) in doc.statements.iter().enumerate() {
                let content = doc.slice(s.content);
                let actor = w
                    .speaker_actor
                    .get(i)
                    .and_then(|a| a.as_deref())
                    .filter(|a| !a.is_empty());
                if let Some(a) = actor {
                    Self::ensure_actor(tx, (known, &mut *added), a, &s.speaker, s.speaker_type.as_str())?;
                }
                let claim = s.claim.as_deref().filter(|c| !c.is_empty());
                if let Some(c) = claim {
                    if !known.has_claim(added, c) {
                        if claim_exists.query_row([c], |_| Ok(())).optional()?.is_none() {
                            placeholder.execute(params![c, content, now])?;
                        }
                        added.claims.insert(c.to_string());
                    }
                }
                let mask = detect_evidence(&attribution_text(doc, s.content, s.cue, s.speaker_mention, &s.speaker));
                ins.execute(params![
                    doc_row,
                    i as i64,
                    ch(s.content.start),
                    ch(s.content.end),
                    content,
                    s.kind.as_str(),
                    s.speaker,
                    s.speaker_type.as_str(),
                    actor,
                    s.speaker_mention.map(|m| doc.slice(m)),
                    s.cue.map(|c| doc.slice(c)),
                    s.stance.as_str(),
                    serde_json::to_string(&s.hedges)?,
                    serde_json::to_string(&s.about)?,
                    s.via.map(|v| v as i64),
                    claim,
                    meta.published,
                    outlet,
                    mask,
                    s.relayed_by.as_ref().map(|r| r.name.as_str()),
                    s.relayed_by.as_ref().map(|r| r.speaker_type.as_str()),
                    s.relayed_by.as_ref().map(|r| doc.slice(r.cue))
                ])?;
                let id = tx.last_insert_rowid();
                ids.push(id);
                for k in EvidenceKind::from_mask(mask) {
                    ev.execute(params![id, k.as_str()])?;
                }
                if let Some(c) = claim {
                    let d = per_claim.entry(c).or_default();
                    d.statements += 1;
                    d.evidence |= mask;
                    d.sources.push((s.stance.as_str(), source_key(actor, &s.speaker)));
                }
            }
        }
        // The document's statements are the rows just inserted: a rowid
        // range, indexed with the batch's (`insert_documents`).
        if let (Some(&first), Some(&last)) = (ids.iter().min(), ids.iter().max()) {
            fts.0 = fts.0.min(first);
            fts.1 = fts.1.max(last);
        }
        {
            let mut via = tx.prepare_cached("UPDATE statements SET via_id = ?2 WHERE id = ?1")?;
            for (i, s) in doc.statements.iter().enumerate() {
                if let Some(&v) = s.via.and_then(|v| ids.get(v)) {
                    via.execute(params![ids[i], v])?;
                }
            }
        }
        let mut claims: Vec<_> = per_claim.into_iter().collect();
        claims.sort_by(|a, b| a.0.cmp(b.0));
        for (claim, d) in claims {
            Self::update_claim_stats(tx, claim, &d, meta.published.as_deref(), outlet, stats)?;
        }

        // Events.
        {
            let mut ins = tx.prepare_cached(
                "INSERT INTO events(document_id, actor, action, target, code, date, places, start_char, end_char,
                                    statement_idx)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            for e in &doc.events {
                ins.execute(params![
                    doc_row,
                    e.actor,
                    e.action,
                    e.target,
                    e.code,
                    e.date,
                    serde_json::to_string(&e.places)?,
                    ch(e.span.start),
                    ch(e.span.end),
                    e.statement.map(|i| i as i64)
                ])?;
            }
        }
        Ok(doc.statements.len())
    }

    /// Inserts mention rows (entity rowid, start, end) in order, many to a
    /// statement (a statement's execution per row cost about 2,000
    /// instructions on top of the row's writes; a document has ~75 rows).
    /// The rows get the rowids they would get one by one.
    fn insert_mentions(tx: &Transaction<'_>, mut rows: &[[i64; 3]]) -> Result<()> {
        static SQL: OnceLock<[(usize, String); 3]> = OnceLock::new();
        let sql = SQL.get_or_init(|| {
            [32, 8, 1].map(|n| {
                let values = vec!["(?, ?, ?)"; n].join(", ");
                (
                    n,
                    format!("INSERT INTO mentions(entity_id, start_char, end_char) VALUES {values}"),
                )
            })
        });
        while !rows.is_empty() {
            let (n, q) = sql.iter().find(|(n, _)| *n <= rows.len()).expect("a one-row statement");
            tx.prepare_cached(q)?
                .execute(rusqlite::params_from_iter(rows[..*n].iter().flatten()))?;
            rows = &rows[*n..];
        }
        Ok(())
    }

    /// Adds one new document's statements of a claim to the batch's change
    /// of its summary (`stats`, written by [`SqliteStore::write_claim_stats`]).
    /// Exact: the document is new (articles + 1), and outlets / sources are
    /// counted through the distinct-key tables, written here.
    fn update_claim_stats(
        tx: &Transaction<'_>,
        claim: &str,
        d: &ClaimDelta,
        published: Option<&str>,
        outlet: Option<i64>,
        stats: &mut BatchStats,
    ) -> Result<()> {
        let mut new_outlet = 0;
        if let Some(o) = outlet {
            new_outlet = tx
                .prepare_cached("INSERT OR IGNORE INTO claim_outlets(claim_id, outlet_id) VALUES (?1, ?2)")?
                .execute(params![claim, o])?;
        }
        let mut n = [0i64; 4];
        {
            let mut src =
                tx.prepare_cached("INSERT OR IGNORE INTO claim_sources(claim_id, stance, source) VALUES (?1, ?2, ?3)")?;
            for (stance, key) in &d.sources {
                if src.execute(params![claim, stance, key])? > 0 {
                    let i = match *stance {
                        "assert" => 0,
                        "deny" => 1,
                        "speculate" => 2,
                        _ => 3,
                    };
                    n[i] += 1;
                }
            }
        }
        let s = stats.entry(claim);
        s.articles += 1;
        s.outlets += new_outlet as i64;
        s.statements += d.statements;
        for (a, b) in s.n.iter_mut().zip(n) {
            *a += b;
        }
        s.evidence |= d.evidence;
        // (as the CASEs below: NULL dates are skipped, text compares bytewise)
        if let Some(p) = published {
            if s.first.as_deref().is_none_or(|f| p < f) {
                s.first = Some(p.to_string());
            }
            if s.last.as_deref().is_none_or(|l| p > l) {
                s.last = Some(p.to_string());
            }
        }
        Ok(())
    }

    /// Writes the batch's claim summary changes, one statement per claim
    /// (a summary row holds three indexes: writing it once per document of
    /// the claim cost ~23,000 instructions a time), new claims' rows in the
    /// order the batch's documents first named them, so the rows are as if
    /// written document by document.
    fn write_claim_stats(tx: &Transaction<'_>, stats: &BatchStats) -> Result<()> {
        let mut up = tx.prepare_cached(
            "INSERT INTO claim_stats(claim_id, first_seen, last_seen, articles, outlets, statements,
                                     n_assert, n_deny, n_speculate, n_question, evidence)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
             ON CONFLICT(claim_id) DO UPDATE SET
               first_seen = CASE WHEN excluded.first_seen IS NULL THEN first_seen
                                 WHEN first_seen IS NULL OR excluded.first_seen < first_seen THEN excluded.first_seen
                                 ELSE first_seen END,
               last_seen = CASE WHEN excluded.last_seen IS NULL THEN last_seen
                                WHEN last_seen IS NULL OR excluded.last_seen > last_seen THEN excluded.last_seen
                                ELSE last_seen END,
               articles = articles + excluded.articles,
               outlets = outlets + excluded.outlets,
               statements = statements + excluded.statements,
               n_assert = n_assert + excluded.n_assert,
               n_deny = n_deny + excluded.n_deny,
               n_speculate = n_speculate + excluded.n_speculate,
               n_question = n_question + excluded.n_question,
               evidence = evidence | excluded.evidence",
        )?;
        for (claim, s) in &stats.claims {
            up.execute(params![
                claim,
                s.first,
                s.last,
                s.articles,
                s.outlets,
                s.statements,
                s.n[0],
                s.n[1],
                s.n[2],
                s.n[3],
                s.evidence
            ])?;
        }
        Ok(())
    }

    /// Statement rows for a WHERE clause over `s` (statements), with
    /// documents `d`, outlets `o`, claims `c` joined.
    fn statement_rows(&self, where_order: &str, args: &[&dyn rusqlite::ToSql]) -> Result<Vec<StatementRow>> {
        let sql = format!(
            "SELECT s.id, d.doc_id, d.source, d.title, s.published, o.name, s.speaker, s.speaker_type, s.speaker_actor,
                    s.kind, s.cue, s.stance, s.hedges, s.content, s.claim_id, c.text, s.evidence, s.via_id,
                    s.relayed_by, s.relay_cue
             FROM statements s JOIN documents d ON d.id = s.document_id
             LEFT JOIN outlets o ON o.id = s.outlet_id LEFT JOIN claims c ON c.id = s.claim_id
             {where_order}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = Vec::new();
        let mut q = stmt.query(args)?;
        while let Some(r) = q.next()? {
            let via: Option<i64> = r.get(17)?;
            let relayed_by: Option<String> = r.get(18)?;
            let relay_cue: Option<String> = r.get(19)?;
            let mut row = statement_row(r)?;
            row.relayed_by = relayed_by.clone();
            row.chain = self.chain(via, &row, relayed_by.map(|r| (r, relay_cue)))?;
            rows.push(row);
        }
        Ok(rows)
    }

    /// Who cited whom: follows `via` outward, then reverses. A relay stands
    /// between its statement's speaker and the statement it is nested in
    /// ("Heshmati said that TASS, citing a source, reported …": Heshmati →
    /// TASS → the source).
    fn chain(
        &self,
        mut via: Option<i64>,
        row: &StatementRow,
        relay: Option<(String, Option<String>)>,
    ) -> Result<Vec<ChainLink>> {
        let relay_link = |(speaker, cue): (String, Option<String>)| ChainLink {
            speaker,
            cue,
            stance: RELAYS.to_string(),
        };
        let mut links = vec![ChainLink {
            speaker: row.speaker.clone(),
            cue: row.cue.clone(),
            stance: row.stance.clone(),
        }];
        links.extend(relay.map(relay_link));
        let mut stmt = self.conn.prepare_cached(
            "SELECT speaker, cue, stance, via_id, relayed_by, relay_cue FROM statements WHERE id = ?1",
        )?;
        let mut guard = 0;
        while let Some(id) = via {
            guard += 1;
            if guard > 16 {
                break;
            }
            type Outer = (
                String,
                Option<String>,
                String,
                Option<i64>,
                Option<String>,
                Option<String>,
            );
            let (speaker, cue, stance, next, relayed_by, relay_cue): Outer = match stmt
                .query_row([id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?))
                })
                .optional()?
            {
                Some(x) => x,
                None => break,
            };
            links.push(ChainLink { speaker, cue, stance });
            links.extend(relayed_by.map(|r| relay_link((r, relay_cue))));
            via = next;
        }
        links.reverse();
        Ok(links)
    }

    fn stats_row(r: &Row<'_>) -> rusqlite::Result<ClaimRow> {
        let mask: u32 = r.get(11)?;
        Ok(ClaimRow {
            id: r.get(0)?,
            text: r.get(1)?,
            first_seen: r.get(2)?,
            last_seen: r.get(3)?,
            articles: r.get::<_, i64>(4)? as u64,
            outlets: r.get::<_, i64>(5)? as u64,
            statements: r.get::<_, i64>(6)? as u64,
            assert: r.get::<_, i64>(7)? as u64,
            deny: r.get::<_, i64>(8)? as u64,
            speculate: r.get::<_, i64>(9)? as u64,
            question: r.get::<_, i64>(10)? as u64,
            evidence: mask != 0,
            evidence_kinds: EvidenceKind::names(mask),
        })
    }

    /// `claims --since D --sort articles --limit K` for a recent D: the
    /// statements since D are few, so one range scan of statements_published
    /// counts every claim's articles since D, and only the K claims shown
    /// are summarised in full. A document has one date, so its (claim,
    /// document) rows are adjacent in index order: counting changes of the
    /// pair counts documents.
    fn recent_claims_by_articles(&self, since: &str, limit: usize) -> Result<Vec<ClaimRow>> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        let mut scan = self.conn.prepare_cached(
            "SELECT claim_id, document_id FROM statements
             WHERE published >= ?1 AND claim_id IS NOT NULL ORDER BY published, claim_id, document_id",
        )?;
        let mut it = scan.query([since])?;
        let (mut prev_claim, mut prev_doc) = (String::new(), i64::MIN);
        while let Some(r) = it.next()? {
            let (claim, doc) = (r.get_ref(0)?.as_str()?, r.get::<_, i64>(1)?);
            if doc != prev_doc || claim != prev_claim {
                match counts.get_mut(claim) {
                    Some(c) => *c += 1,
                    None => {
                        counts.insert(claim.to_string(), 1);
                    }
                }
                prev_claim.clear();
                prev_claim.push_str(claim);
                prev_doc = doc;
            }
        }
        let mut by_count: Vec<(u64, String)> = counts.into_iter().map(|(c, n)| (n, c)).collect();
        by_count.sort_unstable_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
        // Ties on the count are broken by last_seen: read it for every
        // claim that could still make the page.
        let Some(floor) = by_count.get(limit.saturating_sub(1)).or(by_count.last()).map(|x| x.0) else {
            return Ok(Vec::new());
        };
        let mut out = Vec::new();
        for (n, id) in by_count.into_iter().take_while(|x| x.0 >= floor) {
            let Some(mut row) = self.stats_row_of(&id)? else {
                continue;
            };
            // last_seen does not change by dropping earlier statements.
            row.articles = n;
            out.push(row);
        }
        out.sort_by(by_articles);
        out.truncate(limit);
        let mut fixed = Vec::with_capacity(out.len());
        for row in out {
            fixed.extend(self.since_summary(row, since)?);
        }
        Ok(fixed)
    }

    /// `claims --since D --sort first --limit K`: statements_published in
    /// index order (date, then claim id) meets each claim first at its first
    /// sighting since D, in exactly the page's order, so the scan stops at
    /// the K-th claim; only those K are summarised.
    fn first_claims_since(&self, since: &str, limit: usize) -> Result<Vec<ClaimRow>> {
        let mut scan = self.conn.prepare_cached(
            "SELECT claim_id FROM statements WHERE published >= ?1 AND claim_id IS NOT NULL
             ORDER BY published, claim_id, document_id",
        )?;
        let mut it = scan.query([since])?;
        let mut seen: HashSet<String> = HashSet::new();
        let mut out = Vec::new();
        while out.len() < limit {
            let Some(r) = it.next()? else { break };
            let claim = r.get_ref(0)?.as_str()?;
            if seen.contains(claim) {
                continue;
            }
            seen.insert(claim.to_string());
            let Some(row) = self.stats_row_of(claim)? else {
                continue;
            };
            out.extend(self.since_summary(row, since)?);
        }
        Ok(out)
    }

    /// A claim's stored summary row.
    fn stats_row_of(&self, id: &str) -> Result<Option<ClaimRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {CLAIM_COLS} FROM claims c JOIN claim_stats st ON st.claim_id = c.id WHERE c.id = ?1"
            ))?
            .query_row([id], Self::stats_row)
            .optional()?)
    }

    /// A claim's summary over its statements since `since`: the stored row
    /// when the claim was first seen since then, else recomputed (`None`
    /// when nothing is left).
    fn since_summary(&self, row: ClaimRow, since: &str) -> Result<Option<ClaimRow>> {
        if row.first_seen.as_deref().is_some_and(|f| f >= since) {
            Ok(Some(row))
        } else {
            self.claim_since(&row.id, row.text, since)
        }
    }

    /// Whether at most a quarter of the documents are published on or after
    /// `since` (two index counts).
    fn recent(&self, since: &str) -> Result<bool> {
        let after: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE published >= ?1", [since], |r| {
                r.get(0)
            })?;
        let all: i64 = self
            .conn
            .query_row("SELECT count(*) FROM documents WHERE published IS NOT NULL", [], |r| {
                r.get(0)
            })?;
        Ok(after * 4 <= all)
    }

    /// How many articles carry a claim's statements published on or after
    /// `since`: one range scan of the covering index statements_claim. A
    /// document has one date, so its rows are adjacent in index order and
    /// counting changes of document counts documents.
    fn articles_since(&self, id: &str, since: &str) -> Result<u64> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT document_id FROM statements WHERE claim_id = ?1 AND published >= ?2
             ORDER BY published, document_id",
        )?;
        let mut q = stmt.query(params![id, since])?;
        let (mut n, mut prev) = (0u64, None);
        while let Some(r) = q.next()? {
            let doc: i64 = r.get(0)?;
            if prev != Some(doc) {
                n += 1;
                prev = Some(doc);
            }
        }
        Ok(n)
    }

    /// A claim's summary over its statements published on or after `since`:
    /// one range scan of the covering index statements_claim, aggregated
    /// here (cheaper than SQLite's temp b-trees for count(DISTINCT)).
    fn claim_since(&self, id: &str, text: String, since: &str) -> Result<Option<ClaimRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT published, document_id, outlet_id, stance, speaker_actor, speaker, evidence
             FROM statements WHERE claim_id = ?1 AND published >= ?2",
        )?;
        let mut q = stmt.query(params![id, since])?;
        let (mut first, mut last): (Option<String>, Option<String>) = (None, None);
        let mut docs = HashSet::new();
        let mut outlets = HashSet::new();
        let mut sources: [HashSet<String>; 4] = Default::default();
        let (mut n, mut mask) = (0u64, 0u32);
        // Rows are read in place: a key string is built in one buffer and
        // copied only when it is new (big claims have many thousand rows).
        let mut key = String::new();
        while let Some(r) = q.next()? {
            let published = r.get_ref(0)?.as_str()?;
            if first.as_deref().is_none_or(|f| published < f) {
                first = Some(published.to_string());
            }
            if last.as_deref().is_none_or(|l| published > l) {
                last = Some(published.to_string());
            }
            docs.insert(r.get::<_, i64>(1)?);
            if let Some(o) = r.get::<_, Option<i64>>(2)? {
                outlets.insert(o);
            }
            let stance = match r.get_ref(3)?.as_str()? {
                "assert" => 0,
                "deny" => 1,
                "speculate" => 2,
                _ => 3,
            };
            key.clear();
            match r.get_ref(4)?.as_str_or_null()? {
                Some(a) => {
                    key.push_str("a:");
                    key.push_str(a);
                }
                None => {
                    key.push_str("n:");
                    let sp = r.get_ref(5)?.as_str()?;
                    if sp.is_ascii() {
                        key.extend(sp.bytes().map(|b| b.to_ascii_lowercase() as char));
                    } else {
                        key.push_str(&sp.to_lowercase());
                    }
                }
            }
            if !sources[stance].contains(key.as_str()) {
                sources[stance].insert(key.clone());
            }
            mask |= r.get::<_, u32>(6)?;
            n += 1;
        }
        if n == 0 {
            return Ok(None);
        }
        Ok(Some(ClaimRow {
            id: id.to_string(),
            text,
            first_seen: first,
            last_seen: last,
            articles: docs.len() as u64,
            outlets: outlets.len() as u64,
            statements: n,
            assert: sources[0].len() as u64,
            deny: sources[1].len() as u64,
            speculate: sources[2].len() as u64,
            question: sources[3].len() as u64,
            evidence: mask != 0,
            evidence_kinds: EvidenceKind::names(mask),
        }))
    }
}

/// The `--sort articles` order: articles, then most recent, then id.
fn by_articles(a: &ClaimRow, b: &ClaimRow) -> std::cmp::Ordering {
    b.articles
        .cmp(&a.articles)
        .then_with(|| b.last_seen.cmp(&a.last_seen))
        .then_with(|| a.id.cmp(&b.id))
}

/// The change of each claim's summary over a batch, in the order the
/// batch's documents first named the claims.
#[derive(Default)]
struct BatchStats {
    claims: Vec<(String, StatsDelta)>,
    index: HashMap<String, usize>,
}

impl BatchStats {
    fn entry(&mut self, claim: &str) -> &mut StatsDelta {
        let i = match self.index.get(claim) {
            Some(&i) => i,
            None => {
                self.index.insert(claim.to_string(), self.claims.len());
                self.claims.push((claim.to_string(), StatsDelta::default()));
                self.claims.len() - 1
            }
        };
        &mut self.claims[i].1
    }
}

/// Sums over documents of what one document adds to a claim's summary;
/// `first` / `last`: the least and greatest publication dates given.
#[derive(Default)]
struct StatsDelta {
    first: Option<String>,
    last: Option<String>,
    articles: i64,
    outlets: i64,
    statements: i64,
    n: [i64; 4],
    evidence: u32,
}

#[derive(Default)]
struct ClaimDelta {
    statements: i64,
    evidence: u32,
    sources: Vec<(&'static str, String)>,
}

fn source_key(actor: Option<&str>, speaker: &str) -> String {
    match actor {
        Some(a) => format!("a:{a}"),
        None => format!("n:{}", speaker.to_lowercase()),
    }
}

/// The text evidence is looked for in: the attribution (speaker, cue and
/// content, "according to satellite images, …") plus the speaker name.
fn attribution_text(doc: &Doc, content: Span, cue: Option<Span>, mention: Option<Span>, speaker: &str) -> String {
    let mut start = content.start;
    let mut end = content.end;
    for s in [cue, mention].into_iter().flatten() {
        // Only when near the content (same attribution), never across the doc.
        if s.end + 200 >= start && s.start <= end + 200 {
            start = start.min(s.start);
            end = end.max(s.end);
        }
    }
    // "…, citing intelligence reports.": what the speaker cites after the
    // content, to the sentence's end.
    let text = doc.text();
    let after = &text[end as usize..];
    let trimmed = after.trim_start_matches(['"', '”', '’', '\'']);
    if let Some(rest) = trimmed
        .strip_prefix(", citing ")
        .or_else(|| trimmed.strip_prefix(", quoting "))
    {
        let skipped = after.len() - rest.len();
        let clause = rest.find(['.', ';', '\n']).unwrap_or(rest.len()).min(200);
        let mut stop = end as usize + skipped + clause;
        while !text.is_char_boundary(stop) {
            stop -= 1;
        }
        end = stop as u32;
    }
    format!("{speaker}: {}", doc.slice(Span { start, end }))
}

const CLAIM_COLS: &str = "c.id, c.text, st.first_seen, st.last_seen, st.articles, st.outlets, st.statements,
     st.n_assert, st.n_deny, st.n_speculate, st.n_question, st.evidence";

fn statement_row(r: &Row<'_>) -> rusqlite::Result<StatementRow> {
    let hedges: String = r.get(12)?;
    let mask: u32 = r.get(16)?;
    Ok(StatementRow {
        statement_id: r.get(0)?,
        document: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        date: r.get(4)?,
        outlet: r.get(5)?,
        speaker: r.get(6)?,
        speaker_type: r.get(7)?,
        speaker_actor: r.get(8)?,
        kind: r.get(9)?,
        cue: r.get(10)?,
        stance: r.get(11)?,
        hedges: serde_json::from_str(&hedges).unwrap_or_default(),
        content: r.get(13)?,
        claim_id: r.get(14)?,
        claim_text: r.get(15)?,
        evidence: EvidenceKind::names(mask),
        chain: Vec::new(),
        relayed_by: None,
    })
}

/// User text to an FTS5 query: each word quoted (no query syntax leaks
/// through), joined with `op`.
fn fts_query(text: &str, op: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '-')
        .map(|w| w.trim_matches(|c| c == '\'' || c == '-'))
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{}\"", w.replace('"', "")))
        .collect();
    (!words.is_empty()).then(|| words.join(op))
}

/// The WHERE clause (over events `e` and documents `d`) and its arguments
/// for an [`EventQuery`]'s filters.
fn event_filter(q: &EventQuery) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut args: Vec<Value> = Vec::new();
    let mut arg = |v: String| {
        args.push(Value::Text(v));
        format!("?{}", args.len())
    };
    let mut clauses: Vec<String> = Vec::new();
    if let Some(name) = q.actor.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        let exact = arg(name.to_string());
        // A word of the name starts with it: hyphens split words
        // ("Israel-Azerbaijan"); LIKE folds ASCII case.
        let words = name.replace('-', " ");
        let escaped = words.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        let pat = arg(format!("% {escaped}%"));
        let ids = format!(
            "SELECT id FROM actors WHERE id = {exact} OR name = {exact} COLLATE NOCASE
             UNION SELECT actor_id FROM actor_aliases WHERE alias = {exact} COLLATE NOCASE"
        );
        let names = format!(
            "SELECT name FROM actors WHERE id IN ({ids}) UNION SELECT alias FROM actor_aliases WHERE actor_id IN ({ids})"
        );
        clauses.push(format!(
            "((' ' || replace(e.actor, '-', ' ')) LIKE {pat} ESCAPE '\\'
              OR (' ' || replace(e.target, '-', ' ')) LIKE {pat} ESCAPE '\\'
              OR e.actor COLLATE NOCASE IN ({names}) OR e.target COLLATE NOCASE IN ({names})
              OR EXISTS (SELECT 1 FROM entities en WHERE en.document_id = e.document_id
                         AND en.name IN (e.actor, e.target) AND en.actor_id IN ({ids})))"
        ));
    }
    if let Some(code) = &q.code {
        let c = arg(format!("{code}%"));
        clauses.push(format!("e.code LIKE {c}"));
    }
    // The event's date, else its document's, at the bound's precision.
    const WHEN: &str = "coalesce(e.date, d.published)";
    if let Some(since) = &q.since {
        let a = arg(since.clone());
        clauses.push(format!("substr({WHEN}, 1, length({a})) >= {a}"));
    }
    if let Some(until) = &q.until {
        let a = arg(until.clone());
        clauses.push(format!("substr({WHEN}, 1, length({a})) <= {a}"));
    }
    if let Some(doc) = &q.document {
        let a = arg(doc.clone());
        clauses.push(format!("d.doc_id = {a}"));
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!("WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

/// The actor an event's actor or target name resolved to: its document's
/// entity of that name.
fn event_actor_sql(col: &str) -> String {
    format!(
        "(SELECT en.actor_id FROM entities en WHERE en.document_id = e.document_id AND en.name = {col}
          AND en.actor_id IS NOT NULL ORDER BY en.idx LIMIT 1)"
    )
}

impl Store for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn schema_version(&self) -> Result<u32> {
        self.current_version()
    }

    fn has_document(&self, content_hash: &str) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?;
        Ok(stmt.exists([content_hash])?)
    }

    fn insert_documents(&mut self, ws: &[DocWrite<'_>]) -> Result<Vec<Inserted>> {
        let SqliteStore { conn, known } = self;
        let mut added = Known::default();
        let tx = rusqlite::Transaction::new(conn, rusqlite::TransactionBehavior::Immediate)?;
        let mut out = Vec::with_capacity(ws.len());
        let mut fts = (i64::MAX, i64::MIN);
        let mut stats = BatchStats::default();
        for w in ws {
            let exists = tx
                .prepare_cached("SELECT 1 FROM documents WHERE content_hash = ?1")?
                .exists([&w.content_hash])?;
            if exists {
                out.push(Inserted::Duplicate);
                continue;
            }
            let n = Self::write_doc(&tx, known, &mut added, w, &mut fts, &mut stats)
                .with_context(|| format!("storing {}", w.doc.meta.source))?;
            out.push(Inserted::New { statements: n });
        }
        Self::write_claim_stats(&tx, &stats)?;
        // The batch's statements enter the full-text index in one statement:
        // FTS5 flushes its pending terms to a new segment at every statement
        // that writes to it, so one per document made a segment, and merge
        // work, per document. The rowids are this transaction's (it holds
        // the write lock from its start), so the range holds no other row.
        if fts.0 <= fts.1 {
            tx.prepare_cached(
                "INSERT INTO statements_fts(rowid, content, speaker)
                 SELECT id, content, speaker FROM statements WHERE id BETWEEN ?1 AND ?2",
            )?
            .execute(params![fts.0, fts.1])?;
        }
        tx.commit()?;
        // Only what is committed is known.
        known.claims.extend(added.claims);
        known.actors.extend(added.actors);
        Ok(out)
    }

    fn claim_states(&self) -> Result<Vec<ClaimState>> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, text, members, state, counter_of, counter_side FROM claims ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            let (of, side): (Option<String>, Option<String>) = (r.get(4)?, r.get(5)?);
            Ok(ClaimState {
                id: r.get(0)?,
                text: r.get(1)?,
                members: r.get(2)?,
                state: r.get(3)?,
                counter_of: of.zip(side),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn actor_states(&self) -> Result<Vec<ActorState>> {
        let mut aliases: HashMap<String, Vec<String>> = HashMap::new();
        {
            let mut stmt = self
                .conn
                .prepare("SELECT actor_id, alias FROM actor_aliases ORDER BY actor_id, ord")?;
            let mut q = stmt.query([])?;
            while let Some(r) = q.next()? {
                aliases.entry(r.get(0)?).or_default().push(r.get(1)?);
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, etype, speaker_type, record FROM actors ORDER BY rowid")?;
        let rows = stmt.query_map([], |r| {
            let id: String = r.get(0)?;
            Ok(ActorState {
                aliases: aliases.remove(&id).unwrap_or_default(),
                id,
                name: r.get(1)?,
                etype: r.get(2)?,
                speaker_type: r.get(3)?,
                record: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn counts(&self) -> Result<Counts> {
        let n = |t: &str| -> Result<u64> {
            Ok(self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get::<_, i64>(0))? as u64)
        };
        Ok(Counts {
            documents: n("documents")?,
            statements: n("statements")?,
            claims: n("claims")?,
            actors: n("actors")?,
            entities: n("entities")?,
            events: n("events")?,
            outlets: n("outlets")?,
            evidence: n("evidence")?,
        })
    }

    fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
        let mut fk = self.conn.prepare("PRAGMA foreign_key_check")?;
        let broken = fk.query_map([], |r| r.get::<_, String>(0))?.count();
        let mut out = lines.join("\n");
        if broken > 0 {
            out = format!("{out}\n{broken} foreign key violations");
        }
        Ok(out)
    }

    fn claims(&self, q: &ClaimQuery) -> Result<Vec<ClaimRow>> {
        let limit = q.limit.map_or(-1, |l| l as i64);
        // Each order is an index order (claim_stats_first / _last /
        // _articles), so a page of rows costs a short index walk.
        let order = match q.sort {
            ClaimSort::First => "st.first_seen, st.claim_id",
            ClaimSort::Last => "st.last_seen DESC, st.claim_id",
            ClaimSort::Articles => "st.articles DESC, st.last_seen DESC, st.claim_id",
        };
        let Some(since) = q.since.as_deref() else {
            let filter = if q.sort == ClaimSort::First {
                "WHERE st.first_seen IS NOT NULL"
            } else {
                ""
            };
            let sql = format!(
                "SELECT {CLAIM_COLS} FROM claim_stats st JOIN claims c ON c.id = st.claim_id {filter}
                 ORDER BY {order} LIMIT ?1"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let mut rows: Vec<ClaimRow> = stmt
                .query_map([limit], Self::stats_row)?
                .collect::<rusqlite::Result<_>>()?;
            if q.sort == ClaimSort::First && q.limit.is_none_or(|l| rows.len() < l) {
                // Undated claims last.
                let sql = format!(
                    "SELECT {CLAIM_COLS} FROM claim_stats st JOIN claims c ON c.id = st.claim_id
                     WHERE st.first_seen IS NULL ORDER BY st.claim_id LIMIT ?1"
                );
                let left = q.limit.map_or(-1, |l| (l - rows.len()) as i64);
                let mut stmt = self.conn.prepare_cached(&sql)?;
                rows.extend(
                    stmt.query_map([left], Self::stats_row)?
                        .collect::<rusqlite::Result<Vec<_>>>()?,
                );
            }
            return Ok(rows);
        };
        if !valid_date(since) {
            bail!("--since wants YYYY, YYYY-MM or YYYY-MM-DD, not {since:?}");
        }
        if q.sort == ClaimSort::Articles {
            if let Some(limit) = q.limit {
                if self.recent(since)? {
                    return self.recent_claims_by_articles(since, limit);
                }
            }
        }
        if q.sort == ClaimSort::First {
            if let Some(limit) = q.limit {
                return self.first_claims_since(since, limit);
            }
        }
        // Claims seen only since then: their stored summary is exact. Claims
        // that straddle the date are recomputed over their later statements.
        let fix = |row: ClaimRow| self.since_summary(row, since);
        if q.sort == ClaimSort::Last {
            // last_seen does not change by dropping earlier statements, so
            // the first `limit` rows in last_seen order are the answer.
            let sql = format!(
                "SELECT {CLAIM_COLS} FROM claim_stats st JOIN claims c ON c.id = st.claim_id
                 WHERE st.last_seen >= ?1 ORDER BY {order} LIMIT ?2"
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            let rows: Vec<ClaimRow> = stmt
                .query_map(params![since, limit], Self::stats_row)?
                .collect::<rusqlite::Result<_>>()?;
            let mut out = Vec::with_capacity(rows.len());
            for r in rows {
                out.extend(fix(r)?);
            }
            return Ok(out);
        }
        if q.sort == ClaimSort::Articles {
            // A claim's all-time article count bounds its count since the
            // date, so walking claims in all-time order (the
            // claim_stats_articles index, read as it goes) can stop once
            // the bound falls below the last row kept.
            let limit = q.limit.unwrap_or(usize::MAX);
            let mut walk = self.conn.prepare_cached(&format!(
                "SELECT {CLAIM_COLS} FROM claim_stats st JOIN claims c ON c.id = st.claim_id
                 WHERE st.last_seen >= ?1 ORDER BY st.articles DESC, st.last_seen DESC, st.claim_id"
            ))?;
            let mut it = walk.query([since])?;
            let mut out: Vec<ClaimRow> = Vec::new();
            while let Some(r) = it.next()? {
                let mut r = Self::stats_row(r)?;
                if out.len() >= limit && out.last().is_some_and(|nth| r.articles < nth.articles) {
                    break;
                }
                // Ranked by the article count since the date alone (and
                // last_seen, which dropping earlier statements keeps); only
                // the rows kept are summarised in full, below.
                if r.first_seen.as_deref().is_none_or(|f| f < since) {
                    r.articles = self.articles_since(&r.id, since)?;
                    if r.articles == 0 {
                        continue;
                    }
                }
                let at = out.partition_point(|o| by_articles(o, &r) != std::cmp::Ordering::Greater);
                out.insert(at, r);
                out.truncate(limit);
            }
            let mut fixed = Vec::with_capacity(out.len());
            for row in out {
                fixed.extend(fix(row)?);
            }
            return Ok(fixed);
        }
        let sql = format!(
            "SELECT {CLAIM_COLS} FROM claim_stats st JOIN claims c ON c.id = st.claim_id WHERE st.last_seen >= ?1"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows: Vec<ClaimRow> = stmt
            .query_map([since], Self::stats_row)?
            .collect::<rusqlite::Result<_>>()?;
        // First, without a limit (Last and Articles returned above).
        // A straddling claim's first sighting since the date is one index
        // seek; only the rows shown are recomputed in full.
        let mut seek = self
            .conn
            .prepare_cached("SELECT min(published) FROM statements WHERE claim_id = ?1 AND published >= ?2")?;
        let mut keyed = Vec::with_capacity(rows.len());
        for r in rows {
            let first = if r.first_seen.as_deref().is_some_and(|f| f >= since) {
                r.first_seen.clone()
            } else {
                seek.query_row(params![r.id, since], |x| x.get::<_, Option<String>>(0))?
            };
            if first.is_some() {
                keyed.push((first, r));
            }
        }
        keyed.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.id.cmp(&b.1.id)));
        let mut out = Vec::new();
        for (_, r) in keyed.into_iter().take(q.limit.unwrap_or(usize::MAX)) {
            out.extend(fix(r)?);
        }
        Ok(out)
    }

    fn claim_timeline(&self, id: &str) -> Result<Option<ClaimTimeline>> {
        let Some(claim) = self.stats_row_of(id)? else {
            return Ok(None);
        };
        let statements = self.statement_rows(
            "WHERE s.claim_id = ?1 ORDER BY s.published IS NULL, s.published, d.id, s.idx",
            &[&id],
        )?;
        let link = |r: &rusqlite::Row<'_>| -> rusqlite::Result<CounterLink> {
            Ok(CounterLink {
                id: r.get(0)?,
                text: r.get(1)?,
                side: r.get(2)?,
            })
        };
        let counter_of = self
            .conn
            .prepare_cached(
                "SELECT p.id, p.text, c.counter_side FROM claims c JOIN claims p ON p.id = c.counter_of
                 WHERE c.id = ?1",
            )?
            .query_row([id], link)
            .optional()?;
        let counter_claims = self
            .conn
            .prepare_cached(
                "SELECT id, text, counter_side FROM claims WHERE counter_of = ?1 ORDER BY counter_side, id",
            )?
            .query_map([id], link)?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(ClaimTimeline {
            claim,
            statements,
            counter_of,
            counter_claims,
        }))
    }

    fn who(&self, name: &str, limit: Option<usize>) -> Result<WhoResult> {
        let name = name.trim();
        let mut ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT id FROM actors WHERE name = ?1 COLLATE NOCASE
                 UNION SELECT actor_id FROM actor_aliases WHERE alias = ?1 COLLATE NOCASE",
            )?
            .query_map([name], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        if ids.is_empty() {
            let like = format!(
                "%{}%",
                name.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_")
            );
            ids = self
                .conn
                .prepare_cached(
                    "SELECT id FROM actors WHERE name LIKE ?1 ESCAPE '\\'
                     UNION SELECT actor_id FROM actor_aliases WHERE alias LIKE ?1 ESCAPE '\\'",
                )?
                .query_map([like], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
        ids.sort();
        let mut actors = Vec::new();
        for id in &ids {
            actors.extend(self.actor_row(id)?);
        }
        // Statements by those actors, and by unresolved speakers of that name.
        let placeholders = (0..ids.len())
            .map(|i| format!("?{}", i + 3))
            .collect::<Vec<_>>()
            .join(", ");
        let actor_clause = if ids.is_empty() {
            String::new()
        } else {
            format!(" OR s.speaker_actor IN ({placeholders})")
        };
        let where_order = format!(
            "WHERE (s.speaker = ?1 COLLATE NOCASE{actor_clause})
             ORDER BY s.published IS NULL, s.published, d.id, s.idx LIMIT ?2"
        );
        let limit = limit.map_or(-1, |l| l as i64);
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&name, &limit];
        for id in &ids {
            args.push(id);
        }
        let statements = self.statement_rows(&where_order, &args)?;
        // What the name passed on from others ("TASS, citing a source, …").
        let mut names: Vec<String> = vec![name.to_string()];
        for a in &actors {
            names.push(a.name.clone());
            names.extend(a.aliases.iter().cloned());
        }
        names.sort_by_key(|n| n.to_lowercase());
        names.dedup_by(|a, b| a.eq_ignore_ascii_case(b));
        let placeholders = (0..names.len())
            .map(|i| format!("?{}", i + 2))
            .collect::<Vec<_>>()
            .join(", ");
        let where_order = format!(
            "WHERE s.relayed_by IS NOT NULL AND s.relayed_by COLLATE NOCASE IN ({placeholders})
             ORDER BY s.published IS NULL, s.published, d.id, s.idx LIMIT ?1"
        );
        let mut args: Vec<&dyn rusqlite::ToSql> = vec![&limit];
        for n in &names {
            args.push(n);
        }
        let relayed = self.statement_rows(&where_order, &args)?;
        Ok(WhoResult {
            actors,
            statements,
            relayed,
        })
    }

    fn search(&self, text: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut hits = Vec::new();
        for op in [" AND ", " OR "] {
            let Some(query) = fts_query(text, op) else {
                return Ok(hits);
            };
            let mut stmt = self.conn.prepare_cached(
                "SELECT f.rowid, bm25(statements_fts, 4.0, 1.0), snippet(statements_fts, 0, '[', ']', '…', 16)
                 FROM statements_fts f WHERE statements_fts MATCH ?1 ORDER BY bm25(statements_fts, 4.0, 1.0) LIMIT ?2",
            )?;
            let found: Vec<(i64, f64, String)> = stmt
                .query_map(params![query, limit as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                .collect::<rusqlite::Result<_>>()?;
            for (id, rank, snippet) in found {
                if let Some(statement) = self.statement_rows("WHERE s.id = ?1", &[&id])?.pop() {
                    hits.push(SearchHit {
                        score: -rank,
                        snippet,
                        statement,
                    });
                }
            }
            if !hits.is_empty() || !text.contains(char::is_whitespace) {
                break;
            }
        }
        Ok(hits)
    }

    fn events(&self, q: &EventQuery) -> Result<EventPage> {
        q.check()?;
        let (filter, mut args) = event_filter(q);
        let from = "FROM events e JOIN documents d ON d.id = e.document_id";
        let total: i64 = self
            .conn
            .prepare_cached(&format!("SELECT count(*) {from} {filter}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let limit = q.limit.map_or(-1, |l| l.min(i64::MAX as usize) as i64);
        args.push(rusqlite::types::Value::Integer(limit));
        let limit_arg = args.len();
        args.push(rusqlite::types::Value::Integer(q.offset.min(i64::MAX as usize) as i64));
        let offset_arg = args.len();
        let sql = format!(
            "SELECT e.id, d.doc_id, d.source, d.title, d.published, o.name,
                    e.actor, {}, e.action, e.target, {}, e.code, e.date, e.places, e.start_char, e.end_char,
                    substr(d.text, e.start_char + 1, e.end_char - e.start_char),
                    s.id, s.idx, s.speaker, s.speaker_actor, s.stance, s.cue
             {from}
             LEFT JOIN outlets o ON o.id = d.outlet_id
             LEFT JOIN statements s ON s.document_id = e.document_id AND s.idx = e.statement_idx
             {filter}
             ORDER BY coalesce(e.date, d.published) IS NULL, coalesce(e.date, d.published) DESC, d.id DESC,
                      e.start_char, e.id
             LIMIT ?{limit_arg} OFFSET ?{offset_arg}",
            event_actor_sql("e.actor"),
            event_actor_sql("e.target"),
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let items = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let places: String = r.get(13)?;
                let statement_id: Option<i64> = r.get(17)?;
                let alleged_by = match statement_id {
                    Some(statement_id) => Some(EventReport {
                        statement_id,
                        index: r.get(18)?,
                        speaker: r.get(19)?,
                        speaker_actor: r.get(20)?,
                        stance: r.get(21)?,
                        cue: r.get(22)?,
                    }),
                    None => None,
                };
                Ok(EventHit {
                    event_id: r.get(0)?,
                    document: r.get(1)?,
                    source: r.get(2)?,
                    title: r.get(3)?,
                    published: r.get(4)?,
                    outlet: r.get(5)?,
                    actor: r.get(6)?,
                    actor_id: r.get(7)?,
                    action: r.get(8)?,
                    target: r.get(9)?,
                    target_id: r.get(10)?,
                    code: r.get(11)?,
                    date: r.get(12)?,
                    places: serde_json::from_str(&places).unwrap_or_default(),
                    start: r.get(14)?,
                    end: r.get(15)?,
                    text: r.get::<_, Option<String>>(16)?.unwrap_or_default(),
                    alleged_by,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(EventPage {
            total: total as u64,
            items,
        })
    }

    fn scan_documents(&self, with_text: bool, f: Visit<'_, DocumentRow>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_id, d.content_hash, d.source, d.title, d.published, o.name, d.language, d.ingested_at,
                    (SELECT count(*) FROM statements s WHERE s.document_id = d.id),
                    CASE WHEN ?1 THEN d.text END
             FROM documents d LEFT JOIN outlets o ON o.id = d.outlet_id ORDER BY d.id",
        )?;
        let mut q = stmt.query([with_text])?;
        while let Some(r) = q.next()? {
            f(DocumentRow {
                id: r.get(0)?,
                content_hash: r.get(1)?,
                source: r.get(2)?,
                title: r.get(3)?,
                published: r.get(4)?,
                outlet: r.get(5)?,
                language: r.get(6)?,
                ingested_at: r.get(7)?,
                statements: r.get::<_, i64>(8)? as u64,
                text: r.get(9)?,
            })?;
        }
        Ok(())
    }

    fn scan_statements(&self, f: Visit<'_, ExportStatement>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT s.id, d.doc_id, s.idx, s.start_char, s.end_char, s.published, o.name, s.content, s.kind, s.speaker,
                    s.speaker_type, s.speaker_actor, s.cue, s.stance, s.hedges, s.about, s.via, s.claim_id, s.evidence,
                    s.relayed_by
             FROM statements s JOIN documents d ON d.id = s.document_id LEFT JOIN outlets o ON o.id = s.outlet_id
             ORDER BY s.id",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let hedges: String = r.get(14)?;
            let about: String = r.get(15)?;
            f(ExportStatement {
                id: r.get(0)?,
                document: r.get(1)?,
                index: r.get(2)?,
                start: r.get(3)?,
                end: r.get(4)?,
                date: r.get(5)?,
                outlet: r.get(6)?,
                content: r.get(7)?,
                kind: r.get(8)?,
                speaker: r.get(9)?,
                speaker_type: r.get(10)?,
                speaker_actor: r.get(11)?,
                cue: r.get(12)?,
                stance: r.get(13)?,
                hedges: serde_json::from_str(&hedges).unwrap_or_default(),
                about: serde_json::from_str(&about).unwrap_or_default(),
                via: r.get(16)?,
                claim_id: r.get(17)?,
                evidence: EvidenceKind::names(r.get(18)?),
                relayed_by: r.get(19)?,
            })?;
        }
        Ok(())
    }

    fn scan_actors(&self, f: Visit<'_, ActorRow>) -> Result<()> {
        let ids: Vec<String> = self
            .conn
            .prepare("SELECT id FROM actors ORDER BY id")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for id in ids {
            if let Some(a) = self.actor_row(&id)? {
                f(a)?;
            }
        }
        Ok(())
    }

    fn scan_outlets(&self, f: Visit<'_, OutletRow>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT o.name, o.domain, (SELECT count(*) FROM documents d WHERE d.outlet_id = o.id) FROM outlets o ORDER BY o.name",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            f(OutletRow {
                name: r.get(0)?,
                domain: r.get(1)?,
                documents: r.get::<_, i64>(2)? as u64,
            })?;
        }
        Ok(())
    }

    fn scan_entities(&self, f: Visit<'_, EntityRow>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT e.id, d.doc_id, e.idx, e.name, e.etype, e.role, e.affiliation, e.speaker_type, e.actor_id
             FROM entities e JOIN documents d ON d.id = e.document_id ORDER BY e.id",
        )?;
        let mut men = self
            .conn
            .prepare_cached("SELECT start_char, end_char FROM mentions WHERE entity_id = ?1 ORDER BY rowid")?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let id: i64 = r.get(0)?;
            let mentions = men
                .query_map([id], |m| Ok([m.get(0)?, m.get(1)?]))?
                .collect::<rusqlite::Result<_>>()?;
            f(EntityRow {
                document: r.get(1)?,
                index: r.get(2)?,
                name: r.get(3)?,
                etype: r.get(4)?,
                role: r.get(5)?,
                affiliation: r.get(6)?,
                speaker_type: r.get(7)?,
                actor_id: r.get(8)?,
                mentions,
            })?;
        }
        Ok(())
    }

    fn scan_events(&self, f: Visit<'_, EventRow>) -> Result<()> {
        let mut stmt = self.conn.prepare(
            "SELECT d.doc_id, e.actor, e.action, e.target, e.code, e.date, e.places, e.start_char, e.end_char,
                    e.statement_idx
             FROM events e JOIN documents d ON d.id = e.document_id ORDER BY e.id",
        )?;
        let mut q = stmt.query([])?;
        while let Some(r) = q.next()? {
            let places: String = r.get(6)?;
            f(EventRow {
                document: r.get(0)?,
                actor: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                code: r.get(4)?,
                date: r.get(5)?,
                places: serde_json::from_str(&places).unwrap_or_default(),
                start: r.get(7)?,
                end: r.get(8)?,
                statement: r.get(9)?,
            })?;
        }
        Ok(())
    }
}

impl SqliteStore {
    fn actor_row(&self, id: &str) -> Result<Option<ActorRow>> {
        let base = self
            .conn
            .prepare_cached("SELECT id, name, etype, speaker_type FROM actors WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .optional()?;
        let Some((id, name, etype, speaker_type)) = base else {
            return Ok(None);
        };
        let id: String = id;
        let aliases = self
            .conn
            .prepare_cached("SELECT alias FROM actor_aliases WHERE actor_id = ?1 ORDER BY ord")?
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let roles = self
            .conn
            .prepare_cached("SELECT role, first_seen, last_seen, documents FROM actor_roles WHERE actor_id = ?1 ORDER BY first_seen, role")?
            .query_map([&id], |r| {
                Ok(RoleRow { role: r.get(0)?, first_seen: r.get(1)?, last_seen: r.get(2)?, documents: r.get::<_, i64>(3)? as u64 })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let statements = self
            .conn
            .prepare_cached("SELECT count(*) FROM statements WHERE speaker_actor = ?1")?
            .query_row([&id], |r| r.get::<_, i64>(0))? as u64;
        Ok(Some(ActorRow {
            id,
            name,
            etype,
            speaker_type,
            aliases,
            roles,
            statements,
        }))
    }
}

#[cfg(test)]
mod tests;
