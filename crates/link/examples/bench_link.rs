//! Linking throughput at scale: N statements (default 100,000) made by
//! varying the dev set's real statements (a fifth restated as they are; the
//! rest with words dropped, up to 40% replaced by words of other statements,
//! and their names and numbers replaced, so clusters of restatements and
//! many distinct claims both occur), in documents of ten. Reports
//! statements/s, CPU time and peak memory.
//!
//! ```text
//! cargo run --release -p claimgraph-link --example bench_link -- [N] [--models DIR]
//! ```

mod common;

use std::path::PathBuf;
use std::time::Instant;

use claimgraph_doc::{Doc, Meta, Span, Statement};
use claimgraph_link::{ActorResolver, Linker, LinkerConfig};

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut x = self.0;
        x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        x ^ (x >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

const NAMES: &[&str] = &[
    "Russia",
    "China",
    "Iran",
    "Israel",
    "Azerbaijan",
    "Armenia",
    "Turkey",
    "Ukraine",
    "Georgia",
    "France",
    "Germany",
    "Poland",
    "Brazil",
    "India",
    "Pakistan",
    "Egypt",
    "Qatar",
    "Japan",
    "Kenya",
    "Mexico",
    "Canada",
    "Norway",
    "Hungary",
    "Serbia",
    "Moldova",
    "Belarus",
    "Syria",
    "Iraq",
    "Jordan",
    "Lebanon",
    "Chile",
    "Peru",
];
const WORDS: &[&str] = &[
    "oil",
    "gas",
    "grain",
    "weapons",
    "drones",
    "sanctions",
    "troops",
    "talks",
    "border",
    "pipeline",
    "loans",
    "vaccines",
    "elections",
    "hackers",
    "refugees",
    "ports",
    "mines",
    "satellites",
    "banks",
    "tariffs",
];

fn vary(rng: &mut Rng, s: &str, vocab: &[String]) -> String {
    let mut words: Vec<String> = s.split_whitespace().map(str::to_string).collect();
    for w in words.iter_mut() {
        let cap = w.chars().next().is_some_and(char::is_uppercase);
        let r = rng.below(100);
        if cap && r < 60 {
            *w = NAMES[rng.below(NAMES.len())].to_string();
        } else if w.chars().all(|c| c.is_ascii_digit()) {
            *w = (rng.below(3000)).to_string();
        } else if r < 12 {
            *w = WORDS[rng.below(WORDS.len())].to_string();
        } else if r < 40 {
            // a word of another real statement: a new claim in the same register
            *w = vocab[rng.below(vocab.len())].clone();
        }
    }
    if words.len() > 4 {
        for _ in 0..rng.below(3) {
            let i = rng.below(words.len());
            words.remove(i);
        }
    }
    words.join(" ")
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1)?.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

fn main() -> anyhow::Result<()> {
    let mut n = 100_000usize;
    let mut models: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--models" => models = args.next().map(PathBuf::from),
            x => n = x.parse()?,
        }
    }
    let dev = common::analyze_files(&common::txt_files(std::path::Path::new("/work/shared/gold/dev")));
    let base: Vec<(Statement, String)> = dev
        .iter()
        .flat_map(|d| d.statements.iter().map(|s| (s.clone(), d.slice(s.content).to_string())))
        .collect();
    anyhow::ensure!(!base.is_empty(), "no dev statements found");
    let mut vocab: Vec<String> = base
        .iter()
        .flat_map(|(_, c)| c.split_whitespace().map(str::to_string))
        .filter(|w| w.len() > 3 && w.chars().all(char::is_lowercase))
        .collect();
    vocab.sort();
    vocab.dedup();
    eprintln!(
        "{} real statements as seeds, {} words; building {n} variants",
        base.len(),
        vocab.len()
    );
    let mut rng = Rng(7);
    let mut docs: Vec<Doc> = Vec::new();
    let mut made = 0;
    while made < n {
        let k = 10.min(n - made);
        let mut text = String::new();
        let mut stmts = Vec::new();
        for _ in 0..k {
            let (st, content) = &base[rng.below(base.len())];
            // a fifth are restatements of the seed; the rest vary it into
            // paraphrases and new claims
            let c = if rng.below(5) == 0 {
                content.clone()
            } else {
                vary(&mut rng, content, &vocab)
            };
            let start = text.len();
            text.push_str(&c);
            let mut s = st.clone();
            s.content = Span::new(start, text.len());
            s.via = None;
            s.speaker_mention = None;
            s.cue = None;
            s.about = c
                .split_whitespace()
                .skip(1)
                .map(|w| w.trim_matches(|ch: char| !ch.is_alphanumeric()).to_string())
                .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
                .collect();
            stmts.push(s);
            text.push_str(".\n");
        }
        let mut d = Doc::new(
            Meta {
                id: format!("bench-{}", docs.len()),
                ..Default::default()
            },
            text,
        );
        d.statements = stmts;
        made += k;
        docs.push(d);
    }
    let rss0 = peak_rss_mb();
    let mut linker = Linker::new(LinkerConfig {
        embeddings_dir: models,
        ..Default::default()
    })?;
    let mut actors = ActorResolver::new();
    let t = Instant::now();
    let mut lap = Instant::now();
    let mut done = 0usize;
    for (i, d) in docs.iter_mut().enumerate() {
        linker.link(d);
        done += d.statements.len();
        if (i + 1) % 2000 == 0 {
            eprintln!(
                "{done} statements, {} claims, last 20k at {:.0}/s",
                linker.len(),
                20_000.0 / lap.elapsed().as_secs_f64()
            );
            lap = Instant::now();
        }
    }
    let secs = t.elapsed().as_secs_f64();
    let t2 = Instant::now();
    for d in &docs {
        actors.resolve(d);
    }
    let asecs = t2.elapsed().as_secs_f64();
    println!(
        "link: {done} statements in {secs:.2}s = {:.0} statements/s; {} claims; embeddings {} ({} embedded)",
        done as f64 / secs,
        linker.len(),
        if linker.uses_embeddings() { "on" } else { "off" },
        linker.embedded_count()
    );
    println!(
        "actors: {} documents in {asecs:.2}s; {} actors",
        docs.len(),
        actors.records().len()
    );
    let cpu = std::fs::read_to_string("/proc/self/stat").ok().and_then(|s| {
        let f: Vec<&str> = s.rsplit_once(')')?.1.split_whitespace().collect();
        Some((f.get(11)?.parse::<f64>().ok()? + f.get(12)?.parse::<f64>().ok()?) / 100.0)
    });
    if let Some(cpu) = cpu {
        println!("process CPU time {cpu:.1}s (all stages, incl. building the input)");
    }
    println!("peak RSS {:.0} MB (before linking {:.0} MB)", peak_rss_mb(), rss0);
    Ok(())
}
