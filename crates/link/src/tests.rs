//! Linking tests on small hand-made documents.

use claimgraph_doc::{Doc, Meta, Span, SpeakerType, Stance, Statement, StatementKind};

use crate::{ClaimRecord, Linker, LinkerConfig};

/// A document of "SPEAKER said CONTENT." lines; `via` nests a statement in
/// an earlier one whose content holds it.
fn doc(id: &str, title: Option<&str>, stmts: &[(&str, &str, Stance)]) -> Doc {
    let mut text = String::new();
    let mut spans = Vec::new();
    for (speaker, content, _) in stmts {
        text.push_str(speaker);
        text.push_str(" said ");
        let start = text.len();
        text.push_str(content);
        spans.push(Span::new(start, text.len()));
        text.push_str(".\n");
    }
    let meta = Meta {
        id: id.into(),
        title: title.map(Into::into),
        ..Default::default()
    };
    let mut d = Doc::new(meta, text);
    for ((speaker, content, stance), span) in stmts.iter().zip(spans) {
        d.statements.push(Statement {
            content: span,
            kind: StatementKind::Indirect,
            speaker: speaker.to_string(),
            speaker_type: SpeakerType::Person,
            speaker_mention: None,
            cue: None,
            stance: *stance,
            hedges: vec![],
            about: names(content),
            via: None,
            relayed_by: None,
            claim: None,
        });
    }
    d
}

/// Capitalised words after the first (what the extractor's `about` gives).
fn names(content: &str) -> Vec<String> {
    content
        .split_whitespace()
        .skip(1)
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .map(str::to_string)
        .collect()
}

fn claims(d: &Doc) -> Vec<String> {
    d.statements.iter().map(|s| s.claim.clone().unwrap()).collect()
}

fn lexical() -> Linker {
    Linker::new(LinkerConfig::default()).unwrap()
}

fn corpus() -> Vec<Doc> {
    use Stance::*;
    vec![
        doc(
            "a",
            Some("Officials say Russian hackers broke into election systems"),
            &[
                ("US officials", "Russian military hackers broke into the computer systems of state election boards", Assert),
                ("the central bank", "it will raise interest rates by half a point next month", Assert),
                ("the Kremlin", "the allegations", Deny),
            ],
        ),
        doc(
            "b",
            None,
            &[
                ("Dmitry Peskov", "Russia has never hacked the computer systems of American election boards", Deny),
                ("the coach", "the striker will miss the final because of a knee injury", Assert),
                ("analysts", "the bank may raise interest rates next month to curb inflation", Speculate),
            ],
        ),
        doc(
            "c",
            None,
            &[
                ("a researcher", "hackers from Russia's military intelligence broke into election board computer systems in several states", Speculate),
                ("the ministry", "the summit on grain exports will take place in Istanbul in June", Assert),
            ],
        ),
    ]
}

#[test]
fn denial_and_paraphrase_join_their_assertion_without_embeddings() {
    let mut l = lexical();
    assert!(!l.uses_embeddings());
    let mut docs = corpus();
    for d in &mut docs {
        l.link(d);
    }
    let (a, b, c) = (claims(&docs[0]), claims(&docs[1]), claims(&docs[2]));
    // the hacking claim: asserted, denied ("the allegations" and in other words), speculated
    assert_eq!(a[2], a[0], "'the allegations' takes its antecedent's claim");
    assert_eq!(b[0], a[0], "a denial joins the assertion");
    assert_eq!(c[0], a[0], "a paraphrase in another article joins");
    // interest rates: same claim across documents
    assert_eq!(b[2], a[1]);
    // unrelated claims stay apart
    let distinct = [&a[0], &a[1], &b[1], &c[1]];
    for i in 0..distinct.len() {
        for j in i + 1..distinct.len() {
            assert_ne!(distinct[i], distinct[j]);
        }
    }
    assert_eq!(l.len(), 4);
}

#[test]
fn linking_is_deterministic() {
    let run = || {
        let mut l = lexical();
        let mut docs = corpus();
        let changed: Vec<Vec<String>> = docs.iter_mut().map(|d| l.link(d)).collect();
        (docs.iter().map(claims).collect::<Vec<_>>(), changed, l.records())
    };
    assert_eq!(run(), run());
}

