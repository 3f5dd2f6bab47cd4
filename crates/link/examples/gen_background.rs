//! Writes `data/background_df.txt` (see `claimgraph_link::background`):
//! `cargo run --release -p claimgraph-link --example gen_background --
//! ../shared/data crates/link/data/background_df.txt`

use std::path::Path;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(data), Some(dst)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: gen_background SHARED_DATA_DIR OUT.txt");
    };
    let texts = claimgraph_link::background::SOURCES
        .iter()
        .map(|f| {
            let p = Path::new(&data).join(f);
            std::fs::read_to_string(&p).map_err(|e| anyhow::anyhow!("reading {}: {e}", p.display()))
        })
        .collect::<anyhow::Result<Vec<String>>>()?;
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let out = claimgraph_link::background::generate(&refs, claimgraph_syntax::train::EXCLUDED_DOC_PREFIXES);
    std::fs::write(&dst, &out).map_err(|e| anyhow::anyhow!("writing {dst}: {e}"))?;
    eprintln!("{dst}: {} keys", out.lines().filter(|l| !l.starts_with('#')).count());
    Ok(())
}
