//! The statistical NER tagger: a greedy left-to-right averaged perceptron
//! over BILOU tags for PER / ORG / LOC, with hashed sparse features (word,
//! shape, affixes, neighbours, capitalisation pattern, sentence position,
//! previous tags, gazetteer membership).
//!
//! Model file (`models/ner.bin`): magic `CGNER1`, u32 bucket bits, u32
//! number of stored features, f32 scale, then for each stored feature a u32
//! bucket id (ascending) and `NTAGS` i8 weights (weight = i8 × scale).

use crate::gazetteer::{self, GazKind};

/// Entity types the tagger learns.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NerType {
    Per,
    Org,
    Loc,
}

impl NerType {
    pub const ALL: [NerType; 3] = [NerType::Per, NerType::Org, NerType::Loc];
    pub fn as_str(self) -> &'static str {
        match self {
            NerType::Per => "PER",
            NerType::Org => "ORG",
            NerType::Loc => "LOC",
        }
    }
}

/// A typed span over word indices `[start, end)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NerSpan {
    pub start: usize,
    pub end: usize,
    pub ty: NerType,
}

/// Tag ids: 0 = O; then for each type t (0..3): B, I, L, U = 1 + 4t + k.
pub const NTAGS: usize = 13;
const O: usize = 0;

fn tag_of(t: usize) -> Option<(NerType, usize)> {
    if t == O {
        None
    } else {
        Some((NerType::ALL[(t - 1) / 4], (t - 1) % 4))
    }
}
fn tag_id(ty: NerType, k: usize) -> usize {
    1 + 4 * (ty as usize) + k
}
const B: usize = 0;
const I: usize = 1;
const L: usize = 2;
const U: usize = 3;

/// Whether tag `t` may follow tag `prev` (BILOU).
fn allowed(prev: usize, t: usize) -> bool {
    let p = tag_of(prev);
    let c = tag_of(t);
    let inside = matches!(p, Some((_, B)) | Some((_, I)));
    match c {
        None => !inside,
        Some((ty, k)) => match k {
            B | U => !inside,
            _ => matches!(p, Some((pt, B)) | Some((pt, I)) if pt == ty),
        },
    }
}

/// Whether tag `t` may end a sentence.
fn may_end(t: usize) -> bool {
    !matches!(tag_of(t), Some((_, B)) | Some((_, I)))
}

/// Spans → BILOU tags.
pub fn encode(n: usize, spans: &[NerSpan]) -> Vec<usize> {
    let mut tags = vec![O; n];
    for s in spans {
        if s.end <= s.start || s.end > n {
            continue;
        }
        if s.end - s.start == 1 {
            tags[s.start] = tag_id(s.ty, U);
        } else {
            tags[s.start] = tag_id(s.ty, B);
            for t in tags.iter_mut().take(s.end - 1).skip(s.start + 1) {
                *t = tag_id(s.ty, I);
            }
            tags[s.end - 1] = tag_id(s.ty, L);
        }
    }
    tags
}

/// BILOU tags → spans.
pub fn decode(tags: &[usize]) -> Vec<NerSpan> {
    let mut out = Vec::new();
    let mut start: Option<(usize, NerType)> = None;
    for (i, &t) in tags.iter().enumerate() {
        match tag_of(t) {
            None => start = None,
            Some((ty, U)) => {
                out.push(NerSpan {
                    start: i,
                    end: i + 1,
                    ty,
                });
                start = None;
            }
            Some((ty, B)) => start = Some((i, ty)),
            Some((ty, I)) => {
                if !matches!(start, Some((_, st)) if st == ty) {
                    start = Some((i, ty));
                }
            }
            Some((ty, _)) => {
                let s = match start {
                    Some((s, st)) if st == ty => s,
                    _ => i,
                };
                out.push(NerSpan {
                    start: s,
                    end: i + 1,
                    ty,
                });
                start = None;
            }
        }
    }
    out
}

/// Word shape: X for upper, x for lower, d for digits, other chars kept;
/// runs collapsed to at most two.
pub fn shape(w: &str) -> String {
    let mut s = String::with_capacity(8);
    shape_into(w, &mut s);
    s
}

/// [`shape`], appended to `s`.
fn shape_into(w: &str, s: &mut String) {
    let from = s.len();
    let mut last = '\0';
    let mut run = 0;
    for c in w.chars() {
        let m = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_ascii_digit() {
            'd'
        } else {
            c
        };
        if m == last {
            run += 1;
            if run >= 2 {
                continue;
            }
        } else {
            run = 0;
            last = m;
        }
        s.push(m);
        if s.len() - from > 12 {
            break;
        }
    }
}

