//! Greedy arc-hybrid dependency parser: averaged perceptron over
//! Zhang & Nivre-style features, trained with a dynamic oracle
//! (Goldberg & Nivre 2013) on projectivized trees; a second perceptron
//! labels each arc as it is built.
//!
//! Configuration: a stack and a buffer `b..n`. SHIFT pushes `b`; LEFT
//! pops `s0` and attaches it to `b`; RIGHT pops `s0` and attaches it to
//! `s1`. When the buffer is empty and one word is left on the stack, that
//! word is the root, so every parse is a single-rooted projective tree.

use crate::model::{SparseModel, Trainer};
use crate::util::{f1, f2, f3, f4, IdMap, Reader, Rng, Truncated, Writer};
use claimgraph_doc::labels;

mod beam;

pub const MAGIC: &[u8; 4] = b"CGPR";
/// Version 3 added the beam width and margin (two `u32`s after the
/// tables); version 4 a byte after them, 1 for a [lexical](Parser::lexical)
/// model. Version 2 and 3 files are read as greedy and beam parsers with
/// the base features.
pub const VERSION: u32 = 4;
pub const NO: u32 = u32::MAX;
pub const SHIFT: usize = 0;
pub const LEFT: usize = 1;
pub const RIGHT: usize = 2;
const NONE_W: u64 = 0x1_0000_0000;
const NONE_T: u64 = 0xFF;
const NONE_L: u64 = 0xFE;

/// A parser configuration.
pub struct State {
    pub n: usize,
    pub stack: Vec<u32>,
    pub b: usize,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl Clone for State {
    fn clone(&self) -> State {
        let mut s = State::new(0);
        s.clone_from(self);
        s
    }

    /// Field by field, reusing this state's buffers (the beam copies states
    /// at every step; a derived `clone_from` would allocate them afresh).
    fn clone_from(&mut self, o: &State) {
        self.n = o.n;
        self.b = o.b;
        self.stack.clone_from(&o.stack);
        self.heads.clone_from(&o.heads);
        self.labels.clone_from(&o.labels);
        self.l1.clone_from(&o.l1);
        self.l2.clone_from(&o.l2);
        self.r1.clone_from(&o.r1);
        self.r2.clone_from(&o.r2);
        self.nl.clone_from(&o.nl);
        self.nr.clone_from(&o.nr);
        self.lset.clone_from(&o.lset);
        self.rset.clone_from(&o.rset);
    }
}

impl State {
    pub fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            b: 0,
            heads: vec![NO; n],
            labels: vec![0; n],
            l1: vec![NO; n],
            l2: vec![NO; n],
            r1: vec![NO; n],
            r2: vec![NO; n],
            nl: vec![0; n],
            nr: vec![0; n],
            lset: vec![0; n],
            rset: vec![0; n],
        }
    }

    pub fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.len() <= 1
    }

    /// Valid moves as a bitmask (bit i = move i).
    pub fn valid(&self) -> u8 {
        let mut v = 0;
        if self.b < self.n {
            v |= 1 << SHIFT;
            if !self.stack.is_empty() {
                v |= 1 << LEFT;
            }
        }
        if self.stack.len() >= 2 {
            v |= 1 << RIGHT;
        }
        v
    }

    #[inline]
    fn s(&self, i: usize) -> u32 {
        let l = self.stack.len();
        if i < l {
            self.stack[l - 1 - i]
        } else {
            NO
        }
    }

    #[inline]
    fn bf(&self, i: usize) -> u32 {
        if self.b + i < self.n {
            (self.b + i) as u32
        } else {
            NO
        }
    }

    /// Head and dependent of the arc an arc move would add.
    pub fn arc(&self, mv: usize) -> (u32, u32) {
        let s0 = self.s(0);
        if mv == LEFT {
            (self.b as u32, s0)
        } else {
            (self.s(1), s0)
        }
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = label;
        let bit = 1u64 << (label as u64 & 63);
        if d < h {
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= bit;
            if self.l1[hu] == NO || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NO || d < self.l2[hu] {
                self.l2[hu] = d;
            }
        } else {
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= bit;
            if self.r1[hu] == NO || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NO || d > self.r2[hu] {
                self.r2[hu] = d;
            }
        }
    }

    pub fn apply(&mut self, mv: usize, label: u8) {
        match mv {
            SHIFT => {
                self.stack.push(self.b as u32);
                self.b += 1;
            }
            _ => {
                let (h, d) = self.arc(mv);
                self.stack.pop();
                self.add_arc(h, d, label);
            }
        }
    }

    /// The word left on the stack at the end is the root.
    pub fn finish(&mut self) {
        if let Some(&r) = self.stack.first() {
            self.heads[r as usize] = NO;
            self.labels[r as usize] = ROOT_LABEL;
        }
    }
}

pub const ROOT_LABEL: u8 = 5;

#[inline]
fn dist(a: u32, b: u32) -> u64 {
    if a == NO || b == NO {
        return 99;
    }
    let d = a.abs_diff(b) as u64;
    match d {
        0..=4 => d,
        5..=6 => 5,
        7..=10 => 6,
        _ => 7,
    }
}

/// Word and tag context of a sentence.
pub struct Ctx<'a> {
    pub w: &'a [u64],
    /// XPOS per word.
    pub t: &'a [u8],
    /// UPOS per word.
    pub u: &'a [u8],
    /// `p[i]` = punctuation tokens before word `i` (length n + 1).
    pub p: &'a [u16],
    /// The lexical feature set ([`Parser::lexical`]): the parser's, and
    /// `w` made with [`Parser::word`].
    pub lexical: bool,
}

