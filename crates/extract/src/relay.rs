//! Relayed sources: "TASS, citing a source in the emergency services,
//! reported that …", "The Wall Street Journal reported, citing U.S.
//! officials, that …", "Al Arabiya quoted a senior Hamas official as
//! saying …", "Peskov, quoted by RIA Novosti, said …", "officials cited by
//! Reuters said …", "according to Yonhap, quoting KCNA, …".
//!
//! The cited source is the statement's speaker (the gold annotates "a
//! newspaper, quoting a professor, wrote that …" as the professor's), and
//! the outlet or person that passed the words on is kept as its relay, so
//! that a ledger can say who cited whom. Only a cited noun phrase that
//! names a source (a person, a body, an outlet, "a source", "officials",
//! "residents") makes a relay: "citing satellite images" or "citing
//! security concerns" cite evidence or a reason, and the speaker stays.

use claimgraph_doc::{labels, Doc, EntityType, Span};
use claimgraph_entities::lexicon::{is_in, MEDIA_DESC_HEADS, PERSON_DESC_HEADS, PERSON_ROLE_HEADS};

use crate::attribution::Found;
use crate::speakers::{LAY_PERSON_NOUNS, PERSON_ROLES, UNNAMED_SOURCE_NOUNS};

/// A relay found for one statement: the token range naming the outlet or
/// person that passed it on, and the relaying word's token.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Relayed {
    pub carrier: (usize, usize),
    pub cue: usize,
}

/// Heads of a cited noun phrase that name a source, besides the speaker
/// lists ("citing witnesses", "quoting local residents", "citing police").
const SOURCE_HEADS: &[&str] = &[
    "media",
    "newspaper",
    "agency",
    "broadcaster",
    "channel",
    "outlet",
    "ministry",
    "department",
    "office",
    "police",
    "authorities",
    "authority",
    "government",
    "military",
    "army",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "investigator",
    "investigators",
    "medic",
    "medics",
    "doctor",
    "doctors",
    "rescuer",
    "rescuers",
    "employee",
    "employees",
    "staff",
    "lawmakers",
    "experts",
    "analysts",
    "officers",
    "members",
    "spokesmen",
    "ministers",
    "leaders",
    "commanders",
    "intelligence",
];

fn lw_is(doc: &Doc, i: usize, w: &str) -> bool {
    doc.token_text(i).eq_ignore_ascii_case(w)
}

fn upos(doc: &Doc, i: usize) -> &'static str {
    labels::UPOS.get(doc.tokens[i].upos as usize).copied().unwrap_or("_")
}

fn is_quote_mark(doc: &Doc, i: usize) -> bool {
    matches!(
        doc.token_text(i),
        "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»" | "``" | "''"
    )
}

/// The token whose span starts at or after byte `pos`.
pub(crate) fn token_at(doc: &Doc, pos: u32) -> usize {
    doc.tokens.partition_point(|t| t.span.start < pos)
}

/// `a..b` without quotation marks at either end.
fn trim_quotes(doc: &Doc, mut a: usize, mut b: usize) -> (usize, usize) {
    while a < b && is_quote_mark(doc, a) {
        a += 1;
    }
    while b > a && is_quote_mark(doc, b - 1) {
        b -= 1;
    }
    (a, b)
}

/// The cited noun phrase after the relaying word at `q`: up to a comma, a
/// colon, "that", "as", the cue or the sentence's end; its first part
/// before a comma is the name ("Nader Entessar, a professor at …").
fn cited_np(doc: &Doc, q: usize, cue: usize, end: usize) -> Option<(usize, usize)> {
    let a = q + 1;
    let stop = (a..end)
        .find(|&k| {
            k == cue
                || matches!(doc.token_text(k), "," | ":" | ";" | "." | "(" | "—" | "–")
                || ((lw_is(doc, k, "that") || lw_is(doc, k, "as")) && upos(doc, k) == "SCONJ")
                || lw_is(doc, k, "as") && k + 1 < end && doc.token_text(k + 1).ends_with("ing")
        })
        .unwrap_or(end);
    // ("citing “informed sources,” that": the closing mark after the comma)
    let (a, b) = trim_quotes(doc, a, stop);
    (b > a && b - a <= 12).then_some((a, b))
}

