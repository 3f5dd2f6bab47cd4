//! Exports over any [`Store`]: CSV tables (pandas), one JSON document,
//! GraphML (Gephi: actors ↔ claims, edges typed by stance, plus who-cites-
//! whom edges), schema.org ClaimReview JSON-LD and FollowTheMoney entities
//! (Aleph). All stream from the store's scans.

use std::collections::{BTreeMap, HashMap};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;
use serde_json::{json, Value};

use crate::{ClaimQuery, ExportStatement, Store};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
    Graphml,
    ClaimReview,
    Ftm,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        Ok(match s.to_ascii_lowercase().as_str() {
            "csv" => Format::Csv,
            "json" => Format::Json,
            "graphml" => Format::Graphml,
            "claimreview" => Format::ClaimReview,
            "ftm" | "followthemoney" => Format::Ftm,
            _ => {
                return Err(format!(
                    "unknown export format {s:?}: csv, json, graphml, claimreview or ftm"
                ))
            }
        })
    }
}

/// Writes the export. CSV goes to a directory (`out`, default `export/`);
/// the others to a file, or standard output when `out` is `None` or `-`.
/// Returns the files written.
pub fn export(store: &dyn Store, format: Format, out: Option<&Path>) -> Result<Vec<PathBuf>> {
    if format == Format::Csv {
        let dir = out.map_or_else(|| PathBuf::from("export"), Path::to_path_buf);
        return write_csv(store, &dir);
    }
    let to_stdout = out.is_none_or(|p| p.as_os_str() == "-");
    let mut w: Box<dyn Write> = if to_stdout {
        Box::new(BufWriter::new(std::io::stdout().lock()))
    } else {
        let p = out.expect("checked");
        Box::new(BufWriter::new(
            File::create(p).with_context(|| format!("creating {}", p.display()))?,
        ))
    };
    match format {
        Format::Json => write_json(store, &mut w)?,
        Format::Graphml => write_graphml(store, &mut w)?,
        Format::ClaimReview => write_claimreview(store, &mut w)?,
        Format::Ftm => write_ftm(store, &mut w)?,
        Format::Csv => unreachable!(),
    }
    w.flush()?;
    Ok(if to_stdout {
        vec![]
    } else {
        vec![out.expect("checked").to_path_buf()]
    })
}

