//! `claimgraph serve`: the HTTP API and web UI (crate `claimgraph-serve`)
//! over a store, with `POST /api/documents` ingesting through the same
//! path as `claimgraph ingest` ([`crate::store_cmd::ingest_paths`]).

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;

use anyhow::{bail, Result};

#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The store to serve.
    #[arg(long, default_value = "claimgraph.db")]
    pub db: PathBuf,
    /// Address to listen on (port 0: any free port, printed at start).
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Bearer token that enables `POST /api/documents` (and, with
    /// --protect-reads, is required for every API read). Default: the
    /// CLAIMGRAPH_TOKEN environment variable (keeps it out of `ps`).
    #[arg(long)]
    pub token: Option<String>,
    /// Require the token for reads too.
    #[arg(long)]
    pub protect_reads: bool,
    /// Create the store if it does not exist (to fill it through the API).
    #[arg(long)]
    pub create: bool,
    /// Request body limit (suffixes K, M, G allowed); also the largest
    /// document `POST /api/documents` accepts.
    #[arg(long, default_value = "10M", value_parser = crate::store_cmd::parse_size)]
    pub max_body: u64,
    /// Per-request time limit in seconds.
    #[arg(long, default_value_t = 30)]
    pub timeout: u64,
}

/// The ingest function the server calls for each posted document.
pub fn ingest_fn(db: PathBuf, max_doc_bytes: u64) -> claimgraph_serve::Ingest {
    Arc::new(move |path: &std::path::Path| {
        let s = crate::store_cmd::ingest_paths(&db, &[path.to_path_buf()], Some(1), 1, max_doc_bytes, false)?;
        Ok(claimgraph_serve::IngestCounts {
            new_docs: s.new_docs,
            known: s.known,
            failed: s.failed,
            statements: s.statements,
        })
    })
}

pub fn serve(a: &ServeArgs) -> Result<ExitCode> {
    if !a.db.exists() && !a.create {
        bail!(
            "{}: no such store (create it with `claimgraph ingest --db {} PATH...`, or pass --create)",
            a.db.display(),
            a.db.display()
        );
    }
    let token = a
        .token
        .clone()
        .or_else(|| std::env::var("CLAIMGRAPH_TOKEN").ok())
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    if a.protect_reads && token.is_none() {
        bail!("--protect-reads needs --token (or CLAIMGRAPH_TOKEN)");
    }
    if token.as_deref().is_some_and(|t| t.len() < 8) {
        bail!("the token must be at least 8 characters");
    }
    let mut cfg = claimgraph_serve::Config::new(a.db.clone(), a.addr);
    cfg.token = token;
    cfg.protect_reads = a.protect_reads;
    cfg.max_body = usize::try_from(a.max_body).unwrap_or(usize::MAX);
    cfg.timeout = Duration::from_secs(a.timeout.max(1));
    cfg.ingest = Some(ingest_fn(a.db.clone(), a.max_body));
    let writes = cfg.token.is_some();
    claimgraph_serve::run(cfg, |addr| {
        eprintln!(
            "claimgraph serve: http://{addr}/ (API under /api, description at /api/openapi.json; writes {})",
            if writes { "enabled" } else { "disabled: no token" }
        );
    })?;
    Ok(ExitCode::SUCCESS)
}
