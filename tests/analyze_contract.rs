//! End to end: `claimgraph analyze --json` over the real dev articles and
//! the shipped examples gives contract-valid output whose offsets slice out
//! exactly the stated text (shared/docs/output-contract.md).

mod common;

use common::*;
use serde_json::Value;

const KINDS: &[&str] = &["direct", "indirect", "mixed"];
const STANCES: &[&str] = &["assert", "deny", "speculate", "question"];
const SPEAKER_TYPES: &[&str] = &[
    "person",
    "organization",
    "media",
    "government",
    "country",
    "group",
    "unnamed",
];
const ENTITY_TYPES: &[&str] = &["PERSON", "ORG", "MEDIA", "GPE", "LOC", "EVENT"];

fn opt_str(v: &Value, k: &str) -> Option<String> {
    match &v[k] {
        Value::Null => None,
        Value::String(s) => Some(s.clone()),
        other => panic!("{k} must be a string or null, got {other}"),
    }
}

/// Checks one output object against the contract, with `text` the
/// document text the offsets index.
fn check_doc(d: &Value, text: &str) {
    let src = d["source"].as_str().expect("source");
    for key in ["id", "source", "language"] {
        assert!(d[key].is_string(), "{src}: {key} must be a string");
    }
    for key in ["title", "published"] {
        let _ = opt_str(d, key);
    }
    if let Some(p) = opt_str(d, "published") {
        let ok = matches!(p.len(), 4 | 7 | 10) && p.chars().all(|c| c.is_ascii_digit() || c == '-');
        assert!(ok, "{src}: published {p:?} is not YYYY[-MM[-DD]]");
    }
    let n_chars = text.chars().count() as u64;
    let statements = d["statements"].as_array().expect("statements array");
    for (i, s) in statements.iter().enumerate() {
        let (a, b) = (s["start"].as_u64().expect("start"), s["end"].as_u64().expect("end"));
        assert!(a < b && b <= n_chars, "{src} #{i}: bad offsets {a}..{b}");
        assert_eq!(
            char_slice(text, a, b),
            s["content"].as_str().unwrap(),
            "{src} #{i}: content != text[start..end]"
        );
        assert!(KINDS.contains(&s["kind"].as_str().unwrap()), "{src} #{i}: kind");
        assert!(STANCES.contains(&s["stance"].as_str().unwrap()), "{src} #{i}: stance");
        assert!(
            SPEAKER_TYPES.contains(&s["speaker_type"].as_str().unwrap()),
            "{src} #{i}: speaker_type"
        );
        assert!(
            !s["speaker"].as_str().unwrap().trim().is_empty(),
            "{src} #{i}: empty speaker"
        );
        if let Some(m) = opt_str(s, "speaker_mention") {
            let (ms, me) = (s["speaker_start"].as_u64().unwrap(), s["speaker_end"].as_u64().unwrap());
            assert_eq!(
                char_slice(text, ms, me),
                m,
                "{src} #{i}: speaker_mention != text[speaker_start..speaker_end]"
            );
        } else {
            assert!(
                s["speaker_start"].is_null() && s["speaker_end"].is_null(),
                "{src} #{i}: offsets without mention"
            );
        }
        if let Some(c) = opt_str(s, "cue") {
            if let (Some(cs), Some(ce)) = (s["cue_start"].as_u64(), s["cue_end"].as_u64()) {
                assert_eq!(
                    char_slice(text, cs, ce),
                    c,
                    "{src} #{i}: cue != text[cue_start..cue_end]"
                );
            }
        }
        assert!(
            s["hedges"].is_array() && s["about"].is_array(),
            "{src} #{i}: hedges/about arrays"
        );
        if let Some(v) = s["via"].as_u64() {
            assert!(
                (v as usize) < statements.len() && v as usize != i,
                "{src} #{i}: via points nowhere"
            );
        } else {
            assert!(s["via"].is_null());
        }
        let _ = opt_str(s, "claim");
    }
    for e in d["entities"].as_array().expect("entities array") {
        assert!(
            ENTITY_TYPES.contains(&e["type"].as_str().unwrap()),
            "{src}: entity type"
        );
        for m in e["mentions"].as_array().unwrap() {
            let (a, b) = (m[0].as_u64().unwrap(), m[1].as_u64().unwrap());
            assert!(a < b && b <= n_chars, "{src}: entity mention offsets");
        }
    }
    assert!(d["events"].is_array(), "{src}: events array");
}

#[test]
fn dev_set_output_is_contract_valid() {
    let Some(dev) = gold_dev_or_skip("dev_set_output_is_contract_valid") else {
        return;
    };
    let files = txt_files(&dev);
    assert_eq!(files.len(), 20, "the dev set has 20 articles");
    let args: Vec<&str> = ["analyze", "--json"]
        .into_iter()
        .chain(files.iter().map(|p| p.to_str().unwrap()))
        .collect();
    let out = claimgraph(&args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "analyze failed: {stderr}");
    assert!(
        stderr.contains("20 documents, 0 failed"),
        "summary line missing: {stderr}"
    );
    let docs = json_lines(&out.stdout);
    assert_eq!(docs.len(), 20);
    let mut n_statements = 0;
    for (d, f) in docs.iter().zip(&files) {
        assert_eq!(
            d["source"].as_str().unwrap(),
            f.to_str().unwrap(),
            "output is in input order"
        );
        let text = std::fs::read_to_string(f).unwrap();
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
        check_doc(d, text);
        n_statements += d["statements"].as_array().unwrap().len();
    }
    assert!(n_statements >= 60, "only {n_statements} statements on the dev set");
}

#[test]
fn with_text_offsets_index_the_extracted_text() {
    let examples = repo_path("examples");
    let out = claimgraph(&["analyze", "--json", "--with-text", examples.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "analyze examples/ failed: {stderr}");
    let docs = json_lines(&out.stdout);
    assert!(
        docs.len() >= 6,
        "examples/ holds text, HTML, RSS, Atom, WARC and JSONL articles: got {}",
        docs.len()
    );
    let with_statements = docs
        .iter()
        .filter(|d| !d["statements"].as_array().unwrap().is_empty())
        .count();
    assert!(
        with_statements * 2 >= docs.len(),
        "most example articles have attributed statements"
    );
    for d in &docs {
        check_doc(d, d["text"].as_str().expect("--with-text adds text"));
    }
}

#[test]
fn readable_view_names_speaker_stance_and_statement() {
    let Some(dev) = gold_dev_or_skip("readable_view_names_speaker_stance_and_statement") else {
        return;
    };
    let out = claimgraph(&[
        "analyze",
        "--color",
        "never",
        dev.join("seed-001.txt").to_str().unwrap(),
    ]);
    assert!(out.status.success());
    let view = String::from_utf8_lossy(&out.stdout);
    let line = view
        .lines()
        .find(|l| l.contains("Hikmet Hajiyev") && l.contains("deny"));
    assert!(line.is_some(), "the readable view shows Hajiyev's denial:\n{view}");
}
