"""The published catalog kept in each API worker's memory, checked against the database on every request.

QR scans and searches are the busiest public paths and the catalog changes a few times a month. Every change
made through the API or an import bumps the province's catalog revision in the same transaction. A worker
reads that revision (one primary-key row) at most once every `refresh_seconds` (1 s by default; 0 = on every
request); while it is unchanged, search ranking and procedure pages are served from memory without touching
the database. A published change therefore reaches every worker within that time.
"""

from __future__ import annotations

import asyncio
import gc
import json
import time
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession

from motcua.core.errors import NotFound
from motcua.procedures import text
from motcua.procedures.models import CatalogRevision, Procedure, ProcedureVersion, Sector, in_force

SEARCH_CACHE_SIZE = 1024


def _dumps(value: Any) -> bytes:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


@dataclass
class _Entry:
    code: str
    sector_id: int
    sort_key: str
    summary: dict[str, Any]
    version: int
    data: dict[str, Any]


@dataclass
class Snapshot:
    revision: int
    entries: dict[str, _Entry]
    ordered: list[str]  # codes by folded name, then code: the order of a listing without a query
    index: text.SearchIndex
    details: dict[str, bytes] = field(default_factory=dict)
    searches: OrderedDict[tuple[str, int | None, int, int], bytes] = field(default_factory=OrderedDict)

    def search(self, *, q: str, sector_id: int | None, page: int, size: int) -> bytes:
        key = (q, sector_id, page, size)
        cached = self.searches.get(key)
        if cached is not None:
            self.searches.move_to_end(key)
            return cached
        if q:
            found = self.index.search(q)
            found.sort(key=lambda hit: (-hit[1], self.entries[hit[0]].sort_key, hit[0]))
            codes = [code for code, _score in found]
        else:
            codes = self.ordered
        if sector_id is not None:
            codes = [c for c in codes if self.entries[c].sector_id == sector_id]
        window = codes[(page - 1) * size : page * size]
        body = _dumps(
            {
                "items": [self.entries[c].summary for c in window],
                "total": len(codes),
                "page": page,
                "size": size,
            }
        )
        self.searches[key] = body
        if len(self.searches) > SEARCH_CACHE_SIZE:
            self.searches.popitem(last=False)
        return body


async def bump(session: AsyncSession, *, province_id: int) -> None:
    """Mark the province's catalog as changed (call in the transaction that changes it)."""
    await session.execute(
        insert(CatalogRevision)
        .values(province_id=province_id, revision=1)
        .on_conflict_do_update(
            index_elements=["province_id"], set_={"revision": CatalogRevision.revision + 1}
        )
    )


def settle_heap() -> None:
    """Take what the process keeps for long (modules, routes, the catalog snapshot) out of the garbage
    collector's generations, so that full collections stop pausing the worker (bench/NOTES.md). What was frozen
    before is unfrozen and collected first, so that a replaced snapshot and any garbage are freed, not kept
    forever. Costs one full collection: at start-up, and after a rebuild (a catalog change)."""
    gc.unfreeze()
    gc.collect()
    gc.freeze()


class CatalogCache:
    """One per application (per worker process)."""

    def __init__(self, *, refresh_seconds: float = 1.0) -> None:
        self._snapshots: dict[int, Snapshot] = {}
        self._checked: dict[int, float] = {}
        self._lock = asyncio.Lock()
        self.refresh_seconds = refresh_seconds
        # Set by the server once it has started (`settle_heap` after each rebuild); tests leave it off.
        self.settle_heap = False

    def fresh(self, province_id: int) -> Snapshot | None:
        """The snapshot, if it was checked against the database less than `refresh_seconds` ago."""
        current = self._snapshots.get(province_id)
        if (
            current is not None
            and time.monotonic() - self._checked.get(province_id, -1e9) < self.refresh_seconds
        ):
            return current
        return None

    async def snapshot(self, conn: AsyncConnection | AsyncSession, *, province_id: int) -> Snapshot:
        current = self._snapshots.get(province_id)
        # The check is claimed before it is sent: the requests arriving during its round trip are served the
        # current snapshot by `fresh()` instead of each sending the same check (under load, dozens of sessions
        # at once every `refresh_seconds`, which made the slowest percent of catalog requests ten times slower).
        previous = self._checked.get(province_id)
        self._checked[province_id] = time.monotonic()
        try:
            revision = (
                await conn.scalar(
                    select(CatalogRevision.revision).where(CatalogRevision.province_id == province_id)
                )
                or 0
            )
        except BaseException:
            if previous is None:  # not checked after all: the next request tries again
                self._checked.pop(province_id, None)
            else:
                self._checked[province_id] = previous
            raise
        if current is not None and current.revision == revision:
            return current
        async with self._lock:  # one rebuild at a time; the others wait for it instead of repeating it
            current = self._snapshots.get(province_id)
            if current is None or current.revision != revision:
                current = await _load(conn, province_id=province_id, revision=revision)
                self._snapshots[province_id] = current
                if self.settle_heap:
                    settle_heap()
        return current

    def detail(self, snapshot: Snapshot, *, code: str, base_url: str) -> bytes:
        """The public page of a procedure as JSON bytes, encoded once per snapshot."""
        cached = snapshot.details.get(code)
        if cached is not None:
            return cached
        entry = snapshot.entries.get(code)
        if entry is None:
            raise NotFound("Procedure not found")
        data = entry.data
        body = dict(entry.summary)
        body.update(
            version=entry.version,
            level=data.get("level"),
            agency=data.get("agency"),
            channels=data.get("channels", []),
            documents=data.get("documents", []),
            steps=data.get("steps", []),
            conditions=data.get("conditions", []),
            results=data.get("results", []),
            legal_basis=data.get("legal_basis", []),
            target_users=data.get("target_users", []),
            public_url=f"{base_url}/p/{code}",
        )
        encoded = _dumps(body)
        snapshot.details[code] = encoded
        return encoded


async def _load(conn: AsyncConnection | AsyncSession, *, province_id: int, revision: int) -> Snapshot:
    rows = await conn.execute(
        select(
            Procedure.code,
            Procedure.name_vi,
            Procedure.name_en,
            Sector.id,
            Sector.name_vi,
            Sector.name_en,
            Procedure.current_version,
            ProcedureVersion.data,
        )
        .join(ProcedureVersion, in_force())
        .join(Sector, Sector.id == Procedure.sector_id)
        .where(Procedure.province_id == province_id, Procedure.is_published.is_(True))
    )
    entries: dict[str, _Entry] = {}
    for code, name_vi, name_en, sector_id, sector_vi, sector_en, version, data in rows:
        entries[code] = _Entry(
            code=code,
            sector_id=sector_id,
            sort_key=text.fold(name_vi),
            summary={
                "code": code,
                "name_vi": name_vi,
                "name_en": name_en,
                "sector": {"id": sector_id, "name_vi": sector_vi, "name_en": sector_en},
                "processing_times": data.get("processing_times", []),
                "fees": data.get("fees", []),
            },
            version=version,
            data=data,
        )
    ordered = sorted(entries, key=lambda c: (entries[c].sort_key, c))
    index = text.SearchIndex((e.code, e.summary["name_vi"], e.summary["name_en"]) for e in entries.values())
    return Snapshot(revision=revision, entries=entries, ordered=ordered, index=index)
