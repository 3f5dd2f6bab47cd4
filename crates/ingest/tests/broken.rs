//! Broken inputs: every bad file or record is named with its path and a
//! specific reason, the good records beside them still come out, and
//! nothing panics.

use std::io::Write;
use std::path::{Path, PathBuf};

use claimgraph_ingest::{collect_inputs, read_input, IngestError, Input, Options, RawDoc};

fn broken_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/broken")
}

fn read_with(path: &Path, opts: &Options) -> Vec<Result<RawDoc, IngestError>> {
    let mut out = Vec::new();
    read_input(&Input::File(path.to_path_buf()), opts, &mut |r| out.push(r));
    out
}

fn read(name: &str) -> (Vec<RawDoc>, Vec<IngestError>) {
    let path = broken_dir().join(name);
    let mut docs = Vec::new();
    let mut errs = Vec::new();
    for r in read_with(&path, &Options::default()) {
        match r {
            Ok(d) => docs.push(d),
            Err(e) => {
                assert!(
                    e.path.starts_with(&path.display().to_string()),
                    "error names its file: {e}"
                );
                assert!(e.to_string().starts_with(&e.path));
                errs.push(e);
            }
        }
    }
    (docs, errs)
}

/// The one error a file yields, with its reason.
fn only_error(name: &str) -> IngestError {
    let (docs, errs) = read(name);
    assert!(docs.is_empty(), "{name}: no document expected, got {docs:?}");
    assert_eq!(errs.len(), 1, "{name}: {errs:?}");
    errs.into_iter().next().unwrap()
}

#[test]
fn every_file_in_the_broken_folder_is_reported_and_nothing_panics() {
    let (inputs, errors) = collect_inputs(&[broken_dir()]);
    assert!(errors.is_empty());
    assert_eq!(inputs.len(), 13);
    for input in &inputs {
        let Input::File(path) = input else { unreachable!() };
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let mut errs = 0;
        read_input(input, &Options::default(), &mut |r| {
            if let Err(e) = r {
                assert!(e.to_string().contains(&name), "{e}");
                assert!(!e.reason.trim().is_empty());
                errs += 1;
            }
        });
        assert!(errs >= 1, "{name} must yield an error");
    }
}

#[test]
fn empty_and_whitespace_only() {
    assert_eq!(only_error("empty.txt").reason, "empty document");
    assert_eq!(only_error("whitespace-only.txt").reason, "empty document");
}

#[test]
fn binary_file() {
    assert_eq!(only_error("binary.txt").reason, "binary file");
}

#[test]
fn truncated_and_corrupt_gzip() {
    let e = only_error("truncated.warc.gz");
    assert!(e.reason.starts_with("invalid gzip data: "), "{e}");
    let e = only_error("corrupt.warc.gz");
    assert!(e.reason.starts_with("invalid gzip data: "), "{e}");
}

#[test]
fn truncated_warc_record_after_a_good_one() {
    let (docs, errs) = read("truncated-record.warc");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].meta.source, "https://fixture.example/one");
    assert_eq!(
        docs[0].meta.published.as_deref(),
        Some("2024-03-05"),
        "WARC-Date when the page has none"
    );
    assert_eq!(errs.len(), 1);
    assert!(
        errs[0].reason.starts_with("truncated WARC record at byte 356"),
        "{}",
        errs[0]
    );
}

#[test]
fn lying_content_length_resyncs_at_the_next_record() {
    let (docs, errs) = read("lying-length.warc");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].reason.contains("https://fixture.example/liar"), "{}", errs[0]);
    assert!(errs[0].reason.contains("Content-Length"), "{}", errs[0]);
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, "Investigators said the cause was still unknown.");
}

#[test]
fn malformed_html_without_text() {
    assert_eq!(only_error("no-text.html").reason, "no article text found");
}

#[test]
fn malformed_feed_xml_keeps_the_items_before_the_error() {
    let (docs, errs) = read("malformed-feed.xml");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, "The ministry said the claim was false.");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].reason.starts_with("XML error at byte "), "{}", errs[0]);
}

#[test]
fn truncated_feed_yields_complete_items_then_an_error() {
    let (docs, errs) = read("truncated-feed.rss");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].meta.source, "https://cut.example/1");
    assert_eq!(docs[0].meta.outlet.as_deref(), Some("Cut Wire"));
    assert_eq!(errs.len(), 1);
    assert!(errs[0].reason.starts_with("truncated feed: "), "{}", errs[0]);
}

#[test]
fn billion_laughs_is_refused_not_expanded() {
    let e = only_error("billion-laughs.xml");
    assert!(e.reason.contains("entit"), "{e}");
    assert!(e.reason.len() < 200);
}

#[test]
fn feed_item_without_text() {
    let (docs, errs) = read("feed-item-without-text.rss");
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].text, "The mayor said the budget was balanced.");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].path.ends_with("feed-item-without-text.rss#1"), "{}", errs[0]);
    assert_eq!(errs[0].reason, "feed item without text (\"Headline only\")");
}

#[test]
fn bad_json_line_among_good_ones() {
    let (docs, errs) = read("bad-line.jsonl");
    let ids: Vec<&str> = docs.iter().map(|d| d.meta.id.as_str()).collect();
    assert_eq!(ids, ["good-1", "good-2", "good-4"]);
    assert_eq!(docs[1].meta.published.as_deref(), Some("2025-01-15"));
    assert_eq!(errs.len(), 1);
    let path = broken_dir().join("bad-line.jsonl").display().to_string();
    assert_eq!(errs[0].path, format!("{path}:3"));
    assert!(
        errs[0]
            .to_string()
            .starts_with(&format!("{path}:3: malformed JSON at line 3: ")),
        "{}",
        errs[0]
    );
}

