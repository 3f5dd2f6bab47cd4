//! Readers for the NER training and evaluation data: GUM (CoNLL-U with
//! nested Entity= annotations), wikigold (CoNLL-2003-style IOB1) and
//! UNER English-EWT (IOB2).

use crate::ner::{NerSpan, NerType};
use std::path::Path;

/// One sentence with its named-entity spans over word indices.
#[derive(Clone, Debug)]
pub struct NerSentence {
    pub words: Vec<String>,
    pub spans: Vec<NerSpan>,
    /// Coreference cluster per word-span (GUM only): (start, end, cluster id, etype, is pronoun).
    pub mentions: Vec<GumMention>,
    pub doc: String,
}

#[derive(Clone, Debug)]
pub struct GumMention {
    pub start: usize,
    pub end: usize,
    pub cluster: String,
    pub etype: String,
    pub head: usize,
}

/// GUM genres whose texts are non-commercial (kept out of shipped models).
pub const GUM_NC_GENRES: &[&str] = &["GUM_essay_", "GUM_letter_", "GUM_podcast_", "GUM_fiction_", "GUM_whow_"];

fn io(p: &Path, e: std::io::Error) -> String {
    format!("{}: {e}", p.display())
}

/// Reads a GUM CoNLL-U file; NC genres are skipped unless `keep_nc`.
pub fn read_gum(path: &Path, keep_nc: bool) -> Result<Vec<NerSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    let mut out = Vec::new();
    let mut doc = String::new();
    let mut rows: Vec<Vec<&str>> = Vec::new();
    let flush = |rows: &mut Vec<Vec<&str>>, doc: &str, out: &mut Vec<NerSentence>| {
        if rows.is_empty() {
            return;
        }
        let keep = keep_nc || !GUM_NC_GENRES.iter().any(|g| doc.starts_with(g));
        if keep {
            out.push(gum_sentence(rows, doc));
        }
        rows.clear();
    };
    for line in text.lines() {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            flush(&mut rows, &doc, &mut out);
            doc = id.trim().to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            flush(&mut rows, &doc, &mut out);
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 10 || cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        rows.push(cols);
    }
    flush(&mut rows, &doc, &mut out);
    Ok(out)
}

fn gum_sentence(rows: &[Vec<&str>], doc: &str) -> NerSentence {
    let n = rows.len();
    let words: Vec<String> = rows.iter().map(|r| r[1].to_string()).collect();
    let upos: Vec<&str> = rows.iter().map(|r| r[3]).collect();
    let xpos: Vec<&str> = rows.iter().map(|r| r[4]).collect();
    let heads: Vec<Option<usize>> = rows
        .iter()
        .map(|r| r[6].parse::<usize>().ok().and_then(|h| h.checked_sub(1)))
        .collect();
    // Parse Entity= brackets.
    let mut open: Vec<(String, String, usize)> = Vec::new(); // (eid, etype, start)
    let mut spans: Vec<(usize, usize, String, String)> = Vec::new();
    for (i, r) in rows.iter().enumerate() {
        let Some(ent) = r[9].split('|').find_map(|m| m.strip_prefix("Entity=")) else {
            continue;
        };
        let b = ent.as_bytes();
        let mut k = 0;
        while k < b.len() {
            if b[k] == b'(' {
                let mut e = k + 1;
                while e < b.len() && b[e] != b'(' && b[e] != b')' {
                    e += 1;
                }
                let body = &ent[k + 1..e];
                let mut parts = body.split('-');
                let eid = parts.next().unwrap_or("").to_string();
                let ety = parts.next().unwrap_or("").to_string();
                if e < b.len() && b[e] == b')' {
                    spans.push((i, i + 1, eid, ety));
                    k = e + 1;
                } else {
                    open.push((eid, ety, i));
                    k = e;
                }
            } else if b[k] == b')' {
                k += 1;
            } else {
                // "EID)" closing
                let mut e = k;
                while e < b.len() && b[e] != b')' && b[e] != b'(' {
                    e += 1;
                }
                let eid = &ent[k..e];
                if let Some(pos) = open.iter().rposition(|(id, _, _)| id == eid) {
                    let (id, ty, s) = open.remove(pos);
                    spans.push((s, i + 1, id, ty));
                }
                k = if e < b.len() && b[e] == b')' { e + 1 } else { e };
            }
        }
    }
    let mut mentions = Vec::new();
    let mut named: Vec<NerSpan> = Vec::new();
    for (s, e, id, ty) in &spans {
        // head: the token whose head lies outside the span
        let head = (*s..*e)
            .find(|&t| heads[t].is_none_or(|h| h < *s || h >= *e))
            .unwrap_or(*s);
        mentions.push(GumMention {
            start: *s,
            end: *e,
            cluster: id.clone(),
            etype: ty.clone(),
            head,
        });
        let nt = match ty.as_str() {
            "person" => NerType::Per,
            "organization" => NerType::Org,
            "place" => NerType::Loc,
            _ => continue,
        };
        // A common-noun head with a name right after it ("the critic Eduard
        // Hanslick"): the name is the named part.
        let head = if upos[head] != "PROPN" {
            match (head + 1..*e).next() {
                Some(t) if upos[t] == "PROPN" && words[t].chars().next().is_some_and(|c| c.is_uppercase()) => t,
                _ => continue,
            }
        } else {
            head
        };
        let is_name_word = |t: usize| {
            upos[t] == "PROPN"
                || (upos[t] == "NUM" && words[t].chars().all(|c| c.is_ascii_digit()))
                || (words[t].chars().next().is_some_and(|c| c.is_uppercase())
                    && !matches!(upos[t], "DET" | "PRON" | "PUNCT" | "ADP"))
        };
        let mut a = head;
        let mut z = head + 1;
        loop {
            if a > *s && is_name_word(a - 1) {
                a -= 1;
            } else if a > s + 1
                && matches!(upos[a - 1], "ADP" | "CCONJ" | "PART" | "DET")
                && words[a - 1] != "'s"
                && is_name_word(a - 2)
                && upos[a - 1] != "PART"
            {
                a -= 2;
            } else {
                break;
            }
        }
        loop {
            if z < *e && is_name_word(z) {
                z += 1;
            } else if z + 1 < *e && matches!(upos[z], "ADP" | "CCONJ" | "DET") && is_name_word(z + 1) {
                z += 2;
            } else {
                break;
            }
        }
        // groups named by a plural proper noun ("the Palestinians") are not names
        if z == a + 1 && xpos[a] == "NNPS" {
            continue;
        }
        named.push(NerSpan {
            start: a,
            end: z,
            ty: nt,
        });
    }
    let _ = n;
    // Outermost, non-overlapping: longer first.
    named.sort_by_key(|s| (std::cmp::Reverse(s.end - s.start), s.start));
    let mut kept: Vec<NerSpan> = Vec::new();
    for s in named {
        if kept.iter().all(|k| s.end <= k.start || k.end <= s.start) {
            kept.push(s);
        }
    }
    kept.sort();
    NerSentence {
        words,
        spans: kept,
        mentions,
        doc: doc.to_string(),
    }
}

