"""`backa-course check`: every content, exercise and item file, checked as a trainer would need.

Returns problems as sentences that name the file and what to change. Besides the structure checked
here, `consistency` holds the texts to the glossary (stages, steps, terms, quotation marks, option
lengths) and `study_time` holds the catalogue's minutes to an estimate from the content.
"""

from __future__ import annotations

import re

import jupytext

from . import consistency, study_time, trainer_guide
from .content import LANGS, ContentError, catalogue, module_text
from .exercises import validate_exercise
from .paths import COURSE

_SHOW = re.compile(r"""lesson\.show\(([^)]*)\)""")
_ARG = re.compile(r"""["']([a-z0-9-]+)["']""")


def shown_sections(notebook: str) -> list[str]:
    source = (COURSE / "notebooks" / f"{notebook}.py").read_text(encoding="utf-8")
    return [sid for call in _SHOW.findall(source) for sid in _ARG.findall(call)]


def graded_cells(notebook: str) -> dict[str, float]:
    nb = jupytext.read(COURSE / "notebooks" / f"{notebook}.py", fmt="py:percent")
    return {
        c.metadata["nbgrader"]["grade_id"]: float(c.metadata["nbgrader"]["points"])
        for c in nb.cells
        if c.metadata.get("nbgrader", {}).get("grade")
    }


def check_module(module_id: str, notebook: str | None = None) -> list[str]:
    problems: list[str] = []
    texts = {}
    for lang in LANGS:
        try:
            texts[lang] = module_text(module_id, lang)
        except ContentError as exc:
            problems.append(str(exc))
    if len(texts) == len(LANGS):
        sv, en = list(texts["sv"].sections), list(texts["en"].sections)
        if sv != en:
            problems.append(
                f"course/content/{module_id}: sv.md and en.md must have the same sections in the same order "
                f"(only in sv: {sorted(set(sv) - set(en))}, only in en: {sorted(set(en) - set(sv))}, "
                f"order sv: {sv}, en: {en})"
            )
        for lang, text in texts.items():
            empty = [s for s, body in text.sections.items() if not body.strip()]
            if empty:
                problems.append(f"course/content/{module_id}/{lang}.md: empty sections {empty}")
    if notebook and texts:
        path = COURSE / "notebooks" / f"{notebook}.py"
        if not path.exists():
            return problems + [f"course/notebooks/{notebook}.py is missing"]
        for sid in shown_sections(notebook):
            for lang, text in texts.items():
                if sid not in text.sections:
                    problems.append(
                        f"course/notebooks/{notebook}.py shows {sid!r}, missing in {module_id}/{lang}.md"
                    )
    return problems


def check_all() -> list[str]:
    from grading import item_ids, load_item

    from .exercises import load_exercise

    problems = check_module("home")
    for m in catalogue():
        problems += check_module(m.id, m.notebook)
        if not (COURSE / "notebooks" / f"{m.notebook}.py").exists():
            continue
        cells = graded_cells(m.notebook)
        for item in m.items:
            if item not in item_ids():
                problems.append(f"course/modules.json: module {m.id} names unknown item {item!r}")
            elif cells.get(item) != load_item(item).max_points:
                problems.append(
                    f"course/notebooks/{m.notebook}.py: needs one hidden test cell with grade_id "
                    f"{item!r} worth {load_item(item).max_points} points"
                )
        for ex in m.exercises:
            found = validate_exercise(ex)
            problems += found
            if not found and cells.get(ex) != float(load_exercise(ex)["points"]):
                problems.append(
                    f"course/notebooks/{m.notebook}.py: needs one hidden test cell with grade_id "
                    f"{ex!r} worth {load_exercise(ex)['points']} points"
                )
        extra = set(cells) - set(m.items) - set(m.exercises)
        if extra:
            problems.append(
                f"course/notebooks/{m.notebook}.py: graded cells {sorted(extra)} are not in modules.json"
            )
    problems += trainer_guide.problems()
    if problems:
        # The cross-file checks below assume files that load; fix those first.
        return problems
    return problems + consistency.problems() + study_time.problems()
