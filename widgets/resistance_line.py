"""Resistance-line widget: place incidents on the drawn line, feedback per placement, escalation stepper.

The browser gets the stage names, the incident texts and, once an incident is placed, that
placement's result. Answer keys stay here in the kernel. Every change is saved to the answers file.
"""

from __future__ import annotations

import json
from functools import cache

import traitlets

from coursekit.exercise_types import resistance_line as engine
from coursekit.store import AnswersStore

from .base import HERE, ExerciseWidget, asset, css, esm, tr


@cache
def _strings() -> dict:
    raw = json.loads((HERE / "resistance_line.json").read_text(encoding="utf-8"))
    return {k: v for k, v in raw.items() if not k.startswith("_")}


def strings(lang: str) -> dict[str, str]:
    return {key: texts.get(lang, texts["en"]) for key, texts in _strings().items()}


class ResistanceLineWidget(ExerciseWidget):
    _esm = esm("resistance_line.js")
    _css = css() + asset("resistance_line.css")

    placements = traitlets.Dict().tag(sync=True)  # set by the browser: {incident id: stage id}
    result = traitlets.Dict().tag(sync=True)
    step = traitlets.Int(0).tag(sync=True)  # set by the browser: escalation step shown
    escalation = traitlets.Dict().tag(sync=True)

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        unreadable = saved is not None and (
            not isinstance(saved, dict)
            or ("placements" in saved and not isinstance(saved["placements"], dict))
        )
        super().__init__(
            exercise=exercise,
            placements=engine.placements(spec, saved),
            step=engine.step(spec, saved),
        )
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        elif unreadable:
            self.notice = self.ui["corrupt"]
        self.observe(self._on_placements, names="placements")
        self.observe(self._on_step, names="step")

    # -- language ---------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.ui = strings(lang)
        esc = spec.get("escalation") or {}
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "stages": [
                {
                    "id": s["id"],
                    "name": tr(s.get("name"), lang),
                    "description": tr(s.get("description"), lang),
                }
                for s in spec.get("stages", [])
            ],
            "incidents": [
                {"id": i["id"], "text": tr(i.get("text"), lang)} for i in spec.get("incidents", [])
            ],
            "points": spec.get("points", 0),
            "escalation": {
                "title": tr(esc.get("title"), lang),
                "intro": tr(esc.get("intro"), lang),
                "voiced": {
                    "id": engine.VOICED,
                    "name": tr((esc.get("voiced") or {}).get("name"), lang),
                    "description": tr((esc.get("voiced") or {}).get("description"), lang),
                },
                "total": len(esc.get("steps", [])),
            }
            if esc.get("steps")
            else {},
        }
        if not spec.get("incidents"):
            self.notice = self.ui["no_incidents"].replace("{id}", self.exercise)
        self._rescore()
        self._escalate()

    # -- placements -------------------------------------------------------------------------
    def _on_placements(self, change: dict) -> None:
        clean = engine.placements(self._spec, {"placements": change["new"]})
        if clean != change["new"]:
            self.placements = clean  # drops unknown ids; re-enters this handler once
            return
        self._rescore()
        self._save()

    def _rescore(self) -> None:
        res = engine.score(self._spec, {"placements": self.placements}, self.lang)
        labels = {"correct": self.ui["correct"], "close": self.ui["close"], "far": self.ui["far"]}
        hints = {-1: self.ui["milder"], 1: self.ui["harsher"], 0: ""}
        incidents = {}
        for inc in self._spec.get("incidents", []):
            d = res.details[inc["id"]]
            if d["status"] is None:
                continue
            incidents[inc["id"]] = {
                "stage": d["picked"],
                "status": d["status"],
                "label": labels[d["status"]],
                "hint": hints[d["direction"]] if d["status"] == "far" else "",
                "explanation": tr(inc.get("explanation"), self.lang),
            }
        self.result = {
            "incidents": incidents,
            "placed": len(incidents),
            "total": len(self._spec.get("incidents", [])),
            "points": res.points,
            "max": res.max_points,
            "complete": res.complete,
        }

    # -- escalation -------------------------------------------------------------------------
    def _on_step(self, change: dict) -> None:
        clean = engine.step(self._spec, {"step": change["new"]})
        if clean != change["new"]:
            self.step = clean
            return
        self._escalate()
        self._save()

    def _escalate(self) -> None:
        """Only the steps up to the current one are sent to the browser."""
        steps = (self._spec.get("escalation") or {}).get("steps", [])
        lang = self.lang

        def track(part: dict) -> dict:
            return {
                "stage": part.get("stage"),
                "stage_name": engine.stage_name(self._spec, part.get("stage"), lang),
                "text": tr(part.get("text"), lang),
            }

        self.escalation = {
            "step": self.step,
            "total": len(steps),
            "steps": [
                {
                    "label": tr(s.get("label"), lang),
                    "unattended": track(s.get("unattended") or {}),
                    "attended": track(s.get("attended") or {}),
                }
                for s in steps[: self.step + 1]
            ],
        }

    # -- saving -----------------------------------------------------------------------------
    def answer(self) -> dict:
        return {"placements": dict(self.placements), "step": self.step}

    def _save(self) -> None:
        result = self._store.save_answer(self.exercise, self.answer(), self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)
        elif self.notice == self.ui.get("corrupt"):
            self.notice = ""


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> ResistanceLineWidget:
    return ResistanceLineWidget(exercise, spec, store, lang)