/// Prefix counts of punctuation for [`Ctx::p`].
pub fn punct_prefix(tags: &[u8]) -> Vec<u16> {
    let mut v = Vec::with_capacity(tags.len() + 1);
    let mut k = 0u16;
    v.push(0);
    for &t in tags {
        let name = labels::XPOS[t as usize];
        if matches!(name, "," | "." | ":" | "``" | "''" | "-LRB-" | "-RRB-" | "HYPH" | "NFP") {
            k = k.saturating_add(1);
        }
        v.push(k);
    }
    v
}

impl Ctx<'_> {
    /// Punctuation strictly between two words (bucketed), 9 if either is absent.
    #[inline]
    fn punct_between(&self, a: u32, b: u32) -> u64 {
        if a == NO || b == NO {
            return 9;
        }
        let (lo, hi) = if a < b { (a, b) } else { (b, a) };
        (self.p[hi as usize] - self.p[lo as usize + 1]).min(3) as u64
    }

    #[inline]
    fn w(&self, i: u32) -> u64 {
        // `NO` is past the end of every sentence: the one bounds test of
        // `get` covers it (the feature builders make dozens of these).
        self.w.get(i as usize).map_or(NONE_W, |&w| w)
    }
    #[inline]
    fn t(&self, i: u32) -> u64 {
        self.t.get(i as usize).map_or(NONE_T, |&t| t as u64)
    }
    #[inline]
    fn u(&self, i: u32) -> u64 {
        self.u.get(i as usize).map_or(NONE_T, |&u| u as u64)
    }
}

#[inline]
fn get(v: &[u32], i: u32) -> u32 {
    // As in `Ctx::w`: `NO` is out of bounds.
    v.get(i as usize).map_or(NO, |&x| x)
}

impl State {
    #[inline]
    fn l(&self, i: u32) -> u64 {
        self.labels.get(i as usize).map_or(NONE_L, |&l| l as u64)
    }
    #[inline]
    fn set(v: &[u64], i: u32) -> u64 {
        v.get(i as usize).map_or(1 << 63, |&x| x)
    }
    #[inline]
    fn val(v: &[u8], i: u32) -> u64 {
        v.get(i as usize).map_or(99, |&x| x as u64)
    }
}

/// `f1(t, v)` for every byte value `v`, computed at compile time: the
/// features of one tag or one label (`Ctx::t`, `Ctx::u`, `State::l`: a
/// byte, or `NONE_T` / `NONE_L`) are then one load each instead of two
/// rounds of hashing.
const fn f1_table(t: u64) -> [u32; 256] {
    let mut a = [0u32; 256];
    let mut v = 0;
    while v < 256 {
        a[v] = f1(t, v as u64);
        v += 1;
    }
    a
}

/// `f1(t, v)` from `table` (`f1_table(t)`); `v` is a tag or label value.
#[inline(always)]
fn f1_byte(table: &[u32; 256], v: u64) -> u32 {
    debug_assert!(v < 256);
    table[(v & 0xff) as usize]
}

static F1_2: [u32; 256] = f1_table(2);
static F1_5: [u32; 256] = f1_table(5);
static F1_8: [u32; 256] = f1_table(8);
static F1_11: [u32; 256] = f1_table(11);
static F1_14: [u32; 256] = f1_table(14);
static F1_15: [u32; 256] = f1_table(15);
static F1_55: [u32; 256] = f1_table(55);
static F1_56: [u32; 256] = f1_table(56);
static F1_58: [u32; 256] = f1_table(58);
static F1_59: [u32; 256] = f1_table(59);
static F1_61: [u32; 256] = f1_table(61);
static F1_62: [u32; 256] = f1_table(62);
static F1_66: [u32; 256] = f1_table(66);
static F1_67: [u32; 256] = f1_table(67);
static F1_68: [u32; 256] = f1_table(68);
static F1_69: [u32; 256] = f1_table(69);
static F1_70: [u32; 256] = f1_table(70);
static F1_71: [u32; 256] = f1_table(71);
// The stand-ins for a missing word are byte values too.
const _: () = assert!(NONE_T < 256 && NONE_L < 256);

/// Number of transition features.
pub const MOVE_FEATURES: usize = 81;

/// Transition features ([`move_feature_array`] into a `Vec`) of the
/// feature set `c.lexical` says.
pub fn move_features(st: &State, c: &Ctx, out: &mut Vec<u32>) {
    out.clear();
    if c.lexical {
        out.extend_from_slice(&move_feature_array::<true>(st, c));
    } else {
        out.extend_from_slice(&move_feature_array::<false>(st, c));
    }
}

