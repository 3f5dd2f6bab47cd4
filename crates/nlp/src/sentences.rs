//! Sentence splitting over the tokens of each paragraph.

use claimgraph_doc::{ExcludedKind, Sentence, Span, Token, TokenShape};

use crate::tokenize::{abbrev_kind, split_final_period, tokenize_range, AbbrevKind};

/// Words that typically open a sentence: after a may-end abbreviation
/// (`U.S.`, `Inc.`) they mark a sentence boundary.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "He",
    "She",
    "It",
    "They",
    "We",
    "I",
    "You",
    "His",
    "Her",
    "Its",
    "Their",
    "Our",
    "My",
    "In",
    "On",
    "At",
    "As",
    "After",
    "But",
    "And",
    "Yet",
    "So",
    "However",
    "Meanwhile",
    "When",
    "While",
    "If",
    "Although",
    "Though",
    "According",
    "Some",
    "Many",
    "Most",
    "Both",
    "Each",
    "Since",
    "Last",
    "Earlier",
    "Later",
    "Still",
    "Also",
    "Such",
    "Now",
    "What",
    "Why",
    "How",
    "Who",
    "Where",
    "Asked",
    "Under",
    "For",
    "Despite",
    "During",
    "Moreover",
    "Nevertheless",
    "Instead",
    "Officials",
    "Mr.",
    "Mrs.",
    "Ms.",
    "Dr.",
];

/// Tokenizes every paragraph and splits it into sentences, appending to
/// `sents` and `tokens`. Sentences never cross a paragraph; a dateline is a
/// sentence of its own.
pub(crate) fn split(
    text: &str,
    paras: &[Span],
    excluded: &[(Span, ExcludedKind)],
    sents: &mut Vec<Sentence>,
    tokens: &mut Vec<Token>,
) {
    let mut local: Vec<Token> = Vec::new();
    // Datelines in text order: a cursor instead of a search per paragraph.
    let mut datelines = excluded
        .iter()
        .filter(|(_, kind)| *kind == ExcludedKind::Dateline)
        .map(|&(e, _)| e)
        .peekable();
    for (k, p) in paras.iter().enumerate() {
        let mut start = p.start as usize;
        let end = p.end as usize;
        while datelines.peek().is_some_and(|d| d.start < p.start) {
            datelines.next();
        }
        if let Some(d) = datelines.next_if(|d| d.start == p.start) {
            let de = d.end as usize;
            local.clear();
            tokenize_range(text, start, de, &mut local);
            push_sentence(sents, tokens, &local, k);
            start = de;
        }
        local.clear();
        tokenize_range(text, start, end, &mut local);
        split_tokens(text, &mut local);
        let mut s0 = 0;
        for b in boundaries(text, &local) {
            push_sentence(sents, tokens, &local[s0..b], k);
            s0 = b;
        }
        push_sentence(sents, tokens, &local[s0..], k);
    }
}

fn push_sentence(sents: &mut Vec<Sentence>, tokens: &mut Vec<Token>, toks: &[Token], para: usize) {
    if toks.is_empty() {
        return;
    }
    let t0 = tokens.len() as u32;
    tokens.extend_from_slice(toks);
    sents.push(Sentence {
        span: Span {
            start: toks[0].span.start,
            end: toks[toks.len() - 1].span.end,
        },
        tokens: t0..tokens.len() as u32,
        paragraph: para as u32,
    });
}

fn tok_text<'a>(text: &'a str, t: &Token) -> &'a str {
    &text[t.span.range()]
}

fn is_terminal(w: &str) -> bool {
    !w.is_empty() && w.chars().all(|c| matches!(c, '.' | '!' | '?' | '…'))
}

fn is_closing(w: &str) -> bool {
    matches!(w, "”" | "’" | "’’" | "»" | "›" | ")" | "]" | "}" | "\"" | "'" | "''")
}

fn starts_sentence(text: &str, t: &Token) -> bool {
    let w = tok_text(text, t);
    let Some(c) = w.chars().next() else { return false };
    if t.shape == TokenShape::Quote {
        return !matches!(w, "”" | "’" | "’’" | "»" | "›");
    }
    c.is_ascii_digit() || matches!(c, '(' | '[') || (c.is_alphabetic() && !c.is_lowercase())
}

/// Marks where abbreviations end a sentence: such an abbreviation gives its
/// period away, as UD tokenizes it (`U.K` `.`).
fn split_tokens(text: &str, toks: &mut Vec<Token>) {
    let ends = |k: usize, toks: &[Token]| {
        let t = toks[k];
        if t.shape != TokenShape::Word || !t.space_after || k + 1 >= toks.len() {
            return false;
        }
        let w = tok_text(text, &t);
        let may_end = match abbrev_kind(w) {
            Some(AbbrevKind::MayEnd) => true,
            Some(AbbrevKind::Never) => w.len() == 2, // an initial
            None => false,
        };
        may_end && OPENERS.contains(&tok_text(text, &toks[k + 1]))
    };
    if !(0..toks.len()).any(|k| ends(k, toks)) {
        return;
    }
    // Rebuild once (no insertions in the middle of a long paragraph).
    let mut out = Vec::with_capacity(toks.len() + 8);
    for k in 0..toks.len() {
        out.push(toks[k]);
        if ends(k, toks) {
            let last = out.len() - 1;
            split_final_period(&mut out, last);
        }
    }
    *toks = out;
}

