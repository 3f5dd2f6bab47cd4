//! `claimgraph bench analyze`: throughput of the whole analysis, and of each
//! stage on its own (`--layers`), over a corpus read once into memory.
//!
//! Reading is not timed. Without `--layers` every document goes through
//! `pipeline::analyze_for_linking` (on `-j` threads) and the claim linker,
//! in batches in input order, exactly like `claimgraph analyze --json`; with
//! `--layers` the stages run one after another over the whole corpus on one
//! thread, each timed separately: segment (paragraphs, sentences, tokens) →
//! syntax (tags, parse) → entities → extract (statements) → link (claim
//! ledger) → contract (char offsets, JSON). Words are whitespace-separated words of the input texts,
//! the same count the spaCy comparison uses.

use std::path::PathBuf;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use claimgraph_doc::Doc;
use claimgraph_ingest::RawDoc;
use rayon::prelude::*;

#[derive(clap::Args, Debug)]
pub struct BenchAnalyzeArgs {
    /// Time each stage separately (one thread) instead of the whole pipeline.
    #[arg(long)]
    pub layers: bool,
    /// Worker threads for the whole-pipeline run (default: all cores).
    #[arg(short = 'j', long = "threads")]
    pub threads: Option<usize>,
    /// Passes over the corpus; the fastest is reported.
    #[arg(long, default_value_t = 1)]
    pub repeat: usize,
    /// Print one JSON object per measurement instead of text.
    #[arg(long)]
    pub json: bool,
    /// Refuse documents larger than this many bytes (suffixes K, M, G allowed).
    #[arg(long, default_value = "10M", value_parser = crate::store_cmd::parse_size)]
    pub max_doc_size: u64,
    /// Files or directories (as for `claimgraph analyze`).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
}

/// One timed measurement: wall time, and CPU time (robust when the machine
/// is shared: what other processes take shows in wall time only).
struct Measure {
    what: &'static str,
    secs: f64,
    cpu_secs: f64,
}

/// CPU time of the calling thread, in seconds (Linux: /proc/thread-self/schedstat,
/// nanoseconds); 0 elsewhere.
fn thread_cpu() -> f64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse::<u64>().ok())
        .map_or(0.0, |ns| ns as f64 / 1e9)
}

/// CPU time (user + system) of the whole process, all threads, in seconds
/// (Linux: /proc/self/stat, clock ticks of 1/100 s); 0 elsewhere.
fn process_cpu() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    // Fields after the parenthesised command name; utime and stime are the 14th and 15th.
    let rest = s.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks = |i: usize| f.get(i).and_then(|v| v.parse::<u64>().ok()).unwrap_or(0);
    (ticks(11) + ticks(12)) as f64 / 100.0
}

/// Reads every input into memory; errors are counted, not fatal.
fn read_corpus(paths: &[PathBuf], max_doc_bytes: u64) -> (Vec<RawDoc>, usize) {
    let (inputs, errors) = claimgraph_ingest::collect_inputs(paths);
    let mut failed = errors.len();
    let opts = claimgraph_ingest::Options { max_doc_bytes };
    let mut docs = Vec::new();
    for input in &inputs {
        claimgraph_ingest::read_input(input, &opts, &mut |r| match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                eprintln!("{e}");
                failed += 1;
            }
        });
    }
    (docs, failed)
}

fn words(docs: &[RawDoc]) -> usize {
    docs.iter().map(|d| d.text.split_whitespace().count()).sum()
}

/// Runs the stages one by one over all documents, timing each.
fn layers_once(raw: &[RawDoc]) -> Vec<Measure> {
    let mut docs: Vec<(Doc, Option<std::ops::Range<usize>>)> = raw
        .iter()
        .map(|r| (Doc::new(r.meta.clone(), r.text.clone()), r.header.clone()))
        .collect();
    let syntax = claimgraph_syntax::Syntax::embedded();
    let _ = claimgraph_entities::embedded_model();
    let mut out = Vec::new();
    let mut time = |what: &'static str, f: &mut dyn FnMut()| {
        let (t0, c0) = (Instant::now(), thread_cpu());
        f();
        out.push(Measure {
            what,
            secs: t0.elapsed().as_secs_f64(),
            cpu_secs: thread_cpu() - c0,
        });
    };
    time("segment", &mut || {
        for (d, h) in docs.iter_mut() {
            claimgraph_nlp::segment(d, h.take());
        }
    });
    time("syntax", &mut || {
        for (d, _) in docs.iter_mut() {
            syntax.annotate(d);
        }
    });
    time("entities", &mut || {
        for (d, _) in docs.iter_mut() {
            claimgraph_entities::annotate(d);
        }
    });
    time("extract", &mut || {
        for (d, _) in docs.iter_mut() {
            claimgraph_extract::extract(d);
        }
    });
    // Linking as `analyze` does it: each document's reduction, then the
    // ledger in input order. The linker is started before the clock.
    match claimgraph_link::Linker::new(claimgraph_link::LinkerConfig::default()) {
        Ok(mut linker) => time("link", &mut || {
            for (d, _) in docs.iter_mut() {
                let prepared = claimgraph_link::prepare(d);
                linker.link_prepared(d, prepared);
            }
        }),
        Err(e) => eprintln!("link layer not measured: {e:#}"),
    }
    let mut sink = std::io::sink();
    time("contract", &mut || {
        for (d, _) in docs.iter() {
            let _ = serde_json::to_writer(&mut sink, &d.to_contract(false));
        }
    });
    let secs: f64 = out.iter().map(|m| m.secs).sum();
    let cpu_secs: f64 = out.iter().map(|m| m.cpu_secs).sum();
    out.push(Measure {
        what: "sum",
        secs,
        cpu_secs,
    });
    std::hint::black_box(&docs);
    out
}