/// Whether tokens `a..b` name a source: a person, body or outlet the
/// entity layer knows, or a head noun of people or bodies.
fn names_source(doc: &Doc, a: usize, b: usize) -> bool {
    let mut first = a;
    while first < b && matches!(upos(doc, first), "DET" | "NUM" | "ADJ") && !starts_upper(doc, first) {
        first += 1;
    }
    if first < b {
        if let Some(e) = doc.entity_at(doc.tokens[first].span).map(|i| &doc.entities[i]) {
            let m = e.mentions.iter().find(|m| m.overlaps(doc.tokens[first].span));
            let inside = m.is_some_and(|m| m.start >= doc.tokens[a].span.start && m.end <= doc.tokens[b - 1].span.end);
            if inside
                && matches!(
                    e.etype,
                    EntityType::Person | EntityType::Org | EntityType::Media | EntityType::Gpe
                )
            {
                // ("citing Russian data": a place's adjective before what is cited)
                let after = (first..b).find(|&k| doc.tokens[k].span.start >= m.map_or(0, |m| m.end));
                let evidence_after =
                    after.is_some_and(|k| matches!(upos(doc, k), "NOUN") && !head_is_source(doc, k, b));
                if !evidence_after {
                    return true;
                }
            }
        }
    }
    head_is_source(doc, first, b) || proper_body(doc, first, b)
}

/// Words that name what is cited, not who: "citing Pentagon data",
/// "citing the Kremlin's statement".
const EVIDENCE_HEADS: &[&str] = &[
    "data",
    "report",
    "reports",
    "study",
    "survey",
    "images",
    "imagery",
    "documents",
    "document",
    "figures",
    "statement",
    "statements",
    "analysis",
    "footage",
    "video",
    "videos",
    "photos",
    "records",
    "estimates",
    "poll",
    "remarks",
    "comments",
    "letter",
    "memo",
    "filing",
    "filings",
    "tweet",
    "post",
    "transcript",
    "assessment",
];

/// A run of capitalised words the entity layer did not type ("the
/// Revolutionary Guards"), not ending in a word for what is cited.
fn proper_body(doc: &Doc, a: usize, b: usize) -> bool {
    let words: Vec<usize> = (a..b)
        .filter(|&k| doc.token_text(k).chars().any(char::is_alphabetic))
        .collect();
    !words.is_empty()
        && words.len() <= 6
        && words
            .iter()
            .all(|&k| starts_upper(doc, k) || matches!(doc.token_text(k), "of" | "for" | "and" | "the" | "'s" | "’s"))
        && words.iter().any(|&k| upos(doc, k) == "PROPN")
        && !words.iter().any(|&k| is_in(EVIDENCE_HEADS, doc.token_text(k)))
}

fn starts_upper(doc: &Doc, i: usize) -> bool {
    doc.token_text(i).chars().next().is_some_and(char::is_uppercase)
}

/// The head noun of `a..b` (its last word before a preposition, a
/// participle or a relative word) is a person or body.
fn head_is_source(doc: &Doc, a: usize, b: usize) -> bool {
    let end = (a..b)
        .find(|&k| {
            k > a
                && (matches!(upos(doc, k), "ADP" | "VERB" | "PRON" | "SCONJ")
                    || matches!(
                        doc.token_text(k).to_lowercase().as_str(),
                        "familiar" | "close" | "briefed" | "who" | "with"
                    ))
        })
        .unwrap_or(b);
    let Some(h) = (a..end)
        .rev()
        .find(|&k| doc.token_text(k).chars().any(char::is_alphabetic))
    else {
        return false;
    };
    let w = doc.token_text(h).to_lowercase();
    let single = w.strip_suffix('s').unwrap_or(&w);
    let listed = |x: &str| {
        is_in(UNNAMED_SOURCE_NOUNS, x)
            || is_in(LAY_PERSON_NOUNS, x)
            || is_in(PERSON_ROLES, x)
            || is_in(PERSON_ROLE_HEADS, x)
            || is_in(PERSON_DESC_HEADS, x)
            || is_in(SOURCE_HEADS, x)
    };
    listed(&w) || listed(single)
}

