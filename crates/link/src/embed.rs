//! Sentence embeddings from all-MiniLM-L6-v2 (feature `embeddings`), two ways:
//!
//! - **static** (the default): one vector per WordPiece token, distilled once
//!   from the transformer by [`distill`] into `static.bin`; a sentence is the
//!   normalised sum of its tokens' vectors. About 20 µs a statement, so
//!   linking costs next to nothing beside the analysis.
//! - **contextual**: the transformer itself through candle (mean pooling
//!   over real tokens, padding to the longest input of a batch), cached by
//!   content hash. About 20 ms a statement on one core: some 30 times the
//!   cost of analysing the statement, for claim-link F1 0.494 instead of
//!   the static vectors' 0.484 on the dev set.

use std::collections::HashMap;
use std::path::Path;

#[cfg(feature = "embeddings")]
use crate::text::fnv64;
#[cfg(feature = "embeddings")]
use crate::wordpiece::WordPiece;

/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["model.safetensors", "config.json", "tokenizer.json"];

/// Whether `dir` holds the model files.
pub fn model_present(dir: &Path) -> bool {
    MODEL_FILES.iter().all(|f| dir.join(f).is_file())
}

/// The distilled token vectors ([`distill`] writes them next to the model).
pub const STATIC_FILE: &str = "static.bin";
#[cfg(feature = "embeddings")]
const STATIC_MAGIC: &[u8; 8] = b"CGSTAT01";

/// Whether `dir` holds what static embeddings need.
pub fn static_present(dir: &Path) -> bool {
    dir.join(STATIC_FILE).is_file() && dir.join("tokenizer.json").is_file()
}

/// Which embeddings the linker uses.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum EmbeddingKind {
    /// Distilled per-token vectors (`static.bin`).
    #[default]
    Static,
    /// The transformer run over each statement.
    Contextual,
}

/// Whether `dir` holds the files `kind` needs.
pub fn present(dir: &Path, kind: EmbeddingKind) -> bool {
    match kind {
        EmbeddingKind::Static => static_present(dir),
        EmbeddingKind::Contextual => model_present(dir),
    }
}

/// Token vectors quantized per row: `rows[id * dim ..]` as i8 with
/// `scales[id]`. The rows stay in the mapped file (read as i8 on use):
/// no copy of the 11 MB table at load, and only the pages of the rows
/// used are ever read.
#[cfg(feature = "embeddings")]
struct StaticTable {
    tokenizer: WordPiece,
    dim: usize,
    scales: Vec<f32>,
    /// The whole file, mapped; the rows start at `rows_at`.
    bytes: memmap2::Mmap,
    rows_at: usize,
}

#[cfg(feature = "embeddings")]
impl StaticTable {
    fn load(dir: &Path) -> anyhow::Result<StaticTable> {
        use anyhow::Context;
        let tokenizer = WordPiece::from_file(&dir.join("tokenizer.json"))?;
        let path = dir.join(STATIC_FILE);
        let file = std::fs::File::open(&path).with_context(|| format!("reading {}", path.display()))?;
        // SAFETY: the map is read-only and private to this process. The
        // file is ours (`models install` writes it to a temporary name and
        // renames it into place, so an update never changes mapped bytes);
        // a user truncating it while a process runs is outside the contract,
        // as for the transformer's safetensors, which candle maps the same way.
        let b = unsafe { memmap2::Mmap::map(&file) }.with_context(|| format!("mapping {}", path.display()))?;
        let bad = || {
            anyhow::anyhow!(
                "{}: not a static embedding table (run `claimgraph models install`)",
                path.display()
            )
        };
        if b.len() < 16 || &b[..8] != STATIC_MAGIC {
            return Err(bad());
        }
        let n = u32::from_le_bytes(b[8..12].try_into().unwrap()) as usize;
        let dim = u32::from_le_bytes(b[12..16].try_into().unwrap()) as usize;
        if dim == 0 || b.len() != 16 + n * (4 + dim) || n < tokenizer.vocab_size() {
            return Err(bad());
        }
        let scales = b[16..16 + 4 * n]
            .chunks_exact(4)
            .map(|c| f32::from_le_bytes(c.try_into().unwrap()))
            .collect();
        Ok(StaticTable {
            tokenizer,
            dim,
            scales,
            bytes: b,
            rows_at: 16 + 4 * n,
        })
    }

