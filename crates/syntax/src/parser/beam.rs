//! Beam search over the arc-hybrid transitions, and its global training
//! (structured perceptron with max-violation updates, Huang et al. 2012;
//! Zhang & Nivre 2011 for beam parsing with rich features).
//!
//! A greedy parser commits to each move on local evidence; the beam keeps
//! the `k` best move sequences by summed move scores, so a move that only
//! looks bad until later words arrive can survive. Labels stay greedy per
//! arc (the label perceptron, as in the greedy parser): they shape later
//! features but are not part of a sequence's score.
//!
//! Every arc-hybrid sequence of a sentence of `n` words has `2n - 1`
//! moves, so all hypotheses end together.

use super::*;

/// Where a hypothesis came from: its parent's entry and the move taken.
#[derive(Clone, Copy)]
struct Step {
    parent: u32,
    mv: u8,
    label: u8,
}

const ROOT_STEP: u32 = u32::MAX;

struct Hyp {
    st: State,
    score: i64,
    /// Index of its last step in the step arena (`ROOT_STEP` at the start).
    at: u32,
    /// Whether every move so far is the gold sequence's.
    gold: bool,
}

impl Hyp {
    /// The initial configuration of a sentence of `n` words.
    fn start(n: usize, gold: bool) -> Hyp {
        Hyp {
            st: State::new(n),
            score: 0,
            at: ROOT_STEP,
            gold,
        }
    }
}

/// Reusable buffers for beam search.
#[derive(Default)]
pub(crate) struct BeamScratch {
    feats: Vec<u32>,
    /// (score, hypothesis, move), candidates of one step.
    cands: Vec<(i64, u32, u8)>,
    steps: Vec<Step>,
    /// States of dropped hypotheses, reused.
    spare: Vec<State>,
    /// Per hypothesis, its last candidate kept (see `advance`).
    last_child: Vec<usize>,
    /// The next beam's buffer.
    next: Vec<Hyp>,
}

/// The moves (and labels) that led to step `at`, first move first.
fn history(steps: &[Step], mut at: u32) -> Vec<(u8, u8)> {
    let mut out = Vec::new();
    while at != ROOT_STEP {
        let s = steps[at as usize];
        out.push((s.mv, s.label));
        at = s.parent;
    }
    out.reverse();
    out
}

/// The move scorer: a trained model at run time, the trainer's raw
/// weights during training.
pub(crate) trait MoveScorer {
    fn moves(&self, feats: &[u32], out: &mut [i32; 3]);
    fn label(&self, feats: &[u32], out: &mut [i32]);
    fn nlabels(&self) -> usize;
}

impl MoveScorer for Parser {
    fn moves(&self, feats: &[u32], out: &mut [i32; 3]) {
        *out = [0; 3];
        self.moves.score(feats, out);
    }
    fn label(&self, feats: &[u32], out: &mut [i32]) {
        out.fill(0);
        self.labels.score(feats, out);
    }
    fn nlabels(&self) -> usize {
        self.labels.nclass
    }
}

struct Training<'a> {
    mt: &'a Trainer,
    lt: &'a Trainer,
}

impl MoveScorer for Training<'_> {
    fn moves(&self, feats: &[u32], out: &mut [i32; 3]) {
        self.mt.score(feats, out);
    }
    fn label(&self, feats: &[u32], out: &mut [i32]) {
        self.lt.score(feats, out);
    }
    fn nlabels(&self) -> usize {
        self.lt.nclass
    }
}

/// A copy of `src`, reusing a spare state's buffers when there is one.
fn clone_state(src: &State, spare: &mut Vec<State>) -> State {
    match spare.pop() {
        Some(mut s) => {
            s.clone_from(src);
            s
        }
        None => src.clone(),
    }
}

