//! Plain text: decoding (UTF-8, BOMs, legacy encodings) and the leading
//! metadata header.

use std::ops::Range;

use chardetng::{EncodingDetector, Iso2022JpDetection, Utf8Detection};
use encoding_rs::Encoding;

use crate::{date, make_doc, IngestError, RawDoc};

/// Why bytes could not be turned into text.
pub enum DecodeError {
    Binary,
    Undecodable(String),
}

impl DecodeError {
    pub fn reason(&self) -> String {
        match self {
            DecodeError::Binary => "binary file".to_string(),
            DecodeError::Undecodable(why) => format!("undecodable text ({why})"),
        }
    }
}

/// Whether bytes look like a binary file rather than text: NUL bytes, or
/// mostly control bytes.
pub fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    if sample.is_empty() {
        return false;
    }
    if bytes.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c | 0x1b))
        .count();
    control * 10 > sample.len()
}

/// Decode bytes to text. A BOM wins; then `declared` (an HTTP or meta
/// charset); then UTF-8 if the bytes are valid UTF-8; else detection. The
/// BOM is removed.
pub fn decode(bytes: &[u8], declared: Option<&'static Encoding>) -> Result<String, DecodeError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors && enc != encoding_rs::UTF_8 {
            return Err(DecodeError::Undecodable(format!(
                "invalid {} after its byte order mark",
                enc.name()
            )));
        }
        return Ok(text.into_owned());
    }
    if looks_binary(bytes) {
        return Err(DecodeError::Binary);
    }
    if let Some(enc) = declared {
        // A page declaring UTF-16 without a BOM is really ASCII-compatible.
        let enc = enc.output_encoding();
        // A legacy label on bytes that are valid UTF-8 with non-ASCII text is
        // a mislabel (the reverse almost never happens by chance).
        if enc != encoding_rs::UTF_8 {
            if let Ok(s) = std::str::from_utf8(bytes) {
                if !s.is_ascii() {
                    return Ok(s.to_string());
                }
            }
        }
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors || enc != encoding_rs::UTF_8 {
            return Ok(text.into_owned());
        }
        // Declared UTF-8 but not UTF-8: fall through to detection.
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_string());
    }
    // Mostly UTF-8 with a few stray bytes: decoding it all as a legacy
    // encoding would garble every valid character, so keep UTF-8.
    let (mut valid_multibyte, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    if valid_multibyte > 2 * invalid {
        return Ok(String::from_utf8_lossy(bytes).into_owned());
    }
    let mut det = EncodingDetector::new(Iso2022JpDetection::Deny);
    det.feed(bytes, true);
    let enc = det.guess(None, Utf8Detection::Allow);
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        let bad = text.chars().filter(|&c| c == '\u{fffd}').count();
        let total = text.chars().count().max(1);
        if bad * 100 > total {
            return Err(DecodeError::Undecodable(format!(
                "not UTF-8; as {} {bad} of {total} characters are invalid",
                enc.name()
            )));
        }
    }
    Ok(text.into_owned())
}

/// Read a plain-text document.
pub fn read_text(name: &str, bytes: &[u8]) -> Result<RawDoc, IngestError> {
    let text = decode(bytes, None).map_err(|e| IngestError::new(name, e.reason()))?;
    if text.trim().is_empty() {
        return Err(IngestError::new(name, "empty document"));
    }
    let (header, published) = match detect_header(&text) {
        Some((r, d)) => (Some(r), Some(d)),
        None => (None, None),
    };
    Ok(make_doc(None, name.to_string(), None, published, None, text, header))
}

fn is_hspace(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{a0}' | '\r')
}

