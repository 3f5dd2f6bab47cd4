//! Whole-document tests: segmentation of real articles, UD agreement,
//! invariants on random strings, speed.

use std::path::{Path, PathBuf};

use claimgraph_doc::{Doc, ExcludedKind, Meta, Span};

use crate::{segment, tokenize};

fn gold_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/dev")
}

fn ud_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data")
}

fn doc(text: &str) -> Doc {
    Doc::new(Meta::default(), text.to_string())
}

/// The header a reader finds (the shapes of the dev files, as
/// `claimgraph_ingest` detects them): a bare year alone on the first line,
/// or a leading " date YYYY-MM-DD ".
fn find_header(text: &str) -> Option<std::ops::Range<usize>> {
    let first = text.split('\n').next().unwrap_or("");
    if first.len() == 4 && first.bytes().all(|b| b.is_ascii_digit()) {
        return Some(0..4);
    }
    let rest = text.strip_prefix(" date ")?;
    let d = rest.get(..10)?;
    if d.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    }) {
        Some(0..6 + 10 + usize::from(rest[10..].starts_with(' ')))
    } else {
        None
    }
}

fn segmented(text: &str) -> Doc {
    let mut d = doc(text);
    segment(&mut d, find_header(text));
    d
}

fn excluded_texts(d: &Doc, kind: ExcludedKind) -> Vec<&str> {
    d.excluded
        .iter()
        .filter(|(_, k)| *k == kind)
        .map(|&(s, _)| d.slice(s))
        .collect()
}

/// Checks the invariants every segmentation must keep.
fn check_invariants(d: &Doc) {
    let text = d.text();
    let ok = |s: Span| {
        s.start <= s.end
            && (s.end as usize) <= text.len()
            && text.is_char_boundary(s.start as usize)
            && text.is_char_boundary(s.end as usize)
    };
    for w in d.paragraphs.windows(2) {
        assert!(w[0].end <= w[1].start);
    }
    for &p in &d.paragraphs {
        assert!(ok(p) && !p.is_empty());
    }
    for &(e, _) in &d.excluded {
        assert!(ok(e));
    }
    let mut last_end = 0;
    let mut next_tok = 0;
    for s in &d.sentences {
        assert!(ok(s.span) && s.span.start >= last_end, "sentence order");
        assert_eq!(s.tokens.start, next_tok, "sentences cover the tokens in order");
        assert!(s.tokens.end > s.tokens.start);
        next_tok = s.tokens.end;
        last_end = s.span.end;
        let p = d.paragraphs[s.paragraph as usize];
        assert!(p.contains(s.span), "sentence inside its paragraph");
        let toks = d.sentence_tokens(s);
        assert_eq!(toks[0].span.start, s.span.start);
        assert_eq!(toks[toks.len() - 1].span.end, s.span.end);
    }
    assert_eq!(next_tok as usize, d.tokens.len());
    let mut prev = 0;
    for t in &d.tokens {
        assert!(
            ok(t.span) && !t.span.is_empty() && t.span.start >= prev,
            "tokens increase"
        );
        prev = t.span.end;
    }
    for &(h, k) in &d.excluded {
        if k == ExcludedKind::Header {
            assert!(d.tokens.iter().all(|t| !t.span.overlaps(h)), "no tokens in the header");
        }
    }
}

