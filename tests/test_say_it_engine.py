"""The say-it type: learners write what a facilitator says; checks per prompt, words to avoid, order,
copies, limits, lenient scoring for nbgrader, and the checks `backa-course check` runs on the files."""

from __future__ import annotations

import copy
import json

import pytest

from coursekit.autograde import grade_exercise
from coursekit.content import catalogue
from coursekit.exercise_types import say_it
from coursekit.exercises import load_exercise, score_exercise, validate_exercise
from coursekit.paths import EXERCISES

SAY_IT = sorted(p.stem for p in EXERCISES.glob("*.json") if json.loads(p.read_text())["type"] == "say-it")
PROMPTS = [(ex, p["id"]) for ex in SAY_IT for p in load_exercise(ex)["prompts"]]
TEACHING = [
    "stance",
    "listening",
    "perspectives",
    "conflict-view",
    "handling-conflict",
    "co-creative-dialogue",
]


def analyse(ex: str, pid: str, text, lang: str = "sv", **kw) -> dict:
    return say_it.analyse(load_exercise(ex), pid, text, lang, **kw)


def met(res: dict) -> dict[str, bool]:
    return {c["id"]: c["met"] for c in res["criteria"]}


def share(ex: str, pid: str, text, lang: str = "sv") -> float:
    spec = load_exercise(ex)
    return say_it.fraction(say_it.prompt(spec, pid), say_it.analyse(spec, pid, text, lang))


# -- the course has them ------------------------------------------------------------------------------
def test_every_teaching_module_and_the_capstone_has_a_say_it_exercise():
    by_module = {m.id: m.exercises for m in catalogue()}
    for module in [*TEACHING, "capstone"]:
        assert set(by_module[module]) & set(SAY_IT), module
    assert "between-perspectives" in by_module["co-creative-dialogue"]


@pytest.mark.parametrize("ex", SAY_IT)
def test_the_exercise_files_are_valid(ex):
    assert validate_exercise(ex) == []


# -- model answers and contrasts ----------------------------------------------------------------------
@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("ex, pid", PROMPTS)
def test_model_answers_meet_every_check_and_contrasts_do_not(ex, pid, lang):
    p = say_it.prompt(load_exercise(ex), pid)
    assert 1 <= len(p["models"]) <= 2
    for m in p["models"]:
        res = analyse(ex, pid, m["text"][lang], lang, own_models=True)
        assert res["state"] == "ok" and all(met(res).values()), (m["text"][lang], met(res))
    for c in p.get("contrast", []):
        res = analyse(ex, pid, c["text"][lang], lang, own_models=True)
        assert not all(met(res).values()), c["text"][lang]