#[test]
fn oversized_document_is_refused_without_reading_it() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.txt");
    let mut f = std::fs::File::create(&big).unwrap();
    let line = "The ministry said the claim was false, according to officials.\n";
    let mut written = 0u64;
    while written <= 10 * 1024 * 1024 {
        f.write_all(line.as_bytes()).unwrap();
        written += line.len() as u64;
    }
    drop(f);
    let out = read_with(&big, &Options::default());
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert_eq!(
        e.to_string(),
        format!(
            "{}: larger than the 10 MB limit ({written} bytes); raise it with --max-doc-size",
            big.display()
        )
    );
    // A raised limit reads it.
    let out = read_with(
        &big,
        &Options {
            max_doc_bytes: 20 * 1024 * 1024,
        },
    );
    assert!(out[0].is_ok());
}

#[test]
fn per_record_limits_in_jsonl_and_warc() {
    let dir = tempfile::tempdir().unwrap();
    let small = Options { max_doc_bytes: 200 };
    let jl = dir.path().join("a.jsonl");
    let long = "x ".repeat(300);
    std::fs::write(
        &jl,
        format!("{{\"text\":\"{long}\"}}\n{{\"text\":\"Short, he said.\"}}\n"),
    )
    .unwrap();
    let out = read_with(&jl, &small);
    assert!(
        out[0]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("larger than the 200 bytes limit"),
        "{:?}",
        out[0]
    );
    assert_eq!(out[1].as_ref().unwrap().text, "Short, he said.");

    let page = |t: &str| {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>{t}</p></body></html>").into_bytes()
    };
    let rec = |uri: &str, block: &[u8]| {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {uri}\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    };
    let w = dir.path().join("a.warc");
    let mut bytes = rec("https://big.example/", &page(&long));
    bytes.extend(rec("https://small.example/", &page("Short, she said.")));
    std::fs::write(&w, bytes).unwrap();
    let out = read_with(&w, &small);
    assert_eq!(out.len(), 2);
    let e = out[0].as_ref().unwrap_err();
    assert!(
        e.reason.contains("https://big.example/") && e.reason.contains("larger than the 200 bytes limit"),
        "{e}"
    );
    assert_eq!(out[1].as_ref().unwrap().text, "Short, she said.");
}

#[test]
fn gzip_bomb_in_a_warc_payload_is_bounded() {
    use flate2::write::GzEncoder;
    let dir = tempfile::tempdir().unwrap();
    // 50 MB of zeros compresses to about 50 KB.
    let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1024 * 1024];
    for _ in 0..50 {
        gz.write_all(&zeros).unwrap();
    }
    let bomb = gz.finish().unwrap();
    let mut block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
    block.extend(&bomb);
    let mut w = format!(
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://bomb.example/\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n",
        block.len()
    )
    .into_bytes();
    w.extend(block);
    w.extend(b"\r\n\r\n");
    let path = dir.path().join("bomb.warc");
    std::fs::write(&path, w).unwrap();
    let out = read_with(&path, &Options::default());
    assert_eq!(out.len(), 1);
    let e = out[0].as_ref().unwrap_err();
    assert!(
        e.reason.contains("decompressed payload larger than the 10 MB limit"),
        "{e}"
    );
}

#[test]
fn truncated_multi_member_warc_gz_keeps_the_complete_records() {
    use flate2::write::GzEncoder;
    let dir = tempfile::tempdir().unwrap();
    let mut file = Vec::new();
    let mut boundaries = Vec::new();
    for i in 0..40 {
        // Incompressible-ish pages so the file is larger than the sniffing window.
        let filler: String = (0..60).map(|j| format!("w{}x{} ", i * 7919 + j * 104729, j)).collect();
        let body = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body><p>Record {i}: the official said the report was false. {filler}</p></body></html>"
        );
        let rec = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://many.example/{i}\r\nContent-Type: application/http\r\nContent-Length: {}\r\n\r\n{body}\r\n\r\n",
            body.len()
        );
        let mut gz = GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(rec.as_bytes()).unwrap();
        file.extend(gz.finish().unwrap());
        boundaries.push(file.len());
    }
    // Cut inside the last member.
    let cut = boundaries[38] + (boundaries[39] - boundaries[38]) / 2;
    let path = dir.path().join("cut.warc.gz");
    std::fs::write(&path, &file[..cut]).unwrap();
    let out = read_with(&path, &Options::default());
    let docs: Vec<&RawDoc> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
    let errs: Vec<&IngestError> = out.iter().filter_map(|r| r.as_ref().err()).collect();
    assert_eq!(docs.len(), 39, "{errs:?}");
    assert_eq!(docs[38].meta.source, "https://many.example/38");
    assert_eq!(errs.len(), 1);
    assert!(errs[0].reason.starts_with("invalid gzip data: "), "{}", errs[0]);
}

#[test]
fn unreadable_paths() {
    let dir = tempfile::tempdir().unwrap();
    let out = read_with(&dir.path().join("missing.txt"), &Options::default());
    assert_eq!(out[0].as_ref().unwrap_err().reason, "no such file or directory");
    let out = read_with(dir.path(), &Options::default());
    assert_eq!(out.len(), 1);
    assert!(out[0].is_err());
}
