// claimgraph web UI: plain ES module, no build step. Hash routes:
// #/claims (ledger), #/claim/ID, #/actors, #/actor/ID, #/network,
// #/events, #/docs, #/doc/ID, #/search?q=…
import { layout, drawGraph } from "/assets/graph.js";

const STANCES = ["assert", "deny", "speculate", "question"];
const STANCE_LABEL = { assert: "asserts", deny: "denies", speculate: "speculates", question: "questions" };
// How a statement reports the event in its content.
const ALLEGED = { assert: "alleged by", deny: "denied by", speculate: "speculated by", question: "questioned by" };
// CAMEO's top-level event classes (the first two digits of a code).
const CAMEO = {
  "01": "make public statement", "02": "appeal", "03": "express intent to cooperate", "04": "consult",
  "05": "diplomatic cooperation", "06": "material cooperation", "07": "provide aid", "08": "yield",
  "09": "investigate", "10": "demand", "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
  "15": "exhibit force posture", "16": "reduce relations", "17": "coerce", "18": "assault", "19": "fight",
  "20": "unconventional mass violence",
};
const view = document.getElementById("view");
let health = null;

// ---------------------------------------------------------------- helpers

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else el.setAttribute(k, v === true ? "" : v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

function token() {
  return localStorage.getItem("claimgraph-token") || "";
}

async function api(path, opts = {}) {
  const headers = Object.assign({}, opts.headers || {});
  if (token()) headers["Authorization"] = "Bearer " + token();
  const r = await fetch(path, Object.assign({}, opts, { headers }));
  let body = null;
  const ct = r.headers.get("content-type") || "";
  if (ct.startsWith("application/json")) body = await r.json();
  else body = await r.text();
  if (!r.ok) {
    const msg = body && body.error ? body.error : r.statusText;
    const e = new Error(msg);
    e.status = r.status;
    throw e;
  }
  return body;
}

function qs(params) {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v !== "" && v !== null && v !== undefined && v !== false) u.set(k, v);
  }
  const s = u.toString();
  return s ? "?" + s : "";
}

