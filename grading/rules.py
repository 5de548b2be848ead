"""Cue rules: compile the per-criterion patterns from the item JSON and match them in sentences.

Pattern mini-language (kept small so the JSON stays readable; see docs/grader.md):
  ``~``      any word characters (a stem ending: ``lyssna~`` matches lyssnar, lyssnade, lyssnandet)
  space      one or more non-word characters between two words
  `` .. ``   a gap of up to three words;  `` ... `` a gap of up to eight words
  otherwise ordinary Python regular expressions; every pattern starts at a word boundary.
  A leading ``!`` switches off the negation check for that pattern (it carries its own negation).

A hit is *negated* when a negator (inte, aldrig, not, never, n't, no …) stands in the few words
before it in the same clause, or right after it (Swedish "jag frågade inte"); "inte bara"/"not only"
do not negate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, cached_property

from .text import lexicon, negators

try:  # Python 3.11+
    import re._parser as _sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover - Python 3.10
    import sre_parse as _sre_parse  # type: ignore[no-redef]

_GAP3 = r"(?:[\W_]+\w+){0,3}[\W_]+"
_GAP8 = r"(?:[\W_]+\w+){0,8}[\W_]+"
_CLAUSE_CHARS = re.compile(r"[,;:.!?()\[\]–—\n\"“”«»]")
_TOK = re.compile(r"\w+(?:'\w+)?")
_POST_NEG = frozenset({"inte", "ej", "aldrig", "not", "never", "icke"})


_CONCEPT = re.compile(r"\{([a-z_][a-z0-9_]*)\}")  # digits allowed after the first letter: "r5a_…"


@cache
def concepts() -> dict[str, str]:
    """Synonym lists per concept (lexicon.json "concepts"), each an alternation of word patterns in
    both languages. A cue pattern names one as ``{feeling}``; it is expanded before compiling."""
    raw = lexicon().get("concepts", {})
    out = {}
    for name, langs in raw.items():
        if name.startswith("_"):
            continue
        words = [w for ws in langs.values() for w in ws] if isinstance(langs, dict) else list(langs)
        out[name] = "(" + "|".join(sorted(set(words), key=len, reverse=True)) + ")"
    return out


def expand_concepts(src: str) -> str:
    known = concepts()

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in known:
            raise ValueError(f"Unknown concept {{{m.group(1)}}} in cue pattern {src!r}")
        return known[m.group(1)]

    return _CONCEPT.sub(sub, src)


def compile_pattern(src: str) -> tuple[re.Pattern[str], bool]:
    check_negation = True
    if src.startswith("!"):
        check_negation = False
        src = src[1:]
    src = expand_concepts(src)
    body = src.replace(" ... ", "\x01").replace(" .. ", "\x02")
    body = body.replace("~", r"\w*").replace(" ", r"[\W_]+")
    body = body.replace("\x01", _GAP8).replace("\x02", _GAP3)
    return re.compile(r"(?<!\w)(?:" + body + ")"), check_negation


@dataclass(frozen=True)
class Pattern:
    source: str  # as written in the item file
    weight: float
    check_negation: bool
    cap: int = 1  # >1: every non-negated occurrence counts, up to `cap` occurrences

    @cached_property
    def regex(self) -> re.Pattern[str]:
        """Compiled on first use, so loading the bank stays cheap (an item compiles when first scored)."""
        return compile_pattern(self.source)[0]

    @cached_property
    def prefixes(self) -> tuple[str, ...] | None:
        """Literal strings one of which must occur wherever the pattern matches (None: no filter).

        Checking them with `in` is much cheaper than running the regular expression, and most
        sentences contain none of a pattern's first words."""
        return literal_prefixes(self.regex.pattern)

    @cached_property
    def first_words(self) -> frozenset[str] | None:
        """Word starts one of which must begin some token of any text the pattern matches."""
        try:
            parsed = _sre_parse.parse(self.regex.pattern)
        except Exception:  # pragma: no cover
            return None
        found = _required_words(list(parsed))
        return frozenset(found) if found else None

    def search(self, text: str, starts: frozenset[str] | None = None) -> re.Match[str] | None:
        """Search `text`; `starts` (all prefixes of its tokens) lets most patterns skip the regex."""
        if starts is not None:
            keys = self.first_words
            if keys is not None and keys.isdisjoint(starts):
                return None
        elif self.prefixes is not None and not any(p in text for p in self.prefixes):
            return None
        return self.regex.search(text)