#[test]
fn seed_001_paragraphs_sentences_exclusions() {
    let path = gold_dir().join("seed-001.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} absent, test skipped", path.display());
        return;
    };
    let d = segmented(&text);
    check_invariants(&d);
    for s in &d.sentences {
        eprintln!("[{}] {}", s.paragraph, d.slice(s.span));
    }
    eprintln!(
        "{:?}",
        d.excluded.iter().map(|&(s, k)| (k, d.slice(s))).collect::<Vec<_>>()
    );
    assert_eq!(excluded_texts(&d, ExcludedKind::Header), [" date 2025-06-19 "]);
    assert_eq!(
        excluded_texts(&d, ExcludedKind::Headline),
        [
            "Azerbaijan accused of aiding Israeli intelligence",
            "Accusations of espionage and collaboration",
            "Azerbaijan denies allegations",
            "Afgan Mukhtarli: “Allegations may be true — I don’t see anything unusual here”",
            "Closed information environment and speculation",
            "Historical and geopolitical context",
        ]
    );
    assert_eq!(
        excluded_texts(&d, ExcludedKind::Caption),
        ["Hikmet Hajiyev | photo: Trend", "Afgan Mukhtarli | photo: RFE/RL"]
    );
    assert!(excluded_texts(&d, ExcludedKind::Dateline).is_empty());
    assert_eq!(d.paragraphs.len(), 26);
    assert_eq!(d.sentences.len(), 49);
    assert!(d.tokens.iter().all(|t| t.span.start >= 17));
}

#[test]
fn seed_000_paragraphs_sentences_exclusions() {
    let path = gold_dir().join("seed-000.txt");
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} absent, test skipped", path.display());
        return;
    };
    let d = segmented(&text);
    check_invariants(&d);
    for s in &d.sentences {
        eprintln!("[{}] {}", s.paragraph, d.slice(s.span));
    }
    // The reader takes the bare year "2025" for a header.
    assert_eq!(excluded_texts(&d, ExcludedKind::Header), ["2025"]);
    assert_eq!(d.excluded.len(), 1);
    assert_eq!(d.paragraphs.len(), 11);
    assert_eq!(d.sentences.len(), 24);
    assert_eq!(d.sentences.iter().filter(|s| s.paragraph == 4).count(), 3);
    // Without a header the year line is a headline.
    let mut d2 = doc(&text);
    segment(&mut d2, None);
    check_invariants(&d2);
    assert_eq!(d2.paragraphs.len(), 12);
    assert_eq!(excluded_texts(&d2, ExcludedKind::Headline), ["2025"]);
    assert_eq!(d2.sentences.len(), 25);
    // The Cyrillic "а" of "аn Iranian expert" stays inside its token.
    assert!(d.tokens.iter().any(|t| d.slice(t.span) == "\u{0430}n"));
    assert!(d.tokens.iter().any(|t| d.slice(t.span) == "multi-sectoral"));
    assert!(d.tokens.iter().any(|t| d.slice(t.span) == "Shabake-ye"));
    // The closing quote belongs to the sentence it closes.
    assert!(d
        .sentences
        .iter()
        .any(|s| d.slice(s.span).ends_with("airstrikes against Iran.\"")));
    assert!(d
        .sentences
        .iter()
        .any(|s| d.slice(s.span).ends_with("the newspaper notes.")));
}

