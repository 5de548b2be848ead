"""Listening practice: the learner writes the words they would say back to each resident statement.

Each response is read for four things (all word lists are data in the exercise file, both languages,
and a response may be written in either language):

  feeling      the feeling is named or acknowledged (general feeling words + the statement's own)
  content      the substance is said back in the learner's own words (the statement's cue words;
               a long verbatim copy of the statement does not count)
  no-judgement nothing defends, corrects, explains the tax, minimises, calms, reassures too early or
               moralises (the `judging` phrase lists); a phrase inside a negation ("I won't tell you
               to calm down") does not count
  invitation   an open question or another invitation to say more

Patterns use the grader's small pattern language (``~`` = word ending, `` .. `` = a gap of up to three
words, a leading ``!`` = the phrase carries its own negation, so do not look for one around it).
Every pattern starts and ends at a word boundary; write patterns in lower case. The pattern helpers are
shared with the other free-text types (`_patterns`).

`analyse()` also splits the text into segments so that the view can mark judging phrases without ever
building HTML from learner text.
"""

from __future__ import annotations

from typing import Any

from ..exercises import ExerciseResult
from ._patterns import LANGS, both, check_patterns, check_text, copied, find, lower, segments, word_count
from ._text import responses_of

CRITERIA = ("feeling", "content", "no-judgement", "invitation")
_MAX_CHARS = 5000


