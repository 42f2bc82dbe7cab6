"""Catalog readers, the shipped seed files and the seed build."""

from __future__ import annotations

import csv
import gzip
import json
import unicodedata
from decimal import Decimal
from importlib import resources
from pathlib import Path
from typing import Any, ClassVar

import pytest

from motcua.calendar.working_time import DurationUnit
from motcua.procedures.build_seed import build
from motcua.procedures.records import DocumentItem, ProcedureRecord, ProcessingTime
from motcua.procedures.sector_names import SECTOR_NAMES_EN, sector_name_en
from motcua.procedures.sources import (
    SourceFormat,
    SourceFormatError,
    build_report,
    detect_format,
    match_templates,
    parse_fee_amount,
    read_commune_jsonl,
    read_national_csv,
    read_procedures,
)

DATA = Path(str(resources.files("motcua.seed") / "data"))
SEED = DATA / "procedures.jsonl.gz"
NATIONAL = DATA / "national_catalog.csv.gz"
# The shared data set lies beside the checkout (../shared) on developers' and CI machines, not on users'.
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data" / "procedures"


@pytest.fixture(scope="module")
def seed() -> dict[str, ProcedureRecord]:
    return {r.code: r for r in read_commune_jsonl(SEED)}


def commune_line(**changes: Any) -> dict[str, Any]:
    line: dict[str, Any] = {
        "code": "1.000001",
        "name_vi": "Thủ tục thử",
        "sector_vi": "Hộ tịch",
        "level": "Cấp xã",
        "target_users": ["Công dân Việt Nam"],
        "authorities": ["Ủy ban nhân dân cấp xã"],
        "channels": ["in_person", "online"],
        "methods": [
            {"channel": "online", "processing_time_text": "5 ngày làm việc", "fee_text": None},
            {"channel": "in_person", "processing_time_text": "5 ngày làm việc", "fee_text": None},
        ],
        "documents": [],
        "steps": ["Bước 1"],
        "conditions": [],
        "results": [{"name": "Kết quả", "result_code": "KQ.1"}],
        "legal_basis": [{"code": "123/2015/NĐ-CP", "title": None}],
        "form_templates": [],
    }
    line.update(changes)
    return line


def write_jsonl(path: Path, lines: list[str]) -> Path:
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


