"""Build the seed catalog shipped with the application from the shared procedure data set.

    python -m motcua.procedures.build_seed /path/to/data/procedures [--out DIR]

Writes, into `motcua/seed/data/` unless `--out` is given (the application never reads the data set itself):

* `procedures.jsonl.gz`: the commune-level procedures (commune_procedures.jsonl) enriched from
  curated_62.json with `name_en`, `sector_en` and `fees`, plus the curated procedures missing from the JSONL,
  converted to the same format; `sector_en` of the others comes from `sector_names.py`;
* `national_catalog.csv.gz`: the national list as it is (for search benchmarks).

The output is deterministic (records sorted by code, fixed key order, gzip without name or time stamp), so
rebuilding from the same data gives byte-identical files.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

from motcua.procedures.records import CHANNELS
from motcua.procedures.sector_names import SECTOR_NAMES_EN
from motcua.procedures.sources import build_report, read_commune_jsonl, read_national_csv

__all__ = ["SEED_DIR", "build", "main", "seed_records"]

SEED_DIR = Path(__file__).resolve().parent.parent / "seed" / "data"
COMMUNE_FILE = "commune_procedures.jsonl"
CURATED_FILE = "curated_62.json"
NATIONAL_FILE = "national_catalog.csv"
SEED_PROCEDURES = "procedures.jsonl.gz"
SEED_NATIONAL = "national_catalog.csv.gz"

_KEY_ORDER = (
    "code",
    "name_vi",
    "name_en",
    "sector_vi",
    "sector_en",
    "level",
    "procedure_type",
    "target_users",
    "authorities",
    "channels",
    "methods",
    "fees",
    "documents",
    "steps",
    "conditions",
    "results",
    "legal_basis",
    "form_templates",
)
# Curated levels carry how they were established: "Cấp xã (inferred: implementing agencies … include UBND …)".
_LEVEL_NOTE = re.compile(r"\s*\(inferred:.*\)\s*$", re.DOTALL)
# The curated data gives no wording of its own for a fee, only an amount and an English note.
_FEE_DESCRIPTION = "Phí, lệ phí"

Json = dict[str, Any]


def _normalized(value: Any) -> Any:
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value).strip()
    if isinstance(value, list):
        return [_normalized(v) for v in value]
    if isinstance(value, dict):
        return {k: _normalized(v) for k, v in value.items()}
    return value


def _ordered(record: Json) -> Json:
    known = {k: record[k] for k in _KEY_ORDER if k in record}
    return known | {k: record[k] for k in sorted(record) if k not in known}


# The curated fee notes are English working notes; citizens read these Vietnamese ones (same facts).
FEE_NOTES_VI: Final[dict[str, tuple[str, str]]] = {
    "1.001193": (
        "Lệ phí đăng ký khai sinh",
        "Miễn lệ phí khi đăng ký đúng hạn (trong 60 ngày kể từ ngày sinh) và cho người thuộc gia đình có công "
        "với cách mạng, hộ nghèo, người khuyết tật; đăng ký quá hạn: theo mức do HĐND tỉnh quy định.",
    ),
    "1.000894": (
        "Lệ phí đăng ký kết hôn",
        "Miễn lệ phí đăng ký kết hôn; phí cấp thêm bản sao trích lục theo Thông tư 281/2016/TT-BTC.",
    ),
    "2.000635": (
        "Phí cấp bản sao trích lục hộ tịch",
        "8.000 đồng/bản sao trích lục/sự kiện hộ tịch; miễn cho gia đình có công với cách mạng, hộ nghèo, "
        "người khuyết tật.",
    ),
    "2.000815": (
        "Phí chứng thực bản sao từ bản chính",
        "2.000 đồng/trang; từ trang thứ ba trở đi 1.000 đồng/trang, tối đa 200.000 đồng/bản "
        "(Thông tư 226/2016/TT-BTC).",
    ),
    "1.010041": ("Phí xác nhận thông tin về cư trú", "Không thu phí."),
}


def _curated_fees(curated: Json) -> list[Json]:
    """A fee item only where the amount is known: the other curated notes say that it is not."""
    if curated.get("fee_vnd") is None:
        return []
    description, note = FEE_NOTES_VI.get(curated["code"], (_FEE_DESCRIPTION, None))
    return [{"description": description, "amount_vnd": curated["fee_vnd"], "note": note}]


def _from_curated(curated: Json, national: dict[str, Json]) -> Json:
    """A curated procedure that the commune JSONL lacks, in the commune JSONL format."""
    days = curated.get("processing_days")
    time_text = None if days is None else f"{days} ngày làm việc"
    level = curated.get("level")
    agency = national.get(curated["code"], {}).get("implementing_agency") or ""
    return {
        "code": curated["code"],
        "name_vi": curated["name_vi"],
        "name_en": curated["name_en"],
        "sector_vi": curated["sector_vi"],
        "sector_en": curated["sector_en"],
        "level": None if level is None else _LEVEL_NOTE.sub("", level),
        "procedure_type": None,
        "target_users": [],
        "authorities": [a.strip() for a in agency.split(";") if a.strip()],
        "channels": list(CHANNELS),
        "methods": [
            {"channel": channel, "processing_time_text": time_text, "fee_text": None, "description": None}
            for channel in CHANNELS
        ],
        "fees": _curated_fees(curated),
        "documents": [
            {
                "name": name,
                "group_name": None,
                "group_type": "required",
                "original_count": "1",
                "copy_count": "0",
                "conditions": [],
                "kind": "required",
            }
            for name in curated.get("documents_vi") or []
        ],
        "steps": [],
        "conditions": [],
        "results": [
            {"name": name.strip(), "result_code": None}
            for name in (curated.get("result_vi") or "").split(";")
            if name.strip()
        ],
        "legal_basis": [{"code": code, "title": None} for code in curated.get("legal_basis") or []],
        "form_templates": [],
    }


def _gzip(data: bytes) -> bytes:
    buffer = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=buffer, compresslevel=9, mtime=0) as stream:
        stream.write(data)
    return buffer.getvalue()


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_bytes(data)
    temporary.replace(path)


# The crawl says "1 ngày" for these, but the Law on Civil Status 2014 has them settled the same day the papers
# are complete (art. 16(2) birth, art. 18(2) marriage, art. 34(2) death; after 15:00 the next working day), as
# the curated notes also say. Marriage may take up to 5 working days when conditions must be verified, which the
# officer handles with an extension.
SAME_DAY_BY_LAW: Final = {"1.001193", "1.000894", "1.000656"}
SAME_DAY_TEXT: Final = "Trong ngày"


def _doc(name: str, *, originals: int = 1, copies: int = 0, condition: str | None = None) -> Json:
    return {
        "name": name,
        "group_name": "* Giấy tờ phải nộp:"
        if condition is None
        else "* Giấy tờ nộp trong một số trường hợp:",
        "group_type": "required" if condition is None else "conditional",
        "original_count": str(originals),
        "copy_count": str(copies),
        "conditions": [] if condition is None else [condition],
        "kind": "required" if condition is None else "conditional",
    }


_PROXY = "Văn bản ủy quyền (được chứng thực)"
_PROXY_WHEN = (
    "Khi ủy quyền cho người khác; không phải chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, "
    "chồng, anh, chị, em ruột của người ủy quyền."
)
_ID_PAPER = "Giấy tờ tùy thân của người đi đăng ký (thẻ căn cước, hộ chiếu…) – xuất trình"
# The crawl marks every document of the three busiest counter procedures "conditional" (marriage has none at
# all), which would make the counter checklist useless. Their checklists follow the Law on Civil Status 2014
# (art. 16, 18, 34) and Decree 123/2015/NĐ-CP, the curated documents and
# the forms of Circular 04/2024/TT-BTP.
CHECKLISTS: Final[dict[str, list[Json]]] = {
    "1.001193": [
        _doc("Tờ khai đăng ký khai sinh theo mẫu"),
        _doc(
            "Giấy chứng sinh; nếu không có thì văn bản của người làm chứng xác nhận về việc sinh, hoặc giấy cam "
            "đoan về việc sinh"
        ),
        _doc(_ID_PAPER),
        _doc(_PROXY, condition=_PROXY_WHEN),
        _doc(
            "Biên bản xác nhận việc trẻ bị bỏ rơi do cơ quan có thẩm quyền lập", condition="Trẻ em bị bỏ rơi."
        ),
        _doc(
            "Văn bản xác nhận của cơ sở y tế đã thực hiện kỹ thuật hỗ trợ sinh sản cho việc mang thai hộ",
            condition="Trẻ em sinh ra do mang thai hộ.",
        ),
    ],
    "1.000894": [
        _doc("Tờ khai đăng ký kết hôn theo mẫu (hai bên nam, nữ có thể khai chung một tờ khai)"),
        _doc("Giấy tờ tùy thân của hai bên nam, nữ (thẻ căn cước, hộ chiếu…) – xuất trình", originals=2),
        _doc(
            "Giấy xác nhận tình trạng hôn nhân",
            condition="Một bên không thường trú tại xã nơi đăng ký kết hôn.",
        ),
        _doc(
            "Giấy tờ chứng minh nơi cư trú – xuất trình",
            condition="Không khai thác được thông tin cư trú từ Cơ sở dữ liệu quốc gia về dân cư.",
        ),
    ],
    "1.000656": [
        _doc("Tờ khai đăng ký khai tử theo mẫu"),
        _doc("Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử do cơ quan có thẩm quyền cấp"),
        _doc(_ID_PAPER),
        _doc(_PROXY, condition=_PROXY_WHEN),
        _doc(
            "Giấy tờ, chứng cứ do cơ quan có thẩm quyền cấp hoặc xác nhận chứng minh sự kiện chết",
            condition="Người chết đã lâu, không có Giấy báo tử hoặc giấy tờ thay thế.",
        ),
    ],
}


def _apply_same_day(record: Json) -> Json:
    if record["code"] in SAME_DAY_BY_LAW:
        for method in record.get("methods") or []:
            method["processing_time_text"] = SAME_DAY_TEXT
    if record["code"] in CHECKLISTS:
        record["documents"] = CHECKLISTS[record["code"]]
    return record


def seed_records(source_dir: Path) -> list[Json]:
    """The seed procedures (commune format + name_en, sector_en, fees), sorted by code."""
    with (source_dir / COMMUNE_FILE).open(encoding="utf-8") as stream:
        commune: list[Json] = [_normalized(json.loads(line)) for line in stream if line.strip()]
    curated_list: list[Json] = _normalized(
        json.loads((source_dir / CURATED_FILE).read_text(encoding="utf-8"))
    )
    curated = {c["code"]: c for c in curated_list}
    with (source_dir / NATIONAL_FILE).open(encoding="utf-8", newline="") as stream:
        national = {row["code"]: _normalized(row) for row in csv.DictReader(stream)}

    for c in curated_list:
        known = SECTOR_NAMES_EN.get(c["sector_vi"])
        if known != c["sector_en"]:
            raise ValueError(f"sector_names.py disagrees with curated for {c['sector_vi']!r}: {known!r}")

    records: list[Json] = []
    for record in commune:
        extra = curated.get(record["code"])
        sector_en = SECTOR_NAMES_EN.get(record["sector_vi"])
        if sector_en is None:
            raise ValueError(f"no English name for sector {record['sector_vi']!r}: add it to sector_names.py")
        record["name_en"] = None if extra is None else extra["name_en"]
        record["sector_en"] = sector_en
        record["fees"] = [] if extra is None else _curated_fees(extra)
        records.append(_ordered(_apply_same_day(record)))
    in_commune = {r["code"] for r in commune}
    records += [_ordered(_from_curated(c, national)) for c in curated_list if c["code"] not in in_commune]

    codes = [r["code"] for r in records]
    duplicates = sorted({c for c in codes if codes.count(c) > 1})
    if duplicates:
        raise ValueError(f"duplicate procedure codes: {', '.join(duplicates)}")
    return sorted(records, key=lambda r: str(r["code"]))


def build(source_dir: Path, out_dir: Path = SEED_DIR) -> list[str]:
    """Write the seed files; return a summary to print."""
    records = seed_records(source_dir)
    lines = "".join(json.dumps(r, ensure_ascii=False, separators=(",", ":")) + "\n" for r in records)
    procedures_path = out_dir / SEED_PROCEDURES
    national_path = out_dir / SEED_NATIONAL
    _write(procedures_path, _gzip(lines.encode("utf-8")))
    _write(national_path, _gzip((source_dir / NATIONAL_FILE).read_bytes()))

    report = build_report(read_commune_jsonl(procedures_path))
    national_rows = sum(1 for _ in read_national_csv(national_path))
    return [
        f"{procedures_path}: {procedures_path.stat().st_size:,} bytes",
        f"{national_path}: {national_path.stat().st_size:,} bytes, {national_rows:,} procedures",
        *report.lines(),
    ]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m motcua.procedures.build_seed", description=__doc__)
    parser.add_argument("source_dir", type=Path, help="the data/procedures directory of the shared data set")
    parser.add_argument("--out", type=Path, default=SEED_DIR, help=f"output directory (default {SEED_DIR})")
    args = parser.parse_args(argv)
    try:
        summary = build(args.source_dir, args.out)
    except (OSError, ValueError, KeyError) as error:
        print(f"build_seed: {error}", file=sys.stderr)
        return 1
    print("\n".join(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
