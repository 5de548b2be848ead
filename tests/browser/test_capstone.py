"""The capstone dashboard by keyboard alone: the transfer case, the self-assessment with its chart,
and the certificate (written to the learner folder, offered as a download, the name escaped)."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from coursekit.exercises import load_exercise
from tests.conftest import focus_by_tab, is_focused, open_module

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK = "07-capstone", "capstone"
CASE = load_exercise("capstone-case")
SA = load_exercise("self-assessment")
NAME = 'Åsa "Ö" O\'Brien & co <script>alert(1)</script>'


def test_case_steps_by_keyboard_and_reload(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-steps input[type=radio]")
    box = page.locator(".backa-steps").first
    focus_by_tab(page, ".backa-steps input[type=radio]")
    for step in CASE["steps"]:
        ids = [o["id"] for o in step["options"]]
        best = next(i for i, o in enumerate(step["options"]) if o["correct"])
        # Step 2 (listening): take a wrong option; every other step the best one.
        target = (best + 1) % len(ids) if step["id"] == "listening" else best
        assert is_focused(page, f'[data-step="{step["id"]}"] input[value="{ids[0]}"]')
        if target == 0:
            page.keyboard.press("Space")
        for _ in range(target):
            page.keyboard.press("ArrowDown")
        expect(box.locator(f'[data-step="{step["id"]}"] input[value="{ids[target]}"]')).to_be_checked()
        page.keyboard.press("Tab")  # next group, or the Check button after the last step
    assert is_focused(page, "button[id$='-check']")
    page.keyboard.press("Enter")
    expect(box.locator(".backa-ex-summary")).to_contain_text("Resultat: 5 / 6.")
    expect(box.locator('[data-result="listening"]')).to_contain_text("Inte det bästa valet.")
    expect(box.locator('[data-result="stance"]')).to_contain_text("Rätt.")
    saved = json.loads(voila.answers(ASSIGNMENT).read_text(encoding="utf-8"))["exercises"]["capstone-case"]
    assert saved["answer"]["checked"] is True and len(saved["answer"]["choices"]) == 6

    page.reload()
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-steps input[type=radio]")
    box = page.locator(".backa-steps").first
    expect(box.locator("input[type=radio]:checked")).to_have_count(6)
    expect(box.locator(".backa-ex-summary")).to_contain_text("Resultat: 5 / 6.")
    box.locator(".backa-ex-summary").scroll_into_view_if_needed()


def test_self_assessment_by_keyboard_chart_and_reload(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-sa input[type=radio]")
    box = page.locator(".backa-sa").first
    focus_by_tab(page, ".backa-sa input[type=radio]")
    for n, skill in enumerate(SA["skills"]):
        for col, value in (("before", 2), ("after", 4 if n % 2 else 5)):
            assert is_focused(page, f'[data-skill="{skill["id"]}"] [data-col="{col}"] input[value="1"]')
            for _ in range(value - 1):
                page.keyboard.press("ArrowRight")
            expect(
                box.locator(f'[data-skill="{skill["id"]}"] [data-col="{col}"] input[value="{value}"]')
            ).to_be_checked()
            page.keyboard.press("Tab")
    assert is_focused(page, ".backa-sa textarea")
    page.keyboard.type("Jag ska fråga vad nejet säger innan vi röstar på nästa möte.")
    page.keyboard.press("Tab")
    assert is_focused(page, ".backa-sa button")
    page.keyboard.press("Enter")
    expect(box.locator(".backa-ex-summary")).to_have_text(SA["ui"]["done"]["sv"])
    expect(box.locator(".backa-sa-feedback li")).to_have_count(2)
    # The chart and its text alternative show the same ratings.
    expect(box.locator(".backa-sa-chart svg rect.bar")).to_have_count(2 * len(SA["skills"]))
    expect(box.locator('.backa-sa-chart rect.bar[data-skill="stance"][data-col="after"]')).to_have_attribute(
        "data-value", "5"
    )
    first_row = box.locator(".backa-sa-chart tbody tr").first
    expect(first_row.locator("td").nth(0)).to_have_text("2")
    expect(first_row.locator("td").nth(1)).to_have_text("5")
    saved = json.loads(voila.answers(ASSIGNMENT).read_text(encoding="utf-8"))["exercises"]["self-assessment"][
        "answer"
    ]
    assert saved["after"]["listening"] == 4 and saved["checked"] is True

    page.reload()
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-sa input[type=radio]")
    box = page.locator(".backa-sa").first
    expect(box.locator("input[type=radio]:checked")).to_have_count(2 * len(SA["skills"]))
    expect(box.locator("textarea")).to_have_value(
        "Jag ska fråga vad nejet säger innan vi röstar på nästa möte."
    )
    expect(box.locator(".backa-ex-summary")).to_have_text(SA["ui"]["done"]["sv"])
    box.locator(".backa-sa-chart").scroll_into_view_if_needed()


def test_certificate_by_keyboard(page, voila):
    voila.reset(ASSIGNMENT)
    (voila.learner / "certificate.html").unlink(missing_ok=True)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-cert input")
    box = page.locator(".backa-cert").first
    focus_by_tab(page, ".backa-cert button")
    page.keyboard.press("Enter")  # no name yet: guidance, no file
    expect(box.locator(".backa-cert-status")).to_contain_text("Skriv ditt namn först")
    assert not (voila.learner / "certificate.html").exists()
    page.keyboard.press("Shift+Tab")
    assert is_focused(page, ".backa-cert input")
    page.keyboard.type(NAME)
    page.keyboard.press("Enter")
    expect(box.locator(".backa-cert-status")).to_contain_text("certificate.html")
    link = box.locator("a.backa-cert-link")
    expect(link).to_be_visible()
    focus_by_tab(page, "a.backa-cert-link", limit=5)
    with page.expect_download() as dl:
        page.keyboard.press("Enter")
    downloaded = open(dl.value.path(), encoding="utf-8").read()
    on_disk = (voila.learner / "certificate.html").read_text(encoding="utf-8")
    for doc in (downloaded, on_disk):
        assert "<script>alert" not in doc
        assert "Åsa &quot;Ö&quot; O&#x27;Brien &amp; co &lt;script&gt;alert(1)&lt;/script&gt;" in doc
        assert "Intyg" in doc
    box.scroll_into_view_if_needed()
