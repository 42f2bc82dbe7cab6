"""Application settings: one pydantic-settings class, read from the environment (and `.env`)."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-insecure-development-secret"  # noqa: S105 - the sentinel we refuse outside development
PROJECT_ROOT = Path(__file__).resolve().parents[3]


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", populate_by_name=True)

    environment: Literal["development", "production", "test"] = Field(
        default="development", validation_alias="MOTCUA_ENV"
    )
    # PostgreSQL (`postgresql+asyncpg://…`). Unset: the embedded server whose data lives in `embedded_pgdata`
    # (core/embedded_pg.py), started by the process's entry point (the CLI, the app), never in production.
    database_url: str | None = Field(default=None, validation_alias="DATABASE_URL")
    embedded_pgdata: Path = Field(default=PROJECT_ROOT / "var" / "postgres", validation_alias="MOTCUA_PGDATA")
    secret_key: SecretStr = Field(default=SecretStr(DEFAULT_SECRET), validation_alias="SECRET_KEY")
    public_base_url: str = Field(default="http://127.0.0.1:8000", validation_alias="PUBLIC_BASE_URL")
    # The province whose catalog the public pages show when the deployment holds several (its unit code).
    public_province_code: str | None = Field(default=None, validation_alias="PUBLIC_PROVINCE_CODE")

    jwt_issuer: str = "motcua"
    jwt_audience: str = "motcua-staff"
    access_token_minutes: int = Field(default=15, ge=1, le=60)
    refresh_token_days: int = Field(default=14, ge=1, le=90)

    # Login throttling: per username and per client address, within a sliding window.
    login_window_seconds: int = 15 * 60
    login_max_failures_per_user: int = 5
    login_max_failures_per_ip: int = 20

    # Public dossier lookups per client address and minute (guessing codes must stay slow).
    public_lookups_per_minute: int = Field(default=30, ge=1, validation_alias="PUBLIC_LOOKUPS_PER_MINUTE")

    # How often a worker checks whether the published catalog changed (seconds; 0 = on every request).
    catalog_refresh_seconds: float = Field(
        default=1.0, ge=0, le=60, validation_alias="CATALOG_REFRESH_SECONDS"
    )

    # The reminder job (due soon / overdue steps, absences starting): run inside the API process every N
    # seconds (0 = not in process; then run `motcua worker`). Safe to run in several processes at once.
    reminders_interval_seconds: float = Field(
        default=60.0, ge=0, le=3600, validation_alias="REMINDERS_INTERVAL_SECONDS"
    )
    # E-mail copies of notifications, when an SMTP server is configured.
    smtp_host: str | None = Field(default=None, validation_alias="SMTP_HOST")
    smtp_port: int = Field(default=587, ge=1, le=65535, validation_alias="SMTP_PORT")
    smtp_username: str | None = Field(default=None, validation_alias="SMTP_USERNAME")
    smtp_password: SecretStr | None = Field(default=None, validation_alias="SMTP_PASSWORD")
    smtp_starttls: bool = Field(default=True, validation_alias="SMTP_STARTTLS")
    smtp_from: str = Field(default="motcua@localhost", validation_alias="SMTP_FROM")

    spa_dir: Path = Field(default=PROJECT_ROOT / "frontend" / "dist", validation_alias="SPA_DIR")
    db_pool_size: int = Field(default=20, ge=1, le=500, validation_alias="DB_POOL_SIZE")
    db_echo: bool = False

    @model_validator(mode="after")
    def _refuse_default_secret(self) -> Settings:
        # A known default secret lets anyone forge staff tokens: only a developer's machine may run with it.
        if self.environment != "development" and self.secret_key.get_secret_value() == DEFAULT_SECRET:
            raise ValueError("SECRET_KEY must be set to a random value unless MOTCUA_ENV=development")
        if self.environment == "production" and len(self.secret_key.get_secret_value()) < 32:
            raise ValueError("SECRET_KEY must be at least 32 characters long")
        if self.environment == "production" and not self.database_url:
            # The embedded server is for a developer's machine and the tests; production runs on a real one.
            raise ValueError("DATABASE_URL must be set in production (a PostgreSQL server)")
        if self.database_url and not self.database_url.startswith("postgresql"):
            raise ValueError("DATABASE_URL must be a PostgreSQL URL (postgresql+asyncpg://…)")
        return self

    @property
    def url(self) -> str:
        """The database URL once the entry point has resolved it (`core.embedded_pg.database_url`)."""
        if not self.database_url:
            raise RuntimeError("no database URL: the entry point resolves it before opening the database")
        return self.database_url

    @property
    def public_base(self) -> str:
        return self.public_base_url.rstrip("/")


@functools.cache
def get_settings() -> Settings:
    return Settings()
