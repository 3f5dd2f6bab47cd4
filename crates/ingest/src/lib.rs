//! Readers for every input format claimgraph accepts: plain text, HTML,
//! RSS/Atom feeds, WARC (plain or gzipped) and JSON Lines / JSON.
//!
//! The entry points are [`collect_inputs`] (expand CLI paths) and
//! [`read_input`] (read one input, streaming documents and errors into a
//! sink). Formats are chosen by sniffing the content first, then by the
//! file extension; any input may also be gzip-compressed.
//!
//! | format | one document per | `source` | notes |
//! |---|---|---|---|
//! | plain text | file | the path as given ("-" for stdin) | text kept whole; a leading `date …` / year header sets `published` and is returned in `header` |
//! | HTML | file | the path | main content only, paragraphs joined by a blank line |
//! | RSS / Atom | item / entry | the item link, else `PATH#N` | outlet = channel title |
//! | WARC(.gz) | HTML `response` record | `WARC-Target-URI` | chunked and gzip payloads decoded |
//! | JSON Lines / JSON | line / object | `url`, else `PATH:LINE` / `PATH[i]` | `id` kept as the document id |
//!
//! Error reasons are short and specific: "empty document", "binary file",
//! "undecodable text (…)", "no article text found", "invalid gzip data: …",
//! "truncated WARC record at byte N (…)", "truncated feed: …",
//! "XML error at byte N: …", "not a feed: …", "malformed JSON at line N: …",
//! "feed item without text", "larger than the 10 MB limit (N bytes); raise
//! it with --max-doc-size". Record-level errors name the record in `path`
//! (`PATH:LINE`, `PATH#N`) or in the reason (WARC byte offset and URI).

mod date;
mod feed;
mod html;
mod jsonl;
mod text;
mod util;
mod warc;

use std::fmt;
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::ops::Range;
use std::path::{Path, PathBuf};

pub use claimgraph_doc::Meta;

/// Reading options.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The largest document (or record inside a WARC / feed / JSONL file)
    /// that is read, in bytes.
    pub max_doc_bytes: u64,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            max_doc_bytes: 10 * 1024 * 1024,
        }
    }
}

/// One document as a reader found it, before any analysis.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDoc {
    /// id, source, title, published, outlet, language ("en").
    pub meta: Meta,
    /// The document text; all later offsets index into this.
    pub text: String,
    /// Byte range of a metadata header inside `text` (plain text only): it
    /// stays in the text but is not part of the body.
    pub header: Option<Range<usize>>,
}

/// A document or record that could not be read. Displays as `path: reason`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IngestError {
    pub path: String,
    pub reason: String,
}

impl IngestError {
    pub(crate) fn new(path: impl Into<String>, reason: impl Into<String>) -> IngestError {
        IngestError {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

impl fmt::Display for IngestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.reason)
    }
}

impl std::error::Error for IngestError {}

/// One input named on the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
}

impl Input {
    /// The path as given, or "-" for stdin.
    pub fn name(&self) -> String {
        match self {
            Input::File(p) => p.display().to_string(),
            Input::Stdin => "-".to_string(),
        }
    }
}

/// Expand CLI paths: directories walked recursively (sorted, deterministic;
/// skip hidden files), "-" = stdin. Nonexistent paths become IngestErrors.
pub fn collect_inputs(paths: &[PathBuf]) -> (Vec<Input>, Vec<IngestError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        if p.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        match std::fs::metadata(p) {
            Ok(md) if md.is_dir() => walk_dir(p, &mut inputs, &mut errors, &mut Vec::new()),
            Ok(_) => inputs.push(Input::File(p.clone())),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                errors.push(IngestError::new(p.display().to_string(), "no such file or directory"))
            }
            Err(e) => errors.push(IngestError::new(p.display().to_string(), util::io_reason(&e))),
        }
    }
    (inputs, errors)
}

