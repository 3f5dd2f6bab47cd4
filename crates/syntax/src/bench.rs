//! Accuracy (UPOS, XPOS, UAS, LAS, lemma) against gold CoNLL-U and
//! throughput of tag+parse on the current thread.

use crate::parser::Parser;
use crate::tagger::Tagger;
use crate::train::{self, GoldSentence};
use crate::{analyze_with, Syntax, SyntaxError};
use std::path::Path;
use std::time::Instant;

#[derive(Clone, Copy, Debug, Default)]
pub struct Accuracy {
    pub tokens: usize,
    pub sentences: usize,
    pub upos: f64,
    pub xpos: f64,
    pub uas: f64,
    pub las: f64,
    /// LAS counting only the universal part of the relation (before ':').
    pub clas_base: f64,
    pub lemma: f64,
}

impl std::fmt::Display for Accuracy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "UPOS {:.2}  XPOS {:.2}  UAS {:.2}  LAS {:.2}  (base-label LAS {:.2})  lemma {:.2}  [{} sentences, {} tokens]",
            self.upos, self.xpos, self.uas, self.las, self.clas_base, self.lemma, self.sentences, self.tokens
        )
    }
}

fn base(l: u8) -> &'static str {
    let s = claimgraph_doc::labels::DEPREL[l as usize];
    s.split(':').next().unwrap_or(s)
}

fn score(
    sents: &[GoldSentence],
    mut run: impl FnMut(&[&str]) -> Vec<crate::Analysis>,
    lemma: Option<&Syntax>,
) -> Accuracy {
    let mut a = Accuracy {
        sentences: sents.len(),
        ..Default::default()
    };
    let (mut u, mut x, mut h, mut l, mut lb, mut lm) = (0usize, 0usize, 0usize, 0usize, 0usize, 0usize);
    for s in sents {
        let w: Vec<&str> = s.forms.iter().map(|f| f.as_str()).collect();
        let r = run(&w);
        for (i, p) in r.iter().enumerate() {
            a.tokens += 1;
            u += (p.upos == s.upos[i]) as usize;
            x += (p.xpos == s.xpos[i]) as usize;
            let gh = if s.heads[i] == crate::parser::NO {
                None
            } else {
                Some(s.heads[i] as usize)
            };
            if p.head == gh {
                h += 1;
                l += (p.deprel == s.deprels[i]) as usize;
                lb += (base(p.deprel) == base(s.deprels[i])) as usize;
            }
            if let Some(sy) = lemma {
                lm += (sy.lemma(&s.forms[i], p.xpos) == s.lemmas[i]) as usize;
            }
        }
    }
    let pct = |k: usize| 100.0 * k as f64 / a.tokens.max(1) as f64;
    a.upos = pct(u);
    a.xpos = pct(x);
    a.uas = pct(h);
    a.las = pct(l);
    a.clas_base = pct(lb);
    a.lemma = pct(lm);
    a
}

/// Scores a loaded model set on gold sentences (gold tokenization).
pub fn evaluate(syntax: &Syntax, sents: &[GoldSentence]) -> Accuracy {
    score(sents, |w| syntax.analyze_words(w), Some(syntax))
}

/// Scores a tagger + parser pair (used during training).
pub fn evaluate_parts(tagger: &Tagger, parser: &Parser, sents: &[GoldSentence]) -> Accuracy {
    score(sents, |w| analyze_with(tagger, parser, w), None)
}

/// Scores a CoNLL-U file (GUM licence filter is not applied to test data).
pub fn evaluate_file(syntax: &Syntax, path: &Path) -> Result<Accuracy, SyntaxError> {
    let text = std::fs::read_to_string(path).map_err(|e| SyntaxError::Io(path.to_path_buf(), e))?;
    let sents = crate::conllu::parse(&text).map_err(|e| SyntaxError::Format(format!("{}: {e}", path.display())))?;
    let g: Vec<GoldSentence> = sents
        .iter()
        .map(GoldSentence::from_conllu)
        .filter(|g| !g.forms.is_empty())
        .collect();
    Ok(evaluate(syntax, &g))
}

/// Loads gold sentences (with the GUM filter; see [`train::load`]).
pub fn load_gold(path: &Path) -> Result<Vec<GoldSentence>, SyntaxError> {
    train::load(&[path.to_path_buf()])
}

#[derive(Clone, Copy, Debug)]
pub struct Speed {
    pub tokens: usize,
    /// Wall-clock seconds of the timed passes.
    pub seconds: f64,
    pub tokens_per_sec: f64,
    /// CPU seconds this thread spent (Linux schedstat), if available: on a
    /// shared machine this is the figure for "one core".
    pub cpu_seconds: Option<f64>,
    pub tokens_per_cpu_sec: Option<f64>,
}

/// Nanoseconds this thread has run on a CPU (Linux only).
fn thread_cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

/// Tag+parse throughput on this thread: one warm-up pass, then `passes`
/// timed passes over `sents`.
pub fn speed(syntax: &Syntax, sents: &[GoldSentence], passes: usize) -> Speed {
    let words: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.forms.iter().map(|f| f.as_str()).collect())
        .collect();
    let mut sink = 0usize;
    for w in &words {
        sink += syntax.analyze_words(w).len();
    }
    let c0 = thread_cpu_ns();
    let t0 = Instant::now();
    let mut tokens = 0;
    for _ in 0..passes.max(1) {
        for w in &words {
            let r = syntax.analyze_words(w);
            tokens += r.len();
            sink += r.iter().filter(|a| a.head.is_none()).count();
        }
    }
    let seconds = t0.elapsed().as_secs_f64();
    let cpu_seconds = match (c0, thread_cpu_ns()) {
        (Some(a), Some(b)) if b > a => Some((b - a) as f64 / 1e9),
        _ => None,
    };
    std::hint::black_box(sink);
    Speed {
        tokens,
        seconds,
        tokens_per_sec: tokens as f64 / seconds.max(1e-9),
        cpu_seconds,
        tokens_per_cpu_sec: cpu_seconds.map(|c| tokens as f64 / c.max(1e-9)),
    }
}