/// A leading metadata header: a bare year alone on the first line
/// (`2025\n`), or `date 2025-06-19` / `date: 2025-06-19` /
/// `Date: 19 June 2025` at the very start (article text may follow on the
/// same line). Returns the byte range of the token with the spaces around
/// it, and the normalised date.
pub fn detect_header(text: &str) -> Option<(Range<usize>, String)> {
    let lead = text.len() - text.trim_start_matches(is_hspace).len();
    let rest = &text[lead..];
    let line_end = rest.find('\n').unwrap_or(rest.len());
    let first = rest[..line_end].trim_end_matches(is_hspace);

    // A bare year alone on the first line.
    if first.len() == 4 && first.bytes().all(|b| b.is_ascii_digit()) {
        if let Some((4, d)) = date::date_prefix(first) {
            let end = lead + 4 + trailing(&rest[4..line_end]);
            return Some((0..end, d));
        }
    }

    // "date 2025-06-19", "Date: 19 June 2025"
    let kw = rest.get(..4)?;
    if !kw.eq_ignore_ascii_case("date") {
        return None;
    }
    let mut i = 4;
    let after_kw = &rest[i..];
    let sp = after_kw.len() - after_kw.trim_start_matches(is_hspace).len();
    i += sp;
    let colon = rest[i..].starts_with(':');
    if colon {
        i += 1;
        let a = &rest[i..];
        i += a.len() - a.trim_start_matches(is_hspace).len();
    }
    if sp == 0 && !colon {
        return None; // "dated", "dates"
    }
    let (used, d) = date::date_prefix(&rest[i..])?;
    i += used;
    i += trailing(&rest[i..]);
    Some((0..lead + i, d))
}

/// Length of the horizontal whitespace at the start of `s`.
fn trailing(s: &str) -> usize {
    s.len() - s.trim_start_matches(is_hspace).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(text: &str) -> Option<(&str, String)> {
        detect_header(text).map(|(r, d)| (&text[r], d))
    }

    #[test]
    fn dev_header_shapes() {
        assert_eq!(
            header("2025\nIran has officially confirmed"),
            Some(("2025", "2025".into()))
        );
        assert_eq!(
            header(" date 2020-07-17 MOSCOW (AP) — The Kremlin is"),
            Some((" date 2020-07-17 ", "2020-07-17".into()))
        );
        assert_eq!(
            header(" date 2025-06-19 Azerbaijan accused of aiding Israeli intelligence\n\nAzerbaijan has"),
            Some((" date 2025-06-19 ", "2025-06-19".into()))
        );
        assert_eq!(
            header("date: 2025-06-19\nText"),
            Some(("date: 2025-06-19", "2025-06-19".into()))
        );
        assert_eq!(
            header("Date: 19 June 2025\n\nText"),
            Some(("Date: 19 June 2025", "2025-06-19".into()))
        );
        assert_eq!(header("2025 \r\nText"), Some(("2025 \r", "2025".into())));
    }

    #[test]
    fn no_header() {
        assert_eq!(header("2025 was a year of denials.\n"), None);
        assert_eq!(header("Dated claims resurfaced on Monday."), None);
        assert_eq!(header("Date night is cancelled, he said."), None);
        assert_eq!(header("The Kremlin on Wednesday denied"), None);
        assert_eq!(header("12345\nText"), None);
    }

    #[test]
    fn decodes_latin1_and_boms() {
        let latin1 =
            b"Caf\xe9 owners in S\xe3o Paulo said the na\xefve claim was \x93false\x94, according to the mayor.";
        let s = decode(latin1, None).ok().unwrap();
        assert!(s.contains("Café") && s.contains("São") && s.contains("“false”"), "{s}");
        assert_eq!(decode(b"\xEF\xBB\xBFhello", None).ok().unwrap(), "hello");
        assert_eq!(decode(b"\xFF\xFEh\0i\0", None).ok().unwrap(), "hi");
        assert!(matches!(
            decode(b"\x7fELF\x02\x01\x01\0\0\0", None),
            Err(DecodeError::Binary)
        ));
        assert!(matches!(
            decode(b"\x01\x02\x03\x04\x05abc", None),
            Err(DecodeError::Binary)
        ));
    }
}
