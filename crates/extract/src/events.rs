//! Events: who did what to whom, when and where ("Israel launched missile
//! strikes on military facilities in Iran's Tehran … on the night of 26
//! October").
//!
//! A verb whose form the CAMEO table codes (force, coercion, agreement,
//! visits, protests …; not public statements, which are the statement
//! layer's) and that is not negated is an event. Its sentence is parsed
//! (only such sentences, and only those that name an entity); the verb's
//! subject is the actor (the agent of a passive: "was shot down by X"),
//! its object, else its "against / on / with / at" complement, the target
//! (a passive's subject). Each is named by the entity it holds, else by
//! its words. Places are the place entities of the verb's "in / at / near"
//! complements; the date is an absolute date in the clause, or a relative
//! one ("on Thursday", "yesterday", "last month") resolved against the
//! document's publication date.

use std::borrow::Cow;
use std::sync::LazyLock;

use claimgraph_doc::{labels, Doc, EntityType, Event, SentenceParser, Span, NO_HEAD};

use crate::cameo::Cameo;
use crate::{DAY_NAMES, MONTH_NAMES};

/// Adds `doc.events` (needs entities; parses the sentences it reads when
/// they are not parsed yet, through `parser`, and keeps those parses).
pub fn find_events(doc: &mut Doc, parser: Option<&dyn SentenceParser>) {
    let cameo = Cameo::get();
    let mut events = Vec::new();
    for si in 0..doc.sentences.len() {
        let s = &doc.sentences[si];
        let range = s.token_range();
        if range.is_empty() || doc.excluded_kind(s.span).is_some() {
            continue;
        }
        let lex = crate::cues::Lexicon::get();
        let quoted = quoted_tokens(doc, range.clone());
        let candidates: Vec<usize> = range
            .clone()
            .filter(|&i| {
                if upos(doc, i) != "VERB" || quoted[i - range.start] || !likely_event(doc, cameo, i, range.clone()) {
                    return false;
                }
                let w = lw(doc, i);
                // (speech acts are the statement layer's: "accused", "urged")
                lex.verb(&w).is_none() && (verb_code(doc, cameo, i, range.end).is_some() || LIGHT_VERBS.contains(&&*w))
            })
            .collect();
        if candidates.is_empty() {
            continue;
        }
        // (someone named: an entity, or a capitalised word inside the sentence)
        let names_someone = doc
            .entities
            .iter()
            .any(|e| e.mentions.iter().any(|m| m.overlaps(s.span)))
            || range
                .clone()
                .skip(1)
                .any(|i| doc.token_text(i).starts_with(char::is_uppercase));
        if !names_someone {
            continue;
        }
        if !parsed(doc, range.clone()) {
            let Some(p) = parser else { continue };
            let arcs = p.parse_sentence(doc, si);
            for (k, (head, deprel)) in arcs.into_iter().enumerate() {
                let t = &mut doc.tokens[range.start + k];
                t.head = head;
                t.deprel = deprel;
            }
        }
        for &v in &candidates {
            if let Some(e) = event_at(doc, cameo, v, range.clone()) {
                events.push(e);
            }
        }
    }
    // Who reports it: the innermost statement whose content holds it.
    for e in events.iter_mut() {
        e.statement = doc
            .statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.content.start <= e.span.start && e.span.end <= s.content.end)
            .min_by_key(|(_, s)| s.content.len())
            .map(|(i, _)| i);
    }
    doc.events = events;
}

fn upos(doc: &Doc, i: usize) -> &'static str {
    labels::UPOS.get(doc.tokens[i].upos as usize).copied().unwrap_or("_")
}

fn deprel(doc: &Doc, i: usize) -> &'static str {
    labels::DEPREL
        .get(doc.tokens[i].deprel as usize)
        .copied()
        .unwrap_or("_")
}

/// The token lower-cased: borrowed when it is lower-case ASCII already
/// (most words; this layer looks at tens of thousands per hundred articles,
/// and an owned copy each time was most of its cost outside parsing).
fn lw(doc: &Doc, i: usize) -> Cow<'_, str> {
    lower(doc.token_text(i))
}

/// `s.to_lowercase()`, without the copy when that changes nothing.
fn lower(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(s.to_lowercase())
    } else {
        Cow::Borrowed(s)
    }
}

