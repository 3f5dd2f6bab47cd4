//! Small closed word lists used by the rule layers (roles, description
//! heads, outlet words, event heads). General English, not article-specific.

/// Nouns that name a person's role or title.
pub const PERSON_ROLE_HEADS: &[&str] = &[
    "expert",
    "analyst",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "professor",
    "journalist",
    "researcher",
    "scientist",
    "author",
    "aide",
    "diplomat",
    "ambassador",
    "lawyer",
    "attorney",
    "director",
    "chief",
    "coach",
    "champion",
    "mayor",
    "premier",
    "chancellor",
    "lobbyist",
    "commentator",
    "politician",
    "lawmaker",
    "senator",
    "general",
    "commander",
    "ceo",
    "executive",
    "founder",
    "candidate",
    "governor",
    "secretary",
    "envoy",
    "prosecutor",
    "judge",
    "writer",
    "editor",
    "reporter",
    "correspondent",
    "economist",
    "historian",
    "athlete",
    "player",
    "runner",
    "medallist",
    "medalist",
    "photographer",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "member",
    "deputy",
    "adviser",
    "advisor",
    "activist",
    "blogger",
    "teacher",
    "student",
    "doctor",
    "physician",
    "geneticist",
    "statistician",
    "investigator",
    "negotiator",
    "king",
    "queen",
    "prince",
    "emir",
    "sheikh",
    "cleric",
    "ayatollah",
    "holder",
    "decathlete",
    "jumper",
    "manager",
    "strategist",
    "consultant",
    "representative",
    "speaker",
    "vice",
    "frontrunner",
    "contender",
    "biologist",
    "chemist",
    "physicist",
    "engineer",
    "architect",
    "nurse",
    "surgeon",
    "pilot",
    "captain",
    "officer",
    "sergeant",
    "detective",
    "inspector",
    "farmer",
    "fisherman",
    "master",
    "owner",
    "ombudsman",
    "councillor",
    "councilor",
    "commissioner",
    "administrator",
    "supervisor",
    "principal",
    "dean",
    "rector",
    "provost",
    "lecturer",
    "curator",
    "trader",
    "banker",
    "investor",
    "entrepreneur",
    "novelist",
    "poet",
    "artist",
    "singer",
    "actor",
    "actress",
    "producer",
    "host",
    "anchor",
    "columnist",
    "pundit",
    "specialist",
    "technician",
    "psychologist",
    "sociologist",
    "epidemiologist",
    "virologist",
    "meteorologist",
    "seismologist",
    "legislator",
    "mp",
    "congressman",
    "congresswoman",
    "sheriff",
    "colonel",
    "lieutenant",
    "admiral",
    "marshal",
];

/// Heads of descriptions that refer back to a person ("the expert").
pub const PERSON_DESC_HEADS: &[&str] = &[
    "expert",
    "analyst",
    "official",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "president",
    "leader",
    "professor",
    "journalist",
    "researcher",
    "scientist",
    "author",
    "aide",
    "diplomat",
    "ambassador",
    "lawyer",
    "director",
    "coach",
    "champion",
    "mayor",
    "premier",
    "chancellor",
    "lobbyist",
    "commentator",
    "politician",
    "lawmaker",
    "senator",
    "commander",
    "ceo",
    "executive",
    "candidate",
    "governor",
    "secretary",
    "envoy",
    "prosecutor",
    "writer",
    "editor",
    "reporter",
    "correspondent",
    "economist",
    "historian",
    "athlete",
    "chairman",
    "activist",
    "scholar",
    "academic",
    "geneticist",
    "statistician",
    "decathlete",
    "frontrunner",
    "photographer",
];

/// Heads that refer back to a media outlet ("the newspaper").
pub const MEDIA_DESC_HEADS: &[&str] = &[
    "newspaper",
    "paper",
    "daily",
    "website",
    "site",
    "outlet",
    "channel",
    "broadcaster",
    "journal",
    "magazine",
    "publication",
    "portal",
    "tabloid",
    "station",
    "weekly",
    "page",
    "network",
];

/// Heads that refer back to an organisation ("the ministry").
pub const ORG_DESC_HEADS: &[&str] = &[
    "ministry",
    "company",
    "firm",
    "agency",
    "organization",
    "organisation",
    "group",
    "party",
    "government",
    "military",
    "army",
    "embassy",
    "department",
    "court",
    "council",
    "committee",
    "university",
    "institute",
    "bank",
    "movement",
    "office",
    "administration",
    "alliance",
    "panel",
    "corporation",
    "maker",
    "planemaker",
    "carmaker",
    "automaker",
    "drugmaker",
    "chipmaker",
    "retailer",
    "lender",
    "insurer",
    "conglomerate",
    "manufacturer",
    "airline",
    "carrier",
    "presidency",
    "service",
    "team",
    "club",
    "board",
    "commission",
];