/// Strings of a sentence's words in one buffer (one allocation, not one
/// per word): word `i` is `buf[ends[i - 1]..ends[i]]`.
#[derive(Default)]
struct WordStrs {
    buf: String,
    ends: Vec<u32>,
}

impl WordStrs {
    fn get(&self, i: usize) -> &str {
        let a = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.buf[a..self.ends[i] as usize]
    }
    fn end_word(&mut self) {
        self.ends.push(self.buf.len() as u32);
    }
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(|c| c.is_uppercase())
}

/// Document-level word evidence: which words occur in lower case, and
/// which occur capitalised away from the start of a sentence.
#[derive(Clone, Debug, Default)]
pub struct DocCtx {
    /// Lower-cased word -> [`SEEN_LOWER`] | [`SEEN_CAP_MID`]: one map, so
    /// that each word of each sentence costs one lookup, not two.
    words: WordMap,
}

type WordMap = std::collections::HashMap<String, u8, foldhash::fast::FixedState>;

/// The word was seen in lower case.
const SEEN_LOWER: u8 = 1;
/// The word was seen capitalised inside a sentence (lower-cased key).
const SEEN_CAP_MID: u8 = 2;

impl DocCtx {
    pub fn new<'a>(sentences: impl IntoIterator<Item = &'a [&'a str]>) -> DocCtx {
        let mut c = DocCtx::default();
        for s in sentences {
            c.add(s);
        }
        c
    }
    pub fn add(&mut self, words: &[&str]) {
        for (i, w) in words.iter().enumerate() {
            // Look before inserting: most words repeat, and an insert of a
            // present word would still build its string.
            if w.chars().all(|c| c.is_lowercase()) {
                match self.words.get_mut(*w) {
                    Some(seen) => *seen |= SEEN_LOWER,
                    None => {
                        self.words.insert(w.to_string(), SEEN_LOWER);
                    }
                }
            } else if i > 0 && is_cap(w) && !matches!(words[i - 1], "\"" | "“" | ":" | "." | "(" | "-" | "'" | "‘")
            {
                *self.words.entry(w.to_lowercase()).or_insert(0) |= SEEN_CAP_MID;
            }
        }
    }
}

/// Per-sentence precomputed word information.
pub struct SentFeats {
    lower: WordStrs,
    shapes: WordStrs,
    gaz: Vec<u8>,
    /// Case-insensitive place-gazetteer code per word.
    gazl: Vec<u8>,
    /// Per word: 0 no document evidence, else 1 + lower-case-seen + 2 × capitalised-mid-sentence-seen.
    docf: Vec<u8>,
}

fn gaz_code(k: Option<(GazKind, bool)>) -> u8 {
    match k {
        None => 0,
        Some((kind, first)) => 1 + (kind as u8) * 2 + first as u8,
    }
}

impl SentFeats {
    pub fn new(words: &[&str], ctx: Option<&DocCtx>) -> SentFeats {
        let (gz, gzl) = gazetteer::tag_words_both(words);
        SentFeats::with_gazetteer(words, ctx, &gz, &gzl)
    }

    /// With the gazetteer matches given (`gazetteer::tag_words_both(words)`).
    fn with_gazetteer(
        words: &[&str],
        ctx: Option<&DocCtx>,
        gz: &[Option<(GazKind, bool)>],
        gzl: &[Option<(GazKind, bool)>],
    ) -> SentFeats {
        let cap: usize = words.iter().map(|w| w.len()).sum();
        let mut lower = WordStrs {
            buf: String::with_capacity(cap),
            ends: Vec::with_capacity(words.len()),
        };
        let mut shapes = WordStrs {
            buf: String::with_capacity(cap),
            ends: Vec::with_capacity(words.len()),
        };
        for w in words {
            if w.is_ascii() {
                let at = lower.buf.len();
                lower.buf.push_str(w);
                lower.buf[at..].make_ascii_lowercase();
            } else {
                lower.buf.push_str(&w.to_lowercase());
            }
            lower.end_word();
            shape_into(w, &mut shapes.buf);
            shapes.end_word();
        }
        let gaz = gz.iter().copied().map(gaz_code).collect();
        let gazl = gzl.iter().copied().map(gaz_code).collect();
        let docf = match ctx {
            None => vec![0; words.len()],
            Some(c) => (0..words.len())
                .map(|i| {
                    let l = lower.get(i);
                    // (1 + seen lower + 2 × seen capitalised mid-sentence)
                    1 + c.words.get(l).copied().unwrap_or(0)
                })
                .collect(),
        };
        SentFeats {
            lower,
            shapes,
            gaz,
            gazl,
            docf,
        }
    }
}

