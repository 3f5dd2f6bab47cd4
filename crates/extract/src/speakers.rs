//! Speaker noun phrases: finding them next to a cue, naming them
//! canonically, typing them, and resolving pronouns and descriptions
//! ("he", "the newspaper") to an earlier named speaker.
//!
//! This is the token-level first pass; the entity and coreference layer
//! replaces the lexical typing here when it lands.

use claimgraph_doc::SpeakerType;
use claimgraph_entities::lexicon::is_in;

/// Heads of unnamed sources described by what they are close to ("sources
/// close to the Kremlin", "a person briefed on the talks").
pub const UNNAMED_SOURCE_NOUNS: &[&str] = &[
    "sources",
    "source",
    "people",
    "person",
    "officials",
    "official",
    "diplomats",
    "diplomat",
    "insiders",
    "insider",
    "aides",
    "aide",
    "someone",
    "individuals",
];

/// People named by what they are, speaking with their place: "one mother
/// in Kisumu", "a resident of Gaza City", "a farmer from Kherson".
pub const LAY_PERSON_NOUNS: &[&str] = &[
    "mother",
    "mothers",
    "father",
    "fathers",
    "parent",
    "parents",
    "woman",
    "women",
    "man",
    "men",
    "resident",
    "residents",
    "voter",
    "voters",
    "worker",
    "workers",
    "teacher",
    "teachers",
    "student",
    "students",
    "farmer",
    "farmers",
    "shopkeeper",
    "driver",
    "nurse",
    "villager",
    "villagers",
];

/// Lowercase words that can head a speaker noun phrase.
pub const SPEAKER_NOUNS: &[&str] = &[
    "media",
    "reports",
    "report",
    "newspaper",
    "newspapers",
    "outlets",
    "outlet",
    "experts",
    "expert",
    "officials",
    "official",
    "ministry",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "government",
    "authorities",
    "military",
    "army",
    "forces",
    "embassy",
    "agency",
    "channel",
    "website",
    "page",
    "analysts",
    "analyst",
    "observers",
    "sources",
    "source",
    "campaign",
    "team",
    "researchers",
    "study",
    "statement",
    "panel",
    "coaches",
    "coach",
    "president",
    "minister",
    "aide",
    "leader",
    "journalist",
    "journalists",
    "professor",
    "journal",
    "committee",
    "department",
    "office",
    "party",
    "police",
    "prosecutors",
    "investigators",
    "critics",
    "activists",
    "residents",
    "witnesses",
    "diplomats",
    "lawmakers",
    "senator",
    "mayor",
    "officer",
    "officers",
    "company",
    "firm",
    "group",
    "groups",
    "court",
    "people",
    "others",
    "some",
    "many",
    "scientists",
    "doctors",
    "lawyer",
    "lawyers",
    "attorney",
    "spokespeople",
    "representatives",
    "representative",
    "ambassador",
    "commander",
    "general",
    "chief",
    "director",
    "secretary",
    "head",
    "founder",
    "candidate",
    "economists",
    "union",
    "board",
    "council",
    "organization",
    "organisation",
    "newspaper's",
    "site",
    "account",
    "user",
    "users",
    "broadcaster",
    "network",
    "tv",
    "television",
    "radio",
    "magazine",
    "daily",
    "tabloid",
    "paper",
    "article",
    "editorial",
    "opposition",
    "leadership",
    "administration",
    "cabinet",
    "regime",
    "kremlin",
    "rebels",
    "militants",
    "troops",
    "official's",
    "counterpart",
    "movement",
    "bureau",
    "supporters",
    "opponents",
    "protesters",
    "victims",
    "families",
    "relatives",
    "neighbours",
    "neighbors",
    "locals",
    "villagers",
    "students",
    "workers",
    "employees",
    "staff",
    "spokespersons",
    "insiders",
    "regulator",
    "watchdog",
    "prosecutor",
    "prosecutors",
    "judge",
    "operator",
    "airline",
    "manufacturer",
    "supplier",
    "commission",
    "inquiry",
    "blog",
    "podcast",
    "newsletter",
    "passenger",
    "witness",
];

/// Determiners and quantifiers that may open a speaker NP.
pub const DETERMINERS: &[&str] = &[
    "the",
    "a",
    "an",
    "its",
    "his",
    "her",
    "their",
    "our",
    "this",
    "that",
    "these",
    "those",
    "some",
    "several",
    "many",
    "both",
    "other",
    "various",
    "two",
    "three",
    "unnamed",
    "anonymous",
    "previous",
];

