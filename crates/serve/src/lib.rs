//! `claimgraph serve`: a JSON API and a web UI over the corpus store.
//!
//! Everything goes through the [`claimgraph_store::Store`] trait. Reads that
//! would scan the whole corpus per request (document, statement, entity and
//! actor lists, the claim ledger and its filters, the network) are answered
//! from a [`snapshot::Snapshot`] built once and rebuilt when the store's
//! counts change (after an API ingest at once, after an outside
//! `claimgraph ingest` within the refresh interval). Claim timelines,
//! `who`, search, events, document text and exports go to the store.
//!
//! Writes (`POST /api/documents`) go through the same pipeline as
//! `claimgraph ingest`: the binary passes an [`Ingest`] function (the crate
//! cannot depend on the binary's pipeline), which this crate calls with a
//! spooled file.

mod api;
pub mod client;
mod snapshot;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use serde::Serialize;

/// Runs one ingest over a spooled file (text, HTML or JSON Lines) into the
/// store, exactly as `claimgraph ingest FILE` would.
pub type Ingest = Arc<dyn Fn(&Path) -> Result<IngestCounts> + Send + Sync>;

/// What one [`Ingest`] call did.
#[derive(Clone, Copy, Debug, Default, Serialize)]
pub struct IngestCounts {
    pub new_docs: usize,
    pub known: usize,
    pub failed: usize,
    pub statements: usize,
}

#[derive(Clone)]
pub struct Config {
    pub db: PathBuf,
    pub addr: SocketAddr,
    /// Bearer token for writes (and reads with `protect_reads`). Without it,
    /// `POST /api/documents` is refused.
    pub token: Option<String>,
    pub protect_reads: bool,
    /// Request body limit in bytes.
    pub max_body: usize,
    /// Per-request time limit.
    pub timeout: Duration,
    /// How often the store's counts are checked for outside writes.
    pub refresh: Duration,
    /// Store connections for queries (concurrent blocking store calls).
    pub connections: usize,
    pub ingest: Option<Ingest>,
}

impl Config {
    pub fn new(db: PathBuf, addr: SocketAddr) -> Config {
        Config {
            db,
            addr,
            token: None,
            protect_reads: false,
            max_body: 10 << 20,
            timeout: Duration::from_secs(30),
            refresh: Duration::from_secs(2),
            connections: 4,
            ingest: None,
        }
    }
}

/// The routes, as `(method, path)`; `assets/openapi.json` describes exactly
/// these (a test keeps the two in step).
pub const API_ROUTES: &[(&str, &str)] = &[
    ("get", "/api/health"),
    ("get", "/api/documents"),
    ("post", "/api/documents"),
    ("get", "/api/documents/{id}"),
    ("get", "/api/statements"),
    ("get", "/api/entities"),
    ("get", "/api/events"),
    ("get", "/api/actors"),
    ("get", "/api/actors/{id}"),
    ("get", "/api/who"),
    ("get", "/api/claims"),
    ("get", "/api/claims/{id}"),
    ("get", "/api/search"),
    ("get", "/api/network"),
    ("get", "/api/outlets"),
    ("get", "/api/export/{format}"),
    ("get", "/api/openapi.json"),
];

/// A server running on its own thread (tests, embedding).
pub struct Server {
    pub addr: SocketAddr,
    shutdown: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<Result<()>>>,
}

impl Server {
    /// Stops accepting, finishes requests in flight, joins the thread.
    pub fn stop(mut self) -> Result<()> {
        self.halt()
    }

    fn halt(&mut self) -> Result<()> {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match self.thread.take() {
            Some(t) => t.join().map_err(|_| anyhow::anyhow!("server thread panicked"))?,
            None => Ok(()),
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.halt();
    }
}

fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_name("claimgraph-serve")
        .build()
        .context("starting the async runtime")
}

/// Starts a server on a thread of its own; returns once it listens
/// (`config.addr` may use port 0).
pub fn spawn(config: Config) -> Result<Server> {
    let (ready_tx, ready_rx) = std::sync::mpsc::channel::<Result<SocketAddr>>();
    let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
    let thread = std::thread::Builder::new()
        .name("claimgraph-serve".into())
        .spawn(move || -> Result<()> {
            let rt = runtime()?;
            rt.block_on(async move {
                let started = api::start(config).await;
                let (listener, app) = match started {
                    Ok(x) => x,
                    Err(e) => {
                        let msg = format!("{e:#}");
                        let _ = ready_tx.send(Err(e));
                        anyhow::bail!(msg);
                    }
                };
                let _ = ready_tx.send(listener.local_addr().context("local address"));
                axum::serve(listener, app)
                    .with_graceful_shutdown(async move {
                        let _ = stop_rx.await;
                    })
                    .await
                    .context("serving")
            })
        })
        .context("starting the server thread")?;
    let addr = ready_rx
        .recv()
        .map_err(|_| anyhow::anyhow!("server thread ended before listening"))??;
    Ok(Server {
        addr,
        shutdown: Some(stop_tx),
        thread: Some(thread),
    })
}

/// Serves until Ctrl-C / SIGTERM. `on_listen` gets the bound address.
pub fn run(config: Config, on_listen: impl FnOnce(SocketAddr)) -> Result<()> {
    let rt = runtime()?;
    rt.block_on(async move {
        let (listener, app) = api::start(config).await?;
        on_listen(listener.local_addr()?);
        axum::serve(listener, app)
            .with_graceful_shutdown(shutdown_signal())
            .await
            .context("serving")
    })
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}

/// The embedded OpenAPI description.
pub fn openapi_json() -> &'static str {
    include_str!("../assets/openapi.json")
}