#[test]
fn dev_articles_exclusions() {
    let dir = gold_dir();
    if !dir.is_dir() {
        eprintln!("note: {} absent, test skipped", dir.display());
        return;
    }
    let read = |n: &str| std::fs::read_to_string(dir.join(n)).ok();
    if let Some(t) = read("03-kremlin-rejects-uk-election-meddling.txt") {
        let d = segmented(&t);
        check_invariants(&d);
        assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["MOSCOW (AP) —"]);
        assert!(excluded_texts(&d, ExcludedKind::Headline).is_empty());
        assert_eq!(d.slice(d.sentences[0].span), "MOSCOW (AP) —");
        assert!(d.slice(d.sentences[1].span).starts_with("The Kremlin is"));
    }
    if let Some(t) = read("14-un-report-north-korea-evading-sanctions-nbc.txt") {
        let d = segmented(&t);
        assert_eq!(
            excluded_texts(&d, ExcludedKind::Byline),
            ["Dan De Luce and Andrea Mitchell"]
        );
        assert_eq!(excluded_texts(&d, ExcludedKind::Caption), ["KCNA | Reuters"]);
        assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["WASHINGTON —"]);
        assert_eq!(
            excluded_texts(&d, ExcludedKind::Headline)[0],
            "U.N. report: North Korea evading sanctions by buying oil, selling coal, hacking banks"
        );
    }
    if let Some(t) = read("10-russian-embassy-denies-us-hacking-allegations.txt") {
        let d = segmented(&t);
        assert_eq!(excluded_texts(&d, ExcludedKind::Byline), ["Agency Reporter"]);
    }
    if let Some(t) = read("18-olsson-edwards-record-athens-dailymail.txt") {
        let d = segmented(&t);
        assert_eq!(
            excluded_texts(&d, ExcludedKind::Byline),
            ["Last updated at 08:50 23 August 2004"]
        );
        assert!(excluded_texts(&d, ExcludedKind::Headline).contains(&"Japanese make marathon simple"));
    }
    if let Some(t) = read("06-china-says-taiwan-hyping-interference.txt") {
        let d = segmented(&t);
        let c = excluded_texts(&d, ExcludedKind::Caption);
        assert!(c[0].ends_with("Photo by I-Hwa CHENG / AFP"));
    }
    if let Some(t) = read("11-idf-accuses-hamas-ceasefire-breach-upi.txt") {
        let d = segmented(&t);
        assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["Oct. 19 (UPI) —"]);
        assert!(excluded_texts(&d, ExcludedKind::Caption)[0].ends_with("Photo by Haitham Imad/EPA"));
    }
    if let Some(t) = read("17-damian-warner-coaches-pride-cp.txt") {
        let d = segmented(&t);
        assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["LONDON, Ont. -"]);
    }
    if let Some(t) = read("16-longevity-study-retraction-cbs.txt") {
        let d = segmented(&t);
        assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["WASHINGTON -"]);
        assert!(d
            .sentences
            .iter()
            .any(|s| d.slice(s.span).contains("Thomas T. Perls of Boston University")));
    }
    if let Some(t) = read("07-china-says-balloon-civilian-airship-itv.txt") {
        let d = segmented(&t);
        assert!(
            excluded_texts(&d, ExcludedKind::Headline).is_empty(),
            "a body first paragraph is no headline"
        );
    }
    for e in std::fs::read_dir(&dir).unwrap().flatten() {
        let p = e.path();
        if p.extension().is_some_and(|x| x == "txt") {
            let t = std::fs::read_to_string(&p).unwrap();
            let d = segmented(&t);
            check_invariants(&d);
        }
    }
}

/// Char-offset pairs `"<key>start": a, "<key>end": b` in a gold JSON file
/// (a small scan; the gold files are machine-written and regular).
fn gold_pairs(json: &str, key: &str) -> Vec<(usize, usize)> {
    let num = |s: &str| -> Option<usize> { s.trim_start().split(|c: char| !c.is_ascii_digit()).next()?.parse().ok() };
    let start_key = format!("\"{key}start\":");
    let end_key = format!("\"{key}end\":");
    let mut out = Vec::new();
    let mut rest = json;
    while let Some(p) = rest.find(&start_key) {
        rest = &rest[p + start_key.len()..];
        let Some(a) = num(rest) else { continue };
        let Some(q) = rest.find(&end_key) else { break };
        if let Some(b) = num(&rest[q + end_key.len()..]) {
            out.push((a, b));
        }
    }
    out
}

