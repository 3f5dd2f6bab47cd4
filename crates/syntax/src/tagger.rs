//! Averaged-perceptron POS tagger predicting joint (XPOS, UPOS) classes,
//! greedy left to right, with a tag dictionary for frequent unambiguous
//! words and an ambiguity-class lexicon for lookahead features.

use crate::model::{SparseModel, Trainer};
use crate::train::GoldSentence;
use crate::util::{f1, f2, f3, hash_bytes, IdMap, Reader, Rng, Truncated, Writer};
use claimgraph_doc::labels;
use std::collections::BTreeMap;

pub const MAGIC: &[u8; 4] = b"CGTG";
/// Version 2: feature 35 (the previous tag with this and the next word's
/// flags) replaced feature 34; a version 1 model would be scored with a
/// feature it never learnt, so it is refused.
/// Version 3: a two-pass model records after its second pass the margin
/// below which the second pass tags a word again ([`Tagger::retag_below`]).
pub const VERSION: u32 = 3;
const START: u64 = 0xFFFF;
const NONE: u64 = 0x1_0000_0000;
/// Identity of words too rare to have their own features.
pub const UNK: u64 = 0x3_0000_0000;

pub struct Tagger {
    /// Class id -> (xpos, upos).
    pub classes: Vec<(u8, u8)>,
    model: SparseModel,
    /// Second pass, which also sees the first pass's tags to the right.
    model2: Option<SparseModel>,
    /// The second pass tags again only the words whose first-pass best
    /// class led the runner-up by less than this many score units (the
    /// others keep their first-pass class): most of its accuracy for a
    /// fraction of its cost. Tuned on dev by [`train`]; `i32::MAX`: every
    /// word the dictionary does not tag.
    retag_below: i32,
    /// Exact form hash -> class, for frequent unambiguous words.
    dict: IdMap<u64, u16>,
    /// Lowercase form hash -> bitmask of XPOS seen (≥ 5 % share).
    amb: IdMap<u64, u64>,
    /// Identity of these weights for the per-thread word-type cache.
    id: u64,
}

/// A fresh identity for [`Tagger::id`].
fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

/// Per-token precomputed hashes.
#[derive(Clone, Copy, Default)]
pub struct Tok {
    pub form: u64,
    pub lower: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    shape: u64,
    flags: u64,
    amb: u64,
}

/// Bits of [`Tok::flags`] that make a word's spelling class
/// ([`Tok::spelling_class`]): hyphen, digit, initial capital, all capitals
/// and another non-letter (not the sentence-initial bit or the dot).
const SPELLING_FLAGS: u64 = 0b100_1111;

impl Tok {
    /// The word's spelling class (some of its flags: initial capital, all
    /// capitals, digit, hyphen, another symbol), under 128: the parser
    /// tells its unknown words apart by it.
    #[inline]
    pub fn spelling_class(&self) -> u64 {
        self.flags & SPELLING_FLAGS
    }

    /// Field-by-field equality (for tests of the caches).
    pub fn same(&self, o: &Tok) -> bool {
        (
            self.form, self.lower, self.suf, self.pre, self.shape, self.flags, self.amb,
        ) == (o.form, o.lower, o.suf, o.pre, o.shape, o.flags, o.amb)
    }
}

const PAD: Tok = Tok {
    form: NONE,
    lower: NONE,
    suf: [NONE; 4],
    pre: [NONE; 3],
    shape: NONE,
    flags: NONE,
    amb: NONE,
};

pub fn lower_into(word: &str, buf: &mut String) {
    buf.clear();
    if word.is_ascii() {
        buf.push_str(word);
        buf.make_ascii_lowercase();
    } else {
        for c in word.chars() {
            buf.extend(c.to_lowercase());
        }
    }
}

fn tok_info(word: &str, first: bool, lower: &mut String, amb: &IdMap<u64, u64>) -> Tok {
    lower_into(word, lower);
    let lb = lower.as_bytes();
    let lh = hash_bytes(lb);
    let mut suf = [NONE; 4];
    let mut pre = [NONE; 3];
    // Char boundaries of the first 4 and the last 4 chars.
    let mut starts = [0usize; 4];
    let mut nstart = 0;
    let mut nchars = 0;
    let mut tail = [0usize; 4];
    for (i, _) in lower.char_indices() {
        if nstart < 4 {
            starts[nstart] = i;
            nstart += 1;
        }
        tail[nchars % 4] = i;
        nchars += 1;
    }
    for k in 1..=4 {
        if nchars >= k {
            suf[k - 1] = hash_bytes(&lb[tail[(nchars - k) % 4]..]) ^ k as u64;
        }
    }
    for k in 1..=3 {
        if nchars > k {
            pre[k - 1] = hash_bytes(&lb[..starts[k]]) ^ (k as u64) << 8;
        } else if nchars == k {
            pre[k - 1] = lh ^ (k as u64) << 8;
        }
    }
    let mut shape = [0u8; 12];
    let mut slen = 0;
    let (mut hy, mut dig, mut up, mut low, mut dot, mut other) = (false, false, 0usize, 0usize, false, false);
    let mut run = 0;
    for c in word.chars() {
        let s = if c.is_uppercase() {
            up += 1;
            b'X'
        } else if c.is_lowercase() {
            low += 1;
            b'x'
        } else if c.is_ascii_digit() {
            dig = true;
            b'd'
        } else {
            if c == '-' {
                hy = true;
            } else if c == '.' {
                dot = true;
            } else {
                other = true;
            }
            if c.is_ascii() {
                c as u8
            } else {
                b'?'
            }
        };
        if slen > 0 && shape[slen - 1] == s {
            run += 1;
        } else {
            run = 0;
        }
        if run < 2 && slen < 12 {
            shape[slen] = s;
            slen += 1;
        }
    }
    let init_up = word.chars().next().is_some_and(|c| c.is_uppercase());
    let flags = (hy as u64)
        | (dig as u64) << 1
        | (init_up as u64) << 2
        | ((up > 1 && low == 0) as u64) << 3
        | (dot as u64) << 4
        | (first as u64) << 5
        | (other as u64) << 6
        | ((dig && up == 0 && low == 0) as u64) << 7;
    // Words seen fewer than three times in training (not in `amb`) share one
    // "unknown" identity, so the model learns to tag them from their
    // spelling: that is exactly the situation of unseen words at run time.
    let (form, lower, amb) = match amb.get(&lh) {
        Some(&a) => (hash_bytes(word.as_bytes()), lh, a),
        None => (UNK, UNK, 0),
    };
    Tok {
        form,
        lower,
        suf,
        pre,
        shape: hash_bytes(&shape[..slen]),
        flags,
        amb,
    }
}

