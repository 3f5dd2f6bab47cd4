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

struct Patterns {
    kinds: Vec<(EvidenceKind, Regex)>,
    negation: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let re = |s: &str| Regex::new(&format!("(?i){s}")).expect("static evidence pattern");
        Patterns {
            kinds: vec![
                (
                    EvidenceKind::Documents,
                    re(r"\b(?:(?:leaked|classified|internal|court|official|secret|intercepted)\s+(?:documents?|records?|files?|filings?|memos?|emails?|cables?|transcripts?)|(?:documents?|records?|filings?|emails?|memos?|cables?|transcripts?|files)\s+(?:show|showed|shown|reveal|revealed|indicate|indicated|obtained|seen|reviewed|confirm|confirmed|suggest|suggested)|according\s+to\s+(?:the\s+)?(?:documents?|records?|filings?|emails?|transcripts?|files)|court\s+(?:papers|filings?|records?)|indictment|intercepts?|paper\s+trail)\b"),
                ),
                (
                    EvidenceKind::Data,
                    re(r"\b(?:according\s+to\s+(?:the\s+)?(?:latest\s+|official\s+)?(?:data|statistics|figures|estimates|census|survey|poll|study)|(?:data|statistics|figures|numbers|census|surveys?|polls?|stud(?:y|ies)|analysis)\s+(?:show|showed|shown|suggest|suggested|indicate|indicated|found|finds|reveal|revealed|from|compiled|published|released)|(?:official|government|published)\s+(?:data|statistics|figures)|opinion\s+polls?)\b"),
                ),
                (
                    EvidenceKind::Imagery,
                    re(r"\b(?:satellite\s+(?:images?|imagery|photos?|pictures?|data)|(?:video|drone|cctv|camera|security)\s+(?:footage|recordings?|images?)|footage|photographs?|(?:photos?|images?|videos?)\s+(?:show|showed|shown|taken|published|released|posted|verified|geolocated|circulating))\b"),
                ),
                (
                    EvidenceKind::Witnesses,
                    re(r"\b(?:eye-?witness(?:es)?|witness(?:es)?\s+(?:said|told|say|says|reported|described|recounted|testified)|witness\s+accounts?|testimon(?:y|ies)|(?:residents|survivors?|locals)\s+(?:said|told|say|described|recounted))\b"),
                ),
                (
                    EvidenceKind::Evidence,
                    re(r"\b(?:evidence|proof|forensic|forensics)\b"),
                ),
                (
                    EvidenceKind::SourcedFigure,
                    re(r"\b\d[\d,.]*\s*(?:%|(?:per\s*cent|percent|million|billion|thousand|people|civilians|dead|killed|deaths|casualties)\b)[^.;]{0,80}?\b(?:according\s+to|data\s+from|figures\s+from|statistics\s+from|citing|cited\s+by|reported\s+by|per\s+the)\b|\b(?:according\s+to|citing)\b[^.;]{0,80}?\b\d[\d,.]*\s*(?:%|per\s*cent|percent|million|billion|thousand|people|civilians|dead|killed|deaths|casualties)"),
                ),
            ],
            negation: re(r"\b(?:no|not|without|lack|lacks|lacking|lacked|never|zero|little|nor|neither|absence|unsubstantiated|baseless|fabricated|fake|forged|doctored|alleged)\s+(?:\w+\s+){0,2}$|\bno$"),
        }
    })
}

/// Evidence kinds cited in `text`, as a bit mask of [`EvidenceKind::bit`]s.
pub fn detect_evidence(text: &str) -> u32 {
    let p = patterns();
    let mut mask = 0;
    for (kind, re) in &p.kinds {
        if mask & kind.bit() != 0 {
            continue;
        }
        for m in re.find_iter(text) {
            // Words just before the match: "no evidence", "without any documents".
            let mut from = m.start().saturating_sub(40);
            while !text.is_char_boundary(from) {
                from += 1;
            }
            let before = &text[from..m.start()];
            if !p.negation.is_match(before) {
                mask |= kind.bit();
                break;
            }
        }
    }
    mask
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