/// Gold statement contents and speaker mentions start and end on token
/// boundaries, and never start inside an excluded stretch.
#[test]
fn gold_spans_align_with_tokens() {
    let dir = gold_dir();
    let Ok(rd) = std::fs::read_dir(&dir) else {
        eprintln!("note: {} absent, test skipped", dir.display());
        return;
    };
    let (mut total, mut aligned, mut in_excluded) = (0usize, 0usize, 0usize);
    let mut paths: Vec<PathBuf> = rd
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    for p in paths {
        let (Ok(text), Ok(json)) = (
            std::fs::read_to_string(&p),
            std::fs::read_to_string(p.with_extension("json")),
        ) else {
            continue;
        };
        let d = segmented(&text);
        let byte_of: Vec<usize> = text
            .char_indices()
            .map(|(b, _)| b)
            .chain(std::iter::once(text.len()))
            .collect();
        let starts: std::collections::HashSet<u32> = d.tokens.iter().map(|t| t.span.start).collect();
        let ends: std::collections::HashSet<u32> = d.tokens.iter().map(|t| t.span.end).collect();
        for (a, b) in gold_pairs(&json, "").into_iter().chain(gold_pairs(&json, "speaker_")) {
            let (Some(&a), Some(&b)) = (byte_of.get(a), byte_of.get(b)) else {
                continue;
            };
            total += 1;
            if starts.contains(&(a as u32)) && ends.contains(&(b as u32)) {
                aligned += 1;
            } else {
                eprintln!("  {}: not on token boundaries: {:?}", p.display(), &text[a..b]);
            }
            if d.excluded
                .iter()
                .any(|(e, _)| e.start as usize <= a && a < e.end as usize)
            {
                in_excluded += 1;
                eprintln!("  {}: starts in an excluded stretch: {:?}", p.display(), &text[a..b]);
            }
        }
    }
    eprintln!("gold spans on token boundaries: {aligned}/{total}; starting in excluded stretches: {in_excluded}");
    assert!(aligned * 100 >= total * 98, "{aligned}/{total}");
    assert!(in_excluded * 100 <= total, "{in_excluded}/{total}");
}

#[test]
fn segment_small_documents() {
    let t = " date 2020-07-17 MOSCOW (AP) — The Kremlin is “categorically” denying it. “We deny it,” Peskov said.";
    let d = segmented(t);
    check_invariants(&d);
    let s: Vec<&str> = d.sentences.iter().map(|s| d.slice(s.span)).collect();
    assert_eq!(
        s,
        [
            "MOSCOW (AP) —",
            "The Kremlin is “categorically” denying it.",
            "“We deny it,” Peskov said."
        ]
    );
    assert_eq!(d.excluded[0], (Span::new(0, 17), ExcludedKind::Header));
    assert_eq!(d.excluded[1].1, ExcludedKind::Dateline);

    let t = "TEHRAN: Iran said on Monday it was ready.\nLine two is here. Another one.";
    let d = segmented(t);
    check_invariants(&d);
    assert_eq!(d.paragraphs.len(), 2);
    assert_eq!(d.sentences.len(), 4);
    assert_eq!(d.sentences[3].paragraph, 1);
    assert_eq!(excluded_texts(&d, ExcludedKind::Dateline), ["TEHRAN:"]);

    // Empty and whitespace-only texts.
    for t in ["", "   \n\n  ", "\u{200B}", " date 2025-06-19 "] {
        let d = segmented(t);
        check_invariants(&d);
        assert!(d.sentences.is_empty() && d.tokens.is_empty());
    }
}

