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
from coursekit.store import AnswersStore, message

from .base import ExerciseWidget, asset, css, esm, tr, ui

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
    # A saved answer may be odd (a hand-edited or damaged file): only a list of ids counts.
    was = previous.get("revealed") if isinstance(previous, dict) else None
    before = {p for p in was if isinstance(p, str)} if isinstance(was, list) else set()
    raw = answer.get("revealed") if isinstance(answer, dict) else None
    revealed = []
    for pid in raw if isinstance(raw, list) else []:
        if (
            isinstance(pid, str)
            and pid in ids
            and pid not in revealed
            and (pid in before or responses.get(pid, "").strip())
        ):
            revealed.append(pid)
    return {"responses": responses, "revealed": revealed}, cut


class SayItWidget(ExerciseWidget):
    _esm = esm("say_it.js")
    _css = css() + asset("say_it.css")

    answer = traitlets.Dict().tag(sync=True)
    analysis = traitlets.Dict().tag(sync=True)
    models = traitlets.Dict().tag(sync=True)
    summary = traitlets.Dict().tag(sync=True)
    status = traitlets.Unicode("").tag(sync=True)
    saved_at = traitlets.Float(0.0).tag(sync=True)

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        answer, _ = clean_answer(spec, saved, previous=saved if isinstance(saved, dict) else None)
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
        result = score(self._spec, self.answer, lang)
        self.summary = {
            "points": result.points,
            "max_points": result.max_points,
            "complete": result.complete,
            "answered": sum(1 for d in result.details.values() if d["answered"]),
            "total": len(result.details),
        }

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

    # -- saving ---------------------------------------------------------------------------------
    def _on_answer(self, change: dict) -> None:
        longest = max((len(v) for v in responses_of(change["new"]).values()), default=0)
        if longest > HARD_MAX:
            # Refuse rather than cut: what is saved must be what the learner sees (the browser stops
            # typing at HARD_MAX, so only another client gets here). The last saved answer stays.
            self.status = "error"
            self.notice = self.too_long(longest, HARD_MAX)
            return
        cleaned, _ = clean_answer(self._spec, change["new"], previous=change["old"])
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


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> SayItWidget:
    return SayItWidget(exercise, spec, store, lang)
