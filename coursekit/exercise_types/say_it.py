"""Say it: the learner writes what a facilitator actually says at a given moment, and gets feedback.

Not recognition but production: the words you would use to invite the no, to check a perspective
statement back with the people who hold it, to name a polarity, to set a limit. Everything is data in
`exercises/<id>.json` (both languages); this module only reads it. An exercise has one or more
prompts; each prompt has a moment (and perhaps a quote from someone in it), a task, checks and one or
two model answers. A check is one of two kinds:

  look_for  cue groups ({"sv": [...], "en": [...]} pattern lists); met when at least `need` groups are
            found (default 1). A cue inside a negation ("I won't ask what you need") does not count.
            `before: <check id>` adds an order: the first cue must come before the other check's first
            cue (receive first, then inform).
  avoid     phrases a facilitator should not use here (pressure, defence, over-promising). Met when
            none is found outside a negation, and only once the answer does something else right (so
            that an empty or off-topic answer does not collect it: half of the look_for checks).
            Found phrases are marked in the learner's own text.

A look_for check marked `key` is the prompt's core act (asking what the minority needs, setting the
limit): without it, the prompt earns at most half its credit.

An answer that is too short, or half of which is copied from the task or from a model answer (runs
of eight words or more), meets no look_for check; a fact repeated from the task in an answer of
one's own is fine. An answer longer than `max_chars` is kept but not read: a facilitator says this in
a few sentences. Patterns of both languages are always used, since a learner may write in either.

Scoring is lenient, because a pattern can miss a good answer worded in an unusual way: a prompt
counts in full when all its checks but one are met (prompts with three or more checks, its key check
is met, nothing to avoid was found and nothing came in the wrong order), otherwise in proportion; the exercise's points are shared equally between its
prompts.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any

from grading.text import negators

from ..exercises import ExerciseResult
from ..paths import REPO
from ._patterns import (
    LANGS,
    Hit,
    both,
    check_patterns,
    check_text,
    copied_share,
    evidence,
    find,
    lower,
    segments,
    word_count,
)
from ._text import responses_of, t

HARD_MAX = 10_000  # never stored beyond this (the view says so); max_chars is the limit for feedback
DEFAULT_MIN_WORDS = 5
DEFAULT_MAX_CHARS = 700
KEY_CAP = 0.5  # a prompt whose key check (its core act) is unmet earns at most half its credit
COPY_SHARE = 0.5  # half the words in runs of eight taken from the task or a model: not the learner's own


@cache
def messages() -> dict:
    """The type's shared texts (feedback and view), kept as data beside the other widget strings."""
    return json.loads((REPO / "widgets" / "say_it.json").read_text(encoding="utf-8"))


def _msg(key: str, lang: str, **fmt: Any) -> str:
    text = t(messages()["feedback"].get(key), lang)
    for k, v in fmt.items():
        text = text.replace("{" + k + "}", str(v))
    return text


def prompt(spec: dict, prompt_id: str) -> dict:
    for p in spec.get("prompts", []):
        if p.get("id") == prompt_id:
            return p
    raise KeyError(f"{spec.get('id')}: no prompt {prompt_id!r}")


def limits(spec: dict, p: dict | None = None) -> tuple[int, int]:
    """(min_words, max_chars) of a prompt: its own max_chars, or the exercise's."""
    max_chars = int(spec.get("max_chars", DEFAULT_MAX_CHARS))
    return int(spec.get("min_words", DEFAULT_MIN_WORDS)), int((p or {}).get("max_chars", max_chars))


def _given_texts(p: dict) -> list[str]:
    """What the learner is shown for a prompt, in both languages: copying it is not an answer. A
    phrase the learner is meant to repeat (`may_quote`, such as a wording to read back) is left out."""
    texts = [t(p.get(key), lang) for key in ("moment", "quote", "task") for lang in LANGS if p.get(key)]
    for lang in LANGS if p.get("may_quote") else ():
        texts = [x.replace(t(p["may_quote"], lang), " ") for x in texts]
    return texts


def _model_texts(p: dict) -> list[str]:
    return [
        t(m.get("text"), lang) for key in ("models", "contrast") for m in p.get(key, []) for lang in LANGS
    ]


def full_credit(p: dict) -> int:
    """How many checks a prompt needs for full credit: all but one when it has three or more."""
    n = len(p.get("checks", []))
    return n - 1 if n >= 3 else n


