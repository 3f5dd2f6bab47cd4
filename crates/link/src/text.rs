//! Text features for claim linking: folded words, light stems, content terms
//! with negation, hedges and evaluations stripped (so a denial and an
//! assertion of one proposition meet), and entity keys (demonyms and capital
//! metonyms mapped to their country).

use foldhash::HashMap;
use std::sync::OnceLock;
use unicode_normalization::UnicodeNormalization;

/// FNV-1a, 64 bit: a stable hash (same value on every platform and run).
pub fn fnv64(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Lowercase, diacritics stripped, ’ → '.
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        // Nothing to decompose or strip: the same result, without NFD.
        return s.to_ascii_lowercase();
    }
    if s.chars()
        .all(|c| c.is_ascii() || claimgraph_doc::TYPOGRAPHIC_PUNCT.contains(&c))
    {
        // News text: ASCII but for curly quotes and dashes, which neither
        // decompose nor change case. The same result, without NFD.
        return s
            .chars()
            .map(|c| match c {
                '’' | '‘' => '\'',
                c => c.to_ascii_lowercase(),
            })
            .collect();
    }
    fold_unicode(s)
}

fn fold_unicode(s: &str) -> String {
    s.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .map(|c| match c {
            '’' | '‘' => '\'',
            'ə' | 'Ə' => 'e',
            'ı' => 'i',
            'ł' | 'Ł' => 'l',
            'ø' | 'Ø' => 'o',
            'đ' | 'Đ' => 'd',
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Words of a text, folded; possessive 's and n't kept as separate signals
/// ("n't" → "not").
pub fn words(s: &str) -> Vec<String> {
    let f = fold(s);
    let mut out = Vec::new();
    let mut undotted = String::new();
    for raw in f.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '.' || c == '-')) {
        let w = raw.trim_matches(|c: char| c == '\'' || c == '.' || c == '-');
        if w.is_empty() {
            continue;
        }
        // u.s. → us, u.k. → uk
        let w = if w.contains('.') && w.len() <= 6 {
            undotted.clear();
            undotted.extend(w.chars().filter(|&c| c != '.'));
            undotted.as_str()
        } else {
            w
        };
        let w = w.strip_suffix("'s").unwrap_or(w);
        if let Some(stem) = w.strip_suffix("n't") {
            if !stem.is_empty() {
                out.push(stem.to_string());
            }
            out.push("not".into());
            continue;
        }
        for part in w.split(['.', '\'']) {
            if !part.is_empty() {
                out.push(part.to_string());
            }
        }
    }
    out
}

/// Function words.
const STOP: &[&str] = &[
    "a",
    "an",
    "the",
    "and",
    "or",
    "but",
    "if",
    "then",
    "than",
    "so",
    "as",
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "by",
    "for",
    "with",
    "about",
    "into",
    "onto",
    "over",
    "under",
    "after",
    "before",
    "since",
    "during",
    "between",
    "through",
    "against",
    "within",
    "without",
    "upon",
    "via",
    "per",
    "while",
    "whilst",
    "because",
    "although",
    "though",
    "whether",
    "that",
    "this",
    "these",
    "those",
    "there",
    "here",
    "it",
    "its",
    "itself",
    "he",
    "him",
    "his",
    "she",
    "her",
    "hers",
    "they",
    "them",
    "their",
    "theirs",
    "we",
    "us_pron",
    "our",
    "ours",
    "you",
    "your",
    "i",
    "me",
    "my",
    "mine",
    "who",
    "whom",
    "whose",
    "which",
    "what",
    "when",
    "where",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "being",
    "am",
    "do",
    "does",
    "did",
    "done",
    "doing",
    "have",
    "has",
    "had",
    "having",
    "will",
    "would",
    "shall",
    "should",
    "can",
    "must",
    "also",
    "too",
    "very",
    "just",
    "only",
    "even",
    "still",
    "yet",
    "already",
    "all",
    "any",
    "some",
    "such",
    "each",
    "every",
    "both",
    "either",
    "other",
    "another",
    "more",
    "most",
    "much",
    "many",
    "own",
    "same",
    "up",
    "down",
    "out",
    "off",
    "again",
    "further",
    "once",
    "now",
    "ever",
    "well",
    "s",
    "one",
    "ones",
    "its",
    "there's",
    "let",
    "made",
    "make",
    "get",
    "got",
    "way",
    "thing",
    "things",
    "like",
    "including",
    "especially",
    "particular",
    "case",
    "fact",
    "kind",
    "sort",
    "part",
    "whole",
    "so-called",
    "mr",
    "ms",
    "mrs",
    "dr",
    "etc",
    // contraction tails ("I'll", "you're", "we've") and talk fillers
    "ll",
    "re",
    "ve",
    "yeah",
    "hey",
    "okay",
    "ok",
    "oh",
    "um",
    "uh",
    "gonna",
    "wanna",
    "gotta",
    "guys",
];

/// Negation, hedges, modality: stripped so stances of one proposition meet.
const POLARITY: &[&str] = &[
    "not",
    "no",
    "never",
    "nothing",
    "none",
    "neither",
    "nor",
    "nobody",
    "without",
    "may",
    "might",
    "could",
    "possibly",
    "possible",
    "probably",
    "likely",
    "unlikely",
    "allegedly",
    "alleged",
    "reportedly",
    "supposedly",
    "apparently",
    "perhaps",
    "maybe",
    "seemingly",
    "purportedly",
    "presumably",
    "certainly",
    "definitely",
    "clearly",
    "obviously",
    "almost",
    "certain",
    "indeed",
    "actually",
    "really",
    "repeatedly",
    "consistently",
    "categorically",
    "completely",
    "absolutely",
    "totally",
    "entirely",
    "fully",
    "always",
    "deny",
    "denies",
    "denied",
    "denying",
    "reject",
    "rejects",
    "rejected",
    "dismiss",
    "dismissed",
    "dismisses",
    "refute",
    "refuted",
];

/// Reporting and evaluation words, and generic nouns naming a claim: they say
/// that something is claimed (or how it is judged), not what.
const GENERIC: &[&str] = &[
    "said",
    "say",
    "says",
    "saying",
    "told",
    "tell",
    "claim",
    "claims",
    "claimed",
    "claiming",
    "allegation",
    "allegations",
    "allege",
    "alleges",
    "accusation",
    "accusations",
    "accuse",
    "accused",
    "accuses",
    "charge",
    "charges",
    "report",
    "reports",
    "reported",
    "reporting",
    "statement",
    "statements",
    "assertion",
    "assertions",
    "suggestion",
    "suggestions",
    "speculation",
    "speculations",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "story",
    "stories",
    "information",
    "conclusion",
    "conclusions",
    "suspicion",
    "suspicions",
    "argument",
    "arguments",
    "version",
    "narrative",
    "idea",
    "notion",
    "absurd",
    "baseless",
    "unfounded",
    "groundless",
    "false",
    "untrue",
    "nonsense",
    "lie",
    "lies",
    "fantasy",
    "fiction",
    "fabrication",
    "ridiculous",
    "slander",
    "smear",
    "rubbish",
    "propaganda",
    "disinformation",
    "misinformation",
    "fake",
    "product",
    "reality",
    "truth",
    "true",
    "accurate",
    "correct",
    "wrong",
    "anything",
    "something",
    "everything",
    "completely",
    "utterly",
    "entirely",
    "pure",
    "purely",
    "nothing",
    "part",
    "campaign",
    "targeted",
    "deliberate",
    "insist",
    "insisted",
    "stress",
    "stressed",
    "added",
    "noted",
    "believe",
    "believes",
    "believed",
    "think",
    "thinks",
    "thought",
    "know",
    "known",
    "knows",
    "according",
    "called",
    "calls",
    "described",
    "describes",
    "characterization",
    "question",
    "questions",
    "issue",
    "matter",
    "point",
    "evidence",
    "proof",
    // when, not what: "years ago", "last month" join no two claims
    "ago",
    "year",
    "years",
    "month",
    "months",
    "week",
    "weeks",
    "day",
    "days",
    "today",
    "yesterday",
    "tomorrow",
    "time",
    "times",
];

/// Too short to carry content: one letter, or a number under 100.
fn is_trivial(w: &str) -> bool {
    w.len() < 2 || w.chars().all(|c| c.is_ascii_digit()) && w.len() < 3
}

/// What [`features_of`] needs to know about a word, in one lookup: its
/// place key, whether it opens a two-word place name, and whether it is a
/// function, polarity or generic word.
#[derive(Clone, Copy, Default)]
struct WordClass {
    place: Option<&'static str>,
    opens_pair: bool,
    skip: bool,
}

fn word_class(w: &str) -> WordClass {
    static MAP: OnceLock<HashMap<&'static str, WordClass>> = OnceLock::new();
    let map = MAP.get_or_init(|| {
        let mut m: HashMap<&'static str, WordClass> = HashMap::default();
        for &list in &[STOP, POLARITY, GENERIC] {
            for &w in list {
                m.entry(w).or_default().skip = true;
            }
        }
        // every name `place_key` knows (the hand table and the gazetteer's)
        for (&k, &v) in &places().0 {
            match k.split_once(' ') {
                Some((first, _)) => m.entry(first).or_default().opens_pair = true,
                None => m.entry(k).or_default().place = Some(v),
            }
        }
        m
    });
    map.get(w).copied().unwrap_or_default()
}

/// Words that mark a content as referring back to an earlier claim
/// ("these allegations", "such conclusions", "the claims").
pub fn is_claim_noun(w: &str) -> bool {
    matches!(
        w,
        "claim"
            | "claims"
            | "allegation"
            | "allegations"
            | "accusation"
            | "accusations"
            | "charge"
            | "charges"
            | "report"
            | "reports"
            | "conclusion"
            | "conclusions"
            | "assertion"
            | "assertions"
            | "suggestion"
            | "suggestions"
            | "speculation"
            | "speculations"
            | "rumour"
            | "rumours"
            | "rumor"
            | "rumors"
            | "story"
            | "stories"
            | "suspicion"
            | "suspicions"
            | "version"
            | "narrative"
            | "information"
            | "this"
            | "that"
            | "it"
            | "them"
    )
}

/// A light, deterministic stemmer: inflectional suffixes, then a prefix
/// of at most six letters ("interfered", "interference", "interfering" →
/// "interf"). Both sides of a comparison go through it, so collisions
/// matter more than linguistic accuracy.
pub fn stem(w: &str) -> String {
    let mut s: &str = w;
    for suf in ["ings", "ing", "edly", "ed", "ies", "es", "s", "ly"] {
        if s.len() >= suf.len() + 3 && s.ends_with(suf) && !s.ends_with("ss") {
            s = &s[..s.len() - suf.len()];
            break;
        }
    }
    let s = synonym(s);
    let s = if s.len() > 3 {
        s.strip_suffix('e').unwrap_or(s)
    } else {
        s
    };
    // the first six characters, copied at once
    let end = s.char_indices().nth(6).map_or(s.len(), |(i, _)| i);
    s[..end].to_string()
}

/// A few general news paraphrases folded onto one stem (looked up for
/// every content word of every statement: a table, not a chain of string
/// comparisons).
fn synonym(s: &str) -> &str {
    static MAP: OnceLock<HashMap<&'static str, &'static str>> = OnceLock::new();
    MAP.get_or_init(|| SYNONYMS.iter().copied().collect())
        .get(s)
        .copied()
        .unwrap_or(s)
}

/// (word or stem, the stem it folds onto).
const SYNONYMS: &[(&str, &str)] = &[
    ("meddl", "interfere"),
    ("meddle", "interfere"),
    ("meddling", "interfere"),
    ("espionage", "spy"),
    ("intelligenc", "spy"),
    ("intelligence", "spy"),
    ("spying", "spy"),
    ("spi", "spy"),
    ("spie", "spy"),
    ("pictur", "photo"),
    ("picture", "photo"),
    ("imag", "photo"),
    ("image", "photo"),
    ("photograph", "photo"),
    ("footag", "photo"),
    ("footage", "photo"),
    ("killed", "kill"),
    ("kill", "kill"),
    ("murder", "kill"),
    ("massacr", "kill"),
    ("massacre", "kill"),
    ("slaughter", "kill"),
    ("cyberattack", "hack"),
    ("cyber", "hack"),
    ("hacker", "hack"),
    ("hack", "hack"),
    ("hackers", "hack"),
    ("fabricat", "stage"),
    ("fabricate", "stage"),
    ("staged", "stage"),
    ("stag", "stage"),
    ("stage", "stage"),
    ("airspac", "airspace"),
    // closed compounds meet the head of their open spelling ("air base")
    ("airbas", "base"),
    ("airbase", "base"),
    ("airstrik", "strike"),
    ("airstrike", "strike"),
    ("armi", "military"),
    ("army", "military"),
    ("troop", "military"),
    ("troops", "military"),
    ("forc", "military"),
    ("force", "military"),
    ("soldier", "military"),
    ("servicemen", "military"),
    ("militari", "military"),
    ("ceasefir", "ceasefire"),
    ("truce", "ceasefire"),
    ("violat", "violate"),
    ("violate", "violate"),
    ("breach", "violate"),
    ("broke", "violate"),
    ("break", "violate"),
    ("breaking", "violate"),
    // taking part in what others did: "participated in", "played a role
    // in", "was complicit in" and "was involved in" meet
    ("participat", "involve"),
    ("participate", "involve"),
    ("participation", "involve"),
    ("complicit", "involve"),
    ("complicity", "involve"),
    ("involvement", "involve"),
    ("rol", "involve"),
    ("role", "involve"),
    ("vote", "election"),
    ("voting", "election"),
    ("ballot", "election"),
    ("electoral", "election"),
];

/// Demonyms, adjectives and capital metonyms → the country key.
const PLACES: &[(&str, &str)] = &[
    ("russia", "russia"),
    ("russian", "russia"),
    ("russians", "russia"),
    ("moscow", "russia"),
    ("kremlin", "russia"),
    ("russian federation", "russia"),
    ("us", "us"),
    ("usa", "us"),
    ("united states", "us"),
    ("america", "us"),
    ("american", "us"),
    ("americans", "us"),
    ("washington", "us"),
    ("white house", "us"),
    ("uk", "uk"),
    ("britain", "uk"),
    ("united kingdom", "uk"),
    ("british", "uk"),
    ("london", "uk"),
    ("china", "china"),
    ("chinese", "china"),
    ("beijing", "china"),
    ("ukraine", "ukraine"),
    ("ukrainian", "ukraine"),
    ("ukrainians", "ukraine"),
    ("kyiv", "ukraine"),
    ("kiev", "ukraine"),
    ("israel", "israel"),
    ("israeli", "israel"),
    ("israelis", "israel"),
    ("tel aviv", "israel"),
    ("iran", "iran"),
    ("iranian", "iran"),
    ("iranians", "iran"),
    ("tehran", "iran"),
    ("islamic republic", "iran"),
    ("azerbaijan", "azerbaijan"),
    ("azerbaijani", "azerbaijan"),
    ("azerbaijanis", "azerbaijan"),
    ("baku", "azerbaijan"),
    ("azeri", "azerbaijan"),
    ("turkey", "turkey"),
    ("turkish", "turkey"),
    ("turkiye", "turkey"),
    ("ankara", "turkey"),
    ("armenia", "armenia"),
    ("armenian", "armenia"),
    ("yerevan", "armenia"),
    ("france", "france"),
    ("french", "france"),
    ("paris", "france"),
    ("germany", "germany"),
    ("german", "germany"),
    ("berlin", "germany"),
    ("taiwan", "taiwan"),
    ("taiwanese", "taiwan"),
    ("taipei", "taiwan"),
    ("north korea", "north korea"),
    ("pyongyang", "north korea"),
    ("north korean", "north korea"),
    ("syria", "syria"),
    ("syrian", "syria"),
    ("damascus", "syria"),
    ("palestine", "palestine"),
    ("palestinian", "palestine"),
    ("palestinians", "palestine"),
    ("gaza", "gaza"),
    ("hamas", "hamas"),
    ("idf", "israel"),
    ("georgia", "georgia"),
    ("georgian", "georgia"),
    ("tbilisi", "georgia"),
    ("japan", "japan"),
    ("japanese", "japan"),
    ("tokyo", "japan"),
    ("india", "india"),
    ("indian", "india"),
    ("pakistan", "pakistan"),
    ("pakistani", "pakistan"),
    ("saudi arabia", "saudi arabia"),
    ("saudi", "saudi arabia"),
    ("riyadh", "saudi arabia"),
    ("eu", "eu"),
    ("european union", "eu"),
    ("brussels", "eu"),
    ("nato", "nato"),
    ("un", "un"),
    ("united nations", "un"),
];

/// Entity key of a place or country word or two-word name, if it is one:
/// the hand table above first (metonyms such as "kremlin", and the keys
/// its countries go by: "american" → us), then the countries, demonyms and
/// capitals of the entities gazetteer ("brazilian", "brasilia" → brazil).
pub fn place_key(folded: &str) -> Option<&'static str> {
    let (map, _) = places();
    map.get(folded).copied()
}