/// One CSV file per table: documents, statements, claims, actors, outlets,
/// entities, events. Lists are `; `-joined.
pub fn write_csv(store: &dyn Store, dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let mut files = Vec::new();
    let mut table = |name: &str, header: &[&str], fill: &mut dyn FnMut(&mut Csv) -> Result<()>| -> Result<()> {
        let path = dir.join(format!("{name}.csv"));
        let f = File::create(&path).with_context(|| format!("creating {}", path.display()))?;
        let mut csv = Csv { w: BufWriter::new(f) };
        csv.row(header.iter().map(|s| s.to_string()))?;
        fill(&mut csv)?;
        csv.w.flush()?;
        files.push(path);
        Ok(())
    };
    let o = |s: &Option<String>| s.clone().unwrap_or_default();
    let n = |v: &dyn ToString| v.to_string();
    table(
        "documents",
        &[
            "id",
            "content_hash",
            "source",
            "title",
            "published",
            "outlet",
            "language",
            "ingested_at",
            "statements",
            "text",
        ],
        &mut |c| {
            store.scan_documents(true, &mut |d| {
                c.row([
                    d.id,
                    d.content_hash,
                    d.source,
                    o(&d.title),
                    o(&d.published),
                    o(&d.outlet),
                    d.language,
                    d.ingested_at,
                    n(&d.statements),
                    o(&d.text),
                ])
            })
        },
    )?;
    table(
        "statements",
        &[
            "id",
            "document",
            "index",
            "start",
            "end",
            "date",
            "outlet",
            "speaker",
            "speaker_type",
            "speaker_actor",
            "kind",
            "cue",
            "stance",
            "hedges",
            "about",
            "via",
            "claim_id",
            "evidence",
            "relayed_by",
            "content",
        ],
        &mut |c| {
            store.scan_statements(&mut |s| {
                c.row([
                    n(&s.id),
                    s.document,
                    n(&s.index),
                    n(&s.start),
                    n(&s.end),
                    o(&s.date),
                    o(&s.outlet),
                    s.speaker,
                    s.speaker_type,
                    o(&s.speaker_actor),
                    s.kind,
                    o(&s.cue),
                    s.stance,
                    s.hedges.join("; "),
                    s.about.join("; "),
                    s.via.map(|v| v.to_string()).unwrap_or_default(),
                    o(&s.claim_id),
                    s.evidence.join("; "),
                    o(&s.relayed_by),
                    s.content,
                ])
            })
        },
    )?;
    table(
        "claims",
        &[
            "id",
            "text",
            "first_seen",
            "last_seen",
            "articles",
            "outlets",
            "statements",
            "assert",
            "deny",
            "speculate",
            "question",
            "evidence",
            "evidence_kinds",
        ],
        &mut |c| {
            for r in store.claims(&ClaimQuery {
                sort: crate::ClaimSort::First,
                ..Default::default()
            })? {
                c.row([
                    r.id,
                    r.text,
                    o(&r.first_seen),
                    o(&r.last_seen),
                    n(&r.articles),
                    n(&r.outlets),
                    n(&r.statements),
                    n(&r.assert),
                    n(&r.deny),
                    n(&r.speculate),
                    n(&r.question),
                    n(&r.evidence),
                    r.evidence_kinds.join("; "),
                ])?;
            }
            Ok(())
        },
    )?;
    table(
        "actors",
        &["id", "name", "type", "speaker_type", "aliases", "roles", "statements"],
        &mut |c| {
            store.scan_actors(&mut |a| {
                let roles: Vec<String> = a
                    .roles
                    .iter()
                    .map(|r| format!("{} ({}–{})", r.role, o(&r.first_seen), o(&r.last_seen)))
                    .collect();
                c.row([
                    a.id,
                    a.name,
                    a.etype,
                    o(&a.speaker_type),
                    a.aliases.join("; "),
                    roles.join("; "),
                    n(&a.statements),
                ])
            })
        },
    )?;
    table("outlets", &["name", "domain", "documents"], &mut |c| {
        store.scan_outlets(&mut |r| c.row([r.name, o(&r.domain), n(&r.documents)]))
    })?;
    table(
        "entities",
        &[
            "document",
            "index",
            "name",
            "type",
            "role",
            "affiliation",
            "speaker_type",
            "actor_id",
            "mentions",
        ],
        &mut |c| {
            store.scan_entities(&mut |e| {
                let mentions: Vec<String> = e.mentions.iter().map(|m| format!("{}-{}", m[0], m[1])).collect();
                c.row([
                    e.document,
                    n(&e.index),
                    e.name,
                    e.etype,
                    o(&e.role),
                    o(&e.affiliation),
                    o(&e.speaker_type),
                    o(&e.actor_id),
                    mentions.join("; "),
                ])
            })
        },
    )?;
    table(
        "events",
        &[
            "document",
            "actor",
            "action",
            "target",
            "code",
            "date",
            "places",
            "start",
            "end",
            "statement",
        ],
        &mut |c| {
            store.scan_events(&mut |e| {
                c.row([
                    e.document,
                    o(&e.actor),
                    e.action,
                    o(&e.target),
                    o(&e.code),
                    o(&e.date),
                    e.places.join("; "),
                    n(&e.start),
                    n(&e.end),
                    e.statement.map(|i| i.to_string()).unwrap_or_default(),
                ])
            })
        },
    )?;
    Ok(files)
}

struct Csv {
    w: BufWriter<File>,
}

impl Csv {
    fn row<I: IntoIterator<Item = String>>(&mut self, fields: I) -> Result<()> {
        for (i, f) in fields.into_iter().enumerate() {
            if i > 0 {
                self.w.write_all(b",")?;
            }
            if f.contains([',', '"', '\n', '\r']) {
                write!(self.w, "\"{}\"", f.replace('"', "\"\""))?;
            } else {
                self.w.write_all(f.as_bytes())?;
            }
        }
        self.w.write_all(b"\r\n")?;
        Ok(())
    }
}

