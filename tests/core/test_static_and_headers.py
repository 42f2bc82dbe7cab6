"""The web app's files served precompressed and cached by their kind, and the security headers on every answer."""

from __future__ import annotations

import gzip
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncConnection

from conftest import Database
from motcua.core.db import joined_sessionmaker
from motcua.main import create_app

SCRIPT = b"console.log('xin ch\xc3\xa0o');" * 50


@pytest.fixture
def dist(tmp_path: Path) -> Path:
    (tmp_path / "assets").mkdir()
    files = {
        "index.html": b"<!doctype html><html lang=vi><div id=root></div></html>",
        "assets/index-3f2a1b.js": SCRIPT,
        "favicon.svg": b"<svg xmlns='http://www.w3.org/2000/svg'/>",
    }
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
        (tmp_path / f"{name}.gz").write_bytes(gzip.compress(body))
        (tmp_path / f"{name}.br").write_bytes(b"brotli:" + body[:10])  # any bytes: served as they are
    return tmp_path


@pytest.fixture
async def web(
    database: Database, connection: AsyncConnection, dist: Path
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(database.settings.model_copy(update={"spa_dir": dist}))
    app.state.engine = database.engine
    app.state.sessionmaker = app.state.read_sessionmaker = joined_sessionmaker(connection)
    transport = httpx.ASGITransport(app=app, client=("10.0.0.1", 50000))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


async def test_hashed_assets_are_precompressed_and_immutable(web: httpx.AsyncClient, dist: Path) -> None:
    path = "/assets/index-3f2a1b.js"
    br = await web.get(path, headers={"Accept-Encoding": "gzip, deflate, br"})
    assert br.status_code == 200
    assert br.headers["content-encoding"] == "br"
    assert br.headers["content-type"].startswith(("text/javascript", "application/javascript"))
    assert br.headers["cache-control"] == "public, max-age=31536000, immutable"
    assert br.headers["vary"] == "Accept-Encoding"
    assert int(br.headers["content-length"]) == (dist / "assets/index-3f2a1b.js.br").stat().st_size
    gz = await web.get(path, headers={"Accept-Encoding": "gzip"})
    assert gz.headers["content-encoding"] == "gzip"
    assert gz.content == SCRIPT  # httpx decodes it: the stored gzip is the file
    plain = await web.get(path, headers={"Accept-Encoding": "identity"})
    assert "content-encoding" not in plain.headers
    assert plain.content == SCRIPT
    refused = await web.get(path, headers={"Accept-Encoding": "br;q=0, gzip"})
    assert refused.headers["content-encoding"] == "gzip"
    for missing in ("/assets/nothing.js", "/assets/index-3f2a1b.js.br"):
        assert (await web.get(missing)).status_code == 404, missing
    # Nothing outside the build is ever read: a path climbing out gets the app's page.
    escape = await web.get("/..%2F..%2F..%2Fetc%2Fpasswd")
    assert b"root:" not in escape.content
    assert escape.headers["content-type"].startswith("text/html")


async def test_the_index_is_checked_on_every_visit_and_answers_the_apps_routes(
    web: httpx.AsyncClient,
) -> None:
    for path in ("/", "/d/AbCdEfGhIjKlMnOpQrStUvWx", "/p/1.001193", "/console/ho-so", "/index.html"):
        r = await web.get(path, headers={"Accept-Encoding": "gzip"})
        assert r.status_code == 200, path
        assert r.headers["cache-control"] == "no-cache", path
        assert r.headers["content-type"].startswith("text/html")
        assert b"<div id=root>" in r.content
    icon = await web.get("/favicon.svg")
    assert icon.headers["cache-control"] == "public, max-age=3600"
    assert (await web.get("/api/nothing")).status_code == 404


async def test_every_answer_carries_the_security_headers(web: httpx.AsyncClient) -> None:
    answers = [
        await web.get("/api/health"),
        await web.get("/"),
        await web.get("/assets/index-3f2a1b.js"),
        await web.get("/api/public/procedures/1.001193"),
        await web.get("/api/public/procedures/9.999999"),  # 404
        await web.get("/api/public/procedures", params={"size": 0}),  # 422
        await web.get("/api/dossiers"),  # 401
    ]
    for r in answers:
        csp = r.headers["content-security-policy"]
        script = next(d for d in csp.split(";") if d.strip().startswith("script-src"))
        assert "unsafe-inline" not in script, r.url
        assert "frame-ancestors 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
        assert r.headers["referrer-policy"] == "no-referrer"
        assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS
    over_https = await web.get("https://testserver/api/health")
    assert over_https.headers["strict-transport-security"].startswith("max-age=")
