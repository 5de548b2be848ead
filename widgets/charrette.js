// Charrette simulation view: scene, moves (native buttons), a live SVG chart with a table alternative,
// and at an ending the debrief and "Play again". The kernel runs the engine; this file only draws and
// sends {type: "move"|"replay"} commands. All text is set with textContent.

const SVGNS = "http://www.w3.org/2000/svg";
const SERIES = [
  // colour, dash pattern and marker shape: the lines differ by more than colour
  { color: "#0b5cad", dash: "", marker: "circle" },
  { color: "#a4161a", dash: "7 4", marker: "square" },
  { color: "#1e6b34", dash: "2 3", marker: "triangle" },
  { color: "#5a2d82", dash: "10 3 2 3", marker: "diamond" },
];

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function fill(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (_, k) => (k in values ? String(values[k]) : `{${k}}`));
}

function marker(shape, x, y, color) {
  const r = 4;
  if (shape === "circle") return svg("circle", { cx: x, cy: y, r, fill: color });
  if (shape === "square") return svg("rect", { x: x - r, y: y - r, width: 2 * r, height: 2 * r, fill: color });
  if (shape === "triangle") {
    return svg("polygon", { points: `${x},${y - r - 1} ${x + r + 1},${y + r} ${x - r - 1},${y + r}`, fill: color });
  }
  return svg("polygon", { points: `${x},${y - r - 1} ${x + r + 1},${y} ${x},${y + r + 1} ${x - r - 1},${y}`, fill: color });
}

