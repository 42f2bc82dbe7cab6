"""Readers of procedure catalog files, yielding `ProcedureRecord`s, and a report of what they could not read.

Two formats (see data/procedures/README.md of the shared data set):

* commune JSONL: one procedure per line with processing times, documents, steps, results… (the crawl of the
  commune-level procedures, and the project's seed file, which adds `name_en`, `sector_en` and `fees`);
* national CSV: the full national list (code, name, agencies, sector, portal URL) without details.

Both may be gzip-compressed (detected from the content, not the file name). A malformed line raises
`SourceFormatError` naming the file and line; the caller reports it.
"""

from __future__ import annotations

import csv
import gzip
import itertools
import json
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

from motcua.procedures.records import (
    CHANNELS,
    DocumentItem,
    FeeItem,
    LegalBasis,
    ProcedureRecord,
    ProcessingTime,
    ResultItem,
    clean_optional,
    clean_text,
)
from motcua.procedures.text import fold, strip_diacritics
from motcua.procedures.timeparse import parse_processing_time

__all__ = [
    "SourceFormat",
    "SourceFormatError",
    "SourceReport",
    "UnparsedTime",
    "build_report",
    "detect_format",
    "match_templates",
    "parse_fee_amount",
    "read_commune_jsonl",
    "read_national_csv",
    "read_procedures",
]

_GZIP_MAGIC = b"\x1f\x8b"
_NATIONAL_COLUMNS = ("code", "name_vi", "issuing_agency", "implementing_agency", "sector_vi", "portal_url")
# The crawl names the group of documents that has no heading "default".
_NO_GROUP = "default"
_DOCUMENT_KINDS = {"required": True, "conditional": False}


class SourceFormat(StrEnum):
    COMMUNE_JSONL = "commune_jsonl"
    NATIONAL_CSV = "national_csv"


class SourceFormatError(ValueError):
    """A line of a source file that cannot be read."""

    def __init__(self, path: Path | str, line: int, reason: str) -> None:
        super().__init__(f"{path}, line {line}: {reason}")
        self.path = str(path)
        self.line = line
        self.reason = reason


def _open_text(path: Path) -> IO[str]:
    with path.open("rb") as raw:
        compressed = raw.read(2) == _GZIP_MAGIC
    # utf-8-sig: files saved by spreadsheet programs start with a byte-order mark.
    if compressed:
        return gzip.open(path, "rt", encoding="utf-8-sig", newline="")
    return path.open(encoding="utf-8-sig", newline="")


def detect_format(path: Path | str) -> SourceFormat:
    """The format of a catalog file, from its name (`.jsonl`, `.csv`, maybe `.gz`) or else its content."""
    path = Path(path)
    name = path.name.lower().removesuffix(".gz")
    if name.endswith((".jsonl", ".ndjson")):
        return SourceFormat.COMMUNE_JSONL
    if name.endswith(".csv"):
        return SourceFormat.NATIONAL_CSV
    with _open_text(path) as stream:
        first = stream.readline().strip()
    if first.startswith("{"):
        return SourceFormat.COMMUNE_JSONL
    if first.split(",")[: len(_NATIONAL_COLUMNS)] == list(_NATIONAL_COLUMNS):
        return SourceFormat.NATIONAL_CSV
    raise ValueError(f"{path}: not a commune JSONL or national CSV procedure file")


def read_procedures(path: Path | str) -> Iterator[ProcedureRecord]:
    """Read either format (see `detect_format`)."""
    if detect_format(path) is SourceFormat.COMMUNE_JSONL:
        return read_commune_jsonl(path)
    return read_national_csv(path)


# ---------------------------------------------------------------------------------------------------------
# National CSV


