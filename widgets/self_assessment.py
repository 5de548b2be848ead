"""Self-assessment widget: rate confidence in each skill before the course and now, and write a next step.

Ratings are labelled radio groups; the browser draws an SVG chart with a table as its text alternative.
"""

from __future__ import annotations

from coursekit.exercise_types.self_assessment import normalize, score
from coursekit.store import AnswersStore

from .base import CheckedExerciseWidget, asset, css, esm, tr

MAX_NEXT_STEP = 5000


class SelfAssessmentWidget(CheckedExerciseWidget):
    _esm = esm("self_assessment.js")
    _css = css() + asset("capstone.css")

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        answer = normalize(spec, saved)
        super().__init__(exercise=exercise, answer=answer)
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        elif saved is not None and not isinstance(saved, dict):
            self.notice = tr(spec["ui"]["loaded_partly"], lang)
        if isinstance(saved, dict) and saved.get("checked") is True:
            self._check()
        self.observe(self._on_answer, names="answer")
        self.observe(lambda _: self._check(save=True), names="check_count")

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.view = {
            "lang": lang,
            "title": tr(spec["title"], lang),
            "instructions": tr(spec["instructions"], lang),
            "skills": [{"id": s["id"], "label": tr(s["label"], lang)} for s in spec["skills"]],
            "scale": [{"value": s["value"], "label": tr(s["label"], lang)} for s in spec["scale"]],
            "columns": {k: tr(v, lang) for k, v in spec["columns"].items()},
            "next_step": tr(spec["next_step"]["label"], lang),
            "max_chars": MAX_NEXT_STEP,
            "ui": {k: tr(v, lang) for k, v in spec["ui"].items()},
        }
        if self.result:
            self._check()

    def _on_answer(self, change: dict) -> None:
        step = change["new"].get("next_step") if isinstance(change["new"], dict) else None
        if isinstance(step, str) and len(step) > MAX_NEXT_STEP:
            # Refuse rather than cut: what is saved must be what the learner sees.
            self.notice = self.too_long(len(step), MAX_NEXT_STEP)
            self._over_limit = True
            return
        answer = dict(normalize(self._spec, change["new"]), checked=bool(self.result))
        result = self._store.save_answer(self.exercise, answer, self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)
        elif self._over_limit:
            self._over_limit = False
            self.notice = ""  # the text is short enough again
        if self.result:
            self._check()

    def _check(self, save: bool = False) -> None:
        res = score(self._spec, self.answer, self.lang)
        self.result = {
            "complete": res.complete,
            "feedback": res.feedback,
            "message": tr(self._spec["ui"]["done"], self.lang) if res.complete else "",
        }
        if save:
            self._store.save_answer(
                self.exercise, dict(normalize(self._spec, self.answer), checked=True), self.lang
            )


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> SelfAssessmentWidget:
    return SelfAssessmentWidget(exercise, spec, store, lang)
