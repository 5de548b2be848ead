"""The reflection widget model: feedback while writing, saving, restoring, bad input."""

from __future__ import annotations

import pytest

from coursekit.store import AnswersStore
from grading import UnknownItemError
from widgets.reflection import ReflectionWidget

GOOD_SV = (
    "På ett samrådsmöte om en ny busslinje i Backa blev flera boende arga. Jag ledde mötet och kände mig "
    "attackerad, så jag började försvara beslutet i stället för att lyssna. Lyssnandet saknades helt, och vi "
    "tog inte in deras perspektiv. Nästa gång ska jag låta alla tala klart och ställa öppna frågor innan jag "
    "svarar."
)


def test_new_widget_is_empty_without_feedback(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    assert w.text == "" and w.feedback == {} and w.status == "unsaved"
    assert "förhållningssättets" in w.prompt


def test_typing_saves_and_scores(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    w.text = GOOD_SV
    assert w.status == "saved" and w.saved_at > 0
    assert w.feedback["attempt"] is True
    assert len(w.feedback["criteria"]) == 4
    assert AnswersStore(tmp_path).text("stance-experience") == GOOD_SV


def test_restores_after_restart(tmp_path):
    ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv").text = GOOD_SV
    again = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    assert again.text == GOOD_SV and again.status == "saved" and again.feedback["points"] >= 1


def test_clearing_the_text_gives_the_empty_message(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "en")
    w.text = GOOD_SV
    w.text = ""
    assert w.feedback["attempt"] is False and w.feedback["message"]


def test_language_switch_changes_prompt_and_feedback(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    w.text = GOOD_SV
    w.set_lang("en")
    assert "stance" in w.prompt and w.ui["saved"] == "Saved"
    assert w.feedback["lang"] == "en"


def test_markup_is_kept_as_text(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "en")
    w.text = "<script>alert(1)</script> " + GOOD_SV
    # The model carries plain text; the view sets it with textContent / value only.
    assert AnswersStore(tmp_path).text("stance-experience").startswith("<script>")


def test_too_large_text_is_not_saved_but_kept_with_a_message(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "en")
    w.text = "word " * 500_000
    assert w.status == "error" and "too large" in w.notice
    assert w.text.startswith("word")


def test_corrupted_answers_file_shows_a_notice(tmp_path):
    (tmp_path / "answers.json").write_text("{broken", encoding="utf-8")
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    assert "gick inte att läsa" in w.notice


def test_unknown_item_is_a_clear_error(tmp_path):
    with pytest.raises(UnknownItemError, match="Known items"):
        ReflectionWidget("no-such-item", AnswersStore(tmp_path), "sv")


def test_view_never_uses_innerhtml():
    from widgets.base import asset

    for name in ("reflection.js", "classify.js"):
        assert "innerHTML" not in asset(name), name


# -- "I did this here" -------------------------------------------------------------------------------
PARTIAL_EN = (
    "At a consultation meeting about a new bus route in Backa the residents got angry. "
    "We talked about the timetable for a long time. Some people left early."
)


def unmet_criterion(w) -> str:
    return next(c["id"] for c in w.feedback["criteria"] if not c["met"])


def test_learner_objects_to_an_unmet_criterion_and_withdraws(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "en")
    w.text = PARTIAL_EN
    criterion = unmet_criterion(w)
    sentence = w.sentences[1]
    # The view sends this message when the learner picks a sentence and presses the button.
    w._on_msg(w, {"type": "object", "criterion": criterion, "sentence": sentence}, [])
    saved = AnswersStore(tmp_path).get("items", "stance-experience")
    assert saved["objections"][criterion]["sentence"] == sentence
    assert w.objections[criterion] == {
        "sentence": sentence,
        "at": pytest.approx(saved["objections"][criterion]["at"]),
        "stale": False,
    }
    assert w.announce["text"].startswith("Saved.") and w.announce["criterion"] == criterion
    # The automatic decision stays as it was.
    assert not next(c for c in w.feedback["criteria"] if c["id"] == criterion)["met"]

    w._on_msg(w, {"type": "withdraw", "criterion": criterion}, [])
    assert "objections" not in AnswersStore(tmp_path).get("items", "stance-experience")
    assert w.objections == {} and "withdrawn" in w.announce["text"]


def test_objection_survives_new_text_and_is_marked_stale(tmp_path):
    store = AnswersStore(tmp_path)
    w = ReflectionWidget("stance-experience", store, "sv")
    w.text = GOOD_SV
    w.text = PARTIAL_EN
    criterion = unmet_criterion(w)
    assert w.object_to(criterion, w.sentences[0])
    w.text = PARTIAL_EN + " I will ask more questions."
    entry = AnswersStore(tmp_path).get("items", "stance-experience")
    assert entry["text"].endswith("questions.") and criterion in entry["objections"]
    assert w.objections[criterion]["stale"] is True
    again = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "sv")
    assert criterion in again.objections


def test_objection_needs_an_unmet_criterion_and_a_sentence_of_the_text(tmp_path):
    w = ReflectionWidget("stance-experience", AnswersStore(tmp_path), "en")
    w.text = PARTIAL_EN
    met = next(c["id"] for c in w.feedback["criteria"] if c["met"])
    assert not w.object_to(met, w.sentences[0])
    assert not w.object_to(unmet_criterion(w), "A sentence I never wrote.")
    assert "objections" not in AnswersStore(tmp_path).get("items", "stance-experience")
    assert "could not be saved" in w.announce["text"]
    w._on_msg(w, {"type": "object", "criterion": 3}, [])  # malformed messages are ignored
    w._on_msg(w, "nonsense", [])


def test_objection_strings_are_humble_and_in_both_languages():
    from widgets.base import _ui

    strings = _ui()
    keys = ("object", "object_which", "object_send", "object_cancel", "objected", "objection_review",
            "withdraw", "unmet_hint", "objection_saved", "objection_withdrawn", "unmet", "review")  # fmt: skip
    for key in keys:
        assert strings[key]["sv"] and strings[key]["en"], key
        # The learner is never told they are wrong: the grader says what it did not find.
        assert not any(w in strings[key]["en"].lower() for w in ("wrong", "incorrect", "not met")), key
        assert not any(w in strings[key]["sv"].lower() for w in (" fel", "felaktig", "inte uppfyllt")), key
    assert strings["unmet"] == {"sv": "Hittades inte än", "en": "Not found yet"}


def test_a_new_widget_compiles_its_rules_before_the_first_pause(tmp_path):
    """The cue patterns compile lazily, about a second for an item in a fresh kernel; an empty widget
    compiles them in the background while the learner reads, so the first feedback comes at once."""
    import threading

    from grading import bank, load_item

    bank.load_item.cache_clear()  # fresh, uncompiled patterns, as in a new kernel
    ReflectionWidget("perspective-map", AnswersStore(tmp_path), "sv")
    for thread in threading.enumerate():
        if thread.name == "warm-up-perspective-map":
            thread.join(timeout=30)
    patterns = [p for c in load_item("perspective-map").criteria for p in c.rule.pos]
    assert patterns and all("regex" in vars(p) for p in patterns)
