from __future__ import annotations

import io
import unicodedata

import httpx
import pytest
import zxingcpp
from PIL import Image

from motcua.procedures import text
from motcua.procedures.sources import read_procedures
from motcua.seed.center import seed_catalog_path

SEARCH_EXPECTATIONS = [
    ("dang ky khai sinh", "1.001193", 3),
    ("ket hon", "1.000894", 3),
    ("1.001193", "1.001193", 1),
    ("chứng thực bản sao", "2.000815", 3),
    ("KHAI TỬ", "1.000656", 3),
    ("dang ky ket hon", "1.000894", 3),
    ("sinh khai ky dang", "1.001193", 3),
]


@pytest.mark.parametrize(("q", "code", "top"), SEARCH_EXPECTATIONS)
async def test_search_ranks_the_right_procedure(
    client: httpx.AsyncClient, q: str, code: str, top: int
) -> None:
    r = await client.get("/api/public/procedures", params={"q": q})
    assert r.status_code == 200
    codes = [item["code"] for item in r.json()["items"]]
    assert code in codes[:top], (q, codes[:5])


async def test_search_equals_the_pure_ranking_on_every_database(client: httpx.AsyncClient) -> None:
    """The database only narrows candidates; the order is the pure ranking's, so both databases agree."""
    records = list(read_procedures(seed_catalog_path()))
    for q in ("dang ky", "chung thuc", "đất đai", "ho kinh doanh", "tro cap", "2.000"):
        scored = [
            (score, text.fold(r.name_vi), r.code)
            for r in records
            if (score := text.rank(q, code=r.code, name_vi=r.name_vi, name_en=r.name_en)) is not None
        ]
        expected = [code for _, _, code in sorted(scored, key=lambda s: (-s[0], s[1], s[2]))]
        got: list[str] = []
        page = 1
        while True:
            body = (
                await client.get("/api/public/procedures", params={"q": q, "size": 100, "page": page})
            ).json()
            got += [i["code"] for i in body["items"]]
            if len(got) >= body["total"]:
                break
            page += 1
        assert got == expected, q


async def test_search_ignores_accents_case_and_unicode_form(client: httpx.AsyncClient) -> None:
    nfd = unicodedata.normalize("NFD", "ĐĂNG KÝ KHAI SINH")
    a = (await client.get("/api/public/procedures", params={"q": nfd})).json()
    b = (await client.get("/api/public/procedures", params={"q": "dang ky khai sinh"})).json()
    assert [i["code"] for i in a["items"]] == [i["code"] for i in b["items"]]
    assert a["total"] == b["total"] > 0


async def test_listing_sectors_and_paging(client: httpx.AsyncClient) -> None:
    everything = (await client.get("/api/public/procedures", params={"size": 100})).json()
    assert everything["total"] == 484
    sectors = (await client.get("/api/public/sectors")).json()
    assert sum(s["procedure_count"] for s in sectors) == 484
    civil = next(s for s in sectors if s["name_vi"] == "Hộ tịch")
    assert civil["name_en"]
    page = (await client.get("/api/public/procedures", params={"sector": civil["id"], "size": 100})).json()
    assert page["total"] == civil["procedure_count"]
    assert all(i["sector"]["id"] == civil["id"] for i in page["items"])
    r = await client.get("/api/public/procedures", params={"size": 1000})
    assert r.status_code == 422
    assert r.json()["fields"][0]["field"] == "query.size"
    assert (await client.get("/api/public/procedures", params={"q": "x" * 201})).status_code == 422
    none = (await client.get("/api/public/procedures", params={"q": "zzzqqq"})).json()
    assert none == {"items": [], "total": 0, "page": 1, "size": 20}


async def test_procedure_detail(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/public/procedures/1.001193")
    assert r.status_code == 200
    p = r.json()
    assert p["name_vi"] == "Thủ tục đăng ký khai sinh"
    assert p["name_en"] == "Birth registration"
    assert p["public_url"] == "https://motcua.test/p/1.001193"
    assert p["documents"]
    assert {"name", "originals", "copies", "mandatory"} <= set(p["documents"][0])
    assert p["legal_basis"]
    assert p["results"]
    assert {t["channel"] for t in p["processing_times"]} <= {"in_person", "online", "postal"}
    assert (await client.get("/api/public/procedures/9.999999")).status_code == 404
    bad = await client.get("/api/public/procedures/birth")
    assert bad.status_code == 422
    assert bad.json()["fields"][0]["field"] == "path.code"


async def test_qr_codes_decode_to_the_procedure_page(client: httpx.AsyncClient) -> None:
    png = await client.get("/api/public/procedures/1.000894/qr.png")
    assert png.status_code == 200
    assert png.headers["content-type"] == "image/png"
    decoded = [r.text for r in zxingcpp.read_barcodes(Image.open(io.BytesIO(png.content)))]
    assert decoded == ["https://motcua.test/p/1.000894"]
    svg = await client.get("/api/public/procedures/1.000894/qr.svg")
    assert svg.status_code == 200
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert svg.text.lstrip().startswith("<?xml") or "<svg" in svg.text[:200]
    assert (await client.get("/api/public/procedures/9.999999/qr.svg")).status_code == 404


async def test_unknown_api_path_is_a_json_404(client: httpx.AsyncClient) -> None:
    r = await client.get("/api/nothing-here")
    assert r.status_code == 404
    assert r.json()["code"] == "not_found"
