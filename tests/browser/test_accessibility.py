"""Every dashboard passes axe-core's WCAG 2.0/2.1 A and AA rules: labels, names, contrast, structure.

axe-core comes from the npm registry (package.json; `make test` installs it) and is injected from that
local file, so nothing is fetched from outside.
"""

from __future__ import annotations

import pytest

from coursekit.content import catalogue
from tests.conftest import REPO, only_modules, open_module

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page) -> list[str]:
    if not AXE.exists():
        pytest.fail("axe-core is missing; `make test` installs it with npm")
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
            return r.violations.map(v => `${v.impact} ${v.id}: ` +
                v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
        }""",
        RULES,
    )
    return found


def modules():
    only = only_modules()
    return [m for m in catalogue() if not only or m.id in only]


@pytest.mark.parametrize("module", modules(), ids=lambda m: m.id)
def test_module_dashboard_is_accessible(page, voila, module):
    voila.reset(module.assignment)
    open_module(page, voila, module.assignment, module.notebook)
    page.wait_for_load_state("networkidle")
    assert violations(page) == []


def test_start_page_is_accessible(page, voila):
    page.goto(voila.home_url)
    page.locator("li.backa-module").first.wait_for()
    page.get_by_label("Språk / Language").wait_for()
    assert violations(page) == []
