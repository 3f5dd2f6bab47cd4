#!/usr/bin/env python3
"""Event coding measured on the PLOVER gold-standard records built from the
CAMEO manual's example sentences (../shared/data/plover-cameo-codebook/
PLOVER_GSR_CAMEO.txt, CC BY-SA 4.0): each record is one sentence, its
event type (PLOVER) and its source and target actors.

Runs `claimgraph analyze --json` over the sentences (one file each), maps
each predicted event's CAMEO code to its PLOVER type (CAMEO2PLOVER-2021.txt)
and reports, overall and per type:
  found    records with an event of the gold type
  source   of those, the actor shares a word with a gold source actor
  target   of those with a gold target, the target shares a word with one
  precision  predicted events whose type is the record's
Speech acts (DEMAND, REJECT, DISAPPROVE, THREATEN, …) are mostly the
statement layer's in claimgraph, so their recall here is expected to be low;
the material types are what the event layer is for.

Usage: python3 scripts/event-check.py [--binary target/release/claimgraph] [--misses]
"""
import collections, json, os, re, subprocess, sys, tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DATA = os.path.join(ROOT, "..", "shared", "data", "plover-cameo-codebook")
MATERIAL = {"ASSAULT", "FIGHT", "COERCE", "MOBILIZE", "RETREAT", "SANCTION", "AID", "INVESTIGATE",
            "CONSULT", "COOPERATE", "SUPPORT", "CONCEDE", "AGREE", "PROTEST"}


def plover_map():
    m = {}
    for line in open(os.path.join(DATA, "CAMEO2PLOVER-2021.txt"), encoding="utf-8"):
        mm = re.match(r"^(\d+):\s*([A-Z_]+)", line)
        if mm:
            m[mm.group(1)] = mm.group(2)
    return m


def to_plover(code, m):
    if not code:
        return None
    for k in (code, code[:3], code[:2]):
        if k in m:
            return m[k]
    return None


def same_type(pred, gold):
    # The gold records (2016) call conventional military force FIGHT; the
    # 2021 conversion table maps its CAMEO codes (19x) to ASSAULT, which
    # also holds unconventional violence (18x). Either counts for both.
    force = {"ASSAULT", "FIGHT"}
    return pred == gold or (pred in force and gold in force)


def words(s):
    return {w for w in re.findall(r"[a-z]+", (s or "").lower()) if len(w) > 2 and w not in {"the", "and"}}


def main():
    binary = os.path.join(ROOT, "target", "release", "claimgraph")
    if "--binary" in sys.argv:
        binary = sys.argv[sys.argv.index("--binary") + 1]
    if not os.path.isdir(DATA):
        print(f"skipped: {DATA} not found (needs ../shared beside the clone)")
        return
    recs = [r for r in json.load(open(os.path.join(DATA, "PLOVER_GSR_CAMEO.txt"), encoding="utf-8"))
            if r.get("event") != "DOCUMENT" and r.get("text")]
    m = plover_map()
    with tempfile.TemporaryDirectory() as d:
        for i, r in enumerate(recs):
            with open(os.path.join(d, f"r{i:04d}.txt"), "w", encoding="utf-8") as f:
                # a headline line, then the sentence as the body
                f.write("Event\n\n" + r["text"] + "\n")
        out = subprocess.run([binary, "analyze", "--json", d], capture_output=True, text=True, check=True).stdout
    preds = {}
    for line in out.splitlines():
        doc = json.loads(line)
        k = int(os.path.basename(doc["source"])[1:5])
        preds[k] = doc.get("events", [])
    per = collections.defaultdict(lambda: collections.Counter())
    n_pred = n_pred_ok = 0
    misses = []
    for i, r in enumerate(recs):
        gold = r["event"]
        c = per[gold]
        c["records"] += 1
        evs = preds.get(i, [])
        n_pred += len(evs)
        typed = [e for e in evs if same_type(to_plover(e.get("code"), m), gold)]
        n_pred_ok += len(typed)
        if not typed:
            misses.append((gold, r["text"], [(e.get("actor"), e.get("action"), e.get("code")) for e in evs]))
            continue
        c["found"] += 1
        src = set().union(*[words(a["actorText"]) for a in r.get("source", [])]) if r.get("source") else set()
        tgt = set().union(*[words(a["actorText"]) for a in r.get("target", [])]) if r.get("target") else set()
        if any(words(e.get("actor")) & src for e in typed):
            c["source"] += 1
        if tgt:
            c["with_target"] += 1
            if any(words(e.get("target")) & tgt for e in typed):
                c["target"] += 1
    def line(name, c):
        f = c["found"]
        return (f"{name:12} records {c['records']:4}  found {f:4} ({f / max(1, c['records']):.3f})  "
                f"source {c['source'] / max(1, f):.3f}  target {c['target'] / max(1, c['with_target']):.3f}")
    tot, mat = collections.Counter(), collections.Counter()
    for t in sorted(per):
        print(line(t, per[t]))
        tot.update(per[t])
        if t in MATERIAL:
            mat.update(per[t])
    print(line("ALL", tot))
    print(line("MATERIAL", mat))
    print(f"precision (predicted events of the record's type): {n_pred_ok}/{n_pred} = {n_pred_ok / max(1, n_pred):.3f}")
    if "--misses" in sys.argv:
        for g, t, e in misses:
            print(f"- {g}: {t}\n    predicted {e}")


if __name__ == "__main__":
    main()
