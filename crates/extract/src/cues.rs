//! Reporting cues and the stance words around them.
//!
//! Verb cues come from GenderGapTracker's reporting-verb lemmas (shipped in
//! `data/`) plus claimgraph's own additions; every lemma is expanded to its
//! inflected forms once, at first use. Each cue carries the stance it
//! implies by itself (a "denied" is a denial whatever follows).

use std::collections::HashMap;
use std::sync::OnceLock;

use claimgraph_doc::Stance;

/// What a cue word implies on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CueInfo {
    pub stance: Option<Stance>,
    /// Lemma forms that are also common nouns ("claims", "reports"):
    /// only a verb when the context says so.
    pub noun_ambiguous: bool,
    /// "tell", "inform": the first NP after the cue is the hearer.
    pub takes_hearer: bool,
    /// Cues that need more than a bare clause to be speech ("called",
    /// "described" need an object); kept for stance/kind decisions.
    pub weak: bool,
}

const GGT: &str = include_str!("../data/ggt_quote_verb_list.en.txt");

/// Lemmas added to the GGT list, with the stance each implies.
const EXTRA: &[(&str, Option<Stance>)] = &[
    ("deny", Some(Stance::Deny)),
    ("reject", Some(Stance::Deny)),
    ("dismiss", Some(Stance::Deny)),
    ("refute", Some(Stance::Deny)),
    ("rebuff", Some(Stance::Deny)),
    ("dispute", Some(Stance::Deny)),
    ("rebut", Some(Stance::Deny)),
    ("deride", Some(Stance::Deny)),
    ("debunk", Some(Stance::Deny)),
    ("denounce", Some(Stance::Deny)),
    ("disclaim", Some(Stance::Deny)),
    ("suggest", Some(Stance::Speculate)),
    ("speculate", Some(Stance::Speculate)),
    ("hint", Some(Stance::Speculate)),
    ("suppose", Some(Stance::Speculate)),
    ("suspect", Some(Stance::Speculate)),
    ("guess", Some(Stance::Speculate)),
    ("expect", Some(Stance::Speculate)),
    ("predict", Some(Stance::Speculate)),
    ("theorize", Some(Stance::Speculate)),
    ("theorise", Some(Stance::Speculate)),
    ("hypothesize", Some(Stance::Speculate)),
    ("hypothesise", Some(Stance::Speculate)),
    ("question", Some(Stance::Question)),
    ("wonder", Some(Stance::Question)),
    ("ask", Some(Stance::Question)),
    ("emphasize", None),
    ("emphasise", None),
    ("stress", None),
    ("observe", None),
    ("note", None),
    ("allege", None),
    ("post", None),
    ("tweet", None),
    ("write", None),
    ("highlight", None),
    ("underline", None),
    ("underscore", None),
    ("reiterate", None),
    ("assure", None),
    ("communicate", None),
    ("maintain", None),
    ("contend", None),
    ("charge", None),
    ("accuse", None),
    ("blame", None),
    ("describe", None),
    ("call", None),
    // ("branded the claims as baseless rumors", "labelled the report a fake")
    ("brand", None),
    ("label", None),
    // ("termed the charges “baseless”")
    ("term", None),
    ("believe", None),
    ("outline", None),
    ("confirm", None),
    ("tell", None),
    ("add", None),
    ("say", None),
    ("state", None),
    ("report", None),
    ("claim", None),
    ("warn", None),
    ("insist", None),
    ("explain", None),
    ("argue", None),
    ("announce", None),
    ("declare", None),
    ("reveal", None),
    ("acknowledge", None),
    ("admit", None),
    ("point", None),
    ("caution", None),
    ("retort", None),
];

/// GGT lemmas that are rarely speech in news narration.
const GGT_EXCLUDE: &[&str] = &[
    "accept",
    "acclaim",
    "advise",
    "continue",
    "convince",
    "demonstrate",
    "ensure",
    "estimate",
    "find",
    "illustrate",
    "indicate",
    "persist",
    "present",
    "preach",
    "rave",
    "release",
    "remind",
    "think",
    "criticize",
];

/// Forms that look like a lemma's inflection but are mostly nouns.
const NOUN_AMBIGUOUS: &[&str] = &[
    "term",
    "terms",
    "claim",
    "claims",
    "brand",
    "brands",
    "label",
    "labels",
    "report",
    "reports",
    "state",
    "states",
    "charge",
    "charges",
    "note",
    "notes",
    "comment",
    "comments",
    "question",
    "questions",
    "post",
    "posts",
    "answer",
    "answers",
    "reply",
    "replies",
    "call",
    "calls",
    "warning",
    "statement",
    "tweet",
    "tweets",
    "point",
    "points",
    "dispute",
    "disputes",
    "doubt",
    "doubts",
    "fear",
    "fears",
    "hint",
    "hints",
    "concern",
    "concerns",
    "stress",
    "estimate",
    "estimates",
    "guess",
    "outline",
    "outlines",
    "blame",
    "suspect",
    "suspects",
    "tell",
    "add",
    "adds",
    "ask",
    "asks",
];