/// The noun phrase that ends just before `e` (a subject before "quoted"
/// or "cited"): its words back to a verb, a comma or the sentence start.
fn np_ending_at(doc: &Doc, e: usize, s0: usize) -> Option<(usize, usize)> {
    let mut e = e;
    while e > s0 && matches!(upos(doc, e - 1), "ADV" | "AUX") {
        e -= 1;
    }
    let mut a = e;
    while a > s0
        && (matches!(upos(doc, a - 1), "NOUN" | "PROPN" | "ADJ" | "DET" | "NUM")
            || (a - 1 > s0 && doc.token_text(a - 1) == "-")
            || matches!(doc.token_text(a - 1), "'s" | "’s"))
    {
        a -= 1;
    }
    (a < e && (a..e).any(|k| matches!(upos(doc, k), "NOUN" | "PROPN"))).then_some((a, e))
}

/// The outlet or body named in the subject stretch `s0..e` ("A newspaper
/// article … on the Iranian news website Tabnak"): its last outlet, else
/// its last organisation or person.
fn named_in(doc: &Doc, s0: usize, e: usize) -> Option<(usize, usize)> {
    if e <= s0 {
        return None;
    }
    let span = Span::new(doc.tokens[s0].span.start as usize, doc.tokens[e - 1].span.end as usize);
    let mut best: Option<(u8, Span)> = None;
    for m in doc.mentions_overlapping(span) {
        if !span.contains(m) {
            continue;
        }
        let Some(ei) = doc.entity_at(m) else { continue };
        let rank = match doc.entities[ei].etype {
            EntityType::Media => 3,
            EntityType::Org => 2,
            EntityType::Person => 1,
            _ => continue,
        };
        if best.is_none_or(|(r, b)| rank > r || (rank == r && m.start > b.start)) {
            best = Some((rank, m));
        }
    }
    let (_, m) = best?;
    let a = token_at(doc, m.start);
    let b = doc.tokens.partition_point(|t| t.span.end <= m.end);
    (a < b).then_some((a, b))
}

/// "Al Arabiya quoted a senior Hamas official as saying …": the quoting
/// verb at `q` with the statement's cue ("saying") after "as".
fn quoted_as_saying(doc: &Doc, f: &mut Found, q: usize, c: usize, s0: usize) -> Option<Relayed> {
    let as_saying = c >= q + 3
        && c - q <= 12
        && lw_is(doc, c - 1, "as")
        && matches!(
            doc.token_text(c).to_lowercase().as_str(),
            "saying" | "stating" | "telling"
        );
    if !as_saying {
        return None;
    }
    let y = trim_quotes(doc, q + 1, c - 1);
    if y.0 >= y.1 || !names_source(doc, y.0, y.1) {
        return None;
    }
    let carrier = np_ending_at(doc, q, s0)?;
    if f.speaker.is_none_or(|s| s.0 < y.0 || s.1 > y.1) {
        f.speaker = Some(y);
    }
    Some(Relayed { carrier, cue: q })
}

