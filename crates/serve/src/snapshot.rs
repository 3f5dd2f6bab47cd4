//! An in-memory view of the store for list endpoints, the ledger's sort
//! orders and filters, and the network: built with the store's scans,
//! replaced as a whole when the store's counts change.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use claimgraph_store::{ActorRow, ClaimRow, Counts, DocumentRow, EntityRow, ExportStatement, OutletRow, Store};

pub struct Snapshot {
    pub counts: Counts,
    /// Newest published first, undated last.
    pub documents: Vec<DocumentRow>,
    pub doc_pos: HashMap<String, usize>,
    /// In store order (statement id).
    pub statements: Vec<ExportStatement>,
    pub by_doc: HashMap<String, Vec<usize>>,
    pub by_claim: HashMap<String, Vec<usize>>,
    pub entities: Vec<EntityRow>,
    pub ent_by_doc: HashMap<String, Vec<usize>>,
    /// Most statements first.
    pub actors: Vec<ActorRow>,
    pub actor_pos: HashMap<String, usize>,
    pub outlets: Vec<OutletRow>,
    /// Claim ledgers by `since` ("" for all time), each computed once
    /// however many requests ask for it at the same time.
    ledgers: Mutex<HashMap<String, LedgerCell>>,
}

/// A ledger being (or already) computed.
pub type LedgerCell = Arc<tokio::sync::OnceCell<Arc<Ledger>>>;

/// Row indices of a ledger in one sort order.
pub type Order = Arc<Vec<u32>>;

/// The claim rows for one `since`, with cached sort orders and pages.
pub struct Ledger {
    pub rows: Vec<ClaimRow>,
    pub lower: Vec<String>,
    orders: Mutex<HashMap<(SortKey, bool), Order>>,
    /// Serialized responses by normalized query.
    pub pages: Mutex<HashMap<String, bytes_cache::Body>>,
}

pub mod bytes_cache {
    /// A cached response body.
    pub type Body = axum::body::Bytes;
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SortKey {
    Last,
    First,
    Articles,
    Statements,
    Outlets,
    Assert,
    Deny,
    Speculate,
    Question,
    Text,
}

impl SortKey {
    pub fn parse(s: &str) -> Option<SortKey> {
        Some(match s {
            "last" | "last_seen" => SortKey::Last,
            "first" | "first_seen" => SortKey::First,
            "articles" => SortKey::Articles,
            "statements" => SortKey::Statements,
            "outlets" => SortKey::Outlets,
            "assert" => SortKey::Assert,
            "deny" => SortKey::Deny,
            "speculate" => SortKey::Speculate,
            "question" => SortKey::Question,
            "text" => SortKey::Text,
            _ => return None,
        })
    }

