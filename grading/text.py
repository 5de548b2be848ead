"""Text handling shared by the guards and the rules: normalising, sentences, tokens, language guess.

Everything here is plain regular expressions plus the word lists in lexicon.json, so it loads in a
few milliseconds. The heavier language identifier (py3langid) is only loaded when a text does not
look like Swedish or English from its function words (see `guess_language`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?|\d+", re.UNICODE)
# no break after "t.ex.", "e.g.", "bl.a.", "i.e.", "dvs.": abbreviations inside a sentence
_SENT_SPLIT = re.compile(
    r"(?<!\bt\.ex\.)(?<!\be\.g\.)(?<!\bi\.e\.)(?<!\bbl\.a\.)(?<!\bdvs\.)(?<!\bd\.v\.s\.)"
    r"(?<=[.!?…])[\"”»']?\s+|\n+|(?<=:)\s+(?=[\"”“»«-])|\s+•\s+(?=\w)"
)
_BULLET = re.compile(
    r"^\s*(?:[-–•*]+|\d+[.)]|steg \d+[.:]?|step \d+[.:]?|fas \d+[.:,]?|phase \d+[.:,]?)\s*", re.I
)
_SPACES = re.compile(r"[ \t\u00a0]+")


@cache
def lexicon() -> dict[str, Any]:
    raw = resources.files("grading").joinpath("lexicon.json").read_text(encoding="utf-8")
    return json.loads(raw)


@cache
def _spoken_map() -> dict[str, str]:
    lex = lexicon()
    merged: dict[str, str] = {}
    for lang in ("sv", "en"):
        merged.update({k: v for k, v in lex["spoken"][lang].items() if k != v})
    return merged


@cache
def function_words() -> dict[str, frozenset[str]]:
    lex = lexicon()
    return {lang: frozenset(ws) for lang, ws in lex["function_words"].items()}


@cache
def all_function_words() -> frozenset[str]:
    fw = function_words()
    return fw["sv"] | fw["en"]


@cache
def negators() -> frozenset[str]:
    lex = lexicon()
    return frozenset(lex["negators"]["sv"] + lex["negators"]["en"])


@cache
def first_person() -> frozenset[str]:
    return frozenset(lexicon()["first_person"])


def count_first_person(toks: list[str]) -> int:
    """First-person words; English "i" only counts when the text is not Swedish (sv "i" = "in")."""
    fp = first_person()
    n = sum(1 for t in toks if t in fp and t != "i")
    if "i" in toks:
        sv, en, _ = function_shares(toks)
        if en >= sv:
            n += toks.count("i")
    return n


def clean(text: str) -> str:
    """Unicode-normalise and unify quotes and dashes; keeps the text readable for evidence."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u00b4", "'")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def split_sentences(text: str) -> list[str]:
    """Sentences and bullet points, stripped of list markers."""
    out = []
    for part in _SENT_SPLIT.split(text):
        part = _BULLET.sub("", part.strip()).strip()
        if part:
            out.append(_SPACES.sub(" ", part))
    return out


def tokens(text: str) -> list[str]:
    """Lower-case word tokens (a fresh list; see `sentence_tokens` for the cached version)."""
    return WORD.findall(text.lower().replace("’", "'"))


@lru_cache(maxsize=8192)
def sentence_tokens(sentence: str) -> tuple[str, ...]:
    """`tokens` of one sentence, cached (sentences recur while a learner types)."""
    return tuple(tokens(sentence))


_SPOKEN_RE: re.Pattern[str] | None = None


def _spoken_re() -> re.Pattern[str]:
    global _SPOKEN_RE
    if _SPOKEN_RE is None:
        keys = sorted(_spoken_map(), key=len, reverse=True)
        _SPOKEN_RE = re.compile(r"(?<![\w'])(" + "|".join(re.escape(k) for k in keys) + r")(?![\w'])")
    return _SPOKEN_RE