# -- answers in everyday words ------------------------------------------------------------------------
EVERYDAY = [
    ("invite-the-no", "safe-no", "sv", "Vänta lite med att rösta. Jag vill gärna höra om det finns någon som tänker annorlunda, det är helt okej att vara emot."),
    ("invite-the-no", "safe-no", "en", "Hold on a second before we vote. Does anyone see this differently? It's fine to disagree, it helps us."),
    ("invite-the-no", "spread", "sv", "Tack, jag hör att du är orolig för kunderna. Är det fler som känner igen sig i det, även lite grann?"),
    ("invite-the-no", "spread", "en", "Thanks. Anyone else who shares some of that worry?"),
    ("invite-the-no", "wisdom", "sv", "Ni som röstade emot, vad skulle få er att kunna leva med förslaget? Vi tar med det i förslaget innan det går vidare."),
    ("invite-the-no", "wisdom", "en", "To the six who voted against: what would you need to live with this? We'll add it to the proposal before we send it off."),
    ("perspective-statement", "write", "sv", "När det kostar att skjutsa till träningen slutar barnen komma, och gemenskapen i området går förlorad."),
    ("perspective-statement", "write", "en", "Kids lose their football because the lifts cost money, and the neighbourhood loses a meeting place."),
    ("perspective-statement", "check-back", "sv", "Vi har skrivit att vardagen har blivit dyrare för att korta resor kostar. Stämmer det för er? Vad skulle ni vilja ändra?"),
    ("perspective-statement", "check-back", "en", "Here's how we phrased it: everyday life costs more. Does that fit your experience? Tell us what we've missed."),
    ("stance-say-it", "frame", "sv", "Jag vill vara tydlig från början: skatten ligger fast, det kan bara riksdagen ändra på. Men hur det blir i Backa kan ni påverka, det ni säger här tas med när utredningen gör sina förslag."),
    ("stance-say-it", "frame", "en", "Let me be clear about what's on the table. The tax stays, the inquiry can't suggest scrapping it. What you can influence is the proposals for Backa, and the steering group and the Riksdag make the final decision."),
    ("stance-say-it", "report-back", "sv", "Tack för era synpunkter. Styrgruppen föreslog 2014 att ni skulle slippa skatt vid fem stationer, men riksdagen beslutade om något annat: bara genomfartstrafik betalar. Det blev alltså inte det vi föreslog."),
    ("stance-say-it", "report-back", "en", "Thanks to all of you who wrote in. The steering group proposed an exemption in 2014, but parliament chose a different model from the ministry."),
    ("inform-after-receiving", "remove-tax", "sv", "Jag hör att du och grannarna verkligen vill bli av med skatten, och det är starkt att ni engagerar er. Jag måste vara ärlig: det är bara riksdagen som kan ändra stationerna, inte vi. Men hur påverkar stationerna er i vardagen?"),
    ("inform-after-receiving", "remove-tax", "en", "I can see how much you care, and you've mobilised your neighbours. To be honest, the inquiry isn't allowed to recommend scrapping the tax, that's for the Riksdag. What would make the biggest difference for you?"),
    ("make-it-visible", "jokes", "sv", "Jag märker att det skrattas vid bordet där bak. Vad tänker ni på? Säg det gärna högt, det är helt okej att tvivla."),
    ("make-it-visible", "jokes", "en", "Sounds like some of you think it's all decided. I'd really like to hear that out loud – what makes you think so?"),
    ("make-it-visible", "limit", "sv", "Nu räcker det. Det där var ett hot och det accepterar jag inte. Mötet avbryts."),
    ("make-it-visible", "limit", "en", "That's a threat and we don't accept that here. I'm going to stop the meeting now."),
    ("between-perspectives", "name-polarity", "sv", "Det verkar finnas två sidor här: för er som bor i Backa handlar det om att vardagen blivit dyr, för regionen om att trafiken ska flyta. Båda är legitima. Kan ni försöka säga vad ni tror är viktigt för de andra?"),
    ("between-perspectives", "name-polarity", "en", "I'm hearing two things: residents feel locked in, and the region needs traffic flowing. Both are part of the picture. Could each side tell us what they understand of the other side's concern?"),
    ("between-perspectives", "towards-options", "sv", "Nu när ni har lyssnat på varandra: vilka idéer har ni som både underlättar vardagen och håller trafiken igång, inom ramarna för utredningen?"),
    ("between-perspectives", "towards-options", "en", "You all want a Backa that works. What solutions could work for both sides, within what the inquiry is allowed to propose?"),
    ("frame-and-media", "decision-maker", "sv", "Bra att du säger det. Vad är det som faktiskt kan ändras om invånarna tycker annorlunda? Och vad är redan låst? Det måste vi vara ärliga med mot dem som kommer."),
    ("frame-and-media", "decision-maker", "en", "If you're already leaning towards closing, what could residents still influence? They need to know that from the start, otherwise we lose their trust."),
    ("frame-and-media", "journalist", "sv", "Ja, skatten ligger fast, det kan bara riksdagen ändra. Men dialogen kan påverka hur det blir för de boende i Backa, och vi publicerar allt som kommer in."),
    ("frame-and-media", "journalist", "en", "You're right that the tax stays. But residents can shape the proposals for Backa, and everything will be published openly."),
    ("opening-words", "open-meeting", "sv", "Hej och välkomna. Det är redan beslutat att bostäder ska utredas här, men ni kan påverka var husen hamnar och hur mycket av parken som blir kvar. Det är byggnadsnämnden som tar beslutet nästa år, och jag vill höra alla röster i kväll."),
    ("opening-words", "open-meeting", "en", "Good evening. The homes will be studied – that decision is taken. What's open is where they go and how much of the park stays, and the building committee decides next year. Every voice is welcome tonight, also the critical ones."),
]  # fmt: skip


