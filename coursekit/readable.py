"""Readable submissions: a learner's reflection or exercise answer, as the instructor and the learner read
it in the formgrader and in nbgrader's feedback.

Each view is built twice from the same parts: escaped HTML (the display the hidden test cell shows) and
plain text (its fallback, and what the review markers are looked for in). Every string that comes from
the learner or the answers file goes through `html.escape`; the HTML uses only the tags and attributes
that coursekit.safe_html lets through, so the sanitiser of the instructor pages leaves it intact.
"""

from __future__ import annotations

import html
import textwrap
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from .exercise_types._text import t as _t  # a string from data in the course language
from .store import text_sha1

REVIEW_MARKER = "NEEDS HUMAN REVIEW"
OBJECTION_MARKER = "LEARNER OBJECTION"
WRAP = 100
TEXT_PREFIX = "  │ "  # learner text in the plain-text fallback: a marker can never start one of its lines

T = {
    "reflection": {"sv": "Reflektion", "en": "Reflection"},
    "exercise": {"sv": "Övning", "en": "Exercise"},
    "points": {"sv": "poäng", "en": "points"},
    "text": {"sv": "Deltagarens text", "en": "The learner's text"},
    "answers": {"sv": "Deltagarens svar", "en": "The learner's answers"},
    "feedback": {"sv": "Återkoppling", "en": "Feedback"},
    "criteria": {"sv": "Kriterier", "en": "Criteria"},
    "empty-text": {"sv": "(ingen text)", "en": "(no text)"},
    "words": {"sv": "ord", "en": "words"},
    "met": {"sv": "Uppfyllt", "en": "Met"},
    "unmet": {"sv": "Hittades inte i texten", "en": "Not found in the text"},
    "evidence": {"sv": "Uppfyllt, med belägg i texten", "en": "Met, with evidence in the text"},
    "advice": {"sv": "Råd", "en": "Advice"},
    "uncertain": {"sv": "osäker", "en": "uncertain"},
    "no-answer": {"sv": "Inget svar hittades i answers.json.", "en": "No answer was found in answers.json."},
    "not-attempt": {"sv": "Räknas inte som ett försök", "en": "Not counted as an attempt"},
    "review": {
        "sv": f"⚠ {REVIEW_MARKER}: bedömningen är osäker, en kursledare läser svaret.",
        "en": f"⚠ {REVIEW_MARKER}: the grader is unsure; a course leader reads this answer.",
    },
    "review-criteria": {"sv": "Titta först på", "en": "Look first at"},
    "review-reasons": {"sv": "Skäl", "en": "Reasons"},
    "objections": {"sv": "Deltagarens invändningar", "en": "The learner's objections"},
    "objection-flag": {
        "sv": f"⚠ {OBJECTION_MARKER}: deltagaren menar att texten visar det som inte hittades: {{criteria}}. "
        "En kursledare bedömer det; den automatiska bedömningen står kvar tills dess.",
        "en": f"⚠ {OBJECTION_MARKER}: the learner says the text shows what was not found: {{criteria}}. "
        "A course leader decides; the automatic decision stands until then.",
    },
    "objection": {"sv": "Jag gjorde det här", "en": "I did this here"},
    "objected-at": {"sv": "invändning", "en": "objection"},
    "stale": {
        "sv": "Texten har ändrats efter invändningen",
        "en": "The text has changed since the objection",
    },
    "now-met": {"sv": "Bedömningen hittar nu kriteriet", "en": "The grader now finds this criterion"},
    "not-answered": {"sv": "(inte besvarat)", "en": "(not answered)"},
    "right-answer": {"sv": "Rätt svar", "en": "Right answer"},
}


def tr(key: str, lang: str) -> str:
    return T[key].get(lang, T[key]["en"])


def lang_of(data: dict) -> str:
    return data.get("lang") if data.get("lang") in ("sv", "en") else "sv"


e = html.escape


