"""What every router may ask of the request: the settings and the client's address."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from motcua.core.config import Settings


async def get_settings_dep(request: Request) -> Settings:  # async: a sync dependency costs a thread hop
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def client_ip(request: Request) -> str:
    """The client's address as uvicorn gives it (behind the reverse proxy: from X-Forwarded-For, which uvicorn
    reads with --proxy-headers from trusted proxies only)."""
    return request.client.host if request.client else "unknown"