class TestShippedSeed:
    def test_484_procedures_with_unique_sorted_codes(self, seed: dict[str, ProcedureRecord]) -> None:
        codes = [r.code for r in read_commune_jsonl(SEED)]
        assert len(codes) == 484
        assert codes == sorted(set(codes))

    def test_birth_registration(self, seed: dict[str, ProcedureRecord]) -> None:
        birth = seed["1.001193"]
        assert birth.name_vi == "Thủ tục đăng ký khai sinh"
        assert birth.name_en == "Birth registration"
        assert birth.sector_en == "Civil status registration"
        assert [(f.amount_vnd, f.note is not None) for f in birth.fees] == [(0, True)]
        assert birth.results[0].code == "KQ.G15.000031"

    def test_civil_status_procedures_are_same_day_by_law(self, seed: dict[str, ProcedureRecord]) -> None:
        # The crawl says "1 ngày"; the Law on Civil Status 2014 (art. 16, 18, 34) says the same day.
        for code in ["1.001193", "1.000894", "1.000656"]:
            times = seed[code].processing_times
            assert [(t.channel, t.text, t.amount, t.unit) for t in times] == [
                (channel, "Trong ngày", Decimal(0), DurationUnit.SAME_DAY)
                for channel in ["in_person", "online", "postal"]
            ]

    def test_curated_procedure_missing_from_the_crawl(self, seed: dict[str, ProcedureRecord]) -> None:
        copies = seed["2.000815"]
        assert copies.name_en is not None
        assert copies.sector_vi == "Chứng thực"
        assert copies.level == "Cấp xã"
        assert copies.channels == ["in_person", "online", "postal"]
        assert [(t.text, t.amount, t.unit) for t in copies.processing_times] == [
            ("1 ngày làm việc", Decimal(1), DurationUnit.WORKING_DAYS)
        ] * 3
        assert [f.amount_vnd for f in copies.fees] == [2000]
        assert copies.agency is not None
        assert "Ủy ban nhân dân cấp xã" in copies.agency
        assert copies.documents == []  # the curated data has only its name and agency

        marital = seed["1.004873"]
        assert marital.name_en == "Issuance of certificate of marital status"
        assert len(marital.documents) == 6
        assert all(d.mandatory and (d.originals, d.copies) == (1, 0) for d in marital.documents)
        assert [r.name for r in marital.results] == ["Giấy xác nhận tình trạng hôn nhân"]
        assert all(b.title is None for b in marital.legal_basis)
        assert len(marital.legal_basis) == 16
        assert {t.amount for t in marital.processing_times} == {Decimal(3)}

    def test_curated_without_processing_days_has_no_time(self, seed: dict[str, ProcedureRecord]) -> None:
        wills = seed["2.001019"]
        assert [(t.text, t.unit) for t in wills.processing_times] == [(None, None)] * 3

    def test_every_sector_has_an_english_name(self, seed: dict[str, ProcedureRecord]) -> None:
        for record in seed.values():
            assert record.sector_en == sector_name_en(record.sector_vi)
            assert record.sector_en

    def test_sector_names_are_nfc(self) -> None:
        for name in SECTOR_NAMES_EN:
            assert unicodedata.is_normalized("NFC", name)
        assert sector_name_en(unicodedata.normalize("NFD", "Hộ tịch")) == "Civil status registration"

    def test_text_is_nfc_and_stripped(self, seed: dict[str, ProcedureRecord]) -> None:
        for record in seed.values():
            texts = [record.name_vi, record.sector_vi, *record.steps, *(d.name for d in record.documents)]
            for text in texts:
                assert unicodedata.is_normalized("NFC", text)
                assert text == text.strip()

    def test_documents_and_templates(self, seed: dict[str, ProcedureRecord]) -> None:
        documents = [d for r in seed.values() for d in r.documents]
        assert any(d.mandatory for d in documents)
        assert any(not d.mandatory and d.condition for d in documents)
        assert all(d.group != "default" for d in documents)
        residence = seed["1.004194"]
        assert any(d.template and "CT01" in d.template for d in residence.documents)

    def test_national_catalog(self) -> None:
        records = list(read_national_csv(NATIONAL))
        assert len(records) == 5608
        assert len({r.code for r in records}) == 5608
        birth = next(r for r in records if r.code == "1.001193")
        assert birth.processing_times == []
        assert birth.documents == []
        assert birth.agency

    def test_detect_format(self) -> None:
        assert detect_format(SEED) is SourceFormat.COMMUNE_JSONL
        assert detect_format(NATIONAL) is SourceFormat.NATIONAL_CSV

    def test_report(self) -> None:
        report = build_report(read_procedures(SEED))
        assert report.records == 484
        assert report.duplicate_codes == []
        unparsed = {(u.code, u.text) for u in report.unparsed_times if u.text is not None}
        assert ("1.115377", "0 ngày") in unparsed
        assert report.lines()[0] == "procedures: 484"