/// "Russia's defence ministry said …, the RIA news agency reported.": an
/// outlet's reporting clause closing the sentence of a statement whose
/// speaker and cue come before its content (unless that clause is a
/// statement of its own, `cues`).
fn trailing_reporter(doc: &Doc, f: &Found, c: usize, end: usize, cues: &[Span]) -> Option<Relayed> {
    let s = f.speaker.unwrap_or((c, c));
    let first = token_at(doc, f.content.start);
    if s.1 > c || c >= first {
        return None;
    }
    let mut k = token_at(doc, f.content.end);
    while k < end && is_quote_mark(doc, k) {
        k += 1;
    }
    // Inverted: "…, reported IRNA, citing Al Jazeera on Sunday.", "…,
    // reported Xinhua news agency.": the outlet after the verb.
    // (The comma may close a quotation: `… to be false," reported …`, and
    // the content may hold both.)
    let comma_quote_before = k >= 2 && is_quote_mark(doc, k - 1) && doc.token_text(k - 2) == ",";
    let v = if comma_quote_before {
        Some(k)
    } else if k + 1 < end && doc.token_text(k) == "," {
        Some(if is_quote_mark(doc, k + 1) { k + 2 } else { k + 1 })
    } else {
        None
    };
    if let Some(v) = v.filter(|&v| {
        v + 1 < end
            && matches!(
                doc.token_text(v).to_lowercase().as_str(),
                "reported" | "reports" | "wrote"
            )
    }) {
        let stop = (v + 1..end)
            .find(|&j| matches!(doc.token_text(j), "," | "." | ";"))
            .unwrap_or(end);
        if stop == v + 1 || stop - v > 7 || cues.iter().any(|cue| cue.overlaps(doc.tokens[v].span)) {
            return None;
        }
        let carrier = reporter_outlet(doc, v + 1, stop)?;
        return (carrier.0 >= s.1).then_some(Relayed { carrier, cue: v });
    }
    if k + 2 >= end || doc.token_text(k) != "," {
        return None;
    }
    // (past a relative clause on the content's last noun: "… in the Gaza
    // Strip, which Hamas has ruled since 2007, Xinhua news agency reported.")
    if matches!(doc.token_text(k + 1).to_lowercase().as_str(), "which" | "who") {
        k = (k + 2..end.min(k + 16)).find(|&j| doc.token_text(j) == ",")?;
        if k + 2 >= end {
            return None;
        }
    }
    let v = (k + 2..end.min(k + 9)).find(|&j| {
        matches!(
            doc.token_text(j).to_lowercase().as_str(),
            "reported" | "reports" | "said" | "says" | "wrote"
        )
    })?;
    // (only a time after the verb: "reported on Sunday.")
    let rest_ok = (v + 1..end).all(|j| {
        let w = doc.token_text(j).to_lowercase();
        matches!(
            w.as_str(),
            "." | "on" | "late" | "earlier" | "today" | "yesterday" | "overnight"
        ) || crate::DAY_NAMES.contains(&w.as_str())
    });
    if !rest_ok || cues.iter().any(|cue| cue.overlaps(doc.tokens[v].span)) {
        return None;
    }
    let carrier = reporter_outlet(doc, k + 1, v)?;
    (carrier.0 >= s.1).then_some(Relayed { carrier, cue: v })
}

/// The outlet a reporter phrase `a..b` names ("the Interfax news agency",
/// "Xinhua news agency", "IRNA"): an outlet entity in it, else the whole
/// phrase when a media word heads it and it is short.
fn reporter_outlet(doc: &Doc, a: usize, b: usize) -> Option<(usize, usize)> {
    let outlet = named_in(doc, a, b).filter(|m| {
        doc.entity_at(doc.tokens[m.0].span)
            .is_some_and(|e| doc.entities[e].etype == EntityType::Media)
    });
    outlet.or_else(|| {
        let head = doc.token_text(b - 1).to_lowercase();
        let media_head = is_in(MEDIA_DESC_HEADS, &head)
            || matches!(
                head.as_str(),
                "agency" | "media" | "tv" | "television" | "radio" | "broadcaster"
            );
        (media_head && b - a <= 6).then_some((a, b))
    })
}