fn is_hidden(p: &Path) -> bool {
    p.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'))
}

/// Files met while walking a directory that are plainly not articles
/// (a README, a script, images): skipped there, though a path named
/// directly is always read.
fn is_not_a_document(p: &Path) -> bool {
    const SKIP: &[&str] = &[
        "md", "markdown", "rst", "py", "sh", "rs", "toml", "lock", "yml", "yaml", "cfg", "ini", "csv", "tsv", "png",
        "jpg", "jpeg", "gif", "webp", "svg", "ico", "pdf", "zip", "tar", "tgz", "bz2", "xz", "zst", "exe", "dll", "so",
        "o", "a", "js", "css", "map", "wasm", "pyc", "db", "sqlite",
    ];
    let ext = p.extension().and_then(|e| e.to_str()).map(str::to_ascii_lowercase);
    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
    ext.is_some_and(|e| SKIP.contains(&e.as_str())) || matches!(name, "LICENSE" | "Makefile" | "Dockerfile")
}

fn walk_dir(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<IngestError>, stack: &mut Vec<PathBuf>) {
    // Symlinked directories are followed, but never back into one being walked.
    let real = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    if stack.contains(&real) {
        return;
    }
    stack.push(real);
    walk_entries(dir, inputs, errors, stack);
    stack.pop();
}

fn walk_entries(dir: &Path, inputs: &mut Vec<Input>, errors: &mut Vec<IngestError>, stack: &mut Vec<PathBuf>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) => {
            errors.push(IngestError::new(dir.display().to_string(), util::io_reason(&e)));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = Vec::new();
    for entry in entries {
        match entry {
            Ok(e) => paths.push(e.path()),
            Err(e) => errors.push(IngestError::new(dir.display().to_string(), util::io_reason(&e))),
        }
    }
    paths.sort();
    for p in paths {
        if is_hidden(&p) || is_not_a_document(&p) {
            continue;
        }
        // Follows symlinks; a dangling link is reported.
        match std::fs::metadata(&p) {
            Ok(md) if md.is_dir() => walk_dir(&p, inputs, errors, stack),
            Ok(md) if md.is_file() => inputs.push(Input::File(p)),
            Ok(_) => {}
            Err(e) => errors.push(IngestError::new(p.display().to_string(), util::io_reason(&e))),
        }
    }
}

/// The formats a reader can be chosen for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Text,
    Html,
    Feed,
    Warc,
    JsonLines,
    Json,
}

/// Read one input, calling `sink` once per document or per error, in order.
/// One bad record (a broken WARC record, a malformed JSON line, a feed item
/// without text) yields an error and the rest of the file goes on.
/// Feeds, WARC and JSONL are streamed, not loaded whole.
pub fn read_input(input: &Input, opts: &Options, sink: &mut dyn FnMut(Result<RawDoc, IngestError>)) {
    let name = input.name();
    match input {
        Input::Stdin => {
            let stdin = io::stdin();
            let lock = stdin.lock();
            read_stream(
                &name,
                None,
                None,
                Box::new(BufReader::with_capacity(64 * 1024, lock)),
                opts,
                sink,
            );
        }
        Input::File(path) => {
            let file = match File::open(path) {
                Ok(f) => f,
                Err(e) => return sink(Err(IngestError::new(name, util::io_reason(&e)))),
            };
            let size = match file.metadata() {
                Ok(md) if md.is_dir() => return sink(Err(IngestError::new(name, "is a directory"))),
                Ok(md) => Some(md.len()),
                Err(_) => None,
            };
            let reader = BufReader::with_capacity(64 * 1024, file);
            read_stream(&name, Some(path), size, Box::new(reader), opts, sink);
        }
    }
}

/// How much of the start of an input is looked at to choose a reader.
const SNIFF_LEN: usize = 8192;