function wrap(text, width) {
  const lines = [];
  let line = "";
  for (const word of String(text).split(/\s+/)) {
    if (line && (line + " " + word).length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines;
}

function render({ model, el: root }) {
  const uid = `chr-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget", "backa-charrette");
  const box = el("div", { class: "backa-ex", role: "group", "aria-labelledby": `${uid}-title` });
  root.append(box);
  let focusNext = null; // what to focus after the kernel answers a command
  let tableOpen = false;

  const t = (key) => (model.get("ui") || {})[key] || key;
  const rlLabel = (view) => (view.line || {}).label || "";

  function send(cmd) {
    const seq = ((model.get("command") || {}).seq || 0) + 1;
    model.set("command", Object.assign({ seq }, cmd));
    model.save_changes();
  }

  function values(view, state) {
    return (view.variables || []).map((v) => `${v.label} ${state[v.id]} ${t("of")} ${v.max}`).join(", ");
  }

  function stageLabel(view, state) {
    const line = view.line || {};
    const stages = line.stages || [];
    const idx = state[line.variable];
    return stages[idx] !== undefined ? stages[idx] : "";
  }

  function drawLines(view, history) {
    const W = 560, H = 230, L = 40, R = 16, T = 14, B = 34;
    const vars = view.variables || [];
    const top = Math.max(10, ...vars.map((v) => v.max));
    const bottom = Math.min(0, ...vars.map((v) => v.min));
    const span = Math.max(5, history.length - 1);
    const x = (i) => L + ((W - L - R) * i) / span;
    const y = (v) => T + ((H - T - B) * (top - v)) / (top - bottom || 1);
    const last = history[history.length - 1] || { turn: 0, state: {} };
    const turnName = last.turn ? fill(t("turn"), { n: last.turn }) : t("start");
    const summary = fill(t("chart_summary"), {
      turn: turnName, values: values(view, last.state), stage: stageLabel(view, last.state),
    });
    const chart = svg("svg", {
      viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${uid}-chart-sum`, class: "chr-lines",
    });
    chart.append(svg("title", { id: `${uid}-chart-sum` }, summary));
    for (let v = bottom; v <= top; v += 2) {
      chart.append(svg("line", { x1: L, x2: W - R, y1: y(v), y2: y(v), class: "chr-grid" }));
      chart.append(svg("text", { x: L - 8, y: y(v) + 4, "text-anchor": "end", class: "chr-tick" }, String(v)));
    }
    for (let i = 0; i <= span; i++) {
      chart.append(svg("text", { x: x(i), y: H - B + 16, "text-anchor": "middle", class: "chr-tick" }, String(i)));
    }
    chart.append(svg("text", { x: (L + W - R) / 2, y: H - 4, "text-anchor": "middle", class: "chr-axis" }, t("turns_axis")));
    vars.forEach((v, k) => {
      const s = SERIES[k % SERIES.length];
      const pts = history.map((h, i) => `${x(i)},${y(h.state[v.id])}`).join(" ");
      chart.append(svg("polyline", {
        points: pts, fill: "none", stroke: s.color, "stroke-width": 2.5, "stroke-dasharray": s.dash,
        "data-var": v.id,
      }));
      history.forEach((h, i) => chart.append(marker(s.marker, x(i), y(h.state[v.id]), s.color)));
    });
    return { chart, summary };
  }

  function drawResistance(view, history) {
    const line = view.line || {};
    const stages = line.stages || [];
    if (!line.variable || !stages.length) return null;
    const W = 560, H = 118, L = 52, R = 52;
    const step = (W - L - R) / Math.max(1, stages.length - 1);
    const x = (i) => L + step * i;
    const lastState = (history[history.length - 1] || { state: {} }).state;
    const now = lastState[line.variable];
    const pic = svg("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-labelledby": `${uid}-rl-title`, class: "chr-rline" });
    pic.append(svg("title", { id: `${uid}-rl-title` }, `${view.line.label || ""} ${stages[now] || ""}`.trim()));
    pic.append(svg("line", { x1: L, x2: W - R, y1: 30, y2: 30, class: "chr-rl-axis" }));
    pic.append(svg("polygon", { points: `${W - R + 10},30 ${W - R},25 ${W - R},35`, class: "chr-rl-arrow" }));
    stages.forEach((label, i) => {
      pic.append(svg("line", { x1: x(i), x2: x(i), y1: 24, y2: 36, class: "chr-rl-tick" }));
      const text = svg("text", { x: x(i), y: 52, "text-anchor": "middle", class: i === now ? "chr-rl-label now" : "chr-rl-label" });
      wrap(label, 12).forEach((part, j) => text.append(svg("tspan", { x: x(i), dy: j ? 15 : 0 }, part)));
      pic.append(text);
    });
    // the path so far: small dots of earlier positions, a large marker where the group is now
    history.slice(0, -1).forEach((h, i) => {
      pic.append(svg("circle", { cx: x(h.state[line.variable]), cy: 30, r: 3 + (i === history.length - 2 ? 1 : 0), class: "chr-rl-trail" }));
    });
    if (now !== undefined) {
      pic.append(svg("polygon", { points: `${x(now)},22 ${x(now) - 9},6 ${x(now) + 9},6`, class: "chr-rl-now" }));
      pic.append(svg("circle", { cx: x(now), cy: 30, r: 7, class: "chr-rl-now" }));
    }
    return pic;
  }

  function drawTable(view, history) {
    const details = el("details", { class: "chr-table" });
    details.open = tableOpen;
    details.addEventListener("toggle", () => { tableOpen = details.open; });
    details.append(el("summary", {}, t("table")));
    const table = el("table");
    table.append(el("caption", { class: "visually-hidden" }, t("chart")));
    const head = el("tr");
    head.append(el("th", { scope: "col" }, t("col_turn")), el("th", { scope: "col" }, t("col_move")));
    for (const v of view.variables || []) head.append(el("th", { scope: "col" }, v.label));
    if ((view.line || {}).variable) head.append(el("th", { scope: "col" }, rlLabel(view)));
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    for (const h of history) {
      const row = el("tr");
      row.append(el("th", { scope: "row" }, h.turn ? String(h.turn) : t("start")), el("td", {}, h.move || "–"));
      for (const v of view.variables || []) row.append(el("td", {}, String(h.state[v.id])));
      if ((view.line || {}).variable) row.append(el("td", {}, stageLabel(view, h.state)));
      tbody.append(row);
    }
    table.append(thead, tbody);
    details.append(table);
    return details;
  }

  function drawChart(view, sim) {
    const section = el("section", { class: "chr-chart", "aria-labelledby": `${uid}-chart-h` });
    section.append(el("h4", { id: `${uid}-chart-h` }, t("chart")));
    const history = sim.history || [];
    const { chart } = drawLines(view, history);
    const legend = el("ul", { class: "chr-legend" });
    (view.variables || []).forEach((v, k) => {
      const s = SERIES[k % SERIES.length];
      const item = el("li");
      const key = svg("svg", { width: 34, height: 12, "aria-hidden": "true", focusable: "false" });
      key.append(svg("line", { x1: 1, x2: 33, y1: 6, y2: 6, stroke: s.color, "stroke-width": 2.5, "stroke-dasharray": s.dash }));
      key.append(marker(s.marker, 17, 6, s.color));
      const last = history.length ? history[history.length - 1].state[v.id] : "";
      item.append(key, document.createTextNode(` ${v.label}: ${last}`));
      legend.append(item);
    });
    section.append(legend, chart);
    const line = view.line || {};
    if (line.variable) {
      const rl = drawResistance(view, history);
      const last = history.length ? history[history.length - 1].state : {};
      section.append(el("h5", { class: "chr-rl-h" }, `${rlLabel(view)}: ${stageLabel(view, last)}`));
      section.append(el("p", { class: "chr-help" }, t("resistance_help")));
      if (rl) section.append(rl);
    }
    section.append(drawTable(view, history));
    return section;
  }

  function drawScene(view, sim) {
    const section = el("section", { class: "chr-scene", "aria-labelledby": `${uid}-scene-h` });
    const node = sim.node || {};
    const turnName = fill(t("turn"), { n: (sim.turn || 0) + 1 });
    section.append(el("h4", { id: `${uid}-scene-h`, tabindex: "-1", class: "chr-focus" }, `${turnName}: ${node.title || ""}`));
    section.append(el("p", { class: "chr-narration" }, node.narration || ""));
    const group = el("div", { role: "group", "aria-labelledby": `${uid}-choose` });
    group.append(el("p", { id: `${uid}-choose`, class: "chr-choose" }, t("choose")));
    const list = el("ul", { class: "chr-moves" });
    for (const m of sim.moves || []) {
      const li = el("li");
      const b = el("button", { type: "button", class: "chr-move", "data-move": m.id }, m.label);
      b.addEventListener("click", () => {
        focusNext = "scene";
        list.querySelectorAll("button").forEach((x) => { x.disabled = true; });
        send({ type: "move", move: m.id });
      });
      li.append(b);
      list.append(li);
    }
    group.append(list);
    section.append(group);
    return section;
  }

  function drawEnding(view, sim) {
    const e = sim.ending || {};
    const section = el("section", { class: "chr-ending", "aria-labelledby": `${uid}-end-h` });
    section.append(el("h4", { id: `${uid}-end-h`, tabindex: "-1", class: "chr-focus" }, `${t("ending")}: ${e.title || ""}`));
    section.append(el("p", { class: "chr-narration" }, e.text || ""));
    section.append(el("h5", {}, t("debrief")));
    section.append(el("p", { class: "chr-debrief" }, e.debrief || ""));
    const s = e.score || {};
    section.append(el("p", { class: "chr-score" }, fill(t("score"), {
      in_order: s.in_order, steps: s.steps, out: s.out_of_order, points: s.points, max: view.max_points,
    })));
    section.append(el("h5", {}, t("your_moves")));
    const list = el("ol", { class: "chr-debrief-moves" });
    for (const m of e.moves || []) {
      const li = el("li", { class: m.helps ? "helped" : "hurt" });
      const verdict = el("strong", {}, `${m.helps ? "✓ " + t("helped") : "✗ " + t("hurt")}: `);
      li.append(verdict, document.createTextNode(m.move));
      if (m.step) {
        const tag = el("span", { class: `chr-step ${m.order || ""}` },
          ` (${t("step")}: ${m.step}${m.order ? ", " + t(m.order) : ""})`);
        li.append(tag);
      }
      li.append(el("p", { class: "chr-why" }, m.why));
      list.append(li);
    }
    section.append(list);
    const again = el("button", { type: "button", class: "chr-again" }, t("play_again"));
    again.addEventListener("click", () => {
      focusNext = "scene";
      again.disabled = true;
      send({ type: "replay" });
    });
    section.append(again);
    return section;
  }

  function drawRuns(view, sim) {
    const runs = sim.runs || {};
    const section = el("section", { class: "chr-runs", "aria-labelledby": `${uid}-runs-h` });
    section.append(el("h4", { id: `${uid}-runs-h` }, t("history")));
    const items = runs.items || [];
    if (!items.length) {
      section.append(el("p", {}, t("no_runs")));
      return section;
    }
    const list = el("ol");
    items.forEach((r, i) => list.append(el("li", {}, fill(t("run"), { n: i + 1, title: r.title, points: r.points, max: view.max_points }))));
    section.append(list, el("p", { class: "chr-best" }, fill(t("best"), { points: runs.best, max: view.max_points })));
    return section;
  }

  // Outside the redrawn box, so screen readers notice its changes.
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  root.append(live);

  function draw() {
    const view = model.get("view") || {};
    const sim = model.get("sim") || {};
    // Redrawing replaces the nodes: remember what had focus so it can be given back.
    const had = box.contains(document.activeElement) ? document.activeElement : null;
    let keep = null;
    if (had && had.matches(".chr-focus")) keep = ".chr-focus";
    else if (had && had.dataset && had.dataset.move) keep = `button[data-move="${CSS.escape(had.dataset.move)}"]`;
    else if (had && had.matches(".chr-again, .chr-table summary")) keep = had.matches(".chr-again") ? ".chr-again" : ".chr-table summary";
    box.replaceChildren();
    box.append(el("h3", { id: `${uid}-title` }, view.title || ""));
    box.append(el("p", { class: "chr-instructions" }, view.instructions || ""));
    const notice = el("div", { class: "backa-ex-notice", role: "alert" }, model.get("notice") || "");
    notice.hidden = !model.get("notice");
    box.append(notice);
    if (sim.broken) return;
    const layout = el("div", { class: "chr-layout" });
    const main = sim.ending ? drawEnding(view, sim) : drawScene(view, sim);
    layout.append(main, drawChart(view, sim));
    box.append(layout, drawRuns(view, sim));
    const history = sim.history || [];
    const last = history[history.length - 1];
    if (focusNext && last) {
      const said = last.move ? `${t("you_chose")}: ${last.move}. ` : "";
      live.textContent = said + values(view, last.state) + ". " + `${rlLabel(view)}: ${stageLabel(view, last.state)}.`;
    }
    if (focusNext) {
      const target = box.querySelector(".chr-focus");
      if (target) target.focus();
      focusNext = null;
    } else if (keep) {
      const again = box.querySelector(keep) || box.querySelector(".chr-focus");
      if (again) again.focus();
    }
  }

  for (const key of ["view", "ui", "sim", "notice", "handled"]) model.on(`change:${key}`, draw);
  draw();
}

export default { render: withGuard(render) };
