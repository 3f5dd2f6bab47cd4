use claimgraph_doc::{Entity, EntityType, Event, Meta, Relay, SpeakerType, Stance, Statement, StatementKind};

use super::*;
use crate::ClaimQuery;

fn tmp(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-store-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join("t.db")
}

fn span_of(text: &str, needle: &str) -> Span {
    let s = text.find(needle).expect("needle in text");
    Span::new(s, s + needle.len())
}

fn statement(text: &str, content: &str, speaker: &str, cue: &str, stance: Stance, claim: &str) -> Statement {
    Statement {
        content: span_of(text, content),
        kind: StatementKind::Indirect,
        speaker: speaker.into(),
        speaker_type: SpeakerType::Person,
        speaker_mention: Some(span_of(text, speaker)),
        cue: Some(span_of(text, cue)),
        stance,
        hedges: vec![],
        about: vec!["Russia".into()],
        via: None,
        relayed_by: None,
        claim: Some(claim.into()),
    }
}

/// A small document: Peskov denies, an aide asserts with documents, and a
/// nested statement ("Peskov said the agency reported …").
fn doc(published: &str, source: &str, extra: &str) -> Doc {
    let text = format!(
        "Kremlin denies hacking\n\nDmitry Peskov denied that Russia hacked the emails. \
         Aide Jane Roe said documents show Russia hacked the emails. \
         Peskov said the agency reported that the servers were never touched. {extra}"
    );
    let meta = Meta {
        id: format!("doc-{published}-{extra}"),
        source: source.into(),
        title: Some("Kremlin denies hacking".into()),
        published: Some(published.into()),
        outlet: None,
        language: "en".into(),
    };
    let mut d = Doc::new(meta, text.clone());
    d.statements.push(statement(
        &text,
        "Russia hacked the emails.",
        "Dmitry Peskov",
        "denied",
        Stance::Deny,
        "c1",
    ));
    d.statements.push(statement(
        &text,
        "documents show Russia hacked the emails",
        "Jane Roe",
        "said documents",
        Stance::Assert,
        "c1",
    ));
    let mut outer = statement(
        &text,
        "the agency reported that the servers were never touched",
        "Peskov",
        "said the agency",
        Stance::Assert,
        "c2",
    );
    outer.speaker_mention = Some(span_of(&text, "Peskov said"));
    d.statements.push(outer);
    let mut inner = statement(
        &text,
        "the servers were never touched",
        "the agency",
        "reported",
        Stance::Assert,
        "c2",
    );
    inner.speaker_type = SpeakerType::Organization;
    inner.via = Some(2);
    d.statements.push(inner);
    d.entities.push(Entity {
        name: "Dmitry Peskov".into(),
        etype: EntityType::Person,
        role: Some("Kremlin spokesman".into()),
        mentions: vec![span_of(&text, "Dmitry Peskov")],
        speaker_type: Some(SpeakerType::Person),
        aliases: vec!["Peskov".into()],
        affiliation: Some("Kremlin".into()),
    });
    d.events.push(Event {
        actor: Some("Russia".into()),
        action: "hacked".into(),
        target: Some("the emails".into()),
        code: None,
        date: None,
        places: vec!["Moscow".into()],
        span: span_of(&text, "Russia hacked the emails."),
        // (what Peskov's statement 0 is about)
        statement: Some(0),
    });
    d
}

fn write<'a>(d: &'a Doc, claims: &[(&str, &str)]) -> DocWrite<'a> {
    DocWrite {
        doc: d,
        content_hash: crate::content_hash(d.text()),
        ingested_at: crate::now_utc(),
        entity_actor: vec![Some("peskov".into())],
        speaker_actor: vec![Some("peskov".into()), None, Some("peskov".into()), None],
        claims: claims
            .iter()
            .map(|(id, text)| ClaimState {
                id: id.to_string(),
                text: text.to_string(),
                members: 2,
                state: vec![1, 2, 3],
                // the second claim is the first one's denier's version
                counter_of: (*id == "c2").then(|| ("c1".to_string(), "russia".to_string())),
            })
            .collect(),
        actors: vec![ActorState {
            id: "peskov".into(),
            name: "Dmitry Peskov".into(),
            etype: "PERSON".into(),
            aliases: vec!["Peskov".into(), "Kremlin spokesman".into()],
            speaker_type: Some("person".into()),
            record: r#"{"id":"peskov","future_field":1}"#.into(),
        }],
    }
}

