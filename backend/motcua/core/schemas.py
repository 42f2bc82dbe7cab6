"""The project's base schema and shared field types."""

from __future__ import annotations

import unicodedata
from typing import Annotated, Any, Generic, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field


class Schema(BaseModel):
    model_config = ConfigDict(from_attributes=True, str_strip_whitespace=True, extra="forbid")


def _nfc_str(value: str) -> str:
    # Vietnamese text arrives in NFC or NFD depending on the keyboard; store and compare one form only.
    return unicodedata.normalize("NFC", value).strip()


NFCStr = Annotated[str, AfterValidator(_nfc_str)]


def text(max_length: int, *, min_length: int = 1, description: str) -> Any:
    return Field(min_length=min_length, max_length=max_length, description=description)


T = TypeVar("T")


class Page(Schema, Generic[T]):
    items: list[T] = Field(description="The items of this page.")
    total: int = Field(description="How many items match in all.")
    page: int = Field(description="The page number, from 1.")
    size: int = Field(description="The page size.")
