"""A learner opens the released modules in JupyterLab, configured as `backa-course lab` and the hub do.

Before anything runs, each module shows its text, rendered, in the learner's language: no code, no
empty or hidden-test cells, instructor notes folded. Running it brings the widgets, still without
code. Of nbgrader, the learner sees the assignment list and the Validate button only.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import urllib.error
import urllib.request
from dataclasses import dataclass, field

import nbformat
import pytest

from coursekit.build import install_learner
from coursekit.cli import lab_command, lab_env
from coursekit.content import catalogue, module_text, render_sections, section_kind
from coursekit.prerender import lesson_calls
from tests.conftest import free_port, only_modules, wait_http

pytestmark = pytest.mark.browser

# What a learner must never see: the notebooks' Python.
PYTHON = re.compile(r"lesson\.|Lesson\(|\bimport\b|grade_(item|exercise)|BEGIN HIDDEN|from coursekit")


def modules():
    only = only_modules()
    return [m for m in catalogue() if not only or m.id in only]


@pytest.fixture(scope="module")
def learner_lab(built_course, tmp_path_factory):
    """JupyterLab on a learner's workspace, started as `backa-course lab` starts it (token off for the test)."""
    root = tmp_path_factory.mktemp("learner-lab")
    home = tmp_path_factory.mktemp("learner-lab-home")
    install_learner(built_course, root, modules())
    port = free_port()
    env = lab_env(
        dict(os.environ, BACKA_COURSE_HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jupyter-config"))
    )
    cmd = lab_command(
        root,
        port,
        "--no-browser",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
    )
    log = open(home / "lab.log", "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status", timeout=90)
        yield f"http://127.0.0.1:{port}", root, home
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def set_lang(home, lang: str | None) -> None:
    path = home / "settings.json"
    if lang is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(json.dumps({"lang": lang}))


def open_notebook(page, url: str, root, module) -> nbformat.NotebookNode:
    """Open a module notebook alone (no tabs restored) and wait until all its cells are there."""
    nb = nbformat.read(root / module.assignment / module.notebook_file, as_version=4)
    page.goto(f"{url}/lab/tree/{module.assignment}/{module.notebook_file}?reset")
    page.locator(".jp-Notebook .backa-title:visible").first.wait_for(timeout=90_000)
    page.wait_for_function(
        "n => document.querySelectorAll('.jp-Notebook .jp-Cell').length === n", arg=len(nb.cells)
    )
    return nb


@dataclass
class CellView:
    shown: bool  # takes room on the page
    text: str = ""
    code_shown: bool = False
    notes: list[tuple[bool, bool, str]] = field(default_factory=list)  # (open, body shown, summary)


def read_through(page) -> list[CellView]:
    """Each cell as a learner scrolling through sees it (JupyterLab only paints cells near the view)."""
    cells = page.locator(".jp-Notebook .jp-Cell")
    views = []
    for i in range(cells.count()):
        cell = cells.nth(i)
        if cell.evaluate("e => getComputedStyle(e).display") == "none":
            views.append(CellView(shown=False))
            continue
        cell.scroll_into_view_if_needed()
        code = cell.locator(".jp-Cell-inputWrapper, .jp-InputPlaceholder, .cm-editor")
        notes = cell.locator("details.backa-instructor")
        views.append(
            CellView(
                shown=True,
                text=normalise(cell.inner_text()),
                code_shown=any(code.nth(j).is_visible() for j in range(code.count())),
                notes=[
                    (
                        notes.nth(j).get_attribute("open") is not None,
                        notes.nth(j).locator("p").first.is_visible(),
                        notes.nth(j).locator("summary").inner_text(),
                    )
                    for j in range(notes.count())
                    if notes.nth(j).is_visible()
                ],
            )
        )
    return views


def seen_text(views: list[CellView]) -> str:
    return " ".join(v.text for v in views if v.shown)


def plain(fragment: str) -> str:
    """Text of an HTML fragment, as a reader sees it (tags dropped, entities decoded, spaces collapsed)."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def shown_sections(notebook_path) -> list[str]:
    nb = nbformat.read(notebook_path, as_version=4)
    module_id, sections = None, []
    for cell in nb.cells:
        if cell.cell_type == "code":
            module_id, steps = lesson_calls(cell.source, module_id)
            sections += [sid for s in steps if s.kind == "sections" for sid in s.args]
    return sections


def first_words(module_id: str, lang: str, sid: str, n: int = 8) -> str:
    return " ".join(plain(render_sections(module_id, lang, (sid,))).split()[:n])


def normalise(text: str) -> str:
    return " ".join(text.split())


def test_released_modules_show_their_text_without_running(page, learner_lab):
    url, root, home = learner_lab
    set_lang(home, None)  # a new learner: Swedish
    for m in modules():
        path = root / m.assignment / m.notebook_file
        nb = open_notebook(page, url, root, m)
        views = read_through(page)
        seen = seen_text(views)
        sv, en = module_text(m.id, "sv"), module_text(m.id, "en")
        assert sv.title in seen, f"{m.assignment}: the Swedish title is not visible"
        assert en.title not in seen, f"{m.assignment}: the English text shows beside the Swedish"
        sections = shown_sections(path)
        for sid in sections:
            if section_kind(sid) != "instructor":
                assert first_words(m.id, "sv", sid) in seen, f"{m.assignment}: section {sid} is not visible"
        assert not PYTHON.search(seen), f"{m.assignment}: Python is visible: {PYTHON.search(seen)[0]!r}"

        assert len(views) == len(nb.cells)
        for i, (cell, view) in enumerate(zip(nb.cells, views, strict=True)):
            if cell.metadata.get("nbgrader", {}).get("grade"):  # hidden tests: empty in the learner version
                assert not view.shown, f"{m.assignment}: hidden-test cell {i} is visible"
            if view.shown:
                assert view.text, f"{m.assignment}: cell {i} is visible and empty"
                assert not view.code_shown, f"{m.assignment}: the code of cell {i} is visible"

        # Instructor notes: folded, their summary visible, their text not.
        notes = [note for v in views for note in v.notes]
        assert len(notes) == len([sid for sid in sections if section_kind(sid) == "instructor"]), m.assignment
        assert all(note == (False, False, "För dig som leder kursen") for note in notes), notes


def test_the_text_follows_the_learners_language(page, learner_lab):
    url, root, home = learner_lab
    m = modules()[0]
    set_lang(home, "en")  # chosen earlier, on the start page or in another module
    try:
        open_notebook(page, url, root, m)
        seen = seen_text(read_through(page))
        en, sv = module_text(m.id, "en"), module_text(m.id, "sv")
        assert en.title in seen and sv.title not in seen
        assert first_words(m.id, "en", "overview", 3) in seen
        assert "How to start the exercises" in seen
        assert not PYTHON.search(seen)
    finally:
        set_lang(home, None)


def test_running_the_module_brings_the_widgets_and_still_no_code(page, learner_lab):
    url, root, home = learner_lab
    set_lang(home, None)
    stance = next((m for m in modules() if m.id == "stance"), None)
    if stance is None:
        pytest.skip("stance is not built (BACKA_ONLY)")
    open_notebook(page, url, root, stance)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
    page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
    page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
    area = page.locator(".jp-Notebook textarea.backa-refl-text")
    area.wait_for(timeout=90_000)
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
    views = read_through(page)
    seen = seen_text(views)
    assert module_text("stance", "sv").title in seen
    assert "Run All Cells" not in seen  # the waiting notes gave way to the widgets
    assert not PYTHON.search(seen), PYTHON.search(seen)[0]
    assert not any(v.code_shown for v in views)
    assert page.locator(".jp-Notebook .backa-ex select").count() >= 2

    # The live switch turns the whole module to English in place.
    page.locator(".jp-Notebook .jp-Cell").first.scroll_into_view_if_needed()
    switch = page.locator(".jp-Notebook").get_by_label("Språk / Language")
    switch.select_option("en")
    page.locator(".jp-Notebook h1.backa-title", has_text=module_text("stance", "en").title).wait_for()
    assert module_text("stance", "sv").title not in seen_text(read_through(page))

    # A module opened next, from the file browser without reloading JupyterLab, follows the choice too.
    other = next((m for m in modules() if m.id != "stance"), None)
    if other is not None:
        page.locator(".jp-BreadCrumbs-home").first.click()
        page.locator(".jp-DirListing-item", has_text=other.assignment).dblclick()
        page.locator(".jp-DirListing-item", has_text=other.notebook_file).dblclick()
        shown = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-Notebook")
        shown.locator("h1.backa-title", has_text=module_text(other.id, "en").title).wait_for(timeout=60_000)
        assert not shown.locator("h1.backa-title", has_text=module_text(other.id, "sv").title).is_visible()
    set_lang(home, None)


def test_learners_see_only_the_learners_parts_of_nbgrader(page, learner_lab):
    url, root, _ = learner_lab
    open_notebook(page, url, root, modules()[0])
    page.get_by_role("button", name="Validate").first.wait_for()  # nbgrader's validate button stays
    page.locator(".lm-MenuBar-itemLabel", has_text="Nbgrader").first.click()
    menu = page.locator(".lm-Menu-content").first
    menu.get_by_text("Assignment List").wait_for()
    items = menu.inner_text().lower()
    for part in ("formgrader", "course list", "create assignment"):
        assert part not in items, items
    page.keyboard.press("Escape")
    assert page.get_by_text("Create Assignment").count() == 0  # the authoring side panel
    for path in ("formgrader", "formgrader/api/assignments", "formgraders"):
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(f"{url}/{path}", timeout=10)
        assert err.value.code == 404, path
