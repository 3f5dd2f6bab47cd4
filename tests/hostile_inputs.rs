//! Hostile inputs: each one gives a result or one clear `path: reason` error
//! within bounded wall time and peak memory, never a panic, and the rest of
//! the batch goes on. The binary is spawned (`CARGO_BIN_EXE_claimgraph`) and
//! watched: wall time from spawn to exit, peak RSS from /proc/PID/status
//! (VmHWM, polled every few milliseconds; Linux only, elsewhere the memory
//! bounds are not checked). Small fixtures live in tests/hostile/; big ones
//! are generated here in a temp dir. Crashers found by fuzzing
//! (fuzz/regressions/TARGET/*) are replayed too.
//!
//! The bounds are generous (the machine may be loaded); what they catch is a
//! hang, a quadratic blow-up or a document read whole when it should not be.

mod common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use common::*;

fn scratch_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

struct Run {
    status: ExitStatus,
    stdout: Vec<u8>,
    stderr: String,
    wall: Duration,
    /// Peak resident set size in MB, if /proc could be read.
    peak_mb: Option<f64>,
}

fn vm_hwm_kb(pid: u32) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = s.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Runs claimgraph with `args`; kills it and fails after `hard_limit`.
fn run(args: &[&str], hard_limit: Duration) -> Run {
    let t0 = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn claimgraph");
    let pid = child.id();
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = out.read_to_end(&mut v);
        v
    });
    let err_t = std::thread::spawn(move || {
        let mut v = Vec::new();
        let _ = err.read_to_end(&mut v);
        v
    });
    let mut peak: Option<u64> = None;
    let status = loop {
        if let Some(kb) = vm_hwm_kb(pid) {
            peak = Some(peak.map_or(kb, |p| p.max(kb)));
        }
        if let Some(st) = child.try_wait().expect("wait for claimgraph") {
            break st;
        }
        if t0.elapsed() > hard_limit {
            let _ = child.kill();
            let _ = child.wait();
            panic!("claimgraph {args:?} still running after {hard_limit:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let wall = t0.elapsed();
    Run {
        status,
        stdout: out_t.join().unwrap(),
        stderr: String::from_utf8_lossy(&err_t.join().unwrap()).into_owned(),
        wall,
        peak_mb: peak.map(|kb| kb as f64 / 1024.0),
    }
}

impl Run {
    /// No panic, no signal, exit 0 (all read) or 1 (something reported).
    fn assert_clean(&self, what: &str) {
        assert!(
            !self.stderr.contains("panicked"),
            "{what}: claimgraph panicked:\n{}",
            self.stderr
        );
        let code = self.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)),
            "{what}: exit status {:?} (0 or 1 expected):\n{}",
            self.status,
            tail(&self.stderr)
        );
        let summary = self.stderr.lines().last().unwrap_or("");
        assert!(
            summary.contains("documents,") && summary.contains("failed"),
            "{what}: the run ends with its summary line:\n{}",
            tail(&self.stderr)
        );
    }

    fn assert_bounds(&self, what: &str, secs: u64, mb: f64) {
        eprintln!(
            "{what}: {:.2} s, peak RSS {} MB, exit {:?}",
            self.wall.as_secs_f64(),
            self.peak_mb.map_or("?".to_string(), |m| format!("{m:.0}")),
            self.status.code()
        );
        assert!(
            self.wall <= Duration::from_secs(secs),
            "{what}: took {:?} (bound {secs} s)",
            self.wall
        );
        if let Some(m) = self.peak_mb {
            assert!(m <= mb, "{what}: peak RSS {m:.0} MB (bound {mb} MB)");
        }
    }

    fn docs(&self) -> Vec<serde_json::Value> {
        json_lines(&self.stdout)
    }

    /// stderr lines naming `file` (the `path: reason` reports).
    fn errors_for(&self, file: &str) -> Vec<&str> {
        self.stderr.lines().filter(|l| l.contains(file)).collect()
    }
}

fn tail(s: &str) -> String {
    let lines: Vec<&str> = s.lines().collect();
    lines[lines.len().saturating_sub(15)..].join("\n")
}