/// One beam step: expands every hypothesis by its valid moves and keeps
/// the `k` best, and of those only the ones within `margin` of the best
/// (`None`: no margin). `gold_mv` marks the hypothesis that follows the
/// gold sequence (training). Returns false when the beam is already
/// terminal.
#[allow(clippy::too_many_arguments)]
fn advance<S: MoveScorer>(
    m: &S,
    c: &Ctx,
    k: usize,
    beam: &mut Vec<Hyp>,
    gold_mv: Option<usize>,
    sc: &mut BeamScratch,
    lscores: &mut [i32],
    margin: Option<i64>,
) -> bool {
    if beam[0].st.terminal() {
        return false;
    }
    sc.cands.clear();
    for (h, hyp) in beam.iter().enumerate() {
        let valid = hyp.st.valid();
        if valid.is_power_of_two() {
            // A forced move: nothing to score (as in greedy parsing).
            sc.cands.push((hyp.score, h as u32, valid.trailing_zeros() as u8));
            continue;
        }
        move_features(&hyp.st, c, &mut sc.feats);
        let mut s = [0i32; 3];
        m.moves(&sc.feats, &mut s);
        for (mv, &x) in s.iter().enumerate() {
            if valid & (1 << mv) != 0 {
                sc.cands.push((hyp.score + x as i64, h as u32, mv as u8));
            }
        }
    }
    // Best first; ties by hypothesis then move, for determinism.
    sc.cands
        .sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    sc.cands.truncate(k);
    if let Some(margin) = margin {
        // Where the model is sure, the beam narrows (often to one
        // hypothesis, at about greedy cost); it widens where it is not.
        let top = sc.cands[0].0;
        sc.cands.retain(|c| c.0 >= top - margin);
    }
    // A parent's state is copied for all but its last child, which takes it.
    sc.last_child.clear();
    sc.last_child.resize(beam.len(), usize::MAX);
    for (i, &(_, h, _)) in sc.cands.iter().enumerate() {
        sc.last_child[h as usize] = i;
    }
    let mut next = std::mem::take(&mut sc.next);
    next.clear();
    for (i, &(score, h, mv)) in sc.cands.iter().enumerate() {
        let parent = &mut beam[h as usize];
        let mut st = if sc.last_child[h as usize] == i {
            std::mem::replace(&mut parent.st, State::new(0))
        } else {
            clone_state(&parent.st, &mut sc.spare)
        };
        let mv = mv as usize;
        let mut label = 0;
        if mv != SHIFT {
            let (hd, d) = st.arc(mv);
            label_features(&st, c, mv, hd, d, &mut sc.feats);
            m.label(&sc.feats, lscores);
            label = best_label(lscores);
        }
        st.apply(mv, label);
        sc.steps.push(Step {
            parent: parent.at,
            mv: mv as u8,
            label,
        });
        next.push(Hyp {
            st,
            score,
            at: sc.steps.len() as u32 - 1,
            gold: parent.gold && gold_mv == Some(mv),
        });
    }
    for old in beam.drain(..) {
        if old.st.heads.capacity() > 0 {
            sc.spare.push(old.st);
        }
    }
    sc.next = std::mem::replace(beam, next);
    true
}

impl Parser {
    /// Beam-search parse with `k` hypotheses (see [`Parser::parse`]).
    pub(crate) fn parse_beam(
        &self,
        c: &Ctx,
        k: usize,
        margin: Option<u32>,
        sc: &mut BeamScratch,
    ) -> (Vec<u32>, Vec<u8>) {
        let n = c.t.len();
        let mut lscores = vec![0i32; self.nlabels()];
        sc.steps.clear();
        let mut beam = vec![Hyp::start(n, false)];
        let margin = margin.map(i64::from);
        while advance(self, c, k, &mut beam, None, sc, &mut lscores, margin) {}
        let mut best = beam.swap_remove(0);
        best.st.finish();
        for h in beam {
            sc.spare.push(h.st);
        }
        (best.st.heads, best.st.labels)
    }
}