#[test]
fn restore_round_trip_equals_linking_at_once() {
    let mut at_once = lexical();
    let mut all = corpus();
    for d in &mut all {
        at_once.link(d);
    }
    let mut first = lexical();
    let mut docs = corpus();
    first.link(&mut docs[0]);
    let records: Vec<ClaimRecord> = first.records();
    // through JSON, as a store would keep them
    let records: Vec<ClaimRecord> = serde_json::from_str(&serde_json::to_string(&records).unwrap()).unwrap();
    let mut resumed = Linker::restore(LinkerConfig::default(), records).unwrap();
    for d in &mut docs[1..] {
        resumed.link(d);
    }
    assert_eq!(
        docs.iter().map(claims).collect::<Vec<_>>(),
        all.iter().map(claims).collect::<Vec<_>>()
    );
    assert_eq!(resumed.records(), at_once.records());
}

#[test]
fn changed_ids_and_canonical_text() {
    let mut l = lexical();
    let mut docs = corpus();
    let first = l.link(&mut docs[0]);
    assert_eq!(first, ["c000001", "c000002"]);
    let second = l.link(&mut docs[1]);
    assert_eq!(second, ["c000001", "c000003", "c000002"]);
    let recs = l.records();
    assert_eq!(recs[0].members, 3);
    assert!(recs[0].text.contains("hack"), "{}", recs[0].text);
    assert!(!recs[0].text.is_empty() && recs.iter().all(|r| r.text.chars().count() <= 161));
}

#[test]
fn a_denial_pointing_back_joins_what_it_answers() {
    use Stance::*;
    let mut l = lexical();
    // The denials' own words (an attempt to poison relations) judge the
    // charge; they are no claim of their own.
    let mut d = doc(
        "x",
        None,
        &[
            (
                "prosecutors",
                "six Russian military intelligence officers hacked the power grid of Ukraine",
                Assert,
            ),
            (
                "the Kremlin",
                "US charges as a crude attempt to poison relations before the Geneva summit",
                Deny,
            ),
            (
                "the embassy",
                "it is obvious that such conclusions are meant to poison relations before the summit",
                Deny,
            ),
        ],
    );
    l.link(&mut d);
    let c = claims(&d);
    assert_eq!(c[0], c[1]);
    assert_eq!(c[0], c[2]);
    // with nothing before it, such a denial is linked by its own words
    let mut e = doc(
        "y",
        None,
        &[(
            "the Kremlin",
            "US charges that Russian officers hacked the power grid of Ukraine",
            Deny,
        )],
    );
    l.link(&mut e);
    assert_eq!(claims(&e)[0], c[0]);
}

#[test]
fn one_shared_word_and_no_shared_actor_is_no_link() {
    use Stance::*;
    let mut l = lexical();
    let mut a = doc(
        "a",
        None,
        &[(
            "the judge",
            "their easement rights will not be taken away by private actors",
            Assert,
        )],
    );
    let mut b = doc("b", None, &[("the preacher", "will ye also go away", Assert)]);
    let mut c = doc(
        "c",
        None,
        &[("the lawyer", "easement rights can be taken away by the state", Assert)],
    );
    for d in [&mut a, &mut b, &mut c] {
        l.link(d);
    }
    assert_ne!(claims(&a), claims(&b));
    // two shared words, one of them rare in general English ("easement"
    // against "rights", "taken", "away")
    assert_eq!(claims(&a), claims(&c));
}

#[test]
fn anaphor_without_antecedent_uses_the_headline() {
    use Stance::*;
    let mut l = lexical();
    let mut d1 = doc(
        "x",
        Some("Kremlin denies Russian hackers targeted election boards"),
        &[("the Kremlin", "the claims", Deny)],
    );
    let mut d2 = doc(
        "y",
        None,
        &[(
            "officials",
            "Russian hackers targeted the election boards of two states",
            Assert,
        )],
    );
    l.link(&mut d1);
    l.link(&mut d2);
    assert_eq!(claims(&d1), claims(&d2));
}

#[test]
fn contextual_embeddings_join_a_paraphrase_with_few_shared_words() {
    paraphrase_joins(crate::embed::EmbeddingKind::Contextual);
}

