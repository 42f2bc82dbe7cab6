"""QR codes for posters, receipts and forms (Circular 01/2023/TT-VPCP: every issued document carries one)."""

from __future__ import annotations

import io

import qrcode
import qrcode.image.pure
import qrcode.image.svg


def qr_code(data: str) -> qrcode.QRCode:  # type: ignore[type-arg]
    # Level M survives a scratched or badly printed poster while keeping modules large enough for old phones.
    # A 4-module quiet zone, as ISO/IEC 18004 asks: phone scanners miss codes printed closer to text.
    qr = qrcode.QRCode(error_correction=qrcode.ERROR_CORRECT_M, border=4, box_size=10)
    qr.add_data(data)
    qr.make(fit=True)
    return qr


def qr_svg(data: str) -> bytes:
    image = qr_code(data).make_image(image_factory=qrcode.image.svg.SvgPathImage)
    svg: bytes = image.to_string()
    return svg


def qr_png(data: str) -> bytes:
    buffer = io.BytesIO()
    qr_code(data).make_image(image_factory=qrcode.image.pure.PyPNGImage).save(buffer)
    return buffer.getvalue()
