//! Regenerates data/gazetteer.tsv and, beside it, data/petrarch_people.txt
//! from the PETRARCH2 dictionaries:
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
    let people = claimgraph_entities::gazetteer::people(std::path::Path::new(dir)).expect("read dictionaries");
    let people_out = std::path::Path::new(out).with_file_name("petrarch_people.txt");
    std::fs::write(&people_out, &people).expect("write people");
    eprintln!("{} lines → {}", people.lines().count(), people_out.display());
}
