"""The project's base schema and shared field types."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, time
from typing import Annotated, Any, Generic, TypeVar

from fastapi import Path
from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    WithJsonSchema,
    field_validator,
)

from motcua.core.time import LOCAL_TZ


def no_nul(value: Any) -> Any:
    """PostgreSQL text cannot hold the NUL character: refused as invalid input (422) before it reaches the
    database, where it would fail the statement (500)."""
    if isinstance(value, str):
        if "\x00" in value:
            raise ValueError("must not contain the NUL character")
    elif isinstance(value, list | tuple | set):
        for item in value:
            no_nul(item)
    elif isinstance(value, dict):
        for key, item in value.items():
            no_nul(key)
            no_nul(item)
    return value


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, str_strip_whitespace=True, extra="forbid")

    @field_validator("*", mode="after")
    @classmethod
    def _no_nul(cls, value: Any) -> Any:
        return no_nul(value)


def _nfc_str(value: str) -> str:
    # Vietnamese text arrives in NFC or NFD depending on the keyboard; store and compare one form only.
    return unicodedata.normalize("NFC", value).strip()


NFCStr = Annotated[str, AfterValidator(_nfc_str)]

# Row ids are 32-bit integers in the database; a larger number can only be a miss, never an overflow error.
ID_MAX = 2_147_483_647
EntityId = Annotated[int, Field(ge=1, le=ID_MAX)]
IdPath = Annotated[int, Path(ge=1, le=ID_MAX, description="Row id.")]

_HHMM = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)(:00)?$")


def _local_time(value: Any) -> time:
    # Working hours are wall-clock times at the center: an offset or seconds would only hide a mistake.
    if isinstance(value, time) and value.tzinfo is None and value.second == 0 and value.microsecond == 0:
        return value
    if isinstance(value, str) and (match := _HHMM.match(value)):
        return time(int(match.group(1)), int(match.group(2)))
    raise ValueError("expected a local time as HH:MM, e.g. 07:30")


LocalTime = Annotated[
    time,
    PlainValidator(_local_time),
    PlainSerializer(lambda t: t.strftime("%H:%M"), return_type=str),
    WithJsonSchema({"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$", "examples": ["07:00"]}),
]


def _moment(value: datetime) -> datetime:
    # A time without an offset is the center's wall clock. Years outside 2000-2100 can only be typing
    # mistakes, and the extremes would overflow when converted to UTC for storage.
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=LOCAL_TZ)
    if not 2000 <= value.year <= 2100:
        raise ValueError("expected a date and time between the years 2000 and 2100")
    return value


# An input moment: aware (local time when no offset is given) and within 2000-2100.
Moment = Annotated[datetime, AfterValidator(_moment)]


# Vietnamese mobile and landline numbers: 0 or +84, then 9 or 10 digits.
PHONE_PATTERN = r"^(\+84|0)[1-9][0-9]{8,9}$"
EMAIL_PATTERN = r"^[^@\s]{1,64}@[^@\s]+\.[^@\s]+$"


class PersonRef(Schema):
    """A staff member as other records name them: who received, holds, handed over."""

    id: int = Field(description="Staff id.")
    full_name: str = Field(description="Full name.")


def text(max_length: int, *, min_length: int = 1, description: str) -> Any:
    return Field(min_length=min_length, max_length=max_length, description=description)


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="The items of this page.")
    total: int = Field(description="How many items match in all.")
    page: int = Field(description="The page number, from 1.")
    size: int = Field(description="The page size.")
