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


GUARD_KEYS = (
    "take_over",
    "draft_title",
    "draft_found",
    "draft_restore",
    "draft_discard",
    "limit_count",
    "limit_reached",
    "limit_paste",
    "too_long",
)


class Guarded(traitlets.HasTraits):
    """What every saving view shares with the kernel's answers store (see dom.js).

    - `locked`: why this window cannot write (another window writes this module), empty when it can.
    - `sent` / `acked`: the browser numbers the changes it sends; the kernel says up to which one it has
      saved, and the browser then forgets its draft of that text.
    """

    locked = traitlets.Unicode("").tag(sync=True)
    lock_reason = traitlets.Unicode("").tag(sync=True)  # see AnswersStore.lock_reason
    module_key = traitlets.Unicode("").tag(sync=True)  # the module's folder: which pages write the same file
    guard_ui = traitlets.Dict().tag(sync=True)
    sent = traitlets.Int(0).tag(sync=True)
    acked = traitlets.Int(0).tag(sync=True)
    _guard_of: tuple | None = None
    _over_limit = False  # the notice says the text is too long (cleared once a save works again)

    def guard(self, store, kind: str, key: str) -> None:
        """Follow `store` for this view's entry (`kind`, `key`): saved changes and the writing window."""
        self._guard_of = (store, kind, key)
        self.module_key = str(store.folder.resolve())
        store.watch(self._on_store)
        self.on_msg(self._on_guard_msg)
        self.observe(lambda _: self._show_guard(), names="lang")
        self._show_guard()

    def _show_guard(self) -> None:
        lang = getattr(self, "lang", "sv")
        texts = ui(lang)
        self.guard_ui = {k: texts[k] for k in GUARD_KEYS}
        if self._guard_of:
            store = self._guard_of[0]
            with self.hold_sync():  # one message: the view sees the reason and the words together
                self.lock_reason = store.lock_reason
                self.locked = store.lock_message(lang)

    def _on_store(self, event: str, kind: str | None, key: str | None) -> None:
        if event == "lock":
            self._show_guard()
        elif event == "saved" and self._guard_of and (kind, key) == self._guard_of[1:]:
            self.acked = self.sent

    def _on_guard_msg(self, _widget, content, _buffers) -> None:
        if not isinstance(content, dict) or not self._guard_of:
            return
        store = self._guard_of[0]
        if content.get("backa") == "take-over":
            if store.take_over():
                self.send({"backa": "reload"})
        elif content.get("backa") == "check":
            store.check()
        elif content.get("backa") == "beat":
            store.beat()
            return
        elif content.get("backa") == "release":
            store.release()
            return
        self._show_guard()

    def too_long(self, length: int, limit: int) -> str:
        """The message for text over a limit (the kernel refuses it rather than cut it)."""
        return ui(getattr(self, "lang", "sv"))["too_long"].format(n=length, max=limit)


class ExerciseWidget(Guarded, anywidget.AnyWidget):
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
