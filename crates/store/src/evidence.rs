//! Evidence flags: whether a statement cites documents, data, imagery,
//! named witnesses or evidence in general, detected from its wording
//! ("documents show", "according to data", "satellite images", "witnesses
//! said", a figure with its source). Negated mentions ("no evidence",
//! "without documents") do not count.

use std::sync::OnceLock;

use regex::Regex;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EvidenceKind {
    /// Documents, records, filings, emails, transcripts.
    Documents,
    /// Data, statistics, figures, surveys, studies.
    Data,
    /// Satellite images, photos, video footage.
    Imagery,
    /// Witnesses, eyewitnesses, survivors.
    Witnesses,
    /// "evidence", "proof" in general.
    Evidence,
    /// A number attributed to a source ("40% according to the ministry").
    SourcedFigure,
}

impl EvidenceKind {
    pub const ALL: [EvidenceKind; 6] = [
        EvidenceKind::Documents,
        EvidenceKind::Data,
        EvidenceKind::Imagery,
        EvidenceKind::Witnesses,
        EvidenceKind::Evidence,
        EvidenceKind::SourcedFigure,
    ];

    pub fn bit(self) -> u32 {
        1 << (self as u32)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            EvidenceKind::Documents => "documents",
            EvidenceKind::Data => "data",
            EvidenceKind::Imagery => "imagery",
            EvidenceKind::Witnesses => "witnesses",
            EvidenceKind::Evidence => "evidence",
            EvidenceKind::SourcedFigure => "sourced-figure",
        }
    }

    /// The kinds set in a bit mask.
    pub fn from_mask(mask: u32) -> Vec<EvidenceKind> {
        EvidenceKind::ALL.into_iter().filter(|k| mask & k.bit() != 0).collect()
    }

    pub fn names(mask: u32) -> Vec<String> {
        EvidenceKind::from_mask(mask)
            .into_iter()
            .map(|k| k.as_str().to_string())
            .collect()
    }
}

/// Each kind's pattern (matched case-insensitively), and words one of
/// which (lower-cased) every match of it contains.
const KINDS: &[(EvidenceKind, &str, &[&str])] = &[
    (
        EvidenceKind::Documents,
        r"\b(?:(?:leaked|classified|internal|court|official|secret|intercepted)\s+(?:documents?|records?|files?|filings?|memos?|emails?|cables?|transcripts?)|(?:documents?|records?|filings?|emails?|memos?|cables?|transcripts?|files)\s+(?:show|showed|shown|reveal|revealed|indicate|indicated|obtained|seen|reviewed|confirm|confirmed|suggest|suggested)|according\s+to\s+(?:the\s+)?(?:documents?|records?|filings?|emails?|transcripts?|files)|court\s+(?:papers|filings?|records?)|indictment|intercepts?|paper\s+trail|citing\s+(?:[\w-]+\s+){0,3}?(?:documents?|records?|files|memos?|cables?|transcripts?|emails?|(?:intelligence|police|autopsy|classified|internal|official|military|medical)\s+reports?))\b",
        &[
            "document",
            "record",
            "file",
            "filing",
            "memo",
            "email",
            "cable",
            "transcript",
            "paper",
            "indictment",
            "intercept",
            "report",
        ],
    ),
    (
        EvidenceKind::Data,
        r"\b(?:according\s+to\s+(?:the\s+)?(?:latest\s+|official\s+)?(?:data|statistics|figures|estimates|census|survey|poll|study)|(?:data|statistics|figures|numbers|census|surveys?|polls?|stud(?:y|ies)|analysis)\s+(?:show|showed|shown|suggest|suggested|indicate|indicated|found|finds|reveal|revealed|from|compiled|published|released)|(?:official|government|published)\s+(?:data|statistics|figures)|opinion\s+polls?)\b",
        &[
            "data",
            "statistic",
            "figure",
            "estimate",
            "census",
            "survey",
            "poll",
            "stud",
            "number",
            "analysis",
        ],
    ),
    (
        EvidenceKind::Imagery,
        r"\b(?:satellite\s+(?:images?|imagery|photos?|pictures?|data)|(?:video|drone|cctv|camera|security)\s+(?:footage|recordings?|images?)|footage|photographs?|(?:photos?|images?|videos?)\s+(?:show|showed|shown|taken|published|released|posted|verified|geolocated|circulating))\b",
        &[
            "satellite",
            "footage",
            "recording",
            "image",
            "photo",
            "picture",
            "video",
        ],
    ),
    (
        EvidenceKind::Witnesses,
        r"\b(?:eye-?witness(?:es)?|witness(?:es)?\s+(?:said|told|say|says|reported|described|recounted|testified)|witness\s+accounts?|testimon(?:y|ies)|(?:residents|survivors?|locals)\s+(?:said|told|say|described|recounted))\b",
        &["witness", "testimon", "resident", "survivor", "local"],
    ),
    (
        EvidenceKind::Evidence,
        r"\b(?:evidence|proof|forensic|forensics)\b",
        &["evidence", "proof", "forensic"],
    ),
    (
        EvidenceKind::SourcedFigure,
        r"\b\d[\d,.]*\s*(?:%|(?:per\s*cent|percent|million|billion|thousand|people|civilians|dead|killed|deaths|casualties)\b)[^.;]{0,80}?\b(?:according\s+to|data\s+from|figures\s+from|statistics\s+from|citing|cited\s+by|reported\s+by|per\s+the)\b|\b(?:according\s+to|citing)\b[^.;]{0,80}?\b\d[\d,.]*\s*(?:%|per\s*cent|percent|million|billion|thousand|people|civilians|dead|killed|deaths|casualties)",
        &["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"],
    ),
];