/// One JSON object: `{"documents": [...], "statements": [...], "claims":
/// [...], "actors": [...], "outlets": [...], "entities": [...], "events": [...]}`.
pub fn write_json(store: &dyn Store, w: &mut dyn Write) -> Result<()> {
    fn array<T: Serialize>(
        w: &mut dyn Write,
        name: &str,
        first: bool,
        scan: &mut dyn FnMut(crate::Visit<'_, T>) -> Result<()>,
    ) -> Result<()> {
        write!(w, "{}\"{name}\":[", if first { "{" } else { "," })?;
        let mut n = 0usize;
        scan(&mut |item: T| {
            if n > 0 {
                w.write_all(b",")?;
            }
            n += 1;
            serde_json::to_writer(&mut *w, &item)?;
            Ok(())
        })?;
        w.write_all(b"]")?;
        Ok(())
    }
    array(w, "documents", true, &mut |f| store.scan_documents(true, f))?;
    array(w, "statements", false, &mut |f| store.scan_statements(f))?;
    array(w, "claims", false, &mut |f| {
        for c in store.claims(&ClaimQuery {
            sort: crate::ClaimSort::First,
            ..Default::default()
        })? {
            f(c)?;
        }
        Ok(())
    })?;
    array(w, "actors", false, &mut |f| store.scan_actors(f))?;
    array(w, "outlets", false, &mut |f| store.scan_outlets(f))?;
    array(w, "entities", false, &mut |f| store.scan_entities(f))?;
    array(w, "events", false, &mut |f| store.scan_events(f))?;
    w.write_all(b"}\n")?;
    Ok(())
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

/// The graph node a statement's source is: its actor, else its name.
fn source_node(s: &ExportStatement) -> String {
    match &s.speaker_actor {
        Some(a) => format!("actor:{a}"),
        None => format!("speaker:{}", s.speaker.to_lowercase()),
    }
}

/// GraphML for Gephi: actor and claim nodes; `stance` edges (source → claim,
/// typed assert / deny / speculate / question, weighted by statements) and
/// `cites` edges (X said that Y said: X → Y).
pub fn write_graphml(store: &dyn Store, w: &mut dyn Write) -> Result<()> {
    struct Node {
        label: String,
        kind: &'static str,
        etype: String,
        statements: u64,
    }
    let mut nodes: BTreeMap<String, Node> = BTreeMap::new();
    store.scan_actors(&mut |a| {
        nodes.insert(
            format!("actor:{}", a.id),
            Node {
                label: a.name,
                kind: "actor",
                etype: a.speaker_type.unwrap_or(a.etype),
                statements: a.statements,
            },
        );
        Ok(())
    })?;
    for c in store.claims(&ClaimQuery::default())? {
        nodes.insert(
            format!("claim:{}", c.id),
            Node {
                label: c.text,
                kind: "claim",
                etype: String::new(),
                statements: c.statements,
            },
        );
    }
    let mut edges: BTreeMap<(String, String, String), u64> = BTreeMap::new();
    let mut doc = String::new();
    let mut in_doc: HashMap<u32, String> = HashMap::new();
    store.scan_statements(&mut |s| {
        if s.document != doc {
            doc = s.document.clone();
            in_doc.clear();
        }
        let src = source_node(&s);
        nodes.entry(src.clone()).or_insert_with(|| Node {
            label: s.speaker.clone(),
            kind: "speaker",
            etype: s.speaker_type.clone(),
            statements: 0,
        });
        if s.speaker_actor.is_none() {
            if let Some(n) = nodes.get_mut(&src) {
                n.statements += 1;
            }
        }
        if let Some(c) = &s.claim_id {
            *edges
                .entry((src.clone(), format!("claim:{c}"), s.stance.clone()))
                .or_default() += 1;
        }
        if let Some(outer) = s.via.and_then(|v| in_doc.get(&v)) {
            if *outer != src {
                *edges.entry((outer.clone(), src.clone(), "cites".into())).or_default() += 1;
            }
        }
        in_doc.insert(s.index, src);
        Ok(())
    })?;
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    writeln!(
        w,
        r#"  <key id="label" for="node" attr.name="label" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="kind" for="node" attr.name="kind" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="type" for="node" attr.name="type" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="statements" for="node" attr.name="statements" attr.type="long"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="stance" for="edge" attr.name="stance" attr.type="string"/>"#
    )?;
    writeln!(
        w,
        r#"  <key id="weight" for="edge" attr.name="weight" attr.type="double"/>"#
    )?;
    writeln!(w, r#"  <graph id="claimgraph" edgedefault="directed">"#)?;
    for (id, n) in &nodes {
        writeln!(
            w,
            r#"    <node id="{}"><data key="label">{}</data><data key="kind">{}</data><data key="type">{}</data><data key="statements">{}</data></node>"#,
            xml_escape(id),
            xml_escape(&n.label),
            n.kind,
            xml_escape(&n.etype),
            n.statements
        )?;
    }
    for (i, ((from, to, stance), weight)) in edges.iter().enumerate() {
        writeln!(
            w,
            r#"    <edge id="e{i}" source="{}" target="{}"><data key="stance">{}</data><data key="weight">{weight}</data></edge>"#,
            xml_escape(from),
            xml_escape(to),
            xml_escape(stance)
        )?;
    }
    writeln!(w, "  </graph>\n</graphml>")?;
    Ok(())
}

/// schema.org type of a speaker.
fn schema_org_type(speaker_type: &str) -> &'static str {
    match speaker_type {
        "person" | "PERSON" => "Person",
        "government" | "country" | "GPE" => "GovernmentOrganization",
        "media" | "MEDIA" => "NewsMediaOrganization",
        _ => "Organization",
    }
}

/// schema.org ClaimReview JSON-LD, one per claim. claimgraph records who
/// said what; it does not rate truth, so `reviewRating` carries the record
/// (who asserts, who denies, whether evidence is cited) with no verdict
/// value.
pub fn write_claimreview(store: &dyn Store, w: &mut dyn Write) -> Result<()> {
    let mut docs: HashMap<String, (String, Option<String>)> = HashMap::new();
    store.scan_documents(false, &mut |d| {
        docs.insert(d.id, (d.source, d.title));
        Ok(())
    })?;
    let mut by_claim: HashMap<String, Vec<ExportStatement>> = HashMap::new();
    store.scan_statements(&mut |s| {
        if let Some(c) = s.claim_id.clone() {
            by_claim.entry(c).or_default().push(s);
        }
        Ok(())
    })?;
    let today = crate::now_utc()[..10].to_string();
    let mut out = Vec::new();
    for c in store.claims(&ClaimQuery {
        sort: crate::ClaimSort::First,
        ..Default::default()
    })? {
        let stmts = by_claim.remove(&c.id).unwrap_or_default();
        let mut appearances = Vec::new();
        let mut seen_docs = std::collections::HashSet::new();
        let mut authors = Vec::new();
        let mut seen_auth = std::collections::HashSet::new();
        for s in &stmts {
            if seen_docs.insert(s.document.clone()) {
                let (source, title) = docs.get(&s.document).cloned().unwrap_or_default();
                let mut a = json!({"@type": "NewsArticle", "identifier": s.document});
                if source.starts_with("http://") || source.starts_with("https://") {
                    a["url"] = json!(source);
                }
                if let Some(t) = title {
                    a["headline"] = json!(t);
                }
                if let Some(d) = &s.date {
                    a["datePublished"] = json!(d);
                }
                if let Some(o) = &s.outlet {
                    a["publisher"] = json!({"@type": "Organization", "name": o});
                }
                appearances.push(a);
            }
            if s.stance == "assert" && seen_auth.insert(s.speaker.to_lowercase()) {
                authors.push(json!({"@type": schema_org_type(&s.speaker_type), "name": s.speaker}));
            }
        }
        let summary = format!(
            "Asserted by {} source{}, denied by {}, speculated by {}, questioned by {}; {} across {} article{} in {} outlet{}",
            c.assert,
            if c.assert == 1 { "" } else { "s" },
            c.deny,
            c.speculate,
            c.question,
            if c.evidence { format!("cites evidence ({})", c.evidence_kinds.join(", ")) } else { "no statement cites evidence".into() },
            c.articles,
            if c.articles == 1 { "" } else { "s" },
            c.outlets,
            if c.outlets == 1 { "" } else { "s" },
        );
        let mut item = json!({"@type": "Claim", "appearance": appearances});
        if let Some(first) = appearances_first(&item) {
            item["firstAppearance"] = first;
        }
        if let Some(d) = &c.first_seen {
            item["datePublished"] = json!(d);
        }
        if !authors.is_empty() {
            item["author"] = Value::Array(authors);
        }
        out.push(json!({
            "@context": "https://schema.org",
            "@type": "ClaimReview",
            "identifier": c.id,
            "claimReviewed": c.text,
            "datePublished": today,
            "author": {"@type": "Organization", "name": "claimgraph"},
            "itemReviewed": item,
            "reviewRating": {"@type": "Rating", "alternateName": summary},
        }));
    }
    serde_json::to_writer_pretty(&mut *w, &out)?;
    w.write_all(b"\n")?;
    Ok(())
}

fn appearances_first(item: &Value) -> Option<Value> {
    item["appearance"].as_array()?.first().cloned()
}

/// FollowTheMoney schema of an actor.
fn ftm_schema(speaker_type: Option<&str>, etype: &str) -> &'static str {
    match (speaker_type, etype) {
        (Some("person"), _) | (None, "PERSON") => "Person",
        (Some("government" | "country"), _) | (None, "GPE") => "PublicBody",
        (Some("organization" | "media" | "group"), _) | (None, "ORG" | "MEDIA") => "Organization",
        _ => "LegalEntity",
    }
}

fn ftm_id(kind: &str, key: &str) -> String {
    format!("cg-{kind}-{}", &crate::content_hash(key)[..20])
}

/// FollowTheMoney entities as JSON Lines, for `ftm` / Aleph: actors as
/// Person / Organization / PublicBody / LegalEntity, documents as Article,
/// and each statement as a Documentation linking its speaker to the article
/// (role = stance, summary = what was said, description = the claim).
pub fn write_ftm(store: &dyn Store, w: &mut dyn Write) -> Result<()> {
    let mut line = |v: Value| -> Result<()> {
        serde_json::to_writer(&mut *w, &v)?;
        w.write_all(b"\n")?;
        Ok(())
    };
    let mut actor_ids = HashMap::new();
    store.scan_actors(&mut |a| {
        let id = ftm_id("actor", &a.id);
        let mut props = json!({"name": [a.name]});
        if !a.aliases.is_empty() {
            props["alias"] = json!(a.aliases);
        }
        let schema = ftm_schema(a.speaker_type.as_deref(), &a.etype);
        if schema == "Person" && !a.roles.is_empty() {
            props["position"] = json!(a.roles.iter().map(|r| r.role.clone()).collect::<Vec<_>>());
        }
        line(json!({"id": id, "schema": schema, "properties": props}))?;
        actor_ids.insert(a.id, id);
        Ok(())
    })?;
    let mut doc_ids = HashMap::new();
    store.scan_documents(true, &mut |d| {
        let id = ftm_id("doc", &d.content_hash);
        let mut props = json!({"title": [d.title.clone().unwrap_or_else(|| d.source.clone())], "fileName": [d.source]});
        if d.source.starts_with("http://") || d.source.starts_with("https://") {
            props["sourceUrl"] = json!([d.source]);
        }
        if let Some(p) = &d.published {
            props["publishedAt"] = json!([p]);
        }
        if let Some(o) = &d.outlet {
            props["publisher"] = json!([o]);
        }
        if d.language == "en" {
            props["language"] = json!(["eng"]);
        }
        if let Some(t) = &d.text {
            props["bodyText"] = json!([t]);
        }
        line(json!({"id": id, "schema": "Article", "properties": props}))?;
        doc_ids.insert(d.id, id);
        Ok(())
    })?;
    let mut claim_text = HashMap::new();
    for c in store.claims(&ClaimQuery::default())? {
        claim_text.insert(c.id, c.text);
    }
    let mut unresolved: HashMap<String, String> = HashMap::new();
    let mut pending = Vec::new();
    store.scan_statements(&mut |s| {
        let entity = match s.speaker_actor.as_ref().and_then(|a| actor_ids.get(a)) {
            Some(id) => id.clone(),
            None => {
                let key = s.speaker.to_lowercase();
                if let Some(id) = unresolved.get(&key) {
                    id.clone()
                } else {
                    let id = ftm_id("speaker", &key);
                    pending.push(json!({"id": id, "schema": ftm_schema(Some(&s.speaker_type), ""),
                                        "properties": {"name": [s.speaker]}}));
                    unresolved.insert(key, id.clone());
                    id
                }
            }
        };
        let mut props = json!({
            "entity": [entity],
            "role": [s.stance],
            "summary": [s.content],
        });
        if let Some(d) = doc_ids.get(&s.document) {
            props["document"] = json!([d]);
        }
        if let Some(d) = &s.date {
            props["date"] = json!([d]);
        }
        if let Some(c) = s.claim_id.as_ref().and_then(|c| claim_text.get(c).map(|t| (c, t))) {
            props["description"] = json!([format!("claim {}: {}", c.0, c.1)]);
        }
        if !s.evidence.is_empty() {
            props["status"] = json!([format!("cites evidence: {}", s.evidence.join(", "))]);
        }
        pending.push(json!({"id": format!("cg-statement-{}", s.id), "schema": "Documentation", "properties": props}));
        Ok(())
    })?;
    for v in pending {
        line(v)?;
    }
    Ok(())
}
