//! The extract stage: attributed statements (speaker, cue, content, kind,
//! stance, hedges, nesting) over a segmented, parsed [`Doc`].
//!
//! Flow: `attribution` finds cue + speaker mention + content; this module
//! resolves each mention to a canonical speaker (pronouns and descriptions
//! go to the nearest earlier compatible named speaker), then `stance` adds
//! stance and hedges, and nesting (`via`) is read off span containment.

mod attribution;
pub mod cameo;
pub mod cues;
mod events;
mod quotes;
mod relay;
pub mod speakers;
pub mod stance;
mod transcript;

use claimgraph_doc::{Doc, Entity, EntityType, Relay, SentenceParser, Span, SpeakerType, Statement, StatementKind};
use claimgraph_entities::lexicon::is_in;

use attribution::Found;
use speakers::{canonical_name, speaker_type, PRONOUNS};

// Day and month names: one list in `claimgraph_doc`, for the statement
// finder's time adjuncts and the event layer's dates.
pub(crate) use claimgraph_doc::{DAY_NAMES, MONTH_NAMES};

/// Adds `doc.statements`. Needs `doc.sentences` and `doc.tokens` (tagged
/// and parsed for the best results; see [`extract_parsing`]).
pub fn extract(doc: &mut Doc) {
    extract_with(doc, None)
}

/// [`extract`] on a tagged document whose sentences need not be parsed:
/// `parser` parses a sentence when the statement finder first reads its
/// parse (a few sentences per document, around reporting cues), and those
/// parses are kept in `doc.tokens`. Same statements as parsing every
/// sentence first.
pub fn extract_parsing(doc: &mut Doc, parser: &dyn SentenceParser) {
    extract_with(doc, Some(parser))
}

fn extract_with(doc: &mut Doc, parser: Option<&dyn SentenceParser>) {
    let (mut found, parses) = attribution::find_statements(doc, parser);
    for (si, arcs) in parses {
        let start = doc.sentences[si].tokens.start as usize;
        for (k, (head, deprel)) in arcs.into_iter().enumerate() {
            let t = &mut doc.tokens[start + k];
            t.head = head;
            t.deprel = deprel;
        }
    }
    // "Q: … A: …" after "Spokesperson Hong Lei held a press conference":
    // the answers are hers.
    found.extend(transcript::answers(doc));
    // "TASS, citing a source …, reported": the source speaks, TASS relays.
    let cues: Vec<Span> = found.iter().filter_map(|f| f.cue).collect();
    // "According to Reuters, the minister said …": the minister speaks,
    // Reuters relays, and the "according to" statement around it goes.
    let (according, relay_only) = relay::according_to(doc, &found);
    let relays: Vec<Option<relay::Relayed>> = found
        .iter_mut()
        .zip(according)
        .map(|(f, r)| r.or_else(|| relay::detect(doc, f, &cues)))
        .collect();
    let mut resolved: Vec<(String, SpeakerType, Option<Span>)> = Vec::with_capacity(found.len());
    // Named speakers in text order, for pronoun and description resolution
    // (relays too: "the agency" after "TASS, citing …, reported").
    let mut named: Vec<Named> = Vec::new();
    let carriers = relays.iter().flatten().map(|r| r.carrier);
    for (a, b) in found.iter().filter_map(|f| f.speaker).chain(carriers) {
        let words = words_of(doc, a, b);
        if !is_pronoun(&words) && !is_description(&words) {
            let (name, ty) = named_speaker(&words);
            let lower = words.iter().map(|w| w.to_lowercase()).collect();
            named.push(Named(doc.tokens[a].span.start, name, ty, lower));
        }
    }
    named.sort_by_key(|n| n.0);
    let runs = NameRuns::new(
        proper_name_runs(doc.text())
            .into_iter()
            .filter(|(p, _)| doc.excluded_kind(Span::new(*p as usize, *p as usize + 1)).is_none())
            .collect(),
    );
    // Named speakers by their full names ("Mao" → "Mao Ning"), and
    // shortened descriptions by the longer one ("U.N. panel" → "U.N. panel
    // of experts").
    for n in named.iter_mut() {
        if !n.1.contains(' ') {
            if let Some(full) = runs.full_name_of(&n.1) {
                n.1 = full;
            }
        }
    }
    // (Sorted, so that the names with a prefix are one range; among the
    // longest, the last in text order, as a scan would pick.)
    let mut names: Vec<(String, usize)> = named.iter().enumerate().map(|(i, n)| (n.1.clone(), i)).collect();
    names.sort();
    for n in named.iter_mut() {
        let prefix = format!("{} ", n.1);
        let from = names.partition_point(|(m, _)| m.as_str() < prefix.as_str());
        let long = names[from..]
            .iter()
            .take_while(|(m, _)| m.starts_with(&prefix))
            .max_by_key(|(m, i)| (m.len(), *i));
        if let Some((long, _)) = long {
            n.1 = long.clone();
        }
    }
    for (i, f) in found.iter().enumerate() {
        let r =
            claims_anaphor(doc, f, &found[..i], &resolved).unwrap_or_else(|| resolve(doc, f, &resolved, &named, &runs));
        resolved.push(r);
    }
    // "Mao Ning: … I suggest you ask the ministry.": "I" inside someone's
    // direct words is that someone.
    for i in 0..found.len() {
        let Some((a, b)) = found[i].speaker else { continue };
        if b != a + 1 || !matches!(doc.token_text(a), "I" | "me") {
            continue;
        }
        let at = doc.tokens[a].span;
        let outer = found
            .iter()
            .enumerate()
            .filter(|&(j, g)| j != i && g.kind == StatementKind::Direct && g.content.contains(at))
            .min_by_key(|(_, g)| g.content.len());
        if let Some((j, _)) = outer {
            let (name, ty, _) = resolved[j].clone();
            resolved[i] = (name, ty, Some(at));
        }
    }
    // Each relay named as speakers are; a continued quotation keeps its
    // first part's relay.
    let mut relayed: Vec<Option<Relay>> = Vec::with_capacity(found.len());
    for (i, (f, r)) in found.iter().zip(&relays).enumerate() {
        let relay = match (r, f.same_speaker_as) {
            (Some(r), _) => {
                let carrier = Found {
                    speaker: Some(r.carrier),
                    speaker_fallback: None,
                    same_speaker_as: None,
                    antecedent: None,
                    cue: None,
                    cue_stance: None,
                    ..*f
                };
                // (an outlet the entity layer names whole: "Foreign Policy
                // magazine" is Foreign Policy, whatever the title rules make
                // of its words)
                let (a, b) = r.carrier;
                let span = Span::new(doc.tokens[a].span.start as usize, doc.tokens[b - 1].span.end as usize);
                let entity = doc
                    .entity_at(span)
                    .map(|e| &doc.entities[e])
                    .filter(|e| e.etype != EntityType::Gpe && e.mentions.iter().any(|m| span.contains(*m)));
                let (name, speaker_type, mention) = match entity {
                    Some(e) => (e.name.clone(), entity_speaker_type(e, &words_of(doc, a, b)), Some(span)),
                    None => resolve(doc, &carrier, &resolved[..i], &named, &runs),
                };
                let mut cue = doc.tokens[r.cue].span;
                if r.cue + 1 < doc.tokens.len()
                    && doc.token_text(r.cue).eq_ignore_ascii_case("according")
                    && doc.token_text(r.cue + 1) == "to"
                {
                    cue.end = doc.tokens[r.cue + 1].span.end;
                }
                Some(Relay {
                    name,
                    speaker_type,
                    mention,
                    cue,
                })
            }
            (None, Some(k)) if k < i => relayed[k].clone(),
            _ => None,
        };
        relayed.push(relay);
    }
    let mut statements: Vec<Statement> = found
        .iter()
        .zip(resolved)
        .zip(relayed)
        .zip(relay_only)
        .filter(|(_, only)| !only)
        .map(|(((f, (speaker, speaker_type, mention)), relayed_by), _)| {
            let cue_text = f.cue.map(|c| doc.slice(c));
            let (stance, hedges) = stance::classify(cue_text, f.cue_stance, doc.slice(f.content), f.kind);
            Statement {
                content: f.content,
                kind: f.kind,
                speaker,
                speaker_type,
                speaker_mention: mention,
                cue: f.cue,
                stance,
                hedges,
                about: about_in(doc, f.content),
                via: None,
                claim: None,
                relayed_by,
            }
        })
        .collect();
    // A mention cut short inside a name the entity layer knows whole
    // ("the Study of War" in "the Institute for the Study of War", whose
    // "for" ends a speaker scan) is reported as the whole name.
    for s in statements.iter_mut() {
        let Some(m) = s.speaker_mention else { continue };
        let Some(e) = doc.entity_at(m).map(|i| &doc.entities[i]) else {
            continue;
        };
        if e.name != s.speaker {
            continue;
        }
        if let Some(whole) = e
            .mentions
            .iter()
            .filter(|x| x.start <= m.start && m.end <= x.end && x.len() > m.len())
            .min_by_key(|x| x.len())
        {
            s.speaker_mention = Some(*whole);
        }
    }
    statements.sort_by_key(|s| (s.content.start, std::cmp::Reverse(s.content.end)));
    // The same cue found twice; two sources of one content both stay
    // ("denied accusations by the campaign that …").
    statements.dedup_by(|b, a| a.content == b.content && a.cue == b.cue && a.speaker == b.speaker);
    // Nesting: a statement whose cue lies inside another's content is
    // reported through it ("Heshmati emphasized that … Israeli media had
    // supposed that …").
    // (Statements are sorted by content start: an outer one starts at or
    // before the inner one and no further back than the longest content.)
    let longest = statements.iter().map(|s| s.content.len()).max().unwrap_or(0) as u32;
    for i in 0..statements.len() {
        let inner_cue = statements[i].cue.unwrap_or(statements[i].content);
        let inner = statements[i].content;
        let from = statements.partition_point(|s| s.content.start + longest < inner.start);
        let to = statements.partition_point(|s| s.content.start <= inner.start.min(inner_cue.start));
        let outer = (from.min(to)..to)
            .filter(|&j| j != i && statements[j].kind != StatementKind::Direct)
            .filter(|&j| statements[j].content.contains(inner_cue) && statements[j].content.contains(inner))
            .min_by_key(|&j| (statements[j].content.len(), j));
        statements[i].via = outer;
    }
    doc.statements = statements;
    events::find_events(doc, parser);
}

