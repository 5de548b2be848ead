// Trainer guide view: a heading, a short text and two links to the printable guide, which is opened
// from a Blob (no network). The page is built in the kernel from escaped data; nothing here is HTML.

function render({ model, el: root }) {
  const uid = `tg-${Math.random().toString(36).slice(2, 8)}`;
  root.classList.add("backa-widget");
  const box = el("section", { class: "backa-ex backa-tg", "aria-labelledby": `${uid}-title` });
  const title = el("h3", { id: `${uid}-title` });
  const intro = el("p");
  const open = el("a", { class: "backa-tg-open", target: "_blank", rel: "noopener" });
  const save = el("a", { class: "backa-tg-save" });
  const links = el("p");
  links.append(open, " · ", save);
  box.append(title, intro, links);
  root.append(box);
  let url = null;
  const t = (k) => (model.get("ui") || {})[k] || k;

  function draw() {
    title.textContent = t("title");
    intro.textContent = `${t("intro")} (${t("sessions")})`;
    open.textContent = `${t("open")} ${t("new_tab")}`;
    save.textContent = t("download");
    if (url) URL.revokeObjectURL(url);
    url = URL.createObjectURL(new Blob([model.get("page") || ""], { type: "text/html;charset=utf-8" }));
    open.href = url;
    save.href = url;
    save.download = model.get("filename") || "trainer-guide.html";
  }
  model.on("change:page", draw);
  model.on("change:ui", draw);
  draw();
  return () => url && URL.revokeObjectURL(url);
}

export default { render };
