// Reflection view: a labelled text area with live per-criterion feedback, word count and save state.
// Learner text is only ever placed with textContent / value, never as HTML.

const DEBOUNCE_MS = 700;
const ACK_TIMEOUT_MS = 8000;

function countWords(text) {
  const m = text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu);
  return m ? m.length : 0;
}

function render({ model, el: root }) {
  const uid = `refl-${model.get("item")}-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-reflection");

  const box = el("div", { class: "backa-refl-box", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title`, class: "backa-refl-title" });
  const scenario = el("p", { class: "backa-refl-scenario", id: `${uid}-scenario` });
  const label = el("label", { for: `${uid}-ta`, class: "backa-refl-label" });
  const area = el("textarea", {
    id: `${uid}-ta`,
    rows: "10",
    class: "backa-refl-text",
    "aria-describedby": `${uid}-scenario ${uid}-status`,
    spellcheck: "true",
  });
  const meta = el("div", { class: "backa-refl-meta" });
  const words = el("span", { class: "backa-refl-words" });
  const status = el("span", { id: `${uid}-status`, class: "backa-refl-status", role: "status", "aria-live": "polite" });
  meta.append(words, status);
  const notice = el("div", { class: "backa-refl-notice", role: "alert" });
  const fbTitle = el("h4", { class: "backa-refl-fbtitle", id: `${uid}-fb` });
  const fbMessage = el("p", { class: "backa-refl-fbmessage" });
  const list = el("ul", { class: "backa-refl-criteria", "aria-labelledby": `${uid}-fb` });
  const fbWrap = el("div", { class: "backa-refl-feedback", "aria-live": "polite" });
  fbWrap.append(fbTitle, fbMessage, list);
  // Typed text stays in this browser until the kernel has saved it (dom.js: backaDrafts).
  const drafts = backaDrafts(model, model.get("item"), {
    saved: () => model.get("text"),
    apply: (fields) => {
      if (typeof fields.text !== "string") return;
      area.value = fields.text;
      drawWords();
      send();
    },
  });
  drafts.offer.querySelector(".backa-draft-restore").classList.add("backa-refl-restore");
  box.append(title, scenario, label, area, meta, notice, drafts.offer, fbWrap);
  root.append(box);

  let timer = null;
  let ackTimer = null;
  let pending = false;

  const t = (key) => (model.get("ui") || {})[key] || key;

  function drawStatic() {
    title.textContent = model.get("title");
    scenario.textContent = model.get("scenario");
    scenario.hidden = !model.get("scenario");
    label.textContent = model.get("prompt");
  }

  function drawWords() {
    const n = countWords(area.value);
    words.textContent = `${n} ${t("words")}`;
  }

  function drawStatus() {
    const s = model.get("status");
    status.textContent = pending ? t("saving") : t(s) || "";
    status.dataset.state = pending ? "saving" : s;
  }

  function drawNotice() {
    const msg = model.get("notice");
    notice.textContent = msg;
    notice.hidden = !msg;
  }

  function drawFeedback() {
    const fb = model.get("feedback") || {};
    list.replaceChildren();
    fbTitle.textContent = fb.points === undefined ? "" : `${t("feedback")}: ${fb.points} / ${fb.max_points}`;
    fbMessage.textContent = fb.message || "";
    fbMessage.hidden = !fb.message;
    for (const c of fb.criteria || []) {
      const li = el("li", { class: c.met ? "met" : "unmet", "data-criterion": c.id });
      const mark = el("span", { class: "mark", "aria-hidden": "true" }, c.met ? "✓" : "○");
      const name = el("strong", {}, `${c.label}: `);
      const state = el("span", { class: "visually-hidden" }, c.met ? `${t("met")}. ` : `${t("unmet")}. `);
      const text = el("span", {}, c.feedback || "");
      li.append(mark, " ", name, state, text);
      list.append(li);
    }
    if (fb.needs_review) {
      const li = el("li", { class: "review" }, t("review"));
      list.append(li);
    }
  }

  function send() {
    pending = true;
    drawStatus();
    model.set("text", area.value);
    drafts.stamp();
    model.save_changes();
    clearTimeout(ackTimer);
    ackTimer = setTimeout(() => {
      // No answer from the kernel: keep the text in this browser and say so.
      if (pending) {
        status.textContent = t("offline");
        status.dataset.state = "offline";
      }
    }, ACK_TIMEOUT_MS);
  }

  area.addEventListener("input", () => {
    drawWords();
    drafts.keep("text", area.value);
    clearTimeout(timer);
    timer = setTimeout(send, DEBOUNCE_MS);
    pending = true;
    drawStatus();
  });
  area.addEventListener("blur", () => {
    if (timer) {
      clearTimeout(timer);
      timer = null;
      send();
    }
  });

  model.on("change:saved_at", () => {
    pending = false;
    clearTimeout(ackTimer);
    drawStatus();
  });
  model.on("change:status", () => {
    if (model.get("status") !== "saving") pending = false;
    drawStatus();
  });
  model.on("change:feedback", drawFeedback);
  model.on("change:notice", drawNotice);
  model.on("change:text", () => {
    if (!pending && area.value !== model.get("text")) {
      area.value = model.get("text");
      drawWords();
    }
  });
  model.on("change:ui", () => {
    drawStatic();
    drawWords();
    drawStatus();
    drawFeedback();
  });
  for (const key of ["title", "prompt", "scenario"]) model.on(`change:${key}`, drawStatic);

  area.value = model.get("text");
  drawStatic();
  drawWords();
  drawStatus();
  drawNotice();
  drawFeedback();

  drafts.refresh(); // a draft this browser kept that the kernel never saved (tab closed, kernel died)

  return () => {
    clearTimeout(timer);
    clearTimeout(ackTimer);
  };
}

export default { render: withGuard(render) };
