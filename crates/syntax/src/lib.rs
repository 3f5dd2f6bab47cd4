//! The syntax layer: part-of-speech tagging (UPOS + PTB XPOS),
//! lemmatization and UD dependency parsing, with models trained in-house
//! on UD English EWT and the commercially usable part of GUM.
//!
//! # Pipeline
//! - [`tagger`]: greedy averaged perceptron over joint (XPOS, UPOS) classes,
//!   with a tag dictionary for frequent unambiguous words; words seen fewer
//!   than three times in training are tagged from their spelling only.
//! - [`parser`]: arc-hybrid transitions, averaged perceptron, greedy, trained
//!   with a dynamic oracle on projectivized trees (jackknifed tags); a second
//!   perceptron labels each arc as it is built.
//! - [`lemma`]: (form, XPOS) exceptions learnt from training data over
//!   English suffix rules.
//!
//! # Model files
//! `models/tagger.bin`, `parser.bin`, `lemma.bin`, little-endian, each
//! starting with a 4-byte magic (`CGTG`, `CGPR`, `CGLM`) and a `u32`
//! version. Weight tables are sorted by 32-bit feature hash (delta-varint
//! keys), each row a short list of (class `u8`, weight `i16`): averaged
//! weights quantized with one scale per model, small ones pruned. Label
//! tables are stored by name and checked against `claimgraph_doc::labels`.
//! Training is deterministic: fixed seed, own PRNG, sorted output.
//! The build script turns the embedded tagger and parser files into
//! images of their in-memory weight tables, which the binary maps in place
//! instead of building them at start ([`image`](crate::image)).
//!
//! ```no_run
//! let s = claimgraph_syntax::Syntax::embedded();
//! let a = s.analyze_words(&["The", "Kremlin", "denied", "the", "claims", "."]);
//! assert_eq!(a[2].head, None); // "denied" is the root
//! ```

pub mod bench;
pub mod conllu;
mod image;
pub mod lemma;
pub mod model;
pub mod parser;
mod simd;
pub mod tagger;
pub mod train;
mod util;

use claimgraph_doc::{Doc, NO_HEAD};
use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use bench::Accuracy;
pub use util::Rng;

/// Analysis of one word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Analysis {
    /// Index into `labels::UPOS`.
    pub upos: u8,
    /// Index into `labels::XPOS`.
    pub xpos: u8,
    /// Index of the head word within the sentence; `None` for the root.
    pub head: Option<usize>,
    /// Index into `labels::DEPREL`.
    pub deprel: u8,
}

#[derive(Debug)]
pub enum SyntaxError {
    Io(PathBuf, std::io::Error),
    Format(String),
    Model(String),
}

impl std::fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyntaxError::Io(p, e) => write!(f, "{}: {e}", p.display()),
            SyntaxError::Format(m) => write!(f, "bad input: {m}"),
            SyntaxError::Model(m) => write!(f, "bad model: {m}"),
        }
    }
}

impl std::error::Error for SyntaxError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            SyntaxError::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

/// Tagger + parser + lemmatizer.
///
/// The parser of the embedded models is read from its bytes at its first
/// use: the pipeline parses only the few sentences attribution asks about
/// (none in many articles), and reading the parser is most of the cost of
/// starting (145M of the 260M instructions of a one-sentence `analyze`).
pub struct Syntax {
    tagger: tagger::Tagger,
    parser: OnceLock<parser::Parser>,
    /// Where `parser` comes from when it is not loaded yet (embedded models).
    parser_bytes: Option<&'static [u8]>,
    /// The table image of `parser_bytes`, for the embedded parser.
    parser_image: Option<image::Static>,
    lemmatizer: lemma::Lemmatizer,
}

static EMBEDDED: OnceLock<Syntax> = OnceLock::new();

pub const MODEL_FILES: [&str; 3] = ["tagger.bin", "parser.bin", "lemma.bin"];

static TAGGER_BYTES: &[u8] = include_bytes!("../../../models/tagger.bin");
static PARSER_BYTES: &[u8] = include_bytes!("../../../models/parser.bin");

