// Shared by every course view. anywidget loads one ES module per widget with no build step, so this
// helper travels as text in front of each view's module (widgets/base.py: esm()).
// Text is only ever set with textContent: learner text can never become markup.
function el(tag, attrs = {}, text = null) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  return node;
}

function backaText(model, key, vars = {}) {
  const s = (model.get("guard_ui") || {})[key] || "";
  return s.replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

// -- one writing window ---------------------------------------------------------------------------
// The kernel says (traits `locked`, `lock_reason`) when another window writes this module. Then every
// control of the view is read-only or disabled, a banner says why, and a button moves the writing here.
// Which pages of this browser have the module open is kept in localStorage (a page removes itself when
// it goes away), so a reloaded page, or the one left when the other tab closes, takes over by itself.
// The view's own code needs nothing of this: `export default { render: withGuard(render) }`.
const BACKA_CONTROLS = "input, textarea, select, button";
const BACKA_TEXT_INPUTS = "textarea, input[type=text], input:not([type])";
const BACKA_OPEN_MS = 90000; // a page not heard from for this long is gone (hidden tabs beat once a minute)

function backaAsk(model, what) {
  // One question per page and second is enough: all views of a module share the kernel's answer.
  const now = Date.now();
  window.__backaAsked = window.__backaAsked || {};
  if (now - (window.__backaAsked[what] || 0) < 1000) return;
  window.__backaAsked[what] = now;
  try {
    model.send({ backa: what });
  } catch (e) {
    /* no kernel: nothing to ask */
  }
}

// This page's mark "the module is open here", and whether another page of this browser has one.
function backaPages(moduleKey) {
  window.__backaPage = window.__backaPage || Math.random().toString(36).slice(2, 10);
  const prefix = `backa-open:${moduleKey}:`;
  const mine = prefix + window.__backaPage;
  const mark = () => {
    try {
      localStorage.setItem(mine, String(Date.now()));
    } catch (e) {
      /* storage blocked: the kernel's lease still guards */
    }
  };
  const unmark = () => {
    try {
      localStorage.removeItem(mine);
    } catch (e) {
      /* nothing to remove */
    }
  };
  const others = () => {
    let found = false;
    try {
      for (let i = localStorage.length - 1; i >= 0; i--) {
        const k = localStorage.key(i);
        if (!k || !k.startsWith(prefix) || k === mine) continue;
        if (Date.now() - Number(localStorage.getItem(k)) < BACKA_OPEN_MS) found = true;
        else localStorage.removeItem(k); // a crashed page's mark
      }
    } catch (e) {
      /* storage blocked */
    }
    return found;
  };
  return { prefix, mark, unmark, others };
}

function withGuard(render) {
  return (ctx) => {
    const { model, el: root } = ctx;
    const banner = el("div", { class: "backa-lock", role: "alert" });
    const text = el("p", { class: "backa-lock-text" });
    const take = el("button", { type: "button", class: "backa-lock-take" });
    banner.append(text, take);
    banner.hidden = true;
    const cleanup = render(ctx);
    const pages = model.get("module_key") ? backaPages(model.get("module_key")) : null;
    let settling = false; // asked the kernel to take over by itself: no banner until it answers

    function lock(node) {
      if (node.dataset.backaLocked) return;
      node.dataset.backaLocked = "1";
      if (node.matches(BACKA_TEXT_INPUTS)) {
        node.dataset.backaWas = node.readOnly ? "1" : "";
        node.readOnly = true; // still readable, selectable and announced; only not editable
      } else {
        node.dataset.backaWas = node.disabled ? "1" : "";
        node.disabled = true;
      }
    }
    function unlock(node) {
      if (!node.dataset.backaLocked) return;
      const was = node.dataset.backaWas === "1";
      if (node.matches(BACKA_TEXT_INPUTS)) node.readOnly = was;
      else node.disabled = was;
      delete node.dataset.backaLocked;
      delete node.dataset.backaWas;
    }
    function apply() {
      const msg = model.get("locked") || "";
      if (banner.parentNode !== root || root.firstChild !== banner) root.prepend(banner);
      banner.hidden = !msg || settling;
      // Only real changes: the observer below sees every text replaced here.
      if (text.textContent !== msg) text.textContent = msg;
      const label = backaText(model, "take_over");
      if (take.textContent !== label) take.textContent = label;
      take.hidden = !msg || model.get("lock_reason") === "reload";
      root.classList.toggle("backa-locked", !!msg);
      for (const node of root.querySelectorAll(BACKA_CONTROLS)) {
        if (banner.contains(node)) continue;
        if (msg) lock(node);
        else unlock(node);
      }
    }
    // Another window writes, but no other page of this browser has the module open: that window was
    // this page before a reload, or a tab that has since closed. Take over without asking.
    function decide() {
      if (model.get("lock_reason") === "elsewhere" && pages && !pages.others()) {
        if (!settling) {
          settling = true;
          setTimeout(() => {
            settling = false;
            apply();
          }, 3000);
        }
        backaAsk(model, "take-over");
      } else if (!model.get("locked")) {
        settling = false;
      }
      apply();
    }
    // Views redraw parts of themselves: new controls are locked too while the lock lasts.
    const observer = new MutationObserver((records) => {
      if (records.every((r) => banner.contains(r.target))) return;
      if (model.get("locked") || banner.parentNode !== root) apply();
    });
    observer.observe(root, { childList: true, subtree: true });
    model.on("change:locked", decide);
    model.on("change:lock_reason", decide);
    model.on("change:guard_ui", apply);
    take.addEventListener("click", () => backaAsk(model, "take-over"));
    model.on("msg:custom", (msg) => {
      // The file changed since this page was drawn: draw it again from the file (Voilà reloads; in
      // JupyterLab the banner asks the learner to run the notebook again).
      if (msg && msg.backa === "reload" && location.pathname.includes("/voila/")) location.reload();
    });
    // Look again when the learner comes back to this window, and now and then while it is locked.
    const look = () => {
      if (document.visibilityState === "visible") backaAsk(model, "check");
    };
    window.addEventListener("focus", look);
    document.addEventListener("visibilitychange", look);
    const poll = setInterval(() => {
      if (model.get("locked")) backaAsk(model, "check");
    }, 4000);
    // While this page is open it keeps the right to write (the kernel hears a beat; the other pages of
    // this browser see its mark). A page that goes away takes its mark with it.
    const beat = setInterval(() => {
      if (pages) pages.mark();
      if (!model.get("locked")) backaAsk(model, "beat");
    }, 5000);
    const onStorage = (e) => {
      if (pages && e.key && e.key.startsWith(pages.prefix) && e.newValue === null) decide();
    };
    window.addEventListener("storage", onStorage);
    const leave = () => pages && pages.unmark();
    const back = (e) => {
      if (!e.persisted) return;
      if (pages) pages.mark();
      backaAsk(model, "check");
    };
    window.addEventListener("pagehide", leave);
    window.addEventListener("pageshow", back);
    if (pages) pages.mark();
    decide();
    return () => {
      clearInterval(poll);
      clearInterval(beat);
      observer.disconnect();
      window.removeEventListener("focus", look);
      document.removeEventListener("visibilitychange", look);
      window.removeEventListener("storage", onStorage);
      window.removeEventListener("pagehide", leave);
      window.removeEventListener("pageshow", back);
      if (typeof cleanup === "function") cleanup();
    };
  };
}

// -- drafts ---------------------------------------------------------------------------------------
// Every free-text field keeps what is typed in this browser (localStorage) until the kernel says it has
// saved it, so a closed tab, a crash or a dead kernel never loses a keystroke. After a reload the view
// offers the text back. Fields are named by the view ("text", "responses.s2", "phases.1.description").
// `saved(field, draft)` gives the text the kernel has for a field; `apply(fields)` puts restored text back.
function backaDrafts(model, name, { saved, apply }) {
  const key = `backa-draft:${location.pathname}:${name}`;
  const page = Math.random().toString(36).slice(2, 10);
  let seq = model.get("sent") || 0;

  function read() {
    try {
      const d = JSON.parse(localStorage.getItem(key) || "null");
      if (d && typeof d === "object" && d.fields && typeof d.fields === "object") return d;
      // Drafts kept by the course's earlier views: {text, at} (reflection), {responses, at} (listening).
      const old = (v) => ({ v, seq: 0, page: "earlier", at: (d && d.at) || 0 });
      if (d && typeof d.text === "string") return { fields: { text: old(d.text) } };
      if (d && d.responses && typeof d.responses === "object") {
        const fields = {};
        for (const [k, v] of Object.entries(d.responses)) if (typeof v === "string") fields[`responses.${k}`] = old(v);
        return { fields };
      }
    } catch (e) {
      /* an unreadable draft is no draft */
    }
    return { fields: {} };
  }
  function write(d) {
    try {
      if (Object.keys(d.fields).length) localStorage.setItem(key, JSON.stringify(d));
      else localStorage.removeItem(key);
    } catch (e) {
      /* storage full or blocked: the kernel copy still saves */
    }
  }

  // Drafts left by an earlier page (a reload, a crash) that differ from what the kernel saved.
  function leftOver() {
    const d = read();
    const out = {};
    let changed = false;
    for (const [f, x] of Object.entries(d.fields)) {
      if (!x || typeof x.v !== "string" || x.page === page) continue;
      let now;
      try {
        now = saved(f, x.v);
      } catch (e) {
        now = undefined;
      }
      if (now === x.v) {
        delete d.fields[f]; // saved after all (the kernel died after writing): nothing to offer
        changed = true;
      } else {
        out[f] = x.v;
      }
    }
    if (changed) write(d);
    return out;
  }

  const offer = el("div", { class: "backa-draft", role: "region" });
  const offerText = el("p", { class: "backa-draft-text" });
  const restore = el("button", { type: "button", class: "backa-draft-restore" });
  const discard = el("button", { type: "button", class: "secondary backa-draft-discard" });
  offer.append(offerText, restore, discard);
  offer.setAttribute("aria-label", backaText(model, "draft_title") || "draft");

  function drawOffer() {
    const found = leftOver();
    const n = Object.keys(found).length;
    offer.hidden = !n;
    offerText.textContent = backaText(model, "draft_found", { n });
    restore.textContent = backaText(model, "draft_restore");
    discard.textContent = backaText(model, "draft_discard");
    return found;
  }
  restore.addEventListener("click", () => {
    const found = leftOver();
    offer.hidden = true;
    // The restored text becomes this page's draft, kept until the kernel has saved it.
    for (const [f, v] of Object.entries(found)) api.keep(f, v);
    apply(found);
  });
  discard.addEventListener("click", () => {
    const d = read();
    for (const f of Object.keys(leftOver())) delete d.fields[f];
    write(d);
    offer.hidden = true;
  });
  model.on("change:acked", () => {
    const n = model.get("acked") || 0;
    const d = read();
    for (const [f, x] of Object.entries(d.fields)) if (x && x.page === page && x.seq <= n) delete d.fields[f];
    write(d);
  });
  model.on("change:guard_ui", drawOffer);
  // This page may write again (the other tab closed): that tab's unsaved text is offered here now.
  model.on("change:locked", () => {
    if (!model.get("locked")) drawOffer();
  });

  const api = {
    offer,
    // On every keystroke: the field's text as it is now.
    keep(field, value) {
      const d = read();
      d.fields[field] = { v: String(value), seq: seq + 1, page, at: Date.now() };
      write(d);
    },
    // Right before the view sends its changes: number them, so the kernel's acknowledgement says which.
    stamp() {
      seq += 1;
      model.set("sent", seq);
    },
    refresh: drawOffer,
  };
  return api;
}

// -- limits ---------------------------------------------------------------------------------------
// A field with a maximum length: the browser stops typing at the limit, a counter shows how close the
// text is, and a message says when the limit is reached or a paste did not fit (nothing is cut silently).
function backaLimit(model, field, max) {
  field.maxLength = max;
  const note = el("p", { class: "backa-limit", "aria-live": "polite" });
  if (!field.id) field.id = `backa-f-${Math.random().toString(36).slice(2, 8)}`;
  note.id = `${field.id}-limit`;
  const described = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
  field.setAttribute("aria-describedby", [...described, note.id].join(" "));
  let cut = 0;
  const number = (x) => {
    try {
      return new Intl.NumberFormat(model.get("lang") || "sv").format(x);
    } catch (e) {
      return String(x);
    }
  };
  function draw() {
    const n = field.value.length;
    const parts = [];
    if (n >= max * 0.8) parts.push(backaText(model, "limit_count", { n: number(n), max: number(max) }));
    if (cut) parts.push(backaText(model, "limit_paste", { cut: number(cut), max: number(max) }));
    else if (n >= max) parts.push(backaText(model, "limit_reached", { max: number(max) }));
    note.textContent = parts.join(" ");
    note.hidden = !parts.length;
    note.dataset.state = n >= max || cut ? "full" : "near";
  }
  field.addEventListener("paste", (e) => {
    const pasted = (e.clipboardData && e.clipboardData.getData("text")) || "";
    const selected = Math.max((field.selectionEnd || 0) - (field.selectionStart || 0), 0);
    const room = max - (field.value.length - selected);
    cut = Math.max(pasted.length - Math.max(room, 0), 0);
    setTimeout(draw, 0);
  });
  field.addEventListener("input", () => {
    if (field.value.length < max) cut = 0;
    draw();
  });
  // One listener per view for the language change, not one per redraw of a field.
  if (!model.__backaLimits) {
    model.__backaLimits = new Set();
    model.on("change:guard_ui", () => {
      for (const fn of model.__backaLimits) fn();
    });
  }
  const redraw = () => (field.isConnected ? draw() : model.__backaLimits.delete(redraw));
  model.__backaLimits.add(redraw);
  draw();
  return note;
}