/// Whether `key` is a country's entity key (a value of [`place_key`]).
pub fn is_country_key(key: &str) -> bool {
    places().1.contains(key)
}

/// Gazetteer names too ambiguous as lower-case words ("polish", "chad").
const AMBIGUOUS_PLACE_WORDS: &[&str] = &["chad", "jordan", "guinea", "polish", "english", "turkey", "georgia"];

type PlaceTables = (
    HashMap<&'static str, &'static str>,
    std::collections::HashSet<&'static str>,
);

fn places() -> &'static PlaceTables {
    static TABLES: OnceLock<PlaceTables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut m: HashMap<&'static str, &'static str> = HashMap::default();
        // The first entry of a name wins, as a scan of the list would find it.
        for &(k, v) in PLACES {
            m.entry(k).or_insert(v);
        }
        // Folded gazetteer strings are made once per process and kept for
        // its life (a few hundred short names).
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        let norm = |s: &str| {
            fold(s)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let mut countries: HashMap<String, &'static str> = HashMap::default();
        for (kind, name, country) in claimgraph_entities::gazetteer::rows() {
            if !matches!(kind, "country" | "demonym" | "capital") || country.is_empty() {
                continue;
            }
            let name = norm(name);
            if name.is_empty() || name.split(' ').count() > 2 || AMBIGUOUS_PLACE_WORDS.contains(&name.as_str()) {
                continue;
            }
            if m.contains_key(name.as_str()) {
                continue;
            }
            let c = norm(country);
            let key = match m.get(c.as_str()) {
                Some(&k) => k,
                None => *countries.entry(c.clone()).or_insert_with(|| leak(c)),
            };
            m.insert(leak(name), key);
        }
        let set = m.values().copied().collect();
        (m, set)
    })
}

