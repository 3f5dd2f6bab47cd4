//! The router, the handlers and the error shape (`{"error", "status"}`).

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock};

use anyhow::{anyhow, Context, Result};
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, Query, Request, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use claimgraph_store::export::{self, Format};
use claimgraph_store::{ClaimQuery, ClaimRow, ClaimSort, EventQuery, ExportStatement, StatementRow, Store};
use serde::{Deserialize, Serialize};
use serde_json::json;
use tokio::net::TcpListener;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;

use crate::snapshot::{Ledger, Snapshot, SortKey, MAX_PAGES};
use crate::Config;

// ---------------------------------------------------------------------------
// state

pub struct AppState {
    cfg: Config,
    db: PathBuf,
    idle: Mutex<Vec<Box<dyn Store>>>,
    permits: tokio::sync::Semaphore,
    snap: RwLock<Arc<Snapshot>>,
    rebuilding: tokio::sync::Mutex<()>,
    ingesting: tokio::sync::Mutex<()>,
    spool: PathBuf,
    seq: AtomicU64,
}

type S = Arc<AppState>;

impl AppState {
    fn snap(&self) -> Arc<Snapshot> {
        match self.snap.read() {
            Ok(g) => g.clone(),
            Err(p) => p.into_inner().clone(),
        }
    }

    /// Runs a blocking store call on a pooled connection.
    async fn db<T, F>(self: &Arc<Self>, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&dyn Store) -> Result<T> + Send + 'static,
    {
        let _permit = self
            .permits
            .acquire()
            .await
            .map_err(|_| ApiError::internal("shutting down"))?;
        let st = self.clone();
        tokio::task::spawn_blocking(move || -> Result<T> {
            let store = st.idle.lock().map_err(|_| anyhow!("pool poisoned"))?.pop();
            let store = match store {
                Some(s) => s,
                None => claimgraph_store::open(&st.db)?,
            };
            let r = f(store.as_ref());
            if let Ok(mut idle) = st.idle.lock() {
                idle.push(store);
            }
            r
        })
        .await
        .map_err(|e| ApiError::internal(format!("store task failed: {e}")))?
        .map_err(ApiError::from)
    }

    /// Rebuilds the snapshot when the store's counts changed (or always).
    async fn refresh(self: &Arc<Self>, force: bool) -> Result<(), ApiError> {
        let _g = self.rebuilding.lock().await;
        if !force {
            let counts = self.db(|s| s.counts()).await?;
            if counts == self.snap().counts {
                return Ok(());
            }
        }
        let snap = self.db(|s| Snapshot::build(s)).await?;
        match self.snap.write() {
            Ok(mut g) => *g = Arc::new(snap),
            Err(p) => *p.into_inner() = Arc::new(snap),
        }
        Ok(())
    }

    fn token_ok(&self, headers: &HeaderMap) -> bool {
        let Some(token) = &self.cfg.token else {
            return false;
        };
        let given = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .unwrap_or("");
        // Constant time in the token's length.
        let (a, b) = (given.as_bytes(), token.as_bytes());
        a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
    }
}

/// Opens the store, builds the first snapshot, binds the address.
pub async fn start(cfg: Config) -> Result<(TcpListener, Router)> {
    let db = cfg.db.clone();
    let (store, snap) = tokio::task::spawn_blocking(move || -> Result<_> {
        let store = claimgraph_store::open(&db).with_context(|| format!("opening {}", db.display()))?;
        let snap = Snapshot::build(store.as_ref())?;
        Ok((store, snap))
    })
    .await??;
    let spool = std::env::temp_dir().join(format!("claimgraph-serve-{}", std::process::id()));
    let listener = TcpListener::bind(cfg.addr)
        .await
        .with_context(|| format!("listening on {}", cfg.addr))?;
    let st = Arc::new(AppState {
        db: cfg.db.clone(),
        idle: Mutex::new(vec![store]),
        permits: tokio::sync::Semaphore::new(cfg.connections.max(1)),
        snap: RwLock::new(Arc::new(snap)),
        rebuilding: tokio::sync::Mutex::new(()),
        ingesting: tokio::sync::Mutex::new(()),
        spool,
        seq: AtomicU64::new(0),
        cfg,
    });
    let weak = Arc::downgrade(&st);
    let every = st.cfg.refresh;
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            let Some(st) = weak.upgrade() else { return };
            if let Err(e) = st.refresh(false).await {
                eprintln!("claimgraph serve: refreshing the snapshot: {}", e.msg);
            }
        }
    });
    Ok((listener, router(st)))
}