/// The static-oracle move sequence of a gold tree: a cheapest move at each
/// step (zero cost all along for a projective tree), arcs before SHIFT (so
/// each word is attached as soon as it has all its dependents).
pub(crate) fn gold_sequence(g: &Gold, labels: &[u8]) -> Vec<(u8, u8)> {
    let n = g.heads.len();
    let mut st = State::new(n);
    let mut on_stack = vec![false; n];
    let mut out = Vec::with_capacity(2 * n);
    while !st.terminal() {
        let cost = costs(&st, g, &on_stack);
        let mv = [LEFT, RIGHT, SHIFT]
            .into_iter()
            .min_by_key(|&m| cost[m])
            .expect("three moves");
        let mut label = 0;
        if mv != SHIFT {
            let (_, d) = st.arc(mv);
            label = labels[d as usize];
            on_stack[d as usize] = false;
        } else {
            on_stack[st.b] = true;
        }
        st.apply(mv, label);
        out.push((mv as u8, label));
    }
    out
}

/// Replays `seq` from the initial state, calling `f` with the features
/// and move of every scored (not forced) step.
fn replay(n: usize, c: &Ctx, seq: &[(u8, u8)], feats: &mut Vec<u32>, mut f: impl FnMut(&[u32], usize)) {
    let mut st = State::new(n);
    for &(mv, label) in seq {
        if !st.forced() {
            move_features(&st, c, feats);
            f(feats, mv as usize);
        }
        st.apply(mv as usize, label);
    }
}

impl State {
    /// Only one move is valid (empty stack or buffer): nothing to score.
    fn forced(&self) -> bool {
        self.valid().is_power_of_two()
    }
}

/// Statistics of one training epoch.
#[derive(Default)]
pub(crate) struct EpochStats {
    /// Gold moves whose prefix stayed in the beam, of `moves` searched
    /// until the gold sequence first fell out (the early-update view).
    pub in_beam: usize,
    pub moves: usize,
}

/// One max-violation update on a sentence (`c`, with its `gold` move
/// sequence): beam search under the
/// current weights alongside the gold sequence; at the step where the
/// best hypothesis beats the gold prefix by most, the gold prefix's move
/// features are promoted and the best hypothesis's demoted. The label
/// perceptron learns along the gold sequence, as in greedy training.
#[allow(clippy::too_many_arguments)]
pub(crate) fn train_sentence(
    mt: &mut Trainer,
    lt: &mut Trainer,
    c: &Ctx,
    gold: &[(u8, u8)],
    k: usize,
    sc: &mut BeamScratch,
    lscores: &mut [i32],
    stats: &mut EpochStats,
) {
    let n = c.t.len();
    // The gold sequence's prefix scores, and the label updates.
    let mut gold_prefix = Vec::with_capacity(gold.len() + 1);
    gold_prefix.push(0i64);
    {
        let mut st = State::new(n);
        let mut total = 0i64;
        for &(mv, label) in gold {
            let mv = mv as usize;
            if !st.forced() {
                move_features(&st, c, &mut sc.feats);
                let mut s = [0i32; 3];
                mt.score(&sc.feats, &mut s);
                total += s[mv] as i64;
            }
            if mv != SHIFT {
                let (h, d) = st.arc(mv);
                label_features(&st, c, mv, h, d, &mut sc.feats);
                lt.score(&sc.feats, lscores);
                let pl = best_label(lscores);
                lt.update(&sc.feats, label as usize, pl as usize);
                lt.tick();
            }
            st.apply(mv, label);
            gold_prefix.push(total);
        }
    }
    sc.steps.clear();
    let mut beam = vec![Hyp::start(n, true)];
    // (violation, step index t, best hypothesis's arena entry)
    let mut worst: Option<(i64, usize, u32)> = None;
    let mut t = 0;
    let mut fell_out = false;
    loop {
        let gold_mv = gold.get(t).map(|&(m, _)| m as usize);
        let scorer = Training { mt, lt };
        if !advance(&scorer, c, k, &mut beam, gold_mv, sc, lscores, None) {
            break;
        }
        t += 1;
        let in_beam = beam.iter().any(|h| h.gold);
        if !fell_out {
            stats.moves += 1;
            if in_beam {
                stats.in_beam += 1;
            } else {
                fell_out = true;
            }
        }
        let best = &beam[0];
        if !best.gold {
            let v = best.score - gold_prefix[t];
            if worst.is_none_or(|(w, _, _)| v > w) {
                worst = Some((v, t, best.at));
            }
        }
    }
    for h in beam {
        sc.spare.push(h.st);
    }
    if let Some((v, t, at)) = worst {
        // A violation only when the wrong prefix scores at least as high.
        if v >= 0 {
            let pred = history(&sc.steps, at);
            debug_assert_eq!(pred.len(), t);
            let mut feats = std::mem::take(&mut sc.feats);
            replay(n, c, &gold[..t], &mut feats, |f, mv| mt.add(f, mv, 1));
            replay(n, c, &pred, &mut feats, |f, mv| mt.add(f, mv, -1));
            sc.feats = feats;
        }
    }
    mt.tick();
}

