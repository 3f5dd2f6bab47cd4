// A small force-directed layout (Fruchterman–Reingold with cooling) and an
// SVG renderer for the source–claim network. No dependencies.

const SVGNS = "http://www.w3.org/2000/svg";

function el(tag, attrs, ...kids) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const k of kids) e.append(k instanceof Node ? k : String(k));
  return e;
}

// Deterministic pseudo-random numbers, so a graph is drawn the same way twice.
function rng(seed) {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    return x / 4294967296;
  };
}

export function layout(nodes, edges, W, H, iterations = 300) {
  const n = nodes.length;
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  const rand = rng(n * 7919 + edges.length);
  const px = new Float64Array(n), py = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    // Claims start near the centre, sources on a ring around them.
    const r = nodes[i].kind === "claim" ? 0.25 : 0.45;
    const a = rand() * Math.PI * 2;
    px[i] = W / 2 + Math.cos(a) * r * W * rand();
    py[i] = H / 2 + Math.sin(a) * r * H * rand();
  }
  const links = [];
  for (const e of edges) {
    const a = idx.get(e.source), b = idx.get(e.target);
    if (a !== undefined && b !== undefined && a !== b) links.push([a, b]);
  }
  const k = Math.sqrt((W * H) / Math.max(n, 1)) * 0.5;
  // Gravity towards the centre balances the repulsion of n nodes at about
  // a third of the frame, so disconnected pairs stay near the rest.
  const gravity = 1.0;
  let temp = W / 10;
  const dx = new Float64Array(n), dy = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    dx.fill(0); dy.fill(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let x = px[i] - px[j], y = py[i] - py[j];
        let d2 = x * x + y * y;
        if (d2 < 0.01) { x = rand() - 0.5; y = rand() - 0.5; d2 = 0.01; }
        const f = (k * k) / d2;
        dx[i] += x * f; dy[i] += y * f; dx[j] -= x * f; dy[j] -= y * f;
      }
    }
    for (const [a, b] of links) {
      const x = px[a] - px[b], y = py[a] - py[b];
      const d = Math.sqrt(x * x + y * y) || 0.01;
      const f = d / k;
      dx[a] -= x * f; dy[a] -= y * f; dx[b] += x * f; dy[b] += y * f;
    }
    for (let i = 0; i < n; i++) {
      dx[i] += (W / 2 - px[i]) * gravity;
      dy[i] += (H / 2 - py[i]) * gravity;
      const d = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]) || 1;
      const step = Math.min(d, temp);
      px[i] += (dx[i] / d) * step;
      py[i] += (dy[i] / d) * step;
    }
    temp = Math.max(temp * 0.985, 0.5);
  }
  // Fit the drawing to the frame, leaving room for labels on the right.
  let x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
  for (let i = 0; i < n; i++) {
    x0 = Math.min(x0, px[i]); x1 = Math.max(x1, px[i]);
    y0 = Math.min(y0, py[i]); y1 = Math.max(y1, py[i]);
  }
  const mx = 30, mr = 170, my = 24;
  const sx = (W - mx - mr) / Math.max(x1 - x0, 1), sy = (H - 2 * my) / Math.max(y1 - y0, 1);
  for (let i = 0; i < n; i++) {
    px[i] = n > 1 ? mx + (px[i] - x0) * sx : W / 2;
    py[i] = n > 1 ? my + (py[i] - y0) * sy : H / 2;
  }
  return nodes.map((_, i) => [px[i], py[i]]);
}

export function drawGraph(svg, nodes, edges, pos, onClick) {
  const idx = new Map(nodes.map((d, i) => [d.id, i]));
  const g = el("g", {});
  const maxCount = Math.max(1, ...edges.map(e => e.count));
  for (const e of edges) {
    const a = idx.get(e.source), b = idx.get(e.target);
    if (a === undefined || b === undefined) continue;
    g.append(el("line", {
      class: "edge " + e.stance, x1: pos[a][0], y1: pos[a][1], x2: pos[b][0], y2: pos[b][1],
      stroke: `var(--${e.stance}, #999)`, "stroke-width": 1 + (2.5 * e.count) / maxCount,
    }, el("title", {}, `${nodes[a].label} — ${e.stance} (${e.count}) — ${nodes[b].label}`)));
  }
  const maxW = Math.max(1, ...nodes.map(d => d.weight));
  nodes.forEach((d, i) => {
    const [x, y] = pos[i];
    const r = 4 + 8 * Math.sqrt(d.weight / maxW);
    const shape = d.kind === "claim"
      ? el("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, rx: 2, fill: "#cfd6dd", stroke: "#7b8794" })
      : el("circle", { cx: x, cy: y, r, fill: "#5c6bc0", stroke: "#3949ab" });
    const label = d.label.length > 32 ? d.label.slice(0, 31) + "…" : d.label;
    const node = el("g", { class: "node " + d.kind, "data-id": d.id, tabindex: 0 }, shape,
      el("text", { x: x + r + 3, y: y + 3 }, label), el("title", {}, d.label));
    node.addEventListener("click", () => onClick(d));
    node.addEventListener("keydown", ev => { if (ev.key === "Enter") onClick(d); });
    g.append(node);
  });
  svg.replaceChildren(g);
}