/// Heads that refer back to a country or government ("the country").
pub const GPE_DESC_HEADS: &[&str] = &["country", "nation", "republic", "kingdom", "capital", "state", "city"];

/// Words inside a name, or around it, that make an organisation an outlet.
pub const MEDIA_NAME_WORDS: &[&str] = &[
    "news",
    "times",
    "post",
    "press",
    "globe",
    "herald",
    "tribune",
    "gazette",
    "journal",
    "tv",
    "radio",
    "daily",
    "channel",
    "broadcasting",
    "telegraph",
    "observer",
    "guardian",
    "chronicle",
    "today",
    "television",
    "magazine",
    "weekly",
    "courier",
    "mail",
    "express",
    "monitor",
    "insider",
    "review",
];

/// Words just before a name that say it is an outlet ("news website Tabnak").
pub const MEDIA_CONTEXT_BEFORE: &[&str] = &[
    "newspaper",
    "daily",
    "website",
    "site",
    "channel",
    "outlet",
    "broadcaster",
    "magazine",
    "journal",
    "tabloid",
    "page",
    "portal",
    "agency",
    "network",
    "weekly",
];

/// Words just after a name that say it is an outlet ("Farikhtegan newspaper").
pub const MEDIA_CONTEXT_AFTER: &[&str] = &[
    "newspaper",
    "daily",
    "website",
    "channel",
    "outlet",
    "broadcaster",
    "magazine",
    "tabloid",
    "portal",
    "tv",
];

/// Heads of place names that are not polities (LOC, not GPE).
pub const LOC_HEADS: &[&str] = &[
    "ocean",
    "sea",
    "strip",
    "base",
    "stadium",
    "river",
    "mountains",
    "mountain",
    "mount",
    "lake",
    "gulf",
    "bay",
    "island",
    "islands",
    "valley",
    "desert",
    "peninsula",
    "canal",
    "airport",
    "square",
    "park",
    "bridge",
    "street",
    "avenue",
    "road",
    "coast",
    "plateau",
    "highway",
    "border",
    "field",
    "range",
    "hills",
    "heights",
    "arena",
    "hall",
    "center",
    "centre",
    "port",
    "harbour",
    "harbor",
    "station",
    "forest",
    "strait",
    "straits",
    "basin",
    "shoal",
    "reef",
    "atoll",
];

/// Heads of organisation names built on a demonym or a country
/// ("Chinese Foreign Ministry", "Gaza health ministry", "British government").
pub const GOV_ORG_HEADS: &[&str] = &[
    "ministry",
    "government",
    "department",
    "embassy",
    "military",
    "army",
    "navy",
    "agency",
    "parliament",
    "police",
    "cabinet",
    "presidency",
    "consulate",
    "forces",
    "council",
    "court",
    "office",
];

/// Organisations that speak for a government.
pub const GOV_ORG_WORDS: &[&str] = &[
    "ministry",
    "government",
    "department",
    "embassy",
    "kremlin",
    "white house",
    "pentagon",
    "presidency",
    "cabinet",
    "consulate",
    "state department",
    "foreign office",
    "downing street",
    "élysée",
    "elysee",
    "parliament",
    "military",
    "army",
    "forces",
    "navy",
    "police",
    "administration",
];

/// Heads of named events.
pub const EVENT_HEADS: &[&str] = &[
    "war",
    "olympics",
    "games",
    "election",
    "elections",
    "ceasefire",
    "escalation",
    "cup",
    "summit",
    "revolution",
    "crisis",
    "championship",
    "championships",
    "uprising",
    "invasion",
    "conflict",
    "referendum",
    "massacre",
    "genocide",
    "pandemic",
    "protests",
    "festival",
    "conference",
    "treaty",
    "accords",
    "agreement",
    "attack",
    "attacks",
    "offensive",
    "operation",
];

/// Modifiers allowed between a place/year and an event head.
pub const EVENT_MODIFIERS: &[&str] = &[
    "presidential",
    "general",
    "parliamentary",
    "legislative",
    "local",
    "midterm",
    "municipal",
    "snap",
    "winter",
    "summer",
    "olympic",
    "world",
    "civil",
    "cold",
    "first",
    "second",
    "third",
    "gulf",
    "national",
];

