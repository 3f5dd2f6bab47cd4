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

#[cfg(feature = "embeddings")]
pub struct Embedder {
    model: candle_transformers::models::bert::BertModel,
    tokenizer: tokenizers::Tokenizer,
    device: candle_core::Device,
    cache: HashMap<u64, Vec<f32>>,
    /// Sentences actually run through the model (cache misses).
    pub computed: u64,
}

#[cfg(feature = "embeddings")]
impl Embedder {
    pub fn load(dir: &Path) -> anyhow::Result<Embedder> {
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
        Ok(Embedder {
            model,
            tokenizer,
            device,
            cache: HashMap::new(),
            computed: 0,
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
            let vecs = self.run(&strs)?;
            self.computed += vecs.len() as u64;
            for (&(h, _), v) in chunk.iter().zip(vecs) {
                self.cache.insert(h, v);
            }
        }
        Ok(texts.iter().map(|t| self.cache[&fnv64(t.as_bytes())].clone()).collect())
    }

    fn run(&self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        use candle_core::{DType, Tensor, D};
        let enc = self
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
        let ids = Tensor::from_vec(ids, (n, len), &self.device)?;
        let mask = Tensor::from_vec(mask, (n, len), &self.device)?;
        let types = ids.zeros_like()?;
        let out = self.model.forward(&ids, &types, Some(&mask))?; // (n, len, 384)
        let m = mask.to_dtype(DType::F32)?.unsqueeze(2)?; // (n, len, 1)
        let summed = out.broadcast_mul(&m)?.sum(1)?; // (n, 384)
        let counts = m.sum(1)?.clamp(1e-9f32, f32::MAX)?; // (n, 1)
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