#[cfg(test)]
mod tests {
    use super::super::tests::random_projective;
    use super::*;

    #[test]
    fn gold_sequence_rebuilds_projective_trees() {
        let mut rng = Rng::new(11);
        for n in 1..16 {
            for _ in 0..200 {
                let mut heads = vec![NO; n];
                random_projective(0, n, NO, &mut heads, &mut rng);
                let labels: Vec<u8> = (0..n).map(|i| 1 + (i % 7) as u8).collect();
                let seq = gold_sequence(&Gold::new(&heads), &labels);
                assert_eq!(seq.len(), 2 * n - 1, "every sequence has 2n - 1 moves");
                let mut st = State::new(n);
                for &(mv, l) in &seq {
                    assert!(st.valid() & (1 << mv) != 0);
                    st.apply(mv as usize, l);
                }
                assert!(st.terminal());
                st.finish();
                assert_eq!(st.heads, heads);
                for d in 0..n {
                    if heads[d] != NO {
                        assert_eq!(st.labels[d], labels[d]);
                    }
                }
            }
        }
    }

    /// A beam of one is the greedy parser: same moves (ties to the lower
    /// move, as greedy), same labels.
    #[test]
    fn beam_of_one_is_greedy() {
        let syntax = crate::Syntax::embedded();
        let p = syntax.parser();
        let sentences = [
            "The Kremlin denied the claims , calling them absolutely unfounded .",
            "Heshmati emphasized that although Baku 's involvement requires further investigation , Israeli media had supposed that Baku would allow it .",
            "An article on Tabnak , quoting Nader Entessar , wrote that the day would come .",
            "Did Baku participate ?",
            "Yes",
            "\" We will never allow our territory to be used , \" he said , \" against any country . \"",
        ];
        for s in sentences {
            let words: Vec<&str> = s.split(' ').collect();
            let a = syntax.analyze_words(&words);
            let xpos: Vec<u8> = a.iter().map(|x| x.xpos).collect();
            let upos: Vec<u8> = a.iter().map(|x| x.upos).collect();
            let toks = syntax.tagger().tok_infos(&words);
            let w: Vec<u64> = toks[2..2 + words.len()].iter().map(|k| p.word(k)).collect();
            let pp = punct_prefix(&xpos);
            let c = Ctx {
                w: &w,
                t: &xpos,
                u: &upos,
                p: &pp,
                lexical: p.lexical(),
            };
            let greedy = p.parse(&c, &mut Scratch::default());
            let beam = p.parse_beam(&c, 1, None, &mut BeamScratch::default());
            assert_eq!(greedy, beam, "{s}");
            // A wider beam still returns one well-formed tree.
            for margin in [None, Some(0), Some(20_000)] {
                let (heads, _) = p.parse_beam(&c, 4, margin, &mut BeamScratch::default());
                assert!(is_tree(&heads), "{s}: {heads:?}");
            }
        }
    }
}
