//! BERT's uncased WordPiece tokenizer, as all-MiniLM-L6-v2's
//! `tokenizer.json` defines it, for the static embedding table.
//!
//! Why not the `tokenizers` crate: for the static vectors, tokenizing *is*
//! the embedding, and the general pipeline (offset-tracking normalized
//! strings, added-vocabulary splitting, serde of the whole file) cost about
//! 400k instructions a statement plus 90M to load, more than the rest of
//! the linker. This does the same steps on plain strings, with an ASCII fast
//! path, and loads only the vocabulary. It must give exactly the ids the
//! `tokenizers` crate gives (`encode(text, false)` with the file's
//! truncation): `wordpiece_equals_tokenizers` checks that on real and
//! hostile text whenever the model is installed.
//!
//! The steps (BertNormalizer, BertPreTokenizer, WordPiece):
//! 1. special tokens (`[CLS]`, `[MASK]`, …) are matched in the raw text;
//! 2. each other stretch is cleaned (NUL, U+FFFD and control/format/
//!    unassigned/private-use characters dropped except tab and newlines;
//!    whitespace to a space), CJK ideographs spaced apart, decomposed (NFD)
//!    with non-spacing marks dropped, and lower-cased;
//! 3. split on whitespace, every punctuation character its own word;
//! 4. each word greedily into the longest vocabulary pieces, later pieces
//!    prefixed `##`; a word longer than 100 characters or with no split is
//!    `[UNK]`;
//! 5. the first `max_len` ids are kept (the file's truncation).

use std::collections::HashMap;
use std::path::Path;

use unicode_categories::UnicodeCategories;
use unicode_normalization::UnicodeNormalization;

type Map = HashMap<Box<str>, u32, foldhash::fast::FixedState>;

pub struct WordPiece {
    /// Word-initial pieces.
    start: Map,
    /// Continuing pieces, keyed without their `##` prefix.
    cont: Map,
    unk: u32,
    max_chars: usize,
    /// Special tokens matched in the raw text (content, id).
    special: Vec<(Box<str>, u32)>,
    /// Ids kept per text (None: all).
    max_len: Option<usize>,
}

#[derive(serde::Deserialize)]
struct File {
    model: FileModel,
    #[serde(default)]
    added_tokens: Vec<Added>,
    normalizer: Option<serde_json::Value>,
    pre_tokenizer: Option<serde_json::Value>,
    truncation: Option<Truncation>,
}

#[derive(serde::Deserialize)]
struct FileModel {
    #[serde(rename = "type")]
    kind: String,
    vocab: Vocab,
    unk_token: String,
    continuing_subword_prefix: String,
    max_input_chars_per_word: usize,
}

/// The vocabulary object read straight into a list: no intermediate map.
struct Vocab(Vec<(String, u32)>);

impl<'de> serde::Deserialize<'de> for Vocab {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Vocab, D::Error> {
        struct V;
        impl<'de> serde::de::Visitor<'de> for V {
            type Value = Vocab;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map from token to id")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, mut m: A) -> Result<Vocab, A::Error> {
                let mut v = Vec::with_capacity(m.size_hint().unwrap_or(32_768));
                while let Some(e) = m.next_entry::<String, u32>()? {
                    v.push(e);
                }
                Ok(Vocab(v))
            }
        }
        d.deserialize_map(V)
    }
}

#[derive(serde::Deserialize)]
struct Added {
    id: u32,
    content: String,
    #[serde(default)]
    normalized: bool,
    #[serde(default)]
    single_word: bool,
    #[serde(default)]
    lstrip: bool,
    #[serde(default)]
    rstrip: bool,
}

#[derive(serde::Deserialize)]
struct Truncation {
    max_length: usize,
}

impl WordPiece {
    /// Loads `tokenizer.json`; refuses any tokenizer this does not
    /// reproduce exactly (another normalizer, pre-tokenizer or model).
    pub fn from_file(path: &Path) -> anyhow::Result<WordPiece> {
        let text = std::fs::read_to_string(path).map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
        WordPiece::from_json(&text).map_err(|e| anyhow::anyhow!("{}: {e}", path.display()))
    }

