//! End-to-end tests of `claimgraph ingest` and the store queries over the
//! built binary: re-ingest is a no-op, an ingest killed with SIGKILL midway
//! resumes to exactly the store a clean ingest makes, queries and exports
//! have the expected shapes. Runs on `../shared/gold/dev` (skipped with a
//! note when absent) and always on `examples/`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use claimgraph_store::{ClaimQuery, Counts};
use serde_json::Value;

fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// `../shared/gold/dev` or `$CLAIMGRAPH_SHARED/gold/dev`, else a printed note.
fn gold_dev_or_skip(test: &str) -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CLAIMGRAPH_SHARED").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")),
    ];
    match candidates.into_iter().flatten().find(|p| p.join("gold/dev").is_dir()) {
        Some(s) => Some(s.join("gold/dev")),
        None => {
            eprintln!("{test}: skipped, ../shared/gold/dev is absent (set CLAIMGRAPH_SHARED to run it)");
            None
        }
    }
}

fn claimgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .output()
        .expect("run claimgraph")
}

fn tmp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("claimgraph-store-e2e-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).expect("temp dir");
    d
}

/// The article inputs of the gold dev folder: everything but the gold
/// annotation files (`*.json` at its top level) and helper scripts.
fn gold_articles(dev: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dev)
        .expect("read gold/dev")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() || p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

fn ingest(db: &Path, paths: &[PathBuf]) -> Output {
    let mut args = vec![
        "ingest".to_string(),
        "--db".into(),
        db.display().to_string(),
        "-j".into(),
        "2".into(),
    ];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    claimgraph(&args)
}

fn summary_line(out: &Output) -> String {
    let err = String::from_utf8_lossy(&out.stderr);
    err.lines()
        .rev()
        .find(|l| l.contains(" new documents, "))
        .unwrap_or_default()
        .to_string()
}

fn counts(db: &Path) -> Counts {
    claimgraph_store::open(db)
        .expect("open store")
        .counts()
        .expect("counts")
}

/// Claim rows without the evidence detail: the comparable shape of a store.
fn claim_table(db: &Path) -> Vec<(String, u64, u64, u64, u64)> {
    let store = claimgraph_store::open(db).expect("open store");
    let mut rows: Vec<_> = store
        .claims(&ClaimQuery::default())
        .expect("claims")
        .into_iter()
        .map(|c| (c.id, c.articles, c.statements, c.assert, c.deny))
        .collect();
    rows.sort();
    rows
}

/// Ingests twice: the second run stores nothing and the counts stay equal.
fn twice(db: &Path, paths: &[PathBuf]) -> Counts {
    let first = ingest(db, paths);
    assert!(
        first.status.success(),
        "first ingest failed: {}",
        String::from_utf8_lossy(&first.stderr)
    );
    let c1 = counts(db);
    assert!(c1.documents > 0 && c1.statements > 0 && c1.claims > 0, "{c1:?}");
    let line = summary_line(&first);
    assert!(
        line.starts_with(&format!(
            "{} new documents, 0 already stored, 0 failed, {} statements",
            c1.documents, c1.statements
        )),
        "{line}"
    );

    let second = ingest(db, paths);
    assert!(
        second.status.success(),
        "second ingest failed: {}",
        String::from_utf8_lossy(&second.stderr)
    );
    let line = summary_line(&second);
    assert!(
        line.starts_with(&format!(
            "0 new documents, {} already stored, 0 failed, 0 statements, 0 claims",
            c1.documents
        )),
        "{line}"
    );
    assert_eq!(counts(db), c1, "re-ingest changed the store");
    c1
}

/// Writes `copies` variants of every document of `paths` (its analysed
/// text plus a distinct line) as .txt files under `dir`.
fn larger_corpus(paths: &[PathBuf], dir: &Path, copies: usize) -> usize {
    let mut args = vec!["analyze".to_string(), "--json".into(), "--with-text".into()];
    args.extend(paths.iter().map(|p| p.display().to_string()));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let out = claimgraph(&args);
    let texts: Vec<(Option<String>, String)> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("analyze JSON line");
            (
                v["published"].as_str().map(str::to_string),
                v["text"].as_str().expect("text").to_string(),
            )
        })
        .collect();
    assert!(!texts.is_empty());
    std::fs::create_dir_all(dir).expect("corpus dir");
    let mut n = 0;
    for c in 0..copies {
        for (i, (date, text)) in texts.iter().enumerate() {
            let header = date.as_ref().map(|d| format!("date {d}\n\n")).unwrap_or_default();
            let body = if text.starts_with("date ") {
                text.clone()
            } else {
                format!("{header}{text}")
            };
            std::fs::write(
                dir.join(format!("c{c:04}-{i:03}.txt")),
                format!("{body}\n\nCopy {c} of article {i}.\n"),
            )
            .expect("write copy");
            n += 1;
        }
    }
    n
}

