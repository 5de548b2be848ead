"""The course held to its own vocabulary: `course/glossary.json` against every learner-facing text.

What a trainer would otherwise have to catch by reading nine modules side by side:
- the resistance line's stages and the decision steps: the same names in every exercise file, and in
  the same order wherever a sentence or a numbered list names three or more of them;
- terms fixed by the source (empati, konsultativ, legitima …), forbidden variants and required terms;
- Swedish quotation marks (”…”) in every Swedish string;
- multiple-choice items whose correct option gives itself away by its length.

Every function takes the texts or specs it judges, so tests can plant an inconsistency; `problems()`
runs them all on the repository's files. Problems are sentences that name the file and what to change.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from functools import cache
from pathlib import Path
from typing import Any

from .content import LANGS, catalogue, module_text
from .paths import COURSE, EXERCISES, REPO

# (where, lang, text): one learner-facing string, and where a trainer finds it.
Text = tuple[str, str, str]

# Per-item length ratio (mean correct / mean other options) outside this band gives the answer away.
MAX_RATIO = 1.5
MIN_RATIO = 1 / MAX_RATIO

_SENTENCE = re.compile(r"(?<=[.!?…])\s+|\n+")
_ORDERED_ITEM = re.compile(r"^\s*\d+\.\s+(.*)$")
_BOLD_LEAD = re.compile(r"^\*\*(.+?)\*\*")


@cache
def glossary() -> dict:
    return json.loads((COURSE / "glossary.json").read_text(encoding="utf-8"))


# -- the texts ---------------------------------------------------------------------------------------


def _walk(node: Any, path: str) -> Iterator[tuple[str, str, str]]:
    """(path, lang, text) for every {"sv": str, "en": str} in a JSON tree; keys starting with _ are notes."""
    if isinstance(node, dict):
        if all(isinstance(node.get(lang), str) for lang in LANGS):
            for lang in LANGS:
                yield path, lang, node[lang]
            return
        for key, value in node.items():
            if not key.startswith("_"):
                yield from _walk(value, f"{path}.{key}" if path else key)
    elif isinstance(node, list):
        for i, value in enumerate(node):
            label = value.get("id") if isinstance(value, dict) and isinstance(value.get("id"), str) else i
            yield from _walk(value, f"{path}[{label}]")


def json_texts(rel: str, data: Any) -> Iterator[Text]:
    for path, lang, text in _walk(data, ""):
        yield f"{rel} {path} ({lang})", lang, text


def module_texts(module_id: str) -> Iterator[Text]:
    for lang in LANGS:
        text = module_text(module_id, lang)
        yield f"course/content/{module_id}/{lang}.md (title)", lang, text.title
        for sid, body in text.sections.items():
            yield f"course/content/{module_id}/{lang}.md (section {sid})", lang, body


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def exercise_specs() -> dict[str, dict]:
    return {p.stem: _load(p) for p in sorted(EXERCISES.glob("*.json"))}


def repository_texts() -> list[Text]:
    """Every learner-facing string: module texts, exercises, the graders' prompts and advice, widget UI,
    the trainer guide."""
    texts: list[Text] = []
    for mid in ["home", *(m.id for m in catalogue())]:
        texts += module_texts(mid)
    for eid, spec in exercise_specs().items():
        texts += json_texts(f"exercises/{eid}.json", spec)
    # Grading items: only what learners see; cues, rules and exemplars are not {"sv","en"} strings.
    for p in sorted((REPO / "grading" / "items").glob("*.json")):
        texts += json_texts(f"grading/items/{p.name}", _load(p))
    for p in sorted((REPO / "widgets").glob("*.json")):
        texts += json_texts(f"widgets/{p.name}", _load(p))
    texts += json_texts("course/trainer-guide.json", _load(COURSE / "trainer-guide.json"))
    return texts


# -- terms and quotation marks -----------------------------------------------------------------------


def term_problems(texts: Iterable[Text], gloss: dict | None = None) -> list[str]:
    gloss = gloss or glossary()
    problems = []
    rules = [
        (lang, re.compile(pat, re.IGNORECASE), term)
        for term in gloss.get("terms", [])
        for lang, pats in term.get("forbidden", {}).items()
        for pat in pats
    ]
    quotes = gloss.get("quotes", {}).get("sv_forbidden", [])
    for where, lang, text in texts:
        for rule_lang, rx, term in rules:
            if rule_lang == lang and (m := rx.search(text)):
                problems.append(
                    f"{where}: {m.group(0)!r} – the course writes {term[lang]!r} ({term.get('source', 'glossary')})"
                )
        if lang == "sv":
            bad = sorted({q for q in quotes if q in text})
            if bad:
                problems.append(f"{where}: Swedish text uses {' '.join(bad)} – quote with ”…” instead")
    return problems


def required_problems(texts: Iterable[Text], gloss: dict | None = None) -> list[str]:
    gloss = gloss or glossary()
    texts = list(texts)
    problems = []
    for req in gloss.get("required", []):
        for mid in req.get("modules", []):
            for lang in LANGS:
                prefix = f"course/content/{mid}/{lang}.md"
                body = " ".join(t for w, lg, t in texts if lg == lang and w.startswith(prefix))
                if req[lang].lower() not in body.lower():
                    problems.append(
                        f"{prefix}: use the term {req[lang]!r} at least once ({req.get('why', '')})"
                    )
    return problems


# -- stages and steps: names and order ---------------------------------------------------------------


def _vocabularies(gloss: dict) -> dict[str, list[dict]]:
    return {
        "resistance-line stages": gloss["resistance_line"]["stages"],
        "decision steps": gloss["decision_steps"]["steps"],
    }


def _first_hits(text: str, entries: list[dict], lang: str) -> list[tuple[int, int]]:
    """(position, canonical index) of the first mention of each entry named in `text`."""
    hits = []
    for i, entry in enumerate(entries):
        spots = [m.start() for pat in entry["markers"][lang] for m in re.finditer(pat, text, re.IGNORECASE)]
        if spots:
            hits.append((min(spots), i))
    return sorted(hits)


def _units(text: str) -> Iterator[tuple[str, list[str]]]:
    """('sentence', [sentence]) for each sentence, and ('list', [item, …]) for each numbered list."""
    items: list[str] = []
    for line in text.splitlines() + [""]:
        m = _ORDERED_ITEM.match(line)
        if m:
            items.append(m.group(1))
            continue
        if items and line.strip() and line.startswith((" ", "\t")):
            items[-1] += " " + line.strip()
            continue
        if len(items) >= 3:
            yield "list", items
        items = []
    for sentence in _SENTENCE.split(text):
        if sentence.strip():
            yield "sentence", [sentence]


def sequence_problems(texts: Iterable[Text], gloss: dict | None = None) -> list[str]:
    """Stages and steps named in the wrong order, or a numbered list that renames one of them."""
    gloss = gloss or glossary()
    problems = []
    for where, lang, text in texts:
        for kind, entries in _vocabularies(gloss).items():
            canon = [e[lang] for e in entries]
            for unit, parts in _units(text):
                if unit == "sentence":
                    order = [i for _, i in _first_hits(parts[0], entries, lang)]
                    quote = parts[0].strip()
                else:
                    order = []
                    for item in parts:
                        lead = _BOLD_LEAD.match(item.strip())
                        found = _first_hits(lead.group(1) if lead else item, entries, lang)
                        if lead and found:
                            name = lead.group(1).strip().rstrip(".:").strip()
                            want = canon[found[0][1]]
                            # A shortened name ("Minoritetens visdom") is fine; other wording is not.
                            if name.lower() not in want.lower() and want.lower() not in name.lower():
                                problems.append(f"{where}: the list item {name!r} should be named {want!r}")
                        if found:
                            order.append(found[0][1])
                    quote = " / ".join(p[:40] for p in parts)
                if len(set(order)) >= 3 and order != sorted(order):
                    named = ", ".join(canon[i] for i in dict.fromkeys(order))
                    problems.append(
                        f"{where}: names the {kind} in the order {named}; the course's order is "
                        f"{' → '.join(canon)} – in: {quote[:120]!r}"
                    )
    return problems


def structure_problems(specs: dict[str, dict], gloss: dict | None = None) -> list[str]:
    """The exercise files that list the stages or the steps list exactly the glossary's ones."""
    gloss = gloss or glossary()
    stages = gloss["resistance_line"]["stages"]
    steps = gloss["decision_steps"]["steps"]
    problems = []

    def same(where: str, got: list, want: list, what: str) -> None:
        if got != want:
            problems.append(f"{where}: {what} must be exactly {want} (course/glossary.json); found {got}")

    for eid, spec in specs.items():
        where = f"exercises/{eid}.json"
        if spec.get("type") == "charrette":
            got_steps = [
                (s.get("id"), (s.get("label") or {}).get("sv"), (s.get("label") or {}).get("en"))
                for s in spec.get("steps", [])
            ]
            same(where, got_steps, [(s["id"], s["sv"], s["en"]) for s in steps], "the decision steps")
            line = (spec.get("resistance_line") or {}).get("stages", [])
            got = [((s.get("label") or {}).get("sv"), (s.get("label") or {}).get("en")) for s in line]
            same(where, got, [(s["sv"], s["en"]) for s in stages], "the resistance-line stages")
        if spec.get("type") == "resistance-line":
            got = [
                (s.get("id"), (s.get("name") or {}).get("sv"), (s.get("name") or {}).get("en"))
                for s in spec.get("stages", [])
            ]
            same(where, got, [(s["id"], s["sv"], s["en"]) for s in stages[1:]], "the resistance-line stages")
            voiced = ((spec.get("escalation") or {}).get("voiced") or {}).get("name") or {}
            same(
                where,
                [(voiced.get("sv"), voiced.get("en"))],
                [(stages[0]["sv"], stages[0]["en"])],
                "the top of the line (escalation.voiced.name)",
            )
    return problems