function route() {
  const raw = location.hash.replace(/^#/, "") || "/claims";
  const [path, query] = raw.split("?");
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  return { parts, params: Object.fromEntries(new URLSearchParams(query || "")) };
}

function go(path, params) {
  location.hash = "#" + path + qs(params || {});
}

function num(n, stance) {
  return h("span", { class: n ? "n-" + stance : "zero" }, n);
}

function badge(stance) {
  return h("span", { class: "badge " + stance }, stance);
}

function day(d) {
  return d ? d.slice(0, 10) : "undated";
}

function cut(s, n) {
  s = s || "";
  return s.length > n ? s.slice(0, n - 1) + "…" : s;
}

function chainView(chain) {
  if (!chain || chain.length < 2) return null;
  const links = [];
  chain.forEach((c, i) => {
    if (i) links.push(" → ");
    links.push(h("span", { class: "link" }, c.speaker), c.cue ? " (" + c.cue + ")" : "");
  });
  return h("div", { class: "chain", title: "citation chain, outermost first" }, "via: ", links);
}

function actorLink(name, actorId) {
  return actorId ? h("a", { href: "#/actor/" + encodeURIComponent(actorId) }, name) : h("span", {}, name);
}

function pager(total, limit, offset, onPage) {
  const from = total ? offset + 1 : 0;
  const to = Math.min(offset + limit, total);
  return h("div", { class: "pager" },
    h("button", { disabled: offset <= 0 ? true : null, onclick: () => onPage(Math.max(0, offset - limit)) }, "← Previous"),
    h("span", { class: "page-info" }, `${from}–${to} of ${total}`),
    h("button", { disabled: offset + limit >= total ? true : null, onclick: () => onPage(offset + limit) }, "Next →"));
}

function legend() {
  return h("div", { class: "legend" }, STANCES.map(s =>
    h("span", {}, h("i", { style: `background: var(--${s})` }), s)));
}

function setNav(name) {
  for (const a of document.querySelectorAll("nav a")) a.classList.toggle("active", a.dataset.nav === name);
}

function show(...kids) {
  view.replaceChildren(...kids.flat().filter(Boolean));
}

// ---------------------------------------------------------------- ledger

const CLAIM_COLS = [
  ["text", "Claim", false], ["first", "First seen", false], ["last", "Last seen", false],
  ["articles", "Articles", true], ["outlets", "Outlets", true], ["assert", "Assert", true],
  ["deny", "Deny", true], ["speculate", "Speculate", true], ["question", "Question", true],
];

async function ledgerView(params) {
  setNav("claims");
  const p = Object.assign({ sort: "last", limit: "50", offset: "0" }, params);
  const outlets = await api("/api/outlets");
  const field = (name, label, attrs) => h("label", {}, label,
    h("input", Object.assign({ name, value: p[name] || "" }, attrs || {})));
  const form = h("form", { class: "filters", id: "claim-filters" },
    field("q", "Text contains", { type: "search", placeholder: "e.g. election" }),
    field("since", "Since", { placeholder: "YYYY[-MM[-DD]]", size: 11 }),
    field("until", "Until", { placeholder: "YYYY[-MM[-DD]]", size: 11 }),
    h("label", {}, "Outlet", h("select", { name: "outlet" }, h("option", { value: "" }, "any"),
      outlets.items.map(o => h("option", { value: o.name, selected: o.name === p.outlet ? true : null }, `${o.name} (${o.documents})`)))),
    field("min_deny", "Min. deniers", { type: "number", min: 0 }),
    field("min_assert", "Min. asserters", { type: "number", min: 0 }),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "contested", value: "true", checked: p.contested === "true" ? true : null }), "contested (asserted and denied)"),
    h("label", { class: "check" }, h("input", { type: "checkbox", name: "evidence", value: "true", checked: p.evidence === "true" ? true : null }), "cites evidence"),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", onclick: () => go("/claims") }, "Reset"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    const f = Object.fromEntries(new FormData(form));
    go("/claims", Object.assign({}, f, { sort: p.sort, order: p.order, offset: 0 }));
  });
  let data;
  try {
    data = await api("/api/claims" + qs({
      q: p.q, since: p.since, until: p.until, outlet: p.outlet, min_deny: p.min_deny, min_assert: p.min_assert,
      contested: p.contested, evidence: p.evidence, sort: p.sort, order: p.order, limit: p.limit, offset: p.offset,
    }));
  } catch (e) {
    show(h("h1", {}, "Claim ledger"), form, h("p", { class: "error" }, e.message));
    return;
  }
  const desc = p.order ? p.order === "desc" : !["first", "text"].includes(p.sort);
  const head = h("tr", {}, CLAIM_COLS.map(([key, label, isNum]) => {
    const sorted = p.sort === key;
    return h("th", {
      class: "sortable" + (isNum ? " num" : "") + (sorted ? " sorted" : ""), "data-sort": key,
      title: "sort by " + label.toLowerCase(),
      onclick: () => go("/claims", Object.assign({}, p, { sort: key, order: sorted ? (desc ? "asc" : "desc") : "", offset: 0 })),
    }, label, sorted ? (desc ? " ▼" : " ▲") : "");
  }), h("th", {}, "Evidence"));
  const rows = data.items.map(c => h("tr", { class: "claim-row", "data-claim": c.id },
    h("td", {}, h("a", { class: "claim-link", href: "#/claim/" + encodeURIComponent(c.id) }, c.text)),
    h("td", { class: "date" }, day(c.first_seen)), h("td", { class: "date" }, day(c.last_seen)),
    h("td", { class: "num" }, c.articles), h("td", { class: "num" }, c.outlets),
    STANCES.map(s => h("td", { class: "num" }, num(c[s], s))),
    h("td", {}, c.evidence ? c.evidence_kinds.map(k => h("span", { class: "tag" }, k)) : "")));
  show(h("h1", {}, "Claim ledger"), form,
    h("table", { id: "ledger" }, h("thead", {}, head), h("tbody", {}, rows)),
    data.total ? null : h("p", { class: "muted" }, "No claim matches."),
    pager(data.total, data.limit, data.offset, off => go("/claims", Object.assign({}, p, { offset: off }))));
}

// ---------------------------------------------------------------- claim

function monthKey(d) {
  return d && /^\d{4}-\d{2}/.test(d) ? d.slice(0, 7) : null;
}

function monthRange(a, b) {
  const out = [];
  let [y, m] = a.split("-").map(Number);
  const [y2, m2] = b.split("-").map(Number);
  while (y < y2 || (y === y2 && m <= m2)) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
    if (out.length > 600) break;
  }
  return out;
}

const SVGNS = "http://www.w3.org/2000/svg";
function s(tag, attrs, ...kids) {
  const el = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) el.setAttribute(k, v);
  for (const kid of kids.flat()) if (kid !== null && kid !== undefined) el.append(kid instanceof Node ? kid : String(kid));
  return el;
}

