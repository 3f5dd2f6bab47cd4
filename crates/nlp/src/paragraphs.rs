//! Paragraph boundaries and the stretches kept out of statements: headlines,
//! in-text headings, captions and credits, bylines, datelines.

use std::ops::Range;

use claimgraph_doc::{ExcludedKind, Span};

use crate::tokenize::is_ignorable;

fn is_trim(c: char) -> bool {
    c.is_whitespace() || is_ignorable(c)
}

/// Trims `text[r]` of whitespace and format chars; `None` when nothing is left.
fn trim(text: &str, r: Range<usize>) -> Option<Span> {
    let t = &text[r.clone()];
    let lead = t.len() - t.trim_start_matches(is_trim).len();
    let t2 = t.trim_matches(is_trim);
    if t2.is_empty() {
        None
    } else {
        Some(Span::new(r.start + lead, r.start + lead + t2.len()))
    }
}

/// One line piece: a line minus any part covered by the header.
struct Piece {
    span: Span,
    /// A blank line or the header separates this piece from the previous one.
    after_break: bool,
}

/// Finds the paragraphs of `text`: every line is a paragraph, except in
/// hard-wrapped text, where blank lines separate paragraphs. The header
/// range is never part of a paragraph.
pub(crate) fn paragraphs(text: &str, header: Option<Range<usize>>) -> Vec<Span> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut blank_lines = 0usize;
    let mut pending_break = false;
    let hdr = header.filter(|h| h.start < h.end);
    let push = |pieces: &mut Vec<Piece>, pending: &mut bool, r: Range<usize>| {
        if let Some(sp) = trim(text, r) {
            pieces.push(Piece {
                span: sp,
                after_break: *pending,
            });
            *pending = false;
        }
    };
    let bytes = text.as_bytes();
    let mut ls = 0usize;
    loop {
        let le = memchr_nl(bytes, ls).unwrap_or(text.len());
        match &hdr {
            Some(h) if h.start < le && ls < h.end => {
                if h.start > ls {
                    push(&mut pieces, &mut pending_break, ls..h.start);
                }
                pending_break = true; // the header separates paragraphs
                if h.end < le {
                    push(&mut pieces, &mut pending_break, h.end..le);
                }
            }
            _ => {
                if trim(text, ls..le).is_some() {
                    push(&mut pieces, &mut pending_break, ls..le);
                } else {
                    blank_lines += 1;
                    pending_break = true;
                }
            }
        }
        if le >= text.len() {
            break;
        }
        ls = le + 1;
    }
    if !hard_wrapped(text, &pieces, blank_lines) {
        return pieces.into_iter().map(|p| p.span).collect();
    }
    let mut out: Vec<Span> = Vec::new();
    for (i, p) in pieces.iter().enumerate() {
        if i > 0 && !p.after_break {
            if let Some(last) = out.last_mut() {
                last.end = p.span.end;
                continue;
            }
        }
        out.push(p.span);
    }
    out
}

fn memchr_nl(b: &[u8], from: usize) -> Option<usize> {
    b[from.min(b.len())..]
        .iter()
        .position(|&x| x == b'\n')
        .map(|p| p + from)
}

/// Most non-blank lines of similar length ≤ 80 chars, blank lines between
/// blocks: single newlines are soft wraps.
fn hard_wrapped(text: &str, pieces: &[Piece], blank_lines: usize) -> bool {
    if blank_lines == 0 || pieces.len() < 4 {
        return false;
    }
    let lens: Vec<usize> = pieces.iter().map(|p| text[p.span.range()].chars().count()).collect();
    let max = *lens.iter().max().unwrap_or(&0);
    if !(30..=90).contains(&max) {
        return false;
    }
    // Lines followed by another line of the same block.
    let mut inner = 0usize;
    let mut long_inner = 0usize;
    for i in 0..pieces.len().saturating_sub(1) {
        if !pieces[i + 1].after_break {
            inner += 1;
            if lens[i] * 10 >= max * 6 {
                long_inner += 1;
            }
        }
    }
    inner >= 2 && inner * 3 >= pieces.len() && long_inner * 10 >= inner * 8
}