def read_national_csv(path: Path | str) -> Iterator[ProcedureRecord]:
    """Procedures of the national list: code, name, sector, implementing agency; no details (empty lists)."""
    path = Path(path)
    with _open_text(path) as stream:
        reader = csv.DictReader(stream)
        missing = [c for c in _NATIONAL_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise SourceFormatError(path, 1, f"missing column(s): {', '.join(missing)}")
        for row in reader:
            line = reader.line_num
            if None in row or any(row.get(c) is None for c in _NATIONAL_COLUMNS):
                raise SourceFormatError(path, line, "wrong number of fields")
            try:
                yield ProcedureRecord(
                    code=row["code"],
                    name_vi=row["name_vi"],
                    name_en=None,
                    sector_vi=row["sector_vi"],
                    sector_en=None,
                    level=None,
                    agency=row["implementing_agency"],
                )
            except ValueError as error:
                raise SourceFormatError(path, line, str(error)) from error


# ---------------------------------------------------------------------------------------------------------
# Commune JSONL


def read_commune_jsonl(path: Path | str) -> Iterator[ProcedureRecord]:
    """Procedures of the commune JSONL format (also the project's seed file). Blank lines are skipped."""
    path = Path(path)
    with _open_text(path) as stream:
        for number, line in enumerate(stream, start=1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as error:
                raise SourceFormatError(path, number, f"invalid JSON: {error.msg}") from error
            try:
                yield _commune_record(data)
            except (ValueError, TypeError) as error:
                raise SourceFormatError(path, number, str(error)) from error


def _field(data: dict[str, Any], key: str, kind: type | tuple[type, ...], *, required: bool) -> Any:
    value = data.get(key)
    if value is None:
        if required:
            raise ValueError(f"missing field {key!r}")
        return None
    # bool is an int in Python, never a count or an amount in the data.
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise TypeError(f"field {key!r} has the wrong type ({type(value).__name__})")
    return value


def _text(data: dict[str, Any], key: str) -> str:
    value: str = _field(data, key, str, required=True)
    return value


def _optional_text(data: dict[str, Any], key: str) -> str | None:
    value: str | None = _field(data, key, str, required=False)
    return value


def _objects(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    values: list[Any] = _field(data, key, list, required=False) or []
    for value in values:
        if not isinstance(value, dict):
            raise TypeError(f"field {key!r} must be a list of objects")
    return values


def _texts(data: dict[str, Any], key: str) -> list[str]:
    values: list[Any] = _field(data, key, list, required=False) or []
    for value in values:
        if not isinstance(value, str):
            raise TypeError(f"field {key!r} must be a list of strings")
    return values


_WHOLE_NUMBER = re.compile(r"\d+", re.ASCII)


def _count(value: object) -> int:
    """Original/copy counts are strings in the crawl; anything that is not a whole number counts as 0."""
    if isinstance(value, bool):
        return 0
    if isinstance(value, int):
        return max(value, 0)
    if isinstance(value, str) and _WHOLE_NUMBER.fullmatch(value.strip()):
        return int(value.strip())
    return 0


def _commune_record(data: object) -> ProcedureRecord:
    if not isinstance(data, dict):
        raise TypeError("a line must be a JSON object")
    code = _text(data, "code")
    documents = _objects(data, "documents")
    templates = match_templates([_text(d, "name") for d in documents], _texts(data, "form_templates"))
    methods = _objects(data, "methods")
    return ProcedureRecord(
        code=code,
        name_vi=_text(data, "name_vi"),
        name_en=_optional_text(data, "name_en"),
        sector_vi=_text(data, "sector_vi"),
        sector_en=_optional_text(data, "sector_en"),
        level=_optional_text(data, "level"),
        agency="; ".join(a for a in (clean_text(a) for a in _texts(data, "authorities")) if a) or None,
        channels=_texts(data, "channels"),
        processing_times=_processing_times(methods),
        fees=_method_fees(methods) or [_fee(f) for f in _objects(data, "fees")],
        documents=[_document(d, template) for d, template in zip(documents, templates, strict=True)],
        steps=_texts(data, "steps"),
        conditions=_texts(data, "conditions"),
        results=[
            ResultItem(name=_text(r, "name"), code=_optional_text(r, "result_code"))
            for r in _objects(data, "results")
        ],
        legal_basis=[
            LegalBasis(code=_text(b, "code"), title=_optional_text(b, "title"))
            for b in _objects(data, "legal_basis")
        ],
        target_users=_texts(data, "target_users"),
    )


def _processing_times(methods: list[dict[str, Any]]) -> list[ProcessingTime]:
    """One entry per method, ordered by channel (in person, online, postal), keeping the source order within
    a channel (procedures with several cases list one method per case) and dropping exact repeats."""
    seen: set[tuple[str, str | None]] = set()
    times: list[ProcessingTime] = []
    for method in methods:
        channel = clean_text(_text(method, "channel"))
        text = clean_optional(_optional_text(method, "processing_time_text"))
        if (channel, text) in seen:
            continue
        seen.add((channel, text))
        amount, unit = parse_processing_time(text)
        times.append(ProcessingTime(channel=channel, amount=amount, unit=unit, text=text))
    order = {channel: i for i, channel in enumerate(CHANNELS)}
    return sorted(times, key=lambda t: order[t.channel])


_THOUSANDS = re.compile(r"(?<=\d)[.,](?=\d{3}(?!\d))")
_FREE = re.compile(r"(?:mien|khong thu) (?:phi|le phi|phi le phi|phi va le phi)|0(?: dong| d| vnd)?")
_AMOUNT = re.compile(r"(?:(?:le phi|phi) )?(\d+) (?:dong|d|vnd)")


def parse_fee_amount(text: str) -> int | None:
    """The amount in VND of a fee text that states one amount and nothing else ("8.000 đồng", "Miễn phí").

    Anything else (per page, ranges, "theo quy định của HĐND tỉnh") is None; the text stays the description.
    """
    folded = fold(_THOUSANDS.sub("", strip_diacritics(text)))
    if _FREE.fullmatch(folded):
        return 0
    match = _AMOUNT.fullmatch(folded)
    return int(match.group(1)) if match else None


def _method_fees(methods: list[dict[str, Any]]) -> list[FeeItem]:
    by_text: dict[str, list[str]] = {}
    channels: list[str] = []
    for method in methods:
        channel = clean_text(_text(method, "channel"))
        channels.append(channel)
        text = clean_optional(_optional_text(method, "fee_text"))
        if text is not None:
            by_text.setdefault(text, []).append(channel)
    fees = []
    for text, fee_channels in by_text.items():
        everywhere = set(fee_channels) == set(channels)
        note = None if everywhere else "channels: " + ", ".join(dict.fromkeys(fee_channels))
        fees.append(FeeItem(description=text, amount_vnd=parse_fee_amount(text), note=note))
    return fees


def _fee(data: dict[str, Any]) -> FeeItem:
    amount: int | None = _field(data, "amount_vnd", int, required=False)
    return FeeItem(
        description=_text(data, "description"),
        amount_vnd=amount,
        note=_optional_text(data, "note"),
    )


def _document(data: dict[str, Any], template: str | None) -> DocumentItem:
    kind = _text(data, "kind")
    if kind not in _DOCUMENT_KINDS:
        raise ValueError(f"unknown document kind {kind!r} (expected required or conditional)")
    group = clean_optional(_optional_text(data, "group_name"))
    return DocumentItem(
        name=_text(data, "name"),
        originals=_count(data.get("original_count")),
        copies=_count(data.get("copy_count")),
        mandatory=_DOCUMENT_KINDS[kind],
        condition="; ".join(c for c in (clean_text(c) for c in _texts(data, "conditions")) if c) or None,
        group=None if group == _NO_GROUP else group,
        template=template,
    )


# ---------------------------------------------------------------------------------------------------------
# Form templates → documents
#
# The crawl lists a procedure's form files ("Mẫu số 08.docx", "1.MuCT01banhnhkmtheoThngts53.doc",
# "01-LP.docx") apart from its documents ("Tờ khai … (Mẫu CT01 ban hành kèm theo …)"). A file is attached to
# the documents that cite its form number (the longest common reference wins: "05-ĐK-TH-TCT" over
# "05-ĐK-TCT"), or, for a file without a form number, to the documents whose name contains most of the file
# name's word pairs. A file that matches nothing is left unattached.

_FILE_SUFFIXES = re.compile(r"(?:\.(?:docx?|pdf|xlsx?|odt|rtf|zip))+$", re.IGNORECASE)
_COPY_NUMBER = re.compile(r"\s*\(\d+\)$")
_FORM_CODE = r"([a-z]{0,3}\d+(?:[a-z](?![a-z]))?)((?: [a-z]{1,4}){0,3})"
_CITED_FORM = re.compile(r"\bmau(?: so)? " + _FORM_CODE + r"\b")
_FILE_FORM = re.compile(r"(?:^|\s)(?:mau|mu)\s?(?:so\s?)?" + _FORM_CODE)
_FILE_IS_FORM = re.compile(r"([a-z]{0,3}\d+[a-z]?)((?: [a-z]{1,4}){0,3})")
_LEADING_ZEROS = re.compile(r"(?<!\d)0+(?=\d)")
_FILE_STOPWORDS = frozenset({"mau", "so", "mu", "phu", "luc"})
_PAIR_SHARE = 0.75
_MIN_PAIRS = 2
_PAIR_STRENGTH = 0.5  # below any form-number match


def _form_refs(matches: Iterable[re.Match[str]]) -> list[tuple[str, ...]]:
    return [(_LEADING_ZEROS.sub("", m.group(1)), *m.group(2).split()) for m in matches]


def _common_length(file_refs: list[tuple[str, ...]], document_refs: list[tuple[str, ...]]) -> int:
    best = 0
    for file_ref in file_refs:
        for document_ref in document_refs:
            length = 0
            for a, b in zip(file_ref, document_ref, strict=False):
                if a != b:
                    break
                length += 1
            best = max(best, length)
    return best


def _word_pairs(folded: str) -> set[tuple[str, str]]:
    """Adjacent word pairs: Vietnamese words are mostly two syllables; pairs compare words, not syllables."""
    return {
        (a, b)
        for a, b in itertools.pairwise(folded.split())
        if a.isalpha() and b.isalpha() and a not in _FILE_STOPWORDS and b not in _FILE_STOPWORDS
    }


def _word_strengths(stem: str, document_pairs: list[set[tuple[str, str]]]) -> list[float]:
    pairs = _word_pairs(stem)
    if len(pairs) < _MIN_PAIRS:
        return [0.0] * len(document_pairs)
    return [
        _PAIR_STRENGTH * share if (share := len(pairs & d) / len(pairs)) >= _PAIR_SHARE else 0.0
        for d in document_pairs
    ]


def match_templates(document_names: Sequence[str], templates: Sequence[str]) -> list[str | None]:
    """For each document (in order), the form template file that belongs to it, or None."""
    documents = [fold(name) for name in document_names]
    document_refs = [_form_refs(_CITED_FORM.finditer(d)) for d in documents]
    document_pairs = [_word_pairs(d) for d in documents]
    best: list[tuple[float, str | None]] = [(0.0, None)] * len(documents)
    for template in templates:
        stem = fold(_COPY_NUMBER.sub("", _FILE_SUFFIXES.sub("", clean_text(template))))
        whole = _FILE_IS_FORM.fullmatch(stem)
        file_refs = _form_refs([whole] if whole else _FILE_FORM.finditer(stem))
        strengths = [float(_common_length(file_refs, refs)) for refs in document_refs]
        if not any(strengths):
            strengths = _word_strengths(stem, document_pairs)
        top = max(strengths, default=0.0)
        if top == 0:
            continue
        for i, strength in enumerate(strengths):
            if strength == top and strength > best[i][0]:
                best[i] = (strength, clean_text(template))
    return [template for _, template in best]


# ---------------------------------------------------------------------------------------------------------
# Report


@dataclass(slots=True)
class UnparsedTime:
    """A processing time that needs a person: its text is missing or not unambiguous."""

    code: str
    channel: str
    text: str | None


@dataclass(slots=True)
class SourceReport:
    records: int = 0
    duplicate_codes: list[str] = field(default_factory=list)
    unparsed_times: list[UnparsedTime] = field(default_factory=list)
    without_processing_time: list[str] = field(default_factory=list)
    without_documents: list[str] = field(default_factory=list)
    sectors: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        """A human-readable summary."""
        missing = sum(1 for u in self.unparsed_times if u.text is None)
        lines = [
            f"procedures: {self.records}",
            f"sectors: {len(self.sectors)}",
            f"duplicate codes: {len(self.duplicate_codes)} {' '.join(self.duplicate_codes)}".rstrip(),
            f"procedures without any processing time: {len(self.without_processing_time)}",
            f"procedures without documents: {len(self.without_documents)}",
            f"processing times without text: {missing}",
            f"processing times left unparsed: {len(self.unparsed_times) - missing}",
        ]
        lines += [f"  {u.code} {u.channel}: {u.text}" for u in self.unparsed_times if u.text is not None]
        return lines


def build_report(records: Iterable[ProcedureRecord]) -> SourceReport:
    """What an import has to tell a person: duplicates, and the values that could not be read."""
    report = SourceReport()
    codes: Counter[str] = Counter()
    sectors: Counter[str] = Counter()
    for record in records:
        report.records += 1
        codes[record.code] += 1
        sectors[record.sector_vi] += 1
        if not record.processing_times:
            report.without_processing_time.append(record.code)
        if not record.documents:
            report.without_documents.append(record.code)
        report.unparsed_times += [
            UnparsedTime(code=record.code, channel=t.channel, text=t.text)
            for t in record.processing_times
            if t.unit is None
        ]
    report.duplicate_codes = sorted(code for code, n in codes.items() if n > 1)
    report.sectors = dict(sorted(sectors.items()))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m motcua.procedures.sources FILE…`: read catalog files and print their reports."""
    paths = list(sys.argv[1:] if argv is None else argv)
    if not paths:
        print("usage: python -m motcua.procedures.sources FILE…", file=sys.stderr)
        return 2
    status = 0
    for path in paths:
        try:
            report = build_report(read_procedures(path))
        except (OSError, ValueError) as error:
            print(f"{path}: {error}", file=sys.stderr)
            status = 1
            continue
        print(f"{path} ({detect_format(path)})")
        print("\n".join(f"  {line}" for line in report.lines()))
    return status


if __name__ == "__main__":
    raise SystemExit(main())