/// Title words stripped from the front of a person's name.
pub const TITLES: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "foreign",
    "defence",
    "defense",
    "secretary",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "presidential",
    "general",
    "gen.",
    "dr.",
    "dr",
    "mr.",
    "mr",
    "mrs.",
    "mrs",
    "ms.",
    "ms",
    "prof.",
    "professor",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mayor",
    "chancellor",
    "king",
    "queen",
    "prince",
    "ambassador",
    "chief",
    "executive",
    "ceo",
    "director",
    "judge",
    "justice",
    "lt.",
    "col.",
    "colonel",
    "captain",
    "capt.",
    "commander",
    "deputy",
    "leader",
    "chairman",
    "chairwoman",
    "sheikh",
    "ayatollah",
    "pope",
    "coach",
    "head",
    "official",
    "journalist",
    "exiled",
    "azerbaijani",
    "iranian",
    "russian",
    "chinese",
    "american",
    "british",
    "israeli",
    "ukrainian",
    "turkish",
    "armenian",
    "u.s.",
    "us",
    "uk",
    "u.k.",
    "state",
    "first",
    "lady",
];

pub const PRONOUNS: &[&str] = &[
    "he", "she", "it", "they", "him", "her", "them", "we", "its", "their", "his",
];

/// Seats of government that stand for their governments in news.
pub const CAPITALS: &[&str] = &[
    "moscow",
    "kremlin",
    "beijing",
    "washington",
    "baku",
    "tehran",
    "kyiv",
    "kiev",
    "ankara",
    "yerevan",
    "taipei",
    "tel aviv",
    "jerusalem",
    "london",
    "paris",
    "berlin",
    "brussels",
    "tokyo",
    "seoul",
    "pyongyang",
    "damascus",
    "riyadh",
    "cairo",
    "delhi",
    "new delhi",
    "islamabad",
    "kabul",
    "baghdad",
    "minsk",
    "tbilisi",
    "downing street",
    "white house",
    "pentagon",
    "elysee",
    "élysée",
];

pub const COUNTRIES: &[&str] = &[
    "russia",
    "china",
    "iran",
    "israel",
    "azerbaijan",
    "armenia",
    "turkey",
    "türkiye",
    "ukraine",
    "taiwan",
    "united states",
    "us",
    "u.s.",
    "usa",
    "america",
    "uk",
    "u.k.",
    "britain",
    "united kingdom",
    "france",
    "germany",
    "japan",
    "north korea",
    "south korea",
    "india",
    "pakistan",
    "afghanistan",
    "iraq",
    "syria",
    "egypt",
    "saudi arabia",
    "qatar",
    "georgia",
    "belarus",
    "kazakhstan",
    "poland",
    "italy",
    "spain",
    "canada",
    "mexico",
    "brazil",
    "australia",
    "lebanon",
    "jordan",
    "yemen",
    "libya",
    "sudan",
    "gaza",
    "palestine",
    "venezuela",
    "cuba",
    "greece",
    "sweden",
    "norway",
    "finland",
    "netherlands",
    "belgium",
    "hungary",
    "serbia",
    "kosovo",
    "moldova",
    "romania",
    "bulgaria",
    "lithuania",
    "latvia",
    "estonia",
];

const MEDIA_WORDS: &[&str] = &[
    "media",
    "newspaper",
    "newspapers",
    "outlets",
    "outlet",
    "reports",
    "report",
    "channel",
    "website",
    "page",
    "agency",
    "journal",
    "broadcaster",
    "network",
    "tv",
    "television",
    "radio",
    "magazine",
    "daily",
    "tabloid",
    "paper",
    "article",
    "editorial",
    "site",
    "account",
    "news",
    "blog",
    "podcast",
    "newsletter",
    // (plurals: "some Western tabloids", "state broadcasters")
    "tabloids",
    "broadcasters",
    "channels",
    "websites",
    "magazines",
    "dailies",
    "papers",
    "blogs",
];

/// A word for an outlet or a channel ("newspaper", "channel", "website").
pub fn is_media_word(w: &str) -> bool {
    MEDIA_WORDS.contains(&w)
}