/// Words of `t` (whitespace-separated, as `split_whitespace` has them),
/// counted up to `cap`: each test here compares the count with a small
/// threshold, so `cap` is one over it and a body paragraph is read only
/// to its first few words (this runs up to four times for every one).
fn word_count(t: &str, cap: usize) -> usize {
    // Over bytes: ASCII white space as `char::is_whitespace` has it (tab,
    // LF, VT, FF, CR, space); a non-ASCII character is decoded and asked.
    let b = t.as_bytes();
    let (mut n, mut in_word, mut i) = (0, false, 0);
    while i < b.len() && n < cap {
        let (ws, len) = if b[i] < 0x80 {
            (matches!(b[i], b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r'), 1)
        } else {
            let c = t[i..].chars().next().expect("a char boundary");
            (c.is_whitespace(), c.len_utf8())
        };
        n += usize::from(!ws && !in_word);
        in_word = !ws;
        i += len;
    }
    n
}

/// Whether the text ends with sentence-final punctuation, possibly followed
/// by closing quotes or brackets.
pub(crate) fn ends_sentence(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| is_trim(c) || matches!(c, '"' | '”' | '’' | '\'' | '»' | ')' | ']' | '›'));
    t.ends_with(['.', '!', '?', '…'])
}

const CAPTION_MARKS: &[&str] = &[
    "| photo",
    "| Photo",
    "|photo",
    "Photo by",
    "Photo:",
    "photo:",
    "(Photo",
    "(photo",
    "Photo credit",
    "Image:",
    "Credit:",
    "Photograph:",
    "Picture:",
    "Photo courtesy",
    "Photo/",
    "(Image",
    "Getty Images",
    "| Reuters",
    "| AFP",
    "| AP",
];

/// Whether `t` may hold a caption mark: each mark has one of these, and one
/// scan for them spares most paragraphs a scan per mark.
fn may_hold_caption_mark(t: &str) -> bool {
    t.contains('|')
        || ["hoto", "mage", "redit", "icture", "Getty"]
            .iter()
            .any(|k| t.contains(k))
}

fn is_caption(t: &str) -> bool {
    // (both tests below need a mark or a '|', which this looks for)
    if !may_hold_caption_mark(t) {
        return false;
    }
    let wc = word_count(t, 81);
    if wc <= 80 && CAPTION_MARKS.iter().any(|m| t.contains(m)) {
        return true;
    }
    // A short line of names joined by '|': "KCNA | Reuters"
    wc <= 10 && t.contains('|') && !ends_sentence(t)
}

const NAME_LINKS: &[&str] = &[
    "and", "&", "de", "van", "von", "al", "bin", "da", "del", "der", "la", "le", "du", "di",
];

fn is_byline(t: &str) -> bool {
    let wc = word_count(t, 16);
    if let Some(rest) = t.strip_prefix("By ").or_else(|| t.strip_prefix("BY ")) {
        if wc <= 12
            && rest
                .split_whitespace()
                .all(|w| starts_upper(w) || NAME_LINKS.contains(&w.trim_matches(',')))
        {
            return true;
        }
    }
    for p in [
        "Last updated",
        "Updated:",
        "Updated on",
        "Published:",
        "Published on",
        "Posted on",
        "Posted:",
        "Last modified",
    ] {
        if t.starts_with(p) && wc <= 15 {
            return true;
        }
    }
    if wc <= 4 && !ends_sentence(t) {
        let last = t.split_whitespace().last().unwrap_or("");
        if matches!(
            last,
            "Reporter" | "Correspondent" | "Writer" | "Staff" | "Desk" | "Bureau" | "Editor" | "Reporters"
        ) {
            return true;
        }
    }
    // "Dan De Luce and Andrea Mitchell"
    if (2..=10).contains(&wc) && !ends_sentence(t) && (t.contains(" and ") || t.contains(" & ") || t.contains(", ")) {
        let mut names = 0;
        for w in t.split_whitespace() {
            let w = w.trim_end_matches(',');
            if NAME_LINKS.contains(&w) {
                continue;
            }
            if !starts_upper(w) || w.chars().any(|c| c.is_ascii_digit()) || w.contains(['\'', '’']) {
                return false;
            }
            names += 1;
        }
        return names >= 2;
    }
    false
}

fn starts_upper(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

fn is_heading(t: &str, max_words: usize) -> bool {
    if ends_sentence(t) || word_count(t, max_words + 1) > max_words {
        return false;
    }
    if t.ends_with([':', ',', ';', '—', '–', '-']) {
        return false;
    }
    // A quote followed by its attribution ("“We will respond,” he said") is
    // body text, even when the final period is missing.
    if t.contains(",”") || t.contains(",\"") || t.contains(",’") {
        return false;
    }
    t.chars().next().is_some_and(|c| !c.is_lowercase())
}

/// A first paragraph that asks a short question: "Did Baku Participate in
/// Israel’s Attack Against Iran?"
fn is_question_headline(t: &str) -> bool {
    let u = t.trim_end_matches(|c: char| is_trim(c) || matches!(c, '"' | '”' | '’' | '\'' | '»'));
    u.ends_with('?') && word_count(t, 15) <= 14 && !t.contains(",”") && !t.contains(",\"")
}

/// A link to another story: "READ ALSO: U.S., Britain accuse Russia …",
/// "RELATED: …", "WATCH: …" (the headline of another article, whatever
/// its length and punctuation).
fn is_related_link(t: &str) -> bool {
    const LABELS: &[&str] = &[
        "READ",
        "ALSO",
        "MORE",
        "RELATED",
        "SEE",
        "WATCH",
        "LISTEN",
        "RECOMMENDED",
        "STORY",
        "STORIES",
    ];
    let Some((label, rest)) = t.split_once(':') else {
        return false;
    };
    let words: Vec<&str> = label.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && words.iter().all(|w| LABELS.contains(w))
        && words
            .iter()
            .any(|w| matches!(*w, "READ" | "RELATED" | "SEE" | "WATCH" | "LISTEN" | "RECOMMENDED"))
        && !rest.trim().is_empty()
}

/// Finds the excluded stretches of the paragraphs (the header is added by
/// the caller).
pub(crate) fn exclusions(text: &str, paras: &[Span]) -> Vec<(Span, ExcludedKind)> {
    let mut out = Vec::new();
    let mut seen_body = false;
    for (k, &p) in paras.iter().enumerate() {
        let t = &text[p.range()];
        let kind = if is_caption(t) {
            Some(ExcludedKind::Caption)
        } else if is_byline(t) {
            Some(ExcludedKind::Byline)
        } else if (k == 0 && paras.len() > 1 && (is_heading(t, 25) || is_question_headline(t)))
            || (k > 0 && is_heading(t, 14))
            || is_related_link(t)
        {
            Some(ExcludedKind::Headline)
        } else {
            None
        };
        if let Some(kind) = kind {
            out.push((p, kind));
            continue;
        }
        if let Some(n) = dateline_len(t, !seen_body) {
            out.push((
                Span::new(p.start as usize, p.start as usize + n),
                ExcludedKind::Dateline,
            ));
        }
        seen_body = true;
    }
    out
}

const MONTHS: &[&str] = &[
    "Jan",
    "Feb",
    "Mar",
    "Apr",
    "Jun",
    "Jul",
    "Aug",
    "Sep",
    "Sept",
    "Oct",
    "Nov",
    "Dec",
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "Aug.",
    "Sept.",
    "Sep.",
    "Oct.",
    "Nov.",
    "Dec.",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Byte length of a dateline at the start of a paragraph ("MOSCOW (AP) —",
/// "TEHRAN:", "LONDON, Ont. -", "Oct. 19 (UPI) —"), dash or colon included.
/// With `first_body`, an outlet name before a spaced dash also counts
/// ("Islam Times - ").
pub(crate) fn dateline_len(t: &str, first_body: bool) -> Option<usize> {
    let words: Vec<(usize, &str)> = t
        .split(' ')
        .scan(0usize, |pos, w| {
            let s = *pos;
            *pos += w.len() + 1;
            Some((s, w))
        })
        .take(9)
        .collect();
    let is_caps = |w: &str| {
        let w = w.trim_end_matches([',', ':']);
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2
            && w.chars()
                .all(|c| c.is_uppercase() || matches!(c, '.' | '-' | '\'' | '’' | '/'))
    };
    let is_dash = |w: &str| matches!(w, "—" | "–" | "-" | "--" | "―");
    let mut i = 0;
    let mut kind_caps = false;
    // date form: Oct. 19 (UPI) —
    if words.len() >= 3
        && MONTHS.contains(&words[0].1)
        && words[1].1.trim_end_matches(',').bytes().all(|b| b.is_ascii_digit())
    {
        i = 2;
        if words
            .get(2)
            .is_some_and(|w| w.1.len() == 4 && w.1.bytes().all(|b| b.is_ascii_digit()))
        {
            i = 3;
        }
    } else {
        while i < words.len() && i < 5 && is_caps(words[i].1) {
            let w = words[i].1;
            i += 1;
            if let Some(stripped) = w.strip_suffix(':') {
                if !stripped.is_empty() && is_caps(stripped) && i < words.len() {
                    return Some(words[i - 1].0 + w.len());
                }
                return None;
            }
            if w.ends_with(',') {
                // LONDON, Ont.  /  KYIV, UKRAINE  /  SEOUL, June 3 (Reuters)
                let day = |k: usize| {
                    words
                        .get(k)
                        .is_some_and(|w| (1..=2).contains(&w.1.len()) && w.1.bytes().all(|b| b.is_ascii_digit()))
                };
                if words.get(i).is_some_and(|w| MONTHS.contains(&w.1)) && day(i + 1) {
                    i += 2;
                } else if let Some(&(_, n)) = words.get(i) {
                    if starts_upper(n) && n.len() <= 14 && n.chars().all(|c| c.is_alphabetic() || c == '.') {
                        i += 1;
                    }
                }
                break;
            }
        }
        kind_caps = i > 0;
    }
    if i == 0 && words.first().is_some_and(|w| w.1.starts_with('(')) {
        // "(Reuters) - The …"
        let close = t.find(')')?;
        return if close <= 24 { sep_after(t, close + 1) } else { None };
    }
    if i == 0 {
        // outlet form: Islam Times - Chinese
        if !first_body {
            return None;
        }
        while i < words.len() && i < 3 && starts_upper(words[i].1) && words[i].1.chars().all(|c| c.is_alphabetic()) {
            i += 1;
        }
        if i == 0 || i >= words.len() || !is_dash(words[i].1) {
            return None;
        }
        let next = words.get(i + 1)?;
        if !starts_upper(next.1) && !next.1.starts_with(['“', '"']) {
            return None;
        }
        return Some(words[i].0 + words[i].1.len());
    }
    // (AP) / (Reuters)
    if let Some(&(s, w)) = words.get(i) {
        if w.starts_with('(') {
            let close = t[s..].find(')')?;
            if close > 24 {
                return None;
            }
            return sep_after(t, s + close + 1);
        }
    }
    if !kind_caps {
        return None; // a date needs an agency
    }
    let after = if i == 0 {
        0
    } else {
        words[i - 1].0 + words[i - 1].1.len()
    };
    sep_after(t, after)
}

/// A dash (with whitespace around) or a colon right after `pos`; returns the
/// end of the separator.
fn sep_after(t: &str, pos: usize) -> Option<usize> {
    let rest = &t[pos..];
    if let Some(r) = rest.strip_prefix(':') {
        return r.starts_with(' ').then_some(pos + 1);
    }
    let r = rest.trim_start_matches(' ');
    let skipped = rest.len() - r.len();
    if skipped == 0 {
        return None;
    }
    for d in ["--", "—", "–", "-", "―"] {
        if let Some(after) = r.strip_prefix(d) {
            if after.starts_with(char::is_whitespace) {
                return Some(pos + skipped + d.len());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_counts_agree_with_split_whitespace() {
        for t in [
            "",
            " ",
            "one",
            " two  words ",
            "a\tb\nc\u{0B}d\u{0C}e\rf",
            "x\u{1F}y",
            "über  alles",
            "a\u{A0}b",
            "“quoted” — and\u{2003}spaced\u{3000}words…",
            "\u{85}x\u{2028}y\u{2029} z",
        ] {
            let n = t.split_whitespace().count();
            assert_eq!(word_count(t, 100), n, "{t:?}");
            for cap in 0..n {
                assert_eq!(word_count(t, cap), cap, "{t:?} {cap}");
            }
        }
        assert_eq!(word_count(&"w ".repeat(150), 100), 100);
    }

    #[test]
    fn the_caption_prefilter_lets_every_mark_through() {
        for m in CAPTION_MARKS {
            assert!(may_hold_caption_mark(m), "{m}");
        }
        assert!(!may_hold_caption_mark(
            "The minister said on Tuesday that talks would go on."
        ));
    }

    #[test]
    fn lines_are_paragraphs() {
        let t = "Headline here\n\nFirst para. Still.\nSecond para.\n";
        let p: Vec<&str> = paragraphs(t, None).iter().map(|s| &t[s.range()]).collect();
        assert_eq!(p, ["Headline here", "First para. Still.", "Second para."]);
    }

    /// "READ ALSO: …" is another story's headline, however it is punctuated;
    /// a sentence with a colon is not.
    #[test]
    fn related_story_links_are_headlines() {
        let t =
            "Moscow rejected the claims.\n\nREAD ALSO: U.S., Britain accuse Russia of cyberattacks, officials say.\n\n\
                 The Kremlin said: it is absurd.\n";
        let paras = paragraphs(t, None);
        let ex: Vec<&str> = exclusions(t, &paras).iter().map(|(s, _)| &t[s.range()]).collect();
        assert_eq!(
            ex,
            ["READ ALSO: U.S., Britain accuse Russia of cyberattacks, officials say."]
        );
    }

    #[test]
    fn hard_wrapped_text_joins_lines() {
        let t = "The Kremlin on Wednesday denied Moscow was interfering in the US\n\
                 election campaign after President Barack Obama refused to rule out\n\
                 that Russia could be trying to sway the vote.\n\n\
                 \"President Putin has repeatedly said that Russia has never\n\
                 interfered and does not interfere in internal affairs,\" Kremlin\n\
                 spokesman Dmitry Peskov told reporters.\n";
        let p = paragraphs(t, None);
        assert_eq!(p.len(), 2);
        assert!(t[p[0].range()].ends_with("the vote."));
        assert!(t[p[1].range()].starts_with("\"President"));
    }

    #[test]
    fn header_is_cut_out() {
        let t =
            " date 2025-06-19 Azerbaijan accused of aiding Israeli intelligence\n\nAzerbaijan has come under scrutiny.";
        let p: Vec<&str> = paragraphs(t, Some(0..17)).iter().map(|s| &t[s.range()]).collect();
        assert_eq!(
            p,
            [
                "Azerbaijan accused of aiding Israeli intelligence",
                "Azerbaijan has come under scrutiny."
            ]
        );
    }

    #[test]
    fn datelines() {
        fn d(t: &str) -> Option<&str> {
            dateline_len(t, false).map(|n| &t[..n])
        }
        assert_eq!(d("MOSCOW (AP) — The Kremlin is denying"), Some("MOSCOW (AP) —"));
        assert_eq!(d("TEHRAN: Iran said on Monday"), Some("TEHRAN:"));
        assert_eq!(d("WASHINGTON — North Korea is evading"), Some("WASHINGTON —"));
        assert_eq!(d("WASHINGTON - The authors of a study"), Some("WASHINGTON -"));
        assert_eq!(d("LONDON, Ont. - Damian Warner’s coaches say"), Some("LONDON, Ont. -"));
        assert_eq!(d("Oct. 19 (UPI) — The Israeli Defense Forces"), Some("Oct. 19 (UPI) —"));
        assert_eq!(d("U.N. report: North Korea evading sanctions"), None);
        assert_eq!(d("KYIV, Ukraine (AP) — Russian forces"), Some("KYIV, Ukraine (AP) —"));
        assert_eq!(
            d("BEIRUT/DUBAI (Reuters) - Iran said"),
            Some("BEIRUT/DUBAI (Reuters) -")
        );
        assert_eq!(d("(Reuters) - Iran said"), Some("(Reuters) -"));
        assert_eq!(
            d("SEOUL, June 3 (Reuters) - South Korea's minister"),
            Some("SEOUL, June 3 (Reuters) -")
        );
        assert_eq!(d("SEOUL, June 3 - South Korea's minister"), Some("SEOUL, June 3 -"));
        assert_eq!(d("Nov 3 (Reuters) - Iran said"), Some("Nov 3 (Reuters) -"));
        assert_eq!(d("TEHRAN, Iran said on Monday"), None);
        assert_eq!(d("(Reporting by Jane Doe; Editing by John Roe) - x"), None);
        assert_eq!(d("NATO said on Monday"), None);
        assert_eq!(d("The Kremlin said — on Monday"), None);
        assert_eq!(
            dateline_len("Islam Times - Chinese Foreign Ministry spokeswoman", true),
            Some(13)
        );
        assert_eq!(
            dateline_len("Islam Times - Chinese Foreign Ministry spokeswoman", false),
            None
        );
    }

    #[test]
    fn paragraph_kinds() {
        assert!(is_caption("Hikmet Hajiyev | photo: Trend"));
        assert!(is_caption("KCNA | Reuters"));
        assert!(is_caption(
            "Supporters attend a rally in Taipei on December 23, 2023. Photo by I-Hwa CHENG / AFP"
        ));
        assert!(!is_caption(
            "Presidential aide Hikmet Hajiyev firmly denies the allegations."
        ));
        assert!(is_byline("Dan De Luce and Andrea Mitchell"));
        assert!(is_byline("Agency Reporter"));
        assert!(is_byline("Last updated at 08:50 23 August 2004"));
        assert!(is_byline("By Jane Doe and John Roe"));
        assert!(!is_byline("Accusations of espionage and collaboration"));
        assert!(is_heading("Accusations of espionage and collaboration", 14));
        assert!(is_heading(
            "Afgan Mukhtarli: “Allegations may be true — I don’t see anything unusual here”",
            14
        ));
        assert!(!is_heading(
            "“This cannot happen without American cover or a green light.”",
            14
        ));
        assert!(!is_heading("“We will respond firmly,” the IDF said", 14));
        assert!(!is_heading(
            "On the platform “X”, the page Israel News Pulse posted:",
            14
        ));
        assert!(ends_sentence("airstrikes against Iran.\""));
        assert!(is_question_headline(
            "Did Baku Participate in Israel’s Attack Against Iran?"
        ));
        assert!(!is_question_headline(
            "Why would anyone believe, the minister asked, that Baku was neutral in a war of this size and scope?"
        ));
    }
}
