"""Parse the processing-time text of a procedure ("5 ngày làm việc") into an amount and a unit.

The national portal publishes the legal time limit as free text. A value is returned only when the text says
one thing: otherwise (nothing, "Theo mô tả", several durations, a duration that applies to one case only…)
the result is (None, None) and a person must set it; a deadline is never guessed.

Decisions, on the folded text (no diacritics, lower case, spaces collapsed):

* "N ngày làm việc" → N working days ("21.5" and "21,5" are both 21.5).
* "N ngày" → N calendar days: the portal writes "làm việc" when it means working days.
* "N giờ" / "N giờ làm việc" → N working hours.
* "Trong ngày", "Trong ngày làm việc", "Ngay trong ngày", "Giải quyết ngay" → (0, same day), also when
  followed only by the 15:00 cut-off clause ("nếu nhận sau 15 giờ thì trả trong ngày làm việc tiếp theo").
* One duration may be preceded by a limit word ("Không quá", "Tối đa", "Trong vòng", "Trong thời hạn",
  "Chậm nhất") or a generic lead-in ("Thời hạn giải quyết là") and followed by text without another
  duration, e.g. "Không quá 15 ngày kể từ ngày nhận đủ hồ sơ hợp lệ." → 15 calendar days.
* Left unparsed: no duration ("Theo mô tả", "Không quy định", "N/A"), zero ("0 ngày": the portal's value
  for "no time limit"), more than one duration mention, a subject or case before the duration ("Thời hạn
  giải quyết đối với trường hợp tặng cho … là không quá 10 ngày làm việc"), a case or alternative after it
  ("đối với", "trường hợp", "hoặc"), and units that are not working time (months, weeks, years, minutes).

The crawl appends the unit word to free text ("Theo mô tả ngày", "Không quá 15 ngày. ngày"); a bare unit word
without a number is not a duration, so that suffix needs no special case.
"""

from __future__ import annotations

import re
from decimal import Decimal

from motcua.calendar.working_time import DurationUnit
from motcua.procedures.text import strip_diacritics

__all__ = ["parse_processing_time"]

_UNITS: dict[str, DurationUnit | None] = {
    "ngay lam viec": DurationUnit.WORKING_DAYS,
    "ngay": DurationUnit.CALENDAR_DAYS,
    "gio lam viec": DurationUnit.WORKING_HOURS,
    "gio": DurationUnit.WORKING_HOURS,
    "phut": None,
    "tuan": None,
    "thang": None,
    "nam": None,
}

# A number, optionally repeated in words in brackets ("05 (năm) ngày"), then a unit.
_MENTION = re.compile(
    r"(?<![\d.,])(\d+(?:[.,]\d+)?)\s*(?:\([^()\d]{1,30}\)\s*)?"
    r"(ngay lam viec|ngay|gio lam viec|gio|phut|tuan|thang|nam)\b"
)
_LEAD_IN = re.compile(
    r"[\s\-–+*•]*"
    r"(?:(?:thoi han|thoi gian)(?: (?:giai quyet|thuc hien|xu ly|tra ket qua))?(?: la| ?:)? )?"
    r"(?:(?:khong qua|toi da|trong vong|trong thoi han|trong thoi gian|trong|cham nhat) )?"
)
_CASE_WORDS = re.compile(r"\b(?:doi voi|truong hop|hoac)\b")
_SAME_DAY = re.compile(
    r"(?:(?:giai quyet|tra ket qua) )?(?:ngay )?trong (?:cung )?ngay(?: lam viec)?(?: ngay)?"
    r"|(?:giai quyet|tra ket qua) ngay"
)
_TRAILING = " .,;:-–()[]"
_NO_VALUE: tuple[None, None] = (None, None)


def _normalize(text: str) -> str:
    return " ".join(strip_diacritics(text).lower().split())


def _is_same_day(text: str) -> bool:
    head = _SAME_DAY.match(text)
    if head is None:
        return False
    rest = text[head.end() :].strip(_TRAILING)
    if not rest:
        return True
    # The cut-off rule (a dossier received after 15:00 gets its result the next working day) restates what
    # same-day means; any other number makes the text say something else.
    numbers = re.findall(r"\d+", rest)
    return "15" in numbers and set(numbers) <= {"15", "00"} and "tiep theo" in rest


def parse_processing_time(text: str | None) -> tuple[Decimal | None, DurationUnit | None]:
    """The amount and unit of a processing-time text, or (None, None) when the text is not unambiguous.

    Same-day procedures return (Decimal(0), DurationUnit.SAME_DAY).
    """
    if text is None:
        return _NO_VALUE
    normalized = _normalize(text).strip(_TRAILING)
    if not normalized:
        return _NO_VALUE
    if _is_same_day(normalized):
        return Decimal(0), DurationUnit.SAME_DAY
    mentions = list(_MENTION.finditer(normalized))
    if len(mentions) != 1:
        return _NO_VALUE
    mention = mentions[0]
    if _LEAD_IN.fullmatch(normalized[: mention.start()]) is None:
        return _NO_VALUE
    if _CASE_WORDS.search(normalized[mention.end() :]):
        return _NO_VALUE
    unit = _UNITS[mention.group(2)]
    amount = Decimal(mention.group(1).replace(",", "."))
    if unit is None or amount <= 0:
        return _NO_VALUE
    return amount, unit
