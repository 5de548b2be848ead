// Certificate view: a labelled name field, a button, a status message and a download link (Blob).
// The name is sent to the kernel as a value; nothing is placed as HTML.

function render({ model, el: root }) {
  const uid = `cert-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("div", { class: "backa-ex backa-cert", role: "group", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title` });
  const intro = el("p");
  const label = el("label", { for: `${uid}-name` });
  const input = el("input", { type: "text", id: `${uid}-name`, autocomplete: "name", maxlength: "200" });
  input.value = model.get("name") || "";
  const button = el("button", { type: "button", id: `${uid}-create` });
  const status = el("p", { class: "backa-cert-status", role: "status", "aria-live": "polite" });
  const link = el("a", { class: "backa-cert-link", id: `${uid}-link` });
  link.hidden = true;
  box.append(title, intro, label, input, button, status, link);
  root.append(box);
  let url = null;

  const t = (k) => (model.get("ui") || {})[k] || k;
  function drawText() {
    title.textContent = t("title");
    intro.textContent = t("intro");
    label.textContent = t("name");
    button.textContent = t("create");
    link.textContent = t("download");
  }
  function drawCreated() {
    const c = model.get("created") || {};
    status.textContent = c.message || "";
    status.dataset.state = c.error ? "error" : "ok";
    if (c.html) {
      if (url) URL.revokeObjectURL(url);
      url = URL.createObjectURL(new Blob([c.html], { type: "text/html;charset=utf-8" }));
      link.href = url;
      link.download = c.filename || "certificate.html";
      link.hidden = false;
    } else {
      link.hidden = true;
    }
  }
  function create() {
    model.set("name", input.value);
    model.save_changes();
    model.set("create_count", (model.get("create_count") || 0) + 1);
    model.save_changes();
  }
  button.addEventListener("click", create);
  input.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") create();
  });
  model.on("change:ui", drawText);
  model.on("change:created", drawCreated);
  drawText();
  drawCreated();
  return () => url && URL.revokeObjectURL(url);
}

export default { render };
