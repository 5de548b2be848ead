"""Classify exercise widget: pick a category for each case; feedback per case after "Check"."""

from __future__ import annotations

from coursekit.exercises import score_exercise
from coursekit.store import AnswersStore

from .base import CheckedExerciseWidget, css, esm, tr, ui


class ClassifyWidget(CheckedExerciseWidget):
    _esm = esm("classify.js")
    _css = css()

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        super().__init__(exercise=exercise, answer=saved if isinstance(saved, dict) else {})
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        if isinstance(saved, dict) and saved.get("checked"):
            self._check()
        self.observe(self._on_answer, names="answer")
        self.observe(lambda _: self._check(save=True), names="check_count")

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.ui = ui(lang)
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "categories": [{"id": c["id"], "label": tr(c["label"], lang)} for c in spec["categories"]],
            "cases": [{"id": c["id"], "text": tr(c["text"], lang)} for c in spec["cases"]],
        }
        if self.result:
            self._check()

    def _on_answer(self, change: dict) -> None:
        answer = dict(change["new"], checked=bool(self.result))
        result = self._store.save_answer(self.exercise, answer, self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)

    def _check(self, save: bool = False) -> None:
        res = score_exercise(self.exercise, self.answer, self.lang)
        cases = {
            c["id"]: {
                "correct": res.details[c["id"]]["correct"],
                "explanation": tr(c["explanation"], self.lang),
            }
            for c in self._spec["cases"]
            if res.details[c["id"]]["picked"] is not None
        }
        self.result = {
            "points": res.points,
            "correct": sum(d["correct"] for d in res.details.values()),
            "total": len(self._spec["cases"]),
            "cases": cases,
            "message": "" if res.complete else self.ui["unanswered"],
        }
        if save:
            self._store.save_answer(self.exercise, dict(self.answer, checked=True), self.lang)


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> ClassifyWidget:
    return ClassifyWidget(exercise, spec, store, lang)
