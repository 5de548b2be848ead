"""Dialogue plan: the learner plans a co-creative dialogue; completeness rules in the exercise file.

The answer (what the widget saves):

    {"issue": str,
     "phases": [{"kind": str, "description": str}, ...],          # in the learner's order
     "perspectives": [{"who": str, "hard_to_reach": bool}, ...],
     "outreach": str,                                              # how hard-to-reach voices are reached
     "transparency": {"publish": str, "check_back": str, "reach_absent": str},
     "level": {"iap2": str, "boverket": str, "why": str},
     "mandate": {"decision_maker": str, "can_change": str, "fixed": str},
     "checked": bool}

Rules are data (`spec["rules"]`), each `{"id", "part", "check", ..., "ok": {sv, en}, "missing": {sv, en}}`.
Checks: `words` (a text field has at least `min` words), `phase` (a phase of `kind` with at least
`min_words` words of description), `phase-order` (the first phases of those `kinds` that are there, at
least two, come in that order), `count` (at least `min` list entries with a non-empty `field`),
`flag` (at least `min` list entries with `flag` true and a non-empty `field`), `choice` (the value at
`path` is one of `options`).
Points are `spec["points"]` times the share of rules met. The plan counts as complete when every part
has something in it.
"""

from __future__ import annotations

import html
from datetime import date
from typing import Any

from ..exercises import ExerciseResult
from ._text import both as _both
from ._text import t as _t
from ._text import words

PARTS = ("issue", "phases", "perspectives", "transparency", "level", "mandate")
TEXT_GROUPS = {
    "transparency": ("publish", "check_back", "reach_absent"),
    "level": ("iap2", "boverket", "why"),
    "mandate": ("decision_maker", "can_change", "fixed"),
}
CHECKS = {
    "words": ("path", "min"),
    "phase": ("kind", "min_words"),
    "phase-order": ("kinds",),
    "count": ("path", "field", "min"),
    "flag": ("path", "flag", "field", "min"),
    "choice": ("path", "options"),
}
MAX_TEXT = 5000
MAX_WHO = 300
MAX_ROWS = 30


def _text(value: Any) -> str:
    return value[:MAX_TEXT] if isinstance(value, str) else ""


def normalize(answer: Any) -> dict:
    """Any saved value (also a damaged one) as a plan of the documented shape; unknown keys are dropped."""
    a = answer if isinstance(answer, dict) else {}
    phases = a.get("phases") if isinstance(a.get("phases"), list) else []
    persp = a.get("perspectives") if isinstance(a.get("perspectives"), list) else []
    plan: dict[str, Any] = {
        "issue": _text(a.get("issue")),
        "phases": [
            {"kind": _text(p.get("kind"))[:40], "description": _text(p.get("description"))}
            for p in phases[:MAX_ROWS]
            if isinstance(p, dict)
        ],
        "perspectives": [
            {"who": _text(p.get("who"))[:MAX_WHO], "hard_to_reach": p.get("hard_to_reach") is True}
            for p in persp[:MAX_ROWS]
            if isinstance(p, dict)
        ],
        "outreach": _text(a.get("outreach")),
        "checked": a.get("checked") is True,
    }
    for group, keys in TEXT_GROUPS.items():
        src = a.get(group) if isinstance(a.get(group), dict) else {}
        plan[group] = {k: _text(src.get(k)) for k in keys}
    return plan


def _get(plan: dict, path: str) -> Any:
    value: Any = plan
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _rule_met(rule: dict, plan: dict) -> bool:
    check = rule["check"]
    if check == "words":
        return words(_get(plan, rule["path"]) or "") >= rule["min"]
    if check == "phase":
        return any(
            p["kind"] == rule["kind"] and words(p["description"]) >= rule["min_words"] for p in plan["phases"]
        )
    if check == "phase-order":
        # Judged on the kinds that are there (at least two), so a missing phase only fails its own rule.
        kinds = [p["kind"] for p in plan["phases"]]
        firsts = [kinds.index(k) for k in rule["kinds"] if k in kinds]
        return len(firsts) >= 2 and firsts == sorted(firsts)
    rows = _get(plan, rule.get("path", "")) if check in ("count", "flag") else None
    if check == "count":
        return sum(1 for r in rows or [] if str(r.get(rule["field"], "")).strip()) >= rule["min"]
    if check == "flag":
        return (
            sum(1 for r in rows or [] if r.get(rule["flag"]) and str(r.get(rule["field"], "")).strip())
            >= rule["min"]
        )
    if check == "choice":
        return _get(plan, rule["path"]) in rule["options"]
    raise ValueError(f"unknown check {check!r}")


def part_filled(plan: dict, part: str) -> bool:
    if part == "issue":
        return bool(plan["issue"].strip())
    if part == "phases":
        return any(p["description"].strip() for p in plan["phases"])
    if part == "perspectives":
        return any(p["who"].strip() for p in plan["perspectives"])
    return any(v.strip() for v in plan[part].values())


