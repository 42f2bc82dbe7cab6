"""Vietnamese search normalization and ranking for the procedure catalog. Pure: no database.

Search is accent-, case- and word-order-insensitive: "dang ky khai sinh", "Đăng ký khai sinh" and
"khai sinh đăng ký" find the same procedures. Text is folded to lower-case ASCII words (diacritics removed,
đ → d, punctuation → space). The folded `search_text` stored with each procedure is ASCII only, so the
database can pre-filter candidates with one `LIKE '%token%'` per query token and behave the same on SQLite and
PostgreSQL; `rank` then orders the candidates (and decides the exact match rule).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

__all__ = ["SearchIndex", "fold", "is_code_like", "rank", "search_text", "strip_diacritics", "tokens"]


# đ/Đ are letters of their own, not d + a combining mark; Ð/ð (eth) are common look-alike typos for them.
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_COMBINING_MARKS = re.compile(r"[\u0300-\u036f]+")
# After decomposition: anything that is neither ASCII nor a combining mark separates words.
_NOT_ASCII_OR_MARK = re.compile(r"[^\x00-\x7f\u0300-\u036f]+")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (đ → d); case and punctuation are kept. The result is NFC."""
    decomposed = unicodedata.normalize("NFD", text)
    if decomposed.isascii():
        return decomposed
    return unicodedata.normalize("NFC", _COMBINING_MARKS.sub("", decomposed.translate(_D_LETTERS)))


def fold(text: str) -> str:
    """Search form of a text: no diacritics, lower-case, every run of non [a-z0-9] characters → one space.

    The result is always ASCII: letters outside Vietnamese/Latin become separators.
    """
    ascii_text = unicodedata.normalize("NFD", text)
    if not ascii_text.isascii():
        # Dropping what does not encode removes exactly the combining marks, the rest having become spaces.
        spaced = _NOT_ASCII_OR_MARK.sub(" ", ascii_text.translate(_D_LETTERS))
        ascii_text = spaced.encode("ascii", "ignore").decode("ascii")
    return _NON_WORD.sub(" ", ascii_text.lower()).strip()


def tokens(text: str) -> list[str]:
    """The folded words of a text, in order."""
    return fold(text).split()


def search_text(code: str, name_vi: str, name_en: str | None) -> str:
    """The folded, ASCII-only text stored with a procedure for `LIKE '%token%'` pre-filtering.

    Every procedure that `rank` matches contains each folded query token as a substring of this text.
    """
    return " ".join(part for part in (fold(code), fold(name_vi), fold(name_en or "")) if part)


# National procedure codes look like 1.001193; provincial copies may add a suffix (1.001193.000.00.00.H56).
_CODE_LIKE = re.compile(r"\d{1,2}[.,]\d{0,6}(?:[.\-_/][0-9a-z]+)*|\d{6}", re.IGNORECASE)


def _normalize_code(text: str) -> str:
    return "".join(text.split()).lower().replace(",", ".")


def is_code_like(q: str) -> bool:
    """True when the input looks like (the beginning of) a procedure code: `1.001193`, `1.0011`, `001193`."""
    return _CODE_LIKE.fullmatch(_normalize_code(q)) is not None


# Score scale. A code match outranks every name match; among name matches the tier (how the query matches
# the name) decides first, then shortness and position, together < _EN_PENALTY: at an equal tier the
# Vietnamese name always beats the English one, while a better tier in English beats a worse one in
# Vietnamese.
_EXACT_CODE = 1e9
_EXACT_CODE_NUMBER = 5e8
_CODE_PREFIX = 1e8
_CODE_NUMBER_PREFIX = 5e7
_TIER = 1000.0
_EN_PENALTY = 500.0
_TIER_EXACT = 5  # the name is the query, or "Thủ tục <query>"
_TIER_PHRASE = 4  # the query is a contiguous run of whole words of the name
_TIER_PHRASE_PREFIX = 3  # contiguous, the last query word a prefix of a name word
_TIER_WORDS = 2  # every query word is a whole word of the name, scattered
_TIER_PREFIXES = 1  # every query word starts a word of the name
_TIER_SPLIT = 0  # the words are found only across code + Vietnamese + English names together
_LEADING_FILLER = " thu tuc "  # "Thủ tục" (procedure) opens many names and carries no meaning


@dataclass(frozen=True, slots=True)
class _Name:
    padded: str  # " w1 w2 … " folded
    core: str  # padded without a leading "thu tuc"
    core_words: int


@dataclass(frozen=True, slots=True)
class _Target:
    source_code: str
    code: str
    code_number: str  # the part after "d.", e.g. "001193"
    haystack: str  # " code words + vi words + en words "
    vi: _Name
    en: _Name | None


@dataclass(frozen=True, slots=True)
class _Query:
    code: str
    code_like: bool
    words: tuple[str, ...]
    prefixes: tuple[str, ...]  # " w"
    wholes: tuple[str, ...]  # " w "
    phrase: str  # " w1 w2"


