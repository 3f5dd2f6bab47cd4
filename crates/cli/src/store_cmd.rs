//! The store commands: `ingest` (read → analyse in parallel → link → one
//! transaction per document), the queries `claims`, `claim`, `who`,
//! `search`, `events`, `export`, and `bench store`.

use std::collections::HashSet;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use anyhow::{bail, Context, Result};
use claimgraph_doc::Doc;
use claimgraph_ingest::{IngestError, RawDoc};
use claimgraph_store::{
    export, ActorState, ClaimQuery, ClaimRow, ClaimSort, ClaimState, DocWrite, EventHit, EventQuery, Inserted,
    StatementRow, Store,
};
use rayon::prelude::*;

const DEFAULT_DB: &str = "claimgraph.db";
/// Where `claimgraph models install` puts all-MiniLM-L6-v2.
const DEFAULT_EMBEDDINGS: &str = "models/minilm";

#[derive(clap::Args, Debug)]
pub struct IngestArgs {
    /// The store (created if missing).
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Analysis threads (default: all cores).
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Refuse documents larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "10M", value_parser = parse_size)]
    pub max_doc_size: u64,
    /// all-MiniLM-L6-v2 files for claim linking (`claimgraph models
    /// install`); used when present, else linking is lexical/structural.
    #[arg(long, default_value = DEFAULT_EMBEDDINGS)]
    pub embeddings: PathBuf,
    /// Documents analysed and committed together. Each document is always
    /// stored completely or not at all; 1 commits every document on its own
    /// (slower: every commit rewrites the index pages it touched).
    #[arg(long, default_value_t = BATCH, value_parser = clap::value_parser!(u64).range(1..=10_000))]
    pub batch: u64,
    /// Files, directories or `-` for stdin.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug, Default)]
pub enum SortArg {
    First,
    #[default]
    Last,
    Articles,
}

#[derive(clap::Args, Debug)]
pub struct ClaimsArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Only statements in documents published on or after this date
    /// (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long)]
    pub since: Option<String>,
    /// At most this many claims (0: all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    #[arg(long, value_enum, default_value_t = SortArg::Last)]
    pub sort: SortArg,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ClaimArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Claim id (from `claimgraph claims`).
    pub id: String,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct WhoArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// A source's name or alias ("Peskov", "Kremlin spokesman").
    #[arg(required = true)]
    pub name: Vec<String>,
    /// At most this many statements (0: all).
    #[arg(long, default_value_t = 200)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct SearchArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Words to look for in statements and speakers.
    #[arg(required = true)]
    pub text: Vec<String>,
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct EventsArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// Actor or target: a word of its name starts with this ("Peskov",
    /// "russia"), or it is a name the source of that name, alias or id goes
    /// by ("Kremlin" finds what Russia did and had done to it).
    #[arg(long, value_name = "NAME")]
    pub actor: Option<String>,
    /// CAMEO code or prefix: 19 fight, 18 assault, 17 coerce, 14 protest,
    /// 07 provide aid, 04 consult.
    #[arg(long, value_name = "PREFIX")]
    pub code: Option<String>,
    /// On or after this date (YYYY, YYYY-MM or YYYY-MM-DD): the event's
    /// date, else its article's publication date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// On or before this date, as --since.
    #[arg(long, value_name = "DATE")]
    pub until: Option<String>,
    /// Only this article's events (its id).
    #[arg(long, value_name = "ID")]
    pub doc: Option<String>,
    /// At most this many events (0: all).
    #[arg(long, default_value_t = 50)]
    pub limit: usize,
    /// Print a JSON array.
    #[arg(long)]
    pub json: bool,
}

#[derive(clap::Args, Debug)]
pub struct ExportArgs {
    #[arg(long, default_value = DEFAULT_DB)]
    pub db: PathBuf,
    /// csv (a folder of tables), json, graphml, claimreview (JSON-LD) or ftm
    /// (FollowTheMoney JSON Lines).
    #[arg(long)]
    pub format: export::Format,
    /// Folder (csv, default `export/`) or file (others, default stdout).
    #[arg(long)]
    pub out: Option<PathBuf>,
}

#[derive(clap::Args, Debug)]
pub struct BenchStoreArgs {
    /// Articles for the ingest benchmark.
    #[arg(long, default_value_t = 5000)]
    pub articles: usize,
    /// Statements for the query benchmark.
    #[arg(long, default_value_t = 1_000_000)]
    pub statements: usize,
    /// Runs per query shape.
    #[arg(long, default_value_t = 200)]
    pub queries: usize,
    /// Analysis threads for the ingest benchmark.
    #[arg(short = 'j', long)]
    pub jobs: Option<usize>,
    /// Work folder (default: a temporary folder, removed afterwards).
    #[arg(long)]
    pub dir: Option<PathBuf>,
    /// all-MiniLM-L6-v2 files for claim linking, used when present.
    #[arg(long, default_value = DEFAULT_EMBEDDINGS)]
    pub embeddings: PathBuf,
    /// Articles to repeat (default ../shared/gold/dev from the current
    /// directory or from the source tree, else examples/text).
    #[arg(long)]
    pub corpus: Option<PathBuf>,
}

pub fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: u64 = num
        .trim()
        .parse()
        .map_err(|_| format!("not a size: {s:?} (try 10M, 500K or 2000000)"))?;
    n.checked_mul(mult).ok_or_else(|| format!("size too large: {s}"))
}

