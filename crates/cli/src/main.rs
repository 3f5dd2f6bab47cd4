use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use claimgraph::{bench_cmd, models_cmd, ner_cmd, serve_cmd, store_cmd, syntax_cmd};

// The analysis makes many short-lived strings and vectors per sentence;
// mimalloc serves them with fewer instructions than glibc's malloc.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// claimgraph reads news and records who claims what, on whose say-so.
#[derive(Parser)]
#[command(name = "claimgraph", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyze articles (text, HTML, RSS/Atom, WARC, JSONL; directories are
    /// walked, `-` reads stdin) and print who said what.
    Analyze(AnalyzeArgs),
    /// Analyze articles into the store (default claimgraph.db), linking claims
    /// and actors across documents; resumable, re-ingesting is a no-op.
    Ingest(store_cmd::IngestArgs),
    /// The claim ledger: one row per claim with who asserts, denies,
    /// speculates, questions, and whether anyone cites evidence.
    Claims(store_cmd::ClaimsArgs),
    /// One claim's timeline: each statement with date, outlet, speaker,
    /// stance and citation chain.
    Claim(store_cmd::ClaimArgs),
    /// A source's statements and stances across claims.
    Who(store_cmd::WhoArgs),
    /// Full-text search over stored statements.
    Search(store_cmd::SearchArgs),
    /// Events (who did what to whom, when, where), newest first, each with
    /// its article and who alleges it.
    Events(store_cmd::EventsArgs),
    /// Export the store: csv, json, graphml, claimreview or ftm.
    Export(store_cmd::ExportArgs),
    /// Serve the store: JSON API under /api and a web UI at /.
    Serve(serve_cmd::ServeArgs),
    /// Install or check the optional sentence-embedding model for claim linking.
    Models(models_cmd::ModelsArgs),
    /// Train the in-house models from ../shared/data (reproducible).
    #[command(subcommand)]
    Train(TrainCmd),
    /// Tag and parse CoNLL-U (gold tokens) or raw text, writing CoNLL-U.
    Parse(syntax_cmd::ParseArgs),
    /// Benchmarks: accuracy and speed of a layer.
    #[command(subcommand)]
    Bench(BenchCmd),
}

#[derive(Subcommand)]
enum TrainCmd {
    /// POS tagger and lemmatizer (models/tagger.bin, models/lemma.bin).
    Tagger(syntax_cmd::TrainArgs),
    /// Dependency parser (models/parser.bin).
    Parser(syntax_cmd::TrainArgs),
    /// Named-entity tagger (models/ner.bin).
    Ner(ner_cmd::TrainNerArgs),
}

#[derive(Subcommand)]
enum BenchCmd {
    /// Whole-analysis words/s, or each stage's words/s with --layers.
    Analyze(bench_cmd::BenchAnalyzeArgs),
    /// Tagger + parser accuracy (EWT and GUM test) and tokens/s.
    Syntax(syntax_cmd::BenchArgs),
    /// NER F1 (UNER EWT test, GUM test) and words/s.
    Ner(ner_cmd::BenchNerArgs),
    /// Store ingest rate and `claims` latency at scale.
    Store(store_cmd::BenchStoreArgs),
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Print one JSON object per document (the stable output contract).
    #[arg(long)]
    json: bool,
    /// Add the analysed text to each JSON object as "text".
    #[arg(long)]
    with_text: bool,
    /// Refuse documents larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "10M", value_parser = parse_size)]
    max_doc_size: u64,
    /// Worker threads (default: all cores).
    #[arg(short = 'j', long = "threads")]
    threads: Option<usize>,
    /// Sentence-embedding model for claim linking (used when its files are
    /// there; `claimgraph models install` puts them in the default place).
    #[arg(long, default_value = "models/minilm")]
    embeddings: PathBuf,
    /// Link claims with the transformer run over every statement instead of
    /// the distilled static token vectors: about 30 times slower, and on
    /// the dev set no better (claim-link F1 0.580 vs 0.625 static).
    #[arg(long)]
    contextual_embeddings: bool,
    /// Colour the readable view: auto, always, never.
    #[arg(long, default_value = "auto")]
    color: claimgraph::render::ColorChoice,
    /// Files, directories or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

fn parse_size(s: &str) -> Result<u64, String> {
    store_cmd::parse_size(s)
}

fn done(r: anyhow::Result<()>) -> anyhow::Result<ExitCode> {
    r.map(|()| ExitCode::SUCCESS)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(a) => claimgraph::analyze::run(&claimgraph::analyze::Options {
            json: a.json,
            with_text: a.with_text,
            max_doc_bytes: a.max_doc_size,
            color: a.color,
            threads: a.threads,
            embeddings: Some(a.embeddings),
            contextual_embeddings: a.contextual_embeddings,
            paths: a.paths,
        }),
        Command::Ingest(a) => store_cmd::ingest(&a),
        Command::Claims(a) => store_cmd::claims(&a),
        Command::Claim(a) => store_cmd::claim(&a),
        Command::Who(a) => store_cmd::who(&a),
        Command::Search(a) => store_cmd::search(&a),
        Command::Events(a) => store_cmd::events(&a),
        Command::Export(a) => store_cmd::export(&a),
        Command::Serve(a) => serve_cmd::serve(&a),
        Command::Models(a) => done(models_cmd::run_models(&a)),
        Command::Train(TrainCmd::Tagger(mut a)) => {
            a.what = syntax_cmd::TrainWhat::Tagger;
            done(syntax_cmd::run_train(&a))
        }
        Command::Train(TrainCmd::Parser(mut a)) => {
            a.what = syntax_cmd::TrainWhat::Parser;
            done(syntax_cmd::run_train(&a))
        }
        Command::Train(TrainCmd::Ner(a)) => done(ner_cmd::run_train_ner(&a)),
        Command::Parse(a) => done(syntax_cmd::run_parse(&a)),
        Command::Bench(BenchCmd::Analyze(a)) => done(bench_cmd::run_bench_analyze(&a)),
        Command::Bench(BenchCmd::Syntax(a)) => done(syntax_cmd::run_bench(&a)),
        Command::Bench(BenchCmd::Ner(a)) => done(ner_cmd::run_bench_ner(&a)),
        Command::Bench(BenchCmd::Store(a)) => store_cmd::bench_store(&a),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}
