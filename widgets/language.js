// Language switch: a native, labelled select. In Voilà the page cannot update shown text in place,
// so once the kernel has stored the choice the dashboard reloads in the new language.

function render({ model, el }) {
  const id = `lang-${Math.random().toString(36).slice(2, 8)}`;
  el.classList.add("backa-widget", "backa-lang");
  const label = document.createElement("label");
  label.setAttribute("for", id);
  label.textContent = model.get("label");
  const select = document.createElement("select");
  select.id = id;
  for (const [value, text] of model.get("options")) {
    const opt = document.createElement("option");
    opt.value = value;
    opt.textContent = text;
    opt.lang = value;
    select.append(opt);
  }
  select.value = model.get("value");
  select.addEventListener("change", () => {
    model.set("value", select.value);
    model.save_changes();
  });
  model.on("change:value", () => {
    select.value = model.get("value");
  });
  model.on("change:applied", () => {
    if (location.pathname.includes("/voila/")) location.reload();
  });
  label.append(" ", select);
  el.append(label);
}

export default { render };