# -- one answer -------------------------------------------------------------------------------------
def analyse(spec: dict, prompt_id: str, text: Any, lang: str, own_models: bool = False) -> dict:
    """Feedback on one answer: each check met or not, with the learner's words as evidence, found
    phrases to avoid, and the text cut into segments for marking them (never HTML).

    `own_models=True` reads a model answer as an answer (to check that the models pass)."""
    p = prompt(spec, prompt_id)
    text = text if isinstance(text, str) else ""
    empty = {"answered": False, "words": 0, "chars": 0, "met": 0, "total": len(p.get("checks", []))}
    if not text.strip():
        return {**empty, "criteria": [], "avoided": [], "segments": [], "state": "empty"}
    min_words, max_chars = limits(spec, p)
    words = word_count(text)
    base = {**empty, "answered": True, "words": words, "chars": len(text)}
    if len(text) > max_chars:
        note = _msg("too_long", lang, max=max_chars, over=len(text) - max_chars)
        return {**base, "criteria": [], "avoided": [], "segments": [], "state": "too_long", "note": note}

    norm = lower(text)
    state = "ok"
    if words < min_words:
        state = "too_short"
    elif copied_share(text, "\n".join(_given_texts(p))) >= COPY_SHARE:
        state = "copied"
    elif not own_models and max((copied_share(text, m) for m in _model_texts(p)), default=0) >= COPY_SHARE:
        state = "model"

    def label(c: dict) -> str:
        return t(c.get("label"), lang) or c.get("id", "")

    # look_for checks first: the avoid checks and the order need them.
    firsts: dict[str, int] = {}
    found: dict[str, list[Hit]] = {}
    for c in p.get("checks", []):
        if "look_for" not in c:
            continue
        hits: list[Hit] = []
        groups = 0
        for group in c["look_for"]:
            got = [h for h in find(both(group), norm, negation=True, inside=True) if not h[2]]
            if got:
                groups += 1
                hits.extend(got)
        found[c["id"]] = hits if groups >= int(c.get("need", 1)) else []
        if hits:
            firsts[c["id"]] = min(h[0] for h in hits)

    criteria: list[dict] = []
    out_of_order = False
    for c in p.get("checks", []):
        if "look_for" not in c:
            continue
        hits = found[c["id"]]
        met = bool(hits) and state == "ok"
        key = "met" if met else "advice"
        note = ""
        other = c.get("before")
        if met and other and other in firsts and firsts[c["id"]] > firsts[other]:
            met, key = False, "order"
            out_of_order = True
        if not met and state != "ok" and hits:
            note = _msg(state, lang, min=min_words)
        criteria.append(
            {
                "id": c["id"],
                "kind": "look_for",
                "label": label(c),
                "met": met,
                "feedback": t(c.get(key), lang),
                "note": note,
                "key": bool(c.get("key")),
                "evidence": evidence(text, hits) if met else [],
            }
        )
    # Words to avoid only earn their point once the answer does at least half of what is asked,
    # so that an empty, generic or off-topic answer does not collect it.
    does_enough = sum(c["met"] for c in criteria) * 2 >= len(criteria) > 0

    spans: list[tuple[int, int, str]] = []
    avoided: list[dict] = []
    for c in p.get("checks", []):
        if "avoid" not in c:
            continue
        hits = [h for h in find(both(c["avoid"]), norm, negation=True, inside=True) if not h[2]]
        phrases = evidence(text, hits, limit=4)
        for s, e, _ in hits:
            spans.append((s, e, c["id"]))
        for ph in phrases:
            avoided.append({"text": ph, "check": c["id"], "label": label(c)})
        if phrases:
            quoted = ", ".join(_msg("quote", lang, text=ph) for ph in phrases)
            met, msg = False, t(c.get("violation"), lang).replace("{phrases}", quoted)
        elif not does_enough:
            met, msg = False, _msg("avoid_empty", lang)
        else:
            met, msg = True, t(c.get("met"), lang)
        criteria.append(
            {
                "id": c["id"],
                "kind": "avoid",
                "label": label(c),
                "met": met,
                "feedback": msg,
                "note": "",
                "key": False,
                "evidence": [],
            }
        )
    order = [c["id"] for c in p.get("checks", [])]
    criteria.sort(key=lambda c: order.index(c["id"]))
    met = sum(c["met"] for c in criteria)
    result = {
        **base,
        "met": met,
        "criteria": criteria,
        "avoided": avoided,
        "segments": segments(text, spans, mark="avoid"),
        "state": state,
        "out_of_order": out_of_order,
    }
    if state != "ok":
        result["note"] = _msg(state, lang, min=min_words)
    return result


