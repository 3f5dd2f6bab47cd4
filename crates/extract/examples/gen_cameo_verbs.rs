//! Regenerates data/cameo_verbs.tsv from PETRARCH2's verb dictionary:
//! `cargo run --release -p claimgraph-extract --example gen_cameo_verbs -- /work/shared/data/petrarch2-cameo-dictionaries crates/extract/data/cameo_verbs.tsv`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("/work/shared/data/petrarch2-cameo-dictionaries");
    let out = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("crates/extract/data/cameo_verbs.tsv");
    let tsv = claimgraph_extract::cameo::generate(std::path::Path::new(dir)).expect("read CAMEO.2.0.txt");
    std::fs::write(out, &tsv).expect("write the table");
    eprintln!("{} lines → {out}", tsv.lines().count());
}
