"""Charrette simulation widget: the learner leads a meeting move by move; a live chart shows the group.

The engine (coursekit.exercise_types.charrette) runs in the kernel. The browser gets the current scene,
the moves it may choose, the state history for the chart and, only at an ending, the debrief (which
moves helped and why). The browser asks for a move or a new run by setting `command`; every change is
saved to the answers file, and the game is rebuilt from it when the widget is created again.
"""

from __future__ import annotations

import json
from functools import cache

import traitlets

from coursekit.exercise_types import charrette as engine
from coursekit.store import AnswersStore, SaveResult

from .base import HERE, ExerciseWidget, asset, css, esm, tr

MAX_RUNS = 50  # finished runs kept in the answer; older ones are dropped first


@cache
def _ui_all() -> dict:
    data = json.loads((HERE / "charrette_ui.json").read_text(encoding="utf-8"))
    data.pop("_comment", None)
    return data


def ui(lang: str) -> dict[str, str]:
    return {key: texts.get(lang, texts["en"]) for key, texts in _ui_all().items()}


class CharretteWidget(ExerciseWidget):
    _esm = esm("charrette.js")
    _css = css() + asset("charrette.css")

    sim = traitlets.Dict().tag(sync=True)
    command = traitlets.Dict().tag(sync=True)
    handled = traitlets.Int(0).tag(sync=True)  # bumped after every command, so the view always redraws

    def __init__(self, exercise: str, spec: dict, store: AnswersStore, lang: str = "sv") -> None:
        self._spec = spec
        self._store = store
        self._problems = engine.validate(spec)
        self._sc = None if self._problems else engine.Scenario(spec)
        super().__init__(exercise=exercise)
        self.lang = lang
        self._notes: list[tuple[str, dict]] = []
        self._save_problem: SaveResult | None = None
        self._store_notice = store.report  # shown in the current language on every redraw
        self._load(store.answer(exercise))
        self.set_lang(lang)
        self.observe(self._on_command, names="command")

    # -- state ------------------------------------------------------------------------------------
    def _load(self, saved) -> None:
        current, finished, shape_ok = engine.parse_answer(saved)
        if not shape_ok:
            self._notes.append(("shape", {}))
        self.runs: list[engine.Run] = []
        if self._sc is None:
            self.run = None
            return
        for moves in finished[-MAX_RUNS:]:
            r = engine.replay(self._sc, moves)
            if r.ending:
                self.runs.append(r)
            elif moves:
                self._notes.append(("shape", {}))
        self.run = engine.replay(self._sc, current)
        if self.run.invalid:
            self._notes.append(("invalid", {"n": len(self.run.turns)}))

    def answer(self) -> dict:
        return {
            "moves": self.run.moves if self.run else [],
            "runs": [{"moves": r.moves, "ending": r.ending} for r in self.runs],
        }

    def _save(self) -> None:
        result = self._store.save_answer(self.exercise, self.answer(), self.lang)
        self._save_problem = None if result.ok else result

    # -- actions (from the browser, or from tests) -------------------------------------------------
    def choose(self, move_id: str) -> bool:
        if self.run is None or not engine.apply_move(self._sc, self.run, move_id):
            self._notes = [("not_now", {})]
            self._refresh()
            return False
        self._notes = []
        self._save()
        self._refresh()
        return True

    def play_again(self) -> None:
        if self.run is None:
            return
        if self.run.ending:
            self.runs = (self.runs + [self.run])[-MAX_RUNS:]
        self.run = engine.new_run(self._sc)
        self._notes = []
        self._save()
        self._refresh()

    def _on_command(self, change: dict) -> None:
        cmd = change["new"] or {}
        if cmd.get("type") == "move" and isinstance(cmd.get("move"), str):
            self.choose(cmd["move"])
        elif cmd.get("type") == "replay":
            self.play_again()
        self.handled += 1

    # -- what the browser sees --------------------------------------------------------------------
    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.ui = ui(lang)
        spec = self._spec
        line = spec.get("resistance_line") or {}
        self.view = {
            "title": tr(spec.get("title"), lang),
            "instructions": tr(spec.get("instructions"), lang),
            "variables": [
                {
                    "id": v.get("id"),
                    "label": tr(v.get("label"), lang),
                    "min": v.get("min", 0),
                    "max": v.get("max", 10),
                }
                for v in spec.get("variables", [])
                if isinstance(v, dict) and v.get("id") != line.get("variable")
            ],
            "line": {
                "variable": line.get("variable"),
                "label": tr(
                    next(
                        (
                            v.get("label")
                            for v in spec.get("variables", [])
                            if isinstance(v, dict) and v.get("id") == line.get("variable")
                        ),
                        None,
                    ),
                    lang,
                ),
                "stages": [tr(s.get("label"), lang) for s in line.get("stages", []) if isinstance(s, dict)],
            },
            "max_points": spec.get("points", 0),
        }
        self._refresh()

    def _refresh(self) -> None:
        lang = self.lang
        t = ui(lang)
        notes = [t[key].format(**kw) for key, kw in self._notes]
        if self._store_notice.problem:
            notes.insert(0, self._store_notice.message(lang))
        if self._save_problem:
            notes.append(self._save_problem.message(lang))
        if self._sc is None:
            notes.append(t["broken"] + " " + "; ".join(self._problems[:5]))
            self.notice = " ".join(notes)
            self.sim = {"broken": True}
            return
        self.notice = " ".join(notes)
        sc, run = self._sc, self.run
        history = [{"turn": 0, "move": "", "state": run.start_state}]
        for n, turn in enumerate(run.turns, 1):
            move = sc.move(turn.node, turn.move) or {}
            history.append({"turn": n, "move": tr(move.get("label"), lang), "state": turn.state})
        sim = {
            "turn": len(run.turns),
            "history": history,
            "runs": self._runs_summary(),
            "ending": None,
            "node": None,
            "moves": [],
        }
        if run.ending:
            sim["ending"] = engine.debrief(sc, run, lang)
        else:
            node = sc.nodes[run.node]
            sim["node"] = {
                "id": run.node,
                "title": tr(node.get("title"), lang),
                "narration": tr(node.get("narration"), lang),
            }
            moves = engine.display_order(sc, run, engine.available(sc, run), salt=len(self.runs))
            sim["moves"] = [{"id": m["id"], "label": tr(m.get("label"), lang)} for m in moves]
        self.sim = sim

    def _runs_summary(self) -> dict:
        done = self.runs + ([self.run] if self.run and self.run.ending else [])
        items = []
        for r in done:
            q = engine.quality(self._sc, r)
            items.append(
                {"ending": r.ending, "title": tr(self._sc.endings[r.ending].get("title"), self.lang), **q}
            )
        best = max((i["points"] for i in items), default=None)
        return {"items": items, "best": best}


def build(exercise: str, spec: dict, store: AnswersStore, lang: str) -> CharretteWidget:
    return CharretteWidget(exercise, spec, store, lang)
