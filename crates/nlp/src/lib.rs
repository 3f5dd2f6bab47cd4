//! Paragraphs, exclusions, sentences and tokens for a [`Doc`].
//!
//! [`segment`] fills `doc.paragraphs`, `doc.excluded`, `doc.sentences` and
//! `doc.tokens` in one pass over the text; [`tokenize`] tokenizes a stretch
//! of text with the same UD English (EWT/GUM) conventions.

mod paragraphs;
mod sentences;
mod tokenize;

use std::ops::Range;

use claimgraph_doc::{Doc, ExcludedKind, Span, Token};

/// Fill doc.paragraphs, doc.excluded, doc.sentences and doc.tokens from doc.text().
/// `header`: byte range of a metadata header (e.g. " date 2025-06-19 ") that the reader found; it is
/// recorded in doc.excluded as ExcludedKind::Header and gets no tokens and no sentence.
///
/// Excluded stretches other than the header (headlines, headings, captions,
/// bylines, datelines) are still tokenized and form their own sentences; a
/// dateline is a pseudo-sentence of its own before the body sentence.
pub fn segment(doc: &mut Doc, header: Option<Range<usize>>) {
    let text = doc.text();
    let header = header.and_then(|h| clamp(text, h));
    let paras = paragraphs::paragraphs(text, header.clone());
    let mut excluded = Vec::new();
    if let Some(h) = &header {
        excluded.push((Span::new(h.start, h.end), ExcludedKind::Header));
    }
    excluded.extend(paragraphs::exclusions(text, &paras));
    // Invariant of `Doc::excluded` (its lookups binary-search): sorted by
    // start, overlaps merged into the earlier stretch.
    excluded.sort_by_key(|(s, _)| (s.start, s.end));
    let mut merged: Vec<(Span, ExcludedKind)> = Vec::with_capacity(excluded.len());
    for (s, k) in excluded {
        match merged.last_mut() {
            Some((prev, _)) if s.start < prev.end => prev.end = prev.end.max(s.end),
            _ => merged.push((s, k)),
        }
    }
    let excluded = merged;
    let mut sents = Vec::new();
    let mut tokens = Vec::with_capacity(text.len() / 5);
    sentences::split(text, &paras, &excluded, &mut sents, &mut tokens);
    doc.paragraphs = paras;
    doc.excluded = excluded;
    doc.sentences = sents;
    doc.tokens = tokens;
}

/// Tokenize one stretch of text (used by `claimgraph parse --text`): byte spans + shapes, offsets relative to `text`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    tokenize::tokenize_range(text, 0, text.len(), &mut out);
    out
}

/// Clamps a byte range to the text and to char boundaries; `None` if empty.
fn clamp(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let mut s = r.start.min(text.len());
    let mut e = r.end.min(text.len());
    while !text.is_char_boundary(s) {
        s -= 1;
    }
    while !text.is_char_boundary(e) {
        e += 1;
    }
    (s < e).then_some(s..e)
}

#[cfg(test)]
mod tests;
