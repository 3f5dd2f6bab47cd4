//! Runs ingest → segment → entities over a gold folder and writes one
//! contract line per document (statements left empty), for the scorer:
//! `cargo run --release -p claimgraph-entities --example dev_entities -- /work/shared/gold/dev OUT.jsonl`
//! then `python3 /work/shared/eval/score.py /work/shared/gold/dev OUT.jsonl`.
use std::io::Write;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).map(String::as_str).unwrap_or("/work/shared/gold/dev");
    let out = args.get(2).map(String::as_str).unwrap_or("/tmp/dev_entities.jsonl");
    let verbose = args.iter().any(|a| a == "-v");
    // --repeat N: annotate each document N more times for a steadier words/s figure
    let repeat: usize = args
        .iter()
        .position(|a| a == "--repeat")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    // load the model and gazetteer before timing
    let _ = claimgraph_entities::embedded_model();
    let _ = claimgraph_entities::gazetteer::get();
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut f = std::fs::File::create(out).expect("create output");
    let mut words = 0usize;
    let mut secs = 0f64;
    for p in paths {
        let input = claimgraph_ingest::Input::File(p.clone());
        let mut docs = Vec::new();
        claimgraph_ingest::read_input(&input, &claimgraph_ingest::Options::default(), &mut |r| {
            docs.extend(r.ok())
        });
        for raw in docs {
            let claimgraph_ingest::RawDoc { meta, text, header } = raw;
            let mut doc = claimgraph_doc::Doc::new(meta, text);
            claimgraph_nlp::segment(&mut doc, header);
            let n_words = doc
                .tokens
                .iter()
                .filter(|t| t.shape == claimgraph_doc::TokenShape::Word)
                .count();
            let t0 = std::time::Instant::now();
            for _ in 0..repeat {
                claimgraph_entities::annotate(&mut doc);
            }
            claimgraph_entities::annotate(&mut doc);
            secs += t0.elapsed().as_secs_f64();
            words += n_words * (repeat + 1);
            let mut c = serde_json::to_value(doc.to_contract(false)).expect("json");
            c["source"] = serde_json::Value::String(p.display().to_string());
            c["statements"] = serde_json::Value::Array(vec![]);
            writeln!(f, "{c}").expect("write");
            if verbose {
                eprintln!("== {}", p.display());
                for (sp, k) in &doc.excluded {
                    eprintln!(
                        "  excluded {k:?}: {:?}",
                        doc.slice(*sp).chars().take(80).collect::<String>()
                    );
                }
                for e in &doc.entities {
                    let ms: Vec<&str> = e.mentions.iter().map(|m| doc.slice(*m)).collect();
                    eprintln!(
                        "  {:6} {} | role {:?} | aff {:?} | {:?} | aliases {:?} | {:?}",
                        e.etype.as_str(),
                        e.name,
                        e.role,
                        e.affiliation,
                        e.speaker_type.map(|s| s.as_str()),
                        e.aliases,
                        ms
                    );
                }
            }
        }
    }
    eprintln!(
        "{words} words in {secs:.3}s: {:.0} words/s (entity layer, one thread)",
        words as f64 / secs.max(1e-9)
    );
}
