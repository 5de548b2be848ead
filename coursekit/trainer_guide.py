"""The trainer guide for group sessions: `course/trainer-guide.json` rendered as one printable page.

Role-plays in pairs, triads and fishbowls, each with timings, roles, the voices to use, an observer
sheet and questions for the talk afterwards. The voices are quoted from the exercise files and the
observer sheets can take their rows from the glossary or an exercise's criteria, so that the guide
never holds a second copy of them. The page is self-contained (no network, print CSS) and every text
is escaped or rendered from Markdown without raw HTML.
"""

from __future__ import annotations

import html
import json
from functools import cache
from pathlib import Path
from typing import Any

from .content import LANGS, catalogue, md, module_text
from .exercise_types._text import t as _t  # a string from data in the course language
from .exercises import ExerciseError, load_exercise
from .paths import COURSE

FILE = COURSE / "trainer-guide.json"
FILENAMES = {"sv": "kursledarhandledning.html", "en": "trainer-guide.html"}


@cache
def guide() -> dict:
    return json.loads(FILE.read_text(encoding="utf-8"))


# -- what the guide borrows from other files ---------------------------------------------------------
def voices(ref: dict, lang: str) -> list[tuple[str, str]]:
    """(who, words) for each item a session's 'material' names in an exercise file."""
    spec = load_exercise(ref["exercise"])
    kind = spec.get("type")
    out = []
    for item in ref.get("items", []):
        if kind == "listening-practice":
            s = _by_id(spec["statements"], item, ref)
            out.append((f"{_t(s.get('speaker'), lang)} · {_t(s.get('level'), lang)}", _t(s["text"], lang)))
        elif kind in ("case-material", "perspective-map"):
            v = _by_id(spec["voices"], item, ref)
            out.append((_t(v.get("who"), lang), _t(v["excerpt"], lang)))
        elif kind == "charrette":
            n = _by_id(spec["nodes"], item, ref)
            out.append((_t(n.get("title"), lang), _t(n["narration"], lang)))
        elif kind == "say-it":
            p = _by_id(spec["prompts"], item, ref)
            words = _t(p["moment"], lang)
            if p.get("quote"):
                words += f" {_t(p.get('speaker'), lang)}: {_quote(_t(p['quote'], lang), lang)}"
            out.append((_t(p.get("title"), lang), words))
        else:
            raise KeyError(f"the guide cannot quote voices from an exercise of type {kind!r}")
    return out


def _by_id(items: list[dict], item: str, ref: dict) -> dict:
    for x in items:
        if x.get("id") == item:
            return x
    raise KeyError(f"exercises/{ref['exercise']}.json has no {item!r}")


def _quote(text: str, lang: str) -> str:
    return f"”{text}”" if lang == "sv" else f"“{text}”"


def sheet_rows(sheet: dict, lang: str) -> list[str]:
    """The rows of an observer sheet: those taken from the glossary or an exercise, then its own."""
    rows: list[str] = []
    src = sheet.get("rows_from") or {}
    if "glossary" in src:
        glossary = json.loads((COURSE / "glossary.json").read_text(encoding="utf-8"))
        entries = glossary[src["glossary"]]
        entries = entries.get("steps") or entries.get("stages") or []
        rows += [e[lang] for e in entries]
    elif "exercise" in src:
        spec = load_exercise(src["exercise"])
        if src.get("field") == "criteria":
            rows += [_t(c.get("label"), lang) for c in spec.get("criteria", [])]
        elif src.get("field") == "levels":
            rows += [f"{i}. {_t(s.get('level'), lang)}" for i, s in enumerate(spec.get("statements", []), 1)]
        else:
            raise KeyError(f"rows_from: unknown field {src.get('field')!r}")
    rows += [_t(r, lang) for r in sheet.get("rows", [])]
    return rows


def _module_title(module_id: str, lang: str) -> str:
    return module_text(module_id, lang).title


# -- checks for trainers -----------------------------------------------------------------------------
def _walk(node: Any, path: str):
    if isinstance(node, dict):
        if set(node) & set(LANGS) and all(isinstance(v, str) for v in node.values()):
            yield path, node
            return
        for k, v in node.items():
            if not k.startswith("_"):
                yield from _walk(v, f"{path}.{k}" if path else k)
    elif isinstance(node, list):
        for i, v in enumerate(node):
            yield from _walk(v, f"{path}[{i}]")