def check_plan(spec: dict, answer: Any, lang: str) -> dict:
    """Per part: the rules with met/not met and the message to show. Used by score and by the widget."""
    plan = normalize(answer)
    parts: dict[str, list[dict]] = {p: [] for p in PARTS}
    for rule in spec["rules"]:
        met = _rule_met(rule, plan)
        parts.setdefault(rule["part"], []).append(
            {"id": rule["id"], "met": met, "message": _t(rule["ok"] if met else rule["missing"], lang)}
        )
    return {"plan": plan, "parts": parts, "filled": {p: part_filled(plan, p) for p in PARTS}}


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    checked = check_plan(spec, answer, lang)
    rules = [r for part in checked["parts"].values() for r in part]
    met = sum(r["met"] for r in rules)
    points = round(spec["points"] * met / len(rules), 2) if rules else 0.0
    titles = {p["id"]: _t(p["title"], lang) for p in spec.get("parts", [])}
    feedback = []
    for part, results in checked["parts"].items():
        for r in results:
            feedback.append(f"{'✓' if r['met'] else '✗'} {titles.get(part, part)}: {r['message']}")
    complete = all(checked["filled"].values())
    details = {
        "met": met,
        "total": len(rules),
        "rules": {r["id"]: r["met"] for r in rules},
        "filled": checked["filled"],
    }
    return ExerciseResult(points, float(spec["points"]), complete, feedback, details)


# -- validation -----------------------------------------------------------------------------------


def validate(spec: dict) -> list[str]:
    sid = spec.get("id", "?")
    problems: list[str] = []
    kinds = [k.get("id") for k in spec.get("phase_kinds", []) if isinstance(k, dict)]
    if len(kinds) < 3:
        problems.append(
            f"{sid}: 'phase_kinds' needs at least three phase kinds, each {{'id', 'label', 'hint'}}"
        )
    for k in spec.get("phase_kinds", []):
        for fld in ("label", "hint"):
            if not _both(k.get(fld)):
                problems.append(f"{sid}: phase kind {k.get('id')!r} lacks {fld} in sv and en")
    levels = {}
    for scale in ("iap2", "boverket"):
        options = spec.get("levels", {}).get(scale, [])
        levels[scale] = [o.get("id") for o in options if isinstance(o, dict)]
        if len(levels[scale]) < 3:
            problems.append(f"{sid}: 'levels.{scale}' needs at least three options, each {{'id', 'label'}}")
        for o in options:
            if not _both(o.get("label")):
                problems.append(f"{sid}: level {scale}/{o.get('id')!r} lacks a label in sv and en")
    part_ids = [p.get("id") for p in spec.get("parts", []) if isinstance(p, dict)]
    if sorted(part_ids) != sorted(PARTS):
        problems.append(
            f"{sid}: 'parts' must list exactly these part ids: {', '.join(PARTS)} (found {part_ids})"
        )
    for p in spec.get("parts", []):
        if not _both(p.get("title")):
            problems.append(f"{sid}: part {p.get('id')!r} lacks a title in sv and en")
    for key in ("title", "instructions", "default_issue"):
        if not _both(spec.get(key)):
            problems.append(f"{sid}: {key!r} must be given in sv and en")
    rules = spec.get("rules")
    if not isinstance(rules, list) or not rules:
        return problems + [f"{sid}: needs a non-empty list 'rules'"]
    seen = set()
    for n, rule in enumerate(rules, 1):
        rid = rule.get("id") if isinstance(rule, dict) else None
        where = f"{sid}: rule {rid or n!r}"
        if not isinstance(rule, dict) or not rid:
            problems.append(f"{sid}: rule number {n} needs an 'id'")
            continue
        if rid in seen:
            problems.append(f"{where} is used twice; rule ids must be unique")
        seen.add(rid)
        if rule.get("part") not in PARTS:
            problems.append(f"{where} has part {rule.get('part')!r}; use one of {', '.join(PARTS)}")
        check = rule.get("check")
        if check not in CHECKS:
            problems.append(f"{where} has check {check!r}; use one of {', '.join(CHECKS)}")
            continue
        for param in CHECKS[check]:
            if param not in rule:
                problems.append(f"{where} (check {check!r}) lacks the parameter {param!r}")
        for fld in ("ok", "missing"):
            if not _both(rule.get(fld)):
                problems.append(f"{where} lacks the message {fld!r} in sv and en")
        if check == "phase" and rule.get("kind") not in kinds:
            problems.append(f"{where} names phase kind {rule.get('kind')!r}, not one of {kinds}")
        if check == "phase-order" and not all(k in kinds for k in rule.get("kinds", [])):
            problems.append(f"{where} names phase kinds {rule.get('kinds')!r}; each must be one of {kinds}")
        if check == "choice":
            scale = str(rule.get("path", "")).split(".")[-1]
            if scale not in levels:
                problems.append(f"{where}: path must be level.iap2 or level.boverket")
            elif not set(rule.get("options", [])) <= set(levels[scale]) or not rule.get("options"):
                problems.append(
                    f"{where} has options {rule.get('options')!r}; each must be one of {levels[scale]}"
                )
        for param in ("min", "min_words"):
            if param in rule and (not isinstance(rule[param], int) or rule[param] < 1):
                problems.append(f"{where}: {param!r} must be a whole number of at least 1")
    return problems


