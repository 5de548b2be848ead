"""The self-study start page: the modules with the learner's progress, and the language switch."""

from __future__ import annotations

import html
import os
from pathlib import Path

from IPython.display import HTML, display

from . import settings
from .content import ContentError, module_text, render_section
from .lesson import language_switch
from .progress import course_progress

UI = {
    "done": {"sv": "{done} av {total} klara", "en": "{done} of {total} done"},
    "minutes": {"sv": "cirka {m} min", "en": "about {m} min"},
    "progress": {"sv": "Framsteg i {title}", "en": "Progress in {title}"},
    "open-certificate": {"sv": "Öppna ditt kursintyg", "en": "Open your certificate"},
}
CERTIFICATE = "certificate.html"


class Home:
    def __init__(self, learner: str | os.PathLike | None = None) -> None:
        self.learner = Path(learner or os.getcwd())
        self.lang = settings.get_lang()
        self._handle = None
        self._title = None

    def _module_title(self, module_id: str) -> str:
        try:
            return module_text(module_id, self.lang).title
        except ContentError:
            return module_id

    def _html(self) -> HTML:
        lang = self.lang
        text = module_text("home", lang)
        rows = []
        for p in course_progress(self.learner):
            title = self._module_title(p.module.id)
            href = f"{p.module.assignment}/{p.module.notebook_file}"
            label = UI["progress"][lang].format(title=title)
            done = UI["done"][lang].format(done=p.done, total=p.total)
            rows.append(
                f'<li class="backa-module" data-module="{html.escape(p.module.id)}" style="margin:0.6em 0">'
                f'<a href="{html.escape(href)}" style="font-size:1.15em;color:#0b5cad">{html.escape(title)}</a> '
                f'<span style="color:#3d3d3d">· {UI["minutes"][lang].format(m=p.module.minutes)}</span><br>'
                f'<progress max="{p.total}" value="{p.done}" aria-label="{html.escape(label)}" '
                f'style="width:14em"></progress> <span class="backa-done">{done}</span></li>'
            )
        return HTML(
            f'<div lang="{lang}" style="max-width:48em;color:#1a1a1a">'
            + render_section(text, "intro")
            + render_section(text, "modules-heading")
            + f'<ol class="backa-modules" style="padding-left:1.4em">{"".join(rows)}</ol>'
            + render_section(text, "certificate")
            + self._certificate_link()
            + render_section(text, "privacy")
            + "</div>"
        )

    def _certificate_link(self) -> str:
        """A link to the certificate once the learner has created it (served by Jupyter's /files)."""
        if not (self.learner / CERTIFICATE).exists():
            return ""
        label = html.escape(UI["open-certificate"][self.lang])
        return f'<p><a href="../../files/{CERTIFICATE}" target="_blank" rel="noopener" style="color:#0b5cad">{label}</a></p>'

    def _title_html(self) -> HTML:
        title = module_text("home", self.lang).title
        return HTML(f'<h1 lang="{self.lang}" style="color:#1a1a1a">{html.escape(title)}</h1>')

    def set_lang(self, lang: str) -> None:
        settings.set_lang(lang)
        self.lang = lang
        self._title.update(self._title_html())
        self._handle.update(self._html())

    def show(self) -> None:
        self._title = display(self._title_html(), display_id=True)
        display(language_switch(self.set_lang))
        self._handle = display(self._html(), display_id=True)