def _t(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return value.get(lang) or value.get("sv") or next(iter(value.values()), "")
    return "" if value is None else str(value)


def _statement(spec: dict, statement_id: str) -> dict:
    for s in spec.get("statements", []):
        if s.get("id") == statement_id:
            return s
    raise KeyError(f"{spec.get('id')}: no statement {statement_id!r}")


def judging_kinds(spec: dict, statement: dict) -> list[dict]:
    """General judging categories plus the statement's own extra phrases."""
    kinds = [dict(k) for k in spec.get("judging", [])]
    for extra in statement.get("judging", []):
        for k in kinds:
            if k.get("id") == extra.get("kind"):
                k["patterns"] = {lang: both(k.get("patterns", {}).get(lang, [])) for lang in LANGS}
                for lang in LANGS:
                    k["patterns"][lang] = k["patterns"][lang] + list(extra.get("patterns", {}).get(lang, []))
    return kinds


# -- one response -----------------------------------------------------------------------------------
def analyse(spec: dict, statement_id: str, text: Any, lang: str) -> dict:
    """Feedback on one response: criteria met, evidence, judging phrases found and text segments."""
    st = _statement(spec, statement_id)
    text = text if isinstance(text, str) else ""
    text = text[:_MAX_CHARS]
    norm = lower(text)
    words = word_count(text)
    labels = {c["id"]: c for c in spec.get("criteria", [])}

    def crit(cid: str, met: bool, key: str, evidence: list[str] | None = None, **fmt: str) -> dict:
        c = labels.get(cid, {})
        msg = _t(c.get(key), lang)
        for k, v in fmt.items():
            msg = msg.replace("{" + k + "}", v)
        return {
            "id": cid,
            "label": _t(c.get("label"), lang) or cid,
            "met": met,
            "feedback": msg,
            "evidence": evidence or [],
        }

    if not text.strip():
        return {"answered": False, "words": 0, "met": 0, "criteria": [], "judging": [], "segments": []}

    def evidence(hits: list[tuple[int, int, bool]]) -> list[str]:
        seen: list[str] = []
        for s, e, _ in sorted(hits):
            piece = text[s:e]
            if piece.lower() not in (x.lower() for x in seen):
                seen.append(piece)
        return seen[:3]

    too_short = words < int(spec.get("min_words", 4))

    # feeling
    feel = find(both(spec.get("feeling_words")) + both(st.get("feelings")), norm)
    feeling = crit(
        "feeling", bool(feel) and not too_short, "met" if feel and not too_short else "advice", evidence(feel)
    )

    # content
    cues = st.get("paraphrase", [])
    groups_hit: list[tuple[int, int, bool]] = []
    n_groups = 0
    for group in cues:
        hits = find(both(group), norm)
        if hits:
            n_groups += 1
            groups_hit.extend(hits[:1])
    need = int(st.get("paraphrase_min", 1))
    is_copy = copied(text, _t(st.get("text"), "sv")) or copied(text, _t(st.get("text"), "en"))
    content_ok = n_groups >= need and not is_copy and not too_short
    if is_copy:
        content = crit("content", False, "copied")
    else:
        hint = _t(st.get("hint"), lang)
        content = crit(
            "content", content_ok, "met" if content_ok else "advice", evidence(groups_hit), hint=hint
        )

    # judging phrases (negated ones do not count and are not marked)
    hits = []
    for kind in judging_kinds(spec, st):
        for s, e, neg in find(both(kind.get("patterns")), norm, negation=True):
            if not neg:
                hits.append((s, e, kind))
    # One entry per phrase: overlapping finds become one (named by the kind of the first); the same
    # words found twice at different places are listed once but marked at both places.
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    kept: list[tuple[int, int, dict]] = []
    for s, e, kind in hits:
        if kept and s < kept[-1][1]:
            ks, ke, kk = kept[-1]
            kept[-1] = (ks, max(ke, e), kk)
        else:
            kept.append((s, e, kind))
    spans = [(s, e, kind["id"]) for s, e, kind in kept]
    uniq, seen_texts = [], set()
    for s, e, kind in kept:
        if text[s:e].lower() not in seen_texts:
            seen_texts.add(text[s:e].lower())
            uniq.append({"text": text[s:e], "kind": kind["id"], "label": _t(kind.get("label"), lang)})

    # invitation
    inv = find(both(spec.get("invitation")), norm)
    invitation = crit(
        "invitation", bool(inv) and not too_short, "met" if inv and not too_short else "advice", evidence(inv)
    )

    # no judgement: only counts once the response receives something (otherwise "ok" would score)
    receives = feeling["met"] or content["met"] or invitation["met"]
    if uniq:
        phrases = ", ".join(f"«{f['text']}»" for f in uniq[:4])
        nojudge = crit("no-judgement", False, "violation", phrases=phrases)
    elif not receives:
        nojudge = crit("no-judgement", False, "empty")
    else:
        nojudge = crit("no-judgement", True, "met")

    criteria = [feeling, content, nojudge, invitation]
    return {
        "answered": True,
        "words": words,
        "too_short": too_short,
        "met": sum(c["met"] for c in criteria),
        "criteria": criteria,
        "judging": uniq,
        "segments": segments(text, spans),
    }


# -- the exercise -----------------------------------------------------------------------------------
def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    responses = responses_of(answer)
    statements = spec.get("statements", [])
    fractions, feedback, details = [], [], {}
    ui = spec.get("ui", {})
    for n, st in enumerate(statements, 1):
        res = analyse(spec, st["id"], responses.get(st["id"], ""), lang)
        fractions.append(res["met"] / len(CRITERIA))
        details[st["id"]] = {
            "answered": res["answered"],
            "met": res["met"],
            "criteria": {c["id"]: c["met"] for c in res["criteria"]},
            "judging": [f["text"] for f in res["judging"]],
        }
        if not res["answered"]:
            feedback.append(f"– {n}. {_t(ui.get('not_answered'), lang)}")
            continue
        mark = "✓" if res["met"] == len(CRITERIA) else "◐" if res["met"] else "✗"
        missing = [c for c in res["criteria"] if not c["met"]]
        line = f"{mark} {n}. {res['met']}/{len(CRITERIA)}"
        if missing:
            line += ". " + " ".join(f"{c['label']}: {c['feedback']}" for c in missing)
        feedback.append(line)
    total = float(spec.get("points", 0))
    points = round(total * sum(fractions) / len(fractions), 2) if fractions else 0.0
    complete = bool(statements) and all(d["answered"] for d in details.values())
    return ExerciseResult(points, total, complete, feedback, details)


# -- checks for trainers ----------------------------------------------------------------------------
UI_KEYS = (
    "progress", "statement", "resident", "your_words", "prev", "next", "nav", "answered", "not_answered",
    "show_examples", "examples_title", "examples_hint", "why", "reading", "judging_found", "feedback",
    "write_first", "too_short", "met", "unmet", "saved", "saving", "error", "score", "complete", "words",
    "offline", "restore",
)  # fmt: skip


def validate(spec: dict) -> list[str]:
    ex = spec.get("id", "?")
    problems: list[str] = []
    if not isinstance(spec.get("points"), (int, float)) or spec["points"] <= 0:
        problems.append(f"{ex}: points must be a positive number")
    check_text(f"{ex}: title", spec.get("title"), problems)
    check_text(f"{ex}: instructions", spec.get("instructions"), problems)
    crit = {c.get("id"): c for c in spec.get("criteria", []) if isinstance(c, dict)}
    for cid in CRITERIA:
        if cid not in crit:
            problems.append(f"{ex}: criteria must include {cid!r} (the four are {', '.join(CRITERIA)})")
            continue
        keys = ["label", "met", "advice"] + (["violation", "empty"] if cid == "no-judgement" else [])
        keys += ["copied"] if cid == "content" else []
        for key in keys:
            check_text(f"{ex}: criterion {cid!r} {key}", crit[cid].get(key), problems)
    ui = spec.get("ui")
    for key in UI_KEYS:
        check_text(f"{ex}: ui string {key!r}", (ui or {}).get(key), problems)
    check_patterns(f"{ex}: feeling_words", spec.get("feeling_words"), problems)
    check_patterns(f"{ex}: invitation", spec.get("invitation"), problems)
    kinds = set()
    if not spec.get("judging"):
        problems.append(f"{ex}: needs a list 'judging' of judging/defending phrase kinds")
    for k in spec.get("judging", []):
        kid = k.get("id")
        kinds.add(kid)
        check_text(f"{ex}: judging kind {kid!r} label", k.get("label"), problems)
        check_patterns(f"{ex}: judging kind {kid!r}", k.get("patterns"), problems)
    statements = spec.get("statements")
    if not isinstance(statements, list) or not statements:
        problems.append(f"{ex}: needs at least one statement")
        return problems
    seen: set = set()
    last = 0
    for st in statements:
        sid = st.get("id")
        where = f"{ex}: statement {sid!r}"
        if not sid or sid in seen:
            problems.append(f"{where}: every statement needs its own id")
        seen.add(sid)
        check_text(f"{where} text", st.get("text"), problems)
        check_text(f"{where} level", st.get("level"), problems)
        intensity = st.get("intensity")
        if not isinstance(intensity, int):
            problems.append(f"{where}: intensity must be a whole number (1 = calm worry and up)")
        elif intensity < last:
            problems.append(
                f"{where}: intensity {intensity} comes after {last}; "
                "order the statements from calm to intense"
            )
        else:
            last = intensity
        if "feelings" in st:
            check_patterns(f"{where} feelings", st["feelings"], problems, need=False)
        cues = st.get("paraphrase")
        if not isinstance(cues, list) or not cues:
            problems.append(
                f'{where}: needs \'paraphrase\', a list of cue groups (each {{"sv": [...], "en": [...]}})'
            )
        else:
            for i, group in enumerate(cues, 1):
                check_patterns(f"{where} paraphrase group {i}", group, problems)
            need = st.get("paraphrase_min", 1)
            if not isinstance(need, int) or not 1 <= need <= len(cues):
                problems.append(f"{where}: paraphrase_min must be between 1 and {len(cues)}")
        for extra in st.get("judging", []):
            if extra.get("kind") not in kinds:
                problems.append(
                    f"{where}: extra judging phrases name kind {extra.get('kind')!r}, "
                    f"not one of {sorted(kinds)}"
                )
            check_patterns(f"{where} extra judging", extra.get("patterns"), problems)
        examples = st.get("examples", [])
        if not any(e.get("kind") == "listens" for e in examples):
            problems.append(f"{where}: needs an example of kind 'listens' (one that listens well)")
        if not any(e.get("kind") != "listens" for e in examples):
            problems.append(
                f"{where}: needs at least one contrasting example that judges, defends or reassures"
            )
        for i, e in enumerate(examples, 1):
            check_text(f"{where} example {i} text", e.get("text"), problems)
            check_text(f"{where} example {i} why", e.get("why"), problems)
            check_text(f"{where} example {i} label", e.get("label"), problems)
    return problems