# -- multiple choice: does the length give the answer away? ------------------------------------------


def choice_items(spec: dict) -> list[tuple[str, list[tuple[dict, bool]]]]:
    """(item id, [(option text, correct)]) for every multiple-choice item in an exercise spec."""
    kind = spec.get("type")
    if kind == "case-steps":
        return [(s["id"], [(o["text"], bool(o.get("correct"))) for o in s["options"]]) for s in spec["steps"]]
    if kind == "charrette":
        # The moves at each point of the meeting; the moves that help are the "correct" ones.
        return [(n["id"], [(m["label"], bool(m.get("helps"))) for m in n["moves"]]) for n in spec["nodes"]]
    # classify: every case offers the same category labels, so their lengths cannot point to an answer.
    return []


def length_stats(items: list[tuple[str, list[tuple[dict, bool]]]], lang: str) -> dict:
    """How often a correct option is the longest, against what chance would give, and per-item ratios."""
    longest = 0
    expected = 0.0
    variance = 0.0
    ratios = {}
    for item_id, options in items:
        lengths = [(len(text[lang]), ok) for text, ok in options]
        good = [n for n, ok in lengths if ok]
        other = [n for n, ok in lengths if not ok]
        if not good or not other:
            continue
        p = len(good) / len(lengths)
        expected += p
        variance += p * (1 - p)
        longest += max(good) > max(other)
        ratios[item_id] = (sum(good) / len(good)) / (sum(other) / len(other))
    # One-sided bound: chance plus 1.5 standard deviations, and never less than one item of slack.
    allowed = math.floor(expected + max(1.0, 1.5 * math.sqrt(variance)))
    return {"longest": longest, "expected": expected, "allowed": allowed, "ratios": ratios}


def option_length_problems(specs: dict[str, dict]) -> list[str]:
    problems = []
    for eid, spec in specs.items():
        items = choice_items(spec)
        if not items:
            continue
        for lang in LANGS:
            stats = length_stats(items, lang)
            where = f"exercises/{eid}.json ({lang})"
            if stats["longest"] > stats["allowed"]:
                problems.append(
                    f"{where}: a correct option is the longest in {stats['longest']} of {len(items)} items "
                    f"(chance gives about {stats['expected']:.1f}; at most {stats['allowed']} allowed) – "
                    "lengthen the other options or shorten the correct ones"
                )
            for item_id, r in stats["ratios"].items():
                if not MIN_RATIO <= r <= MAX_RATIO:
                    side = "longer" if r > 1 else "shorter"
                    problems.append(
                        f"{where}: in {item_id!r} the correct option is {r:.1f} times as long as the others "
                        f"on average ({side} than {MAX_RATIO:.1f} allows) – even out the lengths"
                    )
    return problems


def problems() -> list[str]:
    texts = repository_texts()
    specs = exercise_specs()
    return (
        term_problems(texts)
        + required_problems(texts)
        + sequence_problems(texts)
        + structure_problems(specs)
        + option_length_problems(specs)
    )