    /// Descending unless the key reads naturally upwards.
    pub fn default_desc(self) -> bool {
        !matches!(self, SortKey::First | SortKey::Text)
    }
}

const MAX_LEDGERS: usize = 64;
pub const MAX_PAGES: usize = 512;

impl Snapshot {
    pub fn build(store: &dyn Store) -> Result<Snapshot> {
        let counts = store.counts()?;
        let mut documents = Vec::new();
        store.scan_documents(false, &mut |d| {
            documents.push(d);
            Ok(())
        })?;
        documents.sort_by(|a, b| match (&a.published, &b.published) {
            (Some(x), Some(y)) => y.cmp(x).then_with(|| a.id.cmp(&b.id)),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.id.cmp(&b.id),
        });
        let doc_pos = documents.iter().enumerate().map(|(i, d)| (d.id.clone(), i)).collect();
        let mut statements = Vec::new();
        store.scan_statements(&mut |s| {
            statements.push(s);
            Ok(())
        })?;
        let mut by_doc: HashMap<String, Vec<usize>> = HashMap::new();
        let mut by_claim: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, s) in statements.iter().enumerate() {
            by_doc.entry(s.document.clone()).or_default().push(i);
            if let Some(c) = &s.claim_id {
                by_claim.entry(c.clone()).or_default().push(i);
            }
        }
        let mut entities = Vec::new();
        store.scan_entities(&mut |e| {
            entities.push(e);
            Ok(())
        })?;
        let mut ent_by_doc: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            ent_by_doc.entry(e.document.clone()).or_default().push(i);
        }
        let mut actors = Vec::new();
        store.scan_actors(&mut |a| {
            actors.push(a);
            Ok(())
        })?;
        actors.sort_by(|a, b| b.statements.cmp(&a.statements).then_with(|| a.name.cmp(&b.name)));
        let actor_pos = actors.iter().enumerate().map(|(i, a)| (a.id.clone(), i)).collect();
        let mut outlets = Vec::new();
        store.scan_outlets(&mut |o| {
            outlets.push(o);
            Ok(())
        })?;
        Ok(Snapshot {
            counts,
            documents,
            doc_pos,
            statements,
            by_doc,
            by_claim,
            entities,
            ent_by_doc,
            actors,
            actor_pos,
            outlets,
            ledgers: Mutex::new(HashMap::new()),
        })
    }

    /// The cell holding the ledger for `since` (created empty when new).
    pub fn ledger_cell(&self, since: &str) -> LedgerCell {
        let mut m = match self.ledgers.lock() {
            Ok(g) => g,
            Err(p) => p.into_inner(),
        };
        if m.len() >= MAX_LEDGERS && !m.contains_key(since) {
            m.retain(|k, _| k.is_empty());
        }
        m.entry(since.to_string()).or_default().clone()
    }

    pub fn make_ledger(rows: Vec<ClaimRow>) -> Arc<Ledger> {
        let lower = rows.iter().map(|r| r.text.to_lowercase()).collect();
        Arc::new(Ledger {
            rows,
            lower,
            orders: Mutex::new(HashMap::new()),
            pages: Mutex::new(HashMap::new()),
        })
    }

    /// The display name of a statement's speaker node.
    pub fn speaker_node(&self, s: &ExportStatement) -> (String, String) {
        match s
            .speaker_actor
            .as_ref()
            .and_then(|a| self.actor_pos.get(a).map(|&i| (a, i)))
        {
            Some((a, i)) => (format!("a:{a}"), self.actors[i].name.clone()),
            None => (format!("s:{}", s.speaker.to_lowercase()), s.speaker.clone()),
        }
    }
}

impl Ledger {
    /// Row indices in the requested order (cached).
    pub fn order(&self, key: SortKey, desc: bool) -> Arc<Vec<u32>> {
        if let Some(o) = self.orders.lock().ok().and_then(|m| m.get(&(key, desc)).cloned()) {
            return o;
        }
        let rows = &self.rows;
        let mut idx: Vec<u32> = (0..rows.len() as u32).collect();
        let num = |r: &ClaimRow| -> u64 {
            match key {
                SortKey::Articles => r.articles,
                SortKey::Statements => r.statements,
                SortKey::Outlets => r.outlets,
                SortKey::Assert => r.assert,
                SortKey::Deny => r.deny,
                SortKey::Speculate => r.speculate,
                SortKey::Question => r.question,
                _ => 0,
            }
        };
        idx.sort_by(|&a, &b| {
            let (x, y) = (&rows[a as usize], &rows[b as usize]);
            let ord = match key {
                SortKey::Last | SortKey::First => {
                    let (p, q) = if key == SortKey::Last {
                        (&x.last_seen, &y.last_seen)
                    } else {
                        (&x.first_seen, &y.first_seen)
                    };
                    // Undated rows go last in either direction.
                    match (p, q) {
                        (Some(p), Some(q)) => {
                            let o = p.cmp(q);
                            if desc {
                                o.reverse()
                            } else {
                                o
                            }
                        }
                        (Some(_), None) => std::cmp::Ordering::Less,
                        (None, Some(_)) => std::cmp::Ordering::Greater,
                        (None, None) => std::cmp::Ordering::Equal,
                    }
                }
                SortKey::Text => {
                    let o = self.lower[a as usize].cmp(&self.lower[b as usize]);
                    if desc {
                        o.reverse()
                    } else {
                        o
                    }
                }
                _ => {
                    let o = num(x).cmp(&num(y));
                    if desc {
                        o.reverse()
                    } else {
                        o
                    }
                }
            };
            ord.then_with(|| y.statements.cmp(&x.statements))
                .then_with(|| x.id.cmp(&y.id))
        });
        let idx = Arc::new(idx);
        if let Ok(mut m) = self.orders.lock() {
            m.insert((key, desc), idx.clone());
        }
        idx
    }
}
