//! First attribution pass, over tokens: reporting cues ("said", "denied",
//! "according to", "claims that"), the speaker noun phrase next to each cue,
//! the reported content, and direct quotes attributed before, after or by
//! continuation. The parse-driven attribution replaces the phrase finding
//! here; the statement assembly, stance and resolution stay.

use claimgraph_doc::{labels, Doc, EntityType, SentenceParser, Span, SpeakerType, Stance, StatementKind, TokenShape};

use crate::cues::{Lexicon, NOUN_CUES, PHRASE_CUES};
use crate::quotes::{self, Quote};
use crate::speakers::{DETERMINERS, PERSON_ROLES, PRONOUNS, SPEAKER_NOUNS, UNNAMED_SOURCE_NOUNS};

/// A statement before speaker resolution and stance.
#[derive(Clone, Debug)]
pub struct Found {
    pub content: Span,
    pub kind: StatementKind,
    /// Token range of the speaker mention, if the text names one.
    pub speaker: Option<(usize, usize)>,
    /// A description used when no mention exists ("unnamed sources").
    pub speaker_fallback: Option<(String, SpeakerType)>,
    /// Copy the speaker of another statement (continued quotes, participles).
    pub same_speaker_as: Option<usize>,
    /// What a pronoun speaker refers to, when the clause says ("condemned
    /// what it called …": the subject of "condemned").
    pub antecedent: Option<(usize, usize)>,
    pub cue: Option<Span>,
    pub cue_stance: Option<Stance>,
}

impl Found {
    /// A direct quotation by a named speaker.
    fn direct(content: Span, speaker: (usize, usize), cue: Option<Span>, cue_stance: Option<Stance>) -> Found {
        Found {
            content,
            kind: StatementKind::Direct,
            speaker: Some(speaker),
            speaker_fallback: None,
            same_speaker_as: None,
            antecedent: None,
            cue,
            cue_stance,
        }
    }

    /// A quotation that goes on with the speaker of statement `prev`.
    fn continuing(content: Span, prev: usize) -> Found {
        Found {
            content,
            kind: StatementKind::Direct,
            speaker: None,
            speaker_fallback: None,
            same_speaker_as: Some(prev),
            antecedent: None,
            cue: None,
            cue_stance: None,
        }
    }
}

/// The statement (and its index) whose content ends last before byte
/// `pos`, among those `keep` accepts; on a tie the later found (the
/// closest before, whatever order statements were found in).
fn last_found_before(found: &[Found], pos: usize, keep: impl Fn(&Found) -> bool) -> Option<(usize, &Found)> {
    found
        .iter()
        .enumerate()
        .filter(|(_, f)| f.content.end as usize <= pos && keep(f))
        .max_by_key(|(i, f)| (f.content.end, *i))
}

/// (head, deprel) of each token of one sentence.
pub type Arcs = Vec<(u32, u8)>;

/// Per-token views the heuristics need.
pub struct Toks<'a> {
    pub doc: &'a Doc,
    /// Lower-cased tokens, one after another: token `i` is `lower_span[i]`.
    lower: String,
    lower_span: Vec<(u32, u32)>,
    pub sent_of: Vec<usize>,
    /// Token lies inside a quotation.
    pub quoted: Vec<bool>,
    /// Sentence overlaps a headline, caption, byline or header.
    pub excluded_sent: Vec<bool>,
    /// Bytes from the opening to past the closing mark of the longest quote.
    pub longest_quote: usize,
    /// Per token: the quote it opens, and the quote it closes (`NONE`).
    open_at: Vec<u32>,
    close_at: Vec<u32>,
    /// Parses sentences the document does not carry a parse for, when the
    /// statement finder first reads one (see [`Toks::arc`]).
    parser: Option<&'a dyn SentenceParser>,
    /// Per sentence: `None` = not looked at yet; `Some(None)` = the
    /// document's own parse; `Some(Some(arcs))` = parsed here.
    parses: std::cell::RefCell<Vec<Option<Option<Arcs>>>>,
}

impl<'a> Toks<'a> {
    pub fn new(doc: &'a Doc, quotes: &[Quote], parser: Option<&'a dyn SentenceParser>) -> Toks<'a> {
        let mut lower = String::with_capacity(doc.text().len());
        let mut lower_span = Vec::with_capacity(doc.tokens.len());
        for (i, t) in doc.tokens.iter().enumerate() {
            let start = lower.len() as u32;
            let w = doc.slice(t.span);
            if doc.is_acronym_not_word(i) {
                // Kept as written, so that no word list takes it for "who".
                lower.push_str(w);
            } else if w.is_ascii() {
                let at = lower.len();
                lower.push_str(w);
                lower[at..].make_ascii_lowercase();
            } else {
                lower.push_str(&w.to_lowercase());
            }
            lower_span.push((start, lower.len() as u32));
        }
        let mut sent_of = vec![0; doc.tokens.len()];
        let mut excluded_sent = Vec::with_capacity(doc.sentences.len());
        for (si, s) in doc.sentences.iter().enumerate() {
            for t in s.token_range() {
                sent_of[t] = si;
            }
            let ex = doc
                .excluded_overlapping(s.span)
                .any(|(_, k)| *k != claimgraph_doc::ExcludedKind::Dateline);
            excluded_sent.push(ex);
        }
        let mut quoted = vec![false; doc.tokens.len()];
        for q in quotes {
            // Tokens are in text order: only those from the quote's start on.
            let first = doc.tokens.partition_point(|t| t.span.start < q.inner.start);
            for (i, t) in doc.tokens.iter().enumerate().skip(first) {
                if t.span.start >= q.inner.end {
                    break;
                }
                if q.inner.contains(t.span) {
                    quoted[i] = true;
                }
            }
        }
        let longest_quote = quotes
            .iter()
            .map(|q| q.outer_end(doc.text()) - q.open)
            .max()
            .unwrap_or(0);
        // (First quote wins, as the scans these tables replace did.)
        let mut open_at = vec![NONE; doc.tokens.len()];
        let mut close_at = vec![NONE; doc.tokens.len()];
        let mark = |at: &mut Vec<u32>, byte: usize, q: usize| {
            let first = doc.tokens.partition_point(|t| (t.span.start as usize) < byte);
            let same = doc.tokens[first..]
                .iter()
                .take_while(|t| t.span.start as usize == byte)
                .count();
            for a in &mut at[first..first + same] {
                if *a == NONE {
                    *a = q as u32;
                }
            }
        };
        for (i, q) in quotes.iter().enumerate() {
            mark(&mut open_at, q.open, i);
            if let Some(c) = q.close {
                mark(&mut close_at, c, i);
            }
        }
        Toks {
            doc,
            lower,
            lower_span,
            sent_of,
            quoted,
            excluded_sent,
            longest_quote,
            open_at,
            close_at,
            parser,
            parses: std::cell::RefCell::new(vec![None; doc.sentences.len()]),
        }
    }

    pub fn text(&self, i: usize) -> &str {
        self.doc.token_text(i)
    }
    #[inline]
    fn lw(&self, i: usize) -> &str {
        // The rules ask this millions of times per 100k words.
        let (a, b) = self.lower_span[i];
        // SAFETY: `Toks::new` pushed whole strings to `lower` and recorded
        // where each started and ended: both are char boundaries.
        unsafe { self.lower.get_unchecked(a as usize..b as usize) }
    }
    fn is_cap(&self, i: usize) -> bool {
        self.text(i).chars().next().is_some_and(char::is_uppercase)
    }
    fn shape(&self, i: usize) -> TokenShape {
        self.doc.tokens[i].shape
    }
    fn is_quote(&self, i: usize) -> bool {
        self.shape(i) == TokenShape::Quote
    }
    fn is_word(&self, i: usize) -> bool {
        matches!(self.shape(i), TokenShape::Word | TokenShape::Number)
    }
    /// The token's UPOS when the syntax layer tagged it.
    fn upos(&self, i: usize) -> Option<&'static str> {
        let u = self.doc.tokens[i].upos as usize;
        (u != 0).then(|| labels::UPOS.get(u).copied()).flatten()
    }
    fn xpos(&self, i: usize) -> Option<&'static str> {
        let x = self.doc.tokens[i].xpos as usize;
        (x != 0).then(|| labels::XPOS.get(x).copied()).flatten()
    }
    fn deprel(&self, i: usize) -> Option<&'static str> {
        let d = self.arc(i).1 as usize;
        (d != 0).then(|| labels::DEPREL.get(d).copied()).flatten()
    }
    /// The token's head (a document token index, or `NO_HEAD`).
    fn head(&self, i: usize) -> u32 {
        self.arc(i).0
    }
    /// The token's (head, deprel): the document's parse if its sentence has
    /// one (a parsed sentence has a root, whose relation is never 0), else
    /// the parser's, run on the whole sentence at the first question.
    fn arc(&self, i: usize) -> (u32, u8) {
        let t = &self.doc.tokens[i];
        let Some(parser) = self.parser else {
            return (t.head, t.deprel);
        };
        let si = self.sent_of[i];
        let mut parses = self.parses.borrow_mut();
        let entry = parses[si].get_or_insert_with(|| {
            let r = self.doc.sentences[si].token_range();
            if r.clone().any(|k| self.doc.tokens[k].deprel != 0) {
                None
            } else {
                Some(parser.parse_sentence(self.doc, si))
            }
        });
        match entry {
            Some(arcs) => arcs[i - self.doc.sentences[si].tokens.start as usize],
            None => (t.head, t.deprel),
        }
    }
    /// The parses made here: (sentence, arcs), for the document to keep.
    fn into_parses(self) -> Vec<(usize, Arcs)> {
        self.parses
            .into_inner()
            .into_iter()
            .enumerate()
            .filter_map(|(si, p)| Some((si, p??)))
            .collect()
    }
    /// A common noun by its tag (untagged documents: never).
    fn is_tagged_noun(&self, i: usize) -> bool {
        matches!(self.upos(i), Some("NOUN"))
    }
    /// Tagged as something a reporting verb cannot be.
    fn tagged_not_verb(&self, i: usize) -> bool {
        matches!(
            self.upos(i),
            Some("NOUN" | "PROPN" | "ADJ" | "ADP" | "DET" | "PRON" | "NUM")
        )
    }
    fn span(&self, a: usize, b: usize) -> Span {
        Span {
            start: self.doc.tokens[a].span.start,
            end: self.doc.tokens[b - 1].span.end,
        }
    }
}

const AUX_SKIP: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "also",
    "already",
    "repeatedly",
    "firmly",
    "swiftly",
    "once",
    "again",
    "further",
    "reportedly",
    "previously",
    "earlier",
    "then",
    "now",
    "still",
    "just",
    "recently",
    "publicly",
    "officially",
    "separately",
    "later",
    "long",
    "would",
    "will",
    "did",
    "does",
    "do",
    "had",
    "been",
    "be",
    "being",
    "not",
    "never",
    "categorically",
    "strongly",
    "always",
    "consistently",
    "flatly",
    "likewise",
];

/// "released an article Sunday saying", "issued a statement on Monday
/// saying": a document noun (past a time adjunct) right before `i`.
fn document_before(tk: &Toks, i: usize, s_start: usize) -> bool {
    let mut j = i;
    while j > s_start && (is_day_word(tk.lw(j - 1)) || matches!(tk.lw(j - 1), "on" | "late" | "earlier")) {
        j -= 1;
    }
    j > s_start
        && matches!(
            tk.lw(j - 1),
            "article" | "statement" | "communique" | "communiqué" | "release" | "letter" | "video" | "post" | "message"
        )
}

/// A day named as a time adjunct ("on Thursday", "yesterday").
fn is_day_word(w: &str) -> bool {
    crate::DAY_NAMES.contains(&w) || matches!(w, "today" | "yesterday" | "tonight")
}

/// Words that end an NP to their right when scanning leftwards.
const NP_STOP: &[&str] = &[
    "that", "which", "who", "when", "while", "after", "before", "because", "but", "if", "as", "than", "in", "on", "at",
    "to", "from", "with", "by", "for", "into", "about", "over", "under", "since", "said", "says", "is", "was", "are",
    "were", "has", "have", "had", "will", "would", "can", "could", "not", "also", "there", "here", "where", "why",
    "how", "what", "although", "though", "however",
];

/// Finds attributed statements in a segmented document, in discovery
/// order (`same_speaker_as` points to an earlier element). With `parser`,
/// sentences without a parse are parsed when first needed; those parses
/// are returned as (sentence, arcs).
pub fn find_statements(doc: &Doc, parser: Option<&dyn SentenceParser>) -> (Vec<Found>, Vec<(usize, Arcs)>) {
    let quotes = quotes::find(doc);
    let tk = Toks::new(doc, &quotes, parser);
    let lex = Lexicon::get();
    let mut found: Vec<Found> = Vec::new();
    let mut used_quotes = vec![false; quotes.len()];

    for (si, s) in doc.sentences.iter().enumerate() {
        if tk.excluded_sent[si] {
            continue;
        }
        let range = s.token_range();
        let mut i = range.start;
        let sent_first_found = found.len();
        while i < range.end {
            let Some(cue) = detect_cue(&tk, lex, i, range.start, range.end) else {
                i += 1;
                continue;
            };
            // Inside a quotation, only a named source's "said that …" is a
            // nested attribution; other cue words are the speaker's own.
            if tk.quoted[i] {
                // (Or a subject the parse names: "When Brenda Shaffer
                // published an article …, explaining …, and wrote that …".)
                let subject = speaker_left(&tk, cue.start, range.start)
                    .or_else(|| parse_subject(&tk, cue.start, range.clone()))
                    .filter(|&sp| names_someone(&tk, sp));
                let named = match cue.kind {
                    CueKind::Verb => cue.end < range.end && tk.lw(cue.end) == "that" && subject.is_some(),
                    CueKind::Participle => {
                        parse_subject(&tk, cue.start, range.clone()).is_some_and(|sp| names_someone(&tk, sp))
                    }
                    _ => false,
                };
                if !named {
                    i += 1;
                    continue;
                }
            }
            let mut next = cue.end;
            let mut extra = Vec::new();
            let built = build_from_cue(
                &tk,
                &quotes,
                &mut used_quotes,
                &cue,
                range.clone(),
                (&found[sent_first_found..], sent_first_found),
                &mut extra,
            );
            if let Some(f) = built {
                // A noun cue absorbed into this content ("denied claims that")
                // is not a cue again.
                let content_tok = token_at_or_after(&tk, f.content.start as usize);
                if content_tok > next && (next..content_tok).any(|k| NOUN_CUES.contains(&tk.lw(k))) {
                    next = content_tok;
                }
                found.push(f);
                found.extend(extra);
            }
            i = next.max(i + 1);
        }
    }

    // Quotes no cue claimed: attribution after the quote, "NAME: “…”", or a
    // continuation of the previous speaker's quote.
    // Contents sorted by start, for the overlap test (no scan per quote).
    let mut contents: Vec<Span> = found.iter().map(|f| f.content).collect();
    contents.sort_unstable();
    let mut longest = contents.iter().map(|c| c.len()).max().unwrap_or(0) as u32;
    let claimed = |q: &Quote, contents: &[Span], longest: u32| {
        let to = contents.partition_point(|c| c.start < q.inner.end);
        let from = contents.partition_point(|c| c.start + longest < q.inner.start);
        contents[from.min(to)..to].iter().any(|c| c.overlaps(q.inner))
    };
    for (qi, q) in quotes.iter().enumerate() {
        if used_quotes[qi] || claimed(q, &contents, longest) {
            continue;
        }
        if let Some(f) = attribute_quote(&tk, lex, q, &found) {
            used_quotes[qi] = true;
            let at = contents.partition_point(|c| *c < f.content);
            contents.insert(at, f.content);
            longest = longest.max(f.content.len() as u32);
            found.push(f);
        }
    }
    (found, tk.into_parses())
}

/// A detected cue: token range, its kind, and the stance it implies.
struct Cue {
    start: usize,
    end: usize,
    kind: CueKind,
    stance: Option<Stance>,
    takes_hearer: bool,
}

impl Cue {
    /// A passive cue and its "by".
    fn passive_by(i: usize, stance: Option<Stance>) -> Cue {
        Cue {
            start: i,
            end: i + 2,
            kind: CueKind::PassiveBy,
            stance,
            takes_hearer: false,
        }
    }