pub fn router(st: S) -> Router {
    let mut reads = Router::new()
        .route("/api/documents", get(list_documents).post(post_document))
        .route("/api/documents/{id}", get(one_document))
        .route("/api/statements", get(list_statements))
        .route("/api/entities", get(list_entities))
        .route("/api/events", get(list_events))
        .route("/api/actors", get(list_actors))
        .route("/api/actors/{id}", get(one_actor))
        .route("/api/who", get(who))
        .route("/api/claims", get(list_claims))
        .route("/api/claims/{id}", get(one_claim))
        .route("/api/search", get(search))
        .route("/api/network", get(network))
        .route("/api/outlets", get(list_outlets))
        .route("/api/export/{format}", get(export_store));
    if st.cfg.protect_reads {
        reads = reads.route_layer(middleware::from_fn_with_state(st.clone(), require_read_token));
    }
    let max_body = st.cfg.max_body;
    let timeout = st.cfg.timeout;
    Router::new()
        .merge(reads)
        .route("/api/health", get(health))
        .route("/api/openapi.json", get(openapi))
        .route("/", get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }))
        .route(
            "/assets/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/assets/graph.js",
            get(|| async { asset("text/javascript; charset=utf-8", GRAPH_JS) }),
        )
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css; charset=utf-8", STYLE_CSS) }),
        )
        .route("/favicon.ico", get(|| async { StatusCode::NO_CONTENT }))
        .fallback(|| async { ApiError::new(StatusCode::NOT_FOUND, "no such route") })
        .with_state(st)
        .layer(CatchPanicLayer::custom(|_: Box<dyn std::any::Any + Send>| {
            ApiError::internal("internal error").into_response()
        }))
        .layer(DefaultBodyLimit::max(max_body))
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(TimeoutLayer::with_status_code(StatusCode::SERVICE_UNAVAILABLE, timeout))
        .layer(middleware::from_fn(json_errors))
}

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const GRAPH_JS: &str = include_str!("../assets/graph.js");
const STYLE_CSS: &str = include_str!("../assets/style.css");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}

async fn openapi() -> Response {
    ([(header::CONTENT_TYPE, "application/json")], crate::openapi_json()).into_response()
}

// ---------------------------------------------------------------------------
// errors

#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    msg: String,
}

impl ApiError {
    fn new(status: StatusCode, msg: impl Into<String>) -> ApiError {
        ApiError {
            status,
            msg: msg.into(),
        }
    }
    fn bad(msg: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, msg)
    }
    fn not_found(msg: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, msg)
    }
    fn internal(msg: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, msg)
    }
}

impl From<anyhow::Error> for ApiError {
    fn from(e: anyhow::Error) -> ApiError {
        ApiError::internal(format!("{e:#}"))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut r = (
            self.status,
            Json(json!({"error": self.msg, "status": self.status.as_u16()})),
        )
            .into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            r.headers_mut()
                .insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
        }
        r
    }
}

/// Every 4xx/5xx leaves as `{"error", "status"}`, including the ones axum
/// and tower-http produce (rejected query strings, body limit, timeout, 405).
async fn json_errors(req: Request, next: Next) -> Response {
    let res = next.run(req).await;
    let status = res.status();
    if !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let is_json = res
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/json"));
    if is_json {
        return res;
    }
    let (parts, body) = res.into_parts();
    let bytes = axum::body::to_bytes(body, 64 << 10).await.unwrap_or_default();
    let mut msg = String::from_utf8_lossy(&bytes).trim().to_string();
    if msg.is_empty() {
        msg = match status {
            StatusCode::SERVICE_UNAVAILABLE => "request timed out".to_string(),
            s => s.canonical_reason().unwrap_or("error").to_lowercase(),
        };
    }
    let mut r = ApiError::new(status, msg).into_response();
    for h in [header::ALLOW, header::WWW_AUTHENTICATE] {
        if let Some(v) = parts.headers.get(&h) {
            r.headers_mut().insert(h, v.clone());
        }
    }
    r
}

async fn require_read_token(State(st): State<S>, req: Request, next: Next) -> Response {
    if st.token_ok(req.headers()) {
        next.run(req).await
    } else {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "this server requires a bearer token for reads",
        )
        .into_response()
    }
}

// ---------------------------------------------------------------------------
// pagination

const MAX_LIMIT: usize = 1000;