fn open_existing(db: &Path) -> Result<Box<dyn Store>> {
    if !db.exists() {
        bail!(
            "{}: no such store (create it with `claimgraph ingest --db {} PATH...`)",
            db.display(),
            db.display()
        );
    }
    claimgraph_store::open(db)
}

// ---------------------------------------------------------------------------
// Linking adapter: claim clusters and cross-document actors.

mod linking {
    //! The one place that talks to `claimgraph-link`: the claim [`Linker`]
    //! and the cross-document [`ActorResolver`], restored from the store at
    //! start; their changed records are saved in the transaction of the
    //! documents that changed them.

    use std::collections::{HashMap, HashSet};
    use std::path::PathBuf;

    use anyhow::Result;
    use claimgraph_doc::Doc;
    use claimgraph_link::{ActorRecord, ActorResolver, ClaimRecord, Linker, LinkerConfig};
    use claimgraph_store::{ActorState, ClaimState};

    /// Actor ids of one document's entities and statement speakers.
    pub struct Linked {
        pub entity_actor: Vec<Option<String>>,
        pub speaker_actor: Vec<Option<String>>,
    }

    pub struct Linking {
        linker: Linker,
        resolver: ActorResolver,
        /// Changed since the last [`Linking::take_changes`].
        changed_claims: HashSet<String>,
        touched_actors: HashSet<String>,
        /// The actor records as last saved (JSON), to save only changes.
        saved_actors: HashMap<String, String>,
    }

    fn some(id: String) -> Option<String> {
        (!id.is_empty()).then_some(id)
    }

    impl Linking {
        pub fn restore(
            claims: Vec<ClaimState>,
            actors: Vec<ActorState>,
            embeddings: Option<PathBuf>,
        ) -> Result<Linking> {
            let cfg = LinkerConfig {
                embeddings_dir: embeddings,
                ..LinkerConfig::default()
            };
            let records = claims
                .into_iter()
                .map(|c| ClaimRecord {
                    id: c.id,
                    text: c.text,
                    members: c.members,
                    state: c.state,
                    counter_of: c.counter_of,
                })
                .collect();
            let linker = Linker::restore(cfg, records)?;
            let mut saved_actors = HashMap::new();
            let mut records = Vec::with_capacity(actors.len());
            for a in actors {
                // Placeholders the store made for ids without a record are skipped.
                if let Ok(r) = serde_json::from_str::<ActorRecord>(&a.record) {
                    saved_actors.insert(a.id, a.record);
                    records.push(r);
                }
            }
            Ok(Linking {
                linker,
                resolver: ActorResolver::restore(records),
                changed_claims: HashSet::new(),
                touched_actors: HashSet::new(),
                saved_actors,
            })
        }

        /// Sets `claim` on the statements (reduced by
        /// [`claimgraph_link::prepare`], on an analysis thread) and returns
        /// the actors of the document's entities and speakers.
        pub fn link_prepared(&mut self, doc: &mut Doc, prepared: claimgraph_link::Prepared) -> Linked {
            self.changed_claims.extend(self.linker.link_prepared(doc, prepared));
            let r = self.resolver.resolve(doc);
            self.touched_actors.extend(
                r.entity_actor
                    .iter()
                    .chain(&r.speaker_actor)
                    .filter(|a| !a.is_empty())
                    .cloned(),
            );
            Linked {
                entity_actor: r.entity_actor.into_iter().map(some).collect(),
                speaker_actor: r.speaker_actor.into_iter().map(some).collect(),
            }
        }

        /// The claim and actor states changed since the last call.
        pub fn take_changes(&mut self) -> (Vec<ClaimState>, Vec<ActorState>) {
            let changed = std::mem::take(&mut self.changed_claims);
            let claims = if changed.is_empty() {
                Vec::new()
            } else {
                self.linker
                    .records_of(changed.iter().map(String::as_str))
                    .into_iter()
                    .map(|r| ClaimState {
                        id: r.id,
                        text: r.text,
                        members: r.members,
                        state: r.state,
                        counter_of: r.counter_of,
                    })
                    .collect()
            };
            let touched = std::mem::take(&mut self.touched_actors);
            let mut actors = Vec::new();
            if !touched.is_empty() {
                for r in self.resolver.records_where(|id| touched.contains(id)) {
                    let json = serde_json::to_string(&r).expect("actor record serialises");
                    if self.saved_actors.get(&r.id) == Some(&json) {
                        continue;
                    }
                    self.saved_actors.insert(r.id.clone(), json.clone());
                    actors.push(ActorState {
                        id: r.id,
                        name: r.name,
                        etype: r.etype,
                        aliases: r.aliases,
                        speaker_type: r.speaker_type,
                        record: json,
                    });
                }
            }
            (claims, actors)
        }
    }
}

// ---------------------------------------------------------------------------
// ingest

/// One document on its way from the reader to the writer.
enum Item {
    /// Content hash, document, and its statements reduced for the linker
    /// (on the analysis threads: the linker is sequential).
    Analyzed(String, Box<Doc>, claimgraph_link::Prepared),
    /// Stored already (or twice in this run).
    Known,
    Failed(IngestError),
}

#[derive(Debug, Default, Clone, Copy)]
pub struct IngestSummary {
    pub new_docs: usize,
    pub known: usize,
    pub failed: usize,
    pub statements: usize,
    pub claims: u64,
    pub seconds: f64,
}

