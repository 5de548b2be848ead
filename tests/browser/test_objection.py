""" "I did this here", as a learner does it in Voilà with the keyboard only: point to the sentence where a
criterion the grader did not find is met, hear it announced, see it saved, withdraw it."""

from __future__ import annotations

import json

import pytest

from tests.browser.test_accessibility import violations
from tests.conftest import focus_by_tab, is_focused, open_module

pytestmark = pytest.mark.browser

STANCE = ("01-stance", "stance")
SENTENCES = [
    "Det var ett samrådsmöte om en ny förskola i Backa, och flera föräldrar blev arga på oss.",
    "Vi pratade länge om parkeringen och om vägen dit.",
    "Jag lät alla tala klart innan jag svarade.",
]


def saved_item(voila) -> dict:
    return json.loads(voila.answers(STANCE[0]).read_text())["items"]["stance-experience"]


def test_learner_objects_by_keyboard_and_withdraws(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = page.locator("textarea.backa-refl-text")
    area.scroll_into_view_if_needed()
    area.fill(" ".join(SENTENCES))
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    button = page.locator(".backa-refl-criteria li.unmet .backa-refl-objarea button").first
    button.wait_for()
    criterion = button.locator("xpath=ancestor::li[1]").get_attribute("data-criterion")
    hint = page.locator(".backa-refl-fbhint")
    assert hint.is_visible() and "missa" in hint.inner_text()  # the feedback says it can miss things

    # Keyboard only from here: Tab to the button, open the chooser, pick the third sentence, send.
    selector = f'li[data-criterion="{criterion}"] .backa-refl-objarea button'
    focus_by_tab(page, selector)
    assert "Jag har gjort det här" in page.evaluate("document.activeElement.getAttribute('aria-label')")
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'SELECT'")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Be en kursledare titta"
    assert violations(page) == []  # the chooser is labelled, named and readable (axe-core, WCAG AA)
    page.keyboard.press("Enter")

    live = page.locator(".backa-refl-announce")
    assert live.get_attribute("aria-live") == "polite" and live.get_attribute("role") == "status"
    live.filter(has_text="Sparat").wait_for()
    page.locator(f'li[data-criterion="{criterion}"] .backa-refl-objected').filter(
        has_text=SENTENCES[2]
    ).wait_for()
    objection = saved_item(voila)["objections"][criterion]
    assert objection["sentence"] == SENTENCES[2]
    assert saved_item(voila)["text"] == " ".join(SENTENCES)
    # The automatic decision is still shown, and focus is on the control that replaced the one used.
    assert page.locator(f'li.unmet[data-criterion="{criterion}"]').count() == 1
    assert is_focused(page, f'li[data-criterion="{criterion}"] .backa-refl-objected button')
    assert violations(page) == []

    page.reload()  # it is saved, not only shown
    page.locator(f'li[data-criterion="{criterion}"] .backa-refl-objected').filter(
        has_text=SENTENCES[2]
    ).wait_for()
    focus_by_tab(page, f'li[data-criterion="{criterion}"] .backa-refl-objected button')
    page.keyboard.press("Enter")
    page.locator(".backa-refl-announce").filter(has_text="tagit tillbaka").wait_for()
    page.wait_for_function(
        "(c) => { const a = document.activeElement; return a && a.closest('li') &&"
        " a.closest('li').dataset.criterion === c && a.dataset.focus === 'object'; }",
        arg=criterion,
    )
    assert "objections" not in saved_item(voila)


def test_escape_closes_the_chooser_without_saving(page, voila):
    voila.reset(STANCE[0])
    open_module(page, voila, *STANCE)
    area = page.locator("textarea.backa-refl-text")
    area.scroll_into_view_if_needed()
    area.fill(" ".join(SENTENCES))
    area.blur()
    page.locator(".backa-refl-status[data-state=saved]").wait_for()
    button = page.locator(".backa-refl-criteria li.unmet .backa-refl-objarea button").first
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("document.activeElement && document.activeElement.tagName === 'SELECT'")
    page.keyboard.press("Escape")
    page.wait_for_function("document.activeElement && document.activeElement.dataset.focus === 'object'")
    assert "objections" not in saved_item(voila)