class TestCommuneJsonl:
    def test_malformed_json_names_the_line(self, tmp_path: Path) -> None:
        path = write_jsonl(tmp_path / "c.jsonl", [json.dumps(commune_line()), "", "{not json"])
        with pytest.raises(SourceFormatError) as error:
            list(read_commune_jsonl(path))
        assert error.value.line == 3
        assert "line 3" in str(error.value)
        assert "c.jsonl" in str(error.value)

    @pytest.mark.parametrize(
        ("changes", "reason"),
        [
            ({"code": None}, "missing field 'code'"),
            ({"name_vi": "   "}, "name_vi must not be empty"),
            ({"steps": "one step"}, "field 'steps'"),
            ({"channels": ["fax"]}, "unknown channel"),
            ({"documents": [{"name": "Tờ khai", "kind": "maybe"}]}, "unknown document kind"),
            ({"results": ["Kết quả"]}, "list of objects"),
        ],
    )
    def test_invalid_record_names_the_line(
        self, tmp_path: Path, changes: dict[str, Any], reason: str
    ) -> None:
        lines = [json.dumps(commune_line(code="1.000001")), json.dumps(commune_line(**changes))]
        path = write_jsonl(tmp_path / "c.jsonl", lines)
        with pytest.raises(SourceFormatError, match=reason) as error:
            list(read_commune_jsonl(path))
        assert error.value.line == 2

    def test_gzip_is_read_transparently(self, tmp_path: Path) -> None:
        text = json.dumps(commune_line(), ensure_ascii=False) + "\n"
        plain = tmp_path / "c.jsonl"
        plain.write_text(text, encoding="utf-8")
        packed = tmp_path / "c.jsonl.gz"
        packed.write_bytes(gzip.compress(text.encode("utf-8")))
        oddly_named = tmp_path / "catalog.data"
        oddly_named.write_bytes(gzip.compress(text.encode("utf-8")))
        assert list(read_commune_jsonl(packed)) == list(read_commune_jsonl(plain))
        assert detect_format(oddly_named) is SourceFormat.COMMUNE_JSONL
        assert list(read_procedures(oddly_named)) == list(read_commune_jsonl(plain))

    def test_record_fields(self, tmp_path: Path) -> None:
        line = commune_line(
            name_vi=unicodedata.normalize("NFD", " Thủ tục đăng ký khai sinh "),
            authorities=["Ủy ban nhân dân cấp xã", "Công an cấp xã"],
            methods=[
                {"channel": "postal", "processing_time_text": "Theo mô tả ngày", "fee_text": None},
                {"channel": "in_person", "processing_time_text": "21,5 ngày làm việc", "fee_text": None},
                {"channel": "in_person", "processing_time_text": "21,5 ngày làm việc", "fee_text": None},
                {"channel": "online", "processing_time_text": None, "fee_text": None},
            ],
            documents=[
                {
                    "name": "Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
                    "group_name": "default",
                    "original_count": "1",
                    "copy_count": "x",
                    "conditions": [],
                    "kind": "required",
                },
                {
                    "name": "Văn bản ủy quyền",
                    "group_name": "* Giấy tờ phải nộp:",
                    "original_count": "-1",
                    "copy_count": "2",
                    "conditions": ["Khi ủy quyền", " ", "được chứng thực"],
                    "kind": "conditional",
                },
            ],
            form_templates=["1.MuCT01banhnhkmtheoThngts53.doc", "Khác.docx"],
            fees=[{"description": "Lệ phí", "amount_vnd": 8000, "note": "mỗi bản"}],
        )
        path = write_jsonl(tmp_path / "c.jsonl", [json.dumps(line)])
        [record] = read_commune_jsonl(path)
        assert record.name_vi == "Thủ tục đăng ký khai sinh"
        assert record.agency == "Ủy ban nhân dân cấp xã; Công an cấp xã"
        assert record.processing_times == [
            ProcessingTime("in_person", Decimal("21.5"), DurationUnit.WORKING_DAYS, "21,5 ngày làm việc"),
            ProcessingTime("online", None, None, None),
            ProcessingTime("postal", None, None, "Theo mô tả ngày"),
        ]
        assert record.documents == [
            DocumentItem(
                name="Tờ khai thay đổi thông tin cư trú (Mẫu CT01)",
                originals=1,
                copies=0,
                mandatory=True,
                condition=None,
                group=None,
                template="1.MuCT01banhnhkmtheoThngts53.doc",
            ),
            DocumentItem(
                name="Văn bản ủy quyền",
                originals=0,
                copies=2,
                mandatory=False,
                condition="Khi ủy quyền; được chứng thực",
                group="* Giấy tờ phải nộp:",
                template=None,
            ),
        ]
        assert [(f.description, f.amount_vnd, f.note) for f in record.fees] == [("Lệ phí", 8000, "mỗi bản")]
        assert record.results[0].code == "KQ.1"
        assert record.legal_basis[0].title is None
        assert record.to_json()["processing_times"][0] == {
            "channel": "in_person",
            "amount": "21.5",
            "unit": "working_days",
            "text": "21,5 ngày làm việc",
        }

    def test_method_fee_texts_win_over_curated_fees(self, tmp_path: Path) -> None:
        line = commune_line(
            methods=[
                {"channel": "in_person", "processing_time_text": "1 ngày", "fee_text": "8.000 đồng"},
                {"channel": "online", "processing_time_text": "1 ngày", "fee_text": "Miễn phí"},
            ],
            fees=[{"description": "Lệ phí", "amount_vnd": 1, "note": None}],
        )
        [record] = read_commune_jsonl(write_jsonl(tmp_path / "c.jsonl", [json.dumps(line)]))
        assert [(f.description, f.amount_vnd, f.note) for f in record.fees] == [
            ("8.000 đồng", 8000, "channels: in_person"),
            ("Miễn phí", 0, "channels: online"),
        ]