/// Words typical of mastheads ("Vale Chronicle", "Riverside Post"): a
/// name ending in one is an outlet.
const MASTHEAD_WORDS: &[&str] = &[
    "times",
    "post",
    "herald",
    "gazette",
    "journal",
    "chronicle",
    "tribune",
    "telegraph",
    "guardian",
    "observer",
    "express",
    "mail",
    "independent",
    "daily",
    "today",
    "wire",
    "press",
    "news",
    "courier",
    "mirror",
    "sun",
    "star",
    "standard",
    "record",
    "review",
    "monitor",
    "dispatch",
    "bulletin",
    "insider",
    "tv",
    "radio",
    "weekly",
    "magazine",
    "reporter",
    "sentinel",
    "examiner",
    "inquirer",
    "ledger",
];
/// A word heading a state body's name ("ministry", "army", "embassy").
pub fn is_gov_head(w: &str) -> bool {
    GOV_WORDS.contains(&w)
}

const GOV_WORDS: &[&str] = &[
    "ministry",
    "government",
    "authorities",
    "military",
    "army",
    "forces",
    "embassy",
    "officials",
    "department",
    "kremlin",
    "administration",
    "cabinet",
    "regime",
    "office",
    "police",
    "troops",
    "leadership",
    "service",
    // ("the Philippine coast guard", "border guards")
    "guard",
    "guards",
];
const GROUP_WORDS: &[&str] = &[
    "experts",
    "analysts",
    "observers",
    "coaches",
    "critics",
    "activists",
    "residents",
    "witnesses",
    "diplomats",
    "lawmakers",
    "researchers",
    "scientists",
    "doctors",
    "economists",
    "others",
    "people",
    "officers",
    "rebels",
    "militants",
    "journalists",
    "lawyers",
    "users",
    "team",
    "representatives",
    "supporters",
    "opponents",
    "protesters",
    "victims",
    "families",
    "relatives",
    "students",
    "workers",
];

/// Heads that name a company, also by what it makes or does ("the
/// Canadian handset maker"); `speaker_type` types them as organisations,
/// beside [`ORG_WORDS`].
pub const COMPANY_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "maker",
    "automaker",
    "carmaker",
    "chipmaker",
    "planemaker",
    "manufacturer",
    "carrier",
    "retailer",
    "insurer",
    "lender",
    "airline",
    "conglomerate",
    "startup",
];

const ORG_WORDS: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "systems",
    "communications",
    "university",
    "party",
    "campaign",
    "committee",
    "panel",
    "corporation",
    "ltd",
    "ltd.",
    "plc",
    "llc",
    "court",
    "union",
    "board",
    "council",
    "organization",
    "organisation",
    "institute",
    "bank",
    "foundation",
    "association",
    "movement",
    "bureau",
    "hamas",
    "hezbollah",
    "nato",
    "un",
    "u.n.",
    "eu",
];

/// Lowercase role nouns that precede a person's name.
pub const PERSON_ROLES: &[&str] = &[
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "aide",
    "journalist",
    "minister",
    "president",
    "official",
    "member",
    "leader",
    "expert",
    "professor",
    "analyst",
    "editor",
    "correspondent",
    "chief",
    "head",
    "director",
    "secretary",
    "ambassador",
    "envoy",
    "adviser",
    "advisor",
    "lawmaker",
    "senator",
    "mayor",
    "governor",
    "commander",
    "general",
    "coach",
    "captain",
    "founder",
    "executive",
    "chairman",
    "chairwoman",
    "candidate",
    "activist",
    "researcher",
    "scientist",
    "lawyer",
    "attorney",
    "judge",
    "diplomat",
    "officer",
    "negotiator",
    "deputy",
    "representative",
    "frontrunner",
    "champion",
    "premier",
    "chancellor",
    "prosecutor",
];

