"""Trainer guide link: the printable guide for group sessions (coursekit/trainer_guide.py), offered as
a page to open and print and as a file to save. The page travels to the browser as text and is opened
from a Blob, so nothing is fetched and nothing is written to the learner's folder."""

from __future__ import annotations

import anywidget
import traitlets

from coursekit.trainer_guide import FILENAMES, guide, render

from .base import css, esm

UI = {
    "title": {"sv": "Kursledarhandledning: att öva tillsammans", "en": "Trainer guide: practising together"},
    "intro": {
        "sv": "Rollspel i par, tretal och fiskskål, med tider, roller och observatörsblad att skriva ut. "
        "Öppna handledningen och skriv ut den med knappen överst på sidan eller med Ctrl+P.",
        "en": "Role-plays in pairs, triads and fishbowls, with timings, roles and observer sheets to print. "
        "Open the guide and print it with the button at the top of the page or with Ctrl+P.",
    },
    "open": {"sv": "Öppna handledningen för utskrift", "en": "Open the guide to print"},
    "new_tab": {"sv": "(öppnas i en ny flik)", "en": "(opens in a new tab)"},
    "download": {"sv": "Spara som fil ({file})", "en": "Save as a file ({file})"},
    "sessions": {"sv": "{n} pass", "en": "{n} sessions"},
}


class TrainerGuideWidget(anywidget.AnyWidget):
    _esm = esm("trainer_guide.js")
    _css = css()

    ui = traitlets.Dict().tag(sync=True)
    page = traitlets.Unicode().tag(sync=True)
    filename = traitlets.Unicode().tag(sync=True)

    def __init__(self, lang: str = "sv") -> None:
        super().__init__()
        self.set_lang(lang)

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        texts = {k: v.get(lang, v["en"]) for k, v in UI.items()}
        self.filename = FILENAMES[lang]
        texts["download"] = texts["download"].replace("{file}", self.filename)
        texts["sessions"] = texts["sessions"].replace("{n}", str(len(guide()["sessions"])))
        self.ui = texts
        self.page = render(lang)
