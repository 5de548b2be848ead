"""The course home: the modules with the learner's progress, and the language switch.

In self-study it links to every module. On a hub it lists the modules the instructor has released
through nbgrader's exchange, with Hand in and feedback (widgets/handin.py), and links to JupyterLab.
"""

from __future__ import annotations

import html
import os
from pathlib import Path

from IPython.display import HTML, display

from . import settings
from .content import ContentError, module_text, render_section
from .handin import course_mode
from .lesson import language_switch
from .progress import course_progress

UI = {
    "done": {"sv": "{done} av {total} klara", "en": "{done} of {total} done"},
    "minutes": {"sv": "cirka {m} min", "en": "about {m} min"},
    "progress": {"sv": "Framsteg i {title}", "en": "Progress in {title}"},
    "open-certificate": {"sv": "Öppna ditt kursintyg", "en": "Open your certificate"},
    "signed-in": {"sv": "Inloggad som {user}", "en": "Signed in as {user}"},
    "lab": {"sv": "Öppna JupyterLab", "en": "Open JupyterLab"},
    "logout": {"sv": "Logga ut", "en": "Sign out"},
    # The hub's own page, where a learner restarts their server (the hand-in messages point there).
    "panel": {"sv": "Kontrollpanelen", "en": "Control panel"},
    "hub-nav": {"sv": "Kursen på servern", "en": "The course on the server"},
}
CERTIFICATE = "certificate.html"


class Home:
    def __init__(self, learner: str | os.PathLike | None = None) -> None:
        self.learner = Path(learner or os.getcwd())
        self.lang = settings.get_lang()
        self.mode = course_mode(root=self.learner)
        self._handle = None
        self._title = None
        self._after = None
        self._modules = None

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

    # -- on a hub ------------------------------------------------------------------------------------
    def _hub_nav(self) -> str:
        """Who is signed in, JupyterLab one click away, the hub's control panel, and signing out."""
        from widgets.handin import server_prefix

        lang = self.lang
        user = os.environ.get("JUPYTERHUB_USER", "")
        hub = os.environ.get("JUPYTERHUB_BASE_URL", "/")
        hub = hub if hub.endswith("/") else hub + "/"
        # target: Voilà opens links in output in a new tab unless they name one; these replace the page.
        link = 'target="_self" style="color:#0b5cad;font-weight:600"'
        who = f"{html.escape(UI['signed-in'][lang].format(user=user))} · " if user else ""
        return (
            f'<nav class="backa-hub-nav" aria-label="{html.escape(UI["hub-nav"][lang])}" '
            f'style="margin:0 0 1em;color:#3d3d3d">{who}'
            f'<a class="backa-lab-link" href="{html.escape(server_prefix())}lab" {link}>{UI["lab"][lang]}</a> · '
            f'<a class="backa-hub-panel" href="{html.escape(hub)}hub/home" {link}>{UI["panel"][lang]}</a> · '
            f'<a class="backa-logout" href="{html.escape(hub)}hub/logout" {link}>{UI["logout"][lang]}</a></nav>'
        )

    def _hub_before(self) -> HTML:
        text = module_text("home", self.lang)
        return HTML(
            f'<div lang="{self.lang}" style="max-width:48em;color:#1a1a1a">'
            + self._hub_nav()
            + render_section(text, "intro")
            + render_section(text, "modules-heading")
            + "</div>"
        )

    def _hub_after(self) -> HTML:
        text = module_text("home", self.lang)
        return HTML(
            f'<div lang="{self.lang}" style="max-width:48em;color:#1a1a1a">'
            + render_section(text, "handin")
            + render_section(text, "certificate")
            + self._certificate_link()
            + render_section(text, "privacy-hub")
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
        if self.mode == "hub":
            self._handle.update(self._hub_before())
            self._after.update(self._hub_after())
            self._modules.set_lang(lang)
        else:
            self._handle.update(self._html())

    def show(self) -> None:
        self._title = display(self._title_html(), display_id=True)
        display(language_switch(self.set_lang))
        if self.mode == "hub":
            from widgets.handin import HandInWidget

            self._handle = display(self._hub_before(), display_id=True)
            self._modules = HandInWidget(self.learner, place="home", lang=self.lang)
            display(self._modules)
            self._after = display(self._hub_after(), display_id=True)
        else:
            self._handle = display(self._html(), display_id=True)
