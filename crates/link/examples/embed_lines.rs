//! Prints the all-MiniLM-L6-v2 embedding of each stdin line as a JSON array
//! (for analysing similarity thresholds); `--contextual` runs the
//! transformer instead of the distilled static vectors:
//! `cargo run --release -p claimgraph-link --example embed_lines -- models/minilm [--contextual] < lines.txt`

use std::io::BufRead;

fn main() -> anyhow::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| "models/minilm".into());
    let kind = if std::env::args().any(|a| a == "--contextual") {
        claimgraph_link::embed::EmbeddingKind::Contextual
    } else {
        claimgraph_link::embed::EmbeddingKind::Static
    };
    let mut e = claimgraph_link::embed::Embedder::load(std::path::Path::new(&dir), kind)?;
    let lines: Vec<String> = std::io::stdin().lock().lines().collect::<Result<_, _>>()?;
    let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
    for v in e.embed(&refs)? {
        println!("{}", serde_json::to_string(&v)?);
    }
    Ok(())
}
