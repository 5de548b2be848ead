// Dialogue planner view. The plan lives in `answer`; the browser edits a local copy and sends it back
// (debounced while typing, at once for structural changes). Rules stay in the kernel: "Review" asks it
// for per-part results. Learner text is only set with .value / .textContent, never as HTML.

const DEBOUNCE_MS = 400;

function clone(x) {
  return JSON.parse(JSON.stringify(x));
}

// A text in the plan by its path ("issue", "phases.2.description"): how drafts name their fields.
function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o && typeof o === "object" ? o[k] : undefined), obj);
}
function setPath(obj, path, value) {
  const keys = path.split(".");
  const parent = getPath(obj, keys.slice(0, -1).join(".")) ?? (keys.length === 1 ? obj : undefined);
  if (parent && typeof parent === "object") parent[keys[keys.length - 1]] = value;
}

function emptyPlan() {
  return {
    issue: "",
    phases: [],
    perspectives: [],
    outreach: "",
    transparency: { publish: "", check_back: "", reach_absent: "" },
    level: { iap2: "", boverket: "", why: "" },
    mandate: { decision_maker: "", can_change: "", fixed: "" },
  };
}

function render({ model, el: root }) {
  const uid = `plan-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("div", { class: "backa-ex backa-plan", role: "group", "aria-labelledby": `${uid}-title` });
  root.append(box);

  let plan = Object.assign(emptyPlan(), clone(model.get("answer") || {}));
  let timer = null;
  let blobUrl = null;
  const feedbackLists = {};
  let summary, live, exportMsg, link, notice;

  const view = () => model.get("view") || {};
  const t = (key) => ((view().ui || {})[key]) || key;
  const limits = () => view().max_chars || {};
  // Typed text stays in this browser until the kernel has saved it (dom.js: backaDrafts).
  const drafts = backaDrafts(model, model.get("exercise"), {
    saved: (field) => {
      const v = getPath(model.get("answer") || {}, field);
      return typeof v === "string" ? v : "";
    },
    apply: (fields) => {
      for (const [f, v] of Object.entries(fields)) setPath(plan, f, v);
      send();
      redraw();
    },
  });

  function send() {
    clearTimeout(timer);
    timer = null;
    model.set("answer", clone(plan));
    drafts.stamp();
    model.save_changes();
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
  }
  function announce(text) {
    live.textContent = "";
    setTimeout(() => (live.textContent = text), 30);
  }

  function textArea(id, field, labelText, rows = 3) {
    const wrap = el("div", { class: "backa-plan-field" });
    const label = el("label", { for: id }, labelText);
    const area = el("textarea", { id, rows: String(rows), "data-field": field });
    area.value = getPath(plan, field) || "";
    area.addEventListener("input", () => {
      setPath(plan, field, area.value);
      drafts.keep(field, area.value);
      later();
    });
    area.addEventListener("blur", () => timer && send());
    wrap.append(label, area, backaLimit(model, area, limits().text || 5000));
    return wrap;
  }

  function partSection(part) {
    const sec = el("section", { class: "backa-plan-part", "data-part": part.id, "aria-labelledby": `${uid}-${part.id}-h` });
    sec.append(el("h4", { id: `${uid}-${part.id}-h` }, part.title));
    if (part.help) sec.append(el("p", { class: "backa-plan-help" }, part.help));
    return sec;
  }

  function feedbackBox(partId) {
    const ul = el("ul", { class: "backa-refl-criteria backa-plan-feedback", "aria-live": "polite", "data-feedback": partId });
    feedbackLists[partId] = ul;
    return ul;
  }

  // -- the parts ----------------------------------------------------------------------------------
  function drawIssue(sec) {
    sec.append(textArea(`${uid}-issue`, "issue", t("issue_label"), 3));
    const use = el("button", { type: "button", class: "secondary", id: `${uid}-use-default` }, t("use_default"));
    use.addEventListener("click", () => {
      plan.issue = view().default_issue || "";
      document.getElementById(`${uid}-issue`).value = plan.issue;
      send();
    });
    sec.append(use);
  }

  function drawPhases(sec) {
    const kinds = view().phase_kinds || [];
    const list = el("ol", { class: "backa-plan-phases" });
    if (!plan.phases.length) sec.append(el("p", { class: "backa-plan-empty" }, t("no_phases")));
    plan.phases.forEach((ph, i) => {
      const n = i + 1;
      const li = el("li", { class: "backa-plan-phase", "data-phase": String(n) });
      const head = el("h5", { id: `${uid}-ph-${n}-h` }, `${t("phase")} ${n}`);
      const selId = `${uid}-ph-${n}-kind`;
      const label = el("label", { for: selId }, `${t("phase_kind")} (${t("phase").toLowerCase()} ${n})`);
      const select = el("select", { id: selId, "aria-describedby": `${selId}-hint` });
      select.append(el("option", { value: "" }, t("choose")));
      for (const k of kinds) {
        const opt = el("option", { value: k.id }, k.label);
        if (ph.kind === k.id) opt.selected = true;
        select.append(opt);
      }
      const hint = el("p", { id: `${selId}-hint`, class: "backa-plan-hint" });
      const showHint = () => {
        const k = kinds.find((x) => x.id === select.value);
        hint.textContent = k ? k.hint : "";
      };
      showHint();
      select.addEventListener("change", () => {
        plan.phases[i].kind = select.value;
        showHint();
        send();
      });
      li.append(head, label, select, hint);
      li.append(
        textArea(`${uid}-ph-${n}-desc`, `phases.${i}.description`,
          `${t("phase_description")} (${t("phase").toLowerCase()} ${n})`, 3),
      );
      const tools = el("div", { class: "backa-plan-tools" });
      for (const [key, delta] of [["up", -1], ["down", 1]]) {
        const b = el("button", { type: "button", class: "secondary", id: `${uid}-ph-${n}-${key}`,
          "aria-label": `${t(key)}: ${t("phase").toLowerCase()} ${n}` }, t(key));
        b.addEventListener("click", () => movePhase(i, delta, key));
        tools.append(b);
      }
      const rm = el("button", { type: "button", class: "secondary", id: `${uid}-ph-${n}-remove`,
        "aria-label": `${t("remove")}: ${t("phase").toLowerCase()} ${n}` }, t("remove"));
      rm.addEventListener("click", () => {
        plan.phases.splice(i, 1);
        send();
        redraw(plan.phases.length ? `${uid}-ph-${Math.min(n, plan.phases.length)}-kind` : `${uid}-add-phase`);
        announce(t("removed"));
      });
      tools.append(rm);
      li.append(tools);
      list.append(li);
    });
    sec.append(list);
    const add = el("button", { type: "button", id: `${uid}-add-phase` }, t("add_phase"));
    add.addEventListener("click", () => {
      plan.phases.push({ kind: "", description: "" });
      send();
      redraw(`${uid}-ph-${plan.phases.length}-kind`);
      announce(t("added"));
    });
    sec.append(add);
  }

  function movePhase(i, delta, key) {
    const j = i + delta;
    if (j < 0 || j >= plan.phases.length) return;
    const [moved] = plan.phases.splice(i, 1);
    plan.phases.splice(j, 0, moved);
    send();
    redraw(`${uid}-ph-${j + 1}-${key}`);
    announce(t("moved").replace("{n}", String(i + 1)).replace("{m}", String(j + 1)));
  }

  function drawPerspectives(sec) {
    const list = el("ul", { class: "backa-plan-persp" });
    if (!plan.perspectives.length) sec.append(el("p", { class: "backa-plan-empty" }, t("no_perspectives")));
    plan.perspectives.forEach((p, i) => {
      const n = i + 1;
      const li = el("li", { class: "backa-plan-prow", "data-perspective": String(n) });
      const inId = `${uid}-pp-${n}-who`;
      const label = el("label", { for: inId }, `${t("perspective_who")} ${n}`);
      const input = el("input", { id: inId, type: "text", "data-field": `perspectives.${i}.who` });
      input.value = p.who || "";
      input.addEventListener("input", () => {
        plan.perspectives[i].who = input.value;
        drafts.keep(`perspectives.${i}.who`, input.value);
        later();
      });
      const whoLimit = backaLimit(model, input, limits().who || 300);
      input.addEventListener("blur", () => timer && send());
      const cbId = `${uid}-pp-${n}-hard`;
      const cb = el("input", { id: cbId, type: "checkbox" });
      cb.checked = !!p.hard_to_reach;
      cb.addEventListener("change", () => {
        plan.perspectives[i].hard_to_reach = cb.checked;
        send();
      });
      const cbLabel = el("label", { for: cbId, class: "backa-plan-check" }, `${t("hard_to_reach")}`);
      const rm = el("button", { type: "button", class: "secondary", id: `${uid}-pp-${n}-remove`,
        "aria-label": `${t("remove")}: ${t("perspective").toLowerCase()} ${n}` }, t("remove"));
      rm.addEventListener("click", () => {
        plan.perspectives.splice(i, 1);
        send();
        redraw(plan.perspectives.length ? `${uid}-pp-${Math.min(n, plan.perspectives.length)}-who` : `${uid}-add-persp`);
        announce(t("removed"));
      });
      const line = el("div", { class: "backa-plan-pline" });
      line.append(input, cb, cbLabel, rm);
      li.append(label, line, whoLimit);
      list.append(li);
    });
    sec.append(list);
    const add = el("button", { type: "button", id: `${uid}-add-persp` }, t("add_perspective"));
    add.addEventListener("click", () => {
      plan.perspectives.push({ who: "", hard_to_reach: false });
      send();
      redraw(`${uid}-pp-${plan.perspectives.length}-who`);
      announce(t("added"));
    });
    sec.append(add);
    sec.append(textArea(`${uid}-outreach`, "outreach", t("outreach"), 3));
  }

  function drawTransparency(sec) {
    for (const key of ["publish", "check_back", "reach_absent"]) {
      sec.append(textArea(`${uid}-tr-${key}`, `transparency.${key}`, t(key), 2));
    }
  }

  function drawLevel(sec) {
    const levels = view().levels || {};
    for (const scale of ["iap2", "boverket"]) {
      const fs = el("fieldset", { class: "backa-plan-scale" });
      fs.append(el("legend", {}, t(scale)));
      (levels[scale] || []).forEach((o) => {
        const id = `${uid}-lv-${scale}-${o.id}`;
        const row = el("div", { class: "backa-plan-radio" });
        const radio = el("input", { type: "radio", id, name: `${uid}-${scale}`, value: o.id });
        radio.checked = plan.level[scale] === o.id;
        radio.addEventListener("change", () => {
          if (radio.checked) {
            plan.level[scale] = o.id;
            send();
          }
        });
        const label = el("label", { for: id });
        label.append(el("strong", {}, o.label));
        if (o.promise) label.append(document.createTextNode(` – ${o.promise}`));
        row.append(radio, label);
        fs.append(row);
      });
      sec.append(fs);
    }
    sec.append(textArea(`${uid}-lv-why`, "level.why", t("why"), 2));
  }

  function drawMandate(sec) {
    for (const key of ["decision_maker", "can_change", "fixed"]) {
      sec.append(textArea(`${uid}-md-${key}`, `mandate.${key}`, t(key), 2));
    }
  }

  const DRAW = {
    issue: drawIssue,
    phases: drawPhases,
    perspectives: drawPerspectives,
    transparency: drawTransparency,
    level: drawLevel,
    mandate: drawMandate,
  };

  // -- results and export -------------------------------------------------------------------------
  function drawResult() {
    const result = model.get("result") || {};
    for (const [part, ul] of Object.entries(feedbackLists)) {
      ul.replaceChildren();
      for (const r of (result.parts || {})[part] || []) {
        const li = el("li", { class: r.met ? "met" : "unmet", "data-rule": r.id });
        li.append(el("span", { class: "mark", "aria-hidden": "true" }, r.met ? "✓" : "○"));
        li.append(el("span", { class: "visually-hidden" }, `${r.met ? t("met") : t("unmet")}: `));
        li.append(document.createTextNode(r.message));
        ul.append(li);
      }
    }
    if (summary) summary.textContent = result.summary || "";
  }

  function drawExport() {
    const ex = model.get("export") || {};
    exportMsg.textContent = ex.message || "";
    if (ex.html) {
      if (blobUrl) URL.revokeObjectURL(blobUrl);
      blobUrl = URL.createObjectURL(new Blob([ex.html], { type: "text/html;charset=utf-8" }));
      link.href = blobUrl;
      link.download = ex.filename || "dialogplan.html";
      link.hidden = false;
    } else {
      link.hidden = true;
    }
  }

  function drawNotice() {
    notice.textContent = model.get("notice") || "";
    notice.hidden = !model.get("notice");
  }

  function redraw(focusId = null) {
    const keep = focusId || (document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null);
    const v = view();
    box.replaceChildren();
    box.setAttribute("lang", v.lang || "");
    box.append(el("h3", { id: `${uid}-title` }, v.title || ""));
    box.append(el("p", {}, v.instructions || ""));
    notice = el("div", { class: "backa-ex-notice", role: "alert" });
    box.append(notice, drafts.offer);
    for (const part of v.parts || []) {
      const sec = partSection(part);
      (DRAW[part.id] || (() => {}))(sec);
      sec.append(feedbackBox(part.id));
      box.append(sec);
    }
    const actions = el("div", { class: "backa-plan-actions" });
    const check = el("button", { type: "button", id: `${uid}-check` }, t("check"));
    check.addEventListener("click", () => {
      send();
      model.set("check_count", (model.get("check_count") || 0) + 1);
      model.save_changes();
    });
    const exp = el("button", { type: "button", id: `${uid}-export` }, t("export"));
    exp.addEventListener("click", () => {
      send();
      model.set("export_count", (model.get("export_count") || 0) + 1);
      model.save_changes();
    });
    actions.append(check, exp);
    summary = el("p", { class: "backa-ex-summary", role: "status", "aria-live": "polite" });
    exportMsg = el("p", { class: "backa-plan-exported", role: "status", "aria-live": "polite" });
    link = el("a", { class: "backa-plan-download", id: `${uid}-download` }, t("download"));
    link.hidden = true;
    live = el("div", { class: "visually-hidden", "aria-live": "polite" });
    box.append(actions, summary, exportMsg, link, live);
    drawNotice();
    drawResult();
    drawExport();
    if (keep) {
      const again = document.getElementById(keep);
      if (again) again.focus();
    }
  }

  model.on("change:view", () => redraw());
  model.on("change:result", drawResult);
  model.on("change:export", drawExport);
  model.on("change:notice", drawNotice);
  redraw();
  drafts.refresh(); // text this browser kept that the kernel never saved (tab closed, kernel died)

  return () => {
    if (timer) send();
    if (blobUrl) URL.revokeObjectURL(blobUrl);
  };
}

export default { render: withGuard(render) };
