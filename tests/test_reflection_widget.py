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
