"""Search normalization and ranking, including the ranking examples over the shipped seed catalog."""

from __future__ import annotations

import time
import unicodedata
from importlib import resources
from pathlib import Path

import pytest

from motcua.procedures.records import ProcedureRecord
from motcua.procedures.sources import read_commune_jsonl, read_national_csv
from motcua.procedures.text import (
    SearchIndex,
    fold,
    is_code_like,
    rank,
    search_text,
    strip_diacritics,
    tokens,
)

DATA = Path(str(resources.files("motcua.seed") / "data"))


@pytest.fixture(scope="module")
def seed() -> list[ProcedureRecord]:
    return list(read_commune_jsonl(DATA / "procedures.jsonl.gz"))


@pytest.fixture(scope="module")
def national() -> list[ProcedureRecord]:
    return list(read_national_csv(DATA / "national_catalog.csv.gz"))


def ranked(records: list[ProcedureRecord], query: str) -> list[str]:
    """Codes of the matches, best first, ties by code (what the caller does)."""
    scored = [
        (score, r.code)
        for r in records
        if (score := rank(query, code=r.code, name_vi=r.name_vi, name_en=r.name_en)) is not None
    ]
    return [code for _, code in sorted(scored, key=lambda item: (-item[0], item[1]))]


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Đăng Ký KHAI SINH", "dang ky khai sinh"),
        (unicodedata.normalize("NFD", "Chứng thực bản sao"), "chung thuc ban sao"),
        ("Thủ tục đăng ký–khai tử “lưu động”", "thu tuc dang ky khai tu luu dong"),
        ("  Mẫu số 01/PH,  ban hành  ", "mau so 01 ph ban hanh"),
        ("Ðăng ký", "dang ky"),  # eth typed for Đ
        ("1.001193", "1 001193"),
        ("Quản lý Đê điều – ĐK-TCT", "quan ly de dieu dk tct"),
        ("北京 ø", ""),
        ("", ""),
    ],
)
def test_fold(text: str, folded: str) -> None:
    assert fold(text) == folded
    assert fold(text).isascii()


def test_strip_diacritics_keeps_case_and_punctuation() -> None:
    assert strip_diacritics("Không quá 21,5 NGÀY làm việc.") == "Khong qua 21,5 NGAY lam viec."
    assert strip_diacritics("Đồng") == "Dong"


def test_tokens() -> None:
    assert tokens("Đăng ký, kết hôn!") == ["dang", "ky", "ket", "hon"]
    assert tokens(" - ") == []


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("1.001193", True),
        (" 1.001193 ", True),
        ("1,001193", True),
        ("1.0011", True),
        ("1.", True),
        ("001193", True),
        ("1.001193.000.00.00.H56", True),
        ("khai sinh", False),
        ("2025", False),
        ("1", False),
        ("", False),
    ],
)
def test_is_code_like(query: str, expected: bool) -> None:
    assert is_code_like(query) is expected


def test_search_text_is_ascii_and_folded() -> None:
    text = search_text("1.001193", "Thủ tục đăng ký khai sinh", "Birth registration")
    assert text == "1 001193 thu tuc dang ky khai sinh birth registration"
    assert search_text("2.000815", "Chứng thực", None) == "2 000815 chung thuc"


QUERIES = ["dang ky khai sinh", "ket hon", "1.001193", "chứng thực bản sao", "KHAI TỬ", "kha", "1.0011", "hộ"]


@pytest.mark.parametrize("query", QUERIES)
def test_like_prefilter_never_loses_a_match(seed: list[ProcedureRecord], query: str) -> None:
    # The database keeps rows whose search_text contains every token: a superset of what rank matches.
    for r in seed:
        if rank(query, code=r.code, name_vi=r.name_vi, name_en=r.name_en) is not None:
            stored = search_text(r.code, r.name_vi, r.name_en)
            assert stored.isascii()
            assert all(token in stored for token in tokens(query))


def score(query: str, name_vi: str, name_en: str | None = None, code: str = "9.999999") -> float | None:
    return rank(query, code=code, name_vi=name_vi, name_en=name_en)


class TestMatching:
    def test_accent_case_and_word_order_do_not_matter(self) -> None:
        name = "Thủ tục đăng ký khai sinh"
        for query in ["dang ky khai sinh", "ĐĂNG KÝ KHAI SINH", "khai sinh đăng ký", "Khai  Sinh"]:
            assert score(query, name) is not None

    def test_every_token_must_match(self) -> None:
        assert score("khai sinh lưu động", "Thủ tục đăng ký khai sinh") is None

    def test_word_prefix_matches_but_not_inside_a_word(self) -> None:
        assert score("kha", "Thủ tục đăng ký khai sinh") is not None
        assert score("hai", "Thủ tục đăng ký khai sinh") is None

    def test_tokens_may_come_from_code_and_both_names(self) -> None:
        assert score("001193 birth khai", "Thủ tục đăng ký khai sinh", "Birth registration", "1.001193")

    def test_empty_query_matches_nothing(self) -> None:
        assert score("", "Thủ tục đăng ký khai sinh") is None
        assert score(" ,. ", "Thủ tục đăng ký khai sinh") is None


