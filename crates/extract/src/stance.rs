//! Stance and hedges of a statement, from its cue and its content.

use std::sync::OnceLock;

use claimgraph_doc::{Stance, StatementKind};

use crate::cues::{DENIAL_WORDS, HEDGES};

/// Words that reject what a labelling cue ("called", "described") labels.
const LABEL_DENIAL_WORDS: &[&str] = &[
    "flawed",
    "misleading",
    "inaccurate",
    "erroneous",
    "unsubstantiated",
    "distorted",
];

/// Hedges that, in reported (indirect) content, usually belong to the
/// reporter's narration rather than to the source.
const REPORTER_HEDGES: &[&str] = &["allegedly", "reportedly", "supposedly", "apparently"];

/// Phrases by which a source leaves a claim open.
const UNCERTAINTY_PHRASES: &[&str] = &[
    "requires further investigation",
    "require further investigation",
    "needs further investigation",
    "need further investigation",
    "remains to be seen",
    "remains unclear",
    "remain unclear",
    "not yet clear",
    "not clear whether",
    "unclear whether",
    "cannot be ruled out",
    "can not be ruled out",
    "cannot be excluded",
    "unconfirmed",
    "unverified",
    "is believed to",
    "are believed to",
    "was believed to",
    "were believed to",
    "is thought to",
    "are thought to",
];

