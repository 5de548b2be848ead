"""The platform as learners and instructors meet it, in headless chromium.

Voilà: feedback changes while typing, text survives a reload, markup stays text, a giant paste gets a
message, the start page shows progress and remembers the language. JupyterLab: the same notebook's
widgets render, and nbgrader's formgrader loads.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from coursekit.build import write_config
from coursekit.content import catalogue
from tests.conftest import free_port, open_module, wait_http

pytestmark = pytest.mark.browser

STANCE = ("01-stance", "stance")
SHORT = "Mötet var jobbigt."
LONGER = (
    " Det var ett samrådsmöte om en ny förskola i Backa, och flera föräldrar blev arga på oss. Jag kände mig "
    "attackerad och började försvara beslutet. Lyssnandet saknades, vi lät dem inte tala klart. Nästa gång "
    "skulle jag vänta med mitt svar och ställa öppna frågor."
)


def reflection(page):
    area = page.locator("textarea.backa-refl-text")
    area.scroll_into_view_if_needed()
    return area


def points_text(page) -> str:
    return page.locator(".backa-refl-fbtitle").inner_text()


def test_feedback_changes_while_typing_and_text_survives_reload(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = reflection(page)
    area.click()
    page.keyboard.type(SHORT)
    page.locator(".backa-refl-fbmessage").filter(has_text="kort").wait_for()
    first = points_text(page)
    assert first.endswith("0 / 4")
    page.keyboard.type(LONGER, delay=2)
    page.wait_for_function(
        "() => !document.querySelector('.backa-refl-fbtitle').textContent.endsWith(' 0 / 4')", timeout=20_000
    )
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    assert page.locator(".backa-refl-criteria li.met").count() >= 1
    assert page.locator(".backa-refl-words").inner_text().split()[0] == str(len((SHORT + LONGER).split()))
    saved = json.loads(voila.answers(STANCE[0]).read_text())
    assert saved["items"]["stance-experience"]["text"] == SHORT + LONGER

    page.reload()
    area = reflection(page)
    area.wait_for()
    assert area.input_value() == SHORT + LONGER
    page.locator(".backa-refl-criteria li").first.wait_for()


def test_markup_in_text_is_shown_as_text(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = reflection(page)
    payload = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script><b>fet</b>'
    area.fill(payload + LONGER)
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    page.reload()
    area = reflection(page)
    area.wait_for()
    page.locator(".backa-refl-criteria li").first.wait_for()
    assert area.input_value().startswith(payload)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".backa-reflection img, .backa-reflection b").count() == 0


def test_giant_paste_gets_a_clear_message_and_is_kept(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = reflection(page)
    giant = (LONGER + " ") * 4000  # about 1 MB
    area.fill(giant)
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for(timeout=60_000)
    message = page.locator(".backa-refl-fbmessage")
    message.wait_for()
    assert "lång" in message.inner_text() or "long" in message.inner_text()
    saved = json.loads(voila.answers(STANCE[0]).read_text())
    assert len(saved["items"]["stance-experience"]["text"]) == len(giant)


def test_exercise_by_keyboard_and_home_progress(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    first = page.locator(".backa-ex select").first
    first.scroll_into_view_if_needed()
    first.focus()
    page.keyboard.press("ArrowDown")  # native select: choose the next option by keyboard
    selects = page.locator(".backa-ex select")
    for i in range(selects.count()):
        selects.nth(i).focus()
        page.keyboard.press("ArrowDown")
    page.locator(".backa-ex button").first.focus()
    page.keyboard.press("Enter")
    page.locator(".backa-ex-summary").filter(has_text="/").wait_for()
    assert page.locator(".backa-ex-result").filter(has_text=".").count() == selects.count()

    reflection(page).fill(SHORT + LONGER)
    reflection(page).blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()

    page.goto(voila.home_url)
    row = page.locator('li.backa-module[data-module="stance"]')
    row.wait_for()
    stance = next(m for m in catalogue() if m.id == "stance")
    assert f"2 av {len(stance.items) + len(stance.exercises)}" in row.inner_text()
    assert page.locator("progress").count() >= 2


def test_language_choice_is_remembered(page, voila):
    voila.reset()
    page.goto(voila.home_url)
    page.locator("h1").filter(has_text="Backa").wait_for()
    assert "fallet Backa" in page.locator("h1").first.inner_text()
    switch = page.get_by_label("Språk / Language")
    switch.focus()
    page.keyboard.press("ArrowDown")  # Svenska → English, by keyboard
    page.locator("h1").filter(has_text="the Backa case").wait_for()
    page.reload()
    page.locator("h1").filter(has_text="the Backa case").wait_for()
    open_module(page, voila, *STANCE)
    assert page.locator(".backa-refl-title").inner_text() == "Reflection"
    voila.reset()


# -- JupyterLab and the formgrader --------------------------------------------------------------


@pytest.fixture(scope="module")
def lab(built_course, tmp_path_factory):
    """JupyterLab serving an nbgrader course folder: the instructor's view, with the learner notebooks."""
    root = tmp_path_factory.mktemp("lab")
    shutil.copytree(
        built_course, root, dirs_exist_ok=True, ignore=shutil.ignore_patterns("submitted", "autograded")
    )
    write_config(root)
    port = free_port()
    home = tmp_path_factory.mktemp("lab-home")
    env = dict(os.environ, BACKA_COURSE_HOME=str(home), JUPYTER_CONFIG_DIR=str(home / "jupyter-config"))
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--ServerApp.ip=127.0.0.1",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        "--ServerApp.allow_root=True",
        f"--ServerApp.root_dir={root}",
        "--LabApp.news_url=",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    log = open(root / "lab.log", "w")
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_http(f"http://127.0.0.1:{port}/api/status", timeout=90)
        yield f"http://127.0.0.1:{port}", root
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()