function timelinePlot(statements) {
  const byMonth = new Map();
  let undated = 0;
  for (const st of statements) {
    const m = monthKey(st.date);
    if (!m) { undated += 1; continue; }
    if (!byMonth.has(m)) byMonth.set(m, { assert: 0, deny: 0, speculate: 0, question: 0 });
    const c = byMonth.get(m);
    c[STANCES.includes(st.stance) ? st.stance : "assert"] += 1;
  }
  const W = 900, H = 260, L = 40, R = 12, T = 14, B = 46;
  const svg = s("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": "statements per month by stance", id: "timeline-svg" });
  if (!byMonth.size) {
    svg.append(s("text", { x: W / 2, y: H / 2, "text-anchor": "middle", fill: "#67707a" }, "No dated statements"));
    return { svg, undated };
  }
  const keys = [...byMonth.keys()].sort();
  const months = monthRange(keys[0], keys[keys.length - 1]);
  const max = Math.max(...months.map(m => {
    const c = byMonth.get(m);
    return c ? STANCES.reduce((a, k) => a + c[k], 0) : 0;
  }), 1);
  const plotW = W - L - R, plotH = H - T - B;
  const bw = plotW / months.length;
  const y = v => T + plotH - (v / max) * plotH;
  const ticks = Math.min(max, 5);
  for (let i = 0; i <= ticks; i++) {
    const v = Math.round((max * i) / ticks);
    svg.append(s("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), stroke: "#eef0f2" }),
      s("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", "font-size": 11, fill: "#67707a" }, v));
  }
  const every = Math.ceil(months.length / 14);
  months.forEach((m, i) => {
    const c = byMonth.get(m);
    const x = L + i * bw;
    let acc = 0;
    if (c) {
      for (const k of STANCES) {
        if (!c[k]) continue;
        const top = y(acc + c[k]);
        svg.append(s("rect", {
          x: x + bw * 0.12, y: top, width: Math.max(bw * 0.76, 1), height: y(acc) - top,
          fill: `var(--${k})`, class: "bar " + k, "data-month": m,
        }, s("title", {}, `${m}: ${c[k]} ${k}`)));
        acc += c[k];
      }
    }
    if (i % every === 0) {
      svg.append(s("text", { x: x + bw / 2, y: H - B + 16, "text-anchor": "middle", "font-size": 11, fill: "#67707a" }, m));
    }
  });
  svg.append(s("line", { x1: L, x2: W - R, y1: T + plotH, y2: T + plotH, stroke: "#99a1a9" }));
  svg.append(s("text", { x: L, y: H - 8, "font-size": 11, fill: "#67707a" }, "statements per month"));
  return { svg, undated };
}

function stmtCard(st) {
  return h("div", { class: "stmt-card " + st.stance },
    h("div", {}, h("span", { class: "who" }, actorLink(st.speaker, st.speaker_actor)), " ",
      h("span", { class: "muted" }, "(" + st.speaker_type + ")"), " ", st.cue ? h("span", { class: "tag" }, st.cue) : null,
      (st.hedges || []).map(x => h("span", { class: "tag", title: "hedge" }, x))),
    h("q", {}, st.content),
    chainView(st.chain),
    h("div", { class: "meta" }, day(st.date), " · ", st.outlet || "unknown outlet", " · ",
      h("a", { href: "#/doc/" + encodeURIComponent(st.document) + qs({ s: st.statement_id }) }, cut(st.title || st.source, 60)),
      (st.evidence || []).length ? h("span", {}, " · evidence: ", st.evidence.join(", ")) : null));
}

async function claimView(id) {
  setNav("claims");
  let t;
  try {
    t = await api("/api/claims/" + encodeURIComponent(id));
  } catch (e) {
    show(h("h1", {}, "Claim"), h("p", { class: "error" }, e.message));
    return;
  }
  const c = t.claim;
  const { svg, undated } = timelinePlot(t.statements);
  const cols = STANCES.map(st => {
    const list = t.statements.filter(x => x.stance === st);
    return h("section", { class: "stance-col " + st, "data-stance": st },
      h("h3", {}, `Who ${STANCE_LABEL[st]} (${list.length})`),
      list.length ? list.map(stmtCard) : h("p", { class: "muted" }, "nobody"));
  });
  // A side that denies a claim and what it asserts instead: each links to the other.
  const claimLink = k => h("a", { href: "#/claim/" + encodeURIComponent(k.id) }, cut(k.text, 90));
  const counters = h("div", { id: "counter-claims" },
    t.counter_of ? h("p", {}, h("b", { class: "side" }, t.counter_of.side), "'s version, against: ", claimLink(t.counter_of)) : null,
    (t.counter_claims || []).map(k => h("p", {}, h("b", { class: "side" }, k.side), " denies this and asserts instead: ", claimLink(k))));
  show(h("p", {}, h("a", { href: "#/claims" }, "← Claim ledger")),
    h("h1", { id: "claim-title" }, c.text),
    counters,
    h("div", { class: "stats" },
      h("div", {}, h("b", {}, c.statements), "statements"), h("div", {}, h("b", {}, c.articles), "articles"),
      h("div", {}, h("b", {}, c.outlets), "outlets"),
      STANCES.map(st => h("div", {}, h("b", { class: "n-" + st }, c[st]), STANCE_LABEL[st])),
      h("div", {}, h("b", {}, day(c.first_seen) + " → " + day(c.last_seen)), "seen")),
    h("section", { class: "timeline", id: "timeline" }, h("h2", {}, "Timeline"), legend(), svg,
      undated ? h("p", { class: "muted" }, `${undated} undated statement(s) not plotted.`) : null),
    h("h2", {}, "Who says what"), h("div", { class: "stances" }, cols));
}