/// The words of an ASCII text: its runs of letters, digits and
/// apostrophes (what splitting at any other character gives, with the
/// empty pieces dropped), byte by byte.
fn ascii_words(text: &str) -> Vec<&str> {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'\'';
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < b.len() {
        if !is_word(b[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < b.len() && is_word(b[i]) {
            i += 1;
        }
        out.push(&text[start..i]);
    }
    out
}

/// Which of [`UNCERTAINTY_PHRASES`] occur in `lower` (bit `k`: phrase `k`),
/// as `lower.contains(phrase)` says, in one pass: a phrase is compared
/// only where its first two bytes are (21 searches, each setting up its
/// own searcher, cost more on a statement's few hundred bytes).
fn uncertainty_phrases_in(lower: &str) -> u32 {
    const _: () = assert!(UNCERTAINTY_PHRASES.len() <= 32);
    // per byte, the phrases whose first (second) byte it is
    static TABLES: OnceLock<[[u32; 256]; 2]> = OnceLock::new();
    let [first, second] = TABLES.get_or_init(|| {
        let mut t = [[0u32; 256]; 2];
        for (k, p) in UNCERTAINTY_PHRASES.iter().enumerate() {
            let b = p.as_bytes();
            assert!(b.len() >= 2, "a phrase of two bytes or more");
            t[0][b[0] as usize] |= 1 << k;
            t[1][b[1] as usize] |= 1 << k;
        }
        t
    });
    let b = lower.as_bytes();
    let mut held = 0u32;
    for (at, pair) in b.windows(2).enumerate() {
        let mut m = first[pair[0] as usize] & second[pair[1] as usize];
        while m != 0 {
            let k = m.trailing_zeros() as usize;
            m &= m - 1;
            if b[at..].starts_with(UNCERTAINTY_PHRASES[k].as_bytes()) {
                held |= 1 << k;
            }
        }
    }
    held
}

/// "Iran's possible response", "a likely target": an adjective inside a
/// noun phrase names a possibility; it does not hedge the statement (as
/// "it is possible that", "is likely to" do).
fn attributive(words: &[&str], k: usize) -> bool {
    if !matches!(
        words[k],
        "possible" | "likely" | "probable" | "plausible" | "theoretical"
    ) {
        return false;
    }
    let next = words.get(k + 1).copied().unwrap_or("");
    let prev = if k > 0 { words[k - 1] } else { "" };
    let determiner = matches!(
        prev,
        "a" | "an" | "the" | "its" | "his" | "her" | "their" | "our" | "any" | "every" | "all" | "s"
    ) || prev.ends_with("'s")
        || prev.ends_with("’s");
    determiner && !next.is_empty() && !matches!(next, "that" | "to" | "for" | "and" | "or")
}

pub fn classify(
    cue: Option<&str>,
    cue_stance: Option<Stance>,
    content: &str,
    kind: StatementKind,
) -> (Stance, Vec<String>) {
    let is_word_char = |c: char| c.is_alphanumeric() || c == '\'' || c == '’';
    let ascii = content.is_ascii();
    // (an ASCII string's Unicode lower case is its ASCII lower case)
    let lower = if ascii {
        content.to_ascii_lowercase()
    } else {
        content.to_lowercase()
    };
    // ASCII contents (nearly all): slices of the lower-cased content, no
    // string per word; otherwise each word lower-cased on its own, since
    // Unicode case mapping can change a word's letters.
    let owned: Vec<String>;
    let words: Vec<&str> = if ascii {
        ascii_words(&lower)
    } else {
        owned = content
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty())
            .map(|w| w.to_lowercase())
            .collect();
        owned.iter().map(String::as_str).collect()
    };
    // "X may use our territory …, if necessary": "may" of permission, not
    // of possibility (checked per sentence of the content).
    let permissive = |k: usize| {
        if words[k] != "may" {
            return false;
        }
        let sentence_of = |text: &str| {
            text.split(['.', '!', '?'])
                .find(|s| {
                    s.to_lowercase()
                        .split(|c: char| !c.is_alphanumeric())
                        .any(|w| w == "may")
                })
                .map(str::to_lowercase)
        };
        sentence_of(content).is_some_and(|s| {
            [
                "if necessary",
                "if needed",
                "if required",
                "when necessary",
                "where necessary",
            ]
            .iter()
            .any(|p| s.contains(p))
        })
    };
    // "were spreading rumors and false information": rumours someone
    // spreads are named, not a hedge of the source's.
    // ("not to comment on rumors or speculation": what one declines to
    // discuss is named, no hedge either)
    let spread_rumour = |k: usize| {
        matches!(
            words[k],
            "rumours" | "rumour" | "rumors" | "rumor" | "speculation" | "speculations"
        ) && words[k.saturating_sub(4)..k].iter().any(|p| {
            matches!(
                *p,
                "spreading"
                    | "spread"
                    | "spreads"
                    | "peddling"
                    | "peddle"
                    | "peddles"
                    | "fuelling"
                    | "fueling"
                    | "circulating"
                    | "disseminating"
                    | "comment"
                    | "commenting"
                    | "respond"
                    | "responding"
            )
        })
    };
    let mut hedges: Vec<String> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        if HEDGES.contains(w)
            && !hedges.iter().any(|h| h == w)
            && !attributive(&words, k)
            && !permissive(k)
            && !spread_rumour(k)
            // ("nor could it conduct …": an ability denied, no hedge)
            && (k == 0 || words[k - 1] != "nor")
        {
            hedges.push(w.to_string());
        }
    }
    // Uncertainty stated in so many words.
    let held = uncertainty_phrases_in(&lower);
    for (k, phrase) in UNCERTAINTY_PHRASES.iter().enumerate() {
        if held & 1 << k != 0 && !hedges.iter().any(|h| h == phrase) {
            hedges.push((*phrase).to_string());
        }
    }
    let source_hedged = hedges
        .iter()
        .any(|h| kind != StatementKind::Indirect || !REPORTER_HEDGES.contains(&h.as_str()));
    let cue_l = cue.map(str::to_lowercase).unwrap_or_default();
    if cue_l.contains("rule out") {
        hedges.insert(0, "not rule out".into());
    }
    // A denial word rejects the claim when it is predicated of it ("is
    // false", "as propaganda", "pure fabrication") or the content is short
    // ("absurd", "baseless accusations"); deep in a long content it is just
    // a word ("would attack loudspeakers broadcasting propaganda").
    let predicated = |k: usize| {
        words[k.saturating_sub(3)..k].iter().any(|p| {
            matches!(
                *p,
                "is" | "are"
                    | "was"
                    | "were"
                    | "be"
                    | "been"
                    | "as"
                    | "called"
                    // ("the report contained baseless allegations")
                    | "contained"
                    | "contains"
                    | "but"
                    | "pure"
                    | "complete"
                    | "utter"
                    | "totally"
                    | "completely"
                    | "absolutely"
                    | "entirely"
            )
        })
    };
    // "called the characterization … a false accusation": the cue predicates.
    let labelling = matches!(
        cue.map(str::to_lowercase).as_deref(),
        Some(
            "called"
                | "calls"
                | "call"
                | "calling"
                | "described"
                | "describes"
                | "describing"
                | "branded"
                | "branding"
                | "labelled"
                | "labeled"
                | "labelling"
                | "labeling"
                | "dismissed"
                | "dismissing"
                | "termed"
                | "terming"
                | "slammed"
                | "slamming"
        )
    );
    // Words that reject a claim when the cue labels it ("calling the
    // research deeply flawed"); predicated elsewhere they may criticise
    // a thing rather than reject a claim ("the system was flawed").
    // ("the claims were inaccurate": predicated of a claim, they reject it.)
    let claim_noun = |k: usize| {
        words[k.saturating_sub(4)..k].iter().any(|p| {
            matches!(
                *p,
                "claims" | "claim" | "allegations" | "allegation" | "accusations" | "accusation" | "report" | "reports"
            )
        })
    };
    // ("described the report as another provocation": the label itself,
    // near the start; "despite every provocation" deep in a quotation is not.)
    let labelled_denial = |w: &str, k: usize| {
        labelling
            && (LABEL_DENIAL_WORDS.contains(&w)
                || (k < 8 && matches!(w, "provocation" | "provocative"))
                // ("called the accusations a “wild rumor”")
                || (k < 12 && matches!(w, "rumor" | "rumour" | "rumors" | "rumours")))
    };
    // "had never seen such elaborate methods": an experience told, no denial.
    // ("We will never give up": a pledge, short or long.)
    // ("a scenario that may never happen": a possibility, no denial.)
    let pledge = |k: usize| {
        words[k] == "never"
            && k > 0
            && matches!(
                words[k - 1],
                "will" | "would" | "shall" | "ll" | "may" | "might" | "could"
            )
    };
    let experience = |k: usize| {
        words[k] == "never"
            && words.get(k + 1).is_some_and(|n| {
                matches!(
                    *n,
                    "seen" | "heard" | "witnessed" | "experienced" | "encountered" | "felt" | "imagined" | "faced"
                )
            })
    };
    // "a channel known for spreading Russian disinformation", "to counter
    // propaganda": the word names what someone spreads or fights, not a
    // verdict on the claim.
    // (So does a campaign someone runs: "accused Russia of having run a
    // large-scale disinformation campaign".)
    let spread_object = |k: usize| {
        words[k.saturating_sub(4)..k].iter().any(|p| {
            matches!(
                *p,
                "ran"
                    | "run"
                    | "runs"
                    | "running"
                    | "waged"
                    | "waging"
                    | "conducted"
                    | "conducting"
                    | "launched"
                    | "orchestrated"
                    | "orchestrating"
                    | "organised"
                    | "organized"
                    | "coordinated"
            )
        }) && !predicated(k)
            || words[k.saturating_sub(2)..k].iter().any(|p| {
                matches!(
                    *p,
                    "spreading"
                        | "spread"
                        | "spreads"
                        | "spreader"
                        | "spreaders"
                        | "peddling"
                        | "peddle"
                        | "peddles"
                        | "pushing"
                        | "combat"
                        | "combating"
                        | "combatting"
                        | "counter"
                        | "countering"
                        | "fight"
                        | "fighting"
                        | "tackle"
                        | "tackling"
                )
            }) && !predicated(k)
    };
    let denial = words.iter().enumerate().any(|(k, w)| {
        (DENIAL_WORDS.contains(w)
            || labelled_denial(w, k)
            || (LABEL_DENIAL_WORDS.contains(w) && predicated(k) && claim_noun(k)))
            && !experience(k)
            && !pledge(k)
            && !spread_object(k)
            && (words.len() <= 15
                || labelling
                || matches!(*w, "deny" | "denies" | "denied")
                // "has never interfered" denies; "will never abandon" pledges.
                || (*w == "never" && !(k > 0 && matches!(words[k - 1], "will" | "would" | "shall" | "ll")))
                || predicated(k))
    }) || denies_in_so_many_words(&lower, &words)
        || flat_no(&words);
    let stance = match cue_stance {
        Some(Stance::Deny) => Stance::Deny,
        Some(s @ (Stance::Question | Stance::Speculate)) => s,
        _ if content.trim_end_matches(['”', '"', '’', '\'', ' ']).ends_with('?') => Stance::Question,
        _ if denial => Stance::Deny,
        _ if source_hedged => Stance::Speculate,
        _ => Stance::Assert,
    };
    (stance, hedges)
}