/// Two-way set-associative per-thread cache of [`Tok`]s by word type, for one tagger
/// (the ambiguity lexicon decides a word's identity).
struct TokCache {
    tagger: u64,
    keys: Vec<TypeKey>,
    toks: Vec<Tok>,
    victim: Vec<u8>,
}

thread_local! {
    static TOK_CACHE: std::cell::RefCell<TokCache> = const {
        std::cell::RefCell::new(TokCache {
            tagger: 0,
            keys: Vec::new(),
            toks: Vec::new(),
            victim: Vec::new(),
        })
    };
}

impl Tagger {
    /// [`tok_infos`] for this tagger, from a per-thread cache of word types
    /// where possible (same result).
    pub fn tok_infos(&self, words: &[&str]) -> Vec<Tok> {
        let mut buf = String::new();
        let mut v = Vec::with_capacity(words.len() + 4);
        v.push(PAD);
        v.push(PAD);
        TOK_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            if c.tagger != self.id {
                c.tagger = self.id;
                c.keys = vec![TypeKey::EMPTY; CACHE_SLOTS];
                c.toks = vec![PAD; CACHE_SLOTS];
                c.victim = vec![0; CACHE_SLOTS / 2];
            }
            let c = &mut *c;
            for (i, w) in words.iter().enumerate() {
                match TypeKey::of(w, i == 0) {
                    Some(k) => {
                        let (s, hit) = two_way_slot(&mut c.keys, &mut c.victim, k);
                        if !hit {
                            c.toks[s] = tok_info(w, i == 0, &mut buf, &self.amb);
                        }
                        v.push(c.toks[s]);
                    }
                    None => v.push(tok_info(w, i == 0, &mut buf, &self.amb)),
                }
            }
        });
        v.push(PAD);
        v.push(PAD);
        v
    }
}

pub fn tok_infos(words: &[&str], amb: &IdMap<u64, u64>) -> Vec<Tok> {
    let mut buf = String::new();
    let mut v = Vec::with_capacity(words.len() + 4);
    v.push(PAD);
    v.push(PAD);
    for (i, w) in words.iter().enumerate() {
        v.push(tok_info(w, i == 0, &mut buf, amb));
    }
    v.push(PAD);
    v.push(PAD);
    v
}

/// Features of token `i` (index into `t`, which has two pads each side):
/// the word-only features of it and its neighbours, then those that depend
/// on the tags already chosen (see the inference notes below).
fn features(t: &[Tok], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    push_context_roles(t, i, out);
    push_dynamic_features(t, i, p1, p2, None, out);
}

/// Second-pass features: the first-pass features plus first-pass tags of
/// the next two words.
fn features2(t: &[Tok], i: usize, p1: u64, p2: u64, n1: u64, n2: u64, out: &mut Vec<u32>) {
    out.clear();
    push_context_roles(t, i, out);
    push_dynamic_features(t, i, p1, p2, Some((n1, n2)), out);
}

/// The word-only features of token `i` and of its neighbours in their roles.
fn push_context_roles(t: &[Tok], i: usize, out: &mut Vec<u32>) {
    for (role, j) in [(0, i), (1, i - 1), (2, i - 2), (3, i + 1), (4, i + 2)] {
        push_role_features(&t[j], role, out);
    }
}

// ------------------------------------------------------------ inference
//
// `features` mixes features of one word alone (its form, affixes, shape;
// its form as the left or right neighbour of the word being tagged) with
// features of the tags already chosen. The first kind is the same for every
// occurrence of a word type, so at run time their scores are summed once
// per word type and kept in a small per-thread cache; only the tag-dependent
// features are looked up per token. Scores are integer sums, so the result
// is exactly that of scoring `features` (a test checks it).

/// Role of a word relative to the word being tagged.
const ROLES: usize = 5; // the word itself, i-1, i-2, i+1, i+2

/// The word-only features of `w` in role `role` (same ids as `features`).
fn role_features(w: &Tok, role: usize, out: &mut Vec<u32>) {
    out.clear();
    push_role_features(w, role, out);
}

fn push_role_features(w: &Tok, role: usize, out: &mut Vec<u32>) {
    match role {
        0 => {
            out.push(f1(1, 0));
            out.push(f1(2, w.form));
            out.push(f1(3, w.lower));
            for k in 0..4 {
                out.push(f1(4 + k as u64, w.suf[k]));
            }
            for k in 0..3 {
                out.push(f1(8 + k as u64, w.pre[k]));
            }
            out.push(f1(11, w.shape));
            out.push(f1(12, w.flags));
            out.push(f1(13, w.amb));
            out.push(f2(33, w.flags, w.suf[1]));
        }
        1 => {
            out.push(f1(18, w.lower));
            out.push(f1(22, w.suf[2]));
        }
        2 => out.push(f1(19, w.lower)),
        3 => {
            out.push(f1(20, w.lower));
            out.push(f1(23, w.suf[2]));
            out.push(f1(24, w.amb));
            out.push(f1(31, w.shape));
        }
        _ => {
            out.push(f1(21, w.lower));
            out.push(f1(25, w.amb));
        }
    }
}

/// The features of `features` (or `features2` when `right` is given) that
/// depend on the tags chosen so far.
fn dynamic_features(t: &[Tok], i: usize, p1: u64, p2: u64, right: Option<(u64, u64)>, out: &mut Vec<u32>) {
    out.clear();
    push_dynamic_features(t, i, p1, p2, right, out);
}