/// The transition features of a configuration, in a fixed-size array:
/// built without a `Vec`'s length updates and capacity checks, and the
/// compiler keeps the shared values in registers (stores into a `Vec`
/// could alias the context, so it reloaded them).
///
/// `LEXICAL` ([`Parser::lexical`]) replaces five features that dev scores
/// missed least when dropped from a trained model (7, 48, 72, 73, 76)
/// with word pairs (93 to 97): the stack top with its leftmost dependent
/// and with the second buffer word, the buffer front with its leftmost
/// dependent, with the second stack word and with the next word. Either
/// way 81 lookups; a constant, so each set compiles to its own function.
#[inline]
pub fn move_feature_array<const LEXICAL: bool>(st: &State, c: &Ctx) -> [u32; MOVE_FEATURES] {
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.bf(0), st.bf(1), st.bf(2));
    let (s0w, s0t, s1w, s1t, b0w, b0t) = (c.w(s0), c.t(s0), c.w(s1), c.t(s1), c.w(b0), c.t(b0));
    let (b1w, b1t, b2t, s2t) = (c.w(b1), c.t(b1), c.t(b2), c.t(s2));
    let (s0l, s0l2, s0r, s0r2) = (get(&st.l1, s0), get(&st.l2, s0), get(&st.r1, s0), get(&st.r2, s0));
    let (b0l, b0l2) = (get(&st.l1, b0), get(&st.l2, b0));
    let (s1l, s1r) = (get(&st.l1, s1), get(&st.r1, s1));
    let s0wt = s0w ^ (s0t << 56);
    let s1wt = s1w ^ (s1t << 56);
    let b0wt = b0w ^ (b0t << 56);
    let d = dist(s0, b0);
    let d2 = dist(s1, s0);
    let (s0vr, s0vl, b0vl, s1vr) = (
        State::val(&st.nr, s0),
        State::val(&st.nl, s0),
        State::val(&st.nl, b0),
        State::val(&st.nr, s1),
    );
    let (s0rs, s0ls, b0ls, s1rs) = (
        State::set(&st.rset, s0),
        State::set(&st.lset, s0),
        State::set(&st.lset, b0),
        State::set(&st.rset, s1),
    );
    let (s0u, s1u, b0u, b1u) = (c.u(s0), c.u(s1), c.u(b0), c.u(b1));
    [
        f1(1, s0w),
        f1_byte(&F1_2, s0t),
        f1(3, s0wt),
        f1(4, s1w),
        f1_byte(&F1_5, s1t),
        f1(6, s1wt),
        if LEXICAL { f2(93, s0w, c.w(s0l)) } else { f1(7, b0w) },
        f1_byte(&F1_8, b0t),
        f1(9, b0wt),
        f1(10, b1w),
        f1_byte(&F1_11, b1t),
        f1_byte(&F1_14, b2t),
        f1_byte(&F1_15, s2t),
        f2(16, s0wt, b0wt),
        f2(19, s0wt, b0t),
        f2(20, s0t, b0wt),
        f2(21, s0w, b0w),
        f2(22, s0t, b0t),
        f2(23, b0t, b1t),
        f2(25, s1w, s0w),
        f2(26, s1t, s0t),
        f2(27, s1wt, s0t),
        f2(28, s1t, s0wt),
        f3(29, b0t, b1t, b2t),
        f3(30, s0t, b0t, b1t),
        f3(31, s1t, s0t, b0t),
        f3(32, s0t, c.t(s0l), b0t),
        f3(33, s0t, c.t(s0r), b0t),
        f3(34, s0t, b0t, c.t(b0l)),
        f3(35, s1t, c.t(s1r), s0t),
        f3(36, s1t, c.t(s1l), s0t),
        f3(37, s2t, s1t, s0t),
        f3(38, s1t, s0t, c.t(s0l)),
        f2(39, s0w, d),
        f2(40, s0t, d),
        f2(41, b0w, d),
        f2(42, b0t, d),
        f3(43, s0t, b0t, d),
        f3(44, s1t, s0t, d2),
        f2(47, s0w, s0vr),
        if LEXICAL { f2(94, s0w, b1w) } else { f2(48, s0t, s0vr) },
        f2(50, s0t, s0vl),
        f2(51, b0w, b0vl),
        f2(52, b0t, b0vl),
        f2(53, s1t, s1vr),
        f1(54, c.w(s0l)),
        f1_byte(&F1_55, c.t(s0l)),
        f1_byte(&F1_56, st.l(s0l)),
        f1(57, c.w(s0r)),
        f1_byte(&F1_58, c.t(s0r)),
        f1_byte(&F1_59, st.l(s0r)),
        f1(60, c.w(b0l)),
        f1_byte(&F1_61, c.t(b0l)),
        f1_byte(&F1_62, st.l(b0l)),
        f2(63, c.t(s1r), st.l(s1r)),
        f2(64, c.t(s1l), st.l(s1l)),
        f1_byte(&F1_66, c.t(s0l2)),
        f1_byte(&F1_67, st.l(s0l2)),
        f1_byte(&F1_68, c.t(s0r2)),
        f1_byte(&F1_69, st.l(s0r2)),
        f1_byte(&F1_70, c.t(b0l2)),
        f1_byte(&F1_71, st.l(b0l2)),
        if LEXICAL {
            f2(95, b0w, c.w(b0l))
        } else {
            f3(72, s0t, c.t(s0l), c.t(s0l2))
        },
        if LEXICAL {
            f2(96, s1w, b0w)
        } else {
            f3(73, s0t, c.t(s0r), c.t(s0r2))
        },
        f3(74, b0t, c.t(b0l), c.t(b0l2)),
        f2(75, s0w, s0rs),
        if LEXICAL { f2(97, b0w, b1w) } else { f2(76, s0t, s0rs) },
        f2(78, s0t, s0ls),
        f2(79, b0w, b0ls),
        f2(80, b0t, b0ls),
        f2(81, s1t, s1rs),
        f4(82, s0t, b0t, st.l(s0l), st.l(s0r)),
        f3(83, s0w, s1t, b0t),
        f3(84, s0t, s1t, b1t),
        f4(85, s0t, b0t, c.punct_between(s0, b0), d),
        f3(86, s1t, s0t, c.punct_between(s1, s0)),
        f3(88, s0w, b0t, c.punct_between(s0, b0)),
        f2(89, s0u, b0u),
        f3(90, s1u, s0u, b0u),
        f2(91, b0u, b1u),
        f3(92, s0u, b0u, c.u(s0l)),
    ]
}

/// Number of label features.
pub const LABEL_FEATURES: usize = 30;

/// Label features for an arc `h -> d` built by move `mv` ([`label_feature_array`] into a `Vec`).
pub fn label_features(st: &State, c: &Ctx, mv: usize, h: u32, d: u32, out: &mut Vec<u32>) {
    out.clear();
    out.extend_from_slice(&label_feature_array(st, c, mv, h, d));
}

