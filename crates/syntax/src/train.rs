//! Training entry points (used by `claimgraph train`): corpus loading with
//! the GUM licence filter, tagger + lemmatizer training, and parser
//! training on jackknifed (predicted) tags.

use crate::conllu;
use crate::lemma::Lemmatizer;
use crate::parser::{self, Gold, ParserExample, ParserOptions, NO};
use crate::tagger::{self, Tagger, TaggerOptions};
use crate::util::hash_bytes;
use crate::{Syntax, SyntaxError};
use claimgraph_doc::labels;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// GUM documents whose texts are licensed non-commercially; never trained on.
pub const EXCLUDED_DOC_PREFIXES: &[&str] = &["GUM_essay_", "GUM_letter_", "GUM_podcast_", "GUM_fiction_", "GUM_whow_"];

/// One gold sentence with label-table indices. `heads[i]` is 0-based, or
/// `parser::NO` for the root.
#[derive(Clone, Debug)]
pub struct GoldSentence {
    pub forms: Vec<String>,
    pub lemmas: Vec<String>,
    pub upos: Vec<u8>,
    pub xpos: Vec<u8>,
    pub heads: Vec<u32>,
    pub deprels: Vec<u8>,
}

/// Maps a relation to the fixed table: exact, else its base relation,
/// else "dep".
pub fn deprel_index(label: &str) -> u8 {
    let i = labels::index_of(labels::DEPREL, label);
    if i != 0 {
        return i;
    }
    let base = label.split(':').next().unwrap_or(label);
    let i = labels::index_of(labels::DEPREL, base);
    if i != 0 {
        i
    } else {
        labels::index_of(labels::DEPREL, "dep")
    }
}

impl GoldSentence {
    pub fn from_conllu(s: &conllu::Sentence) -> GoldSentence {
        let mut g = GoldSentence {
            forms: vec![],
            lemmas: vec![],
            upos: vec![],
            xpos: vec![],
            heads: vec![],
            deprels: vec![],
        };
        for w in s.words() {
            g.forms.push(w.form.clone());
            g.lemmas.push(w.lemma.clone());
            g.upos.push(labels::index_of(labels::UPOS, &w.upos));
            g.xpos.push(labels::index_of(labels::XPOS, &w.xpos));
            g.heads.push(if w.head == 0 { NO } else { w.head as u32 - 1 });
            g.deprels.push(deprel_index(&w.deprel));
        }
        g
    }
}

/// Reads CoNLL-U files, dropping sentences of excluded GUM documents.
pub fn load(paths: &[PathBuf]) -> Result<Vec<GoldSentence>, SyntaxError> {
    let mut out = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).map_err(|e| SyntaxError::Io(p.clone(), e))?;
        let sents = conllu::parse(&text).map_err(|e| SyntaxError::Format(format!("{}: {e}", p.display())))?;
        let mut doc = String::new();
        for s in &sents {
            if let Some(d) = s.comment_value("newdoc id") {
                doc = d.to_string();
            }
            if EXCLUDED_DOC_PREFIXES.iter().any(|x| doc.starts_with(x)) {
                continue;
            }
            let g = GoldSentence::from_conllu(s);
            if !g.forms.is_empty() && g.heads.iter().all(|&h| h == NO || (h as usize) < g.forms.len()) {
                out.push(g);
            }
        }
    }
    Ok(out)
}

/// The shared data directory: `<repo>/../shared/data` or `/work/shared/data`.
pub fn shared_data_dir() -> Option<PathBuf> {
    let candidates = [
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data"),
        PathBuf::from("../shared/data"),
        PathBuf::from("/work/shared/data"),
    ];
    candidates.into_iter().find(|p| p.join("ud-english-ewt").is_dir())
}

pub fn default_train_files(data: &Path) -> Vec<PathBuf> {
    vec![
        data.join("ud-english-ewt/en_ewt-ud-train.conllu"),
        data.join("ud-english-gum/en_gum-ud-train.conllu"),
    ]
}

pub fn default_dev_files(data: &Path) -> Vec<PathBuf> {
    vec![
        data.join("ud-english-ewt/en_ewt-ud-dev.conllu"),
        data.join("ud-english-gum/en_gum-ud-dev.conllu"),
    ]
}

