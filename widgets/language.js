// Language switch: a native, labelled select. In Voilà the page cannot update shown text in place,
// so once the kernel has stored the choice the dashboard reloads in the new language. In JupyterLab
// the running module updates in place, and the course stylesheet is fetched again.

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
    else refreshLabStyle();
  });
  label.append(" ", select);
  el.append(label);
}

// In JupyterLab, the course stylesheet picks which language of the pre-rendered module text shows
// (coursekit/labview.py); fetch it again so modules opened from now on follow the new choice.
function refreshLabStyle() {
  const config = document.getElementById("jupyter-config-data");
  if (!config || !document.querySelector('link[href*="custom/custom.css"]')) return;
  const base = JSON.parse(config.textContent).baseUrl || "/";
  let link = document.getElementById("backa-course-style");
  if (!link) {
    link = document.createElement("link");
    link.id = "backa-course-style";
    link.rel = "stylesheet";
    document.head.append(link);
  }
  link.href = `${base}backa-course/lab.css?chosen=${Date.now()}`;
}

export default { render };
