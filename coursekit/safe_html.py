"""Learner-controlled HTML, made safe for the pages instructors open.

A submitted notebook is the learner's file: a Markdown cell, a raw cell or a cell's output may carry
`<script>`, an `<img onerror>`, a link to `javascript:` or an image from another server. nbgrader shows
all of it, unfiltered, in the formgrader (in the instructor's session) and in the feedback HTML. Its own
switch (`HTMLExporter.sanitize_html`) does not reach the Markdown cells of nbgrader's templates, and its
allow-list turns ordinary paragraphs and headings into visible tags; so nbgrader_config.py plugs in the
two pieces here instead:

- `SanitizeNotebook`, an nbconvert preprocessor: every HTML or Markdown output is cleaned, and outputs
  that are code (JavaScript, widget views, anything unknown) are dropped; raw cells are cleaned.
- `markdown2html`, the Jinja filter nbconvert renders Markdown with, replaced by one that cleans what it
  renders (Markdown cells, Markdown outputs and grading comments).

`clean()` is the allow-list itself, for any other page that shows submitted HTML. What it keeps: text
formatting, lists, tables, headings, links (http, https, mailto, in-page), and images that are inline
data or relative files. What it drops or shows as text: scripts, event handlers, styles, frames,
forms, `id`/`name` attributes (they could clobber the formgrader's own elements), and any address that
would make the browser fetch from another machine.
"""

from __future__ import annotations

from typing import Any

import bleach
from jinja2 import pass_context
from nbconvert.preprocessors import Preprocessor

TAGS = frozenset(
    {
        "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "details", "div", "dl", "dt",
        "em", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd",
        "li", "mark", "ol", "p", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
        "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul", "var",
    }
)  # fmt: skip
COMMON_ATTRIBUTES = frozenset({"class", "lang", "dir", "title", "role", "aria-label", "aria-hidden"})
TAG_ATTRIBUTES = {
    "a": {"href"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
    "li": {"data-criterion"},
}
WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
PROTOCOLS = frozenset({"http", "https", "mailto", "data"})
# What an output may keep unchanged: the template escapes text and shows images as inline data.
SAFE_OUTPUT_KEYS = frozenset(
    {"text/plain", "text/latex", "image/png", "image/jpeg", "image/gif", "image/svg+xml", "application/json"}
)


def _local(value: str) -> bool:
    """A relative address (same page or same server), never another machine."""
    v = value.strip().lower()
    return ":" not in v.split("/", 1)[0] and not v.startswith("//") and not v.startswith("\\")


def _allowed(tag: str, name: str, value: str) -> bool:
    if name in COMMON_ATTRIBUTES:
        return True
    if name not in TAG_ATTRIBUTES.get(tag, ()):
        return False
    if tag == "img" and name == "src":
        # An image from elsewhere is a request the learner makes from the instructor's browser.
        return value.strip().lower().startswith("data:image/") or _local(value)
    if tag == "a" and name == "href":
        return not value.strip().lower().startswith("data:")
    return True


def clean(html: str) -> str:
    """`html` with everything that could run code or fetch from elsewhere removed or shown as text."""
    return bleach.clean(
        html, tags=TAGS, attributes=_allowed, protocols=PROTOCOLS, strip=False, strip_comments=True
    )


@pass_context
def markdown2html(context: Any, source: str) -> str:
    """nbconvert's Markdown rendering (math, attachments, heading anchors), then `clean`."""
    from nbconvert.filters.markdown_mistune import IPythonRenderer, MarkdownWithMath

    cell = context.get("cell", {}) or {}
    path = (context.get("resources", {}) or {}).get("metadata", {}).get("path", "")
    renderer = IPythonRenderer(escape=False, attachments=cell.get("attachments", {}), path=path)
    return clean(MarkdownWithMath(renderer=renderer).render(source or ""))


def markdown_to_safe_html(source: str) -> str:
    """Markdown written by a learner, as HTML that is safe to show on an instructor's page."""
    return markdown2html({}, source)


class SanitizeNotebook(Preprocessor):
    """Clean every piece of learner-controlled HTML in a notebook before it is rendered for a person."""

    def preprocess_cell(self, cell, resources, index):
        if cell.cell_type == "raw":
            cell.source = clean(cell.source)
        elif cell.cell_type == "code":
            # A live widget has no static form here; its text fallback is only a Python repr. The graded
            # answer is shown readably by the hidden test cell (coursekit/readable.py).
            cell.outputs = [o for o in cell.get("outputs", []) if WIDGET_VIEW not in o.get("data", {})]
            for output in cell.outputs:
                if output.get("output_type") in ("display_data", "execute_result", "update_display_data"):
                    output["data"] = self._clean_data(output.get("data", {}))
        if "attachments" in cell:
            # Attachments only appear as images through markdown2html; drop anything else.
            cell.attachments = {
                name: {k: v for k, v in bundle.items() if k.startswith("image/")}
                for name, bundle in (cell.attachments or {}).items()
            }
        return cell, resources

    @staticmethod
    def _clean_data(data: dict) -> dict:
        out = {k: v for k, v in data.items() if k in SAFE_OUTPUT_KEYS}
        if "text/html" in data:
            out["text/html"] = clean(_text(data["text/html"]))
        elif "text/markdown" in data:
            out["text/html"] = markdown_to_safe_html(_text(data["text/markdown"]))
        return out


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def template_basedirs() -> list[str]:
    """nbconvert template folders for nbgrader's pages: the course's own first (it replaces the macro
    that loads MathJax from a CDN with one that loads nothing), then nbgrader's formgrade and feedback."""
    from pathlib import Path

    import nbgrader

    nbgrader_templates = Path(nbgrader.__file__).parent / "server_extensions" / "formgrader" / "templates"
    return [str(Path(__file__).parent / "nbgrader_templates"), str(nbgrader_templates)]