fn write(out: &Path, name: &str, bytes: &[u8]) -> Result<(), SyntaxError> {
    std::fs::create_dir_all(out).map_err(|e| SyntaxError::Io(out.to_path_buf(), e))?;
    let p = out.join(name);
    std::fs::write(&p, bytes).map_err(|e| SyntaxError::Io(p.clone(), e))?;
    eprintln!("wrote {} ({} bytes)", p.display(), bytes.len());
    Ok(())
}

/// Trains the tagger and the lemmatizer; writes `tagger.bin` and `lemma.bin`.
pub fn train_tagger(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    opt: &TaggerOptions,
    out: &Path,
) -> Result<Tagger, SyntaxError> {
    let t0 = Instant::now();
    let t = tagger::train(train, dev, opt);
    let lem = Lemmatizer::build(train);
    eprintln!(
        "tagger trained in {:.1}s; lemma exceptions {}",
        t0.elapsed().as_secs_f64(),
        lem.len()
    );
    write(out, "tagger.bin", &t.to_bytes())?;
    write(out, "lemma.bin", &lem.to_bytes())?;
    Ok(t)
}

/// Predicted XPOS for training sentences by `folds`-fold jackknifing, so
/// the parser trains on tags as noisy as at run time.
/// Returns (XPOS, UPOS) per sentence.
pub fn jackknife_tags(train: &[GoldSentence], folds: usize, opt: &TaggerOptions) -> Vec<(Vec<u8>, Vec<u8>)> {
    let mut tags: Vec<(Vec<u8>, Vec<u8>)> = train.iter().map(|s| (s.xpos.clone(), s.upos.clone())).collect();
    if folds < 2 {
        return tags;
    }
    for f in 0..folds {
        let t0 = Instant::now();
        let rest: Vec<GoldSentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != f)
            .map(|(_, s)| s.clone())
            .collect();
        let mut o = opt.clone();
        o.verbose = false;
        let t = tagger::train(&rest, &[], &o);
        let (mut ok, mut n) = (0, 0);
        for (i, s) in train.iter().enumerate().filter(|(i, _)| i % folds == f) {
            let w: Vec<&str> = s.forms.iter().map(|x| x.as_str()).collect();
            let tagged = t.tag(&w);
            tags[i] = (
                tagged.iter().map(|p| p.0).collect(),
                tagged.iter().map(|p| p.1).collect(),
            );
            ok += tags[i].0.iter().zip(&s.xpos).filter(|(a, b)| a == b).count();
            n += s.xpos.len();
        }
        eprintln!(
            "jackknife fold {}/{}: held-out XPOS {:.2}  {:.1}s",
            f + 1,
            folds,
            100.0 * ok as f64 / n.max(1) as f64,
            t0.elapsed().as_secs_f64()
        );
    }
    tags
}

/// Parser training options beyond the perceptron ones.
#[derive(Clone, Debug)]
pub struct ParserTrainOptions {
    pub parser: ParserOptions,
    pub tagger: TaggerOptions,
    pub jackknife_folds: usize,
    /// The beam's score margin (beam parsers only; see
    /// [`parser::Parser::with_margin`]).
    pub margin: BeamMargin,
}

/// How a beam parser's score margin is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BeamMargin {
    /// The narrowest margin of [`MARGIN_GRID`] whose dev UAS is within
    /// [`MARGIN_TOLERANCE`] of the full beam's (the full beam without dev
    /// scores).
    Tune,
    /// This margin (`None`: the full beam).
    Fixed(Option<u32>),
}

/// Margins tried by [`BeamMargin::Tune`], narrowest first.
pub const MARGIN_GRID: &[u32] = &[
    5_000, 7_500, 10_000, 15_000, 20_000, 30_000, 45_000, 60_000, 90_000, 120_000, 180_000, 250_000,
];

/// Dev UAS points a tuned margin may give up against the full beam.
pub const MARGIN_TOLERANCE: f64 = 0.1;

impl Default for ParserTrainOptions {
    fn default() -> Self {
        ParserTrainOptions {
            parser: ParserOptions::default(),
            // Jackknife taggers: one pass, as `claimgraph train parser`.
            tagger: TaggerOptions {
                two_pass: false,
                ..TaggerOptions::default()
            },
            jackknife_folds: 4,
            margin: BeamMargin::Tune,
        }
    }
}

