//! Trains models/ner.bin (same as `claimgraph train ner`):
//! `cargo run --release -p claimgraph-entities --example train_ner -- [--tune] [--epochs N] [--out PATH]`
fn main() {
    let mut cfg = claimgraph_entities::train::TrainConfig::default();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--tune" => cfg.train_on_uner_dev = false,
            "--epochs" => {
                i += 1;
                cfg.epochs = args[i].parse().expect("epochs");
            }
            "--bits" => {
                i += 1;
                cfg.bits = args[i].parse().expect("bits");
            }
            "--out" => {
                i += 1;
                cfg.out = args[i].clone().into();
            }
            a => panic!("unknown argument {a}"),
        }
        i += 1;
    }
    let r = claimgraph_entities::train::train(&cfg).expect("train");
    eprintln!(
        "{} sentences, {} words, model {} bytes",
        r.sentences, r.words, r.model_bytes
    );
    let m = claimgraph_entities::ner::Model::from_bytes(&std::fs::read(&cfg.out).unwrap()).unwrap();
    for b in claimgraph_entities::train::bench(&m, cfg.uner_dir.as_deref(), Some(&cfg.gum_dir)).unwrap() {
        eprintln!("{b}");
    }
}
