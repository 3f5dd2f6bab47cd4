//! Bad input loses nothing: every broken file is named on stderr with its
//! reason, the good documents still come out, a summary line ends the run,
//! and the exit status says something failed.

mod common;

use std::io::Write;
use std::path::PathBuf;

use common::*;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-test-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    // A stored (uncompressed) deflate stream inside a gzip member: enough to
    // make a valid header followed by a cut body, with no extra dependency.
    let mut out = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];
    out.push(1);
    let n = bytes.len() as u16;
    out.extend_from_slice(&n.to_le_bytes());
    out.extend_from_slice(&(!n).to_le_bytes());
    out.extend_from_slice(bytes);
    out
}

#[test]
fn broken_inputs_are_reported_and_the_batch_goes_on() {
    let dir = scratch_dir("broken");
    let good = "Officials denied the report on Monday. \"We have never seen such a thing,\" the minister said.\n";
    std::fs::write(dir.join("a-good.txt"), good).unwrap();
    std::fs::write(dir.join("b-empty.txt"), "").unwrap();
    std::fs::write(
        dir.join("c-binary.txt"),
        [0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 0, 255].repeat(50),
    )
    .unwrap();
    // Truncated gzip: header and half of the body (no trailer).
    let gz = gzip(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 500\r\n\r\nHTTP/1.1 200 OK");
    std::fs::write(dir.join("d-truncated.warc.gz"), &gz[..gz.len() / 2]).unwrap();
    let mut jl = std::fs::File::create(dir.join("e-mixed.jsonl")).unwrap();
    writeln!(
        jl,
        r#"{{"id": "j1", "text": "The ministry said the claims were false."}}"#
    )
    .unwrap();
    writeln!(jl, r#"{{"id": "j2", "text": unquoted}}"#).unwrap();
    writeln!(
        jl,
        r#"{{"id": "j3", "text": "A spokesman denied that the talks had failed."}}"#
    )
    .unwrap();
    drop(jl);
    std::fs::write(
        dir.join("f-feed.xml"),
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>x</title><item><title>t",
    )
    .unwrap();
    std::fs::write(
        dir.join("g-nothing.html"),
        "<html><head><title>x</title></head><body><nav><a href=/>Home</a></nav></body></html>",
    )
    .unwrap();

    let out = claimgraph(&["analyze", "--json", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "a failed input makes the exit status non-zero");
    let docs = json_lines(&out.stdout);
    let ids: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert!(
        ids.contains(&"j1") && ids.contains(&"j3"),
        "good JSON lines survive a bad one: {ids:?}"
    );
    assert!(
        docs.iter()
            .any(|d| d["source"].as_str().unwrap().ends_with("a-good.txt")),
        "the good text file is analysed"
    );
    for bad in [
        "b-empty.txt",
        "c-binary.txt",
        "d-truncated.warc.gz",
        "e-mixed.jsonl",
        "f-feed.xml",
        "g-nothing.html",
    ] {
        let line = stderr.lines().find(|l| l.contains(bad));
        let line = line.unwrap_or_else(|| panic!("{bad} is not reported on stderr:\n{stderr}"));
        let reason = line.split_once(": ").map(|(_, r)| r.trim()).unwrap_or("");
        assert!(!reason.is_empty(), "{bad} is reported with a reason: {line}");
    }
    let summary = stderr.lines().last().unwrap_or("");
    assert!(
        summary.contains("documents,") && summary.contains("failed"),
        "summary line ends the run: {summary}"
    );
    assert!(
        summary.starts_with(&format!("{} documents, ", docs.len())),
        "summary counts documents: {summary}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn oversized_document_is_refused_without_loading_it() {
    let dir = scratch_dir("oversized");
    let big = "He said the claim was false. ".repeat(40_000); // ~1.2 MB
    std::fs::write(dir.join("big.txt"), &big).unwrap();
    std::fs::write(dir.join("small.txt"), "The agency said the flight was delayed.\n").unwrap();
    let out = claimgraph(&["analyze", "--json", "--max-doc-size", "1M", dir.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.lines().any(|l| l.contains("big.txt") && l.contains("limit")),
        "{stderr}"
    );
    assert_eq!(json_lines(&out.stdout).len(), 1, "the small file still comes out");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn missing_path_is_an_error_with_its_name() {
    let out = claimgraph(&["analyze", "--json", "/nonexistent/claimgraph/input.txt"]);
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/claimgraph/input.txt"));
}

#[test]
fn stdin_is_read_with_dash() {
    use std::process::{Command, Stdio};
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(["analyze", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all("“We will respond,” the spokesman said on Tuesday.\n".as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["source"], "-");
    assert_eq!(docs[0]["statements"][0]["content"], "We will respond,");
}