struct Patterns {
    /// Each kind's pattern and its words (see [`KINDS`]): a statement with
    /// none of a kind's words (most statements, for every kind) is not
    /// searched for the kind. The patterns run over the ASCII view of the
    /// text (see [`AsciiView`]) and are compiled without Unicode: on ASCII
    /// text ASCII `\b`, `\w`, `\s`, `\d` and case folding match exactly
    /// what the Unicode ones do, and they compile in half the time (once
    /// per process, but 1% of the instructions of an ingest of 100
    /// articles: Unicode `\w` alone is hundreds of ranges).
    kinds: Vec<(EvidenceKind, regex::bytes::Regex, Regex)>,
    negation: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| Patterns {
        kinds: KINDS
            .iter()
            .map(|&(kind, pattern, words)| {
                let pattern = regex::bytes::Regex::new(&format!("(?i-u){pattern}")).expect("static evidence pattern");
                let words = words.iter().map(|w| regex::escape(w)).collect::<Vec<_>>().join("|");
                (kind, pattern, Regex::new(&words).expect("static evidence words"))
            })
            .collect(),
        // (over the original text, which need not be ASCII)
        negation: Regex::new(&format!("(?i){}", r"\b(?:no|not|without|lack|lacks|lacking|lacked|never|zero|little|nor|neither|absence|unsubstantiated|baseless|fabricated|fake|forged|doctored|alleged)\s+(?:\w+\s+){0,2}$|\bno$")).expect("static evidence pattern"),
    })
}

/// Evidence kinds cited in `text`, as a bit mask of [`EvidenceKind::bit`]s.
pub fn detect_evidence(text: &str) -> u32 {
    let p = patterns();
    // The patterns run over an ASCII view of the text: with Unicode `\b`,
    // one non-ASCII byte (a curly quote, a dash) sends the regex engine
    // from its DFA to a backtracker, about 40 times slower here. The view
    // keeps every property the patterns read (see `AsciiView`), so the
    // matches are the same.
    let view = AsciiView::new(text);
    // (the view is ASCII, so ASCII lower-casing is the patterns' case folding)
    let lower = view.text().to_ascii_lowercase();
    let mut mask = 0;
    for (kind, re, words) in &p.kinds {
        if mask & kind.bit() != 0 || !words.is_match(&lower) {
            continue;
        }
        for m in re.find_iter(view.text().as_bytes()) {
            // Words just before the match: "no evidence", "without any documents".
            let start = view.original(m.start());
            let mut from = start.saturating_sub(40);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..start];
            if !p.negation.is_match(before) {
                mask |= kind.bit();
                break;
            }
        }
    }
    mask
}

/// A text with each non-ASCII character replaced by one ASCII byte of the
/// same kind for the patterns: white space by a space, a decimal digit
/// (`\d`) by `0`, the two characters that case-fold to ASCII letters
/// (KELVIN SIGN, LONG S) by those letters, any other word character (`\w`)
/// by `_` and anything else by `#`. No pattern names `_` or `#` or a
/// non-ASCII character, so each character matches exactly the pattern
/// pieces its original matches, and word boundaries fall where they did;
/// counted repetitions count the same characters.
struct AsciiView<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Byte offset in the original of each byte of the view (and its end);
    /// empty when the original is ASCII and is the view itself.
    offsets: Vec<usize>,
}

