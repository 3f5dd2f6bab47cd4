//! WARC files (plain, or multi-member gzip unwrapped before this reader):
//! one document per `response` record whose HTTP payload is HTML.
//!
//! The record parser is our own: version line, headers, a block of
//! Content-Length bytes, then a blank-line trailer. A record whose
//! Content-Length lies, or that is cut short, is reported; reading then
//! resyncs at the next `WARC/1.` line, or stops cleanly at the end.

use std::io::{self, BufRead, Read};

use flate2::read::{MultiGzDecoder, ZlibDecoder};

use crate::util::{collapse, io_reason, read_bounded, too_large, Replay};
use crate::{date, html, make_doc, IngestError, Options, RawDoc};

const MAX_LINE: u64 = 64 * 1024;
const MAX_HEADER_BYTES: u64 = 1024 * 1024;

struct Stream<'a> {
    r: Box<dyn BufRead + 'a>,
    pos: u64,
}

impl<'a> Stream<'a> {
    /// One line with its terminator, at most `MAX_LINE` bytes kept (the
    /// rest of a longer line is dropped). `None` at EOF.
    fn line(&mut self) -> io::Result<Option<Vec<u8>>> {
        let mut out = Vec::new();
        let mut any = false;
        loop {
            let buf = self.r.fill_buf()?;
            if buf.is_empty() {
                return Ok(any.then_some(out));
            }
            any = true;
            let (used, done) = match buf.iter().position(|&b| b == b'\n') {
                Some(i) => (i + 1, true),
                None => (buf.len(), false),
            };
            let room = (MAX_LINE as usize).saturating_sub(out.len());
            out.extend_from_slice(&buf[..used.min(room)]);
            self.r.consume(used);
            self.pos += used as u64;
            if done {
                return Ok(Some(out));
            }
        }
    }

    /// Up to `n` bytes (fewer only at EOF).
    fn block(&mut self, n: u64) -> io::Result<Vec<u8>> {
        let mut out = Vec::new();
        (&mut self.r).take(n).read_to_end(&mut out)?;
        self.pos += out.len() as u64;
        Ok(out)
    }

    /// Skip `n` bytes; returns how many were there.
    fn skip(&mut self, n: u64) -> io::Result<u64> {
        let got = io::copy(&mut (&mut self.r).take(n), &mut io::sink())?;
        self.pos += got;
        Ok(got)
    }

    /// Put bytes back in front of the stream.
    fn unread(&mut self, bytes: Vec<u8>) {
        self.pos -= bytes.len() as u64;
        let old = std::mem::replace(&mut self.r, Box::new(io::empty()));
        self.r = Box::new(Replay::new(bytes, old));
    }

    fn peek_byte(&mut self) -> io::Result<Option<u8>> {
        Ok(self.r.fill_buf()?.first().copied())
    }

    /// Skip to the next line that starts a record. False at EOF.
    fn resync(&mut self) -> io::Result<bool> {
        while let Some(line) = self.line()? {
            if line.starts_with(b"WARC/1.") || line.starts_with(b"WARC/0.") {
                self.unread(line);
                return Ok(true);
            }
        }
        Ok(false)
    }
}

struct Record {
    start: u64,
    headers: Vec<(String, String)>,
}

