// Case-steps view: the case, then one fieldset per step with a radio group; "Check" asks the kernel.
// Which option is best never reaches the browser before the check. Text is set with textContent.

function render({ model, el: root }) {
  const uid = `steps-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("div", { class: "backa-ex backa-steps", role: "group", "aria-labelledby": `${uid}-title` });
  root.append(box);
  const t = (key) => ((model.get("view") || {}).ui || {})[key] || key;
  const results = {};
  let summary;

  function drawResult() {
    const result = model.get("result") || {};
    for (const [sid, out] of Object.entries(results)) {
      const r = (result.steps || {})[sid];
      out.className = "backa-ex-result";
      out.textContent = "";
      if (r) {
        out.classList.add(r.correct ? "correct" : "wrong");
        out.textContent = `${r.correct ? t("correct") : t("wrong")} ${r.feedback}`;
      }
    }
    summary.textContent =
      result.correct === undefined ? "" : `${t("score")}: ${result.correct} / ${result.total}. ${result.message || ""}`;
  }

  function draw() {
    const view = model.get("view") || {};
    const picked = (model.get("answer") || {}).choices || {};
    const focused = document.activeElement && box.contains(document.activeElement) ? document.activeElement.id : null;
    box.replaceChildren();
    box.setAttribute("lang", view.lang || "");
    box.append(el("h3", { id: `${uid}-title` }, view.title || ""));
    box.append(el("p", {}, view.instructions || ""));
    box.append(el("p", { class: "backa-steps-case" }, view.case || ""));
    const notice = el("div", { class: "backa-ex-notice", role: "alert" }, model.get("notice") || "");
    notice.hidden = !model.get("notice");
    box.append(notice);
    (view.steps || []).forEach((s, i) => {
      const fs = el("fieldset", { class: "backa-steps-step", "data-step": s.id, "aria-describedby": `${uid}-${s.id}-sit` });
      fs.append(el("legend", {}, `${t("step")} ${i + 1} · ${s.skill}: ${s.question}`));
      fs.append(el("p", { id: `${uid}-${s.id}-sit`, class: "backa-steps-situation" }, s.situation));
      for (const o of s.options) {
        const id = `${uid}-${s.id}-${o.id}`;
        const row = el("div", { class: "backa-radio" });
        const radio = el("input", { type: "radio", id, name: `${uid}-${s.id}`, value: o.id });
        radio.checked = picked[s.id] === o.id;
        radio.addEventListener("change", () => {
          if (!radio.checked) return;
          const next = Object.assign({}, (model.get("answer") || {}).choices || {});
          next[s.id] = o.id;
          model.set("answer", { choices: next });
          model.save_changes();
        });
        row.append(radio, el("label", { for: id }, o.text));
        fs.append(row);
      }
      const out = el("p", { class: "backa-ex-result", "aria-live": "polite", "data-result": s.id });
      results[s.id] = out;
      fs.append(out);
      box.append(fs);
    });
    const check = el("button", { type: "button", id: `${uid}-check` }, t("check"));
    check.addEventListener("click", () => {
      model.set("check_count", (model.get("check_count") || 0) + 1);
      model.save_changes();
    });
    summary = el("p", { class: "backa-ex-summary", role: "status", "aria-live": "polite" });
    box.append(check, summary);
    drawResult();
    if (focused) {
      const again = document.getElementById(focused);
      if (again) again.focus();
    }
  }

  model.on("change:view", draw);
  model.on("change:result", drawResult);
  model.on("change:notice", draw);
  draw();
}

export default { render: withGuard(render) };
