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


# -- readable submissions ----------------------------------------------------------------------------
import html as _html  # noqa: E402
import json  # noqa: E402
from html.parser import HTMLParser  # noqa: E402

from coursekit.autograde import OBJECTION_MARKER  # noqa: E402
from coursekit.nbgrader_plugin import flagged  # noqa: E402
from coursekit.readable import exercise_view, reflection_view  # noqa: E402
from tests.conftest import REPO  # noqa: E402


class Blocks(HTMLParser):
    """Text of each element with a given class, and every tag that the HTML really contains."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls, self.depth, self.text, self.tags = cls, 0, [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if self.depth or self.cls in (dict(attrs).get("class") or "").split():
            self.depth += 1

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def block_text(html: str, cls: str) -> tuple[str, list[str]]:
    parser = Blocks(cls)
    parser.feed(html)
    return " ".join(" ".join(parser.text).split()), parser.tags


def test_reflection_shows_full_text_escaped_then_criteria_flag_objections(tmp_path):
    text = (
        "<script>alert(1)</script> " + TEXT + "\n\nA second paragraph, " + "quite long indeed, " * 40 + "END."
    )
    store = AnswersStore(tmp_path)
    store.save_text("stance-experience", text, "en")
    result = score("stance-experience", text, "en")
    store.save_objection("stance-experience", "names-stance", "Listening was missing, and we never asked.")
    view = reflection_view("stance-experience", store.get("items", "stance-experience"), result, "en")
    shown, tags = block_text(view.html, "backa-graded-text")
    assert shown == " ".join(text.split())  # the whole text, nothing cut
    assert "script" not in tags  # markup in the learner's text stays text
    order = [
        view.html.index(s) for s in ("backa-graded-text", "backa-graded-criteria", "backa-graded-objection")
    ]
    assert order == sorted(order)
    for c in result.criteria:
        assert _html.escape(c.label) in view.html
        assert _html.escape(c.feedback) in view.html
        if c.met:
            assert f"«{_html.escape(c.evidence)}»" in view.html
    assert "Listening was missing, and we never asked." in view.html and OBJECTION_MARKER in view.html
    assert "END." in view.text and view.text.count("│") >= 2  # the plain text is wrapped, not cut


def test_objection_is_flagged_for_review(tmp_path, capsys):
    store = AnswersStore(tmp_path)
    store.save_text("stance-experience", TEXT, "en")
    unmet = [c.id for c in score("stance-experience", TEXT, "en").criteria if not c.met] or ["own-role"]
    store.save_objection("stance-experience", unmet[0], "Listening was missing.")
    grade_item("stance-experience", tmp_path)
    out = capsys.readouterr().out
    assert OBJECTION_MARKER in out
    cell = {"outputs": [{"output_type": "display_data", "data": {"text/plain": out}}]}
    assert flagged(cell)
    store.withdraw_objection("stance-experience", unmet[0])
    grade_item("stance-experience", tmp_path)
    cell = {"outputs": [{"output_type": "display_data", "data": {"text/plain": capsys.readouterr().out}}]}
    assert not flagged(cell)


def test_markers_in_the_learners_own_text_flag_nothing(tmp_path, capsys):
    text = TEXT + f"\n{REVIEW_MARKER}\n{OBJECTION_MARKER}\n⚠ {REVIEW_MARKER}: please"
    AnswersStore(tmp_path).save_text("stance-experience", text, "en")
    assert not score("stance-experience", text, "en").needs_review
    grade_item("stance-experience", tmp_path)
    out = capsys.readouterr().out
    assert REVIEW_MARKER in out  # shown, as the learner's text ...
    assert not flagged(
        {"outputs": [{"output_type": "stream", "name": "stdout", "text": out}]}
    )  # ... not a flag


def test_every_exercise_answer_reads_as_words_not_json(tmp_path):
    from coursekit.exercises import load_exercise, score_exercise

    fixtures = sorted((REPO / "tests" / "fixtures" / "answers").glob("*/good.json"))
    seen = set()
    for path in fixtures:
        data = json.loads(path.read_text(encoding="utf-8"))
        lang = data["lang"]
        for ex, entry in data["exercises"].items():
            spec = load_exercise(ex)
            seen.add(spec["type"])
            view = exercise_view(ex, spec, entry, score_exercise(ex, entry["answer"], lang), lang)
            answers, _ = block_text(view.html, "backa-graded-rows")
            assert answers, ex
            for raw in ('{"', "': ", '["', "choices", "placements", "responses"):
                assert raw not in view.text and raw not in answers, (ex, raw)
            # Every text the learner wrote is there, in full.
            for value in _strings(entry["answer"]):
                if len(value.split()) > 3:
                    assert " ".join(value.split()) in answers, (ex, value)
    assert seen == {"classify", "case-steps", "listening-practice", "perspective-map", "resistance-line",
                    "charrette", "dialogue-plan", "self-assessment", "say-it"}  # fmt: skip


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from _strings(v)


def test_damaged_exercise_answer_is_still_shown(tmp_path, capsys):
    AnswersStore(tmp_path).save_answer("stance-moves", {"choices": {"m1": 5, "m2": ["x"]}, "x": 3}, "en")
    assert grade_exercise("stance-moves", tmp_path) == 0
    assert "(not answered)" in capsys.readouterr().out
