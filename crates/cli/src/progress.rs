//! The progress bar long commands draw on stderr (only when it is a terminal).

use std::io::{self, IsTerminal};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar over `inputs` input paths when `wanted` and stderr is a terminal;
/// otherwise a hidden bar, so callers never branch on it.
pub fn inputs_bar(inputs: usize, wanted: bool) -> ProgressBar {
    if !(wanted && io::stderr().is_terminal()) {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(Some(inputs as u64), ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} inputs, {msg} ({elapsed})")
            .expect("static template")
            .progress_chars("=> "),
    );
    pb
}

/// A bar over a count of items, set as work goes on; hidden when stderr is
/// not a terminal.
pub fn count_bar(what: &str) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    pb.set_style(
        ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({elapsed})")
            .expect("static template")
            .progress_chars("=> "),
    );
    pb.set_message(what.to_string());
    pb
}