/// A speaker's type from the words of its mention.
pub fn speaker_type(words: &[String]) -> SpeakerType {
    let mut words = words;
    while words.len() > 1 && is_in(DETERMINERS, &words[0]) {
        words = &words[1..];
    }
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let joined = lower.join(" ");
    let last = lower.last().map(String::as_str).unwrap_or("");
    if lower.iter().any(|w| matches!(w.as_str(), "he" | "she" | "him")) {
        return SpeakerType::Person;
    }
    // "A popular Instagram post", "viral posts": what a platform carries,
    // no one named.
    if matches!(last, "post" | "posts") && words.len() >= 2 {
        return SpeakerType::Media;
    }
    // A role before a name: "Kremlin spokesman Dmitry Peskov".
    let is_cap = |w: &String| w.chars().next().is_some_and(char::is_uppercase);
    if words.len() >= 2 && is_cap(&words[words.len() - 1]) {
        let run_start = words.iter().rposition(|w| !is_cap(w));
        if let Some(r) = run_start {
            if PERSON_ROLES.contains(&lower[r].as_str()) && words.len() - r > 1 {
                return SpeakerType::Person;
            }
        }
    }
    // "An agency spokeswoman", "a State Department spokesperson": a person,
    // whatever body the words before the role noun name.
    if words.len() >= 2 && PERSON_ROLES.contains(&last) && !is_cap(&words[words.len() - 1]) {
        return SpeakerType::Person;
    }
    // "a spokesperson for the ministry"
    // ("the head coach of the national team": any role before its body)
    if lower
        .windows(2)
        .any(|p| matches!(p[1].as_str(), "for" | "of") && PERSON_ROLES.contains(&p[0].as_str()))
    {
        return SpeakerType::Person;
    }
    if CAPITALS.contains(&joined.as_str()) || joined.starts_with("official ") && CAPITALS.contains(&&joined[9..]) {
        return SpeakerType::Government;
    }
    if COUNTRIES.contains(&joined.as_str()) {
        return SpeakerType::Country;
    }
    // "the territory's civil defence agency", "the health agency": a state
    // agency, not a news agency.
    if last == "agency"
        && lower.len() >= 2
        && matches!(
            lower[lower.len() - 2].as_str(),
            "defence"
                | "defense"
                | "health"
                | "intelligence"
                | "security"
                | "space"
                | "protection"
                | "environment"
                | "environmental"
                | "energy"
                | "nuclear"
                | "border"
                | "relief"
                | "refugee"
                | "aid"
                | "emergency"
                | "emergencies"
                | "rescue"
                | "medicines"
                | "drug"
                | "food"
        )
    {
        return SpeakerType::Government;
    }
    // "the Hamas government media office", "the presidential press
    // service": a body's office for the media, not an outlet.
    if matches!(last, "office" | "service" | "department" | "centre" | "center")
        && lower.len() >= 2
        && matches!(lower[lower.len() - 2].as_str(), "media" | "press" | "information")
    {
        return if lower
            .iter()
            .any(|w| GOV_WORDS.contains(&w.as_str()) && w != "office" && w != "service")
            || lower
                .iter()
                .any(|w| matches!(w.as_str(), "presidential" | "kremlin" | "government"))
        {
            SpeakerType::Government
        } else {
            SpeakerType::Organization
        };
    }
    // ("Bogus posts on social media": posts, whoever wrote them, before the
    // platform's words)
    if lower.iter().any(|w| crate::attribution::is_post_noun(w)) && lower.iter().any(|w| w == "on") {
        return SpeakerType::Unnamed;
    }
    let masthead = words.len() >= 2
        && words.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && MASTHEAD_WORDS.contains(&last);
    if masthead
        || MEDIA_WORDS.contains(&last)
        || lower
            .iter()
            .any(|w| MEDIA_WORDS.contains(&w.as_str()) && w != "report" && w != "reports")
    {
        return SpeakerType::Media;
    }
    // ("Russia's prison service"; not "a service station": only as the head.)
    if GOV_WORDS.contains(&last)
        || lower
            .iter()
            .any(|w| GOV_WORDS.contains(&w.as_str()) && w != "office" && w != "service")
    {
        return SpeakerType::Government;
    }
    if lower
        .iter()
        .any(|w| ORG_WORDS.contains(&w.as_str()) || COMPANY_HEADS.contains(&w.as_str()))
    {
        return SpeakerType::Organization;
    }
    // ("Critics of the rollout": the head before its complement.)
    let head_before_of = lower
        .iter()
        .position(|w| w == "of")
        .filter(|&p| p > 0)
        .map(|p| lower[p - 1].as_str());
    if GROUP_WORDS.contains(&last) || head_before_of.is_some_and(|h| GROUP_WORDS.contains(&h)) {
        return SpeakerType::Group;
    }
    if matches!(last, "sources" | "source" | "some" | "many" | "they" | "it") {
        return SpeakerType::Unnamed;
    }
    let caps = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    // "ICOA", "NDC": a name in capitals alone is a body's, not a person's.
    if words.len() == 1 && words[0].len() >= 3 && words[0].chars().all(|c| c.is_ascii_uppercase()) {
        return SpeakerType::Organization;
    }
    if caps >= 1 && caps == words.len() {
        return SpeakerType::Person;
    }
    if caps == 0 {
        return SpeakerType::Unnamed;
    }
    SpeakerType::Person
}