/// Label features for an arc `h -> d` built by move `mv`, in a fixed-size
/// array (see [`move_feature_array`]).
#[inline]
pub fn label_feature_array(st: &State, c: &Ctx, mv: usize, h: u32, d: u32) -> [u32; LABEL_FEATURES] {
    let m = mv as u64;
    let (dw, dt, hw, ht) = (c.w(d), c.t(d), c.w(h), c.t(h));
    let dist = dist(h, d);
    let n = st.n as u32;
    let prev = |i: u32| if i == 0 || i == NO { NO } else { i - 1 };
    let next = |i: u32| if i == NO || i + 1 >= n { NO } else { i + 1 };
    let ctx = if mv == LEFT { st.s(1) } else { st.bf(0) };
    let (dl, dr) = (get(&st.l1, d), get(&st.r1, d));
    let sib = if mv == LEFT { get(&st.l1, h) } else { get(&st.r1, h) };
    [
        f1(101, m),
        f2(102, dt, m),
        f2(103, dw, m),
        f3(104, dw, dt, m),
        f2(105, ht, m),
        f2(106, hw, m),
        f3(107, dt, ht, m),
        f3(108, dw, ht, m),
        f3(109, dt, hw, m),
        f3(110, dw, hw, m),
        f4(111, dt, ht, dist, m),
        f2(112, dt, State::set(&st.lset, d)),
        f2(113, dt, State::set(&st.rset, d)),
        f3(114, dt, State::set(&st.lset, d), State::set(&st.rset, d)),
        f4(115, dt, ht, m, State::set(&st.lset, h)),
        f4(116, dt, ht, m, State::set(&st.rset, h)),
        f4(117, dt, c.t(prev(d)), c.t(next(d)), m),
        f4(118, ht, c.t(prev(h)), c.t(next(h)), m),
        f3(119, dt, c.t(dl), st.l(dl)),
        f3(120, dt, c.t(dr), st.l(dr)),
        f4(121, dt, ht, m, st.l(sib)),
        f4(122, dt, ht, m, c.t(ctx)),
        f3(123, dt, m, c.t(ctx)),
        f3(124, dt, (d == 0) as u64, m),
        f4(125, dw, ht, m, dist),
        f3(126, hw, dt, State::set(&st.lset, d)),
        f3(127, dw, State::set(&st.lset, d), State::set(&st.rset, d)),
        f4(128, dt, ht, c.w(prev(d)), m),
        f4(129, dt, ht, m, c.punct_between(h, d)),
        f4(130, c.u(d), c.u(h), m, c.u(ctx)),
    ]
}

pub struct Parser {
    moves: SparseModel,
    labels: SparseModel,
    /// Word hashes the features use as such; other words become `UNK_W`
    /// (keeps the tables small and cache-friendly).
    vocab: IdMap<u64, ()>,
    /// Hypotheses kept by the search: 1 is greedy; more is beam search
    /// (for a model trained with that beam).
    beam: usize,
    /// Beam search keeps only hypotheses within this much (in model score
    /// units) of the best one; `None`: all `beam` of them. Chosen on the
    /// dev data after training ([`Parser::with_margin`]).
    margin: Option<u32>,
    /// See [`Parser::lexical`].
    lexical: bool,
}

/// Stand-in for words outside the parser's vocabulary (a lexical parser's
/// with their spelling class: [`unk_word`]).
pub const UNK_W: u64 = 0x2_0000_0000;

/// The feature value of a word outside the vocabulary whose spelling
/// class ([`crate::tagger::Tok::spelling_class`]) is `class`: rare words
/// that are capitalised, all capitals, numbers or hyphenated keep that
/// much of their identity.
#[inline]
pub fn unk_word(class: u64) -> u64 {
    UNK_W | class
}

/// The `top` most frequent word hashes (ties by hash, for determinism).
pub fn build_vocab(words: impl Iterator<Item = u64>, top: usize) -> IdMap<u64, ()> {
    let mut counts: IdMap<u64, u32> = IdMap::default();
    for w in words {
        *counts.entry(w).or_default() += 1;
    }
    let mut v: Vec<(u32, u64)> = counts.into_iter().map(|(w, c)| (c, w)).collect();
    v.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    v.into_iter().take(top).map(|(_, w)| (w, ())).collect()
}

/// Reusable buffers for parsing (the greedy parser's features live in
/// arrays on the stack; beam search keeps its buffers here).
#[derive(Default)]
pub struct Scratch {
    beam: beam::BeamScratch,
}

impl Parser {
    /// A copy with weights of magnitude `<= min_moves` / `<= min_labels` dropped.
    pub fn pruned(&self, min_moves: i32, min_labels: i32) -> Parser {
        Parser {
            moves: self.moves.pruned(min_moves),
            labels: self.labels.pruned(min_labels),
            vocab: self.vocab.clone(),
            beam: self.beam,
            margin: self.margin,
            lexical: self.lexical,
        }
    }

    /// Weighted average of two parsers trained with different seeds on the
    /// same data (same vocabulary required).
    pub fn average(a: &Parser, b: &Parser, wa: u32, wb: u32) -> Parser {
        assert!(a.vocab.len() == b.vocab.len() && a.vocab.keys().all(|k| b.vocab.contains_key(k)));
        assert_eq!(a.beam, b.beam, "parsers trained for different beams");
        assert_eq!(a.lexical, b.lexical, "parsers trained with different features");
        Parser {
            moves: SparseModel::average(&a.moves, &b.moves, wa, wb),
            labels: SparseModel::average(&a.labels, &b.labels, wa, wb),
            vocab: a.vocab.clone(),
            beam: a.beam,
            margin: a.margin,
            lexical: a.lexical,
        }
    }

    /// Hypotheses kept by [`Parser::parse`]: 1 for a greedy parser, else
    /// the beam the model was trained with.
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// The beam's score margin (see [`Parser::with_margin`]).
    pub fn margin(&self) -> Option<u32> {
        self.margin
    }