/// Reporting verbs that may follow a subject pronoun or a name.
pub const REPORT_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "reported",
    "reports",
    "report",
    "claimed",
    "claims",
    "wrote",
    "writes",
    "added",
    "adds",
    "noted",
    "notes",
    "stated",
    "states",
    "denied",
    "denies",
    "alleged",
    "alleges",
    "argued",
    "argues",
    "suggested",
    "suggests",
    "accused",
    "accuses",
    "described",
    "describes",
    "called",
    "calls",
    "warned",
    "warns",
    "insisted",
    "insists",
    "asserted",
    "asserts",
    "stressed",
    "stresses",
    "emphasized",
    "emphasizes",
    "emphasised",
    "emphasises",
    "explained",
    "explains",
    "concluded",
    "concludes",
    "mentioned",
    "mentions",
    "highlighted",
    "highlights",
    "cited",
    "cites",
    "quoted",
    "quotes",
    "published",
    "publishes",
    "told",
    "tells",
    "believes",
    "believed",
    "thinks",
    "thought",
    "announced",
    "announces",
    "confirmed",
    "confirms",
    "rejected",
    "rejects",
    "dismissed",
    "dismisses",
    "also",
    "further",
    "then",
    "has",
    "had",
    "was",
    "is",
    "would",
    "will",
    "did",
    "does",
    "went",
    "pointed",
    "stated",
    "recalled",
    "recalls",
    "continued",
    "continues",
    "admitted",
    "admits",
    "asked",
    "asks",
    "urged",
    "urges",
    "predicted",
    "predicts",
    "expects",
    "expected",
    "hopes",
    "hoped",
    "acknowledged",
    "acknowledges",
    "maintained",
    "maintains",
    "speculated",
    "speculates",
    "questioned",
    "questions",
    "responded",
    "responds",
    "replied",
    "replies",
    "commented",
    "comments",
    "observed",
    "observes",
    "declared",
    "declares",
];

/// Words that end a pre-name title run when scanning left.
pub const TITLE_STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "said",
    "says",
    "and",
    "or",
    "to",
    "by",
    "with",
    "told",
    "according",
    "that",
    "from",
    "for",
    "in",
    "on",
    "at",
    "as",
    "but",
    "while",
    "when",
    "is",
    "was",
    "are",
    "were",
    "has",
    "had",
    "have",
    "also",
    "than",
    "like",
    "if",
    "who",
    "which",
    "whom",
    "because",
    "after",
    "before",
    "since",
    "during",
    "between",
    "of",
    "about",
    "this",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
];

/// Whether `w` equals an entry of `list`, ignoring ASCII case.
///
/// The rule code asks this about half a million times per 100k words, of
/// lists up to a few hundred words: a linear scan cost ~5% of the whole
/// analysis. Long lists are looked up in a table built once per process
/// and list (keyed by the list's address and length, which is why only
/// `'static` lists are accepted: their memory never holds another list),
/// found in a fixed global array without locks or thread-locals. Words of
/// up to 16 bytes are compared as one packed integer: no hashing of
/// strings, no byte comparisons.
///
/// Inlined up to the shape test, which turns most words away: the call
/// itself (its register saves) cost about a fifth of an ask.
#[inline]
pub fn is_in(list: &'static [&'static str], w: &str) -> bool {
    if list.len() <= 8 {
        return list.iter().any(|x| x.eq_ignore_ascii_case(w));
    }
    let Some(t) = table_of(list) else {
        return list.iter().any(|x| x.eq_ignore_ascii_case(w));
    };
    // Most words asked about are in no list: a word whose length and first
    // byte no entry has is turned away before it is packed and probed.
    t.shapes.may_hold(w) && in_table(t, list, w)
}

/// The rest of [`is_in`] for a word of an entry's shape.
#[inline(never)]
fn in_table(t: &ListTable, list: &'static [&'static str], w: &str) -> bool {
    match pack(w) {
        Some(key) => t.set.contains(key),
        None => list.iter().any(|x| x.eq_ignore_ascii_case(w)),
    }
}

/// The (length mod 16, ASCII-lower-cased first byte mod 32) pairs of a
/// list's entries, as a 512-bit set: an entry equal to a word ignoring
/// ASCII case has the word's length and lower-cased first byte, so a word
/// whose pair is absent equals no entry (any entry, packable or not).
struct Shapes([u64; 8]);

