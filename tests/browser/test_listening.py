"""The listening dashboard, driven by keyboard alone: answer statements, see judging phrases marked,
rewrite, open the examples, move between statements, reload and find everything still there."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from coursekit.exercises import load_exercise
from tests.conftest import focus_by_tab, open_module

pytestmark = pytest.mark.browser

ASSIGNMENT, NOTEBOOK = "02-listening", "listening"
EX = "listening-practice"
SPEC = load_exercise(EX)
JUDGING = "Det är väl bara några kronor, men du är orolig för förskolan och maten. Hur ser veckan ut?"
GOOD_1 = "Du oroar dig för vad resorna till förskolan och affären kostar. Hur ser en vanlig vecka ut?"
GOOD_2 = "Du betalar nu för att ta hand om din mamma, och det känns orättvist. Berätta mer."


def saved_answer(voila) -> dict:
    path = voila.answers(ASSIGNMENT)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return (data["exercises"].get(EX) or {}).get("answer") or {}


def test_listening_practice_by_keyboard_and_reload(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-lp textarea")
    w = page.locator(".backa-lp").first
    feedback = w.locator(".lp-feedback")
    reading = w.locator(".lp-reading")
    heading = w.locator(".lp-heading")
    expect(w.locator(".lp-progress")).to_have_text("0 av 6 besvarade")
    expect(heading).to_contain_text("Utsaga 1 av 6")
    expect(w.locator("button.lp-show")).to_be_disabled()

    # Statement 1: a reply that minimises; the phrase is marked in the learner's own text.
    focus_by_tab(page, ".backa-lp textarea")
    page.keyboard.type(JUDGING)
    expect(feedback).to_contain_text("Återkoppling: 3 av 4")
    expect(reading.locator("mark.lp-judge")).to_have_text("bara några kronor")
    expect(reading).to_have_text(JUDGING)
    expect(w.locator(".lp-judging")).to_contain_text("förminskar")
    expect(feedback.locator('li[data-criterion="no-judgement"]')).to_have_class("unmet")

    # Rewrite it: all four met, nothing marked.
    page.keyboard.press("Control+A")
    page.keyboard.type(GOOD_1)
    expect(feedback).to_contain_text("Återkoppling: 4 av 4")
    expect(reading.locator("mark")).to_have_count(0)
    expect(w.locator(".lp-judging")).to_be_hidden()
    expect(reading).to_be_hidden()  # nothing marked: no need to show the text again

    # Show the contrasting examples (Tab → the button, Enter).
    page.keyboard.press("Tab")
    expect(w.locator("button.lp-show")).to_be_focused()
    page.keyboard.press("Enter")
    examples = w.locator(".lp-examples li")
    expect(examples).to_have_count(len(SPEC["statements"][0]["examples"]))
    expect(examples.first).to_contain_text("Lyssnar")
    expect(examples.nth(1)).to_contain_text(SPEC["statements"][0]["examples"][1]["why"]["sv"])
    expect(w.locator(".lp-examples h5")).to_be_focused()

    # Next statement with Space; focus lands on its heading, Tab reaches the text area.
    focus_by_tab(page, ".backa-lp .lp-nav button:not(.secondary)")
    page.keyboard.press("Space")
    expect(heading).to_contain_text("Utsaga 2 av 6")
    expect(heading).to_be_focused()
    expect(w.locator(".lp-statement blockquote")).to_have_text(SPEC["statements"][1]["text"]["sv"])
    page.keyboard.press("Tab")
    expect(w.locator("textarea")).to_be_focused()
    expect(w.locator("textarea")).to_have_value("")
    page.keyboard.type(GOOD_2)
    expect(feedback).to_contain_text("Återkoppling: 4 av 4")
    expect(w.locator(".lp-progress")).to_have_text("2 av 6 besvarade")
    expect(w.locator(".lp-examples")).to_be_hidden()  # examples of statement 2 not asked for

    # Back to statement 1 with the step buttons: Shift+Tab to "1", Enter.
    focus_by_tab(page, '.backa-lp .lp-step[data-index="0"]', back=True)
    page.keyboard.press("Enter")
    expect(heading).to_contain_text("Utsaga 1 av 6")
    expect(w.locator("textarea")).to_have_value(GOOD_1)
    expect(w.locator(".lp-examples li")).to_have_count(3)

    # Everything is in the answers file.
    expect(w.locator(".backa-refl-status")).to_have_text("Sparat")
    answer = saved_answer(voila)
    assert answer["responses"] == {"s1": GOOD_1, "s2": GOOD_2}
    assert answer["revealed"] == ["s1"]
    expect(w.locator(".lp-summary")).to_contain_text("Poäng hittills: 0,67 av 2")

    # Reload: the state is still there.
    page.reload()
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-lp textarea")
    w = page.locator(".backa-lp").first
    expect(w.locator(".lp-progress")).to_have_text("2 av 6 besvarade")
    expect(w.locator(".lp-heading")).to_contain_text("Utsaga 1 av 6")
    expect(w.locator("textarea")).to_have_value(GOOD_1)
    expect(w.locator(".lp-feedback")).to_contain_text("Återkoppling: 4 av 4")
    expect(w.locator(".lp-examples li")).to_have_count(3)
    expect(w.locator('.lp-step[data-index="1"]')).to_have_attribute(
        "aria-label", "Utsaga 2 av 6: Irritation, besvarad"
    )
    w.scroll_into_view_if_needed()


def test_learner_text_is_never_html(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-lp textarea")
    w = page.locator(".backa-lp").first
    focus_by_tab(page, ".backa-lp textarea")
    text = 'Lugna ner dig <img src=x onerror="window.pwned=1"> <b>du</b> är arg.'
    page.keyboard.type(text)
    reading = w.locator(".lp-reading")
    expect(reading).to_have_text(text)
    expect(reading.locator("mark")).to_have_text("Lugna ner dig")
    assert reading.locator("img, b").count() == 0
    assert page.evaluate("() => window.pwned === undefined")


def test_feedback_is_announced_briefly_and_language_switches(page, voila):
    voila.reset(ASSIGNMENT)
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-lp textarea")
    w = page.locator(".backa-lp").first
    focus_by_tab(page, ".backa-lp textarea")
    page.keyboard.type("Lugna ner dig, du är orolig för förskolan och maten.")
    live = w.locator('.visually-hidden[role="status"]')
    expect(live).to_contain_text("Återkoppling: 2 av 4")
    expect(live).to_contain_text("Inbjudan att berätta mer")
    expect(live).to_contain_text("«Lugna ner dig»")
    # The language switch is a select: reach it with Shift+Tab and change it with an arrow key.
    focus_by_tab(page, "select", back=True)
    page.keyboard.press("ArrowDown")
    expect(w.locator("h3")).to_have_text(SPEC["title"]["en"])
    expect(w.locator(".lp-feedback")).to_contain_text("Feedback: 2 of 4")
    expect(w.locator(".lp-judging")).to_contain_text("tells them to calm down")
    expect(w.locator("textarea")).to_have_value("Lugna ner dig, du är orolig för förskolan och maten.")


def test_unsaved_text_in_the_browser_can_be_restored(page, voila):
    voila.reset(ASSIGNMENT)
    text = "Du känner dig instängd, som om en mur står runt Backa. Hur märks det?"
    # A draft left in this browser by a tab whose kernel died before it could save.
    page.add_init_script(
        """(text) => {
        if (sessionStorage.getItem("seeded")) return;
        sessionStorage.setItem("seeded", "1");
        localStorage.setItem("backa-draft:" + location.pathname + ":listening-practice",
            JSON.stringify({responses: {s3: text}, at: Date.now()}));
    }""".replace("(text) => {", "((text) => {")
        + f")({json.dumps(text)})"
    )
    open_module(page, voila, ASSIGNMENT, NOTEBOOK, wait_for=".backa-lp textarea")
    w = page.locator(".backa-lp").first
    restore = w.locator("button.lp-restore")
    expect(restore).to_be_visible()
    focus_by_tab(page, ".backa-lp button.lp-restore")
    page.keyboard.press("Enter")
    expect(restore).to_be_hidden()
    expect(w.locator(".lp-progress")).to_have_text("1 av 6 besvarade")
    focus_by_tab(page, '.backa-lp .lp-step[data-index="2"]')
    page.keyboard.press("Enter")
    expect(w.locator("textarea")).to_have_value(text)
    expect(w.locator(".lp-feedback")).to_contain_text("Återkoppling: 4 av 4")
    expect(w.locator(".backa-refl-status")).to_have_text("Sparat")
    assert saved_answer(voila)["responses"] == {"s3": text}
