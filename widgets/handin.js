// Hand-in view (widgets/handin.py). Layout "home": the released modules, each with progress, Hand in and
// feedback. Layout "module": the same controls for one module, with a link back to the course home.
// Nodes are made once per module and updated in place, so focus and the live regions survive updates.
// All text is set with textContent.

const NO_REPLY_MS = 90000;

function render({ model, el: root }) {
  const layout = model.get("place");
  const uid = `handin-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget", "backa-handin");
  root.dataset.layout = layout;
  const t = (key, vars = {}) =>
    ((model.get("ui") || {})[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in vars ? vars[k] : m));
  const when = (ms) =>
    new Date(ms).toLocaleString(model.get("lang") === "sv" ? "sv-SE" : "en-GB", {
      dateStyle: "long",
      timeStyle: "short",
    });

  // On the home the list sits under the page's own "Modules" heading; in a module it is a labelled region.
  const box =
    layout === "home"
      ? el("div", { class: "backa-handin-box" })
      : el("section", { class: "backa-handin-box", "aria-labelledby": `${uid}-h` });
  const heading = el("h2", { id: `${uid}-h`, class: "backa-handin-title" });
  const home = el("a", { class: "backa-handin-home" });
  const notice = el("div", { class: "backa-handin-notice", role: "status", "aria-live": "polite" });
  const noticeText = el("p");
  const noticeDetail = el("details", { class: "backa-handin-detail" });
  const noticeSummary = el("summary");
  const noticeCode = el("code");
  noticeDetail.append(noticeSummary, noticeCode);
  notice.append(noticeText, noticeDetail);
  const list = el(layout === "home" ? "ol" : "div", { class: layout === "home" ? "backa-modules" : "backa-handin-one" });
  const refresh = el("button", { type: "button", class: "secondary backa-handin-refresh" });
  const refreshStatus = el("span", { class: "backa-handin-refresh-status", role: "status", "aria-live": "polite" });
  if (layout === "module") box.append(heading, home);
  box.append(notice, list);
  if (layout === "home") box.append(refresh, refreshStatus);
  root.append(box);

  let ready = false; // the kernel has answered the first request: submissions and releases are known
  let counter = 0;
  let pending = null; // the request waiting for the kernel's reply
  const rows = new Map(); // assignment -> nodes

  let noReply = null;
  function send(action, assignment = "") {
    counter = Math.max(counter, (model.get("request") || {}).n || 0) + 1;
    pending = { action, assignment, n: counter };
    model.set("request", { ...pending });
    model.save_changes();
    // A kernel that has gone away never answers: free the buttons and say what to do.
    clearTimeout(noReply);
    noReply = setTimeout(() => {
      const lost = pending;
      pending = null;
      draw();
      const n = lost && rows.get(lost.assignment);
      if (n) showMessage(n.status, n.detail, { kind: "no_reply" });
      else refreshStatus.textContent = t("no_reply");
    }, NO_REPLY_MS);
    drawStatic();
    drawRows();
  }

  function showMessage(node, detailNodes, msg) {
    const [details, summary, code] = detailNodes;
    let text = "";
    if (msg.kind === "receipt") text = t("receipt", { time: when(msg.at) });
    else if (msg.kind) text = t(msg.kind);
    node.firstChild.textContent = text;
    const busy = msg.kind === "opening" || msg.kind === "submitting";
    node.dataset.kind = msg.kind === "receipt" ? "receipt" : busy ? "busy" : msg.kind ? "error" : "";
    summary.textContent = t("detail");
    code.textContent = msg.detail || "";
    details.hidden = !msg.detail;
  }

  function makeRow(r) {
    const item = el(layout === "home" ? "li" : "div", { class: layout === "home" ? "backa-module" : "backa-handin-row" });
    const link = el("a", { class: "backa-module-link" });
    const minutes = el("span", { class: "backa-module-minutes" });
    const progress = el("progress", { max: "1", value: "0" });
    const done = el("span", { class: "backa-done" });
    const controls = el("div", { class: "backa-handin-controls" });
    const submit = el("button", { type: "button", class: "backa-handin-submit" });
    const last = el("span", { class: "backa-handin-last" });
    const feedback = el("a", { class: "backa-handin-feedback", target: "_blank", rel: "noopener" });
    const status = el("div", { class: "backa-handin-status", role: "status", "aria-live": "polite" });
    status.append(el("p"));
    const details = el("details", { class: "backa-handin-detail" });
    const summary = el("summary");
    const code = el("code");
    details.append(summary, code);
    status.append(details);
    controls.append(submit, last, feedback);
    if (layout === "home") {
      const head = el("div", { class: "backa-module-head" });
      head.append(link, minutes);
      const bar = el("div", { class: "backa-module-progress" });
      bar.append(progress, done);
      item.append(head, bar);
    }
    item.append(controls, status);

    link.addEventListener("click", (ev) => {
      const row = rowData(item.dataset.assignment);
      if (!row || row.fetched) return; // a fetched module is an ordinary link
      ev.preventDefault();
      if (!pending) send("open", row.assignment);
    });
    submit.addEventListener("click", () => {
      if (!pending) send("submit", item.dataset.assignment);
    });
    return { item, link, minutes, progress, done, submit, last, feedback, status, detail: [details, summary, code] };
  }

  function rowData(assignment) {
    return (model.get("rows") || []).find((r) => r.assignment === assignment);
  }

  function drawRows() {
    const data = model.get("rows") || [];
    const seen = new Set();
    for (const r of data) {
      seen.add(r.assignment);
      let n = rows.get(r.assignment);
      if (!n) {
        n = makeRow(r);
        rows.set(r.assignment, n);
      }
      list.append(n.item); // keeps the catalogue order
      n.item.dataset.module = r.module;
      n.item.dataset.assignment = r.assignment;
      n.item.dataset.fetched = r.fetched ? "1" : "0";
      n.link.textContent = r.title;
      n.link.setAttribute("href", r.href || "#");
      n.minutes.textContent = ` · ${r.minutes}`;
      const hasProgress = r.total !== undefined;
      n.progress.hidden = !hasProgress;
      n.done.hidden = !hasProgress;
      if (hasProgress) {
        n.progress.max = r.total || 1;
        n.progress.value = r.done;
        n.progress.setAttribute("aria-label", r.progress_label);
        n.done.textContent = r.done_text;
      }
      const busy = pending && pending.assignment === r.assignment;
      n.submit.textContent = busy && pending.action === "submit" ? t("submitting") : t("submit");
      n.submit.setAttribute("aria-label", t("submit_label", { title: r.title }));
      n.submit.setAttribute("aria-disabled", pending ? "true" : "false");
      if (!ready) n.last.textContent = "";
      else n.last.textContent = r.submitted_at ? t("last_submitted", { time: when(r.submitted_at) }) : t("not_submitted");
      n.feedback.hidden = !r.feedback_url;
      if (r.feedback_url) {
        n.feedback.setAttribute("href", r.feedback_url);
        n.feedback.textContent = t("feedback_link");
        n.feedback.setAttribute("aria-label", t("feedback_label", { title: r.title }));
      }
      if (busy && pending.action === "open") showMessage(n.status, n.detail, { kind: "opening" });
      else if (busy) showMessage(n.status, n.detail, { kind: "submitting" });
      else showMessage(n.status, n.detail, r.message || {});
    }
    for (const [assignment, n] of rows) {
      if (!seen.has(assignment)) {
        n.item.remove();
        rows.delete(assignment);
      }
    }
  }

  function drawStatic() {
    heading.textContent = t("region");
    home.textContent = `← ${t("home_link")}`;
    home.setAttribute("href", model.get("home_url"));
    refresh.textContent = t("refresh");
    refresh.setAttribute("aria-disabled", pending ? "true" : "false");
  }

  function drawNotice() {
    let n = model.get("notice") || {};
    if (!ready && !n.kind && layout === "home") n = { kind: "refreshing" };
    notice.hidden = !n.kind;
    notice.dataset.kind = n.kind === "refreshing" ? "busy" : n.kind || "";
    noticeText.textContent = n.kind ? t(n.kind) : "";
    noticeSummary.textContent = t("detail");
    noticeCode.textContent = n.detail || "";
    noticeDetail.hidden = !n.detail;
  }

  function draw() {
    drawStatic();
    drawNotice();
    drawRows();
  }

  refresh.addEventListener("click", () => {
    if (pending) return;
    refreshStatus.textContent = t("refreshing");
    send("refresh");
  });

  model.on("change:reply", () => {
    const r = model.get("reply") || {};
    if (!pending || r.n !== pending.n) return;
    clearTimeout(noReply);
    const done = pending;
    pending = null;
    if (done.action === "open" && r.ok && r.navigate) {
      location.assign(r.navigate);
      return;
    }
    if (done.action === "refresh") {
      ready = true;
      root.dataset.ready = "1";
      if (refreshStatus.textContent) refreshStatus.textContent = t("refreshed");
    }
    draw();
  });
  model.on("change:rows", drawRows);
  model.on("change:notice", drawNotice);
  model.on("change:ui", draw);

  draw();
  // Feedback the instructor released since the page was made is fetched now, when someone looks.
  send("refresh");
}

export default { render };