/// The first place or country a name or phrase mentions, as its entity
/// key: "Russia's embassy in Washington" → russia, "Chinese Foreign
/// Ministry spokesperson" → china, "the White House" → us.
pub fn place_in(name: &str) -> Option<&'static str> {
    let f = fold(name);
    let ws: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let mut pair = String::new();
    for (i, w) in ws.iter().enumerate() {
        if let Some(next) = ws.get(i + 1) {
            pair.clear();
            pair.push_str(w);
            pair.push(' ');
            pair.push_str(next);
            if let Some(k) = place_key(&pair) {
                return Some(k);
            }
            // "U.S.", "U.K." fold to one-letter words
            if w.len() == 1 && next.len() == 1 {
                pair.remove(1);
                if let Some(k) = place_key(&pair) {
                    return Some(k);
                }
            }
        }
        if let Some(k) = place_key(w) {
            return Some(k);
        }
    }
    None
}

/// Entity key of a name from `about`: places map to their country; other
/// names are folded and stripped of a leading article.
pub fn entity_key(name: &str) -> String {
    let f = fold(name);
    let f = f.strip_prefix("the ").unwrap_or(&f).trim().to_string();
    if let Some(k) = place_key(&f) {
        return k.to_string();
    }
    // "State of Israel", "Russian Federation", "Kiev regime": any known place word.
    let ws: Vec<&str> = f
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if ws.len() <= 3 {
        for w in &ws {
            if let Some(k) = place_key(w) {
                return k.to_string();
            }
        }
    }
    f
}

