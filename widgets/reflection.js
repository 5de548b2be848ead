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
  const fbHint = el("p", { class: "backa-refl-fbhint" });
  const fbWrap = el("div", { class: "backa-refl-feedback", "aria-live": "polite" });
  fbWrap.append(fbTitle, fbMessage, fbHint, list);
  // Outside the feedback region, so that saving or withdrawing an objection is announced on its own.
  const announce = el("p", { class: "backa-refl-announce", role: "status", "aria-live": "polite" });
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
  box.append(title, scenario, label, area, meta, notice, drafts.offer, fbWrap, announce);
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

  // "I did this here": for a criterion not found, the learner can point to the sentence where they did
  // it. Each criterion has its own area for this, redrawn on its own and kept out of the feedback's live
  // region (aria-live=off): the separate status line below announces what happened.
  let open = null; // the criterion whose sentence chooser is open
  const chosen = {};
  let criteria = [];

  function focusIn(area, key) {
    const target = area.querySelector(`[data-focus="${key}"]`);
    if (target) target.focus();
  }

  function drawObjection(c, area, focusKey = null) {
    area.replaceChildren();
    const obj = (model.get("objections") || {})[c.id];
    const sentences = model.get("sentences") || [];
    if (obj) {
      if (open === c.id) open = null;
      const p = el("p", { class: "backa-refl-objected" });
      p.append(el("span", {}, `${t("objected")} «${obj.sentence}»`));
      if (obj.stale) p.append(" ", el("em", {}, t("objection_stale")));
      p.append(" ", el("span", {}, t("objection_review")), " ");
      const withdraw = el(
        "button",
        { type: "button", class: "secondary", "data-focus": "withdraw", "aria-label": `${t("withdraw")}: ${c.label}` },
        t("withdraw"),
      );
      withdraw.addEventListener("click", () => model.send({ type: "withdraw", criterion: c.id }));
      p.append(withdraw);
      area.append(p);
    } else if (c.met || !sentences.length) {
      // nothing to object to
    } else if (open === c.id) {
      const selId = `${uid}-obj-${c.id}`;
      const panel = el("div", { class: "backa-refl-object", role: "group", "aria-label": `${t("object")}: ${c.label}` });
      const sel = el("select", { id: selId, "data-focus": "select" });
      sentences.forEach((sentence, i) => sel.append(el("option", { value: String(i) }, sentence)));
      sel.value = String(Math.min(chosen[c.id] || 0, sentences.length - 1));
      sel.addEventListener("change", () => (chosen[c.id] = Number(sel.value)));
      const sendBtn = el("button", { type: "button", "data-focus": "send" }, t("object_send"));
      const cancel = el("button", { type: "button", class: "secondary", "data-focus": "cancel" }, t("object_cancel"));
      sendBtn.addEventListener("click", () => {
        const sentence = sentences[Number(sel.value)];
        if (sentence === undefined) return;
        model.send({ type: "object", criterion: c.id, sentence });
      });
      cancel.addEventListener("click", () => {
        open = null;
        drawObjection(c, area, "object");
      });
      panel.addEventListener("keydown", (ev) => {
        if (ev.key === "Escape") {
          ev.preventDefault();
          cancel.click();
        }
      });
      panel.append(el("label", { for: selId }, t("object_which")), sel, el("br"), sendBtn, cancel);
      area.append(panel);
    } else {
      const btn = el(
        "button",
        { type: "button", class: "secondary", "data-focus": "object", "aria-label": `${t("object")}: ${c.label}` },
        t("object"),
      );
      btn.addEventListener("click", () => {
        open = c.id;
        drawObjection(c, area, "select");
      });
      area.append(btn);
    }
    if (focusKey) focusIn(area, focusKey);
  }

  function drawObjections() {
    // After a save or a withdrawal, focus goes to the control that replaced the one the learner used.
    const active = document.activeElement;
    for (const c of criteria) {
      const area = list.querySelector(`li[data-criterion="${CSS.escape(c.id)}"] .backa-refl-objarea`);
      if (!area) continue;
      const had = area.contains(active);
      drawObjection(c, area, had ? ((model.get("objections") || {})[c.id] ? "withdraw" : "object") : null);
    }
  }

  function drawFeedback() {
    const fb = model.get("feedback") || {};
    const active = document.activeElement;
    const focusCid = active && list.contains(active) ? active.closest("li")?.dataset.criterion : null;
    const focusKey = focusCid ? active.dataset.focus : null;
    list.replaceChildren();
    fbTitle.textContent = fb.points === undefined ? "" : `${t("feedback")}: ${fb.points} / ${fb.max_points}`;
    fbMessage.textContent = fb.message || "";
    fbMessage.hidden = !fb.message;
    criteria = fb.criteria || [];
    const canObject = (model.get("sentences") || []).length > 0;
    fbHint.textContent = t("unmet_hint");
    fbHint.hidden = !(canObject && criteria.some((c) => !c.met));
    for (const c of criteria) {
      const li = el("li", { class: c.met ? "met" : "unmet", "data-criterion": c.id });
      const mark = el("span", { class: "mark", "aria-hidden": "true" }, c.met ? "✓" : "○");
      const name = el("strong", {}, `${c.label}: `);
      const state = el("span", { class: "visually-hidden" }, c.met ? `${t("met")}. ` : `${t("unmet")}. `);
      const text = el("span", {}, c.feedback || "");
      const area = el("div", { class: "backa-refl-objarea", "aria-live": "off" });
      li.append(mark, " ", name, state, text, area);
      list.append(li);
      drawObjection(c, area, c.id === focusCid ? focusKey : null);
    }
    if (fb.needs_review) {
      const li = el("li", { class: "review" }, t("review"));
      list.append(li);
    }
  }

  function drawAnnounce() {
    announce.textContent = (model.get("announce") || {}).text || "";
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
  model.on("change:objections", drawObjections);
  model.on("change:sentences", drawFeedback);
  model.on("change:announce", drawAnnounce);
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
  drawAnnounce();

  drafts.refresh(); // a draft this browser kept that the kernel never saved (tab closed, kernel died)

  return () => {
    clearTimeout(timer);
    clearTimeout(ackTimer);
  };
}

export default { render: withGuard(render) };