/// Starts an ingest of `corpus`, SIGKILLs it once some documents are
/// stored, reruns it, and checks the store equals a clean ingest.
fn kill_midway_and_resume(work: &Path, corpus: &Path, total: usize) {
    let db = work.join("killed.db");
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args([
            "ingest",
            "--db",
            &db.display().to_string(),
            "-j",
            "2",
            &corpus.display().to_string(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn ingest");
    let started = Instant::now();
    let mut killed_at = None;
    while started.elapsed() < Duration::from_secs(120) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db.exists() {
            if let Ok(s) = claimgraph_store::open(&db) {
                if let Ok(c) = s.counts() {
                    if c.documents >= (total as u64 / 10).max(1) {
                        child.kill().expect("SIGKILL the ingest");
                        killed_at = Some(c.documents);
                        break;
                    }
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let _ = child.wait();
    match killed_at {
        Some(n) => eprintln!("killed the ingest with {n} of {total} documents stored"),
        None => eprintln!("note: the ingest finished before it could be killed ({total} documents)"),
    }
    {
        let store = claimgraph_store::open(&db).expect("open after kill");
        assert_eq!(store.integrity_check().expect("integrity"), "ok");
        let c = store.counts().expect("counts");
        assert!(c.documents < total as u64 || killed_at.is_none(), "{c:?}");
    }
    let resumed = ingest(&db, &[corpus.to_path_buf()]);
    assert!(
        resumed.status.success(),
        "resumed ingest failed: {}",
        String::from_utf8_lossy(&resumed.stderr)
    );
    let clean_db = work.join("clean.db");
    let clean = ingest(&clean_db, &[corpus.to_path_buf()]);
    assert!(clean.status.success());
    assert_eq!(
        counts(&db),
        counts(&clean_db),
        "resumed store differs from a clean ingest"
    );
    assert_eq!(counts(&db).documents, total as u64);
    assert_eq!(claim_table(&db), claim_table(&clean_db), "claims differ after resume");
    assert_eq!(claimgraph_store::open(&db).unwrap().integrity_check().unwrap(), "ok");
}

fn check_queries(db: &Path) {
    let d = db.display().to_string();
    let out = claimgraph(&["claims", "--db", &d, "--json", "--limit", "0"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let claims: Value = serde_json::from_slice(&out.stdout).expect("claims --json parses");
    let claims = claims.as_array().expect("an array");
    assert_eq!(claims.len() as u64, counts(db).claims);
    for c in claims {
        for key in [
            "id",
            "text",
            "first_seen",
            "last_seen",
            "articles",
            "outlets",
            "assert",
            "deny",
            "speculate",
            "question",
            "evidence",
        ] {
            assert!(c.get(key).is_some(), "claim row lacks {key}: {c}");
        }
        assert!(c["evidence"].is_boolean());
    }
    for sort in ["first", "last", "articles"] {
        let out = claimgraph(&["claims", "--db", &d, "--sort", sort, "--since", "2000", "--limit", "5"]);
        assert!(out.status.success());
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("CLAIM"));
    }
    // The claim with most statements: its timeline has them all.
    let top = claims.iter().max_by_key(|c| c["statements"].as_u64()).expect("a claim");
    let id = top["id"].as_str().unwrap();
    let out = claimgraph(&["claim", "--db", &d, id, "--json"]);
    assert!(out.status.success());
    let t: Value = serde_json::from_slice(&out.stdout).expect("claim --json parses");
    let statements = t["statements"].as_array().expect("statements");
    assert_eq!(statements.len() as u64, top["statements"].as_u64().unwrap());
    for s in statements {
        assert!(s["chain"].as_array().is_some_and(|c| !c.is_empty()));
        assert!(["assert", "deny", "speculate", "question"].contains(&s["stance"].as_str().unwrap()));
    }
    assert!(claimgraph(&["claim", "--db", &d, id]).status.success());
    assert!(!claimgraph(&["claim", "--db", &d, "no-such-claim"]).status.success());
    // Who: the first statement's speaker.
    let speaker = statements[0]["speaker"].as_str().unwrap();
    let out = claimgraph(&["who", "--db", &d, speaker, "--json"]);
    assert!(out.status.success());
    let w: Value = serde_json::from_slice(&out.stdout).expect("who --json parses");
    assert!(!w["statements"].as_array().unwrap().is_empty(), "{speaker}: {w}");
    // Search: a word of the top claim's first statement finds it.
    let word = statements[0]["content"]
        .as_str()
        .unwrap()
        .split(|c: char| !c.is_alphanumeric())
        .max_by_key(|w| w.len())
        .unwrap()
        .to_string();
    let out = claimgraph(&["search", "--db", &d, &word, "--json"]);
    assert!(out.status.success(), "search {word}");
    let hits: Value = serde_json::from_slice(&out.stdout).expect("search --json parses");
    assert!(!hits.as_array().unwrap().is_empty());
    check_events(db);
    // Exports.
    let dir = db.parent().unwrap().join("export");
    let out = claimgraph(&[
        "export",
        "--db",
        &d,
        "--format",
        "csv",
        "--out",
        &dir.display().to_string(),
    ]);
    assert!(out.status.success());
    let statements_csv = std::fs::read_to_string(dir.join("statements.csv")).expect("statements.csv");
    assert!(statements_csv.starts_with("id,document,"));
    for (format, file) in [
        ("json", "all.json"),
        ("claimreview", "cr.json"),
        ("graphml", "g.graphml"),
        ("ftm", "ftm.jsonl"),
    ] {
        let path = dir.join(file);
        let out = claimgraph(&[
            "export",
            "--db",
            &d,
            "--format",
            format,
            "--out",
            &path.display().to_string(),
        ]);
        assert!(out.status.success(), "{format}");
        let text = std::fs::read_to_string(&path).expect("export file");
        match format {
            "json" => assert!(serde_json::from_str::<Value>(&text).unwrap()["statements"].is_array()),
            "claimreview" => {
                let v: Value = serde_json::from_str(&text).unwrap();
                assert_eq!(v.as_array().unwrap().len(), claims.len());
                assert_eq!(v[0]["@type"], "ClaimReview");
            }
            "graphml" => assert!(text.contains("<graphml") && text.contains("<edge ")),
            _ => {
                for l in text.lines() {
                    let v: Value = serde_json::from_str(l).unwrap();
                    assert!(v["schema"].is_string() && v["id"].is_string());
                }
            }
        }
    }
}

/// `claimgraph events`: every stored event with its article, newest first;
/// each filter narrows to events that pass it; bad filters fail cleanly.
fn check_events(db: &Path) {
    let d = db.display().to_string();
    let events_json = |extra: &[&str]| -> Vec<Value> {
        let mut args = vec!["events", "--db", &d, "--json", "--limit", "0"];
        args.extend_from_slice(extra);
        let out = claimgraph(&args);
        assert!(
            out.status.success(),
            "events {extra:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: Value = serde_json::from_slice(&out.stdout).expect("events --json parses");
        v.as_array().expect("an array").clone()
    };
    let all = events_json(&[]);
    assert_eq!(all.len() as u64, counts(db).events);
    let when = |e: &Value| e["date"].as_str().or(e["published"].as_str()).map(str::to_string);
    let dated: Vec<String> = all.iter().filter_map(when).collect();
    assert!(dated.windows(2).all(|w| w[0] >= w[1]), "newest first: {dated:?}");
    for e in &all {
        for key in [
            "event_id",
            "document",
            "source",
            "title",
            "published",
            "outlet",
            "action",
            "places",
            "text",
        ] {
            assert!(e.get(key).is_some(), "event lacks {key}: {e}");
        }
        assert!(
            e["start"].as_u64() < e["end"].as_u64() && !e["text"].as_str().unwrap().is_empty(),
            "{e}"
        );
        if let Some(r) = e["alleged_by"].as_object() {
            assert!(r["speaker"].is_string() && r["stance"].is_string(), "{e}");
        }
    }
    let Some(first) = all.iter().find(|e| e["actor"].is_string() && e["code"].is_string()) else {
        return;
    };
    let id = &first["event_id"];
    let actor = first["actor"].as_str().unwrap();
    let word = actor.split_whitespace().last().unwrap().to_lowercase();
    let by_actor = events_json(&["--actor", &word]);
    assert!(
        by_actor.iter().any(|e| &e["event_id"] == id),
        "--actor {word} misses {first}"
    );
    assert!(by_actor.len() <= all.len());
    let code = &first["code"].as_str().unwrap()[..2];
    let by_code = events_json(&["--code", code]);
    assert!(by_code.iter().any(|e| &e["event_id"] == id));
    assert!(by_code.iter().all(|e| e["code"].as_str().unwrap().starts_with(code)));
    let doc = first["document"].as_str().unwrap();
    let by_doc = events_json(&["--doc", doc]);
    assert!(by_doc.iter().any(|e| &e["event_id"] == id) && by_doc.iter().all(|e| e["document"] == doc));
    assert!(events_json(&["--since", "2999"]).is_empty());
    let out = claimgraph(&["events", "--db", &d, "--limit", "5"]);
    assert!(out.status.success());
    let table = String::from_utf8_lossy(&out.stdout);
    assert!(
        table.starts_with("DATE") && table.lines().count() == 1 + all.len().min(5),
        "{table}"
    );
    for (bad, msg) in [("--code", "code must be"), ("--since", "since must be")] {
        let out = claimgraph(&["events", "--db", &d, bad, "2020/1"]);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains(msg), "{bad}");
    }
}

#[test]
fn store_gold_dev_reingest_kill_and_resume() {
    let Some(dev) = gold_dev_or_skip("store_gold_dev_reingest_kill_and_resume") else {
        return;
    };
    let work = tmp_dir("gold");
    let db = work.join("dev.db");
    let paths = gold_articles(&dev);
    twice(&db, &paths);
    check_queries(&db);
    let corpus = work.join("corpus");
    let total = larger_corpus(&paths, &corpus, 60);
    kill_midway_and_resume(&work, &corpus, total);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn store_examples_reingest_kill_and_resume() {
    let work = tmp_dir("examples");
    let db = work.join("examples.db");
    let paths = vec![repo_path("examples")];
    twice(&db, &paths);
    check_queries(&db);
    let corpus = work.join("corpus");
    let total = larger_corpus(&paths, &corpus, 150);
    kill_midway_and_resume(&work, &corpus, total);
    let _ = std::fs::remove_dir_all(&work);
}

#[test]
fn store_queries_on_a_missing_store_fail_cleanly() {
    let work = tmp_dir("missing");
    let db = work.join("none.db").display().to_string();
    for args in [
        vec!["claims", "--db", &db],
        vec!["search", "--db", &db, "x"],
        vec!["who", "--db", &db, "x"],
        vec!["events", "--db", &db],
    ] {
        let out = claimgraph(&args);
        assert!(!out.status.success());
        assert!(String::from_utf8_lossy(&out.stderr).contains("no such store"));
    }
    assert!(!Path::new(&db).exists(), "a query must not create a store");
    // Bad inputs are reported as `path: reason` and the batch goes on.
    let bad = work.join("bad.db");
    let out = ingest(&bad, &[repo_path("examples/text"), work.join("does-not-exist.txt")]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("does-not-exist.txt: "), "{err}");
    assert!(summary_line(&out).contains(", 1 failed, "), "{err}");
    assert!(counts(&bad).documents >= 1);
    let _ = std::fs::remove_dir_all(&work);
}

/// An outlet that passed a source's words on: `who` lists them under the
/// outlet, the claim timeline's chain and the CSV export name it.
#[test]
fn store_relayed_statements_under_who_and_in_chains() {
    let work = tmp_dir("relay");
    let article = work.join("relay.txt");
    std::fs::write(
        &article,
        "Fire at the depot\n\nRussian news agency TASS, citing a source in the emergency services, reported that \
         the fire had been caused by a drone. The regional governor said the blaze was under control.\n",
    )
    .expect("write article");
    let db = work.join("r.db");
    let out = ingest(&db, &[article]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let db_arg = db.to_str().expect("utf-8 path");
    let out = claimgraph(&["who", "--db", db_arg, "--json", "TASS"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let who: Value = serde_json::from_slice(&out.stdout).expect("who json");
    let relayed = who["relayed"].as_array().expect("relayed");
    assert_eq!(relayed.len(), 1, "{who}");
    assert_eq!(relayed[0]["speaker"], "source in the emergency services");
    assert_eq!(relayed[0]["relayed_by"], "TASS");
    let chain: Vec<&str> = relayed[0]["chain"]
        .as_array()
        .expect("chain")
        .iter()
        .map(|c| c["speaker"].as_str().expect("speaker"))
        .collect();
    assert_eq!(chain, ["TASS", "source in the emergency services"]);
    let out = claimgraph(&[
        "export",
        "--db",
        db_arg,
        "--format",
        "csv",
        "--out",
        work.join("csv").to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let csv = std::fs::read_to_string(work.join("csv").join("statements.csv")).expect("statements.csv");
    let header: Vec<&str> = csv.lines().next().expect("header").split(',').collect();
    let col = header
        .iter()
        .position(|h| *h == "relayed_by")
        .expect("relayed_by column");
    assert!(
        csv.lines().skip(1).any(|l| l.split(',').nth(col) == Some("TASS")),
        "{csv}"
    );
}