/// A bare "no" as the whole reply: "Absolutely not", "Of course not",
/// "No", "Not at all" (not "No, it's …": every word must be one of these).
fn flat_no(words: &[&str]) -> bool {
    !words.is_empty()
        && words.len() <= 4
        && words.iter().any(|w| matches!(*w, "not" | "no" | "never"))
        && words.iter().all(|w| {
            matches!(
                *w,
                "not" | "no" | "never" | "absolutely" | "certainly" | "definitely" | "of" | "course" | "at" | "all"
            )
        })
}

/// A denial said without a denial word: "nothing to do with", "no
/// evidence", "neither … nor … have provided any evidence that …", "have
/// been hyping up that …", and a content saying nothing of the kind
/// happened ("no person residing in the town was a victim"; not "No, it's
/// …", "no permit is required"). `lower` is the content lower-cased,
/// `words` its lower-cased words.
fn denies_in_so_many_words(lower: &str, words: &[&str]) -> bool {
    let hype = words
        .windows(2)
        .any(|p| matches!(p[0], "hyping" | "hyped") && p[1] == "up");
    let head = lower.trim_start();
    let head = head.strip_prefix("that ").unwrap_or(head);
    const NOT_NOBODY: [&str; 6] = [
        "no longer",
        "no doubt",
        "no problem",
        "no matter",
        "no one can",
        "no need",
    ];
    let nobody = (head.starts_with("no ") || head.starts_with("nobody ") || head.starts_with("none of "))
        && !NOT_NOBODY.iter().any(|p| head.starts_with(p))
        && words.iter().any(|w| matches!(*w, "was" | "were" | "had" | "did"));
    let negated = || {
        words
            .iter()
            .any(|w| matches!(*w, "not" | "n't" | "never" | "neither" | "nor" | "without" | "failed"))
    };
    hype || nobody
        || lower.contains("nothing to do with")
        // "Mr. Lukashenko's statement does not correspond to reality"
        || lower.contains("not correspond to reality")
        || lower.contains("not correspond to the facts")
        || lower.contains("not reflect reality")
        || lower.contains("not reflect the reality")
        || lower.contains("divorced from reality")
        || lower.contains("no evidence")
        || lower.contains("zero evidence")
        || lower.contains("no proof")
        || lower.contains("no sign of")
        // (quoted in the content too: 'had "no indication" of diversion')
        || lower.contains("no indication")
        // "There is no truth to these reports", "without any foundation",
        // "categorically rejects": a rejection in other words.
        || words.windows(2).any(|p| {
            matches!(
                (p[0], p[1]),
                ("no", "truth")
                    | ("not", "true")
                    | ("no", "basis")
                    | ("without", "foundation")
                    | ("categorically", "rejects" | "reject" | "denies" | "deny")
            )
        })
        || words.windows(3).any(|p| p == ["without", "any", "foundation"])
        // "the reports are “not accurate at all”": a claim said to be
        // inaccurate (a thing may be "not accurate enough" without a
        // claim being rejected).
        || words.windows(2).enumerate().any(|(k, p)| {
            p[0] == "not"
                && matches!(p[1], "accurate" | "correct")
                && words[k.saturating_sub(4)..k].iter().any(|w| {
                    matches!(
                        *w,
                        "report" | "reports" | "claim" | "claims" | "allegation" | "allegations" | "story" | "stories"
                    )
                })
        })
        // "We strongly exclude any involvement of Moscow"
        || words
            .windows(2)
            .any(|p| matches!(p[0], "exclude" | "excludes" | "excluded") && matches!(p[1], "any" | "all"))
        // "strongly disagreed with any suggestion that it causes autism"
        || (words
            .windows(2)
            .any(|p| matches!(p[0], "disagree" | "disagrees" | "disagreed") && p[1] == "with")
            && words.iter().any(|w| {
                matches!(
                    *w,
                    "suggestion" | "suggestions" | "claim" | "claims" | "allegation" | "allegations" | "assertion"
                        | "characterization" | "characterisation" | "report" | "reports"
                )
            }))
        // "Nothing of the sort happened", "nothing of the kind"
        || words
            .windows(4)
            .any(|p| p[..3] == ["nothing", "of", "the"] && matches!(p[3], "sort" | "kind"))
        || ((lower.contains("any evidence") || lower.contains("any proof")) && negated())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-pass phrase finder and the byte-level word splitter agree
    /// with `contains` and with splitting at non-word characters.
    #[test]
    fn phrase_finder_and_word_splitter_agree_with_the_std_ones() {
        let texts = [
            "",
            "it remains to be seen whether the attack is believed to have come from the north",
            "unconfirmedunverified; cannot be ruled out, can not be ruled out, not yet clear",
            "it's unclear whether -- they aren't thought to be 'unclear' about it, 40 needs further investigation",
            "requires further investigation. require further investigation! need further investigation",
            "this believed to, were believed to, was believed to, are thought to, remain unclear, cannot be excluded",
            "rrrequires further investigatio; remains unclea; isbelieved to",
        ];
        for t in texts {
            let mut expect = 0u32;
            for (k, p) in UNCERTAINTY_PHRASES.iter().enumerate() {
                if t.contains(p) {
                    expect |= 1 << k;
                }
            }
            assert_eq!(uncertainty_phrases_in(t), expect, "{t:?}");
            let words: Vec<&str> = t
                .split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
                .filter(|w| !w.is_empty())
                .collect();
            assert_eq!(ascii_words(t), words, "{t:?}");
        }
    }

    #[test]
    fn a_bare_no_denies() {
        let direct = StatementKind::Direct;
        for no in ["Absolutely not,", "Of course not.", "No.", "Not at all"] {
            assert_eq!(classify(Some("said"), None, no, direct).0, Stance::Deny, "{no}");
        }
        for other in ["No, it's fine.", "Not now, we are busy."] {
            assert_eq!(classify(Some("said"), None, other, direct).0, Stance::Assert, "{other}");
        }
    }

    #[test]
    fn rejections_in_other_words_deny() {
        let direct = StatementKind::Direct;
        for c in [
            "There is no truth to these reports,",
            "the allegations are not true",
            "the reports are “not accurate at all,”",
            "It goes without saying that Mr. Lukashenko's statement does not correspond to reality.",
            "it \"categorically rejects\" the findings",
            "Nothing of the sort happened,",
        ] {
            assert_eq!(classify(Some("said"), None, c, direct).0, Stance::Deny, "{c}");
        }
    }

    #[test]
    fn believed_to_hedges() {
        let ind = StatementKind::Indirect;
        let (stance, hedges) = classify(Some("said"), None, "Tehran is believed to have warned Baku", ind);
        assert_eq!(
            (stance, hedges),
            (Stance::Speculate, vec!["is believed to".to_string()])
        );
        assert_eq!(
            classify(Some("said"), None, "Tehran believed the warning was enough", ind).0,
            Stance::Assert
        );
    }

    #[test]
    fn stances() {
        let ind = StatementKind::Indirect;
        assert_eq!(
            classify(Some("denied"), Some(Stance::Deny), "the allegations", ind).0,
            Stance::Deny
        );
        assert_eq!(
            classify(Some("alleged"), None, "Israel may have used its territory", ind).0,
            Stance::Speculate
        );
        assert_eq!(
            classify(
                Some("called"),
                None,
                "the claims “absolutely unfounded and a product of fantasy.”",
                StatementKind::Mixed
            )
            .0,
            Stance::Deny
        );
        // Saying no one has shown evidence of a claim denies it.
        let dir = StatementKind::Direct;
        let no_proof =
            "Neither the mediators nor the guarantors have provided any evidence that the group broke the deal";
        assert_eq!(classify(Some("reads"), None, no_proof, dir).0, Stance::Deny);
        assert_eq!(
            classify(None, None, "We will never give up on this city.", dir).0,
            Stance::Assert
        );
        // "may never happen": a possibility, hedged, not denied.
        let maybe = "The market is pricing in a worst-case scenario that may never happen";
        assert_eq!(classify(Some("said"), None, maybe, dir).0, Stance::Speculate);
        // A negated experience tells something; a negated act denies it.
        assert_eq!(
            classify(Some("said"), None, "she had never seen such crowds at the border", ind).0,
            Stance::Assert
        );
        assert_eq!(
            classify(
                Some("said"),
                None,
                "the army had never fired at the crowds at the border",
                ind
            )
            .0,
            Stance::Deny
        );
        let no_victim = "no person residing in the town was a victim of the alleged attacks";
        assert_eq!(classify(Some("said"), None, no_victim, ind).0, Stance::Deny);
        assert_eq!(
            classify(Some("said"), None, "no doubt the deal will pass", ind).0,
            Stance::Assert
        );
        let hype = "the authorities have been hyping up that the mainland is interfering in the vote";
        assert_eq!(classify(Some("said"), None, hype, ind).0, Stance::Deny);
        assert_eq!(
            classify(Some("said"), None, "the inspectors found evidence of tampering", ind).0,
            Stance::Assert
        );
        // The reporter's "allegedly" does not make the source speculate.
        assert_eq!(
            classify(Some("claims"), None, "Azerbaijan has allegedly provided support", ind).0,
            Stance::Assert
        );
        assert_eq!(
            classify(
                Some("titled"),
                None,
                "Did Baku Participate in the attack?",
                StatementKind::Direct
            )
            .0,
            Stance::Question
        );
        let (s, h) = classify(
            Some("does not rule out"),
            Some(Stance::Speculate),
            "the information could be true",
            ind,
        );
        assert_eq!(s, Stance::Speculate);
        assert_eq!(h, ["not rule out", "could"]);
    }
}