def fraction(p: dict, res: dict) -> float:
    """The share of a prompt's credit an analysed answer earns (lenient: see the module docstring).
    The slack covers a cue the patterns missed, not words to avoid or things said in the wrong order."""
    if not res.get("answered") or res.get("state") == "too_long":
        return 0.0
    key_missed = any(c["key"] and not c["met"] for c in res["criteria"])
    strict = res.get("avoided") or res.get("out_of_order") or key_missed
    need = len(p.get("checks", [])) if strict else full_credit(p)
    share = min(1.0, res["met"] / max(1, need))
    return min(share, KEY_CAP) if key_missed else share


# -- the exercise -----------------------------------------------------------------------------------
def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    responses = responses_of(answer)
    prompts = spec.get("prompts", [])
    fractions, feedback, details = [], [], {}
    for n, p in enumerate(prompts, 1):
        res = analyse(spec, p["id"], responses.get(p["id"], ""), lang)
        share = fraction(p, res)
        fractions.append(share)
        details[p["id"]] = {
            "answered": res["answered"],
            "state": res["state"],
            "met": res["met"],
            "total": res["total"],
            "fraction": round(share, 3),
            "criteria": {c["id"]: c["met"] for c in res["criteria"]},
        }
        title = t(p.get("title"), lang)
        if not res["answered"]:
            feedback.append(f"– {n}. {title}: {_msg('not_answered', lang)}")
            continue
        mark = "✓" if share >= 1 else "◐" if share > 0 else "✗"
        line = f"{mark} {n}. {title}: {res['met']}/{res['total']}."
        if res.get("note"):
            line += f" {res['note']}"
        for c in res["criteria"]:
            if c["met"]:
                ev = ", ".join(_msg("quote", lang, text=e) for e in c["evidence"])
                line += f" ✓ {c['label']}" + (f" ({ev})." if ev else ".")
            else:
                line += f" ○ {c['label']}: {c['feedback']}"
        feedback.append(line)
    total = float(spec.get("points", 0))
    points = round(total * sum(fractions) / len(fractions), 2) if fractions else 0.0
    complete = bool(prompts) and all(d["answered"] for d in details.values())
    return ExerciseResult(points, total, complete, feedback, details)


# -- checks for trainers ----------------------------------------------------------------------------
_PATTERN_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


def _negation_problems(where: str, value: Any, problems: list[str]) -> None:
    """A pattern that itself contains a negator ("har inte tid") must start with "!": otherwise its
    own negator would cancel every match."""
    words = negators()
    for lang in LANGS:
        for src in value.get(lang, []) if isinstance(value, dict) else []:
            if isinstance(src, str) and not src.startswith("!"):
                found = [w for w in _PATTERN_WORD.findall(src) if w in words or w.endswith("n't")]
                if found:
                    problems.append(
                        f"{where} ({lang}): pattern {src!r} contains {found[0]!r}; start it with ! so that "
                        "its own negation does not cancel it"
                    )