/// 64-byte aligned bytes, for the table images mapped in place.
#[repr(C, align(64))]
struct Aligned<T: ?Sized>(T);

static TAGGER_IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/tagger.img")));
static PARSER_IMAGE: &Aligned<[u8]> = &Aligned(*include_bytes!(concat!(env!("OUT_DIR"), "/parser.img")));
static LEMMA_BYTES: &[u8] = include_bytes!("../../../models/lemma.bin");

impl claimgraph_doc::SentenceParser for Syntax {
    /// Parses a sentence the syntax layer has tagged, from its tags: the
    /// same heads and relations as [`Syntax::annotate`] gives it.
    fn parse_sentence(&self, doc: &Doc, sentence: usize) -> Vec<(u32, u8)> {
        let r = doc.sentences[sentence].token_range();
        if r.is_empty() {
            return Vec::new();
        }
        let words: Vec<&str> = r.clone().map(|i| doc.token_text(i)).collect();
        let toks = self.tagger.tok_infos(&words);
        let xpos: Vec<u8> = r.clone().map(|i| doc.tokens[i].xpos).collect();
        let upos: Vec<u8> = r.clone().map(|i| doc.tokens[i].upos).collect();
        let (heads, labels) = parse_tagged(self.parser(), &toks[2..2 + words.len()], &xpos, &upos);
        heads
            .iter()
            .zip(labels)
            .map(|(&h, l)| (if h == parser::NO { NO_HEAD } else { (r.start as u32) + h }, l))
            .collect()
    }
}

/// Parses a tagged sentence: its words' tagger infos, XPOS and UPOS.
fn parse_tagged(p: &parser::Parser, toks: &[tagger::Tok], xpos: &[u8], upos: &[u8]) -> (Vec<u32>, Vec<u8>) {
    let w: Vec<u64> = toks.iter().map(|k| p.word(k)).collect();
    let pp = parser::punct_prefix(xpos);
    p.parse(
        &parser::Ctx {
            w: &w,
            t: xpos,
            u: upos,
            p: &pp,
            lexical: p.lexical(),
        },
        &mut parser::Scratch::default(),
    )
}

/// Tags and parses one sentence with the given parts.
pub(crate) fn analyze_with(t: &tagger::Tagger, p: &parser::Parser, words: &[&str]) -> Vec<Analysis> {
    analyze_with_parse(t, Some(p), words)
}

/// Tags one sentence, and parses it with `p` if given (else every `head`
/// is `None` and every `deprel` 0, "_").
fn analyze_with_parse(t: &tagger::Tagger, p: Option<&parser::Parser>, words: &[&str]) -> Vec<Analysis> {
    if words.is_empty() {
        return Vec::new();
    }
    let toks = t.tok_infos(words);
    let mut cls = Vec::with_capacity(words.len());
    t.tag_classes(words, &toks, &mut cls);
    let xpos: Vec<u8> = cls.iter().map(|&c| t.classes[c as usize].0).collect();
    let upos: Vec<u8> = cls.iter().map(|&c| t.classes[c as usize].1).collect();
    let (heads, labels) = match p {
        Some(p) => parse_tagged(p, &toks[2..2 + words.len()], &xpos, &upos),
        None => (vec![parser::NO; words.len()], vec![0; words.len()]),
    };
    (0..words.len())
        .map(|i| Analysis {
            upos: upos[i],
            xpos: xpos[i],
            head: if heads[i] == parser::NO {
                None
            } else {
                Some(heads[i] as usize)
            },
            deprel: labels[i],
        })
        .collect()
}

