"""Case-steps widget: a transfer case as a sequence of decisions, each a labelled radio group.

Only the option texts reach the browser; which option is best stays in the kernel until "Check".
"""

from __future__ import annotations

from coursekit.exercise_types.case_steps import choices, score
from coursekit.store import AnswersStore

from .base import CheckedExerciseWidget, asset, css, esm, tr


class CaseStepsWidget(CheckedExerciseWidget):
    _esm = esm("case_steps.js")
    _css = css() + asset("capstone.css")

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        checked = isinstance(saved, dict) and saved.get("checked") is True
        super().__init__(exercise=exercise, answer={"choices": choices(saved)})
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        elif saved is not None and not (
            isinstance(saved, dict) and isinstance(saved.get("choices", {}), dict)
        ):
            self.notice = self._ui("loaded_partly")
        if checked:
            self._check()
        self.observe(self._on_answer, names="answer")
        self.observe(lambda _: self._check(save=True), names="check_count")

    def _ui(self, key: str) -> str:
        return tr(self._spec.get("ui", {}).get(key), self.lang) or key

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.view = {
            "lang": lang,
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "case": tr(spec.get("case"), lang),
            "steps": [
                {
                    "id": s["id"],
                    "skill": tr(s.get("skill"), lang),
                    "situation": tr(s.get("situation"), lang),
                    "question": tr(s.get("question"), lang),
                    "options": [{"id": o["id"], "text": tr(o["text"], lang)} for o in s["options"]],
                }
                for s in spec["steps"]
            ],
            "ui": {k: tr(v, lang) for k, v in spec.get("ui", {}).items()},
        }
        if self.result:
            self._check()

    def _saved(self, checked: bool) -> dict:
        return {"choices": choices(self.answer), "checked": checked}

    def _on_answer(self, _change: dict) -> None:
        result = self._store.save_answer(self.exercise, self._saved(bool(self.result)), self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)

    def _check(self, save: bool = False) -> None:
        res = score(self._spec, self.answer, self.lang)
        steps = {
            sid: {"correct": r["correct"], "feedback": r["feedback"]}
            for sid, r in res.details["steps"].items()
            if r["picked"]
        }
        self.result = {
            "steps": steps,
            "correct": res.details["correct"],
            "total": len(self._spec["steps"]),
            "message": "" if res.complete else self._ui("unanswered"),
        }
        if save:
            self._store.save_answer(self.exercise, self._saved(True), self.lang)


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> CaseStepsWidget:
    return CaseStepsWidget(exercise, spec, store, lang)
