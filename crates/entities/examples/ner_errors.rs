//! Prints NER errors on a GUM CoNLL-U or UNER .iob2 file (debug aid):
//! `cargo run --release -p claimgraph-entities --example ner_errors -- MODEL GUM.conllu`
fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let m = claimgraph_entities::ner::Model::from_bytes(&std::fs::read(&a[0]).unwrap()).unwrap();
    let path = std::path::Path::new(&a[1]);
    let d = if a[1].ends_with(".iob2") {
        claimgraph_entities::corpus::read_uner(path).unwrap()
    } else {
        claimgraph_entities::corpus::read_gum(path, true).unwrap()
    };
    let (ctxs, of) = claimgraph_entities::train::doc_contexts(&d);
    for (i, s) in d.iter().enumerate() {
        let ws: Vec<&str> = s.words.iter().map(|w| w.as_str()).collect();
        let p = m.tag_in_doc(&ws, &ctxs[of[i]]);
        if p != s.spans {
            let show = |sp: &[claimgraph_entities::ner::NerSpan]| {
                sp.iter()
                    .map(|x| format!("{}:{}", x.ty.as_str(), ws[x.start..x.end].join(" ")))
                    .collect::<Vec<_>>()
                    .join(" | ")
            };
            println!("{}\n   G {}\n   P {}", ws.join(" "), show(&s.spans), show(&p));
        }
    }
}
