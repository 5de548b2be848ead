"""Say-it widget: write what you would say at a given moment; feedback per check on every pause.

The browser gets only what it shows: the moments, the tasks, the UI strings, the analysis of what the
learner wrote (checks met, the learner's own words as evidence, words to avoid as text segments) and
the model answers of a prompt once the learner has asked for them after writing something. Pattern
lists, and model answers not yet asked for, stay in the kernel.
"""

from __future__ import annotations

from typing import Any

import traitlets

from coursekit.exercise_types.say_it import HARD_MAX, analyse, fraction, limits, messages, responses_of, score
from coursekit.store import AnswersStore

from .base import asset, css, esm, tr, ui
from .text_practice import TextPracticeWidget, revealed_ids

# Shared widget strings (widgets/ui.json) that this view uses besides its own (widgets/say_it.json).
SHARED_UI = ("saving", "saved", "error", "offline", "restore", "met", "unmet", "feedback")


def clean_answer(spec: dict, answer: Any, previous: dict | None = None) -> tuple[dict, bool]:
    """A saved or sent answer in the one shape the widget uses, and whether a text had to be cut.

    Wrong shapes become empty parts. Model answers may only be revealed for a prompt the learner has
    written something for (or that was revealed before).
    """
    ids = [p["id"] for p in spec.get("prompts", [])]
    cut = False
    responses = {}
    for k, v in responses_of(answer).items():
        if k in ids:
            cut = cut or len(v) > HARD_MAX
            responses[k] = v[:HARD_MAX]
    revealed = revealed_ids(answer, previous, ids, responses)
    return {"responses": responses, "revealed": revealed}, cut


class SayItWidget(TextPracticeWidget):
    _esm = esm("say_it.js")
    _css = css() + asset("say_it.css")
    max_text = HARD_MAX

    models = traitlets.Dict().tag(sync=True)

    def clean(self, answer: Any, previous: dict | None) -> dict:
        return clean_answer(self._spec, answer, previous)[0]

    # -- language and derived state -----------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        own = {k: tr(v, lang) for k, v in messages()["ui"].items()}
        shared = ui(lang)
        own.update({k: shared[k] for k in SHARED_UI})
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "ui": own,
            "hard_max": HARD_MAX,
            "prompts": [
                {
                    "id": p["id"],
                    "title": tr(p.get("title"), lang),
                    "moment": tr(p.get("moment"), lang),
                    "speaker": tr(p.get("speaker"), lang),
                    "quote": tr(p.get("quote"), lang),
                    "task": tr(p.get("task"), lang),
                    "aloud": tr(p.get("aloud"), lang) or own["aloud"],
                    "max_chars": limits(spec, p)[1],
                }
                for p in spec.get("prompts", [])
            ],
        }
        self._refresh()

    def _refresh(self) -> None:
        lang = self.lang
        responses = self.answer.get("responses", {})
        analysis = {}
        for p in self._spec.get("prompts", []):
            res = analyse(self._spec, p["id"], responses.get(p["id"], ""), lang)
            if res["answered"]:
                # Full credit although a check is unmet: say so, so that nobody polishes forever.
                res["full"] = res["met"] < res["total"] and fraction(p, res) >= 1
                analysis[p["id"]] = res
        self.analysis = analysis
        self.models = {pid: self._models(pid) for pid in self.answer.get("revealed", [])}
        self._summarise(score(self._spec, self.answer, lang))

    def _models(self, pid: str) -> list[dict]:
        for p in self._spec.get("prompts", []):
            if p["id"] == pid:
                good = [
                    {
                        "good": True,
                        "label": "",
                        "text": tr(m.get("text"), self.lang),
                        "why": tr(m.get("why"), self.lang),
                    }
                    for m in p.get("models", [])
                ]
                poor = [
                    {
                        "good": False,
                        "label": tr(m.get("label"), self.lang),
                        "text": tr(m.get("text"), self.lang),
                        "why": tr(m.get("why"), self.lang),
                    }
                    for m in p.get("contrast", [])
                ]
                return good + poor
        return []


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> SayItWidget:
    return SayItWidget(exercise, spec, store, lang)
