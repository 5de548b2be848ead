"""Hand in and feedback on a hub: the course home's list of released modules, and the bar at the top of
a module. The exchange work is coursekit.handin's; this class only turns it into rows for the view and
answers the view's requests (open, hand in, refresh)."""

from __future__ import annotations

import json
import os
import time
import urllib.parse
from functools import cache
from pathlib import Path

import anywidget
import traitlets

from coursekit.content import ContentError, Module, catalogue, module_text
from coursekit.handin import CourseExchange, HandInError, ModuleState, course_mode, warm_up
from coursekit.hub_home import HOME_NOTEBOOK

from .base import HERE, asset, css, esm

ROW_TEXT = {
    "done": {"sv": "{done} av {total} klara", "en": "{done} of {total} done"},
    "minutes": {"sv": "cirka {m} min", "en": "about {m} min"},
    "progress": {"sv": "Framsteg i {title}", "en": "Progress in {title}"},
}


@cache
def _ui_all() -> dict:
    data = json.loads((HERE / "handin_ui.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def ui(lang: str) -> dict[str, str]:
    return {key: texts.get(lang, texts["en"]) for key, texts in _ui_all().items()}


def server_prefix() -> str:
    """The learner's server under the hub, e.g. /user/anna/ (JupyterHub sets it for every server)."""
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", "/")
    return prefix if prefix.endswith("/") else prefix + "/"


def _url_path(path: Path, root: Path) -> str:
    return urllib.parse.quote(path.resolve().relative_to(root).as_posix())


class HandInWidget(anywidget.AnyWidget):
    _esm = esm("handin.js")
    _css = css() + asset("handin.css")

    place = traitlets.Unicode("home").tag(sync=True)  # "home": every released module; "module": one
    lang = traitlets.Unicode("sv").tag(sync=True)
    ui = traitlets.Dict().tag(sync=True)
    rows = traitlets.List().tag(sync=True)
    notice = traitlets.Dict().tag(sync=True)  # {"kind", "detail"} for the whole list, or empty
    home_url = traitlets.Unicode().tag(sync=True)
    request = traitlets.Dict().tag(sync=True)  # from the view: {"action", "assignment", "n"}
    reply = traitlets.Dict().tag(sync=True)  # to the view: {"n", "ok", "navigate"?}

    def __init__(self, folder: Path, place: str = "home", module: Module | None = None, lang: str = "sv"):
        super().__init__(place=place, home_url=f"{server_prefix()}voila/render/{HOME_NOTEBOOK}")
        self._folder = Path(folder).resolve()
        self._module = module
        self._messages: dict[str, dict] = {}
        self._states: dict[str, ModuleState] = {}
        self._exchange: CourseExchange | None = None
        self._problem: dict = {}
        self._asked = False  # the exchange has been asked at least once
        try:
            if place == "module":
                self._exchange = CourseExchange.for_module(self._folder)
            else:
                self._exchange = CourseExchange.for_home(self._folder)
        except Exception as exc:  # the configuration cannot be read: say so instead of breaking the page
            self._problem = {"kind": "not-configured", "detail": str(exc)}
        # The page shows what is in the learner's folder at once; the exchange is asked when the view
        # asks (its first request), while nbgrader is imported in the background meanwhile.
        warm_up()
        self.set_lang(lang)
        self.observe(self._on_request, names="request")

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.ui = ui(lang)
        self._draw()

    # -- what the view shows -----------------------------------------------------------------------
    def _modules(self) -> list[Module]:
        return [self._module] if self._module else list(catalogue())

    def _title(self, m: Module) -> str:
        try:
            return module_text(m.id, self.lang).title
        except ContentError:
            return m.assignment

    def _row(self, m: Module, state: ModuleState | None) -> dict:
        from coursekit.progress import module_progress

        ex = self._exchange
        folder = ex.folder(m.assignment) if ex else self._folder
        title = self._title(m)
        row = {
            "assignment": m.assignment,
            "module": m.id,
            "title": title,
            "minutes": ROW_TEXT["minutes"][self.lang].format(m=m.minutes),
            "fetched": folder.is_dir(),
            "released": bool(state and state.released),
            "href": "",
            "submitted_at": None,
            "feedback_url": "",
            "message": self._messages.get(m.assignment, {}),
        }
        try:
            row["href"] = _url_path(folder / m.notebook_file, self._folder)
        except ValueError:  # modules fetched outside the learner's folder cannot be linked to
            pass
        if self.place == "home" and folder.is_dir():
            p = module_progress(m, folder.parent)
            row.update(
                done=p.done,
                total=p.total,
                done_text=ROW_TEXT["done"][self.lang].format(done=p.done, total=p.total),
                progress_label=ROW_TEXT["progress"][self.lang].format(title=title),
            )
        if state and state.last:
            row["submitted_at"] = state.last.at * 1000 if state.last.at else None
        if ex and state and state.feedback:
            try:
                row["feedback_url"] = f"{server_prefix()}files/{_url_path(state.feedback.feedback, ex.root)}"
            except ValueError:  # feedback outside the learner's folder cannot be linked to
                pass
        return row

    def refresh(self, fetch_feedback: bool = True) -> None:
        """Ask the exchange again; with `fetch_feedback`, first fetch any feedback the instructor released."""
        if self._exchange is not None:
            try:
                if fetch_feedback:
                    self._exchange.fetch_feedback(self._module.assignment if self._module else None)
                self._states = self._exchange.states()
                self._problem = {}
            except HandInError as exc:
                self._states = {}
                self._problem = {"kind": exc.kind, "detail": exc.detail}
        self._asked = True
        self._draw()

    def _draw(self) -> None:
        rows = []
        for m in self._modules():
            state = self._states.get(m.assignment)
            fetched = self._exchange is not None and self._exchange.folder(m.assignment).is_dir()
            if self.place == "module" or fetched or (state and state.released):
                rows.append(self._row(m, state))
        notice = self._problem
        if self._asked and self.place == "home" and not notice and not rows:
            notice = {"kind": "none_released", "detail": ""}
        self.rows = rows
        self.notice = notice

    # -- what the view asks for --------------------------------------------------------------------
    def _on_request(self, change: dict) -> None:
        req = change["new"] or {}
        action, assignment = req.get("action"), req.get("assignment", "")
        reply: dict = {"n": req.get("n"), "ok": True}
        try:
            if action == "refresh":
                self.refresh()
            elif action in ("open", "submit"):
                reply.update(self._act(action, assignment))
        except Exception as exc:  # whatever happens, the view gets its answer and the learner words
            self._messages[assignment] = {"kind": "failed", "detail": f"{type(exc).__name__}: {exc}"}
            reply["ok"] = False
            self._draw()
        finally:
            self.reply = reply

    def _act(self, action: str, assignment: str) -> dict:
        """Open (fetch if needed) or hand in one module; returns what the reply adds."""
        try:
            if self._exchange is None:
                raise HandInError(
                    self._problem.get("kind", "not-configured"), self._problem.get("detail", "")
                )
            if action == "open":
                self._exchange.fetch(assignment)
                self._messages.pop(assignment, None)
                self.refresh(fetch_feedback=False)
                href = next((r["href"] for r in self.rows if r["assignment"] == assignment), "")
                return {"navigate": href}
            receipt = self._exchange.submit(assignment)
            self._messages[assignment] = {"kind": "receipt", "at": (receipt.at or time.time()) * 1000}
            self.refresh(fetch_feedback=False)
            return {}
        except HandInError as exc:
            kind = "open_failed" if action == "open" and exc.kind == "failed" else exc.kind
            self._messages[assignment] = {"kind": kind, "detail": exc.detail}
            self.refresh(fetch_feedback=False)
            return {"ok": False}


def hand_in_bar(module: Module, folder: Path, lang: str) -> HandInWidget | None:
    """The bar at the top of a module on a hub (course home, Hand in, feedback); None in self-study."""
    if course_mode(root=Path(folder).parent) != "hub":
        return None
    return HandInWidget(folder, place="module", module=module, lang=lang)