fn iob_type(t: &str) -> Option<NerType> {
    match t {
        "PER" => Some(NerType::Per),
        "ORG" => Some(NerType::Org),
        "LOC" => Some(NerType::Loc),
        _ => None,
    }
}

/// IOB1/IOB2 tags → spans (MISC and unknown types dropped).
fn iob_spans(tags: &[String]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    let close = |cur: &mut Option<(usize, String)>, i: usize, out: &mut Vec<NerSpan>| {
        if let Some((s, t)) = cur.take() {
            if let Some(ty) = iob_type(&t) {
                out.push(NerSpan { start: s, end: i, ty });
            }
        }
    };
    for (i, t) in tags.iter().enumerate() {
        if t == "O" || t.len() < 3 {
            close(&mut cur, i, &mut out);
            continue;
        }
        let (bi, ty) = t.split_at(2);
        let bi = &bi[..1];
        let cont = matches!(&cur, Some((_, ct)) if ct == ty);
        if bi == "B" || !cont {
            close(&mut cur, i, &mut out);
            cur = Some((i, ty.to_string()));
        }
    }
    close(&mut cur, tags.len(), &mut out);
    out
}

/// wikigold: `word TAG` lines, blank lines between sentences, -DOCSTART- lines.
pub fn read_wikigold(path: &Path) -> Result<Vec<NerSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags = Vec::new();
    let mut doc = 0;
    let mut flush = |words: &mut Vec<String>, tags: &mut Vec<String>, doc: usize| {
        if !words.is_empty() {
            out.push(NerSentence {
                words: std::mem::take(words),
                spans: iob_spans(tags),
                mentions: Vec::new(),
                doc: format!("wikigold-{doc}"),
            });
            tags.clear();
        }
    };
    for line in text.lines() {
        let line = line.trim_end();
        if line.is_empty() {
            flush(&mut words, &mut tags, doc);
            continue;
        }
        let Some((w, t)) = line.rsplit_once(' ') else { continue };
        if w == "-DOCSTART-" {
            flush(&mut words, &mut tags, doc);
            doc += 1;
            continue;
        }
        words.push(w.to_string());
        tags.push(t.to_string());
    }
    flush(&mut words, &mut tags, doc);
    Ok(out)
}

/// UNER: `idx<TAB>word<TAB>tag<TAB>…` lines, `#` comments, blank line between sentences.
pub fn read_uner(path: &Path) -> Result<Vec<NerSentence>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| io(path, e))?;
    let mut out = Vec::new();
    let mut words = Vec::new();
    let mut tags = Vec::new();
    let mut doc = String::new();
    for line in text.lines().chain(std::iter::once("")) {
        if let Some(id) = line.strip_prefix("# newdoc id = ") {
            doc = id.trim().to_string();
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        if line.trim().is_empty() {
            if !words.is_empty() {
                out.push(NerSentence {
                    words: std::mem::take(&mut words),
                    spans: iob_spans(&tags),
                    mentions: Vec::new(),
                    doc: doc.clone(),
                });
                tags.clear();
            }
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 {
            continue;
        }
        words.push(cols[1].to_string());
        tags.push(cols[2].to_string());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_iob2() {
        let t: Vec<String> = ["I-ORG", "I-ORG", "O", "B-PER", "I-PER", "B-PER", "I-MISC"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let s = iob_spans(&t);
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].start, s[0].end), (0, 2));
        assert_eq!((s[1].start, s[1].end), (3, 5));
        assert_eq!((s[2].start, s[2].end), (5, 6));
    }
}
