//! Each reader on real-shaped inputs: the example set (saved news page,
//! RSS, Atom, gzipped WARC, JSONL, dated plain text) and the small good
//! fixtures (legacy encodings, BOMs, the dev-set header shapes, JSON).

use std::path::{Path, PathBuf};

use claimgraph_ingest::{collect_inputs, read_input, IngestError, Input, Options, RawDoc};

fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(rel)
}

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(rel)
}

fn read(path: &Path) -> Vec<Result<RawDoc, IngestError>> {
    let mut out = Vec::new();
    read_input(&Input::File(path.to_path_buf()), &Options::default(), &mut |r| {
        out.push(r)
    });
    out
}

fn docs(path: &Path) -> Vec<RawDoc> {
    read(path)
        .into_iter()
        .map(|r| r.unwrap_or_else(|e| panic!("unexpected error: {e}")))
        .collect()
}

fn one(path: &Path) -> RawDoc {
    let mut d = docs(path);
    assert_eq!(d.len(), 1, "{}", path.display());
    d.remove(0)
}

/// Every document's basic invariants.
fn check(doc: &RawDoc) {
    assert_eq!(doc.meta.language, "en");
    assert!(!doc.meta.id.is_empty());
    assert!(!doc.text.trim().is_empty());
    if let Some(h) = &doc.header {
        assert!(doc.text.is_char_boundary(h.start) && doc.text.is_char_boundary(h.end));
    }
}

#[test]
fn saved_news_page_keeps_the_article_and_drops_the_furniture() {
    let path = repo("examples/html/water-plant-hack-report.html");
    let d = one(&path);
    check(&d);
    assert_eq!(d.meta.source, path.display().to_string());
    assert_eq!(
        d.meta.title.as_deref(),
        Some("City denies water plant was hacked, blames ‘routine fault’")
    );
    assert_eq!(d.meta.published.as_deref(), Some("2025-05-08"));
    assert_eq!(d.meta.outlet.as_deref(), Some("The Dunmere Gazette"));
    assert_eq!(d.header, None);
    assert!(
        d.text.starts_with("Dunmere City Council on Wednesday denied"),
        "{}",
        d.text
    );
    assert!(
        d.text.ends_with("no changes had been made to chemical levels."),
        "{}",
        d.text
    );
    for want in [
        "“There is no evidence whatsoever that anyone gained access to our control systems,” the council’s head of utilities",
        "According to Circuit Watch",
        "Experts divided",
        "“They may well be genuine, but they prove very little on their own,” she said.",
        "“We take every report seriously and we will share what we find,” the National Cyber Office said in a statement.",
    ] {
        assert!(d.text.contains(want), "missing {want:?} in\n{}", d.text);
    }
    for unwanted in [
        "Politics",                    // navigation
        "Switch your energy supplier", // leaderboard ad
        "ADVERTISEMENT",               // inline ad label
        "mortgage deals",              // sponsored box
        "Share on social media",       // share bar
        "Photo: Gazette staff",        // caption
        "Morning Briefing",            // newsletter box
        "Related stories",             // related list
        "Reservoir levels",            // related link
        "Bridge closure",              // link-dense "more news" list
        "tasted funny",                // comments
        "All rights reserved",         // footer
        "By Hannah Okoro",             // byline lives in the header
        "dataLayer",                   // script
    ] {
        assert!(!d.text.contains(unwanted), "{unwanted:?} leaked into\n{}", d.text);
    }
    // Paragraphs are separated by one blank line, whitespace collapsed.
    assert_eq!(d.text.split("\n\n").count(), 8, "{}", d.text);
    assert!(!d.text.contains("  ") && !d.text.contains("\n\n\n"));
    // The title is not prepended.
    assert!(!d.text.contains("blames ‘routine fault’"));
}