/// The words of a content used for linking, in order: stems of content
/// words (`terms`) and entity keys (`ents`), plus how many words are neither
/// function, polarity nor generic words (`substance`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Features {
    pub terms: Vec<String>,
    pub ents: Vec<String>,
    pub substance: usize,
    /// The content starts by pointing back ("these allegations", "such
    /// conclusions", "the claims", "it").
    pub points_back: bool,
}

pub fn features(content: &str, about: &[String]) -> Features {
    features_of(&words(content), about)
}

/// [`features`] of a content already split by [`words`].
pub fn features_of(ws: &[String], about: &[String]) -> Features {
    let mut f = Features::default();
    let push_ent = |f: &mut Features, k: String| {
        if !f.ents.contains(&k) {
            f.ents.push(k);
        }
    };
    for a in about {
        push_ent(&mut f, entity_key(a));
    }
    let mut i = 0;
    let mut two = String::new();
    while i < ws.len() {
        let class = word_class(&ws[i]);
        // two-word places first ("united states", "tel aviv")
        if class.opens_pair && i + 1 < ws.len() {
            two.clear();
            two.push_str(&ws[i]);
            two.push(' ');
            two.push_str(&ws[i + 1]);
            if let Some(k) = place_key(&two) {
                push_ent(&mut f, k.to_string());
                f.substance += 1;
                i += 2;
                continue;
            }
        }
        let w = ws[i].as_str();
        i += 1;
        if let Some(k) = class.place {
            push_ent(&mut f, k.to_string());
            f.substance += 1;
            continue;
        }
        if class.skip || is_trivial(w) {
            continue;
        }
        f.substance += 1;
        let s = stem(w);
        // the verb's class, a weaker key ("attack" and "strike" meet)
        for &k in crate::verb_classes::classes(&s) {
            if !f.terms.iter().any(|t| t == k) {
                f.terms.push(k.to_string());
            }
        }
        if !f.terms.contains(&s) {
            f.terms.push(s);
        }
    }
    let head: Vec<&str> = ws.iter().take(3).map(String::as_str).collect();
    f.points_back = match head.as_slice() {
        [d, n, ..]
            if matches!(
                *d,
                "the" | "these" | "those" | "such" | "this" | "that" | "its" | "their"
            ) =>
        {
            is_claim_noun(n) || ws.get(2).is_some_and(|w| is_claim_noun(w))
        }
        // "US charges against …", "Ukraine's accusations regarding …"
        [o, n, ..] if is_claim_noun(n) && place_key(o).is_some() => true,
        [p, ..] => matches!(*p, "it" | "this" | "that") && ws.len() <= 6,
        _ => false,
    } || ws.iter().take(8).collect::<Vec<_>>().windows(2).any(|p| {
        // "it is completely obvious that such conclusions …"
        matches!(p[0].as_str(), "such" | "these" | "those") && is_claim_noun(p[1])
    });
    f
}

