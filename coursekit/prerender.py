"""The course text in a module notebook before anything runs, for learners who open it in JupyterLab.

`ShowCourseText` is the last preprocessor of `nbgrader generate_assignment` (see coursekit/build.py),
so the learner version stays nbgrader's own output: same cells, grade ids and checksums. It reads
the lesson calls in each code cell (`lesson.header()`, `lesson.show(...)`, `lesson.exercise(...)`,
`lesson.reflection(...)`, `lesson.add(...)`) and stores what they will show as the cell's outputs:
the text in both languages (the Swedish default visible, English marked `hidden`; the learner's
JupyterLab shows their remembered choice, see coursekit/labview.py), and a note where a widget will
appear. Those cells become read-only; cells that show nothing (nbgrader's hidden-test cells) are
folded (`jupyter.source_hidden`). The learner's JupyterLab style (coursekit/lab/lab.css) hides the
code of the one and the whole of the other. Running the notebook, in JupyterLab or Voilà, replaces
these outputs with the live ones, exactly as before.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

import nbformat
from nbgrader.preprocessors import NbGraderPreprocessor

from .content import (
    LANGS,
    ContentError,
    render_sections,
    render_start_hint,
    render_title,
    render_waiting,
)
from .settings import DEFAULT_LANG

# The lesson methods whose output can be known without running, and what stands in for a widget.
WIDGETS = {"exercise": "exercise", "reflection": "reflection", "add": "part"}


@dataclass(frozen=True)
class Step:
    kind: str  # "title", "start", "sections" or "waiting"
    args: tuple[str, ...] = ()


def lesson_calls(source: str, module_id: str | None) -> tuple[str | None, list[Step]]:
    """The module id (from `lesson = Lesson("...")`) and the steps one code cell shows, in order.

    Only calls on the name `lesson` count, as the module notebooks write them.
    """
    try:
        tree = ast.parse(source)
    except SyntaxError:
        return module_id, []
    steps: list[Step] = []
    for node in tree.body:
        if isinstance(node, ast.Assign) and _is_lesson(node.value):
            module_id = _strings(node.value.args)[0]
        call = node.value if isinstance(node, ast.Expr) else None
        if not (
            isinstance(call, ast.Call)
            and isinstance(call.func, ast.Attribute)
            and isinstance(call.func.value, ast.Name)
            and call.func.value.id == "lesson"
        ):
            continue
        method = call.func.attr
        if method == "header":
            steps += [Step("title"), Step("start")]
        elif method == "show":
            steps.append(Step("sections", _strings(call.args)))
        elif method in WIDGETS:
            steps.append(Step("waiting", (WIDGETS[method],)))
    return module_id, steps


def _is_lesson(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "Lesson"


def _strings(args: list[ast.expr]) -> tuple[str, ...]:
    if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in args):
        raise ContentError("Lesson calls in a module notebook take plain strings (section and exercise ids)")
    return tuple(a.value for a in args)


def both_languages(render: Callable[[str], str]) -> str:
    """One block per language; all but the default are `hidden` until the learner's choice says so."""
    # JupyterLab's sanitizer drops a bare `hidden`; `hidden="hidden"` survives.
    order = (DEFAULT_LANG, *[x for x in LANGS if x != DEFAULT_LANG])
    hide = {lang: "" if lang == DEFAULT_LANG else ' hidden="hidden"' for lang in order}
    return "".join(
        f'<div class="backa-text-lang" lang="{lang}"{hide[lang]}>{render(lang)}</div>' for lang in order
    )


def step_html(module_id: str, step: Step) -> str:
    if step.kind == "title":
        return both_languages(lambda lang: render_title(module_id, lang))
    if step.kind == "start":
        return both_languages(render_start_hint)
    if step.kind == "sections":
        return both_languages(lambda lang: render_sections(module_id, lang, step.args))
    return both_languages(lambda lang: render_waiting(step.args[0], lang))


def prerender(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Store each code cell's text as its outputs; fold the empty cells. Other notebooks: unchanged."""
    code = [cell for cell in nb.cells if cell.cell_type == "code"]
    if not any("Lesson(" in cell.source for cell in code):
        return nb  # not a module notebook (an instructor's own assignment, say)
    module_id = None
    for cell in code:
        module_id, steps = lesson_calls(cell.source, module_id)
        if not cell.source.strip():  # nbgrader's hidden-test cells, in the learner version
            cell.metadata.setdefault("jupyter", {})["source_hidden"] = True
        if not steps:
            continue
        if module_id is None:
            raise ContentError(
                "A module notebook must create its lesson (Lesson('<module id>')) before using it"
            )
        cell.outputs = [
            nbformat.v4.new_output(
                "display_data",
                data={"text/html": step_html(module_id, s)},
                metadata={"backa": {"prerendered": True}},
            )
            for s in steps
        ]
        cell.execution_count = None
        # Course text, not the learner's code: they cannot change or delete it by accident.
        cell.metadata["editable"] = False
        cell.metadata["deletable"] = False
    return nb


class ShowCourseText(NbGraderPreprocessor):
    """nbgrader preprocessor: the learner version shows its course text without being run."""

    def preprocess(self, nb, resources):
        return prerender(nb), resources
