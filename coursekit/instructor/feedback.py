"""nbgrader feedback hook: the instructor's comment on a graded reflection or exercise reaches the learner.

nbgrader's feedback template shows comments only under solution and task cells. The course's graded
cells are hidden test cells, so a comment the instructor wrote on one (in the dashboard, stored as an
nbgrader Comment on that cell) is added to the cell's output here. Configured in the course's
nbgrader_config.py (coursekit/build.py) after nbgrader's own GetGrades.
"""

from __future__ import annotations

import html
import json
from pathlib import Path

from nbformat.v4 import new_output
from nbgrader.api import Gradebook, MissingEntry
from nbgrader.preprocessors import NbGraderPreprocessor

from .reviews import grade_comment

LABEL = {"sv": "Kommentar från läraren", "en": "Comment from your teacher"}
CLASS = "backa-teacher-comment"


def _lang(folder: str | None) -> str:
    try:
        lang = json.loads((Path(folder or ".") / "answers.json").read_text(encoding="utf-8")).get("lang")
    except (OSError, ValueError, AttributeError):
        lang = None
    return lang if lang in LABEL else "sv"


def comment_output(comment: str, lang: str):
    label = LABEL[lang]
    body = html.escape(comment)
    markup = (
        f'<div class="{CLASS}" role="note" style="border-left:4px solid #1f5f99;padding:.5em .75em;'
        f'margin:.5em 0;background:#f2f5f8;color:#1b1b1b"><strong>{label}</strong>'
        f'<p style="white-space:pre-wrap;margin:.25em 0 0">{body}</p></div>'
    )
    return new_output("display_data", data={"text/html": markup, "text/plain": f"{label}: {comment}"})


class ShowGradeComments(NbGraderPreprocessor):
    def preprocess(self, nb, resources):
        info = resources["nbgrader"]
        lang = _lang(resources.get("metadata", {}).get("path"))
        with Gradebook(info["db_url"]) as gb:
            for cell in nb.cells:
                meta = cell.metadata.get("nbgrader", {})
                if (
                    cell.cell_type != "code"
                    or not meta.get("grade")
                    or meta.get("solution")
                    or meta.get("task")
                ):
                    continue
                try:
                    grade = gb.find_grade(
                        meta["grade_id"], info["notebook"], info["assignment"], info["student"]
                    )
                except MissingEntry:
                    continue
                comment = grade_comment(gb, grade)
                if comment is not None and comment.manual_comment:
                    cell.setdefault("outputs", []).append(comment_output(comment.manual_comment, lang))
        return nb, resources
