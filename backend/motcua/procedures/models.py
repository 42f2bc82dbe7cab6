"""The procedure catalog: sectors, procedures and their immutable versions."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ColumnElement, ForeignKey, Index, String, Text, UniqueConstraint, and_
from sqlalchemy.orm import Mapped, mapped_column

from motcua.core.db import Base
from motcua.core.time import utcnow


class Sector(Base):
    """A field of procedures (lĩnh vực). The catalog is published per province, so sectors belong to one."""

    __tablename__ = "sectors"
    __table_args__ = (UniqueConstraint("province_id", "name_vi"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("admin_areas.id"), index=True)
    code: Mapped[str | None] = mapped_column(String(40))
    name_vi: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Procedure(Base):
    """One procedure of a province's catalog. Its content lives in immutable versions; the columns here
    repeat what lists and search need from the version in force."""

    __tablename__ = "procedures"
    __table_args__ = (
        UniqueConstraint("province_id", "code"),
        Index("ix_procedures_province_published_sector", "province_id", "is_published", "sector_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    province_id: Mapped[int] = mapped_column(ForeignKey("admin_areas.id"))
    code: Mapped[str] = mapped_column(String(40))
    sector_id: Mapped[int] = mapped_column(ForeignKey("sectors.id"), index=True)
    name_vi: Mapped[str] = mapped_column(Text)
    name_en: Mapped[str | None] = mapped_column(Text)
    # Accent-free lower-case code + names, ASCII only, so that LIKE behaves the same on both databases.
    search_text: Mapped[str] = mapped_column(Text)
    current_version: Mapped[int] = mapped_column(default=1)
    is_published: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)


class ProcedureVersion(Base):
    """An immutable snapshot of a procedure. Dossiers pin the version in force when they are received, so a
    later catalog change never changes an open dossier's rules."""

    __tablename__ = "procedure_versions"
    __table_args__ = (UniqueConstraint("procedure_id", "version"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    procedure_id: Mapped[int] = mapped_column(ForeignKey("procedures.id", ondelete="CASCADE"))
    version: Mapped[int]
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"))
    # Who saved it, as named then (the catalog sits below the staff domain and never reads its table).
    created_by_name: Mapped[str | None] = mapped_column(String(200))


class CatalogRevision(Base):
    """Bumped in the same transaction as every change to a province's catalog, so that each API worker can
    tell with one primary-key read whether its in-memory copy of the published catalog is still current."""

    __tablename__ = "catalog_revisions"

    province_id: Mapped[int] = mapped_column(ForeignKey("admin_areas.id"), primary_key=True)
    revision: Mapped[int] = mapped_column(default=0)


def in_force() -> ColumnElement[bool]:
    """The join of a procedure to its version in force (`current_version`): the rules a dossier received now
    pins (DOMAIN.md "Procedure catalog"). The one definition: the catalog, the intake, the templates' budget
    warnings and the public pages all join through it."""
    return and_(
        ProcedureVersion.procedure_id == Procedure.id, ProcedureVersion.version == Procedure.current_version
    )