def test_widget_renders_in_jupyterlab(page, lab):
    url, _ = lab
    page.goto(f"{url}/lab/tree/release/01-stance/stance.ipynb")
    page.locator(".jp-Notebook").wait_for(timeout=90_000)
    page.locator(".jp-Notebook .jp-Cell").first.wait_for()
    page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=90_000)
    cells = page.locator(".jp-Notebook .jp-Cell")
    cells.first.locator(".jp-InputPrompt").click()
    for _ in range(cells.count()):
        page.keyboard.press("Shift+Enter")  # run the cell and move on, as a learner would
    widget = page.locator(".jp-Notebook textarea.backa-refl-text")
    widget.wait_for(timeout=90_000)
    widget.scroll_into_view_if_needed()
    assert page.locator(".jp-Notebook .backa-ex select").count() >= 2


def test_formgrader_loads_in_jupyterlab(page, lab):
    url, _ = lab
    page.goto(f"{url}/formgrader")
    # The assignments table links each module (the folded configuration panel names them too).
    page.get_by_role("link", name="01-stance").wait_for(timeout=60_000)
    assert page.get_by_role("link", name="00-welcome").count() == 1


def test_killed_kernel_loses_nothing(page, voila):
    """The kernel dies while the learner types: the page says so, and the text comes back after a reload."""
    import psutil

    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = reflection(page)
    area.click()
    page.keyboard.type(SHORT + LONGER, delay=1)
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    kernel_id = json.loads(page.locator("#jupyter-config-data").text_content())["kernelId"]
    kernel = next(
        p
        for p in psutil.process_iter(["cmdline"])
        if f"kernel-{kernel_id}" in " ".join(p.info["cmdline"] or [])
    )
    kernel.kill()  # as the machine would: no goodbye
    page.keyboard.type(" Det här skrevs efter att kärnan dog.")
    page.locator(".backa-refl-status[data-state=offline]").wait_for(timeout=30_000)

    page.reload()
    area = reflection(page)
    area.wait_for()
    assert area.input_value() == SHORT + LONGER  # the last saved text
    restore = page.locator("button.backa-refl-restore")
    restore.wait_for()
    restore.focus()
    page.keyboard.press("Enter")
    assert area.input_value().endswith("efter att kärnan dog.")
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    saved = json.loads(voila.answers(STANCE[0]).read_text())
    assert saved["items"]["stance-experience"]["text"].endswith("efter att kärnan dog.")