# -- the printable document -----------------------------------------------------------------------
PRINT_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1a1a;
  max-width: 46em; margin: 2em auto; padding: 0 1em; line-height: 1.5; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h3 { font-size: 1em; margin: 0.9em 0 0.1em; }
h2 { font-size: 1.2em; border-bottom: 2px solid #1d4f91;
  padding-bottom: 0.1em; margin-top: 1.6em; color: #1d4f91; }
.meta { color: #3d3d3d; } .empty { color: #6b3d00; font-style: italic; }
ol.phases li { margin: 0.4em 0; } .kind { font-weight: 600; }
table { border-collapse: collapse; width: 100%; } th, td { border: 1px solid #8a8a8a; padding: 0.3em 0.5em;
  text-align: left; vertical-align: top; }
.check li { list-style: none; } .met::before { content: "✓ "; color: #1e6b34; }
.unmet::before { content: "○ "; color: #8a5a00; }
p.text { white-space: pre-wrap; margin: 0.2em 0 0.6em; }
@media print { body { margin: 0; max-width: none; font-size: 11pt; } h2 { break-after: avoid; }
  li, tr { break-inside: avoid; } .noprint { display: none; } }
"""


def export_html(spec: dict, answer: Any, lang: str, today: date | None = None) -> str:
    """The plan as a complete, self-contained, printable HTML page; every learner text is escaped."""
    e = html.escape
    ex = spec.get("export", {})
    label = {k: _t(v, lang) for k, v in ex.items()}
    checked = check_plan(spec, answer, lang)
    plan = checked["plan"]
    titles = {p["id"]: _t(p["title"], lang) for p in spec["parts"]}
    kinds = {k["id"]: _t(k["label"], lang) for k in spec["phase_kinds"]}
    levels = {s: {o["id"]: _t(o["label"], lang) for o in spec["levels"][s]} for s in spec["levels"]}
    empty = f'<span class="empty">{e(label.get("empty", "—"))}</span>'

    def para(text: str) -> str:
        return f'<p class="text">{e(text)}</p>' if text.strip() else f"<p>{empty}</p>"

    def field(name: str, text: str) -> str:
        return f"<h3>{e(label.get(name, name))}</h3>{para(text)}"

    out = [f"<h2>{e(titles['issue'])}</h2>", para(plan["issue"] or _t(spec["default_issue"], lang))]
    out.append(f"<h2>{e(titles['phases'])}</h2>")
    no_kind = label.get("no_kind", "")
    rows = [
        f'<li><span class="kind">{e(kinds.get(p["kind"], no_kind))}</span>{para(p["description"])}</li>'
        for p in plan["phases"]
    ]
    out.append(f'<ol class="phases">{"".join(rows)}</ol>' if rows else f"<p>{empty}</p>")
    out.append(f"<h2>{e(titles['perspectives'])}</h2>")
    persp = [p for p in plan["perspectives"] if p["who"].strip()]
    if persp:
        yes = e(label.get("yes", "yes"))
        body = "".join(
            f"<tr><td>{e(p['who'])}</td><td>{yes if p['hard_to_reach'] else ''}</td></tr>" for p in persp
        )
        out.append(
            f'<table><thead><tr><th scope="col">{e(label.get("who", ""))}</th>'
            f'<th scope="col">{e(label.get("hard_to_reach", ""))}</th></tr></thead>'
            f"<tbody>{body}</tbody></table>"
        )
    else:
        out.append(f"<p>{empty}</p>")
    out.append(field("outreach", plan["outreach"]))
    out.append(f"<h2>{e(titles['transparency'])}</h2>")
    out += [field(k, plan["transparency"][k]) for k in TEXT_GROUPS["transparency"]]
    out.append(f"<h2>{e(titles['level'])}</h2>")
    for scale in ("iap2", "boverket"):
        chosen = levels.get(scale, {}).get(plan["level"][scale], "")
        out.append(f"<h3>{e(label.get(scale, scale))}</h3><p>{e(chosen) if chosen else empty}</p>")
    out.append(field("why", plan["level"]["why"]))
    out.append(f"<h2>{e(titles['mandate'])}</h2>")
    out += [field(k, plan["mandate"][k]) for k in TEXT_GROUPS["mandate"]]
    out.append(f'<h2>{e(label.get("checklist", ""))}</h2><ul class="check">')
    for part in PARTS:
        for r in checked["parts"].get(part, []):
            out.append(
                f'<li class="{"met" if r["met"] else "unmet"}">{e(titles[part])}: {e(r["message"])}</li>'
            )
    out.append("</ul>")
    title = label.get("title", "")
    stamp = (today or date.today()).isoformat()
    return (
        f'<!DOCTYPE html>\n<html lang="{e(lang)}"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{e(title)}</title><style>{PRINT_CSS}</style></head><body>"
        f'<h1>{e(title)}</h1><p class="meta">{e(label.get("made", ""))} {e(stamp)}</p>'
        f'<p class="noprint">{e(label.get("print_hint", ""))}</p>' + "".join(out) + "</body></html>\n"
    )
