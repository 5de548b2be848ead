"""Perspective-map widget: name perspectives, link voices to them (many-to-many), name missing ones;
the map is drawn as a graph with a text alternative. Feedback per part after "Check".

The browser gets the voices and the UI texts; the reference perspectives and cue words stay in the
kernel. After the first check the feedback follows every change.
"""

from __future__ import annotations

from coursekit.exercise_types.perspective_map import limits, normalize, score, used_voices
from coursekit.store import AnswersStore

from .base import CheckedExerciseWidget, asset, css, esm, tr

_ANSWER_KEYS = ("perspectives", "links", "missing")


class PerspectiveMapWidget(CheckedExerciseWidget):
    _esm = esm("perspective_map.js")
    _css = css() + asset("perspective_map.css")

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        self._checked = False
        self._repaired = False
        saved = store.answer(exercise)
        clean, repaired = normalize(spec, saved)
        self._checked = bool(clean.pop("checked", False))
        super().__init__(exercise=exercise, answer=clean)
        self.set_lang(lang)
        if store.report.problem:
            self.notice = store.report.message(lang)
        elif repaired:
            self._repaired = True
            self.notice = tr(spec["feedback"]["repaired"], lang)
        if self._checked:
            self._check()
        self.observe(self._on_answer, names="answer")
        self.observe(lambda _: self._check(save=True), names="check_count")

    # -- language -------------------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        spec = self._spec
        self.ui = {key: tr(value, lang) for key, value in spec.get("ui", {}).items()}
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "voices": [
                {"id": v["id"], "who": tr(v["who"], lang), "excerpt": tr(v["excerpt"], lang)}
                for v in used_voices(spec)
            ],
            "limits": limits(spec),
        }
        if self._repaired and self.notice:
            self.notice = tr(spec["feedback"]["repaired"], lang)
        if self.result:
            self._check()

    # -- saving ---------------------------------------------------------------------------------
    def _on_answer(self, change: dict) -> None:
        clean, _ = normalize(self._spec, change["new"])
        clean.pop("checked", None)
        if clean != change["new"]:
            self.answer = clean  # the browser sent something odd: show what is kept (re-enters here)
            return
        self._save()
        if self.result:
            self._check()

    def _save(self) -> None:
        answer = {k: self.answer.get(k) for k in _ANSWER_KEYS}
        answer["checked"] = self._checked
        result = self._store.save_answer(self.exercise, answer, self.lang)
        if not result.ok:
            self.notice = result.message(self.lang)

    # -- checking -------------------------------------------------------------------------------
    def _check(self, save: bool = False) -> None:
        res = score(self._spec, self.answer, self.lang)
        ui = self.ui
        names = {p["id"]: p["name"] for p in self.answer.get("perspectives", [])}
        refs = res.details["ref_names"]
        matched = {p["mine"]: p for p in res.details["grouping"]["pairs"]}
        lines = []
        for pid, name in names.items():
            if pid in res.details["unused"]:
                continue  # a perspective without voices gets a tip instead
            pair = matched.get(pid)
            if pair and pair["jaccard"] >= self._spec["scoring"]["grouping"]["min_jaccard"]:
                pct = round(100 * pair["jaccard"])
                lines.append(ui["match_line"].format(mine=name, ref=refs[pair["ref"]], pct=pct))
            else:
                lines.append(ui["nomatch_line"].format(mine=name))
        parts = [line for line in res.feedback if not line.startswith("• ")]
        self.result = {
            "points": res.points,
            "max_points": res.max_points,
            "parts": [{"ok": line.startswith("✓"), "text": line[2:]} for line in parts],
            "tips": res.details["tips"],
            "matches": lines,
        }
        if save or not self._checked:
            self._checked = True
            self._save()


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> PerspectiveMapWidget:
    return PerspectiveMapWidget(exercise, spec, store, lang)
