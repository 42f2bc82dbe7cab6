"""What every router may ask of the request (the settings, the client's address) and the headers every response
carries."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from motcua.core.config import Settings


async def get_settings_dep(request: Request) -> Settings:  # async: a sync dependency costs a thread hop
    settings: Settings = request.app.state.settings
    return settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def client_ip(request: Request) -> str:
    """The client's address as uvicorn gives it (behind the reverse proxy: from X-Forwarded-For, which uvicorn
    reads with --proxy-headers from trusted proxies only)."""
    return request.client.host if request.client else "unknown"


# The app's own files only: no inline script or style (the SPA has none: React sets styles through the DOM,
# which the policy allows), no eval, no framing (clickjacking); `data:` images are the QR codes of printed forms.
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'"
)
_HEADERS = [
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    # The tracking token is in the URL of `/d/{token}`: no page of this site passes its address on.
    (b"referrer-policy", b"no-referrer"),
]
_HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")


class SecurityHeaders:
    """Adds the security headers to every response (HSTS when served over HTTPS: behind the reverse proxy, as
    uvicorn reads X-Forwarded-Proto with --proxy-headers)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = [*_HEADERS, _HSTS] if scope.get("scheme") == "https" else _HEADERS

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", ()), *extra]
            await send(message)

        await self.app(scope, receive, send_with_headers)
