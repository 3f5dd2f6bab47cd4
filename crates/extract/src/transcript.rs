//! Transcripts: a press conference's "Q: … A: …" (the answers are the
//! words of whoever held it: "Foreign Ministry Spokesperson Hong Lei held
//! a press conference on …") and interviews whose paragraphs open with a
//! speaker's name and a colon ("Mao Ning: I'm not aware of …").
//!
//! Each answer is one direct statement: the words are the speaker's own,
//! with no reporting verb (its cue is none), from after the label to the
//! end of its last paragraph (a paragraph with no label of its own
//! continues the answer before it). A "Q: … A: …" page with no one holding
//! a conference (a fact-checker's own questions and answers) is the
//! article's own voice: no statements.

use claimgraph_doc::{Doc, EntityType, Span, StatementKind};

use crate::attribution::Found;
use crate::relay::token_at;

#[derive(Clone, Copy, PartialEq)]
enum Label {
    Question,
    Answer,
    /// A named speaker: the label's token range.
    Speaker(usize, usize),
    /// Any other voice ("Reuters:", "AFP:", "UPDATE:"): it ends the
    /// answer before it.
    Other,
}

/// The label opening paragraph `p` and the token after its colon.
fn label(doc: &Doc, p: Span) -> Option<(Label, usize)> {
    let k = token_at(doc, p.start);
    let in_par = |j: usize| j < doc.tokens.len() && doc.tokens[j].span.end <= p.end;
    // The label: one to four capitalised words, then a colon.
    let colon = (k + 1..k + 5)
        .take_while(|&j| in_par(j))
        .find(|&j| doc.token_text(j) == ":")?;
    if !in_par(colon + 1) {
        return None;
    }
    let words: Vec<&str> = (k..colon).map(|j| doc.token_text(j)).collect();
    let label = match words.as_slice() {
        ["Q"] | ["Question"] => Label::Question,
        ["A"] | ["Answer"] => Label::Answer,
        _ => {
            if !words.iter().all(|w| w.starts_with(char::is_uppercase) || *w == ".") {
                return None;
            }
            let span = Span::new(
                doc.tokens[k].span.start as usize,
                doc.tokens[colon - 1].span.end as usize,
            );
            let person = doc
                .entity_at(span)
                .map(|e| &doc.entities[e])
                .is_some_and(|e| e.etype == EntityType::Person && e.mentions.contains(&span));
            if person {
                Label::Speaker(k, colon)
            } else {
                Label::Other
            }
        }
    };
    Some((label, colon + 1))
}

/// Who held the press conference: the person named before "held",
/// "hosted", "presided over" or "chaired" a press conference or briefing,
/// in the sentences before `before`.
fn host(doc: &Doc, before: u32) -> Option<(usize, usize)> {
    for s in doc.sentences.iter().take_while(|s| s.span.end <= before) {
        let r = s.token_range();
        let verb = r.clone().find(|&k| {
            matches!(
                doc.token_text(k),
                "held" | "hosted" | "presided" | "chaired" | "gave" | "holds" | "hosts" | "presides" | "chairs"
            )
        });
        let Some(v) = verb else { continue };
        let briefing = (v + 1..r.end.min(v + 7)).any(|k| {
            matches!(
                doc.token_text(k),
                "conference" | "briefing" | "briefings" | "conferences"
            )
        });
        if !briefing {
            continue;
        }
        // (the sentence's person before the verb: its subject)
        let person = (r.start..v).find_map(|k| {
            let e = doc.entity_at(doc.tokens[k].span)?;
            (doc.entities[e].etype == EntityType::Person).then_some(e)
        });
        let Some(e) = person else { continue };
        let m = doc.entities[e]
            .mentions
            .iter()
            .filter(|m| m.start >= s.span.start && m.end <= doc.tokens[v].span.start)
            .min_by_key(|m| m.start)?;
        return Some((token_at(doc, m.start), token_at(doc, m.end)));
    }
    None
}

/// The answers of a transcript, as statements.
pub(crate) fn answers(doc: &Doc) -> Vec<Found> {
    let labels: Vec<Option<(Label, usize)>> = doc.paragraphs.iter().map(|&p| label(doc, p)).collect();
    let questions = labels.iter().flatten().filter(|(l, _)| *l == Label::Question).count();
    let named = labels
        .iter()
        .flatten()
        .filter(|(l, _)| matches!(l, Label::Speaker(..)))
        .count();
    if questions == 0 && named < 2 {
        return Vec::new();
    }
    let first_label = labels
        .iter()
        .position(Option::is_some)
        .map_or(u32::MAX, |p| doc.paragraphs[p].start);
    let host = host(doc, first_label);
    let mut out = Vec::new();
    let mut p = 0;
    while p < labels.len() {
        let Some((label, from)) = labels[p] else {
            p += 1;
            continue;
        };
        // (paragraphs with no label continue this one)
        let mut last = p;
        while last + 1 < labels.len() && labels[last + 1].is_none() {
            last += 1;
        }
        let speaker = match label {
            Label::Question | Label::Other => None,
            Label::Answer if questions > 0 => host,
            Label::Answer => None,
            Label::Speaker(a, b) => Some((a, b)),
        };
        if let Some(speaker) = speaker {
            let start = doc.tokens[from].span.start;
            let end = doc.paragraphs[last].end;
            let text = &doc.text()[start as usize..end as usize];
            let end = end - (text.len() - text.trim_end().len()) as u32;
            if end > start {
                out.push(Found {
                    content: Span::new(start as usize, end as usize),
                    kind: StatementKind::Direct,
                    speaker: Some(speaker),
                    speaker_fallback: None,
                    same_speaker_as: None,
                    antecedent: None,
                    cue: None,
                    cue_stance: None,
                });
            }
        }
        p = last + 1;
    }
    out
}