class TestNationalCsv:
    HEADER: ClassVar[list[str]] = [
        "code",
        "name_vi",
        "issuing_agency",
        "implementing_agency",
        "sector_vi",
        "portal_url",
    ]

    def write(self, path: Path, rows: list[list[str]]) -> Path:
        with path.open("w", encoding="utf-8", newline="") as stream:
            csv.writer(stream).writerows(rows)
        return path

    def test_rows(self, tmp_path: Path) -> None:
        path = self.write(
            tmp_path / "n.csv",
            [
                self.HEADER,
                ["1.001193", "Thủ tục đăng ký khai sinh", "Bộ Tư pháp", "", "Hộ tịch", "https://x"],
            ],
        )
        [record] = read_national_csv(path)
        assert (record.code, record.sector_vi) == ("1.001193", "Hộ tịch")
        assert (record.agency, record.level) == (None, None)
        assert detect_format(path) is SourceFormat.NATIONAL_CSV

    def test_missing_column(self, tmp_path: Path) -> None:
        path = self.write(tmp_path / "n.csv", [self.HEADER[:-1]])
        with pytest.raises(SourceFormatError, match="portal_url") as error:
            list(read_national_csv(path))
        assert error.value.line == 1

    def test_bad_row_names_the_line(self, tmp_path: Path) -> None:
        good = ["1.000001", "Tên", "", "", "Hộ tịch", ""]
        path = self.write(tmp_path / "n.csv", [self.HEADER, good, good[:3], good])
        with pytest.raises(SourceFormatError, match="wrong number of fields") as error:
            list(read_national_csv(path))
        assert error.value.line == 3

    def test_unknown_format(self, tmp_path: Path) -> None:
        path = tmp_path / "notes.txt"
        path.write_text("hello\n", encoding="utf-8")
        with pytest.raises(ValueError, match="not a commune JSONL or national CSV"):
            detect_format(path)


@pytest.mark.parametrize(
    ("documents", "templates", "expected"),
    [
        (
            ["Tờ khai (Mẫu CT01 ban hành kèm theo Thông tư số 53/2025/TT-BCA)", "Giấy tờ khác"],
            ["1.MuCT01banhnhkmtheoThngts53 (3).doc"],
            ["1.MuCT01banhnhkmtheoThngts53 (3).doc", None],
        ),
        (
            ["Tờ khai phí theo mẫu số 01/PH", "Tờ khai lệ phí theo mẫu số 01/LP tại Phụ lục II"],
            ["01-LP.docx", "01-PH.doc"],
            ["01-PH.doc", "01-LP.docx"],
        ),
        (
            ["Tờ khai mẫu số 05-ĐK-TCT", "Tờ khai mẫu số 05-ĐK-TH-TCT"],
            ["Mẫu 05 ĐK-TH-TCT.docx", "Mẫu 05 ĐK TCT.docx"],
            ["Mẫu 05 ĐK TCT.docx", "Mẫu 05 ĐK-TH-TCT.docx"],
        ),
        (["Đơn theo Mẫu số 1 Phụ lục I"], ["Mauso01_ND131_2021.docx"], ["Mauso01_ND131_2021.docx"]),
        (
            ["1. Mẫu tờ khai đề nghị trợ giúp xã hội;", "Giấy tờ tùy thân"],
            ["To khai de nghi tro giup xa hoi.doc"],
            ["To khai de nghi tro giup xa hoi.doc", None],
        ),
        (["Bản khai theo mẫu"], ["Ban khai de nghi huong che do mai tang.docx"], [None]),
        (["Đơn đề nghị"], [], [None]),
    ],
)
def test_match_templates(documents: list[str], templates: list[str], expected: list[str | None]) -> None:
    assert match_templates(documents, templates) == expected


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("8.000 đồng", 8000),
        ("Lệ phí: 50.000 đ", 50000),
        ("200,000 VNĐ", 200000),
        ("Miễn phí", 0),
        ("Miễn lệ phí", 0),
        ("0 đồng", 0),
        ("2.000 đồng/trang", None),
        ("Theo quy định của HĐND tỉnh", None),
        ("Không", None),
    ],
)
def test_parse_fee_amount(text: str, amount: int | None) -> None:
    assert parse_fee_amount(text) == amount


def test_records_normalize_and_validate() -> None:
    record = ProcedureRecord(
        code=" 1.001193 ",
        name_vi=unicodedata.normalize("NFD", "Khai sinh "),
        name_en="  ",
        sector_vi="Hộ tịch",
        sector_en=None,
        level=None,
        agency="",
        steps=["  a ", "", " "],
    )
    assert (record.code, record.name_vi) == ("1.001193", "Khai sinh")
    assert (record.name_en, record.agency) == (None, None)
    assert record.steps == ["a"]
    with pytest.raises(ValueError, match="both"):
        ProcessingTime("online", Decimal(1), None, "1 ngày")
    with pytest.raises(ValueError, match="unknown channel"):
        ProcessingTime("fax", None, None, None)


@pytest.mark.skipif(not SHARED.is_dir(), reason="the shared procedure data set is not available")
def test_build_seed_reproduces_the_shipped_files(tmp_path: Path) -> None:
    build(SHARED, tmp_path)
    assert (tmp_path / "procedures.jsonl.gz").read_bytes() == SEED.read_bytes()
    assert (tmp_path / "national_catalog.csv.gz").read_bytes() == NATIONAL.read_bytes()
