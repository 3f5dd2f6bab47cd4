use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Colour the readable view: auto, always, never.
    #[arg(long, default_value = "auto")]
    color: claimgraph::render::ColorChoice,
    /// Files, directories or `-` for stdin.
    #[arg(required = true)]
    paths: Vec<PathBuf>,
}

fn parse_size(s: &str) -> Result<u64, String> {
    let s = s.trim();
    let (num, mult) = match s.char_indices().last() {
        Some((i, 'K' | 'k')) => (&s[..i], 1u64 << 10),
        Some((i, 'M' | 'm')) => (&s[..i], 1 << 20),
        Some((i, 'G' | 'g')) => (&s[..i], 1 << 30),
        _ => (s, 1),
    };
    let n: u64 = num.trim().parse().map_err(|_| format!("not a size: {s:?} (try 10M, 500K or 2000000)"))?;
    n.checked_mul(mult).ok_or_else(|| format!("size too large: {s}"))
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
            paths: a.paths,
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("claimgraph: {e:#}");
            ExitCode::from(2)
        }
    }
}