/// The whole pipeline as `claimgraph analyze --json` runs it, minus reading
/// and writing: batches analysed in parallel over `threads`, then each
/// document linked into the claim ledger in input order and serialised.
/// The linker (and its embedding model) is started before the clock.
fn whole_once(raw: &[RawDoc], pool: &rayon::ThreadPool) -> Result<Vec<Measure>> {
    let mut linker =
        claimgraph_link::Linker::new(claimgraph_link::LinkerConfig::default()).context("starting the claim linker")?;
    let docs: Vec<RawDoc> = raw.to_vec();
    let mut sink: Vec<u8> = Vec::with_capacity(1 << 20);
    let (t0, c0) = (Instant::now(), process_cpu());
    let mut docs = docs.into_iter();
    loop {
        let batch: Vec<RawDoc> = docs.by_ref().take(crate::analyze::BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let analysed: Vec<_> = pool.install(|| {
            batch
                .into_par_iter()
                .map(crate::pipeline::analyze_for_linking)
                .collect()
        });
        for (mut doc, prepared) in analysed {
            linker.link_prepared(&mut doc, prepared);
            serde_json::to_writer(&mut sink, &doc.to_contract(false))?;
            sink.push(b'\n');
            // Keep the sink small: what is measured is serialising, not memory.
            if sink.len() > 1 << 20 {
                sink.clear();
            }
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let cpu_secs = process_cpu() - c0;
    std::hint::black_box((&sink, linker.len()));
    Ok(vec![Measure {
        what: "analyze",
        secs,
        cpu_secs,
    }])
}

pub fn run_bench_analyze(a: &BenchAnalyzeArgs) -> Result<()> {
    let (raw, failed) = read_corpus(&a.paths, a.max_doc_size);
    if raw.is_empty() {
        bail!("no documents read ({failed} inputs failed)");
    }
    let n_words = words(&raw);
    let n_bytes: usize = raw.iter().map(|d| d.text.len()).sum();
    // Warm-up: load the embedded models, fault in their pages.
    let warm: Vec<RawDoc> = raw.iter().take(4).cloned().collect();
    for r in warm {
        std::hint::black_box(crate::pipeline::analyze(r));
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(if a.layers { 1 } else { a.threads.unwrap_or(0) })
        .build()
        .context("starting worker threads")?;
    let threads = pool.current_num_threads();
    let mut best: Option<Vec<Measure>> = None;
    for _ in 0..a.repeat.max(1) {
        let run = if a.layers {
            pool.install(|| layers_once(&raw))
        } else {
            whole_once(&raw, &pool)?
        };
        best = Some(match best {
            None => run,
            Some(b) => b
                .into_iter()
                .zip(run)
                .map(|(x, y)| Measure {
                    what: x.what,
                    secs: x.secs.min(y.secs),
                    cpu_secs: x.cpu_secs.min(y.cpu_secs),
                })
                .collect(),
        });
    }
    let best = best.unwrap_or_default();
    if !a.json {
        println!(
            "corpus: {} documents, {} words (whitespace-separated), {:.1} MB, {} failed inputs; {} thread(s), best of {}",
            raw.len(),
            n_words,
            n_bytes as f64 / 1e6,
            failed,
            threads,
            a.repeat.max(1)
        );
    }
    if !a.json {
        println!(
            "  {:<9} {:>9} {:>13} {:>9} {:>9} {:>17}",
            "stage", "wall s", "words/s", "docs/s", "CPU s", "words/CPU-s"
        );
    }
    for m in &best {
        let wps = n_words as f64 / m.secs.max(1e-9);
        let cps = if m.cpu_secs > 0.0 {
            n_words as f64 / m.cpu_secs
        } else {
            0.0
        };
        if a.json {
            println!(
                "{}",
                serde_json::json!({
                    "layer": m.what, "seconds": m.secs, "cpu_seconds": m.cpu_secs, "words": n_words,
                    "docs": raw.len(), "words_per_sec": wps, "words_per_cpu_sec": cps, "threads": threads,
                })
            );
        } else {
            println!(
                "  {:<9} {:>9.3} {:>13.0} {:>9.1} {:>9.3} {:>17.0}",
                m.what,
                m.secs,
                wps,
                raw.len() as f64 / m.secs.max(1e-9),
                m.cpu_secs,
                cps
            );
        }
    }
    Ok(())
}
