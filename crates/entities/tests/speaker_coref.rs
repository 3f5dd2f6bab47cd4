//! Speaker-relevant coreference on the gold articles seed-000 and seed-001:
//! every pronoun or description that the gold marks as a statement's
//! speaker_mention must resolve, through `Doc::entity_at`, to an entity
//! whose name matches the gold speaker. Skipped when /work/shared is absent.

use claimgraph_doc::{Doc, Span};
use std::path::Path;

const GOLD: &str = "/work/shared/gold/dev";

fn load(name: &str) -> Option<(Doc, serde_json::Value)> {
    let dir = Path::new(GOLD);
    if !dir.exists() {
        eprintln!("skipped: {GOLD} is absent");
        return None;
    }
    let txt = dir.join(format!("{name}.txt"));
    let gold: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join(format!("{name}.json"))).ok()?).ok()?;
    let mut raws = Vec::new();
    claimgraph_ingest::read_input(
        &claimgraph_ingest::Input::File(txt),
        &claimgraph_ingest::Options::default(),
        &mut |r| raws.extend(r.ok()),
    );
    let raw = raws.pop()?;
    let mut doc = Doc::new(raw.meta, raw.text);
    claimgraph_nlp::segment(&mut doc, raw.header);
    claimgraph_entities::annotate(&mut doc);
    Some((doc, gold))
}

fn byte_of(text: &str, ch: usize) -> usize {
    text.char_indices().nth(ch).map(|(b, _)| b).unwrap_or(text.len())
}

fn norm(s: &str) -> Vec<String> {
    s.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(String::from)
        .collect()
}

/// Same person or outlet: equal names, or the same last word with one name's words inside the other's.
fn same_name(a: &str, b: &str) -> bool {
    let (x, y) = (norm(a), norm(b));
    x == y
        || (!x.is_empty()
            && !y.is_empty()
            && x.last() == y.last()
            && (x.iter().all(|w| y.contains(w)) || y.iter().all(|w| x.contains(w))))
}

const PRONOUNS: &[&str] = &["he", "she", "it", "him", "his", "her", "its", "they", "them", "their"];

fn is_pronoun_or_description(m: &str) -> bool {
    let first = m.split_whitespace().next().unwrap_or("").to_lowercase();
    PRONOUNS.contains(&first.as_str()) || first == "the"
}

fn check(name: &str) -> (usize, Vec<String>) {
    check_with(name, true)
}

/// `only_refs`: only pronouns and descriptions; else every named or referring speaker mention.
fn check_with(name: &str, only_refs: bool) -> (usize, Vec<String>) {
    let Some((doc, gold)) = load(name) else {
        return (0, vec![]);
    };
    let mut checked = 0;
    let mut failures = Vec::new();
    for st in gold["statements"].as_array().into_iter().flatten() {
        let (Some(m), Some(s), Some(e)) = (
            st["speaker_mention"].as_str(),
            st["speaker_start"].as_u64(),
            st["speaker_end"].as_u64(),
        ) else {
            continue;
        };
        let named_source = gold["entities"].as_array().into_iter().flatten().any(|e| {
            e["name"]
                .as_str()
                .is_some_and(|n| same_name(n, st["speaker"].as_str().unwrap_or("")))
        });
        if (only_refs && !is_pronoun_or_description(m))
            || matches!(st["speaker_type"].as_str(), Some("unnamed" | "group"))
            || (!only_refs && !named_source)
        {
            continue;
        }
        let speaker = st["speaker"].as_str().unwrap_or("");
        let span = Span::new(byte_of(doc.text(), s as usize), byte_of(doc.text(), e as usize));
        checked += 1;
        match doc.entity_at(span) {
            Some(i) if same_name(&doc.entities[i].name, speaker) => {}
            got => failures.push(format!(
                "{name}: {m:?} at {s} → {:?}, gold {speaker:?}",
                got.map(|i| doc.entities[i].name.clone())
            )),
        }
    }
    (checked, failures)
}

#[test]
fn pronoun_and_description_speakers_resolve() {
    let mut total = 0;
    let mut all = Vec::new();
    for name in ["seed-000", "seed-001"] {
        let (n, f) = check(name);
        total += n;
        all.extend(f);
    }
    eprintln!(
        "{} of {total} speaker pronouns/descriptions resolved",
        total - all.len()
    );
    assert!(all.is_empty(), "unresolved:\n{}", all.join("\n"));
}

/// Every gold speaker mention of a named source (a speaker in the gold
/// entity list; any article of the dev set) should lead to an entity of that name; reports the rate and
/// requires at least 80%.
#[test]
fn named_speaker_mentions_resolve_on_the_dev_set() {
    let dir = Path::new(GOLD);
    if !dir.exists() {
        eprintln!("skipped: {GOLD} is absent");
        return;
    }
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    names.sort();
    let (mut total, mut failures) = (0, Vec::new());
    for n in &names {
        let (t, f) = check_with(n, false);
        total += t;
        failures.extend(f);
    }
    let ok = total - failures.len();
    eprintln!(
        "{ok} of {total} named-source speaker mentions resolve to the gold speaker\n{}",
        failures.join("\n")
    );
    assert!(ok * 10 >= total * 8, "{ok} of {total}");
}
