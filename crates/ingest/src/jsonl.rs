//! JSON Lines (one article object a line, streamed) and JSON files holding
//! one object or an array of them.

use std::io::{self, BufRead};

use serde_json::{Map, Value};

use crate::util::{collapse, io_reason, too_large, Size};
use crate::{date, make_doc, IngestError, Options, RawDoc};

enum LineRead {
    Eof,
    Full,
    TooLong(u64),
}

/// Read one line (without its '\n'), keeping at most `limit` bytes.
fn read_line_bounded(r: &mut dyn BufRead, limit: u64, line: &mut Vec<u8>) -> io::Result<LineRead> {
    line.clear();
    let mut total: u64 = 0;
    let mut any = false;
    loop {
        let buf = r.fill_buf()?;
        if buf.is_empty() {
            return Ok(if !any {
                LineRead::Eof
            } else if total > limit {
                LineRead::TooLong(total)
            } else {
                LineRead::Full
            });
        }
        any = true;
        let (chunk, used, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], i + 1, true),
            None => (buf, buf.len(), false),
        };
        total += chunk.len() as u64;
        if total <= limit {
            line.extend_from_slice(chunk);
        } else {
            line.clear();
        }
        r.consume(used);
        if done {
            return Ok(if total > limit {
                LineRead::TooLong(total)
            } else {
                LineRead::Full
            });
        }
    }
}

pub fn read_jsonl(
    name: &str,
    mut reader: Box<dyn BufRead + '_>,
    opts: &Options,
    sink: &mut dyn FnMut(Result<RawDoc, IngestError>),
) {
    let mut line = Vec::new();
    let mut n = 0usize;
    loop {
        n += 1;
        let at = format!("{name}:{n}");
        match read_line_bounded(&mut reader, opts.max_doc_bytes, &mut line) {
            Err(e) => return sink(Err(IngestError::new(at, io_reason(&e)))),
            Ok(LineRead::Eof) => return,
            Ok(LineRead::TooLong(len)) => sink(Err(IngestError::new(
                at,
                too_large(Size::Exact(len), opts.max_doc_bytes),
            ))),
            Ok(LineRead::Full) => {
                let l = line.strip_suffix(b"\r").unwrap_or(&line);
                let l = if n == 1 {
                    l.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(l)
                } else {
                    l
                };
                if l.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let v = match serde_json::from_slice::<Value>(l) {
                    Ok(v) => v,
                    Err(e) => {
                        sink(Err(IngestError::new(
                            at,
                            format!("malformed JSON at line {n}: {}", json_reason(&e)),
                        )));
                        continue;
                    }
                };
                let url_fallback = format!("{name}:{n}");
                sink(doc_from_value(&v, url_fallback).map_err(|r| IngestError::new(at, r)));
            }
        }
    }
}

/// serde_json's message with its own "line 1" dropped (each line is parsed
/// alone).
fn json_reason(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.rfind(" at line ") {
        Some(i) => format!("{} at column {}", &s[..i], e.column()),
        None => s,
    }
}

/// A `.json` file: one article object, or an array of them.
pub fn read_json(name: &str, bytes: &[u8], opts: &Options, sink: &mut dyn FnMut(Result<RawDoc, IngestError>)) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return sink(Err(IngestError::new(name, "empty document")));
    }
    let v: Value = match serde_json::from_slice(bytes) {
        Ok(v) => v,
        Err(e) => {
            // JSON Lines saved as .json: the first line is a whole object.
            let first = bytes
                .split(|&b| b == b'\n')
                .find(|l| !l.iter().all(u8::is_ascii_whitespace))
                .unwrap_or(&[]);
            if serde_json::from_slice::<Value>(first).is_ok_and(|v| v.is_object()) {
                return read_jsonl(name, Box::new(std::io::Cursor::new(bytes.to_vec())), opts, sink);
            }
            return sink(Err(IngestError::new(
                name,
                format!("malformed JSON at line {}: {e}", e.line()),
            )));
        }
    };
    match v {
        Value::Array(items) => {
            if items.is_empty() {
                return sink(Err(IngestError::new(name, "empty JSON array")));
            }
            for (i, item) in items.iter().enumerate() {
                let at = format!("{name}[{i}]");
                sink(doc_from_value(item, at.clone()).map_err(|r| IngestError::new(at, r)));
            }
        }
        v => sink(doc_from_value(&v, name.to_string()).map_err(|r| IngestError::new(name, r))),
    }
}

