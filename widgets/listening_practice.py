"""Listening practice widget: write what you would say back to each resident; feedback on every pause.

The browser gets only what it shows: the statements, the UI strings, the analysis of what the learner
wrote (criteria, found phrases, text segments) and the examples of a statement once the learner has
asked for them after writing something. Pattern lists and examples not yet revealed stay in the kernel.
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.exercise_types.listening_practice import analyse, responses_of, score
from coursekit.store import AnswersStore

from .base import asset, css, esm, tr
from .text_practice import TextPracticeWidget, revealed_ids

MAX_TEXT = 5000


def clean_answer(spec: dict, answer: Any, previous: dict | None = None) -> dict:
    """A saved or sent answer in the one shape the widget uses; wrong shapes become empty parts.

    Examples may only be revealed for a statement the learner has written something for (or that
    was revealed before).
    """
    ids = [s["id"] for s in spec.get("statements", [])]
    responses = {k: v[:MAX_TEXT] for k, v in responses_of(answer).items() if k in ids}
    revealed = revealed_ids(answer, previous, ids, responses)
    current = answer.get("current") if isinstance(answer, dict) else None
    if not isinstance(current, int) or isinstance(current, bool) or not 0 <= current < len(ids):
        current = 0
    return {"responses": responses, "revealed": revealed, "current": current}


class ListeningPracticeWidget(TextPracticeWidget):
    _esm = esm("listening_practice.js")
    _css = css() + asset("listening_practice.css")
    max_text = MAX_TEXT

    examples = traitlets.Dict().tag(sync=True)

    def clean(self, answer: Any, previous: dict | None) -> dict:
        return clean_answer(self._spec, answer, previous)

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
        self._summarise(score(self._spec, self.answer, lang))

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


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> ListeningPracticeWidget:
    return ListeningPracticeWidget(exercise, spec, store, lang)