#[test]
fn rss_feed_gives_one_document_per_item() {
    let d = docs(&repo("examples/feeds/regional-wire.rss"));
    assert_eq!(d.len(), 2);
    d.iter().for_each(check);
    assert_eq!(
        d[0].meta.title.as_deref(),
        Some("Mayor denies taking payments over stadium contract")
    );
    assert_eq!(
        d[0].meta.source,
        "https://regionalwire.example/2025/09/02/mayor-stadium-contract"
    );
    assert_eq!(d[0].meta.published.as_deref(), Some("2025-09-02"));
    assert_eq!(d[0].meta.outlet.as_deref(), Some("Regional Wire"));
    // content:encoded wins over the short description.
    assert!(d[0].text.starts_with("Ashford Vale mayor Alan Pryce on Monday denied"));
    assert!(d[0].text.contains("The construction firm, Harlow & Finch, said"));
    assert!(!d[0].text.contains("<p>"));
    assert_eq!(d[0].text.split("\n\n").count(), 6);
    // The second item has its HTML in the description.
    assert_eq!(d[1].meta.published.as_deref(), Some("2025-09-03"));
    assert!(d[1]
        .text
        .starts_with("A company that sells a popular turmeric supplement"));
    assert!(d[1]
        .text
        .contains("\"It would be wrong to dismiss it, and wrong to panic,\" she said."));
    assert_ne!(d[0].meta.id, d[1].meta.id);
}

#[test]
fn atom_feed_entry() {
    let d = one(&repo("examples/feeds/aviation-desk.atom"));
    check(&d);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Airline says engine fault, not bird strike, forced emergency landing")
    );
    assert_eq!(
        d.meta.source,
        "https://aviationdesk.example/news/skyline-emergency-landing"
    );
    assert_eq!(d.meta.published.as_deref(), Some("2025-10-21"));
    assert_eq!(d.meta.outlet.as_deref(), Some("Aviation Desk"));
    assert!(d
        .text
        .contains("“Our engineers found no evidence of a bird strike on the aircraft,” the airline’s head of safety"));
    assert!(d.text.ends_with("None of the 168 passengers and six crew was hurt."));
}

#[test]
fn gzipped_warc_gives_the_html_responses() {
    let path = repo("examples/warc/news-crawl.warc.gz");
    let d = docs(&path);
    assert_eq!(
        d.len(),
        2,
        "two HTML responses; request, metadata, redirect and robots.txt are skipped"
    );
    d.iter().for_each(check);
    assert_eq!(
        d[0].meta.source,
        "https://midlandledger.example/business/2025/02/11/corvell-ashby-closure"
    );
    assert_eq!(
        d[0].meta.title.as_deref(),
        Some("Union says factory closure was planned for months; Corvell denies it")
    );
    assert_eq!(d[0].meta.outlet.as_deref(), Some("Midland Ledger"));
    assert_eq!(d[0].meta.published.as_deref(), Some("2025-02-11"));
    assert!(d[0].text.starts_with("The engineering union at Corvell Components"));
    assert!(!d[0].text.contains("Bus fares") && !d[0].text.contains("all rights reserved"));
    // windows-1252 declared only in <meta http-equiv>.
    assert_eq!(
        d[1].meta.source,
        "https://valleyobserver.example/news/cloud-seeding-floods"
    );
    assert_eq!(d[1].meta.outlet.as_deref(), Some("Valley Observer"));
    assert_eq!(d[1].meta.published.as_deref(), Some("2025-07-29"));
    assert!(
        d[1].text
            .contains("“Cloud seeding cannot produce rainfall on anything like this scale."),
        "{}",
        d[1].text
    );
    assert!(d[1].text.contains("last week’s floods"));
    assert!(!d[1].text.contains("Observer reader") && !d[1].text.contains("Share on"));
}

