"""Dialogue planner widget: six parts of a co-creative dialogue, reviewed part by part, exported to print.

The browser gets the texts to display and, after "Review", the per-part results; the rules stay in the
kernel. Every change is saved to the answers file. The export is written beside the notebook as
dialogplan.html and also sent to the browser, which offers it as a download (a Blob, no network).
"""

from __future__ import annotations

from pathlib import Path

import traitlets

from coursekit.exercise_types.dialogue_plan import (
    MAX_TEXT,
    MAX_WHO,
    TEXT_GROUPS,
    check_plan,
    export_html,
    normalize,
)
from coursekit.store import AnswersStore

from .base import CheckedExerciseWidget, asset, css, esm, tr

EXPORT_FILE = "dialogplan.html"


def over_limit(answer) -> tuple[int, int] | None:
    """(length, limit) of the first text in a sent plan that is longer than its limit, else None."""
    if not isinstance(answer, dict):
        return None
    texts = [(answer.get("issue"), MAX_TEXT), (answer.get("outreach"), MAX_TEXT)]
    for group, keys in TEXT_GROUPS.items():
        part = answer.get(group) if isinstance(answer.get(group), dict) else {}
        texts += [(part.get(k), MAX_TEXT) for k in keys]
    for row in answer.get("phases") if isinstance(answer.get("phases"), list) else []:
        texts.append((row.get("description") if isinstance(row, dict) else None, MAX_TEXT))
    for row in answer.get("perspectives") if isinstance(answer.get("perspectives"), list) else []:
        texts.append((row.get("who") if isinstance(row, dict) else None, MAX_WHO))
    for text, limit in texts:
        if isinstance(text, str) and len(text) > limit:
            return len(text), limit
    return None


class DialoguePlanWidget(CheckedExerciseWidget):
    _esm = esm("dialogue_plan.js")
    _css = css() + asset("dialogue_plan.css")

    export_count = traitlets.Int(0).tag(sync=True)
    export = traitlets.Dict().tag(sync=True)

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        saved = store.answer(exercise)
        plan = normalize(saved)
        super().__init__(exercise=exercise, answer=plan)
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        elif saved is not None and not isinstance(saved, dict):
            self.notice = self._ui("loaded_partly")
        if plan["checked"]:
            self._check()
        if (store.folder / EXPORT_FILE).exists():
            self.export = {"message": self._ui("earlier_export").format(file=EXPORT_FILE)}
        self.observe(self._on_answer, names="answer")
        self.observe(lambda _: self._check(save=True), names="check_count")
        self.observe(lambda _: self._export(), names="export_count")

    @property
    def export_path(self) -> Path:
        return self._store.folder / EXPORT_FILE

    def _ui(self, key: str) -> str:
        return tr(self._spec["ui"].get(key), self.lang) or key

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.view = {
            "lang": lang,
            "title": tr(spec["title"], lang),
            "instructions": tr(spec["instructions"], lang),
            "default_issue": tr(spec["default_issue"], lang),
            "parts": [
                {"id": p["id"], "title": tr(p["title"], lang), "help": tr(p.get("help"), lang)}
                for p in spec["parts"]
            ],
            "phase_kinds": [
                {"id": k["id"], "label": tr(k["label"], lang), "hint": tr(k.get("hint"), lang)}
                for k in spec["phase_kinds"]
            ],
            "levels": {
                scale: [
                    {"id": o["id"], "label": tr(o["label"], lang), "promise": tr(o.get("promise"), lang)}
                    for o in options
                ]
                for scale, options in spec["levels"].items()
            },
            "ui": {key: tr(value, lang) for key, value in spec["ui"].items()},
            "max_chars": {"text": MAX_TEXT, "who": MAX_WHO},
        }
        if self.result:
            self._check()

    def _on_answer(self, change: dict) -> None:
        over = over_limit(change["new"])
        if over:
            # Refuse rather than cut: what is saved must be what the learner sees.
            self.notice = self.too_long(*over)
            self._over_limit = True
            return
        plan = normalize(change["new"])
        plan["checked"] = bool(self.result)
        result = self._store.save_answer(self.exercise, plan, self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)
        elif self._over_limit:
            self._over_limit = False
            self.notice = ""  # the text is short enough again
        if self.result:
            self._check()

    def _check(self, save: bool = False) -> None:
        checked = check_plan(self._spec, self.answer, self.lang)
        rules = [r for part in checked["parts"].values() for r in part]
        met = sum(r["met"] for r in rules)
        ui = self.view["ui"]
        summary = ui["summary"].format(met=met, total=len(rules))
        if met == len(rules):
            summary += " " + ui["all_done"]
        self.result = {
            "parts": checked["parts"],
            "met": met,
            "total": len(rules),
            "points": round(self._spec["points"] * met / len(rules), 2) if rules else 0.0,
            "summary": summary,
        }
        if save:
            self._store.save_answer(self.exercise, dict(normalize(self.answer), checked=True), self.lang)

    def _export(self) -> None:
        page = export_html(self._spec, self.answer, self.lang)
        try:
            self.export_path.write_text(page, encoding="utf-8")
            msg = self._ui("exported").format(file=EXPORT_FILE)
        except OSError as exc:
            msg = self._ui("export_failed").format(error=exc.strerror or str(exc))
        self.export = {"html": page, "filename": EXPORT_FILE, "message": msg, "n": self.export_count}


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> DialoguePlanWidget:
    return DialoguePlanWidget(exercise, spec, store, lang)
