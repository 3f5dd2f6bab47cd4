//! Regenerates data/given_names.txt from the NER training data (GUM train+dev
//! without its non-commercial genres, wikigold, UNER EWT dev):
//! `cargo run --release -p claimgraph-entities --example gen_given_names -- crates/entities/data/given_names.txt`
use claimgraph_entities::corpus;
use std::path::Path;

fn main() {
    let out = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "crates/entities/data/given_names.txt".into());
    let d = "/work/shared/data";
    let mut data =
        corpus::read_gum(Path::new(&format!("{d}/ud-english-gum/en_gum-ud-train.conllu")), false).expect("GUM train");
    data.extend(
        corpus::read_gum(Path::new(&format!("{d}/ud-english-gum/en_gum-ud-dev.conllu")), false).expect("GUM dev"),
    );
    data.extend(corpus::read_wikigold(Path::new(&format!("{d}/wikigold/wikigold.conll.txt"))).expect("wikigold"));
    data.extend(corpus::read_uner(Path::new(&format!("{d}/uner-english-ewt/en_ewt-ud-dev.iob2"))).expect("UNER dev"));
    let txt = claimgraph_entities::gazetteer::given_names(&data);
    std::fs::write(&out, &txt).expect("write");
    eprintln!("{} names → {out}", txt.lines().count());
}
