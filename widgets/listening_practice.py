"""Listening practice widget: write what you would say back to each resident; feedback on every pause.

The browser gets only what it shows: the statements, the UI strings, the analysis of what the learner
wrote (criteria, found phrases, text segments) and the examples of a statement once the learner has
asked for them after writing something. Pattern lists and examples not yet revealed stay in the kernel.
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.exercise_types.listening_practice import analyse, responses_of, score
from coursekit.store import AnswersStore, message

from .base import ExerciseWidget, asset, css, esm, tr

MAX_TEXT = 5000


def clean_answer(spec: dict, answer: Any, previous: dict | None = None) -> dict:
    """A saved or sent answer in the one shape the widget uses; wrong shapes become empty parts.

    Examples may only be revealed for a statement the learner has written something for (or that
    was revealed before).
    """
    ids = [s["id"] for s in spec.get("statements", [])]
    responses = {k: v[:MAX_TEXT] for k, v in responses_of(answer).items() if k in ids}
    earlier = (previous or {}).get("revealed")
    before = {sid for sid in earlier if isinstance(sid, str)} if isinstance(earlier, list) else set()
    raw = answer.get("revealed") if isinstance(answer, dict) else None
    revealed = []
    for sid in raw if isinstance(raw, list) else []:
        if sid in ids and sid not in revealed and (sid in before or responses.get(sid, "").strip()):
            revealed.append(sid)
    current = answer.get("current") if isinstance(answer, dict) else None
    if not isinstance(current, int) or isinstance(current, bool) or not 0 <= current < len(ids):
        current = 0
    return {"responses": responses, "revealed": revealed, "current": current}


class ListeningPracticeWidget(ExerciseWidget):
    _esm = esm("listening_practice.js")
    _css = css() + asset("listening_practice.css")

    answer = traitlets.Dict().tag(sync=True)
    analysis = traitlets.Dict().tag(sync=True)
    examples = traitlets.Dict().tag(sync=True)
    summary = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    saved_at = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        answer = clean_answer(spec, saved, previous=saved if isinstance(saved, dict) else None)
        super().__init__(exercise=exercise, answer=answer)
        self.status = "saved" if saved is not None else ""
        entry = store.get("exercises", exercise) or {}
        self.saved_at = float(entry.get("saved_at", 0.0) or 0.0)
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        self.observe(self._on_answer, names="answer")

    # -- language and derived state -----------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        statements = spec.get("statements", [])
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "ui": {k: tr(v, lang) for k, v in spec.get("ui", {}).items()},
            "max_chars": MAX_TEXT,
            "statements": [
                {
                    "id": s["id"],
                    "level": tr(s.get("level"), lang),
                    "speaker": tr(s.get("speaker"), lang),
                    "text": tr(s.get("text"), lang),
                }
                for s in statements
            ],
        }
        self._refresh()

    def _refresh(self) -> None:
        lang = self.lang
        responses = self.answer.get("responses", {})
        analysis = {}
        for st in self._spec.get("statements", []):
            res = analyse(self._spec, st["id"], responses.get(st["id"], ""), lang)
            if res["answered"]:
                analysis[st["id"]] = res
        self.analysis = analysis
        self.examples = {sid: self._examples(sid) for sid in self.answer.get("revealed", [])}
        result = score(self._spec, self.answer, lang)
        self.summary = {
            "points": result.points,
            "max_points": result.max_points,
            "complete": result.complete,
            "answered": sum(1 for d in result.details.values() if d["answered"]),
            "total": len(result.details),
        }

    def _examples(self, sid: str) -> list[dict]:
        for st in self._spec.get("statements", []):
            if st["id"] == sid:
                return [
                    {
                        "kind": e.get("kind", ""),
                        "good": e.get("kind") == "listens",
                        "label": tr(e.get("label"), self.lang),
                        "text": tr(e.get("text"), self.lang),
                        "why": tr(e.get("why"), self.lang),
                    }
                    for e in st.get("examples", [])
                ]
        return []

    # -- saving ---------------------------------------------------------------------------------
    def _on_answer(self, change: dict) -> None:
        longest = max((len(v) for v in responses_of(change["new"]).values()), default=0)
        if longest > MAX_TEXT:
            # Refuse rather than cut: what is saved must be what the learner sees.
            self.status = "error"
            self.notice = self.too_long(longest, MAX_TEXT)
            return
        cleaned = clean_answer(self._spec, change["new"], previous=change["old"])
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


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> ListeningPracticeWidget:
    return ListeningPracticeWidget(exercise, spec, store, lang)
