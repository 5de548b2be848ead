// Resistance-line view: the line is drawn as inline SVG; the learner places each incident with a
// labelled select and a Place button (keyboard only works); feedback per placement comes from the
// kernel. A stepper then shows how the same resistance moves over the weeks, attended or not.
// All text is set with textContent; no data is ever parsed as HTML. Nothing is fetched.

const SVG = "http://www.w3.org/2000/svg";
// Stage colours, mild → destructive; each has at least 3:1 contrast against white (graphics).
const STAGE_COLOURS = ["#8a6100", "#b05300", "#a33a00", "#8f1d14", "#5c0a0a"];
const VOICED_COLOUR = "#1e6b34";
const STATUS = {
  correct: { shape: "circle", fill: "#1e6b34" },
  close: { shape: "diamond", fill: "#7a4f00" },
  far: { shape: "square", fill: "#a4161a" },
};
const TRACK = {
  unattended: { shape: "square", fill: "#a4161a" },
  attended: { shape: "circle", fill: "#0b5cad" },
};

function svgEl(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function fill(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

function fmt(n) {
  return Number.isInteger(n) ? String(n) : String(Math.round(n * 100) / 100);
}

// One marker: a shape with a short label inside. `hollow` draws an outline (earlier steps).
function marker(x, y, shape, colour, label, hollow, title) {
  const g = svgEl("g", { class: "backa-rl-marker" });
  const style = hollow
    ? { fill: "#ffffff", stroke: colour, "stroke-width": 2.5 }
    : { fill: colour, stroke: "#ffffff", "stroke-width": 1.5 };
  if (shape === "circle") g.append(svgEl("circle", { cx: x, cy: y, r: 11, ...style }));
  else if (shape === "diamond")
    g.append(svgEl("polygon", { points: `${x},${y - 13} ${x + 13},${y} ${x},${y + 13} ${x - 13},${y}`, ...style }));
  else g.append(svgEl("rect", { x: x - 10, y: y - 10, width: 20, height: 20, rx: 2, ...style }));
  g.append(
    svgEl(
      "text",
      { x, y: y + 4, "text-anchor": "middle", "font-size": 12, "font-weight": 700, fill: hollow ? colour : "#ffffff" },
      label,
    ),
  );
  if (title) g.append(svgEl("title", {}, title));
  return g;
}

// Draw the line: rows mild → destructive along a descending diagonal, markers beside each stage.
// rows: [{id, name, voiced?}]; markers: {rowId: [{label, shape, colour, hollow, title}]}.
function drawLine(svg, rows, markers, ui, ids) {
  const DX = 38;
  const DY = 62;
  const PER_LINE = 12;
  const X0 = 70;
  const Y0 = 42;
  // A stage with many markers gets extra room below it, so nothing overlaps.
  const pos = [];
  let y = Y0;
  rows.forEach((row, i) => {
    pos.push([X0 + i * DX, y]);
    const lines = Math.max(1, Math.ceil((markers[row.id] || []).length / PER_LINE));
    y += DY + (lines - 1) * 26;
  });
  const bottom = pos[pos.length - 1][1];
  const lastLines = Math.max(1, Math.ceil((markers[rows[rows.length - 1].id] || []).length / PER_LINE));
  const height = bottom + 44 + lastLines * 26;
  svg.replaceChildren();
  svg.setAttribute("viewBox", `0 0 600 ${height}`);
  svg.append(svgEl("title", { id: ids.title }, ids.titleText), svgEl("desc", { id: ids.desc }, ids.descText));
  // The mild → destructive scale on the left.
  svg.append(
    svgEl("line", { x1: 18, y1: Y0 + 8, x2: 18, y2: bottom + 18, stroke: "#3d3d3d", "stroke-width": 2 }),
    svgEl("polygon", { points: `12,${bottom + 14} 24,${bottom + 14} 18,${bottom + 26}`, fill: "#3d3d3d" }),
    svgEl("text", { x: 4, y: Y0 - 8, "font-size": 13, fill: "#3d3d3d" }, ui.mild),
    svgEl("text", { x: 4, y: bottom + 44, "font-size": 13, fill: "#3d3d3d" }, ui.destructive),
  );
  // The line itself; from "said aloud" to the first stage it is dashed: the no goes underground.
  for (let i = 0; i + 1 < rows.length; i++) {
    const [x1, y1] = pos[i];
    const [x2, y2] = pos[i + 1];
    const attrs = { x1, y1, x2, y2, stroke: "#595959", "stroke-width": 4, "stroke-linecap": "round" };
    if (rows[i].voiced) attrs["stroke-dasharray"] = "6 6";
    svg.append(svgEl("line", attrs));
  }
  let colour = 0;
  rows.forEach((row, i) => {
    const [x, y0] = pos[i];
    const c = row.voiced ? VOICED_COLOUR : STAGE_COLOURS[Math.min(colour++, STAGE_COLOURS.length - 1)];
    svg.append(
      row.voiced
        ? svgEl("circle", { cx: x, cy: y0, r: 9, fill: "#ffffff", stroke: c, "stroke-width": 4 })
        : svgEl("circle", { cx: x, cy: y0, r: 9, fill: c }),
      svgEl("text", { x: x + 18, y: y0 + 5, "font-size": 15, "font-weight": 600, fill: "#1a1a1a" }, row.name),
    );
    (markers[row.id] || []).forEach((m, k) => {
      const col = k % PER_LINE;
      const line = Math.floor(k / PER_LINE);
      svg.append(marker(x + 42 + col * 28, y0 + 30 + line * 26, m.shape, m.colour, m.label, m.hollow, m.title));
    });
  });
}

function legend(items) {
  const ul = el("ul", { class: "backa-rl-legend" });
  for (const [shape, colour, text] of items) {
    const li = el("li");
    const s = document.createElementNS(SVG, "svg");
    s.setAttribute("width", "26");
    s.setAttribute("height", "26");
    s.setAttribute("viewBox", "0 0 26 26");
    s.setAttribute("aria-hidden", "true");
    s.setAttribute("focusable", "false");
    s.append(marker(13, 13, shape, colour, "", false, null));
    li.append(s, el("span", {}, text));
    ul.append(li);
  }
  return ul;
}

function render({ model, el: root }) {
  const uid = `rl-${Math.random().toString(36).slice(2, 8)}`;
  const drafts = {}; // incident id → stage chosen in the select but not yet placed
  const local = {}; // incident id → a local message ("choose a stage first")
  let parts = null;
  root.classList.add("backa-widget", "backa-rl");

  const t = (key) => (model.get("ui") || {})[key] || key;
  const id = (name) => `${uid}-${name}`;

  function save(key, value) {
    model.set(key, value);
    model.save_changes();
  }

  function placeIncident(inc, select) {
    const stage = select.value;
    if (!stage) {
      local[inc.id] = t("choose_first");
      update();
      return;
    }
    delete local[inc.id];
    delete drafts[inc.id];
    save("placements", Object.assign({}, model.get("placements") || {}, { [inc.id]: stage }));
  }

  // -- structure (rebuilt when the language changes) -------------------------------------------
  function build() {
    const focused = document.activeElement && root.contains(document.activeElement) ? document.activeElement.id : null;
    const view = model.get("view") || {};
    root.replaceChildren();
    const box = el("div", { class: "backa-ex", role: "group", "aria-labelledby": id("title") });
    root.append(box);
    box.append(el("h3", { id: id("title") }, view.title || ""));
    box.append(el("p", {}, view.instructions || ""));
    const notice = el("div", { class: "backa-ex-notice", role: "alert" });
    box.append(notice);

    // Part 1: the line with the learner's placements, and its text alternative.
    const fig = el("figure", { class: "backa-rl-figure" });
    const svg = svgEl("svg", {
      class: "backa-rl-svg",
      role: "img",
      "aria-labelledby": `${id("svg-title")} ${id("svg-desc")}`,
      width: "100%",
    });
    fig.append(
      svg,
      legend([
        ["circle", STATUS.correct.fill, t("legend_correct")],
        ["diamond", STATUS.close.fill, t("legend_close")],
        ["square", STATUS.far.fill, t("legend_far")],
      ]),
    );
    box.append(fig);
    box.append(el("h4", { id: id("list-h") }, t("as_list")));
    const stageList = el("ol", { class: "backa-rl-stages", "aria-labelledby": id("list-h") });
    box.append(stageList);

    // The incidents, each with a labelled select and a Place button.
    const list = el("ol", { class: "backa-rl-incidents" });
    const rows = {};
    (view.incidents || []).forEach((inc, i) => {
      const n = i + 1;
      const li = el("li", { class: "backa-rl-incident", "data-incident": inc.id });
      const text = el("p", { id: id(`text-${inc.id}`), class: "backa-rl-text" });
      text.append(el("strong", {}, `${fill(t("incident"), { n })}. `), document.createTextNode(inc.text));
      const controls = el("div", { class: "backa-rl-controls" });
      const selId = id(`sel-${inc.id}`);
      const label = el("label", { for: selId }, fill(t("stage_for"), { n }));
      const select = el("select", { id: selId, "aria-describedby": id(`text-${inc.id}`) });
      select.append(el("option", { value: "" }, t("choose")));
      for (const st of view.stages || []) select.append(el("option", { value: st.id }, st.name));
      select.addEventListener("change", () => {
        drafts[inc.id] = select.value;
      });
      const button = el("button", { type: "button", id: id(`place-${inc.id}`), "aria-describedby": id(`res-${inc.id}`) }, t("place"));
      button.addEventListener("click", () => placeIncident(inc, select));
      controls.append(label, select, button);
      const res = el("div", { id: id(`res-${inc.id}`), class: "backa-ex-result backa-rl-result", "aria-live": "polite" });
      li.append(text, controls, res);
      list.append(li);
      rows[inc.id] = { select, res, li };
    });
    box.append(list);
    const summary = el("p", { class: "backa-ex-summary backa-rl-summary", role: "status", "aria-live": "polite" });
    const reset = el("button", { type: "button", class: "secondary", id: id("reset") }, t("start_again"));
    // Two presses: the first asks for confirmation, so one stray key press cannot wipe the work.
    reset.addEventListener("blur", () => {
      reset.dataset.armed = "";
      reset.textContent = t("start_again");
    });
    reset.addEventListener("click", () => {
      if (!Object.keys(model.get("placements") || {}).length) return;
      if (!reset.dataset.armed) {
        reset.dataset.armed = "1";
        reset.textContent = t("confirm_reset");
        summary.textContent = t("confirm_reset");
        return;
      }
      reset.dataset.armed = "";
      reset.textContent = t("start_again");
      for (const k of Object.keys(drafts)) delete drafts[k];
      for (const k of Object.keys(local)) delete local[k];
      for (const r of Object.values(rows)) r.select.value = "";
      parts.cleared = true;
      save("placements", {});
    });
    box.append(summary, reset);

    // Part 2: the escalation stepper, drawn on the same line.
    const esc = view.escalation || {};
    let escParts = null;
    if (esc.total) {
      const sec = el("div", { class: "backa-rl-escalation", role: "group", "aria-labelledby": id("esc-h") });
      sec.append(el("h3", { id: id("esc-h") }, esc.title || ""), el("p", {}, esc.intro || ""));
      const escSvg = svgEl("svg", {
        class: "backa-rl-svg",
        role: "img",
        "aria-labelledby": `${id("esc-svg-title")} ${id("esc-svg-desc")}`,
        width: "100%",
      });
      const escFig = el("figure", { class: "backa-rl-figure" });
      escFig.append(
        escSvg,
        legend([
          ["square", TRACK.unattended.fill, t("legend_unattended")],
          ["circle", TRACK.attended.fill, t("legend_attended")],
        ]),
      );
      const nav = el("div", { class: "backa-rl-nav" });
      const first = el("button", { type: "button", class: "secondary", id: id("first") }, t("first_step"));
      const prev = el("button", { type: "button", class: "secondary", id: id("prev") }, t("prev_step"));
      const next = el("button", { type: "button", id: id("next") }, t("next_step"));
      const where = el("p", { class: "backa-rl-where", role: "status", "aria-live": "polite" });
      const go = (delta, absolute = null) => {
        const total = (model.get("escalation") || {}).total || 0;
        const cur = model.get("step") || 0;
        const target = absolute !== null ? absolute : cur + delta;
        if (target < 0 || target >= total || target === cur) {
          if (target >= total) where.textContent = `${where.dataset.base || ""} ${t("last_step")}`;
          return;
        }
        save("step", target);
      };
      first.addEventListener("click", () => go(0, 0));
      prev.addEventListener("click", () => go(-1));
      next.addEventListener("click", () => go(1));
      nav.append(prev, next, first);
      const tracks = el("div", { class: "backa-rl-tracks" });
      const boxes = {};
      for (const kind of ["unattended", "attended"]) {
        const b = el("div", { class: `backa-rl-track backa-rl-${kind}` });
        const h = el("h4", {}, t(kind));
        const stage = el("p", { class: "backa-rl-track-stage" });
        const txt = el("p", {});
        b.append(h, stage, txt);
        tracks.append(b);
        boxes[kind] = { stage, txt };
      }
      const table = el("table", { class: "backa-rl-table" });
      table.append(el("caption", {}, t("as_table")));
      const head = el("tr");
      head.append(el("th", { scope: "col" }, t("when")), el("th", { scope: "col" }, t("unattended")), el("th", { scope: "col" }, t("attended")));
      const thead = el("thead");
      thead.append(head);
      const tbody = el("tbody");
      table.append(thead, tbody);
      sec.append(escFig, nav, where, tracks, table);
      box.append(sec);
      escParts = { svg: escSvg, where, boxes, tbody, next, prev, first };
    }
    parts = { notice, svg, stageList, rows, summary, esc: escParts, cleared: false };
    update();
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  // -- state (updated in place, so focus and unplaced choices survive) ------------------------
  function update() {
    if (!parts) return;
    const view = model.get("view") || {};
    const result = model.get("result") || {};
    const placed = result.incidents || {};
    const stages = view.stages || [];
    const stageName = Object.fromEntries(stages.map((s) => [s.id, s.name]));
    const number = Object.fromEntries((view.incidents || []).map((inc, i) => [inc.id, i + 1]));
    const notice = model.get("notice") || "";
    parts.notice.textContent = notice;
    parts.notice.hidden = !notice;

    // Markers and the list alternative.
    const markers = {};
    for (const [iid, r] of Object.entries(placed)) {
      const st = STATUS[r.status] || STATUS.far;
      (markers[r.stage] = markers[r.stage] || []).push({
        n: number[iid],
        status: r.status,
        label: String(number[iid]),
        shape: st.shape,
        colour: st.fill,
        hollow: false,
        title: `${fill(t("incident"), { n: number[iid] })}: ${t(`status_${r.status}`)}`,
      });
    }
    for (const list of Object.values(markers)) list.sort((a, b) => a.n - b.n);
    drawLine(parts.svg, stages, markers, { mild: t("mild"), destructive: t("destructive") }, {
      title: id("svg-title"),
      desc: id("svg-desc"),
      titleText: t("line_title"),
      descText: t("line_desc"),
    });
    parts.stageList.replaceChildren();
    for (const st of stages) {
      const li = el("li");
      li.append(el("strong", {}, st.name), document.createTextNode(`: ${st.description} `));
      const here = (markers[st.id] || []).map((m) => `${fill(t("incident"), { n: m.n })} (${t(`status_${m.status}`)})`);
      li.append(el("em", {}, `— ${here.length ? here.join(", ") : t("none_here")}`));
      parts.stageList.append(li);
    }

    // Per-incident feedback.
    for (const [iid, row] of Object.entries(parts.rows)) {
      const r = placed[iid];
      row.res.replaceChildren();
      row.res.className = "backa-ex-result backa-rl-result";
      row.li.dataset.status = r ? r.status : "";
      if (!drafts[iid]) row.select.value = r ? r.stage : "";
      if (local[iid]) {
        row.res.append(el("p", { class: "backa-rl-local" }, local[iid]));
      } else if (r) {
        row.res.classList.add(r.status === "correct" ? "correct" : r.status === "close" ? "close" : "wrong");
        const head = el("p", {});
        head.append(el("strong", {}, r.label));
        if (r.status !== "correct") head.append(document.createTextNode(` ${fill(t("placed_on"), { stage: stageName[r.stage] || r.stage })}`));
        row.res.append(head);
        if (r.hint) row.res.append(el("p", {}, r.hint));
        row.res.append(el("p", {}, r.explanation));
      }
    }
    if (result.total !== undefined) {
      let text = fill(t("summary"), { placed: result.placed, total: result.total, points: fmt(result.points), max: fmt(result.max) });
      if (result.complete) text += ` ${t("all_placed")}`;
      if (parts.cleared && !result.placed) {
        text = `${t("cleared")} ${text}`;
        parts.cleared = false;
      }
      parts.summary.textContent = text;
    }

    // Escalation.
    const e = parts.esc;
    const escal = model.get("escalation") || {};
    if (e && escal.total) {
      const esc = view.escalation || {};
      const rows = [{ id: "voiced", name: (esc.voiced || {}).name || "", voiced: true }, ...stages];
      const steps = escal.steps || [];
      const cur = steps.length - 1;
      const emarkers = {};
      steps.forEach((s, j) => {
        for (const kind of ["unattended", "attended"]) {
          const stg = s[kind].stage;
          (emarkers[stg] = emarkers[stg] || []).push({
            label: String(j + 1),
            shape: TRACK[kind].shape,
            colour: TRACK[kind].fill,
            hollow: j !== cur,
            title: `${s.label}: ${t(kind)}`,
          });
        }
      });
      drawLine(e.svg, rows, emarkers, { mild: t("mild"), destructive: t("destructive") }, {
        title: id("esc-svg-title"),
        desc: id("esc-svg-desc"),
        titleText: t("esc_title"),
        descText: t("esc_desc"),
      });
      const now = steps[cur];
      const base = fill(t("step_of"), { k: cur + 1, n: escal.total, label: now ? now.label : "" });
      e.where.dataset.base = base;
      e.where.textContent = cur === escal.total - 1 ? `${base} ${t("last_step")}` : base;
      for (const kind of ["unattended", "attended"]) {
        e.boxes[kind].stage.textContent = now ? now[kind].stage_name : "";
        e.boxes[kind].txt.textContent = now ? now[kind].text : "";
      }
      e.prev.setAttribute("aria-disabled", String(cur <= 0));
      e.first.setAttribute("aria-disabled", String(cur <= 0));
      e.next.setAttribute("aria-disabled", String(cur >= escal.total - 1));
      e.tbody.replaceChildren();
      steps.forEach((s) => {
        const tr = el("tr");
        tr.append(el("th", { scope: "row" }, s.label));
        for (const kind of ["unattended", "attended"]) tr.append(el("td", {}, `${s[kind].stage_name}: ${s[kind].text}`));
        e.tbody.append(tr);
      });
    }
  }

  for (const key of ["view", "ui"]) model.on(`change:${key}`, build);
  for (const key of ["result", "notice", "escalation", "placements"]) model.on(`change:${key}`, update);
  build();
}

export default { render: withGuard(render) };
