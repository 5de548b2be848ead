"""Perspective map: the learner names perspectives, links voices to them (many-to-many) and names
perspectives that are missing. A small version of the Backa inquiry's own work, where more than
1,200 submissions became 25 perspectives (December 2013).

The answer, as the widget saves it:
    {"perspectives": [{"id": "p1", "name": "..."}],
     "links": {"<voice id>": ["p1", ...]},
     "missing": [{"id": "m1", "name": "..."}],
     "checked": true}

Three parts, each worth the points given in the spec's "scoring":
- grouping: learner perspectives are paired one-to-one with the reference perspectives by voice
  overlap (Jaccard index, greedy best-first); enough good pairs earn the part;
- many_to_many: at least one voice has two or more perspectives and at least one perspective is
  shared by two or more voices;
- missing: at least one missing perspective contains a cue word of a plausible missing perspective.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from ..exercises import ExerciseResult, load_exercise
from . import case_material

LANGS = ("sv", "en")
PARTS = ("grouping", "many_to_many", "missing")
DEFAULT_LIMITS = {"perspectives": 15, "missing": 10, "name_chars": 80}
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,20}$")
FEEDBACK_KEYS = (
    "grouping_ok",
    "grouping_few",
    "grouping_empty",
    "m2m_ok",
    "m2m_no_multi",
    "m2m_no_shared",
    "missing_ok",
    "missing_none",
    "missing_unmatched",
    "unlinked",
    "unused",
    "group_label",
    "repaired",
)
UI_KEYS = (
    "step1",
    "step1_help",
    "new_perspective",
    "add_perspective",
    "remove",
    "remove_named",
    "no_perspectives",
    "step2",
    "step2_help",
    "step2_empty",
    "step3",
    "step3_help",
    "new_missing",
    "add_missing",
    "no_missing",
    "map",
    "map_svg",
    "map_text",
    "voices_col",
    "perspectives_col",
    "missing_tag",
    "missing_col",
    "empty_col",
    "no_voices",
    "voice_count",
    "check",
    "score",
    "points",
    "feedback",
    "met",
    "not_met",
    "match",
    "match_line",
    "nomatch_line",
    "added",
    "removed",
    "duplicate",
    "empty_name",
    "too_many",
)


def _t(value: Any, lang: str) -> str:
    if isinstance(value, dict):
        return value.get(lang) or value.get("sv") or ""
    return str(value or "")


def limits(spec: dict) -> dict[str, int]:
    out = dict(DEFAULT_LIMITS)
    for key, val in (spec.get("limits") or {}).items():
        if key in out and isinstance(val, int) and val > 0:
            out[key] = val
    return out


def voice_file(spec: dict) -> dict:
    return load_exercise(spec.get("voices_file", "inventory-voices"))


def used_voices(spec: dict) -> list[dict]:
    """The voices this exercise shows, in its order (unknown ids are skipped; `validate` names them)."""
    known = case_material.voices(voice_file(spec))
    return [known[v] for v in spec.get("voices", []) if v in known]


# -- the answer ---------------------------------------------------------------------------------
def _clean_name(value: Any, max_chars: int) -> str:
    if not isinstance(value, str):
        return ""
    text = " ".join(value.split())
    return text[:max_chars].strip()


def _entries(raw: Any, prefix: str, max_count: int, max_chars: int) -> tuple[list[dict], bool]:
    """A list of {"id", "name"} with unique ids and names; anything else is dropped (repaired=True)."""
    if raw is None:
        return [], False
    if not isinstance(raw, list):
        return [], True
    out: list[dict] = []
    ids: set[str] = set()
    names: set[str] = set()
    repaired = False
    for item in raw:
        name = _clean_name(item.get("name") if isinstance(item, dict) else None, max_chars)
        if not name or name.casefold() in names or len(out) >= max_count:
            repaired = True
            continue
        pid = item.get("id")
        if not isinstance(pid, str) or not _ID.match(pid) or pid in ids:
            repaired = True
            n = len(out) + 1
            taken = ids | {i.get("id") for i in raw if isinstance(i, dict) and isinstance(i.get("id"), str)}
            while f"{prefix}{n}" in taken:
                n += 1
            pid = f"{prefix}{n}"
        if name != item.get("name"):
            repaired = True
        ids.add(pid)
        names.add(name.casefold())
        out.append({"id": pid, "name": name})
    return out, repaired


def normalize(spec: dict, answer: Any) -> tuple[dict, bool]:
    """A well-formed answer from whatever was saved, and whether anything had to be dropped."""
    lim = limits(spec)
    empty = {"perspectives": [], "links": {}, "missing": []}
    if answer is None:
        return empty, False
    if not isinstance(answer, dict):
        return empty, True
    persp, r1 = _entries(answer.get("perspectives"), "p", lim["perspectives"], lim["name_chars"])
    missing, r2 = _entries(answer.get("missing"), "m", lim["missing"], lim["name_chars"])
    order = [p["id"] for p in persp]
    raw_links = answer.get("links", {})
    repaired = r1 or r2
    if not isinstance(raw_links, dict):
        raw_links, repaired = {}, True
    voices = set(spec.get("voices", []))
    links: dict[str, list[str]] = {}
    for vid, pids in raw_links.items():
        if vid not in voices or not isinstance(pids, list):
            repaired = True
            continue
        keep = [p for p in order if p in pids]
        if len(keep) != len(pids):
            repaired = True
        if keep:
            links[vid] = keep
    out = {"perspectives": persp, "links": links, "missing": missing}
    if isinstance(answer.get("checked"), bool):
        out["checked"] = answer["checked"]
    return out, repaired


# -- matching -----------------------------------------------------------------------------------
def jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def match_perspectives(mine: dict[str, set], reference: dict[str, set]) -> list[tuple[str, str, float]]:
    """Pair learner and reference perspectives one-to-one, best overlap first (ties: spec order)."""
    pairs = [
        (jaccard(mv, rv), i, j, m, r)
        for i, (m, mv) in enumerate(mine.items())
        for j, (r, rv) in enumerate(reference.items())
        if mv & rv
    ]
    pairs.sort(key=lambda p: (-p[0], p[1], p[2]))
    used_m: set[str] = set()
    used_r: set[str] = set()
    out = []
    for j, _, _, m, r in pairs:
        if m in used_m or r in used_r:
            continue
        used_m.add(m)
        used_r.add(r)
        out.append((m, r, round(j, 3)))
    return out


def fold(text: str) -> str:
    """Lower case, punctuation as spaces; keeps å, ä, ö (they matter in Swedish)."""
    text = unicodedata.normalize("NFC", text).casefold()
    return " " + " ".join(re.sub(r"[^\w]+", " ", text).split()) + " "


def cue_match(name: str, cues: list[str]) -> str | None:
    """The first cue that starts a word (or phrase) of `name`, or None."""
    folded = fold(name)
    for cue in cues:
        c = fold(cue).strip()
        if c and re.search(r"(?<!\w)" + re.escape(c), folded):
            return cue
    return None


def missing_match(spec: dict, name: str) -> str | None:
    """Id of the plausible missing perspective `name` matches (cue words of both languages)."""
    for mp in spec.get("missing_perspectives", []):
        cues = [c for lang in LANGS for c in (mp.get("cues") or {}).get(lang, [])]
        if cue_match(name, cues):
            return mp["id"]
    return None


def is_group_label(spec: dict, name: str) -> bool:
    labels = {fold(x).strip() for lang in LANGS for x in (spec.get("group_labels") or {}).get(lang, [])}
    words = fold(name).split()
    while words and words[0] in ("the", "a", "an", "de", "alla", "all", "some", "några", "vi", "we"):
        words = words[1:]
    return " ".join(words) in labels


# -- scoring ------------------------------------------------------------------------------------
def _fb(spec: dict, key: str, lang: str, **kw: Any) -> str:
    return _t((spec.get("feedback") or {}).get(key, {}), lang).format(**kw)


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    ans, repaired = normalize(spec, answer)
    scoring = spec["scoring"]
    voices = [v for v in spec.get("voices", [])]
    mine = {p["id"]: {v for v in voices if p["id"] in ans["links"].get(v, [])} for p in ans["perspectives"]}
    names = {p["id"]: p["name"] for p in ans["perspectives"]}
    reference = {r["id"]: set(r["voices"]) & set(voices) for r in spec["reference_perspectives"]}
    ref_names = {r["id"]: _t(r["name"], lang) for r in spec["reference_perspectives"]}

    feedback: list[str] = []
    points = 0.0

    # 1. grouping
    g = scoring["grouping"]
    pairs = match_perspectives({k: v for k, v in mine.items() if v}, reference)
    good = [p for p in pairs if p[2] >= g["min_jaccard"]]
    grouping_ok = len(good) >= g["min_matches"]
    if grouping_ok:
        points += g["points"]
        feedback.append("✓ " + _fb(spec, "grouping_ok", lang, n=len(good)))
    elif not any(mine.values()):
        feedback.append("✗ " + _fb(spec, "grouping_empty", lang))
    else:
        feedback.append("✗ " + _fb(spec, "grouping_few", lang, n=len(good), need=g["min_matches"]))

    # 2. many-to-many
    multi = [v for v in voices if len(ans["links"].get(v, [])) >= 2]
    shared = [p for p, vs in mine.items() if len(vs) >= 2]
    m2m_ok = bool(multi) and bool(shared)
    if m2m_ok:
        points += scoring["many_to_many"]["points"]
        feedback.append("✓ " + _fb(spec, "m2m_ok", lang))
    else:
        if not multi:
            feedback.append("✗ " + _fb(spec, "m2m_no_multi", lang))
        if not shared:
            feedback.append("✗ " + _fb(spec, "m2m_no_shared", lang))

    # 3. missing perspectives
    matched = [(m["id"], ref) for m in ans["missing"] if (ref := missing_match(spec, m["name"]))]
    missing_ok = bool(matched)
    if missing_ok:
        points += scoring["missing"]["points"]
        first = next(m["name"] for m in ans["missing"] if m["id"] == matched[0][0])
        feedback.append("✓ " + _fb(spec, "missing_ok", lang, name=first))
    elif not ans["missing"]:
        feedback.append("✗ " + _fb(spec, "missing_none", lang))
    else:
        feedback.append("✗ " + _fb(spec, "missing_unmatched", lang))

    # tips (not scored)
    tips: list[str] = []
    unlinked = [v for v in voices if not ans["links"].get(v)]
    if ans["perspectives"] and unlinked:
        tips.append(_fb(spec, "unlinked", lang, n=len(unlinked)))
    unused = [p["id"] for p in ans["perspectives"] if not mine[p["id"]]]
    for pid in unused:
        tips.append(_fb(spec, "unused", lang, name=names[pid]))
    labels = [p["id"] for p in ans["perspectives"] if is_group_label(spec, p["name"])]
    for pid in labels:
        tips.append(_fb(spec, "group_label", lang, name=names[pid]))
    if repaired:
        tips.append(_fb(spec, "repaired", lang))
    feedback += [f"• {t}" for t in tips]

    details = {
        "grouping": {
            "ok": grouping_ok,
            "good": len(good),
            "pairs": [{"mine": m, "ref": r, "jaccard": j} for m, r, j in pairs],
        },
        "many_to_many": {"ok": m2m_ok, "multi_voices": multi, "shared_perspectives": shared},
        "missing": {"ok": missing_ok, "matched": [{"mine": m, "ref": r} for m, r in matched]},
        "unlinked": unlinked,
        "unused": unused,
        "group_labels": labels,
        "repaired": repaired,
        "ref_names": ref_names,
        "tips": tips,
    }
    complete = bool(ans["perspectives"]) and not unlinked and bool(ans["missing"])
    return ExerciseResult(round(points, 2), float(spec["points"]), complete, feedback, details)


# -- validation ---------------------------------------------------------------------------------
def _need_texts(where: str, obj: Any, fields: tuple[str, ...]) -> list[str]:
    problems = []
    for fld in fields:
        value = obj.get(fld) if isinstance(obj, dict) else None
        for lang in LANGS:
            if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
                problems.append(f"{where} lacks {fld!r} in {lang}")
    return problems


def _need_cues(where: str, cues: Any) -> list[str]:
    problems = []
    for lang in LANGS:
        items = cues.get(lang) if isinstance(cues, dict) else None
        ok = isinstance(items, list) and items and all(isinstance(c, str) and c.strip() for c in items)
        if not ok:
            problems.append(f"{where} needs 'cues' in {lang}: a non-empty list of words")
    return problems


def validate(spec: dict) -> list[str]:
    sid = spec.get("id", "?")
    where = f"exercises/{sid}.json"
    problems = _need_texts(where, spec, ("title", "instructions"))

    # scoring
    scoring = spec.get("scoring")
    if not isinstance(scoring, dict) or any(not isinstance(scoring.get(p), dict) for p in PARTS):
        problems.append(f"{where}: 'scoring' needs the parts {list(PARTS)}, each with 'points'")
        return problems
    total = 0.0
    for part in PARTS:
        pts = scoring[part].get("points")
        if not isinstance(pts, (int, float)) or pts < 0:
            problems.append(f"{where}: scoring.{part}.points must be a number ≥ 0")
        else:
            total += pts
    if abs(total - float(spec.get("points", 0))) > 1e-9:
        problems.append(
            f"{where}: the scoring parts add up to {total:g} points but 'points' is {spec.get('points')}"
        )
    g = scoring["grouping"]
    if not isinstance(g.get("min_jaccard"), (int, float)) or not 0 < g["min_jaccard"] <= 1:
        problems.append(f"{where}: scoring.grouping.min_jaccard must be above 0 and at most 1 (e.g. 0.5)")
    if not isinstance(g.get("min_matches"), int) or g["min_matches"] < 1:
        problems.append(f"{where}: scoring.grouping.min_matches must be a whole number ≥ 1 (e.g. 3)")

    # voices
    try:
        vfile = voice_file(spec)
    except ValueError as exc:
        return problems + [f"{where}: 'voices_file' cannot be read: {exc}"]
    vname = f"exercises/{vfile['id']}.json"
    if vfile.get("type") != "case-material":
        problems.append(f"{where}: 'voices_file' must name a case-material file, not {vfile.get('type')!r}")
    problems += case_material.validate(vfile)
    known = case_material.voices(vfile)
    used = spec.get("voices")
    if not isinstance(used, list) or not used:
        return problems + [f"{where}: needs a non-empty list 'voices' (ids from {vname})"]
    if len(set(used)) != len(used):
        problems.append(f"{where}: 'voices' names a voice twice")
    unknown = [v for v in used if v not in known]
    if unknown:
        problems.append(f"{where}: 'voices' names {unknown}, not in {vname}; known: {sorted(known)}")

    # reference perspectives
    refs = spec.get("reference_perspectives")
    if not isinstance(refs, list) or not refs:
        return problems + [f"{where}: needs a non-empty list 'reference_perspectives'"]
    ids: set[str] = set()
    for n, r in enumerate(refs, 1):
        if not isinstance(r, dict) or not isinstance(r.get("id"), str):
            problems.append(f"{where}: reference perspective {n} needs an 'id'")
            continue
        rid = r["id"]
        if rid in ids:
            problems.append(f"{where}: reference perspective id {rid!r} is used twice")
        ids.add(rid)
        problems += _need_texts(f"{where}: reference perspective {rid!r}", r, ("name", "description"))
        rv = r.get("voices")
        if not isinstance(rv, list) or not rv:
            problems.append(f"{where}: reference perspective {rid!r} needs a non-empty list 'voices'")
            continue
        stray = [v for v in rv if v not in used]
        if stray:
            problems.append(f"{where}: reference perspective {rid!r} names voices {stray} not in 'voices'")
        for v in used:
            if v not in known:
                continue
            in_file = rid in known[v].get("perspectives", [])
            if in_file != (v in rv):
                problems.append(
                    f"{where}: reference perspective {rid!r} and {vname} disagree about voice {v!r} "
                    f"({'listed' if v in rv else 'not listed'} here, "
                    f"{'listed' if in_file else 'not listed'} in the voice's 'perspectives'); make them agree"
                )
    if isinstance(g.get("min_matches"), int) and g["min_matches"] > len(ids):
        problems.append(
            f"{where}: scoring.grouping.min_matches is {g['min_matches']} but there are only {len(ids)} "
            "reference perspectives"
        )

    # missing perspectives
    miss = spec.get("missing_perspectives")
    if not isinstance(miss, list) or not miss:
        problems.append(f"{where}: needs a non-empty list 'missing_perspectives' (with names and cue words)")
    else:
        mids: set[str] = set()
        for n, m in enumerate(miss, 1):
            if not isinstance(m, dict) or not isinstance(m.get("id"), str):
                problems.append(f"{where}: missing perspective {n} needs an 'id'")
                continue
            if m["id"] in mids:
                problems.append(f"{where}: missing perspective id {m['id']!r} is used twice")
            mids.add(m["id"])
            problems += _need_texts(f"{where}: missing perspective {m['id']!r}", m, ("name",))
            problems += _need_cues(f"{where}: missing perspective {m['id']!r}", m.get("cues"))

    # learner-facing strings
    ui = spec.get("ui") if isinstance(spec.get("ui"), dict) else {}
    problems += _need_texts(f"{where}: 'ui'", ui, tuple(k for k in UI_KEYS))
    fb = spec.get("feedback") if isinstance(spec.get("feedback"), dict) else {}
    problems += _need_texts(f"{where}: 'feedback'", fb, FEEDBACK_KEYS)
    labels = spec.get("group_labels", {})
    if not isinstance(labels, dict) or any(not isinstance(labels.get(lang, []), list) for lang in LANGS):
        problems.append(f'{where}: \'group_labels\' must be {{"sv": [...], "en": [...]}}')
    return problems