// ---------------------------------------------------------------- actors

async function actorsView(params) {
  setNav("actors");
  const p = Object.assign({ limit: "50", offset: "0" }, params);
  const data = await api("/api/actors" + qs({ q: p.q, limit: p.limit, offset: p.offset }));
  const form = h("form", { class: "filters" }, h("label", {}, "Name or alias", h("input", { name: "q", type: "search", value: p.q || "" })),
    h("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("/actors", { q: new FormData(form).get("q") }); });
  show(h("h1", {}, "Sources"), form,
    h("table", { id: "actors" }, h("thead", {}, h("tr", {}, h("th", {}, "Name"), h("th", {}, "Type"), h("th", {}, "Also known as"), h("th", { class: "num" }, "Statements"))),
      h("tbody", {}, data.items.map(a => h("tr", {},
        h("td", {}, h("a", { href: "#/actor/" + encodeURIComponent(a.id) }, a.name)), h("td", {}, a.speaker_type || a.etype),
        h("td", { class: "muted" }, cut(a.aliases.filter(x => x !== a.name).join(", "), 80)), h("td", { class: "num" }, a.statements))))),
    pager(data.total, data.limit, data.offset, off => go("/actors", Object.assign({}, p, { offset: off }))));
}

async function actorView(id) {
  setNav("actors");
  let d;
  try {
    d = await api("/api/actors/" + encodeURIComponent(id));
  } catch (e) {
    show(h("h1", {}, "Source"), h("p", { class: "error" }, e.message));
    return;
  }
  const a = d.actor;
  show(h("p", {}, h("a", { href: "#/actors" }, "← Sources")),
    h("h1", { id: "actor-name" }, a.name),
    h("p", { class: "muted" }, [a.etype, a.speaker_type].filter(Boolean).join(" · "),
      a.aliases.length ? " · also: " + a.aliases.filter(x => x !== a.name).join(", ") : ""),
    a.roles.length ? h("p", {}, a.roles.map(r => h("span", { class: "tag", title: `${day(r.first_seen)} → ${day(r.last_seen)}, ${r.documents} article(s)` }, r.role))) : null,
    h("h2", {}, "About what"),
    h("table", { id: "actor-claims" }, h("thead", {}, h("tr", {}, h("th", {}, "Claim"), STANCES.map(s2 => h("th", { class: "num" }, s2)))),
      h("tbody", {}, d.claims.map(c => h("tr", {},
        h("td", {}, c.claim_id ? h("a", { href: "#/claim/" + encodeURIComponent(c.claim_id) }, c.claim_text || c.claim_id) : h("span", { class: "muted" }, "(not linked to a claim)")),
        STANCES.map(s2 => h("td", { class: "num" }, num(c[s2], s2))))))),
    h("h2", {}, `What ${a.name} said (${d.statements.length})`),
    d.statements.map(st => h("div", { class: "stmt-card" }, badge(st.stance), " ", st.cue ? h("span", { class: "tag" }, st.cue) : null,
      h("q", {}, st.content), chainView(st.chain),
      h("div", { class: "meta" }, day(st.date), " · ", st.outlet || "unknown outlet", " · ",
        h("a", { href: "#/doc/" + encodeURIComponent(st.document) + qs({ s: st.statement_id }) }, cut(st.title || st.source, 60)),
        st.claim_id ? h("span", {}, " · claim: ", h("a", { href: "#/claim/" + encodeURIComponent(st.claim_id) }, cut(st.claim_text, 60))) : null))));
}

// ---------------------------------------------------------------- network

async function networkView(params) {
  setNav("network");
  const n = params.claims || "40";
  const data = await api("/api/network" + qs({ claims: n, since: params.since }));
  const svg = s("svg", { id: "network-svg", viewBox: "0 0 1000 700", preserveAspectRatio: "xMidYMid meet" });
  const form = h("form", { class: "filters" },
    h("label", {}, "Claims shown", h("input", { name: "claims", type: "number", min: 1, max: 500, value: n })),
    h("label", {}, "Since", h("input", { name: "since", value: params.since || "", placeholder: "YYYY[-MM[-DD]]", size: 11 })),
    h("button", { type: "submit" }, "Draw"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("/network", Object.fromEntries(new FormData(form))); });
  show(h("h1", {}, "Network: sources and claims"), form,
    h("div", { class: "legend" }, h("span", {}, "● source"), h("span", {}, "■ claim"), STANCES.map(st =>
      h("span", {}, h("i", { style: `background: var(--${st})` }), st))),
    h("div", { class: "network" }, svg),
    h("p", { class: "muted" }, `${data.nodes.length} nodes, ${data.edges.length} edges. Click a node to open it.`));
  const pos = layout(data.nodes, data.edges, 1000, 700);
  drawGraph(svg, data.nodes, data.edges, pos, node => {
    if (node.kind === "claim") go("/claim/" + node.id.slice(2));
    else if (node.id.startsWith("a:")) go("/actor/" + node.id.slice(2));
    else go("/search", { q: node.label });
  });
}

// ---------------------------------------------------------------- events

function codeTag(code) {
  if (!code) return h("span", { class: "muted" }, "–");
  const root = CAMEO[code.slice(0, 2)];
  return h("span", { class: "tag code", title: root ? `CAMEO ${code}: ${root}` : `CAMEO ${code}` }, code);
}

/// "alleged by X" (linked to the statement in its article) when a statement
/// reports the event, else the article's own voice.
function toldBy(ev) {
  const r = ev.alleged_by;
  if (!r) return h("span", { class: "muted", title: "the article tells it in its own voice" }, "article");
  return h("span", { class: "alleged " + r.stance },
    ALLEGED[r.stance] || "reported by", " ",
    h("a", { href: "#/doc/" + encodeURIComponent(ev.document) + qs({ s: r.statement_id }), title: `statement #${r.index}${r.cue ? " [" + r.cue + "]" : ""}` }, r.speaker));
}

function eventLine(ev) {
  return [ev.actor ? actorLink(ev.actor, ev.actor_id) : h("span", { class: "muted" }, "?"), " ",
    h("b", {}, ev.action), ...(ev.target ? [" ", actorLink(ev.target, ev.target_id)] : [])];
}

async function eventsView(params) {
  setNav("events");
  const p = Object.assign({ limit: "50", offset: "0" }, params);
  const field = (name, label, attrs) => h("label", {}, label,
    h("input", Object.assign({ name, value: p[name] || "" }, attrs || {})));
  const form = h("form", { class: "filters", id: "event-filters" },
    field("actor", "Actor or target", { type: "search", placeholder: "e.g. Russia" }),
    h("label", {}, "Event type (CAMEO)", h("select", { name: "code" }, h("option", { value: "" }, "any"),
      Object.entries(CAMEO).map(([c, name]) => h("option", { value: c, selected: c === p.code ? true : null }, `${c} ${name}`)),
      p.code && !CAMEO[p.code] ? h("option", { value: p.code, selected: true }, p.code) : null)),
    field("since", "Since", { placeholder: "YYYY[-MM[-DD]]", size: 11 }),
    field("until", "Until", { placeholder: "YYYY[-MM[-DD]]", size: 11 }),
    h("button", { type: "submit" }, "Filter"),
    h("button", { type: "button", onclick: () => go("/events") }, "Reset"));
  form.addEventListener("submit", ev => {
    ev.preventDefault();
    go("/events", Object.assign({}, Object.fromEntries(new FormData(form)), { offset: 0 }));
  });
  let data;
  try {
    data = await api("/api/events" + qs({
      actor: p.actor, code: p.code, since: p.since, until: p.until, document: p.document, limit: p.limit, offset: p.offset,
    }));
  } catch (e) {
    show(h("h1", {}, "Events"), form, h("p", { class: "error" }, e.message));
    return;
  }
  show(h("h1", {}, "Events"), form,
    h("p", { class: "muted" }, "Who did what to whom, newest first. A date in italics is the article's: it gives none for the event. " +
      "Told by: the article in its own voice, or the source whose statement alleges (or denies) the event."),
    h("table", { id: "events" }, h("thead", {}, h("tr", {}, ["Date", "Actor", "Action", "Target", "Where", "Code", "Told by", "Article"].map(x => h("th", {}, x)))),
      h("tbody", {}, data.items.map(ev => h("tr", { "data-event": ev.event_id },
        h("td", { class: "date" }, ev.date ? h("span", { class: "own" }, ev.date)
          : ev.published ? h("i", { title: "the article's date: it gives none for the event" }, day(ev.published)) : "undated"),
        h("td", {}, ev.actor ? actorLink(ev.actor, ev.actor_id) : h("span", { class: "muted" }, "–")),
        h("td", { title: ev.text }, h("b", {}, ev.action)),
        h("td", {}, ev.target ? actorLink(ev.target, ev.target_id) : h("span", { class: "muted" }, "–")),
        h("td", {}, ev.places.join(", ")),
        h("td", {}, codeTag(ev.code)),
        h("td", {}, toldBy(ev)),
        h("td", {}, h("a", { class: "event-doc-link", href: "#/doc/" + encodeURIComponent(ev.document) + qs({ e: ev.event_id }) }, cut(ev.title || ev.source, 60)),
          h("div", { class: "muted snippet" }, ev.outlet || "")))))),
    data.items.length ? null : h("p", { class: "muted" }, "No events match."),
    pager(data.total, data.limit, data.offset, off => go("/events", Object.assign({}, p, { offset: off }))));
}

// ---------------------------------------------------------------- documents

async function docsView(params) {
  setNav("docs");
  const p = Object.assign({ limit: "50", offset: "0" }, params);
  const data = await api("/api/documents" + qs({ q: p.q, limit: p.limit, offset: p.offset }));
  const form = h("form", { class: "filters" }, h("label", {}, "Title, source or id", h("input", { name: "q", type: "search", value: p.q || "" })),
    h("button", { type: "submit" }, "Find"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("/docs", { q: new FormData(form).get("q") }); });
  const parts = [h("h1", {}, "Articles"), form,
    h("table", { id: "documents" }, h("thead", {}, h("tr", {}, h("th", {}, "Title"), h("th", {}, "Outlet"), h("th", {}, "Published"), h("th", { class: "num" }, "Statements"))),
      h("tbody", {}, data.items.map(d => h("tr", {},
        h("td", {}, h("a", { class: "doc-link", href: "#/doc/" + encodeURIComponent(d.id) }, d.title || d.source),
          h("div", { class: "muted snippet" }, d.source)),
        h("td", {}, d.outlet || ""), h("td", { class: "date" }, day(d.published)), h("td", { class: "num" }, d.statements))))),
    pager(data.total, data.limit, data.offset, off => go("/docs", Object.assign({}, p, { offset: off })))];
  if (health && health.writes) parts.push(ingestForm());
  show(parts);
}

function ingestForm() {
  const out = h("p", { class: "muted" });
  const form = h("form", { class: "filters ingest" },
    h("label", { style: "flex: 1 1 100%" }, "Article text", h("textarea", { name: "text", required: true })),
    h("label", {}, "Title", h("input", { name: "title" })),
    h("label", {}, "Published", h("input", { name: "published", placeholder: "YYYY-MM-DD", size: 11 })),
    h("button", { type: "submit" }, "Add article"));
  form.addEventListener("submit", async ev => {
    ev.preventDefault();
    const f = Object.fromEntries(new FormData(form));
    for (const k of Object.keys(f)) if (!f[k]) delete f[k];
    try {
      const r = await api("/api/documents", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(f) });
      if (r.document) go("/doc/" + r.document.id);
      else out.textContent = r.status;
    } catch (e) {
      out.textContent = e.message;
    }
  });
  return h("section", {}, h("h2", {}, "Add an article"), form, out);
}

/// Renders `text` with statements (nested marks, stance colours, speaker on
/// hover), events (overlined, who did what on hover) and entity mentions.
/// Offsets are in Unicode code points.
function highlighted(text, statements, entities, actors, events) {
  const cps = Array.from(text);
  const bounds = new Set([0, cps.length]);
  const stmts = statements.map(st => ({ st, a: Math.max(0, st.start), b: Math.min(cps.length, st.end) })).filter(x => x.b > x.a);
  const evs = (events || []).map(ev => ({ ev, a: Math.max(0, ev.start), b: Math.min(cps.length, ev.end) })).filter(x => x.b > x.a);
  const ments = [];
  for (const e of entities) for (const [a, b] of e.mentions) if (b > a) ments.push({ e, a, b: Math.min(b, cps.length) });
  for (const x of stmts) { bounds.add(x.a); bounds.add(x.b); }
  for (const x of evs) { bounds.add(x.a); bounds.add(x.b); }
  for (const x of ments) { bounds.add(x.a); bounds.add(x.b); }
  const pts = [...bounds].sort((x, y) => x - y);
  const byIndex = new Map(statements.map(st => [st.index, st]));
  const depth = st => { let d = 0, cur = st; while (cur && cur.via !== null && cur.via !== undefined && d < 10) { cur = byIndex.get(cur.via); d += 1; } return d; };
  const root = h("div", { class: "doc-text", id: "doc-text" });
  for (let i = 0; i + 1 < pts.length; i++) {
    const a = pts[i], b = pts[i + 1];
    let node = document.createTextNode(cps.slice(a, b).join(""));
    const ent = ments.find(m => m.a <= a && m.b >= b);
    if (ent) {
      const e = ent.e;
      node = h("span", { class: "ent " + e.etype, title: `${e.name} (${e.etype}${e.role ? ", " + e.role : ""})`, "data-entity": e.index }, node);
    }
    for (const { ev } of evs.filter(x => x.a <= a && x.b >= b)) {
      node = h("span", { class: "evt", "data-event": ev.event_id, title: eventTitle(ev) }, node);
    }
    // Innermost (shortest) statement nearest the text.
    const cover = stmts.filter(x => x.a <= a && x.b >= b).sort((x, y) => (x.b - x.a) - (y.b - y.a));
    for (const { st } of cover) {
      const who = st.speaker_actor && actors[st.speaker_actor] ? actors[st.speaker_actor] : st.speaker;
      const via = st.via !== null && st.via !== undefined && byIndex.get(st.via) ? ` — via #${st.via} ${byIndex.get(st.via).speaker}` : "";
      node = h("mark", {
        class: `stmt ${st.stance} depth-${depth(st)}`, "data-stmt": st.index, "data-speaker": who,
        title: `#${st.index} ${who} — ${st.stance}${st.cue ? " [" + st.cue + "]" : ""}${via}\n${st.content}`,
      }, node);
    }
    root.append(node);
  }
  return root;
}

function eventTitle(ev) {
  const by = ev.alleged_by ? `\n${ALLEGED[ev.alleged_by.stance] || "reported by"} ${ev.alleged_by.speaker} (#${ev.alleged_by.index})` : "";
  return `event: ${ev.actor || "?"} ${ev.action}${ev.target ? " " + ev.target : ""}` +
    `${ev.code ? " [" + ev.code + "]" : ""}${ev.date ? ", " + ev.date : ""}` +
    `${ev.places.length ? ", in " + ev.places.join(", ") : ""}${by}`;
}

async function docView(id, params) {
  setNav("docs");
  let d;
  try {
    d = await api("/api/documents/" + encodeURIComponent(id));
  } catch (e) {
    show(h("h1", {}, "Article"), h("p", { class: "error" }, e.message));
    return;
  }
  const doc = d.document;
  const events = d.events || [];
  const textEl = highlighted(doc.text || "", d.statements, d.entities, d.actors, events);
  const hot = (idx, on) => {
    for (const m of textEl.querySelectorAll(`mark[data-stmt="${idx}"]`)) m.classList.toggle("hot", on);
  };
  const hotEvent = (id, on) => {
    for (const m of textEl.querySelectorAll(`span.evt[data-event="${id}"]`)) m.classList.toggle("hot", on);
  };
  const eventList = h("ul", { class: "side-list", id: "event-list" }, events.map(ev => h("li", {
    "data-event": ev.event_id, onmouseenter: () => hotEvent(ev.event_id, true), onmouseleave: () => hotEvent(ev.event_id, false),
  }, eventLine(ev), " ", codeTag(ev.code),
    h("div", { class: "muted" }, [ev.date, ev.places.join(", ")].filter(Boolean).join(" · ") || "undated",
      ev.alleged_by ? [" · ", toldBy(ev)] : null))));
  const list = h("ol", { class: "side-list", id: "statement-list", start: 0 }, d.statements.map(st => {
    const who = st.speaker_actor && d.actors[st.speaker_actor] ? d.actors[st.speaker_actor] : st.speaker;
    return h("li", {
      class: st.via !== null && st.via !== undefined ? "nested" : "", value: st.index,
      onmouseenter: () => hot(st.index, true), onmouseleave: () => hot(st.index, false),
    }, actorLink(who, st.speaker_actor), " ", badge(st.stance), st.cue ? " " + st.cue : "",
      st.via !== null && st.via !== undefined ? h("span", { class: "muted" }, ` (via #${st.via})`) : null,
      st.claim_id ? h("span", {}, " · ", h("a", { href: "#/claim/" + encodeURIComponent(st.claim_id) }, "claim")) : null,
      h("div", { class: "muted" }, cut(st.content, 160)));
  }));
  show(h("p", {}, h("a", { href: "#/docs" }, "← Articles")),
    h("h1", { id: "doc-title" }, doc.title || doc.source),
    h("p", { class: "muted" }, [doc.outlet, day(doc.published), doc.source, `${d.statements.length} statements, ${d.entities.length} entities, ${events.length} events`].filter(Boolean).join(" · ")),
    h("div", { class: "legend" }, [...legend().childNodes], h("span", {}, h("i", { class: "evt-key" }), "event")),
    h("div", { class: "article" }, textEl, h("aside", {}, h("h2", {}, "Statements"), list,
      h("h2", {}, `Events (${events.length})`), events.length ? eventList : h("p", { class: "muted" }, "None found."))));
  if (params.s) {
    const st = d.statements.find(x => String(x.id) === params.s);
    const m = st && textEl.querySelector(`mark[data-stmt="${st.index}"]`);
    if (m) { m.scrollIntoView({ block: "center" }); hot(st.index, true); }
  } else if (params.e) {
    const m = textEl.querySelector(`span.evt[data-event="${CSS.escape(params.e)}"]`);
    if (m) { m.scrollIntoView({ block: "center" }); hotEvent(params.e, true); }
  }
}

// ---------------------------------------------------------------- search

async function searchView(params) {
  setNav("search");
  const form = h("form", { class: "filters" }, h("label", {}, "Words in statements or speakers",
    h("input", { name: "q", type: "search", value: params.q || "", size: 40 })), h("button", { type: "submit" }, "Search"));
  form.addEventListener("submit", ev => { ev.preventDefault(); go("/search", { q: new FormData(form).get("q") }); });
  if (!params.q) { show(h("h1", {}, "Search"), form); return; }
  const r = await api("/api/search" + qs({ q: params.q, limit: 50 }));
  show(h("h1", {}, "Search"), form,
    h("p", { class: "muted" }, `${r.total}${r.has_more ? "+" : ""} statement(s)`),
    r.items.map(hit => h("div", { class: "stmt-card" }, h("span", { class: "who" }, actorLink(hit.speaker, hit.speaker_actor)), " ", badge(hit.stance),
      h("div", { class: "snippet" }, hit.snippet.split(/(\[[^\]]*\])/).map(part =>
        /^\[.*\]$/.test(part) ? h("b", {}, part.slice(1, -1)) : part)),
      h("div", { class: "meta" }, day(hit.date), " · ", hit.outlet || "unknown outlet", " · ",
        h("a", { href: "#/doc/" + encodeURIComponent(hit.document) + qs({ s: hit.statement_id }) }, cut(hit.title || hit.source, 60)),
        hit.claim_id ? h("span", {}, " · ", h("a", { href: "#/claim/" + encodeURIComponent(hit.claim_id) }, "claim")) : null))));
}