fn paraphrase_joins(kind: crate::embed::EmbeddingKind) {
    let dir = std::env::var_os("CLAIMGRAPH_MINILM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/minilm"));
    if !cfg!(feature = "embeddings") {
        eprintln!("skipped: built without the `embeddings` feature");
        return;
    }
    if !crate::embed::present(&dir, kind) {
        eprintln!(
            "skipped: no {kind:?} embedding files in {} (run scripts/install-models.sh)",
            dir.display()
        );
        return;
    }
    let mut l = Linker::new(LinkerConfig {
        embeddings_dir: Some(dir),
        embedding_kind: kind,
        ..Default::default()
    })
    .unwrap();
    assert!(l.uses_embeddings());
    use Stance::*;
    let mut d1 = doc(
        "e1",
        None,
        &[(
            "officials",
            "Azerbaijan denied that Israeli jets used its airspace",
            Deny,
        )],
    );
    let mut d2 = doc(
        "e2",
        None,
        &[("Baku", "Israeli warplanes never flew over Azerbaijani territory", Deny)],
    );
    let mut d3 = doc(
        "e3",
        None,
        &[(
            "the club",
            "the Azerbaijan football team won the match against Israel",
            Assert,
        )],
    );
    for d in [&mut d1, &mut d2, &mut d3] {
        l.link(d);
    }
    assert_eq!(claims(&d1), claims(&d2));
    assert_ne!(claims(&d1), claims(&d3));
    assert!(l.embedded_count() > 0);
}

#[test]
fn linker_and_resolver_can_move_between_threads() {
    fn send<T: Send>() {}
    send::<Linker>();
    send::<crate::ActorResolver>();
}

/// Static vectors rank a paraphrase (few shared words) above a text that
/// shares its entities but not its meaning.
#[test]
fn static_embeddings_rank_a_paraphrase_above_a_topic_match() {
    let dir = std::env::var_os("CLAIMGRAPH_MINILM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/minilm"));
    if !cfg!(feature = "embeddings") || !crate::embed::static_present(&dir) {
        eprintln!(
            "skipped: no static embedding table in {} (run scripts/install-models.sh)",
            dir.display()
        );
        return;
    }
    let mut e = crate::embed::Embedder::load(&dir, crate::embed::EmbeddingKind::Static).unwrap();
    let v = e
        .embed(&[
            "Azerbaijan denied that Israeli jets used its airspace",
            "Israeli warplanes never flew over Azerbaijani territory",
            "the Azerbaijan football team won the match against Israel",
        ])
        .unwrap();
    let (para, topic) = (crate::embed::dot(&v[0], &v[1]), crate::embed::dot(&v[0], &v[2]));
    eprintln!("paraphrase {para:.3}, topic match {topic:.3}");
    // Measured: 0.431 vs 0.383 (the transformer separates them further,
    // which is why only it is asked to join the pair outright below).
    assert!(para > topic, "paraphrase {para:.3}, topic match {topic:.3}");
    for x in &v {
        let n: f32 = x.iter().map(|a| a * a).sum();
        assert!((n - 1.0).abs() < 1e-4);
    }
}