/// The canonical name inside a speaker mention: determiners dropped, and
/// for people, titles before the name dropped ("Iranian Vice President
/// Mohammad Javad Zarif" → "Mohammad Javad Zarif"); for outlets the
/// descriptor dropped ("The Farikhtegan newspaper" → "Farikhtegan").
pub fn canonical_name(words: &[String]) -> String {
    let mut w: Vec<&str> = words.iter().map(String::as_str).collect();
    while w.len() > 1 && is_in(DETERMINERS, w[0]) {
        w.remove(0);
    }
    // "a report by a U.N. panel of experts", "a statement from the ministry":
    // the author.
    if let Some(b) = w.iter().position(|x| matches!(*x, "by" | "from")) {
        if b > 0
            && b + 1 < w.len()
            && matches!(
                w[b - 1].to_lowercase().as_str(),
                "report" | "study" | "statement" | "analysis" | "survey" | "letter" | "assessment"
            )
        {
            let rest: Vec<String> = w[b + 1..].iter().map(|x| x.to_string()).collect();
            return canonical_name(&rest);
        }
    }
    // "a new study of Canadian school children": the study, not whom it
    // studied.
    if let Some(b) = w.iter().position(|x| *x == "of") {
        if b > 0 && matches!(w[b - 1], "study" | "survey" | "poll" | "analysis" | "review" | "census") {
            return w[..b].join(" ");
        }
    }
    // "the Hamas statement", "the Chinese government's statement": the
    // author of the document.
    if w.len() > 1 && matches!(w[w.len() - 1], "statement" | "statements" | "communique" | "letter") {
        let mut author = w[..w.len() - 1].to_vec();
        if author.last().is_some_and(|x| matches!(*x, "'s" | "’s")) {
            author.pop();
        }
        if author.iter().any(|x| x.starts_with(char::is_uppercase)) {
            w = author;
        }
    }
    // "Posts on X and Telegram", "users on Weibo": the posts, by their
    // platform.
    if w.len() >= 3
        && w[..w.len() - 1]
            .iter()
            .enumerate()
            .any(|(i, x)| crate::attribution::is_post_noun(&x.to_lowercase()) && w[i + 1] == "on")
    {
        let mut d = w.join(" ");
        if let Some(first) = d.get(..1) {
            let lower = first.to_lowercase();
            d.replace_range(..1, &lower);
        }
        return d;
    }
    // "Iranian media reports" names the media, not the reports.
    // ("recent reports" stays: no source is left without the noun.)
    if w.len() > 1
        && matches!(w[w.len() - 1], "reports" | "report")
        && (w[w.len() - 2].starts_with(char::is_uppercase) || SPEAKER_NOUNS.contains(&w[w.len() - 2]))
    {
        w.pop();
    }
    let is_cap = |s: &str| s.chars().next().is_some_and(char::is_uppercase);
    // The last run of capitalised words that are not titles.
    let mut end = w.len();
    while end > 0 && !is_cap(w[end - 1]) {
        end -= 1;
    }
    if end == 0 {
        return w.join(" ");
    }
    let mut start = end;
    while start > 0
        && (is_cap(w[start - 1]) || matches!(w[start - 1], "of" | "and" | "de" | "al" | "bin" | "van" | "von" | "-"))
    {
        start -= 1;
    }
    let run = &w[start..end];
    // Titles go only before a person's name, not inside a body's name
    // ("Russian Defense Ministry").
    // ("The General SVR channel": an outlet's name before its descriptor
    // keeps its first word.)
    let body = run.last().is_some_and(|x| is_in(SPEAKER_NOUNS, x))
        || (end < w.len() && w[end..].iter().any(|x| is_media_word(&x.to_lowercase())));
    let t = if body {
        None
    } else {
        run.iter().rposition(|x| is_in(TITLES, x))
    };
    let mut name_words: &[&str] = match t {
        Some(t) if t + 1 < run.len() => &run[t + 1..],
        _ => run,
    };
    // "Minister of Foreign Affairs Olga Berg": the portfolio after the title.
    if t.is_some() {
        let portfolio_word =
            |w: &str| is_in(&["of", "for", "the"], w) || is_in(claimgraph_entities::lexicon::PORTFOLIOS, w);
        while name_words.len() > 2 && portfolio_word(name_words[0]) {
            name_words = &name_words[1..];
        }
    }
    // "CEO of the Refugee Council Enver Solomon": a body's name, then the
    // person's (two or three capitalised words with no body word).
    if name_words.len() >= 4 {
        let body = |x: &str| is_in(BODY_HEADS, x);
        if let Some(h) = name_words.iter().rposition(|x| body(x)) {
            let rest = &name_words[h + 1..];
            let person_like = (2..=3).contains(&rest.len())
                && rest
                    .iter()
                    .all(|x| is_cap(x) && x.chars().any(char::is_lowercase) && !body(x))
                && !rest.iter().any(|x| is_in(COUNTRIES, x));
            if person_like {
                name_words = rest;
            }
        }
    }
    if is_demonym_like(name_words) {
        return w.join(" "); // "Iranian media", "Israeli experts"
    }
    // "The foreign ministry in Baku", "the embassy in Washington": the body
    // speaks; the place says which.
    if start >= 2
        && end == w.len()
        && w[start - 1] == "in"
        && matches!(
            w[start - 2].to_lowercase().as_str(),
            "ministry" | "embassy" | "consulate" | "mission" | "office" | "bureau"
        )
    {
        return w.join(" ");
    }
    // "a senior US official", "State media": a name that only says whose
    // officials or media they are; the unnamed source is the description.
    let head = w[w.len() - 1];
    if end < w.len()
        && run.len() <= 2
        && (is_in(UNNAMED_SOURCE_NOUNS, head) || matches!(head, "media" | "television" | "radio" | "broadcaster"))
        && w[end..].iter().all(|x| !is_cap(x))
    {
        return w.join(" ");
    }
    // "Iranian state TV": "TV" is no outlet's name on its own.
    if run == ["TV"] && end == w.len() && start > 0 {
        return w.join(" ");
    }
    // A role before the name: "Kremlin spokesman Dmitry Peskov".
    if start > 0 && !is_cap(w[start - 1]) {
        return name_words.join(" ");
    }
    // An outlet descriptor after the name: "The Farikhtegan newspaper";
    // other descriptors are part of the name ("U.N. panel of experts").
    if end < w.len() {
        let media_tail = w[end..].iter().all(|x| is_in(MEDIA_WORDS, x));
        return if media_tail { name_words.join(" ") } else { w.join(" ") };
    }
    name_words.join(" ")
}