/// A tiny xorshift PRNG (no dependencies).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn random_strings_keep_invariants() {
    const PIECES: &[&str] = &[
        "a",
        "Z",
        "n't",
        "'",
        "’",
        "‘",
        "\"",
        "“",
        "”",
        ".",
        "..",
        "…",
        "-",
        "—",
        "–",
        ",",
        ":",
        "(",
        ")",
        "[",
        "$",
        "%",
        "&",
        "@",
        "/",
        "1",
        "9",
        "0",
        " ",
        " ",
        " ",
        "\n",
        "\n\n",
        "\t",
        "U.S.",
        "Gen.",
        "www.",
        "http://",
        "x@y.com",
        "\u{200B}",
        "\u{200F}",
        "\u{0430}",
        "ж",
        "é",
        "e\u{0301}",
        "😀",
        "ق",
        "中",
        "|",
        "photo:",
        "By ",
        "MOSCOW",
        " (AP) ",
        "date",
        "th",
        "m",
        "s",
        "'s",
        "\r\n",
        "ye",
        "anti",
        "17",
        "4.5",
        ",000",
        "?",
        "!",
        "«",
        "»",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let iters: usize = std::env::var("NLP_PROP_ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4000);
    for _ in 0..iters {
        let n = rng.below(40);
        let mut s = String::new();
        for _ in 0..n {
            s.push_str(PIECES[rng.below(PIECES.len())]);
        }
        // Tokenizer alone.
        let toks = tokenize(&s);
        let mut prev = 0usize;
        for t in &toks {
            let (a, b) = (t.span.start as usize, t.span.end as usize);
            assert!(a >= prev && a < b && b <= s.len(), "{s:?}: {t:?}");
            assert!(s.is_char_boundary(a) && s.is_char_boundary(b), "{s:?}: {t:?}");
            assert!(!s[a..b].chars().any(char::is_whitespace), "{s:?}: {:?}", &s[a..b]);
            prev = b;
        }
        // Every non-space, non-format char is covered by a token.
        let covered: usize = toks.iter().map(|t| t.span.len()).sum();
        let visible: usize = s
            .chars()
            .filter(|&c| !c.is_whitespace() && !crate::tokenize::is_ignorable(c))
            .map(char::len_utf8)
            .sum();
        let format: usize = s
            .chars()
            .filter(|&c| crate::tokenize::is_ignorable(c))
            .map(char::len_utf8)
            .sum();
        assert!(visible <= covered && covered <= visible + format, "{s:?}");
        // Whole segmentation, with a random header.
        let mut d = doc(&s);
        let h = if rng.below(3) == 0 {
            Some(rng.below(s.len() + 1)..rng.below(s.len() + 2))
        } else {
            None
        };
        segment(&mut d, h.filter(|h| h.start <= h.end));
        check_invariants(&d);
    }
}

/// Pathological runs stay linear: each takes well under a second.
#[test]
fn pathological_inputs_are_fast() {
    let n: usize = std::env::var("NLP_PATH_N")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50_000);
    let cases = [
        "x-".repeat(n),
        "a.".repeat(n),
        "ab.".repeat(n),
        "x'".repeat(n),
        "a@".repeat(n),
        "a.b@c-".repeat(n / 3),
        "U.S. The ".repeat(n / 5),
        "(".repeat(n),
        "“".repeat(n),
        "x".repeat(2 * n),
        format!("http://{}", "a/".repeat(n)),
        format!("http://a{}", ")".repeat(n)),
        "1,".repeat(n),
        "1-".repeat(n),
        "\u{200B}a".repeat(n),
    ];
    for s in &cases {
        let t0 = std::time::Instant::now();
        let mut d = doc(s);
        segment(&mut d, None);
        let dt = t0.elapsed().as_secs_f64();
        eprintln!("{:?}…: {dt:.3}s", &s[..12]);
        assert!(dt < 2.0, "{:?}…: {dt:.2}s", &s[..12]);
        check_invariants(&d);
    }
}

/// UD EWT dev: rebuild the raw text from `# text =` and compare the
/// tokenizer's tokens with UD's words (multiword tokens count as their
/// words when these spell the surface form, as in `do n't`).
#[test]
fn ud_ewt_dev_token_match() {
    for (name, min) in [
        ("ud-english-ewt/en_ewt-ud-dev.conllu", 0.945),
        ("ud-english-gum/en_gum-ud-dev.conllu", 0.90),
    ] {
        let path = ud_dir().join(name);
        let Ok(data) = std::fs::read_to_string(&path) else {
            eprintln!("note: {} absent, test skipped", path.display());
            continue;
        };
        let (total, exact, fails) = ud_match(&data);
        let rate = exact as f64 / total as f64;
        eprintln!(
            "{name}: {exact}/{total} sentences tokenized exactly ({:.2}%)",
            rate * 100.0
        );
        for (text, want, got) in fails.iter().take(if std::env::var_os("NLP_UD_FAILS").is_some() {
            usize::MAX
        } else {
            10
        }) {
            eprintln!("  {text}\n    UD : {want:?}\n    got: {got:?}");
        }
        assert!(rate >= min, "{name}: {rate}");
    }
}