fn read_stream(
    name: &str,
    path: Option<&Path>,
    size: Option<u64>,
    mut reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) {
    let (head, err) = util::peek(&mut reader, SNIFF_LEN);
    if let Some(e) = err {
        return sink(Err(IngestError::new(name, util::io_reason(&e))));
    }
    let ext = path.map(extension).unwrap_or_default();
    if head.starts_with(&[0x1f, 0x8b]) {
        // gzip: look inside, then pick the reader for the decompressed content.
        let gz = flate2::bufread::MultiGzDecoder::new(util::Replay::new(head, reader));
        let mut inner: Box<dyn BufRead + '_> = Box::new(BufReader::with_capacity(64 * 1024, util::GzErrors(gz)));
        let (inner_head, err) = util::peek(&mut inner, SNIFF_LEN);
        if inner_head.is_empty() {
            if let Some(e) = err {
                return sink(Err(IngestError::new(name, util::io_reason(&e))));
            }
        }
        let inner_ext = ext.strip_suffix(".gz").unwrap_or(&ext).to_string();
        let format = sniff(&inner_head, &inner_ext);
        let inner: Box<dyn BufRead + '_> = Box::new(util::Replay::with_error(inner_head, err, inner));
        return dispatch(format, name, None, inner, opts, sink);
    }
    let format = sniff(&head, &ext);
    let reader: Box<dyn BufRead + '_> = Box::new(util::Replay::new(head, reader));
    dispatch(format, name, size, reader, opts, sink)
}

fn dispatch(
    format: Format,
    name: &str,
    size: Option<u64>,
    reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) {
    match format {
        Format::Warc => warc::read_warc(name, reader, opts, sink),
        Format::Feed => feed::read_feed(name, reader, opts, sink),
        Format::JsonLines => jsonl::read_jsonl(name, reader, opts, sink),
        Format::Json | Format::Html | Format::Text => {
            // Single-document formats: refuse oversized input without reading it whole.
            if let Some(n) = size.filter(|&n| n > opts.max_doc_bytes) {
                return sink(Err(IngestError::new(name, util::too_large(n, opts.max_doc_bytes))));
            }
            let bytes = match util::read_bounded(reader, opts.max_doc_bytes) {
                Ok(Ok(b)) => b,
                Ok(Err(n)) => return sink(Err(IngestError::new(name, util::too_large(n, opts.max_doc_bytes)))),
                Err(e) => return sink(Err(IngestError::new(name, util::io_reason(&e)))),
            };
            match format {
                Format::Json => jsonl::read_json(name, &bytes, opts, sink),
                Format::Html => sink(html::read_html_file(name, &bytes)),
                _ => sink(text::read_text(name, &bytes)),
            }
        }
    }
}

/// The lowercased file name after its first dot that is not a leading one
/// ("a.warc.gz" → "warc.gz"), or "".
fn extension(path: &Path) -> String {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return String::new();
    };
    let name = name.trim_start_matches('.');
    match name.find('.') {
        Some(i) => name[i + 1..].to_ascii_lowercase(),
        None => String::new(),
    }
}