#[derive(Serialize)]
struct Page<T: Serialize> {
    total: usize,
    limit: usize,
    offset: usize,
    items: Vec<T>,
}

fn page_bounds(limit: Option<usize>, offset: Option<usize>, default: usize) -> Result<(usize, usize), ApiError> {
    let limit = limit.unwrap_or(default);
    if limit == 0 || limit > MAX_LIMIT {
        return Err(ApiError::bad(format!("limit must be between 1 and {MAX_LIMIT}")));
    }
    Ok((limit, offset.unwrap_or(0)))
}

fn page_of<T: Serialize + Clone>(all: impl Iterator<Item = T>, limit: usize, offset: usize) -> Page<T> {
    let mut total = 0;
    let mut items = Vec::new();
    for x in all {
        if total >= offset && items.len() < limit {
            items.push(x);
        }
        total += 1;
    }
    Page {
        total,
        limit,
        offset,
        items,
    }
}

fn check_date(name: &str, v: &Option<String>) -> Result<(), ApiError> {
    match v {
        Some(d) if !claimgraph_store::valid_date(d) => Err(ApiError::bad(format!(
            "{name} must be YYYY, YYYY-MM or YYYY-MM-DD, not {d:?}"
        ))),
        _ => Ok(()),
    }
}

/// Whether `date` (as written) falls in `[since, until]` at the precision
/// of each bound.
fn date_in(date: Option<&str>, since: Option<&str>, until: Option<&str>) -> bool {
    if since.is_none() && until.is_none() {
        return true;
    }
    let Some(d) = date else { return false };
    let pre = |b: &str| &d[..d.len().min(b.len())];
    since.is_none_or(|s| pre(s) >= s) && until.is_none_or(|u| pre(u) <= u)
}