fn push_dynamic_features(t: &[Tok], i: usize, p1: u64, p2: u64, right: Option<(u64, u64)>, out: &mut Vec<u32>) {
    let w = &t[i];
    out.push(f1(14, p1));
    out.push(f1(15, p2));
    out.push(f2(16, p1, p2));
    out.push(f2(17, p1, w.lower));
    out.push(f2(26, t[i - 1].lower, w.lower));
    out.push(f2(27, w.lower, t[i + 1].lower));
    out.push(f2(28, p1, w.amb));
    out.push(f2(29, w.amb, t[i + 1].amb));
    out.push(f2(30, p1, w.suf[2]));
    out.push(f3(32, p1, t[i + 1].amb, w.amb));
    out.push(f3(35, p1, w.flags, t[i + 1].flags));
    if let Some((n1, n2)) = right {
        out.push(f1(41, n1));
        out.push(f2(42, n1, n2));
        out.push(f2(43, p1, n1));
        out.push(f2(44, w.lower, n1));
        out.push(f3(45, p1, n1, n2));
        out.push(f2(46, w.suf[2], n1));
    }
}

/// Key of a cached word type: its bytes (short words only) and whether it
/// opens the sentence; `len == 255` is the padding token. Packed in three
/// words, little-endian: bytes 0..22 the word (zero-padded), byte 22 its
/// length, byte 23 `first`. Compared and hashed a word at a time (as
/// bytes, the comparison was a `memcmp` call and the hash a loop per
/// byte, at each of the cache's ~100,000 lookups per 100 articles).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TypeKey([u64; 3]);

impl TypeKey {
    const EMPTY: TypeKey = TypeKey([0; 3]);
    const PAD: TypeKey = TypeKey([0, 0, 255 << 48]);
    fn of(word: &str, first: bool) -> Option<TypeKey> {
        let b = word.as_bytes();
        if b.is_empty() || b.len() > 22 {
            return None;
        }
        let mut buf = [0u8; 24];
        buf[..b.len()].copy_from_slice(b);
        buf[22] = b.len() as u8;
        buf[23] = first as u8;
        let w = |i: usize| u64::from_le_bytes(buf[8 * i..8 * i + 8].try_into().expect("8 bytes"));
        Some(TypeKey([w(0), w(1), w(2)]))
    }
    /// The key's set (only where it is cached: any spread will do).
    fn slot(&self, mask: usize) -> usize {
        let [a, b, c] = self.0;
        let mut h = a.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ c.wrapping_mul(0x1656_67B1_9E37_79F9);
        h ^= h >> 29;
        h = h.wrapping_mul(0xBF58_476D_1CE4_E5B9);
        (h >> 32) as usize & mask
    }
}

/// The slot of `key` in a two-way set-associative cache of `keys.len() / 2`
/// sets, and whether it was there. On a miss the key takes the way of its
/// set used less recently (the caller fills the slot's value).
fn two_way_slot(keys: &mut [TypeKey], victim: &mut [u8], key: TypeKey) -> (usize, bool) {
    let set = key.slot(keys.len() / 2 - 1);
    let (way, hit) = match (0..2).find(|&w| keys[2 * set + w] == key) {
        Some(w) => (w, true),
        None => (victim[set] as usize, false),
    };
    victim[set] = 1 - way as u8;
    keys[2 * set + way] = key;
    (2 * set + way, hit)
}

/// Two-way set-associative cache: word type -> summed word-only scores of
/// one pass, for each role (`ROLES * nclass` integers per slot). One cache
/// per pass: the second pass looks up only the neighbourhoods of the words
/// it tags again, so its scores are computed only for those.
/// Two ways, not one: with a news story's few thousand word types in 4096
/// direct-mapped slots, types that share a slot kept evicting each other
/// (a recomputation costs ~6,400 instructions).
struct TypeCache {
    tagger: u64,
    width: usize,
    keys: Vec<TypeKey>,
    vals: Vec<i32>,
    /// Per set: the way to replace next (the one used less recently).
    victim: Vec<u8>,
}

const CACHE_SLOTS: usize = 4096;

const EMPTY_TYPE_CACHE: TypeCache = TypeCache {
    tagger: 0,
    width: 0,
    keys: Vec::new(),
    vals: Vec::new(),
    victim: Vec::new(),
};

thread_local! {
    static TYPE_CACHE: std::cell::RefCell<[TypeCache; 2]> = const {
        std::cell::RefCell::new([EMPTY_TYPE_CACHE, EMPTY_TYPE_CACHE])
    };
}

impl Tagger {
    /// Writes the word-only scores of `tok` in pass `pass` (every role) into `dst`.
    fn type_scores(&self, tok: &Tok, pass: usize, feats: &mut Vec<u32>, dst: &mut [i32]) {
        dst.fill(0);
        let nc = self.classes.len();
        let m = if pass == 0 {
            &self.model
        } else {
            self.model2.as_ref().expect("a second pass")
        };
        for role in 0..ROLES {
            role_features(tok, role, feats);
            m.score(feats, &mut dst[role * nc..(role + 1) * nc]);
        }
    }

    /// Word-only score sums of pass `pass` for the positions that need them
    /// (`row[i] != NO_ROW`): `out[row[i] * nc ..]`, `m` rows. Positions
    /// the dictionary tags, or that the second pass leaves as they are,
    /// get no row (nothing to zero and sum).
    fn static_scores(&self, words: &[&str], toks: &[Tok], row: &[u32], m: usize, pass: usize, out: &mut Vec<i32>) {
        let n = words.len();
        let nc = self.classes.len();
        let width = ROLES * nc;
        let need = |i: usize| row[i] != NO_ROW;
        // Rows are appended, not zeroed and then summed into: a row's first
        // sum comes at `j == i` (role 2), and the rows are numbered in
        // position order, so it is always the next row.
        out.clear();
        out.reserve(m * nc);
        let mut feats = Vec::with_capacity(16);
        let mut own = vec![0i32; width];
        TYPE_CACHE.with(|c| {
            let mut c = c.borrow_mut();
            let c = &mut c[pass];
            if c.tagger != self.id || c.width != width {
                c.tagger = self.id;
                c.width = width;
                c.keys = vec![TypeKey::EMPTY; CACHE_SLOTS];
                c.vals = vec![0; CACHE_SLOTS * width];
                c.victim = vec![0; CACHE_SLOTS / 2];
            }
            let c = &mut *c;
            for j in 0..n + 4 {
                // Positions this token is a context of (sentence indices).
                let targets = [
                    j as isize - 2,
                    j as isize - 1,
                    j as isize,
                    j as isize - 3,
                    j as isize - 4,
                ];
                if !targets.iter().any(|&i| i >= 0 && (i as usize) < n && need(i as usize)) {
                    continue;
                }
                let key = if j < 2 || j >= n + 2 {
                    Some(TypeKey::PAD)
                } else {
                    TypeKey::of(words[j - 2], j == 2)
                };
                let vals: &[i32] = match key {
                    Some(k) => {
                        let (s, hit) = two_way_slot(&mut c.keys, &mut c.victim, k);
                        if !hit {
                            self.type_scores(&toks[j], pass, &mut feats, &mut c.vals[s * width..(s + 1) * width]);
                        }
                        &c.vals[s * width..(s + 1) * width]
                    }
                    None => {
                        self.type_scores(&toks[j], pass, &mut feats, &mut own);
                        &own
                    }
                };
                for (role, &i) in targets.iter().enumerate() {
                    if i < 0 || i as usize >= n || !need(i as usize) {
                        continue;
                    }
                    let src = &vals[role * nc..(role + 1) * nc];
                    let o = row[i as usize] as usize * nc;
                    if role == 2 {
                        debug_assert_eq!(out.len(), o, "rows numbered in position order");
                        out.extend_from_slice(src);
                    } else {
                        crate::simd::add_i32(&mut out[o..o + nc], src);
                    }
                }
            }
        });
        debug_assert_eq!(out.len(), m * nc);
    }
}

