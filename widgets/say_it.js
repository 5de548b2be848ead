// Say-it view: for each moment, a labelled text area for the words a facilitator would say, a visible
// character counter, feedback per check after each pause (the learner's own words as evidence, words
// to avoid marked in their text) and suggestions to compare with once the learner has written.
// Learner text and data are only ever placed with textContent / value and <mark> elements, never as HTML.

const DEBOUNCE_MS = 700;
const ACK_TIMEOUT_MS = 8000;

function fmt(template, vars) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

function render({ model, el: root }) {
  const uid = `say-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget", "backa-say");

  const view = () => model.get("view") || {};
  const t = (key) => (view().ui || {})[key] || key;
  const prompts = () => view().prompts || [];
  const lang = () => model.get("lang") || "sv";
  const number = (x) => {
    try {
      return new Intl.NumberFormat(lang(), { maximumFractionDigits: 2 }).format(x);
    } catch (e) {
      return String(x);
    }
  };
  const quote = (text) => (lang() === "sv" ? `”${text}”` : `“${text}”`);

  const saved = model.get("answer") || {};
  const local = Object.assign({}, saved.responses || {});
  let revealed = new Set(saved.revealed || []);
  let timer = null;
  let ackTimer = null;
  let pending = false;
  let lastEdited = null;
  let focusModels = null;

  // -- skeleton ---------------------------------------------------------------------------------
  const box = el("div", { class: "backa-ex say-box", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title` });
  const instructions = el("p", { class: "say-instructions" });
  const notice = el("div", { class: "backa-ex-notice", role: "alert" });
  // Typed text stays in this browser until the kernel has saved it (dom.js: backaDrafts), one field
  // per moment ("responses.<prompt id>"); a reload or crash offers it back.
  const drafts = backaDrafts(model, model.get("exercise"), {
    saved: (field) => ((model.get("answer") || {}).responses || {})[field.replace(/^responses\./, "")] || "",
    apply: (fields) => {
      let first = null;
      for (const [f, v] of Object.entries(fields)) {
        const c = f.startsWith("responses.") && cards.get(f.slice(10));
        if (!c) continue;
        c.area.value = v;
        c.area.dispatchEvent(new Event("input")); // the answer, counters, limit note and draft follow
        first = first || c;
      }
      send();
      if (first) first.area.focus();
    },
  });
  drafts.offer.querySelector(".backa-draft-restore").classList.add("say-restore");
  const progress = el("p", { class: "say-progress", role: "status", "aria-live": "polite" });
  const cardsBox = el("div", { class: "say-cards" });
  const humble = el("p", { class: "say-humble" });
  const summary = el("p", { class: "backa-ex-summary say-summary" });
  box.append(title, instructions, notice, drafts.offer, progress, cardsBox, humble, summary);
  root.append(box);

  const cards = new Map(); // prompt id -> parts of its card

  function buildCard(p, i) {
    const id = `${uid}-${i}`;
    const c = {};
    c.section = el("section", { class: "say-card", "aria-labelledby": `${id}-h`, "data-prompt": p.id });
    c.heading = el("h4", { id: `${id}-h`, class: "say-heading" });
    c.moment = el("p", { id: `${id}-moment`, class: "say-moment" });
    c.figure = el("figure", { class: "say-quote" });
    c.quote = el("blockquote", { id: `${id}-quote` });
    c.speaker = el("figcaption", { class: "say-speaker" });
    c.figure.append(c.quote, c.speaker);
    c.aloud = el("p", { class: "say-aloud" });
    c.label = el("label", { for: `${id}-ta`, class: "say-label" });
    c.area = el("textarea", {
      id: `${id}-ta`,
      rows: "4",
      class: "say-text",
      spellcheck: "true",
      "aria-describedby": [`${id}-moment`, p.quote ? `${id}-quote` : "", `${id}-count`].filter(Boolean).join(" "),
    });
    c.meta = el("div", { class: "say-meta" });
    c.count = el("span", { id: `${id}-count`, class: "say-count" });
    c.status = el("span", { class: "say-status", role: "status", "aria-live": "polite" });
    c.meta.append(c.count, c.status);
    c.limit = el("p", { class: "say-limit", role: "alert" });
    // Beyond max_chars the feedback asks for fewer words; at hard_max the browser stops and says so.
    c.hard = backaLimit(model, c.area, view().hard_max || 10000);
    c.hint = el("p", { class: "say-hint" });
    c.live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
    c.fb = el("div", { class: "say-feedback" });
    c.fbTitle = el("h5", { id: `${id}-fb` });
    c.note = el("p", { class: "say-note" });
    c.criteria = el("ul", { class: "say-criteria", "aria-labelledby": `${id}-fb` });
    c.full = el("p", { class: "say-full" });
    c.found = el("div", { class: "say-found" });
    c.foundIntro = el("p", { id: `${id}-found` });
    c.foundList = el("ul", { "aria-labelledby": `${id}-found` });
    c.found.append(c.foundIntro, c.foundList);
    c.readingTitle = el("h5", { id: `${id}-reading` });
    c.reading = el("p", { class: "say-reading", "aria-labelledby": `${id}-reading` });
    c.fb.append(c.fbTitle, c.note, c.criteria, c.full, c.found, c.readingTitle, c.reading);
    c.show = el("button", { type: "button", class: "secondary say-show", "aria-describedby": `${id}-mhint` });
    c.mhint = el("p", { id: `${id}-mhint`, class: "say-mhint" });
    c.models = el("section", { class: "say-models", "aria-labelledby": `${id}-m` });
    c.modelsTitle = el("h5", { id: `${id}-m`, tabindex: "-1" });
    c.modelsList = el("ul");
    c.models.append(c.modelsTitle, c.modelsList);
    c.section.append(
      c.heading, c.moment, c.figure, c.aloud, c.label, c.area, c.hard, c.meta, c.limit, c.hint,
      c.live, c.fb, c.show, c.mhint, c.models,
    ); // prettier-ignore

    c.area.value = local[p.id] || "";
    c.area.addEventListener("input", () => {
      local[p.id] = c.area.value;
      lastEdited = p.id;
      drafts.keep(`responses.${p.id}`, c.area.value);
      drawCount(p.id);
      drawShow(p.id);
      drawProgress();
      if (!c.area.value.trim()) drawFeedback(p.id);
      clearTimeout(timer);
      timer = setTimeout(send, DEBOUNCE_MS);
      pending = true;
      drawStatus();
    });
    c.area.addEventListener("blur", flush);
    c.show.addEventListener("click", () => {
      if (!(local[p.id] || "").trim()) return;
      revealed.add(p.id);
      focusModels = p.id;
      lastEdited = p.id;
      send();
    });
    cardsBox.append(c.section);
    cards.set(p.id, c);
  }

  // -- saving -----------------------------------------------------------------------------------
  function send() {
    clearTimeout(timer);
    timer = null;
    const payload = { responses: Object.assign({}, local), revealed: Array.from(revealed) };
    // Nothing changed: the kernel will not answer, so do not wait for it.
    pending = JSON.stringify(payload) !== JSON.stringify(model.get("answer") || {});
    drawStatus();
    if (!pending) return;
    model.set("answer", payload);
    drafts.stamp();
    model.save_changes();
    clearTimeout(ackTimer);
    ackTimer = setTimeout(() => {
      // No answer from the kernel: the text stays here (and in this browser's storage); say so.
      if (pending) {
        const c = cards.get(lastEdited);
        if (c) {
          c.status.textContent = t("offline");
          c.status.dataset.state = "offline";
        }
      }
    }, ACK_TIMEOUT_MS);
  }

  function flush() {
    if (timer) send();
  }

  // -- drawing ----------------------------------------------------------------------------------
  function drawStatic() {
    const v = view();
    title.textContent = v.title || "";
    instructions.textContent = v.instructions || "";
    humble.textContent = t("humble");
    const ids = prompts().map((p) => p.id);
    if (ids.join() !== Array.from(cards.keys()).join()) {
      cardsBox.replaceChildren();
      cards.clear();
      prompts().forEach(buildCard);
    }
    prompts().forEach((p, i) => {
      const c = cards.get(p.id);
      c.heading.textContent = `${fmt(t("part"), { n: i + 1, total: prompts().length })} · ${p.title || ""}`;
      c.moment.textContent = p.moment || "";
      c.figure.hidden = !p.quote;
      c.quote.textContent = p.quote || "";
      c.speaker.textContent = p.speaker ? `— ${p.speaker}` : "";
      c.aloud.textContent = p.aloud || t("aloud");
      c.label.textContent = p.task || "";
      c.show.textContent = t("show_models");
      c.mhint.textContent = t("models_hint");
      c.modelsTitle.textContent = t("models_title");
      c.readingTitle.textContent = t("reading");
      c.foundIntro.textContent = t("found");
      drawCount(p.id);
      drawFeedback(p.id);
      drawModels(p.id);
    });
    drawProgress();
  }

  function drawNotice() {
    const msg = model.get("notice");
    notice.textContent = msg || "";
    notice.hidden = !msg;
  }

  function drawProgress() {
    const total = prompts().length;
    const answered = prompts().filter((p) => (local[p.id] || "").trim()).length;
    progress.textContent = fmt(t("progress"), { answered, total });
  }

  function drawStatus() {
    const s = pending ? "saving" : model.get("status");
    for (const [id, c] of cards) {
      const mine = id === lastEdited;
      c.status.textContent = mine && s ? t(s) : "";
      c.status.dataset.state = mine ? s || "" : "";
    }
  }

  function promptOf(id) {
    return prompts().find((p) => p.id === id) || {};
  }

  function drawCount(id) {
    const c = cards.get(id);
    const max = promptOf(id).max_chars || 0;
    const n = (local[id] || "").length;
    c.count.textContent = fmt(t("chars"), { n: number(n), max: number(max) });
    const over = max && n > max;
    c.count.classList.toggle("over", !!over);
    // Shown only when needed; role="alert" announces it once as the limit is crossed.
    const msg = over ? fmt(t("over"), { over: number(n - max) }) : "";
    if (c.limit.textContent !== msg) c.limit.textContent = msg;
    c.limit.hidden = !msg;
  }

  function drawFeedback(id) {
    const c = cards.get(id);
    const text = (local[id] || "").trim();
    const res = (model.get("analysis") || {})[id];
    c.criteria.replaceChildren();
    c.foundList.replaceChildren();
    c.reading.replaceChildren();
    if (!text || !res) {
      c.live.textContent = "";
      c.hint.textContent = text ? "" : t("write_first");
      c.hint.hidden = !c.hint.textContent;
      c.fb.hidden = true;
      drawShow(id);
      return;
    }
    c.hint.hidden = true;
    c.fb.hidden = false;
    const tooLong = res.state === "too_long";
    c.fbTitle.textContent = tooLong ? t("feedback") : fmt(t("feedback_count"), { met: res.met, total: res.total });
    c.note.textContent = res.note || "";
    c.note.hidden = !res.note;
    for (const k of res.criteria || []) {
      const li = el("li", { class: k.met ? "met" : "unmet", "data-check": k.id });
      li.append(
        el("span", { class: "mark", "aria-hidden": "true" }, k.met ? "✓" : "○"),
        " ",
        el("strong", {}, `${k.label}: `),
        el("span", { class: "visually-hidden" }, `${k.met ? t("met") : t("unmet")}. `),
        el("span", {}, k.feedback || ""),
      );
      if (k.met && (k.evidence || []).length) {
        li.append(el("span", { class: "say-evidence" }, ` ${t("evidence")} ${k.evidence.map(quote).join(", ")}`));
      }
      c.criteria.append(li);
    }
    c.full.textContent = res.full ? t("full") : "";
    c.full.hidden = !res.full;
    const found = res.avoided || [];
    c.found.hidden = !found.length;
    for (const f of found) {
      const li = el("li");
      li.append(el("mark", { class: "say-avoid" }, f.text), ` — ${f.label}`);
      c.foundList.append(li);
    }
    // The text with its marks is only worth showing when something is marked.
    c.readingTitle.hidden = c.reading.hidden = !found.length;
    for (const seg of res.segments || []) {
      if (seg.mark) c.reading.append(el("mark", { class: "say-avoid" }, seg.text));
      else c.reading.append(document.createTextNode(seg.text));
    }
    // One short spoken summary per pause, instead of re-reading the whole list.
    const missing = (res.criteria || []).filter((k) => !k.met).map((k) => k.label);
    c.live.textContent = [
      c.fbTitle.textContent,
      res.note || "",
      !tooLong && missing.length ? `${t("unmet")}: ${missing.join(", ")}` : "",
      found.length ? `${t("found")} ${found.map((f) => quote(f.text)).join(", ")}` : "",
    ]
      .filter(Boolean)
      .join(". ");
    drawShow(id);
  }

  function drawShow(id) {
    const c = cards.get(id);
    const shown = revealed.has(id) && (model.get("models") || {})[id];
    const hasText = !!(local[id] || "").trim();
    c.show.hidden = !!shown;
    c.show.disabled = !hasText;
    c.mhint.hidden = !!shown || hasText;
  }

  function drawModels(id) {
    const c = cards.get(id);
    const list = (model.get("models") || {})[id];
    c.modelsList.replaceChildren();
    c.models.hidden = !list;
    let n = 0;
    for (const m of list || []) {
      const label = m.good ? `${t("model")} ${++n}` : m.label;
      const li = el("li", { class: m.good ? "good" : "poor" });
      li.append(el("strong", { class: "say-mlabel" }, label), el("blockquote", {}, m.text), el("p", {}, `${t("why")} ${m.why}`));
      c.modelsList.append(li);
    }
    drawShow(id);
    if (list && focusModels === id) {
      focusModels = null;
      c.modelsTitle.focus();
    }
  }

  function drawAllFeedback() {
    for (const p of prompts()) drawFeedback(p.id);
  }

  function drawAllModels() {
    for (const p of prompts()) drawModels(p.id);
  }

  function drawSummary() {
    const s = model.get("summary") || {};
    if (s.points === undefined) {
      summary.textContent = "";
      return;
    }
    summary.textContent = `${fmt(t("score"), { points: number(s.points), max: number(s.max_points) })}${
      s.complete ? ` ${t("complete")}` : ""
    }`;
  }

  // -- events -----------------------------------------------------------------------------------
  model.on("change:view", () => {
    drawStatic();
    drawStatus();
    drawSummary();
  });
  model.on("change:analysis", drawAllFeedback);
  model.on("change:models", drawAllModels);
  model.on("change:summary", drawSummary);
  model.on("change:notice", drawNotice);
  model.on("change:answer", () => {
    const a = model.get("answer") || {};
    revealed = new Set(a.revealed || []);
    for (const p of prompts()) drawShow(p.id);
  });
  const saveDone = () => {
    clearTimeout(ackTimer);
    pending = !!timer;
    drawStatus();
  };
  model.on("change:saved_at", saveDone);
  model.on("change:status", saveDone);

  drawStatic();
  drawNotice();
  drawStatus();
  drawSummary();

  drafts.refresh(); // text this browser kept that the kernel never saved (tab closed, kernel died)

  return () => {
    clearTimeout(timer);
    clearTimeout(ackTimer);
  };
}

export default { render: withGuard(render) };
