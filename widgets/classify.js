// Classify view: each case gets a category from a labelled select; "Check" asks the kernel for feedback.
// Answer keys stay in the kernel; only texts and results reach the browser. Text is set with textContent.

function render({ model, el: root }) {
  const uid = `cls-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("div", { class: "backa-ex", role: "group", "aria-labelledby": `${uid}-title` });
  root.append(box);

  const t = (key) => (model.get("ui") || {})[key] || key;

  function draw() {
    const view = model.get("view") || {};
    const choices = (model.get("answer") || {}).choices || {};
    const result = model.get("result") || {};
    const focused = document.activeElement && document.activeElement.id;
    box.replaceChildren();
    box.append(el("h3", { id: `${uid}-title` }, view.title || ""));
    box.append(el("p", {}, view.instructions || ""));
    const notice = el("div", { class: "backa-ex-notice", role: "alert" }, model.get("notice") || "");
    notice.hidden = !model.get("notice");
    (view.cases || []).forEach((c, i) => {
      const row = el("div", { class: "backa-ex-case", "data-case": c.id });
      const qid = `${uid}-q-${c.id}`;
      row.append(el("p", { id: `${qid}-text` }, `${i + 1}. ${c.text}`));
      const label = el("label", { for: qid }, `${t("answer_n").replace("{n}", i + 1)}: `);
      const select = el("select", { id: qid, "aria-describedby": `${qid}-text ${qid}-res` });
      select.append(el("option", { value: "" }, t("choose")));
      for (const cat of view.categories || []) {
        const opt = el("option", { value: cat.id }, cat.label);
        if (choices[c.id] === cat.id) opt.selected = true;
        select.append(opt);
      }
      select.addEventListener("change", () => {
        const next = Object.assign({}, (model.get("answer") || {}).choices || {});
        if (select.value) next[c.id] = select.value;
        else delete next[c.id];
        model.set("answer", { choices: next });
        model.save_changes();
      });
      label.append(select);
      row.append(label);
      const res = (result.cases || {})[c.id];
      const out = el("p", { id: `${qid}-res`, class: "backa-ex-result", "aria-live": "polite" });
      if (res) {
        out.classList.add(res.correct ? "correct" : "wrong");
        out.textContent = `${res.correct ? t("correct") : t("wrong")} ${res.explanation}`;
      }
      row.append(out);
      box.append(row);
    });
    const check = el("button", { type: "button" }, t("check"));
    check.addEventListener("click", () => {
      model.set("check_count", (model.get("check_count") || 0) + 1);
      model.save_changes();
    });
    const summary = el("p", { class: "backa-ex-summary", role: "status", "aria-live": "polite" });
    if (result.points !== undefined) {
      summary.textContent = `${t("score")}: ${result.correct} / ${result.total}. ${result.message || ""}`;
    }
    box.append(notice, check, summary);
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  for (const key of ["view", "ui", "result", "notice"]) model.on(`change:${key}`, draw);
  draw();
}

export default { render: withGuard(render) };