    /// This parser with beam search narrowed to hypotheses within `margin`
    /// model-score units of the best (`None`: the full beam). A margin of
    /// zero keeps only ties with the best; no effect on a greedy parser.
    pub fn with_margin(mut self, margin: Option<u32>) -> Parser {
        self.margin = margin;
        self
    }

    /// Whether this parser uses the lexical feature set (`train parser
    /// --lexical`; not the shipped model's): words outside the vocabulary
    /// keep their spelling class ([`unk_word`]) and five word-pair features
    /// replace five others ([`move_feature_array`]). The same number of
    /// feature lookups either way.
    pub fn lexical(&self) -> bool {
        self.lexical
    }

    /// The feature value of a word: the hash of its lowercased form if in
    /// the vocabulary, else the unknown word (of its spelling class, for a
    /// [lexical](Parser::lexical) parser).
    #[inline]
    pub fn word(&self, t: &crate::tagger::Tok) -> u64 {
        if self.vocab.contains_key(&t.lower) {
            t.lower
        } else if self.lexical {
            unk_word(t.spelling_class())
        } else {
            UNK_W
        }
    }

    /// Parses one sentence given word hashes and XPOS tags; returns heads
    /// (`NO` = root) and DEPREL indices. `c.lexical` must be this parser's.
    pub fn parse(&self, c: &Ctx, scratch: &mut Scratch) -> (Vec<u32>, Vec<u8>) {
        debug_assert_eq!(c.lexical, self.lexical);
        if self.beam > 1 {
            return self.parse_beam(c, self.beam, self.margin, &mut scratch.beam);
        }
        if self.lexical {
            self.parse_greedy::<true>(c)
        } else {
            self.parse_greedy::<false>(c)
        }
    }

    /// [`Parser::parse`] with one hypothesis.
    fn parse_greedy<const LEXICAL: bool>(&self, c: &Ctx) -> (Vec<u32>, Vec<u8>) {
        let n = c.t.len();
        let mut st = State::new(n);
        let nl = self.labels.nclass;
        let mut lscores = vec![0i32; nl];
        while !st.terminal() {
            let valid = st.valid();
            let best = if valid.is_power_of_two() {
                // A forced move (empty stack or empty buffer): nothing to score.
                valid.trailing_zeros() as usize
            } else {
                let mut s = [0i32; 3];
                self.moves.score(&move_feature_array::<LEXICAL>(&st, c), &mut s);
                let mut best = usize::MAX;
                for (mv, &sc) in s.iter().enumerate() {
                    if valid & (1 << mv) != 0 && (best == usize::MAX || sc > s[best]) {
                        best = mv;
                    }
                }
                best
            };
            let mut label = 0;
            if best != SHIFT {
                let (h, d) = st.arc(best);
                lscores.fill(0);
                self.labels
                    .score(&label_feature_array(&st, c, best, h, d), &mut lscores);
                label = best_label(&lscores);
            }
            st.apply(best, label);
        }
        st.finish();
        (st.heads, st.labels)
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.header(MAGIC, VERSION);
        w.u32(labels::DEPREL.len() as u32);
        for l in labels::DEPREL {
            w.str(l);
        }
        let mut v: Vec<u64> = self.vocab.keys().copied().collect();
        v.sort_unstable();
        w.u32(v.len() as u32);
        for x in v {
            w.u64(x);
        }
        self.moves.write(&mut w);
        self.labels.write(&mut w);
        w.u32(self.beam as u32);
        // u32::MAX: no margin.
        w.u32(self.margin.unwrap_or(u32::MAX));
        w.u8(self.lexical as u8);
        w.buf
    }

    /// Whether the weight tables are mapped from a compiled-in image.
    pub fn is_mapped(&self) -> bool {
        self.moves.is_mapped() && self.labels.is_mapped()
    }

    pub fn from_bytes(b: &[u8]) -> Result<Parser, String> {
        Parser::from_bytes_with(b, None)
    }

    /// [`Parser::from_bytes`], taking the sparse models from `image` where it
    /// holds them (the embedded model and its compiled-in table image).
    pub(crate) fn from_bytes_with(b: &[u8], image: Option<&crate::image::Static>) -> Result<Parser, String> {
        let mut r = Reader::new(b);
        let f = |_: Truncated| "parser model truncated or corrupt".to_string();
        if &r.magic().map_err(f)? != MAGIC {
            return Err("not a parser model (bad magic)".into());
        }
        let v = r.u32().map_err(f)?;
        if !(2..=VERSION).contains(&v) {
            return Err(format!("parser model version {v}, expected 2 to {VERSION}"));
        }
        let n = r.u32().map_err(f)? as usize;
        for i in 0..n {
            let l = r.str().map_err(f)?;
            if labels::DEPREL.get(i) != Some(&l) {
                return Err(format!("parser model label table differs at {i} ({l})"));
            }
        }
        let nv = r.u32().map_err(f)? as usize;
        let mut vocab = IdMap::default();
        for _ in 0..nv {
            vocab.insert(r.u64().map_err(f)?, ());
        }
        let moves = crate::image::read_model(&mut r, image).map_err(f)?;
        let labels = crate::image::read_model(&mut r, image).map_err(f)?;
        let (beam, margin) = if v >= 3 {
            let beam = r.u32().map_err(f)? as usize;
            let margin = r.u32().map_err(f)?;
            (beam, (margin != u32::MAX).then_some(margin))
        } else {
            (1, None)
        };
        let lexical = if v >= 4 {
            match r.u8().map_err(f)? {
                0 => false,
                1 => true,
                x => return Err(format!("parser model feature set {x} unknown")),
            }
        } else {
            false
        };
        if moves.nclass != 3 || labels.nclass != n || !r.at_end() || !(1..=256).contains(&beam) {
            return Err("parser model inconsistent".into());
        }
        Ok(Parser {
            moves,
            labels,
            vocab,
            beam,
            margin,
            lexical,
        })
    }
}