const FNV_OFF: u64 = 0xcbf29ce484222325;
const FNV_PRIME: u64 = 0x100000001b3;

fn fnv(h: u64, bytes: &[u8]) -> u64 {
    let mut h = h;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

fn mix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51afd7ed558ccd);
    h ^= h >> 33;
    h
}

struct FeatSink<'a> {
    out: &'a mut Vec<u32>,
    mask: u64,
}

impl FeatSink<'_> {
    fn add(&mut self, tmpl: u8, parts: &[&[u8]]) {
        let mut h = fnv(FNV_OFF, &[tmpl]);
        for p in parts {
            h = fnv(h, p);
            h = fnv(h, &[0x1f]);
        }
        self.out.push((mix(h) & self.mask) as u32);
    }
}

/// Features of word `i` given the two previous tags.
pub fn features(words: &[&str], sf: &SentFeats, i: usize, p1: usize, p2: usize, bits: u32, out: &mut Vec<u32>) {
    out.clear();
    let mut f = FeatSink {
        out,
        mask: (1u64 << bits) - 1,
    };
    word_features(words[i], sf.lower.get(i), sf.shapes.get(i), i == 0, &mut f);
    context_features(words, sf, i, p1, p2, &mut f);
}

/// The features of `features` that depend on the word alone (and on
/// whether it opens the sentence): the same for every occurrence of a
/// word type, so run-time tagging sums their weights once per type.
fn word_features(w: &str, lw: &str, wshape: &str, first_word: bool, f: &mut FeatSink) {
    f.add(0, &[b"bias"]);
    f.add(1, &[w.as_bytes()]);
    f.add(2, &[lw.as_bytes()]);
    f.add(3, &[wshape.as_bytes()]);
    let mut ends = [0usize; 5];
    let mut nc = 0;
    for (k, (at, _)) in lw.char_indices().enumerate() {
        if k < 5 {
            ends[k] = at;
        }
        nc = k + 1;
    }
    for (k, &end) in ends.iter().enumerate().skip(1) {
        if nc > k {
            f.add(4 + k as u8, &[&lw.as_bytes()[..end]]);
            let from = lw.char_indices().nth(nc - k).map_or(0, |(at, _)| at);
            f.add(10 + k as u8, &[&lw.as_bytes()[from..]]);
        }
    }
    let first = [first_word as u8, is_cap(w) as u8];
    f.add(35, &[&first]);
    if first_word {
        f.add(36, &[lw.as_bytes()]);
    }
    // hyphen / all-caps / has digit
    let flags = [
        w.contains('-') as u8,
        (w.chars().all(|c| !c.is_lowercase()) && w.chars().any(|c| c.is_uppercase())) as u8,
        w.chars().any(|c| c.is_ascii_digit()) as u8,
        w.contains('.') as u8,
    ];
    f.add(44, &[&flags]);
}