const IRREGULAR: &[(&str, &[&str])] = &[
    ("say", &["say", "says", "said", "saying"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("write", &["write", "writes", "wrote", "written", "writing"]),
    ("think", &["think", "thinks", "thought", "thinking"]),
    ("speak", &["speak", "speaks", "spoke", "spoken", "speaking"]),
    ("hold", &["hold", "holds", "held", "holding"]),
    ("tell", &["tell", "tells", "told", "telling"]),
    ("swear", &["swear", "swears", "swore", "sworn", "swearing"]),
    ("forecast", &["forecast", "forecasts", "forecasting"]),
    ("bet", &["bet", "bets", "betting"]),
    ("put", &["put", "puts", "putting"]),
    ("teach", &["teach", "teaches", "taught", "teaching"]),
    ("find", &["find", "finds", "found", "finding"]),
    ("hear", &["hear", "hears", "heard", "hearing"]),
    ("read", &["read", "reads", "reading"]),
    ("see", &["see", "sees", "saw", "seen", "seeing"]),
    ("know", &["know", "knows", "knew", "known", "knowing"]),
    ("mean", &["mean", "means", "meant", "meaning"]),
    ("feel", &["feel", "feels", "felt", "feeling"]),
    ("learn", &["learn", "learns", "learned", "learnt", "learning"]),
];

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Regular English inflections of a verb lemma: -s, -ed, -ing.
pub fn inflect(lemma: &str) -> Vec<String> {
    if let Some((_, forms)) = IRREGULAR.iter().find(|(l, _)| *l == lemma) {
        return forms.iter().map(|s| s.to_string()).collect();
    }
    let b = lemma.as_bytes();
    let n = b.len();
    let mut out = vec![lemma.to_string()];
    let third = if lemma.ends_with('s')
        || lemma.ends_with("sh")
        || lemma.ends_with("ch")
        || lemma.ends_with('x')
        || lemma.ends_with('z')
    {
        format!("{lemma}es")
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &lemma[..n - 1])
    } else {
        format!("{lemma}s")
    };
    out.push(third);
    let (past, ing) = if lemma.ends_with('e') {
        (format!("{lemma}d"), format!("{}ing", &lemma[..n - 1]))
    } else if n > 1 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        (format!("{}ied", &lemma[..n - 1]), format!("{lemma}ing"))
    } else if n >= 3
        && !is_vowel(b[n - 1])
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && DOUBLE_FINAL.contains(&lemma)
    {
        let c = b[n - 1] as char;
        (format!("{lemma}{c}ed"), format!("{lemma}{c}ing"))
    } else {
        (format!("{lemma}ed"), format!("{lemma}ing"))
    };
    out.push(past);
    out.push(ing);
    out
}

/// One-syllable (or final-stress) lemmas that double their last consonant.
const DOUBLE_FINAL: &[&str] = &[
    "admit", "rebut", "regret", "commit", "plan", "stop", "bet", "jot", "quip", "nag", "tip",
];

pub struct Lexicon {
    /// (Looked up for every word of every document: foldhash, not SipHash.)
    verbs: HashMap<String, (String, CueInfo), foldhash::fast::FixedState>,
}

impl Lexicon {
    pub fn get() -> &'static Lexicon {
        static LEX: OnceLock<Lexicon> = OnceLock::new();
        LEX.get_or_init(Lexicon::build)
    }

    fn build() -> Lexicon {
        // The GGT list holds inflected forms; recover each form's lemma by
        // inflecting every candidate base form.
        let ggt_forms: Vec<&str> = GGT
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains(' '))
            .collect();
        let mut lemma_of: HashMap<String, String> = HashMap::new();
        let candidates = ggt_forms.iter().copied().chain(EXTRA.iter().map(|(l, _)| *l));
        for cand in candidates {
            for form in inflect(cand) {
                if ggt_forms.contains(&form.as_str()) {
                    let e = lemma_of.entry(form).or_insert_with(|| cand.to_string());
                    if cand.len() < e.len() {
                        *e = cand.to_string();
                    }
                }
            }
        }
        let mut forms: Vec<(String, String)> = ggt_forms
            .iter()
            .map(|f| {
                (
                    f.to_string(),
                    lemma_of.get(*f).cloned().unwrap_or_else(|| f.to_string()),
                )
            })
            .filter(|(_, l)| !GGT_EXCLUDE.contains(&l.as_str()))
            .collect();
        for &(l, _) in EXTRA {
            forms.extend(inflect(l).into_iter().map(|f| (f, l.to_string())));
        }
        let mut verbs = HashMap::default();
        for (form, lemma) in forms {
            let stance = EXTRA.iter().find(|(l, _)| *l == lemma).and_then(|(_, s)| *s);
            let info = CueInfo {
                stance,
                noun_ambiguous: NOUN_AMBIGUOUS.contains(&form.as_str()),
                takes_hearer: matches!(lemma.as_str(), "tell" | "inform" | "assure" | "brief" | "remind"),
                weak: matches!(lemma.as_str(), "call" | "describe" | "brand" | "label" | "term"),
            };
            verbs.insert(form, (lemma, info));
        }
        Lexicon { verbs }
    }

    /// The lemma and cue info of a lowercased word form, if it is a cue.
    pub fn verb(&self, lower: &str) -> Option<(&str, CueInfo)> {
        self.verbs.get(lower).map(|(l, i)| (l.as_str(), *i))
    }
}

