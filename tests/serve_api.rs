//! `claimgraph serve` end to end over a real store: the gold dev articles
//! (or `examples/` when ../shared is absent) ingested with the same code as
//! `claimgraph ingest`, the server on a free loopback port, every endpoint
//! read, documents posted, and each kind of bad request answered with a
//! JSON error (never a panic, never a hang).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use claimgraph_serve::client::{self, Response};
use claimgraph_serve::{Config, IngestCounts};
use serde_json::Value;

const TOKEN: &str = "test-token-0123";

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dev = std::env::var_os("CLAIMGRAPH_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("../shared"))
        .join("gold/dev");
    if dev.is_dir() {
        let mut v: Vec<PathBuf> = std::fs::read_dir(&dev)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        v.sort();
        v
    } else {
        eprintln!("serve_api: ../shared/gold/dev is absent, using examples/");
        vec![root.join("examples")]
    }
}

fn ingest_fn(db: PathBuf) -> claimgraph_serve::Ingest {
    Arc::new(move |p: &Path| {
        let s = claimgraph::store_cmd::ingest_paths(&db, &[p.to_path_buf()], Some(1), 1, 10 << 20, false)?;
        Ok(IngestCounts {
            new_docs: s.new_docs,
            known: s.known,
            failed: s.failed,
            statements: s.statements,
        })
    })
}

fn store(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-serve-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let db = dir.join("store.db");
    let s = claimgraph::store_cmd::ingest_paths(&db, &corpus(), Some(2), 64, 10 << 20, false).unwrap();
    assert!(s.new_docs > 0 && s.statements > 0, "{s}");
    db
}

fn get(addr: SocketAddr, path: &str) -> Value {
    let r = client::get(addr, path).unwrap();
    assert_eq!(r.status, 200, "GET {path}: {}", r.text());
    r.json().unwrap()
}

/// A 4xx/5xx with the JSON error shape.
fn err(r: Response, status: u16, what: &str) -> String {
    assert_eq!(r.status, status, "{what}: {}", r.text());
    let v = r.json().unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(v["status"], status, "{what}: {v}");
    v["error"].as_str().unwrap_or_else(|| panic!("{what}: {v}")).to_string()
}

