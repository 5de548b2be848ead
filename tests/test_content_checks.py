"""`backa-course check` finds what can be checked mechanically, and the course passes it.

Each consistency check is fed a planted inconsistency (a renamed stage, steps out of order, a
forbidden term, straight quotes in Swedish, a correct option that is the longest, a catalogue time
that no longer matches the content) and must report it; the repository's own files must pass.
"""

from __future__ import annotations

import copy
import json

import pytest

from coursekit import consistency as cons
from coursekit import study_time
from coursekit.checks import check_all
from coursekit.content import catalogue
from coursekit.paths import COURSE, EXERCISES

GLOSSARY = cons.glossary()
SPECS = cons.exercise_specs()


def test_the_course_passes_backa_course_check():
    assert check_all() == []


# -- stages and steps ------------------------------------------------------------------------------


def test_glossary_lists_the_sourced_stages_and_steps_in_order():
    stages = [s["sv"] for s in GLOSSARY["resistance_line"]["stages"]]
    assert stages[0] == "Nejet sägs öppet" and stages[-1] == "Polarisering och öppen konflikt"
    steps = [s["id"] for s in GLOSSARY["decision_steps"]["steps"]]
    assert steps == ["gather", "safe-no", "spread-no", "vote", "wisdom"]


@pytest.mark.parametrize(
    "lang, text",
    [
        (
            "sv",
            "Samla alla perspektiv, gör det tryggt att säga nej, lägg till minoritetens visdom och rösta sedan.",
        ),
        ("en", "Make it safe to say no, add the minority's wisdom, then spread the no."),
        ("sv", "Motståndet går från sabotage till skämt och sedan till skvaller."),
        ("en", "First withdrawal, then gossip, then jokes."),
    ],
)
def test_a_sentence_naming_three_steps_or_stages_out_of_order_is_reported(lang, text):
    problems = cons.sequence_problems([("planted", lang, text)])
    assert len(problems) == 1 and problems[0].startswith("planted: names the")


@pytest.mark.parametrize(
    "lang, text",
    [
        ("sv", "Gör det tryggt att säga nej, sprid nejet, rösta och lägg sedan till minoritetens visdom."),
        ("sv", "Om gruppen röstar innan det är tryggt att säga nej blir omröstningen en dom."),  # only two
        ("en", "Jokes, gossip and people staying away are early signs."),
    ],
)
def test_the_course_order_and_two_step_contrasts_pass(lang, text):
    assert cons.sequence_problems([("ok", lang, text)]) == []


def test_a_numbered_list_out_of_order_or_renamed_is_reported():
    listing = (
        "1. **Skämt och sarkasm.** Ironi.\n"
        "2. **Tillbakadragande.** Folk uteblir.\n"
        "3. **Skvaller och prat bakom ryggen.** Rykten.\n"
        "4. **Öppen konflikt och sammanbrott.** Vi mot dem.\n"
    )
    problems = cons.sequence_problems([("planted", "sv", listing)])
    assert any("should be named 'Polarisering och öppen konflikt'" in p for p in problems)
    assert any("in the order" in p for p in problems)


def test_an_exercise_that_renames_a_stage_or_reorders_the_steps_is_reported():
    specs = {k: copy.deepcopy(v) for k, v in SPECS.items() if k in ("charrette", "resistance-placement")}
    assert cons.structure_problems(specs) == []
    specs["charrette"]["resistance_line"]["stages"][-1]["label"]["sv"] = "Öppen konflikt och sammanbrott"
    specs["charrette"]["steps"].reverse()
    specs["resistance-placement"]["stages"][2]["name"]["en"] = "Staying away"
    problems = cons.structure_problems(specs)
    assert len(problems) == 3
    assert any("charrette.json: the decision steps" in p for p in problems)
    assert any("charrette.json: the resistance-line stages" in p for p in problems)
    assert any("resistance-placement.json: the resistance-line stages" in p for p in problems)


# -- terms and quotation marks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "lang, text, term",
    [
        ("sv", "Lyssna med inlevelse och nyfikenhet.", "empati"),
        ("sv", "I en rådfrågande process lyssnar beslutsfattaren.", "konsultativ process"),
        ("sv", "Du inser att andras perspektiv också är rimliga.", "legitima perspektiv"),
        ("sv", "Två hållningar är viktiga: neutralitet och medkänsla.", "metafärdigheter (metaskills)"),
        ("sv", "Inom Lewis-metoden säger man så.", "Lewismetoden"),
        ("sv", "Avsluta med en incheckning.", "utcheckning (avslutande runda)"),
        ("en", "Close with a check-in: what do you take with you?", "check-out (closing round)"),
        ("sv", "## Fem steg före ett beslut", "stegen före ett beslut"),
        ("sv", "5. Öppen konflikt och sammanbrott.", "polarisering och öppen konflikt"),
        ("sv", "Fråga din lärare.", "kursledare"),
    ],
)
def test_a_forbidden_variant_is_reported_with_the_fixed_term(lang, text, term):
    problems = cons.term_problems([("planted", lang, text)])
    assert any(p.startswith("planted:") and repr(term) in p for p in problems), problems