#[test]
fn migrates_from_empty() {
    let path = tmp("empty");
    let s = SqliteStore::open(&path).expect("open");
    assert_eq!(s.schema_version().unwrap(), 6);
    let versions: Vec<u32> = s
        .conn
        .prepare("SELECT version FROM schema_version ORDER BY version")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(versions, [1, 2, 3, 4, 5, 6]);
    assert_eq!(s.counts().unwrap(), Counts::default());
    assert_eq!(s.integrity_check().unwrap(), "ok");
    let mode: String = s.conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    drop(s);
    // Reopening applies nothing and keeps the version.
    let s = SqliteStore::open(&path).expect("reopen");
    assert_eq!(s.schema_version().unwrap(), 6);
}

#[test]
fn migrates_from_v1_with_backfill() {
    let path = tmp("v1");
    {
        let s = SqliteStore::open_to(&path, Some(1)).expect("open v1");
        assert_eq!(s.schema_version().unwrap(), 1);
        s.conn
            .execute_batch(
                "INSERT INTO outlets(id, name, domain) VALUES (1, 'tass.com', 'tass.com');
                 INSERT INTO documents(id, doc_id, content_hash, source, title, published, outlet_id, language, text, ingested_at)
                     VALUES (1, 'd1', 'h1', 'https://tass.com/1', 'T', '2016-07-27', 1, 'en', 'text', '2026-01-01T00:00:00Z');
                 INSERT INTO claims(id, text, members, state, updated_at) VALUES ('c1', 'Russia hacked the DNC', 2, X'00', 'now');
                 INSERT INTO statements(document_id, idx, start_char, end_char, content, kind, speaker, speaker_type, cue,
                                        stance, hedges, about, claim_id, published, outlet_id)
                     VALUES (1, 0, 0, 4, 'satellite images show the hack', 'indirect', 'Jane Roe', 'person', 'said',
                             'assert', '[]', '[]', 'c1', '2016-07-27', 1),
                            (1, 1, 5, 9, 'there is no evidence of hacking', 'indirect', 'Dmitry Peskov', 'person', 'said',
                             'deny', '[]', '[]', 'c1', '2016-07-27', 1);",
            )
            .expect("v1 rows");
    }
    let s = SqliteStore::open(&path).expect("migrate to the latest");
    assert_eq!(s.schema_version().unwrap(), 6);
    let rows = s.claims(&ClaimQuery::default()).unwrap();
    assert_eq!(rows.len(), 1);
    let c = &rows[0];
    assert_eq!((c.articles, c.outlets, c.statements, c.assert, c.deny), (1, 1, 2, 1, 1));
    assert!(c.evidence);
    assert_eq!(c.evidence_kinds, ["imagery"]);
    assert_eq!(c.first_seen.as_deref(), Some("2016-07-27"));
    let hits = s.search("satellite", 10).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].statement.speaker, "Jane Roe");
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn round_trip_and_idempotent_reinsert() {
    let path = tmp("roundtrip");
    let mut s = SqliteStore::open(&path).expect("open");
    let d = doc("2016-07-27", "https://www.tass.com/politics/1", "");
    let w = write(
        &d,
        &[
            ("c1", "Russia hacked the DNC emails"),
            ("c2", "the servers were never touched"),
        ],
    );
    assert_eq!(s.insert_document(&w).unwrap(), Inserted::New { statements: 4 });
    let counts = s.counts().unwrap();
    assert_eq!(
        (counts.documents, counts.statements, counts.claims, counts.actors),
        (1, 4, 2, 1)
    );
    assert_eq!((counts.entities, counts.events, counts.outlets), (1, 1, 1));
    assert!(counts.evidence >= 1);
    assert!(s.has_document(&w.content_hash).unwrap());

    // Idempotent: same content again writes nothing.
    assert_eq!(s.insert_document(&w).unwrap(), Inserted::Duplicate);
    assert_eq!(s.counts().unwrap(), counts);

    // Linker and resolver states round-trip.
    let claims = s.claim_states().unwrap();
    assert_eq!(claims.len(), 2);
    assert_eq!(
        claims[0],
        ClaimState {
            id: "c1".into(),
            text: "Russia hacked the DNC emails".into(),
            members: 2,
            state: vec![1, 2, 3],
            counter_of: None,
        }
    );
    assert_eq!(claims[1].counter_of, Some(("c1".to_string(), "russia".to_string())));
    let actors = s.actor_states().unwrap();
    assert_eq!(actors, w.actors);

    // Claims summary.
    let rows = s.claims(&ClaimQuery::default()).unwrap();
    let c1 = rows.iter().find(|r| r.id == "c1").unwrap();
    assert_eq!(
        (c1.articles, c1.outlets, c1.statements, c1.assert, c1.deny),
        (1, 1, 2, 1, 1)
    );
    assert!(c1.evidence && c1.evidence_kinds.contains(&"documents".to_string()));
    let c2 = rows.iter().find(|r| r.id == "c2").unwrap();
    assert!(!c2.evidence);

    // Timeline with nesting chain and outlet from the URL.
    let t = s.claim_timeline("c2").unwrap().unwrap();
    assert_eq!(t.statements.len(), 2);
    let inner = t.statements.iter().find(|r| r.speaker == "the agency").unwrap();
    let chain: Vec<&str> = inner.chain.iter().map(|l| l.speaker.as_str()).collect();
    assert_eq!(chain, ["Peskov", "the agency"]);
    assert_eq!(inner.outlet.as_deref(), Some("tass.com"));
    assert_eq!(inner.date.as_deref(), Some("2016-07-27"));
    assert!(s.claim_timeline("nope").unwrap().is_none());
    // Counter-claims, both ways.
    let of = t.counter_of.expect("c2 is a counter-claim");
    assert_eq!(
        (of.id.as_str(), of.side.as_str(), of.text.as_str()),
        ("c1", "russia", "Russia hacked the DNC emails")
    );
    assert!(t.counter_claims.is_empty());
    let t1 = s.claim_timeline("c1").unwrap().unwrap();
    assert!(t1.counter_of.is_none());
    let ids: Vec<&str> = t1.counter_claims.iter().map(|k| k.id.as_str()).collect();
    assert_eq!(ids, ["c2"]);

    // Who: by alias, case-insensitive; roles with dates.
    let who = s.who("peskov", None).unwrap();
    assert_eq!(who.actors.len(), 1);
    assert_eq!(who.actors[0].roles[0].role, "Kremlin spokesman");
    assert_eq!(who.actors[0].roles[0].first_seen.as_deref(), Some("2016-07-27"));
    assert_eq!(who.statements.len(), 2);
    let who = s.who("Jane Roe", None).unwrap();
    assert!(who.actors.is_empty());
    assert_eq!(who.statements.len(), 1);

    // Scans.
    let mut n = 0;
    s.scan_statements(&mut |st| {
        n += 1;
        assert!(st.end > st.start);
        Ok(())
    })
    .unwrap();
    assert_eq!(n, 4);
    let mut texts = vec![];
    s.scan_documents(true, &mut |d| {
        texts.push(d.text.unwrap());
        Ok(())
    })
    .unwrap();
    assert_eq!(texts, [d.text().to_string()]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn fts_search_is_ranked_and_safe() {
    let path = tmp("fts");
    let mut s = SqliteStore::open(&path).expect("open");
    let d = doc("2016-07-27", "a.txt", "");
    s.insert_document(&write(&d, &[("c1", "hack"), ("c2", "servers")]))
        .unwrap();
    let hits = s.search("hacked emails", 10).unwrap();
    assert_eq!(hits.len(), 2);
    assert!(hits[0].score >= hits[1].score);
    assert!(hits[0].snippet.contains('['), "{}", hits[0].snippet);
    // Stemming: "hacking" finds "hacked".
    assert_eq!(s.search("hacking", 10).unwrap().len(), 2);
    // Speaker column is searched too.
    assert_eq!(s.search("Roe", 10).unwrap().len(), 1);
    // FTS syntax in user text is quoted, never an error.
    assert!(s.search("\"unbalanced AND (NEAR", 10).is_ok());
    // No AND match falls back to OR.
    assert_eq!(s.search("servers zebra", 10).unwrap().len(), 2);
}

/// `claims --since D --sort first --limit K` scans statements by date and
/// stops at the K-th claim: the same rows as the first K of the full list.
#[test]
fn claims_since_first_page_is_a_prefix_of_the_full_list() {
    let path = tmp("since-first");
    let mut s = SqliteStore::open(&path).expect("open");
    for i in 0..16u32 {
        let mut d = doc(
            &format!("{}-0{}-01", 2008 + i / 2, 1 + i % 2 * 5),
            "https://o.example/x",
            &format!("m{i}"),
        );
        let (a, b) = (format!("k{}", (i * 7) % 9), format!("k{}", (i * i) % 11 + 9));
        for (j, st) in d.statements.iter_mut().enumerate() {
            st.claim = Some(if j < 2 { a.clone() } else { b.clone() });
        }
        s.insert_document(&write(&d, &[(a.as_str(), "claim a"), (b.as_str(), "claim b")]))
            .unwrap();
    }
    for since in ["2008", "2010-03", "2012", "2015-06", "2016"] {
        let q = |limit| ClaimQuery {
            since: Some(since.into()),
            limit,
            sort: ClaimSort::First,
        };
        let full = s.claims(&q(None)).unwrap();
        for w in full.windows(2) {
            assert!(
                (&w[0].first_seen, &w[0].id) <= (&w[1].first_seen, &w[1].id),
                "{since}: {w:?}"
            );
        }
        for k in [1usize, 2, 4, 7, 40] {
            let page = s.claims(&q(Some(k))).unwrap();
            let key = |v: &[ClaimRow]| {
                v.iter()
                    .map(|r| (r.id.clone(), r.first_seen.clone(), r.articles, r.statements))
                    .collect::<Vec<_>>()
            };
            assert_eq!(key(&page), key(&full[..k.min(full.len())]), "since {since}, limit {k}");
        }
    }
}

/// `claims --since D --sort articles --limit K` answers by one of two
/// plans (walking claims by all-time article count for an early date, one
/// range scan of statements since D for a recent one); both must give the
/// first K rows of the full, exact ranking.
#[test]
fn claims_since_by_articles_is_the_same_for_every_plan() {
    let path = tmp("since-articles");
    let mut s = SqliteStore::open(&path).expect("open");
    let mut docs = Vec::new();
    for i in 0..16u32 {
        let mut d = doc(
            &format!("{}-03-01", 2008 + i),
            &format!("https://o{}.example/{i}", i % 3),
            &format!("n{i}"),
        );
        let (a, b) = (format!("k{}", i % 5), format!("k{}", (i * i) % 7 + 5));
        for (j, st) in d.statements.iter_mut().enumerate() {
            st.claim = Some(if j < 2 { a.clone() } else { b.clone() });
        }
        s.insert_document(&write(&d, &[(a.as_str(), "claim a"), (b.as_str(), "claim b")]))
            .unwrap();
        docs.push((2008 + i, a, b));
    }
    for (since, recent) in [("2009", false), ("2015", false), ("2020", true), ("2022-06", true)] {
        assert_eq!(s.recent(since).unwrap(), recent, "{since}");
        let full = s
            .claims(&ClaimQuery {
                since: Some(since.into()),
                limit: None,
                sort: ClaimSort::Articles,
            })
            .unwrap();
        // Exact article counts since the date.
        let year: u32 = since[..4].parse().unwrap();
        for r in &full {
            let want = docs
                .iter()
                .filter(|(y, a, b)| (*y > year || (*y == year && since.len() == 4)) && (*a == r.id || *b == r.id))
                .count() as u64;
            assert_eq!(r.articles, want, "{since} {}", r.id);
        }
        for k in [1usize, 2, 3, 5] {
            let page = s
                .claims(&ClaimQuery {
                    since: Some(since.into()),
                    limit: Some(k),
                    sort: ClaimSort::Articles,
                })
                .unwrap();
            assert_eq!(page, full[..k.min(full.len())], "since {since}, limit {k}");
        }
        // The full list is every claim's exact summary since the date, as
        // the sort-last plan (which summarises each row it returns) gives.
        let mut by_last = s
            .claims(&ClaimQuery {
                since: Some(since.into()),
                limit: None,
                sort: ClaimSort::Last,
            })
            .unwrap();
        by_last.sort_by(super::by_articles);
        assert_eq!(full, by_last, "since {since}");
    }
}

#[test]
fn claims_since_recomputes_straddling_claims() {
    let path = tmp("since");
    let mut s = SqliteStore::open(&path).expect("open");
    let d1 = doc("2011-05-01", "https://a.example/1", "one");
    let d2 = doc("2013-05-01", "https://b.example/2", "two");
    let d3 = doc("2014-01-01", "https://b.example/3", "three");
    for d in [&d1, &d2, &d3] {
        s.insert_document(&write(d, &[("c1", "hack"), ("c2", "servers")]))
            .unwrap();
    }
    let all = s.claims(&ClaimQuery::default()).unwrap();
    let c1 = all.iter().find(|r| r.id == "c1").unwrap();
    assert_eq!((c1.articles, c1.outlets, c1.statements), (3, 2, 6));
    assert_eq!(c1.first_seen.as_deref(), Some("2011-05-01"));
    for sort in [ClaimSort::First, ClaimSort::Last, ClaimSort::Articles] {
        let since = s
            .claims(&ClaimQuery {
                since: Some("2012".into()),
                limit: None,
                sort,
            })
            .unwrap();
        let c1 = since.iter().find(|r| r.id == "c1").unwrap();
        assert_eq!((c1.articles, c1.outlets, c1.statements), (2, 1, 4), "{sort:?}");
        assert_eq!(c1.first_seen.as_deref(), Some("2013-05-01"));
        assert_eq!(c1.last_seen.as_deref(), Some("2014-01-01"));
    }
    assert!(s
        .claims(&ClaimQuery {
            since: Some("2015".into()),
            ..Default::default()
        })
        .unwrap()
        .is_empty());
    assert_eq!(
        s.claims(&ClaimQuery {
            limit: Some(1),
            ..Default::default()
        })
        .unwrap()
        .len(),
        1
    );
    assert!(s
        .claims(&ClaimQuery {
            since: Some("last year".into()),
            ..Default::default()
        })
        .is_err());
}

#[test]
fn unknown_claim_and_actor_ids_get_placeholders() {
    let path = tmp("placeholders");
    let mut s = SqliteStore::open(&path).expect("open");
    let d = doc("2020", "x.txt", "");
    let mut w = write(&d, &[]);
    w.actors.clear();
    assert!(matches!(s.insert_document(&w).unwrap(), Inserted::New { .. }));
    let c = s.counts().unwrap();
    assert_eq!((c.claims, c.actors), (2, 1));
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn exports_parse() {
    let path = tmp("export");
    let mut s = SqliteStore::open(&path).expect("open");
    let d = doc("2016-07-27", "https://www.tass.com/politics/1", "");
    s.insert_document(&write(&d, &[("c1", "Russia hacked"), ("c2", "servers")]))
        .unwrap();
    let mut json = Vec::new();
    crate::export::write_json(&s, &mut json).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(v["statements"].as_array().unwrap().len(), 4);
    assert_eq!(v["claims"].as_array().unwrap().len(), 2);
    let mut g = Vec::new();
    crate::export::write_graphml(&s, &mut g).unwrap();
    let g = String::from_utf8(g).unwrap();
    assert!(g.contains(r#"<data key="stance">deny</data>"#) && g.contains(r#"<data key="stance">cites</data>"#));
    let mut cr = Vec::new();
    crate::export::write_claimreview(&s, &mut cr).unwrap();
    let cr: serde_json::Value = serde_json::from_slice(&cr).unwrap();
    assert_eq!(cr[0]["@type"], "ClaimReview");
    let mut ftm = Vec::new();
    crate::export::write_ftm(&s, &mut ftm).unwrap();
    let lines: Vec<serde_json::Value> = String::from_utf8(ftm)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert!(lines.iter().any(|l| l["schema"] == "Person"));
    assert!(lines.iter().any(|l| l["schema"] == "Article"));
    assert_eq!(lines.iter().filter(|l| l["schema"] == "Documentation").count(), 4);
    let dir = path.parent().unwrap().join("csv");
    let files = crate::export::write_csv(&s, &dir).unwrap();
    assert_eq!(files.len(), 7);
    let statements = std::fs::read_to_string(dir.join("statements.csv")).unwrap();
    assert_eq!(statements.lines().count(), 5);
}

#[test]
fn events_keep_the_statement_that_reports_them() {
    let path = tmp("events");
    let mut s = SqliteStore::open(&path).expect("open");
    let d = doc("2016-07-27", "https://tass.com/1", "e");
    s.insert_documents(&[write(&d, &[("c1", "Russia hacked the DNC")])])
        .expect("insert");
    let mut rows = Vec::new();
    s.scan_events(&mut |e| {
        rows.push(e);
        Ok(())
    })
    .expect("scan");
    assert_eq!(rows.len(), 1);
    assert_eq!((rows[0].action.as_str(), rows[0].statement), ("hacked", Some(0)));
}

#[test]
fn a_relay_stands_in_the_chain_and_under_who() {
    // A v5 database gains the relay columns, empty for what it holds.
    let path = tmp("relay");
    let s = SqliteStore::open_to(&path, Some(5)).expect("open v5");
    assert_eq!(s.schema_version().unwrap(), 5);
    drop(s);
    let mut s = SqliteStore::open(&path).expect("migrate");
    assert_eq!(s.schema_version().unwrap(), 6);
    // "Peskov said the agency reported that …": the agency's words came
    // through TASS.
    let mut d = doc("2016-07-27", "https://tass.com/1", "r");
    let cue = span_of(d.text(), "reported");
    d.statements[3].relayed_by = Some(Relay {
        name: "TASS".into(),
        speaker_type: SpeakerType::Media,
        mention: None,
        cue,
    });
    s.insert_documents(&[write(
        &d,
        &[("c1", "Russia hacked the DNC"), ("c2", "The servers were untouched")],
    )])
    .expect("insert");
    let who = s.who("tass", None).expect("who");
    assert!(who.statements.is_empty());
    assert_eq!(who.relayed.len(), 1);
    let r = &who.relayed[0];
    assert_eq!(
        (r.speaker.as_str(), r.relayed_by.as_deref()),
        ("the agency", Some("TASS"))
    );
    let chain: Vec<(&str, &str)> = r
        .chain
        .iter()
        .map(|c| (c.speaker.as_str(), c.stance.as_str()))
        .collect();
    assert_eq!(
        chain,
        [("Peskov", "assert"), ("TASS", "relays"), ("the agency", "assert")]
    );
    // Peskov's own statements carry no relay.
    assert!(s
        .who("Peskov", None)
        .unwrap()
        .statements
        .iter()
        .all(|x| x.relayed_by.is_none()));
    let mut exported = Vec::new();
    s.scan_statements(&mut |x| {
        exported.push(x.relayed_by);
        Ok(())
    })
    .expect("scan");
    assert_eq!(exported.iter().flatten().collect::<Vec<_>>(), ["TASS"]);
    assert_eq!(s.integrity_check().unwrap(), "ok");
}

#[test]
fn events_query_filters_pages_and_names_who_alleges_them() {
    let path = tmp("events-query");
    let mut s = SqliteStore::open(&path).expect("open");
    // A: Peskov's denial reports "Russia hacked the emails" (statement 0);
    // the article itself tells of a meeting, dated in the text.
    let mut a = doc(
        "2016-07-27",
        "https://tass.com/a",
        "Dmitry Peskov met Jane Roe in Moscow on Monday.",
    );
    a.events.push(Event {
        actor: Some("Dmitry Peskov".into()),
        action: "met".into(),
        target: Some("Jane Roe".into()),
        code: Some("036".into()),
        date: Some("2016-07-25".into()),
        places: vec!["Moscow".into()],
        span: span_of(a.text(), "Peskov met Jane Roe in Moscow"),
        statement: None,
    });
    // B: undated event, so its document's date counts.
    let mut b = doc(
        "2019-03-01",
        "https://example.com/b",
        "The United States sanctioned Russia.",
    );
    b.events.clear();
    b.events.push(Event {
        actor: Some("United States".into()),
        action: "sanctioned".into(),
        target: Some("Russia".into()),
        code: Some("163".into()),
        date: None,
        places: vec![],
        span: span_of(b.text(), "The United States sanctioned Russia"),
        statement: None,
    });
    s.insert_documents(&[
        write(&a, &[("c1", "Russia hacked"), ("c2", "never touched")]),
        write(&b, &[]),
    ])
    .expect("insert");
    let q = |f: &dyn Fn(&mut EventQuery)| {
        let mut q = EventQuery::default();
        f(&mut q);
        s.events(&q).expect("events")
    };
    let actions = |p: &EventPage| p.items.iter().map(|e| e.action.clone()).collect::<Vec<_>>();

    // Newest first: B (2019), then A's hacking (undated: published
    // 2016-07-27), then the meeting (2016-07-25).
    let all = q(&|_| {});
    assert_eq!(all.total, 3);
    assert_eq!(actions(&all), ["sanctioned", "hacked", "met"]);
    let hacked = &all.items[1];
    assert_eq!(hacked.document, a.meta.id);
    assert_eq!(hacked.title.as_deref(), Some("Kremlin denies hacking"));
    assert_eq!(hacked.published.as_deref(), Some("2016-07-27"));
    assert_eq!(hacked.outlet.as_deref(), Some("tass.com"));
    assert_eq!(hacked.text, "Russia hacked the emails.");
    let chars: Vec<char> = a.text().chars().collect();
    let span: String = chars[hacked.start as usize..hacked.end as usize].iter().collect();
    assert_eq!(span, hacked.text);
    let by = hacked.alleged_by.as_ref().expect("reported by a statement");
    assert_eq!(
        (
            by.index,
            by.speaker.as_str(),
            by.stance.as_str(),
            by.speaker_actor.as_deref()
        ),
        (0, "Dmitry Peskov", "deny", Some("peskov"))
    );
    let met = &all.items[2];
    assert!(met.alleged_by.is_none());
    assert_eq!(
        met.actor_id.as_deref(),
        Some("peskov"),
        "the entity of that name resolved"
    );
    assert_eq!(
        (met.date.as_deref(), met.places.as_slice()),
        (Some("2016-07-25"), &["Moscow".to_string()][..])
    );

    // Names: a word's start, any case; an actor's aliases; never mid-word.
    assert_eq!(actions(&q(&|q| q.actor = Some("peskov".into()))), ["met"]);
    assert_eq!(actions(&q(&|q| q.actor = Some("Kremlin spokesman".into()))), ["met"]);
    assert_eq!(
        actions(&q(&|q| q.actor = Some("RUSSIA".into()))),
        ["sanctioned", "hacked"]
    );
    assert_eq!(actions(&q(&|q| q.actor = Some("states".into()))), ["sanctioned"]);
    assert_eq!(q(&|q| q.actor = Some("ssia".into())).total, 0);
    assert_eq!(q(&|q| q.actor = Some("%".into())).total, 0);
    // Codes by prefix; dates at the bound's precision.
    assert_eq!(actions(&q(&|q| q.code = Some("16".into()))), ["sanctioned"]);
    assert_eq!(actions(&q(&|q| q.code = Some("0".into()))), ["met"]);
    assert_eq!(actions(&q(&|q| q.since = Some("2017".into()))), ["sanctioned"]);
    assert_eq!(actions(&q(&|q| q.until = Some("2016-07".into()))), ["hacked", "met"]);
    assert_eq!(actions(&q(&|q| q.until = Some("2016-07-26".into()))), ["met"]);
    assert_eq!(
        actions(&q(&|q| {
            q.since = Some("2016-07-26".into());
            q.until = Some("2016".into());
        })),
        ["hacked"]
    );
    assert_eq!(
        actions(&q(&|q| q.document = Some(a.meta.id.clone()))),
        ["hacked", "met"]
    );
    assert_eq!(q(&|q| q.document = Some("nope".into())).total, 0);
    // Pages: the total counts every match.
    let p = q(&|q| {
        q.limit = Some(1);
        q.offset = 1;
    });
    assert_eq!((p.total, actions(&p)), (3, vec!["hacked".to_string()]));
    // Bad filters are refused with the filter's name.
    for bad in [
        EventQuery {
            code: Some("19x".into()),
            ..Default::default()
        },
        EventQuery {
            since: Some("2016/07".into()),
            ..Default::default()
        },
    ] {
        let e = s.events(&bad).unwrap_err().to_string();
        assert!(e.starts_with("code ") || e.starts_with("since "), "{e}");
    }
}