impl Syntax {
    /// The models compiled into the binary, loaded once on first use.
    /// Panics only if the embedded model files are corrupt (a build error).
    pub fn embedded() -> &'static Syntax {
        EMBEDDED.get_or_init(|| {
            let image = |file, image: &'static Aligned<[u8]>| image::Static { file, image: &image.0 };
            let tagger = tagger::Tagger::from_bytes_with(TAGGER_BYTES, Some(&image(TAGGER_BYTES, TAGGER_IMAGE)));
            let lemmatizer = lemma::Lemmatizer::from_bytes(LEMMA_BYTES);
            match (tagger, lemmatizer) {
                (Ok(tagger), Ok(lemmatizer)) => Syntax {
                    tagger,
                    parser: OnceLock::new(),
                    parser_bytes: Some(PARSER_BYTES),
                    parser_image: Some(image(PARSER_BYTES, PARSER_IMAGE)),
                    lemmatizer,
                },
                (Err(e), _) | (_, Err(e)) => panic!("embedded syntax models are invalid: {e}"),
            }
        })
    }

    /// Like [`Syntax::from_bytes`], but the parser is read at its first use
    /// (a corrupt parser model then panics there: meant for model bytes
    /// built into the binary, which the tests check).
    pub fn from_static(tagger: &[u8], parser: &'static [u8], lemma: &[u8]) -> Result<Syntax, SyntaxError> {
        Ok(Syntax {
            tagger: tagger::Tagger::from_bytes(tagger).map_err(SyntaxError::Model)?,
            parser: OnceLock::new(),
            parser_bytes: Some(parser),
            parser_image: None,
            lemmatizer: lemma::Lemmatizer::from_bytes(lemma).map_err(SyntaxError::Model)?,
        })
    }

    /// Whether the parser has been read (always, except for embedded models
    /// before their first parse).
    pub fn parser_loaded(&self) -> bool {
        self.parser.get().is_some()
    }

    /// Loads `tagger.bin`, `parser.bin` and `lemma.bin` from a directory.
    pub fn load(dir: &Path) -> Result<Syntax, SyntaxError> {
        let read = |name: &str| {
            let p = dir.join(name);
            std::fs::read(&p).map_err(|e| SyntaxError::Io(p, e))
        };
        Syntax::from_bytes(&read(MODEL_FILES[0])?, &read(MODEL_FILES[1])?, &read(MODEL_FILES[2])?)
    }

    pub fn from_bytes(tagger: &[u8], parser: &[u8], lemma: &[u8]) -> Result<Syntax, SyntaxError> {
        Ok(Syntax {
            tagger: tagger::Tagger::from_bytes(tagger).map_err(SyntaxError::Model)?,
            parser: OnceLock::from(parser::Parser::from_bytes(parser).map_err(SyntaxError::Model)?),
            parser_bytes: None,
            parser_image: None,
            lemmatizer: lemma::Lemmatizer::from_bytes(lemma).map_err(SyntaxError::Model)?,
        })
    }

    /// Tags and parses every sentence of a tokenized `Doc` in place,
    /// setting `upos`, `xpos`, `head` and `deprel` on each token.
    ///
    /// `head` is stored as an index into the **document's** token vector
    /// (`doc.tokens`), always within the same sentence's token range, or
    /// [`NO_HEAD`] for the sentence root. Tokens outside any sentence are
    /// left untouched. Sentences of any length are parsed (in linear time).
    pub fn annotate(&self, doc: &mut Doc) {
        self.annotate_doc(doc, true)
    }

    /// Tags every sentence, and parses them all if `parse` (else tokens keep
    /// `head == NO_HEAD` and `deprel == 0`, "_").
    fn annotate_doc(&self, doc: &mut Doc, parse: bool) {
        let mut results = Vec::with_capacity(doc.sentences.len());
        for s in &doc.sentences {
            let r = s.token_range();
            let words: Vec<&str> = r.clone().map(|i| doc.token_text(i)).collect();
            let p = if parse { Some(self.parser()) } else { None };
            results.push((r.start, analyze_with_parse(&self.tagger, p, &words)));
        }
        for (start, an) in results {
            for (i, a) in an.into_iter().enumerate() {
                let t = &mut doc.tokens[start + i];
                t.upos = a.upos;
                t.xpos = a.xpos;
                t.deprel = a.deprel;
                t.head = match a.head {
                    Some(h) => (start + h) as u32,
                    None => NO_HEAD,
                };
            }
        }
    }

    /// Tags every sentence of a tokenized `Doc` without parsing it: each
    /// token gets `upos` and `xpos`, and keeps `head == NO_HEAD` and
    /// `deprel == 0` ("_"). The parse of a sentence can follow on demand
    /// ([`claimgraph_doc::SentenceParser`]).
    pub fn tag(&self, doc: &mut Doc) {
        self.annotate_doc(doc, false)
    }

    /// Tags and parses one sentence of words (gold or tokenizer output).
    pub fn analyze_words(&self, words: &[&str]) -> Vec<Analysis> {
        analyze_with(&self.tagger, self.parser(), words)
    }

    /// The lemma of a word given its XPOS index.
    pub fn lemma<'a>(&'a self, word: &'a str, xpos: u8) -> Cow<'a, str> {
        self.lemmatizer.lemma(word, xpos)
    }

    /// Assembles a model set from parts.
    pub fn from_parts(tagger: tagger::Tagger, parser: parser::Parser, lemmatizer: lemma::Lemmatizer) -> Syntax {
        Syntax {
            tagger,
            parser: OnceLock::from(parser),
            parser_bytes: None,
            parser_image: None,
            lemmatizer,
        }
    }

    /// This model set with its beam parser's score margin replaced (see
    /// [`parser::Parser::with_margin`]; no effect on a greedy parser).
    pub fn with_beam_margin(mut self, margin: Option<u32>) -> Syntax {
        self.parser();
        let p = self.parser.take().expect("read just above");
        self.parser = OnceLock::from(p.with_margin(margin));
        self
    }

    pub fn tagger(&self) -> &tagger::Tagger {
        &self.tagger
    }

    /// The parser, read from the embedded bytes if this is its first use.
    pub fn parser(&self) -> &parser::Parser {
        self.parser.get_or_init(|| {
            let bytes = self
                .parser_bytes
                .expect("a Syntax without a parser holds the bytes to read it from");
            parser::Parser::from_bytes_with(bytes, self.parser_image.as_ref())
                .unwrap_or_else(|e| panic!("embedded parser model is invalid: {e}"))
        })
    }
}

