//! Pronoun-resolution accuracy of the entity layer against GUM coreference:
//! `cargo run --release -p claimgraph-entities --example gum_coref -- /work/shared/data/ud-english-gum/en_gum-ud-test.conllu`
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths = if args.is_empty() {
        vec!["/work/shared/data/ud-english-gum/en_gum-ud-test.conllu".to_string()]
    } else {
        args
    };
    for p in paths {
        let r = claimgraph_entities::coref_eval::evaluate_gum(
            claimgraph_entities::embedded_model(),
            std::path::Path::new(&p),
        )
        .expect("read GUM");
        println!("{p}: {r}");
    }
}
