//! Training and benchmarking the NER tagger (`claimgraph train ner`,
//! `claimgraph bench ner`).

use crate::corpus::{self, NerSentence};
use crate::ner::{self, Model, NerSpan, NerType, Trainer};
use std::collections::HashSet;
use std::path::PathBuf;
use std::time::Instant;

#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Folder with en_gum-ud-{train,dev,test}.conllu.
    pub gum_dir: PathBuf,
    /// wikigold.conll.txt (optional).
    pub wikigold: Option<PathBuf>,
    /// Folder with UNER en_ewt-ud-{dev,test}.iob2 (dev is used for tuning / training, test never).
    pub uner_dir: Option<PathBuf>,
    /// Also train on UNER dev (after tuning on it).
    pub train_on_uner_dev: bool,
    /// Also train on GUM dev.
    pub train_on_gum_dev: bool,
    pub epochs: usize,
    /// log2 of the number of feature buckets.
    pub bits: u32,
    pub seed: u64,
    /// Where to write the model.
    pub out: PathBuf,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            gum_dir: "/work/shared/data/ud-english-gum".into(),
            wikigold: Some("/work/shared/data/wikigold/wikigold.conll.txt".into()),
            uner_dir: Some("/work/shared/data/uner-english-ewt".into()),
            train_on_uner_dev: true,
            train_on_gum_dev: true,
            epochs: 12,
            bits: 20,
            seed: 7,
            out: "models/ner.bin".into(),
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Prf {
    pub tp: usize,
    pub pred: usize,
    pub gold: usize,
}

impl Prf {
    pub fn p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        }
    }
    pub fn r(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl std::fmt::Display for Prf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "P {:.4} R {:.4} F1 {:.4} (tp {}, pred {}, gold {})",
            self.p(),
            self.r(),
            self.f1(),
            self.tp,
            self.pred,
            self.gold
        )
    }
}

#[derive(Clone, Debug)]
pub struct TrainReport {
    pub sentences: usize,
    pub words: usize,
    /// Per epoch: (training tag errors, UNER dev F1 if measured).
    pub epochs: Vec<(usize, Option<f64>)>,
    pub model_bytes: usize,
}

/// Deterministic xorshift for the shuffle.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
}

/// Document contexts: one per distinct `doc` id, and each sentence's index into them.
pub fn doc_contexts(data: &[NerSentence]) -> (Vec<ner::DocCtx>, Vec<usize>) {
    let mut ids: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    let mut ctxs: Vec<ner::DocCtx> = Vec::new();
    let mut of = Vec::with_capacity(data.len());
    for s in data {
        let n = ids.len();
        let k = *ids.entry(s.doc.as_str()).or_insert(n);
        if k == ctxs.len() {
            ctxs.push(ner::DocCtx::default());
        }
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        ctxs[k].add(&words);
        of.push(k);
    }
    (ctxs, of)
}

/// Exact span+type evaluation (with document-level evidence).
pub fn evaluate(model: &Model, data: &[NerSentence]) -> (Prf, [Prf; 3]) {
    let mut all = Prf::default();
    let mut per: [Prf; 3] = Default::default();
    let (ctxs, of) = doc_contexts(data);
    for (si, s) in data.iter().enumerate() {
        let words: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let pred: HashSet<NerSpan> = model.tag_in_doc(&words, &ctxs[of[si]]).into_iter().collect();
        let gold: HashSet<NerSpan> = s.spans.iter().copied().collect();
        all.tp += pred.intersection(&gold).count();
        all.pred += pred.len();
        all.gold += gold.len();
        for t in NerType::ALL {
            let k = t as usize;
            per[k].tp += pred.intersection(&gold).filter(|s| s.ty == t).count();
            per[k].pred += pred.iter().filter(|s| s.ty == t).count();
            per[k].gold += gold.iter().filter(|s| s.ty == t).count();
        }
    }
    (all, per)
}