/// A named speaker: where it is mentioned, its canonical name and type,
/// and the lowercased words of the mention (for "the report" → "a report
/// by a U.N. panel of experts").
struct Named(u32, String, SpeakerType, Vec<String>);

/// The description of unnamed sources by what they are close to: "Sources
/// close to the Kremlin", "two officials familiar with the talks", "a
/// source at the ministry". The description is their name ("a"/"an"
/// dropped).
fn unnamed_source_description(words: &[String]) -> Option<String> {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    // "one mother in Kisumu": a person by what she is and where.
    if let Some(f) = lower.iter().take(3).position(|w| is_in(speakers::LAY_PERSON_NOUNS, w)) {
        let placed = matches!(lower.get(f + 1).map(String::as_str), Some("in" | "from" | "at" | "of"))
            && words.get(f + 2).is_some_and(|w| w.starts_with(char::is_uppercase))
            && words[..f]
                .iter()
                .all(|w| !w.starts_with(char::is_uppercase) || w == "One" || w == "A" || w == "An");
        if placed {
            let start = usize::from(matches!(lower[0].as_str(), "a" | "an"));
            return Some(words[start..].join(" "));
        }
    }
    let f = lower
        .iter()
        .take(4)
        .position(|w| is_in(speakers::UNNAMED_SOURCE_NOUNS, w))?;
    // (no name before it: "Kremlin sources close to …" are the Kremlin's)
    let plain_before = words[..f].iter().enumerate().all(|(i, w)| {
        i == 0
            && matches!(
                lower[0].as_str(),
                "a" | "an" | "the" | "two" | "three" | "some" | "several"
            )
            || !w.starts_with(char::is_uppercase)
    });
    let linked = lower.get(f + 1).is_some_and(|n| {
        matches!(
            n.as_str(),
            "close"
                | "familiar"
                | "briefed"
                | "with"
                | "at"
                | "in"
                | "within"
                | "inside"
                | "from"
                | "involved"
                | "knowledgeable"
        )
    });
    if !plain_before || !linked || lower.len() < f + 3 {
        return None;
    }
    let start = usize::from(matches!(lower[0].as_str(), "a" | "an"));
    Some(words[start..].join(" "))
}

/// The words of a speaker mention. A possessor before a proper name is
/// dropped ("Beijing's Wu" → "Wu", "Putin's spokesman Dmitry Peskov");
/// otherwise only the possessive marker is ("Taiwan's leadership").
/// How an entity acts as a source: the entity layer's own reading
/// (metonymy: "Baku" → government), else by its type and the mention.
/// "The Ministry of Home Affairs issued a statement …": the last body
/// named before `before`, within three sentences, as the subject of
/// issuing, releasing or publishing a statement; (its position, its entity).
fn statement_issuer(doc: &Doc, before: u32) -> Option<(u32, usize)> {
    let here = doc.sentences.partition_point(|s| s.span.end <= before);
    for si in (here.saturating_sub(3)..=here.min(doc.sentences.len().saturating_sub(1))).rev() {
        let r = doc.sentences[si].token_range();
        let issued = r.clone().rev().find(|&k| {
            doc.tokens[k].span.end <= before
                && matches!(doc.token_text(k), "issued" | "released" | "published")
                && (k + 1..(k + 4).min(r.end))
                    .any(|j| matches!(doc.token_text(j), "statement" | "communique" | "communiqué"))
        });
        let Some(k) = issued else { continue };
        // (the sentence's first body before the verb: its subject)
        let subject = (r.start..k).find_map(|j| {
            let e = doc.entity_at(doc.tokens[j].span)?;
            matches!(
                doc.entities[e].etype,
                EntityType::Org | EntityType::Gpe | EntityType::Media
            )
            .then_some((doc.tokens[j].span.start, e))
        });
        if subject.is_some() {
            return subject;
        }
    }
    None
}

fn entity_speaker_type(e: &Entity, words: &[String]) -> SpeakerType {
    // A descriptor in the mention itself ("the student newspaper, the
    // Westbrook Voice") outranks the entity's type.
    let described = words.iter().any(|w| is_in(speakers::SPEAKER_NOUNS, w));
    // "CEO of the Harbour Council Ines Moreau": a titled person, whatever
    // body the mention also names.
    if e.etype == EntityType::Person && words.iter().any(|w| is_title_word(w)) {
        return SpeakerType::Person;
    }
    // "The US Cybersecurity and Infrastructure Security Agency": an agency
    // named as a body (capitalised, no news or press in it) is the state's,
    // not a news agency.
    let state_agency = e.etype == EntityType::Org
        && words.last().is_some_and(|w| w == "Agency")
        && !words
            .iter()
            .any(|w| matches!(w.to_lowercase().as_str(), "news" | "press" | "information" | "media"));
    if state_agency {
        return SpeakerType::Government;
    }
    if described && !is_pronoun(words) {
        let lexical = speaker_type(words);
        if matches!(
            lexical,
            SpeakerType::Media | SpeakerType::Government | SpeakerType::Group | SpeakerType::Organization
        ) {
            return lexical;
        }
    }
    if let Some(t) = e.speaker_type {
        return t;
    }
    match e.etype {
        EntityType::Person => SpeakerType::Person,
        EntityType::Media => SpeakerType::Media,
        EntityType::Org => match speaker_type(words) {
            t @ (SpeakerType::Government | SpeakerType::Media | SpeakerType::Group) => t,
            _ => SpeakerType::Organization,
        },
        EntityType::Gpe | EntityType::Loc => SpeakerType::Country,
        EntityType::Event => SpeakerType::Unnamed,
    }
}