impl Record {
    fn get(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

fn is_blank(line: &[u8]) -> bool {
    line == b"\r\n" || line == b"\n"
}

pub fn read_warc(
    name: &str,
    reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) {
    let mut s = Stream { r: reader, pos: 0 };
    if let Err(e) = run(name, &mut s, opts, sink) {
        sink(Err(IngestError::new(
            name,
            format!("{} (at byte {})", io_reason(&e), s.pos),
        )));
    }
}

fn run(
    name: &str,
    s: &mut Stream,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) -> io::Result<()> {
    let err = |reason: String| Err(IngestError::new(name, reason));
    loop {
        let start = s.pos;
        let Some(first) = s.line()? else { return Ok(()) };
        if first.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !first.starts_with(b"WARC/") {
            let preview = collapse(&String::from_utf8_lossy(&first[..first.len().min(40)]));
            sink(err(format!(
                "expected a WARC record at byte {start}, found {preview:?}; skipping to the next record"
            )));
            if !s.resync()? {
                return Ok(());
            }
            continue;
        }
        // Headers.
        let mut rec = Record {
            start,
            headers: Vec::new(),
        };
        let mut header_bytes = 0u64;
        let mut ok = false;
        while let Some(line) = s.line()? {
            if is_blank(&line) {
                ok = true;
                break;
            }
            header_bytes += line.len() as u64;
            if header_bytes > MAX_HEADER_BYTES {
                break;
            }
            let text = String::from_utf8_lossy(&line);
            if line.starts_with(b" ") || line.starts_with(b"\t") {
                if let Some((_, v)) = rec.headers.last_mut() {
                    v.push(' ');
                    v.push_str(text.trim());
                }
                continue;
            }
            if let Some((k, v)) = text.split_once(':') {
                rec.headers.push((k.trim().to_string(), v.trim().to_string()));
            }
        }
        if !ok {
            if header_bytes > MAX_HEADER_BYTES {
                sink(err(format!(
                    "WARC record at byte {start}: headers larger than 1 MB; skipping to the next record"
                )));
                if !s.resync()? {
                    return Ok(());
                }
                continue;
            }
            sink(err(format!(
                "truncated WARC record at byte {start} (input ends inside its headers)"
            )));
            return Ok(());
        }
        let Some(len) = rec.get("Content-Length").and_then(|v| v.parse::<u64>().ok()) else {
            sink(err(format!(
                "WARC record at byte {start} has no valid Content-Length; skipping to the next record"
            )));
            if !s.resync()? {
                return Ok(());
            }
            continue;
        };
        let ty = rec.get("WARC-Type").unwrap_or("").to_ascii_lowercase();
        let wanted = ty == "response";
        let uri = rec
            .get("WARC-Target-URI")
            .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string());
        let what = match &uri {
            Some(u) => format!("WARC record at byte {start} ({u})"),
            None => format!("WARC record at byte {start}"),
        };

        let block = if !wanted || len > opts.max_doc_bytes {
            let got = s.skip(len)?;
            if got < len {
                sink(err(format!(
                    "truncated WARC record at byte {start} (Content-Length {len}, only {got} bytes follow)"
                )));
                return Ok(());
            }
            if wanted {
                sink(err(format!("{what}: {}", too_large(len, opts.max_doc_bytes))));
            }
            None
        } else {
            let block = s.block(len)?;
            if (block.len() as u64) < len {
                sink(err(format!(
                    "truncated WARC record at byte {start} (Content-Length {len}, only {} bytes follow)",
                    block.len()
                )));
                // A lying Content-Length may have swallowed later records.
                if let Some(i) = next_record_in(&block) {
                    s.unread(block[i..].to_vec());
                    continue;
                }
                return Ok(());
            }
            Some(block)
        };

        // The trailer: two line ends. Anything else means the length lied.
        let mut newlines = 0;
        while newlines < 2 {
            match s.peek_byte()? {
                Some(b'\n') => {
                    newlines += 1;
                    s.skip(1)?;
                }
                Some(b'\r') => {
                    s.skip(1)?;
                }
                _ => break,
            }
        }
        let at_eof = s.peek_byte()?.is_none();
        if newlines < 2 && !at_eof {
            sink(err(format!(
                "{what}: Content-Length {len} does not match the record (no blank line after its block); skipping to the next record"
            )));
            if let Some(i) = block.as_deref().and_then(next_record_in) {
                let b = block.expect("checked");
                s.unread(b[i..].to_vec());
                continue;
            }
            if !s.resync()? {
                return Ok(());
            }
            continue;
        }
        let Some(block) = block else { continue };
        if let Some(result) = response_doc(name, &rec, uri.as_deref(), &what, &block, opts) {
            sink(result);
        }
    }
}

/// Start of a `WARC/1.` line inside a block that overran its record.
fn next_record_in(block: &[u8]) -> Option<usize> {
    let mut from = 0;
    while let Some(i) = crate::util::find(&block[from..], b"\nWARC/1.") {
        let at = from + i + 1;
        // Only a real record start: a version line followed by headers.
        let line_end = block[at..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(block.len(), |e| at + e);
        if line_end - at <= 12 {
            return Some(at);
        }
        from = at;
    }
    None
}

/// The HTTP response in a record's block, as a document; `None` when it is
/// not an HTML page (images, redirects, robots.txt, DNS...).
fn response_doc(
    name: &str,
    rec: &Record,
    uri: Option<&str>,
    what: &str,
    block: &[u8],
    opts: &Options,
) -> Option<Result<RawDoc, IngestError>> {
    let fail = |reason: String| Some(Err(IngestError::new(name, format!("{what}: {reason}"))));
    let warc_ct = rec
        .get("Content-Type")
        .unwrap_or("application/http")
        .to_ascii_lowercase();
    if !warc_ct.starts_with("application/http") {
        return None;
    }
    if !block.starts_with(b"HTTP/") {
        return fail("payload is not an HTTP response".to_string());
    }
    let (head_len, body_start) = match crate::util::find(block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match crate::util::find(block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return fail("HTTP headers do not end".to_string()),
        },
    };
    let head = String::from_utf8_lossy(&block[..head_len]);
    let mut lines = head.lines();
    let status: u16 = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let mut ctype = None;
    let mut te = String::new();
    let mut ce = String::new();
    for l in lines {
        if let Some((k, v)) = l.split_once(':') {
            let v = v.trim().to_ascii_lowercase();
            match k.trim().to_ascii_lowercase().as_str() {
                "content-type" => ctype = Some(v),
                "transfer-encoding" => te = v,
                "content-encoding" => ce = v,
                _ => {}
            }
        }
    }
    if !(200..300).contains(&status) {
        return None;
    }
    let body = &block[body_start..];
    let is_html = match &ctype {
        Some(ct) => ct.contains("html"),
        None => {
            let l: Vec<u8> = body.iter().take(1024).map(|b| b.to_ascii_lowercase()).collect();
            crate::util::find(&l, b"<html").is_some() || crate::util::find(&l, b"<!doctype html").is_some()
        }
    };
    if !is_html {
        return None;
    }
    let body = if te.contains("chunked") {
        match dechunk(body) {
            Ok(b) => b,
            Err(e) => return fail(format!("bad chunked transfer-encoding: {e}")),
        }
    } else {
        body.to_vec()
    };
    let body = match ce.as_str() {
        "" | "identity" | "none" => body,
        "gzip" | "x-gzip" => {
            let truncated = rec.get("WARC-Truncated").is_some();
            match inflate(MultiGzDecoder::new(&body[..]), opts.max_doc_bytes, truncated) {
                Ok(Ok(b)) => b,
                Ok(Err(n)) => return fail(format!("decompressed payload {}", too_large(n, opts.max_doc_bytes))),
                Err(e) => return fail(format!("invalid gzip data: {}", io_reason(&e))),
            }
        }
        "deflate" => match read_bounded(ZlibDecoder::new(&body[..]), opts.max_doc_bytes) {
            Ok(Ok(b)) => b,
            Ok(Err(n)) => return fail(format!("decompressed payload {}", too_large(n, opts.max_doc_bytes))),
            Err(e) => return fail(format!("invalid deflate data: {}", io_reason(&e))),
        },
        other => return fail(format!("unsupported content-encoding {other:?}")),
    };
    let charset = ctype.as_deref().and_then(|ct| {
        ct.split(';').find_map(|p| {
            p.trim()
                .strip_prefix("charset=")
                .map(|c| c.trim_matches(['"', '\'']).to_string())
        })
    });
    let text = match html::decode_html(&body, charset.as_deref()) {
        Ok(t) => t,
        Err(e) => return fail(e.reason()),
    };
    let page = match html::extract_page(&text) {
        Ok(p) => p,
        Err(e) => return fail(e.to_string()),
    };
    let published = page
        .published
        .or_else(|| rec.get("WARC-Date").and_then(date::normalize));
    let source = uri
        .map(str::to_string)
        .unwrap_or_else(|| format!("{name}@{}", rec.start));
    Some(Ok(make_doc(
        None,
        source,
        page.title,
        published,
        page.outlet,
        page.text,
        None,
    )))
}

/// Decompress at most `limit` bytes. A payload the crawler cut short
/// (`WARC-Truncated`) keeps what decompressed before the cut.
fn inflate(mut r: impl Read, limit: u64, truncated: bool) -> io::Result<Result<Vec<u8>, crate::util::Size>> {
    let mut out = Vec::new();
    let mut buf = [0u8; 16 * 1024];
    loop {
        match r.read(&mut buf) {
            Ok(0) => return Ok(Ok(out)),
            Ok(n) => {
                out.extend_from_slice(&buf[..n]);
                if out.len() as u64 > limit {
                    return Ok(Err(crate::util::Size::MoreThan(limit)));
                }
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) if truncated && e.kind() == io::ErrorKind::UnexpectedEof && !out.is_empty() => return Ok(Ok(out)),
            Err(e) => return Err(e),
        }
    }
}

/// Undo HTTP chunked transfer-encoding.
fn dechunk(mut b: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    loop {
        let nl = b
            .iter()
            .position(|&c| c == b'\n')
            .ok_or("chunk size line does not end")?;
        let line = String::from_utf8_lossy(&b[..nl]);
        let size_hex = line.trim().split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16).map_err(|_| format!("bad chunk size {size_hex:?}"))?;
        b = &b[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if b.len() < size {
            // Truncated body: keep what is there (Common Crawl truncates large payloads).
            out.extend_from_slice(b);
            return Ok(out);
        }
        out.extend_from_slice(&b[..size]);
        b = &b[size..];
        b = b.strip_prefix(b"\r\n").or_else(|| b.strip_prefix(b"\n")).unwrap_or(b);
        if b.is_empty() {
            return Ok(out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(ty: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {ty}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nContent-Type: application/http; msgtype={ty}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn page(body: &str) -> Vec<u8> {
        format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<html><body><article><p>{body}</p></article></body></html>").into_bytes()
    }

    fn run(bytes: Vec<u8>) -> Vec<Result<RawDoc, IngestError>> {
        let mut out = Vec::new();
        read_warc(
            "x.warc",
            Box::new(io::Cursor::new(bytes)),
            &Options::default(),
            &mut |r| out.push(r),
        );
        out
    }

    #[test]
    fn reads_responses_and_skips_others() {
        let mut w = record("warcinfo", "", b"software: test\r\n");
        w.extend(record(
            "request",
            "https://a.test/1",
            b"GET /1 HTTP/1.1\r\nHost: a.test\r\n\r\n",
        ));
        w.extend(record(
            "response",
            "https://a.test/1",
            &page("The minister denied the claim, he said."),
        ));
        w.extend(record(
            "response",
            "https://a.test/img",
            b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG",
        ));
        w.extend(record(
            "response",
            "<https://a.test/2>",
            &page("Second story text here."),
        ));
        let out = run(w);
        assert_eq!(out.len(), 2, "{out:?}");
        let a = out[0].as_ref().unwrap();
        assert_eq!(a.meta.source, "https://a.test/1");
        assert_eq!(a.meta.published.as_deref(), Some("2024-05-01"));
        assert_eq!(a.text, "The minister denied the claim, he said.");
        assert_eq!(out[1].as_ref().unwrap().meta.source, "https://a.test/2");
    }

    #[test]
    fn lying_length_resyncs() {
        let good = record("response", "https://a.test/2", &page("Still read after the bad one."));
        let mut bad = record("response", "https://a.test/1", &page("Bad record."));
        // Claim fewer bytes than the block has.
        let s = String::from_utf8(bad.clone()).unwrap();
        let real = page("Bad record.").len();
        bad = s
            .replace(
                &format!("Content-Length: {real}"),
                &format!("Content-Length: {}", real - 20),
            )
            .into_bytes();
        let mut w = bad;
        w.extend(good.clone());
        let out = run(w);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0].as_ref().unwrap_err().reason.contains("does not match"));
        assert_eq!(out[1].as_ref().unwrap().text, "Still read after the bad one.");

        // Claim more bytes than there are: the next record is found inside.
        let s = String::from_utf8(record("response", "https://a.test/1", &page("Bad record."))).unwrap();
        let mut w = s
            .replace(&format!("Content-Length: {real}"), "Content-Length: 99999")
            .into_bytes();
        w.extend(good);
        let out = run(w);
        assert_eq!(out.len(), 2, "{out:?}");
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("truncated WARC record at byte 0"));
        assert_eq!(out[1].as_ref().unwrap().text, "Still read after the bad one.");
    }

    #[test]
    fn chunked_and_gzip_payloads() {
        use std::io::Write;
        let html = b"<html><body><p>Chunked and compressed, officials said.</p></body></html>";
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html).unwrap();
        let gz = gz.finish().unwrap();
        let mut body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        let (a, b) = gz.split_at(10);
        body.extend(format!("{:x}\r\n", a.len()).bytes());
        body.extend(a);
        body.extend(format!("\r\n{:x}\r\n", b.len()).bytes());
        body.extend(b);
        body.extend(b"\r\n0\r\n\r\n");
        let out = run(record("response", "https://c.test/", &body));
        assert_eq!(out[0].as_ref().unwrap().text, "Chunked and compressed, officials said.");
    }

    #[test]
    fn crawler_truncated_gzip_payload_keeps_what_decompressed() {
        use std::io::Write;
        let html = format!(
            "<html><body><p>The first paragraph survives, officials said.</p><p>{}</p></body></html>",
            "filler text ".repeat(4000)
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(html.as_bytes()).unwrap();
        let gz = gz.finish().unwrap();
        let mut body = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        body.extend(&gz[..gz.len() / 2]);
        let mut w = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://t.test/\r\nWARC-Truncated: length\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .into_bytes();
        w.extend(body);
        w.extend(b"\r\n\r\n");
        let out = run(w);
        assert!(
            out[0]
                .as_ref()
                .unwrap()
                .text
                .starts_with("The first paragraph survives, officials said."),
            "{out:?}"
        );
    }

    #[test]
    fn truncated_record() {
        let mut w = record("response", "https://a.test/1", &page("Complete one."));
        let second = record("response", "https://a.test/2", &page("Cut short."));
        w.extend(&second[..second.len() - 30]);
        let out = run(w);
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        assert!(out[1]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("truncated WARC record at byte"));
    }
}