impl<'a> AsciiView<'a> {
    fn new(original: &'a str) -> AsciiView<'a> {
        if original.is_ascii() {
            return AsciiView {
                text: original.into(),
                offsets: Vec::new(),
            };
        }
        static CLASSES: OnceLock<(Regex, Regex)> = OnceLock::new();
        let (digit, word) = CLASSES.get_or_init(|| {
            (
                Regex::new(r"\A\d\z").expect("static class"),
                Regex::new(r"\A\w\z").expect("static class"),
            )
        });
        let mut text = String::with_capacity(original.len());
        let mut offsets = Vec::with_capacity(original.len() + 1);
        let mut buf = [0u8; 4];
        for (at, c) in original.char_indices() {
            offsets.push(at);
            let b = if c.is_ascii() {
                c
            } else if c.is_whitespace() {
                ' '
            } else if c == '\u{212A}' {
                'k'
            } else if c == '\u{17F}' {
                's'
            } else {
                let one = c.encode_utf8(&mut buf);
                if digit.is_match(one) {
                    '0'
                } else if word.is_match(one) {
                    '_'
                } else {
                    '#'
                }
            };
            text.push(b);
        }
        offsets.push(original.len());
        AsciiView {
            text: text.into(),
            offsets,
        }
    }

    fn text(&self) -> &str {
        &self.text
    }

    /// The original byte offset of a byte offset in the view.
    fn original(&self, at: usize) -> usize {
        if self.offsets.is_empty() {
            at
        } else {
            self.offsets[at]
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<&'static str> {
        EvidenceKind::from_mask(detect_evidence(s))
            .into_iter()
            .map(EvidenceKind::as_str)
            .collect()
    }

    #[test]
    fn detects_cited_evidence() {
        assert_eq!(
            kinds("documents show the payments went to a shell company"),
            ["documents"]
        );
        assert_eq!(
            kinds("according to data from the health ministry, cases rose"),
            ["data"]
        );
        assert_eq!(kinds("satellite images showed bodies on Yablunska street"), ["imagery"]);
        assert_eq!(kinds("witnesses said the soldiers fired at civilians"), ["witnesses"]);
        assert_eq!(kinds("there is clear evidence of Russian involvement"), ["evidence"]);
        assert_eq!(
            kinds("turnout was 62% according to the election commission"),
            ["sourced-figure"]
        );
        assert_eq!(kinds("leaked emails show the plan was approved"), ["documents"]);
        // what a speaker cites ("the ministry said …, citing …")
        assert_eq!(
            kinds("the strikes would continue, citing intelligence reports"),
            ["documents"]
        );
        assert_eq!(kinds("citing internal company emails, the paper said"), ["documents"]);
        assert!(kinds("the talks stalled, citing media reports").is_empty());
    }

    /// The patterns straight over the original text: what the ASCII view
    /// must agree with.
    fn reference(text: &str) -> u32 {
        let p = patterns();
        let mut mask = 0;
        for &(kind, pattern, _) in KINDS {
            // (with Unicode, as the patterns read in any text)
            let re = Regex::new(&format!("(?i){pattern}")).unwrap();
            for m in re.find_iter(text) {
                let mut from = m.start().saturating_sub(40);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                if !p.negation.is_match(&text[from..m.start()]) {
                    mask |= kind.bit();
                    break;
                }
            }
        }
        mask
    }

    #[test]
    fn ascii_view_matches_as_the_original_does() {
        let texts = [
            "“Satellite\u{a0}images” showed bodies — according to the ministry, 40\u{a0}% died",
            "the \u{212A}remlin’s documents show nothing; witnesses said “no”",
            "no “evidence” at all, said the ministry’s spokesman",
            "not\u{2009}any proof — only “leaked emails”",
            "évidence, proofé, éproof and proof…",
            "a\u{17F}atellite images and eye-witnesses – testimonies",
            "٤٠ percent, according to officials; ४० killed citing the UN",
            "casualties: 1,200 people 🙂 according to the health ministry",
            "without\u{3000}any documents; footage posted online",
        ];
        for t in texts {
            assert_eq!(detect_evidence(t), reference(t), "{t}");
        }
    }

    /// Random concatenations of pattern words and non-ASCII characters of
    /// every kind the view maps (a fixed-seed generator: the same strings
    /// on every run).
    #[test]
    fn ascii_view_agrees_with_the_patterns_on_random_texts() {
        let words = [
            "evidence",
            "proof",
            "no",
            "not",
            "documents",
            "show",
            "satellite",
            "images",
            "witnesses",
            "said",
            "according",
            "to",
            "data",
            "40",
            "%",
            "people",
            "the",
            "é",
            "ß",
            "K",
            "\u{212A}",
            "\u{17F}",
            "٤",
            "eye",
            "witness",
            "Ωproof",
            "footage",
            "citing",
            "without",
            "any",
            "leaked",
            "emails",
            "per",
            "cent",
            "1,200",
            "killed",
            "records",
            "Filings",
            "memo",
            "cables",
            "transcript",
            "court",
            "papers",
            "trail",
            "indictment",
            "intercepts",
            "statistics",
            "figures",
            "estimates",
            "census",
            "survey",
            "polls",
            "studies",
            "numbers",
            "analysis",
            "opinion",
            "official",
            "photographs",
            "PHOTOS",
            "video",
            "drone",
            "recordings",
            "testimony",
            "residents",
            "survivors",
            "locals",
            "eyewitnesses",
            "forensics",
            "percent",
            "million",
            "reported",
            "by",
            "from",
            "show",
        ];
        let gaps = [
            " ", " ", " ", "", "\u{a0}", "\u{2009}", "—", "“", "”", "  ", "-", ".", ";", "_", "#", ", ",
        ];
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = |n: usize| {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as usize) % n
        };
        for _ in 0..3000 {
            let len = next(16);
            let t: String = (0..len)
                .flat_map(|_| [words[next(words.len())], gaps[next(gaps.len())]])
                .collect();
            assert_eq!(detect_evidence(&t), reference(&t), "{t:?}");
        }
    }

    /// Every match of a kind's pattern holds one of the kind's words (what
    /// lets `detect_evidence` skip a kind whose words a text lacks): the
    /// pattern's alternatives written out, each with its word.
    #[test]
    fn every_match_holds_one_of_its_kinds_words() {
        let texts = [
            "leaked memos and classified cables, intercepted transcripts, secret files, internal filings",
            "documents show, records revealed, filings indicate, emails obtained, memos seen, cables suggested, transcripts confirm, files reviewed",
            "according to the documents, according to records, according to filings, emails, transcripts, files",
            "court papers, court filing, court records, the indictment, intercepts, a paper trail",
            "according to the latest data, according to official statistics, figures, estimates, census, survey, poll, study",
            "data show, statistics suggest, figures indicate, numbers found, census finds, surveys reveal, polls from, studies compiled, study published, analysis released",
            "official data, government statistics, published figures, opinion polls, an opinion poll",
            "satellite images, satellite imagery, satellite photos, satellite pictures, satellite data",
            "video footage, drone recordings, CCTV images, camera footage, security recording, footage, photographs, a photograph",
            "photos show, images taken, videos published, photo released, image posted, video verified, images geolocated, photos circulating",
            "eyewitnesses, eye-witness, witnesses said, witness told, witness accounts, testimony, testimonies, residents said, survivors told, locals described, survivor recounted",
            "evidence, proof, forensic, forensics",
            "40% according to the ministry; 1,200 people killed, citing the UN; according to officials, 3 million; data from the census: 5 percent",
        ];
        let p = patterns();
        for t in texts {
            let view = AsciiView::new(t);
            for (kind, re, words) in &p.kinds {
                for m in re.find_iter(view.text().as_bytes()) {
                    let lower = String::from_utf8(m.as_bytes().to_ascii_lowercase()).unwrap();
                    assert!(words.is_match(&lower), "{kind:?}: {lower:?} in {t:?}");
                }
            }
        }
        // and each kind is found in the texts above at all
        let all = texts.join(" ");
        for (kind, re, _) in &p.kinds {
            assert!(re.is_match(all.as_bytes()), "{kind:?}");
        }
    }

    #[test]
    fn negated_or_absent_evidence_does_not_count() {
        assert!(kinds("Russia has never interfered in the electoral processes").is_empty());
        assert!(kinds("the claims were made without any evidence").is_empty());
        assert!(kinds("Moscow has seen no evidence of that").is_empty());
        assert!(kinds("he presented not a single document").is_empty());
        assert!(kinds("a provocation staged for the Western media").is_empty());
    }
}