// ---------------------------------------------------------------- boot

async function render() {
  const { parts, params } = route();
  try {
    switch (parts[0]) {
      case "claim": await claimView(parts[1]); break;
      case "actors": await actorsView(params); break;
      case "actor": await actorView(parts[1]); break;
      case "network": await networkView(params); break;
      case "events": await eventsView(params); break;
      case "docs": await docsView(params); break;
      case "doc": await docView(parts[1], params); break;
      case "search": await searchView(params); break;
      default: await ledgerView(params);
    }
    document.title = "claimgraph · " + (document.querySelector("main h1")?.textContent || "");
  } catch (e) {
    show(h("h1", {}, "Error"), h("p", { class: "error" }, e.message));
  }
  view.dataset.ready = location.hash || "#/claims";
}

async function boot() {
  try {
    health = await api("/api/health");
    document.getElementById("token-box").hidden = !(health.protect_reads || health.writes);
    const c = health.counts;
    document.getElementById("counts").textContent = c
      ? `${c.documents} articles · ${c.statements} statements · ${c.claims} claims · ${c.events} events · ${c.actors} sources`
      : "token required";
  } catch (e) {
    document.getElementById("counts").textContent = e.message;
  }
  await render();
}

const tokenInput = document.getElementById("token");
tokenInput.value = token();
tokenInput.addEventListener("change", () => {
  localStorage.setItem("claimgraph-token", tokenInput.value.trim());
  boot();
});
window.addEventListener("hashchange", render);
boot();