fn string_field(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| match o.get(*k) {
        Some(Value::String(s)) if !s.trim().is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    })
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://")
}

/// One article object: `text` required; `url`, `title`, `published`, `id`,
/// `outlet` / `source` optional.
fn doc_from_value(v: &Value, fallback_source: String) -> Result<RawDoc, String> {
    let Value::Object(o) = v else {
        return Err(format!("expected a JSON object, found {}", kind(v)));
    };
    let text = match o.get("text").or_else(|| o.get("content")).or_else(|| o.get("body")) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => return Err(format!("\"text\" must be a string, found {}", kind(other))),
        None => return Err("missing \"text\" field".to_string()),
    };
    let text = text.strip_prefix('\u{feff}').map(str::to_string).unwrap_or(text);
    if text.trim().is_empty() {
        return Err("empty document (\"text\" is blank)".to_string());
    }
    let source_field = string_field(o, &["source"]);
    let url = string_field(o, &["url", "link"]).or_else(|| source_field.clone().filter(|s| looks_like_url(s)));
    let outlet = string_field(o, &["outlet", "publisher", "site_name"])
        .or_else(|| source_field.filter(|s| !looks_like_url(s)))
        .map(|s| collapse(&s));
    let title = string_field(o, &["title", "headline"]).map(|s| collapse(&s));
    let published =
        string_field(o, &["published", "date", "published_at", "datePublished"]).and_then(|d| date::normalize(&d));
    let id = string_field(o, &["id"]);
    Ok(make_doc(
        id,
        url.unwrap_or(fallback_source),
        title,
        published,
        outlet,
        text,
        None,
    ))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str, max: u64) -> Vec<Result<RawDoc, IngestError>> {
        let mut out = Vec::new();
        read_jsonl(
            "a.jsonl",
            Box::new(s.as_bytes()),
            &Options { max_doc_bytes: max },
            &mut |r| out.push(r),
        );
        out
    }

    #[test]
    fn lines_good_and_bad() {
        let out = run(
            "{\"id\":\"x1\",\"text\":\"He said no.\",\"url\":\"https://a.test/1\",\"published\":\"2025-06-19T00:00:00Z\",\"source\":\"Wire\"}\n\n{\"text\": \"Bro\n{\"title\":\"no text\"}\n[1]\n{\"text\":\"Second, she said.\"}",
            1000,
        );
        assert_eq!(out.len(), 5);
        let a = out[0].as_ref().unwrap();
        assert_eq!((a.meta.id.as_str(), a.meta.source.as_str()), ("x1", "https://a.test/1"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Wire"));
        assert_eq!(a.meta.published.as_deref(), Some("2025-06-19"));
        let e = out[1].as_ref().unwrap_err();
        assert_eq!(e.path, "a.jsonl:3");
        assert!(e.reason.starts_with("malformed JSON at line 3: "), "{e}");
        assert_eq!(out[2].as_ref().unwrap_err().reason, "missing \"text\" field");
        assert!(out[3].as_ref().unwrap_err().reason.contains("expected a JSON object"));
        let d = out[4].as_ref().unwrap();
        assert_eq!(d.meta.source, "a.jsonl:6");
        assert_eq!(d.meta.id.len(), 16);
    }

    #[test]
    fn json_lines_saved_as_json() {
        let mut out = Vec::new();
        let bytes = b"{\"text\":\"One, he said.\"}\n{\"text\":\"Two.\"}\n";
        read_json("a.json", bytes, &Options::default(), &mut |r| out.push(r));
        assert_eq!(out.len(), 2);
        assert_eq!(out[1].as_ref().unwrap().meta.source, "a.json:2");
        let mut out = Vec::new();
        read_json("b.json", b"{\"text\": \"x\",\n oops", &Options::default(), &mut |r| {
            out.push(r)
        });
        assert!(out[0]
            .as_ref()
            .unwrap_err()
            .reason
            .starts_with("malformed JSON at line 2"));
    }

    #[test]
    fn long_line_is_refused_and_reading_goes_on() {
        let long = format!("{{\"text\":\"{}\"}}", "x".repeat(200));
        let out = run(&format!("{long}\n{{\"text\":\"ok\"}}\n"), 100);
        assert!(out[0].as_ref().unwrap_err().reason.starts_with("larger than"));
        assert_eq!(out[1].as_ref().unwrap().text, "ok");
    }
}
