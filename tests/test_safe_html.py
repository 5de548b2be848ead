"""The allow-list for learner-controlled HTML on instructor pages (coursekit/safe_html.py)."""

from __future__ import annotations

import nbformat
import pytest

from coursekit.readable import reflection_view
from coursekit.safe_html import SanitizeNotebook, clean, markdown_to_safe_html
from grading import score

DANGEROUS = [
    ('<script>document.title="pwned"</script>', "<script"),
    ('<img src="x" onerror="window.__pwned=1">', "onerror"),
    ('<img src="https://tracker.example.com/p.png">', "tracker.example.com"),
    ('<img src="//tracker.example.com/p.png">', "tracker.example.com"),
    ('<a href="javascript:alert(1)">x</a>', "javascript:"),
    ('<iframe src="https://example.com"></iframe>', "<iframe"),
    ('<svg onload="alert(1)"></svg>', "<svg"),
    ("<style>body { background: url(https://example.com/x) }</style>", "<style"),
    ('<link rel="stylesheet" href="https://example.com/x.css">', "<link"),
    ('<p style="background: url(https://example.com/x)">x</p>', "style="),
    ('<form action="https://example.com"><input name="q"></form>', "<form"),
    ('<div id="needs_manual_grade">x</div>', "id="),
    ('<base href="https://example.com/">', "<base"),
]


@pytest.mark.parametrize("markup, trace", DANGEROUS)
def test_clean_removes_what_could_run_or_fetch(markup, trace):
    assert trace not in clean(markup)


def test_clean_keeps_ordinary_formatting():
    markup = (
        '<h2 class="x">Title</h2><p>One <b>bold</b> <em>word</em>, a <a href="https://example.com">link</a>.</p>'
        '<ul><li>item</li></ul><table><tbody><tr><th scope="col">a</th></tr><tr><td>b</td></tr></tbody></table>'
        '<details><summary>more</summary><p>hidden</p></details><img src="data:image/png;base64,AAAA" alt="a">'
    )
    assert clean(markup) == markup


def test_markdown_is_rendered_then_cleaned():
    html = markdown_to_safe_html("# Notes\n\n> a quote\n\n<script>alert(1)</script>\n\n`a < b`")
    assert "<blockquote>" in html and "<h1>" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html
    assert "<code>a &lt; b</code>" in html


def test_notebook_outputs_and_raw_cells_are_cleaned():
    code = nbformat.v4.new_code_cell("x")
    code.outputs = [
        nbformat.v4.new_output(
            "display_data", {"text/html": "<script>x()</script><b>ok</b>", "text/plain": "ok"}
        ),
        nbformat.v4.new_output("display_data", {"application/javascript": "x()", "text/plain": "js"}),
        nbformat.v4.new_output("display_data", {"text/markdown": "**md** <img src=x onerror=y()>"}),
        nbformat.v4.new_output(
            "display_data",
            {"application/vnd.jupyter.widget-view+json": {"model_id": "m"}, "text/plain": "Widget(...)"},
        ),
    ]
    raw = nbformat.v4.new_raw_cell("<script>x()</script>")
    nb = nbformat.v4.new_notebook(cells=[code, raw])
    nb, _ = SanitizeNotebook().preprocess(nb, {})
    outputs = nb.cells[0].outputs
    assert len(outputs) == 3  # the widget view is gone: without its state it is only a repr
    assert outputs[0].data["text/html"] == "&lt;script&gt;x()&lt;/script&gt;<b>ok</b>"
    assert outputs[1].data == {"text/plain": "js"}
    assert (
        "<strong>md</strong>" in outputs[2].data["text/html"]
        and "onerror" not in outputs[2].data["text/html"]
    )
    assert nb.cells[1].source == "&lt;script&gt;x()&lt;/script&gt;"


def test_the_readable_view_survives_the_sanitiser_unchanged_in_meaning():
    text = (
        "At the meeting <script>alert(1)</script> people were angry. I felt attacked and defended the plan."
    )
    view = reflection_view("stance-experience", {"text": text}, score("stance-experience", text, "en"), "en")
    cleaned = clean(view.html)
    for needle in ("backa-graded-text", "backa-graded-criteria", "list-group-item", "&lt;script&gt;alert(1)"):
        assert needle in cleaned
    assert cleaned.count("<li") == view.html.count("<li") and "<script" not in cleaned
