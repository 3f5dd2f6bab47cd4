//! Small shared helpers: stable hashing, bounded reading, replaying a sniffed
//! prefix, whitespace and entity handling.

use std::io::{self, BufRead, Read};

/// FNV-1a 64: stable across Rust versions and platforms (std's
/// `DefaultHasher` is not).
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A document id from its text: 16 lowercase hex digits.
pub fn content_id(text: &str) -> String {
    format!("{:016x}", fnv1a64(text.as_bytes()))
}

/// An io error as a short reason: "No such file or directory (os error 2)"
/// becomes "no such file or directory".
pub fn io_reason(e: &io::Error) -> String {
    let s = e.to_string();
    let s = match s.find(" (os error") {
        Some(i) => s[..i].to_string(),
        None => s,
    };
    let mut c = s.chars();
    match c.next() {
        Some(f) if f.is_ascii_uppercase() && c.clone().next().is_some_and(|n| n.is_ascii_lowercase()) => {
            f.to_ascii_lowercase().to_string() + c.as_str()
        }
        _ => s,
    }
}

/// "10 MB", "512 KB" or "1234 bytes".
pub fn human_size(n: u64) -> String {
    const MB: u64 = 1024 * 1024;
    if n >= MB && (n / MB) * MB == n {
        format!("{} MB", n / MB)
    } else if n >= 1024 && (n / 1024) * 1024 == n {
        format!("{} KB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// How big an oversized input was: known exactly, or only a lower bound
/// (the reader stopped at the limit).
#[derive(Clone, Copy, Debug)]
pub enum Size {
    Exact(u64),
    MoreThan(u64),
}

/// The reason given for an oversized document.
pub fn too_large(size: impl Into<SizeArg>, limit: u64) -> String {
    let size = match size.into().0 {
        Size::Exact(n) => format!("{n} bytes"),
        Size::MoreThan(n) => format!("more than {n} bytes"),
    };
    format!(
        "larger than the {} limit ({size}); raise it with --max-doc-size",
        human_size(limit)
    )
}

/// Lets [`too_large`] take a plain byte count or a [`Size`].
pub struct SizeArg(Size);

impl From<u64> for SizeArg {
    fn from(n: u64) -> SizeArg {
        SizeArg(Size::Exact(n))
    }
}

impl From<Size> for SizeArg {
    fn from(s: Size) -> SizeArg {
        SizeArg(s)
    }
}

/// Read at most `limit` bytes; `Ok(Err(size))` when there was more.
pub fn read_bounded(r: impl Read, limit: u64) -> io::Result<Result<Vec<u8>, Size>> {
    let mut buf = Vec::new();
    r.take(limit.saturating_add(1)).read_to_end(&mut buf)?;
    if buf.len() as u64 > limit {
        return Ok(Err(Size::MoreThan(limit)));
    }
    Ok(Ok(buf))
}

/// Read up to `n` bytes from the start of a reader (fewer at EOF). An
/// error after some bytes were read is returned beside them, so the bytes
/// before it (complete records of a truncated gzip file) are not lost.
pub fn peek(r: &mut dyn BufRead, n: usize) -> (Vec<u8>, Option<io::Error>) {
    let mut buf = Vec::with_capacity(n.min(64 * 1024));
    let mut chunk = [0u8; 8192];
    while buf.len() < n {
        let want = (n - buf.len()).min(chunk.len());
        match r.read(&mut chunk[..want]) {
            Ok(0) => break,
            Ok(k) => buf.extend_from_slice(&chunk[..k]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return (buf, Some(e)),
        }
    }
    (buf, None)
}

/// A reader that first gives back bytes already taken from `inner`, then
/// (if reading them ended in an error) that error, then `inner`.
pub struct Replay<R> {
    head: Vec<u8>,
    pos: usize,
    error: Option<io::Error>,
    inner: R,
}

impl<R: BufRead> Replay<R> {
    pub fn new(head: Vec<u8>, inner: R) -> Replay<R> {
        Replay {
            head,
            pos: 0,
            error: None,
            inner,
        }
    }

    pub fn with_error(head: Vec<u8>, error: Option<io::Error>, inner: R) -> Replay<R> {
        Replay {
            head,
            pos: 0,
            error,
            inner,
        }
    }
}

impl<R: BufRead> Read for Replay<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        let avail = self.fill_buf()?;
        let n = avail.len().min(out.len());
        out[..n].copy_from_slice(&avail[..n]);
        self.consume(n);
        Ok(n)
    }
}

impl<R: BufRead> BufRead for Replay<R> {
    fn fill_buf(&mut self) -> io::Result<&[u8]> {
        if self.pos < self.head.len() {
            return Ok(&self.head[self.pos..]);
        }
        if let Some(e) = self.error.take() {
            return Err(e);
        }
        self.inner.fill_buf()
    }
    fn consume(&mut self, amt: usize) {
        if self.pos < self.head.len() {
            self.pos = (self.pos + amt).min(self.head.len());
        } else {
            self.inner.consume(amt);
        }
    }
}

/// Wraps a gzip decoder so its errors say what failed.
pub struct GzErrors<R>(pub R);

impl<R: Read> Read for GzErrors<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        self.0.read(out).map_err(|e| {
            let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                "unexpected end of file, the file is truncated".to_string()
            } else {
                io_reason(&e)
            };
            io::Error::new(e.kind(), format!("invalid gzip data: {what}"))
        })
    }
}