/// A modal's tag (`MD`), looked up in the tag table once.
fn is_modal(doc: &Doc, k: usize) -> bool {
    static MD: LazyLock<u8> = LazyLock::new(|| labels::index_of(labels::XPOS, "MD"));
    doc.tokens[k].xpos == *MD
}

fn parsed(doc: &Doc, range: std::ops::Range<usize>) -> bool {
    range
        .clone()
        .any(|i| doc.tokens[i].head != NO_HEAD || doc.tokens[i].deprel != 0)
}

/// The verb at `i` (with its particle: "shot down") and its event code,
/// refined by a pattern over the words after it.
fn verb_code(doc: &Doc, cameo: &Cameo, i: usize, end: usize) -> Option<(String, String, usize)> {
    let w = lw(doc, i);
    let phrasal = (i + 1 < end)
        .then(|| format!("{w} {}", lw(doc, i + 1)))
        .and_then(|p| cameo.verb(&p).map(|e| (e, 2)));
    let (entry, len) = phrasal.or_else(|| cameo.verb(&w).map(|e| (e, 1)))?;
    if BROAD_VERBS.contains(&entry.lemma) {
        return None;
    }
    let after: Vec<Cow<str>> = (i + len..end.min(i + len + 8)).map(|k| lw(doc, k)).collect();
    let after: Vec<&str> = after.iter().map(|w| &**w).collect();
    let code = cameo
        .pattern_code(entry.lemma, &after)
        .map(str::to_string)
        .or_else(|| entry.code.map(str::to_string))?;
    let action = (i..i + len).map(|k| doc.token_text(k)).collect::<Vec<_>>().join(" ");
    Some((action, code, len))
}

/// Tokens inside quotation marks (a speaker's words: what they say
/// happened is a claim, reported by the statement layer).
fn quoted_tokens(doc: &Doc, range: std::ops::Range<usize>) -> Vec<bool> {
    let mut inside = false;
    range
        .map(|i| {
            let t = doc.token_text(i);
            let mark = matches!(t, "“" | "”" | "\"" | "«" | "»");
            if mark {
                inside = match t {
                    "“" | "«" => true,
                    "”" | "»" => false,
                    _ => !inside,
                };
            }
            inside && !mark
        })
        .collect()
}

fn children(doc: &Doc, head: usize, range: std::ops::Range<usize>) -> impl Iterator<Item = usize> + '_ {
    range.filter(move |&k| doc.tokens[k].head as usize == head && k != head)
}

/// Before parsing (the cost of this layer): the verb at `i` could head an
/// event the parse would keep. A possible actor before it in its clause
/// (a name or an agent noun, no verb or comma between), a noun after it,
/// and no negation, modal or "to" right before it.
fn likely_event(doc: &Doc, cameo: &Cameo, i: usize, range: std::ops::Range<usize>) -> bool {
    let before = range.start.max(i.saturating_sub(3))..i;
    if before.clone().any(|k| {
        let w = lw(doc, k);
        matches!(&*w, "not" | "n't" | "never" | "to" | "without") || is_modal(doc, k)
    }) {
        return false;
    }
    let mut actor = false;
    let mut k = i;
    while k > range.start && i - k < 10 {
        k -= 1;
        let w = doc.token_text(k);
        if w == "," || w == ";" || matches!(upos(doc, k), "VERB") {
            break;
        }
        let lwk = lower(w);
        if (w.starts_with(char::is_uppercase) && k > range.start)
            || cameo.is_agent(&lwk)
            || MORE_AGENTS.contains(&&*lwk)
            || matches!(upos(doc, k), "PROPN")
        {
            actor = true;
            break;
        }
    }
    // (a passive may name only who suffered: "three civilians were killed")
    let passive = i > range.start && matches!(&*lw(doc, i - 1), "was" | "were" | "been" | "be" | "is" | "are");
    let noun_after = (i + 1..range.end.min(i + 6)).any(|k| matches!(upos(doc, k), "NOUN" | "PROPN" | "NUM"));
    passive || actor && noun_after
}

/// Verbs that name an event only by their object ("launched missile
/// strikes", "carried out raids").
const LIGHT_VERBS: &[&str] = &[
    "launch",
    "launched",
    "launches",
    "launching",
    "conduct",
    "conducted",
    "conducts",
    "conducting",
    "carry",
    "carried",
    "carries",
    "carrying",
    "stage",
    "staged",
    "stages",
    "staging",
    "mount",
    "mounted",
    "mounts",
];