/// Trains the NER model and writes it to `cfg.out`.
pub fn train(cfg: &TrainConfig) -> Result<TrainReport, String> {
    let mut data = corpus::read_gum(&cfg.gum_dir.join("en_gum-ud-train.conllu"), false)?;
    if cfg.train_on_gum_dev {
        data.extend(corpus::read_gum(&cfg.gum_dir.join("en_gum-ud-dev.conllu"), false)?);
    }
    if let Some(w) = &cfg.wikigold {
        data.extend(corpus::read_wikigold(w)?);
    }
    let mut tune = Vec::new();
    if let Some(u) = &cfg.uner_dir {
        let dev = corpus::read_uner(&u.join("en_ewt-ud-dev.iob2"))?;
        if cfg.train_on_uner_dev {
            data.extend(dev);
        } else {
            tune = dev;
        }
    }
    let words: usize = data.iter().map(|s| s.words.len()).sum();
    let golds: Vec<Vec<usize>> = data.iter().map(|s| ner::encode(s.words.len(), &s.spans)).collect();
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(cfg.seed.wrapping_mul(0x9E3779B97F4A7C15) | 1);
    let mut trainer = Trainer::new(cfg.bits);
    let (ctxs, ctx_of) = doc_contexts(&data);
    let mut epochs = Vec::new();
    for ep in 0..cfg.epochs {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut wrong = 0;
        for &k in &order {
            let ws: Vec<&str> = data[k].words.iter().map(|w| w.as_str()).collect();
            wrong += trainer.train_sentence(&ws, &golds[k], Some(&ctxs[ctx_of[k]]));
        }
        let f = if !tune.is_empty() && (ep + 1 == cfg.epochs || ep % 3 == 2) {
            // Evaluate what would ship: the quantized model, as loaded.
            let m = Model::from_bytes(&trainer.averaged().to_bytes())?;
            Some(evaluate(&m, &tune).0.f1())
        } else {
            None
        };
        eprintln!(
            "epoch {}: {wrong} wrong tags of {words}{}",
            ep + 1,
            f.map(|f| format!(", UNER dev F1 {f:.4}")).unwrap_or_default()
        );
        epochs.push((wrong, f));
    }
    let model = trainer.averaged();
    let bytes = model.to_bytes();
    if let Some(dir) = cfg.out.parent() {
        if !dir.as_os_str().is_empty() {
            std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        }
    }
    std::fs::write(&cfg.out, &bytes).map_err(|e| format!("{}: {e}", cfg.out.display()))?;
    Ok(TrainReport {
        sentences: data.len(),
        words,
        epochs,
        model_bytes: bytes.len(),
    })
}

#[derive(Clone, Debug)]
pub struct BenchReport {
    pub name: String,
    pub all: Prf,
    pub per_type: [Prf; 3],
    pub words: usize,
    pub words_per_sec: f64,
}

impl std::fmt::Display for BenchReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{}: {}", self.name, self.all)?;
        for t in NerType::ALL {
            writeln!(f, "  {:3} {}", t.as_str(), self.per_type[t as usize])?;
        }
        write!(f, "  {} words, {:.0} words/s", self.words, self.words_per_sec)
    }
}

/// Evaluates a model on the UNER EWT test and GUM test sets (those present).
pub fn bench(
    model: &Model,
    uner_dir: Option<&std::path::Path>,
    gum_dir: Option<&std::path::Path>,
) -> Result<Vec<BenchReport>, String> {
    let mut sets = Vec::new();
    if let Some(u) = uner_dir {
        sets.push((
            "UNER EWT test".to_string(),
            corpus::read_uner(&u.join("en_ewt-ud-test.iob2"))?,
        ));
    }
    if let Some(g) = gum_dir {
        sets.push((
            "GUM test (all genres)".to_string(),
            corpus::read_gum(&g.join("en_gum-ud-test.conllu"), true)?,
        ));
    }
    let mut out = Vec::new();
    for (name, data) in sets {
        let words: usize = data.iter().map(|s| s.words.len()).sum();
        let t0 = Instant::now();
        let (all, per_type) = evaluate(model, &data);
        let secs = t0.elapsed().as_secs_f64().max(1e-9);
        out.push(BenchReport {
            name,
            all,
            per_type,
            words,
            words_per_sec: words as f64 / secs,
        });
    }
    Ok(out)
}
