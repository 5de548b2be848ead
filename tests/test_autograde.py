"""The functions the hidden nbgrader cells call: feedback printed, score returned, nothing on stderr."""

from __future__ import annotations

from coursekit.autograde import REVIEW_MARKER, grade_exercise, grade_item
from coursekit.store import AnswersStore
from grading import score

TEXT = (
    "At a consultation meeting about a new bus route the residents got angry. I chaired it and felt attacked, "
    "so I defended the decision instead of listening. Listening was missing, and we never asked what they "
    "needed. Next time I will let everyone finish and ask open questions before I answer."
)


def test_grade_item_returns_the_scorers_points_and_prints_feedback(tmp_path, capsys):
    AnswersStore(tmp_path).save_text("stance-experience", TEXT, "en")
    points = grade_item("stance-experience", tmp_path)
    out, err = capsys.readouterr()
    assert points == score("stance-experience", TEXT, "en").points
    assert f"{points} / 4" in out
    for c in score("stance-experience", TEXT, "en").criteria:
        assert c.label in out
    assert err == ""


def test_grade_item_without_answer_scores_zero(tmp_path, capsys):
    assert grade_item("stance-experience", tmp_path) == 0
    assert "Inget svar hittades" in capsys.readouterr().out  # Swedish is the default


def test_feedback_language_follows_the_answers_file(tmp_path, capsys):
    AnswersStore(tmp_path).save_text("stance-experience", TEXT, "sv")
    grade_item("stance-experience", tmp_path)
    assert "Reflektion" in capsys.readouterr().out


def test_review_marker_printed_when_unsure(tmp_path, capsys):
    long_text = TEXT + " " + "More detail about the meeting. " * 4000
    AnswersStore(tmp_path).save_text("stance-experience", long_text, "en")
    grade_item("stance-experience", tmp_path)
    assert score("stance-experience", long_text, "en").needs_review
    assert REVIEW_MARKER in capsys.readouterr().out


def test_grade_exercise(tmp_path, capsys):
    from coursekit.exercises import load_exercise

    spec = load_exercise("stance-moves")
    right = {c["id"]: c["answer"] for c in spec["cases"]}
    AnswersStore(tmp_path).save_answer("stance-moves", {"choices": right}, "en")
    assert grade_exercise("stance-moves", tmp_path) == spec["points"]
    half = dict(list(right.items())[: len(right) // 2])
    AnswersStore(tmp_path).save_answer("stance-moves", {"choices": half}, "en")
    assert 0 < grade_exercise("stance-moves", tmp_path) < spec["points"]
    assert capsys.readouterr().err == ""