/// Attack nouns a light verb's object may have.
const ATTACK_NOUNS: &[&str] = &[
    "strike",
    "strikes",
    "airstrike",
    "airstrikes",
    "attack",
    "attacks",
    "raid",
    "raids",
    "offensive",
    "assault",
    "bombardment",
    "bombing",
    "bombings",
    "shelling",
    "invasion",
    "incursion",
    "fire",
];

/// Actors the agent list of PETRARCH lacks.
const MORE_AGENTS: &[&str] = &[
    "forces",
    "drones",
    "jets",
    "warplanes",
    "gunmen",
    "authorities",
    "government",
    "officials",
    "fighters",
    "demonstrators",
];

fn event_at(doc: &Doc, cameo: &Cameo, v: usize, range: std::ops::Range<usize>) -> Option<Event> {
    let kids: Vec<usize> = children(doc, v, range.clone()).collect();
    let object = kids.iter().copied().find(|&k| deprel(doc, k) == "obj");
    // ("declined to comment", "refused to comment": no act)
    if kids
        .iter()
        .any(|&k| deprel(doc, k) == "xcomp" && lw(doc, k) == "comment")
    {
        return None;
    }
    let mut light_object = None;
    let (action, code, len) = match verb_code(doc, cameo, v, range.end) {
        Some(c) => c,
        None => {
            // "launched missile strikes", "carried out raids"
            let prt = kids.iter().copied().find(|&k| deprel(doc, k) == "compound:prt");
            let o = object.filter(|&o| ATTACK_NOUNS.contains(&&*lw(doc, o)))?;
            let end = prt.map_or(v + 1, |p| p + 1).max(v + 1);
            light_object = Some(o);
            let mut words: Vec<&str> = (v..end).map(|k| doc.token_text(k)).collect();
            words.extend(
                (subtree(doc, o, range.clone()).start.max(end)..=o)
                    .filter(|&k| doc.tokens[k].shape == claimgraph_doc::TokenShape::Word && upos(doc, k) != "DET")
                    .map(|k| doc.token_text(k)),
            );
            (words.join(" "), "190".to_string(), end - v)
        }
    };
    // Negated ("did not attack", "never met"): nothing happened. Nor has
    // what may, will or should happen, an intention ("to strike"), or an
    // act done without ("without offering").
    if kids.iter().any(|&k| {
        let w = lw(doc, k);
        matches!(&*w, "not" | "n't" | "never")
            || (deprel(doc, k) == "aux" && is_modal(doc, k))
            || (deprel(doc, k) == "mark" && matches!(&*w, "to" | "without" | "if" | "unless" | "whether"))
    }) {
        return None;
    }
    // Not an attribute or a noun's modifier: "the attacked convoy".
    if matches!(deprel(doc, v), "amod" | "compound") {
        return None;
    }
    let passive = kids
        .iter()
        .any(|&k| matches!(deprel(doc, k), "nsubj:pass" | "aux:pass"));
    let mut subject = kids
        .iter()
        .copied()
        .find(|&k| matches!(deprel(doc, k), "nsubj" | "nsubj:pass"));
    // "agreed to cooperate", "vowed to strike": the subject of the verb it
    // completes.
    if subject.is_none() && matches!(deprel(doc, v), "xcomp" | "conj") {
        let h = doc.tokens[v].head as usize;
        if range.contains(&h) {
            subject = children(doc, h, range.clone()).find(|&k| deprel(doc, k) == "nsubj");
        }
    }
    let agent = kids.iter().copied().find(|&k| deprel(doc, k) == "obl:agent");
    let oblique = |preps: &[&str]| {
        kids.iter().copied().find(|&k| {
            deprel(doc, k).starts_with("obl")
                && children(doc, k, range.clone()).any(|c| deprel(doc, c) == "case" && preps.contains(&&*lw(doc, c)))
        })
    };
    let (actor, target) = if passive {
        (agent, subject)
    } else if let Some(o) = light_object {
        // "launched strikes on military facilities": the attack's target.
        let on_object = children(doc, o, range.clone()).find(|&k| {
            deprel(doc, k).starts_with("nmod")
                && children(doc, k, range.clone())
                    .any(|c| deprel(doc, c) == "case" && matches!(&*lw(doc, c), "on" | "against"))
        });
        (subject, on_object.or_else(|| oblique(&["against", "on"])))
    } else if code.starts_with("06") || code.starts_with("07") {
        // "supplied drones to Russia", "provided an airbase to Israel": who
        // receives is the target, not what is given.
        // (The parse may hang "to Russia" on what is given.)
        let to_in_object = object.and_then(|o| {
            let mut stack = vec![o];
            let mut found = None;
            while let Some(x) = stack.pop() {
                for c in children(doc, x, range.clone()) {
                    let to = children(doc, c, range.clone()).any(|cc| deprel(doc, cc) == "case" && lw(doc, cc) == "to");
                    if deprel(doc, c).starts_with("nmod") && to {
                        found = found.or(Some(c));
                    } else if deprel(doc, c).starts_with("nmod") {
                        stack.push(c);
                    }
                }
            }
            found
        });
        (subject, oblique(&["to"]).or(to_in_object).or(object))
    } else {
        // (An object the parse took for a bare oblique: "killed three
        // ethnic Albanians" with no preposition.)
        let bare = kids.iter().copied().find(|&k| {
            deprel(doc, k) == "obl"
                && k > v
                && matches!(upos(doc, k), "NOUN" | "PROPN")
                && !children(doc, k, range.clone()).any(|c| deprel(doc, c) == "case")
                && !is_time_word(&lw(doc, k))
        });
        (
            subject,
            object
                .or_else(|| oblique(&["against", "on", "with", "at", "into"]))
                .or(bare),
        )
    };
    // Someone acts: a named actor, a capitalised phrase ("Russian
    // drones") or a generic agent ("police", "troops").
    let actor = actor.filter(|&k| {
        doc.entity_at(doc.tokens[k].span).is_some()
            || cameo.is_agent(&lw(doc, k))
            || MORE_AGENTS.contains(&&*lw(doc, k))
            || subtree(doc, k, range.clone())
                .any(|x| doc.token_text(x).starts_with(char::is_uppercase) && x != range.start)
    });
    let actor_name = actor.and_then(|k| phrase_name(doc, k, range.clone()));
    let target_name = target.and_then(|k| phrase_name(doc, k, range.clone()));
    // Someone did something to someone: both named (a passive may leave
    // the actor unsaid: "three civilians were killed in a car bombing").
    // A time is no target ("met on Saturday" read as an object).
    let target_name = target_name.filter(|t| !is_time_word(&t.to_lowercase()));
    if target_name.is_none() || actor_name.is_none() && !passive {
        return None;
    }
    // Places: the place entities of the verb's "in / at / near …"
    // complements and of the target's ("a power plant in the Kharkiv
    // region"), not of "to Israel".
    let mut places = Vec::new();
    // ("military facilities located in the provinces of Tehran, …": the
    // place of a participle that locates the target.)
    let mut target_kids: Vec<usize> = [target, light_object]
        .into_iter()
        .flatten()
        .flat_map(|t| children(doc, t, range.clone()))
        .collect();
    let locating: Vec<usize> = target_kids
        .iter()
        .copied()
        .filter(|&k| deprel(doc, k) == "acl" && matches!(&*lw(doc, k), "located" | "based" | "situated"))
        .flat_map(|k| children(doc, k, range.clone()))
        .collect();
    target_kids.extend(locating);
    for k in kids.iter().copied().chain(target_kids) {
        if !deprel(doc, k).starts_with("obl") && !deprel(doc, k).starts_with("nmod") {
            continue;
        }
        let place_prep = children(doc, k, range.clone()).any(|c| {
            deprel(doc, c) == "case" && matches!(&*lw(doc, c), "in" | "at" | "near" | "outside" | "across" | "over")
        });
        if !place_prep {
            continue;
        }
        let sub = subtree(doc, k, range.clone());
        let (a, b) = (doc.tokens[sub.start].span.start, doc.tokens[sub.end - 1].span.end);
        for e in &doc.entities {
            if matches!(e.etype, EntityType::Gpe | EntityType::Loc)
                && e.mentions.iter().any(|m| m.start >= a && m.end <= b)
                && !places.contains(&e.name)
            {
                places.push(e.name.clone());
            }
        }
    }
    let date = event_date(doc, v, range.clone());
    let first = [Some(v), actor, target].into_iter().flatten().min().unwrap_or(v);
    let last = [Some(v + len - 1), actor, target]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(v);
    let a = subtree(doc, first, range.clone()).start.min(v);
    let b = subtree(doc, last, range.clone()).end.max(v + len);
    Some(Event {
        actor: actor_name,
        action,
        target: target_name,
        code: Some(code),
        date,
        places,
        span: Span::new(doc.tokens[a].span.start as usize, doc.tokens[b - 1].span.end as usize),
        statement: None,
    })
}

