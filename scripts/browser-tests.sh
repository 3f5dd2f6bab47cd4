#!/usr/bin/env bash
# End-to-end browser tests of the `claimgraph serve` web UI.
#
# Installs Debian's chromium + chromium-driver when missing (needs root and
# apt), builds the release binary, ingests a test store from
# ../shared/gold/dev/*.txt (examples/ when ../shared is absent), starts
# `claimgraph serve` on a free loopback port and drives headless Chromium
# through chromedriver's W3C WebDriver HTTP API (Python stdlib only):
# every page loads without console errors, the ledger lists the corpus's
# claims and sorts, clicking a claim opens its timeline, a denied claim and
# its counter-claim link to each other, citation chains
# show on claim and article pages, the actor and network pages draw, the
# events page lists the store's events (with "alleged by" for those a
# statement reports, filtered by CAMEO class) and a row opens its article
# with the event highlighted, the article view of seed-001 highlights Hikmet
# Hajiyev's denial ("absolutely unfounded"). Screenshots of each page go to
# target/browser-screenshots/.
#
# Without a browser it prints why and exits 0, except under CI=true, where
# it fails.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SHOTS=$ROOT/target/browser-screenshots
TARGET=${CARGO_TARGET_DIR:-$ROOT/target}

skip() {
  echo "browser tests skipped: $*"
  if [ "${CI:-}" = "true" ]; then
    echo "(CI=true: a skipped browser test is a failure)" >&2
    exit 1
  fi
  exit 0
}

find_bin() {
  for b in "$@"; do
    if command -v "$b" >/dev/null 2>&1; then command -v "$b"; return 0; fi
  done
  return 1
}

CHROME=$(find_bin chromium chromium-browser google-chrome || true)
DRIVER=$(find_bin chromedriver || true)
if [ -z "$CHROME" ] || [ -z "$DRIVER" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "== installing chromium and chromium-driver"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null) \
      || echo "apt-get install chromium chromium-driver failed"
    CHROME=$(find_bin chromium chromium-browser google-chrome || true)
    DRIVER=$(find_bin chromedriver || true)
  fi
fi
[ -n "$CHROME" ] || skip "no chromium (apt-get install chromium chromium-driver)"
[ -n "$DRIVER" ] || skip "no chromedriver (apt-get install chromium-driver)"
command -v python3 >/dev/null 2>&1 || skip "no python3"

echo "== building"
cargo build --release --quiet
BIN=$TARGET/release/claimgraph

