//! Sentence embeddings with all-MiniLM-L6-v2 through candle (feature
//! `embeddings`): mean pooling over real tokens (attention mask), padding to
//! the longest input of a batch, L2-normalised 384-dim vectors, cached by
//! content hash.

use std::collections::HashMap;
use std::path::Path;

#[cfg(feature = "embeddings")]
use crate::text::fnv64;

/// The files a model directory must hold.
pub const MODEL_FILES: [&str; 3] = ["model.safetensors", "config.json", "tokenizer.json"];

/// Whether `dir` holds the model files.
pub fn model_present(dir: &Path) -> bool {
    MODEL_FILES.iter().all(|f| dir.join(f).is_file())
}

/// Longest input in tokens (the model was trained on 128-token windows).
#[cfg(feature = "embeddings")]
const MAX_TOKENS: usize = 128;
#[cfg(feature = "embeddings")]
const BATCH: usize = 32;

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
}

#[cfg(feature = "embeddings")]
struct Loaded {
    model: candle_transformers::models::bert::BertModel,
    tokenizer: tokenizers::Tokenizer,
    device: candle_core::Device,
}

#[cfg(feature = "embeddings")]
impl Embedder {
    /// Checks that the model files are there; loading waits for first use.
    pub fn load(dir: &Path) -> anyhow::Result<Embedder> {
        for f in ["config.json", "tokenizer.json", "model.safetensors"] {
            anyhow::ensure!(dir.join(f).is_file(), "{}: missing {f}", dir.display());
        }
        Ok(Embedder {
            dir: dir.to_path_buf(),
            loaded: None,
            failed: false,
            cache: HashMap::new(),
            computed: 0,
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

    /// Embeddings of `texts` (unit vectors), from the cache where possible.
    pub fn embed(&mut self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        let mut todo: Vec<(u64, &str)> = Vec::new();
        for t in texts {
            let h = fnv64(t.as_bytes());
            if !self.cache.contains_key(&h) && !todo.iter().any(|&(k, _)| k == h) {
                todo.push((h, t));
            }
        }
        for chunk in todo.chunks(BATCH) {
            let strs: Vec<&str> = chunk.iter().map(|&(_, t)| t).collect();
            anyhow::ensure!(!self.failed, "embedding model unusable");
            if self.loaded.is_none() {
                match Self::load_model(&self.dir) {
                    Ok(m) => self.loaded = Some(m),
                    Err(e) => {
                        self.failed = true;
                        eprintln!("claim linking: {}: {e:#}; linking lexically", self.dir.display());
                        return Err(e);
                    }
                }
            }
            let vecs = Self::run(self.loaded.as_ref().expect("loaded above"), &strs)?;
            self.computed += vecs.len() as u64;
            for (&(h, _), v) in chunk.iter().zip(vecs) {
                self.cache.insert(h, v);
            }
        }
        Ok(texts.iter().map(|t| self.cache[&fnv64(t.as_bytes())].clone()).collect())
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
    pub fn load(_dir: &Path) -> anyhow::Result<Embedder> {
        anyhow::bail!("claimgraph-link was built without the `embeddings` feature")
    }
    pub fn embed(&mut self, _texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        anyhow::bail!("claimgraph-link was built without the `embeddings` feature")
    }
}