/// The same comparison on the larger train sets (informative; slow in debug).
#[test]
#[ignore]
fn ud_train_token_match() {
    for name in [
        "ud-english-ewt/en_ewt-ud-train.conllu",
        "ud-english-gum/en_gum-ud-train.conllu",
    ] {
        let Ok(data) = std::fs::read_to_string(ud_dir().join(name)) else {
            eprintln!("note: {name} absent, skipped");
            continue;
        };
        let (total, exact, fails) = ud_match(&data);
        if std::env::var_os("NLP_UD_FAILS").is_some() {
            for (text, want, got) in &fails {
                eprintln!("  {text}\n    UD : {want:?}\n    got: {got:?}");
            }
        }
        eprintln!(
            "{name}: {exact}/{total} sentences tokenized exactly ({:.2}%)",
            exact as f64 * 100.0 / total as f64
        );
    }
}

type Fail = (String, Vec<String>, Vec<String>);

fn ud_match(data: &str) -> (usize, usize, Vec<Fail>) {
    let mut total = 0;
    let mut exact = 0;
    let mut fails = Vec::new();
    let mut text = String::new();
    let mut words: Vec<String> = Vec::new();
    let mut mwt: Option<(usize, String, Vec<String>)> = None;
    let mut finish = |text: &str, words: &mut Vec<String>| {
        if text.is_empty() {
            return;
        }
        total += 1;
        let got: Vec<String> = tokenize(text)
            .iter()
            .map(|t| text[t.span.range()].to_string())
            .collect();
        if got == *words {
            exact += 1;
        } else {
            fails.push((text.to_string(), std::mem::take(words), got));
        }
        words.clear();
    };
    for line in data.lines() {
        if let Some(t) = line.strip_prefix("# text = ") {
            text = t.to_string();
        } else if line.is_empty() {
            finish(&text, &mut words);
            text.clear();
        } else if !line.starts_with('#') {
            let cols: Vec<&str> = line.split('\t').collect();
            if cols.len() < 2 || cols[0].contains('.') {
                continue;
            }
            if let Some((a, b)) = cols[0].split_once('-') {
                let last: usize = b.parse().unwrap_or(0);
                let _first: usize = a.parse().unwrap_or(0);
                mwt = Some((last, cols[1].to_string(), Vec::new()));
                continue;
            }
            let id: usize = cols[0].parse().unwrap_or(0);
            if let Some((last, surface, mut parts)) = mwt.take() {
                parts.push(cols[1].to_string());
                if id < last {
                    mwt = Some((last, surface, parts));
                } else if parts.concat() == surface {
                    words.extend(parts);
                } else {
                    words.push(surface);
                }
                continue;
            }
            words.push(cols[1].to_string());
        }
    }
    finish(&text, &mut words);
    (total, exact, fails)
}

