//! Cross-document actor resolution: one id per real-world actor.
//!
//! Names meet through a spelling skeleton (lowercase, diacritics, hyphens
//! and punctuation stripped, common transliteration variants folded:
//! "Jeyhun"/"Ceyhun", "Amir-Abdollahian"/"Amirabdollahian", "kh"/"h",
//! "y"/"i", doubled letters), through aliases the entity layer found, through
//! a surname standing for the one person of the corpus carrying it, and
//! through government metonyms ("the Kremlin", "official Baku", "Moscow" as a
//! source → the government of the country). Roles are kept with the date of
//! the document that gave them.

use foldhash::HashMap;

use claimgraph_doc::{Doc, EntityType, SpeakerType};
use serde::{Deserialize, Serialize};

use crate::text::fold;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorRecord {
    pub id: String,
    pub name: String,
    /// PERSON, ORG, MEDIA, GPE, LOC, EVENT, or UNNAMED for described sources.
    pub etype: String,
    pub aliases: Vec<String>,
    pub speaker_type: Option<String>,
    /// (role, published date of the document that gave it).
    #[serde(default)]
    pub roles: Vec<(String, Option<String>)>,
}

/// Actor ids of one document: per entity (same order as `doc.entities`) and
/// per statement speaker (same order as `doc.statements`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ResolvedDoc {
    pub entity_actor: Vec<String>,
    pub speaker_actor: Vec<String>,
}

/// Spelling skeleton of a name for matching transliterations.
pub fn skeleton(name: &str) -> String {
    if name.is_ascii() {
        return skeleton_ascii(name.as_bytes());
    }
    skeleton_chars(name)
}

/// [`skeleton`] of an ASCII name (nearly every one; the resolver asks for
/// one per name it looks up): the same steps over one byte buffer, without
/// the per-character string calls and the intermediate strings.
fn skeleton_ascii(name: &[u8]) -> String {
    let mut s: Vec<u8> = Vec::with_capacity(name.len());
    for &b in name {
        let b = b.to_ascii_lowercase();
        if b.is_ascii_alphanumeric() {
            s.push(b);
        } else if b.is_ascii_whitespace() || b == 0x0B {
            // (`char::is_whitespace` also takes the vertical tab)
            if s.last().is_some_and(|&l| l != b' ') {
                s.push(b' ');
            }
        }
    }
    while s.last() == Some(&b' ') {
        s.pop();
    }
    for (from, to) in [(&b"dzh"[..], b'j'), (b"kh", b'h'), (b"ph", b'f'), (b"ck", b'k')] {
        claimgraph_entities::replace_in_place(&mut s, from, to);
    }
    let mut out = String::with_capacity(s.len());
    let mut last = None;
    for &b in &s {
        let c = match b {
            b'c' => b'j',
            b'y' => b'i',
            b'q' => b'k',
            b'w' => b'v',
            _ => b,
        };
        if last == Some(c) && c != b' ' {
            continue; // doubled letters
        }
        out.push(c as char);
        last = Some(c);
    }
    out
}

fn skeleton_chars(name: &str) -> String {
    let f = fold(name);
    let mut s = String::with_capacity(f.len());
    for c in f.chars() {
        if c.is_alphanumeric() {
            s.push(c);
        } else if c.is_whitespace() && !s.ends_with(' ') && !s.is_empty() {
            s.push(' ');
        }
        // hyphens, apostrophes, dots vanish: "Amir-Abdollahian" → "amirabdollahian"
    }
    let mut s = s.trim_end().to_string();
    // In this order; a pattern that is absent costs no new string.
    for (from, to) in [("dzh", "j"), ("kh", "h"), ("ph", "f"), ("ck", "k")] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        let c = match c {
            'c' => 'j',
            'y' => 'i',
            'q' => 'k',
            'w' => 'v',
            _ => c,
        };
        if out.ends_with(c) && c != ' ' {
            continue; // doubled letters
        }
        out.push(c);
    }
    out
}