fn words_of(doc: &Doc, a: usize, b: usize) -> Vec<String> {
    // (A hyphen glued to the words on both sides joins them: "Hamas-run".)
    let glued = |k: usize| {
        k > a
            && k + 1 < b
            && doc.tokens[k].span.start == doc.tokens[k - 1].span.end
            && doc.tokens[k + 1].span.start == doc.tokens[k].span.end
    };
    let mut words: Vec<String> = Vec::with_capacity(b - a);
    let mut k = a;
    while k < b {
        if doc.token_text(k) == "-" && glued(k) && !words.is_empty() {
            let last = words.len() - 1;
            words[last].push('-');
            words[last].push_str(doc.token_text(k + 1));
            k += 2;
            continue;
        }
        words.push(doc.token_text(k).to_string());
        k += 1;
    }
    // "Recent reports", "One poster": a capital the sentence start gave an
    // adjective, number or determiner is no name (demonyms stay: "Iranian
    // media"; "The" is lowercased too, which descriptions read the same).
    let si = doc.sentences.partition_point(|s| s.token_range().start < a);
    let sentence_start = doc.sentences.get(si).is_some_and(|s| s.token_range().start == a);
    let upos = claimgraph_doc::labels::UPOS.get(doc.tokens[a].upos as usize).copied();
    if sentence_start
        && matches!(upos, Some("ADJ" | "NUM" | "DET" | "ADV"))
        && speakers::country_of_demonym(&words[0]).is_none()
        && !speakers::is_proper_adjective(&words[0])
        && doc.entity_at(doc.tokens[a].span).is_none()
    {
        words[0] = words[0].to_lowercase();
    }
    let is_poss = |w: &String| w == "’s" || w == "'s";
    if let Some(p) = words.iter().rposition(is_poss) {
        let after = &words[p + 1..];
        if after.iter().any(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            return after.to_vec();
        }
    }
    words.into_iter().filter(|w| !is_poss(w)).collect()
}

fn is_pronoun(words: &[String]) -> bool {
    words.len() == 1 && is_in(PRONOUNS, &words[0])
}

/// "the newspaper", "the expert", "the ministry": no proper name in it.
fn is_description(words: &[String]) -> bool {
    // ("the MP": a role written in capitals is no name.)
    let role_acronym = |w: &str| matches!(w, "MP" | "MPs" | "MEP" | "MEPs");
    words.len() >= 2
        && words[0].eq_ignore_ascii_case("the")
        && words[1..]
            .iter()
            .all(|w| !w.chars().next().is_some_and(char::is_uppercase) || role_acronym(w))
}

/// The kind of named speaker a pronoun or description can refer to.
fn compatible(words: &[String], ty: SpeakerType) -> bool {
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    use SpeakerType::*;
    match last.as_str() {
        "he" | "she" | "him" | "her" | "his" => ty == Person,
        "it" | "its" => matches!(ty, Organization | Media | Government | Country),
        "they" | "them" | "their" | "we" => !matches!(ty, Person),
        "newspaper" | "journal" | "paper" | "website" | "channel" | "outlet" | "broadcaster" | "page" | "daily" => {
            ty == Media
        }
        "expert" | "official" | "spokesman" | "spokeswoman" | "spokesperson" | "professor" | "journalist" | "aide"
        | "minister" | "president" | "leader" | "diplomat" | "analyst" => ty == Person,
        // Descriptions a story uses for someone it has named: "the
        // billionaire wrote" after "Elon Musk has claimed".
        "billionaire" | "businessman" | "businesswoman" | "tycoon" | "entrepreneur" | "mogul" | "politician"
        | "activist" | "researcher" | "scientist" | "economist" | "scholar" | "historian" | "commentator"
        | "critic" | "candidate" | "widow" | "dissident" => ty == Person,
        // Bodies: only one whose name has the same head ("the ministry" →
        // "Russian Defense Ministry"), checked by `same_head`.
        _ => false,
    }
}

/// Role nouns that, as a description ("the MP", "the lawyer"), take up
/// only a person introduced in that role: unlike "the expert", "the
/// regional governor" may well be someone new.
const ROLE_SYNONYMS: &[&[&str]] = &[
    &["mp", "lawmaker", "legislator", "parliamentarian", "deputy", "mep"],
    &["senator"],
    &["congressman", "congresswoman", "representative", "lawmaker"],
    &["mayor"],
    &["governor"],
    &["ambassador", "envoy"],
    &["commander", "general"],
    &["lawyer", "attorney", "counsel", "barrister", "solicitor"],
    &["prosecutor"],
    &["researcher", "scientist", "professor", "scholar"],
    &["economist"],
    &["activist", "campaigner"],
    &["historian"],
    &["chairman", "chairwoman", "chair"],
];

/// A role description and a person named earlier in that role: "the MP"
/// and "Iranian lawmaker Ahmad Ardestani", "the lawyer" and "Anna
/// Petrova, a lawyer for the defendant" (the role from the mention's words
/// or the entity layer's role).
fn same_role(doc: &Doc, words: &[String], named: &Named) -> bool {
    if named.2 != SpeakerType::Person {
        return false;
    }
    let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let head = head.trim_end_matches('s');
    let Some(group) = ROLE_SYNONYMS.iter().find(|g| g.contains(&head)) else {
        return false;
    };
    let role = doc
        .entities
        .iter()
        .find(|e| e.name == named.1)
        .and_then(|e| e.role.as_deref())
        .unwrap_or("")
        .to_lowercase();
    named
        .3
        .iter()
        .map(String::as_str)
        .chain(role.split(' '))
        .any(|w| group.contains(&w.trim_end_matches('s')))
}

/// "the ministry" and "Russian Defense Ministry", "the agency" and "Gaza
/// civil defence agency": the description's head noun ends the name.
fn same_head(words: &[String], named: &Named) -> bool {
    let head = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    let stem = |w: &str| w.trim_end_matches('s').to_string();
    // (a person is taken up by a role, not by a body named in the role:
    // "the ministry" is not "the representative of the ministry")
    let role_ok = named.2 != SpeakerType::Person || !speakers::is_gov_head(&head);
    role_ok && head.len() > 2 && named.3.iter().any(|w| stem(w) == stem(&head))
}