def test_words_that_only_contain_a_forbidden_variant_pass():
    ok = ["Förhållningssättet har fem delar.", "En förskollärare i Backa.", "Mötet bryter samman."]
    assert cons.term_problems([("ok", "sv", t) for t in ok]) == []


@pytest.mark.parametrize("quoted", ['Han sa "nej".', "Hon sa «nej».", "Hon sa “nej”."])
def test_swedish_text_must_quote_with_swedish_marks(quoted):
    assert cons.term_problems([("planted", "sv", quoted)])
    assert cons.term_problems([("planted", "sv", "Hon sa ”nej”.")]) == []
    assert cons.term_problems([("english", "en", quoted)]) == []  # English keeps its own marks


def test_a_required_term_missing_from_its_module_is_reported():
    texts = [t for t in cons.repository_texts() if "co-creative-dialogue" not in t[0]]
    texts.append(("course/content/co-creative-dialogue/sv.md (section x)", "sv", "Ingen sådan term här."))
    problems = cons.required_problems(texts)
    assert any("'medborgardialog'" in p for p in problems)
    assert cons.required_problems(cons.repository_texts()) == []


# -- fair multiple choice --------------------------------------------------------------------------


def _all_choice_items():
    return [(f"{eid}/{i}", opts) for eid, spec in SPECS.items() for i, opts in cons.choice_items(spec)]


def test_multiple_choice_items_exist_to_be_judged():
    kinds = {spec["type"] for spec in SPECS.values() if cons.choice_items(spec)}
    assert {"case-steps", "charrette"} <= kinds


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_across_all_exercises_the_correct_option_is_not_systematically_the_longest(lang):
    stats = cons.length_stats(_all_choice_items(), lang)
    # The correct option is the longest about as often as chance would make it, not more.
    assert stats["longest"] <= stats["allowed"], stats
    # And in no item is it much longer (or much shorter) than the other options.
    assert all(cons.MIN_RATIO <= r <= cons.MAX_RATIO for r in stats["ratios"].values()), stats["ratios"]


def test_a_capstone_whose_correct_options_are_the_longest_is_reported():
    spec = copy.deepcopy(SPECS["capstone-case"])
    for step in spec["steps"]:
        for option in step["options"]:
            if option["correct"]:
                for lang in ("sv", "en"):
                    option["text"][lang] += (
                        " Vi gör det noggrant, steg för steg, och med alla berörda i tankarna."
                    )
    problems = cons.option_length_problems({"capstone-case": spec})
    assert any("a correct option is the longest in 6 of 6" in p for p in problems)
    assert any("times as long as the others" in p for p in problems)
    assert cons.option_length_problems({"capstone-case": SPECS["capstone-case"]}) == []


def test_length_statistic_counts_ties_as_not_longest_and_allows_chance():
    item = [({"sv": "a" * 10}, True), ({"sv": "b" * 10}, False), ({"sv": "c" * 5}, False)]
    stats = cons.length_stats([("i1", item)] * 9, "sv")
    assert stats["longest"] == 0 and stats["expected"] == pytest.approx(3.0)
    assert stats["allowed"] == 5  # chance (3) plus 1.5 standard deviations (1.41 × 1.5)


# -- self-study time -------------------------------------------------------------------------------


def test_every_catalogue_time_matches_the_estimate_from_the_content():
    assert study_time.problems() == []
    for m in catalogue():
        est = study_time.estimate(m)
        assert abs(m.minutes - est.minutes) <= study_time.model()["tolerance"], (m.id, est.explain())


def test_self_study_is_shorter_than_the_group_times_in_the_overviews():
    from coursekit.content import module_text, parse_overview

    total_self = sum(m.minutes for m in catalogue())
    total_group = 0
    for m in catalogue():
        ov = parse_overview(module_text(m.id, "sv").section("overview"))
        total_group += ov.teaching + ov.exercises
    assert total_self < 0.8 * total_group  # the review: self-study 20–30 % below the group times


def test_a_catalogue_time_that_no_longer_matches_is_reported(monkeypatch):
    raw = json.loads((COURSE / "modules.json").read_text(encoding="utf-8"))
    raw["modules"][1]["minutes"] += 30
    planted = tuple(
        m.__class__(**{**m.__dict__, "minutes": raw["modules"][i]["minutes"]})
        for i, m in enumerate(catalogue())
    )
    monkeypatch.setattr(study_time, "catalogue", lambda: planted)
    problems = study_time.problems()
    assert len(problems) == 1 and f"module {planted[1].id} says" in problems[0]


def test_an_exercise_type_without_a_time_is_reported(monkeypatch):
    model = copy.deepcopy(study_time.model())
    del model["exercise_minutes"]["charrette"]
    monkeypatch.setattr(study_time, "model", lambda: model)
    assert any("no entry for type 'charrette'" in p for p in study_time.problems())


def test_the_welcome_check_exercises_the_backa_story_and_deep_democracy():
    spec = json.loads((EXERCISES / "welcome-check.json").read_text(encoding="utf-8"))
    texts = " ".join(c["text"]["sv"] for c in spec["cases"])
    assert "Riksdagen" in texts and "1 200" in texts and "Nejets visdom" in texts