# -- shared pieces -------------------------------------------------------------------------------------
@dataclass
class Row:
    """One question and the learner's answer to it; `ok` is True/False when the answer is judged."""

    label: str
    answer: str
    ok: bool | None = None
    note: str = ""


@dataclass
class View:
    """Both renderings of one graded cell."""

    html: str
    text: str

    def bundle(self) -> dict[str, str]:
        return {"text/html": self.html, "text/plain": self.text}


def paragraphs_html(text: str) -> str:
    """Learner text as escaped paragraphs: blank lines part paragraphs, single line breaks are kept."""
    paras = [p.strip("\n") for p in text.replace("\r\n", "\n").split("\n\n")]
    return "".join(f"<p>{'<br>'.join(e(line) for line in p.split(chr(10)))}</p>" for p in paras if p.strip())


def lines_html(text: str) -> str:
    """Learner text inside an element that is already a block: escaped, line breaks kept."""
    return "<br>".join(e(line) for line in text.replace("\r\n", "\n").strip("\n").split("\n"))


def quoted_text(text: str) -> list[str]:
    """Learner text for the plain-text fallback: wrapped, every line behind TEXT_PREFIX."""
    out = []
    for para in text.replace("\r\n", "\n").split("\n"):
        wrapped = textwrap.wrap(para, WRAP - len(TEXT_PREFIX), break_long_words=True) or [""]
        out += [TEXT_PREFIX + line for line in wrapped]
    return out


def _mark(ok: bool | None) -> str:
    return "• " if ok is None else ("✓ " if ok else "✗ ")


def _item_class(ok: bool | None) -> str:
    # Bootstrap 3 classes: both nbgrader pages load Bootstrap, and the sanitiser keeps `class`.
    return "list-group-item" + (
        "" if ok is None else " list-group-item-success" if ok else " list-group-item-warning"
    )


def rows_html(rows: list[Row]) -> str:
    items = []
    for r in rows:
        parts = []
        if r.label:
            parts.append(f"<strong>{e(('' if r.ok is None else _mark(r.ok)) + r.label)}</strong>")
        if r.answer:
            parts.append(lines_html(r.answer))
        if r.note:
            parts.append(f"<em>{e(r.note)}</em>")
        items.append(f'<li class="{_item_class(r.ok)}">{"<br>".join(parts)}</li>')
    return f'<ul class="list-group backa-graded-rows">{"".join(items)}</ul>'


def rows_text(rows: list[Row]) -> list[str]:
    out = []
    for r in rows:
        if r.label:
            out += textwrap.wrap(_mark(r.ok) + r.label, WRAP, subsequent_indent="  ")
        if r.answer:
            out += quoted_text(r.answer)
        if r.note:
            out += textwrap.wrap(r.note, WRAP, initial_indent="  ", subsequent_indent="  ")
    return out


def _section(kind: str, lang: str, body: str) -> str:
    return f'<section class="backa-graded backa-graded-{kind}" lang="{e(lang)}">{body}</section>'


