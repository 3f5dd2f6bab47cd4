//! Quotation spans: pairs of quote marks, including quotes that run over
//! several paragraphs (a paragraph left open continues in the next one,
//! whether or not that paragraph reopens with a quote mark).

use claimgraph_doc::{Doc, ExcludedKind, Span};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quote {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// Byte offset of the closing mark, when there is one.
    pub close: Option<usize>,
    /// The text inside the marks, trimmed of whitespace.
    pub inner: Span,
}

impl Quote {
    /// End of the quote including its closing mark.
    pub fn outer_end(&self, text: &str) -> usize {
        match self.close {
            Some(c) => {
                let mut it = text[c..].chars();
                let first = it.next().map_or(0, char::len_utf8);
                // A doubled closing mark (’’) ends after both.
                let second = match (text[c..].chars().next(), it.next()) {
                    (Some(a), Some(b)) if a == b && matches!(a, '’' | '\'') => b.len_utf8(),
                    _ => 0,
                };
                c + first + second
            }
            None => self.inner.end as usize,
        }
    }
}

fn is_open_mark(c: char) -> bool {
    matches!(c, '“' | '„' | '«')
}

fn is_close_mark(c: char) -> bool {
    matches!(c, '”' | '»')
}

/// How many paragraphs an unclosed quote may run over before we give up.
const MAX_QUOTE_PARAGRAPHS: usize = 8;

pub fn find(doc: &Doc) -> Vec<Quote> {
    let text = doc.text();
    let paras: Vec<Span> = doc
        .paragraphs
        .iter()
        .copied()
        // Headlines, captions and bylines hold no statements.
        .filter(|p| {
            // (`excluded` is sorted by start and non-overlapping: only the
            // last stretch starting at or before the paragraph can hold it.)
            let i = doc.excluded.partition_point(|(e, _)| e.start <= p.start);
            !i.checked_sub(1)
                .is_some_and(|i| doc.excluded[i].0.contains(*p) && doc.excluded[i].1 != ExcludedKind::Dateline)
        })
        .collect();
    let mut quotes = Vec::new();
    let mut open: Option<(usize, usize)> = None; // (byte of mark, paragraph index where opened)
    let mut pi = 0;
    while pi < paras.len() {
        let p = paras[pi];
        let ptext = &text[p.range()];
        let mut first_char = true;
        let bytes = ptext.as_bytes();
        let mut k = 0;
        while k < bytes.len() {
            if !first_char {
                // Past the paragraph's first character only marks change
                // anything: skip ASCII bytes that are none (most of the text).
                match bytes[k..]
                    .iter()
                    .position(|&b| b >= 0x80 || matches!(b, b'"' | b'\'' | b'`'))
                {
                    Some(d) => k += d,
                    None => break,
                }
            }
            let off = k;
            let Some(c) = ptext[k..].chars().next() else { break };
            k += c.len_utf8();
            let at = p.start as usize + off;
            // Doubled single marks stand for double ones: ‘‘ … ’’, `` … ''.
            let doubled = matches!(c, '’' | '‘' | '`' | '\'') && ptext[k..].starts_with(c);
            if doubled {
                k += c.len_utf8();
            }
            let c = match (doubled, c) {
                (true, '’') | (true, '\'') => '”',
                (true, _) => '“',
                _ => c,
            };
            let straight = c == '"';
            if let Some((o, _)) = open {
                let closes = is_close_mark(c) || (straight && !first_char);
                if first_char && (is_open_mark(c) || straight) {
                    // A continued quote reopens its paragraph: skip the mark.
                } else if closes {
                    let start = o + text[o..].chars().next().map_or(1, char::len_utf8);
                    push(&mut quotes, text, o, Some(at), start, at);
                    open = None;
                } else if is_open_mark(c) {
                    // A new opening mark while open: the old quote was unbalanced.
                    open = Some((at, pi));
                }
            } else if is_open_mark(c) || straight {
                open = Some((at, pi));
            }
            if !c.is_whitespace() {
                first_char = false;
            }
        }
        if let Some((o, opened_in)) = open {
            // Paragraph ended inside a quote: continue into the next paragraph
            // when it reopens with a mark or closes before opening again.
            let continues = continues_after(text, &paras[pi + 1..], MAX_QUOTE_PARAGRAPHS - (pi - opened_in));
            if !continues {
                let start = o + text[o..].chars().next().map_or(1, char::len_utf8);
                push(&mut quotes, text, o, None, start, p.end as usize);
                open = None;
            }
        }
        pi += 1;
    }
    // In text order (lookups binary-search).
    quotes.sort_by_key(|q| q.open);
    quotes
}

/// Whether a quote left open at a paragraph's end runs on: the next
/// paragraph reopens with a mark, or a later one (before any new opening
/// mark, within `limit` paragraphs) closes it.
fn continues_after(text: &str, next: &[Span], limit: usize) -> bool {
    for (k, p) in next.iter().enumerate().take(limit) {
        let n = &text[p.range()];
        let t = n.trim_start();
        if k == 0 && t.starts_with(['“', '"', '„', '«']) {
            return true;
        }
        let close = n.find(|c| is_close_mark(c) || c == '"');
        let open = n.find(is_open_mark);
        match (close, open) {
            (Some(c), Some(o)) => return c < o,
            (Some(_), None) => return true,
            (None, Some(_)) => return false,
            (None, None) => {}
        }
    }
    false
}

fn push(out: &mut Vec<Quote>, text: &str, open: usize, close: Option<usize>, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let inner = &text[start..end];
    let lead = inner.len() - inner.trim_start().len();
    let trail = inner.len() - inner.trim_end().len();
    if lead + trail >= inner.len() {
        return;
    }
    out.push(Quote {
        open,
        close,
        inner: Span::new(start + lead, end - trail),
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_doc::Meta;

    fn doc(text: &str) -> Doc {
        let mut d = Doc::new(Meta::default(), text.to_string());
        let mut start = 0;
        for line in text.split('\n') {
            if !line.trim().is_empty() {
                d.paragraphs.push(Span::new(start, start + line.len()));
            }
            start += line.len() + 1;
        }
        d
    }

    fn inner(d: &Doc) -> Vec<&str> {
        find(d).iter().map(|q| d.slice(q.inner)).collect()
    }

    #[test]
    fn curly_and_straight() {
        let d = doc("He said “one two,” and then \"three four\".");
        assert_eq!(inner(&d), ["one two,", "three four"]);
    }

    #[test]
    fn multi_paragraph_without_reopening() {
        let d = doc("“First part.\n\nSecond part.\n\nThird part.”\nAfter.");
        assert_eq!(inner(&d), ["First part.\n\nSecond part.\n\nThird part."]);
    }

    #[test]
    fn doubled_single_marks() {
        let d = doc("“It is obvious,’’ the embassy said. Then “more”.");
        assert_eq!(inner(&d), ["It is obvious,", "more"]);
    }

    #[test]
    fn multi_paragraph_reopened() {
        let d = doc("“First part.\n“Second part,” he said.");
        assert_eq!(inner(&d), ["First part.\n“Second part,"]);
    }

    #[test]
    fn unclosed_quote_stops_at_paragraph() {
        let d = doc("He said “unfinished\nNext paragraph “x y”.");
        assert_eq!(inner(&d), ["unfinished", "x y"]);
    }
}