/// The features of `features` that depend on neighbours, tags or the
/// gazetteer and document evidence.
fn context_features(words: &[&str], sf: &SentFeats, i: usize, p1: usize, p2: usize, f: &mut FeatSink) {
    let n = words.len();
    let w = words[i];
    let lw = sf.lower.get(i);
    let get = |j: isize| -> (&str, &str) {
        if j < 0 {
            ("<s>", "<s>")
        } else if j as usize >= n {
            ("</s>", "</s>")
        } else {
            let j = j as usize;
            (sf.lower.get(j), sf.shapes.get(j))
        }
    };
    let ii = i as isize;
    let (lm1, sm1) = get(ii - 1);
    let (lm2, _) = get(ii - 2);
    let (lp1, sp1) = get(ii + 1);
    let (lp2, _) = get(ii + 2);
    let wshape = sf.shapes.get(i);
    let p1s = [p1 as u8];
    let p2s = [p2 as u8];
    f.add(20, &[lm1.as_bytes()]);
    f.add(21, &[lp1.as_bytes()]);
    f.add(22, &[lm2.as_bytes()]);
    f.add(23, &[lp2.as_bytes()]);
    f.add(24, &[sm1.as_bytes(), wshape.as_bytes()]);
    f.add(25, &[wshape.as_bytes(), sp1.as_bytes()]);
    f.add(26, &[sm1.as_bytes(), wshape.as_bytes(), sp1.as_bytes()]);
    f.add(27, &[lm1.as_bytes(), lw.as_bytes()]);
    f.add(28, &[lw.as_bytes(), lp1.as_bytes()]);
    f.add(30, &[&p1s]);
    f.add(31, &[&p1s, &p2s]);
    f.add(32, &[&p1s, lw.as_bytes()]);
    f.add(33, &[&p1s, wshape.as_bytes()]);
    f.add(34, &[&p1s, lm1.as_bytes()]);
    let g = sf.gaz[i];
    f.add(40, &[&[g]]);
    let gm = if i > 0 { sf.gaz[i - 1] } else { 255 };
    let gp = if i + 1 < n { sf.gaz[i + 1] } else { 255 };
    f.add(41, &[&[gm, g, gp]]);
    f.add(42, &[&[g], wshape.as_bytes()]);
    // Title-case run length around the word (name-like stretches).
    if is_cap(w) {
        let mut a = i;
        while a > 0 && is_cap(words[a - 1]) {
            a -= 1;
        }
        let mut b = i + 1;
        while b < n && is_cap(words[b]) {
            b += 1;
        }
        let pos = [(i - a).min(3) as u8, (b - i).min(3) as u8];
        f.add(43, &[&pos]);
    }
    if sf.gazl[i] != 0 {
        f.add(48, &[&[sf.gazl[i], is_cap(w) as u8]]);
    }
    let d = sf.docf[i];
    if d > 0 {
        f.add(45, &[&[d, is_cap(w) as u8, (i == 0) as u8]]);
        f.add(46, &[&[d], wshape.as_bytes()]);
        let dn = if i + 1 < n { sf.docf[i + 1] } else { 9 };
        let dp = if i > 0 { sf.docf[i - 1] } else { 9 };
        f.add(47, &[&[dp, d, dn]]);
    }
}

/// Lower-case words that open names in news copy ("al-Sadr", "bin
/// Laden", "van Gogh"): never [`plain_word`]s.
const NAME_PARTICLES: &[&str] = &[
    "abu", "al", "ben", "bin", "da", "das", "de", "del", "della", "den", "der", "di", "do", "dos", "du", "el", "ibn",
    "la", "le", "mac", "ter", "van", "von",
];

/// A word the tagger need not score after an O: all lower-case letters,
/// no gazetteer match in any case, never capitalised mid-sentence in this
/// document, not a name particle and not joined by a hyphen. Such a word
/// opens no entity in practice (on the 1,035 UD documents the model put a
/// tag on 67 of 278,269 lower-case words after O, nearly all of them in
/// lower-case web text: "punjab", "jill"), and skipping it spares the
/// context features and their lookups for two tokens in three.
fn plain_word(words: &[&str], sf: &SentFeats, i: usize) -> bool {
    let w = words[i];
    !w.is_empty()
        && sf.gaz[i] == 0
        && sf.gazl[i] == 0
        && sf.docf[i].saturating_sub(1) & 2 == 0
        && w.chars().all(|c| c.is_lowercase())
        && !NAME_PARTICLES.contains(&w)
        && words.get(i + 1).is_none_or(|&n| n != "-")
        && (i == 0 || words[i - 1] != "-")
}

/// The trained model: dense `f32` weights while training; loaded from
/// bytes, the quantized weights in a compact table scored in integers.
pub struct Model {
    pub bits: u32,
    /// Dense weights: bucket * NTAGS + tag (training; empty when loaded).
    weights: Vec<f32>,
    compact: Option<Compact>,
    /// Identity of these weights for the per-thread word-type cache.
    id: u64,
}