/// Sentence boundaries against GUM dev: each document is rebuilt from its
/// `# text` lines (a paragraph per `# newpar`, sentences joined by a space)
/// and the boundaries inside paragraphs are compared.
#[test]
fn gum_dev_sentence_boundaries() {
    let path = ud_dir().join("ud-english-gum/en_gum-ud-dev.conllu");
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("note: {} absent, test skipped", path.display());
        return;
    };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    let mut docs: Vec<Vec<Vec<String>>> = Vec::new();
    for line in data.lines() {
        if line.starts_with("# newdoc") {
            docs.push(Vec::new());
        } else if line.starts_with("# newpar") && !line.starts_with("# newpar_") {
            if let Some(d) = docs.last_mut() {
                d.push(Vec::new());
            }
        } else if let Some(t) = line.strip_prefix("# text = ") {
            if let Some(p) = docs.last_mut().and_then(|d| d.last_mut()) {
                p.push(t.to_string());
            }
        }
    }
    for paras in &docs {
        let mut text = String::new();
        let mut gold = std::collections::BTreeSet::new();
        for p in paras.iter().filter(|p| !p.is_empty()) {
            if !text.is_empty() {
                text.push_str("\n\n");
            }
            for (k, s) in p.iter().enumerate() {
                if k > 0 {
                    text.push(' ');
                    gold.insert(text.len());
                }
                text.push_str(s);
            }
        }
        let mut d = doc(&text);
        segment(&mut d, None);
        let para_starts: std::collections::BTreeSet<usize> = d.paragraphs.iter().map(|p| p.start as usize).collect();
        let dateline_ends: std::collections::BTreeSet<usize> = d
            .excluded
            .iter()
            .filter(|(_, k)| *k == ExcludedKind::Dateline)
            .map(|(s, _)| s.end as usize + 1)
            .collect();
        let got: std::collections::BTreeSet<usize> = d
            .sentences
            .iter()
            .map(|s| s.span.start as usize)
            .filter(|s| !para_starts.contains(s) && !dateline_ends.contains(s))
            .collect();
        if std::env::var_os("NLP_UD_FAILS").is_some() {
            let ctx = |i: usize| {
                let mut a = i.saturating_sub(50);
                while !text.is_char_boundary(a) {
                    a -= 1;
                }
                let mut b = (i + 30).min(text.len());
                while !text.is_char_boundary(b) {
                    b += 1;
                }
                format!("{}|{}", &text[a..i], &text[i..b]).replace('\n', "¶")
            };
            for &i in got.difference(&gold) {
                eprintln!("  extra : {}", ctx(i));
            }
            for &i in gold.difference(&got) {
                eprintln!("  missed: {}", ctx(i));
            }
        }
        tp += got.intersection(&gold).count();
        fp += got.difference(&gold).count();
        fn_ += gold.difference(&got).count();
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fn_).max(1) as f64;
    eprintln!("GUM dev sentence boundaries inside paragraphs: precision {:.1}%, recall {:.1}% ({tp} right, {fp} extra, {fn_} missed)", p * 100.0, r * 100.0);
    assert!(p >= 0.9 && r >= 0.7, "precision {p}, recall {r}");
}

/// Speed: run with `cargo test -p claimgraph-nlp --release -- --ignored --nocapture speed`.
#[test]
#[ignore]
fn speed() {
    let dir = gold_dir();
    let mut corpus = String::new();
    if let Ok(rd) = std::fs::read_dir(&dir) {
        for e in rd.flatten() {
            if e.path().extension().is_some_and(|x| x == "txt") {
                corpus.push_str(&std::fs::read_to_string(e.path()).unwrap_or_default());
                corpus.push_str("\n\n");
            }
        }
    }
    if corpus.is_empty() {
        corpus =
            "The Kremlin on Wednesday denied Moscow was interfering in the U.S. election, “Peskov said.”\n".repeat(50);
    }
    let big = corpus.repeat((8_000_000 / corpus.len()).max(1));
    let chars = big.chars().count();
    let t0 = std::time::Instant::now();
    let mut d = doc(&big);
    segment(&mut d, None);
    let dt = t0.elapsed().as_secs_f64();
    eprintln!(
        "segment: {chars} chars, {} tokens, {} sentences in {dt:.3}s = {:.1}M chars/s",
        d.tokens.len(),
        d.sentences.len(),
        chars as f64 / dt / 1e6
    );
    let t0 = std::time::Instant::now();
    let n = tokenize(&big).len();
    let dt = t0.elapsed().as_secs_f64();
    eprintln!(
        "tokenize: {n} tokens in {dt:.3}s = {:.1}M chars/s",
        chars as f64 / dt / 1e6
    );
}