/// Finds the relay of `f` and makes the cited source its speaker.
pub(crate) fn detect(doc: &Doc, f: &mut Found, cues: &[Span]) -> Option<Relayed> {
    let cue_span = f.cue?;
    let c = token_at(doc, cue_span.start);
    if c >= doc.tokens.len() {
        return None;
    }
    let si = doc.sentences.partition_point(|s| s.token_range().end <= c);
    let sent = doc.sentences.get(si)?.token_range();
    // (a statement that shares an earlier one's speaker, "…, noting that
    // …, reported Xinhua.", only by an outlet after it)
    if f.same_speaker_as.is_some() {
        return trailing_reporter(doc, f, c, sent.end, cues).filter(|r| r.cue > c);
    }
    let content = f.content;
    let overlaps_content = |a: usize, b: usize| {
        let s = Span::new(doc.tokens[a].span.start as usize, doc.tokens[b - 1].span.end as usize);
        s.overlaps(content)
    };
    for q in sent.clone() {
        // (only the relaying words, 5 to 7 letters from "c" or "q", are
        // lower-cased: no copy of every word of the sentence)
        let t = doc.token_text(q);
        if !(5..=7).contains(&t.len()) || !matches!(t.as_bytes()[0] | 0x20, b'c' | b'q') {
            continue;
        }
        let w = t.to_ascii_lowercase();
        if matches!(
            w.as_str(),
            "quoted" | "quoting" | "quotes" | "cited" | "cites" | "citing"
        ) && q < c
        {
            if let Some(r) = quoted_as_saying(doc, f, q, c, sent.start) {
                return Some(r);
            }
        }
        match w.as_str() {
            "citing" | "quoting" => {
                // "Citing two people familiar with the matter, Bloomberg
                // reported": the relay is the speaker after the opening.
                let opening = q == sent.start || matches!(doc.token_text(q - 1), "-" | "—" | "–");
                if opening && q < c {
                    let Some(y) = cited_np(doc, q, c, sent.end) else {
                        continue;
                    };
                    match f.speaker {
                        Some(s)
                            if s.0 > y.1 && s.1 <= c && names_source(doc, y.0, y.1) && !overlaps_content(q, y.1) =>
                        {
                            f.speaker = Some(y);
                            return Some(Relayed { carrier: s, cue: q });
                        }
                        _ => continue,
                    }
                }
                // A parenthetical (", citing …") next to this statement's cue.
                if q <= sent.start || !(doc.token_text(q - 1) == "," || q == c + 1) {
                    continue;
                }
                if if q < c { c - q > 30 } else { q - c > 12 } {
                    continue;
                }
                // (", reported IRNA, citing Al Mayadeen": the reporter cites,
                // not the speaker)
                if q > c
                    && (c + 1..q).any(|j| {
                        doc.token_text(j - 1) == "," && matches!(doc.token_text(j), "reported" | "reports" | "wrote")
                    })
                {
                    continue;
                }
                let Some(y) = cited_np(doc, q, c, sent.end) else {
                    continue;
                };
                if overlaps_content(q, y.1) || !names_source(doc, y.0, y.1) {
                    continue;
                }
                // (its name before an apposition: "Nader Entessar, a professor …")
                let inside_y = |s: (usize, usize)| s.0 >= y.0 && s.1 <= y.1 + 8 && s.0 < y.1;
                let carrier = match f.speaker {
                    Some(s) if inside_y(s) => {
                        if q < c {
                            named_in(doc, sent.start, q - 1)?
                        } else {
                            continue;
                        }
                    }
                    Some(s) if s.1 <= q && s.0 >= sent.start => {
                        f.speaker = Some(y);
                        s
                    }
                    _ => continue,
                };
                return Some(Relayed { carrier, cue: q });
            }
            "quoted" | "cited"
                if q >= sent.start + 2
                    && matches!(doc.token_text(q - 1).to_lowercase().as_str(), "which" | "who")
                    && doc.token_text(q - 2) == "," =>
            {
                // "according to the FT, which cited three people close to
                // the negotiations, …"
                let Some(y) = cited_np(doc, q, c, sent.end) else {
                    continue;
                };
                match f.speaker {
                    Some(s) if s.1 < q && !overlaps_content(q, y.1) && names_source(doc, y.0, y.1) => {
                        f.speaker = Some(y);
                        return Some(Relayed { carrier: s, cue: q });
                    }
                    _ => continue,
                }
            }
            "quoted" | "cited" if q + 1 < sent.end && lw_is(doc, q + 1, "by") => {
                // "Peskov, quoted by RIA Novosti, said", "officials cited by
                // Reuters said", "…, he said, as quoted by TASS".
                let near = if q < c { c - q <= 10 } else { q - c <= 6 };
                if !near {
                    continue;
                }
                let Some(by) = cited_np(doc, q + 1, c, sent.end) else {
                    continue;
                };
                if overlaps_content(q, by.1) {
                    continue;
                }
                let by = named_in(doc, by.0, by.1).unwrap_or(by);
                match f.speaker {
                    Some(s) if s.0 >= by.0 && s.1 <= by.1 => {
                        // The relay was read as the speaker: the subject
                        // before "cited by" speaks.
                        let e = if doc.token_text(q - 1) == "," { q - 1 } else { q };
                        let subject = np_ending_at(doc, e, sent.start)?;
                        if !names_source(doc, subject.0, subject.1) {
                            continue;
                        }
                        f.speaker = Some(subject);
                    }
                    Some(_) => {}
                    None => continue,
                }
                return Some(Relayed { carrier: by, cue: q });
            }
            _ => {}
        }
    }
    trailing_reporter(doc, f, c, sent.end, cues)
}

