//! A one-pass tokenizer that follows the UD English (EWT/GUM) conventions:
//! clitics split (`do n't`, `I 'm`, `Iran 's`), hyphenated compounds split on
//! the hyphen except after the prefixes UD keeps (`anti-Iranian`, `e-mails`),
//! numbers kept whole (`84,000`, `4.5`, `08:50`) but unit suffixes split
//! (`17.79 m`), ordinals and decades whole (`20th`, `1970s`), abbreviations
//! keep their period (`Gen.`, `U.S.`), URLs and e-mails whole, quotes and
//! dashes separate.
//!
//! Offsets are byte offsets on char boundaries; nothing here panics on any
//! input.

use claimgraph_doc::{Span, Token, TokenShape};

/// Tokenizes `text[start..end]`, appending tokens with absolute offsets (into
/// `text`) to `out`. `space_after` looks at the char following each token in
/// the whole `text`. A may-end abbreviation (`U.S.`, `etc.`) that closes the
/// range loses its period to a separate `.` token, as UD does at the end of a
/// sentence.
pub(crate) fn tokenize_range(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let mut sc = Scanner {
        s: text,
        end,
        open_single: false,
    };
    let first = out.len();
    let mut i = start;
    while i < end {
        let c = char_at(text, i);
        if c.is_whitespace() || is_ignorable(c) {
            i += c.len_utf8();
            continue;
        }
        let (e, shape) = sc.scan(i, start);
        debug_assert!(e > i && e <= end);
        let e = if e <= i { i + c.len_utf8() } else { e.min(end) };
        let mut tok = Token::new(Span::new(i, e), shape);
        tok.space_after = e < text.len() && char_at(text, e).is_whitespace();
        out.push(tok);
        i = e;
    }
    // A may-end abbreviation closing the range gives its period away.
    let mut k = out.len();
    while k > first {
        let t = out[k - 1];
        let w = &text[t.span.range()];
        if t.shape == TokenShape::Quote || w == ")" || w == "]" {
            k -= 1;
            continue;
        }
        let initial = w.len() == 2 && w.as_bytes()[0].is_ascii_uppercase() && w.ends_with('.');
        if abbrev_kind(w) == Some(AbbrevKind::MayEnd) || (initial && t.shape == TokenShape::Word) {
            split_final_period(out, k - 1);
        }
        break;
    }
}

/// Splits token `k` (an abbreviation ending in `.`) into the word and a `.`.
pub(crate) fn split_final_period(tokens: &mut Vec<Token>, k: usize) {
    let t = tokens[k];
    let dot = t.span.end as usize - 1;
    let mut word = t;
    word.span = Span::new(t.span.start as usize, dot);
    word.space_after = false;
    let mut p = Token::new(Span::new(dot, t.span.end as usize), TokenShape::Punct);
    p.space_after = t.space_after;
    tokens[k] = word;
    tokens.insert(k + 1, p);
}

/// How an abbreviation token (ending in `.`) behaves at a sentence end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum AbbrevKind {
    /// Titles, months, initials: a sentence never ends here.
    Never,
    /// `U.S.`, `Inc.`, `etc.`: may end a sentence when a typical opener follows.
    MayEnd,
}

/// Classifies a token text that ends in `.` and is longer than one char.
pub(crate) fn abbrev_kind(w: &str) -> Option<AbbrevKind> {
    let b = w.as_bytes();
    if b.len() < 2 || b[b.len() - 1] != b'.' || b[..b.len() - 1].iter().all(|&c| c == b'.') {
        return None;
    }
    let core = &w[..w.len() - 1];
    if core.len() == 1 && b[0].is_ascii_uppercase() {
        return Some(AbbrevKind::Never); // an initial
    }
    if matches!(core, "e.g" | "i.e" | "E.g" | "I.e" | "viz") {
        return Some(AbbrevKind::Never);
    }
    if core.contains('.') {
        return Some(AbbrevKind::MayEnd); // U.S. a.m. Ph.D.
    }
    if NEVER_END.contains(&core) || BEFORE_NUMBER.contains(&core) {
        Some(AbbrevKind::Never)
    } else if MAY_END.contains(&core) {
        Some(AbbrevKind::MayEnd)
    } else if let Some(t) = title_case(core) {
        abbrev_kind_titled(&t)
    } else {
        None
    }
}

/// `GEN` → `Gen`, for all-caps text; `None` when not all caps or too long.
fn title_case(w: &str) -> Option<String> {
    if w.len() < 2 || w.len() > 6 || !w.bytes().all(|x| x.is_ascii_uppercase()) {
        return None;
    }
    let mut t = w.to_ascii_lowercase();
    t[..1].make_ascii_uppercase();
    Some(t)
}

fn abbrev_kind_titled(t: &str) -> Option<AbbrevKind> {
    if NEVER_END.contains(&t) {
        Some(AbbrevKind::Never)
    } else if MAY_END.contains(&t) {
        Some(AbbrevKind::MayEnd)
    } else {
        None
    }
}

