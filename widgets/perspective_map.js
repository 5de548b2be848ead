// Perspective-map view: (1) name perspectives, (2) link each voice to one or more of them with
// labelled checkboxes, (3) name missing perspectives. The map is drawn as an inline SVG bipartite
// graph (voices left, perspectives right, missing ones dashed) with the same content as a text list.
// Everything is native form controls, so it works by keyboard alone. Learner text is only ever set
// with textContent / value. Answer keys stay in the kernel; "result" arrives after "Check".

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attrs = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== null) node.textContent = text;
  return node;
}

function clip(text, max) {
  return text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text;
}

function fill(template, values) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
}

function render({ model, el: root }) {
  const uid = `pmap-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget", "backa-pmap");
  const t = (key) => (model.get("ui") || {})[key] || key;
  const view = () => model.get("view") || {};
  const answer = () => {
    const a = model.get("answer") || {};
    return {
      perspectives: Array.isArray(a.perspectives) ? a.perspectives : [],
      links: a.links && typeof a.links === "object" ? a.links : {},
      missing: Array.isArray(a.missing) ? a.missing : [],
    };
  };
  const byId = (id) => root.querySelector(`#${CSS.escape(id)}`);

  // ---- skeleton (built once; texts refreshed on language change) -------------------------
  const box = el("div", { class: "backa-ex", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title` });
  const instructions = el("p", { class: "backa-pmap-instructions" });
  const notice = el("div", { class: "backa-ex-notice", role: "alert" });
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });

  function adder(kind) {
    const section = el("section", { class: `backa-pmap-step backa-pmap-${kind}`, "aria-labelledby": `${uid}-${kind}-h` });
    const h = el("h4", { id: `${uid}-${kind}-h` });
    const help = el("p", { id: `${uid}-${kind}-help`, class: "backa-pmap-help" });
    const row = el("div", { class: "backa-pmap-addrow" });
    const label = el("label", { for: `${uid}-${kind}-input` });
    const input = el("input", {
      type: "text",
      id: `${uid}-${kind}-input`,
      autocomplete: "off",
      "aria-describedby": `${uid}-${kind}-help ${uid}-${kind}-err`,
    });
    const button = el("button", { type: "button", id: `${uid}-${kind}-add` });
    const err = el("p", { id: `${uid}-${kind}-err`, class: "backa-pmap-error", "aria-live": "assertive" });
    const list = el("ul", { class: "backa-pmap-list", "aria-labelledby": `${uid}-${kind}-h` });
    const empty = el("p", { class: "backa-pmap-empty" });
    row.append(label, input, button);
    section.append(h, help, row, err, list, empty);
    return { section, h, help, label, input, button, err, list, empty };
  }

  const step1 = adder("persp");
  const step2 = el("section", { class: "backa-pmap-step", "aria-labelledby": `${uid}-voices-h` });
  const step2h = el("h4", { id: `${uid}-voices-h` });
  const step2help = el("p", { class: "backa-pmap-help" });
  const voiceBox = el("div", { class: "backa-pmap-voices" });
  step2.append(step2h, step2help, voiceBox);
  const step3 = adder("miss");

  const mapSection = el("section", { class: "backa-pmap-step backa-pmap-map", "aria-labelledby": `${uid}-map-h` });
  const mapH = el("h4", { id: `${uid}-map-h` });
  const figure = el("figure", { class: "backa-pmap-figure" });
  const graphHolder = el("div", { class: "backa-pmap-graph" });
  const textH = el("h5", { id: `${uid}-text-h` });
  const textList = el("ul", { class: "backa-pmap-textmap", "aria-labelledby": `${uid}-text-h` });
  figure.append(graphHolder);
  mapSection.append(mapH, figure, textH, textList);

  const check = el("button", { type: "button", id: `${uid}-check` });
  const summary = el("p", { class: "backa-ex-summary", role: "status", "aria-live": "polite" });
  const results = el("div", { class: "backa-pmap-results", "aria-live": "polite" });

  // A name typed but not yet added stays in this browser until the kernel has saved it (dom.js).
  const inputs = { "persp-input": [step1, "perspectives"], "miss-input": [step3, "missing"] };
  const drafts = backaDrafts(model, model.get("exercise"), {
    saved: (field, value) => {
      const [, key] = inputs[field] || [];
      const name = String(value || "").replace(/\s+/g, " ").trim().toLowerCase();
      return key && (!name || answer()[key].some((i) => i.name.toLowerCase() === name)) ? value : "";
    },
    apply: (fields) => {
      for (const [f, v] of Object.entries(fields)) if (inputs[f]) inputs[f][0].input.value = v;
    },
  });
  for (const [field, [part]] of Object.entries(inputs)) {
    part.input.addEventListener("input", () => drafts.keep(field, part.input.value));
    part.section.insertBefore(backaLimit(model, part.input, (view().limits || {}).name_chars || 80), part.err);
  }
  box.append(title, instructions, notice, drafts.offer, live, step1.section, step2, step3.section, mapSection, check, summary, results);
  root.append(box);

  // ---- changing the answer -----------------------------------------------------------------
  function commit(next, announce) {
    model.set("answer", next);
    drafts.stamp();
    model.save_changes();
    if (announce) live.textContent = announce;
  }

  function nextId(items, prefix) {
    let n = items.length + 1;
    const taken = new Set(items.map((i) => i.id));
    while (taken.has(`${prefix}${n}`)) n += 1;
    return `${prefix}${n}`;
  }

  function add(kind) {
    const part = kind === "persp" ? step1 : step3;
    const key = kind === "persp" ? "perspectives" : "missing";
    const lim = view().limits || {};
    const name = part.input.value.replace(/\s+/g, " ").trim().slice(0, lim.name_chars || 80);
    const a = answer();
    const items = a[key];
    part.err.textContent = "";
    if (!name) {
      part.err.textContent = t("empty_name");
      part.input.focus();
      return;
    }
    if (items.some((i) => i.name.toLowerCase() === name.toLowerCase())) {
      part.err.textContent = t("duplicate");
      part.input.focus();
      return;
    }
    const max = kind === "persp" ? lim.perspectives || 15 : lim.missing || 10;
    if (items.length >= max) {
      part.err.textContent = t("too_many");
      return;
    }
    const entry = { id: nextId(items, kind === "persp" ? "p" : "m"), name };
    part.input.value = "";
    commit(Object.assign({}, a, { [key]: items.concat([entry]) }), fill(t("added"), { name }));
    part.input.focus();
  }

  function remove(kind, id) {
    const key = kind === "persp" ? "perspectives" : "missing";
    const a = answer();
    const gone = a[key].find((i) => i.id === id);
    const next = Object.assign({}, a, { [key]: a[key].filter((i) => i.id !== id) });
    if (kind === "persp") {
      const links = {};
      for (const [vid, pids] of Object.entries(a.links)) {
        const keep = pids.filter((p) => p !== id);
        if (keep.length) links[vid] = keep;
      }
      next.links = links;
    }
    commit(next, gone ? fill(t("removed"), { name: gone.name }) : "");
    (kind === "persp" ? step1 : step3).input.focus();
  }

  function toggle(vid, pid, on) {
    const a = answer();
    const order = a.perspectives.map((p) => p.id);
    const current = new Set(a.links[vid] || []);
    if (on) current.add(pid);
    else current.delete(pid);
    const links = Object.assign({}, a.links);
    const list = order.filter((p) => current.has(p));
    if (list.length) links[vid] = list;
    else delete links[vid];
    commit(Object.assign({}, a, { links }), "");
  }

  for (const [kind, part] of [["persp", step1], ["miss", step3]]) {
    part.button.addEventListener("click", () => add(kind));
    part.input.addEventListener("keydown", (e) => {
      if (e.key === "Enter") {
        e.preventDefault();
        add(kind);
      }
    });
  }
  check.addEventListener("click", () => {
    model.set("check_count", (model.get("check_count") || 0) + 1);
    model.save_changes();
  });

  // ---- drawing -----------------------------------------------------------------------------
  function drawStatic() {
    const v = view();
    const lim = v.limits || {};
    title.textContent = v.title || "";
    instructions.textContent = v.instructions || "";
    step1.h.textContent = t("step1");
    step1.help.textContent = t("step1_help");
    step1.label.textContent = t("new_perspective");
    step1.button.textContent = t("add_perspective");
    step1.empty.textContent = t("no_perspectives");
    step2h.textContent = t("step2");
    step2help.textContent = t("step2_help");
    step3.h.textContent = t("step3");
    step3.help.textContent = t("step3_help");
    step3.label.textContent = t("new_missing");
    step3.button.textContent = t("add_missing");
    step3.empty.textContent = t("no_missing");
    for (const part of [step1, step3]) part.input.setAttribute("maxlength", String(lim.name_chars || 80));
    mapH.textContent = t("map");
    textH.textContent = t("map_text");
    check.textContent = t("check");
    const n = model.get("notice") || "";
    notice.textContent = n;
    notice.hidden = !n;
  }

  function drawList(kind, part, items) {
    part.list.replaceChildren();
    for (const item of items) {
      const li = el("li");
      const name = el("span", { class: "backa-pmap-name" }, item.name);
      const btn = el("button", {
        type: "button",
        class: "secondary backa-pmap-remove",
        id: `${uid}-${kind}-rm-${item.id}`,
        "aria-label": fill(t("remove_named"), { name: item.name }),
      }, t("remove"));
      btn.addEventListener("click", () => remove(kind, item.id));
      li.append(name, btn);
      part.list.append(li);
    }
    part.list.hidden = !items.length;
    part.empty.hidden = items.length > 0;
  }

  function drawVoices(a) {
    voiceBox.replaceChildren();
    const v = view();
    if (!a.perspectives.length) {
      voiceBox.append(el("p", { class: "backa-pmap-empty" }, t("step2_empty")));
    }
    (v.voices || []).forEach((voice, i) => {
      const fs = el("fieldset", { class: "backa-pmap-voice", "data-voice": voice.id });
      const legend = el("legend", {}, `${i + 1}. ${voice.who}`);
      const quote = el("blockquote", { id: `${uid}-ex-${voice.id}` }, voice.excerpt);
      fs.append(legend, quote);
      if (a.perspectives.length) {
        const boxes = el("div", { class: "backa-pmap-checks" });
        const linked = new Set(a.links[voice.id] || []);
        for (const p of a.perspectives) {
          const id = `${uid}-cb-${voice.id}-${p.id}`;
          const label = el("label", { for: id, class: "backa-pmap-check" });
          const cb = el("input", { type: "checkbox", id });
          cb.checked = linked.has(p.id);
          cb.addEventListener("change", () => toggle(voice.id, p.id, cb.checked));
          label.append(cb, el("span", {}, p.name));
          boxes.append(label);
        }
        fs.append(boxes);
      }
      voiceBox.append(fs);
    });
  }

  function drawGraph(a) {
    const voices = view().voices || [];
    const persp = a.perspectives;
    const missing = a.missing;
    const W = 760;
    const voiceW = 300;
    const nodeW = 262;
    const nodeH = 26;
    const gap = 8;
    const top = 34;
    const leftX = 6;
    const rightX = W - nodeW - 6;
    const rightCount = persp.length + missing.length + (missing.length ? 1 : 0);
    const rows = Math.max(voices.length, rightCount, 1);
    const H = top + rows * (nodeH + gap) + 6;
    const g = svg("svg", {
      viewBox: `0 0 ${W} ${H}`,
      width: "100%",
      role: "img",
      "aria-label": t("map_svg"),
      class: "backa-pmap-svg",
      focusable: "false",
    });
    g.append(
      svg("text", { x: leftX, y: 18, class: "backa-pmap-colhead" }, t("voices_col")),
      svg("text", { x: rightX, y: 18, class: "backa-pmap-colhead" }, t("perspectives_col")),
    );
    const yOf = (i) => top + i * (nodeH + gap);
    const pY = {};
    persp.forEach((p, i) => { pY[p.id] = yOf(i) + nodeH / 2; });
    const edges = svg("g", { class: "backa-pmap-edges" });
    g.append(edges);
    voices.forEach((voice, i) => {
      const y = yOf(i);
      const linked = (a.links[voice.id] || []).filter((pid) => pid in pY);
      const node = svg("g", { class: `backa-pmap-vnode${linked.length ? "" : " unlinked"}` });
      node.append(
        svg("title", {}, voice.who),
        svg("rect", { x: leftX, y, width: voiceW, height: nodeH, rx: 5 }),
        svg("text", { x: leftX + 8, y: y + 17 }, clip(`${i + 1}. ${voice.who}`, 43)),
      );
      g.append(node);
      for (const pid of linked) {
        const x1 = leftX + voiceW;
        const y1 = y + nodeH / 2;
        const x2 = rightX;
        const y2 = pY[pid];
        const mid = (x1 + x2) / 2;
        edges.append(svg("path", { d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}` }));
      }
    });
    persp.forEach((p, i) => {
      const y = yOf(i);
      const node = svg("g", { class: "backa-pmap-pnode" });
      node.append(
        svg("title", {}, p.name),
        svg("rect", { x: rightX, y, width: nodeW, height: nodeH, rx: 5 }),
        svg("text", { x: rightX + 8, y: y + 17 }, clip(p.name, 37)),
      );
      g.append(node);
    });
    const offset = persp.length + 1;
    if (missing.length) {
      const y = yOf(persp.length) + nodeH - 4;
      g.append(svg("text", { x: rightX, y, class: "backa-pmap-colhead" }, t("missing_col")));
    }
    missing.forEach((m, i) => {
      const y = yOf(offset + i);
      const node = svg("g", { class: "backa-pmap-mnode" });
      node.append(
        svg("title", {}, `${m.name} (${t("missing_tag")})`),
        svg("rect", { x: rightX, y, width: nodeW, height: nodeH, rx: 5 }),
        svg("text", { x: rightX + 8, y: y + 17 }, clip(`${m.name} (${t("missing_tag")})`, 37)),
      );
      g.append(node);
    });
    if (!persp.length && !missing.length) {
      g.append(svg("text", { x: rightX + 8, y: top + 17, class: "backa-pmap-emptycol" }, t("empty_col")));
    }
    graphHolder.replaceChildren(g);
  }

  function drawText(a) {
    const voices = view().voices || [];
    const who = Object.fromEntries(voices.map((v, i) => [v.id, `${i + 1}. ${v.who}`]));
    textList.replaceChildren();
    for (const p of a.perspectives) {
      const vs = voices.filter((v) => (a.links[v.id] || []).includes(p.id)).map((v) => who[v.id]);
      const li = el("li");
      li.append(el("strong", {}, p.name), document.createTextNode(
        `: ${vs.length ? `${fill(t("voice_count"), { n: vs.length })} (${vs.join("; ")})` : t("no_voices")}`,
      ));
      textList.append(li);
    }
    for (const m of a.missing) {
      const li = el("li", { class: "backa-pmap-textmissing" });
      li.append(el("strong", {}, m.name), document.createTextNode(` (${t("missing_tag")})`));
      textList.append(li);
    }
    if (!a.perspectives.length && !a.missing.length) textList.append(el("li", {}, t("no_perspectives")));
  }

  function drawDynamic() {
    const active = document.activeElement;
    const focusId = active && root.contains(active) ? active.id : null;
    const a = answer();
    drawList("persp", step1, a.perspectives);
    drawList("miss", step3, a.missing);
    drawVoices(a);
    drawGraph(a);
    drawText(a);
    if (focusId && !byId(focusId)) {
      // The focused control was removed (e.g. "Remove"): put focus back on the matching input.
      (focusId.includes("-miss-") ? step3 : step1).input.focus();
    } else if (focusId && document.activeElement !== byId(focusId)) {
      byId(focusId).focus();
    }
  }

  function drawResult() {
    const r = model.get("result") || {};
    results.replaceChildren();
    if (r.points === undefined) {
      summary.textContent = "";
      return;
    }
    summary.textContent = `${t("score")}: ${r.points} / ${r.max_points} ${t("points")}.`;
    const h = el("h4", { id: `${uid}-fb-h` }, t("feedback"));
    const parts = el("ul", { class: "backa-pmap-parts", "aria-labelledby": `${uid}-fb-h` });
    for (const p of r.parts || []) {
      const li = el("li", { class: p.ok ? "correct" : "wrong" });
      li.append(el("span", { class: "mark", "aria-hidden": "true" }, p.ok ? "✓" : "✗"),
        el("span", { class: "visually-hidden" }, `${p.ok ? t("met") : t("not_met")}: `),
        document.createTextNode(p.text));
      parts.append(li);
    }
    results.append(h, parts);
    if ((r.tips || []).length) {
      const tips = el("ul", { class: "backa-pmap-tips" });
      for (const tip of r.tips) tips.append(el("li", {}, tip));
      results.append(tips);
    }
    if ((r.matches || []).length) {
      const mh = el("h5", { id: `${uid}-match-h` }, t("match"));
      const ml = el("ul", { class: "backa-pmap-matches", "aria-labelledby": `${uid}-match-h` });
      for (const line of r.matches) ml.append(el("li", {}, line));
      results.append(mh, ml);
    }
  }

  function drawAll() {
    drawStatic();
    drawDynamic();
    drawResult();
  }

  model.on("change:view", drawAll);
  model.on("change:ui", drawAll);
  model.on("change:answer", drawDynamic);
  model.on("change:result", drawResult);
  model.on("change:notice", drawStatic);
  drawAll();
  drafts.refresh(); // a name typed but never added (tab closed, kernel died)
}

export default { render: withGuard(render) };
