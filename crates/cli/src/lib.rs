//! The `claimgraph` command line: a thin shell over the pipeline crates.
//! `pipeline` wires the stages together; `analyze` and `render` are the
//! `analyze` command and its human-readable view.

pub mod analyze;
pub mod pipeline;
pub mod render;