fn is_time_word(w: &str) -> bool {
    DAY_NAMES.contains(&w)
        || MONTH_NAMES.contains(&w)
        || matches!(
            w,
            "today" | "yesterday" | "tonight" | "week" | "month" | "year" | "weekend" | "night"
        )
}

/// Verbs PETRARCH's synonym sets give a code that in news they seldom
/// carry ("went", "arrived", "raised concerns", "discussed", "struggled").
const BROAD_VERBS: &[&str] = &[
    "go",
    "come",
    "arrive",
    "consider",
    "raise",
    "discuss",
    "struggle",
    "succumb",
    "grab",
    "establish",
    "lead",
    "serve",
    "interfere",
    "favor",
    "favour",
    "approach",
    "push",
];

/// The token range a word heads (its dependents, contiguous around it).
fn subtree(doc: &Doc, k: usize, range: std::ops::Range<usize>) -> std::ops::Range<usize> {
    let within = |mut x: usize| {
        for _ in 0..64 {
            if x == k {
                return true;
            }
            let h = doc.tokens[x].head;
            if h == NO_HEAD || !range.contains(&(h as usize)) {
                return false;
            }
            x = h as usize;
        }
        false
    };
    let mut a = k;
    while a > range.start && within(a - 1) {
        a -= 1;
    }
    let mut b = k + 1;
    while b < range.end && within(b) {
        b += 1;
    }
    a..b
}