fn contains_ci(hay: &str, needle_lower: &str) -> bool {
    needle_lower.is_empty() || hay.to_lowercase().contains(needle_lower)
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

// ---------------------------------------------------------------------------
// handlers

async fn health(State(st): State<S>, headers: HeaderMap) -> Result<Json<serde_json::Value>, ApiError> {
    let snap = st.snap();
    let reads_open = !st.cfg.protect_reads || st.token_ok(&headers);
    let version = st.db(|s| s.schema_version()).await?;
    let mut v = json!({
        "status": "ok",
        "backend": "sqlite",
        "schema_version": version,
        "writes": st.cfg.token.is_some() && st.cfg.ingest.is_some(),
        "protect_reads": st.cfg.protect_reads,
    });
    if reads_open {
        v["counts"] = serde_json::to_value(snap.counts).unwrap_or_default();
    }
    Ok(Json(v))
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct DocsQuery {
    q: Option<String>,
    outlet: Option<String>,
    since: Option<String>,
    until: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list_documents(State(st): State<S>, Query(p): Query<DocsQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    check_date("since", &p.since)?;
    check_date("until", &p.until)?;
    let snap = st.snap();
    let q = nonempty(&p.q).map(|s| s.to_lowercase()).unwrap_or_default();
    let outlet = nonempty(&p.outlet);
    let page = page_of(
        snap.documents
            .iter()
            .filter(|d| {
                (q.is_empty()
                    || contains_ci(d.title.as_deref().unwrap_or(""), &q)
                    || contains_ci(&d.source, &q)
                    || contains_ci(&d.id, &q))
                    && outlet
                        .as_deref()
                        .is_none_or(|o| d.outlet.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(o)))
                    && date_in(d.published.as_deref(), p.since.as_deref(), p.until.as_deref())
            })
            .cloned(),
        limit,
        offset,
    );
    Ok(Json(page).into_response())
}

async fn one_document(State(st): State<S>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let snap = st.snap();
    if !snap.doc_pos.contains_key(&id) {
        return Err(ApiError::not_found(format!("no document {id:?}")));
    }
    let want = id.clone();
    let (doc, mut events) = st
        .db(move |s| {
            let mut found = None;
            let r = s.scan_documents(true, &mut |d| {
                if d.id == want {
                    found = Some(d);
                    // Stops the scan early.
                    Err(anyhow!("found"))
                } else {
                    Ok(())
                }
            });
            let doc = match (found, r) {
                (Some(d), _) => Some(d),
                (None, Err(e)) => return Err(e),
                (None, Ok(())) => None,
            };
            let events = s
                .events(&EventQuery {
                    document: Some(want),
                    ..Default::default()
                })?
                .items;
            Ok((doc, events))
        })
        .await?;
    let doc = doc.ok_or_else(|| ApiError::not_found(format!("no document {id:?}")))?;
    // In reading order.
    events.sort_by_key(|e| (e.start, e.end, e.event_id));
    let statements: Vec<&ExportStatement> = snap
        .by_doc
        .get(&id)
        .map(|v| v.iter().map(|&i| &snap.statements[i]).collect())
        .unwrap_or_default();
    let entities: Vec<_> = snap
        .ent_by_doc
        .get(&id)
        .map(|v| v.iter().map(|&i| &snap.entities[i]).collect())
        .unwrap_or_default();
    let actors: HashMap<&str, &str> = statements
        .iter()
        .filter_map(|s| s.speaker_actor.as_deref())
        .chain(entities.iter().filter_map(|e| e.actor_id.as_deref()))
        .filter_map(|a| snap.actor_pos.get(a).map(|&i| (a, snap.actors[i].name.as_str())))
        .collect();
    Ok(Json(json!({
        "document": doc,
        "statements": statements,
        "entities": entities,
        "events": events,
        "actors": actors,
    }))
    .into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct StatementsQuery {
    document: Option<String>,
    claim: Option<String>,
    speaker: Option<String>,
    actor: Option<String>,
    stance: Option<String>,
    outlet: Option<String>,
    since: Option<String>,
    until: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

const STANCES: &[&str] = &["assert", "deny", "speculate", "question"];

async fn list_statements(State(st): State<S>, Query(p): Query<StatementsQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    check_date("since", &p.since)?;
    check_date("until", &p.until)?;
    if let Some(s) = &p.stance {
        if !STANCES.contains(&s.as_str()) {
            return Err(ApiError::bad(format!(
                "stance must be assert, deny, speculate or question, not {s:?}"
            )));
        }
    }
    let snap = st.snap();
    let speaker = nonempty(&p.speaker).map(|s| s.to_lowercase()).unwrap_or_default();
    let q = nonempty(&p.q).map(|s| s.to_lowercase()).unwrap_or_default();
    let outlet = nonempty(&p.outlet);
    let base: Box<dyn Iterator<Item = &ExportStatement>> = match (&p.document, &p.claim) {
        (Some(d), _) => Box::new(snap.by_doc.get(d).into_iter().flatten().map(|&i| &snap.statements[i])),
        (None, Some(c)) => Box::new(snap.by_claim.get(c).into_iter().flatten().map(|&i| &snap.statements[i])),
        (None, None) => Box::new(snap.statements.iter()),
    };
    let page = page_of(
        base.filter(|s| {
            p.claim.as_deref().is_none_or(|c| s.claim_id.as_deref() == Some(c))
                && p.actor.as_deref().is_none_or(|a| s.speaker_actor.as_deref() == Some(a))
                && p.stance.as_deref().is_none_or(|x| s.stance == x)
                && contains_ci(&s.speaker, &speaker)
                && contains_ci(&s.content, &q)
                && outlet
                    .as_deref()
                    .is_none_or(|o| s.outlet.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(o)))
                && date_in(s.date.as_deref(), p.since.as_deref(), p.until.as_deref())
        })
        .cloned(),
        limit,
        offset,
    );
    Ok(Json(page).into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct EntitiesQuery {
    document: Option<String>,
    etype: Option<String>,
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list_entities(State(st): State<S>, Query(p): Query<EntitiesQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    let snap = st.snap();
    let q = nonempty(&p.q).map(|s| s.to_lowercase()).unwrap_or_default();
    let page = page_of(
        snap.entities
            .iter()
            .filter(|e| {
                p.document.as_deref().is_none_or(|d| e.document == d)
                    && p.etype.as_deref().is_none_or(|t| e.etype.eq_ignore_ascii_case(t))
                    && contains_ci(&e.name, &q)
            })
            .cloned(),
        limit,
        offset,
    );
    Ok(Json(page).into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct EventsQuery {
    actor: Option<String>,
    code: Option<String>,
    since: Option<String>,
    until: Option<String>,
    document: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

/// Events from the store (filtered and paged there: the snapshot holds no
/// events), newest first.
async fn list_events(State(st): State<S>, Query(p): Query<EventsQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    let q = EventQuery {
        actor: nonempty(&p.actor),
        code: nonempty(&p.code),
        since: nonempty(&p.since),
        until: nonempty(&p.until),
        document: nonempty(&p.document),
        limit: Some(limit),
        offset,
    };
    q.check().map_err(|e| ApiError::bad(e.to_string()))?;
    let page = st.db(move |s| s.events(&q)).await?;
    Ok(Json(Page {
        total: page.total as usize,
        limit,
        offset,
        items: page.items,
    })
    .into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ActorsQuery {
    q: Option<String>,
    etype: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn list_actors(State(st): State<S>, Query(p): Query<ActorsQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    let snap = st.snap();
    let q = nonempty(&p.q).map(|s| s.to_lowercase()).unwrap_or_default();
    let page = page_of(
        snap.actors
            .iter()
            .filter(|a| {
                p.etype.as_deref().is_none_or(|t| a.etype.eq_ignore_ascii_case(t))
                    && (contains_ci(&a.name, &q) || a.aliases.iter().any(|x| contains_ci(x, &q)))
            })
            .cloned(),
        limit,
        offset,
    );
    Ok(Json(page).into_response())
}

#[derive(Serialize)]
struct ClaimStances {
    claim_id: Option<String>,
    claim_text: Option<String>,
    assert: u64,
    deny: u64,
    speculate: u64,
    question: u64,
    statements: u64,
}

fn stance_summary(statements: &[StatementRow]) -> Vec<ClaimStances> {
    let mut by: BTreeMap<Option<String>, ClaimStances> = BTreeMap::new();
    for s in statements {
        let e = by.entry(s.claim_id.clone()).or_insert_with(|| ClaimStances {
            claim_id: s.claim_id.clone(),
            claim_text: s.claim_text.clone(),
            assert: 0,
            deny: 0,
            speculate: 0,
            question: 0,
            statements: 0,
        });
        e.statements += 1;
        match s.stance.as_str() {
            "deny" => e.deny += 1,
            "speculate" => e.speculate += 1,
            "question" => e.question += 1,
            _ => e.assert += 1,
        }
    }
    let mut v: Vec<ClaimStances> = by.into_values().collect();
    v.sort_by_key(|c| std::cmp::Reverse(c.statements));
    v
}

async fn one_actor(State(st): State<S>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let snap = st.snap();
    let Some(&pos) = snap.actor_pos.get(&id) else {
        return Err(ApiError::not_found(format!("no actor {id:?}")));
    };
    let actor = snap.actors[pos].clone();
    let name = actor.name.clone();
    let who = st.db(move |s| s.who(&name, None)).await?;
    let mine: Vec<StatementRow> = who
        .statements
        .iter()
        .filter(|s| s.speaker_actor.as_deref() == Some(id.as_str()))
        .cloned()
        .collect();
    let statements = if mine.is_empty() { who.statements } else { mine };
    let claims = stance_summary(&statements);
    Ok(Json(json!({"actor": actor, "claims": claims, "statements": statements})).into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct WhoQuery {
    name: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn who(State(st): State<S>, Query(p): Query<WhoQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 200)?;
    let Some(name) = nonempty(&p.name) else {
        return Err(ApiError::bad("name is required"));
    };
    let r = st.db(move |s| s.who(&name, None)).await?;
    let claims = stance_summary(&r.statements);
    let page = page_of(r.statements.into_iter(), limit, offset);
    Ok(Json(json!({
        "actors": r.actors,
        "claims": claims,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "items": page.items,
        // what the source passed on from others ("TASS, citing …"): the
        // first `limit`, oldest first
        "relayed_total": r.relayed.len(),
        "relayed": r.relayed.into_iter().take(limit).collect::<Vec<_>>(),
    }))
    .into_response())
}

#[derive(Deserialize, Debug, Default)]
#[serde(deny_unknown_fields)]
struct ClaimsQuery {
    since: Option<String>,
    until: Option<String>,
    outlet: Option<String>,
    q: Option<String>,
    min_assert: Option<u64>,
    min_deny: Option<u64>,
    min_speculate: Option<u64>,
    min_question: Option<u64>,
    min_articles: Option<u64>,
    contested: Option<bool>,
    evidence: Option<bool>,
    sort: Option<String>,
    order: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn ledger(st: &S, since: Option<String>) -> Result<Arc<Ledger>, ApiError> {
    let snap = st.snap();
    let cell = snap.ledger_cell(since.as_deref().unwrap_or(""));
    let ledger = cell
        .get_or_try_init(|| async {
            let rows = st
                // Fields the store may add to the query keep their defaults.
                .db(move |s| {
                    #[allow(clippy::needless_update)]
                    s.claims(&ClaimQuery {
                        since,
                        limit: None,
                        sort: ClaimSort::Last,
                        ..Default::default()
                    })
                })
                .await?;
            Ok::<_, ApiError>(Snapshot::make_ledger(rows))
        })
        .await?;
    Ok(ledger.clone())
}

async fn list_claims(State(st): State<S>, Query(p): Query<ClaimsQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 50)?;
    check_date("since", &p.since)?;
    check_date("until", &p.until)?;
    let key = match p.sort.as_deref() {
        None => SortKey::Last,
        Some(s) => SortKey::parse(s).ok_or_else(|| {
            ApiError::bad(format!(
                "sort must be one of last, first, articles, statements, outlets, assert, deny, speculate, question, text; not {s:?}"
            ))
        })?,
    };
    let desc = match p.order.as_deref() {
        None => key.default_desc(),
        Some("desc") => true,
        Some("asc") => false,
        Some(o) => return Err(ApiError::bad(format!("order must be asc or desc, not {o:?}"))),
    };
    let since = nonempty(&p.since);
    let ledger = ledger(&st, since.clone()).await?;
    let cache_key = format!("{p:?}");
    if let Some(b) = ledger.pages.lock().ok().and_then(|m| m.get(&cache_key).cloned()) {
        return Ok(json_bytes(b));
    }
    let snap = st.snap();
    let order = ledger.order(key, desc);
    let q = nonempty(&p.q).map(|s| s.to_lowercase()).unwrap_or_default();
    let outlet = nonempty(&p.outlet);
    let until = nonempty(&p.until);
    let by_statements = until.is_some() || outlet.is_some();
    let passes = |i: usize| -> bool {
        let r: &ClaimRow = &ledger.rows[i];
        (q.is_empty() || ledger.lower[i].contains(&q))
            && p.min_assert.is_none_or(|m| r.assert >= m)
            && p.min_deny.is_none_or(|m| r.deny >= m)
            && p.min_speculate.is_none_or(|m| r.speculate >= m)
            && p.min_question.is_none_or(|m| r.question >= m)
            && p.min_articles.is_none_or(|m| r.articles >= m)
            && p.contested.is_none_or(|c| c == (r.assert > 0 && r.deny > 0))
            && p.evidence.is_none_or(|e| e == r.evidence)
            && (!by_statements
                || snap.by_claim.get(&r.id).is_some_and(|v| {
                    v.iter().any(|&j| {
                        let s = &snap.statements[j];
                        date_in(s.date.as_deref(), since.as_deref(), until.as_deref())
                            && outlet
                                .as_deref()
                                .is_none_or(|o| s.outlet.as_deref().is_some_and(|x| x.eq_ignore_ascii_case(o)))
                    })
                }))
    };
    let page = page_of(
        order
            .iter()
            .map(|&i| i as usize)
            .filter(|&i| passes(i))
            .map(|i| &ledger.rows[i]),
        limit,
        offset,
    );
    let body = Bytes::from(serde_json::to_vec(&page).map_err(|e| ApiError::internal(e.to_string()))?);
    if let Ok(mut m) = ledger.pages.lock() {
        if m.len() >= MAX_PAGES {
            m.clear();
        }
        m.insert(cache_key, body.clone());
    }
    Ok(json_bytes(body))
}

fn json_bytes(b: Bytes) -> Response {
    ([(header::CONTENT_TYPE, "application/json")], b).into_response()
}

async fn one_claim(State(st): State<S>, Path(id): Path<String>) -> Result<Response, ApiError> {
    let want = id.clone();
    let t = st
        .db(move |s| s.claim_timeline(&want))
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no claim {id:?}")))?;
    Ok(Json(t).into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct SearchQuery {
    q: Option<String>,
    limit: Option<usize>,
    offset: Option<usize>,
}

async fn search(State(st): State<S>, Query(p): Query<SearchQuery>) -> Result<Response, ApiError> {
    let (limit, offset) = page_bounds(p.limit, p.offset, 20)?;
    let Some(q) = nonempty(&p.q) else {
        return Err(ApiError::bad("q is required"));
    };
    if q.len() > 1000 {
        return Err(ApiError::bad("q is longer than 1000 bytes"));
    }
    let want = offset.saturating_add(limit).saturating_add(1).min(MAX_LIMIT * 10);
    let hits = st.db(move |s| s.search(&q, want)).await?;
    let has_more = hits.len() > offset + limit;
    let total = hits.len().min(offset + limit);
    let items: Vec<_> = hits.into_iter().skip(offset).take(limit).collect();
    Ok(Json(json!({
        "total": total,
        "has_more": has_more,
        "limit": limit,
        "offset": offset,
        "items": items,
    }))
    .into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct NetworkQuery {
    since: Option<String>,
    claims: Option<usize>,
}

#[derive(Serialize)]
struct Node {
    id: String,
    label: String,
    kind: &'static str,
    weight: u64,
}

async fn network(State(st): State<S>, Query(p): Query<NetworkQuery>) -> Result<Response, ApiError> {
    check_date("since", &p.since)?;
    let n = p.claims.unwrap_or(40);
    if n == 0 || n > 500 {
        return Err(ApiError::bad("claims must be between 1 and 500"));
    }
    let since = nonempty(&p.since);
    let ledger = ledger(&st, since.clone()).await?;
    let snap = st.snap();
    let order = ledger.order(SortKey::Statements, true);
    let mut nodes: Vec<Node> = Vec::new();
    let mut node_pos: HashMap<String, usize> = HashMap::new();
    let mut edges: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    for &i in order.iter().take(n) {
        let c = &ledger.rows[i as usize];
        let cid = format!("c:{}", c.id);
        nodes.push(Node {
            id: cid.clone(),
            label: c.text.clone(),
            kind: "claim",
            weight: c.statements,
        });
        let mut seen = HashSet::new();
        for &j in snap.by_claim.get(&c.id).into_iter().flatten() {
            let s = &snap.statements[j];
            if !date_in(s.date.as_deref(), since.as_deref(), None) {
                continue;
            }
            let (sid, label) = snap.speaker_node(s);
            match node_pos.get(&sid) {
                Some(&k) => {
                    if seen.insert(sid.clone()) {
                        nodes[k].weight += 1;
                    }
                }
                None => {
                    seen.insert(sid.clone());
                    node_pos.insert(sid.clone(), nodes.len());
                    nodes.push(Node {
                        id: sid.clone(),
                        label,
                        kind: "actor",
                        weight: 1,
                    });
                }
            }
            *edges.entry((sid, cid.clone(), s.stance.clone())).or_default() += 1;
        }
    }
    let edges: Vec<_> = edges
        .into_iter()
        .map(|((source, target, stance), count)| json!({"source": source, "target": target, "stance": stance, "count": count}))
        .collect();
    Ok(Json(json!({"nodes": nodes, "edges": edges})).into_response())
}

async fn list_outlets(State(st): State<S>) -> Result<Response, ApiError> {
    let snap = st.snap();
    Ok(Json(json!({"total": snap.outlets.len(), "items": snap.outlets})).into_response())
}

#[derive(Deserialize, Debug)]
#[serde(deny_unknown_fields)]
struct ExportQuery {
    table: Option<String>,
}

const CSV_TABLES: &[&str] = &[
    "documents",
    "statements",
    "claims",
    "actors",
    "outlets",
    "entities",
    "events",
];

async fn export_store(
    State(st): State<S>,
    Path(format): Path<String>,
    Query(p): Query<ExportQuery>,
) -> Result<Response, ApiError> {
    let fmt: Format = format.parse().map_err(ApiError::not_found)?;
    let (ctype, name) = match fmt {
        Format::Json => ("application/json", "claimgraph.json".to_string()),
        Format::Graphml => ("application/xml", "claimgraph.graphml".to_string()),
        Format::ClaimReview => ("application/ld+json", "claimreview.jsonld".to_string()),
        Format::Ftm => ("application/x-ndjson", "claimgraph.ftm.jsonl".to_string()),
        Format::Csv => {
            let t = p.table.clone().unwrap_or_else(|| "statements".to_string());
            if !CSV_TABLES.contains(&t.as_str()) {
                return Err(ApiError::bad(format!("table must be one of {}", CSV_TABLES.join(", "))));
            }
            ("text/csv; charset=utf-8", format!("{t}.csv"))
        }
    };
    if fmt != Format::Csv && p.table.is_some() {
        return Err(ApiError::bad("table applies to the csv export only"));
    }
    let dir = st
        .spool
        .join(format!("export-{}", st.seq.fetch_add(1, Ordering::Relaxed)));
    let file = name.clone();
    let body = st
        .db(move |s| -> Result<Vec<u8>> {
            let mut out = Vec::new();
            match fmt {
                Format::Json => export::write_json(s, &mut out)?,
                Format::Graphml => export::write_graphml(s, &mut out)?,
                Format::ClaimReview => export::write_claimreview(s, &mut out)?,
                Format::Ftm => export::write_ftm(s, &mut out)?,
                Format::Csv => {
                    let r = export::write_csv(s, &dir).and_then(|_| {
                        std::fs::read(dir.join(&file)).with_context(|| format!("reading {}", dir.join(&file).display()))
                    });
                    let _ = std::fs::remove_dir_all(&dir);
                    out = r?;
                }
            }
            Ok(out)
        })
        .await?;
    Ok((
        [
            (header::CONTENT_TYPE, ctype.to_string()),
            (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
        ],
        body,
    )
        .into_response())
}

// ---------------------------------------------------------------------------
// ingest

#[derive(Deserialize)]
struct PostDoc {
    text: Option<String>,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    url: Option<String>,
    id: Option<String>,
}

async fn post_document(State(st): State<S>, headers: HeaderMap, body: Bytes) -> Result<Response, ApiError> {
    if st.cfg.token.is_none() {
        return Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "writes are disabled: start `claimgraph serve` with --token or CLAIMGRAPH_TOKEN",
        ));
    }
    if !st.token_ok(&headers) {
        return Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "POST /api/documents needs `Authorization: Bearer <token>`",
        ));
    }
    let Some(ingest) = st.cfg.ingest.clone() else {
        return Err(ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ingest is not available",
        ));
    };
    if body.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::bad("empty body"));
    }
    let ctype = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("text/plain")
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let (ext, bytes, want_id) = match ctype.as_str() {
        "application/json" => {
            let d: PostDoc =
                serde_json::from_slice(&body).map_err(|e| ApiError::bad(format!("malformed JSON: {e}")))?;
            let text = d
                .text
                .filter(|t| !t.trim().is_empty())
                .ok_or_else(|| ApiError::bad("\"text\" is required"))?;
            if let Some(p) = &d.published {
                if p.len() < 4 || !claimgraph_store::valid_date(&p[..p.len().min(10)]) {
                    return Err(ApiError::bad(format!("published must start YYYY-MM-DD, not {p:?}")));
                }
            }
            let id =
                d.id.filter(|s| !s.trim().is_empty())
                    .unwrap_or_else(|| format!("api-{}", &claimgraph_store::content_hash(&text)[..16]));
            if id.len() > 200 || id.contains(['/', '?', '#']) {
                return Err(ApiError::bad("id must be at most 200 bytes without '/', '?' or '#'"));
            }
            let line = json!({"id": id, "text": text, "title": d.title, "published": d.published,
                              "outlet": d.outlet, "url": d.url});
            let mut b = serde_json::to_vec(&line).map_err(|e| ApiError::internal(e.to_string()))?;
            b.push(b'\n');
            ("jsonl", b, Some(id))
        }
        "text/html" | "application/xhtml+xml" => ("html", body.to_vec(), None),
        "text/plain" | "" => ("txt", body.to_vec(), None),
        other => {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("unsupported content type {other:?}: send text/plain, text/html or application/json"),
            ))
        }
    };
    let _one_writer = st.ingesting.lock().await;
    std::fs::create_dir_all(&st.spool).map_err(|e| ApiError::internal(format!("spool folder: {e}")))?;
    let path = st
        .spool
        .join(format!("upload-{}.{ext}", st.seq.fetch_add(1, Ordering::Relaxed)));
    std::fs::write(&path, &bytes).map_err(|e| ApiError::internal(format!("spooling the upload: {e}")))?;
    let p2 = path.clone();
    let counts = tokio::task::spawn_blocking(move || ingest(&p2))
        .await
        .map_err(|e| ApiError::internal(format!("ingest task failed: {e}")));
    let _ = std::fs::remove_file(&path);
    let counts = counts?.map_err(ApiError::from)?;
    if counts.failed > 0 {
        return Err(ApiError::new(
            StatusCode::UNPROCESSABLE_ENTITY,
            "the document could not be read (empty, binary or malformed; the server log has the reason)",
        ));
    }
    st.refresh(true).await?;
    let snap = st.snap();
    let source = path.display().to_string();
    let doc = snap
        .documents
        .iter()
        .find(|d| match &want_id {
            Some(id) => &d.id == id,
            None => d.source == source,
        })
        .cloned();
    if counts.new_docs > 0 {
        Ok((
            StatusCode::CREATED,
            Json(json!({"status": "created", "document": doc, "statements": counts.statements})),
        )
            .into_response())
    } else {
        Ok(Json(json!({"status": "duplicate", "document": doc})).into_response())
    }
}