impl Shapes {
    fn new(list: &[&str]) -> Shapes {
        let mut bits = [0u64; 8];
        for w in list {
            let i = Shapes::index(w);
            bits[i >> 6] |= 1 << (i & 63);
        }
        Shapes(bits)
    }

    #[inline]
    fn index(w: &str) -> usize {
        let first = w.as_bytes().first().map_or(0, u8::to_ascii_lowercase);
        (w.len() & 15) << 5 | (first & 31) as usize
    }

    #[inline]
    fn may_hold(&self, w: &str) -> bool {
        let i = Shapes::index(w);
        self.0[i >> 6] >> (i & 63) & 1 != 0
    }
}

/// Slots for the lists' tables (a few dozen lists are asked about).
const LIST_SLOTS: usize = 512;

struct ListTable {
    id: usize,
    len: usize,
    shapes: Shapes,
    set: PackedSet,
}

static LIST_TABLES: [std::sync::OnceLock<ListTable>; LIST_SLOTS] = [const { std::sync::OnceLock::new() }; LIST_SLOTS];

/// The table of `list`: open addressing over [`LIST_TABLES`] by the list's
/// address; an empty slot on the way is claimed for it. `None` only if
/// every slot holds another list.
#[inline]
fn table_of(list: &'static [&'static str]) -> Option<&'static ListTable> {
    let id = list.as_ptr() as usize;
    let mut i = ((id >> 3) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) as usize >> 7 & (LIST_SLOTS - 1);
    for _ in 0..LIST_SLOTS {
        let t = LIST_TABLES[i].get_or_init(|| ListTable {
            id,
            len: list.len(),
            shapes: Shapes::new(list),
            set: PackedSet::new(list),
        });
        if t.id == id && t.len == list.len() {
            return Some(t);
        }
        i = (i + 1) & (LIST_SLOTS - 1);
    }
    None
}

/// `w` lower-cased (ASCII) and packed into an integer, if it is 1 to 16
/// bytes without a NUL (so that the packing is one-to-one). Eight bytes at
/// a time (two overlapping loads cover any length; the overlap repeats the
/// same bytes in the same places), lower-cased and NUL-tested as words.
#[inline]
fn pack(w: &str) -> Option<u128> {
    let b = w.as_bytes();
    let n = b.len();
    let load8 = |at: usize| u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"));
    let load4 = |at: usize| u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as u64;
    let (lo, hi) = match n {
        0 => return None,
        1..=3 => (b.iter().rev().fold(0u64, |x, &c| x << 8 | c as u64), 0),
        4..=7 => (load4(0) | load4(n - 4) << (8 * (n - 4)), 0),
        8 => (load8(0), 0),
        9..=16 => (load8(0), load8(n - 8) >> (8 * (16 - n))),
        _ => return None,
    };
    // Bytes past the end are 0 in `lo`/`hi`: only the word's own lanes may
    // not be NUL.
    let lanes = |k: usize| if k >= 8 { u64::MAX } else { (1u64 << (8 * k)) - 1 };
    if has_zero_byte(lo | !lanes(n)) || (n > 8 && has_zero_byte(hi | !lanes(n - 8))) {
        return None;
    }
    Some(u128::from(ascii_lower8(lo)) | u128::from(ascii_lower8(hi)) << 64)
}

const LANE_LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
const LANE_HIGH: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `x` is 0 (exact: no false positives).
#[inline]
fn has_zero_byte(x: u64) -> bool {
    (((x & LANE_LOW7).wrapping_add(LANE_LOW7) | x) & LANE_HIGH) != LANE_HIGH
}

/// `u8::to_ascii_lowercase` on each byte of `x`.
#[inline]
fn ascii_lower8(x: u64) -> u64 {
    let low7 = x & LANE_LOW7;
    // high bit set where the byte (its low 7 bits) is >= 'A', and > 'Z'
    let ge_a = low7.wrapping_add(0x3f3f_3f3f_3f3f_3f3f);
    let gt_z = low7.wrapping_add(0x2525_2525_2525_2525);
    let upper = ge_a & !gt_z & !x & LANE_HIGH;
    x | upper >> 2
}

/// A list's packable words in an open-addressing table (0 = empty slot).
/// A list word that cannot be packed (over 16 bytes, or with a NUL) can
/// equal no query that can: the table leaves it out.
struct PackedSet {
    mask: usize,
    slots: Vec<u128>,
}