def test_every_prompt_is_tried_in_everyday_words_in_both_languages():
    tried = {(ex, pid, lang) for ex, pid, lang, _ in EVERYDAY}
    assert tried == {(ex, pid, lang) for ex, pid in PROMPTS for lang in ("sv", "en")}


@pytest.mark.parametrize("ex, pid, lang, text", EVERYDAY)
def test_good_answers_in_everyday_words_earn_full_credit(ex, pid, lang, text):
    course_lang = "en" if lang == "sv" else "sv"  # the answer's language need not be the course's
    res = analyse(ex, pid, text, course_lang)
    assert res["state"] == "ok"
    assert share(ex, pid, text, course_lang) == 1.0, met(res)
    assert res["avoided"] == []
    for c in res["criteria"]:
        if c["met"] and c["kind"] == "look_for":
            assert c["evidence"] and all(e in text for e in c["evidence"])  # the learner's own words


# -- what does not count ------------------------------------------------------------------------------
GENERIC = [
    (
        "sv",
        "Jag lyssnar på alla och tar alla perspektiv på allvar, det är viktigt med en bra dialog för alla.",
    ),
    ("sv", "Det här är en svår fråga och vi behöver prata mer om den tillsammans innan vi går vidare."),
    (
        "en",
        "I listen to everyone and take every perspective seriously, because dialogue is important for all of us.",
    ),
]


@pytest.mark.parametrize("lang, text", GENERIC)
def test_generic_answers_earn_little_anywhere(lang, text):
    shares = [share(ex, pid, text, lang) for ex, pid in PROMPTS]
    assert max(shares) <= 1 / 3
    assert sum(shares) / len(shares) < 0.05


@pytest.mark.parametrize("text", ["", "   \n", None, 42, ["a"], {"x": 1}])
def test_empty_and_non_text_answers_are_not_answered(text):
    res = analyse("invite-the-no", "safe-no", text)
    assert res["answered"] is False and res["criteria"] == [] and res["met"] == 0
    assert share("invite-the-no", "safe-no", text) == 0


@pytest.mark.parametrize("ex, pid", PROMPTS)
def test_copying_the_task_is_not_an_answer(ex, pid):
    p = say_it.prompt(load_exercise(ex), pid)
    for lang in ("sv", "en"):
        text = " ".join(p[k][lang] for k in ("moment", "quote", "task") if k in p)
        res = analyse(ex, pid, text, lang)
        assert res["state"] in ("copied", "too_long"), res["state"]
        assert share(ex, pid, text, lang) == 0


def test_a_copied_model_answer_is_not_the_learners_own():
    model = say_it.prompt(load_exercise("invite-the-no"), "wisdom")["models"][0]["text"]["sv"]
    res = analyse("invite-the-no", "wisdom", model)
    assert res["state"] == "model" and not any(met(res).values())
    assert "egna ord" in res["note"]


def test_a_fact_repeated_from_the_task_in_an_answer_of_ones_own_is_fine():
    text = (
        "Jag förstår hur mycket ni har kämpat, och jag hör hoppet. Men utredningen får inte föreslå att skatten "
        "tas bort, och bara riksdagen kan ändra stationerna. Vad är det som drabbar er mest?"
    )
    res = analyse("inform-after-receiving", "remove-tax", text)
    assert res["state"] == "ok" and all(met(res).values())


@pytest.mark.parametrize(
    "ex, pid, text, unmet",
    [
        ("invite-the-no", "safe-no", "Jag tänker inte fråga om någon ser det annorlunda, och jag vill inte höra några invändningar nu.", {"ask", "welcome"}),
        ("invite-the-no", "wisdom", "Till er som röstade nej: jag frågar inte vad ni skulle behöva, det är för sent nu.", {"need"}),
        ("perspective-statement", "check-back", "Vi har skrivit perspektivet. Jag frågar inte om ni känner igen er, och vi ändrar inget.", {"recognise", "invite-change"}),
        ("make-it-visible", "jokes", "I won't ask what's behind the laughter, and I don't want to hear it out loud.", {"ask", "welcome"}),
        ("stance-say-it", "frame", "Ni kan inte påverka någonting i kväll, och jag säger inte vem som beslutar.", {"open", "who"}),
    ],
)  # fmt: skip
def test_negated_moves_do_not_count(ex, pid, text, unmet):
    res = analyse(ex, pid, text)
    assert not any(met(res)[c] for c in unmet), met(res)


