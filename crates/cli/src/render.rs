//! The readable view of `analyze` without `--json`: per document, one line
//! per statement, `speaker — stance — statement`, coloured by stance.

use std::io::{self, Write};

use claimgraph_doc::{Doc, Stance, StatementKind};

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Whether to colour, given whether the output is a terminal
    /// (`NO_COLOR` turns `auto` off, as https://no-color.org asks).
    pub fn enabled(self, is_terminal: bool) -> bool {
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => is_terminal && std::env::var_os("NO_COLOR").is_none(),
        }
    }
}

struct Paint(bool);

impl Paint {
    fn wrap(&self, code: &str, s: &str) -> String {
        if self.0 {
            format!("\x1b[{code}m{s}\x1b[0m")
        } else {
            s.to_string()
        }
    }
}

fn stance_code(s: Stance) -> &'static str {
    match s {
        Stance::Assert => "32",
        Stance::Deny => "31",
        Stance::Speculate => "33",
        Stance::Question => "36",
    }
}

pub fn write_doc(out: &mut dyn Write, doc: &Doc, color: bool) -> io::Result<()> {
    let p = Paint(color);
    let title = doc.meta.title.as_deref().unwrap_or("");
    let date = doc.meta.published.as_deref().unwrap_or("undated");
    writeln!(out, "{} {} {}", p.wrap("1", &doc.meta.source), p.wrap("2", date), title)?;
    if doc.statements.is_empty() {
        writeln!(out, "  (no attributed statements)")?;
    }
    for (i, s) in doc.statements.iter().enumerate() {
        let content: String = doc.slice(s.content).split_whitespace().collect::<Vec<_>>().join(" ");
        let content = match s.kind {
            StatementKind::Direct => format!("“{content}”"),
            _ => content,
        };
        let cue = s.cue.map(|c| doc.slice(c).to_string()).unwrap_or_else(|| "—".into());
        let via = s.via.map(|v| format!(" (via #{v})")).unwrap_or_default();
        writeln!(
            out,
            "  #{i} {} ({}) — {} [{}, {}]{} — {}",
            p.wrap("1", &s.speaker),
            s.speaker_type.as_str(),
            p.wrap(stance_code(s.stance), s.stance.as_str()),
            s.kind.as_str(),
            cue,
            via,
            content
        )?;
    }
    writeln!(out)
}
