"""What the printed forms carry about a dossier: their names and the QR code at their top left."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from urllib.parse import urlencode

from motcua.core.config import Settings
from motcua.core.time import local_moment_text
from motcua.dossiers.privacy import mask_id

# Forms of Circular 01/2018/TT-VPCP (renumbered by Circular 03/2025/TT-VPCP).
FORM_NAMES: dict[str, str] = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Thông báo dừng xử lý hồ sơ",
    "06": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
}


def tracking_url(settings: Settings, token: str) -> str:
    """The dossier's public page, which the receipt's QR code opens."""
    return f"{settings.public_base}/d/{token}"


def document_qr_url(settings: Settings, dossier: Any, *, form: str, issued_at: datetime) -> str:
    """What the QR code at the top left of a printed form encodes (Circular 01/2023/TT-VPCP): it opens the
    public tracking page and carries the dossier code, procedure code, the masked applicant identifier, the
    document's name, the issuing system, the time of issue and, on the receipt, the appointment."""
    query = {
        "ma": dossier.code,
        "tthc": dossier.procedure_code,
        "nguoi": mask_id(dossier.applicant_id_number),
        "giay": FORM_NAMES[form],
        "he_thong": "Một Cửa",
        "cap_luc": local_moment_text(issued_at),
    }
    if form in ("01", "04") and dossier.due_at is not None:
        query["hen_tra"] = local_moment_text(dossier.due_at)
    return f"{tracking_url(settings, dossier.public_token)}?{urlencode(query)}"