/// No row of static scores (a position the dictionary tags).
const NO_ROW: u32 = u32::MAX;

/// One greedy pass at run time: cached word-only scores plus the
/// tag-dependent features (same result as `run_pass`). A first pass
/// (`right` is `None`) given `marg` fills it with each word's margin (best class
/// over runner-up; `i32::MAX` for dictionary words); a second pass keeps
/// the first pass's class where that margin is at least `th`, and reads
/// static scores only for the other words' rows.
#[allow(clippy::too_many_arguments)]
fn run_pass_cached(
    model: &SparseModel,
    dict: &IdMap<u64, u16>,
    toks: &[Tok],
    n: usize,
    stat: &[i32],
    row: &[u32],
    right: Option<&[u16]>,
    mut marg: Option<&mut Vec<i32>>,
    th: i32,
    feats: &mut Vec<u32>,
    scores: &mut [i32],
    out: &mut Vec<u16>,
) {
    out.clear();
    let nc = scores.len();
    let record = right.is_none();
    if let Some(m) = marg.as_deref_mut().filter(|_| record) {
        m.clear();
    }
    let (mut p1, mut p2) = (START, START);
    let r = |k: usize| right.map_or(START, |v| v.get(k).map_or(START, |&c| c as u64));
    for i in 0..n {
        let c = if let Some(&c) = dict.get(&toks[i + 2].form) {
            if let Some(m) = marg.as_deref_mut().filter(|_| record) {
                m.push(i32::MAX);
            }
            c
        } else if let Some(first) = right.filter(|_| marg.as_deref().is_some_and(|m| m[i] >= th)) {
            // Sure enough in the first pass: kept.
            first[i]
        } else {
            dynamic_features(toks, i + 2, p1, p2, right.map(|_| (r(i + 1), r(i + 2))), feats);
            let r = row[i] as usize;
            scores.copy_from_slice(&stat[r * nc..(r + 1) * nc]);
            model.score(feats, scores);
            let b = argmax(scores);
            if let Some(m) = marg.as_deref_mut().filter(|_| record) {
                m.push(margin_of(scores, b));
            }
            b as u16
        };
        out.push(c);
        p2 = p1;
        p1 = c as u64;
    }
}

/// One greedy pass; `right` holds first-pass classes for a second pass
/// (`marg` and `th` as in `run_pass_cached`).
#[allow(clippy::too_many_arguments)]
fn run_pass(
    model: &SparseModel,
    dict: &IdMap<u64, u16>,
    toks: &[Tok],
    n: usize,
    right: Option<&[u16]>,
    marg: &mut Vec<i32>,
    th: i32,
    feats: &mut Vec<u32>,
    scores: &mut [i32],
    out: &mut Vec<u16>,
) {
    out.clear();
    if right.is_none() {
        marg.clear();
    }
    let (mut p1, mut p2) = (START, START);
    let r = |k: usize| right.map_or(START, |v| v.get(k).map_or(START, |&c| c as u64));
    for i in 0..n {
        let c = if let Some(&c) = dict.get(&toks[i + 2].form) {
            if right.is_none() {
                marg.push(i32::MAX);
            }
            c
        } else if let Some(first) = right.filter(|_| marg[i] >= th) {
            // Sure enough in the first pass: kept.
            first[i]
        } else {
            match right {
                Some(_) => features2(toks, i + 2, p1, p2, r(i + 1), r(i + 2), feats),
                None => features(toks, i + 2, p1, p2, feats),
            }
            scores.fill(0);
            model.score(feats, scores);
            let b = argmax(scores);
            if right.is_none() {
                marg.push(margin_of(scores, b));
            }
            b as u16
        };
        out.push(c);
        p2 = p1;
        p1 = c as u64;
    }
}

impl Tagger {
    /// Weighted average of two taggers trained with different seeds on the
    /// same data (same classes, dictionary and lexicon).
    pub fn average(a: &Tagger, b: &Tagger, wa: u32, wb: u32) -> Tagger {
        assert!(a.classes == b.classes && a.dict.len() == b.dict.len() && a.amb.len() == b.amb.len());
        Tagger {
            classes: a.classes.clone(),
            model: SparseModel::average(&a.model, &b.model, wa, wb),
            model2: match (&a.model2, &b.model2) {
                (Some(x), Some(y)) => Some(SparseModel::average(x, y, wa, wb)),
                _ => None,
            },
            // Score units differ from either model's: tune again.
            retag_below: i32::MAX,
            dict: a.dict.clone(),
            amb: a.amb.clone(),
            id: next_id(),
        }
    }

    /// A copy with weights of magnitude `<= min` dropped.
    pub fn pruned(&self, min: i32) -> Tagger {
        Tagger {
            classes: self.classes.clone(),
            model: self.model.pruned(min),
            model2: self.model2.as_ref().map(|m| m.pruned(min)),
            retag_below: self.retag_below,
            dict: self.dict.clone(),
            amb: self.amb.clone(),
            id: next_id(),
        }
    }