    /// A one-word verb cue that implies no stance by itself.
    fn verb_word(i: usize) -> Cue {
        Cue {
            start: i,
            end: i + 1,
            kind: CueKind::Verb,
            stance: None,
            takes_hearer: false,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum CueKind {
    Verb,
    /// -ing form after a comma: "…, saying …"; the speaker is the clause's.
    Participle,
    AccordingTo,
    /// "claims that …", "reports that …".
    Noun,
    /// A passive with its agent: "the allegations were denied by Tehran";
    /// the source follows "by", the content is the subject.
    PassiveBy,
}

fn detect_cue(tk: &Toks, lex: &Lexicon, i: usize, s_start: usize, s_end: usize) -> Option<Cue> {
    let w = tk.lw(i);
    // "according to X", "in the words of X"
    // (opening the sentence: a parenthetical "X, in the words of Y, was …"
    // leaves X's clause around it)
    let words_of = w == "in"
        && opens_clause(tk, i, s_start)
        && i + 4 < s_end
        && tk.lw(i + 1) == "the"
        && tk.lw(i + 2) == "words"
        && tk.lw(i + 3) == "of";
    if words_of || w == "according" && i + 1 < s_end && tk.lw(i + 1) == "to" && !in_accordance(tk, i, s_start, s_end) {
        return Some(Cue {
            start: i,
            end: if words_of { i + 4 } else { i + 2 },
            kind: CueKind::AccordingTo,
            stance: None,
            takes_hearer: false,
        });
    }
    // "reiterated warnings of election interference", "raised concerns
    // about …", "repeated accusations of fraud": the warning is the speech.
    if SPEECH_ACTS.contains(&w) && i > s_start && !tk.is_cap(i) && i + 2 < s_end {
        let noun = tk.lw(i + 1);
        let prep = tk.lw(i + 2);
        if NOUN_ACTS.contains(&noun) && matches!(prep, "of" | "about" | "over") && i + 3 < s_end {
            return Some(Cue {
                start: i,
                end: i + 3,
                kind: CueKind::Verb,
                stance: matches!(noun, "concerns" | "concern" | "fears" | "doubts").then_some(Stance::Speculate),
                takes_hearer: false,
            });
        }
    }
    if let Some((len, stance)) = phrase_cue_at(tk, i, s_end) {
        let kind = if w.ends_with("ing") {
            CueKind::Participle
        } else {
            CueKind::Verb
        };
        return Some(Cue {
            start: i,
            end: i + len,
            kind,
            stance: Some(stance),
            takes_hearer: false,
        });
    }
    let prev = (s_start..i)
        .rev()
        .find(|&j| tk.is_word(j) || tk.lw(j) == "," || tk.is_quote(j));
    let prev_w = prev.map(|j| tk.lw(j)).unwrap_or("");
    let next_w = if i + 1 < s_end { tk.lw(i + 1) } else { "" };
    // "…,” the Hamas statement reads.": a document's words, quoted; or
    // before the quotation: "The letter reads: “…”".
    if matches!(w, "reads" | "read")
        && prev.is_some_and(|j| j + 1 == i && DOCUMENT_NOUNS.contains(&tk.lw(j)))
        && (i + 1 >= s_end || matches!(next_w, "." | ",") || opens_quote_after(tk, i, s_end))
    {
        return Some(Cue::verb_word(i));
    }
    // "The researchers found that …", "a recent poll found only a quarter
    // …", "the court ruled that …": findings and rulings are attributed
    // to their source (the lexicon leaves "find" out: "bodies were found").
    if matches!(w, "found" | "finds" | "ruled" | "rules" | "concluded" | "concludes")
        && i > s_start
        && (next_w == "that"
            || (matches!(w, "found" | "finds")
                && research_subject(tk, i, s_start)
                && i + 1 < s_end
                && tk.is_word(i + 1)))
        && matches!(tk.xpos(i), Some("VBD" | "VBZ" | "VBN"))
        && !matches!(prev_w, "was" | "were" | "been" | "being" | "is" | "are" | "be")
        && !(matches!(w, "ruled" | "rules") && matches!(tk.lw(i + 1), "out"))
    {
        return Some(Cue::verb_word(i));
    }
    // "The WHO recommends that every country …", "urged that the law be
    // changed": a position stated, with its clause (the lexicon leaves these
    // out: "urged Israel to stop" is a request, like "asked … to").
    if matches!(
        w,
        "urge"
            | "urges"
            | "urged"
            | "recommend"
            | "recommends"
            | "recommended"
            | "demand"
            | "demands"
            | "demanded"
            | "propose"
            | "proposes"
            | "proposed"
    ) && next_w == "that"
        && i > s_start
        && matches!(tk.xpos(i), Some("VBD" | "VBZ" | "VBP" | "VB"))
        && !matches!(prev_w, "was" | "were" | "been" | "being" | "is" | "are" | "be")
    {
        return Some(Cue::verb_word(i));
    }
    // "She continued: “…”", "“…,” he continued.": "continue" narrates
    // speech only right beside a quotation (elsewhere it rarely does, which
    // is why the lexicon leaves it out).
    // ("The city reasoned, “…”": reasoning aloud, beside a quotation too.)
    // (`“…,” the ministry posted on Telegram.`: posting a quotation)
    if matches!(w, "posted" | "posts" | "tweeted" | "tweets")
        && closes_quote_before(tk, i, s_start)
        && (i + 1 >= s_end || matches!(next_w, "." | "," | "on" | "in" | "to" | "online"))
    {
        return Some(Cue::verb_word(i));
    }
    if matches!(w, "continued" | "continues" | "reasoned" | "reasons")
        && (opens_quote_after(tk, i, s_end)
            || (w == "reasoned" && i + 2 < s_end && tk.lw(i + 1) == "," && quote_opening_at(tk, i + 2).is_some())
            || closes_quote_before(tk, i, s_start) && (i + 1 >= s_end || matches!(next_w, "." | ",")))
    {
        return Some(Cue::verb_word(i));
    }
    // Noun cues followed by "that": "claims that …".
    // "…, a claim that Tehran rejects.": "that" opens a relative clause
    // whose verb lacks its object (the claim), no content clause.
    let relative_that = || {
        i >= s_start + 2
            && matches!(tk.lw(i - 1), "a" | "an" | "the")
            && tk.lw(i - 2) == ","
            // ("…, a claim that could not be verified": no subject at all)
            && (i + 2 < s_end && matches!(tk.xpos(i + 2), Some("MD" | "VBD" | "VBZ" | "VBP"))
            || (i + 3..s_end.min(i + 7)).any(|v| {
                matches!(tk.upos(v), Some("VERB"))
                    && (v + 1 >= s_end || matches!(tk.lw(v + 1), "." | "," | ";"))
                    && (i + 2..v).all(|x| !matches!(tk.upos(x), Some("VERB" | "AUX")) || AUX_SKIP.contains(&tk.lw(x)))
            }))
    };
    // ("the report that contains the claims": a verb right after "that"
    // makes it the relative clause's subject)
    let verb_after_that = i + 2 < s_end && matches!(tk.upos(i + 2), Some("VERB" | "AUX"));
    if NOUN_CUES.contains(&w) && next_w == "that" && !relative_that() && !verb_after_that {
        // "The report states that …": a third-person form right after a
        // singular source noun is its verb ("media reports that" stays a
        // noun).
        let verb_reading = lex.verb(w).is_some()
            && prev.is_some_and(|j| {
                tk.is_cap(j) && !DETERMINERS.contains(&tk.lw(j))
                    || PRONOUNS.contains(&tk.lw(j))
                    || matches!(tk.lw(j), "and" | "to")
                    || singular_source_before(tk, i, prev)
                    // ("Some commentators claim that …")
                    || (tk.xpos(j) == Some("NNS") && !w.ends_with('s'))
            });
        if !verb_reading {
            // "There are rumours that …", "speculation that …": what no one
            // asserts is speculated.
            let hedged = matches!(
                w,
                "rumour" | "rumours" | "rumor" | "rumors" | "speculation" | "suspicion" | "suspicions" | "fears"
            );
            return Some(Cue {
                start: i,
                end: i + 1,
                kind: CueKind::Noun,
                stance: hedged.then_some(Stance::Speculate),
                takes_hearer: false,
            });
        }
    }
    // "Referring to X, it emphasizes …": a sentence-opening participle whose
    // subject is the main clause's; X is what the source points to.
    if i == s_start && matches!(w, "referring" | "pointing") && next_w == "to" {
        return Some(Cue {
            start: i,
            end: i + 2,
            kind: CueKind::Participle,
            stance: Some(Stance::Assert),
            takes_hearer: false,
        });
    }
    // "Israeli experts have discussed the likelihood of …", "raised the
    // possibility that …": talk of a possibility is speculation about it.
    if matches!(
        w,
        "discuss" | "discussed" | "discusses" | "raise" | "raised" | "raises" | "floated" | "floats" | "float"
    ) && i + 2 < s_end
        && matches!(tk.lw(i + 1), "the" | "a")
        && matches!(
            tk.lw(i + 2),
            "likelihood" | "possibility" | "prospect" | "chance" | "chances" | "scenario"
        )
        && i > s_start
        && !tk.is_cap(i)
    {
        return Some(Cue {
            start: i,
            end: i + 1,
            kind: CueKind::Verb,
            stance: Some(Stance::Speculate),
            takes_hearer: false,
        });
    }
    let Some((lemma, info)) = lex.verb(w) else {
        return evaluative_cue(tk, w, i, s_start, s_end);
    };
    if i > s_start && tk.is_cap(i) {
        return None; // "United States", "Reports Without Borders"
    }
    if not_speech_use(tk, lemma, w, i, s_end) || mandated_clause(tk, i, s_start) {
        return None;
    }
    // The tagger knows "the claims" from "Beijing claims"; it sees ADJ in
    // "the alleged killings".
    // "…,” the report states." / "the Hamas statement reads": after a
    // source noun and before the sentence's end the word is the verb,
    // whatever the tagger said.
    // ("Writing in a blog post, …": a preposition's object is no subject.)
    let governed = |j: usize| {
        let mut k = j;
        while k > s_start && (DETERMINERS.contains(&tk.lw(k - 1)) || tk.upos(k - 1) == Some("ADJ")) {
            k -= 1;
        }
        k > s_start && tk.upos(k - 1) == Some("ADP")
    };
    let source_then_end = prev
        .is_some_and(|j| j + 1 == i && SPEAKER_NOUNS.contains(&tk.lw(j)) && !tk.quoted[j] && !governed(j))
        && (i + 1 >= s_end || matches!(tk.lw(i + 1), "." | ":" | ","));
    let source_then_that = next_w == "that" && singular_source_before(tk, i, prev);
    // ("The authors state in the notice that …": a plural, then a bare
    // form the tagger took for a noun, then its clause or adjunct)
    let plural_then_bare = prev.is_some_and(|j| j + 1 == i && tk.xpos(j) == Some("NNS"))
        && !w.ends_with('s')
        && matches!(next_w, "that" | "in" | "on");
    if (info.noun_ambiguous || w.ends_with("ed"))
        && tk.tagged_not_verb(i)
        && !source_then_end
        && !source_then_that
        && !plural_then_bare
    {
        return None;
    }
    // "UN estimates suggest …", "Russia's claims are …": a finite verb
    // right after the word makes it the subject's noun.
    if info.noun_ambiguous && w.ends_with('s') && i + 1 < s_end && matches!(tk.xpos(i + 1), Some("VBP" | "VBD" | "VBZ"))
    {
        return None;
    }
    if info.noun_ambiguous {
        // A noun after a determiner or adjective ("the claims", "media reports").
        let noun_ctx = prev.is_none_or(|j| {
            DETERMINERS.contains(&tk.lw(j))
                || matches!(
                    tk.lw(j),
                    "of" | "media" | "'s" | "’s" | "previous" | "new" | "main" | "these" | "such" | "any" | "no"
                )
                || !tk.is_word(j)
        });
        // "the espionage claims as …": a compound after a determiner (but
        // "the ministry claims that …" has a source before it).
        // ("its latest earnings call that …": adjectives between)
        let det_at = |j: usize| {
            let mut d = j - 1;
            while d > s_start && tk.upos(d) == Some("ADJ") && !tk.is_cap(d) {
                d -= 1;
            }
            d
        };
        let det_before = |j: usize| DETERMINERS.contains(&tk.lw(det_at(j)));
        // (a possessive or an adjective before the plural makes it a
        // modifier: "its latest earnings call")
        // (not after a quantifier: "Some conservative commentators claim")
        let modified_plural = |j: usize| {
            let d = tk.lw(det_at(j));
            matches!(d, "its" | "his" | "her" | "their" | "our") || (det_at(j) + 1 < j && d == "the")
        };
        let compound = prev.is_some_and(|j| {
            j > s_start
                && det_before(j)
                && !tk.is_cap(j)
                && !SPEAKER_NOUNS.contains(&tk.lw(j))
                && tk.is_word(j)
                // ("Some commentators claim …": a plural before a bare form
                // is its subject, no compound's modifier)
                && (tk.xpos(j) != Some("NNS") || w.ends_with('s') || modified_plural(j))
        });
        if noun_ctx || compound {
            return None;
        }
    }
    // Attributive participles: "the alleged killings", "a reported attack".
    // ("a widely reported study": an adverb between them too.)
    let before_adverbs = prev.map(|j| {
        let mut j = j;
        while j > s_start && tk.lw(j).ends_with("ly") && tk.upos(j) == Some("ADV") {
            j -= 1;
        }
        j
    });
    // ("Gordon's alleged tomb": after a possessive too.)
    if (w.ends_with("ed") || w.ends_with("en"))
        && before_adverbs.is_some_and(|j| DETERMINERS.contains(&tk.lw(j)) || matches!(tk.lw(j), "'s" | "’s"))
    {
        return None;
    }
    // Passives ("was accused of", "is described as", "was initially
    // denied visas") are not the speaker's cue.
    // Skipped on the way back: adverbs, and a coordinated passive ("was
    // basically hauled in and told that …").
    let aux_before = (s_start.max(i.saturating_sub(8))..i)
        .rev()
        .find(|&j| {
            let l = tk.lw(j);
            !(l.ends_with("ly")
                || matches!(
                    l,
                    "not"
                        | "never"
                        | "also"
                        | "then"
                        | "later"
                        | "now"
                        | "still"
                        | "often"
                        | "and"
                        | "in"
                        | "out"
                        | "up"
                        | "off"
                )
                || (tk.xpos(j) == Some("VBN") && l != "been"))
        })
        .map(|j| tk.lw(j));
    if matches!(
        aux_before,
        Some("was" | "were" | "been" | "being" | "is" | "are" | "be")
    ) && (w.ends_with("ed")
        || tk.xpos(i) == Some("VBN")
        || matches!(
            w,
            "told" | "said" | "thought" | "known" | "written" | "shown" | "heard" | "seen"
        ))
    {
        // "It has been reported that …", "it is alleged that …": an
        // impersonal passive reports what unnamed sources say.
        let subject = (s_start..i).rev().find(|&j| {
            !matches!(
                tk.lw(j),
                "been"
                    | "has"
                    | "have"
                    | "had"
                    | "is"
                    | "was"
                    | "also"
                    | "widely"
                    | "long"
                    | "often"
                    | "now"
                    | "previously"
                    | "repeatedly"
            )
        });
        if next_w == "that" && subject.is_some_and(|j| tk.lw(j) == "it") {
            return Some(Cue {
                start: i,
                end: i + 1,
                kind: CueKind::Noun,
                stance: info.stance,
                takes_hearer: false,
            });
        }
        if next_w == "by" && passive_agent_lemma(lemma) {
            return Some(Cue::passive_by(i, info.stance));
        }
        return None;
    }
    // "The allegations, first reported by The Wall Street Journal, …": a
    // participle with its agent in a parenthetical.
    if next_w == "by"
        && passive_agent_lemma(lemma)
        && tk.xpos(i) == Some("VBN")
        && matches!(prev_w, "," | "first" | "originally" | "initially" | "widely")
    {
        return Some(Cue::passive_by(i, info.stance));
    }
    // "in a statement posted on Telegram, said …": a publishing participle
    // right after its noun, then a place or time, modifies the noun.
    if tk.xpos(i) == Some("VBN")
        && prev.is_some_and(|j| j + 1 == i && tk.upos(j) == Some("NOUN"))
        && matches!(
            next_w,
            "on" | "in" | "at" | "to" | "via" | "during" | "earlier" | "late" | "last" | "this" | "online"
        )
        && matches!(
            lemma,
            "post" | "publish" | "release" | "issue" | "send" | "write" | "broadcast" | "air" | "share" | "tweet"
        )
    {
        return None;
    }
    // A participle modifying a noun ("a device called the E-meter", "the
    // report released on Monday") by the parse: no speech act.
    // Only naming verbs: the parse is too noisy to veto "accused", "believed".
    let naming = matches!(
        w,
        "called" | "named" | "dubbed" | "titled" | "labeled" | "labelled" | "nicknamed" | "branded"
    );
    // "… within Scientology called the Sea Org was first persuaded": a name
    // and then the sentence's own verb.
    let name_then_verb = || {
        let mut k = i + 1;
        if k < s_end && matches!(tk.lw(k), "the" | "a") {
            k += 1;
        }
        let start = k;
        while k < s_end && tk.is_cap(k) {
            k += 1;
        }
        k > start && k < s_end && matches!(tk.upos(k), Some("AUX" | "VERB"))
    };
    // "has in turn called the election …": a perfect, whatever the parse
    // made of the participle.
    let perfect = || {
        (s_start.max(i.saturating_sub(5))..i)
            .rev()
            .find(|&j| {
                !(tk.lw(j).ends_with("ly")
                    || matches!(tk.lw(j), "in" | "turn" | "also" | "since" | "already" | "not" | "never"))
            })
            .is_some_and(|j| matches!(tk.lw(j), "has" | "have" | "had"))
    };
    // "a painting by X called 'A Charge to Keep'": a title in quotation
    // marks right after the naming verb names a work, it quotes no one.
    let quoted_title = || {
        if i + 2 >= s_end || !tk.is_quote(i + 1) {
            return false;
        }
        let words: Vec<usize> = (i + 2..s_end.min(i + 10))
            .take_while(|&k| !tk.is_quote(k))
            .filter(|&k| tk.is_word(k))
            .collect();
        // (the title ends the clause: not "called “Fake News” every report")
        let close = (i + 2..s_end.min(i + 11)).find(|&k| tk.is_quote(k));
        close.is_some_and(|c| c + 1 >= s_end || matches!(tk.lw(c + 1), "." | "," | ";" | ")" | "and" | "which"))
            && !words.is_empty()
            && words.len() <= 6
            && tk.is_cap(words[0])
            && words.iter().all(|&k| tk.is_cap(k) || tk.lw(k).len() <= 3)
    };
    if naming
        && !perfect()
        && (name_then_verb()
            || quoted_title()
            || (tk.xpos(i) == Some("VBN") && matches!(tk.deprel(i), Some("acl" | "amod")))
            || (prev.is_some_and(|j| tk.upos(j) == Some("NOUN"))
                && i + 1 < s_end
                && (tk.is_cap(i + 1) || (i + 2 < s_end && matches!(tk.lw(i + 1), "the" | "a") && tk.is_cap(i + 2)))))
    {
        return None;
    }
    // A bare base form needs a subject or auxiliary before it.
    if w == lemma && !w.ends_with('s') {
        let ok = prev.is_some_and(|j| {
            matches!(
                tk.lw(j),
                "do" | "does"
                    | "did"
                    | "will"
                    | "would"
                    | "can"
                    | "could"
                    | "may"
                    | "might"
                    | "should"
                    | "must"
                    | "to"
                    | "not"
                    | "n't"
                    | "they"
                    | "we"
                    | "i"
                    | "you"
                    // ("Navalny's allies, who believe that …")
                    | "who"
            ) || tk.lw(j).ends_with('s') && tk.is_word(j)
                // "Police say", "WHO say", "the people say": a noun subject.
                || plural_subject_before(tk, j, s_start)
        });
        if !ok {
            return None;
        }
    }
    let kind = if w.ends_with("ing") {
        // ("are baselessly claiming": an adverb between)
        let progressive = matches!(prev_w, "is" | "are" | "was" | "were" | "been")
            || (prev_w.ends_with("ly")
                && i >= s_start + 2
                && matches!(tk.lw(i - 2), "is" | "are" | "was" | "were" | "been"));
        if progressive || absolute_subject(tk, i, s_start) {
            CueKind::Verb
        } else if prev_w == ","
            || prev.is_some_and(|j| tk.is_quote(j))
            || with_subject(tk, i, s_start)
            || quoted_as_saying(tk, i, s_start).is_some()
            || (SPEAKER_NOUNS.contains(&prev_w) && next_w == "that")
            // "released an article Sunday saying …", "issued a statement
            // saying …": the document's words are its issuer's.
            || (w == "saying" && document_before(tk, i, s_start))
            // "responded by saying that …": the sentence's subject speaks.
            || (prev_w == "by"
                && i >= s_start + 2
                && matches!(
                    tk.lw(i - 2),
                    "responded" | "reacted" | "replied" | "answered" | "retorted" | "countered"
                ))
        {
            // The last: "media reports reporting that …", "sources saying that …".
            CueKind::Participle
        } else {
            return None;
        }
    } else {
        CueKind::Verb
    };
    // Particles of phrasal cues: "pointed out", "shrugged off".
    let mut end = i + 1;
    if end < s_end && matches!(tk.lw(end), "out" | "off") {
        end += 1;
    }
    Some(Cue {
        start: i,
        end,
        kind,
        stance: info.stance,
        takes_hearer: info.takes_hearer,
    })
}

/// The subject the parse gives a cue: its own `nsubj`, or that of the verb
/// it is coordinated with or hangs from ("When Brenda Shaffer published an
/// article …, explaining …, and wrote that …"). The subject's name run
/// (or its determiner-to-head span) within the sentence.
fn parse_subject(tk: &Toks, cue: usize, sent: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let head_of = |k: usize| {
        let h = tk.head(k) as usize;
        (h != claimgraph_doc::NO_HEAD as usize && sent.contains(&h)).then_some(h)
    };
    // A word the parser failed to make the cue's subject ("few believed")
    // forbids borrowing another verb's subject.
    let local = cue > sent.start
        && matches!(
            tk.upos(cue - 1),
            Some("NOUN" | "PROPN" | "PRON" | "ADJ" | "DET" | "NUM")
        );
    let mut verb = cue;
    for step in 0..4 {
        if step > 0 && local {
            return None;
        }
        let subj = sent
            .clone()
            .find(|&k| head_of(k) == Some(verb) && tk.deprel(k) == Some("nsubj"));
        if let Some(t) = subj {
            // Extend over the subject's compound/flat/det/amod dependents
            // next to it.
            let mut a = t;
            while a > sent.start
                && head_of(a - 1) == Some(t)
                && matches!(tk.deprel(a - 1), Some("compound" | "flat" | "det" | "amod"))
            {
                a -= 1;
            }
            let mut b = t + 1;
            while b < sent.end && head_of(b) == Some(t) && matches!(tk.deprel(b), Some("flat" | "compound")) {
                b += 1;
            }
            // ("The party Friday dubbed …": a bare day after its subject,
            // parsed as the subject's head.)
            if b > a + 1 && is_day_word(tk.lw(b - 1)) {
                b -= 1;
            }
            return Some((a, b));
        }
        match tk.deprel(verb) {
            Some("conj" | "advcl" | "xcomp") => verb = head_of(verb)?,
            _ => return None,
        }
    }
    None
}

/// A speaker span that names someone (a capitalised word, no pronoun).
fn names_someone(tk: &Toks, (a, b): (usize, usize)) -> bool {
    (a..b).any(|k| tk.is_cap(k)) && !(a..b).any(|k| PRONOUNS.contains(&tk.lw(k)) || tk.lw(k) == "i")
}

/// Verbs that make a speech act of a noun: "reiterated warnings of …".
const SPEECH_ACTS: &[&str] = &[
    "reiterated",
    "reiterates",
    "repeated",
    "repeats",
    "renewed",
    "renews",
    "issued",
    "issues",
    "voiced",
    "voices",
    "raised",
    "raises",
    "levelled",
    "leveled",
    "levels",
];

/// The nouns of those speech acts.
const NOUN_ACTS: &[&str] = &[
    "warnings",
    "warning",
    "accusations",
    "accusation",
    "allegations",
    "allegation",
    "claims",
    "concerns",
    "concern",
    "fears",
    "doubts",
    "charges",
];

/// Documents whose text "reads".
const DOCUMENT_NOUNS: &[&str] = &[
    "statement",
    "letter",
    "post",
    "message",
    "note",
    "communique",
    "communiqué",
    "declaration",
    "tweet",
    "text",
    "memo",
    "notice",
    "release",
    "sign",
    "banner",
    "caption",
    "headline",
    "order",
    "ruling",
    "verdict",
    "resolution",
];

/// Verbs that make their object speak: "leading some to suggest …".
const CAUSATIVE: &[&str] = &[
    "leading",
    "led",
    "leads",
    "prompting",
    "prompted",
    "prompts",
    "causing",
    "caused",
    "leaving",
    "left",
    "forcing",
    "forced",
    "encouraging",
    "encouraged",
    "inspiring",
    "inspired",
    "spurring",
    "spurred",
];

/// "leading some to suggest …", "prompted critics to claim …": the object
/// of the causing verb before "to CUE" speaks; a generic or personal
/// object does not ("leads one to guess", "led me to believe").
fn caused_speaker(tk: &Toks, cue: usize, s_start: usize) -> Option<(usize, usize)> {
    if cue < s_start + 3 || tk.lw(cue - 1) != "to" {
        return None;
    }
    let verb = (s_start..cue - 2)
        .rev()
        .take(4)
        .find(|&k| CAUSATIVE.contains(&tk.lw(k)))?;
    let (a, b) = (verb + 1, cue - 1);
    let source = |k: usize| {
        tk.is_word(k)
            && !PRONOUNS.contains(&tk.lw(k))
            && !matches!(tk.lw(k), "one" | "me" | "us" | "you" | "person" | "reader" | "readers")
    };
    (a < b && (a..b).all(source)).then_some((a, b))
}

/// "praised Trump as “a very striking man”", "hailed the deal as
/// “historic”": an evaluation in the source's own quoted words (a word the
/// cue lexicon does not hold).
fn evaluative_cue(tk: &Toks, w: &str, i: usize, s_start: usize, s_end: usize) -> Option<Cue> {
    // (every evaluative form ends in d or s: most words skip the list)
    if !(w.ends_with('d') || w.ends_with('s'))
        || !EVALUATIVE.contains(&w)
        || i == s_start
        || tk.is_cap(i)
        || tk.quoted[i]
    {
        return None;
    }
    let as_quote = (i + 2..s_end.min(i + 10))
        .find(|&k| tk.lw(k) == "as")
        .is_some_and(|k| k + 1 < s_end && tk.is_quote(k + 1));
    as_quote.then_some(Cue {
        start: i,
        end: i + 1,
        kind: CueKind::Verb,
        stance: None,
        takes_hearer: false,
    })
}

/// Verbs of evaluation that report speech only with "as" and a quotation.
const EVALUATIVE: &[&str] = &[
    "praised",
    "praises",
    "hailed",
    "hails",
    "lauded",
    "lauds",
    "welcomed",
    "welcomes",
    "slammed",
    "slams",
    "blasted",
    "blasts",
    "condemned",
    "condemns",
    "denounced",
    "denounces",
    "decried",
    "decries",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "branded",
    "brands",
    "labelled",
    "labeled",
    "labels",
    "derided",
    "derides",
];

/// "…, its foreign minister Dmytro Kuleba claiming …": an -ing cue whose
/// own subject, a named source, follows a comma (an absolute clause).
fn absolute_subject(tk: &Toks, i: usize, s_start: usize) -> bool {
    // (a name before the cue: not a shouted word, "…, WITHOUT telling me")
    let name = |w: &str| {
        w.chars().next().is_some_and(char::is_uppercase) && (w.len() <= 4 || w.chars().any(char::is_lowercase))
    };
    if i <= s_start + 2 || !name(tk.text(i - 1)) || tk.quoted[i] {
        return false;
    }
    let Some(comma) = (s_start..i).rev().take(9).find(|&k| tk.lw(k) == ",") else {
        return false;
    };
    source_run(tk, comma + 1, i)
}

/// Tokens `a..b` can be a source named after a comma: "its energy
/// minister Carla Mendes", "state media", "Western officials" (names,
/// determiners, roles, and the words that qualify a role).
fn source_run(tk: &Toks, a: usize, b: usize) -> bool {
    let role = (a..b)
        .rev()
        .find(|&x| PERSON_ROLES.contains(&tk.lw(x)) || SPEAKER_NOUNS.contains(&tk.lw(x)));
    a < b
        && (a..b).all(|x| {
            tk.is_cap(x)
                || DETERMINERS.contains(&tk.lw(x))
                || matches!(tk.lw(x), "its" | "his" | "her" | "their" | "our")
                || role.is_some_and(|r| x <= r && tk.lw(x).chars().all(char::is_alphabetic))
        })
}

/// "with X claiming": an -ing cue with its own subject after "with".
fn with_subject(tk: &Toks, i: usize, s_start: usize) -> bool {
    // A name ("with Foreign Minister Dmytro Kuleba claiming") or a short
    // noun phrase ("with one poster writing", "with some residents saying").
    let np_word = |k: usize| {
        tk.is_cap(k) || (tk.is_word(k) && matches!(tk.upos(k), Some("DET" | "NUM" | "ADJ" | "NOUN" | "PROPN")))
    };
    let headed = i > s_start && (tk.is_cap(i - 1) || tk.is_tagged_noun(i - 1));
    headed
        && (s_start..i)
            .rev()
            .take(6)
            .find(|&k| !np_word(k))
            .is_some_and(|k| tk.lw(k) == "with" && k + 1 < i)
}

/// A phrase cue ("refused to rule out") starting at token `i`.
fn phrase_cue_at(tk: &Toks, i: usize, end: usize) -> Option<(usize, Stance)> {
    // Asked at every word: most words open no phrase.
    static FIRST_WORDS: std::sync::OnceLock<std::collections::HashSet<&str, foldhash::fast::FixedState>> =
        std::sync::OnceLock::new();
    let first = FIRST_WORDS.get_or_init(|| PHRASE_CUES.iter().filter_map(|(p, _)| p.first().copied()).collect());
    if i >= end || !first.contains(tk.lw(i)) {
        return None;
    }
    PHRASE_CUES
        .iter()
        .find(|(p, _)| i + p.len() <= end && p.iter().enumerate().all(|(k, w)| tk.lw(i + k) == *w))
        .map(|(p, st)| (p.len(), *st))
}

/// Scans left from `from` (exclusive) over auxiliaries, adverbs, time
/// phrases and comma-delimited parentheticals, then takes the noun phrase.
/// A past participle of publishing ("published", "released", "posted")
/// by the tagger: in "a report published on Monday" it modifies the noun.
fn is_publishing_participle(tk: &Toks, k: usize) -> bool {
    tk.xpos(k) == Some("VBN")
        && matches!(
            tk.lw(k),
            "published" | "released" | "issued" | "posted" | "broadcast" | "aired" | "circulated" | "leaked" | "shared"
        )
}

/// "quoted an official as saying", "cited sources as saying": the index
/// of the quoting verb when the -ing cue at `i` follows "as" and such a
/// verb comes at most eight words before it.
fn quoted_as_saying(tk: &Toks, i: usize, s_start: usize) -> Option<usize> {
    if i < s_start + 3 || tk.lw(i - 1) != "as" || !matches!(tk.lw(i), "saying" | "stating" | "telling") {
        return None;
    }
    (i.saturating_sub(10).max(s_start)..i - 2).rev().find(|&k| {
        matches!(
            tk.lw(k),
            "quoted" | "quoting" | "quotes" | "quote" | "cited" | "citing" | "cites" | "cite"
        )
    })
}

/// Whether the content at `a` opens with a finite verb right after a cue
/// inside a relative clause ("which he says was a bargain", "who police
/// say was armed").
fn relative_gap(tk: &Toks, a: usize, cue: usize, s_start: usize) -> bool {
    matches!(tk.xpos(a), Some("VBD" | "VBZ" | "VBP" | "MD"))
        && (s_start..cue)
            .rev()
            .take(4)
            .any(|k| matches!(tk.lw(k), "which" | "who" | "whom" | "that"))
}

/// The length of a time adjunct ending just before `j` ("to this day",
/// "so far", "until now"), if there is one.
fn time_adjunct_before(tk: &Toks, j: usize, s_start: usize) -> Option<usize> {
    const ADJUNCTS: &[&[&str]] = &[
        &["to", "this", "day"],
        &["to", "date"],
        &["so", "far"],
        &["until", "now"],
        &["by", "now"],
        &["for", "years"],
        &["for", "decades"],
        &["at", "the", "time"],
        &["at", "first"],
        &["in", "the", "past"],
        // ("The U.S. intelligence community last week concluded …"; the
        // longer ones first)
        &["earlier", "this", "week"],
        &["earlier", "this", "month"],
        &["earlier", "this", "year"],
        &["last", "week"],
        &["last", "month"],
        &["last", "year"],
        &["last", "night"],
        &["this", "week"],
        &["this", "month"],
        &["this", "year"],
    ];
    ADJUNCTS
        .iter()
        .find(|p| j >= s_start + p.len() && p.iter().enumerate().all(|(x, w)| tk.lw(j - p.len() + x) == *w))
        .map(|p| p.len())
}

/// The start of "on September 11 and 12", "on 26 October", "in 2019" or
/// "in March" ending at `j`: a preposition, then only numbers, month
/// names, "and" and commas, with a month or a year among them.
fn dated_adjunct_before(tk: &Toks, j: usize, s_start: usize) -> Option<usize> {
    let numeric = |w: &str| !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit());
    let mut k = j;
    let mut dated = false;
    while k > s_start + 1 && j - k < 7 {
        let w = tk.lw(k - 1);
        if is_month_word(w) || (numeric(w) && w.len() == 4) {
            dated = true;
        } else if !(numeric(w) || matches!(w, "and" | ",")) {
            break;
        }
        k -= 1;
    }
    (dated && k < j && k > s_start + 1 && matches!(tk.lw(k - 1), "on" | "in") && tk.lw(k) != "," && tk.lw(j - 1) != ",")
        .then_some(k - 1)
}

fn speaker_left(tk: &Toks, from: usize, s_start: usize) -> Option<(usize, usize)> {
    let mut j = from;
    loop {
        if j <= s_start {
            return None;
        }
        let w = tk.lw(j - 1);
        if AUX_SKIP.contains(&w) || (w.ends_with("ly") && w.len() > 4 && !tk.is_cap(j - 1)) || w == "n't" {
            j -= 1;
            continue;
        }
        if w == "and" {
            // "swiftly and firmly denied": adverbs; "denied X and described
            // Y": a second verb of the same subject, found elsewhere.
            if j >= 2 + s_start && tk.lw(j - 2).ends_with("ly") {
                j -= 1;
                continue;
            }
            return None;
        }
        if w == ")" {
            // "Cisco (ticker: CSCO) expects …"
            if let Some(k) = (s_start..j - 1).rev().take(12).find(|&k| tk.lw(k) == "(") {
                j = k;
                continue;
            }
        }
        // "has in turn called", "for its part said"
        if j >= 2 + s_start && matches!((tk.lw(j - 2), w), ("in", "turn" | "response" | "return" | "reply")) {
            j -= 2;
            continue;
        }
        if j >= 3 + s_start
            && w == "part"
            && tk.lw(j - 3) == "for"
            && matches!(tk.lw(j - 2), "its" | "his" | "her" | "their" | "our" | "my")
        {
            j -= 3;
            continue;
        }
        if matches!(w, "--" | "—" | "–") {
            // "Gaza's civil defence agency -- which operates … -- said"
            if let Some(k) = (s_start + 1..j - 1).rev().take(25).find(|&k| tk.lw(k) == w) {
                if matches!(tk.lw(k + 1), "which" | "who" | "a" | "an" | "the" | "whose") {
                    j = k;
                    continue;
                }
            }
            return None;
        }
        if is_day_word(w) && j >= 2 + s_start && matches!(tk.lw(j - 2), "on" | "late" | "early") {
            j -= 2;
            continue;
        }
        // "Bourgi on September 11 and 12 alleged", "Russia in 2019 denied",
        // "the ministry on 26 October said": a date after its subject.
        if let Some(k) = dated_adjunct_before(tk, j, s_start) {
            j = k;
            continue;
        }
        // "BlackBerry on Wednesday evening denied"
        if matches!(w, "morning" | "afternoon" | "evening" | "night")
            && j >= 3 + s_start
            && is_day_word(tk.lw(j - 2))
            && matches!(tk.lw(j - 3), "on" | "late" | "early")
        {
            j -= 3;
            continue;
        }
        // "U.S. officials Tuesday said": a bare day after its subject.
        if is_day_word(w)
            && j >= 2 + s_start
            && (tk.is_tagged_noun(j - 2) || tk.is_cap(j - 2))
            && !is_day_word(tk.lw(j - 2))
        {
            j -= 1;
            continue;
        }
        // "A report published on Monday said": a publishing participle
        // after its noun (its adjunct skipped above) belongs to the subject.
        if j >= s_start + 2 && is_publishing_participle(tk, j - 1) && tk.is_tagged_noun(j - 2) {
            j -= 1;
            continue;
        }
        // "which to this day has never said", "who so far has denied": a
        // time adjunct between the subject and its verb.
        if let Some(n) = time_adjunct_before(tk, j, s_start) {
            j -= n;
            continue;
        }
        // "Officials who spoke on condition of anonymity said", "An aide
        // who was present said": a relative clause without commas between
        // the subject and its verb.
        // (Only before a finite cue, over a clause with no subject or
        // conjunction of its own: not "others who joined because they
        // believed", "people who create LLMs to declare".)
        // (a cue the tagger made a participle after "was present" counts
        // when no auxiliary stands before it)
        let finite = from < tk.doc.tokens.len()
            && from > s_start
            && (matches!(tk.xpos(from), Some("VBD" | "VBZ" | "VBP"))
                || (tk.xpos(from) == Some("VBN")
                    && !matches!(
                        tk.lw(from - 1),
                        "is" | "are" | "was" | "were" | "be" | "been" | "being" | "has" | "have" | "had" | "to"
                    )));
        if let Some(r) = (s_start + 1..j.saturating_sub(1))
            .rev()
            .take(10)
            .find(|&k| tk.lw(k) == "who")
            .filter(|_| finite)
        {
            let plain = (r + 1..j).all(|x| {
                !matches!(
                    tk.lw(x),
                    "," | "who"
                        | "that"
                        | "which"
                        | "and"
                        | "to"
                        | "because"
                        | "since"
                        | "as"
                        | "if"
                        | "when"
                        | "while"
                        | "although"
                        | "though"
                        | "\""
                        | "“"
                        | "”"
                ) && tk.upos(x) != Some("PRON")
            });
            if plain && tk.is_tagged_noun(r - 1) {
                j = r;
                continue;
            }
        }
        if w == "," {
            // Parenthetical: ", an Iranian expert on Caucasus issues," or
            // ", in an interview with JAMnews,".
            if let Some(k) = (s_start..j - 1).rev().take(30).find(|&k| tk.lw(k) == ",") {
                let first = tk.lw(k + 1);
                // (", first published by … and later repeated by …,": a
                // participle clause, after an adverb, may run longer)
                let participle_led = first.ends_with("ed")
                    || (tk.upos(k + 1) == Some("ADV")
                        && k + 2 < j
                        && tk.lw(k + 2).ends_with("ed")
                        && (k + 3..j).any(|x| tk.lw(x) == "by"));
                let long = j - 1 - k > if participle_led { 22 } else { 14 } && !matches!(first, "which" | "who");
                // ", 45,": an age after a name.
                let age = j - 1 == k + 2 && first.len() <= 3 && first.bytes().all(|b| b.is_ascii_digit());
                // ("… on Sunday, September 17, 2023, said": a date's own
                // commas inside a parenthetical)
                let date_piece = j - 1 > k + 1
                    && j - 1 <= k + 3
                    && (k + 1..j - 1).all(|x| {
                        let w = tk.lw(x);
                        is_month_word(w) || is_day_word(w) || (w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()))
                    });
                let inner_ok = age
                    || !long
                        && (DETERMINERS.contains(&first)
                            || matches!(
                                first,
                                "in" | "on"
                                    | "at"
                                    | "during"
                                    | "through"
                                    | "via"
                                    | "who"
                                    | "which"
                                    | "speaking"
                                    | "quoted"
                                    | "quoting"
                                    | "citing"
                                    | "аn"
                                    | "а"
                                    | "however"
                                    | "though"
                                    | "meanwhile"
                                    | "too"
                                    | "for"
                                    | "like"
                                    | "as"
                                    | "of"
                                    | "from"
                            )
                            || first.ends_with("ing")
                            || participle_led);
                // ", Warner’s pole vault coach,": an appositive naming a role.
                let role_np = !long
                    && (k + 1..j - 1).any(|x| SPEAKER_NOUNS.contains(&tk.lw(x)) || PERSON_ROLES.contains(&tk.lw(x)))
                    && (k + 1..j - 1).all(|x| Lexicon::get().verb(tk.lw(x)).is_none() || tk.is_tagged_noun(x));
                // "The report, released on Monday by Amnesty International,
                // said": the document's author speaks.
                if k > s_start && RESEARCH_NOUNS.contains(&tk.lw(k - 1)) && is_publishing_participle(tk, k + 1) {
                    if let Some(by) = (k + 2..j - 1).find(|&x| tk.lw(x) == "by") {
                        let mut e = by + 1;
                        while e < j - 1 && (tk.is_cap(e) || (e > by + 1 && matches!(tk.lw(e), "of" | "for" | "&"))) {
                            e += 1;
                        }
                        if e == j - 1 && e > by + 1 {
                            return Some((by + 1, e));
                        }
                    }
                }
                if date_piece && k > s_start {
                    // (the comma opening the date is inside the parenthetical)
                    j = k + 1;
                    continue;
                }
                if (inner_ok || role_np) && k > s_start {
                    j = k;
                    // "Nina Chahine, 19, who …, said": an age before it
                    let num = |x: usize| tk.lw(x).len() <= 3 && tk.lw(x).bytes().all(|b| b.is_ascii_digit());
                    if !age && k >= s_start + 3 && num(k - 1) && tk.lw(k - 2) == "," {
                        j = k - 2;
                    }
                    continue;
                }
                // Apposition: "Hamas political bureau member, Bassem Naim, wrote"
                // (a role noun before it; "the University of Arkansas,
                // Fayetteville, said" is a place in a parenthetical).
                // ("Harlow & Finch", "Bank of America": glue inside a name.)
                let glue = |x: usize| x > k + 1 && x + 1 < j - 1 && matches!(tk.lw(x), "&" | "of");
                if (k + 1..j - 1).all(|x| {
                    tk.is_cap(x)
                        || matches!(tk.lw(x), "-" | "." | "al" | "bin" | "de")
                        || glue(x)
                        || (x >= k + 3 && glued_name_piece(tk, x))
                }) && j - 1 > k + 1
                {
                    let place = tk
                        .doc
                        .entity_at(tk.span(k + 1, j - 1))
                        .is_some_and(|e| matches!(tk.doc.entities[e].etype, EntityType::Gpe | EntityType::Loc));
                    let single = j - 1 - (k + 1) == 1;
                    if k > s_start && tk.is_cap(k - 1) && (place || single) {
                        j = k;
                        continue;
                    }
                    return Some((k + 1, j - 1));
                }
            } else if let Some(sp) = name_before_comma(tk, s_start, j - 1) {
                return Some(sp);
            }
            return None;
        }
        break;
    }
    let end = j;
    let mut start = end;
    let mut lower_run = 0;
    while start > s_start {
        let k = start - 1;
        let w = tk.lw(k);
        let t = tk.text(k);
        // ("Gawker.com", "Secunia.com": a site's name is a name.)
        let site_name = tk.shape(k) == TokenShape::Url && tk.is_cap(k) && !t.contains(['/', '@', ':']);
        if tk.is_quote(k) || (!tk.is_word(k) && !site_name && !matches!(w, "'s" | "’s" | "-" | "&" | ".")) {
            break;
        }
        // ("one mother in Kisumu told": a person by what she is and where.)
        let placed_person = matches!(w, "in" | "from" | "at")
            && start < end
            && tk.is_cap(start)
            && k > s_start
            && crate::speakers::LAY_PERSON_NOUNS.contains(&tk.lw(k - 1));
        let placed_head = crate::speakers::LAY_PERSON_NOUNS.contains(&w)
            && start < end
            && k + 2 < end
            && matches!(tk.lw(k + 1), "in" | "from" | "at" | "of")
            && tk.is_cap(start.max(k + 2));
        // ("Officials from the ruling party on Thursday rejected …": people
        // named by the body they come from.)
        let officials_from = w == "from"
            && start < end
            && end - start <= 6
            && k > s_start
            && matches!(
                tk.lw(k - 1),
                "officials"
                    | "representatives"
                    | "members"
                    | "delegates"
                    | "lawmakers"
                    | "experts"
                    | "diplomats"
                    | "leaders"
                    | "activists"
                    | "researchers"
                    | "scientists"
            );
        if placed_person || placed_head || officials_from {
            start = k;
            continue;
        }
        // ("troops on the ground said …": where they are is part of who)
        if w == "on"
            && k > s_start
            && start + 2 == end
            && tk.lw(start) == "the"
            && tk.lw(start + 1) == "ground"
            && matches!(
                tk.lw(k - 1),
                "troops"
                    | "soldiers"
                    | "forces"
                    | "people"
                    | "residents"
                    | "officials"
                    | "reporters"
                    | "sources"
                    | "commanders"
                    | "fighters"
                    | "witnesses"
                    | "volunteers"
            )
        {
            start = k - 1;
            continue;
        }
        // ("Posts on X and Telegram claimed": the posts speak, not the
        // platforms.)
        if w == "on"
            && start < end
            && (tk.is_cap(start) || matches!(tk.lw(start), "social" | "media" | "the"))
            && k > s_start
            && is_post_noun(tk.lw(k - 1))
        {
            start = k - 1;
            continue;
        }
        if start < end && k + 1 < end && w == "one" && crate::speakers::LAY_PERSON_NOUNS.contains(&tk.lw(k + 1)) {
            start = k;
            continue;
        }
        if NP_STOP.contains(&w) && !(w == "of" || w == "and") {
            break;
        }
        if is_day_word(w) || is_month_word(w) {
            break; // "on Thursday and his coaches say"
        }
        if w == "of" || w == "and" {
            // Only inside names or lists of speakers: "University of Alabama",
            // "Iranian experts and the media".
            if start == end || k == s_start {
                break;
            }
            start = k;
            continue;
        }
        if k >= s_start + 2 && glued_name_piece(tk, k) {
            start = k;
            continue;
        }
        // ("Yet a social media post asserts": a sentence's connective)
        if k == s_start && matches!(w, "yet" | "but" | "and" | "so" | "still" | "meanwhile") {
            break;
        }
        if tk.is_cap(k)
            || PRONOUNS.contains(&w)
            || SPEAKER_NOUNS.contains(&w)
            || DETERMINERS.contains(&w)
            || matches!(w, "'s" | "’s" | "-" | "&" | ".")
            || t.chars().all(|c| c.is_ascii_digit() || c == ',')
        {
            // (a hyphen inside a compound is no word of its own: "state-run")
            if !tk.is_cap(k) && !SPEAKER_NOUNS.contains(&w) && w != "-" {
                lower_run += 1;
            }
            start = k;
            if PRONOUNS.contains(&w) && start + 1 == end {
                break;
            }
            continue;
        }
        // A tagged common noun heads the NP: "The national medicines regulator".
        // (So does a word right after a determiner that the tagger took for
        // an adjective: "The critic wrote".)
        // ("a social media post falsely asserts": "post" the tagger took
        // for an adverb before one)
        if start == end
            && (tk.is_tagged_noun(k)
                || (tk.upos(k) == Some("ADJ") && k > s_start && DETERMINERS.contains(&tk.lw(k - 1)))
                || matches!(w, "post" | "posts"))
        {
            start = k;
            continue;
        }
        // Lowercase modifiers inside a speaker NP: "various fringe media outlets".
        // ("EU foreign policy chief Kaja Kallas": a name after its title;
        // the title's modifiers belong to the speaker too.)
        let head_ok = SPEAKER_NOUNS.contains(&tk.lw(end - 1))
            || tk.is_tagged_noun(end - 1)
            || matches!(tk.lw(end - 1), "post" | "posts")
            || (tk.is_cap(end - 1) && (start..end).any(|x| !tk.is_cap(x) && SPEAKER_NOUNS.contains(&tk.lw(x))));
        // ("earlier reports": tagged ADV, but a modifier here.)
        if lower_run < 3
            && start < end
            && head_ok
            && w.chars().all(char::is_alphabetic)
            && (matches!(w, "earlier" | "recent" | "later")
                || !matches!(tk.upos(k), Some("VERB" | "AUX" | "ADP" | "SCONJ" | "PRON" | "ADV"))
                // ("the ruling party", "the governing coalition": a
                // participle between a determiner and its noun)
                || (tk.xpos(k) == Some("VBG")
                    && tk.is_tagged_noun(k + 1)
                    && k > s_start
                    && DETERMINERS.contains(&tk.lw(k - 1))))
        {
            lower_run += 1;
            start = k;
            continue;
        }
        break;
    }
    // "a spokesman for a brigade fighting in the area said": the place a
    // participle's body fights in is no speaker; the role before it is.
    if start > s_start + 3 && matches!(tk.lw(start - 1), "in" | "on" | "at" | "near") {
        let role = (s_start.max(start.saturating_sub(10))..start - 1).rev().find(|&r| {
            r + 1 < start
                && matches!(
                    tk.lw(r),
                    "spokesman" | "spokeswoman" | "spokesperson" | "representative" | "commander" | "member"
                )
                && matches!(tk.lw(r + 1), "for" | "of")
        });
        if let Some(r) = role {
            let plain = (r + 2..start - 1)
                .all(|x| tk.is_word(x) && (!matches!(tk.upos(x), Some("VERB" | "AUX")) || tk.xpos(x) == Some("VBG")))
                && (r + 2..start - 1).any(|x| tk.xpos(x) == Some("VBG"));
            if plain {
                let mut a = r;
                if a > s_start && DETERMINERS.contains(&tk.lw(a - 1)) {
                    a -= 1;
                }
                return Some((a, end));
            }
        }
    }
    // "no comment from Russia's Defense Ministry and a local Ukrainian
    // official denied the claim": a list a preposition governs ends at its
    // "and"; the subject is what follows it.
    if start > s_start
        && matches!(
            tk.lw(start - 1),
            "from" | "with" | "by" | "to" | "for" | "about" | "against"
        )
    {
        if let Some(and) = (start..end).rev().find(|&k| tk.lw(k) == "and") {
            if and + 1 < end {
                start = and + 1;
            }
        }
    }
    // Trim dangling "of"/"and"/"-" at the left edge.
    while start < end && matches!(tk.lw(start), "of" | "and" | "-" | "'s" | "’s") {
        start += 1;
    }
    if start >= end {
        return None;
    }
    // "A spokesperson for the ministry told …": the role of the body named
    // after "for" / "of" speaks, not the body.
    if start >= s_start + 2
        && matches!(tk.lw(start - 1), "for" | "of")
        && matches!(
            tk.lw(start - 2),
            "spokesperson" | "spokesman" | "spokeswoman" | "representative" | "lawyer" | "lawyers" | "attorney"
        )
    {
        let mut a = start - 2;
        if a > s_start && DETERMINERS.contains(&tk.lw(a - 1)) {
            a -= 1;
        }
        return Some((a, end));
    }
    // "A new study of Australian school children revealed …" (the NP
    // found stops at "of" when a name follows it): the study speaks, not
    // what it studied.
    // ("A new study documenting iodine levels in Australian school
    // children has revealed …": a participle's object and a preposition
    // between the study and what it studied.)
    let studied_by = || {
        if start < s_start + 2 || !matches!(tk.lw(start - 1), "of" | "in" | "among" | "on" | "into" | "across") {
            return None;
        }
        (s_start..start - 1).rev().take(10).find_map(|k| {
            if RESEARCH_NOUNS.contains(&tk.lw(k)) && tk.is_tagged_noun(k) {
                return Some(Some(k));
            }
            let inside = tk.is_word(k)
                && (matches!(tk.upos(k), Some("NOUN" | "ADJ" | "ADP" | "DET" | "NUM"))
                    || (tk.upos(k) == Some("VERB") && tk.lw(k).ends_with("ing")));
            (!inside).then_some(None)
        })?
    };
    let research_head =
        if start >= s_start + 2 && tk.lw(start - 1) == "of" && RESEARCH_NOUNS.contains(&tk.lw(start - 2)) {
            Some(start - 2)
        } else {
            studied_by()
        };
    if let Some(head) = research_head.filter(|_| (start..end).any(|k| tk.is_tagged_noun(k) || tk.is_cap(k))) {
        let mut a = head;
        while a > s_start && (DETERMINERS.contains(&tk.lw(a - 1)) || tk.upos(a - 1) == Some("ADJ")) {
            a -= 1;
        }
        return Some((a, head + 1));
    }
    // "Jeffrey Barrett, group leader of statistical genetics at the Wellcome
    // Trust Sanger Institute, …, described": the NP found is the object of a
    // role apposition's preposition; the speaker is the name before it.
    if start > s_start + 2 && matches!(tk.lw(start - 1), "at" | "of" | "for" | "with" | "in" | "from") {
        if let Some(k) = (s_start + 1..start - 1).rev().take(12).find(|&k| tk.lw(k) == ",") {
            // A listed role, or a lowercase noun phrase ("curator of maps").
            let role = ((k + 1..start - 1).any(|x| PERSON_ROLES.contains(&tk.lw(x)))
                || (tk.is_tagged_noun(k + 1) && (k + 1..start - 1).all(|x| !tk.is_cap(x))))
                && (k + 1..start - 1)
                    .all(|x| tk.is_word(x) && (Lexicon::get().verb(tk.lw(x)).is_none() || tk.is_tagged_noun(x)));
            if role && tk.is_cap(k - 1) {
                if let Some((a, b)) = speaker_left(tk, k, s_start) {
                    if (a..b).all(|x| tk.is_cap(x) || matches!(tk.lw(x), "-" | "." | "al" | "bin" | "de")) {
                        return Some((a, b));
                    }
                }
            }
        }
    }
    // "The Chinese embassy in Washington said": a place after a body or a
    // role stationed there belongs to the speaker, not the other way round.
    if start >= s_start + 2
        && tk.lw(start - 1) == "in"
        && (start..end).all(|k| tk.is_cap(k))
        && matches!(
            tk.lw(start - 2),
            "embassy"
                | "consulate"
                | "mission"
                | "ambassador"
                | "envoy"
                | "correspondent"
                | "bureau"
                | "office"
                | "ministry"
        )
    {
        // (a body's name holds its place, "the Russian embassy in
        // Washington"; a person is named by the role alone)
        let body = !matches!(tk.lw(start - 2), "ambassador" | "envoy" | "correspondent");
        if let Some((a, b)) = speaker_left(tk, start - 1, s_start) {
            return Some((a, if body { end } else { b }));
        }
    }
    // "Witnesses quoted by local media said": the ones quoted speak, the
    // outlet only relays them.
    if start >= s_start + 3
        && tk.lw(start - 1) == "by"
        && matches!(tk.lw(start - 2), "quoted" | "cited" | "interviewed")
        && (tk.is_tagged_noun(start - 3) || tk.is_cap(start - 3))
    {
        return speaker_left(tk, start - 2, s_start);
    }
    // "A company that sells a popular supplement has rejected": the NP
    // found is the object of a relative clause inside the subject; the
    // speaker is the noun the clause describes.
    if start >= s_start + 3
        && matches!(tk.lw(start - 2), "that" | "which" | "who")
        && tk.upos(start - 1) == Some("VERB")
        && tk.is_tagged_noun(start - 3)
    {
        return speaker_left(tk, start - 2, s_start);
    }
    // "The statement posted on Telegram said": the NP found is the
    // participle's place; the speaker is the noun before the participle.
    if start >= s_start + 3
        && matches!(tk.lw(start - 1), "on" | "in" | "at" | "via")
        && is_publishing_participle(tk, start - 2)
        && tk.is_tagged_noun(start - 3)
    {
        return speaker_left(tk, start - 2, s_start);
    }
    let has_head = (start..end)
        .any(|k| tk.is_cap(k) || PRONOUNS.contains(&tk.lw(k)) || SPEAKER_NOUNS.contains(&tk.lw(k)))
        || tk.is_tagged_noun(end - 1);
    let demonstrative =
        end - start == 1 && matches!(tk.lw(start), "this" | "that" | "these" | "those" | "there" | "what");
    if has_head && !demonstrative {
        if let Some(a) = anonymous_source_before(tk, start, s_start) {
            return Some((a, end));
        }
    }
    (has_head && !demonstrative && !non_agent(tk.lw(end - 1))).then_some((start, end))
}

/// "Sources close to the Kremlin", "people familiar with the matter",
/// "a person briefed on the talks", "officials with knowledge of the
/// plan", "a source at the ministry": the NP found is what the unnamed
/// source is close to; the source starts before it. Its start, if so.
fn anonymous_source_before(tk: &Toks, start: usize, s_start: usize) -> Option<usize> {
    let lw = |k: usize| tk.lw(k);
    let mut k = start;
    if k >= s_start + 3 && lw(k - 3) == "with" && lw(k - 2) == "knowledge" && lw(k - 1) == "of" {
        k -= 3;
    } else if k >= s_start + 2
        && matches!(
            (lw(k - 2), lw(k - 1)),
            ("close", "to")
                | ("familiar", "with")
                | ("briefed", "on")
                | ("involved", "in")
                | ("knowledgeable", "about")
        )
    {
        k -= 2;
    } else if k > s_start
        && (matches!(lw(k - 1), "within" | "inside" | "at" | "in" | "from")
            || (lw(k - 1) == "with" && lw(k) == "knowledge"))
    {
        k -= 1;
    } else {
        return None;
    }
    if k <= s_start || !UNNAMED_SOURCE_NOUNS.contains(&lw(k - 1)) {
        return None;
    }
    let mut a = k - 1;
    while a > s_start && (DETERMINERS.contains(&lw(a - 1)) || matches!(tk.upos(a - 1), Some("NUM" | "ADJ"))) {
        a -= 1;
    }
    Some(a)
}

/// The length of "[,] [speaking | who spoke] on [the] condition of anonymity"
/// / "… on condition that they not be named" at `a`, if it is there.
fn anonymity_adjunct(tk: &Toks, a: usize, end: usize) -> Option<usize> {
    let lw = |k: usize| if k < end { tk.lw(k) } else { "" };
    let mut k = a;
    if lw(k) == "," {
        k += 1;
    }
    if matches!(lw(k), "speaking" | "asking") {
        k += 1;
    } else if lw(k) == "who" && matches!(lw(k + 1), "spoke" | "asked" | "requested") {
        k += 2;
    }
    if lw(k) != "on" {
        return None;
    }
    k += 1;
    if lw(k) == "the" {
        k += 1;
    }
    if lw(k) != "condition" {
        return None;
    }
    k += 1;
    if lw(k) == "of" && lw(k + 1) == "anonymity" {
        return Some(k + 2 - a);
    }
    if lw(k) == "that" {
        // "on condition that they not be named / identified"
        let stop = (k + 1..end.min(k + 8)).find(|&x| matches!(lw(x), "named" | "identified"))?;
        return Some(stop + 1 - a);
    }
    None
}

/// "familiar with the matter", "close to the talks", "with knowledge of
/// the plan" after an unnamed source's noun at `e - 1`: where that
/// post-modifier ends (at the comma closing it, within a few words).
fn anonymous_source_modifier_after(tk: &Toks, e: usize, s_end: usize) -> Option<usize> {
    let lw = |k: usize| if k < s_end { tk.lw(k) } else { "" };
    let body = if lw(e) == "with" && lw(e + 1) == "knowledge" && lw(e + 2) == "of" {
        e + 3
    } else if matches!(
        (lw(e), lw(e + 1)),
        ("close", "to") | ("familiar", "with") | ("briefed", "on") | ("involved", "in") | ("knowledgeable", "about")
    ) {
        e + 2
    } else {
        return None;
    };
    let comma = (body..s_end.min(body + 8)).find(|&k| tk.lw(k) == ",")?;
    (comma > body && (body..comma).all(|k| tk.is_word(k) && !matches!(tk.upos(k), Some("VERB" | "AUX"))))
        .then_some(comma)
}

/// Token `i` opens the sentence or a clause coordinated to it ("And in the
/// words of …", "…, but according to …").
fn opens_clause(tk: &Toks, i: usize, s_start: usize) -> bool {
    i == s_start || (i > s_start && matches!(tk.lw(i - 1), "and" | "but") && (i - 1 == s_start || tk.lw(i - 2) == ","))
}

/// Reporting verbs whose passive with an agent attributes its subject:
/// "were denied by Tehran", "first reported by The Wall Street Journal".
fn passive_agent_lemma(lemma: &str) -> bool {
    matches!(
        lemma,
        "deny" | "reject" | "dismiss" | "refute" | "dispute" | "report" | "allege" | "claim" | "confirm" | "announce"
    )
}

/// "went according to plan", "organised according to the West European
/// system", "weighted according to the survey design": "according to" as
/// "in accordance with", after a verb of doing or before a plan or rule.
fn in_accordance(tk: &Toks, i: usize, s_start: usize, s_end: usize) -> bool {
    let after_doing = i > s_start
        && matches!(
            tk.lw(i - 1),
            "went"
                | "go"
                | "goes"
                | "going"
                | "gone"
                | "vary"
                | "varies"
                | "varied"
                | "adjusted"
                | "weighted"
                | "sorted"
                | "ranked"
                | "classified"
                | "organized"
                | "organised"
                | "arranged"
                | "grouped"
                | "divided"
                | "paid"
                | "calculated"
                | "measured"
                | "priced"
                | "designed"
                | "built"
                | "planned"
                | "proceed"
                | "proceeded"
                | "proceeding"
                | "act"
                | "acted"
                | "acting"
                | "behave"
                | "behaved"
        );
    let mut k = i + 2;
    while k < s_end && (DETERMINERS.contains(&tk.lw(k)) || tk.upos(k) == Some("ADJ") || tk.is_cap(k)) {
        k += 1;
    }
    let rule = k < s_end
        && matches!(
            tk.lw(k),
            "plan"
                | "plans"
                | "schedule"
                | "rules"
                | "rule"
                | "law"
                | "laws"
                | "tradition"
                | "traditions"
                | "custom"
                | "customs"
                | "system"
                | "protocol"
                | "protocols"
                | "standard"
                | "standards"
                | "procedure"
                | "procedures"
                | "guidelines"
                | "design"
                | "theory"
                | "model"
                | "formula"
                | "instructions"
                | "script"
                | "principle"
                | "principles"
                | "scripture"
                | "constitution"
                | "calendar"
        )
        && !(k + 1 < s_end && matches!(tk.lw(k + 1), "'s" | "’s"));
    after_doing || rule
}

/// "Lydia Buchtmann for Food Standards Australia New Zealand, says …": a
/// sentence opening with a name (and the body it speaks for), then a comma
/// and the cue. The name's run is the speaker; nothing but names and their
/// prepositions may stand before the comma.
fn name_before_comma(tk: &Toks, s_start: usize, comma: usize) -> Option<(usize, usize)> {
    if comma < s_start + 2 || comma - s_start > 12 || !tk.is_cap(s_start) {
        return None;
    }
    let glue = |k: usize| {
        matches!(
            tk.lw(k),
            "for" | "of" | "at" | "from" | "the" | "and" | "&" | "'s" | "’s"
        )
    };
    if !(s_start..comma).all(|k| (tk.is_cap(k) && tk.is_word(k)) || glue(k) || tk.lw(k) == ".") {
        return None;
    }
    let mut end = s_start;
    while end < comma && tk.is_cap(end) {
        end += 1;
    }
    // a person's name (two capitalised words at least), or the whole
    // name when it is one body ("The Church of Scientology")
    let person = end - s_start >= 2
        && end < comma
        && matches!(tk.lw(end), "for" | "of" | "at" | "from")
        && !DETERMINERS.contains(&tk.lw(s_start));
    Some(if person { (s_start, end) } else { (s_start, comma) })
}

/// "signs suggest", "the data show": things, not sources.
fn non_agent(head: &str) -> bool {
    matches!(
        head,
        "signs"
            | "evidence"
            | "data"
            | "figures"
            | "results"
            | "findings"
            | "numbers"
            | "facts"
            | "trends"
            | "images"
            | "photos"
            | "videos"
            | "records"
            | "documents"
            | "polls"
            | "indications"
            | "estimates"
            | "statistics"
    )
}

/// Speaker after an inverted cue: `…,” said Peskov`, `said the agency`.
fn speaker_right(tk: &Toks, from: usize, s_end: usize) -> Option<(usize, usize)> {
    // "said passenger Joanna Pike": a lowercase role before the name.
    let mut from = from;
    let role = (from..s_end.min(from + 3))
        .take_while(|&k| !tk.is_cap(k) && tk.is_word(k))
        .count();
    if role > 0 && from + role < s_end && tk.is_cap(from + role) && !DETERMINERS.contains(&tk.lw(from)) {
        from += role;
    }
    let mut end = from;
    while end < s_end
        && (tk.is_cap(end)
            || DETERMINERS.contains(&tk.lw(end))
            || SPEAKER_NOUNS.contains(&tk.lw(end))
            || PRONOUNS.contains(&tk.lw(end))
            || (end > from && matches!(tk.lw(end), "'s" | "’s")))
        && end - from < 8
    {
        end += 1;
    }
    // "the Palestinian territory's civil defence agency", "the health
    // ministry": lowercase modifiers up to a source noun.
    if from < s_end && (end > from || DETERMINERS.contains(&tk.lw(from))) {
        let mut k = end.max(from + 1);
        let mut last_head = None;
        while k < s_end && k < end.max(from + 1) + 6 {
            let w = tk.lw(k);
            // ("the Hamas-run health ministry": a hyphen inside a word)
            let hyphen = w == "-" && k > 0 && tk.doc.tokens[k].span.start == tk.doc.tokens[k - 1].span.end;
            if SPEAKER_NOUNS.contains(&w) {
                last_head = Some(k + 1);
            } else if hyphen {
            } else if !(matches!(w, "'s" | "’s") || (tk.is_word(k) && w.chars().all(char::is_alphabetic)))
                || NP_STOP.contains(&w)
                || matches!(tk.upos(k), Some("VERB" | "AUX" | "ADP" | "SCONJ" | "PRON" | "ADV"))
            {
                break;
            }
            k += 1;
        }
        if let Some(h) = last_head {
            end = h;
            // "the investigative outlet Bellingcat, …": the name after its
            // description, up to a stop.
            let mut e = end;
            while e < s_end && e < end + 4 && tk.is_cap(e) && tk.is_word(e) && !is_day_word(tk.lw(e)) {
                e += 1;
            }
            if e > end && (e == s_end || matches!(tk.lw(e), "," | "." | ";" | ":")) {
                end = e;
            }
        }
    }
    // "said the representative of the ministry", "said the press
    // secretary of the President of Russia Dmitry Peskov": a role's
    // body or master, up to the sentence's end or a stop.
    if end > from && end + 1 < s_end && matches!(tk.lw(end), "of" | "for") && PERSON_ROLES.contains(&tk.lw(end - 1)) {
        let mut k = end + 1;
        while k < s_end
            && k < end + 11
            && (tk.is_cap(k)
                || DETERMINERS.contains(&tk.lw(k))
                || SPEAKER_NOUNS.contains(&tk.lw(k))
                || matches!(tk.lw(k), "of" | "'s" | "’s"))
        {
            k += 1;
        }
        let named = (end + 1..k).any(|x| tk.is_cap(x) || SPEAKER_NOUNS.contains(&tk.lw(x)));
        if named && tk.lw(k - 1) != "of" && (k == s_end || matches!(tk.lw(k), "," | "." | ";" | ":" | "(")) {
            end = k;
        }
    }
    let has_head =
        (from..end).any(|k| tk.is_cap(k) || SPEAKER_NOUNS.contains(&tk.lw(k)) || PRONOUNS.contains(&tk.lw(k)));
    (end > from && has_head).then_some((from, end))
}

/// An inverted speaker (after the cue) that starts with a pronoun: a
/// subject pronoun speaks ("said he"); an object pronoun never does ("said
/// her wedding …"); a possessive does with its noun when nothing but the
/// end of the sentence or a comma follows ("said her father."), and the
/// speaker is then the whole phrase.
fn inverted_pronoun_speaker(tk: &Toks, a: usize, b: usize, s_end: usize) -> Option<(usize, usize)> {
    match tk.lw(a) {
        "him" | "them" | "me" | "us" => None,
        "her" | "his" | "its" | "their" | "my" | "our" | "your" => {
            let mut e = a + 1;
            while e < s_end && matches!(tk.upos(e), Some("NOUN" | "PROPN" | "ADJ")) && e < a + 4 {
                e += 1;
            }
            let noun = e > a + 1 && matches!(tk.upos(e - 1), Some("NOUN" | "PROPN"));
            let ends = e >= s_end || matches!(tk.lw(e), "," | "." | "who" | ";");
            (noun && ends).then_some((a, e))
        }
        _ => Some((a, b)),
    }
}

/// Things one is denied or granted: "denied visas" refuses them, it
/// rejects no claim.
const GRANTED: &[&str] = &[
    "visa",
    "visas",
    "entry",
    "access",
    "permission",
    "bail",
    "request",
    "requests",
    "application",
    "asylum",
    "passage",
    "admission",
    "service",
    "treatment",
    "funding",
    "permit",
    "permits",
    "licence",
    "license",
    "boarding",
    "parole",
    "food",
    "water",
    "care",
];

/// The noun phrase ending at `j` can be the plural subject of a bare verb
/// after it: "Police say", "the people say", "WHO say", "Hamas say"; not
/// an object ("anybody speaks Dutch tell me") nor a preposition's
/// ("findings of Lapita pottery suggest").
fn plural_subject_before(tk: &Toks, j: usize, s_start: usize) -> bool {
    let acronym = tk.text(j).len() >= 2 && tk.text(j).bytes().all(|c| c.is_ascii_uppercase());
    let plural_noun = tk.upos(j) == Some("PROPN")
        || acronym
        || tk.upos(j) == Some("NOUN")
            && (tk.xpos(j) == Some("NNS")
                || matches!(
                    tk.lw(j),
                    "police" | "people" | "staff" | "public" | "military" | "clergy" | "personnel" | "crew"
                ));
    if !plural_noun {
        return false;
    }
    let mut k = j;
    while k > s_start
        && (matches!(tk.upos(k - 1), Some("NOUN" | "PROPN" | "ADJ" | "DET" | "NUM"))
            || matches!(tk.lw(k - 1), "'s" | "’s"))
    {
        k -= 1;
    }
    k == s_start || !matches!(tk.upos(k - 1), Some("VERB" | "AUX" | "ADP"))
}

/// Uses of reporting verbs that report nothing: a request ("asked the
/// council to review …", "asking the government to respect …"), an
/// interrogation ("police questioned the student"), a refusal ("was
/// denied visas"), a schedule ("a ruling expected next month").
/// "demanded that the prime minister clarify the issue", "urged that she
/// explain …": a base-form verb in the clause a demand opens is what is
/// demanded, not said (no modal, "to" or "do" before it).
fn mandated_clause(tk: &Toks, i: usize, s_start: usize) -> bool {
    if tk.xpos(i) != Some("VB") {
        return false;
    }
    for j in (s_start.max(i.saturating_sub(12))..i).rev() {
        let w = tk.lw(j);
        if matches!(tk.xpos(j), Some("MD" | "TO")) || matches!(w, "to" | "do" | "does" | "did" | "let" | "help") {
            return false;
        }
        if w == "that" {
            return j > s_start
                && [
                    "demand",
                    "urg",
                    "ask",
                    "insist",
                    "request",
                    "recommend",
                    "propos",
                    "suggest",
                    "requir",
                ]
                .iter()
                .any(|p| tk.lw(j - 1).starts_with(p));
        }
    }
    false
}

fn not_speech_use(tk: &Toks, lemma: &str, w: &str, i: usize, s_end: usize) -> bool {
    let next = |k: usize| if i + k < s_end { tk.lw(i + k) } else { "" };
    match lemma {
        "ask" => {
            // "who asked not to be named", "asked to remain anonymous": a
            // request of one's own.
            if (next(1) == "not" && next(2) == "to") || (next(1) == "to" && matches!(next(2), "remain" | "be")) {
                return true;
            }
            // NP then "to" + base verb, before any question word.
            let mut k = i + 1;
            while k < s_end && k < i + 8 && tk.is_word(k) {
                let l = tk.lw(k);
                if matches!(
                    l,
                    "whether" | "if" | "why" | "what" | "how" | "who" | "when" | "where" | "about"
                ) {
                    return false;
                }
                if l == "to" {
                    return k > i + 1 && k + 1 < s_end && tk.xpos(k + 1) == Some("VB");
                }
                if l == "not" && k + 2 < s_end && tk.lw(k + 1) == "to" {
                    return k > i + 1 && tk.xpos(k + 2) == Some("VB");
                }
                k += 1;
            }
            false
        }
        "deny" => {
            let mut k = i + 1;
            while k < s_end && k < i + 4 && (DETERMINERS.contains(&tk.lw(k)) || tk.upos(k) == Some("ADJ")) {
                k += 1;
            }
            k < s_end && GRANTED.contains(&tk.lw(k))
        }
        "question" => {
            matches!(next(1), "him" | "her" | "them" | "me" | "us")
                || (DETERMINERS.contains(&next(1))
                    && (PERSON_ROLES.contains(&next(2))
                        || matches!(
                            next(2),
                            "student"
                                | "students"
                                | "suspect"
                                | "suspects"
                                | "witness"
                                | "witnesses"
                                | "man"
                                | "woman"
                                | "men"
                                | "women"
                                | "boy"
                                | "girl"
                                | "driver"
                                | "passengers"
                                | "people"
                        )))
        }
        // "would respond militarily": an act, not an answer.
        "respond" | "reply" | "react" => {
            let plain = i + 1 < s_end
                && tk.upos(i + 1).is_some_and(|u| u == "ADV")
                && !matches!(next(2), "that" | "," | ":")
                && !(i + 2 < s_end && tk.is_quote(i + 2));
            // ("would respond, militarily, within 48 hours": set off by commas.)
            let set_off = next(1) == ","
                && i + 2 < s_end
                && tk.upos(i + 2) == Some("ADV")
                && next(3) == ","
                && !matches!(next(4), "that" | ":")
                && !(i + 4 < s_end && tk.is_quote(i + 4));
            plain || set_off
        }
        "expect" => {
            w == "expected" && matches!(next(1), "next" | "later" | "soon" | "this" | "within" | "early" | "by")
        }
        // "Israel said no to the plan": a refusal, no words reported.
        "say" => matches!(next(1), "no" | "yes") && next(2) == "to",
        _ => false,
    }
}

/// `prev` is a singular source noun right before the third-person form
/// at `i` ("the report states", "the ministry claims").
fn singular_source_before(tk: &Toks, i: usize, prev: Option<usize>) -> bool {
    prev.is_some_and(|j| {
        j + 1 == i && SPEAKER_NOUNS.contains(&tk.lw(j)) && tk.xpos(j) == Some("NN") && tk.lw(i).ends_with('s')
    })
}

/// Nouns of research and counting whose "found" reports a finding.
const RESEARCH_NOUNS: &[&str] = &[
    "study",
    "studies",
    "report",
    "poll",
    "polls",
    "survey",
    "surveys",
    "research",
    "researchers",
    "scientists",
    "investigation",
    "investigators",
    "analysis",
    "review",
    "inquiry",
    "audit",
    "probe",
    "census",
    "experiment",
    "trial",
    "test",
    "tests",
    "data",
    "findings",
    "paper",
    "authors",
    "team",
];

/// The cue at `i` (after an optional auxiliary) follows a research noun.
fn research_subject(tk: &Toks, i: usize, s_start: usize) -> bool {
    let mut j = i;
    while j > s_start && matches!(tk.lw(j - 1), "has" | "have" | "had" | "also" | "recently") {
        j -= 1;
    }
    j > s_start && RESEARCH_NOUNS.contains(&tk.lw(j - 1))
}

/// A quotation opens right after the cue at `i`: “…” or : “…”.
fn opens_quote_after(tk: &Toks, i: usize, s_end: usize) -> bool {
    let k = if i + 1 < s_end && tk.lw(i + 1) == ":" {
        i + 2
    } else {
        i + 1
    };
    k < tk.open_at.len() && quote_opening_at(tk, k).is_some()
}

/// The cue at `i` follows “…,” and its speaker: `“…,” she continued`,
/// `“…,” continued Smith` (the speaker, if before the cue, is at most
/// three words).
fn closes_quote_before(tk: &Toks, i: usize, s_start: usize) -> bool {
    let mut j = i;
    let mut words = 0;
    while j > s_start {
        j -= 1;
        if tk.is_word(j) && words < 3 {
            words += 1;
            continue;
        }
        if tk.lw(j) == "," && j > s_start {
            return quote_closing_at(tk, j - 1).is_some();
        }
        return quote_closing_at(tk, j).is_some() && tk.lw(j.saturating_sub(1)) == ",";
    }
    false
}

/// Index of the quote whose opening mark is the token at `i`.
fn quote_opening_at(tk: &Toks, i: usize) -> Option<usize> {
    let q = tk.open_at[i];
    (q != NONE).then_some(q as usize)
}

/// Index of the quote whose closing mark is the token at `i`.
fn quote_closing_at(tk: &Toks, i: usize) -> Option<usize> {
    let q = tk.close_at[i];
    (q != NONE).then_some(q as usize)
}

/// No quote (in `Toks::open_at` / `close_at`).
const NONE: u32 = u32::MAX;

fn trim_content(tk: &Toks, mut a: usize, mut b: usize) -> Option<(usize, usize)> {
    while a < b && matches!(tk.lw(a), "," | ":" | "that" | "—" | "–" | "-") {
        a += 1;
    }
    // `But the reports are “not accurate at all,” a source told …`: the
    // narrator's connective opening the sentence is not the source's.
    if a + 2 < b && tk.is_cap(a) && !tk.quoted[a] && matches!(tk.lw(a), "but" | "and" | "yet") {
        a += 1;
        if tk.lw(a) == "," {
            a += 1;
        }
    }
    while b > a && matches!(tk.lw(b - 1), "," | "." | ";" | ":" | "—" | "–" | "-") {
        b -= 1;
    }
    // A content may not open with a dangling closing quote.
    (b > a).then_some((a, b))
}

fn build_from_cue(
    tk: &Toks,
    quotes: &[Quote],
    used_quotes: &mut [bool],
    cue: &Cue,
    sent: std::ops::Range<usize>,
    // Statements found earlier in this sentence, and the index of the first.
    (earlier_in_sentence, earlier_offset): (&[Found], usize),
    extra: &mut Vec<Found>,
) -> Option<Found> {
    let cue_span = tk.span(cue.start, cue.end);
    let mut speaker = None;
    let mut same_speaker_as = None;
    let mut antecedent = None;
    let mut inverted = false;
    // The cue sits in a relative clause ("X, which claims …, …"): the
    // content ends with the clause.
    let mut relative = false;
    match cue.kind {
        CueKind::AccordingTo => {
            // "According to X, CONTENT" or "CONTENT, according to X".
            let sp = speaker_right(tk, cue.end, sent.end).or_else(|| {
                let mut stop = (cue.end..sent.end).find(|&k| tk.lw(k) == ",").unwrap_or(sent.end);
                while stop > cue.end && !tk.is_word(stop - 1) {
                    stop -= 1;
                }
                (stop > cue.end).then_some((cue.end, stop))
            })?;
            // The source NP runs on to a comma only through name-like words
            // ("according to the mayor of Bucha, …"), not over a clause
            // ("According to the Saudi Interior Ministry over 345 pilgrims …").
            let mut np_end = (sp.1..sent.end)
                .find(|&k| tk.lw(k) == ",")
                .filter(|&c| {
                    c - sp.1 <= 6
                        && (sp.1..c).all(|k| {
                            tk.is_cap(k)
                                || DETERMINERS.contains(&tk.lw(k))
                                || SPEAKER_NOUNS.contains(&tk.lw(k))
                                || matches!(tk.lw(k), "of" | "'s" | "’s" | "in" | "at" | "for" | "and" | "-")
                        })
                })
                .unwrap_or(sp.1);
            // Where the content starts when something after the source's
            // name is neither source nor content (a title, a participle).
            let mut post_nominal = 0;
            // "according to an Internet posting, …" (or ending the
            // sentence): a short run of nouns finishes the source.
            if np_end == sp.1 {
                let mut k = sp.1;
                // ("posting" may be tagged a participle after its name)
                while k < sent.end
                    && k < sp.1 + 2
                    && (tk.is_tagged_noun(k) || (k == sp.1 && tk.is_cap(k - 1) && tk.lw(k).ends_with("ing")))
                {
                    k += 1;
                }
                if k > sp.1 && (k == sent.end || matches!(tk.lw(k), "," | "." | ";" | ":")) {
                    np_end = k;
                } else if (k > sp.1 || tk.is_tagged_noun(sp.1 - 1)) && k < sent.end && tk.xpos(k) == Some("VBN") {
                    // "according to an Internet posting made just over 24
                    // hours ago, …": the participle describes the source.
                    if let Some(c) = (k + 1..sent.end.min(k + 9)).find(|&c| tk.lw(c) == ",") {
                        if (k + 1..c).all(|x| tk.is_word(x)) {
                            np_end = k;
                            post_nominal = c;
                        }
                    }
                }
            }
            // "according to a report by a U.N. panel of experts"
            if np_end == sp.1 && sp.1 + 1 < sent.end && matches!(tk.lw(sp.1), "by" | "from" | "of") {
                if let Some(x) = speaker_right(tk, sp.1 + 1, sent.end) {
                    np_end = x.1;
                    while np_end + 1 < sent.end
                        && tk.lw(np_end) == "of"
                        && speaker_right(tk, np_end + 1, sent.end).is_some()
                    {
                        np_end = speaker_right(tk, np_end + 1, sent.end).map_or(np_end, |y| y.1);
                    }
                }
            }
            // "according to the student newspaper, the Westbrook Voice, …":
            // the appositive name belongs to the source.
            if np_end < sent.end && tk.lw(np_end) == "," {
                // ("according to Farhad Mammadov, head of the Center for
                // Studies of the South Caucasus, “…”": a role and its body
                // may run longer.)
                let role_first = |k: usize| {
                    let w = tk.lw(k);
                    !tk.is_cap(k)
                        && (PERSON_ROLES.contains(&w) || matches!(w, "head" | "director" | "founder" | "chairman"))
                };
                let role_led = np_end + 1 < sent.end && role_first(np_end + 1) && tk.lw(np_end + 2) == "of";
                let reach = if role_led { 16 } else { 8 };
                if let Some(c2) = (np_end + 1..sent.end.min(np_end + reach)).find(|&k| tk.lw(k) == ",") {
                    let name_like = (np_end + 1..c2).all(|k| tk.is_cap(k) || DETERMINERS.contains(&tk.lw(k)))
                        && (np_end + 1..c2).any(|k| tk.is_cap(k));
                    // ("according to the Syrian Observatory for Human Rights, a
                    // Britain-based war monitor, …": a description of the source.)
                    let described = role_led && (np_end + 1..c2).all(|k| !matches!(tk.upos(k), Some("VERB" | "AUX")))
                        || matches!(tk.lw(np_end + 1), "a" | "an")
                        && c2 > np_end + 2
                        && tk.is_tagged_noun(c2 - 1)
                        // ("Britain-based": a participle inside a compound is no verb)
                        && (np_end + 1..c2)
                            .all(|k| !matches!(tk.upos(k), Some("VERB" | "AUX")) || tk.lw(k - 1) == "-");
                    // ("according to Jeanine D'Armiento, the study's last
                    // author, …": a role after "the" describes the source.)
                    let the_role = tk.lw(np_end + 1) == "the"
                        && c2 > np_end + 2
                        && c2 <= np_end + 7
                        && (np_end + 2..c2).any(|k| {
                            PERSON_ROLES.contains(&tk.lw(k)) || matches!(tk.lw(k), "author" | "co-author" | "founder")
                        })
                        && (np_end + 1..c2).all(|k| !matches!(tk.upos(k), Some("VERB" | "AUX")));
                    let described = described || the_role;
                    if described && !name_like && opens_clause(tk, cue.start, sent.start) {
                        // the description is neither source name nor content
                        post_nominal = c2;
                    } else if name_like && opens_clause(tk, cue.start, sent.start) {
                        np_end = c2;
                        // ("the Crown prosecutor, Mark Tedeschi, QC, “…”": a
                        // post-nominal title is neither speaker nor content.)
                        if c2 + 2 < sent.end
                            && tk.lw(c2 + 2) == ","
                            && tk.text(c2 + 1).len() <= 4
                            && tk.text(c2 + 1).chars().all(|c| c.is_ascii_uppercase() || c == '.')
                        {
                            post_nominal = c2 + 2;
                        }
                    }
                }
            }
            // "according to people familiar with the matter, …": an
            // unnamed source's post-modifier belongs to the source.
            if np_end == sp.1 && UNNAMED_SOURCE_NOUNS.contains(&tk.lw(sp.1 - 1)) {
                if let Some(e) = anonymous_source_modifier_after(tk, sp.1, sent.end) {
                    np_end = e;
                }
            }
            let speaker_span = (sp.0, np_end.max(sp.1));
            // "according to Yonhap, quoting KCNA, CONTENT", "according to the
            // FT, which cited three people …, CONTENT": the source's own
            // source is part of the attribution, not of the content.
            let relayed = {
                let e = speaker_span.1;
                let relaying = e + 1 < sent.end
                    && tk.lw(e) == ","
                    && (matches!(tk.lw(e + 1), "quoting" | "citing")
                        || (e + 2 < sent.end
                            && matches!(tk.lw(e + 1), "which" | "who")
                            && matches!(tk.lw(e + 2), "cited" | "quoted")));
                relaying.then(|| (e + 2..sent.end).find(|&k| tk.lw(k) == ",")).flatten()
            };
            // "X has learned that, according to Y, CONTENT": a clause that
            // ends in its complementizer is not the content.
            // ("has learned that according to X made …, CONTENT": with or
            // without the comma after "that".)
            let after_that =
                (cue.start >= sent.start + 2 && tk.lw(cue.start - 1) == "," && tk.lw(cue.start - 2) == "that")
                    || (cue.start > sent.start + 1
                        && tk.lw(cue.start - 1) == "that"
                        && tk.xpos(cue.start - 1) == Some("IN"));
            let comma_after = np_end.max(sp.1).max(post_nominal);
            let opens_that = after_that && comma_after < sent.end && tk.lw(comma_after) == ",";
            // "…, and in the words of X, “…”": a coordinated clause of its
            // own; its content follows the source.
            let coordinated = cue.start > sent.start + 1
                && matches!(tk.lw(cue.start - 1), "and" | "but")
                && tk.lw(cue.start - 2) == ","
                && speaker_span.1 + 1 < sent.end
                && tk.lw(speaker_span.1) == ",";
            let (a, b) = if coordinated {
                (speaker_span.1.max(post_nominal), sent.end)
            } else if cue.start > sent.start + 2 && !opens_that {
                // "…, the day after Israeli attacks killed 13 people according
                // to X": the clause the source vouches for.
                // Only when an earlier attribution in the sentence owns the
                // main clause ("A Hamas official said …, the day after …").
                let from = if earlier_in_sentence.is_empty() {
                    sent.start
                } else {
                    // Without a clause of its own, a trailing "according to"
                    // names the channel of the attribution already found.
                    (sent.start + 1..cue.start)
                        .rev()
                        .find(|&k| {
                            matches!(tk.lw(k), "after" | "before" | "because" | "since" | "while" | "when")
                                && !tk.quoted[k]
                        })
                        .map(|k| k + 1)?
                };
                (from, cue.start)
            } else if opens_that {
                (comma_after + 1, sent.end)
            } else if let Some(c) = relayed {
                (c + 1, sent.end)
            } else {
                (speaker_span.1.max(post_nominal), sent.end)
            };
            let (a, b) = trim_content(tk, a, b)?;
            // ("in the words of X, “…”": exactly one quotation is direct.)
            let (content, kind) = match (quote_opening_at(tk, a), quote_closing_at(tk, b - 1)) {
                (Some(qi), Some(qj)) if qi == qj && !used_quotes[qi] => {
                    used_quotes[qi] = true;
                    (quotes[qi].inner, StatementKind::Direct)
                }
                _ => (tk.span(a, b), kind_of(tk, quotes, a, b)),
            };
            return Some(Found {
                content,
                kind,
                speaker: Some(speaker_span),
                speaker_fallback: None,
                same_speaker_as: None,
                antecedent: None,
                cue: Some(cue_span),
                cue_stance: None,
            });
        }
        CueKind::PassiveBy => {
            let sp = speaker_right(tk, cue.end, sent.end)?;
            // The subject: up to the verb group ("were", "had been",
            // "first"), and before a parenthetical ending at it ("The
            // allegations, first reported by …, were denied by …").
            let mut e = cue.start;
            while e > sent.start
                && (matches!(
                    tk.lw(e - 1),
                    "was"
                        | "were"
                        | "been"
                        | "is"
                        | "are"
                        | "be"
                        | "being"
                        | "has"
                        | "have"
                        | "had"
                        | "also"
                        | "first"
                        | "later"
                        | "widely"
                        | "originally"
                        | "initially"
                        | "since"
                        | "then"
                ) || tk.lw(e - 1).ends_with("ly"))
            {
                e -= 1;
            }
            if e > sent.start && tk.lw(e - 1) == "," {
                e = (sent.start..e - 1).rev().find(|&k| tk.lw(k) == ",").unwrap_or(e - 1);
            }
            let (a, b) = trim_content(tk, sent.start, e)?;
            // a noun phrase, not a clause or a pronoun
            if (a..b).any(|k| matches!(tk.upos(k), Some("VERB" | "AUX")))
                || (b == a + 1 && PRONOUNS.contains(&tk.lw(a)))
                || !(a..b).any(|k| tk.is_tagged_noun(k) || tk.is_cap(k))
            {
                return None;
            }
            return Some(Found {
                content: tk.span(a, b),
                kind: kind_of(tk, quotes, a, b),
                speaker: Some(sp),
                speaker_fallback: None,
                same_speaker_as: None,
                antecedent: None,
                // (the verb, without its "by")
                cue: Some(tk.span(cue.start, cue.start + 1)),
                cue_stance: cue.stance,
            });
        }
        CueKind::Noun => {
            // "X's claims that …", "claims by X that …", else unnamed.
            let (a, b) = trim_content(tk, cue.end, sent.end)?;
            let b = cut_content(tk, a, b);
            let b = subject_claim_end(tk, cue, a, b, sent.start);
            if cue.start >= sent.start + 2 && matches!(tk.lw(cue.start - 1), "'s" | "’s") {
                speaker = speaker_left(tk, cue.start - 1, sent.start);
            } else if let Some(subject) = governing_statement_subject(tk, cue.start, sent.start) {
                speaker = Some(subject);
            }
            // With no source named: accusations have accusers ("The main
            // accusations centre on claims that …").
            let accusing = (sent.start..cue.end).any(|k| {
                matches!(
                    tk.lw(k),
                    "accusation" | "accusations" | "allegation" | "allegations" | "accused" | "alleged"
                )
            });
            let fallback = if accusing {
                "unnamed accusers"
            } else {
                "unnamed sources"
            };
            let speaker_fallback = speaker.is_none().then(|| (fallback.to_string(), SpeakerType::Unnamed));
            return Some(Found {
                content: tk.span(a, b),
                kind: kind_of(tk, quotes, a, b),
                speaker,
                speaker_fallback,
                same_speaker_as: None,
                antecedent: None,
                cue: Some(cue_span),
                cue_stance: cue.stance,
            });
        }
        CueKind::Participle if cue.start == sent.start => {
            // "Referring to X, it emphasizes …": content X, the main clause's subject.
            // The comma after which a subject and a reporting verb follow
            // (the pointed-to phrase may hold commas of its own).
            let (comma, subject) = (cue.end..sent.end).filter(|&k| tk.lw(k) == ",").find_map(|c| {
                let sp = speaker_right(tk, c + 1, sent.end)?;
                (sp.1 < sent.end && Lexicon::get().verb(tk.lw(sp.1)).is_some()).then_some((c, sp))
            })?;
            let (a, b) = trim_content(tk, cue.end, comma)?;
            return Some(Found {
                content: tk.span(a, b),
                kind: kind_of(tk, quotes, a, b),
                speaker: Some(subject),
                speaker_fallback: None,
                same_speaker_as: None,
                antecedent: None,
                cue: Some(cue_span),
                cue_stance: cue.stance,
            });
        }
        CueKind::Participle => {
            // "…, with Foreign Minister Dmytro Kuleba claiming …": its own subject.
            let noun_subject = cue.start > sent.start && SPEAKER_NOUNS.contains(&tk.lw(cue.start - 1));
            let own = speaker_left(tk, cue.start, sent.start)
                .filter(|&(a, _)| noun_subject || (a > sent.start && tk.lw(a - 1) == "with"));
            // "Interfax quoted an unnamed official as saying …": the one quoted.
            // ("Wang was quoted by the Sydney Morning Herald as saying …": in
            // the passive, the subject before "was" is the one quoted.)
            let quoted = quoted_as_saying(tk, cue.start, sent.start).and_then(|k| {
                let passive = k > sent.start + 1
                    && matches!(tk.lw(k - 1), "was" | "were" | "is" | "are" | "been")
                    && tk.lw(k + 1) == "by";
                if passive {
                    speaker_left(tk, k - 1, sent.start)
                } else {
                    speaker_left(tk, cue.start - 1, k + 1)
                }
            });
            // "The prime minister responded by saying …": the responder.
            let responder = (cue.start >= sent.start + 2 && tk.lw(cue.start - 1) == "by")
                .then(|| speaker_left(tk, cue.start - 2, sent.start))
                .flatten();
            // "KCNA released an article Sunday saying …": whoever released it.
            let issuer = (tk.lw(cue.start) == "saying" && document_before(tk, cue.start, sent.start))
                .then(|| {
                    let v = (sent.start..cue.start)
                        .rev()
                        .take(8)
                        .find(|&k| tk.upos(k) == Some("VERB") && k < cue.start - 1)?;
                    speaker_left(tk, v, sent.start).filter(|&sp| names_someone(tk, sp))
                })
                .flatten();
            if quoted.is_some() {
                speaker = quoted;
            } else if issuer.is_some() {
                speaker = issuer;
            } else if responder.is_some() {
                speaker = responder;
            } else if own.is_some() {
                speaker = own;
            } else if tk.quoted[cue.start] {
                // Inside a quotation the quoted speaker's words name the subject.
                speaker = parse_subject(tk, cue.start, sent.clone()).filter(|&sp| names_someone(tk, sp));
            } else {
                // (the main clause's statement, not one its object holds:
                // "China rejected accusations by the Philippines that …,
                // calling the claims …" is China calling them)
                let by_noun = |f: &Found| {
                    f.cue
                        .is_some_and(|c| NOUN_CUES.contains(&tk.doc.slice(c).to_lowercase().as_str()))
                };
                same_speaker_as = earlier_in_sentence
                    .iter()
                    .rposition(|f| !by_noun(f))
                    .or(earlier_in_sentence.len().checked_sub(1))
                    .map(|k| k + earlier_offset);
                if same_speaker_as.is_none() {
                    // (the parse's subject of the verb the participle hangs
                    // on, past a fronted adjunct: "Last week, Azerbaijan's
                    // President Ilham Aliyev criticized …, asking …")
                    speaker = parse_subject(tk, cue.start, sent.clone())
                        .filter(|&(x, y)| y <= cue.start && names_someone(tk, (x, y)))
                        .or_else(|| sentence_subject(tk, sent.start, cue.start));
                }
            }
        }
        CueKind::Verb => {
            speaker = caused_speaker(tk, cue.start, sent.start).or_else(|| speaker_left(tk, cue.start, sent.start));
            // "…, as well as honoring its obligations, said Kong Qingjiang,
            // head of …": a person named right after a cue that follows a
            // comma, and closed by a comma or the sentence's end, speaks
            // (inverted), whatever noun the left scan met before it.
            let person_after = cue.start > sent.start
                && tk.lw(cue.start - 1) == ","
                && cue.end < sent.end
                && tk.is_cap(cue.end)
                && tk.doc.entity_at(tk.doc.tokens[cue.end].span).is_some_and(|e| {
                    let e = &tk.doc.entities[e];
                    e.etype == EntityType::Person
                        && e.mentions.iter().any(|m| {
                            m.start == tk.doc.tokens[cue.end].span.start && {
                                let after = token_at_or_after(tk, m.end as usize);
                                after >= sent.end || matches!(tk.lw(after), "," | ".")
                            }
                        })
                });
            if person_after && speaker.is_some_and(|(_, b)| b + 1 < cue.start) {
                speaker = None;
            }
            // "what Mitchell has stated is untrue", "What Higuchi added was
            // …": a free relative names the words; what follows is not them.
            // (Not "against what it called “terror targets”": a naming, its
            // object right after the cue.)
            if speaker.is_some_and(|(a, _)| a > sent.start && tk.lw(a - 1) == "what")
                && cue.end < sent.end
                && matches!(tk.upos(cue.end), Some("AUX" | "VERB"))
            {
                return None;
            }
            // "The United States condemned what it called China's
            // “aggressive” actions": the pronoun is the clause's subject.
            // (The mention stays the pronoun, the nearest words for the source.)
            if let Some((a, _)) = speaker.filter(|&(a, b)| {
                b == a + 1 && a > sent.start + 1 && tk.lw(a - 1) == "what" && PRONOUNS.contains(&tk.lw(a))
            }) {
                antecedent = sentence_subject(tk, sent.start, a - 1);
            }
            let before = (sent.start..cue.start)
                .rev()
                .find(|&k| !AUX_SKIP.contains(&tk.lw(k)) && !tk.lw(k).ends_with("ly"));
            // (`“…,” — said Peskov`: a dash after the closing mark, as
            // translated agency copy writes it)
            let dashed = |k: usize| {
                matches!(tk.lw(k), "—" | "–" | "--") && k > sent.start && (tk.lw(k - 1) == "," || tk.is_quote(k - 1))
            };
            if speaker.is_none() && before.is_some_and(|k| tk.lw(k) == "," || tk.is_quote(k) || dashed(k)) {
                // Inverted: `“…,” said Peskov.` (not `X, says they are …`:
                // a speaker there opens the reported clause).
                // ("…, said her wedding was …": an object or possessive
                // pronoun after the cue opens the reported clause, unless
                // a possessive and its noun end the sentence or the clause:
                // "…,” said her father.)
                // (A quote mark may stand between: `…, said it "has always
                // acted …"`.)
                let verb_after = |b: usize| {
                    let b = if b < sent.end && tk.is_quote(b) { b + 1 } else { b };
                    b < sent.end && matches!(tk.upos(b), Some("VERB" | "AUX"))
                };
                if let Some(sp) = speaker_right(tk, cue.end, sent.end)
                    .filter(|&(_, b)| !verb_after(b))
                    .and_then(|(a, b)| inverted_pronoun_speaker(tk, a, b, sent.end))
                {
                    speaker = Some(sp);
                    inverted = true;
                }
                // "Hamas said …, noting that …, reported Xinhua news
                // agency.": an outlet passing on what the sentence already
                // attributes is its relay, no statement of its own.
                if inverted && matches!(tk.lw(cue.start), "reported" | "reports") && !earlier_in_sentence.is_empty() {
                    return None;
                }
            }
            // "Beijing, which claims the island …": the relative pronoun's
            // antecedent speaks.
            // (Announcing, publishing, releasing something is no claim.)
            // (adverbs and time adjuncts between: "which to this day has
            // never officially said")
            let mut rel = cue.start;
            while rel > sent.start {
                if let Some(n) = time_adjunct_before(tk, rel, sent.start) {
                    rel -= n;
                } else if AUX_SKIP.contains(&tk.lw(rel - 1))
                    || matches!(tk.lw(rel - 1), "never" | "not" | "n't")
                    || (tk.lw(rel - 1).ends_with("ly") && !tk.is_cap(rel - 1))
                {
                    rel -= 1;
                } else {
                    break;
                }
            }
            if speaker.is_none()
                && rel >= sent.start + 3
                && matches!(tk.lw(rel - 1), "which" | "who")
                && tk.lw(rel - 2) == ","
                && !tk.lw(cue.start).starts_with("announc")
                && !tk.lw(cue.start).starts_with("publish")
                && !tk.lw(cue.start).starts_with("releas")
            {
                // (not a place a preposition names: "… located in eastern
                // Gaza City, which claimed that …" is not the city's claim)
                let placed = |(x, y): (usize, usize)| {
                    let mut p = x;
                    while p > sent.start + 1 && (tk.upos(p - 1) == Some("ADJ") || tk.lw(p - 1) == "the") {
                        p -= 1;
                    }
                    p > sent.start
                        && matches!(tk.lw(p - 1), "in" | "near" | "at" | "outside")
                        && tk
                            .doc
                            .entity_at(tk.span(y - 1, y))
                            .is_some_and(|e| matches!(tk.doc.entities[e].etype, EntityType::Gpe | EntityType::Loc))
                };
                speaker = speaker_left(tk, rel - 2, sent.start).filter(|&sp| names_someone(tk, sp) && !placed(sp));
                // ("statements of Navalny's allies, who believe …": the
                // holders of the words, not the words)
                if let Some((x, y)) = speaker {
                    if let Some(o) = (x + 1..y).rev().find(|&k| tk.lw(k) == "of") {
                        if NOUN_CUES.contains(&tk.lw(o - 1))
                            || matches!(
                                tk.lw(o - 1),
                                "statements" | "statement" | "remarks" | "comments" | "words" | "views"
                            )
                        {
                            speaker = Some((o + 1, y)).filter(|&sp| names_someone(tk, sp));
                        }
                    }
                }
                relative = speaker.is_some();
            }
            if speaker.is_none() && tk.quoted[cue.start] {
                speaker = parse_subject(tk, cue.start, sent.clone()).filter(|&sp| names_someone(tk, sp));
            }
            // "KCNA went on to call the accusations a “wild rumor”", "The
            // ministry was quick to dismiss …": the subject of the verb the
            // cue completes.
            if speaker.is_none()
                && cue.start >= sent.start + 3
                && tk.lw(cue.start - 1) == "to"
                && matches!(
                    tk.lw(cue.start - 2),
                    "on" | "moved"
                        | "moves"
                        | "rushed"
                        | "hastened"
                        | "sought"
                        | "seeks"
                        | "quick"
                        | "proceeded"
                        | "went"
                        | "goes"
                )
            {
                speaker = parse_subject(tk, cue.start, sent.clone())
                    .filter(|&(x, y)| y < cue.start && names_someone(tk, (x, y)));
            }
            // "Posts on the message board for … from Friday theorized that
            // …": a subject too long for the left scan, by the parse (only
            // before a "that" clause, where the parse is sure of the verb).
            if speaker.is_none()
                && cue.end < sent.end
                && tk.lw(cue.end) == "that"
                && tk.xpos(cue.end) == Some("IN")
                && !tk.quoted[cue.start]
                && !(cue.start > sent.start && tk.lw(cue.start - 1) == "to")
                // (", and suggests that …": the coordinated verb's subject
                // is found below)
                && !(cue.start > sent.start && matches!(tk.lw(cue.start - 1), "and" | "but"))
            {
                speaker = parse_subject(tk, cue.start, sent.clone()).filter(|&(x, y)| {
                    y <= cue.start
                        && x < y
                        && !tk.quoted[x]
                        && (tk.is_tagged_noun(y - 1) || tk.is_cap(y - 1))
                        && !PRONOUNS.contains(&tk.lw(y - 1))
                        && !matches!(
                            tk.lw(y - 1),
                            "it" | "this" | "that" | "these" | "those" | "which" | "what"
                        )
                        && !non_agent(tk.lw(y - 1))
                });
                // ("The Internet security firm Secunia.com, has said": the
                // name in apposition belongs to the subject.)
                if let Some((x, y)) = speaker {
                    let mut k = y;
                    while k < cue.start && tk.is_cap(k) {
                        k += 1;
                    }
                    if k > y && (k == cue.start || tk.lw(k) == ",") {
                        speaker = Some((x, k));
                    }
                }
            }
            if speaker.is_none() && before.is_some_and(|k| matches!(tk.lw(k), "and" | "but")) {
                // "Cisco disputed that claim, and said …": the same source;
                // "He won a bronze medal … and said …", "A spokesman declined
                // to comment but said …": the sentence's subject.
                same_speaker_as = earlier_in_sentence.len().checked_sub(1).map(|k| k + earlier_offset);
                if same_speaker_as.is_none() {
                    // (the parse's subject of the first verb, when it has
                    // one: "The evidence is clear enough that Republican
                    // Senators cannot and have not denied …")
                    speaker = parse_subject(tk, cue.start, sent.clone())
                        .filter(|&(a, b)| b <= cue.start && names_someone(tk, (a, b)))
                        .or_else(|| sentence_subject(tk, sent.start, cue.start))
                        .filter(|&(a, b)| (a..b).any(|k| tk.is_cap(k) || PRONOUNS.contains(&tk.lw(k))));
                }
            }
        }
    }
    if speaker.is_none() && same_speaker_as.is_none() {
        return None;
    }
    // "did not deny that …", "refused to deny that …": a source that will
    // not deny something does not deny it (it leaves it standing).
    let not_denying = cue.stance == Some(Stance::Deny)
        && (cue.start.saturating_sub(3).max(sent.start)..cue.start).any(|k| {
            matches!(
                tk.lw(k),
                "not" | "n't" | "refused" | "refuses" | "declined" | "declines"
            )
        });
    let cue_stance = if not_denying { None } else { cue.stance };
    let stmt = |content: Span, kind: StatementKind| {
        Some(Found {
            content,
            kind,
            speaker,
            speaker_fallback: None,
            same_speaker_as,
            antecedent,
            cue: Some(cue_span),
            cue_stance,
        })
    };
    // Where is the content? Right of the cue unless nothing meaningful follows.
    let mut a = cue.end;
    if inverted {
        a = speaker.map_or(a, |s| s.1);
    }
    if cue.takes_hearer {
        // "told reporters (that)", "told NBC News that …"
        // (A quotation after a clause's verb is inside the content: `told
        // AFP the footage was "a crude fake"`.)
        let marker = (a..sent.end.min(a + 7))
            .find(|&k| tk.lw(k) == "that" || tk.lw(k) == ":" || tk.is_quote(k))
            // (not another verb's: "told Interfax and declared that …")
            .filter(|&k| {
                !(a..k).any(|x| {
                    if tk.is_quote(k) {
                        matches!(tk.upos(x), Some("VERB" | "AUX"))
                    } else {
                        matches!(tk.xpos(x), Some("VBD" | "VBZ" | "VBP" | "MD"))
                    }
                })
            });
        if let Some(k) = marker {
            a = k;
        } else if a < sent.end && (tk.is_cap(a) || DETERMINERS.contains(&tk.lw(a))) {
            // (A determiner after the hearer's name opens the content:
            // "told AFP the first boat had sunk".)
            let first = a;
            while a < sent.end
                && (tk.is_cap(a)
                    || (a == first && DETERMINERS.contains(&tk.lw(a)))
                    || SPEAKER_NOUNS.contains(&tk.lw(a)))
            {
                a += 1;
            }
        }
        // "…, a Kremlin spokesman told state media.", "told the RIA news
        // agency on Monday.": no verb and no quotation up to the sentence's
        // end, so all of it is the hearer (the content is on the left).
        if a < sent.end
            && tk.upos(a).is_some()
            && !(a..sent.end).any(|k| tk.is_quote(k) || matches!(tk.upos(k), Some("VERB" | "AUX")))
        {
            a = sent.end;
        }
        // "told state media the claims were false": a short common-noun
        // hearer, then the clause's own subject.
        if a < sent.end && tk.upos(a).is_some() && tk.lw(a) != "that" {
            let np_end = (a..sent.end.min(a + 4))
                .take_while(|&k| matches!(tk.upos(k), Some("NOUN" | "PROPN" | "ADJ")))
                .last()
                .map(|k| k + 1);
            if let Some(k) = np_end.filter(|&k| k < sent.end && tk.is_tagged_noun(k - 1)) {
                let subject_starts = matches!(tk.upos(k), Some("DET" | "PRON")) && !matches!(tk.lw(k), "that");
                let verb_after = (k + 1..sent.end.min(k + 8)).any(|x| matches!(tk.upos(x), Some("VERB" | "AUX")));
                if subject_starts && verb_after {
                    a = k;
                }
            }
        }
    }
    a = skip_adjuncts(tk, a, sent.end);
    // "denied (US) claims that CLAUSE": the clause is what is denied, and
    // the noun cue needs no statement of its own unless it names its source
    // ("accusations by the Clinton campaign that …": an assert by them).
    if let Some(n) = (a..sent.end.min(a + 8)).find(|&k| NOUN_CUES.contains(&tk.lw(k))) {
        if let Some(t) = (n + 1..sent.end.min(n + 9)).find(|&k| tk.lw(k) == "that") {
            let np_word = |k: usize| {
                tk.is_cap(k)
                    || DETERMINERS.contains(&tk.lw(k))
                    || SPEAKER_NOUNS.contains(&tk.lw(k))
                    || matches!(tk.lw(k), "'s" | "’s")
            };
            // ("rejected as “absurd” claims that …": the evaluation comes
            // first, then what is rejected.)
            // (The claims may be named by their channel: "dismissed as
            // “baseless” social media claims that …".)
            let eval_end = (a + 1..n)
                .find(|&k| !(tk.is_quote(k) || matches!(tk.upos(k), Some("ADJ" | "ADV"))))
                .unwrap_or(n);
            let evaluated = tk.lw(a) == "as"
                && n > a + 1
                && (eval_end..n).all(|k| matches!(tk.upos(k), Some("NOUN" | "PROPN" | "ADJ")))
                && (eval_end == n || (a + 1..eval_end).any(|k| tk.is_quote(k)))
                && (a + 1..eval_end).any(|k| tk.upos(k) == Some("ADJ"));
            // ("dismissed as “absolute fake news” a report …": a quoted
            // evaluation, whatever its words, then the thing dismissed.)
            let quoted_eval = tk.lw(a) == "as"
                && a + 1 < n
                && tk.is_quote(a + 1)
                && (a + 2..n).find(|&k| tk.is_quote(k)).is_some_and(|close| {
                    close > a + 2
                        && (close + 1..n).all(|k| matches!(tk.upos(k), Some("DET" | "ADJ" | "NOUN" | "PROPN")))
                });
            let only_np = evaluated || quoted_eval || (a..n).all(np_word);
            // ("a report on a Telegram channel that …": where it ran)
            let channel = |k: usize| {
                matches!(tk.lw(k), "on" | "in")
                    && (k + 1..t).any(|x| crate::speakers::is_media_word(tk.lw(x)) || tk.is_cap(x))
            };
            let np_after = (n + 1..t).all(|k| {
                np_word(k)
                    || matches!(tk.lw(k), "from" | "by" | "of")
                    || channel(k)
                    || (k > n + 1 && crate::speakers::is_media_word(tk.lw(k)))
            });
            // ("the report that contains the claims was a hoax": a verb
            // right after "that" makes it a relative pronoun, not a
            // complementizer)
            let relative = t + 1 < sent.end && matches!(tk.upos(t + 1), Some("VERB" | "AUX"));
            if only_np && np_after && !relative {
                // Only an explicit agent ("accusations by the Clinton
                // campaign that …") makes the claim a statement of its own;
                // "US claims", "allegations from Washington" only frame it.
                let source = if n + 2 < t && tk.lw(n + 1) == "by" {
                    Some((n + 2, t))
                } else {
                    None
                };
                let source = source.map(|(x, y)| {
                    let y = if y > x && matches!(tk.lw(y - 1), "'s" | "’s") {
                        y - 1
                    } else {
                        y
                    };
                    (x, y)
                });
                // "… that CLAUSE as “absurd”": the cue's speaker said the
                // evaluation; the clause is the accusers'.
                let as_eval = (t + 1..sent.end.saturating_sub(1)).find_map(|x| {
                    (tk.lw(x) == "as" && tk.is_quote(x + 1) && !tk.quoted[x])
                        .then(|| quote_opening_at(tk, x + 1).map(|qi| (x, qi)))
                        .flatten()
                });
                if let Some(src) = source.filter(|(x, y)| y > x) {
                    let b = as_eval.map_or_else(|| cut_content(tk, t + 1, sent.end), |(x, _)| x);
                    if let Some((ca, cb)) = trim_content(tk, t + 1, b) {
                        extra.push(Found {
                            content: tk.span(ca, cb),
                            kind: kind_of(tk, quotes, ca, cb),
                            speaker: Some(src),
                            speaker_fallback: None,
                            same_speaker_as: None,
                            antecedent: None,
                            cue: Some(tk.span(n, n + 1)),
                            cue_stance: None,
                        });
                    }
                }
                if let (Some((_, qi)), true) = (as_eval, source.is_some()) {
                    used_quotes[qi] = true;
                    return stmt(quotes[qi].inner, StatementKind::Mixed);
                }
                a = t + 1;
            }
        }
    }
    while a < sent.end && matches!(tk.lw(a), "," | ":" | "that") {
        a += 1;
    }
    // "said in a statement, pointing out that …" / "…, the military said,
    // adding …": the participle carries its own statement; this cue's
    // content, if any, is on its left.
    // (", citing intelligence officials", ", quoting a source": the
    // channel of the report on the left.)
    let participle_next = a < sent.end
        && a > cue.end
        && tk.lw(a).ends_with("ing")
        && (Lexicon::get().verb(tk.lw(a)).is_some() || matches!(tk.lw(a), "citing" | "quoting"));
    // An inverted cue ("…, said the U.N. panel's report, which …") has its
    // content on the left.
    // "…, the ministry said Sunday, according to Russia Today": the trailing
    // "according to" names the channel, not a content.
    let channel_next = a + 1 < sent.end && tk.lw(a) == "according" && tk.lw(a + 1) == "to";
    // "…, a charge the group has dismissed as “propaganda.”": a verdict
    // after "as", in a relative clause whose object is a charge, leaves the
    // right side without a content of its own.
    let charge_relative = speaker.is_some_and(|(a0, b0)| {
        a0 > sent.start + 1 && tk.lw(a0 - 1) == "," && charge_np_len(tk, a0).is_some_and(|n| b0 > a0 + n)
    });
    let as_verdict = charge_relative
        && cue.end + 1 < sent.end
        && tk.lw(cue.end) == "as"
        && (cue.end + 1..sent.end).all(|k| !matches!(tk.upos(k), Some("VERB" | "AUX")) && tk.lw(k) != "that");
    let right_empty = inverted
        || participle_next
        || channel_next
        || as_verdict
        || a >= sent.end
        || (a..sent.end).all(|k| !tk.is_word(k) && !tk.is_quote(k));
    // `“…,” Peskov told reporters, as he denied …`: the quote before the
    // speaker is the statement; what follows the comma is another clause.
    let sp_first = if inverted {
        cue.start
    } else {
        speaker.map_or(cue.start, |s| s.0)
    };
    let mut q = sp_first;
    while q > sent.start && matches!(tk.lw(q - 1), "," | "—" | "–") {
        q -= 1;
    }
    // `“…,” the airline’s head of safety, Victor Lindqvist, told reporters`:
    // the speaker's description runs back to the quote.
    if q > sent.start && !tk.is_quote(q - 1) {
        let back = (sent.start..q)
            .rev()
            .take(12)
            .find(|&k| tk.is_quote(k) && quote_closing_at(tk, k).is_some());
        if let Some(k) = back {
            let qi = quote_closing_at(tk, k).unwrap_or(0);
            let inner = tk.doc.slice(quotes[qi].inner);
            // A quoted sentence handed over to its speaker ends in
            // punctuation and is followed by the speaker, not a preposition.
            let handed_over = inner.contains(' ') && inner.ends_with([',', '.', '?', '!']);
            let clean = (k + 1..q).all(|x| {
                tk.is_cap(x)
                    || DETERMINERS.contains(&tk.lw(x))
                    || matches!(tk.lw(x), "," | "'s" | "’s" | "of" | "-")
                    || Lexicon::get().verb(tk.lw(x)).is_none()
            }) && !matches!(
                tk.lw(k + 1),
                "on" | "in" | "at" | "by" | "from" | "for" | "with" | "about"
            );
            if clean && handed_over {
                q = k + 1;
            }
        }
    }
    // (`The "History" section of the site explains`: a quoted title after
    // a determiner belongs to the subject, it is not a quotation.)
    let quote_before = (q > sent.start && tk.is_quote(q - 1))
        .then(|| quote_closing_at(tk, q - 1))
        .flatten()
        .filter(|&qi| {
            let open = token_at_or_after(tk, quotes[qi].open);
            // (`The allegations are “absurd”, Peskov told reporters`: the
            // quoted word ends a clause of the sentence's own, and that
            // clause is the content, a mixed quotation.)
            // (`The army's allegations “are pure lies,” said …`: the quotation
            // opens with the clause's verb.)
            let verb_opens = open + 1 < sent.end
                && !tk.is_cap(open + 1)
                && matches!(tk.upos(open + 1), Some("VERB" | "AUX"))
                && (sent.start..open).any(|k| tk.is_tagged_noun(k));
            let in_clause = open > sent.start + 1
                && tk.lw(open - 1) != ":"
                && ((sent.start..open).any(|k| matches!(tk.upos(k), Some("VERB" | "AUX")) && !tk.quoted[k])
                    || verb_opens)
                && (sent.start..open).all(|k| {
                    // (an opinion verb is the clause's own: "The Kremlin
                    // considers the rumours to be “empty noise,” Peskov said")
                    Lexicon::get().verb(tk.lw(k)).is_none_or(|(lemma, _)| {
                        matches!(lemma, "consider" | "regard" | "deem" | "view" | "see" | "find")
                    }) || tk.upos(k) != Some("VERB")
                        // ("the alleged poisoning": a modifier, no verb)
                        || tk.deprel(k) == Some("amod")
                });
            !(in_clause || open > sent.start && DETERMINERS.contains(&tk.lw(open - 1)))
        })
        // (`"…," a claim Ukraine and its allies reject`: the quotation is
        // the object of a relative clause, read below.)
        .filter(|_| speaker.is_none_or(|(a0, b0)| charge_np_len(tk, a0).is_none_or(|n| b0 <= a0 + n)));
    // (A participle with words of its own after it reports those:
    // `said, “…,” adding that …` — the quotation is the verb's.)
    let own_right = cue.kind == CueKind::Participle && !right_empty && a < sent.end;
    // (a "that" after the cue, already passed, opens its own content:
    // `“…,” the ministry told Interfax and declared that …`)
    let that_next = (cue.end..a).any(|k| tk.lw(k) == "that" && tk.xpos(k) == Some("IN"));
    if (right_empty || a >= sent.end || (tk.lw(a) != "that" && !that_next)) && !own_right {
        if let Some(qi) = quote_before {
            used_quotes[qi] = true;
            return stmt(quotes[qi].inner, StatementKind::Direct);
        }
    }
    // M: reported content does not open with a preposition ("suspects of …").
    // (A quantity does: "said at least 500 people were killed", "says about
    // 40 ships …".)
    let after_that = (cue.end..a).any(|k| tk.lw(k) == "that");
    let quantity = a + 1 < sent.end
        && matches!(
            tk.lw(cue.start),
            "said" | "says" | "say" | "told" | "tells" | "reported" | "reports" | "estimated" | "estimates"
        )
        && ((tk.lw(a) == "at" && matches!(tk.lw(a + 1), "least" | "most"))
            || (matches!(tk.lw(a), "about" | "over" | "under") && tk.shape(a + 1) == TokenShape::Number));
    // ("Russia claimed to have shot down two drones": a claim of one's own
    // deed, an infinitive.)
    let claimed_to = a == cue.end
        && a + 1 < sent.end
        && tk.lw(a) == "to"
        && matches!(tk.lw(cue.start), "claimed" | "claims" | "claim" | "claiming")
        && (matches!(tk.lw(a + 1), "have" | "be") || tk.xpos(a + 1) == Some("VB"));
    if !right_empty
        && !after_that
        && !quantity
        && !claimed_to
        && matches!(
            tk.lw(a),
            "of" | "in"
                | "on"
                | "at"
                | "for"
                | "with"
                | "to"
                | "from"
                | "by"
                | "about"
                | "against"
                | "according"
                | "into"
                | "and"
                | "but"
                | "or"
        )
    {
        return None;
    }
    // N: cues that report only with a clause ("maintained that …").
    let lemma_needs_that = matches!(
        tk.lw(cue.start),
        "maintain"
            | "maintains"
            | "maintained"
            | "maintaining"
            | "suspect"
            | "suspects"
            | "suspected"
            | "hold"
            | "holds"
            | "held"
    );
    if lemma_needs_that && !(a > cue.end && tk.lw(a - 1) == "that") {
        return None;
    }
    // "officials have not said why …", "did not explain how …": what the
    // source left unsaid is no statement.
    let negated =
        (cue.start.saturating_sub(3).max(sent.start)..cue.start).any(|k| matches!(tk.lw(k), "not" | "n't" | "never"));
    if !right_empty
        && negated
        && matches!(
            tk.lw(a),
            "why" | "how" | "whether" | "when" | "where" | "what" | "who" | "if"
        )
    {
        return None;
    }
    // "the Church denied these allegations:¶She certainly wasn't 'forced'
    // to be there.": a sentence ending in a colon hands over to the next
    // paragraph, unquoted as some outlets set a block quotation; its first
    // sentence is the content.
    if let Some(next) = colon_block(tk, cue, a, sent.clone()) {
        return stmt(next, StatementKind::Indirect);
    }
    if !right_empty {
        // Right complement: a quote opening right here is a direct quote.
        if tk.is_quote(a) {
            if let Some(qi) = quote_opening_at(tk, a) {
                let q = quotes[qi];
                let q_end_tok = token_at_or_after(tk, q.outer_end(tk.doc.text()));
                let rest_empty = (q_end_tok..sent.end).all(|k| !tk.is_word(k));
                if rest_empty || q.inner.end > tk.doc.sentences[tk.sent_of[sent.start]].span.end {
                    used_quotes[qi] = true;
                    return stmt(q.inner, StatementKind::Direct);
                }
            }
        }
        let mut b = cut_content(tk, a, sent.end);
        // "Though North Korea is denying involvement, it is …": a cue in a
        // fronted subordinate clause reports up to the clause's comma.
        let subordinate =
            matches!(
                tk.lw(sent.start),
                "though" | "although" | "while" | "whereas" | "because" | "since"
            ) || (tk.lw(sent.start) == "even" && sent.start + 1 < sent.end && tk.lw(sent.start + 1) == "though");
        let unquoted_comma = (sent.start..cue.start).all(|k| tk.lw(k) != ",");
        if relative || (subordinate && unquoted_comma && !tk.quoted[a]) {
            b = (a..b).find(|&k| tk.lw(k) == "," && !tk.quoted[k]).unwrap_or(b);
        }
        let (a, mut b) = trim_content(tk, a, b)?;
        // "denied the allegations in a statement issued by its embassy": the
        // channel and what follows it belong to the denial.
        if !tk.quoted[a] {
            // ("on his official Twitter (X) handle", "on its Telegram channel")
            let channel = (a + 1..b.saturating_sub(2)).find(|&k| {
                (tk.lw(k) == "in"
                    && matches!(tk.lw(k + 1), "a" | "an" | "its" | "his" | "her" | "their")
                    && matches!(
                        tk.lw(k + 2),
                        "statement" | "interview" | "post" | "tweet" | "briefing" | "letter" | "communique"
                    ))
                    || (tk.lw(k) == "on"
                        && matches!(tk.lw(k + 1), "its" | "his" | "her" | "their")
                        && (k + 2..b.min(k + 8)).any(|x| {
                            matches!(tk.lw(x), "account" | "handle" | "page" | "channel" | "website" | "feed")
                        }))
            });
            if let Some(k) =
                channel.filter(|&k| (a..k).all(|x| !matches!(tk.upos(x), Some("VERB" | "AUX")) && !tk.is_quote(x)))
            {
                b = k;
            }
        }
        // "denied the allegations on Monday": a noun phrase's trailing time
        // or channel adjunct belongs to the denial, not to what is denied.
        if !tk.quoted[a] && !(a..b).any(|k| matches!(tk.upos(k), Some("VERB" | "AUX")) || tk.is_quote(k)) {
            b = nominal_content_end(tk, a, b);
        }
        // `wrote, “…,” according to Barron's.`: the channel after the
        // quotation is no part of it.
        // (`“…,” according to` or `“…”, according to`)
        if let Some(k) = (a + 2..b.saturating_sub(1)).find(|&k| {
            tk.lw(k) == "according"
                && tk.lw(k + 1) == "to"
                && !tk.quoted[k]
                && (tk.is_quote(k - 1) || (tk.lw(k - 1) == "," && tk.is_quote(k - 2)))
        }) {
            b = if tk.lw(k - 1) == "," { k - 1 } else { k };
        }
        // "the house, which he says was a bargain": a relative clause's gap;
        // a content opening with a finite verb has no subject of its own.
        if relative_gap(tk, a, cue.start, sent.start) {
            return None;
        }
        // Exactly one quotation once the participle is cut off (`said, “…,”
        // adding …`): a direct statement of its words.
        if let (Some(qi), Some(qj)) = (quote_opening_at(tk, a), quote_closing_at(tk, b - 1)) {
            if qi == qj && !used_quotes[qi] {
                used_quotes[qi] = true;
                return stmt(quotes[qi].inner, StatementKind::Direct);
            }
        }
        // Nested in a quotation: the content ends before its closing mark.
        let nested = tk.quoted[a];
        if nested {
            // ... and never runs on past it into the narrative that follows.
            b = (a..b).find(|&k| !tk.quoted[k]).unwrap_or(b);
            while b > a + 1 && (tk.is_quote(b - 1) || matches!(tk.lw(b - 1), "." | "," | ";")) {
                b -= 1;
            }
        }
        let content = if nested {
            tk.span(a, b)
        } else {
            extend_over_quote(tk, quotes, used_quotes, tk.span(a, b))
        };
        // Reported inside someone's quotation: indirect speech of the inner source.
        let kind = if nested {
            StatementKind::Indirect
        } else {
            kind_of_span(tk, quotes, content)
        };
        // "…, adding the words "and Rescue" to it": a participle reports
        // speech only with a clause (tagged documents).
        // (Only clause-taking cues: "describing the claims as “absurd”" is
        // speech without a verb.)
        let tagged = tk.upos(a).is_some();
        let clause_cue = matches!(
            tk.lw(cue.start),
            "adding" | "saying" | "stating" | "noting" | "insisting" | "claiming" | "arguing"
        );
        // "Dvořák wrote his Dumky Trio", "Holt posted a .348 batting
        // average": creating or publishing a thing is no statement without a
        // clause or a quotation.
        let creation = matches!(
            tk.lw(cue.start),
            "wrote"
                | "write"
                | "writes"
                | "written"
                | "writing"
                | "posted"
                | "post"
                | "posts"
                | "published"
                | "publishes"
        );
        // (By the parse: the cue has a direct object and no clausal complement.)
        let dependents = |rel: &str| {
            sent.clone()
                .any(|k| tk.head(k) as usize == cue.start && tk.deprel(k) == Some(rel))
        };
        // (A "that" the tagger calls a complementizer opens a clause, however
        // the parse attached it: "wrote that the allegations reflected …".)
        let complementizer = cue.end < sent.end
            && tk.lw(cue.end) == "that"
            && tk.upos(cue.end) == Some("SCONJ")
            && cue.end + 2 < sent.end;
        if creation
            && kind == StatementKind::Indirect
            && tagged
            && dependents("obj")
            && !dependents("ccomp")
            && !complementizer
        {
            return None;
        }
        // "SNY called me The Poet": naming someone, not an evaluation
        // ("called it a lie" stays a statement).
        // Nor is phoning ("called them and …", "called because …") or a
        // bare name ("a programme called Euro-NATO Joint Jet Pilot Training").
        // ("We will brand him with a libel iron": branding labels only with
        // "as", a quotation or an adjective; a mark burnt in is no words.)
        let brand = matches!(
            tk.lw(cue.start),
            "brand"
                | "brands"
                | "branded"
                | "branding"
                | "label"
                | "labels"
                | "labelled"
                | "labeled"
                | "labelling"
                | "term"
                | "terms"
                | "termed"
                | "terming"
        );
        if brand && !((a..b).any(|k| tk.lw(k) == "as" || tk.is_quote(k)) || tk.upos(b - 1) == Some("ADJ")) {
            return None;
        }
        let call = matches!(tk.lw(cue.start), "called" | "calls" | "call") && kind == StatementKind::Indirect;
        let naming_call = call
            && ((matches!(tk.lw(a), "me" | "it" | "him" | "her" | "them" | "us" | "you")
                && (b == a + 1 || tk.is_cap(a + 1) || matches!(tk.lw(a + 1), "and" | "," | "but" | "back")))
                || matches!(tk.upos(a), Some("CCONJ" | "SCONJ"))
                || matches!(tk.lw(a), "and" | "because" | "but" | "or")
                || (a..b).all(|k| tk.is_cap(k) || !tk.is_word(k)));
        if naming_call {
            return None;
        }
        // "donating now adds a tremendous value", "doesn't believe the
        // Iranian Government": adding or believing a thing is no speech
        // without a clause (tagged documents).
        if matches!(
            tk.lw(cue.start),
            "add" | "adds" | "added" | "believe" | "believes" | "believed" | "believing"
        ) && kind == StatementKind::Indirect
            && tagged
            && !(a..b).any(|k| !tk.quoted[k] && matches!(tk.upos(k), Some("VERB" | "AUX")))
        {
            return None;
        }
        // "The government has not confirmed the reports": a negated
        // confirmation of a thing reports nothing (with a clause it does).
        let negated = (sent.start.max(cue.start.saturating_sub(3))..cue.start)
            .any(|k| matches!(tk.lw(k), "not" | "n't" | "never" | "yet"));
        if negated
            && kind == StatementKind::Indirect
            && tagged
            && matches!(
                tk.lw(cue.start),
                "confirm"
                    | "confirmed"
                    | "confirms"
                    | "deny"
                    | "denied"
                    | "denies"
                    | "disclose"
                    | "disclosed"
                    | "specify"
                    | "specified"
                    | "reveal"
                    | "revealed"
                    | "mention"
                    | "mentioned"
                    | "mentions"
            )
            && !(a..b).any(|k| !tk.quoted[k] && matches!(tk.upos(k), Some("VERB" | "AUX")))
        {
            return None;
        }
        // "as I have described above": a pointer to other text, no content.
        if kind == StatementKind::Indirect && matches!(tk.lw(a), "above" | "below" | "elsewhere") {
            return None;
        }
        // "we didn't charge them for the evacuation": billing, not accusing
        // ("charged him with fraud" accuses).
        if tk.lw(cue.start).starts_with("charg")
            && kind == StatementKind::Indirect
            && a + 1 < b
            && matches!(tk.lw(a), "them" | "him" | "her" | "us" | "me" | "you" | "it")
            && tk.lw(a + 1) == "for"
        {
            return None;
        }
        // (A "that" says a clause follows, its verb maybe quoted: `adding
        // that the territory "has never been used"`.)
        if cue.kind == CueKind::Participle
            && clause_cue
            && kind != StatementKind::Direct
            && tagged
            && !after_that
            && !(a..b).any(|k| !tk.quoted[k] && matches!(tk.upos(k), Some("VERB" | "AUX")))
        {
            return None;
        }
        return stmt(content, kind);
    }
    // Sentence ends with "X posted:" and the next paragraph is a quote.
    if a > cue.end && tk.lw(a - 1) == ":" || (cue.end < sent.end && tk.lw(sent.end - 1) == ":") {
        let after = tk.doc.tokens[sent.end - 1].span.end as usize;
        if let Some(qi) = quotes
            .iter()
            .position(|q| q.open >= after && tk.doc.text()[after..q.open].trim().is_empty())
        {
            used_quotes[qi] = true;
            return stmt(quotes[qi].inner, StatementKind::Direct);
        }
    }
    // Left complement: `“…,” he said.` or `CLAUSE, X said.`
    let sp_start = if inverted {
        cue.start
    } else {
        speaker.map_or(cue.start, |s| s.0)
    };
    let mut k = sp_start;
    // "…, which Moscow denies", "…, a charge the government denies": a
    // relative clause whose object is what the sentence said before it.
    // (The left scan may have taken "a charge" into the speaker.)
    let charge_word = |x: usize| is_charge_word(tk.lw(x));
    let mut rel_speaker = speaker;
    let relative_object = match speaker {
        Some((a0, b0)) if right_empty && !inverted && a0 > sent.start + 1 => {
            if let Some(n) = charge_np_len(tk, a0).filter(|&n| b0 > a0 + n) {
                let from = if tk.lw(a0 + n) == "that" { a0 + n + 1 } else { a0 + n };
                rel_speaker = (from < b0).then_some((from, b0));
                Some(a0)
            } else {
                let mut r = a0;
                if tk.lw(r - 1) == "that" {
                    r -= 1;
                }
                if tk.lw(r - 1) == "which" {
                    Some(r - 1)
                } else if r > sent.start + 2 && charge_word(r - 1) && matches!(tk.lw(r - 2), "a" | "an" | "the") {
                    Some(r - 2)
                } else if r > sent.start + 1 && charge_np_len(tk, r - 1) == Some(1) {
                    // "…, claims the planemaker strongly rejected"
                    Some(r - 1)
                } else {
                    None
                }
            }
        }
        _ => None,
    };
    // (The comma may sit inside a quotation's closing mark: `"…," a claim`.)
    let comma_before =
        |r: usize| tk.lw(r - 1) == "," || (r > sent.start + 1 && tk.is_quote(r - 1) && tk.lw(r - 2) == ",");
    if let Some(r) = relative_object.filter(|&r| r > sent.start && comma_before(r) && rel_speaker.is_some()) {
        // the words of the attribution found before it, else the clause
        let content = match earlier_in_sentence.last() {
            Some(f) => f.content,
            None => {
                let (a, b) = trim_content(tk, sent.start, r - 1)?;
                tk.span(a, b)
            }
        };
        return Some(Found {
            content,
            kind: kind_of_span(tk, quotes, content),
            speaker: rel_speaker,
            speaker_fallback: None,
            same_speaker_as: None,
            antecedent: None,
            cue: Some(cue_span),
            cue_stance: cue.stance,
        });
    }
    while k > sent.start && matches!(tk.lw(k - 1), "," | "—" | "–") {
        k -= 1;
    }
    // `Reports that the minister was ill are fake news, the spokeswoman
    // said`: a noun cue opening the sentence is its subject, so the
    // statement found before is inside this one, not its attribution.
    let subject_claim = |f: &Found| {
        f.cue.is_some_and(|c| {
            let t = token_at_or_after(tk, c.start as usize);
            t < k
                && tk.is_tagged_noun(t)
                && (sent.start..t).all(|x| matches!(tk.upos(x), Some("DET" | "ADJ" | "NUM")))
                && f.content.end <= tk.doc.tokens[k.saturating_sub(1)].span.end
        })
    };
    let earlier_in_sentence: &[Found] = if earlier_in_sentence.iter().all(subject_claim) {
        &[]
    } else {
        earlier_in_sentence
    };
    // `The reports are “utter nonsense,” Zakharova said`: a comma inside
    // the closing mark of a quotation the clause opened before it.
    if k == sp_start && k > sent.start + 2 && tk.is_quote(k - 1) && tk.lw(k - 2) == "," {
        let mixed = quote_closing_at(tk, k - 1).is_some_and(|qi| token_at_or_after(tk, quotes[qi].open) > sent.start);
        if mixed && earlier_in_sentence.is_empty() {
            // (the closing mark and its comma stay in the content)
            let (a, b) = trim_content(tk, sent.start, k)?;
            let content = tk.span(a, b);
            return stmt(content, kind_of_span(tk, quotes, content));
        }
    }
    // `Quoted words,” the ministry said`: a closing mark whose opening mark
    // the paragraph left out; the sentence up to it is the quotation.
    if k == sp_start && k > sent.start + 1 && tk.is_quote(k - 1) && quote_closing_at(tk, k - 1).is_none() {
        let close = tk.text(k - 1);
        // Quote marks before it must all belong to paired quotations.
        let orphan = matches!(close, "”" | "\"")
            && (sent.start..k - 1)
                .filter(|&x| tk.is_quote(x))
                .all(|x| quote_opening_at(tk, x).is_some() || quote_closing_at(tk, x).is_some());
        if orphan {
            let (a, b) = trim_content(tk, sent.start, k - 1)?;
            return stmt(tk.span(a, b), StatementKind::Direct);
        }
    }
    if k < sp_start && k > sent.start {
        if !earlier_in_sentence.is_empty() {
            return None; // the channel of an attribution already found
        }
        let (a, b) = trim_content(tk, sent.start, k)?;
        let content = tk.span(a, b);
        return stmt(content, kind_of_span(tk, quotes, content));
    }
    None
}

/// A noun naming what someone claimed ("a charge the government denies").
fn is_charge_word(w: &str) -> bool {
    matches!(
        w,
        "charge" | "claim" | "claims" | "accusation" | "accusations" | "allegation" | "allegations"
    )
}

/// "a claim", "the accusations", "claims" at `a`: the object of a
/// relative clause when a subject and a cue follow; its length in tokens.
fn charge_np_len(tk: &Toks, a: usize) -> Option<usize> {
    if matches!(tk.lw(a), "a" | "an" | "the") && is_charge_word(tk.lw(a + 1)) {
        Some(2)
    } else if matches!(tk.lw(a), "claims" | "allegations" | "accusations" | "charges") {
        Some(1)
    } else {
        None
    }
}

/// A month's name, written out or abbreviated ("Oct.").
fn is_month_word(w: &str) -> bool {
    crate::MONTH_NAMES.contains(&w) || matches!(w, "jan." | "feb." | "aug." | "sept." | "oct." | "nov." | "dec.")
}

/// The end of a noun-phrase content before its trailing time and channel
/// adjuncts: "the allegations [on Monday]", "any wrongdoing [last week]",
/// "the report [in a statement on Friday]", "the claims [yesterday]".
fn nominal_content_end(tk: &Toks, a: usize, mut b: usize) -> usize {
    let w = |k: usize| tk.lw(k);
    let day_like = |k: usize| is_day_word(w(k)) || is_month_word(w(k));
    loop {
        let one = b > a + 1 && matches!(w(b - 1), "yesterday" | "today" | "tonight" | "earlier" | "again");
        let two = b > a + 2
            && ((matches!(w(b - 2), "last" | "this" | "next")
                && matches!(
                    w(b - 1),
                    "week" | "month" | "year" | "night" | "weekend" | "morning" | "evening"
                ))
                || (matches!(w(b - 2), "on" | "late" | "early") && day_like(b - 1)));
        let three = b > a + 3
            && ((matches!(w(b - 3), "on" | "in") && is_month_word(w(b - 2)) && tk.shape(b - 1) == TokenShape::Number)
                || (w(b - 3) == "in"
                    && matches!(w(b - 2), "a" | "an")
                    && matches!(
                        w(b - 1),
                        "statement" | "interview" | "post" | "tweet" | "briefing" | "letter"
                    )));
        let cut = if one {
            1
        } else if two {
            2
        } else if three {
            3
        } else {
            return b;
        };
        b -= cut;
        while b > a + 1 && w(b - 1) == "," {
            b -= 1;
        }
    }
}

/// "A claim that Ukraine sold weapons to Hamas has spread widely …",
/// "Rumours that the tender had been rigged circulated …": a noun cue that
/// opens the sentence is the subject of the sentence's own predicate, which
/// is not part of the claim. The content `a..b` ends before that predicate:
/// where the parse attaches a word to the verb the noun is the subject of,
/// else at a second verb right after the clause's participle.
fn subject_claim_end(tk: &Toks, cue: &Cue, a: usize, b: usize, s_start: usize) -> usize {
    let opens = (s_start..cue.start).all(|k| matches!(tk.upos(k), Some("DET" | "ADJ" | "NUM")));
    if !opens || a + 2 >= b {
        return b;
    }
    // (the clause's own verb comes first: not before "that" and its subject)
    let Some(first_verb) = (a + 1..b).find(|&k| matches!(tk.upos(k), Some("VERB" | "AUX"))) else {
        return b;
    };
    let h = tk.head(cue.start) as usize;
    let lex = Lexicon::get();
    // (not a reporting verb after the quotation: `Reports that … are “…,”
    // the spokeswoman said` is the spokeswoman's, whatever the parse)
    if h != claimgraph_doc::NO_HEAD as usize
        && h > first_verb
        && h < b
        && matches!(tk.deprel(cue.start), Some("nsubj" | "nsubj:pass"))
        && !(lex.verb(tk.lw(h)).is_some() && (first_verb..h).any(|k| tk.is_quote(k)))
    {
        // (its auxiliaries and adverbs before it go with it: "has spread")
        let first = (first_verb + 1..=h)
            .find(|&k| {
                k == h || tk.head(k) as usize == h && matches!(tk.deprel(k), Some("aux" | "aux:pass" | "advmod"))
            })
            .unwrap_or(h);
        return first;
    }
    // Else: a participle's second verb ("rigged circulated"), or a finite
    // verb after the clause's own with nothing to join them ("Putin was ill
    // have been denied"; not over a reporting verb, whose clause may follow
    // without "that").
    for k in first_verb + 1..b {
        let w = tk.lw(k);
        if matches!(
            w,
            "," | "and"
                | "but"
                | "or"
                | "that"
                | "which"
                | "who"
                | "because"
                | "when"
                | "if"
                | "while"
                | "as"
                | "since"
        ) || lex.verb(w).is_some()
            || tk.is_quote(k)
        {
            return b;
        }
        let finite = matches!(tk.xpos(k), Some("VBD" | "VBZ" | "VBP" | "MD"));
        // ("Reports that the minister had been hospitalized are …": a
        // finite verb right after the clause's participle)
        let after_participle = matches!(tk.xpos(k), Some("VBD" | "VBN" | "VBP" | "VBZ"))
            && matches!(tk.xpos(k - 1), Some("VBN" | "VBD"))
            && tk.upos(k - 1) == Some("VERB");
        // (the clause's subject must be complete: a noun or pronoun since
        // its first verb)
        let object_between = (first_verb + 1..k).any(|x| matches!(tk.upos(x), Some("NOUN" | "PROPN" | "PRON" | "ADJ")));
        if after_participle || (finite && object_between) {
            return k;
        }
    }
    b
}

/// Nouns for what is posted or who posts on a platform ("posts on X",
/// "users on Telegram").
pub(crate) fn is_post_noun(w: &str) -> bool {
    matches!(
        w,
        "posts" | "post" | "users" | "accounts" | "messages" | "videos" | "bloggers" | "commentators" | "influencers"
    )
}

/// "hoon" in "Park Ji-hoon", "ih" in "Hou Yu-ih": a lowercase piece glued
/// by a hyphen to a capitalised one is part of the name (`k` ≥ 2).
fn glued_name_piece(tk: &Toks, k: usize) -> bool {
    tk.lw(k - 1) == "-"
        && tk.is_cap(k - 2)
        && tk.doc.tokens[k].span.start == tk.doc.tokens[k - 1].span.end
        && tk.doc.tokens[k - 1].span.start == tk.doc.tokens[k - 2].span.end
}

/// Skips time and channel adjuncts after a cue: "said Friday", "said on
/// Sunday", "told reporters on July 27", "said in a statement (on X)",
/// "wrote on Telegram", "said in an exclusive interview".
fn skip_adjuncts(tk: &Toks, mut a: usize, end: usize) -> usize {
    loop {
        let start = a;
        // "said on condition of anonymity", "…, speaking on condition of
        // anonymity": how the source spoke, not what it said.
        if let Some(n) = anonymity_adjunct(tk, a, end) {
            a += n;
        }
        if a < end && is_day_word(tk.lw(a)) {
            a += 1;
            // ("reported Thursday morning that …")
            if a < end && matches!(tk.lw(a), "morning" | "afternoon" | "evening" | "night") {
                a += 1;
            }
        }
        // "reported earlier, citing …, that": "earlier" on its own before
        // a comma or "that" (not "said earlier reports were wrong")
        if a + 1 < end && tk.lw(a) == "earlier" && matches!(tk.lw(a + 1), "," | "that") {
            a += 1;
        }
        // "said at the time that", "said last year that", "said earlier
        // this week that"
        for p in [
            &["at", "the", "time"][..],
            &["last", "year"],
            &["last", "week"],
            &["last", "month"],
            &["this", "week"],
            &["earlier", "this", "week"],
            &["earlier", "this", "month"],
            &["earlier", "this", "year"],
            &["earlier", "in", "the", "day"],
            // ("said early on Tuesday the military …": the day follows)
            &["early", "on"],
            &["late", "on"],
            &["later", "in", "the", "day"],
            &["earlier", "today"],
            &["earlier", "on"],
        ] {
            if a + p.len() < end && p.iter().enumerate().all(|(x, w)| tk.lw(a + x) == *w) {
                a += p.len();
            }
        }
        // ("said in August that"; not "says in Thursday's edition of …")
        let in_month =
            a + 2 < end && tk.lw(a) == "in" && is_month_word(tk.lw(a + 1)) && !matches!(tk.lw(a + 2), "'s" | "’s");
        if a + 1 < end
            && (matches!(tk.lw(a), "on" | "late" | "early" | "last" | "this") || in_month)
            && (is_day_word(tk.lw(a + 1)) || is_month_word(tk.lw(a + 1)))
        {
            a += 2;
            while a < end && (tk.shape(a) == TokenShape::Number || is_month_word(tk.lw(a))) {
                a += 1;
            }
        }
        if a + 1 < end && matches!(tk.lw(a), "in" | "on" | "at" | "via" | "through" | "using" | "during") {
            // "in a statement", "in an exclusive interview", "on Telegram",
            // "at a news conference",
            // "in a post to social media", "using his @POTUS account": up
            // to the next "that", comma or end.
            let mut k = a + 1;
            // (no verb inside: "said in Moscow the sanctions would fail" is
            // a place, then the content; a longer adjunct only up to "that":
            // "stated during a joint press conference with his Armenian
            // counterpart that …")
            // ("in its latest earnings call that …": a channel noun the
            // tagger took for a verb, after a noun of the adjunct)
            let channel_noun = |x: usize| {
                x > a + 1
                    && matches!(
                        tk.lw(x),
                        "call" | "post" | "tweet" | "note" | "address" | "release" | "remarks"
                    )
                    && matches!(tk.upos(x - 1), Some("NOUN" | "ADJ" | "PROPN"))
            };
            while k < end
                && k < a + 13
                && tk.is_word(k)
                && !matches!(tk.lw(k), "that")
                && !tk.is_quote(k)
                && (!matches!(tk.xpos(k), Some("VBD" | "VBZ" | "VBP" | "MD")) || channel_noun(k))
            {
                k += 1;
            }
            if k > a + 8 && !(k < end && tk.lw(k) == "that") {
                k = a + 1;
            }
            let head_ok = (a + 1..k).any(|x| {
                matches!(
                    tk.lw(x),
                    "statement"
                        | "interview"
                        | "post"
                        | "tweet"
                        | "briefing"
                        | "speech"
                        | "message"
                        | "video"
                        | "address"
                        | "release"
                        | "conference"
                        | "account"
                        | "accounts"
                        | "handle"
                        | "page"
                        | "channel"
                        | "feed"
                        | "media"
                        | "network"
                        | "networks"
                        | "platform"
                        | "website"
                        | "blog"
                        | "podcast"
                        | "television"
                        | "radio"
                        | "letter"
                        | "op-ed"
                        | "column"
                        | "newsletter"
                        | "thread"
                        | "remarks"
                        | "comments"
                        | "call"
                        // ("state in the notice that …")
                        | "notice"
                        | "filing"
                        | "note"
                        | "editorial"
                        | "paper"
                ) || tk.is_cap(x)
            });
            if head_ok && (k >= end || matches!(tk.lw(k), "that" | "," | "." | ":") || tk.is_quote(k)) {
                a = k;
            }
        }
        // "said after the match against India in the post-match news
        // conference: “…”", "further said about the match against China:
        // “…”": adjuncts up to a colon that hands over to a quotation.
        if a < end && tk.is_word(a) && !tk.is_quote(a) {
            if let Some(c) = (a + 1..end.min(a + 16)).find(|&k| tk.lw(k) == ":") {
                let plain = (a..c).all(|k| {
                    tk.is_word(k)
                        && !tk.is_quote(k)
                        && !matches!(tk.xpos(k), Some("VBD" | "VBZ" | "VBP" | "MD"))
                        && tk.lw(k) != "that"
                });
                let prepositional = matches!(tk.upos(a), Some("ADP" | "ADV"));
                if plain && prepositional && c + 1 < end && tk.is_quote(c + 1) {
                    a = c;
                }
            }
        }
        // "explains, in a satirical fashion, that …": a short parenthetical
        // between the cue and its "that".
        if a < end && tk.lw(a) == "," {
            // (Quotation marks may stand inside it: `claimed, citing
            // "informed sources," that …`.)
            if let Some(k) = (a + 2..end.min(a + 12)).find(|&k| !tk.is_word(k) && !tk.is_quote(k)) {
                let t = if k + 1 < end && tk.is_quote(k + 1) { k + 1 } else { k };
                // ("said, if you apply all the factors, that's …": a pronoun.)
                if tk.lw(k) == "," && t + 1 < end && tk.lw(t + 1) == "that" && tk.xpos(t + 1) == Some("IN") {
                    a = t + 1;
                }
            }
        }
        // "said earlier that …", "posted online that …", "said again
        // that …": adverbs between the cue and its "that".
        {
            let mut k = a;
            while k < end && k < a + 2 && (tk.upos(k) == Some("ADV") || tk.lw(k) == "online") && tk.lw(k) != "not" {
                k += 1;
            }
            if k > a && k < end && tk.lw(k) == "that" && tk.xpos(k) == Some("IN") {
                a = k;
            }
        }
        // "replied angrily, “…”": a manner adverb before the quotation.
        if a + 1 < end
            && tk.lw(a).ends_with("ly")
            && tk.upos(a) == Some("ADV")
            && (matches!(tk.lw(a + 1), "," | ":") || tk.is_quote(a + 1))
        {
            a += 1;
        }
        if a + 1 < end && tk.lw(a) == "to" && tk.xpos(a + 1) != Some("VB") {
            // The hearer: "stated to LA Weekly that …", "said to reporters:
            // “…”" (only when "that", a colon or a quotation follows).
            let mut k = a + 1;
            while k < end && k < a + 7 && tk.is_word(k) && tk.lw(k) != "that" {
                k += 1;
            }
            // (a plain noun phrase: "pointed to reports saying that …" is no hearer)
            let plain = (a + 1..k).all(|x| !matches!(tk.upos(x), Some("VERB" | "AUX")));
            if plain && k > a + 1 && k < end && (matches!(tk.lw(k), "that" | ":") || tk.is_quote(k)) {
                a = k;
            }
        }
        if a == start {
            return a;
        }
    }
}

/// The subject of the sentence's first cue verb before `before`, for noun
/// cues like "… circulated claims that …".
fn governing_statement_subject(tk: &Toks, before: usize, s_start: usize) -> Option<(usize, usize)> {
    // (over the noun's determiner and adjectives: "repeated the false claim")
    let mut v = before.checked_sub(1)?;
    while v > s_start && (DETERMINERS.contains(&tk.lw(v)) || tk.upos(v) == Some("ADJ")) && before - v < 4 {
        v -= 1;
    }
    if v < s_start
        || !matches!(
            tk.lw(v),
            "circulated"
                | "spread"
                | "made"
                | "repeated"
                | "published"
                | "aired"
                | "voiced"
                | "raised"
                | "levelled"
                | "leveled"
                | "echoed"
        )
    {
        return None;
    }
    speaker_left(tk, v, s_start)
}

/// The NP at the start of a sentence (for participial cues with no earlier
/// statement in the sentence).
fn sentence_subject(tk: &Toks, s_start: usize, before: usize) -> Option<(usize, usize)> {
    // Past fronted adverbials: "However, on the document, it …".
    let mut s_start = s_start;
    // (and fronted time phrases: "Last week, …", "Earlier this month, …")
    while s_start < before
        && (matches!(tk.upos(s_start), Some("ADV" | "ADP" | "SCONJ" | "CCONJ"))
            || matches!(tk.lw(s_start), "last" | "earlier" | "later" | "next"))
    {
        match (s_start..before.min(s_start + 10)).find(|&k| tk.lw(k) == ",") {
            Some(c) => s_start = c + 1,
            None => return None,
        }
    }
    let mut end = s_start;
    while end < before
        && !matches!(tk.lw(end), "that" | "which" | "who")
        && (tk.is_cap(end)
            || DETERMINERS.contains(&tk.lw(end))
            || SPEAKER_NOUNS.contains(&tk.lw(end))
            // ("The notice cites …, and says …": a common noun after its
            // determiner heads the subject)
            || (end > s_start && tk.is_tagged_noun(end) && DETERMINERS.contains(&tk.lw(end - 1))))
    {
        end += 1;
    }
    // A subject needs a head: not a lone determiner ("A …").
    let headed = (s_start..end).any(|k| !DETERMINERS.contains(&tk.lw(k)));
    (end > s_start && headed).then_some((s_start, end))
}

/// Content ends where the next attribution of the sentence begins:
/// "…, saying …", "…, adding …", "… after President Obama refused …".
/// `…,” X`: the comma before `k` sits inside a quotation's closing mark.
fn comma_in_quote_at(tk: &Toks, k: usize) -> bool {
    k >= 2 && tk.is_quote(k - 1) && tk.lw(k - 2) == "," && quote_closing_at(tk, k - 1).is_some()
}

fn cut_content(tk: &Toks, a: usize, b: usize) -> usize {
    let lex = Lexicon::get();
    // (A content inside a quotation, nested in it, is cut by the same rules.)
    let nested = tk.quoted[a];
    for k in a + 1..b {
        let w = tk.lw(k);
        if tk.quoted[k] && !nested {
            continue;
        }
        // (", citing the defence ministry": the channel, not the content)
        if tk.lw(k - 1) == "," && w.ends_with("ing") && (lex.verb(w).is_some() || matches!(w, "citing" | "quoting")) {
            return k - 1;
        }
        // ("called U.S. allegations of spying groundless and urged the U.S.
        // to stop …": a noun phrase, then the source's next verb)
        if w == "and"
            && k + 1 < b
            && !nested
            && matches!(tk.xpos(k + 1), Some("VBD" | "VBZ"))
            // (any verb before it, even a gerund, keeps the content whole:
            // cutting "accused Hamas of breaking a ceasefire and renewed
            // attacks …" cost the claim linker words it links by; stop 32)
            && (a..k).all(|x| !matches!(tk.upos(x), Some("VERB" | "AUX")) && !tk.is_quote(x))
        {
            return k;
        }
        // (", misleadingly equating his case with …": the reporter's gloss
        // on what the source did)
        if tk.lw(k - 1) == ","
            && w.ends_with("ly")
            && tk.upos(k) == Some("ADV")
            && k + 1 < b
            && tk.lw(k + 1).ends_with("ing")
            && tk.upos(k + 1) == Some("VERB")
        {
            return k - 1;
        }
        // `said, “…,” adding that …`: the comma sits inside the quotation.
        if k >= a + 2
            && tk.is_quote(k - 1)
            && tk.lw(k - 2) == ","
            && w.ends_with("ing")
            && lex.verb(w).is_some()
            && quote_closing_at(tk, k - 1).is_some()
        {
            return k;
        }
        if tk.lw(k - 1) == "," && w == "according" {
            return k - 1;
        }
        // "…, reported IRNA.", "…, reported Xinhua news agency": the outlet
        // that passed it on (an inverted reporter up to the sentence's end
        // or the next comma, with a capital in it).
        if (tk.lw(k - 1) == "," || comma_in_quote_at(tk, k)) && matches!(w, "reported" | "reports") && k + 1 < b {
            let stop = (k + 1..b).find(|&x| matches!(tk.lw(x), "," | "." | ";")).unwrap_or(b);
            if stop > k + 1 && stop - k <= 6 && (k + 1..stop).any(|x| tk.is_cap(x)) {
                return if tk.lw(k - 1) == "," { k - 1 } else { k };
            }
        }
        // "…, a day after Trump claimed …", ", hours before the vote": the
        // reporter's time line, not the source's words.
        let span_word = |x: usize| {
            matches!(
                tk.lw(x),
                "day" | "days" | "hours" | "hour" | "week" | "weeks" | "month" | "months" | "minutes"
            )
        };
        if tk.lw(k - 1) == ","
            && k + 2 < b
            && ((matches!(
                w,
                "a" | "an" | "two" | "three" | "several" | "just" | "only" | "hours" | "days" | "weeks"
            ) && (span_word(k) || span_word(k + 1))
                && (k..(k + 3).min(b)).any(|x| matches!(tk.lw(x), "after" | "before")))
                || (w == "shortly" && matches!(tk.lw(k + 1), "after" | "before")))
        {
            return k - 1;
        }
        // "…, a claim that could not be verified": the reporter's comment.
        // (`"…," a claim`: the comma inside the quotation's closing mark.)
        let comma_in_quote =
            k >= a + 2 && tk.is_quote(k - 1) && tk.lw(k - 2) == "," && quote_closing_at(tk, k - 1).is_some();
        if (tk.lw(k - 1) == "," || comma_in_quote)
            && matches!(w, "a" | "an")
            && k + 1 < b
            && matches!(
                tk.lw(k + 1),
                "claim" | "charge" | "accusation" | "allegation" | "assertion"
            )
        {
            return if comma_in_quote { k } else { k - 1 };
        }
        // ("…, claims the planemaker strongly rejected": a bare plural, then
        // its rejecter and a denying cue.)
        if (tk.lw(k - 1) == "," || comma_in_quote)
            && matches!(w, "claims" | "allegations" | "accusations" | "charges")
            && (k + 2..b.min(k + 7)).any(|x| lex.verb(tk.lw(x)).is_some_and(|(_, i)| i.stance == Some(Stance::Deny)))
        {
            return if comma_in_quote { k } else { k - 1 };
        }
        // "…, but did not even mention …": the subject's next predicate.
        // (`"…," but cautioned that …`: the comma inside the quotation.)
        if (tk.lw(k - 1) == "," || comma_in_quote)
            && w == "but"
            && k + 1 < b
            && (matches!(
                tk.lw(k + 1),
                "did" | "does" | "do" | "has" | "had" | "not" | "never" | "also" | "was"
            ) || tk.upos(k + 1) == Some("VERB"))
        {
            return if comma_in_quote { k } else { k - 1 };
        }
        // "… and declined to comment further": the speaker's next
        // predicate, a refusal to say more (not part of what was said).
        if w == "and"
            && k + 2 < b
            && matches!(tk.lw(k + 1), "declined" | "refused" | "declines" | "refuses")
            && tk.lw(k + 2) == "to"
        {
            return if tk.lw(k - 1) == "," { k - 1 } else { k };
        }
        // ", and said …", "and claims that …": a coordinated second cue.
        if w == "and"
            && k + 1 < b
            && lex
                .verb(tk.lw(k + 1))
                .is_some_and(|(_, i)| !i.noun_ambiguous || tk.lw(k + 1).ends_with('s'))
            && !tk.is_cap(k + 1)
        {
            return if tk.lw(k - 1) == "," { k - 1 } else { k };
        }
        // ", and the vote comes …", ", which …", ", as the discovery …": a new clause.
        if (tk.lw(k - 1) == "," || comma_in_quote) && k + 1 < b {
            let n = tk.lw(k + 1);
            // (not a relative clause set inside the content's subject:
            // "the children, who were over six, would have …")
            let embedded_relative = || {
                (k + 2..b.min(k + 25))
                    .find(|&c| tk.lw(c) == "," && !tk.quoted[c])
                    .is_some_and(|c| {
                        c + 1 < b
                            && matches!(tk.upos(c + 1), Some("AUX" | "VERB"))
                            && matches!(tk.xpos(c + 1), Some("MD" | "VBZ" | "VBD" | "VBP"))
                    })
            };
            // (", and Rafa'a Salameh, the commander …, were the targets": a
            // name coordinated into the subject; a new clause's name has
            // its verb before any comma)
            let name_clause = || {
                tk.is_cap(k + 1)
                    && (k + 1..b.min(k + 9))
                        .take_while(|&x| tk.lw(x) != ",")
                        .any(|x| matches!(tk.xpos(x), Some("VBD" | "VBZ" | "VBP" | "MD")))
            };
            let new_clause = (w == "and"
                && (matches!(n, "the" | "a" | "an" | "this" | "it" | "he" | "she" | "they") || name_clause()))
                || (matches!(w, "which" | "who") && !embedded_relative())
                // (not "Japan, while not changing its position, would
                // seek …": a clause set inside the content's subject)
                || (matches!(w, "while" | "whereas") && !embedded_relative())
                || (w == "as" && matches!(n, "the" | "a" | "an" | "it" | "he" | "she" | "they"))
                || (w == "the" && matches!(n, "day" | "week" | "month" | "year"));
            if new_clause {
                return if comma_in_quote { k } else { k - 1 };
            }
        }
        // ", its foreign minister Dmytro Kuleba claiming it was …", ",
        // officials said.": another source and its cue after a comma.
        if tk.lw(k - 1) == "," && !tk.quoted[k] {
            let cue = (k + 1..b.min(k + 9))
                .find(|&j| lex.verb(tk.lw(j)).is_some_and(|(_, i)| !i.noun_ambiguous) && !tk.is_cap(j));
            if let Some(j) = cue {
                // (not "…, Israeli media had supposed that …": a report
                // nested in this one's content)
                let ends = tk.lw(j).ends_with("ing") || j + 1 >= b || matches!(tk.lw(j + 1), "." | ",");
                if ends
                    && speaker_left(tk, j, k).is_some_and(|(s, e)| s >= k && e <= j && source_run(tk, k, e))
                    && (k..j).any(|x| tk.is_cap(x) || SPEAKER_NOUNS.contains(&tk.lw(x)))
                {
                    return k - 1;
                }
            }
        }
        // "following suggestions that …": another (unnamed) source's content.
        if matches!(w, "following" | "amid" | "despite") && k + 2 < b && NOUN_CUES.contains(&tk.lw(k + 1)) {
            return k;
        }
        if matches!(w, "after" | "before" | "while" | "as" | "but") && k + 1 < b {
            // Another speaker + cue follows the conjunction.
            // (with an apposition between: ", but Volodymyr Fityo, head of
            // communications for Ukraine's ground forces, said: …")
            let look = (k + 1..b.min(k + 20)).find(|&j| {
                (lex.verb(tk.lw(j)).is_some_and(|(_, i)| !i.noun_ambiguous) && !tk.lw(j).ends_with("ing"))
                    || phrase_cue_at(tk, j, b).is_some()
            });
            if let Some(j) = look {
                if speaker_left(tk, j, k + 1).is_some_and(|(s, _)| s == k + 1)
                    && (k + 1..j).any(|x| tk.is_cap(x) || SPEAKER_NOUNS.contains(&tk.lw(x)))
                {
                    return k;
                }
            }
        }
    }
    b
}

/// If a content ends inside a quotation, extend it to the closing mark.
fn extend_over_quote(tk: &Toks, quotes: &[Quote], used: &mut [bool], content: Span) -> Span {
    let text = tk.doc.text();
    let mut c = content;
    // Quotes are sorted by opening mark: start no further back than the
    // longest quote, stop at the first opening after the (growing) content.
    let from = quotes.partition_point(|q| q.open + tk.longest_quote < c.start as usize);
    for (qi, q) in quotes.iter().enumerate().skip(from) {
        if q.open >= c.end as usize {
            break;
        }
        let outer = Span::new(q.open, q.outer_end(text));
        if outer.overlaps(c) {
            used[qi] = true;
            if outer.end > c.end && outer.start >= c.start {
                c.end = outer.end;
            }
        }
    }
    c
}

/// The first sentence of the next paragraph, when the cue's sentence ends
/// in a colon after at most a short noun phrase ("denied these
/// allegations:", "said:") and that sentence opens no quotation (a quoted
/// one is attributed as a quotation).
fn colon_block(tk: &Toks, cue: &Cue, a: usize, sent: std::ops::Range<usize>) -> Option<Span> {
    if cue.kind != CueKind::Verb || tk.quoted[cue.start] {
        return None;
    }
    let colon = (a..sent.end).rev().find(|&k| tk.is_word(k) || tk.lw(k) == ":")?;
    if tk.lw(colon) != ":" || colon < cue.end {
        return None;
    }
    let object = (cue.end..colon).filter(|&k| tk.is_word(k)).count();
    let plain = (cue.end..colon).all(|k| {
        tk.is_word(k)
            && matches!(
                tk.upos(k),
                Some("DET" | "ADJ" | "NOUN" | "PRON" | "ADP" | "PROPN" | "NUM") | None
            )
    });
    if object > 4 || !plain {
        return None;
    }
    let si = tk.sent_of[sent.start];
    let next = tk.doc.sentences.get(si + 1)?;
    let first = next.token_range().start;
    if next.paragraph == tk.doc.sentences[si].paragraph
        || next.token_range().is_empty()
        || tk.is_quote(first)
        || tk.quoted[first]
        || tk.excluded_sent[si + 1]
    {
        return None;
    }
    let (x, y) = trim_content(tk, first, next.token_range().end)?;
    Some(tk.span(x, y))
}

fn token_at_or_after(tk: &Toks, byte: usize) -> usize {
    tk.doc.tokens.partition_point(|t| (t.span.start as usize) < byte)
}

fn kind_of(tk: &Toks, quotes: &[Quote], a: usize, b: usize) -> StatementKind {
    kind_of_span(tk, quotes, tk.span(a, b))
}

fn kind_of_span(tk: &Toks, quotes: &[Quote], content: Span) -> StatementKind {
    let text = tk.doc.text();
    // A quoted name ("NotPetya", 'Spy') is a title, not the source's words.
    // So is a quoted term inside a noun phrase ("the construction of
    // “smart villages” in …"): after "the"/"of", two or three words that the
    // tagger reads as nouns and adjectives, followed by a preposition or a
    // noun. "of “hyping up” claims" quotes words (a verb).
    let is_term = |q: &Quote| {
        let first = token_at_or_after(tk, q.inner.start as usize);
        let close = token_at_or_after(tk, q.inner.end as usize);
        if first == 0 || close + 1 >= tk.doc.tokens.len() || close <= first || close - first > 3 {
            return false;
        }
        let before = tk.lw(first - 1);
        let before = if tk.is_quote(first - 1) && first >= 2 {
            tk.lw(first - 2)
        } else {
            before
        };
        let after = close + 1;
        let nominal = (first..close).all(|k| matches!(tk.upos(k), Some("NOUN" | "PROPN" | "ADJ")));
        matches!(before, "the" | "of")
            && nominal
            && (matches!(tk.upos(after), Some("ADP" | "NOUN")) && tk.is_word(after))
    };
    // Quotes are sorted by their opening mark: only those opening before the
    // content ends, and no further back than the longest quote, can overlap.
    let longest = tk.longest_quote;
    let to = quotes.partition_point(|q| q.open < content.end as usize);
    let from = quotes.partition_point(|q| q.open + longest < content.start as usize);
    let any = quotes[from.min(to)..to].iter().any(|q| {
        let inner = &text[q.inner.range()];
        let is_name = !inner.contains(' ') && inner.chars().next().is_some_and(char::is_uppercase);
        Span::new(q.open, q.outer_end(text)).overlaps(content) && !is_name && !is_term(q)
    });
    if any {
        StatementKind::Mixed
    } else {
        StatementKind::Indirect
    }
}

/// A quote no cue claimed: look for attribution right after it, a
/// "NAME: “…”" lead-in, or continue the previous direct speaker.
fn attribute_quote(tk: &Toks, lex: &Lexicon, q: &Quote, found: &[Found]) -> Option<Found> {
    let text = tk.doc.text();
    let words = text[q.inner.range()].split_whitespace().count();
    let open_tok = token_at_or_after(tk, q.open);
    if open_tok >= tk.doc.tokens.len() {
        return None;
    }
    let si = tk.sent_of[open_tok];
    if tk.excluded_sent[si] {
        return None;
    }
    // "Afgan Mukhtarli: “…”"
    let s = &tk.doc.sentences[si];
    if open_tok >= s.tokens.start as usize + 2 && tk.lw(open_tok - 1) == ":" {
        if let Some(sp) = speaker_left(tk, open_tok - 1, s.tokens.start as usize) {
            // (A field label is no one: `Email: "Andre" <…>`, `Subject: "…"`.)
            let label = sp.1 == sp.0 + 1
                && matches!(
                    tk.lw(sp.0),
                    "email"
                        | "e-mail"
                        | "from"
                        | "to"
                        | "subject"
                        | "re"
                        | "cc"
                        | "date"
                        | "phone"
                        | "tel"
                        | "fax"
                        | "web"
                        | "website"
                        | "address"
                        | "contact"
                        | "title"
                        | "headline"
                        | "caption"
                        | "tags"
                );
            if sp.0 == s.tokens.start as usize && (sp.0..sp.1).all(|k| tk.is_cap(k)) && !label {
                return Some(Found::direct(q.inner, sp, None, None));
            }
        }
    }
    // "During Prime Minister's Questions, Sunak defended the government's
    // record: “…”": a clause handing over to a quotation with a colon; its
    // subject (a name, or a personal pronoun) speaks.
    if open_tok >= s.tokens.start as usize + 3 && tk.lw(open_tok - 1) == ":" && words >= 4 {
        let s_start = s.tokens.start as usize;
        let verb_after = |b: usize| b + 1 < open_tok && matches!(tk.upos(b), Some("VERB" | "AUX")) && !tk.quoted[b];
        let subject = sentence_subject(tk, s_start, open_tok - 1)
            .or_else(|| matches!(tk.lw(s_start), "he" | "she" | "they" | "we").then_some((s_start, s_start + 1)))
            .filter(|&(a, b)| {
                let pronoun = b == a + 1 && matches!(tk.lw(a), "he" | "she" | "they" | "we");
                (pronoun || names_someone(tk, (a, b))) && verb_after(b)
            })
            // ("…, the premier defended the budget: “…”": a role for subject,
            // by the parse.)
            .or_else(|| {
                let verb = (s_start..open_tok - 1).find(|&k| tk.upos(k) == Some("VERB"))?;
                parse_subject(tk, verb, s_start..s.tokens.end as usize)
                    .filter(|&(a, b)| b == verb && a < b && PERSON_ROLES.contains(&tk.lw(b - 1)))
            });
        if let Some(sp) = subject {
            return Some(Found::direct(q.inner, sp, None, None));
        }
    }
    // "an article titled “Did Baku Participate in …?” on the Iranian news
    // website Tabnak": a headline that asks is the outlet's question.
    let s_end = s.tokens.end as usize;
    if open_tok > s.tokens.start as usize
        && matches!(tk.lw(open_tok - 1), "titled" | "headlined" | "entitled")
        && text[q.inner.range()].trim_end().ends_with('?')
    {
        let close_tok = token_at_or_after(tk, q.outer_end(text));
        // The outlet's name: right after "on/in/by", or after an outlet
        // noun ("on the Iranian news website Tabnak").
        let outlet = (close_tok < s_end && matches!(tk.lw(close_tok), "on" | "in" | "by"))
            .then(|| {
                let window = close_tok + 1..s_end.min(close_tok + 9);
                window.clone().find_map(|k| {
                    let starts = tk.is_cap(k)
                        && (k == close_tok + 1
                            || matches!(
                                tk.lw(k - 1),
                                "website"
                                    | "site"
                                    | "newspaper"
                                    | "daily"
                                    | "channel"
                                    | "agency"
                                    | "outlet"
                                    | "portal"
                                    | "page"
                                    | "magazine"
                                    | "weekly"
                                    | "broadcaster"
                            ));
                    starts.then(|| {
                        let mut b = k;
                        while b < window.end && tk.is_cap(b) {
                            b += 1;
                        }
                        (k, b)
                    })
                })
            })
            .flatten();
        if let Some(sp) = outlet {
            return Some(Found::direct(
                q.inner,
                sp,
                Some(tk.span(open_tok - 1, open_tok)),
                Some(Stance::Question),
            ));
        }
    }
    // `“…,” he said, “and we will not comment.”`: a quotation split by its
    // attribution goes on with the same speaker. The previous statement is
    // a direct quote ending in this sentence, and only its closing mark,
    // the speaker and cue and a comma stand between.
    if words >= 2 && open_tok > s.tokens.start as usize && tk.lw(open_tok - 1) == "," {
        if let Some((pi, prev)) = last_found_before(found, q.open, |f| f.kind == StatementKind::Direct) {
            let prev_end = token_at_or_after(tk, prev.content.end as usize);
            let gap = prev_end..open_tok;
            let same_sentence = prev_end >= s.tokens.start as usize && prev_end < open_tok;
            if same_sentence
                && gap.len() <= 10
                && gap.clone().filter(|&k| tk.is_quote(k)).count() == 1
                && prev
                    .cue
                    .is_some_and(|c| gap.clone().any(|k| tk.doc.tokens[k].span == c))
            {
                return Some(Found::continuing(q.inner, pi));
            }
        }
    }
    // Continuation: the quote opens a paragraph or sentence, and the
    // previous statement (direct or mixed) is in this or the previous paragraph.
    let para = tk.doc.sentences[si].paragraph as usize;
    let opens_unit = open_tok == s.tokens.start as usize;
    // A short quote is a scare quote or a title, unless it is a whole
    // sentence of its own ("We will appeal."): it opens the sentence, closes
    // it, and ends with the sentence's own stop inside the marks.
    let whole_sentence = opens_unit
        && words >= 2
        && token_at_or_after(tk, q.outer_end(text)) >= s_end
        && text[q.inner.range()].trim_end().ends_with(['.', '!', '?']);
    if words < 4 && !whole_sentence {
        return None; // scare quotes and titles
    }
    let _ = lex;
    if opens_unit {
        if let Some((pi, prev)) = last_found_before(found, q.open, |_| true) {
            let prev_tok = token_at_or_after(tk, prev.content.start as usize).min(tk.doc.tokens.len() - 1);
            let prev_para = tk.doc.sentences[tk.sent_of[prev_tok]].paragraph as usize;
            if para <= prev_para + 1 && (prev.kind != StatementKind::Indirect || para == prev_para + 1) {
                return Some(Found::continuing(q.inner, pi));
            }
        }
    }
    None
}
