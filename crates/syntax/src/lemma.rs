//! Lemmatizer: exceptions learnt from training data, keyed by form and
//! XPOS, over English suffix rules.

use crate::train::GoldSentence;
use crate::util::{Reader, Truncated, Writer};
use claimgraph_doc::labels;
use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

pub const MAGIC: &[u8; 4] = b"CGLM";
pub const VERSION: u32 = 1;

pub struct Lemmatizer {
    /// (key form, xpos) -> lemma, only where the rules get it wrong.
    table: HashMap<(String, u8), String>,
}

fn xpos_is(x: u8, name: &str) -> bool {
    labels::XPOS.get(x as usize) == Some(&name)
}

fn is_proper(x: u8) -> bool {
    xpos_is(x, "NNP") || xpos_is(x, "NNPS")
}

/// The table key form: exact for proper nouns, lowercase otherwise.
fn key_form(word: &str, xpos: u8) -> Cow<'_, str> {
    if is_proper(xpos) || !word.chars().any(|c| c.is_uppercase()) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

fn vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Undo consonant doubling ("stopp" -> "stop").
fn undouble(stem: &str) -> String {
    let b = stem.as_bytes();
    let n = b.len();
    if n >= 3 && b[n - 1] == b[n - 2] && !vowel(b[n - 1]) && !matches!(b[n - 1], b'l' | b's' | b'z' | b'f') {
        stem[..n - 1].to_string()
    } else {
        stem.to_string()
    }
}

/// Rule-based lemma of a (lowercased unless proper) form.
pub fn rule_lemma(word: &str, xpos: u8) -> Cow<'_, str> {
    if is_proper(xpos) {
        if xpos_is(xpos, "NNPS") && word.len() > 3 && word.ends_with('s') && !word.ends_with("ss") {
            return Cow::Owned(word[..word.len() - 1].to_string());
        }
        return Cow::Borrowed(word);
    }
    let w = key_form(word, xpos);
    let l = w.as_ref();
    let n = l.len();
    let out: Option<String> = if (xpos_is(xpos, "NNS") || xpos_is(xpos, "VBZ")) && n > 3 {
        if l.ends_with("ies") && n > 4 {
            Some(format!("{}y", &l[..n - 3]))
        } else if l.ends_with("sses")
            || l.ends_with("xes")
            || l.ends_with("ches")
            || l.ends_with("shes")
            || l.ends_with("zzes")
            || (xpos_is(xpos, "VBZ") && l.ends_with("oes"))
        {
            Some(l[..n - 2].to_string())
        } else if l.ends_with('s') && !l.ends_with("ss") && !l.ends_with("us") && !l.ends_with("is") {
            Some(l[..n - 1].to_string())
        } else {
            None
        }
    } else if (xpos_is(xpos, "VBD") || xpos_is(xpos, "VBN")) && n > 4 && l.is_ascii() {
        if l.ends_with("ied") {
            Some(format!("{}y", &l[..n - 3]))
        } else if l.ends_with("eed") {
            Some(l[..n - 1].to_string())
        } else if let Some(stem) = l.strip_suffix("ed") {
            let u = undouble(stem);
            if u.len() < stem.len() {
                Some(u)
            } else if stem.ends_with(['v', 'z', 'c', 'g', 'u'])
                || stem.ends_with("at")
                || stem.ends_with("iz")
                || stem.ends_with("bl")
            {
                Some(format!("{stem}e"))
            } else {
                Some(stem.to_string())
            }
        } else {
            None
        }
    } else if xpos_is(xpos, "VBG") && n > 5 && l.is_ascii() {
        l.strip_suffix("ing").map(|stem| {
            let u = undouble(stem);
            if u.len() < stem.len() {
                u
            } else if stem.ends_with(['v', 'z', 'c', 'g', 'u']) || stem.ends_with("at") || stem.ends_with("iz") {
                format!("{stem}e")
            } else {
                stem.to_string()
            }
        })
    } else if xpos_is(xpos, "JJR") && n > 4 && l.is_ascii() {
        if l.ends_with("ier") {
            Some(format!("{}y", &l[..n - 3]))
        } else {
            l.strip_suffix("er").map(undouble)
        }
    } else if xpos_is(xpos, "JJS") && n > 5 && l.is_ascii() {
        if l.ends_with("iest") {
            Some(format!("{}y", &l[..n - 4]))
        } else {
            l.strip_suffix("est").map(undouble)
        }
    } else {
        None
    };
    match out {
        Some(s) => Cow::Owned(s),
        None => match w {
            Cow::Borrowed(_) => Cow::Borrowed(word),
            Cow::Owned(s) => Cow::Owned(s),
        },
    }
}