# -- reflections ---------------------------------------------------------------------------------------
def reflection_view(item: str, entry: dict, result: Any, lang: str) -> View:
    """The reflection as graded: full text, each criterion, the review flag, the learner's objections.

    `result` is a grading.Score (or anything with the same fields); `review_criteria` is read with a
    default so that a grader without it still works."""
    text = entry.get("text", "") if entry else ""
    labels = {c.id: c.label for c in result.criteria}
    met = {c.id: c.met for c in result.criteria}
    uncertain = list(getattr(result, "review_criteria", []) or [])
    h: list[str] = []
    p: list[str] = []
    head = f"{tr('reflection', lang)} {item}: {result.points} / {result.max_points} {tr('points', lang)}"
    h.append(f"<h4>{e(head)}</h4>")
    p.append(head)

    h.append(f"<h5>{e(tr('text', lang))} ({len(text.split())} {e(tr('words', lang))})</h5>")
    p.append(f"{tr('text', lang)} ({len(text.split())} {tr('words', lang)}):")
    if text.strip():
        h.append(f'<blockquote class="backa-graded-text">{paragraphs_html(text)}</blockquote>')
        p += quoted_text(text)
    else:
        note = tr("empty-text", lang) if entry else tr("no-answer", lang)
        h.append(f"<p><em>{e(note)}</em></p>")
        p.append(TEXT_PREFIX + note)

    message = ""
    if entry and not result.attempt:
        message = f"{tr('not-attempt', lang)}: {result.message}"
    elif entry and result.message:
        message = result.message
    if message:
        h.append(f'<p class="backa-graded-message">{e(message)}</p>')
        p += textwrap.wrap(message, WRAP)

    h.append(f"<h5>{e(tr('criteria', lang))}</h5>")
    p.append(f"{tr('criteria', lang)}:")
    items = []
    for c in result.criteria:
        unsure = f" ({tr('uncertain', lang)})" if c.id in uncertain else ""
        name = f"{'✓' if c.met else '✗'} {c.label}{unsure}"
        parts_h = [f"<strong>{e(name)}</strong>"]
        parts_p = [f"  {name}"]
        if c.met and c.evidence:
            parts_h.append(f"{e(tr('evidence', lang))}: «{e(c.evidence)}»")
            parts_p.append(f"    {tr('evidence', lang)}: «{c.evidence}»")
        else:
            state = tr("met", lang) if c.met else tr("unmet", lang)
            parts_h.append(e(state) + ".")
            parts_p.append(f"    {state}.")
        if c.feedback and c.met:
            parts_h.append(e(c.feedback))
            parts_p.append(f"    {c.feedback}")
        elif c.feedback:
            parts_h.append(f"{e(tr('advice', lang))}: {e(c.feedback)}")
            parts_p.append(f"    {tr('advice', lang)}: {c.feedback}")
        cls = _item_class(c.met) + (" met" if c.met else " unmet")
        items.append(f'<li class="{cls}" data-criterion="{e(c.id)}">{"<br>".join(parts_h)}</li>')
        for line in parts_p:
            p += textwrap.wrap(line, WRAP, subsequent_indent="      ") or [""]
    h.append(f'<ul class="list-group backa-graded-criteria">{"".join(items)}</ul>')

    if result.needs_review:
        flag = tr("review", lang)
        if uncertain:
            flag += f" {tr('review-criteria', lang)}: {', '.join(labels.get(c, c) for c in uncertain)}."
        reasons = list(getattr(result, "review_reasons", []) or [])
        if reasons:
            flag += f" {tr('review-reasons', lang)}: {', '.join(reasons)}."
        h.append(f'<p class="alert alert-warning backa-graded-review"><strong>{e(flag)}</strong></p>')
        p += textwrap.wrap(flag, WRAP, subsequent_indent="  ")

    objections = objections_of(entry)
    if objections:
        flag = tr("objection-flag", lang).format(criteria=", ".join(labels.get(c, c) for c in objections))
        h.append(f"<h5>{e(tr('objections', lang))}</h5>")
        h.append(f'<p class="alert alert-info backa-graded-objection"><strong>{e(flag)}</strong></p>')
        p += textwrap.wrap(flag, WRAP, subsequent_indent="  ")
        rows = []
        sha = text_sha1(text)
        for cid, obj in objections.items():
            when = time.strftime("%Y-%m-%d %H:%M", time.localtime(obj["at"])) if obj.get("at") else ""
            stale = tr("stale", lang) if obj.get("text_sha1") and obj.get("text_sha1") != sha else ""
            now_met = tr("now-met", lang) if met.get(cid) else ""
            note = ". ".join(x for x in (f"{tr('objected-at', lang)} {when}".strip(), stale, now_met) if x)
            rows.append(Row(f"{labels.get(cid, cid)}: {tr('objection', lang)}", obj["sentence"], None, note))
        h.append(rows_html(rows))
        p += rows_text(rows)
    return View(_section("reflection", lang, "".join(h)), "\n".join(p))


