"""What of an applicant may leave the center: a masked name on the public page, the last digits of an identity
number on paper and in QR codes (DOMAIN.md "Public lookup": never the ID number, phone or address)."""

from __future__ import annotations


def mask_name(full_name: str) -> str:
    """`Nguyễn Văn An` → `Nguyễn V. A.`: the family name and initials, enough to recognise, not to identify."""
    words = full_name.split()
    if not words:
        return ""
    if len(words) == 1:
        return words[0][0] + "."
    return " ".join([words[0], *(w[0] + "." for w in words[1:])])


def mask_id(id_number: str) -> str:
    """Only the last 3 digits of an identity number ever leave the center on paper or in a QR code."""
    return "*" * (len(id_number) - 3) + id_number[-3:]