fn resolve(
    doc: &Doc,
    f: &Found,
    earlier: &[(String, SpeakerType, Option<Span>)],
    named: &[Named],
    runs: &NameRuns,
) -> (String, SpeakerType, Option<Span>) {
    if let Some(k) = f.same_speaker_as {
        if let Some(e) = earlier.get(k) {
            return e.clone();
        }
    }
    // "condemned what it called …": the pronoun names the clause's subject.
    if let (Some(ante), Some((a, b))) = (f.antecedent, f.speaker) {
        let subject = Found {
            speaker: Some(ante),
            speaker_fallback: None,
            same_speaker_as: None,
            antecedent: None,
            cue: f.cue,
            cue_stance: f.cue_stance,
            ..*f
        };
        let (name, ty, _) = resolve(doc, &subject, earlier, named, runs);
        let mention = Span::new(doc.tokens[a].span.start as usize, doc.tokens[b - 1].span.end as usize);
        return (name, ty, Some(mention));
    }
    let Some((a, b)) = f.speaker else {
        let (n, t) = f
            .speaker_fallback
            .clone()
            .unwrap_or_else(|| ("unnamed sources".into(), SpeakerType::Unnamed));
        return (n, t, None);
    };
    let mention = Span {
        start: doc.tokens[a].span.start,
        end: doc.tokens[b - 1].span.end,
    };
    let words = words_of(doc, a, b);
    if let Some(r) = role_for_someone(doc, a, b) {
        return r;
    }
    if let Some(n) = state_body_for(&words, named) {
        return (n.1.clone(), n.2, Some(mention));
    }
    let lower_last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    // "Hamas said in a statement …. “…,” said the statement.": the words of
    // a statement are its issuer's, the last named source before it.
    if is_description(&words)
        && words.len() == 2
        && matches!(lower_last.as_str(), "statement" | "communique" | "communiqué")
    {
        let last_source = earlier.iter().rev().find(|e| {
            e.2.is_some_and(|m| m.start < mention.start)
                && matches!(
                    e.1,
                    SpeakerType::Organization | SpeakerType::Government | SpeakerType::Country
                )
        });
        // ("The ministry issued a statement on Monday. “…,” the statement
        // read.": who issued it, if named after the last source)
        if let Some((at, e)) = statement_issuer(doc, mention.start) {
            if last_source.is_none_or(|s| s.2.is_some_and(|m| m.start < at)) {
                let e = &doc.entities[e];
                let words: Vec<String> = e.name.split(' ').map(str::to_string).collect();
                return (e.name.clone(), entity_speaker_type(e, &words), Some(mention));
            }
        }
        if let Some(e) = last_source {
            return (e.0.clone(), e.1, Some(mention));
        }
    }
    // "The research team, led by Paola Sebastiani and Thomas T. Perls, says":
    // an unnamed group is described by who leads it.
    if GROUP_NOUNS.contains(&lower_last.as_str()) {
        if let Some(leaders) = led_by(doc, b) {
            return (
                format!("{} led by {leaders}", canonical_name(&words)),
                SpeakerType::Group,
                Some(mention),
            );
        }
    }
    // "Dave Collins, Warner's pole vault coach, says …. He says …": a
    // personal pronoun right after a person's statement in the sentence
    // before continues that speaker.
    if is_pronoun(&words) && matches!(lower_last.as_str(), "he" | "she") {
        let sent_of = |pos: u32| doc.sentences.partition_point(|s| s.span.end <= pos);
        let here = sent_of(mention.start);
        if let Some(e) = earlier.last().filter(|e| {
            e.1 == SpeakerType::Person
                && e.2
                    .is_some_and(|m| m.start < mention.start && sent_of(m.start) + 1 == here)
        }) {
            // Only when that speaker opened the sentence (its subject).
            // (or the main clause after a fronted subordinate one:
            // "Although the Post is no trade paper, UBS's Steve
            // Milunovich wrote …")
            let opened = e.2.is_some_and(|m| {
                let s = &doc.sentences[sent_of(m.start)];
                let before = doc.text()[s.span.start as usize..m.start as usize].trim();
                let fronted = before.ends_with(',')
                    && before
                        .split_whitespace()
                        .next()
                        .is_some_and(|w| {
                            matches!(
                                w.to_lowercase().as_str(),
                                "although" | "though" | "while" | "when" | "as" | "after" | "before" | "if" | "because" | "since"
                            )
                        })
                    // (one clause: no other comma before its own)
                    && !before[..before.len() - 1].contains(',');
                before.is_empty() || fronted
            });
            if opened {
                return (e.0.clone(), e.1, Some(mention));
            }
        }
    }
    // "…, the Presidential Office said. …, it added.": "it" right after a
    // body's statement in this or the sentence before continues that body.
    if is_pronoun(&words) && lower_last == "it" {
        let sent_of = |pos: u32| doc.sentences.partition_point(|s| s.span.end <= pos);
        // (counted from where its words begin: `“… [four sentences] …,” it
        // said.` after "The PMO, in a statement, dismissed …")
        let here = sent_of(mention.start.min(f.content.start));
        // (the speaker whose mention is the latest before this one)
        let last = earlier
            .iter()
            .filter(|e| e.2.is_some_and(|m| m.start < mention.start))
            .max_by_key(|e| e.2.map(|m| m.start));
        let body = |e: &&(String, SpeakerType, Option<Span>)| {
            matches!(
                e.1,
                SpeakerType::Government | SpeakerType::Organization | SpeakerType::Media
            ) || e
                .0
                .rsplit(' ')
                .next()
                .is_some_and(|w| speakers::is_gov_head(&w.to_lowercase()))
        };
        if let Some(e) = last
            .filter(body)
            .filter(|e| e.2.is_some_and(|m| sent_of(m.start) + 1 >= here))
        {
            return (e.0.clone(), e.1, Some(mention));
        }
    }
    // "the researchers said", then "they added": the group that spoke last.
    let group_ref = (is_description(&words) && GROUP_NOUNS.contains(&lower_last.as_str()))
        || (is_pronoun(&words) && matches!(lower_last.as_str(), "they" | "we"));
    if group_ref {
        if let Some(e) = earlier.iter().rev().take(3).find(|e| {
            e.1 == SpeakerType::Group
                && e.2.is_some_and(|m| m.start < mention.start)
                && (is_pronoun(&words) || e.0.split(' ').any(|w| is_in(GROUP_NOUNS, w)))
        }) {
            return (e.0.clone(), e.1, Some(mention));
        }
    }
    // "the group", "the movement": the organisation that spoke last, not a
    // state body ("a charge the group has dismissed" after Hamas and then
    // Qatar's foreign ministry spoke is Hamas's).
    if is_description(&words)
        && matches!(
            lower_last.as_str(),
            "group" | "movement" | "organisation" | "organization" | "militia"
        )
    {
        // (a state body by its head word: "ministry", "army", "office" …)
        let state_body = |name: &str| {
            name.rsplit(' ')
                .next()
                .is_some_and(|w| speakers::is_gov_head(&w.to_lowercase()) || w.eq_ignore_ascii_case("agency"))
        };
        let spoke = named
            .iter()
            .rev()
            .filter(|n| n.0 < mention.start)
            .find(|n| n.2 == SpeakerType::Organization && !state_body(&n.1));
        // (or the organisation named since, speaker or not: "AFP reported
        // …. The Taliban have threatened …. “…,” the militant group said.")
        let here = doc.sentences.partition_point(|s| s.span.end <= mention.start);
        let since = doc
            .entities
            .iter()
            .filter(|e| e.etype == EntityType::Org && !state_body(&e.name))
            .filter_map(|e| {
                let m = e
                    .mentions
                    .iter()
                    .filter(|m| m.end <= mention.start)
                    .map(|m| m.start)
                    .max()?;
                let near = doc.sentences.partition_point(|s| s.span.end <= m) + 3 >= here;
                (near && spoke.is_none_or(|n| n.0 < m)).then_some((m, e))
            })
            .max_by_key(|(m, _)| *m);
        if let Some((_, e)) = since {
            return (e.name.clone(), SpeakerType::Organization, Some(mention));
        }
        if let Some(n) = spoke {
            return (n.1.clone(), n.2, Some(mention));
        }
    }
    // "Sources close to the Kremlin", "people familiar with the matter":
    // unnamed sources, whatever body the description names.
    if let Some(name) = unnamed_source_description(&words) {
        return (name, SpeakerType::Unnamed, Some(mention));
    }
    // "A senior Western diplomat, who asked not to be named, said …. 'They
    // want …,' the diplomat said": the description takes up the unnamed
    // source with its head noun that spoke last, before any named person.
    // (Same number: "the expert" is not "Israeli experts".)
    if is_description(&words) && words.len() == 2 {
        if let Some(e) = earlier.iter().rev().find(|e| {
            e.2.is_some_and(|m| m.start < mention.start)
                && e.0.contains(' ')
                && e.0.rsplit(' ').next() == Some(lower_last.as_str())
                // ("the ministry" is not "representative of the ministry")
                && !(e.1 == SpeakerType::Person && speakers::is_gov_head(&lower_last))
        }) {
            return (e.0.clone(), e.1, Some(mention));
        }
    }
    // "The foreign ministry in Baku": a body and where it sits; the body
    // speaks, not the place (the entity at the last word). (Embassies are
    // named by the entity layer: "Russia's embassy in Washington".)
    let seat = words
        .iter()
        .position(|w| w.eq_ignore_ascii_case("in"))
        .is_some_and(|k| k > 0 && k + 1 < words.len() && words[k - 1] == "ministry");
    if seat {
        return (canonical_name(&words), SpeakerType::Government, Some(mention));
    }
    // "an unidentified North Korean diplomat in New York", "one mother in
    // Kisumu": a person placed somewhere speaks, not the place.
    if let Some(k) = words.iter().position(|w| matches!(w.as_str(), "in" | "from" | "at")) {
        let lw = words
            .get(k.wrapping_sub(1))
            .map(|w| w.to_lowercase())
            .unwrap_or_default();
        if k > 0
            && k + 1 < words.len()
            && (is_in(speakers::LAY_PERSON_NOUNS, &lw) || is_in(speakers::PERSON_ROLES, &lw))
            && words[k + 1..].iter().all(|w| w.starts_with(char::is_uppercase))
        {
            let start = usize::from(words[0].eq_ignore_ascii_case("a") || words[0].eq_ignore_ascii_case("an"));
            let ty = speaker_type(&words[..k]);
            return (words[start..].join(" "), ty, Some(mention));
        }
    }
    // "Senator Anna Holm of Ruritania", "Rep.-elect Mark Green of
    // Tennessee": a person named before "of" and the place she is from;
    // the person speaks.
    if let Some(j) = (a + 1..b).find(|&j| doc.token_text(j) == "of") {
        if let Some(e) = doc
            .entity_at(doc.tokens[j - 1].span)
            .map(|i| &doc.entities[i])
            .filter(|e| e.etype == EntityType::Person)
        {
            return (e.name.clone(), SpeakerType::Person, Some(mention));
        }
    }
    // The entity layer's coreference, when it covers the mention's head
    // ("he", "the newspaper", "Peskov" in "Kremlin spokesman Dmitry Peskov").
    let head = doc.tokens[b - 1].span;
    // A bare lowercase NP ("previous media reports", "some observers") is
    // its own unnamed source, not a mention of a named one.
    let possessed = words.first().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "his" | "her" | "its" | "their" | "our" | "my" | "your"
        )
    });
    // ("Posts on X and Telegram": the platforms' names are not the source.)
    let posts = words
        .iter()
        .enumerate()
        .any(|(i, w)| attribution::is_post_noun(&w.to_lowercase()) && words.get(i + 1).is_some_and(|n| n == "on"));
    let bare = posts
        || !is_pronoun(&words)
            && !is_description(&words)
            && !possessed
            && !words.iter().any(|w| w.starts_with(char::is_uppercase));
    // A role description and an earlier speaker described by the same role
    // ("a spokesman for the communist country" … "the spokesman"), before
    // a person the entity layer links it to who never spoke.
    // (companies by any of their heads: "the Canada-based smartphone maker
    // denied …. “…,” the company said.")
    // "the unnamed bank official was quoted as saying": a source the text
    // says it does not name is no named person spoken of before.
    if is_description(&words)
        && words
            .iter()
            .any(|w| matches!(w.as_str(), "unnamed" | "anonymous" | "unidentified"))
    {
        if let Some(r) = earlier
            .iter()
            .rev()
            .take(6)
            .find(|e| e.1 == SpeakerType::Unnamed && e.0.rsplit(' ').next() == Some(lower_last.as_str()))
        {
            return (r.0.clone(), r.1, Some(mention));
        }
        let start = usize::from(matches!(words[0].to_lowercase().as_str(), "a" | "an" | "the"));
        return (words[start..].join(" "), SpeakerType::Unnamed, Some(mention));
    }
    let company = is_in(speakers::COMPANY_HEADS, &lower_last);
    let same_role_speaker = is_description(&words)
        .then(|| {
            earlier.iter().rev().take(6).find(|e| {
                e.2.is_some_and(|m| m.start < mention.start)
                    && (e.0.split(' ').any(|w| w == lower_last)
                        || (company
                            && e.1 == SpeakerType::Organization
                            && e.0
                                .rsplit(' ')
                                .next()
                                .is_some_and(|w| is_in(speakers::COMPANY_HEADS, w))))
            })
        })
        .flatten();
    if let (Some(r), None) = (same_role_speaker, doc.entity_at(head).filter(|_| !bare)) {
        return (r.0.clone(), r.1, Some(mention));
    }
    if let Some(e) = doc.entity_at(head).filter(|_| !bare).map(|i| &doc.entities[i]) {
        let covers_head = e.mentions.iter().any(|m| m.contains(head));
        let descriptive = is_pronoun(&words) || is_description(&words);
        if let Some(r) = same_role_speaker.filter(|_| covers_head && !earlier.iter().any(|x| x.0 == e.name)) {
            return (r.0.clone(), r.1, Some(mention));
        }
        if covers_head && (descriptive || e.etype != EntityType::Event) {
            // "they" → "Russian military" → the defense ministry speaking for it.
            let ename: Vec<String> = e.name.split(' ').map(String::from).collect();
            if let Some(n) = state_body_for(&ename, named) {
                return (n.1.clone(), n.2, Some(mention));
            }
            return (e.name.clone(), entity_speaker_type(e, &words), Some(mention));
        }
    }
    if is_pronoun(&words) || is_description(&words) {
        // ("the minister" is not the "Hanwha spokesman" who spoke last: an
        // unnamed source described by another role noun.)
        // (the head of "spokesman for the communist country" is its role)
        let head_of = |name: &str| -> Option<String> {
            let parts: Vec<&str> = name.split(' ').collect();
            let role_for = parts
                .iter()
                .position(|w| matches!(*w, "for" | "of"))
                .filter(|&p| p > 0 && is_in(speakers::PERSON_ROLES, parts[p - 1]));
            match role_for {
                Some(p) => Some(parts[p - 1].to_string()),
                None => parts.last().map(|w| w.to_string()),
            }
        };
        let other_description = |n: &Named| {
            is_description(&words)
                && head_of(&n.1).is_some_and(|w| {
                    w.starts_with(char::is_lowercase) && w.trim_end_matches('s') != lower_last.trim_end_matches('s')
                })
        };
        let before = named.iter().rev().filter(|n| n.0 < mention.start);
        if let Some(n) = before.clone().find(|n| {
            (compatible(&words, n.2) && !other_description(n))
                || (is_description(&words) && (same_head(&words, n) || same_role(doc, &words, n)))
        }) {
            return (n.1.clone(), n.2, Some(mention));
        }
        // "the agency", "the military" for the body named last, when no name
        // shares the head noun.
        let body_noun = matches!(
            words.last().map(|w| w.to_lowercase()).as_deref(),
            Some(
                "ministry"
                    | "agency"
                    | "military"
                    | "authorities"
                    | "government"
                    | "army"
                    | "department"
                    | "office"
                    | "embassy"
            )
        );
        if is_description(&words) && body_noun {
            // Modifiers must agree: "the health ministry" is not the civil
            // defence agency named before it.
            let mods: Vec<String> = words[1..words.len() - 1].iter().map(|w| w.to_lowercase()).collect();
            let body = before.clone().find(|n| {
                matches!(n.2, SpeakerType::Government | SpeakerType::Organization)
                    && n.1.contains(' ')
                    && mods.iter().all(|m| n.3.contains(m))
            });
            if let Some(n) = body {
                return (n.1.clone(), n.2, Some(mention));
            }
        }
        // No earlier speaker fits: the nearest person's name in the text.
        if compatible(&words, SpeakerType::Person) {
            if let Some(name) = runs.nearest_person(mention.start) {
                return (name, SpeakerType::Person, Some(mention));
            }
        }
        let name = canonical_name(&words);
        return (name, speaker_type(&words), Some(mention));
    }
    if bare && words.len() > 1 {
        // "previous media reports", "some observers": the description is the name.
        let start = usize::from(matches!(words[0].to_lowercase().as_str(), "a" | "an"));
        return (words[start..].join(" "), speaker_type(&words), Some(mention));
    }
    // "A prominent spreader of COVID-19 misinformation": an indefinite
    // description with a common head is its own unnamed source, whatever
    // name it holds.
    if words.len() >= 3
        && matches!(words[0].as_str(), "A" | "An" | "a" | "an")
        && words.last().is_some_and(|w| w.starts_with(char::is_lowercase))
        && words.iter().any(|w| w == "of")
        && !words.iter().any(|w| w == "by" || w == "from")
        && words[1].starts_with(char::is_lowercase)
    {
        return (words[1..].join(" "), speaker_type(&words), Some(mention));
    }
    let (name, ty) = named_speaker(&words);
    // A shortened description: "U.N. panel" → "U.N. panel of experts".
    if let Some(n) = named
        .iter()
        .find(|n| n.1.len() > name.len() && n.1.starts_with(name.as_str()) && n.1.as_bytes()[name.len()] == b' ')
    {
        return (n.1.clone(), n.2, Some(mention));
    }
    // A short form of a full name: "Heshmati" → "Borhan Heshmati",
    // "Acacia" → "Acacia Communications".
    // (A word of a name, or a description's head: "Western" is no short
    // form of "senior Western diplomat".)
    if !name.contains(' ') {
        if let Some(n) = named.iter().find(|n| {
            n.1.len() > name.len()
                && n.1.split(' ').any(|p| p == name)
                && n.1
                    .rsplit(' ')
                    .next()
                    .is_some_and(|w| w.starts_with(char::is_uppercase) || w == name)
        }) {
            return (n.1.clone(), n.2, Some(mention));
        }
        if let Some(full) = runs.full_name_of(&name) {
            let ty = if ty == SpeakerType::Person || full.split(' ').next_back() == Some(name.as_str()) {
                speaker_type(&full.split(' ').map(String::from).collect::<Vec<_>>())
            } else {
                ty
            };
            return (full, ty, Some(mention));
        }
    }
    // One name, one type: a descriptor anywhere ("the security blog Circuit
    // Watch") types the bare mentions too.
    let ty = if ty == SpeakerType::Person {
        named
            .iter()
            .find(|n| n.1 == name && n.2 != SpeakerType::Person)
            .map_or(ty, |n| n.2)
    } else {
        ty
    };
    (name, ty, Some(mention))
}