def problems(data: dict | None = None) -> list[str]:
    """What is wrong in the guide, as sentences that name the place to change (empty when fine)."""
    where = "course/trainer-guide.json"
    try:
        data = data if data is not None else guide()
    except (OSError, ValueError) as exc:
        return [f"{where}: cannot be read: {exc}"]
    out = []
    for path, text in _walk(data, ""):
        for lang in LANGS:
            if not str(text.get(lang, "")).strip():
                out.append(f"{where} {path}: lacks the text in {lang}")
    modules = {m.id for m in catalogue()}
    seen = set()
    for s in data.get("sessions", []):
        sid = s.get("id")
        at = f"{where} session {sid!r}"
        if not sid or sid in seen:
            out.append(f"{at}: every session needs its own id")
        seen.add(sid)
        if s.get("module") not in modules:
            out.append(f"{at}: module {s.get('module')!r} is not in course/modules.json")
        for key in ("title", "group", "purpose", "prepare", "roles", "steps", "sheet", "debrief"):
            if not s.get(key):
                out.append(f"{at}: needs {key!r}")
        total = sum(step.get("minutes", 0) for step in s.get("steps", []))
        if total != s.get("minutes"):
            out.append(f"{at}: the steps take {total} minutes, but the session says {s.get('minutes')}")
        for ref in s.get("material", []):
            try:
                for lang in LANGS:
                    voices(ref, lang)
            except (KeyError, ExerciseError) as exc:
                out.append(f"{at} material: {exc.args[0] if exc.args else exc}")
        sheet = s.get("sheet") or {}
        try:
            if not sheet_rows(sheet, "sv") or not sheet.get("columns"):
                out.append(f"{at}: the observer sheet needs rows and columns")
        except (KeyError, ExerciseError) as exc:
            out.append(f"{at} sheet: {exc.args[0] if exc.args else exc}")
    if not data.get("sessions"):
        out.append(f"{where}: needs at least one session")
    return out


# -- the page ----------------------------------------------------------------------------------------
CSS = """
:root { color: #1a1a1a; background: #fff; }
body { font: 11.5pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 0; }
main { max-width: 46em; margin: 0 auto; padding: 1.5em; }
h1 { font-size: 1.7em; margin: 0.2em 0 0.4em; }
h2 { font-size: 1.35em; margin: 1.2em 0 0.3em; color: #1d4f91; }
h3 { font-size: 1.1em; margin: 1em 0 0.3em; }
.meta { color: #3d3d3d; margin: 0 0 0.6em; }
.fiction { background: #eef4f7; border-left: 6px solid #24566e; padding: 0.5em 0.9em; }
.voice { margin: 0.4em 0; padding: 0.4em 0.8em; border-left: 4px solid #24566e; background: #f7fafb; }
.voice p { margin: 0.2em 0; }
.who { font-weight: 600; }
ol.plan li { margin: 0.2em 0; }
.step-min { font-weight: 600; display: inline-block; min-width: 4.5em; }
table { border-collapse: collapse; width: 100%; margin: 0.6em 0; }
th, td { border: 1px solid #4a4a4a; padding: 0.35em 0.5em; text-align: left; vertical-align: top; }
th { background: #e8f1fb; }
th[scope="row"] { width: 32%; }
td.write { height: 3.6em; }
.notes { border: 1px solid #4a4a4a; height: 8em; margin-top: 0.6em; padding: 0.35em 0.5em; }
.toc td, .toc th { border: none; border-bottom: 1px solid #d0d0d0; }
button.print { font: inherit; padding: 0.4em 1em; background: #0b5cad; color: #fff; border: 0; border-radius: 4px;
  cursor: pointer; }
button.print:focus { outline: 3px solid #8a5a00; outline-offset: 2px; }
@page { size: A4; margin: 16mm 14mm; }
@media print {
  main { max-width: none; padding: 0; }
  .no-print { display: none; }
  section.session, section.sheet { break-before: page; }
  table, .voice, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
}
"""