def objections_of(entry: dict | None) -> dict[str, dict]:
    """The entry's objections, each with a string `sentence` (anything malformed in the file is dropped)."""
    raw = (entry or {}).get("objections")
    if not isinstance(raw, dict):
        return {}
    out = {}
    for cid, obj in raw.items():
        if isinstance(cid, str) and isinstance(obj, dict) and isinstance(obj.get("sentence"), str):
            at = obj.get("at")
            out[cid] = {
                "sentence": obj["sentence"],
                "at": float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else None,
                "text_sha1": obj.get("text_sha1") if isinstance(obj.get("text_sha1"), str) else None,
            }
    return out


# -- exercises -----------------------------------------------------------------------------------------
def exercise_view(exercise: str, spec: dict, entry: dict | None, result: Any, lang: str) -> View:
    """The exercise as graded: the learner's answers in words, then the exercise's own feedback."""
    answer = (entry or {}).get("answer")
    head = (
        f"{tr('exercise', lang)} {exercise}: {result.points:g} / {result.max_points:g} {tr('points', lang)}"
    )
    h = [f"<h4>{e(head)}</h4>"]
    p = [head]
    if not entry:
        h.append(f"<p><em>{e(tr('no-answer', lang))}</em></p>")
        p.append(tr("no-answer", lang))
    else:
        h.append(f"<h5>{e(tr('answers', lang))}</h5>")
        p.append(f"{tr('answers', lang)}:")
        try:
            sections = answer_rows(spec, answer, lang)
        except Exception:  # a damaged answer must still be shown, never break grading
            sections = [("", generic_rows(answer))]
        for title, rows in sections:
            if title:
                h.append(f"<h6>{e(title)}</h6>")
                p.append(title)
            h.append(rows_html(rows))
            p += rows_text(rows)
    if result.feedback:
        h.append(f"<h5>{e(tr('feedback', lang))}</h5>")
        h.append("<ul>" + "".join(f"<li>{e(line)}</li>" for line in result.feedback) + "</ul>")
        p.append(f"{tr('feedback', lang)}:")
        for line in result.feedback:
            p += textwrap.wrap(line, WRAP, initial_indent="  ", subsequent_indent="    ")
    return View(_section("exercise", lang, "".join(h)), "\n".join(p))