    fn embed(&self, text: &str) -> anyhow::Result<Vec<f32>> {
        let mut ids = Vec::with_capacity(64);
        self.tokenizer.encode(text, &mut ids);
        let mut v = vec![0f32; self.dim];
        for &id in &ids {
            let id = id as usize;
            let at = self.rows_at + id * self.dim;
            let (s, r) = (self.scales[id], &self.bytes[at..at + self.dim]);
            for (a, &q) in v.iter_mut().zip(r) {
                *a += s * (q as i8) as f32;
            }
        }
        let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
        v.iter_mut().for_each(|x| *x /= norm);
        Ok(v)
    }
}

/// The value in `slot`, loaded on first use. A failure is reported once
/// and remembered in `failed`: linking then stays lexical.
#[cfg(feature = "embeddings")]
fn load_once<'a, T>(
    slot: &'a mut Option<T>,
    failed: &mut bool,
    load: impl FnOnce() -> anyhow::Result<T>,
) -> anyhow::Result<&'a T> {
    anyhow::ensure!(!*failed, "embeddings unusable");
    if slot.is_none() {
        match load() {
            Ok(v) => *slot = Some(v),
            Err(e) => {
                *failed = true;
                eprintln!("claim linking: {e:#}; linking lexically");
                return Err(e);
            }
        }
    }
    Ok(slot.as_ref().expect("loaded above"))
}

/// Distils the transformer in `dir` into one vector per vocabulary token and
/// writes them to `dir/static.bin` (Model2Vec's idea, simplified): the
/// model's output at the token's position for the input `[CLS] token [SEP]`,
/// minus the mean over the vocabulary (the direction every output shares,
/// which would otherwise make all sentences look alike), quantized to i8
/// per row. Deterministic; about 20 s on one core.
#[cfg(feature = "embeddings")]
pub fn distill(dir: &Path, mut progress: impl FnMut(usize, usize)) -> anyhow::Result<usize> {
    use candle_core::{DType, Tensor};
    let m = Embedder::load_model(dir)?;
    let vocab = m.tokenizer.get_vocab_size(true);
    let (cls, sep) = (
        m.tokenizer.token_to_id("[CLS]").unwrap_or(101),
        m.tokenizer.token_to_id("[SEP]").unwrap_or(102),
    );
    let mut table: Vec<Vec<f32>> = Vec::with_capacity(vocab);
    const STEP: usize = 512;
    for start in (0..vocab).step_by(STEP) {
        let end = (start + STEP).min(vocab);
        let n = end - start;
        let ids: Vec<u32> = (start..end).flat_map(|id| [cls, id as u32, sep]).collect();
        let ids = Tensor::from_vec(ids, (n, 3), &m.device)?;
        let mask = Tensor::ones((n, 3), DType::U32, &m.device)?;
        let types = ids.zeros_like()?;
        let out = m.model.forward(&ids, &types, Some(&mask))?; // (n, 3, dim)
        table.extend(out.narrow(1, 1, 1)?.squeeze(1)?.to_vec2::<f32>()?);
        progress(end, vocab);
    }
    let dim = table.first().map_or(0, Vec::len);
    let mut mean = vec![0f64; dim];
    for r in &table {
        for (m, &x) in mean.iter_mut().zip(r) {
            *m += x as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= vocab.max(1) as f64);
    let mut scales = Vec::with_capacity(4 * vocab);
    let mut rows = Vec::with_capacity(dim * vocab);
    for r in &table {
        let c: Vec<f64> = r.iter().zip(&mean).map(|(&x, m)| x as f64 - m).collect();
        let maxabs = c.iter().fold(0f64, |a, x| a.max(x.abs()));
        let s = if maxabs > 0.0 { maxabs / 127.0 } else { 1.0 };
        scales.extend_from_slice(&(s as f32).to_le_bytes());
        rows.extend(c.iter().map(|x| (x / s).round().clamp(-127.0, 127.0) as i8 as u8));
    }
    let mut bytes = Vec::with_capacity(16 + scales.len() + rows.len());
    bytes.extend_from_slice(STATIC_MAGIC);
    bytes.extend_from_slice(&(vocab as u32).to_le_bytes());
    bytes.extend_from_slice(&(dim as u32).to_le_bytes());
    bytes.extend_from_slice(&scales);
    bytes.extend_from_slice(&rows);
    // Written whole then renamed: an interrupted run leaves no half table.
    let tmp = dir.join(format!("{STATIC_FILE}.tmp"));
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, dir.join(STATIC_FILE))?;
    Ok(vocab)
}

