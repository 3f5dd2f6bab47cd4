//! `claimgraph train ner` and `claimgraph bench ner`: the command-line side
//! of the `claimgraph-entities` NER tagger.

use anyhow::{anyhow, Context, Result};
use claimgraph_entities::ner::Model;
use claimgraph_entities::train::{self, TrainConfig};
use clap::Args;
use std::path::PathBuf;

/// `claimgraph train ner`: trains models/ner.bin (deterministic: same data
/// and seed → same bytes). GUM's non-commercial genres are always skipped;
/// UNER EWT test is never read.
#[derive(Args, Debug, Clone)]
pub struct TrainNerArgs {
    /// Folder with en_gum-ud-{train,dev}.conllu (Entity= annotations).
    #[arg(long, default_value = "../shared/data/ud-english-gum")]
    pub gum: PathBuf,
    /// wikigold CoNLL file (PER/ORG/LOC; MISC is dropped).
    #[arg(long, default_value = "../shared/data/wikigold/wikigold.conll.txt")]
    pub wikigold: PathBuf,
    /// Folder with UNER en_ewt-ud-dev.iob2 (test is never used for training).
    #[arg(long, default_value = "../shared/data/uner-english-ewt")]
    pub uner: PathBuf,
    /// Keep UNER dev out of training and report its F1 during training (tuning mode).
    #[arg(long)]
    pub tune: bool,
    /// Keep GUM dev out of training.
    #[arg(long)]
    pub no_gum_dev: bool,
    /// Training epochs.
    #[arg(long, default_value_t = 12)]
    pub epochs: usize,
    /// log2 of the number of hashed feature buckets.
    #[arg(long, default_value_t = 20)]
    pub bits: u32,
    /// Seed of the shuffling PRNG.
    #[arg(long, default_value_t = 7)]
    pub seed: u64,
    /// Output model file.
    #[arg(long, default_value = "models/ner.bin")]
    pub out: PathBuf,
}

pub fn run_train_ner(args: &TrainNerArgs) -> Result<()> {
    let cfg = TrainConfig {
        gum_dir: args.gum.clone(),
        wikigold: Some(args.wikigold.clone()),
        uner_dir: Some(args.uner.clone()),
        train_on_uner_dev: !args.tune,
        train_on_gum_dev: !args.no_gum_dev,
        epochs: args.epochs,
        bits: args.bits,
        seed: args.seed,
        out: args.out.clone(),
    };
    let report = train::train(&cfg)
        .map_err(|e| anyhow!(e))
        .context("training the NER tagger")?;
    eprintln!(
        "trained on {} sentences / {} words; wrote {} ({} bytes)",
        report.sentences,
        report.words,
        args.out.display(),
        report.model_bytes
    );
    Ok(())
}

/// `claimgraph bench ner`: exact span+type F1 (PER/ORG/LOC) on UNER EWT
/// test and GUM test, and words/s of the tagger on one thread.
#[derive(Args, Debug, Clone)]
pub struct BenchNerArgs {
    /// Model file (default: the model embedded in the binary).
    #[arg(long)]
    pub model: Option<PathBuf>,
    /// Folder with UNER en_ewt-ud-test.iob2.
    #[arg(long, default_value = "../shared/data/uner-english-ewt")]
    pub uner: PathBuf,
    /// Folder with en_gum-ud-test.conllu.
    #[arg(long, default_value = "../shared/data/ud-english-gum")]
    pub gum: PathBuf,
}

pub fn run_bench_ner(args: &BenchNerArgs) -> Result<()> {
    let owned;
    let model: &Model = match &args.model {
        Some(p) => {
            let bytes = std::fs::read(p).with_context(|| format!("reading {}", p.display()))?;
            owned = Model::from_bytes(&bytes).map_err(|e| anyhow!("{}: {e}", p.display()))?;
            &owned
        }
        None => claimgraph_entities::embedded_model(),
    };
    let uner = args.uner.exists().then_some(args.uner.as_path());
    let gum = args.gum.exists().then_some(args.gum.as_path());
    if uner.is_none() && gum.is_none() {
        return Err(anyhow!(
            "neither {} nor {} exists",
            args.uner.display(),
            args.gum.display()
        ));
    }
    for r in train::bench(model, uner, gum).map_err(|e| anyhow!(e))? {
        println!("{r}");
    }
    Ok(())
}
