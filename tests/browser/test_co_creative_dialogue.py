"""The dialogue planner, driven by keyboard alone: fill in every part, reorder a phase, review the
plan, export it (file beside the notebook and a download), reload and find everything still there."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from coursekit.exercises import load_exercise
from tests.conftest import focus_by_tab, is_focused, open_module

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK = "06-co-creative-dialogue", "co_creative_dialogue"
SPEC = load_exercise("dialogue-plan")
KINDS = [k["id"] for k in SPEC["phase_kinds"]]
ISSUE = "Staden vill stänga <b>biblioteket</b> i Tallhöjden & spara pengar."


def tab_and_type(page, selector: str, text: str) -> None:
    page.keyboard.press("Tab")
    assert is_focused(page, selector), f"expected focus on {selector}"
    page.keyboard.type(text)


def add_phase(page, kind: str, text: str) -> None:
    """Focus is on "Add a phase": add one, pick its kind with the arrow keys, describe it."""
    page.keyboard.press("Enter")
    expect(page.locator(".backa-plan-phase select").last).to_be_focused()
    for _ in range(KINDS.index(kind) + 1):
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    expect(page.locator(".backa-plan-phase textarea").last).to_be_focused()
    page.keyboard.type(text)
    for _ in range(4):  # Up, Down, Remove, Add a phase
        page.keyboard.press("Tab")
    assert is_focused(page, "button[id$='-add-phase']")


def add_perspective(page, who: str, hard: bool) -> None:
    page.keyboard.press("Enter")
    expect(page.locator(".backa-plan-prow input[type=text]").last).to_be_focused()
    page.keyboard.type(who)
    page.keyboard.press("Tab")  # the "hard to reach" checkbox
    if hard:
        page.keyboard.press("Space")
    page.keyboard.press("Tab")  # Remove
    page.keyboard.press("Tab")  # Add a perspective
    assert is_focused(page, "button[id$='-add-persp']")


def test_plan_by_keyboard_export_and_reload(page, voila):
    voila.reset(ASSIGNMENT)
    (voila.learner / ASSIGNMENT / "dialogplan.html").unlink(missing_ok=True)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-plan textarea")
    plan = page.locator(".backa-plan").first

    # 1. The issue (typed, with characters that must stay text).
    focus_by_tab(page, ".backa-plan textarea[id$='-issue']")
    page.keyboard.type(ISSUE)
    page.keyboard.press("Tab")  # "Use the library example" — not pressed
    page.keyboard.press("Tab")
    assert is_focused(page, "button[id$='-add-phase']")

    # 2. Phases: listen, concretise, meet (wrong order on purpose), then iterate.
    add_phase(page, "listen", "Vi lyssnar i biblioteket, i skolan och på torget innan något förslag finns.")
    add_phase(page, "concretise", "Vi gör om det som kom fram till tre alternativ för nämnden.")
    add_phase(page, "meet", "Låntagare, personal och skolor möts i blandade grupper och lär av varandra.")
    add_phase(page, "iterate", "Vi visar alternativen igen och frågar om vi har missat något.")
    # Move phase 3 (meet) up one place with its Up button.
    page.keyboard.press("Shift+Tab")  # Remove (phase 4)
    for _ in range(8):  # back through phase 4 and up to phase 3's Up button
        page.keyboard.press("Shift+Tab")
        if is_focused(page, "button[id$='-ph-3-up']"):
            break
    assert is_focused(page, "button[id$='-ph-3-up']")
    page.keyboard.press("Enter")
    expect(plan.locator("button[id$='-ph-2-up']")).to_be_focused()
    expect(plan.locator(".backa-plan-phase").nth(1).locator("select")).to_have_value("meet")
    expect(plan.locator(".backa-plan-phase").nth(2).locator("select")).to_have_value("concretise")

    # 3. Perspectives, one of them hard to reach, and how to reach them.
    focus_by_tab(page, "button[id$='-add-persp']")
    add_perspective(page, "Barnfamiljer som lånar varje vecka", False)
    add_perspective(page, "Äldre som läser tidningen där", True)
    add_perspective(page, "Skolan utan eget bibliotek", False)
    add_perspective(page, "Skattebetalare som vill spara", False)
    tab_and_type(page, "textarea[id$='-outreach']", "Vi går till seniorträffen och språkcaféet med tolk.")

    # 4. Transparency.
    tab_and_type(
        page, "textarea[id$='-tr-publish']", "Alla perspektiv publiceras på webben och i biblioteket."
    )
    tab_and_type(
        page, "textarea[id$='-tr-check_back']", "Vi frågar på ett öppet möte om vi har missat något."
    )
    tab_and_type(
        page, "textarea[id$='-tr-reach_absent']", "Ett brev går till alla hushåll och filmen textas."
    )

    # 5. Levels: arrow keys within each radio group (third option: involve / participation).
    page.keyboard.press("Tab")
    assert is_focused(page, "input[type=radio][value='inform']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(plan.locator("input[type=radio][value='involve']")).to_be_checked()
    page.keyboard.press("Tab")
    assert is_focused(page, "input[type=radio][value='information']")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(plan.locator("input[type=radio][value='participation']")).to_be_checked()
    tab_and_type(page, "textarea[id$='-lv-why']", "Nämnden beslutar men alternativen formas tillsammans.")

    # 6. Mandate.
    tab_and_type(page, "textarea[id$='-md-decision_maker']", "Kulturnämnden fattar beslutet")
    tab_and_type(page, "textarea[id$='-md-can_change']", "Öppettider, lokal och hur biblioteket används.")
    tab_and_type(page, "textarea[id$='-md-fixed']", "Budgeten för nästa år ligger fast.")

    # Review: feedback per part, every rule met.
    page.keyboard.press("Tab")
    assert is_focused(page, "button[id$='-check']")
    page.keyboard.press("Enter")
    total = len(SPEC["rules"])
    expect(plan.locator(".backa-ex-summary")).to_contain_text(f"{total} av {total} punkter klara")
    for part in ("issue", "phases", "perspectives", "transparency", "level", "mandate"):
        expect(plan.locator(f'[data-feedback="{part}"] li.met').first).to_be_visible()
    expect(plan.locator("li.unmet")).to_have_count(0)

    # Export: a file beside the notebook and a download link, both with the text escaped.
    page.keyboard.press("Tab")
    assert is_focused(page, "button[id$='-export']")
    page.keyboard.press("Enter")
    link = plan.locator("a.backa-plan-download")
    expect(link).to_be_visible()
    expect(plan.locator(".backa-plan-exported")).to_contain_text("dialogplan.html")
    page.keyboard.press("Tab")
    expect(link).to_be_focused()
    with page.expect_download() as dl:
        page.keyboard.press("Enter")
    downloaded = open(dl.value.path(), encoding="utf-8").read()
    on_disk = (voila.learner / ASSIGNMENT / "dialogplan.html").read_text(encoding="utf-8")
    for doc in (downloaded, on_disk):
        assert "&lt;b&gt;biblioteket&lt;/b&gt; i Tallhöjden &amp; spara" in doc
        assert "<b>biblioteket" not in doc
        assert doc.index("Samtal mellan perspektiv") < doc.index("Konkretisera")
    assert dl.value.suggested_filename == "dialogplan.html"

    saved = json.loads(voila.answers(ASSIGNMENT).read_text(encoding="utf-8"))["exercises"]["dialogue-plan"][
        "answer"
    ]
    assert [p["kind"] for p in saved["phases"]] == ["listen", "meet", "concretise", "iterate"]
    assert saved["issue"] == ISSUE and saved["checked"] is True
    assert [p["hard_to_reach"] for p in saved["perspectives"]] == [False, True, False, False]

    # Reload: the plan and the review are still there.
    page.reload()
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-plan textarea")
    plan = page.locator(".backa-plan").first
    expect(plan.locator("textarea[id$='-issue']")).to_have_value(ISSUE)
    expect(plan.locator(".backa-plan-phase")).to_have_count(4)
    expect(plan.locator(".backa-plan-phase").nth(1).locator("select")).to_have_value("meet")
    expect(plan.locator(".backa-plan-prow input[type=checkbox]").nth(1)).to_be_checked()
    expect(plan.locator("input[type=radio][value='participation']")).to_be_checked()
    expect(plan.locator("textarea[id$='-md-fixed']")).to_have_value("Budgeten för nästa år ligger fast.")
    expect(plan.locator(".backa-ex-summary")).to_contain_text(f"{total} av {total} punkter klara")
    expect(plan.locator(".backa-plan-exported")).to_contain_text("dialogplan.html")
    plan.locator(".backa-plan-actions").scroll_into_view_if_needed()


def test_partial_plan_gets_guidance(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-plan textarea")
    plan = page.locator(".backa-plan").first
    focus_by_tab(page, "button[id$='-use-default']")
    page.keyboard.press("Enter")
    expect(plan.locator("textarea[id$='-issue']")).to_have_value(SPEC["default_issue"]["sv"])
    focus_by_tab(page, "button[id$='-check']")
    page.keyboard.press("Space")
    expect(plan.locator(".backa-ex-summary")).to_contain_text(f"1 av {len(SPEC['rules'])} punkter klara")
    expect(plan.locator('[data-feedback="phases"] li.unmet').first).to_contain_text("lyssnar och inventerar")
    expect(plan.locator('[data-feedback="issue"] li.met')).to_have_count(1)