/// Head words of bodies' names ("Refugee Council", "Council on
/// American-Islamic Relations").
const BODY_HEADS: &[&str] = &[
    "council",
    "committee",
    "commission",
    "relations",
    "university",
    "institute",
    "foundation",
    "association",
    "ministry",
    "department",
    "agency",
    "party",
    "union",
    "court",
    "bank",
    "company",
    "corporation",
    "office",
    "authority",
    "organization",
    "organisation",
    "centre",
    "center",
    "hospital",
    "college",
    "network",
    "trust",
];

/// The country a demonym adjective belongs to.
pub fn country_of_demonym(word: &str) -> Option<&'static str> {
    DEMONYM_COUNTRIES.iter().find(|(d, _)| *d == word).map(|(_, c)| *c)
}

pub const DEMONYM_COUNTRIES: &[(&str, &str)] = &[
    ("Iranian", "Iran"),
    ("Israeli", "Israel"),
    ("Azerbaijani", "Azerbaijan"),
    ("Russian", "Russia"),
    ("Chinese", "China"),
    ("American", "United States"),
    ("Ukrainian", "Ukraine"),
    ("British", "United Kingdom"),
    ("Turkish", "Turkey"),
    ("Armenian", "Armenia"),
    ("Taiwanese", "Taiwan"),
    ("Palestinian", "Palestine"),
    ("French", "France"),
    ("German", "Germany"),
    ("Japanese", "Japan"),
    ("Indian", "India"),
    ("Pakistani", "Pakistan"),
    ("Syrian", "Syria"),
    ("Iraqi", "Iraq"),
    ("Egyptian", "Egypt"),
    ("Saudi", "Saudi Arabia"),
    ("Georgian", "Georgia"),
    ("Polish", "Poland"),
    ("Italian", "Italy"),
    ("Spanish", "Spain"),
    ("Canadian", "Canada"),
    ("Mexican", "Mexico"),
    ("Brazilian", "Brazil"),
    ("Australian", "Australia"),
    ("Lebanese", "Lebanon"),
    ("Qatari", "Qatar"),
    ("Belarusian", "Belarus"),
    ("Kazakh", "Kazakhstan"),
];