def _name(folded: str) -> _Name:
    padded = f" {folded} "
    core = padded[len(_LEADING_FILLER) - 1 :] if padded.startswith(_LEADING_FILLER) else padded
    return _Name(padded=padded, core=core, core_words=len(core.split()))


@lru_cache(maxsize=65_536)
def _target(code: str, name_vi: str, name_en: str | None) -> _Target:
    normalized = _normalize_code(code)
    _, _, number = normalized.partition(".")
    vi = fold(name_vi)
    en = fold(name_en) if name_en else ""
    return _Target(
        source_code=code,
        code=normalized,
        code_number=number,
        haystack=f" {fold(code)} {vi} {en} ",
        vi=_name(vi),
        en=_name(en) if en else None,
    )


@lru_cache(maxsize=1_024)
def _query(query: str) -> _Query:
    words = tuple(tokens(query))
    return _Query(
        code=_normalize_code(query),
        code_like=is_code_like(query),
        words=words,
        prefixes=tuple(f" {w}" for w in words),
        wholes=tuple(f" {w} " for w in words),
        phrase=" " + " ".join(words),
    )


def _word_position(name: _Name, needle: str) -> int | None:
    """Index of the word where `needle` (" w1 w2…") starts in the name, not counting a leading "thu tuc"."""
    at = name.core.find(needle)
    if at >= 0:
        return name.core.count(" ", 0, at)
    at = name.padded.find(needle)
    return name.padded.count(" ", 0, at) if at >= 0 else None


def _name_score(q: _Query, name: _Name) -> float:
    present = sum(1 for p in q.prefixes if p in name.padded)
    if present < len(q.prefixes):
        return _TIER_SPLIT * _TIER + 100.0 * present / len(q.prefixes)
    extra_words = max(0, name.core_words - len(q.words))
    shortness = 300.0 / (1 + extra_words)
    whole_phrase = q.phrase + " "
    if name.core == whole_phrase or name.padded == whole_phrase:
        return _TIER_EXACT * _TIER + 450.0
    position = _word_position(name, whole_phrase)
    if position is not None:
        return _TIER_PHRASE * _TIER + shortness + 150.0 / (1 + position)
    position = _word_position(name, q.phrase)
    if position is not None:
        return _TIER_PHRASE_PREFIX * _TIER + shortness + 150.0 / (1 + position)
    wholes = sum(1 for w in q.wholes if w in name.padded)
    tier = _TIER_WORDS if wholes == len(q.wholes) else _TIER_PREFIXES
    return tier * _TIER + shortness + 150.0 * wholes / len(q.wholes)


def _score(q: _Query, t: _Target) -> float | None:
    if q.code_like:
        if q.code == t.code:
            return _EXACT_CODE
        if q.code == t.code_number:
            return _EXACT_CODE_NUMBER
        if t.code.startswith(q.code):
            return _CODE_PREFIX
        if t.code_number.startswith(q.code):
            return _CODE_NUMBER_PREFIX
    if not q.prefixes:
        return None
    haystack = t.haystack
    for prefix in q.prefixes:
        if prefix not in haystack:
            return None
    score = _name_score(q, t.vi)
    if t.en is not None:
        score = max(score, _name_score(q, t.en) - _EN_PENALTY)
    return score


def rank(query: str, *, code: str, name_vi: str, name_en: str | None) -> float | None:
    """How well a procedure matches a search query: higher is better, None when it does not match.

    A procedure matches when every folded query word starts a word of its folded code + names. Order: exact
    code, code prefix, then name matches: the name equal to the query (or "Thủ tục <query>") first, then the
    query as a contiguous phrase, then scattered words; whole words before prefixes; the Vietnamese name
    before the English one; shorter names and earlier phrases first. Equal scores: the caller sorts by code.
    Prepared forms of the query and of each procedure are cached, so ranking the same catalog again is fast.
    """
    return _score(_query(query), _target(code, name_vi, name_en))


class SearchIndex:
    """An in-memory catalog prepared once for repeated searches (the same order as `rank`)."""

    __slots__ = ("_targets",)

    def __init__(self, procedures: Iterable[tuple[str, str, str | None]]) -> None:
        """`procedures`: (code, name_vi, name_en) tuples."""
        self._targets = [_target(code, name_vi, name_en) for code, name_vi, name_en in procedures]

    def __len__(self) -> int:
        return len(self._targets)

    def search(self, query: str, *, limit: int | None = None) -> list[tuple[str, float]]:
        """(code, score) of the matching procedures, best first, equal scores by code."""
        q = _query(query)
        found = [(t.source_code, s) for t in self._targets if (s := _score(q, t)) is not None]
        found.sort(key=lambda item: (-item[1], item[0]))
        return found if limit is None else found[:limit]
