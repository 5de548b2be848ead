"""What every course widget shares: its ES module and CSS as files, the UI strings, saving."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import anywidget
import traitlets

HERE = Path(__file__).parent


@cache
def asset(name: str) -> str:
    return (HERE / name).read_text(encoding="utf-8")


@cache
def _ui() -> dict[str, dict[str, str]]:
    return json.loads(asset("ui.json"))


def ui(lang: str) -> dict[str, str]:
    """The widget UI strings in one language."""
    return {key: texts.get(lang, texts["en"]) for key, texts in _ui().items()}


def esm(name: str) -> str:
    """A view's ES module, with the shared DOM helper (dom.js) in front of it."""
    return asset("dom.js") + "\n" + asset(name)


def css() -> str:
    return asset("widgets.css")


def tr(value: dict | str | None, lang: str) -> str:
    """A learner-facing string from data: `{"sv": ..., "en": ...}` or a plain string."""
    if value is None:
        return ""
    if isinstance(value, dict):
        return value.get(lang) or value.get("sv") or next(iter(value.values()), "")
    return str(value)


class ExerciseWidget(anywidget.AnyWidget):
    """What every exercise view shares: which exercise, the language, what the browser shows (`view`,
    `ui`) and a notice line for problems such as a damaged answers file. Each subclass adds the traits
    of its own interaction and sets `_esm` and `_css`."""

    exercise = traitlets.Unicode().tag(sync=True)
    lang = traitlets.Unicode("sv").tag(sync=True)
    view = traitlets.Dict().tag(sync=True)
    ui = traitlets.Dict().tag(sync=True)
    notice = traitlets.Unicode().tag(sync=True)


class CheckedExerciseWidget(ExerciseWidget):
    """An exercise the learner fills in (`answer`, saved as they go) and then checks: the view bumps
    `check_count`, the kernel answers with `result`."""

    answer = traitlets.Dict().tag(sync=True)
    result = traitlets.Dict().tag(sync=True)
    check_count = traitlets.Int(0).tag(sync=True)
