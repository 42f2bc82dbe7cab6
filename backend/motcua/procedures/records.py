"""One procedure as read from a source file (plain data, no database).

Every string is NFC-normalized and stripped on construction, so text read from different sources (and typed
in different input methods: Vietnamese can be composed or decomposed) compares equal.
"""

from __future__ import annotations

import unicodedata
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

from motcua.calendar.working_time import DurationUnit

__all__ = [
    "CHANNELS",
    "DocumentItem",
    "FeeItem",
    "LegalBasis",
    "ProcedureRecord",
    "ProcessingTime",
    "ResultItem",
    "clean_optional",
    "clean_text",
    "processing_time",
]

# How a dossier can be filed: at the counter, on the public service portal, by post.
CHANNELS = ("in_person", "online", "postal")


def clean_text(value: str) -> str:
    """NFC-normalized and stripped."""
    return unicodedata.normalize("NFC", value).strip()


def clean_optional(value: str | None) -> str | None:
    """NFC-normalized and stripped; None for None or blank text."""
    if value is None:
        return None
    cleaned = clean_text(value)
    return cleaned or None


def _required(value: str, what: str) -> str:
    cleaned = clean_text(value)
    if not cleaned:
        raise ValueError(f"{what} must not be empty")
    return cleaned


def _clean_list(values: list[str]) -> list[str]:
    return [c for c in (clean_text(v) for v in values) if c]


def _channel(value: str) -> str:
    cleaned = clean_text(value)
    if cleaned not in CHANNELS:
        raise ValueError(f"unknown channel {value!r} (expected one of {', '.join(CHANNELS)})")
    return cleaned


@dataclass(slots=True)
class ProcessingTime:
    """The legal processing time for one channel: the source text and, when it is unambiguous, its value."""

    channel: str  # "in_person" | "online" | "postal"
    amount: Decimal | None
    unit: DurationUnit | None
    text: str | None

    def __post_init__(self) -> None:
        self.channel = _channel(self.channel)
        self.text = clean_optional(self.text)
        if (self.amount is None) != (self.unit is None):
            raise ValueError("amount and unit must both be set or both be None")


@dataclass(slots=True)
class FeeItem:
    description: str
    amount_vnd: int | None
    note: str | None

    def __post_init__(self) -> None:
        self.description = _required(self.description, "fee description")
        self.note = clean_optional(self.note)
        if self.amount_vnd is not None and self.amount_vnd < 0:
            raise ValueError("fee amount must not be negative")


@dataclass(slots=True)
class DocumentItem:
    name: str
    originals: int
    copies: int
    mandatory: bool
    condition: str | None
    group: str | None
    template: str | None

    def __post_init__(self) -> None:
        self.name = _required(self.name, "document name")
        self.condition = clean_optional(self.condition)
        self.group = clean_optional(self.group)
        self.template = clean_optional(self.template)
        if self.originals < 0 or self.copies < 0:
            raise ValueError("document counts must not be negative")


@dataclass(slots=True)
class ResultItem:
    name: str
    code: str | None

    def __post_init__(self) -> None:
        self.name = _required(self.name, "result name")
        self.code = clean_optional(self.code)


@dataclass(slots=True)
class LegalBasis:
    code: str
    title: str | None

    def __post_init__(self) -> None:
        self.code = _required(self.code, "legal basis code")
        self.title = clean_optional(self.title)


@dataclass(slots=True)
class ProcedureRecord:
    code: str
    name_vi: str
    name_en: str | None
    sector_vi: str
    sector_en: str | None
    level: str | None
    agency: str | None
    channels: list[str] = field(default_factory=list)
    processing_times: list[ProcessingTime] = field(default_factory=list)
    fees: list[FeeItem] = field(default_factory=list)
    documents: list[DocumentItem] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    results: list[ResultItem] = field(default_factory=list)
    legal_basis: list[LegalBasis] = field(default_factory=list)
    target_users: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.code = _required(self.code, "procedure code")
        self.name_vi = _required(self.name_vi, "procedure name_vi")
        self.name_en = clean_optional(self.name_en)
        self.sector_vi = _required(self.sector_vi, "procedure sector_vi")
        self.sector_en = clean_optional(self.sector_en)
        self.level = clean_optional(self.level)
        self.agency = clean_optional(self.agency)
        self.channels = [_channel(c) for c in self.channels]
        self.steps = _clean_list(self.steps)
        self.conditions = _clean_list(self.conditions)
        self.target_users = _clean_list(self.target_users)

    def to_json(self) -> dict[str, Any]:
        """A JSON-compatible dict (amounts as decimal strings such as "21.5", units as their values)."""
        data = asdict(self)
        for item in data["processing_times"]:
            amount = item["amount"]
            item["amount"] = None if amount is None else str(amount)
            unit = item["unit"]
            item["unit"] = None if unit is None else str(unit)
        return data


def processing_time(data: dict[str, Any], channel: str) -> dict[str, Any] | None:
    """The processing time of a stored procedure version for a channel (`in_person`, `online`, `postal`): the
    channel's own when the catalog gives one with a unit, else the first one with a unit; None when the law
    (or the catalog) sets none."""
    times = data.get("processing_times") or []
    for candidates in ([t for t in times if t.get("channel") == channel], times):
        for t in candidates:
            if t.get("unit"):
                return dict(t)
    return None