def test_receiving_after_informing_is_reported_and_gets_no_slack():
    text = (
        "Utredningen får inte föreslå att skatten tas bort. Men jag förstår att du är engagerad. Berätta mer."
    )
    res = analyse("inform-after-receiving", "remove-tax", text)
    receive = next(c for c in res["criteria"] if c["id"] == "receive")
    assert not receive["met"] and "först efter" in receive["feedback"]
    assert res["out_of_order"] and met(res)["inform"]
    assert share("inform-after-receiving", "remove-tax", text) == 0.75  # 3 of 4, no slack


def test_words_to_avoid_are_marked_in_the_learners_own_text_and_cost_the_slack():
    text = "Okej, vi är överens, men innan vi röstar: vem ser det annorlunda? Det är välkommet."
    res = analyse("invite-the-no", "safe-no", text)
    assert [a["text"] for a in res["avoided"]] == ["vi är överens"]
    assert not met(res)["no-pressure"] and "”vi är överens”" in next(
        c["feedback"] for c in res["criteria"] if c["id"] == "no-pressure"
    )
    marked = [s for s in res["segments"] if s.get("mark") == "avoid"]
    assert [s["text"] for s in marked] == ["vi är överens"]
    assert "".join(s["text"] for s in res["segments"]) == text  # the view rebuilds the exact text
    assert share("invite-the-no", "safe-no", text) == 0.75  # 3 of 4: no slack once something is marked


def test_a_negated_phrase_to_avoid_is_not_marked():
    text = "Jag säger inte att vi är överens. Innan vi röstar vill jag höra den som ser det annorlunda – det hjälper oss."
    res = analyse("invite-the-no", "safe-no", text)
    assert res["avoided"] == [] and all(met(res).values())


def test_a_no_as_a_noun_is_not_a_negation():
    text = "Before we decide, remember that a no is welcome here and it helps the group. Who sees it differently?"
    assert all(met(analyse("invite-the-no", "safe-no", text, "en")).values())


def test_the_key_check_caps_the_credit():
    # A group name with the right words, but not a way of seeing: at most half the credit.
    text = "Föräldrar och barn i föreningslivet i Backa."
    res = analyse("perspective-statement", "write", text)
    assert met(res)["substance"] and not met(res)["seeing"]
    assert share("perspective-statement", "write", text) == 0.5


def test_one_missed_cue_still_earns_full_credit():
    text = "Jag hör att du och grannarna är arga. Men bara riksdagen kan ändra stationerna."  # no invitation
    res = analyse("inform-after-receiving", "remove-tax", text)
    assert res["met"] == 3 and not met(res)["invite"]
    assert share("inform-after-receiving", "remove-tax", text) == 1.0


def test_short_answers_are_told_to_say_more():
    res = analyse("invite-the-no", "safe-no", "Vem ser det annorlunda?")
    assert res["state"] == "too_short" and "minst 5 ord" in res["note"]
    assert share("invite-the-no", "safe-no", "Vem ser det annorlunda?") == 0


def test_a_text_over_the_limit_is_kept_but_not_read():
    spec = load_exercise("perspective-statement")
    text = "Gemenskapen försvinner när barnen slutar komma. " * 10  # over the prompt's own 300 characters
    res = say_it.analyse(spec, "write", text, "sv")
    assert res["state"] == "too_long" and res["chars"] == len(text) and res["criteria"] == []
    assert f"{len(text) - 300} tecken längre" in res["note"]
    assert say_it.limits(spec, say_it.prompt(spec, "write")) == (6, 300)
    assert say_it.fraction(say_it.prompt(spec, "write"), res) == 0


# -- scoring for nbgrader -----------------------------------------------------------------------------
def _good(ex: str, lang: str) -> dict:
    """An answer with a good, everyday text for every prompt of an exercise."""
    return {"responses": {pid: text for e, pid, lg, text in EVERYDAY if e == ex and lg == lang}}


