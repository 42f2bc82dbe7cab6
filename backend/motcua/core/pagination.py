"""Page parameters shared by list endpoints."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Query

MAX_PAGE_SIZE = 100


@dataclass(frozen=True)
class PageParams:
    page: int
    size: int

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size


async def _page_params(  # async: a sync dependency would cost a thread hop per request
    page: Annotated[int, Query(ge=1, le=100_000, description="Page number, from 1.")] = 1,
    size: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="Page size (at most 100).")] = 20,
) -> PageParams:
    return PageParams(page=page, size=size)


PageDep = Annotated[PageParams, Depends(_page_params)]