/// A short canonical text: the first 160 chars of `s`, cut at a word.
pub fn short_text(s: &str) -> String {
    // one line: a quote over paragraphs keeps its words, not its breaks
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = s.trim_matches(|c: char| c == '"' || c == '“' || c == '”' || c == ',');
    if s.chars().count() <= 160 {
        return s.to_string();
    }
    let cut: String = s.chars().take(160).collect();
    match cut.rfind(' ') {
        Some(i) if i > 60 => format!("{}…", &cut[..i]),
        _ => format!("{cut}…"),
    }
}

/// Whether a content opens with a word that leans on its context: a
/// pronoun ("it sent a balloon") or a subordinating or linking word
/// ("although …", "instead, …", "in response, …"). Such a content makes a
/// poor canonical text for a claim.
pub fn opens_dependent(s: &str) -> bool {
    const OPENERS: &[&str] = &[
        "it", "he", "she", "they", "we", "i", "you", "this", "these", "those", "that", "his", "her", "their", "its",
        "our", "my", "although", "though", "while", "whereas", "despite", "if", "unless", "because", "as", "since",
        "when", "whether", "but", "and", "so", "instead", "amid", "by", "moreover", "however", "also", "then", "in",
        "on", "for", "with", "of", "were", "was", "is", "are",
    ];
    let first = s
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .find(|w| !w.is_empty())
        .unwrap_or("");
    let first = first.split(['\'', '’']).next().unwrap_or(first).to_lowercase();
    OPENERS.contains(&first.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The stem's six-character cut copies what collecting the first six
    /// characters gave.
    #[test]
    fn stem_cut_agrees_with_collected_chars() {
        for w in [
            "",
            "a",
            "abc",
            "interference",
            "meddling",
            "élection",
            "über-größe",
            "spies",
            "ministries",
            "naïveté",
            "denied",
            "allegedly",
            "москва",
            "中华人民共和国",
        ] {
            let reference: String = {
                let mut s: &str = w;
                for suf in ["ings", "ing", "edly", "ed", "ies", "es", "s", "ly"] {
                    if s.len() >= suf.len() + 3 && s.ends_with(suf) && !s.ends_with("ss") {
                        s = &s[..s.len() - suf.len()];
                        break;
                    }
                }
                let s = synonym(s);
                let s = if s.len() > 3 {
                    s.strip_suffix('e').unwrap_or(s)
                } else {
                    s
                };
                s.chars().take(6).collect()
            };
            assert_eq!(stem(w), reference, "{w:?}");
        }
    }

    #[test]
    fn canonical_texts_read_on_their_own() {
        assert!(opens_dependent("it sent a 'spy' balloon into US airspace"));
        assert!(opens_dependent(
            "although the balloon possessed capabilities, it did not gather"
        ));
        assert!(opens_dependent("“They’re full of pride”"));
        assert!(!opens_dependent("China sent a spy balloon into US airspace"));
        assert!(!opens_dependent("Israel may have used Azerbaijani territory"));
        assert_eq!(
            short_text("“The conditions were difficult.\n\n\"In the first kilometres"),
            "The conditions were difficult. \"In the first kilometres"
        );
    }

    #[test]
    fn denial_and_assertion_share_terms() {
        let a = features("Russia interfered in the US election", &[]);
        let b = features("Russia has never interfered in elections", &[]);
        assert_eq!(a.ents, ["russia", "us"]);
        assert!(b.terms.contains(&"interf".to_string()) && a.terms.contains(&"interf".to_string()));
        assert!(!b.terms.iter().any(|t| t == "never"));
    }

    #[test]
    fn closed_compounds_meet_their_open_spelling() {
        assert_eq!(stem("airbase"), stem("base"));
        assert_eq!(stem("airbases"), stem("bases"));
        assert_eq!(stem("airstrikes"), stem("strikes"));
    }

    #[test]
    fn places_come_from_the_hand_table_then_the_gazetteer() {
        assert_eq!(place_key("kremlin"), Some("russia"));
        assert_eq!(place_key("american"), Some("us"));
        assert_eq!(place_key("brazilian"), Some("brazil"));
        assert_eq!(place_key("brasilia"), Some("brazil"));
        assert_eq!(place_key("south africa"), Some("south africa"));
        assert_eq!(place_key("polish"), None);
        assert!(is_country_key("brazil") && is_country_key("us"));
        assert!(!is_country_key("bank"));
        assert_eq!(entity_key("the Brazilian government"), "brazil");
        // in content words too
        let f = features("Brazilian troops crossed the border", &[]);
        assert_eq!(f.ents, ["brazil"]);
    }

    #[test]
    fn contraction_tails_and_fillers_are_no_content() {
        let f = features("yeah I'll tell you guys, you're gonna love it", &[]);
        let words: Vec<&String> = f.terms.iter().filter(|t| !t.starts_with("v:")).collect();
        assert_eq!(words, [&stem("love")]);
    }

    #[test]
    fn taking_part_meets_involvement() {
        let k = stem("involved");
        for w in [
            "participated",
            "participate",
            "participation",
            "complicit",
            "role",
            "involvement",
        ] {
            assert_eq!(stem(w), k, "{w}");
        }
    }

    #[test]
    fn intelligence_work_is_spying() {
        let k = stem("spying");
        for w in ["espionage", "intelligence", "spies"] {
            assert_eq!(stem(w), k, "{w}");
        }
    }

    #[test]
    fn time_words_are_no_content() {
        let f = features("ten years ago the town had two months of rain", &[]);
        assert!(!f
            .terms
            .iter()
            .any(|t| t.starts_with("year") || t == "ago" || t.starts_with("month")));
        assert!(f.terms.contains(&stem("rain")));
    }

    #[test]
    fn short_claim_references_have_no_substance() {
        let f = features("the allegations", &[]);
        assert_eq!(f.substance, 0);
        assert!(f.points_back);
        assert_eq!(features("absurd.", &[]).substance, 0);
        assert!(features("such conclusions have nothing to do with reality", &[]).points_back);
        assert!(features("it is completely obvious that such conclusions are false", &[]).points_back);
        assert!(features("US charges against six officers", &[]).points_back);
        assert!(!features("US troops fired on the crowd", &[]).points_back);
    }

    #[test]
    fn words_split_contractions_and_abbreviations() {
        assert_eq!(
            words("U.S. officials didn't say"),
            ["us", "officials", "did", "not", "say"]
        );
        assert_eq!(words("Baku’s airspace"), ["baku", "airspace"]);
    }
}

#[cfg(test)]
mod fold_tests {
    use super::fold;

    /// The ASCII fast path gives what the general path gives.
    #[test]
    fn ascii_fast_path_matches_the_general_fold() {
        let general = |s: &str| -> String {
            use unicode_normalization::UnicodeNormalization;
            s.nfd()
                .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
                .flat_map(char::to_lowercase)
                .collect()
        };
        for s in ["Russia's U.S. Election", "ABC-def 123 'x' \"y\"", "", "MiXeD\tcase\n"] {
            assert_eq!(fold(s), general(s));
        }
        assert_eq!(fold("Şəki’s Łódź"), "seki's lodz");
        for s in ["Russia’s “U.S.” Election — ‘absurd’ … «x»\u{a0}y", "A–B"] {
            assert_eq!(fold(s), super::fold_unicode(s), "{s}");
        }
    }
}
