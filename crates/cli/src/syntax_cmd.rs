//! `claimgraph train`, `claimgraph parse` and `claimgraph bench syntax`:
//! the command-line side of the `claimgraph-syntax` crate.

use anyhow::{bail, Context, Result};
use claimgraph_syntax::parser::ParserOptions;
use claimgraph_syntax::tagger::TaggerOptions;
use claimgraph_syntax::train::{self, BeamMargin, ParserTrainOptions};
use claimgraph_syntax::{bench, conllu, Syntax};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TrainWhat {
    /// POS tagger (writes tagger.bin) and lemmatizer (lemma.bin).
    Tagger,
    /// Dependency parser (writes parser.bin; uses tagger.bin in --out for dev scores).
    Parser,
}

/// `claimgraph train tagger|parser`
#[derive(Args, Debug, Clone)]
pub struct TrainArgs {
    /// What to train (set by the `train tagger` / `train parser` subcommand).
    #[arg(skip = TrainWhat::Tagger)]
    pub what: TrainWhat,
    /// Training CoNLL-U files (GUM's non-commercial genres are always skipped).
    #[arg(long, num_args = 1.., default_values = [
        "../shared/data/ud-english-ewt/en_ewt-ud-train.conllu",
        "../shared/data/ud-english-gum/en_gum-ud-train.conllu",
    ])]
    pub train: Vec<PathBuf>,
    /// Development CoNLL-U files (scored after every epoch).
    #[arg(long, num_args = 1.., default_values = [
        "../shared/data/ud-english-ewt/en_ewt-ud-dev.conllu",
        "../shared/data/ud-english-gum/en_gum-ud-dev.conllu",
    ])]
    pub dev: Vec<PathBuf>,
    /// Output directory for the model files.
    #[arg(long, default_value = "models")]
    pub out: PathBuf,
    /// Training epochs (default: 8 for the tagger, 12 for the parser).
    #[arg(long)]
    pub epochs: Option<usize>,
    /// Seed of the shuffling / exploration PRNG.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Parser only: jackknife folds for predicted training tags (0 = gold tags).
    #[arg(long, default_value_t = 4)]
    pub jackknife: usize,
    /// Parser only: epochs of each jackknife tagger.
    #[arg(long, default_value_t = 8)]
    pub tagger_epochs: usize,
    /// Drop quantized weights (i16 scale) with |w| at most this
    /// (default: tagger 400, parser moves 800 / labels 400).
    #[arg(long)]
    pub prune: Option<i32>,
    /// Parser only: probability of following the model's own move (dynamic
    /// oracle exploration) from the second epoch on.
    #[arg(long)]
    pub explore: Option<f64>,
    /// Models trained with seeds seed, seed+1, ... and averaged into one
    /// (default 2; same size class, no run-time cost).
    #[arg(long)]
    pub seeds: Option<usize>,
    /// Parser only: how many of the most frequent words keep their own
    /// features (default 5000; the rest share an "unknown word" per
    /// spelling class: capitalised, all capitals, digits, hyphen, other).
    #[arg(long)]
    pub vocab: Option<usize>,
    /// Parser only: the lexical feature set (rare words keep their
    /// spelling class; five word-pair features replace five others; same
    /// speed; dev UAS +0.4, LAS +0.4; not shipped: GUM test UAS 0.2 below
    /// the shipped parser's).
    #[arg(long)]
    pub lexical: bool,
    /// Tagger only: also train a second pass that sees the first pass's
    /// tags to the right and tags again the words the first pass was least
    /// sure of (EWT test UPOS 95.73 -> 95.82; tag + parse about 14% slower,
    /// near the 300k tokens/s bar; 4 times the training time; not shipped).
    #[arg(long)]
    pub two_pass: bool,
    /// Parser only: beam width. 1 (default) trains a greedy parser with the
    /// dynamic oracle; more trains globally for beam search of that width
    /// (more accurate; slower to parse, how much slower --beam-margin
    /// decides).
    #[arg(long)]
    pub beam: Option<usize>,
    /// Parser only, with --beam: keep only hypotheses within this many
    /// model-score units of the best ("none": the full beam; "auto", the
    /// default: the narrowest margin within 0.1 dev UAS of the full beam).
    #[arg(long, default_value = "auto", value_parser = parse_margin)]
    pub beam_margin: BeamMargin,
}

