//! Helpers shared by the end-to-end tests: locating `../shared`, running
//! the built `claimgraph` binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// `../shared` beside the repository (CI always has it), or
/// `$CLAIMGRAPH_SHARED`. `None` means the tests that need it skip.
pub fn shared_dir() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CLAIMGRAPH_SHARED").map(PathBuf::from),
        Some(Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")),
    ];
    candidates.into_iter().flatten().find(|p| p.join("gold/dev").is_dir())
}

/// The dev gold folder, or a printed note that the test is skipped.
pub fn gold_dev_or_skip(test: &str) -> Option<PathBuf> {
    match shared_dir() {
        Some(s) => Some(s.join("gold/dev")),
        None => {
            eprintln!("{test}: skipped, ../shared/gold/dev is absent (set CLAIMGRAPH_SHARED to run it)");
            None
        }
    }
}

pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

pub fn claimgraph(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_claimgraph"))
        .args(args)
        .output()
        .expect("run claimgraph")
}

/// Sorted `*.txt` files of a folder.
pub fn txt_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Parses JSON Lines output.
pub fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("each output line is JSON"))
        .collect()
}

/// Char-offset slice of a text.
pub fn char_slice(text: &str, start: u64, end: u64) -> String {
    text.chars().skip(start as usize).take((end - start) as usize).collect()
}