    pub fn from_json(text: &str) -> anyhow::Result<WordPiece> {
        let f: File = serde_json::from_str(text)?;
        let m = f.model;
        anyhow::ensure!(m.kind == "WordPiece", "model type {} is not WordPiece", m.kind);
        let expect_norm = serde_json::json!({
            "type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true,
            "strip_accents": null, "lowercase": true
        });
        anyhow::ensure!(
            f.normalizer.as_ref() == Some(&expect_norm),
            "normalizer is not BERT's uncased one: {:?}",
            f.normalizer
        );
        anyhow::ensure!(
            f.pre_tokenizer
                .as_ref()
                .and_then(|p| p.get("type"))
                .and_then(|t| t.as_str())
                == Some("BertPreTokenizer"),
            "pre-tokenizer is not BertPreTokenizer"
        );
        for a in &f.added_tokens {
            anyhow::ensure!(
                !a.normalized && !a.single_word && !a.lstrip && !a.rstrip,
                "added token {} has options this tokenizer does not reproduce",
                a.content
            );
        }
        let mut start = Map::with_capacity_and_hasher(m.vocab.0.len(), Default::default());
        let mut cont = Map::default();
        let prefix = m.continuing_subword_prefix.as_str();
        for (piece, id) in m.vocab.0 {
            // A piece like "##" itself is word-initial too; both maps hold
            // what the reference implementation would find.
            if let Some(rest) = piece.strip_prefix(prefix) {
                cont.insert(rest.into(), id);
            }
            start.insert(piece.into_boxed_str(), id);
        }
        let unk = *start
            .get(m.unk_token.as_str())
            .ok_or_else(|| anyhow::anyhow!("no {} in the vocabulary", m.unk_token))?;
        let mut special: Vec<(Box<str>, u32)> = f
            .added_tokens
            .into_iter()
            .filter(|a| !a.content.is_empty())
            .map(|a| (a.content.into(), a.id))
            .collect();
        // Leftmost-longest: at one position the longest content wins.
        special.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then(a.0.cmp(&b.0)));
        Ok(WordPiece {
            start,
            cont,
            unk,
            max_chars: m.max_input_chars_per_word,
            special,
            max_len: f.truncation.map(|t| t.max_length),
        })
    }

    /// The number of distinct ids (the embedding table needs a row for each).
    pub fn vocab_size(&self) -> usize {
        self.start
            .values()
            .chain(self.special.iter().map(|s| &s.1))
            .map(|&id| id as usize + 1)
            .max()
            .unwrap_or(0)
    }

    /// Ids of `text` (no `[CLS]`/`[SEP]`), truncated as the file says.
    pub fn encode(&self, text: &str, out: &mut Vec<u32>) {
        out.clear();
        let mut norm = String::new();
        let mut rest = text;
        while !rest.is_empty() {
            let (before, found) = self.next_special(rest);
            self.encode_plain(&rest[..before], &mut norm, out);
            match found {
                Some((len, id)) => {
                    out.push(id);
                    rest = &rest[before + len..];
                }
                None => break,
            }
        }
        if let Some(max) = self.max_len {
            out.truncate(max);
        }
    }

    /// The first special token in `s`: its byte offset, length and id.
    fn next_special(&self, s: &str) -> (usize, Option<(usize, u32)>) {
        if self.special.is_empty() {
            return (s.len(), None);
        }
        for (at, _) in s.char_indices() {
            let here = &s[at..];
            if let Some((c, id)) = self.special.iter().find(|(c, _)| here.starts_with(&**c)) {
                return (at, Some((c.len(), *id)));
            }
        }
        (s.len(), None)
    }

    fn encode_plain(&self, s: &str, norm: &mut String, out: &mut Vec<u32>) {
        if s.is_empty() {
            return;
        }
        norm.clear();
        normalize(s, norm);
        // Words: whitespace-separated, each punctuation character alone.
        let mut word_start = None;
        for (at, c) in norm.char_indices() {
            if c.is_whitespace() {
                if let Some(w) = word_start.take() {
                    self.word(&norm[w..at], out);
                }
            } else if is_punct(c) {
                if let Some(w) = word_start.take() {
                    self.word(&norm[w..at], out);
                }
                self.word(&norm[at..at + c.len_utf8()], out);
            } else if word_start.is_none() {
                word_start = Some(at);
            }
        }
        if let Some(w) = word_start {
            self.word(&norm[w..], out);
        }
    }

    /// Greedy longest-match-first WordPiece of one word.
    fn word(&self, w: &str, out: &mut Vec<u32>) {
        if w.len() > self.max_chars && w.chars().count() > self.max_chars {
            out.push(self.unk);
            return;
        }
        let mark = out.len();
        let mut start = 0;
        while start < w.len() {
            let map = if start == 0 { &self.start } else { &self.cont };
            let mut end = w.len();
            let found = loop {
                if let Some(&id) = map.get(&w[start..end]) {
                    break Some(id);
                }
                // Back off one character.
                match w[start..end].char_indices().next_back() {
                    Some((at, _)) if at > 0 => end = start + at,
                    _ => break None,
                }
            };
            match found {
                Some(id) => {
                    out.push(id);
                    start = end;
                }
                None => {
                    out.truncate(mark);
                    out.push(self.unk);
                    return;
                }
            }
        }
    }
}