/// Titles and months: the period is part of the token, a sentence does not end.
const NEVER_END: &[&str] = &[
    "Mr", "Mrs", "Ms", "Messrs", "Mssrs", "Dr", "Drs", "Prof", "Gen", "Gens", "Sen", "Sens", "Rep", "Reps", "Gov",
    "Govs", "Lt", "Col", "Capt", "Cmdr", "Cdr", "Adm", "Maj", "Sgt", "Cpl", "Pvt", "Brig", "Rev", "Hon", "Fr", "St",
    "Mt", "Ft", "Pres", "Supt", "Det", "Insp", "Atty", "Amb", "Mme", "Mlle", "Jan", "Feb", "Apr", "Jun", "Jul", "Aug",
    "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue", "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "vs", "Vs",
    "cf",
];

/// Abbreviations that only take their period before a number (`No. 1`).
const BEFORE_NUMBER: &[&str] = &[
    "ext", "Ext", "No", "Nos", "no", "Art", "Fig", "fig", "Vol", "vol", "pp", "Ch", "Sec", "Nr",
];

/// Abbreviations that may end a sentence.
const MAY_END: &[&str] = &[
    "Inc", "Corp", "Ltd", "Co", "Jr", "Sr", "Bros", "etc", "al", "approx", "est", "Dept", "dept", "Univ", "Assn",
    "Ave", "Blvd", "Rd", "Sq", "Ala", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Ill", "Kan", "Ky",
    "La", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Okla", "Ont", "Ore", "Pa", "Tenn", "Tex",
    "Va", "Vt", "Wis", "Wyo", "Que", "Alta", "Sask", "Mex", "Cal", "Assoc", "Sts", "Aves", "Pvt", "c", "ed", "eds",
    "Ltda", "Mfg", "Intl",
];

/// First parts of hyphenated words that UD keeps whole (`anti-Iranian`).
const HYPHEN_PREFIXES: &[&str] = &[
    "a", "e", "ex", "re", "pre", "post", "non", "mid", "anti", "co", "pro", "cross", "over", "semi", "counter",
    "multi", "sub", "mini", "neo", "socio", "psycho", "un", "inter", "intra", "super", "micro", "proto", "mis", "arch",
    "bi", "tri", "ultra", "extra", "de", "macro", "mega", "pseudo", "quasi", "uni", "agro", "bio", "cyber", "hyper",
    "infra", "meta", "para", "trans", "tele", "geo", "retro", "neuro", "electro",
];

/// Second parts of hyphenated words that UD keeps whole (`career-wise`).
const HYPHEN_SUFFIXES: &[&str] = &[
    "esque", "ette", "fest", "fold", "gate", "itis", "less", "most", "rama", "wise", "ness",
];

/// Unit suffixes split from a number (`17.79m` → `17.79 m`).
const UNITS: &[&str] = &[
    "m", "km", "cm", "mm", "kg", "g", "mg", "lb", "lbs", "ft", "mph", "kph", "am", "pm", "AM", "PM", "k", "K", "M",
    "bn", "mn", "b", "B", "ml", "l", "GB", "MB", "TB", "kW", "MW", "GW", "kWh", "MWh", "hrs", "hr", "h", "min", "sec",
    "oz", "yd", "yds", "mi", "km2", "sqm", "tn", "t", "C", "F", "x", "cc", "Hz", "GHz", "MHz", "mAh", "V", "W",
];

/// File extensions that keep `name.ext` whole.
const FILE_EXTS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "csv", "jpg", "jpeg", "png", "gif", "htm", "html",
    "zip", "mp3", "mp4", "exe", "xml", "json", "rtf",
];

/// Words UD splits into two syntactic words without an apostrophe
/// (`cannot` → `can not`, `gonna` → `gon na`): the length of the first part.
fn fused_split(w: &str) -> Option<usize> {
    if w.len() < 4 || w.len() > 8 {
        return None;
    }
    let mut buf = [0u8; 8];
    let lb = &mut buf[..w.len()];
    lb.copy_from_slice(w.as_bytes());
    lb.make_ascii_lowercase();
    match &*lb {
        b"cannot" | b"gonna" | b"wanna" | b"gotta" | b"outta" | b"lotta" => Some(3),
        b"thats" | b"whats" | b"theres" => Some(w.len() - 1),
        b"alot" => Some(1),
        b"lets" if w.starts_with('L') => Some(3),
        b"dont" | b"cant" | b"didnt" | b"doesnt" | b"isnt" | b"wasnt" | b"arent" | b"werent" | b"couldnt"
        | b"wouldnt" | b"shouldnt" | b"havent" | b"hasnt" | b"hadnt" => Some(w.len() - 2),
        _ => None,
    }
}

/// Top-level domains that make `word.tld` a URL.
const TLDS: &[&str] = &[
    "com", "org", "net", "gov", "edu", "int", "mil", "io", "info", "biz", "co", "uk", "us", "ru", "az", "am", "ir",
    "il", "ua", "cn", "de", "fr", "tv", "ca", "au", "in", "jp", "kr", "news", "ge", "tr", "eu", "me", "ly",
];

pub(crate) fn char_at(s: &str, i: usize) -> char {
    s[i..].chars().next().unwrap_or(' ')
}

fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Format characters: zero-width spaces and joiners, direction marks, BOM,
/// soft hyphen. Skipped between tokens, kept inside words.
pub(crate) fn is_ignorable(c: char) -> bool {
    matches!(c as u32, 0xAD | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF)
}

fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F
        | 0x0670 | 0x06D6..=0x06ED | 0x0900..=0x0903 | 0x093A..=0x094F | 0x0951..=0x0957
        | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF
        | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

pub(crate) fn is_quote_char(c: char) -> bool {
    matches!(
        c,
        '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‘' | '’' | '\'' | '`' | '‚' | '＂'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―' | '‒' | '−')
}

/// Clitic suffixes after an apostrophe (lowercased).
fn is_clitic(s: &str) -> bool {
    matches!(s, "s" | "re" | "ve" | "ll" | "d" | "m")
}

struct Scanner<'a> {
    s: &'a str,
    end: usize,
    /// A single quote (‘ or ') was opened and not yet closed.
    open_single: bool,
}

impl Scanner<'_> {
    fn at(&self, i: usize) -> Option<char> {
        if i < self.end {
            Some(char_at(self.s, i))
        } else {
            None
        }
    }

    fn word_at(&self, i: usize) -> bool {
        self.at(i).is_some_and(is_word_char)
    }

    /// End of the maximal run of word chars starting at `i`.
    fn run_end(&self, mut i: usize) -> usize {
        let b = self.s.as_bytes();
        while i < self.end {
            let x = b[i];
            if x < 0x80 {
                if x.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                break;
            }
            let c = char_at(self.s, i);
            if is_word_char(c) {
                i += c.len_utf8();
            } else if matches!(c as u32, 0xAD | 0x200B..=0x200D | 0x2060) && self.word_at(i + c.len_utf8()) {
                i += c.len_utf8(); // zero-width joiner inside a word
            } else {
                break;
            }
        }
        i
    }

    /// End of the whitespace-delimited chunk starting at `i`.
    fn chunk_end(&self, mut i: usize) -> usize {
        while let Some(c) = self.at(i) {
            if c.is_whitespace() {
                break;
            }
            i += c.len_utf8();
        }
        i
    }

    /// Scans one token starting at `i` (not whitespace); `start` is the start
    /// of the tokenized range.
    fn scan(&mut self, i: usize, start: usize) -> (usize, TokenShape) {
        let s = self.s;
        let c = char_at(s, i);
        let cl = c.len_utf8();
        let prev = if i > start { char_before(s, i) } else { None };
        let chunk_start =
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '<' | '{') || is_quote_char(p));

        if chunk_start && (c == 'h' || c == 'H' || c == 'w' || c == 'W') {
            if let Some(e) = self.url(i) {
                return (e, TokenShape::Url);
            }
        }
        if matches!(c, ':' | ';' | '=') {
            if let Some(e) = self.emoticon(i) {
                return (e, TokenShape::Symbol);
            }
        }
        if is_word_char(c) {
            if let Some(e) = self.email(i) {
                return (e, TokenShape::Url);
            }
            // n't after a verb: "do|n't"
            if (c == 'n' || c == 'N') && prev.is_some_and(is_word_char) {
                if let Some(e) = self.nt_at(i) {
                    return (e, TokenShape::Word);
                }
            }
            return self.word(i);
        }
        match c {
            '’' | '‘' if self.at(i + cl) == Some(c) => {
                if c == '’' {
                    self.open_single = false;
                }
                return (i + 2 * cl, TokenShape::Quote); // ’’ used as a double quote
            }
            '\'' | '’' | 'ʼ' | '‘' => return self.apostrophe(i, c, prev),
            '"' | '“' | '”' | '„' | '‟' | '«' | '»' | '‹' | '›' | '‚' | '＂' => {
                return (i + cl, TokenShape::Quote)
            }
            '`' => {
                let e = if self.at(i + 1) == Some('`') { i + 2 } else { i + 1 };
                return (e, TokenShape::Quote);
            }
            '.' => {
                let mut e = i + 1;
                while self.at(e) == Some('.') {
                    e += 1;
                }
                if e == i + 1 {
                    while matches!(self.at(e), Some('!' | '?')) {
                        e += 1; // .? .!
                    }
                }
                if e == i + 1 && self.at(e).is_some_and(|d| d.is_ascii_digit()) && !prev.is_some_and(is_word_char) {
                    return self.word(i); // .5
                }
                return (e, TokenShape::Punct);
            }
            '-' => {
                let mut e = i + 1;
                while self.at(e) == Some('-') {
                    e += 1;
                }
                return (e, TokenShape::Punct);
            }
            '!' | '?' => {
                let mut e = i + 1;
                while matches!(self.at(e), Some('!' | '?' | '.')) {
                    e += 1;
                }
                return (e, TokenShape::Punct);
            }
            _ => {}
        }

        if is_dash(c) {
            let mut e = i + cl;
            while self.at(e) == Some(c) {
                e += cl;
            }
            return (e, TokenShape::Punct);
        }
        if c == '…' {
            return (i + cl, TokenShape::Punct);
        }
        if c.is_ascii_punctuation()
            && !matches!(
                c,
                '$' | '%' | '&' | '#' | '@' | '+' | '=' | '<' | '>' | '~' | '^' | '*' | '|' | '\\' | '/'
            )
        {
            let mut e = i + 1;
            if c == '_' {
                while self.at(e) == Some('_') {
                    e += 1;
                }
            }
            return (e, TokenShape::Punct);
        }
        if c == '+' && chunk_start && self.at(i + 1).is_some_and(|d| d.is_ascii_digit()) {
            let (e, _) = self.word(i + 1);
            return (e, TokenShape::Number); // +1
        }
        if c == '@' || c == '#' {
            // @handle, #hashtag
            let e = self.run_end(i + 1);
            if e > i + 1 && chunk_start && (c == '@' || self.s.as_bytes()[i + 1].is_ascii_alphabetic()) {
                if c == '@' && self.at(e) == Some('.') && self.word_at(e + 1) {
                    if let Some((de, _)) = self.dotted_name(e + 1) {
                        return (de, TokenShape::Url); // @example.com
                    }
                }
                return (e, TokenShape::Word);
            }
        }
        if c.is_ascii() || is_symbol_like(c) {
            let mut e = i + cl;
            if c.is_ascii() {
                while self.at(e) == Some(c) {
                    e += 1; // *** ==== ____ $$$
                }
            }
            return (e, TokenShape::Symbol);
        }
        // Other non-word, non-space chars: general punctuation block is Punct.
        if matches!(c as u32, 0x2010..=0x2027 | 0x2030..=0x205E | 0x3000..=0x303F | 0xFF01..=0xFF0F | 0x00A1..=0x00BF) {
            return (i + cl, TokenShape::Punct);
        }
        (i + cl, TokenShape::Symbol)
    }

    /// `:)`, `:-)`, `;)`, `:(`, `:P`, `:D` followed by a non-word char.
    fn emoticon(&self, i: usize) -> Option<usize> {
        let b = self.s.as_bytes();
        let mut j = i + 1;
        if j < self.end && b[j] == b'-' {
            j += 1;
        }
        if j >= self.end {
            return None;
        }
        let m = b[j];
        let ok = matches!(
            m,
            b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b'O' | b'o' | b'S' | b'\\'
        ) && (b[i] != b'=' || m == b')');
        if !ok || (matches!(m, b'/' | b'O' | b'o' | b'S' | b'\\') && j == i + 1 && b[i] != b':') {
            return None;
        }
        let e = j + 1;
        if matches!(m, b'/' | b'O' | b'o' | b'S' | b'D' | b'P' | b'p') && (self.word_at(e) || j == i + 1 && m == b'/') {
            return None;
        }
        if e < self.end && b[e].is_ascii_alphanumeric() {
            return None;
        }
        Some(e)
    }

    /// `n't` (or `N'T`) starting at `i`, followed by a non-word char.
    fn nt_at(&self, i: usize) -> Option<usize> {
        let a = self.at(i + 1)?;
        if !is_apostrophe(a) {
            return None;
        }
        let j = i + 1 + a.len_utf8();
        let t = self.at(j)?;
        if (t == 't' || t == 'T') && !self.word_at(j + 1) {
            Some(j + 1)
        } else {
            None
        }
    }

    fn apostrophe(&mut self, i: usize, c: char, prev: Option<char>) -> (usize, TokenShape) {
        let cl = c.len_utf8();
        let after = i + cl;
        let attached = prev.is_some_and(is_word_char);
        if c != '‘' && attached {
            // Clitic: 's 're 've 'll 'd 'm
            let e = self.run_end(after);
            if e > after && e - after <= 2 {
                let suf = self.s[after..e].to_ascii_lowercase();
                if is_clitic(&suf) {
                    return (e, TokenShape::Word);
                }
            }
            if !self.word_at(after) {
                // Closing: possessive plural (countries') unless a single quote is open.
                let p = prev.unwrap_or(' ');
                if matches!(p, 's' | 'S' | 'z') && !self.open_single {
                    return (after, TokenShape::Word);
                }
                self.open_single = false;
                return (after, TokenShape::Quote);
            }
        }
        if c == '\'' && self.at(after) == Some('\'') {
            return (after + 1, TokenShape::Quote); // '' as a double quote
        }
        if !attached && c != '‘' {
            // '90s, 'em
            let e = self.run_end(after);
            if matches!(&self.s[after..e], "em" | "Em") {
                return (e, TokenShape::Word);
            }
            if e > after
                && self.s[after..e].len() == 3
                && self.s[after..e].ends_with('s')
                && self.s.as_bytes()[after].is_ascii_digit()
            {
                return (e, TokenShape::Number);
            }
        }
        // ’ followed by a non-word char closes; anything else opens.
        self.open_single = c != '’' || self.word_at(after);
        (after, TokenShape::Quote)
    }

    /// A URL starting at `i` (http://, https://, www.), with trailing
    /// punctuation left out.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = &self.s[i..self.end];
        let lower_starts =
            |p: &str| rest.len() >= p.len() && rest.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes());
        if !(lower_starts("http://") || lower_starts("https://") || lower_starts("www.")) {
            return None;
        }
        let e = self.chunk_end(i);
        Some(self.trim_url_end(i, e))
    }

    fn trim_url_end(&self, i: usize, mut e: usize) -> usize {
        let s = self.s;
        // A closing bracket stays when the URL opens one: en.wikipedia.org/wiki/X_(Y)
        let count = |x: u8| s.as_bytes()[i..e].iter().filter(|&&b| b == x).count();
        let (open, mut close) = (count(b'('), count(b')'));
        let (open_sq, mut close_sq) = (count(b'['), count(b']'));
        while e > i {
            let c = char_before(s, e).unwrap_or(' ');
            let strip = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | '”' | '’' | '»' | '“' => true,
                ')' if close > open => {
                    close -= 1;
                    true
                }
                ']' if close_sq > open_sq => {
                    close_sq -= 1;
                    true
                }
                _ => is_ignorable(c),
            };
            if !strip {
                break;
            }
            e -= c.len_utf8();
        }
        e
    }

    /// An e-mail address starting at `i`.
    fn email(&self, i: usize) -> Option<usize> {
        let b = self.s.as_bytes();
        let mut j = i;
        // Local parts are at most 64 bytes, domains 253: the bounds keep
        // pathological runs ("x-x-x-…") linear.
        let local_end = self.end.min(i + 65);
        while j < local_end && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'.' | b'_' | b'%' | b'+' | b'-')) {
            j += 1;
        }
        if j == i || j >= self.end || b[j] != b'@' {
            return None;
        }
        let d = j + 1;
        let mut k = d;
        let mut dots = 0;
        let domain_end = self.end.min(d + 253);
        while k < domain_end && (b[k].is_ascii_alphanumeric() || matches!(b[k], b'.' | b'-')) {
            if b[k] == b'.' {
                dots += 1;
            }
            k += 1;
        }
        while k > d && matches!(b[k - 1], b'.' | b'-') {
            if b[k - 1] == b'.' {
                dots -= 1;
            }
            k -= 1;
        }
        if k == d || !b[d].is_ascii_alphanumeric() || (dots == 0 && self.word_at(k)) {
            return None;
        }
        Some(k)
    }

    /// A word or number starting at `i`.
    fn word(&self, i: usize) -> (usize, TokenShape) {
        let s = self.s;
        let b = s.as_bytes();
        let numeric_start = b[i].is_ascii_digit() || b[i] == b'.';
        let mut seg_start = i;
        let mut j = self.run_end(i);
        if b[i] == b'.' {
            j = self.run_end(i + 1);
        }
        // The token is a dotted acronym so far (U.S, a.m).
        let mut dotted = false;
        while let Some(d) = self.at(j) {
            let dl = d.len_utf8();
            let seg = &s[seg_start..j];
            let all_digits = |t: &str| !t.is_empty() && t.bytes().all(|x| x.is_ascii_digit());
            match d {
                '\'' | '’' | 'ʼ' => {
                    // n't: stop before the n
                    if j - seg_start > 1 && (b[j - 1] == b'n' || b[j - 1] == b'N') {
                        let a = j + dl;
                        if matches!(self.at(a), Some('t' | 'T')) && !self.word_at(a + 1) {
                            return (j - 1, TokenShape::Word);
                        }
                    }
                    let a = j + dl;
                    let e = self.run_end(a);
                    if e == a {
                        break;
                    }
                    if e - a <= 2 && is_clitic(&s[a..e].to_ascii_lowercase()) {
                        if numeric_start && &s[a..e] == "s" && s[i..j].bytes().all(|x| x.is_ascii_digit()) {
                            return (e, TokenShape::Number); // the 70's
                        }
                        break;
                    }
                    // '90s-like or O'Brien, Qa'ida: join
                    seg_start = a;
                    j = e;
                }
                '.' => {
                    let a = j + 1;
                    let nxt = self.at(a);
                    if nxt.is_some_and(|x| x.is_ascii_digit())
                        && (all_digits(seg) || numeric_start && seg.bytes().all(|x| x.is_ascii_digit()))
                    {
                        seg_start = a;
                        j = self.run_end(a);
                        continue;
                    }
                    if nxt.is_some_and(is_word_char) {
                        let e = self.run_end(a);
                        let next_seg = &s[a..e];
                        let short = |t: &str| t.chars().count() <= 2 && t.chars().all(|x| x.is_alphabetic());
                        if short(seg) && short(next_seg) {
                            dotted = true;
                            seg_start = a;
                            j = e;
                            continue;
                        }
                        if !numeric_start {
                            if let Some(r) = self.dotted_name(a) {
                                return r;
                            }
                        }
                        break;
                    }
                    // period followed by a non-word char: keep it for abbreviations
                    let tok = &s[i..j];
                    if dotted && seg.chars().all(|x| x.is_alphabetic()) {
                        return (a, TokenShape::Word);
                    }
                    if seg_start == i {
                        if tok.len() == 1 && b[i].is_ascii_uppercase() {
                            return (a, TokenShape::Word);
                        }
                        if NEVER_END.contains(&tok)
                            || MAY_END.contains(&tok)
                            || title_case(tok).is_some_and(|t| abbrev_kind_titled(&t).is_some())
                        {
                            return (a, TokenShape::Word);
                        }
                        if BEFORE_NUMBER.contains(&tok) {
                            let mut k = a;
                            while self.at(k) == Some(' ') {
                                k += 1;
                            }
                            if k > a && self.at(k).is_some_and(|x| x.is_ascii_digit()) {
                                return (a, TokenShape::Word);
                            }
                        }
                    }
                    break;
                }
                ',' => {
                    let a = j + 1;
                    if numeric_start && all_digits(seg) && self.at(a).is_some_and(|x| x.is_ascii_digit()) {
                        seg_start = a;
                        j = self.run_end(a);
                        continue;
                    }
                    break;
                }
                ':' | '/' => {
                    let a = j + 1;
                    if d == '/' && seg_start == i && j - i == 1 && b[i].is_ascii_alphabetic() {
                        if self.word_at(a) && self.run_end(a) == a + 1 && b[a].is_ascii_alphabetic() {
                            j = a + 1; // b/c, w/o
                            continue;
                        }
                        if b[i] == b'w' || b[i] == b'W' {
                            return (a, TokenShape::Word); // w/
                        }
                    }
                    if numeric_start && all_digits(seg) && self.at(a).is_some_and(|x| x.is_ascii_digit()) {
                        let e = self.run_end(a);
                        let digits = s[a..e].bytes().take_while(u8::is_ascii_digit).count();
                        // 9/11, 08/16/2000; 08:50, 7:30pm (the unit is split below)
                        if digits == e - a || (d == ':' && digits == 2) {
                            seg_start = a;
                            j = e;
                            continue;
                        }
                    }
                    break;
                }
                '&' => {
                    // AT&T, S&P, R&D
                    let a = j + 1;
                    let e = self.run_end(a);
                    let caps = |t: &str| !t.is_empty() && t.len() <= 2 && t.bytes().all(|x| x.is_ascii_uppercase());
                    if caps(seg) && caps(&s[a..e]) {
                        seg_start = a;
                        j = e;
                        continue;
                    }
                    break;
                }
                '-' => {
                    let a = j + 1;
                    if !self.word_at(a) {
                        if !numeric_start && seg_start == i && self.at(a).is_none_or(|x| x == ' ' || x == '\t') {
                            return (a, TokenShape::Word); // a cut-off word: "re-", "Shobha-"
                        }
                        break;
                    }
                    if self.hyphen_joins(i, seg_start, j, numeric_start) {
                        seg_start = a;
                        j = self.run_end(a);
                        continue;
                    }
                    break;
                }

                '_' => {
                    let a = j + 1;
                    if self.word_at(a) {
                        seg_start = a;
                        j = self.run_end(a);
                        continue;
                    }
                    break;
                }
                _ => {
                    if matches!(d as u32, 0xAD | 0x200B..=0x200D | 0x2060) && self.word_at(j + dl) {
                        seg_start = j + dl;
                        j = self.run_end(j + dl);
                        continue;
                    }
                    break;
                }
            }
        }
        let tok = &s[i..j];
        if numeric_start {
            // split a unit suffix: 17.79m → 17.79 m; keep 20th, 1970s
            let nb = tok
                .bytes()
                .position(|x| !(x.is_ascii_digit() || matches!(x, b'.' | b',' | b':' | b'/' | b'-')))
                .unwrap_or(tok.len());
            if nb < tok.len() {
                let suf = &tok[nb..];
                if suf.bytes().all(|x| x.is_ascii_alphabetic()) {
                    if UNITS.contains(&suf) && tok.as_bytes()[nb - 1].is_ascii_digit() {
                        return (i + nb, TokenShape::Number);
                    }
                    if matches!(suf, "st" | "nd" | "rd" | "th" | "s" | "TH" | "ST" | "ND" | "RD") {
                        return (j, TokenShape::Number);
                    }
                }
                return (j, TokenShape::Word);
            }
            return (j, TokenShape::Number);
        }

        if let Some(n) = fused_split(tok) {
            return (i + n, TokenShape::Word);
        }
        (j, TokenShape::Word)
    }

    /// `name.tld`, `a.b.tld/path` or `file.ext`: `a` is the start of the
    /// segment after the first dot. Returns the token end and shape.
    fn dotted_name(&self, mut a: usize) -> Option<(usize, TokenShape)> {
        // At most 8 segments: a bound that keeps "a.b.c.…" runs linear.
        for _ in 0..8 {
            let e = self.run_end(a);
            let seg = &self.s[a..e];
            let is_lower = seg.bytes().all(|x| x.is_ascii_lowercase());
            if self.at(e) == Some('.') && self.word_at(e + 1) {
                a = e + 1;
                continue;
            }
            if self.at(e).is_some_and(|x| x == '-' || x == '@') {
                return None;
            }
            let low = seg.to_ascii_lowercase();
            if (is_lower || matches!(seg, "Com" | "COM" | "Org" | "ORG" | "Net" | "NET"))
                && TLDS.contains(&low.as_str())
            {
                let mut k = e;
                if self.at(k) == Some('/') {
                    k = self.chunk_end(k);
                }
                return Some((self.trim_url_end(a, k), TokenShape::Url));
            }
            if FILE_EXTS.contains(&low.as_str()) {
                return Some((e, TokenShape::Word));
            }
            return None;
        }
        None
    }

    /// Whether the hyphen at `h` (between word chars) stays inside the token.
    fn hyphen_joins(&self, i: usize, seg_start: usize, h: usize, numeric_start: bool) -> bool {
        let s = self.s;
        let left = &s[seg_start..h];
        let a = h + 1;
        let e = self.run_end(a);
        let right = &s[a..e];
        let digits = |t: &str| !t.is_empty() && t.bytes().all(|x| x.is_ascii_digit());
        if numeric_start && digits(left) && digits(right) {
            // phone numbers and dates stay whole, ranges split (5:00-8:30 too)
            // (the separator before the current group tells: no rescan, linear)
            if seg_start > i && matches!(s.as_bytes()[seg_start - 1], b':' | b'.' | b',' | b'/') {
                return false;
            }
            if seg_start > i {
                return true; // third group
            }
            if self.at(e) == Some('-') && self.at(e + 1).is_some_and(|x| x.is_ascii_digit()) {
                return true;
            }
            return (left.len() <= 3 || left.len() == 5) && right.len() == 4;
        }
        if seg_start == i && left.len() <= 8 {
            let mut buf = [0u8; 8];
            let lb = &mut buf[..left.len()];
            lb.copy_from_slice(left.as_bytes());
            lb.make_ascii_lowercase();
            if let Ok(l) = std::str::from_utf8(lb) {
                if HYPHEN_PREFIXES.contains(&l) {
                    return true;
                }
            }
        }
        if !self.at(e).is_some_and(|x| x == '-' || is_word_char(x)) {
            let r = right.to_ascii_lowercase();
            if HYPHEN_SUFFIXES.contains(&r.as_str()) {
                return true;
            }
            // Persian ezafe: Naqsh-e, Shabake-ye
            if (r == "e" || r == "ye") && left.chars().count() >= 3 {
                return true;
            }
        }
        false
    }
}