@pytest.mark.parametrize("ex", SAY_IT)
def test_scores_stay_within_bounds(ex):
    spec = load_exercise(ex)
    for answer in (None, [], "text", {"responses": "x"}, {"responses": {"nope": "x"}}, {"responses": {}}):
        result = score_exercise(ex, answer)
        assert result.points == 0 and result.max_points == spec["points"] and not result.complete
    junk = {"responses": {p["id"]: "<b>" + "bla " * 200 + "</b>" for p in spec["prompts"]}}
    assert 0 <= score_exercise(ex, junk).points <= spec["points"]
    everything = " ".join(
        g for c in spec["prompts"][0]["checks"] for grp in c.get("look_for", []) for g in grp["sv"][:3]
    )
    assert (
        0
        <= score_exercise(ex, {"responses": {spec["prompts"][0]["id"]: everything}}).points
        <= spec["points"]
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("ex", SAY_IT)
def test_good_answers_to_every_prompt_earn_full_points(ex, lang):
    result = score_exercise(ex, _good(ex, lang), lang)
    assert result.points == load_exercise(ex)["points"] and result.complete, result.feedback


def test_partial_answers_earn_part_of_the_points_and_feedback_is_humble():
    answer = {
        "responses": {
            "safe-no": "Innan vi röstar vill jag höra den som ser det annorlunda. Vem ser det på ett annat sätt?",
            "spread": "Tack för att du säger det. Finns det fler som känner igen något av oron, om än bara lite?",
        }
    }
    result = score_exercise("invite-the-no", answer, "sv")
    assert 0 < result.points < 2 and not result.complete
    text = "\n".join(result.feedback)
    assert "– 3. Efter omröstningen: Inte skrivet än." in text
    assert "✓ Omröstningen får vänta en stund (”Innan vi röstar”)" in text
    assert result.details["safe-no"]["fraction"] == 1.0
    english = "\n".join(score_exercise("invite-the-no", {"responses": {"safe-no": "Vi kör."}}, "en").feedback)
    assert "I did not find" in english or "The answer is short" in english


def test_grade_exercise_prints_feedback_and_returns_the_points(tmp_path, capsys):
    answers = {
        "format": 1,
        "lang": "sv",
        "items": {},
        "exercises": {"opening-words": {"answer": _good("opening-words", "sv")}},
    }
    (tmp_path / "answers.json").write_text(json.dumps(answers, ensure_ascii=False), encoding="utf-8")
    assert grade_exercise("opening-words", tmp_path) == 1.0
    out = capsys.readouterr()
    assert "Övning opening-words: 1 / 1 poäng" in out.out and "✓ 1. När mötet öppnar" in out.out
    assert out.err == ""


# -- checks for trainers ------------------------------------------------------------------------------
def _problems(change) -> str:
    spec = copy.deepcopy(load_exercise("invite-the-no"))
    change(spec)
    return "\n".join(say_it.validate(spec))


def test_validation_names_what_to_fix():
    def drop_en(s):
        del s["prompts"][0]["task"]["en"]

    def broken(s):
        s["prompts"][0]["checks"][0]["look_for"][0]["sv"].append("(oops")

    def negator(s):
        s["prompts"][1]["checks"][1]["look_for"][0]["sv"].append("inte alls")

    def before(s):
        s["prompts"][0]["checks"][0]["before"] = "nowhere"

    def model(s):
        s["prompts"][2]["models"][0]["text"]["sv"] = "Tack för i kväll, vi ses nästa gång."

    def phrases(s):
        s["prompts"][0]["checks"][3]["violation"]["en"] = "Pressure."

    def key_avoid(s):
        s["prompts"][0]["checks"][3]["key"] = True

    def no_prompts(s):
        s["prompts"] = []

    assert "prompt 'safe-no' task: lacks the text in en" in _problems(drop_en)
    assert "pattern '(oops' is broken" in _problems(broken)
    assert "contains 'inte'; start it with !" in _problems(negator)
    assert "'before' must name another look_for check" in _problems(before)
    assert "the model answer (sv) does not pass its own checks" in _problems(model)
    assert "must show the found words with {phrases}" in _problems(phrases)
    assert "only a look_for check can be the key" in _problems(key_avoid)
    assert "needs a list 'prompts'" in _problems(no_prompts)