/// `p` with the narrowest margin of [`MARGIN_GRID`] whose UAS on `dev` is
/// within [`MARGIN_TOLERANCE`] of the full beam's: the beam then narrows
/// to one hypothesis wherever the model is sure, at little cost in
/// accuracy.
fn tune_margin(p: parser::Parser, tagger: &Tagger, dev: &[GoldSentence], verbose: bool) -> parser::Parser {
    let mut p = p.with_margin(None);
    let full = crate::bench::evaluate_parts(tagger, &p, dev).uas;
    if verbose {
        eprintln!("beam margin: full beam dev UAS {full:.2}");
    }
    for &m in MARGIN_GRID {
        p = p.with_margin(Some(m));
        let uas = crate::bench::evaluate_parts(tagger, &p, dev).uas;
        if verbose {
            eprintln!("beam margin {m:>7}: dev UAS {uas:.2}");
        }
        if uas >= full - MARGIN_TOLERANCE {
            return p;
        }
    }
    p.with_margin(None)
}

/// Trains the parser (`seeds` models averaged) on jackknifed tags; evaluates on `dev` each epoch with
/// the tagger in `tagger_dir`'s model (if given); writes `parser.bin`.
pub fn train_parser(
    train: &[GoldSentence],
    dev: &[GoldSentence],
    tagger: Option<&Tagger>,
    opt: &ParserTrainOptions,
    out: &Path,
) -> Result<parser::Parser, SyntaxError> {
    let t0 = Instant::now();
    let tags = jackknife_tags(train, opt.jackknife_folds, &opt.tagger);
    let mut buf = String::new();
    let mut heads_store = Vec::with_capacity(train.len());
    // Spelling classes only need the word itself.
    let no_lexicon = Default::default();
    for s in train {
        let mut h = s.heads.clone();
        if parser::is_tree(&h) {
            parser::projectivize(&mut h);
        }
        heads_store.push(h);
    }
    let ex: Vec<ParserExample> = train
        .iter()
        .zip(&tags)
        .zip(&heads_store)
        .map(|((s, t), h)| ParserExample {
            classes: {
                let w: Vec<&str> = s.forms.iter().map(|f| f.as_str()).collect();
                let toks = tagger::tok_infos(&w, &no_lexicon);
                toks[2..2 + w.len()].iter().map(|k| k.spelling_class()).collect()
            },
            words: s
                .forms
                .iter()
                .map(|f| {
                    tagger::lower_into(f, &mut buf);
                    hash_bytes(buf.as_bytes())
                })
                .collect(),
            tags: t.0.clone(),
            upos: t.1.clone(),
            gold: Gold::new(h),
            labels: &s.deprels,
        })
        .collect();
    let eval = |p: &parser::Parser| match tagger {
        Some(t) if !dev.is_empty() => {
            let a = crate::bench::evaluate_parts(t, p, dev);
            format!("dev UAS {:.2} LAS {:.2}", a.uas, a.las)
        }
        _ => String::new(),
    };
    let mut p = parser::train(&ex, &opt.parser, eval);
    for k in 1..opt.parser.seeds.max(1) {
        let o = ParserOptions {
            seed: opt.parser.seed + k as u64,
            ..opt.parser.clone()
        };
        let next = parser::train(&ex, &o, eval);
        p = parser::Parser::average(&p, &next, k as u32, 1);
        if opt.parser.verbose {
            eprintln!("parser average of {} seeds: {}", k + 1, eval(&p));
        }
    }
    if p.beam() > 1 {
        p = match (opt.margin, tagger) {
            (BeamMargin::Fixed(m), _) => p.with_margin(m),
            (BeamMargin::Tune, Some(t)) if !dev.is_empty() => tune_margin(p, t, dev, opt.parser.verbose),
            (BeamMargin::Tune, _) => p.with_margin(None),
        };
    }
    eprintln!("parser trained in {:.1}s", t0.elapsed().as_secs_f64());
    write(out, "parser.bin", &p.to_bytes())?;
    Ok(p)
}

/// Loads a model directory written by the functions above.
pub fn load_models(dir: &Path) -> Result<Syntax, SyntaxError> {
    Syntax::load(dir)
}