/// "A spokesman for President Vladimir Putin": the spokesman speaks, not
/// the titled person he speaks for; "the press secretary of the President of
/// Russia Dmitry Peskov": a person's name with no title of its own after the
/// role's master holds the role and speaks.
fn role_for_someone(doc: &Doc, a: usize, b: usize) -> Option<(String, SpeakerType, Option<Span>)> {
    let lw = |k: usize| doc.token_text(k).to_lowercase();
    let r = (a..b.saturating_sub(2)).find(|&k| matches!(lw(k + 1).as_str(), "for" | "of"))?;
    if !is_in(speakers::PERSON_ROLES, &lw(r)) {
        return None;
    }
    let mention = Span::new(doc.tokens[a].span.start as usize, doc.tokens[b - 1].span.end as usize);
    let head = doc.tokens[b - 1].span;
    let Some(e) = doc.entity_at(head).map(|i| &doc.entities[i]) else {
        // No person found at the end ("… of the President of Russia Dmitry
        // Peskov"): the last capitalised words past a place's name.
        let mut first = b;
        while first > r + 2 && doc.token_text(first - 1).starts_with(char::is_uppercase) {
            first -= 1;
        }
        while first < b && doc.entity_at(doc.tokens[first].span).is_some() {
            first += 1;
        }
        let name = words_of(doc, first, b);
        let person = (2..=3).contains(&name.len())
            && first > r + 2
            && !is_title_word(&lw(first - 1))
            && name
                .iter()
                .all(|w| !is_in(speakers::SPEAKER_NOUNS, w) && !is_title_word(&w.to_lowercase()));
        if person {
            return Some((name.join(" "), SpeakerType::Person, Some(mention)));
        }
        // ("The chief of Russia's general staff told …": no name at all;
        // the role and its body describe the person, whatever place the
        // body's name holds)
        let body_named = (r + 2..b).any(|k| doc.token_text(k).starts_with(char::is_uppercase));
        if first == b && body_named && !doc.token_text(b - 1).starts_with(char::is_uppercase) {
            let start = (a..r).find(|&k| !is_in(speakers::DETERMINERS, &lw(k))).unwrap_or(r);
            let text = doc.slice(Span::new(doc.tokens[start].span.start as usize, mention.end as usize));
            return Some((
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                SpeakerType::Person,
                Some(mention),
            ));
        }
        return None;
    };
    if e.etype != EntityType::Person {
        return None;
    }
    // (the name's own first word, past a title or a portfolio before it:
    // "Prime Minister Viktor Orban", "Minister of Foreign Affairs Olga Berg")
    let first_word = e.name.split(' ').next()?;
    let first = (a..b).rev().find(|&k| doc.token_text(k) == first_word)?;
    if first <= r + 1 {
        return None;
    }
    // (a portfolio after "of" is the role's: "Secretary of State Daniel
    // Osterman" holds it)
    if is_title_word(&lw(first - 1)) && lw(first - 2) != "of" {
        let start = (a..r).find(|&k| !is_in(speakers::DETERMINERS, &lw(k))).unwrap_or(r);
        let mut name = words_of(doc, start, r + 2);
        name.extend(words_of(doc, first, b));
        return Some((name.join(" "), SpeakerType::Person, Some(mention)));
    }
    Some((e.name.clone(), SpeakerType::Person, Some(mention)))
}