/// "According to Reuters, the minister said …" and "the minister said …,
/// according to Reuters": the minister speaks and Reuters passed the words
/// on (the gold annotates "X said …, according to Y" as X's statement
/// alone). Per statement: its relay by such an "according to" source, and
/// whether it is the leading "according to" statement whose content is
/// only that other statement (it then says nothing of its own).
pub(crate) fn according_to(doc: &Doc, found: &[Found]) -> (Vec<Option<Relayed>>, Vec<bool>) {
    let mut relays = vec![None; found.len()];
    let mut outer = vec![false; found.len()];
    let tok_range = |s: Span| (token_at(doc, s.start), token_at(doc, s.end));
    let is_according = |k: usize| k + 1 < doc.tokens.len() && lw_is(doc, k, "according") && lw_is(doc, k + 1, "to");
    for (i, o) in found.iter().enumerate() {
        let (Some(cue), Some(sp)) = (o.cue, o.speaker) else {
            continue;
        };
        let q = token_at(doc, cue.start);
        if !is_according(q) || !names_source(doc, sp.0, sp.1) {
            continue;
        }
        let (ca, cb) = tok_range(o.content);
        // (an opening quotation mark before the inner speaker's quote)
        let first = trim_quotes(doc, ca, cb).0;
        let inner = found
            .iter()
            .enumerate()
            .filter(|&(j, g)| {
                j != i
                    && g.same_speaker_as.is_none()
                    && g.content.start >= o.content.start
                    && g.content.end <= o.content.end
                    && g.cue.is_some_and(|c| o.content.contains(c))
                    && g.speaker.is_some_and(|(a, b)| a >= ca && b <= cb)
                    && (g.speaker.is_some_and(|(a, _)| a == first) || token_at(doc, g.content.start) <= first)
            })
            .min_by_key(|(_, g)| g.cue.map_or(u32::MAX, |c| c.start));
        if let Some((j, _)) = inner {
            relays[j] = Some(Relayed { carrier: sp, cue: q });
            outer[i] = true;
        }
    }
    // "…, the minister said on Sunday, according to Reuters."
    // (also a second verb of the same subject: "… and claims that …,
    // according to Reuters")
    for (j, g) in found.iter().enumerate() {
        let Some(cue) = g.cue else {
            continue;
        };
        if relays[j].is_some() || outer[j] || (g.speaker.is_none() && g.same_speaker_as.is_none()) {
            continue;
        }
        let c = token_at(doc, cue.start);
        if is_according(c) {
            continue;
        }
        let si = doc.sentences.partition_point(|s| s.token_range().end <= c);
        let Some(sent) = doc.sentences.get(si).map(|s| s.token_range()) else {
            continue;
        };
        let last = tok_range(g.content)
            .1
            .max(token_at(doc, cue.end))
            .max(g.speaker.map_or(0, |sp| sp.1));
        // (a short adjunct between: "said on Sunday, according to …")
        // (`“…,” according to …`: after the closing mark, no comma)
        let Some(k) = (last..sent.end.min(last + 6))
            .find(|&k| doc.token_text(k) == "," && is_according(k + 1) || is_quote_mark(doc, k) && is_according(k + 1))
        else {
            continue;
        };
        if (last..k).any(|x| matches!(upos(doc, x), "VERB" | "AUX")) {
            continue;
        }
        let Some(mut np) = cited_np(doc, k + 2, c, sent.end) else {
            continue;
        };
        // "according to a report from Ankara's state media": the report's
        // source relays.
        if let Some(by) = (np.0..np.1).find(|&x| {
            x > np.0
                && matches!(doc.token_text(x), "from" | "by" | "in")
                && EVIDENCE_HEADS.contains(&doc.token_text(x - 1))
        }) {
            np = (by + 1, np.1);
        }
        if np.1 > np.0 && names_source(doc, np.0, np.1) {
            relays[j] = Some(Relayed {
                carrier: np,
                cue: k + 1,
            });
        }
    }
    (relays, outer)
}
