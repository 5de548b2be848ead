"""The perspective map in Voilà, done with the keyboard alone: name perspectives, tick voices, name a
missing perspective, check; the feedback, the graph and the text map show it; a reload keeps it."""

from __future__ import annotations

import json

import pytest

from tests.conftest import open_module

pytestmark = pytest.mark.browser

MODULE = ("03-perspectives", "perspectives")
EX = "perspective-mapping"
MARKUP = '<img src=x onerror="window.__pwned=1">'
NAMES = ["Vardagen har blivit dyr", "Instängda i området", "Renare luft", MARKUP]
# voice id -> indexes into NAMES; in page order, so Tab only ever moves forward.
LINKS = {
    "resident-groceries": [0, 1],
    "parent": [0, 2],
    "shop-owner": [1],
    "commuter": [0],
    "environment": [2],
    "older-no-car": [1],
}


def tab_to(page, predicate: str, limit: int = 400, back: bool = False) -> None:
    """Press Tab (or Shift+Tab) until `predicate(document.activeElement)` holds."""
    for _ in range(limit):
        if page.evaluate(f"(() => {{ const a = document.activeElement; return !!a && ({predicate}); }})()"):
            return
        page.keyboard.press("Shift+Tab" if back else "Tab")
    raise AssertionError(f"Tab never reached an element where {predicate}")


def is_input(kind: str) -> str:
    return f"a.matches('.backa-pmap-{kind} input[type=text]')"


def is_checkbox(voice: str, name: str) -> str:
    return (
        f"a.type === 'checkbox' && a.closest('[data-voice]')?.dataset.voice === {json.dumps(voice)} "
        f"&& a.parentElement.textContent === {json.dumps(name)}"
    )


def saved_answer(voila) -> dict:
    return json.loads(voila.answers(MODULE[0]).read_text())["exercises"][EX]["answer"]


def test_map_by_keyboard_feedback_graph_and_reload(page, voila):
    voila.reset(MODULE[0])
    open_module(page, voila, *MODULE, wait_for=".backa-pmap")
    page.locator(".backa-pmap").scroll_into_view_if_needed()

    # 1. perspectives: typed and added with Enter
    tab_to(page, is_input("persp"))
    for name in NAMES:
        page.keyboard.type(name)
        page.keyboard.press("Enter")
        page.locator(".backa-pmap-persp .backa-pmap-name", has_text=name).wait_for()
    assert page.locator(".backa-pmap-persp .backa-pmap-name").all_inner_texts() == NAMES
    assert page.evaluate("window.__pwned") is None

    # the add button works by keyboard too; an empty name gets a message
    tab_to(page, "a.id.endsWith('-persp-add')")
    page.keyboard.press("Enter")
    page.locator(".backa-pmap-persp .backa-pmap-error", has_text="Skriv ett namn först").wait_for()

    # 2. links: Tab to each checkbox, Space ticks it (focus survives the redraw)
    for voice, idxs in LINKS.items():
        for i in idxs:
            tab_to(page, is_checkbox(voice, NAMES[i]))
            page.keyboard.press("Space")
            page.wait_for_function(
                "(id) => { const a = document.activeElement; return !!a && a.id === id && a.checked; }",
                arg=page.evaluate("document.activeElement.id"),
            )

    # 3. a missing perspective
    tab_to(page, is_input("miss"))
    page.keyboard.type("Unga människor")
    page.keyboard.press("Enter")
    page.locator(".backa-pmap-miss .backa-pmap-name", has_text="Unga människor").wait_for()

    # check
    tab_to(page, "a.matches('.backa-pmap button') && a.textContent === 'Rätta'")
    page.keyboard.press("Enter")
    summary = page.locator(".backa-pmap .backa-ex-summary")
    summary.filter(has_text="3 / 3").wait_for()
    assert page.locator(".backa-pmap-parts li.correct").count() == 3
    assert "Saknade perspektiv" in page.locator(".backa-pmap-parts").inner_text()
    tips = page.locator(".backa-pmap-tips").inner_text()
    assert MARKUP in tips  # the markup name has no voices: shown as text in a tip

    # the graph and its text alternative
    graph = page.locator(".backa-pmap-svg")
    assert graph.get_attribute("role") == "img" and graph.get_attribute("aria-label")
    assert page.locator(".backa-pmap-edges path").count() == sum(len(v) for v in LINKS.values())
    assert page.locator(".backa-pmap-mnode").count() == 1
    text_map = page.locator(".backa-pmap-textmap").inner_text()
    assert "Vardagen har blivit dyr: 3 röster" in text_map and "Unga människor (saknas)" in text_map
    page.locator(".backa-pmap-map").scroll_into_view_if_needed()

    ans = saved_answer(voila)
    assert [p["name"] for p in ans["perspectives"]] == NAMES
    assert ans["links"]["parent"] == ["p1", "p3"] and ans["checked"] is True
    assert ans["missing"][0]["name"] == "Unga människor"

    # reload: everything is still there, including the feedback
    page.reload()
    page.locator(".backa-pmap").wait_for()
    page.locator(".backa-pmap .backa-ex-summary").filter(has_text="3 / 3").wait_for()
    assert page.locator(".backa-pmap-persp .backa-pmap-name").all_inner_texts() == NAMES
    assert page.locator(".backa-pmap-voice input:checked").count() == sum(len(v) for v in LINKS.values())
    assert page.evaluate("window.__pwned") is None

    # remove the markup perspective by keyboard; focus goes back to the input
    page.locator(".backa-pmap").scroll_into_view_if_needed()
    tab_to(page, is_input("persp"))
    tab_to(page, "a.classList.contains('backa-pmap-remove') && a.getAttribute('aria-label').includes('<img')")
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => document.querySelectorAll('.backa-pmap-persp .backa-pmap-name').length === 3"
    )
    assert page.evaluate("document.activeElement.matches('.backa-pmap-persp input[type=text]')")
    page.wait_for_function("() => !document.querySelector('.backa-pmap-tips')?.textContent.includes('<img')")
    assert len(saved_answer(voila)["perspectives"]) == 3
    page.locator(".backa-pmap-map").scroll_into_view_if_needed()


def test_empty_map_gets_guidance(page, voila):
    voila.reset(MODULE[0])
    open_module(page, voila, *MODULE, wait_for=".backa-pmap")
    assert "Lägg först till minst ett perspektiv" in page.locator(".backa-pmap-voices").inner_text()
    tab_to(page, "a.matches('.backa-pmap button') && a.textContent === 'Rätta'")
    page.keyboard.press("Enter")
    page.locator(".backa-pmap .backa-ex-summary").filter(has_text="0 / 3").wait_for()
    feedback = page.locator(".backa-pmap-parts").inner_text()
    assert "lägg till perspektiv i steg 1" in feedback
    assert "lägg till minst ett perspektiv som saknas" in feedback
    page.locator(".backa-pmap-results").scroll_into_view_if_needed()
