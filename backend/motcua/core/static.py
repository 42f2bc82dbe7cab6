"""The built single-page app, served light and cached: the build's precompressed files (`.br`, `.gz`) when the
browser accepts them, hashed assets cached for a year (their name changes with their content), `index.html`
checked on every visit, and any other non-API path answered with `index.html` (the app's own routes)."""

from __future__ import annotations

import mimetypes
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse, Response

from motcua.core.errors import NotFound

IMMUTABLE = "public, max-age=31536000, immutable"
# (encoding, suffix) in the order preferred: brotli is smaller, gzip is understood everywhere.
_ENCODINGS = (("br", ".br"), ("gzip", ".gz"))


def _accepted(request: Request) -> set[str]:
    header = request.headers.get("accept-encoding", "")
    accepted = set()
    for part in header.split(","):
        name, _sep, params = part.strip().partition(";")
        if name and params.replace(" ", "") not in ("q=0", "q=0.0", "q=0.00", "q=0.000"):
            accepted.add(name.lower())
    return accepted


def file_response(request: Request, path: Path, *, cache_control: str) -> Response:
    """`path`, or its precompressed copy in an encoding the browser accepts, with the original's type."""
    media_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    headers = {"Cache-Control": cache_control, "Vary": "Accept-Encoding"}
    accepted = _accepted(request)
    for encoding, suffix in _ENCODINGS:
        packed = path.with_name(path.name + suffix)
        if encoding in accepted and packed.is_file():
            return FileResponse(
                packed, media_type=media_type, headers={**headers, "Content-Encoding": encoding}
            )
    return FileResponse(path, media_type=media_type, headers=headers)


def mount_spa(app: FastAPI, dist: Path) -> None:
    root = dist.resolve()
    assets = root / "assets"

    def inside(base: Path, relative: str) -> Path | None:
        """The file `relative` names under `base` (never outside it, never a compressed copy by its own name)."""
        candidate = (base / relative).resolve()
        if (
            relative
            and candidate.is_relative_to(base)
            and candidate.is_file()
            and candidate.suffix not in (".br", ".gz")
        ):
            return candidate
        return None

    @app.get("/assets/{path:path}", include_in_schema=False)
    def asset(path: str, request: Request) -> Response:  # sync: file checks run in the thread pool
        found = inside(assets, path)
        if found is None:
            raise NotFound("No such file")
        return file_response(request, found, cache_control=IMMUTABLE)

    @app.get("/{path:path}", include_in_schema=False)
    def spa(path: str, request: Request) -> Response:
        if path.startswith("api/") or path == "api":
            raise NotFound("No such API endpoint")
        found = inside(root, path)
        if found is not None and found.name != "index.html":  # favicon and the like: not hashed, kept an hour
            return file_response(request, found, cache_control="public, max-age=3600")
        index = root / "index.html"
        if index.is_file():
            # Always checked (an ETag makes it cheap): a new release's index names the new assets.
            return file_response(request, index, cache_control="no-cache")
        return JSONResponse(
            status_code=503,
            content={"code": "spa_missing", "message": "The web app is not built (make run builds it)."},
        )