_JA_VERBS = (
    "skulle|tror|tycker|vill|kan|har|hade|var|är|blev|kände|sa|säger|ska|gör|gjorde|försöker|frågar|"
    "frågade|brukar|lyssnar|minns|tänker|märkte|borde|måste"
)
_JA_VERB = re.compile(r"(?<![\w'])ja(?= (?:" + _JA_VERBS + r")\b)")


_INSTEAD = re.compile(r"(?<!\w)(?:instead of|rather than)(?!\w)")
_INSTEAD_SV = re.compile(r"(?<!\w)(?:i stället för|istället för|snarare än)(?!\w)")
_LONG_WORD = re.compile(r"[^\W\d_]{7,}")
# spoken Swedish intensifier prefixes: "skitarg" -> "skit arg", "superdefensiv" -> "super defensiv"
_INTENSIFIER = re.compile(r"(?<![\w'])(super|jätte|skit|mega|sjukt|asså)(?=[a-zåäö]{3,})")
TYPO_MIN_LEN = 7


@lru_cache(maxsize=8192)
def normalise(sentence: str) -> str:
    """Lower-case text for cue matching: spoken spellings mapped to standard ones, "instead of X" read
    as "not X", and long words one typo away from a word the course uses corrected."""
    low = sentence.lower()
    low = _JA_VERB.sub("jag", low)
    spoken = _spoken_map()
    low = _spoken_re().sub(lambda m: spoken[m.group(1)], low)
    low = _INTENSIFIER.sub(r"\1 ", low)
    low = _INSTEAD.sub("insteadof", low)  # a negator for what follows, not for what precedes
    low = _INSTEAD_SV.sub("istallet", low)
    low = _LONG_WORD.sub(lambda m: correct_typo(m.group(0)), low)
    return _SPACES.sub(" ", low)


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


@cache
def _typo_index() -> tuple[frozenset[str], dict[str, str | None]]:
    """Known words (from every item's prompts, scenarios, topic words, exemplars and cue patterns)
    and an index from each one-letter deletion to the word it came from (None when ambiguous)."""
    from .bank import item_ids, load_item
    from .rules import expand_concepts

    known: set[str] = {"insteadof", "istallet"}  # the markers normalise() writes itself
    for item in item_ids():
        spec = load_item(item)
        texts = list(spec.prompt.values()) + list((spec.scenario or {}).values())
        texts += list(spec.topic_words) + [e.text for e in spec.exemplars]
        for c in spec.criteria:
            sources = [expand_concepts(p.source) for p in c.rule.all_patterns]
            texts += [src for src in sources if "~" not in src]
            texts += [w for src in sources for w in src.split("~")[:-1]]
        for t in texts:
            known.update(w.lower() for w in _LONG_WORD.findall(t))
    index: dict[str, str | None] = {}
    for w in known:
        for d in _deletes(w) | {w}:
            if d in index and index[d] != w:
                index[d] = None
            else:
                index[d] = w
    return frozenset(known), index


_INFLECTIONS = ("s", "e", "d", "g", "n", "t", "a", "r", "y")


def _other_inflection(word: str, fix: str) -> bool:
    """An edit in the last letters of a word with an inflectional ending is usually another form of a
    real word ("correcting", "integrate", "föräldern", "handlarnas"), not a typo of the known one
    ("correction", "integrat~", "förälder"); "perspektv" is still read as "perspektiv"."""
    n = min(len(word), len(fix)) - 3
    return word[:n] == fix[:n] and word.endswith(_INFLECTIONS)


@lru_cache(maxsize=16384)
def correct_typo(word: str) -> str:
    """`word` itself if known or not clearly a typo; else the one known word it is one edit from."""
    known, index = _typo_index()
    if word in known or len(word) < TYPO_MIN_LEN:
        return word
    candidates = {index.get(d) for d in _deletes(word) | {word}} - {None}
    candidates |= {index[word]} if index.get(word) else set()
    if len(candidates) == 1:
        (fix,) = candidates
        if abs(len(fix) - len(word)) <= 1 and fix[0] == word[0] and not _other_inflection(word, fix):
            return fix
    return word