def answer_rows(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    """The learner's answer as titled groups of rows, by the exercise's type (any other type: generic)."""
    view = _VIEWS.get(spec.get("type", ""))
    return view(spec, answer, lang) if view else [("", generic_rows(answer))]


def generic_rows(value: Any, prefix: str = "") -> list[Row]:
    """Any JSON value as `path: value` rows (for a type without its own view, or a damaged answer)."""
    if isinstance(value, dict):
        rows: list[Row] = []
        for k, v in value.items():
            rows += generic_rows(v, f"{prefix}{k}.")
        return rows
    if isinstance(value, list):
        rows = []
        for i, v in enumerate(value, 1):
            rows += generic_rows(v, f"{prefix}{i}.")
        return rows
    return [Row(prefix.rstrip(".") or "—", "" if value is None else str(value))]


def _or_none(text: str, lang: str) -> str:
    return text if text and text.strip() else tr("not-answered", lang)


def _classify(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    choices = answer.get("choices", {}) if isinstance(answer, dict) else {}
    choices = choices if isinstance(choices, dict) else {}
    cats = {c["id"]: _t(c["label"], lang) for c in spec.get("categories", [])}
    rows = []
    for n, case in enumerate(spec.get("cases", []), 1):
        picked = choices.get(case["id"])
        picked = picked if isinstance(picked, str) else None
        ok = None if picked is None else picked == case["answer"]
        note = "" if ok in (True, None) else f"{tr('right-answer', lang)}: {cats.get(case['answer'], '')}"
        rows.append(Row(f"{n}. {_t(case['text'], lang)}", _or_none(cats.get(picked, ""), lang), ok, note))
    return [("", rows)]


def _case_steps(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.case_steps import choices

    picked = choices(answer)
    rows = []
    for n, step in enumerate(spec.get("steps", []), 1):
        options = {o["id"]: o for o in step.get("options", [])}
        option = options.get(picked.get(step["id"]))
        ok = None if option is None else bool(option.get("correct"))
        label = f"{n}. {_t(step.get('skill'), lang)}: {_t(step.get('question'), lang)}"
        rows.append(Row(label, _or_none(_t(option.get("text"), lang) if option else "", lang), ok))
    return [("", rows)]


def _listening(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.listening_practice import analyse, responses_of

    responses = responses_of(answer)
    rows = []
    for n, st in enumerate(spec.get("statements", []), 1):
        text = responses.get(st["id"], "")
        note = ""
        if text.strip():
            res = analyse(spec, st["id"], text, lang)
            missing = [c["label"] for c in res["criteria"] if not c["met"]]
            note = f"{res['met']}/{len(res['criteria'])}" + (f" — {', '.join(missing)}" if missing else "")
        label = f"{n}. {_t(st.get('speaker'), lang)}: «{_t(st.get('text'), lang)}»"
        rows.append(Row(label, _or_none(text, lang), None, note))
    return [("", rows)]


def _say_it(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.say_it import analyse, responses_of

    responses = responses_of(answer)
    rows = []
    for n, prompt in enumerate(spec.get("prompts", []), 1):
        text = responses.get(prompt["id"], "")
        note = ""
        if text.strip():
            res = analyse(spec, prompt["id"], text, lang)
            missing = [c["label"] for c in res.get("criteria", []) if not c["met"]]
            note = f"{res.get('met', 0)}/{len(res.get('criteria', []))}" + (
                f" — {', '.join(missing)}" if missing else ""
            )
        label = f"{n}. {_t(prompt.get('title'), lang)}: {_t(prompt.get('task'), lang)}"
        rows.append(Row(label, _or_none(text, lang), None, note))
    return [("", rows)]


def _perspective_map(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.perspective_map import normalize, voice_file

    plan, _ = normalize(spec, answer)
    who = {v["id"]: _t(v.get("who"), lang) for v in voice_file(spec).get("voices", [])}
    linked: dict[str, list[str]] = {}
    for vid, pids in plan["links"].items():
        for pid in pids:
            linked.setdefault(pid, []).append(who.get(vid, vid))
    persp = [Row(p["name"], "; ".join(linked.get(p["id"], [])) or "—") for p in plan["perspectives"]]
    missing = [Row(m["name"], "") for m in plan["missing"]]
    titles = {
        "sv": ("Perspektiv och röster", "Perspektiv som saknas"),
        "en": ("Perspectives and voices", "Missing perspectives"),
    }
    t_persp, t_missing = titles.get(lang, titles["en"])
    return [(t_persp, persp)] + ([(t_missing, missing)] if missing else [])


def _resistance_line(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.resistance_line import judge, placements, stage_name, step

    placed = placements(spec, answer)
    rows = []
    for n, inc in enumerate(spec.get("incidents", []), 1):
        picked = placed.get(inc["id"])
        status = judge(spec, inc, picked)
        ok = None if status is None else status != "far"
        chosen = stage_name(spec, picked, lang) if picked else ""
        note = (
            ""
            if status in ("correct", None)
            else f"{tr('right-answer', lang)}: {stage_name(spec, inc['answer'], lang)}"
        )
        rows.append(Row(f"{n}. {_t(inc.get('text'), lang)}", _or_none(chosen, lang), ok, note))
    steps = (spec.get("escalation") or {}).get("steps", [])
    if steps and isinstance(answer, dict) and "step" in answer:
        label = _t((spec.get("escalation") or {}).get("title"), lang)
        rows.append(Row(label, _t(steps[step(spec, answer)].get("label"), lang)))
    return [("", rows)]


def _charrette(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.charrette import Scenario, debrief, parse_answer, replay, validate

    if validate(spec):
        return [("", generic_rows(answer))]
    sc = Scenario(spec)
    current, finished, _ = parse_answer(answer)
    word = {"sv": "Omgång", "en": "Run"}.get(lang, "Run")
    going = {"sv": "pågår", "en": "in progress"}.get(lang, "in progress")
    rows = []
    for n, moves in enumerate(finished + ([current] if current else []), 1):
        run = replay(sc, moves)
        d = debrief(sc, run, lang)
        steps = " → ".join(m["move"] for m in d["moves"])
        q = d["score"]
        note = f"{q['in_order']}/{q['steps']}, {q['points']:g} {tr('points', lang)}" if run.ending else ""
        rows.append(Row(f"{word} {n}: {d['title'] or going}", steps or "—", None, note))
    return [("", rows or [Row(word, tr("not-answered", lang))])]


def _dialogue_plan(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.dialogue_plan import TEXT_GROUPS, normalize

    plan = normalize(answer)
    label = {k: _t(v, lang) for k, v in spec.get("export", {}).items()}
    titles = {p["id"]: _t(p["title"], lang) for p in spec.get("parts", [])}
    kinds = {k["id"]: _t(k["label"], lang) for k in spec.get("phase_kinds", [])}
    levels = {s: {o["id"]: _t(o["label"], lang) for o in opts} for s, opts in spec.get("levels", {}).items()}
    out = [(titles.get("issue", "issue"), [Row("", _or_none(plan["issue"], lang))])]
    out.append(
        (
            titles.get("phases", "phases"),
            [Row(kinds.get(p["kind"], label.get("no_kind", "")), p["description"]) for p in plan["phases"]],
        )
    )
    persp = [
        Row(p["who"], label.get("yes", "yes") if p["hard_to_reach"] else "", None, "")
        for p in plan["perspectives"]
        if p["who"].strip()
    ]
    persp.append(Row(label.get("outreach", "outreach"), _or_none(plan["outreach"], lang)))
    out.append((titles.get("perspectives", "perspectives"), persp))
    for group, keys in TEXT_GROUPS.items():
        rows = []
        for k in keys:
            value = plan[group][k]
            if group == "level" and k in levels:
                value = levels[k].get(value, value)
            rows.append(Row(label.get(k, k), _or_none(value, lang)))
        out.append((titles.get(group, group), rows))
    return out


def _self_assessment(spec: dict, answer: Any, lang: str) -> list[tuple[str, list[Row]]]:
    from .exercise_types.self_assessment import normalize

    a = normalize(spec, answer)
    scale = {s["value"]: _t(s["label"], lang) for s in spec.get("scale", [])}
    cols = spec.get("columns", {})
    rows = []
    for s in spec.get("skills", []):
        before = scale.get(a["before"].get(s["id"]), "—")
        after = scale.get(a["after"].get(s["id"]), "—")
        rows.append(
            Row(
                _t(s["label"], lang),
                f"{_t(cols.get('before'), lang)}: {before}; {_t(cols.get('after'), lang)}: {after}",
            )
        )
    rows.append(Row(_t(spec.get("next_step", {}).get("label"), lang), _or_none(a["next_step"], lang)))
    return [("", rows)]


_VIEWS = {
    "classify": _classify,
    "case-steps": _case_steps,
    "listening-practice": _listening,
    "perspective-map": _perspective_map,
    "resistance-line": _resistance_line,
    "charrette": _charrette,
    "dialogue-plan": _dialogue_plan,
    "self-assessment": _self_assessment,
    "say-it": _say_it,
}


def known_types() -> Iterable[str]:
    return _VIEWS.keys()