/// Best label other than 0 ("none") and root: the first of the highest.
#[inline]
fn best_label(s: &[i32]) -> u8 {
    // The maximum of the labels before and after root in loops the
    // compiler vectorises, then its first position (a scan keeping the
    // best index does not vectorise).
    let r = ROOT_LABEL as usize;
    if s.len() <= r + 1 {
        return best_label_scan(s);
    }
    let (before, after) = (&s[1..r], &s[r + 1..]);
    let max = before.iter().max().max(after.iter().max()).copied().unwrap_or(i32::MIN);
    match before.iter().position(|&x| x == max) {
        Some(i) => (1 + i) as u8,
        None => (r + 1 + after.iter().position(|&x| x == max).unwrap_or(0)) as u8,
    }
}

/// [`best_label`] as one scan (short score vectors; tests).
fn best_label_scan(s: &[i32]) -> u8 {
    let mut best = 1;
    for i in 2..s.len() {
        if i != ROOT_LABEL as usize && s[i] > s[best] {
            best = i;
        }
    }
    best as u8
}

// ---------------------------------------------------------------------
// Oracle and training

/// Gold tree view for the dynamic oracle.
pub struct Gold {
    pub heads: Vec<u32>,
    children: Vec<Vec<u32>>,
}

impl Gold {
    pub fn new(heads: &[u32]) -> Gold {
        let mut children = vec![Vec::new(); heads.len()];
        for (d, &h) in heads.iter().enumerate() {
            if h != NO {
                children[h as usize].push(d as u32);
            }
        }
        Gold {
            heads: heads.to_vec(),
            children,
        }
    }
}

/// Cost (number of gold arcs made unreachable) of each valid move;
/// `u32::MAX` for invalid moves. Exact for projective gold trees.
pub fn costs(st: &State, g: &Gold, on_stack: &[bool]) -> [u32; 3] {
    let valid = st.valid();
    let mut c = [u32::MAX; 3];
    let b = st.b as u32;
    let s0 = st.s(0);
    let s1 = st.s(1);
    let deps_in_buffer = |x: u32| g.children[x as usize].iter().filter(|&&k| k >= b).count() as u32;
    if valid & (1 << SHIFT) != 0 {
        let gh = g.heads[b as usize];
        let mut k = 0;
        if gh != NO && on_stack[gh as usize] && gh != s0 {
            k += 1;
        }
        k += g.children[b as usize].iter().filter(|&&d| on_stack[d as usize]).count() as u32;
        c[SHIFT] = k;
    }
    if valid & (1 << LEFT) != 0 {
        let gh = g.heads[s0 as usize];
        let mut k = deps_in_buffer(s0);
        if gh == NO || (gh != b && (gh == s1 || gh > b)) {
            k += 1;
        }
        c[LEFT] = k;
    }
    if valid & (1 << RIGHT) != 0 {
        let gh = g.heads[s0 as usize];
        let mut k = deps_in_buffer(s0);
        if gh == NO || gh >= b {
            k += 1;
        }
        c[RIGHT] = k;
    }
    c
}

/// Lifts non-projective arcs (shortest first) until the tree is projective.
pub fn projectivize(heads: &mut [u32]) {
    let n = heads.len();
    let dominated = |heads: &[u32], h: u32, mut k: u32| {
        for _ in 0..=n {
            if k == h {
                return true;
            }
            k = heads[k as usize];
            if k == NO {
                return false;
            }
        }
        false
    };
    for _ in 0..n * n {
        let mut worst: Option<(u32, usize)> = None;
        for d in 0..n {
            let h = heads[d];
            if h == NO {
                continue;
            }
            let (lo, hi) = if (h as usize) < d {
                (h as usize, d)
            } else {
                (d, h as usize)
            };
            let span = (hi - lo) as u32;
            if worst.is_some_and(|(s, _)| s <= span) {
                continue;
            }
            if (lo + 1..hi).any(|k| !dominated(heads, h, k as u32)) {
                worst = Some((span, d));
            }
        }
        match worst {
            None => return,
            Some((_, d)) => {
                let gh = heads[heads[d] as usize];
                if gh == NO {
                    return;
                }
                heads[d] = gh;
            }
        }
    }
}

/// Is `heads` a well-formed tree (one root, no cycles)?
pub fn is_tree(heads: &[u32]) -> bool {
    let n = heads.len();
    if heads.iter().filter(|&&h| h == NO).count() != 1 {
        return false;
    }
    for start in 0..n {
        let mut k = start as u32;
        let mut steps = 0;
        while heads[k as usize] != NO {
            k = heads[k as usize];
            if k as usize >= n {
                return false;
            }
            steps += 1;
            if steps > n {
                return false;
            }
        }
    }
    true
}

pub struct ParserExample<'a> {
    /// Hashes of the lowercased forms.
    pub words: Vec<u64>,
    /// Spelling classes ([`crate::tagger::Tok::spelling_class`]).
    pub classes: Vec<u64>,
    pub tags: Vec<u8>,
    pub upos: Vec<u8>,
    pub gold: Gold,
    pub labels: &'a [u8],
}

#[derive(Clone, Debug)]
pub struct ParserOptions {
    pub epochs: usize,
    pub seed: u64,
    /// Quantized move weights of magnitude at most this are dropped.
    pub prune_moves: i32,
    /// Quantized label weights of magnitude at most this are dropped.
    pub prune_labels: i32,
    /// Probability of following the model's own (possibly wrong) move from
    /// the second epoch on.
    pub explore: f64,
    /// Words kept as such in features (most frequent first).
    pub vocab: usize,
    /// Models trained with seeds `seed, seed + 1, ...` and averaged.
    pub seeds: usize,
    /// Beam width: 1 trains a greedy parser with the dynamic oracle; more
    /// trains globally (max-violation) for beam search with this width.
    pub beam: usize,
    /// The lexical feature set ([`Parser::lexical`]).
    pub lexical: bool,
    pub verbose: bool,
}