fn enc(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn reads_writes_and_bad_requests() {
    let db = store("main");
    let mut cfg = Config::new(db.clone(), "127.0.0.1:0".parse().unwrap());
    cfg.token = Some(TOKEN.into());
    cfg.ingest = Some(ingest_fn(db.clone()));
    let server = claimgraph_serve::spawn(cfg).unwrap();
    let a = server.addr;

    // Health and counts.
    let h = get(a, "/api/health");
    assert_eq!((h["status"].as_str(), h["writes"].as_bool()), (Some("ok"), Some(true)));
    let docs_n = h["counts"]["documents"].as_u64().unwrap();
    let claims_n = h["counts"]["claims"].as_u64().unwrap();
    assert!(docs_n > 0 && claims_n > 0, "{h}");

    // The ledger: totals, pagination, sorts, filters.
    let all = get(a, "/api/claims?limit=1000");
    assert_eq!(all["total"].as_u64(), Some(claims_n));
    let items = all["items"].as_array().unwrap();
    assert_eq!(items.len() as u64, claims_n.min(1000));
    let p2 = get(a, "/api/claims?limit=2&offset=1");
    assert_eq!(p2["items"][0]["id"], items[1]["id"]);
    assert_eq!((p2["limit"].as_u64(), p2["offset"].as_u64()), (Some(2), Some(1)));
    let by_articles = get(a, "/api/claims?sort=articles&limit=1000");
    let arts: Vec<u64> = by_articles["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["articles"].as_u64().unwrap())
        .collect();
    assert!(arts.windows(2).all(|w| w[0] >= w[1]), "{arts:?}");
    let asc = get(a, "/api/claims?sort=articles&order=asc&limit=1000");
    assert_eq!(asc["items"][0]["articles"].as_u64(), arts.last().copied());
    let denied = get(a, "/api/claims?min_deny=1&limit=1000");
    assert!(denied["total"].as_u64().unwrap() > 0);
    assert!(denied["items"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["deny"].as_u64().unwrap() >= 1));
    // The longest word as a user would type it ("Azerbaijan’s" → "Azerbaijan").
    let word: String = items[0]["text"]
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_string();
    let by_text = get(a, &format!("/api/claims?q={}&limit=1000", enc(&word)));
    assert!(
        by_text["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == items[0]["id"]),
        "searching {word:?} from {:?}: {by_text}",
        items[0]["text"]
    );
    let future = get(a, "/api/claims?since=2999");
    assert_eq!(future["total"], 0);
    let past = get(a, "/api/claims?until=1900");
    assert_eq!(past["total"], 0);

    // One claim's timeline.
    let top = get(a, "/api/claims?sort=statements&limit=1");
    let cid = top["items"][0]["id"].as_str().unwrap().to_string();
    let t = get(a, &format!("/api/claims/{}", enc(&cid)));
    assert_eq!(t["claim"]["id"], cid.as_str());
    assert_eq!(
        t["statements"].as_array().unwrap().len() as u64,
        t["claim"]["statements"].as_u64().unwrap()
    );

    // Documents: list and one with text, statements inside the text, entities.
    let docs = get(a, "/api/documents?limit=1000");
    assert_eq!(docs["total"].as_u64(), Some(docs_n));
    let mut seen_statements = 0;
    let mut seen_events = 0;
    for d in docs["items"].as_array().unwrap() {
        assert!(d.get("text").is_none());
        let one = get(a, &format!("/api/documents/{}", enc(d["id"].as_str().unwrap())));
        let text = one["document"]["text"].as_str().unwrap();
        let chars = text.chars().count() as u64;
        for s in one["statements"].as_array().unwrap() {
            let (st, en) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
            assert!(st < en && en <= chars, "{s}");
            seen_statements += 1;
        }
        // Events in reading order, inside the text, the same as the list's.
        let evs = one["events"].as_array().unwrap();
        let starts: Vec<u64> = evs.iter().map(|e| e["start"].as_u64().unwrap()).collect();
        assert!(starts.windows(2).all(|w| w[0] <= w[1]), "{starts:?}");
        for e in evs {
            assert!(
                e["start"].as_u64() < e["end"].as_u64() && e["end"].as_u64().unwrap() <= chars,
                "{e}"
            );
            assert_eq!(e["document"], d["id"]);
            let text: String = text
                .chars()
                .skip(e["start"].as_u64().unwrap() as usize)
                .take((e["end"].as_u64().unwrap() - e["start"].as_u64().unwrap()) as usize)
                .collect();
            assert_eq!(e["text"].as_str(), Some(text.as_str()));
        }
        if !evs.is_empty() {
            let listed = get(a, &format!("/api/events?document={}", enc(d["id"].as_str().unwrap())));
            assert_eq!(listed["total"].as_u64(), Some(evs.len() as u64));
        }
        seen_events += evs.len() as u64;
        assert_eq!(
            one["statements"].as_array().unwrap().len() as u64,
            d["statements"].as_u64().unwrap()
        );
    }
    assert_eq!(seen_statements, h["counts"]["statements"].as_u64().unwrap());
    assert_eq!(seen_events, h["counts"]["events"].as_u64().unwrap());

    // Events: paged like the other lists, newest first, filtered.
    let events_n = h["counts"]["events"].as_u64().unwrap();
    let evs = get(a, "/api/events?limit=1000");
    assert_eq!(evs["total"].as_u64(), Some(events_n));
    let ev_items = evs["items"].as_array().unwrap();
    assert_eq!(ev_items.len() as u64, events_n.min(1000));
    let when = |e: &Value| e["date"].as_str().or(e["published"].as_str()).map(str::to_string);
    let dated: Vec<String> = ev_items.iter().filter_map(when).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "{dated:?}");
    if events_n > 2 {
        let p2 = get(a, "/api/events?limit=2&offset=1");
        assert_eq!(p2["items"][0]["event_id"], ev_items[1]["event_id"]);
        assert_eq!(
            (p2["total"].as_u64(), p2["limit"].as_u64(), p2["offset"].as_u64()),
            (Some(events_n), Some(2), Some(1))
        );
    }
    if let Some(e) = ev_items
        .iter()
        .find(|e| e["code"].is_string() && e["actor"].is_string())
    {
        let code = &e["code"].as_str().unwrap()[..2];
        let by_code = get(a, &format!("/api/events?code={code}&limit=1000"));
        let items = by_code["items"].as_array().unwrap();
        assert!(items.iter().any(|x| x["event_id"] == e["event_id"]));
        assert!(items.iter().all(|x| x["code"].as_str().unwrap().starts_with(code)));
        let actor = e["actor"].as_str().unwrap();
        let by_actor = get(a, &format!("/api/events?actor={}&limit=1000", enc(actor)));
        assert!(
            by_actor["items"]
                .as_array()
                .unwrap()
                .iter()
                .any(|x| x["event_id"] == e["event_id"]),
            "{actor}"
        );
    }
    assert_eq!(get(a, "/api/events?since=2999")["total"], 0);

    // Statements, entities, actors, who, search, network, outlets.
    let st = get(a, "/api/statements?stance=deny&limit=5");
    assert!(st["items"].as_array().unwrap().iter().all(|s| s["stance"] == "deny"));
    let ents = get(a, "/api/entities?limit=3");
    assert!(ents["total"].as_u64().unwrap() > 0);
    let actors = get(a, "/api/actors?limit=5");
    let actor = &actors["items"][0];
    let one = get(a, &format!("/api/actors/{}", enc(actor["id"].as_str().unwrap())));
    assert_eq!(one["actor"]["id"], actor["id"]);
    assert!(!one["statements"].as_array().unwrap().is_empty(), "{one}");
    let who = get(a, &format!("/api/who?name={}", enc(actor["name"].as_str().unwrap())));
    assert!(who["total"].as_u64().unwrap() > 0);
    let first_word = t["statements"][0]["content"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find(|w| w.len() > 4 && w.chars().all(char::is_alphabetic))
        .unwrap_or("said")
        .to_string();
    let hits = get(a, &format!("/api/search?q={}", enc(&first_word)));
    assert!(hits["total"].as_u64().unwrap() > 0, "{first_word}: {hits}");
    let net = get(a, "/api/network?claims=10");
    assert!(!net["nodes"].as_array().unwrap().is_empty());
    assert!(net["edges"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| ["assert", "deny", "speculate", "question"].contains(&e["stance"].as_str().unwrap())));
    get(a, "/api/outlets");

    // Exports.
    for (f, ctype) in [
        ("json", "application/json"),
        ("graphml", "application/xml"),
        ("claimreview", "application/ld+json"),
        ("ftm", "application/x-ndjson"),
        ("csv", "text/csv"),
        ("csv?table=claims", "text/csv"),
    ] {
        let r = client::get(a, &format!("/api/export/{f}")).unwrap();
        assert_eq!(r.status, 200, "{f}: {}", r.text());
        assert!(r.header("content-type").unwrap().starts_with(ctype), "{f}");
        assert!(r.body.len() > 50, "{f}");
    }

    // Bad requests: each a JSON error with the right status.
    err(
        client::get(a, "/api/claims/no-such-claim").unwrap(),
        404,
        "unknown claim",
    );
    err(
        client::get(a, "/api/documents/no-such-doc").unwrap(),
        404,
        "unknown document",
    );
    err(
        client::get(a, "/api/actors/no-such-actor").unwrap(),
        404,
        "unknown actor",
    );
    err(client::get(a, "/api/export/pdf").unwrap(), 404, "unknown export");
    err(client::get(a, "/api/nope").unwrap(), 404, "unknown route");
    for q in [
        "limit=abc",
        "limit=0",
        "limit=100000",
        "offset=-1",
        "since=2020/01/01",
        "until=yesterday",
        "sort=bogus",
        "order=sideways",
        "min_deny=many",
        "contested=perhaps",
        "unknown=1",
    ] {
        err(client::get(a, &format!("/api/claims?{q}")).unwrap(), 400, q);
    }
    for q in [
        "code=abc",
        "code=12345",
        "since=2020/01",
        "until=soon",
        "limit=0",
        "offset=x",
        "q=1",
    ] {
        err(client::get(a, &format!("/api/events?{q}")).unwrap(), 400, q);
    }
    err(client::get(a, "/api/search").unwrap(), 400, "search without q");
    err(client::get(a, "/api/who?name=%20").unwrap(), 400, "who without name");
    err(
        client::get(a, "/api/statements?stance=maybe").unwrap(),
        400,
        "bad stance",
    );
    err(
        client::get(a, "/api/network?claims=0").unwrap(),
        400,
        "bad network size",
    );
    err(
        client::get(a, "/api/export/csv?table=secrets").unwrap(),
        400,
        "bad csv table",
    );
    err(
        client::request(a, "DELETE", "/api/claims", &[], b"").unwrap(),
        405,
        "method not allowed",
    );

    // Writes: refused without the token, then accepted with it.
    let body = br#"{"text": "Officials denied the report on Tuesday. \"The claims are completely false,\" said Mayor Jane Holloway of Riverton.", "title": "Riverton denial", "published": "2024-03-05"}"#;
    let json_ct = ("Content-Type", "application/json");
    let bearer = format!("Bearer {TOKEN}");
    let auth = ("Authorization", bearer.as_str());
    err(
        client::request(a, "POST", "/api/documents", &[json_ct], body).unwrap(),
        401,
        "no token",
    );
    err(
        client::request(
            a,
            "POST",
            "/api/documents",
            &[json_ct, ("Authorization", "Bearer wrong-token-00")],
            body,
        )
        .unwrap(),
        401,
        "wrong token",
    );
    err(
        client::request(a, "POST", "/api/documents", &[json_ct, auth], b"{\"text\": ").unwrap(),
        400,
        "malformed JSON",
    );
    err(
        client::request(a, "POST", "/api/documents", &[json_ct, auth], b"{\"title\": \"x\"}").unwrap(),
        400,
        "JSON without text",
    );
    err(
        client::request(
            a,
            "POST",
            "/api/documents",
            &[json_ct, auth],
            br#"{"text":"He said so.","published":"soon"}"#,
        )
        .unwrap(),
        400,
        "bad date",
    );
    err(
        client::request(
            a,
            "POST",
            "/api/documents",
            &[("Content-Type", "image/png"), auth],
            b"\x89PNG",
        )
        .unwrap(),
        415,
        "unsupported type",
    );
    err(
        client::request(a, "POST", "/api/documents", &[auth], b"   ").unwrap(),
        400,
        "empty body",
    );
    let big = vec![b'a'; (10 << 20) + 10];
    err(
        client::request(
            a,
            "POST",
            "/api/documents",
            &[("Content-Type", "text/plain"), auth],
            &big,
        )
        .unwrap(),
        413,
        "over the size limit",
    );

    let r = client::request(a, "POST", "/api/documents", &[json_ct, auth], body).unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    let v = r.json().unwrap();
    let id = v["document"]["id"].as_str().unwrap().to_string();
    assert!(v["statements"].as_u64().unwrap() >= 1, "{v}");
    let one = get(a, &format!("/api/documents/{}", enc(&id)));
    assert_eq!(one["document"]["title"], "Riverton denial");
    assert!(one["statements"]
        .as_array()
        .unwrap()
        .iter()
        .any(|s| s["stance"] == "deny" && s["speaker"].as_str().unwrap().contains("Holloway")));
    assert_eq!(get(a, "/api/health")["counts"]["documents"].as_u64(), Some(docs_n + 1));
    // The same text again is a no-op.
    let r = client::request(a, "POST", "/api/documents", &[json_ct, auth], body).unwrap();
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json().unwrap()["status"], "duplicate");
    // Plain text and HTML go through the readers of `claimgraph ingest`.
    let r = client::request(
        a,
        "POST",
        "/api/documents",
        &[("Content-Type", "text/plain; charset=utf-8"), auth],
        "date 2024-04-01\n\nThe ministry rejected the accusation, a spokesman told reporters.\n".as_bytes(),
    )
    .unwrap();
    assert_eq!(r.status, 201, "{}", r.text());
    let html = b"<html><head><title>Port closure</title></head><body><article><p>The harbour authority said the port would reopen on Monday, according to a statement.</p></article></body></html>";
    let r = client::request(
        a,
        "POST",
        "/api/documents",
        &[("Content-Type", "text/html"), auth],
        html,
    )
    .unwrap();
    assert!(r.status == 201 || r.status == 422, "{}", r.text());
    server.stop().unwrap();

    // A server without a token refuses writes; one with --protect-reads
    // refuses reads without it.
    let open = claimgraph_serve::spawn(Config::new(db.clone(), "127.0.0.1:0".parse().unwrap())).unwrap();
    err(
        client::request(open.addr, "POST", "/api/documents", &[json_ct], body).unwrap(),
        403,
        "writes disabled",
    );
    open.stop().unwrap();
    let mut cfg = Config::new(db.clone(), "127.0.0.1:0".parse().unwrap());
    cfg.token = Some(TOKEN.into());
    cfg.protect_reads = true;
    let locked = claimgraph_serve::spawn(cfg).unwrap();
    err(client::get(locked.addr, "/api/claims").unwrap(), 401, "protected read");
    let r = client::request(locked.addr, "GET", "/api/claims", &[auth], b"").unwrap();
    assert_eq!(r.status, 200);
    assert!(get(locked.addr, "/api/health").get("counts").is_none());
    assert_eq!(client::get(locked.addr, "/").unwrap().status, 200);
    locked.stop().unwrap();
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
