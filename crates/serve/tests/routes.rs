//! The OpenAPI description and the router agree, and every route answers
//! (over a real, empty SQLite store) with JSON, never the fallback.

use std::collections::BTreeSet;
use std::path::PathBuf;

use claimgraph_serve::{client, Config, API_ROUTES};

fn temp_db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-serve-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("store.db")
}

#[test]
fn openapi_lists_exactly_the_routes() {
    let doc: serde_json::Value = serde_json::from_str(claimgraph_serve::openapi_json()).unwrap();
    assert_eq!(doc["openapi"], "3.0.3");
    let mut described = BTreeSet::new();
    for (path, ops) in doc["paths"].as_object().unwrap() {
        for (method, op) in ops.as_object().unwrap() {
            assert!(op["responses"].is_object(), "{method} {path}: no responses");
            assert!(op["operationId"].is_string(), "{method} {path}: no operationId");
            // Every path parameter is declared.
            for seg in path.split('/').filter(|s| s.starts_with('{')) {
                let name = seg.trim_matches(['{', '}']);
                let declared = op["parameters"]
                    .as_array()
                    .is_some_and(|ps| ps.iter().any(|p| p["name"] == name && p["in"] == "path"));
                assert!(declared, "{method} {path}: path parameter {name} undeclared");
            }
            described.insert((method.clone(), path.clone()));
        }
    }
    let routed: BTreeSet<(String, String)> = API_ROUTES.iter().map(|(m, p)| (m.to_string(), p.to_string())).collect();
    assert_eq!(described, routed, "assets/openapi.json and API_ROUTES differ");
    // Every $ref resolves.
    let text = claimgraph_serve::openapi_json();
    for part in text.split("\"$ref\": \"#/components/").skip(1) {
        let r = &part[..part.find('"').unwrap()];
        let mut v = &doc["components"];
        for seg in r.split('/') {
            v = &v[seg];
        }
        assert!(!v.is_null(), "dangling $ref {r}");
    }
}

#[test]
fn every_route_answers_over_an_empty_store() {
    let db = temp_db("empty");
    let mut cfg = Config::new(db.clone(), "127.0.0.1:0".parse().unwrap());
    cfg.token = Some("secret-token-1".into());
    let server = claimgraph_serve::spawn(cfg).unwrap();
    for (method, path) in API_ROUTES {
        let path = path.replace("{id}", "nope").replace("{format}", "json");
        let r = if *method == "get" {
            client::get(server.addr, &path).unwrap()
        } else {
            client::request(server.addr, "POST", &path, &[], b"x").unwrap()
        };
        let v = r.json().unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        assert_ne!(v["error"], "no such route", "{method} {path} fell through");
        assert_ne!(r.status, 405, "{method} {path}");
        if r.status >= 400 {
            assert_eq!(v["status"], r.status, "{method} {path}: {v}");
        }
    }
    // Health reports the empty store.
    let v = client::get(server.addr, "/api/health").unwrap().json().unwrap();
    assert_eq!(v["counts"]["documents"], 0);
    // The UI and its assets are served.
    for (path, ctype) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/graph.js", "text/javascript"),
        ("/assets/style.css", "text/css"),
    ] {
        let r = client::get(server.addr, path).unwrap();
        assert_eq!(r.status, 200, "{path}");
        assert!(r.header("content-type").unwrap().starts_with(ctype), "{path}");
        assert!(r.body.len() > 100, "{path}");
    }
    let r = client::get(server.addr, "/nothing/here").unwrap();
    assert_eq!((r.status, r.json().unwrap()["status"].as_u64()), (404, Some(404)));
    server.stop().unwrap();
    let _ = std::fs::remove_dir_all(db.parent().unwrap());
}