/// A title or role word ("minister", "spokesman", "CEO").
fn is_title_word(w: &str) -> bool {
    is_in(speakers::TITLES, w) || is_in(speakers::PERSON_ROLES, w)
}

/// The canonical name and type of a named speaker mention. "CEO of the
/// Refugee Council Enver Solomon" → "Enver Solomon", a person: a title that
/// the canonical name left out makes the rest a person, whatever body the
/// words also name.
fn named_speaker(words: &[String]) -> (String, SpeakerType) {
    // "Ukraine and its Western allies": a name coordinated with what
    // belongs to it is one group (the last capitalised run, "Western",
    // names no one).
    if let Some(k) = words.iter().position(|w| w == "and") {
        if k > 0
            && k + 2 < words.len()
            && matches!(words[k + 1].as_str(), "its" | "their" | "his" | "her")
            && words[..k].iter().all(|w| w.starts_with(char::is_uppercase))
            && words.last().is_some_and(|w| w.starts_with(char::is_lowercase))
        {
            return (words.join(" "), SpeakerType::Group);
        }
    }
    let name = canonical_name(words);
    let ty = speaker_type(words);
    let name_len = name.split(' ').count();
    // The title stands before the name's words, and the name is no body's.
    let first = name.split(' ').next().unwrap_or("");
    let before = words.iter().position(|w| w == first).unwrap_or(0);
    let titled = words[..before].iter().any(|w| is_title_word(w));
    let person_like = name
        .split(' ')
        .all(|w| w.starts_with(char::is_uppercase) && !is_in(speakers::SPEAKER_NOUNS, w));
    if titled && (2..=3).contains(&name_len) && name_len < words.len() && person_like {
        return (name, SpeakerType::Person);
    }
    (name, ty)
}

/// "Among the circulating claims are also accusations that …": a sourceless
/// noun cue whose sentence points back at claims already reported ("these
/// claims", "the circulating claims") has the source of the latest of them
/// (within a few statements) that named one.
fn claims_anaphor(
    doc: &Doc,
    f: &Found,
    earlier_found: &[Found],
    earlier: &[(String, SpeakerType, Option<Span>)],
) -> Option<(String, SpeakerType, Option<Span>)> {
    if f.speaker.is_some() || f.same_speaker_as.is_some() || f.speaker_fallback.is_none() {
        return None;
    }
    let cue = f.cue?;
    let si = doc.sentences.partition_point(|s| s.span.end <= cue.start);
    let sent = doc.sentences.get(si)?;
    let before = doc.text()[sent.span.start as usize..cue.start as usize].to_lowercase();
    let points_back = ["circulating", "circulated", "these", "such", "those", "the same"]
        .iter()
        .any(|d| {
            ["claims", "accusations", "allegations", "reports", "rumours", "rumors"]
                .iter()
                .any(|n| before.contains(&format!("{d} {n}")))
        });
    if !points_back {
        return None;
    }
    let lo = earlier_found.len().saturating_sub(6);
    (lo..earlier_found.len()).rev().find_map(|j| {
        let c = doc.slice(earlier_found[j].cue?).to_lowercase();
        let claims_cue = ["claim", "circulat", "accus", "alleg", "report", "rumo"]
            .iter()
            .any(|k| c.contains(k));
        let named = !earlier[j].0.starts_with("unnamed");
        (claims_cue && named).then(|| (earlier[j].0.clone(), earlier[j].1, None))
    })
}