impl PackedSet {
    fn new(list: &'static [&'static str]) -> PackedSet {
        let cap = (list.len() * 2).next_power_of_two().max(16);
        let mut set = PackedSet {
            mask: cap - 1,
            slots: vec![0; cap],
        };
        for k in list.iter().filter_map(|w| pack(w)) {
            let mut i = PackedSet::home(k) & set.mask;
            while set.slots[i] != 0 && set.slots[i] != k {
                i = (i + 1) & set.mask;
            }
            set.slots[i] = k;
        }
        set
    }

    #[inline]
    fn home(k: u128) -> usize {
        let h = (k as u64) ^ ((k >> 64) as u64).rotate_left(29);
        (h.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40) as usize
    }

    /// Whether the list holds the word packed as `key`.
    #[inline]
    fn contains(&self, key: u128) -> bool {
        let mut i = PackedSet::home(key) & self.mask;
        loop {
            let s = self.slots[i];
            if s == key {
                return true;
            }
            if s == 0 {
                return false;
            }
            i = (i + 1) & self.mask;
        }
    }
}

/// Ministerial portfolios that follow "Minister of" / "Secretary of"
/// (lowercase; shared with the attribution stage's name cleaning).
pub const PORTFOLIOS: &[&str] = &[
    "foreign",
    "affairs",
    "education",
    "state",
    "defense",
    "defence",
    "justice",
    "interior",
    "finance",
    "health",
    "economy",
    "trade",
    "commerce",
    "labor",
    "labour",
    "agriculture",
    "energy",
    "transport",
    "culture",
    "home",
    "environment",
    "treasury",
    "homeland",
    "security",
    "and",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_in` answers as a scan of the list would, ignoring ASCII case,
    /// for list words, their case variants, near misses, words over 16
    /// bytes and words with a NUL, across lists asked in turn.
    /// The word-at-a-time packing equals the byte loop it replaced.
    #[test]
    fn pack_equals_a_byte_loop() {
        let by_bytes = |w: &str| -> Option<u128> {
            let b = w.as_bytes();
            if b.is_empty() || b.len() > 16 || b.contains(&0) {
                return None;
            }
            let mut buf = [0u8; 16];
            for (d, &s) in buf.iter_mut().zip(b) {
                *d = s.to_ascii_lowercase();
            }
            Some(u128::from_le_bytes(buf))
        };
        let mut words: Vec<String> = vec![
            String::new(),
            "\0".into(),
            "a\0".into(),
            "ab\0cd".into(),
            "x".repeat(17),
        ];
        let alphabet = ["A", "z", "@", "[", "`", "{", "Z", "a", "é", "\u{7f}", "0", "-", "\0"];
        for n in 1..=16 {
            for (k, _) in alphabet.iter().enumerate() {
                let w: String = (0..n).map(|i| alphabet[(i * 7 + k) % alphabet.len()]).collect();
                words.push(w);
            }
            words.push("Q".repeat(n));
        }
        for w in &words {
            assert_eq!(pack(w), by_bytes(w), "{w:?}");
        }
    }

    #[test]
    fn is_in_equals_a_scan() {
        static LONG: &[&str] = &[
            "a",
            "bb",
            "ccc",
            "sixteen-bytes-ab",
            "seventeen-bytes-a",
            "much longer than sixteen",
            "é",
            "naïve",
            "x\0y",
            "j",
            "k",
            "l",
        ];
        let lists: [&'static [&'static str]; 4] = [PORTFOLIOS, TITLE_STOP, LONG, &["a", "b"]];
        let scan = |list: &[&str], w: &str| list.iter().any(|x| x.eq_ignore_ascii_case(w));
        for _ in 0..2 {
            for list in lists {
                for l in lists {
                    for &w in l {
                        let variants = [
                            w.to_string(),
                            w.to_uppercase(),
                            format!("{w}s"),
                            w.chars().skip(1).collect(),
                            format!("{w}\0"),
                        ];
                        for v in variants {
                            assert_eq!(is_in(list, &v), scan(list, &v), "{v:?}");
                        }
                    }
                }
                assert!(!is_in(list, ""));
            }
        }
        // Only ASCII letters fold ("Ï" is not "ï").
        assert!(is_in(LONG, "SIXTEEN-BYTES-AB") && is_in(LONG, "Much Longer Than Sixteen") && is_in(LONG, "NAïVE"));
        assert!(!is_in(LONG, "NAÏVE") && !is_in(LONG, "x") && !is_in(LONG, "x\0"));
    }
}