/// Nouns that introduce attributed content: "claims that …", "reports that …".
pub const NOUN_CUES: &[&str] = &[
    "claim",
    "claims",
    "report",
    "reports",
    "allegation",
    "allegations",
    "accusation",
    "accusations",
    "rumour",
    "rumours",
    "rumor",
    "rumors",
    "suggestion",
    "suggestions",
    "speculation",
    "assertion",
    "assertions",
    "warning",
    "warnings",
    "fears",
    "suspicion",
    "suspicions",
    "charges",
    "belief",
    "insistence",
];

/// Words that make a source's own content speculative.
pub const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "possibly",
    "possible",
    "possibility",
    "perhaps",
    "maybe",
    "likely",
    "likelihood",
    "probably",
    "probable",
    "plausible",
    "rumours",
    "rumour",
    "rumors",
    "rumor",
    "apparently",
    "presumably",
    "supposedly",
    "allegedly",
    "reportedly",
    "unlikely",
    "conceivably",
    "theoretical",
    "suspected",
    "speculation",
];

/// Phrase cues (lowercased token sequences) that are speculative or
/// questioning on their own; matched before single-word cues.
pub const PHRASE_CUES: &[(&[&str], Stance)] = &[
    (&["does", "not", "rule", "out"], Stance::Speculate),
    (&["did", "not", "rule", "out"], Stance::Speculate),
    (&["do", "not", "rule", "out"], Stance::Speculate),
    (&["refused", "to", "rule", "out"], Stance::Speculate),
    (&["refuses", "to", "rule", "out"], Stance::Speculate),
    (&["would", "not", "rule", "out"], Stance::Speculate),
    (&["could", "not", "rule", "out"], Stance::Speculate),
    (&["raised", "concerns", "about"], Stance::Speculate),
    (&["casts", "doubt", "on"], Stance::Question),
    (&["cast", "doubt", "on"], Stance::Question),
    (&["cast", "doubts", "on"], Stance::Question),
    (&["called", "into", "question"], Stance::Question),
    (&["urged", "an", "investigation"], Stance::Question),
    (&["shrugged", "off"], Stance::Deny),
    (&["brushed", "aside"], Stance::Deny),
    (&["pointed", "out"], Stance::Assert),
    (&["points", "out"], Stance::Assert),
    (&["drawn", "attention", "to"], Stance::Assert),
    (&["drew", "attention", "to"], Stance::Assert),
    (&["draws", "attention", "to"], Stance::Assert),
    (&["drawn", "attention"], Stance::Assert),
    (&["told", "reporters"], Stance::Assert),
    (&["told", "a", "press", "conference"], Stance::Assert),
    (&["was", "quoted", "as", "saying"], Stance::Assert),
    (&["were", "quoted", "as", "saying"], Stance::Assert),
];

/// Content words by which a source rejects a claim.
pub const DENIAL_WORDS: &[&str] = &[
    "unfounded",
    "baseless",
    "groundless",
    "absurd",
    "fantasy",
    "nonsense",
    "fabricated",
    "fabrication",
    "fabrications",
    "disinformation",
    "misinformation",
    "lies",
    "lie",
    "falsehood",
    "falsehoods",
    "false",
    "untrue",
    "deny",
    "denies",
    "denied",
    "never",
    "slander",
    "smear",
    "hoax",
    "ridiculous",
    "propaganda",
    "forgery",
    "forged",
    "bogus",
    "fictitious",
    // ("top-level fake news", "the height of fakery")
    "fake",
    "fakery",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflections() {
        assert_eq!(inflect("deny"), ["deny", "denies", "denied", "denying"]);
        assert_eq!(inflect("note"), ["note", "notes", "noted", "noting"]);
        assert_eq!(inflect("stress"), ["stress", "stresses", "stressed", "stressing"]);
        assert_eq!(inflect("admit"), ["admit", "admits", "admitted", "admitting"]);
        assert_eq!(inflect("claim"), ["claim", "claims", "claimed", "claiming"]);
        assert_eq!(inflect("say"), ["say", "says", "said", "saying"]);
    }

    #[test]
    fn lexicon_has_stances() {
        let lex = Lexicon::get();
        assert_eq!(lex.verb("denied").unwrap().1.stance, Some(Stance::Deny));
        assert_eq!(lex.verb("emphasised").unwrap().0, "emphasise");
        assert!(lex.verb("claims").unwrap().1.noun_ambiguous);
        assert!(lex.verb("told").unwrap().1.takes_hearer);
        assert!(lex.verb("table").is_none());
    }
}