#[cfg(not(feature = "embeddings"))]
pub fn distill(_dir: &Path, _progress: impl FnMut(usize, usize)) -> anyhow::Result<usize> {
    anyhow::bail!("claimgraph-link was built without the `embeddings` feature")
}

/// Longest input in tokens (the model was trained on 128-token windows).
#[cfg(feature = "embeddings")]
const MAX_TOKENS: usize = 128;
#[cfg(feature = "embeddings")]
const BATCH: usize = 32;
/// Cached sentence vectors at most.
#[cfg(feature = "embeddings")]
const CACHE_MAX: usize = 50_000;

/// The model is loaded at its first use, not when the linker starts: a run
/// that never needs an embedding (an empty or refused input, a corpus that
/// lexical scores settle) never pays its ~100 MB and its load time.
#[cfg(feature = "embeddings")]
pub struct Embedder {
    dir: std::path::PathBuf,
    loaded: Option<Loaded>,
    /// Set when loading failed: reported once, then linking stays lexical.
    failed: bool,
    cache: HashMap<u64, Vec<f32>>,
    /// Sentences actually run through the model (cache misses).
    pub computed: u64,
    kind: EmbeddingKind,
    table: Option<StaticTable>,
}

#[cfg(feature = "embeddings")]
struct Loaded {
    model: candle_transformers::models::bert::BertModel,
    tokenizer: tokenizers::Tokenizer,
    device: candle_core::Device,
}

#[cfg(feature = "embeddings")]
impl Embedder {
    /// Checks that the files `kind` needs are there; loading waits for
    /// first use.
    pub fn load(dir: &Path, kind: EmbeddingKind) -> anyhow::Result<Embedder> {
        let files: &[&str] = match kind {
            EmbeddingKind::Static => &[STATIC_FILE, "tokenizer.json"],
            EmbeddingKind::Contextual => &MODEL_FILES,
        };
        for f in files {
            anyhow::ensure!(dir.join(f).is_file(), "{}: missing {f}", dir.display());
        }
        Ok(Embedder {
            dir: dir.to_path_buf(),
            loaded: None,
            failed: false,
            cache: HashMap::new(),
            computed: 0,
            kind,
            table: None,
        })
    }

