"""A say-it exercise in the dashboard, by keyboard alone: write, get feedback with your own words as
evidence, see words to avoid marked, open the suggestions, keep a long text whole, reload and find
everything still there."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from coursekit.exercises import load_exercise
from tests.browser.test_accessibility import violations
from tests.conftest import focus_by_tab, open_module

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK = "05-handling-conflict", "handling_conflict"
EX = "invite-the-no"
SPEC = load_exercise(EX)
PRESSURE = "Okej, vi är överens, men innan vi röstar: vem ser det annorlunda? Det är välkommet."
GOOD = "Innan vi röstar vill jag höra den som ser det annorlunda. Ett nej hjälper oss. Vem ser det på ett annat sätt?"


def saved_answer(voila) -> dict:
    path = voila.answers(ASSIGNMENT)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return (data["exercises"].get(EX) or {}).get("answer") or {}


def card(page, prompt_id: str):
    return page.locator(f'.backa-say .say-card[data-prompt="{prompt_id}"]')


def test_say_it_by_keyboard_feedback_suggestions_and_reload(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-say textarea")
    w = page.locator(".backa-say").first
    first = card(page, "safe-no")
    expect(w.locator(".say-progress")).to_have_text("0 av 3 skrivna")
    expect(first.locator(".say-heading")).to_have_text("Del 1 av 3 · Innan gruppen röstar")
    expect(first.locator("blockquote").first).to_have_text(SPEC["prompts"][0]["quote"]["sv"])
    expect(first.locator(".say-aloud")).to_contain_text("Säg det högt först")
    expect(first.locator("label")).to_have_text(SPEC["prompts"][0]["task"]["sv"])
    expect(first.locator("button.say-show")).to_be_disabled()

    # Write with the keyboard: feedback, the learner's own words as evidence, words to avoid marked.
    focus_by_tab(page, '.backa-say .say-card[data-prompt="safe-no"] textarea')
    page.keyboard.type(PRESSURE)
    feedback = first.locator(".say-feedback")
    expect(feedback.locator("h5").first).to_have_text("Återkoppling: 3 av 4")
    expect(feedback.locator('li[data-check="hold"]')).to_contain_text("Dina ord: ”innan vi röstar”")
    expect(feedback.locator('li[data-check="no-pressure"]')).to_have_class("unmet")
    expect(first.locator(".say-reading mark.say-avoid")).to_have_text("vi är överens")
    expect(first.locator(".say-reading")).to_have_text(PRESSURE)
    assert violations(page) == []  # marked words and unmet checks pass axe-core too
    live = first.locator('.visually-hidden[role="status"]')
    expect(live).to_contain_text("Återkoppling: 3 av 4")
    expect(live).to_contain_text("”vi är överens”")
    expect(first.locator(".say-count")).to_have_text(f"{len(PRESSURE)} av 600 tecken")

    # Rewrite it: all four met, nothing marked.
    page.keyboard.press("Control+A")
    page.keyboard.type(GOOD)
    expect(feedback.locator("h5").first).to_have_text("Återkoppling: 4 av 4")
    expect(first.locator(".say-found")).to_be_hidden()
    expect(first.locator(".say-reading")).to_be_hidden()

    # Suggestions after a try: Tab to the button, Enter; focus lands on their heading.
    page.keyboard.press("Tab")
    expect(first.locator("button.say-show")).to_be_focused()
    page.keyboard.press("Enter")
    models = first.locator(".say-models li")
    expect(models).to_have_count(len(SPEC["prompts"][0]["models"]) + len(SPEC["prompts"][0]["contrast"]))
    expect(models.first).to_contain_text("Förslag 1")
    expect(models.first).to_contain_text(SPEC["prompts"][0]["models"][0]["why"]["sv"])
    expect(models.last).to_contain_text(SPEC["prompts"][0]["contrast"][0]["label"]["sv"])
    expect(first.locator(".say-models h5")).to_be_focused()
    assert violations(page) == []  # feedback and suggestions on screen still pass axe-core

    # A long text in the last part: the counter says how much is too much; nothing is cut.
    last = card(page, "wisdom")
    focus_by_tab(page, '.backa-say .say-card[data-prompt="wisdom"] textarea')
    long_text = "Till er som röstade nej: vad skulle ni behöva för att följa med? " * 11
    page.keyboard.insert_text(long_text)
    expect(last.locator(".say-count")).to_have_class("say-count over")
    expect(last.locator(".say-limit")).to_contain_text(f"{len(long_text) - 600} tecken för mycket")
    expect(last.locator(".say-note")).to_contain_text("Korta texten")
    expect(last.locator(".say-status")).to_have_text("Sparat")
    assert saved_answer(voila)["responses"] == {"safe-no": GOOD, "wisdom": long_text}
    assert saved_answer(voila)["revealed"] == ["safe-no"]
    expect(w.locator(".say-summary")).to_contain_text("Poäng hittills: 0,67 av 2")

    # Reload: the texts, the feedback and the suggestions are still there.
    page.reload()
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-say textarea")
    first = card(page, "safe-no")
    expect(page.locator(".backa-say .say-progress")).to_have_text("2 av 3 skrivna")
    expect(first.locator("textarea")).to_have_value(GOOD)
    expect(first.locator(".say-feedback h5").first).to_have_text("Återkoppling: 4 av 4")
    expect(first.locator(".say-models li")).to_have_count(len(SPEC["prompts"][0]["models"]) + 1)
    expect(card(page, "wisdom").locator("textarea")).to_have_value(long_text)


def test_learner_text_is_never_html_in_say_it(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-say textarea")
    first = card(page, "safe-no")
    focus_by_tab(page, '.backa-say .say-card[data-prompt="safe-no"] textarea')
    text = (
        'Vi är överens <img src=x onerror="window.pwned=1"> <b>innan</b> vi röstar, vem ser det annorlunda?'
    )
    page.keyboard.type(text)
    reading = first.locator(".say-reading")
    expect(reading).to_have_text(text)
    expect(reading.locator("mark")).to_have_text("Vi är överens")
    assert reading.locator("img, b").count() == 0 and first.locator(".say-feedback img").count() == 0
    assert page.evaluate("() => window.pwned === undefined")


def test_the_trainer_guide_opens_from_the_welcome_module_ready_to_print(page, voila):
    open_module(page, voila, "00-welcome", "welcome", wait_for=".backa-tg a")
    link = page.locator(".backa-tg a.backa-tg-open")
    expect(link).to_contain_text("Öppna handledningen för utskrift")
    expect(page.locator(".backa-tg a.backa-tg-save")).to_have_attribute(
        "download", "kursledarhandledning.html"
    )
    focus_by_tab(page, ".backa-tg a.backa-tg-open")
    with page.context.expect_page() as opened:
        page.keyboard.press("Enter")
    guide = opened.value
    guide.wait_for_load_state()
    expect(guide.locator("h1")).to_have_text("Kursledarhandledning: att öva tillsammans")
    expect(guide.locator("section.sheet")).to_have_count(6)
    expect(guide.get_by_role("button", name="Skriv ut")).to_be_visible()
    guide.close()
