//! Writes `data/verb_classes.txt` from PETRARCH2's CAMEO verb dictionary:
//! `cargo run --release -p claimgraph-link --example gen_verb_classes --
//! ../shared/data/petrarch2-cameo-dictionaries/CAMEO.2.0.txt
//! crates/link/data/verb_classes.txt`

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let (Some(src), Some(dst)) = (args.next(), args.next()) else {
        anyhow::bail!("usage: gen_verb_classes CAMEO.2.0.txt OUT.txt");
    };
    let cameo = std::fs::read_to_string(&src).map_err(|e| anyhow::anyhow!("reading {src}: {e}"))?;
    let out = claimgraph_link::verb_classes::generate(&cameo);
    std::fs::write(&dst, &out).map_err(|e| anyhow::anyhow!("writing {dst}: {e}"))?;
    eprintln!("{dst}: {} classes", out.lines().skip(1).count());
    Ok(())
}