def render(lang: str = "sv") -> str:
    """The whole guide as one self-contained HTML page, ready to print."""
    g = guide()
    e = html.escape
    lab = {k: _t(v, lang) for k, v in g["labels"].items()}
    minutes = lab["minutes"]
    parts = [
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(_t(g['title'], lang))}</title><style>{CSS}</style></head><body><main>",
        f'<p class="no-print"><button type="button" class="print" onclick="window.print()">{e(lab["print"])}</button></p>',
        f"<h1>{e(_t(g['title'], lang))}</h1>",
        md(_t(g["intro"], lang)),
        f'<p class="fiction">{e(lab["fiction"])}</p>',
        f"<h2>{e(_t(g['agreements']['title'], lang))}</h2>",
        md(_t(g["agreements"]["text"], lang)),
        f"<h2>{e(lab['contents'])}</h2>",
        '<table class="toc"><tbody>',
    ]
    for s in g["sessions"]:
        parts.append(
            f'<tr><td><a href="#{e(s["id"])}">{e(_t(s["title"], lang))}</a></td>'
            f"<td>{e(_module_title(s['module'], lang))}</td>"
            f"<td>{e(minutes.replace('{m}', str(s['minutes'])))}</td></tr>"
        )
    parts.append("</tbody></table>")
    for s in g["sessions"]:
        parts.append(_session(s, lang, lab))
    parts.append("</main></body></html>\n")
    return "".join(parts)


def _session(s: dict, lang: str, lab: dict) -> str:
    e = html.escape
    title = _t(s["title"], lang)
    out = [
        f'<section class="session" id="{e(s["id"])}" aria-labelledby="{e(s["id"])}-h">',
        f'<h2 id="{e(s["id"])}-h">{e(title)}</h2>',
        f'<p class="meta">{e(lab["module"])}: {e(_module_title(s["module"], lang))} · '
        f"{e(lab['minutes'].replace('{m}', str(s['minutes'])))} · {e(lab['group'])}: {e(_t(s['group'], lang))}</p>",
        f"<h3>{e(lab['purpose'])}</h3>",
        md(_t(s["purpose"], lang)),
        f"<h3>{e(lab['prepare'])}</h3>",
        md(_t(s["prepare"], lang)),
        f"<h3>{e(lab['roles'])}</h3><ul>",
    ]
    for r in s["roles"]:
        out.append(f"<li><strong>{e(_t(r['name'], lang))}.</strong> {e(_t(r['task'], lang))}</li>")
    out.append("</ul>")
    if s.get("material"):
        out.append(f"<h3>{e(lab['material'])}</h3>")
        for ref in s["material"]:
            name = _t(load_exercise(ref["exercise"]).get("title"), lang)
            out.append(f'<p class="meta">{e(lab["source"].replace("{exercise}", name))}</p>')
            for who, words in voices(ref, lang):
                out.append(f'<div class="voice"><p class="who">{e(who)}</p><p>{e(words)}</p></div>')
    out.append(f'<h3>{e(lab["plan"])}</h3><ol class="plan">')
    for step in s["steps"]:
        out.append(
            f'<li><span class="step-min">{step["minutes"]} {e(lab["minute"])}</span> {e(_t(step["text"], lang))}</li>'
        )
    out.append(f"</ol><h3>{e(lab['debrief'])}</h3><ul>")
    for q in s["debrief"]:
        out.append(f"<li>{e(_t(q, lang))}</li>")
    out.append("</ul></section>")
    out.append(_sheet(s, title, lang, lab))
    return "".join(out)


def _sheet(s: dict, session_title: str, lang: str, lab: dict) -> str:
    e = html.escape
    sheet = s["sheet"]
    cols = [_t(c, lang) for c in sheet["columns"]]
    head = "".join(f'<th scope="col">{e(c)}</th>' for c in cols)
    rows = "".join(
        f'<tr><th scope="row">{e(r)}</th>' + '<td class="write"></td>' * len(cols) + "</tr>"
        for r in sheet_rows(sheet, lang)
    )
    return (
        f'<section class="sheet" aria-labelledby="{e(s["id"])}-sheet">'
        f'<h2 id="{e(s["id"])}-sheet">{e(lab["sheet"])}: {e(_t(sheet["title"], lang))}</h2>'
        f'<p class="meta">{e(lab["sheet_for"].replace("{title}", session_title))}</p>'
        f"<p>{e(_t(sheet['instructions'], lang))}</p>"
        f"<table><thead><tr><td></td>{head}</tr></thead><tbody>{rows}</tbody></table>"
        f'<p><strong>{e(lab["notes"])}</strong></p><div class="notes"></div></section>'
    )


def write(folder: str | Path, lang: str = "sv") -> Path:
    """Write the guide into `folder` (atomically) and return its path."""
    path = Path(folder) / FILENAMES[lang]
    tmp = path.with_suffix(".tmp")
    tmp.write_text(render(lang), encoding="utf-8")
    tmp.replace(path)
    return path