/// Government metonyms: (folded form, country key, country name).
const METONYMS: &[(&str, &str)] = &[
    ("kremlin", "Russia"),
    ("moscow", "Russia"),
    ("white house", "United States"),
    ("washington", "United States"),
    ("downing street", "United Kingdom"),
    ("whitehall", "United Kingdom"),
    ("london", "United Kingdom"),
    ("beijing", "China"),
    ("zhongnanhai", "China"),
    ("baku", "Azerbaijan"),
    ("tehran", "Iran"),
    ("ankara", "Turkey"),
    ("yerevan", "Armenia"),
    ("kyiv", "Ukraine"),
    ("kiev", "Ukraine"),
    ("bankova", "Ukraine"),
    ("pyongyang", "North Korea"),
    ("elysee", "France"),
    ("elysee palace", "France"),
    ("paris", "France"),
    ("berlin", "Germany"),
    ("tbilisi", "Georgia"),
    ("taipei", "Taiwan"),
    ("damascus", "Syria"),
    ("riyadh", "Saudi Arabia"),
    ("tokyo", "Japan"),
    ("new delhi", "India"),
    ("islamabad", "Pakistan"),
    ("tel aviv", "Israel"),
    ("jerusalem", "Israel"),
];

/// Metonyms that name the government whatever the context.
const ALWAYS_GOVERNMENT: &[&str] = &[
    "kremlin",
    "white house",
    "downing street",
    "whitehall",
    "zhongnanhai",
    "bankova",
    "elysee",
    "elysee palace",
];

/// The country whose government a name stands for, if it is a metonym.
/// `as_source`: the name is used as a speaker (bare capitals count then).
pub fn government_of(name: &str, as_source: bool) -> Option<&'static str> {
    let f = fold(name);
    let f = f.trim().trim_start_matches("the ").trim();
    let (official, bare) = match f.strip_prefix("official ") {
        Some(rest) => (true, rest.trim()),
        None => (false, f),
    };
    let (_, country) = METONYMS.iter().find(|(m, _)| *m == bare)?;
    (official || as_source || ALWAYS_GOVERNMENT.contains(&bare)).then_some(*country)
}

fn class_of(etype: &str) -> &'static str {
    match etype {
        "PERSON" => "p",
        "UNNAMED" => "u",
        _ => "o",
    }
}

fn etype_str(t: EntityType) -> &'static str {
    t.as_str()
}

fn etype_for_speaker(t: SpeakerType) -> &'static str {
    match t {
        SpeakerType::Person => "PERSON",
        SpeakerType::Media => "MEDIA",
        SpeakerType::Country => "GPE",
        SpeakerType::Government | SpeakerType::Organization | SpeakerType::Group => "ORG",
        SpeakerType::Unnamed => "UNNAMED",
    }
}

#[derive(Default)]
pub struct ActorResolver {
    actors: Vec<ActorRecord>,
    /// class|skeleton → actor
    index: HashMap<String, usize>,
    /// surname skeleton → person actors with that surname
    surnames: HashMap<String, Vec<usize>>,
}

impl ActorResolver {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn restore(mut actors: Vec<ActorRecord>) -> Self {
        actors.sort_by_key(|a| a.id.trim_start_matches('a').parse::<u64>().unwrap_or(u64::MAX));
        let mut r = ActorResolver::new();
        for a in actors {
            let i = r.actors.len();
            r.actors.push(a);
            r.index_actor(i);
        }
        r
    }

    pub fn records(&self) -> Vec<ActorRecord> {
        self.actors.clone()
    }

    /// The records of the actors whose ids `wanted` accepts, in order.
    pub fn records_where(&self, wanted: impl Fn(&str) -> bool) -> Vec<ActorRecord> {
        self.actors.iter().filter(|a| wanted(&a.id)).cloned().collect()
    }

