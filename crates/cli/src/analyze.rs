//! `claimgraph analyze`: read inputs, run the pipeline, print each document
//! in input order, report bad inputs as `path: reason` and end with a summary.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use claimgraph_ingest::{IngestError, RawDoc};
use rayon::prelude::*;

use crate::render::{self, ColorChoice};

pub struct Options {
    pub json: bool,
    pub with_text: bool,
    pub max_doc_bytes: u64,
    pub color: ColorChoice,
    /// Worker threads; `None` uses every core.
    pub threads: Option<usize>,
    /// Sentence-embedding model directory for claim linking (optional).
    pub embeddings: Option<PathBuf>,
    /// The transformer instead of the static token vectors.
    pub contextual_embeddings: bool,
    pub paths: Vec<PathBuf>,
}

/// Documents analysed in parallel per batch; output order is input order.
pub(crate) const BATCH: usize = 64;

pub fn run(opts: &Options) -> Result<ExitCode> {
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.threads.unwrap_or(0))
        .build()
        .context("starting worker threads")?;
    pool.install(|| run_in_pool(opts))
}

fn run_in_pool(opts: &Options) -> Result<ExitCode> {
    let (inputs, mut errors) = claimgraph_ingest::collect_inputs(&opts.paths);
    let stdout = io::stdout();
    let color = opts.color.enabled(stdout.is_terminal());
    let mut out = BufWriter::new(stdout.lock());
    for e in &errors {
        eprintln!("{e}");
    }

    let progress = crate::progress::inputs_bar(inputs.len(), inputs.len() > 1);

    let ingest_opts = claimgraph_ingest::Options {
        max_doc_bytes: opts.max_doc_bytes,
    };
    // Claims are linked across the whole batch, in input order, so the ids
    // are the same whatever the parallelism.
    let mut linker = claimgraph_link::Linker::new(claimgraph_link::LinkerConfig {
        embeddings_dir: opts.embeddings.clone(),
        embedding_kind: if opts.contextual_embeddings {
            claimgraph_link::embed::EmbeddingKind::Contextual
        } else {
            claimgraph_link::embed::EmbeddingKind::Static
        },
        ..Default::default()
    })
    .context("starting the claim linker")?;
    let mut n_docs = 0usize;
    let mut n_words = 0usize;
    let mut batch: Vec<Result<RawDoc, IngestError>> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<Result<RawDoc, IngestError>>, out: &mut BufWriter<_>| -> Result<()> {
        let results: Vec<_> = std::mem::take(batch)
            .into_par_iter()
            .map(|r| r.and_then(crate::pipeline::analyze_isolated))
            .collect();
        for r in results {
            match r {
                Ok((mut doc, prepared)) => {
                    linker.link_prepared(&mut doc, prepared);
                    n_docs += 1;
                    n_words += doc
                        .tokens
                        .iter()
                        .filter(|t| t.shape == claimgraph_doc::TokenShape::Word)
                        .count();
                    if opts.json {
                        serde_json::to_writer(&mut *out, &doc.to_contract(opts.with_text))?;
                        out.write_all(b"\n")?;
                    } else {
                        render::write_doc(&mut *out, &doc, color)?;
                    }
                }
                Err(e) => {
                    out.flush()?;
                    eprintln!("{e}");
                    errors.push(e);
                }
            }
        }
        progress.set_message(format!("{n_docs} documents"));
        Ok(())
    };
    for input in &inputs {
        claimgraph_ingest::read_input(input, &ingest_opts, &mut |r| batch.push(r));
        if batch.len() >= BATCH {
            flush(&mut batch, &mut out).context("writing output")?;
        }
        progress.inc(1);
    }
    flush(&mut batch, &mut out).context("writing output")?;
    out.flush().context("writing output")?;
    drop(out);
    progress.finish_and_clear();

    let failed = errors.len();
    let linking = if linker.uses_embeddings() {
        "lexical + embeddings"
    } else {
        "lexical"
    };
    eprintln!(
        "{n_docs} documents, {failed} failed ({n_words} words, {} claims, {linking} linking)",
        linker.len()
    );
    Ok(if failed > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}