/// Words like "Iranian", "Israeli": a collective, not a name, when alone.
fn is_demonym_like(words: &[&str]) -> bool {
    words.len() == 1 && {
        let l = words[0].to_lowercase();
        l.ends_with("ian")
            || l.ends_with("ese")
            || l.ends_with("ish")
            || l.ends_with("eli")
            || l.ends_with("ani")
            || l.ends_with("ean")
            || l.ends_with("can")
            || l.ends_with("ish")
            // ("some Western tabloids", "Arab media", "Gulf states")
            || matches!(
                l.as_str(),
                "western" | "eastern" | "arab" | "gulf" | "foreign" | "international" | "local" | "regional"
            )
    }
}

/// An adjective written with a capital wherever it stands ("Arab",
/// "Western", "Palestinian"), unlike "Local" or "Foreign" at a sentence's
/// start.
pub fn is_proper_adjective(w: &str) -> bool {
    let demonym = || {
        claimgraph_entities::gazetteer::get()
            .lookup(w)
            .is_some_and(|e| e.kind == claimgraph_entities::gazetteer::GazKind::Demonym)
    };
    (is_demonym_like(&[w])
        && !matches!(
            w.to_lowercase().as_str(),
            "foreign" | "international" | "local" | "regional"
        ))
        || (w.starts_with(char::is_uppercase) && demonym())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn names() {
        assert_eq!(
            canonical_name(&v("Iranian Vice President Mohammad Javad Zarif")),
            "Mohammad Javad Zarif"
        );
        assert_eq!(canonical_name(&v("The Farikhtegan newspaper")), "Farikhtegan");
        assert_eq!(canonical_name(&v("Iranian media reports")), "Iranian media");
        assert_eq!(canonical_name(&v("The Kremlin")), "Kremlin");
        assert_eq!(canonical_name(&v("Israeli experts")), "Israeli experts");
        assert_eq!(canonical_name(&v("President Putin")), "Putin");
        assert_eq!(
            canonical_name(&v("The Russian Defense Ministry")),
            "Russian Defense Ministry"
        );
        assert_eq!(canonical_name(&v("Kremlin spokesman Dmitry Peskov")), "Dmitry Peskov");
        assert_eq!(canonical_name(&v("Presidential aide Hikmet Hajiyev")), "Hikmet Hajiyev");
        assert_eq!(canonical_name(&v("a U.N. panel of experts")), "U.N. panel of experts");
        assert_eq!(
            canonical_name(&v("a report by a U.N. panel of experts")),
            "U.N. panel of experts"
        );
    }

    #[test]
    fn types() {
        assert_eq!(speaker_type(&v("Iranian media reports")), SpeakerType::Media);
        assert_eq!(speaker_type(&v("The Kremlin")), SpeakerType::Government);
        assert_eq!(speaker_type(&v("Israeli experts")), SpeakerType::Group);
        assert_eq!(speaker_type(&v("Hikmet Hajiyev")), SpeakerType::Person);
        assert_eq!(speaker_type(&v("Iran")), SpeakerType::Country);
        assert_eq!(speaker_type(&v("Baku")), SpeakerType::Government);
        assert_eq!(speaker_type(&v("The White House")), SpeakerType::Government);
        assert_eq!(speaker_type(&v("the Vale Chronicle")), SpeakerType::Media);
        assert_eq!(speaker_type(&v("the security blog Circuit Watch")), SpeakerType::Media);
        assert_eq!(speaker_type(&v("Cisco Systems")), SpeakerType::Organization);
        assert_eq!(speaker_type(&v("Kremlin spokesman Dmitry Peskov")), SpeakerType::Person);
    }
}
