//! Print what the readers make of some inputs: `cargo run -p claimgraph-ingest
//! --example ingest-dump -- PATH...` (directories are walked, "-" is stdin).

use std::path::PathBuf;

use claimgraph_ingest::{collect_inputs, read_input, Options};

fn main() {
    let paths: Vec<PathBuf> = std::env::args_os().skip(1).map(PathBuf::from).collect();
    let (inputs, errors) = collect_inputs(&paths);
    for e in errors {
        eprintln!("{e}");
    }
    for input in &inputs {
        read_input(input, &Options::default(), &mut |r| match r {
            Ok(doc) => {
                let m = &doc.meta;
                println!("== {} [{}]", m.source, m.id);
                println!(
                    "   title: {:?}\n   published: {:?}\n   outlet: {:?}\n   header: {:?}",
                    m.title, m.published, m.outlet, doc.header
                );
                println!("{}\n", doc.text);
            }
            Err(e) => eprintln!("{e}"),
        });
    }
}