/// A phrase's name: the entity its head word (or a word before it in the
/// phrase: "Russian drones" → the drones' country is no actor, so the
/// words) names, else the phrase's words without determiners, clauses and
/// punctuation.
fn phrase_name(doc: &Doc, k: usize, range: std::ops::Range<usize>) -> Option<String> {
    let head_span = doc.tokens[k].span;
    if matches!(upos(doc, k), "PRON") {
        // ("it", "they": the entity layer's coreference, when it covers them)
        let e = doc.entity_at(head_span)?;
        return Some(doc.entities[e].name.clone());
    }
    if let Some(e) = doc.entity_at(head_span) {
        return Some(doc.entities[e].name.clone());
    }
    // "his Azerbaijani counterpart Jeyhun Bayramov": the name in apposition.
    if let Some(n) = children(doc, k, range.clone())
        .filter(|&c| matches!(deprel(doc, c), "appos" | "flat" | "compound") && c > k)
        .find_map(|c| doc.entity_at(doc.tokens[c].span))
    {
        return Some(doc.entities[n].name.clone());
    }
    // The head's own modifiers before it: "Russian drones", "the Israeli army".
    let mut a = k;
    while a > range.start
        && doc.tokens[a - 1].head as usize == k
        && matches!(
            deprel(doc, a - 1),
            "amod" | "compound" | "det" | "nmod:poss" | "flat" | "nummod"
        )
    {
        a -= 1;
    }
    while a < k && (matches!(upos(doc, a), "DET" | "PART") || upos(doc, a) == "PRON" && deprel(doc, a) == "nmod:poss") {
        a += 1;
    }
    // "Israel's army": the possessor names who acts.
    if a < k && deprel(doc, a) == "nmod:poss" && upos(doc, a) != "PRON" {
        if let Some(e) = doc.entity_at(doc.tokens[a].span) {
            let rest: Vec<&str> = (a + 1..=k)
                .filter(|&x| upos(doc, x) != "PART")
                .map(|x| doc.token_text(x))
                .collect();
            return Some(
                format!("{} {}", doc.entities[e].name, rest.join(" "))
                    .trim()
                    .to_string(),
            );
        }
    }
    let words: Vec<&str> = (a..=k).map(|x| doc.token_text(x)).collect();
    let text = words.join(" ");
    (!text.is_empty() && text.chars().any(char::is_alphabetic)).then_some(text)
}