impl Default for ParserOptions {
    fn default() -> Self {
        ParserOptions {
            epochs: 10,
            seed: 1,
            prune_moves: 800,
            prune_labels: 400,
            explore: 0.9,
            vocab: 5_000,
            seeds: 2,
            beam: 1,
            lexical: false,
            verbose: true,
        }
    }
}

/// Trains on examples (whose `words` are raw lowercase-form hashes);
/// `eval` is called after each epoch with the current averaged parser and
/// returns a line to print.
pub fn train(ex: &[ParserExample], opt: &ParserOptions, mut eval: impl FnMut(&Parser) -> String) -> Parser {
    let vocab = build_vocab(ex.iter().flat_map(|e| e.words.iter().copied()), opt.vocab);
    let mapped: Vec<Vec<u64>> = ex
        .iter()
        .map(|e| {
            e.words
                .iter()
                .zip(&e.classes)
                .map(|(w, &k)| match (vocab.contains_key(w), opt.lexical) {
                    (true, _) => *w,
                    (false, true) => unk_word(k),
                    (false, false) => UNK_W,
                })
                .collect()
        })
        .collect();
    let mut mt = Trainer::new(3);
    let mut lt = Trainer::new(labels::DEPREL.len());
    let mut rng = Rng::new(opt.seed);
    let mut order: Vec<usize> = (0..ex.len()).collect();
    let mut feats = Vec::with_capacity(128);
    let mut lfeats = Vec::with_capacity(64);
    let mut lscores = vec![0i32; labels::DEPREL.len()];
    let gold_seqs: Vec<Vec<(u8, u8)>> = if opt.beam > 1 {
        ex.iter().map(|e| beam::gold_sequence(&e.gold, e.labels)).collect()
    } else {
        Vec::new()
    };
    let mut beam_scratch = beam::BeamScratch::default();
    let mut parser = Parser {
        moves: mt.finish(0),
        labels: lt.finish(0),
        vocab: vocab.clone(),
        beam: opt.beam.max(1),
        margin: None,
        lexical: opt.lexical,
    };
    for epoch in 0..opt.epochs {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        let mut stats = beam::EpochStats::default();
        for &i in &order {
            let e = &ex[i];
            let pp = punct_prefix(&e.tags);
            let c = Ctx {
                w: &mapped[i],
                t: &e.tags,
                u: &e.upos,
                p: &pp,
                lexical: opt.lexical,
            };
            if opt.beam > 1 {
                beam::train_sentence(
                    &mut mt,
                    &mut lt,
                    &c,
                    &gold_seqs[i],
                    opt.beam,
                    &mut beam_scratch,
                    &mut lscores,
                    &mut stats,
                );
                continue;
            }
            let n = e.tags.len();
            let mut st = State::new(n);
            let mut on_stack = vec![false; n];
            while !st.terminal() {
                move_features(&st, &c, &mut feats);
                let mut s = [0i32; 3];
                mt.score(&feats, &mut s);
                let cost = costs(&st, &e.gold, &on_stack);
                let mut pred = usize::MAX;
                let mut best_gold = usize::MAX;
                let minc = *cost.iter().min().unwrap();
                for mv in 0..3 {
                    if cost[mv] == u32::MAX {
                        continue;
                    }
                    if pred == usize::MAX || s[mv] > s[pred] {
                        pred = mv;
                    }
                    if cost[mv] == minc && (best_gold == usize::MAX || s[mv] > s[best_gold]) {
                        best_gold = mv;
                    }
                }
                if cost[pred] > minc {
                    mt.update(&feats, best_gold, pred);
                }
                right += (cost[pred] == minc) as usize;
                total += 1;
                mt.tick();
                let next = if epoch > 0 && rng.next_f64() < opt.explore {
                    pred
                } else {
                    best_gold
                };
                let mut label = 0;
                if next != SHIFT {
                    let (h, d) = st.arc(next);
                    label_features(&st, &c, next, h, d, &mut lfeats);
                    lt.score(&lfeats, &mut lscores);
                    let pl = best_label(&lscores);
                    if e.gold.heads[d as usize] == h {
                        let gl = e.labels[d as usize];
                        lt.update(&lfeats, gl as usize, pl as usize);
                        lt.tick();
                        label = gl;
                    } else {
                        label = pl;
                    }
                    on_stack[d as usize] = false;
                } else {
                    on_stack[st.b] = true;
                }
                st.apply(next, label);
            }
        }
        if opt.beam > 1 {
            right = stats.in_beam;
            total = stats.moves;
        }
        parser = Parser {
            moves: mt.finish(opt.prune_moves),
            labels: lt.finish(opt.prune_labels),
            vocab: vocab.clone(),
            beam: opt.beam.max(1),
            margin: None,
            lexical: opt.lexical,
        };
        if opt.verbose {
            let line = eval(&parser);
            eprintln!(
                "parser epoch {:2}  train move acc {:.2}  {}  features {}+{}  {:.1}s",
                epoch + 1,
                100.0 * right as f64 / total.max(1) as f64,
                line,
                mt.features(),
                lt.features(),
                t0.elapsed().as_secs_f64()
            );
        }
    }
    parser
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The compile-time tables are the features they stand for.
    #[test]
    fn f1_tables_equal_f1() {
        let tables: [(u64, &[u32; 256]); 18] = [
            (2, &F1_2),
            (5, &F1_5),
            (8, &F1_8),
            (11, &F1_11),
            (14, &F1_14),
            (15, &F1_15),
            (55, &F1_55),
            (56, &F1_56),
            (58, &F1_58),
            (59, &F1_59),
            (61, &F1_61),
            (62, &F1_62),
            (66, &F1_66),
            (67, &F1_67),
            (68, &F1_68),
            (69, &F1_69),
            (70, &F1_70),
            (71, &F1_71),
        ];
        for (t, table) in tables {
            for v in 0..256u64 {
                assert_eq!(f1_byte(table, v), f1(t, v), "template {t}, value {v}");
            }
        }
    }

    fn empty_parser(lexical: bool) -> Parser {
        Parser {
            moves: Trainer::new(3).finish(0),
            labels: Trainer::new(labels::DEPREL.len()).finish(0),
            vocab: IdMap::default(),
            beam: 1,
            margin: None,
            lexical,
        }
    }

    /// The file records the feature set; a version 3 file (before there
    /// was a choice) is a base parser; an unknown set is refused.
    #[test]
    fn model_file_records_feature_set() {
        for lexical in [false, true] {
            let b = empty_parser(lexical).to_bytes();
            assert_eq!(Parser::from_bytes(&b).unwrap().lexical(), lexical);
        }
        let mut b = empty_parser(true).to_bytes();
        let last = b.len() - 1;
        b[last] = 7;
        assert!(Parser::from_bytes(&b).err().unwrap().contains("feature set 7"));
        b.pop();
        b[4..8].copy_from_slice(&3u32.to_le_bytes());
        assert!(!Parser::from_bytes(&b).unwrap().lexical());
        b[4..8].copy_from_slice(&5u32.to_le_bytes());
        assert!(Parser::from_bytes(&b).err().unwrap().contains("version 5"));
    }

    /// A lexical parser's words outside the vocabulary keep their spelling
    /// class, and the classes are told apart from each other and from the
    /// plain unknown word; a base parser has one unknown word.
    #[test]
    fn unknown_words_by_spelling_class() {
        let words = ["Zyxwv", "ZYXWV", "zyx-wv", "zyx4", "zyxwv", "zy/xw", "Zyx-4"];
        let toks = crate::tagger::tok_infos(&words, &IdMap::default());
        let p = empty_parser(true);
        let w: Vec<u64> = toks[2..2 + words.len()].iter().map(|t| p.word(t)).collect();
        assert_eq!(w[4], UNK_W, "a lowercase word is the plain unknown word");
        for i in 0..w.len() {
            assert_eq!(w[i] & !0x7f, UNK_W, "{}", words[i]);
            for j in 0..i {
                assert_ne!(w[i], w[j], "{} and {}", words[i], words[j]);
            }
        }
        // The first word of a sentence is classed as anywhere else.
        let later = crate::tagger::tok_infos(&["the", "Zyxwv"], &IdMap::default());
        assert_eq!(p.word(&later[3]), w[0]);
        let base = empty_parser(false);
        assert!(toks[2..2 + words.len()].iter().all(|t| base.word(t) == UNK_W));
    }

    /// Follows zero-cost moves from the initial state; returns the heads.
    fn oracle_parse(heads: &[u32], rng: &mut Rng) -> Vec<u32> {
        let g = Gold::new(heads);
        let n = heads.len();
        let mut st = State::new(n);
        let mut on_stack = vec![false; n];
        while !st.terminal() {
            let c = costs(&st, &g, &on_stack);
            let zero: Vec<usize> = (0..3).filter(|&m| c[m] == 0).collect();
            assert!(!zero.is_empty(), "no zero-cost move for {heads:?}");
            let mv = zero[rng.below(zero.len())];
            if mv == SHIFT {
                on_stack[st.b] = true;
            } else {
                on_stack[st.arc(mv).1 as usize] = false;
            }
            st.apply(mv, 1);
        }
        st.finish();
        st.heads
    }

    /// A random projective tree over `lo..hi` rooted at a random word.
    pub(super) fn random_projective(lo: usize, hi: usize, head: u32, heads: &mut [u32], rng: &mut Rng) {
        if lo >= hi {
            return;
        }
        let r = lo + rng.below(hi - lo);
        heads[r] = head;
        // Split the left and right sides into contiguous subtrees.
        let mut a = lo;
        while a < r {
            let b = a + 1 + rng.below(r - a);
            random_projective(a, b, r as u32, heads, rng);
            a = b;
        }
        let mut a = r + 1;
        while a < hi {
            let b = a + 1 + rng.below(hi - a);
            random_projective(a, b, r as u32, heads, rng);
            a = b;
        }
    }

    /// The vectorised best label is the first highest, as one scan finds
    /// it (ties included; small ranges make many).
    #[test]
    fn best_label_equals_scan() {
        let mut rng = Rng::new(5);
        for n in [2usize, 5, 6, 7, 8, 59, 64] {
            for _ in 0..500 {
                let s: Vec<i32> = (0..n).map(|_| rng.below(7) as i32 - 3).collect();
                assert_eq!(best_label(&s), best_label_scan(&s), "{s:?}");
            }
        }
    }

    #[test]
    fn oracle_rebuilds_projective_trees() {
        let mut rng = Rng::new(7);
        // "The Kremlin denied the claims ."
        let fixed = vec![1, 2, NO, 4, 2, 2];
        assert_eq!(oracle_parse(&fixed, &mut rng), fixed);
        for n in 1..14 {
            for _ in 0..300 {
                let mut heads = vec![NO; n];
                random_projective(0, n, NO, &mut heads, &mut rng);
                assert!(is_tree(&heads));
                assert_eq!(oracle_parse(&heads, &mut rng), heads);
            }
        }
    }

    #[test]
    fn projectivize_lifts_crossing_arcs() {
        // 0 <- 2, 1 <- 3 crossing (0->2 spans 1 whose head 3 is outside).
        let mut heads = vec![2, 3, NO, 2];
        projectivize(&mut heads);
        assert!(is_tree(&heads));
        let mut rng = Rng::new(1);
        assert_eq!(oracle_parse(&heads, &mut rng), heads);
    }
}
