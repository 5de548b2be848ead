"""The course on a real JupyterHub, configured by deploy/jupyterhub/jupyterhub_config.py (tests/hubkit.py's
shared hub: loopback, the test login, the simple spawner with homes under a temporary folder).

A learner's server starts, the module dashboard renders in Voilà under /user/<name>/, typing saves to the
learner's answers file, and leaving a dashboard shuts its kernel down.
Needs configurable-http-proxy (npm); `make test` installs it.
"""

from __future__ import annotations

import json
import shutil
import time
import urllib.request

import pytest

from tests.hubkit import LEARNERS_GROUP, TOKEN

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LEARNER = "dora"  # a user of her own on the shared hub
MODULE_PAGE = f"/user/{LEARNER}/voila/render/01-stance/stance.ipynb"


def install_stance(built_course, hub) -> None:
    """The stance module in the learner's home, as fetching would leave it."""
    from coursekit.build import install_learner
    from coursekit.content import module

    if not (hub.homes / LEARNER / "01-stance").exists():
        install_learner(built_course, hub.homes / LEARNER, [module("stance")])


@pytest.fixture(scope="module")
def hub(course_hub, built_course):
    course_hub.add_user(LEARNER, LEARNERS_GROUP)
    install_stance(built_course, course_hub)
    return course_hub


def test_the_course_runs_on_jupyterhub(hub, page):
    hub.start_servers([LEARNER])
    groups = hub.api("/groups")
    assert {g["name"] for g in groups} >= {"formgrade-backa-dialogue", "nbgrader-backa-dialogue"}
    hub.sign_in(page, LEARNER, MODULE_PAGE)
    area = page.locator("textarea.backa-refl-text")
    area.wait_for(timeout=120_000)
    area.scroll_into_view_if_needed()
    area.fill("Jag ledde ett möte i Backa där föräldrar blev arga, och jag kände mig attackerad.")
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    saved = json.loads((hub.homes / LEARNER / "01-stance" / "answers.json").read_text())
    assert saved["items"]["stance-experience"]["text"].startswith("Jag ledde")
    shutil.rmtree(hub.homes / LEARNER / "01-stance", ignore_errors=True)


def learner_kernels(base: str) -> set[str]:
    req = urllib.request.Request(f"{base}/user/{LEARNER}/api/kernels")  # as the hub's admin test service
    req.add_header("Authorization", f"token {TOKEN}")
    with urllib.request.urlopen(req, timeout=30) as resp:
        return {k["id"] for k in json.load(resp)}


def test_leaving_a_dashboard_under_the_hub_shuts_its_kernel_down(hub, page, built_course):
    """Under the hub's base URL (/user/<name>/) the shutdown on leaving a page is accepted too."""
    base = hub.base
    hub.start_servers([LEARNER])
    install_stance(built_course, hub)
    refused: list[str] = []
    page.on(
        "response",
        lambda r: refused.append(f"{r.status} {r.url}") if r.status >= 400 and "/api/" in r.url else None,
    )
    before = learner_kernels(base)
    hub.sign_in(page, LEARNER, MODULE_PAGE)  # straight to the module, not the course home
    page.locator("textarea.backa-refl-text").wait_for(timeout=120_000)
    page.reload()
    page.locator("textarea.backa-refl-text").wait_for(timeout=120_000)
    deadline = time.time() + 30
    while len(learner_kernels(base) - before) > 1 and time.time() < deadline:
        time.sleep(0.5)
    assert len(learner_kernels(base) - before) == 1, "the reloaded page's old kernel is still running"
    page.close(run_before_unload=True)
    deadline = time.time() + 30
    while learner_kernels(base) - before and time.time() < deadline:
        time.sleep(0.5)
    assert not learner_kernels(base) - before, "closing the tab left the kernel running"
    assert not refused, refused