/// The date of the event at verb `v`: a date written in its sentence
/// ("on 26 October", "on Oct. 26, 2024"), or a day named relative to the
/// publication date ("on Thursday", "yesterday", "today", "last night").
fn event_date(doc: &Doc, v: usize, range: std::ops::Range<usize>) -> Option<String> {
    let published = doc.meta.published.as_deref().and_then(parse_ymd);
    let words: Vec<String> = range
        .clone()
        .map(|i| lw(doc, i).trim_end_matches('.').to_string())
        .collect();
    let at = |i: usize| words.get(i).map(String::as_str).unwrap_or("");
    let month = |w: &str| {
        MONTH_NAMES
            .iter()
            .position(|m| w.len() >= 3 && m.starts_with(w))
            .map(|p| p as u32 + 1)
    };
    let day = |w: &str| w.parse::<u32>().ok().filter(|d| (1..=31).contains(d));
    let year = |w: &str| w.parse::<i32>().ok().filter(|y| (1900..=2100).contains(y));
    // Prefer the time word nearest the verb.
    let vi = v - range.start;
    let mut order: Vec<usize> = (0..words.len()).collect();
    order.sort_by_key(|&i| i.abs_diff(vi));
    for i in order {
        let w = at(i);
        // "26 October (2024)", "October 26(, 2024)"
        if let Some(m) = month(w).filter(|_| w.len() >= 3 && w != "may" || at(i + 1).parse::<u32>().is_ok()) {
            let (d, y_at) = if let Some(d) = day(at(i + 1)) {
                (Some(d), if at(i + 2) == "," { i + 3 } else { i + 2 })
            } else if i > 0 {
                (day(at(i - 1)), i + 1)
            } else {
                (None, i + 1)
            };
            let Some(d) = d else { continue };
            let y = year(at(y_at)).or_else(|| {
                // The year of publication, unless that puts the day after it.
                // (With only a year of publication the day may fall in the
                // year before: no date.)
                let (py, pm, pd) = published?;
                Some(if (m, d) > (pm, pd) { py - 1 } else { py })
            })?;
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
        let (py, pm, pd) = match published {
            Some(p) => p,
            None => continue,
        };
        let back = if let Some(wd) = DAY_NAMES.iter().position(|d| *d == w) {
            // The last such day on or before publication ("on Thursday").
            let pub_wd = weekday(py, pm, pd);
            Some(((pub_wd + 7 - wd) % 7) as i64)
        } else {
            match w {
                "yesterday" => Some(1),
                "today" | "tonight" | "overnight" => Some(0),
                "night" if i > 0 && at(i - 1) == "last" => Some(1),
                _ => None,
            }
        };
        if let Some(n) = back {
            let (y, m, d) = add_days(py, pm, pd, -n);
            return Some(format!("{y:04}-{m:02}-{d:02}"));
        }
    }
    None
}

fn parse_ymd(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let y = it.next()?.parse().ok()?;
    let m = it.next()?.parse().ok()?;
    let d = it.next()?.parse().ok()?;
    Some((y, m, d))
}

/// Days since 1970-01-01 (proleptic Gregorian), and back.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y } as i64;
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}

fn civil_from_days(z: i64) -> (i32, u32, u32) {
    let z = z + 719468;
    let era = if z >= 0 { z } else { z - 146096 } / 146097;
    let doe = z - era * 146097;
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    ((if m <= 2 { y + 1 } else { y }) as i32, m, d)
}

fn add_days(y: i32, m: u32, d: u32, n: i64) -> (i32, u32, u32) {
    civil_from_days(days_from_civil(y, m, d) + n)
}

/// 0 = Monday.
fn weekday(y: i32, m: u32, d: u32) -> usize {
    // 1970-01-01 was a Thursday.
    ((days_from_civil(y, m, d) + 3).rem_euclid(7)) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_arithmetic() {
        assert_eq!(weekday(2024, 10, 26), 5); // a Saturday
        assert_eq!(add_days(2024, 3, 1, -1), (2024, 2, 29));
        assert_eq!(add_days(2025, 1, 1, -1), (2024, 12, 31));
    }
}