@dataclass(frozen=True)
class Rule:
    mode: str  # "evidence" or "guard"
    threshold: float
    scope: str  # "sentence" or "text"
    pos: tuple[Pattern, ...]
    neg: tuple[Pattern, ...]
    requires: tuple[Pattern, ...]
    neg_scope: str = "all"  # "said": look for the unwanted move only in the words said back
    neg_any: tuple[Pattern, ...] = ()  # unwanted moves looked for everywhere, whatever neg_scope
    unsure_without: tuple[Pattern, ...] = ()  # guard met, but none of these anywhere: flag for review
    unsure_unless_met: tuple[str, ...] = ()  # guard met, but none of these criteria met: flag
    # scope "pair": the next sentence lends its cues only when it opens with one of these (a result
    # link such as "Then …", "Följd: …"), so two unrelated neighbours do not add up
    link: tuple[Pattern, ...] = ()
    void: tuple[Pattern, ...] = ()  # a sentence with one of these lends no cue to this criterion
    near: float = 0.0  # review: not met but this close to the threshold is a near miss (0: review.BORDER)

    @property
    def all_patterns(self) -> tuple[Pattern, ...]:
        return (
            self.pos + self.neg + self.requires + self.neg_any + self.unsure_without + self.link + self.void
        )


_MAX_PREFIXES = 400
_WORD_START = re.compile(r"\w+")


def token_starts(norm: str) -> frozenset[str]:
    """Every prefix (of two or more characters) of every word in `norm`."""
    out = set()
    for w in _TOK_WORD.findall(norm):
        for i in range(2, len(w) + 1):
            out.add(w[:i])
    return frozenset(out)


_TOK_WORD = re.compile(r"\w+")