@dataclass(frozen=True)
class LangGuess:
    lang: str  # "sv", "en", "mixed" or another ISO code, or "unknown"
    sv_share: float
    en_share: float
    function_share: float


def function_shares(toks: list[str]) -> tuple[float, float, float]:
    if not toks:
        return 0.0, 0.0, 0.0
    fw = function_words()
    sv_set, en_set = fw["sv"], fw["en"]
    sv = en = both = 0
    for t in toks:
        a = t in sv_set
        b = t in en_set
        sv += a
        en += b
        both += a or b
    n = len(toks)
    return sv / n, en / n, both / n


_LANGID: Any = None


def _langid() -> Any:
    global _LANGID
    if _LANGID is None:
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        _LANGID = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    return _LANGID


def langid_classify(text: str) -> tuple[str, float]:
    lang, prob = _langid().classify(text[:3000])
    return str(lang), float(prob)


def guess_language(text: str, toks: list[str] | None = None) -> LangGuess:
    """Swedish/English from function words; py3langid only when neither clearly fits."""
    toks = tokens(text) if toks is None else toks
    sv, en, both = function_shares(toks)
    nordic = sum(t in _nordic_markers() for t in toks)
    if both >= 0.22 and max(sv, en) >= 0.14 and nordic < NORDIC_MIN:
        if sv >= 0.1 and en >= 0.1:
            lang = "mixed"
        else:
            lang = "sv" if sv > en else "en"
        return LangGuess(lang, sv, en, both)
    if not toks:
        return LangGuess("unknown", sv, en, both)
    lang, prob = langid_classify(text)
    if lang in ("sv", "en"):
        return LangGuess(lang, sv, en, both)
    if lang in ("no", "nb", "nn", "da") and nordic < NORDIC_MIN and sv >= 0.1:
        return LangGuess("sv", sv, en, both)  # informal Swedish sometimes looks Norwegian
    return LangGuess(lang if prob >= 0.5 else "unknown", sv, en, both)


NORDIC_MIN = 3


@cache
def _nordic_markers() -> frozenset[str]:
    """Frequent Norwegian/Danish words that Swedish does not use (jeg, ikke, hva …)."""
    return frozenset(lexicon().get("nordic_markers", []))


_QUOTE = re.compile(r"[\"“”«»]([^\"“”«»\n]{3,}?)[\"“”«»]")
_COLON_LINE = re.compile(r":\s*([^\n\"“”«»]{12,})")


@cache
def _said_re() -> re.Pattern[str]:
    verbs = sorted(lexicon().get("said_verbs", []), key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in verbs) + r")(?!\w)")


def said_back(text: str) -> list[str]:
    """The words the learner says they would say (quoted, or after "I would say:").

    A quotation counts when a verb of saying stands shortly before it, or it opens the text or a
    line, or follows a colon; quotes after a negator ("no 'it is only a few kronor'") or after "hear"
    are examples of what not to say and are left out.
    """
    low = text.lower()
    out: list[str] = []
    said = _said_re()
    for m in _QUOTE.finditer(text):
        before = low[max(0, m.start() - 60) : m.start()]
        stripped = before.rstrip()
        last = tokens(stripped[-20:])[-1:] if stripped else []
        if last and _is_negator_token(last[0]):
            continue
        line_start = not stripped or stripped.endswith(("\n", ":", "-", "–")) or "\n" in before[-3:]
        if line_start or said.search(before[-45:]):
            out.append(m.group(1))
    if not out:
        for m in _COLON_LINE.finditer(text):
            before = low[max(0, m.start() - 45) : m.start()]
            if said.search(before):
                out.append(m.group(1))
    return out


def _is_negator_token(tok: str) -> bool:
    return tok in negators() or tok.endswith("n't")
