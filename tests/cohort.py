"""A realistic cohort for the instructor tests and benchmarks: learners of mixed skill, two languages.

Reflections are put together from sentences written for these tests (one or two ways of meeting each
criterion, per language), so learners differ the way real ones do: some meet every criterion, some
half, some write around the question, a few hand in nothing or forget a module. Some texts carry
markup (which must stay text wherever it is shown) and some carry an objection ("I did this here") in
the answers-file schema of docs/contracts: `objections: {criterion: {sentence, at, text_sha1}}`.
Exercise answers come from tests/fixtures/answers (the good or the partial one).
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

from tests.conftest import REPO

FIXTURES = REPO / "tests" / "fixtures" / "answers"
MODULES = ("01-stance", "02-listening", "03-perspectives")
MARKUP = '<img src=x onerror="alert(1)"> <b>fet</b> & <script>alert("xss")</script>'

# item -> criterion -> lang -> ways of meeting it (written for these tests)
BANK: dict[str, dict[str, dict[str, list[str]]]] = {
    "stance-experience": {
        "concrete-situation": {
            "sv": [
                "I höstas ledde jag ett samråd i Backa om en ny busslinje och en boende reste sig och sa att ingen hade frågat dem.",
                "För ett par månader sedan var jag med på ett möte med föräldrar om skolskjutsen, och en mamma började gråta.",
            ],
            "en": [
                "Last autumn I led a consultation in Backa about a new bus route and one resident stood up and said nobody had asked them.",
                "A few months ago I attended a meeting with parents about school transport, and one mother started crying.",
            ],
        },
        "names-stance": {
            "sv": [
                "Lyssnandet saknades, för vi svarade innan hon hade talat klart.",
                "Transparensen var svag eftersom ingen visste vad som redan var bestämt.",
            ],
            "en": [
                "Listening was missing, because we answered before she had finished.",
                "Transparency was weak because nobody knew what had already been decided.",
            ],
        },
        "own-role": {
            "sv": [
                "Jag kände mig attackerad och började försvara beslutet med siffror.",
                "Själv blev jag stressad och avbröt henne för att hinna med dagordningen.",
            ],
            "en": [
                "I felt attacked and started defending the decision with figures.",
                "I got stressed myself and interrupted her to keep to the agenda.",
            ],
        },
        "next-step": {
            "sv": [
                "Nästa gång vill jag låta alla tala klart och spegla det jag hör innan jag svarar.",
                "Nästa gång ska jag berätta i början vad som går att påverka och vad som redan är beslutat.",
            ],
            "en": [
                "Next time I will let everyone finish and reflect back what I hear before I answer.",
                "Next time I will say at the start what can still be influenced and what is already decided.",
            ],
        },
    },
    "listening-response": {
        "reflects-feeling": {
            "sv": ['Jag skulle säga: "Det låter som att du är riktigt arg och känner dig instängd."'],
            "en": ['I would say: "It sounds like you are really angry and feel shut in."'],
        },
        "paraphrases-content": {
            "sv": [
                "Du får betala varje gång du ska handla eller till vårdcentralen, och ingen frågade er som bor här."
            ],
            "en": [
                "You have to pay every time you go shopping or to the health centre, and nobody asked you who live here."
            ],
        },
        "no-judgement": {
            "sv": ["Jag försvarar inte beslutet och förklarar inte skatten, för då slutar hen berätta."],
            "en": ["I do not defend the decision or explain the tax, because then they stop talking."],
        },
        "invites-more": {
            "sv": ["Berätta gärna mer om hur det påverkar din vardag."],
            "en": ["Tell me more about how it affects your everyday life."],
        },
    },
    "perspective-map": {
        "names-perspectives": {
            "sv": [
                "Ett perspektiv är att vardagen har blivit dyr, ett annat att man känner sig instängd i sitt eget område."
            ],
            "en": [
                "One perspective is that everyday life has become expensive, another is feeling shut in in your own area."
            ],
        },
        "perspective-not-group": {
            "sv": [
                "Perspektiven följer inte grupperna: samma förälder kan vara arg över kostnaden och glad över den lugnare gatan."
            ],
            "en": [
                "The perspectives do not follow the groups: the same parent can be angry about the cost and glad about the quieter street."
            ],
        },
        "missing-perspective": {
            "sv": ["Det som saknas är unga människor, till exempel en tonåring som ska till träningen."],
            "en": ["What is missing is young people, for example a teenager on the way to practice."],
        },
        "why-it-matters": {
            "sv": [
                "Om de inte kommer med riskerar lösningarna att missa dem med minst marginaler, och processen tappar legitimitet."
            ],
            "en": [
                "If they are left out, the solutions risk missing those with the least margin, and the process loses legitimacy."
            ],
        },
    },
}
FILLER = {
    "sv": [
        "Det var en svår situation för alla inblandade.",
        "Vi pratade också om parkeringen och om vädret den dagen.",
        "Jag tycker att staden borde ha informerat mer.",
    ],
    "en": [
        "It was a difficult situation for everyone involved.",
        "We also talked about the car park and the weather that day.",
        "I think the city should have informed people more.",
    ],
}
ITEM_OF = {
    "01-stance": "stance-experience",
    "02-listening": "listening-response",
    "03-perspectives": "perspective-map",
}
EXERCISE_OF = {
    "01-stance": "stance-moves",
    "02-listening": "listening-practice",
    "03-perspectives": "perspective-mapping",
}
FIRST = [
    "anna", "bilal", "cecilia", "dragan", "elin", "farah", "goran", "hanna", "ida", "jonas", "karin", "leyla",
    "mats", "nadia", "oskar", "petra", "qasim", "rebecka", "sami", "tove", "ulf", "vera", "wilma", "yusuf",
]  # fmt: skip


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def learner_ids(n: int) -> list[str]:
    return [FIRST[i % len(FIRST)] + ("" if i < len(FIRST) else str(i // len(FIRST))) for i in range(n)]


def reflection(item: str, lang: str, rng: random.Random, met: int, markup: bool) -> tuple[str, list[str]]:
    """A text that meets (about) `met` of the item's criteria; returns the text and the criteria written for."""
    criteria = list(BANK[item])
    chosen = rng.sample(criteria, met)
    sentences = [rng.choice(BANK[item][c][lang]) for c in criteria if c in chosen]
    sentences += rng.sample(FILLER[lang], rng.randint(1, 2))
    if markup:
        sentences.insert(1, MARKUP)
    return " ".join(sentences), chosen


