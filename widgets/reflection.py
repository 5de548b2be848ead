"""The reflection widget: learners write, get per-criterion feedback while they write, and the text is
saved to the module's answers file on every pause."""

from __future__ import annotations

import anywidget
import traitlets

from coursekit.store import AnswersStore, message
from grading import load_item, score

from .base import Guarded, css, esm, tr, ui


class ReflectionWidget(Guarded, anywidget.AnyWidget):
    _esm = esm("reflection.js")
    _css = css()

    item = traitlets.Unicode().tag(sync=True)
    lang = traitlets.Unicode("sv").tag(sync=True)
    title = traitlets.Unicode().tag(sync=True)
    prompt = traitlets.Unicode().tag(sync=True)
    scenario = traitlets.Unicode().tag(sync=True)
    ui = traitlets.Dict().tag(sync=True)
    text = traitlets.Unicode().tag(sync=True)
    feedback = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("unsaved").tag(sync=True)
    saved_at = traitlets.Float(0.0).tag(sync=True)
    notice = traitlets.Unicode().tag(sync=True)

    def __init__(self, item: str, store: AnswersStore, lang: str = "sv", **kwargs) -> None:
        self._spec = load_item(item)  # raises UnknownItemError with the valid ids
        self._store = store
        super().__init__(item=item, **kwargs)
        entry = store.get("items", item) or {}
        self.set_lang(lang)
        self.text = entry.get("text", "")
        self.saved_at = float(entry.get("saved_at", 0.0))
        self.status = "saved" if entry else "unsaved"
        if store.report.problem:
            self.notice = store.report.message(lang)
        self._rescore()
        self.observe(self._on_text, names="text")

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.ui = ui(lang)
        self.title = self.ui["reflection"]
        self.prompt = tr(self._spec.prompt, lang)
        self.scenario = tr(self._spec.scenario, lang)
        if self.text:
            self._rescore()

    def _rescore(self) -> None:
        # Before the learner has written anything there is nothing to comment on; once they have
        # (even if they then cleared the box) the grader's "empty" message is shown.
        if not self.text.strip() and self._store.get("items", self.item) is None:
            self.feedback = {}
            return
        self.feedback = score(self.item, self.text, self.lang).to_dict()

    def _on_text(self, change: dict) -> None:
        self.status = "saving"
        result = self._store.save_text(self.item, change["new"], self.lang)
        if result.ok:
            self.status = "conflict" if result.conflict else "saved"
            self.saved_at = result.saved_at or 0.0
            self.notice = message("conflict", self.lang) if result.conflict else ""
        else:
            self.status = "error"
            self.notice = result.message(self.lang)
        self._rescore()
