"""The language switch: remembered for every module; in Voilà the page reloads in the new language."""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

from coursekit import settings

from .base import css, esm

LANG_LABELS = {"sv": "Svenska", "en": "English"}


class LanguageSwitch(anywidget.AnyWidget):
    _esm = esm("language.js")
    _css = css()

    label = traitlets.Unicode("Språk / Language").tag(sync=True)
    options = traitlets.List().tag(sync=True)
    value = traitlets.Unicode("sv").tag(sync=True)
    applied = traitlets.Int(0).tag(sync=True)

    def __init__(self, on_change: Callable[[str], None]) -> None:
        super().__init__(options=[[c, LANG_LABELS[c]] for c in settings.LANGS], value=settings.get_lang())
        self._on_change = on_change
        self.observe(self._changed, names="value")

    def _changed(self, change: dict) -> None:
        self._on_change(change["new"])  # stores the choice and updates what can update in place
        self.applied += 1