/// Head nouns of unnamed collective sources that a later "the researchers"
/// or "they" can take up.
const GROUP_NOUNS: &[&str] = &[
    "team",
    "researchers",
    "scientists",
    "authors",
    "investigators",
    "group",
    "panel",
    "committee",
    "delegation",
    "experts",
];

/// The leaders named after a group mention ending at token `b`: ", led by
/// Paola Sebastiani and Thomas T. Perls" (or without the comma).
fn led_by(doc: &Doc, b: usize) -> Option<String> {
    let n = doc.tokens.len();
    let lw = |k: usize| doc.token_text(k).to_lowercase();
    let mut k = b;
    if k < n && lw(k) == "," {
        k += 1;
    }
    if !(k + 2 < n && lw(k) == "led" && lw(k + 1) == "by") {
        return None;
    }
    k += 2;
    let start = k;
    let mut last_name = k;
    while k < n && k < start + 12 {
        let t = doc.token_text(k);
        if t.chars().next().is_some_and(char::is_uppercase) {
            last_name = k + 1;
        } else if t != "and" && t != "-" {
            break;
        }
        k += 1;
    }
    (last_name > start).then(|| {
        (start..last_name)
            .map(|k| doc.token_text(k))
            .collect::<Vec<_>>()
            .join(" ")
            .replace(" - ", "-")
    })
}

/// "The Russian military", "the Armed Forces", "the Russian authorities":
/// the one defense ministry (for forces) or government ministry (for
/// authorities) of that country that speaks elsewhere in the article, which
/// the article treats as the same source.
fn state_body_for<'n>(words: &[String], named: &'n [Named]) -> Option<&'n Named> {
    let lower: Vec<String> = words
        .iter()
        .map(|w| w.to_lowercase())
        .filter(|w| !matches!(w.as_str(), "the" | "its" | "their"))
        .collect();
    let (forces, n_head) = match lower.as_slice() {
        [.., a, b] if a == "armed" && b == "forces" => (true, 2),
        [.., h] if matches!(h.as_str(), "military" | "army") => (true, 1),
        [.., h] if h == "authorities" => (false, 1),
        _ => return None,
    };
    // At most one qualifier before the head, a country adjective ("Russian").
    let quals = &lower[..lower.len() - n_head];
    if quals.len() > 1
        || words
            .iter()
            .rev()
            .nth(n_head)
            .is_some_and(|w| quals.len() == 1 && !w.starts_with(char::is_uppercase))
    {
        return None;
    }
    let country = quals.first();
    let fits = |n: &&Named| {
        n.2 == SpeakerType::Government
            && n.3.iter().any(|w| matches!(w.as_str(), "ministry" | "department"))
            && (!forces || n.3.iter().any(|w| matches!(w.as_str(), "defense" | "defence")))
            && country.is_none_or(|c| n.3.contains(c))
    };
    let mut bodies = named.iter().filter(fits);
    let first = bodies.next()?;
    fn key(n: &Named) -> Vec<&str> {
        let mut k: Vec<&str> =
            n.3.iter()
                .map(String::as_str)
                .filter(|w| !matches!(*w, "the" | "of"))
                .collect();
        k.sort_unstable();
        k
    }
    // "Russian Defense Ministry" and "Russian Ministry of Defense" are one.
    bodies.all(|n| key(n) == key(first)).then_some(first)
}

/// Runs of capitalised words in the text ("Kremlin spokesman Dmitry
/// Peskov" gives "Kremlin" and "Dmitry Peskov"), with their byte offsets.
fn proper_name_runs(text: &str) -> Vec<(u32, Vec<String>)> {
    let mut runs = Vec::new();
    let mut cur: Vec<String> = Vec::new();
    let mut cur_start = 0u32;
    let flush = |cur: &mut Vec<String>, start: u32, runs: &mut Vec<(u32, Vec<String>)>| {
        while cur
            .last()
            .is_some_and(|w| matches!(w.as_str(), "of" | "de" | "al" | "bin"))
        {
            cur.pop();
        }
        if !cur.is_empty() {
            runs.push((start, std::mem::take(cur)));
        }
        cur.clear();
    };
    let mut pos = 0usize;
    for raw in text.split_inclusive(char::is_whitespace) {
        let at = pos;
        pos += raw.len();
        let trimmed = raw.trim_end();
        let lead = trimmed.len() - trimmed.trim_start_matches(['“', '"', '(', '‘', '\'']).len();
        let w = &trimmed[lead..];
        let core = w.trim_end_matches([',', '.', ';', ':', '”', '"', ')', '’', '\'', '?', '!']);
        let core = core
            .strip_suffix("’s")
            .or_else(|| core.strip_suffix("'s"))
            .unwrap_or(core);
        let abbrev = w.ends_with('.') && core.contains('.');
        let cap = core.chars().next().is_some_and(char::is_uppercase) && !NOT_NAMES.contains(&core);
        let connector = !cur.is_empty() && matches!(core, "of" | "de" | "al" | "bin");
        if cap || connector {
            if cur.is_empty() {
                cur_start = (at + lead) as u32;
            }
            cur.push(core.to_string());
            if lead > 0 || (core.len() < w.len() && !abbrev) || raw.ends_with('\n') {
                flush(&mut cur, cur_start, &mut runs);
            }
        } else {
            flush(&mut cur, cur_start, &mut runs);
        }
    }
    flush(&mut cur, cur_start, &mut runs);
    runs
}

fn is_place(name: &str) -> bool {
    let l = name.to_lowercase();
    speakers::COUNTRIES.contains(&l.as_str()) || speakers::CAPITALS.contains(&l.as_str())
}

/// The capitalised name runs of a document, named once: lookups by a
/// name's first or last word, by initials, and of the nearest person's
/// name (the per-statement scans over every run made long documents
/// quadratic).
struct NameRuns {
    /// Canonical name of each run, in text order.
    names: Vec<String>,
    /// The first multiword run without a place in it, by its first and by
    /// its last word.
    by_part: std::collections::HashMap<String, usize>,
    /// The first multiword run with these initials ("IDF").
    by_initials: std::collections::HashMap<String, usize>,
    /// Positions and indices of the runs that look like a person's name.
    persons: Vec<(u32, usize)>,
}

impl NameRuns {
    fn new(runs: Vec<(u32, Vec<String>)>) -> NameRuns {
        let mut out = NameRuns {
            names: Vec::with_capacity(runs.len()),
            by_part: Default::default(),
            by_initials: Default::default(),
            persons: Vec::new(),
        };
        for (i, (pos, r)) in runs.iter().enumerate() {
            let full = canonical_name(r);
            let parts: Vec<&str> = full.split(' ').collect();
            if parts.len() >= 2 {
                let initials: String = parts
                    .iter()
                    .filter(|p| !matches!(**p, "of" | "the" | "and" | "for"))
                    .filter_map(|p| p.chars().next())
                    .collect();
                out.by_initials.entry(initials).or_insert(i);
                if !parts.iter().any(|p| is_place(p)) {
                    for p in [parts[0], parts[parts.len() - 1]] {
                        out.by_part.entry(p.to_string()).or_insert(i);
                    }
                }
            }
            let words: Vec<String> = parts.iter().map(|w| w.to_string()).collect();
            let person = words.len() >= 2
                && words.len() <= 4
                && speaker_type(&words) == SpeakerType::Person
                && words
                    .iter()
                    .all(|w| w.chars().all(|c| c.is_alphabetic() || c == '-' || c == '.'))
                && !words.iter().any(|w| {
                    is_place(w) || speakers::country_of_demonym(w).is_some() || NOT_PERSON_WORDS.contains(&w.as_str())
                });
            if person {
                out.persons.push((*pos, i));
            }
            out.names.push(full);
        }
        out
    }