fn parse_margin(s: &str) -> Result<BeamMargin, String> {
    match s {
        "auto" => Ok(BeamMargin::Tune),
        "none" => Ok(BeamMargin::Fixed(None)),
        _ => s
            .parse::<u32>()
            .ok()
            .filter(|&m| m != u32::MAX)
            .map(|m| BeamMargin::Fixed(Some(m)))
            .ok_or_else(|| format!("'{s}' is not auto, none or a margin (a whole number)")),
    }
}

pub fn run_train(args: &TrainArgs) -> Result<()> {
    let t0 = std::time::Instant::now();
    let train = train::load(&args.train).context("loading training data")?;
    let dev = train::load(&args.dev).context("loading dev data")?;
    let n: usize = train.iter().map(|s| s.forms.len()).sum();
    eprintln!(
        "training on {} sentences / {} tokens; dev {} sentences",
        train.len(),
        n,
        dev.len()
    );
    match args.what {
        TrainWhat::Tagger => {
            let d = TaggerOptions::default();
            let opt = TaggerOptions {
                epochs: args.epochs.unwrap_or(d.epochs),
                seed: args.seed,
                prune: args.prune.unwrap_or(d.prune),
                two_pass: args.two_pass,
                seeds: args.seeds.unwrap_or(d.seeds),
                verbose: true,
            };
            train::train_tagger(&train, &dev, &opt, &args.out)?;
        }
        TrainWhat::Parser => {
            let tagger = match std::fs::read(args.out.join("tagger.bin")) {
                Ok(b) => Some(claimgraph_syntax::tagger::Tagger::from_bytes(&b).map_err(anyhow::Error::msg)?),
                Err(_) => {
                    eprintln!("no tagger.bin in {}: dev scores are skipped", args.out.display());
                    None
                }
            };
            let d = ParserOptions::default();
            let opt = ParserTrainOptions {
                parser: ParserOptions {
                    epochs: args.epochs.unwrap_or(d.epochs),
                    seed: args.seed,
                    prune_moves: args.prune.unwrap_or(d.prune_moves),
                    prune_labels: args.prune.unwrap_or(d.prune_labels),
                    vocab: args.vocab.unwrap_or(d.vocab),
                    explore: args.explore.unwrap_or(d.explore),
                    seeds: args.seeds.unwrap_or(d.seeds),
                    beam: args.beam.unwrap_or(d.beam),
                    lexical: args.lexical,
                    ..d
                },
                // Jackknife taggers: one pass (cheaper; slightly noisier
                // tags than the shipped two-pass tagger).
                tagger: TaggerOptions {
                    epochs: args.tagger_epochs,
                    seed: args.seed,
                    prune: 0,
                    two_pass: false,
                    seeds: 1,
                    verbose: false,
                },
                jackknife_folds: args.jackknife,
                margin: args.beam_margin,
            };
            train::train_parser(&train, &dev, tagger.as_ref(), &opt, &args.out)?;
        }
    }
    eprintln!("done in {:.1}s", t0.elapsed().as_secs_f64());
    Ok(())
}

/// `claimgraph parse --conllu FILE | --text FILE`
#[derive(Args, Debug, Clone)]
pub struct ParseArgs {
    /// Gold-tokenized CoNLL-U; writes it back with predicted UPOS, XPOS,
    /// LEMMA, HEAD and DEPREL (other columns kept).
    #[arg(long, conflicts_with = "text")]
    pub conllu: Option<PathBuf>,
    /// Raw text, tokenized and split into sentences as `analyze` does.
    #[arg(long)]
    pub text: Option<PathBuf>,
    /// Model directory (default: the models compiled into the binary).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// With a beam parser from --models: search with this score margin
    /// instead of the one it was tuned with ("none": the full beam).
    #[arg(long, value_parser = parse_fixed_margin, requires = "models")]
    pub beam_margin: Option<SearchMargin>,
}

/// A beam score margin given at parse time (`None`: the full beam).
#[derive(Clone, Copy, Debug)]
pub struct SearchMargin(Option<u32>);

fn parse_fixed_margin(s: &str) -> Result<SearchMargin, String> {
    match parse_margin(s)? {
        BeamMargin::Fixed(m) => Ok(SearchMargin(m)),
        BeamMargin::Tune => Err("a margin is tuned when training; give none or a number here".into()),
    }
}

fn models(dir: &Option<PathBuf>, margin: Option<SearchMargin>) -> Result<&'static Syntax> {
    Ok(match dir {
        Some(d) => {
            let mut s = Syntax::load(d).with_context(|| format!("loading models from {}", d.display()))?;
            if let Some(SearchMargin(m)) = margin {
                if s.parser().beam() == 1 {
                    bail!(
                        "{}/parser.bin is a greedy parser: --beam-margin needs one trained with 'claimgraph train parser --beam K'",
                        d.display()
                    );
                }
                s = s.with_beam_margin(m);
            }
            Box::leak(Box::new(s))
        }
        None => Syntax::embedded(),
    })
}