    /// Tags one sentence: returns class ids.
    pub fn tag_classes(&self, words: &[&str], toks: &[Tok], out: &mut Vec<u16>) {
        let n = words.len();
        let nc = self.classes.len();
        let mut m = 0;
        let row: Vec<u32> = (0..n)
            .map(|i| {
                if self.dict.contains_key(&toks[i + 2].form) {
                    NO_ROW
                } else {
                    m += 1;
                    m as u32 - 1
                }
            })
            .collect();
        let mut stat = Vec::new();
        self.static_scores(words, toks, &row, m, 0, &mut stat);
        let mut feats = Vec::with_capacity(24);
        let mut marg = Vec::with_capacity(n);
        let mut scores = vec![0i32; nc];
        run_pass_cached(
            &self.model,
            &self.dict,
            toks,
            n,
            &stat,
            &row,
            None,
            // margins only for a second pass to read
            self.model2.is_some().then_some(&mut marg),
            self.retag_below,
            &mut feats,
            &mut scores,
            out,
        );
        if let Some(m2) = &self.model2 {
            let first = std::mem::take(out);
            let th = self.retag_below;
            let mut m = 0;
            let row: Vec<u32> = (0..n)
                .map(|i| {
                    if marg[i] >= th {
                        NO_ROW
                    } else {
                        m += 1;
                        m as u32 - 1
                    }
                })
                .collect();
            if m > 0 {
                self.static_scores(words, toks, &row, m, 1, &mut stat);
            }
            run_pass_cached(
                m2,
                &self.dict,
                toks,
                n,
                &stat,
                &row,
                Some(&first),
                Some(&mut marg),
                self.retag_below,
                &mut feats,
                &mut scores,
                out,
            );
        }
    }

    /// [`Tagger::tag_classes`] without the cache: every feature looked up.
    pub fn tag_classes_uncached(&self, words: &[&str], toks: &[Tok], out: &mut Vec<u16>) {
        let mut feats = Vec::with_capacity(48);
        let mut marg = Vec::new();
        let mut scores = vec![0i32; self.classes.len()];
        run_pass(
            &self.model,
            &self.dict,
            toks,
            words.len(),
            None,
            &mut marg,
            self.retag_below,
            &mut feats,
            &mut scores,
            out,
        );
        if let Some(m2) = &self.model2 {
            let first = std::mem::take(out);
            run_pass(
                m2,
                &self.dict,
                toks,
                words.len(),
                Some(&first),
                &mut marg,
                self.retag_below,
                &mut feats,
                &mut scores,
                out,
            );
        }
    }

    /// Tags one sentence: (xpos, upos) per word.
    pub fn tag(&self, words: &[&str]) -> Vec<(u8, u8)> {
        let toks = tok_infos(words, &self.amb);
        let mut cls = Vec::new();
        self.tag_classes(words, &toks, &mut cls);
        cls.iter().map(|&c| self.classes[c as usize]).collect()
    }

    pub fn amb(&self) -> &IdMap<u64, u64> {
        &self.amb
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.header(MAGIC, VERSION);
        w.u32(self.classes.len() as u32);
        for &(x, u) in &self.classes {
            w.str(labels::XPOS[x as usize]);
            w.str(labels::UPOS[u as usize]);
        }
        let mut d: Vec<_> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        d.sort_unstable();
        w.u32(d.len() as u32);
        for (k, v) in d {
            w.u64(k);
            w.u16(v);
        }
        let mut a: Vec<_> = self.amb.iter().map(|(&k, &v)| (k, v)).collect();
        a.sort_unstable();
        w.u32(a.len() as u32);
        for (k, v) in a {
            w.u64(k);
            w.var(v);
        }
        self.model.write(&mut w);
        match &self.model2 {
            Some(m) => {
                w.u8(1);
                m.write(&mut w);
                w.u32(self.retag_below as u32);
            }
            None => w.u8(0),
        }
        w.buf
    }

    /// Whether the weight tables are mapped from a compiled-in image.
    pub fn is_mapped(&self) -> bool {
        self.model.is_mapped() && self.model2.as_ref().is_none_or(|m| m.is_mapped())
    }

    pub fn from_bytes(b: &[u8]) -> Result<Tagger, String> {
        Tagger::from_bytes_with(b, None)
    }

    /// [`Tagger::from_bytes`], taking the sparse models from `image` where it
    /// holds them (the embedded model and its compiled-in table image).
    pub(crate) fn from_bytes_with(b: &[u8], image: Option<&crate::image::Static>) -> Result<Tagger, String> {
        let mut r = Reader::new(b);
        let f = |_: Truncated| "tagger model truncated or corrupt".to_string();
        if &r.magic().map_err(f)? != MAGIC {
            return Err("not a tagger model (bad magic)".into());
        }
        let v = r.u32().map_err(f)?;
        if v != VERSION {
            return Err(format!("tagger model version {v}, expected {VERSION}"));
        }
        let n = r.u32().map_err(f)? as usize;
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let x = labels::index_of(labels::XPOS, r.str().map_err(f)?);
            let u = labels::index_of(labels::UPOS, r.str().map_err(f)?);
            classes.push((x, u));
        }
        let n = r.u32().map_err(f)? as usize;
        let mut dict = IdMap::default();
        for _ in 0..n {
            let k = r.u64().map_err(f)?;
            let v = r.u16().map_err(f)?;
            if v as usize >= classes.len() {
                return Err("tagger dictionary class out of range".into());
            }
            dict.insert(k, v);
        }
        let n = r.u32().map_err(f)? as usize;
        let mut amb = IdMap::default();
        for _ in 0..n {
            let k = r.u64().map_err(f)?;
            amb.insert(k, r.var().map_err(f)?);
        }
        let model = crate::image::read_model(&mut r, image).map_err(f)?;
        let (model2, retag_below) = match r.u8().map_err(f)? {
            0 => (None, i32::MAX),
            _ => {
                let m = crate::image::read_model(&mut r, image).map_err(f)?;
                (Some(m), r.u32().map_err(f)? as i32)
            }
        };
        if model.nclass != classes.len() || model2.as_ref().is_some_and(|m| m.nclass != classes.len()) || !r.at_end() {
            return Err("tagger model inconsistent".into());
        }
        Ok(Tagger {
            classes,
            model,
            model2,
            retag_below,
            dict,
            amb,
            id: next_id(),
        })
    }
}