    /// The full name a one-word name stands for: the first multiword name
    /// in the text that ends with it (a surname) or starts it (an
    /// organisation); for an acronym, the first with those initials.
    fn full_name_of(&self, short: &str) -> Option<String> {
        if is_place(short) {
            return None;
        }
        let acronym = short.len() >= 2 && short.len() <= 6 && short.chars().all(|c| c.is_ascii_uppercase());
        let i = if acronym {
            self.by_initials.get(short)
        } else {
            self.by_part.get(short)
        };
        i.map(|&i| self.names[i].clone())
    }

    /// The nearest multiword name before `pos` that looks like a person's.
    fn nearest_person(&self, pos: u32) -> Option<String> {
        let k = self.persons.partition_point(|&(p, _)| p < pos);
        k.checked_sub(1).map(|k| self.names[self.persons[k].1].clone())
    }
}

/// Capitalised words that never end or start a person's name.
const NOT_PERSON_WORDS: &[&str] = &[
    "Olympics",
    "Olympic",
    "Games",
    "Cup",
    "War",
    "Championship",
    "Championships",
    "League",
    "Election",
    "University",
    "College",
    "School",
    "Street",
    "Square",
    "Airport",
    "Road",
    "Ministry",
    "Council",
    "Committee",
    "Party",
    "Court",
    "Agency",
    "Institute",
    "Company",
    "Group",
    "Bank",
    "Forces",
    "Army",
    "News",
    "Times",
    "Post",
    "Today",
    "Network",
    "Summit",
    "Treaty",
    "Agreement",
    "Act",
    "Day",
    "Week",
];

const NOT_NAMES: &[&str] = &[
    "The",
    "A",
    "An",
    "It",
    "We",
    "I",
    "This",
    "That",
    "These",
    "Those",
    "He",
    "She",
    "They",
    "In",
    "On",
    "But",
    "And",
    "If",
    "When",
    "There",
    "Our",
    "Its",
    "His",
    "Her",
    "Their",
    "Time",
    "Given",
    "During",
    "Unlike",
    "Personally",
    "Moreover",
    "Nor",
    "What",
    "Not",
    "Just",
    "Details",
    "All",
    "Of",
    "Neither",
];

/// Capitalised names in the content, demonyms mapped to their countries.
fn about(content: &str) -> Vec<String> {
    about_with(content, |name, _| vec![name.to_string()])
}

/// [`about`] over a statement's content in its document: a capitalised
/// run gives the names the entity layer found in it, as written there
/// ("Did Baku Participate" → "Baku"; "Israel-Azerbaijan" → both), or
/// itself if it is a place; else nothing ("Okay", "Moreover", "I'm" are
/// not names). A document without entities (the entity layer did not run)
/// keeps every run.
fn about_in(doc: &Doc, content: Span) -> Vec<String> {
    let text = doc.slice(content);
    if doc.entities.is_empty() {
        return about(text);
    }
    about_with(text, |name, (a, b)| {
        let span = Span {
            start: content.start + a as u32,
            end: content.start + b as u32,
        };
        // the names the entity layer found in the run, as written there
        let mut found: Vec<Span> = doc
            .mentions_overlapping(span)
            .into_iter()
            .map(|m| Span {
                start: m.start.max(span.start),
                end: m.end.min(span.end),
            })
            .collect();
        found.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        found.dedup_by(|b, a| b.start < a.end);
        if found.is_empty() {
            return if is_place(name) {
                vec![name.to_string()]
            } else {
                Vec::new()
            };
        }
        if found.len() == 1 && found[0] == span {
            return vec![name.to_string()];
        }
        found
            .iter()
            .map(|m| doc.slice(*m).trim_end_matches(['’', '\'']).to_string())
            .collect()
    })
}

/// The names in `content`; `keep(name, byte range in content)` gives the
/// names each capitalised run stands for.
fn about_with(content: &str, keep: impl Fn(&str, (usize, usize)) -> Vec<String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&str> = Vec::new();
    let mut run_at = (0usize, 0usize);
    let flush = |run: &mut Vec<&str>, run_at: (usize, usize), out: &mut Vec<String>| {
        if !run.is_empty() {
            for name in keep(&run.join(" "), run_at) {
                if !out.contains(&name) && out.len() < 8 {
                    out.push(name);
                }
            }
            run.clear();
        }
    };
    let base = content.as_ptr() as usize;
    for raw in content.split_whitespace() {
        let w = raw.trim_matches(|c: char| !c.is_alphanumeric() && c != '-');
        let w = w.strip_suffix("’s").or_else(|| w.strip_suffix("'s")).unwrap_or(w);
        let upper = w.chars().next().is_some_and(char::is_uppercase);
        let cap = upper && !NOT_NAMES.contains(&w);
        // "Iranian", and the people: "Russians", "Azerbaijanis" (demonyms
        // are capitalised: the list is not searched for other words)
        let demonym = if upper {
            speakers::country_of_demonym(w).or_else(|| w.strip_suffix('s').and_then(speakers::country_of_demonym))
        } else {
            None
        };
        if let Some(country) = demonym {
            flush(&mut run, run_at, &mut out);
            if !out.iter().any(|o| o == country) {
                out.push(country.to_string());
            }
        } else if cap {
            let at = w.as_ptr() as usize - base;
            if run.is_empty() {
                run_at.0 = at;
            }
            run_at.1 = at + w.len();
            run.push(w);
        } else {
            flush(&mut run, run_at, &mut out);
        }
        if raw.ends_with([',', '.', ';', ':', '”', '"', ')']) {
            flush(&mut run, run_at, &mut out);
        }
    }
    flush(&mut run, run_at, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_runs_and_short_forms() {
        let text = "Kremlin spokesman Dmitry Peskov said. Later, Peskov told Acacia Communications staff.";
        let runs = proper_name_runs(text);
        let names: Vec<String> = runs.iter().map(|(_, r)| r.join(" ")).collect();
        assert_eq!(
            names,
            ["Kremlin", "Dmitry Peskov", "Later", "Peskov", "Acacia Communications"]
        );
        let runs = NameRuns::new(runs);
        assert_eq!(runs.full_name_of("Peskov").as_deref(), Some("Dmitry Peskov"));
        assert_eq!(runs.full_name_of("Acacia").as_deref(), Some("Acacia Communications"));
        assert_eq!(runs.nearest_person(60).as_deref(), Some("Dmitry Peskov"));
        let runs = NameRuns::new(proper_name_runs("The Israeli Defense Forces said. The IDF added."));
        assert_eq!(runs.full_name_of("IDF").as_deref(), Some("Israeli Defense Forces"));
    }

    #[test]
    fn about_maps_demonyms() {
        let a = about("Israel may have used Azerbaijani territory against Iranian targets");
        assert_eq!(a, ["Israel", "Azerbaijan", "Iran"]);
        assert_eq!(about("What we know is that the Russians hack our systems"), ["Russia"]);
    }

    /// `keep` sees each capitalised run with its byte range in the content.
    #[test]
    fn about_asks_over_each_run_where_it_is() {
        let content = "Okay, “Sergei Lavrov’s” deputy met Blinken.";
        let seen = std::cell::RefCell::new(Vec::new());
        let a = about_with(content, |name, (a, b)| {
            seen.borrow_mut().push((name.to_string(), content[a..b].to_string()));
            if name == "Okay" {
                Vec::new()
            } else {
                vec![name.to_string()]
            }
        });
        assert_eq!(a, ["Sergei Lavrov", "Blinken"]);
        for (name, at) in seen.borrow().iter() {
            assert_eq!(name, at);
        }
    }
}
