"""Course content as data: the catalogue (modules.json) and each module's text per language.

Plain Python (no IPython): the notebooks, the home page, the build and the tests all read it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field
from functools import cache

from markdown_it import MarkdownIt

from .paths import COURSE

LANGS = ("sv", "en")
_SECTION = re.compile(r"^<!--\s*section:\s*([a-z0-9-]+)\s*-->\s*$", re.MULTILINE)


class ContentError(ValueError):
    """A content file is missing or malformed; the message names the file and the problem."""


@dataclass(frozen=True)
class Module:
    id: str
    assignment: str
    notebook: str
    minutes: int
    items: tuple[str, ...]
    exercises: tuple[str, ...]

    @property
    def notebook_file(self) -> str:
        return f"{self.notebook}.ipynb"


@dataclass
class Overview:
    questions: list[str] = field(default_factory=list)
    objectives: list[str] = field(default_factory=list)
    teaching: int = 0
    exercises: int = 0


@dataclass
class ModuleText:
    module: str
    lang: str
    title: str
    sections: dict[str, str]

    def section(self, sid: str) -> str:
        try:
            return self.sections[sid]
        except KeyError:
            raise ContentError(
                f"course/content/{self.module}/{self.lang}.md has no section {sid!r}; "
                f"it has: {', '.join(self.sections)}"
            ) from None


@cache
def catalogue() -> tuple[Module, ...]:
    raw = json.loads((COURSE / "modules.json").read_text(encoding="utf-8"))
    return tuple(
        Module(
            id=m["id"],
            assignment=m["assignment"],
            notebook=m["notebook"],
            minutes=int(m["minutes"]),
            items=tuple(m.get("items", ())),
            exercises=tuple(m.get("exercises", ())),
        )
        for m in raw["modules"]
    )


def module(module_id: str) -> Module:
    for m in catalogue():
        if m.id == module_id:
            return m
    raise ContentError(f"Unknown module {module_id!r}; modules: {', '.join(m.id for m in catalogue())}")


@cache
def module_text(module_id: str, lang: str) -> ModuleText:
    if lang not in LANGS:
        raise ContentError(f"Unknown language {lang!r}; use one of {', '.join(LANGS)}.")
    path = COURSE / "content" / module_id / f"{lang}.md"
    try:
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ContentError(f"Missing content file course/content/{module_id}/{lang}.md") from None
    first, _, rest = raw.partition("\n")
    if not first.startswith("# "):
        raise ContentError(f"course/content/{module_id}/{lang}.md must start with '# Title'")
    parts = _SECTION.split(rest)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if not sections:
        raise ContentError(f"course/content/{module_id}/{lang}.md has no '<!-- section: id -->' markers")
    return ModuleText(module_id, lang, first[2:].strip(), sections)


def parse_overview(body: str) -> Overview:
    ov = Overview()
    current: list[str] | None = None
    for line in body.splitlines():
        line = line.rstrip()
        key = line.split(":", 1)[0].strip().lower()
        if key in ("questions", "objectives") and line.endswith(":"):
            current = getattr(ov, key)
        elif key in ("teaching", "exercises") and ":" in line:
            setattr(ov, key, int(line.split(":", 1)[1].strip() or 0))
            current = None
        elif line.lstrip().startswith("- ") and current is not None:
            current.append(line.lstrip()[2:].strip())
    return ov


# -- rendering --------------------------------------------------------------------------------
# html=False: content Markdown may not carry raw HTML; everything shown is produced here.
_md = MarkdownIt("commonmark", {"html": False}).enable("table")

UI = {
    "questions": {"sv": "Frågor", "en": "Questions"},
    "objectives": {"sv": "Mål", "en": "Objectives"},
    "teaching": {"sv": "Genomgång", "en": "Teaching"},
    "exercises": {"sv": "Övningar", "en": "Exercises"},
    "minutes": {"sv": "min", "en": "min"},
    "overview": {"sv": "Översikt", "en": "Overview"},
    "keypoints": {"sv": "Att ta med sig", "en": "Key points"},
    "instructor": {"sv": "För dig som leder kursen", "en": "Instructor note"},
    "challenge": {"sv": "Övning", "en": "Challenge"},
    "references": {"sv": "Källor", "en": "Sources"},
    "callout": {"sv": "Bra att veta", "en": "Good to know"},
    # Shown in JupyterLab before the notebook runs (coursekit/prerender.py); running replaces them.
    "start": {"sv": "Så startar du övningarna", "en": "How to start the exercises"},
    "start-how": {
        "sv": "Du kan läsa texten direkt. Övningarna, reflektionen och språkvalet visas när du startar "
        "modulen: välj <strong>Run → Run All Cells</strong> i menyn högst upp.",
        "en": "You can read the text straight away. The exercises, the reflection and the language choice "
        "appear when you start the module: choose <strong>Run → Run All Cells</strong> in the menu at the top.",
    },
    "waits-exercise": {
        "sv": "Här visas övningen när du har valt Run → Run All Cells.",
        "en": "The exercise appears here once you have chosen Run → Run All Cells.",
    },
    "waits-reflection": {
        "sv": "Här visas reflektionen när du har valt Run → Run All Cells.",
        "en": "The reflection appears here once you have chosen Run → Run All Cells.",
    },
    "waits-part": {
        "sv": "Den här delen visas när du har valt Run → Run All Cells.",
        "en": "This part appears once you have chosen Run → Run All Cells.",
    },
}

# Colours chosen for WCAG AA contrast of #1a1a1a text on each background (all above 12:1).
_BOX = {
    "overview": ("#e8f1fb", "#1d4f91"),
    "challenge": ("#fff6e0", "#8a5a00"),
    "keypoints": ("#e9f6ec", "#1e6b34"),
    "instructor": ("#f1eefa", "#4b3a8c"),
    "callout": ("#eef4f7", "#24566e"),
    "references": ("#f5f5f5", "#4a4a4a"),
}


def md(text: str) -> str:
    return _md.render(text)


def _box(kind: str, title: str, body_html: str) -> str:
    bg, edge = _BOX[kind]
    return (
        f'<section class="backa-{kind}" role="region" aria-label="{html.escape(title)}" '
        f'style="background:{bg};border-left:6px solid {edge};color:#1a1a1a;padding:0.6em 1em;'
        f'margin:0.8em 0;border-radius:4px">'
        f'<h3 style="margin:0.2em 0 0.4em;color:{edge}">{html.escape(title)}</h3>{body_html}</section>'
    )


def section_kind(sid: str) -> str:
    for kind in ("overview", "keypoints", "references"):
        if sid == kind:
            return kind
    for prefix in ("challenge", "instructor", "callout", "teach"):
        if sid.startswith(prefix + "-"):
            return prefix
    return "teach"


def render_title(module_id: str, lang: str) -> str:
    """The module's title as the notebook shows it (live and pre-rendered)."""
    title = module_text(module_id, lang).title
    return f'<h1 class="backa-title" lang="{lang}">{html.escape(title)}</h1>'