WORK=$(mktemp -d)
SERVE_PID=
DRIVER_PID=
cleanup() {
  [ -n "$SERVE_PID" ] && kill "$SERVE_PID" 2>/dev/null || true
  [ -n "$DRIVER_PID" ] && kill "$DRIVER_PID" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ -d ../shared/gold/dev ]; then
  CORPUS=gold
  INPUTS=(../shared/gold/dev/*.txt)
else
  CORPUS=examples
  INPUTS=(examples)
fi
echo "== ingesting ${#INPUTS[@]} input(s) ($CORPUS)"
"$BIN" ingest --db "$WORK/store.db" "${INPUTS[@]}" 2>&1 | tail -1

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
PORT=$(free_port)
DPORT=$(free_port)
"$BIN" serve --db "$WORK/store.db" --addr "127.0.0.1:$PORT" 2>"$WORK/serve.log" &
SERVE_PID=$!
"$DRIVER" --port="$DPORT" >"$WORK/driver.log" 2>&1 &
DRIVER_PID=$!

mkdir -p "$SHOTS"
rm -f "$SHOTS"/*.png
python3 - "http://127.0.0.1:$PORT" "http://127.0.0.1:$DPORT" "$CHROME" "$SHOTS" "$CORPUS" "$WORK/profile" <<'PY'
import base64, json, os, re, sys, time, urllib.error, urllib.parse, urllib.request

BASE, DRIVER, CHROME, SHOTS, CORPUS, PROFILE = sys.argv[1:7]
failures = []

def http(method, url, body=None, timeout=60):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as r:
            raw = r.read()
    except urllib.error.HTTPError as e:
        raw = e.read()
        raise RuntimeError(f"{method} {url}: HTTP {e.code}: {raw[:500]!r}")
    return json.loads(raw) if raw else None

def wait_for(url, what, seconds=60):
    end = time.time() + seconds
    while True:
        try:
            urllib.request.urlopen(url, timeout=5).read()
            return
        except Exception as e:
            if time.time() > end:
                raise RuntimeError(f"{what} did not come up: {e}")
            time.sleep(0.2)

def api(path):
    with urllib.request.urlopen(BASE + path, timeout=30) as r:
        return json.loads(r.read())

wait_for(BASE + "/api/health", "claimgraph serve")
wait_for(DRIVER + "/status", "chromedriver")

os.makedirs(PROFILE, exist_ok=True)
caps = {"capabilities": {"alwaysMatch": {
    "browserName": "chrome",
    "goog:loggingPrefs": {"browser": "ALL"},
    "goog:chromeOptions": {"binary": CHROME, "args": [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", f"--user-data-dir={PROFILE}", "--window-size=1400,1000"]},
}}}
sess = http("POST", DRIVER + "/session", caps, timeout=120)["value"]
SID = sess["sessionId"]
S = f"{DRIVER}/session/{SID}"

def js(script, *args):
    return http("POST", S + "/execute/sync", {"script": script, "args": list(args)})["value"]

def find(css):
    r = http("POST", S + "/element", {"using": "css selector", "value": css})["value"]
    return next(iter(r.values()))

def click(css):
    http("POST", f"{S}/element/{find(css)}/click", {})

def ready(hash_prefix, seconds=30):
    end = time.time() + seconds
    while time.time() < end:
        st = js("const v = document.getElementById('view'); return [location.hash, v ? (v.dataset.ready || '') : ''];")
        if st[0].startswith(hash_prefix) and st[1] == st[0]:
            return
        time.sleep(0.1)
    raise RuntimeError(f"page {hash_prefix} did not finish rendering (at {st})")

def logs():
    for path in ("/se/log", "/log"):
        try:
            return http("POST", S + path, {"type": "browser"})["value"]
        except RuntimeError:
            continue
    return []

def check(cond, msg):
    print(("  ok   " if cond else "  FAIL ") + msg)
    if not cond:
        failures.append(msg)

def page(name, hash_, checks):
    print(f"== {name}: {hash_}")
    try:
        http("POST", S + "/url", {"url": BASE + "/" + hash_})
        ready(hash_.split("?")[0])
        checks()
    except Exception as e:
        check(False, f"{name}: {e}")
    shot = http("GET", S + "/screenshot")["value"]
    with open(os.path.join(SHOTS, name + ".png"), "wb") as f:
        f.write(base64.b64decode(shot))
    errors = [l for l in logs() if l.get("level") == "SEVERE"]
    check(not errors, f"{name}: no console errors" + (f" ({errors[:3]})" if errors else ""))

# -- the ledger lists the corpus's claims and sorts
claims = api("/api/claims?limit=50")
def ledger_checks():
    rows = js("return [...document.querySelectorAll('#ledger tbody tr')].map(r => r.dataset.claim);")
    check(len(rows) == len(claims["items"]) > 0, f"ledger shows {len(rows)} rows, API has {len(claims['items'])} on the first page ({claims['total']} claims)")
    check(rows == [c["id"] for c in claims["items"]], "ledger rows are the API's claims in order")
    info = js("return document.querySelector('.page-info').textContent;")
    check(info.endswith(f"of {claims['total']}"), f"pager shows the total ({info})")
    click("th[data-sort=articles]")
    ready("#/claims")
    arts = js("return [...document.querySelectorAll('#ledger tbody tr')].map(r => +r.children[3].textContent);")
    check(arts == sorted(arts, reverse=True) and len(arts) > 0, f"sorting by articles orders the rows ({arts[:8]}…)")
    # Back to the default order for the screenshot.
    http("POST", S + "/url", {"url": BASE + "/#/claims"})
    ready("#/claims")
page("ledger", "#/claims", ledger_checks)

# -- clicking a claim opens its timeline
print("== claim: click the first claim of the ledger")
try:
    first = js("return document.querySelector('a.claim-link').getAttribute('href');")
    click("a.claim-link")
    ready("#/claim/")
    hash_now = js("return location.hash;")
    check(hash_now == first, f"clicking the claim opened {hash_now}")
    cid = urllib.parse.unquote(hash_now.split("/")[-1])
    t = api("/api/claims/" + urllib.parse.quote(cid, safe=""))
    # The timeline is monthly: a statement dated only to a year ("2025") is
    # counted as undated there, as the page says.
    monthly = lambda s: bool(re.match(r"^\d{4}-\d{2}", s.get("date") or ""))
    dated = sum(1 for s in t["statements"] if monthly(s))
    bars = js("return [...document.querySelectorAll('#timeline-svg rect.bar')].map(b => b.getAttribute('class'));")
    check((len(bars) > 0) == (dated > 0), f"timeline draws {len(bars)} bar segment(s) for {dated} dated statement(s)")
    stances = {s["stance"] for s in t["statements"] if monthly(s)}
    check(all(any(st in b for b in bars) for st in stances), f"bars coloured by stance {sorted(stances)}")
    cards = js("return document.querySelectorAll('.stance-col .stmt-card').length;")
    check(cards == len(t["statements"]), f"who-says-what lists {cards} of {len(t['statements'])} statements")
    title = js("return document.getElementById('claim-title').textContent;")
    check(title == t["claim"]["text"], "claim page shows the claim text")
except Exception as e:
    check(False, f"claim: {e}")
shot = http("GET", S + "/screenshot")["value"]
open(os.path.join(SHOTS, "claim.png"), "wb").write(base64.b64decode(shot))
errors = [l for l in logs() if l.get("level") == "SEVERE"]
check(not errors, "claim: no console errors" + (f" ({errors[:3]})" if errors else ""))

# -- a contested claim with a citation chain, when the corpus has one
contested = api("/api/claims?contested=true&sort=statements&limit=1")["items"]
if contested:
    def contested_checks():
        cols = js("return [...document.querySelectorAll('.stance-col')].map(c => [c.dataset.stance, c.querySelectorAll('.stmt-card').length]);")
        d = dict(cols)
        check(d.get("assert", 0) > 0 and d.get("deny", 0) > 0, f"contested claim lists asserters and deniers {d}")
    page("claim-contested", "#/claim/" + urllib.parse.quote(contested[0]["id"], safe=""), contested_checks)

# -- counter-claims: a denied claim links to what its denier asserts instead, and back
countered = None
for c in api("/api/claims?limit=200")["items"]:
    t = api("/api/claims/" + urllib.parse.quote(c["id"], safe=""))
    if t.get("counter_claims"):
        countered = t
        break
if countered:
    k = countered["counter_claims"][0]
    def counter_checks():
        links = js("return [...document.querySelectorAll('#counter-claims a')].map(a => a.getAttribute('href'));")
        check("#/claim/" + urllib.parse.quote(k["id"], safe="") in links, f"denied claim links its counter-claim {k['id']} ({links})")
        click("#counter-claims a")
        ready("#/claim/" + urllib.parse.quote(k["id"], safe=""))
        back = js("return [...document.querySelectorAll('#counter-claims a')].map(a => a.getAttribute('href'));")
        check("#/claim/" + urllib.parse.quote(countered["claim"]["id"], safe="") in back, f"counter-claim links back to the claim it counters ({back})")
    page("claim-counter", "#/claim/" + urllib.parse.quote(countered["claim"]["id"], safe=""), counter_checks)

# -- citation chains: a nested statement's claim page and article
chained = [x for x in api("/api/statements?limit=1000")["items"] if x.get("via") is not None and x.get("claim_id")]
if chained:
    nested = chained[0]
    def chain_checks():
        n = js("return document.querySelectorAll('.stmt-card .chain').length;")
        check(n > 0, f"claim page shows the citation chain ({n} 'via' line(s))")
    page("claim-chain", "#/claim/" + urllib.parse.quote(nested["claim_id"], safe=""), chain_checks)
    def nested_checks():
        n = js("return document.querySelectorAll('#statement-list li.nested').length;")
        check(n > 0, f"article lists {n} nested statement(s) under their citing statement")
        inner = js(f"return document.querySelectorAll('#doc-text mark[data-stmt=\"{nested['index']}\"]').length;")
        check(inner > 0, "the nested statement is highlighted in the text")
    page("article-chain", "#/doc/" + urllib.parse.quote(nested["document"], safe=""), nested_checks)

# -- an actor page
who = api("/api/actors?q=Hajiyev&limit=1")["items"] or api("/api/actors?limit=1")["items"]
if who:
    actor = who[0]
    def actor_checks():
        name = js("return document.getElementById('actor-name').textContent;")
        check(name == actor["name"], f"actor page shows {actor['name']}")
        n = js("return document.querySelectorAll('.stmt-card').length;")
        check(n > 0, f"actor page lists {n} statement(s)")
        rows = js("return document.querySelectorAll('#actor-claims tbody tr').length;")
        check(rows > 0, f"actor page lists {rows} claim(s) with stances")
    page("actor", "#/actor/" + urllib.parse.quote(actor["id"], safe=""), actor_checks)
else:
    check(False, "the corpus has actors")

# -- the network
def network_checks():
    nodes = js("return document.querySelectorAll('#network-svg g.node').length;")
    edges = js("return [...document.querySelectorAll('#network-svg line.edge')].map(e => e.getAttribute('class'));")
    net = api("/api/network?claims=40")
    check(nodes == len(net["nodes"]) > 1, f"network draws {nodes} nodes")
    check(len(edges) == len(net["edges"]) > 0, f"network draws {len(edges)} edges coloured by stance")
    inside = js("""const b = document.getElementById('network-svg').getBBox();
                   return b.x >= -1 && b.y >= -1 && b.x + b.width <= 1200 && b.y + b.height <= 720;""")
    check(inside, "network stays inside its frame")
page("network", "#/network", network_checks)

# -- the events page lists the store's events, newest first, as the API does
events = api("/api/events?limit=50")
def events_checks():
    rows = js("return [...document.querySelectorAll('#events tbody tr')].map(r => +r.dataset.event);")
    check(len(rows) == len(events["items"]), f"events page shows {len(rows)} rows, API has {len(events['items'])} on the first page ({events['total']} events)")
    check(rows == [e["event_id"] for e in events["items"]], "event rows are the API's events in order")
    if CORPUS == "gold":
        check(len(rows) > 0, "the dev set's events are listed")
    info = js("return document.querySelector('.page-info').textContent;")
    check(info.endswith(f"of {events['total']}"), f"pager shows the total ({info})")
    alleged = [e for e in events["items"] if e.get("alleged_by")]
    shown = js("return [...document.querySelectorAll('#events tbody tr .alleged')].map(x => x.textContent);")
    check(len(shown) == len(alleged), f"'alleged by' shown for {len(shown)} of {len(alleged)} events a statement reports")
    if alleged:
        r = alleged[0]["alleged_by"]
        check(any(r["speaker"] in x for x in shown), f"the first reported event names its speaker {r['speaker']!r} ({shown[:3]})")
page("events", "#/events", events_checks)

# -- filtering by CAMEO class ("19": fight)
fights = api("/api/events?code=19&limit=50")
def events_code_checks():
    rows = js("return [...document.querySelectorAll('#events tbody tr')].map(r => +r.dataset.event);")
    check(rows == [e["event_id"] for e in fights["items"]], f"code 19 lists the API's {len(fights['items'])} event(s)")
    codes = js("return [...document.querySelectorAll('#events tbody tr .tag.code')].map(x => x.textContent);")
    check(all(c.startswith("19") for c in codes), f"every listed code is 19… ({codes[:6]})")
    sel = js("return document.querySelector('#event-filters select[name=code]').value;")
    check(sel == "19", f"the filter shows the class chosen ({sel!r})")
page("events-fight", "#/events?code=19", events_code_checks)

# -- an event row links to its article, where the event is highlighted
if events["items"]:
    first = events["items"][0]
    def event_article_checks():
        href = js("return document.querySelector('#events tbody tr a.event-doc-link').getAttribute('href');")
        want = "#/doc/" + urllib.parse.quote(first["document"], safe="")
        check(href.startswith(want + "?"), f"the first row links to its article ({href})")
        click("#events tbody tr a.event-doc-link")
        ready("#/doc/")
        check(js("return location.hash;") == href, "clicking the row's article link opened it")
        title = js("return document.getElementById('doc-title').textContent;")
        check(title == (first["title"] or first["source"]), f"article page shows {title!r}")
        marks = js(f"return document.querySelectorAll('#doc-text span.evt[data-event=\"{first['event_id']}\"]').length;")
        check(marks > 0, f"the event is highlighted in the text ({marks} segment(s))")
        hot = js("return document.querySelectorAll('#doc-text span.evt.hot').length;")
        check(hot > 0, "the linked event is picked out")
        listed = js("return document.querySelectorAll('#event-list li').length;")
        total = api("/api/events?document=" + urllib.parse.quote(first["document"], safe=""))["total"]
        check(listed == total, f"the article lists its {listed} of {total} event(s)")
        lines = js("return [...document.querySelectorAll('#event-list li')].map(li => li.textContent);")
        line = f"{first['actor'] or '?'} {first['action']}" + (f" {first['target']}" if first.get("target") else "")
        check(any(x.startswith(line) for x in lines) and not any("[object" in x or "http" in x for x in lines),
              f"the list reads {line!r} ({lines[:2]})")
        tip = js(f"return document.querySelector('#doc-text span.evt[data-event=\"{first['event_id']}\"]').getAttribute('title');")
        check(first["action"] in tip and (not first.get("alleged_by") or first["alleged_by"]["speaker"] in tip),
              f"hovering the event shows who did what and who alleges it ({tip!r})")
    page("event-article", "#/events", event_article_checks)

# -- the article view of seed-001 highlights Hajiyev's denial
docs = api("/api/documents?q=seed-001")["items"]
if CORPUS == "gold":
    check(len(docs) == 1, "seed-001 is in the store")
if docs:
    doc = docs[0]
    def article_checks():
        marks = js("""return [...document.querySelectorAll('#doc-text mark.stmt')].map(m =>
            [m.className, m.dataset.speaker, m.textContent, m.getAttribute('title')]);""")
        check(len(marks) > 0, f"article highlights {len(marks)} statement segment(s)")
        denial = [m for m in marks if " deny" in " " + m[0] and "Hajiyev" in (m[1] or "") and "absolutely unfounded" in (m[2] + m[3])]
        check(bool(denial), "Hikmet Hajiyev's denial ('absolutely unfounded') is highlighted as deny")
        n_st = js("return document.querySelectorAll('#statement-list li').length;")
        check(n_st == doc["statements"], f"statement list has {n_st} of {doc['statements']}")
        ents = js("return document.querySelectorAll('#doc-text .ent').length;")
        check(ents > 0, f"{ents} entity mention(s) marked")
        hover = js("""const m = document.querySelector('#doc-text mark.stmt.deny');
                      return m ? m.getAttribute('title') : '';""")
        check("deny" in hover and len(hover) > 10, "hovering a statement shows speaker and stance")
    page("article-seed-001", "#/doc/" + urllib.parse.quote(doc["id"], safe=""), article_checks)
else:
    some = api("/api/documents?limit=1")["items"]
    def article_checks2():
        n = js("return document.querySelectorAll('#doc-text mark.stmt').length;")
        check(n > 0, f"article highlights {n} statement segment(s)")
    page("article", "#/doc/" + urllib.parse.quote(some[0]["id"], safe=""), article_checks2)

# -- documents, sources, search
def docs_checks():
    n = js("return document.querySelectorAll('#documents tbody tr').length;")
    check(n == min(50, api("/api/documents?limit=1")["total"]), f"articles page lists {n} article(s)")
page("articles", "#/docs", docs_checks)
def actors_checks():
    n = js("return document.querySelectorAll('#actors tbody tr').length;")
    check(n > 0, f"sources page lists {n} source(s)")
page("sources", "#/actors", actors_checks)
def search_checks():
    n = js("return document.querySelectorAll('.stmt-card').length;")
    check(n > 0, f"search finds {n} statement(s)")
page("search", "#/search?q=denied", search_checks)

http("DELETE", S)
print(f"== screenshots in {SHOTS}")
if failures:
    print(f"{len(failures)} browser check(s) failed:")
    for f in failures:
        print("  - " + f)
    sys.exit(1)
print("all browser checks passed")
PY