impl std::fmt::Display for IngestSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} new documents, {} already stored, {} failed, {} statements, {} claims ({:.1} s)",
            self.new_docs, self.known, self.failed, self.statements, self.claims, self.seconds
        )
    }
}

const BATCH: u64 = 64;

/// How [`ingest_paths`] runs.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Analysis threads (default: all cores).
    pub jobs: Option<usize>,
    /// Documents analysed and committed together.
    pub batch: usize,
    pub max_doc_bytes: u64,
    /// all-MiniLM-L6-v2 folder for claim linking, used when present.
    pub embeddings: Option<PathBuf>,
    /// Show a progress bar on a terminal.
    pub progress: bool,
}

pub fn ingest(a: &IngestArgs) -> Result<ExitCode> {
    let opts = IngestOptions {
        jobs: a.jobs,
        batch: a.batch as usize,
        max_doc_bytes: a.max_doc_size,
        embeddings: Some(a.embeddings.clone()),
        progress: true,
    };
    let summary = ingest_paths_with(&a.db, &a.paths, &opts)?;
    eprintln!("{summary}");
    Ok(if summary.failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Ingests `paths` into the store at `db`; bad inputs are reported on
/// stderr as `path: reason` and counted.
pub fn ingest_paths(
    db: &Path,
    paths: &[PathBuf],
    jobs: Option<usize>,
    batch: usize,
    max_doc_bytes: u64,
    progress: bool,
) -> Result<IngestSummary> {
    let embeddings = Some(PathBuf::from(DEFAULT_EMBEDDINGS));
    ingest_paths_with(
        db,
        paths,
        &IngestOptions {
            jobs,
            batch,
            max_doc_bytes,
            embeddings,
            progress,
        },
    )
}

/// [`ingest_paths`] with every option.
pub fn ingest_paths_with(db: &Path, paths: &[PathBuf], opts: &IngestOptions) -> Result<IngestSummary> {
    let IngestOptions {
        jobs,
        batch: batch_size,
        max_doc_bytes,
        progress: show_progress,
        ..
    } = *opts;
    let t0 = Instant::now();
    let mut store = claimgraph_store::open(db)?;
    let claims_before = store.counts()?.claims;
    let mut linking = linking::Linking::restore(store.claim_states()?, store.actor_states()?, opts.embeddings.clone())?;
    let (inputs, read_errors) = claimgraph_ingest::collect_inputs(paths);
    let mut summary = IngestSummary {
        failed: read_errors.len(),
        ..Default::default()
    };
    for e in &read_errors {
        eprintln!("{e}");
    }
    let progress = crate::progress::inputs_bar(inputs.len(), show_progress && !inputs.is_empty());
    let jobs = jobs
        .unwrap_or_else(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
        .max(1);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .build()
        .context("starting analysis threads")?;
    // A second connection for "already stored?" checks before analysis.
    let lookup = claimgraph_store::open(db)?;
    let ingest_opts = claimgraph_ingest::Options { max_doc_bytes };
    let (tx, rx) = mpsc::sync_channel::<Vec<Item>>(4);
    let reader_progress = progress.clone();

    std::thread::scope(|scope| -> Result<()> {
        let reader = scope.spawn(move || -> Result<()> {
            let mut seen: HashSet<String> = HashSet::new();
            let mut batch: Vec<Result<(String, RawDoc), Item>> = Vec::with_capacity(batch_size);
            let flush = |batch: &mut Vec<Result<(String, RawDoc), Item>>| -> bool {
                let items: Vec<Item> = pool.install(|| {
                    std::mem::take(batch)
                        .into_par_iter()
                        .map(|r| match r {
                            Ok((hash, raw)) => match crate::pipeline::analyze_isolated(raw) {
                                Ok((doc, prepared)) => Item::Analyzed(hash, Box::new(doc), prepared),
                                Err(e) => Item::Failed(e),
                            },
                            Err(item) => item,
                        })
                        .collect()
                });
                tx.send(items).is_ok()
            };
            for input in &inputs {
                let mut err = None;
                claimgraph_ingest::read_input(input, &ingest_opts, &mut |r| match r {
                    Ok(raw) => {
                        let hash = claimgraph_store::content_hash(&raw.text);
                        match lookup.has_document(&hash) {
                            Ok(true) => batch.push(Err(Item::Known)),
                            Ok(false) if !seen.insert(hash.clone()) => batch.push(Err(Item::Known)),
                            Ok(false) => batch.push(Ok((hash, raw))),
                            Err(e) => err = Some(e),
                        }
                    }
                    Err(e) => batch.push(Err(Item::Failed(e))),
                });
                if let Some(e) = err {
                    return Err(e);
                }
                if batch.len() >= batch_size && !flush(&mut batch) {
                    return Ok(());
                }
                reader_progress.inc(1);
            }
            flush(&mut batch);
            Ok(())
        });

        let mut write = || -> Result<()> {
            let mut pending: Vec<(Box<Doc>, String, linking::Linked)> = Vec::with_capacity(batch_size);
            for items in rx.iter() {
                for item in items {
                    match item {
                        Item::Known => summary.known += 1,
                        Item::Failed(e) => {
                            progress.suspend(|| eprintln!("{e}"));
                            summary.failed += 1;
                        }
                        Item::Analyzed(hash, mut doc, prepared) => {
                            let linked = linking.link_prepared(&mut doc, prepared);
                            pending.push((doc, hash, linked));
                        }
                    }
                }
                // One transaction for the batch (each document complete or
                // absent, the linker state with it). A write failure stops
                // the run: the linker's state in memory would no longer
                // match the store.
                let (mut claims, mut actors) = linking.take_changes();
                let writes: Vec<DocWrite<'_>> = pending
                    .iter_mut()
                    .map(|(doc, hash, linked)| DocWrite {
                        doc,
                        content_hash: std::mem::take(hash),
                        ingested_at: claimgraph_store::now_utc(),
                        entity_actor: std::mem::take(&mut linked.entity_actor),
                        speaker_actor: std::mem::take(&mut linked.speaker_actor),
                        // The batch's linker state goes with its first document.
                        claims: std::mem::take(&mut claims),
                        actors: std::mem::take(&mut actors),
                    })
                    .collect();
                for r in store.insert_documents(&writes)? {
                    match r {
                        Inserted::New { statements } => {
                            summary.new_docs += 1;
                            summary.statements += statements;
                        }
                        Inserted::Duplicate => summary.known += 1,
                    }
                }
                drop(writes);
                pending.clear();
                progress.set_message(format!("{} new, {} stored already", summary.new_docs, summary.known));
            }
            Ok(())
        };
        let written = write();
        drop(rx);
        let read = reader
            .join()
            .map_err(|_| anyhow::anyhow!("the reading thread panicked"))?;
        written?;
        read
    })?;
    progress.finish_and_clear();
    summary.claims = store.counts()?.claims.saturating_sub(claims_before);
    summary.seconds = t0.elapsed().as_secs_f64();
    Ok(summary)
}

// ---------------------------------------------------------------------------
// queries

/// Cuts a string to `max` chars with an ellipsis; newlines become spaces.
fn cut(s: &str, max: usize) -> String {
    let s: String = s.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    if s.chars().count() <= max {
        s
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Prints rows as aligned columns; the last column is not padded.
fn print_table(out: &mut dyn Write, headers: &[&str], rows: &[Vec<String>]) -> io::Result<()> {
    let n = headers.len();
    let mut widths: Vec<usize> = headers.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (i, c) in r.iter().enumerate().take(n) {
            widths[i] = widths[i].max(c.chars().count());
        }
    }
    let line = |out: &mut dyn Write, cells: &[String]| -> io::Result<()> {
        let mut s = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i + 1 < cells.len() {
                s.push_str(c);
                s.extend(std::iter::repeat_n(' ', widths[i] - c.chars().count() + 2));
            } else {
                s.push_str(c);
            }
        }
        writeln!(out, "{}", s.trim_end())
    };
    line(out, &headers.iter().map(|h| h.to_string()).collect::<Vec<_>>())?;
    for r in rows {
        line(out, r)?;
    }
    Ok(())
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_else(|| "-".into())
}

fn claim_cells(c: &ClaimRow) -> Vec<String> {
    vec![
        c.id.clone(),
        opt(&c.first_seen),
        opt(&c.last_seen),
        c.articles.to_string(),
        c.outlets.to_string(),
        format!("{}/{}/{}/{}", c.assert, c.deny, c.speculate, c.question),
        if c.evidence {
            c.evidence_kinds.join(",")
        } else {
            "none".into()
        },
        cut(&c.text, 90),
    ]
}

const CLAIM_HEADERS: [&str; 8] = [
    "CLAIM", "FIRST", "LAST", "ARTICLES", "OUTLETS", "A/D/S/Q", "EVIDENCE", "TEXT",
];

/// Prints one value as JSON on stdout (a macro: serde's trait is not a
/// dependency of this package).
macro_rules! print_json {
    ($v:expr) => {{
        let mut out = io::stdout().lock();
        serde_json::to_writer(&mut out, $v)?;
        writeln!(out)?;
    }};
}

pub fn claims(a: &ClaimsArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let sort = match a.sort {
        SortArg::First => ClaimSort::First,
        SortArg::Last => ClaimSort::Last,
        SortArg::Articles => ClaimSort::Articles,
    };
    let rows = store.claims(&ClaimQuery {
        since: a.since.clone(),
        limit: (a.limit > 0).then_some(a.limit),
        sort,
    })?;
    if a.json {
        print_json!(&rows);
    } else {
        let cells: Vec<Vec<String>> = rows.iter().map(claim_cells).collect();
        print_table(&mut io::stdout().lock(), &CLAIM_HEADERS, &cells)?;
        eprintln!(
            "{} claims (A/D/S/Q: sources that assert / deny / speculate / question)",
            rows.len()
        );
    }
    Ok(ExitCode::SUCCESS)
}

fn chain_text(s: &StatementRow) -> String {
    s.chain
        .iter()
        .map(|l| l.speaker.as_str())
        .collect::<Vec<_>>()
        .join(" → ")
}

pub fn claim(a: &ClaimArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let Some(t) = store.claim_timeline(&a.id)? else {
        eprintln!("claimgraph: no claim {:?} in {}", a.id, a.db.display());
        return Ok(ExitCode::FAILURE);
    };
    if a.json {
        print_json!(&t);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = io::stdout().lock();
    let c = &t.claim;
    writeln!(out, "{}  {}", c.id, c.text)?;
    writeln!(
        out,
        "seen {} to {} in {} articles, {} outlets; sources: {} assert, {} deny, {} speculate, {} question; evidence: {}\n",
        opt(&c.first_seen),
        opt(&c.last_seen),
        c.articles,
        c.outlets,
        c.assert,
        c.deny,
        c.speculate,
        c.question,
        if c.evidence { c.evidence_kinds.join(", ") } else { "none cited".into() }
    )?;
    if let Some(p) = &t.counter_of {
        writeln!(out, "{}'s version against {}  {}\n", p.side, p.id, p.text)?;
    }
    for k in &t.counter_claims {
        writeln!(out, "{} asserts instead: {}  {}", k.side, k.id, k.text)?;
    }
    if !t.counter_claims.is_empty() {
        writeln!(out)?;
    }
    let rows: Vec<Vec<String>> = t
        .statements
        .iter()
        .map(|s| {
            vec![
                opt(&s.date),
                cut(&opt(&s.outlet), 24),
                cut(&s.speaker, 28),
                s.stance.clone(),
                cut(&chain_text(s), 40),
                if s.evidence.is_empty() {
                    "-".into()
                } else {
                    s.evidence.join(",")
                },
                cut(&s.content, 80),
            ]
        })
        .collect();
    print_table(
        &mut out,
        &["DATE", "OUTLET", "SPEAKER", "STANCE", "CHAIN", "EVIDENCE", "CONTENT"],
        &rows,
    )?;
    Ok(ExitCode::SUCCESS)
}

pub fn who(a: &WhoArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let name = a.name.join(" ");
    let r = store.who(&name, (a.limit > 0).then_some(a.limit))?;
    if a.json {
        print_json!(&r);
        return Ok(ExitCode::SUCCESS);
    }
    if r.actors.is_empty() && r.statements.is_empty() && r.relayed.is_empty() {
        eprintln!("claimgraph: no source named {name:?}");
        return Ok(ExitCode::FAILURE);
    }
    let mut out = io::stdout().lock();
    for act in &r.actors {
        let roles: Vec<String> = act
            .roles
            .iter()
            .map(|ro| format!("{} ({} to {})", ro.role, opt(&ro.first_seen), opt(&ro.last_seen)))
            .collect();
        writeln!(
            out,
            "{} [{}] {}, {} statements{}{}",
            act.name,
            act.id,
            act.speaker_type.as_deref().unwrap_or(&act.etype),
            act.statements,
            if act.aliases.is_empty() {
                String::new()
            } else {
                format!("; also {}", act.aliases.join(", "))
            },
            if roles.is_empty() {
                String::new()
            } else {
                format!("; roles: {}", roles.join(", "))
            },
        )?;
    }
    writeln!(out)?;
    let rows: Vec<Vec<String>> = r
        .statements
        .iter()
        .map(|s| {
            vec![
                opt(&s.date),
                cut(&opt(&s.outlet), 24),
                s.stance.clone(),
                opt(&s.claim_id),
                cut(&s.content, 90),
            ]
        })
        .collect();
    if !rows.is_empty() || r.relayed.is_empty() {
        print_table(&mut out, &["DATE", "OUTLET", "STANCE", "CLAIM", "CONTENT"], &rows)?;
    }
    if !r.relayed.is_empty() {
        writeln!(out, "\npassed on from others ({}):", r.relayed.len())?;
        let rows: Vec<Vec<String>> = r
            .relayed
            .iter()
            .map(|s| {
                vec![
                    opt(&s.date),
                    cut(&s.speaker, 28),
                    s.stance.clone(),
                    opt(&s.claim_id),
                    cut(&s.content, 80),
                ]
            })
            .collect();
        print_table(&mut out, &["DATE", "SOURCE", "STANCE", "CLAIM", "CONTENT"], &rows)?;
    }
    Ok(ExitCode::SUCCESS)
}

pub fn search(a: &SearchArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let hits = store.search(&a.text.join(" "), a.limit)?;
    if a.json {
        print_json!(&hits);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = hits
        .iter()
        .map(|h| {
            vec![
                format!("{:.2}", h.score),
                opt(&h.statement.date),
                cut(&h.statement.speaker, 28),
                h.statement.stance.clone(),
                opt(&h.statement.claim_id),
                cut(&h.snippet, 90),
            ]
        })
        .collect();
    print_table(
        &mut io::stdout().lock(),
        &["SCORE", "DATE", "SPEAKER", "STANCE", "CLAIM", "MATCH"],
        &rows,
    )?;
    Ok(if hits.is_empty() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

/// Who reports an event: "article" (its own voice) or the stance and
/// speaker of the statement reporting it ("denied: Dmitry Peskov").
fn told_by(e: &EventHit) -> String {
    match &e.alleged_by {
        None => "article".into(),
        Some(r) => {
            let verb = match r.stance.as_str() {
                "deny" => "denied",
                "speculate" => "speculated",
                "question" => "questioned",
                _ => "alleged",
            };
            format!("{verb}: {}", r.speaker)
        }
    }
}

pub fn events(a: &EventsArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let page = store.events(&EventQuery {
        actor: a.actor.clone(),
        code: a.code.clone(),
        since: a.since.clone(),
        until: a.until.clone(),
        document: a.doc.clone(),
        limit: (a.limit > 0).then_some(a.limit),
        offset: 0,
    })?;
    if a.json {
        print_json!(&page.items);
        return Ok(ExitCode::SUCCESS);
    }
    let rows: Vec<Vec<String>> = page
        .items
        .iter()
        .map(|e| {
            vec![
                match (&e.date, &e.published) {
                    (Some(d), _) => d.clone(),
                    (None, Some(p)) => format!("{p}*"),
                    (None, None) => "-".into(),
                },
                opt(&e.code),
                cut(&opt(&e.actor), 28),
                cut(&e.action, 20),
                cut(&opt(&e.target), 28),
                cut(&e.places.join(", "), 24),
                cut(&told_by(e), 32),
                cut(&opt(&e.outlet), 20),
                cut(
                    &format!("{} ({})", e.title.as_deref().unwrap_or(&e.source), e.document),
                    70,
                ),
            ]
        })
        .collect();
    print_table(
        &mut io::stdout().lock(),
        &[
            "DATE", "CODE", "ACTOR", "ACTION", "TARGET", "WHERE", "TOLD BY", "OUTLET", "ARTICLE",
        ],
        &rows,
    )?;
    eprintln!(
        "{} of {} events, newest first (DATE*: the article's date, none given for the event; \
         TOLD BY: the article itself or the statement reporting it)",
        page.items.len(),
        page.total
    );
    Ok(ExitCode::SUCCESS)
}

pub fn export(a: &ExportArgs) -> Result<ExitCode> {
    let store = open_existing(&a.db)?;
    let files = export::export(store.as_ref(), a.format, a.out.as_deref())?;
    for f in files {
        eprintln!("wrote {}", f.display());
    }
    Ok(ExitCode::SUCCESS)
}

// ---------------------------------------------------------------------------
// bench store

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// CPU seconds (user + system) this process used so far (Linux; 0 elsewhere).
/// On a shared machine wall-clock rates understate what the code does, so
/// the benchmark reports both.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let fields: Vec<&str> = stat.rsplit(')').next().unwrap_or("").split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (ticks(11) + ticks(12)) / 100.0
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// `claimgraph bench store`: ingest throughput on real articles repeated
/// with varied ids, then `claims` latency on a store of generated
/// statements.
pub fn bench_store(a: &BenchStoreArgs) -> Result<ExitCode> {
    let tmp;
    let dir = match &a.dir {
        Some(d) => {
            std::fs::create_dir_all(d)?;
            d.clone()
        }
        None => {
            tmp = std::env::temp_dir().join(format!("claimgraph-bench-store-{}", std::process::id()));
            std::fs::create_dir_all(&tmp)?;
            tmp.clone()
        }
    };
    let result = bench_in(a, &dir);
    if a.dir.is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
    result
}

fn bench_in(a: &BenchStoreArgs, dir: &Path) -> Result<ExitCode> {
    if a.articles > 0 {
        bench_ingest(a, dir)?;
    }
    bench_queries(a, dir)
}

/// Ingest throughput: real articles, concatenated to ~600 words, each copy
/// with a distinct id line so its content hash differs.
fn bench_ingest(a: &BenchStoreArgs, dir: &Path) -> Result<()> {
    // 1. Ingest: real articles, concatenated to ~600 words, each copy with a
    //    distinct id line so its content hash differs.
    // The dev set beside the current directory (as `train`'s defaults are
    // found), else beside the source tree the binary was built from (a
    // binary built elsewhere would otherwise time another corpus), else
    // the one example article.
    let corpus = a.corpus.clone().unwrap_or_else(|| {
        let built = Path::new(env!("CARGO_MANIFEST_DIR"));
        [
            Path::new("../shared/gold/dev").to_path_buf(),
            built.join("../shared/gold/dev"),
        ]
        .into_iter()
        .find(|p| p.is_dir())
        .unwrap_or_else(|| built.join("examples/text"))
    });
    let mut bodies = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .with_context(|| format!("reading {}", corpus.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    entries.sort();
    for p in &entries {
        let t = std::fs::read_to_string(p)?;
        // Drop a leading `date …` header line; the title stays.
        let t: String = t
            .lines()
            .filter(|l| !l.starts_with("date "))
            .collect::<Vec<_>>()
            .join("\n");
        bodies.push(t);
    }
    if bodies.is_empty() {
        bail!("no .txt articles in {}", corpus.display());
    }
    let art_dir = dir.join("articles");
    std::fs::create_dir_all(&art_dir)?;
    let mut words_total = 0usize;
    for i in 0..a.articles {
        let mut text = String::new();
        let mut k = i;
        let mut words = 0;
        while words < 500 {
            let b = &bodies[k % bodies.len()];
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            text.push_str(b);
            words += b.split_whitespace().count();
            k += 7;
        }
        text.push_str(&format!("\n\nBenchmark copy {i}.\n"));
        words_total += words;
        std::fs::write(
            art_dir.join(format!("a{i:06}.txt")),
            format!("date 2016-07-{:02}\n\n{text}", 1 + i % 28),
        )?;
    }
    let avg_words = words_total / a.articles.max(1);
    println!(
        "ingest: {} articles of ~{} words (the {} real articles of {} concatenated and repeated, each copy with a distinct id line)",
        a.articles,
        avg_words,
        bodies.len(),
        corpus.display()
    );
    let db = dir.join("ingest.db");
    let cpu0 = cpu_seconds();
    let opts = IngestOptions {
        jobs: a.jobs,
        batch: BATCH as usize,
        max_doc_bytes: 10 << 20,
        embeddings: Some(a.embeddings.clone()),
        progress: false,
    };
    let s = ingest_paths_with(&db, std::slice::from_ref(&art_dir), &opts)?;
    let cpu = cpu_seconds() - cpu0;
    println!("  end to end (read, analyse, link, store): {s}");
    println!(
        "  {:.0} articles/s wall; {:.1} CPU s in all, {:.0} articles per CPU-second",
        s.new_docs as f64 / s.seconds,
        cpu,
        s.new_docs as f64 / cpu.max(1e-9)
    );
    // The store side alone: analysed documents, then link + write.
    let raws: Vec<RawDoc> = {
        let (inputs, _) = claimgraph_ingest::collect_inputs(std::slice::from_ref(&art_dir));
        let mut v = Vec::new();
        for inp in &inputs {
            claimgraph_ingest::read_input(inp, &claimgraph_ingest::Options::default(), &mut |r| {
                if let Ok(r) = r {
                    v.push(r)
                }
            });
        }
        v
    };
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    // as in `ingest`: the linker's per-document reduction is analysis work
    let (docs, prepared): (Vec<Doc>, Vec<claimgraph_link::Prepared>) =
        raws.into_par_iter().map(crate::pipeline::analyze_for_linking).unzip();
    let analyse_s = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!(
        "  analysis alone: {:.0} articles/s wall on {} threads; {:.0} articles per CPU-second",
        docs.len() as f64 / analyse_s,
        rayon::current_num_threads(),
        docs.len() as f64 / cpu.max(1e-9)
    );
    let db2 = dir.join("store-only.db");
    let mut store = claimgraph_store::open(&db2)?;
    let mut linking = linking::Linking::restore(vec![], vec![], Some(a.embeddings.clone()))?;
    let t = Instant::now();
    let cpu0 = cpu_seconds();
    let n = docs.len();
    let mut docs = docs;
    let mut prepared = prepared.into_iter();
    for chunk in docs.chunks_mut(BATCH as usize) {
        let linked: Vec<linking::Linked> = chunk
            .iter_mut()
            .map(|d| linking.link_prepared(d, prepared.next().expect("one per document")))
            .collect();
        let (mut claims, mut actors) = linking.take_changes();
        let writes: Vec<DocWrite<'_>> = chunk
            .iter()
            .zip(linked)
            .map(|(doc, l)| DocWrite {
                doc,
                content_hash: claimgraph_store::content_hash(doc.text()),
                ingested_at: claimgraph_store::now_utc(),
                entity_actor: l.entity_actor,
                speaker_actor: l.speaker_actor,
                claims: std::mem::take(&mut claims),
                actors: std::mem::take(&mut actors),
            })
            .collect();
        store.insert_documents(&writes)?;
    }
    let store_s = t.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu0;
    println!(
        "  link + store alone, one thread ({} articles per transaction, each stored whole or not at all): \
         {:.0} articles/s wall; {:.0} articles per CPU-second",
        BATCH,
        n as f64 / store_s,
        n as f64 / cpu.max(1e-9)
    );
    drop(store);

    Ok(())
}

/// `claims` latency at scale on generated statements written through the
/// store API (reused when `DIR/queries.db` holds enough already).
fn bench_queries(a: &BenchStoreArgs, dir: &Path) -> Result<ExitCode> {
    // 2. Queries at scale: generated statements written through the store API.
    let db3 = dir.join("queries.db");
    let have = if db3.exists() {
        claimgraph_store::open(&db3)?.counts()?
    } else {
        Default::default()
    };
    if have.statements >= a.statements as u64 {
        println!(
            "claims: reusing {} ({} statements, {} documents, {} claims)",
            db3.display(),
            have.statements,
            have.documents,
            have.claims
        );
    } else {
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        let (docs_n, claims_n) = generate(&db3, a.statements)?;
        println!(
        "claims: generated {} statements in {} documents of 20, {} claims, 2,000 speakers, 200 outlets, 2008-2025, \
         through Store::insert_documents ({:.1} s wall, {:.1} CPU s)",
        a.statements,
        docs_n,
        claims_n,
        t.elapsed().as_secs_f64(),
        cpu_seconds() - cpu0
    );
    }
    let store = claimgraph_store::open(&db3)?;
    let shapes: Vec<(&str, ClaimQuery)> = vec![
        (
            "claims (sort last, limit 50)",
            ClaimQuery {
                since: None,
                limit: Some(50),
                sort: ClaimSort::Last,
            },
        ),
        (
            "claims --sort articles",
            ClaimQuery {
                since: None,
                limit: Some(50),
                sort: ClaimSort::Articles,
            },
        ),
        (
            "claims --sort first",
            ClaimQuery {
                since: None,
                limit: Some(50),
                sort: ClaimSort::First,
            },
        ),
        (
            "claims --since 2012 (sort last)",
            ClaimQuery {
                since: Some("2012".into()),
                limit: Some(50),
                sort: ClaimSort::Last,
            },
        ),
        (
            "claims --since 2024-06 --sort articles",
            ClaimQuery {
                since: Some("2024-06".into()),
                limit: Some(50),
                sort: ClaimSort::Articles,
            },
        ),
        (
            "claims --since 2016-03 --sort articles",
            ClaimQuery {
                since: Some("2016-03".into()),
                limit: Some(50),
                sort: ClaimSort::Articles,
            },
        ),
        (
            "claims --since 2012 --sort first",
            ClaimQuery {
                since: Some("2012".into()),
                limit: Some(50),
                sort: ClaimSort::First,
            },
        ),
    ];
    for (name, q) in shapes {
        let mut times = Vec::with_capacity(a.queries);
        let mut rows = 0;
        for _ in 0..a.queries {
            let t = Instant::now();
            rows = store.claims(&q)?.len();
            times.push(t.elapsed());
        }
        times.sort();
        println!(
            "  {name}: p50 {:.2} ms, p95 {:.2} ms ({} runs, {} rows)",
            ms(percentile(&times, 0.5)),
            ms(percentile(&times, 0.95)),
            a.queries,
            rows
        );
    }
    let mut times = Vec::new();
    for w in ["hacked emails", "satellite images", "election interference", "denied"] {
        for _ in 0..a.queries.div_ceil(4) {
            let t = Instant::now();
            store.search(w, 20)?;
            times.push(t.elapsed());
        }
    }
    times.sort();
    println!(
        "  search (FTS5, 20 hits): p50 {:.2} ms, p95 {:.2} ms",
        ms(percentile(&times, 0.5)),
        ms(percentile(&times, 0.95))
    );
    println!("peak memory: run under `/usr/bin/time -v` (Maximum resident set size)");
    Ok(ExitCode::SUCCESS)
}

/// Writes about `statements` generated statements: documents of 20
/// statements over 2008–2025, 200 outlets, 2,000 speakers, claims with a
/// skewed size distribution. Returns (documents, claims).
fn generate(db: &Path, statements: usize) -> Result<(usize, usize)> {
    use claimgraph_doc::{Meta, Span, SpeakerType, Stance, Statement, StatementKind};
    let mut store = claimgraph_store::open(db)?;
    let per_doc = 20;
    let docs = statements.div_ceil(per_doc);
    let n_claims = (statements / 50).max(1);
    let stances = [
        Stance::Assert,
        Stance::Assert,
        Stance::Deny,
        Stance::Speculate,
        Stance::Question,
    ];
    let phrases = [
        "documents show the servers were hacked",
        "there is no evidence of interference",
        "satellite images show troops near the border",
        "the election results were manipulated",
        "witnesses said the strike hit a hospital",
        "the balloon was a civilian airship",
    ];
    let mut rng: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        rng
    };
    let mut known_claims: HashSet<usize> = HashSet::new();
    let mut known_actors: HashSet<usize> = HashSet::new();
    type Pending = (Doc, Vec<Option<String>>, Vec<ClaimState>, Vec<ActorState>);
    let mut pending: Vec<Pending> = Vec::with_capacity(BATCH as usize);
    for d in 0..docs {
        let year = 2008 + (d * 18 / docs.max(1));
        let published = format!("{year}-{:02}-{:02}", 1 + next() % 12, 1 + next() % 28);
        let mut text = String::new();
        let mut spans = Vec::new();
        for k in 0..per_doc {
            let p = phrases[(next() % phrases.len() as u64) as usize];
            let start = text.len();
            text.push_str(&format!("Speaker said that {p} in case {d}-{k}. "));
            spans.push(Span::new(start + 18, text.len() - 2));
        }
        let meta = Meta {
            id: format!("gen-{d}"),
            source: format!("https://outlet{}.example/news/{d}", next() % 200),
            title: Some(format!("Generated article {d}")),
            published: Some(published),
            outlet: None,
            language: "en".into(),
        };
        let mut doc = Doc::new(meta, text);
        let mut claims = Vec::new();
        let mut actors = Vec::new();
        let mut speaker_actor = Vec::new();
        for span in spans {
            // Skewed: squaring a uniform draw favours low claim numbers.
            let u = (next() % 1_000_000) as f64 / 1_000_000.0;
            let c = ((u * u) * n_claims as f64) as usize;
            let actor = (next() % 2000) as usize;
            let claim_id = format!("c{c:07}");
            if known_claims.insert(c) {
                claims.push(ClaimState {
                    id: claim_id.clone(),
                    text: format!("generated claim {c}"),
                    members: 1,
                    state: vec![],
                    counter_of: None,
                });
            }
            let actor_id = format!("a{actor:05}");
            if known_actors.insert(actor) {
                actors.push(ActorState {
                    id: actor_id.clone(),
                    name: format!("Source {actor}"),
                    etype: "PERSON".into(),
                    aliases: vec![],
                    speaker_type: Some("person".into()),
                    record: "{}".into(),
                });
            }
            doc.statements.push(Statement {
                content: span,
                kind: StatementKind::Indirect,
                speaker: format!("Source {actor}"),
                speaker_type: SpeakerType::Person,
                speaker_mention: None,
                cue: None,
                stance: stances[(next() % stances.len() as u64) as usize],
                hedges: vec![],
                about: vec![],
                via: None,
                relayed_by: None,
                claim: Some(claim_id),
            });
            speaker_actor.push(Some(actor_id));
        }
        pending.push((doc, speaker_actor, claims, actors));
        if pending.len() >= BATCH as usize || d + 1 == docs {
            let writes: Vec<DocWrite<'_>> = pending
                .iter_mut()
                .map(|(doc, speaker_actor, claims, actors)| DocWrite {
                    doc,
                    content_hash: claimgraph_store::content_hash(doc.text()),
                    ingested_at: claimgraph_store::now_utc(),
                    entity_actor: vec![],
                    speaker_actor: std::mem::take(speaker_actor),
                    claims: std::mem::take(claims),
                    actors: std::mem::take(actors),
                })
                .collect();
            store.insert_documents(&writes)?;
            drop(writes);
            pending.clear();
        }
    }
    Ok((docs, known_claims.len()))
}
