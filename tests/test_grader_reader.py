"""The trained second reader (grading/reader.py, reader_fit.py; docs/grader.md, "Round 4c").

Everything here runs without ../shared: the shipped model is package data, and the fit is checked on
a small synthetic labelled file written for these tests (tests/fixtures/reader_synthetic.jsonl: our
own answers, our own labels; no dev text, no probe text).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grading import reader, scorer
from grading.bank import item_ids, load_item
from grading.cli import main as cli_main
from grading.fitting import dumps
from grading.reader_fit import FitError, read_rows, run
from grading.scorer import score_details

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SYNTHETIC = FIXTURES / "reader_synthetic.jsonl"
SYNTHETIC_MODEL = FIXTURES / "reader_model_synthetic.json"
REFIT = (
    "reflection-grader fit-reader --data tests/fixtures/reader_synthetic.jsonl --folds 3 --repeats 1 "
    "--out tests/fixtures/reader_model_synthetic.json"
)


def _sure_model(p_logit: float, add: float) -> reader.ReaderModel:
    """A model that gives every criterion the same probability (for the guard tests)."""
    crits = {
        f"{i}/{c.id}": reader.CriterionModel(p_logit, {"u:jag": 0.5, "u:i": 0.5, "u:the": 0.5})
        for i in item_ids()
        for c in load_item(i).criteria
    }
    return reader.ReaderModel(crits, add)


# -- the shipped model ---------------------------------------------------------------------------------------
def test_shipped_model_covers_every_criterion_and_names_its_features():
    data = json.loads((REPO / "grading" / "reader_model.json").read_text(encoding="utf-8"))
    assert data["format"] == 1
    keys = {f"{i}/{c.id}" for i in item_ids() for c in load_item(i).criteria}
    assert set(data["criteria"]) == keys
    for key, crit in data["criteria"].items():
        assert len(crit["weights"]) <= 320, key
        for name in crit["weights"]:
            assert name.split(":", 1)[0] in ("u", "n", "s", "b", "len", "r"), name
    model = reader.load()  # package data: no ../shared needed
    assert 0.5 <= model.add_threshold <= 1.0


def test_reader_is_deterministic():
    text = (
        'Jag skulle säga: "Det låter som att du är riktigt less på det här, att ni betalar för att handla '
        'nära och att ingen frågade er. Berätta mer." Jag vill att hen ska känna sig hörd.'
    )
    a = score_details("listening-response", text, "sv", signals=(sa := {}))[0]
    scorer.analyse_sentence.cache_clear()
    reader.sentence_features.cache_clear()
    b = score_details("listening-response", text, "sv", signals=(sb := {}))[0]
    assert a == b
    assert {k: v.get("reader") for k, v in sa.items()} == {k: v.get("reader") for k, v in sb.items()}
    assert all("reader" in sa[c.id] for c in load_item("listening-response").criteria)


def test_stems_and_negation_scope():
    assert reader.stem("lyssnade") == reader.stem("lyssnar")
    assert reader.stem("listening") == reader.stem("listened") == reader.stem("listens")
    feats = reader.sentence_features("Jag skulle inte döma dem, men jag lyssnar.")
    assert "n:" + reader.stem("döma") in feats and "u:" + reader.stem("döma") not in feats
    assert "u:" + reader.stem("lyssnar") in feats  # after "men" the scope has ended
    assert "u:" + reader.stem("tycker") in reader.sentence_features("Inte bara jag tycker så.")
    said = reader.sentence_features("Du låter arg.", said=True)
    assert "s:" + reader.stem("arg") in said


# -- how the scorer uses it ------------------------------------------------------------------------------
NON_ATTEMPTS = [
    ("listening-response", "en", ""),
    ("listening-response", "en", "I don't know."),
    ("perspective-map", "sv", "perspektiv grupp saknas viktigt perspektiv grupp saknas viktigt lyssna"),
    (
        "minority-voice",
        "en",
        "Are we meant to write this in English or in Swedish, and how long should it be? "
        "Where do I find the case text for this module?",
    ),
    (
        "resistance-line",
        "en",
        "My cat likes to sleep in the sun on the balcony and she hates the rain. "
        "Yesterday she caught a fly and was very proud of herself all evening.",
    ),
]


@pytest.mark.parametrize(("item", "lang", "text"), NON_ATTEMPTS)
def test_the_reader_never_gives_points_to_a_non_attempt(monkeypatch, item, lang, text):
    monkeypatch.setattr(reader, "load", lambda: _sure_model(30.0, 0.5))  # it would add every point
    result = scorer.score(item, text, lang)
    assert not result.attempt and result.points == 0


def test_the_reader_adds_only_when_sure_and_quotes_the_learner(monkeypatch):
    text = (
        'I would say: "It sounds like this has worn you down, paying for every little errand. '
        'Go on, I am listening." I want them to feel taken seriously.'
    )
    rules, _ = score_details("listening-response", text, "en", use_reader=False)
    missed = [c.id for c in rules.criteria if not c.met]
    assert missed, "the test needs a criterion the rules do not find"
    monkeypatch.setattr(reader, "load", lambda: _sure_model(1.0, 0.9))  # P = 0.73: not sure enough
    assert scorer.score("listening-response", text, "en").criteria_map() == rules.criteria_map()
    monkeypatch.setattr(reader, "load", lambda: _sure_model(5.0, 0.9))  # P = 0.99
    got = scorer.score("listening-response", text, "en")
    for c in got.criteria:
        assert c.met
        if c.id in missed:
            assert c.evidence and c.evidence in text  # the learner's own sentence


def test_the_reader_never_removes_a_point_the_rules_gave(monkeypatch):
    text = (
        "I'd say: \"You sound really angry, and I can see why. The stations close Backa in, every trip to "
        'the shop costs you, and nobody asked you first. Tell me more about what that has been like."'
    )
    rules, _ = score_details("listening-response", text, "en", use_reader=False)
    assert rules.points >= 3
    monkeypatch.setattr(reader, "load", lambda: _sure_model(-30.0, 0.5))  # P = 0 everywhere
    assert scorer.score("listening-response", text, "en").points >= rules.points


# -- the fit ---------------------------------------------------------------------------------------------
def test_fit_reproduces_the_model_from_the_synthetic_file(tmp_path, capsys):
    out = tmp_path / "model.json"
    argv = ["fit-reader", "--data", str(SYNTHETIC), "--folds", "3", "--repeats", "1", "--out", str(out)]
    assert cli_main(argv) == 0
    assert "rules alone" in capsys.readouterr().out
    got = out.read_text(encoding="utf-8")
    assert got == SYNTHETIC_MODEL.read_text(encoding="utf-8"), (
        f"the fit no longer reproduces {SYNTHETIC_MODEL.name}; if the rules changed, run: {REFIT}"
    )
    model = reader.from_dict(json.loads(got))
    assert set(model.criteria) == {
        f"listening-response/{c.id}" for c in load_item("listening-response").criteria
    }
    assert any(m.weights for m in model.criteria.values())


def test_fit_is_deterministic_in_process():
    assert dumps(run([str(SYNTHETIC)], k=3, repeats=1)) == dumps(run([str(SYNTHETIC)], k=3, repeats=1))


def test_fit_refuses_the_dev_sets(tmp_path):
    for name in ("reflections-dev.jsonl", "reflections-dev2.jsonl"):
        dev = tmp_path / name
        dev.write_text(SYNTHETIC.read_text(encoding="utf-8"), encoding="utf-8")
        with pytest.raises(FitError, match="held-out"):
            read_rows(str(dev))
        with pytest.raises(FitError, match="held-out"):
            read_rows(f"{dev}:dev2-work")
    assert cli_main(["fit-reader", "--data", str(tmp_path / "missing.jsonl")]) == 2


# an everyday-words answer written for this test: the consequence of leaving the bus riders out is
# said without any of the course's words ("if they are not brought in they may stop caring")
EVERYDAY = (
    "Jag hör pendlarna som är arga över att betala varje dag, butiksägaren som tappar kunder och en mamma "
    "som gillar den lugnare gatan men hatar kostnaden. Samma person kan alltså tycka två saker. Ingen pratar "
    "om dem som inte har bil och åker buss. Om de inte kommer med kanske de till slut slutar bry sig om hela "
    "processen."
)


def test_an_everyday_point_the_rules_miss_is_credited_with_the_learners_sentence(monkeypatch):
    rules, _ = score_details("perspective-map", EVERYDAY, "sv", use_reader=False)
    assert rules.criteria_map()["why-it-matters"] is False  # the rules do not see it
    signals: dict = {}
    shipped = scorer.score_details("perspective-map", EVERYDAY, "sv", signals=signals)[0]
    p = signals["why-it-matters"]["reader"]
    assert p < reader.load().add_threshold  # the shipped reader is not sure enough to add it
    assert shipped.criteria_map()["why-it-matters"] is False
    # with the shipped weights and a threshold just under its probability (whatever a re-fit made it),
    # the point is added, quoting the learner's own sentence, and the feedback is the positive note
    model = reader.load()
    monkeypatch.setattr(reader, "load", lambda: reader.ReaderModel(model.criteria, p - 1e-6))
    got = {c.id: c for c in scorer.score("perspective-map", EVERYDAY, "sv").criteria}["why-it-matters"]
    assert got.met
    assert got.evidence and got.evidence in EVERYDAY
    assert got.evidence in scorer.split_sentences(EVERYDAY)
    assert got.evidence.startswith("Om de inte kommer med")  # the sentence that makes the point