#[test]
fn jsonl_articles() {
    let d = docs(&repo("examples/jsonl/sport-and-campus.jsonl"));
    assert_eq!(d.len(), 2);
    d.iter().for_each(check);
    assert_eq!(d[0].meta.id, "example-jsonl-1");
    assert_eq!(
        d[0].meta.source,
        "https://sportsline.example/football/2025/11/04/rovers-deny-transfer-fee"
    );
    assert_eq!(d[0].meta.outlet.as_deref(), Some("Sportsline"));
    assert_eq!(
        d[1].meta.outlet.as_deref(),
        Some("Campus Times"),
        "`source` names the outlet"
    );
    assert_eq!(d[1].meta.published.as_deref(), Some("2025-11-06"));
    assert!(d[0]
        .text
        .contains("\n\n\"No offer has been accepted and the player is not for sale,\" a club spokesman said"));
}

#[test]
fn dated_plain_text_example() {
    let path = repo("examples/text/harbour-fuel-spill-denial.txt");
    let d = one(&path);
    check(&d);
    let raw = std::fs::read_to_string(&path).unwrap();
    assert_eq!(d.text, raw, "plain text is kept whole, header included");
    assert_eq!(d.header, Some(0..17));
    assert_eq!(&d.text[0..17], " date 2025-03-14 ");
    assert_eq!(d.meta.published.as_deref(), Some("2025-03-14"));
    assert_eq!(d.meta.title, None);
    assert_eq!(d.meta.outlet, None);
}

#[test]
fn legacy_encodings_are_decoded() {
    let d = one(&fixture("good/windows-1252.txt"));
    assert!(d
        .text
        .contains("The café owner in São António called the inspectors’ report “nonsense” — and the naïve claim"));
    assert!(d.text.contains("Élodie François"));
    assert_eq!(d.meta.published.as_deref(), Some("2025-06-19"));
    assert_eq!(&d.text[d.header.clone().unwrap()], "Date: 19 June 2025");

    let d = one(&fixture("good/latin1.txt"));
    assert!(d
        .text
        .contains("Le ministre a démenti l'information. «C'est faux», a-t-il déclaré à la presse à Montréal"));

    let d = one(&fixture("good/utf16le-bom.txt"));
    assert_eq!(d.text, "The spokesman said “no comment”.\n");
}

#[test]
fn utf8_bom_is_stripped_and_offsets_follow_the_text() {
    let d = one(&fixture("good/utf8-bom.txt"));
    assert!(
        d.text.starts_with(" date 2025-06-19 Azerbaijan"),
        "BOM removed: {:?}",
        &d.text[..5]
    );
    assert_eq!(d.header, Some(0..17));
    assert_eq!(d.meta.published.as_deref(), Some("2025-06-19"));
    let raw = std::fs::read(fixture("good/utf8-bom.txt")).unwrap();
    assert_eq!(d.text.as_bytes(), &raw[3..]);
}

#[test]
fn dev_header_shapes() {
    let d = one(&fixture("good/year-header.txt"));
    assert_eq!(
        (d.header.clone(), d.meta.published.as_deref()),
        (Some(0..4), Some("2025"))
    );
    let d = one(&fixture("good/date-header-inline.txt"));
    assert_eq!(&d.text[d.header.clone().unwrap()], " date 2020-07-17 ");
    assert!(d.text[d.header.clone().unwrap().end..].starts_with("MOSCOW (AP) — The Kremlin"));
    assert_eq!(d.meta.published.as_deref(), Some("2020-07-17"));
    let d = one(&fixture("good/date-colon-header.txt"));
    assert_eq!(&d.text[d.header.clone().unwrap()], "date: 2025-06-19");
}

/// The real dev articles: text identical to the file, and the header rule
/// finds exactly the dated ones.
#[test]
fn real_dev_articles_when_shared_is_present() {
    let dev = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/dev");
    if !dev.is_dir() {
        eprintln!("shared/gold/dev is absent: skipped");
        return;
    }
    let mut seen = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dev).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
        let raw = std::fs::read_to_string(p).unwrap();
        let d = one(p);
        assert_eq!(d.text, raw.strip_prefix('\u{feff}').unwrap_or(&raw), "{}", p.display());
        let gold: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(p.with_extension("json")).unwrap()).unwrap();
        if let Some(date) = gold["published"].as_str() {
            let header_date =
                raw.trim_start().starts_with("date ") || raw.lines().next().is_some_and(|l| l.trim().len() == 4);
            if header_date {
                assert_eq!(d.meta.published.as_deref(), Some(date), "{}", p.display());
                assert!(d.header.is_some(), "{}", p.display());
            }
        }
        if d.header.is_none() {
            assert_eq!(d.meta.published, None, "{}", p.display());
        }
        seen += 1;
    }
    assert!(seen >= 10);
}