def validate(spec: dict) -> list[str]:
    ex = spec.get("id", "?")
    problems: list[str] = []
    if not isinstance(spec.get("points"), (int, float)) or spec["points"] <= 0:
        problems.append(f"{ex}: points must be a positive number")
    check_text(f"{ex}: title", spec.get("title"), problems)
    check_text(f"{ex}: instructions", spec.get("instructions"), problems)
    try:
        min_words, max_chars = limits(spec)
    except (TypeError, ValueError):
        problems.append(f"{ex}: min_words and max_chars must be whole numbers")
        min_words, max_chars = DEFAULT_MIN_WORDS, DEFAULT_MAX_CHARS
    if not 1 <= min_words <= 50 or not 100 <= max_chars <= HARD_MAX:
        problems.append(f"{ex}: min_words must be 1–50 and max_chars 100–{HARD_MAX}")
    prompts = spec.get("prompts")
    if not isinstance(prompts, list) or not prompts:
        return problems + [f"{ex}: needs a list 'prompts' with at least one prompt"]
    seen: set = set()
    for p in prompts:
        pid = p.get("id") if isinstance(p, dict) else None
        where = f"{ex}: prompt {pid!r}"
        if not isinstance(p, dict) or not pid or pid in seen:
            problems.append(f"{where}: every prompt needs its own id")
            continue
        seen.add(pid)
        if "max_chars" in p and (
            not isinstance(p["max_chars"], int) or not 100 <= p["max_chars"] <= HARD_MAX
        ):
            problems.append(f"{where}: max_chars must be a whole number from 100 to {HARD_MAX}")
        for key in ("title", "moment", "task"):
            check_text(f"{where} {key}", p.get(key), problems)
        for key in ("quote", "speaker", "aloud", "may_quote"):
            if key in p:
                check_text(f"{where} {key}", p.get(key), problems)
        if "may_quote" in p and not problems:
            for lang in LANGS:
                if t(p["may_quote"], lang) not in t(p.get("moment"), lang) + t(p.get("quote"), lang):
                    problems.append(
                        f"{where} may_quote ({lang}): must be a phrase of the moment or the quote"
                    )
        checks = p.get("checks")
        if not isinstance(checks, list) or len(checks) < 2:
            problems.append(f"{where}: needs at least two checks")
            continue
        ids = [c.get("id") for c in checks if isinstance(c, dict)]
        if len(set(ids)) != len(checks) or not all(ids):
            problems.append(f"{where}: every check needs its own id")
        look = {c.get("id") for c in checks if isinstance(c, dict) and "look_for" in c}
        if not look:
            problems.append(f"{where}: needs at least one 'look_for' check (what a good answer does)")
        for c in checks:
            if not isinstance(c, dict):
                continue
            cw = f"{where} check {c.get('id')!r}"
            if ("look_for" in c) == ("avoid" in c):
                problems.append(f"{cw}: give either 'look_for' (cue groups) or 'avoid' (phrases), not both")
                continue
            check_text(f"{cw} label", c.get("label"), problems)
            check_text(f"{cw} met", c.get("met"), problems)
            if "look_for" in c:
                check_text(f"{cw} advice", c.get("advice"), problems)
                if not isinstance(c.get("key", False), bool):
                    problems.append(f"{cw}: key must be true or false")
                groups = c["look_for"]
                if not isinstance(groups, list) or not groups:
                    problems.append(f"{cw}: 'look_for' must be a list of cue groups")
                    continue
                for i, group in enumerate(groups, 1):
                    check_patterns(f"{cw} cue group {i}", group, problems)
                    _negation_problems(f"{cw} cue group {i}", group, problems)
                need = c.get("need", 1)
                if not isinstance(need, int) or not 1 <= need <= len(groups):
                    problems.append(f"{cw}: need must be between 1 and {len(groups)}")
                if "before" in c:
                    if c["before"] not in look or c["before"] == c.get("id"):
                        problems.append(f"{cw}: 'before' must name another look_for check of this prompt")
                    check_text(f"{cw} order", c.get("order"), problems)
            else:
                if c.get("key"):
                    problems.append(f"{cw}: only a look_for check can be the key")
                check_patterns(f"{cw} avoid", c["avoid"], problems)
                _negation_problems(f"{cw} avoid", c["avoid"], problems)
                check_text(f"{cw} violation", c.get("violation"), problems)
                for lang in LANGS:
                    if "{phrases}" not in t(c.get("violation"), lang):
                        problems.append(
                            f"{cw} violation ({lang}): must show the found words with {{phrases}}"
                        )
        models = p.get("models")
        if not isinstance(models, list) or not 1 <= len(models) <= 2:
            problems.append(f"{where}: needs one or two model answers ('models')")
            models = []
        for i, m in enumerate(models + p.get("contrast", []), 1):
            check_text(f"{where} example {i} text", m.get("text"), problems)
            check_text(f"{where} example {i} why", m.get("why"), problems)
        for i, m in enumerate(p.get("contrast", []), 1):
            check_text(f"{where} contrast {i} label", m.get("label"), problems)
        if problems:
            continue
        # The model answers must pass their own prompt, or the feedback would contradict them.
        for m in models:
            for lang in LANGS:
                res = analyse(spec, pid, t(m["text"], lang), lang, own_models=True)
                missed = [c["id"] for c in res["criteria"] if not c["met"]]
                if res["state"] != "ok" or missed:
                    problems.append(
                        f"{where}: the model answer ({lang}) does not pass its own checks "
                        f"({res['state']}; not met: {', '.join(missed) or '-'}); widen the cues or reword it"
                    )
    return problems