def answers_for(module: str, lang: str, rng: random.Random, met: int, markup: bool, objection: bool) -> dict:
    item = ITEM_OF[module]
    exercise = EXERCISE_OF[module]
    if met < 0:  # a learner who opened the module and wrote nothing
        text, chosen = "", []
    else:
        text, chosen = reflection(item, lang, rng, met, markup)
    entry: dict = {"text": text, "rev": 1, "saved_at": 1.7e9}
    missed = [c for c in BANK[item] if c not in chosen]
    if objection and text and missed:
        sentence = text.split(". ")[0]
        entry["objections"] = {missed[0]: {"sentence": sentence, "at": 1.7e9 + 60, "text_sha1": sha1(text)}}
    quality = "good" if met >= 3 else "partial"
    exercises = json.loads((FIXTURES / module / f"{quality}.json").read_text(encoding="utf-8"))["exercises"]
    return {"format": 1, "lang": lang, "items": {item: entry}, "exercises": {exercise: exercises[exercise]}}


def cohort(n: int = 24, modules: tuple[str, ...] = MODULES, seed: int = 9) -> dict[str, dict[str, dict]]:
    """learner -> module -> answers.json data. Some learners skip a module (missing submissions)."""
    rng = random.Random(seed)
    out: dict[str, dict[str, dict]] = {}
    for i, student in enumerate(learner_ids(n)):
        lang = "sv" if i % 3 else "en"
        skill = [4, 3, 3, 2, 2, 1, 0, -1][i % 8]
        out[student] = {}
        for j, module in enumerate(modules):
            if (i + j) % 11 == 10:  # this learner has not handed in this module yet
                continue
            met = max(-1, min(4, skill + rng.choice([-1, 0, 0, 1]))) if skill >= 0 else -1
            markup = (i + j) % 5 == 1
            objection = (i + 2 * j) % 7 == 3
            out[student][module] = answers_for(module, lang, rng, met, markup, objection)
    return out


def submit(
    course: Path, answers: dict[str, dict[str, dict]], when: str = "2026-11-27 10:{:02d}:00.000000 UTC"
):
    """Put each learner's module folder (released notebook + answers.json) into submitted/, as `collect` does."""
    for n, (student, per_module) in enumerate(sorted(answers.items())):
        for module, data in per_module.items():
            folder = course / "submitted" / student / module
            if folder.exists():
                shutil.rmtree(folder)
            shutil.copytree(course / "release" / module, folder)
            (folder / "answers.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            (folder / "timestamp.txt").write_text(when.format(n % 60))


def new_course(built_course: Path, dest: Path) -> Path:
    """A copy of the built course folder, without any submissions, with its config pointing at `dest`."""
    from coursekit.build import write_config

    shutil.copytree(
        built_course, dest, ignore=shutil.ignore_patterns("submitted", "autograded", "feedback", "*.log")
    )
    write_config(dest)
    return dest
