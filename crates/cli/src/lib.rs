//! The `claimgraph` command line: a thin shell over the pipeline crates.
//! `pipeline` wires the stages together; the `*_cmd` modules and `analyze`
//! are the commands, `render` the human-readable view.

pub mod analyze;
pub mod bench_cmd;
pub mod models_cmd;
pub mod ner_cmd;
pub mod pipeline;
pub mod progress;
pub mod render;
pub mod serve_cmd;
pub mod store_cmd;
pub mod syntax_cmd;