impl Lemmatizer {
    pub fn lemma<'a>(&'a self, word: &'a str, xpos: u8) -> Cow<'a, str> {
        let k = key_form(word, xpos);
        if let Some(l) = self.table.get(&(k.into_owned(), xpos)) {
            return Cow::Borrowed(l.as_str());
        }
        rule_lemma(word, xpos)
    }

    pub fn build(sents: &[GoldSentence]) -> Lemmatizer {
        let mut counts: BTreeMap<(String, u8), BTreeMap<&str, usize>> = BTreeMap::new();
        for s in sents {
            for i in 0..s.forms.len() {
                if s.lemmas[i] == "_" {
                    continue;
                }
                let k = key_form(&s.forms[i], s.xpos[i]).into_owned();
                *counts
                    .entry((k, s.xpos[i]))
                    .or_default()
                    .entry(&s.lemmas[i])
                    .or_default() += 1;
            }
        }
        let mut table = HashMap::new();
        for ((form, x), m) in counts {
            let (&best, _) = m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).unwrap();
            if rule_lemma(&form, x) != best {
                table.insert((form, x), best.to_string());
            }
        }
        Lemmatizer { table }
    }

    pub fn len(&self) -> usize {
        self.table.len()
    }

    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.header(MAGIC, VERSION);
        let mut v: Vec<_> = self.table.iter().collect();
        v.sort();
        w.u32(v.len() as u32);
        for ((f, x), l) in v {
            w.str(f);
            w.str(labels::XPOS[*x as usize]);
            w.str(l);
        }
        w.buf
    }

    pub fn from_bytes(b: &[u8]) -> Result<Lemmatizer, String> {
        let mut r = Reader::new(b);
        let f = |_: Truncated| "lemma model truncated or corrupt".to_string();
        if &r.magic().map_err(f)? != MAGIC {
            return Err("not a lemma model (bad magic)".into());
        }
        let v = r.u32().map_err(f)?;
        if v != VERSION {
            return Err(format!("lemma model version {v}, expected {VERSION}"));
        }
        let n = r.u32().map_err(f)? as usize;
        let mut table = HashMap::with_capacity(n);
        for _ in 0..n {
            let form = r.str().map_err(f)?.to_string();
            let x = labels::index_of(labels::XPOS, r.str().map_err(f)?);
            table.insert((form, x), r.str().map_err(f)?.to_string());
        }
        if !r.at_end() {
            return Err("lemma model has trailing bytes".into());
        }
        Ok(Lemmatizer { table })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        let x = |s| labels::index_of(labels::XPOS, s);
        assert_eq!(rule_lemma("claims", x("NNS")), "claim");
        assert_eq!(rule_lemma("denied", x("VBD")), "deny");
        assert_eq!(rule_lemma("stopped", x("VBD")), "stop");
        assert_eq!(rule_lemma("Said", x("VBD")), "said");
        assert_eq!(rule_lemma("Kremlin", x("NNP")), "Kremlin");
        assert_eq!(rule_lemma("The", x("DT")), "the");
        assert_eq!(rule_lemma("running", x("VBG")), "run");
    }
}
