"""Resistance line: place incidents on the stages of the resistance line (mild → destructive).

Answer shape (what the widget saves): ``{"placements": {incident_id: stage_id}, "step": int}``.
Each placement scores 1 when it is the incident's stage, 0.5 when it is one of the incident's
acceptable neighbouring stages, else 0; the mean is scaled to the exercise's points. The
escalation ``step`` is view state and does not count. Anything of the wrong shape reads as "not
placed", never as an error.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

from ..exercises import ExerciseResult

LANGS = ("sv", "en")
VOICED = "voiced"  # the point above the line in the escalation view: the no said aloud
MIN_INCIDENTS = 8

STATUS_POINTS = {"correct": 1.0, "close": 0.5, "far": 0.0}
_MARK = {"correct": "✓", "close": "≈", "far": "✗", None: "–"}
_WORDS = {
    "correct": {"sv": "Rätt", "en": "Correct"},
    "close": {"sv": "Nära", "en": "Close"},
    "far": {"sv": "Långt ifrån", "en": "Far off"},
    "placed": {"sv": "du valde", "en": "you chose"},
    "unplaced": {"sv": "Inte placerad.", "en": "Not placed."},
}


def _t(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return value.get(lang) or value.get("sv") or ""
    return str(value or "")


def stage_ids(spec: dict) -> list[str]:
    return [s["id"] for s in spec.get("stages", []) if isinstance(s, dict) and "id" in s]


def stage_name(spec: dict, stage: str, lang: str) -> str:
    for s in spec.get("stages", []):
        if s.get("id") == stage:
            return _t(s.get("name"), lang)
    if stage == VOICED:
        return _t((spec.get("escalation") or {}).get("voiced", {}).get("name"), lang)
    return stage


def placements(spec: dict, answer: Any) -> dict[str, str]:
    """The valid placements in `answer`: known incident → known stage. Everything else is dropped."""
    raw = answer.get("placements") if isinstance(answer, dict) else None
    if not isinstance(raw, dict):
        return {}
    stages = set(stage_ids(spec))
    incidents = {i.get("id") for i in spec.get("incidents", [])}
    return {k: v for k, v in raw.items() if k in incidents and isinstance(v, str) and v in stages}


def step(spec: dict, answer: Any) -> int:
    """The escalation step saved in `answer`, clamped to the steps that exist (0 when unreadable)."""
    raw = answer.get("step") if isinstance(answer, dict) else None
    n = len((spec.get("escalation") or {}).get("steps", []))
    if isinstance(raw, bool) or not isinstance(raw, Real) or n == 0:
        return 0
    return max(0, min(int(raw), n - 1))


def judge(spec: dict, incident: dict, picked: str | None) -> str | None:
    """'correct', 'close' (an acceptable neighbour), 'far', or None when not placed."""
    if picked is None:
        return None
    if picked == incident.get("answer"):
        return "correct"
    if picked in (incident.get("acceptable") or []):
        return "close"
    return "far"


def direction(spec: dict, incident: dict, picked: str | None) -> int:
    """-1: the incident belongs nearer the mild end than `picked`; +1: nearer the destructive end; 0: same."""
    order = stage_ids(spec)
    if picked not in order or incident.get("answer") not in order:
        return 0
    diff = order.index(incident["answer"]) - order.index(picked)
    return (diff > 0) - (diff < 0)


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    placed = placements(spec, answer)
    incidents = spec.get("incidents", [])
    total = 0.0
    feedback: list[str] = []
    details: dict[str, Any] = {}
    for n, inc in enumerate(incidents, 1):
        picked = placed.get(inc["id"])
        status = judge(spec, inc, picked)
        total += STATUS_POINTS.get(status, 0.0)
        details[inc["id"]] = {"picked": picked, "status": status, "direction": direction(spec, inc, picked)}
        if status is None:
            feedback.append(f"{_MARK[None]} {n}. {_WORDS['unplaced'][lang]}")
        elif status == "correct":
            feedback.append(
                f"{_MARK[status]} {n}. {_WORDS[status][lang]}. {_t(inc.get('explanation'), lang)}"
            )
        else:
            chosen = stage_name(spec, picked, lang)
            feedback.append(
                f"{_MARK[status]} {n}. {_WORDS[status][lang]}: {_WORDS['placed'][lang]} {chosen}. "
                f"{_t(inc.get('explanation'), lang)}"
            )
    max_points = float(spec["points"])
    points = round(max_points * total / len(incidents), 2) if incidents else 0.0
    complete = bool(incidents) and len(placed) == len(incidents)
    return ExerciseResult(points, max_points, complete, feedback, details)


def _both(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(value.get(lang), str) and value[lang].strip() for lang in LANGS
    )


def validate(spec: dict) -> list[str]:
    """Problems a trainer can fix in exercises/<id>.json (empty list when the file is fine)."""
    eid = spec.get("id", "?")
    where = f"exercises/{eid}.json"
    problems: list[str] = []
    points = spec.get("points")
    if isinstance(points, bool) or not isinstance(points, Real) or points <= 0:
        problems.append(f"{where}: 'points' must be a positive number (it is {points!r})")
    for key in ("title", "instructions"):
        if not _both(spec.get(key)):
            problems.append(f"{where}: '{key}' needs text in both sv and en")

    stages = spec.get("stages")
    if not isinstance(stages, list) or len(stages) < 3:
        problems.append(f"{where}: 'stages' must list at least three stages, mildest first")
        stages = stages if isinstance(stages, list) else []
    seen: set[str] = set()
    for n, st in enumerate(stages, 1):
        if not isinstance(st, dict) or not isinstance(st.get("id"), str) or not st.get("id"):
            problems.append(f"{where}: stage {n} needs an 'id' (a short word such as \"gossip\")")
            continue
        if st["id"] in seen:
            problems.append(f"{where}: stage id {st['id']!r} is used twice")
        if st["id"] == VOICED:
            problems.append(
                f"{where}: stage id {VOICED!r} is reserved for the escalation view; choose another"
            )
        seen.add(st["id"])
        for field in ("name", "description"):
            if not _both(st.get(field)):
                problems.append(f"{where}: stage {st['id']!r} needs '{field}' in both sv and en")
    order = [s["id"] for s in stages if isinstance(s, dict) and isinstance(s.get("id"), str)]

    incidents = spec.get("incidents")
    if not isinstance(incidents, list) or not incidents:
        problems.append(f"{where}: 'incidents' must list at least {MIN_INCIDENTS} incidents to place")
        incidents = []
    elif len(incidents) < MIN_INCIDENTS:
        problems.append(f"{where}: has {len(incidents)} incidents; the module needs at least {MIN_INCIDENTS}")
    ids: set[str] = set()
    for n, inc in enumerate(incidents, 1):
        if not isinstance(inc, dict) or not isinstance(inc.get("id"), str) or not inc.get("id"):
            problems.append(f"{where}: incident {n} needs an 'id'")
            continue
        iid = inc["id"]
        if iid in ids:
            problems.append(f"{where}: incident id {iid!r} is used twice")
        ids.add(iid)
        answer = inc.get("answer")
        if answer not in order:
            problems.append(
                f"{where}: incident {iid!r} has answer {answer!r}; use one of the stage ids {order}"
            )
        acceptable = inc.get("acceptable", [])
        if not isinstance(acceptable, list):
            problems.append(f"{where}: incident {iid!r}: 'acceptable' must be a list of stage ids (or [])")
            acceptable = []
        for alt in acceptable:
            if alt not in order:
                problems.append(
                    f"{where}: incident {iid!r} lists acceptable stage {alt!r}, not one of {order}"
                )
            elif alt == answer:
                problems.append(
                    f"{where}: incident {iid!r} lists its own answer {alt!r} as acceptable; remove it"
                )
            elif answer in order and abs(order.index(alt) - order.index(answer)) != 1:
                problems.append(
                    f"{where}: incident {iid!r}: acceptable stage {alt!r} is not next to {answer!r} "
                    "on the line; only a neighbouring stage may give half a point"
                )
        for field in ("text", "explanation"):
            if not _both(inc.get(field)):
                problems.append(f"{where}: incident {iid!r} needs '{field}' in both sv and en")

    esc = spec.get("escalation")
    if esc is None:
        return problems
    if not isinstance(esc, dict):
        return problems + [f"{where}: 'escalation' must be an object with title, intro, voiced and steps"]
    for key in ("title", "intro"):
        if not _both(esc.get(key)):
            problems.append(f"{where}: escalation '{key}' needs text in both sv and en")
    voiced = esc.get("voiced")
    if not isinstance(voiced, dict) or not _both(voiced.get("name")) or not _both(voiced.get("description")):
        problems.append(f"{where}: escalation 'voiced' needs 'name' and 'description' in both sv and en")
    steps = esc.get("steps")
    if not isinstance(steps, list) or not steps:
        return problems + [f"{where}: escalation 'steps' must list at least one step"]
    allowed = [VOICED, *order]
    for n, st in enumerate(steps, 1):
        if not isinstance(st, dict):
            problems.append(f"{where}: escalation step {n} must be an object")
            continue
        if not _both(st.get("label")):
            problems.append(
                f'{where}: escalation step {n} needs \'label\' in both sv and en (e.g. "Vecka 1" / "Week 1")'
            )
        for track in ("unattended", "attended"):
            part = st.get(track)
            if not isinstance(part, dict):
                problems.append(f"{where}: escalation step {n} needs '{track}' with 'stage' and 'text'")
                continue
            if part.get("stage") not in allowed:
                problems.append(
                    f"{where}: escalation step {n} '{track}' has stage {part.get('stage')!r}; "
                    f"use one of {allowed}"
                )
            if not _both(part.get("text")):
                problems.append(f"{where}: escalation step {n} '{track}' needs 'text' in both sv and en")
    return problems