class TestOrder:
    def test_exact_code_then_code_prefix_then_names(self) -> None:
        exact = score("1.001193", "X", code="1.001193")
        prefix = score("1.0011", "X", code="1.001193")
        number = score("001193", "X", code="1.001193")
        name = score("khai sinh", "Thủ tục đăng ký khai sinh")
        assert exact is not None
        assert number is not None
        assert prefix is not None
        assert name is not None
        assert exact > number > prefix > name

    def test_code_prefix_does_not_match_other_codes(self) -> None:
        assert score("1.0011", "X", code="1.002193") is None

    def test_name_equal_to_query_is_best(self) -> None:
        exact = score("đăng ký khai sinh", "Thủ tục đăng ký khai sinh")
        bare = score("đăng ký khai sinh", "Đăng ký khai sinh")
        longer = score("đăng ký khai sinh", "Thủ tục đăng ký khai sinh lưu động")
        assert exact is not None
        assert bare == exact
        assert longer is not None
        assert exact > longer

    def test_phrase_beats_scattered_tokens(self) -> None:
        phrase = score("khai sinh", "Đăng ký khai sinh có yếu tố nước ngoài tại khu vực biên giới")
        scattered = score("khai sinh", "Khai báo sinh")
        assert phrase is not None
        assert scattered is not None
        assert phrase > scattered

    def test_whole_words_beat_prefixes(self) -> None:
        whole = score("ket hon", "Đăng ký lại kết hôn")
        prefix = score("ket ho", "Đăng ký lại kết hôn")
        assert whole is not None
        assert prefix is not None
        assert whole > prefix
        scattered_whole = score("hon ket", "Kết hợp hôn nhân")
        scattered_prefix = score("ho ket", "Kết hợp hôn nhân")
        assert scattered_whole is not None
        assert scattered_prefix is not None
        assert scattered_whole > scattered_prefix

    def test_vietnamese_name_beats_english(self) -> None:
        vietnamese = score("registration", "Registration", "Something else")
        english = score("registration", "Something else", "Registration")
        assert vietnamese is not None
        assert english is not None
        assert vietnamese > english

    def test_better_english_tier_beats_worse_vietnamese(self) -> None:
        english = score("birth registration", "Thủ tục đăng ký khai sinh", "Birth registration")
        scattered = score("birth registration", "Registration of a birth", None)
        assert english is not None
        assert scattered is not None
        assert english > scattered

    def test_shorter_names_first(self) -> None:
        short = score("ket hon", "Thủ tục đăng ký kết hôn")
        long = score("ket hon", "Thủ tục đăng ký kết hôn có yếu tố nước ngoài")
        assert short is not None
        assert long is not None
        assert short > long

    def test_earlier_phrase_first(self) -> None:
        early = score("khai tu", "Khai tử lưu động")
        late = score("khai tu", "Lưu động khai tử")
        assert early is not None
        assert late is not None
        assert early > late


@pytest.mark.parametrize(
    ("query", "code", "within"),
    [
        ("dang ky khai sinh", "1.001193", 3),
        ("ket hon", "1.000894", 3),
        ("1.001193", "1.001193", 1),
        ("chứng thực bản sao", "2.000815", 3),
        ("KHAI TỬ", "1.000656", 3),
        ("dang ky ket hon", "1.000894", 1),
        ("birth registration", "1.001193", 1),
        ("001193", "1.001193", 1),
    ],
)
def test_seed_ranking(seed: list[ProcedureRecord], query: str, code: str, within: int) -> None:
    assert code in ranked(seed, query)[:within]
    index = SearchIndex((r.code, r.name_vi, r.name_en) for r in seed)
    assert [c for c, _ in index.search(query, limit=within)] == ranked(seed, query)[:within]


def test_search_index_orders_ties_by_code(seed: list[ProcedureRecord]) -> None:
    index = SearchIndex((r.code, r.name_vi, r.name_en) for r in seed)
    assert len(index) == len(seed)
    found = index.search("dat dai")
    assert found
    assert found == sorted(found, key=lambda item: (-item[1], item[0]))
    assert len({s for _, s in found}) < len(found)  # there are ties to break


def test_ranking_the_national_catalog_is_fast(national: list[ProcedureRecord]) -> None:
    # 5,608 names; a few ms on a developer machine. The bound is loose so that a busy CI runner passes,
    # while an accidental quadratic or per-call re-folding still fails.
    assert len(national) == 5608
    rows = [(r.code, r.name_vi, r.name_en) for r in national]
    index = SearchIndex(rows)
    ranked(national, "warm up the caches")
    timings = []
    for query in ["dang ky khai sinh", "ket hon", "chứng thực bản sao", "1.001193"]:
        start = time.perf_counter()
        index.search(query)
        timings.append(time.perf_counter() - start)
        start = time.perf_counter()
        ranked(national, query)
        timings.append(time.perf_counter() - start)
    assert max(timings) < 0.25
