//! Tags whitespace-separated words from each argument (debug aid):
//! `cargo run --release -p claimgraph-entities --example ner_tag -- "Kremlin spokesman Dmitry Peskov said"`
fn main() {
    let m = claimgraph_entities::embedded_model();
    for a in std::env::args().skip(1) {
        let words: Vec<&str> = a.split_whitespace().collect();
        for s in m.tag(&words) {
            println!("{} {}", s.ty.as_str(), words[s.start..s.end].join(" "));
        }
    }
}