/// CoNLL-U for pre-tokenized sentences, with predicted UPOS, XPOS, LEMMA,
/// HEAD and DEPREL.
pub fn to_conllu<S: AsRef<str>>(syntax: &Syntax, sentences: &[Vec<S>]) -> String {
    let mut sents = Vec::with_capacity(sentences.len());
    for (i, s) in sentences.iter().enumerate() {
        let mut c = conllu::from_words(s);
        let text: Vec<&str> = s.iter().map(|w| w.as_ref()).collect();
        c.comments.push(format!("# sent_id = {}", i + 1));
        c.comments.push(format!("# text = {}", text.join(" ")));
        sents.push(c);
    }
    for s in &mut sents {
        annotate_conllu(syntax, s);
    }
    conllu::write(&sents)
}

/// Replaces UPOS, XPOS, LEMMA, HEAD and DEPREL of a CoNLL-U sentence with
/// predictions; other columns are kept.
pub fn annotate_conllu(syntax: &Syntax, s: &mut conllu::Sentence) {
    let forms: Vec<String> = s.words().map(|w| w.form.clone()).collect();
    let words: Vec<&str> = forms.iter().map(|f| f.as_str()).collect();
    let an = syntax.analyze_words(&words);
    use claimgraph_doc::labels;
    for (w, a) in s.words_mut().zip(an) {
        w.upos = labels::UPOS[a.upos as usize].to_string();
        w.xpos = labels::XPOS[a.xpos as usize].to_string();
        w.lemma = syntax.lemma(&w.form, a.xpos).into_owned();
        w.head = a.head.map_or(0, |h| h + 1);
        w.deprel = labels::DEPREL[a.deprel as usize].to_string();
    }
}

/// The hash the models use for a (lowercased) word form.
pub fn hash_str(s: &str) -> u64 {
    util::hash_bytes(s.as_bytes())
}
