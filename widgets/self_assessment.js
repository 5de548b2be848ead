// Self-assessment view: per skill two radio groups (before / now, 1-5), a next step, and an SVG chart
// of the ratings with a table of the same data. Text is set with textContent / value only.

const SVG = "http://www.w3.org/2000/svg";
const DEBOUNCE_MS = 500;

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function render({ model, el: root }) {
  const uid = `sa-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("div", { class: "backa-ex backa-sa", role: "group", "aria-labelledby": `${uid}-title` });
  root.append(box);
  const view = () => model.get("view") || {};
  const t = (key) => (view().ui || {})[key] || key;
  let state = JSON.parse(JSON.stringify(model.get("answer") || {}));
  state.before = state.before || {};
  state.after = state.after || {};
  state.next_step = state.next_step || "";
  let timer = null;
  let chart, feedback, summary;
  // The next step stays in this browser until the kernel has saved it (dom.js: backaDrafts).
  const drafts = backaDrafts(model, model.get("exercise"), {
    saved: () => (model.get("answer") || {}).next_step || "",
    apply: (fields) => {
      if (typeof fields.next_step !== "string") return;
      state.next_step = fields.next_step;
      draw();
      send();
    },
  });

  function send() {
    clearTimeout(timer);
    timer = null;
    model.set("answer", JSON.parse(JSON.stringify(state)));
    drafts.stamp();
    model.save_changes();
  }

  function drawChart() {
    const v = view();
    const skills = v.skills || [];
    const cols = v.columns || {};
    const max = (v.scale || []).length || 5;
    chart.replaceChildren();
    chart.append(el("h4", { id: `${uid}-chart-h` }, t("chart_title")));
    const W = 620, left = 10, barMax = 520, rowH = 62;
    const H = 34 + skills.length * rowH;
    const s = svg("svg", { width: W, height: H, viewBox: `0 0 ${W} ${H}`, "aria-hidden": "true", focusable: "false" });
    // legend
    s.append(svg("rect", { x: left, y: 6, width: 14, height: 14, fill: "#6b6b6b" }));
    s.append(svg("text", { x: left + 20, y: 18, "font-size": 13, fill: "#1a1a1a" }, cols.before || "before"));
    s.append(svg("rect", { x: left + 180, y: 6, width: 14, height: 14, fill: "#0b5cad" }));
    s.append(svg("text", { x: left + 200, y: 18, "font-size": 13, fill: "#1a1a1a" }, cols.after || "after"));
    skills.forEach((sk, i) => {
      const y = 34 + i * rowH;
      s.append(svg("text", { x: left, y: y + 13, "font-size": 13, fill: "#1a1a1a" }, sk.label));
      [["before", "#6b6b6b", 18], ["after", "#0b5cad", 38]].forEach(([col, colour, dy]) => {
        const val = state[col][sk.id];
        const w = val ? (barMax * val) / max : 0;
        s.append(svg("rect", { x: left, y: y + dy, width: Math.max(w, 1), height: 16, fill: val ? colour : "#d0d0d0",
          class: "bar", "data-skill": sk.id, "data-col": col, "data-value": val || 0 }));
        s.append(svg("text", { x: left + w + 6, y: y + dy + 13, "font-size": 13, fill: "#1a1a1a" }, val ? String(val) : "–"));
      });
    });
    chart.append(s);
    const table = el("table");
    table.append(el("caption", {}, t("table_caption")));
    const head = el("tr");
    head.append(el("th", { scope: "col" }, t("skill")), el("th", { scope: "col" }, cols.before || ""), el("th", { scope: "col" }, cols.after || ""));
    const thead = el("thead");
    thead.append(head);
    const tbody = el("tbody");
    for (const sk of skills) {
      const tr = el("tr");
      tr.append(el("th", { scope: "row" }, sk.label));
      for (const col of ["before", "after"]) tr.append(el("td", {}, state[col][sk.id] ? String(state[col][sk.id]) : t("not_rated")));
      tbody.append(tr);
    }
    table.append(thead, tbody);
    chart.append(table);
  }

  function drawResult() {
    const r = model.get("result") || {};
    feedback.replaceChildren();
    for (const line of r.feedback || []) feedback.append(el("li", {}, line));
    summary.textContent = r.message || "";
  }

  function draw() {
    const v = view();
    const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    box.replaceChildren();
    box.setAttribute("lang", v.lang || "");
    box.append(el("h3", { id: `${uid}-title` }, v.title || ""));
    box.append(el("p", {}, v.instructions || ""));
    const scale = v.scale || [];
    box.append(el("p", { class: "backa-sa-legend" }, scale.map((s) => s.label).join(" · ")));
    const notice = el("div", { class: "backa-ex-notice", role: "alert" }, model.get("notice") || "");
    notice.hidden = !model.get("notice");
    box.append(notice, drafts.offer);
    (v.skills || []).forEach((sk) => {
      const fs = el("fieldset", { class: "backa-sa-skill", "data-skill": sk.id });
      fs.append(el("legend", {}, sk.label));
      const cols = el("div", { class: "backa-sa-cols" });
      for (const col of ["before", "after"]) {
        const group = el("fieldset", { class: "backa-sa-col", "data-col": col });
        group.append(el("legend", {}, (v.columns || {})[col] || col));
        const row = el("div", { class: "backa-sa-scale" });
        for (const s of scale) {
          const id = `${uid}-${sk.id}-${col}-${s.value}`;
          const label = el("label", { for: id });
          const radio = el("input", { type: "radio", id, name: `${uid}-${sk.id}-${col}`, value: String(s.value),
            "aria-label": `${s.label}` });
          radio.checked = state[col][sk.id] === s.value;
          radio.addEventListener("change", () => {
            if (!radio.checked) return;
            state[col][sk.id] = s.value;
            drawChart();
            send();
          });
          label.append(radio, el("span", { "aria-hidden": "true" }, String(s.value)));
          row.append(label);
        }
        group.append(row);
        cols.append(group);
      }
      fs.append(cols);
      box.append(fs);
    });
    const next = el("div", { class: "backa-sa-next" });
    const area = el("textarea", { id: `${uid}-next`, rows: "3" });
    area.value = state.next_step;
    area.addEventListener("input", () => {
      state.next_step = area.value;
      drafts.keep("next_step", area.value);
      clearTimeout(timer);
      timer = setTimeout(send, DEBOUNCE_MS);
    });
    area.addEventListener("blur", () => timer && send());
    next.append(el("label", { for: `${uid}-next` }, v.next_step || ""), area, backaLimit(model, area, v.max_chars || 5000));
    box.append(next);
    const check = el("button", { type: "button", id: `${uid}-check` }, t("check"));
    check.addEventListener("click", () => {
      send();
      model.set("check_count", (model.get("check_count") || 0) + 1);
      model.save_changes();
    });
    feedback = el("ul", { class: "backa-sa-feedback", "aria-live": "polite" });
    summary = el("p", { class: "backa-ex-summary", role: "status", "aria-live": "polite" });
    chart = el("div", { class: "backa-sa-chart" });
    box.append(check, feedback, summary, chart);
    drawChart();
    drawResult();
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  model.on("change:view", draw);
  model.on("change:notice", draw);
  model.on("change:result", drawResult);
  draw();
  drafts.refresh(); // text this browser kept that the kernel never saved (tab closed, kernel died)
  return () => timer && send();
}

export default { render: withGuard(render) };