/// How far the best score `s[b]` is above the runner-up.
#[inline]
fn margin_of(s: &[i32], b: usize) -> i32 {
    let second = s
        .iter()
        .enumerate()
        .filter(|&(k, _)| k != b)
        .map(|(_, &x)| x)
        .max()
        .unwrap_or(i32::MIN);
    s[b].saturating_sub(second)
}

#[inline]
pub fn argmax(s: &[i32]) -> usize {
    // The first index of the maximum, in two passes the compiler
    // vectorises (a scan keeping the best index does not vectorise).
    let Some(&max) = s.iter().max() else {
        return 0;
    };
    s.iter().position(|&x| x == max).unwrap_or(0)
}

/// Tagger training options.
#[derive(Clone, Debug)]
pub struct TaggerOptions {
    pub epochs: usize,
    pub seed: u64,
    pub prune: i32,
    /// Train a second, right-context-aware pass (on jackknifed first-pass tags).
    pub two_pass: bool,
    /// Models trained with seeds `seed, seed + 1, ...` and averaged.
    pub seeds: usize,
    pub verbose: bool,
}

impl Default for TaggerOptions {
    fn default() -> Self {
        TaggerOptions {
            epochs: 8,
            seed: 1,
            prune: 400,
            two_pass: true,
            seeds: 2,
            verbose: true,
        }
    }
}

/// Trains `opt.seeds` taggers (seeds `opt.seed..`) and averages them.
pub fn train(train: &[GoldSentence], dev: &[GoldSentence], opt: &TaggerOptions) -> Tagger {
    let mut t = train_one(train, dev, opt);
    for k in 1..opt.seeds.max(1) {
        let o = TaggerOptions {
            seed: opt.seed + k as u64,
            ..opt.clone()
        };
        let next = train_one(train, dev, &o);
        t = Tagger::average(&t, &next, k as u32, 1);
        if opt.verbose && !dev.is_empty() {
            let (up, xp) = accuracy(&t, dev);
            eprintln!("tagger average of {} seeds: dev UPOS {up:.2} XPOS {xp:.2}", k + 1);
        }
    }
    if t.model2.is_some() && !dev.is_empty() {
        t.retag_below = tune_retag(&mut t, dev, opt.verbose);
    }
    t
}

/// Margins tried for [`Tagger::retag_below`], narrowest first (score
/// units of the quantized model, whose largest weight is 32767).
pub const RETAG_GRID: &[i32] = &[2_000, 4_000, 6_000, 8_000, 10_000, 12_000, 15_000, 20_000, 30_000];

/// Dev UPOS points the tuned margin may give up against a full second pass.
pub const RETAG_TOLERANCE: f64 = 0.01;

/// The narrowest margin of [`RETAG_GRID`] whose dev UPOS is within
/// [`RETAG_TOLERANCE`] of a second pass over every word (`i32::MAX` if
/// none is).
fn tune_retag(t: &mut Tagger, dev: &[GoldSentence], verbose: bool) -> i32 {
    t.retag_below = i32::MAX;
    let full = accuracy(t, dev).0;
    if verbose {
        eprintln!("tagger second pass on every word: dev UPOS {full:.3}");
    }
    for &m in RETAG_GRID {
        t.retag_below = m;
        let up = accuracy(t, dev).0;
        if verbose {
            eprintln!("tagger second pass below margin {m:>6}: dev UPOS {up:.3}");
        }
        if up >= full - RETAG_TOLERANCE {
            return m;
        }
    }
    i32::MAX
}

fn train_one(train: &[GoldSentence], dev: &[GoldSentence], opt: &TaggerOptions) -> Tagger {
    // Classes: (xpos, upos) pairs seen at least twice; rarer pairs fall
    // back to the most frequent class with the same XPOS.
    let mut pair_counts: BTreeMap<(u8, u8), usize> = BTreeMap::new();
    for s in train {
        for i in 0..s.forms.len() {
            *pair_counts.entry((s.xpos[i], s.upos[i])).or_default() += 1;
        }
    }
    let mut classes: Vec<((u8, u8), usize)> = pair_counts
        .iter()
        .filter(|&(_, &c)| c >= 2)
        .map(|(&p, &c)| (p, c))
        .collect();
    classes.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let classes: Vec<(u8, u8)> = classes.into_iter().map(|(p, _)| p).collect();
    let class_of = |x: u8, u: u8| -> u16 {
        if let Some(i) = classes.iter().position(|&p| p == (x, u)) {
            return i as u16;
        }
        classes.iter().position(|&p| p.0 == x).unwrap_or(0) as u16
    };
    let mut class_map: BTreeMap<(u8, u8), u16> = BTreeMap::new();
    for &p in pair_counts.keys() {
        class_map.insert(p, class_of(p.0, p.1));
    }
    let gold: Vec<Vec<u16>> = train
        .iter()
        .map(|s| (0..s.forms.len()).map(|i| class_map[&(s.xpos[i], s.upos[i])]).collect())
        .collect();

    // Dictionary and ambiguity lexicon.
    let mut form_counts: BTreeMap<&str, BTreeMap<u16, usize>> = BTreeMap::new();
    let mut lower_counts: BTreeMap<String, BTreeMap<u8, usize>> = BTreeMap::new();
    let mut buf = String::new();
    for (s, g) in train.iter().zip(&gold) {
        for ((form, &c), &x) in s.forms.iter().zip(g).zip(&s.xpos) {
            *form_counts.entry(form).or_default().entry(c).or_default() += 1;
            lower_into(form, &mut buf);
            *lower_counts.entry(buf.clone()).or_default().entry(x).or_default() += 1;
        }
    }
    let mut dict = IdMap::default();
    for (form, m) in &form_counts {
        let total: usize = m.values().sum();
        let (&best, &bc) = m.iter().max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0))).unwrap();
        if total >= 20 && bc as f64 / total as f64 >= 0.995 {
            dict.insert(hash_bytes(form.as_bytes()), best);
        }
    }
    let mut amb = IdMap::default();
    for (w, m) in &lower_counts {
        let total: usize = m.values().sum();
        if total < MIN_COUNT {
            continue;
        }
        let mut mask = 0u64;
        for (&x, &c) in m {
            if c * 20 >= total && x < 64 {
                mask |= 1 << x;
            }
        }
        amb.insert(hash_bytes(w.as_bytes()), mask);
    }

    let toks: Vec<Vec<Tok>> = train
        .iter()
        .map(|s| {
            let w: Vec<&str> = s.forms.iter().map(|x| x.as_str()).collect();
            tok_infos(&w, &amb)
        })
        .collect();
    let all: Vec<usize> = (0..train.len()).collect();
    let mut tagger = Tagger {
        classes: classes.clone(),
        model: Trainer::new(1).finish(0),
        model2: None,
        retag_below: i32::MAX,
        dict,
        amb,
        id: next_id(),
    };
    tagger.model = train_pass(&tagger, &toks, &gold, &all, None, dev, opt, "pass 1");
    tagger.id = next_id();
    if opt.two_pass {
        // Jackknifed first-pass tags of the training data.
        const FOLDS: usize = 4;
        let mut first: Vec<Vec<u16>> = vec![Vec::new(); train.len()];
        let mut feats = Vec::new();
        let mut scores = vec![0i32; classes.len()];
        for f in 0..FOLDS {
            let rest: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != f).collect();
            let quiet = TaggerOptions {
                verbose: false,
                ..opt.clone()
            };
            let m = train_pass(&tagger, &toks, &gold, &rest, None, &[], &quiet, "");
            for i in all.iter().copied().filter(|i| i % FOLDS == f) {
                run_pass(
                    &m,
                    &tagger.dict,
                    &toks[i],
                    gold[i].len(),
                    None,
                    &mut Vec::new(),
                    i32::MAX,
                    &mut feats,
                    &mut scores,
                    &mut first[i],
                );
            }
        }
        let m2 = train_pass(&tagger, &toks, &gold, &all, Some(&first), dev, opt, "pass 2");
        tagger.model2 = Some(m2);
        tagger.id = next_id();
    }
    tagger
}