    fn load_model(dir: &Path) -> anyhow::Result<Loaded> {
        use anyhow::Context;
        use candle_transformers::models::bert::{BertModel, Config, DTYPE};
        let device = candle_core::Device::Cpu;
        let config: Config =
            serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).context("reading config.json")?)
                .context("parsing config.json")?;
        let mut tokenizer = tokenizers::Tokenizer::from_file(dir.join("tokenizer.json"))
            .map_err(|e| anyhow::anyhow!("loading tokenizer.json: {e}"))?;
        // tokenizer.json pads everything to 128: pad per batch ourselves.
        tokenizer.with_padding(None);
        tokenizer
            .with_truncation(Some(tokenizers::TruncationParams {
                max_length: MAX_TOKENS,
                ..Default::default()
            }))
            .map_err(|e| anyhow::anyhow!("tokenizer truncation: {e}"))?;
        // SAFETY: the file is memory-mapped read-only and not modified while mapped.
        let vb = unsafe {
            candle_nn::VarBuilder::from_mmaped_safetensors(&[dir.join("model.safetensors")], DTYPE, &device)
                .context("mapping model.safetensors")?
        };
        let model = BertModel::load(vb, &config).context("loading BERT weights")?;
        Ok(Loaded {
            model,
            tokenizer,
            device,
        })
    }

    /// Whether loading the model or table failed (linking is then lexical).
    pub fn failed(&self) -> bool {
        self.failed
    }

    /// Caches a vector; the cache is emptied when full, so memory stays
    /// bounded (about 75 MB) however large the corpus.
    fn remember(&mut self, h: u64, v: Vec<f32>) {
        if self.cache.len() >= CACHE_MAX {
            self.cache.clear();
        }
        self.cache.insert(h, v);
    }

    /// Embeddings of `texts` (unit vectors), from the cache where possible.
    pub fn embed(&mut self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        if self.kind == EmbeddingKind::Static {
            let dir = &self.dir;
            load_once(&mut self.table, &mut self.failed, || StaticTable::load(dir))?;
            let mut out = Vec::with_capacity(texts.len());
            for x in texts {
                let h = fnv64(x.as_bytes());
                if let Some(v) = self.cache.get(&h) {
                    out.push(v.clone());
                } else {
                    let v = self.table.as_ref().expect("loaded above").embed(x)?;
                    self.computed += 1;
                    self.remember(h, v.clone());
                    out.push(v);
                }
            }
            return Ok(out);
        }
        let mut todo: Vec<(u64, &str)> = Vec::new();
        let mut fresh: HashMap<u64, Vec<f32>> = HashMap::new();
        for t in texts {
            let h = fnv64(t.as_bytes());
            if !self.cache.contains_key(&h) && !todo.iter().any(|&(k, _)| k == h) {
                todo.push((h, t));
            }
        }
        for chunk in todo.chunks(BATCH) {
            let strs: Vec<&str> = chunk.iter().map(|&(_, t)| t).collect();
            let dir = &self.dir;
            let model = load_once(&mut self.loaded, &mut self.failed, || {
                anyhow::Context::with_context(Self::load_model(dir), || dir.display().to_string())
            })?;
            let vecs = Self::run(model, &strs)?;
            self.computed += vecs.len() as u64;
            for (&(h, _), v) in chunk.iter().zip(vecs) {
                fresh.insert(h, v);
            }
        }
        let out = texts
            .iter()
            .map(|t| {
                let h = fnv64(t.as_bytes());
                fresh
                    .get(&h)
                    .or_else(|| self.cache.get(&h))
                    .expect("computed above")
                    .clone()
            })
            .collect();
        for (h, v) in fresh {
            self.remember(h, v);
        }
        Ok(out)
    }

    fn run(m: &Loaded, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        use candle_core::{DType, Tensor, D};
        let enc = m
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(|e| anyhow::anyhow!("tokenizing: {e}"))?;
        let len = enc.iter().map(|e| e.get_ids().len()).max().unwrap_or(0).max(1);
        let n = enc.len();
        let mut ids = vec![0u32; n * len];
        let mut mask = vec![0u32; n * len];
        for (i, e) in enc.iter().enumerate() {
            for (j, &id) in e.get_ids().iter().enumerate() {
                ids[i * len + j] = id;
                mask[i * len + j] = 1;
            }
        }
        let ids = Tensor::from_vec(ids, (n, len), &m.device)?;
        let mask = Tensor::from_vec(mask, (n, len), &m.device)?;
        let types = ids.zeros_like()?;
        let out = m.model.forward(&ids, &types, Some(&mask))?; // (n, len, 384)
        let w = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (n, len, 1)
        let summed = out.broadcast_mul(&w)?.sum(1)?; // (n, 384)
        let counts = w.sum(1)?.clamp(1e-9f32, f32::MAX)?; // (n, 1)
        let mean = summed.broadcast_div(&counts)?;
        let norm = mean.sqr()?.sum_keepdim(D::Minus1)?.sqrt()?.clamp(1e-12f32, f32::MAX)?;
        let unit = mean.broadcast_div(&norm)?;
        Ok(unit.to_vec2::<f32>()?)
    }
}

/// Cosine of two unit vectors.
pub fn dot(a: &[f32], b: &[f32]) -> f32 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

#[cfg(not(feature = "embeddings"))]
pub struct Embedder {
    pub computed: u64,
    _cache: HashMap<u64, Vec<f32>>,
}

#[cfg(not(feature = "embeddings"))]
impl Embedder {
    pub fn failed(&self) -> bool {
        true
    }
    pub fn load(_dir: &Path, _kind: EmbeddingKind) -> anyhow::Result<Embedder> {
        anyhow::bail!("claimgraph-link was built without the `embeddings` feature")
    }
    pub fn embed(&mut self, _texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        anyhow::bail!("claimgraph-link was built without the `embeddings` feature")
    }
}