def render_sections(module_id: str, lang: str, sections: tuple[str, ...]) -> str:
    """HTML for the module's text sections, in order, in one language."""
    text = module_text(module_id, lang)
    return "".join(render_section(text, s) for s in sections)


def render_start_hint(lang: str) -> str:
    """How to start the interactive parts, for a notebook opened before it has run."""
    return _box("callout", UI["start"][lang], f"<p>{UI['start-how'][lang]}</p>")


def render_waiting(kind: str, lang: str) -> str:
    """Where a widget will be once the notebook runs (kind: exercise, reflection or part)."""
    return (
        f'<p class="backa-waiting" style="border:2px dashed #6b6b6b;color:#3d3d3d;padding:0.8em 1em;'
        f'margin:0.8em 0;border-radius:4px;max-width:46em">{UI["waits-" + kind][lang]}</p>'
    )


def render_section(text: ModuleText, sid: str) -> str:
    """HTML for one section, in the style of its kind."""
    body = text.section(sid)
    lang = text.lang
    kind = section_kind(sid)
    if kind == "overview":
        ov = parse_overview(body)
        items = "".join
        q = items(f"<li>{html.escape(x)}</li>" for x in ov.questions)
        o = items(f"<li>{html.escape(x)}</li>" for x in ov.objectives)
        mins = UI["minutes"][lang]
        inner = (
            f"<p><strong>{UI['teaching'][lang]}:</strong> {ov.teaching} {mins} · "
            f"<strong>{UI['exercises'][lang]}:</strong> {ov.exercises} {mins}</p>"
            f"<h4>{UI['questions'][lang]}</h4><ul>{q}</ul>"
            f"<h4>{UI['objectives'][lang]}</h4><ul>{o}</ul>"
        )
        return _box("overview", UI["overview"][lang], inner)
    if kind == "teach":
        return f'<div class="backa-teach" style="max-width:48em;line-height:1.5">{md(body)}</div>'
    if kind == "instructor":
        bg, edge = _BOX["instructor"]
        return (
            f'<details class="backa-instructor" style="background:{bg};border-left:6px solid {edge};'
            f'color:#1a1a1a;padding:0.4em 1em;margin:0.8em 0;border-radius:4px">'
            f'<summary style="cursor:pointer;color:{edge};font-weight:bold">{UI["instructor"][lang]}</summary>'
            f"{md(body)}</details>"
        )
    return _box(kind, UI[kind][lang], md(body))