/// Every statement's offsets slice its own content out of the returned text.
fn assert_offsets(doc: &serde_json::Value) {
    let text = doc["text"].as_str().expect("--with-text");
    let n = text.chars().count() as u64;
    for s in doc["statements"].as_array().unwrap() {
        let (a, b) = (s["start"].as_u64().unwrap(), s["end"].as_u64().unwrap());
        assert!(a <= b && b <= n, "statement offsets {a}..{b} within {n} chars");
        assert_eq!(char_slice(text, a, b), s["content"].as_str().unwrap());
        if let (Some(a), Some(b)) = (s["speaker_start"].as_u64(), s["speaker_end"].as_u64()) {
            assert_eq!(char_slice(text, a, b), s["speaker_mention"].as_str().unwrap());
        }
    }
}

fn hostile(name: &str) -> PathBuf {
    repo_path("tests/hostile").join(name)
}

const GOOD: &str = "Officials denied the report on Monday. \"We have never seen such a thing,\" the minister said.\n";

// ---------------------------------------------------------------- markup

#[test]
fn deeply_nested_html() {
    let dir = scratch_dir("nested");
    for (name, depth) in [("nested-5k.html", 5_000), ("nested-200k.html", 200_000)] {
        let mut s = String::from("<html><head><title>Deep</title></head><body>");
        for _ in 0..depth {
            s.push_str("<div><span>");
        }
        s.push_str("<p>The ministry said the claims were false.</p>");
        for _ in 0..depth {
            s.push_str("</span></div>");
        }
        s.push_str("</body></html>");
        std::fs::write(dir.join(name), s).unwrap();
    }
    // Never closed: every tag stays open.
    std::fs::write(
        dir.join("unclosed.html"),
        format!("<html><body>{}<p>He said so.", "<b><i>".repeat(100_000)),
    )
    .unwrap();
    std::fs::write(dir.join("z-good.txt"), GOOD).unwrap();
    let r = run(&["analyze", "--json", dir.to_str().unwrap()], Duration::from_secs(300));
    r.assert_clean("nested HTML");
    r.assert_bounds("nested HTML", 120, 1500.0);
    for f in ["nested-200k.html", "unclosed.html"] {
        let errs = r.errors_for(f);
        let ok = r.docs().iter().any(|d| d["source"].as_str().unwrap_or("").ends_with(f));
        assert!(ok ^ !errs.is_empty(), "{f}: one result or one error: {errs:?}");
        assert!(errs.len() <= 1, "{f}: one clear error, not {errs:?}");
    }
    assert!(
        r.docs()
            .iter()
            .any(|d| d["source"].as_str().unwrap().ends_with("z-good.txt")),
        "the batch goes on"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn billion_laughs_feed() {
    let r = run(
        &[
            "analyze",
            "--json",
            hostile("billion-laughs.rss").to_str().unwrap(),
            hostile("mixed-quotes.txt").to_str().unwrap(),
        ],
        Duration::from_secs(120),
    );
    r.assert_clean("billion laughs");
    r.assert_bounds("billion laughs", 30, 300.0);
    let errs = r.errors_for("billion-laughs.rss");
    assert_eq!(errs.len(), 1, "one clear error: {}", r.stderr);
    assert!(r
        .docs()
        .iter()
        .any(|d| d["source"].as_str().unwrap().ends_with("mixed-quotes.txt")));
}

#[test]
fn feed_of_100k_items() {
    let dir = scratch_dir("bigfeed");
    let path = dir.join("big.rss");
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    write!(
        f,
        "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Wire</title>"
    )
    .unwrap();
    for i in 0..100_000 {
        // Every 10th item has no text (an error each); the rest are one short sentence.
        if i % 10 == 9 {
            write!(
                f,
                "<item><title>Item {i}</title><link>https://example.org/{i}</link></item>"
            )
            .unwrap();
        } else {
            write!(
                f,
                "<item><title>Item {i}</title><link>https://example.org/{i}</link><description>Officials said {i} was false.</description></item>"
            )
            .unwrap();
        }
    }
    write!(f, "</channel></rss>").unwrap();
    drop(f);
    let r = run(
        &["analyze", "--json", "-j", "2", path.to_str().unwrap()],
        Duration::from_secs(900),
    );
    r.assert_clean("100k-item feed");
    r.assert_bounds("100k-item feed", 600, 1500.0);
    let docs = r.docs();
    assert_eq!(docs.len(), 90_000, "every item with text is a document");
    assert_eq!(
        r.stderr.lines().filter(|l| l.contains("big.rss#")).count(),
        10_000,
        "each empty item one error"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

// ---------------------------------------------------------------- sizes and compression

fn write_single_line(path: &Path, bytes: usize) {
    let mut f = std::io::BufWriter::with_capacity(1 << 20, std::fs::File::create(path).unwrap());
    let chunk = "The spokesman said the report was false and denied that talks had failed, ".repeat(64);
    let mut n = 0;
    while n < bytes {
        let take = chunk.len().min(bytes - n);
        f.write_all(&chunk.as_bytes()[..take]).unwrap();
        n += take;
    }
    f.flush().unwrap();
}

#[test]
fn hundred_megabyte_single_line_is_refused_quickly() {
    let dir = scratch_dir("100mb");
    let big = dir.join("big.txt");
    write_single_line(&big, 100 * 1024 * 1024);
    std::fs::write(dir.join("small.txt"), GOOD).unwrap();
    // The bound is about the 100 MB input: the optional sentence-embedding
    // model (about 200 MB resident once the small file's statements need
    // it) is left out of this run.
    let no_model = dir.join("no-embedding-model");
    let r = run(
        &[
            "analyze",
            "--json",
            "--embeddings",
            no_model.to_str().unwrap(),
            dir.to_str().unwrap(),
        ],
        Duration::from_secs(120),
    );
    r.assert_clean("100 MB line, default limit");
    r.assert_bounds("100 MB line, default limit", 20, 200.0);
    let errs = r.errors_for("big.txt");
    assert_eq!(errs.len(), 1, "{}", r.stderr);
    assert!(errs[0].contains("limit"), "refused by the size limit: {}", errs[0]);
    assert_eq!(r.docs().len(), 1, "the small file still comes out");
    let _ = std::fs::remove_dir_all(&dir);
}

/// Ignored by default: it takes many minutes, too long for every test run.
/// One long document is analysed in close to linear time since stop 10
/// (seed-000 repeated, whole analysis: 1 MB 1.6 s, 3 MB 5.7 s, 10 MB 19 s;
/// before, 1 MB took 9 s), so 100 MB (about 15M words) should finish within
/// the bound; run with `--ignored` to check.
#[test]
#[ignore = "takes many minutes (about 15M words in one document); run with --ignored"]
fn hundred_megabyte_single_line_with_a_raised_limit() {
    let dir = scratch_dir("100mb-raised");
    let big = dir.join("big.txt");
    write_single_line(&big, 100 * 1024 * 1024);
    let r = run(
        &["analyze", "--json", "--max-doc-size", "200M", big.to_str().unwrap()],
        Duration::from_secs(1200),
    );
    r.assert_clean("100 MB line, --max-doc-size 200M");
    // Processed (about 15M words) or refused: either way bounded.
    r.assert_bounds("100 MB line, --max-doc-size 200M", 900, 6000.0);
    let errs = r.errors_for("big.txt");
    assert!(
        r.docs().len() + errs.len() == 1,
        "one result or one error: {}",
        tail(&r.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// CRC-32 (IEEE) of `n` copies of byte `b`.
fn crc32_of_run(b: u8, n: usize) -> u32 {
    let mut table = [0u32; 256];
    for (i, t) in table.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *t = c;
    }
    let mut crc = !0u32;
    for _ in 0..n {
        crc = table[((crc ^ b as u32) & 0xff) as usize] ^ (crc >> 8);
    }
    !crc
}

/// A gzip member that inflates to `n` copies of byte `b` (n - 1 a multiple
/// of 258): one fixed-Huffman deflate block, a literal then back-references
/// of length 258 at distance 1, 13 bits per 258 bytes.
fn gzip_run(b: u8, n: usize) -> Vec<u8> {
    assert!(b <= 143, "a literal with an 8-bit fixed code");
    assert_eq!((n - 1) % 258, 0, "whole back-references");
    struct Bits {
        out: Vec<u8>,
        acc: u64,
        nbits: u32,
    }
    impl Bits {
        fn put(&mut self, v: u64, n: u32) {
            self.acc |= v << self.nbits;
            self.nbits += n;
            while self.nbits >= 8 {
                self.out.push(self.acc as u8);
                self.acc >>= 8;
                self.nbits -= 8;
            }
        }
        /// Huffman codes go most-significant bit first.
        fn code(&mut self, code: u64, n: u32) {
            let mut r = 0u64;
            for i in 0..n {
                r |= ((code >> i) & 1) << (n - 1 - i);
            }
            self.put(r, n);
        }
    }
    let mut w = Bits {
        out: vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff],
        acc: 0,
        nbits: 0,
    };
    w.put(1, 1); // final block
    w.put(1, 2); // fixed Huffman
    w.code(0x30 + b as u64, 8); // literal b
    for _ in 0..(n - 1) / 258 {
        w.code(0b1100_0101, 8); // length code 285 = 258
        w.code(0, 5); // distance code 0 = 1
    }
    w.code(0, 7); // end of block (256)
    if w.nbits > 0 {
        w.put(0, 8 - w.nbits);
    }
    let mut out = w.out;
    out.extend_from_slice(&crc32_of_run(b, n).to_le_bytes());
    out.extend_from_slice(&(n as u32).to_le_bytes());
    out
}

#[test]
fn gzip_bomb_is_refused_without_inflating_it() {
    let dir = scratch_dir("bomb");
    // 16 members of 128 MiB of "a" each: 2 GiB inflated from ~13 MB.
    let n = 258 * 520_202 + 1;
    let member = gzip_run(b'a', n);
    let mut f = std::fs::File::create(dir.join("bomb.txt.gz")).unwrap();
    for _ in 0..16 {
        f.write_all(&member).unwrap();
    }
    drop(f);
    // The same bomb behind a WARC record header.
    let mut warc = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://example.org/bomb\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: 2147483648\r\n\r\nHTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n".to_vec();
    warc.extend_from_slice(&"<p>a</p>".repeat(1000).into_bytes());
    std::fs::write(dir.join("bomb.warc"), &warc).unwrap();
    std::fs::write(dir.join("z-good.txt"), GOOD).unwrap();
    let r = run(&["analyze", "--json", dir.to_str().unwrap()], Duration::from_secs(300));
    r.assert_clean("gzip bomb");
    r.assert_bounds("gzip bomb", 60, 300.0);
    let errs = r.errors_for("bomb.txt.gz");
    assert_eq!(errs.len(), 1, "one clear error: {}", r.stderr);
    assert!(errs[0].contains("limit"), "refused by the size limit: {}", errs[0]);
    assert!(
        !r.errors_for("bomb.warc").is_empty(),
        "the lying WARC record is reported: {}",
        r.stderr
    );
    assert!(
        r.docs()
            .iter()
            .any(|d| d["source"].as_str().unwrap().ends_with("z-good.txt")),
        "the batch goes on"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gzip_bomb_builder_is_valid_gzip() {
    // The hand-made deflate stream above is what it claims to be: a small
    // member through the real reader gives the text back.
    let dir = scratch_dir("bomb-small");
    let n = 258 * 4 + 1;
    std::fs::write(dir.join("small.txt.gz"), gzip_run(b'a', n)).unwrap();
    let r = run(
        &["analyze", "--json", "--with-text", dir.to_str().unwrap()],
        Duration::from_secs(60),
    );
    r.assert_clean("small gzip");
    let docs = r.docs();
    assert_eq!(docs.len(), 1, "{}", r.stderr);
    assert_eq!(docs[0]["text"].as_str().unwrap(), "a".repeat(n));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn warc_with_lying_content_lengths() {
    let r = run(
        &[
            "analyze",
            "--json",
            hostile("lying-content-length.warc").to_str().unwrap(),
        ],
        Duration::from_secs(120),
    );
    r.assert_clean("lying WARC");
    r.assert_bounds("lying WARC", 30, 300.0);
    // Records: good, too long (swallows the start of the next), the one
    // swallowed, negative, too short, good, then a huge length at the end.
    assert!(
        r.stderr
            .lines()
            .filter(|l| l.contains("lying-content-length.warc"))
            .count()
            >= 3,
        "the lies are reported: {}",
        r.stderr
    );
    let docs = r.docs();
    let sources: Vec<&str> = docs.iter().map(|d| d["source"].as_str().unwrap_or("")).collect();
    assert!(
        sources.contains(&"https://example.org/first"),
        "the first good record: {sources:?}\n{}",
        r.stderr
    );
    assert!(
        sources.contains(&"https://example.org/last"),
        "the last good record after the lies: {sources:?}\n{}",
        r.stderr
    );
}

// ---------------------------------------------------------------- text

#[test]
fn hostile_texts_give_results_with_valid_offsets() {
    let files = [
        "invalid-utf8-in-quote.txt",
        "mixed-quotes.txt",
        "rtl-zero-width.txt",
        "all-quotes.txt",
    ];
    let dir = scratch_dir("texts");
    for f in files {
        std::fs::copy(hostile(f), dir.join(f)).unwrap();
    }
    // Generated: a document that is one long quote, and one that is only quote marks.
    std::fs::write(
        dir.join("one-long-quote.txt"),
        format!(
            "\"{}\" he said.\n",
            "We will never accept this, and nobody should. ".repeat(4_000)
        ),
    )
    .unwrap();
    std::fs::write(dir.join("only-quote-marks.txt"), "\"“”‘’«»„‚".repeat(20_000)).unwrap();
    std::fs::write(
        dir.join("quote-per-line.txt"),
        (0..3000)
            .map(|i| format!("\"Claim number {i} is true,\" said source {i}.\n"))
            .collect::<String>(),
    )
    .unwrap();
    let r = run(
        &["analyze", "--json", "--with-text", dir.to_str().unwrap()],
        Duration::from_secs(600),
    );
    r.assert_clean("hostile texts");
    r.assert_bounds("hostile texts", 300, 1500.0);
    let docs = r.docs();
    for f in files
        .iter()
        .chain(&["one-long-quote.txt", "only-quote-marks.txt", "quote-per-line.txt"])
    {
        let n_docs = docs
            .iter()
            .filter(|d| d["source"].as_str().unwrap().ends_with(f))
            .count();
        let n_err = r.errors_for(f).len();
        assert_eq!(n_docs + n_err, 1, "{f}: one result or one error\n{}", tail(&r.stderr));
    }
    for d in &docs {
        assert_offsets(d);
    }
    let by = |f: &str| {
        docs.iter()
            .find(|d| d["source"].as_str().unwrap().ends_with(f))
            .cloned()
    };
    let q = by("invalid-utf8-in-quote.txt").expect("a document with one bad byte is still read");
    assert!(
        q["text"].as_str().unwrap().contains("never"),
        "the text around the bad byte survives"
    );
    let lines = by("quote-per-line.txt").expect("all-quotes document read");
    assert!(
        lines["statements"].as_array().unwrap().len() >= 1000,
        "quotes are found in an all-quotes document"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn stdin_hostile_text() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(["analyze", "--json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let w = std::thread::spawn(move || {
        let _ = stdin.write_all(&std::fs::read(hostile("rtl-zero-width.txt")).unwrap());
    });
    let out = child.wait_with_output().unwrap();
    w.join().unwrap();
    assert!(
        matches!(out.status.code(), Some(0) | Some(1)),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(json_lines(&out.stdout).len(), 1);
}

// ---------------------------------------------------------------- fuzz crashers

/// Every input under fuzz/regressions/TARGET/ (crashers found by
/// scripts/fuzz.sh, fixed since) goes through the binary: readers' targets
/// as files with the target's extension, `analyze` as a .txt file.
#[test]
fn fuzz_regressions_replay() {
    let root = repo_path("fuzz/regressions");
    let Ok(targets) = std::fs::read_dir(&root) else {
        eprintln!("no fuzz/regressions: nothing to replay");
        return;
    };
    let dir = scratch_dir("fuzz-replay");
    let mut n = 0;
    for t in targets {
        let t = t.unwrap().path();
        let target = t.file_name().unwrap().to_string_lossy().into_owned();
        let ext = match target.as_str() {
            "read_html" => "html",
            "read_feed" => "rss",
            "read_jsonl" => "jsonl",
            "read_warc" => "warc",
            _ => "txt",
        };
        for f in std::fs::read_dir(&t).unwrap() {
            let f = f.unwrap().path();
            let mut bytes = std::fs::read(&f).unwrap();
            if target == "read_warc" && !bytes.is_empty() {
                bytes.remove(0); // the mode byte; the rest as a plain or gzipped .warc
            }
            n += 1;
            let name = format!("{target}-{n:04}.{ext}");
            std::fs::write(dir.join(&name), &bytes).unwrap();
        }
    }
    if n == 0 {
        return;
    }
    let r = run(
        &["analyze", "--json", "--max-doc-size", "64K", dir.to_str().unwrap()],
        Duration::from_secs(300),
    );
    r.assert_clean("fuzz regressions");
    r.assert_bounds("fuzz regressions", 120, 1500.0);
    let _ = std::fs::remove_dir_all(&dir);
}
