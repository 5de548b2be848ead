"""Certificate widget: a labelled name field and a button that writes certificate.html for the learner.

Not an exercise (nothing is graded). The page is also sent to the browser as a download (a Blob).
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from coursekit.certificate import FILENAME, render_certificate, write_certificate
from coursekit.progress import course_progress

from .base import asset, css, esm

UI = {
    "title": {"sv": "Skapa ditt intyg", "en": "Create your certificate"},
    "intro": {
        "sv": "Skriv ditt namn och tryck på Skapa intyg. Intyget visar de moduler där alla övningar och "
        "reflektioner är gjorda. Du kan skapa ett nytt intyg när du har gjort klart fler moduler.",
        "en": "Write your name and press Create certificate. The certificate lists the modules where every "
        "exercise and reflection is done. You can create a new one when you have completed more modules.",
    },
    "name": {"sv": "Ditt namn på intyget", "en": "Your name on the certificate"},
    "create": {"sv": "Skapa intyg", "en": "Create certificate"},
    "download": {
        "sv": "Ladda ner intyget (certificate.html)",
        "en": "Download the certificate (certificate.html)",
    },
    "created": {
        "sv": "Intyget är sparat som {file} i din kursmapp. {done} av {total} moduler är klara. "
        "Öppna filen och skriv ut den med Ctrl+P.",
        "en": "The certificate is saved as {file} in your course folder. {done} of {total} modules are "
        "completed. Open the file and print it with Ctrl+P.",
    },
    "failed": {
        "sv": "Intyget kunde inte sparas som fil: {error}. Du kan ladda ner det här.",
        "en": "The certificate could not be saved as a file: {error}. You can download it here.",
    },
    "no_name": {
        "sv": "Skriv ditt namn först. Det står bara på intyget och sparas inte någon annanstans.",
        "en": "Write your name first. It only appears on the certificate and is not stored anywhere else.",
    },
}


class CertificateWidget(anywidget.AnyWidget):
    _esm = esm("certificate.js")
    _css = css() + asset("capstone.css")

    ui = traitlets.Dict().tag(sync=True)
    name = traitlets.Unicode().tag(sync=True)
    create_count = traitlets.Int(0).tag(sync=True)
    created = traitlets.Dict().tag(sync=True)

    def __init__(self, learner_dir: str | Path, lang: str = "sv") -> None:
        self.learner_dir = Path(learner_dir)
        super().__init__()
        self.set_lang(lang)
        self.observe(lambda _: self.create(), names="create_count")

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.ui = {k: v.get(lang, v["en"]) for k, v in UI.items()}

    def create(self) -> None:
        name = " ".join(self.name.split())
        if not name:
            self.created = {"message": self.ui["no_name"], "error": True, "n": self.create_count}
            return
        progress = [p for p in course_progress(self.learner_dir) if p.total]
        done = sum(p.done >= p.total for p in progress)
        try:
            write_certificate(name, self.learner_dir, self.lang)
            msg = self.ui["created"].format(file=FILENAME, done=done, total=len(progress))
        except OSError as exc:
            msg = self.ui["failed"].format(error=exc.strerror or str(exc))
        page = render_certificate(name, self.learner_dir, self.lang)
        self.created = {"html": page, "filename": FILENAME, "message": msg, "n": self.create_count}