/// Words seen fewer times than this in training share the unknown-word
/// identity [`UNK`] (3, not 2: +0.03 dev UPOS alone, more with the rest).
const MIN_COUNT: usize = 3;

/// Training updates also when the gold class wins by less than this many
/// score units (one update moves a class by about twice the feature
/// count): a margin perceptron. With [`MIN_COUNT`] 3 and feature 35, dev
/// UPOS +0.085 over six seed pairs; no run-time cost.
const MARGIN: i32 = 20;

/// Trains one pass over the sentences `idx`.
#[allow(clippy::too_many_arguments)]
fn train_pass(
    tagger: &Tagger,
    toks: &[Vec<Tok>],
    gold: &[Vec<u16>],
    idx: &[usize],
    right: Option<&[Vec<u16>]>,
    dev: &[GoldSentence],
    opt: &TaggerOptions,
    name: &str,
) -> SparseModel {
    let nc = tagger.classes.len();
    let mut tr = Trainer::new(nc);
    let mut rng = Rng::new(opt.seed);
    let mut order = idx.to_vec();
    let mut feats = Vec::with_capacity(48);
    let mut scores = vec![0i32; nc];
    let mut model = tr.finish(0);
    for epoch in 0..opt.epochs {
        let t0 = std::time::Instant::now();
        rng.shuffle(&mut order);
        let (mut correct, mut total) = (0usize, 0usize);
        for &si in &order {
            let t = &toks[si];
            let g = &gold[si];
            let r = |k: usize| right.map_or(START, |v| v[si].get(k).map_or(START, |&c| c as u64));
            let (mut p1, mut p2) = (START, START);
            for i in 0..g.len() {
                let c = if let Some(&c) = tagger.dict.get(&t[i + 2].form) {
                    c
                } else {
                    match right {
                        Some(_) => features2(t, i + 2, p1, p2, r(i + 1), r(i + 2), &mut feats),
                        None => features(t, i + 2, p1, p2, &mut feats),
                    }
                    tr.score(&feats, &mut scores);
                    let p = argmax(&scores) as u16;
                    if p == g[i] {
                        // Right, but maybe by too little: push the gold
                        // class away from the runner-up.
                        let gs = scores[p as usize];
                        scores[p as usize] = i32::MIN;
                        let q = argmax(&scores);
                        if q != p as usize && gs.saturating_sub(scores[q]) < MARGIN {
                            tr.update(&feats, g[i] as usize, q);
                        }
                    } else {
                        tr.update(&feats, g[i] as usize, p as usize);
                    }
                    tr.tick();
                    p
                };
                correct += (c == g[i]) as usize;
                total += 1;
                p2 = p1;
                p1 = c as u64;
            }
        }
        if opt.verbose || epoch + 1 == opt.epochs {
            model = tr.finish(opt.prune);
        }
        if opt.verbose {
            let (up, xp) = if dev.is_empty() {
                (0.0, 0.0)
            } else {
                let view = Tagger {
                    classes: tagger.classes.clone(),
                    model: if right.is_some() {
                        tagger.model.pruned(0)
                    } else {
                        model.pruned(0)
                    },
                    model2: if right.is_some() { Some(model.pruned(0)) } else { None },
                    retag_below: i32::MAX,
                    dict: tagger.dict.clone(),
                    amb: tagger.amb.clone(),
                    id: next_id(),
                };
                accuracy(&view, dev)
            };
            eprintln!(
                "tagger {name} epoch {:2}  train acc {:.2}  dev UPOS {:.2} XPOS {:.2}  features {}  {:.1}s",
                epoch + 1,
                100.0 * correct as f64 / total.max(1) as f64,
                up,
                xp,
                tr.features(),
                t0.elapsed().as_secs_f64()
            );
        }
    }
    model
}