/// Choose a reader: content first, then extension.
fn sniff(head: &[u8], ext: &str) -> Format {
    let last_ext = ext.rsplit('.').next().unwrap_or("");
    if head.starts_with(b"WARC/") {
        return Format::Warc;
    }
    // Skip a UTF-8 BOM and leading whitespace for the markup/JSON checks.
    let body = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let start = body.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(body.len());
    let body = &body[start..];
    let lower: Vec<u8> = body.iter().take(SNIFF_LEN).map(|b| b.to_ascii_lowercase()).collect();
    if body.starts_with(b"<") {
        // Feed roots may follow an XML declaration, comments or a stylesheet PI.
        let feed_at = ["<rss", "<feed", "<rdf:rdf"]
            .iter()
            .filter_map(|t| util::find(&lower, t.as_bytes()))
            .filter(|&i| util::tag_boundary(&lower, i))
            .min();
        let html_at = ["<html", "<!doctype html", "<head", "<body"]
            .iter()
            .filter_map(|t| util::find(&lower, t.as_bytes()))
            .min();
        match (feed_at, html_at) {
            (Some(f), Some(h)) if f < h => return Format::Feed,
            (Some(_), None) => return Format::Feed,
            (_, Some(_)) => return Format::Html,
            _ => {}
        }
        if lower.starts_with(b"<?xml") {
            return if matches!(last_ext, "html" | "htm" | "xhtml") {
                Format::Html
            } else {
                Format::Feed
            };
        }
        if matches!(last_ext, "xml" | "rss" | "atom") {
            return Format::Feed;
        }
        return Format::Html;
    }
    if body.starts_with(b"{") || body.starts_with(b"[") {
        match last_ext {
            // An article that happens to open with a brace ("[Updated] ...").
            "txt" | "text" => return Format::Text,
            "jsonl" | "ndjson" | "jsonlines" => return Format::JsonLines,
            "json" => return Format::Json,
            _ => {}
        }
        if body.starts_with(b"[") {
            return Format::Json;
        }
        // A first line that is a whole JSON object means JSON Lines.
        let line_end = body.iter().position(|&b| b == b'\n').unwrap_or(body.len());
        let first = &body[..line_end];
        if serde_json::from_slice::<serde_json::Value>(first).is_ok_and(|v| v.is_object()) {
            return Format::JsonLines;
        }
        return Format::Json;
    }
    match last_ext {
        "warc" => Format::Warc,
        "html" | "htm" | "xhtml" => Format::Html,
        "rss" | "atom" | "xml" => Format::Feed,
        "jsonl" | "ndjson" => Format::JsonLines,
        "json" => Format::Json,
        _ => Format::Text,
    }
}

/// Build a [`RawDoc`] with the defaults every reader shares.
pub(crate) fn make_doc(
    id: Option<String>,
    source: String,
    title: Option<String>,
    published: Option<String>,
    outlet: Option<String>,
    text: String,
    header: Option<Range<usize>>,
) -> RawDoc {
    let id = id
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| util::content_id(&text));
    let meta = Meta {
        id,
        source,
        title,
        published,
        outlet,
        language: "en".to_string(),
    };
    RawDoc { meta, text, header }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_formats() {
        assert_eq!(sniff(b"WARC/1.0\r\n", "warc.gz"), Format::Warc);
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", ""),
            Format::Feed
        );
        assert_eq!(
            sniff(
                b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">",
                ""
            ),
            Format::Feed
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html><head>", "txt"), Format::Html);
        assert_eq!(sniff(b"\xEF\xBB\xBF<html>", ""), Format::Html);
        assert_eq!(sniff(b"{\"text\":\"a\"}\n{\"text\":\"b\"}\n", ""), Format::JsonLines);
        assert_eq!(sniff(b"{\n  \"text\": \"a\"\n}\n", ""), Format::Json);
        assert_eq!(sniff(b"[{\"text\":\"a\"}]", ""), Format::Json);
        assert_eq!(sniff(b"Kremlin denies it\n", "html"), Format::Html);
        assert_eq!(sniff(b" date 2025-06-19 Text", "txt"), Format::Text);
        assert_eq!(sniff(b"[Updated] The ministry said", "txt"), Format::Text);
        // A feed that mentions <html> inside its items is still a feed.
        assert_eq!(
            sniff(b"<rss><channel><item><description>&lt;html&gt;", ""),
            Format::Feed
        );
    }

    #[test]
    fn extensions() {
        assert_eq!(extension(Path::new("a/b.warc.gz")), "warc.gz");
        assert_eq!(extension(Path::new(".hidden")), "");
        assert_eq!(extension(Path::new("x.HTML")), "html");
    }

    #[test]
    fn error_display() {
        assert_eq!(
            IngestError::new("a.txt", "empty document").to_string(),
            "a.txt: empty document"
        );
    }
}