/// The in-house WordPiece gives exactly the ids of the `tokenizers` crate
/// (the reference: Hugging Face's implementation of the same file) on the
/// example articles, the dev articles when `../shared` is there, every
/// hostile input under `tests/hostile`, and text made to hit each rule.
#[test]
#[cfg(feature = "embeddings")]
fn wordpiece_equals_tokenizers() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let dir = std::env::var_os("CLAIMGRAPH_MINILM")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| root.join("models/minilm"));
    let file = dir.join("tokenizer.json");
    if !file.is_file() {
        eprintln!("skipped: no {} (run scripts/install-models.sh)", file.display());
        return;
    }
    let ours = crate::wordpiece::WordPiece::from_file(&file).unwrap();
    let mut theirs = tokenizers::Tokenizer::from_file(&file).unwrap();
    theirs.with_padding(None);
    let mut texts: Vec<String> = [
        "Hikmet Hajiyev called the claims “absolutely unfounded and a product of fantasy.”",
        "CAFÉ naïve façade Ångström Øresund İstanbul ǅemal ﬁnance ＡＢＣ ½ ²",
        "Москва заявила, что... Tehran’s «claims» — denied; 北京表示反对。東京タワー 한국어",
        "zero\u{200b}width\u{200d}joiner \u{feff}bom \u{202e}rtl\u{202c} \u{e000}private \u{0}nul \u{fffd}repl",
        "tabs\tnew\nlines\r\n\u{0b}\u{0c}\u{1c}\u{85}nel\u{a0}nbsp\u{2028}ls\u{3000}ideo",
        "[CLS] a[MASK]b [SEP][PAD][UNK] [mask] [ CLS ] [[SEP]]",
        "e\u{301}te\u{301} a\u{308}\u{323} q\u{0903}\u{0301} x\u{20dd} 🇦🇿 👍🏽 family 👨\u{200d}👩\u{200d}👧",
        "supercalifragilisticexpialidocious-antidisestablishmentarianism https://example.org/a?b=c&d=e #tag @user $5,000.00 3.5% 1990s",
        "ααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααααα",
        "",
        "   ",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    texts.push("a ".repeat(300));
    texts.push("x".repeat(101));
    texts.push("x".repeat(100));
    let mut files: Vec<std::path::PathBuf> = Vec::new();
    for sub in ["examples/text", "tests/hostile", "../shared/gold/dev"] {
        if let Ok(rd) = std::fs::read_dir(root.join(sub)) {
            files.extend(rd.flatten().map(|e| e.path()));
        }
    }
    files.sort();
    // A larger corpus for a one-off check: CLAIMGRAPH_WORDPIECE_CORPUS=FILE.
    files.extend(std::env::var_os("CLAIMGRAPH_WORDPIECE_CORPUS").map(std::path::PathBuf::from));
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else { continue };
        if bytes.len() > 2_000_000 && std::env::var_os("CLAIMGRAPH_WORDPIECE_CORPUS").is_none() {
            continue;
        }
        let text = String::from_utf8_lossy(&bytes);
        // Lines and sentence-sized pieces, as statements are.
        texts.extend(
            text.lines()
                .filter(|l| !l.trim().is_empty())
                .map(|l| l.chars().take(2000).collect()),
        );
    }
    let mut ids = Vec::new();
    let mut checked = 0;
    for t in &texts {
        ours.encode(t, &mut ids);
        let want = theirs.encode(t.as_str(), false).unwrap();
        assert_eq!(ids, want.get_ids(), "text: {t:?}");
        checked += 1;
    }
    eprintln!("{checked} texts tokenized identically");
    assert!(checked > 50);
}

/// "X denies it was a spy balloon; X says it was a civilian airship": the
/// side that denies a claim asserts a counter-claim, not the claim. Its
/// assertions elsewhere join the counter-claim, and records keep it.
#[test]
fn a_deniers_own_version_is_a_counter_claim() {
    use Stance::*;
    let corpus = || {
        vec![
            doc(
                "d",
                None,
                &[
                    (
                        "US officials",
                        "the Chinese balloon over Montana was a spy balloon gathering intelligence",
                        Assert,
                    ),
                    ("China", "the Chinese balloon over Montana was a spy balloon", Deny),
                    (
                        "Beijing",
                        "the Chinese balloon over Montana was a civilian airship blown off course",
                        Assert,
                    ),
                ],
            ),
            doc(
                "e",
                None,
                &[(
                    "the Chinese foreign ministry",
                    "the Chinese balloon was a civilian research airship blown off course by winds",
                    Assert,
                )],
            ),
        ]
    };
    let mut l = lexical();
    let mut docs = corpus();
    l.link(&mut docs[0]);
    let records = l.records();
    l.link(&mut docs[1]);
    let (d, e) = (claims(&docs[0]), claims(&docs[1]));
    assert_eq!(d[0], d[1], "the denial joins the claim denied");
    assert_ne!(d[2], d[0], "the denier's own version is another claim");
    assert_eq!(e[0], d[2], "its version in another article joins the counter-claim");
    let state = |id: &str| {
        let r = l.records().into_iter().find(|r| r.id == id).unwrap();
        String::from_utf8(r.state).unwrap()
    };
    assert!(state(&d[2]).contains("counter_of"), "{}", state(&d[2]));
    let counter = l.records().into_iter().find(|r| r.id == d[2]).unwrap().counter_of;
    assert_eq!(counter, Some((d[0].clone(), "china".to_string())));
    assert!(state(&d[0]).contains("\"deny_sides\":[\"china\"]"), "{}", state(&d[0]));
    // resumed from the first document's records, the same decisions
    let mut resumed = Linker::restore(LinkerConfig::default(), records).unwrap();
    let mut again = corpus();
    resumed.link(&mut again[1]);
    assert_eq!(claims(&again[1]), e);
    assert_eq!(resumed.records(), l.records());
}
