//! Links the statements of the dev articles and writes contract JSON lines
//! for the scorer:
//!
//! ```text
//! cargo run --release -p claimgraph-link --example link_dev -- [--models DIR] [GOLD_DIR] > out.jsonl
//! python3 /work/shared/eval/score.py /work/shared/gold/dev out.jsonl
//! ```
//! `--claims FILE` writes the claims (id, members, text), `--actors FILE`
//! the actors resolved over the documents (JSON lines).
//! Without `--models` (or without the model files) linking is lexical and
//! structural only.

mod common;

use std::io::Write;
use std::path::PathBuf;

use claimgraph_link::{Linker, LinkerConfig};

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut models: Option<PathBuf> = None;
    let mut dir = PathBuf::from("/work/shared/gold/dev");
    let mut claims_out: Option<PathBuf> = None;
    let mut actors_out: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--models" => models = args.next().map(PathBuf::from),
            "--claims" => claims_out = args.next().map(PathBuf::from),
            "--actors" => actors_out = args.next().map(PathBuf::from),
            _ => dir = PathBuf::from(a),
        }
    }
    let mut docs = common::analyze_files(&common::txt_files(&dir));
    let mut cfg = LinkerConfig {
        embeddings_dir: models,
        ..Default::default()
    };
    if std::env::var("LINK_CONTEXTUAL").is_ok() {
        cfg.embedding_kind = claimgraph_link::embed::EmbeddingKind::Contextual;
    }
    // LINK_PARAMS="join_lexical=0.3,same_doc_bonus=0": try other settings
    if let Ok(p) = std::env::var("LINK_PARAMS") {
        for kv in p.split(',').filter(|s| !s.is_empty()) {
            let (k, v) = kv
                .split_once('=')
                .ok_or_else(|| anyhow::anyhow!("bad LINK_PARAMS item {kv}"))?;
            let v: f32 = v.parse()?;
            match k {
                "join_lexical" => cfg.join_lexical = v,
                "embedding_pivot" => cfg.embedding_pivot = v,
                "embedding_strong" => cfg.embedding_strong = v,
                "contextual_weight" => cfg.contextual_weight = v,
                "contextual_strong" => cfg.contextual_strong = v,
                "ambiguous_low" => cfg.ambiguous_low = v,
                "ambiguous_margin" => cfg.ambiguous_margin = v,
                "embedding_weight" => cfg.embedding_weight = v,
                "same_doc_bonus" => cfg.same_doc_bonus = v,
                "subject_clash" => cfg.subject_clash = v,
                "country_clash" => cfg.country_clash = v,
                "unnamed_country" => cfg.unnamed_country = v,
                "foreign_subject" => cfg.foreign_subject = v,
                "min_shared_keys" => cfg.min_shared_keys = v as usize,
                "entity_disjoint" => cfg.entity_disjoint = v,
                "entity_weight" => cfg.entity_weight = v,
                "cover_weight" => cfg.cover_weight = v,
                "class_weight" => cfg.class_weight = v,
                "background_weight" => cfg.background_weight = v,
                "no_entity" => cfg.no_entity = v,
                "common_share" => cfg.common_share = v,
                _ => anyhow::bail!("unknown parameter {k}"),
            }
        }
    }
    // LINK_ORDERS="N OUTDIR": also link the documents in N shuffled orders
    // (a fresh linker each), one scorer file per order: online clustering
    // depends on the order, so a change should help across orders.
    if let Ok(spec) = std::env::var("LINK_ORDERS") {
        let (n, dir) = spec
            .split_once(' ')
            .ok_or_else(|| anyhow::anyhow!("LINK_ORDERS=\"N OUTDIR\""))?;
        let n: u64 = n.parse()?;
        std::fs::create_dir_all(dir)?;
        for k in 0..n {
            let mut order: Vec<usize> = (0..docs.len()).collect();
            let mut x = k.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ 0x2545_F491_4F6C_DD1D;
            for i in (1..order.len()).rev() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                order.swap(i, (x % (i as u64 + 1)) as usize);
            }
            let mut l = Linker::new(cfg.clone())?;
            let mut f = std::io::BufWriter::new(std::fs::File::create(format!("{dir}/order-{k}.jsonl"))?);
            let mut shuffled: Vec<_> = order.iter().map(|&i| docs[i].clone()).collect();
            for d in &mut shuffled {
                l.link(d);
                serde_json::to_writer(&mut f, &d.to_contract(false))?;
                f.write_all(b"\n")?;
            }
        }
    }
    let mut linker = Linker::new(cfg)?;
    eprintln!("embeddings: {}", if linker.uses_embeddings() { "on" } else { "off" });
    let t = std::time::Instant::now();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for doc in &mut docs {
        linker.link(doc);
        serde_json::to_writer(&mut out, &doc.to_contract(false))?;
        out.write_all(b"\n")?;
    }
    let n: usize = docs.iter().map(|d| d.statements.len()).sum();
    eprintln!(
        "{} docs, {n} statements, {} claims, {} embedded, linking {:.2}s",
        docs.len(),
        linker.len(),
        linker.embedded_count(),
        t.elapsed().as_secs_f64()
    );
    if let Some(p) = actors_out {
        let mut resolver = claimgraph_link::ActorResolver::new();
        for d in &docs {
            resolver.resolve(d);
        }
        let mut f = std::fs::File::create(p)?;
        for a in resolver.records() {
            writeln!(f, "{}", serde_json::to_string(&a)?)?;
        }
    }
    if let Some(p) = claims_out {
        let mut f = std::fs::File::create(p)?;
        for r in linker.records() {
            writeln!(f, "{}\t{}\t{}", r.id, r.members, r.text)?;
        }
    }
    Ok(())
}