/// BertNormalizer (clean text, space CJK ideographs, strip accents,
/// lower-case), appended to `out`.
fn normalize(s: &str, out: &mut String) {
    if s.is_ascii() {
        for b in s.bytes() {
            match b {
                b'\t' | b'\n' | b'\r' | b' ' => out.push(' '),
                // The other ASCII controls (and DEL) are category Cc: dropped.
                0..=0x1f | 0x7f => {}
                _ => out.push(b.to_ascii_lowercase() as char),
            }
        }
        return;
    }
    let mut cleaned = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c == '\0' || c == '\u{fffd}' || is_control(c) {
            continue;
        }
        if is_whitespace(c) {
            cleaned.push(' ');
        } else if is_cjk(c) {
            cleaned.push(' ');
            cleaned.push(c);
            cleaned.push(' ');
        } else {
            cleaned.push(c);
        }
    }
    for c in cleaned.nfd().filter(|c| !c.is_mark_nonspacing()) {
        out.extend(c.to_lowercase());
    }
}

/// BERT's punctuation: ASCII punctuation and symbols, and Unicode's P*.
/// (Every ASCII P* character is ASCII punctuation: no table search for them.)
fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_punctuation()
    } else {
        c.is_punctuation()
    }
}

fn is_whitespace(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || c.is_whitespace()
}

/// Control, format, unassigned, private use or surrogate, except tab and
/// newlines (which count as whitespace).
fn is_control(c: char) -> bool {
    !matches!(c, '\t' | '\n' | '\r') && c.is_other()
}

/// The CJK ideograph blocks BERT spaces apart.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x4E00..=0x9FFF
        | 0x3400..=0x4DBF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2B73F
        | 0x2B740..=0x2B81F
        | 0x2B920..=0x2CEAF
        | 0xF900..=0xFAFF
        | 0x2F800..=0x2FA1F)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> WordPiece {
        let json = serde_json::json!({
            "added_tokens": [{"id": 3, "content": "[MASK]", "normalized": false, "single_word": false, "lstrip": false, "rstrip": false}],
            "normalizer": {"type": "BertNormalizer", "clean_text": true, "handle_chinese_chars": true, "strip_accents": null, "lowercase": true},
            "pre_tokenizer": {"type": "BertPreTokenizer"},
            "truncation": {"max_length": 8},
            "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##", "max_input_chars_per_word": 10,
                "vocab": {"[UNK]": 0, "un": 1, "##aff": 2, "##able": 3, "cafe": 4, ",": 5, "a": 6, "##b": 7, "中": 8}}
        });
        WordPiece::from_json(&json.to_string()).unwrap()
    }

    fn enc(wp: &WordPiece, s: &str) -> Vec<u32> {
        let mut v = Vec::new();
        wp.encode(s, &mut v);
        v
    }

    #[test]
    fn pieces_punctuation_accents_specials_truncation() {
        let wp = tiny();
        assert_eq!(enc(&wp, "Unaffable, CAFÉ"), [1, 2, 3, 5, 4]);
        assert_eq!(enc(&wp, "unx"), [0], "no split: the whole word is [UNK]");
        assert_eq!(enc(&wp, "a[MASK]b"), [6, 3, 0]);
        assert_eq!(enc(&wp, "ab中a"), [6, 7, 8, 6]);
        assert_eq!(enc(&wp, "a\u{200b}b"), [6, 7], "format characters are dropped");
        assert_eq!(enc(&wp, "abbbbbbbbbbb"), [0], "longer than max_input_chars_per_word");
        assert_eq!(enc(&wp, "a a a a a a a a a a"), [6; 8]);
    }

    #[test]
    fn refuses_other_tokenizers() {
        let json = r#"{"model":{"type":"BPE","vocab":{},"unk_token":"x","continuing_subword_prefix":"","max_input_chars_per_word":1}}"#;
        assert!(WordPiece::from_json(json).is_err());
    }
}
