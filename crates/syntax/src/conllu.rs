//! Reading and writing CoNLL-U. Comment lines, multiword-token ranges
//! (`1-2`) and empty nodes (`1.1`) are kept verbatim so a file round-trips.

use std::fmt::Write as _;

/// One word line (the ten columns, kept as text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub id: usize,
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = root.
    pub head: usize,
    pub deprel: String,
    pub deps: String,
    pub misc: String,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Line {
    Word(Word),
    /// A range or empty-node line, kept verbatim.
    Other(String),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `# ` marker stripped (verbatim).
    pub comments: Vec<String>,
    pub lines: Vec<Line>,
}

impl Sentence {
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().filter_map(|l| match l {
            Line::Word(w) => Some(w),
            Line::Other(_) => None,
        })
    }
    pub fn words_mut(&mut self) -> impl Iterator<Item = &mut Word> {
        self.lines.iter_mut().filter_map(|l| match l {
            Line::Word(w) => Some(w),
            Line::Other(_) => None,
        })
    }
    /// The value of a `# key = value` comment.
    pub fn comment_value(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let rest = c.strip_prefix('#')?.trim_start();
            let rest = rest.strip_prefix(key)?.trim_start();
            Some(rest.strip_prefix('=')?.trim())
        })
    }
}

#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "CoNLL-U line {}: {}", self.line, self.message)
    }
}

impl std::error::Error for ParseError {}

/// Parses a whole CoNLL-U text.
pub fn parse(text: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.strip_suffix('\r').unwrap_or(raw);
        if line.trim().is_empty() {
            if !cur.lines.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if line.starts_with('#') {
            cur.comments.push(line.to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ParseError {
                line: i + 1,
                message: format!("expected 10 columns, got {}", cols.len()),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            cur.lines.push(Line::Other(line.to_string()));
            continue;
        }
        let id = cols[0].parse().map_err(|_| ParseError {
            line: i + 1,
            message: format!("bad id {:?}", cols[0]),
        })?;
        let head = if cols[6] == "_" {
            0
        } else {
            cols[6].parse().map_err(|_| ParseError {
                line: i + 1,
                message: format!("bad head {:?}", cols[6]),
            })?
        };
        cur.lines.push(Line::Word(Word {
            id,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        }));
    }
    if !cur.lines.is_empty() || !cur.comments.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes one sentence (followed by the blank separator line).
pub fn write_sentence(s: &Sentence, out: &mut String) {
    for c in &s.comments {
        out.push_str(c);
        out.push('\n');
    }
    for l in &s.lines {
        match l {
            Line::Other(t) => out.push_str(t),
            Line::Word(w) => {
                let _ = write!(
                    out,
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.deps, w.misc
                );
            }
        }
        out.push('\n');
    }
    out.push('\n');
}

pub fn write(sents: &[Sentence]) -> String {
    let mut out = String::new();
    for s in sents {
        write_sentence(s, &mut out);
    }
    out
}

/// Builds a sentence from bare word forms (all other columns `_`).
pub fn from_words<S: AsRef<str>>(words: &[S]) -> Sentence {
    let mut s = Sentence::default();
    for (i, w) in words.iter().enumerate() {
        s.lines.push(Line::Word(Word {
            id: i + 1,
            form: w.as_ref().to_string(),
            lemma: "_".into(),
            upos: "_".into(),
            xpos: "_".into(),
            feats: "_".into(),
            head: 0,
            deprel: "_".into(),
            deps: "_".into(),
            misc: "_".into(),
        }));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# sent_id = x-1\n# text = Don't go.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tDo\tdo\tAUX\tVBP\tMood=Imp\t3\taux\t3:aux\t_\n2\tn't\tnot\tPART\tRB\tPolarity=Neg\t3\tadvmod\t3:advmod\t_\n3\tgo\tgo\tVERB\tVB\tVerbForm=Inf\t0\troot\t0:root\tSpaceAfter=No\n3.1\tgone\tgo\tVERB\tVBN\t_\t_\t_\t3:conj\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t3:punct\t_\n\n# sent_id = x-2\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t0:root\t_\n\n";

    #[test]
    fn round_trip() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].words().count(), 4);
        assert_eq!(s[0].comment_value("sent_id"), Some("x-1"));
        assert_eq!(s[0].words().nth(2).unwrap().head, 0);
        assert_eq!(write(&s), SAMPLE);
    }

    #[test]
    fn rejects_bad_lines() {
        assert!(parse("1\tx\n").is_err());
    }
}
