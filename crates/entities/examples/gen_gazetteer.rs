//! Regenerates data/gazetteer.tsv from the PETRARCH2 dictionaries:
//! `cargo run --release -p claimgraph-entities --example gen_gazetteer -- /work/shared/data/petrarch2-cameo-dictionaries crates/entities/data/gazetteer.tsv`
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args
        .get(1)
        .map(String::as_str)
        .unwrap_or("/work/shared/data/petrarch2-cameo-dictionaries");
    let out = args
        .get(2)
        .map(String::as_str)
        .unwrap_or("crates/entities/data/gazetteer.tsv");
    let tsv = claimgraph_entities::gazetteer::generate(std::path::Path::new(dir)).expect("read dictionaries");
    std::fs::write(out, &tsv).expect("write gazetteer");
    eprintln!("{} lines → {out}", tsv.lines().count());
}