/// Writes CoNLL-U for already tokenized sentences.
pub fn write_tokenized<S: AsRef<str>>(syntax: &Syntax, sentences: &[Vec<S>], out: &mut impl Write) -> Result<()> {
    out.write_all(claimgraph_syntax::to_conllu(syntax, sentences).as_bytes())?;
    Ok(())
}

pub fn run_parse(args: &ParseArgs) -> Result<()> {
    let syntax = models(&args.models, args.beam_margin)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match (&args.conllu, &args.text) {
        (Some(p), None) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            let mut sents = conllu::parse(&text)?;
            let mut buf = String::new();
            for s in &mut sents {
                claimgraph_syntax::annotate_conllu(syntax, s);
                buf.clear();
                conllu::write_sentence(s, &mut buf);
                out.write_all(buf.as_bytes())?;
            }
        }
        (None, Some(p)) => {
            let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
            // The tokens and sentences `analyze` reads (paragraphs, quotes,
            // abbreviations), not a whitespace split.
            let mut doc = claimgraph_doc::Doc::new(claimgraph_doc::Meta::default(), text);
            claimgraph_nlp::segment(&mut doc, None);
            let sents: Vec<Vec<&str>> = doc
                .sentences
                .iter()
                .map(|s| s.token_range().map(|k| doc.token_text(k)).collect())
                .collect();
            write_tokenized(syntax, &sents, &mut out)?;
        }
        _ => bail!("give exactly one of --conllu FILE or --text FILE"),
    }
    out.flush()?;
    Ok(())
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum BenchWhat {
    /// Tagger + parser accuracy and speed.
    Syntax,
}

/// `claimgraph bench syntax`
#[derive(Args, Debug, Clone)]
pub struct BenchArgs {
    /// What to measure (set by the `bench syntax` subcommand).
    #[arg(skip = BenchWhat::Syntax)]
    pub what: BenchWhat,
    /// Test files to score (the first one is also used for the speed test).
    #[arg(long, num_args = 1.., default_values = [
        "../shared/data/ud-english-ewt/en_ewt-ud-test.conllu",
        "../shared/data/ud-english-gum/en_gum-ud-test.conllu",
    ])]
    pub test: Vec<PathBuf>,
    /// Model directory (default: the models compiled into the binary).
    #[arg(long)]
    pub models: Option<PathBuf>,
    /// With a beam parser from --models: search with this score margin
    /// instead of the one it was tuned with ("none": the full beam).
    #[arg(long, value_parser = parse_fixed_margin, requires = "models")]
    pub beam_margin: Option<SearchMargin>,
    /// Timed passes over the speed corpus (after one warm-up pass).
    #[arg(long, default_value_t = 5)]
    pub passes: usize,
}

pub fn run_bench(args: &BenchArgs) -> Result<()> {
    let BenchWhat::Syntax = args.what;
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let t0 = std::time::Instant::now();
    let syntax = models(&args.models, args.beam_margin)?;
    writeln!(out, "models loaded in {:.3}s", t0.elapsed().as_secs_f64())?;
    let mut speed_corpus = None;
    for p in &args.test {
        let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let gold: Vec<_> = conllu::parse(&text)?
            .iter()
            .map(train::GoldSentence::from_conllu)
            .filter(|g| !g.forms.is_empty())
            .collect();
        let a = bench::evaluate(syntax, &gold);
        writeln!(out, "{}: {a}", short(p))?;
        if speed_corpus.is_none() {
            speed_corpus = Some(gold);
        }
    }
    if let Some(gold) = speed_corpus {
        let s = bench::speed(syntax, &gold, args.passes);
        writeln!(
            out,
            "speed (tag+parse, 1 thread, {} passes after warm-up): {} tokens in {:.3}s wall = {:.0} tokens/s",
            args.passes, s.tokens, s.seconds, s.tokens_per_sec
        )?;
        if let (Some(c), Some(t)) = (s.cpu_seconds, s.tokens_per_cpu_sec) {
            writeln!(out, "  thread CPU time {c:.3}s = {t:.0} tokens per CPU-second")?;
        }
    }
    Ok(())
}

fn short(p: &Path) -> String {
    p.file_name()
        .map(|f| f.to_string_lossy().into_owned())
        .unwrap_or_else(|| p.display().to_string())
}