/// Verbs that attribute a quote right after it: `“Is it true?” Peskov asked.`
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "adds",
    "told",
    "tells",
    "wrote",
    "writes",
    "noted",
    "notes",
    "replied",
    "replies",
    "insisted",
    "insists",
    "continued",
    "explained",
    "stated",
    "states",
    "tweeted",
    "declared",
    "argued",
    "claimed",
    "warned",
    "recalled",
    "suggested",
    "shouted",
    "responded",
    "acknowledged",
    "concluded",
    "emphasized",
    "emphasised",
    "stressed",
    "posted",
    "wondered",
    "exclaimed",
];

/// After a quote closed by `?` or `!`: a short capitalised name and a
/// speech verb (`Peskov asked`, `Dmitry Peskov said`) continue the sentence.
fn attribution_follows(text: &str, rest: &[Token]) -> bool {
    for (j, t) in rest.iter().enumerate().take(5) {
        let w = tok_text(text, t);
        if j > 0 && SPEECH_VERBS.contains(&w) {
            return true;
        }
        if t.shape != TokenShape::Word || !w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
    }
    false
}

/// Token indices where a new sentence starts.
fn boundaries(text: &str, toks: &[Token]) -> Vec<usize> {
    let mut out = Vec::new();
    let n = toks.len();
    let mut k = 0;
    while k < n {
        let w = tok_text(text, &toks[k]);
        if toks[k].shape == TokenShape::Punct && is_terminal(w) {
            let mut m = k + 1;
            while m < n && !toks[m - 1].space_after && is_closing(tok_text(text, &toks[m])) {
                m += 1;
            }
            // A footnote mark belongs to the sentence it follows: "… in 1805. [6]"
            if m + 2 < n
                && tok_text(text, &toks[m]) == "["
                && toks[m + 1].shape == TokenShape::Number
                && tok_text(text, &toks[m + 2]) == "]"
                && !toks[m].space_after
                && !toks[m + 1].space_after
            {
                m += 3;
            }
            if m < n
                && toks[m - 1].space_after
                && starts_sentence(text, &toks[m])
                && !(m > k + 1
                    && w.contains(['?', '!'])
                    && toks[m - 1].shape == TokenShape::Quote
                    && attribution_follows(text, &toks[m..]))
            {
                out.push(m);
            }
            k = m;
        } else {
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        let paras = [Span::new(0, t.len())];
        let mut s = Vec::new();
        let mut toks = Vec::new();
        split(t, &paras, &[], &mut s, &mut toks);
        s.iter().map(|s| &t[s.span.range()]).collect()
    }

    #[test]
    fn basic_split_and_closing_quotes() {
        assert_eq!(
            sents("Heshmati says, “It is noteworthy that flights have increased.” The expert emphasizes that."),
            [
                "Heshmati says, “It is noteworthy that flights have increased.”",
                "The expert emphasizes that."
            ]
        );
        assert_eq!(
            sents(
                "He said \"the day would come when Baku would join airstrikes against Iran.\" Heshmati emphasized it."
            ),
            [
                "He said \"the day would come when Baku would join airstrikes against Iran.\"",
                "Heshmati emphasized it."
            ]
        );
        assert_eq!(
            sents("Is it true? “Yes,” he said. 2019 was hard!"),
            ["Is it true?", "“Yes,” he said.", "2019 was hard!"]
        );
        assert_eq!(sents("“Is it true?” he asked."), ["“Is it true?” he asked."]);
        assert_eq!(
            sents("“Is it true?” Dmitry Peskov asked. He left."),
            ["“Is it true?” Dmitry Peskov asked.", "He left."]
        );
        assert_eq!(
            sents("“Is it true?” Peskov never answered."),
            ["“Is it true?”", "Peskov never answered."]
        );
    }

    #[test]
    fn no_split_after_abbreviations_initials_numbers() {
        assert_eq!(
            sents("Gen. Smith met Dr. Jones and Mr. Lee on Oct. 9 in St. Louis."),
            ["Gen. Smith met Dr. Jones and Mr. Lee on Oct. 9 in St. Louis."]
        );
        assert_eq!(
            sents("The team, led by Thomas T. Perls of Boston University, says so."),
            ["The team, led by Thomas T. Perls of Boston University, says so."]
        );
        assert_eq!(
            sents("Olsson went out to 17.79m, worth $4.5 billion. It was long."),
            ["Olsson went out to 17.79m, worth $4.5 billion.", "It was long."]
        );
        assert_eq!(
            sents("Moscow hacked U.S. Democratic Party e-mails."),
            ["Moscow hacked U.S. Democratic Party e-mails."]
        );
        assert_eq!(
            sents("The Russia card is...on the writing table. And... the borders."),
            ["The Russia card is...on the writing table.", "And... the borders."]
        );
        assert_eq!(
            sents("Visit www.trend.az. See jane@example.com for more."),
            ["Visit www.trend.az.", "See jane@example.com for more."]
        );
        assert_eq!(
            sents("Relations between Beijing and Washington.One of the places"),
            ["Relations between Beijing and Washington.One of the places"]
        );
    }

    #[test]
    fn may_end_abbreviation_splits_before_opener() {
        let t = "It interfered in a 2019 U.K. election. He denied meddling in the U.S. The Kremlin said so.";
        assert_eq!(
            sents(t),
            [
                "It interfered in a 2019 U.K. election.",
                "He denied meddling in the U.S.",
                "The Kremlin said so."
            ]
        );
        let paras = [Span::new(0, t.len())];
        let mut s = Vec::new();
        let mut toks = Vec::new();
        split(t, &paras, &[], &mut s, &mut toks);
        let w: Vec<&str> = toks[s[1].token_range()].iter().map(|x| &t[x.span.range()]).collect();
        assert_eq!(w.last().copied(), Some("."));
        assert_eq!(w[w.len() - 2], "U.S");
    }
}
