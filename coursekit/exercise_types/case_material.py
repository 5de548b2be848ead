"""Case material: shared voices from the inventory in Backa (e.g. exercises/inventory-voices.json).

Not graded by itself (0 points); other exercises read its voices by id. `validate` checks what a
trainer edits: every voice has an id, a "who" and an excerpt of two to four sentences in both
languages, and names the perspectives it expresses (ids from the file's own glossary).
"""

from __future__ import annotations

import re
from typing import Any

from ..exercises import ExerciseResult

LANGS = ("sv", "en")
_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,40}$")
_SENTENCE = re.compile(r"[^.!?…]+[.!?…]+[”\"»']?")


def sentences(text: str) -> int:
    """Roughly how many sentences a short excerpt has (enough to keep excerpts short)."""
    return len([s for s in _SENTENCE.findall(text or "") if s.strip(" .!?…\"”»'")])


def voices(spec: dict) -> dict[str, dict]:
    """The voices of a case-material file by id, in file order."""
    return {v["id"]: v for v in spec.get("voices", []) if isinstance(v, dict) and "id" in v}


def perspective_ids(spec: dict) -> set[str]:
    return {p.get("id") for p in spec.get("perspectives", []) if isinstance(p, dict)}


def score(spec: dict, answer: Any, lang: str) -> ExerciseResult:
    """Case material has nothing to answer; it is always complete and worth nothing."""
    return ExerciseResult(0.0, 0.0, True, [], {})


def _texts(where: str, obj: dict, fields: tuple[str, ...]) -> list[str]:
    problems = []
    for fld in fields:
        value = obj.get(fld)
        for lang in LANGS:
            if not isinstance(value, dict) or not isinstance(value.get(lang), str) or not value[lang].strip():
                problems.append(f"{where} lacks {fld!r} in {lang} (give it as {{'sv': '...', 'en': '...'}})")
    return problems


def validate(spec: dict) -> list[str]:
    sid = spec.get("id", "?")
    where = f"exercises/{sid}.json"
    problems = _texts(where, spec, ("note",))
    glossary = spec.get("perspectives")
    if not isinstance(glossary, list) or not glossary:
        problems.append(f"{where}: needs a list 'perspectives' naming every perspective id the voices use")
        glossary = []
    seen: set[str] = set()
    for n, p in enumerate(glossary, 1):
        if not isinstance(p, dict) or not isinstance(p.get("id"), str) or not _ID.match(p["id"]):
            problems.append(f"{where}: perspective {n} needs an 'id' of lower-case letters, digits, hyphens")
            continue
        if p["id"] in seen:
            problems.append(f"{where}: perspective id {p['id']!r} is used twice")
        seen.add(p["id"])
        problems += _texts(f"{where}: perspective {p['id']!r}", p, ("name",))
    items = spec.get("voices")
    if not isinstance(items, list) or not items:
        return problems + [f"{where}: needs a non-empty list 'voices'"]
    ids: set[str] = set()
    for n, v in enumerate(items, 1):
        if not isinstance(v, dict) or not isinstance(v.get("id"), str) or not _ID.match(v["id"]):
            problems.append(f"{where}: voice {n} needs an 'id' of lower-case letters, digits and hyphens")
            continue
        vid = v["id"]
        if vid in ids:
            problems.append(f"{where}: voice id {vid!r} is used twice")
        ids.add(vid)
        problems += _texts(f"{where}: voice {vid!r}", v, ("who", "excerpt"))
        for lang in LANGS:
            text = (v.get("excerpt") or {}).get(lang) if isinstance(v.get("excerpt"), dict) else None
            if isinstance(text, str) and text.strip() and not 2 <= sentences(text) <= 4:
                problems.append(
                    f"{where}: voice {vid!r} excerpt in {lang} has {sentences(text)} sentences; "
                    "keep it to 2–4"
                )
        persp = v.get("perspectives")
        if not isinstance(persp, list) or not persp:
            problems.append(f"{where}: voice {vid!r} needs a non-empty list 'perspectives' (perspective ids)")
            continue
        unknown = [p for p in persp if p not in seen]
        if unknown:
            problems.append(
                f"{where}: voice {vid!r} names unknown perspectives {unknown}; add them to 'perspectives' "
                f"or use one of {sorted(seen)}"
            )
    return problems
