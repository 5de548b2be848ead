"""Kernel lifecycle of the self-study dashboards, and who may use the server.

Each dashboard page runs in its own kernel. Leaving the page (navigating, reloading, closing the tab)
shuts it down; kernels whose page vanished without saying so are culled when idle; a kernel whose
page is still open is never culled. The server admits only whoever holds the printed token.
"""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request

import pytest

from coursekit.content import module
from tests.conftest import VoilaServer, open_module, self_study_server

pytestmark = pytest.mark.browser

MODULES = [("01-stance", "stance"), ("02-listening", "listening"), ("03-perspectives", "perspectives")]


def kernel_ids(server: VoilaServer) -> set[str]:
    return {k["id"] for k in server.api("/api/kernels")}


def wait_until(predicate, timeout: float = 30, step: float = 0.3):
    deadline = time.time() + timeout
    while True:
        value = predicate()
        if value or time.time() > deadline:
            return value
        time.sleep(step)


def watch(page) -> dict[str, list]:
    """What the page reports: console errors, HTTP errors and failed requests."""
    seen: dict[str, list] = {"console": [], "http": [], "failed": []}
    page.on("console", lambda m: seen["console"].append(m.text) if m.type == "error" else None)
    page.on("response", lambda r: seen["http"].append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.on("requestfailed", lambda r: seen["failed"].append((r.url, r.failure)))
    return seen


def server_complaints(server: VoilaServer, since: int) -> list[str]:
    """Requests the server refused or failed (jupyter_server logs those at warning level and above)."""
    lines = server.log.read_text(errors="replace").splitlines()[since:]
    return [
        ln for ln in lines if ("/voila/api/shutdown" in ln or " 403 " in ln) and ln.startswith(("[W", "[E"))
    ]


def test_leaving_a_page_shuts_its_kernel_down(browser, voila):
    """Home, three modules in turn, a reload, then the tab is closed: no kernel of ours is left."""
    before = kernel_ids(voila)
    log_start = len(voila.log.read_text(errors="replace").splitlines())
    context = browser.new_context()
    page = context.new_page()
    seen = watch(page)
    page.goto(voila.home_url)
    page.locator("li.backa-module").first.wait_for(timeout=60_000)
    ours = kernel_ids(voila) - before
    for assignment, notebook in MODULES:
        # Signed in by the token on the first page, as a learner who follows the printed address.
        page.goto(voila.module_url(assignment, notebook, token=False))
        page.locator(".backa-widget, .backa-reflection").first.wait_for(timeout=60_000)
        ours |= kernel_ids(voila) - before
        alive = wait_until(lambda: len(kernel_ids(voila) - before) <= 1 or None)
        assert alive, f"kernels of pages already left are still running: {kernel_ids(voila) - before}"
    page.reload()
    page.locator(".backa-widget, .backa-reflection").first.wait_for(timeout=60_000)
    ours |= kernel_ids(voila) - before
    assert wait_until(lambda: len(kernel_ids(voila) - before) <= 1 or None), "one open page, one kernel"
    assert len(ours) >= len(MODULES) + 2, "each page load had a kernel of its own"

    page.close(run_before_unload=True)  # the learner closes the tab
    left = wait_until(lambda: not (kernel_ids(voila) - before) or None)
    context.close()
    assert left, f"closing the tab left kernels running: {kernel_ids(voila) - before}"

    assert not seen["console"], f"console errors: {seen['console']}"
    assert not seen["http"], f"requests refused: {seen['http']}"
    assert not server_complaints(voila, log_start), server_complaints(voila, log_start)
    # A shutdown is sent as a beacon while the page unloads; the browser may report such a request as
    # aborted because its page is gone. The server answering it is what counts: its kernel is gone.
    live = kernel_ids(voila)
    failed = [
        (url, why)
        for url, why in seen["failed"]
        if not ("/voila/api/shutdown/" in url and url.rsplit("/", 1)[1] not in live)
    ]
    assert not failed, f"requests failed: {failed}"


@pytest.fixture
def culling_server(built_course, tmp_path):
    """The self-study server with idle kernels culled after 3 seconds instead of 30 minutes."""
    with self_study_server(
        built_course,
        tmp_path / "learner",
        tmp_path / "home",
        tmp_path / "server.log",
        [module("stance")],
        BACKA_KERNEL_IDLE_MINUTES="0.05",
    ) as server:
        yield server


def test_idle_kernels_are_culled_but_not_an_open_page(page, culling_server):
    server = culling_server
    open_module(page, server, *MODULES[0])
    page_kernels = kernel_ids(server)
    assert len(page_kernels) == 1
    # A kernel whose page vanished without a word (a crashed browser): nothing is connected to it.
    req = urllib.request.Request(
        server.url + "/api/kernels",
        data=b"{}",
        method="POST",
        headers={"Authorization": f"token {server.token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(req, timeout=30) as resp:
        orphan = json.load(resp)["id"]
    assert wait_until(lambda: orphan not in kernel_ids(server) or None, timeout=30), (
        "the orphan was not culled"
    )
    # The learner paused far longer than the idle time; their page's kernel is still there and works.
    time.sleep(4)
    assert page_kernels <= kernel_ids(server)
    area = page.locator("textarea.backa-refl-text")
    area.scroll_into_view_if_needed()
    area.fill("Jag tänkte länge innan jag skrev det här.")
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    saved = json.loads((server.learner / MODULES[0][0] / "answers.json").read_text())
    assert saved["items"]["stance-experience"]["text"].startswith("Jag tänkte länge")


def test_the_server_admits_only_the_token_holder(page, voila):
    """Another user of the machine reaches the port but not the files, the kernels or the pages."""
    (voila.learner / "01-stance" / "answers.json").write_text('{"items": {}, "exercises": {}}')
    refused = {
        "/api/contents": 403,
        "/api/kernels": 403,
        "/api/terminals": 404,
        "/files/01-stance/answers.json": 302,
    }
    for path, code in refused.items():
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.build_opener(_NoRedirect).open(voila.url + path, timeout=10)
        assert err.value.code == code, path
    page.goto(voila.url + "/voila/render/01-stance/stance.ipynb")
    assert "/login" in page.url
    assert page.locator(".backa-reflection").count() == 0
    # The printed address opens the course in one step.
    page.goto(voila.home_url)
    page.locator("li.backa-module").first.wait_for(timeout=60_000)
    # And no terminal can be opened even by the token holder: learners never need one.
    req = urllib.request.Request(
        voila.url + "/api/terminals",
        data=b"",
        method="POST",
        headers={"Authorization": f"token {voila.token}"},
    )
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(req, timeout=10)
    assert err.value.code == 404
    voila.reset("01-stance")


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None