    fn index_actor(&mut self, i: usize) {
        let a = &self.actors[i];
        let class = class_of(&a.etype);
        let names: Vec<String> = std::iter::once(a.name.clone())
            .chain(a.aliases.iter().cloned())
            .collect();
        for n in names {
            let sk = skeleton(&n);
            if sk.is_empty() {
                continue;
            }
            self.index.entry(format!("{class}|{sk}")).or_insert(i);
            if class == "p" {
                if let Some((_, last)) = sk.rsplit_once(' ') {
                    let v = self.surnames.entry(last.to_string()).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
    }

    fn add_alias(&mut self, i: usize, alias: &str) {
        let a = &mut self.actors[i];
        if alias.trim().is_empty() || a.name == alias || a.aliases.iter().any(|x| x == alias) {
            return;
        }
        a.aliases.push(alias.to_string());
        self.index_actor(i);
    }

    fn create(&mut self, name: &str, etype: &str, speaker_type: Option<&str>) -> usize {
        let i = self.actors.len();
        self.actors.push(ActorRecord {
            id: format!("a{:06}", i + 1),
            name: name.to_string(),
            etype: etype.to_string(),
            aliases: Vec::new(),
            speaker_type: speaker_type.map(str::to_string),
            roles: Vec::new(),
        });
        self.index_actor(i);
        i
    }

    /// Actor of a government metonym ("Government of Russia").
    fn government(&mut self, country: &str, alias: &str) -> usize {
        let the = if country.starts_with("United ") { "the " } else { "" };
        let name = format!("Government of {the}{country}");
        let i = match self.index.get(&format!("o|{}", skeleton(&name))) {
            Some(&i) => i,
            None => self.create(&name, "ORG", Some("government")),
        };
        self.add_alias(i, alias);
        i
    }

    /// Finds or creates the actor for a name of a given type.
    fn lookup(&mut self, name: &str, aliases: &[String], etype: &str, speaker_type: Option<&str>) -> usize {
        let class = class_of(etype);
        let names: Vec<&str> = std::iter::once(name)
            .chain(aliases.iter().map(String::as_str))
            .collect();
        for n in &names {
            if let Some(&i) = self.index.get(&format!("{class}|{}", skeleton(n))) {
                for a in &names {
                    self.add_alias(i, a);
                }
                return i;
            }
        }
        if class == "p" {
            let sk = skeleton(name);
            match sk.rsplit_once(' ') {
                // a full name: an earlier surname-only actor of that surname
                Some((_, last)) => {
                    if let Some(&i) = self.index.get(&format!("p|{last}")) {
                        let lone = self.surnames.get(last).is_none_or(|v| v.iter().all(|&j| j == i));
                        if lone && !self.actors[i].name.contains(' ') {
                            let short = std::mem::replace(&mut self.actors[i].name, name.to_string());
                            self.add_alias(i, &short);
                            self.index_actor(i);
                            return i;
                        }
                    }
                }
                // a surname alone: the one person carrying it
                None => {
                    if let Some(v) = self.surnames.get(&sk) {
                        if v.len() == 1 {
                            let i = v[0];
                            self.add_alias(i, name);
                            return i;
                        }
                    }
                }
            }
        }
        let i = self.create(name, etype, speaker_type);
        for a in aliases {
            self.add_alias(i, a);
        }
        i
    }

    pub fn resolve(&mut self, doc: &Doc) -> ResolvedDoc {
        let date = doc.meta.published.clone();
        let mut entity_actor = Vec::with_capacity(doc.entities.len());
        // full names first, so surnames in the same document find them
        let mut order: Vec<usize> = (0..doc.entities.len()).collect();
        order.sort_by_key(|&i| std::cmp::Reverse(doc.entities[i].name.split_whitespace().count()));
        let mut ids = vec![usize::MAX; doc.entities.len()];
        for &ei in &order {
            let e = &doc.entities[ei];
            let st = e.speaker_type.map(|t| t.as_str());
            let gov = government_of(&e.name, e.speaker_type == Some(SpeakerType::Government))
                .or_else(|| e.aliases.iter().find_map(|a| government_of(a, false)));
            let i = match gov {
                Some(country) if e.etype != EntityType::Person => {
                    let i = self.government(country, &e.name);
                    // only the other metonyms of that government (an entity
                    // layer's aliases of "MOSCOW (AP)" may hold the agency)
                    for a in &e.aliases {
                        if government_of(a, true) == Some(country) {
                            self.add_alias(i, a);
                        }
                    }
                    i
                }
                _ => self.lookup(&e.name, &e.aliases, etype_str(e.etype), st),
            };
            if let Some(role) = &e.role {
                let entry = (role.clone(), date.clone());
                if !self.actors[i].roles.contains(&entry) {
                    self.actors[i].roles.push(entry);
                }
            }
            if self.actors[i].speaker_type.is_none() {
                self.actors[i].speaker_type = st.map(str::to_string);
            }
            ids[ei] = i;
        }
        for &i in &ids {
            entity_actor.push(self.actors[i].id.clone());
        }
        let mut speaker_actor = Vec::with_capacity(doc.statements.len());
        // each entity's name skeletons, once per document: every statement
        // compares its speaker with all of them
        let entity_skeletons: Vec<Vec<String>> = doc
            .entities
            .iter()
            .map(|e| {
                std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .map(|n| skeleton(n))
                    .collect()
            })
            .collect();
        for s in &doc.statements {
            let name = s.speaker.trim();
            let sk = skeleton(name);
            let agrees = |e: usize| !sk.is_empty() && entity_skeletons[e].contains(&sk);
            // the entity the speaker mention or name points at
            let ent = s
                .speaker_mention
                .and_then(|m| doc.entity_at(m))
                .filter(|&e| agrees(e))
                .or_else(|| (0..doc.entities.len()).find(|&e| agrees(e)));
            let i = if let Some(e) = ent {
                ids[e]
            } else if let Some(country) = government_of(name, true) {
                self.government(country, name)
            } else if s.speaker_type == SpeakerType::Unnamed || name.is_empty() {
                // a description ("unnamed sources", "Iranian media"): one per document
                let desc = if name.is_empty() { "unnamed source" } else { name };
                let key = format!("{desc} [{}]", doc.meta.id);
                match self.index.get(&format!("u|{}", skeleton(&key))) {
                    Some(&i) => i,
                    None => self.create(&key, "UNNAMED", Some("unnamed")),
                }
            } else {
                self.lookup(
                    name,
                    &[],
                    etype_for_speaker(s.speaker_type),
                    Some(s.speaker_type.as_str()),
                )
            };
            speaker_actor.push(self.actors[i].id.clone());
        }
        ResolvedDoc {
            entity_actor,
            speaker_actor,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use claimgraph_doc::{Entity, Meta, Span, Stance, Statement, StatementKind};

    #[test]
    fn transliterations_share_a_skeleton() {
        assert_eq!(skeleton("Jeyhun Bayramov"), skeleton("Ceyhun Bayramov"));
        assert_eq!(skeleton("Amir-Abdollahian"), skeleton("Amirabdollahian"));
        assert_eq!(skeleton("Mikhail"), skeleton("Mihail"));
        assert_eq!(skeleton("Hikmət Hacıyev"), skeleton("Hikmet Hajiyev"));
        assert_ne!(skeleton("Dmitry Peskov"), skeleton("Dmitry Medvedev"));
    }

    /// The ASCII path makes the skeleton the general path makes.
    #[test]
    fn ascii_skeletons_equal_the_general_path() {
        let names = [
            "",
            " ",
            "Dmitry Peskov",
            "  Amir-Abdollahian  ",
            "Mikhail Khodorkovsky",
            "Dzhokhar  Dudayev",
            "dzhdzh kkhh phph ckck",
            "Zelenskyy's office",
            "U.S. State Dept.",
            "a\tb\nc\u{0B}d\u{0C}e\rf\u{1F}g",
            "Mc Cormick  Jr.",
            "ccc yyy www qqq",
            "O'Neill--Smith , 2024",
            "kh",
            "dzh",
            "x ",
        ];
        for n in names {
            assert_eq!(skeleton_ascii(n.as_bytes()), skeleton_chars(n), "{n:?}");
        }
        // and on strings over the letters the steps read
        let alphabet = b"dzhkpcywqDZHKPCYWQ aA1-.'\t\x0b\x0c";
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..20_000 {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            let len = (x >> 59) as usize;
            let n: String = (0..len)
                .map(|k| alphabet[((x >> (k * 3 % 56)) as usize + k) % alphabet.len()] as char)
                .collect();
            assert_eq!(skeleton_ascii(n.as_bytes()), skeleton_chars(&n), "{n:?}");
        }
    }

    #[test]
    fn metonyms_name_governments() {
        assert_eq!(government_of("the Kremlin", false), Some("Russia"));
        assert_eq!(government_of("official Baku", false), Some("Azerbaijan"));
        assert_eq!(government_of("Baku", true), Some("Azerbaijan"));
        assert_eq!(government_of("Baku", false), None);
    }

    fn person(name: &str, role: Option<&str>) -> Entity {
        Entity {
            name: name.into(),
            etype: EntityType::Person,
            role: role.map(Into::into),
            mentions: vec![],
            speaker_type: Some(SpeakerType::Person),
            aliases: vec![],
            affiliation: None,
        }
    }

    fn doc_with(id: &str, date: &str, entities: Vec<Entity>, speakers: &[(&str, SpeakerType)]) -> Doc {
        let mut d = Doc::new(
            Meta {
                id: id.into(),
                published: Some(date.into()),
                ..Default::default()
            },
            "x".repeat(10),
        );
        d.entities = entities;
        for (s, t) in speakers {
            d.statements.push(Statement {
                content: Span::new(0, 1),
                kind: StatementKind::Indirect,
                speaker: s.to_string(),
                speaker_type: *t,
                speaker_mention: None,
                cue: None,
                stance: Stance::Assert,
                hedges: vec![],
                about: vec![],
                via: None,
                relayed_by: None,
                claim: None,
            });
        }
        d
    }

    #[test]
    fn actors_across_documents() {
        let mut r = ActorResolver::new();
        let a = r.resolve(&doc_with(
            "d1",
            "2023-01-05",
            vec![person("Jeyhun Bayramov", Some("foreign minister"))],
            &[
                ("Jeyhun Bayramov", SpeakerType::Person),
                ("Kremlin", SpeakerType::Government),
            ],
        ));
        let b = r.resolve(&doc_with(
            "d2",
            "2024-03-01",
            vec![person("Ceyhun Bayramov", Some("foreign minister of Azerbaijan"))],
            &[("Bayramov", SpeakerType::Person), ("Moscow", SpeakerType::Government)],
        ));
        assert_eq!(a.entity_actor[0], b.entity_actor[0]);
        assert_eq!(a.speaker_actor[0], b.speaker_actor[0]);
        assert_eq!(a.speaker_actor[1], b.speaker_actor[1]);
        let recs = r.records();
        let p = recs.iter().find(|x| x.id == a.entity_actor[0]).unwrap();
        assert_eq!(p.roles.len(), 2);
        assert!(p.aliases.contains(&"Ceyhun Bayramov".to_string()));
        let g = recs.iter().find(|x| x.id == a.speaker_actor[1]).unwrap();
        assert_eq!(g.name, "Government of Russia");
        assert_eq!(g.speaker_type.as_deref(), Some("government"));
        // restore gives the same answers
        let mut r2 = ActorResolver::restore(recs);
        let c = r2.resolve(&doc_with(
            "d3",
            "2025-01-01",
            vec![],
            &[("Bayramov", SpeakerType::Person)],
        ));
        assert_eq!(c.speaker_actor[0], a.entity_actor[0]);
    }

    #[test]
    fn surname_is_ambiguous_with_two_bearers() {
        let mut r = ActorResolver::new();
        r.resolve(&doc_with(
            "d1",
            "2020",
            vec![person("Ilham Aliyev", None), person("Heydar Aliyev", None)],
            &[],
        ));
        let x = r.resolve(&doc_with("d2", "2021", vec![], &[("Aliyev", SpeakerType::Person)]));
        let names: Vec<String> = r.records().iter().map(|a| a.name.clone()).collect();
        assert_eq!(names.len(), 3, "{names:?}");
        assert!(!x.speaker_actor[0].is_empty());
    }
}