#[test]
fn json_files() {
    let d = one(&fixture("good/single.json"));
    assert_eq!(d.meta.id, "json-single");
    assert_eq!(d.meta.source, "https://json.example/1");
    assert_eq!(d.meta.published.as_deref(), Some("2025-06-19"));
    let d = docs(&fixture("good/array.json"));
    assert_eq!(d.len(), 2);
    assert!(d[0].meta.source.ends_with("array.json[0]"));
    assert_eq!(d[1].meta.outlet.as_deref(), Some("Wire"));
}

#[test]
fn ids_are_stable_content_hashes() {
    let d = one(&fixture("good/latin1.txt"));
    assert_eq!(d.meta.id.len(), 16);
    assert!(d.meta.id.bytes().all(|b| b.is_ascii_hexdigit()));
    assert_eq!(one(&fixture("good/latin1.txt")).meta.id, d.meta.id);
    // FNV-1a 64 of the text: pinned, so ids never change between releases.
    let fnv = d
        .text
        .bytes()
        .fold(0xcbf29ce484222325u64, |h, b| (h ^ b as u64).wrapping_mul(0x100000001b3));
    assert_eq!(d.meta.id, format!("{fnv:016x}"));
}

#[test]
fn collect_inputs_walks_sorted_and_skips_hidden_and_non_documents() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("b/nested")).unwrap();
    std::fs::create_dir_all(root.join(".git")).unwrap();
    for f in [
        "z.txt",
        "a.html",
        "b/nested/c.jsonl",
        "b/a.txt",
        ".hidden.txt",
        ".git/config",
        "README.md",
        "gen.py",
    ] {
        std::fs::write(root.join(f), "x").unwrap();
    }
    let missing = root.join("nope.txt");
    let (inputs, errors) = collect_inputs(&[
        root.to_path_buf(),
        PathBuf::from("-"),
        missing.clone(),
        root.join("README.md"),
    ]);
    let names: Vec<String> = inputs
        .iter()
        .map(|i| match i {
            Input::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
            Input::Stdin => "-".to_string(),
        })
        .collect();
    assert_eq!(
        names,
        ["a.html", "b/a.txt", "b/nested/c.jsonl", "z.txt", "-", "README.md"]
    );
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].path, missing.display().to_string());
    assert_eq!(
        errors[0].to_string(),
        format!("{}: no such file or directory", missing.display())
    );
}

#[cfg(unix)]
#[test]
fn symlink_cycles_are_walked_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("a")).unwrap();
    std::fs::write(root.join("a/x.txt"), "x").unwrap();
    std::os::unix::fs::symlink(root, root.join("a/loop")).unwrap();
    let (inputs, errors) = collect_inputs(&[root.to_path_buf()]);
    assert!(errors.is_empty());
    assert_eq!(inputs, [Input::File(root.join("a/x.txt"))]);
}

#[test]
fn whole_example_folder() {
    let (inputs, errors) = collect_inputs(&[repo("examples")]);
    assert!(errors.is_empty());
    let mut n = 0;
    for i in &inputs {
        read_input(i, &Options::default(), &mut |r| {
            let d = r.unwrap_or_else(|e| panic!("examples must read cleanly: {e}"));
            check(&d);
            let words = d.text.split_whitespace().count();
            assert!((150..=400).contains(&words), "{}: {words} words", d.meta.source);
            n += 1;
        });
    }
    assert_eq!(n, 9);
}

#[test]
fn stdin_name_is_dash() {
    assert_eq!(Input::Stdin.name(), "-");
}
