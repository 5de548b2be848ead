"""The fitted review flag (grading/review_model.py, perturb.py, review_fit.py; docs/grader.md, round 4).

Everything here runs without ../shared: the shipped model is package data, and the fit is checked on
a small synthetic labelled file written for these tests (tests/fixtures/review_synthetic.jsonl: our
own answers, our own labels; no dev text).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from grading import perturb, review_model, score
from grading.bank import item_ids, load_item
from grading.cli import main as cli_main
from grading.fitting import dumps
from grading.review_fit import FitError, read_data, run
from grading.scorer import analyse_sentence, score_details

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SYNTHETIC = FIXTURES / "review_synthetic.jsonl"
SYNTHETIC_MODEL = FIXTURES / "review_model_synthetic.json"
REFIT = (
    "reflection-grader fit-review --data tests/fixtures/review_synthetic.jsonl --folds 3 --repeats 2 "
    "--out tests/fixtures/review_model_synthetic.json"
)

# a feeling word without a clear "you feel": reflects-feeling is half way to its threshold
BORDERLINE = (
    'I would answer: "Annoying, I get it. The stations went up all around Backa and now every errand '
    'costs money. What would you like the city to hear?" I picked this to stay close to their words.'
)
# every criterion met plainly: the feeling named, the content said back, an invitation, no judgement
CLEAR = (
    "I'd say: \"You sound really angry, and I can see why. The stations close Backa in, every trip to the "
    'shop costs you, and nobody asked you first. Tell me more about what that has been like." I chose '
    "this so they hear that I got both the feeling and the facts before I say anything else."
)


def _clear_caches() -> None:
    analyse_sentence.cache_clear()
    perturb._transform.cache_clear()
    perturb.typo_words.cache_clear()


# -- the shipped model ---------------------------------------------------------------------------------------
def test_shipped_model_names_its_features_and_criteria():
    data = json.loads((REPO / "grading" / "review_model.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    assert tuple(data["features"]) == review_model.FEATURES
    known = {f"{review_model.CRITERION_PREFIX}{i}/{c.id}" for i in item_ids() for c in load_item(i).criteria}
    for name in data["weights"]:
        assert name == "bias" or name in review_model.FEATURES or name in known, name
    assert 0 < data["threshold"] < 1
    # the figures it was chosen by travel with it: a cross-validated flag rate near the target
    assert abs(data["cv"]["at_threshold"]["all"]["flag_rate"] - data["fit"]["target_flag_rate"]) <= 0.03
    assert review_model.load().threshold == pytest.approx(data["threshold"])


def test_a_borderline_answer_is_flagged_naming_the_criterion():
    result = score("listening-response", BORDERLINE, "en")
    assert result.criteria_map()["reflects-feeling"] is False
    assert result.needs_review
    assert result.review_criteria[0] == "reflects-feeling"
    assert "unsure:" + ",".join(result.review_criteria) in result.review_reasons
    assert result.review_probability >= review_model.load().threshold


def test_a_clear_answer_is_not_flagged():
    result = score("listening-response", CLEAR, "en")
    assert result.points == 4
    assert not result.needs_review and result.review_criteria == []
    assert result.review_probability < review_model.load().threshold


def test_flagged_criteria_come_most_likely_first():
    model = review_model.load()
    signals: dict = {}
    result, _ = score_details("perspective-map", _PERSPECTIVES, "en", signals=signals)
    probs = model.probabilities(
        load_item("perspective-map"), review_model.answer_features(load_item("perspective-map"), signals)
    )
    assert len(result.review_criteria) >= 2
    assert result.review_criteria == sorted(
        (c for c, p in probs.items() if p >= model.threshold), key=lambda c: -probs[c]
    )
    assert result.review_probability == pytest.approx(max(probs.values()), abs=1e-4)


_PERSPECTIVES = (
    "I hear the commuters who now pay every day and the shop owner who is losing customers. Young people are "
    "absent from the notes. That easily turns into more conflict."
)


# the criteria restated as intentions: one point stands, the one the rules are surest of
_RESTATED = (
    "I intend to make it safe to say no before the vote, and I plan to ask if others share the no. I also "
    "intend to add what the minority brings to the proposal, and I want to respect the relation with the "
    "shop owners."
)


def test_the_model_never_changes_a_decision(monkeypatch):
    texts = [
        ("listening-response", BORDERLINE),
        ("listening-response", CLEAR),
        ("perspective-map", _PERSPECTIVES),
        ("minority-voice", _RESTATED),
    ]
    before = [score(i, t, "en") for i, t in texts]
    assert "restated-criteria" in before[-1].review_reasons
    always = review_model.ReviewModel({"bias": 30.0}, 0.5)  # flags every criterion
    monkeypatch.setattr(review_model, "load", lambda: always)
    after = [score(i, t, "en") for i, t in texts]
    for a, b in zip(before, after, strict=True):
        assert a.criteria_map() == b.criteria_map() and a.points == b.points
        assert b.needs_review and set(b.review_criteria) == set(b.criteria_map())
    # a model that flags one criterion only, each in turn (a flag must not tip which point stands)
    for (item, text), a in zip(texts, before, strict=True):
        for c in load_item(item).criteria:
            one = review_model.ReviewModel({"bias": -30.0, f"crit:{item}/{c.id}": 60.0}, 0.5)
            monkeypatch.setattr(review_model, "load", lambda one=one: one)
            b = score(item, text, "en")
            assert b.criteria_map() == a.criteria_map(), (item, c.id)
            assert b.review_criteria == [c.id]


def test_features_are_deterministic():
    def feats() -> dict:
        signals: dict = {}
        score_details("perspective-map", _PERSPECTIVES, "en", signals=signals)
        return review_model.answer_features(load_item("perspective-map"), signals)

    first = feats()
    _clear_caches()
    assert feats() == first
    assert set(first["why-it-matters"]) == set(review_model.FEATURES)


def test_same_flags_without_shared_and_outside_the_repo(tmp_path):
    # a copy of the package alone (no ../shared next to it, another working directory) flags the same
    shutil.copytree(
        REPO / "grading", tmp_path / "pkg" / "grading", ignore=shutil.ignore_patterns("__pycache__")
    )
    code = (
        "import json, sys; from grading import score\n"
        "out = [score(i, t, 'en') for i, t in json.loads(sys.stdin.read())]\n"
        "print(json.dumps([[r.needs_review, r.review_criteria, r.review_probability] for r in out]))\n"
    )
    texts = [
        ("listening-response", BORDERLINE),
        ("listening-response", CLEAR),
        ("perspective-map", _PERSPECTIVES),
    ]
    run_dir = tmp_path / "elsewhere"
    run_dir.mkdir()
    proc = subprocess.run(
        [sys.executable, "-c", code],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        cwd=run_dir,
        env={"PYTHONPATH": str(tmp_path / "pkg"), "PATH": "/usr/bin:/bin"},
        check=True,
    )
    here = [
        [r.needs_review, r.review_criteria, r.review_probability]
        for r in (score(i, t, "en") for i, t in texts)
    ]
    assert json.loads(proc.stdout) == here


# -- the rule variations ---------------------------------------------------------------------------------
def test_threshold_variations_flip_decisions_near_the_threshold():
    spec = load_item("listening-response")
    raw = {"reflects-feeling": 0.8, "paraphrases-content": 0.5, "no-judgement": None, "invites-more": 1.2}
    met = {
        "reflects-feeling": False,
        "paraphrases-content": False,
        "no-judgement": True,
        "invites-more": True,
    }
    out = perturb.flips(spec, "en", [], None, None, 50, met, lambda *a: ([],), raw)
    assert out == {
        "reflects-feeling": ["threshold-low"],  # 0.8 reaches a threshold a quarter lower (0.75)
        "paraphrases-content": [],  # half way: far from either
        "no-judgement": [],  # a guard has no cue-weight threshold
        "invites-more": ["threshold-high"],  # 1.2 misses a threshold a quarter higher (1.25)
    }


def _negated(s) -> list[bool]:
    return [h.negated for hits in s.pos for h in hits]


def test_negation_windows_shorter_and_longer():
    item = "listening-response"
    # "not" five words before "you": negated now, free in a three-word window
    near = "I would not start by telling them you seem angry."
    assert any(_negated(analyse_sentence(item, near)))
    assert not any(_negated(perturb._transform(item, near, "neg-short")))
    # "nobody" seven words before the cues: free now, negated in an eight-word window
    far = "Nobody here would ever say that you feel angry."
    assert not any(_negated(analyse_sentence(item, far)))
    assert all(_negated(perturb._transform(item, far, "neg-long")))
    # a sentence no variation changes is the cached analysis itself (cheap while typing)
    plain = "Tell me more about it."
    assert perturb._transform(item, plain, "neg-short") is analyse_sentence(item, plain)


def test_a_negation_on_the_border_makes_the_decision_fragile():
    signals: dict = {}
    text = (
        "A man shouts that the stations ruin his week. I would not start by telling him you seem angry. "
        "I would ask him what happened and listen to the whole story before I say anything."
    )
    result, _ = score_details("listening-response", text, "en", signals=signals)
    # met on "you seem angry", which "not" eight words earlier would void: a decision on a detail
    assert result.criteria_map()["reflects-feeling"] is True
    sig = signals["reflects-feeling"]
    assert sig.get("flip:negation-long") == 1.0 and sig["flips"] >= 1
    assert (
        review_model.answer_features(load_item("listening-response"), signals)["reflects-feeling"]["flips"]
        > 0
    )


# -- the fit ---------------------------------------------------------------------------------------------
def test_fit_reproduces_the_model_from_the_synthetic_file(tmp_path, capsys):
    out = tmp_path / "model.json"
    argv = ["fit-review", "--data", str(SYNTHETIC), "--folds", "3", "--repeats", "2", "--out", str(out)]
    assert cli_main(argv) == 0
    printed = capsys.readouterr().out
    assert "flagged" in printed and "caught" in printed
    got = out.read_text(encoding="utf-8")
    want = SYNTHETIC_MODEL.read_text(encoding="utf-8")
    assert got == want, (
        f"the fit no longer reproduces {SYNTHETIC_MODEL.name}; if the rules changed, run: {REFIT}"
    )
    # and it is an ordinary model file the scorer can use
    model = review_model.from_dict(json.loads(got))
    assert set(model.weights) >= {"bias", *review_model.FEATURES}


def test_fit_is_deterministic_in_process():
    a = dumps(run([str(SYNTHETIC)], k=3, repeats=1))
    b = dumps(run([str(SYNTHETIC)], k=3, repeats=1))
    assert a == b


def test_fit_refuses_the_calibration_part(tmp_path):
    dev2 = tmp_path / "reflections-dev2.jsonl"
    dev2.write_text(SYNTHETIC.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(FitError, match="calibration"):
        read_data(f"{dev2}:dev2-calibration")
    with pytest.raises(FitError, match="name a part"):
        read_data(str(dev2))
    assert read_data(f"{dev2}:dev2-work") is not None


def test_fit_command_explains_bad_input(tmp_path, capsys):
    assert cli_main(["fit-review", "--data", str(tmp_path / "missing.jsonl")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert cli_main(["fit-review"]) == 2
    assert "--data" in capsys.readouterr().err
    no_errors = tmp_path / "right.jsonl"
    rows = [json.loads(line) for line in SYNTHETIC.read_text(encoding="utf-8").splitlines()]
    good = [r for r in rows if r["id"] in ("synthetic-02", "synthetic-06", "synthetic-12", "synthetic-13")]
    no_errors.write_text("".join(json.dumps(r) + "\n" for r in good), encoding="utf-8")
    assert cli_main(["fit-review", "--data", str(no_errors)]) == 2
    assert "no wrong decision" in capsys.readouterr().err


def test_a_model_file_of_another_format_is_refused():
    with pytest.raises(ValueError, match="format"):
        review_model.from_dict({"format": 2, "weights": {}, "threshold": 0.5})
    assert replace(review_model.load(), threshold=2.0).flagged({"a": 0.99}) == []


# -- the instructor's review queue -------------------------------------------------------------------------
def test_the_review_queue_puts_objections_first_then_the_most_likely_wrong():
    from datetime import datetime

    from coursekit.instructor import cohort as C

    def sub(student: str, day: int, prob: float | None, objected: bool = False, flagged: bool = True):
        cell = C.Cell("listening-response", "item", 4.0, 2.0, None, flagged, text=f"text of {student}")
        cell.result = None if prob is None else {"review_probability": prob}
        if objected:
            cell.objections = {"reflects-feeling": {"sentence": "I said it here.", "at": day}}
        s = C.Submission(student, "02-listening", "listening", datetime(2026, 3, day))
        s.cells[cell.grade_id] = cell
        return s

    subs = [
        sub("old-unsure", 1, 0.30),
        sub("new-very-unsure", 5, 0.80),
        sub("objection", 6, 0.05, objected=True, flagged=False),
        sub("no-result", 2, None),
        sub("old-equal", 3, 0.30),
        sub("not-flagged", 1, 0.90, flagged=False),
    ]
    cohort = C.Cohort(
        None, [], [s.student for s in subs], {}, {(s.student, s.assignment): s for s in subs}, set()
    )  # type: ignore[arg-type]
    order = [e.sub.student for e in C.review_queue(cohort, {})]
    assert order == ["objection", "new-very-unsure", "old-unsure", "old-equal", "no-result"]