/// (UPOS %, XPOS %) on gold sentences.
pub fn accuracy(tagger: &Tagger, sents: &[GoldSentence]) -> (f64, f64) {
    let (mut u, mut x, mut n) = (0usize, 0usize, 0usize);
    for s in sents {
        let w: Vec<&str> = s.forms.iter().map(|x| x.as_str()).collect();
        for (i, (px, pu)) in tagger.tag(&w).into_iter().enumerate() {
            u += (pu == s.upos[i]) as usize;
            x += (px == s.xpos[i]) as usize;
            n += 1;
        }
    }
    (100.0 * u as f64 / n.max(1) as f64, 100.0 * x as f64 / n.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The per-thread word-type cache must not change a single tag: compare
    /// with full feature lookup on varied text (long words that bypass the
    /// cache, sentence-initial forms, repeated types, one-word sentences).
    #[test]
    fn cached_tagging_equals_full_lookup() {
        let t = crate::Syntax::embedded().tagger();
        let text = "Presidential aide Hikmet Hajiyev called the claims \" absolutely unfounded \" on Tuesday . \
                    Iranian media reports have alleged that Israel may have used Azerbaijani territory . \
                    The counterrevolutionaryishnessesque proposal was n't approved , officials said . \
                    He said that it 's 2,000 km away from Baku , according to the U.S. embassy . \
                    Said ? Yes . \
                    They said they would n't go ; we said we would .";
        for (k, sent) in text.split(" . ").enumerate() {
            let words: Vec<&str> = sent.split(' ').filter(|w| !w.is_empty()).collect();
            for rep in 0..3 {
                let toks = tok_infos(&words, t.amb());
                let cached = t.tok_infos(&words);
                assert!(toks.iter().zip(&cached).all(|(a, b)| a.same(b)) && toks.len() == cached.len());
                let (mut a, mut b) = (Vec::new(), Vec::new());
                t.tag_classes(&words, &toks, &mut a);
                t.tag_classes_uncached(&words, &toks, &mut b);
                assert_eq!(a, b, "sentence {k}, pass {rep}: {sent}");
            }
        }
    }

    /// The second pass tags again exactly the words whose first-pass margin
    /// is below [`Tagger::retag_below`]: at 0 the first pass's classes are
    /// kept, at `i32::MAX` every word is tagged again; the cached path
    /// agrees with full lookup at every margin; the margin survives a
    /// write and read.
    #[test]
    fn second_pass_retags_below_the_margin() {
        // The shipped tagger has one pass: train a small two-pass one on
        // the first 2,000 sentences of EWT train (about 2 s).
        let Some(data) = crate::train::shared_data_dir() else {
            eprintln!("skipped: needs ../shared/data/ud-english-ewt");
            return;
        };
        let ewt = data.join("ud-english-ewt");
        let mut train = crate::train::load(&[ewt.join("en_ewt-ud-train.conllu")]).unwrap();
        train.truncate(2_000);
        let mut dev = crate::train::load(&[ewt.join("en_ewt-ud-dev.conllu")]).unwrap();
        dev.truncate(500);
        let opt = TaggerOptions {
            epochs: 3,
            two_pass: true,
            seeds: 1,
            verbose: false,
            ..TaggerOptions::default()
        };
        let t = &super::train(&train, &dev, &opt);
        assert!(t.model2.is_some() && RETAG_GRID.contains(&t.retag_below));
        let read = Tagger::from_bytes(&t.to_bytes()).unwrap();
        assert_eq!(read.retag_below, t.retag_below);
        let mut one = t.pruned(0);
        one.model2 = None;
        let text = "Presidential aide Hikmet Hajiyev called the claims \" absolutely unfounded \" on Tuesday . \
                    How did the CPA get to the point of running the country ? \
                    Please find the GE Guarantee in Word format , as we discussed on the phone . \
                    The counterrevolutionaryishnessesque proposal was n't approved , officials said .";
        let margins = [0, 2_000, t.retag_below, 30_000, i32::MAX];
        let mut retagged = 0;
        for sent in text.split(" . ") {
            let words: Vec<&str> = sent.split(' ').filter(|w| !w.is_empty()).collect();
            let toks = tok_infos(&words, t.amb());
            let mut first = Vec::new();
            one.tag_classes(&words, &toks, &mut first);
            // Both passes written out, the first keeping its margins.
            let (mut feats, mut scores, mut marg) = (Vec::new(), vec![0; t.classes.len()], Vec::new());
            let (mut p1, mut full) = (Vec::new(), Vec::new());
            run_pass(
                &t.model,
                &t.dict,
                &toks,
                words.len(),
                None,
                &mut marg,
                i32::MAX,
                &mut feats,
                &mut scores,
                &mut p1,
            );
            assert_eq!(p1, first);
            retagged += marg.iter().filter(|&&m| m < t.retag_below).count();
            let m2 = t.model2.as_ref().unwrap();
            run_pass(
                m2,
                &t.dict,
                &toks,
                words.len(),
                Some(&p1),
                &mut marg,
                i32::MAX,
                &mut feats,
                &mut scores,
                &mut full,
            );
            for m in margins {
                let mut x = t.pruned(0);
                x.retag_below = m;
                let (mut a, mut b) = (Vec::new(), Vec::new());
                x.tag_classes(&words, &toks, &mut a);
                x.tag_classes_uncached(&words, &toks, &mut b);
                assert_eq!(a, b, "margin {m}: {sent}");
                for i in 0..words.len() {
                    if marg[i] >= m {
                        assert_eq!(a[i], first[i], "margin {m}, word {i}: {sent}");
                    }
                }
                match m {
                    0 => assert_eq!(a, first),
                    i32::MAX => assert_eq!(a, full),
                    _ => {}
                }
            }
        }
        assert!(retagged > 0);
    }

    /// Static and dynamic features together are exactly `features2`.
    #[test]
    fn feature_split_is_complete() {
        let words = ["The", "minister", "said", "so", "."];
        let t = crate::Syntax::embedded().tagger();
        let toks = tok_infos(&words, t.amb());
        let mut all = Vec::new();
        let mut part = Vec::new();
        let mut f = Vec::new();
        for i in 2..words.len() + 2 {
            features2(&toks, i, 7, 9, 11, 13, &mut all);
            part.clear();
            dynamic_features(&toks, i, 7, 9, Some((11, 13)), &mut f);
            part.extend_from_slice(&f);
            for (role, j) in [(0, i), (1, i - 1), (2, i - 2), (3, i + 1), (4, i + 2)] {
                role_features(&toks[j], role, &mut f);
                part.extend_from_slice(&f);
            }
            all.sort_unstable();
            part.sort_unstable();
            assert_eq!(all, part);
        }
    }
}
