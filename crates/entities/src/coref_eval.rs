//! Measures pronoun resolution against GUM's coreference clusters: each GUM
//! document is rebuilt as a `Doc` with GUM's own sentences and tokens, the
//! entity layer runs, and every third-person pronoun it attaches to an
//! entity is checked against the gold cluster of that pronoun.

use crate::corpus::{self, NerSentence};
use crate::ner::Model;
use claimgraph_doc::{Doc, Meta, Sentence, Span, Token, TokenShape};
use std::path::Path;

#[derive(Clone, Debug, Default)]
pub struct CorefReport {
    pub docs: usize,
    /// Gold pronouns (he/she/it/him/his/her/its…) whose cluster holds a proper-name mention before them.
    pub resolvable: usize,
    /// Of those, how many the entity layer attached to some entity.
    pub attached: usize,
    /// Of the attached, how many went to an entity with a name mention in the pronoun's gold cluster.
    pub correct: usize,
}

impl std::fmt::Display for CorefReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pct = |a: usize, b: usize| if b == 0 { 0.0 } else { 100.0 * a as f64 / b as f64 };
        write!(
            f,
            "{} docs: {} resolvable pronouns, {} attached ({:.1}%), {} correct = precision {:.1}%, recall {:.1}%",
            self.docs,
            self.resolvable,
            self.attached,
            pct(self.attached, self.resolvable),
            self.correct,
            pct(self.correct, self.attached),
            pct(self.correct, self.resolvable)
        )
    }
}

const PRONOUNS: &[&str] = &[
    "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself",
];

fn shape(w: &str) -> TokenShape {
    if w.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') && w.chars().any(|c| c.is_ascii_digit()) {
        TokenShape::Number
    } else if w
        .chars()
        .all(|c| c.is_alphanumeric() || c == '-' || c == '\'' || c == '.')
    {
        TokenShape::Word
    } else if matches!(w, "\"" | "“" | "”" | "'" | "‘" | "’") {
        TokenShape::Quote
    } else {
        TokenShape::Punct
    }
}

/// Builds a Doc from GUM sentences of one document; returns it with the
/// global token offset of each sentence.
fn build_doc(sents: &[&NerSentence]) -> (Doc, Vec<usize>) {
    let mut text = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut starts = Vec::new();
    for s in sents {
        let t0 = tokens.len();
        starts.push(t0);
        let b0 = text.len();
        for w in &s.words {
            let a = text.len();
            text.push_str(w);
            let mut t = Token::new(Span::new(a, text.len()), shape(w));
            t.space_after = true;
            tokens.push(t);
            text.push(' ');
        }
        sentences.push(Sentence {
            span: Span::new(b0, text.len().saturating_sub(1)),
            tokens: t0 as u32..tokens.len() as u32,
            paragraph: 0,
        });
        text.push('\n');
    }
    let mut doc = Doc::new(Meta::default(), text);
    doc.paragraphs = vec![Span::new(0, doc.text().len())];
    doc.sentences = sentences;
    doc.tokens = tokens;
    (doc, starts)
}

/// Evaluates on a GUM CoNLL-U file (all genres: evaluation only).
pub fn evaluate_gum(model: &Model, path: &Path) -> Result<CorefReport, String> {
    let data = corpus::read_gum(path, true)?;
    let mut by_doc: Vec<(String, Vec<&NerSentence>)> = Vec::new();
    for s in &data {
        match by_doc.last_mut() {
            Some((d, v)) if *d == s.doc => v.push(s),
            _ => by_doc.push((s.doc.clone(), vec![s])),
        }
    }
    let mut rep = CorefReport::default();
    for (_, sents) in &by_doc {
        rep.docs += 1;
        let (mut doc, starts) = build_doc(sents);
        // gold mentions with global token ranges
        struct G {
            a: usize,
            b: usize,
            cluster: String,
            proper: bool,
        }
        let mut gold = Vec::new();
        for (si, s) in sents.iter().enumerate() {
            for m in &s.mentions {
                let head = &s.words[m.head];
                let proper = head.chars().next().is_some_and(|c| c.is_uppercase())
                    && !PRONOUNS.contains(&head.to_lowercase().as_str())
                    && m.head != 0
                    || s.spans.iter().any(|sp| sp.start <= m.head && m.head < sp.end);
                gold.push(G {
                    a: starts[si] + m.start,
                    b: starts[si] + m.end,
                    cluster: m.cluster.clone(),
                    proper,
                });
            }
        }
        crate::annotate_with_model(model, &mut doc);
        let tok_of = |byte: u32| doc.tokens.partition_point(|t| t.span.start < byte);
        for g in gold.iter().filter(|g| g.b == g.a + 1) {
            let w = doc.token_text(g.a).to_lowercase();
            if !PRONOUNS.contains(&w.as_str()) {
                continue;
            }
            let antecedents: Vec<&G> = gold
                .iter()
                .filter(|x| x.cluster == g.cluster && x.proper && x.b <= g.a)
                .collect();
            if antecedents.is_empty() {
                continue;
            }
            rep.resolvable += 1;
            let span = doc.tokens[g.a].span;
            let Some(ei) = doc.entities.iter().position(|e| e.mentions.contains(&span)) else {
                continue;
            };
            rep.attached += 1;
            let ent = &doc.entities[ei];
            let hit = ent.mentions.iter().filter(|m| **m != span).any(|m| {
                let (ma, mb) = (tok_of(m.start), tok_of(m.end));
                gold.iter().any(|x| {
                    x.cluster == g.cluster
                        && x.a < mb
                        && ma < x.b
                        && !(x.b == x.a + 1 && PRONOUNS.contains(&doc.token_text(x.a).to_lowercase().as_str()))
                })
            });
            if hit {
                rep.correct += 1;
            } else if std::env::var_os("COREF_VERBOSE").is_some() {
                let a = g.a.saturating_sub(12);
                let ctx: Vec<&str> = (a..g.a + 1).map(|i| doc.token_text(i)).collect();
                let gold_names: Vec<String> = antecedents
                    .iter()
                    .map(|x| (x.a..x.b).map(|i| doc.token_text(i)).collect::<Vec<_>>().join(" "))
                    .collect();
                eprintln!("{} → {} (gold {:?})", ctx.join(" "), ent.name, gold_names.last());
            }
        }
    }
    Ok(rep)
}
