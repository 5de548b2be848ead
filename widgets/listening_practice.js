// Listening practice view: one resident statement at a time, a labelled text area for the words said
// back, feedback on four criteria after each pause, judging phrases marked in the learner's own text,
// and contrasting examples once the learner has written something.
// Learner text and data are only ever placed with textContent / value and <mark> elements, never as HTML.

const DEBOUNCE_MS = 700;
const ACK_TIMEOUT_MS = 8000;

function fmt(template, vars) {
  return String(template || "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

function countWords(text) {
  const m = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

function render({ model, el: root }) {
  const uid = `lp-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget", "backa-lp");

  const view = () => model.get("view") || {};
  const t = (key) => (view().ui || {})[key] || key;
  const statements = () => view().statements || [];

  const saved = model.get("answer") || {};
  const local = Object.assign({}, saved.responses || {});
  let revealed = new Set(saved.revealed || []);
  let current = Math.min(saved.current || 0, Math.max(statements().length - 1, 0));
  let timer = null;
  let ackTimer = null;
  let pending = false;
  let focusExamples = null;

  // -- skeleton ---------------------------------------------------------------------------------
  const box = el("div", { class: "backa-ex lp-box", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title` });
  const instructions = el("p", { class: "lp-instructions" });
  const notice = el("div", { class: "backa-ex-notice", role: "alert" });
  const progress = el("p", { class: "lp-progress", role: "status", "aria-live": "polite", id: `${uid}-progress` });
  const steps = el("div", { class: "lp-steps", role: "group" });

  const card = el("section", { class: "lp-card", "aria-labelledby": `${uid}-heading` });
  const heading = el("h4", { id: `${uid}-heading`, class: "lp-heading", tabindex: "-1" });
  const figure = el("figure", { class: "lp-statement" });
  const quote = el("blockquote", { id: `${uid}-stmt` });
  const speaker = el("figcaption", { class: "lp-speaker" });
  figure.append(quote, speaker);

  const label = el("label", { for: `${uid}-ta`, class: "backa-refl-label" });
  const area = el("textarea", {
    id: `${uid}-ta`,
    rows: "4",
    class: "backa-refl-text lp-text",
    spellcheck: "true",
    "aria-describedby": `${uid}-stmt ${uid}-hint`,
  });
  const meta = el("div", { class: "backa-refl-meta" });
  const words = el("span", { class: "backa-refl-words" });
  const status = el("span", { class: "backa-refl-status", role: "status", "aria-live": "polite" });
  meta.append(words, status);
  const hint = el("p", { id: `${uid}-hint`, class: "lp-hint" });

  const fb = el("div", { class: "lp-feedback" });
  // One short spoken summary per pause, instead of re-reading the whole feedback list.
  const live = el("p", { class: "visually-hidden", role: "status", "aria-live": "polite" });
  const fbTitle = el("h5", { id: `${uid}-fb` });
  const criteria = el("ul", { class: "backa-refl-criteria", "aria-labelledby": `${uid}-fb` });
  const judgeBox = el("div", { class: "lp-judging" });
  const judgeIntro = el("p", { id: `${uid}-judge` });
  const judgeList = el("ul", { "aria-labelledby": `${uid}-judge` });
  judgeBox.append(judgeIntro, judgeList);
  const readingTitle = el("h5", { id: `${uid}-reading` });
  const reading = el("p", { class: "lp-reading", "aria-labelledby": `${uid}-reading` });
  fb.append(fbTitle, criteria, judgeBox, readingTitle, reading);

  const showBtn = el("button", { type: "button", class: "secondary lp-show", "aria-describedby": `${uid}-exhint` });
  const exHint = el("p", { id: `${uid}-exhint`, class: "lp-exhint" });
  const exBox = el("section", { class: "lp-examples", "aria-labelledby": `${uid}-ex` });
  const exTitle = el("h5", { id: `${uid}-ex`, tabindex: "-1" });
  const exList = el("ul");
  exBox.append(exTitle, exList);

  const navRow = el("div", { class: "lp-nav" });
  const prev = el("button", { type: "button", class: "secondary" });
  const next = el("button", { type: "button" });
  navRow.append(prev, next);
  const summary = el("p", { class: "backa-ex-summary lp-summary" });

  // Typed text stays in this browser until the kernel has saved it (dom.js: backaDrafts), one field
  // per statement; the browser stops at the kernel's limit and says so (backaLimit).
  const drafts = backaDrafts(model, model.get("exercise"), {
    saved: (field) => ((model.get("answer") || {}).responses || {})[field.replace(/^responses\./, "")] || "",
    apply: (fields) => {
      for (const [f, v] of Object.entries(fields)) if (f.startsWith("responses.")) local[f.slice(10)] = v;
      drawStatement();
      send();
      area.focus();
    },
  });
  drafts.offer.querySelector(".backa-draft-restore").classList.add("lp-restore");
  const limit = backaLimit(model, area, view().max_chars || 5000);
  card.append(heading, figure, label, area, limit, meta, hint, showBtn, exHint, live, fb, exBox);
  box.append(title, instructions, notice, drafts.offer, progress, steps, card, navRow, summary);
  root.append(box);

  // -- helpers ----------------------------------------------------------------------------------
  const sid = () => (statements()[current] || {}).id;
  const answeredCount = () => statements().filter((s) => (local[s.id] || "").trim()).length;
  const number = (x) => {
    try {
      return new Intl.NumberFormat(model.get("lang") || "sv", { maximumFractionDigits: 2 }).format(x);
    } catch (e) {
      return String(x);
    }
  };

  function send() {
    clearTimeout(timer);
    timer = null;
    const payload = { responses: Object.assign({}, local), revealed: Array.from(revealed), current };
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
        status.textContent = t("offline");
        status.dataset.state = "offline";
      }
    }, ACK_TIMEOUT_MS);
  }

  function flush() {
    if (timer) send();
  }

  function go(i) {
    if (i < 0 || i >= statements().length || i === current) return;
    flush();
    current = i;
    send();
    drawStatement();
    heading.focus();
  }

  // -- drawing ----------------------------------------------------------------------------------
  function drawStatic() {
    const v = view();
    title.textContent = v.title || "";
    instructions.textContent = v.instructions || "";
    steps.setAttribute("aria-label", t("nav"));
    label.textContent = t("your_words");
    showBtn.textContent = t("show_examples");
    exTitle.textContent = t("examples_title");
    prev.textContent = `← ${t("prev")}`;
    next.textContent = `${t("next")} →`;
    readingTitle.textContent = t("reading");
    judgeIntro.textContent = t("judging_found");
  }

  function drawNotice() {
    const msg = model.get("notice");
    notice.textContent = msg || "";
    notice.hidden = !msg;
  }

  function drawProgress() {
    const total = statements().length;
    progress.textContent = fmt(t("progress"), { answered: answeredCount(), total });
    const focused = document.activeElement;
    const had = focused && focused.parentNode === steps ? focused.dataset.index : null;
    steps.replaceChildren();
    statements().forEach((s, i) => {
      const done = !!(local[s.id] || "").trim();
      const b = el("button", { type: "button", class: `lp-step${done ? " done" : ""}`, "data-index": String(i) });
      b.textContent = done ? `${i + 1} ✓` : String(i + 1);
      const name = `${fmt(t("statement"), { n: i + 1, total })}: ${s.level}${done ? `, ${t("answered")}` : ""}`;
      b.setAttribute("aria-label", name);
      if (i === current) b.setAttribute("aria-current", "step");
      b.addEventListener("click", () => go(i));
      steps.append(b);
    });
    if (had !== null) {
      const again = steps.querySelector(`[data-index="${had}"]`);
      if (again) again.focus();
    }
    prev.disabled = current <= 0;
    next.disabled = current >= total - 1;
  }

  function drawStatus() {
    const s = pending ? "saving" : model.get("status");
    status.textContent = s ? t(s) : "";
    status.dataset.state = s || "";
  }

  function drawWords() {
    words.textContent = `${countWords(area.value)} ${t("words")}`;
  }

  function drawStatement() {
    const s = statements()[current] || {};
    heading.textContent = `${fmt(t("statement"), { n: current + 1, total: statements().length })} · ${s.level || ""}`;
    quote.textContent = s.text || "";
    speaker.textContent = `— ${s.speaker || t("resident")}`;
    if (area.value !== (local[s.id] || "")) area.value = local[s.id] || "";
    drawWords();
    drawProgress();
    drawFeedback();
    drawExamples();
  }

  function drawFeedback() {
    const text = (local[sid()] || "").trim();
    const res = (model.get("analysis") || {})[sid()];
    criteria.replaceChildren();
    judgeList.replaceChildren();
    reading.replaceChildren();
    if (!text || !res) {
      live.textContent = "";
      hint.textContent = t("write_first");
      fb.hidden = true;
    } else {
      hint.textContent = res.too_short ? t("too_short") : "";
      fb.hidden = false;
      fbTitle.textContent = fmt(t("feedback"), { met: res.met });
      for (const c of res.criteria || []) {
        const li = el("li", { class: c.met ? "met" : "unmet", "data-criterion": c.id });
        li.append(
          el("span", { class: "mark", "aria-hidden": "true" }, c.met ? "✓" : "○"),
          " ",
          el("strong", {}, `${c.label}: `),
          el("span", { class: "visually-hidden" }, `${c.met ? t("met") : t("unmet")}. `),
          el("span", {}, c.feedback || ""),
        );
        if (c.met && (c.evidence || []).length) {
          li.append(el("span", { class: "lp-evidence" }, ` «${c.evidence.join("», «")}»`));
        }
        criteria.append(li);
      }
      const found = res.judging || [];
      const missing = (res.criteria || []).filter((c) => !c.met).map((c) => c.label);
      live.textContent = [
        fbTitle.textContent,
        missing.length ? `${t("unmet")}: ${missing.join(", ")}` : "",
        found.length ? `${t("judging_found")} ${found.map((f) => `«${f.text}»`).join(", ")}` : "",
      ]
        .filter(Boolean)
        .join(". ");
      judgeBox.hidden = !found.length;
      for (const f of found) {
        const li = el("li");
        li.append(el("mark", { class: "lp-judge" }, f.text), ` — ${f.label}`);
        judgeList.append(li);
      }
      // The text with its marks is only worth showing when something is marked.
      readingTitle.hidden = reading.hidden = !found.length;
      for (const seg of res.segments || []) {
        if (seg.mark) reading.append(el("mark", { class: "lp-judge" }, seg.text));
        else reading.append(document.createTextNode(seg.text));
      }
    }
    hint.hidden = !hint.textContent;
    drawShow();
  }

  function drawShow() {
    const id = sid();
    const shown = revealed.has(id) && (model.get("examples") || {})[id];
    const hasText = !!(local[id] || "").trim();
    showBtn.hidden = !!shown;
    showBtn.disabled = !hasText;
    exHint.textContent = hasText ? "" : t("examples_hint");
    exHint.hidden = !!shown || hasText;
  }

  function drawExamples() {
    const list = (model.get("examples") || {})[sid()];
    exList.replaceChildren();
    exBox.hidden = !list;
    for (const ex of list || []) {
      const li = el("li", { class: ex.good ? "good" : "poor", "data-kind": ex.kind });
      li.append(
        el("strong", { class: "lp-exlabel" }, ex.label),
        el("blockquote", {}, ex.text),
        el("p", {}, `${t("why")} ${ex.why}`),
      );
      exList.append(li);
    }
    drawShow();
    if (list && focusExamples === sid()) {
      focusExamples = null;
      exTitle.focus();
    }
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
  area.addEventListener("input", () => {
    local[sid()] = area.value;
    drafts.keep(`responses.${sid()}`, area.value);
    drawWords();
    const step = steps.querySelector('[aria-current="step"]');
    if (step && step.classList.contains("done") !== !!area.value.trim()) drawProgress();
    if (!area.value.trim()) drawFeedback();
    drawShow();
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
    pending = true;
    drawStatus();
  });
  area.addEventListener("blur", flush);

  showBtn.addEventListener("click", () => {
    if (!(local[sid()] || "").trim()) return;
    revealed.add(sid());
    focusExamples = sid();
    send();
  });
  prev.addEventListener("click", () => go(current - 1));
  next.addEventListener("click", () => go(current + 1));

  model.on("change:view", () => {
    drawStatic();
    drawStatement();
    drawStatus();
    drawSummary();
  });
  model.on("change:analysis", drawFeedback);
  model.on("change:examples", drawExamples);
  model.on("change:summary", drawSummary);
  model.on("change:notice", drawNotice);
  model.on("change:answer", () => {
    const a = model.get("answer") || {};
    revealed = new Set(a.revealed || []);
    drawShow();
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
  drawStatement();
  drawStatus();
  drawSummary();

  drafts.refresh(); // text this browser kept that the kernel never saved (tab closed, kernel died)

  return () => {
    clearTimeout(timer);
    clearTimeout(ackTimer);
  };
}

export default { render: withGuard(render) };
