"""Scoring over all words (punctuation included), gold tokenization.

  upos     : UPOS accuracy
  uas      : head accuracy
  las      : head + deprel, deprels of gold and system both mapped through the repo's label
             table (train.rs::deprel_index) -- the repo's own LAS definition (bench.rs)
  las_base : head + universal part of deprel (subtype stripped) -- CoNLL 2018 LAS definition
  las_full : head + exact deprel string as in the gold file

CLI: python score.py GOLD.conllu SYSTEM.conllu   (GOLD read with the repo's GUM genre filter, as the
system files were written from the filtered set; EWT is unaffected)
"""
import sys
import data as D


def score_arrays(sents, pred):
    n = u = h = l = lb = 0
    for s, (tg, hd, lab) in zip(sents, pred):
        for i in range(len(s["forms"])):
            n += 1
            u += int(tg[i] == s["upos"][i])
            if int(hd[i]) == s["heads"][i]:
                h += 1
                l += int(lab[i] == s["deprels"][i])
                lb += int(D.DEPREL[lab[i]].split(":")[0] == D.DEPREL[s["deprels"][i]].split(":")[0])
    pct = lambda k: round(100.0 * k / max(n, 1), 2)
    return dict(tokens=n, upos=pct(u), uas=pct(h), las=pct(l), las_base=pct(lb))


def score_files(gold, system):
    g = D.read_conllu(gold, apply_filter=True)
    s = D.read_conllu(system, apply_filter=False)
    assert len(g) == len(s), (len(g), len(s))
    n = u = h = l = lb = lf = 0
    for gs, ss in zip(g, s):
        assert gs["forms"] == ss["forms"]
        for gr, sr in zip(gs["rows"], ss["rows"]):
            n += 1
            u += gr[3] == sr[3]
            if gr[6] == sr[6]:
                h += 1
                l += D.deprel_index(gr[7]) == D.deprel_index(sr[7])
                lb += gr[7].split(":")[0] == sr[7].split(":")[0]
                lf += gr[7] == sr[7]
    pct = lambda k: round(100.0 * k / max(n, 1), 2)
    return dict(tokens=n, upos=pct(u), uas=pct(h), las=pct(l), las_base=pct(lb), las_full=pct(lf))


if __name__ == "__main__":
    print(score_files(sys.argv[1], sys.argv[2]))
