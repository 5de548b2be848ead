"""What the free-text practice views share (listening practice, say-it): several texts in one answer,
feedback on every pause, model answers revealed on request, and text over the limit refused, not cut."""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.exercise_types._text import responses_of
from coursekit.store import AnswersStore, message

from .base import ExerciseWidget


def revealed_ids(answer: Any, previous: Any, ids: list[str], responses: dict[str, str]) -> list[str]:
    """The ids whose model answers may be shown: the exercise's own, each once, and only for a text the
    learner has written something for or that was revealed before. An odd saved answer (hand-edited or
    damaged) reads as nothing revealed."""
    earlier = previous.get("revealed") if isinstance(previous, dict) else None
    before = {i for i in earlier if isinstance(i, str)} if isinstance(earlier, list) else set()
    raw = answer.get("revealed") if isinstance(answer, dict) else None
    revealed: list[str] = []
    for i in raw if isinstance(raw, list) else []:
        if (
            isinstance(i, str)
            and i in ids
            and i not in revealed
            and (i in before or responses.get(i, "").strip())
        ):
            revealed.append(i)
    return revealed


class TextPracticeWidget(ExerciseWidget):
    """Loads and saves the answer; a subclass cleans it (`clean`), shows it (`_refresh`) and sets the
    longest text the kernel accepts (`max_text`)."""

    max_text = 0

    answer = traitlets.Dict().tag(sync=True)
    analysis = traitlets.Dict().tag(sync=True)
    summary = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    saved_at = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        super().__init__(
            exercise=exercise, answer=self.clean(saved, saved if isinstance(saved, dict) else None)
        )
        self.status = "saved" if saved is not None else ""
        entry = store.get("exercises", exercise) or {}
        self.saved_at = float(entry.get("saved_at", 0.0) or 0.0)
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        self.observe(self._on_answer, names="answer")

    def clean(self, answer: Any, previous: dict | None) -> dict:
        raise NotImplementedError

    def set_lang(self, lang: str) -> None:
        raise NotImplementedError

    def _refresh(self) -> None:
        raise NotImplementedError

    def _summarise(self, result: Any) -> None:
        self.summary = {
            "points": result.points,
            "max_points": result.max_points,
            "complete": result.complete,
            "answered": sum(1 for d in result.details.values() if d["answered"]),
            "total": len(result.details),
        }

    def _on_answer(self, change: dict) -> None:
        longest = max((len(v) for v in responses_of(change["new"]).values()), default=0)
        if longest > self.max_text:
            # Refuse rather than cut: what is saved must be what the learner sees (the browser stops
            # typing at the limit, so only another client gets here). The last saved answer stays.
            self.status = "error"
            self.notice = self.too_long(longest, self.max_text)
            return
        cleaned = self.clean(change["new"], change["old"])
        if cleaned != change["new"]:
            self.answer = cleaned  # observed again; saves the cleaned version
            return
        result = self._store.save_answer(self.exercise, cleaned, self.lang)
        if result.ok:
            self.status = "saved"
            self.saved_at = result.saved_at or 0.0
            self.notice = message("conflict", self.lang) if result.conflict else ""
        else:
            self.status = "error"
            self.notice = result.message(self.lang)
        self._refresh()
