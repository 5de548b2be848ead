"""The course certificate: a printable, self-contained HTML page naming the modules whose work is done.

A module counts as completed when every graded reflection and exercise in it is done (the same
measure as the progress bars on the start page). Every piece of text, including the learner's name,
is escaped.
"""

from __future__ import annotations

import html
import os
import tempfile
from datetime import date
from pathlib import Path

from .content import ContentError, module_text
from .progress import course_progress

FILENAME = "certificate.html"

TEXT = {
    "title": {"sv": "Intyg", "en": "Certificate"},
    "shows": {"sv": "Det här intyget visar att", "en": "This certificate shows that"},
    "completed": {
        "sv": "har gjort klart följande moduler i kursen",
        "en": "has completed the following modules of the course",
    },
    "none": {"sv": "Inga moduler är klara än.", "en": "No modules are completed yet."},
    "count": {"sv": "{done} av {total} moduler klara.", "en": "{done} of {total} modules completed."},
    "all": {"sv": "Hela kursen är genomförd.", "en": "The whole course is completed."},
    "rest": {"sv": "Inte klara än:", "en": "Not completed yet:"},
    "how": {
        "sv": "En modul räknas som klar när alla dess övningar och reflektioner är gjorda. "
        "Intyget är skapat av deltagaren själv och är inte en bedömning av en lärare.",
        "en": "A module counts as completed when all its exercises and reflections are done. "
        "The learner created this certificate; it is not an assessment by a teacher.",
    },
    "date": {"sv": "Datum", "en": "Date"},
    "inspired": {
        "sv": "Kursen bygger på dialogen om betalstationerna i Backa 2013–2014 "
        "och är inspirerad av Deep Democracy (Lewis-metoden).",
        "en": "The course is built on the 2013–2014 dialogue about the payment stations in Backa "
        "and is inspired by Deep Democracy (the Lewis Method).",
    },
    "print": {"sv": "Skriv ut med Ctrl+P eller spara som PDF.", "en": "Print with Ctrl+P or save as PDF."},
    "anonymous": {"sv": "deltagaren", "en": "the learner"},
}

CSS = """
body { font-family: Georgia, "Times New Roman", serif; color: #1a1a1a; background: #fff; margin: 0; }
main { max-width: 42em; margin: 2.5em auto; padding: 2.5em 3em; border: 6px double #1d4f91; }
h1 { text-align: center; font-size: 2.2em; letter-spacing: 0.08em; color: #1d4f91; margin: 0 0 0.2em; }
.center { text-align: center; margin: 0.3em 0; }
.course { text-align: center; font-size: 1.2em; font-weight: bold; margin: 0.3em 0 1.5em; }
.name { text-align: center; font-size: 1.8em; margin: 0.6em 0; font-style: italic; overflow-wrap: anywhere; }
ul { line-height: 1.6; } .muted { color: #3d3d3d; font-size: 0.95em; }
.date { margin-top: 2em; }
.noprint { font-family: system-ui, sans-serif; color: #3d3d3d; text-align: center; }
@media print { main { margin: 0 auto; border-width: 4px; } .noprint { display: none; } }
"""


def _t(key: str, lang: str) -> str:
    return TEXT[key].get(lang, TEXT[key]["en"])


def _title(module_id: str, lang: str) -> str:
    try:
        return module_text(module_id, lang).title
    except ContentError:
        return module_id


def render_certificate(name: str, learner_dir: Path, lang: str, today: date | None = None) -> str:
    """The certificate as a complete HTML page; no external resources, everything escaped."""
    lang = lang if lang in ("sv", "en") else "sv"
    e = html.escape
    shown_name = " ".join(str(name or "").split())[:200] or _t("anonymous", lang)
    progress = [p for p in course_progress(Path(learner_dir)) if p.total]
    done = [p for p in progress if p.done >= p.total]
    rest = [p for p in progress if p.done < p.total]
    items = "".join(f"<li>{e(_title(p.module.id, lang))}</li>" for p in done)
    listing = f'<ul class="done">{items}</ul>' if done else f"<p>{e(_t('none', lang))}</p>"
    count = _t("count", lang).format(done=len(done), total=len(progress))
    if progress and not rest:
        count += " " + _t("all", lang)
    rest_html = ""
    if rest:
        rest_items = ", ".join(e(_title(p.module.id, lang)) for p in rest)
        rest_html = f'<p class="muted">{e(_t("rest", lang))} {rest_items}</p>'
    stamp = (today or date.today()).isoformat()
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(_t('title', lang))} – {e(shown_name)}</title><style>{CSS}</style></head><body><main>"
        f"<h1>{e(_t('title', lang))}</h1>"
        f'<p class="center">{e(_t("shows", lang))}</p>'
        f'<p class="name">{e(shown_name)}</p>'
        f'<p class="center">{e(_t("completed", lang))}</p>'
        f'<p class="course">{e(_title("home", lang))}</p>'
        f"{listing}<p>{e(count)}</p>{rest_html}"
        f'<p class="muted">{e(_t("how", lang))}</p>'
        f'<p class="muted">{e(_t("inspired", lang))}</p>'
        f'<p class="date">{e(_t("date", lang))}: <time datetime="{stamp}">{stamp}</time></p>'
        f'<p class="noprint">{e(_t("print", lang))}</p>'
        "</main></body></html>\n"
    )


def write_certificate(name: str, learner_dir: Path, lang: str) -> Path:
    """Write certificate.html into the learner's folder (atomically) and return its path."""
    learner_dir = Path(learner_dir)
    page = render_certificate(name, learner_dir, lang)
    target = learner_dir / FILENAME
    fd, tmp = tempfile.mkstemp(dir=learner_dir, prefix=".certificate-", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(page)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