fn is_symbol_like(c: char) -> bool {
    matches!(
        c,
        '€' | '£'
            | '¥'
            | '₽'
            | '₹'
            | '₺'
            | '¢'
            | '°'
            | '§'
            | '©'
            | '®'
            | '™'
            | '×'
            | '÷'
            | '±'
            | '•'
            | '·'
            | '№'
            | '‰'
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).iter().map(|t| &s[t.span.range()]).collect()
    }

    #[test]
    fn clitics() {
        assert_eq!(toks("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(toks("We can't and won't"), ["We", "ca", "n't", "and", "wo", "n't"]);
        assert_eq!(
            toks("I'm sure they're here, we've seen it, I'll go, he'd"),
            [
                "I", "'m", "sure", "they", "'re", "here", ",", "we", "'ve", "seen", "it", ",", "I", "'ll", "go", ",",
                "he", "'d"
            ]
        );
        assert_eq!(
            toks("Azerbaijan’s territory and Baku's relations"),
            ["Azerbaijan", "’s", "territory", "and", "Baku", "'s", "relations"]
        );
        assert_eq!(
            toks("It’s possible. I don’t see"),
            ["It", "’s", "possible", ".", "I", "do", "n’t", "see"]
        );
        assert_eq!(toks("O'Brien and al-Qa'ida"), ["O'Brien", "and", "al", "-", "Qa'ida"]);
    }

    #[test]
    fn hyphens() {
        assert_eq!(toks("multi-sectoral"), ["multi-sectoral"]);
        assert_eq!(toks("Iran-Israel escalation"), ["Iran", "-", "Israel", "escalation"]);
        assert_eq!(toks("anti-Iranian campaigns"), ["anti-Iranian", "campaigns"]);
        assert_eq!(toks("e-mails"), ["e-mails"]);
        assert_eq!(
            toks("The 31-year-old shattered"),
            ["The", "31", "-", "year", "-", "old", "shattered"]
        );
        assert_eq!(toks("the Shabake-ye Khabar"), ["the", "Shabake-ye", "Khabar"]);
        assert_eq!(
            toks("call 713-853-3989 on 2025-06-19, pages 3-4"),
            ["call", "713-853-3989", "on", "2025-06-19", ",", "pages", "3", "-", "4"]
        );
        assert_eq!(toks("London, Ont.-native"), ["London", ",", "Ont.", "-", "native"]);
    }

    #[test]
    fn quotes_and_dashes() {
        let s = "“Allegations may be true — I don’t see anything,” he said. 'Spy' balloon";
        assert_eq!(
            toks(s),
            [
                "“",
                "Allegations",
                "may",
                "be",
                "true",
                "—",
                "I",
                "do",
                "n’t",
                "see",
                "anything",
                ",",
                "”",
                "he",
                "said",
                ".",
                "'",
                "Spy",
                "'",
                "balloon"
            ]
        );
        let t = tokenize(s);
        assert_eq!(t[0].shape, TokenShape::Quote);
        assert_eq!(t[12].shape, TokenShape::Quote);
        assert_eq!(t[16].shape, TokenShape::Quote);
        assert_eq!(t[18].shape, TokenShape::Quote);
        assert_eq!(t[5].shape, TokenShape::Punct);
        assert_eq!(toks("agency -- which"), ["agency", "--", "which"]);
        assert_eq!(
            toks("the so-called ‘evidence of crimes’ in Bucha"),
            ["the", "so", "-", "called", "‘", "evidence", "of", "crimes", "’", "in", "Bucha"]
        );
        assert_eq!(
            toks("the states’ foreign ministers"),
            ["the", "states", "’", "foreign", "ministers"]
        );
        assert_eq!(
            toks("sentiments,’’ the embassy"),
            ["sentiments", ",", "’’", "the", "embassy"]
        );
    }

    #[test]
    fn numbers_and_units() {
        assert_eq!(toks("84,000 followers"), ["84,000", "followers"]);
        assert_eq!(toks("$4.5 Billion, 30%"), ["$", "4.5", "Billion", ",", "30", "%"]);
        assert_eq!(
            toks("went out to 17.79m, 50cm short"),
            ["went", "out", "to", "17.79", "m", ",", "50", "cm", "short"]
        );
        assert_eq!(
            toks("the 20th century, the 1970s, at 08:50"),
            ["the", "20th", "century", ",", "the", "1970s", ",", "at", "08:50"]
        );
        assert_eq!(toks("COVID-19 and 9/11"), ["COVID", "-", "19", "and", "9/11"]);
        let t = tokenize("4.5");
        assert_eq!(t[0].shape, TokenShape::Number);
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            toks("U.S. Gen. Smith and Dr. Jones"),
            ["U.S.", "Gen.", "Smith", "and", "Dr.", "Jones"]
        );
        assert_eq!(
            toks("Thomas T. Perls of the U.N. panel"),
            ["Thomas", "T.", "Perls", "of", "the", "U.N.", "panel"]
        );
        assert_eq!(
            toks("e.g. this, i.e. that, at 5 p.m. today"),
            ["e.g.", "this", ",", "i.e.", "that", ",", "at", "5", "p.m.", "today"]
        );
        // a may-end abbreviation at the end of the text gives its period away
        assert_eq!(toks("a 2019 U.K."), ["a", "2019", "U.K", "."]);
        assert_eq!(toks("taxes, etc."), ["taxes", ",", "etc", "."]);
        assert_eq!(toks("on Oct. 9, and"), ["on", "Oct.", "9", ",", "and"]);
        assert_eq!(toks("No. 1 and the end."), ["No.", "1", "and", "the", "end", "."]);
        assert_eq!(toks("Washington.One"), ["Washington", ".", "One"]);
        assert_eq!(toks("non-U.S. firms"), ["non-U.S.", "firms"]);
    }

    #[test]
    fn ellipses_urls_emails() {
        assert_eq!(
            toks("the Russia card is...on the table"),
            ["the", "Russia", "card", "is", "...", "on", "the", "table"]
        );
        assert_eq!(toks("relations and… the"), ["relations", "and", "…", "the"]);
        let s = "see https://example.com/a?b=1, or www.trend.az. Mail press@jam-news.net.";
        assert_eq!(
            toks(s),
            [
                "see",
                "https://example.com/a?b=1",
                ",",
                "or",
                "www.trend.az",
                ".",
                "Mail",
                "press@jam-news.net",
                "."
            ]
        );
        let t = tokenize(s);
        assert_eq!(t[1].shape, TokenShape::Url);
        assert_eq!(t[7].shape, TokenShape::Url);
        assert_eq!(toks("on jamnews.net today"), ["on", "jamnews.net", "today"]);
        assert_eq!(
            toks("(see https://en.wikipedia.org/wiki/Foo_(bar))."),
            ["(", "see", "https://en.wikipedia.org/wiki/Foo_(bar)", ")", "."]
        );
    }

    #[test]
    fn space_after_and_odd_chars() {
        let s = "Borhan Heshmati, \u{0430}n Iranian\u{200B} expert (“X”)";
        let t = tokenize(s);
        let w: Vec<&str> = t.iter().map(|t| &s[t.span.range()]).collect();
        assert_eq!(
            w,
            [
                "Borhan",
                "Heshmati",
                ",",
                "\u{0430}n",
                "Iranian",
                "expert",
                "(",
                "“",
                "X",
                "”",
                ")"
            ]
        );
        assert!(t[0].space_after && !t[1].space_after && t[2].space_after);
        assert!(!t[10].space_after);
        // right-to-left text and marks never panic
        let r = "قال \u{200F}المتحدث\u{200E}: «لا» 😀 x";
        for tok in tokenize(r) {
            assert!(r.is_char_boundary(tok.span.start as usize) && r.is_char_boundary(tok.span.end as usize));
        }
    }
}