/// First index of `needle` in `hay`.
pub fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Whether the tag name starting at `i` (at its '<') ends there: "<rss>" or
/// "<rss " but not "<rssx".
pub fn tag_boundary(hay: &[u8], i: usize) -> bool {
    let rest = &hay[i + 1..];
    let name_len = rest
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b':' || b == b'-'))
        .unwrap_or(rest.len());
    matches!(
        rest.get(name_len),
        None | Some(b' ' | b'>' | b'\t' | b'\n' | b'\r' | b'/')
    )
}

/// Whitespace as HTML renders it, plus no-break and other Unicode spaces.
pub fn is_space(c: char) -> bool {
    c.is_whitespace() || c == '\u{feff}' || c == '\u{200b}'
}

/// Append `s` to `out`, collapsing whitespace runs to one space (a run
/// continuing one already at the end of `out` adds nothing).
pub fn push_collapsed(out: &mut String, s: &str) {
    for c in s.chars() {
        if is_space(c) {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
}

/// Collapse whitespace runs and trim.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    push_collapsed(&mut out, s);
    let t = out.trim_end();
    t.to_string()
}

/// Decode the character references found in strings that skipped the HTML
/// parser (JSON-LD, feed titles): numeric ones and the common named ones.
/// Unknown names are left as they are; nothing user-defined is expanded.
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|j| j + 1);
        let decoded = match end {
            Some(e) if e > 1 && rest.as_bytes()[e] == b';' => {
                let name = &rest[1..e];
                let c = if let Some(num) = name.strip_prefix('#') {
                    let v = match num.strip_prefix(['x', 'X']) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok(),
                        None => num.parse::<u32>().ok(),
                    };
                    v.and_then(char::from_u32).filter(|&c| c != '\0').map(|c| c.to_string())
                } else {
                    named_entity(name).map(str::to_string)
                };
                c.map(|c| (c, e + 1))
            }
            _ => None,
        };
        match decoded {
            Some((c, len)) => {
                out.push_str(&c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "lsquo" => "‘",
        "rsquo" => "’",
        "ldquo" => "“",
        "rdquo" => "”",
        "laquo" => "«",
        "raquo" => "»",
        "copy" => "©",
        "eacute" => "é",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        // Published FNV-1a 64 test vectors.
        assert_eq!(fnv1a64(b""), 0xcbf29ce484222325);
        assert_eq!(fnv1a64(b"a"), 0xaf63dc4c8601ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x85944171f73967e8);
        assert_eq!(content_id("a"), "af63dc4c8601ec8c");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("Tom &amp; Jerry&#8217;s &#x2014; &bogus; & x"),
            "Tom & Jerry’s — &bogus; & x"
        );
        assert_eq!(decode_entities("&#0; &#xZZ;"), "&#0; &#xZZ;");
    }

    #[test]
    fn collapsing() {
        assert_eq!(collapse("  a \n\t b\u{a0} c  "), "a b c");
    }

    #[test]
    fn sizes() {
        assert_eq!(
            too_large(11_000_000u64, 10 * 1024 * 1024),
            "larger than the 10 MB limit (11000000 bytes); raise it with --max-doc-size"
        );
        assert_eq!(human_size(1000), "1000 bytes");
    }

    #[test]
    fn replay_gives_head_then_rest() {
        let mut r = Replay::new(b"ab".to_vec(), &b"cd"[..]);
        let mut s = String::new();
        r.read_to_string(&mut s).unwrap();
        assert_eq!(s, "abcd");
    }

    #[test]
    fn io_reasons() {
        let e = io::Error::from(io::ErrorKind::NotFound);
        assert_eq!(io_reason(&e), "entity not found");
    }
}