/// A hint to load the cache line at `p` (never faults, whatever `p` is).
#[inline]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: prefetching is a hint; it never faults, even on a bad address.
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Stored buckets in an open-addressing table (`keys` holds bucket + 1,
/// 0 for an empty slot), with their i8 weights at the same index: about
/// 3 MB instead of the 54 MB dense table, so lookups stay in cache.
struct Compact {
    scale: f32,
    mask: usize,
    slots: Vec<Slot>,
}

/// A bucket's key and weights side by side: a lookup touches one cache
/// line, not one in a key array and another in a weight array.
#[derive(Clone, Copy)]
#[repr(C, align(32))]
struct Slot {
    /// Bucket + 1; 0 for an empty slot.
    key: u32,
    row: [i8; 16],
}

impl Compact {
    #[inline]
    fn home(bucket: u32) -> usize {
        (bucket as usize).wrapping_mul(0x9E37_79B1) >> 7
    }

    #[inline]
    fn row(&self, bucket: u32) -> Option<&[i8; 16]> {
        let k = bucket + 1;
        let mut i = Compact::home(bucket) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.key == k {
                return Some(&s.row);
            }
            let s = s.key;
            if s == 0 {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn add(&self, feats: &[u32], out: &mut [i32; NTAGS]) {
        // The features' home slots first: the table (~3 MB) is mostly out
        // of cache, and the loads then overlap instead of stalling in turn.
        for &f in feats {
            prefetch(self.slots.as_ptr().wrapping_add(Compact::home(f) & self.mask));
        }
        for &f in feats {
            if let Some(r) = self.row(f) {
                for (o, &w) in out.iter_mut().zip(r.iter()) {
                    *o += w as i32;
                }
            }
        }
    }
}

/// Key of a cached word type: its bytes (short words only) and whether it
/// opens the sentence. Packed in three words, little-endian: bytes 0..22
/// the word (zero-padded), byte 22 its length, byte 23 `first`; compared
/// and hashed a word at a time (as bytes, the comparison was a `memcmp`
/// call and the hash a loop per byte, at every word of every sentence).
#[derive(Clone, Copy, PartialEq, Eq)]
struct TypeKey([u64; 3]);

impl TypeKey {
    /// No word's key (a word's length is at least 1).
    const EMPTY: TypeKey = TypeKey([0; 3]);

    /// `b`: 1 to 22 bytes.
    fn of(b: &[u8], first: bool) -> TypeKey {
        let mut buf = [0u8; 24];
        buf[..b.len()].copy_from_slice(b);
        buf[22] = b.len() as u8;
        buf[23] = first as u8;
        let w = |i: usize| u64::from_le_bytes(buf[8 * i..8 * i + 8].try_into().expect("8 bytes"));
        TypeKey([w(0), w(1), w(2)])
    }

    /// The key's set (only where it is cached: any spread will do).
    fn set(&self) -> usize {
        let [a, b, c] = self.0;
        let h = a.wrapping_mul(0x9E37_79B9_7F4A_7C15)
            ^ b.wrapping_mul(0xC2B2_AE3D_27D4_EB4F)
            ^ c.wrapping_mul(0x1656_67B1_9E37_79F9);
        (mix(h) as usize) & (CACHE_SLOTS / 2 - 1)
    }
}

const CACHE_SLOTS: usize = 4096;

/// Two-way set-associative (as the syntax tagger's): one way per type
/// kept types that share a set from evicting each other.
struct TypeCache {
    model: u64,
    keys: Vec<TypeKey>,
    vals: Vec<[i32; NTAGS]>,
    /// Per set: the way to replace next.
    victim: Vec<u8>,
}

thread_local! {
    static TYPE_CACHE: std::cell::RefCell<TypeCache> = const {
        std::cell::RefCell::new(TypeCache { model: 0, keys: Vec::new(), vals: Vec::new(), victim: Vec::new() })
    };
}

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
}

impl Model {
    pub fn new(bits: u32) -> Model {
        Model {
            bits,
            weights: vec![0.0; (1usize << bits) * NTAGS],
            compact: None,
            id: next_id(),
        }
    }

    fn scores(&self, feats: &[u32], out: &mut [f32; NTAGS]) {
        *out = [0.0; NTAGS];
        for &f in feats {
            let row = &self.weights[f as usize * NTAGS..f as usize * NTAGS + NTAGS];
            for (o, w) in out.iter_mut().zip(row) {
                *o += *w;
            }
        }
    }

    /// Tags a sentence; returns spans over word indices.
    pub fn tag(&self, words: &[&str]) -> Vec<NerSpan> {
        decode(&self.tag_ids(words, None))
    }

    /// Tags a sentence with document-level evidence.
    pub fn tag_in_doc(&self, words: &[&str], ctx: &DocCtx) -> Vec<NerSpan> {
        decode(&self.tag_ids(words, Some(ctx)))
    }

    /// Tags a sentence with document-level evidence, and also returns the
    /// sentence's gazetteer matches (`gazetteer::tag_words_both`), which the
    /// features use and the name rules want too.
    pub fn tag_in_doc_with_gazetteer(
        &self,
        words: &[&str],
        ctx: &DocCtx,
    ) -> (Vec<NerSpan>, Vec<Option<(GazKind, bool)>>) {
        let (gz, gzl) = gazetteer::tag_words_both(words);
        if words.is_empty() {
            return (Vec::new(), gz);
        }
        let sf = SentFeats::with_gazetteer(words, Some(ctx), &gz, &gzl);
        (decode(&self.tag_ids_with(words, &sf)), gz)
    }

    pub fn tag_ids(&self, words: &[&str], ctx: Option<&DocCtx>) -> Vec<usize> {
        if words.is_empty() {
            return Vec::new();
        }
        self.tag_ids_with(words, &SentFeats::new(words, ctx))
    }

    fn tag_ids_with(&self, words: &[&str], sf: &SentFeats) -> Vec<usize> {
        let mut feats = Vec::with_capacity(64);
        let mut tags = Vec::with_capacity(words.len());
        if let Some(c) = &self.compact {
            let stat = self.word_scores(c, words, sf);
            for i in 0..words.len() {
                let p1 = if i > 0 { tags[i - 1] } else { O };
                let p2 = if i > 1 { tags[i - 2] } else { O };
                if p1 == O && plain_word(words, sf, i) {
                    tags.push(O);
                    continue;
                }
                feats.clear();
                let mut sink = FeatSink {
                    out: &mut feats,
                    mask: (1u64 << self.bits) - 1,
                };
                context_features(words, sf, i, p1, p2, &mut sink);
                let mut sc = stat[i];
                c.add(&feats, &mut sc);
                let last = i + 1 == words.len();
                tags.push(best(&sc, |t| allowed(p1, t) && (!last || may_end(t))));
            }
            return tags;
        }
        let mut sc = [0f32; NTAGS];
        for i in 0..words.len() {
            let p1 = if i > 0 { tags[i - 1] } else { O };
            let p2 = if i > 1 { tags[i - 2] } else { O };
            if p1 == O && plain_word(words, sf, i) {
                tags.push(O);
                continue;
            }
            features(words, sf, i, p1, p2, self.bits, &mut feats);
            self.scores(&feats, &mut sc);
            let last = i + 1 == words.len();
            tags.push(best(&sc, |t| allowed(p1, t) && (!last || may_end(t))));
        }
        tags
    }

    /// Summed weights of each word's word-only features, from the
    /// per-thread cache where possible (exact: integer sums).
    fn word_scores(&self, c: &Compact, words: &[&str], sf: &SentFeats) -> Vec<[i32; NTAGS]> {
        let mask = (1u64 << self.bits) - 1;
        let mut feats = Vec::with_capacity(20);
        let compute = |i: usize, feats: &mut Vec<u32>| {
            feats.clear();
            let mut sink = FeatSink { out: feats, mask };
            word_features(words[i], sf.lower.get(i), sf.shapes.get(i), i == 0, &mut sink);
            let mut v = [0i32; NTAGS];
            c.add(feats, &mut v);
            v
        };
        TYPE_CACHE.with(|tc| {
            let mut tc = tc.borrow_mut();
            if tc.model != self.id {
                tc.model = self.id;
                tc.keys = vec![TypeKey::EMPTY; CACHE_SLOTS];
                tc.vals = vec![[0; NTAGS]; CACHE_SLOTS];
                tc.victim = vec![0; CACHE_SLOTS / 2];
            }
            (0..words.len())
                .map(|i| {
                    let b = words[i].as_bytes();
                    if b.is_empty() || b.len() > 22 {
                        return compute(i, &mut feats);
                    }
                    let key = TypeKey::of(b, i == 0);
                    let set = key.set();
                    let slot = match (0..2).find(|&w| tc.keys[2 * set + w] == key) {
                        Some(w) => 2 * set + w,
                        None => {
                            let w = tc.victim[set] as usize;
                            tc.vals[2 * set + w] = compute(i, &mut feats);
                            tc.keys[2 * set + w] = key;
                            2 * set + w
                        }
                    };
                    tc.victim[set] = 1 - (slot - 2 * set) as u8;
                    tc.vals[slot]
                })
                .collect()
        })
    }

    /// Serialises with i8 quantisation; features whose quantised weights
    /// are all zero are dropped.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut count = 0u32;
        let mut body = Vec::new();
        let scale;
        if let Some(c) = &self.compact {
            scale = c.scale;
            let mut stored: Vec<(u32, &[i8; 16])> = c
                .slots
                .iter()
                .filter(|s| s.key != 0)
                .map(|s| (s.key - 1, &s.row))
                .collect();
            stored.sort_unstable_by_key(|&(b, _)| b);
            for (b, r) in stored {
                count += 1;
                body.extend_from_slice(&b.to_le_bytes());
                body.extend(r[..NTAGS].iter().map(|&x| x as u8));
            }
        } else {
            let maxw = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
            // Clip the scale at a high quantile so that most weights keep resolution.
            let mut abs: Vec<f32> = self.weights.iter().filter(|w| **w != 0.0).map(|w| w.abs()).collect();
            let q = if abs.is_empty() {
                1.0
            } else {
                let k = (abs.len() as f64 * 0.9995) as usize;
                let k = k.min(abs.len() - 1);
                abs.select_nth_unstable_by(k, |a, b| a.total_cmp(b));
                abs[k].min(maxw)
            };
            scale = if q > 0.0 { q / 127.0 } else { 1.0 };
            let nb = 1usize << self.bits;
            for b in 0..nb {
                let row = &self.weights[b * NTAGS..b * NTAGS + NTAGS];
                let qrow: Vec<i8> = row
                    .iter()
                    .map(|w| (w / scale).round().clamp(-127.0, 127.0) as i8)
                    .collect();
                if qrow.iter().all(|&x| x == 0) {
                    continue;
                }
                count += 1;
                body.extend_from_slice(&(b as u32).to_le_bytes());
                body.extend(qrow.iter().map(|&x| x as u8));
            }
        }
        let mut out = Vec::with_capacity(body.len() + 20);
        out.extend_from_slice(b"CGNER1");
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    pub fn from_bytes(b: &[u8]) -> Result<Model, String> {
        if b.len() < 18 || &b[..6] != b"CGNER1" {
            return Err("not a claimgraph NER model (missing CGNER1 magic)".into());
        }
        let rd = |o: usize| u32::from_le_bytes([b[o], b[o + 1], b[o + 2], b[o + 3]]);
        let bits = rd(6);
        if !(8..=26).contains(&bits) {
            return Err(format!("bad bucket bits {bits}"));
        }
        let count = rd(10) as usize;
        let scale = f32::from_le_bytes([b[14], b[15], b[16], b[17]]);
        let rec = 4 + NTAGS;
        if b.len() != 18 + count * rec {
            return Err("truncated NER model".into());
        }
        let cap = (count * 2).next_power_of_two().max(16);
        let mut c = Compact {
            scale,
            mask: cap - 1,
            slots: vec![Slot { key: 0, row: [0; 16] }; cap],
        };
        for r in 0..count {
            let o = 18 + r * rec;
            let bucket = rd(o);
            if bucket >= 1 << bits {
                return Err("bucket out of range".into());
            }
            if c.row(bucket).is_some() {
                return Err("bucket stored twice".into());
            }
            let mut i = (bucket as usize).wrapping_mul(0x9E37_79B1) >> 7 & c.mask;
            while c.slots[i].key != 0 {
                i = (i + 1) & c.mask;
            }
            c.slots[i].key = bucket + 1;
            for t in 0..NTAGS {
                c.slots[i].row[t] = b[o + 4 + t] as i8;
            }
        }
        Ok(Model {
            bits,
            weights: Vec::new(),
            compact: Some(c),
            id: next_id(),
        })
    }
}

fn best<S: PartialOrd + Copy>(sc: &[S; NTAGS], ok: impl Fn(usize) -> bool) -> usize {
    let mut bt = O;
    let mut bs: Option<S> = None;
    for (t, &s) in sc.iter().enumerate() {
        if ok(t) && bs.is_none_or(|b| s > b) {
            bs = Some(s);
            bt = t;
        }
    }
    bt
}

/// Averaged-perceptron trainer.
pub struct Trainer {
    pub model: Model,
    totals: Vec<f64>,
    stamps: Vec<u32>,
    step: u32,
}

impl Trainer {
    pub fn new(bits: u32) -> Trainer {
        let n = (1usize << bits) * NTAGS;
        Trainer {
            model: Model::new(bits),
            totals: vec![0.0; n],
            stamps: vec![0; n],
            step: 0,
        }
    }

    fn update(&mut self, feats: &[u32], truth: usize, guess: usize) {
        for &f in feats {
            for (t, d) in [(truth, 1.0f32), (guess, -1.0)] {
                let k = f as usize * NTAGS + t;
                let w = self.model.weights[k];
                self.totals[k] += (self.step - self.stamps[k]) as f64 * w as f64;
                self.stamps[k] = self.step;
                self.model.weights[k] = w + d;
            }
        }
    }

    /// One pass over a sentence; returns the number of wrong tags.
    pub fn train_sentence(&mut self, words: &[&str], gold: &[usize], ctx: Option<&DocCtx>) -> usize {
        let sf = SentFeats::new(words, ctx);
        let mut feats = Vec::with_capacity(64);
        let mut tags: Vec<usize> = Vec::with_capacity(words.len());
        let mut sc = [0f32; NTAGS];
        let mut wrong = 0;
        for i in 0..words.len() {
            self.step += 1;
            let p1 = if i > 0 { tags[i - 1] } else { O };
            let p2 = if i > 1 { tags[i - 2] } else { O };
            features(words, &sf, i, p1, p2, self.model.bits, &mut feats);
            self.model.scores(&feats, &mut sc);
            let last = i + 1 == words.len();
            let guess = best(&sc, |t| allowed(p1, t) && (!last || may_end(t)));
            if guess != gold[i] {
                wrong += 1;
                self.update(&feats, gold[i], guess);
            }
            // Follow the gold path when the guess would make the gold
            // continuation impossible, else the prediction (exploration).
            let next = if i + 1 < words.len() && !allowed(guess, gold[i + 1]) {
                gold[i]
            } else {
                guess
            };
            tags.push(next);
        }
        wrong
    }

    /// The averaged weights.
    pub fn averaged(&self) -> Model {
        let mut m = Model::new(self.model.bits);
        let step = self.step.max(1) as f64;
        for k in 0..m.weights.len() {
            let w = self.model.weights[k] as f64;
            let tot = self.totals[k] + (self.step - self.stamps[k]) as f64 * w;
            m.weights[k] = (tot / step) as f32;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bilou_round_trip() {
        let spans = vec![
            NerSpan {
                start: 0,
                end: 2,
                ty: NerType::Per,
            },
            NerSpan {
                start: 3,
                end: 4,
                ty: NerType::Loc,
            },
            NerSpan {
                start: 5,
                end: 8,
                ty: NerType::Org,
            },
        ];
        let tags = encode(9, &spans);
        assert_eq!(decode(&tags), spans);
        for w in tags.windows(2) {
            assert!(allowed(w[0], w[1]));
        }
    }

    /// The loaded model's integer scoring with the per-thread word cache
    /// tags exactly as the same weights in the dense training layout.
    #[test]
    fn compact_cached_tagging_equals_dense() {
        let m = crate::embedded_model();
        let c = m.compact.as_ref().unwrap();
        let mut dense = Model::new(m.bits);
        for Slot { key: k, row: r } in &c.slots {
            let k = *k;
            if k != 0 {
                for (t, &w) in r[..NTAGS].iter().enumerate() {
                    dense.weights[(k as usize - 1) * NTAGS + t] = w as f32 * c.scale;
                }
            }
        }
        let text = "Presidential aide Hikmet Hajiyev called the claims absolutely unfounded on Tuesday in Baku . \
                    Iranian media reports , quoting Tasnim , alleged that Israel used Azerbaijani territory . \
                    Jeyhun Bayramov met Sergei Lavrov of the Russian Foreign Ministry in Moscow . \
                    Supercalifragilisticexpialidocious-Organisation spokesman John Smith said so .";
        let sents: Vec<Vec<&str>> = text.split(" . ").map(|s| s.split_whitespace().collect()).collect();
        let ctx = DocCtx::new(sents.iter().map(|s| s.as_slice()));
        for _ in 0..2 {
            for s in &sents {
                assert_eq!(m.tag_ids(s, Some(&ctx)), dense.tag_ids(s, Some(&ctx)), "{s:?}");
                assert_eq!(m.tag_ids(s, None), dense.tag_ids(s, None), "{s:?}");
            }
        }
        assert!(!m.tag(&sents[0]).is_empty());
        // Saving the loaded model gives back the file it came from.
        assert_eq!(m.to_bytes(), crate::NER_BYTES);
    }

    /// Plain lower-case words are skipped; name particles, hyphenated
    /// parts and words seen capitalised elsewhere in the document are not.
    #[test]
    fn plain_words() {
        let words: Vec<&str> = "the cleric al - Sadr met van Gogh fans and google staff"
            .split(' ')
            .collect();
        let other: Vec<&str> = "He works at Google now".split(' ').collect();
        let ctx = DocCtx::new([words.as_slice(), other.as_slice()]);
        let sf = SentFeats::new(&words, Some(&ctx));
        let plain: Vec<&str> = (0..words.len())
            .filter(|&i| plain_word(&words, &sf, i))
            .map(|i| words[i])
            .collect();
        assert_eq!(plain, ["the", "cleric", "met", "fans", "and", "staff"]);
    }

    #[test]
    fn shapes() {
        assert_eq!(shape("Hajiyev"), "Xxx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(shape("2018"), "dd");
    }
}