def literal_prefixes(pattern: str) -> tuple[str, ...] | None:
    """All literal strings a match of `pattern` must start with, if the pattern allows computing
    them (alternations of literal words do); None when some branch starts with a class or repeat."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # pragma: no cover - compile_pattern already validated it
        return None
    result = _prefixes(list(parsed))
    if result is None:
        return None
    found, _ = result
    if not found or any(len(x) < 2 for x in found) or len(found) > _MAX_PREFIXES:
        return None
    return tuple(sorted(found))


def _leading_words(items: list) -> set[str] | None:
    """The words a match of this sequence can start with (None if it may start otherwise)."""
    result = _prefixes(items)
    if result is None:
        return None
    words = set()
    for x in result[0]:
        m = _WORD_START.match(x)
        if not m or len(m.group(0)) < 2:
            return None
        words.add(m.group(0))
    return words or None


def _selectivity(words: set[str]) -> int:
    """Longer words are rarer; a set with a common function word filters almost nothing."""
    from .text import all_function_words

    common = all_function_words()
    if any(w in common for w in words):
        return 0
    return min(len(w) for w in words)


def _required_words(items: list, at_start: bool = True) -> set[str] | None:
    """A set of word starts of which at least one must occur in any match of the sequence,
    choosing the most selective (longest shortest word) among the mandatory parts. `at_start` says
    whether the sequence itself begins at the start of a word."""
    candidates: list[set[str]] = []
    prev: tuple | None = None  # the previous item that is not a zero-width assertion
    for i, (op, av) in enumerate(items):
        name = str(op)
        if name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        word_start = at_start if prev is None else _is_separator(prev)
        if name == "BRANCH":
            union: set[str] = set()
            for branch in av[1]:
                sub = _required_words(list(branch), word_start)
                if sub is None:
                    union = set()
                    break
                union |= sub
            if union:
                candidates.append(union)
        elif name == "SUBPATTERN":
            sub = _required_words(list(av[3]), word_start)
            if sub:
                candidates.append(sub)
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and av[0] >= 1:
            sub = _required_words(list(av[2]), word_start)
            if sub:
                candidates.append(sub)
        elif name == "LITERAL" and word_start:
            lead = _leading_words(items[i:])
            if lead:
                candidates.append(lead)
        prev = (op, av)
    if not candidates:
        return None
    return max(candidates, key=_selectivity)


def _is_separator(item: tuple) -> bool:
    """True when the item only matches non-word characters (so a word starts right after it)."""
    op, av = item
    name = str(op)
    if name == "LITERAL":
        return not (chr(av).isalnum() or chr(av) == "_")
    if name in ("MAX_REPEAT", "MIN_REPEAT") and av[0] >= 1:
        inner = list(av[2])
        return len(inner) == 1 and _is_separator(inner[0])
    if name == "IN":
        return any(str(o) == "CATEGORY" and str(a) == "CATEGORY_NOT_WORD" for o, a in av) and all(
            str(o) in ("CATEGORY", "LITERAL") and (str(o) != "LITERAL" or not chr(a).isalnum()) for o, a in av
        )
    return False


def _prefixes(items: list) -> tuple[set[str], bool] | None:
    """(prefixes, complete) for a parsed sequence; complete = the whole sequence was literal."""
    current = {""}
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            current = {c + chr(av) for c in current}
        elif name in ("ASSERT", "ASSERT_NOT", "AT"):
            continue
        elif name == "SUBPATTERN":
            sub = _prefixes(list(av[3]))
            if sub is None:
                return (current, False) if current != {""} else None
            subs, complete = sub
            current = {c + x for c in current for x in subs}
            if len(current) > _MAX_PREFIXES:
                return None
            if not complete:
                return current, False
        elif name == "BRANCH":
            union: set[str] = set()
            complete = True
            for branch in av[1]:
                sub = _prefixes(list(branch))
                if sub is None:
                    return (current, False) if current != {""} else None
                union |= sub[0]
                complete = complete and sub[1]
            current = {c + x for c in current for x in union}
            if len(current) > _MAX_PREFIXES:
                return None
            if not complete:
                return current, False
        else:
            return (current, False) if current != {""} else None
    return current, True


def _patterns(raw: list) -> tuple[Pattern, ...]:
    out = []
    for entry in raw:
        if isinstance(entry, str):
            entry = [entry]
        src = entry[0]
        weight = float(entry[1]) if len(entry) > 1 else 1.0
        cap = int(entry[2]) if len(entry) > 2 else 1
        check = not src.startswith("!")
        out.append(Pattern(src, weight, check, cap))
    return tuple(out)


def build_rule(raw: dict) -> Rule:
    return Rule(
        mode=raw.get("mode", "evidence"),
        threshold=float(raw.get("threshold", 1.0)),
        scope=raw.get("scope", "sentence"),
        pos=_patterns(raw.get("pos", [])),
        neg=_patterns(raw.get("neg", [])),
        requires=_patterns(raw.get("requires", [])),
        neg_scope=raw.get("neg_scope", "all"),
        neg_any=_patterns(raw.get("neg_any", [])),
        unsure_without=_patterns(raw.get("unsure_without", [])),
        unsure_unless_met=tuple(raw.get("unsure_unless_met", [])),
        link=_patterns(raw.get("link", [])),
        near=float(raw.get("near", 0.0)),
        void=_patterns(raw.get("void", [])),
    )


@cache
def _clause_breakers() -> frozenset[str]:
    return frozenset(lexicon()["clause_breakers"])


@cache
def _object_stop() -> frozenset[str]:
    return frozenset(lexicon().get("negation_object_stop", []))


@cache
def _neg_exceptions() -> frozenset[str]:
    return frozenset(lexicon()["negation_exceptions"])


@cache
def rejection_patterns() -> tuple[Pattern, ...]:
    return _patterns(lexicon().get("rejection", []))


@cache
def hypothetical_patterns() -> tuple[Pattern, ...]:
    return _patterns(lexicon().get("hypothetical", []))


def _is_negator(tok: str) -> bool:
    return tok in negators() or tok.endswith("n't")


NEGATION_WINDOW = 5  # words before a cue in which a negator voids it


def is_negated(norm: str, start: int, end: int, window: int = NEGATION_WINDOW) -> bool:
    before = norm[:start]
    cut = None
    for m in _CLAUSE_CHARS.finditer(before):
        cut = m.end()
    if cut is not None:
        before = before[cut:]
    toks = _TOK.findall(before)
    breakers = _clause_breakers()
    for i in range(len(toks) - 1, -1, -1):
        if toks[i] in breakers:
            toks = toks[i + 1 :]
            break
    toks = toks[-window:]
    exceptions = _neg_exceptions()
    object_stop = _object_stop()
    for i, tok in enumerate(toks):
        if _is_negator(tok):
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if nxt in exceptions:
                continue
            if tok in ("without", "utan") and nxt in object_stop and i + 2 < len(toks):
                continue  # "without them, the picture narrows": only "them" is negated
            if tok == "utan" and i == 0 and cut is not None and _is_conjunction_utan(nxt):
                continue  # "inte X, utan börjar med Y": "utan" = "but instead", Y is done
            return True
    after = norm[end:]
    m = _CLAUSE_CHARS.search(after)
    if m:
        after = after[: m.start()]
    post = _TOK.findall(after)[:2]
    if post and post[0] in _POST_NEG:
        nxt = post[1] if len(post) > 1 else ""
        if nxt not in exceptions:
            return True
    return False


_SUBJECTS_SV = frozenset({"jag", "vi", "man", "de", "dom", "ni", "du", "hen", "han", "hon", "det"})


def _is_conjunction_utan(nxt: str) -> bool:
    """Clause-initial "utan" before a subject or a verb ("…, utan frågar", "…, utan jag ber", "…,
    utan fråga") is the conjunction "but instead"; before "att" or most nouns it is "without"."""
    # "…, utan frågar" (present) or "skulle inte X, utan fråga" (infinitive after a modal)
    return nxt in _SUBJECTS_SV or (
        len(nxt) > 3 and nxt.endswith(("ar", "er", "ir", "or", "a")) and nxt != "andra"
    )


@cache
def _frame_verbs() -> frozenset[str]:
    raw = lexicon().get("frame_verbs", {})
    return frozenset(w for k, ws in raw.items() if not k.startswith("_") for w in ws)


def in_negated_frame(norm: str, start: int) -> bool:
    """True when, earlier in the clause, the learner negates a verb of saying or doing ("I would not
    tell them that you can say no", "jag säger inte att …"): what follows is refused, not done."""
    before = norm[:start]
    cut = None
    for m in _CLAUSE_CHARS.finditer(before):
        cut = m.end()
    toks = _TOK.findall(before[cut:] if cut is not None else before)
    verbs = _frame_verbs()
    exceptions = _neg_exceptions()
    for i, tok in enumerate(toks):
        if not _is_negator(tok) or tok in ("without", "utan", "no", "nobody", "ingen", "inget", "inga"):
            continue
        if i + 1 < len(toks) and toks[i + 1] in exceptions:
            continue
        # negator before the verb ("would not tell", "won't say") or Swedish verb before it ("säger inte")
        if any(t in verbs for t in toks[i + 1 : i + 3]) or (i > 0 and toks[i - 1] in verbs):
            return True
    return False


_CONDITION = frozenset({"if", "unless", "ifall", "såvida"})
# Swedish "om" is also "about" ("prata om"): it opens a condition only before a subject
_OM_SUBJECTS = frozenset({"vi", "jag", "man", "de", "dom", "ni", "du", "hen", "han", "hon"})


def in_condition(norm: str, start: int) -> bool:
    """True when the words before `start` in its clause open a condition ("if we skip them", "om vi
    hoppar över dem"): what follows is supposed, not done or refused."""
    before = norm[:start]
    cut = None
    for m in _CLAUSE_CHARS.finditer(before):
        cut = m.end()
    toks = _TOK.findall(before[cut:] if cut is not None else before)[-6:]
    return any(
        t in _CONDITION or (t == "om" and i + 1 < len(toks) and toks[i + 1] in _OM_SUBJECTS)
        for i, t in enumerate(toks)
    )


@dataclass(frozen=True)
class Hit:
    pattern: str
    weight: float
    start: int
    end: int
    negated: bool
    limit: float = 0.0  # the most this pattern may add up to over a whole text


def find_hits(patterns: tuple[Pattern, ...], norm: str, starts: frozenset[str] | None = None) -> list[Hit]:
    hits = []
    for p in patterns:
        if p.cap > 1:
            n = 0
            first = None
            if p.search(norm, starts) is None:
                continue
            for m in p.regex.finditer(norm):
                if not p.check_negation or not is_negated(norm, m.start(), m.end()):
                    n += 1
                    first = first or m
                    if n >= p.cap:
                        break
            if first is not None:
                hits.append(Hit(p.source, p.weight * n, first.start(), first.end(), False, p.weight * p.cap))
            continue
        m = p.search(norm, starts)
        if m is None:
            continue
        if in_negated_frame(norm, m.start()):
            hits.append(Hit(p.source, p.weight, m.start(), m.end(), True, p.weight))
            continue
        negated = False
        if p.check_negation:
            # take the first non-negated occurrence if there is one
            negated = is_negated(norm, m.start(), m.end())
            if negated:
                for m2 in p.regex.finditer(norm, m.end()):
                    if not is_negated(norm, m2.start(), m2.end()):
                        m, negated = m2, False
                        break
        hits.append(Hit(p.source, p.weight, m.start(), m.end(), negated, p.weight))
    return hits


def hit_score(hits: list[Hit]) -> float:
    """Summed weight of the non-negated hits. Two strong cues (weight >= 1) on the same words - one
    lying inside the other, e.g. two patterns for "tar fram ... konkreta alternativ", or the Swedish
    and the English list both knowing "charrette" - are one piece of evidence and count once.
    Weaker component cues (a marker plus a group word) add up as designed."""
    live = sorted((h.start, -h.end, h.weight) for h in hits if not h.negated)
    total = 0.0
    strong: list[tuple[int, int]] = []  # spans of strong cues already counted
    for start, neg_end, weight in live:
        end = -neg_end
        if weight >= 1.0:
            if any(s <= start and end <= e for s, e in strong):
                continue
            strong.append((start, end))
        total += weight
    return total
