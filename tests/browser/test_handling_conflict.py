"""Handling conflict: play the charrette simulation to an ending by keyboard only, read the debrief,
reload (the game is restored from answers.json), play again."""

from __future__ import annotations

import json

import pytest

from tests.conftest import open_module

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK = "05-handling-conflict", "handling_conflict"
GOOD = ["gather", "safe-no", "spread-no", "vote", "wisdom", "add"]


def active(page, selector: str) -> bool:
    return page.evaluate("(sel) => !!document.activeElement && document.activeElement.matches(sel)", selector)


def tab_to(page, selector: str, limit: int = 200) -> None:
    """Press Tab until the focused element matches `selector` (keyboard only, no clicks)."""
    for _ in range(limit):
        if active(page, selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}")


def wait_focus(page, selector: str) -> None:
    page.wait_for_function(
        "(sel) => document.activeElement && document.activeElement.matches(sel)", arg=selector
    )


def saved(voila) -> dict:
    data = json.loads(voila.answers(ASSIGNMENT).read_text(encoding="utf-8"))
    return data["exercises"]["charrette"]["answer"]


def test_charrette_by_keyboard_debrief_reload_and_replay(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-charrette .chr-move")
    widget = page.locator(".backa-charrette")
    heading = widget.locator(".chr-scene h4")
    assert heading.inner_text().startswith("Drag 1: Gruppen vill rösta")
    assert widget.locator("svg.chr-lines title").text_content().startswith("Efter Start")

    for n, move in enumerate(GOOD, 1):
        tab_to(page, f'.backa-charrette button.chr-move[data-move="{move}"]')
        page.keyboard.press("Enter" if n % 2 else "Space")
        if n < len(GOOD):
            page.wait_for_function(
                "(n) => (document.querySelector('.backa-charrette .chr-scene h4') || {}).textContent"
                "?.startsWith('Drag ' + n)",
                arg=n + 1,
            )
            wait_focus(page, ".backa-charrette .chr-scene h4")
    end = widget.locator(".chr-ending")
    end.wait_for(state="visible")
    wait_focus(page, ".backa-charrette .chr-ending h4")
    assert end.locator("h4").inner_text() == "Slut: Ett beslut som håller"
    assert "Le Roux" in end.locator(".chr-debrief").inner_text()
    assert end.locator(".chr-debrief-moves li.helped").count() == 6
    assert "5 av 5" in end.locator(".chr-score").inner_text()
    assert "3 av 3" in end.locator(".chr-score").inner_text()
    # the live chart: one marker set per move, a screen-reader summary and the table alternative
    assert widget.locator('svg.chr-lines polyline[data-var="trust"]').count() == 1
    assert "Förtroende 10 av 10" in widget.locator("svg.chr-lines title").text_content()
    assert "Nejet sägs öppet" in widget.locator(".chr-rl-h").inner_text()
    tab_to(page, ".backa-charrette .chr-table summary")
    page.keyboard.press("Enter")
    assert widget.locator(".chr-table tbody tr").count() == 7
    assert "Ett beslut som håller, 3 av 3 poäng" in widget.locator(".chr-runs").inner_text()
    assert saved(voila)["moves"] == GOOD

    # reload: the ending and its debrief come back from the answers file
    page.reload()
    page.locator(".backa-charrette .chr-ending").wait_for(state="visible", timeout=60_000)
    assert page.locator(".backa-charrette .chr-ending h4").inner_text() == "Slut: Ett beslut som håller"

    # play again, by keyboard; the first run stays in the history
    tab_to(page, ".backa-charrette button.chr-again")
    page.keyboard.press("Enter")
    wait_focus(page, ".backa-charrette .chr-scene h4")
    assert page.locator(".backa-charrette .chr-scene h4").inner_text().startswith("Drag 1")
    tab_to(page, '.backa-charrette button.chr-move[data-move="vote-now"]')
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => (document.querySelector('.backa-charrette .chr-scene h4') || {})"
        ".textContent?.startsWith('Drag 2')"
    )
    assert saved(voila) == {"moves": ["vote-now"], "runs": [{"moves": GOOD, "ending": "durable"}]}
    status = page.locator(".backa-charrette [role=status]")
    assert "Du valde" in status.text_content()

    page.reload()
    page.locator(".backa-charrette .chr-scene h4").wait_for(state="visible", timeout=60_000)
    assert page.locator(".backa-charrette .chr-scene h4").inner_text() == "Drag 2: En för tidig omröstning"
    runs = page.locator(".backa-charrette .chr-runs").inner_text()
    assert "Omgång 1: Ett beslut som håller" in runs and "3 av 3" in runs
    page.locator(".backa-charrette .chr-scene").scroll_into_view_if_needed()
